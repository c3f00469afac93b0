/* test-customer-merge.c: merging two customers in the merge dialog, and the
 * list of likely duplicates, on screen
 *
 * Runs under a display (xvfb-run), in the ui suite. Every GLib warning or
 * critical fails the test. With TD_SCREENSHOT_DIR set, a PNG of each
 * dialog is written there, in English and in Chinese.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "td-application.h"
#include "td-customer-export-dialog.h"
#include "td-customer-import-dialog.h"
#include "td-customer-duplicates.h"
#include "td-customer-merge-dialog.h"
#include "td-duplicates-dialog.h"
#include "td-test-ui-utils.h"
#include "td-test-utils.h"
#include "td-window.h"

static TdApplication *app;

/* ------------------------------------------------------------------ */
/* the workspace                                                      */

/* A customer of the values given as field, value pairs up to NULL,
 * checked as the GUI does and committed; its id. */
static char *
add_customer (TdDatabase *db,
              const char *first_field,
              ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  TdChange *change;
  va_list args;

  va_start (args, first_field);
  for (const char *field = first_field; field != NULL; field = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (strcmp (field, "loyalty_points") == 0)
        json_object_set_int_member (values, field, g_ascii_strtoll (value, NULL, 10));
      else
        json_object_set_string_member (values, field, value);
    }
  va_end (args);

  problems = td_customer_check (values);
  g_assert_false (td_field_problems_have_error (problems));

  change = td_change_new_insert ("customer", NULL);
  members = json_object_get_members (values);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (td_change_get_values (change), l->data,
                            json_node_copy (json_object_get_member (values, l->data)));
  g_ptr_array_add (changes, change);
  g_assert_true (td_database_commit (db, "test", changes, &error));
  g_assert_no_error (error);

  return g_strdup (td_change_get_id (change));
}

static void
add_related (TdDatabase *db,
             const char *kind,
             const char *customer_id,
             const char *first_field,
             ...)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdChange *change = td_change_new_insert (kind, NULL);
  va_list args;

  td_change_set_string (change, "customer_id", customer_id);
  va_start (args, first_field);
  for (const char *field = first_field; field != NULL; field = va_arg (args, const char *))
    td_change_set_string (change, field, va_arg (args, const char *));
  va_end (args);
  g_ptr_array_add (changes, change);
  g_assert_true (td_database_commit (db, "test", changes, &error));
  g_assert_no_error (error);
}

static void
update_customer (TdDatabase *db,
                 const char *id,
                 const char *field,
                 const char *value)
{
  g_autoptr(JsonObject) record = td_database_get_record (db, "customer", id, NULL);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdChange *change = td_change_new_update ("customer", id, json_object_get_int_member (record, "revision"));

  td_change_set_string (change, field, value);
  g_ptr_array_add (changes, change);
  g_assert_true (td_database_commit (db, "someone else", changes, &error));
  g_assert_no_error (error);
}

static JsonObject *
get_customer (TdDatabase *db,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *record = td_database_get_record (db, "customer", id, &error);

  g_assert_no_error (error);
  return record;
}

static const char *
text_of (JsonObject *record,
         const char *field)
{
  return json_object_get_string_member_with_default (record, field, NULL);
}

/* Two records of one person: the first one older, the second with a
 * different phone, a gender, an identity document and a note. */
static void
add_two_zhang_wei (TdDatabase  *db,
                   char       **older,
                   char       **newer)
{
  *older = add_customer (db,
                         "party", "person", "name", "张伟", "phone", "13800138000",
                         "birth_date", "1985-03-02", "tags", "VIP", "notes", "喜欢安静的房间",
                         "loyalty_points", "100", "province", "浙江省", "city", "杭州市",
                         NULL);
  *newer = add_customer (db,
                         "party", "person", "name", "张伟", "phone", "13900139000",
                         "email", "zhangwei@example.com", "birth_date", "1985-03-02", "gender", "male",
                         "tags", "团队", "loyalty_points", "50", "province", "浙江省", "city", "宁波市",
                         "consent_sms", "granted", "consent_sms_at", "2024-05-01T08:00:00Z",
                         "consent_sms_how", "前台登记表",
                         NULL);
  add_related (db, "customer_document", *newer,
               "doc_type", "passport", "number", "E12345678", "country", "CHN", NULL);
  add_related (db, "customer_note", *newer, "body", "2023 年国庆随团出行", NULL);
}

