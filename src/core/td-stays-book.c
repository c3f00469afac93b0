/* td-stays-book.c: bookings of rooms, and holds that run out
 *
 * A booking is one reservation with a stay per room, priced night by night
 * from the rate plan, committed at once (td-stay-commit.c); rooms chosen
 * for a type may be lost to another desk meanwhile, and are chosen again.
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

static void
set_policy (TdChange             *reservation,
            const TdCancelPolicy *policy)
{
  static const char *const names[] = {
    [TD_PENALTY_NONE] = "none",
    [TD_PENALTY_FIRST_NIGHT] = "first-night",
    [TD_PENALTY_PERCENT] = "percent",
  };

  td_change_set_string (reservation, "cancel_penalty", names[policy->penalty]);
  if (policy->free_days >= 0)
    td_change_set_int (reservation, "cancel_free_days", policy->free_days);
  if (policy->penalty == TD_PENALTY_PERCENT)
    td_change_set_int (reservation, "cancel_percent", policy->percent);
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
check_booking (const TdBooking  *booking,
               GError          **error)
{
  static const char *const sources[] = { "walk-in", "phone", "agency", "ota", "platform", NULL };

  if (booking->customer_id == NULL)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("A booking needs a guest or a company: choose the customer"));
      return FALSE;
    }
  if (booking->n_rooms == 0)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("A booking needs at least one room"));
      return FALSE;
    }
  if (booking->source && !g_strv_contains (sources, booking->source))
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("“%s” is not a booking source: use walk-in, phone, agency, ota or platform"), booking->source);
      return FALSE;
    }
  if (booking->flags != TD_BOOKING_NONE && is_blank (booking->override_reason))
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("A manager’s override needs a reason, which is recorded with the stay"));
      return FALSE;
    }
  for (guint i = 0; i < booking->n_rooms; i++)
    {
      const TdBookingRoom *room = &booking->rooms[i];

      if (room->room_id == NULL && room->room_type_id == NULL)
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("Choose a room or a room type"));
          return FALSE;
        }
      if (room->dates.end <= room->dates.start || !g_date_valid_julian (room->dates.start))
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                               _("The departure must be after the arrival"));
          return FALSE;
        }
      if (room->adults == 0)
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("A room needs at least one adult"));
          return FALSE;
        }
    }
  return TRUE;
}

/* One attempt: rooms chosen for the type may be lost to another desk in
 * the meantime (the room-night table says so); the caller tries again
 * without them. */
