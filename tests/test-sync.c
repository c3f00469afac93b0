/* test-sync.c: the desk's sync engine against a real platform
 *
 * The platform (TdCloudServer, the code of tourdesk-cloud) runs in a thread
 * of this process on 127.0.0.1, with a response hook to inject faults: an
 * answer lost after the commit, a body cut short. Two desk workspaces of
 * one tenant sync through it with TdSyncEngine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-cloud-api-private.h"
#include "td-cloud-server.h"
#include "td-cloud-test-utils.h"
#include "td-complaints.h"
#include "td-sync-engine.h"
#include "td-sync-inbox.h"
#include "td-sync-state.h"
#include "td-test-hotel.h"

typedef enum {
  FAULT_NONE,
  FAULT_LOSE_PUSH_ANSWER,  /* committed, then the connection closes */
  FAULT_TRUNCATE_PULL,     /* a 200 whose body stops before its Content-Length */
  FAULT_STALL_PULL,        /* the answer to a pull comes 3 s late */
  FAULT_REPEAT_PULL,       /* the second pull gets the first page again */
  FAULT_HOLD_PUSH,         /* committed, then held until released, then closed */
  FAULT_UNAVAILABLE,       /* 503 with Retry-After to the next request */
} FaultKind;

typedef struct {
  TdCloudThread  server;
  gint           fault;     /* FaultKind, once */
  gint           faults;    /* faults injected */
  GBytes        *first_page;
  GMutex         hold_lock;
  GCond          hold_cond;
  gboolean       holding;   /* a push is committed and held */
  gboolean       released;
} Platform;

