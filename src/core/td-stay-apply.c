/* td-stay-apply.c: changes to one stay: its state, dates and room
 *
 * Check-in, check-out, cancellation, no-show, new dates and moves to
 * another room, each one commit (td-stay-commit.c) that the room-night
 * table and the room types' counts keep honest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-desk-private.h"
#include "td-inventory-private.h"
#include "td-stays-private.h"
#include "td-time.h"

static gboolean
load_policy (TdDatabase     *db,
             const char     *reservation_id,
             TdCancelPolicy *policy,
             GError        **error)
{
  g_autoptr(JsonObject) record = td_database_get_record (db, "reservation", reservation_id, error);
  const char *penalty;

  if (record == NULL)
    return FALSE;
  penalty = json_object_get_string_member_with_default (record, "cancel_penalty", NULL);
  policy->penalty = g_strcmp0 (penalty, "first-night") == 0 ? TD_PENALTY_FIRST_NIGHT
                  : g_strcmp0 (penalty, "percent") == 0 ? TD_PENALTY_PERCENT
                  : TD_PENALTY_NONE;
  policy->free_days = json_object_get_null_member (record, "cancel_free_days")
                      ? -1 : (int) json_object_get_int_member (record, "cancel_free_days");
  policy->percent = json_object_get_null_member (record, "cancel_percent")
                    ? 100 : (guint) json_object_get_int_member (record, "cancel_percent");
  return TRUE;
}

static gboolean
require_state (const TdStay  *stay,
               guint          allowed,
               const char    *what,
               GError       **error)
{
  if (allowed & TD_STAY_STATE_BIT (stay->state))
    return TRUE;
  /* Translators: what was tried (“check in”), the stay's state */
  g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
               _("Cannot %s a stay that is %s"), what, td_stay_state_get_title (stay->state));
  return FALSE;
}

/* The type a stay's nights count against: its room's, or the type sold. */
static char *
occupancy_type (TdDatabase    *db,
                const TdStay  *stay,
                GError       **error)
{
  g_auto(TdRoomInfo) room = { 0 };

  if (stay->room_id == NULL)
    return g_strdup (stay->room_type_id);
  if (!_td_stays_load_room (db, stay->room_id, &room, error))
    return NULL;
  return g_steal_pointer (&room.room_type_id);
}

/* The price of the nights of dates: a night the stay already had keeps its
 * price; a new one is priced by the stay's plan (or the type's first). */
static GArray *
price_nights (TdDatabase         *db,
              const TdStay       *stay,
              const TdDateRange  *dates,
              GError            **error)
{
  g_autoptr(GArray) nightly = g_array_sized_new (FALSE, FALSE, sizeof (gint64), td_date_range_get_nights (dates));
  g_autoptr(TdRatePlan) plan = NULL;

  for (guint32 night = dates->start; night < dates->end; night++)
    {
      gint64 price;

      if (td_date_range_contains (&stay->dates, night))
        price = g_array_index (stay->nightly, gint64, night - stay->dates.start);
      else
        {
          if (plan == NULL)
            {
              GError *local_error = NULL;

              if (stay->rate_plan_id)
                plan = td_rate_plan_load (db, stay->rate_plan_id, &local_error);
              if (plan == NULL)
                {
                  g_clear_error (&local_error);
                  plan = _td_stays_choose_plan (db, stay->room_type_id, NULL, error);
                }
              if (plan == NULL)
                return NULL;
              if (g_strcmp0 (plan->currency, stay->total.currency) != 0)
                {
                  g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                               _("The rate plan is in %s, the stay in %s"), plan->currency, stay->total.currency);
                  return NULL;
                }
            }
          price = td_rate_plan_night_price (plan, night, stay->adults, stay->children);
        }
      g_array_append_val (nightly, price);
    }
  return g_steal_pointer (&nightly);
}

static TdStay *
commit_and_reload (TdDatabase    *db,
                   const char    *actor,
                   GPtrArray     *changes,
                   TdStayCommit  *commit,
                   const char    *reload_id,
                   GError       **error)
{
  gboolean ok = _td_stay_commit_run (db, actor, changes, commit, error);

  _td_stay_commit_clear (commit);
  if (!ok)
    return NULL;
  return td_stay_get (db, reload_id, error);
}

/* The commit for new dates (check-out early or late, extensions): the
 * nights added are checked against the room type. */