static TdBookingResult *
book_once (TdDatabase          *db,
           const char          *actor,
           const TdBooking     *booking,
           const TdBookingInto *into,
           const TdDeskTime    *when,
           GHashTable          *avoid,
           char               **lost_room,
           GError             **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TdBookingResult) result = g_new0 (TdBookingResult, 1);
  g_autofree char *property_id = NULL;
  TdStayCommit commit;
  TdChange *reservation = NULL;
  const char *reservation_id;
  gboolean ok = FALSE;

  result->stay_ids = g_ptr_array_new_with_free_func (g_free);
  _td_stay_commit_init (&commit, when);
  commit.block_id = into ? into->block_id : NULL;

  if (into && into->reservation_id)
    reservation_id = into->reservation_id;
  else
    {
      reservation = td_change_new_insert ("reservation", NULL);
      g_ptr_array_add (changes, reservation);
      reservation_id = td_change_get_id (reservation);
    }

  for (guint i = 0; i < booking->n_rooms; i++)
    {
      const TdBookingRoom *request = &booking->rooms[i];
      g_auto(TdRoomInfo) room = { 0 };
      g_autofree char *type_property = NULL;
      g_autofree char *type_label = NULL;
      g_autoptr(TdRatePlan) plan = NULL;
      g_autoptr(TdRateQuote) quote = NULL;
      const char *sold_type;
      const char *room_id = NULL;
      const char *occupancy_type;
      TdChange *stay;

      if (request->room_id)
        {
          if (!_td_stays_load_room (db, request->room_id, &room, error))
            goto out;
          room_id = room.id;
        }
      sold_type = request->room_type_id ? request->room_type_id : room.room_type_id;
      if (!_td_stays_load_room_type (db, sold_type, &type_property, &type_label, error))
        goto out;
      if (room_id && g_strcmp0 (room.property_id, type_property) != 0)
        {
          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                       _("Room %s is in another hotel than the room type %s"), room.number, type_label);
          goto out;
        }
      if (property_id == NULL)
        property_id = g_strdup (type_property);
      else if (g_strcmp0 (property_id, type_property) != 0)
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                               _("The rooms of one booking must all be in one hotel"));
          goto out;
        }

      /* the price of every night, fixed now */
      plan = _td_stays_choose_plan (db, sold_type, request->rate_plan_id, error);
      if (plan == NULL)
        goto out;
      quote = td_rate_plan_quote (plan, &request->dates, request->adults, request->children, error);
      if (quote == NULL)
        goto out;
      /* a block's rooms are sold by contract, whatever the rate's rules */
      if (quote->problems != TD_RATE_OK && !(booking->flags & TD_BOOKING_IGNORE_RESTRICTIONS)
          && !(into && into->block_id))
        {
          g_autofree char *why = td_rate_quote_describe_problems (quote);

          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_RESTRICTED,
                       /* Translators: the rate plan's name, then why it refuses the stay */
                       _("The rate “%s” does not allow this stay: %s"), plan->name, why);
          goto out;
        }
      if (into && into->night_price)
        for (guint n = 0; n < quote->nightly->len; n++)
          g_array_index (quote->nightly, gint64, n) = into->night_price->minor;

      /* any free room of the type, unless a room was chosen */
      if (room_id == NULL)
        {
          g_autoptr(TdInventory) inventory = _td_inventory_load (db, NULL, sold_type, &request->dates, when, error);
          TdTypeInventory *type;

          if (inventory == NULL)
            goto out;
          type = _td_inventory_get_type (inventory, sold_type);
          for (guint r = 0; type && r < type->free_rooms->len && room_id == NULL; r++)
            {
              TdAvailableRoom *free_room = g_ptr_array_index (type->free_rooms, r);

              if (!g_hash_table_contains (chosen, free_room->id) && !g_hash_table_contains (avoid, free_room->id))
                {
                  g_hash_table_add (chosen, g_strdup (free_room->id));
                  room_id = g_hash_table_lookup (chosen, free_room->id);
                }
            }
          if (room_id == NULL && !(booking->flags & TD_BOOKING_OVERBOOK))
            {
              g_autofree char *from = td_date_format_iso (request->dates.start);
              g_autofree char *to = td_date_format_iso (request->dates.end);

              g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_FULL,
                           _("No room of type %s is free for every night from %s to %s"), type_label, from, to);
              goto out;
            }
        }

      stay = td_change_new_insert ("stay", NULL);
      g_ptr_array_add (changes, stay);
      td_change_set_string (stay, "reservation_id", reservation_id);
      td_change_set_string (stay, "property_id", property_id);
      td_change_set_string (stay, "room_type_id", sold_type);
      if (room_id)
        td_change_set_string (stay, "room_id", room_id);
      _td_stay_set_dates (stay, &request->dates);
      td_change_set_int (stay, "adults", request->adults);
      td_change_set_int (stay, "children", request->children);
      if (plan->id)
        td_change_set_string (stay, "rate_plan_id", plan->id);
      if (into && into->block_id)
        td_change_set_string (stay, "block_id", into->block_id);
      if (request->customer_id)
        td_change_set_string (stay, "customer_id", request->customer_id);
      if (request->guest_name && *request->guest_name)
        td_change_set_string (stay, "guest_name", request->guest_name);
      td_change_set_string (stay, "state", booking->tentative ? "tentative" : "confirmed");
      if (booking->tentative && booking->hold_until > 0)
        {
          g_autofree char *hold = td_timestamp_from_unix (booking->hold_until);

          td_change_set_string (stay, "hold_until", hold);
        }
      _td_stay_set_nights (stay, quote->nightly, plan->currency);
      if (booking->flags != TD_BOOKING_NONE)
        td_change_set_string (stay, "override_reason", booking->override_reason);
      if (booking->flags & TD_BOOKING_OVERBOOK)
        td_change_set_bool (stay, "overbooked", TRUE);

      _td_stay_commit_add_write (&commit, stay, room_id, &request->dates);
      /* a room counts for the type it is; a stay without one for the type sold */
      occupancy_type = room.room_type_id ? room.room_type_id : sold_type;
      if (!(booking->flags & TD_BOOKING_OVERBOOK))
        _td_stay_commit_add_check (&commit, occupancy_type, &request->dates);
      g_ptr_array_add (result->stay_ids, g_strdup (td_change_get_id (stay)));

      if (reservation && i == 0)
        set_policy (reservation, &plan->policy);
    }

  if (reservation)
    {
      td_change_set_string (reservation, "property_id", property_id);
      td_change_set_string (reservation, "customer_id", booking->customer_id);
      if (booking->agency_id)
        td_change_set_string (reservation, "agency_id", booking->agency_id);
      td_change_set_string (reservation, "source", booking->source ? booking->source : "walk-in");
      if (booking->reference && *booking->reference)
        td_change_set_string (reservation, "reference", booking->reference);
      if (booking->commission_bp)
        td_change_set_int (reservation, "commission_bp", booking->commission_bp);
      if (booking->deposit)
        td_change_set_money (reservation, "deposit", booking->deposit);
      if (booking->requests && *booking->requests)
        td_change_set_string (reservation, "requests", booking->requests);
      if (booking->notes && *booking->notes)
        td_change_set_string (reservation, "notes", booking->notes);
    }

  ok = _td_stay_commit_run (db, actor, changes, &commit, error);
  if (!ok && commit.failed_room && g_hash_table_contains (chosen, commit.failed_room))
    *lost_room = g_strdup (commit.failed_room);

