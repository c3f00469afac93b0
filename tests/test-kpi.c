/* test-kpi.c: the key figures and the daily report against a small hotel
 * worked out by hand
 *
 * 测试酒店 (td-test-hotel.h: rooms 101 102 103 201 202), March 2026.
 * Booked dates are Beijing time; lead = arrival − booked date.
 *
 *          Feb26 Feb27 Feb28 | Mar01 Mar02 Mar03 Mar04 | Mar05
 *   101     F     F     .    |  A     A     .     .    |
 *   102     .     .     .    |  B     B     B     .    |
 *   103     .     .     .    |  XX    XX    C     C    |
 *   201     .     .     .    | (D     D)    G     G    |
 *   202     .     .     .    |  .    (E)    .     .    |
 *
 *   F  platform, checked out, ¥300 ×2, booked Feb 20          (previous period)
 *   A  walk-in,  checked out, ¥300 ×2, booked Feb 20 → lead 9
 *   B  ota,      checked in,  ¥360 ×3, booked Feb 1  → lead 28
 *   C  phone,    confirmed,   ¥400 ×2, booked Mar 3  → lead 0
 *   D  agency,   cancelled (fee ¥450), Mar 1–3, booked Feb 25 → lead 4
 *   E  phone,    no-show (fee ¥300), Mar 2, booked 2026-03-01 01:30
 *      Beijing (Feb 28 17:30 UTC) → lead 1
 *   G  walk-in,  tentative, Mar 3–5, booked Mar 2 → lead 1
 *   XX 103 out of order Mar 1–3
 *
 * March 1–5 (4 nights), 测试酒店:
 *   capacity 5 × 4 = 20, out of order 2, available 18
 *   sold A 2 + B 3 + C 2 = 7 (D, E cancelled/no-show, G tentative)
 *   revenue 600 + 1080 + 800 = ¥2480 → occupancy 7/18 = 38.9 %,
 *   ADR 248000/7 = 35428.57 → ¥354.29, RevPAR 248000/18 = 13777.78 → ¥137.78
 *   bookings A B C D E G = 6, cancellations 1 (rate 1/6), no-shows 1,
 *   lead 9 + 28 + 0 + 4 + 1 + 1 = 43 → 7.1667 days, fees ¥750
 *   by source: walk-in 2 nights ¥600 2 bookings; ota 3 ¥1080 1;
 *   phone 2 ¥800 2; agency 0 ¥0 1; platform none
 * The previous period, Feb 25 – Mar 1: capacity 20, sold 2 (F), ¥600.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "td-test-hotel.h"
#include "td-test-utils.h"

typedef struct {
  TdTestHotel *hotel;
  char        *stay[8];   /* by letter: A B C D E F G */
  char        *reservation[8];
} Fixture;

enum { A, B, C, D, E, F, G };

static void
add_stay (Fixture    *fx,
          GPtrArray  *changes,
          int         letter,
          int         room,
          const char *from,
          const char *to,
          const char *source,
          const char *state,
          const char *booked_at,
          gint64      price,
          gint64      fee)
{
  TdTestHotel *h = fx->hotel;
  TdChange *r = td_change_new_insert ("reservation", NULL);
  TdChange *s = td_change_new_insert ("stay", NULL);
  TdDateRange dates = td_test_range (from, to);
  g_autoptr(GString) nightly = g_string_new ("[");
  guint nights = td_date_range_get_nights (&dates);

  td_change_set_string (r, "property_id", h->property);
  td_change_set_string (r, "customer_id", h->guest);
  td_change_set_string (r, "source", source);
  td_change_set_string (r, "booked_at", booked_at);
  for (guint i = 0; i < nights; i++)
    g_string_append_printf (nightly, "%s%" G_GINT64_FORMAT, i ? "," : "", price);
  g_string_append_c (nightly, ']');
  td_change_set_string (s, "reservation_id", td_change_get_id (r));
  td_change_set_string (s, "property_id", h->property);
  td_change_set_string (s, "room_type_id", room >= TD_TEST_R201 ? h->dlk : h->std);
  td_change_set_string (s, "room_id", h->room[room]);
  td_change_set_string (s, "arrival", from);
  td_change_set_string (s, "departure", to);
  td_change_set_int (s, "adults", 2);
  td_change_set_string (s, "state", state);
  td_change_set_string (s, "nightly_prices", nightly->str);
  td_test_set_money (s, "total", price * nights);
  if (fee)
    {
      td_test_set_money (s, "cancellation_fee", fee);
      td_change_set_string (s, "cancelled_at", "2026-02-27T02:00:00.000000Z");
    }
  if (g_str_equal (state, "tentative"))
    td_change_set_string (s, "hold_until", "2026-03-03T02:00:00.000000Z");
  fx->stay[letter] = g_strdup (td_change_get_id (s));
  fx->reservation[letter] = g_strdup (td_change_get_id (r));
  g_ptr_array_add (changes, r);
  g_ptr_array_add (changes, s);
}

