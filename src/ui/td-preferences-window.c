/* td-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-business-page.h"
#include "td-map-preferences-page.h"
#include "td-platform-page.h"
#include "td-preferences-window.h"
#include "td-workspace-page.h"

struct _TdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  TdDatabasePage       *workspace_page;
  TdDatabasePage       *business_page;
  AdwPreferencesPage   *platform_page;

  TdWindow             *window;        /* weak */
  guint                 busy : 1;
};

G_DEFINE_FINAL_TYPE (TdPreferencesWindow, td_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_WINDOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
td_preferences_window_get_busy (TdPreferencesWindow *self)
{
  g_return_val_if_fail (TD_IS_PREFERENCES_WINDOW (self), FALSE);

  return td_database_page_get_busy (self->workspace_page) ||
         td_database_page_get_busy (self->business_page);
}

static void
page_busy_cb (TdPreferencesWindow *self,
              GParamSpec          *pspec,
              TdDatabasePage      *page)
{
  gboolean busy = td_preferences_window_get_busy (self);

  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
page_saved_cb (TdPreferencesWindow *self,
               TdDatabasePage      *page)
{
  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.refresh", NULL);
}

static void
open_requested_cb (TdPreferencesWindow *self,
                   const char          *path,
                   TdWorkspacePage     *page)
{
  /* The main window opens it and reports problems; once open, this window
   * follows (see database_changed_cb). */
  if (self->window != NULL)
    td_window_open_workspace (self->window, path, TRUE);
}

/* The workspace shown */

static void
set_page_visible (TdDatabasePage *page,
                  gboolean        visible)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (page));

  /* The view switcher follows the stack page, not the widget. */
  if (ADW_IS_VIEW_STACK (parent))
    adw_view_stack_page_set_visible (adw_view_stack_get_page (ADW_VIEW_STACK (parent), GTK_WIDGET (page)),
                                     visible);
}

static void
td_preferences_window_set_database (TdPreferencesWindow *self,
                                    TdDatabase          *database)
{
  gboolean has_database = database != NULL;

  td_database_page_set_database (self->workspace_page, database);
  td_database_page_set_database (self->business_page, database);
  td_platform_page_set_controller (TD_PLATFORM_PAGE (self->platform_page),
                                   self->window ? td_window_get_sync_controller (self->window) : NULL);

  set_page_visible (self->workspace_page, has_database);
  set_page_visible (self->business_page, has_database);

  if (!has_database)
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), self->platform_page);
}

static void
database_changed_cb (TdPreferencesWindow *self,
                     GParamSpec          *pspec,
                     TdWindow            *window)
{
  td_preferences_window_set_database (self, td_window_get_database (window));
}

static void
td_preferences_window_set_window (TdPreferencesWindow *self,
                                  TdWindow            *window)
{
  g_assert (self->window == NULL);

  if (window == NULL)
    return;

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (window));
  g_signal_connect_object (window, "notify::database",
                           G_CALLBACK (database_changed_cb), self,
                           G_CONNECT_SWAPPED);
  td_preferences_window_set_database (self, td_window_get_database (window));
}

/* GObject */

static void
td_preferences_window_dispose (GObject *object)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

  if (self->window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (td_preferences_window_parent_class)->dispose (object);
}

static void
td_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, td_preferences_window_get_busy (self));
      break;

    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      td_preferences_window_set_window (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_preferences_window_class_init (TdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_preferences_window_dispose;
  object_class->get_property = td_preferences_window_get_property;
  object_class->set_property = td_preferences_window_set_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL,
                         TD_TYPE_WINDOW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TD_TYPE_WORKSPACE_PAGE);
  g_type_ensure (TD_TYPE_BUSINESS_PAGE);
  g_type_ensure (TD_TYPE_PLATFORM_PAGE);
  g_type_ensure (TD_TYPE_MAP_PREFERENCES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, workspace_page);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, business_page);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, platform_page);
  gtk_widget_class_bind_template_callback (widget_class, page_busy_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_requested_cb);
}

static void
td_preferences_window_init (TdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
td_preferences_window_new (TdWindow *window)
{
  g_return_val_if_fail (TD_IS_WINDOW (window), NULL);

  return g_object_new (TD_TYPE_PREFERENCES_WINDOW,
                       "window", window,
                       NULL);
}
