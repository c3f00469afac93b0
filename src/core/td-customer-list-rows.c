/* td-customer-list-rows.c: the customer list's reads of the customers
 * table, in the order of a key (sort_name, sort_city, created_at or
 * updated_at, then rowid), over read-only connections of its own: the
 * keys and how they compare, range statements over the indexes of
 * migration 7, pages of rows, counts between two keys, one row by id.
 * td-customer-list.c builds the lazy list model on these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-customer-list-rows-private.h"
#include "td-database-private.h"
#include "td-id-number.h"

/* ------------------------------------------------------------------ */
/* keys and orders                                                    */

const SortColumns _td_list_sort_columns[] = {
  [TD_CUSTOMER_SORT_NAME] = { "sort_name", NULL },
  [TD_CUSTOMER_SORT_CITY] = { "sort_city", "sort_name" },
  [TD_CUSTOMER_SORT_CREATED] = { "created_at", NULL },
  [TD_CUSTOMER_SORT_UPDATED] = { "updated_at", NULL },
  [TD_CUSTOMER_SORT_RELEVANCE] = { "sort_name", NULL },
};

void
_td_list_key_clear (Key *key)
{
  g_clear_pointer (&key->k1, g_free);
  g_clear_pointer (&key->k2, g_free);
}

void
_td_list_key_free (gpointer data)
{
  _td_list_key_clear (data);
  g_free (data);
}

void
_td_list_key_from_row (Key                     *key,
                       Order                    order,
                       const TdCustomerRowData *row)
{
  switch (order.sort)
    {
    case TD_CUSTOMER_SORT_CITY:
      key->k1 = g_strdup (row->sort_city);
      key->k2 = g_strdup (row->sort_name);
      break;
    case TD_CUSTOMER_SORT_CREATED:
      key->k1 = g_strdup (row->created_at);
      key->k2 = NULL;
      break;
    case TD_CUSTOMER_SORT_UPDATED:
      key->k1 = g_strdup (row->updated_at);
      key->k2 = NULL;
      break;
    case TD_CUSTOMER_SORT_NAME:
    case TD_CUSTOMER_SORT_RELEVANCE:
    default:
      key->k1 = g_strdup (row->sort_name);
      key->k2 = NULL;
      break;
    }
  key->rowid = row->rowid;
}

/* As SQLite compares them (BINARY: bytes, the shorter first). */
static int
key_compare (const Key *a,
             const Key *b)
{
  int c = g_strcmp0 (a->k1, b->k1);

  if (c == 0)
    c = g_strcmp0 (a->k2, b->k2);
  if (c == 0)
    c = a->rowid < b->rowid ? -1 : a->rowid > b->rowid;
  return c;
}

/* < 0: a comes first in the order */
int
_td_list_order_compare (Order      order,
                        const Key *a,
                        const Key *b)
{
  int c = key_compare (a, b);

  return order.descending ? -c : c;
}

gboolean
_td_list_key_equal (const Key *a,
                    const Key *b)
{
  return key_compare (a, b) == 0;
}

/* SELECT what FROM customers WHERE the live rows [from lower] [before
 * upper] in the order; the bounds' keys are bound from ?1 (lower), then the
 * upper one. */
