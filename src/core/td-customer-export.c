/* td-customer-export.c: every live customer as CSV or vCard 4.0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-csv.h"
#include "td-customer-columns.h"
#include "td-customer-export.h"
#include "td-customer-profile.h"
#include "td-database-private.h"
#include "td-main-context.h"
#include "td-vcard.h"

/* customers read at a time, with the lock held */
#define BATCH 500
/* bytes gathered before they are written */
#define FLUSH_AT (64 * 1024)

/* The columns of a CSV export: Tourdesk's id first, then every column
 * that is one customer field, in the order of TdCustomerColumn. */
static GArray *
csv_columns (void)
{
  static GArray *columns;

  if (g_once_init_enter (&columns))
    {
      GArray *list = g_array_new (FALSE, FALSE, sizeof (TdCustomerColumn));
      TdCustomerColumn column = TD_CUSTOMER_COLUMN_RECORD_ID;

      g_array_append_val (list, column);
      for (column = TD_CUSTOMER_COLUMN_IGNORE; column < TD_CUSTOMER_N_COLUMNS; column++)
        if (td_customer_column_get_field (column))
          g_array_append_val (list, column);
      g_once_init_leave (&columns, list);
    }
  return columns;
}

/* The export's header row (the strings are static) */
static const char **
column_headers (void)
{
  GArray *columns = csv_columns ();
  const char **headers = g_new (const char *, columns->len);

  for (guint i = 0; i < columns->len; i++)
    headers[i] = td_customer_column_get_header (g_array_index (columns, TdCustomerColumn, i));
  return headers;
}

static void
append_csv_header (GString *out)
{
  g_autofree const char **headers = column_headers ();

  g_string_append (out, TD_CSV_BOM);
  td_csv_append_record (out, headers, csv_columns ()->len, ',');
}

/* A record's cells, in the columns' order: text, or NULL when empty. */
static GPtrArray *
record_cells (JsonObject *record)
{
  GArray *columns = csv_columns ();
  GPtrArray *values = g_ptr_array_new_full (columns->len, g_free);

  for (guint i = 0; i < columns->len; i++)
    {
      TdCustomerColumn column = g_array_index (columns, TdCustomerColumn, i);
      const char *field = column == TD_CUSTOMER_COLUMN_RECORD_ID ? "id" : td_customer_column_get_field (column);
      JsonNode *node = json_object_get_member (record, field);
      char *value = NULL;

      if (node && JSON_NODE_HOLDS_VALUE (node))
        {
          if (json_node_get_value_type (node) == G_TYPE_INT64)
            value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          else if (json_node_get_value_type (node) == G_TYPE_STRING)
            value = g_strdup (json_node_get_string (node));
        }
      g_ptr_array_add (values, value);
    }
  return values;
}

static void
append_csv_row (GString    *out,
                JsonObject *record)
{
  g_autoptr(GPtrArray) values = record_cells (record);

  td_csv_append_record (out, (const char * const *) values->pdata, values->len, ',');
}

/* Up to BATCH live records of kind after after_rowid (in rowid order),
 * into records; *last_rowid: of the last one. */
static gboolean
read_batch (TdDatabase  *db,
            const char  *sql,
            const TdKind *kind,
            gint64       after_rowid,
            GPtrArray   *records,
            gint64      *last_rowid,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, after_rowid);
  sqlite3_bind_int (stmt, 2, BATCH);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (records, _td_database_record_from_row (stmt, kind));
      *last_rowid = sqlite3_column_int64 (stmt, sqlite3_column_count (stmt) - 1);
    }
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  return rc == SQLITE_DONE;
}

