/* td-customer-export.h: every live customer as CSV or vCard 4.0
 *
 * CSV: UTF-8 with a byte order mark (Excel opens it as UTF-8), CRLF, one
 * customer a row under stable English headers (td_customer_column_get_
 * header()) that the importer maps back: exporting and importing again
 * gives the same customers. Values a spreadsheet would run as formulas
 * are guarded (td-csv.h). vCard: td_vcard_write() for each customer with
 * its identity documents.
 *
 * Customers are read from the workspace a few hundred at a time, in the
 * order they were created, and written as they are read: a million
 * customers take no more memory than a few. A file is written under a
 * temporary name beside it and renamed when complete, so a failed or
 * cancelled export leaves no half file (and an older file as it was).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

typedef enum {
  TD_EXPORT_FORMAT_CSV,
  TD_EXPORT_FORMAT_VCARD,
  /* written by src/documents/ (td_customer_export_xlsx()): the functions
   * here refuse it */
  TD_EXPORT_FORMAT_XLSX,
} TdExportFormat;

/* done of total customers written. */
typedef void (*TdExportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Writes to stream (left open); *n_written: the customers written.
 * progress (may be NULL) is called in the calling thread. */
gboolean  td_customer_export_to_stream    (TdDatabase           *db,
                                           TdExportFormat        format,
                                           GOutputStream        *stream,
                                           TdExportProgressFunc  progress,
                                           gpointer              user_data,
                                           guint                *n_written,
                                           GCancellable         *cancellable,
                                           GError              **error);

/* The CSV's table without CSV: its header row, then a row per customer,
 * each cell text or NULL (empty), given to row_func (which fails the
 * export by returning FALSE with error set). For writers of other formats
 * (the XLSX export of src/documents/). */
typedef gboolean (*TdExportRowFunc) (const char * const *cells,
                                     guint               n_cells,
                                     gpointer            user_data,
                                     GError            **error);

gboolean  td_customer_export_rows         (TdDatabase           *db,
                                           TdExportRowFunc       row_func,
                                           gpointer              row_data,
                                           TdExportProgressFunc  progress,
                                           gpointer              user_data,
                                           guint                *n_written,
                                           GCancellable         *cancellable,
                                           GError              **error);

gboolean  td_customer_export_to_file      (TdDatabase           *db,
                                           TdExportFormat        format,
                                           GFile                *file,
                                           TdExportProgressFunc  progress,
                                           gpointer              user_data,
                                           guint                *n_written,
                                           GCancellable         *cancellable,
                                           GError              **error);

/* The same in a thread; progress (may be NULL) is called in the main
 * context of the caller's thread, and progress_notify frees user data
 * when the export is over. */
void      td_customer_export_to_file_async  (TdDatabase           *db,
                                             TdExportFormat        format,
                                             GFile                *file,
                                             TdExportProgressFunc  progress,
                                             gpointer              progress_data,
                                             GDestroyNotify        progress_notify,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
/* Another writer (the XLSX export) in the same thread with the same
 * progress; finished with td_customer_export_to_file_finish(). */
typedef gboolean (*TdExportFileFunc) (TdDatabase           *db,
                                      GFile                *file,
                                      TdExportProgressFunc  progress,
                                      gpointer              user_data,
                                      guint                *n_written,
                                      GCancellable         *cancellable,
                                      GError              **error);

void      td_customer_export_with_async     (TdDatabase           *db,
                                             TdExportFileFunc      writer,
                                             GFile                *file,
                                             TdExportProgressFunc  progress,
                                             gpointer              progress_data,
                                             GDestroyNotify        progress_notify,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  td_customer_export_to_file_finish (TdDatabase           *db,
                                             GAsyncResult         *result,
                                             guint                *n_written,
                                             GError              **error);

G_END_DECLS
