/* test-cloud-sync.c: tourdesk-cloud's sync rules, on a real process
 *
 * Push (idempotency, batches), pull (pages, cursors, the snapshot), the
 * catalogue and its ETag, capacity sold by two desks at once, customers
 * merged field by field, registrations never merged, append-only
 * complaints, statistics, strict requests. Every answer is checked
 * against the OpenAPI document (td-cloud-test-utils.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "td-cloud-test-utils.h"

#define DAY "2026-05-01"
#define NEXT_DAY "2026-05-02"
#define CATALOGUE_DAY "/v1/catalogue?from=" DAY "&to=" NEXT_DAY

static JsonObject *
reply_copy (TdCloudReply *reply)
{
  return json_object_ref (td_cloud_reply_object (reply));
}

/* ------------------------------------------------------------------ */
/* push: idempotency                                                  */

static void
test_push_idempotency (void)
{
  g_auto(TdCloudTwo) two = { 0 };
  g_autofree char *id = td_cloud_uuid ();
  g_autofree char *key = td_cloud_uuid ();
  g_autofree char *batch = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GBytes) first_body = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(JsonObject) op = NULL;

  td_cloud_two_start (&two, "idempotency");
  op = td_cloud_op ("customer", id, "insert", 0, two.org_a, td_cloud_customer_values ("赵敏", "13800000002"));
  batch = td_cloud_batch (json_object_ref (op), NULL);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/sync/push", key, batch);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_null (td_cloud_reply_header (reply, "Idempotent-Replayed"));
    first_body = g_bytes_ref (reply->body);
  }
  /* the same key and body: the stored answer, byte for byte */
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/sync/push", key, batch);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (td_cloud_reply_header (reply, "Idempotent-Replayed"), ==, "true");
    g_assert_true (g_bytes_equal (reply->body, first_body));
  }
  /* the same key, another body: 422 */
  other = td_cloud_batch (td_cloud_op ("customer", id, "update", 1, NULL, td_cloud_values ("name", "x", NULL)), NULL);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/sync/push", key, other);

    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_cmpstr (td_cloud_reply_code (reply), ==, "idempotency_key_reused");
  }
  /* the same operation in a new batch (after a split, say): duplicate */
  {
    g_autofree char *again = td_cloud_batch (json_object_ref (op), NULL);
    g_autoptr(JsonArray) results = td_cloud_push (two.ca, again);
    JsonObject *result = td_cloud_result (results, 0);

    g_assert_cmpstr (td_cloud_status (result), ==, "duplicate");
    g_assert_cmpstr (td_cloud_status (td_json_get_object (result, "original")), ==, "applied");
  }
  records = td_cloud_pull_all (two.ca, NULL, 100, NULL);
  g_assert_cmpint (json_object_get_int_member (g_hash_table_lookup (records, id), "revision"), ==, 1);

  /* no key, a key too long, too large a batch */
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/sync/push", NULL, batch);

    g_assert_cmpuint (reply->status, ==, 400);
    g_assert_cmpstr (td_cloud_reply_code (reply), ==, "idempotency_key_missing");
  }
  {
    g_autofree char *long_key = g_strnfill (256, 'k');
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/sync/push", long_key, batch);

    g_assert_cmpuint (reply->status, ==, 400);
  }
  {
    g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
    g_autofree char *big = NULL;
    g_autofree char *k = td_cloud_uuid ();
    g_autoptr(TdCloudReply) reply = NULL;

    for (guint i = 0; i < 501; i++)
      g_ptr_array_add (ops, td_cloud_op ("customer", td_cloud_uuid (), "insert", 0, two.org_a,
                                         td_cloud_customer_values ("x", "13800000003")));
    big = td_cloud_batch_array (ops);
    reply = td_cloud_client_send (two.ca, "POST", "/v1/sync/push", k, big);
    g_assert_cmpuint (reply->status, ==, 413);
    g_assert_cmpstr (td_cloud_reply_code (reply), ==, "batch_too_large");
  }
}

/* ------------------------------------------------------------------ */
/* pull: pages, cursors, snapshot                                     */

static JsonObject *
pull_page (TdCloudClient *client,
           const char    *cursor,
           guint          limit,
           guint          expect_status)
{
  g_autofree char *path = cursor ? g_strdup_printf ("/v1/sync/pull?limit=%u&cursor=%s", limit, cursor)
                                 : g_strdup_printf ("/v1/sync/pull?limit=%u", limit);
  g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "GET", path, NULL, NULL);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, expect_status);
  return reply_copy (reply);
}