/* ------------------------------------------------------------------ */
/* the dialogs                                                        */

static gboolean
is_active (GtkWidget  *root,
           const char *name)
{
  GtkWidget *button = td_test_ui_find_named (root, name);

  g_assert_nonnull (button);
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (button));
}

static void
activate_named (GtkWidget  *root,
                const char *name)
{
  GtkWidget *widget = td_test_ui_find_named (root, name);

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_activate (widget));
}

static gboolean
merge_dialog_ready (gpointer data)
{
  return !td_customer_merge_dialog_get_busy (data);
}

static TdCustomerMergeDialog *
open_merge_dialog (TdDatabase *db,
                   const char *first_id,
                   const char *second_id)
{
  GtkWidget *dialog = td_customer_merge_dialog_new (NULL, db, first_id, second_id);

  gtk_window_set_default_size (GTK_WINDOW (dialog), 860, 900);
  gtk_window_present (GTK_WINDOW (dialog));
  td_test_ui_wait_until (merge_dialog_ready, dialog, "the two customers to load");
  return TD_CUSTOMER_MERGE_DIALOG (dialog);
}

static void
merged_cb (TdCustomerMergeDialog *dialog,
           const char            *kept_id,
           char                 **merged)
{
  g_assert_null (*merged);
  *merged = g_strdup (kept_id);
}

static gboolean
string_set (gpointer data)
{
  return *(char **) data != NULL;
}