static void
fixture_set_up (Fixture *fx)
{
  static int serial;
  g_autofree char *name = g_strdup_printf ("kpi-%d.tourdesk", ++serial);

  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdChange *closure;

  fx->hotel = td_test_hotel_new (name);
  add_stay (fx, changes, F, TD_TEST_R101, "2026-02-26", "2026-02-28", "platform", "checked_out",
            "2026-02-20T02:00:00.000000Z", 30000, 0);
  add_stay (fx, changes, A, TD_TEST_R101, "2026-03-01", "2026-03-03", "walk-in", "checked_out",
            "2026-02-20T02:00:00.000000Z", 30000, 0);
  add_stay (fx, changes, B, TD_TEST_R102, "2026-03-01", "2026-03-04", "ota", "checked_in",
            "2026-02-01T02:00:00.000000Z", 36000, 0);
  add_stay (fx, changes, C, TD_TEST_R103, "2026-03-03", "2026-03-05", "phone", "confirmed",
            "2026-03-03T02:00:00.000000Z", 40000, 0);
  add_stay (fx, changes, D, TD_TEST_R201, "2026-03-01", "2026-03-03", "agency", "cancelled",
            "2026-02-25T02:00:00.000000Z", 45000, 45000);
  add_stay (fx, changes, E, TD_TEST_R202, "2026-03-02", "2026-03-03", "phone", "no_show",
            "2026-02-28T17:30:00.000000Z", 30000, 30000);
  add_stay (fx, changes, G, TD_TEST_R201, "2026-03-03", "2026-03-05", "walk-in", "tentative",
            "2026-03-02T02:00:00.000000Z", 45000, 0);
  closure = td_change_new_insert ("out_of_order", NULL);
  td_change_set_string (closure, "room_id", fx->hotel->room[TD_TEST_R103]);
  td_change_set_string (closure, "start_date", "2026-03-01");
  td_change_set_string (closure, "end_date", "2026-03-03");
  td_change_set_string (closure, "reason", "空调维修");
  g_ptr_array_add (changes, closure);
  td_test_commit (fx->hotel->db, changes);
}

static void
fixture_tear_down (Fixture *fx)
{
  for (guint i = 0; i < G_N_ELEMENTS (fx->stay); i++)
    {
      g_free (fx->stay[i]);
      g_free (fx->reservation[i]);
    }
  td_test_hotel_free (fx->hotel);
}

static TdKpiSource *
source_of (TdKpiFigures *f,
           const char   *name)
{
  for (guint i = 0; i < f->sources->len; i++)
    {
      TdKpiSource *s = g_ptr_array_index (f->sources, i);

      if (g_str_equal (s->source, name))
        return s;
    }
  g_assert_not_reached ();
}

static TdKpiReport *
compute (Fixture    *fx,
         const char *property,
         const char *from,
         const char *to)
{
  g_autoptr(GError) error = NULL;
  TdKpiQuery query = { property, td_test_range (from, to), NULL };
  TdKpiReport *report = td_kpi_compute (fx->hotel->db, &query, &error);

  g_assert_no_error (error);
  return report;
}

