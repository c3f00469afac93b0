/* test-tours-ui.c: the tours area on the demo workspace: a product made
 * through its dialog (with an itinerary item), a departure opened for it,
 * participants found by search and booked through the booking dialog, a
 * booking refused for want of seats with the core's message, the contract
 * of the booking saved as a PDF
 *
 * Runs under a display (xvfb-run), in the ui suite. With TD_SCREENSHOT_DIR
 * set, PNGs of the area (English and zh_CN) are written there, and the
 * contract beside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-application.h"
#include "td-area.h"
#include "td-contract-document.h"
#include "td-map-page.h"
#include "td-tour-booking-dialog.h"
#include "td-tour-product-dialog.h"
#include "td-departure-calendar.h"
#include "td-tours-page.h"
#include "td-window.h"
#include "td-test-ui-utils.h"

static TdApplication *app;
static char *demo_path;
static char *home;

static TdToursPage *
open_tours (TdWindow **window_out)
{
  TdWindow *window = td_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, demo_path, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "tours");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the tours area");
  g_assert_cmpstr (td_window_get_area (window), ==, "tours");
  *window_out = window;
  return TD_TOURS_PAGE (td_window_get_area_widget (window, "tours"));
}

static gboolean
page_idle (gpointer data)
{
  return !td_area_get_loading (TD_AREA (data));
}

static gboolean
product_dialog_gone (gpointer data)
{
  return td_test_ui_find_toplevel (TD_TYPE_TOUR_PRODUCT_DIALOG) == NULL;
}

static gboolean
booking_done_or_refused (gpointer data)
{
  GtkWidget *dialog = td_test_ui_find_toplevel (TD_TYPE_TOUR_BOOKING_DIALOG);

  return dialog == NULL || *td_tour_booking_dialog_get_error (TD_TOUR_BOOKING_DIALOG (dialog)) != '\0';
}

static gboolean
booking_dialog_gone (gpointer data)
{
  return td_test_ui_find_toplevel (TD_TYPE_TOUR_BOOKING_DIALOG) == NULL;
}

static void
set_row (GtkWidget  *dialog,
         GType       type,
         const char *name,
         const char *text)
{
  GObject *row = gtk_widget_get_template_child (dialog, type, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

typedef struct {
  TdToursPage *page;
  char        *old;
} DepartureWait;

static gboolean
departure_changed (gpointer data)
{
  DepartureWait *w = data;

  return page_idle (w->page) && g_strcmp0 (td_tours_page_get_departure_id (w->page), w->old) != 0;
}

static gboolean
has_results (gpointer data)
{
  GtkListBox *list = data;

  return gtk_list_box_get_row_at_index (list, 0) != NULL;
}

/* the message dialog headed data, if one is shown */
static GtkWidget *
find_message (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* the button below root labelled label (with its mnemonic) */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found)
        return found;
    }
  return NULL;
}

/* a click on the button of a response, as a person gives it */
static void
answer (GtkWidget  *dialog,
        const char *response)
{
  GtkWidget *button;

  g_assert_nonnull (dialog);
  button = find_button (dialog, adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), response));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
message_shown (gpointer data)
{
  return find_message (data) != NULL;
}

static TdWindow *current_window;

static gboolean
departure_closed (gpointer data)
{
  g_autoptr(TdDeparture) d = td_departure_get (td_window_get_database (current_window), data, NULL);

  return d && d->stored_state == TD_DEPARTURE_CLOSED;
}

static gboolean
booking_paid (gpointer data)
{
  g_autoptr(TdTourBooking) booking = td_tour_booking_get (td_window_get_database (current_window), data, NULL);

  return booking && td_tour_booking_get_balance (booking) == 0;
}

static gboolean
has_error (gpointer data)
{
  return *td_tour_booking_dialog_get_error (data) != '\0';
}

static gboolean
route_shown (gpointer data)
{
  GtkWidget *map = td_window_get_area_widget (TD_WINDOW (data), "map");

  return TD_IS_MAP_PAGE (map) && td_map_page_get_route (TD_MAP_PAGE (map)) != NULL;
}

