/* td-smtp-dialog.c: the campaigns' e-mail server
 *
 * Reading and saving (the keyring included, which waits on D-Bus) run in
 * worker threads; the dialog closes once saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-smtp-dialog.h"
#include "td-smtp-secret.h"
#include "td-smtp.h"

struct _TdSmtpDialog
{
  AdwWindow     parent_instance;

  AdwEntryRow  *host_row;
  AdwComboRow  *security_row;
  AdwEntryRow  *port_row;
  AdwEntryRow  *user_row;
  AdwEntryRow  *password_row;
  AdwEntryRow  *from_row;
  AdwEntryRow  *from_name_row;
  AdwEntryRow  *reply_to_row;
  AdwEntryRow  *per_minute_row;
  GtkLabel     *message;
  GtkButton    *save_button;

  TdDatabase   *database;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (TdSmtpDialog, td_smtp_dialog, ADW_TYPE_WINDOW)

static const TdSmtpSecurity securities[] = {
  TD_SMTP_SECURITY_STARTTLS, TD_SMTP_SECURITY_TLS, TD_SMTP_SECURITY_NONE,
};

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static char *
get_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
show_message (TdSmtpDialog *self,
              const char   *text,
              gboolean      problem)
{
  gtk_label_set_text (self->message, text);
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  TdSmtpSettings *settings = td_smtp_settings_load (TD_DATABASE (source_object), &error);

  if (settings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, settings, (GDestroyNotify) td_smtp_settings_free);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdSmtpDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSmtpSettings) s = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (s == NULL)
    {
      /* nothing set up yet: the usual rate */
      set_text (self->per_minute_row, "60");
      return;
    }
  set_text (self->host_row, s->host);
  for (guint i = 0; i < G_N_ELEMENTS (securities); i++)
    if (securities[i] == s->security)
      adw_combo_row_set_selected (self->security_row, i);
  if (s->port)
    {
      g_autofree char *port = g_strdup_printf ("%u", s->port);

      set_text (self->port_row, port);
    }
  set_text (self->user_row, s->username);
  set_text (self->from_row, s->from_address);
  set_text (self->from_name_row, s->from_name);
  set_text (self->reply_to_row, s->reply_to);
  {
    g_autofree char *rate = g_strdup_printf ("%u", s->per_minute);

    set_text (self->per_minute_row, rate);
  }
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TdDatabase *db = source_object;
  TdSmtpSettings *s = task_data;
  GError *error = NULL;

  if (!td_smtp_settings_save (db, s, &error)
      || (s->password && s->username
          && !td_smtp_password_store (td_database_get_path (db), s->host, s->username, s->password,
                                      cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdSmtpDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked (TdSmtpDialog *self)
{
  g_autoptr(GTask) task = NULL;
  TdSmtpSettings *s = g_new0 (TdSmtpSettings, 1);
  g_autofree char *port = get_text (self->port_row);
  g_autofree char *rate = get_text (self->per_minute_row);
  guint selected = adw_combo_row_get_selected (self->security_row);
  guint64 number;

  s->host = get_text (self->host_row);
  s->security = securities[MIN (selected, G_N_ELEMENTS (securities) - 1)];
  s->username = get_text (self->user_row);
  s->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  if (*s->password == '\0')
    g_clear_pointer (&s->password, g_free);
  s->from_address = get_text (self->from_row);
  s->from_name = get_text (self->from_name_row);
  s->reply_to = get_text (self->reply_to_row);
  s->per_minute = 60;
  if (port && !g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL))
    {
      show_message (self, _("The port is a number from 1 to 65535, or empty for the usual one."), TRUE);
      td_smtp_settings_free (s);
      return;
    }
  s->port = port ? (guint) number : 0;
  if (rate && !g_ascii_string_to_unsigned (rate, 10, 0, 100000, &number, NULL))
    {
      show_message (self, _("Messages a minute is a whole number; 0 for no limit."), TRUE);
      td_smtp_settings_free (s);
      return;
    }
  if (rate)
    s->per_minute = (guint) number;

  show_message (self, "", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  task = g_task_new (self->database, self->cancellable, save_cb, g_object_ref (self));
  g_task_set_task_data (task, s, (GDestroyNotify) td_smtp_settings_free);
  g_task_run_in_thread (task, save_thread);
}

static void
td_smtp_dialog_dispose (GObject *object)
{
  TdSmtpDialog *self = TD_SMTP_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (td_smtp_dialog_parent_class)->dispose (object);
}

static void
td_smtp_dialog_class_init (TdSmtpDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_smtp_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-smtp-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, security_row);
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, from_name_row);
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, reply_to_row);
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, per_minute_row);
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, message);
  gtk_widget_class_bind_template_child (widget_class, TdSmtpDialog, save_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_smtp_dialog_init (TdSmtpDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked), self);
}

TdSmtpDialog *
td_smtp_dialog_new (GtkWindow  *parent,
                    TdDatabase *database)
{
  TdSmtpDialog *self = g_object_new (TD_TYPE_SMTP_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  self->database = g_object_ref (database);
  task = g_task_new (database, self->cancellable, load_cb, g_object_ref (self));
  g_task_run_in_thread (task, load_thread);
  return self;
}
