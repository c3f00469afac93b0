/* bench-sync.c: the desk's sync engine (TdSyncEngine) over loopback
 *
 * Prints figures, never fails on them: `meson test -C build --benchmark
 * bench-sync`, or bench-sync [CUSTOMERS] (default 100000) with TD_CLOUD
 * naming the server binary.
 *
 * 1. desk A: the customers committed (one stream), then pushed by the
 *    engine from the outbox (batches of 500, one request at a time);
 * 2. desk B: the first full sync (an empty workspace pulls everything, in
 *    pages of 500 and of 2000), run in a child process of its own so that
 *    its peak memory (VmHWM) is the first sync's alone;
 * 3. the baseline, in the same run: json-glib alone parsing the same
 *    bytes (the push batches as the engine stores them, the pull pages).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-cloud-test-utils.h"
#include "td-sync-engine.h"
#include "td-sync-state.h"

static const char *family[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱" };
static const char *given[] = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰" };
static const char *cities[] = { "郑州", "洛阳", "开封", "安阳", "南阳", "新乡", "许昌", "信阳" };

typedef struct {
  GRand *rand;
  guint  n, done;
} Source;

static TdChange *
next_customer (gpointer  user_data,
               GError  **error)
{
  Source *source = user_data;
  TdChange *change;
  g_autofree char *name = NULL, *phone = NULL, *email = NULL;

  if (source->done == source->n)
    return NULL;
  source->done++;
  name = g_strconcat (family[g_rand_int_range (source->rand, 0, G_N_ELEMENTS (family))],
                      given[g_rand_int_range (source->rand, 0, G_N_ELEMENTS (given))], NULL);
  phone = g_strdup_printf ("13%09u", source->done);
  email = g_strdup_printf ("guest%u@example.cn", source->done);
  change = td_change_new_insert ("customer", NULL);
  td_change_set_string (change, "party", "person");
  td_change_set_string (change, "name", name);
  td_change_set_string (change, "phone", phone);
  td_change_set_string (change, "email", email);
  td_change_set_string (change, "province", "河南省");
  td_change_set_string (change, "city", cities[g_rand_int_range (source->rand, 0, G_N_ELEMENTS (cities))]);
  td_change_set_string (change, "source", "walk-in");
  td_change_set_int (change, "loyalty_points", g_rand_int_range (source->rand, 0, 5000));
  td_change_set_string (change, "notes", "老客户，喜欢安静的房间。");
  return change;
}

static gint64
self_figure (const char *name)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL) || (line = strstr (text, name)) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (name), NULL, 10);
}

typedef struct {
  GMainLoop    *loop;
  TdSyncReport *report;
  GError       *error;
} Wait;

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->report = td_sync_engine_run_finish (TD_SYNC_ENGINE (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static TdSyncReport *
run_sync (TdDatabase *db,
          const char *url,
          const char *token,
          guint       page)
{
  g_autoptr(TdSyncEngine) engine = td_sync_engine_new (db, url, token);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, NULL };

  td_sync_engine_set_deadline (engine, 600);
  td_sync_engine_set_batch_size (engine, 500);
  td_sync_engine_set_page_size (engine, page);
  td_sync_engine_run_async (engine, NULL, sync_done, &wait);
  g_main_loop_run (loop);
  if (wait.error)
    g_error ("sync: %s", wait.error->message);
  return wait.report;
}

/* the child: the first full sync of an empty workspace; prints
 * "records seconds vmhwm_kB" */
