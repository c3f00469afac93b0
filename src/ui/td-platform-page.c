/* td-platform-page.c: the smart-tourism platform, in the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-conflict-dialog.h"
#include "td-platform-page.h"
#include "td-sync-inbox.h"
#include "td-utils.h"

struct _TdPlatformPage
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *status_group;
  AdwActionRow       *status_row;
  GtkImage           *status_icon;
  GtkWidget          *sync_button;
  GtkProgressBar     *first_sync_progress;
  AdwPreferencesGroup *sign_in_group;
  AdwEntryRow        *platform_url_row;
  GtkWidget          *platform_url_error;
  AdwEntryRow        *token_row;
  GtkWidget          *sign_in_error;
  GtkSpinner         *sign_in_spinner;
  GtkWidget          *sign_in_button;
  GtkWidget          *sign_out_button;
  AdwPreferencesGroup *conflicts_group;
  GtkListBox         *conflicts_list;

  GSettings          *settings;
  TdSyncController   *controller;
  GCancellable       *cancellable;
  guint               n_inbox;
  gint64              conflicts_shown;
};

G_DEFINE_FINAL_TYPE (TdPlatformPage, td_platform_page, ADW_TYPE_PREFERENCES_PAGE)

static void load_inbox (TdPlatformPage *self);

static void
update (TdPlatformPage *self)
{
  TdSyncController *c = self->controller;
  g_autofree char *text = NULL;
  TdSyncStatus status;
  const char *message;
  gboolean signed_in;

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_group), c != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), c != NULL && self->n_inbox > 0);
  if (c == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("No workspace is open"));
      adw_action_row_set_subtitle (self->status_row, _("Open a workspace to connect it to the platform."));
      gtk_widget_set_sensitive (self->sync_button, FALSE);
      gtk_widget_set_visible (self->sign_out_button, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->first_sync_progress), FALSE);
      return;
    }

  status = td_sync_controller_get_status (c);
  text = td_sync_controller_dup_status_text (c, g_get_real_time ());
  message = td_sync_controller_get_message (c);
  signed_in = status != TD_SYNC_STATUS_NOT_SET_UP;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), text);
  if (message && status != TD_SYNC_STATUS_SYNCED && status != TD_SYNC_STATUS_SYNCING)
    adw_action_row_set_subtitle (self->status_row, message);
  else if (!signed_in)
    adw_action_row_set_subtitle (self->status_row, _("Enter the platform’s address and this desk’s sign-in code below."));
  else
    adw_action_row_set_subtitle (self->status_row, td_sync_controller_get_server_url (c));
  gtk_widget_set_sensitive (self->sync_button, signed_in && !td_sync_controller_get_syncing (c));
  gtk_widget_set_visible (self->sign_out_button, signed_in && status != TD_SYNC_STATUS_STARTING);

  gtk_widget_set_visible (GTK_WIDGET (self->first_sync_progress), td_sync_controller_get_first_sync (c));
  if (td_sync_controller_get_first_sync (c))
    {
      if (td_sync_controller_get_first_sync_fraction (c) >= 0)
        gtk_progress_bar_set_fraction (self->first_sync_progress, td_sync_controller_get_first_sync_fraction (c));
      else
        gtk_progress_bar_pulse (self->first_sync_progress);
      gtk_progress_bar_set_text (self->first_sync_progress, text);
    }

  switch (status)
    {
    case TD_SYNC_STATUS_SYNCED:
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      break;
    case TD_SYNC_STATUS_OFFLINE:
      gtk_image_set_from_icon_name (self->status_icon, "network-offline-symbolic");
      break;
    case TD_SYNC_STATUS_WAITING:
    case TD_SYNC_STATUS_STOPPED:
    case TD_SYNC_STATUS_SIGNED_OUT:
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      break;
    case TD_SYNC_STATUS_SYNCING:
    case TD_SYNC_STATUS_STARTING:
      gtk_image_set_from_icon_name (self->status_icon, "emblem-synchronizing-symbolic");
      break;
    case TD_SYNC_STATUS_NOT_SET_UP:
    default:
      gtk_image_set_from_icon_name (self->status_icon, "network-transmit-receive-symbolic");
      break;
    }

  if (td_sync_controller_get_conflicts (c) != self->conflicts_shown)
    load_inbox (self);
}

/* ------------------------------------------------------------------ */
/* sign-in                                                            */

