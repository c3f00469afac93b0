/* td-route-layer.c: an itinerary drawn on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "td-map-view.h"
#include "td-route-layer.h"

#define STOP_RADIUS 11.0
#define MIN_LABELLED_LEG 70.0   /* pixels: shorter legs keep their distance to the tooltip */

struct _TdRouteLayer
{
  ShumateLayer parent_instance;

  TdRoute *route;
  GArray  *points;   /* double pairs: Web Mercator of each stop */
};

G_DEFINE_FINAL_TYPE (TdRouteLayer, td_route_layer, SHUMATE_TYPE_LAYER)

void
td_route_layer_set_route (TdRouteLayer *self,
                          TdRoute      *route)
{
  g_return_if_fail (TD_IS_ROUTE_LAYER (self));

  if (route)
    td_route_ref (route);
  g_clear_pointer (&self->route, td_route_unref);
  self->route = route;
  g_array_set_size (self->points, 0);
  for (guint i = 0; route && i < td_route_get_n_stops (route); i++)
    {
      const TdRouteStop *stop = td_route_get_stop (route, i);
      double m[2];

      td_map_view_mercator (stop->latitude, stop->longitude, &m[0], &m[1]);
      g_array_append_vals (self->points, m, 2);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TdRoute *
td_route_layer_get_route (TdRouteLayer *self)
{
  g_return_val_if_fail (TD_IS_ROUTE_LAYER (self), NULL);
  return self->route;
}

static void
stop_xy (TdRouteLayer    *self,
         const TdMapView *view,
         guint            index,
         double          *x,
         double          *y)
{
  td_map_view_project (view,
                       g_array_index (self->points, double, 2 * index),
                       g_array_index (self->points, double, 2 * index + 1),
                       x, y);
}

gboolean
td_route_layer_get_stop_position (TdRouteLayer *self,
                                  guint         index,
                                  double       *x,
                                  double       *y)
{
  TdMapView view;

  g_return_val_if_fail (TD_IS_ROUTE_LAYER (self), FALSE);

  if (self->route == NULL || index >= td_route_get_n_stops (self->route)
      || !td_map_view_init (&view, SHUMATE_LAYER (self)))
    return FALSE;
  stop_xy (self, &view, index, x, y);
  return TRUE;
}

static char *
format_km (double km)
{
  /* TRANSLATORS: a distance on the map: kilometres */
  return km < 10 ? g_strdup_printf (_("%.1f km"), km) : g_strdup_printf (_("%.0f km"), km);
}

static void
draw_label (cairo_t     *cr,
            PangoLayout *layout,
            const char  *text,
            double       x,
            double       y,
            gboolean     dark)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_new_path (cr);
  cairo_rectangle (cr, x - w / 2.0 - 4, y - h / 2.0 - 1, w + 8, h + 2);
  if (dark)
    cairo_set_source_rgba (cr, 0.14, 0.14, 0.14, 0.9);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_fill (cr);
  cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
  if (dark)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    cairo_set_source_rgb (cr, 0.13, 0.13, 0.13);
  pango_cairo_show_layout (cr, layout);
}

static void
td_route_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TdRouteLayer *self = TD_ROUTE_LAYER (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) bold = NULL;
  guint n;
  TdMapView view;
  cairo_t *cr;

  if (self->route == NULL || (n = td_route_get_n_stops (self->route)) == 0
      || !td_map_view_init (&view, SHUMATE_LAYER (self)))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* the legs: a white casing under GNOME red 3, seen on map and sea */
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_new_path (cr);
      for (guint i = 0; i < n; i++)
        {
          double x, y;

          stop_xy (self, &view, i, &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      if (pass == 0)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, 7);
        }
      else
        {
          cairo_set_source_rgb (cr, 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0);
          cairo_set_line_width (cr, 4);
        }
      cairo_stroke (cr);
    }

  layout = gtk_widget_create_pango_layout (widget, NULL);

  /* the distance of each leg long enough to hold it, at its middle */
  for (guint i = 0; i + 1 < n; i++)
    {
      double x1, y1, x2, y2;
      g_autofree char *km = NULL;

      stop_xy (self, &view, i, &x1, &y1);
      stop_xy (self, &view, i + 1, &x2, &y2);
      if (hypot (x2 - x1, y2 - y1) < MIN_LABELLED_LEG)
        continue;
      km = format_km (td_route_get_leg_km (self->route, i));
      draw_label (cr, layout, km, (x1 + x2) / 2, (y1 + y2) / 2, dark);
    }

  /* the stops, numbered, with their day under them */
  bold = pango_font_description_from_string ("Bold 9");
  for (guint i = 0; i < n; i++)
    {
      const TdRouteStop *stop = td_route_get_stop (self->route, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      double x, y;
      int w, h;

      stop_xy (self, &view, i, &x, &y);
      if (x < -40 || y < -40 || x > view.width + 40 || y > view.height + 40)
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, x, y, STOP_RADIUS, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0xa5 / 255.0, 0x1d / 255.0, 0x2d / 255.0);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);

      pango_layout_set_font_description (layout, bold);
      pango_layout_set_text (layout, number, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
      pango_layout_set_font_description (layout, NULL);

      if (stop->day > 0)
        {
          /* TRANSLATORS: under a stop of an itinerary on the map: its day */
          g_autofree char *day = g_strdup_printf (_("Day %u"), stop->day);

          draw_label (cr, layout, day, x, y + STOP_RADIUS + 9, dark);
        }
    }
  cairo_destroy (cr);
}

