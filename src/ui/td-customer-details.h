/* td-customer-details.h: everything about one customer, beside the list
 *
 * The record (contact, identity documents, consent per channel, more),
 * then notes and history, newest first, with a row to write a note. It
 * follows TdDatabase::changed for its customer. Its Edit and Delete
 * buttons activate customers.edit and customers.delete, which the page
 * around it provides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_CUSTOMER_DETAILS (td_customer_details_get_type ())

G_DECLARE_FINAL_TYPE (TdCustomerDetails, td_customer_details, TD, CUSTOMER_DETAILS, GtkWidget)

GtkWidget         *td_customer_details_new              (void);

/* Shows customer id of database (NULL: none), loading it. */
void               td_customer_details_show             (TdCustomerDetails *self,
                                                         TdDatabase        *database,
                                                         const char        *id);
const char        *td_customer_details_get_customer_id  (TdCustomerDetails *self);
/* What is shown, once loaded (NULL before). */
TdCustomerOverview *td_customer_details_get_overview     (TdCustomerDetails *self);
gboolean           td_customer_details_get_loading      (TdCustomerDetails *self);

/* The back button, for when the list and the details fold into one. */
void               td_customer_details_set_show_back    (TdCustomerDetails *self,
                                                         gboolean           show);
/* Moves the keyboard focus to the details (the Edit button). */
void               td_customer_details_focus            (TdCustomerDetails *self);

/* As writing text in "Add a note" and pressing Enter does. */
void               td_customer_details_add_note         (TdCustomerDetails *self,
                                                         const char        *text);

G_END_DECLS