static void
sign_in_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdPlatformPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_sync_controller_sign_in_finish (TD_SYNC_CONTROLLER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_spinner_stop (self->sign_in_spinner);
      gtk_widget_set_sensitive (self->sign_in_button, TRUE);
      td_entry_row_set_problem (self->token_row, self->sign_in_error, error->message);
      return;
    }
  gtk_spinner_stop (self->sign_in_spinner);
  gtk_widget_set_sensitive (self->sign_in_button, TRUE);
  td_entry_row_set_problem (self->token_row, self->sign_in_error, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  /* the address the next workspace starts from */
  g_settings_set_string (self->settings, "platform-url", td_sync_controller_get_server_url (TD_SYNC_CONTROLLER (source)));
  update (self);
}

static void
sign_in_cb (TdPlatformPage *self)
{
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;

  if (self->controller == NULL)
    return;
  url = td_entry_row_accept_text (self->platform_url_row, td_check_platform_url, FALSE);
  if (url == NULL)
    return;
  token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));
  if (*token == '\0')
    {
      td_entry_row_set_problem (self->token_row, self->sign_in_error,
                                _("Enter the sign-in code the platform’s administrator gave for this desk."));
      return;
    }
  td_entry_row_set_problem (self->token_row, self->sign_in_error, NULL);
  gtk_widget_set_sensitive (self->sign_in_button, FALSE);
  gtk_spinner_start (self->sign_in_spinner);
  td_sync_controller_sign_in_async (self->controller, url, token, self->cancellable,
                                    sign_in_done, g_object_ref (self));
}

static void
sign_out_cb (TdPlatformPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->controller == NULL)
    return;
  if (!td_sync_controller_sign_out (self->controller, &error))
    td_entry_row_set_problem (self->token_row, self->sign_in_error, error->message);
  update (self);
}

static void
sync_now_cb (TdPlatformPage *self)
{
  if (self->controller)
    td_sync_controller_sync_now (self->controller);
}

/* ------------------------------------------------------------------ */
/* the inbox                                                          */

static void
inbox_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TdDatabase *database = task_data;
  GError *error = NULL;
  JsonArray *inbox = td_sync_inbox_list (database, &error);

  if (inbox == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* each entry's record as a clerk names it */
  for (guint i = 0; i < json_array_get_length (inbox); i++)
    {
      JsonObject *entry = json_array_get_object_element (inbox, i);
      g_autoptr(JsonObject) record = td_database_get_record (database, json_object_get_string_member (entry, "kind"),
                                                             json_object_get_string_member (entry, "record_id"), NULL);
      const char *name = NULL;

      if (record && json_object_has_member (record, "name")
          && json_node_get_value_type (json_object_get_member (record, "name")) == G_TYPE_STRING)
        name = json_object_get_string_member (record, "name");
      if (name == NULL && json_object_has_member (json_object_get_object_member (entry, "values"), "name"))
        name = json_object_get_string_member (json_object_get_object_member (entry, "values"), "name");
      json_object_set_string_member (entry, "title", name ? name : json_object_get_string_member (entry, "record_id"));
    }
  g_task_return_pointer (task, inbox, (GDestroyNotify) json_array_unref);
}

static void
conflict_resolved_cb (TdPlatformPage *self)
{
  if (self->controller)
    td_sync_controller_sync_now (self->controller);
  load_inbox (self);
}

