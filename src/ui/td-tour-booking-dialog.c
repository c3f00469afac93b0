/* td-tour-booking-dialog.c: booking travellers on a departure
 *
 * Customers are found as in the customers area (td_customer_search_async:
 * name, pinyin, phone, ID number); each one chosen travels, the first as
 * the lead. The price is quoted as the list changes, by age at the
 * departure date; the booking runs in a worker thread, and a departure
 * without the seats says how many are left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer-search.h"
#include "td-tour-booking-dialog.h"
#include "td-tour-coupon.h"
#include "td-coupon.h"
#include "td-utils.h"

#define MAX_RESULTS 8

typedef struct {
  char     *id;
  char     *name;
  gboolean  single_room;
} Traveller;

struct _TdTourBookingDialog
{
  AdwWindow     parent_instance;

  GtkLabel       *departure_label;
  GtkListBox     *traveller_list;
  GtkSearchEntry *search_entry;
  GtkListBox     *result_list;
  AdwEntryRow    *discount_row;
  AdwEntryRow    *coupon_row;
  AdwEntryRow    *agent_row;
  AdwEntryRow    *commission_row;
  AdwEntryRow    *reason_row;
  GtkLabel       *quote_label;
  GtkLabel       *error_label;
  GtkWidget      *wait_button;

  TdDatabase     *database;
  char           *departure_id;
  char           *currency;
  guint32         last_day;     /* of the trip: documents must be valid to it */
  guint           free_seats;   /* when the dialog opened */
  GPtrArray      *travellers;   /* Traveller* */
  GCancellable   *search;
  gboolean        booking;      /* a booking is under way */
};

G_DEFINE_FINAL_TYPE (TdTourBookingDialog, td_tour_booking_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_BOOKED,
  SIGNAL_WAITLISTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
traveller_free (Traveller *t)
{
  g_free (t->id);
  g_free (t->name);
  g_free (t);
}

static void
set_error (TdTourBookingDialog *self,
           const char          *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
}

/* the request of what the dialog shows; travellers (out) holds its array */
static gboolean
build_request (TdTourBookingDialog  *self,
               TdTourBookingRequest *request,
               GArray               *travellers,
               TdMoney              *discount,
               GError              **error)
{
  const char *discount_text = gtk_editable_get_text (GTK_EDITABLE (self->discount_row));
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));

  memset (request, 0, sizeof *request);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->coupon_row)) && discount_text && *discount_text)
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                           _("A coupon gives its own discount: leave the amount empty"));
      return FALSE;
    }
  if (self->travellers->len == 0)
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID, _("Add the travellers, the lead first."));
      return FALSE;
    }
  for (guint i = 1; i < self->travellers->len; i++)
    {
      Traveller *t = g_ptr_array_index (self->travellers, i);
      TdTourTraveller traveller = { t->id, t->single_room, NULL };

      g_array_append_val (travellers, traveller);
    }
  request->departure_id = self->departure_id;
  request->lead_customer_id = ((Traveller *) g_ptr_array_index (self->travellers, 0))->id;
  request->lead_single_room = ((Traveller *) g_ptr_array_index (self->travellers, 0))->single_room;
  request->travellers = (const TdTourTraveller *) travellers->data;
  request->n_travellers = travellers->len;
  {
    g_autofree char *commission = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->commission_row))));
    g_autofree char *agent = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agent_row))));
    guint64 percent = 0;

    if (*commission && (!g_ascii_string_to_unsigned (commission, 10, 0, 100, &percent, NULL)))
      {
        g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                             _("Commission: a whole percentage from 0 to 100"));
        return FALSE;
      }
    if (*commission && *agent == '\0')
      {
        g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID, _("Say which sub-agent earns the commission"));
        return FALSE;
      }
    request->commission_bp = (guint) percent * 100;
  }
  if (discount_text && *discount_text)
    {
      g_autoptr(GError) local_error = NULL;

      if (!td_money_parse (discount_text, self->currency, discount, &local_error))
        {
          g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID, _("Discount: %s"), local_error->message);
          return FALSE;
        }
      request->discount = discount;
      request->discount_reason = reason;
    }
  return TRUE;
}

