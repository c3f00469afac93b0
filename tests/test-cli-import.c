/* test-cli-import.c: tourdesk-cli customers import and customers export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-utils.h"

static char *
data_path (const char *folder,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", folder, name, NULL);
}

/* A new workspace, closed again: only the CLI uses it. */
static char *
new_workspace (const char *name)
{
  g_autoptr(TdDatabase) db = td_test_workspace (name, TD_PROFILE_AGENCY);

  return g_strdup (td_database_get_path (db));
}

static gint64
count (const char *path,
       const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_READONLY, &error);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  g_assert_no_error (error);
  return td_test_query_int (db, sql);
}

static void
test_import (void)
{
  g_autofree char *db = new_workspace ("cli-import.tourdesk");
  g_autofree char *excel = data_path ("csv", "excel-gb18030.csv");
  g_autofree char *google = data_path ("csv", "google-contacts.csv");
  gint64 outbox = count (db, "outbox");

  {
    /* a dry run: the plan, nothing written */
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) json = NULL;
    JsonArray *rows;
    JsonObject *skipped = NULL;

    td_test_cli (&run, "--db", db, "customers", "import", excel, "--dry-run", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    json = td_test_parse_json (run.out);
    g_assert_true (json_object_get_boolean_member (json, "dry_run"));
    g_assert_cmpstr (json_object_get_string_member (json, "format"), ==, "csv");
    g_assert_cmpstr (json_object_get_string_member (json, "encoding"), ==, "GB18030");
    g_assert_cmpint (json_object_get_int_member (json, "created"), ==, 6);
    g_assert_cmpint (json_object_get_int_member (json, "updated"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (json, "unchanged"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (json, "skipped"), ==, 1);
    rows = json_object_get_array_member (json, "rows");
    g_assert_cmpuint (json_array_get_length (rows), ==, 7);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (rows, i), "action"), "skip"))
        skipped = json_array_get_object_element (rows, i);
    g_assert_nonnull (skipped);
    g_assert_cmpint (json_object_get_int_member (skipped, "line"), ==, 7);
    g_assert_cmpstr (json_object_get_string_member (skipped, "name"), ==, "赵敏");
    g_assert_nonnull (strstr (json_object_get_string_member (skipped, "reason"), "1381234567"));
    g_assert_cmpint (count (db, "customers"), ==, 0);
    g_assert_cmpint (count (db, "outbox"), ==, outbox);
  }
  {
    /* the import: done, and the skipped row said */
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", db, "customers", "import", excel, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_nonnull (strstr (run.out, "line 7: 赵敏: "));
    g_assert_nonnull (strstr (run.out, "1 skipped row"));
    g_assert_cmpint (count (db, "customers"), ==, 6);
  }
  {
    /* again: recognised, nothing new */
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&run, "--db", db, "customers", "import", excel, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    json = td_test_parse_json (run.out);
    g_assert_false (json_object_get_boolean_member (json, "dry_run"));
    g_assert_cmpint (json_object_get_int_member (json, "created"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (json, "unchanged"), ==, 6);
    g_assert_cmpint (count (db, "customers"), ==, 6);
  }
  {
    /* Google's export of the same people updates them; what is kept back is said */
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", db, "customers", "import", google, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Updated:"));
    g_assert_nonnull (strstr (run.out, "line 3: Anna Schmidt: "));
    g_assert_nonnull (strstr (run.out, "--07-15"));
    g_assert_cmpint (count (db, "customers"), ==, 6);
  }
}

static void
test_import_encoding_and_format (void)
{
  g_autofree char *db = new_workspace ("cli-import-encoding.tourdesk");
  g_autofree char *excel = data_path ("csv", "excel-gb18030.csv");
  g_autofree char *vcf = data_path ("vcard", "android-2.1-qp.vcf");

  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&run, "--db", db, "customers", "import", excel, "--encoding", "gbk", "--dry-run", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    json = td_test_parse_json (run.out);
    g_assert_cmpstr (json_object_get_string_member (json, "encoding"), ==, "GB18030");
    g_assert_cmpint (json_object_get_int_member (json, "created"), ==, 6);
  }
  {
    /* the clerk says UTF-8 and is wrong: the line where it is not */
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", db, "customers", "import", excel, "--encoding", "utf-8", NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "excel-gb18030.csv: "));
    g_assert_nonnull (strstr (run.err, "1"));
  }
  {
    /* a vCard, by its contents */
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&run, "--db", db, "customers", "import", vcf, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    json = td_test_parse_json (run.out);
    g_assert_cmpstr (json_object_get_string_member (json, "format"), ==, "vcard");
    g_assert_cmpint (json_object_get_int_member (json, "created"), ==, 3);
  }
  {
    /* a vCard read as CSV when the clerk insists: no name column */
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", db, "customers", "import", vcf, "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
  }
}

