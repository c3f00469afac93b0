/* test-map.c: map tiles from a loopback server and from MBTiles through the
 * real ShumateRasterRenderer, the points layer, and the map area on the
 * demo workspace
 *
 * Runs under a display (xvfb-run), in the ui suite. Every GLib warning or
 * critical fails the test. The process's cache folder is a temporary one.
 * With TD_SCREENSHOT_DIR set, a PNG of each state of the map area is
 * written there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "td-application.h"
#include "td-area.h"
#include "td-map-page.h"
#include "td-tickets-page.h"
#include "td-map-preferences-page.h"
#include "td-map-sources.h"
#include "td-mbtiles-source.h"
#include "td-poi-layer.h"
#include "td-folio-dialog.h"
#include "td-poi-bookings-window.h"
#include "td-poi-popover.h"
#include "td-tours-page.h"
#include "td-poi-query.h"
#include "td-tile-source.h"
#include "td-window.h"
#include "td-test-ui-utils.h"

static TdApplication *app;
static GSettings *settings;
static char *demo_path;
static char *home;

/* ------------------------------------------------------------------ */
/* helpers                                                            */

static GBytes *
make_png (guint32 rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 256, 256);
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  return g_bytes_new_take (buffer, size);
}

/* ------------------------------------------------------------------ */
/* a tile server on 127.0.0.1                                         */

typedef enum {
  SERVE_PNG,
  SERVE_HTML,        /* a captive portal, or a wrong address */
  SERVE_FORBIDDEN,
  SERVE_NOT_FOUND,
  SERVE_NOT_MODIFIED_OR_PNG,
} ServeMode;

typedef struct {
  SoupServer *server;
  char       *url_template;
  GBytes     *png;
  ServeMode   mode;
  guint       n_requests;
  guint       n_conditional;
  char       *user_agent;
  char       *last_path;
} TileServer;

static void
tile_handler_cb (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  TileServer *ts = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);

  ts->n_requests++;
  g_free (ts->user_agent);
  ts->user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  g_free (ts->last_path);
  ts->last_path = g_strdup (path);

  switch (ts->mode)
    {
    case SERVE_HTML:
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>Log in to the hotel Wi-Fi</html>", 38);
      return;
    case SERVE_FORBIDDEN:
      soup_server_message_set_status (message, SOUP_STATUS_FORBIDDEN, NULL);
      return;
    case SERVE_NOT_FOUND:
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    case SERVE_NOT_MODIFIED_OR_PNG:
      if (soup_message_headers_get_one (request, "If-Modified-Since"))
        {
          ts->n_conditional++;
          soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      break;
    case SERVE_PNG:
    default:
      break;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (ts->png, NULL), g_bytes_get_size (ts->png));
}

static TileServer *
tile_server_new (void)
{
  TileServer *ts = g_new0 (TileServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  ts->png = make_png (0x3d7dcaff);
  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, "/tiles", tile_handler_cb, ts, NULL);
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  ts->url_template = g_strdup_printf ("http://127.0.0.1:%d/tiles/{z}/{x}/{y}.png",
                                      g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return ts;
}

static void
tile_server_free (TileServer *ts)
{
  soup_server_disconnect (ts->server);
  g_object_unref (ts->server);
  g_bytes_unref (ts->png);
  g_free (ts->url_template);
  g_free (ts->user_agent);
  g_free (ts->last_path);
  g_free (ts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TileServer, tile_server_free)

/* A port nobody listens on: one we had and closed. */
static char *
closed_port_template (void)
{
  g_autoptr(TileServer) ts = tile_server_new ();

  return g_strdup (ts->url_template);
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Fill;

static void
fill_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fill *fill = user_data;

  fill->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &fill->error);
  fill->done = TRUE;
}

static gboolean
fill_done (gpointer data)
{
  return ((Fill *) data)->done;
}

/* Fills tile (x, y, z) from source, as ShumateMapLayer does. */
static ShumateTile *
fill_tile (ShumateMapSource *source,
           int               x,
           int               y,
           int               z,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (x, y, 256, z);
  Fill fill = { 0 };

  shumate_map_source_fill_tile_async (source, tile, cancellable, fill_cb, &fill);
  td_test_ui_wait_until (fill_done, &fill, "the tile");
  if (!fill.ok)
    {
      g_propagate_error (error, fill.error);
      return NULL;
    }
  return g_steal_pointer (&tile);
}

/* ------------------------------------------------------------------ */
/* tiles over HTTP                                                    */

static void
test_tiles_loopback (void)
{
  g_autoptr(TileServer) ts = tile_server_new ();
  g_autoptr(ShumateMapSource) source = td_map_source_new_for_template (ts->url_template, "", TRUE);
  TdTileSource *data_source = TD_TILE_SOURCE (td_map_source_get_data_source (source));
  g_autofree char *cache_dir = td_map_source_cache_dir (ts->url_template);
  g_autofree char *cached = g_build_filename (cache_dir, "3", "6", "3.tile", NULL);
  g_autoptr(ShumateTile) tile = NULL;
  g_autoptr(GError) error = NULL;

  /* the cache is under this test's own XDG_CACHE_HOME */
  g_assert_true (g_str_has_prefix (cache_dir, home));
  g_assert_nonnull (data_source);

  /* through the real ShumateRasterRenderer: decoded, done */
  tile = fill_tile (source, 6, 3, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shumate_tile_get_paintable (tile));
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  g_assert_cmpuint (ts->n_requests, ==, 1);
  g_assert_cmpstr (ts->last_path, ==, "/tiles/3/6/3.png");
  /* our own User-Agent, not libshumate's */
  g_assert_cmpstr (ts->user_agent, ==, TD_TILE_USER_AGENT);
  g_assert_true (g_str_has_prefix (ts->user_agent, "Tourdesk/"));
  g_assert_null (td_tile_source_get_problem (data_source));
  g_assert_cmpuint (td_tile_source_get_n_requests (data_source), ==, 1);

  /* written to the disk cache (by a worker thread) */
  for (int i = 0; i < 100 && !g_file_test (cached, G_FILE_TEST_EXISTS); i++)
    td_test_ui_wait_ms (20);
  g_assert_true (g_file_test (cached, G_FILE_TEST_EXISTS));

  /* again: from the cache, no request, still a picture */
  {
    g_autoptr(ShumateMapSource) again = td_map_source_new_for_template (ts->url_template, "", TRUE);
    g_autoptr(ShumateTile) second = fill_tile (again, 6, 3, 3, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (shumate_tile_get_paintable (second));
    g_assert_cmpuint (ts->n_requests, ==, 1);
  }

  /* a stale cached tile is shown, then checked with If-Modified-Since */
  {
    g_autoptr(GFile) file = g_file_new_for_path (cached);
    g_autoptr(ShumateMapSource) again = td_map_source_new_for_template (ts->url_template, "", TRUE);
    g_autoptr(ShumateTile) third = NULL;

    g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                (guint64) (g_get_real_time () / G_USEC_PER_SEC - 8 * 24 * 3600),
                                                G_FILE_QUERY_INFO_NONE, NULL, &error));
    ts->mode = SERVE_NOT_MODIFIED_OR_PNG;
    third = fill_tile (again, 6, 3, 3, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (shumate_tile_get_paintable (third));
    g_assert_cmpuint (ts->n_conditional, ==, 1);
  }

  /* cancelled: the request still completes, with CANCELLED */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(ShumateTile) cancelled = NULL;

    ts->mode = SERVE_PNG;
    g_cancellable_cancel (cancellable);
    cancelled = fill_tile (source, 1, 1, 2, cancellable, &error);
    g_assert_null (cancelled);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_null (td_tile_source_get_problem (data_source));
  }

  /* no tile there: not a problem, the map shows its background */
  {
    g_autoptr(ShumateTile) missing = NULL;

    ts->mode = SERVE_NOT_FOUND;
    missing = fill_tile (source, 0, 0, 1, NULL, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_null (td_tile_source_get_problem (data_source));
  }

  /* a web page instead of a tile: refused before the renderer warns */
  {
    g_autoptr(ShumateTile) html = NULL;

    ts->mode = SERVE_HTML;
    html = fill_tile (source, 1, 0, 1, NULL, &error);
    g_assert_null (html);
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_nonnull (td_tile_source_get_problem (data_source));
  }

  /* the server refuses: said in words */
  {
    g_autoptr(ShumateTile) refused = NULL;

    ts->mode = SERVE_FORBIDDEN;
    refused = fill_tile (source, 0, 1, 1, NULL, &error);
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_nonnull (strstr (td_tile_source_get_problem (data_source), "403"));
  }

  /* and the problem goes once a tile loads */
  {
    g_autoptr(ShumateTile) fine = NULL;

    ts->mode = SERVE_PNG;
    fine = fill_tile (source, 1, 1, 1, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (td_tile_source_get_problem (data_source));
  }
}

static void
test_tile_cache_trim (void)
{
  g_autofree char *dir = g_build_filename (home, "trim", NULL);
  g_autofree char *server = g_build_filename (dir, "example-0123", "3", "6", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char data[1000] = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (server, 0700), ==, 0);
  /* ten tiles of 1,000 bytes, the first the oldest */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("%d.tile", i);
      g_autofree char *path = g_build_filename (server, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (g_file_set_contents (path, data, sizeof data, NULL));
      g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, now - 1000 + i,
                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL));
    }

  /* within the limit: nothing goes */
  g_assert_cmpuint (td_tile_cache_trim (dir, 20000), ==, 0);
  /* over it: the oldest go, to 80 % of the limit */
  g_assert_cmpuint (td_tile_cache_trim (dir, 5000), ==, 6000);
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("%d.tile", i);
      g_autofree char *path = g_build_filename (server, name, NULL);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, i >= 6);
    }
}

