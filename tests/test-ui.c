/* test-ui.c: the main window, first-run page and preferences, on screen
 *
 * Runs under a display (xvfb-run). Every GLib warning or critical fails the
 * test. With TD_SCREENSHOT_DIR set, a PNG of every state visited is written
 * there, for people to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "td-application.h"
#include "td-area.h"
#include "td-count-card.h"
#include "td-dashboard-page.h"
#include "td-preferences-window.h"
#include "td-utils.h"
#include "td-welcome-page.h"
#include "td-window.h"
#include "td-test-ui-utils.h"

static TdApplication *app;
static GSettings *settings;
static char *demo_path;

/* Helpers */

static GtkWidget *
find_mapped_widget (GtkWidget *root,
                    GType      type)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* the first button below root whose label is label (with its mnemonic) */
static GtkWidget *
find_labelled_button (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
window_not_busy (gpointer data)
{
  return !td_window_get_busy (TD_WINDOW (data));
}

static gboolean
preferences_ready (gpointer data)
{
  return !td_preferences_window_get_busy (TD_PREFERENCES_WINDOW (data));
}

static TdWindow *
new_window (int width,
            int height)
{
  TdWindow *window = td_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static TdPreferencesWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (TD_IS_PREFERENCES_WINDOW (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return TD_PREFERENCES_WINDOW (item);
    }

  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
reset_settings (void)
{
  g_settings_reset (settings, "workspace-path");
  g_settings_reset (settings, "platform-url");
  g_settings_reset (settings, "last-area");
}

/* Validators */

static void
test_validators (void)
{
  g_autofree char *problem = NULL;

  g_assert_null (td_check_tax_id (""));
  g_assert_null (td_check_tax_id ("91350100M000100Y43"));
  g_assert_null (td_check_tax_id ("91350100m000100y43"));   /* typed in lower case */
  problem = td_check_tax_id ("91350100M000100Y4");           /* 17 characters */
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  problem = td_check_tax_id ("91350100M000100Y44");          /* wrong check character */
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  problem = td_check_tax_id ("91350100I000100Y43");          /* I is not used */
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);

  g_assert_null (td_check_platform_url (""));
  g_assert_null (td_check_platform_url ("https://platform.example.gov.cn/"));
  g_assert_null (td_check_platform_url ("http://10.0.0.1:8080/api"));
  problem = td_check_platform_url ("ftp://platform.example.gov.cn/");
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  problem = td_check_platform_url ("platform.example.gov.cn");
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);

  g_assert_null (td_check_email ("front@hotel.cn"));
  problem = td_check_email ("front desk@hotel");
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);

  g_assert_null (td_check_phone ("0371-6000 0000"));
  g_assert_null (td_check_phone ("+86 138 0000 0000"));
  problem = td_check_phone ("call us");
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);

  g_assert_null (td_check_time_zone ("Asia/Shanghai"));
  problem = td_check_time_zone ("Mars/Olympus");
  g_assert_nonnull (problem);
}

/* The first-run page, then a new empty workspace */

