/* td-inventory.c: rooms and nights, counted (see td-inventory-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-inventory-private.h"
#include "td-stays.h"
#include "td-time.h"

static void
type_inventory_free (TdTypeInventory *type)
{
  g_free (type->room_type_id);
  g_free (type->property_id);
  g_free (type->taken);
  g_free (type->unassigned);
  g_free (type->held);
  g_ptr_array_unref (type->free_rooms);
  g_free (type);
}

void
_td_inventory_free (TdInventory *inventory)
{
  if (inventory == NULL)
    return;
  g_hash_table_unref (inventory->by_type);
  g_ptr_array_unref (inventory->types);
  g_free (inventory);
}

TdTypeInventory *
_td_inventory_get_type (TdInventory *inventory,
                        const char  *room_type_id)
{
  return g_hash_table_lookup (inventory->by_type, room_type_id);
}

static TdTypeInventory *
ensure_type (TdInventory *inventory,
             const char  *room_type_id,
             const char  *property_id)
{
  TdTypeInventory *type = g_hash_table_lookup (inventory->by_type, room_type_id);

  if (type == NULL)
    {
      type = g_new0 (TdTypeInventory, 1);
      type->room_type_id = g_strdup (room_type_id);
      type->property_id = g_strdup (property_id);
      type->n_nights = td_date_range_get_nights (&inventory->range);
      type->taken = g_new0 (int, type->n_nights);
      type->unassigned = g_new0 (int, type->n_nights);
      type->held = g_new0 (int, type->n_nights);
      type->free_rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) td_available_room_free);
      g_ptr_array_add (inventory->types, type);
      g_hash_table_insert (inventory->by_type, type->room_type_id, type);
    }
  return type;
}

int
_td_type_inventory_left (const TdTypeInventory *type,
                         guint                  i)
{
  return (int) type->n_rooms - type->taken[i] - type->unassigned[i] - type->held[i];
}

int
_td_type_inventory_min_left (const TdTypeInventory *type,
                             guint                 *night_index)
{
  int least = G_MAXINT;

  for (guint i = 0; i < type->n_nights; i++)
    {
      int left = _td_type_inventory_left (type, i);

      if (left < least)
        {
          least = left;
          if (night_index)
            *night_index = i;
        }
    }
  return least;
}

static int
compare_free_rooms (gconstpointer a,
                    gconstpointer b)
{
  const TdAvailableRoom *ra = *(TdAvailableRoom * const *) a;
  const TdAvailableRoom *rb = *(TdAvailableRoom * const *) b;
  gsize la = strlen (ra->number), lb = strlen (rb->number);

  /* 302 before 1001: numbers as numbers when they are digits */
  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (ra->number, rb->number);
}

/* adds 1 to counts[] for each night of [start, end) inside range */
static void
count_nights (int               *counts,
              const TdDateRange *range,
              guint32            start,
              guint32            end,
              int                amount)
{
  for (guint32 night = MAX (start, range->start); night < MIN (end, range->end); night++)
    counts[night - range->start] += amount;
}

static gboolean
parse_dates (sqlite3_stmt *stmt,
             int           i,
             guint32      *start,
             guint32      *end)
{
  return td_date_parse_iso ((const char *) sqlite3_column_text (stmt, i), start, NULL)
      && td_date_parse_iso ((const char *) sqlite3_column_text (stmt, i + 1), end, NULL);
}

#define OCCUPYING_STATES "('tentative', 'confirmed', 'checked_in', 'checked_out')"
#define HOLD_LIVE(s) "(" s ".state != 'tentative' OR " s ".hold_until IS NULL OR " s ".hold_until > ?4)"