char *
_td_list_range_sql (Order       order,
                    const char *what,
                    LowerBound  lower,
                    gboolean    upper,
                    gboolean    ordered)
{
  const SortColumns *cols = &_td_list_sort_columns[order.sort];
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *tuple = NULL;
  g_autofree char *params = NULL;
  const char *desc = order.descending ? " DESC" : "";

  if (cols->k2)
    {
      tuple = g_strdup_printf ("(%s, %s, rowid)", cols->k1, cols->k2);
      params = g_strdup ("(?, ?, ?)");
    }
  else
    {
      tuple = g_strdup_printf ("(%s, rowid)", cols->k1);
      params = g_strdup ("(?, ?)");
    }

  g_string_append_printf (sql, "SELECT %s FROM customers WHERE deleted = 0", what);
  if (lower != BOUND_NONE)
    g_string_append_printf (sql, " AND %s %s %s", tuple,
                            order.descending ? (lower == BOUND_FROM ? "<=" : "<")
                                             : (lower == BOUND_FROM ? ">=" : ">"),
                            params);
  if (upper)
    g_string_append_printf (sql, " AND %s %s %s", tuple, order.descending ? ">" : "<", params);
  if (ordered)
    {
      if (cols->k2)
        g_string_append_printf (sql, " ORDER BY %s%s, %s%s, rowid%s", cols->k1, desc, cols->k2, desc, desc);
      else
        g_string_append_printf (sql, " ORDER BY %s%s, rowid%s", cols->k1, desc, desc);
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static int
bind_key (sqlite3_stmt *stmt,
          int           index,
          Order         order,
          const Key    *key)
{
  sqlite3_bind_text (stmt, index++, key->k1 ? key->k1 : "", -1, SQLITE_TRANSIENT);
  if (_td_list_sort_columns[order.sort].k2)
    sqlite3_bind_text (stmt, index++, key->k2 ? key->k2 : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, index++, key->rowid);
  return index;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);

  return text && *text ? g_strdup (text) : NULL;
}

/* A row of ROW_COLUMNS, from column 0. */
TdCustomerRowData *
_td_list_read_row (sqlite3_stmt *stmt)
{
  TdCustomerRowData *row = g_new0 (TdCustomerRowData, 1);
  const char *id_number = (const char *) sqlite3_column_text (stmt, 7);

  row->rowid = sqlite3_column_int64 (stmt, 0);
  row->deleted = sqlite3_column_int (stmt, 1) != 0;
  row->id = column_dup (stmt, 2);
  row->name = column_dup (stmt, 3);
  row->party = column_dup (stmt, 4);
  row->phone = column_dup (stmt, 5);
  row->email = column_dup (stmt, 6);
  row->id_number_masked = id_number && *id_number ? td_id_number_mask (id_number) : NULL;
  row->city = column_dup (stmt, 8);
  row->tags = column_dup (stmt, 9);
  row->created_at = column_dup (stmt, 10);
  row->updated_at = column_dup (stmt, 11);
  row->sort_name = g_strdup ((const char *) sqlite3_column_text (stmt, 12));
  row->sort_city = g_strdup ((const char *) sqlite3_column_text (stmt, 13));
  return row;
}

/* ------------------------------------------------------------------ */
/* connections of the list's own                                      */

void
_td_list_connection_free (Connection *conn)
{
  if (conn == NULL)
    return;
  g_clear_pointer (&conn->statements, g_hash_table_unref);
  if (conn->db)
    sqlite3_close_v2 (conn->db);
  g_free (conn);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Read-only, in the WAL beside the workspace's own connection. */
Connection *
_td_list_connection_open (TdDatabase  *database,
                          GError     **error)
{
  g_autoptr(Connection) conn = g_new0 (Connection, 1);
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc;

  flags |= _td_database_is_readonly (database) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  conn->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  rc = sqlite3_open_v2 (td_database_get_path (database), &conn->db, flags, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (conn->db, BUSY_TIMEOUT_MS);
      /* (not memory-mapped: a third less time per page, but every page
       * of the file ever read would count as the program's memory) */
      rc = sqlite3_exec (conn->db, "PRAGMA query_only = 1; PRAGMA cache_size = -8192", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      _td_database_set_error (error, conn->db, rc);
      return NULL;
    }
  return g_steal_pointer (&conn);
}

sqlite3_stmt *
_td_list_connection_prepare (Connection  *conn,
                             const char  *sql,
                             GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (conn->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _td_database_set_error (error, conn->db, rc);
      return NULL;
    }
  g_hash_table_insert (conn->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_td_list_step_failed (Connection  *conn,
                      int          rc,
                      GError     **error)
{
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return FALSE;
  _td_database_set_error (error, conn->db, rc);
  return TRUE;
}

/* Live rows from lower (NULL: the first), skipping offset, at most limit:
 * an array of TdCustomerRowData. */
GPtrArray *
_td_list_read_rows (Connection  *conn,
                    Order        order,
                    const Key   *lower,
                    LowerBound   bound,
                    guint        offset,
                    guint        limit,
                    GError     **error)
{
  g_autofree char *range = _td_list_range_sql (order, ROW_COLUMNS, lower ? bound : BOUND_NONE, FALSE, TRUE);
  g_autofree char *sql = g_strconcat (range, " LIMIT ? OFFSET ?", NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _td_customer_row_data_free);
  sqlite3_stmt *stmt = _td_list_connection_prepare (conn, sql, error);
  int index = 1, rc;

  if (stmt == NULL)
    return NULL;
  if (lower)
    index = bind_key (stmt, index, order, lower);
  sqlite3_bind_int64 (stmt, index++, limit);
  sqlite3_bind_int64 (stmt, index, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _td_list_read_row (stmt));
  sqlite3_reset (stmt);
  if (_td_list_step_failed (conn, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Live rows in [from, before) of the order. */
gint64
_td_list_count_between (Connection  *conn,
                        Order        order,
                        const Key   *from,
                        const Key   *before,
                        GError     **error)
{
  g_autofree char *sql = _td_list_range_sql (order, "count(*)", from ? BOUND_FROM : BOUND_NONE, TRUE, FALSE);
  sqlite3_stmt *stmt = _td_list_connection_prepare (conn, sql, error);
  gint64 count = -1;
  int index = 1, rc;

  if (stmt == NULL)
    return -1;
  if (from)
    index = bind_key (stmt, index, order, from);
  bind_key (stmt, index, order, before);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (_td_list_step_failed (conn, rc, error))
    return -1;
  return count;
}

/* The row of customer id, live or not; NULL (no error) when there is none. */
TdCustomerRowData *
_td_list_read_row_by_id (Connection  *conn,
                         const char  *id,
                         GError     **error)
{
  sqlite3_stmt *stmt = _td_list_connection_prepare (conn, "SELECT " ROW_COLUMNS " FROM customers WHERE id = ?", error);
  TdCustomerRowData *row = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = _td_list_read_row (stmt);
  sqlite3_reset (stmt);
  _td_list_step_failed (conn, rc, error);
  return row;
}
