/* td-spreadsheet.h: writing tables as Excel workbooks (.xlsx)
 *
 * libxlsxwriter in its constant-memory mode: rows are written as they
 * come, so a million customers take no more memory than a few. Cells are
 * written as text (identity numbers and phone numbers must not become
 * numbers, and nothing becomes a formula); the first row is the header,
 * bold, frozen and with a filter. The workbook is written beside its path
 * and renamed when complete: a failure leaves no half file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TdSpreadsheet TdSpreadsheet;

/* A workbook with one sheet named @sheet_name (Excel allows 31 characters
 * and no []:*?/\). */
TdSpreadsheet *td_spreadsheet_new      (const char          *path,
                                        const char          *sheet_name,
                                        GError             **error);
/* The header first, then the rows; NULL cells are left empty. Fails past
 * Excel's 1,048,576 rows. */
gboolean       td_spreadsheet_add_row  (TdSpreadsheet       *self,
                                        const char * const  *cells,
                                        guint                n_cells,
                                        GError             **error);
guint          td_spreadsheet_get_n_rows (TdSpreadsheet     *self);
/* Closes the workbook and puts it in place. */
gboolean       td_spreadsheet_finish   (TdSpreadsheet       *self,
                                        GError             **error);
/* Without finish: nothing is left behind. */
void           td_spreadsheet_free     (TdSpreadsheet       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSpreadsheet, td_spreadsheet_free)

G_END_DECLS
