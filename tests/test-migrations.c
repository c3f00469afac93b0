/* test-migrations.c: a workspace made by every earlier schema version opens
 * and migrates intact; a failed upgrade changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-migrations.h"
#include "td-test-utils.h"

#define ORG "6f1c2a3b-0000-4000-8000-000000000001"
#define CUSTOMER "6f1c2a3b-0000-4000-8000-000000000002"
#define PROPERTY "6f1c2a3b-0000-4000-8000-000000000003"
#define ROOM_TYPE "6f1c2a3b-0000-4000-8000-000000000004"
#define ROOM "6f1c2a3b-0000-4000-8000-000000000005"
#define POI "6f1c2a3b-0000-4000-8000-000000000006"
#define CUSTOMER_5 "6f1c2a3b-0000-4000-8000-000000000007"
#define CUSTOMER_6 "6f1c2a3b-0000-4000-8000-000000000008"
#define DOCUMENT "6f1c2a3b-0000-4000-8000-000000000009"
#define NOTE "6f1c2a3b-0000-4000-8000-00000000000a"
#define RATE_PLAN "6f1c2a3b-0000-4000-8000-00000000000b"
#define RESERVATION "6f1c2a3b-0000-4000-8000-00000000000c"
#define STAY "6f1c2a3b-0000-4000-8000-00000000000d"
#define CLOSURE "6f1c2a3b-0000-4000-8000-00000000000e"
#define CUSTOMER_8 "6f1c2a3b-0000-4000-8000-00000000000f"
#define SLOT "6f1c2a3b-0000-4000-8000-000000000010"
#define TICKET "6f1c2a3b-0000-4000-8000-000000000011"
#define TICKET_TYPE "6f1c2a3b-0000-4000-8000-000000000012"
#define PRODUCT "6f1c2a3b-0000-4000-8000-000000000020"
#define DEPARTURE "6f1c2a3b-0000-4000-8000-000000000021"
#define TOUR_BOOKING "6f1c2a3b-0000-4000-8000-000000000022"
#define PARTICIPANT "6f1c2a3b-0000-4000-8000-000000000023"
#define COMPLAINT "6f1c2a3b-0000-4000-8000-000000000030"
#define COMPLAINT_NOTE "6f1c2a3b-0000-4000-8000-000000000031"
#define SEGMENT "6f1c2a3b-0000-4000-8000-000000000e01"
#define COUPON "6f1c2a3b-0000-4000-8000-000000000e02"
#define CAMPAIGN "6f1c2a3b-0000-4000-8000-000000000e03"
#define SURVEY "6f1c2a3b-0000-4000-8000-000000000040"
#define REGISTRATION "6f1c2a3b-0000-4000-8000-000000000050"
#define FOLIO "6f1c2a3b-0000-4000-8000-000000000051"
#define FOLIO_ENTRY "6f1c2a3b-0000-4000-8000-000000000052"
#define FEED_EVENT "6f1c2a3b-0000-4000-8000-000000000053"
#define T "'2026-01-01T00:00:00.000000Z'"

/* What a Tourdesk of that version would have written: record, outbox, audit. */
#define RECORD(kind, id) \
  "INSERT INTO outbox (change_id, kind, record_id, org_id, op, revision, base_revision, payload, created_at) " \
  "VALUES (lower(hex(randomblob(16))), '" kind "', '" id "', '" ORG "', 'insert', 1, 0, '{}', " T ");" \
  "INSERT INTO audit_log (at, actor, kind, record_id, op, revision, changes) " \
  "VALUES (" T ", 'old@desk', '" kind "', '" id "', 'insert', 1, '{}');"

