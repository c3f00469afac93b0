/* test-calendar.c: rooms' iCalendar feeds out, OTAs' feeds in
 *
 * Grids are rooms down, nights across (May 2026 unless said): [S  S) is a
 * stay, {B  B} an OTA's event holding the room, <X  X> an event in
 * conflict, a dot a free night. The samples in data/ical/ are written the
 * way Airbnb and Booking.com write theirs (CRLF, folded lines, VALUE=DATE,
 * a TZID with its VTIMEZONE, a UTC time with a DURATION).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-hotel.h"
#include "td-test-utils.h"

typedef TdTestHotel Hotel;
#define at td_test_at
#define d td_test_date

static char *
sample (const char *name,
        gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ical", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static TdCalendarImport *
import_text (Hotel       *h,
             int          room,
             const char  *name,
             const char  *text,
             const char  *today,
             GError     **error)
{
  TdDeskTime when = at (today);

  return td_calendar_import (h->db, "test", h->room[room], NULL, name, text, strlen (text), &when, error);
}

static TdCalendarImport *
import_sample (Hotel      *h,
               int         room,
               const char *name,
               const char *today)
{
  gsize length;
  g_autofree char *data = sample (name, &length);
  g_autoptr(GError) error = NULL;
  TdDeskTime when = at (today);
  TdCalendarImport *result = td_calendar_import (h->db, "test", h->room[room], NULL, name, data, length, &when, &error);

  g_assert_no_error (error);
  return result;
}

static char *
book (Hotel      *h,
      int         room,
      const char *from,
      const char *to)
{
  TdBookingRoom r = { h->room[room], NULL, td_test_range (from, to), 2, 0, NULL, NULL, NULL };
  TdBooking booking = { 0 };
  TdDeskTime when = at ("2026-05-01");
  g_autoptr(TdBookingResult) result = NULL;
  g_autoptr(GError) error = NULL;

  booking.customer_id = h->guest;
  booking.source = "phone";
  booking.rooms = &r;
  booking.n_rooms = 1;
  result = td_stays_book (h->db, "test", &booking, &when, &error);
  g_assert_no_error (error);
  return g_strdup (g_ptr_array_index (result->stay_ids, 0));
}

static gint64
count (Hotel      *h,
       const char *sql)
{
  return td_test_query_int (h->db, sql);
}

/*        12 13 14 15 … 25 26 27 28 29 30 31
 *   101  [S  S) .   …                          S: 王伟, booked by phone
 *  Booking.com:
 *        <X  X  X>                             the feed's May 12–15: a conflict with S
 *                      {C  C}                  14:00 the 25th to noon the 27th (Asia/Shanghai)
 *                                  {D  D}      06:00Z the 29th (14:00 in Beijing), two days
 * then S is cancelled and the feed read again: X holds the room.
 */
