/* bench-analytics.c: the Analytics dashboard at chain scale, beside a
 * baseline in the same run
 *
 * Prints figures, never fails on them. bench-analytics [PATH]: with PATH,
 * a workspace there is reused if it exists (a workspace of 1,000,000
 * customers made by `tourdesk-cli demo --customers 1000000`, say), else
 * created by the demo generator (TD_BENCH_CUSTOMERS customers, default
 * 1,000,000: slow, about 10 minutes a million) and kept; without PATH, a
 * temporary one. When it has fewer than 1,000,000 stays, a chain is added:
 * TD_BENCH_HOTELS hotels (default 50) of 160 rooms, every room booked night
 * after night for TD_BENCH_DAYS days (default 730) up to 90 days ahead
 * (stays of 1 to 4 nights, the odd empty night, 5 % cancelled, 3 % no-show,
 * booked 0 to 60 days ahead, later bookings not yet made): about 2,000,000
 * stays. The hotels and rooms go through the mutation API; the stays and
 * their reservations are bulk INSERTs in transactions of 50,000 (no outbox
 * or audit rows), with every trigger of the schema at work: the room-night
 * table and the analytics facts are written as for any stay.
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
#define ROOMS_PER_HOTEL 160
#define BULK 50000

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

/* the chain: hotels and rooms through the mutation API */
static GPtrArray *
add_hotels (TdDatabase *db,
            guint       hotels)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  GPtrArray *rooms = g_ptr_array_new_with_free_func (g_free);   /* "property|type|room" */
  g_autoptr(GError) error = NULL;

  for (guint h = 0; h < hotels; h++)
    {
      TdChange *property = td_change_new_insert ("property", NULL);
      g_autofree char *name = g_strdup_printf ("连锁酒店 %03u", h + 1);
      const char *type_ids[2];

      td_change_set_string (property, "name", name);
      td_change_set_string (property, "city", "郑州市");
      g_ptr_array_add (changes, property);
      for (guint t = 0; t < 2; t++)
        {
          TdChange *type = td_change_new_insert ("room_type", NULL);
          TdMoney price;

          td_money_init (&price, t ? 46800 : 32800, "CNY", NULL);
          td_change_set_string (type, "property_id", td_change_get_id (property));
          td_change_set_string (type, "code", t ? "DLK" : "STD");
          td_change_set_string (type, "name", t ? "豪华间" : "标准间");
          td_change_set_money (type, "base_price", &price);
          g_ptr_array_add (changes, type);
          type_ids[t] = td_change_get_id (type);
        }
      for (guint r = 0; r < ROOMS_PER_HOTEL; r++)
        {
          TdChange *room = td_change_new_insert ("room", NULL);
          g_autofree char *number = g_strdup_printf ("%u%02u", 2 + r / 20, 1 + r % 20);
          guint t = r % 4 == 3;

          td_change_set_string (room, "property_id", td_change_get_id (property));
          td_change_set_string (room, "room_type_id", type_ids[t]);
          td_change_set_string (room, "number", number);
          g_ptr_array_add (changes, room);
          g_ptr_array_add (rooms, g_strdup_printf ("%s|%s|%s", td_change_get_id (property), type_ids[t],
                                                   td_change_get_id (room)));
        }
      if (changes->len >= 5000 || h + 1 == hotels)
        {
          td_database_commit (db, "bench", changes, &error);
          g_assert_no_error (error);
          g_ptr_array_set_size (changes, 0);
        }
    }
  return rooms;
}

static char *
utc_at (guint32 julian,
        int     hour)
{
  GDate date;
  g_autoptr(GDateTime) dt = NULL;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  /* Beijing time */
  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), hour, 0, 0);
  dt = g_date_time_add_hours (g_steal_pointer (&dt), -8);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000000Z");
}

