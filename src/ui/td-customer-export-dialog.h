/* td-customer-export-dialog.h: every customer to a CSV or vCard file
 *
 * The clerk picks the format (a spreadsheet, or contacts for phones and
 * address books), then the file; the export runs in the background with
 * a progress bar and a Cancel button (cancelled or failed: no file is
 * left half written). At the end the dialog closes with a toast in the
 * main window when it was opened over one, or says so itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"
#include "td-customer-export.h"

G_BEGIN_DECLS

#define TD_TYPE_CUSTOMER_EXPORT_DIALOG (td_customer_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdCustomerExportDialog, td_customer_export_dialog, TD, CUSTOMER_EXPORT_DIALOG, AdwWindow)

/* A modal dialog over parent (may be NULL) exporting the customers of
 * database. Present it with gtk_window_present().
 *
 * Properties: "database" (construct-only); "format" (a TdExportFormat,
 * read-write); "busy" (read-only: TRUE while exporting).
 * Signals:
 *   exported (GFile *file, guint n_customers): the file is written. */
GtkWidget      *td_customer_export_dialog_new        (GtkWindow              *parent,
                                                      TdDatabase             *database);

TdExportFormat  td_customer_export_dialog_get_format (TdCustomerExportDialog *self);
void            td_customer_export_dialog_set_format (TdCustomerExportDialog *self,
                                                      TdExportFormat          format);
gboolean        td_customer_export_dialog_get_busy   (TdCustomerExportDialog *self);
/* Exports to file, as if the clerk had chosen it. */
void            td_customer_export_dialog_export_to  (TdCustomerExportDialog *self,
                                                      GFile                  *file);

G_END_DECLS
