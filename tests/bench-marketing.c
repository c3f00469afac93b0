/* bench-marketing.c: segment counts at a million customers, beside
 * baselines measured in the same run
 *
 *   bench-marketing [CUSTOMERS] [PATH]
 *
 * (default 1,000,000 customers of the demo generator in a temporary
 * workspace; with PATH, a workspace there is reused if it exists, else
 * created and kept: making a million takes a quarter of an hour). Prints
 * figures, never fails on them. Target: a segment count under 100 ms.
 *
 *  1. baselines on a connection of sqlite3's own: counting the live
 *     customers, and a hand-written count by city on the wide rows (no
 *     index: what a plain query would do);
 *  2. rebuilding the booking figures and RFM scores (after any booking
 *     changed; once, not per count);
 *  3. td_segment_count() of several rule sets, each run five times (the
 *     first run apart: cold), median and slowest of the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "td-core.h"
#include "td-test-utils.h"

#define RUNS 6

static const struct {
  const char *name;
  const char *json;
} rule_sets[] = {
  { "city = 郑州市",
    "{\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}" },
  { "city = 郑州市, age 30-39, e-mail consent",
    "{\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"},"
    "{\"field\":\"age\",\"op\":\"between\",\"value\":[30,39]},"
    "{\"field\":\"consent_email\",\"op\":\"is\",\"value\":\"granted\"}]}" },
  { "age 60+ and not from 河南省",
    "{\"rules\":[{\"field\":\"age\",\"op\":\">=\",\"value\":60},"
    "{\"field\":\"province\",\"op\":\"is-not\",\"value\":\"河南省\"}]}" },
  { "any: tag VIP, language en, source ota",
    "{\"match\":\"any\",\"rules\":[{\"field\":\"tag\",\"op\":\"has\",\"value\":\"VIP\"},"
    "{\"field\":\"language\",\"op\":\"is\",\"value\":\"en\"},"
    "{\"field\":\"source\",\"op\":\"is\",\"value\":\"ota\"}]}" },
  { "bookings >= 1, last stay within 30 days",
    "{\"rules\":[{\"field\":\"bookings\",\"op\":\">=\",\"value\":1},"
    "{\"field\":\"last_stay\",\"op\":\"within-days\",\"value\":30}]}" },
  { "RFM = champions",
    "{\"rules\":[{\"field\":\"rfm\",\"op\":\"is\",\"value\":\"champions\"}]}" },
  { "never stayed, from 郑州市",
    "{\"rules\":[{\"field\":\"last_stay\",\"op\":\"never\"},"
    "{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}" },
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* prints "name  count  cold  median  slowest" of RUNS timings */
static void
report (const char *name,
        gint64      count,
        GArray     *ms)
{
  double cold = g_array_index (ms, double, 0);
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 1; i < ms->len; i++)
    g_array_append_val (warm, g_array_index (ms, double, i));
  g_array_sort (warm, compare_doubles);
  g_print ("  %-44s %9" G_GINT64_FORMAT "  cold %7.1f ms  median %7.1f ms  slowest %7.1f ms\n",
           name, count, cold, g_array_index (warm, double, warm->len / 2),
           g_array_index (warm, double, warm->len - 1));
}

static gint64
sql_count (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
baseline (const char *path,
          const char *name,
          const char *sql)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db;
  gint64 n = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (int i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      n = sql_count (db, sql);
      elapsed = td_test_ms_since (start);
      g_array_append_val (ms, elapsed);
    }
  sqlite3_close (db);
  report (name, n, ms);
}

int
main (int    argc,
      char **argv)
{
  guint customers = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *path = argc > 2 ? g_strdup (argv[2]) : NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean temporary = path == NULL;
  gint64 start;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  if (temporary)
    path = td_test_path ("bench-marketing.tourdesk");
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_print ("Workspace %s (reused)\n", path);
    }
  else
    {
      TdDemoOptions options;

      td_demo_options_init (&options);
      options.customers = customers;
      g_print ("Making a demo workspace of %u customers at %s…\n", customers, path);
      start = g_get_monotonic_time ();
      db = td_demo_create (path, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_print ("  made in %.0f s\n", td_test_ms_since (start) / 1000);
    }
  g_print ("%" G_GINT64_FORMAT " customers, %" G_GINT64_FORMAT " stays\n\n",
           td_database_count (db, "customer", NULL), td_database_count (db, "stay", NULL));

  g_print ("Baselines (sqlite3, a connection of its own):\n");
  baseline (path, "count(*) of the live customers",
            "SELECT count(*) FROM customers WHERE deleted = 0");
  baseline (path, "by city on the wide rows (NOT INDEXED)",
            "SELECT count(*) FROM customers NOT INDEXED WHERE deleted = 0 AND city = '郑州市'");

  g_print ("\nBooking figures and RFM (rebuilt when bookings changed):\n");
  start = g_get_monotonic_time ();
  td_marketing_stats_refresh (db, TRUE, &error);
  g_assert_no_error (error);
  g_print ("  rebuilt in %.1f ms\n", td_test_ms_since (start));

  g_print ("\nSegment counts (td_segment_count):\n");
  for (guint r = 0; r < G_N_ELEMENTS (rule_sets); r++)
    {
      g_autoptr(JsonNode) node = json_from_string (rule_sets[r].json, NULL);
      g_autoptr(JsonObject) rules = json_node_dup_object (node);
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      gint64 count = 0;

      for (int i = 0; i < RUNS; i++)
        {
          double elapsed;

          start = g_get_monotonic_time ();
          count = td_segment_count (db, rules, 0, &error);
          elapsed = td_test_ms_since (start);
          g_assert_no_error (error);
          g_array_append_val (ms, elapsed);
        }
      report (rule_sets[r].name, count, ms);
    }
  g_print ("\nTarget: a segment count under 100 ms.\n");

  g_clear_object (&db);
  if (temporary)
    {
      g_unlink (path);
      for (const char *suffix = "-wal"; suffix; suffix = g_str_equal (suffix, "-wal") ? "-shm" : NULL)
        {
          g_autofree char *side = g_strconcat (path, suffix, NULL);

          g_unlink (side);
        }
    }
  return 0;
}
