/* td-tickets-page.c: the tickets area (see the header)
 *
 * Everything that reads or writes the workspace runs in a GTask thread:
 * the attractions, a day's slots and prices, a sale, a check of a code,
 * a voucher written to a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "td-area.h"
#include "td-print.h"
#include "td-ticket-voucher.h"
#include "td-tickets-page.h"
#include "td-window.h"
#include "td-sync-controller.h"
#include "td-catalogue-client.h"

struct _TdTicketsPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  AdwToastOverlay *toasts;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  AdwStatusPage   *error_page;
  AdwComboRow     *attraction_row;
  AdwActionRow    *date_row;
  GtkLabel        *date_label;
  GtkButton       *previous_day;
  GtkButton       *next_day;
  AdwPreferencesGroup *slots_group;
  GtkListBox      *slot_list;
  AdwComboRow     *type_row;
  GtkSpinButton   *count_spin;
  AdwEntryRow     *holder_row;
  GtkLabel        *total_label;
  GtkButton       *sell_button;
  AdwPreferencesGroup *sold_group;
  GtkListBox      *sold_list;
  GtkButton       *print_button;
  GtkButton       *save_button;
  GtkEntry        *code_entry;
  GtkWidget       *result_box;
  GtkImage        *result_icon;
  GtkLabel        *result_title;
  GtkLabel        *result_detail;
  AdwPreferencesGroup *day_group;
  GtkListBox      *day_list;

  TdDatabase      *database;
  GCancellable    *cancellable;   /* the load under way */
  GPtrArray       *attractions;   /* TdPoi */
  char            *wanted_id;     /* to select once the attractions are in */
  GtkStringList   *attraction_names;
  GtkStringList   *type_names;
  guint32          date;          /* Julian day */
  GPtrArray       *slots;         /* TdSlot of the attraction on date */
  GPtrArray       *prices;        /* TdTicketPrice */
  GPtrArray       *sold;          /* TdTicket of the last sale */
  int              verdict;
  char            *last_message;
  gboolean         busy;          /* a sale under way */
  gboolean         checking;
  char            *kept_slot;     /* the start of the slot chosen */
};

static void td_area_iface_init (TdAreaInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdTicketsPage, td_tickets_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_AREA, td_area_iface_init))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_LOADING,
};

static void load_day (TdTicketsPage *self);

static void
toast (TdTicketsPage *self,
       const char    *message)
{
  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static TdPoi *
current_attraction (TdTicketsPage *self)
{
  guint i = adw_combo_row_get_selected (self->attraction_row);

  if (self->attractions == NULL || i >= self->attractions->len)
    return NULL;
  return g_ptr_array_index (self->attractions, i);
}

static TdSlot *
current_slot (TdTicketsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->slot_list);
  int i = row ? gtk_list_box_row_get_index (row) : -1;

  if (self->slots == NULL || i < 0 || (guint) i >= self->slots->len)
    return NULL;
  return g_ptr_array_index (self->slots, i);
}

static TdTicketPrice *
current_price (TdTicketsPage *self)
{
  guint i = adw_combo_row_get_selected (self->type_row);

  if (self->prices == NULL || i >= self->prices->len)
    return NULL;
  return g_ptr_array_index (self->prices, i);
}

static void
update_sell_state (TdTicketsPage *self)
{
  TdSlot *slot = current_slot (self);

  if (slot)
    {
      g_free (self->kept_slot);
      self->kept_slot = g_strdup (slot->start_time);
    }
  TdTicketPrice *price = current_price (self);
  guint count = (guint) gtk_spin_button_get_value_as_int (self->count_spin);

  if (price)
    {
      TdMoney total;
      g_autofree char *text = NULL;

      if (td_money_multiply (&price->price, count, &total, NULL))
        {
          g_autofree char *amount = td_money_format (&total);

          /* Translators: the total of a sale: the count, the amount */
          text = g_strdup_printf (ngettext ("%u ticket: %s", "%u tickets: %s", count), count, amount);
        }
      gtk_label_set_text (self->total_label, text ? text : "");
    }
  else
    gtk_label_set_text (self->total_label, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->sell_button),
                            !self->busy && slot && price && td_slot_get_available (slot) >= count);
}

/* ------------------------------------------------------------------ */
/* the date                                                           */

static void
show_date (TdTicketsPage *self)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, self->date);
  when = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  /* Translators: the day tickets are sold for, in g_date_time_format()
   * syntax; in Chinese for example "%Y年%-m月%-d日 %a" */
  text = g_date_time_format (when, C_("tickets date", "%a %-d %b %Y"));
  gtk_label_set_text (self->date_label, text);
}

