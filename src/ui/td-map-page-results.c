/* td-map-page-results.c: the map area's search, places nearby, a point of
 * the map, and the list beside the map (TdMapPage, continued)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "td-map-page-private.h"
#include "td-poi-popover.h"
#include "td-poi-query.h"
#include "td-utils.h"

/* ------------------------------------------------------------------ */
/* the list beside the map                                            */

static char *
format_distance (double metres)
{
  if (metres < 1000)
    /* Translators: a distance in metres */
    return g_strdup_printf (_("%.0f m"), metres);
  /* Translators: a distance in kilometres */
  return g_strdup_printf (_("%.1f km"), metres / 1000);
}

static GtkWidget *
result_row (TdMapPage *self,
            TdPoi     *poi,
            gboolean   with_distance)
{
  g_autoptr(GdkTexture) icon = td_poi_category_render_icon (poi->category, 24,
                                                            gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  /* the icon says the category: the English name is more use */
  g_autoptr(GString) details = g_string_new (poi->name_en ? poi->name_en : td_poi_category_get_name (poi->category));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *image = gtk_image_new_from_paintable (GDK_PAINTABLE (icon));
  GtkWidget *name = gtk_label_new (poi->name);
  GtkWidget *subtitle;

  if (with_distance && poi->distance >= 0)
    {
      g_autofree char *distance = format_distance (poi->distance);

      g_string_append_printf (details, " · %s", distance);
    }
  else if (poi->city)
    g_string_append_printf (details, " · %s", poi->city);
  subtitle = gtk_label_new (details->str);

  gtk_image_set_pixel_size (GTK_IMAGE (image), 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  td_poi_category_get_name (poi->category), -1);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "td-poi", td_poi_ref (poi), (GDestroyNotify) td_poi_unref);
  return row;
}

static gboolean
poi_shown (TdMapPage *self,
           TdPoi     *poi)
{
  return td_poi_layer_get_category_visible (self->poi_layer, poi->category);
}

static gboolean
some_category_hidden (TdMapPage *self)
{
  for (guint i = 0; i < TD_POI_N_CATEGORIES; i++)
    if (!td_poi_layer_get_category_visible (self->poi_layer, i))
      return TRUE;
  return FALSE;
}

typedef struct {
  TdPoi    *poi;
  gboolean  prefix;
} Match;

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *ma = a, *mb = b;

  if (ma->prefix != mb->prefix)
    return ma->prefix ? -1 : 1;
  return g_utf8_collate (ma->poi->name, mb->poi->name);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate ((*(TdPoi **) a)->name, (*(TdPoi **) b)->name);
}

static int
compare_distance_to (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  const TdPoi *center = data;
  const TdPoi *pa = *(TdPoi **) a, *pb = *(TdPoi **) b;
  double da = td_geo_distance (center->lat, center->lon, pa->lat, pa->lon);
  double db = td_geo_distance (center->lat, center->lon, pb->lat, pb->lon);

  return da < db ? -1 : da > db;
}

/* by name, as td_poi_query_search() does, in the places loaded */
static guint
find_by_name (TdMapPage  *self,
              const char *text,
              GPtrArray  *out)
{
  g_autofree char *folded = td_poi_query_fold (text);
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (Match));

  for (guint i = 0; self->pois && i < self->pois->len; i++)
    {
      Match m = { g_ptr_array_index (self->pois, i), FALSE };

      if (poi_shown (self, m.poi) && td_poi_query_matches (m.poi, folded, &m.prefix))
        g_array_append_val (matches, m);
    }
  g_array_sort (matches, compare_matches);
  for (guint i = 0; i < matches->len && i < MAX_LISTED; i++)
    g_ptr_array_add (out, td_poi_ref (g_array_index (matches, Match, i).poi));
  return matches->len;
}

