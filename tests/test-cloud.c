/* test-cloud.c: tourdesk-cloud, a real process on 127.0.0.1: the platform
 *
 * The admin command and the server's command line, signing in, tenant
 * isolation on every endpoint, SIGTERM with requests in flight, the
 * OpenAPI document against the running server, TLS with a test CA. Every
 * answer of every request is checked against the OpenAPI document
 * (td-cloud-test-utils.c). The sync rules are tested in test-cloud-sync.c;
 * the faults that need the server in the test's own process in
 * test-cloud-faults.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "td-cloud-api.h"
#include "td-cloud-test-utils.h"

#define DAY "2026-05-01"
#define NEXT_DAY "2026-05-02"
#define CATALOGUE_DAY "/v1/catalogue?from=" DAY "&to=" NEXT_DAY

static void
assert_one_line_error (TdTestRun *run)
{
  g_assert_true (g_str_has_prefix (run->err, "tourdesk-cloud: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

/* ------------------------------------------------------------------ */
/* admin and the command line                                         */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize size = 0, length = strlen (needle);

  /* a database: bytes, NULs included */
  if (!g_file_get_contents (path, &data, &size, NULL))
    return FALSE;
  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

static void
test_admin (void)
{
  g_autofree char *db = td_test_path ("admin.db");
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *hash = NULL;
  g_autoptr(JsonObject) tenant = NULL;
  g_autoptr(JsonObject) desk = NULL;
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonObject) museum = NULL;
  g_autoptr(JsonObject) tour = NULL;
  g_autoptr(JsonObject) slot = NULL;
  g_autoptr(JsonObject) catalogue = NULL;
  g_autoptr(JsonObject) purge = NULL;
  const char *token = NULL;

  {
    g_auto(TdTestRun) run = { 0 };

    td_cloud_admin (&run, NULL, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "desk-add"));
    g_assert_nonnull (strstr (run.out, "slot-add"));
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_cloud_admin (&run, db, "tenant-add", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--kind"));
    g_assert_nonnull (strstr (run.out, "--json"));
  }
  /* wrong usage: 2, one line */
  {
    const char *cases[][3] = {
      { "nope", NULL, NULL },
      { "tenant-add", NULL, NULL },
      { "tenant-add", "A", "B" },
      { "tenant-add", "A", "--kind=castle" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(TdTestRun) run = { 0 };

        td_cloud_admin (&run, db, cases[i][0], cases[i][1], cases[i][2], NULL);
        g_assert_cmpint (run.status, ==, 2);
        assert_one_line_error (&run);
      }
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_cloud_admin (&run, NULL, "tenant-list", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "--db"));
  }
  {
    g_auto(TdTestRun) run = { 0 };

    /* not created by a listing */
    td_cloud_admin (&run, db, "tenant-list", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_line_error (&run);
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }

  tenant = td_cloud_admin_json (db, "tenant-add", "嵩山宾馆", "--kind", "hotel", NULL);
  g_assert_cmpstr (json_object_get_string_member (tenant, "name"), ==, "嵩山宾馆");
  g_assert_cmpstr (json_object_get_string_member (tenant, "kind"), ==, "hotel");
  {
    g_auto(TdTestRun) run = { 0 };

    td_cloud_admin (&run, db, "tenant-add", "嵩山宾馆", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "already exists"));
  }

  desk = td_cloud_admin_json (db, "desk-add", "嵩山宾馆", "前台", NULL);
  token = json_object_get_string_member (desk, "refresh_token");
  g_assert_true (g_str_has_prefix (token, "tdr_"));
  g_assert_cmpuint (strlen (token), ==, 4 + 43);
  g_assert_cmpstr (json_object_get_string_member (desk, "tenant_id"), ==, json_object_get_string_member (tenant, "id"));
  {
    g_auto(TdTestRun) run = { 0 };

    td_cloud_admin (&run, db, "desk-add", "嵩山宾馆", "前台", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_line_error (&run);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_cloud_admin (&run, db, "desk-add", "No such hotel", "前台", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_line_error (&run);
  }
  /* the token is printed once and kept only as a hash */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_assert_false (file_contains (db, token) || file_contains (wal, token));
  g_assert_true (file_contains (db, hash) || file_contains (wal, hash));
  {
    g_auto(TdTestRun) run = { 0 };

    td_cloud_admin (&run, db, "desk-add", "嵩山宾馆", "后台", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "tdr_"));
  }

  list = td_cloud_admin_json (db, "desk-list", "嵩山宾馆", NULL);
  g_assert_cmpuint (json_array_get_length (td_json_get_array (list, "desks")), ==, 2);
  g_clear_pointer (&list, json_object_unref);
  list = td_cloud_admin_json (db, "tenant-list", NULL);
  g_assert_cmpuint (json_array_get_length (td_json_get_array (list, "tenants")), ==, 1);

  /* the catalogue */
  museum = td_cloud_admin_json (db, "attraction-add", "嵩山宾馆", "河南博物院", "--city", "郑州", NULL);
  g_clear_pointer (&list, json_object_unref);
  list = td_cloud_admin_json (db, "attraction-add", "--public", "少林寺", NULL);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (list, "tenant_id")));
  slot = td_cloud_admin_json (db, "slot-add", json_object_get_string_member (museum, "id"), DAY, "09:00", "10:00",
                              "30", NULL);
  g_assert_cmpint (json_object_get_int_member (slot, "capacity"), ==, 30);
  {
    const char *bad[][4] = {
      { DAY, "25:00", "26:00", "30" },
      { DAY, "10:00", "09:00", "30" },
      { "2026-13-01", "09:00", "10:00", "30" },
      { DAY, "09:00", "10:00", "lots" },
      { DAY, "09:00", "10:00", "1000001" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(TdTestRun) run = { 0 };

        td_cloud_admin (&run, db, "slot-add", json_object_get_string_member (museum, "id"), bad[i][0], bad[i][1],
                        bad[i][2], bad[i][3], NULL);
        g_assert_cmpint (run.status, ==, 2);
        assert_one_line_error (&run);
      }
  }
  tour = td_cloud_admin_json (db, "tour-add", "嵩山宾馆", "黄河一日游", NULL);
  {
    g_auto(TdTestRun) run = { 0 };

    /* a tour has departures, not time slots */
    td_cloud_admin (&run, db, "slot-add", json_object_get_string_member (tour, "id"), DAY, "09:00", "10:00", "5", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_line_error (&run);
  }
  g_clear_pointer (&list, json_object_unref);
  list = td_cloud_admin_json (db, "departure-add", json_object_get_string_member (tour, "id"), DAY, "08:00", "40", NULL);
  g_assert_cmpint (json_object_get_int_member (list, "capacity"), ==, 40);

  catalogue = td_cloud_admin_json (db, "catalogue", "嵩山宾馆", NULL);
  g_assert_cmpuint (json_array_get_length (td_json_get_array (catalogue, "products")), ==, 3);
  purge = td_cloud_admin_json (db, "purge", NULL);
  g_assert_cmpint (json_object_get_int_member (purge, "deletions"), ==, 0);
}

static void
test_server_command_line (void)
{
  const char *binary = g_getenv ("TD_CLOUD");
  g_autofree char *db = td_test_path ("cli.db");
  g_autoptr(TdDatabase) workspace = td_test_workspace ("workspace.db", TD_PROFILE_HOTEL);
  struct {
    const char *argv[8];
    int         status;
    const char *says;
  } cases[] = {
    { { binary, NULL }, 2, "--db" },
    { { binary, "--db", db, NULL }, 2, "--listen" },
    { { binary, "--db", db, "--listen", "127.0.0.1:0", "--tls-cert", "x.pem", NULL }, 2, "--tls-key" },
    { { binary, "--db", db, "--listen", "127.0.0.1:0", "--workers", "0", NULL }, 2, "--workers" },
    { { binary, "--db", db, "--listen", "nowhere", NULL }, 1, "nowhere" },
    { { binary, "--db", db, "--listen", "127.0.0.1:99999", NULL }, 1, "99999" },
    { { binary, "--db", td_database_get_path (workspace), "--listen", "127.0.0.1:0", NULL }, 1,
      "not a tourdesk-cloud database" },
    { { binary, "--bogus", NULL }, 2, "--bogus" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(TdTestRun) run = { 0 };

      td_test_spawn (&run, cases[i].argv);
      g_test_message ("%s", run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      assert_one_line_error (&run);
      g_assert_nonnull (strstr (run.err, cases[i].says));
    }
  {
    g_auto(TdTestRun) run = { 0 };
    const char *argv[] = { binary, "--help", NULL };

    td_test_spawn (&run, argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--tls-cert"));
  }
}

/* ------------------------------------------------------------------ */
/* signing in                                                         */

static void
test_auth (void)
{
  g_autofree char *db = td_test_path ("auth.db");
  g_auto(TdCloudDeskInfo) desk = { 0 };
  const char *extra[] = { "--access-token-ttl", "1", NULL };
  g_autoptr(TdCloudProc) proc = NULL;
  g_autoptr(TdCloudClient) client = NULL;
  g_autoptr(JsonObject) renewed = NULL;

  td_cloud_add_desk (db, "Agency", "Desk 1", &desk);
  proc = td_cloud_proc_start (db, extra);
  client = td_cloud_client_new (proc->url, NULL);

  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "GET", "/v1/me", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 401);
    g_assert_nonnull (strstr (td_cloud_reply_header (reply, "WWW-Authenticate"), "Bearer"));
  }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "POST", "/v1/auth/token", NULL,
                                                          "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"tdr_nope\"}");

    g_assert_cmpuint (reply->status, ==, 400);
    g_assert_cmpstr (td_cloud_reply_code (reply), ==, "invalid_grant");
  }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "POST", "/v1/auth/token", NULL,
                                                          "{\"grant_type\":\"password\"}");

    g_assert_cmpuint (reply->status, ==, 400);
    g_assert_cmpstr (td_cloud_reply_code (reply), ==, "unsupported_grant_type");
  }

  td_cloud_client_sign_in (client, desk.refresh_token);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "GET", "/v1/me", NULL, NULL);
    JsonObject *me = td_cloud_reply_object (reply);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (td_json_get_object (me, "desk"), "id"), ==, desk.desk_id);
    g_assert_cmpstr (json_object_get_string_member (td_json_get_object (me, "tenant"), "id"), ==, desk.tenant_id);
  }

  /* expiry: 401 with error="invalid_token", and a refresh mends it */
  g_usleep (2100 * 1000);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "GET", "/v1/me", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 401);
    g_assert_nonnull (strstr (td_cloud_reply_header (reply, "WWW-Authenticate"), "error=\"invalid_token\""));
    g_assert_cmpstr (td_cloud_reply_code (reply), ==, "invalid_token");
  }
  td_cloud_client_sign_in (client, desk.refresh_token);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "GET", "/v1/me", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autofree char *garbage = g_strdup (client->access_token);
    g_autoptr(TdCloudReply) reply = NULL;

    garbage[10] = garbage[10] == 'A' ? 'B' : 'A';
    g_free (client->access_token);
    client->access_token = g_steal_pointer (&garbage);
    reply = td_cloud_client_send (client, "GET", "/v1/me", NULL, NULL);
    g_assert_cmpuint (reply->status, ==, 401);
  }

  /* a disabled desk: 403 for its tokens, then enabled again */
  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(TdCloudReply) reply = NULL;
    g_autofree char *body = g_strdup_printf ("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"%s\"}",
                                             desk.refresh_token);

    td_cloud_client_sign_in (client, desk.refresh_token);
    td_cloud_admin (&run, db, "desk-disable", desk.desk_id, NULL);
    g_assert_cmpint (run.status, ==, 0);
    reply = td_cloud_client_send (client, "GET", "/v1/me", NULL, NULL);
    /* the disable also ended its sessions */
    g_assert_cmpuint (reply->status, ==, 401);
    g_clear_pointer (&reply, td_cloud_reply_free);
    reply = td_cloud_client_send (client, "POST", "/v1/auth/token", NULL, body);
    g_assert_cmpuint (reply->status, ==, 403);
    g_assert_cmpstr (td_cloud_reply_code (reply), ==, "desk_disabled");
    td_test_run_clear (&run);
    td_cloud_admin (&run, db, "desk-enable", desk.desk_id, NULL);
    g_assert_cmpint (run.status, ==, 0);
    td_cloud_client_sign_in (client, desk.refresh_token);
  }

  /* a new refresh token: the old one is refused */
  renewed = td_cloud_admin_json (db, "desk-token", desk.desk_id, NULL);
  {
    g_autofree char *body = g_strdup_printf ("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"%s\"}",
                                             desk.refresh_token);
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "POST", "/v1/auth/token", NULL, body);

    g_assert_cmpuint (reply->status, ==, 400);
  }
  td_cloud_client_sign_in (client, json_object_get_string_member (renewed, "refresh_token"));

  g_assert_cmpint (td_cloud_proc_stop (proc, SIGTERM), ==, 0);
}


