/* bench-analytics.c: the Analytics dashboard at chain scale, beside a
 * baseline in the same run
 *
 * Prints figures, never fails on them. bench-analytics [PATH]: with PATH,
 * a workspace there is reused if it exists, else created by the demo
 * generator at the size below and kept; without, a temporary one.
 * TD_BENCH_CUSTOMERS (default 1,000,000), TD_BENCH_HISTORY (days of past
 * stays, default 730) and TD_BENCH_COPIES (the demo's 304 rooms this many
 * times over, default 26: about 2 million stays) set the size.
 *
 * Measured (median of RUNS after a warm-up):
 * 1. td_kpi_dashboard_load() for the last 30 days and for the 12 last
 *    months: the key figures and the previous period, the series, every
 *    hotel, 12 months, the 90-night forecast and pace;
 * 2. the same plus building the 13 charts and drawing them with cairo at
 *    the size of the area (about 560 × 220 each): the dashboard drawn;
 * 3. td_daily_report_build() for today (all hotels);
 * 4. baseline: the year's room revenue and room-nights sold computed from
 *    the stays themselves (every stay overlapping the year, its nightly
 *    prices through json_each), as a dashboard without the daily facts
 *    would read them; the two must agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <time.h>

#include "td-analytics-charts.h"
#include "td-test-utils.h"

#define RUNS 7

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value && *value ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static double
median_of (GArray *times)
{
  return td_test_percentile (times, 0.5);
}

/* the process's CPU time in ms: on a shared machine the wall clock
 * also counts the waits for a core */
static double
cpu_ms (void)
{
  return clock () * 1000.0 / CLOCKS_PER_SEC;
}

static GArray *cpu_times;

static void
report (const char *what,
        GArray     *times)
{
  g_print ("  %-52s median %7.1f ms (CPU %6.1f ms)   max %7.1f ms\n", what, median_of (times),
           cpu_times->len ? median_of (cpu_times) : 0.0, td_test_percentile (times, 1.0));
  g_array_set_size (cpu_times, 0);
}

static void
draw_charts (GPtrArray *charts)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 560, 220);

  for (guint i = 0; i < charts->len; i++)
    {
      cairo_t *cr = cairo_create (surface);
      TdChartStyle style;

      td_chart_style_init (&style, FALSE);
      td_chart_data_draw (g_ptr_array_index (charts, i), cr, 560, 220, &style, -1);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);
}