static const char *fixtures[] = {
  /* 1 */
  "INSERT INTO settings VALUES ('name', '旧版本酒店'), ('profile', 'both'), ('currency', 'CNY'), "
  "('time-zone', 'Asia/Shanghai'), ('default-org', '" ORG "'), ('desk-id', 'old-desk');"
  "INSERT INTO organisations (id, org_id, created_at, updated_at, name, kind) "
  "VALUES ('" ORG "', '" ORG "', " T ", " T ", '旧版本酒店', 'hotel');"
  RECORD ("organisation", ORG),
  /* 2 */
  "INSERT INTO customers (id, org_id, created_at, updated_at, party, name, phone, birth_date) "
  "VALUES ('" CUSTOMER "', '" ORG "', " T ", " T ", 'person', '王小明', '13800138000', '1990-05-01');"
  RECORD ("customer", CUSTOMER),
  /* 3 */
  "INSERT INTO properties (id, org_id, created_at, updated_at, name, city) "
  "VALUES ('" PROPERTY "', '" ORG "', " T ", " T ", '老店', '开封市');"
  "INSERT INTO room_types (id, org_id, created_at, updated_at, property_id, code, name, base_price_minor, base_price_currency) "
  "VALUES ('" ROOM_TYPE "', '" ORG "', " T ", " T ", '" PROPERTY "', 'STD', '标准间', 26800, 'CNY');"
  "INSERT INTO rooms (id, org_id, created_at, updated_at, property_id, room_type_id, number) "
  "VALUES ('" ROOM "', '" ORG "', " T ", " T ", '" PROPERTY "', '" ROOM_TYPE "', '301');"
  RECORD ("property", PROPERTY) RECORD ("room_type", ROOM_TYPE) RECORD ("room", ROOM),
  /* 4 */
  "INSERT INTO pois (id, org_id, created_at, updated_at, name, category, lat, lon) "
  "VALUES ('" POI "', '" ORG "', " T ", " T ", '铁塔', 'attraction', 34.8136, 114.3583);"
  RECORD ("poi", POI),
  /* 5: the search index's triggers index a customer written then */
  "INSERT INTO customers (id, org_id, created_at, updated_at, party, name, phone, email, id_type, id_number) "
  "VALUES ('" CUSTOMER_5 "', '" ORG "', " T ", " T ", 'person', '曾小梅', '13912345678', "
  "'Zeng.XM@example.com', 'resident-id', '410105198803120023');"
  RECORD ("customer", CUSTOMER_5),
  /* 6: the full customer record, a document and a note; tags are searched */
  "INSERT INTO customers (id, org_id, created_at, updated_at, party, name, phone, tags, district, "
  "consent_sms, consent_sms_at, consent_sms_how) "
  "VALUES ('" CUSTOMER_6 "', '" ORG "', " T ", " T ", 'person', '赵六', '13611112222', 'VIP,回头客', "
  "'金水区', 'granted', " T ", 'form at the desk');"
  "INSERT INTO customer_documents (id, org_id, created_at, updated_at, customer_id, doc_type, number, country, expiry) "
  "VALUES ('" DOCUMENT "', '" ORG "', " T ", " T ", '" CUSTOMER_6 "', 'passport', 'E12345678', 'CHN', '2030-01-01');"
  "INSERT INTO customer_notes (id, org_id, created_at, updated_at, customer_id, body) "
  "VALUES ('" NOTE "', '" ORG "', " T ", " T ", '" CUSTOMER_6 "', '喜欢安静的房间');"
  RECORD ("customer", CUSTOMER_6) RECORD ("customer_document", DOCUMENT) RECORD ("customer_note", NOTE),
  /* 7: the front desk: a rate plan, a reservation with one stay of two
   * nights in room 301, and 301 out of order for two nights later; the
   * triggers write the four room-nights */
  "INSERT INTO rate_plans (id, org_id, created_at, updated_at, room_type_id, code, name, "
  "base_price_minor, base_price_currency) "
  "VALUES ('" RATE_PLAN "', '" ORG "', " T ", " T ", '" ROOM_TYPE "', 'BAR', '门市价', 26800, 'CNY');"
  "INSERT INTO reservations (id, org_id, created_at, updated_at, property_id, customer_id, source) "
  "VALUES ('" RESERVATION "', '" ORG "', " T ", " T ", '" PROPERTY "', '" CUSTOMER "', 'phone');"
  "INSERT INTO stays (id, org_id, created_at, updated_at, reservation_id, property_id, room_type_id, room_id, "
  "arrival, departure, adults, rate_plan_id, state, nightly_prices, total_minor, total_currency) "
  "VALUES ('" STAY "', '" ORG "', " T ", " T ", '" RESERVATION "', '" PROPERTY "', '" ROOM_TYPE "', '" ROOM "', "
  "'2026-05-01', '2026-05-03', 2, '" RATE_PLAN "', 'confirmed', '[26800,26800]', 53600, 'CNY');"
  "INSERT INTO out_of_order_periods (id, org_id, created_at, updated_at, room_id, start_date, end_date, reason) "
  "VALUES ('" CLOSURE "', '" ORG "', " T ", " T ", '" ROOM "', '2026-05-10', '2026-05-12', '空调维修');"
  RECORD ("rate_plan", RATE_PLAN) RECORD ("reservation", RESERVATION) RECORD ("stay", STAY)
  RECORD ("out_of_order", CLOSURE),
  /* 8: the list's sort keys, kept by triggers */
  "INSERT INTO customers (id, org_id, created_at, updated_at, party, name, city) "
  "VALUES ('" CUSTOMER_8 "', '" ORG "', " T ", " T ", 'person', '安然', '洛阳市');"
  RECORD ("customer", CUSTOMER_8),
  /* 9: sync state: a platform revision, a cursor, an open conflict */
  "INSERT INTO sync_records VALUES ('customer', '" CUSTOMER "', 3);"
  "INSERT INTO sync_state VALUES ('cursor', 'c1.42');"
  "INSERT INTO sync_conflicts (kind, record_id, field, base, server, desk, server_revision, op_id, created_at) "
  "VALUES ('customer', '" CUSTOMER "', 'phone', '\"13800138000\"', '\"13800138001\"', '\"13800138002\"', 3, 'x', " T ");",
  /* 10: attraction tickets: a slot of 2 places at the tower, a ticket type,
   * one ticket sold here (the capacity triggers count it) */
  "INSERT INTO attraction_slots (id, org_id, created_at, updated_at, poi_id, date, start_time, end_time, capacity) "
  "VALUES ('" SLOT "', '" ORG "', " T ", " T ", '" POI "', '2026-05-01', '09:00', '10:00', 2);"
  "INSERT INTO ticket_types (id, org_id, created_at, updated_at, poi_id, type, price_minor, price_currency) "
  "VALUES ('" TICKET_TYPE "', '" ORG "', " T ", " T ", '" POI "', 'adult', 8000, 'CNY');"
  "INSERT INTO tickets (id, org_id, created_at, updated_at, code, poi_id, slot_id, date, start_time, type, "
  "price_minor, price_currency, state, desk_id) "
  "VALUES ('" TICKET "', '" ORG "', " T ", " T ", 'OLDCODE', '" POI "', '" SLOT "', '2026-05-01', '09:00', 'adult', "
  "8000, 'CNY', 'sold', 'old-desk');"
  RECORD ("attraction_slot", SLOT) RECORD ("ticket_type", TICKET_TYPE) RECORD ("ticket", TICKET),
  /* 11: the agency desk: a product, a departure of one seat, a booking
   * that takes it */
  "INSERT INTO tour_products (id, org_id, created_at, updated_at, code, name, days, "
  "price_adult_minor, price_adult_currency, cancel_tiers) "
  "VALUES ('" PRODUCT "', '" ORG "', " T ", " T ", 'KF2', '开封两日游', 2, 88000, 'CNY', "
  "'[{\"days\":7,\"percent\":0},{\"days\":0,\"percent\":100}]');"
  "INSERT INTO tour_departures (id, org_id, created_at, updated_at, product_id, start_date, capacity, state) "
  "VALUES ('" DEPARTURE "', '" ORG "', " T ", " T ", '" PRODUCT "', '2026-06-01', 1, 'open');"
  "INSERT INTO tour_bookings (id, org_id, created_at, updated_at, departure_id, lead_customer_id, state, "
  "price_lines, total_minor, total_currency) "
  "VALUES ('" TOUR_BOOKING "', '" ORG "', " T ", " T ", '" DEPARTURE "', '" CUSTOMER "', 'booked', '[]', 88000, 'CNY');"
  "INSERT INTO tour_participants (id, org_id, created_at, updated_at, booking_id, departure_id, customer_id, "
  "pax_type, price_minor, price_currency, seat, active) "
  "VALUES ('" PARTICIPANT "', '" ORG "', " T ", " T ", '" TOUR_BOOKING "', '" DEPARTURE "', '" CUSTOMER "', "
  "'adult', 88000, 'CNY', 1, 1);"
  RECORD ("tour_product", PRODUCT) RECORD ("tour_departure", DEPARTURE)
  RECORD ("tour_booking", TOUR_BOOKING) RECORD ("tour_participant", PARTICIPANT),
  /* 12: the sync inbox: a rejected operation, whole */
  "INSERT INTO sync_inbox (op_id, kind, record_id, op, status, code, detail, payload, server_revision, created_at) "
  "VALUES ('y', 'customer', '" CUSTOMER_8 "', 'update', 'rejected', 'invalid_value', 'phone', "
  "'{\"phone\":\"1\"}', NULL, " T ");"
  /* 12 too: a complaint and a step of its workflow */
  "INSERT INTO complaints (id, org_id, created_at, updated_at, subject, body, channel, customer_id, category, "
  "severity, due_at) VALUES ('" COMPLAINT "', '" ORG "', " T ", " T ", '排队太久', '售票处排了一个半小时。', 'desk', "
  "'" CUSTOMER "', 'service', 'medium', '2026-05-04T08:00:00Z');"
  "INSERT INTO complaint_notes (id, org_id, created_at, updated_at, complaint_id, body, action, state, assignee, "
  "amount_minor, amount_currency, outcome) VALUES ('" COMPLAINT_NOTE "', '" ORG "', " T ", " T ", '" COMPLAINT "', "
  "'退一张票', 'outcome', NULL, NULL, 6000, 'CNY', 'refund');"
  RECORD ("complaint", COMPLAINT) RECORD ("complaint_note", COMPLAINT_NOTE),
  /* 13: marketing: a segment, a coupon, a campaign; the stay of 7 is
   * counted in the bookings view */
  "INSERT INTO segments (id, org_id, created_at, updated_at, name, rules) "
  "VALUES ('" SEGMENT "', '" ORG "', " T ", " T ", '郑州回头客', '{\"match\":\"all\",\"rules\":[]}');"
  "INSERT INTO coupons (id, org_id, created_at, updated_at, code, discount, percent) "
  "VALUES ('" COUPON "', '" ORG "', " T ", " T ", 'SPRING26', 'percent', 10);"
  "INSERT INTO campaigns (id, org_id, created_at, updated_at, name, segment_id, channel, subject, body, coupon_id, state) "
  "VALUES ('" CAMPAIGN "', '" ORG "', " T ", " T ", '春季', '" SEGMENT "', 'email', '春天好', '{name}，您好', '" COUPON "', 'draft');"
  RECORD ("segment", SEGMENT) RECORD ("coupon", COUPON) RECORD ("campaign", CAMPAIGN),
  /* 14: analytics: the reservation was booked on 2026-04-20 (Beijing), a
   * survey answered after the stay; the triggers write the daily facts */
  "UPDATE reservations SET booked_at = '2026-04-19T17:00:00.000000Z' WHERE id = '" RESERVATION "';"
  "INSERT INTO survey_responses (id, org_id, created_at, updated_at, customer_id, stay_id, property_id, nps, "
  "rating_service, answered_at, channel) "
  "VALUES ('" SURVEY "', '" ORG "', " T ", " T ", '" CUSTOMER "', '" STAY "', '" PROPERTY "', 9, 5, "
  "'2026-05-03T04:00:00.000000Z', 'desk');"
  RECORD ("survey_response", SURVEY),
  /* 15: check-in: the guest's registration; the stay's folio with a room night */
  "INSERT INTO guest_registrations (id, org_id, created_at, updated_at, property_id, customer_id, stay_id, room, "
  "guest_name, nationality, id_type, id_number, check_in, check_out) "
  "VALUES ('" REGISTRATION "', '" ORG "', " T ", " T ", '" PROPERTY "', '" CUSTOMER_5 "', '" STAY "', '301', "
  "'曾小梅', 'CHN', 'resident-id', '410105198803120023', '2026-05-01', '2026-05-03');"
  "INSERT INTO folios (id, org_id, created_at, updated_at, stay_id, number, currency) "
  "VALUES ('" FOLIO "', '" ORG "', " T ", " T ", '" STAY "', 1, 'CNY');"
  "INSERT INTO folio_entries (id, org_id, created_at, updated_at, folio_id, stay_id, type, category, "
  "amount_minor, amount_currency, night, posted_at, posted_by) "
  "VALUES ('" FOLIO_ENTRY "', '" ORG "', " T ", " T ", '" FOLIO "', '" STAY "', 'room', 'room', 26800, 'CNY', "
  "'2026-05-01', " T ", 'old@desk');"
  "INSERT INTO feed_events (id, org_id, created_at, updated_at, room_id, feed, uid, start_date, end_date, status, "
  "conflict, conflict_stay_id, seen_at) "
  "VALUES ('" FEED_EVENT "', '" ORG "', " T ", " T ", '" ROOM "', 'Booking.com', 'a1f0@booking.com', '2026-05-01', "
  "'2026-05-02', 'conflict', '王小明 has the room', '" STAY "', " T ");"
  RECORD ("guest_registration", REGISTRATION) RECORD ("folio", FOLIO) RECORD ("folio_entry", FOLIO_ENTRY)
  RECORD ("feed_event", FEED_EVENT),
  /* 16: the ticket of 10 voided and refunded */
  "UPDATE tickets SET state = 'void', void_reason = '行程取消', voided_at = " T ", refund_minor = 8000, "
  "refund_currency = 'CNY' WHERE id = '" TICKET "';",
};