/* ------------------------------------------------------------------ */
/* tenant isolation, endpoint by endpoint                             */

static gboolean
list_has_id (JsonArray  *records,
             const char *id)
{
  for (guint i = 0; records && i < json_array_get_length (records); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (records, i), "id"), id))
      return TRUE;
  return FALSE;
}

static TdCloudReply *
send_checked (TdCloudClient *client,
              GHashTable    *covered,
              const char    *method,
              const char    *path,
              const char    *key,
              const char    *body)
{
  g_autofree char *template = NULL;
  TdCloudReply *reply = td_cloud_client_send (client, method, path, key, body);

  g_assert_no_error (reply->error);
  if (td_cloud_openapi_operation (method, path, &template))
    g_hash_table_add (covered, g_strdup_printf ("%s %s", method, template));
  return reply;
}

static void
test_isolation (void)
{
  g_auto(TdCloudTwo) two = { 0 };
  g_autoptr(GHashTable) covered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *customer = td_cloud_uuid ();
  g_autofree char *complaint = td_cloud_uuid ();
  g_autofree char *registration = td_cloud_uuid ();
  g_autofree char *booking = td_cloud_uuid ();
  g_autofree char *cursor_a = NULL;
  g_autofree char *key = td_cloud_uuid ();
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) attraction = NULL;
  g_autoptr(JsonObject) slot = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GHashTable) seen_b = NULL;
  g_autoptr(GHashTable) seen_a = NULL;
  const char * const *routes = td_cloud_api_routes ();

  td_cloud_two_start (&two, "isolation");
  attraction = td_cloud_admin_json (two.db, "attraction-add", "Hotel A", "Private garden", NULL);
  slot = td_cloud_admin_json (two.db, "slot-add", json_object_get_string_member (attraction, "id"), DAY, "09:00",
                              "10:00", "10", NULL);

  /* tenant A's data, through every endpoint that writes */
  {
    g_autofree char *batch = td_cloud_batch (
      td_cloud_op ("customer", customer, "insert", 0, two.org_a, td_cloud_customer_values ("王芳", "13800000001")),
      td_cloud_op ("complaint", complaint, "insert", 0, two.org_a,
                   td_cloud_values ("subject", "Noise", "body", "Loud at night", NULL)),
      NULL);
    g_autoptr(TdCloudReply) reply = send_checked (two.ca, covered, "POST", "/v1/sync/push", key, batch);
    JsonArray *results = td_json_get_array (td_cloud_reply_object (reply), "results");

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (td_cloud_status (td_cloud_result (results, 0)), ==, "applied");
    g_assert_cmpstr (td_cloud_status (td_cloud_result (results, 1)), ==, "applied");
  }
  {
    g_autofree char *body = g_strdup_printf ("{\"registrations\":[{\"id\":\"%s\",\"values\":{\"guest_name\":\"Anna Berg\","
                                             "\"nationality\":\"SWE\",\"id_type\":\"foreign-passport\",\"id_number\":\"AB123\","
                                             "\"check_in\":\"" DAY "\"}}]}", registration);
    g_autofree char *k = td_cloud_uuid ();
    g_autoptr(TdCloudReply) reply = send_checked (two.ca, covered, "POST", "/v1/registrations", k, body);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autoptr(TdCloudReply) reply = send_checked (two.ca, covered, "POST", "/v1/statistics", k,
      "{\"reports\":[{\"report\":\"hotel-daily\",\"period\":\"" DAY "\",\"figures\":{\"rooms_available\":10,"
      "\"rooms_occupied\":5,\"guests\":7,\"guests_foreign\":1,\"revenue\":{\"minor\":100000,\"currency\":\"CNY\"}}}]}");
    JsonArray *results = td_json_get_array (td_cloud_reply_object (reply), "results");

    g_assert_cmpstr (td_cloud_status (td_cloud_result (results, 0)), ==, "stored");
  }
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autofree char *notes = g_strdup_printf ("/v1/complaints/%s/notes", complaint);
    g_autoptr(TdCloudReply) reply = send_checked (two.ca, covered, "POST", notes, k, "{\"body\":\"Called back\"}");

    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    JsonObject *values = json_object_new ();

    json_object_set_string_member (values, "slot_id", json_object_get_string_member (slot, "id"));
    json_object_set_int_member (values, "quantity", 2);
    result = td_cloud_push_one (two.ca, td_cloud_op ("booking", booking, "insert", 0, two.org_a, values));
    g_assert_cmpstr (td_cloud_status (result), ==, "applied");
    g_clear_pointer (&result, json_object_unref);
  }
  seen_a = td_cloud_pull_all (two.ca, NULL, 100, &cursor_a);
  g_assert_true (g_hash_table_contains (seen_a, customer));

  /* B: who am I */
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", "/v1/me", NULL, NULL);

    g_assert_cmpstr (json_object_get_string_member (td_json_get_object (td_cloud_reply_object (reply), "tenant"), "id"),
                     ==, two.b.tenant_id);
  }
  /* B cannot change A's records: for B they do not exist */
  {
    g_autofree char *batch = td_cloud_batch (
      td_cloud_op ("customer", customer, "update", 1, NULL, td_cloud_values ("name", "Changed by B", NULL)),
      td_cloud_op ("customer", customer, "delete", 1, NULL, NULL),
      td_cloud_op ("booking", booking, "update", 1, NULL, td_cloud_values ("status", "cancelled", NULL)),
      td_cloud_op ("complaint_note", td_cloud_uuid (), "insert", 0, two.org_b,
                   td_cloud_values ("complaint_id", complaint, "body", "x", NULL)),
      NULL);
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "POST", "/v1/sync/push", key, batch);
    JsonArray *results = td_json_get_array (td_cloud_reply_object (reply), "results");

    /* the same Idempotency-Key as A's, another body: keys are per desk */
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (td_cloud_code (td_cloud_result (results, 0)), ==, "not_found");
    /* deleting what is not there is done, and touches nothing */
    g_assert_cmpstr (td_cloud_status (td_cloud_result (results, 1)), ==, "applied");
    g_assert_cmpint (json_object_get_int_member (td_cloud_result (results, 1), "revision"), ==, 0);
    g_assert_cmpstr (td_cloud_code (td_cloud_result (results, 2)), ==, "not_found");
    g_assert_cmpstr (td_cloud_code (td_cloud_result (results, 3)), ==, "unknown_reference");
  }
  /* the same id in B is B's own record; A's stays as it was */
  result = td_cloud_push_one (two.cb, td_cloud_op ("customer", customer, "insert", 0, two.org_b,
                                          td_cloud_customer_values ("B's customer", "13900000009")));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "revision"), ==, 1);
  g_clear_pointer (&result, json_object_unref);
  /* nor can B use A's organisation or A's private time slot */
  result = td_cloud_push_one (two.cb, td_cloud_op ("customer", td_cloud_uuid (), "insert", 0, two.org_a,
                                          td_cloud_customer_values ("x", "13900000008")));
  g_assert_cmpstr (td_cloud_code (result), ==, "unknown_organisation");
  g_clear_pointer (&result, json_object_unref);
  {
    JsonObject *values = json_object_new ();

    json_object_set_string_member (values, "slot_id", json_object_get_string_member (slot, "id"));
    json_object_set_int_member (values, "quantity", 1);
    result = td_cloud_push_one (two.cb, td_cloud_op ("booking", td_cloud_uuid (), "insert", 0, two.org_b, values));
    g_assert_cmpstr (td_cloud_code (result), ==, "unknown_slot");
    g_clear_pointer (&result, json_object_unref);
  }

  /* B's feed and snapshot hold B's records only */
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", "/v1/sync/pull?limit=1000", NULL, NULL);
    JsonArray *changes = td_json_get_array (td_cloud_reply_object (reply), "changes");

    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *record = json_array_get_object_element (changes, i);
        const char *id = json_object_get_string_member (record, "id");

        g_assert_false (g_str_equal (id, complaint) || g_str_equal (id, registration) || g_str_equal (id, booking)
                        || g_str_equal (id, two.org_a));
        if (g_str_equal (id, customer))
          g_assert_cmpstr (json_object_get_string_member (td_json_get_object (record, "values"), "name"), ==,
                           "B's customer");
      }
  }
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", "/v1/sync/snapshot", NULL, NULL);
    JsonArray *records = td_json_get_array (td_cloud_reply_object (reply), "records");

    g_assert_cmpuint (json_array_get_length (records), ==, 2);  /* B's organisation and customer */
    g_assert_true (list_has_id (records, two.org_b));
  }
  /* A's cursor is not B's */
  path = g_strdup_printf ("/v1/sync/pull?cursor=%s", cursor_a);
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", path, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 410);
  }
  seen_a = (g_hash_table_unref (seen_a), td_cloud_pull_all (two.ca, NULL, 100, NULL));
  g_assert_cmpstr (json_object_get_string_member (td_json_get_object (g_hash_table_lookup (seen_a, customer), "values"),
                                                  "name"), ==, "王芳");

  /* the catalogue: the public one and B's own, never A's */
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", CATALOGUE_DAY, NULL, NULL);

    g_assert_false (list_has_id (td_json_get_array (td_cloud_reply_object (reply), "attractions"),
                                 json_object_get_string_member (attraction, "id")));
  }
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.ca, covered, "GET", CATALOGUE_DAY, NULL, NULL);

    g_assert_true (list_has_id (td_json_get_array (td_cloud_reply_object (reply), "attractions"),
                                json_object_get_string_member (attraction, "id")));
  }

  /* registrations */
  {
    g_autofree char *body = g_strdup_printf ("{\"registrations\":[{\"id\":\"%s\",\"base_revision\":1,\"values\":"
                                             "{\"room\":\"101\"}}]}", registration);
    g_autofree char *k = td_cloud_uuid ();
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "POST", "/v1/registrations", k, body);
    JsonArray *acks = td_json_get_array (td_cloud_reply_object (reply), "acknowledgements");

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (acks, 0), "code"), ==, "not_found");
  }
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", "/v1/registrations", NULL, NULL);

    g_assert_cmpuint (json_array_get_length (td_json_get_array (td_cloud_reply_object (reply), "registrations")), ==, 0);
  }
  g_free (path);
  path = g_strdup_printf ("/v1/registrations/%s", registration);
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", path, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 404);
  }
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.ca, covered, "GET", path, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }

  /* statistics: the same period in B is B's own */
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "POST", "/v1/statistics", k,
      "{\"reports\":[{\"report\":\"hotel-daily\",\"period\":\"" DAY "\",\"figures\":{\"rooms_available\":3,"
      "\"rooms_occupied\":1,\"guests\":1,\"guests_foreign\":0,\"revenue\":{\"minor\":500,\"currency\":\"CNY\"}}}]}");

    g_assert_cmpstr (td_cloud_status (td_cloud_result (td_json_get_array (td_cloud_reply_object (reply), "results"), 0)), ==,
                     "stored");
  }
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", "/v1/statistics", NULL, NULL);
    JsonArray *reports = td_json_get_array (td_cloud_reply_object (reply), "reports");

    g_assert_cmpuint (json_array_get_length (reports), ==, 1);
    g_assert_cmpint (json_object_get_int_member (td_json_get_object (json_array_get_object_element (reports, 0), "figures"),
                                                 "rooms_available"), ==, 3);
  }

  /* complaints */
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "POST", "/v1/complaints", k,
                                                  "{\"values\":{\"subject\":\"B's\",\"body\":\"B's complaint\"}}");

    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", "/v1/complaints", NULL, NULL);
    JsonArray *list = td_json_get_array (td_cloud_reply_object (reply), "complaints");

    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    g_assert_false (list_has_id (list, complaint));
  }
  g_free (path);
  path = g_strdup_printf ("/v1/complaints/%s", complaint);
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", path, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 404);
  }
  for (guint i = 0; i < 3; i++)
    {
      const char *method = (const char *[]) { "PUT", "PATCH", "DELETE" }[i];
      g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, method, path, NULL, "{}");

      /* refused whoever asks: nothing to learn from it */
      g_assert_cmpuint (reply->status, ==, 405);
    }
  {
    g_autofree char *notes = g_strdup_printf ("/v1/complaints/%s/notes", complaint);
    g_autofree char *k = td_cloud_uuid ();
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "POST", notes, k, "{\"body\":\"B was here\"}");

    g_assert_cmpuint (reply->status, ==, 404);
  }
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.ca, covered, "GET", path, NULL, NULL);
    JsonObject *detail = td_cloud_reply_object (reply);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (td_json_get_array (detail, "notes")), ==, 1);
  }

  /* the two that carry no tenant data */
  {
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "GET", "/v1/health", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autofree char *body = g_strdup_printf ("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"%s\"}",
                                             two.b.refresh_token);
    g_autoptr(TdCloudReply) reply = send_checked (two.cb, covered, "POST", "/v1/auth/token", NULL, body);

    g_assert_cmpstr (json_object_get_string_member (td_json_get_object (td_cloud_reply_object (reply), "tenant"), "id"),
                     ==, two.b.tenant_id);
  }

  seen_b = td_cloud_pull_all (two.cb, NULL, 100, NULL);
  g_assert_false (g_hash_table_contains (seen_b, complaint));

  /* every endpoint of the server was tried across the tenants */
  for (guint i = 0; routes[i]; i++)
    if (!g_hash_table_contains (covered, routes[i]))
      g_error ("tenant isolation is not tested for %s", routes[i]);
}

