/* td-workspace-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-utils.h"
#include "td-workspace-page.h"

struct _TdWorkspacePage
{
  TdDatabasePage    parent_instance;

  /* Template widgets */
  AdwEntryRow      *workspace_name_row;
  GtkWidget        *workspace_name_error;
  AdwActionRow     *location_row;
  AdwComboRow      *currency_row;
  AdwEntryRow      *time_zone_row;
  GtkWidget        *time_zone_error;

  GtkNativeDialog  *file_chooser;
  GtkStringList    *currencies;
  guint             updating : 1;
};

G_DEFINE_FINAL_TYPE (TdWorkspacePage, td_workspace_page, TD_TYPE_DATABASE_PAGE)

enum {
  OPEN_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Loading */

typedef struct
{
  char *name;
  char *currency;
  char *time_zone;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->name);
  g_free (data->currency);
  g_free (data->time_zone);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TdDatabase *database = source_object;
  LoadData *data = g_new0 (LoadData, 1);

  data->name = td_database_dup_setting (database, TD_SETTING_NAME);
  data->currency = td_database_dup_setting (database, TD_SETTING_CURRENCY);
  data->time_zone = td_database_dup_setting (database, TD_SETTING_TIME_ZONE);

  g_task_return_pointer (task, data, (GDestroyNotify) load_data_free);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdPageWork) work = user_data;
  g_autoptr(LoadData) data = NULL;
  TdWorkspacePage *self = TD_WORKSPACE_PAGE (work->page);
  const char * const *codes = td_currency_codes ();
  const char *currency;

  data = g_task_propagate_pointer (G_TASK (result), NULL);

  if (!td_page_work_end (work) || data == NULL)
    return;

  currency = data->currency ? data->currency : TD_DEFAULT_CURRENCY;

  td_entry_row_set_text (self->workspace_name_row, data->name);
  td_entry_row_show_problem (self->workspace_name_row, NULL);
  td_entry_row_set_text (self->time_zone_row, data->time_zone ? data->time_zone : TD_DEFAULT_TIME_ZONE);
  td_entry_row_show_problem (self->time_zone_row, NULL);

  self->updating = TRUE;
  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (g_str_equal (codes[i], currency))
        adw_combo_row_set_selected (self->currency_row, i);
    }
  self->updating = FALSE;
}

static void
td_workspace_page_load (TdWorkspacePage *self)
{
  TdDatabase *database = td_database_page_get_database (TD_DATABASE_PAGE (self));
  TdPageWork *work;

  if (database == NULL)
    return;

  work = td_database_page_begin_work (TD_DATABASE_PAGE (self));
  td_run_in_thread (database, work->cancellable, td_workspace_page_load,
                    NULL, NULL, load_thread, load_cb, work);
}

/* Saving */

typedef struct
{
  char *key;
  char *value;
} SettingData;

static void
setting_data_free (SettingData *data)
{
  g_free (data->key);
  g_free (data->value);
  g_free (data);
}

static void
set_setting_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SettingData *data = task_data;
  GError *error = NULL;

  if (td_database_set_setting (source_object, data->key, data->value, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_setting_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdPageWork) work = user_data;
  g_autoptr(GError) error = NULL;
  TdWorkspacePage *self = TD_WORKSPACE_PAGE (work->page);
  SettingData *data = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), &error);

  if (!td_page_work_end (work))
    return;

  if (error == NULL)
    {
      td_database_page_emit_saved (TD_DATABASE_PAGE (self));
    }
  else if (g_str_equal (data->key, TD_SETTING_NAME))
    {
      td_entry_row_show_problem (self->workspace_name_row, error->message);
    }
  else if (g_str_equal (data->key, TD_SETTING_TIME_ZONE))
    {
      td_entry_row_show_problem (self->time_zone_row, error->message);
    }
  else
    {
      td_database_page_toast (TD_DATABASE_PAGE (self), error->message);
      /* Show what the workspace really holds. */
      td_workspace_page_load (self);
    }
}

static void
td_workspace_page_set_setting (TdWorkspacePage *self,
                               const char      *key,
                               const char      *value)
{
  TdDatabase *database = td_database_page_get_database (TD_DATABASE_PAGE (self));
  TdPageWork *work;
  SettingData *data;

  if (database == NULL)
    return;

  data = g_new0 (SettingData, 1);
  data->key = g_strdup (key);
  data->value = g_strdup (value);

  work = td_database_page_begin_work (TD_DATABASE_PAGE (self));
  td_run_in_thread (database, work->cancellable, td_workspace_page_set_setting,
                    data, (GDestroyNotify) setting_data_free,
                    set_setting_thread, set_setting_cb, work);
}

