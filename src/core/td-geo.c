/* td-geo.c: WGS-84, GCJ-02 and BD-09; distances
 *
 * The GCJ-02 formula is the one published with the leaked reference
 * implementation and used by every open-source converter (for example
 * googollee/eviltransform): a fixed polynomial-and-sine offset on the
 * Krasovsky 1940 ellipsoid. BD-09 is Baidu's published conversion from
 * GCJ-02.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "td-geo.h"

/* Krasovsky 1940, as the GCJ-02 formula uses it */
#define GCJ_A  6378245.0
#define GCJ_EE 0.00669342162296594323

#define BD_X_PI (G_PI * 3000.0 / 180.0)

/* how close an inverse must come back to its input, in degrees */
#define INVERSE_TOLERANCE 1e-9
#define INVERSE_MAX_STEPS 30

const char *
td_crs_to_string (TdCrs crs)
{
  switch (crs)
    {
    case TD_CRS_WGS84: return "wgs84";
    case TD_CRS_GCJ02: return "gcj02";
    case TD_CRS_BD09: return "bd09";
    default: g_return_val_if_reached ("wgs84");
    }
}

gboolean
td_crs_from_string (const char *text,
                    TdCrs      *crs)
{
  static const struct {
    const char *name;
    TdCrs       crs;
  } names[] = {
    { "wgs84", TD_CRS_WGS84 },
    { "epsg:4326", TD_CRS_WGS84 },
    { "urn:ogc:def:crs:ogc:1.3:crs84", TD_CRS_WGS84 },
    { "urn:ogc:def:crs:epsg::4326", TD_CRS_WGS84 },
    { "gcj02", TD_CRS_GCJ02 },
    { "bd09", TD_CRS_BD09 },
    { "bd09ll", TD_CRS_BD09 },
  };
  g_autoptr(GString) clean = NULL;

  if (text == NULL)
    return FALSE;

  /* lower case, without blanks, hyphens and underscores */
  clean = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    if (*p != '-' && *p != '_' && !g_ascii_isspace (*p))
      g_string_append_c (clean, g_ascii_tolower (*p));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (clean->str, names[i].name))
      {
        if (crs)
          *crs = names[i].crs;
        return TRUE;
      }
  return FALSE;
}

gboolean
td_geo_is_valid (double lat,
                 double lon)
{
  return isfinite (lat) && isfinite (lon)
         && lat >= -90.0 && lat <= 90.0
         && lon >= -180.0 && lon <= 180.0;
}

