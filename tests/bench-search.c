/* bench-search.c: customer search at scale, against a plain LIKE scan
 *
 * Prints figures, never fails on them. Run with `meson test -C build
 * --benchmark` or directly: bench-search [CUSTOMERS] [PATH]
 * (default 1000000 customers in a temporary workspace; with PATH, a
 * workspace there is reused if it exists, else created and kept).
 *
 * 1. the demo workspace, through the mutation API (the search triggers run
 *    in every commit);
 * 2. 200 queries of each kind, drawn from random real rows, through
 *    td_customer_search() (what the GUI runs, limit 50): p50, p95 and max;
 * 3. baseline in the same run: the same queries (the first 20 of each kind)
 *    as a plain scan, name/phone/email/id_number LIKE '%q%' LIMIT 50;
 * 4. the size of the index on disk, and the time to build it from scratch
 *    for every customer (what migration 5 does to an existing workspace).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "td-customer-search-private.h"
#include "td-test-utils.h"

#define N_QUERIES 200
#define N_BASELINE 20
#define LIMIT 50

typedef enum {
  KIND_NAME_PREFIX,
  KIND_CJK_1,
  KIND_CJK_2,
  KIND_INITIALS,
  KIND_PINYIN,
  KIND_PHONE_FRAGMENT,
  KIND_PHONE_LAST4,
  KIND_ID_FULL,
  KIND_ID_LAST6,
  KIND_EMAIL_PREFIX,
  N_KINDS
} Kind;

static const char *kind_titles[N_KINDS] = {
  "name prefix (first 2 characters)",
  "Chinese substring, 1 character (given name)",
  "Chinese substring, 2 characters (given name)",
  "pinyin initials (张伟明 → zwm)",
  "full pinyin (zhangweiming)",
  "phone fragment (4-7 digits inside)",
  "phone, last 4 digits",
  "identity number, all 18",
  "identity number, last 6",
  "e-mail prefix (5 characters)",
};

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

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

/* a substring of n characters from character `from` */
static char *
utf8_sub (const char *text,
          glong       from,
          glong       n)
{
  return g_utf8_substring (text, from, from + n);
}