static void
test_tiles_unreachable (void)
{
  g_autofree char *url_template = closed_port_template ();
  g_autoptr(ShumateMapSource) source = td_map_source_new_for_template (url_template, "", FALSE);
  g_autoptr(ShumateTile) tile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  tile = fill_tile (source, 0, 0, 0, NULL, &error);
  g_assert_null (tile);
  g_assert_nonnull (error);
  problem = td_map_source_dup_problem (source);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "127.0.0.1"));
}

static void
test_tile_templates (void)
{
  g_autofree char *url = td_tile_source_expand ("https://t.example.cn/{z}/{x}/{y}.png?tms={-y}", 3, 1, 2);
  g_autofree char *problem = NULL;

  g_assert_cmpstr (url, ==, "https://t.example.cn/2/3/1.png?tms=2");
  g_assert_null (td_tile_source_check_template ("https://t.example.cn/{z}/{x}/{y}.png"));
  g_assert_null (td_tile_source_check_template ("http://10.0.0.5:8080/tms/{z}/{x}/{-y}.jpg"));
  problem = td_tile_source_check_template ("https://t.example.cn/{z}/{x}.png");
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  problem = td_tile_source_check_template ("file:///srv/tiles/{z}/{x}/{y}.png");
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  problem = td_tile_source_check_template ("");
  g_assert_nonnull (problem);
}

/* ------------------------------------------------------------------ */
/* MBTiles                                                            */

