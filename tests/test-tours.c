/* test-tours.c: the agency desk: pricing by age, supplements and
 * surcharges, payment schedules, states, the waiting list, cancellation
 * penalties, travel documents, margins, and seats never oversold, also by
 * processes racing for the last seats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "td-test-tours.h"
#include "td-test-utils.h"

static guint32
day (const char *iso)
{
  guint32 julian = 0;

  g_assert_true (td_date_parse_iso (iso, &julian, NULL));
  return julian;
}

static TdDeskTime
at (const char *iso)
{
  TdDeskTime when;

  td_desk_time_init (&when, day (iso), g_get_real_time ());
  return when;
}

static char *
book (TdTestTours  *t,
      const char   *departure,
      const char   *lead,
      const char  **others,
      const char   *today,
      GError      **error)
{
  TdTourTraveller travellers[8] = { 0 };
  TdTourBookingRequest request = { 0 };
  TdDeskTime when = at (today);
  guint n = 0;

  for (; others && others[n]; n++)
    travellers[n].customer_id = others[n];
  request.departure_id = departure;
  request.lead_customer_id = lead;
  request.travellers = travellers;
  request.n_travellers = n;
  return td_tour_book (t->db, "test", &request, &when, error);
}

/* ------------------------------------------------------------------ */

static void
test_ages (void)
{
  g_autoptr(TdTourProduct) product = td_tour_product_new ();

  g_assert_cmpint (td_age_on (day ("2018-10-03"), day ("2026-10-03")), ==, 8);
  g_assert_cmpint (td_age_on (day ("2018-10-04"), day ("2026-10-03")), ==, 7);
  g_assert_cmpint (td_age_on (day ("2020-02-29"), day ("2026-02-28")), ==, 5);
  g_assert_cmpint (td_age_on (day ("2020-02-29"), day ("2026-03-01")), ==, 6);
  g_assert_cmpint (td_age_on (day ("2027-01-01"), day ("2026-10-03")), ==, -1);

  /* infant below 2, child below 12, senior from 65 (the defaults) */
  g_assert_cmpint (td_tour_product_pax_type (product, 0), ==, TD_PAX_INFANT);
  g_assert_cmpint (td_tour_product_pax_type (product, 1), ==, TD_PAX_INFANT);
  g_assert_cmpint (td_tour_product_pax_type (product, 2), ==, TD_PAX_CHILD);
  g_assert_cmpint (td_tour_product_pax_type (product, 11), ==, TD_PAX_CHILD);
  g_assert_cmpint (td_tour_product_pax_type (product, 12), ==, TD_PAX_ADULT);
  g_assert_cmpint (td_tour_product_pax_type (product, 64), ==, TD_PAX_ADULT);
  g_assert_cmpint (td_tour_product_pax_type (product, 65), ==, TD_PAX_SENIOR);
  g_assert_cmpint (td_tour_product_pax_type (product, -1), ==, TD_PAX_ADULT);
}