static const char *
visible_page (GtkWidget *dialog)
{
  GtkWidget *stack = td_test_ui_find_widget (dialog, GTK_TYPE_STACK, NULL);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
scroll_to_end (GtkWidget *dialog)
{
  GtkWidget *scroller = td_test_ui_find_named (dialog, "scroller");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  td_test_ui_settle (dialog);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* ------------------------------------------------------------------ */
/* merging                                                            */

static void
test_merge (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("merge.tourdesk", TD_PROFILE_HOTEL);
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(JsonObject) kept = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autoptr(GError) error = NULL;
  TdCustomerMergeDialog *dialog;
  GtkWidget *window;

  add_two_zhang_wei (db, &older, &newer);

  /* given newer first: the older one is shown first, and kept */
  dialog = open_merge_dialog (db, newer, older);
  window = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (visible_page (window), ==, "choices");
  g_assert_cmpstr (td_customer_merge_dialog_get_kept_id (dialog), ==, older);
  g_assert_true (is_active (window, "keep-left"));
  g_assert_false (is_active (window, "keep-right"));

  /* where they differ, a choice: the kept record's value at first, or
   * the other's where it has none; sums and notes both */
  g_assert_true (is_active (window, "phones-left"));
  g_assert_false (is_active (window, "phones-right"));
  g_assert_true (is_active (window, "address-left"));
  g_assert_true (is_active (window, "gender-right"));
  g_assert_true (is_active (window, "consent_sms-right"));
  g_assert_true (is_active (window, "loyalty_points-both"));
  g_assert_true (is_active (window, "notes-left"));
  /* the same on both, or kept from both (tags, e-mails): no choice */
  g_assert_null (td_test_ui_find_named (window, "name-left"));
  g_assert_null (td_test_ui_find_named (window, "birth_date-left"));
  g_assert_null (td_test_ui_find_named (window, "tags-left"));
  g_assert_null (td_test_ui_find_named (window, "emails-left"));
  g_assert_true (gtk_widget_get_sensitive (td_test_ui_find_named (window, "merge-button")));
  td_test_ui_screenshot (window, "merge-dialog");
  scroll_to_end (window);
  td_test_ui_screenshot (window, "merge-dialog-end");

  /* the other record kept: untouched rows follow it */
  activate_named (window, "keep-right");
  g_assert_cmpstr (td_customer_merge_dialog_get_kept_id (dialog), ==, newer);
  g_assert_true (is_active (window, "phones-right"));
  g_assert_true (is_active (window, "address-right"));
  g_assert_true (is_active (window, "notes-left"));
  activate_named (window, "keep-left");

  /* the clerk picks the newer phone and address; switching the record
   * kept back and forth keeps those picks */
  activate_named (window, "phones-right");
  activate_named (window, "address-right");
  activate_named (window, "keep-right");
  activate_named (window, "keep-left");
  g_assert_true (is_active (window, "phones-right"));
  g_assert_true (is_active (window, "address-right"));
  g_assert_cmpstr (td_customer_merge_dialog_get_kept_id (dialog), ==, older);

  g_signal_connect (dialog, "merged", G_CALLBACK (merged_cb), &merged);
  td_test_ui_click (window, "merge-button");
  td_test_ui_wait_until (string_set, &merged, "the merge");
  g_assert_cmpstr (merged, ==, older);
  /* it closes itself */
  td_test_ui_wait_ms (50);
  g_assert_null (dialog);

  kept = get_customer (db, older);
  g_assert_false (json_object_get_boolean_member (kept, "deleted"));
  g_assert_cmpstr (text_of (kept, "phone"), ==, "13900139000");
  g_assert_cmpstr (text_of (kept, "other_phones"), ==, "13800138000");
  g_assert_cmpstr (text_of (kept, "city"), ==, "宁波市");
  g_assert_cmpstr (text_of (kept, "gender"), ==, "male");
  g_assert_cmpstr (text_of (kept, "email"), ==, "zhangwei@example.com");
  g_assert_cmpstr (text_of (kept, "consent_sms"), ==, "granted");
  g_assert_cmpstr (text_of (kept, "consent_sms_how"), ==, "前台登记表");
  g_assert_cmpstr (text_of (kept, "birth_date"), ==, "1985-03-02");
  g_assert_cmpstr (text_of (kept, "notes"), ==, "喜欢安静的房间");
  g_assert_cmpint (json_object_get_int_member (kept, "loyalty_points"), ==, 150);
  g_assert_true (strstr (text_of (kept, "tags"), "VIP") != NULL);
  g_assert_true (strstr (text_of (kept, "tags"), "团队") != NULL);

  gone = get_customer (db, newer);
  g_assert_true (json_object_get_boolean_member (gone, "deleted"));
  g_assert_cmpstr (text_of (gone, "merged_into"), ==, older);

  /* the passport and the note moved; the merge left a note of its own */
  g_assert_cmpint (td_database_count_references (db, "customer", older, "customer_document", &error), ==, 1);
  g_assert_cmpint (td_database_count_references (db, "customer", newer, "customer_document", &error), ==, 0);
  g_assert_cmpint (td_database_count_references (db, "customer", older, "customer_note", &error), ==, 2);
  g_assert_cmpint (td_database_count_references (db, "customer", newer, "customer_note", &error), ==, 0);
  g_assert_no_error (error);
}

/* Every choice can be reached from the keyboard: Tab goes from group to
 * group, the arrows within one; the choice made is the one focused. */
static void
test_keyboard (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("keyboard.tourdesk", TD_PROFILE_HOTEL);
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autoptr(GHashTable) reached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char * const choices[] = {
    "keep-left", "keep-right", "phones-left", "phones-right", "address-left", "address-right",
    "gender-left", "gender-right", "loyalty_points-left", "loyalty_points-right", "loyalty_points-both",
  };
  TdCustomerMergeDialog *dialog;
  GtkWidget *window;

  add_two_zhang_wei (db, &older, &newer);
  dialog = open_merge_dialog (db, older, newer);
  window = GTK_WIDGET (dialog);

  /* it opens with the record kept focused */
  g_assert_cmpstr (gtk_widget_get_name (gtk_window_get_focus (GTK_WINDOW (window))), ==, "keep-left");

  for (guint i = 0; i < 200; i++)
    {
      GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));
      const char *name = focus ? gtk_widget_get_name (focus) : NULL;

      if (name != NULL && GTK_IS_CHECK_BUTTON (focus) && !g_hash_table_contains (reached, name))
        {
          g_hash_table_add (reached, g_strdup (name));
          /* the others of its group, by the arrows: each chosen as it
           * gets the focus */
          for (guint j = 0; j < 4; j++)
            {
              GtkDirectionType direction = j < 2 ? GTK_DIR_RIGHT : GTK_DIR_LEFT;
              GtkWidget *next;

              gtk_widget_child_focus (window, direction);
              next = gtk_window_get_focus (GTK_WINDOW (window));
              g_assert_true (GTK_IS_CHECK_BUTTON (next));
              g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (next)));
              g_hash_table_add (reached, g_strdup (gtk_widget_get_name (next)));
            }
        }
      gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
    }

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (!g_hash_table_contains (reached, choices[i]))
      g_error ("The choice %s cannot be reached from the keyboard", choices[i]);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Someone changes a record while the clerk chooses: the merge is refused,
 * the dialog says so and shows the records as they are now, with the
 * clerk's choices; merging again works. */
