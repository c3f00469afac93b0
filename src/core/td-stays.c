/* td-stays.c: bookings and stays, from the booking to the departure
 *
 * Here: the states of a stay, the records and reading them. A booking is
 * made in td-stays-book.c, changed in td-stay-apply.c, both committed
 * through td-stay-commit.c.
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

/* ------------------------------------------------------------------ */
/* states                                                             */

static const char *const state_names[TD_STAY_N_STATES] = {
  [TD_STAY_TENTATIVE] = "tentative",
  [TD_STAY_CONFIRMED] = "confirmed",
  [TD_STAY_CHECKED_IN] = "checked_in",
  [TD_STAY_CHECKED_OUT] = "checked_out",
  [TD_STAY_CANCELLED] = "cancelled",
  [TD_STAY_NO_SHOW] = "no_show",
};

const char *
td_stay_state_to_string (TdStayState state)
{
  g_return_val_if_fail (state < TD_STAY_N_STATES, NULL);
  return state_names[state];
}

gboolean
td_stay_state_from_string (const char  *text,
                           TdStayState *state)
{
  int value;

  if (!_td_desk_name_to_value (state_names, TD_STAY_N_STATES, text, &value))
    return FALSE;
  if (state)
    *state = (TdStayState) value;
  return TRUE;
}

const char *
td_stay_state_get_title (TdStayState state)
{
  switch (state)
    {
    case TD_STAY_TENTATIVE: return C_("stay state", "Tentative");
    case TD_STAY_CONFIRMED: return C_("stay state", "Confirmed");
    case TD_STAY_CHECKED_IN: return C_("stay state", "Checked in");
    case TD_STAY_CHECKED_OUT: return C_("stay state", "Checked out");
    case TD_STAY_CANCELLED: return C_("stay state", "Cancelled");
    case TD_STAY_NO_SHOW: return C_("stay state", "No-show");
    default: return "?";
    }
}

gboolean
td_stay_state_takes_room (TdStayState state)
{
  return state == TD_STAY_TENTATIVE || state == TD_STAY_CONFIRMED
      || state == TD_STAY_CHECKED_IN || state == TD_STAY_CHECKED_OUT;
}

/* ------------------------------------------------------------------ */
/* reading                                                            */

void
td_stay_free (TdStay *stay)
{
  if (stay == NULL)
    return;
  g_free (stay->id);
  g_free (stay->reservation_id);
  g_free (stay->property_id);
  g_free (stay->property_name);
  g_free (stay->room_type_id);
  g_free (stay->room_type_code);
  g_free (stay->room_type_name);
  g_free (stay->room_id);
  g_free (stay->room_number);
  g_free (stay->rate_plan_id);
  g_free (stay->block_id);
  g_free (stay->customer_id);
  g_free (stay->guest_name);
  g_free (stay->source);
  g_free (stay->hold_until);
  g_clear_pointer (&stay->nightly, g_array_unref);
  g_free (stay->override_reason);
  g_free (stay->moved_from);
  g_free (stay);
}

void
td_booking_result_free (TdBookingResult *result)
{
  if (result == NULL)
    return;
  g_free (result->reservation_id);
  g_ptr_array_unref (result->stay_ids);
  g_free (result);
}

/* "[32800,32800]": written by us, so a plain list of integers */
GArray *
td_nightly_from_json (const char *text)
{
  GArray *nightly = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *p = text ? strchr (text, '[') : NULL;

  while (p && *p && *p != ']')
    {
      char *end = NULL;
      gint64 value;

      p++;
      while (*p == ' ')
        p++;
      if (*p == ']')
        break;
      value = g_ascii_strtoll (p, &end, 10);
      if (end == p)
        break;
      g_array_append_val (nightly, value);
      p = end;
    }
  return nightly;
}

