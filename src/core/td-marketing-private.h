/* td-marketing-private.h: what the marketing files of src/core share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database-private.h"
#include "td-money.h"

G_BEGIN_DECLS

/* a text column, copied (NULL for NULL) */
#define _TD_COLUMN_TEXT(stmt, i) g_strdup ((const char *) sqlite3_column_text (stmt, i))

typedef gpointer (*TdRowFunc) (sqlite3_stmt *stmt);

/* Runs sql (a cached statement) with ?1 bound to param (NULL: NULL) under
 * the database's lock, one item per row made by row; NULL with error. */
GPtrArray *_td_marketing_select (TdDatabase     *db,
                                 const char     *sql,
                                 const char     *param,
                                 TdRowFunc       row,
                                 GDestroyNotify  free_item,
                                 GError        **error);

/* what a stay sold: its customer (the guest, else the booker), room type,
 * arrival, total, state, and the coupon discounts recorded on it */
typedef struct {
  char    *customer_id;
  char    *room_type_id;
  guint32  arrival;
  TdMoney  total;
  char    *state;
  gint64   discounts_minor;   /* in total's currency */
} TdStaySale;

void       _td_stay_sale_clear  (TdStaySale  *sale);
gboolean   _td_stay_sale_get    (TdDatabase  *db,
                                 const char  *stay_id,
                                 TdStaySale  *sale,
                                 GError     **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdStaySale, _td_stay_sale_clear)

G_END_DECLS
