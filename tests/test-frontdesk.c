/* test-frontdesk.c: rates, availability, stays from booking to departure,
 * group blocks, and two processes racing for the same room-nights
 *
 * Grids in the comments are rooms down, nights across (May 2026 unless
 * said): [A  A) is stay A from the night its bracket opens to the morning
 * its parenthesis closes; a dot is a free night.
 *
 * The fixture hotel is described in td-test-hotel.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "td-test-hotel.h"
#include "td-test-utils.h"

/* the fixture (td-test-hotel.c), in short */
typedef TdTestHotel Hotel;
#define R101 TD_TEST_R101
#define R102 TD_TEST_R102
#define R103 TD_TEST_R103
#define R201 TD_TEST_R201
#define R202 TD_TEST_R202
#define d td_test_date
#define range td_test_range
#define at td_test_at
#define hotel_new td_test_hotel_new
#define set_money td_test_set_money
#define commit td_test_commit

/* Books one room (room_id) or a room of a type; the stay id or NULL. */
static char *
book_full (Hotel          *h,
           const char     *room_id,
           const char     *type_id,
           const char     *from,
           const char     *to,
           guint           adults,
           const char     *plan,
           TdBookingFlags  flags,
           const char     *today,
           GError        **error)
{
  TdBookingRoom room = { room_id, type_id, range (from, to), adults, 0, plan, NULL, NULL };
  TdBooking booking = { 0 };
  TdDeskTime when = at (today);
  g_autoptr(TdBookingResult) result = NULL;

  booking.customer_id = h->guest;
  booking.source = "phone";
  booking.flags = flags;
  booking.override_reason = flags ? "经理同意" : NULL;
  booking.rooms = &room;
  booking.n_rooms = 1;
  result = td_stays_book (h->db, "test", &booking, &when, error);
  if (result == NULL)
    return NULL;
  return g_strdup (g_ptr_array_index (result->stay_ids, 0));
}

static char *
book (Hotel      *h,
      int         room,
      const char *from,
      const char *to)
{
  g_autoptr(GError) error = NULL;
  /* BAR for the STD rooms, the base price for DLK */
  char *id = book_full (h, h->room[room], NULL, from, to, 2, room < R201 ? h->bar : NULL, 0, "2026-05-01", &error);

  g_assert_no_error (error);
  return id;
}

static TdStay *
act (Hotel        *h,
     const char   *stay_id,
     TdStayAction  action,
     const char   *today,
     GError      **error)
{
  TdDeskTime when = at (today);

  return td_stay_apply (h->db, "test", stay_id, action, &when, error);
}

static gint64
nights_taken (Hotel      *h,
              const char *stay_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM room_nights WHERE stay = "
                                          "(SELECT rowid FROM stays WHERE id = '%s')", stay_id);

  return td_test_query_int (h->db, sql);
}

static TdAvailability *
find_type (GPtrArray  *results,
           const char *type_id)
{
  for (guint i = 0; i < results->len; i++)
    {
      TdAvailability *a = g_ptr_array_index (results, i);

      if (g_str_equal (a->room_type_id, type_id))
        return a;
    }
  g_assert_not_reached ();
  return NULL;
}

static GPtrArray *
search (Hotel      *h,
        const char *property,
        const char *from,
        const char *to,
        guint       adults,
        const char *today)
{
  TdAvailabilityQuery query = { property, NULL, range (from, to), adults, 0 };
  TdDeskTime when = at (today);
  g_autoptr(GError) error = NULL;
  GPtrArray *results = td_availability_search (h->db, &query, &when, &error);

  g_assert_no_error (error);
  return results;
}

/* ------------------------------------------------------------------ */
/* rates                                                              */

static TdRateQuote *
quote (Hotel      *h,
       const char *plan_id,
       const char *from,
       const char *to,
       guint       adults,
       guint       children)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdRatePlan) plan = td_rate_plan_load (h->db, plan_id, &error);
  TdDateRange dates = range (from, to);
  TdRateQuote *q;

  g_assert_no_error (error);
  q = td_rate_plan_quote (plan, &dates, adults, children, &error);
  g_assert_no_error (error);
  return q;
}

static void
assert_nightly (const TdRateQuote *q,
                const gint64      *expected,
                guint              n)
{
  g_assert_cmpuint (q->nightly->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (q->nightly, gint64, i), ==, expected[i]);
}

static void
test_rates_seasons (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ("rates-seasons.tourdesk");

  {
    /* Mon–Thu of a plain week: the base price */
    g_autoptr(TdRateQuote) q = quote (h, h->bar, "2026-05-04", "2026-05-07", 2, 0);
    const gint64 expected[] = { 30000, 30000, 30000 };

    assert_nightly (q, expected, 3);
    g_assert_cmpint (q->rooms.minor, ==, 90000);
    g_assert_cmpint (q->problems, ==, TD_RATE_OK);
  }
  {
    /* Thursday, then the weekend nights (Friday and Saturday) */
    g_autoptr(TdRateQuote) q = quote (h, h->bar, "2026-05-07", "2026-05-10", 2, 0);
    const gint64 expected[] = { 30000, 36000, 36000 };

    assert_nightly (q, expected, 3);
  }
  {
    /* summer, and its weekends beat the summer price */
    g_autoptr(TdRateQuote) q = quote (h, h->bar, "2026-07-02", "2026-07-05", 2, 0);
    const gint64 expected[] = { 40000, 45000, 45000 };

    assert_nightly (q, expected, 3);
  }
  {
    /* the Mid-Autumn nights (Fri 14th, Sat 15th) inside summer: the shorter season wins; Sunday is a weekday */
    g_autoptr(TdRateQuote) q = quote (h, h->bar, "2026-08-13", "2026-08-17", 2, 0);
    const gint64 expected[] = { 40000, 50000, 50000, 40000 };

    assert_nightly (q, expected, 4);
  }
  {
    /* the stay's price is fixed: a plan without seasons is its base price */
    g_autoptr(TdRateQuote) q = quote (h, h->nrf, "2026-05-08", "2026-05-10", 2, 0);
    const gint64 expected[] = { 27000, 27000 };

    assert_nightly (q, expected, 2);
  }
}

static void
test_rates_occupancy_and_taxes (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ("rates-occupancy.tourdesk");

  {
    /* 3 adults and a child: ¥300 + ¥50 + ¥30 */
    g_autoptr(TdRateQuote) q = quote (h, h->bar, "2026-05-04", "2026-05-05", 3, 1);
    const gint64 expected[] = { 38000 };

    assert_nightly (q, expected, 1);
    g_assert_cmpint (q->problems, ==, TD_RATE_OK);
  }
  {
    /* Golden Week's extra adult is its own: ¥600 + ¥80 */
    g_autoptr(TdRateQuote) q = quote (h, h->bar, "2026-10-01", "2026-10-04", 3, 0);
    const gint64 expected[] = { 68000, 68000, 68000 };

    assert_nightly (q, expected, 3);
  }
  {
    /* four adults do not fit */
    g_autoptr(TdRateQuote) q = quote (h, h->bar, "2026-05-04", "2026-05-05", 4, 0);
    g_autofree char *why = td_rate_quote_describe_problems (q);

    g_assert_cmpint (q->problems, ==, TD_RATE_OCCUPANCY);
    g_assert_nonnull (strstr (why, "3"));
  }
  {
    /* ¥300: VAT 6 % inside (300 − 300/1.06 = 16.98), service 10 % (¥30)
     * and ¥2 for each of 2 guests added: ¥334 */
    g_autoptr(TdRateQuote) q = quote (h, h->bar, "2026-05-04", "2026-05-05", 2, 0);

    g_assert_cmpint (q->rooms.minor, ==, 30000);
    g_assert_cmpint (q->taxes_included.minor, ==, 1698);
    g_assert_cmpint (q->taxes_added.minor, ==, 3400);
    g_assert_cmpint (q->total.minor, ==, 33400);
    g_assert_cmpstr (q->total.currency, ==, "CNY");
  }
}

