/* td-customer-editor.h: a dialog to add a customer or change one
 *
 * The customer's values in rows of fields, grouped as the details show
 * them, with their identity documents and their consent per channel. On
 * Save every value is checked (td_customer_check()): what is wrong is said
 * under its field and nothing is saved; warnings are shown once, and saved
 * on a second Save. A new customer is first compared with the ones there
 * are (td_customer_find_duplicates()): likely duplicates are listed, to
 * open instead, or to save anyway. Saving is one commit (the customer and
 * its documents); a change made meanwhile by someone else is refused and
 * said, nothing lost from the dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_CUSTOMER_EDITOR (td_customer_editor_get_type ())

G_DECLARE_FINAL_TYPE (TdCustomerEditor, td_customer_editor, TD, CUSTOMER_EDITOR, AdwWindow)

/* overview NULL: a new customer, with the values of prefill (may be NULL:
 * "name", "phone", "email"). Signals: "saved" (const char *id, gboolean
 * created) before the dialog closes; "open-requested" (const char *id) for
 * a likely duplicate the person chose to open instead. */
GtkWidget   *td_customer_editor_new         (GtkWindow         *parent,
                                             TdDatabase        *database,
                                             TdCustomerOverview *overview,
                                             JsonObject        *prefill);

/* As pressing Save. */
void         td_customer_editor_save        (TdCustomerEditor  *self);
gboolean     td_customer_editor_get_busy    (TdCustomerEditor  *self);

/* For tests: the entry or combo row of a field ("name", "phone", … of the
 * customer kind), and the problem shown under it (NULL: none). */
GtkWidget   *td_customer_editor_get_row     (TdCustomerEditor  *self,
                                             const char        *field);
const char  *td_customer_editor_get_problem (TdCustomerEditor  *self,
                                             const char        *field);
/* The likely duplicates listed (TdDuplicate), or NULL. */
GPtrArray   *td_customer_editor_get_duplicates (TdCustomerEditor *self);
/* The message above the fields (a refused save), or NULL. */
const char  *td_customer_editor_get_message (TdCustomerEditor  *self);

G_END_DECLS