static void
previous_day_clicked (TdTicketsPage *self)
{
  g_autofree char *zone = self->database ? td_database_dup_setting (self->database, TD_SETTING_TIME_ZONE) : NULL;

  /* sales are for today onwards */
  if (self->date > td_today_julian (zone))
    self->date--;
  show_date (self);
  load_day (self);
}

static void
next_day_clicked (TdTicketsPage *self)
{
  self->date++;
  show_date (self);
  load_day (self);
}

/* ------------------------------------------------------------------ */
/* a day's slots and prices                                           */

typedef struct {
  char      *poi_id;
  char      *date;
  GPtrArray *slots;
  GPtrArray *prices;
  GPtrArray *tickets;   /* TdTicket of the attraction on date */
} Day;

static void
day_free (Day *day)
{
  g_free (day->poi_id);
  g_free (day->date);
  g_clear_pointer (&day->slots, g_ptr_array_unref);
  g_clear_pointer (&day->prices, g_ptr_array_unref);
  g_clear_pointer (&day->tickets, g_ptr_array_unref);
  g_free (day);
}

static void
day_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  TdDatabase *db = source_object;
  Day *day = task_data;
  GError *error = NULL;

  day->slots = td_tickets_list_slots (db, day->poi_id, day->date, &error);
  if (day->slots)
    day->prices = td_tickets_list_prices (db, day->poi_id, &error);
  if (day->prices)
    {
      g_autoptr(GPtrArray) all = td_tickets_list (db, day->date, 2000, &error);

      if (all)
        {
          day->tickets = g_ptr_array_new_with_free_func ((GDestroyNotify) td_ticket_free);
          for (guint i = 0; i < all->len; i++)
            if (g_strcmp0 (((TdTicket *) g_ptr_array_index (all, i))->poi_id, day->poi_id) == 0)
              g_ptr_array_add (day->tickets, g_ptr_array_steal_index (all, i--));
        }
    }
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static GtkWidget *
slot_row_new (const TdSlot *slot)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *left = gtk_label_new (NULL);
  g_autofree char *title = NULL, *subtitle = NULL, *count = NULL;
  gint64 available = td_slot_get_available (slot);

  title = slot->end_time ? g_strdup_printf ("%s–%s", slot->start_time, slot->end_time) : g_strdup (slot->start_time);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (slot->quota_as_of)
    {
      g_autofree char *as_of = td_timestamp_format_local (slot->quota_as_of, NULL);

      /* Translators: the capacity of a time slot, then when the platform said what is left */
      subtitle = g_strdup_printf (_("%lld places · as of the sync at %s%s"), (long long) slot->capacity,
                                  as_of ? as_of : slot->quota_as_of,
                                  slot->offline_pending > 0 ? _(" · some sold offline") : "");
    }
  else
    subtitle = g_strdup_printf (_("%lld places"), (long long) slot->capacity);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  count = available > 0 ? g_strdup_printf (ngettext ("%lld left", "%lld left",
                                                      (gulong) available), (long long) available)
                        : g_strdup (_("Sold out"));
  gtk_label_set_text (GTK_LABEL (left), count);
  gtk_widget_add_css_class (left, "numeric");
  gtk_widget_add_css_class (left, available > 0 ? "success" : "error");
  if (available > 0 && available * 10 < slot->capacity)
    {
      gtk_widget_remove_css_class (left, "success");
      gtk_widget_add_css_class (left, "warning");
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), left);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), available > 0);
  gtk_widget_set_sensitive (row, available > 0);
  return row;
}

static void
show_day (TdTicketsPage *self)
{
  GtkWidget *child;
  guint selected_type = adw_combo_row_get_selected (self->type_row);
  g_autofree char *kept = g_strdup (self->kept_slot);
  TdSlot *first_open = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->slot_list))))
    gtk_list_box_remove (self->slot_list, child);
  for (guint i = 0; i < self->slots->len; i++)
    gtk_list_box_append (self->slot_list, slot_row_new (g_ptr_array_index (self->slots, i)));
  /* the slot chosen before, while it has places; else the first that has */
  for (guint i = 0; i < self->slots->len && first_open == NULL; i++)
    if (td_slot_get_available (g_ptr_array_index (self->slots, i)) > 0
        && g_strcmp0 (kept, ((TdSlot *) g_ptr_array_index (self->slots, i))->start_time) == 0)
      {
        first_open = g_ptr_array_index (self->slots, i);
        gtk_list_box_select_row (self->slot_list, gtk_list_box_get_row_at_index (self->slot_list, (int) i));
      }
  for (guint i = 0; i < self->slots->len && first_open == NULL; i++)
    if (td_slot_get_available (g_ptr_array_index (self->slots, i)) > 0)
      {
        first_open = g_ptr_array_index (self->slots, i);
        gtk_list_box_select_row (self->slot_list, gtk_list_box_get_row_at_index (self->slot_list, (int) i));
      }
  adw_preferences_group_set_description (self->slots_group,
                                         self->slots->len == 0 ? _("No time slots on this day.") : NULL);

  gtk_string_list_splice (self->type_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->type_names)), NULL);
  for (guint i = 0; i < self->prices->len; i++)
    {
      TdTicketPrice *price = g_ptr_array_index (self->prices, i);
      g_autofree char *amount = td_money_format (&price->price);
      g_autofree char *label = g_strdup_printf ("%s · %s", td_ticket_type_get_label (price->type), amount);

      gtk_string_list_append (self->type_names, label);
    }
  if (selected_type < self->prices->len)
    adw_combo_row_set_selected (self->type_row, selected_type);
  update_sell_state (self);
}

