/* td-poi-entry.h: one place entered by a clerk
 *
 * A clerk adds an attraction, a hotel or a restaurant by hand, its position
 * pasted from a map site: "34.7466, 113.6253" or AMap's "113.6253,34.7466"
 * (longitude first); in China the two cannot be confused, so either order
 * is read. The position is in the system the clerk names (AMap and Tencent
 * give GCJ-02, Baidu BD-09, a GPS WGS-84) and is kept in WGS-84, the system
 * recorded. The place is then added, or, when the workspace has a place of
 * that name within a few hundred metres, updated (td-poi-import.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-geo.h"
#include "td-poi.h"

G_BEGIN_DECLS

/* "lat, lon" or "lon, lat" (commas, spaces, "，" or "/" between). */
gboolean   td_poi_entry_parse_position (const char   *text,
                                        double       *lat,
                                        double       *lon,
                                        GError      **error);

/* Checks poi (a name, a position; poi->lat/lon in crs), converts it to
 * WGS-84 and adds or updates it; the place's id. */
char      *td_poi_entry_save           (TdDatabase   *db,
                                        TdPoi        *poi,
                                        TdCrs         crs,
                                        GError      **error);

G_END_DECLS
