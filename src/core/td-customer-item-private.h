/* td-customer-item-private.h: for TdCustomerListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-customer-item.h"

G_BEGIN_DECLS

/* One row of customers, as the list reads it. */
typedef struct {
  gint64    rowid;
  gboolean  deleted;
  char     *id;
  char     *name;
  char     *party;
  char     *phone;
  char     *email;
  char     *id_number_masked;
  char     *city;
  char     *tags;
  char     *created_at;
  char     *updated_at;
  char     *sort_name;   /* the sort keys (migration 7) */
  char     *sort_city;
} TdCustomerRowData;

void               _td_customer_row_data_free (TdCustomerRowData       *data);
TdCustomerRowData *_td_customer_row_data_copy (const TdCustomerRowData *data);

/* An item not read yet ("loaded" FALSE). */
TdCustomerItem    *_td_customer_item_new      (void);
/* Takes data; notifies the properties that changed. */
void               _td_customer_item_set_data (TdCustomerItem    *self,
                                               TdCustomerRowData *data);
/* NULL while not loaded. */
TdCustomerRowData *_td_customer_item_get_data (TdCustomerItem    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCustomerRowData, _td_customer_row_data_free)

G_END_DECLS