static void
make_mbtiles (const char *path,
              const char *format)
{
  g_autoptr(GBytes) png = make_png (0xc64600ff);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *metadata = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  metadata = g_strdup_printf ("CREATE TABLE metadata (name TEXT, value TEXT);"
                              "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
                              "INSERT INTO metadata VALUES ('name', '河南测试'), ('format', '%s'), ('minzoom', '1'),"
                              " ('maxzoom', '12'), ('attribution', 'Test tiles'), ('bounds', '110.3,31.4,116.6,36.4');",
                              format);
  g_assert_cmpint (sqlite3_exec (db, metadata, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  /* tile (x 6, y 3) at zoom 3 in XYZ numbering is row 8 − 1 − 3 = 4 in TMS */
  sqlite3_bind_int (stmt, 1, 3);
  sqlite3_bind_int (stmt, 2, 6);
  sqlite3_bind_int (stmt, 3, 4);
  sqlite3_bind_blob (stmt, 4, g_bytes_get_data (png, NULL), (int) g_bytes_get_size (png), SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  /* and one that is not an image */
  sqlite3_bind_int (stmt, 1, 3);
  sqlite3_bind_int (stmt, 2, 5);
  sqlite3_bind_int (stmt, 3, 4);
  sqlite3_bind_blob (stmt, 4, "not a picture", 13, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_mbtiles (void)
{
  g_autofree char *path = g_build_filename (home, "henan.mbtiles", NULL);
  g_autofree char *vector = g_build_filename (home, "vector.mbtiles", NULL);
  g_autofree char *text = g_build_filename (home, "notes.mbtiles", NULL);
  g_autoptr(ShumateMapSource) source = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  g_autoptr(GError) error = NULL;
  TdMbtilesSource *data_source;
  double west, south, east, north;

  make_mbtiles (path, "png");
  source = td_map_source_new_for_mbtiles (path, &error);
  g_assert_no_error (error);
  data_source = TD_MBTILES_SOURCE (td_map_source_get_data_source (source));
  g_assert_cmpstr (td_mbtiles_source_get_name (data_source), ==, "河南测试");
  g_assert_cmpstr (shumate_map_source_get_license (source), ==, "Test tiles");
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (source), ==, 1);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (source), ==, 12);
  g_assert_true (td_mbtiles_source_get_bounds (data_source, &west, &south, &east, &north));
  g_assert_cmpfloat (west, ==, 110.3);
  g_assert_cmpfloat (north, ==, 36.4);

  /* through the real raster renderer, the TMS row turned over */
  tile = fill_tile (source, 6, 3, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shumate_tile_get_paintable (tile));
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  g_clear_object (&tile);

  /* outside the file: a blank tile, not a problem */
  tile = fill_tile (source, 0, 0, 3, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (td_mbtiles_source_get_problem (data_source));

  /* bytes that are no picture: refused, said */
  tile = fill_tile (source, 5, 3, 3, NULL, &error);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_nonnull (td_mbtiles_source_get_problem (data_source));

  /* files that cannot be a raster map */
  make_mbtiles (vector, "pbf");
  g_assert_null (td_mbtiles_source_new (vector, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (text, "Dear guest,\n", -1, NULL));
  g_assert_null (td_mbtiles_source_new (text, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (td_mbtiles_source_new ("/nonexistent/map.mbtiles", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* from the settings: a missing file gives a source that says so */
  {
    g_autoptr(ShumateMapSource) from_settings = NULL;
    g_autofree char *problem = NULL;

    g_settings_set_string (settings, "map-tile-source", "mbtiles");
    g_settings_set_string (settings, "map-mbtiles-path", "/nonexistent/map.mbtiles");
    from_settings = td_map_source_new_from_settings (settings);
    problem = td_map_source_dup_problem (from_settings);
    g_assert_nonnull (problem);
    g_assert_nonnull (strstr (problem, "/nonexistent/map.mbtiles"));
    g_clear_object (&tile);
    tile = fill_tile (from_settings, 0, 0, 0, NULL, &error);
    g_assert_nonnull (error);
    g_clear_error (&error);

    g_settings_set_string (settings, "map-mbtiles-path", path);
    g_clear_object (&from_settings);
    from_settings = td_map_source_new_from_settings (settings);
    g_assert_true (TD_IS_MBTILES_SOURCE (td_map_source_get_data_source (from_settings)));
    g_settings_reset (settings, "map-tile-source");
    g_settings_reset (settings, "map-mbtiles-path");
  }
}

/* ------------------------------------------------------------------ */
/* the points layer                                                   */

typedef struct {
  GtkWidget       *window;
  ShumateMap      *map;
  ShumateViewport *viewport;
  TdPoiLayer      *layer;
  GPtrArray       *pois;
} LayerFixture;

static TdPoi *
make_poi (const char    *name,
          TdPoiCategory  category,
          double         lat,
          double         lon)
{
  TdPoi *poi = td_poi_new ();

  poi->id = g_uuid_string_random ();
  poi->name = g_strdup (name);
  poi->category = category;
  poi->lat = lat;
  poi->lon = lon;
  return poi;
}

static void
layer_fixture_set_up (LayerFixture  *f,
                      gconstpointer  data)
{
  g_autofree char *url_template = closed_port_template ();
  g_autoptr(ShumateMapSource) source = td_map_source_new_for_template (url_template, "", FALSE);
  GRand *rand = g_rand_new_with_seed (7);

  f->pois = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);
  /* 1,000 places around Zhengzhou, in two categories; two at the same spot */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("地点 %u", i);

      g_ptr_array_add (f->pois, make_poi (name, i % 2 ? TD_POI_RESTAURANT : TD_POI_HOTEL,
                                          g_rand_double_range (rand, 34.6, 34.9),
                                          g_rand_double_range (rand, 113.5, 113.8)));
    }
  g_ptr_array_add (f->pois, make_poi ("同址甲", TD_POI_SHOP, 35.5, 112.0));
  g_ptr_array_add (f->pois, make_poi ("同址乙", TD_POI_SHOP, 35.5, 112.0));
  g_rand_free (rand);

  f->window = gtk_window_new ();
  f->map = shumate_map_new ();
  f->viewport = shumate_map_get_viewport (f->map);
  shumate_viewport_set_reference_map_source (f->viewport, source);
  shumate_viewport_set_zoom_level (f->viewport, 8);
  shumate_location_set_location (SHUMATE_LOCATION (f->viewport), 34.75, 113.65);
  f->layer = td_poi_layer_new (f->viewport);
  shumate_map_add_layer (f->map, SHUMATE_LAYER (f->layer));
  td_poi_layer_set_pois (f->layer, f->pois);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->map));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  gtk_window_present (GTK_WINDOW (f->window));
  td_test_ui_settle (f->window);
}

static void
layer_fixture_tear_down (LayerFixture  *f,
                         gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_ptr_array_unref (f->pois);
}

static void
activated_cb (TdPoiLayer *layer,
              GPtrArray  *pois,
              double      x,
              double      y,
              guint      *count)
{
  *count = pois->len;
}

static void
test_layer_clusters (LayerFixture  *f,
                     gconstpointer  data)
{
  guint n_clusters = 0, n_points = 0, activated = 0;
  TdPoi *first = g_ptr_array_index (f->pois, 0);
  g_autoptr(GPtrArray) picked = NULL;
  double x, y;

  /* zoom 8: the 1,000 crowd into a few clusters */
  td_poi_layer_get_drawn (f->layer, &n_clusters, &n_points);
  g_assert_cmpuint (n_clusters, >=, 1);
  g_assert_cmpuint (n_clusters, <=, 12);
  g_assert_cmpuint (n_points, <=, 5);

  /* a click on the cluster of a place: its places, that one among them */
  g_assert_true (td_poi_layer_get_poi_position (f->layer, first, &x, &y));
  picked = td_poi_layer_pick (f->layer, x, y);
  g_assert_nonnull (picked);
  g_assert_cmpuint (picked->len, >, 1);
  g_assert_true (g_ptr_array_find (picked, first, NULL));
  g_signal_connect (f->layer, "activated", G_CALLBACK (activated_cb), &activated);
  g_assert_true (td_poi_layer_activate_at (f->layer, x, y));
  g_assert_cmpuint (activated, ==, picked->len);
  g_clear_pointer (&picked, g_ptr_array_unref);
  /* nothing in a corner */
  g_assert_null (td_poi_layer_pick (f->layer, 2, 2));
  g_assert_false (td_poi_layer_activate_at (f->layer, 2, 2));

  /* hiding a category: only the other one remains in the clusters */
  td_poi_layer_set_category_visible (f->layer, TD_POI_HOTEL, FALSE);
  td_test_ui_settle (f->window);
  g_assert_false (td_poi_layer_get_poi_position (f->layer, first, &x, &y));
  g_assert_true (td_poi_layer_get_poi_position (f->layer, g_ptr_array_index (f->pois, 1), &x, &y));
  picked = td_poi_layer_pick (f->layer, x, y);
  for (guint i = 0; i < picked->len; i++)
    g_assert_cmpint (((TdPoi *) g_ptr_array_index (picked, i))->category, ==, TD_POI_RESTAURANT);
  g_clear_pointer (&picked, g_ptr_array_unref);
  td_poi_layer_set_category_visible (f->layer, TD_POI_HOTEL, TRUE);

  /* close in: every place on its own, with its icon */
  shumate_viewport_set_zoom_level (f->viewport, 18);
  shumate_location_set_location (SHUMATE_LOCATION (f->viewport), first->lat, first->lon);
  td_test_ui_settle (f->window);
  td_poi_layer_get_drawn (f->layer, &n_clusters, &n_points);
  g_assert_cmpuint (n_clusters, ==, 0);
  g_assert_cmpuint (n_points, >=, 1);
  g_assert_true (td_poi_layer_get_poi_position (f->layer, first, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 400, 1);
  g_assert_cmpfloat_with_epsilon (y, 300, 1);
  picked = td_poi_layer_pick (f->layer, x, y);
  g_assert_cmpuint (picked->len, ==, 1);
  g_assert_true (g_ptr_array_index (picked, 0) == first);
  g_clear_pointer (&picked, g_ptr_array_unref);

  /* two at the same spot stay one cluster of two, however close */
  shumate_location_set_location (SHUMATE_LOCATION (f->viewport), 35.5, 112.0);
  shumate_viewport_set_zoom_level (f->viewport, 19);
  td_test_ui_settle (f->window);
  picked = td_poi_layer_pick (f->layer, 400, 300);
  g_assert_nonnull (picked);
  g_assert_cmpuint (picked->len, ==, 2);
  g_clear_pointer (&picked, g_ptr_array_unref);

  /* a selected place is drawn apart, on top */
  td_poi_layer_set_selected (f->layer, g_ptr_array_index (f->pois, 1000));
  td_test_ui_settle (f->window);
  picked = td_poi_layer_pick (f->layer, 400, 300);
  g_assert_cmpuint (picked->len, ==, 1);
  g_assert_true (g_ptr_array_index (picked, 0) == g_ptr_array_index (f->pois, 1000));
  g_assert_true (td_poi_layer_get_selected (f->layer) == g_ptr_array_index (f->pois, 1000));

  /* new points keep the selection by id */
  {
    g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);

    for (guint i = 0; i < f->pois->len; i++)
      g_ptr_array_add (copies, td_poi_copy (g_ptr_array_index (f->pois, i)));
    td_poi_layer_set_pois (f->layer, copies);
    g_assert_true (td_poi_layer_get_selected (f->layer) == g_ptr_array_index (copies, 1000));
    td_poi_layer_set_pois (f->layer, NULL);
    g_assert_null (td_poi_layer_get_selected (f->layer));
    td_test_ui_settle (f->window);
    td_poi_layer_get_drawn (f->layer, &n_clusters, &n_points);
    g_assert_cmpuint (n_clusters + n_points, ==, 0);
  }
}

/* ------------------------------------------------------------------ */
/* the map area, on the demo                                          */

static gboolean
has_problem (gpointer data)
{
  return td_map_page_get_problem (TD_MAP_PAGE (data)) != NULL;
}

static gboolean
popover_shown (gpointer data)
{
  return td_map_page_get_popover (TD_MAP_PAGE (data)) != NULL;
}

/* An autohide popover holds an X grab: without a window manager, Xvfb may
 * take it back at any moment and close the popover under the test. */
static void
keep_popover_open (TdMapPage *page)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (page));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (TD_IS_POI_POPOVER (child))
      gtk_popover_set_autohide (GTK_POPOVER (child), FALSE);
}

static TdPoi *
find_poi (TdMapPage  *page,
          const char *name)
{
  GPtrArray *pois = td_poi_layer_get_pois (td_map_page_get_poi_layer (page));

  for (guint i = 0; pois && i < pois->len; i++)
    if (g_str_equal (((TdPoi *) g_ptr_array_index (pois, i))->name, name))
      return g_ptr_array_index (pois, i);
  g_error ("No place “%s” on the map", name);
}

static gboolean
message_dialog_shown (gpointer data)
{
  return td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static guint
find_product_index (TdDatabase *db,
                    const char *code)
{
  g_autoptr(GPtrArray) products = td_tour_products_list (db, NULL);

  for (guint i = 0; i < products->len; i++)
    if (g_str_equal (((TdTourProduct *) g_ptr_array_index (products, i))->code, code))
      return i;
  g_error ("no product %s", code);
}

/* The demo's map in a window, its tiles from ts. */
static TdWindow *
open_demo_map (TileServer  *ts,
               TdMapPage  **page)
{
  TdWindow *window;

  g_settings_set_string (settings, "map-tile-source", "template");
  g_settings_set_string (settings, "map-tile-url-template", ts->url_template);
  g_settings_reset (settings, "map-view");

  window = td_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, demo_path, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "map");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the map");
  *page = TD_MAP_PAGE (td_window_get_area_widget (window, "map"));
  return window;
}

static void
close_demo_map (TdWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "map-tile-source");
  g_settings_reset (settings, "map-tile-url-template");
  g_settings_reset (settings, "map-view");
}

static void
test_map_page (void)
{
  g_autoptr(TileServer) ts = tile_server_new ();
  g_autofree char *closed = closed_port_template ();
  TdWindow *window;
  TdMapPage *page;
  TdPoiLayer *layer;
  TdPoi *shaolin;
  GtkPopover *popover;
  GPtrArray *results;
  guint before = 0, after = 0, points = 0;
  double x, y;

  g_settings_reset (settings, "map-hidden-categories");
  window = open_demo_map (ts, &page);
  g_assert_cmpstr (td_window_get_area (window), ==, "map");
  keep_popover_open (page);
  layer = td_map_page_get_poi_layer (page);
  g_assert_nonnull (td_poi_layer_get_pois (layer));
  g_assert_cmpuint (td_poi_layer_get_pois (layer)->len, ==, 26);
  td_test_ui_settle (GTK_WIDGET (window));

  /* the tiles came from our server, the places are drawn */
  g_assert_cmpuint (ts->n_requests, >, 0);
  g_assert_cmpstr (ts->user_agent, ==, TD_TILE_USER_AGENT);
  g_assert_null (td_map_page_get_problem (page));
  td_poi_layer_get_drawn (layer, &before, &points);
  before += points;
  g_assert_cmpuint (before, >, 0);
  td_test_ui_screenshot (GTK_WIDGET (window), "map");

  /* hide the attractions: only our hotels are left */
  td_map_page_set_category_visible (page, TD_POI_ATTRACTION, FALSE);
  td_test_ui_settle (GTK_WIDGET (window));
  shaolin = find_poi (page, "少林寺");
  g_assert_false (td_poi_layer_get_poi_position (layer, shaolin, &x, &y));
  {
    g_auto(GStrv) hidden = g_settings_get_strv (settings, "map-hidden-categories");

    g_assert_true (g_strv_contains ((const char * const *) hidden, "attraction"));
  }
  td_test_ui_screenshot (GTK_WIDGET (window), "map-hotels-only");
  td_map_page_set_category_visible (page, TD_POI_ATTRACTION, TRUE);
  td_test_ui_settle (GTK_WIDGET (window));
  td_poi_layer_get_drawn (layer, &after, &points);
  g_assert_cmpuint (after + points, >, 0);
  g_assert_true (td_poi_layer_get_poi_position (layer, shaolin, &x, &y));

  /* search: pinyin initials, listed and marked; fit the view to them */
  td_map_page_search (page, "sls");
  results = td_map_page_get_results (page);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_true (g_ptr_array_index (results, 0) == shaolin);
  td_map_page_search (page, "temple");
  results = td_map_page_get_results (page);
  g_assert_cmpuint (results->len, ==, 5);
  td_map_page_fit_results (page);
  td_test_ui_settle (GTK_WIDGET (window));
  /* (the list is made again as the entry's own search-changed comes) */
  results = td_map_page_get_results (page);
  g_assert_cmpuint (results->len, ==, 5);
  for (guint i = 0; i < results->len; i++)
    g_assert_true (td_poi_layer_get_poi_position (layer, g_ptr_array_index (results, i), &x, &y));
  td_test_ui_screenshot (GTK_WIDGET (window), "map-search");

  /* a click on a place opens its popover */
  g_assert_true (td_poi_layer_get_poi_position (layer, shaolin, &x, &y));
  g_assert_true (td_poi_layer_activate_at (layer, x, y));
  td_test_ui_wait_until (popover_shown, page, "the popover");
  popover = td_map_page_get_popover (page);
  g_assert_true (TD_IS_POI_POPOVER (popover));
  g_assert_true (td_poi_popover_get_poi (TD_POI_POPOVER (popover)) == shaolin);
  g_assert_true (td_poi_layer_get_selected (layer) == shaolin);
  td_test_ui_screenshot_with_popover (GTK_WIDGET (window), GTK_WIDGET (popover), "map-popover");

  /* a place to a day of an itinerary: the Shaolin tour's second day */
  {
    TdDatabase *db = td_window_get_database (window);
    g_autoptr(GError) error = NULL;
    g_autoptr(TdTourProduct) sl2 = td_tour_product_find (db, "SL2", &error);
    g_autoptr(GPtrArray) before_items = td_tour_items_list (db, sl2->id, &error);
    g_autoptr(GPtrArray) after_items = NULL;
    GtkWidget *dialog;
    guint n_before = before_items->len;

    gtk_widget_activate_action (GTK_WIDGET (popover), "win.add-to-itinerary", "s", shaolin->id);
    td_test_ui_wait_until (message_dialog_shown, NULL, "the itinerary dialog");
    dialog = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "少林寺"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (td_test_ui_find_widget (dialog, GTK_TYPE_DROP_DOWN, NULL)),
                                find_product_index (db, "SL2"));
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (td_test_ui_find_widget (dialog, GTK_TYPE_SPIN_BUTTON, NULL)), 2);
    td_test_ui_screenshot (dialog, "map-add-to-itinerary");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
    gtk_window_destroy (GTK_WINDOW (dialog));
    for (guint tries = 0; tries < 200; tries++)
      {
        g_clear_pointer (&after_items, g_ptr_array_unref);
        after_items = td_tour_items_list (db, sl2->id, &error);
        if (after_items->len > n_before)
          break;
        td_test_ui_wait_ms (20);
      }
    g_assert_cmpuint (after_items->len, ==, n_before + 1);
    {
      TdTourItem *last = NULL;

      for (guint i = 0; i < after_items->len; i++)
        if (((TdTourItem *) g_ptr_array_index (after_items, i))->day == 2)
          last = g_ptr_array_index (after_items, i);
      g_assert_nonnull (last);
      g_assert_cmpstr (last->poi_id, ==, shaolin->id);
      g_assert_cmpint (last->type, ==, TD_ITEM_ATTRACTION);
    }
  }

  /* an attraction's tickets: the Tickets area opens on it (the demo
   * sells Shaolin's, not the Longmen Grottoes') */
  {
    TdTicketsPage *tickets;

    gtk_widget_activate_action (GTK_WIDGET (popover), "win.sell-tickets", "s", shaolin->id);
    g_assert_cmpstr (td_window_get_area (window), ==, "tickets");
    tickets = TD_TICKETS_PAGE (td_window_get_area_widget (window, "tickets"));
    td_test_ui_wait_until (td_test_ui_window_ready, window, "the tickets");
    td_test_ui_settle (GTK_WIDGET (window));
    g_assert_cmpstr (td_tickets_page_get_attraction_id (tickets), ==, shaolin->id);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.sell-tickets", "s", find_poi (page, "龙门石窟")->id);
    td_test_ui_wait_until (td_test_ui_window_ready, window, "the tickets again");
    td_test_ui_settle (GTK_WIDGET (window));
    g_assert_cmpstr (td_tickets_page_get_attraction_id (tickets), ==, shaolin->id);
    g_assert_nonnull (strstr (td_tickets_page_get_last_message (tickets), "no time slots"));

    gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "map");
    td_test_ui_wait_until (td_test_ui_window_ready, window, "the map again");
  }

  /* places nearby, from the popover */
  g_signal_emit_by_name (popover, "nearby-requested", shaolin);
  td_test_ui_settle (GTK_WIDGET (window));
  results = td_map_page_get_results (page);
  g_assert_cmpuint (results->len, ==, 0);   /* 5 km: none */
  td_map_page_search (page, "");
  gtk_popover_popdown (popover);

  /* places near a point of the map (its right-click menu): Shaolin first */
  td_map_page_search_near_point (page, 34.52, 112.94);
  td_test_ui_settle (GTK_WIDGET (window));
  results = td_map_page_get_results (page);
  g_assert_cmpuint (results->len, >=, 1);
  g_assert_cmpstr (((TdPoi *) g_ptr_array_index (results, 0))->name, ==, "少林寺");
  td_test_ui_screenshot (GTK_WIDGET (window), "map-near-point");
  td_map_page_search (page, "");

  /* keyboard: from the list, Enter on a place opens it */
  td_map_page_search (page, "龙门");
  td_map_page_show_poi (page, g_ptr_array_index (td_map_page_get_results (page), 0));
  td_test_ui_wait_until (popover_shown, page, "the popover");
  g_assert_cmpstr (td_poi_popover_get_poi (TD_POI_POPOVER (td_map_page_get_popover (page)))->name, ==, "龙门石窟");
  gtk_popover_popdown (td_map_page_get_popover (page));
  td_map_page_search (page, "");

  /* no tiles: the map says so in words, the places still show */
  g_settings_set_string (settings, "map-tile-url-template", closed);
  td_test_ui_wait_until (has_problem, page, "the map to say tiles cannot load");
  g_assert_nonnull (strstr (td_map_page_get_problem (page), "127.0.0.1"));
  td_poi_layer_get_drawn (layer, &before, &points);
  g_assert_cmpuint (before + points, >, 0);
  td_test_ui_screenshot (GTK_WIDGET (window), "map-no-tiles");

  /* a wrong address in the settings: said too */
  g_settings_set_string (settings, "map-tile-url-template", "tiles.example.cn");
  g_assert_nonnull (td_map_page_get_problem (page));

  /* refreshing keeps the map working */
  g_settings_set_string (settings, "map-tile-url-template", ts->url_template);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the refresh");
  g_assert_cmpuint (td_poi_layer_get_pois (layer)->len, ==, 26);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "map-tile-source");
  g_settings_reset (settings, "map-tile-url-template");
}