static void
test_import_errors (void)
{
  g_autofree char *db = new_workspace ("cli-import-errors.tourdesk");
  g_autofree char *excel = data_path ("csv", "excel-gb18030.csv");
  g_autofree char *unterminated = data_path ("csv", "unterminated-quote.csv");
  g_autofree char *bad = data_path ("csv", "bad-encoding.csv");
  g_autofree char *missing = td_test_path ("missing.csv");
  gint64 outbox = count (db, "outbox");
  const struct {
    const char *args[4];
    int         status;
    const char *mentions;
  } cases[] = {
    { { unterminated }, 1, "Line 3" },
    { { bad }, 1, "Line 3" },
    { { missing }, 1, "missing.csv" },
    { { excel, "--encoding", "klingon-8" }, 2, "klingon-8" },
    { { excel, "--format", "xls" }, 2, "xls" },
    { { NULL }, 2, "FILE" },
    { { excel, excel }, 2, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(TdTestRun) run = { 0 };

      td_test_cli (&run, "--db", db, "customers", "import",
                   cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3], NULL);
      g_test_message ("%s", run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      td_test_assert_one_line_error (&run);
      g_assert_cmpstr (run.out, ==, "");
      if (cases[i].mentions)
        g_assert_nonnull (strstr (run.err, cases[i].mentions));
    }
  g_assert_cmpint (count (db, "customers"), ==, 0);
  g_assert_cmpint (count (db, "outbox"), ==, outbox);
}

static void
test_export (void)
{
  g_autofree char *db = new_workspace ("cli-export.tourdesk");
  g_autofree char *other = new_workspace ("cli-export-other.tourdesk");
  g_autofree char *excel = data_path ("csv", "excel-gb18030.csv");
  g_autofree char *csv_path = td_test_path ("cli-export.csv");
  g_autofree char *vcf_path = td_test_path ("cli-export.vcf");
  g_auto(TdTestRun) imported = { 0 };
  g_auto(TdTestRun) to_stdout = { 0 };
  g_autofree char *contents = NULL;

  td_test_cli (&imported, "--db", db, "customers", "import", excel, NULL);
  g_assert_cmpint (imported.status, ==, 0);

  /* to standard output: the file itself, and nothing else */
  td_test_cli (&to_stdout, "--db", db, "customers", "export", "--format", "csv", NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  g_assert_cmpstr (to_stdout.err, ==, "");
  g_assert_true (g_str_has_prefix (to_stdout.out, "\xef\xbb\xbf" "Tourdesk ID,Name,"));
  g_assert_nonnull (strstr (to_stdout.out, ",张伟,"));
  {
    guint lines = 0;

    for (const char *p = to_stdout.out; (p = strstr (p, "\r\n")); p += 2)
      lines++;
    /* the header, six customers, one of them with a note over two lines */
    g_assert_cmpuint (lines, ==, 7);
  }

  {
    /* to a file: the same bytes */
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&run, "--db", db, "customers", "export", "--format", "csv", "--out", csv_path, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    json = td_test_parse_json (run.out);
    g_assert_cmpint (json_object_get_int_member (json, "customers"), ==, 6);
    g_assert_cmpstr (json_object_get_string_member (json, "format"), ==, "csv");
    g_file_get_contents (csv_path, &contents, NULL, NULL);
    g_assert_cmpstr (contents, ==, to_stdout.out);
  }
  {
    /* the format from the name; imported elsewhere, the same six */
    g_auto(TdTestRun) run = { 0 };
    g_auto(TdTestRun) back = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&run, "--db", db, "customers", "export", "--out", vcf_path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "6"));
    td_test_cli (&back, "--db", other, "customers", "import", vcf_path, "--json", NULL);
    g_assert_cmpint (back.status, ==, 0);
    json = td_test_parse_json (back.out);
    g_assert_cmpint (json_object_get_int_member (json, "created"), ==, 6);
    g_assert_cmpint (json_object_get_int_member (json, "skipped"), ==, 0);
  }
  {
    /* and the CSV into the first again: each customer recognised */
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&run, "--db", db, "customers", "import", csv_path, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    json = td_test_parse_json (run.out);
    g_assert_cmpint (json_object_get_int_member (json, "unchanged"), ==, 6);
  }
}

static void
test_export_errors (void)
{
  g_autofree char *db = new_workspace ("cli-export-errors.tourdesk");
  g_autofree char *nowhere = td_test_path ("no/such/folder/out.csv");
  const struct {
    const char *args[4];
    int         status;
  } cases[] = {
    { { NULL }, 2 },
    { { "--format", "pdf" }, 2 },
    { { "--format", "csv", "--json" }, 2 },
    { { "--format", "csv", "extra" }, 2 },
    { { "--out", nowhere }, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(TdTestRun) run = { 0 };

      td_test_cli (&run, "--db", db, "customers", "export",
                   cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3], NULL);
      g_test_message ("%s", run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      td_test_assert_one_line_error (&run);
      g_assert_cmpstr (run.out, ==, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/customers/import", test_import);
  g_test_add_func ("/cli/customers/import/encoding-format", test_import_encoding_and_format);
  g_test_add_func ("/cli/customers/import/errors", test_import_errors);
  g_test_add_func ("/cli/customers/export", test_export);
  g_test_add_func ("/cli/customers/export/errors", test_export_errors);

  return g_test_run ();
}
