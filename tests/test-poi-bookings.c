/* test-poi-bookings.c: what is booked at a place of the map, and what is left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-test-hotel.h"
#include "td-test-tours.h"
#include "td-test-utils.h"

static TdPoi *
add_poi (TdDatabase *db,
         const char *name,
         const char *category,
         double      lat,
         double      lon)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdChange *change = td_change_new_insert ("poi", NULL);
  TdPoi *poi = td_poi_new ();

  td_change_set_string (change, "name", name);
  td_change_set_string (change, "category", category);
  td_change_set_double (change, "lat", lat);
  td_change_set_double (change, "lon", lon);
  g_ptr_array_add (changes, change);
  td_database_commit (db, "test", changes, &error);
  g_assert_no_error (error);

  poi->id = g_strdup (td_change_get_id (change));
  poi->name = g_strdup (name);
  g_assert_true (td_poi_category_from_string (category, &poi->category));
  poi->lat = lat;
  poi->lon = lon;
  return poi;
}

static GPtrArray *
sell (TdDatabase *db,
      const char *poi_id,
      const char *date,
      const char *start,
      guint       count,
      GError    **error)
{
  TdTicketSale sale = { 0 };

  sale.poi_id = poi_id;
  sale.date = date;
  sale.start_time = start;
  sale.type = TD_TICKET_ADULT;
  sale.count = count;
  return td_tickets_sell (db, "test", &sale, error);
}

static guint
count_kind (GPtrArray        *bookings,
            TdPoiBookingKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < bookings->len; i++)
    if (td_poi_booking_get_kind (g_ptr_array_index (bookings, i)) == kind)
      n++;
  return n;
}

/* The fixture agency's LY3 visits 龙门石窟 on day 1; a booking on the
 * Oct 3 departure (Oct 3–5), two tickets then one more for its 09:00 slot
 * of 3 places on Oct 3. */
