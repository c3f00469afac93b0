/* td-housekeeping.c: is the room clean?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-database-private.h"
#include "td-desk-private.h"
#include "td-date-range.h"
#include "td-housekeeping.h"
#include "td-stays-private.h"
#include "td-time.h"

static const char *const names[] = {
  [TD_HOUSEKEEPING_CLEAN] = "clean",
  [TD_HOUSEKEEPING_DIRTY] = "dirty",
  [TD_HOUSEKEEPING_INSPECTED] = "inspected",
};

const char *
td_housekeeping_to_string (TdHousekeeping state)
{
  g_return_val_if_fail (state <= TD_HOUSEKEEPING_INSPECTED, NULL);
  return names[state];
}

gboolean
td_housekeeping_from_string (const char     *text,
                             TdHousekeeping *state)
{
  int value;

  if (!_td_desk_name_to_value (names, G_N_ELEMENTS (names), text, &value))
    return FALSE;
  if (state)
    *state = (TdHousekeeping) value;
  return TRUE;
}

const char *
td_housekeeping_get_title (TdHousekeeping state)
{
  switch (state)
    {
    case TD_HOUSEKEEPING_CLEAN: return C_("housekeeping", "Clean");
    case TD_HOUSEKEEPING_DIRTY: return C_("housekeeping", "Dirty");
    case TD_HOUSEKEEPING_INSPECTED: return C_("housekeeping", "Inspected");
    default: return "?";
    }
}

void
td_housekeeping_row_free (TdHousekeepingRow *row)
{
  if (row == NULL)
    return;
  g_free (row->room_id);
  g_free (row->number);
  g_free (row->property_id);
  g_free (row->room_type_code);
  g_free (row->state_at);
  g_free (row->guest);
  g_free (row);
}

static TdChange *
change_for (JsonObject     *room,
            TdHousekeeping  state,
            const char     *now)
{
  TdChange *change = td_change_new_update ("room", json_object_get_string_member (room, "id"),
                                           json_object_get_int_member (room, "revision"));

  td_change_set_string (change, "housekeeping", names[state]);
  td_change_set_string (change, "housekeeping_at", now);
  return change;
}

TdChange *
_td_housekeeping_change (TdDatabase      *db,
                         const char      *room_id,
                         TdHousekeeping   state,
                         const char      *now,
                         GError         **error)
{
  g_autoptr(JsonObject) room = td_database_get_record (db, "room", room_id, error);

  return room ? change_for (room, state, now) : NULL;
}

gboolean
td_room_set_housekeeping (TdDatabase         *db,
                          const char         *actor,
                          const char         *room_id,
                          TdHousekeeping      state,
                          const TdDeskTime   *when,
                          GError            **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(JsonObject) room = NULL;
  g_autofree char *now = NULL;
  TdHousekeeping current = TD_HOUSEKEEPING_CLEAN;
  TdDeskTime storage;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (room_id != NULL, FALSE);

  when = td_desk_time_or_now (when, db, &storage);
  now = td_timestamp_from_unix (when->now);
  room = td_database_get_record (db, "room", room_id, error);
  if (room == NULL)
    return FALSE;
  td_housekeeping_from_string (json_object_get_string_member_with_default (room, "housekeeping", NULL), &current);
  if (state == TD_HOUSEKEEPING_INSPECTED && current == TD_HOUSEKEEPING_DIRTY)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                   _("Room %s is dirty: it is cleaned before it is inspected"),
                   json_object_get_string_member (room, "number"));
      return FALSE;
    }
  g_ptr_array_add (changes, change_for (room, state, now));
  return td_database_commit (db, actor, changes, error);
}

static gpointer
read_row (sqlite3_stmt *stmt)
{
  TdHousekeepingRow *row = g_new0 (TdHousekeepingRow, 1);

  row->room_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  row->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->floor = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? G_MININT : sqlite3_column_int (stmt, 2);
  row->property_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->room_type_code = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  td_housekeeping_from_string ((const char *) sqlite3_column_text (stmt, 5), &row->state);
  row->state_at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  row->occupied = sqlite3_column_int (stmt, 7) != 0;
  row->out_of_order = sqlite3_column_int (stmt, 8) != 0;
  row->guest = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  row->departure = sqlite3_column_int (stmt, 10) != 0;
  row->arrival = sqlite3_column_int (stmt, 11) != 0;
  return row;
}

GPtrArray *
td_housekeeping_list (TdDatabase         *db,
                      const char         *property_id,
                      guint32             day,
                      const TdDeskTime   *when,
                      GError            **error)
{
  g_autofree char *now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *sql = NULL;
  TdDeskTime storage;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  when = td_desk_time_or_now (when, db, &storage);
  if (day == 0)
    day = when->today;
  now = td_timestamp_from_unix (when->now);
  date = td_date_format_iso (day);
  /* tonight's room-night (a stay or out of order); today's departures and
   * arrivals from the room's own stays (stays_room) */
  sql = g_strdup_printf ("SELECT r.id, r.number, r.floor, r.property_id, t.code, r.housekeeping, r.housekeeping_at, "
                         "n.stay IS NOT NULL, n.closure IS NOT NULL, coalesce(s.guest_name, c.name, rc.name, o.reason), "
                         "EXISTS (SELECT 1 FROM stays d WHERE d.room_id = r.id AND d.departure = ?4 AND d.deleted = 0 "
                         "        AND d.state IN ('confirmed', 'checked_in', 'checked_out')), "
                         "EXISTS (SELECT 1 FROM stays a WHERE a.room_id = r.id AND a.arrival = ?4 AND a.deleted = 0 "
                         "        AND a.state IN ('tentative', 'confirmed')) "
                         "FROM rooms r JOIN room_types t ON t.id = r.room_type_id "
                         TD_DESK_NIGHT_JOINS
                         "WHERE r.deleted = 0%s ORDER BY r.property_id, length(r.number), r.number",
                         property_id ? " AND r.property_id = ?1" : "");

  return _td_desk_room_rows (db, sql, property_id, day, now, date, read_row,
                             (GDestroyNotify) td_housekeeping_row_free, error);
}

void
td_housekeeping_list_async (TdDatabase          *db,
                             const char          *property_id,
                             guint32              day,
                             const TdDeskTime    *when,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  _td_desk_day_list_async (db, td_housekeeping_list, td_housekeeping_list_async, property_id, day, when,
                           cancellable, callback, user_data);
}

GPtrArray *
td_housekeeping_list_finish (TdDatabase    *db,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _td_desk_day_list_finish (db, result, td_housekeeping_list_async, error);
}