gboolean
td_geo_in_china (double lat,
                 double lon)
{
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

static void
gcj_offset (double  lat,
            double  lon,
            double *d_lat,
            double *d_lon)
{
  double x = lon - 105.0;
  double y = lat - 35.0;
  double shared = (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  double t_lat, t_lon, rad_lat, magic, sqrt_magic;

  t_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt (fabs (x));
  t_lat += shared;
  t_lat += (20.0 * sin (y * G_PI) + 40.0 * sin (y / 3.0 * G_PI)) * 2.0 / 3.0;
  t_lat += (160.0 * sin (y / 12.0 * G_PI) + 320.0 * sin (y / 30.0 * G_PI)) * 2.0 / 3.0;

  t_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt (fabs (x));
  t_lon += shared;
  t_lon += (20.0 * sin (x * G_PI) + 40.0 * sin (x / 3.0 * G_PI)) * 2.0 / 3.0;
  t_lon += (150.0 * sin (x / 12.0 * G_PI) + 300.0 * sin (x / 30.0 * G_PI)) * 2.0 / 3.0;

  /* metres on the ellipsoid to degrees */
  rad_lat = lat / 180.0 * G_PI;
  magic = sin (rad_lat);
  magic = 1.0 - GCJ_EE * magic * magic;
  sqrt_magic = sqrt (magic);
  *d_lat = (t_lat * 180.0) / ((GCJ_A * (1.0 - GCJ_EE)) / (magic * sqrt_magic) * G_PI);
  *d_lon = (t_lon * 180.0) / (GCJ_A / sqrt_magic * cos (rad_lat) * G_PI);
}

void
td_geo_wgs84_to_gcj02 (double  lat,
                       double  lon,
                       double *out_lat,
                       double *out_lon)
{
  double d_lat, d_lon;

  if (!td_geo_in_china (lat, lon))
    {
      *out_lat = lat;
      *out_lon = lon;
      return;
    }
  gcj_offset (lat, lon, &d_lat, &d_lon);
  *out_lat = lat + d_lat;
  *out_lon = lon + d_lon;
}

void
td_geo_gcj02_to_wgs84 (double  lat,
                       double  lon,
                       double *out_lat,
                       double *out_lon)
{
  double w_lat = lat, w_lon = lon;

  if (!td_geo_in_china (lat, lon))
    {
      *out_lat = lat;
      *out_lon = lon;
      return;
    }

  /* The offset changes slowly with the position: move the guess by how far
   * its forward image misses the target, until it hits. */
  for (int i = 0; i < INVERSE_MAX_STEPS; i++)
    {
      double g_lat, g_lon, e_lat, e_lon;

      td_geo_wgs84_to_gcj02 (w_lat, w_lon, &g_lat, &g_lon);
      e_lat = g_lat - lat;
      e_lon = g_lon - lon;
      w_lat -= e_lat;
      w_lon -= e_lon;
      if (fabs (e_lat) < INVERSE_TOLERANCE && fabs (e_lon) < INVERSE_TOLERANCE)
        break;
    }
  *out_lat = w_lat;
  *out_lon = w_lon;
}

void
td_geo_gcj02_to_bd09 (double  lat,
                      double  lon,
                      double *out_lat,
                      double *out_lon)
{
  double z, theta;

  if (!td_geo_in_china (lat, lon))
    {
      *out_lat = lat;
      *out_lon = lon;
      return;
    }
  z = sqrt (lon * lon + lat * lat) + 0.00002 * sin (lat * BD_X_PI);
  theta = atan2 (lat, lon) + 0.000003 * cos (lon * BD_X_PI);
  *out_lon = z * cos (theta) + 0.0065;
  *out_lat = z * sin (theta) + 0.006;
}

void
td_geo_bd09_to_gcj02 (double  lat,
                      double  lon,
                      double *out_lat,
                      double *out_lon)
{
  double x = lon - 0.0065, y = lat - 0.006;
  double z, theta, g_lat, g_lon;

  if (!td_geo_in_china (lat, lon))
    {
      *out_lat = lat;
      *out_lon = lon;
      return;
    }

  /* Baidu's own approximate inverse, good to a few centimetres... */
  z = sqrt (x * x + y * y) - 0.00002 * sin (y * BD_X_PI);
  theta = atan2 (y, x) - 0.000003 * cos (x * BD_X_PI);
  g_lon = z * cos (theta);
  g_lat = z * sin (theta);

  /* ...then refined like the GCJ-02 inverse */
  for (int i = 0; i < INVERSE_MAX_STEPS; i++)
    {
      double b_lat, b_lon, e_lat, e_lon;

      td_geo_gcj02_to_bd09 (g_lat, g_lon, &b_lat, &b_lon);
      e_lat = b_lat - lat;
      e_lon = b_lon - lon;
      g_lat -= e_lat;
      g_lon -= e_lon;
      if (fabs (e_lat) < INVERSE_TOLERANCE && fabs (e_lon) < INVERSE_TOLERANCE)
        break;
    }
  *out_lat = g_lat;
  *out_lon = g_lon;
}

void
td_geo_to_wgs84 (TdCrs   crs,
                 double  lat,
                 double  lon,
                 double *out_lat,
                 double *out_lon)
{
  switch (crs)
    {
    case TD_CRS_GCJ02:
      td_geo_gcj02_to_wgs84 (lat, lon, out_lat, out_lon);
      break;
    case TD_CRS_BD09:
      {
        double g_lat, g_lon;

        td_geo_bd09_to_gcj02 (lat, lon, &g_lat, &g_lon);
        td_geo_gcj02_to_wgs84 (g_lat, g_lon, out_lat, out_lon);
      }
      break;
    case TD_CRS_WGS84:
    default:
      *out_lat = lat;
      *out_lon = lon;
      break;
    }
}

void
td_geo_from_wgs84 (TdCrs   crs,
                   double  lat,
                   double  lon,
                   double *out_lat,
                   double *out_lon)
{
  switch (crs)
    {
    case TD_CRS_GCJ02:
      td_geo_wgs84_to_gcj02 (lat, lon, out_lat, out_lon);
      break;
    case TD_CRS_BD09:
      {
        double g_lat, g_lon;

        td_geo_wgs84_to_gcj02 (lat, lon, &g_lat, &g_lon);
        td_geo_gcj02_to_bd09 (g_lat, g_lon, out_lat, out_lon);
      }
      break;
    case TD_CRS_WGS84:
    default:
      *out_lat = lat;
      *out_lon = lon;
      break;
    }
}

double
td_geo_distance (double lat1,
                 double lon1,
                 double lat2,
                 double lon2)
{
  double phi1 = lat1 * G_PI / 180.0;
  double phi2 = lat2 * G_PI / 180.0;
  double s_phi = sin ((phi2 - phi1) / 2.0);
  double s_lambda = sin ((lon2 - lon1) * G_PI / 180.0 / 2.0);
  double h = s_phi * s_phi + cos (phi1) * cos (phi2) * s_lambda * s_lambda;

  return 2.0 * TD_GEO_EARTH_RADIUS_M * asin (MIN (1.0, sqrt (h)));
}

void
td_geo_bounding_box (double  lat,
                     double  lon,
                     double  radius_m,
                     double *min_lat,
                     double *max_lat,
                     double *min_lon,
                     double *max_lon)
{
  double d_lat = radius_m / TD_GEO_EARTH_RADIUS_M * 180.0 / G_PI;
  double lo = lat - d_lat, hi = lat + d_lat;

  *min_lat = MAX (lo, -90.0);
  *max_lat = MIN (hi, 90.0);

  if (lo <= -90.0 || hi >= 90.0)
    {
      /* a pole is inside: every longitude */
      *min_lon = -180.0;
      *max_lon = 180.0;
      return;
    }

  {
    /* the widest point of the circle is at the latitude nearer the pole;
     * asin of the ratio of the radius to that parallel's circle */
    double ratio = sin (radius_m / TD_GEO_EARTH_RADIUS_M) / cos (lat * G_PI / 180.0);
    double d_lon;

    if (ratio >= 1.0)
      {
        *min_lon = -180.0;
        *max_lon = 180.0;
        return;
      }
    d_lon = asin (ratio) * 180.0 / G_PI;
    *min_lon = lon - d_lon;
    *max_lon = lon + d_lon;
    if (*min_lon < -180.0 || *max_lon > 180.0)
      {
        *min_lon = -180.0;
        *max_lon = 180.0;
      }
  }
}