/* ------------------------------------------------------------------ */
/* SIGTERM with requests in flight: nothing committed is lost         */

typedef struct {
  const char *url;
  const char *refresh_token;
  const char *org_id;
  GPtrArray  *acknowledged;   /* ids the platform said it applied */
  gint        answered;       /* atomic */
} Pusher;

static gpointer
push_until_stopped (gpointer data)
{
  Pusher *pusher = data;
  g_autoptr(TdCloudClient) client = td_cloud_client_new (pusher->url, NULL);

  td_cloud_client_sign_in (client, pusher->refresh_token);
  for (;;)
    {
      g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autofree char *batch = NULL;
      g_autofree char *key = td_cloud_uuid ();
      g_autoptr(TdCloudReply) reply = NULL;
      JsonArray *results;

      for (guint i = 0; i < 200; i++)
        g_ptr_array_add (ops, td_cloud_op ("customer", td_cloud_uuid (), "insert", 0, pusher->org_id,
                                           td_cloud_customer_values ("停机测试", "13800000005")));
      batch = td_cloud_batch_array (ops);
      reply = td_cloud_client_send (client, "POST", "/v1/sync/push", key, batch);
      if (reply->error || reply->status != 200)
        return NULL;  /* the server is going: refused (503) or gone */
      g_atomic_int_inc (&pusher->answered);
      results = td_json_get_array (td_cloud_reply_object (reply), "results");
      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonObject *result = json_array_get_object_element (results, i);

          g_assert_cmpstr (td_cloud_status (result), ==, "applied");
          g_ptr_array_add (pusher->acknowledged, g_strdup (json_object_get_string_member (result, "id")));
        }
    }
}

