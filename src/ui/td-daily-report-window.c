/* td-daily-report-window.c: the night audit on screen, for any date
 *
 * The report is the printed one (td-daily-report-document.c), its pages
 * drawn in a worker thread into textures: what the clerk sees is what
 * prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-daily-report-document.h"
#include "td-daily-report-window.h"
#include "td-print.h"

#define SCALE 1.5   /* on screen, a page at 108 dpi */

struct _TdDailyReportWindow
{
  AdwWindow     parent_instance;

  TdDatabase   *database;
  char         *property_id;
  char         *scope;
  guint32       date;

  GtkLabel     *date_label;
  GtkBox       *pages;
  GtkStack     *stack;
  GtkLabel     *error_label;
  GtkWidget    *print_button;
  GtkWidget    *save_button;
  GCancellable *cancellable;
  TdDocument   *document;
  guint         n_pages;
};

G_DEFINE_FINAL_TYPE (TdDailyReportWindow, td_daily_report_window, ADW_TYPE_WINDOW)

typedef struct {
  TdDatabase *database;
  char       *property_id;
  char       *scope;
  guint32     date;
  TdDocument *document;
  GPtrArray  *textures;   /* GdkTexture, a page each */
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->database);
  g_free (load->property_id);
  g_free (load->scope);
  g_clear_object (&load->document);
  g_clear_pointer (&load->textures, g_ptr_array_unref);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(TdDailyReport) report = NULL;
  GError *error = NULL;
  guint n;

  report = td_daily_report_build (load->database, load->property_id, load->date, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  load->document = td_daily_report_document_new (report, load->scope);
  if (!td_document_set_header_from_workspace (load->document, load->database, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  n = td_document_paginate (load->document, TD_DOCUMENT_A4_WIDTH, TD_DOCUMENT_A4_HEIGHT);
  load->textures = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint page = 0; page < n && !g_cancellable_is_cancelled (cancellable); page++)
    {
      int width = (int) (TD_DOCUMENT_A4_WIDTH * SCALE), height = (int) (TD_DOCUMENT_A4_HEIGHT * SCALE);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(GBytes) bytes = NULL;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, SCALE, SCALE);
      td_document_render_page (load->document, cr, page);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                           (gsize) cairo_image_surface_get_stride (surface) * height);
      g_ptr_array_add (load->textures,
                       gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                               cairo_image_surface_get_stride (surface)));
      cairo_surface_destroy (surface);
    }
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TdDailyReportWindow) self = user_data;
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_object (&self->cancellable);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages))))
    gtk_box_remove (self->pages, child);
  for (guint i = 0; i < load->textures->len; i++)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (g_ptr_array_index (load->textures, i));
      g_autofree char *name = g_strdup_printf (_("Page %u of %u"), i + 1, load->textures->len);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "card");
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), name);
      gtk_box_append (self->pages, picture);
    }
  g_set_object (&self->document, load->document);
  self->n_pages = load->textures->len;
  gtk_widget_set_sensitive (self->print_button, TRUE);
  gtk_widget_set_sensitive (self->save_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
reload (TdDailyReportWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *iso = td_date_format_iso (self->date);
  g_autoptr(GDate) date = g_date_new_julian (self->date);
  char text[64];
  Load *load;

  g_date_strftime (text, sizeof text, _("%A %e %B %Y"), date);
  gtk_label_set_text (self->date_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_label), iso);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_pages = 0;
  gtk_widget_set_sensitive (self->print_button, FALSE);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  load = g_new0 (Load, 1);
  load->database = g_object_ref (self->database);
  load->property_id = g_strdup (self->property_id);
  load->scope = g_strdup (self->scope);
  load->date = self->date;
  task = g_task_new (NULL, self->cancellable, loaded_cb, g_object_ref (self));
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

static void
day_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TdDailyReportWindow *self = TD_DAILY_REPORT_WINDOW (widget);

  if (g_str_equal (action_name, "report.previous-day"))
    self->date--;
  else
    self->date++;
  reload (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TdDailyReportWindow *self = TD_DAILY_REPORT_WINDOW (widget);

  if (self->document)
    td_print_document (GTK_WINDOW (self), self->document);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdDailyReportWindow *self = TD_DAILY_REPORT_WINDOW (widget);
  g_autofree char *iso = td_date_format_iso (self->date);
  g_autofree char *name = NULL;

  if (self->document == NULL)
    return;
  /* TRANSLATORS: a file name, before the date: daily-report-2026-11-22.pdf */
  name = g_strdup_printf ("%s-%s.pdf", C_("file name", "daily-report"), iso);
  td_save_document_pdf (GTK_WINDOW (self), self->document, name);
}

static void
td_daily_report_window_dispose (GObject *object)
{
  TdDailyReportWindow *self = TD_DAILY_REPORT_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (td_daily_report_window_parent_class)->dispose (object);
}

static void
td_daily_report_window_finalize (GObject *object)
{
  TdDailyReportWindow *self = TD_DAILY_REPORT_WINDOW (object);

  g_free (self->property_id);
  g_free (self->scope);

  G_OBJECT_CLASS (td_daily_report_window_parent_class)->finalize (object);
}

static void
td_daily_report_window_class_init (TdDailyReportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_daily_report_window_dispose;
  object_class->finalize = td_daily_report_window_finalize;

  gtk_widget_class_install_action (widget_class, "report.previous-day", NULL, day_action);
  gtk_widget_class_install_action (widget_class, "report.next-day", NULL, day_action);
  gtk_widget_class_install_action (widget_class, "report.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "report.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "report.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "report.next-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "report.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "report.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
header_button (const char *icon,
               const char *tooltip,
               const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
td_daily_report_window_init (TdDailyReportWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *status = adw_status_page_new ();

  gtk_window_set_default_size (GTK_WINDOW (self), 980, 760);
  gtk_window_set_title (GTK_WINDOW (self), _("Daily Report"));

  self->date_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->date_label), "heading");
  gtk_box_append (GTK_BOX (nav), header_button ("go-previous-symbolic", _("Previous Day (Ctrl+Page Up)"),
                                                "report.previous-day"));
  gtk_box_append (GTK_BOX (nav), GTK_WIDGET (self->date_label));
  gtk_box_append (GTK_BOX (nav), header_button ("go-next-symbolic", _("Next Day (Ctrl+Page Down)"),
                                                "report.next-day"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), nav);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save PDF…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "report.save");
  gtk_widget_set_tooltip_text (self->save_button, _("Save the report as a PDF (Ctrl+S)"));
  self->print_button = header_button ("printer-symbolic", _("Print (Ctrl+P)"), "report.print");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->print_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  self->pages = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (self->pages), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->pages), 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->pages));
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack, scrolled, "report");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Could Not Make the Report"));
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), GTK_WIDGET (self->error_label));
  gtk_stack_add_named (self->stack, status, "error");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

GtkWidget *
td_daily_report_window_new (GtkWindow  *parent,
                            TdDatabase *database,
                            const char *property_id,
                            const char *scope,
                            guint32     date)
{
  TdDailyReportWindow *self = g_object_new (TD_TYPE_DAILY_REPORT_WINDOW,
                                            "transient-for", parent,
                                            NULL);

  self->database = g_object_ref (database);
  self->property_id = g_strdup (property_id);
  self->scope = g_strdup (scope);
  self->date = date;
  reload (self);
  return GTK_WIDGET (self);
}

guint32
td_daily_report_window_get_date (TdDailyReportWindow *self)
{
  g_return_val_if_fail (TD_IS_DAILY_REPORT_WINDOW (self), 0);
  return self->date;
}

guint
td_daily_report_window_get_n_pages (TdDailyReportWindow *self)
{
  g_return_val_if_fail (TD_IS_DAILY_REPORT_WINDOW (self), 0);
  return self->n_pages;
}