static void
test_formulas (void)
{
  Fixture fx = { 0 };
  g_autoptr(TdKpiReport) report = NULL;
  TdKpiFigures *f;
  TdKpiSource *s;

  fixture_set_up (&fx);
  report = compute (&fx, fx.hotel->property, "2026-03-01", "2026-03-05");
  f = report->current;
  g_assert_cmpstr (report->currency, ==, "CNY");
  g_assert_cmpint (f->rooms, ==, 5);
  g_assert_cmpint (f->capacity, ==, 20);
  g_assert_cmpint (f->out_of_order, ==, 2);
  g_assert_cmpint (f->available, ==, 18);
  g_assert_cmpint (f->sold, ==, 7);
  g_assert_cmpint (f->revenue, ==, 248000);
  g_assert_cmpfloat_with_epsilon (td_kpi_figures_occupancy (f), 7.0 / 18.0, 1e-9);
  g_assert_cmpint (td_kpi_figures_adr (f), ==, 35429);
  g_assert_cmpint (td_kpi_figures_revpar (f), ==, 13778);
  g_assert_cmpint (f->bookings, ==, 6);
  g_assert_cmpint (f->cancellations, ==, 1);
  g_assert_cmpfloat_with_epsilon (td_kpi_figures_cancellation_rate (f), 1.0 / 6.0, 1e-9);
  g_assert_cmpint (f->no_shows, ==, 1);
  g_assert_cmpint (f->lead_days, ==, 43);
  g_assert_cmpfloat_with_epsilon (td_kpi_figures_lead_time (f), 43.0 / 6.0, 1e-9);
  g_assert_cmpint (f->cancellation_fees, ==, 75000);
  s = source_of (f, "walk-in");
  g_assert_cmpint (s->room_nights, ==, 2);
  g_assert_cmpint (s->revenue, ==, 60000);
  g_assert_cmpint (s->bookings, ==, 2);
  s = source_of (f, "ota");
  g_assert_cmpint (s->room_nights, ==, 3);
  g_assert_cmpint (s->revenue, ==, 108000);
  s = source_of (f, "phone");
  g_assert_cmpint (s->room_nights, ==, 2);
  g_assert_cmpint (s->revenue, ==, 80000);
  g_assert_cmpint (s->bookings, ==, 2);
  s = source_of (f, "agency");
  g_assert_cmpint (s->revenue, ==, 0);
  g_assert_cmpint (s->bookings, ==, 1);
  s = source_of (f, "platform");
  g_assert_cmpint (s->bookings, ==, 0);
  g_assert_true (isnan (td_kpi_figures_nps (f)));

  /* the previous period: Feb 25 – Mar 1 */
  f = report->previous;
  g_assert_cmpuint (f->dates.start, ==, td_test_date ("2026-02-25"));
  g_assert_cmpuint (f->dates.end, ==, td_test_date ("2026-03-01"));
  g_assert_cmpint (f->available, ==, 20);
  g_assert_cmpint (f->sold, ==, 2);
  g_assert_cmpint (f->revenue, ==, 60000);
  g_assert_cmpint (td_kpi_figures_adr (f), ==, 30000);
  g_assert_cmpint (td_kpi_figures_revpar (f), ==, 3000);
  g_assert_cmpfloat_with_epsilon (td_kpi_figures_occupancy (f), 0.1, 1e-9);

  /* every property: the branch's one room is empty */
  g_clear_pointer (&report, td_kpi_report_free);
  report = compute (&fx, NULL, "2026-03-01", "2026-03-05");
  g_assert_cmpint (report->current->available, ==, 22);
  g_assert_cmpint (report->current->sold, ==, 7);

  /* the branch alone: nothing available is not 0 % */
  g_clear_pointer (&report, td_kpi_report_free);
  report = compute (&fx, fx.hotel->branch, "2026-03-01", "2026-03-05");
  g_assert_cmpint (report->current->available, ==, 4);
  g_assert_cmpint (td_kpi_figures_adr (report->current), ==, 0);
  g_assert_cmpfloat (td_kpi_figures_occupancy (report->current), ==, 0.0);
  {
    TdKpiFigures empty = { 0 };

    g_assert_true (isnan (td_kpi_figures_occupancy (&empty)));
    g_assert_true (isnan (td_kpi_figures_cancellation_rate (&empty)));
    g_assert_cmpint (td_kpi_figures_revpar (&empty), ==, 0);
  }
  fixture_tear_down (&fx);
}