static void
test_first_run (void)
{
  g_autofree char *default_path = td_workspace_default_path ();
  g_autofree char *stored = NULL;
  TdWindow *window;
  GtkWidget *welcome;
  GtkWidget *name_row;
  GtkWidget *dashboard;
  GtkWidget *card;
  AdwMessageDialog *dialog;
  TdSummary *summary;

  reset_settings ();
  window = new_window (1100, 720);
  td_window_restore_workspace (window);

  welcome = td_test_ui_find_widget (GTK_WIDGET (window), TD_TYPE_WELCOME_PAGE, NULL);
  g_assert_nonnull (welcome);
  g_assert_true (gtk_widget_get_mapped (welcome));
  g_assert_null (td_window_get_database (window));
  td_test_ui_screenshot (GTK_WIDGET (window), "first-run");

  /* A name is needed: the problem is shown next to the field. */
  name_row = td_test_ui_find_widget (welcome, ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_nonnull (name_row);
  td_welcome_page_create_workspace (TD_WELCOME_PAGE (welcome), TD_PROFILE_HOTEL);
  g_assert_false (td_welcome_page_get_busy (TD_WELCOME_PAGE (welcome)));
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  td_test_ui_screenshot (GTK_WIDGET (window), "first-run-name-required");

  gtk_editable_set_text (GTK_EDITABLE (name_row), "嵩山客栈");
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  td_welcome_page_create_workspace (TD_WELCOME_PAGE (welcome), TD_PROFILE_HOTEL);
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the new workspace");

  g_assert_cmpstr (td_database_get_path (td_window_get_database (window)), ==, default_path);
  stored = g_settings_get_string (settings, "workspace-path");
  g_assert_cmpstr (stored, ==, default_path);

  dashboard = td_window_get_area_widget (window, "dashboard");
  summary = td_dashboard_page_get_summary (TD_DASHBOARD_PAGE (dashboard));
  g_assert_nonnull (summary);
  g_assert_cmpstr (td_summary_get_name (summary), ==, "嵩山客栈");
  g_assert_cmpint (td_summary_get_profile (summary), ==, TD_PROFILE_HOTEL);
  g_assert_cmpint (td_summary_get_count (summary, "customer"), ==, 0);
  /* An empty workspace shows what to do next, not a wall of zeros. */
  card = td_test_ui_find_widget (dashboard, GTK_TYPE_FLOW_BOX, NULL);
  g_assert_false (gtk_widget_get_visible (card));
  td_test_ui_screenshot (GTK_WIDGET (window), "dashboard-new-workspace");

  /* New Workspace… at the same place: asks, never overwrites. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-workspace", NULL);
  g_assert_true (gtk_widget_get_mapped (welcome));
  td_test_ui_screenshot (GTK_WIDGET (window), "first-run-with-workspace-open");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "少林旅行社");
  td_welcome_page_create_workspace (TD_WELCOME_PAGE (welcome), TD_PROFILE_AGENCY);
  td_test_ui_wait_until (message_dialog_shown, NULL, "the “already exists” question");
  dialog = find_message_dialog ();
  td_test_ui_screenshot (GTK_WIDGET (dialog), "first-run-workspace-exists");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Still the same hotel workspace. */
  g_assert_cmpint (td_summary_get_profile (summary), ==, TD_PROFILE_HOTEL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-workspace", NULL);
  td_test_ui_settle (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_mapped (welcome));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file that is not a workspace: explained, not stored, no crash */

static void
test_open_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tourdesk-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.tourdesk", NULL);
  g_autofree char *stored = NULL;
  TdWindow *window;
  GtkWidget *welcome;

  reset_settings ();
  g_assert_true (g_file_set_contents (path, "These are not the rooms you are looking for.\n", -1, NULL));

  window = new_window (1100, 720);
  td_window_open_workspace (window, path, TRUE);
  td_test_ui_wait_until (window_not_busy, window, "the open to fail");

  g_assert_null (td_window_get_database (window));
  welcome = td_test_ui_find_widget (GTK_WIDGET (window), TD_TYPE_WELCOME_PAGE, NULL);
  g_assert_true (gtk_widget_get_mapped (welcome));
  stored = g_settings_get_string (settings, "workspace-path");
  g_assert_cmpstr (stored, ==, "");
  td_test_ui_screenshot (GTK_WIDGET (window), "open-error");

  /* Preferences without a workspace: only what belongs to the application. */
  td_window_show_preferences (window, NULL);
  {
    TdPreferencesWindow *preferences = find_preferences ();

    g_assert_nonnull (preferences);
    g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)), ==, "platform");
    td_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-no-workspace");
    gtk_window_destroy (GTK_WINDOW (preferences));
  }

  /* A workspace is open: the failure is a dialog, the workspace stays. */
  td_window_open_workspace (window, demo_path, FALSE);
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the demo workspace");
  td_window_open_workspace (window, path, TRUE);
  td_test_ui_wait_until (message_dialog_shown, NULL, "the error dialog");
  td_test_ui_screenshot (GTK_WIDGET (find_message_dialog ()), "open-error-dialog");
  gtk_window_destroy (GTK_WINDOW (find_message_dialog ()));
  g_assert_cmpstr (td_database_get_path (td_window_get_database (window)), ==, demo_path);
  g_free (stored);
  stored = g_settings_get_string (settings, "workspace-path");
  g_assert_cmpstr (stored, ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* The demo: every area */

static void
test_areas (void)
{
  g_autofree char *stored = NULL;
  const TdAreaInfo *areas;
  guint n_areas;
  TdWindow *window;

  reset_settings ();
  window = new_window (1100, 720);
  td_window_open_workspace (window, demo_path, FALSE);
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the demo workspace");

  /* Opened from the command line: not remembered. */
  stored = g_settings_get_string (settings, "workspace-path");
  g_assert_cmpstr (stored, ==, "");

  areas = td_areas_get (&n_areas);
  g_assert_cmpuint (n_areas, >=, 1);

  for (guint i = 0; i < n_areas; i++)
    {
      g_autofree char *name = g_strconcat ("area-", areas[i].id, NULL);
      GtkWidget *area;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", areas[i].id);
      g_assert_cmpstr (td_window_get_area (window), ==, areas[i].id);
      td_test_ui_wait_until (td_test_ui_window_ready, window, areas[i].id);

      area = td_window_get_area_widget (window, areas[i].id);
      g_assert_true (TD_IS_AREA (area));
      td_test_ui_screenshot (GTK_WIDGET (window), name);
      g_assert_true (gtk_widget_get_mapped (area));
    }

  /* The dashboard shows the store's figures. */
  {
    GtkWidget *dashboard = td_window_get_area_widget (window, "dashboard");
    TdSummary *summary = td_dashboard_page_get_summary (TD_DASHBOARD_PAGE (dashboard));
    gboolean found = FALSE;

    g_assert_nonnull (summary);
    g_assert_cmpint (td_summary_get_count (summary, "customer"), ==, 120);

    for (GtkWidget *card = td_test_ui_find_widget (dashboard, TD_TYPE_COUNT_CARD, NULL);
         card != NULL;
         card = NULL)
      {
        /* The first card is for hotels ("property"). */
        g_assert_cmpint (td_count_card_get_count (TD_COUNT_CARD (card)), ==,
                         td_summary_get_count (summary, "property"));
        found = TRUE;
      }
    g_assert_true (found);

    /* Refresh keeps working and keeps the figures. */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
    td_test_ui_wait_until (td_test_ui_window_ready, window, "the refresh");
    g_assert_nonnull (td_dashboard_page_get_summary (TD_DASHBOARD_PAGE (dashboard)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Narrow: the leaflet folds, the sidebar is one step back */

static void
test_narrow (void)
{
  TdWindow *window;
  AdwLeaflet *leaflet;

  reset_settings ();
  window = new_window (360, 640);
  td_window_open_workspace (window, demo_path, FALSE);
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the demo workspace");
  td_test_ui_settle (GTK_WIDGET (window));

  leaflet = ADW_LEAFLET (td_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  td_test_ui_screenshot (GTK_WIDGET (window), "narrow-dashboard");

  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  td_test_ui_screenshot (GTK_WIDGET (window), "narrow-sidebar");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "dashboard");
  td_test_ui_settle (GTK_WIDGET (window));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");

  gtk_window_destroy (GTK_WINDOW (window));

  /* The first-run page fits too. */
  window = new_window (360, 640);
  td_window_show_welcome (window);
  td_test_ui_screenshot (GTK_WIDGET (window), "narrow-first-run");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Preferences */

static void
apply_row (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
test_preferences (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tourdesk-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "prefs.tourdesk", NULL);
  g_autofree char *org_id = NULL;
  g_autofree char *url = NULL;
  g_autoptr(TdDatabase) database = NULL;
  g_autoptr(JsonObject) org = NULL;
  g_autoptr(GError) error = NULL;
  TdPreferencesWindow *preferences;
  TdWindow *window;
  AdwEntryRow *row;

  reset_settings ();

  /* A workspace of our own, to write to. */
  database = td_database_open (path, TD_OPEN_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  td_database_init_workspace (database, TD_PROFILE_BOTH, "黄河旅行社", &error);
  g_assert_no_error (error);

  /* A logo, as the preferences store it: PNG bytes. */
  org_id = td_database_dup_setting (database, TD_SETTING_DEFAULT_ORG);
  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    g_autoptr(GBytes) pixels = NULL;
    g_autoptr(GBytes) png = NULL;
    g_autoptr(GdkTexture) texture = NULL;
    guchar *data = g_malloc (48 * 32 * 4);
    TdChange *change;

    for (guint i = 0; i < 48 * 32; i++)
      {
        guint x = i % 48;
        data[i * 4 + 0] = x < 16 ? 0xc0 : 0xe0;
        data[i * 4 + 1] = x < 16 ? 0x1c : 0xa8;
        data[i * 4 + 2] = x < 16 ? 0x28 : 0x30;
        data[i * 4 + 3] = 0xff;
      }
    pixels = g_bytes_new_take (data, 48 * 32 * 4);
    texture = gdk_memory_texture_new (48, 32, GDK_MEMORY_R8G8B8A8, pixels, 48 * 4);
    png = gdk_texture_save_to_png_bytes (texture);
    g_assert_cmpuint (g_bytes_get_size (png), <=, TD_LOGO_MAX_SIZE);

    org = td_database_get_record (database, "organisation", org_id, &error);
    g_assert_no_error (error);
    change = td_change_new_update ("organisation", org_id, json_object_get_int_member (org, "revision"));
    td_change_set_bytes (change, "logo", png);
    g_ptr_array_add (changes, change);
    td_database_commit (database, NULL, changes, &error);
    g_assert_no_error (error);
    g_clear_pointer (&org, json_object_unref);
  }

  window = new_window (1100, 720);
  td_window_open_workspace (window, path, FALSE);
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the workspace");

  td_window_show_preferences (window, "workspace");
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  td_test_ui_wait_until (preferences_ready, preferences, "the preferences to load");
  td_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-workspace");

  row = ADW_ENTRY_ROW (td_test_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, _("Time Zone")));
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Asia/Shanghai");
  apply_row (row, "Asia/Atlantis");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_false (td_preferences_window_get_busy (preferences));
  apply_row (row, "Asia/Urumqi");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  td_test_ui_wait_until (preferences_ready, preferences, "the time zone to be saved");
  {
    g_autofree char *time_zone = td_database_dup_setting (database, TD_SETTING_TIME_ZONE);
    g_assert_cmpstr (time_zone, ==, "Asia/Urumqi");
  }

  /* Business details */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "business");
  td_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-business");

  row = ADW_ENTRY_ROW (td_test_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, _("Unified Social Credit Code")));
  g_assert_nonnull (row);
  apply_row (row, "91410100MA00DEMO1X");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  row = ADW_ENTRY_ROW (td_test_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, _("Email")));
  apply_row (row, "not an address");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  td_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-business-invalid");

  /* Nothing invalid was saved. */
  org = td_database_get_record (database, "organisation", org_id, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (org, "tax_id") &&
                  !json_object_get_null_member (org, "tax_id") &&
                  g_strcmp0 (json_object_get_string_member (org, "tax_id"), "91410100MA00DEMO1X") == 0);
  g_clear_pointer (&org, json_object_unref);

  /* Valid values are saved, one after the other, on the record's revision. */
  row = ADW_ENTRY_ROW (td_test_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, _("Unified Social Credit Code")));
  apply_row (row, "91350100m000100y43");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "91350100M000100Y43");
  row = ADW_ENTRY_ROW (td_test_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, _("Phone")));
  apply_row (row, "0371-6000 1234");
  td_test_ui_wait_until (preferences_ready, preferences, "the business details to be saved");

  org = td_database_get_record (database, "organisation", org_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (org, "tax_id"), ==, "91350100M000100Y43");
  g_assert_cmpstr (json_object_get_string_member (org, "phone"), ==, "0371-6000 1234");
  g_assert_cmpint (json_object_get_int_member (org, "revision"), >=, 4);
  g_assert_true (json_object_has_member (org, "logo"));

  g_clear_pointer (&org, json_object_unref);

  /* Removing the logo */
  {
    GtkWidget *picture = td_test_ui_find_widget (GTK_WIDGET (preferences), GTK_TYPE_PICTURE, NULL);
    GtkWidget *remove = find_button (GTK_WIDGET (preferences), _("Remove Logo"));

    g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (picture)));
    g_assert_nonnull (remove);
    g_assert_true (gtk_widget_get_visible (remove));
    g_signal_emit_by_name (remove, "clicked");
    g_assert_false (gtk_widget_get_visible (remove));
    td_test_ui_wait_until (preferences_ready, preferences, "the logo to be removed");

    org = td_database_get_record (database, "organisation", org_id, &error);
    g_assert_no_error (error);
    g_assert_true (!json_object_has_member (org, "logo") || json_object_get_null_member (org, "logo"));
  }

  /* Platform: the address is checked before anything is sent */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "platform");
  row = ADW_ENTRY_ROW (td_test_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, _("Platform Address")));
  g_assert_nonnull (row);
  {
    AdwEntryRow *code = ADW_ENTRY_ROW (td_test_ui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                               _("Desk Sign-In Code")));
    GtkWidget *sign_in = find_labelled_button (GTK_WIDGET (preferences), _("Sign _In"));
    g_autofree char *kept = NULL;

    g_assert_nonnull (code);
    g_assert_nonnull (sign_in);
    gtk_editable_set_text (GTK_EDITABLE (row), "platform.example.gov.cn");
    gtk_editable_set_text (GTK_EDITABLE (code), "tdr_not-checked");
    g_signal_emit_by_name (sign_in, "clicked");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
    g_assert_true (gtk_widget_get_sensitive (sign_in));
    td_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-platform-invalid");

    /* a platform that cannot be reached: said next to the code; nothing kept */
    gtk_editable_set_text (GTK_EDITABLE (row), "http://127.0.0.1:1/");
    g_signal_emit_by_name (sign_in, "clicked");
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
    g_assert_false (gtk_widget_get_sensitive (sign_in));
    td_test_ui_wait_until ((TdTestCondition) gtk_widget_get_sensitive, sign_in, "the sign-in to fail");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (code), "error"));
    url = g_settings_get_string (settings, "platform-url");
    g_assert_cmpstr (url, ==, "");
    kept = td_database_dup_setting (database, "platform-url");
    g_assert_null (kept);
    td_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-platform-unreachable");
  }

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));

  g_clear_object (&database);
  {
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

/* The demo from the first-run page; the About and shortcuts windows; the menu */

static void
test_welcome_demo (void)
{
  g_autofree char *path = td_workspace_demo_path ();
  g_autofree char *stored = NULL;
  GtkWidget *welcome;
  GtkWidget *button;
  GtkWidget *popover;
  TdWindow *window;
  GListModel *toplevels;

  reset_settings ();
  window = new_window (1100, 720);
  td_window_restore_workspace (window);
  welcome = td_test_ui_find_widget (GTK_WIDGET (window), TD_TYPE_WELCOME_PAGE, NULL);

  /* Cancelled at once: back to the choices, nothing opened. */
  td_welcome_page_create_demo (TD_WELCOME_PAGE (welcome));
  g_assert_true (td_welcome_page_get_busy (TD_WELCOME_PAGE (welcome)));
  td_welcome_page_cancel (TD_WELCOME_PAGE (welcome));
  td_test_ui_wait_until (window_not_busy, window, "the demo to stop");
  g_assert_null (td_window_get_database (window));

  /* If the worker finished before it saw the cancel, the demo is there and
   * is opened instead of made again; either way the demo opens. */
  td_welcome_page_create_demo (TD_WELCOME_PAGE (welcome));
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the demo workspace");
  g_assert_cmpstr (td_database_get_path (td_window_get_database (window)), ==, path);
  stored = g_settings_get_string (settings, "workspace-path");
  g_assert_cmpstr (stored, ==, path);
  td_test_ui_screenshot (GTK_WIDGET (window), "dashboard-demo");

  /* The primary menu */
  button = find_mapped_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  td_test_ui_screenshot (popover, "primary-menu");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  /* About */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (item))
        {
          td_test_ui_screenshot (GTK_WIDGET (item), "about");
          gtk_window_destroy (GTK_WINDOW (item));
          break;
        }
    }

  /* Keyboard shortcuts */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  {
    GtkWindow *overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

    g_assert_nonnull (overlay);
    td_test_ui_screenshot (GTK_WIDGET (overlay), "shortcuts");
    gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  }

  /* Closing remembers the size. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  td_test_ui_settle (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Simplified Chinese, when the system has the locale */

