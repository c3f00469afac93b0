/* td-tours-page.c: the agency desk area
 *
 * Three views: the departures (a list with their fill levels; the one
 * selected with its bookings, participants by room and seat, documents
 * that expire during the trip, and its waiting list), the products (their
 * day-by-day itinerary, and opening a departure), and the payments due.
 * Everything shown is read in one worker-thread load; writes run in worker
 * threads too, and the page loads again after them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-area.h"
#include "td-contract-document.h"
#include "td-print.h"
#include "td-tour-booking-dialog.h"
#include "td-tour-product-dialog.h"
#include "td-departure-calendar.h"
#include "td-tours-page.h"
#include "td-utils.h"

#define DUE_HORIZON_DAYS 14

struct _TdToursPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkSpinner    *spinner;
  AdwStatusPage *error_page;
  AdwViewStack  *views;
  GtkWidget     *calendar;      /* TdDepartureCalendar */
  GtkListBox    *departure_list;
  GtkLabel      *departure_title;
  GtkLabel      *departure_facts;
  GtkLevelBar   *departure_fill;
  GtkWidget     *book_button;
  GtkLabel      *document_warning;
  GtkListBox    *booking_list;
  GtkListBox    *participant_list;
  GtkListBox    *waiting_list;
  GtkListBox    *product_list;
  GtkLabel      *product_title;
  GtkLabel      *product_facts;
  GtkListBox    *itinerary_list;
  GtkButton     *route_button;
  AdwEntryRow   *departure_date_row;
  GtkSpinButton *capacity_spin;
  GtkSpinButton *min_pax_spin;
  GtkLabel      *open_error;
  GtkListBox    *due_list;

  TdDatabase    *database;
  gulong         changed_id;
  GCancellable  *cancellable;
  char          *departure_id;
  char          *product_id;
  GPtrArray     *rooming;     /* TdTourParticipant: the departure's, as shown */
  guint          capacity;    /* of the departure shown */
  gboolean       filling;     /* rows are being replaced: ignore selections */
};

static void td_area_iface_init (TdAreaInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdToursPage, td_tours_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_AREA, td_area_iface_init))

enum {
  PROP_0,
  PROP_DEPARTURE_ID,
  N_PROPS,
  /* TdArea */
  PROP_DATABASE = N_PROPS,
  PROP_LOADING,
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* what one load reads                                                */

typedef struct {
  char              *departure_id;   /* asked for; NULL: the next from today */
  char              *product_id;
  guint32            today;
  GPtrArray         *products;       /* TdTourProduct */
  GPtrArray         *departures;     /* TdDeparture */
  GPtrArray         *dues;           /* TdTourPaymentDue */
  TdDeparture       *departure;      /* the one shown, or NULL */
  GPtrArray         *bookings;       /* TdTourBooking */
  GPtrArray         *rooming;        /* TdTourParticipant */
  GPtrArray         *waiting;        /* TdTourWaiting */
  GPtrArray         *problems;       /* TdTravelDocumentProblem */
  gboolean           has_margin;
  TdDepartureMargin  margin;
  TdTourProduct     *product;        /* the one shown, or NULL */
  GPtrArray         *items;          /* TdTourItem */
  GPtrArray         *surcharges;     /* TdTourSurcharge */
} Snapshot;

static void
snapshot_free (Snapshot *s)
{
  g_free (s->departure_id);
  g_free (s->product_id);
  g_clear_pointer (&s->products, g_ptr_array_unref);
  g_clear_pointer (&s->departures, g_ptr_array_unref);
  g_clear_pointer (&s->dues, g_ptr_array_unref);
  g_clear_pointer (&s->departure, td_departure_free);
  g_clear_pointer (&s->bookings, g_ptr_array_unref);
  g_clear_pointer (&s->rooming, g_ptr_array_unref);
  g_clear_pointer (&s->waiting, g_ptr_array_unref);
  g_clear_pointer (&s->problems, g_ptr_array_unref);
  g_clear_pointer (&s->product, td_tour_product_free);
  g_clear_pointer (&s->items, g_ptr_array_unref);
  g_clear_pointer (&s->surcharges, g_ptr_array_unref);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static gboolean
load_snapshot (TdDatabase  *db,
               Snapshot    *s,
               GError     **error)
{
  TdDeskTime when;
  const char *departure_id = s->departure_id;
  const char *product_id = s->product_id;

  td_desk_time_init_now (&when, db);
  s->today = when.today;
  if ((s->products = td_tour_products_list (db, error)) == NULL
      || (s->departures = td_departures_list (db, 0, 0, NULL, error)) == NULL
      || (s->dues = td_tour_payments_due (db, when.today + DUE_HORIZON_DAYS, &when, error)) == NULL)
    return FALSE;

  /* the departure asked for if it is still there, else the next one */
  if (departure_id)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < s->departures->len && !found; i++)
        found = g_str_equal (((TdDeparture *) g_ptr_array_index (s->departures, i))->id, departure_id);
      if (!found)
        departure_id = NULL;
    }
  for (guint i = 0; departure_id == NULL && i < s->departures->len; i++)
    if (((TdDeparture *) g_ptr_array_index (s->departures, i))->start >= when.today)
      departure_id = ((TdDeparture *) g_ptr_array_index (s->departures, i))->id;
  if (departure_id == NULL && s->departures->len > 0)
    departure_id = ((TdDeparture *) g_ptr_array_index (s->departures, s->departures->len - 1))->id;
  if (departure_id)
    {
      if ((s->departure = td_departure_get (db, departure_id, error)) == NULL
          || (s->bookings = td_tour_bookings_list (db, departure_id, error)) == NULL
          || (s->rooming = td_tour_rooming_list (db, departure_id, error)) == NULL
          || (s->waiting = td_tour_waitlist_list (db, departure_id, error)) == NULL
          || (s->problems = td_tour_document_problems (db, departure_id, NULL, error)) == NULL
          || !td_departure_get_margin (db, departure_id, &s->margin, error))
        return FALSE;
      s->has_margin = TRUE;
    }