static void
test_rates_restrictions (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ("rates-restrictions.tourdesk");
  struct {
    const char     *from, *to;
    TdRateProblems  problems;
    const char     *said;
  } cases[] = {
    { "2026-10-01", "2026-10-03", TD_RATE_MIN_NIGHTS, "2026-10-01" },
    { "2026-10-02", "2026-10-05", TD_RATE_OK, NULL },
    { "2026-10-05", "2026-10-06", TD_RATE_CLOSED_TO_ARRIVAL, "2026-10-05" },
    { "2026-10-04", "2026-10-07", TD_RATE_CLOSED_TO_DEPARTURE, "2026-10-07" },
    { "2026-10-04", "2026-10-08", TD_RATE_OK, NULL },  /* departs the 8th: allowed */
    { "2026-12-23", "2026-12-27", TD_RATE_CLOSED, "2026-12-24" },
    { "2026-12-26", "2026-12-27", TD_RATE_OK, NULL },
    { "2026-05-01", "2026-05-16", TD_RATE_MAX_NIGHTS, "14" },
    { "2026-10-02", "2026-10-03", TD_RATE_MIN_NIGHTS, "3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TdRateQuote) q = quote (h, h->bar, cases[i].from, cases[i].to, 2, 0);
      g_autofree char *why = td_rate_quote_describe_problems (q);

      g_test_message ("%s to %s: %s", cases[i].from, cases[i].to, why ? why : "ok");
      g_assert_cmpint (q->problems, ==, cases[i].problems);
      if (cases[i].said)
        g_assert_nonnull (strstr (why, cases[i].said));
      else
        g_assert_null (why);
      /* priced anyway, so the clerk sees what it would cost */
      g_assert_cmpuint (q->nightly->len, ==, td_date_range_get_nights (&q->dates));
    }

  {
    /* both at once: short and arriving on a closed-to-arrival date */
    g_autoptr(TdRatePlan) plan = td_rate_plan_load (h->db, h->bar, NULL);
    TdRateRestriction extra = { d ("2026-10-05"), d ("2026-10-06"), 2, 0, FALSE, FALSE, FALSE };
    TdDateRange dates = range ("2026-10-05", "2026-10-06");
    g_autoptr(TdRateQuote) q = NULL;

    g_array_append_val (plan->restrictions, extra);
    q = td_rate_plan_quote (plan, &dates, 2, 0, NULL);
    g_assert_cmpint (q->problems, ==, TD_RATE_CLOSED_TO_ARRIVAL | TD_RATE_MIN_NIGHTS);
  }
}

static void
test_cancellation_policy (void)
{
  const gint64 nightly[] = { 30000, 36000, 36000 };
  TdCancelPolicy first_night = { TD_PENALTY_FIRST_NIGHT, 2, 0 };
  TdCancelPolicy half = { TD_PENALTY_PERCENT, 7, 50 };
  TdCancelPolicy non_refundable = { TD_PENALTY_PERCENT, -1, 100 };
  TdCancelPolicy free_policy = { TD_PENALTY_NONE, -1, 0 };
  guint32 arrival = d ("2026-05-10");

  /* free until 2 days before: on the 8th still free, on the 9th the first night */
  g_assert_cmpint (td_cancel_policy_fee (&first_night, nightly, 3, arrival, arrival - 3), ==, 0);
  g_assert_cmpint (td_cancel_policy_fee (&first_night, nightly, 3, arrival, arrival - 2), ==, 0);
  g_assert_cmpint (td_cancel_policy_fee (&first_night, nightly, 3, arrival, arrival - 1), ==, 30000);
  g_assert_cmpint (td_cancel_policy_fee (&first_night, nightly, 3, arrival, arrival), ==, 30000);
  /* half of ¥1020 within the week */
  g_assert_cmpint (td_cancel_policy_fee (&half, nightly, 3, arrival, arrival - 8), ==, 0);
  g_assert_cmpint (td_cancel_policy_fee (&half, nightly, 3, arrival, arrival - 6), ==, 51000);
  g_assert_cmpint (td_cancel_policy_fee (&non_refundable, nightly, 3, arrival, arrival - 100), ==, 102000);
  g_assert_cmpint (td_cancel_policy_fee (&free_policy, nightly, 3, arrival, arrival), ==, 0);
}

/* ------------------------------------------------------------------ */
/* booking                                                            */

static void
test_book_conflict (void)
{
  /*        4  5  6  7  8
   *  101  [A  A  A) .  .
   *  101   .  . [B  B)       refused: A has the 6th
   *  101   .  .  . [C  C)    fits: A leaves on the morning of the 7th
   */
  g_autoptr(TdTestHotel) h = hotel_new ("book-conflict.tourdesk");
  g_autofree char *a = book (h, R101, "2026-05-04", "2026-05-07");
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autoptr(TdStay) stay = NULL;
  g_autoptr(GError) error = NULL;
  gint64 stays_before = td_database_count (h->db, "stay", NULL);
  gint64 reservations_before = td_database_count (h->db, "reservation", NULL);

  b = book_full (h, h->room[R101], NULL, "2026-05-06", "2026-05-08", 2, h->bar, 0, "2026-05-01", &error);
  g_assert_null (b);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "101"));
  g_assert_nonnull (strstr (error->message, "2026-05-06"));
  g_assert_nonnull (strstr (error->message, "王伟"));
  /* nothing of the refused booking was written, not even its reservation */
  g_assert_cmpint (td_database_count (h->db, "stay", NULL), ==, stays_before);
  g_assert_cmpint (td_database_count (h->db, "reservation", NULL), ==, reservations_before);
  g_clear_error (&error);

  c = book (h, R101, "2026-05-07", "2026-05-09");
  g_assert_cmpint (nights_taken (h, a), ==, 3);
  g_assert_cmpint (nights_taken (h, c), ==, 2);

  /* the prices of the nights are on the stay, from the plan when booked */
  stay = td_stay_get (h->db, a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stay->state, ==, TD_STAY_CONFIRMED);
  g_assert_cmpuint (stay->nightly->len, ==, 3);
  g_assert_cmpint (stay->total.minor, ==, 90000);
  g_assert_cmpstr (stay->room_number, ==, "101");
  g_assert_cmpstr (stay->guest_name, ==, "王伟");
  g_assert_cmpstr (stay->source, ==, "phone");
}

static void
test_rate_change_keeps_bookings (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ("rate-change.tourdesk");
  g_autofree char *a = book (h, R101, "2026-05-04", "2026-05-06");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(JsonObject) plan = td_database_get_record (h->db, "rate_plan", h->bar, NULL);
  g_autoptr(TdStay) stay = NULL;
  TdChange *change = td_change_new_update ("rate_plan", h->bar, json_object_get_int_member (plan, "revision"));

  /* the price goes up after the booking */
  set_money (change, "base_price", 99900);
  g_ptr_array_add (changes, change);
  commit (h->db, changes);

  stay = td_stay_get (h->db, a, NULL);
  g_assert_cmpint (g_array_index (stay->nightly, gint64, 0), ==, 30000);
  g_assert_cmpint (stay->total.minor, ==, 60000);
}

