/* test-hotel-setup-ui.c: a new workspace set up in the window: the hotel,
 * a room type, its rooms (and a refusal), then the front desk; an
 * attraction's prices and time slots, then the tickets area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-application.h"
#include "td-area.h"
#include "td-front-desk-page.h"
#include "td-hotel-setup-window.h"
#include "td-place-dialog.h"
#include "td-season-dialog.h"
#include "td-ticket-setup-window.h"
#include "td-tickets-page.h"
#include "td-window.h"
#include "td-test-ui-utils.h"
#include "td-test-utils.h"

static TdApplication *app;
static char *home;
static char *hotel_path;   /* the workspace the first test set up */

typedef struct {
  TdDatabase *db;
  const char *sql;
  gint64      wanted;
} Count;

static gboolean
count_is (gpointer data)
{
  Count *count = data;

  return td_test_query_int (count->db, count->sql) == count->wanted;
}

static gboolean
label_shown (gpointer data)
{
  return gtk_widget_is_visible (data) && *gtk_label_get_text (data) != '\0';
}

static gboolean
setup_window_open (gpointer data)
{
  return td_test_ui_find_toplevel (TD_TYPE_HOTEL_SETUP_WINDOW) != NULL;
}

static gboolean
sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

static gboolean
season_dialog_open (gpointer data)
{
  return td_test_ui_find_toplevel (TD_TYPE_SEASON_DIALOG) != NULL;
}

static gboolean
place_dialog_open (gpointer data)
{
  return td_test_ui_find_toplevel (TD_TYPE_PLACE_DIALOG) != NULL;
}

static gboolean
ticket_setup_open (gpointer data)
{
  return td_test_ui_find_toplevel (TD_TYPE_TICKET_SETUP_WINDOW) != NULL;
}

static gboolean
has_slots (gpointer data)
{
  return !td_area_get_loading (TD_AREA (data)) && td_tickets_page_get_n_slots (data) == 2;
}

static gboolean
has_hotel (gpointer data)
{
  return !td_area_get_loading (TD_AREA (data)) && td_front_desk_page_get_n_properties (data) == 1;
}

static void
wait_count (TdDatabase *db,
            const char *sql,
            gint64      wanted)
{
  Count count = { db, sql, wanted };

  td_test_ui_wait_until (count_is, &count, sql);
}