/* ------------------------------------------------------------------ */
/* the day's tickets, their state, voiding one                        */

static void void_clicked (GtkButton *button, TdTicketsPage *self);

/* what became of a ticket, in words, and the style to show it in */
static char *
describe_state (const TdTicket *ticket,
                const char    **style)
{
  const char *platform = td_ticket_get_platform_state (ticket);

  *style = NULL;
  if (g_str_equal (ticket->state, "used"))
    {
      g_autofree char *when = td_timestamp_format_local (ticket->used_at, NULL);

      *style = "dim-label";
      /* Translators: when a ticket was let in at the gate */
      return g_strdup_printf (_("Used at %s"), when ? when : ticket->used_at);
    }
  if (g_str_equal (ticket->state, "void"))
    {
      *style = "error";
      if (ticket->platform_refused)
        /* Translators: the platform's reason */
        return g_strdup_printf (_("Refused by the platform (%s): void"), ticket->platform_refused);
      if (ticket->refund.currency[0])
        {
          g_autofree char *back = td_money_format (&ticket->refund);

          /* Translators: why a ticket was voided, then the refund */
          return g_strdup_printf (_("Void: %s · %s refunded"), ticket->void_reason ? ticket->void_reason : "", back);
        }
      return g_strdup_printf (_("Void: %s"), ticket->void_reason ? ticket->void_reason : "");
    }
  if (g_str_equal (platform, "awaiting"))
    {
      *style = "warning";
      return g_strdup (_("Awaiting the platform’s confirmation"));
    }
  if (g_str_equal (platform, "confirmed"))
    {
      *style = "success";
      return g_strdup (_("Confirmed by the platform"));
    }
  *style = "accent";
  return g_strdup (_("Valid"));
}

static GtkWidget *
day_ticket_row_new (TdTicketsPage  *self,
                    const TdTicket *ticket)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *price = td_money_format (&ticket->price);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  const char *style = NULL;

  title = g_strdup_printf ("%s · %s · %s%s%s", ticket->start_time, td_ticket_type_get_label (ticket->type), price,
                           ticket->holder ? " · " : "", ticket->holder ? ticket->holder : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  text = describe_state (ticket, &style);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  gtk_widget_set_name (row, ticket->id);
  if (style)
    {
      GtkWidget *state = gtk_label_new ("●");

      gtk_widget_add_css_class (state, style);
      gtk_accessible_update_property (GTK_ACCESSIBLE (state), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), state);
    }
  if (g_str_equal (ticket->state, "sold"))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Void…"));
      g_autofree char *name = g_strdup_printf ("void-%s", ticket->code);

      gtk_widget_set_name (button, name);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Void this ticket and record a refund; its place is free again"));
      g_object_set_data_full (G_OBJECT (button), "ticket", g_strdup (ticket->id), g_free);
      g_object_set_data_full (G_OBJECT (button), "price", g_strdup (price), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (void_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
show_day_tickets (TdTicketsPage *self,
                  GPtrArray     *tickets)
{
  GtkWidget *child;
  guint awaiting = 0, refused = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->day_list))))
    gtk_list_box_remove (self->day_list, child);
  for (guint i = 0; tickets && i < tickets->len; i++)
    {
      TdTicket *ticket = g_ptr_array_index (tickets, i);
      const char *platform = td_ticket_get_platform_state (ticket);

      awaiting += g_str_equal (ticket->state, "sold") && g_str_equal (platform, "awaiting");
      refused += g_str_equal (platform, "refused");
      gtk_list_box_append (self->day_list, day_ticket_row_new (self, ticket));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->day_group), tickets && tickets->len > 0);
  if (awaiting || refused)
    {
      g_autofree char *a = g_strdup_printf (ngettext ("%u awaiting the platform’s confirmation",
                                                      "%u awaiting the platform’s confirmation", awaiting), awaiting);
      g_autofree char *r = g_strdup_printf (ngettext ("%u refused by the platform", "%u refused by the platform",
                                                      refused), refused);
      g_autofree char *both = refused && awaiting ? g_strdup_printf ("%s · %s", a, r) : g_strdup (refused ? r : a);

      adw_preferences_group_set_description (self->day_group, both);
    }
  else
    adw_preferences_group_set_description (self->day_group, NULL);
}

