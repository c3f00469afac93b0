/* td-map-view.c: from WGS-84 to a map layer's pixels, fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "td-map-view.h"

#define MAX_LATITUDE 85.0511287798

void
td_map_view_mercator (double  latitude,
                      double  longitude,
                      double *mx,
                      double *my)
{
  double lat = CLAMP (latitude, -MAX_LATITUDE, MAX_LATITUDE);
  double sin_lat = sin (lat * G_PI / 180);

  *mx = (CLAMP (longitude, -180, 180) + 180) / 360;
  *my = 0.5 - log ((1 + sin_lat) / (1 - sin_lat)) / (4 * G_PI);
}

gboolean
td_map_view_init (TdMapView    *view,
                  ShumateLayer *layer)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (layer);
  ShumateMapSource *source = viewport ? shumate_viewport_get_reference_map_source (viewport) : NULL;
  double rotation;

  if (source == NULL)
    return FALSE;

  view->world = shumate_map_source_get_tile_size (source) * pow (2, shumate_viewport_get_zoom_level (viewport));
  td_map_view_mercator (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                        shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                        &view->cx, &view->cy);
  view->cx *= view->world;
  view->cy *= view->world;
  view->width = gtk_widget_get_width (GTK_WIDGET (layer));
  view->height = gtk_widget_get_height (GTK_WIDGET (layer));
  rotation = shumate_viewport_get_rotation (viewport);
  view->rotated = rotation != 0;
  view->cos_r = cos (rotation);
  view->sin_r = sin (rotation);
  return TRUE;
}