static void
update_quote (TdTourBookingDialog *self)
{
  g_autoptr(GArray) travellers = g_array_new (FALSE, TRUE, sizeof (TdTourTraveller));
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTourQuote) quote = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  TdTourBookingRequest request;
  TdMoney discount;
  g_autofree char *total = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", FALSE);
  /* more travellers than seats: they can wait for seats instead */
  gtk_widget_set_visible (self->wait_button, self->travellers->len > self->free_seats);
  if (!build_request (self, &request, travellers, &discount, &error)
      || (quote = td_tour_quote (self->database, &request, &error)) == NULL)
    {
      gtk_label_set_text (self->quote_label, "");
      set_error (self, self->travellers->len ? error->message : NULL);
      return;
    }
  for (guint i = 0; i < quote->people->len; i++)
    {
      const TdPaxPrice *price = &g_array_index (quote->people, TdPaxPrice, i);
      g_autofree char *amount = td_money_format (&price->total);

      if (price->age >= 0)
        g_string_append_printf (text, ngettext ("%s, %s aged %d: %s\n", "%s, %s aged %d: %s\n", price->age),
                                (const char *) g_ptr_array_index (quote->names, i),
                                td_pax_type_get_title (price->type), price->age, amount);
      else
        g_string_append_printf (text, _("%s, %s (no birth date): %s\n"), (const char *) g_ptr_array_index (quote->names, i),
                                td_pax_type_get_title (price->type), amount);
    }
  {
    g_autofree char *code = td_coupon_code_normalise (gtk_editable_get_text (GTK_EDITABLE (self->coupon_row)));

    if (code)
      {
        g_autoptr(TdDeparture) departure = td_departure_get (self->database, self->departure_id, NULL);
        TdCouponContext context = { request.lead_customer_id, NULL, departure ? departure->product_id : NULL,
                                    departure ? departure->start : 0, quote->subtotal };
        TdMoney off;

        if (!td_coupon_check (self->database, code, &context, &off, &error))
          {
            gtk_label_set_text (self->quote_label, "");
            set_error (self, error->message);
            return;
          }
        {
          g_autofree char *minus = td_money_format (&off);

          /* Translators: a coupon's code, then what it takes off */
          g_string_append_printf (text, _("Coupon %s: −%s\n"), code, minus);
          quote->total.minor -= off.minor;
        }
      }
  }
  total = td_money_format (&quote->total);
  g_string_append_printf (text, _("Total: %s"), total);
  if (request.commission_bp > 0)
    {
      g_autofree char *commission = NULL;

      quote->commission.minor = (quote->total.minor * (gint64) request.commission_bp + 5000) / 10000;
      commission = td_money_format (&quote->commission);
      /* Translators: the sub-agent's commission on the booking */
      g_string_append_printf (text, _("\nSub-agent's commission: %s"), commission);
    }
  /* documents that will not last the trip: said now, booked anyway */
  for (guint i = 0; i < self->travellers->len && self->last_day; i++)
    {
      Traveller *t = g_ptr_array_index (self->travellers, i);
      g_autoptr(TdTravelDocumentProblem) problem = td_travel_document_check (self->database, t->id, self->last_day, NULL);

      if (problem)
        g_string_append_printf (text, "\n⚠ %s: %s", t->name, problem->problem);
    }
  gtk_label_set_text (self->quote_label, text->str);
  set_error (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", !self->booking);
}

static void
remove_clicked_cb (GtkButton           *button,
                   TdTourBookingDialog *self);
static void
single_toggled_cb (GtkCheckButton      *check,
                   TdTourBookingDialog *self);

static void
show_travellers (TdTourBookingDialog *self)
{
  GtkListBoxRow *old;

  /* the rows, not the placeholder */
  while ((old = gtk_list_box_get_row_at_index (self->traveller_list, 0)) != NULL)
    gtk_list_box_remove (self->traveller_list, GTK_WIDGET (old));
  for (guint i = 0; i < self->travellers->len; i++)
    {
      Traveller *t = g_ptr_array_index (self->travellers, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *single = gtk_check_button_new_with_label (_("Single room"));
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (i == 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Lead customer"));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (single), t->single_room);
      gtk_widget_set_valign (single, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (single), "traveller", t);
      g_signal_connect (single, "toggled", G_CALLBACK (single_toggled_cb), self);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
      g_object_set_data (G_OBJECT (remove), "traveller", t);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), single);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->traveller_list, row);
    }
  update_quote (self);
}

static void
remove_clicked_cb (GtkButton           *button,
                   TdTourBookingDialog *self)
{
  g_ptr_array_remove (self->travellers, g_object_get_data (G_OBJECT (button), "traveller"));
  show_travellers (self);
}

