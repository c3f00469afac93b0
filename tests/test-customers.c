/* test-customers.c: the customers area, through the window
 *
 * A clerk's round: a new customer typed in (a bad phone refused with a
 * message under it, nothing saved), found again by the pinyin initials of
 * the name, edited (and an edit that came too late refused), deleted and
 * brought back with the toast's Undo.
 *
 * Runs under a display (xvfb-run), in the ui suite. Every GLib warning or
 * critical fails the test. With TD_SCREENSHOT_DIR set, a PNG of each state
 * is written there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "td-application.h"
#include "td-area.h"
#include "td-customer-details.h"
#include "td-customer-editor.h"
#include "td-customer-bookings.h"
#include "td-customer-selection.h"
#include "td-survey-dialog.h"
#include "td-customers-page.h"
#include "td-window.h"
#include "td-test-ui-utils.h"
#include "td-test-utils.h"

#define NAME     "欧阳晓雪"
#define INITIALS "oyxx"

static TdApplication *app;
static GSettings *settings;
static char *demo_path;
static char *home;

/* ------------------------------------------------------------------ */
/* helpers                                                            */

typedef struct {
  TdCustomersPage *page;
  const char      *id;
} PageAndId;

static gboolean
editor_open (gpointer data)
{
  return td_customers_page_get_editor (data) != NULL;
}

static gboolean
editor_closed (gpointer data)
{
  return td_customers_page_get_editor (data) == NULL;
}

static gboolean
editor_idle (gpointer data)
{
  return !td_customer_editor_get_busy (data);
}

static gboolean
details_shown (gpointer data)
{
  PageAndId *p = data;
  TdCustomerDetails *details = td_customers_page_get_details (p->page);
  TdCustomerOverview *overview = td_customer_details_get_overview (details);

  return !td_customer_details_get_loading (details) && overview != NULL
    && g_strcmp0 (json_object_get_string_member (overview->customer, "id"), p->id) == 0;
}

static gboolean
listed (gpointer data)
{
  PageAndId *p = data;
  TdCustomerListModel *model = td_customers_page_get_model (p->page);

  return !td_customer_list_model_get_loading (model) && td_customer_list_model_find (model, p->id) != G_MAXUINT;
}

static gboolean
not_listed (gpointer data)
{
  PageAndId *p = data;
  TdCustomerListModel *model = td_customers_page_get_model (p->page);

  return !td_customer_list_model_get_loading (model) && td_customer_list_model_find (model, p->id) == G_MAXUINT;
}

typedef struct {
  TdCustomerListModel *model;
  const char          *query;
} ModelAndQuery;

static gboolean
searched (gpointer data)
{
  ModelAndQuery *m = data;

  return g_strcmp0 (td_customer_list_model_get_query (m->model), m->query) == 0
    && !td_customer_list_model_get_loading (m->model);
}

/* Types text into the entry of a row, as a person would: what was there
 * selected and replaced, one character after the other. */
static void
type_into (GtkWidget  *row,
           const char *text)
{
  GtkEditable *editable = GTK_EDITABLE (row);

  gtk_widget_grab_focus (row);
  gtk_editable_delete_text (editable, 0, -1);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int position = gtk_editable_get_position (editable);

      gtk_editable_insert_text (editable, p, (int) (g_utf8_next_char (p) - p), &position);
      gtk_editable_set_position (editable, position);
    }
}