static void
test_pull (void)
{
  g_auto(TdCloudTwo) two = { 0 };
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *first_cursor = NULL;
  g_autofree char *old_cursor = NULL;
  g_autofree char *snapshot_cursor = NULL;
  g_autofree char *token = NULL;
  guint pages = 0;

  td_cloud_two_start (&two, "pull");
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *phone = g_strdup_printf ("138%08u", i);

      g_ptr_array_add (ids, td_cloud_uuid ());
      g_ptr_array_add (ops, td_cloud_op ("customer", g_ptr_array_index (ids, i), "insert", 0, two.org_a,
                                         td_cloud_customer_values ("客户", phone)));
    }
  batch = td_cloud_batch_array (ops);
  results = td_cloud_push (two.ca, batch);

  /* 25 records (the organisation too) in pages of 10 */
  do
    {
      JsonArray *changes;

      g_clear_pointer (&page, json_object_unref);
      page = pull_page (two.ca, cursor, 10, 200);
      changes = td_json_get_array (page, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (
                                           json_array_get_object_element (changes, i), "id"))));
      if (pages == 0)
        first_cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
      pages++;
      g_assert_cmpuint (json_array_get_length (changes), ==, pages < 3 ? 10 : 5);
    }
  while (json_object_get_boolean_member (page, "has_more"));
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 25);

  /* a page asked again is the same page */
  {
    g_autoptr(JsonObject) a = pull_page (two.ca, first_cursor, 10, 200);
    g_autoptr(JsonObject) b = pull_page (two.ca, first_cursor, 10, 200);
    JsonArray *ca = td_json_get_array (a, "changes"), *cb = td_json_get_array (b, "changes");

    g_assert_cmpuint (json_array_get_length (ca), ==, json_array_get_length (cb));
    for (guint i = 0; i < json_array_get_length (ca); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ca, i), "id"), ==,
                       json_object_get_string_member (json_array_get_object_element (cb, i), "id"));
  }
  /* nothing new: no change, the same cursor */
  g_clear_pointer (&page, json_object_unref);
  page = pull_page (two.ca, cursor, 10, 200);
  g_assert_cmpuint (json_array_get_length (td_json_get_array (page, "changes")), ==, 0);
  g_assert_false (json_object_get_boolean_member (page, "has_more"));
  g_assert_cmpstr (json_object_get_string_member (page, "next_cursor"), ==, cursor);

  /* an edit and a delete come as changes; the delete as a tombstone */
  result = td_cloud_push_one (two.ca, td_cloud_op ("customer", g_ptr_array_index (ids, 0), "update", 1, NULL,
                                          td_cloud_values ("city", "郑州", NULL)));
  g_assert_cmpint (json_object_get_int_member (result, "revision"), ==, 2);
  g_clear_pointer (&result, json_object_unref);
  old_cursor = g_strdup (cursor);
  result = td_cloud_push_one (two.ca, td_cloud_op ("customer", g_ptr_array_index (ids, 1), "delete", 1, NULL, NULL));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_clear_pointer (&page, json_object_unref);
  page = pull_page (two.ca, cursor, 10, 200);
  {
    JsonArray *changes = td_json_get_array (page, "changes");
    JsonObject *tombstone = json_array_get_object_element (changes, 1);

    g_assert_cmpuint (json_array_get_length (changes), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (changes, 0), "revision"), ==, 2);
    g_assert_true (json_object_get_boolean_member (tombstone, "deleted"));
    g_assert_cmpstr (json_object_get_string_member (tombstone, "id"), ==, g_ptr_array_index (ids, 1));
  }
  g_free (cursor);
  cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));

  /* the tombstone purged: a cursor from before it is gone (410) */
  {
    g_autoptr(JsonObject) purged = td_cloud_admin_json (two.db, "purge", "--older-than", "0", NULL);

    g_assert_cmpint (json_object_get_int_member (purged, "deletions"), ==, 1);
  }
  g_clear_pointer (&page, json_object_unref);
  page = pull_page (two.ca, old_cursor, 10, 410);
  g_assert_cmpstr (json_object_get_string_member (page, "code"), ==, "cursor_expired");
  g_clear_pointer (&page, json_object_unref);
  page = pull_page (two.ca, cursor, 10, 200);
  g_clear_pointer (&page, json_object_unref);
  page = pull_page (two.ca, "c1.garbage!", 10, 400);

  /* the full resync: a snapshot in pages of 7, a change in the middle */
  pages = 0;
  do
    {
      g_autofree char *path = token ? g_strdup_printf ("/v1/sync/snapshot?limit=7&page_token=%s", token)
                                    : g_strdup ("/v1/sync/snapshot?limit=7");
      g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", path, NULL, NULL);
      JsonObject *object = td_cloud_reply_object (reply);
      JsonArray *records = td_json_get_array (object, "records");

      g_assert_cmpuint (reply->status, ==, 200);
      /* the first page says how many the snapshot has (the desk's progress bar); no other does */
      if (token == NULL)
        g_assert_cmpint (json_object_get_int_member_with_default (object, "total", -1), ==, 24);
      else
        g_assert_false (json_object_has_member (object, "total"));
      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);

          g_assert_false (json_object_get_boolean_member (record, "deleted"));
          g_assert_true (g_hash_table_add (snapshot, g_strdup (json_object_get_string_member (record, "id"))));
        }
      g_free (token);
      token = NULL;
      if (json_object_get_boolean_member (object, "has_more"))
        token = g_strdup (json_object_get_string_member (object, "next_page_token"));
      else
        snapshot_cursor = g_strdup (json_object_get_string_member (object, "cursor"));
      if (++pages == 1)
        {
          /* the last customer changes while the snapshot is read */
          g_clear_pointer (&result, json_object_unref);
          result = td_cloud_push_one (two.ca, td_cloud_op ("customer", g_ptr_array_index (ids, 23), "update", 1, NULL,
                                                  td_cloud_values ("city", "洛阳", NULL)));
          g_assert_cmpstr (td_cloud_status (result), ==, "applied");
        }
    }
  while (token);
  g_assert_nonnull (snapshot_cursor);
  g_assert_cmpuint (pages, ==, 4);  /* 24 live records before the change, 7 a page */
  /* the snapshot and the pull from its cursor: every live record, the
   * change included, nothing lost */
  g_clear_pointer (&page, json_object_unref);
  page = pull_page (two.ca, snapshot_cursor, 100, 200);
  {
    JsonArray *changes = td_json_get_array (page, "changes");

    g_assert_cmpuint (json_array_get_length (changes), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0), "id"), ==,
                     g_ptr_array_index (ids, 23));
    g_hash_table_add (snapshot, g_strdup (g_ptr_array_index (ids, 23)));
  }
  g_assert_cmpuint (g_hash_table_size (snapshot), ==, 24);
  g_assert_false (g_hash_table_contains (snapshot, g_ptr_array_index (ids, 1)));
}


/* ------------------------------------------------------------------ */
/* the catalogue: ETag and 304                                        */

static gint64
remaining_of (JsonObject *catalogue,
              const char *list,
              const char *items,
              const char *id)
{
  JsonArray *products = td_json_get_array (catalogue, list);

  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonArray *inventory = td_json_get_array (json_array_get_object_element (products, i), items);

      for (guint j = 0; j < json_array_get_length (inventory); j++)
        {
          JsonObject *item = json_array_get_object_element (inventory, j);

          if (g_str_equal (json_object_get_string_member (item, "id"), id))
            return json_object_get_int_member (item, "remaining");
        }
    }
  return -1;
}

