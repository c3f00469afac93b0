/* td-welcome-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "td-utils.h"
#include "td-welcome-page.h"

struct _TdWelcomePage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  AdwStatusPage   *status_page;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_title;
  GtkLabel        *error_message;
  GtkStack        *stack;
  AdwEntryRow     *name_row;
  GtkLabel        *name_error;
  GtkLabel        *busy_title;
  GtkLabel        *busy_detail;
  GtkProgressBar  *progress_bar;
  GtkWidget       *cancel_button;

  TdDatabase      *current_database;
  GCancellable    *cancellable;
  GtkNativeDialog *file_chooser;
  struct _DemoProgress *demo_progress;
  guint            progress_source;
  TdProfile        pending_profile;
};

G_DEFINE_FINAL_TYPE (TdWelcomePage, td_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  WORKSPACE_READY,
  OPEN_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Shared between the page (main thread) and the demo worker thread. */
typedef struct _DemoProgress
{
  int permille;
} DemoProgress;

static void
demo_progress_unref (DemoProgress *progress)
{
  g_atomic_rc_box_release (progress);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DemoProgress, demo_progress_unref)

gboolean
td_welcome_page_get_busy (TdWelcomePage *self)
{
  g_return_val_if_fail (TD_IS_WELCOME_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

static gboolean
td_welcome_page_pulse_cb (gpointer user_data)
{
  TdWelcomePage *self = user_data;

  if (self->demo_progress != NULL)
    {
      int permille = g_atomic_int_get (&self->demo_progress->permille);

      if (permille > 0)
        {
          gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
          return G_SOURCE_CONTINUE;
        }
    }

  gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

static GCancellable *
td_welcome_page_begin (TdWelcomePage *self,
                       const char    *title,
                       const char    *detail,
                       gboolean       can_cancel)
{
  g_assert (self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();

  td_welcome_page_clear_error (self);
  gtk_label_set_text (self->busy_title, title);
  gtk_label_set_text (self->busy_detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->busy_detail), detail != NULL);
  gtk_widget_set_visible (self->cancel_button, can_cancel);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "busy");

  self->progress_source = g_timeout_add (100, td_welcome_page_pulse_cb, self);

  if (can_cancel)
    gtk_widget_grab_focus (self->cancel_button);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return self->cancellable;
}

static void
td_welcome_page_end (TdWelcomePage *self)
{
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->demo_progress, demo_progress_unref);
  gtk_stack_set_visible_child_name (self->stack, "choices");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Creating an empty workspace */

typedef struct
{
  char      *path;
  char      *name;
  TdProfile  profile;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->path);
  g_free (data->name);
  g_free (data);
}

static void
create_workspace_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  CreateData *data = task_data;
  g_autoptr(TdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = td_database_open (data->path, TD_OPEN_FLAGS_CREATE, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Never write over somebody's workspace: let the person decide. */
  if (td_database_is_initialized (database))
    {
      g_task_return_new_error (task, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS,
                               "%s", _("A workspace already exists there"));
      return;
    }

  if (!td_database_init_workspace (database, data->profile, data->name, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&database), g_object_unref);
}

static void td_welcome_page_choose_file (TdWelcomePage *self);
static void td_welcome_page_create_at   (TdWelcomePage *self,
                                         const char    *path,
                                         TdProfile      profile);

static void
exists_response_cb (TdWelcomePage  *self,
                    const char     *response,
                    AdwMessageDialog *dialog)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "td-path");

  if (g_strcmp0 (response, "open") == 0)
    g_signal_emit (self, signals[OPEN_REQUESTED], 0, path);
  else if (g_strcmp0 (response, "other") == 0)
    td_welcome_page_choose_file (self);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
td_welcome_page_ask_exists (TdWelcomePage *self,
                            const char    *path)
{
  g_autofree char *display = g_filename_display_name (path);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("A Workspace Already Exists"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” already holds a workspace. Open it, or choose another file for the new workspace."),
                                  display);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "other", _("_Choose Another File…"),
                                    "open", _("_Open It"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "td-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (exists_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
create_workspace_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TdWelcomePage) self = user_data;
  g_autoptr(TdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  CreateData *data = g_task_get_task_data (G_TASK (result));

  database = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  td_welcome_page_end (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS))
    td_welcome_page_ask_exists (self, data->path);
  else if (database == NULL)
    td_welcome_page_show_error (self, _("Could Not Create the Workspace"), error->message);
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
      g_signal_emit (self, signals[WORKSPACE_READY], 0, database);
    }
}

