/* test-segments.c: segment rules, their SQL, saved segments, and RFM on a
 * hand-computed example
 *
 * The fixture (on the front-desk test hotel, room 101, all in CNY):
 *   王一  郑州市 河南省  tags VIP        e-mail granted  born 1990-06-01
 *         1 stay checked out, ends 2026-01-05, ¥300
 *   王二  郑州市 河南省  tags 回头客,vip  e-mail withdrawn born 1985-12-31
 *         2 stays checked out, the last ends 2026-03-01, ¥200 + ¥200
 *   王三  洛阳市 河南省                  (no consent)     born 2000-02-29
 *         1 stay checked out, ends 2026-05-01, ¥900
 *   王四  上海市 上海市  language en     e-mail granted
 *         3 stays checked out, the last ends 2026-07-01, ¥500 each
 *   王五  开封市 河南省                  e-mail granted   born 1960-01-01
 *         1 stay checked out, ends 2026-09-01, ¥100; one confirmed for
 *         2026-12, one cancelled
 *   王六  郑州市 (nothing booked)
 *
 * RFM by hand (5 customers scored, so a score is 1 + (rank - 1)):
 *            last        R   completed F   spend  M   FM=(F+M+1)/2  group
 *   王一  2026-01-05   1   1         1   300    2   2             lost
 *   王二  2026-03-01   2   2         4   400    3   4             at-risk
 *   王三  2026-05-01   3   1         1   900    4   3             need-attention
 *   王四  2026-07-01   4   3         5   1500   5   5             champions
 *   王五  2026-09-01   5   1         1   100    1   1             new
 * (F: three customers share 1 completed stay: rank 1; 2 is rank 4; 3 is 5.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-hotel.h"
#include "td-test-utils.h"

typedef struct {
  TdTestHotel *hotel;
  char        *c[6];
} Fixture;

static const char *names[6] = { "王一", "王二", "王三", "王四", "王五", "王六" };

static void
add_stay (Fixture    *f,
          GPtrArray  *changes,
          int         who,
          const char *arrival,
          const char *departure,
          const char *state,
          gint64      total)
{
  TdChange *r, *s;
  guint nights = td_test_date (departure) - td_test_date (arrival);
  g_autoptr(GString) nightly = g_string_new ("[");

  for (guint i = 0; i < nights; i++)
    g_string_append_printf (nightly, "%s%" G_GINT64_FORMAT, i ? "," : "", total / nights);

  g_string_append_c (nightly, ']');
  r = td_change_new_insert ("reservation", NULL);
  td_change_set_string (r, "property_id", f->hotel->property);
  td_change_set_string (r, "customer_id", f->c[who]);
  td_change_set_string (r, "source", "phone");
  g_ptr_array_add (changes, r);
  s = td_change_new_insert ("stay", NULL);
  td_change_set_string (s, "reservation_id", td_change_get_id (r));
  td_change_set_string (s, "property_id", f->hotel->property);
  td_change_set_string (s, "room_type_id", f->hotel->std);
  td_change_set_string (s, "room_id", f->hotel->room[TD_TEST_R101]);
  td_change_set_string (s, "arrival", arrival);
  td_change_set_string (s, "departure", departure);
  td_change_set_int (s, "adults", 1);
  td_change_set_string (s, "state", state);
  td_change_set_string (s, "nightly_prices", nightly->str);
  td_test_set_money (s, "total", total);
  g_ptr_array_add (changes, s);
}

static TdChange *
add_customer (Fixture    *f,
              GPtrArray  *changes,
              int         who,
              const char *city,
              const char *province)
{
  TdChange *c = td_change_new_insert ("customer", NULL);

  td_change_set_string (c, "party", "person");
  td_change_set_string (c, "name", names[who]);
  td_change_set_string (c, "city", city);
  if (province)
    td_change_set_string (c, "province", province);
  f->c[who] = g_strdup (td_change_get_id (c));
  g_ptr_array_add (changes, c);
  return c;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdChange *c;
  static int serial;
  g_autofree char *name = g_strdup_printf ("segments-%d", ++serial);

  f->hotel = td_test_hotel_new (name);

  c = add_customer (f, changes, 0, "郑州市", "河南省");
  td_change_set_string (c, "tags", "VIP");
  td_change_set_string (c, "consent_email", "granted");
  td_change_set_string (c, "birth_date", "1990-06-01");
  c = add_customer (f, changes, 1, "郑州市", "河南省");
  td_change_set_string (c, "tags", "回头客,vip");
  td_change_set_string (c, "consent_email", "withdrawn");
  td_change_set_string (c, "birth_date", "1985-12-31");
  c = add_customer (f, changes, 2, "洛阳市", "河南省");
  td_change_set_string (c, "birth_date", "2000-02-29");
  c = add_customer (f, changes, 3, "上海市", "上海市");
  td_change_set_string (c, "language", "en");
  td_change_set_string (c, "consent_email", "granted");
  c = add_customer (f, changes, 4, "开封市", "河南省");
  td_change_set_string (c, "consent_email", "granted");
  td_change_set_string (c, "birth_date", "1960-01-01");
  add_customer (f, changes, 5, "郑州市", NULL);
  td_test_commit (f->hotel->db, changes);

  add_stay (f, changes, 0, "2026-01-03", "2026-01-05", "checked_out", 30000);
  add_stay (f, changes, 1, "2026-02-01", "2026-02-02", "checked_out", 20000);
  add_stay (f, changes, 1, "2026-02-28", "2026-03-01", "checked_out", 20000);
  add_stay (f, changes, 2, "2026-04-28", "2026-05-01", "checked_out", 90000);
  add_stay (f, changes, 3, "2026-06-01", "2026-06-02", "checked_out", 50000);
  add_stay (f, changes, 3, "2026-06-10", "2026-06-11", "checked_out", 50000);
  add_stay (f, changes, 3, "2026-06-30", "2026-07-01", "checked_out", 50000);
  add_stay (f, changes, 4, "2026-08-30", "2026-09-01", "checked_out", 10000);
  add_stay (f, changes, 4, "2026-12-01", "2026-12-03", "confirmed", 60000);
  add_stay (f, changes, 4, "2026-12-10", "2026-12-11", "cancelled", 30000);
  td_test_commit (f->hotel->db, changes);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->c); i++)
    g_free (f->c[i]);
  td_test_hotel_free (f->hotel);
}

static JsonObject *
rules_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_node_dup_object (node);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* the names matched, sorted, joined by spaces */
static char *
matched (Fixture    *f,
         const char *json,
         const char *today)
{
  g_autoptr(JsonObject) rules = rules_from (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = td_segment_list_customers (f->hotel->db, rules, td_test_date (today), 0, &error);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  gint64 count;

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    for (guint w = 0; w < G_N_ELEMENTS (f->c); w++)
      if (g_str_equal (g_ptr_array_index (ids, i), f->c[w]))
        g_ptr_array_add (found, (gpointer) names[w]);
  g_ptr_array_sort (found, compare_names);
  /* the count is the same query */
  count = td_segment_count (f->hotel->db, rules, td_test_date (today), &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, ids->len);
  g_ptr_array_add (found, NULL);
  return g_strjoinv (" ", (char **) found->pdata);
}

static void
expect (Fixture    *f,
        const char *json,
        const char *want)
{
  g_autofree char *got = matched (f, json, "2026-10-01");

  if (g_strcmp0 (got, want) != 0)
    g_error ("%s: matched “%s”, wanted “%s”", json, got, want);
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  /* the hotel's own customers (王伟, the agency) are in "everyone" too */
  g_assert_cmpint (td_segment_count (f->hotel->db, rules_from ("{}"), 0, NULL), ==, 8);

  expect (f, "{\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}", "王一 王二 王六");
  expect (f, "{\"rules\":[{\"field\":\"province\",\"op\":\"is-not\",\"value\":\"河南省\"},"
             "{\"field\":\"province\",\"op\":\"not-empty\"}]}", "王四");
  expect (f, "{\"rules\":[{\"field\":\"tag\",\"op\":\"has\",\"value\":\"vip\"}]}", "王一 王二");
  expect (f, "{\"rules\":[{\"field\":\"tag\",\"op\":\"has\",\"value\":\"回头\"}]}", "");
  expect (f, "{\"rules\":[{\"field\":\"consent_email\",\"op\":\"is\",\"value\":\"granted\"}]}", "王一 王五 王四");
  expect (f, "{\"rules\":[{\"field\":\"consent_email\",\"op\":\"is-not\",\"value\":\"granted\"},"
             "{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}", "王二 王六");
  expect (f, "{\"rules\":[{\"field\":\"language\",\"op\":\"is\",\"value\":\"en\"}]}", "王四");
  /* bookings not cancelled: 王五 has a completed and an upcoming one */
  expect (f, "{\"rules\":[{\"field\":\"bookings\",\"op\":\">=\",\"value\":2}]}", "王二 王五 王四");
  expect (f, "{\"rules\":[{\"field\":\"bookings\",\"op\":\"=\",\"value\":0},"
             "{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}", "王六");
  /* spend: completed only, minor units */
  expect (f, "{\"rules\":[{\"field\":\"spend\",\"op\":\">\",\"value\":50000}]}", "王三 王四");
  expect (f, "{\"rules\":[{\"field\":\"last_stay\",\"op\":\"<\",\"value\":\"2026-03-01\"}]}", "王一");
  expect (f, "{\"rules\":[{\"field\":\"last_stay\",\"op\":\"<=\",\"value\":\"2026-03-01\"}]}", "王一 王二");
  /* today 2026-10-01: the last 90 days are from 2026-07-03 */
  expect (f, "{\"rules\":[{\"field\":\"last_stay\",\"op\":\"within-days\",\"value\":90}]}", "王五");
  expect (f, "{\"rules\":[{\"field\":\"last_stay\",\"op\":\"within-days\",\"value\":92}]}", "王五 王四");
  expect (f, "{\"rules\":[{\"field\":\"last_stay\",\"op\":\"not-within-days\",\"value\":90}]}", "王一 王三 王二 王四");
  expect (f, "{\"rules\":[{\"field\":\"last_stay\",\"op\":\"never\"},"
             "{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}", "王六");
  /* ages on 2026-10-01: 王一 36, 王二 40, 王三 26, 王五 66 */
  expect (f, "{\"rules\":[{\"field\":\"age\",\"op\":\"between\",\"value\":[30,40]}]}", "王一 王二");
  expect (f, "{\"rules\":[{\"field\":\"age\",\"op\":\"between\",\"value\":[36,39]}]}", "王一");
  expect (f, "{\"rules\":[{\"field\":\"age\",\"op\":\">\",\"value\":40}]}", "王五");
  expect (f, "{\"rules\":[{\"field\":\"age\",\"op\":\">=\",\"value\":40}]}", "王二 王五");
  expect (f, "{\"rules\":[{\"field\":\"age\",\"op\":\"<\",\"value\":27}]}", "王三");
  expect (f, "{\"rules\":[{\"field\":\"age\",\"op\":\"<=\",\"value\":26}]}", "王三");
  /* a product bought: the room type of the stays, by code or name, not
   * counting cancelled stays (王五's cancelled one is in STD too) */
  expect (f, "{\"rules\":[{\"field\":\"product\",\"op\":\"bought\",\"value\":\"std\"}]}",
          "王一 王三 王二 王五 王四");
  expect (f, "{\"rules\":[{\"field\":\"product\",\"op\":\"bought\",\"value\":\"DLK\"}]}", "");
  expect (f, "{\"rules\":[{\"field\":\"product\",\"op\":\"not-bought\",\"value\":\"STD\"},"
             "{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}", "王六");
  /* the last survey's score: 王一 gave 9, then 3; 王二 10 */
  {
    TdSurveyAnswer answer = { .customer_id = f->c[0], .nps = 9, .answered_at = 1767225600000000 };
    g_autoptr(GError) error = NULL;
    g_autofree char *a = td_survey_add (f->hotel->db, NULL, &answer, &error);
    g_autofree char *b = NULL, *c = NULL;

    g_assert_no_error (error);
    answer.nps = 3;
    answer.answered_at += (gint64) G_USEC_PER_SEC * 86400;
    b = td_survey_add (f->hotel->db, NULL, &answer, &error);
    answer.customer_id = f->c[1];
    answer.nps = 10;
    c = td_survey_add (f->hotel->db, NULL, &answer, &error);
    g_assert_no_error (error);
  }
  expect (f, "{\"rules\":[{\"field\":\"nps\",\"op\":\">=\",\"value\":9}]}", "王二");
  expect (f, "{\"rules\":[{\"field\":\"nps\",\"op\":\"<=\",\"value\":6}]}", "王一");
  /* any */
  expect (f, "{\"match\":\"any\",\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"洛阳市\"},"
             "{\"field\":\"rfm\",\"op\":\"is\",\"value\":\"lost\"}]}", "王一 王三");
  expect (f, "{\"match\":\"all\",\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"洛阳市\"},"
             "{\"field\":\"rfm\",\"op\":\"is\",\"value\":\"lost\"}]}", "");
}

/* the age changes on the birthday, not the day after */
static void
test_age_on_birthday (Fixture       *f,
                      gconstpointer  data)
{
  const char *rule = "{\"rules\":[{\"field\":\"age\",\"op\":\">=\",\"value\":36},"
                     "{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}";
  g_autofree char *before = matched (f, rule, "2026-05-31");
  g_autofree char *on = matched (f, rule, "2026-06-01");

  g_assert_cmpstr (before, ==, "王二");
  g_assert_cmpstr (on, ==, "王一 王二");
}

static void
test_rfm (Fixture       *f,
          gconstpointer  data)
{
  static const struct { int who; int r, fr, m; const char *group; } want[] = {
    { 0, 1, 1, 2, "lost" },
    { 1, 2, 4, 3, "at-risk" },
    { 2, 3, 1, 4, "need-attention" },
    { 3, 4, 5, 5, "champions" },
    { 4, 5, 1, 1, "new" },
  };
  g_autoptr(GError) error = NULL;
  gint64 counts[TD_RFM_N_GROUPS];

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autoptr(TdCustomerStats) s = td_customer_stats_get (f->hotel->db, f->c[want[i].who], &error);

      g_assert_no_error (error);
      g_assert_cmpint (s->r, ==, want[i].r);
      g_assert_cmpint (s->f, ==, want[i].fr);
      g_assert_cmpint (s->m, ==, want[i].m);
      g_assert_true (s->has_group);
      g_assert_cmpstr (td_rfm_group_to_string (s->group), ==, want[i].group);
    }
  {
    g_autoptr(TdCustomerStats) s = td_customer_stats_get (f->hotel->db, f->c[4], &error);

    g_assert_cmpint (s->bookings, ==, 2);
    g_assert_cmpint (s->completed, ==, 1);
    g_assert_cmpint (s->spend_minor, ==, 10000);
    g_assert_cmpstr (s->last_stay, ==, "2026-09-01");
  }
  {
    g_autoptr(TdCustomerStats) s = td_customer_stats_get (f->hotel->db, f->c[5], &error);

    g_assert_no_error (error);
    g_assert_cmpint (s->bookings, ==, 0);
    g_assert_false (s->has_group);
    g_assert_null (s->last_stay);
  }

  g_assert_true (td_rfm_group_counts (f->hotel->db, counts, &error));
  g_assert_cmpint (counts[TD_RFM_CHAMPIONS], ==, 1);
  g_assert_cmpint (counts[TD_RFM_LOST], ==, 1);
  g_assert_cmpint (counts[TD_RFM_LOYAL], ==, 0);

  /* a new completed stay for 王一 makes him the most recent: the cache
   * follows the bookings */
  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    g_autoptr(TdCustomerStats) s = NULL;

    add_stay (f, changes, 0, "2026-09-20", "2026-09-21", "checked_out", 40000);
    td_test_commit (f->hotel->db, changes);
    s = td_customer_stats_get (f->hotel->db, f->c[0], &error);
    g_assert_no_error (error);
    /* R 5; F 3 (2 completed, as 王二: rank 3); M 3 (¥700, rank 3):
     * FM 3 */
    g_assert_cmpint (s->r, ==, 5);
    g_assert_cmpint (s->f, ==, 3);
    g_assert_cmpint (s->m, ==, 3);
    g_assert_cmpstr (td_rfm_group_to_string (s->group), ==, "potential-loyalists");
  }
}

