/* bench-store.c: what the mutation API costs, against plain SQLite
 *
 * Prints figures, never fails on them. Run with `meson test -C build
 * --benchmark` or directly: bench-store [CUSTOMERS] (default 100000).
 *
 * 1. demo generation through td_database_commit() (record + outbox + audit,
 *    batches of 5000, synchronous=FULL per commit);
 * 2. baseline: the same number of customer rows inserted with one prepared
 *    INSERT in one transaction, nothing else: the floor SQLite sets;
 * 3. opening the workspace and loading the dashboard summary (counts of
 *    every kind) at that size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "td-test-utils.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
baseline_insert (const char *path,
                 guint       n)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 start;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    "CREATE TABLE c (id TEXT PRIMARY KEY, name TEXT, phone TEXT, id_number TEXT, birth_date TEXT);"
                    "CREATE INDEX c_name ON c (name); CREATE INDEX c_phone ON c (phone);"
                    "CREATE INDEX c_idn ON c (id_number);",
                NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO c VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL);

  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *name = g_strdup_printf ("客人%u", i);
      g_autofree char *phone = g_strdup_printf ("138%08u", i);
      g_autofree char *idn = g_strdup_printf ("41010219800101%04u", i % 10000);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, phone, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, idn, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, "1980-01-01", -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ms_since (start);
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *demo_path = td_test_path ("bench.tourdesk");
  g_autofree char *base_path = td_test_path ("baseline.sqlite");
  g_autoptr(GError) error = NULL;
  TdDemoOptions options = { 1, n };
  TdDatabase *db;
  TdSummary *summary;
  double demo_ms, base_ms, open_ms, summary_ms;
  gint64 start;

  start = g_get_monotonic_time ();
  db = td_demo_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  demo_ms = ms_since (start);
  g_object_unref (db);

  base_ms = baseline_insert (base_path, n);

  start = g_get_monotonic_time ();
  db = td_database_open (demo_path, TD_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  open_ms = ms_since (start);

  start = g_get_monotonic_time ();
  summary = td_database_load_summary (db, &error);
  g_assert_no_error (error);
  summary_ms = ms_since (start);

  g_print ("customers: %u\n", n);
  g_print ("demo through the mutation API: %.0f ms (%.0f records/s; record + outbox + audit each)\n",
           demo_ms, n / (demo_ms / 1000.0));
  g_print ("baseline, bare INSERT of the same rows: %.0f ms (%.0f rows/s)\n",
           base_ms, n / (base_ms / 1000.0));
  g_print ("ratio mutation API / baseline: %.1f\n", demo_ms / base_ms);
  g_print ("open an existing workspace: %.1f ms\n", open_ms);
  g_print ("dashboard summary (counts of every kind): %.1f ms\n", summary_ms);
  g_print ("outbox entries waiting: %" G_GINT64_FORMAT "\n", td_summary_get_outbox_pending (summary));

  td_summary_unref (summary);
  g_object_unref (db);
  return 0;
}