static gboolean
inject (SoupServerMessage *message,
        TdCloudRequest    *request,
        TdCloudResponse   *response,
        gpointer           user_data)
{
  Platform *platform = user_data;
  int fault = g_atomic_int_get (&platform->fault);
  GIOStream *stream;

  if (response->status != 200)
    return FALSE;
  if (fault == FAULT_LOSE_PUSH_ANSWER && g_str_equal (request->path, "/v1/sync/push"))
    {
      g_atomic_int_set (&platform->fault, FAULT_NONE);
      g_atomic_int_inc (&platform->faults);
      stream = soup_server_message_steal_connection (message);
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return TRUE;
    }
  if (fault == FAULT_REPEAT_PULL && g_str_equal (request->path, "/v1/sync/pull") && response->body)
    {
      if (platform->first_page == NULL)
        {
          /* the first page, kept; the next pull gets it again, cursor and all */
          platform->first_page = g_bytes_ref (response->body);
          return FALSE;
        }
      g_atomic_int_set (&platform->fault, FAULT_NONE);
      g_atomic_int_inc (&platform->faults);
      g_bytes_unref (response->body);
      response->body = g_bytes_ref (platform->first_page);
      return FALSE;
    }
  if (fault == FAULT_HOLD_PUSH && g_str_equal (request->path, "/v1/sync/push"))
    {
      g_atomic_int_set (&platform->fault, FAULT_NONE);
      g_atomic_int_inc (&platform->faults);
      g_mutex_lock (&platform->hold_lock);
      platform->holding = TRUE;
      g_cond_broadcast (&platform->hold_cond);
      while (!platform->released)
        g_cond_wait (&platform->hold_cond, &platform->hold_lock);
      g_mutex_unlock (&platform->hold_lock);
      stream = soup_server_message_steal_connection (message);
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return TRUE;
    }
  if (fault == FAULT_UNAVAILABLE)
    {
      g_atomic_int_set (&platform->fault, FAULT_NONE);
      g_atomic_int_inc (&platform->faults);
      td_cloud_problem (response, 503, "maintenance", "Down for maintenance.");
      g_ptr_array_add (response->headers, g_strdup ("Retry-After"));
      g_ptr_array_add (response->headers, g_strdup ("120"));
      return FALSE;
    }
  if (fault == FAULT_STALL_PULL && g_str_equal (request->path, "/v1/sync/pull"))
    {
      g_atomic_int_set (&platform->fault, FAULT_NONE);
      g_atomic_int_inc (&platform->faults);
      g_usleep (3 * G_USEC_PER_SEC);
      return FALSE;
    }
  if (fault == FAULT_TRUNCATE_PULL && g_str_equal (request->path, "/v1/sync/pull") && response->body)
    {
      gsize size = g_bytes_get_size (response->body);
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                               "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", size);

      g_atomic_int_set (&platform->fault, FAULT_NONE);
      g_atomic_int_inc (&platform->faults);
      stream = soup_server_message_steal_connection (message);
      g_output_stream_write_all (g_io_stream_get_output_stream (stream), head, strlen (head), NULL, NULL, NULL);
      /* half the body: what a dropped connection leaves */
      g_output_stream_write_all (g_io_stream_get_output_stream (stream),
                                 g_bytes_get_data (response->body, NULL), size / 2, NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */

static guint request_deadline = 20;

typedef struct {
  GMainLoop    *loop;
  TdSyncReport *report;
  GError       *error;
} Wait;

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->report = td_sync_engine_run_finish (TD_SYNC_ENGINE (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* One cycle: the report, or NULL with error. */
/* total (or NULL): what the platform said the snapshot holds, -1 none */
static TdSyncReport *
sync_desk_total (Platform    *platform,
                 TdDatabase  *db,
                 const char  *token,
                 int         *total,
                 GError     **error)
{
  g_autoptr(TdSyncEngine) engine = td_sync_engine_new (db, platform->server.url, token);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, NULL };

  td_sync_engine_set_deadline (engine, request_deadline);
  td_sync_engine_set_page_size (engine, 2);  /* several pages */
  td_sync_engine_run_async (engine, NULL, sync_done, &wait);
  g_main_loop_run (loop);
  if (total)
    *total = td_sync_engine_get_snapshot_total (engine);
  if (wait.error)
    g_propagate_error (error, wait.error);
  return wait.report;
}

static TdSyncReport *
sync_desk (Platform    *platform,
           TdDatabase  *db,
           const char  *token,
           GError     **error)
{
  return sync_desk_total (platform, db, token, NULL, error);
}

static TdSyncReport *
sync_ok_total (Platform   *platform,
               TdDatabase *db,
               const char *token,
               int        *total)
{
  g_autoptr(GError) error = NULL;
  TdSyncReport *report = sync_desk_total (platform, db, token, total, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static TdSyncReport *
sync_ok (Platform   *platform,
         TdDatabase *db,
         const char *token)
{
  return sync_ok_total (platform, db, token, NULL);
}

static char *
add_customer (TdDatabase *db,
              const char *name,
              const char *phone)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdChange *change = td_change_new_insert ("customer", NULL);

  td_change_set_string (change, "party", "person");
  td_change_set_string (change, "name", name);
  td_change_set_string (change, "phone", phone);
  g_ptr_array_add (changes, change);
  td_database_commit (db, "clerk@desk", changes, &error);
  g_assert_no_error (error);
  return g_strdup (td_change_get_id (change));
}

static void
update_customer (TdDatabase *db,
                 const char *id,
                 const char *field,
                 const char *value)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = td_database_get_record (db, "customer", id, &error);
  TdChange *change;

  g_assert_no_error (error);
  change = td_change_new_update ("customer", id, json_object_get_int_member (record, "revision"));
  td_change_set_string (change, field, value);
  g_ptr_array_add (changes, change);
  td_database_commit (db, "clerk@desk", changes, &error);
  g_assert_no_error (error);
}

static char *
field_of (TdDatabase *db,
          const char *id,
          const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = td_database_get_record (db, "customer", id, &error);

  if (record == NULL)
    return NULL;
  return g_strdup (json_object_get_string_member (record, field));
}

/* A platform, a tenant with two desks, a workspace for each. */
typedef struct {
  Platform         platform;
  TdCloudDeskInfo  a, b;
  TdDatabase      *da, *db;
} Two;

static void
two_start (Two        *two,
           const char *name)
{
  g_autofree char *file = g_strconcat (name, ".cloud", NULL);
  g_autofree char *wa = g_strconcat (name, "-a.tourdesk", NULL);
  g_autofree char *wb = g_strconcat (name, "-b.tourdesk", NULL);

  td_cloud_thread_start (&two->platform.server, file, inject, &two->platform);
  td_cloud_add_desk (two->platform.server.db, "河南酒店", "前台一", &two->a);
  td_cloud_add_desk (two->platform.server.db, "河南酒店", "前台二", &two->b);
  two->da = td_test_workspace (wa, TD_PROFILE_HOTEL);
  two->db = td_test_workspace (wb, TD_PROFILE_HOTEL);
}

static void
two_stop (Two *two)
{
  g_clear_pointer (&two->platform.first_page, g_bytes_unref);
  g_clear_object (&two->da);
  g_clear_object (&two->db);
  td_cloud_desk_info_clear (&two->a);
  td_cloud_desk_info_clear (&two->b);
  td_cloud_thread_stop (&two->platform.server);
}

static void
test_converge (void)
{
  Two two = { 0 };
  g_autoptr(TdSyncReport) first = NULL;
  g_autoptr(TdSyncReport) second = NULL;
  g_autoptr(TdSyncReport) again = NULL;
  g_autofree char *id = NULL, *phone = NULL, *city = NULL;

  two_start (&two, "converge");
  id = add_customer (two.da, "王小明", "13800138000");
  g_free (add_customer (two.da, "李娜", "13912345678"));
  g_free (add_customer (two.da, "张伟", "13611112222"));

  first = sync_ok (&two.platform, two.da, two.a.refresh_token);
  /* the organisation and three customers */
  g_assert_cmpuint (first->pushed, ==, 4);
  g_assert_cmpuint (first->applied, ==, 4);
  g_assert_cmpint (td_sync_count_pending (two.da), ==, 0);
  g_assert_cmpint (td_test_query_int (two.da, "SELECT platform_revision FROM sync_records WHERE kind = 'customer' LIMIT 1"), ==, 1);

  second = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_cmpuint (second->pulled, >=, 5);  /* both organisations, three customers */
  phone = field_of (two.db, id, "phone");
  g_assert_cmpstr (phone, ==, "13800138000");
  g_assert_cmpint (td_database_count (two.db, "customer", NULL), ==, 3);
  /* from the platform: audited, not sent back */
  g_assert_cmpint (td_test_query_int (two.db, "SELECT count(*) FROM outbox WHERE kind = 'customer'"), ==, 0);
  g_assert_cmpint (td_test_query_int (two.db, "SELECT count(*) FROM audit_log WHERE actor = 'platform' AND kind = 'customer'"), ==, 3);

  /* an edit on A reaches B; B's second pull brings nothing twice */
  update_customer (two.da, id, "city", "开封市");
  g_clear_pointer (&first, td_sync_report_free);
  first = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_assert_cmpuint (first->applied, ==, 1);
  g_clear_pointer (&second, td_sync_report_free);
  second = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_cmpuint (second->stored, ==, 1);
  city = field_of (two.db, id, "city");
  g_assert_cmpstr (city, ==, "开封市");
  again = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_cmpuint (again->pulled, ==, 0);
  g_assert_cmpuint (again->pushed, ==, 0);

  two_stop (&two);
}

static void
test_lost_answer (void)
{
  Two two = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSyncReport) failed = NULL;
  g_autoptr(TdSyncReport) retry = NULL;
  g_autoptr(TdSyncReport) other = NULL;
  g_autofree char *key = NULL, *body = NULL;

  two_start (&two, "lost");
  g_free (add_customer (two.da, "王小明", "13800138000"));
  g_free (add_customer (two.da, "李娜", "13912345678"));

  g_atomic_int_set (&two.platform.fault, FAULT_LOSE_PUSH_ANSWER);
  failed = sync_desk (&two.platform, two.da, two.a.refresh_token, &error);
  g_assert_null (failed);
  g_assert_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_NETWORK);
  g_assert_cmpint (g_atomic_int_get (&two.platform.faults), ==, 1);
  /* nothing marked sent; the batch and its key kept for the retry */
  g_assert_cmpint (td_sync_count_pending (two.da), ==, 3);
  key = td_sync_state_dup (two.da, "batch-key");
  body = td_sync_state_dup (two.da, "batch-body");
  g_assert_nonnull (key);
  g_assert_nonnull (body);
  {
    g_autofree char *last_error = td_sync_state_dup (two.da, TD_SYNC_STATE_LAST_ERROR);
    g_assert_nonnull (last_error);
  }

  /* a new edit in between does not change the batch in flight */
  g_free (add_customer (two.da, "张伟", "13611112222"));
  retry = sync_ok (&two.platform, two.da, two.a.refresh_token);
  /* the same key and body: the platform answers as the first time */
  g_assert_cmpuint (retry->pushed, ==, 4);
  g_assert_cmpuint (retry->applied, ==, 4);
  g_assert_null (td_sync_state_dup (two.da, "batch-key"));
  g_assert_cmpint (td_sync_count_pending (two.da), ==, 0);

  /* the platform holds each customer once */
  other = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_cmpint (td_database_count (two.db, "customer", NULL), ==, 3);

  two_stop (&two);
}

static void
test_conflict (void)
{
  Two two = { 0 };
  g_autoptr(TdSyncReport) r = NULL;
  g_autoptr(JsonArray) conflicts = NULL;
  g_autofree char *id = NULL;
  JsonObject *conflict;

  two_start (&two, "conflict");
  id = add_customer (two.da, "王小明", "13800138000");
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_clear_pointer (&r, td_sync_report_free);
  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_clear_pointer (&r, td_sync_report_free);

  /* both desks change the same field while apart */
  update_customer (two.da, id, "city", "郑州市");
  update_customer (two.db, id, "city", "洛阳市");
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_assert_cmpuint (r->applied, ==, 1);
  g_clear_pointer (&r, td_sync_report_free);
  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_cmpuint (r->conflicts, ==, 1);
  g_assert_cmpint (td_sync_count_conflicts (two.db), ==, 1);

  conflicts = td_sync_list_conflicts (two.db, NULL);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  conflict = json_array_get_object_element (conflicts, 0);
  g_assert_cmpstr (json_object_get_string_member (conflict, "record_id"), ==, id);
  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) status = NULL;

    td_test_cli (&run, "sync", "status", "--db", td_database_get_path (two.db), "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    status = td_test_parse_json (run.out);
    g_assert_cmpint (json_object_get_int_member (status, "inbox"), ==, 1);
  }
  g_assert_cmpstr (json_object_get_string_member (conflict, "field"), ==, "city");
  g_assert_cmpstr (json_object_get_string_member (conflict, "server"), ==, "\"郑州市\"");
  g_assert_cmpstr (json_object_get_string_member (conflict, "desk"), ==, "\"洛阳市\"");

  two_stop (&two);
}

