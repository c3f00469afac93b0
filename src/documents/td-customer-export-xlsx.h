/* td-customer-export-xlsx.h: every live customer as an Excel workbook
 *
 * The same columns as the CSV export (td_customer_export_rows()), every
 * cell text, so that the importer maps them back and Excel keeps identity
 * and phone numbers as they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

/* A TdExportFileFunc: td_customer_export_with_async() runs it in a thread. */
gboolean td_customer_export_xlsx (TdDatabase           *db,
                                  GFile                *file,
                                  TdExportProgressFunc  progress,
                                  gpointer              user_data,
                                  guint                *n_written,
                                  GCancellable         *cancellable,
                                  GError              **error);

G_END_DECLS
