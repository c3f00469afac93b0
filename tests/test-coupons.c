/* test-coupons.c: coupon rules, redemptions on stays, a campaign's results,
 * and loyalty point arithmetic, on hand-computed examples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-hotel.h"
#include "td-test-utils.h"

typedef struct {
  TdTestHotel *hotel;
  char        *customer[3];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  static const char *names[] = { "甲", "乙", "丙" };
  static int serial;
  g_autofree char *name = g_strdup_printf ("coupons-%d", ++serial);

  f->hotel = td_test_hotel_new (name);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      TdChange *c = td_change_new_insert ("customer", NULL);

      td_change_set_string (c, "party", "person");
      td_change_set_string (c, "name", names[i]);
      f->customer[i] = g_strdup (td_change_get_id (c));
      g_ptr_array_add (changes, c);
    }
  td_test_commit (f->hotel->db, changes);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->customer); i++)
    g_free (f->customer[i]);
  td_test_hotel_free (f->hotel);
}

/* a one-night stay; returns its id */
static char *
add_stay (Fixture    *f,
          int         who,
          int         room,
          const char *type,
          const char *arrival,
          const char *state,
          gint64      total)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autofree char *nightly = g_strdup_printf ("[%" G_GINT64_FORMAT "]", total);
  g_autofree char *departure = td_date_format_iso (td_test_date (arrival) + 1);
  TdChange *r, *s;
  char *id;

  r = td_change_new_insert ("reservation", NULL);
  td_change_set_string (r, "property_id", f->hotel->property);
  td_change_set_string (r, "customer_id", f->customer[who]);
  td_change_set_string (r, "source", "walk-in");
  g_ptr_array_add (changes, r);
  s = td_change_new_insert ("stay", NULL);
  td_change_set_string (s, "reservation_id", td_change_get_id (r));
  td_change_set_string (s, "property_id", f->hotel->property);
  td_change_set_string (s, "room_type_id", type);
  td_change_set_string (s, "room_id", f->hotel->room[room]);
  td_change_set_string (s, "arrival", arrival);
  td_change_set_string (s, "departure", departure);
  td_change_set_int (s, "adults", 1);
  td_change_set_string (s, "state", state);
  td_change_set_string (s, "nightly_prices", nightly);
  td_test_set_money (s, "total", total);
  g_ptr_array_add (changes, s);
  id = g_strdup (td_change_get_id (s));
  td_test_commit (f->hotel->db, changes);
  return id;
}

static TdCouponSpec
percent_spec (guint percent)
{
  TdCouponSpec spec = { 0 };

  spec.discount = TD_COUPON_PERCENT;
  spec.percent = percent;
  return spec;
}

static void
test_codes (void)
{
  g_autofree char *a = td_coupon_code_normalise (" spring-26 ");
  g_autofree char *b = td_coupon_code_normalise ("ＳＰＲＩＮＧ２６");
  g_autofree char *c = td_coupon_code_normalise (" - ");

  g_assert_cmpstr (a, ==, "SPRING26");
  g_assert_cmpstr (b, ==, "SPRING26");
  g_assert_null (c);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *code = td_coupon_code_generate ("vip", 6);

      g_assert_true (g_str_has_prefix (code, "VIP"));
      g_assert_cmpuint (strlen (code), ==, 9);
      /* no look-alikes */
      g_assert_cmpuint (strspn (code + 3, TD_COUPON_ALPHABET), ==, 6);
      g_assert_null (strpbrk (code + 3, "01OIL"));
    }
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdCouponSpec spec = percent_spec (10);
  g_autofree char *code = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *batch = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(TdCoupon) coupon = NULL;

  code = td_coupon_create (f->hotel->db, "spring 26", &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "SPRING26");
  /* a code is used once */
  g_assert_null (td_coupon_create (f->hotel->db, "SPRING26", &spec, &error));
  g_assert_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (td_coupon_create (f->hotel->db, "AB", &spec, &error));
  g_assert_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (td_coupon_create (f->hotel->db, "优惠券码", &spec, &error));
  g_assert_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID);
  g_clear_error (&error);
  spec.percent = 120;
  g_assert_null (td_coupon_create (f->hotel->db, NULL, &spec, &error));
  g_assert_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID);
  g_clear_error (&error);
  spec = percent_spec (5);
  spec.valid_from = td_test_date ("2026-05-01");
  spec.valid_until = td_test_date ("2026-05-01");
  g_assert_null (td_coupon_create (f->hotel->db, NULL, &spec, &error));
  g_assert_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID);
  g_clear_error (&error);

  spec = percent_spec (5);
  generated = td_coupon_create (f->hotel->db, NULL, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (generated), ==, 8);

  batch = td_coupon_create_batch (f->hotel->db, "vip", 6, 50, &spec, &codes, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (batch, "VIP-"));
  g_assert_cmpuint (codes->len, ==, 50);
  listed = td_coupon_list (f->hotel->db, batch, &error);
  g_assert_cmpuint (listed->len, ==, 50);
  g_assert_cmpint (td_test_query_int (f->hotel->db, "SELECT count(DISTINCT code) FROM coupons WHERE code LIKE 'VIP%'"), ==, 50);
  /* 31^4 = 923,521 codes: too few to hide 1,000 among them */
  g_assert_null (td_coupon_create_batch (f->hotel->db, NULL, 4, 1000, &spec, NULL, &error));
  g_assert_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID);
  g_clear_error (&error);

  coupon = td_coupon_get (f->hotel->db, "spring-26", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coupon->spec.percent, ==, 10);
  g_assert_cmpuint (coupon->uses, ==, 0);
}

