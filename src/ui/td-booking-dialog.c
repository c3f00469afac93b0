/* td-booking-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-booking-dialog.h"

struct _TdBookingDialog
{
  AdwWindow       parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *hits_list;
  GtkLabel       *guest_label;
  GtkSpinButton  *adults_spin;
  AdwComboRow    *rate_row;
  GtkLabel       *price_label;
  GtkLabel       *problem_label;
  GtkButton      *book_button;

  TdDatabase     *database;
  char           *room_id;
  char           *room_type_id;
  char           *room_number;
  TdDateRange     dates;

  GPtrArray      *hits;      /* TdCustomerHit* */
  char           *customer_id;
  TdAvailability *availability;
  GCancellable   *search_cancellable;
  GCancellable   *quote_cancellable;
  GCancellable   *book_cancellable;
  char           *problem;
};

G_DEFINE_FINAL_TYPE (TdBookingDialog, td_booking_dialog, ADW_TYPE_WINDOW)

enum {
  BOOKED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
show_problem (TdBookingDialog *self,
              const char      *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

static const TdRateQuote *
chosen_quote (TdBookingDialog *self)
{
  guint index;

  if (self->availability == NULL || self->availability->quotes == NULL)
    return NULL;
  index = adw_combo_row_get_selected (self->rate_row);
  if (index >= self->availability->quotes->len)
    return NULL;
  return g_ptr_array_index (self->availability->quotes, index);
}

static void
update_sensitivity (TdBookingDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->book_button),
                            self->customer_id != NULL && chosen_quote (self) != NULL
                            && self->book_cancellable == NULL);
}

static void
update_price (TdBookingDialog *self)
{
  const TdRateQuote *quote = chosen_quote (self);
  g_autofree char *total = NULL;
  g_autofree char *problems = NULL;

  if (quote == NULL)
    {
      gtk_label_set_text (self->price_label, self->availability ? _("No rate for this room") : "");
      update_sensitivity (self);
      return;
    }
  total = td_money_format (&quote->total);
  gtk_label_set_text (self->price_label, total);
  problems = td_rate_quote_describe_problems (quote);
  show_problem (self, problems);
  update_sensitivity (self);
}

/* ------------------------------------------------------------------ */
/* the price                                                          */

static void
quote_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TdBookingDialog *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = td_availability_search_finish (TD_DATABASE (object), result, &error);
  g_autoptr(GtkStringList) names = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TD_BOOKING_DIALOG (user_data);
  g_clear_object (&self->quote_cancellable);
  g_clear_pointer (&self->availability, td_availability_free);
  if (found == NULL)
    {
      show_problem (self, error->message);
      update_price (self);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    {
      TdAvailability *a = g_ptr_array_index (found, i);

      if (g_strcmp0 (a->room_type_id, self->room_type_id) == 0)
        {
          self->availability = g_ptr_array_steal_index (found, i);
          break;
        }
    }
  names = gtk_string_list_new (NULL);
  for (guint i = 0; self->availability && i < self->availability->quotes->len; i++)
    {
      TdRateQuote *quote = g_ptr_array_index (self->availability->quotes, i);
      g_autofree char *price = td_money_format (&quote->total);
      g_autofree char *text = g_strdup_printf ("%s · %s", quote->name ? quote->name : (quote->code ? quote->code : _("Base price")), price);

      gtk_string_list_append (names, text);
    }
  adw_combo_row_set_model (self->rate_row, G_LIST_MODEL (names));
  update_price (self);
}

static void
requote (TdBookingDialog *self)
{
  TdAvailabilityQuery query = { 0 };

  if (self->quote_cancellable)
    g_cancellable_cancel (self->quote_cancellable);
  g_clear_object (&self->quote_cancellable);
  self->quote_cancellable = g_cancellable_new ();
  query.room_type_id = self->room_type_id;
  query.dates = self->dates;
  query.adults = (guint) gtk_spin_button_get_value_as_int (self->adults_spin);
  td_availability_search_async (self->database, &query, NULL, self->quote_cancellable, quote_cb, self);
}

/* ------------------------------------------------------------------ */
/* the guest                                                          */

static GtkWidget *
create_hit_row (TdCustomerHit *hit)
{
  GtkWidget *row = adw_action_row_new ();
  GString *subtitle = g_string_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hit->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (hit->phone)
    g_string_append (subtitle, hit->phone);
  if (hit->id_number_masked)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? "  " : "", hit->id_number_masked);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_string_free (subtitle, TRUE);
  return row;
}