static gboolean
flush (GOutputStream  *stream,
       GString        *out,
       GCancellable   *cancellable,
       GError        **error)
{
  if (out->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (out, 0);
  return TRUE;
}

/* Calls record_func for every live customer, in the order created, read a
 * batch at a time. */
typedef gboolean (*RecordFunc) (JsonObject *record,
                                gpointer    data,
                                GError    **error);

static gboolean
for_each_customer (TdDatabase           *db,
                   RecordFunc            record_func,
                   gpointer              data,
                   TdExportProgressFunc  progress,
                   gpointer              user_data,
                   guint                *n_written,
                   GCancellable         *cancellable,
                   GError              **error)
{
  const TdKind *kind = td_kind_lookup ("customer");
  g_autoptr(GString) sql = _td_database_record_select (kind, "rowid");
  gint64 total, last_rowid = 0;
  guint done = 0;

  if (n_written)
    *n_written = 0;
  total = td_database_count (db, "customer", error);
  if (total < 0)
    return FALSE;
  g_string_append (sql, " WHERE deleted = 0 AND rowid > ? ORDER BY rowid LIMIT ?");

  for (;;)
    {
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!read_batch (db, sql->str, kind, last_rowid, records, &last_rowid, error))
        return FALSE;
      if (records->len == 0)
        break;
      for (guint i = 0; i < records->len; i++)
        if (!record_func (g_ptr_array_index (records, i), data, error))
          return FALSE;
      done += records->len;
      if (progress)
        progress (done, (guint) MAX (total, done), user_data);
    }
  if (n_written)
    *n_written = done;
  return TRUE;
}

typedef struct {
  TdDatabase    *db;
  TdExportFormat format;
  GOutputStream *stream;
  GString       *out;
  GCancellable  *cancellable;
} StreamData;

static gboolean
write_record (JsonObject *record,
              gpointer    user_data,
              GError    **error)
{
  StreamData *data = user_data;

  if (data->format == TD_EXPORT_FORMAT_CSV)
    append_csv_row (data->out, record);
  else
    {
      g_autoptr(GPtrArray) documents =
        td_customer_list_documents (data->db, json_object_get_string_member (record, "id"), error);

      if (documents == NULL)
        return FALSE;
      td_vcard_write (data->out, record, documents);
    }
  return data->out->len < FLUSH_AT || flush (data->stream, data->out, data->cancellable, error);
}

gboolean
td_customer_export_to_stream (TdDatabase           *db,
                              TdExportFormat        format,
                              GOutputStream        *stream,
                              TdExportProgressFunc  progress,
                              gpointer              user_data,
                              guint                *n_written,
                              GCancellable         *cancellable,
                              GError              **error)
{
  g_autoptr(GString) out = g_string_sized_new (FLUSH_AT + 4096);
  StreamData data = { db, format, stream, out, cancellable };
  guint done = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (n_written)
    *n_written = 0;
  if (format == TD_EXPORT_FORMAT_XLSX)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "XLSX is written by td_customer_export_xlsx()");
      return FALSE;
    }
  if (format == TD_EXPORT_FORMAT_CSV)
    append_csv_header (out);
  if (!for_each_customer (db, write_record, &data, progress, user_data, &done, cancellable, error)
      || !flush (stream, out, cancellable, error))
    return FALSE;
  if (n_written)
    *n_written = done;
  return TRUE;
}

typedef struct {
  TdExportRowFunc row_func;
  gpointer        row_data;
} RowsData;

static gboolean
record_row (JsonObject *record,
            gpointer    user_data,
            GError    **error)
{
  RowsData *data = user_data;
  g_autoptr(GPtrArray) cells = record_cells (record);

  return data->row_func ((const char * const *) cells->pdata, cells->len, data->row_data, error);
}

gboolean
td_customer_export_rows (TdDatabase           *db,
                         TdExportRowFunc       row_func,
                         gpointer              row_data,
                         TdExportProgressFunc  progress,
                         gpointer              user_data,
                         guint                *n_written,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autofree const char **headers = column_headers ();
  RowsData data = { row_func, row_data };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (row_func != NULL, FALSE);

  if (!row_func (headers, csv_columns ()->len, row_data, error))
    return FALSE;
  return for_each_customer (db, record_row, &data, progress, user_data, n_written, cancellable, error);
}

