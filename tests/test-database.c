/* test-database.c: the store and its one mutation API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "td-test-utils.h"

static void
test_open_pragmas (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("pragmas.tourdesk", TD_PROFILE_HOTEL);
  g_autoptr(TdSummary) summary = td_database_load_summary (db, NULL);

  g_assert_cmpint (td_database_get_schema_version (db), ==, td_database_latest_schema_version ());
  g_assert_cmpint (td_test_query_int (db, "PRAGMA application_id"), ==, 0x5444534B);
  g_assert_cmpint (td_test_query_int (db, "PRAGMA user_version"), ==, td_database_latest_schema_version ());
  /* WAL is a property of the file: a second connection sees it */
  g_assert_cmpint (td_test_query_int (db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
  g_assert_true (td_database_is_initialized (db));
  g_assert_cmpstr (td_summary_get_name (summary), ==, "测试酒店");
  g_assert_cmpint (td_summary_get_profile (summary), ==, TD_PROFILE_HOTEL);
  g_assert_cmpstr (td_summary_get_currency (summary), ==, "CNY");
  g_assert_cmpstr (td_summary_get_time_zone (summary), ==, "Asia/Shanghai");
  g_assert_cmpint (td_summary_get_count (summary, "organisation"), ==, 1);
}

static void
test_init_twice (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("twice.tourdesk", TD_PROFILE_BOTH);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (td_database_count (db, "organisation", NULL), ==, 2);
  g_assert_false (td_database_init_workspace (db, TD_PROFILE_HOTEL, "Other", &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS);
  g_assert_cmpint (td_database_count (db, "organisation", NULL), ==, 2);
}

static void
test_missing_and_foreign (void)
{
  g_autofree char *missing = td_test_path ("missing.tourdesk");
  g_autofree char *garbage = td_test_path ("garbage.tourdesk");
  g_autofree char *foreign = td_test_path ("foreign.sqlite");
  g_autofree char *empty = td_test_path ("empty.tourdesk");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  TdDatabase *db;
  sqlite3 *handle;

  db = td_database_open (missing, TD_OPEN_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_OPEN);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_file_set_contents (garbage, "This is a note, not a database. It is long enough to look like a file header.", -1, NULL);
  before = td_test_file_checksum (garbage);
  db = td_database_open (garbage, TD_OPEN_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_TOURDESK);
  after = td_test_file_checksum (garbage);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (foreign, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  db = td_database_open (foreign, TD_OPEN_FLAGS_CREATE, &error);
  g_assert_null (db);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_TOURDESK);
  g_clear_error (&error);

  g_file_set_contents (empty, "", 0, NULL);
  db = td_database_open (empty, TD_OPEN_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_TOURDESK);
}

static void
test_newer_refused (void)
{
  g_autofree char *path = td_test_path ("newer.tourdesk");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  TdDatabase *db;
  sqlite3 *handle;

  db = td_database_open (path, TD_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_object_unref (db);

  /* as a future Tourdesk would leave it, in rollback-journal mode so the
   * whole state is in the one file we checksum */
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d; "
                         "CREATE TABLE from_the_future (x)",
                         td_database_latest_schema_version () + 1);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  before = td_test_file_checksum (path);
  db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  after = td_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static TdChange *
new_customer (const char *name)
{
  TdChange *c = td_change_new_insert ("customer", NULL);

  td_change_set_string (c, "party", "person");
  td_change_set_string (c, "name", name);
  return c;
}

static GPtrArray *
changes_of (TdChange *first,
            ...)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  va_list args;

  va_start (args, first);
  for (TdChange *c = first; c; c = va_arg (args, TdChange *))
    g_ptr_array_add (changes, c);
  va_end (args);
  return changes;
}

static void
test_commit_lifecycle (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("lifecycle.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *id = NULL;
  g_autofree char *org = td_database_dup_setting (db, TD_SETTING_DEFAULT_ORG);
  gint64 outbox_before = td_test_query_int (db, "SELECT count(*) FROM outbox");
  TdChange *c;

  /* insert */
  c = new_customer ("张伟");
  td_change_set_string (c, "birth_date", "1985-03-02");
  td_change_set_int (c, "loyalty_points", 120);
  id = g_strdup (td_change_get_id (c));
  changes = changes_of (c, NULL);
  g_assert_true (td_database_commit (db, "clerk@desk1", changes, &error));
  g_assert_no_error (error);

  record = td_database_get_record (db, "customer", id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, "张伟");
  g_assert_cmpstr (json_object_get_string_member (record, "org_id"), ==, org);
  g_assert_cmpint (json_object_get_int_member (record, "revision"), ==, 1);
  g_assert_false (json_object_get_boolean_member (record, "deleted"));
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (record, "id")));
  g_clear_pointer (&record, json_object_unref);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* update against the revision read */
  c = td_change_new_update ("customer", id, 1);
  td_change_set_string (c, "phone", "13800138000");
  changes = changes_of (c, NULL);
  g_assert_true (td_database_commit (db, "clerk@desk1", changes, &error));
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* a stale revision is a conflict, and changes nothing */
  c = td_change_new_update ("customer", id, 1);
  td_change_set_string (c, "phone", "13900139000");
  changes = changes_of (c, NULL);
  g_assert_false (td_database_commit (db, "clerk@desk2", changes, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&changes, g_ptr_array_unref);

  record = td_database_get_record (db, "customer", id, NULL);
  g_assert_cmpstr (json_object_get_string_member (record, "phone"), ==, "13800138000");
  g_assert_cmpint (json_object_get_int_member (record, "revision"), ==, 2);
  g_clear_pointer (&record, json_object_unref);

  /* delete is a tombstone; restore brings it back */
  changes = changes_of (td_change_new_delete ("customer", id, 2), NULL);
  g_assert_true (td_database_commit (db, NULL, changes, &error));
  g_clear_pointer (&changes, g_ptr_array_unref);
  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, 0);
  record = td_database_get_record (db, "customer", id, NULL);
  g_assert_true (json_object_get_boolean_member (record, "deleted"));
  g_assert_cmpint (json_object_get_int_member (record, "revision"), ==, 3);
  g_clear_pointer (&record, json_object_unref);

  c = td_change_new_update ("customer", id, 3);
  td_change_set_string (c, "phone", "13700137000");
  changes = changes_of (c, NULL);
  g_assert_false (td_database_commit (db, NULL, changes, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&changes, g_ptr_array_unref);

  changes = changes_of (td_change_new_restore ("customer", id, 3), NULL);
  g_assert_true (td_database_commit (db, NULL, changes, &error));
  g_clear_pointer (&changes, g_ptr_array_unref);
  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, 1);

  /* every change is in the outbox, in order, and in the audit log */
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM outbox") - outbox_before, ==, 4);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT group_concat(op || revision, ',') FROM "
                                            "(SELECT op, revision FROM outbox WHERE record_id = '%s' ORDER BY seq)", id);
    sqlite3 *h;
    sqlite3_stmt *s;

    sqlite3_open_v2 (td_database_get_path (db), &h, SQLITE_OPEN_READONLY, NULL);
    sqlite3_prepare_v2 (h, sql, -1, &s, NULL);
    g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (s, 0), ==, "insert1,update2,delete3,restore4");
    sqlite3_finalize (s);

    g_free (sql);
    sql = g_strdup_printf ("SELECT actor || ' ' || changes FROM audit_log WHERE record_id = '%s' AND revision = 2", id);
    sqlite3_prepare_v2 (h, sql, -1, &s, NULL);
    g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (s, 0), ==, "clerk@desk1 {\"phone\":[null,\"13800138000\"]}");
    sqlite3_finalize (s);
    sqlite3_close (h);
  }
}

