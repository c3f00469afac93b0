/* td-poi-entry.c: one place entered by a clerk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "td-poi-entry.h"
#include "td-poi-import.h"
#include "td-poi-query.h"

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
could_be_lat (double value)
{
  return value >= 3 && value <= 54;    /* China, from the South China Sea to Mohe */
}

static gboolean
could_be_lon (double value)
{
  return value >= 73 && value <= 136;
}

gboolean
td_poi_entry_parse_position (const char  *text,
                             double      *lat,
                             double      *lon,
                             GError     **error)
{
  g_autofree char *normal = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  double a, b;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return invalid (error, _("Give the position: latitude and longitude, such as 34.7466, 113.6253"));
  normal = g_strdup (text);
  {
    g_auto(GStrv) split = g_strsplit (normal, "，", -1);

    g_free (normal);
    normal = g_strjoinv (",", split);
  }
  g_strdelimit (normal, " \t/;", ',');
  parts = g_strsplit (normal, ",", -1);
  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_ptr_array_add (numbers, parts[i]);
  if (numbers->len != 2)
    return invalid (error, _("Give the position as two numbers, latitude and longitude, such as 34.7466, 113.6253"));
  for (guint i = 0; i < 2; i++)
    {
      char *end = NULL;
      double value = g_ascii_strtod (g_ptr_array_index (numbers, i), &end);

      if (end == NULL || *end != '\0' || !isfinite (value))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a number of degrees, such as 34.7466"),
                                                      (const char *) g_ptr_array_index (numbers, i));
          return invalid (error, message);
        }
      if (i == 0)
        a = value;
      else
        b = value;
    }
  /* AMap and Baidu copy longitude first: in China the two cannot be confused */
  if (could_be_lon (a) && could_be_lat (b) && !(could_be_lat (a) && could_be_lon (b)))
    {
      *lat = b;
      *lon = a;
    }
  else
    {
      *lat = a;
      *lon = b;
    }
  if (!td_geo_is_valid (*lat, *lon))
    return invalid (error, _("That position is not on Earth: latitude goes from -90 to 90, longitude from -180 to 180"));
  return TRUE;
}

char *
td_poi_entry_save (TdDatabase  *db,
                   TdPoi       *poi,
                   TdCrs        crs,
                   GError     **error)
{
  g_autoptr(GPtrArray) pois = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = NULL;
  TdPoiImportStats stats = { 0 };
  g_autofree char *name = NULL;
  double lat, lon;
  char *id = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  name = g_strstrip (g_strdup (poi->name ? poi->name : ""));
  if (*name == '\0')
    {
      invalid (error, _("Give the place a name"));
      return NULL;
    }
  g_free (poi->name);
  poi->name = g_steal_pointer (&name);
  if (!td_geo_is_valid (poi->lat, poi->lon))
    {
      invalid (error, _("Give the place its position"));
      return NULL;
    }
  td_geo_to_wgs84 (crs, poi->lat, poi->lon, &lat, &lon);
  poi->lat = lat;
  poi->lon = lon;
  poi->source_crs = crs;
  g_ptr_array_add (pois, poi);
  if (!td_poi_import_commit (db, pois, &stats, error))
    return NULL;

  /* the place added or updated: the one of that name nearest the position */
  all = td_poi_query_all (db, error);
  if (all == NULL)
    return NULL;
  {
    double best = G_MAXDOUBLE;

    for (guint i = 0; i < all->len; i++)
      {
        TdPoi *p = g_ptr_array_index (all, i);
        double d = td_geo_distance (p->lat, p->lon, lat, lon);

        if (g_str_equal (p->name, poi->name) && d < best)
          {
            best = d;
            g_free (id);
            id = g_strdup (p->id);
          }
      }
  }
  return id;
}
