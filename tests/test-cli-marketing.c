/* test-cli-marketing.c: tourdesk-cli segments, campaigns, coupons and
 * loyalty, as a script uses them (the campaigns' send through SMTP is in
 * test-campaigns.c)
 *
 * The workspace is the fixture hotel of td-test-hotel.h plus three guests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-hotel.h"
#include "td-test-utils.h"

typedef struct {
  TdTestHotel *hotel;
  const char  *db;
  char        *guest[3];
  char        *stay;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  static const char *names[] = { "郑一", "郑二", "洛三" };
  static const char *cities[] = { "郑州市", "郑州市", "洛阳市" };
  static int serial;
  g_autofree char *name = g_strdup_printf ("cli-marketing-%d", ++serial);
  TdChange *c, *r;

  f->hotel = td_test_hotel_new (name);
  f->db = td_database_get_path (f->hotel->db);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *email = g_strdup_printf ("guest%u@example.com", i);

      c = td_change_new_insert ("customer", NULL);
      td_change_set_string (c, "party", "person");
      td_change_set_string (c, "name", names[i]);
      td_change_set_string (c, "city", cities[i]);
      td_change_set_string (c, "email", email);
      td_change_set_string (c, "phone", "13800138000");
      td_change_set_string (c, "consent_email", "granted");
      td_change_set_string (c, "consent_sms", "granted");
      f->guest[i] = g_strdup (td_change_get_id (c));
      g_ptr_array_add (changes, c);
    }
  r = td_change_new_insert ("reservation", NULL);
  td_change_set_string (r, "property_id", f->hotel->property);
  td_change_set_string (r, "customer_id", f->guest[0]);
  td_change_set_string (r, "source", "phone");
  g_ptr_array_add (changes, r);
  c = td_change_new_insert ("stay", NULL);
  td_change_set_string (c, "reservation_id", td_change_get_id (r));
  td_change_set_string (c, "property_id", f->hotel->property);
  td_change_set_string (c, "room_type_id", f->hotel->std);
  td_change_set_string (c, "room_id", f->hotel->room[TD_TEST_R101]);
  td_change_set_string (c, "arrival", "2026-05-01");
  td_change_set_string (c, "departure", "2026-05-03");
  td_change_set_int (c, "adults", 1);
  td_change_set_string (c, "state", "checked_out");
  td_change_set_string (c, "nightly_prices", "[30000,30000]");
  td_test_set_money (c, "total", 60000);
  f->stay = g_strdup (td_change_get_id (c));
  g_ptr_array_add (changes, c);
  td_test_commit (f->hotel->db, changes);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->guest); i++)
    g_free (f->guest[i]);
  g_free (f->stay);
  td_test_hotel_free (f->hotel);
}

static void
assert_usage (TdTestRun *run)
{
  g_assert_cmpint (run->status, ==, 2);
  td_test_assert_one_line_error (run);
}

static void
assert_failure (TdTestRun  *run,
                const char *says)
{
  g_assert_cmpint (run->status, ==, 1);
  td_test_assert_one_line_error (run);
  if (strstr (run->err, says) == NULL)
    g_error ("“%s” does not say “%s”", run->err, says);
}

static void
test_help (void)
{
  const char *groups[] = { "segments", "campaigns", "coupons", "loyalty" };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_auto(TdTestRun) r = { 0 };
      g_auto(TdTestRun) bare = { 0 };
      g_auto(TdTestRun) unknown = { 0 };

      td_test_cli (&r, groups[i], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      td_test_cli (&bare, groups[i], NULL);
      assert_usage (&bare);
      td_test_cli (&unknown, groups[i], "frobnicate", NULL);
      assert_usage (&unknown);
    }
}

static void
test_segments (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) o = NULL;

  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "segments", "create", "郑州回头客", "--rule", "city=郑州市",
                 "--rule", "bookings>=1", "--description", "来过的郑州客人", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 1);
    g_clear_pointer (&o, json_object_unref);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "segments", "count", "郑州回头客", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "郑州回头客");
    g_clear_pointer (&o, json_object_unref);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "segments", "count", "--rule", "city=洛阳市", "--rule", "city=郑州市", "--any", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "3\n");
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "segments", "list", "--counts", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "segments")), ==, 1);
    g_clear_pointer (&o, json_object_unref);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "segments", "show", "郑州回头客", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "郑一"));
    g_assert_nonnull (strstr (r.out, "City is 郑州市"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "segments", "rfm", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "\"champions\""));
  }
  /* wrong rules are usage errors, naming the rule */
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "segments", "create", "x", "--rule", "colour=red", NULL);
    assert_usage (&r);
    g_assert_nonnull (strstr (r.err, "colour"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "segments", "create", "x", "--rules-json", "{\"rules\":[{\"field\":\"age\",\"op\":\"between\",\"value\":[50,20]}]}", NULL);
    assert_usage (&r);
    g_assert_nonnull (strstr (r.err, "Rule 1"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "segments", "count", "没有这个", NULL);
    assert_failure (&r, "没有这个");
  }
}