/* Whether a push finished after the server was told to stop: a request
 * that was in flight then. */
static gboolean
answered_while_stopping (const char *log)
{
  const char *stopping = strstr (log, "stopping:");

  return stopping && strstr (stopping, "\"POST /v1/sync/push\" 200");
}

static void
test_sigterm (void)
{
  g_autofree char *db = td_test_path ("sigterm.db");
  g_auto(TdCloudDeskInfo) desk = { 0 };
  g_autofree char *org = NULL;
  gboolean in_flight_seen = FALSE;
  guint acknowledged = 0;

  td_cloud_add_desk (db, "Hotel", "Front", &desk);
  {
    g_autoptr(TdCloudProc) proc = td_cloud_proc_start (db, NULL);
    g_autoptr(TdCloudClient) client = td_cloud_signed_in (proc, &desk);

    org = td_cloud_push_organisation (client);
    g_assert_cmpint (td_cloud_proc_stop (proc, SIGTERM), ==, 0);
  }

  /* a request in flight at the signal is likely, not certain: up to
   * three rounds to see one; no round may lose anything */
  for (guint round = 0; round < 3 && !in_flight_seen; round++)
    {
      g_autoptr(TdCloudProc) proc = td_cloud_proc_start (db, NULL);
      g_autoptr(TdCloudProc) again = NULL;
      g_autoptr(TdCloudClient) client = NULL;
      g_autoptr(GHashTable) records = NULL;
      g_autofree char *log = NULL;
      Pusher pushers[3];
      GThread *threads[3];

      for (guint i = 0; i < 3; i++)
        {
          pushers[i] = (Pusher) { proc->url, desk.refresh_token, org, g_ptr_array_new_with_free_func (g_free), 0 };
          threads[i] = g_thread_new ("pusher", push_until_stopped, &pushers[i]);
        }
      /* every pusher under way (answered once), then the signal while
       * they keep pushing */
      for (guint waited = 0; waited < 600; waited++)
        {
          if (g_atomic_int_get (&pushers[0].answered) > 0 && g_atomic_int_get (&pushers[1].answered) > 0
              && g_atomic_int_get (&pushers[2].answered) > 0)
            break;
          g_usleep (50 * 1000);
        }
      g_usleep (100 * 1000);
      g_assert_cmpint (td_cloud_proc_stop (proc, SIGTERM), ==, 0);
      for (guint i = 0; i < 3; i++)
        g_thread_join (threads[i]);

      log = td_cloud_proc_read_log (proc);
      g_assert_nonnull (strstr (log, "stopped"));
      in_flight_seen = answered_while_stopping (log);

      /* every change the platform acknowledged is there after a restart */
      again = td_cloud_proc_start (db, NULL);
      client = td_cloud_signed_in (again, &desk);
      records = td_cloud_pull_all (client, NULL, 2000, NULL);
      for (guint i = 0; i < 3; i++)
        {
          g_assert_cmpint (pushers[i].answered, >, 0);
          for (guint j = 0; j < pushers[i].acknowledged->len; j++)
            g_assert_true (g_hash_table_contains (records, g_ptr_array_index (pushers[i].acknowledged, j)));
          acknowledged += pushers[i].acknowledged->len;
          g_ptr_array_unref (pushers[i].acknowledged);
        }
      g_test_message ("round %u: %u changes acknowledged so far, %u on the platform; in flight at SIGTERM: %s",
                      round, acknowledged, g_hash_table_size (records), in_flight_seen ? "yes" : "no");
      g_assert_cmpint (td_cloud_proc_stop (again, SIGTERM), ==, 0);
    }
  g_assert_true (in_flight_seen);
}