/* The facts follow every change: C cancelled, B's source changed, A deleted */
static void
test_changes_follow (void)
{
  Fixture fx = { 0 };
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdKpiReport) report = NULL;
  TdChange *c;

  fixture_set_up (&fx);
  c = td_change_new_update ("stay", fx.stay[C], 1);
  td_change_set_string (c, "state", "cancelled");
  g_ptr_array_add (changes, c);
  c = td_change_new_update ("reservation", fx.reservation[B], 1);
  td_change_set_string (c, "source", "agency");
  g_ptr_array_add (changes, c);
  g_ptr_array_add (changes, td_change_new_delete ("stay", fx.stay[A], 1));
  td_test_commit (fx.hotel->db, changes);

  report = compute (&fx, fx.hotel->property, "2026-03-01", "2026-03-05");
  /* sold: B 3 only; bookings B C D E G (A deleted) = 5, cancelled C D */
  g_assert_cmpint (report->current->sold, ==, 3);
  g_assert_cmpint (report->current->revenue, ==, 108000);
  g_assert_cmpint (report->current->bookings, ==, 5);
  g_assert_cmpint (report->current->cancellations, ==, 2);
  g_assert_cmpint (source_of (report->current, "agency")->revenue, ==, 108000);
  g_assert_cmpint (source_of (report->current, "ota")->revenue, ==, 0);
  g_assert_cmpint (source_of (report->current, "walk-in")->bookings, ==, 1);
  /* and the facts agree with a recount from the stays */
  g_assert_cmpint (td_test_query_int (fx.hotel->db, "SELECT sum(units) FROM analytics_days WHERE property <> ''"), ==,
                   td_test_query_int (fx.hotel->db, "SELECT sum(json_array_length(nightly_prices)) FROM stays"
                                                   " WHERE deleted = 0 AND state IN ('confirmed', 'checked_in', 'checked_out')"));
  g_assert_cmpint (td_test_query_int (fx.hotel->db, "SELECT sum(units) FROM analytics_days WHERE property = ''"), ==,
                   td_test_query_int (fx.hotel->db, "SELECT sum(units) FROM analytics_days WHERE property <> ''"));
  fixture_tear_down (&fx);
}

static void
test_series (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GPtrArray) months = NULL;
  g_autoptr(GPtrArray) properties = NULL;
  TdKpiQuery query = { NULL, td_test_range ("2026-03-01", "2026-03-05"), NULL };

  fixture_set_up (&fx);
  query.property_id = fx.hotel->property;
  days = td_kpi_series (fx.hotel->db, &query, TD_KPI_STEP_DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 4);
  /* Mar 1: A B sold, 103 closed; Mar 2: A B; Mar 3: B C; Mar 4: C */
  g_assert_cmpint (((TdKpiFigures *) days->pdata[0])->sold, ==, 2);
  g_assert_cmpint (((TdKpiFigures *) days->pdata[0])->available, ==, 4);
  g_assert_cmpint (((TdKpiFigures *) days->pdata[2])->sold, ==, 2);
  g_assert_cmpint (((TdKpiFigures *) days->pdata[2])->revenue, ==, 76000);
  g_assert_cmpint (((TdKpiFigures *) days->pdata[3])->sold, ==, 1);
  g_assert_cmpint (((TdKpiFigures *) days->pdata[0])->bookings, ==, 3);

  query.dates = td_test_range ("2026-02-20", "2026-03-05");
  months = td_kpi_series (fx.hotel->db, &query, TD_KPI_STEP_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 2);
  g_assert_cmpuint (((TdKpiFigures *) months->pdata[0])->dates.end, ==, td_test_date ("2026-03-01"));
  g_assert_cmpint (((TdKpiFigures *) months->pdata[0])->sold, ==, 2);
  g_assert_cmpint (((TdKpiFigures *) months->pdata[1])->sold, ==, 7);

  query.dates = td_test_range ("2026-03-01", "2026-03-05");
  properties = td_kpi_by_property (fx.hotel->db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (properties->len, ==, 2);
  for (guint i = 0; i < properties->len; i++)
    {
      TdKpiProperty *p = g_ptr_array_index (properties, i);

      g_assert_cmpint (p->figures->sold, ==, g_str_equal (p->property_id, fx.hotel->property) ? 7 : 0);
    }
  fixture_tear_down (&fx);
}

