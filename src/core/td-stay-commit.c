/* td-stay-commit.c: the commit of a change to stays, and what it needs
 *
 * Every write of a stay is a list of TdChange committed with two hooks
 * (see td-database-private.h): a check, inside the transaction, that no
 * room type is sold beyond its rooms on the nights a change adds; and an
 * explanation of a refusal by the room-night table (which room, which
 * night, taken by whom). Also the rooms, room types, plans, nights and
 * dates that bookings (td-stays-book.c) and changes (td-stay-apply.c) read
 * and write.
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

/* ------------------------------------------------------------------ */
/* the commit and its hooks                                           */

typedef struct {
  TdChange    *change;      /* the change that writes a stay (borrowed) */
  char        *stay_id;
  char        *room_id;     /* the room it takes, or NULL */
  TdDateRange  dates;       /* the nights it takes */
} StayWrite;

typedef struct {
  char        *room_type_id;
  TdDateRange  dates;
} TypeCheck;

static void
stay_write_free (StayWrite *write)
{
  g_free (write->stay_id);
  g_free (write->room_id);
  g_free (write);
}

static void
type_check_free (TypeCheck *check)
{
  g_free (check->room_type_id);
  g_free (check);
}

void
_td_stay_commit_init (TdStayCommit     *commit,
                      const TdDeskTime *when)
{
  memset (commit, 0, sizeof *commit);
  commit->writes = g_ptr_array_new_with_free_func ((GDestroyNotify) stay_write_free);
  commit->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) type_check_free);
  commit->when = when;
}

void
_td_stay_commit_clear (TdStayCommit *commit)
{
  g_clear_pointer (&commit->writes, g_ptr_array_unref);
  g_clear_pointer (&commit->checks, g_ptr_array_unref);
  g_clear_pointer (&commit->failed_room, g_free);
}

void
_td_stay_commit_add_write (TdStayCommit      *commit,
                           TdChange          *change,
                           const char        *room_id,
                           const TdDateRange *dates)
{
  StayWrite *write = g_new0 (StayWrite, 1);

  write->change = change;
  write->stay_id = g_strdup (td_change_get_id (change));
  write->room_id = g_strdup (room_id);
  write->dates = *dates;
  g_ptr_array_add (commit->writes, write);
}

void
_td_stay_commit_set_last_room (TdStayCommit *commit,
                               const char   *room_id)
{
  StayWrite *write;

  g_return_if_fail (commit->writes->len > 0);
  write = g_ptr_array_index (commit->writes, commit->writes->len - 1);
  g_free (write->room_id);
  write->room_id = g_strdup (room_id);
}

void
_td_stay_commit_add_check (TdStayCommit      *commit,
                           const char        *room_type_id,
                           const TdDateRange *dates)
{
  TypeCheck *check;

  if (dates->end <= dates->start)
    return;
  check = g_new0 (TypeCheck, 1);
  check->room_type_id = g_strdup (room_type_id);
  check->dates = *dates;
  g_ptr_array_add (commit->checks, check);
}

static gboolean
commit_check (TdDatabase  *db,
              gpointer     user_data,
              GError     **error)
{
  TdStayCommit *commit = user_data;

  /* a block picked up beyond its rooms would look like a full room type */
  if (commit->block_id && !_td_block_check_picked (db, commit->block_id, commit->when, error))
    return FALSE;
  if (commit->extra && commit->extra->check
      && !commit->extra->check (db, commit->extra->user_data, error))
    return FALSE;
  for (guint i = 0; i < commit->checks->len; i++)
    {
      TypeCheck *check = g_ptr_array_index (commit->checks, i);

      if (!_td_inventory_check_type (db, check->room_type_id, &check->dates, commit->when, error))
        return FALSE;
    }
  return TRUE;
}

