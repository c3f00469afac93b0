/* td-customers-page.h: the customers area
 *
 * Every customer of the workspace in a GtkColumnView over
 * TdCustomerListModel (sorted and searched in SQLite, read a page at a
 * time), with search as you type above it and the selected customer's
 * details beside it (TdCustomerDetails). New, edit (TdCustomerEditor) and
 * delete with undo. Keys: Ctrl+F search, Ctrl+N new customer, Enter edit,
 * Delete delete, Escape clears the search.
 *
 * Actions: customers.new, customers.edit, customers.delete. The menu beside
 * "New Customer" offers win.import-customers, win.export-customers and
 * win.find-duplicates once the window has them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"
#include "td-customer-details.h"

G_BEGIN_DECLS

#define TD_TYPE_CUSTOMERS_PAGE (td_customers_page_get_type ())

G_DECLARE_FINAL_TYPE (TdCustomersPage, td_customers_page, TD, CUSTOMERS_PAGE, GtkWidget)

GtkWidget           *td_customers_page_new           (void);

TdCustomerListModel *td_customers_page_get_model     (TdCustomersPage *self);
GtkColumnView       *td_customers_page_get_view      (TdCustomersPage *self);
TdCustomerDetails   *td_customers_page_get_details   (TdCustomersPage *self);
GtkEditable         *td_customers_page_get_search    (TdCustomersPage *self);
/* The open editor, or NULL. */
GtkWindow           *td_customers_page_get_editor    (TdCustomersPage *self);

/* Shows customer id: selected in the list (when it is in it), and in the
 * details. */
void                 td_customers_page_show_customer (TdCustomersPage *self,
                                                      const char      *id);
/* The customer selected (in the details), or NULL. */
const char          *td_customers_page_get_customer  (TdCustomersPage *self);

G_END_DECLS
