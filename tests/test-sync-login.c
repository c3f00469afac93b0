/* test-sync-login.c: the desk's sign-in kept in the keyring (libsecret)
 * or a file, and tourdesk-cli sync login/logout against a real platform
 *
 * Run through keyring-session.sh: a private D-Bus session with GNOME
 * Keyring unlocked (TD_TEST_KEYRING=1); without it the keyring cases skip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "td-cloud-test-utils.h"
#include "td-secret-store.h"
#include "td-sync-engine.h"

static gboolean
have_keyring (void)
{
  if (g_getenv ("TD_TEST_KEYRING") == NULL)
    {
      g_test_skip ("no private Secret Service (run through tests/keyring-session.sh)");
      return FALSE;
    }
  return TRUE;
}

static void
check_store (TdSecretStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL, *first = NULL, *second = NULL, *other = NULL, *gone = NULL;

  missing = td_secret_store_lookup (store, "http://127.0.0.1:9/", "desk-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  g_assert_true (td_secret_store_store (store, "http://127.0.0.1:9/", "desk-1", "tdr_first", NULL, &error));
  g_assert_no_error (error);
  /* the address with or without its slash is one platform */
  first = td_secret_store_lookup (store, "http://127.0.0.1:9", "desk-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "tdr_first");

  /* a second sign-in replaces the first; another desk keeps its own */
  g_assert_true (td_secret_store_store (store, "http://127.0.0.1:9", "desk-1", "tdr_second", NULL, &error));
  g_assert_true (td_secret_store_store (store, "http://127.0.0.1:9", "desk-2", "tdr_other", NULL, &error));
  g_assert_no_error (error);
  second = td_secret_store_lookup (store, "http://127.0.0.1:9", "desk-1", NULL, &error);
  other = td_secret_store_lookup (store, "http://127.0.0.1:9", "desk-2", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "tdr_second");
  g_assert_cmpstr (other, ==, "tdr_other");

  g_assert_true (td_secret_store_clear (store, "http://127.0.0.1:9/", "desk-1", NULL, &error));
  g_assert_no_error (error);
  gone = td_secret_store_lookup (store, "http://127.0.0.1:9", "desk-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  /* nothing to forget is not an error */
  g_assert_true (td_secret_store_clear (store, "http://127.0.0.1:9", "desk-1", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (td_secret_store_clear (store, "http://127.0.0.1:9", "desk-2", NULL, &error));
}

static void
test_file_store (void)
{
  g_autofree char *path = td_test_path ("secrets.ini");
  g_autoptr(TdSecretStore) store = td_secret_store_new_file (path);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (td_secret_store_store (store, "https://a.example.cn", "d", "tdr_x", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (td_secret_store_clear (store, "https://a.example.cn", "d", NULL, &error));
  check_store (store);

  /* a damaged file is an error that names it, not "no sign-in" */
  g_file_set_contents (path, "[broken\n", -1, &error);
  g_assert_no_error (error);
  {
    g_autofree char *token = td_secret_store_lookup (store, "https://a.example.cn", "d", NULL, &error);

    g_assert_null (token);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, path));
  }
}

static void
test_keyring_store (void)
{
  g_autoptr(TdSecretStore) store = NULL;

  if (!have_keyring ())
    return;
  store = td_secret_store_new_keyring ();
  check_store (store);
}

static gboolean
file_holds (const char *path,
            const char *text)
{
  g_autofree char *contents = NULL;
  gsize length = 0, n = strlen (text);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

/* sync login checks the sign-in with the platform, keeps it in the keyring
 * and the address in the workspace; sync then needs neither option */
static void
test_cli_login (void)
{
  TdCloudThread platform = { 0 };
  g_auto(TdCloudDeskInfo) desk = { 0 };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdSecretStore) keyring = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token_file = td_test_path ("login-token");
  g_autofree char *bad_file = td_test_path ("login-bad-token");
  g_autofree char *desk_id = NULL, *kept = NULL, *url = NULL;
  const char *path;

  if (!have_keyring ())
    return;
  td_cloud_thread_start (&platform, "login.cloud", NULL, NULL);
  td_cloud_add_desk (platform.db, "西湖宾馆", "前台", &desk);
  db = td_test_workspace ("login.tourdesk", TD_PROFILE_HOTEL);
  path = td_database_get_path (db);
  desk_id = td_database_dup_setting (db, TD_SETTING_DESK_ID);
  keyring = td_secret_store_new_keyring ();
  g_file_set_contents (token_file, desk.refresh_token, -1, &error);
  g_file_set_contents (bad_file, "tdr_not-a-desk-of-this-platform", -1, &error);
  g_assert_no_error (error);

  {
    g_auto(TdTestRun) run = { 0 };

    /* not signed in yet: sync says what to do */
    td_test_cli (&run, "sync", "--db", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    td_test_assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "sync login"));
  }
  {
    g_auto(TdTestRun) run = { 0 };

    /* a sign-in the platform refuses is not kept */
    td_test_cli (&run, "sync", "login", "--db", path, "--server", platform.url, "--token-file", bad_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
    kept = td_secret_store_lookup (keyring, platform.url, desk_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (kept);
    url = td_database_dup_setting (db, TD_SETTING_PLATFORM_URL);
    g_assert_null (url);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "sync", "login", "--db", path, "--server", platform.url, "--token-file", token_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    kept = td_secret_store_lookup (keyring, platform.url, desk_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kept, ==, desk.refresh_token);
    g_clear_pointer (&kept, g_free);
  }
  {
    g_autofree char *setting = td_database_dup_setting (db, TD_SETTING_PLATFORM_URL);

    g_assert_nonnull (setting);
    g_assert_true (g_str_has_prefix (platform.url, setting));
    /* the token is nowhere in the workspace's files */
    g_assert_false (file_holds (path, desk.refresh_token));
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_assert_false (file_holds (wal, desk.refresh_token));
    }
  }
  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) report = NULL;

    /* the address from the workspace, the sign-in from the keyring */
    td_test_cli (&run, "sync", "--db", path, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    report = td_test_parse_json (run.out);
    g_assert_cmpint (json_object_get_int_member (report, "pushed"), >=, 1);
    g_assert_cmpint (json_object_get_int_member (report, "pending"), ==, 0);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "sync", "logout", "--db", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    kept = td_secret_store_lookup (keyring, platform.url, desk_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (kept);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "sync", "--db", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "keyring"));
  }

  g_clear_object (&db);
  td_cloud_thread_stop (&platform);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret-store/file", test_file_store);
  g_test_add_func ("/secret-store/keyring", test_keyring_store);
  g_test_add_func ("/sync/login-cli", test_cli_login);
  return g_test_run ();
}
