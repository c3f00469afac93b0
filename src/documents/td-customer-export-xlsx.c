/* td-customer-export-xlsx.c: every live customer as an Excel workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-customer-export-xlsx.h"
#include "td-spreadsheet.h"

static gboolean
add_row (const char * const *cells,
         guint               n_cells,
         gpointer            user_data,
         GError            **error)
{
  return td_spreadsheet_add_row (user_data, cells, n_cells, error);
}

gboolean
td_customer_export_xlsx (TdDatabase           *db,
                         GFile                *file,
                         TdExportProgressFunc  progress,
                         gpointer              user_data,
                         guint                *n_written,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(TdSpreadsheet) sheet = NULL;
  guint n = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (n_written)
    *n_written = 0;
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("An Excel workbook can only be written to a folder on this computer."));
      return FALSE;
    }
  /* TRANSLATORS: the name of the sheet of an exported workbook (at most 31
   * characters, none of []:*?/\) */
  sheet = td_spreadsheet_new (path, C_("sheet", "Customers"), error);
  if (sheet == NULL)
    return FALSE;
  if (!td_customer_export_rows (db, add_row, sheet, progress, user_data, &n, cancellable, error)
      || !td_spreadsheet_finish (sheet, error))
    return FALSE;
  if (n_written)
    *n_written = n;
  return TRUE;
}