static int
first_sync (const char *path,
            const char *url,
            const char *token,
            guint       page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdSyncReport) report = NULL;
  gint64 start;

  db = td_database_open (path, TD_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  if (!td_database_is_initialized (db))
    td_database_init_workspace (db, TD_PROFILE_HOTEL, "B", &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  report = run_sync (db, url, token, page);
  g_print ("%u %.3f %" G_GINT64_FORMAT "\n", report->stored,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, self_figure ("VmHWM:"));
  return 0;
}

/* json-glib alone over buffers: the best of three rounds, seconds */
static double
parse_all (GPtrArray *buffers)
{
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < 3; r++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < buffers->len; i++)
        {
          GBytes *bytes = g_ptr_array_index (buffers, i);
          g_autoptr(JsonParser) parser = json_parser_new ();
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);

          g_assert_true (json_parser_load_from_data (parser, data, (gssize) size, NULL));
        }
      best = MIN (best, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
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
  guint n = 100000;
  g_autofree char *cloud_db = NULL, *path_a = NULL;
  g_auto(TdCloudDeskInfo) desk_a = { 0 };
  g_auto(TdCloudDeskInfo) desk_b = { 0 };
  g_autoptr(TdCloudProc) proc = NULL;
  g_autoptr(TdDatabase) a = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSyncReport) pushed = NULL;
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  Source source = { g_rand_new_with_seed (42), 0, 0 };
  double commit_s, push_s, parse_push_s, parse_pull_s;
  gint64 start;

  if (argc == 6 && g_str_equal (argv[1], "--first-sync"))
    return first_sync (argv[2], argv[3], argv[4], (guint) g_ascii_strtoull (argv[5], NULL, 10));
  if (argc > 1)
    n = (guint) g_ascii_strtoull (argv[1], NULL, 10);

  cloud_db = td_test_path ("bench.cloud");
  td_cloud_add_desk (cloud_db, "Benchmark hotel", "Front", &desk_a);
  td_cloud_add_desk (cloud_db, "Benchmark hotel", "Back", &desk_b);
  proc = td_cloud_proc_start (cloud_db, NULL);

  /* desk A: the customers, then their push */
  a = td_test_workspace ("bench-a.tourdesk", TD_PROFILE_HOTEL);
  path_a = g_strdup (td_database_get_path (a));
  source.n = n;
  start = g_get_monotonic_time ();
  g_assert_true (td_database_commit_stream (a, "bench", next_customer, &source, NULL, &error));
  g_assert_no_error (error);
  commit_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  /* the baseline's bytes: the batches as the engine builds and stores
   * them, each then finished as if answered "duplicate" (marked sent);
   * the outbox is made unsent again before the real push */
  for (;;)
    {
      g_autoptr(TdSyncBatch) batch = td_sync_next_batch (a, 500, &error);
      g_autoptr(JsonArray) results = json_array_new ();
      TdSyncPushCounts counts = { 0, 0, 0, 0, NULL };

      g_assert_no_error (error);
      if (batch == NULL)
        break;
      g_ptr_array_add (batches, g_bytes_new (batch->body, strlen (batch->body)));
      for (guint i = 0; i < batch->n_ops; i++)
        {
          JsonObject *result = json_object_new ();

          json_object_set_string_member (result, "status", "duplicate");
          json_array_add_object_element (results, result);
        }
      g_assert_true (td_sync_finish_batch (a, batch, results, &counts, &error));
      g_assert_no_error (error);
    }
  {
    sqlite3 *handle = NULL;

    g_assert_cmpint (sqlite3_open (path_a, &handle), ==, SQLITE_OK);
    sqlite3_busy_timeout (handle, 10000);
    g_assert_cmpint (sqlite3_exec (handle, "UPDATE outbox SET sent_at = NULL", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (handle);
  }

  start = g_get_monotonic_time ();
  pushed = run_sync (a, proc->url, desk_a.refresh_token, 2000);
  push_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  parse_push_s = parse_all (batches);

  /* the pull pages as the platform sends them, for the baseline */
  {
    g_autoptr(TdCloudClient) client = td_cloud_client_new (proc->url, NULL);
    g_autofree char *cursor = NULL;
    gboolean more = TRUE;

    td_cloud_client_sign_in (client, desk_b.refresh_token);
    while (more)
      {
        g_autofree char *escaped = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
        g_autofree char *query = escaped ? g_strdup_printf ("/v1/sync/pull?limit=500&cursor=%s", escaped)
                                         : g_strdup ("/v1/sync/pull?limit=500");
        g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "GET", query, NULL, NULL);
        JsonObject *page = td_cloud_reply_object (reply);

        g_assert_cmpuint (reply->status, ==, 200);
        g_ptr_array_add (pages, g_bytes_ref (reply->body));
        more = json_object_get_boolean_member (page, "has_more");
        g_free (cursor);
        cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
      }
  }
  parse_pull_s = parse_all (pages);

  g_print ("# %u customers; desk A committed them in %.1f s\n", n, commit_s);
  g_print ("# push (engine, batches of 500): %u operations in %.1f s: %.0f records/s\n",
           pushed->pushed, push_s, pushed->pushed / push_s);
  g_print ("#   json-glib alone on the same %u batches (%.1f MB): %.2f s: %.0f records/s\n",
           batches->len, total_size (batches) / 1e6, parse_push_s, pushed->pushed / parse_push_s);

  /* desk B: the first full sync, each page size in a process of its own */
  for (guint page = 500; page <= 2000; page *= 4)
    {
      g_autofree char *name = g_strdup_printf ("bench-b-%u.tourdesk", page);
      g_autofree char *path_b = td_test_path (name);
      g_autofree char *page_text = g_strdup_printf ("%u", page);
      g_autofree char *out = NULL;
      g_auto(GStrv) figures = NULL;
      const char *child[] = { argv[0], "--first-sync", path_b, proc->url, desk_b.refresh_token, page_text, NULL };
      int status = 0;
      double seconds;

      g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      figures = g_strsplit (g_strstrip (out), " ", 3);
      seconds = g_ascii_strtod (figures[1], NULL);
      g_print ("# first full sync (engine, pages of %u): %s records stored in %.1f s: %.0f records/s; "
               "peak memory of the desk process %.0f MB\n",
               page, figures[0], seconds, g_ascii_strtod (figures[0], NULL) / seconds,
               g_ascii_strtod (figures[2], NULL) / 1024.0);
    }
  g_print ("#   json-glib alone on the same changes, %u pages of 500 (%.1f MB): %.2f s: %.0f records/s\n",
           pages->len, total_size (pages) / 1e6, parse_pull_s, n / parse_pull_s);

  g_clear_object (&a);
  g_rand_free (source.rand);
  g_assert_cmpint (td_cloud_proc_stop (proc, SIGTERM), ==, 0);
  return 0;
}
