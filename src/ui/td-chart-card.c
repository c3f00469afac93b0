/* td-chart-card.c: a chart in a card, with its title and a CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "td-chart-card.h"
#include "td-chart-view.h"

struct _TdChartCard
{
  GtkWidget    parent_instance;

  GtkWidget   *root_box;
  GtkLabel    *title_label;
  TdChartView *chart;
  GtkLabel    *note_label;
  GtkButton   *export_button;

  GtkNativeDialog *chooser;
};

G_DEFINE_FINAL_TYPE (TdChartCard, td_chart_card, GTK_TYPE_WIDGET)

GtkWidget *
td_chart_card_new (void)
{
  return g_object_new (TD_TYPE_CHART_CARD, NULL);
}

TdChartData *
td_chart_card_get_data (TdChartCard *self)
{
  g_return_val_if_fail (TD_IS_CHART_CARD (self), NULL);
  return td_chart_view_get_data (self->chart);
}

void
td_chart_card_set_data (TdChartCard *self,
                        TdChartData *data)
{
  g_return_if_fail (TD_IS_CHART_CARD (self));

  td_chart_view_set_data (self->chart, data);
  gtk_label_set_text (self->title_label, data ? td_chart_data_get_title (data) : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), data != NULL);
}

void
td_chart_card_set_note (TdChartCard *self,
                        const char  *note)
{
  g_return_if_fail (TD_IS_CHART_CARD (self));

  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && *note);
}

gboolean
td_chart_card_write_csv (TdChartCard  *self,
                         GFile        *file,
                         GError      **error)
{
  TdChartData *data = td_chart_view_get_data (self->chart);
  g_autofree char *csv = NULL;

  g_return_val_if_fail (data != NULL, FALSE);
  csv = td_chart_data_to_csv (data);
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TdChartCard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Could Not Export the Chart"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     TdChartCard     *self)
{
  TdChartData *data = td_chart_view_get_data (self->chart);

  if (response == GTK_RESPONSE_ACCEPT && data)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *csv = td_chart_data_to_csv (data);
      gsize length = strlen (csv);
      GBytes *bytes = g_bytes_new_take (g_steal_pointer (&csv), length);

      /* written off the main loop; the bytes live as long as the write */
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, written_cb, g_object_ref (self));
      g_bytes_unref (bytes);
    }
  g_clear_object (&self->chooser);
}

static void
export_clicked_cb (TdChartCard *self)
{
  TdChartData *data = td_chart_view_get_data (self->chart);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = NULL;

  if (data == NULL || self->chooser)
    return;
  name = g_strdup_printf ("%s.csv", td_chart_data_get_title (data));
  g_strdelimit (name, "/\\:", '-');
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Export Chart as CSV"),
                                                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                  GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                  _("_Export"), _("_Cancel")));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

static void
td_chart_card_dispose (GObject *object)
{
  TdChartCard *self = TD_CHART_CARD (object);

  if (self->chooser)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CHART_CARD);
  G_OBJECT_CLASS (td_chart_card_parent_class)->dispose (object);
}

static void
td_chart_card_class_init (TdChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_chart_card_dispose;

  g_type_ensure (TD_TYPE_CHART_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-chart-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TdChartCard, root_box);
  gtk_widget_class_bind_template_child (widget_class, TdChartCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, TdChartCard, chart);
  gtk_widget_class_bind_template_child (widget_class, TdChartCard, note_label);
  gtk_widget_class_bind_template_child (widget_class, TdChartCard, export_button);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
td_chart_card_init (TdChartCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