static void
test_booking_feed (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("booking-feed.tourdesk");
  g_autofree char *s = book (h, TD_TEST_R101, "2026-05-12", "2026-05-14");
  g_autoptr(TdCalendarImport) first = import_sample (h, TD_TEST_R101, "booking-101.ics", "2026-05-10");
  g_autoptr(TdCalendarImport) again = NULL;
  g_autoptr(TdCalendarImport) freed = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  TdFeedEvent *x;

  g_assert_cmpstr (first->feed, ==, "Booking.com");
  g_assert_cmpuint (first->n_events, ==, 3);
  g_assert_cmpuint (first->added, ==, 2);
  g_assert_cmpuint (first->conflicts->len, ==, 1);
  x = g_ptr_array_index (first->conflicts, 0);
  g_assert_cmpstr (x->uid, ==, "a1f0e6c4b2d84c36b5f2e9d7c8a1b3e5@booking.com");
  g_assert_cmpstr (x->conflict_stay_id, ==, s);
  g_test_message ("%s", x->conflict);
  g_assert_nonnull (strstr (x->conflict, "2026-05-12"));
  g_assert_nonnull (strstr (x->conflict, "王伟"));
  /* the stay is untouched; C and D hold the room on their nights */
  g_assert_cmpint (count (h, "SELECT count(*) FROM stays WHERE state = 'confirmed' AND deleted = 0"), ==, 1);
  g_assert_cmpint (count (h, "SELECT count(*) FROM out_of_order_periods WHERE deleted = 0 "
                             "AND reason = 'Booking.com: CLOSED - Not available'"), ==, 2);
  g_assert_cmpint (count (h, "SELECT count(*) FROM out_of_order_periods WHERE deleted = 0 "
                             "AND start_date = '2026-05-25' AND end_date = '2026-05-27'"), ==, 1);
  g_assert_cmpint (count (h, "SELECT count(*) FROM out_of_order_periods WHERE deleted = 0 "
                             "AND start_date = '2026-05-29' AND end_date = '2026-05-31'"), ==, 1);
  /* the tape chart and availability see the holds: a booking there is refused */
  {
    TdBookingRoom r = { h->room[TD_TEST_R101], NULL, td_test_range ("2026-05-26", "2026-05-28"), 2, 0, NULL, NULL, NULL };
    TdBooking booking = { 0 };
    TdDeskTime when = at ("2026-05-10");
    g_autoptr(TdBookingResult) refused = NULL;

    booking.customer_id = h->guest;
    booking.rooms = &r;
    booking.n_rooms = 1;
    refused = td_stays_book (h->db, "test", &booking, &when, &error);
    g_assert_null (refused);
    g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
    g_clear_error (&error);
  }

  /* the same feed again: nothing new, nothing written */
  again = import_sample (h, TD_TEST_R101, "booking-101.ics", "2026-05-10");
  g_assert_cmpuint (again->added + again->moved + again->released, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 3);
  g_assert_cmpuint (again->conflicts->len, ==, 1);
  g_assert_cmpint (count (h, "SELECT count(*) FROM feed_events"), ==, 3);
  g_assert_cmpint (count (h, "SELECT count(*) FROM out_of_order_periods"), ==, 2);

  events = td_feed_events_list (h->db, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((TdFeedEvent *) g_ptr_array_index (events, 0))->room_number, ==, "101");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* S is cancelled: the conflict's nights are free, the next read holds them */
  {
    TdDeskTime when = at ("2026-05-10");
    g_autoptr(TdStay) cancelled = td_stay_apply (h->db, "test", s, TD_STAY_ACTION_CANCEL, &when, &error);

    g_assert_no_error (error);
  }
  freed = import_sample (h, TD_TEST_R101, "booking-101.ics", "2026-05-10");
  g_assert_cmpuint (freed->added, ==, 1);
  g_assert_cmpuint (freed->conflicts->len, ==, 0);
  events = td_feed_events_list (h->db, h->room[TD_TEST_R101], FALSE, &error);
  g_assert_cmpuint (events->len, ==, 3);
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpint (((TdFeedEvent *) g_ptr_array_index (events, i))->status, ==, TD_FEED_EVENT_HELD);
}

/* Airbnb's feed, then Airbnb moves one booking and drops another.
 *
 *        Apr 1–4    20 21 22 23 24    Jun 1 2 3
 *   101  (past)     {A  A  A}         {N  N}        first read
 *   101             .  {A  A  A}      .  .          second: A moved a night later, N gone
 *  and Booking.com's hold of May 12–15 in 102 meets Airbnb's of May 14–16: a conflict.
 */