static void
test_pricing (void)
{
  g_autoptr(TdTestTours) t = td_test_tours_new ("pricing.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTourQuote) golden = NULL;
  g_autoptr(TdTourQuote) september = NULL;
  TdTourTraveller travellers[] = {
    { t->child, FALSE, NULL }, { t->infant, FALSE, NULL }, { t->senior, TRUE, NULL },
  };
  TdTourBookingRequest request = {
    .departure_id = t->golden, .lead_customer_id = t->adult,
    .travellers = travellers, .n_travellers = G_N_ELEMENTS (travellers),
  };
  TdMoney discount = td_test_cny (10000);
  TdMoney dollars;
  const TdPaxPrice *p;

  golden = td_tour_quote (t->db, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (golden->people->len, ==, 4);
  /* Golden Week: +¥200 for all but the infant; the senior sleeps alone */
  p = &g_array_index (golden->people, TdPaxPrice, 0);
  g_assert_cmpint (p->type, ==, TD_PAX_ADULT);
  g_assert_cmpint (p->age, ==, 46);
  g_assert_cmpint (p->total.minor, ==, 140000);
  p = &g_array_index (golden->people, TdPaxPrice, 1);
  g_assert_cmpint (p->type, ==, TD_PAX_CHILD);
  g_assert_cmpint (p->age, ==, 8);
  g_assert_cmpint (p->total.minor, ==, 100000);
  p = &g_array_index (golden->people, TdPaxPrice, 2);
  g_assert_cmpint (p->type, ==, TD_PAX_INFANT);
  g_assert_cmpint (p->surcharges.minor, ==, 0);
  g_assert_cmpint (p->total.minor, ==, 10000);
  p = &g_array_index (golden->people, TdPaxPrice, 3);
  g_assert_cmpint (p->type, ==, TD_PAX_SENIOR);
  g_assert_cmpint (p->age, ==, 70);
  g_assert_cmpint (p->supplement.minor, ==, 30000);
  g_assert_cmpint (p->total.minor, ==, 100000 + 20000 + 30000);
  g_assert_cmpint (golden->total.minor, ==, 140000 + 100000 + 10000 + 150000);
  g_assert_cmpstr (golden->total.currency, ==, "CNY");

  /* no surcharge in September; a discount and a sub-agent's commission */
  request.departure_id = t->september;
  request.discount = &discount;
  request.commission_bp = 1000;
  september = td_tour_quote (t->db, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (september->subtotal.minor, ==, 120000 + 80000 + 10000 + 130000);
  g_assert_cmpint (september->total.minor, ==, 340000 - 10000);
  g_assert_cmpint (september->commission.minor, ==, 33000);

  /* a discount in another currency, or above the price, is refused */
  dollars = discount;
  strcpy (dollars.currency, "USD");
  request.discount = &dollars;
  g_assert_null (td_tour_quote (t->db, &request, &error));
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID);
  g_clear_error (&error);
  discount.minor = 999999;
  request.discount = &discount;
  g_assert_null (td_tour_quote (t->db, &request, &error));
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID);
  g_clear_error (&error);

  /* a customer named twice */
  travellers[1].customer_id = t->child;
  request.discount = NULL;
  g_assert_null (td_tour_quote (t->db, &request, &error));
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID);
}

static void
check_schedule_sums (GArray *dues,
                     gint64  total)
{
  gint64 sum = 0;

  for (guint i = 0; i < dues->len; i++)
    {
      const TdPaymentDue *due = &g_array_index (dues, TdPaymentDue, i);

      sum += due->amount;
      g_assert_cmpint (due->amount, >=, 0);
      if (i > 0)
        g_assert_cmpuint (due->due, >, g_array_index (dues, TdPaymentDue, i - 1).due);
    }
  g_assert_cmpint (sum, ==, total);
}