/* the conflict inbox keeps the whole operation: the desk's other values
 * survive the platform's version arriving, and the clerk's choice goes out
 * with the next sync */
static void
test_conflict_resolved (void)
{
  Two two = { 0 };
  g_autoptr(TdSyncReport) r = NULL;
  g_autoptr(JsonArray) inbox = NULL;
  g_autoptr(JsonObject) choices = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *city = NULL, *phone = NULL;
  JsonObject *entry, *field;
  const char *op_id;

  two_start (&two, "resolve");
  id = add_customer (two.da, "王小明", "13800138000");
  g_clear_pointer (&r, td_sync_report_free);
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_clear_pointer (&r, td_sync_report_free);
  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_clear_pointer (&r, td_sync_report_free);

  update_customer (two.da, id, "city", "郑州市");
  update_customer (two.db, id, "city", "洛阳市");
  update_customer (two.db, id, "email", "wang@example.cn");
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_clear_pointer (&r, td_sync_report_free);
  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_cmpuint (r->conflicts, >=, 1);
  g_clear_pointer (&r, td_sync_report_free);

  /* the platform's version is here now; B's values wait in the inbox */
  city = field_of (two.db, id, "city");
  g_assert_cmpstr (city, ==, "郑州市");
  g_assert_cmpint (td_sync_inbox_count_open (two.db), >=, 1);
  inbox = td_sync_inbox_list (two.db, &error);
  g_assert_no_error (error);
  entry = NULL;
  for (guint i = 0; i < json_array_get_length (inbox); i++)
    if (json_array_get_length (json_object_get_array_member (json_array_get_object_element (inbox, i), "fields")) > 0)
      entry = json_array_get_object_element (inbox, i);
  g_assert_nonnull (entry);
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (entry, "record_id"), ==, id);
  field = json_array_get_object_element (json_object_get_array_member (entry, "fields"), 0);
  g_assert_cmpstr (json_object_get_string_member (field, "field"), ==, "city");
  g_assert_cmpstr (json_object_get_string_member (field, "server"), ==, "郑州市");
  g_assert_cmpstr (json_object_get_string_member (field, "desk"), ==, "洛阳市");
  op_id = json_object_get_string_member (entry, "op_id");

  /* a choice is needed for every field in conflict, and only for those */
  g_assert_false (td_sync_inbox_resolve (two.db, op_id, choices, "clerk@desk", &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  json_object_set_string_member (choices, "name", "x");
  json_object_set_string_member (choices, "city", "洛阳市");
  g_assert_false (td_sync_inbox_resolve (two.db, op_id, choices, "clerk@desk", &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  json_object_remove_member (choices, "name");
  /* a conflict is resolved, not dismissed */
  g_assert_false (td_sync_inbox_dismiss (two.db, op_id, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (td_sync_inbox_resolve (two.db, op_id, choices, "clerk@desk", &error));
  g_assert_no_error (error);
  g_clear_pointer (&city, g_free);
  city = field_of (two.db, id, "city");
  g_assert_cmpstr (city, ==, "洛阳市");
  g_assert_false (td_sync_inbox_resolve (two.db, op_id, choices, "clerk@desk", &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* sent, taken, and desk A has both B's choice and B's e-mail */
  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_cmpuint (r->conflicts, ==, 0);
  g_assert_cmpuint (r->applied, >=, 1);
  g_clear_pointer (&r, td_sync_report_free);
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_clear_pointer (&city, g_free);
  city = field_of (two.da, id, "city");
  phone = field_of (two.da, id, "email");
  g_assert_cmpstr (city, ==, "洛阳市");
  g_assert_cmpstr (phone, ==, "wang@example.cn");
  g_assert_cmpint (td_sync_inbox_count_open (two.db), ==, 0);

  two_stop (&two);
}

static void
test_cursor_expired (void)
{
  int total = -1;
  Two two = { 0 };
  g_autoptr(TdSyncReport) r = NULL;
  g_autofree char *keep = NULL, *gone = NULL, *later = NULL;
  g_autoptr(JsonObject) purged = NULL;

  two_start (&two, "expired");
  keep = add_customer (two.da, "王小明", "13800138000");
  gone = add_customer (two.da, "李娜", "13912345678");
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_clear_pointer (&r, td_sync_report_free);
  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_false (r->snapshot);
  g_clear_pointer (&r, td_sync_report_free);

  /* A deletes one and adds one; the platform purges the tombstone: B's cursor is too old */
  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    g_autoptr(GError) error = NULL;

    g_ptr_array_add (changes, td_change_new_delete ("customer", gone, 1));
    td_database_commit (two.da, "clerk@desk", changes, &error);
    g_assert_no_error (error);
  }
  later = add_customer (two.da, "张伟", "13611112222");
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_clear_pointer (&r, td_sync_report_free);
  purged = td_cloud_admin_json (two.platform.server.db, "purge", "--older-than", "0", NULL);
  g_assert_cmpint (json_object_get_int_member (purged, "deletions"), ==, 1);

  r = sync_ok_total (&two.platform, two.db, two.b.refresh_token, &total);
  g_assert_true (r->snapshot);
  /* the platform said how many the snapshot has: what B received */
  g_assert_cmpint (total, ==, (int) r->pulled);
  {
    g_autofree char *name = field_of (two.db, later, "name");
    g_autoptr(JsonObject) deleted = td_database_get_record (two.db, "customer", gone, NULL);
    g_autoptr(JsonObject) kept = td_database_get_record (two.db, "customer", keep, NULL);

    g_assert_cmpstr (name, ==, "张伟");
    /* the deletion the purged feed no longer carried, taken from the snapshot */
    g_assert_true (json_object_get_boolean_member (deleted, "deleted"));
    g_assert_false (json_object_get_boolean_member (kept, "deleted"));
    g_assert_cmpint (td_sync_count_pending (two.db), ==, 0);
  }
  g_clear_pointer (&r, td_sync_report_free);
  /* and pulls on from the snapshot's cursor */
  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_false (r->snapshot);
  g_assert_cmpuint (r->pulled, ==, 0);

  two_stop (&two);
}

static void
test_truncated (void)
{
  Two two = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSyncReport) r = NULL;
  g_autoptr(TdSyncReport) failed = NULL;

  two_start (&two, "truncated");
  g_free (add_customer (two.da, "王小明", "13800138000"));
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_clear_pointer (&r, td_sync_report_free);

  g_atomic_int_set (&two.platform.fault, FAULT_TRUNCATE_PULL);
  failed = sync_desk (&two.platform, two.db, two.b.refresh_token, &error);
  g_assert_null (failed);
  g_assert_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_PROTOCOL);
  g_assert_cmpint (g_atomic_int_get (&two.platform.faults), ==, 1);
  /* nothing of it applied, no cursor stored */
  g_assert_cmpint (td_database_count (two.db, "customer", NULL), ==, 0);
  g_assert_null (td_sync_state_dup (two.db, TD_SYNC_STATE_CURSOR));

  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_cmpint (td_database_count (two.db, "customer", NULL), ==, 1);

  two_stop (&two);
}

static void
test_bad_token (void)
{
  Two two = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSyncReport) r = NULL;

  two_start (&two, "token");
  r = sync_desk (&two.platform, two.da, "tdr_not-a-token", &error);
  g_assert_null (r);
  g_assert_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpint (td_sync_count_pending (two.da), ==, 1);
  two_stop (&two);
}

/* tourdesk-cli sync and sync status, end to end */
static void
test_cli (void)
{
  Two two = { 0 };
  g_autofree char *token_file = td_test_path ("cli-token");
  g_autofree char *bad_file = td_test_path ("cli-bad-token");
  const char *path;
  g_autoptr(GError) error = NULL;

  two_start (&two, "cli");
  path = td_database_get_path (two.da);
  g_free (add_customer (two.da, "王小明", "13800138000"));
  g_file_set_contents (token_file, two.a.refresh_token, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad_file, "tdr_a\ntdr_b\n", -1, &error);
  g_assert_no_error (error);

  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) status = NULL;

    td_test_cli (&run, "sync", "status", "--db", path, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    status = td_test_parse_json (run.out);
    g_assert_cmpint (json_object_get_int_member (status, "pending"), ==, 2);
    g_assert_true (json_object_get_null_member (status, "last_success"));
  }
  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) report = NULL;

    td_test_cli (&run, "sync", "--db", path, "--server", two.platform.server.url, "--token-file", token_file, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    report = td_test_parse_json (run.out);
    g_assert_cmpint (json_object_get_int_member (report, "pushed"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (report, "applied"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (report, "pending"), ==, 0);
  }
  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) status = NULL;

    td_test_cli (&run, "sync", "status", "--db", path, "--json", NULL);
    status = td_test_parse_json (run.out);
    g_assert_cmpint (json_object_get_int_member (status, "pending"), ==, 0);
    g_assert_false (json_object_get_null_member (status, "last_success"));
  }
  {
    g_auto(TdTestRun) run = { 0 };

    /* usage: no server */
    td_test_cli (&run, "sync", "--db", path, "--token-file", token_file, NULL);
    g_assert_cmpint (run.status, ==, 2);
    td_test_assert_one_line_error (&run);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "sync", "--db", path, "--server", two.platform.server.url, "--token-file", bad_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "one line"));
  }
  {
    g_auto(TdTestRun) run = { 0 };

    /* a server that is not there: one clear line, exit 1, recorded as the last error */
    td_test_cli (&run, "sync", "--db", path, "--server", "http://127.0.0.1:1/", "--token-file", token_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
    {
      g_autofree char *last_error = td_sync_state_dup (two.da, TD_SYNC_STATE_LAST_ERROR);
      g_assert_nonnull (last_error);
    }
  }

  two_stop (&two);
}