static void
test_catalogue (void)
{
  g_auto(TdCloudTwo) two = { 0 };
  g_autoptr(JsonObject) garden = NULL;
  g_autoptr(JsonObject) slot = NULL;
  g_autoptr(JsonObject) tour = NULL;
  g_autoptr(JsonObject) departure = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *weak = NULL;

  td_cloud_two_start (&two, "catalogue");
  garden = td_cloud_admin_json (two.db, "attraction-add", "--public", "龙门石窟", "--city", "洛阳", NULL);
  slot = td_cloud_admin_json (two.db, "slot-add", json_object_get_string_member (garden, "id"), DAY, "08:00", "09:00",
                              "5", NULL);
  tour = td_cloud_admin_json (two.db, "tour-add", "Hotel A", "嵩山一日游", NULL);
  departure = td_cloud_admin_json (two.db, "departure-add", json_object_get_string_member (tour, "id"), DAY, "07:30",
                                   "12", NULL);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", CATALOGUE_DAY, NULL, NULL);
    JsonObject *catalogue = td_cloud_reply_object (reply);
    JsonObject *attraction = json_array_get_object_element (td_json_get_array (catalogue, "attractions"), 0);

    g_assert_cmpuint (reply->status, ==, 200);
    etag = g_strdup (td_cloud_reply_header (reply, "ETag"));
    g_assert_nonnull (etag);
    g_assert_cmpstr (json_object_get_string_member (attraction, "scope"), ==, "public");
    g_assert_cmpint (remaining_of (catalogue, "attractions", "slots", json_object_get_string_member (slot, "id")), ==, 5);
    g_assert_cmpint (remaining_of (catalogue, "tours", "departures", json_object_get_string_member (departure, "id")),
                     ==, 12);
  }
  /* unchanged: 304, no body, the same tag; weak and listed tags too */
  weak = g_strdup_printf ("\"nope\", W/%s", etag);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TdCloudReply) reply = td_cloud_client_send_with (two.ca, "GET", CATALOGUE_DAY, NULL, NULL,
                                                                 "If-None-Match", i ? weak : etag, NULL);

      g_assert_cmpuint (reply->status, ==, 304);
      g_assert_cmpuint (g_bytes_get_size (reply->body), ==, 0);
      g_assert_cmpstr (td_cloud_reply_header (reply, "ETag"), ==, etag);
    }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send_with (two.ca, "GET", CATALOGUE_DAY, NULL, NULL,
                                                               "If-None-Match", "\"something else\"", NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  /* another tenant sees other products: another tag */
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send_with (two.cb, "GET", CATALOGUE_DAY, NULL, NULL,
                                                               "If-None-Match", etag, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (td_json_get_array (td_cloud_reply_object (reply), "tours")), ==, 0);
  }
  /* a sale changes what is left: a new tag */
  result = td_cloud_push_one (two.cb, td_cloud_op ("booking", td_cloud_uuid (), "insert", 0, two.org_b,
                                          td_cloud_booking_values ("slot_id", json_object_get_string_member (slot, "id"), 2)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send_with (two.ca, "GET", CATALOGUE_DAY, NULL, NULL,
                                                               "If-None-Match", etag, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (td_cloud_reply_header (reply, "ETag"), !=, etag);
    g_assert_cmpint (remaining_of (td_cloud_reply_object (reply), "attractions", "slots",
                                   json_object_get_string_member (slot, "id")), ==, 3);
  }
  /* outside the dates asked: not there; dates the wrong way round: 400 */
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", "/v1/catalogue?from=" NEXT_DAY "&to=2026-05-09",
                                                          NULL, NULL);

    g_assert_cmpint (remaining_of (td_cloud_reply_object (reply), "attractions", "slots",
                                   json_object_get_string_member (slot, "id")), ==, -1);
  }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", "/v1/catalogue?from=" NEXT_DAY "&to=" DAY,
                                                          NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 400);
  }
}

/* ------------------------------------------------------------------ */
/* capacity: two desks selling the last seats at the same moment      */

typedef struct {
  const char *url;
  const char *refresh_token;
  const char *org_id;
  const char *slot_id;
  guint       tries;
  guint       applied;
  guint       sold_out;
  GMutex     *mutex;
  GCond      *cond;
  gboolean   *go;
} Seller;

static gpointer
sell (gpointer data)
{
  Seller *seller = data;
  g_autoptr(TdCloudClient) client = td_cloud_client_new (seller->url, NULL);

  td_cloud_client_sign_in (client, seller->refresh_token);
  g_mutex_lock (seller->mutex);
  while (!*seller->go)
    g_cond_wait (seller->cond, seller->mutex);
  g_mutex_unlock (seller->mutex);

  for (guint i = 0; i < seller->tries; i++)
    {
      g_autofree char *batch = td_cloud_batch (td_cloud_op ("booking", td_cloud_uuid (), "insert", 0, seller->org_id,
                                                            td_cloud_booking_values ("slot_id", seller->slot_id, 1)),
                                               NULL);
      g_autoptr(JsonArray) results = td_cloud_push (client, batch);
      JsonObject *result = td_cloud_result (results, 0);

      if (g_str_equal (td_cloud_status (result), "applied"))
        seller->applied++;
      else if (g_strcmp0 (td_cloud_code (result), "sold_out") == 0)
        seller->sold_out++;
      else
        g_error ("unexpected booking result: %s %s", td_cloud_status (result), td_cloud_code (result));
    }
  return NULL;
}

