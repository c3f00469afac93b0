/* test-cloud-faults.c: the faults that need the server in this process
 *
 * The platform commits a push, then its answer is lost (the connection
 * closes before a byte of it is sent): the desk retries, and nothing is
 * applied twice, not even capacity. The server (TdCloudServer, the same
 * code as tourdesk-cloud) runs in a thread of its own, with a response
 * hook that steals the connection and closes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-cloud-server.h"
#include "td-cloud-test-utils.h"

typedef struct {
  TdCloudThread  platform;
  gint           drop;      /* answers of pushes still to lose */
  gint           lost;      /* answers lost */
} Fault;

static gboolean
lose_answer (SoupServerMessage *message,
             TdCloudRequest    *request,
             TdCloudResponse   *response,
             gpointer           user_data)
{
  Fault *fault = user_data;
  GIOStream *stream;

  if (!g_str_equal (request->path, "/v1/sync/push") || response->status != 200)
    return FALSE;
  if (g_atomic_int_add (&fault->drop, -1) <= 0)
    {
      g_atomic_int_inc (&fault->drop);
      return FALSE;
    }
  /* committed; now the answer never leaves (counted first: the client
   * wakes as soon as the connection closes) */
  g_atomic_int_inc (&fault->lost);
  stream = soup_server_message_steal_connection (message);
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
  return TRUE;
}

static void
test_lost_answer (void)
{
  Fault fault = { 0 };
  g_auto(TdCloudDeskInfo) desk = { 0 };
  g_autoptr(TdCloudClient) client = NULL;
  g_autofree char *db = NULL;
  g_autoptr(JsonObject) attraction = NULL;
  g_autoptr(JsonObject) slot = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autofree char *org = NULL;
  g_autofree char *customer = td_cloud_uuid ();
  g_autofree char *booking = td_cloud_uuid ();
  g_autofree char *key = td_cloud_uuid ();
  g_autofree char *batch = NULL;
  g_autoptr(JsonObject) op_customer = NULL;
  g_autoptr(JsonObject) op_booking = NULL;
  JsonObject *values;

  /* the tenant and a time slot with one place, made by the admin command */
  db = td_test_path ("faults.db");
  td_cloud_add_desk (db, "Hotel", "Front", &desk);
  attraction = td_cloud_admin_json (db, "attraction-add", "--public", "云台山", NULL);
  slot = td_cloud_admin_json (db, "slot-add", json_object_get_string_member (attraction, "id"), "2026-05-01",
                              "09:00", "10:00", "1", NULL);
  td_cloud_thread_start (&fault.platform, "faults.db", lose_answer, &fault);

  client = td_cloud_client_new (fault.platform.url, NULL);
  td_cloud_client_sign_in (client, desk.refresh_token);
  org = td_cloud_push_organisation (client);

  op_customer = td_cloud_op ("customer", customer, "insert", 0, org,
                             td_cloud_values ("party", "person", "name", "周杰", "phone", "13800000006", NULL));
  values = json_object_new ();
  json_object_set_string_member (values, "slot_id", json_object_get_string_member (slot, "id"));
  json_object_set_int_member (values, "quantity", 1);
  op_booking = td_cloud_op ("booking", booking, "insert", 0, org, values);
  batch = td_cloud_batch (json_object_ref (op_customer), json_object_ref (op_booking), NULL);

  /* the first attempt commits and its answer is lost */
  g_atomic_int_set (&fault.drop, 1);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "POST", "/v1/sync/push", key, batch);

    g_assert_nonnull (reply->error);
    g_test_message ("first attempt: %s", reply->error->message);
  }
  g_assert_cmpint (g_atomic_int_get (&fault.lost), ==, 1);

  /* the retry with the same key: the stored answer, not a second apply */
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "POST", "/v1/sync/push", key, batch);
    JsonArray *results = td_json_get_array (td_cloud_reply_object (reply), "results");

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (td_cloud_reply_header (reply, "Idempotent-Replayed"), ==, "true");
    g_assert_cmpstr (json_object_get_string_member (td_cloud_result (results, 0), "status"), ==, "applied");
    g_assert_cmpint (json_object_get_int_member (td_cloud_result (results, 0), "revision"), ==, 1);
    /* the place was taken once, by this booking */
    g_assert_cmpstr (json_object_get_string_member (td_cloud_result (results, 1), "status"), ==, "applied");
  }
  /* a desk that lost its batch id sends the operations under a new key:
   * each is a duplicate, with its first result */
  {
    g_autofree char *again = td_cloud_batch (json_object_ref (op_customer), json_object_ref (op_booking), NULL);
    g_autoptr(JsonArray) results = td_cloud_push (client, again);

    for (guint i = 0; i < 2; i++)
      {
        JsonObject *result = td_cloud_result (results, i);

        g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "duplicate");
        g_assert_cmpstr (json_object_get_string_member (td_json_get_object (result, "original"), "status"), ==,
                         "applied");
      }
  }
  /* the slot had one place: a second booking is refused */
  {
    JsonObject *more = json_object_new ();
    g_autofree char *other = NULL;
    g_autoptr(JsonArray) results = NULL;

    json_object_set_string_member (more, "slot_id", json_object_get_string_member (slot, "id"));
    json_object_set_int_member (more, "quantity", 1);
    other = td_cloud_batch (td_cloud_op ("booking", td_cloud_uuid (), "insert", 0, org, more), NULL);
    results = td_cloud_push (client, other);
    g_assert_cmpstr (json_object_get_string_member (td_cloud_result (results, 0), "code"), ==, "sold_out");
  }

  records = td_cloud_pull_all (client, NULL, 100, NULL);
  g_assert_cmpuint (g_hash_table_size (records), ==, 3);  /* organisation, customer, booking */
  g_assert_cmpint (json_object_get_int_member (g_hash_table_lookup (records, customer), "revision"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (g_hash_table_lookup (records, booking), "revision"), ==, 1);

  td_cloud_thread_stop (&fault.platform);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cloud-faults/lost-answer", test_lost_answer);
  return g_test_run ();
}
