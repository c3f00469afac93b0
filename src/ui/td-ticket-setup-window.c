/* td-ticket-setup-window.c: an attraction's own time slots and prices
 *
 * The attraction from the header's drop-down (every attraction of the
 * workspace, searchable); its price per ticket type; time slots added for
 * a range of days and some weekdays at once (td-ticket-setup.h). Reading
 * and writing run in a worker thread; a refusal is shown above the form
 * in the core's words, and what was typed stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-date-range.h"
#include "td-place-dialog.h"
#include "td-poi-query.h"
#include "td-ticket-setup-window.h"
#include "td-ticket-setup.h"
#include "td-tickets.h"
#include "td-time.h"
#include "td-utils.h"

struct _TdTicketSetupWindow
{
  AdwWindow            parent_instance;

  GtkDropDown         *attraction_dropdown;
  GtkWidget           *add_place_button;
  GtkWidget           *first_place_button;
  AdwToastOverlay     *toasts;
  GtkStack            *stack;
  AdwPreferencesGroup *problem_group;
  GtkLabel            *problem_label;
  AdwPreferencesGroup *prices_group;
  GtkWidget           *save_prices_button;
  GtkWidget           *add_slots_button;
  AdwEntryRow         *from_row;
  AdwEntryRow         *to_row;
  GtkBox              *weekdays_box;
  AdwEntryRow         *times_row;
  GtkSpinButton       *capacity_spin;

  AdwEntryRow         *price_rows[TD_TICKET_N_TYPES];
  GtkToggleButton     *weekday_buttons[7];

  TdDatabase          *database;
  GCancellable        *cancellable;
  GPtrArray           *attractions;  /* TdPoi*, as in the drop-down */
  char                *poi_id;       /* the one shown */
  gboolean             updating;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (TdTicketSetupWindow, td_ticket_setup_window, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* work in a worker thread                                            */

typedef enum {
  OP_LOAD,
  OP_SAVE_PRICES,
  OP_ADD_SLOTS,
} OpKind;

typedef struct {
  OpKind     kind;
  char      *poi_id;                      /* NULL: the first attraction */
  char      *prices[TD_TICKET_N_TYPES];   /* OP_SAVE_PRICES: as typed, "" for none */
  char      *currency;
  guint32    first, last;                 /* OP_ADD_SLOTS */
  guint      weekdays;
  char      *times;
  gint64     capacity;
  /* results */
  guint      added, skipped;
  GPtrArray *attractions;                 /* TdPoi* */
  GPtrArray *price_list;                  /* TdTicketPrice* */
} Op;

static void
op_free (Op *op)
{
  g_free (op->poi_id);
  for (guint i = 0; i < TD_TICKET_N_TYPES; i++)
    g_free (op->prices[i]);
  g_free (op->currency);
  g_free (op->times);
  g_clear_pointer (&op->attractions, g_ptr_array_unref);
  g_clear_pointer (&op->price_list, g_ptr_array_unref);
  g_free (op);
}

/* A price removed: its record deleted, so the type is no longer sold. */
static gboolean
remove_price (TdDatabase     *db,
              TdTicketPrice  *price,
              GError        **error)
{
  g_autoptr(JsonObject) record = td_database_get_record (db, "ticket_type", price->id, error);
  g_autoptr(GPtrArray) changes = NULL;

  if (record == NULL)
    return FALSE;
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_ptr_array_add (changes, td_change_new_delete ("ticket_type", price->id,
                                                  json_object_get_int_member (record, "revision")));
  return td_database_commit (db, NULL, changes, error);
}

static gboolean
save_prices (Op          *op,
             TdDatabase  *db,
             GError     **error)
{
  g_autoptr(GPtrArray) before = td_tickets_list_prices (db, op->poi_id, error);

  if (before == NULL)
    return FALSE;
  /* every typed price read first: nothing is saved when one is wrong */
  for (guint t = 0; t < TD_TICKET_N_TYPES; t++)
    {
      TdMoney price;
      g_autoptr(GError) local = NULL;

      if (*op->prices[t] != '\0' && !td_money_parse (op->prices[t], op->currency, &price, &local))
        {
          /* Translators: a ticket type (Adult), then why its price cannot be read */
          g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID, _("%s: %s"),
                       td_ticket_type_get_label ((TdTicketType) t), local->message);
          return FALSE;
        }
    }
  for (guint t = 0; t < TD_TICKET_N_TYPES; t++)
    {
      TdTicketPrice *old = NULL;
      TdMoney price;

      for (guint i = 0; i < before->len; i++)
        if (((TdTicketPrice *) g_ptr_array_index (before, i))->type == (TdTicketType) t)
          old = g_ptr_array_index (before, i);
      if (*op->prices[t] == '\0')
        {
          if (old && !remove_price (db, old, error))
            return FALSE;
          continue;
        }
      td_money_parse (op->prices[t], op->currency, &price, NULL);
      if (old && old->price.minor == price.minor && g_str_equal (old->price.currency, price.currency))
        continue;
      if (!td_tickets_set_price (db, NULL, op->poi_id, (TdTicketType) t, &price, error))
        return FALSE;
    }
  return TRUE;
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  TdDatabase *db = source_object;
  Op *op = task_data;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (op->kind == OP_SAVE_PRICES)
    ok = save_prices (op, db, &error);
  else if (op->kind == OP_ADD_SLOTS)
    ok = td_ticket_slots_add_range (db, NULL, op->poi_id, op->first, op->last, op->weekdays,
                                    op->times, op->capacity, &op->added, &op->skipped, &error);
  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  all = td_poi_query_all (db, &error);
  if (all == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  op->attractions = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);
  for (guint i = 0; i < all->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (all, i);

      if (poi->category == TD_POI_ATTRACTION)
        g_ptr_array_add (op->attractions, td_poi_ref (poi));
    }
  if (op->poi_id == NULL && op->attractions->len > 0)
    op->poi_id = g_strdup (((TdPoi *) g_ptr_array_index (op->attractions, 0))->id);
  if (op->poi_id)
    {
      op->price_list = td_tickets_list_prices (db, op->poi_id, &error);
      if (op->price_list == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void op_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);

static void
set_busy (TdTicketSetupWindow *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->save_prices_button, !busy);
  gtk_widget_set_sensitive (self->add_slots_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attraction_dropdown), !busy);
}