  if (product_id == NULL && s->departure)
    product_id = s->departure->product_id;
  if (product_id == NULL && s->products->len > 0)
    product_id = ((TdTourProduct *) g_ptr_array_index (s->products, 0))->id;
  if (product_id)
    {
      s->product = td_tour_product_get (db, product_id, NULL);
      if (s->product
          && ((s->items = td_tour_items_list (db, product_id, error)) == NULL
              || (s->surcharges = td_tour_surcharges_list (db, product_id, error)) == NULL))
        return FALSE;
    }
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TdDatabase *db = source_object;
  Snapshot *s = task_data;
  GError *error = NULL;

  if (load_snapshot (db, s, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ------------------------------------------------------------------ */
/* rows                                                               */

static char *
format_date (guint32 julian)
{
  g_autoptr(GDateTime) date_time = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  date_time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  /* Translators: a departure's date in g_date_time_format() syntax; in
   * Chinese for example "%-m月%-d日 %a" */
  return g_date_time_format (date_time, C_("departure date", "%a %-d %b %Y"));
}

static GtkWidget *
dim_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
departure_row (const TdDeparture *d)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *date = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (td_departure_state_get_title (td_departure_get_state (d)));
  GtkWidget *fill = gtk_level_bar_new_for_interval (0, MAX (d->capacity, 1));
  g_autofree char *date_text = format_date (d->start);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", date_text);
  g_autofree char *seats = NULL;

  gtk_label_set_markup (GTK_LABEL (date), markup);
  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_widget_set_hexpand (date, TRUE);
  gtk_widget_add_css_class (state, "caption");
  gtk_box_append (GTK_BOX (top), date);
  gtk_box_append (GTK_BOX (top), state);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), dim_label (d->product_name));
  gtk_level_bar_set_value (GTK_LEVEL_BAR (fill), MIN (d->sold, d->capacity));
  /* full is good news here: no "low" colouring */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (fill), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (fill), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_box_append (GTK_BOX (box), fill);
  if (d->waiting)
    seats = g_strdup_printf (ngettext ("%u of %u seats sold · %u waiting", "%u of %u seats sold · %u waiting", d->capacity),
                             d->sold, d->capacity, d->waiting);
  else
    seats = g_strdup_printf (ngettext ("%u of %u seat sold", "%u of %u seats sold", d->capacity), d->sold, d->capacity);
  gtk_box_append (GTK_BOX (box), dim_label (seats));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (d->id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, markup, -1);
  return row;
}

/* the rows, not the placeholder */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static GtkWidget *
placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

static GtkWidget *
row_button (const char *icon,
            const char *tooltip,
            const char *action,
            const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

/* for what no icon says well */
static GtkWidget *
row_text_button (const char *label,
                 const char *action,
                 const char *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

static GtkWidget *
booking_row (const TdTourBooking *b)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *total = td_money_format (&b->total);
  g_autofree char *title = g_strdup_printf (ngettext ("%s · %u person", "%s · %u people", b->n_participants),
                                            b->lead_name, b->n_participants);
  g_autofree char *subtitle = NULL;
  TdMoney balance = b->total;
  g_autofree char *left = NULL;

  balance.minor = td_tour_booking_get_balance (b);
  left = td_money_format (&balance);
  if (b->state == TD_TOUR_BOOKING_CANCELLED)
    {
      g_autofree char *fee = b->has_cancellation_fee ? td_money_format (&b->cancellation_fee) : g_strdup ("—");

      title = (g_free (title), g_strdup (b->lead_name));
      if (balance.minor < 0)
        {
          TdMoney refund = balance;
          g_autofree char *back = NULL;

          refund.minor = -balance.minor;
          back = td_money_format (&refund);
          subtitle = g_strdup_printf (_("Cancelled · fee %s · %s to refund"), fee, back);
        }
      else
        subtitle = g_strdup_printf (_("Cancelled · fee %s · %s to settle"), fee, left);
    }
  else
    subtitle = g_strdup_printf (_("%s · total %s · %s to pay · contract: %s"),
                                td_tour_booking_state_get_title (b->state), total, left,
                                td_contract_state_get_title (b->contract_state));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (b->id), g_free);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button ("document-print-symbolic", _("Print the contract"),
                                                                "tours.print-contract", b->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button ("document-save-symbolic", _("Save the contract as PDF"),
                                                                "tours.save-contract", b->id));
  /* what a cancelled booking still owes, or gets back */
  if (b->state == TD_TOUR_BOOKING_CANCELLED && balance.minor != 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_text_button (balance.minor > 0 ? _("_Pay…") : _("_Refund…"),
                                                                      "tours.pay", b->id));
  if (b->state != TD_TOUR_BOOKING_CANCELLED)
    {
      if (b->contract_state != TD_CONTRACT_SIGNED)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button ("document-edit-symbolic", _("The contract is signed"),
                                                                      "tours.sign-contract", b->id));
      if (balance.minor > 0)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_text_button (_("_Pay…"), "tours.pay", b->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button ("edit-delete-symbolic", _("Cancel the booking"),
                                                                    "tours.cancel", b->id));
    }
  return row;
}

static GtkWidget *
participant_row (const TdTourParticipant *p,
                 GPtrArray               *problems)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *seat = p->seat ? g_strdup_printf (_("Seat %u"), p->seat) : g_strdup (_("No seat"));
  g_autofree char *room = p->room ? g_strdup_printf (p->single_room ? _("Room %s (single)") : _("Room %s"), p->room)
                                  : g_strdup (_("No room"));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", td_pax_type_get_title (p->type), room, seat);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_text_button (_("_Seat and Room…"), "tours.place", p->id));
  for (guint i = 0; problems && i < problems->len; i++)
    {
      TdTravelDocumentProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->customer_id, p->customer_id) == 0)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, problem->problem);
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, problem->problem, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
    }
  return row;
}

