/* td-map-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "td-area.h"
#include "td-category-legend.h"
#include "td-map-page.h"
#include "td-map-page-private.h"
#include "td-map-sources.h"
#include "td-origin-layer.h"
#include "td-poi-bookings-window.h"
#include "td-poi-popover.h"
#include "td-poi-query.h"
#include "td-route-layer.h"
#include "td-utils.h"

static void td_area_iface_init (TdAreaInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdMapPage, td_map_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_AREA, td_area_iface_init))

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS,

  /* TdArea */
  PROP_DATABASE = N_PROPS,
  PROP_LOADING,
};

static GParamSpec *properties[N_PROPS];


/* ------------------------------------------------------------------ */
/* geometry                                                           */

static double
mercator_x (double lon)
{
  return (CLAMP (lon, -180, 180) + 180) / 360;
}

static double
mercator_y (double lat)
{
  double s = sin (CLAMP (lat, -MAX_LATITUDE, MAX_LATITUDE) * G_PI / 180);

  return 0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI);
}

static double
latitude_of (double my)
{
  return atan (sinh (G_PI * (1 - 2 * my))) * 180 / G_PI;
}

static double
max_zoom (TdMapPage *self)
{
  return shumate_viewport_get_max_zoom_level (shumate_map_get_viewport (self->map));
}

/* Moves the map to show the box, animated; a single point at FIT_MAX_ZOOM. */
void
_td_map_page_fit_bounds (TdMapPage *self,
            double     south,
            double     west,
            double     north,
            double     east)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->map)) - 2 * FIT_PADDING;
  double height = gtk_widget_get_height (GTK_WIDGET (self->map)) - 2 * FIT_PADDING;
  double x1 = mercator_x (west), x2 = mercator_x (east);
  double y1 = mercator_y (north), y2 = mercator_y (south);
  double tile = 256, zoom = MIN (FIT_MAX_ZOOM, max_zoom (self));

  if (width < 64 || height < 64)
    {
      /* not shown yet */
      width = 640;
      height = 480;
    }
  if (x2 - x1 > 0)
    zoom = MIN (zoom, log2 (width / ((x2 - x1) * tile)));
  if (y2 - y1 > 0)
    zoom = MIN (zoom, log2 (height / ((y2 - y1) * tile)));
  zoom = CLAMP (floor (zoom * 4) / 4, MIN_ZOOM, max_zoom (self));

  shumate_map_go_to_full (self->map, latitude_of ((y1 + y2) / 2), (x1 + x2) / 2 * 360 - 180, zoom);
}

void
_td_map_page_fit_pois (TdMapPage *self,
          GPtrArray *pois)
{
  double south = 90, north = -90, west = 180, east = -180;

  if (pois == NULL || pois->len == 0)
    return;
  for (guint i = 0; i < pois->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (pois, i);

      south = MIN (south, poi->lat);
      north = MAX (north, poi->lat);
      west = MIN (west, poi->lon);
      east = MAX (east, poi->lon);
    }
  _td_map_page_fit_bounds (self, south, west, north, east);
}

/* ------------------------------------------------------------------ */
/* the popover                                                        */

static gboolean
poi_position_on_page (TdMapPage *self,
                      TdPoi     *poi,
                      double    *x,
                      double    *y)
{
  graphene_point_t point;

  if (!td_poi_layer_get_poi_position (self->poi_layer, poi, x, y))
    return FALSE;
  if (!gtk_widget_compute_point (GTK_WIDGET (self->poi_layer), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (*x, *y), &point))
    return FALSE;
  *x = point.x;
  *y = point.y;
  return TRUE;
}