static char *
make_query (Kind        kind,
            GRand      *rand,
            const char *name,
            const char *phone,
            const char *email,
            const char *id_number)
{
  glong len = g_utf8_strlen (name, -1);

  switch (kind)
    {
    case KIND_NAME_PREFIX:
      return utf8_sub (name, 0, MIN (len, 2));
    case KIND_CJK_1:
      return len >= 2 ? utf8_sub (name, g_rand_int_range (rand, 1, (gint32) len), 1) : NULL;
    case KIND_CJK_2:
      return len >= 3 ? utf8_sub (name, len - 2, 2) : NULL;
    case KIND_INITIALS:
      return td_pinyin_initials (name);
    case KIND_PINYIN:
      {
        g_auto(GStrv) full = td_pinyin_full_variants (name, 1);

        return full[0] ? g_strdup (full[0]) : NULL;
      }
    case KIND_PHONE_FRAGMENT:
      {
        int plen = phone ? (int) strlen (phone) : 0;
        int n, start;

        if (plen < 8)
          return NULL;
        n = g_rand_int_range (rand, 4, 8);
        start = g_rand_int_range (rand, 1, plen - n + 1);
        return g_strndup (phone + start, (gsize) n);
      }
    case KIND_PHONE_LAST4:
      return phone && strlen (phone) >= 4 ? g_strdup (phone + strlen (phone) - 4) : NULL;
    case KIND_ID_FULL:
      return g_strdup (id_number);
    case KIND_ID_LAST6:
      return id_number && strlen (id_number) >= 6 ? g_strdup (id_number + strlen (id_number) - 6) : NULL;
    case KIND_EMAIL_PREFIX:
      return email ? g_strndup (email, 5) : NULL;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* N_QUERIES queries of each kind, from random live people */
static GPtrArray **
draw_queries (sqlite3 *db,
              GRand   *rand)
{
  GPtrArray **queries = g_new0 (GPtrArray *, N_KINDS);
  sqlite3_stmt *stmt;
  gint64 max_rowid = 0;
  guint full = 0;

  for (int k = 0; k < N_KINDS; k++)
    queries[k] = g_ptr_array_new_with_free_func (g_free);

  sqlite3_prepare_v2 (db, "SELECT max(rowid) FROM customers", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    max_rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (max_rowid, >, 0);

  sqlite3_prepare_v2 (db, "SELECT name, phone, email, id_number FROM customers "
                          "WHERE rowid = ? AND deleted = 0 AND party = 'person'", -1, &stmt, NULL);
  for (guint tries = 0; full < N_KINDS && tries < 1000000; tries++)
    {
      sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 1, (gint32) MIN (max_rowid + 1, G_MAXINT32)));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        for (int k = 0; k < N_KINDS; k++)
          {
            char *q;

            if (queries[k]->len >= N_QUERIES)
              continue;
            q = make_query (k, rand,
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3));
            if (q && *q)
              {
                g_ptr_array_add (queries[k], q);
                full += queries[k]->len == N_QUERIES;
              }
            else
              g_free (q);
          }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return queries;
}

static double
baseline_query (sqlite3    *db,
                const char *q,
                guint      *n_hits)
{
  static sqlite3_stmt *stmt;
  g_autofree char *pattern = g_strdup_printf ("%%%s%%", q);
  gint64 start;

  if (stmt == NULL)
    g_assert_cmpint (sqlite3_prepare_v2 (db,
                                         "SELECT rowid FROM customers WHERE deleted = 0 AND "
                                         "(name LIKE ?1 OR phone LIKE ?1 OR email LIKE ?1 OR id_number LIKE ?1) "
                                         "LIMIT ?2", -1, &stmt, NULL), ==, SQLITE_OK);
  start = g_get_monotonic_time ();
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, LIMIT);
  *n_hits = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    (*n_hits)++;
  sqlite3_reset (stmt);
  return ms_since (start);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 1000000;
  g_autofree char *path = argc > 2 ? g_strdup (argv[2]) : td_test_path ("bench-search.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  TdDemoOptions options = { 7, n };
  TdDatabase *db;
  sqlite3 *raw;
  GPtrArray **queries;
  gint64 start;
  gint64 n_customers, index_bytes, table_bytes, file_pages, page_size, n_keys;
  double rebuild_ms;

  setlocale (LC_ALL, "");

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_print ("workspace: %s (reused)\n", path);
      db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
      g_assert_no_error (error);
    }
  else
    {
      start = g_get_monotonic_time ();
      db = td_demo_create (path, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_print ("demo of %u customers through the mutation API (search triggers included): %.1f s (%.0f records/s)\n",
               n, ms_since (start) / 1000.0, n / (ms_since (start) / 1000.0));
    }

  /* a reader of our own, for the sample and the baseline: same cache size */
  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_exec (raw, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
  n_customers = query_int (raw, "SELECT count(*) FROM customers WHERE deleted = 0");
  g_print ("live customers: %" G_GINT64_FORMAT "\n", n_customers);

  queries = draw_queries (raw, rand);

  g_print ("\n%-46s %8s %8s %8s %6s | %10s %10s %6s\n", "search kind (limit 50)",
           "p50 ms", "p95 ms", "max ms", "hits", "LIKE p50", "LIKE p95", "hits");
  for (int k = 0; k < N_KINDS; k++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) base_times = g_array_new (FALSE, FALSE, sizeof (double));
      guint64 hits = 0, base_hits = 0;

      for (guint i = 0; i < queries[k]->len; i++)
        {
          const char *q = g_ptr_array_index (queries[k], i);
          g_autoptr(GPtrArray) results = NULL;
          double ms;

          start = g_get_monotonic_time ();
          results = td_customer_search (db, q, LIMIT, &error);
          ms = ms_since (start);
          g_assert_no_error (error);
          g_array_append_val (times, ms);
          hits += results->len;
        }
      for (guint i = 0; i < queries[k]->len && i < N_BASELINE; i++)
        {
          guint found;
          double ms = baseline_query (raw, g_ptr_array_index (queries[k], i), &found);

          g_array_append_val (base_times, ms);
          base_hits += found;
        }
      g_array_sort (times, compare_double);
      g_array_sort (base_times, compare_double);
      g_print ("%-46s %8.2f %8.2f %8.2f %6.1f | %10.1f %10.1f %6.1f\n", kind_titles[k],
               percentile (times, 0.5), percentile (times, 0.95), percentile (times, 1.0),
               (double) hits / MAX (times->len, 1),
               percentile (base_times, 0.5), percentile (base_times, 0.95),
               (double) base_hits / MAX (base_times->len, 1));
    }
  g_print ("(search: %d queries per kind from random rows; LIKE baseline: the first %d of them, "
           "name/phone/email/id_number LIKE '%%q%%' LIMIT %d over the same table)\n",
           N_QUERIES, N_BASELINE, LIMIT);

  page_size = query_int (raw, "PRAGMA page_size");
  file_pages = query_int (raw, "PRAGMA page_count");
  index_bytes = query_int (raw, "SELECT sum(pgsize) FROM dbstat WHERE name = 'customer_search'");
  table_bytes = query_int (raw, "SELECT sum(pgsize) FROM dbstat WHERE name = 'customers'");
  n_keys = query_int (raw, "SELECT count(*) FROM customer_search");
  g_print ("\nindex customer_search: %.1f MiB on disk, %" G_GINT64_FORMAT " keys (%.1f per customer, %.0f bytes per customer)\n",
           index_bytes / 1048576.0, n_keys, (double) n_keys / MAX (n_customers, 1),
           (double) index_bytes / MAX (n_customers, 1));
  g_print ("for comparison: table customers %.1f MiB, the whole workspace %.1f MiB\n",
           table_bytes / 1048576.0, file_pages * page_size / 1048576.0);
  sqlite3_close (raw);

  /* what migration 5 does to a workspace that has these customers */
  g_object_unref (db);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  _td_customer_search_register (raw, &error);
  g_assert_no_error (error);
  sqlite3_exec (raw, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
  start = g_get_monotonic_time ();
  g_assert_cmpint (sqlite3_exec (raw,
                                 "BEGIN IMMEDIATE;"
                                 "DELETE FROM customer_search;"
                                 "INSERT INTO customer_search (key, customer)"
                                 "  SELECT DISTINCT k.value, c.rowid"
                                 "  FROM customers c, json_each(td_customer_search_keys(c.name, c.phone, c.email, c.id_number)) k"
                                 "  WHERE c.deleted = 0 ORDER BY 1, 2;"
                                 "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  rebuild_ms = ms_since (start);
  g_print ("building the index for every customer (migration 5 on this workspace): %.1f s\n",
           rebuild_ms / 1000.0);
  sqlite3_close (raw);

  for (int k = 0; k < N_KINDS; k++)
    g_ptr_array_unref (queries[k]);
  g_free (queries);
  return 0;
}