static char *
check_workspace_name (const char *text)
{
  if (text[0] == '\0')
    return g_strdup (_("The workspace needs a name"));

  return NULL;
}

static void
workspace_name_apply_cb (TdWorkspacePage *self,
                         AdwEntryRow     *row)
{
  g_autofree char *text = td_entry_row_accept_text (row, check_workspace_name, FALSE);

  if (text != NULL)
    td_workspace_page_set_setting (self, TD_SETTING_NAME, text);
}

static void
time_zone_apply_cb (TdWorkspacePage *self,
                    AdwEntryRow     *row)
{
  g_autofree char *text = td_entry_row_accept_text (row, td_check_time_zone, FALSE);

  if (text != NULL)
    td_workspace_page_set_setting (self, TD_SETTING_TIME_ZONE, text);
}

static void
currency_selected_cb (TdWorkspacePage *self,
                      GParamSpec      *pspec,
                      AdwComboRow     *row)
{
  const char * const *codes = td_currency_codes ();
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION ||
      selected >= g_strv_length ((char **) codes))
    return;

  td_workspace_page_set_setting (self, TD_SETTING_CURRENCY, codes[selected]);
}

/* The file */

static void
location_chosen_cb (gpointer  owner,
                    GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  /* The main window opens it and reports problems; once open, this page
   * follows. */
  if (path != NULL)
    g_signal_emit (owner, signals[OPEN_REQUESTED], 0, path);
}

static void
location_clicked_cb (TdWorkspacePage *self)
{
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    return;

  chooser = td_workspace_chooser_new (GTK_WIDGET (self),
                                      td_database_page_get_database (TD_DATABASE_PAGE (self)));
  td_file_chooser_run (chooser, &self->file_chooser, self, location_chosen_cb);
}

/* TdDatabasePage */

static void
td_workspace_page_database_changed (TdDatabasePage *page,
                                    TdDatabase     *database)
{
  TdWorkspacePage *self = TD_WORKSPACE_PAGE (page);
  g_autofree char *display = NULL;

  if (database == NULL)
    return;

  display = g_filename_display_name (td_database_get_path (database));
  adw_action_row_set_subtitle (self->location_row, display);

  td_workspace_page_load (self);
}

/* GObject */

static void
td_workspace_page_dispose (GObject *object)
{
  TdWorkspacePage *self = TD_WORKSPACE_PAGE (object);

  td_file_chooser_clear (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WORKSPACE_PAGE);

  G_OBJECT_CLASS (td_workspace_page_parent_class)->dispose (object);
}

static void
td_workspace_page_finalize (GObject *object)
{
  TdWorkspacePage *self = TD_WORKSPACE_PAGE (object);

  g_clear_object (&self->currencies);

  G_OBJECT_CLASS (td_workspace_page_parent_class)->finalize (object);
}

static void
td_workspace_page_class_init (TdWorkspacePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TdDatabasePageClass *page_class = TD_DATABASE_PAGE_CLASS (klass);

  object_class->dispose = td_workspace_page_dispose;
  object_class->finalize = td_workspace_page_finalize;

  page_class->database_changed = td_workspace_page_database_changed;

  signals[OPEN_REQUESTED] =
    g_signal_new ("open-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-workspace-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWorkspacePage, workspace_name_row);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspacePage, workspace_name_error);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspacePage, location_row);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspacePage, currency_row);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspacePage, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, TdWorkspacePage, time_zone_error);
  gtk_widget_class_bind_template_callback (widget_class, workspace_name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_zone_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_clicked_cb);
}

static void
td_workspace_page_init (TdWorkspacePage *self)
{
  const char * const *codes = td_currency_codes ();

  gtk_widget_init_template (GTK_WIDGET (self));

  td_entry_row_attach_problem (self->workspace_name_row, self->workspace_name_error);
  td_entry_row_attach_problem (self->time_zone_row, self->time_zone_error);

  /* "CNY (¥)": the code people know, with its symbol. */
  self->currencies = gtk_string_list_new (NULL);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *symbol = td_currency_symbol (codes[i]);
      g_autofree char *label = NULL;

      if (symbol != NULL && g_strcmp0 (symbol, codes[i]) != 0)
        label = g_strdup_printf ("%s (%s)", codes[i], symbol);
      else
        label = g_strdup (codes[i]);

      gtk_string_list_append (self->currencies, label);
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (self->currencies));
  self->updating = FALSE;
}

GtkWidget *
td_workspace_page_new (void)
{
  return g_object_new (TD_TYPE_WORKSPACE_PAGE, NULL);
}
