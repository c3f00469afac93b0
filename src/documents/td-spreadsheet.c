/* td-spreadsheet.c: writing tables as Excel workbooks (.xlsx)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "td-spreadsheet.h"

#define MAX_WIDTH 40.0   /* characters */

struct _TdSpreadsheet
{
  char          *path;
  char          *temp;
  char          *tmpdir;
  lxw_workbook  *workbook;
  lxw_worksheet *sheet;
  lxw_format    *header;
  guint          n_rows;
  guint          n_columns;
};

static gboolean
lxw_failed (lxw_error   result,
            const char *path,
            GError    **error)
{
  if (result == LXW_NO_ERROR)
    return FALSE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"),
               path, lxw_strerror (result));
  return TRUE;
}

TdSpreadsheet *
td_spreadsheet_new (const char  *path,
                    const char  *sheet_name,
                    GError     **error)
{
  g_autoptr(TdSpreadsheet) self = g_new0 (TdSpreadsheet, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  lxw_workbook_options options = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (sheet_name != NULL, NULL);

  if (*sheet_name == '\0' || g_utf8_strlen (sheet_name, -1) > 31 || strpbrk (sheet_name, "[]:*?/\\") != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot name a sheet of a workbook."), sheet_name);
      return NULL;
    }

  self->path = g_strdup (path);
  /* a name of our own beside the file, for libxlsxwriter to create at
   * close (with the permissions files get here, unlike g_mkstemp's 0600) */
  for (guint attempt = 0; self->temp == NULL; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".td-xlsx-%08x.part", g_random_int ());
      char *temp = g_build_filename (dir, name, NULL);

      if (!g_file_test (temp, G_FILE_TEST_EXISTS) || attempt >= 5)
        self->temp = temp;
      else
        g_free (temp);
    }
  if (g_access (dir, W_OK) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write “%s”: %s"),
                   path, g_strerror (saved));
      return NULL;
    }

  /* its row files in a private directory of ours, removed at the end */
  self->tmpdir = g_dir_make_tmp ("tourdesk-xlsx-XXXXXX", error);
  if (self->tmpdir == NULL)
    return NULL;
  options.constant_memory = LXW_TRUE;
  options.tmpdir = self->tmpdir;
  self->workbook = workbook_new_opt (self->temp, &options);
  if (self->workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”"), path);
      return NULL;
    }
  self->sheet = workbook_add_worksheet (self->workbook, sheet_name);
  if (self->sheet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot name a sheet of a workbook."), sheet_name);
      return NULL;
    }
  self->header = workbook_add_format (self->workbook);
  format_set_bold (self->header);
  return g_steal_pointer (&self);
}

/* Excel's column width in characters, wide ones counted twice */
static double
text_width (const char *text)
{
  double width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2.1 : 1.1;
  return width;
}

gboolean
td_spreadsheet_add_row (TdSpreadsheet      *self,
                        const char * const *cells,
                        guint               n_cells,
                        GError            **error)
{
  g_return_val_if_fail (self != NULL && self->workbook != NULL, FALSE);

  if (self->n_rows >= LXW_ROW_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("An Excel sheet holds at most %d rows: export as CSV instead."), LXW_ROW_MAX);
      return FALSE;
    }
  if (self->n_rows == 0)
    self->n_columns = n_cells;

  for (guint c = 0; c < n_cells && c < LXW_COL_MAX; c++)
    {
      if (cells[c] == NULL || *cells[c] == '\0')
        continue;
      if (lxw_failed (worksheet_write_string (self->sheet, self->n_rows, (lxw_col_t) c, cells[c],
                                              self->n_rows == 0 ? self->header : NULL),
                      self->path, error))
        return FALSE;
    }

  /* columns as wide as their header: in constant-memory mode they must be
   * set before the rows are flushed, so from the first row */
  if (self->n_rows == 0)
    {
      for (guint c = 0; c < n_cells && c < LXW_COL_MAX; c++)
        {
          double width = cells[c] ? text_width (cells[c]) + 2 : 0;

          worksheet_set_column (self->sheet, (lxw_col_t) c, (lxw_col_t) c, CLAMP (width, 10, MAX_WIDTH), NULL);
        }
      worksheet_freeze_panes (self->sheet, 1, 0);
    }
  self->n_rows++;
  return TRUE;
}

guint
td_spreadsheet_get_n_rows (TdSpreadsheet *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

gboolean
td_spreadsheet_finish (TdSpreadsheet  *self,
                       GError        **error)
{
  lxw_error result;

  g_return_val_if_fail (self != NULL && self->workbook != NULL, FALSE);

  if (self->n_rows > 0 && self->n_columns > 0)
    worksheet_autofilter (self->sheet, 0, 0, self->n_rows - 1, (lxw_col_t) MIN (self->n_columns, LXW_COL_MAX) - 1);
  result = workbook_close (self->workbook);
  self->workbook = NULL;
  if (lxw_failed (result, self->path, error))
    return FALSE;
  if (g_rename (self->temp, self->path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write “%s”: %s"),
                   self->path, g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&self->temp, g_free);
  return TRUE;
}

void
td_spreadsheet_free (TdSpreadsheet *self)
{
  if (self == NULL)
    return;
  if (self->workbook != NULL)
    workbook_close (self->workbook);
  if (self->temp != NULL)
    g_unlink (self->temp);
  if (self->tmpdir != NULL)
    g_rmdir (self->tmpdir);
  g_free (self->path);
  g_free (self->temp);
  g_free (self->tmpdir);
  g_free (self);
}