static gboolean
origins_loaded (gpointer data)
{
  TdOriginLayer *layer = data;

  return !td_origin_layer_get_loading (layer) && td_origin_layer_get_n_origins (layer) > 0;
}

/* Where customers come from: circles over China, the biggest the demo's
 * home city; a tooltip names the place. */
static void
test_map_origins (void)
{
  g_autoptr(TileServer) ts = tile_server_new ();
  TdWindow *window;
  TdMapPage *page;
  TdOriginLayer *layer;
  ShumateViewport *viewport;
  g_autofree char *zhengzhou = NULL;
  g_autofree char *nothing = NULL;
  double x, y;

  window = open_demo_map (ts, &page);
  layer = td_map_page_get_origin_layer (page);

  /* hidden until asked for */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (layer)));
  td_map_page_set_origins_visible (page, TRUE);
  td_test_ui_wait_until (origins_loaded, layer, "the customer origins");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (layer)));
  g_assert_nonnull (strstr (td_origin_layer_get_summary (layer), "customers from"));

  /* all of China in view */
  viewport = shumate_map_get_viewport (td_map_page_get_map (page));
  td_test_ui_settle (GTK_WIDGET (window));
  shumate_map_center_on (td_map_page_get_map (page), 33.5, 110.0);
  shumate_viewport_set_zoom_level (viewport, 5);
  td_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 5);

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), 34.747, 113.625, &x, &y);
  zhengzhou = td_origin_layer_describe_at (layer, x, y);
  g_assert_nonnull (zhengzhou);
  g_assert_nonnull (strstr (zhengzhou, "Zhengzhou"));
  /* the middle of the sea: nothing */
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer), 25.0, 125.0, &x, &y);
  nothing = td_origin_layer_describe_at (layer, x, y);
  g_assert_null (nothing);
  td_test_ui_screenshot (GTK_WIDGET (window), "map-origins");

  /* off again */
  td_map_page_set_origins_visible (page, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (layer)));

  close_demo_map (window);
}