static void
open_conflict_cb (GtkButton      *button,
                  TdPlatformPage *self)
{
  JsonObject *entry = g_object_get_data (G_OBJECT (button), "entry");
  GtkWidget *dialog;

  if (self->controller == NULL)
    return;
  dialog = td_conflict_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   td_sync_controller_get_database (self->controller), entry,
                                   json_object_get_string_member (entry, "title"));
  g_signal_connect_object (dialog, "resolved", G_CALLBACK (conflict_resolved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dismiss_cb (GtkButton      *button,
            TdPlatformPage *self)
{
  JsonObject *entry = g_object_get_data (G_OBJECT (button), "entry");
  g_autoptr(GError) error = NULL;

  if (self->controller == NULL)
    return;
  /* one row's UPDATE: quick enough for the click */
  if (!td_sync_inbox_dismiss (td_sync_controller_get_database (self->controller),
                              json_object_get_string_member (entry, "op_id"), &error))
    g_warning ("%s", error->message);
  load_inbox (self);
}

static GtkWidget *
inbox_row (TdPlatformPage *self,
           JsonObject     *entry)
{
  const char *kind_name = json_object_get_string_member (entry, "kind");
  const TdKind *kind = td_kind_lookup (kind_name);
  gboolean conflict = g_str_equal (json_object_get_string_member (entry, "status"), "conflict");
  g_autofree char *title = NULL, *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  /* a customer by name; another kind's record with its kind ("Stays: …") */
  if (g_str_equal (kind_name, "customer"))
    title = g_strdup (json_object_get_string_member (entry, "title"));
  else
    /* TRANSLATORS: a record in the sync inbox: its kind (plural), then its name */
    title = g_strdup_printf (_("%s: %s"), kind ? _(kind->title) : kind_name, json_object_get_string_member (entry, "title"));
  if (conflict)
    {
      JsonArray *fields = json_object_get_array_member (entry, "fields");
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (fields); i++)
        {
          if (i > 0)
            /* TRANSLATORS: between the names of fields in a list */
            g_string_append (names, _(", "));
          g_string_append (names, td_conflict_field_title (kind_name, json_object_get_string_member (
                                                           json_array_get_object_element (fields, i), "field")));
        }
      /* TRANSLATORS: %s: the fields, such as "Phone, City" */
      subtitle = g_strdup_printf (_("Also changed on another desk: %s"), names->str);
      button = gtk_button_new_with_mnemonic (_("_Choose…"));
      g_signal_connect (button, "clicked", G_CALLBACK (open_conflict_cb), self);
    }
  else
    {
      const char *detail = json_object_get_null_member (entry, "detail") ? NULL
                           : json_object_get_string_member (entry, "detail");

      /* TRANSLATORS: %s: the platform's reason */
      subtitle = g_strdup_printf (_("Refused by the platform: %s"), detail ? detail : json_object_get_string_member (entry, "code"));
      button = gtk_button_new_with_mnemonic (_("_Dismiss"));
      g_signal_connect (button, "clicked", G_CALLBACK (dismiss_cb), self);
    }
  g_object_set_data_full (G_OBJECT (button), "entry", json_object_ref (entry), (GDestroyNotify) json_object_unref);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
inbox_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TdPlatformPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) inbox = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *child;

  if (inbox == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s", error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_list))) != NULL)
    gtk_list_box_remove (self->conflicts_list, child);
  for (guint i = 0; i < json_array_get_length (inbox); i++)
    gtk_list_box_append (self->conflicts_list, inbox_row (self, json_array_get_object_element (inbox, i)));
  self->n_inbox = json_array_get_length (inbox);
  update (self);
}

static void
load_inbox (TdPlatformPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->controller == NULL)
    return;
  self->conflicts_shown = td_sync_controller_get_conflicts (self->controller);
  task = g_task_new (self, self->cancellable, inbox_done, g_object_ref (self));
  g_task_set_source_tag (task, load_inbox);
  g_task_set_task_data (task, g_object_ref (td_sync_controller_get_database (self->controller)), g_object_unref);
  g_task_run_in_thread (task, inbox_thread);
}

guint
td_platform_page_get_n_inbox (TdPlatformPage *self)
{
  g_return_val_if_fail (TD_IS_PLATFORM_PAGE (self), 0);
  return self->n_inbox;
}

/* ------------------------------------------------------------------ */

void
td_platform_page_set_controller (TdPlatformPage   *self,
                                 TdSyncController *controller)
{
  g_autofree char *default_url = NULL;

  g_return_if_fail (TD_IS_PLATFORM_PAGE (self));

  if (self->controller == controller)
    return;
  if (self->controller)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->controller, controller);
  self->n_inbox = 0;
  self->conflicts_shown = -1;
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  td_entry_row_set_problem (self->token_row, self->sign_in_error, NULL);

  if (controller)
    {
      const char *url = td_sync_controller_get_server_url (controller);

      g_signal_connect_swapped (controller, "notify", G_CALLBACK (update), self);
      default_url = g_settings_get_string (self->settings, "platform-url");
      td_entry_row_set_text (self->platform_url_row, url ? url : default_url);
      load_inbox (self);
    }
  update (self);
}

static void
td_platform_page_dispose (GObject *object)
{
  TdPlatformPage *self = TD_PLATFORM_PAGE (object);

  td_platform_page_set_controller (self, NULL);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_PLATFORM_PAGE);

  G_OBJECT_CLASS (td_platform_page_parent_class)->dispose (object);
}

static void
td_platform_page_finalize (GObject *object)
{
  TdPlatformPage *self = TD_PLATFORM_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

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
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, status_group);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, sync_button);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, first_sync_progress);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, platform_url_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, platform_url_error);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, sign_in_error);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, TdPlatformPage, conflicts_list);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_now_cb);
}

static void
td_platform_page_init (TdPlatformPage *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->conflicts_shown = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  td_entry_row_attach_problem (self->platform_url_row, self->platform_url_error);
  update (self);
}

GtkWidget *
td_platform_page_new (void)
{
  return g_object_new (TD_TYPE_PLATFORM_PAGE, NULL);
}
