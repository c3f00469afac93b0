/* bench-duplicates.c: duplicate detection and merging at scale
 *
 * Prints figures, never fails on them. Run with `meson test -C build
 * --benchmark` or directly: bench-duplicates [CUSTOMERS] [PATH] (default
 * 200000 customers in a temporary workspace; with PATH, a workspace there
 * is reused if it exists, else created and kept; `tourdesk-cli demo
 * --customers 1000000` makes one of a million). A reused workspace is
 * changed by the merges of step 4.
 *
 * 1. td_customer_find_duplicates() for 200 customers drawn at random, with
 *    their own phone, e-mail, identity number, name and birth date, as
 *    when they are edited (themselves left out) and as when entered again
 *    (found); and for 200 new customers that match nobody;
 * 2. baseline in the same run: what the e-mail lookup would cost without
 *    the search index (email = ? COLLATE NOCASE, a scan), and a scan of
 *    other_phones (what matching others' other phones would cost);
 * 3. td_customer_list_duplicate_pairs(): the first 100 pairs, and all;
 * 4. td_customer_merge() of 20 random pairs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "td-test-utils.h"

#define N_LOOKUPS  200
#define N_BASELINE 5
#define N_MERGES   20

typedef struct {
  char *id, *name, *phone, *email, *id_number, *birth_date;
} Row;

static void
row_free (Row *row)
{
  g_free (row->id);
  g_free (row->name);
  g_free (row->phone);
  g_free (row->email);
  g_free (row->id_number);
  g_free (row->birth_date);
  g_free (row);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_times (const char *title,
             GArray     *times,
             guint       count,
             const char *what)
{
  g_array_sort (times, compare_double);
  g_print ("  %-44s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  (%u of %u %s)\n", title,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, (guint) (times->len * 0.95)),
           g_array_index (times, double, times->len - 1), count, times->len, what);
}

static char *
column (sqlite3_stmt *stmt,
        int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

/* n live customers at random rowids */
static GPtrArray *
random_rows (sqlite3 *raw,
             GRand   *rand,
             guint    n)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  sqlite3_stmt *max_stmt, *stmt;
  gint64 max_rowid;

  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT max(rowid) FROM customers", -1, &max_stmt, NULL), ==, SQLITE_OK);
  sqlite3_step (max_stmt);
  max_rowid = sqlite3_column_int64 (max_stmt, 0);
  sqlite3_finalize (max_stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT id, name, phone, email, id_number, birth_date FROM customers "
                                            "WHERE rowid >= ? AND deleted = 0 AND party = 'person' LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (rows->len < n)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 1, (gint32) max_rowid));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          Row *row = g_new0 (Row, 1);

          row->id = column (stmt, 0);
          row->name = column (stmt, 1);
          row->phone = column (stmt, 2);
          row->email = column (stmt, 3);
          row->id_number = column (stmt, 4);
          row->birth_date = column (stmt, 5);
          g_ptr_array_add (rows, row);
        }
    }
  sqlite3_finalize (stmt);
  return rows;
}

static JsonObject *
values_of (Row *row)
{
  JsonObject *values = json_object_new ();
  const char *fields[] = { "name", "phone", "email", "id_number", "birth_date" };
  const char *texts[] = { row->name, row->phone, row->email, row->id_number, row->birth_date };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (texts[i])
      json_object_set_string_member (values, fields[i], texts[i]);
  return values;
}

