/* test-dates.c: half-open date ranges, time zones, identity numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-core.h"

static guint32
day (const char *iso)
{
  guint32 j = 0;

  g_assert_true (td_date_parse_iso (iso, &j, NULL));
  return j;
}

static void
test_range (void)
{
  TdDateRange stay, next, other, both;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_date_range_parse ("2026-12-30", "2027-01-02", &stay, &error));
  g_assert_cmpuint (td_date_range_get_nights (&stay), ==, 3);
  g_assert_true (td_date_range_contains (&stay, day ("2026-12-30")));
  g_assert_true (td_date_range_contains (&stay, day ("2027-01-01")));
  /* the departure day is free for the next guest */
  g_assert_false (td_date_range_contains (&stay, day ("2027-01-02")));

  g_assert_true (td_date_range_parse ("2027-01-02", "2027-01-05", &next, NULL));
  g_assert_false (td_date_range_overlaps (&stay, &next));
  g_assert_false (td_date_range_overlaps (&next, &stay));

  g_assert_true (td_date_range_parse ("2027-01-01", "2027-01-03", &other, NULL));
  g_assert_true (td_date_range_overlaps (&stay, &other));
  g_assert_true (td_date_range_intersect (&stay, &other, &both));
  g_assert_cmpuint (td_date_range_get_nights (&both), ==, 1);

  /* zero and negative lengths are refused */
  g_assert_false (td_date_range_parse ("2027-01-02", "2027-01-02", &other, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_date_range_parse ("2027-01-03", "2027-01-02", &other, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
}

static void
test_parse (void)
{
  const char *bad[] = { "", "2026-2-1", "2026-02-30", "2026/02/01", "20260201", "2026-02-01x", "2025-13-01" };
  g_autofree char *iso = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (td_date_parse_iso (bad[i], NULL, &error));
      g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
    }
  g_assert_true (td_date_parse_iso ("2028-02-29", NULL, NULL));
  iso = td_date_format_iso (day ("2028-02-29"));
  g_assert_cmpstr (iso, ==, "2028-02-29");
}

static void
test_time_zone (void)
{
  g_autofree char *local = NULL;
  g_autofree char *now = td_timestamp_now ();
  g_autoptr(GDateTime) parsed = td_timestamp_parse (now);

  g_assert_true (td_time_zone_is_valid ("Asia/Shanghai"));
  g_assert_false (td_time_zone_is_valid ("Mars/Olympus"));
  g_assert_false (td_time_zone_is_valid (""));

  /* stored in UTC, shown in the workspace's zone */
  local = td_timestamp_format_local ("2026-11-21T16:30:00.000000Z", "Asia/Shanghai");
  g_assert_cmpstr (local, ==, "2026-11-22 00:30");
  g_assert_true (g_str_has_suffix (now, "Z"));
  g_assert_nonnull (parsed);
}

static void
test_id_number (void)
{
  /* the worked example of GB 11643-1999 */
  const char *valid[] = { "11010519491231002X", "410102198001010018" };
  const struct { const char *number; int code; } invalid[] = {
    { "11010519491231002", TD_ID_NUMBER_ERROR_LENGTH },
    { "1101051949123100AX", TD_ID_NUMBER_ERROR_CHARACTER },
    { "110105194912310021", TD_ID_NUMBER_ERROR_CHECKSUM },
    { "990105194912310020", TD_ID_NUMBER_ERROR_REGION },
    { "110105194913310021", TD_ID_NUMBER_ERROR_BIRTH_DATE },
  };
  g_autofree char *masked = td_id_number_mask ("11010519491231002X");
  GDate birth;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (td_id_number_validate (valid[i], &birth, &error));
      g_assert_no_error (error);
    }
  td_id_number_validate ("11010519491231002x", &birth, NULL);
  g_assert_cmpint (g_date_get_year (&birth), ==, 1949);
  g_assert_cmpint (g_date_get_month (&birth), ==, 12);
  g_assert_cmpint (g_date_get_day (&birth), ==, 31);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (td_id_number_validate (invalid[i].number, NULL, &error));
      g_assert_error (error, TD_ID_NUMBER_ERROR, invalid[i].code);
    }

  g_assert_cmpstr (masked, ==, "110105********002X");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dates/range", test_range);
  g_test_add_func ("/dates/parse", test_parse);
  g_test_add_func ("/dates/time-zone", test_time_zone);
  g_test_add_func ("/id-number/gb11643", test_id_number);
  return g_test_run ();
}