static void
test_quota (void)
{
  g_auto(TdCloudTwo) two = { 0 };
  g_autoptr(JsonObject) attraction = NULL;
  g_autoptr(JsonObject) slot = NULL;
  g_autoptr(JsonObject) tour = NULL;
  g_autoptr(JsonObject) departure = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autofree char *booking = td_cloud_uuid ();
  GMutex mutex;
  GCond cond;
  gboolean go = FALSE;
  Seller sellers[2];
  GThread *threads[2];
  guint capacity = 20;

  td_cloud_two_start (&two, "quota");
  attraction = td_cloud_admin_json (two.db, "attraction-add", "--public", "少林寺", NULL);
  slot = td_cloud_admin_json (two.db, "slot-add", json_object_get_string_member (attraction, "id"), DAY, "10:00",
                              "11:00", "20", NULL);

  /* two tenants' desks, 15 tries each at once, for 20 places */
  g_mutex_init (&mutex);
  g_cond_init (&cond);
  for (guint i = 0; i < 2; i++)
    {
      sellers[i] = (Seller) { two.proc->url, i ? two.b.refresh_token : two.a.refresh_token,
                              i ? two.org_b : two.org_a, json_object_get_string_member (slot, "id"),
                              15, 0, 0, &mutex, &cond, &go };
      threads[i] = g_thread_new ("seller", sell, &sellers[i]);
    }
  g_usleep (300 * 1000);
  g_mutex_lock (&mutex);
  go = TRUE;
  g_cond_broadcast (&cond);
  g_mutex_unlock (&mutex);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);

  g_test_message ("desk A sold %u, desk B %u; refused %u + %u", sellers[0].applied, sellers[1].applied,
                  sellers[0].sold_out, sellers[1].sold_out);
  g_assert_cmpuint (sellers[0].applied + sellers[1].applied, ==, capacity);
  g_assert_cmpuint (sellers[0].sold_out + sellers[1].sold_out, ==, 30 - capacity);
  /* both were served: they really competed */
  g_assert_cmpuint (sellers[0].applied, >, 0);
  g_assert_cmpuint (sellers[1].applied, >, 0);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", CATALOGUE_DAY, NULL, NULL);

    g_assert_cmpint (remaining_of (td_cloud_reply_object (reply), "attractions", "slots",
                                   json_object_get_string_member (slot, "id")), ==, 0);
  }

  /* a tour departure: 3 seats; 2, then 2 more is refused with what is left */
  tour = td_cloud_admin_json (two.db, "tour-add", "Hotel A", "Night market", NULL);
  departure = td_cloud_admin_json (two.db, "departure-add", json_object_get_string_member (tour, "id"), DAY, "19:00",
                                   "3", NULL);
  first = td_cloud_push_one (two.ca, td_cloud_op ("booking", booking, "insert", 0, two.org_a,
                                         td_cloud_booking_values ("departure_id", json_object_get_string_member (departure, "id"), 2)));
  g_assert_cmpstr (td_cloud_status (first), ==, "applied");
  g_assert_cmpstr (td_cloud_value (first, "status"), ==, "confirmed");
  g_assert_nonnull (td_cloud_value (first, "confirmed_at"));
  result = td_cloud_push_one (two.ca, td_cloud_op ("booking", td_cloud_uuid (), "insert", 0, two.org_a,
                                          td_cloud_booking_values ("departure_id", json_object_get_string_member (departure, "id"), 2)));
  g_assert_cmpstr (td_cloud_code (result), ==, "sold_out");
  g_assert_cmpint (json_object_get_int_member (result, "remaining"), ==, 1);
  g_clear_pointer (&result, json_object_unref);
  /* a booking is not changed nor deleted: it is cancelled, which gives the seats back */
  result = td_cloud_push_one (two.ca, td_cloud_op ("booking", booking, "update", 1, NULL, td_cloud_values ("notes", "x", NULL)));
  g_assert_cmpstr (td_cloud_code (result), ==, "immutable");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (two.ca, td_cloud_op ("booking", booking, "delete", 1, NULL, NULL));
  g_assert_cmpstr (td_cloud_code (result), ==, "not_deletable");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (two.ca, td_cloud_op ("booking", booking, "update", 1, NULL,
                                          td_cloud_values ("status", "cancelled", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_assert_cmpstr (td_cloud_value (result, "status"), ==, "cancelled");
  g_clear_pointer (&result, json_object_unref);
  /* cancelling twice gives nothing back twice */
  result = td_cloud_push_one (two.ca, td_cloud_op ("booking", booking, "update", 2, NULL,
                                          td_cloud_values ("status", "cancelled", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", CATALOGUE_DAY, NULL, NULL);

    g_assert_cmpint (remaining_of (td_cloud_reply_object (reply), "tours", "departures",
                                   json_object_get_string_member (departure, "id")), ==, 3);
  }
  /* the platform refuses what would not fit whatever the desk says */
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (two.ca, td_cloud_op ("booking", td_cloud_uuid (), "insert", 0, two.org_a,
                                          td_cloud_booking_values ("departure_id", json_object_get_string_member (departure, "id"), 0)));
  g_assert_cmpstr (td_cloud_code (result), ==, "invalid_value");
}

/* ------------------------------------------------------------------ */
/* customers: merged field by field; a field changed on both sides    */

static JsonObject *
conflict_of (JsonObject *result,
             const char *field)
{
  JsonArray *conflicts = td_json_get_array (result, "conflicts");

  for (guint i = 0; conflicts && i < json_array_get_length (conflicts); i++)
    {
      JsonObject *conflict = json_array_get_object_element (conflicts, i);

      if (g_str_equal (json_object_get_string_member (conflict, "field"), field))
        return conflict;
    }
  return NULL;
}

static void
test_customer_conflict (void)
{
  g_autofree char *db = td_test_path ("conflict.db");
  g_auto(TdCloudDeskInfo) a1 = { 0 };
  g_auto(TdCloudDeskInfo) a2 = { 0 };
  g_autoptr(TdCloudProc) proc = NULL;
  g_autoptr(TdCloudClient) c1 = NULL;
  g_autoptr(TdCloudClient) c2 = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *org = NULL;
  g_autofree char *customer = td_cloud_uuid ();
  g_autofree char *note = td_cloud_uuid ();
  JsonObject *conflict, *values;

  td_cloud_add_desk (db, "Hotel", "Front", &a1);
  td_cloud_add_desk (db, "Hotel", "Back", &a2);
  proc = td_cloud_proc_start (db, NULL);
  c1 = td_cloud_signed_in (proc, &a1);
  c2 = td_cloud_signed_in (proc, &a2);
  org = td_cloud_push_organisation (c1);

  values = td_cloud_customer_values ("李娜", "13800000001");
  json_object_set_string_member (values, "email", "li.na@example.cn");
  result = td_cloud_push_one (c1, td_cloud_op ("customer", customer, "insert", 0, org, values));
  g_assert_cmpint (json_object_get_int_member (result, "revision"), ==, 1);
  g_clear_pointer (&result, json_object_unref);

  /* desk 1 changes the phone; desk 2, from revision 1, the e-mail: merged */
  result = td_cloud_push_one (c1, td_cloud_op ("customer", customer, "update", 1, NULL, td_cloud_values ("phone", "13900000002", NULL)));
  g_assert_cmpint (json_object_get_int_member (result, "revision"), ==, 2);
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (c2, td_cloud_op ("customer", customer, "update", 1, NULL,
                                      td_cloud_values ("email", "lina@example.cn", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "revision"), ==, 3);
  g_assert_cmpstr (td_cloud_value (result, "phone"), ==, "13900000002");
  g_assert_cmpstr (td_cloud_value (result, "email"), ==, "lina@example.cn");
  g_clear_pointer (&result, json_object_unref);

  /* desk 2, still from revision 1, changes the phone too: a conflict
   * with both values and the base; nothing of it applied */
  result = td_cloud_push_one (c2, td_cloud_op ("customer", customer, "update", 1, NULL,
                                      td_cloud_values ("phone", "13700000003", "city", "开封", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "conflict");
  g_assert_cmpint (json_object_get_int_member (result, "revision"), ==, 3);
  g_assert_cmpuint (json_array_get_length (td_json_get_array (result, "conflicts")), ==, 1);
  conflict = conflict_of (result, "phone");
  g_assert_nonnull (conflict);
  g_assert_cmpstr (json_object_get_string_member (conflict, "base"), ==, "13800000001");
  g_assert_cmpstr (json_object_get_string_member (conflict, "server"), ==, "13900000002");
  g_assert_cmpstr (json_object_get_string_member (conflict, "desk"), ==, "13700000003");
  g_assert_null (td_cloud_value (result, "city"));
  g_clear_pointer (&result, json_object_unref);

  /* both sides made the same change: no conflict, nothing new */
  result = td_cloud_push_one (c2, td_cloud_op ("customer", customer, "update", 1, NULL, td_cloud_values ("phone", "13900000002", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "revision"), ==, 3);
  g_clear_pointer (&result, json_object_unref);

  /* a desk's own earlier operations never conflict with its later ones:
   * desk 1 changes the phone again, offline since its first change, so
   * from the same base (1); only desk 2's e-mail came between */
  result = td_cloud_push_one (c1, td_cloud_op ("customer", customer, "update", 1, NULL, td_cloud_values ("phone", "13600000004", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "revision"), ==, 4);
  g_clear_pointer (&result, json_object_unref);

  /* desk 2 resolves its conflict on revision 4: applied */
  result = td_cloud_push_one (c2, td_cloud_op ("customer", customer, "update", 4, NULL,
                                      td_cloud_values ("phone", "13700000003", "city", "开封", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "revision"), ==, 5);
  g_assert_cmpstr (td_cloud_value (result, "city"), ==, "开封");
  g_clear_pointer (&result, json_object_unref);

  /* a revision the platform never gave; a value not in normal form */
  result = td_cloud_push_one (c2, td_cloud_op ("customer", customer, "update", 99, NULL, td_cloud_values ("city", "x", NULL)));
  g_assert_cmpstr (td_cloud_code (result), ==, "invalid_base");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (c2, td_cloud_op ("customer", customer, "update", 5, NULL,
                                      td_cloud_values ("phone", "138 0000 0001", NULL)));
  g_assert_cmpstr (td_cloud_code (result), ==, "invalid_value");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (c2, td_cloud_op ("customer", customer, "update", 5, NULL, td_cloud_values ("colour", "red", NULL)));
  g_assert_cmpstr (td_cloud_code (result), ==, "unknown_field");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (c2, td_cloud_op ("customer", td_cloud_uuid (), "insert", 0, org,
                                      td_cloud_values ("party", "person", NULL)));
  g_assert_cmpstr (td_cloud_code (result), ==, "missing_field");
  g_clear_pointer (&result, json_object_unref);

  /* a delete from a stale revision meets the edits it has not seen */
  result = td_cloud_push_one (c1, td_cloud_op ("customer", customer, "delete", 4, NULL, NULL));
  g_assert_cmpstr (td_cloud_status (result), ==, "conflict");
  g_assert_nonnull (conflict_of (result, "city"));
  g_clear_pointer (&result, json_object_unref);
  /* nor while a note refers to it */
  result = td_cloud_push_one (c1, td_cloud_op ("customer_note", note, "insert", 0, org,
                                      td_cloud_values ("customer_id", customer, "body", "常客", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (c1, td_cloud_op ("customer", customer, "delete", 5, NULL, NULL));
  g_assert_cmpstr (td_cloud_code (result), ==, "referenced");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (c1, td_cloud_op ("customer_note", note, "delete", 1, NULL, NULL));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (c1, td_cloud_op ("customer", customer, "delete", 5, NULL, NULL));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_assert_true (json_object_get_boolean_member (td_json_get_object (result, "record"), "deleted"));
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (c2, td_cloud_op ("customer", customer, "update", 6, NULL, td_cloud_values ("city", "x", NULL)));
  g_assert_cmpstr (td_cloud_code (result), ==, "deleted");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (c2, td_cloud_op ("customer", customer, "restore", 6, NULL, NULL));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "revision"), ==, 7);
  g_assert_cmpstr (td_cloud_value (result, "phone"), ==, "13700000003");
}


/* ------------------------------------------------------------------ */
/* guest registrations: acknowledged, never merged, never deleted     */

static void
test_registrations (void)
{
  g_auto(TdCloudTwo) two = { 0 };
  g_autofree char *good = td_cloud_uuid ();
  g_autofree char *bad = td_cloud_uuid ();
  g_autofree char *key = td_cloud_uuid ();
  g_autofree char *body = NULL;
  g_autofree char *receipt = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TdCloudClient) a2 = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_auto(TdCloudDeskInfo) second = { 0 };

  td_cloud_two_start (&two, "registrations");
  td_cloud_add_desk (two.db, "Hotel A", "Desk A2", &second);
  a2 = td_cloud_signed_in (two.proc, &second);

  body = g_strdup_printf ("{\"registrations\":["
                          "{\"id\":\"%s\",\"org_id\":\"%s\",\"values\":{\"guest_name\":\"John Smith\",\"nationality\":\"GBR\","
                          "\"id_type\":\"foreign-passport\",\"id_number\":\"123456789\",\"check_in\":\"" DAY "\","
                          "\"check_out\":\"2026-05-03\",\"room\":\"302\"}},"
                          "{\"id\":\"%s\",\"values\":{\"guest_name\":\"张三\",\"nationality\":\"CHN\","
                          "\"id_type\":\"resident-id\",\"id_number\":\"410102199001011235\",\"check_in\":\"" DAY "\"}}]}",
                          good, two.org_a, bad);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/registrations", key, body);
    JsonArray *acks = td_json_get_array (td_cloud_reply_object (reply), "acknowledgements");
    JsonObject *ack = json_array_get_object_element (acks, 0);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (ack, "status"), ==, "acknowledged");
    receipt = g_strdup (json_object_get_string_member (ack, "receipt"));
    g_assert_true (g_str_has_prefix (receipt, "GR-20"));
    /* a mainland identity number with a wrong check digit */
    ack = json_array_get_object_element (acks, 1);
    g_assert_cmpstr (json_object_get_string_member (ack, "status"), ==, "rejected");
    g_assert_cmpstr (json_object_get_string_member (ack, "code"), ==, "invalid_value");
  }
  /* a retry of the report: the same acknowledgements */
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/registrations", key, body);
    JsonArray *acks = td_json_get_array (td_cloud_reply_object (reply), "acknowledgements");

    g_assert_cmpstr (td_cloud_reply_header (reply, "Idempotent-Replayed"), ==, "true");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (acks, 0), "receipt"), ==, receipt);
  }

  /* desk A2 corrects the room (the feed carries registrations too) */
  result = td_cloud_push_one (a2, td_cloud_op ("guest_registration", good, "update", 1, NULL, td_cloud_values ("room", "305", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_assert_cmpstr (td_cloud_value (result, "receipt"), ==, receipt);
  g_clear_pointer (&result, json_object_unref);
  /* desk A, from revision 1, corrects another field: never merged */
  result = td_cloud_push_one (two.ca, td_cloud_op ("guest_registration", good, "update", 1, NULL,
                                          td_cloud_values ("guest_name", "John R. Smith", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "conflict");
  g_assert_nonnull (conflict_of (result, "room"));
  g_assert_nonnull (conflict_of (result, "guest_name"));
  g_assert_cmpstr (json_object_get_string_member (conflict_of (result, "room"), "server"), ==, "305");
  g_assert_cmpstr (json_object_get_string_member (conflict_of (result, "room"), "desk"), ==, "302");
  g_clear_pointer (&result, json_object_unref);
  /* on the current revision it is applied */
  result = td_cloud_push_one (two.ca, td_cloud_op ("guest_registration", good, "update", 2, NULL,
                                          td_cloud_values ("guest_name", "John R. Smith", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  g_clear_pointer (&result, json_object_unref);
  /* never deleted; the receipt is the platform's */
  result = td_cloud_push_one (two.ca, td_cloud_op ("guest_registration", good, "delete", 3, NULL, NULL));
  g_assert_cmpstr (td_cloud_code (result), ==, "not_deletable");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (two.ca, td_cloud_op ("guest_registration", good, "update", 3, NULL,
                                          td_cloud_values ("receipt", "FAKE", NULL)));
  g_assert_cmpstr (td_cloud_code (result), ==, "server_owned_field");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (two.ca, td_cloud_op ("guest_registration", td_cloud_uuid (), "insert", 0, NULL,
                                          td_cloud_values ("guest_name", "X", "nationality", "china", "id_type", "passport",
                                                           "id_number", "E1", "check_in", DAY, NULL)));
  g_assert_cmpstr (td_cloud_code (result), ==, "invalid_value");

  path = g_strdup_printf ("/v1/registrations/%s", good);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (a2, "GET", path, NULL, NULL);
    JsonObject *record = td_json_get_object (td_cloud_reply_object (reply), "registration");

    g_assert_cmpint (json_object_get_int_member (record, "revision"), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (td_json_get_object (record, "values"), "receipt"), ==, receipt);
  }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (a2, "GET", "/v1/registrations?limit=1", NULL, NULL);
    JsonObject *list = td_cloud_reply_object (reply);

    g_assert_cmpuint (json_array_get_length (td_json_get_array (list, "registrations")), ==, 1);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (list, "next_after")));
  }
}

/* ------------------------------------------------------------------ */
/* complaints: append-only                                            */

static void
test_complaints (void)
{
  g_auto(TdCloudTwo) two = { 0 };
  g_autofree char *id = td_cloud_uuid ();
  g_autofree char *key = td_cloud_uuid ();
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *notes = NULL;
  g_autoptr(GBytes) filed = NULL;
  g_autoptr(JsonObject) result = NULL;

  td_cloud_two_start (&two, "complaints");
  body = g_strdup_printf ("{\"id\":\"%s\",\"org_id\":\"%s\",\"values\":{\"subject\":\"排队太久\","
                          "\"body\":\"周六上午在售票处排了一个半小时。\",\"channel\":\"desk\",\"about\":\"少林寺\"}}",
                          id, two.org_a);
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/complaints", key, body);
    JsonObject *record = td_json_get_object (td_cloud_reply_object (reply), "complaint");

    g_assert_cmpuint (reply->status, ==, 201);
    g_assert_nonnull (json_object_get_string_member (td_json_get_object (record, "values"), "received_at"));
    filed = g_bytes_ref (reply->body);
  }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/complaints", key, body);

    g_assert_cmpuint (reply->status, ==, 201);
    g_assert_true (g_bytes_equal (reply->body, filed));
  }
  /* filed again under a new key: still one complaint */
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/complaints", k, body);

    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autofree char *other = g_strdup_printf ("{\"id\":\"%s\",\"values\":{\"subject\":\"x\",\"body\":\"y\"}}", id);
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/complaints", k, other);

    g_assert_cmpuint (reply->status, ==, 409);
    g_assert_cmpstr (td_cloud_reply_code (reply), ==, "exists");
  }
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/complaints", k,
                                                          "{\"values\":{\"subject\":\"no body\"}}");

    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_cmpstr (td_cloud_reply_code (reply), ==, "missing_field");
  }

  /* never changed nor deleted, by any way in */
  path = g_strdup_printf ("/v1/complaints/%s", id);
  for (guint i = 0; i < 3; i++)
    {
      const char *method = (const char *[]) { "PUT", "PATCH", "DELETE" }[i];
      g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, method, path, NULL, "{\"values\":{\"subject\":\"x\"}}");

      g_assert_cmpuint (reply->status, ==, 405);
      g_assert_cmpstr (td_cloud_reply_code (reply), ==, "append_only");
      g_assert_cmpstr (td_cloud_reply_header (reply, "Allow"), ==, "GET");
    }
  result = td_cloud_push_one (two.ca, td_cloud_op ("complaint", id, "update", 1, NULL, td_cloud_values ("subject", "x", NULL)));
  g_assert_cmpstr (td_cloud_code (result), ==, "append_only");
  g_clear_pointer (&result, json_object_unref);
  result = td_cloud_push_one (two.ca, td_cloud_op ("complaint", id, "delete", 1, NULL, NULL));
  g_assert_cmpstr (td_cloud_code (result), ==, "append_only");
  g_clear_pointer (&result, json_object_unref);

  /* it grows by notes, from the API or a push */
  notes = g_strdup_printf ("/v1/complaints/%s/notes", id);
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", notes, k, "{\"body\":\"已致电游客致歉。\"}");

    g_assert_cmpuint (reply->status, ==, 201);
  }
  result = td_cloud_push_one (two.ca, td_cloud_op ("complaint_note", td_cloud_uuid (), "insert", 0, two.org_a,
                                          td_cloud_values ("complaint_id", id, "body", "景区增开了两个窗口。", NULL)));
  g_assert_cmpstr (td_cloud_status (result), ==, "applied");
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", path, NULL, NULL);
    JsonObject *detail = td_cloud_reply_object (reply);

    g_assert_cmpint (json_object_get_int_member (td_json_get_object (detail, "complaint"), "revision"), ==, 1);
    g_assert_cmpuint (json_array_get_length (td_json_get_array (detail, "notes")), ==, 2);
  }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", "/v1/complaints", NULL, NULL);

    g_assert_cmpuint (json_array_get_length (td_json_get_array (td_cloud_reply_object (reply), "complaints")), ==, 1);
  }
  {
    g_autofree char *k = td_cloud_uuid ();
    g_autofree char *unknown = g_strdup_printf ("/v1/complaints/%s/notes", k);
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", unknown, k, "{\"body\":\"x\"}");

    g_assert_cmpuint (reply->status, ==, 404);
  }
}

