/* test-hotel-setup-ui.c: a new hotel workspace set up in the window: the
 * hotel, a room type, its rooms (and a refusal), then the front desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-application.h"
#include "td-area.h"
#include "td-front-desk-page.h"
#include "td-hotel-setup-window.h"
#include "td-window.h"
#include "td-test-ui-utils.h"
#include "td-test-utils.h"

static TdApplication *app;
static char *home;

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
  td_test_ui_set_row (setup, "Name", "湖畔酒店");
  td_test_ui_set_row (setup, "City", "杭州市");
  td_test_ui_click (setup, "setup-save-hotel");
  wait_count (db, "SELECT count(*) FROM properties WHERE deleted = 0 AND city = '杭州市'", 1);
  td_test_ui_settle (setup);

  /* a room type, then its rooms */
  td_test_ui_set_row (setup, "Code, such as DLX", "DLX");
  td_test_ui_set_row (setup, "Name, such as Deluxe King", "Deluxe King");
  td_test_ui_set_row (setup, "Price a Night (¥)", "388");
  td_test_ui_click (setup, "setup-add-type");
  wait_count (db, "SELECT count(*) FROM room_types WHERE deleted = 0 AND base_price_minor = 38800", 1);
  td_test_ui_settle (setup);
  rooms = td_test_ui_find_named (setup, "setup-add-rooms");
  g_assert_nonnull (rooms);
  gtk_editable_set_text (GTK_EDITABLE (rooms), "101-110, 201");
  g_signal_emit_by_name (rooms, "apply");
  wait_count (db, "SELECT count(*) FROM rooms WHERE deleted = 0", 11);
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

  /* the front desk has the hotel at once */
  gtk_window_close (GTK_WINDOW (setup));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "frontdesk");
  page = td_window_get_area_widget (window, "frontdesk");
  td_test_ui_wait_until (has_hotel, page, "the hotel at the front desk");

  gtk_window_destroy (GTK_WINDOW (window));
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

  status = g_test_run ();

  g_clear_object (&app);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
