/* td-poi-import.h: points of interest from GeoJSON and CSV files
 *
 * GeoJSON: a FeatureCollection (or one Feature) of Point features, the
 * fields in "properties". CSV: a header row, then one place a row; comma,
 * semicolon or tab separated, RFC 4180 quoting. Text in UTF-8 (with or
 * without a byte order mark), UTF-16 with a byte order mark, or GB18030
 * (what Excel saves on a Chinese Windows).
 *
 * Field names may be English or Chinese (td-poi-import.c lists them all):
 * name/名称, name_en/英文名, category/类别, rating/等级, province/省份,
 * city/城市, address/地址, opening_hours/开放时间, ticket_price/门票,
 * lat/纬度, lon/经度, and crs/坐标系.
 *
 * Coordinate system: the caller may say which one the file uses; the file
 * may say it too, in a top-level "crs" or "coordsys" member (GeoJSON) or in
 * a crs/coordsys/坐标系 field of each place (also AMap's names: gps,
 * autonavi, baidu). When neither says, the import fails with
 * TD_POI_IMPORT_ERROR_NEED_CRS: the numbers alone cannot tell GCJ-02 from
 * WGS-84. When both say and disagree, it fails with CRS_CONFLICT.
 * Coordinates are converted to WGS-84; the system they came in is kept in
 * source_crs.
 *
 * Any problem in any place fails the whole file, naming the feature or the
 * line; nothing is written then. A place with the name of one already in
 * the workspace, within 50 m of it, updates that one instead of adding a
 * copy, so a file can be imported again after corrections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-geo.h"
#include "td-poi.h"

G_BEGIN_DECLS

#define TD_POI_IMPORT_ERROR (td_poi_import_error_quark ())

typedef enum {
  TD_POI_IMPORT_ERROR_READ,          /* the file cannot be read */
  TD_POI_IMPORT_ERROR_ENCODING,      /* not text in an encoding we read */
  TD_POI_IMPORT_ERROR_FORMAT,        /* not GeoJSON / not a CSV table */
  TD_POI_IMPORT_ERROR_INVALID,       /* a place with a missing or bad value */
  TD_POI_IMPORT_ERROR_EMPTY,         /* no place at all */
  TD_POI_IMPORT_ERROR_NEED_CRS,      /* the file does not say its system */
  TD_POI_IMPORT_ERROR_CRS_CONFLICT,  /* the file says another one */
} TdPoiImportError;

typedef enum {
  TD_POI_FORMAT_AUTO,      /* from the file name, else from the contents */
  TD_POI_FORMAT_GEOJSON,
  TD_POI_FORMAT_CSV,
} TdPoiFormat;

typedef struct {
  TdPoiFormat format;          /* what the file was read as */
  TdCrs       crs;             /* of the file's (first) coordinates */
  gboolean    crs_from_file;   /* the file said it */
  guint       n_read;          /* places in the file */
  guint       n_inserted;
  guint       n_updated;
  guint       n_unchanged;     /* already there, with the same values */
  guint       n_duplicates;    /* the same place twice in the file: once */
} TdPoiImportStats;

GQuark      td_poi_import_error_quark (void);

/* Reads data (the contents of file_name, which is only used to guess the
 * format and in messages) into TdPoi in WGS-84, without ids. crs: what the
 * caller knows of the coordinate system, or NULL. */
GPtrArray  *td_poi_import_parse       (const char        *data,
                                       gsize              length,
                                       const char        *file_name,
                                       TdPoiFormat        format,
                                       const TdCrs       *crs,
                                       TdPoiImportStats  *stats,
                                       GError           **error);

/* Adds pois to the workspace, or updates the same places, in one
 * td_database_commit(). */
gboolean    td_poi_import_commit      (TdDatabase        *db,
                                       GPtrArray         *pois,
                                       TdPoiImportStats  *stats,
                                       GError           **error);

/* Both, on the file at path. */
gboolean    td_poi_import_file        (TdDatabase        *db,
                                       const char        *path,
                                       TdPoiFormat        format,
                                       const TdCrs       *crs,
                                       TdPoiImportStats  *stats,
                                       GError           **error);

G_END_DECLS