static void
test_attraction (void)
{
  g_autoptr(TdTestTours) t = td_test_tours_new ("poi-attraction");
  g_autoptr(TdPoi) longmen = add_poi (t->db, "龙门石窟", "attraction", 34.5590, 112.4690);
  g_autoptr(TdPoi) other = add_poi (t->db, "白马寺", "attraction", 34.7230, 112.5990);
  g_autoptr(TdPoiAvailability) availability = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GPtrArray) sold = NULL;
  g_autoptr(TdSlot) slot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *left = NULL;
  g_autofree char *booking_id = NULL;
  TdTourTraveller traveller = { 0 };
  TdTourBookingRequest request = { 0 };
  TdTourItem item = { 0 };
  TdDeskTime when = td_test_at ("2026-09-01");
  TdPoiBooking *first;

  /* no slot yet: none that day, none at all */
  availability = td_poi_get_availability (t->db, longmen, td_test_date ("2026-10-03"), &when, &error);
  g_assert_no_error (error);
  g_assert_false (availability->has_slots);
  g_assert_cmpuint (availability->slots->len, ==, 0);
  g_assert_null (availability->property_id);
  g_clear_pointer (&availability, td_poi_availability_free);

  item.product_id = t->product;
  item.day = 1;
  item.type = TD_ITEM_ATTRACTION;
  item.poi_id = longmen->id;
  item.title = (char *) "龙门石窟";
  g_assert_true (td_tour_item_save (t->db, "test", &item, &error));
  g_assert_no_error (error);
  g_free (item.id);

  traveller.customer_id = t->child;
  request.departure_id = t->golden;
  request.lead_customer_id = t->adult;
  request.travellers = &traveller;
  request.n_travellers = 1;
  booking_id = td_tour_book (t->db, "test", &request, &when, &error);
  g_assert_no_error (error);

  {
    TdMoney price;

    td_money_init (&price, 9000, "CNY", NULL);
    g_assert_true (td_tickets_set_price (t->db, "test", longmen->id, TD_TICKET_ADULT, &price, &error));
    g_assert_no_error (error);
  }
  slot = td_tickets_add_slot (t->db, "test", longmen->id, "2026-10-03", "09:00", "11:00", 3, &error);
  g_assert_no_error (error);
  sold = sell (t->db, longmen->id, "2026-10-03", "09:00", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sold->len, ==, 2);

  availability = td_poi_get_availability (t->db, longmen, td_test_date ("2026-10-03"), &when, &error);
  g_assert_no_error (error);
  g_assert_true (availability->has_slots);
  g_assert_cmpuint (availability->slots->len, ==, 1);
  left = td_slot_format_left (g_ptr_array_index (availability->slots, 0));
  g_assert_cmpstr (left, ==, "1 left");
  g_clear_pointer (&left, g_free);
  g_clear_pointer (&availability, td_poi_availability_free);

  /* another day has no slot, though the attraction has some */
  availability = td_poi_get_availability (t->db, longmen, td_test_date ("2026-10-04"), &when, &error);
  g_assert_no_error (error);
  g_assert_true (availability->has_slots);
  g_assert_cmpuint (availability->slots->len, ==, 0);
  g_clear_pointer (&availability, td_poi_availability_free);

  g_clear_pointer (&sold, g_ptr_array_unref);
  sold = sell (t->db, longmen->id, "2026-10-03", "09:00", 1, &error);
  g_assert_no_error (error);
  availability = td_poi_get_availability (t->db, longmen, td_test_date ("2026-10-03"), &when, &error);
  g_assert_no_error (error);
  left = td_slot_format_left (g_ptr_array_index (availability->slots, 0));
  g_assert_cmpstr (left, ==, "Sold out");

  /* three tickets and the tour booking, the tickets first on the same day */
  bookings = td_poi_bookings_list (t->db, longmen, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, ==, 4);
  g_assert_cmpuint (count_kind (bookings, TD_POI_BOOKING_TICKET), ==, 3);
  g_assert_cmpuint (count_kind (bookings, TD_POI_BOOKING_TOUR), ==, 1);
  g_assert_cmpuint (count_kind (bookings, TD_POI_BOOKING_STAY), ==, 0);
  first = g_ptr_array_index (bookings, 0);
  g_assert_cmpint (td_poi_booking_get_kind (first), ==, TD_POI_BOOKING_TICKET);
  g_assert_cmpstr (td_poi_booking_get_owner_id (first), ==, longmen->id);
  g_assert_cmpstr (td_poi_booking_get_detail (first), ==, "09:00–11:00 · Adult");
  g_assert_cmpuint (td_poi_booking_get_start (first), ==, td_test_date ("2026-10-03"));
  g_assert_true (td_poi_booking_get_active (first));
  {
    TdPoiBooking *tour = g_ptr_array_index (bookings, 3);

    g_assert_cmpint (td_poi_booking_get_kind (tour), ==, TD_POI_BOOKING_TOUR);
    g_assert_cmpstr (td_poi_booking_get_id (tour), ==, booking_id);
    g_assert_cmpstr (td_poi_booking_get_owner_id (tour), ==, t->golden);
    g_assert_cmpstr (td_poi_booking_get_name (tour), ==, "王伟");
    g_assert_true (g_str_has_suffix (td_poi_booking_get_detail (tour), "· 2 travellers"));
    g_assert_cmpuint (td_poi_booking_get_start (tour), ==, td_test_date ("2026-10-03"));
    g_assert_cmpuint (td_poi_booking_get_end (tour), ==, td_test_date ("2026-10-06"));
  }
  g_clear_pointer (&bookings, g_ptr_array_unref);

  /* the tour is still under way on Oct 5, the tickets are past */
  bookings = td_poi_bookings_list (t->db, longmen, td_test_date ("2026-10-05"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, ==, 1);
  g_assert_cmpuint (count_kind (bookings, TD_POI_BOOKING_TOUR), ==, 1);
  g_clear_pointer (&bookings, g_ptr_array_unref);
  bookings = td_poi_bookings_list (t->db, longmen, td_test_date ("2026-10-06"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, ==, 0);
  g_clear_pointer (&bookings, g_ptr_array_unref);

  /* a place in no itinerary, with no ticket */
  bookings = td_poi_bookings_list (t->db, other, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, ==, 0);
}

static void
bookings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  GPtrArray **out = data;
  g_autoptr(GError) error = NULL;

  *out = td_poi_bookings_list_finish (TD_DATABASE (object), result, &error);
  g_assert_no_error (error);
}

static void
availability_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  TdPoiAvailability **out = data;
  g_autoptr(GError) error = NULL;

  *out = td_poi_get_availability_finish (TD_DATABASE (object), result, &error);
  g_assert_no_error (error);
}