/* a platform that answers too late: the request's own deadline ends it */
/* A check-in's registrations reach the platform as its guest_registration
 * kind, and its receipt comes back: the desk shows them acknowledged. */
static void
test_guest_registration (void)
{
  Platform platform = { 0 };
  TdCloudDeskInfo desk = { 0 };
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("registration-sync.tourdesk");
  TdBookingRoom room = { h->room[TD_TEST_R101], NULL, td_test_range ("2026-05-11", "2026-05-13"), 1, 0, NULL, NULL, NULL };
  TdBooking booking = { 0 };
  TdDeskTime booked_at = td_test_at ("2026-05-01");
  TdDeskTime arrival = td_test_at ("2026-05-11");
  g_autoptr(TdBookingResult) result = NULL;
  g_autoptr(TdStay) in = NULL;
  g_autoptr(TdSyncReport) report = NULL;
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = g_strdup_printf ("41010519880312001%c", td_id_number_check_char ("41010519880312001"));
  const char *guests[] = { h->guest, NULL };
  TdRegistration *r;

  td_cloud_thread_start (&platform.server, "registration.cloud", inject, &platform);
  td_cloud_add_desk (platform.server.db, "测试酒店", "前台", &desk);
  update_customer (h->db, h->guest, "id_type", "resident-id");
  update_customer (h->db, h->guest, "id_number", number);
  booking.customer_id = h->guest;
  booking.source = "phone";
  booking.rooms = &room;
  booking.n_rooms = 1;
  result = td_stays_book (h->db, "clerk@desk", &booking, &booked_at, &error);
  g_assert_no_error (error);
  in = td_stay_check_in (h->db, "clerk@desk", g_ptr_array_index (result->stay_ids, 0), guests, &arrival, &error);
  g_assert_no_error (error);

  registrations = td_registrations_list (h->db, in->id, &error);
  g_assert_cmpint (((TdRegistration *) g_ptr_array_index (registrations, 0))->state, ==, TD_REGISTRATION_PENDING);
  g_clear_pointer (&registrations, g_ptr_array_unref);

  report = sync_ok (&platform, h->db, desk.refresh_token);
  if (report->first_rejection)
    g_error ("rejected: %s", report->first_rejection);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpint (td_sync_count_pending (h->db), ==, 0);
  g_assert_cmpint (td_test_query_int (h->db, "SELECT count(*) FROM sync_records WHERE kind = 'guest_registration'"), ==, 1);

  /* the platform's receipt, pulled back */
  g_clear_pointer (&report, td_sync_report_free);
  report = sync_ok (&platform, h->db, desk.refresh_token);
  registrations = td_registrations_list (h->db, in->id, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (registrations, 0);
  g_assert_cmpint (r->state, ==, TD_REGISTRATION_ACKNOWLEDGED);
  g_assert_true (g_str_has_prefix (r->receipt, "GR-"));
  g_assert_cmpstr (r->nationality, ==, "CHN");

  td_cloud_desk_info_clear (&desk);
  td_cloud_thread_stop (&platform.server);
}

static void
test_deadline (void)
{
  Two two = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSyncReport) r = NULL;
  gint64 start;

  two_start (&two, "deadline");
  g_atomic_int_set (&two.platform.fault, FAULT_STALL_PULL);
  request_deadline = 1;
  start = g_get_monotonic_time ();
  r = sync_desk (&two.platform, two.da, two.a.refresh_token, &error);
  request_deadline = 20;
  g_assert_null (r);
  g_assert_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2900 * 1000);
  g_assert_null (td_sync_state_dup (two.da, TD_SYNC_STATE_CURSOR));
  g_usleep (3 * G_USEC_PER_SEC);  /* let the stalled answer go */
  two_stop (&two);
}