/* An itinerary: numbered stops, fitted into view, a banner that hides it. */
static void
test_map_route (void)
{
  g_autoptr(TileServer) ts = tile_server_new ();
  g_autoptr(TdRoute) route = td_route_new ("中原文化三日游");
  TdWindow *window;
  TdMapPage *page;
  TdRouteLayer *layer;
  TdPoi *shaolin, *longmen, *qingming;
  g_autofree char *first = NULL;
  double x, y;

  window = open_demo_map (ts, &page);
  layer = td_map_page_get_route_layer (page);
  td_test_ui_settle (GTK_WIDGET (window));

  shaolin = find_poi (page, "少林寺");
  longmen = find_poi (page, "龙门石窟");
  qingming = find_poi (page, "清明上河园");
  td_route_add_stop (route, 1, shaolin->name, shaolin->lat, shaolin->lon);
  td_route_add_stop (route, 2, longmen->name, longmen->lat, longmen->lon);
  td_route_add_stop (route, 3, qingming->name, qingming->lat, qingming->lon);
  td_map_page_show_route (page, route);
  td_test_ui_settle (GTK_WIDGET (window));

  /* every stop in view */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (td_route_layer_get_stop_position (layer, i, &x, &y));
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (y, >, 0);
      g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (layer)));
      g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (layer)));
    }
  g_assert_true (td_route_layer_get_stop_position (layer, 0, &x, &y));
  first = td_route_layer_describe_at (layer, x, y);
  g_assert_nonnull (strstr (first, "1. Day 1: 少林寺"));
  g_assert_nonnull (strstr (first, "km"));
  td_test_ui_screenshot (GTK_WIDGET (window), "map-route");

  td_map_page_show_route (page, NULL);
  g_assert_null (td_map_page_get_route (page));
  g_assert_false (td_route_layer_get_stop_position (layer, 0, &x, &y));

  close_demo_map (window);
}