static TdDailyReport *
daily (Fixture    *fx,
       const char *date)
{
  g_autoptr(GError) error = NULL;
  TdDailyReport *report = td_daily_report_build (fx->hotel->db, fx->hotel->property, td_test_date (date), &error);

  g_assert_no_error (error);
  return report;
}

static void
test_daily_report (void)
{
  Fixture fx = { 0 };
  g_autoptr(TdDailyReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *csv = NULL;
  JsonObject *o;

  fixture_set_up (&fx);
  /* Mar 2: E did not come; A and B in house; 103 closed: 2 of 4 */
  report = daily (&fx, "2026-03-02");
  g_assert_cmpuint (report->arrivals->len, ==, 0);
  g_assert_cmpuint (report->no_shows->len, ==, 1);
  g_assert_cmpstr (((TdStay *) report->no_shows->pdata[0])->id, ==, fx.stay[E]);
  g_assert_cmpuint (report->departures->len, ==, 0);
  g_assert_cmpuint (report->in_house->len, ==, 2);
  g_assert_cmpint (report->figures->available, ==, 4);
  g_assert_cmpint (report->figures->sold, ==, 2);
  g_assert_cmpint (report->figures->revenue, ==, 66000);
  g_assert_cmpint (td_kpi_figures_adr (report->figures), ==, 33000);
  g_assert_cmpint (td_kpi_figures_revpar (report->figures), ==, 16500);
  g_assert_cmpint (report->figures->no_shows, ==, 1);
  g_clear_pointer (&report, td_daily_report_free);

  /* Mar 3: C and G arrive (G tentative), A leaves, B and C in house: 2 of 5 */
  report = daily (&fx, "2026-03-03");
  g_assert_cmpuint (report->arrivals->len, ==, 2);
  g_assert_cmpuint (report->departures->len, ==, 1);
  g_assert_cmpstr (((TdStay *) report->departures->pdata[0])->id, ==, fx.stay[A]);
  g_assert_cmpuint (report->in_house->len, ==, 2);
  g_assert_cmpint (report->figures->available, ==, 5);
  g_assert_cmpint (report->figures->revenue, ==, 76000);
  g_assert_cmpint (source_of (report->figures, "phone")->revenue, ==, 40000);
  g_assert_cmpint (source_of (report->figures, "ota")->revenue, ==, 36000);

  json = td_daily_report_to_json (report);
  o = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-03-03");
  g_assert_cmpint (json_object_get_int_member (o, "arrivals"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "occupancy"), 0.4, 1e-9);
  g_assert_cmpint (json_object_get_int_member (o, "adr"), ==, 38000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (o, "lists"),
                                                                          "in_house")), ==, 2);
  csv = td_daily_report_to_csv (report);
  g_assert_true (g_str_has_prefix (csv, TD_CSV_BOM "Date,2026-03-03\r\n"));
  g_assert_nonnull (strstr (csv, "Occupancy (%),40.0\r\n"));
  g_assert_nonnull (strstr (csv, "ADR,380.00\r\n"));
  fixture_tear_down (&fx);
}

/* One night's stay for the forecast test: booked at a Beijing date and
 * hour; cancelled_on (or NULL) also a Beijing date */
static void
book_night (TdTestHotel *h,
            GPtrArray   *changes,
            int          room,
            const char  *night,
            const char  *state,
            const char  *booked_on,
            const char  *cancelled_on)
{
  TdChange *r = td_change_new_insert ("reservation", NULL);
  TdChange *s = td_change_new_insert ("stay", NULL);
  guint32 julian = td_test_date (night);
  g_autofree char *departure = td_date_format_iso (julian + 1);
  /* 10:00 in Beijing is 02:00 UTC the same day */
  g_autofree char *booked_at = g_strdup_printf ("%sT02:00:00.000000Z", booked_on);

  td_change_set_string (r, "property_id", h->property);
  td_change_set_string (r, "customer_id", h->guest);
  td_change_set_string (r, "source", "phone");
  td_change_set_string (r, "booked_at", booked_at);
  td_change_set_string (s, "reservation_id", td_change_get_id (r));
  td_change_set_string (s, "property_id", h->property);
  td_change_set_string (s, "room_type_id", room >= TD_TEST_R201 ? h->dlk : h->std);
  td_change_set_string (s, "room_id", h->room[room]);
  td_change_set_string (s, "arrival", night);
  td_change_set_string (s, "departure", departure);
  td_change_set_int (s, "adults", 1);
  td_change_set_string (s, "state", state);
  td_change_set_string (s, "nightly_prices", "[30000]");
  td_test_set_money (s, "total", 30000);
  if (cancelled_on)
    {
      g_autofree char *at = g_strdup_printf ("%sT02:00:00.000000Z", cancelled_on);

      td_change_set_string (s, "cancelled_at", at);
    }
  g_ptr_array_add (changes, r);
  g_ptr_array_add (changes, s);
}