static void
test_payment_schedule (void)
{
  g_autoptr(GArray) plain = td_payment_schedule (460000, 30, 0, 30, day ("2026-08-01"), day ("2026-10-03"));
  g_autoptr(GArray) instalments = td_payment_schedule (100001, 30, 2, 30, day ("2026-08-01"), day ("2026-10-03"));
  g_autoptr(GArray) late = td_payment_schedule (460000, 30, 0, 30, day ("2026-09-20"), day ("2026-10-03"));
  g_autoptr(GArray) tight = td_payment_schedule (1000, 30, 5, 30, day ("2026-09-01"), day ("2026-10-03"));
  const TdPaymentDue *due;

  g_assert_cmpuint (plain->len, ==, 2);
  due = &g_array_index (plain, TdPaymentDue, 0);
  g_assert_cmpint (due->kind, ==, TD_DUE_DEPOSIT);
  g_assert_cmpuint (due->due, ==, day ("2026-08-01"));
  g_assert_cmpint (due->amount, ==, 138000);
  due = &g_array_index (plain, TdPaymentDue, 1);
  g_assert_cmpint (due->kind, ==, TD_DUE_BALANCE);
  g_assert_cmpuint (due->due, ==, day ("2026-09-03"));
  g_assert_cmpint (due->amount, ==, 322000);
  check_schedule_sums (plain, 460000);

  /* 30 % of 1000.01 is 300.00 (300.003); the rest in three, odd cents last */
  g_assert_cmpuint (instalments->len, ==, 4);
  g_assert_cmpint (g_array_index (instalments, TdPaymentDue, 0).amount, ==, 30000);
  g_assert_cmpint (g_array_index (instalments, TdPaymentDue, 1).kind, ==, TD_DUE_INSTALMENT);
  g_assert_cmpint (g_array_index (instalments, TdPaymentDue, 1).amount, ==, 23333);
  g_assert_cmpint (g_array_index (instalments, TdPaymentDue, 3).amount, ==, 23335);
  g_assert_cmpuint (g_array_index (instalments, TdPaymentDue, 3).due, ==, day ("2026-09-03"));
  check_schedule_sums (instalments, 100001);

  /* booked after the balance date: all of it now */
  g_assert_cmpuint (late->len, ==, 1);
  g_assert_cmpint (g_array_index (late, TdPaymentDue, 0).kind, ==, TD_DUE_BALANCE);
  g_assert_cmpuint (g_array_index (late, TdPaymentDue, 0).due, ==, day ("2026-09-20"));
  check_schedule_sums (late, 460000);

  /* two days to the balance: one instalment fits, not five */
  g_assert_cmpuint (tight->len, ==, 3);
  check_schedule_sums (tight, 1000);
}

static void
test_cancel_tiers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) tiers = td_cancel_tiers_parse ("[{\"days\":7,\"percent\":50},{\"days\":30,\"percent\":0},"
                                                   "{\"days\":15,\"percent\":20},{\"days\":0,\"percent\":100}]",
                                                   &error);
  g_autofree char *json = NULL;
  static const char *const bad[] = {
    "{}", "[1]", "[{\"days\":-1,\"percent\":0}]", "[{\"days\":3,\"percent\":101}]",
    "[{\"days\":3}]", "[{\"days\":3,\"percent\":1},{\"days\":3,\"percent\":2}]", "not json",
  };

  g_assert_no_error (error);
  json = td_cancel_tiers_to_json (tiers);
  g_assert_cmpstr (json, ==, "[{\"days\":30,\"percent\":0},{\"days\":15,\"percent\":20},"
                             "{\"days\":7,\"percent\":50},{\"days\":0,\"percent\":100}]");
  g_assert_cmpuint (td_cancel_tiers_percent (tiers, 90), ==, 0);
  g_assert_cmpuint (td_cancel_tiers_percent (tiers, 30), ==, 0);
  g_assert_cmpuint (td_cancel_tiers_percent (tiers, 29), ==, 20);
  g_assert_cmpuint (td_cancel_tiers_percent (tiers, 15), ==, 20);
  g_assert_cmpuint (td_cancel_tiers_percent (tiers, 14), ==, 50);
  g_assert_cmpuint (td_cancel_tiers_percent (tiers, 7), ==, 50);
  g_assert_cmpuint (td_cancel_tiers_percent (tiers, 6), ==, 100);
  g_assert_cmpuint (td_cancel_tiers_percent (tiers, 0), ==, 100);
  g_assert_cmpuint (td_cancel_tiers_percent (tiers, -2), ==, 100);
  g_assert_cmpuint (td_cancel_tiers_percent (NULL, 100), ==, 100);
  g_assert_cmpint (td_percent_of (12345, 20), ==, 2469);
  g_assert_cmpint (td_percent_of (250, 1), ==, 3);    /* 2.5 rounds half up */

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GArray) refused = td_cancel_tiers_parse (bad[i], &error);

      g_assert_null (refused);
      g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_clear_error (&error);
    }
}