TdInventory *
_td_inventory_load (TdDatabase         *db,
                    const char         *property_id,
                    const char         *room_type_id,
                    const TdDateRange  *range,
                    const TdDeskTime   *when,
                    GError            **error)
{
  g_autoptr(TdInventory) inventory = NULL;
  g_autoptr(GHashTable) rooms = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) block_rooms = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) td_available_room_free);
  g_autofree char *now = NULL;
  g_autofree char *from = td_date_format_iso (range->start);
  g_autofree char *to = td_date_format_iso (range->end);
  g_autofree char *today = td_date_format_iso (when->today);
  g_autofree char *sql = NULL;
  const char *value = property_id ? property_id : room_type_id;
  const char *column = property_id ? "property_id" : room_type_id ? "room_type_id" : NULL;
  g_autofree char *filter_r = column ? g_strdup_printf ("r.%s = ?1", column) : g_strdup ("1");
  g_autofree char *filter_s = column ? g_strdup_printf ("s.%s = ?1", column) : g_strdup ("1");
  g_autofree char *filter_b = column ? g_strdup_printf ("b.%s = ?1", column) : g_strdup ("1");
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, val;
  int rc;

  g_return_val_if_fail (range->end > range->start, NULL);

  now = td_timestamp_from_unix (when->now);
  inventory = g_new0 (TdInventory, 1);
  inventory->range = *range;
  inventory->types = g_ptr_array_new_with_free_func ((GDestroyNotify) type_inventory_free);
  inventory->by_type = g_hash_table_new (g_str_hash, g_str_equal);

