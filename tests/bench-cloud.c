/* bench-cloud.c: push and pull throughput of tourdesk-cloud over loopback
 *
 * Prints figures, never fails on them. Run with `meson test -C build
 * --benchmark bench-cloud` or directly: bench-cloud [CUSTOMERS] (default
 * 100000), with TD_CLOUD naming the server binary.
 *
 * 1. push: the customers in batches of 500 operations (one desk, one
 *    request at a time, as the sync engine sends them), each answer
 *    parsed strictly (td_json_parse_strict());
 * 2. pull: every change back in pages of 2000, each parsed strictly;
 * 3. the baseline, in the same run: json-glib alone parsing the same
 *    bytes (the push batches, the pull pages), and the strict parse too;
 * 4. the server's peak memory (VmHWM) and the database's size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "td-cloud-test-utils.h"

#define BATCH 500
#define PAGE  2000

static const char *family[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱" };
static const char *given[] = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰" };
static const char *cities[] = { "郑州", "洛阳", "开封", "安阳", "南阳", "新乡", "许昌", "信阳" };

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static JsonObject *
customer (GRand *rand,
          guint  i)
{
  JsonObject *values = json_object_new ();
  g_autofree char *name = g_strconcat (family[g_rand_int_range (rand, 0, G_N_ELEMENTS (family))],
                                       given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))], NULL);
  g_autofree char *phone = g_strdup_printf ("13%09u", i);
  g_autofree char *email = g_strdup_printf ("guest%u@example.cn", i);
  g_autofree char *birth = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1940, 2008),
                                            g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));

  json_object_set_string_member (values, "party", "person");
  json_object_set_string_member (values, "name", name);
  json_object_set_string_member (values, "phone", phone);
  json_object_set_string_member (values, "email", email);
  json_object_set_string_member (values, "birth_date", birth);
  json_object_set_string_member (values, "province", "河南省");
  json_object_set_string_member (values, "city", cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))]);
  json_object_set_string_member (values, "source", "walk-in");
  json_object_set_int_member (values, "loyalty_points", g_rand_int_range (rand, 0, 5000));
  json_object_set_string_member (values, "notes", "老客户，喜欢安静的房间。");
  return values;
}

/* A figure of the server process from /proc/PID/FILE ("VmHWM:" of
 * status, in kB; "write_bytes:" of io), or -1. */
static gint64
proc_figure (TdCloudProc *proc,
             const char  *file,
             const char  *name)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/%s", g_subprocess_get_identifier (proc->process), file);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, name)) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (name), NULL, 10);
}

/* Parses every buffer count times with json-glib alone (or strictly):
 * the best time of the rounds, in seconds. */
static double
parse_all (GPtrArray *buffers,
           gboolean   strict,
           guint      rounds)
{
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < buffers->len; i++)
        {
          GBytes *bytes = g_ptr_array_index (buffers, i);
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);

          if (strict)
            {
              g_autoptr(JsonNode) node = td_json_parse_strict (data, size, NULL);

              g_assert_nonnull (node);
            }
          else
            {
              g_autoptr(JsonParser) parser = json_parser_new ();

              g_assert_true (json_parser_load_from_data (parser, data, (gssize) size, NULL));
            }
        }
      best = MIN (best, seconds_since (start));
    }
  return best;
}

