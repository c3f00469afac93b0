/* test-sync-ui.c: the sync's and the complaints' GUI: the header's
 * indicator, the conflict dialog (both versions, a choice per field) and
 * the complaints window (take one, move it on)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "td-complaints.h"
#include "td-complaints-window.h"
#include "td-conflict-dialog.h"
#include "td-platform-page.h"
#include "td-secret-store.h"
#include "td-sync-indicator.h"
#include "td-sync-inbox.h"
#include "td-test-ui-utils.h"

static char *home;
static TdApplication *app;

static TdDatabase *
new_workspace (const char *name)
{
  g_autofree char *path = g_build_filename (home, name, NULL);
  g_autoptr(GError) error = NULL;
  TdDatabase *db = td_database_open (path, TD_OPEN_FLAGS_CREATE, &error);

  g_assert_no_error (error);
  td_database_init_workspace (db, TD_PROFILE_BOTH, "黄河旅行社", &error);
  g_assert_no_error (error);
  return db;
}

static GtkWidget *
find_labelled_button (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled_button (child, label);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
complaints_idle (gpointer data)
{
  return !td_complaints_window_get_busy (TD_COMPLAINTS_WINDOW (data));
}

static void
check_complaints (const char *shot)
{
  g_autoptr(TdDatabase) db = new_workspace (shot);
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = td_complaints_window_new (NULL, db);
  GtkWidget *take, *apply;
  AdwComboRow *severity, *next;

  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    TdChange *change = td_change_new_insert ("customer", NULL);

    td_change_set_string (change, "party", "person");
    td_change_set_string (change, "name", "赵敏");
    td_change_set_string (change, "phone", "13511112222");
    g_ptr_array_add (changes, change);
    g_assert_true (td_database_commit (db, "clerk", changes, &error));
  }
  gtk_window_present (GTK_WINDOW (window));
  td_test_ui_wait_until (complaints_idle, window, "the complaints to load");
  g_assert_cmpuint (td_complaints_window_get_n_rows (TD_COMPLAINTS_WINDOW (window)), ==, 0);

  /* a complaint taken in the form */
  g_signal_emit_by_name (find_labelled_button (window, _("_New Complaint")), "clicked");
  td_test_ui_set_row (window, _("Subject"), "导游擅自加购物点");
  td_test_ui_set_row (window, _("What the Customer Said"), "行程外去了两个购物点，耽误了一个半小时。");
  td_test_ui_set_row (window, _("Booking Reference"), "HN-2026-1108");
  /* a customer nobody has: said, nothing taken */
  td_test_ui_set_row (window, _("Customer (Name or Phone)"), "欧阳锋");
  g_signal_emit_by_name (find_labelled_button (window, _("_Take Complaint")), "clicked");
  td_test_ui_wait_until (complaints_idle, window, "the customer to be looked for");
  g_assert_cmpuint (td_complaints_window_get_n_rows (TD_COMPLAINTS_WINDOW (window)), ==, 0);
  td_test_ui_set_row (window, _("Customer (Name or Phone)"), "13511112222");
  severity = ADW_COMBO_ROW (td_test_ui_find_widget (window, ADW_TYPE_COMBO_ROW, _("Severity")));
  adw_combo_row_set_selected (severity, 2);  /* high */
  take = find_labelled_button (window, _("_Take Complaint"));
  g_assert_nonnull (take);
  g_signal_emit_by_name (take, "clicked");
  td_test_ui_wait_until (complaints_idle, window, "the complaint to be taken");
  td_test_ui_wait_until (complaints_idle, window, "the list to load again");
  g_assert_cmpuint (td_complaints_window_get_n_rows (TD_COMPLAINTS_WINDOW (window)), ==, 1);
  list = td_complaints_list (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "severity"), ==, "high");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "customer_name"), ==, "赵敏");

  /* shown, then moved on: assigned to someone */
  next = ADW_COMBO_ROW (td_test_ui_find_widget (window, ADW_TYPE_COMBO_ROW, _("Move To")));
  g_assert_nonnull (next);
  adw_combo_row_set_selected (next, 0);  /* assigned: the first move from new */
  td_test_ui_set_row (window, _("Handled By"), "王经理");
  apply = find_labelled_button (window, _("_Apply"));
  g_signal_emit_by_name (apply, "clicked");
  td_test_ui_wait_until (complaints_idle, window, "the complaint to move on");
  td_test_ui_wait_until (complaints_idle, window, "the list to load again");
  g_clear_pointer (&list, json_array_unref);
  list = td_complaints_list (db, "assigned", &error);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "assignee"), ==, "王经理");
  td_test_ui_screenshot (window, shot);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_complaints (void)
{
  check_complaints ("complaints");
}

static void
test_complaints_chinese (void)
{
  g_autofree char *saved = td_test_ui_enter_zh_cn ();

  if (saved == NULL)
    return;
  check_complaints ("zh_CN-complaints");
  td_test_ui_leave_zh_cn (saved);
}

static gboolean
inbox_empty (gpointer data)
{
  return td_sync_inbox_count_open (TD_DATABASE (data)) == 0;
}

static gboolean
page_has_inbox (gpointer data)
{
  return td_platform_page_get_n_inbox (TD_PLATFORM_PAGE (data)) == 1;
}