static void
point_popover_at (TdMapPage *self,
                  double     x,
                  double     y)
{
  int height = 0, width = 0;
  GtkPositionType side;

  /* Above the point, else below; a place with its tickets or rooms left
   * can be taller than either half of the map: then beside it, on the
   * side with more room. */
  gtk_widget_measure (self->popover, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  gtk_widget_measure (self->popover, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  if (height + 20 <= y)
    side = GTK_POS_TOP;
  else if (height + 20 <= gtk_widget_get_height (GTK_WIDGET (self)) - y)
    side = GTK_POS_BOTTOM;
  else
    /* over the map rather than the list beside it, when it fits */
    side = x + width + 20 <= gtk_widget_get_width (GTK_WIDGET (self)) ? GTK_POS_RIGHT : GTK_POS_LEFT;
  gtk_popover_set_position (GTK_POPOVER (self->popover), side);
  /* the icon's edges: the popover does not hide the point */
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { (int) x - 14, (int) y - 14, 28, 28 });
}

static void
open_popover (TdMapPage *self,
              GPtrArray *pois,
              double     x,
              double     y)
{
  td_poi_popover_set_pois (TD_POI_POPOVER (self->popover), pois);
  td_poi_layer_set_selected (self->poi_layer, pois->len == 1 ? g_ptr_array_index (pois, 0) : NULL);
  point_popover_at (self, x, y);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
follow_popover (TdMapPage *self)
{
  TdPoi *poi = td_poi_layer_get_selected (self->poi_layer);
  double x, y;

  if (poi == NULL || !gtk_widget_get_visible (self->popover))
    return;
  if (poi_position_on_page (self, poi, &x, &y))
    point_popover_at (self, x, y);
  else
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
popover_closed_cb (TdMapPage *self)
{
  td_poi_layer_set_selected (self->poi_layer, NULL);
}

static void
popover_poi_shown_cb (TdMapPage *self,
                      TdPoi     *poi)
{
  td_poi_layer_set_selected (self->poi_layer, poi);
}

static void
bookings_requested_cb (TdMapPage *self,
                       TdPoi     *poi)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window;

  if (self->database == NULL)
    return;
  window = td_poi_bookings_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->database, poi);
  gtk_window_present (GTK_WINDOW (window));
}

void
td_map_page_show_poi (TdMapPage *self,
                      TdPoi     *poi)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);
  ShumateViewport *viewport;
  double x, y;

  g_return_if_fail (TD_IS_MAP_PAGE (self));
  g_return_if_fail (poi != NULL);

  viewport = shumate_map_get_viewport (self->map);
  /* a fit to results still moving would take the place away again */
  shumate_map_stop_go_to (self->map);
  td_poi_layer_set_selected (self->poi_layer, poi);

  /* close enough to tell it from its neighbours, and in view */
  if (shumate_viewport_get_zoom_level (viewport) < 12)
    shumate_viewport_set_zoom_level (viewport, 14);
  if (!poi_position_on_page (self, poi, &x, &y)
      || x < FIT_PADDING || y < FIT_PADDING
      || x > gtk_widget_get_width (GTK_WIDGET (self)) - FIT_PADDING
      || y > gtk_widget_get_height (GTK_WIDGET (self)) - FIT_PADDING)
    shumate_map_center_on (self->map, poi->lat, poi->lon);

  if (!poi_position_on_page (self, poi, &x, &y))
    {
      /* before the first allocation: the centre of the map */
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  g_ptr_array_add (one, td_poi_ref (poi));
  open_popover (self, one, x, y);
}

GtkPopover *
td_map_page_get_popover (TdMapPage *self)
{
  g_return_val_if_fail (TD_IS_MAP_PAGE (self), NULL);
  return gtk_widget_get_visible (self->popover) ? GTK_POPOVER (self->popover) : NULL;
}

static void
layer_activated_cb (TdMapPage  *self,
                    GPtrArray  *pois,
                    double      x,
                    double      y,
                    TdPoiLayer *layer)
{
  double south = 90, north = -90, west = 180, east = -180;
  graphene_point_t point;

  if (!gtk_widget_compute_point (GTK_WIDGET (layer), GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  if (pois->len == 1)
    {
      open_popover (self, pois, point.x, point.y);
      return;
    }

  for (guint i = 0; i < pois->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (pois, i);

      south = MIN (south, poi->lat);
      north = MAX (north, poi->lat);
      west = MIN (west, poi->lon);
      east = MAX (east, poi->lon);
    }

  /* Places at the same spot, or as close as the map goes: list them.
   * Otherwise zoom in on them. */
  if (shumate_viewport_get_zoom_level (shumate_map_get_viewport (self->map)) >= max_zoom (self) - 0.5
      || td_geo_distance (south, west, north, east) < 30)
    open_popover (self, pois, point.x, point.y);
  else
    _td_map_page_fit_bounds (self, south, west, north, east);
}

/* ------------------------------------------------------------------ */
/* categories                                                         */

static void
save_hidden_categories (TdMapPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) hidden = NULL;

  for (guint i = 0; i < TD_POI_N_CATEGORIES; i++)
    if (!td_poi_layer_get_category_visible (self->poi_layer, i))
      g_strv_builder_add (builder, td_poi_category_to_string (i));
  hidden = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "map-hidden-categories", (const char * const *) hidden);
}