/* the places around nearby_center, nearest first, at most MAX_LISTED */
static guint
find_nearby (TdMapPage *self,
             GPtrArray *out)
{
  double radius = radius_km[MIN (gtk_drop_down_get_selected (self->radius_dropdown), G_N_ELEMENTS (radius_km) - 1)] * 1000.0;
  guint n = 0;

  for (guint i = 0; self->pois && i < self->pois->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (self->pois, i);
      double distance;

      if (!poi_shown (self, poi) || g_strcmp0 (poi->id, self->nearby_center->id) == 0)
        continue;
      distance = td_geo_distance (self->nearby_center->lat, self->nearby_center->lon, poi->lat, poi->lon);
      if (distance > radius)
        continue;
      g_ptr_array_add (out, td_poi_ref (poi));
      n++;
    }
  g_ptr_array_sort_with_data (out, compare_distance_to, self->nearby_center);
  if (out->len > MAX_LISTED)
    g_ptr_array_set_size (out, MAX_LISTED);
  return n;
}

static guint
find_in_view (TdMapPage *self,
              GPtrArray *out)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  GtkWidget *map = GTK_WIDGET (self->map);
  double north, west, south, east;
  guint n = 0;

  if (shumate_viewport_get_reference_map_source (viewport) == NULL || gtk_widget_get_width (map) == 0)
    return 0;
  shumate_viewport_widget_coords_to_location (viewport, map, 0, 0, &north, &west);
  shumate_viewport_widget_coords_to_location (viewport, map, gtk_widget_get_width (map),
                                              gtk_widget_get_height (map), &south, &east);

  for (guint i = 0; self->pois && i < self->pois->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (self->pois, i);

      if (!poi_shown (self, poi) || poi->lat < south || poi->lat > north)
        continue;
      if (west <= east ? (poi->lon < west || poi->lon > east) : (poi->lon < west && poi->lon > east))
        continue;
      if (n++ < MAX_IN_VIEW)
        g_ptr_array_add (out, td_poi_ref (poi));
    }
  if (n > MAX_IN_VIEW)
    g_ptr_array_set_size (out, 0);
  else
    g_ptr_array_sort (out, compare_names);
  return n;
}

void
_td_map_page_update_results (TdMapPage *self)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);
  g_autofree char *title = NULL;
  g_autofree char *hint = NULL;
  GtkWidget *child;
  guint n = 0;

  g_clear_handle_id (&self->view_timeout_id, g_source_remove);

  switch (self->mode)
    {
    case MODE_SEARCH:
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
        g_autofree char *count = NULL;

        n = find_by_name (self, text, results);
        count = td_format_count (n);
        if (n == 0)
          title = g_strdup_printf (_("No place matches “%s”"), text);
        else
          title = g_strdup_printf (ngettext ("%s place found", "%s places found", n), count);
        if (n > MAX_LISTED)
          hint = g_strdup_printf (_("The first %d are listed: type more of the name to find fewer."), MAX_LISTED);
        else if (some_category_hidden (self))
          hint = g_strdup (_("Hidden categories are not searched."));
        else if (n > 0)
          hint = g_strdup (_("Press Enter to fit the map to the places found."));
      }
      break;

    case MODE_NEARBY:
      {
        g_autofree char *count = NULL;
        g_autofree char *radius = NULL;
        guint selected = MIN (gtk_drop_down_get_selected (self->radius_dropdown), G_N_ELEMENTS (radius_km) - 1);

        n = find_nearby (self, results);
        /* Translators: a place's name */
        title = g_strdup_printf (_("Near %s"), self->nearby_center->name);
        count = td_format_count (n);
        radius = g_strdup_printf (_("%d km"), radius_km[selected]);
        if (n == 0)
          /* Translators: a distance (5 km) */
          hint = g_strdup_printf (_("No other place within %s."), radius);
        else
          /* Translators: a count of places, then a distance (5 km) */
          hint = g_strdup_printf (ngettext ("%s place within %s.", "%s places within %s.", n), count, radius);
      }
      break;

    case MODE_VIEW:
    default:
      {
        g_autofree char *count = NULL;

        n = find_in_view (self, results);
        count = td_format_count (n);
        if (self->pois == NULL || self->pois->len == 0)
          title = g_strdup ("");
        else if (n == 0)
          title = g_strdup (_("No places in view"));
        else
          title = g_strdup_printf (ngettext ("%s place in view", "%s places in view", n), count);
        if (n > MAX_IN_VIEW)
          hint = g_strdup (_("Zoom in, or search by name, to list them."));
        else if (self->pois && self->pois->len > 0)
          hint = g_strdup (_("Search by name, or click a place on the map."));
      }
      break;
    }

  td_poi_layer_set_highlighted (self->poi_layer, self->mode == MODE_VIEW ? NULL : results);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))))
    gtk_list_box_remove (self->results_list, child);
  for (guint i = 0; i < results->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (results, i);

      if (self->mode == MODE_NEARBY)
        {
          /* a copy with the distance, for the row */
          g_autoptr(TdPoi) copy = td_poi_copy (poi);

          copy->distance = td_geo_distance (self->nearby_center->lat, self->nearby_center->lon, poi->lat, poi->lon);
          gtk_list_box_append (self->results_list, result_row (self, copy, TRUE));
        }
      else
        gtk_list_box_append (self->results_list, result_row (self, poi, FALSE));
    }

  gtk_label_set_text (self->results_label, title);
  gtk_label_set_text (self->results_hint, hint ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->results_hint), hint != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->radius_dropdown), self->mode == MODE_NEARBY);
  gtk_widget_set_visible (self->clear_button, self->mode != MODE_VIEW);
  gtk_widget_set_visible (self->fit_button, self->mode != MODE_VIEW);
  gtk_widget_set_sensitive (self->fit_button, results->len > 0);

  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = g_steal_pointer (&results);
}