static void
exec_or_die (sqlite3    *handle,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* the stays of every room of the chain, generated in SQL: a temporary
 * table of (room, arrival, nights, lead, fate), then its reservations and
 * stays by INSERT … SELECT, the triggers at work */
static guint64
add_stays (const char *path,
           const char *org_id,
           guint32     today,
           guint       days)
{
  sqlite3 *handle;
  g_autofree char *sql = NULL;
  g_autofree char *now = utc_at (today, 12);
  guint64 n;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  exec_or_die (handle, "PRAGMA foreign_keys = OFF; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                       " PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY");
  /* every room of the chain, night after night: 1 to 4 nights, now and
   * then an empty night or two; booked 0 to 60 days ahead (mostly close
   * in); 5 % cancelled, 3 % no-show */
  sql = g_strdup_printf ("CREATE TEMP TABLE gen AS WITH RECURSIVE s(room, arrival, nights, lead, fate) AS ("
                         " SELECT rowid, %u + abs(random()) %% 3, 1 + abs(random()) %% 4,"
                         "        (abs(random()) %% 61) * (abs(random()) %% 61) / 60, abs(random()) %% 100"
                         "   FROM rooms WHERE property_id IN (SELECT id FROM properties WHERE name GLOB '连锁酒店 *')"
                         " UNION ALL"
                         " SELECT room, arrival + nights + CASE WHEN abs(random()) %% 10 < 3 THEN 1 + abs(random()) %% 2 ELSE 0 END,"
                         "        1 + abs(random()) %% 4, (abs(random()) %% 61) * (abs(random()) %% 61) / 60, abs(random()) %% 100"
                         "   FROM s WHERE arrival + nights < %u)"
                         " SELECT s.room, s.arrival, s.nights, s.lead, s.fate, r.id AS room_id, r.property_id, r.room_type_id,"
                         "        30000 + (s.room %% 20) * 1000 AS price"
                         "   FROM s JOIN rooms AS r ON r.rowid = s.room"
                         "  WHERE s.arrival + s.nights <= %u AND s.arrival - s.lead <= %u",
                         today - days, today + 90, today + 90, today);
  exec_or_die (handle, sql);
  g_free (sql);
  {
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT count(*) FROM gen", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    n = (guint64) sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  exec_or_die (handle, "BEGIN");
#define DATE_OF(julian) "date(" julian " + 1721424.5)"
#define UTC_OF(julian, hour) "strftime('%%Y-%%m-%%dT%%H:%%M:%%S.000000Z', " julian " + 1721424.5 + (" hour " - 8) / 24.0)"
  sql = g_strdup_printf ("INSERT INTO reservations (id, org_id, created_at, updated_at, property_id, customer_id, source, booked_at)"
                         " SELECT printf('%%08x-%%04x-4000-8000-%%012x', room, arrival %% 65536, arrival), '%s', '%s', '%s',"
                         "        property_id, COALESCE((SELECT id FROM customers WHERE rowid = 1 + (room * 7919 + arrival) %% 20000),"
                         "                              (SELECT id FROM customers ORDER BY rowid LIMIT 1)),"
                         "        CASE (room + arrival) %% 6 WHEN 0 THEN 'walk-in' WHEN 1 THEN 'phone' WHEN 2 THEN 'agency'"
                         "             WHEN 5 THEN 'platform' ELSE 'ota' END,"
                         "        " UTC_OF ("(arrival - lead)", "10") " FROM gen",
                         org_id, now, now);
  exec_or_die (handle, sql);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO stays (id, org_id, created_at, updated_at, reservation_id, property_id, room_type_id,"
                         " room_id, arrival, departure, adults, state, nightly_prices, total_minor, total_currency,"
                         " cancelled_at, cancel_reason)"
                         " SELECT printf('%%08x-%%04x-4000-9000-%%012x', room, arrival %% 65536, arrival), '%s', '%s', '%s',"
                         "        printf('%%08x-%%04x-4000-8000-%%012x', room, arrival %% 65536, arrival),"
                         "        property_id, room_type_id, room_id, " DATE_OF ("arrival") ", " DATE_OF ("(arrival + nights)") ", 2,"
                         "        CASE WHEN fate < 5 THEN 'cancelled' WHEN fate < 8 AND arrival < %u THEN 'no_show'"
                         "             WHEN arrival + nights <= %u THEN 'checked_out' WHEN arrival <= %u THEN 'checked_in'"
                         "             ELSE 'confirmed' END,"
                         "        '[' || substr(replace(hex(zeroblob(nights)), '00', ',' || price), 2) || ']', price * nights, 'CNY',"
                         "        CASE WHEN fate < 5 THEN " UTC_OF ("min(arrival - lead / 2, %u)", "15")
                         "             WHEN fate < 8 AND arrival < %u THEN " UTC_OF ("(arrival + 1)", "1") " END,"
                         "        CASE WHEN fate < 5 THEN 'guest' WHEN fate < 8 AND arrival < %u THEN 'no-show' END"
                         "   FROM gen",
                         org_id, now, now, today, today, today, today, today, today);
  exec_or_die (handle, sql);
#undef DATE_OF
#undef UTC_OF
  exec_or_die (handle, "COMMIT; DROP TABLE gen");
  sqlite3_close (handle);
  return n;
}

static void
add_chain (TdDatabase **db,
           const char  *path)
{
  g_autoptr(GPtrArray) rooms = NULL;
  g_autofree char *org_id = td_database_dup_setting (*db, TD_SETTING_DEFAULT_ORG);
  g_autoptr(GError) error = NULL;
  guint hotels = env_uint ("TD_BENCH_HOTELS", 50);
  guint days = env_uint ("TD_BENCH_DAYS", 730);
  TdDeskTime now;
  gint64 start = g_get_monotonic_time ();
  guint64 n;

  td_desk_time_init_now (&now, *db);
  g_print ("Adding %u hotels of %u rooms, booked for %u days up to 90 days ahead…\n", hotels, ROOMS_PER_HOTEL, days);
  rooms = add_hotels (*db, hotels);
  g_print ("  %u rooms in %.1f s\n", rooms->len, td_test_ms_since (start) / 1000.0);
  g_clear_object (db);

  start = g_get_monotonic_time ();
  n = add_stays (path, org_id, now.today, days);
  g_print ("  %" G_GUINT64_FORMAT " stays and their reservations in %.1f s (%.0f stays/s, triggers included)\n",
           n, td_test_ms_since (start) / 1000.0, n / (td_test_ms_since (start) / 1000.0));
  *db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
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
      g_print ("Generating the demo with %u customers…\n", options.customers);
      start = g_get_monotonic_time ();
      db = td_demo_create (path, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_print ("  generated in %.1f s\n", td_test_ms_since (start) / 1000.0);
    }
  else
    {
      start = g_get_monotonic_time ();
      db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_print ("Opened %s (schema upgraded if older) in %.1f s\n", path, td_test_ms_since (start) / 1000.0);
    }
  if (td_database_count (db, "stay", NULL) < 1000000)
    add_chain (&db, path);

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
