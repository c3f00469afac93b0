/* td-route-layer.h: an itinerary drawn on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_ROUTE_LAYER (td_route_layer_get_type ())

G_DECLARE_FINAL_TYPE (TdRouteLayer, td_route_layer, TD, ROUTE_LAYER, ShumateLayer)

/* The stops numbered in order (the day under each number), joined by legs
 * labelled with their distance; a tooltip names the stop and its day. */
TdRouteLayer *td_route_layer_new          (ShumateViewport *viewport);
void          td_route_layer_set_route    (TdRouteLayer    *self,
                                           TdRoute         *route);
TdRoute      *td_route_layer_get_route    (TdRouteLayer    *self);
/* Where stop index is drawn, in the layer's coordinates. */
gboolean      td_route_layer_get_stop_position (TdRouteLayer *self,
                                                guint         index,
                                                double       *x,
                                                double       *y);
/* What the tooltip says at (x, y); NULL when no stop is there. */
char         *td_route_layer_describe_at  (TdRouteLayer    *self,
                                           double           x,
                                           double           y);

G_END_DECLS