static GtkWidget *
waiting_row (const TdTourWaiting *w)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf (ngettext ("%s · %u person", "%s · %u people", w->pax), w->name, w->pax);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", td_waiting_state_get_title (w->state),
                                               w->phone ? w->phone : _("no phone"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (w->state == TD_WAITING_OFFERED)
    {
      GtkWidget *badge = gtk_label_new (_("Call them"));

      gtk_widget_add_css_class (badge, "accent");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  if (w->state == TD_WAITING_WAITING || w->state == TD_WAITING_OFFERED)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button ("edit-delete-symbolic", _("Withdraw from the waiting list"),
                                                                  "tours.withdraw", w->id));
  return row;
}

static void
show_departure (TdToursPage *self,
                Snapshot    *s)
{
  TdDeparture *d = s->departure;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) facts = g_string_new (NULL);

  clear_list (self->booking_list);
  clear_list (self->participant_list);
  clear_list (self->waiting_list);
  g_clear_pointer (&self->rooming, g_ptr_array_unref);
  self->capacity = d ? d->capacity : 0;
  if (s->rooming)
    self->rooming = g_ptr_array_ref (s->rooming);
  gtk_widget_set_visible (GTK_WIDGET (self->document_warning), FALSE);
  /* a full departure opens the dialog too: for its waiting list */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tours.book",
                                 d && (td_departure_state_sells (td_departure_get_state (d))
                                       || td_departure_get_state (d) == TD_DEPARTURE_FULL));
  if (d == NULL)
    {
      gtk_label_set_text (self->departure_title, _("No Departures"));
      gtk_label_set_text (self->departure_facts, _("Open a departure of a product in the Products view."));
      gtk_level_bar_set_value (self->departure_fill, 0);
      return;
    }
  date = format_date (d->start);
  title = g_strdup_printf (C_("departure title", "%s · %s"), d->product_name, date);
  gtk_label_set_text (self->departure_title, title);
  g_string_append_printf (facts, ngettext ("%s · %u of %u seat sold, %u free", "%s · %u of %u seats sold, %u free",
                                           d->capacity),
                          td_departure_state_get_title (td_departure_get_state (d)), d->sold, d->capacity,
                          td_departure_get_free (d));
  if (d->min_pax)
    g_string_append_printf (facts, _(" · runs from %u"), d->min_pax);
  if (d->guide)
    g_string_append_printf (facts, _(" · guide %s"), d->guide);
  if (d->vehicle)
    g_string_append_printf (facts, _(" · vehicle %s"), d->vehicle);
  if (s->has_margin)
    {
      g_autofree char *revenue = td_money_format (&s->margin.revenue);
      g_autofree char *costs = td_money_format (&s->margin.costs);
      g_autofree char *margin = td_money_format (&s->margin.margin);

      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Revenue %s − supplier costs %s = margin %s"), revenue, costs, margin);
    }
  gtk_label_set_text (self->departure_facts, facts->str);
  gtk_level_bar_set_value (self->departure_fill, d->capacity ? (double) MIN (d->sold, d->capacity) / d->capacity : 0);

  if (s->problems->len > 0)
    {
      g_autofree char *warning = g_strdup_printf (ngettext ("%u participant has no identity document valid to the end of the trip: see the warning signs below.",
                                                            "%u participants have no identity document valid to the end of the trip: see the warning signs below.",
                                                            s->problems->len),
                                                  s->problems->len);

      gtk_label_set_text (self->document_warning, warning);
      gtk_widget_set_visible (GTK_WIDGET (self->document_warning), TRUE);
    }
  for (guint i = 0; i < s->bookings->len; i++)
    gtk_list_box_append (self->booking_list, booking_row (g_ptr_array_index (s->bookings, i)));
  for (guint i = 0; i < s->rooming->len; i++)
    gtk_list_box_append (self->participant_list, participant_row (g_ptr_array_index (s->rooming, i), s->problems));
  for (guint i = 0; i < s->waiting->len; i++)
    gtk_list_box_append (self->waiting_list, waiting_row (g_ptr_array_index (s->waiting, i)));
}

static GtkWidget *
product_row (const TdTourProduct *p)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (p->name);
  g_autofree char *price = td_money_format (&p->prices[TD_PAX_ADULT]);
  g_autofree char *detail = g_strdup_printf (ngettext ("%s · %u day · from %s", "%s · %u days · from %s", p->days),
                                             p->code, p->days, price);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), dim_label (detail));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (p->id), g_free);
  return row;
}