/* the grid of td-marketing-stats.h, cell by cell */
static void
test_rfm_grid (void)
{
  static const char *grid[5][5] = {
    /* R 5 */ { "new", "potential-loyalists", "potential-loyalists", "champions", "champions" },
    /* R 4 */ { "promising", "potential-loyalists", "potential-loyalists", "champions", "champions" },
    /* R 3 */ { "about-to-sleep", "about-to-sleep", "need-attention", "loyal", "loyal" },
    /* R 2 */ { "hibernating", "hibernating", "at-risk", "at-risk", "cannot-lose" },
    /* R 1 */ { "lost", "lost", "at-risk", "at-risk", "cannot-lose" },
  };
  guint seen = 0;

  for (int r = 5; r >= 1; r--)
    for (int fm = 1; fm <= 5; fm++)
      {
        TdRfmGroup group = td_rfm_group_for_scores (r, fm, fm);

        g_assert_cmpstr (td_rfm_group_to_string (group), ==, grid[5 - r][fm - 1]);
        seen |= 1u << group;
      }
  /* F and M average upwards: 4 and 5 is FM 5 */
  g_assert_cmpint (td_rfm_group_for_scores (1, 4, 5), ==, TD_RFM_CANNOT_LOSE);
  g_assert_cmpint (td_rfm_group_for_scores (1, 4, 3), ==, TD_RFM_AT_RISK);
  /* every named group is somewhere on the grid */
  g_assert_cmpuint (seen, ==, (1u << TD_RFM_N_GROUPS) - 1);
  for (guint i = 0; i < TD_RFM_N_GROUPS; i++)
    {
      TdRfmGroup back;

      g_assert_true (td_rfm_group_from_string (td_rfm_group_to_string (i), &back));
      g_assert_cmpint (back, ==, i);
    }
}

