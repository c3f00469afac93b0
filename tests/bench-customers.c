/* bench-customers.c: the customers area at a million customers, beside
 * baselines measured in the same run
 *
 * Run under a display: xvfb-run -a meson test -C build --benchmark
 * bench-customers, or directly: bench-customers [CUSTOMERS] [PATH]
 * (default 1,000,000 customers in a temporary workspace; with PATH, a
 * workspace there is reused if it exists, else created and kept: making a
 * million takes a quarter of an hour). Prints figures, never fails on them.
 *
 *  1. baselines, each in a process of its own: SQLite counting the live
 *     customers (what the list needs before its first frame), and the
 *     in-memory way: every name read into a GtkStringList shown in a
 *     GtkListView (time to its first frame, and its memory);
 *  2. the Tourdesk window: time from asking for the customers area to its
 *     first frame with rows, and until every page can be reached at once;
 *  3. a page read from anywhere (random jumps, straight on the model):
 *     p50, p95, max;
 *  4. scrolling: a random jump every frame for 200 frames: the work per
 *     frame (update to after-paint) and the time between frames;
 *  5. search as you type and a sort from the header, to their rows;
 *  6. resident memory along the way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "td-application.h"
#include "td-area.h"
#include "td-core.h"
#include "td-customers-page.h"
#include "td-window.h"

#define FRAMES 200
#define JUMPS  500

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* resident memory of this process, in MiB: its own (anonymous), and the
 * pages of files it maps (libraries, fonts) */