typedef struct {
  char    *id;
  char    *reason;
  gboolean has_refund;
  TdMoney  refund;
} VoidData;

static void
void_data_free (VoidData *data)
{
  g_free (data->id);
  g_free (data->reason);
  g_free (data);
}

static void
void_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  VoidData *data = task_data;
  GError *error = NULL;
  TdTicket *ticket = td_tickets_void (source_object, NULL, data->id, data->reason,
                                      data->has_refund ? &data->refund : NULL, &error);

  if (ticket == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ticket, (GDestroyNotify) td_ticket_free);
}

static void
voided (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(TdTicketsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTicket) ticket = g_task_propagate_pointer (G_TASK (result), &error);

  if (ticket == NULL)
    {
      toast (self, error->message);
      return;
    }
  toast (self, ticket->platform_booking_id
               ? _("Ticket voided: the platform gets its place back at the next sync")
               : _("Ticket voided: its place is free again"));
  load_day (self);
}

static void
void_response (AdwMessageDialog *dialog,
               const char       *response,
               TdTicketsPage    *self)
{
  AdwEntryRow *reason_row = g_object_get_data (G_OBJECT (dialog), "reason");
  AdwEntryRow *refund_row = g_object_get_data (G_OBJECT (dialog), "refund");
  g_autofree char *reason = NULL, *refund = NULL, *currency = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  VoidData *data;

  if (!g_str_equal (response, "void") || self->database == NULL)
    return;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (reason_row))));
  refund = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (refund_row))));
  data = g_new0 (VoidData, 1);
  data->id = g_strdup (g_object_get_data (G_OBJECT (dialog), "ticket"));
  data->reason = g_steal_pointer (&reason);
  if (*refund)
    {
      currency = td_database_dup_setting (self->database, TD_SETTING_CURRENCY);
      if (!td_money_parse (refund, currency ? currency : "CNY", &data->refund, &error))
        {
          /* Translators: why the refund typed cannot be read */
          g_autofree char *message = g_strdup_printf (_("Refund: %s"), error->message);

          toast (self, message);
          void_data_free (data);
          return;
        }
      data->has_refund = TRUE;
    }
  task = g_task_new (self->database, NULL, voided, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) void_data_free);
  g_task_run_in_thread (task, void_thread);
}

static void
void_reason_changed (GtkEditable      *reason,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "void", *text != '\0');
}

