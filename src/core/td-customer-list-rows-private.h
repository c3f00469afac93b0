/* td-customer-list-rows-private.h: the customer list's reads of the
 * customers table in key order (td-customer-list-rows.c), for
 * td-customer-list.c only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "td-customer-item-private.h"
#include "td-customer-list.h"

G_BEGIN_DECLS

/* the columns _td_list_read_row() reads, in its order */
#define ROW_COLUMNS \
  "rowid, deleted, id, name, party, phone, email, id_number, city, tags, " \
  "created_at, updated_at, sort_name, sort_city"

/* The columns of an order's key, before rowid. */
typedef struct {
  const char *k1;
  const char *k2;   /* NULL: none */
} SortColumns;

/* The order of the rows: RELEVANCE is NAME when browsing. */
typedef struct {
  TdCustomerSort sort;
  gboolean       descending;
} Order;

/* Where a row is in an order: its sort columns and rowid. */
typedef struct {
  char   *k1;
  char   *k2;
  gint64  rowid;
} Key;

/* How _td_list_range_sql() bounds a range from below. */
typedef enum {
  BOUND_NONE,
  BOUND_FROM,        /* rows at or after the key */
  BOUND_AFTER,       /* rows after the key */
} LowerBound;

/* A read-only connection of the list's own, with its prepared statements. */
typedef struct {
  sqlite3    *db;
  GHashTable *statements;  /* SQL → sqlite3_stmt */
} Connection;

/* indexed by TdCustomerSort */
extern const SortColumns _td_list_sort_columns[];

void               _td_list_key_clear        (Key                     *key);
/* frees a Key allocated with g_new0() (a GDestroyNotify) */
void               _td_list_key_free         (gpointer                 data);
void               _td_list_key_from_row     (Key                     *key,
                                              Order                    order,
                                              const TdCustomerRowData *row);
/* < 0: a comes first in the order */
int                _td_list_order_compare    (Order                    order,
                                              const Key               *a,
                                              const Key               *b);
gboolean           _td_list_key_equal        (const Key               *a,
                                              const Key               *b);
/* SELECT what FROM customers WHERE the live rows [from lower] [before
 * upper] in the order; the bounds' keys are bound from ?1 (lower), then
 * the upper one. */
char              *_td_list_range_sql        (Order                    order,
                                              const char              *what,
                                              LowerBound               lower,
                                              gboolean                 upper,
                                              gboolean                 ordered);
/* A row of ROW_COLUMNS, from column 0. */
TdCustomerRowData *_td_list_read_row         (sqlite3_stmt            *stmt);

void               _td_list_connection_free  (Connection              *conn);
/* Read-only, in the WAL beside the workspace's own connection. */
Connection        *_td_list_connection_open  (TdDatabase              *database,
                                              GError                 **error);
/* A cached statement, reset and without bindings. */
sqlite3_stmt      *_td_list_connection_prepare (Connection            *conn,
                                                const char            *sql,
                                                GError               **error);
/* TRUE, with error set, when rc is neither SQLITE_ROW nor SQLITE_DONE. */
gboolean           _td_list_step_failed      (Connection              *conn,
                                              int                      rc,
                                              GError                 **error);
/* Live rows from lower (NULL: the first), skipping offset, at most limit:
 * an array of TdCustomerRowData. */
GPtrArray         *_td_list_read_rows        (Connection              *conn,
                                              Order                    order,
                                              const Key               *lower,
                                              LowerBound               bound,
                                              guint                    offset,
                                              guint                    limit,
                                              GError                 **error);
/* Live rows in [from, before) of the order; -1 on error. */
gint64             _td_list_count_between    (Connection              *conn,
                                              Order                    order,
                                              const Key               *from,
                                              const Key               *before,
                                              GError                 **error);
/* The row of customer id, live or not; NULL (no error) when there is none. */
TdCustomerRowData *_td_list_read_row_by_id   (Connection              *conn,
                                              const char              *id,
                                              GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Connection, _td_list_connection_free)

G_END_DECLS