/* A booking of the family on Golden Week: states, payments, margin, documents */
static void
test_booking (void)
{
  g_autoptr(TdTestTours) t = td_test_tours_new ("booking.tourdesk");
  g_autoptr(GError) error = NULL;
  const char *family[] = { t->child, t->infant, t->senior, NULL };
  g_autofree char *id = book (t, t->golden, t->adult, family, "2026-08-01", &error);
  g_autoptr(TdTourBooking) booking = NULL;
  g_autoptr(TdDeparture) departure = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) dues = NULL;
  g_autoptr(GPtrArray) due_list = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *payment = NULL;
  g_autofree char *refused = NULL;
  TdDepartureMargin margin;
  TdDeskTime when = at ("2026-08-02");
  TdMoney amount;

  g_assert_no_error (error);
  booking = td_tour_booking_get (t->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (booking->state, ==, TD_TOUR_BOOKING_BOOKED);
  g_assert_cmpint (booking->total.minor, ==, 140000 + 100000 + 10000 + 120000);
  g_assert_cmpuint (booking->n_participants, ==, 4);
  g_assert_cmpstr (booking->lead_name, ==, "王伟");
  g_assert_cmpuint (booking->return_date, ==, day ("2026-10-06"));

  /* seats 1 to 4, the lead first; two to a room, the infant with them */
  participants = td_tour_participants_list (t->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (participants->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      TdTourParticipant *p = g_ptr_array_index (participants, i);

      g_assert_cmpuint (p->seat, ==, i + 1);
      g_assert_cmpstr (p->room, ==, i < 3 ? "1" : "2");
      g_assert_true (p->active);
    }
  g_assert_cmpstr (((TdTourParticipant *) g_ptr_array_index (participants, 0))->customer_id, ==, t->adult);

  /* four of a minimum of four: guaranteed */
  departure = td_departure_get (t->db, t->golden, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (departure->sold, ==, 4);
  g_assert_cmpint (departure->stored_state, ==, TD_DEPARTURE_OPEN);
  g_assert_cmpint (td_departure_get_state (departure), ==, TD_DEPARTURE_GUARANTEED);

  /* the schedule: 30 % now, the balance 30 days before */
  dues = td_tour_dues_list (t->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dues->len, ==, 2);
  g_assert_cmpint (((TdTourDue *) g_ptr_array_index (dues, 0))->amount.minor, ==, 111000);
  g_assert_cmpuint (((TdTourDue *) g_ptr_array_index (dues, 1))->due, ==, day ("2026-09-03"));
  g_assert_cmpint (((TdTourDue *) g_ptr_array_index (dues, 1))->amount.minor, ==, 259000);

  /* the deposit is due and overdue the day after */
  due_list = td_tour_payments_due (t->db, day ("2026-08-10"), &when, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due_list->len, ==, 1);
  g_assert_cmpint (((TdTourPaymentDue *) g_ptr_array_index (due_list, 0))->amount.minor, ==, 111000);
  g_assert_true (((TdTourPaymentDue *) g_ptr_array_index (due_list, 0))->overdue);
  g_clear_pointer (&due_list, g_ptr_array_unref);

  /* part of the deposit: still booked; the rest: confirmed */
  amount = td_test_cny (100000);
  payment = td_tour_pay (t->db, "test", id, &amount, "wechat", NULL, &when, &error);
  g_assert_no_error (error);
  g_clear_pointer (&booking, td_tour_booking_free);
  booking = td_tour_booking_get (t->db, id, &error);
  g_assert_cmpint (booking->state, ==, TD_TOUR_BOOKING_BOOKED);
  g_assert_cmpint (booking->paid.minor, ==, 100000);
  g_clear_pointer (&payment, g_free);
  amount = td_test_cny (11000);
  payment = td_tour_pay (t->db, "test", id, &amount, "cash", "收据 0001", &when, &error);
  g_assert_no_error (error);
  g_clear_pointer (&booking, td_tour_booking_free);
  booking = td_tour_booking_get (t->db, id, &error);
  g_assert_cmpint (booking->state, ==, TD_TOUR_BOOKING_CONFIRMED);
  g_assert_cmpint (td_tour_booking_get_balance (booking), ==, 259000);

  /* by September 30 the balance is due, from September 3 */
  due_list = td_tour_payments_due (t->db, day ("2026-09-30"), &when, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due_list->len, ==, 1);
  g_assert_cmpint (((TdTourPaymentDue *) g_ptr_array_index (due_list, 0))->amount.minor, ==, 259000);
  g_assert_cmpuint (((TdTourPaymentDue *) g_ptr_array_index (due_list, 0))->due, ==, day ("2026-09-03"));
  g_assert_false (((TdTourPaymentDue *) g_ptr_array_index (due_list, 0))->overdue);

  /* more than the balance, an unknown method: refused */
  amount = td_test_cny (259001);
  refused = td_tour_pay (t->db, "test", id, &amount, "cash", NULL, &when, &error);
  g_assert_null (refused);
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID);
  g_clear_error (&error);
  amount = td_test_cny (100);
  refused = td_tour_pay (t->db, "test", id, &amount, "shells", NULL, &when, &error);
  g_assert_null (refused);
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID);
  g_clear_error (&error);

  /* revenue ¥3,700; costs (¥90 + ¥200) × 4 + ¥1,500 the coach */
  td_departure_get_margin (t->db, t->golden, &margin, &error);
  g_assert_no_error (error);
  g_assert_cmpint (margin.revenue.minor, ==, 370000);
  g_assert_cmpint (margin.costs.minor, ==, 29000 * 4 + 150000);
  g_assert_cmpint (margin.margin.minor, ==, 370000 - 266000);

  /* 李奶奶's passport expires on Oct 4, the trip ends on Oct 5 */
  problems = td_tour_document_problems (t->db, NULL, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((TdTravelDocumentProblem *) g_ptr_array_index (problems, 0))->customer_id, ==, t->senior);
  g_assert_cmpuint (((TdTravelDocumentProblem *) g_ptr_array_index (problems, 0))->expiry, ==, day ("2026-10-04"));
  g_assert_nonnull (strstr (((TdTravelDocumentProblem *) g_ptr_array_index (problems, 0))->problem, "2026-10-05"));

  /* the contract: printed, then signed, not back */
  td_tour_booking_set_contract (t->db, "test", id, TD_CONTRACT_PRINTED, &error);
  g_assert_no_error (error);
  td_tour_booking_set_contract (t->db, "test", id, TD_CONTRACT_SIGNED, &error);
  g_assert_no_error (error);
  g_assert_false (td_tour_booking_set_contract (t->db, "test", id, TD_CONTRACT_PRINTED, &error));
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_STATE);
  g_clear_error (&error);
  g_clear_pointer (&booking, td_tour_booking_free);
  booking = td_tour_booking_get (t->db, id, &error);
  g_assert_cmpint (booking->contract_state, ==, TD_CONTRACT_SIGNED);
  g_assert_nonnull (booking->contract_signed_at);

  /* a seat taken by another participant is refused by the database */
  g_assert_false (td_tour_participant_place (t->db, "test",
                                             ((TdTourParticipant *) g_ptr_array_index (participants, 0))->id,
                                             2, "1", &error));
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_TAKEN);
  g_clear_error (&error);
  g_assert_false (td_tour_participant_place (t->db, "test",
                                             ((TdTourParticipant *) g_ptr_array_index (participants, 0))->id,
                                             11, "1", &error));
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID);
  g_clear_error (&error);
  td_tour_participant_place (t->db, "test", ((TdTourParticipant *) g_ptr_array_index (participants, 0))->id,
                             9, "A", &error);
  g_assert_no_error (error);
}

