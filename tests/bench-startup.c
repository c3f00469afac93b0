/* bench-startup.c: how long until the clerk sees the dashboard, and at what
 * memory cost, beside a bare libadwaita window measured in the same run
 *
 * Run under a display: xvfb-run -a meson test -C build --benchmark bench-startup
 * or directly: bench-startup [CUSTOMERS] (default 100000). Prints figures,
 * never fails on them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "td-application.h"
#include "td-area.h"
#include "td-core.h"
#include "td-window.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* resident and peak resident memory of this process, in KiB */
static void
memory (long *rss,
        long *hwm)
{
  g_autofree char *status = NULL;
  const char *p;

  *rss = *hwm = -1;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((p = strstr (status, "VmRSS:")))
    *rss = atol (p + 6);
  if ((p = strstr (status, "VmHWM:")))
    *hwm = atol (p + 6);
}

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  gboolean *drawn = data;

  *drawn = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_first_frame (GtkWidget *window)
{
  gboolean drawn = FALSE;

  gtk_widget_add_tick_callback (window, frame_cb, &drawn, NULL);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
dashboard_ready (TdWindow *window)
{
  GtkWidget *area;

  if (td_window_get_busy (window) || td_window_get_database (window) == NULL)
    return FALSE;
  area = td_window_get_area_widget (window, td_window_get_area (window));
  return area != NULL && !td_area_get_loading (TD_AREA (area));
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("tourdesk-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.tourdesk", NULL);
  g_autoptr(GError) error = NULL;
  TdDemoOptions options = { 1, n };
  TdDatabase *db;
  GtkApplication *app;
  GtkWidget *bare;
  TdWindow *window;
  long rss0, hwm0, rss1, hwm1, rss2, hwm2;
  double bare_ms, window_ms, ready_ms;
  gint64 start;
  int frames = 0;

  /* built in a child process, so its memory is not counted below */
  g_print ("building a workspace of %u customers...\n", n);
  if (fork () == 0)
    {
      db = td_demo_create (path, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_object_unref (db);
      _exit (0);
    }
  wait (NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  adw_init ();
  memory (&rss0, &hwm0);

  /* baseline: a bare libadwaita window with a label, to its first frame */
  start = g_get_monotonic_time ();
  bare = adw_application_window_new (NULL);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (bare), gtk_label_new ("Tourdesk"));
  gtk_window_set_default_size (GTK_WINDOW (bare), 1100, 720);
  gtk_window_present (GTK_WINDOW (bare));
  wait_first_frame (bare);
  bare_ms = ms_since (start);
  gtk_window_destroy (GTK_WINDOW (bare));
  memory (&rss1, &hwm1);

  /* Tourdesk: the window's first frame, then the dashboard's figures */
  app = GTK_APPLICATION (td_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (app), NULL, NULL);
  start = g_get_monotonic_time ();
  window = td_window_new (TD_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  td_window_open_workspace (window, path, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  wait_first_frame (GTK_WIDGET (window));
  window_ms = ms_since (start);
  while (!dashboard_ready (window))
    {
      g_main_context_iteration (NULL, TRUE);
      frames++;
    }
  ready_ms = ms_since (start);
  memory (&rss2, &hwm2);

  g_print ("customers: %u\n", n);
  g_print ("baseline, bare AdwApplicationWindow to first frame: %.1f ms\n", bare_ms);
  g_print ("Tourdesk window to first frame: %.1f ms\n", window_ms);
  g_print ("Tourdesk window to the dashboard's figures: %.1f ms (main loop iterations meanwhile: %d)\n",
           ready_ms, frames);
  g_print ("resident memory: %ld KiB after GTK init, %ld KiB after the bare window, %ld KiB with the dashboard open (peak %ld KiB)\n",
           rss0, rss1, rss2, hwm2);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
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
