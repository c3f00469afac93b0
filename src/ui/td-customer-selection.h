/* td-customer-selection.h: one customer selected in a lazy list, by id
 *
 * A GtkSelectionModel over a GListModel of TdCustomerItem that remembers
 * which customer is selected, not where: a row is selected when its item
 * is that customer's. The selection so stays with the customer when the
 * list moves it (a rename), swaps its rows (a search, a sort) or reads
 * everything again, and never looks through the list for it: asking
 * GtkSingleSelection to keep an item it has lost makes it read every item
 * there is, a million pages of a lazy list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TD_TYPE_CUSTOMER_SELECTION (td_customer_selection_get_type ())

G_DECLARE_FINAL_TYPE (TdCustomerSelection, td_customer_selection, TD, CUSTOMER_SELECTION, GObject)

/* model: a GListModel of TdCustomerItem (or NULL); "model" property. */
TdCustomerSelection *td_customer_selection_new             (GListModel          *model);

void                 td_customer_selection_set_model       (TdCustomerSelection *self,
                                                            GListModel          *model);
/* The customer selected (the "selected-id" property), or NULL. */
const char          *td_customer_selection_get_selected_id (TdCustomerSelection *self);
void                 td_customer_selection_set_selected_id (TdCustomerSelection *self,
                                                            const char          *id);

G_END_DECLS
