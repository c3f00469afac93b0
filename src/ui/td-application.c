/* td-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-application.h"
#include "td-area.h"
#include "td-window.h"

struct _TdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (TdApplication, td_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "workspace", 'w', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the workspace in FILE instead of the last one"), N_("FILE") },
  { "demo", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo workspace, creating it if needed"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

static TdWindow *
td_application_get_main_window (TdApplication *self,
                                gboolean      *created)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (created)
    *created = FALSE;

  if (!TD_IS_WINDOW (window))
    {
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
        {
          if (TD_IS_WINDOW (l->data))
            return l->data;
        }

      window = GTK_WINDOW (td_window_new (self));
      if (created)
        *created = TRUE;
    }

  return TD_WINDOW (window);
}

static int
td_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return -1;
}

static int
td_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  TdApplication *self = TD_APPLICATION (app);
  GVariantDict *options;
  const char *workspace = NULL;
  gboolean demo = FALSE;
  gboolean created = FALSE;
  TdWindow *window;

  options = g_application_command_line_get_options_dict (command_line);
  g_variant_dict_lookup (options, "workspace", "^&ay", &workspace);
  g_variant_dict_lookup (options, "demo", "b", &demo);

  if (workspace != NULL && demo)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("Use either --workspace or --demo, not both"));
      return EXIT_FAILURE;
    }

  window = td_application_get_main_window (self, &created);

  if (workspace != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, workspace);
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        {
          g_application_command_line_printerr (command_line,
                                               _("“%s” is not a local file"), workspace);
          g_application_command_line_printerr (command_line, "\n");
          if (created)
            gtk_window_destroy (GTK_WINDOW (window));
          return EXIT_FAILURE;
        }

      td_window_open_workspace (window, path, FALSE);
    }
  else if (demo)
    {
      td_window_open_demo (window);
    }
  else if (created)
    {
      td_window_restore_workspace (window);
    }

  gtk_window_present (GTK_WINDOW (window));

  return EXIT_SUCCESS;
}

static void
td_application_activate (GApplication *app)
{
  TdApplication *self = TD_APPLICATION (app);
  gboolean created = FALSE;
  TdWindow *window;

  window = td_application_get_main_window (self, &created);

  if (created)
    td_window_restore_workspace (window);

  gtk_window_present (GTK_WINDOW (window));
}

static void
td_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  TdApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Close (rather than destroy) so each window saves its state. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static void
td_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  TdApplication *self = user_data;

  td_window_show_preferences (td_application_get_main_window (self, NULL), NULL);
}

static void
td_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  TdApplication *self = user_data;
  const char *translators;
  GtkWidget *about;

  about = adw_about_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Tourdesk"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APPLICATION_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("The Tourdesk developers"));
  adw_about_window_set_copyright (ADW_ABOUT_WINDOW (about), _("© 2026 The Tourdesk developers"));
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Run a hotel or travel agency, in step with the provincial smart-tourism platform."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), "https://github.com/tourdesk/tourdesk");
  adw_about_window_set_issue_url (ADW_ABOUT_WINDOW (about), "https://github.com/tourdesk/tourdesk/issues");

  /* Translators: Replace "translator-credits" with your name/year, one per line */
  translators = _("translator-credits");
  if (g_strcmp0 (translators, "translator-credits") != 0)
    adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), translators);

  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", td_application_quit_action },
  { "preferences", td_application_preferences_action },
  { "about", td_application_about_action },
};

static void
td_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *new_workspace_accels[] = { "<Shift><Control>n", NULL };
  static const char *refresh_accels[] = { "F5", "<Control>r", NULL };
  TdApplication *self = TD_APPLICATION (app);

  G_APPLICATION_CLASS (td_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open-workspace", open_accels);
  /* Ctrl+N: new in the area shown (a customer…), a workspace elsewhere */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-workspace", new_workspace_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.refresh", refresh_accels);

  /* Ctrl+1, 2… go to the areas */
  {
    const TdAreaInfo *areas;
    guint n_areas;

    areas = td_areas_get (&n_areas);
    for (guint i = 0; i < n_areas; i++)
      if (areas[i].accel != NULL)
        {
          g_autofree char *action = g_strdup_printf ("win.area::%s", areas[i].id);
          const char *accels[] = { areas[i].accel, NULL };

          gtk_application_set_accels_for_action (GTK_APPLICATION (self), action, accels);
        }
  }
}

static void
td_application_class_init (TdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = td_application_activate;
  app_class->command_line = td_application_command_line;
  app_class->handle_local_options = td_application_handle_local_options;
  app_class->startup = td_application_startup;
}

static void
td_application_init (TdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Run a hotel or travel agency with the provincial smart-tourism platform."));
}

TdApplication *
td_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (TD_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/org/tourdesk/Tourdesk",
                       NULL);
}