static void
test_backoff (void)
{
  for (guint failures = 1; failures < 20; failures++)
    {
      guint delay = td_sync_backoff_seconds (failures, 0);

      g_assert_cmpuint (delay, >=, 24);
      g_assert_cmpuint (delay, <=, 4320);
    }
  g_assert_cmpuint (td_sync_backoff_seconds (1, 600), ==, 600);
}


/* the customers the platform holds for the tenant, by id (deleted ones too) */
static GHashTable *
platform_customers (Two *two)
{
  g_autoptr(TdCloudClient) client = td_cloud_client_new (two->platform.server.url, NULL);
  g_autoptr(GHashTable) all = NULL;
  GHashTable *customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  td_cloud_client_sign_in (client, two->b.refresh_token);
  all = td_cloud_pull_all (client, NULL, 500, NULL);
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (json_object_get_string_member (value, "kind"), "customer") == 0)
      g_hash_table_insert (customers, g_strdup (key), json_object_ref (value));
  return customers;
}

/* The same key with another body (a damaged batch): 422; the batch is built
 * again from the outbox with a new key, and the platform's op_id check keeps
 * the operations from being applied twice */
static void
test_key_reused (void)
{
  Two two = { 0 };
  g_autoptr(TdSyncReport) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) customers = NULL;
  g_autofree char *id = NULL, *body = NULL, *tampered = NULL;
  JsonObject *record;

  two_start (&two, "key-reused");
  id = add_customer (two.da, "王小明", "13800138000");
  g_atomic_int_set (&two.platform.fault, FAULT_LOSE_PUSH_ANSWER);
  r = sync_desk (&two.platform, two.da, two.a.refresh_token, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (td_sync_count_pending (two.da), ==, 2);

  /* the batch in flight is changed under its key */
  body = td_sync_state_dup (two.da, "batch-body");
  g_assert_nonnull (body);
  g_assert_nonnull (strstr (body, "王小明"));
  {
    g_auto(GStrv) parts = g_strsplit (body, "王小明", -1);
    tampered = g_strjoinv ("汪小明", parts);
  }
  g_assert_true (td_sync_state_set (two.da, "batch-body", tampered, &error));
  g_assert_no_error (error);

  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_assert_cmpuint (r->requeued, ==, 1);
  g_assert_cmpuint (r->pushed, ==, 2);
  g_assert_cmpuint (r->duplicates, ==, 2);
  g_assert_cmpint (td_sync_count_pending (two.da), ==, 0);

  customers = platform_customers (&two);
  g_assert_cmpuint (g_hash_table_size (customers), ==, 1);
  record = g_hash_table_lookup (customers, id);
  g_assert_nonnull (record);
  g_assert_cmpint (json_object_get_int_member (record, "revision"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record, "values"), "name"), ==, "王小明");

  two_stop (&two);
}