static gboolean
td_welcome_page_check_name (TdWelcomePage *self)
{
  g_autofree char *problem = td_check_business_name (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  td_entry_row_set_problem (self->name_row, GTK_WIDGET (self->name_error), problem);

  if (problem != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }

  return TRUE;
}

static void
td_welcome_page_create_at (TdWelcomePage *self,
                           const char    *path,
                           TdProfile      profile)
{
  GCancellable *cancellable;
  CreateData *data;

  if (td_welcome_page_get_busy (self))
    return;

  data = g_new0 (CreateData, 1);
  data->path = g_strdup (path);
  data->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  data->profile = profile;

  cancellable = td_welcome_page_begin (self, _("Creating the workspace…"), NULL, FALSE);

  td_run_in_thread (NULL, cancellable, td_welcome_page_create_at,
                    data, (GDestroyNotify) create_data_free,
                    create_workspace_thread, create_workspace_cb, g_object_ref (self));
}

void
td_welcome_page_create_workspace (TdWelcomePage *self,
                                  TdProfile      profile)
{
  g_autofree char *path = NULL;

  g_return_if_fail (TD_IS_WELCOME_PAGE (self));

  if (td_welcome_page_get_busy (self) || !td_welcome_page_check_name (self))
    return;

  self->pending_profile = profile;
  path = td_workspace_default_path ();
  td_welcome_page_create_at (self, path, profile);
}

static void
new_file_chosen_cb (gpointer  owner,
                    GFile    *file)
{
  TdWelcomePage *self = owner;
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    td_welcome_page_create_at (self, path, self->pending_profile);
}

static void
td_welcome_page_choose_file (TdWelcomePage *self)
{
  g_autofree char *default_path = td_workspace_default_path ();
  g_autofree char *folder_path = g_path_get_dirname (default_path);
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    return;

  chooser = td_file_chooser_new (GTK_WIDGET (self), _("New Workspace"),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"));
  td_file_chooser_add_filter (chooser, _("Tourdesk Workspaces"), "*.tourdesk", NULL);

  /* A file name from the business name, without path separators. */
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_strdelimit (name, "/\\:", '-');
  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup (_("Workspace"));
    }
  {
    g_autofree char *file_name = g_strconcat (name, ".tourdesk", NULL);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  }

  if (g_file_test (folder_path, G_FILE_TEST_IS_DIR))
    {
      folder = g_file_new_for_path (folder_path);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  td_file_chooser_run (chooser, &self->file_chooser, self, new_file_chosen_cb);
}

/* The demo */

typedef struct
{
  char         *path;
  DemoProgress *progress;
} DemoData;

static void
demo_data_free (DemoData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->progress, demo_progress_unref);
  g_free (data);
}

static void
demo_progress_cb (double   fraction,
                  gpointer user_data)
{
  DemoProgress *progress = user_data;

  /* Called in the worker thread: the page polls this value. */
  g_atomic_int_set (&progress->permille, (int) CLAMP (fraction * 1000.0, 1.0, 1000.0));
}

#define DEMO_HISTORY_DAYS 100

static void
create_demo_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  DemoData *data = task_data;
  TdDemoOptions options;
  g_autoptr(GError) error = NULL;
  TdDatabase *database;

  td_demo_options_init (&options);
  /* three months of past stays, so the Analytics area has a previous
   * period to compare with (a few seconds more, with the bar moving) */
  options.history_days = DEMO_HISTORY_DAYS;

  database = td_demo_create (data->path, &options,
                             demo_progress_cb, data->progress,
                             cancellable, &error);

  if (database == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, database, g_object_unref);
}