GPtrArray *
td_map_page_get_results (TdMapPage *self)
{
  g_return_val_if_fail (TD_IS_MAP_PAGE (self), NULL);
  return self->results;
}

void
td_map_page_fit_results (TdMapPage *self)
{
  g_return_if_fail (TD_IS_MAP_PAGE (self));

  if (self->mode == MODE_NEARBY && self->nearby_center)
    {
      double radius = radius_km[MIN (gtk_drop_down_get_selected (self->radius_dropdown), G_N_ELEMENTS (radius_km) - 1)] * 1000.0;
      double south, north, west, east;

      /* the circle looked in */
      td_geo_bounding_box (self->nearby_center->lat, self->nearby_center->lon, radius,
                           &south, &north, &west, &east);
      _td_map_page_fit_bounds (self, south, west, north, east);
    }
  else
    _td_map_page_fit_pois (self, self->results);
}

void
td_map_page_search (TdMapPage  *self,
                    const char *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (TD_IS_MAP_PAGE (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_clear_pointer (&self->nearby_center, td_poi_unref);
  stripped = g_strstrip (g_strdup (text ? text : ""));
  self->mode = *stripped ? MODE_SEARCH : MODE_VIEW;
  g_free (self->query);
  self->query = g_strdup (text);
  _td_map_page_update_results (self);
}

void
_td_map_page_search_changed_cb (TdMapPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0' && self->mode == MODE_NEARBY)
    return;
  /* already searched, by td_map_page_search() */
  if (self->mode == MODE_SEARCH && g_strcmp0 (text, self->query) == 0)
    return;
  td_map_page_search (self, text);
}

void
_td_map_page_search_activate_cb (TdMapPage *self)
{
  td_map_page_fit_results (self);
}

void
_td_map_page_search_stop_cb (TdMapPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  td_map_page_search (self, "");
}

void
_td_map_page_clear_clicked_cb (TdMapPage *self)
{
  _td_map_page_search_stop_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
_td_map_page_fit_clicked_cb (TdMapPage *self)
{
  td_map_page_fit_results (self);
}

void
_td_map_page_radius_changed_cb (TdMapPage *self)
{
  if (self->mode == MODE_NEARBY)
    {
      _td_map_page_update_results (self);
      td_map_page_fit_results (self);
    }
}

/* Lists the places around center (a place, or a point of the map). */
static void
start_nearby (TdMapPage *self,
              TdPoi     *center)
{
  g_clear_pointer (&self->nearby_center, td_poi_unref);
  self->nearby_center = td_poi_ref (center);
  self->mode = MODE_NEARBY;
  g_signal_handlers_block_by_func (self->search_entry, _td_map_page_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, _td_map_page_search_changed_cb, self);
  _td_map_page_update_results (self);
  td_map_page_fit_results (self);
  /* keep the place itself marked */
  td_poi_layer_set_selected (self->poi_layer, center->id ? center : NULL);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, TRUE);
}

void
_td_map_page_nearby_requested_cb (TdMapPage    *self,
                     TdPoi        *poi,
                     TdPoiPopover *popover)
{
  start_nearby (self, poi);
}

/* ------------------------------------------------------------------ */
/* a point of the map: right click, long press, the Menu key          */

static char *
format_point (double lat,
              double lon)
{
  /* TRANSLATORS: a point of the map: latitude then longitude, with the
   * letters of north/south and east/west */
  return g_strdup_printf (_("%.2f° %s, %.2f° %s"),
                          fabs (lat), lat >= 0 ? C_("latitude", "N") : C_("latitude", "S"),
                          fabs (lon), lon >= 0 ? C_("longitude", "E") : C_("longitude", "W"));
}

void
td_map_page_search_near_point (TdMapPage *self,
                               double     latitude,
                               double     longitude)
{
  g_autoptr(TdPoi) center = td_poi_new ();

  g_return_if_fail (TD_IS_MAP_PAGE (self));

  center->lat = latitude;
  center->lon = longitude;
  center->name = format_point (latitude, longitude);
  start_nearby (self, center);
}

void
_td_map_page_nearby_point_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TdMapPage *self = TD_MAP_PAGE (widget);

  td_map_page_search_near_point (self, self->point_lat, self->point_lon);
}

void
_td_map_page_copy_point_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TdMapPage *self = TD_MAP_PAGE (widget);
  g_autofree char *text = NULL;
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

  /* as map sites and spreadsheets take them: "34.747000, 113.625000" */
  text = g_strdup_printf ("%s, %s", g_ascii_formatd (lat, sizeof lat, "%.6f", self->point_lat),
                          g_ascii_formatd (lon, sizeof lon, "%.6f", self->point_lon));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* (x, y) in the map's coordinates */
void
_td_map_page_show_point_menu (TdMapPage *self,
                 double     x,
                 double     y)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  graphene_point_t point;

  if (!gtk_widget_compute_point (GTK_WIDGET (self->map), GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y,
                                              &self->point_lat, &self->point_lon);
  if (self->point_menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();

      g_menu_append (menu, _("Places _Near Here"), "map.nearby-point");
      g_menu_append (menu, _("_Copy Coordinates"), "map.copy-point");
      self->point_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->point_menu), FALSE);
      gtk_popover_set_position (GTK_POPOVER (self->point_menu), GTK_POS_BOTTOM);
      gtk_widget_set_halign (self->point_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->point_menu, GTK_WIDGET (self));
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->point_menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->point_menu));
}

void
_td_map_page_map_secondary_pressed_cb (TdMapPage       *self,
                          int              n_press,
                          double           x,
                          double           y,
                          GtkGestureClick *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  _td_map_page_show_point_menu (self, x, y);
}

void
_td_map_page_map_long_pressed_cb (TdMapPage           *self,
                     double               x,
                     double               y,
                     GtkGestureLongPress *gesture)
{
  _td_map_page_show_point_menu (self, x, y);
}

void
_td_map_page_result_activated_cb (TdMapPage     *self,
                     GtkListBoxRow *row)
{
  TdPoi *poi = g_object_get_data (G_OBJECT (row), "td-poi");

  /* the layer knows the places loaded, not the copies of the nearby list */
  for (guint i = 0; self->pois && i < self->pois->len; i++)
    if (g_strcmp0 (((TdPoi *) g_ptr_array_index (self->pois, i))->id, poi->id) == 0)
      {
        poi = g_ptr_array_index (self->pois, i);
        break;
      }
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  td_map_page_show_poi (self, poi);
}
