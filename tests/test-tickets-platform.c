/* test-tickets-platform.c: selling tickets through a real platform
 *
 * tourdesk-cloud's server runs in a thread of this process on 127.0.0.1
 * (TdCloudThread); its catalogue has an attraction with two time slots.
 * Two desks of one agency fetch the catalogue (TdCatalogueClient, with
 * ETag) and sell: the platform takes the places, refuses a sale when the
 * slot is full (the desk refuses it with the platform's reason), and the
 * sales made while it was out of reach are reported at the next refresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-catalogue-client.h"
#include "td-cloud-test-utils.h"
#include "td-sync-engine.h"

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
done (GObject      *source,
      GAsyncResult *result,
      gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_run (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  return wait->result;
}

/* one sync cycle: pushes the desk's organisation (bookings need it) */
static void
sync_desk (const char *url,
           TdDatabase *db,
           const char *token)
{
  g_autoptr(TdSyncEngine) engine = td_sync_engine_new (db, url, token);
  g_autoptr(TdSyncReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };

  td_sync_engine_run_async (engine, NULL, done, &wait);
  result = wait_run (&wait);
  report = td_sync_engine_run_finish (engine, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rejected, ==, 0);
}

static TdCatalogueUpdate
refresh (TdCatalogueClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TdCatalogueUpdate update = { 0 };
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };

  td_catalogue_client_refresh_async (client, NULL, done, &wait);
  result = wait_run (&wait);
  td_catalogue_client_refresh_finish (client, result, &update, &error);
  g_assert_no_error (error);
  return update;
}

static GPtrArray *
sell (TdCatalogueClient  *client,
      TdDatabase         *db,
      const char         *poi_id,
      const char         *date,
      const char         *start,
      guint               count,
      GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  TdTicketSale sale = { .poi_id = poi_id, .date = date, .start_time = start, .type = TD_TICKET_ADULT, .count = count };
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };

  td_catalogue_client_sell_async (client, db, &sale, NULL, done, &wait);
  result = wait_run (&wait);
  return td_catalogue_client_sell_finish (result, error);
}

/* a desk's workspace with the attraction (by the catalogue's name) and prices */
static TdDatabase *
desk_workspace (const char  *name,
                char       **poi_id)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdDatabase *db = td_test_workspace (name, TD_PROFILE_AGENCY);
  TdChange *poi = td_change_new_insert ("poi", NULL);
  TdMoney price;

  td_change_set_string (poi, "name", "少林寺");
  td_change_set_string (poi, "category", "attraction");
  td_change_set_double (poi, "lat", 34.5082);
  td_change_set_double (poi, "lon", 112.9354);
  g_ptr_array_add (changes, poi);
  td_database_commit (db, "test", changes, &error);
  g_assert_no_error (error);
  *poi_id = g_strdup (td_change_get_id (poi));
  td_money_init (&price, 8000, "CNY", NULL);
  td_tickets_set_price (db, "test", *poi_id, TD_TICKET_ADULT, &price, &error);
  g_assert_no_error (error);
  return db;
}

static gint64
platform_remaining (const char *cloud_db,
                    const char *tenant_id,
                    const char *slot_id)
{
  g_autoptr(JsonObject) catalogue = td_cloud_admin_json (cloud_db, "catalogue", tenant_id, NULL);
  JsonArray *products = json_object_get_array_member (catalogue, "products");

  for (guint i = 0; products && i < json_array_get_length (products); i++)
    {
      JsonArray *items = json_object_get_array_member (json_array_get_object_element (products, i), "inventory");

      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          JsonObject *item = json_array_get_object_element (items, j);

          if (g_str_equal (json_object_get_string_member (item, "id"), slot_id))
            return json_object_get_int_member (item, "remaining");
        }
    }
  g_error ("slot %s not in the platform's catalogue", slot_id);
  return -1;
}

