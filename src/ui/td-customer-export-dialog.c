/* td-customer-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-customer-export-dialog.h"
#include "td-customer-export-xlsx.h"
#include "td-utils.h"
#include "td-window.h"

struct _TdCustomerExportDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkWidget       *cancel_button;
  GtkWidget       *export_button;
  GtkWidget       *banner;
  GtkLabel        *banner_label;
  GtkStack        *stack;
  GtkLabel        *count_label;
  GtkCheckButton  *csv_check;
  GtkCheckButton  *vcard_check;
  GtkCheckButton  *xlsx_check;
  GtkLabel        *working_label;
  GtkProgressBar  *progress_bar;
  GtkLabel        *done_label;
  GtkWidget       *close_button;

  TdDatabase      *database;
  GCancellable    *cancellable;
  GtkNativeDialog *file_chooser;
  GFile           *file;            /* being written */
  TdExportFormat   format;
  guint            exporting : 1;
  guint            disposed : 1;
};

G_DEFINE_FINAL_TYPE (TdCustomerExportDialog, td_customer_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_FORMAT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_banner (TdCustomerExportDialog *self,
             const char             *message)
{
  gtk_label_set_text (self->banner_label, message ? message : "");
  gtk_widget_set_visible (self->banner, message != NULL);
}

static void
set_exporting (TdCustomerExportDialog *self,
               gboolean                exporting)
{
  self->exporting = exporting;
  gtk_widget_set_sensitive (self->cancel_button, !exporting);
  gtk_widget_set_visible (self->export_button, !exporting);
  gtk_stack_set_visible_child_name (self->stack, exporting ? "working" : "choose");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ------------------------------------------------------------------ */
/* how many there are                                                 */

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 n = td_database_count (task_data, "customer", &error);

  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdCustomerExportDialog) self = td_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  gint64 n = g_task_propagate_int (G_TASK (result), &error);
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (self == NULL || self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      show_banner (self, error->message);
      return;
    }

  count = td_format_count (n);
  if (n == 0)
    text = g_strdup (_("This workspace has no customers yet: the file would be empty."));
  else
    /* Translators: above the choice of format */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The %s customer of this workspace, as:",
                                         "All %s customers of this workspace, as:", n), count);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_sensitive (self->export_button, n > 0);
}

/* ------------------------------------------------------------------ */
/* exporting                                                          */

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  g_autoptr(TdCustomerExportDialog) self = td_weak_ref_get (user_data);
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;

  if (self == NULL || self->disposed || total == 0)
    return;
  done_text = td_format_count (done);
  total_text = td_format_count (total);
  /* Translators: progress of an export: "1,200 of 5,000" */
  text = g_strdup_printf (_("%s of %s"), done_text, total_text);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TdCustomerExportDialog) self = td_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  GtkWindow *parent;
  guint n = 0;

  td_customer_export_to_file_finish (TD_DATABASE (object), result, &n, &error);
  if (self == NULL || self->disposed)
    return;
  file = g_steal_pointer (&self->file);

  set_exporting (self, FALSE);

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup (_("The export was cancelled: no file was written."));
      else
        /* Translators: the export failed; the reason follows */
        message = g_strdup_printf (_("The file could not be written: %s"), error->message);
      show_banner (self, message);
      return;
    }

  {
    g_autofree char *basename = g_file_get_basename (file);

    name = g_filename_display_name (basename);
  }
  count = td_format_count (n);
  /* Translators: "5,000 customers written to customers.csv" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer written to “%s”",
                                       "%s customers written to “%s”", n), count, name);
  g_signal_emit (self, signals[EXPORTED], 0, file, n);

  /* over the main window: a toast there, and this dialog goes */
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (TD_IS_WINDOW (parent))
    {
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 5);
      td_window_add_toast (TD_WINDOW (parent), toast);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  gtk_label_set_text (self->done_label, text);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->export_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_grab_focus (self->close_button);
}

void
td_customer_export_dialog_export_to (TdCustomerExportDialog *self,
                                     GFile                  *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (TD_IS_CUSTOMER_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->exporting);

  basename = g_file_get_basename (file);
  name = g_filename_display_name (basename);
  /* Translators: the name of the file being written */
  text = g_strdup_printf (_("Writing “%s”…"), name);
  gtk_label_set_text (self->working_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);

  show_banner (self, NULL);
  g_set_object (&self->file, file);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_exporting (self, TRUE);
  if (self->format == TD_EXPORT_FORMAT_XLSX)
    td_customer_export_with_async (self->database, td_customer_export_xlsx, file,
                                   progress_cb, td_weak_ref_new (self), td_weak_ref_free,
                                   self->cancellable, export_cb, td_weak_ref_new (self));
  else
    td_customer_export_to_file_async (self->database, self->format, file,
                                      progress_cb, td_weak_ref_new (self), td_weak_ref_free,
                                      self->cancellable, export_cb, td_weak_ref_new (self));
}

static void
file_chosen_cb (gpointer  owner,
                GFile    *file)
{
  td_customer_export_dialog_export_to (TD_CUSTOMER_EXPORT_DIALOG (owner), file);
}

