/* td-map-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-map-sources.h"
#include "td-mbtiles-source.h"
#include "td-tile-source.h"

#define TILE_SIZE 256
#define MAX_ZOOM  19
/* about 20,000 tiles of OpenStreetMap */
#define CACHE_MAX_BYTES (500 * 1000 * 1000)

char *
td_map_source_cache_dir (const char *url_template)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url_template, -1);
  g_autofree char *key = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *example = td_tile_source_expand (url_template, 0, 0, 0);

  /* the host, for people looking in the folder, and a hash for the rest */
  uri = g_uri_parse (example, G_URI_FLAGS_NONE, NULL);
  key = g_strdup_printf ("%s-%.12s", uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : "tiles", hash);
  g_strdelimit (key, "/\\:", '_');
  return g_build_filename (g_get_user_cache_dir (), "tourdesk", "tiles", key, NULL);
}

gboolean
td_data_source_check_tile (GTask *task,
                           int    x,
                           int    y,
                           int    z)
{
  if (z < 0 || z > 30 || x < 0 || y < 0 || x >= (1 << z) || y >= (1 << z))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "No tile %d/%d/%d", z, x, y);
      return FALSE;
    }
  return TRUE;
}

void
td_data_source_return_tile (GTask  *task,
                            int     x,
                            int     y,
                            int     z,
                            GBytes *bytes)
{
  g_signal_emit_by_name (g_task_get_source_object (task), "received-data", x, y, z, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

void
td_data_source_set_problem (gpointer     source,
                            char       **problem,
                            const char  *text,
                            GParamSpec  *pspec)
{
  if (g_strcmp0 (*problem, text) == 0)
    return;
  g_free (*problem);
  *problem = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (source), pspec);
}

static ShumateMapSource *
raster_source (const char        *id,
               const char        *name,
               const char        *license,
               const char        *license_uri,
               guint              min_zoom,
               guint              max_zoom,
               ShumateDataSource *data_source)
{
  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (id, name, license, license_uri,
                                                               min_zoom, max_zoom, TILE_SIZE,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               data_source));
}

ShumateMapSource *
td_map_source_new_for_template (const char *url_template,
                                const char *license,
                                gboolean    cache)
{
  g_autofree char *cache_dir = cache ? td_map_source_cache_dir (url_template) : NULL;
  g_autoptr(TdTileSource) data_source = td_tile_source_new (url_template, cache_dir);
  g_autofree char *id = g_strconcat ("td-template-", url_template, NULL);

  return raster_source (id, _("Tile server"), license ? license : "", "", 0, MAX_ZOOM,
                        SHUMATE_DATA_SOURCE (data_source));
}

ShumateMapSource *
td_map_source_new_for_mbtiles (const char  *path,
                               GError     **error)
{
  g_autoptr(TdMbtilesSource) data_source = td_mbtiles_source_new (path, error);
  g_autofree char *id = NULL;

  if (data_source == NULL)
    return NULL;
  id = g_strconcat ("td-mbtiles-", path, NULL);
  return raster_source (id, td_mbtiles_source_get_name (data_source),
                        td_mbtiles_source_get_attribution (data_source), "",
                        td_mbtiles_source_get_min_zoom (data_source),
                        td_mbtiles_source_get_max_zoom (data_source),
                        SHUMATE_DATA_SOURCE (data_source));
}

static ShumateMapSource *
failing_source (const GError *error)
{
  g_autoptr(TdTileSource) data_source = td_tile_source_new_failing (error);

  return raster_source ("td-none", _("No map"), "", "", 0, MAX_ZOOM, SHUMATE_DATA_SOURCE (data_source));
}

ShumateMapSource *
td_map_source_new_from_settings (GSettings *settings)
{
  g_autofree char *kind = g_settings_get_string (settings, "map-tile-source");
  g_autofree char *cache_root = g_build_filename (g_get_user_cache_dir (), "tourdesk", "tiles", NULL);
  g_autoptr(GError) error = NULL;

  /* the tiles of every server kept together, within CACHE_MAX_BYTES */
  td_tile_cache_trim_in_thread (cache_root, CACHE_MAX_BYTES);

  if (g_str_equal (kind, "template"))
    {
      g_autofree char *url_template = g_settings_get_string (settings, "map-tile-url-template");
      g_autofree char *problem = td_tile_source_check_template (url_template);

      if (problem == NULL)
        return td_map_source_new_for_template (url_template, "", TRUE);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The tile server address in Preferences does not work: %s"), problem);
      return failing_source (error);
    }

  if (g_str_equal (kind, "mbtiles"))
    {
      g_autofree char *path = g_settings_get_string (settings, "map-mbtiles-path");
      ShumateMapSource *source;

      if (*path == '\0')
        {
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("No offline map file is chosen in Preferences"));
          return failing_source (error);
        }
      source = td_map_source_new_for_mbtiles (path, &error);
      return source ? source : failing_source (error);
    }

  /* OpenStreetMap's tile policy wants the attribution shown */
  {
    ShumateMapSource *source = td_map_source_new_for_template (TD_OSM_URL_TEMPLATE,
                                                               _("© OpenStreetMap contributors"), TRUE);

    shumate_map_source_set_id (source, "td-osm");
    shumate_map_source_set_name (source, "OpenStreetMap");
    shumate_map_source_set_license_uri (source, "https://www.openstreetmap.org/copyright");
    return source;
  }
}

ShumateDataSource *
td_map_source_get_data_source (ShumateMapSource *source)
{
  ShumateDataSource *data_source = NULL;

  g_return_val_if_fail (SHUMATE_IS_MAP_SOURCE (source), NULL);

  if (!SHUMATE_IS_RASTER_RENDERER (source))
    return NULL;
  g_object_get (source, "data-source", &data_source, NULL);
  /* the renderer keeps it */
  if (data_source)
    g_object_unref (data_source);
  return data_source;
}

char *
td_map_source_dup_problem (ShumateMapSource *source)
{
  ShumateDataSource *data_source = td_map_source_get_data_source (source);

  if (TD_IS_TILE_SOURCE (data_source))
    return g_strdup (td_tile_source_get_problem (TD_TILE_SOURCE (data_source)));
  if (TD_IS_MBTILES_SOURCE (data_source))
    return g_strdup (td_mbtiles_source_get_problem (TD_MBTILES_SOURCE (data_source)));
  return NULL;
}