static int
stop_at (TdRouteLayer *self,
         double        x,
         double        y)
{
  TdMapView view;

  if (self->route == NULL || !td_map_view_init (&view, SHUMATE_LAYER (self)))
    return -1;
  /* the last drawn is on top */
  for (guint i = td_route_get_n_stops (self->route); i > 0; i--)
    {
      double sx, sy;

      stop_xy (self, &view, i - 1, &sx, &sy);
      if (hypot (x - sx, y - sy) <= STOP_RADIUS + 2)
        return (int) i - 1;
    }
  return -1;
}

char *
td_route_layer_describe_at (TdRouteLayer *self,
                            double        x,
                            double        y)
{
  int index;
  const TdRouteStop *stop;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (TD_IS_ROUTE_LAYER (self), NULL);

  index = stop_at (self, x, y);
  if (index < 0)
    return NULL;
  stop = td_route_get_stop (self->route, index);
  text = g_string_new (NULL);
  if (stop->day > 0)
    /* TRANSLATORS: a stop of an itinerary: its number, its day, its name */
    g_string_printf (text, _("%d. Day %u: %s"), index + 1, stop->day, stop->name);
  else
    g_string_printf (text, "%d. %s", index + 1, stop->name);
  if ((guint) index + 1 < td_route_get_n_stops (self->route))
    {
      g_autofree char *km = format_km (td_route_get_leg_km (self->route, index));

      g_string_append_c (text, '\n');
      /* TRANSLATORS: from this stop of an itinerary to the next, as the crow flies */
      g_string_append_printf (text, _("Next stop: %s in a straight line"), km);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
td_route_layer_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  g_autofree char *text = td_route_layer_describe_at (TD_ROUTE_LAYER (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
td_route_layer_contains (GtkWidget *widget,
                         double     x,
                         double     y)
{
  return stop_at (TD_ROUTE_LAYER (widget), x, y) >= 0;
}

static void
td_route_layer_constructed (GObject *object)
{
  TdRouteLayer *self = TD_ROUTE_LAYER (object);

  G_OBJECT_CLASS (td_route_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
td_route_layer_finalize (GObject *object)
{
  TdRouteLayer *self = TD_ROUTE_LAYER (object);

  g_clear_pointer (&self->route, td_route_unref);
  g_array_unref (self->points);

  G_OBJECT_CLASS (td_route_layer_parent_class)->finalize (object);
}

static void
td_route_layer_class_init (TdRouteLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_route_layer_constructed;
  object_class->finalize = td_route_layer_finalize;
  widget_class->snapshot = td_route_layer_snapshot;
  widget_class->query_tooltip = td_route_layer_query_tooltip;
  widget_class->contains = td_route_layer_contains;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
td_route_layer_init (TdRouteLayer *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Itinerary"),
                                  -1);
}

TdRouteLayer *
td_route_layer_new (ShumateViewport *viewport)
{
  return g_object_new (TD_TYPE_ROUTE_LAYER, "viewport", viewport, NULL);
}