/* a conflict as a sync leaves it: the platform's version here, the
 * desk's values in the inbox */
static void
test_conflict_dialog (void)
{
  g_autoptr(TdDatabase) db = new_workspace ("conflict.tourdesk");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) inbox = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *sql = NULL;
  TdChange *change = td_change_new_insert ("customer", NULL);
  sqlite3 *handle = NULL;
  GtkWidget *dialog;
  const char *id;

  td_change_set_string (change, "party", "person");
  td_change_set_string (change, "name", "王小明");
  td_change_set_string (change, "city", "郑州市");
  g_ptr_array_add (changes, change);
  g_assert_true (td_database_commit (db, "clerk", changes, &error));
  id = td_change_get_id (change);
  sql = g_strdup_printf ("INSERT INTO sync_records VALUES ('customer', '%s', 2);"
                         "INSERT INTO sync_inbox (op_id, kind, record_id, op, status, payload, server_revision, created_at) "
                         "VALUES ('op-1', 'customer', '%s', 'update', 'conflict', '{\"city\":\"洛阳市\",\"notes\":\"要安静的房间\"}', 2, "
                         "'2026-11-22T08:00:00Z');"
                         "INSERT INTO sync_conflicts (kind, record_id, field, base, server, desk, server_revision, op_id, created_at) "
                         "VALUES ('customer', '%s', 'city', '\"开封市\"', '\"郑州市\"', '\"洛阳市\"', 2, 'op-1', '2026-11-22T08:00:00Z');",
                         id, id, id);
  g_assert_cmpint (sqlite3_open (td_database_get_path (db), &handle), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 5000);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  inbox = td_sync_inbox_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (inbox), ==, 1);

  /* the platform page lists it */
  {
    g_autofree char *secrets_path = g_build_filename (home, "conflict-secrets.ini", NULL);
    g_autoptr(TdSecretStore) secrets = td_secret_store_new_file (secrets_path);
    g_autoptr(TdSyncController) controller = td_sync_controller_new (db, secrets, NULL);
    GtkWidget *preferences = adw_preferences_window_new ();
    GtkWidget *page = td_platform_page_new ();

    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));
    gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 720);
    td_sync_controller_start (controller);
    td_platform_page_set_controller (TD_PLATFORM_PAGE (page), controller);
    gtk_window_present (GTK_WINDOW (preferences));
    td_test_ui_wait_until (page_has_inbox, page, "the inbox to be listed");
    td_test_ui_screenshot (preferences, "platform-inbox");
    td_platform_page_set_controller (TD_PLATFORM_PAGE (page), NULL);
    gtk_window_destroy (GTK_WINDOW (preferences));
  }
  dialog = td_conflict_dialog_new (NULL, db, json_array_get_object_element (inbox, 0), "王小明");
  gtk_window_present (GTK_WINDOW (dialog));
  td_test_ui_screenshot (dialog, "conflict-dialog");
  g_assert_false (td_conflict_dialog_choose (TD_CONFLICT_DIALOG (dialog), "phone", FALSE));
  g_assert_true (td_conflict_dialog_choose (TD_CONFLICT_DIALOG (dialog), "city", FALSE));
  td_conflict_dialog_apply (TD_CONFLICT_DIALOG (dialog));
  td_test_ui_wait_until (inbox_empty, db, "the conflict to be resolved");

  record = td_database_get_record (db, "customer", id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record, "city"), ==, "洛阳市");
  g_assert_cmpstr (json_object_get_string_member (record, "notes"), ==, "要安静的房间");
}

static void
test_indicator (void)
{
  g_autoptr(TdDatabase) db = new_workspace ("indicator.tourdesk");
  g_autofree char *secrets_path = g_build_filename (home, "secrets.ini", NULL);
  g_autoptr(TdSecretStore) secrets = td_secret_store_new_file (secrets_path);
  g_autoptr(TdSyncController) controller = td_sync_controller_new (db, secrets, NULL);
  GtkWidget *indicator = td_sync_indicator_new ();

  g_object_ref_sink (indicator);
  g_assert_false (gtk_widget_get_visible (indicator));
  td_sync_controller_start (controller);
  td_sync_indicator_set_controller (TD_SYNC_INDICATOR (indicator), controller);
  g_assert_true (gtk_widget_get_visible (indicator));
  g_assert_cmpstr (td_sync_indicator_get_text (TD_SYNC_INDICATOR (indicator)), ==, _("Not connected"));
  td_sync_indicator_set_controller (TD_SYNC_INDICATOR (indicator), NULL);
  g_assert_false (gtk_widget_get_visible (indicator));
  g_object_unref (indicator);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int status;

  home = td_test_ui_init (&argc, &argv, "tourdesk-sync-ui-XXXXXX");
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();

  g_test_add_func ("/sync-ui/indicator", test_indicator);
  g_test_add_func ("/sync-ui/conflict-dialog", test_conflict_dialog);
  g_test_add_func ("/sync-ui/complaints", test_complaints);
  g_test_add_func ("/sync-ui/zh_CN", test_complaints_chinese);

  status = g_test_run ();

  g_clear_object (&app);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