static TdChange *
dates_change (TdDatabase         *db,
              const TdStay       *stay,
              const TdDateRange  *dates,
              TdStayCommit       *commit,
              GError            **error)
{
  g_autoptr(GArray) nightly = price_nights (db, stay, dates, error);
  g_autofree char *type = NULL;
  TdChange *change;

  if (nightly == NULL)
    return NULL;
  type = occupancy_type (db, stay, error);
  if (type == NULL)
    return NULL;

  change = td_change_new_update ("stay", stay->id, stay->revision);
  _td_stay_set_dates (change, dates);
  _td_stay_set_nights (change, nightly, stay->total.currency);
  _td_stay_commit_add_write (commit, change, stay->room_id, dates);
  if (td_stay_state_takes_room (stay->state))
    {
      TdDateRange before = { dates->start, MIN (dates->end, stay->dates.start) };
      TdDateRange after = { MAX (dates->start, stay->dates.end), dates->end };

      _td_stay_commit_add_check (commit, type, &before);
      _td_stay_commit_add_check (commit, type, &after);
    }
  return change;
}

TdStay *
td_stay_apply (TdDatabase        *db,
               const char        *actor,
               const char        *stay_id,
               TdStayAction       action,
               const TdDeskTime  *when,
               GError           **error)
{
  return _td_stay_apply_with (db, actor, stay_id, action, when, NULL, error);
}

