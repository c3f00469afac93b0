/* td-map-page.h: the map area: places of interest over map tiles
 *
 * The places of the workspace on a ShumateMap (TdPoiLayer: clusters, icons
 * by category, a popover per place), the categories to show with their
 * legend, search by name and “places nearby” listed beside the map, and a
 * background of tiles chosen in the settings (see td-map-sources.h). When
 * tiles cannot load the map says why, and the places still show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "td-core.h"
#include "td-origin-layer.h"
#include "td-poi-layer.h"
#include "td-route-layer.h"

G_BEGIN_DECLS

#define TD_TYPE_MAP_PAGE (td_map_page_get_type ())

G_DECLARE_FINAL_TYPE (TdMapPage, td_map_page, TD, MAP_PAGE, GtkWidget)

GtkWidget  *td_map_page_new                  (void);

ShumateMap *td_map_page_get_map              (TdMapPage     *self);
TdPoiLayer *td_map_page_get_poi_layer        (TdMapPage     *self);
TdOriginLayer *td_map_page_get_origin_layer  (TdMapPage     *self);
/* As "Places Near Here" in the menu of a point of the map (right click,
 * long press, the Menu key for the centre): the places around it. */
void        td_map_page_search_near_point    (TdMapPage     *self,
                                              double         latitude,
                                              double         longitude);
/* An itinerary drawn on the map, the view fitted to it, its name and
 * length in a banner with a button to hide it; NULL hides it. */
void        td_map_page_show_route           (TdMapPage     *self,
                                              TdRoute       *route);
TdRoute    *td_map_page_get_route            (TdMapPage     *self);
TdRouteLayer *td_map_page_get_route_layer    (TdMapPage     *self);
/* As the "Where Customers Come From" switch beside the map does. */
void        td_map_page_set_origins_visible  (TdMapPage     *self,
                                              gboolean       visible);
/* The map source shown (it follows the settings). */
ShumateMapSource *td_map_page_get_map_source (TdMapPage     *self);
/* What the map says about its tiles, or NULL. */
const char *td_map_page_get_problem          (TdMapPage     *self);

/* As the category toggles beside the map do. */
void        td_map_page_set_category_visible (TdMapPage     *self,
                                              TdPoiCategory  category,
                                              gboolean       visible);
/* As typing in the search entry does; the results are listed and marked. */
void        td_map_page_search               (TdMapPage     *self,
                                              const char    *text);
/* The places listed beside the map (an array of TdPoi), until the list
 * changes (a search, a category shown or hidden, the map moved). */
GPtrArray  *td_map_page_get_results          (TdMapPage     *self);
/* Moves the map to show every place listed. */
void        td_map_page_fit_results          (TdMapPage     *self);
/* Selects poi, brings it into view and opens its popover. */
void        td_map_page_show_poi             (TdMapPage     *self,
                                              TdPoi         *poi);
/* The popover shown, or NULL. */
GtkPopover *td_map_page_get_popover          (TdMapPage     *self);

G_END_DECLS