/* ------------------------------------------------------------------ */
/* statistics                                                         */

static JsonObject *
upload (TdCloudClient *client,
        const char    *report)
{
  g_autofree char *key = td_cloud_uuid ();
  g_autofree char *body = g_strdup_printf ("{\"reports\":[%s]}", report);
  g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "POST", "/v1/statistics", key, body);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_ref (td_cloud_result (td_json_get_array (td_cloud_reply_object (reply), "results"), 0));
}

#define HOTEL_DAY(occupied, revenue) \
  "{\"report\":\"hotel-daily\",\"period\":\"" DAY "\",\"figures\":{\"rooms_available\":120," \
  "\"rooms_occupied\":" occupied ",\"guests\":143,\"guests_foreign\":9,\"revenue\":" revenue "}}"

static void
test_statistics (void)
{
  g_auto(TdCloudTwo) two = { 0 };
  struct {
    const char *report;
    const char *status;
    const char *code;
  } cases[] = {
    { HOTEL_DAY ("87", "{\"minor\":4356000,\"currency\":\"CNY\"}"), "stored", NULL },
    { HOTEL_DAY ("87", "{\"minor\":4356000,\"currency\":\"CNY\"}"), "unchanged", NULL },
    { HOTEL_DAY ("88", "{\"minor\":4406000,\"currency\":\"CNY\"}"), "replaced", NULL },
    { HOTEL_DAY ("121", "{\"minor\":1,\"currency\":\"CNY\"}"), "rejected", "inconsistent" },
    { HOTEL_DAY ("-1", "{\"minor\":1,\"currency\":\"CNY\"}"), "rejected", "invalid_figure" },
    { HOTEL_DAY ("\"87\"", "{\"minor\":1,\"currency\":\"CNY\"}"), "rejected", "invalid_figure" },
    { HOTEL_DAY ("87", "{\"minor\":1,\"currency\":\"XXY\"}"), "rejected", "invalid_figure" },
    { "{\"report\":\"hotel-daily\",\"period\":\"2026-05\",\"figures\":{}}", "rejected", "invalid_period" },
    { "{\"report\":\"hotel-daily\",\"period\":\"" DAY "\",\"figures\":{\"rooms_available\":1}}", "rejected", "missing_figure" },
    { "{\"report\":\"hotel-daily\",\"period\":\"" DAY "\",\"figures\":{\"stars\":1}}", "rejected", "unknown_figure" },
    { "{\"report\":\"weather\",\"period\":\"" DAY "\",\"figures\":{}}", "rejected", "unknown_report" },
    { "{\"report\":\"agency-monthly\",\"period\":\"2026-05\",\"figures\":{\"groups\":12,\"tourists\":340,"
      "\"tourists_inbound\":25,\"revenue\":{\"minor\":120000000,\"currency\":\"CNY\"}}}", "stored", NULL },
    { "{\"report\":\"agency-monthly\",\"period\":\"2026-13\",\"figures\":{}}", "rejected", "invalid_period" },
  };

  td_cloud_two_start (&two, "statistics");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) result = upload (two.ca, cases[i].report);

      g_test_message ("%s", cases[i].report);
      g_assert_cmpstr (td_cloud_status (result), ==, cases[i].status);
      g_assert_cmpstr (td_cloud_code (result), ==, cases[i].code);
    }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", "/v1/statistics?report=hotel-daily", NULL, NULL);
    JsonArray *reports = td_json_get_array (td_cloud_reply_object (reply), "reports");
    JsonObject *report = json_array_get_object_element (reports, 0);

    g_assert_cmpuint (json_array_get_length (reports), ==, 1);
    g_assert_cmpint (json_object_get_int_member (report, "revision"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (td_json_get_object (report, "figures"), "rooms_occupied"), ==, 88);
  }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", "/v1/statistics?report=weather", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 400);
  }
}