TdStay *
_td_stay_apply_with (TdDatabase              *db,
                     const char              *actor,
                     const char              *stay_id,
                     TdStayAction             action,
                     const TdDeskTime        *when,
                     const TdStayApplyExtra  *extra,
                     GError                 **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStay) stay = NULL;
  g_autofree char *now = NULL;
  TdDeskTime storage;
  TdStayCommit commit;
  TdChange *change = NULL;
  TdChange *room_change = NULL;
  const guint booked = TD_STAY_STATE_BIT (TD_STAY_TENTATIVE) | TD_STAY_STATE_BIT (TD_STAY_CONFIRMED);

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (stay_id != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  now = td_timestamp_from_unix (when->now);
  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return NULL;
  _td_stay_commit_init (&commit, when);
  commit.extra = extra;

  switch (action)
    {
    case TD_STAY_ACTION_CONFIRM:
    case TD_STAY_ACTION_CHECK_IN:
      if (action == TD_STAY_ACTION_CONFIRM
          && !require_state (stay, TD_STAY_STATE_BIT (TD_STAY_TENTATIVE), C_("action", "confirm"), error))
        goto fail;
      if (action == TD_STAY_ACTION_CHECK_IN)
        {
          g_autofree char *arrival = td_date_format_iso (stay->dates.start);
          g_autofree char *departure = td_date_format_iso (stay->dates.end);

          if (!require_state (stay, booked, C_("action", "check in"), error))
            goto fail;
          if (stay->room_id == NULL)
            {
              g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                                   _("The stay has no room yet (overbooked): give it a room first"));
              goto fail;
            }
          if (when->today < stay->dates.start)
            {
              g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                           _("The guest arrives on %s: change the arrival date to check in earlier"), arrival);
              goto fail;
            }
          if (when->today >= stay->dates.end)
            {
              g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                           _("The stay ended on %s: it can no longer be checked in"), departure);
              goto fail;
            }
        }
      change = td_change_new_update ("stay", stay->id, stay->revision);
      td_change_set_string (change, "state", action == TD_STAY_ACTION_CONFIRM ? "confirmed" : "checked_in");
      td_change_set_null (change, "hold_until");
      if (action == TD_STAY_ACTION_CHECK_IN)
        td_change_set_string (change, "checked_in_at", now);
      _td_stay_commit_add_write (&commit, change, stay->room_id, &stay->dates);
      /* a hold past its time no longer counted: it must fit again */
      if (stay->state == TD_STAY_TENTATIVE && !stay->overbooked)
        {
          g_autofree char *type = occupancy_type (db, stay, error);

          if (type == NULL)
            goto fail;
          _td_stay_commit_add_check (&commit, type, &stay->dates);
        }
      break;

    case TD_STAY_ACTION_CANCEL:
    case TD_STAY_ACTION_NO_SHOW:
      {
        TdCancelPolicy policy;
        TdMoney fee;
        guint32 day = when->today;

        if (!require_state (stay, booked,
                            action == TD_STAY_ACTION_CANCEL ? C_("action", "cancel") : C_("action", "mark as a no-show"),
                            error))
          goto fail;
        if (action == TD_STAY_ACTION_NO_SHOW)
          {
            if (when->today < stay->dates.start)
              {
                g_autofree char *arrival = td_date_format_iso (stay->dates.start);

                g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                             _("The guest is due on %s: not a no-show before then"), arrival);
                goto fail;
              }
            /* not showing up is always late */
            day = MAX (day, stay->dates.start + 1);
          }
        if (!load_policy (db, stay->reservation_id, &policy, error))
          goto fail;
        td_money_init (&fee, td_cancel_policy_fee (&policy, (const gint64 *) (gpointer) stay->nightly->data,
                                                   stay->nightly->len, stay->dates.start, day),
                       stay->total.currency, NULL);
        change = td_change_new_update ("stay", stay->id, stay->revision);
        td_change_set_string (change, "state", action == TD_STAY_ACTION_CANCEL ? "cancelled" : "no_show");
        td_change_set_string (change, "cancel_reason", action == TD_STAY_ACTION_CANCEL ? "guest" : "no-show");
        td_change_set_string (change, "cancelled_at", now);
        td_change_set_money (change, "cancellation_fee", &fee);
      }
      break;

    case TD_STAY_ACTION_CHECK_OUT:
      {
        TdDateRange dates = stay->dates;

        if (!require_state (stay, TD_STAY_STATE_BIT (TD_STAY_CHECKED_IN), C_("action", "check out"), error))
          goto fail;
        /* early: the nights left are free at once (the first night stays,
         * even for a guest who leaves on the day of arrival); late: the
         * nights overstayed are added, if the room is free for them */
        if (when->today != stay->dates.end)
          dates.end = MAX (when->today, stay->dates.start + 1);
        if (dates.end != stay->dates.end)
          change = dates_change (db, stay, &dates, &commit, error);
        else
          {
            change = td_change_new_update ("stay", stay->id, stay->revision);
            _td_stay_commit_add_write (&commit, change, stay->room_id, &dates);
          }
        if (change == NULL)
          goto fail;
        td_change_set_string (change, "state", "checked_out");
        td_change_set_string (change, "checked_out_at", now);
        /* the guest has left: the room is dirty, in the same commit */
        room_change = _td_housekeeping_change (db, stay->room_id, TD_HOUSEKEEPING_DIRTY, now, error);
        if (room_change == NULL)
          {
            td_change_unref (change);
            goto fail;
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  g_ptr_array_add (changes, change);
  if (room_change)
    g_ptr_array_add (changes, room_change);
  if (extra && extra->add && !extra->add (db, stay, change, changes, extra->user_data, error))
    goto fail;
  return commit_and_reload (db, actor, changes, &commit, stay->id, error);

fail:
  _td_stay_commit_clear (&commit);
  return NULL;
}

TdStay *
td_stay_change_dates (TdDatabase         *db,
                      const char         *actor,
                      const char         *stay_id,
                      const TdDateRange  *dates,
                      const TdDeskTime   *when,
                      GError            **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStay) stay = NULL;
  TdDeskTime storage;
  TdStayCommit commit;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (dates != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  if (dates->end <= dates->start)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("The departure must be after the arrival"));
      return NULL;
    }
  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return NULL;
  if (!require_state (stay, TD_STAY_STATE_BIT (TD_STAY_TENTATIVE) | TD_STAY_STATE_BIT (TD_STAY_CONFIRMED)
                            | TD_STAY_STATE_BIT (TD_STAY_CHECKED_IN),
                      C_("action", "change the dates of"), error))
    return NULL;
  if (stay->state == TD_STAY_CHECKED_IN)
    {
      if (dates->start != stay->dates.start)
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                               _("The guest is in house: the arrival date cannot change any more"));
          return NULL;
        }
      if (dates->end <= when->today)
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                               _("A guest in house leaves today at the earliest: check the guest out instead"));
          return NULL;
        }
    }

  _td_stay_commit_init (&commit, when);
  change = dates_change (db, stay, dates, &commit, error);
  if (change == NULL)
    {
      _td_stay_commit_clear (&commit);
      return NULL;
    }
  g_ptr_array_add (changes, change);
  return commit_and_reload (db, actor, changes, &commit, stay->id, error);
}