static TdCustomerEditor *
open_editor (TdWindow        *window,
             TdCustomersPage *page,
             const char      *action)
{
  gtk_widget_activate_action (action[0] == 'w' ? GTK_WIDGET (window) : GTK_WIDGET (page), action, NULL);
  td_test_ui_wait_until (editor_open, page, "the editor");
  return TD_CUSTOMER_EDITOR (td_customers_page_get_editor (page));
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
undo_button_shown (gpointer data)
{
  return find_button_labelled (data, _("_Undo")) != NULL;
}

static gint64
count_customers (TdWindow *window)
{
  return td_database_count (td_window_get_database (window), "customer", NULL);
}

static TdWindow *
open_customers (int width,
                int height)
{
  TdWindow *window = td_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  td_window_open_workspace (window, demo_path, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.area", "s", "customers");
  td_test_ui_wait_until (td_test_ui_window_ready, window, "the customers");
  g_assert_cmpstr (td_window_get_area (window), ==, "customers");
  return window;
}

/* ------------------------------------------------------------------ */
/* tests                                                              */

static void
test_round (void)
{
  TdWindow *window = open_customers (1280, 800);
  TdCustomersPage *page = TD_CUSTOMERS_PAGE (td_window_get_area_widget (window, "customers"));
  TdCustomerListModel *model = td_customers_page_get_model (page);
  TdCustomerEditor *editor;
  g_autofree char *id = NULL;
  g_autoptr(TdCustomerItem) item = NULL;
  ModelAndQuery query;
  PageAndId shown;
  gint64 before = count_customers (window);
  guint position;

  /* every customer, in pinyin order */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, before);
  g_assert_cmpint (td_customer_list_model_get_total (model), ==, before);
  td_test_ui_screenshot (GTK_WIDGET (window), "customers");

  /* Ctrl+N (win.new) in this area: a new customer */
  editor = open_editor (window, page, "win.new");
  type_into (td_customer_editor_get_row (editor, "name"), NAME);
  type_into (td_customer_editor_get_row (editor, "phone"), "12345");
  type_into (td_customer_editor_get_row (editor, "tags"), "团队客，VIP");

  /* a bad phone: said under the field, nothing saved */
  td_customer_editor_save (editor);
  g_assert_nonnull (td_customer_editor_get_problem (editor, "phone"));
  g_assert_null (td_customer_editor_get_problem (editor, "name"));
  g_assert_true (gtk_widget_has_css_class (td_customer_editor_get_row (editor, "phone"), "error"));
  g_assert_true (gtk_widget_has_focus (td_customer_editor_get_row (editor, "phone"))
                 || gtk_widget_is_focus (td_customer_editor_get_row (editor, "phone"))
                 || gtk_widget_get_focus_child (td_customer_editor_get_row (editor, "phone")) != NULL);
  g_assert_cmpint (count_customers (window), ==, before);
  td_test_ui_screenshot (GTK_WIDGET (editor), "customer-editor-invalid");

  /* fixed (as people write it): checked, kept normalised, added */
  type_into (td_customer_editor_get_row (editor, "phone"), "138 0013 8000");
  g_assert_null (td_customer_editor_get_problem (editor, "phone"));
  td_customer_editor_save (editor);
  td_test_ui_wait_until (editor_closed, page, "the new customer to be saved");
  g_assert_cmpint (count_customers (window), ==, before + 1);

  /* shown: selected in the list, in the details */
  id = g_strdup (td_customers_page_get_customer (page));
  g_assert_nonnull (id);
  shown.page = page;
  shown.id = id;
  td_test_ui_wait_until (details_shown, &shown, "the new customer's details");
  position = td_customer_list_model_find (model, id);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, before + 1);
  item = g_list_model_get_item (G_LIST_MODEL (model), position);
  g_assert_cmpstr (td_customer_item_get_name (item), ==, NAME);
  g_assert_cmpstr (td_customer_item_get_phone (item), ==, "13800138000");
  g_assert_cmpstr (td_customer_item_get_tags (item), ==, "团队客,VIP");
  g_assert_cmpstr (td_customer_selection_get_selected_id (TD_CUSTOMER_SELECTION (gtk_column_view_get_model (td_customers_page_get_view (page)))), ==, id);
  td_test_ui_screenshot (GTK_WIDGET (window), "customer-added");

  /* found by the initials of the name */
  gtk_editable_set_text (td_customers_page_get_search (page), INITIALS);
  query.model = model;
  query.query = INITIALS;
  td_test_ui_wait_until (searched, &query, "the search");
  g_assert_cmpuint (td_customer_list_model_find (model, id), !=, G_MAXUINT);
  td_test_ui_screenshot (GTK_WIDGET (window), "customers-search");

  /* a search that finds nobody says so */
  gtk_editable_set_text (td_customers_page_get_search (page), "没有这个人");
  query.query = "没有这个人";
  td_test_ui_wait_until (searched, &query, "the search");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  td_test_ui_screenshot (GTK_WIDGET (window), "customers-no-matches");
  gtk_editable_set_text (td_customers_page_get_search (page), "");
  query.query = "";
  td_test_ui_wait_until (searched, &query, "everyone again");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, before + 1);

  /* edited: the city and a consent, with how it was given */
  td_customers_page_show_customer (page, id);
  td_test_ui_wait_until (details_shown, &shown, "the details");
  editor = open_editor (window, page, "customers.edit");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (td_customer_editor_get_row (editor, "phone"))), ==, "13800138000");
  type_into (td_customer_editor_get_row (editor, "city"), "开封市");
  adw_combo_row_set_selected (ADW_COMBO_ROW (td_customer_editor_get_row (editor, "consent_sms")), 1);
  /* consent without saying how: refused */
  td_customer_editor_save (editor);
  g_assert_nonnull (td_customer_editor_get_problem (editor, "consent_sms_how"));
  type_into (td_customer_editor_get_row (editor, "consent_sms_how"), "前台签字");
  td_test_ui_screenshot (GTK_WIDGET (editor), "customer-editor-edit");
  td_customer_editor_save (editor);
  td_test_ui_wait_until (editor_closed, page, "the change to be saved");
  td_test_ui_wait_until (details_shown, &shown, "the details");
  {
    TdCustomerOverview *overview = td_customer_details_get_overview (td_customers_page_get_details (page));
    g_autoptr(TdCustomerItem) again = NULL;

    g_assert_cmpstr (json_object_get_string_member (overview->customer, "city"), ==, "开封市");
    g_assert_cmpstr (json_object_get_string_member (overview->customer, "consent_sms"), ==, "granted");
    g_assert_cmpstr (json_object_get_string_member (overview->customer, "consent_sms_how"), ==, "前台签字");
    g_assert_true (g_str_has_suffix (json_object_get_string_member (overview->customer, "consent_sms_at"), "Z"));
    g_assert_cmpuint (overview->timeline->len, >=, 2);
    again = g_list_model_get_item (G_LIST_MODEL (model), td_customer_list_model_find (model, id));
    g_assert_true (again == item);
    g_assert_cmpstr (td_customer_item_get_city (item), ==, "开封市");
  }
  td_test_ui_screenshot (GTK_WIDGET (window), "customer-edited");

  /* an edit that came too late: someone else saved first */
  editor = open_editor (window, page, "customers.edit");
  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    g_autoptr(JsonObject) record = td_database_get_record (td_window_get_database (window), "customer", id, NULL);
    TdChange *change = td_change_new_update ("customer", id, json_object_get_int_member (record, "revision"));
    g_autoptr(GError) error = NULL;

    td_change_set_string (change, "district", "龙亭区");
    g_ptr_array_add (changes, change);
    td_database_commit (td_window_get_database (window), "someone@else", changes, &error);
    g_assert_no_error (error);
  }
  type_into (td_customer_editor_get_row (editor, "email"), "xiaoxue@example.cn");
  td_customer_editor_save (editor);
  td_test_ui_wait_until (editor_idle, editor, "the save to be refused");
  g_assert_nonnull (td_customer_editor_get_message (editor));
  g_assert_nonnull (strstr (td_customer_editor_get_message (editor), "Someone else"));
  td_test_ui_screenshot (GTK_WIDGET (editor), "customer-editor-conflict");
  /* nothing lost: what was typed is still there */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (td_customer_editor_get_row (editor, "email"))), ==, "xiaoxue@example.cn");
  gtk_window_destroy (GTK_WINDOW (editor));
  td_test_ui_wait_until (editor_closed, page, "the editor to close");

  /* deleted (Delete in the list), then brought back with Undo */
  td_customers_page_show_customer (page, id);
  gtk_widget_activate_action (GTK_WIDGET (page), "customers.delete", NULL);
  td_test_ui_wait_until (not_listed, &shown, "the customer to be deleted");
  td_test_ui_wait_until (undo_button_shown, window, "the Undo button");
  g_assert_cmpint (count_customers (window), ==, before);
  g_assert_null (td_customers_page_get_customer (page));
  td_test_ui_screenshot (GTK_WIDGET (window), "customer-deleted");
  /* (Ctrl+Z does what the toast's button does) */
  gtk_widget_activate_action (GTK_WIDGET (page), "customers.undo", NULL);
  td_test_ui_wait_until (listed, &shown, "the customer to be back");
  td_test_ui_wait_until (details_shown, &shown, "the details again");
  g_assert_cmpint (count_customers (window), ==, before + 1);
  g_assert_cmpstr (td_customers_page_get_customer (page), ==, id);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A customer like one there is: listed before saving, to open instead. */