static void
memory (double *anon,
        double *file)
{
  g_autofree char *status = NULL;
  const char *p;

  *anon = *file = -1;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((p = strstr (status, "RssAnon:")))
    *anon = atol (p + 8) / 1024.0;
  if ((p = strstr (status, "RssFile:")))
    *file = atol (p + 8) / 1024.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_spread (const char *what,
              GArray     *values)
{
  double sum = 0;

  g_array_sort (values, compare_double);
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  g_print ("%s: mean %.2f ms, p50 %.2f, p95 %.2f, max %.2f (%u)\n", what,
           sum / MAX (values->len, 1),
           g_array_index (values, double, values->len / 2),
           g_array_index (values, double, (guint) (values->len * 0.95)),
           g_array_index (values, double, values->len - 1),
           values->len);
}

typedef struct {
  GtkWidget *widget;
  gboolean   drawn;
} Frame;

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  ((Frame *) data)->drawn = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_frame (GtkWidget *widget)
{
  Frame frame = { widget, FALSE };

  gtk_widget_add_tick_callback (widget, frame_cb, &frame, NULL);
  while (!frame.drawn)
    g_main_context_iteration (NULL, TRUE);
}

/* ------------------------------------------------------------------ */
/* baselines                                                          */

static void
baseline_count (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  for (int run = 0; run < 2; run++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 count = 0;

      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM customers WHERE deleted = 0", -1, &stmt, NULL);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_print ("baseline, SQLite: count(*) of the live customers (%" G_GINT64_FORMAT "), %s: %.1f ms\n",
               count, run == 0 ? "first" : "again", ms_since (start));
    }
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* In a process of its own: every name into a GtkStringList, shown. */
static void
baseline_string_list (const char *path,
                      gboolean    in_order)
{
  g_autoptr(GtkStringList) names = NULL;
  GtkListItemFactory *factory;
  GtkWidget *window, *scrolled, *view;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  double rss0, hwm0, rss1, hwm1;
  gint64 start;
  double load_ms;

  adw_init ();
  memory (&rss0, &hwm0);
  start = g_get_monotonic_time ();
  names = gtk_string_list_new (NULL);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* in the list's order (through its index), or as stored (the fastest
   * there is, for comparison) */
  sqlite3_prepare_v2 (db, in_order ? "SELECT name FROM customers WHERE deleted = 0 ORDER BY sort_name, rowid"
                                   : "SELECT name FROM customers WHERE deleted = 0",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    gtk_string_list_append (names, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  load_ms = ms_since (start);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (names)))),
                            factory);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_frame (window);
  memory (&rss1, &hwm1);
  g_print ("baseline, in memory: %u names read %s into a GtkStringList in %.1f ms, first frame of a GtkListView "
           "of them %.1f ms after the start; its own memory %.0f MiB more\n",
           g_list_model_get_n_items (G_LIST_MODEL (names)), in_order ? "in pinyin order" : "in table order",
           load_ms, ms_since (start), rss1 - rss0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------ */
/* Tourdesk                                                           */

static gboolean
window_ready (TdWindow *window)
{
  GtkWidget *area;

  if (td_window_get_busy (window) || td_window_get_database (window) == NULL)
    return FALSE;
  area = td_window_get_area_widget (window, td_window_get_area (window));
  return area != NULL && !td_area_get_loading (TD_AREA (area));
}

typedef struct {
  GtkAdjustment *adjustment;
  GArray        *work;
  GArray        *intervals;
  gint64         update;
  gint64         last;
  int            frames;
  double         step;      /* pixels a frame; 0: a random jump */
} Scroll;

static void
update_cb (GdkFrameClock *clock,
           Scroll        *scroll)
{
  scroll->update = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Scroll        *scroll)
{
  double work;

  if (scroll->update == 0)
    return;
  work = (g_get_monotonic_time () - scroll->update) / 1000.0;
  g_array_append_val (scroll->work, work);
  scroll->update = 0;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  Scroll *scroll = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double upper = gtk_adjustment_get_upper (scroll->adjustment) - gtk_adjustment_get_page_size (scroll->adjustment);

  if (scroll->last)
    {
      double interval = (now - scroll->last) / 1000.0;

      g_array_append_val (scroll->intervals, interval);
    }
  scroll->last = now;
  if (scroll->step > 0)
    gtk_adjustment_set_value (scroll->adjustment, MIN (upper, gtk_adjustment_get_value (scroll->adjustment) + scroll->step));
  else
    gtk_adjustment_set_value (scroll->adjustment, g_random_double () * upper);
  return ++scroll->frames < FRAMES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
rows_shown (TdCustomerListModel *model)
{
  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 1000000;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  GtkApplication *app;
  TdWindow *window;
  TdCustomersPage *page;
  TdCustomerListModel *model;
  GtkAdjustment *adjustment;
  g_autoptr(GArray) jumps = g_array_new (FALSE, FALSE, sizeof (double));
  Scroll scroll = { 0 };
  GdkFrameClock *clock;
  double rss0, hwm0, rss1, hwm1, rss2, hwm2, rss3, hwm3;
  guint n_pages;
  double total_ms, max_ms;
  gint64 start;
  guint items;

  /* (the baseline run in a process of its own) */
  if (argc == 4 && g_str_equal (argv[1], "--string-list"))
    {
      baseline_string_list (argv[2], g_str_equal (argv[3], "ordered"));
      return 0;
    }

  if (argc > 2)
    path = g_strdup (argv[2]);
  else
    {
      dir = g_dir_make_tmp ("tourdesk-bench-XXXXXX", NULL);
      path = g_build_filename (dir, "bench.tourdesk", NULL);
    }

  /* built (or brought to the latest schema) in a child process, so that
   * its memory is not counted below */
  if (fork () == 0)
    {
      g_autoptr(TdDatabase) db = NULL;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          gint64 migrate = g_get_monotonic_time ();

          db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
          g_print ("opened %s (schema %d) in %.1f ms\n", path, td_database_get_schema_version (db), ms_since (migrate));
        }
      else
        {
          g_print ("building a workspace of %u customers at %s...\n", n, path);
          td_demo_options_init (&options);
          options.customers = n;
          db = td_demo_create (path, &options, NULL, NULL, NULL, &error);
        }
      g_assert_no_error (error);
      g_print ("customers: %" G_GINT64_FORMAT "\n", td_database_count (db, "customer", NULL));
      _exit (0);
    }
  wait (NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* (our display first: Xvfb starts again when its last client goes) */
  adw_init ();
  memory (&rss0, &hwm0);

  /* 1. baselines */
  baseline_count (path);
  for (int ordered = 0; ordered < 2; ordered++)
    {
      const char *child[] = { argv[0], "--string-list", path, ordered ? "ordered" : "stored", NULL };

      g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  /* 2. the customers area */
  app = GTK_APPLICATION (td_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = td_window_new (TD_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  td_window_set_area (window, "dashboard");
  td_window_open_workspace (window, path, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  while (!window_ready (window))
    g_main_context_iteration (NULL, TRUE);
  wait_frame (GTK_WIDGET (window));
  memory (&rss1, &hwm1);

  page = TD_CUSTOMERS_PAGE (td_window_get_area_widget (window, "customers"));
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "customers");
  while (!rows_shown (td_customers_page_get_model (page)))
    g_main_context_iteration (NULL, TRUE);
  model = td_customers_page_get_model (page);
  wait_frame (GTK_WIDGET (window));
  g_print ("customers area: first frame with rows %.1f ms after asking for it (%u customers)\n",
           ms_since (start), g_list_model_get_n_items (G_LIST_MODEL (model)));
  while (td_customer_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_print ("customers area: every page reachable at once (checkpoints read) %.1f ms after asking for it\n",
           ms_since (start));
  memory (&rss2, &hwm2);

  /* 3. a page from anywhere */
  items = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (int i = 0; i < JUMPS; i++)
    {
      guint position = g_random_int_range (0, (gint32) items);
      gint64 begin = g_get_monotonic_time ();
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), position);
      double ms = ms_since (begin);

      g_assert_true (td_customer_item_get_loaded (TD_CUSTOMER_ITEM (item)));
      g_array_append_val (jumps, ms);
    }
  print_spread ("get_item() at a random position (a page of 200 read from its checkpoint, or cached)", jumps);

  /* 4. scrolling: a random jump every frame, then smoothly */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (td_customers_page_get_view (page)));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  for (int smooth = 0; smooth < 2; smooth++)
    {
      const char *how = smooth ? "scrolling smoothly, 90 pixels (3 rows) a frame" : "scrolling, a random jump each frame";
      g_autofree char *work = g_strdup_printf ("%s: work per frame (update to after-paint)", how);
      g_autofree char *between = g_strdup_printf ("%s: time between frames", how);
      guint n_pages2;
      double total2, max2;

      memset (&scroll, 0, sizeof scroll);
      scroll.adjustment = adjustment;
      scroll.step = smooth ? 90 : 0;
      scroll.work = g_array_new (FALSE, FALSE, sizeof (double));
      scroll.intervals = g_array_new (FALSE, FALSE, sizeof (double));
      g_signal_connect (clock, "update", G_CALLBACK (update_cb), &scroll);
      g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &scroll);
      td_customer_list_model_get_page_stats (model, &n_pages, &total_ms, &max_ms);
      gtk_widget_add_tick_callback (GTK_WIDGET (td_customers_page_get_view (page)), scroll_tick_cb, &scroll, NULL);
      while (scroll.frames < FRAMES)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handlers_disconnect_by_data (clock, &scroll);
      print_spread (work, scroll.work);
      print_spread (between, scroll.intervals);
      td_customer_list_model_get_page_stats (model, &n_pages2, &total2, &max2);
      g_print ("%s: %u pages read, %.2f ms each on average\n", how, n_pages2 - n_pages,
               (total2 - total_ms) / MAX (n_pages2 - n_pages, 1));
      g_array_unref (scroll.work);
      g_array_unref (scroll.intervals);
    }
  td_customer_list_model_get_page_stats (model, &n_pages, &total_ms, &max_ms);
  g_print ("all page reads so far: %u, %.2f ms each on average, at most %.2f ms\n",
           n_pages, total_ms / MAX (n_pages, 1), max_ms);

  /* 5. search and sort */
  {
    const char *queries[] = { "张伟", "zw", "1391", "王" };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        start = g_get_monotonic_time ();
        gtk_editable_set_text (td_customers_page_get_search (page), queries[i]);
        /* (the entry waits 150 ms for more typing before it searches) */
        while (g_strcmp0 (td_customer_list_model_get_query (model), queries[i]) != 0
               || td_customer_list_model_get_loading (model))
          g_main_context_iteration (NULL, TRUE);
        wait_frame (GTK_WIDGET (window));
        g_print ("search “%s”: %u matches shown %.1f ms after typing it (the entry's 150 ms wait included)\n",
                 queries[i], g_list_model_get_n_items (G_LIST_MODEL (model)), ms_since (start));

        /* the search cleared: every customer again */
        start = g_get_monotonic_time ();
        gtk_editable_set_text (td_customers_page_get_search (page), "");
        while (td_customer_list_model_get_query (model)[0] != '\0' || td_customer_list_model_get_loading (model))
          g_main_context_iteration (NULL, TRUE);
        wait_frame (GTK_WIDGET (window));
        g_print ("search cleared: every customer shown again %.1f ms after\n", ms_since (start));
      }

    /* the header: as a click on "City" does */
    {
      guint changes = 0;
      gulong id = g_signal_connect_swapped (model, "items-changed", G_CALLBACK (g_atomic_int_inc), &changes);

      start = g_get_monotonic_time ();
      for (GtkColumnViewColumn *column = NULL; column == NULL;)
        {
          GListModel *columns = gtk_column_view_get_columns (td_customers_page_get_view (page));

          for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
            {
              g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

              if (g_str_equal (gtk_column_view_column_get_title (c), "City"))
                column = c;
            }
          g_assert_nonnull (column);
          gtk_column_view_sort_by_column (td_customers_page_get_view (page), column, GTK_SORT_ASCENDING);
          g_print ("sort by city: the click handled in %.1f ms\n", ms_since (start));
        }
      while (changes == 0)
        g_main_context_iteration (NULL, TRUE);
      wait_frame (GTK_WIDGET (window));
      g_print ("sort by city: the first rows in the new order shown %.1f ms after the click\n", ms_since (start));
      while (td_customer_list_model_get_loading (model))
        g_main_context_iteration (NULL, TRUE);
      g_print ("sort by city: every page reachable %.1f ms after the click\n", ms_since (start));
      g_signal_handler_disconnect (model, id);
    }
  memory (&rss3, &hwm3);
  }

  g_print ("resident memory, its own (anonymous): %.0f MiB after GTK init, %.0f MiB with the dashboard, "
           "%.0f MiB with the customers area, %.0f MiB after scrolling and searching\n", rss0, rss1, rss2, rss3);
  g_print ("resident memory, pages of files mapped (libraries, fonts): %.0f, %.0f, %.0f, %.0f MiB\n",
           hwm0, hwm1, hwm2, hwm3);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  if (dir != NULL)
    {
      static const char *const suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

          g_unlink (file);
        }
      g_rmdir (dir);
    }
  return 0;
}
