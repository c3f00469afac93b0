/* test-tickets-ui.c: the tickets area on the demo workspace: an attraction's
 * time slots, a sale of two tickets, their vouchers printed to a PDF, a
 * ticket checked at the desk (valid, then already used), a forged code
 *
 * Runs under a display (xvfb-run), in the ui suite. With TD_SCREENSHOT_DIR
 * set, PNGs of the area (English and zh_CN) are written there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-application.h"
#include "td-area.h"
#include "td-ticket-voucher.h"
#include "td-tickets-page.h"
#include "td-window.h"
#include "td-test-ui-utils.h"
#include "td-test-utils.h"

static TdApplication *app;
static char *demo_path;
static char *home;

static gboolean
page_ready (gpointer data)
{
  return !td_area_get_loading (TD_AREA (data)) && td_tickets_page_get_n_slots (data) > 0;
}

static gboolean
page_idle (gpointer data)
{
  return !td_area_get_loading (TD_AREA (data));
}

static gboolean
sold (gpointer data)
{
  return td_tickets_page_get_sold (data) != NULL && !td_area_get_loading (TD_AREA (data));
}

static gboolean
message_dialog_open (gpointer data)
{
  return td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
ticket_void (gpointer data)
{
  return td_test_query_int (data, "SELECT count(*) FROM tickets WHERE state = 'void' AND void_reason = '行程取消' "
                                  "AND refund_minor = 8000") == 1;
}

static int wanted_verdict;

static gboolean
verdict_shown (gpointer data)
{
  return td_tickets_page_get_verdict (data) == wanted_verdict;
}

static TdTicketsPage *
open_tickets (TdWindow **window_out)
{
  TdWindow *window = td_window_new (app);
  TdTicketsPage *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, demo_path, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "tickets");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the tickets area");
  g_assert_cmpstr (td_window_get_area (window), ==, "tickets");
  page = TD_TICKETS_PAGE (td_window_get_area_widget (window, "tickets"));
  td_test_ui_wait_until (page_idle, page, "the tickets area's loading");
  g_test_message ("attractions %u, slots %u", td_tickets_page_get_n_attractions (page), td_tickets_page_get_n_slots (page));
  td_test_ui_wait_until (page_ready, page, "the time slots");
  *window_out = window;
  return page;
}

static void
check_code (TdTicketsPage *page,
            const char    *code,
            int            verdict)
{
  GtkWidget *entry = td_test_ui_find_named (GTK_WIDGET (page), "code");

  /* as a scanner does: the code typed, then Enter */
  gtk_editable_set_text (GTK_EDITABLE (entry), code);
  wanted_verdict = verdict;
  g_signal_emit_by_name (entry, "activate");
  td_test_ui_wait_until (verdict_shown, page, "the ticket's check");
}

static void
test_sell_print_check (void)
{
  TdWindow *window;
  TdTicketsPage *page = open_tickets (&window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (demo_path, TD_OPEN_FLAGS_NONE, &error);
  g_autoptr(TdDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (home, "sale.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *altered = NULL;
  GPtrArray *tickets;
  TdTicket *first;
  gint64 before;

  g_assert_no_error (error);
  g_assert_cmpuint (td_tickets_page_get_n_attractions (page), >=, 4);
  g_assert_cmpuint (td_tickets_page_get_n_slots (page), ==, 4);
  td_test_ui_screenshot (GTK_WIDGET (window), "tickets");

  /* two tickets in the second slot */
  before = td_database_count (db, "ticket", NULL);
  td_tickets_page_select_slot (page, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (td_test_ui_find_named (GTK_WIDGET (page), "count")), 2);
  td_test_ui_click (GTK_WIDGET (page), "sell");
  td_test_ui_wait_until (sold, page, "the sale");
  tickets = td_tickets_page_get_sold (page);
  g_assert_cmpuint (tickets->len, ==, 2);
  g_assert_cmpint (td_database_count (db, "ticket", NULL), ==, before + 2);
  first = g_ptr_array_index (tickets, 0);
  g_assert_cmpstr (first->start_time, ==, "10:30");
  td_test_ui_screenshot (GTK_WIDGET (window), "tickets-sold");

  /* the vouchers the Print button prints, as a PDF: both tickets */
  doc = td_ticket_vouchers_new (db, tickets, &error);
  g_assert_no_error (error);
  td_document_write_pdf (doc, pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_test_pdf_pages (pdf), ==, 2);
  text = td_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, first->attraction));
  g_assert_nonnull (strstr (text, "10:30"));

  /* checked at the desk: valid once, then used; an altered code refused */
  check_code (page, first->code, TD_TICKET_CHECK_VALID);
  td_test_ui_screenshot (GTK_WIDGET (window), "tickets-valid");
  check_code (page, first->code, TD_TICKET_CHECK_USED);
  altered = g_strdup (first->code);
  altered[50] = altered[50] == 'A' ? 'B' : 'A';
  check_code (page, altered, TD_TICKET_CHECK_FORGED);
  td_test_ui_screenshot (GTK_WIDGET (window), "tickets-forged");

  /* the other ticket voided from the day's list, with the reason and a
   * refund: void at the gate too, its place free again */
  {
    TdTicket *second = g_ptr_array_index (tickets, 1);
    g_autofree char *button = g_strdup_printf ("void-%s", second->code);
    g_autofree char *code = g_strdup (second->code);
    GtkWidget *dialog;

    td_test_ui_click (GTK_WIDGET (page), button);
    td_test_ui_wait_until (message_dialog_open, NULL, "the Void dialog");
    dialog = td_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "void"));
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "void-reason")), "行程取消");
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "void-refund")), "80");
    td_test_ui_screenshot (dialog, "tickets-void");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "void");
    td_test_ui_wait_until (ticket_void, db, "the ticket voided");
    td_test_ui_wait_until (page_idle, page, "the day's tickets again");
    check_code (page, code, TD_TICKET_CHECK_VOID);
    td_test_ui_screenshot (GTK_WIDGET (window), "tickets-voided");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_tickets_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();
  TdWindow *window;
  TdTicketsPage *page = open_tickets (&window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (demo_path, TD_OPEN_FLAGS_NONE, &error);
  g_autoptr(GPtrArray) tickets = td_tickets_list (db, NULL, 1, &error);

  g_assert_no_error (error);
  td_tickets_page_select_slot (page, 2);
  td_test_ui_click (GTK_WIDGET (page), "sell");
  td_test_ui_wait_until (sold, page, "the sale");
  check_code (page, ((TdTicket *) g_ptr_array_index (td_tickets_page_get_sold (page), 0))->code,
              TD_TICKET_CHECK_VALID);
  td_test_ui_screenshot (GTK_WIDGET (window), "zh_CN-tickets");
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

  home = td_test_ui_init (&argc, &argv, "tourdesk-tickets-XXXXXX");
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();

  demo_path = g_build_filename (home, "demo.tourdesk", NULL);
  td_demo_options_init (&options);
  options.customers = 200;
  database = td_demo_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_test_add_func ("/tickets-ui/sell-print-check", test_sell_print_check);
  g_test_add_func ("/tickets-ui/zh_CN", test_tickets_chinese);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (demo_path);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
