/* td-geo.h: coordinates on the Earth, and the Chinese map datums
 *
 * Tourdesk stores WGS-84 (what GPS and OpenStreetMap use). Chinese map
 * providers publish shifted coordinates:
 *
 *   GCJ-02  the national "offset" datum (AMap/Gaode, Tencent, Google in
 *           mainland China): WGS-84 moved by a few hundred metres, by a
 *           public formula;
 *   BD-09   Baidu's datum: GCJ-02 moved once more (about 0.006° north and
 *           0.0065° east, with a small rotation).
 *
 * The forward formulas are exact by definition; the inverses have no closed
 * form and are computed by iteration until the round trip differs by less
 * than 1e-9° (a tenth of a millimetre). Outside China (a rectangle around
 * it, as every implementation of the formula uses) there is no offset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TD_CRS_WGS84,
  TD_CRS_GCJ02,
  TD_CRS_BD09,
} TdCrs;

/* The mean radius of the Earth (IUGG), for distances. */
#define TD_GEO_EARTH_RADIUS_M 6371008.8

/* "wgs84", "gcj02", "bd09": the names stored in pois.source_crs */
const char *td_crs_to_string       (TdCrs        crs);
/* Accepts those names in any case, with or without a hyphen (WGS-84,
 * GCJ-02, BD-09, bd09ll), and the EPSG code of WGS-84 (EPSG:4326,
 * urn:ogc:def:crs:OGC:1.3:CRS84). */
gboolean    td_crs_from_string     (const char  *text,
                                    TdCrs       *crs);

/* Whether lat is in [-90, 90] and lon in [-180, 180], both finite. */
gboolean    td_geo_is_valid        (double       lat,
                                    double       lon);
/* Where the GCJ-02 offset applies. */
gboolean    td_geo_in_china        (double       lat,
                                    double       lon);

void        td_geo_wgs84_to_gcj02  (double       lat,
                                    double       lon,
                                    double      *out_lat,
                                    double      *out_lon);
void        td_geo_gcj02_to_wgs84  (double       lat,
                                    double       lon,
                                    double      *out_lat,
                                    double      *out_lon);
void        td_geo_gcj02_to_bd09   (double       lat,
                                    double       lon,
                                    double      *out_lat,
                                    double      *out_lon);
void        td_geo_bd09_to_gcj02   (double       lat,
                                    double       lon,
                                    double      *out_lat,
                                    double      *out_lon);

/* From crs to WGS-84, and back. */
void        td_geo_to_wgs84        (TdCrs        crs,
                                    double       lat,
                                    double       lon,
                                    double      *out_lat,
                                    double      *out_lon);
void        td_geo_from_wgs84      (TdCrs        crs,
                                    double       lat,
                                    double       lon,
                                    double      *out_lat,
                                    double      *out_lon);

/* Great-circle distance in metres (haversine, on a sphere of the mean
 * radius: within 0.5 % of the ellipsoid). */
double      td_geo_distance        (double       lat1,
                                    double       lon1,
                                    double       lat2,
                                    double       lon2);

/* A latitude/longitude box holding every point within radius_m of
 * (lat, lon), for a quick indexed filter before td_geo_distance(). Near a
 * pole or across the 180° meridian the longitudes span the whole range. */
void        td_geo_bounding_box    (double       lat,
                                    double       lon,
                                    double       radius_m,
                                    double      *min_lat,
                                    double      *max_lat,
                                    double      *min_lon,
                                    double      *max_lon);

G_END_DECLS
