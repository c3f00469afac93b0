/* bench-map.c: the map with 20,000 places, panning and zooming: TdPoiLayer
 * beside ShumateMarkerLayer with the same places, in the same run; and how
 * long the places take to load
 *
 * Run under a display: xvfb-run -a -s "-screen 0 1280x1024x24" \
 *   meson test -C build --benchmark bench-map --verbose
 * or directly: bench-map [PLACES] [FRAMES] (default 20000 and 240).
 * Prints figures, never fails on them.
 *
 * What is timed per frame: from the frame clock's update phase (where the
 * view is moved) to its after-paint signal, so layout, snapshot and the
 * rendering of the frame; the interval between frames is printed too (the
 * frame clock paces it at 60 Hz at best).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "td-map-sources.h"
#include "td-poi-layer.h"
#include "td-poi-query.h"

#define WIDTH  1200
#define HEIGHT 800

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* ------------------------------------------------------------------ */
/* the places                                                         */

/* Crowds around cities, as places are: Henan's, and big ones elsewhere. */
static const struct {
  double lat, lon, spread;
  guint  weight;
} centres[] = {
  { 34.75, 113.63, 0.15, 10 }, { 34.62, 112.45, 0.12, 6 }, { 34.80, 114.31, 0.08, 5 },
  { 36.10, 114.39, 0.08, 3 }, { 35.30, 113.93, 0.08, 3 }, { 35.22, 113.24, 0.07, 2 },
  { 33.77, 113.19, 0.07, 2 }, { 34.04, 113.85, 0.07, 2 }, { 32.99, 112.53, 0.09, 3 },
  { 32.15, 114.09, 0.07, 2 }, { 34.41, 115.66, 0.07, 2 }, { 34.45, 113.05, 0.05, 2 },
  { 39.90, 116.40, 0.25, 8 }, { 31.23, 121.47, 0.25, 8 }, { 30.59, 114.31, 0.18, 5 },
  { 34.34, 108.94, 0.15, 5 }, { 36.65, 117.12, 0.12, 3 }, { 31.82, 117.23, 0.12, 3 },
  { 37.87, 112.55, 0.12, 3 }, { 38.04, 114.51, 0.12, 3 },
};

static double
gauss (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1), v = g_rand_double (rand);

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

static TdDatabase *
make_workspace (const char *path,
                guint       n_places,
                double     *seconds)
{
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (2024);
  guint total_weight = 0;
  gint64 start;

  for (guint i = 0; i < G_N_ELEMENTS (centres); i++)
    total_weight += centres[i].weight;

  db = td_database_open (path, TD_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  td_database_init_workspace (db, TD_PROFILE_AGENCY, "地图基准", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_places; i++)
    {
      TdChange *change = td_change_new_insert ("poi", NULL);
      guint pick = g_rand_int_range (rand, 0, total_weight), c = 0;
      g_autofree char *name = NULL;

      while (pick >= centres[c].weight)
        pick -= centres[c++].weight;
      name = g_strdup_printf ("地点%05u", i);
      td_change_set_string (change, "name", name);
      td_change_set_string (change, "category",
                            td_poi_category_to_string (g_rand_int_range (rand, 0, TD_POI_N_CATEGORIES)));
      td_change_set_double (change, "lat", CLAMP (centres[c].lat + gauss (rand) * centres[c].spread, -80, 80));
      td_change_set_double (change, "lon", CLAMP (centres[c].lon + gauss (rand) * centres[c].spread * 1.2, -179, 179));
      g_ptr_array_add (changes, change);
    }
  g_rand_free (rand);

  start = g_get_monotonic_time ();
  td_database_commit (db, NULL, changes, &error);
  g_assert_no_error (error);
  *seconds = ms_since (start) / 1000;
  return g_steal_pointer (&db);
}

/* ------------------------------------------------------------------ */
/* frames                                                             */

typedef struct {
  ShumateViewport *viewport;
  guint            n_frames;
  guint            frame;
  gint64           start;        /* of this frame's work */
  gint64           last_start;
  GArray          *work;         /* double, ms */
  GArray          *interval;     /* double, ms */
  gboolean         done;
} Run;

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Run *run = data;
  double t = run->frame / 60.0;
  gint64 now = g_get_monotonic_time ();

  if (run->frame >= run->n_frames)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  if (run->last_start)
    {
      double ms = (now - run->last_start) / 1000.0;

      g_array_append_val (run->interval, ms);
    }
  run->last_start = now;
  run->start = now;

  /* pan in a slow circle around Henan while zooming between 5.5 and 9.5 */
  shumate_location_set_location (SHUMATE_LOCATION (run->viewport),
                                 34.5 + 1.2 * sin (t * 0.9), 113.5 + 1.6 * cos (t * 0.7));
  shumate_viewport_set_zoom_level (run->viewport, 7.5 + 2.0 * sin (t * 0.5));
  run->frame++;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  double ms;

  if (run->start == 0)
    return;
  ms = (g_get_monotonic_time () - run->start) / 1000.0;
  g_array_append_val (run->work, ms);
  run->start = 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static void
print_stats (const char *what,
             GArray     *values)
{
  double sum = 0;

  if (values->len == 0)
    {
      g_print ("  %-22s no frames\n", what);
      return;
    }
  g_array_sort (values, compare_doubles);
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  g_print ("  %-22s mean %7.2f ms  median %7.2f  p95 %7.2f  max %7.2f  (%u frames)\n", what,
           sum / values->len,
           g_array_index (values, double, values->len / 2),
           g_array_index (values, double, MIN (values->len - 1, (guint) (values->len * 0.95))),
           g_array_index (values, double, values->len - 1),
           values->len);
}

static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Shows layer in a window of its own, then moves the view for n_frames. */
static void
run_frames (const char      *name,
            ShumateMap      *map,
            ShumateLayer    *layer,
            guint            n_frames,
            double          *first_frame_ms)
{
  GtkWidget *window = gtk_window_new ();
  GdkFrameClock *clock;
  gboolean drawn = FALSE;
  Run run = { 0 };
  gint64 start;
  gulong handler;

  run.viewport = shumate_map_get_viewport (map);
  run.n_frames = n_frames;
  run.work = g_array_new (FALSE, FALSE, sizeof (double));
  run.interval = g_array_new (FALSE, FALSE, sizeof (double));
  shumate_location_set_location (SHUMATE_LOCATION (run.viewport), 34.5, 113.5);
  shumate_viewport_set_zoom_level (run.viewport, 7.5);

  start = g_get_monotonic_time ();
  shumate_map_add_layer (map, layer);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_add_tick_callback (window, first_frame_cb, &drawn, NULL);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  /* the first frame is drawn after this one */
  drawn = FALSE;
  gtk_widget_add_tick_callback (window, first_frame_cb, &drawn, NULL);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  *first_frame_ms = ms_since (start);

  clock = gtk_widget_get_frame_clock (window);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);
  gtk_widget_add_tick_callback (GTK_WIDGET (map), tick_cb, &run, NULL);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);

  g_print ("%s\n", name);
  print_stats ("work per frame:", run.work);
  print_stats ("interval of frames:", run.interval);

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (run.work);
  g_array_unref (run.interval);
}