/* narrow: the search and categories fold away behind a button */
static void
test_map_narrow (void)
{
  TdWindow *window;
  TdMapPage *page;

  g_settings_set_string (settings, "map-tile-source", "mbtiles");
  g_settings_set_string (settings, "map-mbtiles-path", "/nonexistent/henan.mbtiles");
  window = td_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, demo_path, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "map");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the map");
  page = TD_MAP_PAGE (td_window_get_area_widget (window, "map"));
  g_assert_nonnull (td_map_page_get_problem (page));
  td_test_ui_screenshot (GTK_WIDGET (window), "map-narrow-no-mbtiles");
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "map-tile-source");
  g_settings_reset (settings, "map-mbtiles-path");
}

/* Preferences → Map: where the tiles come from */
static void
test_map_preferences (void)
{
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = td_map_preferences_page_new ();
  g_autofree char *mbtiles = g_build_filename (home, "prefs.mbtiles", NULL);
  g_autofree char *value = NULL;
  AdwComboRow *combo;
  AdwEntryRow *entry;

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  combo = ADW_COMBO_ROW (td_test_ui_find_widget (page, ADW_TYPE_COMBO_ROW, NULL));
  entry = ADW_ENTRY_ROW (td_test_ui_find_widget (page, ADW_TYPE_ENTRY_ROW, NULL));
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (entry)));

  /* a tile server: the address is checked before it is kept */
  adw_combo_row_set_selected (combo, 1);
  value = g_settings_get_string (settings, "map-tile-source");
  g_assert_cmpstr (value, ==, "template");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "tiles.example.cn/{z}/{x}/{y}.png");
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "map-tile-url-template");
  g_assert_cmpstr (value, ==, "");
  td_test_ui_screenshot (window, "preferences-map-invalid");
  gtk_editable_set_text (GTK_EDITABLE (entry), "https://tiles.example.cn/{z}/{x}/{y}.png");
  g_signal_emit_by_name (entry, "apply");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "map-tile-url-template");
  g_assert_cmpstr (value, ==, "https://tiles.example.cn/{z}/{x}/{y}.png");

  /* an offline file, chosen elsewhere: the page follows, and checks it */
  make_mbtiles (mbtiles, "png");
  g_settings_set_string (settings, "map-mbtiles-path", mbtiles);
  g_settings_set_string (settings, "map-tile-source", "mbtiles");
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (entry)));
  td_test_ui_screenshot (window, "preferences-map");

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "map-tile-source");
  g_settings_reset (settings, "map-tile-url-template");
  g_settings_reset (settings, "map-mbtiles-path");
}

