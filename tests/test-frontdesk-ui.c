/* test-frontdesk-ui.c: the front-desk area on the demo workspace: the tape
 * chart's bars, a booking through the dialog, a refused booking with the
 * core's message, a stay moved to another room (and refused onto a taken
 * one), a check-in through the stay's popover
 *
 * Runs under a display (xvfb-run), in the ui suite. With TD_SCREENSHOT_DIR
 * set, PNGs of the area (English and zh_CN) are written there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "td-application.h"
#include "td-area.h"
#include "td-daily-report-window.h"
#include "td-front-desk-page.h"
#include "td-window.h"
#include "td-test-ui-utils.h"

static TdApplication *app;
static char *demo_path;
static char *home;

static TdFrontDeskPage *
open_front_desk (TdWindow **window_out)
{
  TdWindow *window = td_window_new (app);
  TdFrontDeskPage *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, demo_path, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "frontdesk");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the front desk");
  g_assert_cmpstr (td_window_get_area (window), ==, "frontdesk");
  page = TD_FRONT_DESK_PAGE (td_window_get_area_widget (window, "frontdesk"));
  *window_out = window;
  return page;
}

static gboolean
page_idle (gpointer data)
{
  return !td_area_get_loading (TD_AREA (data));
}

static gboolean
dialog_ready (gpointer data)
{
  TdBookingDialog *dialog = data;

  return td_booking_dialog_get_n_hits (dialog) > 0 && td_booking_dialog_has_quote (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  return td_front_desk_page_get_booking_dialog (data) == NULL;
}

static gboolean
dialog_has_problem (gpointer data)
{
  return td_booking_dialog_get_problem (data) != NULL;
}

static gboolean
conflicts_shown (gpointer data)
{
  return td_front_desk_page_get_conflicts (data) != NULL;
}

static gboolean
check_in_dialog_open (gpointer data)
{
  return td_front_desk_page_get_check_in_dialog (data) != NULL;
}

static gboolean
check_in_idle (gpointer data)
{
  return !td_check_in_dialog_get_busy (data);
}

static gboolean
folio_dialog_open (gpointer data)
{
  return td_front_desk_page_get_folio_dialog (data) != NULL;
}

static gboolean
folio_idle (gpointer data)
{
  return !td_folio_dialog_get_busy (data) && td_folio_dialog_get_account (data) != NULL;
}

/* a guest with a resident identity card: first17 and its check character */
static char *
new_guest (TdDatabase *db,
           const char *name,
           const char *first17)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autofree char *number = g_strdup_printf ("%s%c", first17, td_id_number_check_char (first17));
  TdChange *change = td_change_new_insert ("customer", NULL);
  g_autoptr(GError) error = NULL;

  td_change_set_string (change, "party", "person");
  td_change_set_string (change, "name", name);
  td_change_set_string (change, "id_type", "resident-id");
  td_change_set_string (change, "id_number", number);
  g_ptr_array_add (changes, td_change_ref (change));
  td_database_commit (db, "test", changes, &error);
  g_assert_no_error (error);
  {
    char *id = g_strdup (td_change_get_id (change));

    td_change_unref (change);
    return id;
  }
}