static gboolean
push_held (Platform *platform)
{
  gboolean held;

  g_mutex_lock (&platform->hold_lock);
  held = platform->holding;
  g_mutex_unlock (&platform->hold_lock);
  return held;
}

/* The desk (tourdesk-cli) killed while its push is committed on the
 * platform but unanswered: the next sync of the same workspace sends the
 * same key, and nothing is applied twice */
static void
test_killed_mid_push (void)
{
  Two two = { 0 };
  g_autoptr(TdSyncReport) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) desk = NULL;
  g_autoptr(GHashTable) customers = NULL;
  g_autofree char *token_file = td_test_path ("killed-token");
  g_autofree char *key_before = NULL, *key_after = NULL;
  gint64 waited = 0;

  two_start (&two, "killed");
  g_free (add_customer (two.da, "李娜", "13912345678"));
  g_free (add_customer (two.da, "张伟", "13611112222"));
  g_file_set_contents (token_file, two.a.refresh_token, -1, &error);
  g_assert_no_error (error);

  g_atomic_int_set (&two.platform.fault, FAULT_HOLD_PUSH);
  desk = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           g_getenv ("TD_CLI"), "sync", "--db", td_database_get_path (two.da),
                           "--server", two.platform.server.url, "--token-file", token_file, NULL);
  g_assert_no_error (error);
  while (!push_held (&two.platform))
    {
      g_usleep (10000);
      waited += 10000;
      g_assert_cmpint (waited, <, 30 * G_USEC_PER_SEC);
    }
  /* committed on the platform; the desk dies before it hears */
  g_subprocess_force_exit (desk);
  g_subprocess_wait (desk, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (desk));
  g_mutex_lock (&two.platform.hold_lock);
  two.platform.released = TRUE;
  g_cond_broadcast (&two.platform.hold_cond);
  g_mutex_unlock (&two.platform.hold_lock);

  g_assert_cmpint (td_sync_count_pending (two.da), ==, 3);
  key_before = td_sync_state_dup (two.da, "batch-key");
  g_assert_nonnull (key_before);

  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  key_after = td_sync_state_dup (two.da, "batch-key");
  g_assert_null (key_after);
  g_assert_cmpuint (r->pushed, ==, 3);
  g_assert_cmpint (td_sync_count_pending (two.da), ==, 0);
  customers = platform_customers (&two);
  g_assert_cmpuint (g_hash_table_size (customers), ==, 2);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, customers);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_assert_cmpint (json_object_get_int_member (value, "revision"), ==, 1);
  }

  two_stop (&two);
}

/* the same page twice (the cursor not advanced): applied once */
static void
test_same_page_twice (void)
{
  Two two = { 0 };
  g_autoptr(TdSyncReport) r = NULL;

  two_start (&two, "same-page");
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("客人%d", i);
      g_autofree char *phone = g_strdup_printf ("1380013800%d", i);

      g_free (add_customer (two.da, name, phone));
    }
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_clear_pointer (&r, td_sync_report_free);

  g_atomic_int_set (&two.platform.fault, FAULT_REPEAT_PULL);
  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_cmpint (g_atomic_int_get (&two.platform.faults), ==, 1);
  /* more received than stored: the repeated page changed nothing */
  g_assert_cmpuint (r->pulled, >, r->stored);
  g_assert_cmpint (td_database_count (two.db, "customer", NULL), ==, 5);
  g_assert_cmpint (td_test_query_int (two.db, "SELECT count(*) FROM audit_log WHERE actor = 'platform' AND kind = 'customer'"), ==, 5);

  two_stop (&two);
}

/* 503 with Retry-After: nothing marked sent, the platform's wait reported */
static void
test_unavailable (void)
{
  Two two = { 0 };
  g_autoptr(TdSyncEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(TdSyncReport) r = NULL;
  Wait wait = { loop, NULL, NULL };

  two_start (&two, "unavailable");
  g_free (add_customer (two.da, "王芳", "13700001111"));
  g_atomic_int_set (&two.platform.fault, FAULT_UNAVAILABLE);
  engine = td_sync_engine_new (two.da, two.platform.server.url, two.a.refresh_token);
  td_sync_engine_run_async (engine, NULL, sync_done, &wait);
  g_main_loop_run (loop);
  g_assert_error (wait.error, TD_SYNC_ERROR, TD_SYNC_ERROR_UNAVAILABLE);
  g_clear_error (&wait.error);
  g_assert_cmpuint (td_sync_engine_get_retry_after (engine), ==, 120);
  g_assert_cmpuint (td_sync_backoff_seconds (1, td_sync_engine_get_retry_after (engine)), >=, 120);
  g_assert_cmpint (td_sync_count_pending (two.da), ==, 2);

  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_assert_cmpint (td_sync_count_pending (two.da), ==, 0);

  two_stop (&two);
}

/* ------------------------------------------------------------------ */
/* a day of random offline edits on two desks                          */

static const char *cities[] = { "郑州市", "洛阳市", "开封市", "南阳市", "安阳市" };

static void
delete_customer (TdDatabase *db,
                 const char *id)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = td_database_get_record (db, "customer", id, &error);

  g_assert_no_error (error);
  g_ptr_array_add (changes, td_change_new_delete ("customer", id, json_object_get_int_member (record, "revision")));
  td_database_commit (db, "clerk@desk", changes, &error);
  g_assert_no_error (error);
}

