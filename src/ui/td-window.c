/* td-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-area.h"
#include "td-complaints-window.h"
#include "td-customer-export-dialog.h"
#include "td-customer-import-dialog.h"
#include "td-duplicates-dialog.h"
#include "td-hotel-setup-window.h"
#include "td-ticket-setup-window.h"
#include "td-itinerary-actions.h"
#include "td-preferences-window.h"
#include "td-tickets-page.h"
#include "td-secret-store.h"
#include "td-sync-indicator.h"
#include "td-utils.h"
#include "td-welcome-page.h"
#include "td-window.h"

struct _TdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  TdWelcomePage        *welcome_page;
  GtkWidget            *welcome_cancel_button;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *workspace_title;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *welcome_menu_button;
  GtkListBox           *sidebar;
  AdwWindowTitle       *area_title;
  GtkStack             *area_stack;
  TdSyncIndicator      *sync_indicator;

  GSettings            *settings;
  TdDatabase           *database;
  TdSyncController     *sync;
  GCancellable         *open_cancellable;
  GCancellable         *summary_cancellable;
  GtkNativeDialog      *file_chooser;
  GtkWindow            *preferences;
  char                 *area;

  guint                 busy : 1;
  guint                 remember_ready : 1;
};

G_DEFINE_FINAL_TYPE (TdWindow, td_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_AREA,
  PROP_BUSY,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void td_window_update_actions (TdWindow *self);

static void td_window_refresh (TdWindow *self);

/* a cycle has ended: what the dashboard counts (changes waiting, records
 * received) has moved */
static void
td_window_sync_ran_cb (TdWindow *self)
{
  if (self->sync != NULL && !td_sync_controller_get_syncing (self->sync))
    td_window_refresh (self);
}

/* The background sync of the workspace open (its platform and sign-in are
 * its own), shown in the header */
/* tickets sold offline, told to the platform after a sync: the Tickets
 * area shows their state; a refusal is said at once, wherever the clerk is */
static void
td_window_tickets_reported_cb (TdWindow         *self,
                               guint             confirmed,
                               guint             refused,
                               TdSyncController *sync)
{
  GtkWidget *tickets = td_window_get_area_widget (self, "tickets");

  if (tickets && TD_IS_AREA (tickets))
    td_area_refresh (TD_AREA (tickets));
  if (refused > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("The platform refused %u ticket sold offline: it is void, see Tickets",
                                                         "The platform refused %u tickets sold offline: they are void, see Tickets",
                                                         refused), refused);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_target_value (toast, g_variant_new_string ("tickets"));
      adw_toast_set_action_name (toast, "win.area");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
td_window_set_sync (TdWindow   *self,
                    TdDatabase *database)
{
  if (self->sync != NULL)
    td_sync_controller_stop (self->sync);
  g_clear_object (&self->sync);
  if (database != NULL)
    {
      g_autoptr(TdSecretStore) secrets = td_secret_store_new_keyring ();

      self->sync = td_sync_controller_new (database, secrets, NULL);
      g_signal_connect_object (self->sync, "notify::syncing", G_CALLBACK (td_window_sync_ran_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync, "tickets-reported", G_CALLBACK (td_window_tickets_reported_cb),
                               self, G_CONNECT_SWAPPED);
      td_sync_controller_start (self->sync);
    }
  td_sync_indicator_set_controller (self->sync_indicator, self->sync);
}

TdSyncController *
td_window_get_sync_controller (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);
  return self->sync;
}

typedef struct
{
  TdWindow *window;
  char     *path;
  gboolean  remember;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->window);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void
td_window_set_busy (TdWindow *self,
                    gboolean  busy)
{
  busy = !!busy;

  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (self->loading_spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
td_window_load_summary_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  TdDatabase *database = TD_DATABASE (object);
  g_autoptr(TdWindow) self = user_data;
  g_autoptr(TdSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  summary = td_database_load_summary_finish (database, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || database != self->database)
    return;

  if (summary == NULL)
    {
      g_warning ("Could not load the workspace summary: %s", error->message);
      return;
    }

  name = td_summary_get_name (summary);
  if (name == NULL || name[0] == '\0')
    name = _("Unnamed Workspace");

  adw_window_title_set_title (self->workspace_title, name);
  adw_window_title_set_subtitle (self->workspace_title,
                                 td_profile_get_title (td_summary_get_profile (summary)));
  gtk_window_set_title (GTK_WINDOW (self), name);
}

static void
td_window_refresh (TdWindow *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->summary_cancellable);
  g_clear_object (&self->summary_cancellable);

  if (self->database == NULL)
    return;

  self->summary_cancellable = g_cancellable_new ();
  td_database_load_summary_async (self->database,
                                  self->summary_cancellable,
                                  td_window_load_summary_cb,
                                  g_object_ref (self));

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->area_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* The stack's children are the areas themselves. */
      if (TD_IS_AREA (child))
        td_area_refresh (TD_AREA (child));
    }
}

static void
td_window_set_database (TdWindow   *self,
                        TdDatabase *database,
                        gboolean    remember)
{
  g_assert (TD_IS_WINDOW (self));
  g_assert (!database || TD_IS_DATABASE (database));

  if (database != NULL && remember)
    g_settings_set_string (self->settings, "workspace-path", td_database_get_path (database));

  if (g_set_object (&self->database, database))
    {
      GtkWidget *child;

      adw_window_title_set_title (self->workspace_title, "");
      adw_window_title_set_subtitle (self->workspace_title, "");
      gtk_window_set_title (GTK_WINDOW (self), _("Tourdesk"));

      for (child = gtk_widget_get_first_child (GTK_WIDGET (self->area_stack));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (TD_IS_AREA (child))
            td_area_set_database (TD_AREA (child), database);
        }

      td_welcome_page_set_current_database (self->welcome_page, database);
      td_window_set_sync (self, database);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
    }

  if (database != NULL)
    {
      td_window_refresh (self);
      td_welcome_page_clear_error (self->welcome_page);
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "workspace") != 0)
        {
          GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->sidebar);

          adw_leaflet_set_visible_child_name (self->leaflet, "content");
          gtk_stack_set_visible_child_name (self->main_stack, "workspace");
          /* Keyboard users continue from the area list, not from wherever
           * the focus was on the page that has just gone away. */
          if (selected != NULL && !adw_leaflet_get_folded (self->leaflet))
            gtk_widget_grab_focus (GTK_WIDGET (selected));
        }
      gtk_stack_set_visible_child_name (self->main_stack, "workspace");
    }

  td_window_update_actions (self);
}