static gboolean
popover_shown (gpointer data)
{
  GtkPopover *popover = td_front_desk_page_get_stay_popover (data);

  return popover && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static void
booked_cb (TdBookingDialog *dialog,
           const char      *stay_id,
           char           **out)
{
  g_free (*out);
  *out = g_strdup (stay_id);
}

/* a room of property_id free on [start, end) */
static TdRoom *
free_room (TdDatabase  *db,
           const char  *property_id,
           guint32      start,
           guint32      end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = td_rooms_list (db, property_id, start, NULL, &error);
  g_autoptr(GPtrArray) stays = NULL;
  TdStayFilter filter = { 0 };

  g_assert_no_error (error);
  filter.property_id = property_id;
  filter.dates.start = start;
  filter.dates.end = end;
  filter.states = TD_STAY_STATES_TAKING_ROOMS;
  stays = td_stays_list (db, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rooms->len; i++)
    {
      TdRoom *room = g_ptr_array_index (rooms, i);
      gboolean taken = room->status != TD_ROOM_FREE;

      for (guint j = 0; !taken && j < stays->len; j++)
        taken = g_strcmp0 (((TdStay *) g_ptr_array_index (stays, j))->room_id, room->id) == 0;
      if (!taken)
        {
          g_autoptr(GPtrArray) ooo = td_out_of_order_list (db, property_id, &filter.dates, &error);

          for (guint j = 0; !taken && j < ooo->len; j++)
            taken = g_strcmp0 (((TdOutOfOrder *) g_ptr_array_index (ooo, j))->room_id, room->id) == 0;
          if (!taken)
            return g_ptr_array_steal_index (rooms, i);
        }
    }
  g_error ("No room of %u free on [%u, %u) (%u stays)", rooms->len, start, end, stays->len);
  return NULL;
}

/* the dialog for room on [start, end), a guest chosen: returns it */
static TdBookingDialog *
open_dialog (TdFrontDeskPage *page,
             TdRoom          *room,
             guint32          start,
             guint32          end,
             const char      *guest)
{
  TdBookingDialog *dialog;

  td_tape_chart_request_booking (td_front_desk_page_get_chart (page), room, start, end);
  dialog = td_front_desk_page_get_booking_dialog (page);
  g_assert_nonnull (dialog);
  td_booking_dialog_search (dialog, guest);
  td_test_ui_wait_until (dialog_ready, dialog, "the guests found and the price");
  td_booking_dialog_choose_hit (dialog, 0);
  return dialog;
}

typedef struct {
  TdDatabase *db;
  const char *stay_id;
  const char *room_id;
} StayRoom;

static gboolean
stay_in_room (gpointer data)
{
  StayRoom *sr = data;
  g_autoptr(TdStay) stay = td_stay_get (sr->db, sr->stay_id, NULL);

  return stay && g_strcmp0 (stay->room_id, sr->room_id) == 0;
}

static gboolean
message_changed (gpointer data)
{
  TdFrontDeskPage *page = data;
  const char *message = td_front_desk_page_get_last_message (page);
  const char *before = g_object_get_data (G_OBJECT (page), "test-message");

  return message != NULL && g_strcmp0 (message, before) != 0;
}

static void
remember_message (TdFrontDeskPage *page)
{
  g_object_set_data_full (G_OBJECT (page), "test-message",
                          g_strdup (td_front_desk_page_get_last_message (page)), g_free);
}

static TdRoom *
room_by_id (TdDatabase *db,
            const char *property_id,
            const char *room_id)
{
  g_autoptr(GPtrArray) rooms = td_rooms_list (db, property_id, 0, NULL, NULL);

  for (guint i = 0; rooms && i < rooms->len; i++)
    if (g_str_equal (((TdRoom *) g_ptr_array_index (rooms, i))->id, room_id))
      return g_ptr_array_steal_index (rooms, i);
  g_error ("No room %s", room_id);
  return NULL;
}

/* as if the key were pressed on the chart */
static void
press_key (TdTapeChart *chart,
           guint        keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

static gboolean
daily_report_shown (gpointer data)
{
  GtkWidget *report = td_test_ui_find_toplevel (TD_TYPE_DAILY_REPORT_WINDOW);

  return report != NULL && td_daily_report_window_get_n_pages (TD_DAILY_REPORT_WINDOW (report)) > 0;
}

static void
test_front_desk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(TdRoom) room = NULL;
  g_autoptr(TdStay) stay = NULL;
  g_autofree char *stay_id = NULL;
  TdWindow *window;
  TdFrontDeskPage *page;
  TdTapeChart *chart;
  TdDatabase *db;
  TdBookingDialog *dialog;
  TdCustomerHit *hit;
  GtkPopover *popover;
  TdCheckInDialog *check_in;
  TdFolioDialog *folio;
  TdDeskTime when;
  g_autofree char *property_id = NULL;
  guint n_bars;
  gboolean seen_today = FALSE;

  page = open_front_desk (&window);
  chart = td_front_desk_page_get_chart (page);
  db = td_window_get_database (window);
  td_desk_time_init_now (&when, db);

  /* four demo hotels; the first one's stays around today are drawn */
  g_assert_cmpuint (td_front_desk_page_get_n_properties (page), ==, 4);
  n_bars = td_tape_chart_get_n_bars (chart);
  g_assert_cmpuint (n_bars, >, 20);
  property_id = g_strdup (td_tape_chart_get_stay (chart, 0)->property_id);
  for (guint i = 0; i < n_bars; i++)
    {
      TdStay *s = td_tape_chart_get_stay (chart, i);

      g_assert_cmpstr (s->property_id, ==, property_id);
      g_assert_true (td_stay_state_takes_room (s->state));
      seen_today |= s->dates.start <= when.today && when.today < s->dates.end;
    }
  g_assert_true (seen_today);
  td_test_ui_screenshot (GTK_WIDGET (window), "frontdesk");

  /* the night audit on screen: today's, then the next day's */
  {
    TdDailyReportWindow *report;

    gtk_widget_activate_action (GTK_WIDGET (page), "frontdesk.daily-report", NULL);
    td_test_ui_wait_until (daily_report_shown, NULL, "the daily report");
    report = TD_DAILY_REPORT_WINDOW (td_test_ui_find_toplevel (TD_TYPE_DAILY_REPORT_WINDOW));
    g_assert_cmpuint (td_daily_report_window_get_date (report), ==, when.today);
    td_test_ui_screenshot (GTK_WIDGET (report), "frontdesk-daily-report");
    gtk_widget_activate_action (GTK_WIDGET (report), "report.next-day", NULL);
    g_assert_cmpuint (td_daily_report_window_get_n_pages (report), ==, 0);
    td_test_ui_wait_until (daily_report_shown, NULL, "the next day's report");
    g_assert_cmpuint (td_daily_report_window_get_date (report), ==, when.today + 1);
    gtk_window_destroy (GTK_WINDOW (report));
  }

  /* the availability row says what the core's availability says */
  {
    TdAvailabilityQuery query = { 0 };
    g_autoptr(GPtrArray) found = NULL;
    guint32 start = td_tape_chart_get_start (chart);

    query.property_id = property_id;
    query.dates.start = start;
    query.dates.end = start + 28;
    found = td_availability_search (db, &query, &when, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, >, 0);
    for (guint i = 0; i < found->len; i++)
      {
        TdAvailability *a = g_ptr_array_index (found, i);

        for (guint n = 0; n < a->left->len; n++)
          g_assert_cmpint (td_tape_chart_get_rooms_left (chart, a->room_type_id, start + n), ==,
                           g_array_index (a->left, int, n));
      }
  }

  /* drawing: the visible rows and nights only, so a frame costs the
   * same with 80 rooms or 500 */
  {
    gint64 start = g_get_monotonic_time ();
    double ms;

    for (guint i = 0; i < 50; i++)
      {
        g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
        g_autoptr(GskRenderNode) node = NULL;

        /* the widget's own pass, not GTK's cached node */
        GTK_WIDGET_GET_CLASS (chart)->snapshot (GTK_WIDGET (chart), snapshot);
        node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      }
    ms = (double) (g_get_monotonic_time () - start) / 1000.0 / 50;
    g_test_message ("tape chart snapshot: %.2f ms a frame (%d x %d)", ms,
                    gtk_widget_get_width (GTK_WIDGET (chart)), gtk_widget_get_height (GTK_WIDGET (chart)));
    g_assert_cmpfloat (ms, <, 50);
  }

  /* the keyboard: the cursor moves by cells; Enter on a free night of a
   * room opens the booking dialog for it */
  {
    guint row, row2;
    guint32 night, night2;

    gtk_widget_grab_focus (GTK_WIDGET (chart));
    td_tape_chart_get_cursor (chart, &row, &night);
    press_key (chart, GDK_KEY_Down);
    press_key (chart, GDK_KEY_Right);
    press_key (chart, GDK_KEY_Right);
    td_tape_chart_get_cursor (chart, &row2, &night2);
    g_assert_cmpuint (row2, ==, row + 1);
    g_assert_cmpuint (night2, ==, night + 2);
    press_key (chart, GDK_KEY_Left);
    press_key (chart, GDK_KEY_Up);
    td_tape_chart_get_cursor (chart, &row2, &night2);
    g_assert_cmpuint (row2, ==, row);
    g_assert_cmpuint (night2, ==, night + 1);
  }

  /* another hotel, other stays */
  {
    gint64 start = g_get_monotonic_time ();

    td_front_desk_page_select_property (page, 1);
    td_test_ui_wait_until (page_idle, page, "the second hotel");
    g_test_message ("another hotel's four weeks loaded in %.1f ms",
                    (double) (g_get_monotonic_time () - start) / 1000.0);
  }
  g_assert_cmpuint (td_tape_chart_get_n_bars (chart), >, 0);
  g_assert_cmpstr (td_tape_chart_get_stay (chart, 0)->property_id, !=, property_id);
  td_front_desk_page_select_property (page, 0);
  td_test_ui_wait_until (page_idle, page, "the first hotel again");

  /* a booking through the dialog: tonight and tomorrow in a free room */
  /* a guest of the demo: the first drawn stay's */
  hits = td_customer_search (db, td_tape_chart_get_stay (chart, 0)->guest_name, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  room = free_room (db, property_id, when.today, when.today + 2);
  dialog = open_dialog (page, room, when.today, when.today + 2, hit->name);
  td_test_ui_screenshot (GTK_WIDGET (dialog), "frontdesk-booking");
  g_signal_connect (dialog, "booked", G_CALLBACK (booked_cb), &stay_id);
  td_booking_dialog_book (dialog);
  td_test_ui_wait_until (dialog_gone, page, "the booking");
  g_assert_nonnull (stay_id);
  g_assert_cmpstr (td_front_desk_page_get_last_message (page), ==, _("Booked"));
  td_test_ui_wait_until (page_idle, page, "the chart to reload");
  stay = td_stay_get (db, stay_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stay->room_id, ==, room->id);
  g_assert_cmpuint (stay->dates.start, ==, when.today);
  g_assert_cmpuint (stay->dates.end, ==, when.today + 2);
  g_assert_cmpint (stay->state, ==, TD_STAY_CONFIRMED);
  g_assert_cmpuint (td_tape_chart_get_n_bars (chart), >, 0);
  g_clear_pointer (&stay, td_stay_free);

  /* the same room again: the core refuses, the dialog says why and stays open */
  dialog = open_dialog (page, room, when.today + 1, when.today + 3, hit->name);
  td_booking_dialog_book (dialog);
  td_test_ui_wait_until (dialog_has_problem, dialog, "the refusal");
  g_assert_nonnull (strstr (td_booking_dialog_get_problem (dialog), room->number));
  g_assert_true (td_front_desk_page_get_booking_dialog (page) == dialog);
  td_test_ui_screenshot (GTK_WIDGET (dialog), "frontdesk-booking-refused");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (td_front_desk_page_get_booking_dialog (page));

  /* dragged to another free room: the whole stay moves */
  {
    g_autoptr(TdRoom) other = free_room (db, property_id, when.today, when.today + 2);
    g_autoptr(TdRoom) taken_room = NULL;
    StayRoom sr = { db, stay_id, other->id };
    TdStay *neighbour = NULL;

    g_assert_cmpstr (other->id, !=, room->id);
    stay = td_stay_get (db, stay_id, &error);
    g_assert_no_error (error);
    remember_message (page);
    td_tape_chart_request_move (chart, stay, other, stay->dates.start);
    td_test_ui_wait_until (message_changed, page, "the move");
    g_assert_nonnull (strstr (td_front_desk_page_get_last_message (page), other->number));
    g_assert_true (stay_in_room (&sr));
    td_test_ui_wait_until (page_idle, page, "the chart after the move");
    g_clear_pointer (&stay, td_stay_free);
    g_clear_pointer (&room, td_room_free);
    room = g_steal_pointer (&other);

    /* onto a room another guest has tonight: the core's refusal in a toast */
    for (guint i = 0; neighbour == NULL && i < td_tape_chart_get_n_bars (chart); i++)
      {
        TdStay *s = td_tape_chart_get_stay (chart, i);

        if (s->room_id && g_strcmp0 (s->room_id, room->id) != 0
            && (s->state == TD_STAY_CONFIRMED || s->state == TD_STAY_CHECKED_IN)
            && s->dates.start <= when.today && when.today < s->dates.end)
          neighbour = s;
      }
    g_assert_nonnull (neighbour);
    taken_room = room_by_id (db, property_id, neighbour->room_id);
    stay = td_stay_get (db, stay_id, &error);
    remember_message (page);
    td_tape_chart_request_move (chart, stay, taken_room, stay->dates.start);
    td_test_ui_wait_until (message_changed, page, "the refused move");
    g_test_message ("refused: %s", td_front_desk_page_get_last_message (page));
    g_assert_nonnull (strstr (td_front_desk_page_get_last_message (page), taken_room->number));
    td_test_ui_wait_until (page_idle, page, "the chart after the refused move");
    g_clear_pointer (&stay, td_stay_free);
    stay = td_stay_get (db, stay_id, &error);
    g_assert_cmpstr (stay->room_id, ==, room->id);
    g_clear_pointer (&stay, td_stay_free);
  }

  /* check in the new stay from its popover */
  popover = td_front_desk_page_get_stay_popover (page);
  /* no window manager under Xvfb: an autohide popover loses its grab */
  gtk_popover_set_autohide (popover, FALSE);
  g_assert_true (td_tape_chart_activate_stay (chart, stay_id));
  td_test_ui_wait_until (popover_shown, page, "the stay's popover");
  td_test_ui_screenshot_with_popover (GTK_WIDGET (window), GTK_WIDGET (popover), "frontdesk-popover");
  remember_message (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "stay.check-in", NULL));
  td_test_ui_wait_until (check_in_dialog_open, page, "the check-in dialog");
  check_in = td_front_desk_page_get_check_in_dialog (page);
  td_test_ui_wait_until (check_in_idle, check_in, "the guest's papers");
  /* the booker is a guest of the room; without papers the core refuses,
   * naming the guest, and nothing is checked in */
  g_assert_cmpuint (td_check_in_dialog_get_n_guests (check_in), ==, 1);
  if (td_check_in_dialog_get_n_ready (check_in) == 0)
    {
      td_check_in_dialog_confirm (check_in);
      td_test_ui_wait_until (check_in_idle, check_in, "the refused check-in");
      g_assert_nonnull (td_check_in_dialog_get_problem (check_in));
      g_test_message ("refused: %s", td_check_in_dialog_get_problem (check_in));
      td_test_ui_screenshot (GTK_WIDGET (check_in), "frontdesk-check-in-refused");
      td_check_in_dialog_remove_guest (check_in, 0);
    }
  else
    td_check_in_dialog_remove_guest (check_in, 0);
  stay = td_stay_get (db, stay_id, &error);
  g_assert_cmpint (stay->state, !=, TD_STAY_CHECKED_IN);
  g_clear_pointer (&stay, td_stay_free);
  /* two guests with their identity cards */
  {
    g_autofree char *first = new_guest (db, "林晓梅", "41010519900815002");
    g_autofree char *second = new_guest (db, "林志强", "41010519880203001");

    td_check_in_dialog_add_guest (check_in, first);
    td_check_in_dialog_add_guest (check_in, second);
    td_test_ui_wait_until (check_in_idle, check_in, "the two guests' papers");
    g_assert_cmpuint (td_check_in_dialog_get_n_ready (check_in), ==, 2);
  }
  td_test_ui_screenshot (GTK_WIDGET (check_in), "frontdesk-check-in");
  td_check_in_dialog_confirm (check_in);
  td_test_ui_wait_until (message_changed, page, "the check-in");
  td_test_ui_wait_until (page_idle, page, "the chart after the check-in");
  stay = td_stay_get (db, stay_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stay->state, ==, TD_STAY_CHECKED_IN);
  g_assert_nonnull (strstr (td_front_desk_page_get_last_message (page), room->number));
  {
    g_autoptr(GPtrArray) registrations = td_registrations_list (db, stay_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (registrations->len, ==, 2);
  }

  /* the folio: a minibar charge; check-out refused with the balance open,
   * then paid and out */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "stay.folio", NULL));
  td_test_ui_wait_until (folio_dialog_open, page, "the folio");
  folio = td_front_desk_page_get_folio_dialog (page);
  td_test_ui_wait_until (folio_idle, folio, "the folio's entries");
  td_folio_dialog_post (folio, TD_FOLIO_ENTRY_CHARGE, "minibar", "35.50", "两瓶啤酒");
  td_test_ui_wait_until (folio_idle, folio, "the minibar charge");
  g_assert_null (td_folio_dialog_get_problem (folio));
  g_assert_cmpint (td_folio_dialog_get_account (folio)->balance.minor, ==, 3550);
  td_folio_dialog_check_out (folio, NULL, NULL);
  td_test_ui_wait_until (folio_idle, folio, "the refused check-out");
  g_test_message ("refused: %s", td_folio_dialog_get_problem (folio));
  g_assert_nonnull (td_folio_dialog_get_problem (folio));
  g_assert_true (td_folio_dialog_get_override_shown (folio));
  td_test_ui_screenshot (GTK_WIDGET (folio), "frontdesk-folio-refused");
  {
    /* leaving today: the first night and the minibar */
    TdMoney owed = stay->total;
    g_autofree char *amount = NULL;

    owed.minor = g_array_index (stay->nightly, gint64, 0) + 3550;
    amount = td_money_to_decimal (&owed);
    td_folio_dialog_post (folio, TD_FOLIO_ENTRY_PAYMENT, "wechat-pay", amount, NULL);
    td_test_ui_wait_until (folio_idle, folio, "the payment");
  }
  remember_message (page);
  td_folio_dialog_check_out (folio, NULL, NULL);
  td_test_ui_wait_until (message_changed, page, "the check-out");
  g_assert_null (td_folio_dialog_get_problem (folio));
  g_assert_cmpint (td_folio_dialog_get_account (folio)->balance.minor, ==, 0);
  g_assert_cmpint (td_folio_dialog_get_account (folio)->stay->state, ==, TD_STAY_CHECKED_OUT);
  td_test_ui_screenshot (GTK_WIDGET (folio), "frontdesk-folio");
  gtk_window_destroy (GTK_WINDOW (folio));
  td_test_ui_wait_until (page_idle, page, "the chart after the check-out");
  g_clear_pointer (&stay, td_stay_free);
  stay = td_stay_get (db, stay_id, &error);
  g_assert_cmpint (stay->state, ==, TD_STAY_CHECKED_OUT);

  /* Enter on the stay's cell (the cursor is still there) opens it again */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  press_key (chart, GDK_KEY_Return);
  td_test_ui_wait_until (popover_shown, page, "the popover from the keyboard");
  gtk_popover_popdown (popover);

  /* an OTA's feed with a booking on nights a stay has: flagged for the
   * clerk on the front desk's bar, never in place of the stay */
  {
    TdStay *taken = NULL;
    g_autofree char *start = NULL, *end = NULL, *feed = NULL;
    g_autoptr(TdCalendarImport) imported = NULL;

    for (guint i = 0; taken == NULL && i < td_tape_chart_get_n_bars (chart); i++)
      {
        TdStay *s = td_tape_chart_get_stay (chart, i);

        if (s->room_id && s->state == TD_STAY_CONFIRMED && s->dates.start > when.today)
          taken = s;
      }
    g_assert_nonnull (taken);
    start = td_date_format_iso (taken->dates.start);
    end = td_date_format_iso (taken->dates.end);
    feed = g_strdup_printf ("BEGIN:VCALENDAR\r\nPRODID:-//Booking.com//NONSGML Availability Calendar//EN\r\n"
                            "VERSION:2.0\r\nBEGIN:VEVENT\r\nUID:ui-test@booking.com\r\n"
                            "DTSTART;VALUE=DATE:%.4s%.2s%.2s\r\nDTEND;VALUE=DATE:%.4s%.2s%.2s\r\n"
                            "SUMMARY:CLOSED - Not available\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                            start, start + 5, start + 8, end, end + 5, end + 8);
    imported = td_calendar_import (db, "test", taken->room_id, NULL, "booking.ics", feed, strlen (feed), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (imported->conflicts->len, ==, 1);
    td_area_refresh (TD_AREA (page));
    td_test_ui_wait_until (conflicts_shown, page, "the calendar conflict");
    g_assert_nonnull (strstr (td_front_desk_page_get_conflicts (page), "Booking.com"));
    td_test_ui_wait_until (page_idle, page, "the chart after the feed");
    td_test_ui_screenshot (GTK_WIDGET (window), "frontdesk-calendar-conflict");
  }


  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_front_desk_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();
  TdWindow *window;
  TdFrontDeskPage *page;

  page = open_front_desk (&window);
  g_assert_cmpuint (td_tape_chart_get_n_bars (td_front_desk_page_get_chart (page)), >, 0);
  td_test_ui_screenshot (GTK_WIDGET (window), "zh_CN-frontdesk");
  /* a guest in house: the folio, in Chinese */
  {
    TdTapeChart *chart = td_front_desk_page_get_chart (page);
    TdFolioDialog *folio;
    const char *in_house = NULL;

    for (guint i = 0; in_house == NULL && i < td_tape_chart_get_n_bars (chart); i++)
      if (td_tape_chart_get_stay (chart, i)->state == TD_STAY_CHECKED_IN)
        in_house = td_tape_chart_get_stay (chart, i)->id;
    g_assert_nonnull (in_house);
    gtk_popover_set_autohide (td_front_desk_page_get_stay_popover (page), FALSE);
    g_assert_true (td_tape_chart_activate_stay (chart, in_house));
    td_test_ui_wait_until (popover_shown, page, "the stay's popover");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "stay.folio", NULL));
    td_test_ui_wait_until (folio_dialog_open, page, "the folio");
    folio = td_front_desk_page_get_folio_dialog (page);
    td_test_ui_wait_until (folio_idle, folio, "the folio's entries");
    td_test_ui_screenshot (GTK_WIDGET (folio), "zh_CN-frontdesk-folio");
    gtk_window_destroy (GTK_WINDOW (folio));
  }
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

  home = td_test_ui_init (&argc, &argv, "tourdesk-frontdesk-XXXXXX");
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();

  demo_path = g_build_filename (home, "demo.tourdesk", NULL);
  td_demo_options_init (&options);
  options.customers = 200;
  database = td_demo_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_test_add_func ("/frontdesk/tape-chart", test_front_desk);
  g_test_add_func ("/frontdesk/zh_CN", test_front_desk_chinese);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (demo_path);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