static void
test_duplicates (void)
{
  TdWindow *window = open_customers (1280, 800);
  TdCustomersPage *page = TD_CUSTOMERS_PAGE (td_window_get_area_widget (window, "customers"));
  TdCustomerListModel *model = td_customers_page_get_model (page);
  g_autoptr(TdCustomerItem) existing = g_list_model_get_item (G_LIST_MODEL (model), 7);
  g_autofree char *existing_id = g_strdup (td_customer_item_get_id (existing));
  TdCustomerEditor *editor;
  GPtrArray *duplicates;
  gint64 before = count_customers (window);
  PageAndId shown = { page, existing_id };

  editor = open_editor (window, page, "customers.new");
  type_into (td_customer_editor_get_row (editor, "name"), "另一个人");
  type_into (td_customer_editor_get_row (editor, "phone"), td_customer_item_get_phone (existing));
  td_customer_editor_save (editor);
  td_test_ui_wait_until (editor_idle, editor, "the look for duplicates");
  duplicates = td_customer_editor_get_duplicates (editor);
  g_assert_nonnull (duplicates);
  g_assert_cmpuint (duplicates->len, >=, 1);
  g_assert_cmpstr (((TdDuplicate *) g_ptr_array_index (duplicates, 0))->id, ==, existing_id);
  g_assert_cmpint (count_customers (window), ==, before);
  td_test_ui_screenshot (GTK_WIDGET (editor), "customer-editor-duplicates");

  /* open the one there is instead */
  g_signal_emit_by_name (find_button_labelled (GTK_WIDGET (editor), _("_Open")), "clicked");
  td_test_ui_wait_until (editor_closed, page, "the editor to close");
  td_test_ui_wait_until (details_shown, &shown, "the existing customer");
  g_assert_cmpint (count_customers (window), ==, before);

  /* or save anyway */
  editor = open_editor (window, page, "customers.new");
  type_into (td_customer_editor_get_row (editor, "name"), "另一个人");
  type_into (td_customer_editor_get_row (editor, "phone"), td_customer_item_get_phone (existing));
  td_customer_editor_save (editor);
  td_test_ui_wait_until (editor_idle, editor, "the look for duplicates");
  g_assert_nonnull (td_customer_editor_get_duplicates (editor));
  td_customer_editor_save (editor);
  td_test_ui_wait_until (editor_closed, page, "the customer to be saved anyway");
  g_assert_cmpint (count_customers (window), ==, before + 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A warning is said once; the second Save keeps the values anyway. */
static void
test_warning (void)
{
  TdWindow *window = open_customers (1280, 800);
  TdCustomersPage *page = TD_CUSTOMERS_PAGE (td_window_get_area_widget (window, "customers"));
  TdCustomerEditor *editor;
  gint64 before = count_customers (window);
  char id_number[19] = "11010519880312004";

  /* a resident card born 1988-03-12; a birth date that says otherwise */
  id_number[17] = td_id_number_check_char (id_number);
  id_number[18] = '\0';
  editor = open_editor (window, page, "customers.new");
  type_into (td_customer_editor_get_row (editor, "name"), "警告测试");
  type_into (td_customer_editor_get_row (editor, "id_number"), id_number);
  type_into (td_customer_editor_get_row (editor, "birth_date"), "1988-03-13");
  td_customer_editor_save (editor);
  g_assert_nonnull (td_customer_editor_get_problem (editor, "birth_date"));
  g_assert_nonnull (strstr (td_customer_editor_get_problem (editor, "birth_date"), "1988-03-12"));
  g_assert_true (gtk_widget_has_css_class (td_customer_editor_get_row (editor, "birth_date"), "warning"));
  g_assert_cmpint (count_customers (window), ==, before);
  td_test_ui_screenshot (GTK_WIDGET (editor), "customer-editor-warning");

  /* saved anyway, as typed */
  td_customer_editor_save (editor);
  td_test_ui_wait_until (editor_closed, page, "the customer to be saved");
  g_assert_cmpint (count_customers (window), ==, before + 1);
  {
    g_autoptr(JsonObject) record = td_database_get_record (td_window_get_database (window), "customer",
                                                           td_customers_page_get_customer (page), NULL);

    g_assert_cmpstr (json_object_get_string_member (record, "birth_date"), ==, "1988-03-13");
    g_assert_cmpstr (json_object_get_string_member (record, "id_number"), ==, id_number);
    g_assert_cmpstr (json_object_get_string_member (record, "gender"), ==, "female");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Narrow: the list, then the details in its place, with a way back. */
static void
test_narrow (void)
{
  TdWindow *window = open_customers (700, 640);
  TdCustomersPage *page = TD_CUSTOMERS_PAGE (td_window_get_area_widget (window, "customers"));
  TdCustomerListModel *model = td_customers_page_get_model (page);
  g_autoptr(TdCustomerItem) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  PageAndId shown = { page, td_customer_item_get_id (first) };

  td_test_ui_screenshot (GTK_WIDGET (window), "customers-narrow");
  g_signal_emit_by_name (td_customers_page_get_view (page), "activate", 0);
  td_test_ui_wait_until (details_shown, &shown, "the details");
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (td_customers_page_get_details (page))));
  td_test_ui_screenshot (GTK_WIDGET (window), "customers-narrow-details");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Simplified Chinese, when the locale can be had */
static void
test_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();
  TdWindow *window;
  TdCustomersPage *page;
  TdCustomerListModel *model;
  TdCustomerEditor *editor;
  g_autoptr(TdCustomerItem) item = NULL;
  PageAndId shown;

  if (saved_locale == NULL)
    return;

  window = open_customers (1280, 800);
  page = TD_CUSTOMERS_PAGE (td_window_get_area_widget (window, "customers"));
  model = td_customers_page_get_model (page);
  item = g_list_model_get_item (G_LIST_MODEL (model), 3);
  shown.page = page;
  shown.id = td_customer_item_get_id (item);
  td_customers_page_show_customer (page, shown.id);
  td_test_ui_wait_until (details_shown, &shown, "the details");
  td_test_ui_screenshot (GTK_WIDGET (window), "zh_CN-customers");

  editor = open_editor (window, page, "customers.edit");
  type_into (td_customer_editor_get_row (editor, "phone"), "0371-12");
  td_customer_editor_save (editor);
  g_assert_nonnull (td_customer_editor_get_problem (editor, "phone"));
  td_test_ui_screenshot (GTK_WIDGET (editor), "zh_CN-customer-editor");
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  td_test_ui_leave_zh_cn (saved_locale);
}

/* ------------------------------------------------------------------ */


static gboolean
survey_dialog_ready (gpointer data)
{
  GtkWidget *dialog = td_test_ui_find_toplevel (TD_TYPE_SURVEY_DIALOG);

  return dialog != NULL && gtk_widget_get_sensitive (td_test_ui_find_named (dialog, "survey-save"));
}

static gboolean
survey_saved (gpointer data)
{
  return td_test_query_int (data, "SELECT count(*) FROM survey_responses WHERE nps = 8 AND stay_id IS NOT NULL "
                                  "AND comment = '早餐很好'") == 1;
}

static gboolean
label_shown (gpointer data)
{
  return gtk_widget_is_visible (data) && *gtk_label_get_text (data) != '\0';
}

/* a customer's survey answer, about their last stay */
static void
test_survey (void)
{
  TdWindow *window = open_customers (1280, 800);
  TdCustomersPage *page = TD_CUSTOMERS_PAGE (td_window_get_area_widget (window, "customers"));
  TdDatabase *db = td_window_get_database (window);
  g_autofree char *id = NULL;
  GtkWidget *dialog;
  PageAndId shown;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdDatabase) reader = td_database_open (demo_path, TD_OPEN_FLAGS_NONE, &error);
    g_autoptr(GPtrArray) bookings = NULL;
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_open_v2 (demo_path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT v.customer_id FROM stays s JOIN reservations v ON v.id = s.reservation_id "
                                                 "JOIN customers c ON c.id = v.customer_id AND c.party = 'person' "
                                                 "WHERE s.deleted = 0 ORDER BY s.arrival DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    sqlite3_close (handle);
    /* the customer's stays and trips, the latest first */
    bookings = td_customer_bookings (reader, id, 50, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (bookings->len, >=, 1);
    for (guint i = 1; i < bookings->len; i++)
      g_assert_cmpuint (((TdCustomerBooking *) bookings->pdata[i - 1])->start, >=,
                        ((TdCustomerBooking *) bookings->pdata[i])->start);
  }

  td_customers_page_show_customer (page, id);
  shown.page = page;
  shown.id = id;
  td_test_ui_wait_until (details_shown, &shown, "the customer's details");
  gtk_widget_activate_action (GTK_WIDGET (page), "customers.survey", NULL);
  td_test_ui_wait_until (survey_dialog_ready, NULL, "the survey dialog with the customer's stays");
  dialog = td_test_ui_find_toplevel (TD_TYPE_SURVEY_DIALOG);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (td_test_ui_find_named (dialog, "survey-booking"))), ==, 1);

  /* no score: said, nothing saved */
  td_test_ui_click (dialog, "survey-save");
  td_test_ui_wait_until (label_shown, td_test_ui_find_named (dialog, "survey-problem"), "the missing score");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (td_test_ui_find_named (dialog, "survey-nps-8")), TRUE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (td_test_ui_find_named (dialog, "survey-rating-0")), 5);
  gtk_editable_set_text (GTK_EDITABLE (td_test_ui_find_named (dialog, "survey-comment")), "早餐很好");
  td_test_ui_screenshot (dialog, "customer-survey");
  td_test_ui_click (dialog, "survey-save");
  td_test_ui_wait_until (survey_saved, db, "the survey answer");

  gtk_window_destroy (GTK_WINDOW (window));
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

  home = td_test_ui_init (&argc, &argv, "tourdesk-customers-XXXXXX");
  bus = td_test_ui_bus_up ();
  app = td_test_ui_application_new ();
  settings = g_settings_new (APPLICATION_ID);
  /* libadwaita 1.2's leaflet may draw a page it has not placed yet in the
   * middle of a folding transition (a warning, fatal here): the narrow
   * test changes the window's width, so no transitions */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* more than a page of them */
  demo_path = g_build_filename (home, "demo.tourdesk", NULL);
  td_demo_options_init (&options);
  options.customers = 450;
  database = td_demo_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_test_add_func ("/customers/round", test_round);
  g_test_add_func ("/customers/duplicates", test_duplicates);
  g_test_add_func ("/customers/warning", test_warning);
  g_test_add_func ("/customers/narrow", test_narrow);
  g_test_add_func ("/customers/survey", test_survey);
  g_test_add_func ("/customers/zh_CN", test_chinese);

  status = g_test_run ();

  g_clear_object (&settings);
  g_clear_object (&app);
  g_free (demo_path);
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  g_free (home);
  return status;
}