static void
test_book_by_type_and_overbook (void)
{
  /*  STD       4  5
   *  101      [A  A)
   *  102      [B  B)
   *  103      [C  C)
   *  (none)   [D  D)   refused, then booked by a manager: overbooked, no room
   */
  g_autoptr(TdTestHotel) h = hotel_new ("book-type.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) overbooked = NULL;
  g_autoptr(TdStay) cancelled = NULL;
  g_autoptr(TdStay) moved = NULL;
  g_autoptr(GPtrArray) results = NULL;
  char *stays[3];
  g_autofree char *d_id = NULL;
  TdDeskTime when = at ("2026-05-04");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TdStay) stay = NULL;

      stays[i] = book_full (h, NULL, h->std, "2026-05-04", "2026-05-06", 2, NULL, 0, "2026-05-01", &error);
      g_assert_no_error (error);
      stay = td_stay_get (h->db, stays[i], NULL);
      /* the first free rooms, in order */
      g_assert_cmpstr (stay->room_number, ==, i == 0 ? "101" : i == 1 ? "102" : "103");
      /* no plan asked for: the type's first, BAR */
      g_assert_cmpstr (stay->rate_plan_id, ==, h->bar);
    }

  d_id = book_full (h, NULL, h->std, "2026-05-04", "2026-05-06", 2, NULL, 0, "2026-05-01", &error);
  g_assert_null (d_id);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "STD"));
  g_clear_error (&error);

  /* an override needs its reason */
  {
    TdBookingRoom room = { NULL, h->std, range ("2026-05-04", "2026-05-06"), 2, 0, NULL, NULL, NULL };
    TdBooking booking = { .customer_id = h->guest, .flags = TD_BOOKING_OVERBOOK, .rooms = &room, .n_rooms = 1 };
    TdBookingResult *result = td_stays_book (h->db, "test", &booking, &when, &error);

    g_assert_null (result);
    g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID);
    g_clear_error (&error);
  }
  d_id = book_full (h, NULL, h->std, "2026-05-04", "2026-05-06", 2, NULL, TD_BOOKING_OVERBOOK, "2026-05-01", &error);
  g_assert_no_error (error);
  overbooked = td_stay_get (h->db, d_id, NULL);
  g_assert_null (overbooked->room_id);
  g_assert_true (overbooked->overbooked);
  g_assert_cmpstr (overbooked->override_reason, ==, "经理同意");
  g_assert_cmpint (td_test_query_int (h->db, "SELECT count(*) FROM audit_log WHERE kind = 'stay' AND actor = 'test'"),
                   ==, 4);

  /* the tape chart finds it (no room-night: found as overbooked), and the
   * listing through the room-night table agrees with the plain one */
  {
    TdStayFilter chart = { .property_id = h->property, .dates = range ("2026-05-01", "2026-05-31"),
                           .states = TD_STAY_STATES_TAKING_ROOMS };
    TdStayFilter plain = { .property_id = h->property, .dates = range ("2026-05-01", "2026-05-31") };
    g_autoptr(GPtrArray) drawn = td_stays_list (h->db, &chart, &error);
    g_autoptr(GPtrArray) all = td_stays_list (h->db, &plain, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (drawn->len, ==, 4);
    g_assert_cmpuint (all->len, ==, 4);
    for (guint i = 0; i < drawn->len; i++)
      g_assert_cmpstr (((TdStay *) g_ptr_array_index (drawn, i))->id, ==, ((TdStay *) g_ptr_array_index (all, i))->id);
    g_assert_null (((TdStay *) g_ptr_array_index (drawn, 3))->room_id);  /* without a room: last */
  }

  /* it shows: the type is sold one beyond its rooms */
  results = search (h, h->property, "2026-05-04", "2026-05-06", 2, "2026-05-01");
  g_assert_cmpint (g_array_index (find_type (results, h->std)->left, int, 0), ==, -1);
  g_assert_true (find_type (results, h->std)->full);

  /* no room, no check-in */
  g_assert_null (act (h, d_id, TD_STAY_ACTION_CHECK_IN, "2026-05-04", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_clear_error (&error);

  /* a guest cancels; the overbooked stay gets the room and checks in */
  cancelled = act (h, stays[1], TD_STAY_ACTION_CANCEL, "2026-05-03", &error);
  g_assert_no_error (error);
  moved = td_stay_move (h->db, "test", d_id, h->room[R102], d ("2026-05-04"), &when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved->room_number, ==, "102");
  g_assert_cmpstr (moved->id, ==, d_id);
  g_assert_true (moved->overbooked);  /* it stays visible as such */
  g_clear_pointer (&moved, td_stay_free);
  moved = act (h, d_id, TD_STAY_ACTION_CHECK_IN, "2026-05-04", &error);
  g_assert_no_error (error);
  g_assert_cmpint (moved->state, ==, TD_STAY_CHECKED_IN);

  for (guint i = 0; i < 3; i++)
    g_free (stays[i]);
}

static void
test_book_restrictions (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ("book-restrictions.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *forced = NULL;
  g_autoptr(TdStay) stay = NULL;

  /* two nights in Golden Week: BAR wants three */
  refused = book_full (h, h->room[R101], NULL, "2026-10-01", "2026-10-03", 2, h->bar, 0, "2026-09-01", &error);
  g_assert_null (refused);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_RESTRICTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);

  /* a manager may book it anyway, with a reason kept on the stay */
  forced = book_full (h, h->room[R101], NULL, "2026-10-01", "2026-10-03", 2, h->bar,
                      TD_BOOKING_IGNORE_RESTRICTIONS, "2026-09-01", &error);
  g_assert_no_error (error);
  stay = td_stay_get (h->db, forced, NULL);
  g_assert_cmpstr (stay->override_reason, ==, "经理同意");
  g_assert_false (stay->overbooked);
  g_assert_cmpint (stay->total.minor, ==, 120000);

  /* a plan of another room type is refused */
  g_free (refused);
  refused = book_full (h, h->room[R201], NULL, "2026-05-04", "2026-05-05", 2, h->bar, 0, "2026-05-01", &error);
  g_assert_null (refused);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID);
}

/* ------------------------------------------------------------------ */
/* states                                                             */

static void
test_states (void)
{
  /*        4  5  6
   *  101  [A  A)      tentative, confirmed, checked in on the 4th, out on the 6th
   *  102  [B  B)      a no-show from the 4th
   */
  g_autoptr(TdTestHotel) h = hotel_new ("states.tourdesk");
  g_autoptr(GError) error = NULL;
  TdBookingRoom room = { h->room[R101], NULL, range ("2026-05-04", "2026-05-06"), 2, 0, NULL, NULL, "王伟" };
  TdDeskTime when = at ("2026-05-01");
  TdBooking booking = { .customer_id = h->guest, .source = "ota", .reference = "CTRIP-1",
                        .tentative = TRUE, .hold_until = when.now + G_TIME_SPAN_HOUR,
                        .rooms = &room, .n_rooms = 1 };
  g_autoptr(TdBookingResult) result = td_stays_book (h->db, "test", &booking, &when, &error);
  g_autofree char *b = NULL;
  const char *a;
  TdStay *stay;

  g_assert_no_error (error);
  a = g_ptr_array_index (result->stay_ids, 0);
  stay = td_stay_get (h->db, a, NULL);
  g_assert_cmpint (stay->state, ==, TD_STAY_TENTATIVE);
  g_assert_nonnull (stay->hold_until);
  td_stay_free (stay);

  /* checking out what was never checked in */
  g_assert_null (act (h, a, TD_STAY_ACTION_CHECK_OUT, "2026-05-04", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_clear_error (&error);

  stay = act (h, a, TD_STAY_ACTION_CONFIRM, "2026-05-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stay->state, ==, TD_STAY_CONFIRMED);
  g_assert_null (stay->hold_until);
  td_stay_free (stay);
  g_assert_null (act (h, a, TD_STAY_ACTION_CONFIRM, "2026-05-01", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_clear_error (&error);

  /* not before the arrival date */
  g_assert_null (act (h, a, TD_STAY_ACTION_CHECK_IN, "2026-05-03", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "2026-05-04"));
  g_clear_error (&error);
  stay = act (h, a, TD_STAY_ACTION_CHECK_IN, "2026-05-04", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stay->state, ==, TD_STAY_CHECKED_IN);
  td_stay_free (stay);

  /* in house: no cancelling, no no-show */
  g_assert_null (act (h, a, TD_STAY_ACTION_CANCEL, "2026-05-05", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_clear_error (&error);
  g_assert_null (act (h, a, TD_STAY_ACTION_NO_SHOW, "2026-05-05", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_clear_error (&error);

  stay = act (h, a, TD_STAY_ACTION_CHECK_OUT, "2026-05-06", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stay->state, ==, TD_STAY_CHECKED_OUT);
  g_assert_cmpuint (stay->dates.end, ==, d ("2026-05-06"));
  /* the nights spent stay taken: the history of the room */
  g_assert_cmpint (nights_taken (h, a), ==, 2);
  td_stay_free (stay);
  g_assert_null (act (h, a, TD_STAY_ACTION_CHECK_IN, "2026-05-05", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_clear_error (&error);

  /* a no-show: not before the arrival day; then the penalty, and the room is free */
  b = book (h, R102, "2026-05-04", "2026-05-06");
  g_assert_null (act (h, b, TD_STAY_ACTION_NO_SHOW, "2026-05-03", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_clear_error (&error);
  stay = act (h, b, TD_STAY_ACTION_NO_SHOW, "2026-05-04", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stay->state, ==, TD_STAY_NO_SHOW);
  g_assert_true (stay->has_cancellation_fee);
  g_assert_cmpint (stay->cancellation_fee.minor, ==, 30000);
  g_assert_cmpint (nights_taken (h, b), ==, 0);
  td_stay_free (stay);
  {
    g_autofree char *again = book (h, R102, "2026-05-04", "2026-05-06");

    g_assert_nonnull (again);
  }
}

static void
test_cancel_penalties (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ("cancel.tourdesk");
  g_autoptr(GError) error = NULL;
  struct {
    const char *plan_code;
    const char *today;
    gint64      fee;
  } cases[] = {
    /* Mon 11th to Thu 14th, ¥300 a night; BAR: free until 2 days before */
    { "BAR", "2026-05-08", 0 },
    { "BAR", "2026-05-09", 0 },
    { "BAR", "2026-05-10", 30000 },
    { "BAR", "2026-05-11", 30000 },
    /* NRF ¥270: all of it, whenever */
    { "NRF", "2026-04-01", 81000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *plan = g_str_equal (cases[i].plan_code, "BAR") ? h->bar : h->nrf;
      g_autofree char *id = book_full (h, h->room[R101], NULL, "2026-05-11", "2026-05-14", 2, plan, 0,
                                       "2026-04-01", &error);
      g_autoptr(TdStay) stay = NULL;

      g_assert_no_error (error);
      stay = act (h, id, TD_STAY_ACTION_CANCEL, cases[i].today, &error);
      g_assert_no_error (error);
      g_test_message ("%s cancelled on %s: %" G_GINT64_FORMAT, cases[i].plan_code, cases[i].today,
                      stay->cancellation_fee.minor);
      g_assert_cmpint (stay->state, ==, TD_STAY_CANCELLED);
      g_assert_cmpint (stay->cancellation_fee.minor, ==, cases[i].fee);
      /* the nights are free again at once: the next case books the same room */
      g_assert_cmpint (nights_taken (h, id), ==, 0);
    }
}

static void
test_holds_expire (void)
{
  /*        10 11 12
   *  103  [H  H)       held until noon + 1 h on the 1st; at 14:00 the room is
   *  103  [A  A)       for sale again and A takes it (H is cancelled)
   */
  g_autoptr(TdTestHotel) h = hotel_new ("holds.tourdesk");
  g_autoptr(GError) error = NULL;
  TdDeskTime noon = at ("2026-05-01");
  TdDeskTime later = noon;
  TdBookingRoom room = { h->room[R103], NULL, range ("2026-05-10", "2026-05-12"), 2, 0, NULL, NULL, NULL };
  TdBooking hold = { .customer_id = h->guest, .tentative = TRUE, .hold_until = noon.now + G_TIME_SPAN_HOUR,
                     .rooms = &room, .n_rooms = 1 };
  TdBooking firm = { .customer_id = h->guest, .rooms = &room, .n_rooms = 1 };
  g_autoptr(TdBookingResult) held = td_stays_book (h->db, "test", &hold, &noon, &error);
  g_autoptr(TdBookingResult) refused = NULL;
  g_autoptr(TdBookingResult) taken = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(TdStay) expired = NULL;

  g_assert_no_error (error);
  refused = td_stays_book (h->db, "test", &firm, &noon, &error);
  g_assert_null (refused);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
  g_clear_error (&error);

  later.now += 2 * G_TIME_SPAN_HOUR;
  results = search (h, h->property, "2026-05-10", "2026-05-12", 2, "2026-05-01");
  g_assert_cmpuint (find_type (results, h->std)->n_free, ==, 2);
  g_clear_pointer (&results, g_ptr_array_unref);
  {
    TdAvailabilityQuery query = { h->property, h->std, range ("2026-05-10", "2026-05-12"), 2, 0 };

    results = td_availability_search (h->db, &query, &later, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (results->len, ==, 1);
    g_assert_cmpuint (find_type (results, h->std)->n_free, ==, 3);
  }

  taken = td_stays_book (h->db, "test", &firm, &later, &error);
  g_assert_no_error (error);
  expired = td_stay_get (h->db, g_ptr_array_index (held->stay_ids, 0), NULL);
  g_assert_cmpint (expired->state, ==, TD_STAY_CANCELLED);
  g_assert_cmpint (td_test_query_int (h->db, "SELECT count(*) FROM stays WHERE cancel_reason = 'hold-expired'"), ==, 1);
}

/* ------------------------------------------------------------------ */
/* early and late departure, new dates, moves                         */

static void
test_early_departure (void)
{
  /*        4  5  6  7  8  9
   *  101  [A  A  A  A  A)      A in house; leaves on the 6th:
   *  101  [A  A) .  .  .       the nights of the 6th to the 8th are free at once
   *  101   .  . [B  B  B)      and B takes them
   */
  g_autoptr(TdTestHotel) h = hotel_new ("early.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = book (h, R101, "2026-05-04", "2026-05-09");
  g_autofree char *b = NULL;
  TdStay *stay;

  stay = act (h, a, TD_STAY_ACTION_CHECK_IN, "2026-05-04", &error);
  g_assert_no_error (error);
  td_stay_free (stay);
  b = book_full (h, h->room[R101], NULL, "2026-05-06", "2026-05-09", 2, h->bar, 0, "2026-05-05", &error);
  g_assert_null (b);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
  g_clear_error (&error);

  stay = act (h, a, TD_STAY_ACTION_CHECK_OUT, "2026-05-06", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stay->dates.end, ==, d ("2026-05-06"));
  g_assert_cmpuint (stay->nightly->len, ==, 2);
  g_assert_cmpint (stay->total.minor, ==, 60000);
  g_assert_cmpint (nights_taken (h, a), ==, 2);
  td_stay_free (stay);

  b = book_full (h, h->room[R101], NULL, "2026-05-06", "2026-05-09", 2, h->bar, 0, "2026-05-06", &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);
}

static void
test_late_departure (void)
{
  /*        4  5  6  7  8
   *  101  [A  A) .  .  .     A in house, due out on the 6th, leaves on the 7th:
   *  101  [A  A  A) .  .     the night of the 6th is added at the plan's price
   *  102  [C  C) [D  D)      C overstays too, but D has 102 on the 6th: refused,
   *                          naming D; C stays in house
   */
  g_autoptr(TdTestHotel) h = hotel_new ("late.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = book (h, R101, "2026-05-04", "2026-05-06");
  g_autofree char *c = book (h, R102, "2026-05-04", "2026-05-06");
  g_autofree char *dd = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdStay *stay;
  TdChange *named;

  stay = act (h, a, TD_STAY_ACTION_CHECK_IN, "2026-05-04", &error);
  g_assert_no_error (error);
  td_stay_free (stay);
  stay = act (h, c, TD_STAY_ACTION_CHECK_IN, "2026-05-04", &error);
  g_assert_no_error (error);
  td_stay_free (stay);

  stay = act (h, a, TD_STAY_ACTION_CHECK_OUT, "2026-05-07", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stay->dates.end, ==, d ("2026-05-07"));
  g_assert_cmpuint (stay->nightly->len, ==, 3);
  g_assert_cmpint (g_array_index (stay->nightly, gint64, 2), ==, 30000);  /* Wednesday */
  g_assert_cmpint (nights_taken (h, a), ==, 3);
  td_stay_free (stay);

  dd = book (h, R102, "2026-05-06", "2026-05-08");
  named = td_change_new_update ("stay", dd, 1);
  td_change_set_string (named, "guest_name", "赵敏");
  g_ptr_array_add (changes, named);
  commit (h->db, changes);

  g_assert_null (act (h, c, TD_STAY_ACTION_CHECK_OUT, "2026-05-07", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "赵敏"));
  g_assert_nonnull (strstr (error->message, "2026-05-06"));
  g_clear_error (&error);
  stay = td_stay_get (h->db, c, NULL);
  g_assert_cmpint (stay->state, ==, TD_STAY_CHECKED_IN);
  g_assert_cmpuint (stay->dates.end, ==, d ("2026-05-06"));
  td_stay_free (stay);
}

static void
test_change_dates (void)
{
  /*        4  5  6  7  8  9
   *  101  [A  A) .  .  .  .      A wants to stay to the 9th:
   *  101   .  . [B  B) .  .      B is in the way: refused
   *  102   .  . [B  B) .  .      B moves to 102; A is extended
   *  101  [A  A  A  A  A)        the new nights at the plan's price (Friday the 8th ¥360)
   *  101  [A  A  A) .  .         then shortened to the 7th
   */
  g_autoptr(TdTestHotel) h = hotel_new ("dates.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = book (h, R101, "2026-05-04", "2026-05-06");
  g_autofree char *b = book (h, R101, "2026-05-06", "2026-05-08");
  TdDateRange longer = range ("2026-05-04", "2026-05-09");
  TdDateRange shorter = range ("2026-05-04", "2026-05-07");
  TdDeskTime when = at ("2026-05-02");
  TdStay *stay;

  g_assert_null (td_stay_change_dates (h->db, "test", a, &longer, &when, &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
  g_clear_error (&error);

  stay = td_stay_move (h->db, "test", b, h->room[R102], d ("2026-05-06"), &when, &error);
  g_assert_no_error (error);
  td_stay_free (stay);
  stay = td_stay_change_dates (h->db, "test", a, &longer, &when, &error);
  g_assert_no_error (error);
  {
    const gint64 expected[] = { 30000, 30000, 30000, 30000, 36000 };

    g_assert_cmpuint (stay->nightly->len, ==, 5);
    for (guint i = 0; i < 5; i++)
      g_assert_cmpint (g_array_index (stay->nightly, gint64, i), ==, expected[i]);
    g_assert_cmpint (stay->total.minor, ==, 156000);
  }
  td_stay_free (stay);
  stay = td_stay_change_dates (h->db, "test", a, &shorter, &when, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stay->total.minor, ==, 90000);
  g_assert_cmpint (nights_taken (h, a), ==, 3);
  td_stay_free (stay);
}

/* A bar dragged to another room and other nights: one commit.
 *
 *        10 11 12 13 14
 *  101  [A  A) .  .  .     A, booked
 *  102   .  . [B  B) .     B, in the way
 *  A to 102 on 11–13: refused (B has the 12th), A as it was
 *  A to 103 on 12–15 (three nights): moved and repriced at once
 */
static void
test_move_and_change_dates (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ("move-dates.tourdesk");
  g_autofree char *a = book (h, R101, "2026-05-10", "2026-05-12");
  g_autofree char *b = book (h, R102, "2026-05-12", "2026-05-14");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) moved = NULL;
  g_autoptr(TdStay) same = NULL;
  TdDateRange refused = range ("2026-05-11", "2026-05-13");
  TdDateRange later = range ("2026-05-12", "2026-05-15");
  TdDeskTime when = at ("2026-05-01");

  moved = td_stay_move_and_change_dates (h->db, "test", a, h->room[R102], &refused, &when, &error);
  g_assert_null (moved);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
  g_assert_nonnull (strstr (error->message, "102"));
  g_clear_error (&error);
  same = td_stay_get (h->db, a, &error);
  g_assert_cmpstr (same->room_id, ==, h->room[R101]);
  g_assert_cmpuint (same->dates.start, ==, d ("2026-05-10"));
  g_assert_cmpint (nights_taken (h, a), ==, 2);

  moved = td_stay_move_and_change_dates (h->db, "test", a, h->room[R103], &later, &when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved->room_id, ==, h->room[R103]);
  g_assert_cmpuint (moved->dates.start, ==, d ("2026-05-12"));
  g_assert_cmpuint (moved->nightly->len, ==, 3);
  g_assert_cmpint (nights_taken (h, a), ==, 3);
  /* nothing left in 101 */
  g_assert_cmpint (td_test_query_int (h->db, "SELECT count(*) FROM room_nights n JOIN rooms r ON r.rowid = n.room "
                                             "WHERE r.number = '101' AND n.stay IS NOT NULL"), ==, 0);
  (void) b;
}

static void
test_room_move (void)
{
  /*        4  5  6  7  8
   *  101  [A  A  A  A)      A in house from the 4th; on the 6th moves to 102:
   *  101  [A  A)            A ends in 101, checked out that morning
   *  102         [A' A')    and A' has the rest in 102, checked in, same prices
   *  103   .  .  [X  X)     a move into a taken room is refused
   *  201  [Y  Y)            Y (not yet arrived) moves whole to 202, another room of DLK
   */
  g_autoptr(TdTestHotel) h = hotel_new ("move.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = book (h, R101, "2026-05-07", "2026-05-11");
  g_autofree char *x = book (h, R103, "2026-05-09", "2026-05-11");
  g_autofree char *y = NULL;
  TdDeskTime arrival = at ("2026-05-07");
  TdDeskTime moving_day = at ("2026-05-09");
  TdStay *stay;
  TdStay *first;

  /* (the 7th to the 11th: Thu ¥300, Fri ¥360, Sat ¥360, Sun ¥300) */
  stay = td_stay_apply (h->db, "test", a, TD_STAY_ACTION_CHECK_IN, &arrival, &error);
  g_assert_no_error (error);
  td_stay_free (stay);

  g_assert_null (td_stay_move (h->db, "test", a, h->room[R103], d ("2026-05-09"), &moving_day, &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
  g_assert_nonnull (strstr (error->message, "103"));
  g_clear_error (&error);
  /* nights already spent cannot move */
  g_assert_null (td_stay_move (h->db, "test", a, h->room[R102], d ("2026-05-08"), &moving_day, &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_clear_error (&error);

  stay = td_stay_move (h->db, "test", a, h->room[R102], d ("2026-05-09"), &moving_day, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stay->room_number, ==, "102");
  g_assert_cmpint (stay->state, ==, TD_STAY_CHECKED_IN);
  g_assert_cmpstr (stay->moved_from, ==, a);
  g_assert_cmpuint (stay->dates.start, ==, d ("2026-05-09"));
  g_assert_cmpuint (stay->dates.end, ==, d ("2026-05-11"));
  g_assert_cmpint (g_array_index (stay->nightly, gint64, 0), ==, 36000);
  g_assert_cmpint (g_array_index (stay->nightly, gint64, 1), ==, 30000);
  first = td_stay_get (h->db, a, NULL);
  g_assert_cmpint (first->state, ==, TD_STAY_CHECKED_OUT);
  g_assert_cmpuint (first->dates.end, ==, d ("2026-05-09"));
  g_assert_cmpint (first->total.minor + stay->total.minor, ==, 30000 + 36000 + 36000 + 30000);
  g_assert_cmpint (nights_taken (h, a), ==, 2);
  g_assert_cmpint (nights_taken (h, stay->id), ==, 2);
  td_stay_free (first);
  td_stay_free (stay);
  {
    /* the room the guest left needs cleaning */
    g_autoptr(JsonObject) left = td_database_get_record (h->db, "room", h->room[R101], NULL);

    g_assert_cmpstr (json_object_get_string_member (left, "housekeeping"), ==, "dirty");
  }

  /* a whole stay that has not started */
  y = book_full (h, h->room[R201], NULL, "2026-05-04", "2026-05-06", 2, NULL, 0, "2026-05-01", &error);
  g_assert_no_error (error);
  stay = td_stay_move (h->db, "test", y, h->room[R202], d ("2026-05-04"), &arrival, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stay->id, ==, y);
  g_assert_cmpstr (stay->room_number, ==, "202");
  g_assert_null (stay->moved_from);
  td_stay_free (stay);
  /* another hotel's room: no */
  g_assert_null (td_stay_move (h->db, "test", y, h->branch_room, d ("2026-05-04"), &arrival, &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID);
}

static void
test_upgrade_counts_the_room_type (void)
{
  /*  DLK has two rooms; a STD guest moved into 201 takes a DLK night:
   *        4  5
   *  201  [S  S)    S sold as STD, in a DLK room
   *  202  [D  D)
   *  → DLK is full for the 4th; a third DLK stay is refused
   */
  g_autoptr(TdTestHotel) h = hotel_new ("upgrade.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autofree char *s = book (h, R101, "2026-05-04", "2026-05-06");
  g_autofree char *dlk = book (h, R202, "2026-05-04", "2026-05-06");
  g_autofree char *third = NULL;
  TdDeskTime when = at ("2026-05-01");
  g_autoptr(GPtrArray) results = NULL;
  TdStay *stay;

  stay = td_stay_move (h->db, "test", s, h->room[R201], d ("2026-05-04"), &when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stay->room_type_code, ==, "STD");  /* as sold */
  td_stay_free (stay);

  results = search (h, h->property, "2026-05-04", "2026-05-06", 2, "2026-05-01");
  g_assert_true (find_type (results, h->dlk)->full);
  g_assert_cmpuint (find_type (results, h->std)->n_free, ==, 3);
  third = book_full (h, NULL, h->dlk, "2026-05-04", "2026-05-05", 2, NULL, 0, "2026-05-01", &error);
  g_assert_null (third);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_FULL);
}

static void
test_out_of_order (void)
{
  /*        10 11 12 13
   *  102  [O  O)  .  .    out of order for the air conditioning
   *  102      [A ...      refused: out of order on the 11th
   *  103      [S  S)      a stay: 103 cannot go out of order over it
   */
  g_autoptr(TdTestHotel) h = hotel_new ("ooo.tourdesk");
  g_autoptr(GError) error = NULL;
  TdDateRange repairs = range ("2026-05-10", "2026-05-12");
  g_autofree char *period = td_out_of_order_add (h->db, "test", h->room[R102], &repairs, "空调维修", &error);
  g_autofree char *refused = NULL;
  g_autofree char *s = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  TdDeskTime when = at ("2026-05-10");

  g_assert_no_error (error);
  refused = book_full (h, h->room[R102], NULL, "2026-05-11", "2026-05-13", 2, NULL, 0, "2026-05-01", &error);
  g_assert_null (refused);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "空调维修"));
  g_clear_error (&error);

  results = search (h, h->property, "2026-05-10", "2026-05-12", 2, "2026-05-01");
  g_assert_cmpuint (find_type (results, h->std)->n_free, ==, 2);
  g_assert_cmpint (g_array_index (find_type (results, h->std)->left, int, 0), ==, 2);

  rooms = td_rooms_list (h->db, h->property, d ("2026-05-10"), &when, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rooms->len, ==, 5);
  g_assert_cmpint (((TdRoom *) g_ptr_array_index (rooms, 1))->status, ==, TD_ROOM_OUT_OF_ORDER);
  g_assert_cmpstr (((TdRoom *) g_ptr_array_index (rooms, 1))->occupant, ==, "空调维修");

  s = book (h, R103, "2026-05-11", "2026-05-13");
  g_assert_null (td_out_of_order_add (h->db, "test", h->room[R103], &repairs, "刷墙", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
  g_assert_nonnull (strstr (error->message, "王伟"));
  g_clear_error (&error);

  periods = td_out_of_order_list (h->db, h->property, &repairs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (periods->len, ==, 1);
  g_assert_true (td_out_of_order_remove (h->db, "test", period, &error));
  g_assert_no_error (error);
  again = book_full (h, h->room[R102], NULL, "2026-05-11", "2026-05-13", 2, NULL, 0, "2026-05-01", &error);
  g_assert_no_error (error);
}

static TdHousekeepingRow *
find_row (GPtrArray  *rows,
          const char *number)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((TdHousekeepingRow *) g_ptr_array_index (rows, i))->number, number))
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
  return NULL;
}

static GPtrArray *
housekeeping (TdTestHotel *h,
              const char  *day)
{
  TdDeskTime when = at (day);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = td_housekeeping_list (h->db, h->property, 0, &when, &error);

  g_assert_no_error (error);
  return rows;
}

static void
test_housekeeping (void)
{
  /*        4  5  6  7
   *  101  [A  A) .  .     in house; leaves on the 6th: dirty, then cleaned and inspected
   *  102   .  . [B  B)    arrives on the 6th
   *  103   .  . [O) .     out of order on the 6th
   */
  g_autoptr(TdTestHotel) h = hotel_new ("housekeeping.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = book (h, R101, "2026-05-04", "2026-05-06");
  g_autofree char *b = book (h, R102, "2026-05-06", "2026-05-08");
  TdDateRange repairs = range ("2026-05-06", "2026-05-07");
  g_autofree char *closure = td_out_of_order_add (h->db, "test", h->room[R103], &repairs, "换门锁", &error);
  TdDeskTime leaving = at ("2026-05-06");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonObject) room = NULL;
  TdHousekeepingRow *row;
  TdStay *stay;

  g_assert_no_error (error);
  stay = act (h, a, TD_STAY_ACTION_CHECK_IN, "2026-05-04", &error);
  g_assert_no_error (error);
  td_stay_free (stay);

  rows = housekeeping (h, "2026-05-05");
  row = find_row (rows, "101");
  g_assert_true (row->occupied);
  g_assert_cmpint (row->state, ==, TD_HOUSEKEEPING_CLEAN);  /* a new room is clean */
  g_assert_cmpstr (row->guest, ==, "王伟");
  g_assert_false (find_row (rows, "102")->occupied);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = housekeeping (h, "2026-05-06");
  row = find_row (rows, "101");
  g_assert_false (row->occupied);
  g_assert_true (row->departure);
  row = find_row (rows, "102");
  g_assert_true (row->occupied);
  g_assert_true (row->arrival);
  row = find_row (rows, "103");
  g_assert_true (row->out_of_order);
  g_assert_cmpstr (row->guest, ==, "换门锁");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* the check-out makes the room dirty, in its commit */
  stay = act (h, a, TD_STAY_ACTION_CHECK_OUT, "2026-05-06", &error);
  g_assert_no_error (error);
  td_stay_free (stay);
  room = td_database_get_record (h->db, "room", h->room[R101], NULL);
  g_assert_cmpstr (json_object_get_string_member (room, "housekeeping"), ==, "dirty");
  g_assert_nonnull (json_object_get_string_member (room, "housekeeping_at"));
  g_assert_cmpint (td_test_query_int (h->db, "SELECT count(*) FROM audit_log WHERE kind = 'room' AND op = 'update'"), ==, 1);

  /* cleaned before inspected */
  g_assert_false (td_room_set_housekeeping (h->db, "test", h->room[R101], TD_HOUSEKEEPING_INSPECTED, &leaving, &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_clear_error (&error);
  g_assert_true (td_room_set_housekeeping (h->db, "test", h->room[R101], TD_HOUSEKEEPING_CLEAN, &leaving, &error));
  g_assert_true (td_room_set_housekeeping (h->db, "test", h->room[R101], TD_HOUSEKEEPING_INSPECTED, &leaving, &error));
  g_assert_no_error (error);
  rows = housekeeping (h, "2026-05-06");
  g_assert_cmpint (find_row (rows, "101")->state, ==, TD_HOUSEKEEPING_INSPECTED);
  g_assert_cmpint (find_row (rows, "102")->state, ==, TD_HOUSEKEEPING_CLEAN);
}

/* ------------------------------------------------------------------ */
/* availability                                                       */

static void
test_availability (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ("availability.tourdesk");
  g_autoptr(GPtrArray) all = search (h, NULL, "2026-05-04", "2026-05-07", 2, "2026-05-01");
  g_autoptr(GPtrArray) results = NULL;
  TdAvailability *std, *dlk;
  guint hotels = 0;

  /* every property: 测试酒店 (STD, DLK) and 分店 (STD) */
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < all->len; i++)
    hotels += g_str_equal (((TdAvailability *) g_ptr_array_index (all, i))->property_id, h->branch);
  g_assert_cmpuint (hotels, ==, 1);

  std = find_type (all, h->std);
  g_assert_true (td_availability_is_bookable (std));
  g_assert_cmpuint (std->n_rooms, ==, 3);
  g_assert_cmpuint (std->n_free, ==, 3);
  g_assert_cmpuint (std->quotes->len, ==, 2);
  /* the cheaper plan the rules allow: NRF 3 × ¥270 */
  g_assert_cmpstr (std->best->code, ==, "NRF");
  g_assert_cmpint (std->best->rooms.minor, ==, 81000);
  dlk = find_type (all, h->dlk);
  g_assert_null (dlk->best->rate_plan_id);  /* no plan: the base price */
  g_assert_cmpint (dlk->best->rooms.minor, ==, 135000);

  /* Golden Week for two nights: BAR wants three, NRF is closed */
  results = search (h, h->property, "2026-10-01", "2026-10-03", 2, "2026-09-01");
  std = find_type (results, h->std);
  g_assert_false (td_availability_is_bookable (std));
  g_assert_false (std->full);
  for (guint i = 0; i < std->quotes->len; i++)
    {
      TdRateQuote *q = g_ptr_array_index (std->quotes, i);

      g_assert_cmpint (q->problems, ==, g_str_equal (q->code, "BAR") ? TD_RATE_MIN_NIGHTS : TD_RATE_CLOSED);
    }
  {
    g_autofree char *why = td_availability_describe (std);

    g_test_message ("%s", why);
    g_assert_nonnull (why);
  }
  g_clear_pointer (&results, g_ptr_array_unref);

  /* too many guests */
  results = search (h, h->property, "2026-05-04", "2026-05-05", 3, "2026-05-01");
  dlk = find_type (results, h->dlk);
  g_assert_false (td_availability_is_bookable (dlk));
  g_assert_cmpint (dlk->best->problems, ==, TD_RATE_OCCUPANCY);
  g_assert_true (td_availability_is_bookable (find_type (results, h->std)));
  g_clear_pointer (&results, g_ptr_array_unref);

  /*        4  5  6
   *  101  [A) .  .
   *  102   . [B) .      some STD every night, never the same room:
   *  103   .  . [C)     full for a stay of all three
   */
  g_free (book (h, R101, "2026-05-04", "2026-05-05"));
  g_free (book (h, R102, "2026-05-05", "2026-05-06"));
  g_free (book (h, R103, "2026-05-06", "2026-05-07"));
  results = search (h, h->property, "2026-05-04", "2026-05-07", 2, "2026-05-01");
  std = find_type (results, h->std);
  g_assert_true (std->full);
  g_assert_cmpint (g_array_index (std->left, int, 1), ==, 2);
  {
    g_autofree char *why = td_availability_describe (std);

    g_assert_nonnull (why);
    g_test_message ("%s", why);
  }
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = td_availability_search_finish (TD_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_booked (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TdBookingResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = td_stays_book_finish (TD_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = td_stays_list_finish (TD_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_rooms_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  if (out[0] == NULL)
    out[0] = td_rooms_list_finish (TD_DATABASE (source), result, &error);
  else
    out[1] = td_housekeeping_list_finish (TD_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ("async.tourdesk");
  TdAvailabilityQuery query = { h->property, NULL, range ("2026-05-04", "2026-05-06"), 2, 0 };
  TdBookingRoom room = { NULL, h->std, range ("2026-05-04", "2026-05-06"), 2, 0, NULL, NULL, "李雷" };
  TdBooking booking = { .customer_id = h->guest, .rooms = &room, .n_rooms = 1 };
  TdStayFilter filter = { .property_id = h->property, .dates = range ("2026-05-01", "2026-05-31") };
  TdDeskTime when = at ("2026-05-01");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) stays = NULL;
  g_autoptr(TdBookingResult) booked = NULL;

  td_availability_search_async (h->db, &query, &when, NULL, on_searched, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (results->len, ==, 2);

  td_stays_book_async (h->db, "test", &booking, &when, NULL, on_booked, &booked);
  while (booked == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (booked->stay_ids->len, ==, 1);

  td_stays_list_async (h->db, &filter, NULL, on_listed, &stays);
  while (stays == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (stays->len, ==, 1);
  g_assert_cmpstr (((TdStay *) g_ptr_array_index (stays, 0))->guest_name, ==, "李雷");

  {
    GPtrArray *lists[2] = { NULL, NULL };

    td_rooms_list_async (h->db, h->property, d ("2026-05-04"), &when, NULL, on_rooms_listed, lists);
    while (lists[0] == NULL)
      g_main_context_iteration (NULL, TRUE);
    td_housekeeping_list_async (h->db, h->property, d ("2026-05-04"), &when, NULL, on_rooms_listed, lists);
    while (lists[1] == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (lists[0]->len, ==, 5);
    g_assert_cmpint (((TdRoom *) g_ptr_array_index (lists[0], 0))->status, ==, TD_ROOM_TAKEN);
    g_assert_cmpuint (lists[1]->len, ==, 5);
    g_assert_true (((TdHousekeepingRow *) g_ptr_array_index (lists[1], 0))->arrival);
    g_ptr_array_unref (lists[0]);
    g_ptr_array_unref (lists[1]);
  }
}

static void
test_family_booking (void)
{
  /* one reservation, two rooms: both or neither
   *        4  5
   *  101  [F  F)
   *  102  [F  F)
   *  201  [X  X)    the second try asks for 201 too, which is taken: nothing is booked
   */
  g_autoptr(TdTestHotel) h = hotel_new ("family.tourdesk");
  g_autoptr(GError) error = NULL;
  TdDeskTime when = at ("2026-05-01");
  TdBookingRoom rooms[] = {
    { h->room[R101], NULL, range ("2026-05-04", "2026-05-06"), 2, 1, NULL, NULL, "王伟" },
    { h->room[R102], NULL, range ("2026-05-04", "2026-05-06"), 2, 0, NULL, NULL, "王芳" },
  };
  TdMoney deposit;
  TdBooking booking = { .customer_id = h->guest, .source = "phone", .requests = "相邻房间",
                        .rooms = rooms, .n_rooms = 2 };
  g_autoptr(TdBookingResult) family = NULL;
  g_autoptr(TdBookingResult) refused = NULL;
  g_autoptr(GPtrArray) stays = NULL;
  g_autoptr(JsonObject) reservation = NULL;
  g_autofree char *x = book (h, R201, "2026-05-04", "2026-05-06");
  TdStayFilter filter = { 0 };
  gint64 before;

  td_money_init (&deposit, 50000, "CNY", NULL);
  booking.deposit = &deposit;
  family = td_stays_book (h->db, "test", &booking, &when, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (family->stay_ids->len, ==, 2);
  reservation = td_database_get_record (h->db, "reservation", family->reservation_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (reservation, "requests"), ==, "相邻房间");
  g_assert_cmpstr (json_object_get_string_member (reservation, "cancel_penalty"), ==, "first-night");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (reservation, "deposit"), "minor"), ==, 50000);
  filter.reservation_id = family->reservation_id;
  stays = td_stays_list (h->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stays->len, ==, 2);
  /* a child costs ¥30 a night more */
  g_assert_cmpint (((TdStay *) g_ptr_array_index (stays, 0))->total.minor, ==, 66000);

  before = td_database_count (h->db, "stay", NULL);
  rooms[0].room_id = h->room[R103];
  rooms[1].room_id = h->room[R201];
  rooms[1].room_type_id = NULL;
  refused = td_stays_book (h->db, "test", &booking, &when, &error);
  g_assert_null (refused);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN);
  g_assert_cmpint (td_database_count (h->db, "stay", NULL), ==, before);
}

/* ------------------------------------------------------------------ */
/* group blocks                                                       */

static void
test_blocks (void)
{
  /*  STD (101–103), the block "老年大学秋游" holds 2 rooms, released on the 5th
   *                 10 11 12
   *  held            2  2  2
   *  picked up      [张三 …)  [李四 …)
   *  the third guest of the block: refused (both rooms picked up)
   *  walk-in        [W  W  W)  the last room, once the block is picked up
   */
  g_autoptr(TdTestHotel) h = hotel_new ("blocks.tourdesk");
  g_autoptr(GError) error = NULL;
  TdDeskTime today = at ("2026-05-01");
  TdMoney price;
  TdBlockRequest request = { h->std, h->agency, "老年大学秋游", 2, range ("2026-05-10", "2026-05-13"),
                             d ("2026-05-05"), NULL, &price, NULL };
  g_autofree char *block_id = NULL;
  g_autofree char *walk_in = NULL;
  g_autofree char *zhang = NULL;
  g_autofree char *li = NULL;
  g_autofree char *wang = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(TdBlock) block = NULL;
  g_autoptr(TdStay) stay = NULL;
  TdBlockPickUp pick = { "张三", NULL, NULL, 2, 0, NULL };
  TdBlockRequest too_big = request;

  td_money_init (&price, 25000, "CNY", NULL);
  too_big.rooms = 4;
  g_assert_null (td_block_create (h->db, "test", &too_big, &today, &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_FULL);
  g_clear_error (&error);

  block_id = td_block_create (h->db, "test", &request, &today, &error);
  g_assert_no_error (error);

  /* two of three held: one left to sell */
  results = search (h, h->property, "2026-05-10", "2026-05-13", 2, "2026-05-01");
  g_assert_cmpint (g_array_index (find_type (results, h->std)->left, int, 0), ==, 1);
  g_assert_cmpuint (find_type (results, h->std)->n_free, ==, 1);
  g_clear_pointer (&results, g_ptr_array_unref);

  zhang = td_block_pick_up (h->db, "test", block_id, &pick, &today, &error);
  g_assert_no_error (error);
  stay = td_stay_get (h->db, zhang, NULL);
  g_assert_cmpstr (stay->block_id, ==, block_id);
  g_assert_cmpstr (stay->guest_name, ==, "张三");
  g_assert_cmpint (stay->total.minor, ==, 75000);  /* the block's ¥250 a night */
  g_assert_cmpstr (stay->source, ==, "agency");
  pick.guest_name = "李四";
  li = td_block_pick_up (h->db, "test", block_id, &pick, &today, &error);
  g_assert_no_error (error);
  block = td_block_get (h->db, block_id, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (block->picked_up, ==, 2);
  g_assert_cmpstr (block->agency_name, ==, "中原国际旅行社");
  g_assert_cmpstr (stay->reservation_id, ==, block->reservation_id);

  pick.guest_name = "王五";
  wang = td_block_pick_up (h->db, "test", block_id, &pick, &today, &error);
  g_assert_null (wang);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_BLOCK);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* the block is all picked up: the last room is for anyone */
  walk_in = book_full (h, NULL, h->std, "2026-05-10", "2026-05-13", 2, NULL, 0, "2026-05-01", &error);
  g_assert_no_error (error);
}

static void
test_block_release (void)
{
  /*  STD         20 21
   *  held         2  2      until the 15th
   *  a walk-in   [W  W)     gets the one room left before the 15th
   *  another     [V  V)     refused on the 10th; on the 15th the held rooms are for sale
   */
  g_autoptr(TdTestHotel) h = hotel_new ("release.tourdesk");
  g_autoptr(GError) error = NULL;
  TdDeskTime early = at ("2026-05-10");
  TdDeskTime release_day = at ("2026-05-15");
  TdBlockRequest request = { h->std, h->agency, "婚宴", 2, range ("2026-05-20", "2026-05-22"),
                             d ("2026-05-15"), h->bar, NULL, NULL };
  g_autofree char *block_id = td_block_create (h->db, "test", &request, &early, &error);
  g_autofree char *w = NULL;
  g_autofree char *v = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(TdBlock) block = NULL;
  TdBlockPickUp pick = { "迟到的客人", NULL, NULL, 2, 0, NULL };

  g_assert_no_error (error);
  w = book_full (h, NULL, h->std, "2026-05-20", "2026-05-22", 2, NULL, 0, "2026-05-10", &error);
  g_assert_no_error (error);
  v = book_full (h, NULL, h->std, "2026-05-20", "2026-05-22", 2, NULL, 0, "2026-05-10", &error);
  g_assert_null (v);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  /* on the release date the availability counts the block's rooms free,
   * even before the release is recorded */
  results = search (h, h->property, "2026-05-20", "2026-05-22", 2, "2026-05-15");
  g_assert_cmpuint (find_type (results, h->std)->n_free, ==, 2);
  g_assert_cmpint (td_blocks_release_due (h->db, "test", &early, &error), ==, 0);
  g_assert_cmpint (td_blocks_release_due (h->db, "test", &release_day, &error), ==, 1);
  g_assert_no_error (error);
  block = td_block_get (h->db, block_id, &release_day, &error);
  g_assert_cmpint (block->state, ==, TD_BLOCK_RELEASED);

  g_assert_null (td_block_pick_up (h->db, "test", block_id, &pick, &release_day, &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_BLOCK);
  g_assert_nonnull (strstr (error->message, "2026-05-15"));
  g_clear_error (&error);
  v = book_full (h, NULL, h->std, "2026-05-20", "2026-05-22", 2, NULL, 0, "2026-05-15", &error);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */
/* two processes, the same nights                                     */

/* In a child: waits for the go, books, exits 0 (booked), 1 (taken or full)
 * or 2 (anything else). */
static void
race_child (const char *path,
            int         go,
            const char *room_id,
            const char *type_id,
            const char *customer,
            TdDateRange dates)
{
  g_autoptr(GError) error = NULL;
  TdDatabase *db;
  TdBookingRoom room = { room_id, type_id, dates, 1, 0, NULL, NULL, NULL };
  TdBooking booking = { .customer_id = customer, .rooms = &room, .n_rooms = 1 };
  TdDeskTime when = at ("2026-05-01");
  TdBookingResult *result;
  char byte;

  /* a forked child has its parent's random state: the same record ids */
  g_random_set_seed ((guint32) getpid ());
  db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
  if (db == NULL || read (go, &byte, 1) != 1)
    _exit (2);
  result = td_stays_book (db, "racer", &booking, &when, &error);
  if (result)
    _exit (0);
  if (g_error_matches (error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN) || g_error_matches (error, TD_DESK_ERROR, TD_DESK_ERROR_FULL))
    _exit (1);
  g_printerr ("racer: %s\n", error->message);
  _exit (2);
}

static void
race (Hotel        *h,
      guint         n,
      const char  **room_ids,
      const char   *type_id,
      TdDateRange  *dates,
      guint        *won,
      guint        *lost)
{
  int pipes[2];
  pid_t *children = g_new0 (pid_t, n);

  g_assert_cmpint (pipe (pipes), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      children[i] = fork ();
      g_assert_cmpint (children[i], >=, 0);
      if (children[i] == 0)
        {
          close (pipes[1]);
          race_child (td_database_get_path (h->db), pipes[0], room_ids ? room_ids[i] : NULL, type_id,
                      h->guest, dates[i]);
        }
    }
  close (pipes[0]);
  /* every child has opened the workspace and waits: go, all at once */
  g_usleep (200 * 1000);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (write (pipes[1], "x", 1), ==, 1);
  close (pipes[1]);

  *won = *lost = 0;
  for (guint i = 0; i < n; i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (children[i], &status, 0), ==, children[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), !=, 2);
      if (WEXITSTATUS (status) == 0)
        (*won)++;
      else
        (*lost)++;
    }
  g_free (children);
}

static void
test_race_processes (void)
{
  /* round r, two processes:
   *          d  d+1 d+2 d+3
   *  101    [P  P   P)            process 1
   *  101            [Q  Q)        process 2: the night d+2 is both's
   * exactly one of them books, every round */
  g_autoptr(TdTestHotel) h = hotel_new ("race.tourdesk");
  const char *rooms[] = { h->room[R101], h->room[R101] };
  guint32 start = d ("2026-06-01");

  for (guint round = 0; round < 8; round++)
    {
      TdDateRange dates[] = {
        { start + round * 5, start + round * 5 + 3 },
        { start + round * 5 + 2, start + round * 5 + 4 },
      };
      guint won, lost;

      race (h, 2, rooms, NULL, dates, &won, &lost);
      g_assert_cmpuint (won, ==, 1);
      g_assert_cmpuint (lost, ==, 1);
    }
  /* never two stays on a room-night */
  g_assert_cmpint (td_test_query_int (h->db,
                                      "SELECT count(*) FROM stays s1 JOIN stays s2 ON s1.room_id = s2.room_id "
                                      "AND s1.id < s2.id AND s1.arrival < s2.departure AND s2.arrival < s1.departure "
                                      "WHERE s1.state = 'confirmed' AND s2.state = 'confirmed'"), ==, 0);
  g_assert_cmpint (td_database_count (h->db, "stay", NULL), ==, 8);

  {
    /* five processes want a STD room (three) for the same nights: three
     * get one, each a different room, two are told the type is full */
    TdDateRange same[5];
    guint won, lost;

    for (guint i = 0; i < 5; i++)
      same[i] = range ("2026-07-10", "2026-07-12");
    race (h, 5, NULL, h->std, same, &won, &lost);
    g_assert_cmpuint (won, ==, 3);
    g_assert_cmpuint (lost, ==, 2);
    g_assert_cmpint (td_test_query_int (h->db, "SELECT count(DISTINCT room_id) FROM stays WHERE arrival = '2026-07-10'"),
                     ==, 3);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/frontdesk/rates/seasons", test_rates_seasons);
  g_test_add_func ("/frontdesk/rates/occupancy-taxes", test_rates_occupancy_and_taxes);
  g_test_add_func ("/frontdesk/rates/restrictions", test_rates_restrictions);
  g_test_add_func ("/frontdesk/rates/cancellation-policy", test_cancellation_policy);
  g_test_add_func ("/frontdesk/rates/change-keeps-bookings", test_rate_change_keeps_bookings);
  g_test_add_func ("/frontdesk/book/conflict", test_book_conflict);
  g_test_add_func ("/frontdesk/book/type-and-overbook", test_book_by_type_and_overbook);
  g_test_add_func ("/frontdesk/book/restrictions", test_book_restrictions);
  g_test_add_func ("/frontdesk/book/family", test_family_booking);
  g_test_add_func ("/frontdesk/stays/states", test_states);
  g_test_add_func ("/frontdesk/stays/cancel-penalties", test_cancel_penalties);
  g_test_add_func ("/frontdesk/stays/holds-expire", test_holds_expire);
  g_test_add_func ("/frontdesk/stays/early-departure", test_early_departure);
  g_test_add_func ("/frontdesk/stays/late-departure", test_late_departure);
  g_test_add_func ("/frontdesk/stays/change-dates", test_change_dates);
  g_test_add_func ("/frontdesk/stays/room-move", test_room_move);
  g_test_add_func ("/frontdesk/stays/move-and-change-dates", test_move_and_change_dates);
  g_test_add_func ("/frontdesk/stays/upgrade", test_upgrade_counts_the_room_type);
  g_test_add_func ("/frontdesk/rooms/out-of-order", test_out_of_order);
  g_test_add_func ("/frontdesk/rooms/housekeeping", test_housekeeping);
  g_test_add_func ("/frontdesk/availability", test_availability);
  g_test_add_func ("/frontdesk/async", test_async);
  g_test_add_func ("/frontdesk/blocks/pick-up", test_blocks);
  g_test_add_func ("/frontdesk/blocks/release", test_block_release);
  g_test_add_func ("/frontdesk/race/processes", test_race_processes);
  return g_test_run ();
}