char *
td_nightly_to_json (const GArray *nightly)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < nightly->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (nightly, gint64, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

char *
_td_stays_dup_column (sqlite3_stmt *stmt,
                      int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

#define STAY_COLUMNS \
  "s.id, s.revision, s.reservation_id, s.property_id, p.name, s.room_type_id, t.code, t.name, " \
  "s.room_id, r.number, s.arrival, s.departure, s.adults, s.children, s.rate_plan_id, s.block_id, " \
  "s.customer_id, coalesce(s.guest_name, c.name, rc.name), v.source, s.state, s.hold_until, " \
  "s.nightly_prices, s.total_minor, s.total_currency, s.overbooked, s.override_reason, s.moved_from, " \
  "s.cancellation_fee_minor, s.cancellation_fee_currency "
#define STAY_JOINS \
  "FROM stays s JOIN reservations v ON v.id = s.reservation_id " \
  "JOIN properties p ON p.id = s.property_id JOIN room_types t ON t.id = s.room_type_id " \
  "LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN customers c ON c.id = s.customer_id " \
  "LEFT JOIN customers rc ON rc.id = v.customer_id "

static TdStay *
stay_from_row (sqlite3_stmt *stmt)
{
  TdStay *stay = g_new0 (TdStay, 1);

  stay->id = _td_stays_dup_column (stmt, 0);
  stay->revision = sqlite3_column_int64 (stmt, 1);
  stay->reservation_id = _td_stays_dup_column (stmt, 2);
  stay->property_id = _td_stays_dup_column (stmt, 3);
  stay->property_name = _td_stays_dup_column (stmt, 4);
  stay->room_type_id = _td_stays_dup_column (stmt, 5);
  stay->room_type_code = _td_stays_dup_column (stmt, 6);
  stay->room_type_name = _td_stays_dup_column (stmt, 7);
  stay->room_id = _td_stays_dup_column (stmt, 8);
  stay->room_number = _td_stays_dup_column (stmt, 9);
  td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 10), &stay->dates.start, NULL);
  td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 11), &stay->dates.end, NULL);
  stay->adults = (guint) sqlite3_column_int (stmt, 12);
  stay->children = (guint) sqlite3_column_int (stmt, 13);
  stay->rate_plan_id = _td_stays_dup_column (stmt, 14);
  stay->block_id = _td_stays_dup_column (stmt, 15);
  stay->customer_id = _td_stays_dup_column (stmt, 16);
  stay->guest_name = _td_stays_dup_column (stmt, 17);
  stay->source = _td_stays_dup_column (stmt, 18);
  td_stay_state_from_string ((const char *) sqlite3_column_text (stmt, 19), &stay->state);
  stay->hold_until = _td_stays_dup_column (stmt, 20);
  stay->nightly = td_nightly_from_json ((const char *) sqlite3_column_text (stmt, 21));
  td_money_init (&stay->total, sqlite3_column_int64 (stmt, 22), (const char *) sqlite3_column_text (stmt, 23), NULL);
  stay->overbooked = sqlite3_column_int (stmt, 24) != 0;
  stay->override_reason = _td_stays_dup_column (stmt, 25);
  stay->moved_from = _td_stays_dup_column (stmt, 26);
  if (sqlite3_column_type (stmt, 27) != SQLITE_NULL)
    {
      stay->has_cancellation_fee = TRUE;
      td_money_init (&stay->cancellation_fee, sqlite3_column_int64 (stmt, 27),
                     (const char *) sqlite3_column_text (stmt, 28), NULL);
    }
  return stay;
}

TdStay *
td_stay_get (TdDatabase  *db,
             const char  *id,
             GError     **error)
{
  sqlite3_stmt *stmt;
  TdStay *stay = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT " STAY_COLUMNS STAY_JOINS "WHERE s.id = ?1 AND s.deleted = 0", error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        stay = stay_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no stay %s"), id);
      else
        _td_database_set_error (error, _td_database_get_handle (db), rc);
      sqlite3_reset (stmt);
    }
  _td_database_unlock (db);
  return stay;
}