static gsize
total_size (GPtrArray *buffers)
{
  gsize total = 0;

  for (guint i = 0; i < buffers->len; i++)
    total += g_bytes_get_size (g_ptr_array_index (buffers, i));
  return total;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *db = td_test_path ("bench-cloud.db");
  g_auto(TdCloudDeskInfo) desk = { 0 };
  g_autoptr(TdCloudProc) proc = NULL;
  g_autoptr(TdCloudClient) client = NULL;
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autofree char *org = NULL;
  g_autofree char *cursor = NULL;
  double build_s, push_s, pull_s, glib_push_s, glib_pull_s, strict_pull_s;
  gint64 start, peak, written_before, written_push;
  guint pulled = 0, applied = 0;
  GStatBuf st;

  if (n == 0)
    n = 100000;
  td_cloud_add_desk (db, "Benchmark hotel", "Front", &desk);
  proc = td_cloud_proc_start (db, NULL);
  client = td_cloud_signed_in (proc, &desk);
  /* the answers are parsed strictly, as a desk must, but not checked
   * against the OpenAPI document: that is the tests' work, not a desk's */
  client->check_openapi = FALSE;
  org = td_cloud_push_organisation (client);

  /* the outbox as the desk would send it */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i += BATCH)
    {
      g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      char *text;

      for (guint j = i; j < MIN (n, i + BATCH); j++)
        {
          g_autofree char *id = td_cloud_uuid ();

          g_ptr_array_add (ops, td_cloud_op ("customer", id, "insert", 0, org, customer (rand, j)));
        }
      text = td_cloud_batch_array (ops);
      g_ptr_array_add (batches, g_bytes_new_take (text, strlen (text)));
    }
  build_s = seconds_since (start);

  /* 1. push */
  written_before = proc_figure (proc, "io", "write_bytes:");
  start = g_get_monotonic_time ();
  for (guint i = 0; i < batches->len; i++)
    {
      g_autofree char *key = td_cloud_uuid ();
      g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "POST", "/v1/sync/push", key,
                                                            g_bytes_get_data (g_ptr_array_index (batches, i), NULL));
      JsonArray *results;

      g_assert_no_error (reply->error);
      g_assert_cmpuint (reply->status, ==, 200);
      results = td_json_get_array (td_cloud_reply_object (reply), "results");
      for (guint j = 0; j < json_array_get_length (results); j++)
        applied += g_str_equal (td_cloud_status (json_array_get_object_element (results, j)), "applied");
    }
  push_s = seconds_since (start);
  g_assert_cmpuint (applied, ==, n);
  written_push = proc_figure (proc, "io", "write_bytes:") - written_before;

  /* 2. pull */
  start = g_get_monotonic_time ();
  for (gboolean more = TRUE; more;)
    {
      g_autofree char *path = cursor ? g_strdup_printf ("/v1/sync/pull?limit=%d&cursor=%s", PAGE, cursor)
                                     : g_strdup_printf ("/v1/sync/pull?limit=%d", PAGE);
      g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "GET", path, NULL, NULL);
      JsonObject *page;

      g_assert_no_error (reply->error);
      g_assert_cmpuint (reply->status, ==, 200);
      page = td_cloud_reply_object (reply);
      pulled += json_array_get_length (td_json_get_array (page, "changes"));
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
      more = json_object_get_boolean_member (page, "has_more");
      g_ptr_array_add (pages, g_bytes_ref (reply->body));
    }
  pull_s = seconds_since (start);
  g_assert_cmpuint (pulled, ==, n + 1);

  peak = proc_figure (proc, "status", "VmHWM:");
  g_assert_cmpint (td_cloud_proc_stop (proc, SIGTERM), ==, 0);

  /* 3. the same bytes parsed with json-glib alone, in this run */
  glib_push_s = parse_all (batches, FALSE, 3);
  glib_pull_s = parse_all (pages, FALSE, 3);
  strict_pull_s = parse_all (pages, TRUE, 3);

  g_print ("customers: %u; push batches of %d operations, pull pages of %d records, one client, loopback\n",
           n, BATCH, PAGE);
  g_print ("building the batches (JSON text): %.2f s\n", build_s);
  g_print ("push: %.2f s, %.0f records/s, %.1f MB sent (%.1f MB/s)\n", push_s, n / push_s,
           total_size (batches) / 1e6, total_size (batches) / 1e6 / push_s);
  g_print ("pull: %.2f s, %.0f records/s, %.1f MB received (%.1f MB/s), %u pages\n", pull_s, pulled / pull_s,
           total_size (pages) / 1e6, total_size (pages) / 1e6 / pull_s, pages->len);
  g_print ("json-glib alone, the push batches: %.2f s, %.0f records/s, %.1f MB/s\n", glib_push_s, n / glib_push_s,
           total_size (batches) / 1e6 / glib_push_s);
  g_print ("json-glib alone, the pull pages: %.2f s, %.0f records/s, %.1f MB/s\n", glib_pull_s, pulled / glib_pull_s,
           total_size (pages) / 1e6 / glib_pull_s);
  g_print ("td_json_parse_strict(), the pull pages: %.2f s, %.0f records/s (%.0f%% of json-glib alone)\n",
           strict_pull_s, pulled / strict_pull_s, 100.0 * glib_pull_s / strict_pull_s);
  g_print ("push / json-glib parse of the same bytes: %.1fx; pull: %.1fx\n", push_s / glib_push_s,
           pull_s / glib_pull_s);
  if (peak > 0)
    g_print ("server peak memory (VmHWM): %.1f MB\n", peak / 1024.0);
  if (written_before >= 0)
    g_print ("written to disk by the server during the push: %.1f MB (%.0f bytes a customer)\n",
             written_push / 1e6, (double) written_push / n);
  if (g_stat (db, &st) == 0)
    g_print ("platform database: %.1f MB (%.0f bytes a customer)\n", st.st_size / 1e6, (double) st.st_size / n);
  return 0;
}
