/* td-place-dialog.c: one place added by hand
 *
 * The position is read here (td_poi_entry_parse_position) so a mistake is
 * said at once; the saving runs in a worker thread; a refusal stays in the
 * dialog with what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-place-dialog.h"
#include "td-poi-entry.h"
#include "td-time.h"

struct _TdPlaceDialog
{
  AdwWindow     parent_instance;

  AdwEntryRow  *name_row;
  AdwEntryRow  *name_en_row;
  AdwComboRow  *category_row;
  AdwEntryRow  *position_row;
  AdwComboRow  *crs_row;
  AdwEntryRow  *city_row;
  AdwEntryRow  *address_row;
  AdwEntryRow  *hours_row;
  AdwEntryRow  *price_row;
  GtkLabel     *problem_label;
  GtkWidget    *add_button;

  TdDatabase   *database;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (TdPlaceDialog, td_place_dialog, ADW_TYPE_WINDOW)

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the kinds a clerk adds by hand (the business's own hotels come from
 * Hotels and Rooms) */
static const TdPoiCategory categories[] = {
  TD_POI_ATTRACTION, TD_POI_HOTEL, TD_POI_RESTAURANT, TD_POI_SHOP, TD_POI_TRANSPORT,
};

static const TdCrs systems[] = { TD_CRS_GCJ02, TD_CRS_BD09, TD_CRS_WGS84 };

typedef struct {
  TdPoi *poi;
  TdCrs  crs;
} Place;

static void
place_free (Place *place)
{
  td_poi_unref (place->poi);
  g_free (place);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Place *place = task_data;
  g_autoptr(GError) error = NULL;
  char *id = td_poi_entry_save (source_object, place->poi, place->crs, &error);

  if (id == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, id, g_free);
}

static void
show_problem (TdPlaceDialog *self,
              const char    *message)
{
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdPlaceDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);

  if (id == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (self->add_button, TRUE);
      show_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static char *
text_of (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
add_clicked_cb (TdPlaceDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *position = text_of (self->position_row);
  g_autofree char *price = text_of (self->price_row);
  Place *place = g_new0 (Place, 1);
  TdPoi *poi = td_poi_new ();

  place->poi = poi;
  poi->name = text_of (self->name_row);
  if (poi->name == NULL)
    {
      show_problem (self, _("Give the place a name"));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      place_free (place);
      return;
    }
  if (!td_poi_entry_parse_position (position, &poi->lat, &poi->lon, &error))
    {
      show_problem (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->position_row));
      place_free (place);
      return;
    }
  if (price)
    {
      g_autofree char *currency = td_database_dup_setting (self->database, TD_SETTING_CURRENCY);

      if (!td_money_parse (price, currency ? currency : TD_DEFAULT_CURRENCY, &poi->ticket_price, &error))
        {
          /* Translators: why the ticket price cannot be read */
          g_autofree char *message = g_strdup_printf (_("Ticket price: %s"), error->message);

          show_problem (self, message);
          gtk_widget_grab_focus (GTK_WIDGET (self->price_row));
          place_free (place);
          return;
        }
    }
  poi->category = categories[MIN (adw_combo_row_get_selected (self->category_row), G_N_ELEMENTS (categories) - 1)];
  place->crs = systems[MIN (adw_combo_row_get_selected (self->crs_row), G_N_ELEMENTS (systems) - 1)];
  poi->name_en = text_of (self->name_en_row);
  poi->city = text_of (self->city_row);
  poi->address = text_of (self->address_row);
  poi->opening_hours = text_of (self->hours_row);

  show_problem (self, NULL);
  gtk_widget_set_sensitive (self->add_button, FALSE);
  task = g_task_new (self->database, self->cancellable, saved_cb, g_object_ref (self));
  g_task_set_task_data (task, place, (GDestroyNotify) place_free);
  g_task_run_in_thread (task, save_thread);
}

static void
td_place_dialog_dispose (GObject *object)
{
  TdPlaceDialog *self = TD_PLACE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (td_place_dialog_parent_class)->dispose (object);
}

static void
td_place_dialog_finalize (GObject *object)
{
  TdPlaceDialog *self = TD_PLACE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  G_OBJECT_CLASS (td_place_dialog_parent_class)->finalize (object);
}

static void
td_place_dialog_class_init (TdPlaceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_place_dialog_dispose;
  object_class->finalize = td_place_dialog_finalize;

  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-place-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, name_en_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, position_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, crs_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, hours_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, price_row);
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TdPlaceDialog, add_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_place_dialog_init (TdPlaceDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    gtk_string_list_append (kinds, td_poi_category_get_name (categories[i]));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (kinds));
  gtk_string_list_append (sources, _("AMap or Tencent Maps (GCJ-02)"));
  gtk_string_list_append (sources, _("Baidu Maps (BD-09)"));
  gtk_string_list_append (sources, _("GPS or OpenStreetMap (WGS-84)"));
  adw_combo_row_set_model (self->crs_row, G_LIST_MODEL (sources));
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
}

GtkWidget *
td_place_dialog_new (GtkWindow     *parent,
                     TdDatabase    *database,
                     TdPoiCategory  category)
{
  TdPlaceDialog *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  self = g_object_new (TD_TYPE_PLACE_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (categories[i] == category)
      adw_combo_row_set_selected (self->category_row, i);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return GTK_WIDGET (self);
}