static void
test_chinese (void)
{
  g_autofree char *saved_locale = NULL;
  g_autofree char *localedir = NULL;
  g_autofree char *mo = NULL;
  TdWindow *window;

  saved_locale = td_test_ui_enter_zh_cn ();
  if (saved_locale == NULL)
    return;

  /* The translations built beside this test (meson puts them in
   * <build>/po/zh_CN/LC_MESSAGES), when there are some. */
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_EXISTS));
  /* the window speaks Chinese: strings of the shell, and of the core */
  g_assert_cmpstr (_("Dashboard"), ==, "仪表板");
  g_assert_true (g_utf8_strlen (_("The workspace needs a name"), -1)
                 < (glong) strlen ("The workspace needs a name"));

  reset_settings ();
  window = new_window (1100, 720);
  td_window_open_workspace (window, demo_path, FALSE);
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the demo workspace");
  td_test_ui_screenshot (GTK_WIDGET (window), "zh_CN-dashboard");
  gtk_window_destroy (GTK_WINDOW (window));

  window = new_window (1100, 720);
  td_window_show_welcome (window);
  td_test_ui_screenshot (GTK_WIDGET (window), "zh_CN-first-run");
  gtk_window_destroy (GTK_WINDOW (window));

  td_test_ui_leave_zh_cn (saved_locale);
}