static void
show_product (TdToursPage *self,
              Snapshot    *s)
{
  TdTourProduct *p = s->product;
  g_autoptr(GString) facts = g_string_new (NULL);
  guint shown_day = 0;

  clear_list (self->itinerary_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tours.open-departure", p != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->route_button), p != NULL);
  if (p == NULL)
    {
      gtk_label_set_text (self->product_title, _("No Tour Products"));
      gtk_label_set_text (self->product_facts, _("Make one with New Product."));
      return;
    }
  gtk_label_set_text (self->product_title, p->name);
  /* the window draws it on the map */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->route_button), "s", p->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->route_button), "win.show-route");
  for (guint t = 0; t < TD_PAX_N_TYPES; t++)
    {
      g_autofree char *price = td_money_format (p->has_price[t] ? &p->prices[t] : &p->prices[TD_PAX_ADULT]);

      g_string_append_printf (facts, "%s%s %s", t ? " · " : "", td_pax_type_get_title (t), price);
    }
  if (p->has_single_supplement)
    {
      g_autofree char *supplement = td_money_format (&p->single_supplement);

      g_string_append_printf (facts, _(" · single room +%s"), supplement);
    }
  g_string_append_c (facts, '\n');
  g_string_append_printf (facts, _("Deposit %u %%, balance %u days before departure"), p->deposit_percent, p->balance_days);
  for (guint i = 0; s->surcharges && i < s->surcharges->len; i++)
    {
      TdTourSurcharge *surcharge = g_ptr_array_index (s->surcharges, i);
      g_autofree char *amount = td_money_format (&surcharge->amount);
      g_autofree char *from = td_date_format_iso (surcharge->start);
      g_autofree char *to = td_date_format_iso (surcharge->end - 1);

      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("%s: +%s a person for departures %s to %s"), surcharge->name, amount, from, to);
    }
  if (p->included)
    {
      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Included: %s"), p->included);
    }
  if (p->excluded)
    {
      g_string_append_c (facts, '\n');
      g_string_append_printf (facts, _("Not included: %s"), p->excluded);
    }
  gtk_label_set_text (self->product_facts, facts->str);

  for (guint i = 0; s->items && i < s->items->len; i++)
    {
      TdTourItem *item = g_ptr_array_index (s->items, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autoptr(GString) subtitle = g_string_new (td_tour_item_type_get_title (item->type));

      title = item->day != shown_day ? g_strdup_printf (_("Day %u · %s"), item->day, item->title) : g_strdup (item->title);
      shown_day = item->day;
      if (item->supplier)
        g_string_append_printf (subtitle, " · %s", item->supplier);
      if (item->has_cost)
        {
          g_autofree char *cost = td_money_format (&item->cost);

          g_string_append_printf (subtitle, item->cost_per_group ? _(" · %s the group") : _(" · %s a person"), cost);
        }
      if (item->notes)
        g_string_append_printf (subtitle, " · %s", item->notes);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_list_box_append (self->itinerary_list, row);
    }
}

static void
show_dues (TdToursPage *self,
           Snapshot    *s)
{
  clear_list (self->due_list);
  for (guint i = 0; i < s->dues->len; i++)
    {
      TdTourPaymentDue *due = g_ptr_array_index (s->dues, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *amount = td_money_format (&due->amount);
      g_autofree char *date = format_date (due->due);
      g_autofree char *departure = format_date (due->departure_date);
      g_autofree char *title = g_strdup_printf ("%s · %s", due->lead_name, amount);
      g_autofree char *subtitle = g_strdup_printf (due->overdue ? _("Overdue since %s · %s, departs %s")
                                                                : _("Due %s · %s, departs %s"),
                                                   date, due->product_name, departure);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (due->overdue)
        {
          GtkWidget *badge = gtk_label_new (_("Overdue"));

          gtk_widget_add_css_class (badge, "error");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_text_button (_("_Pay…"), "tours.pay", due->booking_id));
      gtk_list_box_append (self->due_list, row);
    }
}

static void
select_row_with_id (GtkListBox *list,
                    const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (g_object_get_data (G_OBJECT (child), "id"), id) == 0)
      {
        gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (child));
        return;
      }
}

static void
show_snapshot (TdToursPage *self,
               Snapshot    *s)
{
  self->filling = TRUE;
  clear_list (self->departure_list);
  for (guint i = 0; i < s->departures->len; i++)
    gtk_list_box_append (self->departure_list, departure_row (g_ptr_array_index (s->departures, i)));
  clear_list (self->product_list);
  for (guint i = 0; i < s->products->len; i++)
    gtk_list_box_append (self->product_list, product_row (g_ptr_array_index (s->products, i)));

  g_free (self->departure_id);
  self->departure_id = s->departure ? g_strdup (s->departure->id) : NULL;
  g_free (self->product_id);
  self->product_id = s->product ? g_strdup (s->product->id) : NULL;
  select_row_with_id (self->departure_list, self->departure_id);
  select_row_with_id (self->product_list, self->product_id);
  show_departure (self, s);
  show_product (self, s);
  show_dues (self, s);
  td_departure_calendar_set_departures (TD_DEPARTURE_CALENDAR (self->calendar), s->departures, s->today);
  self->filling = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "tours");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPARTURE_ID]);
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdToursPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Snapshot *s = g_task_get_task_data (G_TASK (result));

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
  show_snapshot (self, s);
}

static void
td_tours_page_refresh (TdArea *area)
{
  TdToursPage *self = TD_TOURS_PAGE (area);
  g_autoptr(GCancellable) cancellable = NULL;
  Snapshot *s;

  if (self->database == NULL)
    {
      td_area_set_loading (area, &self->cancellable, NULL, self->spinner);
      return;
    }
  cancellable = g_cancellable_new ();
  td_area_set_loading (area, &self->cancellable, cancellable, self->spinner);
  s = g_new0 (Snapshot, 1);
  s->departure_id = g_strdup (self->departure_id);
  s->product_id = g_strdup (self->product_id);
  td_run_in_thread (self->database, cancellable, td_tours_page_refresh, s, (GDestroyNotify) snapshot_free,
                    load_thread, load_cb, g_object_ref (self));
}

static void
departure_selected_cb (TdToursPage   *self,
                       GtkListBoxRow *row)
{
  const char *id = row ? g_object_get_data (G_OBJECT (row), "id") : NULL;

  if (self->filling || id == NULL || g_strcmp0 (id, self->departure_id) == 0)
    return;
  td_tours_page_select_departure (self, id);
}

static void
product_selected_cb (TdToursPage   *self,
                     GtkListBoxRow *row)
{
  const char *id = row ? g_object_get_data (G_OBJECT (row), "id") : NULL;

  if (self->filling || id == NULL || g_strcmp0 (id, self->product_id) == 0)
    return;
  td_tours_page_select_product (self, id);
}

/* ------------------------------------------------------------------ */
/* writes, in a worker thread                                         */

typedef gboolean (*WriteFunc) (TdDatabase  *db,
                               gpointer     data,
                               GError     **error);

typedef struct {
  WriteFunc       func;
  gpointer        data;
  GDestroyNotify  free_data;
  char           *done;       /* what to say when it worked, or NULL */
} Write;