static void
clear_hits (TdBookingDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->hits_list))))
    gtk_list_box_remove (self->hits_list, child);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TdBookingDialog *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = td_customer_search_finish (TD_DATABASE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TD_BOOKING_DIALOG (user_data);
  g_clear_object (&self->search_cancellable);
  clear_hits (self);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  if (hits == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  self->hits = g_steal_pointer (&hits);
  for (guint i = 0; i < self->hits->len; i++)
    gtk_list_box_append (self->hits_list, create_hit_row (g_ptr_array_index (self->hits, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->hits_list), self->hits->len > 0);
}

static void
search_changed_cb (TdBookingDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->search_cancellable)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (text[0] == '\0')
    {
      clear_hits (self);
      gtk_widget_set_visible (GTK_WIDGET (self->hits_list), FALSE);
      return;
    }
  self->search_cancellable = g_cancellable_new ();
  td_customer_search_async (self->database, text, 8, self->search_cancellable, search_cb, self);
}

void
td_booking_dialog_choose_hit (TdBookingDialog *self,
                              guint            index)
{
  TdCustomerHit *hit;
  g_autofree char *text = NULL;

  g_return_if_fail (TD_IS_BOOKING_DIALOG (self));
  g_return_if_fail (self->hits != NULL && index < self->hits->len);

  hit = g_ptr_array_index (self->hits, index);
  g_free (self->customer_id);
  self->customer_id = g_strdup (hit->id);
  text = hit->phone ? g_strdup_printf ("%s  %s", hit->name, hit->phone) : g_strdup (hit->name);
  gtk_label_set_text (self->guest_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->guest_label), "dim-label");
  update_sensitivity (self);
}

static void
hit_activated_cb (TdBookingDialog *self,
                  GtkListBoxRow   *row)
{
  td_booking_dialog_choose_hit (self, (guint) gtk_list_box_row_get_index (row));
}

/* ------------------------------------------------------------------ */
/* booking                                                            */

static void
book_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  /* a reference: the booking finishes even when the dialog is closed */
  g_autoptr(TdBookingDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdBookingResult) booked = td_stays_book_finish (TD_DATABASE (object), result, &error);

  g_clear_object (&self->book_cancellable);
  if (self->search_entry == NULL)
    return;
  if (booked == NULL)
    {
      show_problem (self, error->message);
      update_sensitivity (self);
      return;
    }
  g_signal_emit (self, signals[BOOKED], 0, g_ptr_array_index (booked->stay_ids, 0));
  gtk_window_destroy (GTK_WINDOW (self));
}

