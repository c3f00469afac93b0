/* td-origin-layer.c: where the customers come from, as circles on the map
 *
 * At most a few hundred circles: drawn with cairo in one snapshot, the
 * biggest first so that small places stay visible on top of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "td-map-view.h"
#include "td-origin-layer.h"

#define MIN_RADIUS      7.0
#define MAX_RADIUS     34.0
#define RELOAD_DELAY_MS 1000

typedef struct {
  const TdChinaPlace *place;
  gint64 count;
  double mx, my;
  double radius;
} Circle;

struct _TdOriginLayer
{
  ShumateLayer parent_instance;

  TdDatabase   *database;
  gulong        changed_id;
  GCancellable *cancellable;
  guint         reload_id;
  gboolean      stale;         /* the counts are to be read (again) */

  GArray       *circles;       /* Circle, the biggest first */
  gint64        total;         /* customers placed and not */
  char         *summary;
};

G_DEFINE_FINAL_TYPE (TdOriginLayer, td_origin_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void td_origin_layer_load (TdOriginLayer *self);

static void
set_summary (TdOriginLayer *self,
             const char    *summary)
{
  if (g_strcmp0 (self->summary, summary) == 0)
    return;
  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary ? summary : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static char *
format_count (gint64 n)
{
  /* grouped as the locale writes numbers: 12,345 */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TdOriginLayer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCustomerOrigins) origins = td_customer_origins_finish (TD_DATABASE (source), result, &error);
  gint64 max = 1;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (origins == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not count the customers: %s"), error->message);

      set_summary (self, text);
      return;
    }

  g_array_set_size (self->circles, 0);
  for (guint i = 0; i < origins->origins->len; i++)
    max = MAX (max, g_array_index (origins->origins, TdCustomerOrigin, i).count);
  for (guint i = 0; i < origins->origins->len; i++)
    {
      TdCustomerOrigin *o = &g_array_index (origins->origins, TdCustomerOrigin, i);
      Circle c = { o->place, o->count, 0, 0, 0 };

      td_map_view_mercator (o->place->latitude, o->place->longitude, &c.mx, &c.my);
      /* the area in proportion to the customers */
      c.radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * sqrt ((double) o->count / max);
      g_array_append_val (self->circles, c);
    }
  self->total = origins->placed + origins->unplaced;

  if (self->total == 0)
    set_summary (self, _("No customers yet."));
  else
    {
      g_autofree char *placed = format_count (origins->placed);
      g_autofree char *unplaced = format_count (origins->unplaced);
      g_autofree char *text = NULL;

      if (origins->unplaced == 0)
        text = g_strdup_printf (g_dngettext (NULL, "%s customer from %u place", "%s customers from %u places",
                                             origins->placed),
                                placed, origins->origins->len);
      else
        /* TRANSLATORS: "4,997 customers from 25 places; 3 of unknown origin" */
        text = g_strdup_printf (g_dngettext (NULL, "%s customer from %u places; %s of unknown origin",
                                             "%s customers from %u places; %s of unknown origin",
                                             origins->placed),
                                placed, origins->origins->len, unplaced);
      set_summary (self, text);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
td_origin_layer_load (TdOriginLayer *self)
{
  gboolean was_loading = self->cancellable != NULL;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->stale = FALSE;
  if (self->database == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  td_customer_origins_async (self->database, self->cancellable, loaded_cb, g_object_ref (self));
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
reload_cb (gpointer data)
{
  TdOriginLayer *self = data;

  self->reload_id = 0;
  td_origin_layer_load (self);
  return G_SOURCE_REMOVE;
}

static void
database_changed_cb (TdOriginLayer *self,
                     GPtrArray     *changes)
{
  /* NULL: too many to list (an import): read again */
  gboolean customers = changes == NULL;

  for (guint i = 0; changes && i < changes->len && !customers; i++)
    customers = g_strcmp0 (td_change_get_kind (g_ptr_array_index (changes, i)), "customer") == 0;
  if (!customers)
    return;

  /* an import commits many times: count once it has settled */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

void
td_origin_layer_set_database (TdOriginLayer *self,
                              TdDatabase    *database)
{
  g_return_if_fail (TD_IS_ORIGIN_LAYER (self));

  if (self->database == database)
    return;
  if (self->database && self->changed_id)
    g_clear_signal_handler (&self->changed_id, self->database);
  g_set_object (&self->database, database);
  g_array_set_size (self->circles, 0);
  set_summary (self, NULL);
  if (database)
    self->changed_id = g_signal_connect_object (database, "changed", G_CALLBACK (database_changed_cb),
                                                self, G_CONNECT_SWAPPED);
  self->stale = TRUE;
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    td_origin_layer_load (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
td_origin_layer_get_summary (TdOriginLayer *self)
{
  g_return_val_if_fail (TD_IS_ORIGIN_LAYER (self), NULL);
  return self->summary;
}

gboolean
td_origin_layer_get_loading (TdOriginLayer *self)
{
  g_return_val_if_fail (TD_IS_ORIGIN_LAYER (self), FALSE);
  return self->cancellable != NULL;
}

guint
td_origin_layer_get_n_origins (TdOriginLayer *self)
{
  g_return_val_if_fail (TD_IS_ORIGIN_LAYER (self), 0);
  return self->circles->len;
}

/* ------------------------------------------------------------------ */
/* drawing                                                            */

static void
draw_circle (cairo_t        *cr,
             PangoLayout    *layout,
             const Circle   *c,
             double          x,
             double          y,
             gboolean        dark)
{
  gboolean city = td_china_place_is_city (c->place);

  /* (the text leaves a current point: no line from it to the arc) */
  cairo_new_path (cr);
  cairo_arc (cr, x, y, c->radius, 0, 2 * G_PI);
  /* GNOME's orange 4, seen through; a province (city not known) paler */
  cairo_set_source_rgba (cr, 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0, city ? 0.55 : 0.25);
  cairo_fill_preserve (cr);
  if (dark)
    cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  /* the count, where it fits */
  if (c->radius >= 12 && city)
    {
      g_autofree char *text = format_count (c->count);
      int w, h;

      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (w < 2 * c->radius - 4)
        {
          cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
          cairo_set_source_rgb (cr, 1, 1, 1);
          pango_cairo_show_layout (cr, layout);
        }
    }
}

static void
td_origin_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  TdOriginLayer *self = TD_ORIGIN_LAYER (widget);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  TdMapView view;
  cairo_t *cr;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (self->circles->len == 0 || !td_map_view_init (&view, SHUMATE_LAYER (self)))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));
  layout = gtk_widget_create_pango_layout (widget, NULL);
  font = pango_font_description_from_string ("Bold 9");
  pango_layout_set_font_description (layout, font);

  for (guint i = 0; i < self->circles->len; i++)
    {
      const Circle *c = &g_array_index (self->circles, Circle, i);
      double x, y;

      td_map_view_project (&view, c->mx, c->my, &x, &y);
      if (x + c->radius < 0 || y + c->radius < 0 || x - c->radius > view.width || y - c->radius > view.height)
        continue;
      draw_circle (cr, layout, c, x, y, dark);
    }
  cairo_destroy (cr);
}

/* The smallest circle under (x, y): it is drawn on top. */
static const Circle *
circle_at (TdOriginLayer *self,
           double         x,
           double         y)
{
  TdMapView view;

  if (!td_map_view_init (&view, SHUMATE_LAYER (self)))
    return NULL;
  for (guint i = self->circles->len; i > 0; i--)
    {
      const Circle *c = &g_array_index (self->circles, Circle, i - 1);
      double cx, cy;

      td_map_view_project (&view, c->mx, c->my, &cx, &cy);
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= c->radius * c->radius)
        return c;
    }
  return NULL;
}

char *
td_origin_layer_describe_at (TdOriginLayer *self,
                             double         x,
                             double         y)
{
  g_autoptr(GString) text = NULL;
  gboolean chinese;
  TdMapView view;

  g_return_val_if_fail (TD_IS_ORIGIN_LAYER (self), NULL);

  if (!td_map_view_init (&view, SHUMATE_LAYER (self)))
    return NULL;
  /* the place's name as the clerk reads: Chinese in a Chinese locale */
  chinese = g_str_has_prefix (pango_language_to_string (gtk_get_default_language ()), "zh");

  /* every circle under the pointer, the biggest first: a province's
   * customers of no known city sit on its capital */
  for (guint i = 0; i < self->circles->len; i++)
    {
      const Circle *c = &g_array_index (self->circles, Circle, i);
      const char *name = chinese ? c->place->name : c->place->name_en;
      g_autofree char *count = NULL;
      g_autofree char *line = NULL;
      double share = 100.0 * c->count / MAX (self->total, 1);
      double cx, cy;

      td_map_view_project (&view, c->mx, c->my, &cx, &cy);
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) > c->radius * c->radius)
        continue;
      count = format_count (c->count);
      if (td_china_place_is_city (c->place))
        /* TRANSLATORS: a circle of the customer origins on the map: place,
         * number of customers, their share in per cent */
        line = g_strdup_printf (g_dngettext (NULL, "%s: %s customer (%.1f%%)", "%s: %s customers (%.1f%%)", c->count),
                                name, count, share);
      else
        /* TRANSLATORS: customers known to come from a province, not from
         * which city: province, number of customers, share in per cent */
        line = g_strdup_printf (g_dngettext (NULL, "%s, city not known: %s customer (%.1f%%)",
                                             "%s, city not known: %s customers (%.1f%%)", c->count),
                                name, count, share);
      if (text == NULL)
        text = g_string_new (line);
      else
        g_string_append_printf (text, "\n%s", line);
    }
  return text ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
td_origin_layer_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip)
{
  g_autofree char *text = td_origin_layer_describe_at (TD_ORIGIN_LAYER (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
td_origin_layer_contains (GtkWidget *widget,
                          double     x,
                          double     y)
{
  /* only the circles take the pointer: the map pans everywhere else */
  return circle_at (TD_ORIGIN_LAYER (widget), x, y) != NULL;
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
visible_changed_cb (TdOriginLayer *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self)) && self->stale)
    td_origin_layer_load (self);
}

static void
td_origin_layer_constructed (GObject *object)
{
  TdOriginLayer *self = TD_ORIGIN_LAYER (object);

  G_OBJECT_CLASS (td_origin_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::visible", G_CALLBACK (visible_changed_cb), NULL);
}

static void
td_origin_layer_dispose (GObject *object)
{
  TdOriginLayer *self = TD_ORIGIN_LAYER (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->database && self->changed_id)
    g_clear_signal_handler (&self->changed_id, self->database);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (td_origin_layer_parent_class)->dispose (object);
}

static void
td_origin_layer_finalize (GObject *object)
{
  TdOriginLayer *self = TD_ORIGIN_LAYER (object);

  g_array_unref (self->circles);
  g_free (self->summary);

  G_OBJECT_CLASS (td_origin_layer_parent_class)->finalize (object);
}

static void
td_origin_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TdOriginLayer *self = TD_ORIGIN_LAYER (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, td_origin_layer_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_origin_layer_class_init (TdOriginLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_origin_layer_constructed;
  object_class->dispose = td_origin_layer_dispose;
  object_class->finalize = td_origin_layer_finalize;
  object_class->get_property = td_origin_layer_get_property;

  widget_class->snapshot = td_origin_layer_snapshot;
  widget_class->query_tooltip = td_origin_layer_query_tooltip;
  widget_class->contains = td_origin_layer_contains;

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
td_origin_layer_init (TdOriginLayer *self)
{
  self->circles = g_array_new (FALSE, FALSE, sizeof (Circle));
  self->stale = TRUE;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Where customers come from"),
                                  -1);
}

TdOriginLayer *
td_origin_layer_new (ShumateViewport *viewport)
{
  return g_object_new (TD_TYPE_ORIGIN_LAYER, "viewport", viewport, NULL);
}