static void
write_free (Write *w)
{
  if (w->free_data)
    w->free_data (w->data);
  g_free (w->done);
  g_free (w);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Write *w = task_data;
  GError *error = NULL;

  if (w->func (source_object, w->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_message (TdToursPage *self,
              const char  *heading,
              const char  *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdToursPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Write *w = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_message (self, _("Not Done"), error->message);
  else if (w->done)
    show_message (self, _("Done"), w->done);
  td_tours_page_refresh (TD_AREA (self));
}

static void
run_write (TdToursPage    *self,
           WriteFunc       func,
           gpointer        data,
           GDestroyNotify  free_data)
{
  Write *w = g_new0 (Write, 1);

  w->func = func;
  w->data = data;
  w->free_data = free_data;
  td_run_in_thread (self->database, NULL, run_write, w, (GDestroyNotify) write_free,
                    write_thread, write_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* actions                                                            */

static GtkWindow *
parent_window (TdToursPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A question over the window: keep_label closes it, accept_label
 * answers accept_id to response_cb (AdwMessageDialog::response), with
 * data, freed with free_data when the dialog goes. */
static void
ask_window (TdToursPage           *self,
            const char            *heading,
            const char            *body,
            GtkWidget             *extra,
            const char            *keep_label,
            const char            *accept_id,
            const char            *accept_label,
            AdwResponseAppearance  appearance,
            GCallback              response_cb,
            gpointer               data,
            GDestroyNotify         free_data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));

  if (extra)
    adw_message_dialog_set_extra_child (dialog, extra);
  adw_message_dialog_add_responses (dialog, "keep", keep_label, accept_id, accept_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, accept_id, appearance);
  /* Enter does what is safe */
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_DESTRUCTIVE ? "keep" : accept_id);
  adw_message_dialog_set_close_response (dialog, "keep");
  /* data lives as long as the dialog, whatever responses it gives */
  g_signal_connect_data (dialog, "response", response_cb, data, (GClosureNotify) (void (*) (void)) free_data, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
booked_cb (TdToursPage *self,
           const char  *booking_id)
{
  td_tours_page_refresh (TD_AREA (self));
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdToursPage *self = TD_TOURS_PAGE (widget);
  GtkWidget *dialog;

  if (self->database == NULL || self->departure_id == NULL)
    return;
  dialog = td_tour_booking_dialog_new (parent_window (self), self->database, self->departure_id);
  g_signal_connect_object (dialog, "booked", G_CALLBACK (booked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "waitlisted", G_CALLBACK (booked_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
product_saved_cb (TdToursPage *self,
                  const char  *product_id)
{
  td_tours_page_select_product (self, product_id);
  td_tours_page_show_view (self, "products");
}

static void
new_product_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdToursPage *self = TD_TOURS_PAGE (widget);
  GtkWidget *dialog;

  if (self->database == NULL)
    return;
  dialog = td_tour_product_dialog_new (parent_window (self), self->database);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (product_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  char    *product_id;
  guint32  start;
  guint    capacity;
  guint    min_pax;
  char    *departure_id;   /* out */
} OpenDeparture;

static void
open_departure_free (OpenDeparture *o)
{
  g_free (o->product_id);
  g_free (o->departure_id);
  g_free (o);
}

static void
open_departure_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TdToursPage) self = user_data;
  g_autoptr(GError) error = NULL;
  OpenDeparture *o = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_label_set_text (self->open_error, error->message);
      return;
    }
  gtk_label_set_text (self->open_error, "");
  gtk_editable_set_text (GTK_EDITABLE (self->departure_date_row), "");
  td_tours_page_select_departure (self, o->departure_id);
  td_tours_page_show_view (self, "departures");
}

static void
open_departure_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  OpenDeparture *o = task_data;
  GError *error = NULL;

  o->departure_id = td_departure_create (source_object, NULL, o->product_id, o->start, o->capacity, o->min_pax,
                                         NULL, NULL, TD_DEPARTURE_OPEN, &error);
  if (o->departure_id)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
open_departure_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TdToursPage *self = TD_TOURS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->departure_date_row));
  OpenDeparture *o;
  guint32 start;

  if (self->database == NULL || self->product_id == NULL)
    return;
  if (!td_date_parse_iso (g_strstrip (g_strdup (text)), &start, &error))
    {
      gtk_label_set_text (self->open_error, error->message);
      return;
    }
  o = g_new0 (OpenDeparture, 1);
  o->product_id = g_strdup (self->product_id);
  o->start = start;
  o->capacity = (guint) gtk_spin_button_get_value_as_int (self->capacity_spin);
  o->min_pax = (guint) gtk_spin_button_get_value_as_int (self->min_pax_spin);
  td_run_in_thread (self->database, NULL, open_departure_action, o, (GDestroyNotify) open_departure_free,
                    open_departure_thread, open_departure_done, g_object_ref (self));
}

static TdDocument *
contract_for (TdToursPage *self,
              const char  *booking_id)
{
  g_autoptr(GError) error = NULL;
  TdDocument *doc = td_contract_document_new (self->database, booking_id, &error);

  if (doc == NULL)
    show_message (self, _("No Contract"), error->message);
  return doc;
}

static gboolean
mark_printed (TdDatabase  *db,
              gpointer     data,
              GError     **error)
{
  g_autoptr(TdTourBooking) booking = td_tour_booking_get (db, data, error);

  if (booking == NULL)
    return FALSE;
  return booking->contract_state != TD_CONTRACT_NONE
         || td_tour_booking_set_contract (db, NULL, booking->id, TD_CONTRACT_PRINTED, error);
}

static void
print_contract_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TdToursPage *self = TD_TOURS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(TdDocument) doc = contract_for (self, id);

  if (doc == NULL)
    return;
  td_print_document (parent_window (self), doc);
  run_write (self, mark_printed, g_strdup (id), g_free);
}

static void
save_contract_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TdToursPage *self = TD_TOURS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(TdDocument) doc = contract_for (self, id);
  g_autofree char *name = td_contract_document_file_name (id);

  if (doc == NULL)
    return;
  td_save_document_pdf (parent_window (self), doc, name);
  run_write (self, mark_printed, g_strdup (id), g_free);
}

static gboolean
mark_signed (TdDatabase  *db,
             gpointer     data,
             GError     **error)
{
  return td_tour_booking_set_contract (db, NULL, data, TD_CONTRACT_SIGNED, error);
}

static void
sign_contract_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  run_write (TD_TOURS_PAGE (widget), mark_signed, g_strdup (g_variant_get_string (parameter, NULL)), g_free);
}