static void
test_commit_atomic (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("atomic.tourdesk", TD_PROFILE_BOTH);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 outbox = td_test_query_int (db, "SELECT count(*) FROM outbox");
  gint64 audit = td_test_query_int (db, "SELECT count(*) FROM audit_log");
  TdChange *bad = new_customer ("李娜");
  const struct { const char *field; const char *value; } invalid[] = {
    { "gender", "unknown-value" },
    { "birth_date", "1990-02-30" },
    { "no_such_field", "x" },
    { "name", "" },
  };

  /* a valid change followed by an invalid one: neither is saved */
  td_change_set_string (bad, "birth_date", "31/12/1990");
  changes = changes_of (new_customer ("王芳"), bad, NULL);
  g_assert_false (td_database_commit (db, NULL, changes, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, 0);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM outbox"), ==, outbox);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM audit_log"), ==, audit);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GPtrArray) one = NULL;
      TdChange *c = new_customer ("赵磊");

      td_change_set_string (c, invalid[i].field, invalid[i].value);
      one = changes_of (c, NULL);
      g_assert_false (td_database_commit (db, NULL, one, &error));
      g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* wrong types, unknown kinds, missing required fields, dangling refs */
  {
    g_autoptr(GPtrArray) one = NULL;
    TdChange *c = td_change_new_insert ("customer", NULL);

    td_change_set_int (c, "name", 5);
    td_change_set_string (c, "party", "person");
    one = changes_of (c, NULL);
    g_assert_false (td_database_commit (db, NULL, one, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autoptr(GPtrArray) one = changes_of (td_change_new_insert ("spaceship", NULL), NULL);

    g_assert_false (td_database_commit (db, NULL, one, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autoptr(GPtrArray) one = NULL;
    TdChange *c = td_change_new_insert ("customer", NULL);

    td_change_set_string (c, "party", "person");
    one = changes_of (c, NULL);
    g_assert_false (td_database_commit (db, NULL, one, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autoptr(GPtrArray) one = NULL;
    g_autofree char *ghost = g_uuid_string_random ();
    TdChange *c = td_change_new_insert ("room", NULL);

    td_change_set_string (c, "property_id", ghost);
    td_change_set_string (c, "room_type_id", ghost);
    td_change_set_string (c, "number", "101");
    one = changes_of (c, NULL);
    g_assert_false (td_database_commit (db, NULL, one, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM outbox"), ==, outbox);
}

static void
test_money_and_refs (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("money.tourdesk", TD_PROFILE_HOTEL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonObject) record = NULL;
  TdChange *property = td_change_new_insert ("property", NULL);
  TdChange *type = td_change_new_insert ("room_type", NULL);
  TdChange *room = td_change_new_insert ("room", NULL);
  g_autofree char *property_id = g_strdup (td_change_get_id (property));
  g_autofree char *type_id = g_strdup (td_change_get_id (type));
  TdMoney price;
  JsonObject *money;

  td_change_set_string (property, "name", "郑州店");
  td_change_set_string (type, "property_id", property_id);
  td_change_set_string (type, "code", "STD");
  td_change_set_string (type, "name", "标准间");
  td_money_parse ("328.00", "CNY", &price, NULL);
  td_change_set_money (type, "base_price", &price);
  td_change_set_string (room, "property_id", property_id);
  td_change_set_string (room, "room_type_id", type_id);
  td_change_set_string (room, "number", "1201");

  /* references to records created earlier in the same commit work */
  changes = changes_of (property, type, room, NULL);
  g_assert_true (td_database_commit (db, NULL, changes, &error));
  g_assert_no_error (error);
  g_clear_pointer (&changes, g_ptr_array_unref);

  record = td_database_get_record (db, "room_type", type_id, NULL);
  money = json_object_get_object_member (record, "base_price");
  g_assert_cmpint (json_object_get_int_member (money, "minor"), ==, 32800);
  g_assert_cmpstr (json_object_get_string_member (money, "currency"), ==, "CNY");

  /* a property with rooms cannot be deleted from under them */
  changes = changes_of (td_change_new_delete ("property", property_id, 1), NULL);
  g_assert_false (td_database_commit (db, NULL, changes, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_assert_cmpint (td_database_count (db, "property", NULL), ==, 1);
  g_clear_error (&error);

  /* what refers to a record, per kind that refers */
  g_assert_cmpint (td_database_count_references (db, "property", property_id, "room", &error), ==, 1);
  g_assert_cmpint (td_database_count_references (db, "property", property_id, "room_type", &error), ==, 1);
  g_assert_cmpint (td_database_count_references (db, "room_type", type_id, "room", &error), ==, 1);
  g_assert_cmpint (td_database_count_references (db, "property", property_id, "customer", &error), ==, 0);
  g_assert_cmpint (td_database_count_references (db, "property", "no-such-id", "room", &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (td_database_count_references (db, "property", property_id, "nonsense", &error), ==, -1);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
}

static void
test_two_connections (void)
{
  g_autoptr(TdDatabase) a = td_test_workspace ("shared.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(TdDatabase) b = td_database_open (td_database_get_path (a), TD_OPEN_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  TdChange *c = new_customer ("周杰");
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;

  g_assert_nonnull (b);
  id = g_strdup (td_change_get_id (c));
  changes = changes_of (c, NULL);
  g_assert_true (td_database_commit (a, "desk-a", changes, &error));

  /* both desks read revision 1; the first to write wins, the second is told */
  c = td_change_new_update ("customer", id, 1);
  td_change_set_string (c, "city", "郑州市");
  second = changes_of (c, NULL);
  g_assert_true (td_database_commit (b, "desk-b", second, &error));
  g_assert_no_error (error);

  c = td_change_new_update ("customer", id, 1);
  td_change_set_string (c, "city", "洛阳市");
  third = changes_of (c, NULL);
  g_assert_false (td_database_commit (a, "desk-a", third, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT);
}

typedef struct {
  TdDatabase *db;
  int         thread;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;

  for (int i = 0; i < 50; i++)
    {
      g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
      g_autofree char *name = g_strdup_printf ("客人%d-%d", w->thread, i);
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (changes, new_customer (name));
      if (!td_database_commit (w->db, NULL, changes, &error))
        return g_strdup (error->message);
    }
  return NULL;
}

static void
test_concurrent_writers (void)
{
  g_autoptr(TdDatabase) first = td_test_workspace ("busy.tourdesk", TD_PROFILE_AGENCY);
  Writer writers[4];
  GThread *threads[4];

  /* two threads on one connection, two on their own connections */
  for (int i = 0; i < 4; i++)
    {
      writers[i].db = i < 2 ? g_object_ref (first)
                            : td_database_open (td_database_get_path (first), TD_OPEN_FLAGS_NONE, NULL);
      writers[i].thread = i;
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *failure = g_thread_join (threads[i]);

      g_assert_null (failure);
      g_object_unref (writers[i].db);
    }
  g_assert_cmpint (td_database_count (first, "customer", NULL), ==, 200);
  g_assert_cmpint (td_test_query_int (first, "SELECT count(DISTINCT record_id) FROM outbox WHERE kind = 'customer'"), ==, 200);
}

static void
test_backup_restore (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("live.tourdesk", TD_PROFILE_AGENCY);
  g_autofree char *backup = td_test_path ("live-backup.tourdesk");
  g_autofree char *restored = td_test_path ("restored.tourdesk");
  g_autofree char *corrupt = td_test_path ("corrupt.tourdesk");
  g_autoptr(GPtrArray) changes = changes_of (new_customer ("孙丽"), NULL);
  g_autoptr(GPtrArray) later = changes_of (new_customer ("钱明"), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) copy = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (td_database_commit (db, NULL, changes, NULL));
  g_assert_true (td_database_backup (db, backup, &error));
  g_assert_no_error (error);
  g_assert_false (td_database_backup (db, td_database_get_path (db), &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* the backup is a complete workspace by itself */
  g_assert_true (td_database_restore (backup, restored, FALSE, &error));
  g_assert_no_error (error);
  copy = td_database_open (restored, TD_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (td_database_count (copy, "customer", NULL), ==, 1);

  /* never over an existing workspace without being told to */
  g_assert_true (td_database_commit (db, NULL, later, NULL));
  g_assert_false (td_database_restore (backup, td_database_get_path (db), FALSE, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, 2);

  /* with overwrite, even while it is open: the open connection sees it */
  g_assert_true (td_database_restore (backup, td_database_get_path (db), TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, 1);

  /* a damaged backup is refused, and the workspace is left alone */
  g_assert_true (g_file_get_contents (backup, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  memset (contents + 4096, 0xA5, len - 4096);
  g_file_set_contents (corrupt, contents, (gssize) len, NULL);
  g_assert_false (td_database_restore (corrupt, td_database_get_path (db), TRUE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, 1);
}

static void
summary_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TdSummary **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = td_database_load_summary_finish (TD_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("async.tourdesk", TD_PROFILE_BOTH);
  TdSummary *summary = NULL;

  td_database_load_summary_async (db, NULL, summary_loaded_cb, &summary);
  while (summary == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (td_summary_get_count (summary, "organisation"), ==, 2);
  g_assert_cmpint (td_summary_get_outbox_pending (summary), ==, 2);
  td_summary_unref (summary);
}

static void
test_check (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("check.tourdesk", TD_PROFILE_HOTEL);
  g_autoptr(GPtrArray) results = td_database_check (db, NULL);
  g_autoptr(GPtrArray) after = NULL;
  gboolean found = FALSE;
  sqlite3 *h;

  for (guint i = 0; i < results->len; i++)
    g_assert_true (((TdCheckResult *) g_ptr_array_index (results, i))->ok);

  /* break an invariant behind the API's back: the check notices */
  g_assert_cmpint (sqlite3_open (td_database_get_path (db), &h), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (h, "UPDATE organisations SET revision = revision + 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (h);

  after = td_database_check (db, NULL);
  for (guint i = 0; i < after->len; i++)
    {
      TdCheckResult *r = g_ptr_array_index (after, i);

      if (g_str_equal (r->name, "audit-trail"))
        {
          g_assert_false (r->ok);
          g_assert_nonnull (r->detail);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/database/open-pragmas", test_open_pragmas);
  g_test_add_func ("/database/init-twice", test_init_twice);
  g_test_add_func ("/database/missing-and-foreign", test_missing_and_foreign);
  g_test_add_func ("/database/newer-refused", test_newer_refused);
  g_test_add_func ("/database/commit-lifecycle", test_commit_lifecycle);
  g_test_add_func ("/database/commit-atomic", test_commit_atomic);
  g_test_add_func ("/database/money-and-refs", test_money_and_refs);
  g_test_add_func ("/database/two-connections", test_two_connections);
  g_test_add_func ("/database/concurrent-writers", test_concurrent_writers);
  g_test_add_func ("/database/backup-restore", test_backup_restore);
  g_test_add_func ("/database/async", test_async);
  g_test_add_func ("/database/check", test_check);
  return g_test_run ();
}