TdStay *
td_stay_move_and_change_dates (TdDatabase         *db,
                               const char         *actor,
                               const char         *stay_id,
                               const char         *room_id,
                               const TdDateRange  *dates,
                               const TdDeskTime   *when,
                               GError            **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStay) stay = NULL;
  g_auto(TdRoomInfo) room = { 0 };
  g_autofree char *old_type = NULL;
  TdDeskTime storage;
  TdStayCommit commit;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (room_id != NULL && dates != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return NULL;
  if (!require_state (stay, TD_STAY_STATE_BIT (TD_STAY_TENTATIVE) | TD_STAY_STATE_BIT (TD_STAY_CONFIRMED),
                      C_("action", "move"), error))
    return NULL;
  if (dates->end <= dates->start)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("A stay needs at least one night"));
      return NULL;
    }
  if (!_td_stays_load_room (db, room_id, &room, error))
    return NULL;
  if (g_strcmp0 (room.property_id, stay->property_id) != 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("Room %s is in another hotel: cancel this stay and book there instead"), room.number);
      return NULL;
    }
  old_type = occupancy_type (db, stay, error);
  if (old_type == NULL)
    return NULL;

  _td_stay_commit_init (&commit, when);
  change = dates_change (db, stay, dates, &commit, error);
  if (change == NULL)
    {
      _td_stay_commit_clear (&commit);
      return NULL;
    }
  /* the nights are taken in the new room, checked against its type */
  td_change_set_string (change, "room_id", room.id);
  _td_stay_commit_set_last_room (&commit, room.id);
  if (g_strcmp0 (old_type, room.room_type_id) != 0)
    _td_stay_commit_add_check (&commit, room.room_type_id, dates);
  g_ptr_array_add (changes, change);
  return commit_and_reload (db, actor, changes, &commit, stay->id, error);
}

