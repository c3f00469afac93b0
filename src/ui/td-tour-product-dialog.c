/* td-tour-product-dialog.c: a new tour product with its itinerary
 *
 * The product's code, name, days, what is included, its prices by age,
 * and its day-by-day itinerary (each item with its supplier and cost),
 * written together in a worker thread. The deposit and cancellation rules
 * are the product defaults (td_tour_product_new()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-tour-product-dialog.h"
#include "td-utils.h"

struct _TdTourProductDialog
{
  AdwWindow      parent_instance;

  AdwEntryRow   *code_row;
  AdwEntryRow   *name_row;
  GtkSpinButton *days_spin;
  AdwEntryRow   *included_row;
  AdwEntryRow   *excluded_row;
  AdwEntryRow   *adult_row;
  AdwEntryRow   *child_row;
  AdwEntryRow   *infant_row;
  AdwEntryRow   *senior_row;
  AdwEntryRow   *single_row;
  GtkListBox    *item_list;
  GtkSpinButton *item_day_spin;
  GtkDropDown   *type_dropdown;
  AdwEntryRow   *item_title_row;
  AdwEntryRow   *supplier_row;
  AdwEntryRow   *cost_row;
  GtkSwitch     *per_group_switch;
  GtkLabel      *error_label;

  TdDatabase    *database;
  char          *currency;
  GPtrArray     *items;        /* TdTourItem*, product_id unset */
  gboolean       saving;
};