static void
create_demo_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdWelcomePage) self = user_data;
  g_autoptr(TdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  td_welcome_page_end (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  if (database == NULL)
    td_welcome_page_show_error (self, _("Could Not Create the Demo"), error->message);
  else
    g_signal_emit (self, signals[WORKSPACE_READY], 0, database);
}

void
td_welcome_page_create_demo (TdWelcomePage *self)
{
  g_autofree char *path = NULL;
  GCancellable *cancellable;
  DemoData *data;

  g_return_if_fail (TD_IS_WELCOME_PAGE (self));

  if (td_welcome_page_get_busy (self))
    return;

  path = td_workspace_demo_path ();

  /* The demo is open already: go back to it. */
  if (self->current_database != NULL &&
      g_strcmp0 (td_database_get_path (self->current_database), path) == 0)
    {
      g_signal_emit (self, signals[WORKSPACE_READY], 0, self->current_database);
      return;
    }

  /* Made before: open it rather than make it again. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_signal_emit (self, signals[OPEN_REQUESTED], 0, path);
      return;
    }

  cancellable = td_welcome_page_begin (self,
                                       _("Creating the demo workspace…"),
                                       _("Made-up guests, rooms and places are being added. This takes a few seconds."),
                                       TRUE);

  data = g_new0 (DemoData, 1);
  data->path = g_steal_pointer (&path);
  data->progress = g_atomic_rc_box_new0 (DemoProgress);
  self->demo_progress = g_atomic_rc_box_acquire (data->progress);

  td_run_in_thread (NULL, cancellable, td_welcome_page_create_demo,
                    data, (GDestroyNotify) demo_data_free,
                    create_demo_thread, create_demo_cb, g_object_ref (self));
}

void
td_welcome_page_cancel (TdWelcomePage *self)
{
  g_return_if_fail (TD_IS_WELCOME_PAGE (self));

  if (self->cancellable == NULL)
    return;

  /* The worker stops soon and leaves the target file as it was; the page
   * stays busy until it has, so nothing new starts beside it. */
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->busy_title, _("Cancelling…"));
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

/* Errors */

void
td_welcome_page_show_error (TdWelcomePage *self,
                            const char    *title,
                            const char    *message)
{
  g_return_if_fail (TD_IS_WELCOME_PAGE (self));

  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

void
td_welcome_page_clear_error (TdWelcomePage *self)
{
  g_return_if_fail (TD_IS_WELCOME_PAGE (self));

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

void
td_welcome_page_set_current_database (TdWelcomePage *self,
                                      TdDatabase    *database)
{
  g_return_if_fail (TD_IS_WELCOME_PAGE (self));
  g_return_if_fail (!database || TD_IS_DATABASE (database));

  if (!g_set_object (&self->current_database, database))
    return;

  /* First run, or another workspace beside the one open. */
  if (database != NULL)
    {
      adw_status_page_set_title (self->status_page, _("New Workspace"));
      adw_status_page_set_description (self->status_page,
                                       _("Create another workspace, for another business or to start afresh. "
                                         "The one open now stays as it is."));
    }
  else
    {
      adw_status_page_set_title (self->status_page, _("Welcome to Tourdesk"));
      adw_status_page_set_description (self->status_page,
                                       _("Set up a workspace for your business. It is kept on this computer, in one file."));
    }
}

void
td_welcome_page_focus (TdWelcomePage *self)
{
  g_return_if_fail (TD_IS_WELCOME_PAGE (self));

  if (td_welcome_page_get_busy (self))
    gtk_widget_grab_focus (self->cancel_button);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/* Template callbacks */

static void
error_revealed_cb (TdWelcomePage *self,
                   GParamSpec    *pspec,
                   GtkRevealer   *revealer)
{
  /* Hidden, so that the box spacing around it goes too. */
  if (!gtk_revealer_get_child_revealed (revealer) && !gtk_revealer_get_reveal_child (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

static void
name_changed_cb (TdWelcomePage *self,
                 AdwEntryRow   *row)
{
  /* Don't nag while typing; only clear a problem once it's fixed. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->name_error)))
    {
      g_autofree char *problem = td_check_business_name (gtk_editable_get_text (GTK_EDITABLE (row)));

      if (problem == NULL)
        td_entry_row_set_problem (self->name_row, GTK_WIDGET (self->name_error), NULL);
    }
}

static void
hotel_activated_cb (TdWelcomePage *self)
{
  td_welcome_page_create_workspace (self, TD_PROFILE_HOTEL);
}

static void
agency_activated_cb (TdWelcomePage *self)
{
  td_welcome_page_create_workspace (self, TD_PROFILE_AGENCY);
}

static void
both_activated_cb (TdWelcomePage *self)
{
  td_welcome_page_create_workspace (self, TD_PROFILE_BOTH);
}

static void
demo_activated_cb (TdWelcomePage *self)
{
  td_welcome_page_create_demo (self);
}

static void
cancel_clicked_cb (TdWelcomePage *self)
{
  td_welcome_page_cancel (self);
}

/* GObject */

static void
td_welcome_page_dispose (GObject *object)
{
  TdWelcomePage *self = TD_WELCOME_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->demo_progress, demo_progress_unref);

  td_file_chooser_clear (&self->file_chooser);

  g_clear_object (&self->current_database);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (td_welcome_page_parent_class)->dispose (object);
}

static void
td_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TdWelcomePage *self = TD_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, td_welcome_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_welcome_page_class_init (TdWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_welcome_page_dispose;
  object_class->get_property = td_welcome_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[WORKSPACE_READY] =
    g_signal_new ("workspace-ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TD_TYPE_DATABASE);

  signals[OPEN_REQUESTED] =
    g_signal_new ("open-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, error_title);
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, error_message);
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, name_error);
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, busy_title);
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, busy_detail);
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TdWelcomePage, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, error_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hotel_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, agency_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, both_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, demo_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
td_welcome_page_init (TdWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
td_welcome_page_new (void)
{
  return g_object_new (TD_TYPE_WELCOME_PAGE, NULL);
}