static char *
make_old_workspace (int version)
{
  static int serial;
  g_autofree char *name = g_strdup_printf ("v%d-%d.tourdesk", version, ++serial);
  char *path = td_test_path (name);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  td_migrations_apply (db, 0, version, &error);
  g_assert_no_error (error);
  for (int v = 1; v <= version; v++)
    {
      char *message = NULL;

      if (sqlite3_exec (db, fixtures[v - 1], NULL, NULL, &message) != SQLITE_OK)
        g_error ("fixture %d: %s", v, message);
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static void
test_every_version (void)
{
  int latest = td_database_latest_schema_version ();

  /* the fixtures must follow the schema: add one with each migration */
  g_assert_cmpint (G_N_ELEMENTS (fixtures), ==, latest);

  for (int version = 1; version < latest; version++)
    {
      g_autofree char *path = make_old_workspace (version);
      g_autoptr(GError) error = NULL;
      g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(JsonObject) org = NULL;
      g_autofree char *name = NULL;

      g_test_message ("from version %d", version);
      g_assert_no_error (error);
      g_assert_cmpint (td_database_get_schema_version (db), ==, latest);
      g_assert_cmpint (td_test_query_int (db, "PRAGMA user_version"), ==, latest);

      /* what was there is still there */
      name = td_database_dup_setting (db, TD_SETTING_NAME);
      g_assert_cmpstr (name, ==, "旧版本酒店");
      org = td_database_get_record (db, "organisation", ORG, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (org, "name"), ==, "旧版本酒店");
      g_assert_cmpint (td_database_count (db, "customer", NULL), ==, (version >= 2) + (version >= 5) + (version >= 6) + (version >= 8));
      g_assert_cmpint (td_database_count (db, "room", NULL), ==, version >= 3 ? 1 : 0);
      g_assert_cmpint (td_database_count (db, "poi", NULL), ==, version >= 4 ? 1 : 0);
      if (version >= 2)
        {
          g_autoptr(JsonObject) customer = td_database_get_record (db, "customer", CUSTOMER, NULL);

          g_assert_cmpstr (json_object_get_string_member (customer, "name"), ==, "王小明");
          g_assert_cmpstr (json_object_get_string_member (customer, "birth_date"), ==, "1990-05-01");
        }
      if (version >= 2)
        {
          /* a customer from before the search index (5) is found like a new one */
          const char *queries[] = { "王小明", "王", "小明", "明", "wxm", "wangxiaoming", "8000", "138001" };

          for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
            {
              g_autoptr(GPtrArray) hits = td_customer_search (db, queries[q], 0, &error);

              g_assert_no_error (error);
              g_test_message ("search %s", queries[q]);
              g_assert_cmpuint (hits->len, ==, 1);
              g_assert_cmpstr (((TdCustomerHit *) g_ptr_array_index (hits, 0))->id, ==, CUSTOMER);
            }
        }
      /* the list's sort keys (8) for every customer there was */
      g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM customers WHERE sort_name = ''"), ==, 0);
      if (version >= 2)
        g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM customers WHERE sort_name = "
                                                "'wang xiao ming' || char(31) || '王小明' AND sort_city = ''"), ==, 1);
      if (version >= 3)
        {
          g_autoptr(JsonObject) type = td_database_get_record (db, "room_type", ROOM_TYPE, NULL);
          JsonObject *price = json_object_get_object_member (type, "base_price");

          g_assert_cmpint (json_object_get_int_member (price, "minor"), ==, 26800);
        }

      /* and everything the project promises holds */
      results = td_database_check (db, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < results->len; i++)
        {
          TdCheckResult *r = g_ptr_array_index (results, i);

          if (!r->ok)
            g_error ("%s after migrating from %d: %s", r->name, version, r->detail);
        }
    }
}