static void
test_set_up_hotel (void)
{
  g_autoptr(TdDatabase) made = td_test_workspace ("new-hotel.tourdesk", TD_PROFILE_HOTEL);
  g_autofree char *path = g_strdup (td_database_get_path (made));
  TdWindow *window;
  TdDatabase *db;
  GtkWidget *setup, *rooms, *problem, *page;

  g_clear_object (&made);
  hotel_path = g_strdup (path);
  window = td_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, path, FALSE);
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the new workspace");
  db = td_window_get_database (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.hotel-setup", NULL);
  td_test_ui_wait_until (setup_window_open, NULL, "the Hotels and Rooms window");
  setup = td_test_ui_find_toplevel (TD_TYPE_HOTEL_SETUP_WINDOW);
  td_test_ui_settle (setup);

  /* the hotel: a name is needed */
  td_test_ui_click (setup, "setup-save-hotel");
  problem = td_test_ui_find_named (setup, "setup-problem");
  td_test_ui_wait_until (label_shown, problem, "the problem shown");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "name"));
  td_test_ui_set_row (setup, C_("hotel", "Name"), "湖畔酒店");
  td_test_ui_set_row (setup, "City", "杭州市");
  td_test_ui_click (setup, "setup-save-hotel");
  wait_count (db, "SELECT count(*) FROM properties WHERE deleted = 0 AND city = '杭州市'", 1);
  td_test_ui_wait_until (sensitive, td_test_ui_find_named (setup, "setup-save-hotel"), "the hotel saved");
  td_test_ui_settle (setup);

  /* a room type, then its rooms */
  td_test_ui_set_row (setup, "Code, such as DLX", "DLX");
  td_test_ui_set_row (setup, "Name, such as Deluxe King", "Deluxe King");
  td_test_ui_set_row (setup, "Price a Night (¥)", "388");
  td_test_ui_click (setup, "setup-add-type");
  wait_count (db, "SELECT count(*) FROM room_types WHERE deleted = 0 AND base_price_minor = 38800", 1);
  td_test_ui_wait_until (sensitive, td_test_ui_find_named (setup, "setup-save-hotel"), "the room type saved");
  td_test_ui_settle (setup);
  rooms = td_test_ui_find_named (setup, "setup-add-rooms");
  g_assert_nonnull (rooms);
  gtk_editable_set_text (GTK_EDITABLE (rooms), "101-110, 201");
  g_signal_emit_by_name (rooms, "apply");
  wait_count (db, "SELECT count(*) FROM rooms WHERE deleted = 0", 11);
  td_test_ui_wait_until (sensitive, td_test_ui_find_named (setup, "setup-save-hotel"), "the rooms added");
  td_test_ui_settle (setup);
  td_test_ui_screenshot (setup, "hotel-setup");

  /* a number the hotel has: refused, in words, what was typed kept */
  rooms = td_test_ui_find_named (setup, "setup-add-rooms");
  gtk_editable_set_text (GTK_EDITABLE (rooms), "111 105");
  g_signal_emit_by_name (rooms, "apply");
  td_test_ui_wait_until (label_shown, problem, "the refusal shown");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "105"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (td_test_ui_find_named (setup, "setup-add-rooms"))), ==, "111 105");
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM rooms WHERE deleted = 0"), ==, 11);

  /* weekend prices: a date that is not one is refused in the dialog */
  {
    GtkWidget *dialog;

    td_test_ui_click (setup, "setup-add-season");
    td_test_ui_wait_until (season_dialog_open, NULL, "the Prices by Date dialog");
    dialog = td_test_ui_find_toplevel (TD_TYPE_SEASON_DIALOG);
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "season-name")), "周末");
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "season-price")), "488");
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "season-from")), "next week");
    td_test_ui_click (dialog, "season-add");
    td_test_ui_wait_until (label_shown, td_test_ui_find_named (dialog, "season-problem"), "the refused date");
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "season-from")), "");
    for (guint d = 1; d <= 4; d++)
      {
        g_autofree char *name = g_strdup_printf ("season-day-%u", d);

        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (td_test_ui_find_named (dialog, name)), FALSE);
      }
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (td_test_ui_find_named (dialog, "season-day-7")), FALSE);
    td_test_ui_screenshot (dialog, "hotel-setup-season");
    td_test_ui_click (dialog, "season-add");
    wait_count (db, "SELECT count(*) FROM rate_seasons WHERE deleted = 0 AND weekdays = '0000110' "
                    "AND price_minor = 48800", 1);
    td_test_ui_wait_until (sensitive, td_test_ui_find_named (setup, "setup-save-hotel"), "the prices shown");
  }

  /* the front desk has the hotel at once */
  gtk_window_close (GTK_WINDOW (setup));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "frontdesk");
  page = td_window_get_area_widget (window, "frontdesk");
  td_test_ui_wait_until (has_hotel, page, "the hotel at the front desk");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_set_up_tickets (void)
{
  g_autoptr(TdDatabase) made = td_test_workspace ("new-agency.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (td_database_get_path (made));
  g_autofree char *today = NULL;
  TdChange *poi = td_change_new_insert ("poi", NULL);
  TdWindow *window;
  TdDatabase *db;
  GtkWidget *setup, *problem, *page;

  td_change_set_string (poi, "name", "西湖");
  td_change_set_string (poi, "category", "attraction");
  td_change_set_double (poi, "lat", 30.242);
  td_change_set_double (poi, "lon", 120.148);
  g_ptr_array_add (changes, poi);
  td_database_commit (made, NULL, changes, &error);
  g_assert_no_error (error);
  g_clear_object (&made);

  window = td_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, path, FALSE);
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the new workspace");
  db = td_window_get_database (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.ticket-setup", NULL);
  td_test_ui_wait_until (ticket_setup_open, NULL, "the Time Slots and Prices window");
  setup = td_test_ui_find_toplevel (TD_TYPE_TICKET_SETUP_WINDOW);
  td_test_ui_settle (setup);
  today = g_strdup (gtk_editable_get_text (GTK_EDITABLE (td_test_ui_find_named (setup, "tickets-slots-from"))));

  /* another attraction, by hand: its position pasted from AMap */
  {
    GtkWidget *dialog;

    td_test_ui_click (setup, "tickets-add-attraction");
    td_test_ui_wait_until (place_dialog_open, NULL, "the New Place dialog");
    dialog = td_test_ui_find_toplevel (TD_TYPE_PLACE_DIALOG);
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "place-name")), "灵隐寺");
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "place-position")), "120.101 30.241 30.2");
    td_test_ui_click (dialog, "place-add");
    td_test_ui_wait_until (label_shown, td_test_ui_find_named (dialog, "place-problem"), "the refused position");
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "place-position")), "120.101,30.241");
    td_test_ui_screenshot (dialog, "place-dialog");
    td_test_ui_click (dialog, "place-add");
    wait_count (db, "SELECT count(*) FROM pois WHERE category = 'attraction' AND source_crs = 'gcj02'", 1);
    td_test_ui_wait_until (sensitive, td_test_ui_find_named (setup, "tickets-save-prices"), "the attraction read");
    td_test_ui_settle (setup);
  }

  /* a price that cannot be read: nothing saved */
  gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (setup, "tickets-price-adult")), "60");
  gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (setup, "tickets-price-child")), "thirty");
  td_test_ui_click (setup, "tickets-save-prices");
  problem = td_test_ui_find_named (setup, "tickets-setup-problem");
  td_test_ui_wait_until (label_shown, problem, "the refused price");
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM ticket_types"), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (setup, "tickets-price-child")), "30");
  td_test_ui_click (setup, "tickets-save-prices");
  wait_count (db, "SELECT count(*) FROM ticket_types WHERE deleted = 0", 2);
  td_test_ui_wait_until (sensitive, td_test_ui_find_named (setup, "tickets-add-slots"), "the prices saved");

  /* two slots a day for a week */
  gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (setup, "tickets-slots-to")), "");
  gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (setup, "tickets-slots-times")), "09:00-11:00，14:00");
  td_test_ui_click (setup, "tickets-add-slots");
  wait_count (db, "SELECT count(*) FROM attraction_slots WHERE deleted = 0", 2);
  td_test_ui_settle (setup);
  td_test_ui_screenshot (setup, "ticket-setup");

  /* the tickets area sells them */
  gtk_window_close (GTK_WINDOW (setup));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "tickets");
  page = td_window_get_area_widget (window, "tickets");
  td_test_ui_wait_until (has_slots, page, "today's two slots in the tickets area");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* both windows in Chinese, as a clerk in China sees them */