static void
td_window_show_open_error (TdWindow     *self,
                           const char   *path,
                           const GError *error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *message = NULL;

  /* The core names the file in most of its messages; when not, add it. */
  if (strstr (error->message, display) != NULL)
    message = g_strdup (error->message);
  else
    message = g_strdup_printf ("%s\n\n%s", error->message, display);

  if (self->database == NULL)
    {
      /* Nothing open: explain it on the first-run page, which also offers
       * the ways forward (create, demo, open another). */
      td_welcome_page_show_error (self->welcome_page, _("Could Not Open the Workspace"), message);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
  else
    {
      GtkWindow *parent = GTK_WINDOW (self);
      GtkWidget *dialog;

      /* Above the preferences when they asked for it. */
      if (self->preferences != NULL && gtk_widget_get_visible (GTK_WIDGET (self->preferences)))
        parent = self->preferences;

      dialog = adw_message_dialog_new (parent, _("Could Not Open the Workspace"), message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
td_window_open_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  g_autoptr(TdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  TdWindow *self = data->window;

  database = td_database_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  td_window_set_busy (self, FALSE);

  if (database != NULL && !td_database_is_initialized (database))
    {
      g_clear_object (&database);
      g_set_error (&error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                   _("This workspace was never set up. Create a new workspace instead."));
    }

  if (database == NULL)
    {
      td_window_show_open_error (self, data->path, error);
      return;
    }

  td_window_set_database (self, database, data->remember);
}

void
td_window_open_workspace (TdWindow   *self,
                          const char *path,
                          gboolean    remember)
{
  OpenData *data;

  g_return_if_fail (TD_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();

  /* Already open: just show it. */
  if (self->database != NULL &&
      g_strcmp0 (td_database_get_path (self->database), path) == 0)
    {
      td_window_set_database (self, self->database, remember);
      return;
    }

  if (self->database == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");

  td_window_set_busy (self, TRUE);

  data = g_new0 (OpenData, 1);
  data->window = g_object_ref (self);
  data->path = g_strdup (path);
  data->remember = remember;

  td_database_open_async (path,
                          TD_OPEN_FLAGS_NONE,
                          self->open_cancellable,
                          td_window_open_cb,
                          data);
}

void
td_window_restore_workspace (TdWindow *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (TD_IS_WINDOW (self));

  path = g_settings_get_string (self->settings, "workspace-path");

  if (path[0] == '\0')
    td_window_show_welcome (self);
  else
    td_window_open_workspace (self, path, FALSE);
}

void
td_window_open_demo (TdWindow *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (TD_IS_WINDOW (self));

  path = td_workspace_demo_path ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      td_window_open_workspace (self, path, FALSE);
    }
  else
    {
      td_window_show_welcome (self);
      /* Asked for on the command line: a one-off, not the new default. */
      self->remember_ready = FALSE;
      td_welcome_page_create_demo (self->welcome_page);
    }
}

void
td_window_show_welcome (TdWindow *self)
{
  g_return_if_fail (TD_IS_WINDOW (self));

  self->remember_ready = TRUE;
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  td_welcome_page_focus (self->welcome_page);
}

static void
welcome_workspace_ready_cb (TdWindow      *self,
                            TdDatabase    *database,
                            TdWelcomePage *page)
{
  AdwToast *toast;
  gboolean remember = self->remember_ready;
  gboolean new_database = database != self->database;

  self->remember_ready = TRUE;
  td_window_set_database (self, database, remember);

  if (new_database)
    {
      g_autofree char *demo_path = td_workspace_demo_path ();

      if (g_strcmp0 (td_database_get_path (database), demo_path) == 0)
        toast = adw_toast_new (_("Demo workspace created: everything in it is made up"));
      else
        toast = adw_toast_new (_("Workspace created"));
      adw_toast_set_timeout (toast, 5);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
welcome_open_requested_cb (TdWindow      *self,
                           const char    *path,
                           TdWelcomePage *page)
{
  td_window_open_workspace (self, path, TRUE);
}

/* Areas */

const char *
td_window_get_area (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);

  return self->area;
}

GtkWidget *
td_window_get_area_widget (TdWindow   *self,
                           const char *area_id)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (area_id != NULL, NULL);

  return gtk_stack_get_child_by_name (self->area_stack, area_id);
}

void
td_window_set_area (TdWindow   *self,
                    const char *area_id)
{
  const TdAreaInfo *info;
  GtkListBoxRow *row;

  g_return_if_fail (TD_IS_WINDOW (self));

  info = td_areas_lookup (area_id);
  if (info == NULL)
    info = &td_areas_get (NULL)[0];

  if (g_strcmp0 (self->area, info->id) == 0)
    return;

  g_free (self->area);
  self->area = g_strdup (info->id);

  gtk_stack_set_visible_child_name (self->area_stack, info->id);
  adw_window_title_set_title (self->area_title, _(info->title));

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar, i)); i++)
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "td-area-id"), info->id) == 0)
        {
          gtk_list_box_select_row (self->sidebar, row);
          break;
        }
    }

  g_settings_set_string (self->settings, "last-area", info->id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
}