/* Four seats: full, refused, a waiting list, a cancellation with its
 * penalty frees the seats and offers them */
static void
test_capacity_and_waiting_list (void)
{
  g_autoptr(TdTestTours) t = td_test_tours_new ("capacity.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autofree char *c1 = td_test_tours_customer (t->db, "赵一", "1990-01-01", "2030-01-01");
  g_autofree char *c2 = td_test_tours_customer (t->db, "钱二", "1990-01-01", "2030-01-01");
  g_autofree char *c3 = td_test_tours_customer (t->db, "孙三", "1990-01-01", NULL);
  const char *pair[] = { t->child, NULL };
  const char *three[] = { t->senior, c1, NULL };
  g_autofree char *first = book (t, t->september, t->adult, pair, "2026-08-01", &error);
  g_autofree char *second = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *w2 = NULL;
  g_autofree char *w3 = NULL;
  g_autofree char *late = NULL;
  g_autoptr(TdDeparture) departure = NULL;
  g_autoptr(TdTourCancellation) cancellation = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  TdDeskTime when = at ("2026-08-21");

  g_assert_no_error (error);
  /* three more on two seats left: refused, saying so */
  refused = book (t, t->september, t->infant, three, "2026-08-01", &error);
  g_assert_null (refused);
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "2 seats left"));
  g_assert_nonnull (strstr (error->message, "needs 3"));
  g_clear_error (&error);
  /* someone already on it */
  refused = book (t, t->september, t->child, NULL, "2026-08-01", &error);
  g_assert_null (refused);
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_TAKEN);
  g_clear_error (&error);

  second = book (t, t->september, t->senior, (const char *[]) { c1, NULL }, "2026-08-01", &error);
  g_assert_no_error (error);
  /* its room follows the first booking's */
  participants = td_tour_participants_list (t->db, second, &error);
  g_assert_cmpstr (((TdTourParticipant *) g_ptr_array_index (participants, 0))->room, ==, "2");
  g_assert_cmpstr (((TdTourParticipant *) g_ptr_array_index (participants, 1))->room, ==, "2");
  g_clear_pointer (&participants, g_ptr_array_unref);
  departure = td_departure_get (t->db, t->september, &error);
  g_assert_cmpuint (departure->sold, ==, 4);
  g_assert_cmpint (td_departure_get_state (departure), ==, TD_DEPARTURE_FULL);
  g_clear_pointer (&departure, td_departure_free);
  refused = book (t, t->september, c2, NULL, "2026-08-01", &error);
  g_assert_null (refused);
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_FULL);
  g_clear_error (&error);
  /* the capacity cannot go below the seats sold */
  g_assert_false (td_departure_set_capacity (t->db, "test", t->september, 3, &error));
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_FULL);
  g_clear_error (&error);

  /* the waiting list: 钱二 alone, then 孙三 with a friend */
  w2 = td_tour_waitlist_add (t->db, "test", t->september, c2, 1, NULL, &error);
  g_assert_no_error (error);
  w3 = td_tour_waitlist_add (t->db, "test", t->september, c3, 3, "三人同行", &error);
  g_assert_no_error (error);

  /* cancelled 20 days before: 20 % of ¥2,000; two seats free at once,
   * offered to 钱二 (the party of three does not fit) */
  cancellation = td_tour_cancel (t->db, "test", first, &when, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cancellation->days_before, ==, 20);
  g_assert_cmpuint (cancellation->percent, ==, 20);
  g_assert_cmpint (cancellation->fee.minor, ==, 40000);
  g_assert_cmpuint (cancellation->seats_freed, ==, 2);
  g_assert_cmpuint (cancellation->offered->len, ==, 1);
  g_assert_cmpstr (((TdTourWaiting *) g_ptr_array_index (cancellation->offered, 0))->customer_id, ==, c2);
  departure = td_departure_get (t->db, t->september, &error);
  g_assert_cmpuint (departure->sold, ==, 2);
  g_assert_cmpuint (departure->waiting, ==, 4);
  g_assert_cmpint (td_departure_get_state (departure), ==, TD_DEPARTURE_OPEN);
  participants = td_tour_participants_list (t->db, first, &error);
  g_assert_false (((TdTourParticipant *) g_ptr_array_index (participants, 0))->active);
  g_assert_false (td_tour_cancel (t->db, "test", first, &when, &error));
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_STATE);
  g_clear_error (&error);

  /* 钱二 books: off the list; the freed seat 1 is given again */
  late = book (t, t->september, c2, NULL, "2026-08-21", &error);
  g_assert_no_error (error);
  waiting = td_tour_waitlist_list (t->db, t->september, &error);
  g_assert_cmpuint (waiting->len, ==, 2);
  g_assert_cmpint (((TdTourWaiting *) g_ptr_array_index (waiting, 0))->state, ==, TD_WAITING_BOOKED);
  g_assert_cmpint (((TdTourWaiting *) g_ptr_array_index (waiting, 1))->state, ==, TD_WAITING_WAITING);
  g_clear_pointer (&participants, g_ptr_array_unref);
  participants = td_tour_participants_list (t->db, late, &error);
  g_assert_cmpuint (((TdTourParticipant *) g_ptr_array_index (participants, 0))->seat, ==, 1);

  /* 孙三 has no document on file */
  g_clear_pointer (&late, g_free);
  late = book (t, t->september, c3, NULL, "2026-08-21", &error);
  g_assert_no_error (error);
  problems = td_tour_document_problems (t->db, t->september, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((TdTravelDocumentProblem *) g_ptr_array_index (problems, 0))->customer_id, ==, c3);
  g_assert_null (((TdTravelDocumentProblem *) g_ptr_array_index (problems, 0))->document);

  /* the cancelled booking keeps its fee: revenue ¥400 + the live ones */
  {
    TdDepartureMargin margin;

    td_departure_get_margin (t->db, t->september, &margin, &error);
    g_assert_no_error (error);
    g_assert_cmpint (margin.revenue.minor, ==, 40000 + 100000 + 120000 + 120000 + 120000);
  }
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(*) FROM tour_participants WHERE active = 1"
                                             " AND departure_id = (SELECT id FROM tour_departures WHERE capacity = 4)"), ==, 4);
}