static void
void_clicked (GtkButton     *button,
              TdTicketsPage *self)
{
  GtkWidget *dialog, *box, *reason, *refund;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Void This Ticket?"),
                                   _("It can no longer be used; its place is free again. Say why, and what was refunded."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "void", _("_Void Ticket"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "void", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "void", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  reason = adw_entry_row_new ();
  gtk_widget_set_name (reason, "void-reason");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason"));
  refund = adw_entry_row_new ();
  gtk_widget_set_name (refund, "void-refund");
  {
    /* Translators: the ticket's price, as the most that can be refunded */
    g_autofree char *title = g_strdup_printf (_("Refund (up to %s)"), (const char *) g_object_get_data (G_OBJECT (button), "price"));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (refund), title);
  }
  gtk_list_box_append (GTK_LIST_BOX (box), reason);
  gtk_list_box_append (GTK_LIST_BOX (box), refund);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data_full (G_OBJECT (dialog), "ticket", g_strdup (g_object_get_data (G_OBJECT (button), "ticket")), g_free);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "refund", refund);
  g_signal_connect (reason, "changed", G_CALLBACK (void_reason_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (void_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
day_loaded (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TdTicketsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Day *day = g_task_get_task_data (G_TASK (result));
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* a newer load (or none) replaced this one */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  td_area_set_loading (TD_AREA (self), &self->cancellable, NULL, self->spinner);
  if (!ok)
    {
      td_area_show_error (self->stack, self->error_page, error);
      return;
    }
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->prices, g_ptr_array_unref);
  self->slots = g_steal_pointer (&day->slots);
  self->prices = g_steal_pointer (&day->prices);
  show_day (self);
  show_day_tickets (self, day->tickets);
  gtk_stack_set_visible_child_name (self->stack, "main");
}

static void
load_day (TdTicketsPage *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  TdPoi *poi = current_attraction (self);
  Day *day;

  if (self->database == NULL || poi == NULL)
    return;
  cancellable = g_cancellable_new ();
  td_area_set_loading (TD_AREA (self), &self->cancellable, cancellable, self->spinner);
  day = g_new0 (Day, 1);
  day->poi_id = g_strdup (poi->id);
  day->date = td_date_format_iso (self->date);
  task = g_task_new (self->database, cancellable, day_loaded, g_object_ref (self));
  g_task_set_task_data (task, day, (GDestroyNotify) day_free);
  g_task_run_in_thread (task, day_thread);
}

/* ------------------------------------------------------------------ */
/* the attractions                                                    */

static void
attractions_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *attractions = td_tickets_list_attractions (source_object, &error);

  if (attractions)
    g_task_return_pointer (task, attractions, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
attractions_loaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TdTicketsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attractions = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *keep = NULL;
  gboolean wanted = FALSE, found = FALSE;
  guint selected = 0;

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  td_area_set_loading (TD_AREA (self), &self->cancellable, NULL, self->spinner);
  if (attractions == NULL)
    {
      td_area_show_error (self->stack, self->error_page, error);
      return;
    }
  if (self->wanted_id)
    {
      keep = g_steal_pointer (&self->wanted_id);
      wanted = TRUE;
    }
  else if (current_attraction (self))
    keep = g_strdup (current_attraction (self)->id);
  g_clear_pointer (&self->attractions, g_ptr_array_unref);
  self->attractions = g_steal_pointer (&attractions);
  gtk_string_list_splice (self->attraction_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->attraction_names)), NULL);
  for (guint i = 0; i < self->attractions->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (self->attractions, i);

      gtk_string_list_append (self->attraction_names, poi->name);
      if (keep && g_str_equal (keep, poi->id))
        {
          selected = i;
          found = TRUE;
        }
    }
  if (wanted && !found)
    /* from the map: an attraction whose tickets the desk does not sell */
    toast (self, _("No tickets for that attraction: the platform’s catalogue has no time slots for it yet."));
  if (self->attractions->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (adw_combo_row_get_selected (self->attraction_row) != selected)
    adw_combo_row_set_selected (self->attraction_row, selected);  /* loads the day */
  else
    load_day (self);
}

static void
td_tickets_page_refresh (TdArea *area)
{
  TdTicketsPage *self = TD_TICKETS_PAGE (area);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;

  if (self->database == NULL)
    {
      td_area_set_loading (area, &self->cancellable, NULL, self->spinner);
      return;
    }
  if (self->attractions == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  cancellable = g_cancellable_new ();
  td_area_set_loading (area, &self->cancellable, cancellable, self->spinner);
  task = g_task_new (self->database, cancellable, attractions_loaded, g_object_ref (self));
  g_task_run_in_thread (task, attractions_thread);
}

static void
attraction_changed (TdTicketsPage *self)
{
  load_day (self);
}

/* ------------------------------------------------------------------ */
/* selling                                                            */

typedef struct {
  char         *poi_id;
  char         *date;
  char         *start_time;
  TdTicketType  type;
  guint         count;
  char         *holder;   /* as typed */
  gboolean      offline;
} SaleData;

static void
sale_data_free (SaleData *sale)
{
  g_free (sale->poi_id);
  g_free (sale->date);
  g_free (sale->start_time);
  g_free (sale->holder);
  g_free (sale);
}

/* the holder typed: the one customer it names (NULL: none typed) */
static void
holder_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TdDatabase *db = source_object;
  SaleData *data = task_data;
  g_autoptr(GPtrArray) hits = NULL;
  GError *error = NULL;

  if (data->holder == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  hits = td_customer_search (db, data->holder, 2, &error);
  if (hits == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (hits->len != 1)
    {
      g_task_return_new_error (task, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND,
                               hits->len == 0 ? _("No customer matches “%s”: check the name or phone")
                                              : _("Several customers match “%s”: type more of the name, or the phone"),
                               data->holder);
      return;
    }
  g_task_return_pointer (task, g_strdup (((TdCustomerHit *) g_ptr_array_index (hits, 0))->id), g_free);
}

static GtkWidget *
sold_row_new (const TdTicket *ticket)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL, *subtitle = NULL, *price = td_money_format (&ticket->price);

  title = g_strdup_printf ("%s · %s", td_ticket_type_get_label (ticket->type), price);
  subtitle = g_strdup_printf ("%.24s…%s%s", ticket->code, ticket->holder ? " · " : "", ticket->holder ? ticket->holder : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (ticket->offline)
    {
      GtkWidget *mark = gtk_label_new (_("Awaiting confirmation"));

      gtk_widget_add_css_class (mark, "dim-label");
      gtk_widget_set_tooltip_text (mark, _("Sold against the platform’s quota of the last sync; "
                                           "reported to the platform at the next sync"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
    }
  return row;
}

static void
sold (GObject      *object,
      GAsyncResult *result,
      gpointer      user_data)
{
  g_autoptr(TdTicketsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets = td_catalogue_client_sell_finish (result, &error);
  g_autofree char *message = NULL;
  GtkWidget *child;

  self->busy = FALSE;
  if (tickets == NULL)
    {
      toast (self, error->message);
      load_day (self);
      return;
    }
  g_clear_pointer (&self->sold, g_ptr_array_unref);
  self->sold = g_ptr_array_ref (tickets);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sold_list))))
    gtk_list_box_remove (self->sold_list, child);
  for (guint i = 0; i < tickets->len; i++)
    gtk_list_box_append (self->sold_list, sold_row_new (g_ptr_array_index (tickets, i)));
  {
    TdTicket *first = g_ptr_array_index (tickets, 0);
    g_autofree char *title = g_strdup_printf (ngettext ("%u ticket sold: %s, %s %s", "%u tickets sold: %s, %s %s",
                                                        tickets->len),
                                              tickets->len, first->attraction, first->date, first->start_time);

    adw_preferences_group_set_description (self->sold_group, title);
    message = g_strdup (title);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->sold_group), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->holder_row), "");
  gtk_spin_button_set_value (self->count_spin, 1);
  toast (self, message);
  load_day (self);
}

/* signed in with the platform: its client, which sells there first */
static TdCatalogueClient *
platform_client (TdTicketsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TdSyncController *sync;

  if (!TD_IS_WINDOW (root))
    return NULL;
  sync = td_window_get_sync_controller (TD_WINDOW (root));
  return sync ? td_sync_controller_get_catalogue (sync) : NULL;
}

static void
holder_found (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdTicketsPage) self = user_data;
  SaleData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *holder_id = g_task_propagate_pointer (G_TASK (result), &error);
  TdTicketSale sale = {
    .poi_id = data->poi_id, .date = data->date, .start_time = data->start_time,
    .type = data->type, .count = data->count, .customer_id = holder_id,
  };

  if (error)
    {
      self->busy = FALSE;
      update_sell_state (self);
      toast (self, error->message);
      return;
    }
  /* signed in: the platform takes the places first (its refusal is said);
   * otherwise, or out of reach, sold against the quota of the last sync,
   * awaiting its confirmation */
  td_catalogue_client_sell_async (platform_client (self), self->database, &sale, NULL, sold, g_object_ref (self));
}

