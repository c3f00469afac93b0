/* td-print.c: printing and saving TdDocuments from the window
 *
 * GtkPrintOperation lays the document out on the page size the clerk chose
 * (begin-print) and draws page by page (draw-page) with the same code that
 * writes PDFs, so the printout and the PDF agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "td-print.h"

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
begin_print (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             TdDocument        *document)
{
  guint n_pages = td_document_paginate (document,
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
}

static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page,
           TdDocument        *document)
{
  td_document_render_page (document, gtk_print_context_get_cairo_context (context), page);
}

static void
print_done (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            GtkWindow               *parent)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (parent, _("Could Not Print"), error ? error->message : _("The printer reported an error."));
    }
}

void
td_print_document (GtkWindow  *parent,
                   TdDocument *document)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *export_name = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (TD_IS_DOCUMENT (document));

  /* China prints on A4; the clerk can still choose another paper */
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* the document has its own margins: draw on the whole sheet */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_job_name (operation, td_document_get_title (document));
  export_name = g_strdup_printf ("%s.pdf", td_document_get_title (document));
  gtk_print_operation_set_export_filename (operation, export_name);

  g_signal_connect_data (operation, "begin-print", G_CALLBACK (begin_print),
                         g_object_ref (document), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page), document, 0);
  if (parent != NULL)
    g_signal_connect_object (operation, "done", G_CALLBACK (print_done), parent, 0);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (parent, _("Could Not Print"), error->message);
}

/* Saving as PDF */

typedef struct {
  GtkWindow *parent;
  TdDocument *document;
  GFile *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->document);
  g_clear_object (&data->file);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autofree char *path = g_file_get_path (data->file);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Choose a folder on this computer."));
  else if (!td_document_write_pdf (data->document, path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_error (data->parent, _("Could Not Save the PDF"), error->message);
}

static void
save_response (GtkNativeDialog *chooser,
               int              response,
               SaveData        *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, save_done, NULL);

      data->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_task_set_source_tag (task, td_save_document_pdf);
      g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
      g_task_run_in_thread (task, save_thread);
    }
  else
    save_data_free (data);
  g_object_unref (chooser);
}

void
td_save_document_pdf (GtkWindow  *parent,
                      TdDocument *document,
                      const char *file_name)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  SaveData *data;

  g_return_if_fail (TD_IS_DOCUMENT (document));

  chooser = gtk_file_chooser_native_new (_("Save as PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     file_name ? file_name : td_document_get_title (document));

  data = g_new0 (SaveData, 1);
  data->parent = parent ? g_object_ref (parent) : NULL;
  data->document = g_object_ref (document);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