static double
scan_ms (sqlite3    *raw,
         const char *sql,
         const char *value)
{
  sqlite3_stmt *stmt;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  return ms_since (start);
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 200000;
  g_autofree char *path = argc > 2 ? g_strdup (argv[2]) : td_test_path ("bench-duplicates.tourdesk");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  sqlite3 *raw = NULL;
  gint64 start;

  setlocale (LC_ALL, "");

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_print ("workspace: %s (reused)\n", path);
      db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
    }
  else
    {
      TdDemoOptions options;

      td_demo_options_init (&options);
      options.customers = n;
      g_print ("workspace: %s (%u demo customers)\n", path, n);
      start = g_get_monotonic_time ();
      db = td_demo_create (path, &options, NULL, NULL, NULL, &error);
      g_print ("  built in %.1f s\n", ms_since (start) / 1000);
    }
  g_assert_no_error (error);
  g_print ("  customers: %" G_GINT64_FORMAT "\n", td_database_count (db, "customer", NULL));
  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  /* 1. */
  rows = random_rows (raw, rand, N_LOOKUPS);
  g_print ("\n1. td_customer_find_duplicates (%u lookups each)\n", N_LOOKUPS);
  for (guint pass = 0; pass < 3; pass++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      guint found = 0;

      for (guint i = 0; i < rows->len; i++)
        {
          Row *row = g_ptr_array_index (rows, i);
          g_autoptr(JsonObject) values = values_of (row);
          g_autoptr(GPtrArray) duplicates = NULL;
          double ms;

          if (pass == 2)
            {
              /* a new customer nobody has: other digits, other address, other name */
              g_autofree char *phone = g_strdup_printf ("199%08d", g_rand_int_range (rand, 0, 99999999));
              g_autofree char *email = g_strdup_printf ("nobody%u@example.org", i);

              json_object_set_string_member (values, "phone", phone);
              json_object_set_string_member (values, "email", email);
              json_object_set_string_member (values, "name", "无此人");
              json_object_remove_member (values, "id_number");
            }
          start = g_get_monotonic_time ();
          duplicates = td_customer_find_duplicates (db, values, NULL, pass == 0 ? row->id : NULL, &error);
          ms = ms_since (start);
          g_assert_no_error (error);
          g_array_append_val (times, ms);
          found += duplicates->len > 0;
        }
      print_times (pass == 0 ? "editing (itself left out)" : pass == 1 ? "entered again (finds itself)" : "a new customer (no match)",
                   times, found, "found someone");
    }

  /* 2. */
  g_print ("\n2. baseline: scans the indexes avoid (%u runs each)\n", N_BASELINE);
  {
    double email_ms = 0, other_ms = 0;

    for (guint i = 0; i < N_BASELINE; i++)
      {
        Row *row = g_ptr_array_index (rows, i);

        email_ms += scan_ms (raw, "SELECT id FROM customers WHERE email = ? COLLATE NOCASE AND deleted = 0",
                             row->email ? row->email : "nobody@example.org");
        other_ms += scan_ms (raw, "SELECT id FROM customers WHERE other_phones LIKE '%' || ? || '%' AND deleted = 0",
                             row->phone);
      }
    g_print ("  %-44s %7.1f ms\n", "email = ? COLLATE NOCASE (a scan)", email_ms / N_BASELINE);
    g_print ("  %-44s %7.1f ms\n", "other_phones LIKE '%phone%' (a scan)", other_ms / N_BASELINE);
  }

  /* 3. */
  g_print ("\n3. td_customer_list_duplicate_pairs\n");
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(GPtrArray) pairs = NULL;
      guint by_reason[4] = { 0 };

      start = g_get_monotonic_time ();
      pairs = td_customer_list_duplicate_pairs (db, pass == 0 ? 100 : G_MAXUINT, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < pairs->len; i++)
        by_reason[((TdDuplicatePair *) g_ptr_array_index (pairs, i))->reason]++;
      g_print ("  %-44s %7.1f ms  %u pairs (identity %u, phone %u, e-mail %u, name+birth %u)\n",
               pass == 0 ? "the first 100" : "all", ms_since (start), pairs->len,
               by_reason[0], by_reason[1], by_reason[2], by_reason[3]);
    }

  /* 4. */
  g_print ("\n4. td_customer_merge (%u random pairs)\n", N_MERGES);
  {
    g_autoptr(GPtrArray) pairs = random_rows (raw, rand, N_MERGES * 2);
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
    guint merged = 0;

    for (guint i = 0; i + 1 < pairs->len; i += 2)
      {
        Row *keep = g_ptr_array_index (pairs, i);
        Row *other = g_ptr_array_index (pairs, i + 1);
        g_autoptr(GError) merge_error = NULL;
        double ms;

        start = g_get_monotonic_time ();
        merged += td_customer_merge (db, "bench", keep->id, 0, other->id, 0, NULL, &merge_error);
        ms = ms_since (start);
        /* two draws may have hit the same customer: then one is merged already */
        if (merge_error)
          g_print ("  (%s)\n", merge_error->message);
        g_array_append_val (times, ms);
      }
    print_times ("one merge, one commit", times, merged, "merged");
  }

  sqlite3_close (raw);
  return 0;
}