static void
test_conflict (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("conflict.tourdesk", TD_PROFILE_HOTEL);
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(JsonObject) kept = NULL;
  TdCustomerMergeDialog *dialog;
  GtkWidget *window, *banner;

  add_two_zhang_wei (db, &older, &newer);
  dialog = open_merge_dialog (db, older, newer);
  window = GTK_WIDGET (dialog);
  g_signal_connect (dialog, "merged", G_CALLBACK (merged_cb), &merged);

  activate_named (window, "phones-right");
  update_customer (db, newer, "notes", "会员卡已补办");

  td_test_ui_click (window, "merge-button");
  td_test_ui_wait_until (merge_dialog_ready, dialog, "the refused merge, and the records read again");
  g_assert_null (merged);
  banner = td_test_ui_find_named (window, "banner");
  g_assert_true (gtk_widget_get_visible (banner));
  /* the choice still applies; the notes now differ the other way */
  g_assert_true (is_active (window, "phones-right"));
  g_assert_true (is_active (window, "notes-both"));
  td_test_ui_screenshot (window, "merge-dialog-conflict");

  td_test_ui_click (window, "merge-button");
  td_test_ui_wait_until (string_set, &merged, "the merge");

  kept = get_customer (db, older);
  g_assert_cmpstr (text_of (kept, "phone"), ==, "13900139000");
  g_assert_true (strstr (text_of (kept, "notes"), "会员卡已补办") != NULL);
  g_assert_true (strstr (text_of (kept, "notes"), "喜欢安静的房间") != NULL);
}