#define BIND() G_STMT_START { \
    if (value) sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC); \
    sqlite3_bind_int64 (stmt, 2, range->start); \
    sqlite3_bind_int64 (stmt, 3, range->end); \
    sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC); \
    sqlite3_bind_text (stmt, 5, from, -1, SQLITE_STATIC); \
    sqlite3_bind_text (stmt, 6, to, -1, SQLITE_STATIC); \
    sqlite3_bind_text (stmt, 7, today, -1, SQLITE_STATIC); \
  } G_STMT_END

  _td_database_lock (db);

  /* 1. every room, with the nights of the range it is taken: the one
   * query that grows with the hotel (rooms by property or type, then
   * room_nights by its primary key) */
  sql = g_strdup_printf ("SELECT r.id, r.number, r.floor, r.room_type_id, r.property_id, n.night "
                         "FROM rooms r LEFT JOIN room_nights n ON n.room = r.rowid "
                         "AND n.night >= ?2 AND n.night < ?3 AND (n.hold_until IS NULL OR n.hold_until > ?4) "
                         "WHERE r.deleted = 0 AND %s", filter_r);
  if ((stmt = _td_database_prepare (db, sql, error)) == NULL)
    goto fail;
  BIND ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      TdTypeInventory *type = ensure_type (inventory, (const char *) sqlite3_column_text (stmt, 3),
                                           (const char *) sqlite3_column_text (stmt, 4));

      if (!g_hash_table_contains (rooms, id))
        {
          TdAvailableRoom *room = g_new0 (TdAvailableRoom, 1);

          room->id = g_strdup (id);
          room->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          room->floor = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? G_MININT : sqlite3_column_int (stmt, 2);
          g_ptr_array_add (candidates, room);
          g_hash_table_insert (rooms, room->id, type);
          type->n_rooms++;
        }
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          gint64 night = sqlite3_column_int64 (stmt, 5);

          type->taken[night - range->start]++;
          g_hash_table_add (taken, g_strdup (id));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  for (guint i = 0; i < candidates->len; i++)
    {
      TdAvailableRoom *room = g_ptr_array_index (candidates, i);

      if (!g_hash_table_contains (taken, room->id))
        {
          TdTypeInventory *type = g_hash_table_lookup (rooms, room->id);

          g_ptr_array_add (type->free_rooms, room);
          candidates->pdata[i] = NULL;
        }
    }

  /* 2. overbooked stays still without a room */
  g_free (sql);
  /* the partial index holds only these stays: never the property's whole year */
  sql = g_strdup_printf ("SELECT s.room_type_id, s.property_id, s.arrival, s.departure FROM stays s "
                         "INDEXED BY stays_unassigned "
                         "WHERE s.room_id IS NULL AND s.deleted = 0 AND s.state IN ('tentative', 'confirmed') "
                         "AND " HOLD_LIVE ("s") " AND s.departure > ?5 AND s.arrival < ?6 AND %s", filter_s);
  if ((stmt = _td_database_prepare (db, sql, error)) == NULL)
    goto fail;
  BIND ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdTypeInventory *type = ensure_type (inventory, (const char *) sqlite3_column_text (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1));
      guint32 start, end;

      if (parse_dates (stmt, 2, &start, &end))
        count_nights (type->unassigned, range, start, end, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  /* 3. group blocks not released: what they hold and is not picked up */
  g_free (sql);
  sql = g_strdup_printf ("SELECT b.id, b.room_type_id, b.property_id, b.rooms, b.start_date, b.end_date "
                         "FROM group_blocks b WHERE b.deleted = 0 AND b.state = 'held' "
                         "AND b.release_date > ?7 AND b.start_date < ?6 AND b.end_date > ?5 AND %s", filter_b);
  if ((stmt = _td_database_prepare (db, sql, error)) == NULL)
    goto fail;
  BIND ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdTypeInventory *type = ensure_type (inventory, (const char *) sqlite3_column_text (stmt, 1),
                                           (const char *) sqlite3_column_text (stmt, 2));
      int n = sqlite3_column_int (stmt, 3);
      guint32 start, end;

      if (!parse_dates (stmt, 4, &start, &end))
        continue;
      count_nights (type->held, range, start, end, n);
      g_ptr_array_add (blocks, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_array_append_val (block_rooms, n);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  for (guint b = 0; b < blocks->len; b++)
    {
      g_autofree int *picked = g_new0 (int, td_date_range_get_nights (range));
      TdTypeInventory *type = NULL;

      stmt = _td_database_prepare (db,
                                   "SELECT s.arrival, s.departure, b.room_type_id FROM stays s "
                                   "JOIN group_blocks b ON b.id = s.block_id "
                                   "WHERE s.block_id = ?1 AND s.deleted = 0 AND s.state IN " OCCUPYING_STATES
                                   " AND " HOLD_LIVE ("s") " AND s.departure > ?5 AND s.arrival < ?6",
                                   error);
      if (stmt == NULL)
        goto fail;
      value = g_ptr_array_index (blocks, b);
      BIND ();
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          guint32 start, end;

          type = g_hash_table_lookup (inventory->by_type, sqlite3_column_text (stmt, 2));
          if (parse_dates (stmt, 0, &start, &end))
            count_nights (picked, range, start, end, 1);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        goto sql_fail;
      /* a night's picked-up rooms no longer held (never below nothing) */
      for (guint i = 0; type && i < type->n_nights; i++)
        type->held[i] -= MIN (picked[i], g_array_index (block_rooms, int, b));
    }
#undef BIND

  _td_database_unlock (db);

  g_hash_table_iter_init (&iter, inventory->by_type);
  while (g_hash_table_iter_next (&iter, &key, &val))
    g_ptr_array_sort (((TdTypeInventory *) val)->free_rooms, compare_free_rooms);

  return g_steal_pointer (&inventory);

sql_fail:
  _td_database_set_error (error, _td_database_get_handle (db), rc);
fail:
  _td_database_unlock (db);
  return NULL;
}

gboolean
_td_inventory_check_type (TdDatabase         *db,
                          const char         *room_type_id,
                          const TdDateRange  *range,
                          const TdDeskTime   *when,
                          GError            **error)
{
  g_autoptr(TdInventory) inventory = _td_inventory_load (db, NULL, room_type_id, range, when, error);
  TdTypeInventory *type;
  g_autofree char *night = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  guint index = 0;
  int left;

  if (inventory == NULL)
    return FALSE;
  type = _td_inventory_get_type (inventory, room_type_id);
  left = type ? _td_type_inventory_min_left (type, &index) : -1;
  if (left >= 0)
    return TRUE;

  stmt = _td_database_prepare (db, "SELECT code || ' ' || name FROM room_types WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, room_type_id, -1, SQLITE_STATIC);
  label = g_strdup (sqlite3_step (stmt) == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : room_type_id);
  sqlite3_reset (stmt);

  night = td_date_format_iso (range->start + index);
  if (type == NULL)
    g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_FULL,
                 _("The room type %s has no rooms"), label);
  else
    /* Translators: the room type, the night, then the counts that fill it */
    g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_FULL,
                 _("No room of type %s is left for the night of %s: of %u rooms, %d are taken or out of order, "
                   "%d are overbooked stays without a room and %d are held for group blocks"),
                 label, night, type->n_rooms, type->taken[index], type->unassigned[index], type->held[index]);
  return FALSE;
}