/* Simplified Chinese, when the locale can be had (test-ui.c compiles one
 * beside the tests) */
static void
test_map_chinese (void)
{
  g_autofree char *saved_locale = NULL;
  g_autoptr(TileServer) ts = tile_server_new ();
  TdWindow *window;
  TdMapPage *page;
  TdPoi *poi = NULL;
  GPtrArray *pois;

  saved_locale = td_test_ui_enter_zh_cn ();
  if (saved_locale == NULL)
    return;
  g_assert_cmpstr (_("Map"), ==, "地图");

  g_settings_set_string (settings, "map-tile-source", "template");
  g_settings_set_string (settings, "map-tile-url-template", ts->url_template);
  window = td_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, demo_path, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "map");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the map");
  page = TD_MAP_PAGE (td_window_get_area_widget (window, "map"));
  keep_popover_open (page);

  pois = td_poi_layer_get_pois (td_map_page_get_poi_layer (page));
  for (guint i = 0; i < pois->len; i++)
    if (g_str_equal (((TdPoi *) g_ptr_array_index (pois, i))->name, "清明上河园"))
      poi = g_ptr_array_index (pois, i);
  g_assert_nonnull (poi);
  td_map_page_search (page, "开封");
  td_map_page_fit_results (page);
  td_test_ui_settle (GTK_WIDGET (window));
  td_map_page_show_poi (page, poi);
  td_test_ui_wait_until (popover_shown, page, "the popover");
  td_test_ui_screenshot_with_popover (GTK_WIDGET (window), GTK_WIDGET (td_map_page_get_popover (page)), "zh_CN-map-popover");
  gtk_popover_popdown (td_map_page_get_popover (page));
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "map-tile-source");
  g_settings_reset (settings, "map-tile-url-template");
  td_test_ui_leave_zh_cn (saved_locale);
}

/* ------------------------------------------------------------------ */
/* a place's availability and bookings (issue 7)                      */

static gboolean
availability_shown (gpointer data)
{
  TdMapPage *page = data;
  GtkPopover *popover = td_map_page_get_popover (page);
  g_autofree char *text = NULL;

  if (popover == NULL || td_poi_popover_get_loading (TD_POI_POPOVER (popover)))
    return FALSE;
  text = td_poi_popover_get_availability_text (TD_POI_POPOVER (popover));
  return text != NULL && *text != '\0';
}

static gboolean
bookings_loaded (gpointer data)
{
  GtkWidget *window = td_test_ui_find_toplevel (TD_TYPE_POI_BOOKINGS_WINDOW);

  return window && !td_poi_bookings_window_get_loading (TD_POI_BOOKINGS_WINDOW (window));
}

/* Opens the popover of the place called name (searched for by search)
 * and waits for its availability: its text. */
static char *
open_availability (TdWindow   *window,
                   TdMapPage  *page,
                   const char *search,
                   const char *name)
{
  GtkPopover *popover;
  TdPoi *poi;

  td_map_page_search (page, search);
  td_map_page_fit_results (page);
  td_test_ui_settle (GTK_WIDGET (window));
  poi = find_poi (page, name);
  td_map_page_show_poi (page, poi);
  td_test_ui_wait_until (popover_shown, page, "the popover");
  td_test_ui_wait_until (availability_shown, page, "the availability");
  popover = td_map_page_get_popover (page);
  return td_poi_popover_get_availability_text (TD_POI_POPOVER (popover));
}

/* Shaolin: today's slots with the places left, one with the platform's
 * quota as of a time; its bookings (tickets sold, tour bookings of SL2,
 * whose itinerary visits it) in a window, a ticket opened in the Tickets
 * area. One of our hotels: rooms free tonight, its stays. In English and
 * Simplified Chinese. */
