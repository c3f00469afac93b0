/* td-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "td-test-utils.h"

static char *tmpdir;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
cleanup (void)
{
  if (tmpdir && !g_getenv ("TD_TEST_KEEP"))
    remove_tree (tmpdir);
}

const char *
td_test_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      tmpdir = g_dir_make_tmp ("tourdesk-test-XXXXXX", NULL);
      g_assert_nonnull (tmpdir);
      /* TD_TEST_KEEP=1 keeps the files to look at (PDFs, screenshots) */
      if (g_getenv ("TD_TEST_KEEP") == NULL)
        atexit (cleanup);
      else
        g_printerr ("# keeping %s\n", tmpdir);
    }
  return tmpdir;
}

char *
td_test_path (const char *name)
{
  return g_build_filename (td_test_tmpdir (), name, NULL);
}

TdDatabase *
td_test_workspace (const char *name,
                   TdProfile   profile)
{
  g_autofree char *path = td_test_path (name);
  g_autoptr(GError) error = NULL;
  TdDatabase *db = td_database_open (path, TD_OPEN_FLAGS_CREATE, &error);

  g_assert_no_error (error);
  td_database_init_workspace (db, profile, "测试酒店", &error);
  g_assert_no_error (error);
  return db;
}

char *
td_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

gint64
td_test_query_int (TdDatabase *db,
                   const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  /* a second, read-only connection: what any other reader would see */
  g_assert_cmpint (sqlite3_open_v2 (td_database_get_path (db), &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

/* ------------------------------------------------------------------ */
/* tourdesk-cli                                                       */

void
td_test_run_clear (TdTestRun *run)
{
  /* cleared, so a run can be reused */
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
td_test_spawn (TdTestRun          *run,
               const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

void
td_test_cli (TdTestRun  *run,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *binary = g_getenv ("TD_CLI");
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  td_test_spawn (run, (const char * const *) argv->pdata);
}

void
td_test_assert_one_line_error (TdTestRun *run)
{
  g_assert_true (g_str_has_prefix (run->err, "tourdesk-cli: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

JsonObject *
td_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* ------------------------------------------------------------------ */
/* benchmarks                                                         */

double
td_test_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
td_test_percentile (GArray *values,
                    double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, (guint) (p * (values->len - 1) + 0.5));
}

/* pdftotext and pdfinfo (poppler-utils, installed by ./bootstrap) */
static char *
pdf_tool_output (const char *tool,
                 const char *path,
                 gboolean    to_stdout)
{
  g_auto(TdTestRun) run = { 0 };
  g_autofree char *program = g_find_program_in_path (tool);
  const char *argv[] = { program, "-enc", "UTF-8", path, to_stdout ? "-" : NULL, NULL };

  if (program == NULL)
    g_error ("%s is missing: run ./bootstrap deps (poppler-utils)", tool);
  td_test_spawn (&run, argv);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

char *
td_test_pdf_text (const char *path)
{
  return pdf_tool_output ("pdftotext", path, TRUE);
}

guint
td_test_pdf_pages (const char *path)
{
  g_autofree char *info = pdf_tool_output ("pdfinfo", path, FALSE);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}
