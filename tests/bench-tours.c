/* bench-tours.c: seat sales under contention, against plain SQL
 *
 * Prints figures, never fails on them (but aborts if a departure is ever
 * sold beyond its seats). Run with `meson test -C build --benchmark
 * bench-tours` or directly: bench-tours [PROCESSES] [SEATS] (default 4
 * processes, 400 seats).
 *
 * 1. A departure of SEATS seats; PROCESSES processes (each its own
 *    connection, as desks are) sell one seat at a time through
 *    td_tour_book() (prices by age, the schedule, the seat numbered inside
 *    the transaction, the trigger's check) to their own customers, all at
 *    once, until each is told the departure is full. Then: sales per
 *    second, and the seats sold, counted and numbered, never above SEATS.
 * 2. The same with one process (no contention).
 * 3. Baseline in the same run: the same processes each doing "count the
 *    seats sold, insert one if any is left" inside BEGIN IMMEDIATE on a
 *    plain table in its own file (WAL, synchronous FULL, as the workspace).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "td-test-tours.h"
#include "td-test-utils.h"

/* In a child: waits for the go, sells seats to its customers until the
 * departure is full; exits with 0, or 2 on anything but "full". */
static void
sell_child (const char  *path,
            int          go,
            const char  *departure,
            GPtrArray   *customers,
            guint        first,
            guint        count)
{
  g_autoptr(GError) error = NULL;
  TdDatabase *db;
  TdDeskTime when;
  char byte;

  db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
  if (db == NULL || read (go, &byte, 1) != 1)
    _exit (2);
  td_desk_time_init_now (&when, db);
  for (guint i = first; i < first + count; i++)
    {
      TdTourBookingRequest request = { .departure_id = departure,
                                       .lead_customer_id = g_ptr_array_index (customers, i) };
      g_autofree char *id = td_tour_book (db, "bench", &request, &when, &error);

      if (id == NULL)
        {
          if (g_error_matches (error, TD_TOUR_ERROR, TD_TOUR_ERROR_FULL))
            _exit (0);
          g_printerr ("seller: %s\n", error->message);
          _exit (2);
        }
    }
  _exit (0);
}

static void
sql_child (const char *path,
           int         go,
           guint       seats)
{
  sqlite3 *db;
  char byte;

  if (sqlite3_open (path, &db) != SQLITE_OK || read (go, &byte, 1) != 1)
    _exit (2);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  for (;;)
    {
      sqlite3_stmt *count;
      gint64 sold;

      if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        _exit (2);
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM seats", -1, &count, NULL);
      sqlite3_step (count);
      sold = sqlite3_column_int64 (count, 0);
      sqlite3_finalize (count);
      if (sold >= seats)
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          _exit (0);
        }
      if (sqlite3_exec (db, "INSERT INTO seats (seat, buyer) VALUES ((SELECT count(*) + 1 FROM seats), lower(hex(randomblob(16))))",
                        NULL, NULL, NULL) != SQLITE_OK
          || sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        _exit (2);
    }
}

typedef struct {
  const char *path;
  const char *departure;
  GPtrArray  *customers;
  guint       per_child;
  guint       seats;
} Sale;

static void
sell (gpointer data,
      guint    index,
      int      go)
{
  Sale *s = data;

  sell_child (s->path, go, s->departure, s->customers, index * s->per_child, s->per_child);
}

static void
sell_sql (gpointer data,
          guint    index,
          int      go)
{
  Sale *s = data;

  sql_child (s->path, go, s->seats);
}

static GPtrArray *
make_customers (TdDatabase *db,
                guint       n)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      TdChange *change = td_change_new_insert ("customer", NULL);
      g_autofree char *name = g_strdup_printf ("游客%05u", i);

      td_change_set_string (change, "party", "person");
      td_change_set_string (change, "name", name);
      td_change_set_string (change, "birth_date", i % 7 == 0 ? "2018-06-01" : "1985-03-01");
      g_ptr_array_add (ids, g_strdup (td_change_get_id (change)));
      g_ptr_array_add (changes, change);
    }
  td_database_commit (db, "bench", changes, &error);
  g_assert_no_error (error);
  return ids;
}