/* The forecast on a fixed history, today = 2026-03-20, two past nights:
 *
 *   night M (Mar 18, Mar 19)       booked on            on the books as of
 *     101, 102                     M − 10                M−3: 3 (with X)
 *     X in 202, cancelled on M − 2 M − 10                M−2: 2
 *     103                          M − 1                 M−1: 3
 *     201 (a walk-in)              M                     M:   4 = final
 *   pick-up(L) = final − on the books at M − L:
 *     L = 0: 0;  1: 4 − 3 = 1;  2: 4 − 2 = 2;  3: 4 − 3 = 1
 *
 *   ahead            on the books today   + pick-up   forecast (of 5)
 *     Mar 20 (L 0)   101 102 (in house)   2 + 0       2
 *     Mar 21 (L 1)   101                  1 + 1       2
 *     Mar 22 (L 2)   — (103 booked Mar 21, after today: not yet)  0 + 2  2
 *     Mar 23 (L 3)   —                    0 + 1       1
 *   occupancy over 4 nights: 7 / 20 = 35 %; on the books 3 / 20 = 15 %
 *
 * A year before (364 days, the same weekdays): the night of Mar 21 is
 * 2025-03-22, with 201 booked 2025-03-01 and 202 booked 2025-03-22 (after
 * 2025-03-21, the date a year before today): 1 on the books then, 2 in
 * the end. */