/* the live customers of a workspace: id → "name|city|notes" */
static GHashTable *
desk_customers (TdDatabase *db)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (td_database_get_path (db), &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT id, name, coalesce(city, ''), coalesce(notes, '') "
                                       "FROM customers WHERE deleted = 0", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (map, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup_printf ("%s|%s|%s", sqlite3_column_text (stmt, 1),
                                          sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3)));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return map;
}

/* every open conflict resolved with the platform's values */
static void
resolve_all (TdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) inbox = td_sync_inbox_list (db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (inbox); i++)
    {
      JsonObject *entry = json_array_get_object_element (inbox, i);
      const char *op_id = json_object_get_string_member (entry, "op_id");

      if (g_str_equal (json_object_get_string_member (entry, "status"), "conflict"))
        {
          g_autoptr(JsonObject) choices = json_object_new ();
          JsonArray *fields = json_object_get_array_member (entry, "fields");
          GError *resolve_error = NULL;

          for (guint f = 0; f < json_array_get_length (fields); f++)
            {
              JsonObject *field = json_array_get_object_element (fields, f);

              json_object_set_member (choices, json_object_get_string_member (field, "field"),
                                      json_node_copy (json_object_get_member (field, "server")));
            }
          /* a record deleted on the platform meanwhile: nothing to keep */
          if (!td_sync_inbox_resolve (db, op_id, choices, "clerk@desk", &resolve_error))
            {
              g_assert_true (resolve_error->code == TD_DATABASE_ERROR_NOT_FOUND
                             || resolve_error->code == TD_DATABASE_ERROR_CONFLICT);
              g_clear_error (&resolve_error);
            }
        }
      else
        {
          g_assert_true (td_sync_inbox_dismiss (db, op_id, &error));
          g_assert_no_error (error);
        }
    }
}

static const char *
text_or_empty (JsonObject *values,
               const char *member)
{
  JsonNode *node = json_object_get_member (values, member);

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : "";
}

static void
test_random_day (void)
{
  Two two = { 0 };
  TdDatabase *desks[2];
  const char *tokens[2];
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) a = NULL, b = NULL, platform = NULL;
  guint added = 0, faults = 0;

  two_start (&two, "random-day");
  desks[0] = two.da, desks[1] = two.db;
  tokens[0] = two.a.refresh_token, tokens[1] = two.b.refresh_token;

  for (int step = 0; step < 60; step++)
    {
      int d = g_test_rand_int_range (0, 2);
      TdDatabase *db = desks[d];
      int action = g_test_rand_int_range (0, 10);

      if (action < 3 || known->len == 0)
        {
          g_autofree char *name = g_strdup_printf ("客人%03u", added++);
          g_autofree char *phone = g_strdup_printf ("139%08u", added);
          g_autofree char *id = add_customer (db, name, phone);

          g_ptr_array_add (known, g_steal_pointer (&id));
        }
      else if (action < 7)
        {
          const char *id = g_ptr_array_index (known, g_test_rand_int_range (0, (int) known->len));
          g_autoptr(JsonObject) record = td_database_get_record (db, "customer", id, NULL);

          /* only what this desk has (it may not have pulled it yet) */
          if (record && !json_object_get_boolean_member (record, "deleted"))
            {
              if (g_test_rand_bit ())
                update_customer (db, id, "city", cities[g_test_rand_int_range (0, G_N_ELEMENTS (cities))]);
              else
                {
                  g_autofree char *notes = g_strdup_printf ("第%d步，前台%d", step, d + 1);
                  update_customer (db, id, "notes", notes);
                }
            }
        }
      else if (action < 8)
        {
          const char *id = g_ptr_array_index (known, g_test_rand_int_range (0, (int) known->len));
          g_autoptr(JsonObject) record = td_database_get_record (db, "customer", id, NULL);

          if (record && !json_object_get_boolean_member (record, "deleted"))
            {
              delete_customer (db, id);
              g_hash_table_add (deleted, g_strdup (id));
            }
        }
      else
        {
          /* a sync, sometimes through a fault */
          g_autoptr(GError) error = NULL;
          g_autoptr(TdSyncReport) r = NULL;
          int fault = g_test_rand_int_range (0, 4);

          if (fault == 1)
            g_atomic_int_set (&two.platform.fault, FAULT_LOSE_PUSH_ANSWER);
          else if (fault == 2)
            g_atomic_int_set (&two.platform.fault, FAULT_TRUNCATE_PULL);
          else if (fault == 3)
            g_atomic_int_set (&two.platform.fault, FAULT_UNAVAILABLE);
          r = sync_desk (&two.platform, db, tokens[d], &error);
          g_atomic_int_set (&two.platform.fault, FAULT_NONE);
          if (error)
            faults++;
        }
    }

  /* the end of the day: both desks sync until nothing moves */
  for (int round = 0; round < 3; round++)
    for (int d = 0; d < 2; d++)
      {
        g_autoptr(TdSyncReport) r = sync_ok (&two.platform, desks[d], tokens[d]);

        resolve_all (desks[d]);
      }
  for (int d = 0; d < 2; d++)
    {
      g_autoptr(TdSyncReport) r = sync_ok (&two.platform, desks[d], tokens[d]);
      g_assert_cmpint (td_sync_count_pending (desks[d]), ==, 0);
      g_assert_cmpint (td_sync_inbox_count_open (desks[d]), ==, 0);
    }
  {
    g_autoptr(TdSyncReport) r = sync_ok (&two.platform, desks[0], tokens[0]);
    g_assert_cmpuint (r->pulled, ==, 0);
  }

  a = desk_customers (two.da);
  b = desk_customers (two.db);
  platform = platform_customers (&two);
  g_test_message ("%u customers added, %u deleted, %u syncs failed on purpose, %u live at the end",
                  added, g_hash_table_size (deleted), faults, g_hash_table_size (a));

  /* the same live customers everywhere, with the same values */
  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  {
    GHashTableIter iter;
    gpointer key, value;
    guint live_on_platform = 0;

    g_hash_table_iter_init (&iter, a);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_assert_cmpstr (value, ==, g_hash_table_lookup (b, key));
    g_hash_table_iter_init (&iter, platform);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        JsonObject *values = json_object_get_object_member (value, "values");
        const char *city, *notes;
        g_autofree char *line = NULL;

        if (json_object_get_boolean_member (value, "deleted"))
          {
            g_assert_false (g_hash_table_contains (a, key));
            continue;
          }
        live_on_platform++;
        city = text_or_empty (values, "city");
        notes = text_or_empty (values, "notes");
        line = g_strdup_printf ("%s|%s|%s", json_object_get_string_member (values, "name"), city, notes);
        g_assert_cmpstr (line, ==, g_hash_table_lookup (a, key));
      }
    g_assert_cmpuint (live_on_platform, ==, g_hash_table_size (a));
  }
  /* nothing lost, nothing twice: every customer added is there once, or deleted */
  g_assert_cmpuint (g_hash_table_size (platform), ==, added);
  for (guint i = 0; i < known->len; i++)
    g_assert_true (g_hash_table_contains (a, g_ptr_array_index (known, i))
                   || g_hash_table_contains (deleted, g_ptr_array_index (known, i)));

  two_stop (&two);
}