void
td_map_page_set_category_visible (TdMapPage     *self,
                                  TdPoiCategory  category,
                                  gboolean       visible)
{
  g_return_if_fail (TD_IS_MAP_PAGE (self));
  g_return_if_fail (category < TD_POI_N_CATEGORIES);

  if (td_category_legend_get_active (self->legend, category) != visible)
    {
      /* through the toggle, which comes back here */
      td_category_legend_set_active (self->legend, category, visible);
      return;
    }
  if (td_poi_layer_get_category_visible (self->poi_layer, category) == visible)
    return;

  td_poi_layer_set_category_visible (self->poi_layer, category, visible);
  save_hidden_categories (self);
  if (!visible && td_poi_layer_get_selected (self->poi_layer)
      && td_poi_layer_get_selected (self->poi_layer)->category == category)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  _td_map_page_update_results (self);
}

static void
legend_toggled_cb (TdCategoryLegend *legend,
                   TdPoiCategory     category,
                   gboolean          active,
                   TdMapPage        *self)
{
  td_map_page_set_category_visible (self, category, active);
}

static void
build_categories (TdMapPage *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "map-hidden-categories");

  for (guint i = 0; i < TD_POI_N_CATEGORIES; i++)
    {
      gboolean visible = !g_strv_contains ((const char * const *) hidden, td_poi_category_to_string (i));

      td_category_legend_set_active (self->legend, i, visible);
      td_poi_layer_set_category_visible (self->poi_layer, i, visible);
    }
  g_signal_connect (self->legend, "toggled", G_CALLBACK (legend_toggled_cb), self);
}

/* ------------------------------------------------------------------ */
/* tiles                                                              */

const char *
td_map_page_get_problem (TdMapPage *self)
{
  g_return_val_if_fail (TD_IS_MAP_PAGE (self), NULL);
  return self->problem;
}

static void
update_problem (TdMapPage *self)
{
  g_autofree char *problem = td_map_source_dup_problem (self->map_source);

  if (g_strcmp0 (problem, self->problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_steal_pointer (&problem);

  if (self->problem)
    {
      /* Translators: %s says why the map tiles cannot be loaded, in a sentence */
      g_autofree char *text = g_strdup_printf (_("%s. The places are still shown."), self->problem);

      gtk_label_set_text (self->problem_label, text);
    }
  gtk_revealer_set_reveal_child (self->problem_revealer, self->problem != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_revealer), self->problem != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
setup_map_source (TdMapPage *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  g_autoptr(ShumateMapSource) source = td_map_source_new_from_settings (self->settings);

  if (self->tile_layer)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->tile_layer));
      self->tile_layer = NULL;
    }
  if (self->map_source)
    shumate_license_remove_map_source (self->license, self->map_source);
  if (self->data_source)
    g_signal_handlers_disconnect_by_func (self->data_source, update_problem, self);
  g_set_object (&self->map_source, source);
  g_set_object (&self->data_source, td_map_source_get_data_source (source));

  shumate_viewport_set_reference_map_source (viewport, source);
  shumate_viewport_set_min_zoom_level (viewport, MAX (MIN_ZOOM, shumate_map_source_get_min_zoom_level (source)));
  shumate_viewport_set_max_zoom_level (viewport, shumate_map_source_get_max_zoom_level (source));

  self->tile_layer = shumate_map_layer_new (source, viewport);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->tile_layer), SHUMATE_LAYER (self->origin_layer));
  shumate_license_append_map_source (self->license, source);
  gtk_widget_set_visible (GTK_WIDGET (self->license), *shumate_map_source_get_license (source) != '\0');

  if (self->data_source)
    g_signal_connect_object (self->data_source, "notify::problem",
                             G_CALLBACK (update_problem), self, G_CONNECT_SWAPPED);
  update_problem (self);
}