/* A record merged already cannot be merged again: the dialog says so. */
static void
test_gone (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("gone.tourdesk", TD_PROFILE_HOTEL);
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autoptr(GError) error = NULL;
  TdCustomerMergeDialog *dialog;
  GtkWidget *window;

  add_two_zhang_wei (db, &older, &newer);
  g_assert_true (td_customer_merge (db, "test", older, 0, newer, 0, NULL, &error));
  g_assert_no_error (error);

  dialog = open_merge_dialog (db, older, newer);
  window = GTK_WIDGET (dialog);
  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_false (gtk_widget_get_visible (td_test_ui_find_named (window, "merge-button")));
  g_assert_null (td_customer_merge_dialog_get_kept_id (dialog));
  td_test_ui_screenshot (window, "merge-dialog-gone");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------ */
/* the list of likely duplicates                                      */

static gboolean
duplicates_ready (gpointer data)
{
  return !td_duplicates_dialog_get_busy (data);
}

static GtkWindow *find_toplevel (GType type);

static TdCustomerMergeDialog *
find_merge_dialog (void)
{
  return (TdCustomerMergeDialog *) find_toplevel (TD_TYPE_CUSTOMER_MERGE_DIALOG);
}

static gboolean
merge_dialog_shown_and_ready (gpointer data)
{
  TdCustomerMergeDialog *dialog = find_merge_dialog ();

  return dialog != NULL && !td_customer_merge_dialog_get_busy (dialog);
}

static TdDatabase *
duplicates_workspace (const char  *name,
                      char       **ids)
{
  TdDatabase *db = td_test_workspace (name, TD_PROFILE_BOTH);

  /* the same phone */
  ids[0] = add_customer (db, "party", "person", "name", "李娜", "phone", "13712345678", NULL);
  ids[1] = add_customer (db, "party", "person", "name", "李娜", "phone", "137 1234 5678",
                         "email", "lina@example.com", NULL);
  /* the same name and birth date */
  ids[2] = add_customer (db, "party", "person", "name", "王芳", "birth_date", "1990-07-15",
                         "phone", "13611112222", NULL);
  ids[3] = add_customer (db, "party", "person", "name", "王芳", "birth_date", "1990-07-15", NULL);
  /* nobody else's */
  ids[4] = add_customer (db, "party", "person", "name", "Anna Smith", "email", "anna@example.org", NULL);
  return db;
}

static void
test_duplicates (void)
{
  char *ids[5] = { NULL };
  g_autoptr(TdDatabase) db = duplicates_workspace ("duplicates.tourdesk", ids);
  g_autofree char *merged = NULL;
  g_autoptr(GError) error = NULL;
  TdDuplicatesDialog *dialog;
  TdCustomerMergeDialog *merge;
  GtkWidget *window, *list;
  GtkListBoxRow *row;

  dialog = TD_DUPLICATES_DIALOG (td_duplicates_dialog_new (NULL, db));
  window = GTK_WIDGET (dialog);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 520);
  gtk_window_present (GTK_WINDOW (window));
  td_test_ui_wait_until (duplicates_ready, dialog, "the duplicates");

  g_assert_cmpstr (visible_page (window), ==, "pairs");
  g_assert_cmpuint (td_duplicates_dialog_get_n_pairs (dialog), ==, 2);
  list = td_test_ui_find_named (window, "pairs");
  g_assert_nonnull (list);
  /* the strongest reason first: the phone, which the row shows */
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "李娜 (two records)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Same phone number: 13712345678");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Same name and birth date: 1990-07-15");
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
  td_test_ui_screenshot (window, "duplicates-dialog");

  /* a row opens the pair in the merge dialog, over the list */
  g_signal_connect (dialog, "merged", G_CALLBACK (merged_cb), &merged);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))));
  td_test_ui_wait_until (merge_dialog_shown_and_ready, NULL, "the merge dialog");
  merge = find_merge_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (merge)) == GTK_WINDOW (window));
  g_assert_cmpstr (td_customer_merge_dialog_get_kept_id (merge), ==, ids[0]);
  td_test_ui_screenshot (GTK_WIDGET (merge), "duplicates-merge-dialog");
  td_test_ui_click (GTK_WIDGET (merge), "merge-button");
  td_test_ui_wait_until (string_set, &merged, "the merge");
  g_assert_cmpstr (merged, ==, ids[0]);

  /* the list is read again: one pair left */
  td_test_ui_wait_ms (20);
  td_test_ui_wait_until (duplicates_ready, dialog, "the duplicates read again");
  g_assert_cmpuint (td_duplicates_dialog_get_n_pairs (dialog), ==, 1);
  td_test_ui_screenshot (window, "duplicates-dialog-after-merge");

  /* none left: said so */
  g_assert_true (td_customer_merge (db, "test", ids[2], 0, ids[3], 0, NULL, &error));
  g_assert_no_error (error);
  td_duplicates_dialog_reload (dialog);
  td_test_ui_wait_until (duplicates_ready, dialog, "the duplicates read again");
  g_assert_cmpuint (td_duplicates_dialog_get_n_pairs (dialog), ==, 0);
  g_assert_cmpstr (visible_page (window), ==, "empty");
  td_test_ui_screenshot (window, "duplicates-dialog-empty");

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
}