/* The newest fixture is written the way the newest schema wants: by a
 * connection of sqlite3's own, with the index kept by the triggers. */
static void
test_latest_fixture (void)
{
  g_autofree char *path = make_old_workspace (td_database_latest_schema_version ());
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
  g_autoptr(GPtrArray) hits = NULL;

  g_assert_no_error (error);
  hits = td_customer_search (db, "小梅", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((TdCustomerHit *) g_ptr_array_index (hits, 0))->id, ==, CUSTOMER_5);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* 曾 reads zeng as a surname, ceng otherwise: both find her */
  hits = td_customer_search (db, "zxm", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = td_customer_search (db, "cxm", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = td_customer_search (db, "zeng.xm@", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* tags (6), whole or their start, in any case */
  hits = td_customer_search (db, "vip", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((TdCustomerHit *) g_ptr_array_index (hits, 0))->id, ==, CUSTOMER_6);
  g_assert_cmpint (((TdCustomerHit *) g_ptr_array_index (hits, 0))->field, ==, TD_CUSTOMER_FIELD_TAG);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = td_customer_search (db, "回头", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* 7: the stay's two nights and the closure's two, as rows of room_nights */
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM room_nights"), ==, 4);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM room_nights WHERE stay IS NOT NULL"
                                          " AND night BETWEEN 739737 AND 739738"), ==, 2);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM room_nights WHERE closure IS NOT NULL"
                                          " AND night BETWEEN 739746 AND 739747"), ==, 2);
  g_assert_cmpint (td_database_count (db, "stay", NULL), ==, 1);
  {
    g_autoptr(GPtrArray) results = td_database_check (db, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < results->len; i++)
      {
        TdCheckResult *r = g_ptr_array_index (results, i);

        if (!r->ok)
          g_error ("%s in the latest fixture: %s", r->name, r->detail);
      }
  }
  /* the room-night table is a rule of the database, whoever writes:
   * another stay on 2026-05-02 in room 301 cannot be written */
  {
    sqlite3 *handle;
    char *message = NULL;

    g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle,
                                   "UPDATE stays SET arrival = '2026-05-09', departure = '2026-05-11', "
                                   "nightly_prices = '[1,1]' WHERE id = '" STAY "'",
                                   NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
    g_assert_nonnull (strstr (message, "room_nights"));
    sqlite3_free (message);
    sqlite3_close (handle);
  }

  /* the slot's capacity (migration 10) is a rule of the database too: the
   * fixture's ticket was voided (16), so two tickets fit, a third does not */
  {
    sqlite3 *handle;
    char *message = NULL;

#define TICKET_INSERT(id, code) \
    "INSERT INTO tickets (id, org_id, created_at, updated_at, code, poi_id, slot_id, date, start_time, type, " \
    "price_minor, price_currency, state, desk_id) VALUES ('" id "', '" ORG "', " T ", " T ", '" code "', '" POI "', " \
    "'" SLOT "', '2026-05-01', '09:00', 'adult', 8000, 'CNY', 'sold', 'old-desk')"
    g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, TICKET_INSERT ("6f1c2a3b-0000-4000-8000-000000000013", "C2"),
                                   NULL, NULL, &message), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, TICKET_INSERT ("6f1c2a3b-0000-4000-8000-000000000014", "C3"),
                                   NULL, NULL, &message), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, TICKET_INSERT ("6f1c2a3b-0000-4000-8000-000000000015", "C4"),
                                   NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
    g_assert_nonnull (strstr (message, "tourdesk-slot-full"));
    sqlite3_free (message);
    sqlite3_close (handle);