static void
sell_clicked (TdTicketsPage *self)
{
  TdPoi *poi = current_attraction (self);
  TdSlot *slot = current_slot (self);
  TdTicketPrice *price = current_price (self);
  g_autoptr(GTask) task = NULL;
  g_autofree char *holder = NULL;
  SaleData *data;

  if (poi == NULL || slot == NULL || price == NULL || self->busy)
    return;
  holder = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->holder_row))));
  data = g_new0 (SaleData, 1);
  data->poi_id = g_strdup (poi->id);
  data->date = g_strdup (slot->date);
  data->start_time = g_strdup (slot->start_time);
  data->type = price->type;
  data->count = (guint) gtk_spin_button_get_value_as_int (self->count_spin);
  data->holder = *holder ? g_steal_pointer (&holder) : NULL;
  self->busy = TRUE;
  update_sell_state (self);
  task = g_task_new (self->database, NULL, holder_found, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) sale_data_free);
  g_task_run_in_thread (task, holder_thread);
}

static TdDocument *
sold_document (TdTicketsPage *self)
{
  g_autoptr(GError) error = NULL;
  TdDocument *doc;

  if (self->sold == NULL || self->sold->len == 0)
    return NULL;
  doc = td_ticket_vouchers_new (self->database, self->sold, &error);
  if (doc == NULL)
    toast (self, error->message);
  return doc;
}

static void
print_clicked (TdTicketsPage *self)
{
  g_autoptr(TdDocument) doc = sold_document (self);

  if (doc)
    td_print_document (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), doc);
}

static void
save_clicked (TdTicketsPage *self)
{
  g_autoptr(TdDocument) doc = sold_document (self);

  if (doc)
    {
      TdTicket *first = g_ptr_array_index (self->sold, 0);
      /* Translators: the file name suggested for a sale's vouchers */
      g_autofree char *name = g_strdup_printf (_("e-tickets-%s-%.8s.pdf"), first->date, first->id);

      td_save_document_pdf (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), doc, name);
    }
}