static void
test_tours (void)
{
  TdWindow *window;
  TdToursPage *page = open_tours (&window);
  TdDatabase *db = td_window_get_database (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(TdDeparture) departure = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(TdDocument) contract = NULL;
  g_autofree char *date = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *pdf_data = NULL;
  const char *dir = g_getenv ("TD_SCREENSHOT_DIR");
  GtkWidget *dialog;
  GtkListBox *results;
  DepartureWait wait = { page, NULL };
  const char *booking_id;
  TdDeskTime when;
  gsize pdf_len = 0;

  current_window = window;
  td_test_ui_screenshot (GTK_WIDGET (window), "tours-departures");

  /* a product, through its dialog, with one itinerary item */
  gtk_widget_activate_action (GTK_WIDGET (page), "tours.new-product", NULL);
  dialog = td_test_ui_find_toplevel (TD_TYPE_TOUR_PRODUCT_DIALOG);
  g_assert_nonnull (dialog);
  set_row (dialog, TD_TYPE_TOUR_PRODUCT_DIALOG, "code_row", "YT1");
  set_row (dialog, TD_TYPE_TOUR_PRODUCT_DIALOG, "name_row", "云台山一日游");
  set_row (dialog, TD_TYPE_TOUR_PRODUCT_DIALOG, "adult_row", "358");
  set_row (dialog, TD_TYPE_TOUR_PRODUCT_DIALOG, "child_row", "198");
  set_row (dialog, TD_TYPE_TOUR_PRODUCT_DIALOG, "item_title_row", "云台山");
  set_row (dialog, TD_TYPE_TOUR_PRODUCT_DIALOG, "supplier_row", "云台山景区");
  set_row (dialog, TD_TYPE_TOUR_PRODUCT_DIALOG, "cost_row", "120");
  gtk_widget_activate_action (dialog, "product.add-item", NULL);
  g_assert_cmpuint (td_tour_product_dialog_get_n_items (TD_TOUR_PRODUCT_DIALOG (dialog)), ==, 1);
  /* a price that is not money is refused, naming the field */
  set_row (dialog, TD_TYPE_TOUR_PRODUCT_DIALOG, "senior_row", "三百");
  gtk_widget_activate_action (dialog, "product.save", NULL);
  g_assert_nonnull (strstr (td_tour_product_dialog_get_error (TD_TOUR_PRODUCT_DIALOG (dialog)), "Senior"));
  set_row (dialog, TD_TYPE_TOUR_PRODUCT_DIALOG, "senior_row", "");
  td_test_ui_screenshot (dialog, "tours-product-dialog");
  gtk_widget_activate_action (dialog, "product.save", NULL);
  td_test_ui_wait_until (product_dialog_gone, NULL, "the product saved");
  td_test_ui_wait_until (page_idle, page, "the products");
  {
    g_autoptr(TdTourProduct) product = td_tour_product_find (db, "YT1", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (td_tours_page_get_product_id (page), ==, product->id);
    g_assert_cmpint (product->prices[TD_PAX_CHILD].minor, ==, 19800);
  }

  /* a departure of it, three weeks from today, of three seats */
  td_desk_time_init_now (&when, db);
  date = td_date_format_iso (when.today + 21);
  set_row (GTK_WIDGET (page), TD_TYPE_TOURS_PAGE, "departure_date_row", date);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page), TD_TYPE_TOURS_PAGE,
                                                                             "capacity_spin")), 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page), TD_TYPE_TOURS_PAGE,
                                                                             "min_pax_spin")), 2);
  td_test_ui_screenshot (GTK_WIDGET (window), "tours-products");
  wait.old = g_strdup (td_tours_page_get_departure_id (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "tours.open-departure", NULL);
  td_test_ui_wait_until (departure_changed, &wait, "the new departure");
  g_free (wait.old);
  departure = td_departure_get (db, td_tours_page_get_departure_id (page), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (departure->product_code, ==, "YT1");
  g_assert_cmpuint (departure->capacity, ==, 3);

  /* the booking dialog: one traveller found by search and chosen, two more */
  gtk_widget_activate_action (GTK_WIDGET (page), "tours.book", NULL);
  dialog = td_test_ui_find_toplevel (TD_TYPE_TOUR_BOOKING_DIALOG);
  g_assert_nonnull (dialog);
  set_row (dialog, TD_TYPE_TOUR_BOOKING_DIALOG, "search_entry", "王");
  results = GTK_LIST_BOX (gtk_widget_get_template_child (dialog, TD_TYPE_TOUR_BOOKING_DIALOG, "result_list"));
  td_test_ui_wait_until (has_results, results, "customers found");
  g_signal_emit_by_name (results, "row-activated", gtk_list_box_get_row_at_index (results, 0));
  g_assert_cmpuint (td_tour_booking_dialog_get_n_travellers (TD_TOUR_BOOKING_DIALOG (dialog)), ==, 1);
  hits = td_customer_search (db, "李", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      TdCustomerHit *hit = g_ptr_array_index (hits, i);

      g_assert_true (td_tour_booking_dialog_add_customer (TD_TOUR_BOOKING_DIALOG (dialog), hit->id, hit->name));
    }
  g_assert_nonnull (strstr (td_tour_booking_dialog_get_quote (TD_TOUR_BOOKING_DIALOG (dialog)), "¥"));
  /* sold by a sub-agent (found by phone) on 10 % */
  {
    TdCustomerHit *agent = g_ptr_array_index (hits, 2);

    g_assert_nonnull (agent->phone);
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "tour-commission")), "10");
    g_assert_nonnull (td_tour_booking_dialog_get_error (TD_TOUR_BOOKING_DIALOG (dialog)));
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "tour-agent")), agent->phone);
    g_assert_nonnull (strstr (td_tour_booking_dialog_get_quote (TD_TOUR_BOOKING_DIALOG (dialog)), "commission"));
  }
  td_test_ui_screenshot (dialog, "tours-booking-dialog");
  gtk_widget_activate_action (dialog, "booking.book", NULL);
  td_test_ui_wait_until (booking_done_or_refused, NULL, "the booking made");
  if (td_test_ui_find_toplevel (TD_TYPE_TOUR_BOOKING_DIALOG))
    g_error ("the booking was refused: %s",
             td_tour_booking_dialog_get_error (TD_TOUR_BOOKING_DIALOG (td_test_ui_find_toplevel (TD_TYPE_TOUR_BOOKING_DIALOG))));
  td_test_ui_wait_until (page_idle, page, "the departure again");
  bookings = td_tour_bookings_list (db, departure->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, ==, 1);
  g_assert_cmpuint (((TdTourBooking *) g_ptr_array_index (bookings, 0))->n_participants, ==, 3);
  g_assert_cmpstr (((TdTourBooking *) g_ptr_array_index (bookings, 0))->sub_agent_id, ==,
                   ((TdCustomerHit *) g_ptr_array_index (hits, 2))->id);
  g_assert_cmpuint (((TdTourBooking *) g_ptr_array_index (bookings, 0))->commission_bp, ==, 1000);
  booking_id = ((TdTourBooking *) g_ptr_array_index (bookings, 0))->id;

  /* the calendar: the departure's month, its day says it is full; the day
   * opens the departure in the list */
  {
    GtkWidget *calendar = td_test_ui_find_named (GTK_WIDGET (page), "departure-calendar");
    GtkWidget *views = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), TD_TYPE_TOURS_PAGE, "views"));
    guint32 first;
    GDate month;
    g_autofree char *cell_name = NULL;
    GtkWidget *cell;

    g_assert_nonnull (calendar);
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (views), "calendar");
    td_departure_calendar_show_month (TD_DEPARTURE_CALENDAR (calendar), departure->start);
    first = td_departure_calendar_get_month (TD_DEPARTURE_CALENDAR (calendar));
    g_date_clear (&month, 1);
    g_date_set_julian (&month, first);
    cell_name = g_strdup_printf ("calendar-cell-%u", departure->start - (first - (g_date_get_weekday (&month) - G_DATE_MONDAY)));
    cell = td_test_ui_find_named (calendar, cell_name);
    g_assert_nonnull (cell);
    td_test_ui_screenshot (GTK_WIDGET (window), "tours-calendar");
    g_signal_emit_by_name (cell, "clicked");
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (views)), ==, "departures");
    td_test_ui_wait_until (page_idle, page, "the departure from the calendar");
    g_assert_cmpstr (td_tours_page_get_departure_id (page), ==, departure->id);
  }

  /* full now: a booking dialog opened before is refused by the core, which
   * says why */
  dialog = td_tour_booking_dialog_new (GTK_WINDOW (window), db, departure->id);
  gtk_window_present (GTK_WINDOW (dialog));
  td_tour_booking_dialog_add_customer (TD_TOUR_BOOKING_DIALOG (dialog),
                                       ((TdCustomerHit *) g_ptr_array_index (hits, 2))->id,
                                       ((TdCustomerHit *) g_ptr_array_index (hits, 2))->name);
  gtk_widget_activate_action (dialog, "booking.book", NULL);
  td_test_ui_wait_until (has_error, dialog, "the refusal");
  g_assert_nonnull (strstr (td_tour_booking_dialog_get_error (TD_TOUR_BOOKING_DIALOG (dialog)), "0 seats left"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* the booking dialog of the full departure puts them on its waiting list */
  gtk_widget_activate_action (GTK_WIDGET (page), "tours.book", NULL);
  dialog = td_test_ui_find_toplevel (TD_TYPE_TOUR_BOOKING_DIALOG);
  g_assert_nonnull (dialog);
  td_tour_booking_dialog_add_customer (TD_TOUR_BOOKING_DIALOG (dialog),
                                       ((TdCustomerHit *) g_ptr_array_index (hits, 2))->id,
                                       ((TdCustomerHit *) g_ptr_array_index (hits, 2))->name);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (dialog, TD_TYPE_TOUR_BOOKING_DIALOG,
                                                                                    "wait_button"))));
  td_test_ui_screenshot (dialog, "tours-booking-full");
  gtk_widget_activate_action (dialog, "booking.wait", NULL);
  td_test_ui_wait_until (booking_dialog_gone, NULL, "the party on the waiting list");
  td_test_ui_wait_until (page_idle, page, "the waiting list");
  {
    g_autoptr(GPtrArray) waiting = td_tour_waitlist_list (db, departure->id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (waiting->len, ==, 1);
    g_assert_cmpstr (((TdTourWaiting *) g_ptr_array_index (waiting, 0))->customer_id, ==,
                     ((TdCustomerHit *) g_ptr_array_index (hits, 2))->id);
  }

  td_tours_page_show_view (page, "departures");
  td_test_ui_screenshot (GTK_WIDGET (window), "tours-booked");

  /* a participant moved to a seat someone has: refused, said, unchanged */
  {
    g_autoptr(GPtrArray) participants = td_tour_participants_list (db, ((TdTourBooking *) g_ptr_array_index (bookings, 0))->id, &error);
    TdTourParticipant *first = g_ptr_array_index (participants, 0);
    GtkWidget *ask;
    GtkSpinButton *spin;

    g_assert_no_error (error);
    g_assert_cmpuint (first->seat, ==, 1);
    gtk_widget_activate_action (GTK_WIDGET (page), "tours.place", "s", first->id);
    ask = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (ask);
    spin = GTK_SPIN_BUTTON (td_test_ui_find_widget (ask, GTK_TYPE_SPIN_BUTTON, NULL));
    gtk_spin_button_set_value (spin, 3);
    td_test_ui_screenshot (ask, "tours-place");
    answer (ask, "place");
    td_test_ui_wait_until (message_shown, (gpointer) "Not Done", "the refusal of a taken seat");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (find_message ("Not Done"))), "Seat 3"));
    gtk_window_destroy (GTK_WINDOW (find_message ("Not Done")));
    g_clear_pointer (&participants, g_ptr_array_unref);
    participants = td_tour_participants_list (db, ((TdTourBooking *) g_ptr_array_index (bookings, 0))->id, &error);
    g_assert_cmpuint (((TdTourParticipant *) g_ptr_array_index (participants, 0))->seat, ==, 1);
  }

  /* the departure closed through its menu */
  gtk_widget_activate_action (GTK_WIDGET (page), "tours.set-state", "s", "closed");
  td_test_ui_wait_until (departure_closed, (gpointer) departure->id, "the departure closed");

  /* the contract, as Save Contract writes it */
  contract = td_contract_document_new (db, ((TdTourBooking *) g_ptr_array_index (bookings, 0))->id, &error);
  g_assert_no_error (error);
  pdf = dir ? g_build_filename (dir, "tours-contract.pdf", NULL) : g_build_filename (home, "contract.pdf", NULL);
  if (dir)
    g_mkdir_with_parents (dir, 0755);
  td_document_write_pdf (contract, pdf, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &pdf_data, &pdf_len, NULL));
  g_assert_cmpuint (pdf_len, >, 1000);
  g_assert_true (g_str_has_prefix (pdf_data, "%PDF"));

  /* the balance paid through Pay…, the amount proposed */
  gtk_widget_activate_action (GTK_WIDGET (page), "tours.pay", "s", booking_id);
  td_test_ui_wait_until (message_shown, (gpointer) "Record a Payment", "the payment dialog");
  td_test_ui_screenshot (find_message ("Record a Payment"), "tours-pay");
  answer (find_message ("Record a Payment"), "pay");
  td_test_ui_wait_until (booking_paid, (gpointer) booking_id, "the payment recorded");

  /* cancelled: the clerk is told to call the party waiting */
  gtk_widget_activate_action (GTK_WIDGET (page), "tours.cancel", "s", booking_id);
  td_test_ui_wait_until (message_shown, (gpointer) "Cancel the Booking?", "the question");
  answer (find_message ("Cancel the Booking?"), "cancel-booking");
  td_test_ui_wait_until (message_shown, (gpointer) "Booking Cancelled", "the cancellation");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (find_message ("Booking Cancelled"))),
                            ((TdCustomerHit *) g_ptr_array_index (hits, 2))->name));
  td_test_ui_screenshot (find_message ("Booking Cancelled"), "tours-cancelled");
  gtk_window_destroy (GTK_WINDOW (find_message ("Booking Cancelled")));

  /* paid in full, 20 % kept: the rest refunded through Refund… */
  td_test_ui_wait_until (page_idle, page, "the cancelled booking");
  gtk_widget_activate_action (GTK_WIDGET (page), "tours.pay", "s", booking_id);
  td_test_ui_wait_until (message_shown, (gpointer) "Record a Payment", "the refund dialog");
  {
    const char *proposed = gtk_editable_get_text (GTK_EDITABLE (td_test_ui_find_widget (find_message ("Record a Payment"),
                                                                                        GTK_TYPE_ENTRY, NULL)));

    g_test_message ("proposed refund: %s", proposed);
    g_assert_cmpstr (proposed, ==, "-859.20");
  }
  answer (find_message ("Record a Payment"), "pay");
  td_test_ui_wait_until (booking_paid, (gpointer) booking_id, "the refund recorded");

  td_tours_page_show_view (page, "payments");
  td_test_ui_screenshot (GTK_WIDGET (window), "tours-payments");

  /* a product's itinerary on the map: Luoyang in three days, four places */
  {
    g_autoptr(TdTourProduct) ly3 = td_tour_product_find (db, "LY3", &error);
    TdMapPage *map;

    g_assert_no_error (error);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-route", "s", ly3->id);
    td_test_ui_wait_until (route_shown, window, "the itinerary on the map");
    g_assert_cmpstr (td_window_get_area (window), ==, "map");
    map = TD_MAP_PAGE (td_window_get_area_widget (window, "map"));
    g_assert_cmpuint (td_route_get_n_stops (td_map_page_get_route (map)), ==, 4);
    g_assert_cmpstr (td_route_get_stop (td_map_page_get_route (map), 0)->name, ==, "龙门石窟");
    td_test_ui_screenshot (GTK_WIDGET (window), "tours-itinerary-on-map");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_tours_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();
  TdWindow *window;
  TdToursPage *page;

  if (saved_locale == NULL)
    return;
  page = open_tours (&window);
  g_assert_nonnull (td_tours_page_get_departure_id (page));
  /* one with seats left, to book on */
  {
    g_autoptr(GPtrArray) departures = td_departures_list (td_window_get_database (window), 0, 0, NULL, NULL);

    for (guint i = 0; i < departures->len; i++)
      {
        TdDeparture *d = g_ptr_array_index (departures, i);

        if (td_departure_state_sells (td_departure_get_state (d)) && d->sold > 0)
          {
            td_tours_page_select_departure (page, d->id);
            break;
          }
      }
    td_test_ui_wait_until (page_idle, page, "the departure");
  }
  td_test_ui_screenshot (GTK_WIDGET (window), "zh_CN-tours-departures");
  td_tours_page_show_view (page, "products");
  td_test_ui_screenshot (GTK_WIDGET (window), "zh_CN-tours-products");
  gtk_widget_activate_action (GTK_WIDGET (page), "tours.book", NULL);
  td_test_ui_screenshot (td_test_ui_find_toplevel (TD_TYPE_TOUR_BOOKING_DIALOG), "zh_CN-tours-booking-dialog");
  gtk_window_destroy (GTK_WINDOW (td_test_ui_find_toplevel (TD_TYPE_TOUR_BOOKING_DIALOG)));
  gtk_window_destroy (GTK_WINDOW (window));
  td_test_ui_leave_zh_cn (saved_locale);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) database = NULL;
  TdDemoOptions options;
  GTestDBus *bus;
  int status;

  home = td_test_ui_init (&argc, &argv, "tourdesk-tours-XXXXXX");
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();

  demo_path = g_build_filename (home, "demo.tourdesk", NULL);
  td_demo_options_init (&options);
  options.customers = 400;
  database = td_demo_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_test_add_func ("/tours/book", test_tours);
  g_test_add_func ("/tours/zh_CN", test_tours_chinese);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (demo_path);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