/* values are bound, never in the SQL text */
static void
test_compile_parameters (void)
{
  g_autoptr(JsonObject) rules =
    rules_from ("{\"match\":\"any\",\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"x'); DROP TABLE customers; --\"},"
                "{\"field\":\"tag\",\"op\":\"has\",\"value\":\"VIP\"},"
                "{\"field\":\"spend\",\"op\":\">=\",\"value\":123456},"
                "{\"field\":\"age\",\"op\":\"between\",\"value\":[30,39]}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSegmentQuery) query = td_segment_compile (rules, td_test_date ("2026-10-01"), &error);

  g_assert_no_error (error);
  g_assert_null (strstr (query->sql, "DROP"));
  g_assert_null (strstr (query->sql, "VIP"));
  g_assert_null (strstr (query->sql, "123456"));
  g_assert_null (strstr (query->sql, "1996"));
  g_assert_nonnull (strstr (query->sql, " OR "));
  g_assert_true (query->needs_stats);
  /* city, tag, spend, and two ends of the age */
  g_assert_cmpuint (query->params->len, ==, 5);
  g_assert_cmpstr (g_variant_get_string (g_ptr_array_index (query->params, 4), NULL), ==, "1986-10-01");
  g_assert_cmpstr (g_variant_get_string (g_ptr_array_index (query->params, 3), NULL), ==, "1996-10-01");
}

static void
test_bad_rules (void)
{
  static const struct { const char *json; const char *says; } cases[] = {
    { "{\"match\":\"most\"}", "“most”" },
    { "{\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"a\"},{\"field\":\"colour\",\"op\":\"is\",\"value\":\"red\"}]}", "Rule 2: unknown field “colour”" },
    { "{\"rules\":[{\"field\":\"bookings\",\"op\":\"has\",\"value\":1}]}", "Rule 1: “bookings” cannot be compared with “has”" },
    { "{\"rules\":[{\"field\":\"bookings\",\"op\":\">\",\"value\":\"two\"}]}", "Rule 1: “bookings” needs a whole number" },
    { "{\"rules\":[{\"field\":\"last_stay\",\"op\":\">\",\"value\":\"2026-13-01\"}]}", "needs a date" },
    { "{\"rules\":[{\"field\":\"age\",\"op\":\"between\",\"value\":[40,30]}]}", "two ages" },
    { "{\"rules\":[{\"field\":\"rfm\",\"op\":\"is\",\"value\":\"heroes\"}]}", "“heroes” is not an RFM group" },
    { "{\"rules\":[{\"field\":\"consent_sms\",\"op\":\"is\",\"value\":\"yes\"}]}", "granted, withdrawn or unknown" },
    { "{\"rules\":{\"field\":\"city\"}}", "list of rules" },
    { "{\"rules\":[{\"field\":\"nps\",\"op\":\">\",\"value\":12}]}", "score from 0 to 10" },
    { "{\"rules\":[{\"field\":\"product\",\"op\":\"bought\",\"value\":\"\"}]}", "name or code" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) rules = rules_from (cases[i].json);
      g_autoptr(GError) error = NULL;

      g_assert_false (td_segment_rules_check (rules, &error));
      g_assert_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[i].json, error->message, cases[i].says);
    }
}