/* ------------------------------------------------------------------ */
/* checking a code                                                    */

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  TdTicketCheck *check = td_tickets_validate (source_object, NULL, task_data, 0, &error);

  if (check)
    g_task_return_pointer (task, check, (GDestroyNotify) td_ticket_check_free);
  else
    g_task_return_error (task, error);
}

static void
show_check (TdTicketsPage *self,
            TdTicketCheck *check)
{
  static const char * const classes[] = { "td-valid", "td-refused", "td-warned" };
  const char *icon = "dialog-error-symbolic";
  const char *class = "td-refused";
  const char *title = check->message;
  g_autofree char *detail = NULL;

  switch (check->verdict)
    {
    case TD_TICKET_CHECK_VALID:
      icon = "emblem-ok-symbolic";
      class = "td-valid";
      /* Translators: the big word when a ticket lets its holder in */
      title = _("Valid: Let In");
      break;
    case TD_TICKET_CHECK_USED:
    case TD_TICKET_CHECK_OTHER_DAY:
      icon = "dialog-warning-symbolic";
      class = "td-warned";
      break;
    case TD_TICKET_CHECK_VOID:
    case TD_TICKET_CHECK_FORGED:
    case TD_TICKET_CHECK_UNKNOWN:
    default:
      break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->result_box, classes[i]);
  gtk_widget_add_css_class (self->result_box, class);
  gtk_image_set_from_icon_name (self->result_icon, icon);
  gtk_label_set_text (self->result_title, title);
  if (check->ticket)
    {
      TdTicket *t = check->ticket;
      g_autofree char *slot = t->end_time ? g_strdup_printf ("%s–%s", t->start_time, t->end_time)
                                          : g_strdup (t->start_time);

      detail = g_strdup_printf ("%s\n%s %s · %s%s%s", t->attraction, t->date, slot,
                                td_ticket_type_get_label (t->type), t->holder ? " · " : "", t->holder ? t->holder : "");
    }
  gtk_label_set_text (self->result_detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_detail), detail != NULL);
  gtk_widget_set_visible (self->result_box, TRUE);
  self->verdict = (int) check->verdict;
}

static void
checked (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdTicketsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTicketCheck) check = g_task_propagate_pointer (G_TASK (result), &error);

  self->checking = FALSE;
  if (check == NULL)
    {
      toast (self, error->message);
      return;
    }
  show_check (self, check);
  /* ready for the next scan */
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
  if (check->verdict == TD_TICKET_CHECK_VALID)
    load_day (self);
}

static void
code_activated (TdTicketsPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));

  if (*code == '\0' || self->database == NULL || self->checking)
    return;
  self->checking = TRUE;
  task = g_task_new (self->database, NULL, checked, g_object_ref (self));
  g_task_set_task_data (task, g_steal_pointer (&code), g_free);
  g_task_run_in_thread (task, check_thread);
}

/* ------------------------------------------------------------------ */

static void td_tickets_page_refresh (TdArea *area);

void
td_tickets_page_show_attraction (TdTicketsPage *self,
                                 const char    *poi_id)
{
  g_return_if_fail (TD_IS_TICKETS_PAGE (self));
  g_return_if_fail (poi_id != NULL);

  for (guint i = 0; self->attractions && i < self->attractions->len; i++)
    if (g_str_equal (((TdPoi *) g_ptr_array_index (self->attractions, i))->id, poi_id))
      {
        adw_combo_row_set_selected (self->attraction_row, i);
        return;
      }
  /* not loaded yet, or new since: chosen when they are */
  g_free (self->wanted_id);
  self->wanted_id = g_strdup (poi_id);
  if (self->attractions != NULL)
    td_tickets_page_refresh (TD_AREA (self));
}

const char *
td_tickets_page_get_attraction_id (TdTicketsPage *self)
{
  TdPoi *poi;

  g_return_val_if_fail (TD_IS_TICKETS_PAGE (self), NULL);
  poi = current_attraction (self);
  return poi ? poi->id : NULL;
}

guint
td_tickets_page_get_n_attractions (TdTicketsPage *self)
{
  g_return_val_if_fail (TD_IS_TICKETS_PAGE (self), 0);
  return self->attractions ? self->attractions->len : 0;
}

guint
td_tickets_page_get_n_slots (TdTicketsPage *self)
{
  g_return_val_if_fail (TD_IS_TICKETS_PAGE (self), 0);
  return self->slots ? self->slots->len : 0;
}

void
td_tickets_page_select_slot (TdTicketsPage *self,
                             guint          index)
{
  g_return_if_fail (TD_IS_TICKETS_PAGE (self));
  gtk_list_box_select_row (self->slot_list, gtk_list_box_get_row_at_index (self->slot_list, (int) index));
}

GPtrArray *
td_tickets_page_get_sold (TdTicketsPage *self)
{
  g_return_val_if_fail (TD_IS_TICKETS_PAGE (self), NULL);
  return self->sold;
}

