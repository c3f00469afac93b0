/* test-spreadsheet.c: Excel workbooks, read back as the zip of XML they are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "td-customer-export-xlsx.h"
#include "td-spreadsheet.h"
#include "td-test-utils.h"

/* The first sheet's XML, by Python's zipfile (python3 is on every machine
 * that builds Tourdesk: meson needs it). */
static char *
sheet_xml (const char *path)
{
  g_auto(TdTestRun) run = { 0 };
  g_autofree char *python = g_find_program_in_path ("python3");
  const char *argv[] = {
    python, "-c",
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "assert z.testzip() is None\n"
    "sys.stdout.write(z.read('xl/worksheets/sheet1.xml').decode('utf-8'))\n",
    path, NULL
  };

  g_assert_nonnull (python);
  td_test_spawn (&run, argv);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

static void
test_spreadsheet_rows (void)
{
  g_autofree char *path = td_test_path ("rows.xlsx");
  g_autoptr(TdSpreadsheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  const char * const header[] = { "姓名", "身份证号码", "Phone", "Notes" };
  const char * const row[] = { "王小明", "410102199001011234", "13800138000", "=1+1" };
  const char * const gap[] = { "李四", NULL, "", "a & b < c" };

  sheet = td_spreadsheet_new (path, "客户", &error);
  g_assert_no_error (error);
  g_assert_true (td_spreadsheet_add_row (sheet, header, 4, &error));
  g_assert_true (td_spreadsheet_add_row (sheet, row, 4, &error));
  g_assert_true (td_spreadsheet_add_row (sheet, gap, 4, &error));
  g_assert_cmpuint (td_spreadsheet_get_n_rows (sheet), ==, 3);
  /* nothing at the path until it is complete */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (td_spreadsheet_finish (sheet, &error));
  g_assert_no_error (error);

  xml = sheet_xml (path);
  g_assert_nonnull (strstr (xml, "王小明"));
  /* numbers stay text: not 4.10102199001011E+17 */
  g_assert_nonnull (strstr (xml, "410102199001011234"));
  g_assert_null (strstr (xml, "<f>"));
  g_assert_nonnull (strstr (xml, "a &amp; b &lt; c"));
  /* the header frozen, with a filter over the three rows */
  g_assert_nonnull (strstr (xml, "state=\"frozen\""));
  g_assert_nonnull (strstr (xml, "<autoFilter ref=\"A1:D3\""));
}

static void
test_spreadsheet_errors (void)
{
  g_autofree char *dir = td_test_path ("no-such-dir");
  g_autofree char *path = g_build_filename (dir, "out.xlsx", NULL);
  g_autofree char *ok_path = td_test_path ("dropped.xlsx");
  g_autoptr(GError) error = NULL;
  TdSpreadsheet *sheet;
  const char * const cells[] = { "x" };

  g_assert_null (td_spreadsheet_new (path, "Sheet", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "out.xlsx"));
  g_clear_error (&error);

  g_assert_null (td_spreadsheet_new (ok_path, "a/b", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* given up: nothing left behind */
  sheet = td_spreadsheet_new (ok_path, "Sheet", &error);
  g_assert_true (td_spreadsheet_add_row (sheet, cells, 1, &error));
  td_spreadsheet_free (sheet);
  g_assert_false (g_file_test (ok_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) d = g_dir_open (td_test_tmpdir (), 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)))
      g_assert_false (g_str_has_suffix (name, ".part"));
  }
}

static void
add_customer (TdDatabase *db,
              const char *name,
              const char *phone)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdChange *c = td_change_new_insert ("customer", NULL);
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (td_change_get_values (c), "party", "person");
  json_object_set_string_member (td_change_get_values (c), "name", name);
  json_object_set_string_member (td_change_get_values (c), "phone", phone);
  g_ptr_array_add (changes, c);
  td_database_commit (db, "tester", changes, &error);
  g_assert_no_error (error);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  guint *n = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_customer_export_to_file_finish (TD_DATABASE (source), result, n, &error));
  g_assert_no_error (error);
}

static void
test_customer_export_xlsx (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("xlsx.tourdesk", TD_PROFILE_HOTEL);
  g_autofree char *path = td_test_path ("customers.xlsx");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_auto(TdTestRun) run = { 0 };
  guint n = 0;

  add_customer (db, "张伟", "13800138000");
  add_customer (db, "=HYPERLINK(\"http://example.com\")", "13900139000");

  /* in a thread, as the export dialog does */
  td_customer_export_with_async (db, td_customer_export_xlsx, file, NULL, NULL, NULL, NULL, export_done, &n);
  while (n == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n, ==, 2);
  xml = sheet_xml (path);
  g_assert_nonnull (strstr (xml, "Tourdesk ID"));
  g_assert_nonnull (strstr (xml, "张伟"));
  g_assert_nonnull (strstr (xml, "13800138000"));
  g_assert_null (strstr (xml, "<f>"));

  /* core's writers refuse the format they cannot write */
  g_assert_false (td_customer_export_to_file (db, TD_EXPORT_FORMAT_XLSX, file, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);

  /* the CLI: by the file's extension; not to standard output */
  g_unlink (path);
  td_test_cli (&run, "--db", td_database_get_path (db), "customers", "export", "--out", path, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"xlsx\""));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", td_database_get_path (db), "customers", "export", "--format", "xlsx", NULL);
  g_assert_cmpint (run.status, ==, 2);
  td_test_assert_one_line_error (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spreadsheet/rows", test_spreadsheet_rows);
  g_test_add_func ("/spreadsheet/errors", test_spreadsheet_errors);
  g_test_add_func ("/spreadsheet/customers", test_customer_export_xlsx);

  return g_test_run ();
}