out:
  _td_stay_commit_clear (&commit);
  if (!ok)
    return NULL;
  result->reservation_id = g_strdup (reservation_id);
  return g_steal_pointer (&result);
}

TdBookingResult *
_td_stays_book_into (TdDatabase          *db,
                     const char          *actor,
                     const TdBooking     *booking,
                     const TdBookingInto *into,
                     const TdDeskTime    *when,
                     GError             **error)
{
  g_autoptr(GHashTable) avoid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TdDeskTime storage;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (booking != NULL, NULL);

  if (!check_booking (booking, error))
    return NULL;
  when = td_desk_time_or_now (when, db, &storage);

  /* holds past their time give their rooms back first */
  if (td_stays_expire_holds (db, actor, when, error) < 0)
    return NULL;

  /* a room chosen for its type and taken by another desk meanwhile: try
   * the next free one (a few times; then say what happened) */
  for (int attempt = 0;; attempt++)
    {
      g_autofree char *lost = NULL;
      GError *local_error = NULL;
      TdBookingResult *result = book_once (db, actor, booking, into, when, avoid, &lost, &local_error);

      if (result)
        return result;
      if (lost == NULL || attempt == 4)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_error_free (local_error);
      g_hash_table_add (avoid, g_steal_pointer (&lost));
    }
}

TdBookingResult *
td_stays_book (TdDatabase       *db,
               const char       *actor,
               const TdBooking  *booking,
               const TdDeskTime *when,
               GError          **error)
{
  return _td_stays_book_into (db, actor, booking, NULL, when, error);
}

/* ------------------------------------------------------------------ */
/* holds                                                              */