static void
single_toggled_cb (GtkCheckButton      *check,
                   TdTourBookingDialog *self)
{
  Traveller *t = g_object_get_data (G_OBJECT (check), "traveller");

  t->single_room = gtk_check_button_get_active (check);
  update_quote (self);
}

gboolean
td_tour_booking_dialog_add_customer (TdTourBookingDialog *self,
                                     const char          *customer_id,
                                     const char          *name)
{
  Traveller *t;

  g_return_val_if_fail (TD_IS_TOUR_BOOKING_DIALOG (self), FALSE);
  for (guint i = 0; i < self->travellers->len; i++)
    if (g_str_equal (((Traveller *) g_ptr_array_index (self->travellers, i))->id, customer_id))
      return FALSE;
  t = g_new0 (Traveller, 1);
  t->id = g_strdup (customer_id);
  t->name = g_strdup (name);
  g_ptr_array_add (self->travellers, t);
  show_travellers (self);
  return TRUE;
}

guint
td_tour_booking_dialog_get_n_travellers (TdTourBookingDialog *self)
{
  g_return_val_if_fail (TD_IS_TOUR_BOOKING_DIALOG (self), 0);
  return self->travellers->len;
}

const char *
td_tour_booking_dialog_get_quote (TdTourBookingDialog *self)
{
  g_return_val_if_fail (TD_IS_TOUR_BOOKING_DIALOG (self), NULL);
  return gtk_label_get_text (self->quote_label);
}

const char *
td_tour_booking_dialog_get_error (TdTourBookingDialog *self)
{
  g_return_val_if_fail (TD_IS_TOUR_BOOKING_DIALOG (self), NULL);
  return gtk_label_get_text (self->error_label);
}

/* ------------------------------------------------------------------ */
/* search                                                             */

static void
result_activated_cb (GtkListBox          *list,
                     GtkListBoxRow       *row,
                     TdTourBookingDialog *self)
{
  td_tour_booking_dialog_add_customer (self, g_object_get_data (G_OBJECT (row), "id"),
                                       g_object_get_data (G_OBJECT (row), "name"));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TdTourBookingDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = td_customer_search_finish (TD_DATABASE (object), result, &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_list))) != NULL)
    gtk_list_box_remove (self->result_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->result_list), hits && hits->len > 0);
  if (hits == NULL)
    {
      set_error (self, error->message);
      return;
    }
  for (guint i = 0; i < hits->len && i < MAX_RESULTS; i++)
    {
      TdCustomerHit *hit = g_ptr_array_index (hits, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (hit->phone)
        g_string_append (subtitle, hit->phone);
      if (hit->id_number_masked)
        g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", hit->id_number_masked);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hit->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "id", g_strdup (hit->id), g_free);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (hit->name), g_free);
      gtk_list_box_append (self->result_list, row);
    }
}

