/* td-mbtiles-source.h: map tiles from an MBTiles file, offline
 *
 * MBTiles (https://github.com/mapbox/mbtiles-spec) is an SQLite file with a
 * "tiles" table (zoom_level, tile_column, tile_row, tile_data; rows counted
 * from the south, TMS style) and a "metadata" table of name/value pairs.
 * Only raster tiles can be shown: Debian 12's libshumate has no vector
 * renderer.
 *
 * Tiles are read in a worker thread, on a connection of their own; as
 * ShumateRasterRenderer 1.0.3 needs, "received-data" is emitted before the
 * bytes are returned. A tile the file does not have is G_IO_ERROR_NOT_FOUND
 * (the map shows its background there); "problem" is set only when the file
 * cannot be read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define TD_TYPE_MBTILES_SOURCE (td_mbtiles_source_get_type ())

G_DECLARE_FINAL_TYPE (TdMbtilesSource, td_mbtiles_source, TD, MBTILES_SOURCE, ShumateDataSource)

/* Opens path and checks it is a raster MBTiles file; NULL with a
 * G_IO_ERROR (translated message) when it is not. */
TdMbtilesSource *td_mbtiles_source_new             (const char      *path,
                                                    GError         **error);

const char      *td_mbtiles_source_get_path        (TdMbtilesSource *self);
/* From the metadata; the file name, "", 0 and 19 when it does not say. */
const char      *td_mbtiles_source_get_name        (TdMbtilesSource *self);
const char      *td_mbtiles_source_get_attribution (TdMbtilesSource *self);
guint            td_mbtiles_source_get_min_zoom    (TdMbtilesSource *self);
guint            td_mbtiles_source_get_max_zoom    (TdMbtilesSource *self);
/* The area the file covers, when its metadata says (west, south, east,
 * north in degrees); FALSE otherwise. */
gboolean         td_mbtiles_source_get_bounds      (TdMbtilesSource *self,
                                                    double          *west,
                                                    double          *south,
                                                    double          *east,
                                                    double          *north);
const char      *td_mbtiles_source_get_problem     (TdMbtilesSource *self);

G_END_DECLS