static void
test_campaigns (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *csv_path = td_test_path ("list.csv");

  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "segments", "create", "郑州", "--rule", "city=郑州市", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "coupons", "create", "hello10", "--percent", "10", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "campaigns", "create", "五一", "--segment", "郑州",
                 "--subject", "{name}，五一快乐", "--body", "优惠码 {coupon}", "--coupon", "HELLO10", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "draft");
    g_assert_cmpstr (json_object_get_string_member (o, "coupon"), ==, "HELLO10");
    g_clear_pointer (&o, json_object_unref);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_autofree char *customer = g_strdup (f->guest[1]);

    td_test_cli (&r, "--db", f->db, "campaigns", "preview", "五一", "--customer", customer, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "recipients"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (o, "subject"), ==, "郑二，五一快乐");
    g_assert_cmpstr (json_object_get_string_member (o, "to"), ==, "guest1@example.com");
    g_assert_nonnull (strstr (json_object_get_string_member (o, "body"), "unsubscribe"));
    g_clear_pointer (&o, json_object_unref);
  }
  /* a template with an unknown field */
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "campaigns", "create", "坏", "--segment", "郑州",
                 "--subject", "{名字}", "--body", "x", NULL);
    assert_failure (&r, "{名字}");
  }
  /* no server yet: a clear failure, nothing recorded */
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "campaigns", "send", "五一", NULL);
    assert_failure (&r, "No e-mail server");
    g_assert_cmpint (td_test_query_int (f->hotel->db, "SELECT count(*) FROM campaign_recipients"), ==, 0);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "campaigns", "smtp", "--host", "smtp.example.com", "--security", "none",
                 "--user", "desk", "--from", "hello@hotel.example", NULL);
    assert_failure (&r, "unencrypted");
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "campaigns", "smtp", "--host", "smtp.example.com", "--security", "tls",
                 "--from", "hello@hotel.example", "--per-minute", "30", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (o, "security"), ==, "tls");
    g_assert_cmpint (json_object_get_int_member (o, "per_minute"), ==, 30);
    g_clear_pointer (&o, json_object_unref);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "campaigns", "export", "五一", "--channel", "sms", "--output", csv_path, NULL);
    g_assert_cmpint (r.status, ==, 0);
    {
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, "郑一,13800138000,guest0@example.com,2026-05-03,HELLO10\r\n"));
      g_assert_null (strstr (text, "洛三"));
    }
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "campaigns", "export", "五一", "--channel", "fax", NULL);
    assert_usage (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "campaigns", "opt-out", "Guest1@Example.com", "--how", "回复退订", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "changed"), ==, 1);
    g_clear_pointer (&o, json_object_unref);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "campaigns", "preview", "五一", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "recipients"), ==, 1);
    g_clear_pointer (&o, json_object_unref);
  }
  /* the campaign's coupon on the stay: one booking, ¥600 less 10 % */
  {
    g_auto(TdTestRun) redeem = { 0 };
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&redeem, "--db", f->db, "coupons", "redeem", "HELLO10", "--stay", f->stay, NULL);
    g_assert_cmpint (redeem.status, ==, 0);
    td_test_cli (&r, "--db", f->db, "campaigns", "status", "五一", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "bookings"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "revenue"), "minor"), ==, 54000);
  }
}

static void
test_coupons (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonObject) o = NULL;

  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "coupons", "create", "may-20", "--percent", "20", "--from", "2026-05-01",
                 "--until", "2026-06-01", "--room-types", "std", "--max-uses", "1", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, "MAY20");
    /* STD: the standard rooms of both hotels of the fixture */
    g_assert_nonnull (strstr (json_object_get_string_member (o, "room_type_ids"), f->hotel->std));
    g_assert_nonnull (strchr (json_object_get_string_member (o, "room_type_ids"), ','));
    g_clear_pointer (&o, json_object_unref);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "coupons", "redeem", "MAY20", "--stay", f->stay, "--check", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "discount"), "minor"), ==, 12000);
    g_clear_pointer (&o, json_object_unref);
    g_assert_cmpint (td_test_query_int (f->hotel->db, "SELECT count(*) FROM coupon_redemptions"), ==, 0);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "coupons", "redeem", "may20", "--stay", f->stay, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "¥120.00"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    /* once in all */
    td_test_cli (&r, "--db", f->db, "coupons", "redeem", "MAY20", "--customer", f->guest[1],
                 "--booking-kind", "tour", "--booking", "T-1", "--price", "100", "--date", "2026-05-05", NULL);
    assert_failure (&r, "used up");
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "coupons", "batch", "--count", "5", "--prefix", "gift", "--amount", "88", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "codes")), ==, 5);
    g_assert_true (g_str_has_prefix (json_array_get_string_element (json_object_get_array_member (o, "codes"), 0), "GIFT"));
    g_clear_pointer (&o, json_object_unref);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "coupons", "create", "--percent", "150", NULL);
    assert_usage (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "coupons", "create", "--amount", "10", "--room-types", "SUITE", NULL);
    assert_usage (&r);
    g_assert_nonnull (strstr (r.err, "SUITE"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "coupons", "list", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "coupons")), ==, 6);
    g_clear_pointer (&o, json_object_unref);
  }

  /* loyalty: ¥600 less ¥120 = 480 points */
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "loyalty", "earn", f->stay, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "points"), ==, 480);
    g_clear_pointer (&o, json_object_unref);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "loyalty", "redeem", f->guest[0], "--points", "500", NULL);
    assert_failure (&r, "480");
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "loyalty", "redeem", f->guest[0], "--points", "80", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "¥0.80"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", f->db, "loyalty", "show", f->guest[0], "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "balance"), ==, 400);
    g_assert_cmpstr (json_object_get_string_member (o, "tier"), ==, "member");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-marketing/help", test_help);
  g_test_add ("/cli-marketing/segments", Fixture, NULL, fixture_set_up, test_segments, fixture_tear_down);
  g_test_add ("/cli-marketing/campaigns", Fixture, NULL, fixture_set_up, test_campaigns, fixture_tear_down);
  g_test_add ("/cli-marketing/coupons", Fixture, NULL, fixture_set_up, test_coupons, fixture_tear_down);
  return g_test_run ();
}
