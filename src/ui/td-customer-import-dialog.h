/* td-customer-import-dialog.h: customers from a CSV or vCard file
 *
 * The clerk chooses a file; the dialog reads it in the background and
 * shows the format and text encoding it found (the encoding can be forced)
 * and, for a CSV file, its first rows with the customer field each column
 * goes to (guessed from the header, changed with the drop-down above each
 * column). "Check" runs the import without writing (a dry run) and shows
 * how many customers would be added, updated, left as they are or skipped,
 * with every row's line and reason; "Import" then writes it all in one
 * transaction, with a progress bar and a Cancel button (cancelled: nothing
 * is written, and the dialog says so). Problems with the file are said in
 * words, naming the line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"
#include "td-customer-import.h"

G_BEGIN_DECLS

#define TD_TYPE_CUSTOMER_IMPORT_DIALOG (td_customer_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdCustomerImportDialog, td_customer_import_dialog, TD, CUSTOMER_IMPORT_DIALOG, AdwWindow)

/* A modal dialog over parent (may be NULL) importing into database.
 * Present it with gtk_window_present(); its first page offers to choose
 * a file.
 *
 * Properties: "database" (construct-only); "busy" (read-only: TRUE while
 * the file is read, checked or imported).
 * Signals:
 *   imported (guint created, guint updated): the import was written. */
GtkWidget        *td_customer_import_dialog_new        (GtkWindow              *parent,
                                                        TdDatabase             *database);

/* Reads file, as if the clerk had chosen it. */
void              td_customer_import_dialog_open_file  (TdCustomerImportDialog *self,
                                                        GFile                  *file);
gboolean          td_customer_import_dialog_get_busy   (TdCustomerImportDialog *self);
/* The import behind the dialog (its mapping, encoding, format). */
TdCustomerImport *td_customer_import_dialog_get_import (TdCustomerImportDialog *self);
/* The report shown: of the dry run, or of the import once done; NULL
 * before. */
TdImportReport   *td_customer_import_dialog_get_report (TdCustomerImportDialog *self);

G_END_DECLS