static void
sidebar_row_selected_cb (TdWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list_box)
{
  if (row != NULL)
    td_window_set_area (self, g_object_get_data (G_OBJECT (row), "td-area-id"));
}

static void
sidebar_row_activated_cb (TdWindow      *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list_box)
{
  td_window_set_area (self, g_object_get_data (G_OBJECT (row), "td-area-id"));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (TdWindow  *self,
                 GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
main_stack_page_cb (TdWindow   *self,
                    GParamSpec *pspec,
                    GtkStack   *stack)
{
  const char *page = gtk_stack_get_visible_child_name (stack);

  if (self->welcome_menu_button == NULL || self->primary_menu_button == NULL)
    return;

  /* F10 opens the menu of the page shown. */
  gtk_menu_button_set_primary (self->welcome_menu_button, g_strcmp0 (page, "welcome") == 0);
  gtk_menu_button_set_primary (self->primary_menu_button, g_strcmp0 (page, "workspace") == 0);
}

static void
leaflet_folded_cb (TdWindow   *self,
                   GParamSpec *pspec,
                   AdwLeaflet *leaflet)
{
  /* In the folded sidebar, a row is a way forward rather than a selection. */
  if (adw_leaflet_get_folded (leaflet))
    gtk_list_box_set_selection_mode (self->sidebar, GTK_SELECTION_NONE);
  else
    {
      GtkListBoxRow *row;

      gtk_list_box_set_selection_mode (self->sidebar, GTK_SELECTION_BROWSE);
      for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar, i)); i++)
        {
          if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "td-area-id"), self->area) == 0)
            gtk_list_box_select_row (self->sidebar, row);
        }
    }
}

