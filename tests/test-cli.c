/* test-cli.c: tourdesk-cli as a script or an administrator uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-test-utils.h"

static void
test_usage (void)
{
  const char *commands[] = { "init", "demo", "info", "backup", "restore", "check", "customers" };

  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--help", NULL);
    g_assert_cmpint (r.status, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      g_assert_nonnull (strstr (r.out, commands[i]));
  }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(TdTestRun) r = { 0 };
      td_test_cli (&r, commands[i], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "--db"));
    }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, NULL);
    g_assert_cmpint (r.status, ==, 2);
    td_test_assert_one_line_error (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "frobnicate", NULL);
    g_assert_cmpint (r.status, ==, 2);
    td_test_assert_one_line_error (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "info", "--bogus", NULL);
    g_assert_cmpint (r.status, ==, 2);
    td_test_assert_one_line_error (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "backup", NULL);
    g_assert_cmpint (r.status, ==, 2);
    td_test_assert_one_line_error (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "init", "--profile", "casino", NULL);
    g_assert_cmpint (r.status, ==, 2);
    td_test_assert_one_line_error (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "demo", "--customers", "lots", NULL);
    g_assert_cmpint (r.status, ==, 2);
    td_test_assert_one_line_error (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", NULL);
    g_assert_cmpint (r.status, ==, 2);
    td_test_assert_one_line_error (&r);
  }
}

static void
test_init_info_check (void)
{
  g_autofree char *path = td_test_path ("cli.tourdesk");
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(JsonObject) check = NULL;

  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", path, "init", "--profile", "agency", "--name", "黄河旅行社", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    info = td_test_parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (info, "profile"), ==, "agency");
    g_clear_pointer (&info, json_object_unref);
  }
  {
    /* a second init is refused and changes nothing */
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "init", "--db", path, "--profile", "hotel", NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "info", "--db", path, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    info = td_test_parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "黄河旅行社");
    g_assert_cmpstr (json_object_get_string_member (info, "profile"), ==, "agency");
    g_assert_cmpint (json_object_get_int_member (info, "schema_version"), ==, td_database_latest_schema_version ());
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (info, "counts"), "organisation"), ==, 1);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", path, "check", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    check = td_test_parse_json (r.out);
    g_assert_true (json_object_get_boolean_member (check, "ok"));
  }
}