/* The projection only: no tile layer, so that only the places are
 * measured. */
static void
set_reference (ShumateMap *map)
{
  g_autoptr(ShumateMapSource) source = td_map_source_new_for_template ("http://127.0.0.1:9/{z}/{x}/{y}.png", "", FALSE);

  shumate_viewport_set_reference_map_source (shumate_map_get_viewport (map), source);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = td_poi_query_all_finish (TD_DATABASE (object), result, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  guint n_places = argc > 1 ? (guint) atoi (argv[1]) : 20000;
  guint n_frames = argc > 2 ? (guint) atoi (argv[2]) : 240;
  g_autofree char *dir = g_dir_make_tmp ("tourdesk-bench-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.tourdesk", NULL);
  g_autoptr(TdDatabase) db = NULL;
  GPtrArray *pois = NULL;
  double commit_s, load_ms, set_ms, first_ours, first_markers, add_markers_ms;
  guint main_loops = 0;
  gint64 start;

  gtk_init ();
  adw_init ();

  g_print ("bench-map: %u places, %u frames, %d × %d window, GSK_RENDERER=%s\n",
           n_places, n_frames, WIDTH, HEIGHT, g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)");

  db = make_workspace (path, n_places, &commit_s);
  g_print ("workspace of %u places through the mutation API: %.1f s\n", n_places, commit_s);

  /* loading, as the map area does: in a worker thread */
  start = g_get_monotonic_time ();
  td_poi_query_all_async (db, NULL, load_cb, &pois);
  while (pois == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      main_loops++;
    }
  load_ms = ms_since (start);
  g_print ("load the places (td_poi_query_all_async): %.1f ms; the main loop ran %u times meanwhile\n",
           load_ms, main_loops);

  /* TdPoiLayer */
  {
    ShumateMap *map = shumate_map_new ();
    TdPoiLayer *layer = td_poi_layer_new (shumate_map_get_viewport (map));

    set_reference (map);

    start = g_get_monotonic_time ();
    td_poi_layer_set_pois (layer, pois);
    set_ms = ms_since (start);
    g_print ("give them to TdPoiLayer: %.1f ms\n", set_ms);
    run_frames ("TdPoiLayer (clusters, one snapshot):", map, SHUMATE_LAYER (layer), n_frames, &first_ours);
    g_print ("  window to first frame:  %.0f ms\n", first_ours);
  }

  /* ShumateMarkerLayer, the same places, in its best case: markers added
   * before the layer joins a map and before the viewport has a reference
   * map source (with one, adding is much slower still: perf-data.md (c)) */
  {
    ShumateMap *map = shumate_map_new ();
    ShumateMarkerLayer *layer;
    guint frames = MIN (n_frames, 60);

    start = g_get_monotonic_time ();
    layer = shumate_marker_layer_new (shumate_map_get_viewport (map));
    for (guint i = 0; i < pois->len; i++)
      {
        TdPoi *poi = g_ptr_array_index (pois, i);
        ShumateMarker *marker = shumate_point_new ();

        shumate_location_set_location (SHUMATE_LOCATION (marker), poi->lat, poi->lon);
        shumate_marker_layer_add_marker (layer, marker);
      }
    set_reference (map);
    add_markers_ms = ms_since (start);
    g_print ("ShumateMarkerLayer: add %u ShumatePoint markers: %.0f ms\n", pois->len, add_markers_ms);
    run_frames ("ShumateMarkerLayer (a widget per marker):", map, SHUMATE_LAYER (layer), frames, &first_markers);
    g_print ("  window to first frame:  %.0f ms\n", first_markers);
  }

  g_ptr_array_unref (pois);
  g_clear_object (&db);
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
