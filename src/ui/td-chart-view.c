/* td-chart-view.c: a chart drawn natively
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "td-chart-view.h"

struct _TdChartView
{
  GtkWidget    parent_instance;

  TdChartData *data;
  int          highlight;
};

G_DEFINE_FINAL_TYPE (TdChartView, td_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
td_chart_view_update_accessible (TdChartView *self)
{
  g_autofree char *description = NULL;

  if (self->data == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  description = td_chart_data_describe (self->data);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, td_chart_data_get_title (self->data),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

TdChartData *
td_chart_view_get_data (TdChartView *self)
{
  g_return_val_if_fail (TD_IS_CHART_VIEW (self), NULL);
  return self->data;
}

void
td_chart_view_set_data (TdChartView *self,
                        TdChartData *data)
{
  g_return_if_fail (TD_IS_CHART_VIEW (self));

  if (self->data == data)
    return;
  g_clear_pointer (&self->data, td_chart_data_unref);
  if (data)
    self->data = td_chart_data_ref (data);
  self->highlight = -1;
  td_chart_view_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
}

static void
style_for (TdChartView  *self,
           TdChartStyle *style,
           char        **font)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontDescription *desc = pango_font_description_copy (pango_context_get_font_description (context));

  td_chart_style_init (style, adw_style_manager_get_dark (manager));
  /* a little smaller than the text around it */
  if (pango_font_description_get_size (desc) > 0)
    pango_font_description_set_size (desc, pango_font_description_get_size (desc) * 8 / 10);
  *font = pango_font_description_to_string (desc);
  style->font = *font;
  pango_font_description_free (desc);
}

static void
td_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TdChartView *self = TD_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autofree char *font = NULL;
  TdChartStyle style;
  cairo_t *cr;

  if (self->data == NULL || width <= 0 || height <= 0)
    return;
  style_for (self, &style, &font);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  td_chart_data_draw (self->data, cr, width, height, &style, self->highlight);
  cairo_destroy (cr);
}

static gboolean
td_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  TdChartView *self = TD_CHART_VIEW (widget);
  g_autofree char *text = NULL;
  int category;

  if (self->data == NULL)
    return FALSE;
  if (keyboard_mode)
    {
      text = td_chart_data_describe (self->data);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  category = td_chart_data_hit (self->data, gtk_widget_get_width (widget), gtk_widget_get_height (widget), x, y);
  if (category < 0)
    return FALSE;
  text = td_chart_data_describe_category (self->data, (guint) category);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           TdChartView              *self)
{
  int category = -1;

  if (self->data)
    category = td_chart_data_hit (self->data, gtk_widget_get_width (GTK_WIDGET (self)),
                                  gtk_widget_get_height (GTK_WIDGET (self)), x, y);
  if (category != self->highlight)
    {
      self->highlight = category;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *motion,
          TdChartView              *self)
{
  if (self->highlight >= 0)
    {
      self->highlight = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
dark_changed_cb (TdChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
td_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 420;
    }
  else
    {
      *minimum = 180;
      *natural = 220;
    }
}

static void
td_chart_view_finalize (GObject *object)
{
  TdChartView *self = TD_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->data, td_chart_data_unref);
  G_OBJECT_CLASS (td_chart_view_parent_class)->finalize (object);
}

static void
td_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdChartView *self = TD_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_boxed (value, self->data);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TdChartView *self = TD_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATA:
      td_chart_view_set_data (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_chart_view_class_init (TdChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = td_chart_view_finalize;
  object_class->get_property = td_chart_view_get_property;
  object_class->set_property = td_chart_view_set_property;
  widget_class->snapshot = td_chart_view_snapshot;
  widget_class->measure = td_chart_view_measure;
  widget_class->query_tooltip = td_chart_view_query_tooltip;

  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL, TD_TYPE_CHART_DATA,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
td_chart_view_init (TdChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->highlight = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  /* reachable from the keyboard: its tooltip reads every value */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (dark_changed_cb), self);
}

GtkWidget *
td_chart_view_new (void)
{
  return g_object_new (TD_TYPE_CHART_VIEW, NULL);
}