static gboolean
withdraw (TdDatabase  *db,
          gpointer     data,
          GError     **error)
{
  return td_tour_waitlist_set_state (db, NULL, data, TD_WAITING_WITHDRAWN, error);
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  run_write (TD_TOURS_PAGE (widget), withdraw, g_strdup (g_variant_get_string (parameter, NULL)), g_free);
}

/* cancelling: asked first, with the penalty; the waiting list is told after */

typedef struct {
  TdToursPage *self;
  char        *booking_id;
} CancelAsk;

static void
cancel_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  TdTourCancellation *cancellation = td_tour_cancel (source_object, NULL, task_data, NULL, &error);

  if (cancellation)
    g_task_return_pointer (task, cancellation, (GDestroyNotify) td_tour_cancellation_free);
  else
    g_task_return_error (task, error);
}

static void
cancel_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TdToursPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTourCancellation) cancellation = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *fee = NULL;

  td_tours_page_refresh (TD_AREA (self));
  if (cancellation == NULL)
    {
      show_message (self, _("Not Cancelled"), error->message);
      return;
    }
  fee = td_money_format (&cancellation->fee);
  g_string_append_printf (body, ngettext ("%u seat is free again. The cancellation fee is %s (%u %%).",
                                          "%u seats are free again. The cancellation fee is %s (%u %%).",
                                          cancellation->seats_freed),
                          cancellation->seats_freed, fee, cancellation->percent);
  if (cancellation->offered->len > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("Offer the seats to the waiting list, now:"));
      for (guint i = 0; i < cancellation->offered->len; i++)
        {
          TdTourWaiting *w = g_ptr_array_index (cancellation->offered, i);

          g_string_append_printf (body, ngettext ("\n• %s, %u person, phone %s", "\n• %s, %u people, phone %s", w->pax),
                                  w->name, w->pax, w->phone ? w->phone : "—");
        }
    }
  show_message (self, _("Booking Cancelled"), body->str);
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CancelAsk        *ask)
{
  if (g_str_equal (response, "cancel-booking") && ask->self->database)
    td_run_in_thread (ask->self->database, NULL, cancel_response_cb, g_strdup (ask->booking_id), g_free,
                      cancel_thread, cancel_done, g_object_ref (ask->self));
}

static void
cancel_ask_free (CancelAsk *ask)
{
  g_object_unref (ask->self);
  g_free (ask->booking_id);
  g_free (ask);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdToursPage *self = TD_TOURS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTourBooking) booking = td_tour_booking_get (self->database, id, &error);
  g_autoptr(TdTourProduct) product = booking ? td_tour_product_get (self->database, booking->product_id, &error) : NULL;
  g_autofree char *body = NULL;
  g_autofree char *fee_text = NULL;
  CancelAsk *ask;
  TdDeskTime when;
  TdMoney fee;
  guint percent;
  int days;

  if (product == NULL)
    {
      show_message (self, _("Not Cancelled"), error->message);
      return;
    }
  td_desk_time_init_now (&when, self->database);
  days = (int) booking->departure_date - (int) when.today;
  percent = td_cancel_tiers_percent (product->cancel_tiers, days);
  fee = booking->total;
  fee.minor = td_percent_of (booking->total.minor, percent);
  fee_text = td_money_format (&fee);
  body = g_strdup_printf (_("The departure is in %d days: the cancellation terms ask %u %% of the price, %s. "
                            "The seats are freed at once."), days, percent, fee_text);
  ask = g_new0 (CancelAsk, 1);
  ask->self = g_object_ref (self);
  ask->booking_id = g_strdup (id);
  ask_window (self, _("Cancel the Booking?"), body, NULL, _("_Keep It"), "cancel-booking", _("_Cancel Booking"),
              ADW_RESPONSE_DESTRUCTIVE, G_CALLBACK (cancel_response_cb), ask, (GDestroyNotify) cancel_ask_free);
}

/* recording a payment: the amount (the balance proposed) and the method */

typedef struct {
  TdToursPage *self;
  char        *booking_id;
  char        *currency;
  GtkEntry    *amount;
  GtkDropDown *method;
} PayAsk;

static const char *const methods[] = { "wechat", "alipay", "cash", "card", "transfer", "other" };

typedef struct {
  char    *booking_id;
  TdMoney  amount;
  char    *method;
} Payment;

static void
payment_free (Payment *p)
{
  g_free (p->booking_id);
  g_free (p->method);
  g_free (p);
}

static gboolean
record_payment (TdDatabase  *db,
                gpointer     data,
                GError     **error)
{
  Payment *p = data;
  g_autofree char *id = td_tour_pay (db, NULL, p->booking_id, &p->amount, p->method, NULL, NULL, error);

  return id != NULL;
}

static void
pay_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 PayAsk           *ask)
{
  if (g_str_equal (response, "pay") && ask->self->database)
    {
      g_autoptr(GError) error = NULL;
      Payment *p = g_new0 (Payment, 1);

      p->booking_id = g_strdup (ask->booking_id);
      p->method = g_strdup (methods[gtk_drop_down_get_selected (ask->method) % G_N_ELEMENTS (methods)]);
      if (!td_money_parse (gtk_editable_get_text (GTK_EDITABLE (ask->amount)), ask->currency, &p->amount, &error))
        {
          show_message (ask->self, _("Not Recorded"), error->message);
          payment_free (p);
        }
      else
        run_write (ask->self, record_payment, p, (GDestroyNotify) payment_free);
    }
}

