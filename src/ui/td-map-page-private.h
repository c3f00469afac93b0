/* td-map-page-private.h: what the files of TdMapPage share
 *
 * td-map-page.c: the widget, the popover, the map, its tiles and layers;
 * td-map-page-results.c: search, places nearby, a point of the map and
 * the list beside the map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-category-legend.h"
#include "td-map-page.h"
#include "td-origin-layer.h"
#include "td-poi-layer.h"
#include "td-poi-popover.h"
#include "td-route-layer.h"

G_BEGIN_DECLS

/* the places in view are listed when there are no more than this */
#define MAX_IN_VIEW   100
/* search results listed and marked on the map */
#define MAX_LISTED    200
/* around what “fit” shows, in pixels */
#define FIT_PADDING   48
/* fitting never zooms in closer than this */
#define FIT_MAX_ZOOM  16
#define MIN_ZOOM      3
#define MAX_LATITUDE  85.0511287798

/* the radii of "near here", the dropdown's */
static const int radius_km[] G_GNUC_UNUSED = { 1, 2, 5, 10, 20, 50 };
#define DEFAULT_RADIUS 2   /* 5 km */

typedef enum {
  MODE_VIEW,     /* what is in view */
  MODE_SEARCH,   /* by name */
  MODE_NEARBY,   /* around a place */
} Mode;

struct _TdMapPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  GtkSpinner        *spinner;
  AdwStatusPage     *error_page;
  AdwFlap           *flap;
  GtkSearchEntry    *search_entry;
  GtkLabel          *results_label;
  GtkDropDown       *radius_dropdown;
  GtkWidget         *fit_button;
  GtkWidget         *clear_button;
  GtkListBox        *results_list;
  GtkLabel          *results_hint;
  TdCategoryLegend  *legend;
  GtkCheckButton    *origins_check;
  GtkLabel          *origins_label;
  GtkRevealer       *route_revealer;
  GtkLabel          *route_title;
  GtkLabel          *route_label;
  GtkOverlay        *overlay;
  ShumateMap        *map;
  GtkRevealer       *problem_revealer;
  GtkLabel          *problem_label;
  GtkWidget         *empty_label;
  ShumateScale      *scale;
  ShumateLicense    *license;

  TdPoiLayer        *poi_layer;
  TdOriginLayer     *origin_layer;
  TdRouteLayer      *route_layer;
  ShumateMapLayer   *tile_layer;
  ShumateMapSource  *map_source;
  ShumateDataSource *data_source;
  char              *problem;
  GtkWidget         *popover;

  GSettings         *settings;
  TdDatabase        *database;
  GCancellable      *cancellable;
  GPtrArray         *pois;

  Mode               mode;
  char              *query;
  GPtrArray         *results;
  TdPoi             *nearby_center;   /* a place, or a point (id NULL) */
  GtkWidget         *point_menu;
  double             point_lat;
  double             point_lon;
  guint              view_timeout_id;
  int                last_width;
  int                last_height;
  gboolean           view_shown;
};

/* td-map-page.c */
void _td_map_page_fit_bounds (TdMapPage *self, double south, double west, double north, double east);
void _td_map_page_fit_pois (TdMapPage *self, GPtrArray *pois);

/* td-map-page-results.c */
void _td_map_page_fit_clicked_cb (TdMapPage *self);
void _td_map_page_update_results (TdMapPage *self);
void _td_map_page_search_changed_cb (TdMapPage *self);
void _td_map_page_search_activate_cb (TdMapPage *self);
void _td_map_page_search_stop_cb (TdMapPage *self);
void _td_map_page_clear_clicked_cb (TdMapPage *self);
void _td_map_page_radius_changed_cb (TdMapPage *self);
void _td_map_page_nearby_requested_cb (TdMapPage *self, TdPoi *poi, TdPoiPopover *popover);
void _td_map_page_nearby_point_action (GtkWidget *widget, const char *action_name, GVariant *parameter);
void _td_map_page_copy_point_action (GtkWidget *widget, const char *action_name, GVariant *parameter);
void _td_map_page_show_point_menu (TdMapPage *self, double x, double y);
void _td_map_page_map_secondary_pressed_cb (TdMapPage *self, int n_press, double x, double y, GtkGestureClick *gesture);
void _td_map_page_map_long_pressed_cb (TdMapPage *self, double x, double y, GtkGestureLongPress *gesture);
void _td_map_page_result_activated_cb (TdMapPage *self, GtkListBoxRow *row);

G_END_DECLS
