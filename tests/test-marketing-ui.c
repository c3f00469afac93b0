/* test-marketing-ui.c: the Marketing area on the demo workspace: a segment
 * built with the rule builder (its live count agrees with the core), saved;
 * a campaign composed to it and previewed for a recipient; a coupon made.
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
#include "td-marketing-page.h"
#include "td-smtp-dialog.h"
#include "td-smtp.h"
#include "td-window.h"
#include "td-test-smtp.h"
#include "td-test-ui-utils.h"

static TdApplication *app;
static char *demo_path;
static char *home;

static TdMarketingPage *
open_marketing (TdWindow **window_out)
{
  TdWindow *window = td_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, demo_path, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "marketing");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the marketing area");
  g_assert_cmpstr (td_window_get_area (window), ==, "marketing");
  *window_out = window;
  return TD_MARKETING_PAGE (td_window_get_area_widget (window, "marketing"));
}

static gboolean
page_idle (gpointer data)
{
  return !td_marketing_page_get_busy (data) && !td_area_get_loading (TD_AREA (data));
}

static gboolean
counted (gpointer data)
{
  return page_idle (data) && td_marketing_page_get_count (data) >= 0;
}

static gboolean
previewed (gpointer data)
{
  return page_idle (data) && td_marketing_page_get_audience (data) >= 0;
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (td_test_ui_find_named (root, name)));
}

static void
type_into (GtkWidget  *root,
           const char *name,
           const char *text)
{
  GtkWidget *widget = td_test_ui_find_named (root, name);

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
test_marketing (void)
{
  g_autoptr(JsonObject) rules = NULL;
  g_autoptr(GError) error = NULL;
  TdWindow *window;
  TdMarketingPage *page = open_marketing (&window);
  TdDatabase *db = td_window_get_database (window);
  gint64 want;

  /* customers of 郑州 who booked at least once: the page counts what the
   * core counts */
  td_marketing_page_add_rule (page, "city", "is", "郑州市");
  td_marketing_page_add_rule (page, "bookings", ">=", "1");
  td_test_ui_wait_until (counted, page, "the live count");
  {
    g_autoptr(JsonNode) node = json_from_string ("{\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"},"
                                                 "{\"field\":\"bookings\",\"op\":\">=\",\"value\":1}]}", NULL);

    rules = json_node_dup_object (node);
  }
  want = td_segment_count (db, rules, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (want, >, 0);
  g_assert_cmpint (td_marketing_page_get_count (page), ==, want);

  /* a rule that does not fit says so, and counts nothing */
  td_marketing_page_add_rule (page, "age", "between", "old");
  td_test_ui_wait_until (page_idle, page, "the rules checked");
  g_assert_cmpint (td_marketing_page_get_count (page), ==, -1);
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (page), "segment-count"), "Age"));
  {
    GtkWidget *rules_box = gtk_widget_get_parent (gtk_widget_get_ancestor (
      td_test_ui_find_named (GTK_WIDGET (page), "rule-value"), g_type_from_name ("TdSegmentRuleRow")));
    GtkWidget *last = gtk_widget_get_last_child (rules_box);

    /* as its remove button does */
    g_signal_emit_by_name (last, "remove");
    g_assert_true (gtk_widget_get_last_child (rules_box) != last);
  }
  td_marketing_page_add_rule (page, "consent_email", "is", "granted");
  td_test_ui_wait_until (counted, page, "the count with consent");
  type_into (GTK_WIDGET (page), "segment-name", "郑州回头客");
  td_test_ui_click (GTK_WIDGET (page), "save-segment");
  td_test_ui_wait_until (page_idle, page, "the segment saved");
  td_test_ui_screenshot (GTK_WIDGET (window), "marketing-segment");
  {
    g_autoptr(TdSegment) saved = td_segment_find (db, "郑州回头客", &error);

    g_assert_no_error (error);
    g_assert_cmpint (td_segment_count (db, saved->rules, 0, NULL), ==, td_marketing_page_get_count (page));
  }

  /* a campaign to it, previewed for its first recipient */
  td_marketing_page_show_view (page, "campaigns");
  td_test_ui_click (GTK_WIDGET (page), "new-campaign");
  type_into (GTK_WIDGET (page), "campaign-name", "冬季回馈");
  type_into (GTK_WIDGET (page), "campaign-subject", "{name}，冬天来郑州住一晚");
  type_into (GTK_WIDGET (page), "campaign-body", "{name}您好！\n\n您上次入住是 {last_stay}。今冬入住九折。\n\n中原花园酒店");
  td_test_ui_wait_until (previewed, page, "the preview");
  g_assert_cmpint (td_marketing_page_get_audience (page), ==, td_marketing_page_get_count (page));
  if (td_marketing_page_get_audience (page) > 0)
    {
      const char *subject = label_text (GTK_WIDGET (page), "preview-subject");
      const char *body = label_text (GTK_WIDGET (page), "preview-body");

      g_assert_true (g_str_has_suffix (subject, "，冬天来郑州住一晚"));
      g_assert_false (g_str_has_prefix (subject, "{name}"));
      g_assert_nonnull (strstr (body, "您上次入住是 20"));
      g_assert_nonnull (strstr (body, "unsubscribe"));
    }
  td_test_ui_click (GTK_WIDGET (page), "save-campaign");
  td_test_ui_wait_until (page_idle, page, "the campaign saved");
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (page), "campaign-message"), "冬季回馈"));
  td_test_ui_screenshot (GTK_WIDGET (window), "marketing-campaign");
  {
    g_autoptr(TdCampaign) campaign = td_campaign_get (db, "冬季回馈", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (campaign->state, ==, "draft");
  }

  /* the e-mail server, through its dialog */
  td_test_ui_click (GTK_WIDGET (page), "smtp-settings");
  {
    TdSmtpDialog *dialog = NULL;
    g_autoptr(TdSmtpSettings) saved = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

        if (TD_IS_SMTP_DIALOG (w))
          dialog = TD_SMTP_DIALOG (w);
      }
    g_assert_nonnull (dialog);
    td_test_ui_settle (GTK_WIDGET (dialog));
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Server")), "127.0.0.1");
    adw_combo_row_set_selected (ADW_COMBO_ROW (td_test_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Encryption")), 2);
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "From Address")), "hello@hotel.example");
    gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Sender Name")), "中原花园酒店");
    td_test_ui_screenshot (GTK_WIDGET (dialog), "marketing-smtp");
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    td_test_ui_click (GTK_WIDGET (dialog), "smtp-save");
    while (dialog != NULL)
      g_main_context_iteration (NULL, TRUE);
    saved = td_smtp_settings_load (db, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (saved->host, ==, "127.0.0.1");
    g_assert_cmpint (saved->security, ==, TD_SMTP_SECURITY_NONE);
    g_assert_cmpstr (saved->from_name, ==, "中原花园酒店");
    g_assert_cmpuint (saved->per_minute, ==, 60);
  }

  /* the campaign sent, with its progress, to a real SMTP server (STARTTLS
   * with the server's certificate, which only the settings can name) */
  if (td_test_smtp_available ())
    {
      TdTestSmtpServer *server = td_test_smtp_server_start (-1);
      g_autoptr(TdSmtpSettings) s = td_smtp_settings_load (db, &error);
      GtkListBox *list = NULL;
      gint64 audience = td_marketing_page_get_audience (page);

      s->port = server->port;
      s->security = TD_SMTP_SECURITY_STARTTLS;
      s->username = g_strdup (TD_TEST_SMTP_USER);
      s->ca_file = g_strdup (server->cert);
      s->per_minute = 0;
      g_assert_true (td_smtp_settings_save (db, s, &error));
      g_setenv ("TOURDESK_SMTP_PASSWORD", TD_TEST_SMTP_PASSWORD, TRUE);

      /* the saved campaign, chosen in the list */
      list = GTK_LIST_BOX (td_test_ui_find_named (GTK_WIDGET (page), "campaign-list"));
      gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
      td_test_ui_wait_until (previewed, page, "the campaign chosen");
      g_assert_true (gtk_widget_get_sensitive (td_test_ui_find_named (GTK_WIDGET (page), "send-campaign")));
      td_test_ui_click (GTK_WIDGET (page), "send-campaign");
      td_test_ui_wait_until (page_idle, page, "the campaign sent");
      g_assert_cmpuint (td_test_smtp_n_received (server), ==, audience);
      g_assert_nonnull (strstr (label_text (GTK_WIDGET (page), "campaign-message"), "messages sent"));
      td_test_ui_screenshot (GTK_WIDGET (window), "marketing-sent");
      {
        g_autoptr(TdCampaign) campaign = td_campaign_get (db, "冬季回馈", &error);

        g_assert_cmpstr (campaign->state, ==, "sent");
      }
      g_unsetenv ("TOURDESK_SMTP_PASSWORD");
      td_test_smtp_server_stop (server);
    }

  /* coupons: a batch of five */
  td_marketing_page_show_view (page, "coupons");
  type_into (GTK_WIDGET (page), "coupon-code", "WINTER");
  type_into (GTK_WIDGET (page), "coupon-value", "10");
  type_into (GTK_WIDGET (page), "coupon-count", "5");
  td_test_ui_click (GTK_WIDGET (page), "create-coupon");
  td_test_ui_wait_until (page_idle, page, "the coupons made");
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (page), "coupon-message"), "WINTER"));
  g_assert_cmpint (td_database_count (db, "coupon", NULL), ==, 5);
  td_test_ui_screenshot (GTK_WIDGET (window), "marketing-coupons");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_marketing_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();
  TdWindow *window;
  TdMarketingPage *page;

  if (saved_locale == NULL)
    return;
  page = open_marketing (&window);
  td_marketing_page_add_rule (page, "rfm", "is", "champions");
  td_marketing_page_add_rule (page, "consent_email", "is", "granted");
  td_test_ui_wait_until (counted, page, "the live count");
  type_into (GTK_WIDGET (page), "segment-name", "重要价值客户");
  td_test_ui_click (GTK_WIDGET (page), "save-segment");
  td_test_ui_wait_until (page_idle, page, "the segment saved");
  td_test_ui_screenshot (GTK_WIDGET (window), "zh_CN-marketing-segment");
  td_marketing_page_show_view (page, "campaigns");
  td_test_ui_wait_until (previewed, page, "the preview");
  td_test_ui_screenshot (GTK_WIDGET (window), "zh_CN-marketing-campaign");
  gtk_window_destroy (GTK_WINDOW (window));
  td_test_ui_leave_zh_cn (saved_locale);
}