static void
test_states (void)
{
  g_autoptr(TdTestTours) t = td_test_tours_new ("states.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *id = NULL;

  /* a draft takes no bookings; nor a departed one */
  td_departure_set_state (t->db, "test", t->september, TD_DEPARTURE_DRAFT, &error);
  g_assert_no_error (error);
  refused = book (t, t->september, t->adult, NULL, "2026-08-01", &error);
  g_assert_null (refused);
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_STATE);
  g_clear_error (&error);
  td_departure_set_state (t->db, "test", t->september, TD_DEPARTURE_OPEN, &error);
  id = book (t, t->september, t->adult, NULL, "2026-08-01", &error);
  g_assert_no_error (error);
  /* a departure with people on it cannot be cancelled */
  g_assert_false (td_departure_set_state (t->db, "test", t->september, TD_DEPARTURE_CANCELLED, &error));
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_STATE);
  g_clear_error (&error);
  td_departure_set_state (t->db, "test", t->september, TD_DEPARTURE_DEPARTED, &error);
  g_assert_no_error (error);
  g_clear_pointer (&refused, g_free);
  refused = book (t, t->september, t->child, NULL, "2026-08-01", &error);
  g_assert_null (refused);
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_STATE);
  g_clear_error (&error);
  /* a cancellation after the departure costs everything */
  {
    TdDeskTime when = at ("2026-09-11");
    g_autoptr(TdTourCancellation) late = td_tour_cancel (t->db, "test", id, &when, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (late->percent, ==, 100);
    g_assert_cmpint (late->fee.minor, ==, 120000);
  }
}