/* takes op */
static void
start_op (TdTicketSetupWindow *self,
          Op                  *op)
{
  g_autoptr(GTask) task = g_task_new (self->database, self->cancellable, op_done_cb, g_object_ref (self));

  if (op->poi_id == NULL)
    op->poi_id = g_strdup (self->poi_id);
  set_busy (self, TRUE);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_run_in_thread (task, op_thread);
}

static Op *
op_new (OpKind kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  return op;
}

/* ------------------------------------------------------------------ */
/* showing                                                            */

static void
show_problem (TdTicketSetupWindow *self,
              const char          *message)
{
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_group), message != NULL);
}

static void
show_attractions (TdTicketSetupWindow *self,
                  GPtrArray           *attractions,
                  const char          *selected)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint position = GTK_INVALID_LIST_POSITION;

  g_clear_pointer (&self->attractions, g_ptr_array_unref);
  self->attractions = g_ptr_array_ref (attractions);
  for (guint i = 0; i < attractions->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (attractions, i);

      gtk_string_list_append (names, poi->name);
      if (g_strcmp0 (poi->id, selected) == 0)
        position = i;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->attraction_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->attraction_dropdown, position);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->attraction_dropdown), attractions->len > 0);
}

static void
show_prices (TdTicketSetupWindow *self,
             GPtrArray           *prices)
{
  for (guint t = 0; t < TD_TICKET_N_TYPES; t++)
    {
      g_autofree char *text = NULL;

      for (guint i = 0; prices && i < prices->len; i++)
        {
          TdTicketPrice *price = g_ptr_array_index (prices, i);

          if (price->type == (TdTicketType) t)
            text = td_money_to_decimal (&price->price);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->price_rows[t]), text ? text : "");
    }
}

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TdTicketSetupWindow) self = user_data;
  Op *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "loading"))
        gtk_stack_set_visible_child_name (self->stack, "form");
      show_problem (self, error->message);
      /* the form may be scrolled away from the message above it */
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  set_busy (self, FALSE);
  show_problem (self, NULL);

  g_free (self->poi_id);
  self->poi_id = g_strdup (op->poi_id);
  show_attractions (self, op->attractions, op->poi_id);
  gtk_stack_set_visible_child_name (self->stack, op->attractions->len > 0 ? "form" : "none");

  switch (op->kind)
    {
    case OP_LOAD:
      show_prices (self, op->price_list);
      break;
    case OP_SAVE_PRICES:
      show_prices (self, op->price_list);
      message = g_strdup (_("Prices saved"));
      break;
    case OP_ADD_SLOTS:
      if (op->skipped == 0)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u time slot", "Added %u time slots", op->added),
                                   op->added);
      else
        /* Translators: time slots added, then those the attraction had already */
        message = g_strdup_printf (_("Added %u time slots; %u were there already"), op->added, op->skipped);
      break;
    default:
      g_assert_not_reached ();
    }
  if (message)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
  if (op->kind != OP_LOAD)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* ------------------------------------------------------------------ */
/* the clerk's actions                                                */

static void
attraction_selected_cb (TdTicketSetupWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->attraction_dropdown);
  Op *op;

  if (self->updating || self->attractions == NULL || position >= self->attractions->len)
    return;
  op = op_new (OP_LOAD);
  op->poi_id = g_strdup (((TdPoi *) g_ptr_array_index (self->attractions, position))->id);
  show_problem (self, NULL);
  start_op (self, op);
}

static void
save_prices_cb (TdTicketSetupWindow *self)
{
  Op *op;

  if (self->busy || self->poi_id == NULL)
    return;
  op = op_new (OP_SAVE_PRICES);
  op->currency = td_database_dup_setting (self->database, TD_SETTING_CURRENCY);
  if (op->currency == NULL)
    op->currency = g_strdup (TD_DEFAULT_CURRENCY);
  for (guint t = 0; t < TD_TICKET_N_TYPES; t++)
    op->prices[t] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->price_rows[t]))));
  start_op (self, op);
}