int
td_tickets_page_get_verdict (TdTicketsPage *self)
{
  g_return_val_if_fail (TD_IS_TICKETS_PAGE (self), -1);
  return self->verdict;
}

const char *
td_tickets_page_get_last_message (TdTicketsPage *self)
{
  g_return_val_if_fail (TD_IS_TICKETS_PAGE (self), NULL);
  return self->last_message;
}

static void
td_tickets_page_set_database (TdTicketsPage *self,
                              TdDatabase    *database)
{
  g_autofree char *zone = NULL;

  if (!g_set_object (&self->database, database))
    return;
  g_clear_pointer (&self->attractions, g_ptr_array_unref);
  g_clear_pointer (&self->sold, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->sold_group), FALSE);
  gtk_widget_set_visible (self->result_box, FALSE);
  zone = database ? td_database_dup_setting (database, TD_SETTING_TIME_ZONE) : NULL;
  self->date = td_today_julian (zone);
  show_date (self);
  td_tickets_page_refresh (TD_AREA (self));
  g_object_notify (G_OBJECT (self), "database");
}

static void
td_area_iface_init (TdAreaInterface *iface)
{
  iface->refresh = td_tickets_page_refresh;
}

static void
td_tickets_page_dispose (GObject *object)
{
  TdTicketsPage *self = TD_TICKETS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* the rows and the lists go with the template: nothing to update then */
  if (self->slot_list)
    {
      g_signal_handlers_disconnect_by_data (self->slot_list, self);
      g_signal_handlers_disconnect_by_data (self->attraction_row, self);
      g_signal_handlers_disconnect_by_data (self->type_row, self);
      g_signal_handlers_disconnect_by_data (self->count_spin, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_TICKETS_PAGE);
  G_OBJECT_CLASS (td_tickets_page_parent_class)->dispose (object);
}

static void
td_tickets_page_finalize (GObject *object)
{
  TdTicketsPage *self = TD_TICKETS_PAGE (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->attractions, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->prices, g_ptr_array_unref);
  g_clear_pointer (&self->sold, g_ptr_array_unref);
  g_clear_object (&self->attraction_names);
  g_clear_object (&self->type_names);
  g_free (self->last_message);
  g_free (self->kept_slot);
  g_free (self->wanted_id);
  G_OBJECT_CLASS (td_tickets_page_parent_class)->finalize (object);
}

static void
td_tickets_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TdTicketsPage *self = TD_TICKETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_tickets_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TdTicketsPage *self = TD_TICKETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      td_tickets_page_set_database (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_tickets_page_class_init (TdTicketsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_tickets_page_dispose;
  object_class->finalize = td_tickets_page_finalize;
  object_class->get_property = td_tickets_page_get_property;
  object_class->set_property = td_tickets_page_set_property;

  g_object_class_override_property (object_class, PROP_DATABASE, "database");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-tickets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, attraction_row);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, previous_day);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, next_day);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, slots_group);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, slot_list);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, type_row);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, count_spin);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, holder_row);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, sell_button);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, sold_group);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, sold_list);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, day_group);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, day_list);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, result_icon);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, result_title);
  gtk_widget_class_bind_template_child (widget_class, TdTicketsPage, result_detail);
}

static void
td_tickets_page_init (TdTicketsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->verdict = -1;
  self->attraction_names = gtk_string_list_new (NULL);
  self->type_names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->attraction_row, G_LIST_MODEL (self->attraction_names));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (self->type_names));
  self->date = td_today_julian (NULL);
  show_date (self);

  g_signal_connect_swapped (self->attraction_row, "notify::selected", G_CALLBACK (attraction_changed), self);
  g_signal_connect_swapped (self->type_row, "notify::selected", G_CALLBACK (update_sell_state), self);
  g_signal_connect_swapped (self->count_spin, "value-changed", G_CALLBACK (update_sell_state), self);
  g_signal_connect_swapped (self->slot_list, "selected-rows-changed", G_CALLBACK (update_sell_state), self);
  g_signal_connect_swapped (self->previous_day, "clicked", G_CALLBACK (previous_day_clicked), self);
  g_signal_connect_swapped (self->next_day, "clicked", G_CALLBACK (next_day_clicked), self);
  g_signal_connect_swapped (self->sell_button, "clicked", G_CALLBACK (sell_clicked), self);
  g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (print_clicked), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked), self);
  g_signal_connect_swapped (self->code_entry, "activate", G_CALLBACK (code_activated), self);
}

GtkWidget *
td_tickets_page_new (void)
{
  return g_object_new (TD_TYPE_TICKETS_PAGE, NULL);
}