int
td_stays_expire_holds (TdDatabase        *db,
                       const char        *actor,
                       const TdDeskTime  *when,
                       GError           **error)
{
  TdDeskTime storage;
  g_autofree char *now = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), -1);

  when = td_desk_time_or_now (when, db, &storage);
  now = td_timestamp_from_unix (when->now);

  /* another desk may expire the same holds at the same moment: then the
   * revisions differ and reading again finds what is left */
  for (int attempt = 0;; attempt++)
    {
      g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
      GError *local_error = NULL;
      sqlite3_stmt *stmt;
      int rc;

      _td_database_lock (db);
      stmt = _td_database_prepare (db, "SELECT id, revision FROM stays WHERE state = 'tentative' AND deleted = 0 "
                                       "AND hold_until IS NOT NULL AND hold_until <= ?1", error);
      if (stmt == NULL)
        {
          _td_database_unlock (db);
          return -1;
        }
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          TdChange *change = td_change_new_update ("stay", (const char *) sqlite3_column_text (stmt, 0),
                                                   sqlite3_column_int64 (stmt, 1));

          td_change_set_string (change, "state", "cancelled");
          td_change_set_string (change, "cancel_reason", "hold-expired");
          td_change_set_string (change, "cancelled_at", now);
          g_ptr_array_add (changes, change);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        _td_database_set_error (error, _td_database_get_handle (db), rc);
      _td_database_unlock (db);
      if (rc != SQLITE_DONE)
        return -1;

      if (changes->len == 0)
        return 0;
      if (td_database_commit (db, actor, changes, &local_error))
        return (int) changes->len;
      if (!g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT) || attempt == 2)
        {
          g_propagate_error (error, local_error);
          return -1;
        }
      g_error_free (local_error);
    }
}

/* ------------------------------------------------------------------ */
/* in a worker thread                                                 */

typedef struct {
  char          *actor;
  TdBooking      booking;
  TdBookingRoom *rooms;
  TdMoney        deposit;
  GPtrArray     *strings;  /* owns the copies */
  gboolean       has_when;
  TdDeskTime     when;
} BookData;

static void
book_data_free (BookData *data)
{
  g_free (data->actor);
  g_free (data->rooms);
  g_ptr_array_unref (data->strings);
  g_free (data);
}

static const char *
keep (BookData   *data,
      const char *text)
{
  char *copy = g_strdup (text);

  if (copy)
    g_ptr_array_add (data->strings, copy);
  return copy;
}

static void
book_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BookData *data = task_data;
  GError *error = NULL;
  TdBookingResult *result = td_stays_book (source_object, data->actor, &data->booking,
                                           data->has_when ? &data->when : NULL, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) td_booking_result_free);
}

void
td_stays_book_async (TdDatabase          *db,
                     const char          *actor,
                     const TdBooking     *booking,
                     const TdDeskTime    *when,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BookData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (booking != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (BookData, 1);
  data->strings = g_ptr_array_new_with_free_func (g_free);
  data->actor = g_strdup (actor);
  data->booking = *booking;
  data->booking.customer_id = keep (data, booking->customer_id);
  data->booking.agency_id = keep (data, booking->agency_id);
  data->booking.source = keep (data, booking->source);
  data->booking.reference = keep (data, booking->reference);
  data->booking.requests = keep (data, booking->requests);
  data->booking.notes = keep (data, booking->notes);
  data->booking.override_reason = keep (data, booking->override_reason);
  if (booking->deposit)
    {
      data->deposit = *booking->deposit;
      data->booking.deposit = &data->deposit;
    }
  data->rooms = g_new0 (TdBookingRoom, MAX (booking->n_rooms, 1));
  for (guint i = 0; i < booking->n_rooms; i++)
    {
      data->rooms[i] = booking->rooms[i];
      data->rooms[i].room_id = keep (data, booking->rooms[i].room_id);
      data->rooms[i].room_type_id = keep (data, booking->rooms[i].room_type_id);
      data->rooms[i].rate_plan_id = keep (data, booking->rooms[i].rate_plan_id);
      data->rooms[i].customer_id = keep (data, booking->rooms[i].customer_id);
      data->rooms[i].guest_name = keep (data, booking->rooms[i].guest_name);
    }
  data->booking.rooms = data->rooms;
  if (when)
    {
      data->has_when = TRUE;
      data->when = *when;
    }

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_stays_book_async);
  g_task_set_task_data (task, data, (GDestroyNotify) book_data_free);
  /* once started, a booking completes or rolls back: never half */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, book_thread);
}

TdBookingResult *
td_stays_book_finish (TdDatabase    *db,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_stays_book_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