void
_td_inventory_explain_taken (TdDatabase         *db,
                             const char         *room_id,
                             const TdDateRange  *range,
                             const char         *except_stay,
                             const char         *except_closure,
                             GError            **error)
{
  sqlite3_stmt *stmt;
  GError *local_error = NULL;
  GError *explained = NULL;

  /* only a collision on the room-night table: other failures stay as they are */
  if (error == NULL || *error == NULL || strstr ((*error)->message, "room_nights") == NULL)
    return;

  stmt = _td_database_prepare (db,
                               "SELECT n.night, r.number, s.id, s.state, s.arrival, s.departure, "
                               "coalesce(s.guest_name, c.name, rc.name), o.reason, o.start_date, o.end_date "
                               "FROM rooms r JOIN room_nights n ON n.room = r.rowid "
                               "LEFT JOIN stays s ON s.rowid = n.stay "
                               "LEFT JOIN customers c ON c.id = s.customer_id "
                               "LEFT JOIN reservations v ON v.id = s.reservation_id "
                               "LEFT JOIN customers rc ON rc.id = v.customer_id "
                               "LEFT JOIN out_of_order_periods o ON o.rowid = n.closure "
                               "WHERE r.id = ?1 AND n.night >= ?2 AND n.night < ?3 "
                               "AND (s.id IS NULL OR ?4 IS NULL OR s.id != ?4) "
                               "AND (o.id IS NULL OR ?5 IS NULL OR o.id != ?5) "
                               "ORDER BY n.night LIMIT 1",
                               &local_error);
  if (stmt == NULL)
    {
      g_error_free (local_error);
      return;
    }
  sqlite3_bind_text (stmt, 1, room_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, range->start);
  sqlite3_bind_int64 (stmt, 3, range->end);
  sqlite3_bind_text (stmt, 4, except_stay, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, except_closure, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *night = td_date_format_iso ((guint32) sqlite3_column_int64 (stmt, 0));
      const char *number = (const char *) sqlite3_column_text (stmt, 1);

      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          TdStayState state = TD_STAY_CONFIRMED;

          td_stay_state_from_string ((const char *) sqlite3_column_text (stmt, 3), &state);
          /* Translators: room number, night, guest, state, arrival, departure */
          explained = g_error_new (TD_DESK_ERROR, TD_DESK_ERROR_TAKEN,
                                   _("Room %s is taken on the night of %s by %s (%s, %s to %s)"),
                                   number, night, (const char *) sqlite3_column_text (stmt, 6),
                                   td_stay_state_get_title (state),
                                   (const char *) sqlite3_column_text (stmt, 4),
                                   (const char *) sqlite3_column_text (stmt, 5));
        }
      else
        /* Translators: room number, night, reason, from, to */
        explained = g_error_new (TD_DESK_ERROR, TD_DESK_ERROR_TAKEN,
                                 _("Room %s is out of order on the night of %s (%s, %s to %s)"),
                                 number, night, (const char *) sqlite3_column_text (stmt, 7),
                                 (const char *) sqlite3_column_text (stmt, 8),
                                 (const char *) sqlite3_column_text (stmt, 9));
    }
  sqlite3_reset (stmt);

  if (explained == NULL)
    explained = g_error_new_literal (TD_DESK_ERROR, TD_DESK_ERROR_TAKEN,
                                     _("The room is already taken on one of these nights"));
  g_clear_error (error);
  g_propagate_error (error, explained);
}