/* ------------------------------------------------------------------ */
/* what a request must look like                                      */

static void
test_strict_requests (void)
{
  g_auto(TdCloudTwo) two = { 0 };
  g_autofree char *id = td_cloud_uuid ();
  struct {
    const char *body;
    const char *type;
    guint       status;
    const char *code;
    const char *says;
  } cases[] = {
    /* 2^63: json-glib alone would read INT64_MIN */
    { "{\"ops\":[{\"op_id\":\"x\",\"base_revision\":\n9223372036854775808}]}", NULL, 400, "invalid_json", "line 2" },
    { "{\"ops\":[]} {\"ops\":[]}", NULL, 400, "invalid_json", "after the end" },
    { "{'ops':[]}", NULL, 400, "invalid_json", NULL },
    { "", NULL, 400, "invalid_json", "empty" },
    { "[]", NULL, 400, "invalid_json", "object" },
    { "{\"ops\":{}}", NULL, 400, "invalid_batch", NULL },
    { "{\"ops\":[]}", "text/plain", 415, "unsupported_media_type", NULL },
  };

  td_cloud_two_start (&two, "strict");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = td_cloud_uuid ();
      g_autoptr(TdCloudReply) reply = td_cloud_client_send_with (two.ca, "POST", "/v1/sync/push", key, cases[i].body,
                                                                 cases[i].type ? "Content-Type" : NULL, cases[i].type,
                                                                 NULL);

      g_test_message ("%s", cases[i].body);
      g_assert_cmpuint (reply->status, ==, cases[i].status);
      g_assert_cmpstr (td_cloud_reply_code (reply), ==, cases[i].code);
      if (cases[i].says)
        g_assert_nonnull (strstr (json_object_get_string_member (td_cloud_reply_object (reply), "detail"),
                                  cases[i].says));
    }

  /* values of the wrong type, per operation */
  {
    JsonObject *values = td_cloud_customer_values ("x", "13800000007");
    g_autoptr(JsonObject) result = NULL;
    JsonObject *op;

    json_object_set_string_member (values, "loyalty_points", "12");
    result = td_cloud_push_one (two.ca, td_cloud_op ("customer", id, "insert", 0, two.org_a, values));
    g_assert_cmpstr (td_cloud_code (result), ==, "invalid_value");
    g_clear_pointer (&result, json_object_unref);
    op = td_cloud_op ("customer", id, "insert", 0, two.org_a, td_cloud_customer_values ("x", "13800000007"));
    json_object_set_string_member (op, "base_revision", "0");
    result = td_cloud_push_one (two.ca, op);
    g_assert_cmpstr (td_cloud_code (result), ==, "invalid_op");
    g_clear_pointer (&result, json_object_unref);
    result = td_cloud_push_one (two.ca, td_cloud_op ("spaceship", id, "insert", 0, two.org_a, td_cloud_values (NULL, NULL)));
    g_assert_cmpstr (td_cloud_code (result), ==, "unknown_kind");
    g_clear_pointer (&result, json_object_unref);
    result = td_cloud_push_one (two.ca, td_cloud_op ("customer", id, "upsert", 0, two.org_a, td_cloud_values (NULL, NULL)));
    g_assert_cmpstr (td_cloud_code (result), ==, "invalid_op");
  }

  /* where nothing is */
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", "/v1/nothing", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 404);
    g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "application/problem+json");
  }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "POST", "/v1/me", NULL, "{}");

    g_assert_cmpuint (reply->status, ==, 405);
    g_assert_cmpstr (td_cloud_reply_header (reply, "Allow"), ==, "GET");
  }
  {
    g_autoptr(TdCloudReply) reply = td_cloud_client_send (two.ca, "GET", "/v1/sync/pull?limit=0", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 400);
  }
}



int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cloud/push/idempotency", test_push_idempotency);
  g_test_add_func ("/cloud/pull", test_pull);
  g_test_add_func ("/cloud/catalogue", test_catalogue);
  g_test_add_func ("/cloud/quota", test_quota);
  g_test_add_func ("/cloud/conflict/customer", test_customer_conflict);
  g_test_add_func ("/cloud/registrations", test_registrations);
  g_test_add_func ("/cloud/complaints", test_complaints);
  g_test_add_func ("/cloud/statistics", test_statistics);
  g_test_add_func ("/cloud/strict-requests", test_strict_requests);
  return g_test_run ();
}