static void
expect_refusal (Fixture    *f,
                const char *code,
                const char *stay,
                int         want)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = td_coupon_apply_to_stay (f->hotel->db, code, stay, NULL, &error);

  g_assert_null (id);
  g_assert_error (error, TD_COUPON_ERROR, want);
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdCouponSpec spec = percent_spec (15);
  g_autofree char *stay_a = NULL, *stay_a2 = NULL, *stay_b = NULL, *stay_c = NULL;
  g_autofree char *dlk = NULL, *early = NULL, *late = NULL, *cancelled = NULL, *cheap = NULL;
  g_autofree char *r1 = NULL, *r2 = NULL;
  g_autofree char *amount_code = NULL;
  TdMoney discount;

  /* 15 % on STD rooms, arrivals in May 2026, twice in all, once each */
  spec.valid_from = td_test_date ("2026-05-01");
  spec.valid_until = td_test_date ("2026-06-01");
  spec.max_uses = 2;
  spec.max_uses_per_customer = 1;
  spec.room_type_ids = f->hotel->std;
  g_free (td_coupon_create (f->hotel->db, "MAY15", &spec, &error));
  g_assert_no_error (error);

  stay_a = add_stay (f, 0, TD_TEST_R101, f->hotel->std, "2026-05-01", "confirmed", 33333);
  stay_a2 = add_stay (f, 0, TD_TEST_R101, f->hotel->std, "2026-05-10", "confirmed", 30000);
  stay_b = add_stay (f, 1, TD_TEST_R102, f->hotel->std, "2026-05-31", "confirmed", 40000);
  stay_c = add_stay (f, 2, TD_TEST_R103, f->hotel->std, "2026-05-15", "confirmed", 40000);
  dlk = add_stay (f, 2, TD_TEST_R201, f->hotel->dlk, "2026-05-15", "confirmed", 45000);
  early = add_stay (f, 2, TD_TEST_R103, f->hotel->std, "2026-04-30", "confirmed", 40000);
  late = add_stay (f, 2, TD_TEST_R103, f->hotel->std, "2026-06-01", "confirmed", 40000);
  cancelled = add_stay (f, 2, TD_TEST_R102, f->hotel->std, "2026-05-20", "cancelled", 40000);

  /* ¥333.33 × 15 % = ¥49.9995: ¥50.00 */
  r1 = td_coupon_apply_to_stay (f->hotel->db, "may15", stay_a, &discount, &error);
  g_assert_no_error (error);
  g_assert_cmpint (discount.minor, ==, 5000);
  g_assert_cmpstr (discount.currency, ==, "CNY");
  expect_refusal (f, "MAY15", stay_a, TD_COUPON_ERROR_CUSTOMER_LIMIT);
  expect_refusal (f, "MAY15", stay_a2, TD_COUPON_ERROR_CUSTOMER_LIMIT);
  expect_refusal (f, "MAY15", dlk, TD_COUPON_ERROR_NOT_APPLICABLE);
  expect_refusal (f, "MAY15", early, TD_COUPON_ERROR_NOT_YET);
  expect_refusal (f, "MAY15", late, TD_COUPON_ERROR_EXPIRED);
  expect_refusal (f, "MAY15", cancelled, TD_COUPON_ERROR_NOT_APPLICABLE);
  /* the last day of validity is 2026-05-31 */
  r2 = td_coupon_apply_to_stay (f->hotel->db, "MAY15", stay_b, &discount, &error);
  g_assert_no_error (error);
  g_assert_cmpint (discount.minor, ==, 6000);
  expect_refusal (f, "MAY15", stay_c, TD_COUPON_ERROR_USED_UP);
  g_assert_null (td_coupon_apply_to_stay (f->hotel->db, "NOSUCH", stay_c, NULL, &error));
  g_assert_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* ¥50 off, from a spend of ¥300: capped at the price */
  spec = (TdCouponSpec) { 0 };
  spec.discount = TD_COUPON_AMOUNT;
  td_money_init (&spec.amount, 5000, "CNY", NULL);
  spec.has_min_spend = TRUE;
  td_money_init (&spec.min_spend, 30000, "CNY", NULL);
  amount_code = td_coupon_create (f->hotel->db, "FIFTY", &spec, &error);
  g_assert_no_error (error);
  cheap = add_stay (f, 2, TD_TEST_R202, f->hotel->dlk, "2026-07-01", "confirmed", 29999);
  expect_refusal (f, "FIFTY", cheap, TD_COUPON_ERROR_NOT_APPLICABLE);
  g_free (td_coupon_apply_to_stay (f->hotel->db, "FIFTY", stay_c, &discount, &error));
  g_assert_no_error (error);
  g_assert_cmpint (discount.minor, ==, 5000);
  /* the same coupon twice on one booking: refused */
  expect_refusal (f, "FIFTY", stay_c, TD_COUPON_ERROR_ALREADY_APPLIED);
  {
    TdCouponContext context = { f->customer[1], NULL, "tour-42", td_test_date ("2026-07-01"), { 3000, "CNY" } };

    /* a price under the amount: the discount is the price */
    spec.has_min_spend = FALSE;
    g_free (td_coupon_create (f->hotel->db, "FIFTY2", &spec, &error));
    g_assert_no_error (error);
    g_assert_true (td_coupon_check (f->hotel->db, "FIFTY2", &context, &discount, &error));
    g_assert_cmpint (discount.minor, ==, 3000);
    /* another currency */
    g_strlcpy (context.price.currency, "USD", 4);
    g_assert_false (td_coupon_check (f->hotel->db, "FIFTY2", &context, &discount, &error));
    g_assert_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_NOT_APPLICABLE);
  }

  g_assert_cmpint (td_test_query_int (f->hotel->db, "SELECT count(*) FROM coupon_redemptions"), ==, 3);
}

