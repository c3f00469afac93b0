/* td-map-sources.h: the map's background, as the settings choose it
 *
 * GSettings org.tourdesk.Tourdesk:
 *   map-tile-source        "osm" (default), "template" or "mbtiles"
 *   map-tile-url-template  for "template"
 *   map-mbtiles-path       for "mbtiles"
 *
 * Tiles from a server are kept under $XDG_CACHE_HOME/tourdesk/tiles/<one
 * folder per server address>, 500 MB at most (the least recently fetched
 * go first, checked once a run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define TD_OSM_URL_TEMPLATE "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

/* A raster map source for the settings; never NULL. When they cannot work
 * (no address, a missing or unreadable MBTiles file), every tile of the
 * source fails and td_map_source_dup_problem() says why. */
ShumateMapSource *td_map_source_new_from_settings (GSettings        *settings);

/* A raster map source for a tile server (cache under the user's cache
 * folder when cache is TRUE), or for an MBTiles file (NULL with an error). */
ShumateMapSource *td_map_source_new_for_template  (const char       *url_template,
                                                   const char       *license,
                                                   gboolean          cache);
ShumateMapSource *td_map_source_new_for_mbtiles   (const char       *path,
                                                   GError          **error);

/* The data source of a source made above (a TdTileSource or a
 * TdMbtilesSource), and why its tiles do not load: NULL while they do. Its
 * "problem" property says when that changes. */
ShumateDataSource *td_map_source_get_data_source  (ShumateMapSource *source);
char             *td_map_source_dup_problem       (ShumateMapSource *source);

/* The folder of the tiles kept for url_template. */
char             *td_map_source_cache_dir         (const char       *url_template);

/* For the data sources (TdTileSource, TdMbtilesSource). */

/* Whether x/y/z names a tile of the world; when not, returns an error to
 * task. */
gboolean          td_data_source_check_tile       (GTask            *task,
                                                   int               x,
                                                   int               y,
                                                   int               z);
/* Hands bytes to the raster renderer ("received-data" of the task's source
 * object), then to the caller of task. */
void              td_data_source_return_tile      (GTask            *task,
                                                   int               x,
                                                   int               y,
                                                   int               z,
                                                   GBytes           *bytes);
/* Sets *problem to text, notifying pspec of source when it changes. */
void              td_data_source_set_problem      (gpointer          source,
                                                   char            **problem,
                                                   const char       *text,
                                                   GParamSpec       *pspec);

G_END_DECLS