void
td_booking_dialog_book (TdBookingDialog *self)
{
  const TdRateQuote *quote;
  TdBookingRoom room = { 0 };
  TdBooking booking = { 0 };

  g_return_if_fail (TD_IS_BOOKING_DIALOG (self));

  quote = chosen_quote (self);
  if (self->customer_id == NULL || quote == NULL || self->book_cancellable != NULL)
    return;
  room.room_id = self->room_id;
  room.dates = self->dates;
  room.adults = (guint) gtk_spin_button_get_value_as_int (self->adults_spin);
  room.rate_plan_id = quote->rate_plan_id;
  room.customer_id = self->customer_id;
  booking.customer_id = self->customer_id;
  booking.source = "walk-in";
  booking.rooms = &room;
  booking.n_rooms = 1;
  show_problem (self, NULL);
  self->book_cancellable = g_cancellable_new ();
  update_sensitivity (self);
  td_stays_book_async (self->database, td_database_default_actor (), &booking, NULL,
                       self->book_cancellable, book_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */

void
td_booking_dialog_search (TdBookingDialog *self,
                          const char      *text)
{
  g_return_if_fail (TD_IS_BOOKING_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

guint
td_booking_dialog_get_n_hits (TdBookingDialog *self)
{
  g_return_val_if_fail (TD_IS_BOOKING_DIALOG (self), 0);
  return self->hits ? self->hits->len : 0;
}

gboolean
td_booking_dialog_has_quote (TdBookingDialog *self)
{
  g_return_val_if_fail (TD_IS_BOOKING_DIALOG (self), FALSE);
  return chosen_quote (self) != NULL;
}

const char *
td_booking_dialog_get_problem (TdBookingDialog *self)
{
  g_return_val_if_fail (TD_IS_BOOKING_DIALOG (self), NULL);
  return self->problem;
}

static void
td_booking_dialog_dispose (GObject *object)
{
  TdBookingDialog *self = TD_BOOKING_DIALOG (object);

  if (self->search_cancellable)
    g_cancellable_cancel (self->search_cancellable);
  if (self->quote_cancellable)
    g_cancellable_cancel (self->quote_cancellable);
  /* a booking under way is left to finish: it commits or not as a whole */
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->quote_cancellable);
  g_clear_object (&self->book_cancellable);
  g_clear_object (&self->database);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  /* widgets gone: a booking that finishes now only drops its result */
  self->search_entry = NULL;
  g_clear_pointer (&self->availability, td_availability_free);

  G_OBJECT_CLASS (td_booking_dialog_parent_class)->dispose (object);
}

static void
td_booking_dialog_finalize (GObject *object)
{
  TdBookingDialog *self = TD_BOOKING_DIALOG (object);

  g_free (self->room_id);
  g_free (self->room_type_id);
  g_free (self->room_number);
  g_free (self->customer_id);
  g_free (self->problem);

  G_OBJECT_CLASS (td_booking_dialog_parent_class)->finalize (object);
}

static void
td_booking_dialog_class_init (TdBookingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_booking_dialog_dispose;
  object_class->finalize = td_booking_dialog_finalize;

  signals[BOOKED] =
    g_signal_new ("booked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_booking_dialog_init (TdBookingDialog *self)
{
}

static GtkWidget *
labelled_row (const char *title,
              GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  return row;
}

TdBookingDialog *
td_booking_dialog_new (TdDatabase   *database,
                       const TdRoom *room,
                       guint32       start,
                       guint32       end)
{
  TdBookingDialog *self;
  GtkWidget *box, *content, *header, *cancel, *title, *subtitle, *group, *scroller;
  g_autofree char *arrival = NULL;
  g_autofree char *departure = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *when = NULL;
  guint nights = end - start;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (room != NULL && end > start, NULL);

  self = g_object_new (TD_TYPE_BOOKING_DIALOG,
                       "modal", TRUE,
                       "default-width", 440,
                       "default-height", 620,
                       "title", _("New Booking"),
                       NULL);
  self->database = g_object_ref (database);
  self->room_id = g_strdup (room->id);
  self->room_type_id = g_strdup (room->room_type_id);
  self->room_number = g_strdup (room->number);
  self->dates.start = start;
  self->dates.end = end;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->book_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Book")));
  gtk_widget_add_css_class (GTK_WIDGET (self->book_button), "suggested-action");
  g_signal_connect_swapped (self->book_button, "clicked", G_CALLBACK (td_booking_dialog_book), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->book_button));
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);

  arrival = td_date_format_iso (start);
  departure = td_date_format_iso (end);
  heading = g_strdup_printf (_("Room %s · %s"), room->number,
                             room->room_type_name ? room->room_type_name : room->room_type_code);
  when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s to %s, %u night", "%s to %s, %u nights", nights),
                          arrival, departure, nights);
  title = gtk_label_new (heading);
  gtk_widget_add_css_class (title, "title-3");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  subtitle = gtk_label_new (when);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_box_append (GTK_BOX (content), title);
  gtk_box_append (GTK_BOX (content), subtitle);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Find the guest: name, pinyin, phone or ID number"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Guest"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->search_entry));

  self->hits_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->hits_list), "boxed-list");
  gtk_list_box_set_selection_mode (self->hits_list, GTK_SELECTION_NONE);
  g_signal_connect_swapped (self->hits_list, "row-activated", G_CALLBACK (hit_activated_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->hits_list), FALSE);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 220);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->hits_list));
  gtk_box_append (GTK_BOX (content), scroller);

  group = adw_preferences_group_new ();
  self->guest_label = GTK_LABEL (gtk_label_new (_("None chosen")));
  gtk_widget_add_css_class (GTK_WIDGET (self->guest_label), "dim-label");
  gtk_label_set_ellipsize (self->guest_label, PANGO_ELLIPSIZE_END);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), labelled_row (_("Guest"), GTK_WIDGET (self->guest_label)));
  self->adults_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 9, 1));
  gtk_spin_button_set_value (self->adults_spin, 2);
  g_signal_connect_swapped (self->adults_spin, "value-changed", G_CALLBACK (requote), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), labelled_row (_("Adults"), GTK_WIDGET (self->adults_spin)));
  self->rate_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rate_row), _("Rate"));
  g_signal_connect_swapped (self->rate_row, "notify::selected", G_CALLBACK (update_price), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->rate_row));
  self->price_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->price_label), "heading");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), labelled_row (_("Price"), GTK_WIDGET (self->price_label)));
  gtk_box_append (GTK_BOX (content), group);

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->problem_label));

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);

  update_sensitivity (self);
  requote (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}