static void
test_airbnb_feed (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("airbnb-feed.tourdesk");
  g_autoptr(TdCalendarImport) first = import_sample (h, TD_TEST_R101, "airbnb-101.ics", "2026-05-10");
  g_autoptr(TdCalendarImport) second = NULL;
  g_autoptr(TdCalendarImport) other = NULL;
  g_autoptr(TdCalendarImport) overlap = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *text = sample ("airbnb-101.ics", &length);
  g_autoptr(GString) changed = g_string_new (text);

  g_assert_cmpstr (first->feed, ==, "Airbnb");
  g_assert_cmpuint (first->n_events, ==, 3);
  g_assert_cmpuint (first->past, ==, 1);
  g_assert_cmpuint (first->added, ==, 2);
  /* the folded description was read whole */
  g_assert_cmpint (count (h, "SELECT count(*) FROM feed_events WHERE description LIKE "
                             "'%reservations/details/HM3XQ8KZ2P%Phone Number%'"), ==, 1);

  /* the booking moves by a night; the block of June is gone from the feed */
  g_string_replace (changed, "DTEND;VALUE=DATE:20260523\r\nDTSTART;VALUE=DATE:20260520",
                    "DTEND;VALUE=DATE:20260524\r\nDTSTART;VALUE=DATE:20260521", 1);
  {
    const char *begin = strstr (changed->str, "BEGIN:VEVENT\r\nDTEND;VALUE=DATE:20260603");
    const char *end = strstr (begin, "END:VEVENT\r\n") + strlen ("END:VEVENT\r\n");

    g_string_erase (changed, begin - changed->str, end - begin);
  }
  second = import_text (h, TD_TEST_R101, "airbnb-101.ics", changed->str, "2026-05-11", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->moved, ==, 1);
  g_assert_cmpuint (second->released, ==, 1);
  g_assert_cmpuint (second->added, ==, 0);
  g_assert_cmpint (count (h, "SELECT count(*) FROM out_of_order_periods WHERE deleted = 0"), ==, 1);
  g_assert_cmpint (count (h, "SELECT count(*) FROM out_of_order_periods WHERE deleted = 0 "
                             "AND start_date = '2026-05-21' AND end_date = '2026-05-24'"), ==, 1);
  g_assert_cmpint (count (h, "SELECT count(*) FROM feed_events WHERE status = 'released'"), ==, 1);

  /* two OTAs selling the same nights of 102: the second is flagged */
  other = import_sample (h, TD_TEST_R102, "booking-101.ics", "2026-05-10");
  g_assert_cmpuint (other->added, ==, 3);
  overlap = import_text (h, TD_TEST_R102, "airbnb-102.ics",
                         "BEGIN:VCALENDAR\r\nPRODID:-//Airbnb Inc//Hosting Calendar 0.8.8//EN\r\nVERSION:2.0\r\n"
                         "BEGIN:VEVENT\r\nDTEND;VALUE=DATE:20260516\r\nDTSTART;VALUE=DATE:20260514\r\n"
                         "UID:0a0b0c0d0e0f-1111@airbnb.com\r\nSUMMARY:Reserved\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                         "2026-05-10", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overlap->conflicts->len, ==, 1);
  g_assert_null (((TdFeedEvent *) g_ptr_array_index (overlap->conflicts, 0))->conflict_stay_id);
  g_assert_nonnull (strstr (((TdFeedEvent *) g_ptr_array_index (overlap->conflicts, 0))->conflict,
                            "Booking.com: CLOSED - Not available"));
}

/* Export, then read the export back.
 *
 *        10 11 12 13 14 15 16 17
 *   101  [P  P) [Q  Q  Q) .  .      P tentative, Q confirmed; R cancelled (not exported)
 *   102  {P  P} {Q  Q  Q}          the export read as a feed for 102: the same holds
 *   101  <P  P> <Q  Q  Q>          read back into 101: each a conflict with its own stay
 */
static void
test_round_trip (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("round-trip.tourdesk");
  g_autofree char *p = NULL;
  g_autofree char *q = book (h, TD_TEST_R101, "2026-05-12", "2026-05-15");
  g_autofree char *r = book (h, TD_TEST_R101, "2026-05-16", "2026-05-18");
  g_autofree char *text = NULL;
  g_autofree char *uid_q = g_strdup_printf ("UID:%s\r\n", q);
  g_autoptr(TdCalendarImport) into_102 = NULL;
  g_autoptr(TdCalendarImport) into_101 = NULL;
  g_autoptr(GError) error = NULL;
  TdDeskTime when = at ("2026-05-01");

  {
    TdBookingRoom room = { h->room[TD_TEST_R101], NULL, td_test_range ("2026-05-10", "2026-05-12"), 2, 0, NULL, NULL, NULL };
    TdBooking booking = { 0 };
    g_autoptr(TdBookingResult) result = NULL;
    g_autoptr(TdStay) cancelled = NULL;

    booking.customer_id = h->guest;
    booking.tentative = TRUE;
    booking.rooms = &room;
    booking.n_rooms = 1;
    result = td_stays_book (h->db, "test", &booking, &when, &error);
    g_assert_no_error (error);
    p = g_strdup (g_ptr_array_index (result->stay_ids, 0));
    cancelled = td_stay_apply (h->db, "test", r, TD_STAY_ACTION_CANCEL, &when, &error);
    g_assert_no_error (error);
  }

  text = td_calendar_export (h->db, h->room[TD_TEST_R101], &error);
  g_assert_no_error (error);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (text, uid_q));
  g_assert_nonnull (strstr (text, "DTSTART;VALUE=DATE:20260512\r\n"));
  g_assert_nonnull (strstr (text, "DTEND;VALUE=DATE:20260515\r\n"));
  g_assert_nonnull (strstr (text, "STATUS:TENTATIVE\r\n"));
  g_assert_null (strstr (text, r));          /* cancelled: not in the feed */
  g_assert_null (strstr (text, "王伟"));     /* no guest's name leaves the hotel */

  into_102 = import_text (h, TD_TEST_R102, "room-101.ics", text, "2026-05-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (into_102->feed, ==, "room-101");
  g_assert_cmpuint (into_102->added, ==, 2);
  g_assert_cmpint (count (h, "SELECT count(*) FROM out_of_order_periods o JOIN rooms r ON r.id = o.room_id "
                             "WHERE r.number = '102' AND o.deleted = 0"), ==, 2);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM feed_events WHERE uid = '%s' AND status = 'held' "
                                            "AND start_date = '2026-05-12' AND end_date = '2026-05-15'", q);

    g_assert_cmpint (count (h, sql), ==, 1);
  }

  into_101 = import_text (h, TD_TEST_R101, "room-101.ics", text, "2026-05-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (into_101->added, ==, 0);
  g_assert_cmpuint (into_101->conflicts->len, ==, 2);
  for (guint i = 0; i < into_101->conflicts->len; i++)
    {
      TdFeedEvent *event = g_ptr_array_index (into_101->conflicts, i);

      /* each event's UID is its stay's id, and that stay has the room */
      g_assert_cmpstr (event->conflict_stay_id, ==, event->uid);
    }
}