/* ------------------------------------------------------------------ */
/* processes racing for the last seats                                */

typedef struct {
  const char  *path;
  const char  *departure;
  char       **leads;
  char       **others;
} Race;

/* In a child: waits for the go, books, exits 0 (booked), 1 (full) or 2
 * (anything else). */
static void
race_child (gpointer data,
            guint    index,
            int      go)
{
  Race *r = data;
  g_autoptr(GError) error = NULL;
  TdDatabase *db;
  TdTourTraveller traveller = { r->others ? r->others[index] : NULL, FALSE, NULL };
  TdTourBookingRequest request = { .departure_id = r->departure, .lead_customer_id = r->leads[index],
                                   .travellers = &traveller, .n_travellers = r->others ? 1 : 0 };
  TdDeskTime when = at ("2026-08-01");
  char *id;
  char byte;

  db = td_database_open (r->path, TD_OPEN_FLAGS_NONE, &error);
  if (db == NULL || read (go, &byte, 1) != 1)
    _exit (2);
  id = td_tour_book (db, "racer", &request, &when, &error);
  if (id)
    _exit (0);
  if (g_error_matches (error, TD_TOUR_ERROR, TD_TOUR_ERROR_FULL))
    _exit (1);
  g_printerr ("racer: %s\n", error->message);
  _exit (2);
}