gboolean
td_customer_export_to_file (TdDatabase           *db,
                            TdExportFormat        format,
                            GFile                *file,
                            TdExportProgressFunc  progress,
                            gpointer              user_data,
                            guint                *n_written,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GFile) partial = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (n_written)
    *n_written = 0;
  /* beside the file, so that the rename at the end is atomic */
  for (guint attempt = 0; stream == NULL; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());

      g_clear_object (&partial);
      partial = parent ? g_file_get_child (parent, name) : g_file_new_for_path (name);
      stream = g_file_create (partial, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (stream == NULL)
        {
          if (attempt < 5 && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
            {
              g_clear_error (&local_error);
              continue;
            }
          g_propagate_prefixed_error (error, local_error, _("Cannot write the export next to “%s”: "),
                                      g_file_peek_path (file) ? g_file_peek_path (file) : basename);
          return FALSE;
        }
    }

  if (!td_customer_export_to_stream (db, format, G_OUTPUT_STREAM (stream), progress, user_data,
                                     n_written, cancellable, &local_error)
      || !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error)
      || !g_file_move (partial, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                       cancellable, NULL, NULL, &local_error))
    {
      /* no half file: the partial one goes, an older file stays */
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      g_file_delete (partial, NULL, NULL);
      g_propagate_error (error, local_error);
      if (n_written)
        *n_written = 0;
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* in a thread                                                        */

typedef struct {
  TdExportFormat        format;
  TdExportFileFunc      writer;    /* NULL: the format's */
  GFile                *file;
  TdExportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_notify;
  GMainContext         *context;
  guint                 n_written;
  gint                  pending;   /* progress calls queued: at most one */
  gint                  done;      /* the latest figures */
  gint                  total;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->file);
  if (data->progress_notify)
    data->progress_notify (data->progress_data);
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
progress_in_context (gpointer user_data)
{
  GTask *task = user_data;
  ExportData *data = g_task_get_task_data (task);

  g_atomic_int_set (&data->pending, 0);
  data->progress ((guint) g_atomic_int_get (&data->done), (guint) g_atomic_int_get (&data->total),
                  data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_from_thread (guint    done,
                      guint    total,
                      gpointer user_data)
{
  GTask *task = user_data;
  ExportData *data = g_task_get_task_data (task);

  g_atomic_int_set (&data->done, (gint) done);
  g_atomic_int_set (&data->total, (gint) total);
  /* the window gets the latest figures, not one call per batch queued */
  if (g_atomic_int_compare_and_exchange (&data->pending, 0, 1))
    td_main_context_post (data->context, G_PRIORITY_DEFAULT, progress_in_context,
                          g_object_ref (task), g_object_unref);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  gboolean ok;

  if (data->writer)
    ok = data->writer (source_object, data->file, data->progress ? progress_from_thread : NULL, task,
                       &data->n_written, cancellable, &error);
  else
    ok = td_customer_export_to_file (source_object, data->format, data->file,
                                     data->progress ? progress_from_thread : NULL, task,
                                     &data->n_written, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
start_export (TdDatabase           *db,
              TdExportFormat        format,
              TdExportFileFunc      writer,
              GFile                *file,
              TdExportProgressFunc  progress,
              gpointer              progress_data,
              GDestroyNotify        progress_notify,
              GCancellable         *cancellable,
              GAsyncReadyCallback   callback,
              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->format = format;
  data->writer = writer;
  data->file = g_object_ref (file);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_notify = progress_notify;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_customer_export_to_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

void
td_customer_export_to_file_async (TdDatabase           *db,
                                  TdExportFormat        format,
                                  GFile                *file,
                                  TdExportProgressFunc  progress,
                                  gpointer              progress_data,
                                  GDestroyNotify        progress_notify,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  start_export (db, format, NULL, file, progress, progress_data, progress_notify,
                cancellable, callback, user_data);
}

void
td_customer_export_with_async (TdDatabase           *db,
                               TdExportFileFunc      writer,
                               GFile                *file,
                               TdExportProgressFunc  progress,
                               gpointer              progress_data,
                               GDestroyNotify        progress_notify,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_return_if_fail (writer != NULL);

  start_export (db, TD_EXPORT_FORMAT_CSV, writer, file, progress, progress_data, progress_notify,
                cancellable, callback, user_data);
}

gboolean
td_customer_export_to_file_finish (TdDatabase    *db,
                                   GAsyncResult  *result,
                                   guint         *n_written,
                                   GError       **error)
{
  ExportData *data;

  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (n_written)
    *n_written = data->n_written;
  return TRUE;
}