/* the demo records no consent: half of 郑州's customers with an address
 * agree to e-mail, through the core, as a clerk would record it */
static void
grant_consent (TdDatabase *db)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(JsonNode) node = json_from_string ("{\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}", NULL);
  g_autoptr(JsonObject) rules = json_node_dup_object (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = td_segment_list_customers (db, rules, 0, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i += 2)
    {
      g_autoptr(JsonObject) c = td_database_get_record (db, "customer", g_ptr_array_index (ids, i), &error);
      TdChange *change;

      if (json_object_get_string_member_with_default (c, "email", NULL) == NULL)
        continue;
      change = td_change_new_update ("customer", g_ptr_array_index (ids, i), json_object_get_int_member (c, "revision"));
      td_change_set_string (change, "consent_email", "granted");
      td_change_set_string (change, "consent_email_at", "2026-11-01T02:00:00.000000Z");
      td_change_set_string (change, "consent_email_how", "登记表");
      g_ptr_array_add (changes, change);
    }
  g_assert_cmpuint (changes->len, >, 0);
  td_database_commit (db, "test", changes, &error);
  g_assert_no_error (error);
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

  home = td_test_ui_init (&argc, &argv, "tourdesk-marketing-XXXXXX");
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();

  demo_path = g_build_filename (home, "demo.tourdesk", NULL);
  td_demo_options_init (&options);
  options.customers = 400;
  database = td_demo_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  grant_consent (database);
  g_clear_object (&database);

  g_test_add_func ("/marketing/segment-campaign-coupons", test_marketing);
  g_test_add_func ("/marketing/zh_CN", test_marketing_chinese);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (demo_path);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
