/* td-count-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-count-card.h"
#include "td-utils.h"

struct _TdCountCard
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkImage  *icon;
  GtkLabel  *count_label;
  GtkLabel  *title_label;

  gint64     count;
};

G_DEFINE_FINAL_TYPE (TdCountCard, td_count_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COUNT,
  PROP_ICON_NAME,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
td_count_card_new (const char *icon_name)
{
  return g_object_new (TD_TYPE_COUNT_CARD,
                       "icon-name", icon_name,
                       NULL);
}

const char *
td_count_card_get_icon_name (TdCountCard *self)
{
  g_return_val_if_fail (TD_IS_COUNT_CARD (self), NULL);

  return gtk_image_get_icon_name (self->icon);
}

void
td_count_card_set_icon_name (TdCountCard *self,
                             const char  *icon_name)
{
  g_return_if_fail (TD_IS_COUNT_CARD (self));

  if (g_strcmp0 (icon_name, gtk_image_get_icon_name (self->icon)) == 0)
    return;

  gtk_image_set_from_icon_name (self->icon, icon_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

gint64
td_count_card_get_count (TdCountCard *self)
{
  g_return_val_if_fail (TD_IS_COUNT_CARD (self), 0);

  return self->count;
}

const char *
td_count_card_get_title (TdCountCard *self)
{
  g_return_val_if_fail (TD_IS_COUNT_CARD (self), NULL);

  return gtk_label_get_text (self->title_label);
}

void
td_count_card_set_count (TdCountCard *self,
                         gint64       count,
                         const char  *title)
{
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  g_return_if_fail (TD_IS_COUNT_CARD (self));

  text = td_format_count (count);
  gtk_label_set_text (self->count_label, text);
  gtk_label_set_text (self->title_label, title ? title : "");

  /* Read as one phrase: "1,234 Customers". */
  accessible = g_strdup_printf ("%s %s", text, title ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  if (self->count != count)
    {
      self->count = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
td_count_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_COUNT_CARD);

  G_OBJECT_CLASS (td_count_card_parent_class)->dispose (object);
}

static void
td_count_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdCountCard *self = TD_COUNT_CARD (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, td_count_card_get_icon_name (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, td_count_card_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_count_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TdCountCard *self = TD_COUNT_CARD (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      td_count_card_set_icon_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_count_card_class_init (TdCountCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_count_card_dispose;
  object_class->get_property = td_count_card_get_property;
  object_class->set_property = td_count_card_set_property;

  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "countcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-count-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCountCard, box);
  gtk_widget_class_bind_template_child (widget_class, TdCountCard, icon);
  gtk_widget_class_bind_template_child (widget_class, TdCountCard, count_label);
  gtk_widget_class_bind_template_child (widget_class, TdCountCard, title_label);
}

static void
td_count_card_init (TdCountCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