/* ------------------------------------------------------------------ */
/* the OpenAPI document against the running server                    */

static char *
fill_path (const char *template,
           const char *complaint,
           const char *registration)
{
  if (g_str_has_prefix (template, "/v1/complaints/{id}"))
    return g_strconcat ("/v1/complaints/", complaint, template + strlen ("/v1/complaints/{id}"), NULL);
  if (g_str_has_prefix (template, "/v1/registrations/{id}"))
    return g_strconcat ("/v1/registrations/", registration, NULL);
  g_assert_null (strchr (template, '{'));
  return g_strdup (template);
}

static gboolean
takes_key (JsonObject *operation)
{
  JsonArray *parameters = td_json_get_array (operation, "parameters");

  for (guint i = 0; parameters && i < json_array_get_length (parameters); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (parameters, i), "name"),
                   "Idempotency-Key") == 0)
      return TRUE;
  return FALSE;
}

static void
test_openapi (void)
{
  g_autofree char *db = td_test_path ("openapi.db");
  g_auto(TdCloudDeskInfo) desk = { 0 };
  g_autoptr(TdCloudProc) proc = NULL;
  g_autoptr(TdCloudClient) client = NULL;
  g_autoptr(TdCloudClient) stranger = NULL;
  g_autoptr(GHashTable) documented = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *complaint = td_cloud_uuid ();
  g_autofree char *registration = td_cloud_uuid ();
  g_autofree char *org = NULL;
  const char * const *routes = td_cloud_api_routes ();
  JsonObject *paths = td_json_get_object (td_cloud_openapi (), "paths");
  JsonObjectIter iter;
  const char *template;
  JsonNode *item;
  guint n_routes = 0, n_checked = 0;

  td_cloud_add_desk (db, "Hotel", "Front", &desk);
  proc = td_cloud_proc_start (db, NULL);
  client = td_cloud_signed_in (proc, &desk);
  stranger = td_cloud_client_new (proc->url, NULL);
  org = td_cloud_push_organisation (client);
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autofree char *body = g_strdup_printf ("{\"id\":\"%s\",\"values\":{\"subject\":\"s\",\"body\":\"b\"}}", complaint);
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "POST", "/v1/complaints", k, body);

    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autofree char *body = g_strdup_printf ("{\"registrations\":[{\"id\":\"%s\",\"values\":{\"guest_name\":\"A\","
                                             "\"nationality\":\"FRA\",\"id_type\":\"foreign-passport\",\"id_number\":\"1\","
                                             "\"check_in\":\"" DAY "\"}}]}", registration);
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "POST", "/v1/registrations", k, body);

    g_assert_cmpuint (reply->status, ==, 200);
  }

  /* every route of the server is in the document, and the reverse */
  json_object_iter_init (&iter, paths);
  while (json_object_iter_next (&iter, &template, &item))
    {
      JsonObjectIter methods;
      const char *method;
      JsonNode *operation;

      json_object_iter_init (&methods, json_node_get_object (item));
      while (json_object_iter_next (&methods, &method, &operation))
        {
          g_autofree char *upper = g_ascii_strup (method, -1);

          g_hash_table_add (documented, g_strdup_printf ("%s %s", upper, template));
        }
    }
  for (n_routes = 0; routes[n_routes]; n_routes++)
    if (!g_hash_table_contains (documented, routes[n_routes]))
      g_error ("%s is not in the OpenAPI document", routes[n_routes]);
  g_assert_cmpuint (g_hash_table_size (documented), ==, n_routes);

  /* every operation answers, as documented (td_cloud_client_send()
   * checks each answer's status and shape): with its example, then
   * without signing in */
  json_object_iter_init (&iter, paths);
  while (json_object_iter_next (&iter, &template, &item))
    {
      JsonObjectIter methods;
      const char *method;
      JsonNode *node;

      json_object_iter_init (&methods, json_node_get_object (item));
      while (json_object_iter_next (&methods, &method, &node))
        {
          JsonObject *operation = json_node_get_object (node);
          JsonObject *content = td_json_get_object (td_json_get_object (operation, "requestBody"), "content");
          JsonObject *media = td_json_get_object (content, "application/json");
          const char *id = json_object_get_string_member (operation, "operationId");
          g_autofree char *upper = g_ascii_strup (method, -1);
          g_autofree char *path = fill_path (template, complaint, registration);
          g_autofree char *body = NULL;
          g_autofree char *key = takes_key (operation) ? td_cloud_uuid () : NULL;
          JsonArray *security = td_json_get_array (operation, "security");
          g_autoptr(TdCloudReply) reply = NULL;

          if (g_str_equal (id, "refreshToken"))
            body = g_strdup_printf ("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"%s\"}", desk.refresh_token);
          else if (media)
            {
              g_assert_nonnull (json_object_get_member (media, "example"));
              body = td_json_to_string (json_object_get_member (media, "example"));
            }
          reply = td_cloud_client_send (client, upper, path, key, body);
          g_test_message ("%s %s → %u", upper, path, reply->status);
          g_assert_no_error (reply->error);
          if (g_strv_contains ((const char * const[]) { "replaceComplaint", "patchComplaint", "deleteComplaint", NULL }, id))
            g_assert_cmpuint (reply->status, ==, 405);
          else
            g_assert_cmpuint (reply->status, <, 300);
          n_checked++;

          if (security == NULL || json_array_get_length (security) > 0)
            {
              g_autoptr(TdCloudReply) anonymous = td_cloud_client_send (stranger, upper, path, key, body);

              g_assert_cmpuint (anonymous->status, ==, 401);
            }
        }
    }
  g_assert_cmpuint (n_checked, ==, n_routes);
  g_assert_cmpint (td_cloud_proc_stop (proc, SIGTERM), ==, 0);
}