GPtrArray *
td_stays_list (TdDatabase          *db,
               const TdStayFilter  *filter,
               GError             **error)
{
  g_autoptr(GPtrArray) stays = g_ptr_array_new_with_free_func ((GDestroyNotify) td_stay_free);
  g_autoptr(GString) sql = g_string_new ("SELECT " STAY_COLUMNS STAY_JOINS "WHERE s.deleted = 0");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const guint taking = TD_STAY_STATES_TAKING_ROOMS;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (filter->dates.end > filter->dates.start)
    {
      from = td_date_format_iso (filter->dates.start);
      to = td_date_format_iso (filter->dates.end);
    }
  if (from && (filter->property_id || filter->room_id) && filter->states
      && (filter->states & ~taking) == 0)
    {
      /* the tape chart: stays that take rooms, found by the nights their
       * rooms have in the range (rows of the room-night table, no scan of
       * the year), and overbooked ones without a room */
      g_string_append (sql, " AND s.rowid IN (SELECT n.stay FROM rooms r2 JOIN room_nights n ON n.room = r2.rowid "
                            "AND n.night >= ?6 AND n.night < ?7 WHERE n.stay IS NOT NULL");
      if (filter->property_id)
        g_string_append (sql, " AND r2.property_id = ?1");
      if (filter->room_id)
        g_string_append (sql, " AND r2.id = ?2");
      if (filter->room_id == NULL)
        g_string_append (sql, " UNION ALL SELECT u.rowid FROM stays u INDEXED BY stays_unassigned "
                              "WHERE u.room_id IS NULL AND u.deleted = 0 AND u.property_id = ?1 "
                              "AND u.departure > ?4 AND u.arrival < ?5");
      g_string_append (sql, ")");
    }
  else
    {
      if (filter->property_id)
        g_string_append (sql, " AND s.property_id = ?1");
      if (filter->room_id)
        g_string_append (sql, " AND s.room_id = ?2");
      if (from)
        g_string_append (sql, " AND s.departure > ?4 AND s.arrival < ?5");
    }
  if (filter->reservation_id)
    g_string_append (sql, " AND s.reservation_id = ?3");
  if (filter->states)
    {
      gboolean first = TRUE;

      g_string_append (sql, " AND s.state IN (");
      for (guint i = 0; i < TD_STAY_N_STATES; i++)
        if (filter->states & TD_STAY_STATE_BIT (i))
          {
            g_string_append_printf (sql, "%s'%s'", first ? "" : ", ", state_names[i]);
            first = FALSE;
          }
      g_string_append (sql, ")");
    }
  g_string_append (sql, " ORDER BY p.name, s.property_id, r.number IS NULL, length(r.number), r.number, s.arrival, s.id");
  if (filter->limit)
    g_string_append_printf (sql, " LIMIT %u", filter->limit);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  /* parameters a statement does not use are refused harmlessly */
  sqlite3_bind_text (stmt, 1, filter->property_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, filter->room_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filter->reservation_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, to, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, filter->dates.start);
  sqlite3_bind_int64 (stmt, 7, filter->dates.end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (stays, stay_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  _td_database_unlock (db);

  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&stays);
}

/* ------------------------------------------------------------------ */
/* in a worker thread                                                 */

typedef struct {
  TdStayFilter  filter;
  char         *property_id;
  char         *room_id;
  char         *reservation_id;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->property_id);
  g_free (data->room_id);
  g_free (data->reservation_id);
  g_free (data);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;
  GPtrArray *stays;

  if (g_task_return_error_if_cancelled (task))
    return;
  stays = td_stays_list (source_object, &data->filter, &error);
  if (stays == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stays, (GDestroyNotify) g_ptr_array_unref);
}

void
td_stays_list_async (TdDatabase          *db,
                     const TdStayFilter  *filter,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (filter != NULL);

  data = g_new0 (ListData, 1);
  data->filter = *filter;
  data->filter.property_id = data->property_id = g_strdup (filter->property_id);
  data->filter.room_id = data->room_id = g_strdup (filter->room_id);
  data->filter.reservation_id = data->reservation_id = g_strdup (filter->reservation_id);

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_stays_list_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  /* the tape chart scrolls on: a cancelled listing returns at once */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
td_stays_list_finish (TdDatabase    *db,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_stays_list_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