static void
tile_settings_changed_cb (TdMapPage  *self,
                          const char *key)
{
  setup_map_source (self);
}

/* ------------------------------------------------------------------ */
/* the map                                                            */

static void
view_timeout_cb (gpointer data)
{
  TdMapPage *self = data;

  self->view_timeout_id = 0;
  if (self->mode == MODE_VIEW)
    _td_map_page_update_results (self);
}

static void
viewport_changed_cb (TdMapPage *self)
{
  follow_popover (self);
  if (self->mode == MODE_VIEW && self->view_timeout_id == 0)
    self->view_timeout_id = g_timeout_add_once (300, view_timeout_cb, self);
}

/* Ctrl+F, and the search button of the folded page: to the search entry */
static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  TdMapPage *self = TD_MAP_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "map") != 0)
    return FALSE;
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static void
flap_revealed_cb (TdMapPage *self)
{
  if (adw_flap_get_folded (self->flap) && adw_flap_get_reveal_flap (self->flap))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
zoom_in_clicked_cb (TdMapPage *self)
{
  shumate_map_zoom_in (self->map);
}

static void
zoom_out_clicked_cb (TdMapPage *self)
{
  shumate_map_zoom_out (self->map);
}

static gboolean
map_key_pressed_cb (TdMapPage             *self,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    GtkEventControllerKey *controller)
{
  GtkWidget *map = GTK_WIDGET (self->map);
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double dx = 0, dy = 0, lat, lon;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = 1;
      break;
    case GDK_KEY_Menu:
      _td_map_page_show_point_menu (self, gtk_widget_get_width (map) / 2.0, gtk_widget_get_height (map) / 2.0);
      return TRUE;
    case GDK_KEY_F10:
      if (!(state & GDK_SHIFT_MASK))
        return FALSE;
      _td_map_page_show_point_menu (self, gtk_widget_get_width (map) / 2.0, gtk_widget_get_height (map) / 2.0);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      shumate_map_zoom_in (self->map);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      shumate_map_zoom_out (self->map);
      return TRUE;
    default:
      return FALSE;
    }

  /* a quarter of the map at a time */
  shumate_viewport_widget_coords_to_location (viewport, map,
                                              gtk_widget_get_width (map) * (0.5 + dx / 4),
                                              gtk_widget_get_height (map) * (0.5 + dy / 4),
                                              &lat, &lon);
  shumate_map_center_on (self->map, lat, lon);
  return TRUE;
}

static void
restore_view (TdMapPage *self)
{
  g_autoptr(GVariant) saved = g_settings_get_user_value (self->settings, "map-view");
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  self->view_shown = TRUE;
  if (saved == NULL && self->pois && self->pois->len > 0)
    {
      double south = 90, north = -90, west = 180, east = -180;

      /* the first time: all the places */
      for (guint i = 0; i < self->pois->len; i++)
        {
          TdPoi *poi = g_ptr_array_index (self->pois, i);

          south = MIN (south, poi->lat);
          north = MAX (north, poi->lat);
          west = MIN (west, poi->lon);
          east = MAX (east, poi->lon);
        }
      shumate_map_center_on (self->map, (south + north) / 2, (west + east) / 2);
      shumate_viewport_set_zoom_level (viewport, 7);
      _td_map_page_fit_bounds (self, south, west, north, east);
      return;
    }
  {
    double lat, lon, zoom;

    g_settings_get (self->settings, "map-view", "(ddd)", &lat, &lon, &zoom);
    shumate_map_center_on (self->map, CLAMP (lat, -MAX_LATITUDE, MAX_LATITUDE), CLAMP (lon, -180, 180));
    shumate_viewport_set_zoom_level (viewport, zoom);
  }
}