#undef TICKET_INSERT
  }

  /* the departure's one seat is taken (migration 11): the database itself
   * refuses a second participant, and a capacity below the seats sold */
  {
    sqlite3 *handle;
    char *message = NULL;

    g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle,
                                   "INSERT INTO tour_participants (id, org_id, created_at, updated_at, booking_id, "
                                   "departure_id, customer_id, pax_type, price_minor, price_currency, active) "
                                   "VALUES ('6f1c2a3b-0000-4000-8000-000000000024', '" ORG "', " T ", " T ", "
                                   "'" TOUR_BOOKING "', '" DEPARTURE "', '" CUSTOMER_5 "', 'adult', 1, 'CNY', 1)",
                                   NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
    g_assert_nonnull (strstr (message, "tour: departure full"));
    sqlite3_free (message);
    g_assert_cmpint (sqlite3_exec (handle, "UPDATE tour_departures SET capacity = 2 WHERE id = '" DEPARTURE "'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, "UPDATE tour_participants SET seat = 3 WHERE id = '" PARTICIPANT "'",
                                   NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
    g_assert_nonnull (strstr (message, "tour: no such seat"));
    sqlite3_free (message);
    g_assert_cmpint (sqlite3_exec (handle, "UPDATE tour_departures SET capacity = 0 WHERE id = '" DEPARTURE "'",
                                   NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
    sqlite3_close (handle);
  }

  /* 14: the stay's two nights sold at ¥268, one booking of 11 days' lead
   * (booked 2026-04-20 Beijing time, arriving 2026-05-01) */
  g_assert_cmpint (td_test_query_int (db, "SELECT sum(units) FROM analytics_days WHERE kind = 'stay' AND property = '" PROPERTY "'"), ==, 2);
  /* and again for all the properties */
  g_assert_cmpint (td_test_query_int (db, "SELECT sum(units) FROM analytics_days WHERE kind = 'stay' AND property = ''"), ==, 2);
  g_assert_cmpint (td_test_query_int (db, "SELECT sum(revenue) FROM analytics_days WHERE source = 'phone' AND property <> ''"), ==, 53600);
  g_assert_cmpint (td_test_query_int (db, "SELECT sum(arrivals) FROM analytics_days WHERE property <> ''"), ==, 1);
  g_assert_cmpint (td_test_query_int (db, "SELECT sum(lead_days) FROM analytics_days WHERE property = ''"), ==, 11);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM analytics_books WHERE units = 1"
                                          " AND day = 739726 AND night BETWEEN 739737 AND 739738"), ==, 4);
  g_assert_cmpint (td_database_count (db, "survey_response", NULL), ==, 1);

  /* the list's sort keys (8): 安然 of 洛阳 comes first */
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM customers WHERE sort_name = "
                                          "'an ran' || char(31) || '安然' AND sort_city = 'luo yang shi' || char(31) || '洛阳市'"), ==, 1);
  g_assert_cmpint (td_test_query_int (db, "SELECT rowid FROM customers WHERE deleted = 0 ORDER BY sort_name LIMIT 1"),
                   ==, td_test_query_int (db, "SELECT rowid FROM customers WHERE id = '" CUSTOMER_8 "'"));

  /* marketing (13): the stay is the customer's one booking, upcoming */
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM customer_bookings WHERE customer_id = '" CUSTOMER "'"
                                          " AND booking_id = '" RESERVATION "' AND status = 'upcoming'"), ==, 1);
  g_assert_cmpint (td_database_count (db, "campaign", NULL), ==, 1);

  /* voided tickets (16): the reason and the refund are read back */
  {
    g_autoptr(JsonObject) ticket = td_database_get_record (db, "ticket", TICKET, NULL);

    g_assert_nonnull (ticket);
    g_assert_cmpstr (json_object_get_string_member (ticket, "void_reason"), ==, "行程取消");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (ticket, "refund"), "minor"), ==, 8000);
  }

  /* check-in, folios and feeds (15): the registration, the folio and the
   * feed event are read back; a room night is posted once, whoever writes */
  g_assert_cmpint (td_database_count (db, "guest_registration", NULL), ==, 1);
  g_assert_cmpint (td_database_count (db, "feed_event", NULL), ==, 1);
  g_assert_cmpint (td_database_count (db, "folio_entry", NULL), ==, 1);
  {
    sqlite3 *handle;
    char *message = NULL;

    g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle,
                                   "INSERT INTO folio_entries (id, org_id, created_at, updated_at, folio_id, stay_id, "
                                   "type, amount_minor, amount_currency, night, posted_at) "
                                   "VALUES ('6f1c2a3b-0000-4000-8000-0000000000ff', '" ORG "', " T ", " T ", '" FOLIO "', "
                                   "'" STAY "', 'room', 26800, 'CNY', '2026-05-01', " T ")",
                                   NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
    g_assert_nonnull (strstr (message, "folio_entries"));
    sqlite3_free (message);
    sqlite3_close (handle);
  }
}

static void
test_failed_upgrade_changes_nothing (void)
{
  g_autofree char *path = make_old_workspace (1);
  g_autoptr(GError) error = NULL;
  TdDatabase *db;
  sqlite3 *handle;

  /* something in the way of migration 2 */
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE INDEX customers_org ON settings (value)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_MIGRATION);

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;

    sqlite3_prepare_v2 (handle, "SELECT (SELECT user_version FROM pragma_user_version), "
                                "(SELECT count(*) FROM sqlite_master WHERE name = 'customers'), "
                                "(SELECT count(*) FROM organisations)", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
    g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (handle);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/migrations/every-version", test_every_version);
  g_test_add_func ("/migrations/latest-fixture", test_latest_fixture);
  g_test_add_func ("/migrations/failed-upgrade-changes-nothing", test_failed_upgrade_changes_nothing);
  return g_test_run ();
}
