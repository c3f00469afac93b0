/* td-customer-origins.h: where the customers come from, by place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "td-china-places.h"
#include "td-database.h"

G_BEGIN_DECLS

typedef struct {
  const TdChinaPlace *place;
  gint64              count;
} TdCustomerOrigin;

typedef struct {
  GArray *origins;    /* TdCustomerOrigin, the most customers first */
  gint64  placed;     /* customers counted in origins */
  gint64  unplaced;   /* live customers whose origin is not known */
} TdCustomerOrigins;

void               td_customer_origins_free   (TdCustomerOrigins   *origins);

/* Live customers (not merged away) counted by td_china_place_find() of
 * their province, city and resident identity number. One scan of the
 * table: call it off the main thread, or use the async variant. */
TdCustomerOrigins *td_customer_origins        (TdDatabase          *db,
                                               GCancellable        *cancellable,
                                               GError             **error);
void               td_customer_origins_async  (TdDatabase          *db,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
TdCustomerOrigins *td_customer_origins_finish (TdDatabase          *db,
                                               GAsyncResult        *result,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCustomerOrigins, td_customer_origins_free)

G_END_DECLS
