/* td-itinerary-actions.c: the window's actions between the map and the tours
 *
 * win.show-route (a tour product's id): its itinerary drawn on the map.
 * win.add-to-itinerary (a place's id): the place added to a day of a
 * product's itinerary, chosen in a dialog. Reads and writes run in worker
 * threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-itinerary-actions.h"
#include "td-map-page.h"
#include "td-poi-query.h"
#include "td-window.h"

/* From a tour product: its itinerary drawn on the map */
static void
route_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  TdRoute *route = td_tour_product_route (source_object, task_data, &error);

  if (route)
    g_task_return_pointer (task, route, (GDestroyNotify) td_route_unref);
  else
    g_task_return_error (task, error);
}

static void
route_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdRoute) route = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *page;

  if (route == NULL)
    {
      td_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.area", "s", "map");
  page = td_window_get_area_widget (self, "map");
  if (TD_IS_MAP_PAGE (page))
    td_map_page_show_route (TD_MAP_PAGE (page), route);
}

static void
show_route_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  g_autoptr(GTask) task = NULL;

  if (td_window_get_database (self) == NULL)
    return;
  task = g_task_new (td_window_get_database (self), NULL, route_ready, g_object_ref (self));
  g_task_set_task_data (task, g_variant_dup_string (parameter, NULL), g_free);
  g_task_run_in_thread (task, route_thread);
}

/* From the map's popover of a place: add it to a day of an itinerary */
typedef struct {
  char      *poi_id;
  TdPoi     *poi;
  GPtrArray *products;   /* TdTourProduct */
  guint      product;    /* chosen */
  guint      day;
} AddPlace;

static void
add_place_free (AddPlace *data)
{
  g_free (data->poi_id);
  g_clear_pointer (&data->poi, td_poi_unref);
  g_clear_pointer (&data->products, g_ptr_array_unref);
  g_free (data);
}

static void
add_place_load_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  AddPlace *data = task_data;
  GError *error = NULL;

  data->poi = td_poi_query_get (source_object, data->poi_id, &error);
  if (data->poi)
    data->products = td_tour_products_list (source_object, &error);
  if (data->products == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
add_place_save_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  AddPlace *data = task_data;
  TdTourProduct *product = g_ptr_array_index (data->products, data->product);
  GError *error = NULL;

  if (td_tour_product_add_place (source_object, NULL, product->id, data->day, data->poi, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
add_place_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TdWindow) self = user_data;
  AddPlace *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    text = g_strdup (error->message);
  else
    /* TRANSLATORS: a place, a tour product, a day of its itinerary */
    text = g_strdup_printf (_("%s added to %s, day %u"), data->poi->name,
                            ((TdTourProduct *) g_ptr_array_index (data->products, data->product))->name,
                            data->day);
  td_window_add_toast (self, adw_toast_new (text));
}

static void
add_place_response (AdwMessageDialog *dialog,
                    const char       *response,
                    TdWindow         *self)
{
  AddPlace *data = g_object_get_data (G_OBJECT (dialog), "td-add-place");
  GtkDropDown *products = g_object_get_data (G_OBJECT (dialog), "td-products");
  GtkSpinButton *day = g_object_get_data (G_OBJECT (dialog), "td-day");
  g_autoptr(GTask) task = NULL;
  AddPlace *copy;

  if (!g_str_equal (response, "add") || td_window_get_database (self) == NULL)
    return;
  /* the dialog keeps its data until it is gone: the task gets its own */
  copy = g_new0 (AddPlace, 1);
  copy->poi = td_poi_ref (data->poi);
  copy->products = g_ptr_array_ref (data->products);
  copy->product = gtk_drop_down_get_selected (products);
  copy->day = (guint) gtk_spin_button_get_value_as_int (day);
  task = g_task_new (td_window_get_database (self), NULL, add_place_saved, g_object_ref (self));
  g_task_set_task_data (task, copy, (GDestroyNotify) add_place_free);
  g_task_run_in_thread (task, add_place_save_thread);
}

static void
add_place_product_changed (GtkDropDown   *products,
                           GParamSpec    *pspec,
                           GtkSpinButton *day)
{
  AddPlace *data = g_object_get_data (G_OBJECT (products), "td-add-place");
  guint i = gtk_drop_down_get_selected (products);

  if (i < data->products->len)
    gtk_spin_button_set_range (day, 1, MAX (((TdTourProduct *) g_ptr_array_index (data->products, i))->days, 1));
}

static void
add_place_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TdWindow) self = user_data;
  AddPlace *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box, *products, *day, *day_label;
  g_autofree char *heading = NULL;
  AddPlace *owned;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      td_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  if (data->products->len == 0)
    {
      td_window_add_toast (self, adw_toast_new (_("No tour products yet: make one in the Tours area.")));
      return;
    }
  for (guint i = 0; i < data->products->len; i++)
    gtk_string_list_append (names, ((TdTourProduct *) g_ptr_array_index (data->products, i))->name);

  /* TRANSLATORS: the heading of a dialog; the place's name */
  heading = g_strdup_printf (_("Add %s to an Itinerary"), data->poi->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("It goes last on the day you choose."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  products = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_widget_set_hexpand (products, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (products), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tour product"), -1);
  day_label = gtk_label_new_with_mnemonic (_("_Day"));
  day = gtk_spin_button_new_with_range (1, 1, 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (day_label), day);
  gtk_box_append (GTK_BOX (box), products);
  gtk_box_append (GTK_BOX (box), day_label);
  gtk_box_append (GTK_BOX (box), day);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  /* the dialog owns what was read from here */
  owned = g_new0 (AddPlace, 1);
  owned->poi = g_steal_pointer (&data->poi);
  owned->products = g_steal_pointer (&data->products);
  g_object_set_data_full (G_OBJECT (dialog), "td-add-place", owned, (GDestroyNotify) add_place_free);
  g_object_set_data (G_OBJECT (products), "td-add-place", owned);
  g_object_set_data (G_OBJECT (dialog), "td-products", products);
  g_object_set_data (G_OBJECT (dialog), "td-day", day);
  g_signal_connect (products, "notify::selected", G_CALLBACK (add_place_product_changed), day);
  add_place_product_changed (GTK_DROP_DOWN (products), NULL, GTK_SPIN_BUTTON (day));
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_place_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_to_itinerary_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  g_autoptr(GTask) task = NULL;
  AddPlace *data;

  if (td_window_get_database (self) == NULL)
    return;
  data = g_new0 (AddPlace, 1);
  data->poi_id = g_variant_dup_string (parameter, NULL);
  task = g_task_new (td_window_get_database (self), NULL, add_place_loaded, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) add_place_free);
  g_task_run_in_thread (task, add_place_load_thread);
}

void
td_itinerary_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-route", "s", show_route_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-itinerary", "s", add_to_itinerary_action);
}