static void
bench_dashboard (TdDatabase  *db,
                 const char  *label,
                 TdDateRange  dates,
                 gboolean     draw)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run <= RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdKpiDashboard) d = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_ms ();
      double ms;

      d = td_kpi_dashboard_load (db, NULL, &dates, NULL, &error);
      g_assert_no_error (error);
      if (draw)
        {
          g_autoptr(GPtrArray) charts = td_analytics_charts_build (d);

          draw_charts (charts);
        }
      ms = td_test_ms_since (start);
      cpu = cpu_ms () - cpu;
      if (run > 0)
        {
          g_array_append_val (times, ms);
          g_array_append_val (cpu_times, cpu);
        }
    }
  report (label, times);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  TdDeskTime now;
  TdDateRange month, year;
  TdKpiQuery query = { 0 };
  gint64 baseline_revenue = 0, baseline_sold = 0;
  gint64 start;

  cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  path = argc > 1 ? g_strdup (argv[1]) : td_test_path ("bench-analytics.tourdesk");
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      TdDemoOptions options;

      td_demo_options_init (&options);
      options.customers = env_uint ("TD_BENCH_CUSTOMERS", 1000000);
      options.history_days = env_uint ("TD_BENCH_HISTORY", 730);
      options.hotel_copies = env_uint ("TD_BENCH_COPIES", 26);
      g_print ("Generating %u customers, %u days of stays, %u× the demo hotels…\n",
               options.customers, options.history_days, options.hotel_copies);
      start = g_get_monotonic_time ();
      db = td_demo_create (path, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_print ("  generated in %.1f s\n", td_test_ms_since (start) / 1000.0);
    }
  else
    {
      db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
      g_assert_no_error (error);
    }

  td_desk_time_init_now (&now, db);
  month.start = now.today - 30;
  month.end = now.today;
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_julian (&date, now.today);
    g_date_set_day (&date, 1);
    year.end = g_date_get_julian (&date);
    g_date_subtract_months (&date, 12);
    year.start = g_date_get_julian (&date);
  }

  g_print ("Workspace %s: %" G_GINT64_FORMAT " customers, %" G_GINT64_FORMAT " stays, %" G_GINT64_FORMAT
           " rooms in %" G_GINT64_FORMAT " hotels; daily facts: %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT " rows\n",
           path, td_database_count (db, "customer", NULL), td_database_count (db, "stay", NULL),
           td_database_count (db, "room", NULL), td_database_count (db, "property", NULL),
           td_test_query_int (db, "SELECT count(*) FROM analytics_days"),
           td_test_query_int (db, "SELECT count(*) FROM analytics_books"));

  g_print ("Dashboard (target: drawn in under 300 ms)\n");
  bench_dashboard (db, "dashboard data, last 30 days", month, FALSE);
  bench_dashboard (db, "dashboard data + 13 charts drawn, last 30 days", month, TRUE);
  bench_dashboard (db, "dashboard data, 12 months", year, FALSE);
  bench_dashboard (db, "dashboard data + 13 charts drawn, 12 months", year, TRUE);

  for (guint run = 0; run <= RUNS; run++)
    {
      g_autoptr(TdDailyReport) r = NULL;
      double ms;

      start = g_get_monotonic_time ();
      r = td_daily_report_build (db, NULL, now.today, &error);
      g_assert_no_error (error);
      ms = td_test_ms_since (start);
      if (run > 0)
        g_array_append_val (times, ms);
    }
  report ("daily report, today, all hotels", times);

  /* the baseline: the year from the stays themselves */
  g_array_set_size (times, 0);
  for (guint run = 0; run <= 3; run++)
    {
      g_autofree char *from = td_date_format_iso (year.start);
      g_autofree char *to = td_date_format_iso (year.end);
      g_autofree char *sql = NULL;
      double ms;

      sql = g_strdup_printf ("SELECT sum(j.value) FROM stays AS s, json_each(s.nightly_prices) AS j"
                             " WHERE s.deleted = 0 AND s.state IN ('confirmed', 'checked_in', 'checked_out')"
                             "   AND s.departure > '%s' AND s.arrival < '%s'"
                             "   AND date(s.arrival, '+' || j.key || ' days') >= '%s'"
                             "   AND date(s.arrival, '+' || j.key || ' days') < '%s'", from, to, from, to);
      start = g_get_monotonic_time ();
      baseline_revenue = td_test_query_int (db, sql);
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM stays AS s, json_each(s.nightly_prices) AS j"
                             " WHERE s.deleted = 0 AND s.state IN ('confirmed', 'checked_in', 'checked_out')"
                             "   AND s.departure > '%s' AND s.arrival < '%s'"
                             "   AND date(s.arrival, '+' || j.key || ' days') >= '%s'"
                             "   AND date(s.arrival, '+' || j.key || ' days') < '%s'", from, to, from, to);
      baseline_sold = td_test_query_int (db, sql);
      ms = td_test_ms_since (start);
      if (run > 0)
        g_array_append_val (times, ms);
    }
  g_print ("Baseline\n");
  report ("12 months' revenue and room-nights from the stays (SQL)", times);

  g_array_set_size (times, 0);
  query.dates = year;
  for (guint run = 0; run <= RUNS; run++)
    {
      g_autoptr(TdKpiReport) r = NULL;
      double ms;

      start = g_get_monotonic_time ();
      r = td_kpi_compute (db, &query, &error);
      g_assert_no_error (error);
      ms = td_test_ms_since (start);
      if (run > 0)
        g_array_append_val (times, ms);
      if (run == RUNS)
        {
          g_print ("  the same from the daily facts (td_kpi_compute, with the previous year)\n");
          report ("", times);
          g_print ("  agree: revenue %" G_GINT64_FORMAT " = %" G_GINT64_FORMAT ", room-nights %" G_GINT64_FORMAT
                   " = %" G_GINT64_FORMAT ": %s\n", r->current->revenue, baseline_revenue, r->current->sold,
                   baseline_sold, r->current->revenue == baseline_revenue && r->current->sold == baseline_sold
                                   ? "yes" : "NO");
        }
    }
  return 0;
}
