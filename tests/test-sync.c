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

#include <string.h>

#include "td-cloud-server.h"
#include "td-cloud-test-utils.h"
#include "td-sync-engine.h"
#include "td-sync-state.h"
#include "td-test-hotel.h"

typedef enum {
  FAULT_NONE,
  FAULT_LOSE_PUSH_ANSWER,  /* committed, then the connection closes */
  FAULT_TRUNCATE_PULL,     /* a 200 whose body stops before its Content-Length */
  FAULT_STALL_PULL,        /* the answer to a pull comes 3 s late */
} FaultKind;

typedef struct {
  TdCloudThread  server;
  gint           fault;     /* FaultKind, once */
  gint           faults;    /* faults injected */
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
static TdSyncReport *
sync_desk (Platform    *platform,
           TdDatabase  *db,
           const char  *token,
           GError     **error)
{
  g_autoptr(TdSyncEngine) engine = td_sync_engine_new (db, platform->server.url, token);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, NULL };

  td_sync_engine_set_deadline (engine, request_deadline);
  td_sync_engine_set_page_size (engine, 2);  /* several pages */
  td_sync_engine_run_async (engine, NULL, sync_done, &wait);
  g_main_loop_run (loop);
  if (wait.error)
    g_propagate_error (error, wait.error);
  return wait.report;
}

static TdSyncReport *
sync_ok (Platform   *platform,
         TdDatabase *db,
         const char *token)
{
  g_autoptr(GError) error = NULL;
  TdSyncReport *report = sync_desk (platform, db, token, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
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
  g_assert_cmpstr (json_object_get_string_member (conflict, "field"), ==, "city");
  g_assert_cmpstr (json_object_get_string_member (conflict, "server"), ==, "\"郑州市\"");
  g_assert_cmpstr (json_object_get_string_member (conflict, "desk"), ==, "\"洛阳市\"");

  two_stop (&two);
}

static void
test_cursor_expired (void)
{
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

  r = sync_ok (&two.platform, two.db, two.b.refresh_token);
  g_assert_true (r->snapshot);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/converge", test_converge);
  g_test_add_func ("/sync/lost-answer", test_lost_answer);
  g_test_add_func ("/sync/conflict", test_conflict);
  g_test_add_func ("/sync/cursor-expired", test_cursor_expired);
  g_test_add_func ("/sync/truncated", test_truncated);
  g_test_add_func ("/sync/bad-token", test_bad_token);
  g_test_add_func ("/sync/cli", test_cli);
  g_test_add_func ("/sync/guest-registration", test_guest_registration);
  g_test_add_func ("/sync/deadline", test_deadline);
  g_test_add_func ("/sync/backoff", test_backoff);
  return g_test_run ();
}
