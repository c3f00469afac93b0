/* td-poi-layer.h: many points of interest on a ShumateMap, fast
 *
 * ShumateMarkerLayer makes one widget per marker and measures and places
 * every one of them on every change of the view: past about a thousand
 * markers panning stalls. This layer keeps the points in an array (their
 * Web Mercator positions computed once) and draws what is in view in one
 * snapshot, from textures made once:
 *
 *  - points crowding the same cell of a grid (64 px at the current zoom
 *    level, 20 px from level 16) are drawn as one cluster with their count,
 *    at their average position; neighbouring clusters closer than half a
 *    cell are merged. Clusters are made again only when the zoom level
 *    changes, not when the map pans;
 *  - a point alone is drawn with the icon and colour of its category;
 *  - categories can be hidden;
 *  - points given to td_poi_layer_set_highlighted() (search results) and
 *    the selected one are never clustered away, and are drawn on top with a
 *    ring;
 *  - a click on a point or a cluster emits "activated" with its points; a
 *    tooltip names the point or counts the cluster.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "td-poi.h"

G_BEGIN_DECLS

#define TD_TYPE_POI_LAYER (td_poi_layer_get_type ())

G_DECLARE_FINAL_TYPE (TdPoiLayer, td_poi_layer, TD, POI_LAYER, ShumateLayer)

TdPoiLayer *td_poi_layer_new                   (ShumateViewport *viewport);

/* The points shown: an array of TdPoi, which the layer keeps (and never
 * changes). NULL: none. */
void        td_poi_layer_set_pois              (TdPoiLayer      *self,
                                                GPtrArray       *pois);
GPtrArray  *td_poi_layer_get_pois              (TdPoiLayer      *self);

void        td_poi_layer_set_category_visible  (TdPoiLayer      *self,
                                                TdPoiCategory    category,
                                                gboolean         visible);
gboolean    td_poi_layer_get_category_visible  (TdPoiLayer      *self,
                                                TdPoiCategory    category);

/* Drawn apart, on top, with a ring: an array of TdPoi (of those given to
 * set_pois), or NULL for none. */
void        td_poi_layer_set_highlighted       (TdPoiLayer      *self,
                                                GPtrArray       *pois);
void        td_poi_layer_set_selected          (TdPoiLayer      *self,
                                                TdPoi           *poi);
TdPoi      *td_poi_layer_get_selected          (TdPoiLayer      *self);

/* Where poi is drawn on the layer, when it is in view and shown (alone or
 * in a cluster). */
gboolean    td_poi_layer_get_poi_position      (TdPoiLayer      *self,
                                                TdPoi           *poi,
                                                double          *x,
                                                double          *y);
/* What a click at (x, y) would activate: a new array of TdPoi, or NULL. */
GPtrArray  *td_poi_layer_pick                  (TdPoiLayer      *self,
                                                double           x,
                                                double           y);
/* As a click: emits "activated" when something is there. */
gboolean    td_poi_layer_activate_at           (TdPoiLayer      *self,
                                                double           x,
                                                double           y);

/* Clusters (of two points or more) and single points drawn in the last
 * frame: for tests and the benchmark. */
void        td_poi_layer_get_drawn             (TdPoiLayer      *self,
                                                guint           *n_clusters,
                                                guint           *n_points);

/* The colour of a category, and its icon as the layer draws it (a disc of
 * that colour with a white symbol), size × size pixels at scale. */
void        td_poi_category_get_color          (TdPoiCategory    category,
                                                GdkRGBA         *color);
const char *td_poi_category_get_icon_name      (TdPoiCategory    category);
GdkTexture *td_poi_category_render_icon        (TdPoiCategory    category,
                                                int              size,
                                                int              scale);

G_END_DECLS
