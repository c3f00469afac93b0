/* td-rooms.c: the rooms of the hotels, and rooms out of order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-desk-private.h"
#include "td-inventory-private.h"
#include "td-rooms.h"
#include "td-time.h"

void
td_room_free (TdRoom *room)
{
  if (room == NULL)
    return;
  g_free (room->id);
  g_free (room->property_id);
  g_free (room->property_name);
  g_free (room->room_type_id);
  g_free (room->room_type_code);
  g_free (room->room_type_name);
  g_free (room->number);
  g_free (room->features);
  g_free (room->stay_id);
  g_free (room->occupant);
  g_free (room);
}

void
td_out_of_order_free (TdOutOfOrder *period)
{
  if (period == NULL)
    return;
  g_free (period->id);
  g_free (period->room_id);
  g_free (period->room_number);
  g_free (period->property_id);
  g_free (period->reason);
  g_free (period);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

/* ------------------------------------------------------------------ */
/* resolving what a clerk types                                       */

/* Runs sql (?1 the text, ?2 the property or NULL); each row is (id,
 * where): one row is the answer; none is NOT_FOUND; several AMBIGUOUS. */
static char *
resolve (TdDatabase  *db,
         const char  *sql,
         const char  *text,
         const char  *property_id,
         const char  *not_found,
         const char  *ambiguous,
         GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, property_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, dup_column (stmt, 0));
      g_ptr_array_add (places, dup_column (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    return NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  if (ids->len == 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, not_found, text);
      return NULL;
    }
  if (ids->len > 1)
    {
      g_autofree char *where = NULL;

      g_ptr_array_add (places, NULL);
      where = g_strjoinv (C_("list separator", ", "), (char **) places->pdata);
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_AMBIGUOUS, ambiguous, text, where);
      return NULL;
    }
#pragma GCC diagnostic pop
  return g_strdup (g_ptr_array_index (ids, 0));
}

char *
td_property_resolve (TdDatabase  *db,
                     const char  *text,
                     GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* an id or the whole name first; else a part of one name only */
  return resolve (db,
                  "SELECT id, name FROM properties WHERE deleted = 0 AND (id = ?1 OR name = ?1) "
                  "UNION ALL SELECT id, name FROM properties WHERE deleted = 0 AND instr(name, ?1) > 0 "
                  "AND NOT EXISTS (SELECT 1 FROM properties WHERE deleted = 0 AND (id = ?1 OR name = ?1))",
                  text, NULL,
                  _("There is no hotel “%s”"),
                  /* Translators: what was typed, then the hotels it matches */
                  _("“%s” names several hotels: %s"),
                  error);
}

char *
td_room_type_resolve (TdDatabase  *db,
                      const char  *property_id,
                      const char  *text,
                      GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return resolve (db,
                  "SELECT t.id, p.name FROM room_types t JOIN properties p ON p.id = t.property_id "
                  "WHERE t.deleted = 0 AND (t.id = ?1 OR upper(t.code) = upper(?1)) "
                  "AND (?2 IS NULL OR t.property_id = ?2) ORDER BY p.name",
                  text, property_id,
                  _("There is no room type “%s”"),
                  /* Translators: the room type code, then the hotels that have it */
                  _("Several hotels have the room type “%s” (%s): say which hotel"),
                  error);
}

char *
td_room_resolve (TdDatabase  *db,
                 const char  *property_id,
                 const char  *text,
                 GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return resolve (db,
                  "SELECT r.id, p.name FROM rooms r JOIN properties p ON p.id = r.property_id "
                  "WHERE r.deleted = 0 AND (r.id = ?1 OR r.number = ?1) "
                  "AND (?2 IS NULL OR r.property_id = ?2) ORDER BY p.name",
                  text, property_id,
                  _("There is no room “%s”"),
                  /* Translators: the room number, then the hotels that have it */
                  _("Several hotels have a room %s (%s): say which hotel"),
                  error);
}

/* ------------------------------------------------------------------ */
/* rooms                                                              */

static gpointer
read_room (sqlite3_stmt *stmt)
{
  TdRoom *room = g_new0 (TdRoom, 1);

  room->id = dup_column (stmt, 0);
  room->property_id = dup_column (stmt, 1);
  room->property_name = dup_column (stmt, 2);
  room->room_type_id = dup_column (stmt, 3);
  room->room_type_code = dup_column (stmt, 4);
  room->room_type_name = dup_column (stmt, 5);
  room->number = dup_column (stmt, 6);
  room->floor = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? G_MININT : sqlite3_column_int (stmt, 7);
  room->features = dup_column (stmt, 8);
  if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
    {
      room->status = TD_ROOM_TAKEN;
      room->stay_id = dup_column (stmt, 9);
      td_stay_state_from_string ((const char *) sqlite3_column_text (stmt, 10), &room->stay_state);
      room->occupant = dup_column (stmt, 11);
    }
  else if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
    {
      room->status = TD_ROOM_OUT_OF_ORDER;
      room->occupant = dup_column (stmt, 12);
    }
  return room;
}