static void
test_forecast (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("forecast.tourdesk");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdForecast) forecast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *explain = NULL;
  TdDeskTime when = td_test_at ("2026-03-20");
  const char *nights[] = { "2026-03-18", "2026-03-19" };
  const double pickup[] = { 0, 1, 2, 1 };
  const double expected[] = { 2, 2, 2, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (nights); i++)
    {
      guint32 m = td_test_date (nights[i]);
      g_autofree char *ten = td_date_format_iso (m - 10);
      g_autofree char *two = td_date_format_iso (m - 2);
      g_autofree char *one = td_date_format_iso (m - 1);

      book_night (h, changes, TD_TEST_R101, nights[i], "checked_out", ten, NULL);
      book_night (h, changes, TD_TEST_R102, nights[i], "checked_out", ten, NULL);
      book_night (h, changes, TD_TEST_R202, nights[i], "cancelled", ten, two);
      book_night (h, changes, TD_TEST_R103, nights[i], "checked_out", one, NULL);
      book_night (h, changes, TD_TEST_R201, nights[i], "checked_out", nights[i], NULL);
    }
  book_night (h, changes, TD_TEST_R101, "2026-03-20", "checked_in", "2026-03-10", NULL);
  book_night (h, changes, TD_TEST_R102, "2026-03-20", "checked_in", "2026-03-10", NULL);
  book_night (h, changes, TD_TEST_R101, "2026-03-21", "confirmed", "2026-03-15", NULL);
  book_night (h, changes, TD_TEST_R103, "2026-03-22", "confirmed", "2026-03-21", NULL);
  book_night (h, changes, TD_TEST_R201, "2025-03-22", "checked_out", "2025-03-01", NULL);
  book_night (h, changes, TD_TEST_R202, "2025-03-22", "checked_out", "2025-03-22", NULL);
  td_test_commit (h->db, changes);

  forecast = td_forecast_compute (h->db, h->property, &when, 4, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (forecast->history_used, ==, 2);
  for (guint lead = 0; lead < 4; lead++)
    {
      TdForecastNight *n = &g_array_index (forecast->nights, TdForecastNight, lead);

      g_test_message ("lead %u", lead);
      g_assert_cmpfloat_with_epsilon (g_array_index (forecast->pickup, double, lead), pickup[lead], 1e-9);
      g_assert_cmpint (n->available, ==, 5);
      g_assert_cmpfloat_with_epsilon (n->forecast, expected[lead], 1e-9);
    }
  g_assert_cmpint (g_array_index (forecast->nights, TdForecastNight, 2).on_books, ==, 0);
  g_assert_cmpfloat_with_epsilon (td_forecast_occupancy (forecast, 4), 7.0 / 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (td_forecast_on_books (forecast, 4), 3.0 / 20.0, 1e-9);
  g_assert_cmpint (td_forecast_sum_on_books (forecast, 4), ==, 3);
  g_assert_cmpint (g_array_index (forecast->nights, TdForecastNight, 1).last_year, ==, 1);
  g_assert_cmpint (g_array_index (forecast->nights, TdForecastNight, 1).last_year_final, ==, 2);
  g_assert_cmpint (td_forecast_sum_last_year (forecast, 4), ==, 1);
  explain = td_forecast_explain (forecast);
  g_assert_nonnull (strstr (explain, "last 2 nights"));
}

/* tourdesk-cli reports kpi|daily on the same hotel */
static void
test_cli (void)
{
  Fixture fx = { 0 };
  g_auto(TdTestRun) r = { 0 };
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *csv_path = td_test_path ("daily.csv");
  g_autofree char *pdf_path = td_test_path ("daily.pdf");
  g_autofree char *pdf = NULL;
  g_autofree char *csv = NULL;
  const char *db;
  JsonObject *now;

  fixture_set_up (&fx);
  db = td_database_get_path (fx.hotel->db);
  td_test_cli (&r, "--db", db, "reports", "kpi", "--from", "2026-03-01", "--to", "2026-03-05",
               "--property", "测试酒店", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = td_test_parse_json (r.out);
  now = json_object_get_object_member (o, "current");
  g_assert_cmpint (json_object_get_int_member (now, "available"), ==, 18);
  g_assert_cmpint (json_object_get_int_member (now, "sold"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (now, "adr"), ==, 35429);
  g_assert_cmpint (json_object_get_int_member (now, "revpar"), ==, 13778);
  g_assert_cmpint (json_object_get_int_member (now, "cancellations"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "previous"), "revenue"), ==, 60000);
  td_test_run_clear (&r);

  /* text: the figures beside the previous period */
  td_test_cli (&r, "--db", db, "reports", "kpi", "--from", "2026-03-01", "--to", "2026-03-05", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "¥2,480.00"));
  td_test_run_clear (&r);

  /* usage errors: exit 2, one line */
  td_test_cli (&r, "--db", db, "reports", "kpi", "--from", "2026-03-05", "--to", "2026-03-01", NULL);
  g_assert_cmpint (r.status, ==, 2);
  td_test_assert_one_line_error (&r);
  td_test_run_clear (&r);
  td_test_cli (&r, "--db", db, "reports", "daily", "--date", "2026-02-30", NULL);
  g_assert_cmpint (r.status, ==, 2);
  td_test_assert_one_line_error (&r);
  td_test_run_clear (&r);
  td_test_cli (&r, "--db", db, "reports", "kpi", "--from", "2026-03-01", NULL);
  g_assert_cmpint (r.status, ==, 2);
  td_test_run_clear (&r);

  td_test_cli (&r, "--db", db, "reports", "daily", "--date", "2026-03-03", "--property", "测试酒店",
               "--csv", csv_path, "--pdf", pdf_path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&o, json_object_unref);
  o = td_test_parse_json (r.out);
  g_assert_cmpint (json_object_get_int_member (o, "departures"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "revenue"), ==, 76000);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "Rooms sold,2\r\n"));
  g_assert_true (g_file_get_contents (pdf_path, &pdf, NULL, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));
  fixture_tear_down (&fx);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kpi/formulas", test_formulas);
  g_test_add_func ("/kpi/changes-follow", test_changes_follow);
  g_test_add_func ("/kpi/series", test_series);
  g_test_add_func ("/kpi/daily-report", test_daily_report);
  g_test_add_func ("/kpi/cli", test_cli);
  g_test_add_func ("/kpi/forecast", test_forecast);
  return g_test_run ();
}