static void
test_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();
  TdWindow *window;
  GtkWidget *setup;

  if (saved_locale == NULL || hotel_path == NULL)
    return;
  window = td_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, hotel_path, FALSE);
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the hotel workspace");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.hotel-setup", NULL);
  td_test_ui_wait_until (setup_window_open, NULL, "the Hotels and Rooms window");
  setup = td_test_ui_find_toplevel (TD_TYPE_HOTEL_SETUP_WINDOW);
  td_test_ui_wait_until (sensitive, td_test_ui_find_named (setup, "setup-save-hotel"), "the hotel read");
  td_test_ui_screenshot (setup, "zh_CN-hotel-setup");
  gtk_window_destroy (GTK_WINDOW (setup));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.ticket-setup", NULL);
  td_test_ui_wait_until (ticket_setup_open, NULL, "the Time Slots and Prices window");
  setup = td_test_ui_find_toplevel (TD_TYPE_TICKET_SETUP_WINDOW);
  td_test_ui_settle (setup);
  td_test_ui_screenshot (setup, "zh_CN-ticket-setup-none");
  gtk_window_destroy (GTK_WINDOW (setup));
  gtk_window_destroy (GTK_WINDOW (window));
  td_test_ui_leave_zh_cn (saved_locale);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int status;

  home = td_test_ui_init (&argc, &argv, "tourdesk-hotel-setup-XXXXXX");
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();

  g_test_add_func ("/hotel-setup-ui/set-up", test_set_up_hotel);
  g_test_add_func ("/hotel-setup-ui/tickets", test_set_up_tickets);
  g_test_add_func ("/hotel-setup-ui/zh_CN", test_chinese);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (hotel_path);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