/* complaints travel append-only: a complaint taken on A, handled on both
 * desks, ends in the same state everywhere, with the whole history */
static void
test_complaints (void)
{
  Two two = { 0 };
  g_autoptr(TdSyncReport) r = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(JsonObject) on_a = NULL, on_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = NULL, *id = NULL;
  TdMoney apology_free = { 0, "" };

  two_start (&two, "complaints");
  customer = add_customer (two.da, "赵敏", "13511112222");
  json_object_set_string_member (values, "subject", "房间有异味");
  json_object_set_string_member (values, "body", "入住后发现房间有烟味，要求换房。");
  json_object_set_string_member (values, "category", "hygiene");
  json_object_set_string_member (values, "severity", "high");
  json_object_set_string_member (values, "customer_id", customer);
  id = td_complaints_add (two.da, values, "clerk@a", &error);
  g_assert_no_error (error);
  g_assert_true (td_complaints_set_state (two.da, id, "assigned", "客房部张经理", NULL, NULL, NULL, "clerk@a", &error));
  g_assert_no_error (error);
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  g_assert_cmpuint (r->rejected, ==, 0);
  g_clear_pointer (&r, td_sync_report_free);
  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_clear_pointer (&r, td_sync_report_free);

  /* B goes on with it */
  g_assert_true (td_complaints_note (two.db, id, "已为客人换到1208房", "clerk@b", &error));
  g_assert_true (td_complaints_set_state (two.db, id, "resolved", NULL, "apology", &apology_free, NULL, "clerk@b", &error));
  g_assert_no_error (error);
  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_cmpuint (r->applied, ==, 3);
  g_assert_cmpuint (r->rejected, ==, 0);
  g_clear_pointer (&r, td_sync_report_free);
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);

  on_a = td_complaints_get (two.da, id, &error);
  on_b = td_complaints_get (two.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (on_a, "state"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (on_b, "state"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (on_a, "outcome"), ==, "apology");
  g_assert_cmpstr (json_object_get_string_member (on_a, "assignee"), ==, "客房部张经理");
  g_assert_cmpstr (json_object_get_string_member (on_b, "customer_name"), ==, "赵敏");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (on_a, "notes")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (on_b, "notes")), ==, 4);

  two_stop (&two);
}

/* 413: the platform takes fewer operations in one push than the desk sends:
 * the batch is split until it fits; everything arrives once */
static void
test_batch_too_large (void)
{
  Two two = { 0 };
  g_autoptr(TdSyncReport) r = NULL;
  g_autoptr(GHashTable) customers = NULL;

  two.platform.server.max_ops = 3;
  two_start (&two, "too-large");
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("团队客人%d", i);
      g_autofree char *phone = g_strdup_printf ("1370000000%d", i);

      g_free (add_customer (two.da, name, phone));
    }
  r = sync_ok (&two.platform, two.da, two.a.refresh_token);
  /* 11 operations (the organisation too): 11, 5, 2 */
  g_assert_cmpuint (r->requeued, ==, 2);
  g_assert_cmpuint (r->pushed, ==, 11);
  g_assert_cmpuint (r->applied, ==, 11);
  g_assert_cmpint (td_sync_count_pending (two.da), ==, 0);
  customers = platform_customers (&two);
  g_assert_cmpuint (g_hash_table_size (customers), ==, 10);

  two_stop (&two);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/converge", test_converge);
  g_test_add_func ("/sync/lost-answer", test_lost_answer);
  g_test_add_func ("/sync/conflict", test_conflict);
  g_test_add_func ("/sync/conflict-resolved", test_conflict_resolved);
  g_test_add_func ("/sync/cursor-expired", test_cursor_expired);
  g_test_add_func ("/sync/truncated", test_truncated);
  g_test_add_func ("/sync/bad-token", test_bad_token);
  g_test_add_func ("/sync/cli", test_cli);
  g_test_add_func ("/sync/guest-registration", test_guest_registration);
  g_test_add_func ("/sync/deadline", test_deadline);
  g_test_add_func ("/sync/backoff", test_backoff);
  g_test_add_func ("/sync/key-reused", test_key_reused);
  g_test_add_func ("/sync/killed-mid-push", test_killed_mid_push);
  g_test_add_func ("/sync/same-page-twice", test_same_page_twice);
  g_test_add_func ("/sync/unavailable", test_unavailable);
  g_test_add_func ("/sync/random-day", test_random_day);
  g_test_add_func ("/sync/complaints", test_complaints);
  g_test_add_func ("/sync/batch-too-large", test_batch_too_large);
  return g_test_run ();
}