/* Files that are not feeds we can read: refused before anything is
 * written, naming the file and the line. */
static void
test_bad_files (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("bad-feeds.tourdesk");
#define HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
#define EVENT(body) "BEGIN:VEVENT\r\n" body "END:VEVENT\r\n"
#define TAIL "END:VCALENDAR\r\n"
  struct {
    const char *text;
    const char *says;
  } bad[] = {
    { "", "feed.ics, line 1: the file is empty" },
    { "Booking number,Arrival,Departure\r\n123,2026-05-12,2026-05-14\r\n", "line 1: not an iCalendar file" },
    { "BEGIN:VCARD\r\nFN:王伟\r\nEND:VCARD\r\n", "line 1: not an iCalendar file" },
    { HEAD "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20260512\r\n", "line 3: BEGIN:VEVENT is never closed" },
    { HEAD EVENT ("UID:a\r\nDTSTART;VALUE=DATE:20260512\r\n"), "line 1: BEGIN:VCALENDAR is never closed" },
    { HEAD "BEGIN:VEVENT\r\nUID:a\r\nEND:VCALENDAR\r\n", "line 5: END:VCALENDAR, but BEGIN:VEVENT of line 3 is still open" },
    { HEAD EVENT ("UID:a\r\nthis line has no colon\r\n") TAIL, "line 5: “this line has no colon” is not an iCalendar line" },
    { HEAD EVENT ("DTSTART;VALUE=DATE:20260512\r\nDTEND;VALUE=DATE:20260514\r\n") TAIL, "line 3: the event has no UID" },
    { HEAD EVENT ("UID:a\r\nDTEND;VALUE=DATE:20260514\r\n") TAIL, "line 3: the event has no arrival date (DTSTART)" },
    { HEAD EVENT ("UID:a\r\nSUMMARY:Reserved\r\nDTSTART;VALUE=DATE:20261345\r\n") TAIL,
      "line 6: the arrival “20261345” is not a date" },
    { HEAD EVENT ("UID:a\r\nDTSTART;VALUE=DATE:20260514\r\nDTEND;VALUE=DATE:20260512\r\n") TAIL,
      "line 6: the departure 2026-05-12 is not after the arrival 2026-05-14" },
    { HEAD EVENT ("UID:a\r\nDTSTART:garbage\r\n") TAIL, "line 5: the arrival (DTSTART) cannot be read" },
    { HEAD EVENT ("UID:a\r\nDTSTART;VALUE=DATE:20260512\r\n") EVENT ("UID:a\r\nDTSTART;VALUE=DATE:20260520\r\n") TAIL,
      "line 7: the UID “a” is also the one of the event of line 3" },
    { HEAD EVENT ("UID:a\r\nDTSTART;VALUE=DATE:20260512\r\nRRULE:FREQ=WEEKLY\r\n") TAIL, "line 3: a repeating event" },
    { HEAD EVENT ("UID:a\r\nSUMMARY:\xe9\xa2\r\n") TAIL, "line 5: not UTF-8 text" },
    { HEAD EVENT ("UID:a\r\nDTSTART;VALUE=DATE:20260512\r\n") TAIL "BEGIN:VEVENT\r\n", "comes after the end of the calendar" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdCalendarImport) result = import_text (h, TD_TEST_R101, "feed.ics", bad[i].text, "2026-05-10", &error);

      g_assert_null (result);
      g_assert_error (error, TD_CALENDAR_ERROR, TD_CALENDAR_ERROR_SYNTAX);
      if (strstr (error->message, bad[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, bad[i].says);
    }
  g_assert_cmpint (count (h, "SELECT count(*) FROM feed_events"), ==, 0);
  g_assert_cmpint (count (h, "SELECT count(*) FROM out_of_order_periods"), ==, 0);

  /* folded over three lines, LF only, a BOM: all read */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdCalendarImport) ok = import_text (h, TD_TEST_R101, "folded.ics",
                                                  "\xef\xbb\xbf" "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUI\n D:fol\n ded\n"
                                                  "DTSTART;VALUE=DATE:2026\n 0512\nSUMMARY:CLOSED - \n Not available\nEND:VEVENT\nEND:VCALENDAR\n",
                                                  "2026-05-10", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ok->added, ==, 1);
    g_assert_cmpint (count (h, "SELECT count(*) FROM feed_events WHERE uid = 'folded' AND start_date = '2026-05-12' "
                               "AND end_date = '2026-05-13' AND summary = 'CLOSED - Not available'"), ==, 1);
  }
#undef HEAD
#undef EVENT
#undef TAIL
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

static TdCalendarImport *
import_async (Hotel       *h,
              const char  *name,
              GBytes      *bytes,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_calendar_import_async (h->db, "test", h->room[TD_TEST_R101], NULL, name, bytes, NULL, import_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return td_calendar_import_finish (h->db, result, error);
}

/* in a worker thread, as the window imports: today is now, so the May
 * events of the sample are past and left alone; a bad file is refused
 * with its line */
static void
test_import_async (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("import-async.tourdesk");
  g_autoptr(TdCalendarImport) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  char *data = sample ("booking-101.ics", &length);

  bytes = g_bytes_new_take (data, length);
  result = import_async (h, "booking-101.ics", bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->feed, ==, "Booking.com");
  g_assert_cmpuint (result->n_events, ==, 3);
  g_assert_cmpuint (result->past, ==, 3);
  g_assert_cmpuint (result->added, ==, 0);
  g_clear_pointer (&result, td_calendar_import_free);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new_static ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20261340\r\n"
                              "DTEND;VALUE=DATE:20261302\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 134);
  result = import_async (h, "bad.ics", bytes, &error);
  g_assert_null (result);
  g_assert_error (error, TD_CALENDAR_ERROR, TD_CALENDAR_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "line 5"));
  g_assert_cmpint (count (h, "SELECT count(*) FROM feed_events"), ==, 0);
  g_clear_error (&error);

  /* every line that is not NAME:value is named, not only the first */
  {
    const char *text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nnot a line\r\n"
                       "DTSTART;VALUE=DATE:20261201\r\nnor this one\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    result = import_text (h, TD_TEST_R101, "two-bad.ics", text, "2026-11-01", &error);
    g_assert_null (result);
    g_assert_error (error, TD_CALENDAR_ERROR, TD_CALENDAR_ERROR_SYNTAX);
    g_assert_cmpstr (error->message, ==, "two-bad.ics: 2 lines are not iCalendar lines (NAME:value): "
                                         "line 5 (“not a line”), line 7 (“nor this one”)");
    g_assert_cmpint (count (h, "SELECT count(*) FROM feed_events"), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/calendar/booking-feed", test_booking_feed);
  g_test_add_func ("/calendar/airbnb-feed", test_airbnb_feed);
  g_test_add_func ("/calendar/round-trip", test_round_trip);
  g_test_add_func ("/calendar/bad-files", test_bad_files);
  g_test_add_func ("/calendar/import-async", test_import_async);
  return g_test_run ();
}