/* ------------------------------------------------------------------ */
/* TLS with a test CA made now                                        */

static void
openssl (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *program = g_find_program_in_path ("openssl");
  g_auto(TdTestRun) run = { 0 };
  va_list args;

  g_ptr_array_add (argv, program);
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  td_test_spawn (&run, (const char * const *) argv->pdata);
  if (run.status != 0)
    g_error ("openssl %s: %s", first, run.err);
}

static void
test_tls (void)
{
  g_autofree char *openssl_path = g_find_program_in_path ("openssl");
  g_autofree char *db = td_test_path ("tls.db");
  g_autofree char *ca_key = td_test_path ("ca.key");
  g_autofree char *ca = td_test_path ("ca.pem");
  g_autofree char *key = td_test_path ("server.key");
  g_autofree char *csr = td_test_path ("server.csr");
  g_autofree char *cert = td_test_path ("server.pem");
  g_autofree char *ext = td_test_path ("server.ext");
  g_autoptr(GTlsDatabase) trust = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCloudProc) proc = NULL;
  g_autoptr(TdCloudClient) client = NULL;
  g_autoptr(TdCloudClient) untrusting = NULL;
  g_auto(TdCloudDeskInfo) desk = { 0 };
  g_autofree char *org = NULL;
  const char *extra[] = { "--tls-cert", cert, "--tls-key", key, NULL };

  if (openssl_path == NULL)
    {
      g_test_skip ("openssl is not installed (./bootstrap deps installs it)");
      return;
    }
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend: install glib-networking");
      return;
    }

  openssl ("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-keyout", ca_key, "-out", ca, "-days", "2", "-subj", "/CN=Tourdesk Test CA",
           "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL);
  openssl ("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1", NULL);
  g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                       "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n", -1, &error);
  g_assert_no_error (error);
  openssl ("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert, "-days", "2",
           "-extfile", ext, NULL);

  td_cloud_add_desk (db, "Hotel", "Front", &desk);
  proc = td_cloud_proc_start (db, extra);
  g_assert_true (g_str_has_prefix (proc->url, "https://127.0.0.1:"));

  /* the test CA's certificate as the only trust: accepted */
  trust = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  client = td_cloud_client_new (proc->url, trust);
  td_cloud_client_sign_in (client, desk.refresh_token);
  org = td_cloud_push_organisation (client);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "GET", "/v1/me", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  /* the system's trust does not know the test CA: refused, fails closed */
  untrusting = td_cloud_client_new (proc->url, NULL);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (untrusting, "GET", "/v1/health", NULL, NULL);

    g_assert_nonnull (reply->error);
    g_assert_true (reply->error->domain == G_TLS_ERROR);
  }
  g_assert_cmpint (td_cloud_proc_stop (proc, SIGTERM), ==, 0);
}

/* ------------------------------------------------------------------ */
/* main                                                               */

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cloud/admin", test_admin);
  g_test_add_func ("/cloud/server-command-line", test_server_command_line);
  g_test_add_func ("/cloud/auth", test_auth);
  g_test_add_func ("/cloud/isolation", test_isolation);
  g_test_add_func ("/cloud/sigterm", test_sigterm);
  g_test_add_func ("/cloud/openapi", test_openapi);
  g_test_add_func ("/cloud/tls", test_tls);
  return g_test_run ();
}
