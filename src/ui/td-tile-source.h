/* td-tile-source.h: map tiles from a tile server, with Tourdesk's own
 * User-Agent and an on-disk cache
 *
 * libshumate 1.0.3's ShumateTileDownloader sends "libshumate/1.0.3" as its
 * User-Agent whatever the application says, and OpenStreetMap's tile policy
 * asks for one that names the application. This ShumateDataSource fetches
 * with libsoup itself:
 *
 *  - User-Agent "Tourdesk/<version> (+https://github.com/tourdesk/tourdesk)";
 *  - tiles kept under cache_dir/<z>/<x>/<y>, used for 7 days, then checked
 *    again with If-Modified-Since; a kept tile is shown at once, and is still
 *    used when the server cannot be reached (a desk may be offline);
 *  - every request completes, cancelled or failed ones with an error, and
 *    "received-data" is emitted before the bytes are returned, which is
 *    what ShumateRasterRenderer 1.0.3 draws from;
 *  - "problem" says in words why tiles cannot be loaded (no network, the
 *    server refuses), NULL again once one loads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define TD_TILE_USER_AGENT "Tourdesk/" PACKAGE_VERSION " (+https://github.com/tourdesk/tourdesk)"

/* a kept tile is used without asking the server for this long */
#define TD_TILE_CACHE_FRESH_SECONDS (7 * 24 * 3600)

#define TD_TYPE_TILE_SOURCE (td_tile_source_get_type ())

G_DECLARE_FINAL_TYPE (TdTileSource, td_tile_source, TD, TILE_SOURCE, ShumateDataSource)

/* url_template: http(s) with {z}, {x} and {y} or {-y} (TMS rows; {tmsy}
 * too). cache_dir: where to keep tiles, or NULL for no cache. */
TdTileSource *td_tile_source_new             (const char   *url_template,
                                              const char   *cache_dir);
/* A source whose every tile fails with error: for settings that cannot
 * work, so that the map still shows its places and says why. */
TdTileSource *td_tile_source_new_failing     (const GError *error);

const char   *td_tile_source_get_url_template (TdTileSource *self);
const char   *td_tile_source_get_cache_dir    (TdTileSource *self);
/* Why tiles do not load, in words; NULL while they do. */
const char   *td_tile_source_get_problem      (TdTileSource *self);
/* Requests sent to the server (not counting the cache), for tests. */
guint         td_tile_source_get_n_requests   (TdTileSource *self);

/* The URL of tile (x, y) at zoom z. */
char         *td_tile_source_expand           (const char   *url_template,
                                              int           x,
                                              int           y,
                                              int           z);
/* NULL when text can be a tile URL template, otherwise why not (translated). */
char         *td_tile_source_check_template   (const char   *text);

/* Keeps the tiles under dir (every tile server's folder) within max_bytes:
 * when they are more, the least recently fetched go until they are 80 % of
 * it. Returns how many bytes it freed. Blocks: call it from a worker thread,
 * or use td_tile_cache_trim_in_thread(). */
guint64       td_tile_cache_trim              (const char   *dir,
                                              guint64       max_bytes);
/* Once a run of the program, in a worker thread. */
void          td_tile_cache_trim_in_thread    (const char   *dir,
                                              guint64       max_bytes);

/* Whether bytes hold an image the raster renderer can decode (PNG, JPEG,
 * GIF, and WebP when gdk-pixbuf has a loader): anything else would only
 * give a warning and a blank tile. */
gboolean      td_tile_bytes_is_image          (GBytes       *bytes);

G_END_DECLS