/* Setup */

static void
demo_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TdDatabase **database = user_data;
  g_autoptr(GError) error = NULL;

  *database = td_demo_create_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *home = NULL;
  TdDatabase *database = NULL;
  TdDemoOptions options;
  int status;

  /* Our own XDG folders, so that the default workspace of the first-run test
   * is a temporary one. */
  home = td_test_ui_init (&argc, &argv, "tourdesk-ui-home-XXXXXX");
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();

  settings = g_settings_new (APPLICATION_ID);

  /* A small demo workspace in a temporary folder. */
  dir = g_dir_make_tmp ("tourdesk-ui-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (dir, "demo.tourdesk", NULL);
  td_demo_options_init (&options);
  options.customers = 120;
  td_demo_create_async (demo_path, &options, NULL, demo_created_cb, &database);
  td_test_ui_wait_until (pointer_set, &database, "the demo workspace to be created");
  g_clear_object (&database);

  g_test_add_func ("/ui/validators", test_validators);
  g_test_add_func ("/ui/first-run", test_first_run);
  g_test_add_func ("/ui/open-error", test_open_error);
  g_test_add_func ("/ui/areas", test_areas);
  g_test_add_func ("/ui/narrow", test_narrow);
  g_test_add_func ("/ui/welcome-demo", test_welcome_demo);
  g_test_add_func ("/ui/preferences", test_preferences);
  g_test_add_func ("/ui/zh_CN", test_chinese);

  status = g_test_run ();

  g_clear_object (&settings);
  g_clear_object (&app);

  {
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (demo_path, suffixes[i], NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
  g_free (demo_path);

  /* Stop, not down: GTK keeps its session bus connection for the life of
   * the process, and down would wait for it to go away. */
  g_test_dbus_stop (bus);

  /* What the tests left in the temporary home, the first-run workspace
   * mostly. */
  td_test_ui_remove_tree (home);

  return status;
}
