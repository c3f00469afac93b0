/* td-map-view.h: from WGS-84 to a map layer's pixels, fast
 *
 * The layers that draw many things in one snapshot (places, customer
 * origins, routes) project each point themselves: a point's Web Mercator
 * position (0 to 1 across the world) is computed once, then placed in view
 * with a multiplication and a rotation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

typedef struct {
  double   world;          /* size of the world in pixels, at the view's zoom */
  double   cx, cy;         /* the view's centre, in world pixels */
  double   width, height;  /* the layer's */
  double   cos_r, sin_r;
  gboolean rotated;
} TdMapView;

/* FALSE when the layer's viewport has no map source yet. */
gboolean td_map_view_init     (TdMapView    *view,
                               ShumateLayer *layer);
/* lat/lon to the unit square (x east, y south), latitudes clamped to Web
 * Mercator's. */
void     td_map_view_mercator (double        latitude,
                               double        longitude,
                               double       *mx,
                               double       *my);

static inline void
td_map_view_project (const TdMapView *view,
                     double           mx,
                     double           my,
                     double          *x,
                     double          *y)
{
  double dx = mx * view->world - view->cx;
  double dy = my * view->world - view->cy;

  if (view->rotated)
    {
      double rx = view->cos_r * dx - view->sin_r * dy;
      double ry = view->sin_r * dx + view->cos_r * dy;

      dx = rx;
      dy = ry;
    }
  *x = dx + view->width / 2;
  *y = dy + view->height / 2;
}

G_END_DECLS
