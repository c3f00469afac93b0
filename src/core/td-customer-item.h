/* td-customer-item.h: one customer as a list shows it
 *
 * The items of TdCustomerListModel. While the list is still reading a
 * page, an item may stand in for its row with "loaded" FALSE and no values;
 * it is filled in (and notifies) once the row has been read, so a bound
 * widget updates by itself. A list keeps one item per customer while it is
 * in use, and updates it when the customer changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TD_TYPE_CUSTOMER_ITEM (td_customer_item_get_type ())

G_DECLARE_FINAL_TYPE (TdCustomerItem, td_customer_item, TD, CUSTOMER_ITEM, GObject)

/* Properties, all read-only strings (NULL when not set) but "loaded":
 * "id", "name", "party" (person | organisation), "phone" (normalised,
 * as stored), "email", "id-number-masked" (first 6 and last 4 shown),
 * "city", "tags" (comma-separated), "created-at" and "updated-at" (UTC,
 * ISO 8601, as stored). */
const char *td_customer_item_get_id               (TdCustomerItem *self);
const char *td_customer_item_get_name             (TdCustomerItem *self);
const char *td_customer_item_get_party            (TdCustomerItem *self);
const char *td_customer_item_get_phone            (TdCustomerItem *self);
const char *td_customer_item_get_email            (TdCustomerItem *self);
const char *td_customer_item_get_id_number_masked (TdCustomerItem *self);
const char *td_customer_item_get_city             (TdCustomerItem *self);
const char *td_customer_item_get_tags             (TdCustomerItem *self);
const char *td_customer_item_get_created_at       (TdCustomerItem *self);
const char *td_customer_item_get_updated_at       (TdCustomerItem *self);
gboolean    td_customer_item_get_loaded           (TdCustomerItem *self);

G_END_DECLS