TdStay *
td_stay_move (TdDatabase        *db,
              const char        *actor,
              const char        *stay_id,
              const char        *room_id,
              guint32            from_night,
              const TdDeskTime  *when,
              GError           **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStay) stay = NULL;
  g_auto(TdRoomInfo) room = { 0 };
  g_autofree char *old_type = NULL;
  g_autofree char *now = NULL;
  TdDeskTime storage;
  TdStayCommit commit;
  TdChange *change;
  const char *result_id;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (room_id != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  now = td_timestamp_from_unix (when->now);
  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return NULL;
  if (!require_state (stay, TD_STAY_STATE_BIT (TD_STAY_TENTATIVE) | TD_STAY_STATE_BIT (TD_STAY_CONFIRMED)
                            | TD_STAY_STATE_BIT (TD_STAY_CHECKED_IN),
                      C_("action", "move"), error))
    return NULL;
  if (!_td_stays_load_room (db, room_id, &room, error))
    return NULL;
  if (g_strcmp0 (room.property_id, stay->property_id) != 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("Room %s is in another hotel: cancel this stay and book there instead"), room.number);
      return NULL;
    }
  if (g_strcmp0 (room.id, stay->room_id) == 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("The stay is already in room %s"), room.number);
      return NULL;
    }
  if (from_night >= stay->dates.end)
    {
      g_autofree char *departure = td_date_format_iso (stay->dates.end);

      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("The stay ends on %s: there is no night left to move from that date"), departure);
      return NULL;
    }
  from_night = MAX (from_night, stay->dates.start);
  if (stay->state == TD_STAY_CHECKED_IN && from_night < when->today)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                           _("Nights already spent cannot move: move the guest from today on"));
      return NULL;
    }
  old_type = occupancy_type (db, stay, error);
  if (old_type == NULL)
    return NULL;

  _td_stay_commit_init (&commit, when);

  if (from_night == stay->dates.start)
    {
      /* the whole stay, or a room for an overbooked one */
      change = td_change_new_update ("stay", stay->id, stay->revision);
      td_change_set_string (change, "room_id", room.id);
      g_ptr_array_add (changes, change);
      _td_stay_commit_add_write (&commit, change, room.id, &stay->dates);
      if (g_strcmp0 (old_type, room.room_type_id) != 0)
        _td_stay_commit_add_check (&commit, room.room_type_id, &stay->dates);
      result_id = stay->id;
    }
  else
    {
      /* the first nights stay where they were, the rest in the new room */
      TdDateRange first = { stay->dates.start, from_night };
      TdDateRange rest = { from_night, stay->dates.end };
      guint split = from_night - stay->dates.start;
      g_autoptr(GArray) first_prices = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) rest_prices = g_array_new (FALSE, FALSE, sizeof (gint64));
      gboolean moving_now = stay->state == TD_STAY_CHECKED_IN && from_night <= when->today;
      TdChange *next;

      g_array_append_vals (first_prices, stay->nightly->data, split);
      g_array_append_vals (rest_prices, &g_array_index (stay->nightly, gint64, split), stay->nightly->len - split);

      change = td_change_new_update ("stay", stay->id, stay->revision);
      _td_stay_set_dates (change, &first);
      _td_stay_set_nights (change, first_prices, stay->total.currency);
      g_ptr_array_add (changes, change);
      _td_stay_commit_add_write (&commit, change, stay->room_id, &first);
      if (moving_now)
        {
          /* the guest has left the room: dirty */
          TdChange *room_change = _td_housekeeping_change (db, stay->room_id, TD_HOUSEKEEPING_DIRTY, now, error);

          if (room_change == NULL)
            {
              _td_stay_commit_clear (&commit);
              return NULL;
            }
          td_change_set_string (change, "state", "checked_out");
          td_change_set_string (change, "checked_out_at", now);
          g_ptr_array_add (changes, room_change);
        }

      next = td_change_new_insert ("stay", NULL);
      td_change_set_string (next, "reservation_id", stay->reservation_id);
      td_change_set_string (next, "property_id", stay->property_id);
      td_change_set_string (next, "room_type_id", stay->room_type_id);
      td_change_set_string (next, "room_id", room.id);
      _td_stay_set_dates (next, &rest);
      td_change_set_int (next, "adults", stay->adults);
      td_change_set_int (next, "children", stay->children);
      if (stay->rate_plan_id)
        td_change_set_string (next, "rate_plan_id", stay->rate_plan_id);
      if (stay->block_id)
        td_change_set_string (next, "block_id", stay->block_id);
      if (stay->customer_id)
        td_change_set_string (next, "customer_id", stay->customer_id);
      if (stay->guest_name)
        td_change_set_string (next, "guest_name", stay->guest_name);
      td_change_set_string (next, "state", moving_now ? "checked_in" : td_stay_state_to_string (stay->state));
      if (moving_now)
        td_change_set_string (next, "checked_in_at", now);
      if (stay->state == TD_STAY_TENTATIVE && stay->hold_until)
        td_change_set_string (next, "hold_until", stay->hold_until);
      _td_stay_set_nights (next, rest_prices, stay->total.currency);
      td_change_set_string (next, "moved_from", stay->id);
      g_ptr_array_add (changes, next);
      _td_stay_commit_add_write (&commit, next, room.id, &rest);
      if (g_strcmp0 (old_type, room.room_type_id) != 0)
        _td_stay_commit_add_check (&commit, room.room_type_id, &rest);
      result_id = td_change_get_id (next);
    }

  {
    g_autofree char *id = g_strdup (result_id);

    return commit_and_reload (db, actor, changes, &commit, id, error);
  }
}

/* ------------------------------------------------------------------ */
/* in a worker thread                                                 */

typedef struct {
  char         *actor;
  char         *stay_id;
  TdStayAction  action;
  gboolean      has_when;
  TdDeskTime    when;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_free (data->actor);
  g_free (data->stay_id);
  g_free (data);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyData *data = task_data;
  GError *error = NULL;
  TdStay *stay = td_stay_apply (source_object, data->actor, data->stay_id, data->action,
                                data->has_when ? &data->when : NULL, &error);

  if (stay == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stay, (GDestroyNotify) td_stay_free);
}

void
td_stay_apply_async (TdDatabase          *db,
                     const char          *actor,
                     const char          *stay_id,
                     TdStayAction         action,
                     const TdDeskTime    *when,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ApplyData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (stay_id != NULL);

  data = g_new0 (ApplyData, 1);
  data->actor = g_strdup (actor);
  data->stay_id = g_strdup (stay_id);
  data->action = action;
  if (when)
    {
      data->has_when = TRUE;
      data->when = *when;
    }

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_stay_apply_async);
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, apply_thread);
}

TdStay *
td_stay_apply_finish (TdDatabase    *db,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_stay_apply_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