GPtrArray *
td_rooms_list (TdDatabase         *db,
               const char         *property_id,
               guint32             night,
               const TdDeskTime   *when,
               GError            **error)
{
  g_autofree char *now = NULL;
  g_autofree char *sql = NULL;
  TdDeskTime storage;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  when = td_desk_time_or_now (when, db, &storage);
  if (night == 0)
    night = when->today;
  now = td_timestamp_from_unix (when->now);
  sql = g_strdup_printf ("SELECT r.id, r.property_id, p.name, r.room_type_id, t.code, t.name, r.number, r.floor, "
                         "r.features, s.id, s.state, coalesce(s.guest_name, c.name, rc.name), o.reason "
                         "FROM rooms r JOIN properties p ON p.id = r.property_id "
                         "JOIN room_types t ON t.id = r.room_type_id "
                         TD_DESK_NIGHT_JOINS
                         "WHERE r.deleted = 0%s "
                         "ORDER BY p.name, r.property_id, length(r.number), r.number",
                         property_id ? " AND r.property_id = ?1" : "");

  return _td_desk_room_rows (db, sql, property_id, night, now, NULL, read_room,
                             (GDestroyNotify) td_room_free, error);
}

void
td_rooms_list_async (TdDatabase          *db,
                      const char          *property_id,
                      guint32              day,
                      const TdDeskTime    *when,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  _td_desk_day_list_async (db, td_rooms_list, td_rooms_list_async, property_id, day, when,
                           cancellable, callback, user_data);
}

GPtrArray *
td_rooms_list_finish (TdDatabase    *db,
                       GAsyncResult  *result,
                       GError       **error)
{
  return _td_desk_day_list_finish (db, result, td_rooms_list_async, error);
}

/* ------------------------------------------------------------------ */
/* out of order                                                       */

typedef struct {
  const char  *room_id;
  const char  *closure_id;
  TdDateRange  dates;
} ClosureWrite;

static void
explain_closure (TdDatabase  *db,
                 TdChange    *failed,
                 gpointer     user_data,
                 GError     **error)
{
  ClosureWrite *write = user_data;

  _td_inventory_explain_taken (db, write->room_id, &write->dates, NULL, write->closure_id, error);
}

char *
td_out_of_order_add (TdDatabase         *db,
                     const char         *actor,
                     const char         *room_id,
                     const TdDateRange  *dates,
                     const char         *reason,
                     GError            **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  TdCommitHooks hooks = { NULL, explain_closure, NULL };
  ClosureWrite write;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (room_id != NULL && dates != NULL, NULL);

  if (dates->end <= dates->start)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("The end date must be after the start date"));
      return NULL;
    }
  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("Say why the room is out of order (repairs, renovation…)"));
      return NULL;
    }

  start = td_date_format_iso (dates->start);
  end = td_date_format_iso (dates->end);
  change = td_change_new_insert ("out_of_order", NULL);
  td_change_set_string (change, "room_id", room_id);
  td_change_set_string (change, "start_date", start);
  td_change_set_string (change, "end_date", end);
  td_change_set_string (change, "reason", reason);
  g_ptr_array_add (changes, change);

  write.room_id = room_id;
  write.closure_id = td_change_get_id (change);
  write.dates = *dates;
  hooks.user_data = &write;
  if (!_td_database_commit_with_hooks (db, actor, changes, &hooks, error))
    return NULL;
  return g_strdup (td_change_get_id (change));
}

gboolean
td_out_of_order_remove (TdDatabase  *db,
                        const char  *actor,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(JsonObject) record = td_database_get_record (db, "out_of_order", id, error);

  if (record == NULL)
    return FALSE;
  g_ptr_array_add (changes, td_change_new_delete ("out_of_order", id,
                                                  json_object_get_int_member (record, "revision")));
  return td_database_commit (db, actor, changes, error);
}

GPtrArray *
td_out_of_order_list (TdDatabase         *db,
                      const char         *property_id,
                      const TdDateRange  *dates,
                      GError            **error)
{
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func ((GDestroyNotify) td_out_of_order_free);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *sql = NULL;
  gboolean by_dates = dates && dates->end > dates->start;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (by_dates)
    {
      from = td_date_format_iso (dates->start);
      to = td_date_format_iso (dates->end);
    }
  sql = g_strdup_printf ("SELECT o.id, o.revision, o.room_id, r.number, r.property_id, o.start_date, o.end_date, o.reason "
                         "FROM out_of_order_periods o JOIN rooms r ON r.id = o.room_id "
                         "WHERE o.deleted = 0%s%s ORDER BY length(r.number), r.number, o.start_date",
                         property_id ? " AND r.property_id = ?1" : "",
                         by_dates ? " AND o.end_date > ?2 AND o.start_date < ?3" : "");
  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, property_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdOutOfOrder *period = g_new0 (TdOutOfOrder, 1);

      period->id = dup_column (stmt, 0);
      period->revision = sqlite3_column_int64 (stmt, 1);
      period->room_id = dup_column (stmt, 2);
      period->room_number = dup_column (stmt, 3);
      period->property_id = dup_column (stmt, 4);
      td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 5), &period->dates.start, NULL);
      td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 6), &period->dates.end, NULL);
      period->reason = dup_column (stmt, 7);
      g_ptr_array_add (periods, period);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  _td_database_unlock (db);

  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&periods);
}