static void
test_campaign_results (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"rules\":[]}", NULL);
  g_autoptr(JsonObject) rules = json_node_dup_object (node);
  TdCouponSpec spec = percent_spec (10);
  g_autofree char *segment = NULL, *campaign = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL;
  TdCampaignResults results;

  g_free (td_coupon_create (f->hotel->db, "BACK10", &spec, &error));
  segment = td_segment_save (f->hotel->db, "所有人", rules, NULL, &error);
  campaign = td_campaign_create (f->hotel->db, "回来吧", "所有人", "回来吧", "{coupon}", "BACK10", &error);
  g_assert_no_error (error);
  s1 = add_stay (f, 0, TD_TEST_R101, f->hotel->std, "2026-08-01", "confirmed", 50000);
  s2 = add_stay (f, 1, TD_TEST_R102, f->hotel->std, "2026-08-01", "confirmed", 30000);
  g_free (td_coupon_apply_to_stay (f->hotel->db, "BACK10", s1, NULL, &error));
  g_free (td_coupon_apply_to_stay (f->hotel->db, "BACK10", s2, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (td_campaign_results (f->hotel->db, campaign, &results, &error));
  g_assert_cmpuint (results.bookings, ==, 2);
  /* (500 - 50) + (300 - 30) */
  g_assert_cmpint (results.revenue.minor, ==, 72000);
  g_assert_cmpint (results.discount.minor, ==, 8000);
}

static void
test_points (void)
{
  TdLoyaltyRules rules;
  TdMoney money;

  td_loyalty_rules_default (&rules);
  td_money_init (&money, 123456, "CNY", NULL);
  g_assert_cmpint (td_loyalty_points_for (&rules, &money), ==, 1234);
  rules.points_per_unit = 2;
  g_assert_cmpint (td_loyalty_points_for (&rules, &money), ==, 2468);
  /* no fractions of a unit: ¥0.99 earns nothing */
  td_money_init (&money, 99, "CNY", NULL);
  g_assert_cmpint (td_loyalty_points_for (&rules, &money), ==, 0);
  td_money_init (&money, -5000, "CNY", NULL);
  g_assert_cmpint (td_loyalty_points_for (&rules, &money), ==, 0);
  /* yen have no minor unit */
  td_money_init (&money, 999, "JPY", NULL);
  g_assert_cmpint (td_loyalty_points_for (&rules, &money), ==, 1998);

  rules.point_value_minor = 1;
  td_loyalty_discount_for (&rules, 250, "CNY", &money);
  g_assert_cmpint (money.minor, ==, 250);
  rules.point_value_minor = 2;
  td_money_init (&money, 255, "CNY", NULL);
  g_assert_cmpint (td_loyalty_points_needed (&rules, &money), ==, 128);
  td_money_init (&money, 256, "CNY", NULL);
  g_assert_cmpint (td_loyalty_points_needed (&rules, &money), ==, 128);

  td_loyalty_rules_default (&rules);
  g_assert_cmpint (td_loyalty_tier_for (&rules, 0), ==, TD_LOYALTY_MEMBER);
  g_assert_cmpint (td_loyalty_tier_for (&rules, 999), ==, TD_LOYALTY_MEMBER);
  g_assert_cmpint (td_loyalty_tier_for (&rules, 1000), ==, TD_LOYALTY_SILVER);
  g_assert_cmpint (td_loyalty_tier_for (&rules, 4999), ==, TD_LOYALTY_SILVER);
  g_assert_cmpint (td_loyalty_tier_for (&rules, 5000), ==, TD_LOYALTY_GOLD);
  g_assert_cmpint (td_loyalty_tier_for (&rules, 20000), ==, TD_LOYALTY_PLATINUM);
}

static void
test_loyalty (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stay = add_stay (f, 0, TD_TEST_R101, f->hotel->std, "2026-09-01", "checked_out", 60000);
  g_autofree char *upcoming = add_stay (f, 0, TD_TEST_R102, f->hotel->std, "2026-12-01", "confirmed", 60000);
  TdCouponSpec spec = percent_spec (10);
  TdLoyaltyAccount account;
  TdLoyaltyRules rules;
  TdMoney discount;
  gint64 points = -1;

  /* ¥600 less the 10 % coupon: ¥540, 540 points */
  g_free (td_coupon_create (f->hotel->db, "TEN10", &spec, &error));
  g_free (td_coupon_apply_to_stay (f->hotel->db, "TEN10", stay, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (td_loyalty_earn_for_stay (f->hotel->db, stay, &points, &error));
  g_assert_no_error (error);
  g_assert_cmpint (points, ==, 540);
  g_assert_false (td_loyalty_earn_for_stay (f->hotel->db, stay, &points, &error));
  g_assert_error (error, TD_LOYALTY_ERROR, TD_LOYALTY_ERROR_ALREADY_EARNED);
  g_clear_error (&error);
  g_assert_false (td_loyalty_earn_for_stay (f->hotel->db, upcoming, &points, &error));
  g_assert_error (error, TD_LOYALTY_ERROR, TD_LOYALTY_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (td_loyalty_redeem (f->hotel->db, f->customer[0], 600, "CNY", "stay", upcoming, &discount, &error));
  g_assert_error (error, TD_LOYALTY_ERROR, TD_LOYALTY_ERROR_NOT_ENOUGH);
  g_clear_error (&error);
  g_assert_true (td_loyalty_redeem (f->hotel->db, f->customer[0], 500, "CNY", "stay", upcoming, &discount, &error));
  g_assert_no_error (error);
  g_assert_cmpint (discount.minor, ==, 500);

  g_assert_true (td_loyalty_account_get (f->hotel->db, f->customer[0], &account, &error));
  g_assert_cmpint (account.balance, ==, 40);
  g_assert_cmpint (account.lifetime_earned, ==, 540);
  g_assert_cmpint (account.tier, ==, TD_LOYALTY_MEMBER);
  g_assert_cmpint (account.to_next_tier, ==, 460);

  /* the workspace's rules: 2 points a yuan, silver from 500 */
  td_loyalty_rules_default (&rules);
  rules.points_per_unit = 2;
  rules.tiers[TD_LOYALTY_SILVER] = 500;
  g_assert_true (td_loyalty_rules_save (f->hotel->db, &rules, &error));
  g_assert_true (td_loyalty_account_get (f->hotel->db, f->customer[0], &account, &error));
  g_assert_cmpint (account.tier, ==, TD_LOYALTY_SILVER);
  {
    TdMoney spent = { 10050, "CNY" };

    g_assert_true (td_loyalty_earn (f->hotel->db, f->customer[1], "tour", "T-1", &spent, &points, &error));
    g_assert_cmpint (points, ==, 200);
  }
  rules.tiers[TD_LOYALTY_GOLD] = 100;
  g_assert_false (td_loyalty_rules_save (f->hotel->db, &rules, &error));
  g_assert_error (error, TD_LOYALTY_ERROR, TD_LOYALTY_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/coupons/codes", test_codes);
  g_test_add_func ("/loyalty/points", test_points);
  g_test_add ("/coupons/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/coupons/rules", Fixture, NULL, fixture_set_up, test_rules, fixture_tear_down);
  g_test_add ("/coupons/campaign-results", Fixture, NULL, fixture_set_up, test_campaign_results, fixture_tear_down);
  g_test_add ("/loyalty/earn-and-redeem", Fixture, NULL, fixture_set_up, test_loyalty, fixture_tear_down);
  return g_test_run ();
}