static void
pay_ask_free (PayAsk *ask)
{
  g_object_unref (ask->self);
  g_free (ask->booking_id);
  g_free (ask->currency);
  g_free (ask);
}

static void
pay_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TdToursPage *self = TD_TOURS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTourBooking) booking = td_tour_booking_get (self->database, id, &error);
  /* the titles the folio uses too (td-payment-method.h) */
  const char *titles[G_N_ELEMENTS (methods) + 1] = { NULL };
  g_autofree char *body = NULL;
  g_autofree char *balance_text = NULL;
  GtkWidget *box;
  PayAsk *ask;
  TdMoney balance;

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    titles[i] = td_payment_method_describe (methods[i]);

  if (booking == NULL)
    {
      show_message (self, _("Not Recorded"), error->message);
      return;
    }
  balance = booking->total;
  balance.minor = td_tour_booking_get_balance (booking);
  balance_text = td_money_to_decimal (&balance);
  body = g_strdup_printf (balance.minor < 0 ? _("%s, %s: the amount paid back (negative) and how.")
                                            : _("%s, %s: the amount received and how."),
                          booking->lead_name, booking->product_name);
  ask = g_new0 (PayAsk, 1);
  ask->self = g_object_ref (self);
  ask->booking_id = g_strdup (id);
  ask->currency = g_strdup (booking->total.currency);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  ask->amount = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (ask->amount), balance_text);
  gtk_entry_set_input_purpose (ask->amount, GTK_INPUT_PURPOSE_NUMBER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->amount), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Amount"), -1);
  ask->method = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (titles));
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->method), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Method"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->amount));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->method));
  ask_window (self, _("Record a Payment"), body, box, _("_Cancel"), "pay", _("_Record"),
              ADW_RESPONSE_SUGGESTED, G_CALLBACK (pay_response_cb), ask, (GDestroyNotify) pay_ask_free);
}

/* a departure's state, as the clerk sets it */

typedef struct {
  char             *departure_id;
  TdDepartureState  state;
} SetState;

static void
set_state_free (SetState *s)
{
  g_free (s->departure_id);
  g_free (s);
}

static gboolean
set_state (TdDatabase  *db,
           gpointer     data,
           GError     **error)
{
  SetState *s = data;

  return td_departure_set_state (db, NULL, s->departure_id, s->state, error);
}

static void
set_state_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdToursPage *self = TD_TOURS_PAGE (widget);
  SetState *s;
  TdDepartureState state;

  if (self->departure_id == NULL
      || !td_departure_state_from_string (g_variant_get_string (parameter, NULL), &state))
    return;
  s = g_new0 (SetState, 1);
  s->departure_id = g_strdup (self->departure_id);
  s->state = state;
  run_write (self, set_state, s, (GDestroyNotify) set_state_free);
}

/* a participant's seat and room */

typedef struct {
  TdToursPage   *self;
  char          *participant_id;
  GtkSpinButton *seat;
  GtkEntry      *room;
} PlaceAsk;

typedef struct {
  char  *participant_id;
  guint  seat;
  char  *room;
} Place;

static void
place_free (Place *p)
{
  g_free (p->participant_id);
  g_free (p->room);
  g_free (p);
}

static gboolean
place (TdDatabase  *db,
       gpointer     data,
       GError     **error)
{
  Place *p = data;

  return td_tour_participant_place (db, NULL, p->participant_id, p->seat, p->room, error);
}

static void
place_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PlaceAsk         *ask)
{
  if (g_str_equal (response, "place") && ask->self->database)
    {
      Place *p = g_new0 (Place, 1);

      p->participant_id = g_strdup (ask->participant_id);
      p->seat = (guint) gtk_spin_button_get_value_as_int (ask->seat);
      p->room = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->room))));
      run_write (ask->self, place, p, (GDestroyNotify) place_free);
    }
}

static void
place_ask_free (PlaceAsk *ask)
{
  g_object_unref (ask->self);
  g_free (ask->participant_id);
  g_free (ask);
}

static void
place_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TdToursPage *self = TD_TOURS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  TdTourParticipant *participant = NULL;
  GtkWidget *box;
  PlaceAsk *ask;

  for (guint i = 0; self->rooming && i < self->rooming->len; i++)
    if (g_str_equal (((TdTourParticipant *) g_ptr_array_index (self->rooming, i))->id, id))
      participant = g_ptr_array_index (self->rooming, i);
  if (participant == NULL)
    return;
  ask = g_new0 (PlaceAsk, 1);
  ask->self = g_object_ref (self);
  ask->participant_id = g_strdup (id);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  ask->seat = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, MAX (self->capacity, 1), 1));
  gtk_spin_button_set_value (ask->seat, participant->seat);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->seat), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Seat (0: none)"), -1);
  ask->room = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (ask->room), participant->room ? participant->room : "");
  gtk_entry_set_placeholder_text (ask->room, _("Room (the same for those who share it)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->room), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Room"), -1);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Seat (0: none)")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->seat));
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Room")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->room));
  ask_window (self, _("Seat and Room"), participant->name, box, _("_Cancel"), "place", _("_Save"),
              ADW_RESPONSE_SUGGESTED, G_CALLBACK (place_response_cb), ask, (GDestroyNotify) place_ask_free);
}

/* ------------------------------------------------------------------ */

/* a departure chosen in the calendar: shown in Departures */
static void
calendar_activated_cb (TdToursPage *self,
                       const char  *departure_id)
{
  td_tours_page_select_departure (self, departure_id);
  adw_view_stack_set_visible_child_name (self->views, "departures");
}

void
td_tours_page_select_departure (TdToursPage *self,
                                const char  *departure_id)
{
  g_return_if_fail (TD_IS_TOURS_PAGE (self));

  g_free (self->departure_id);
  self->departure_id = g_strdup (departure_id);
  td_tours_page_refresh (TD_AREA (self));
}

