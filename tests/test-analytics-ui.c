/* test-analytics-ui.c: the Analytics area on a demo workspace with a year
 * of history: every chart drawn with values, the figures against the core,
 * a chart's CSV, the dashboard's PDF, the dark style and zh_CN
 *
 * Runs under a display (xvfb-run), in the ui suite. With TD_SCREENSHOT_DIR
 * set, PNGs of the area (English, dark, zh_CN) are written there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "td-analytics-charts.h"
#include "td-analytics-page.h"
#include "td-application.h"
#include "td-area.h"
#include "td-chart-card.h"
#include "td-chart-view.h"
#include "td-window.h"
#include "td-test-ui-utils.h"

static TdApplication *app;
static char *demo_path;
static char *home;

static gboolean
page_loaded (gpointer data)
{
  return !td_area_get_loading (TD_AREA (data)) && td_analytics_page_get_dashboard (data) != NULL;
}

/* the dashboard shown is of 45 days */
static gboolean
dates_shown (gpointer data)
{
  const TdKpiDashboard *d = td_analytics_page_get_dashboard (data);

  return !td_area_get_loading (TD_AREA (data)) && d && d->dates.end - d->dates.start == 45;
}

static TdAnalyticsPage *
open_analytics (TdWindow **window_out)
{
  TdWindow *window = td_window_new (app);
  TdAnalyticsPage *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, demo_path, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "analytics");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the window");
  g_assert_cmpstr (td_window_get_area (window), ==, "analytics");
  page = TD_ANALYTICS_PAGE (td_window_get_area_widget (window, "analytics"));
  td_test_ui_wait_until (page_loaded, page, "the analytics");
  *window_out = window;
  return page;
}

/* every chart card below root, in order */
static void
collect_cards (GtkWidget *root,
               GPtrArray *cards)
{
  if (TD_IS_CHART_CARD (root))
    {
      g_ptr_array_add (cards, root);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_cards (child, cards);
}

static void
test_analytics (void)
{
  TdWindow *window;
  TdAnalyticsPage *page = open_analytics (&window);
  const TdKpiDashboard *d = td_analytics_page_get_dashboard (page);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (home, "revenue.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (home, "analytics.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  const TdAreaInfo *info = td_areas_lookup ("analytics");

  g_assert_cmpstr (info->accel, ==, "<Control>8");
  /* the last 30 days of a demo with history: rooms were sold */
  g_assert_cmpuint (td_date_range_get_nights (&d->dates), ==, 30);
  g_assert_cmpint (d->report->current->sold, >, 0);
  g_assert_cmpint (d->report->current->revenue, >, 0);
  g_assert_cmpint (d->report->current->responses, >, 0);
  g_assert_cmpuint (d->forecast->nights->len, ==, 90);

  collect_cards (GTK_WIDGET (page), cards);
  g_assert_cmpuint (cards->len, ==, TD_ANALYTICS_N_CHARTS);
  for (guint i = 0; i < cards->len; i++)
    {
      TdChartData *data = td_chart_card_get_data (g_ptr_array_index (cards, i));
      g_autofree char *description = NULL;

      g_assert_nonnull (data);
      g_assert_cmpuint (td_chart_data_get_n_categories (data), >, 0);
      description = td_chart_data_describe (data);
      g_test_message ("%s: %.120s", td_chart_data_get_title (data), description);
      g_assert_cmpstr (description, !=, "No data for this period.");
    }

  /* a chart's values, as the export button writes them: the revenue of
   * each day beside the previous period's; their sum is the period's */
  {
    TdChartCard *revenue = g_ptr_array_index (cards, 0);
    TdChartData *data = td_chart_card_get_data (revenue);
    double sum = 0;

    g_assert_cmpstr (td_chart_data_get_title (data), ==, "Room revenue");
    for (guint c = 0; c < td_chart_data_get_n_categories (data); c++)
      sum += td_chart_data_get_value (data, 0, c);
    g_assert_cmpfloat (sum, ==, (double) d->report->current->revenue);
    g_assert_true (td_chart_card_write_csv (revenue, csv_file, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf" "Room revenue,This period,Previous period\r\n"));
    g_assert_cmpuint (g_strv_length (g_strsplit (csv, "\r\n", -1)), ==, td_chart_data_get_n_categories (data) + 2);
  }

  /* the whole dashboard as a PDF */
  {
    g_autoptr(GPtrArray) charts = td_analytics_charts_build (d);
    g_autoptr(TdDocument) doc = td_analytics_document_new (d, charts, "All Hotels");
    g_autofree char *pdf = NULL;

    g_assert_true (td_document_write_pdf (doc, pdf_path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (pdf_path, &pdf, NULL, NULL));
    g_assert_true (g_str_has_prefix (pdf, "%PDF"));
  }

  td_test_ui_screenshot (GTK_WIDGET (window), "analytics");

  /* a year, by month; in the dark */
  td_analytics_page_set_period (page, TD_ANALYTICS_PERIOD_LAST_12_MONTHS);
  td_test_ui_wait_until (page_loaded, page, "a year of analytics");
  d = td_analytics_page_get_dashboard (page);
  g_assert_cmpint (d->step, ==, TD_KPI_STEP_MONTH);
  g_assert_cmpint (d->report->current->bookings, >, 0);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  td_test_ui_screenshot (GTK_WIDGET (window), "analytics-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* dates of one's own: the last day included; refused backwards or too long */
  {
    guint32 first = d->dates.start, last;

    g_clear_error (&error);
    last = first + 44;
    g_assert_false (td_analytics_page_set_dates (page, last, first, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (td_analytics_page_set_dates (page, first, first + 4000, &error));
    g_clear_error (&error);
    g_assert_true (td_analytics_page_set_dates (page, first, last, &error));
    g_assert_no_error (error);
    td_test_ui_wait_until (page_loaded, page, "the chosen dates");
    td_test_ui_wait_until (dates_shown, page, "the chosen dates' figures");
    d = td_analytics_page_get_dashboard (page);
    g_assert_cmpuint (d->dates.start, ==, first);
    g_assert_cmpuint (d->dates.end, ==, last + 1);
    g_assert_true (gtk_widget_get_visible (td_test_ui_find_named (GTK_WIDGET (page), "analytics-change-dates")));
    td_test_ui_screenshot (GTK_WIDGET (window), "analytics-custom-dates");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_analytics_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();
  TdWindow *window;
  TdAnalyticsPage *page = open_analytics (&window);

  g_assert_nonnull (td_analytics_page_get_dashboard (page));
  td_test_ui_screenshot (GTK_WIDGET (window), "zh_CN-analytics");
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

  home = td_test_ui_init (&argc, &argv, "tourdesk-analytics-XXXXXX");
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();

  demo_path = g_build_filename (home, "demo.tourdesk", NULL);
  td_demo_options_init (&options);
  options.customers = 300;
  options.history_days = 400;
  database = td_demo_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_test_add_func ("/analytics/charts", test_analytics);
  g_test_add_func ("/analytics/zh_CN", test_analytics_chinese);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (demo_path);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