static GtkWidget *
td_window_create_sidebar_row (const TdAreaInfo *info)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  image = gtk_image_new_from_icon_name (info->icon_name);
  label = gtk_label_new (_(info->title));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "td-area-id", (gpointer) info->id);

  return row;
}

static void
td_window_add_areas (TdWindow *self)
{
  const TdAreaInfo *areas;
  guint n_areas;

  areas = td_areas_get (&n_areas);

  for (guint i = 0; i < n_areas; i++)
    {
      GtkWidget *area = g_object_new (areas[i].get_type (), NULL);

      g_assert (TD_IS_AREA (area));

      gtk_stack_add_named (self->area_stack, area, areas[i].id);
      gtk_list_box_append (self->sidebar, td_window_create_sidebar_row (&areas[i]));
    }
}

/* Actions */

static void
td_window_update_actions (TdWindow *self)
{
  gboolean has_database = self->database != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", has_database);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-workspace", has_database);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-business", has_database);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-customers", has_database);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-customers", has_database);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-duplicates", has_database);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.complaints", has_database);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.hotel-setup", has_database);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.ticket-setup", has_database);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now", has_database);
  gtk_widget_set_visible (self->welcome_cancel_button, has_database);
}

static void
workspace_chosen_cb (gpointer  owner,
                     GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    td_window_open_workspace (TD_WINDOW (owner), path, TRUE);
}

static void
td_window_open_workspace_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_show (self->file_chooser);
      return;
    }

  chooser = td_workspace_chooser_new (widget, self->database);
  td_file_chooser_run (chooser, &self->file_chooser, self, workspace_chosen_cb);
}

static void
td_window_new_workspace_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  td_window_show_welcome (TD_WINDOW (widget));
}

/* Ctrl+N: something new in the area shown (a customer…), else a workspace. */
static void
td_window_new_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  GtkWidget *area = NULL;

  if (self->database != NULL && self->area != NULL
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "workspace") == 0)
    area = td_window_get_area_widget (self, self->area);
  if (area == NULL || !td_area_create (TD_AREA (area)))
    td_window_show_welcome (self);
}

static void
td_window_show_workspace_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);

  if (self->database != NULL && !td_welcome_page_get_busy (self->welcome_page))
    gtk_stack_set_visible_child_name (self->main_stack, "workspace");
}

static void
td_window_refresh_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  td_window_refresh (TD_WINDOW (widget));
}

static void
td_window_area_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);

  td_window_set_area (self, g_variant_get_string (parameter, NULL));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* From the map's popover of an attraction: its tickets */
static void
td_window_sell_tickets_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  GtkWidget *page;

  td_window_set_area (self, "tickets");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  page = td_window_get_area_widget (self, "tickets");
  if (TD_IS_TICKETS_PAGE (page))
    td_tickets_page_show_attraction (TD_TICKETS_PAGE (page), g_variant_get_string (parameter, NULL));
}

static void
td_window_edit_business_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  td_window_show_preferences (TD_WINDOW (widget), "business");
}

/* Hotels, room types and rooms; attractions' time slots and prices: the
 * areas show what was set up at once */
static void
td_window_setup_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  GtkWidget *dialog;

  if (self->database == NULL)
    return;
  if (g_str_equal (action_name, "win.ticket-setup"))
    dialog = td_ticket_setup_window_new (GTK_WINDOW (self), self->database);
  else
    dialog = td_hotel_setup_window_new (GTK_WINDOW (self), self->database);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (td_window_refresh), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The customer dialogs, over the window, on the workspace open */
static void
td_window_customers_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  GtkWidget *dialog;

  if (self->database == NULL)
    return;
  if (g_str_equal (action_name, "win.import-customers"))
    dialog = td_customer_import_dialog_new (GTK_WINDOW (self), self->database);
  else if (g_str_equal (action_name, "win.export-customers"))
    dialog = td_customer_export_dialog_new (GTK_WINDOW (self), self->database);
  else if (g_str_equal (action_name, "win.complaints"))
    dialog = td_complaints_window_new (GTK_WINDOW (self), self->database);
  else
    dialog = td_duplicates_dialog_new (GTK_WINDOW (self), self->database);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
td_window_sync_now_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);

  if (self->sync == NULL)
    return;
  if (td_sync_controller_get_status (self->sync) == TD_SYNC_STATUS_NOT_SET_UP)
    td_window_show_preferences (self, "platform");
  else
    td_sync_controller_sync_now (self->sync);
}

static void
td_window_sync_settings_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  td_window_show_preferences (TD_WINDOW (widget), "platform");
}

