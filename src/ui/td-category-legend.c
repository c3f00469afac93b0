/* td-category-legend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-category-legend.h"
#include "td-poi-layer.h"
#include "td-utils.h"

struct _TdCategoryLegend
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkWidget  *categories_label;
  GtkListBox *categories_list;

  GtkWidget  *category_checks[TD_POI_N_CATEGORIES];
  GtkLabel   *category_counts[TD_POI_N_CATEGORIES];
};

G_DEFINE_FINAL_TYPE (TdCategoryLegend, td_category_legend, GTK_TYPE_WIDGET)

enum {
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
category_toggled_cb (GtkCheckButton   *check,
                     TdCategoryLegend *self)
{
  TdPoiCategory category = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "td-category"));

  g_signal_emit (self, signals[TOGGLED], 0, category, gtk_check_button_get_active (check));
}

static void
category_activated_cb (TdCategoryLegend *self,
                       GtkListBoxRow    *row)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "td-check");

  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
build_categories (TdCategoryLegend *self)
{
  for (guint i = 0; i < TD_POI_N_CATEGORIES; i++)
    {
      g_autoptr(GdkTexture) icon = td_poi_category_render_icon (i, 20, 2);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *check = gtk_check_button_new_with_label (td_poi_category_get_title (i));
      GtkWidget *image = gtk_image_new_from_paintable (GDK_PAINTABLE (icon));
      GtkWidget *count = gtk_label_new ("");

      gtk_image_set_pixel_size (GTK_IMAGE (image), 20);
      gtk_widget_set_margin_start (image, 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      td_poi_category_get_title (i), -1);
      gtk_widget_set_hexpand (check, TRUE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_widget_set_margin_end (count, 6);
      /* the legend: the icon the map draws, the name, how many */
      gtk_box_append (GTK_BOX (box), image);
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), count);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      /* the check button takes the focus, not the row */
      gtk_widget_set_focusable (row, FALSE);

      g_object_set_data (G_OBJECT (check), "td-category", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (row), "td-check", check);
      g_signal_connect (check, "toggled", G_CALLBACK (category_toggled_cb), self);
      gtk_list_box_append (self->categories_list, row);

      self->category_checks[i] = check;
      self->category_counts[i] = GTK_LABEL (count);
    }
}

static void
td_category_legend_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_CATEGORY_LEGEND);

  G_OBJECT_CLASS (td_category_legend_parent_class)->dispose (object);
}

static void
td_category_legend_class_init (TdCategoryLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_category_legend_dispose;

  signals[TOGGLED] =
    g_signal_new ("toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-category-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCategoryLegend, categories_label);
  gtk_widget_class_bind_template_child (widget_class, TdCategoryLegend, categories_list);
  gtk_widget_class_bind_template_callback (widget_class, category_activated_cb);
}

static void
td_category_legend_init (TdCategoryLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_categories (self);
}

GtkWidget *
td_category_legend_new (void)
{
  return g_object_new (TD_TYPE_CATEGORY_LEGEND, NULL);
}

gboolean
td_category_legend_get_active (TdCategoryLegend *self,
                               TdPoiCategory     category)
{
  g_return_val_if_fail (TD_IS_CATEGORY_LEGEND (self), FALSE);
  g_return_val_if_fail (category < TD_POI_N_CATEGORIES, FALSE);

  return gtk_check_button_get_active (GTK_CHECK_BUTTON (self->category_checks[category]));
}

void
td_category_legend_set_active (TdCategoryLegend *self,
                               TdPoiCategory     category,
                               gboolean          active)
{
  g_return_if_fail (TD_IS_CATEGORY_LEGEND (self));
  g_return_if_fail (category < TD_POI_N_CATEGORIES);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->category_checks[category]), active);
}

void
td_category_legend_set_pois (TdCategoryLegend *self,
                             GPtrArray        *pois)
{
  guint counts[TD_POI_N_CATEGORIES] = { 0 };

  g_return_if_fail (TD_IS_CATEGORY_LEGEND (self));

  for (guint i = 0; pois && i < pois->len; i++)
    counts[((TdPoi *) g_ptr_array_index (pois, i))->category]++;
  for (guint i = 0; i < TD_POI_N_CATEGORIES; i++)
    {
      g_autofree char *text = td_format_count (counts[i]);

      gtk_label_set_text (self->category_counts[i], text);
    }
}
