/* td-platform-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-platform-page.h"
#include "td-utils.h"

struct _TdPlatformPage
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  AdwEntryRow        *platform_url_row;
  GtkWidget          *platform_url_error;

  GSettings          *settings;
};

G_DEFINE_FINAL_TYPE (TdPlatformPage, td_platform_page, ADW_TYPE_PREFERENCES_PAGE)

static void
platform_url_apply_cb (TdPlatformPage *self,
                       AdwEntryRow    *row)
{
  g_autofree char *text = td_entry_row_accept_text (row, td_check_platform_url, FALSE);

  if (text != NULL)
    g_settings_set_string (self->settings, "platform-url", text);
}

static void
td_platform_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_PLATFORM_PAGE);

  G_OBJECT_CLASS (td_platform_page_parent_class)->dispose (object);
}

static void
td_platform_page_finalize (GObject *object)
{
  TdPlatformPage *self = TD_PLATFORM_PAGE (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (td_platform_page_parent_class)->finalize (object);
}

static void
td_platform_page_class_init (TdPlatformPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_platform_page_dispose;
  object_class->finalize = td_platform_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-platform-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, platform_url_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, platform_url_error);
  gtk_widget_class_bind_template_callback (widget_class, platform_url_apply_cb);
}

static void
td_platform_page_init (TdPlatformPage *self)
{
  g_autofree char *platform_url = NULL;

  self->settings = g_settings_new (APPLICATION_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  td_entry_row_attach_problem (self->platform_url_row, self->platform_url_error);

  platform_url = g_settings_get_string (self->settings, "platform-url");
  td_entry_row_set_text (self->platform_url_row, platform_url);
}

GtkWidget *
td_platform_page_new (void)
{
  return g_object_new (TD_TYPE_PLATFORM_PAGE, NULL);
}