static void
export_clicked_cb (TdCustomerExportDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  const char *extension;

  if (self->file_chooser != NULL || self->exporting)
    return;

  chooser = td_file_chooser_new (GTK_WIDGET (self), _("Export Customers"),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  switch (self->format)
    {
    case TD_EXPORT_FORMAT_XLSX:
      td_file_chooser_add_filter (chooser, _("Excel workbooks"), "*.xlsx",
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", NULL);
      extension = "xlsx";
      break;
    case TD_EXPORT_FORMAT_VCARD:
      td_file_chooser_add_filter (chooser, _("Contacts (vCard)"), "*.vcf", "text/vcard", NULL);
      extension = "vcf";
      break;
    case TD_EXPORT_FORMAT_CSV:
    default:
      td_file_chooser_add_filter (chooser, _("Spreadsheets (CSV)"), "*.csv", "text/csv", NULL);
      extension = "csv";
      break;
    }
  /* Translators: the file name offered for an export, before the date
   * and the extension: "customers-2026-11-22.csv" */
  name = g_strdup_printf ("%s-%s.%s", C_("file name", "customers"), date, extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  td_file_chooser_run (chooser, &self->file_chooser, self, file_chosen_cb);
}

static void
stop_clicked_cb (TdCustomerExportDialog *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
format_toggled_cb (TdCustomerExportDialog *self)
{
  TdExportFormat format = gtk_check_button_get_active (self->vcard_check) ? TD_EXPORT_FORMAT_VCARD
                          : gtk_check_button_get_active (self->xlsx_check) ? TD_EXPORT_FORMAT_XLSX
                          : TD_EXPORT_FORMAT_CSV;

  if (self->format == format)
    return;
  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

/* ------------------------------------------------------------------ */
/* public API                                                         */

TdExportFormat
td_customer_export_dialog_get_format (TdCustomerExportDialog *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_EXPORT_DIALOG (self), TD_EXPORT_FORMAT_CSV);

  return self->format;
}

void
td_customer_export_dialog_set_format (TdCustomerExportDialog *self,
                                      TdExportFormat          format)
{
  g_return_if_fail (TD_IS_CUSTOMER_EXPORT_DIALOG (self));

  gtk_check_button_set_active (format == TD_EXPORT_FORMAT_VCARD ? self->vcard_check
                               : format == TD_EXPORT_FORMAT_XLSX ? self->xlsx_check
                               : self->csv_check, TRUE);
}

gboolean
td_customer_export_dialog_get_busy (TdCustomerExportDialog *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_EXPORT_DIALOG (self), FALSE);

  return self->exporting;
}

GtkWidget *
td_customer_export_dialog_new (GtkWindow  *parent,
                               TdDatabase *database)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  return g_object_new (TD_TYPE_CUSTOMER_EXPORT_DIALOG,
                       "transient-for", parent,
                       "database", database,
                       NULL);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static gboolean
td_customer_export_dialog_close_request (GtkWindow *window)
{
  TdCustomerExportDialog *self = TD_CUSTOMER_EXPORT_DIALOG (window);

  /* an export under way stops, and leaves no file */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (td_customer_export_dialog_parent_class)->close_request (window);
}

static void
td_customer_export_dialog_constructed (GObject *object)
{
  TdCustomerExportDialog *self = TD_CUSTOMER_EXPORT_DIALOG (object);

  G_OBJECT_CLASS (td_customer_export_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->database != NULL);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  td_run_in_thread (NULL, self->cancellable, td_customer_export_dialog_constructed,
                    g_object_ref (self->database), g_object_unref,
                    count_thread, count_cb, td_weak_ref_new (self));
}

static void
td_customer_export_dialog_dispose (GObject *object)
{
  TdCustomerExportDialog *self = TD_CUSTOMER_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  td_file_chooser_clear (&self->file_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CUSTOMER_EXPORT_DIALOG);

  G_OBJECT_CLASS (td_customer_export_dialog_parent_class)->dispose (object);
}

static void
td_customer_export_dialog_finalize (GObject *object)
{
  TdCustomerExportDialog *self = TD_CUSTOMER_EXPORT_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (td_customer_export_dialog_parent_class)->finalize (object);
}

static void
td_customer_export_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TdCustomerExportDialog *self = TD_CUSTOMER_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_FORMAT:
      g_value_set_int (value, self->format);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->exporting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_export_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TdCustomerExportDialog *self = TD_CUSTOMER_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_FORMAT:
      td_customer_export_dialog_set_format (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_export_dialog_class_init (TdCustomerExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = td_customer_export_dialog_constructed;
  object_class->dispose = td_customer_export_dialog_dispose;
  object_class->finalize = td_customer_export_dialog_finalize;
  object_class->get_property = td_customer_export_dialog_get_property;
  object_class->set_property = td_customer_export_dialog_set_property;
  window_class->close_request = td_customer_export_dialog_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, TD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_int ("format", NULL, NULL, TD_EXPORT_FORMAT_CSV, TD_EXPORT_FORMAT_XLSX, TD_EXPORT_FORMAT_CSV,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-customer-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, csv_check);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, vcard_check);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, xlsx_check);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, working_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, done_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerExportDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_toggled_cb);
}

static void
td_customer_export_dialog_init (TdCustomerExportDialog *self)
{
  self->format = TD_EXPORT_FORMAT_CSV;
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
