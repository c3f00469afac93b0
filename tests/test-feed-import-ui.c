/* test-feed-import-ui.c: an OTA's calendar feed imported from the front
 * desk, from a file and from an address served on 127.0.0.1
 *
 * The demo's first hotel: a room with a stay to come. The feed holds a
 * booking over that stay's first night (a conflict, never written over)
 * and one 300 days on (held). Read from a file, then from a SoupServer
 * (unchanged the second time); a file with a broken line and an address
 * that answers 404 are refused, saying where.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "td-application.h"
#include "td-feed-import-dialog.h"
#include "td-front-desk-page.h"
#include "td-window.h"

#include "td-test-ui-utils.h"

static TdApplication *app;
static char *demo_path;
static char *home;

static char *
ical_date (guint32 julian)
{
  g_autofree char *iso = td_date_format_iso (julian);
  g_autoptr(GString) text = g_string_new (NULL);

  for (const char *p = iso; *p; p++)
    if (*p != '-')
      g_string_append_c (text, *p);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* tag: the UIDs' own, so that each run's events are new */
static char *
make_feed (const char *tag,
           guint32     conflict,
           guint32     free_night)
{
  g_autofree char *a = ical_date (conflict);
  g_autofree char *b = ical_date (conflict + 2);
  g_autofree char *c = ical_date (free_night);
  g_autofree char *d = ical_date (free_night + 2);

  return g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Airbnb Inc//Hosting Calendar 1.0//EN\r\n"
                          "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n"
                          "UID:conflict%s@airbnb.test\r\nSUMMARY:Reserved\r\nEND:VEVENT\r\n"
                          "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n"
                          "UID:free%s@airbnb.test\r\nSUMMARY:Reserved\r\nEND:VEVENT\r\n"
                          "END:VCALENDAR\r\n", a, b, tag, c, d, tag);
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  const char *feed = data;

  if (g_str_equal (path, "/feed.ics"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/calendar", SOUP_MEMORY_COPY, feed, strlen (feed));
    }
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

static gboolean
import_done (gpointer data)
{
  return !td_feed_import_dialog_get_busy (data);
}

static void
run_import (TdFeedImportDialog *dialog)
{
  td_feed_import_dialog_import (dialog);
  td_test_ui_wait_until (import_done, dialog, "the import");
}

static gboolean
conflicts_shown (gpointer data)
{
  return td_front_desk_page_get_conflicts (data) != NULL;
}

static void
check_feed_import (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stays = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad_file = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *room_number = NULL;
  const TdCalendarImport *result;
  TdFeedImportDialog *dialog;
  TdFrontDeskPage *page;
  TdWindow *window;
  TdDatabase *db;
  GtkStringObject *hotel;
  TdStayFilter filter = { 0 };
  TdDeskTime now;
  guint32 arrival = 0;
  GSList *uris;

  window = td_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, demo_path, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "frontdesk");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the front desk");
  page = TD_FRONT_DESK_PAGE (td_window_get_area_widget (window, "frontdesk"));
  db = td_window_get_database (window);
  td_desk_time_init_now (&now, db);

  /* a stay to come in the hotel shown, in a room */
  hotel = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (td_test_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, NULL)));
  g_assert_nonnull (hotel);
  filter.dates.start = now.today + 2;
  filter.dates.end = now.today + 30;
  filter.states = TD_STAY_STATE_BIT (TD_STAY_CONFIRMED);
  stays = td_stays_list (db, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stays->len && room_number == NULL; i++)
    {
      TdStay *stay = g_ptr_array_index (stays, i);

      if (stay->room_number && stay->dates.start >= now.today + 2
          && g_strcmp0 (stay->property_name, gtk_string_object_get_string (hotel)) == 0)
        {
          room_number = g_strdup (stay->room_number);
          arrival = stay->dates.start;
        }
    }
  g_assert_nonnull (room_number);

  /* (the second run's booking to hold is a week after the first's) */
  feed = make_feed (prefix, arrival, now.today + (*prefix ? 307 : 300));
  path = g_build_filename (home, "airbnb.ics", NULL);
  g_file_set_contents (path, feed, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  gtk_widget_activate_action (GTK_WIDGET (page), "frontdesk.import-feed", NULL);
  dialog = TD_FEED_IMPORT_DIALOG (td_test_ui_find_toplevel (TD_TYPE_FEED_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  td_feed_import_dialog_select_room (dialog, room_number);

  /* from the file: one held, one conflict */
  td_feed_import_dialog_set_file (dialog, file);
  run_import (dialog);
  g_assert_null (td_feed_import_dialog_get_problem (dialog));
  result = td_feed_import_dialog_get_result (dialog);
  g_assert_nonnull (result);
  g_assert_cmpstr (result->feed, ==, "Airbnb");
  g_assert_cmpuint (result->n_events, ==, 2);
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpuint (result->conflicts->len, ==, 1);
  g_assert_cmpuint (((TdFeedEvent *) g_ptr_array_index (result->conflicts, 0))->dates.start, ==, arrival);
  /* the window's own list of conflicts has it */
  td_test_ui_wait_until (conflicts_shown, page, "the conflicts in the bar");
  g_assert_nonnull (strstr (td_front_desk_page_get_conflicts (page), room_number));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 760);
  td_test_ui_settle (GTK_WIDGET (dialog));
  shot = g_strconcat (prefix, "feed-import", NULL);
  td_test_ui_screenshot (GTK_WIDGET (dialog), shot);
  g_clear_pointer (&shot, g_free);

  /* its week on the chart */
  g_signal_emit_by_name (dialog, "conflict-activated",
                         ((TdFeedEvent *) g_ptr_array_index (result->conflicts, 0))->room_id, arrival);
  g_assert_cmpuint (td_tape_chart_get_start (td_front_desk_page_get_chart (page)), <=, arrival);

  /* the same feed from its address: nothing new */
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, serve_cb, feed, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  {
    g_autofree char *base = g_uri_to_string (uris->data);

    url = g_strconcat (base, "feed.ics", NULL);
    missing = g_strconcat (base, "gone.ics", NULL);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  td_feed_import_dialog_set_url (dialog, url);
  run_import (dialog);
  g_assert_null (td_feed_import_dialog_get_problem (dialog));
  result = td_feed_import_dialog_get_result (dialog);
  g_assert_cmpuint (result->added + result->moved + result->released, ==, 0);
  g_assert_cmpuint (result->unchanged, ==, 2);
  g_assert_cmpuint (result->conflicts->len, ==, 1);

  /* an address that answers 404, a file with a broken line: said, nothing written */
  td_feed_import_dialog_set_url (dialog, missing);
  run_import (dialog);
  g_assert_null (td_feed_import_dialog_get_result (dialog));
  g_assert_nonnull (strstr (td_feed_import_dialog_get_problem (dialog), "404"));
  td_feed_import_dialog_set_url (dialog, "ftp://example.com/feed.ics");
  run_import (dialog);
  g_assert_nonnull (strstr (td_feed_import_dialog_get_problem (dialog), "ftp://example.com/feed.ics"));

  bad_path = g_build_filename (home, "broken.ics", NULL);
  g_file_set_contents (bad_path, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nnot a line\r\n"
                                 "END:VEVENT\r\nEND:VCALENDAR\r\n", -1, &error);
  g_assert_no_error (error);
  bad_file = g_file_new_for_path (bad_path);
  td_feed_import_dialog_set_file (dialog, bad_file);
  run_import (dialog);
  g_assert_null (td_feed_import_dialog_get_result (dialog));
  g_test_message ("%s", td_feed_import_dialog_get_problem (dialog));
  g_assert_nonnull (strstr (td_feed_import_dialog_get_problem (dialog), "5"));
  td_test_ui_settle (GTK_WIDGET (dialog));
  shot = g_strconcat (prefix, "feed-import-bad-line", NULL);
  td_test_ui_screenshot (GTK_WIDGET (dialog), shot);
  g_clear_pointer (&shot, g_free);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_feed_import (void)
{
  check_feed_import ("");
}

static void
test_feed_import_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();

  if (saved_locale == NULL)
    return;
  check_feed_import ("zh_CN-");
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

  home = td_test_ui_init (&argc, &argv, "tourdesk-feed-XXXXXX");
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();

  demo_path = g_build_filename (home, "demo.tourdesk", NULL);
  td_demo_options_init (&options);
  options.customers = 200;
  database = td_demo_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_test_add_func ("/feed-import/window", test_feed_import);
  g_test_add_func ("/feed-import/zh_CN", test_feed_import_chinese);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (demo_path);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