/* sells seats with n processes; checks the departure; sales per second */
static double
run_tours (TdTestTours *t,
           GPtrArray   *customers,
           guint       *offset,
           guint        n,
           guint        seats)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDeparture) departure = NULL;
  g_autoptr(GPtrArray) slice = g_ptr_array_new ();
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  Sale sale;
  double seconds;
  guint per_child = seats / n + seats / 4 + 1;

  TdDeskTime when;

  /* two months away: the schedule has a deposit and a balance */
  td_desk_time_init_now (&when, t->db);
  id = td_departure_create (t->db, "bench", t->product, when.today + 60 + *offset % 7, seats, 0, NULL, NULL,
                            TD_DEPARTURE_OPEN, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < per_child * n; i++)
    g_ptr_array_add (slice, g_ptr_array_index (customers, (*offset + i) % customers->len));
  *offset += per_child * n;
  sale = (Sale) { td_database_get_path (t->db), id, slice, per_child, seats };
  seconds = td_test_tours_race (n, sell, &sale, NULL);

  departure = td_departure_get (t->db, id, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM tour_participants WHERE departure_id = '%s' AND active = 1", id);
  /* never above the seats, every seat sold once */
  g_assert_cmpuint (departure->sold, ==, seats);
  g_assert_cmpint (td_test_query_int (t->db, sql), ==, seats);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(DISTINCT seat) FROM tour_participants WHERE departure_id = '%s' AND active = 1"
                         " AND seat BETWEEN 1 AND %u", id, seats);
  g_assert_cmpint (td_test_query_int (t->db, sql), ==, seats);
  g_print ("%u process%s: %u seats sold in %.2f s, %.0f sales/s; sold %u of %u, seats 1-%u each once\n",
           n, n == 1 ? "" : "es", seats, seconds, seats / seconds, departure->sold, seats, seats);
  return seats / seconds;
}

static double
run_sql (guint n,
         guint seats)
{
  g_autofree char *path = td_test_path ("bench-seats.sqlite");
  sqlite3 *db;
  Sale sale = { path, NULL, NULL, 0, seats };
  double seconds;
  sqlite3_stmt *stmt;
  gint64 sold;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; DROP TABLE IF EXISTS seats;"
                                     "CREATE TABLE seats (seat INTEGER PRIMARY KEY, buyer TEXT NOT NULL)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  seconds = td_test_tours_race (n, sell_sql, &sale, NULL);
  sqlite3_prepare_v2 (db, "SELECT count(*) FROM seats", -1, &stmt, NULL);
  sqlite3_step (stmt);
  sold = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (sold, ==, seats);
  g_print ("baseline, %u process%s: %u seats in %.2f s, %.0f sales/s (plain count + insert)\n",
           n, n == 1 ? "" : "es", seats, seconds, seats / seconds);
  return seats / seconds;
}

int
main (int    argc,
      char **argv)
{
  guint processes = argc > 1 ? (guint) atoi (argv[1]) : 4;
  guint seats = argc > 2 ? (guint) atoi (argv[2]) : 400;
  g_autoptr(TdTestTours) t = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  guint offset = 0;
  double contended, alone, sql_contended, sql_alone;

  if (processes < 1 || seats < 1)
    {
      g_printerr ("usage: bench-tours [PROCESSES] [SEATS]\n");
      return 2;
    }
  t = td_test_tours_new ("bench-tours.tourdesk");
  customers = make_customers (t->db, (seats + seats / 4 + 1) * (processes + 1) * 2);

  g_print ("seat sales, departure of %u seats, one booking of one seat per commit\n", seats);
  contended = run_tours (t, customers, &offset, processes, seats);
  alone = run_tours (t, customers, &offset, 1, seats);
  sql_contended = run_sql (processes, seats);
  sql_alone = run_sql (1, seats);
  g_print ("\n%-34s %12s %12s\n", "(sales per second)", "td_tour_book", "plain SQL");
  g_print ("%-34s %12.0f %12.0f\n", "contended", contended, sql_contended);
  g_print ("%-34s %12.0f %12.0f\n", "one process", alone, sql_alone);
  return 0;
}