static void
save_view (TdMapPage *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (!self->view_shown)
    return;
  g_settings_set (self->settings, "map-view", "(ddd)",
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_viewport_get_zoom_level (viewport));
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

static void
set_loading (TdMapPage    *self,
             GCancellable *cancellable)
{
  td_area_set_loading (TD_AREA (self), &self->cancellable, cancellable, self->spinner);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdMapPage) self = user_data;
  g_autoptr(GPtrArray) pois = NULL;
  g_autoptr(GError) error = NULL;

  pois = td_poi_query_all_finish (TD_DATABASE (object), result, &error);

  /* a newer load (or none) replaced this one */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  if (pois == NULL)
    {
      set_loading (self, NULL);
      td_area_show_error (self->stack, self->error_page, error);
      return;
    }

  g_clear_pointer (&self->pois, g_ptr_array_unref);
  self->pois = g_steal_pointer (&pois);
  td_poi_layer_set_pois (self->poi_layer, self->pois);
  td_category_legend_set_pois (self->legend, self->pois);
  gtk_widget_set_visible (self->empty_label, self->pois->len == 0);

  /* the nearby centre, in the new places */
  if (self->nearby_center)
    {
      TdPoi *found = NULL;

      for (guint i = 0; i < self->pois->len && !found; i++)
        if (g_strcmp0 (((TdPoi *) g_ptr_array_index (self->pois, i))->id, self->nearby_center->id) == 0)
          found = g_ptr_array_index (self->pois, i);
      if (found)
        {
          g_clear_pointer (&self->nearby_center, td_poi_unref);
          self->nearby_center = td_poi_ref (found);
        }
      else if (self->nearby_center->id != NULL)
        {
          g_clear_pointer (&self->nearby_center, td_poi_unref);
          self->mode = MODE_VIEW;
        }
    }

  gtk_stack_set_visible_child_name (self->stack, "map");
  if (!self->view_shown)
    restore_view (self);
  _td_map_page_update_results (self);
  set_loading (self, NULL);
}