/* ------------------------------------------------------------------ */
/* from the customers area                                            */

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WINDOW (item);
    }
  return NULL;
}

static GtkWidget *
find_menu_button (GtkWidget  *root,
                  const char *tooltip)
{
  if (GTK_IS_MENU_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window's actions behind the customers area's menu open the dialogs
 * over it, on the workspace open. */
static void
test_window_actions (void)
{
  char *ids[5] = { NULL };
  g_autoptr(TdDatabase) db = duplicates_workspace ("window.tourdesk", ids);
  TdWindow *window = td_window_new (app);
  GtkWidget *more;
  GtkWindow *dialog;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, td_database_get_path (db), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "customers");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the customers");

  /* the menu beside New Customer shows, with the three tasks */
  more = find_menu_button (GTK_WIDGET (window), "More Customer Tasks");
  g_assert_nonnull (more);
  td_test_ui_settle (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (more));
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  td_test_ui_screenshot_with_popover (GTK_WIDGET (window), GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more))),
                                      "customers-menu");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (more));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.find-duplicates", NULL);
  dialog = find_toplevel (TD_TYPE_DUPLICATES_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  td_test_ui_wait_until (duplicates_ready, dialog, "the duplicates");
  g_assert_cmpuint (td_duplicates_dialog_get_n_pairs (TD_DUPLICATES_DIALOG (dialog)), ==, 2);
  gtk_window_destroy (dialog);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-customers", NULL);
  dialog = find_toplevel (TD_TYPE_CUSTOMER_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  gtk_window_destroy (dialog);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-customers", NULL);
  dialog = find_toplevel (TD_TYPE_CUSTOMER_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  gtk_window_destroy (dialog);

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
}

/* ------------------------------------------------------------------ */
/* in Chinese                                                         */

static void
test_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdDatabase) pairs_db = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  char *ids[5] = { NULL };
  TdCustomerMergeDialog *dialog;
  GtkWidget *duplicates;

  if (saved_locale == NULL)
    return;

  db = td_test_workspace ("chinese.tourdesk", TD_PROFILE_HOTEL);
  add_two_zhang_wei (db, &older, &newer);
  dialog = open_merge_dialog (db, older, newer);
  td_test_ui_screenshot (GTK_WIDGET (dialog), "zh_CN-merge-dialog");
  scroll_to_end (GTK_WIDGET (dialog));
  td_test_ui_screenshot (GTK_WIDGET (dialog), "zh_CN-merge-dialog-end");
  gtk_window_destroy (GTK_WINDOW (dialog));

  pairs_db = duplicates_workspace ("chinese-duplicates.tourdesk", ids);
  duplicates = td_duplicates_dialog_new (NULL, pairs_db);
  gtk_window_set_default_size (GTK_WINDOW (duplicates), 640, 520);
  gtk_window_present (GTK_WINDOW (duplicates));
  td_test_ui_wait_until (duplicates_ready, duplicates, "the duplicates");
  td_test_ui_screenshot (duplicates, "zh_CN-duplicates-dialog");
  gtk_window_destroy (GTK_WINDOW (duplicates));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
  td_test_ui_leave_zh_cn (saved_locale);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  GTestDBus *bus;
  int status;

  home = td_test_ui_init (&argc, &argv, "tourdesk-merge-home-XXXXXX");
  bus = td_test_ui_bus_up ();
  /* the application loads the style sheet and the icons */
  app = td_test_ui_application_new ();

  g_test_add_func ("/customer-merge/merge", test_merge);
  g_test_add_func ("/customer-merge/keyboard", test_keyboard);
  g_test_add_func ("/customer-merge/conflict", test_conflict);
  g_test_add_func ("/customer-merge/gone", test_gone);
  g_test_add_func ("/customer-merge/duplicates", test_duplicates);
  g_test_add_func ("/customer-merge/window-actions", test_window_actions);
  g_test_add_func ("/customer-merge/zh_CN", test_chinese);

  status = g_test_run ();

  g_clear_object (&app);
  /* stop, not down: GTK keeps its connection to the bus */
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  return status;
}