static gboolean
read_day (TdTicketSetupWindow *self,
          AdwEntryRow         *row,
          guint32             *julian)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (td_date_parse_iso (text, julian, NULL))
    return TRUE;
  {
    /* Translators: the title of a date field, then what was typed in it */
    g_autofree char *message = g_strdup_printf (_("%s: “%s” is not a date; write it as 2026-12-01"),
                                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text);

    show_problem (self, message);
  }
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return FALSE;
}

static void
add_slots_cb (TdTicketSetupWindow *self)
{
  guint32 first, last;
  Op *op;

  if (self->busy || self->poi_id == NULL)
    return;
  if (!read_day (self, self->from_row, &first))
    return;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->to_row)) == '\0')
    last = first;
  else if (!read_day (self, self->to_row, &last))
    return;
  op = op_new (OP_ADD_SLOTS);
  op->first = first;
  op->last = last;
  op->weekdays = td_weekday_toggles_get (self->weekday_buttons);
  if (op->weekdays == 0)
    {
      show_problem (self, _("Choose at least one day of the week"));
      op_free (op);
      return;
    }
  op->times = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->times_row)));
  op->capacity = gtk_spin_button_get_value_as_int (self->capacity_spin);
  start_op (self, op);
}

static void
place_added_cb (TdTicketSetupWindow *self,
                const char          *id)
{
  Op *op = op_new (OP_LOAD);

  op->poi_id = g_strdup (id);
  start_op (self, op);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_place_cb (TdTicketSetupWindow *self)
{
  GtkWidget *dialog = td_place_dialog_new (GTK_WINDOW (self), self->database, TD_POI_ATTRACTION);

  g_signal_connect_object (dialog, "added", G_CALLBACK (place_added_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_ticket_setup_window_dispose (GObject *object)
{
  TdTicketSetupWindow *self = TD_TICKET_SETUP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (td_ticket_setup_window_parent_class)->dispose (object);
}

static void
td_ticket_setup_window_finalize (GObject *object)
{
  TdTicketSetupWindow *self = TD_TICKET_SETUP_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_pointer (&self->attractions, g_ptr_array_unref);
  g_free (self->poi_id);
  G_OBJECT_CLASS (td_ticket_setup_window_parent_class)->finalize (object);
}

static void
td_ticket_setup_window_class_init (TdTicketSetupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_ticket_setup_window_dispose;
  object_class->finalize = td_ticket_setup_window_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-ticket-setup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, attraction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, add_place_button);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, first_place_button);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, problem_group);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, prices_group);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, save_prices_button);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, add_slots_button);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, from_row);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, to_row);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, weekdays_box);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, times_row);
  gtk_widget_class_bind_template_child (widget_class, TdTicketSetupWindow, capacity_spin);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_ticket_setup_window_init (TdTicketSetupWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  for (guint t = 0; t < TD_TICKET_N_TYPES; t++)
    {
      AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
      g_autofree char *name = g_strdup_printf ("tickets-price-%s", td_ticket_type_to_string ((TdTicketType) t));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), td_ticket_type_get_label ((TdTicketType) t));
      gtk_widget_set_name (GTK_WIDGET (row), name);
      adw_preferences_group_add (self->prices_group, GTK_WIDGET (row));
      self->price_rows[t] = row;
    }
  td_weekday_toggles_add (self->weekdays_box, "tickets-day", self->weekday_buttons);

  g_signal_connect_swapped (self->attraction_dropdown, "notify::selected", G_CALLBACK (attraction_selected_cb), self);
  g_signal_connect_swapped (self->save_prices_button, "clicked", G_CALLBACK (save_prices_cb), self);
  g_signal_connect_swapped (self->add_slots_button, "clicked", G_CALLBACK (add_slots_cb), self);
  g_signal_connect_swapped (self->add_place_button, "clicked", G_CALLBACK (add_place_cb), self);
  g_signal_connect_swapped (self->first_place_button, "clicked", G_CALLBACK (add_place_cb), self);
  g_signal_connect_swapped (self->times_row, "entry-activated", G_CALLBACK (add_slots_cb), self);
}

GtkWidget *
td_ticket_setup_window_new (GtkWindow  *parent,
                            TdDatabase *database)
{
  TdTicketSetupWindow *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  self = g_object_new (TD_TYPE_TICKET_SETUP_WINDOW, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  {
    /* from today in the workspace's time zone, for a month */
    g_autofree char *zone = td_database_dup_setting (database, TD_SETTING_TIME_ZONE);
    guint32 today = td_today_julian (zone ? zone : TD_DEFAULT_TIME_ZONE);
    g_autofree char *first = td_date_format_iso (today);
    g_autofree char *last = td_date_format_iso (today + 30);

    gtk_editable_set_text (GTK_EDITABLE (self->from_row), first);
    gtk_editable_set_text (GTK_EDITABLE (self->to_row), last);
  }
  start_op (self, op_new (OP_LOAD));
  return GTK_WIDGET (self);
}