void
td_window_show_preferences (TdWindow   *self,
                            const char *page_name)
{
  g_return_if_fail (TD_IS_WINDOW (self));

  if (self->preferences == NULL)
    {
      self->preferences = GTK_WINDOW (td_preferences_window_new (self));
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
    }

  if (page_name != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self->preferences), page_name);

  gtk_window_present (self->preferences);
}

void
td_window_add_toast (TdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

TdDatabase *
td_window_get_database (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);

  return self->database;
}

gboolean
td_window_get_busy (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);

  return self->busy || td_welcome_page_get_busy (self->welcome_page);
}

static void
welcome_busy_cb (TdWindow      *self,
                 GParamSpec    *pspec,
                 TdWelcomePage *page)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* GtkWindow */

static gboolean
td_window_close_request (GtkWindow *window)
{
  TdWindow *self = TD_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);

  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  return GTK_WINDOW_CLASS (td_window_parent_class)->close_request (window);
}

/* GObject */

static void
td_window_dispose (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_cancellable_cancel (self->open_cancellable);
  g_cancellable_cancel (self->summary_cancellable);

  td_file_chooser_clear (&self->file_chooser);
  if (self->sync != NULL)
    td_sync_controller_stop (self->sync);

  if (self->preferences != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
      gtk_window_destroy (self->preferences);
      self->preferences = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WINDOW);

  G_OBJECT_CLASS (td_window_parent_class)->dispose (object);
}

static void
td_window_finalize (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_clear_object (&self->open_cancellable);
  g_clear_object (&self->summary_cancellable);
  g_clear_object (&self->sync);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->area, g_free);

  G_OBJECT_CLASS (td_window_parent_class)->finalize (object);
}

static void
td_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TdWindow *self = TD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_AREA:
      g_value_set_string (value, self->area);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, td_window_get_busy (self));
      break;

    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TdWindow *self = TD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_AREA:
      td_window_set_area (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_window_class_init (TdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = td_window_dispose;
  object_class->finalize = td_window_finalize;
  object_class->get_property = td_window_get_property;
  object_class->set_property = td_window_set_property;

  window_class->close_request = td_window_close_request;

  properties[PROP_AREA] =
    g_param_spec_string ("area", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         TD_TYPE_DATABASE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TD_TYPE_WELCOME_PAGE);
  g_type_ensure (TD_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, welcome_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, workspace_title);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, welcome_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, area_title);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, area_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, sync_indicator);
  gtk_widget_class_bind_template_callback (widget_class, welcome_workspace_ready_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_open_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, main_stack_page_cb);

  gtk_widget_class_install_action (widget_class, "win.open-workspace", NULL, td_window_open_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, td_window_new_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, td_window_new_action);
  gtk_widget_class_install_action (widget_class, "win.show-workspace", NULL, td_window_show_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, td_window_refresh_action);
  gtk_widget_class_install_action (widget_class, "win.area", "s", td_window_area_action);
  gtk_widget_class_install_action (widget_class, "win.sell-tickets", "s", td_window_sell_tickets_action);
  td_itinerary_actions_install (widget_class);
  gtk_widget_class_install_action (widget_class, "win.edit-business", NULL, td_window_edit_business_action);
  gtk_widget_class_install_action (widget_class, "win.import-customers", NULL, td_window_customers_action);
  gtk_widget_class_install_action (widget_class, "win.export-customers", NULL, td_window_customers_action);
  gtk_widget_class_install_action (widget_class, "win.find-duplicates", NULL, td_window_customers_action);
  gtk_widget_class_install_action (widget_class, "win.complaints", NULL, td_window_customers_action);
  gtk_widget_class_install_action (widget_class, "win.hotel-setup", NULL, td_window_setup_action);
  gtk_widget_class_install_action (widget_class, "win.ticket-setup", NULL, td_window_setup_action);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, td_window_sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.sync-settings", NULL, td_window_sync_settings_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.sync-now", NULL);
}

static void
td_window_init (TdWindow *self)
{
  g_autofree char *last_area = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->remember_ready = TRUE;
  self->settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->welcome_page, "notify::busy",
                           G_CALLBACK (welcome_busy_cb), self,
                           G_CONNECT_SWAPPED);

  td_window_add_areas (self);

  last_area = g_settings_get_string (self->settings, "last-area");
  td_window_set_area (self, last_area);

  td_window_update_actions (self);
}

TdWindow *
td_window_new (TdApplication *application)
{
  g_return_val_if_fail (TD_IS_APPLICATION (application), NULL);

  return g_object_new (TD_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