static void
check_bookings (const char *prefix)
{
  g_autoptr(TileServer) ts = tile_server_new ();
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) sold = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *today = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *as_of = NULL;
  TdWindow *window;
  TdMapPage *page;
  TdDatabase *db;
  TdPoi *shaolin;
  GtkWidget *bookings;
  GListModel *model;
  TdTicketSale sale = { 0 };
  TdDeskTime now;
  guint n_tickets = 0, n_tours = 0, n_stays = 0;

  window = open_demo_map (ts, &page);
  keep_popover_open (page);
  db = td_window_get_database (window);
  shaolin = find_poi (page, "少林寺");
  td_desk_time_init_now (&now, db);
  today = td_date_format_iso (now.today);

  /* the platform said 12 places were left in the first slot this morning;
   * two tickets sold in the second */
  slots = td_tickets_list_slots (db, shaolin->id, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 4);
  {
    g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();

    as_of = g_date_time_format_iso8601 (utc);
  }
  g_assert_true (td_tickets_set_quota (db, ((TdSlot *) g_ptr_array_index (slots, 0))->id, 12, as_of, &error));
  g_assert_no_error (error);
  sale.poi_id = shaolin->id;
  sale.date = today;
  sale.start_time = ((TdSlot *) g_ptr_array_index (slots, 1))->start_time;
  sale.type = TD_TICKET_ADULT;
  sale.count = 2;
  sold = td_tickets_sell (db, "test", &sale, &error);
  g_assert_no_error (error);

  text = open_availability (window, page, "sls", "少林寺");
  g_test_message ("%s", text);
  if (g_str_equal (prefix, ""))
    {
      g_assert_nonnull (strstr (text, "08:30–10:30 · 12 left"));
      g_assert_nonnull (strstr (text, "Places left as of "));
    }
  g_assert_nonnull (strstr (text, "10:30–13:00 · "));
  shot = g_strconcat (prefix, "map-popover-availability", NULL);
  td_test_ui_screenshot_with_popover (GTK_WIDGET (window), GTK_WIDGET (td_map_page_get_popover (page)), shot);
  g_clear_pointer (&shot, g_free);

  /* another day: the slots of tomorrow, no quota known */
  td_poi_popover_set_date (TD_POI_POPOVER (td_map_page_get_popover (page)), now.today + 1);
  td_test_ui_wait_until (availability_shown, page, "tomorrow's availability");
  g_clear_pointer (&text, g_free);
  text = td_poi_popover_get_availability_text (TD_POI_POPOVER (td_map_page_get_popover (page)));
  g_assert_nonnull (strstr (text, "08:30–10:30 · "));
  if (g_str_equal (prefix, ""))
    g_assert_nonnull (strstr (text, "08:30–10:30 · 30 left"));

  /* its bookings */
  g_signal_emit_by_name (td_map_page_get_popover (page), "bookings-requested", shaolin);
  td_test_ui_wait_until (bookings_loaded, NULL, "the bookings");
  bookings = td_test_ui_find_toplevel (TD_TYPE_POI_BOOKINGS_WINDOW);
  model = td_poi_bookings_window_get_model (TD_POI_BOOKINGS_WINDOW (bookings));
  /* from today on: today's tickets, not SL2's departure of four days ago
   * (the next has no booking in this small demo) */
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TdPoiBooking) booking = g_list_model_get_item (model, i);

      g_assert_cmpint (td_poi_booking_get_kind (booking), ==, TD_POI_BOOKING_TICKET);
    }
  td_poi_bookings_window_set_past (TD_POI_BOOKINGS_WINDOW (bookings), TRUE);
  td_test_ui_wait_until (bookings_loaded, NULL, "the past bookings");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TdPoiBooking) booking = g_list_model_get_item (model, i);

      switch (td_poi_booking_get_kind (booking))
        {
        case TD_POI_BOOKING_TICKET:
          n_tickets++;
          break;
        case TD_POI_BOOKING_TOUR:
          n_tours++;
          break;
        case TD_POI_BOOKING_STAY:
          n_stays++;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (n_tickets, >=, 2);
  g_assert_cmpuint (n_tours, >, 0);
  g_assert_cmpuint (n_stays, ==, 0);
  gtk_window_set_default_size (GTK_WINDOW (bookings), 820, 520);
  td_test_ui_settle (bookings);
  shot = g_strconcat (prefix, "map-bookings", NULL);
  td_test_ui_screenshot (bookings, shot);
  g_clear_pointer (&shot, g_free);

  /* a tour booking opens the Tours area on its departure */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TdPoiBooking) booking = g_list_model_get_item (model, i);

      if (td_poi_booking_get_kind (booking) != TD_POI_BOOKING_TOUR)
        continue;
      td_poi_bookings_window_open (TD_POI_BOOKINGS_WINDOW (bookings), i);
      g_assert_cmpstr (td_window_get_area (window), ==, "tours");
      td_test_ui_wait_until (td_test_ui_window_ready, window, "the tours");
      g_assert_cmpstr (td_tours_page_get_departure_id (TD_TOURS_PAGE (td_window_get_area_widget (window, "tours"))),
                       ==, td_poi_booking_get_owner_id (booking));
      break;
    }

  /* a ticket opens the Tickets area on its attraction */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TdPoiBooking) booking = g_list_model_get_item (model, i);

      if (td_poi_booking_get_kind (booking) != TD_POI_BOOKING_TICKET)
        continue;
      td_poi_bookings_window_open (TD_POI_BOOKINGS_WINDOW (bookings), i);
      break;
    }
  g_assert_cmpstr (td_window_get_area (window), ==, "tickets");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the tickets");
  g_assert_cmpstr (td_tickets_page_get_attraction_id (TD_TICKETS_PAGE (td_window_get_area_widget (window, "tickets"))),
                   ==, shaolin->id);
  gtk_window_destroy (GTK_WINDOW (bookings));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "map");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the map again");

  /* one of our hotels: its rooms tonight, its stays */
  {
    TdPoi *hotel = NULL;
    GPtrArray *pois = td_poi_layer_get_pois (td_map_page_get_poi_layer (page));

    for (guint i = 0; i < pois->len && hotel == NULL; i++)
      if (((TdPoi *) g_ptr_array_index (pois, i))->category == TD_POI_PROPERTY)
        hotel = g_ptr_array_index (pois, i);
    g_assert_nonnull (hotel);
    g_clear_pointer (&text, g_free);
    text = open_availability (window, page, hotel->name, hotel->name);
    g_test_message ("%s", text);
    if (g_str_equal (prefix, ""))
      g_assert_nonnull (strstr (text, " rooms"));
    shot = g_strconcat (prefix, "map-popover-rooms", NULL);
    td_test_ui_screenshot_with_popover (GTK_WIDGET (window), GTK_WIDGET (td_map_page_get_popover (page)), shot);
    g_clear_pointer (&shot, g_free);

    g_signal_emit_by_name (td_map_page_get_popover (page), "bookings-requested", hotel);
    td_test_ui_wait_until (bookings_loaded, NULL, "the stays");
    bookings = td_test_ui_find_toplevel (TD_TYPE_POI_BOOKINGS_WINDOW);
    model = td_poi_bookings_window_get_model (TD_POI_BOOKINGS_WINDOW (bookings));
    g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
    {
      g_autoptr(TdPoiBooking) first = g_list_model_get_item (model, 0);

      g_assert_cmpint (td_poi_booking_get_kind (first), ==, TD_POI_BOOKING_STAY);
    }
    /* a stay opens its folio */
    td_poi_bookings_window_open (TD_POI_BOOKINGS_WINDOW (bookings), 0);
    {
      GtkWidget *folio = td_test_ui_find_toplevel (TD_TYPE_FOLIO_DIALOG);

      g_assert_nonnull (folio);
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (folio)) == GTK_WINDOW (bookings));
      gtk_window_destroy (GTK_WINDOW (folio));
    }
    gtk_window_destroy (GTK_WINDOW (bookings));
  }

  gtk_popover_popdown (td_map_page_get_popover (page));
  td_map_page_search (page, "");
  close_demo_map (window);
}

static void
test_map_bookings (void)
{
  check_bookings ("");
}

static void
test_map_bookings_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();

  if (saved_locale == NULL)
    return;
  check_bookings ("zh_CN-");
  td_test_ui_leave_zh_cn (saved_locale);
}

/* ------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) database = NULL;
  TdDemoOptions options;
  GTestDBus *bus;
  int status;

  /* Our own XDG folders, the tile cache among them. */
  home = td_test_ui_init (&argc, &argv, "tourdesk-map-XXXXXX");
  /* the map's go-to takes 400 ms */
  td_test_ui_set_settle_pause (600);
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();
  settings = g_settings_new (APPLICATION_ID);

  demo_path = g_build_filename (home, "demo.tourdesk", NULL);
  td_demo_options_init (&options);
  options.customers = 50;
  database = td_demo_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_test_add_func ("/map/tiles/templates", test_tile_templates);
  g_test_add_func ("/map/tiles/loopback", test_tiles_loopback);
  g_test_add_func ("/map/tiles/unreachable", test_tiles_unreachable);
  g_test_add_func ("/map/tiles/cache-trim", test_tile_cache_trim);
  g_test_add_func ("/map/tiles/mbtiles", test_mbtiles);
  g_test_add ("/map/layer/clusters", LayerFixture, NULL,
              layer_fixture_set_up, test_layer_clusters, layer_fixture_tear_down);
  g_test_add_func ("/map/page", test_map_page);
  g_test_add_func ("/map/origins", test_map_origins);
  g_test_add_func ("/map/route", test_map_route);
  g_test_add_func ("/map/narrow", test_map_narrow);
  g_test_add_func ("/map/preferences", test_map_preferences);
  g_test_add_func ("/map/zh_CN", test_map_chinese);
  g_test_add_func ("/map/bookings", test_map_bookings);
  g_test_add_func ("/map/bookings/zh_CN", test_map_bookings_chinese);

  status = g_test_run ();

  g_clear_object (&settings);
  g_clear_object (&app);
  g_free (demo_path);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