void
td_tours_page_select_product (TdToursPage *self,
                              const char  *product_id)
{
  g_return_if_fail (TD_IS_TOURS_PAGE (self));

  g_free (self->product_id);
  self->product_id = g_strdup (product_id);
  td_tours_page_refresh (TD_AREA (self));
}

const char *
td_tours_page_get_departure_id (TdToursPage *self)
{
  g_return_val_if_fail (TD_IS_TOURS_PAGE (self), NULL);
  return self->departure_id;
}

const char *
td_tours_page_get_product_id (TdToursPage *self)
{
  g_return_val_if_fail (TD_IS_TOURS_PAGE (self), NULL);
  return self->product_id;
}

void
td_tours_page_show_view (TdToursPage *self,
                         const char  *name)
{
  g_return_if_fail (TD_IS_TOURS_PAGE (self));
  adw_view_stack_set_visible_child_name (self->views, name);
}

static void
database_changed_cb (TdToursPage *self)
{
  td_tours_page_refresh (TD_AREA (self));
}

static void
td_tours_page_set_database (TdToursPage *self,
                            TdDatabase  *database)
{
  if (self->database == database)
    return;
  if (self->database && self->changed_id)
    g_signal_handler_disconnect (self->database, self->changed_id);
  self->changed_id = 0;
  g_set_object (&self->database, database);
  g_clear_pointer (&self->departure_id, g_free);
  g_clear_pointer (&self->product_id, g_free);
  if (database)
    self->changed_id = g_signal_connect_swapped (database, "changed", G_CALLBACK (database_changed_cb), self);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  td_tours_page_refresh (TD_AREA (self));
  g_object_notify (G_OBJECT (self), "database");
}

static void
td_area_iface_init (TdAreaInterface *iface)
{
  iface->refresh = td_tours_page_refresh;
}

static void
td_tours_page_dispose (GObject *object)
{
  TdToursPage *self = TD_TOURS_PAGE (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->database && self->changed_id)
    g_signal_handler_disconnect (self->database, self->changed_id);
  self->changed_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_TOURS_PAGE);
  G_OBJECT_CLASS (td_tours_page_parent_class)->dispose (object);
}

static void
td_tours_page_finalize (GObject *object)
{
  TdToursPage *self = TD_TOURS_PAGE (object);

  g_clear_object (&self->database);
  g_free (self->departure_id);
  g_free (self->product_id);
  g_clear_pointer (&self->rooming, g_ptr_array_unref);
  G_OBJECT_CLASS (td_tours_page_parent_class)->finalize (object);
}

static void
td_tours_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdToursPage *self = TD_TOURS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DEPARTURE_ID:
      g_value_set_string (value, self->departure_id);
      break;
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
td_tours_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TdToursPage *self = TD_TOURS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      td_tours_page_set_database (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_tours_page_class_init (TdToursPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_tours_page_dispose;
  object_class->finalize = td_tours_page_finalize;
  object_class->get_property = td_tours_page_get_property;
  object_class->set_property = td_tours_page_set_property;

  /* the departure shown; notified after each load */
  properties[PROP_DEPARTURE_ID] =
    g_param_spec_string ("departure-id", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_DATABASE, "database");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");

  gtk_widget_class_install_action (widget_class, "tours.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "tours.new-product", NULL, new_product_action);
  gtk_widget_class_install_action (widget_class, "tours.open-departure", NULL, open_departure_action);
  gtk_widget_class_install_action (widget_class, "tours.print-contract", "s", print_contract_action);
  gtk_widget_class_install_action (widget_class, "tours.save-contract", "s", save_contract_action);
  gtk_widget_class_install_action (widget_class, "tours.sign-contract", "s", sign_contract_action);
  gtk_widget_class_install_action (widget_class, "tours.cancel", "s", cancel_action);
  gtk_widget_class_install_action (widget_class, "tours.pay", "s", pay_action);
  gtk_widget_class_install_action (widget_class, "tours.withdraw", "s", withdraw_action);
  gtk_widget_class_install_action (widget_class, "tours.set-state", "s", set_state_action);
  gtk_widget_class_install_action (widget_class, "tours.place", "s", place_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-tours-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, views);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, departure_list);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, departure_title);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, departure_facts);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, departure_fill);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, book_button);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, document_warning);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, booking_list);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, participant_list);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, product_list);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, product_title);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, product_facts);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, itinerary_list);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, route_button);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, departure_date_row);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, min_pax_spin);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, open_error);
  gtk_widget_class_bind_template_child (widget_class, TdToursPage, due_list);
}

static void
td_tours_page_init (TdToursPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the departures by month, after the list of them */
  {
    AdwViewStackPage *page;

    self->calendar = td_departure_calendar_new ();
    gtk_widget_set_name (self->calendar, "departure-calendar");
    page = adw_view_stack_add_titled (self->views, self->calendar, "calendar", _("Calendar"));
    adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");
    g_signal_connect_swapped (self->calendar, "departure-activated", G_CALLBACK (calendar_activated_cb), self);
  }
  gtk_list_box_set_placeholder (self->booking_list, placeholder (_("No bookings yet")));
  gtk_list_box_set_placeholder (self->participant_list, placeholder (_("No participants yet")));
  gtk_list_box_set_placeholder (self->waiting_list, placeholder (_("Nobody is waiting")));
  gtk_list_box_set_placeholder (self->itinerary_list, placeholder (_("No itinerary yet")));
  gtk_list_box_set_placeholder (self->due_list, placeholder (_("Nothing is due")));
  gtk_list_box_set_placeholder (self->departure_list, placeholder (_("No departures")));
  gtk_list_box_set_placeholder (self->product_list, placeholder (_("No tour products")));
  g_signal_connect_swapped (self->departure_list, "row-selected", G_CALLBACK (departure_selected_cb), self);
  g_signal_connect_swapped (self->product_list, "row-selected", G_CALLBACK (product_selected_cb), self);
}

GtkWidget *
td_tours_page_new (void)
{
  return g_object_new (TD_TYPE_TOURS_PAGE, NULL);
}