static void
test_demo_backup_restore (void)
{
  g_autofree char *path = td_test_path ("cli-demo.tourdesk");
  g_autofree char *copy = td_test_path ("cli-demo-copy.tourdesk");
  g_autofree char *elsewhere = td_test_path ("cli-restored.tourdesk");
  g_autofree char *before = NULL;

  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", path, "demo", "--seed", "3", "--customers", "150", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_autoptr(JsonObject) o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "customers"), ==, 150);
  }
  {
    /* a demo never overwrites a workspace */
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", path, "demo", NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", path, "backup", copy, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_autoptr(JsonObject) o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "bytes"), >, 0);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", elsewhere, "restore", copy, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", elsewhere, "info", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_autoptr(JsonObject) o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "counts"), "customer"), ==, 150);
  }
  {
    /* restore refuses to overwrite without --force, and leaves it as it was */
    g_auto(TdTestRun) r = { 0 };
    before = td_test_file_checksum (path);
    td_test_cli (&r, "--db", path, "restore", copy, NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
    g_assert_nonnull (strstr (r.err, "--force"));
    g_autofree char *after = td_test_file_checksum (path);
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", path, "restore", copy, "--force", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
}

static void
test_customers_search (void)
{
  g_autofree char *path = td_test_path ("cli-search.tourdesk");
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;

  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", path, "demo", "--seed", "5", "--customers", "300", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    /* a customer to look for: the first person of the demo */
    g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_READONLY, NULL);
    sqlite3 *handle;
    sqlite3_stmt *stmt;

    g_assert_nonnull (db);
    g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name, phone FROM customers WHERE party = 'person' "
                                                 "ORDER BY rowid LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    phone = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    sqlite3_finalize (stmt);
    sqlite3_close (handle);
  }

  {
    /* `customers --help` lists the sub-commands; each has its own --help */
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "customers", "--help", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "search"));
  }
  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "customers", "search", "--help", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "--limit"));
    g_assert_nonnull (strstr (r.out, "--json"));
    g_assert_nonnull (strstr (r.out, "--db"));
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) o = NULL;
    JsonArray *hits;
    JsonObject *first;

    td_test_cli (&r, "--db", path, "customers", "search", name, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    o = td_test_parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (o, "query"), ==, name);
    hits = json_object_get_array_member (o, "hits");
    g_assert_cmpuint (json_array_get_length (hits), >=, 1);
    first = json_array_get_object_element (hits, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, name);
    g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (first, "id")));
    g_assert_nonnull (strstr (json_object_get_string_member (first, "id_number_masked"), "********"));
    g_assert_true (json_object_has_member (first, "phone"));
    g_assert_true (json_object_has_member (first, "email"));
  }
  {
    /* the last 4 digits of the phone, in text */
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "customers", "search", phone + strlen (phone) - 4, "--db", path, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, phone));
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) o = NULL;

    td_test_cli (&r, "--db", path, "customers", "search", "1", "--limit", "3", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "hits")), ==, 3);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) o = NULL;

    td_test_cli (&r, "--db", path, "customers", "search", "不存在的名字", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "hits")), ==, 0);
  }

  /* wrong usage: exit 2, one line on stderr */
  {
    const char *bad[][6] = {
      { "customers", NULL },
      { "customers", "frobnicate", NULL },
      { "customers", "search", NULL },
      { "customers", "search", "", NULL },
      { "customers", "search", "  ", NULL },
      { "customers", "search", "a", "b", NULL },
      { "customers", "search", "张", "--limit", "0", NULL },
      { "customers", "search", "张", "--limit", "many", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(TdTestRun) r = { 0 };

        td_test_cli (&r, "--db", path, bad[i][0], bad[i][1], bad[i][2], bad[i][3], bad[i][4], bad[i][5], NULL);
        g_test_message ("%s %s: %s", bad[i][0], bad[i][1] ? bad[i][1] : "", r.err);
        g_assert_cmpint (r.status, ==, 2);
        td_test_assert_one_line_error (&r);
      }
  }
  {
    /* no workspace there: a failure */
    g_auto(TdTestRun) r = { 0 };
    g_autofree char *missing = td_test_path ("nowhere/missing.tourdesk");

    td_test_cli (&r, "--db", missing, "customers", "search", "张", NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
  }
}

static void
test_bad_files (void)
{
  g_autofree char *missing = td_test_path ("nowhere/missing.tourdesk");
  g_autofree char *garbage = td_test_path ("garbage.tourdesk");
  g_autofree char *newer = td_test_path ("newer.tourdesk");
  g_autofree char *damaged = td_test_path ("damaged.tourdesk");
  g_autofree char *target = td_test_path ("target.tourdesk");
  const char *commands[] = { "info", "check" };

  g_file_set_contents (garbage, "PK\003\004 this is a zip file, not a workspace........................", -1, NULL);

  {
    g_autoptr(TdDatabase) db = td_database_open (newer, TD_OPEN_FLAGS_CREATE, NULL);
  }
  {
    sqlite3 *h;
    g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d",
                                            td_database_latest_schema_version () + 5);
    sqlite3_open (newer, &h);
    sqlite3_exec (h, sql, NULL, NULL, NULL);
    sqlite3_close (h);
  }
  {
    /* a real workspace with its pages overwritten: sqlite can read the
     * header but not the tables */
    g_autoptr(TdDatabase) db = td_test_workspace ("to-damage.tourdesk", TD_PROFILE_HOTEL);
    g_autofree char *contents = NULL;
    gsize len;

    td_database_backup (db, damaged, NULL);
    g_file_get_contents (damaged, &contents, &len, NULL);
    memset (contents + 100, 0x5A, len - 100);
    g_file_set_contents (damaged, contents, (gssize) len, NULL);
  }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *files[] = { missing, garbage, newer, damaged };

      for (guint f = 0; f < G_N_ELEMENTS (files); f++)
        {
          g_auto(TdTestRun) r = { 0 };
          g_autofree char *before = td_test_file_checksum (files[f]);
          g_autofree char *after = NULL;

          td_test_cli (&r, "--db", files[f], commands[i], NULL);
          g_test_message ("%s %s: %s", commands[i], files[f], r.err);
          g_assert_cmpint (r.status, ==, 1);
          td_test_assert_one_line_error (&r);
          after = td_test_file_checksum (files[f]);
          g_assert_cmpstr (before, ==, after);
        }
    }

  {
    g_auto(TdTestRun) r = { 0 };
    td_test_cli (&r, "--db", newer, "info", NULL);
    g_assert_nonnull (strstr (r.err, "newer"));
  }
  {
    /* a bad backup is never restored */
    const char *sources[] = { missing, garbage, newer, damaged };

    for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
      {
        g_auto(TdTestRun) r = { 0 };

        td_test_cli (&r, "--db", target, "restore", sources[s], NULL);
        g_assert_cmpint (r.status, ==, 1);
        td_test_assert_one_line_error (&r);
        g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
      }
  }
  {
    /* init into a folder that cannot be made leaves nothing behind */
    g_auto(TdTestRun) r = { 0 };
    g_autofree char *bad = g_build_filename (garbage, "sub", "x.tourdesk", NULL);

    td_test_cli (&r, "--db", bad, "init", NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/init-info-check", test_init_info_check);
  g_test_add_func ("/cli/demo-backup-restore", test_demo_backup_restore);
  g_test_add_func ("/cli/customers-search", test_customers_search);
  g_test_add_func ("/cli/bad-files", test_bad_files);
  return g_test_run ();
}