static void
td_map_page_refresh (TdArea *area)
{
  TdMapPage *self = TD_MAP_PAGE (area);
  g_autoptr(GCancellable) cancellable = NULL;

  if (self->database == NULL)
    {
      set_loading (self, NULL);
      return;
    }

  if (self->pois == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  cancellable = g_cancellable_new ();
  set_loading (self, cancellable);
  td_poi_query_all_async (self->database, cancellable, load_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* an itinerary                                                       */

void
td_map_page_show_route (TdMapPage *self,
                        TdRoute   *route)
{
  guint n;

  g_return_if_fail (TD_IS_MAP_PAGE (self));

  td_route_layer_set_route (self->route_layer, route);
  n = route ? td_route_get_n_stops (route) : 0;
  gtk_revealer_set_reveal_child (self->route_revealer, route != NULL);
  if (route == NULL)
    return;

  gtk_label_set_label (self->route_title, td_route_get_title (route));
  if (n == 0)
    gtk_label_set_label (self->route_label, _("None of its items is a place on the map."));
  else
    {
      g_autofree char *text = NULL;
      double south = 90, north = -90, west = 180, east = -180;

      /* TRANSLATORS: under an itinerary's name on the map: the number of
       * stops and the distance along them, as the crow flies */
      text = g_strdup_printf (g_dngettext (NULL, "%u stop, %.0f km in straight lines",
                                           "%u stops, %.0f km in straight lines", n),
                              n, td_route_get_total_km (route));
      gtk_label_set_label (self->route_label, text);
      for (guint i = 0; i < n; i++)
        {
          const TdRouteStop *stop = td_route_get_stop (route, i);

          south = MIN (south, stop->latitude);
          north = MAX (north, stop->latitude);
          west = MIN (west, stop->longitude);
          east = MAX (east, stop->longitude);
        }
      _td_map_page_fit_bounds (self, south, west, north, east);
    }
}

TdRoute *
td_map_page_get_route (TdMapPage *self)
{
  g_return_val_if_fail (TD_IS_MAP_PAGE (self), NULL);
  return td_route_layer_get_route (self->route_layer);
}

TdRouteLayer *
td_map_page_get_route_layer (TdMapPage *self)
{
  g_return_val_if_fail (TD_IS_MAP_PAGE (self), NULL);
  return self->route_layer;
}

static void
route_close_clicked_cb (TdMapPage *self)
{
  td_map_page_show_route (self, NULL);
}

static void
origins_toggled_cb (TdMapPage *self)
{
  gboolean active = gtk_check_button_get_active (self->origins_check);

  gtk_widget_set_visible (GTK_WIDGET (self->origin_layer), active);
  gtk_widget_set_visible (GTK_WIDGET (self->origins_label), active);
}

static void
td_map_page_set_database (TdMapPage  *self,
                          TdDatabase *database)
{
  if (!g_set_object (&self->database, database))
    return;

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  td_poi_popover_set_database (TD_POI_POPOVER (self->popover), database);
  g_clear_pointer (&self->pois, g_ptr_array_unref);
  g_clear_pointer (&self->nearby_center, td_poi_unref);
  td_poi_layer_set_pois (self->poi_layer, NULL);
  td_origin_layer_set_database (self->origin_layer, database);
  td_map_page_show_route (self, NULL);
  self->mode = MODE_VIEW;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  td_map_page_refresh (TD_AREA (self));

  g_object_notify (G_OBJECT (self), "database");
}

/* ------------------------------------------------------------------ */
/* GtkWidget, GObject                                                 */

static void
td_map_page_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (TD_MAP_PAGE (widget)->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
td_map_page_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  TdMapPage *self = TD_MAP_PAGE (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);

  /* what is in view changes with the size too */
  if ((width != self->last_width || height != self->last_height) && self->view_timeout_id == 0
      && self->mode == MODE_VIEW)
    self->view_timeout_id = g_timeout_add_once (300, view_timeout_cb, self);
  self->last_width = width;
  self->last_height = height;
  /* a popover follows its parent */
  if (gtk_widget_get_visible (self->popover))
    gtk_popover_present (GTK_POPOVER (self->popover));
}

ShumateMap *
td_map_page_get_map (TdMapPage *self)
{
  g_return_val_if_fail (TD_IS_MAP_PAGE (self), NULL);
  return self->map;
}

TdPoiLayer *
td_map_page_get_poi_layer (TdMapPage *self)
{
  g_return_val_if_fail (TD_IS_MAP_PAGE (self), NULL);
  return self->poi_layer;
}

TdOriginLayer *
td_map_page_get_origin_layer (TdMapPage *self)
{
  g_return_val_if_fail (TD_IS_MAP_PAGE (self), NULL);
  return self->origin_layer;
}

void
td_map_page_set_origins_visible (TdMapPage *self,
                                 gboolean   visible)
{
  g_return_if_fail (TD_IS_MAP_PAGE (self));
  gtk_check_button_set_active (self->origins_check, visible);
}

ShumateMapSource *
td_map_page_get_map_source (TdMapPage *self)
{
  g_return_val_if_fail (TD_IS_MAP_PAGE (self), NULL);
  return self->map_source;
}

static void
td_area_iface_init (TdAreaInterface *iface)
{
  iface->refresh = td_map_page_refresh;
}

static void
td_map_page_dispose (GObject *object)
{
  TdMapPage *self = TD_MAP_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->view_timeout_id, g_source_remove);
  if (self->map)
    save_view (self);
  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->point_menu, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_MAP_PAGE);

  G_OBJECT_CLASS (td_map_page_parent_class)->dispose (object);
}

static void
td_map_page_finalize (GObject *object)
{
  TdMapPage *self = TD_MAP_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  g_clear_object (&self->map_source);
  g_clear_object (&self->data_source);
  g_clear_pointer (&self->pois, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->nearby_center, td_poi_unref);
  g_free (self->query);
  g_free (self->problem);

  G_OBJECT_CLASS (td_map_page_parent_class)->finalize (object);
}

static void
td_map_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TdMapPage *self = TD_MAP_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_map_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TdMapPage *self = TD_MAP_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      td_map_page_set_database (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_map_page_class_init (TdMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_map_page_dispose;
  object_class->finalize = td_map_page_finalize;
  object_class->get_property = td_map_page_get_property;
  object_class->set_property = td_map_page_set_property;

  widget_class->measure = td_map_page_measure;
  widget_class->size_allocate = td_map_page_size_allocate;

  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_DATABASE, "database");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search, NULL);
  gtk_widget_class_install_action (widget_class, "map.nearby-point", NULL, _td_map_page_nearby_point_action);
  gtk_widget_class_install_action (widget_class, "map.copy-point", NULL, _td_map_page_copy_point_action);

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (SHUMATE_TYPE_LICENSE);
  g_type_ensure (TD_TYPE_CATEGORY_LEGEND);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-map-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, flap);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, results_label);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, radius_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, fit_button);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, results_hint);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, legend);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, origins_check);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, origins_label);
  gtk_widget_class_bind_template_callback (widget_class, origins_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, route_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, route_title);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, route_label);
  gtk_widget_class_bind_template_callback (widget_class, route_close_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, overlay);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, map);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, scale);
  gtk_widget_class_bind_template_child (widget_class, TdMapPage, license);
  gtk_widget_class_bind_template_callback_full (widget_class, "search_changed_cb", G_CALLBACK (_td_map_page_search_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "search_activate_cb", G_CALLBACK (_td_map_page_search_activate_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "search_stop_cb", G_CALLBACK (_td_map_page_search_stop_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "radius_changed_cb", G_CALLBACK (_td_map_page_radius_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "fit_clicked_cb", G_CALLBACK (_td_map_page_fit_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "clear_clicked_cb", G_CALLBACK (_td_map_page_clear_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "result_activated_cb", G_CALLBACK (_td_map_page_result_activated_cb));
  gtk_widget_class_bind_template_callback (widget_class, zoom_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_out_clicked_cb);
}

static void
td_map_page_init (TdMapPage *self)
{
  ShumateViewport *viewport;
  GtkEventController *keys;
  GtkGesture *secondary, *long_press;
  g_autoptr(GtkStringList) radii = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  viewport = shumate_map_get_viewport (self->map);
  shumate_scale_set_viewport (self->scale, viewport);

  /* the places above the tiles; the tiles come from the settings */
  self->poi_layer = td_poi_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->poi_layer));
  g_signal_connect_object (self->poi_layer, "activated", G_CALLBACK (layer_activated_cb), self, G_CONNECT_SWAPPED);
  /* where customers come from: under the places, shown on demand */
  self->origin_layer = td_origin_layer_new (viewport);
  gtk_widget_set_visible (GTK_WIDGET (self->origin_layer), FALSE);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->origin_layer), SHUMATE_LAYER (self->poi_layer));
  g_object_bind_property (self->origin_layer, "summary", self->origins_label, "label", G_BINDING_SYNC_CREATE);
  /* an itinerary: over everything, its stops would hide under places */
  self->route_layer = td_route_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->route_layer));
  setup_map_source (self);
  g_signal_connect_object (self->settings, "changed::map-tile-source",
                           G_CALLBACK (tile_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::map-tile-url-template",
                           G_CALLBACK (tile_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::map-mbtiles-path",
                           G_CALLBACK (tile_settings_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (viewport, "notify", G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
  shumate_map_set_go_to_duration (self->map, 400);
  shumate_viewport_set_zoom_level (viewport, 7);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (map_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), keys);

  secondary = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (secondary, "pressed", G_CALLBACK (_td_map_page_map_secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (secondary));
  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_swapped (long_press, "pressed", G_CALLBACK (_td_map_page_map_long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (long_press));

  for (guint i = 0; i < G_N_ELEMENTS (radius_km); i++)
    {
      g_autofree char *label = g_strdup_printf (_("%d km"), radius_km[i]);

      gtk_string_list_append (radii, label);
    }
  gtk_drop_down_set_model (self->radius_dropdown, G_LIST_MODEL (radii));
  gtk_drop_down_set_selected (self->radius_dropdown, DEFAULT_RADIUS);

  build_categories (self);
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (flap_revealed_cb), self, G_CONNECT_SWAPPED);

  self->popover = td_poi_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  g_signal_connect_object (self->popover, "closed", G_CALLBACK (popover_closed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "nearby-requested", G_CALLBACK (_td_map_page_nearby_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "poi-shown", G_CALLBACK (popover_poi_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "bookings-requested", G_CALLBACK (bookings_requested_cb), self, G_CONNECT_SWAPPED);
  /* taller with the availability: placed again */
  g_signal_connect_object (self->popover, "availability-shown", G_CALLBACK (follow_popover), self, G_CONNECT_SWAPPED);

  _td_map_page_update_results (self);
}

GtkWidget *
td_map_page_new (void)
{
  return g_object_new (TD_TYPE_MAP_PAGE, NULL);
}