static void
search_changed_cb (TdTourBookingDialog *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->search)
    g_cancellable_cancel (self->search);
  g_clear_object (&self->search);
  self->search = g_cancellable_new ();
  td_customer_search_async (self->database, query, MAX_RESULTS, self->search, search_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* booking                                                            */

typedef struct {
  char    *departure_id;
  char    *lead;
  gboolean lead_single;
  GArray  *travellers;   /* TdTourTraveller, ids owned by ids */
  GPtrArray *ids;
  gboolean has_discount;
  TdMoney  discount;
  char    *reason;
  char    *coupon;
  char    *agent;          /* as typed: found in the worker */
  guint    commission_bp;
} BookData;

static void
book_data_free (BookData *d)
{
  g_free (d->departure_id);
  g_free (d->lead);
  g_array_unref (d->travellers);
  g_ptr_array_unref (d->ids);
  g_free (d->reason);
  g_free (d->coupon);
  g_free (d->agent);
  g_free (d);
}

static void
book_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BookData *d = task_data;
  TdTourBookingRequest request = { 0 };
  g_autofree char *agent_id = NULL;
  GError *error = NULL;
  char *id;

  request.departure_id = d->departure_id;
  request.lead_customer_id = d->lead;
  request.lead_single_room = d->lead_single;
  request.travellers = (const TdTourTraveller *) d->travellers->data;
  request.n_travellers = d->travellers->len;
  request.discount = d->has_discount ? &d->discount : NULL;
  request.discount_reason = d->reason;
  /* the sub-agent typed: the one customer it names */
  if (d->agent)
    {
      g_autoptr(GPtrArray) hits = td_customer_search (source_object, d->agent, 2, &error);

      if (hits == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (hits->len != 1)
        {
          g_task_return_new_error (task, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                                   hits->len == 0 ? _("No customer matches the sub-agent “%s”: check the name or phone")
                                                  : _("Several customers match the sub-agent “%s”: type more of the name, or the phone"),
                                   d->agent);
          return;
        }
      agent_id = g_strdup (((TdCustomerHit *) g_ptr_array_index (hits, 0))->id);
      request.sub_agent_id = agent_id;
      request.commission_bp = d->commission_bp;
    }
  if (d->coupon)
    id = td_tour_book_with_coupon (source_object, NULL, &request, d->coupon, NULL, NULL, &error);
  else
    id = td_tour_book (source_object, NULL, &request, NULL, &error);
  if (id)
    g_task_return_pointer (task, id, g_free);
  else
    g_task_return_error (task, error);
}

/* a booking or a waiting-list entry made (the new id, said by signal) or
 * refused (the reason shown; the dialog stays) */
static void
finish (TdTourBookingDialog *self,
        GAsyncResult        *result,
        guint                signal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);

  self->booking = FALSE;
  if (id == NULL)
    {
      set_error (self, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", TRUE);
      return;
    }
  g_signal_emit (self, signals[signal], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
book_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdTourBookingDialog) self = user_data;

  finish (self, result, SIGNAL_BOOKED);
}

/* ------------------------------------------------------------------ */
/* the waiting list: the lead, for the whole party                    */

typedef struct {
  char  *departure_id;
  char  *lead;
  guint  pax;
  char  *notes;
} WaitData;

static void
wait_data_free (WaitData *d)
{
  g_free (d->departure_id);
  g_free (d->lead);
  g_free (d->notes);
  g_free (d);
}

static void
wait_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WaitData *d = task_data;
  GError *error = NULL;
  char *id = td_tour_waitlist_add (source_object, NULL, d->departure_id, d->lead, d->pax, d->notes, &error);

  if (id)
    g_task_return_pointer (task, id, g_free);
  else
    g_task_return_error (task, error);
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdTourBookingDialog) self = user_data;

  finish (self, result, SIGNAL_WAITLISTED);
}