static guint
race (TdTestTours  *t,
      const char   *departure,
      guint         n,
      char        **leads,
      char        **others)
{
  Race r = { td_database_get_path (t->db), departure, leads, others };
  guint won = 0;

  td_test_tours_race (n, race_child, &r, &won);
  return won;
}

static void
test_race_processes (void)
{
  g_autoptr(TdTestTours) t = td_test_tours_new ("race.tourdesk");
  g_autoptr(GError) error = NULL;
  char *leads[8], *others[8];
  g_autofree char *pairs = NULL;
  guint won;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *a = g_strdup_printf ("旅客%u", i);
      g_autofree char *b = g_strdup_printf ("同伴%u", i);

      leads[i] = td_test_tours_customer (t->db, a, "1985-01-01", NULL);
      others[i] = td_test_tours_customer (t->db, b, "1985-01-01", NULL);
    }

  /* eight desks, one seat each, four seats: four win */
  won = race (t, t->september, 8, leads, NULL);
  g_assert_cmpuint (won, ==, 4);
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(*) FROM tour_participants WHERE active = 1 AND deleted = 0"), ==, 4);
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(DISTINCT seat) FROM tour_participants WHERE active = 1"), ==, 4);
  g_assert_cmpint (td_test_query_int (t->db, "SELECT max(seat) FROM tour_participants WHERE active = 1"), ==, 4);

  /* the Golden Week departure cut to 5 seats: pairs from six desks, two win */
  td_departure_set_capacity (t->db, "test", t->golden, 5, &error);
  g_assert_no_error (error);
  won = race (t, t->golden, 6, leads + 2, others + 2);
  g_assert_cmpuint (won, ==, 2);
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(*) FROM tour_participants WHERE active = 1"
                                             " AND departure_id IN (SELECT id FROM tour_departures WHERE capacity = 5)"), ==, 4);
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(*) FROM tour_bookings"), ==, 6);
  for (guint i = 0; i < 8; i++)
    {
      g_free (leads[i]);
      g_free (others[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tours/ages", test_ages);
  g_test_add_func ("/tours/pricing", test_pricing);
  g_test_add_func ("/tours/payment-schedule", test_payment_schedule);
  g_test_add_func ("/tours/cancel-tiers", test_cancel_tiers);
  g_test_add_func ("/tours/booking", test_booking);
  g_test_add_func ("/tours/capacity-waiting-list", test_capacity_and_waiting_list);
  g_test_add_func ("/tours/states", test_states);
  g_test_add_func ("/tours/race/processes", test_race_processes);
  return g_test_run ();
}
