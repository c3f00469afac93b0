/* td-customer-merge-dialog.h: merging two records of one customer
 *
 * Shows two customers side by side, one row per field where they differ,
 * with a choice of value per row and of the record kept (the older one at
 * first: it keeps its id); then merges them with td_customer_merge_async().
 * Fields equal on both are shown once, dimmed. The documents and notes of
 * the record merged away move to the one kept; the dialog says how many.
 * If either record changes meanwhile, the merge is refused and the dialog
 * reloads them, keeping the choices that still apply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_CUSTOMER_MERGE_DIALOG (td_customer_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdCustomerMergeDialog, td_customer_merge_dialog, TD, CUSTOMER_MERGE_DIALOG, AdwWindow)

/* A modal dialog over parent (may be NULL) for merging the customers
 * first_id and second_id of database; it loads them at once. Present it
 * with gtk_window_present().
 *
 * Properties: "database", "first-id", "second-id" (construct-only);
 * "kept-id" (the record that will be kept, read-write once loaded);
 * "busy" (read-only: TRUE while loading or merging).
 * Signals:
 *   merged (const char *kept_id): the merge is done; the dialog then
 *     closes itself. */
GtkWidget  *td_customer_merge_dialog_new         (GtkWindow             *parent,
                                                  TdDatabase            *database,
                                                  const char            *first_id,
                                                  const char            *second_id);

gboolean    td_customer_merge_dialog_get_busy    (TdCustomerMergeDialog *self);
/* The record to keep: NULL until both are loaded. */
const char *td_customer_merge_dialog_get_kept_id (TdCustomerMergeDialog *self);
/* Keeps kept_id (one of the two) rather than the other. */
void        td_customer_merge_dialog_set_kept_id (TdCustomerMergeDialog *self,
                                                  const char            *kept_id);
/* Merges with the choices shown, as the Merge button does. */
void        td_customer_merge_dialog_merge       (TdCustomerMergeDialog *self);

G_END_DECLS