static void
test_sell_through_platform (void)
{
  TdCloudThread server = { 0 };
  g_auto(TdCloudDeskInfo) a = { 0 };
  g_auto(TdCloudDeskInfo) b = { 0 };
  g_autofree char *poi_a = NULL, *poi_b = NULL, *date = NULL, *morning = NULL, *afternoon = NULL;
  g_autoptr(TdDatabase) da = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdCatalogueClient) ca = NULL;
  g_autoptr(TdCatalogueClient) cb = NULL;
  g_autoptr(TdCatalogueClient) unreachable = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSlot) slot = NULL;
  g_autoptr(JsonObject) product = NULL;
  g_autoptr(JsonObject) added = NULL;
  TdCatalogueUpdate update;
  TdTicket *ticket;

  date = td_date_format_iso (td_today_julian ("Asia/Shanghai") + 1);
  td_cloud_thread_start (&server, "tickets.cloud", NULL, NULL);
  td_cloud_add_desk (server.db, "中原旅行社", "售票一", &a);
  td_cloud_add_desk (server.db, "中原旅行社", "售票二", &b);
  product = td_cloud_admin_json (server.db, "attraction-add", a.tenant_id, "少林寺", "--city", "郑州市", NULL);
  added = td_cloud_admin_json (server.db, "slot-add", json_object_get_string_member (product, "id"),
                               date, "09:00", "11:00", "3", NULL);
  morning = g_strdup (json_object_get_string_member (added, "id"));
  g_clear_pointer (&added, json_object_unref);
  added = td_cloud_admin_json (server.db, "slot-add", json_object_get_string_member (product, "id"),
                               date, "14:00", "16:00", "5", NULL);
  afternoon = g_strdup (json_object_get_string_member (added, "id"));

  da = desk_workspace ("platform-a.tourdesk", &poi_a);
  db = desk_workspace ("platform-b.tourdesk", &poi_b);
  sync_desk (server.url, da, a.refresh_token);
  sync_desk (server.url, db, b.refresh_token);
  ca = td_catalogue_client_new (da, server.url, a.refresh_token);
  cb = td_catalogue_client_new (db, server.url, b.refresh_token);

  /* the catalogue: both slots, their quotas as of now; then 304 */
  update = refresh (ca);
  g_assert_true (update.changed);
  g_assert_cmpuint (update.slots, ==, 2);
  slot = td_tickets_get_slot (da, poi_a, date, "09:00", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (slot->platform_id, ==, morning);
  g_assert_cmpstr (slot->end_time, ==, "11:00");
  g_assert_cmpint (slot->capacity, ==, 3);
  g_assert_cmpint (slot->quota, ==, 3);
  g_assert_nonnull (slot->quota_as_of);
  g_clear_pointer (&slot, td_slot_free);
  update = refresh (ca);
  g_assert_false (update.changed);
  g_assert_cmpint (td_database_count (da, "attraction_slot", NULL), ==, 2);

  /* desk A sells two online: the platform took them */
  tickets = sell (ca, da, poi_a, date, "09:00", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tickets->len, ==, 2);
  ticket = g_ptr_array_index (tickets, 0);
  g_assert_false (ticket->offline);
  g_assert_nonnull (ticket->platform_booking_id);
  g_clear_pointer (&tickets, g_ptr_array_unref);
  g_assert_cmpint (platform_remaining (server.db, a.tenant_id, morning), ==, 1);
  slot = td_tickets_get_slot (da, poi_a, date, "09:00", &error);
  g_assert_cmpint (slot->quota, ==, 1);
  g_clear_pointer (&slot, td_slot_free);

  /* desk B, which saw 3 left, takes the last one there */
  refresh (cb);
  tickets = sell (cb, db, poi_b, date, "09:00", 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&tickets, g_ptr_array_unref);

  /* desk A still believes one is left: the platform says no, with why */
  tickets = sell (ca, da, poi_a, date, "09:00", 1, &error);
  g_assert_null (tickets);
  g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_SOLD_OUT);
  g_assert_nonnull (strstr (error->message, "refused"));
  g_assert_nonnull (strstr (error->message, "sold_out"));
  g_clear_error (&error);
  g_assert_cmpint (td_database_count (da, "ticket", NULL), ==, 2);
  g_assert_cmpint (platform_remaining (server.db, a.tenant_id, morning), ==, 0);
  slot = td_tickets_get_slot (da, poi_a, date, "09:00", &error);
  g_assert_cmpint (slot->quota, ==, 0);
  g_clear_pointer (&slot, td_slot_free);

  /* the platform out of reach: sold against the quota of the last sync
   * (5 in the afternoon), marked offline; more than that is refused */
  unreachable = td_catalogue_client_new (da, "http://127.0.0.1:1/", a.refresh_token);
  td_catalogue_client_set_timeout (unreachable, 5);
  tickets = sell (unreachable, da, poi_a, date, "14:00", 6, &error);
  g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_SOLD_OUT);
  g_clear_error (&error);
  tickets = sell (unreachable, da, poi_a, date, "14:00", 2, &error);
  g_assert_no_error (error);
  ticket = g_ptr_array_index (tickets, 0);
  g_assert_true (ticket->offline);
  g_assert_null (ticket->platform_booking_id);
  g_clear_pointer (&tickets, g_ptr_array_unref);
  g_assert_cmpint (platform_remaining (server.db, a.tenant_id, afternoon), ==, 5);

  /* back online: the refresh reports them, the platform takes the places */
  update = refresh (ca);
  g_assert_cmpuint (update.reported, ==, 2);
  g_assert_cmpuint (update.refused, ==, 0);
  g_assert_cmpint (platform_remaining (server.db, a.tenant_id, afternoon), ==, 3);
  g_assert_cmpint (td_test_query_int (da, "SELECT count(*) FROM tickets WHERE offline = 1 "
                                          "AND platform_booking_id IS NOT NULL"), ==, 2);
  slot = td_tickets_get_slot (da, poi_a, date, "14:00", &error);
  g_assert_cmpint (slot->quota, ==, 3);
  g_assert_cmpint (slot->offline_pending, ==, 0);
  g_assert_cmpint (td_slot_get_available (slot), ==, 3);

  /* desk B checks a ticket desk A sold: the ticket and A's public key
   * came with the sync, so the code is genuine there too */
  {
    g_autoptr(GPtrArray) sold_a = td_tickets_list (da, date, 1, &error);
    g_autoptr(TdTicketCheck) check = NULL;
    g_autofree char *code = g_strdup (((TdTicket *) g_ptr_array_index (sold_a, 0))->code);

    check = td_tickets_validate (db, "gate", code, td_today_julian ("Asia/Shanghai") + 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (check->verdict, ==, TD_TICKET_CHECK_FORGED);  /* A's key is not known at B yet */
    g_clear_pointer (&check, td_ticket_check_free);
    sync_desk (server.url, da, a.refresh_token);
    sync_desk (server.url, db, b.refresh_token);
    g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM ticket_keys WHERE deleted = 0"), ==, 2);
    check = td_tickets_validate (db, "gate", code, td_today_julian ("Asia/Shanghai") + 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (check->verdict, ==, TD_TICKET_CHECK_VALID);
    g_assert_cmpstr (check->ticket->state, ==, "used");
  }

  /* the same through tourdesk-cli: the catalogue, then a sale of the
   * afternoon's last 3 places online and one more refused by the platform */
  {
    g_autofree char *token_file = g_build_filename (td_test_tmpdir (), "desk-a.token", NULL);
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) answer = NULL;

    g_assert_true (g_file_set_contents (token_file, a.refresh_token, -1, NULL));
    td_test_cli (&run, "--db", td_database_get_path (da), "tickets", "catalogue", "--server", server.url,
                 "--token-file", token_file, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    answer = td_test_parse_json (run.out);
    g_assert_cmpint (json_object_get_int_member (answer, "refused"), ==, 0);
    td_test_run_clear (&run);
    td_test_cli (&run, "--db", td_database_get_path (da), "tickets", "sell", "--attraction", poi_a, "--date", date,
                 "--slot", "14:00", "--count", "3", "--server", server.url, "--token-file", token_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    td_test_run_clear (&run);
    td_test_cli (&run, "--db", td_database_get_path (da), "tickets", "sell", "--attraction", poi_a, "--date", date,
                 "--slot", "14:00", "--server", server.url, "--token-file", token_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "sold_out"));
    g_assert_cmpint (platform_remaining (server.db, a.tenant_id, afternoon), ==, 0);
  }

  g_clear_object (&ca);
  g_clear_object (&cb);
  g_clear_object (&unreachable);
  td_cloud_thread_stop (&server);
}


/* Sales made offline that the platform refuses become void with its
 * reason; a report repeated after its answer was lost takes no second
 * place; tickets voided here give their places back there at the next
 * refresh, one at a time from a booking of several, then the booking. */
static void
test_offline_refused_and_void (void)
{
  TdCloudThread server = { 0 };
  g_auto(TdCloudDeskInfo) a = { 0 };
  g_auto(TdCloudDeskInfo) b = { 0 };
  g_autofree char *poi_a = NULL, *poi_b = NULL, *date = NULL, *slot_id = NULL, *token_file = NULL;
  g_autoptr(TdDatabase) da = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdCatalogueClient) ca = NULL;
  g_autoptr(TdCatalogueClient) cb = NULL;
  g_autoptr(TdCatalogueClient) unreachable = NULL;
  g_autoptr(GPtrArray) offline = NULL;
  g_autoptr(GPtrArray) online = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) product = NULL;
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(TdTicketCheck) check = NULL;
  g_autoptr(TdTicket) voided = NULL;
  g_autoptr(TdTicket) refused = NULL;
  TdCatalogueUpdate update;
  TdMoney refund;
  guint32 tomorrow = td_today_julian ("Asia/Shanghai") + 1;

  date = td_date_format_iso (tomorrow);
  td_cloud_thread_start (&server, "tickets-void.cloud", NULL, NULL);
  td_cloud_add_desk (server.db, "中原旅行社", "售票一", &a);
  td_cloud_add_desk (server.db, "中原旅行社", "售票二", &b);
  product = td_cloud_admin_json (server.db, "attraction-add", a.tenant_id, "少林寺", NULL);
  added = td_cloud_admin_json (server.db, "slot-add", json_object_get_string_member (product, "id"),
                               date, "09:00", "11:00", "4", NULL);
  slot_id = g_strdup (json_object_get_string_member (added, "id"));
  da = desk_workspace ("void-a.tourdesk", &poi_a);
  db = desk_workspace ("void-b.tourdesk", &poi_b);
  sync_desk (server.url, da, a.refresh_token);
  sync_desk (server.url, db, b.refresh_token);
  ca = td_catalogue_client_new (da, server.url, a.refresh_token);
  cb = td_catalogue_client_new (db, server.url, b.refresh_token);
  refresh (ca);
  refresh (cb);

  /* A, out of reach, sells 2 against the quota of 4; B meanwhile sells 3 */
  unreachable = td_catalogue_client_new (da, "http://127.0.0.1:1/", a.refresh_token);
  td_catalogue_client_set_timeout (unreachable, 5);
  offline = sell (unreachable, da, poi_a, date, "09:00", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (td_ticket_get_platform_state (g_ptr_array_index (offline, 0)), ==, "awaiting");
  tickets = sell (cb, db, poi_b, date, "09:00", 3, &error);
  g_assert_no_error (error);
  g_clear_pointer (&tickets, g_ptr_array_unref);
  g_assert_cmpint (platform_remaining (server.db, a.tenant_id, slot_id), ==, 1);

  /* back online: the first takes the last place, the second is refused */
  update = refresh (ca);
  g_assert_cmpuint (update.reported, ==, 1);
  g_assert_cmpuint (update.refused, ==, 1);
  g_assert_cmpint (platform_remaining (server.db, a.tenant_id, slot_id), ==, 0);
  refused = td_tickets_get (da, ((TdTicket *) g_ptr_array_index (offline, 1))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (refused->state, ==, "void");
  g_assert_cmpstr (td_ticket_get_platform_state (refused), ==, "refused");
  g_assert_nonnull (strstr (refused->platform_refused, "sold_out"));
  check = td_tickets_validate (da, "gate", refused->code, tomorrow, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->verdict, ==, TD_TICKET_CHECK_VOID);
  g_assert_nonnull (strstr (check->message, "refused"));
  g_clear_pointer (&check, td_ticket_check_free);
  /* nothing left to report: the next refresh asks nothing */
  update = refresh (ca);
  g_assert_cmpuint (update.reported + update.refused, ==, 0);

  /* the answer lost: the confirmed ticket reported again is a duplicate */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE tickets SET platform_booking_id = NULL WHERE id = '%s'",
                                            ((TdTicket *) g_ptr_array_index (offline, 0))->id);
    sqlite3 *handle;

    g_assert_cmpint (sqlite3_open (td_database_get_path (da), &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (handle);
  }
  update = refresh (ca);
  g_assert_cmpuint (update.reported, ==, 1);
  g_assert_cmpuint (update.refused, ==, 0);
  g_assert_cmpint (platform_remaining (server.db, a.tenant_id, slot_id), ==, 0);

  /* B voids one of its 3 (one booking): the platform gets one place back;
   * then the other two: the booking is cancelled */
  online = td_tickets_list (db, date, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (online->len, ==, 3);
  voided = td_tickets_void (db, "clerk", ((TdTicket *) g_ptr_array_index (online, 0))->code, "行程取消", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (voided->state, ==, "void");
  update = refresh (cb);
  g_assert_cmpuint (update.released, ==, 1);
  g_assert_cmpint (platform_remaining (server.db, a.tenant_id, slot_id), ==, 1);
  update = refresh (cb);
  g_assert_cmpuint (update.released, ==, 0);
  td_money_init (&refund, 8000, "CNY", NULL);
  g_clear_pointer (&voided, td_ticket_free);
  voided = td_tickets_void (db, "clerk", ((TdTicket *) g_ptr_array_index (online, 1))->id, "改期", &refund, &error);
  g_assert_no_error (error);
  g_assert_cmpint (voided->refund.minor, ==, 8000);
  g_clear_pointer (&voided, td_ticket_free);
  voided = td_tickets_void (db, "clerk", ((TdTicket *) g_ptr_array_index (online, 2))->id, "改期", NULL, &error);
  g_assert_no_error (error);
  update = refresh (cb);
  g_assert_cmpuint (update.released, ==, 2);
  g_assert_cmpint (platform_remaining (server.db, a.tenant_id, slot_id), ==, 3);

  /* refusals: a void ticket, a used one, too big a refund, no reason */
  g_clear_pointer (&voided, td_ticket_free);
  voided = td_tickets_void (db, "clerk", ((TdTicket *) g_ptr_array_index (online, 2))->id, "again", NULL, &error);
  g_assert_null (voided);
  g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID);
  g_clear_error (&error);
  token_file = g_build_filename (td_test_tmpdir (), "void-a.token", NULL);
  {
    g_autofree char *code = g_strdup (((TdTicket *) g_ptr_array_index (offline, 0))->code);
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", td_database_get_path (da), "tickets", "void", code, "--reason", "x",
                 "--refund", "100", NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
    td_test_run_clear (&run);
    td_test_cli (&run, "--db", td_database_get_path (da), "tickets", "void", code, NULL);
    g_assert_cmpint (run.status, ==, 2);
    td_test_run_clear (&run);
    check = td_tickets_validate (da, "gate", code, tomorrow, &error);
    g_assert_cmpint (check->verdict, ==, TD_TICKET_CHECK_VALID);
    td_test_cli (&run, "--db", td_database_get_path (da), "tickets", "void", code, "--reason", "x", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "used"));
    td_test_run_clear (&run);
    td_test_cli (&run, "--db", td_database_get_path (da), "tickets", "void", "NOSUCHCODE", "--reason", "x", NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
  }

  g_clear_object (&ca);
  g_clear_object (&cb);
  g_clear_object (&unreachable);
  td_cloud_thread_stop (&server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tickets/platform/sell", test_sell_through_platform);
  g_test_add_func ("/tickets/platform/offline-refused-void", test_offline_refused_and_void);
  return g_test_run ();
}
