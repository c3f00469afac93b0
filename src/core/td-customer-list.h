/* td-customer-list.h: the live customers of a workspace as a lazy GListModel
 *
 * A GListModel of TdCustomerItem that never loads every row: the number of
 * customers comes from a count, the rows from pages of
 * TD_CUSTOMER_LIST_PAGE_SIZE read on demand (a few are kept), in an order
 * SQLite gives from an index (migration 7). To reach any position at once,
 * a worker thread notes the sort key of every page's first row (a
 * "checkpoint"); a page is then one range read of the index from its
 * checkpoint, which takes about a millisecond at a million customers, on a
 * connection of the list's own (so a commit or search in progress never
 * holds it up). Until those checkpoints are known (a fraction of a second
 * after a reload), pages far down are answered with items not loaded yet,
 * filled in when they are.
 *
 * With a query, the list holds instead the best matches of
 * td_customer_search() (at most TD_CUSTOMER_LIST_SEARCH_LIMIT), searched in
 * a worker thread: ranked, or in the sort order when one was asked for.
 *
 * The list follows TdDatabase::changed: a customer added, changed or
 * removed through td_database_commit() appears, moves or goes away with
 * items-changed for just that row; what it cannot place exactly (or
 * changes by other programs, after td_customer_list_model_reload()) makes
 * it read everything again.
 *
 * Everything here runs in the thread that created the list (the main
 * thread of the GUI).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "td-customer-item.h"
#include "td-database.h"

G_BEGIN_DECLS

#define TD_CUSTOMER_LIST_PAGE_SIZE    200
#define TD_CUSTOMER_LIST_SEARCH_LIMIT 200

typedef enum {
  TD_CUSTOMER_SORT_NAME,     /* in pinyin order: 安, 白, 陈…; Latin names among them */
  TD_CUSTOMER_SORT_CITY,     /* in pinyin order, then by name; no city first */
  TD_CUSTOMER_SORT_CREATED,
  TD_CUSTOMER_SORT_UPDATED,
  TD_CUSTOMER_SORT_RELEVANCE, /* with a query: the best matches first; else as NAME */
} TdCustomerSort;

#define TD_TYPE_CUSTOMER_LIST_MODEL (td_customer_list_model_get_type ())

G_DECLARE_FINAL_TYPE (TdCustomerListModel, td_customer_list_model, TD, CUSTOMER_LIST_MODEL, GObject)

/* Properties: "database" (construct-only), "query", "sort", "descending",
 * "loading" (a count, search or reading of checkpoints is running),
 * "limited" (the matches were cut at TD_CUSTOMER_LIST_SEARCH_LIMIT),
 * "total" (live customers in the workspace, -1 until counted) and "error"
 * (the last failure's message, or NULL). */
TdCustomerListModel *td_customer_list_model_new            (TdDatabase          *database);

TdDatabase          *td_customer_list_model_get_database   (TdCustomerListModel *self);

/* "" or NULL: every customer. Starts the search at once (cancelling the
 * one running); the items change when it is done. */
void                 td_customer_list_model_set_query      (TdCustomerListModel *self,
                                                            const char          *query);
const char          *td_customer_list_model_get_query      (TdCustomerListModel *self);

void                 td_customer_list_model_set_sort       (TdCustomerListModel *self,
                                                            TdCustomerSort       sort,
                                                            gboolean             descending);
TdCustomerSort       td_customer_list_model_get_sort       (TdCustomerListModel *self,
                                                            gboolean            *descending);

gboolean             td_customer_list_model_get_loading    (TdCustomerListModel *self);
gboolean             td_customer_list_model_get_limited    (TdCustomerListModel *self);
gint64               td_customer_list_model_get_total      (TdCustomerListModel *self);
const char          *td_customer_list_model_get_error      (TdCustomerListModel *self);

/* Reads everything again (after changes by other programs). */
void                 td_customer_list_model_reload         (TdCustomerListModel *self);

/* Where the customer is in the list, or G_MAXUINT (not in it, or not
 * placed yet). */
guint                td_customer_list_model_find           (TdCustomerListModel *self,
                                                            const char          *id);

/* For tests and benchmarks: pages read so far, and how long they took. */
void                 td_customer_list_model_get_page_stats (TdCustomerListModel *self,
                                                            guint               *n_pages,
                                                            double              *total_ms,
                                                            double              *max_ms);

G_END_DECLS