static void
test_rule_parse (void)
{
  static const struct { const char *text; const char *json; } cases[] = {
    { "city=郑州市", "{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}" },
    { "city!=郑州市", "{\"field\":\"city\",\"op\":\"is-not\",\"value\":\"郑州市\"}" },
    { "tag=VIP", "{\"field\":\"tag\",\"op\":\"has\",\"value\":\"VIP\"}" },
    { "bookings>=2", "{\"field\":\"bookings\",\"op\":\">=\",\"value\":2}" },
    { "spend>1000.50", "{\"field\":\"spend\",\"op\":\">\",\"value\":100050}" },
    { "last_stay<2026-01-01", "{\"field\":\"last_stay\",\"op\":\"<\",\"value\":\"2026-01-01\"}" },
    { "last_stay within-days 90", "{\"field\":\"last_stay\",\"op\":\"within-days\",\"value\":90}" },
    { "last_stay never", "{\"field\":\"last_stay\",\"op\":\"never\"}" },
    { "age=30-39", "{\"field\":\"age\",\"op\":\"between\",\"value\":[30,39]}" },
    { "age>=60", "{\"field\":\"age\",\"op\":\">=\",\"value\":60}" },
    { "rfm=at-risk", "{\"field\":\"rfm\",\"op\":\"is\",\"value\":\"at-risk\"}" },
    { "consent_email=granted", "{\"field\":\"consent_email\",\"op\":\"is\",\"value\":\"granted\"}" },
    { "city empty", "{\"field\":\"city\",\"op\":\"empty\"}" },
    { "product=少林寺·嵩山两日游", "{\"field\":\"product\",\"op\":\"bought\",\"value\":\"少林寺·嵩山两日游\"}" },
    { "product!=DLK", "{\"field\":\"product\",\"op\":\"not-bought\",\"value\":\"DLK\"}" },
    { "nps>=9", "{\"field\":\"nps\",\"op\":\">=\",\"value\":9}" },
  };
  static const char *bad[] = { "city", "=x", "colour=red", "bookings>=many", "age=old", "rfm=heroes", "tag>3", "spend>=1.234",
                               "nps>=11", "nps=great", "product>3" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) rule = td_segment_rule_parse (cases[i].text, "CNY", &error);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      node = json_node_init_object (json_node_alloc (), rule);
      text = json_to_string (node, FALSE);
      g_assert_cmpstr (text, ==, cases[i].json);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) rule = td_segment_rule_parse (bad[i], "CNY", &error);

      g_assert_null (rule);
      g_assert_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID);
      /* the message quotes what was written */
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
test_saved (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonObject) rules = rules_from ("{\"match\":\"all\",\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}");
  g_autoptr(JsonObject) other = rules_from ("{\"rules\":[{\"field\":\"rfm\",\"op\":\"is\",\"value\":\"champions\"}]}");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = td_segment_save (f->hotel->db, " 郑州客人 ", rules, "本市", &error);
  g_autofree char *again = NULL;
  g_autoptr(TdSegment) found = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  found = td_segment_find (f->hotel->db, "郑州客人", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->id, ==, id);
  g_assert_cmpstr (found->description, ==, "本市");
  g_assert_cmpint (td_segment_count (f->hotel->db, found->rules, td_test_date ("2026-10-01"), &error), ==, 3);
  g_clear_pointer (&found, td_segment_free);

  /* saving under the same name replaces the rules */
  again = td_segment_save (f->hotel->db, "郑州客人", other, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, id);
  found = td_segment_find (f->hotel->db, id, &error);
  g_assert_cmpint (td_segment_count (f->hotel->db, found->rules, td_test_date ("2026-10-01"), &error), ==, 1);
  g_assert_cmpint (found->revision, ==, 2);
  g_assert_null (found->description);

  list = td_segment_list (f->hotel->db, &error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_null (td_segment_find (f->hotel->db, "nobody", &error));
  g_assert_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (td_segment_save (f->hotel->db, "  ", rules, NULL, &error));
  g_assert_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID);
}

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gint64 *count = user_data;
  g_autoptr(GError) error = NULL;

  *count = td_segment_count_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_count_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) rules = rules_from ("{\"rules\":[{\"field\":\"bookings\",\"op\":\">\",\"value\":0}]}");
  gint64 count = -2;

  td_segment_count_async (f->hotel->db, rules, 0, NULL, count_done, &count);
  while (count == -2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (count, ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/segments/rules", Fixture, NULL, fixture_set_up, test_rules, fixture_tear_down);
  g_test_add ("/segments/age-on-birthday", Fixture, NULL, fixture_set_up, test_age_on_birthday, fixture_tear_down);
  g_test_add ("/segments/rfm", Fixture, NULL, fixture_set_up, test_rfm, fixture_tear_down);
  g_test_add ("/segments/saved", Fixture, NULL, fixture_set_up, test_saved, fixture_tear_down);
  g_test_add ("/segments/count-async", Fixture, NULL, fixture_set_up, test_count_async, fixture_tear_down);
  g_test_add_func ("/segments/rfm-grid", test_rfm_grid);
  g_test_add_func ("/segments/compile-parameters", test_compile_parameters);
  g_test_add_func ("/segments/bad-rules", test_bad_rules);
  g_test_add_func ("/segments/rule-parse", test_rule_parse);
  return g_test_run ();
}