G_DEFINE_FINAL_TYPE (TdTourProductDialog, td_tour_product_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* an amount of the workspace's currency; empty: FALSE and no error */
static gboolean
read_money (TdTourProductDialog  *self,
            AdwEntryRow          *row,
            TdMoney              *money,
            GError              **error)
{
  g_autofree char *text = row_text (row);
  g_autoptr(GError) local_error = NULL;

  if (*text == '\0')
    return FALSE;
  if (!td_money_parse (text, self->currency, money, &local_error))
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID, "%s: %s",
                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
show_items (TdTourProductDialog *self)
{
  GtkListBoxRow *old;

  /* the rows, not the placeholder */
  while ((old = gtk_list_box_get_row_at_index (self->item_list, 0)) != NULL)
    gtk_list_box_remove (self->item_list, GTK_WIDGET (old));
  for (guint i = 0; i < self->items->len; i++)
    {
      TdTourItem *item = g_ptr_array_index (self->items, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Day %u · %s"), item->day, item->title);
      g_autoptr(GString) subtitle = g_string_new (td_tour_item_type_get_title (item->type));

      if (item->supplier)
        g_string_append_printf (subtitle, " · %s", item->supplier);
      if (item->has_cost)
        {
          g_autofree char *cost = td_money_format (&item->cost);

          g_string_append_printf (subtitle, item->cost_per_group ? _(" · %s the group") : _(" · %s a person"), cost);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_list_box_append (self->item_list, row);
    }
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TdTourProductDialog *self = TD_TOUR_PRODUCT_DIALOG (widget);
  g_autofree char *title = row_text (self->item_title_row);
  g_autofree char *supplier = row_text (self->supplier_row);
  g_autoptr(GError) error = NULL;
  TdTourItem *item;
  guint day = (guint) gtk_spin_button_get_value_as_int (self->item_day_spin);
  guint days = (guint) gtk_spin_button_get_value_as_int (self->days_spin);
  TdMoney cost;
  gboolean has_cost;

  if (*title == '\0')
    {
      gtk_label_set_text (self->error_label, _("Say what the itinerary item is: its service."));
      return;
    }
  if (day > days)
    {
      g_autofree char *message = g_strdup_printf (_("Day %u is after the last day (%u)."), day, days);

      gtk_label_set_text (self->error_label, message);
      return;
    }
  has_cost = read_money (self, self->cost_row, &cost, &error);
  if (error)
    {
      gtk_label_set_text (self->error_label, error->message);
      return;
    }
  item = g_new0 (TdTourItem, 1);
  item->day = day;
  item->position = self->items->len;
  item->type = (TdTourItemType) MIN (gtk_drop_down_get_selected (self->type_dropdown), TD_ITEM_TEXT);
  item->title = g_steal_pointer (&title);
  item->supplier = *supplier ? g_steal_pointer (&supplier) : NULL;
  item->has_cost = has_cost;
  item->cost = cost;
  item->cost_per_group = gtk_switch_get_active (self->per_group_switch);
  g_ptr_array_add (self->items, item);
  gtk_label_set_text (self->error_label, "");
  gtk_editable_set_text (GTK_EDITABLE (self->item_title_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->cost_row), "");
  show_items (self);
}

/* ------------------------------------------------------------------ */
/* saving                                                             */

typedef struct {
  TdTourProduct *product;
  GPtrArray     *items;
} SaveData;

static void
save_data_free (SaveData *d)
{
  td_tour_product_free (d->product);
  g_ptr_array_unref (d->items);
  g_free (d);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *d = task_data;
  GError *error = NULL;

  if (!td_tour_product_save (source_object, NULL, d->product, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!td_tour_items_save (source_object, NULL, d->product->id, d->items, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_strdup (d->product->id), g_free);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdTourProductDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);

  self->saving = FALSE;
  if (id == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdTourProductDialog *self = TD_TOUR_PRODUCT_DIALOG (widget);
  g_autoptr(TdTourProduct) product = td_tour_product_new ();
  g_autoptr(GError) error = NULL;
  AdwEntryRow *price_rows[TD_PAX_N_TYPES] = {
    [TD_PAX_ADULT] = self->adult_row, [TD_PAX_CHILD] = self->child_row,
    [TD_PAX_INFANT] = self->infant_row, [TD_PAX_SENIOR] = self->senior_row,
  };
  SaveData *d;

  if (self->saving)
    return;
  product->code = row_text (self->code_row);
  product->name = row_text (self->name_row);
  product->days = (guint) gtk_spin_button_get_value_as_int (self->days_spin);
  product->included = row_text (self->included_row);
  product->excluded = row_text (self->excluded_row);
  for (guint t = 0; t < TD_PAX_N_TYPES; t++)
    {
      product->has_price[t] = read_money (self, price_rows[t], &product->prices[t], &error);
      if (error)
        {
          gtk_label_set_text (self->error_label, error->message);
          return;
        }
    }
  if (!product->has_price[TD_PAX_ADULT])
    {
      gtk_label_set_text (self->error_label, _("A tour product needs an adult price"));
      return;
    }
  product->has_single_supplement = read_money (self, self->single_row, &product->single_supplement, &error);
  if (error)
    {
      gtk_label_set_text (self->error_label, error->message);
      return;
    }
  for (guint i = 0; i < self->items->len; i++)
    if (((TdTourItem *) g_ptr_array_index (self->items, i))->day > product->days)
      {
        gtk_label_set_text (self->error_label, _("An itinerary item is after the last day: add days or remove it."));
        return;
      }
  d = g_new0 (SaveData, 1);
  d->product = g_steal_pointer (&product);
  d->items = g_ptr_array_ref (self->items);
  self->saving = TRUE;
  td_run_in_thread (self->database, NULL, save_action, d, (GDestroyNotify) save_data_free,
                    save_thread, save_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */

guint
td_tour_product_dialog_get_n_items (TdTourProductDialog *self)
{
  g_return_val_if_fail (TD_IS_TOUR_PRODUCT_DIALOG (self), 0);
  return self->items->len;
}

const char *
td_tour_product_dialog_get_error (TdTourProductDialog *self)
{
  g_return_val_if_fail (TD_IS_TOUR_PRODUCT_DIALOG (self), NULL);
  return gtk_label_get_text (self->error_label);
}

static void
td_tour_product_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_TOUR_PRODUCT_DIALOG);
  G_OBJECT_CLASS (td_tour_product_dialog_parent_class)->dispose (object);
}

static void
td_tour_product_dialog_finalize (GObject *object)
{
  TdTourProductDialog *self = TD_TOUR_PRODUCT_DIALOG (object);

  g_clear_object (&self->database);
  g_free (self->currency);
  g_ptr_array_unref (self->items);
  G_OBJECT_CLASS (td_tour_product_dialog_parent_class)->finalize (object);
}

static void
td_tour_product_dialog_class_init (TdTourProductDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_tour_product_dialog_dispose;
  object_class->finalize = td_tour_product_dialog_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "product.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "product.add-item", NULL, add_item_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-tour-product-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, days_spin);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, included_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, excluded_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, adult_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, child_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, infant_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, senior_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, single_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, item_list);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, item_day_spin);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, item_title_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, supplier_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, cost_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, per_group_switch);
  gtk_widget_class_bind_template_child (widget_class, TdTourProductDialog, error_label);
}

static void
td_tour_product_dialog_init (TdTourProductDialog *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GtkWidget *empty = gtk_label_new (_("No items yet: add them below, day by day"));

  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_item_free);
  for (guint t = 0; t < TD_ITEM_N_TYPES; t++)
    gtk_string_list_append (types, td_tour_item_type_get_title (t));
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (types));
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_list_box_set_placeholder (self->item_list, empty);
}

GtkWidget *
td_tour_product_dialog_new (GtkWindow  *parent,
                            TdDatabase *database)
{
  TdTourProductDialog *self = g_object_new (TD_TYPE_TOUR_PRODUCT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *currency = td_database_dup_setting (database, TD_SETTING_CURRENCY);

  self->database = g_object_ref (database);
  self->currency = g_strdup (currency && td_currency_is_valid (currency) ? currency : TD_DEFAULT_CURRENCY);
  return GTK_WIDGET (self);
}