static void
commit_explain (TdDatabase  *db,
                TdChange    *failed,
                gpointer     user_data,
                GError     **error)
{
  TdStayCommit *commit = user_data;

  for (guint i = 0; i < commit->writes->len; i++)
    {
      StayWrite *write = g_ptr_array_index (commit->writes, i);

      if (write->change == failed && write->room_id)
        {
          _td_inventory_explain_taken (db, write->room_id, &write->dates, write->stay_id, NULL, error);
          if (g_error_matches (*error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN))
            {
              g_free (commit->failed_room);
              commit->failed_room = g_strdup (write->room_id);
            }
          return;
        }
    }
}

gboolean
_td_stay_commit_run (TdDatabase    *db,
                     const char    *actor,
                     GPtrArray     *changes,
                     TdStayCommit  *commit,
                     GError       **error)
{
  TdCommitHooks hooks = { commit_check, commit_explain, commit };

  return _td_database_commit_with_hooks (db, actor, changes, &hooks, error);
}

void
_td_room_info_clear (TdRoomInfo *room)
{
  g_free (room->id);
  g_free (room->property_id);
  g_free (room->room_type_id);
  g_free (room->number);
}

gboolean
_td_stays_load_room (TdDatabase  *db,
                     const char  *room_id,
                     TdRoomInfo  *room,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT id, property_id, room_type_id, number FROM rooms "
                                   "WHERE id = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, room_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      room->id = _td_stays_dup_column (stmt, 0);
      room->property_id = _td_stays_dup_column (stmt, 1);
      room->room_type_id = _td_stays_dup_column (stmt, 2);
      room->number = _td_stays_dup_column (stmt, 3);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  _td_database_unlock (db);

  if (!found)
    g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no room %s"), room_id);
  return found;
}

/* the property of a room type, and its "CODE name" for messages */
gboolean
_td_stays_load_room_type (TdDatabase  *db,
                          const char  *room_type_id,
                          char       **property_id,
                          char       **label,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT property_id, code || ' ' || name FROM room_types "
                                   "WHERE id = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, room_type_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *property_id = _td_stays_dup_column (stmt, 0);
      if (label)
        *label = _td_stays_dup_column (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  _td_database_unlock (db);

  if (!found)
    g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no room type %s"), room_type_id);
  return found;
}

/* The plan by id (it must be for the room type), or the type's first. */
TdRatePlan *
_td_stays_choose_plan (TdDatabase  *db,
                       const char  *room_type_id,
                       const char  *rate_plan_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) plans = NULL;

  if (rate_plan_id)
    {
      TdRatePlan *plan = td_rate_plan_load (db, rate_plan_id, error);

      if (plan && g_strcmp0 (plan->room_type_id, room_type_id) != 0)
        {
          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                       _("The rate plan %s is for another room type"), plan->code);
          td_rate_plan_free (plan);
          return NULL;
        }
      return plan;
    }

  plans = td_rate_plans_for_room_type (db, room_type_id, error);
  if (plans == NULL)
    return NULL;
  if (plans->len == 0)
    {
      g_autofree char *property = NULL;
      g_autofree char *label = NULL;

      if (_td_stays_load_room_type (db, room_type_id, &property, &label, error))
        g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NO_RATE,
                     _("The room type %s has neither a rate plan nor a base price"), label);
      return NULL;
    }
  return g_ptr_array_steal_index (plans, 0);
}

static gint64
sum_nightly (const GArray *nightly)
{
  gint64 total = 0;

  for (guint i = 0; i < nightly->len; i++)
    total += g_array_index (nightly, gint64, i);
  return total;
}

void
_td_stay_set_nights (TdChange     *change,
                     const GArray *nightly,
                     const char   *currency)
{
  g_autofree char *text = td_nightly_to_json (nightly);
  TdMoney total;

  td_money_init (&total, sum_nightly (nightly), currency, NULL);
  td_change_set_string (change, "nightly_prices", text);
  td_change_set_money (change, "total", &total);
}

void
_td_stay_set_dates (TdChange          *change,
                    const TdDateRange *dates)
{
  g_autofree char *arrival = td_date_format_iso (dates->start);
  g_autofree char *departure = td_date_format_iso (dates->end);

  td_change_set_string (change, "arrival", arrival);
  td_change_set_string (change, "departure", departure);
}