static void
wait_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdTourBookingDialog *self = TD_TOUR_BOOKING_DIALOG (widget);
  g_autoptr(GString) notes = g_string_new (NULL);
  WaitData *d;

  if (self->booking || self->travellers->len == 0)
    return;
  /* who comes with the lead, for the clerk who calls back */
  for (guint i = 1; i < self->travellers->len; i++)
    g_string_append_printf (notes, "%s%s", i > 1 ? C_("list separator", ", ") : "",
                            ((Traveller *) g_ptr_array_index (self->travellers, i))->name);
  d = g_new0 (WaitData, 1);
  d->departure_id = g_strdup (self->departure_id);
  d->lead = g_strdup (((Traveller *) g_ptr_array_index (self->travellers, 0))->id);
  d->pax = self->travellers->len;
  d->notes = notes->len ? g_strdup_printf (_("With %s"), notes->str) : NULL;
  self->booking = TRUE;
  td_run_in_thread (self->database, NULL, wait_action, d, (GDestroyNotify) wait_data_free,
                    wait_thread, wait_cb, g_object_ref (self));
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdTourBookingDialog *self = TD_TOUR_BOOKING_DIALOG (widget);
  g_autoptr(GArray) travellers = g_array_new (FALSE, TRUE, sizeof (TdTourTraveller));
  g_autoptr(GError) error = NULL;
  TdTourBookingRequest request;
  TdMoney discount;
  BookData *d;

  if (self->booking || !build_request (self, &request, travellers, &discount, &error))
    {
      if (error)
        set_error (self, error->message);
      return;
    }
  d = g_new0 (BookData, 1);
  d->departure_id = g_strdup (request.departure_id);
  d->lead = g_strdup (request.lead_customer_id);
  d->lead_single = request.lead_single_room;
  d->ids = g_ptr_array_new_with_free_func (g_free);
  d->travellers = g_array_new (FALSE, TRUE, sizeof (TdTourTraveller));
  for (guint i = 0; i < request.n_travellers; i++)
    {
      TdTourTraveller t = request.travellers[i];
      char *id = g_strdup (t.customer_id);

      g_ptr_array_add (d->ids, id);
      t.customer_id = id;
      g_array_append_val (d->travellers, t);
    }
  d->has_discount = request.discount != NULL;
  if (request.discount)
    d->discount = *request.discount;
  d->reason = g_strdup (request.discount_reason);
  d->coupon = td_coupon_code_normalise (gtk_editable_get_text (GTK_EDITABLE (self->coupon_row)));
  d->agent = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agent_row))));
  if (*d->agent == '\0')
    g_clear_pointer (&d->agent, g_free);
  d->commission_bp = request.commission_bp;
  self->booking = TRUE;
  gtk_widget_action_set_enabled (widget, "booking.book", FALSE);
  td_run_in_thread (self->database, NULL, book_action, d, (GDestroyNotify) book_data_free,
                    book_thread, book_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */

static void
td_tour_booking_dialog_dispose (GObject *object)
{
  TdTourBookingDialog *self = TD_TOUR_BOOKING_DIALOG (object);

  if (self->search)
    g_cancellable_cancel (self->search);
  g_clear_object (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_TOUR_BOOKING_DIALOG);
  G_OBJECT_CLASS (td_tour_booking_dialog_parent_class)->dispose (object);
}

static void
td_tour_booking_dialog_finalize (GObject *object)
{
  TdTourBookingDialog *self = TD_TOUR_BOOKING_DIALOG (object);

  g_clear_object (&self->database);
  g_free (self->departure_id);
  g_free (self->currency);
  g_ptr_array_unref (self->travellers);
  G_OBJECT_CLASS (td_tour_booking_dialog_parent_class)->finalize (object);
}

static void
td_tour_booking_dialog_class_init (TdTourBookingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_tour_booking_dialog_dispose;
  object_class->finalize = td_tour_booking_dialog_finalize;

  signals[SIGNAL_BOOKED] =
    g_signal_new ("booked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  signals[SIGNAL_WAITLISTED] =
    g_signal_new ("waitlisted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "booking.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "booking.wait", NULL, wait_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-tour-booking-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, departure_label);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, traveller_list);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, result_list);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, discount_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, coupon_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, agent_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, commission_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, quote_label);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TdTourBookingDialog, wait_button);
}

static void
td_tour_booking_dialog_init (TdTourBookingDialog *self)
{
  GtkWidget *empty = gtk_label_new (_("Search for customers below and choose them"));

  gtk_widget_init_template (GTK_WIDGET (self));
  self->travellers = g_ptr_array_new_with_free_func ((GDestroyNotify) traveller_free);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_list_box_set_placeholder (self->traveller_list, empty);
  gtk_widget_set_visible (GTK_WIDGET (self->result_list), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", FALSE);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->result_list, "row-activated", G_CALLBACK (result_activated_cb), self);
  g_signal_connect_swapped (self->discount_row, "changed", G_CALLBACK (update_quote), self);
  g_signal_connect_swapped (self->coupon_row, "changed", G_CALLBACK (update_quote), self);
  g_signal_connect_swapped (self->commission_row, "changed", G_CALLBACK (update_quote), self);
  g_signal_connect_swapped (self->agent_row, "changed", G_CALLBACK (update_quote), self);
}

GtkWidget *
td_tour_booking_dialog_new (GtkWindow  *parent,
                            TdDatabase *database,
                            const char *departure_id)
{
  TdTourBookingDialog *self = g_object_new (TD_TYPE_TOUR_BOOKING_DIALOG, "transient-for", parent, NULL);
  g_autoptr(TdDeparture) departure = td_departure_get (database, departure_id, NULL);
  g_autoptr(TdTourProduct) product = departure ? td_tour_product_get (database, departure->product_id, NULL) : NULL;

  self->database = g_object_ref (database);
  self->departure_id = g_strdup (departure_id);
  self->currency = g_strdup (product ? product->prices[TD_PAX_ADULT].currency : TD_DEFAULT_CURRENCY);
  if (departure)
    {
      g_autofree char *date = td_date_format_iso (departure->start);
      g_autofree char *text = g_strdup_printf (ngettext ("%s, %s: %u seat left", "%s, %s: %u seats left",
                                                         td_departure_get_free (departure)),
                                               departure->product_name, date, td_departure_get_free (departure));

      self->last_day = departure->end - 1;
      self->free_seats = td_departure_get_free (departure);
      gtk_label_set_text (self->departure_label, text);
    }
  return GTK_WIDGET (self);
}