/* 测试酒店 (5 rooms) is on the map by its name; a hotel 50 m from
 * 分店 is 分店; a hotel elsewhere is none of ours. 101 is taken Nov 3–5. */
static void
test_property (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("poi-property");
  g_autoptr(TdPoi) ours = add_poi (h->db, "测试酒店", "property", 34.75, 113.62);
  g_autoptr(TdPoi) near = add_poi (h->db, "分店 (地图)", "hotel", 34.7004, 113.6004);
  g_autoptr(TdPoi) theirs = add_poi (h->db, "别家酒店", "hotel", 34.80, 113.70);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdPoiAvailability) availability = NULL;
  g_autoptr(TdBookingResult) result = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  TdBookingRoom room = { h->room[TD_TEST_R101], NULL, td_test_range ("2026-11-03", "2026-11-05"), 2, 0, NULL, NULL, NULL };
  TdBooking booking = { 0 };
  TdDeskTime when = td_test_at ("2026-11-01");
  TdChange *branch = td_change_new_update ("property", h->branch, 1);

  td_change_set_double (branch, "lat", 34.70);
  td_change_set_double (branch, "lon", 113.60);
  g_ptr_array_add (changes, branch);
  td_test_commit (h->db, changes);

  id = td_poi_find_property (h->db, ours, &name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, h->property);
  g_assert_cmpstr (name, ==, "测试酒店");
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&name, g_free);
  id = td_poi_find_property (h->db, near, &name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, h->branch);
  g_assert_cmpstr (name, ==, "分店");
  g_clear_pointer (&id, g_free);
  id = td_poi_find_property (h->db, theirs, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (id);

  booking.customer_id = h->guest;
  booking.source = "phone";
  booking.rooms = &room;
  booking.n_rooms = 1;
  result = td_stays_book (h->db, "test", &booking, &when, &error);
  g_assert_no_error (error);

  availability = td_poi_get_availability (h->db, ours, td_test_date ("2026-11-03"), &when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (availability->property_id, ==, h->property);
  g_assert_cmpuint (availability->n_rooms, ==, 5);
  g_assert_cmpuint (availability->n_free, ==, 4);
  g_clear_pointer (&availability, td_poi_availability_free);
  availability = td_poi_get_availability (h->db, ours, td_test_date ("2026-11-05"), &when, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (availability->n_free, ==, 5);
  g_clear_pointer (&availability, td_poi_availability_free);
  availability = td_poi_get_availability (h->db, theirs, td_test_date ("2026-11-03"), &when, &error);
  g_assert_no_error (error);
  g_assert_null (availability->property_id);
  g_assert_cmpuint (availability->n_rooms, ==, 0);
  g_clear_pointer (&availability, td_poi_availability_free);

  /* in the background, as the popover asks */
  td_poi_get_availability_async (h->db, near, 0, NULL, availability_cb, &availability);
  while (availability == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (availability->property_id, ==, h->branch);
  g_assert_cmpuint (availability->n_rooms, ==, 1);

  td_poi_bookings_list_async (h->db, ours, td_test_date ("2026-11-01"), NULL, bookings_cb, &bookings);
  while (bookings == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (bookings->len, ==, 1);
  {
    TdPoiBooking *stay = g_ptr_array_index (bookings, 0);

    g_assert_cmpint (td_poi_booking_get_kind (stay), ==, TD_POI_BOOKING_STAY);
    g_assert_cmpstr (td_poi_booking_get_id (stay), ==, g_ptr_array_index (result->stay_ids, 0));
    g_assert_cmpstr (td_poi_booking_get_owner_id (stay), ==, h->property);
    g_assert_cmpstr (td_poi_booking_get_name (stay), ==, "王伟");
    g_assert_true (g_str_has_prefix (td_poi_booking_get_detail (stay), "Room 101 · "));
    g_assert_cmpuint (td_poi_booking_get_end (stay), ==, td_test_date ("2026-11-05"));
  }
  g_clear_pointer (&bookings, g_ptr_array_unref);

  /* departed before the 6th: not listed from then */
  bookings = td_poi_bookings_list (h->db, ours, td_test_date ("2026-11-06"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, ==, 0);
  g_clear_pointer (&bookings, g_ptr_array_unref);
  bookings = td_poi_bookings_list (h->db, theirs, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/poi-bookings/attraction", test_attraction);
  g_test_add_func ("/poi-bookings/property", test_property);
  return g_test_run ();
}
