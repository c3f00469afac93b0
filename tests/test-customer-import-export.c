/* test-customer-import-export.c: importing customers through the import
 * dialog, and exporting them through the export dialog, on screen
 *
 * Runs under a display (xvfb-run), in the ui suite. Every GLib warning or
 * critical fails the test. With TD_SCREENSHOT_DIR set, a PNG of each page
 * is written there, in English and in Chinese.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "td-application.h"
#include "td-customer-export-dialog.h"
#include "td-customer-import-dialog.h"
#include "td-window.h"
#include "td-test-ui-utils.h"
#include "td-test-utils.h"

static TdApplication *app;

/* ------------------------------------------------------------------ */
/* helpers                                                            */

static char *
add_customer (TdDatabase *db,
              const char *name,
              const char *phone)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdChange *change = td_change_new_insert ("customer", NULL);

  td_change_set_string (change, "party", "person");
  td_change_set_string (change, "name", name);
  td_change_set_string (change, "phone", phone);
  g_ptr_array_add (changes, change);
  g_assert_true (td_database_commit (db, "test", changes, &error));
  g_assert_no_error (error);
  return g_strdup (td_change_get_id (change));
}

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  return g_file_new_for_path (path);
}

/* A file of text written in the test's folder. */
static GFile *
write_file (const char *name,
            const char *text)
{
  g_autofree char *path = td_test_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
dialog_ready (gpointer data)
{
  return !td_customer_import_dialog_get_busy (data);
}

static TdCustomerImportDialog *
open_dialog (TdDatabase *db)
{
  GtkWidget *dialog = td_customer_import_dialog_new (NULL, db);

  gtk_window_set_default_size (GTK_WINDOW (dialog), 900, 680);
  gtk_window_present (GTK_WINDOW (dialog));
  return TD_CUSTOMER_IMPORT_DIALOG (dialog);
}

static void
open_file (TdCustomerImportDialog *dialog,
           GFile                  *file)
{
  td_customer_import_dialog_open_file (dialog, file);
  g_assert_true (td_customer_import_dialog_get_busy (dialog));
  td_test_ui_wait_until (dialog_ready, dialog, "the file to be read");
}

static const char *
visible_page (GtkWidget *dialog)
{
  GtkWidget *stack = td_test_ui_find_widget (dialog, GTK_TYPE_STACK, NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static const char *
label_text (GtkWidget  *dialog,
            const char *name)
{
  GtkWidget *label = td_test_ui_find_named (dialog, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static const char *
row_subtitle (GtkWidget  *dialog,
              const char *name)
{
  GtkWidget *row = td_test_ui_find_named (dialog, name);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static gboolean
banner_shown (GtkWidget *dialog)
{
  return gtk_widget_get_visible (td_test_ui_find_named (dialog, "banner"));
}

static void
imported_cb (TdCustomerImportDialog *dialog,
             guint                   created,
             guint                   updated,
             int                    *counts)
{
  counts[0] = (int) created;
  counts[1] = (int) updated;
}

/* ------------------------------------------------------------------ */
/* a CSV file, its columns, the check and the import                  */

static void
test_csv (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("csv.tourdesk", TD_PROFILE_HOTEL);
  g_autofree char *known = add_customer (db, "张伟", "13800138000");
  g_autoptr(GFile) file = data_file ("excel-gb18030.csv");
  int counts[2] = { -1, -1 };
  guint created, updated;
  const TdImportEntry *skipped = NULL;
  TdCustomerImportDialog *dialog;
  TdCustomerImport *import;
  TdImportReport *report;
  GtkWidget *window, *preview, *mapping;
  gint64 before = td_database_count (db, "customer", NULL);
  guint name_column = G_MAXUINT, points_column = G_MAXUINT;

  dialog = open_dialog (db);
  window = GTK_WIDGET (dialog);
  g_assert_cmpstr (visible_page (window), ==, "start");
  td_test_ui_screenshot (window, "import-start");

  /* read: the encoding Excel on a Chinese Windows writes, found */
  open_file (dialog, file);
  g_assert_cmpstr (visible_page (window), ==, "file");
  import = td_customer_import_dialog_get_import (dialog);
  g_assert_cmpint (td_customer_import_get_format (import), ==, TD_IMPORT_FORMAT_CSV);
  g_assert_cmpstr (row_subtitle (window, "format-row"), ==, "Spreadsheet saved as CSV");
  g_assert_cmpstr (row_subtitle (window, "encoding-row"), ==, "Found: GB18030");
  g_assert_true (g_str_has_prefix (label_text (window, "file-summary"), "7 customers in the file."));
  g_assert_false (gtk_widget_get_visible (td_test_ui_find_named (window, "file-problem")));

  /* the preview: a column of lines, then the file's; above each, the
   * field it goes to, as guessed */
  preview = td_test_ui_find_named (window, "preview");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (preview))), ==,
                    td_customer_import_get_n_columns (import) + 1);
  for (guint c = 0; c < td_customer_import_get_n_columns (import); c++)
    {
      if (g_strcmp0 (td_customer_import_get_column_name (import, c), "客户姓名") == 0)
        name_column = c;
      if (g_strcmp0 (td_customer_import_get_column_name (import, c), "积分") == 0)
        points_column = c;
    }
  g_assert_cmpuint (name_column, !=, G_MAXUINT);
  g_assert_cmpuint (points_column, !=, G_MAXUINT);
  td_test_ui_settle (window);
  {
    g_autofree char *name = g_strdup_printf ("mapping-%u", name_column);

    mapping = td_test_ui_find_named (window, name);
    g_assert_true (GTK_IS_DROP_DOWN (mapping));
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (mapping)), ==, TD_CUSTOMER_COLUMN_NAME);
  }
  td_test_ui_screenshot (window, "import-columns");

  /* the clerk leaves the points out, with the drop-down above them */
  {
    g_autofree char *name = g_strdup_printf ("mapping-%u", points_column);

    mapping = td_test_ui_find_named (window, name);
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (mapping)), ==, TD_CUSTOMER_COLUMN_LOYALTY_POINTS);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (mapping), TD_CUSTOMER_COLUMN_IGNORE);
    g_assert_cmpint (td_customer_import_get_column_mapping (import, points_column), ==, TD_CUSTOMER_COLUMN_IGNORE);
  }

  /* check: nothing written, the counts and every row shown */
  td_test_ui_click (window, "next-button");
  td_test_ui_wait_until (dialog_ready, dialog, "the check");
  g_assert_cmpstr (visible_page (window), ==, "report");
  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, before);
  report = td_customer_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_true (td_import_report_is_dry_run (report));
  g_assert_cmpuint (td_import_report_get_n_rows (report), ==, 7);
  created = td_import_report_count (report, TD_IMPORT_ACTION_CREATE);
  updated = td_import_report_count (report, TD_IMPORT_ACTION_UPDATE);
  /* 张伟 is there already; 赵敏's phone lacks a digit (line 7) */
  g_assert_cmpuint (updated, ==, 1);
  g_assert_cmpuint (created, >=, 4);
  for (guint i = 0; i < td_import_report_get_n_rows (report); i++)
    if (td_import_report_get_entry (report, i)->action == TD_IMPORT_ACTION_SKIP)
      skipped = td_import_report_get_entry (report, i);
  g_assert_nonnull (skipped);
  g_assert_cmpuint (skipped->line, ==, 7);
  g_assert_cmpstr (skipped->name, ==, "赵敏");
  g_assert_nonnull (skipped->reason);
  g_assert_cmpstr (label_text (window, "report-title"), ==, "Ready to Import");
  {
    g_autofree char *adds = g_strdup_printf ("Importing adds %u new customers and updates 1 customer already there.", created);

    g_assert_nonnull (strstr (label_text (window, "report-summary"), adds));
  }
  /* the rows worth a look first: the update and the skipped row among them */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                      GTK_LIST_VIEW (td_test_ui_find_named (window, "entries"))))), >=, 2);
  td_test_ui_screenshot (window, "import-check");

  /* all rows, with the filter */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (td_test_ui_find_named (window, "filter")), 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                      GTK_LIST_VIEW (td_test_ui_find_named (window, "entries"))))), ==, 7);

  /* import: written in one go */
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), counts);
  td_test_ui_click (window, "next-button");
  td_test_ui_wait_until (dialog_ready, dialog, "the import");
  g_assert_cmpint (counts[0], ==, (int) created);
  g_assert_cmpint (counts[1], ==, 1);
  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, before + created);
  report = td_customer_import_dialog_get_report (dialog);
  g_assert_false (td_import_report_is_dry_run (report));
  g_assert_cmpstr (label_text (window, "report-title"), ==, "Import Finished");
  g_assert_false (banner_shown (window));
  /* the points were left out */
  {
    g_autoptr(JsonObject) record = td_database_get_record (db, "customer", known, NULL);

    g_assert_true (json_object_get_null_member (record, "loyalty_points"));
  }
  td_test_ui_screenshot (window, "import-done");

  /* Done closes it */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  td_test_ui_click (window, "next-button");
  td_test_ui_wait_ms (50);
  g_assert_null (dialog);
}

/* A header the guess does not know: the clerk says what it holds. */
static void
test_mapping (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("mapping.tourdesk", TD_PROFILE_HOTEL);
  g_autoptr(GFile) file = write_file ("mapping.csv",
                                      "姓名,备用信息栏,城市\r\n"
                                      "赵磊,13511112222,杭州市\r\n"
                                      "钱敏,13622223333,宁波市\r\n");
  TdCustomerImportDialog *dialog = open_dialog (db);
  GtkWidget *window = GTK_WIDGET (dialog);
  TdCustomerImport *import;
  TdImportReport *report;
  GtkWidget *mapping;

  open_file (dialog, file);
  import = td_customer_import_dialog_get_import (dialog);
  g_assert_cmpstr (row_subtitle (window, "encoding-row"), ==, "Found: UTF-8");
  g_assert_cmpint (td_customer_import_get_column_mapping (import, 1), ==, TD_CUSTOMER_COLUMN_IGNORE);
  td_test_ui_settle (window);
  mapping = td_test_ui_find_named (window, "mapping-1");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (mapping), TD_CUSTOMER_COLUMN_PHONE);
  g_assert_cmpint (td_customer_import_get_column_mapping (import, 1), ==, TD_CUSTOMER_COLUMN_PHONE);

  td_test_ui_click (window, "next-button");
  td_test_ui_wait_until (dialog_ready, dialog, "the check");
  report = td_customer_import_dialog_get_report (dialog);
  g_assert_cmpuint (td_import_report_count (report, TD_IMPORT_ACTION_CREATE), ==, 2);

  td_test_ui_click (window, "next-button");
  td_test_ui_wait_until (dialog_ready, dialog, "the import");
  {
    g_autoptr(GPtrArray) hits = td_customer_search (db, "13511112222", 0, NULL);

    g_assert_cmpuint (hits->len, ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The drop-downs above the columns can be reached with Tab. */
static void
test_keyboard (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("keyboard.tourdesk", TD_PROFILE_HOTEL);
  g_autoptr(GFile) file = write_file ("keyboard.csv", "姓名,手机,城市\r\n赵磊,13511112222,杭州市\r\n");
  g_autoptr(GHashTable) reached = g_hash_table_new (g_str_hash, g_str_equal);
  TdCustomerImportDialog *dialog = open_dialog (db);
  GtkWidget *window = GTK_WIDGET (dialog);

  open_file (dialog, file);
  td_test_ui_settle (window);
  for (guint i = 0; i < 60; i++)
    {
      gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
      for (GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));
           focus != NULL;
           focus = gtk_widget_get_parent (focus))
        if (GTK_IS_DROP_DOWN (focus) && g_str_has_prefix (gtk_widget_get_name (focus), "mapping-"))
          g_hash_table_add (reached, (gpointer) gtk_widget_get_name (focus));
    }
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *name = g_strdup_printf ("mapping-%u", c);

      if (!g_hash_table_contains (reached, name))
        g_error ("The drop-down %s cannot be reached with Tab", name);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Cancelled while writing: nothing is written, and the dialog says so. */
static void
test_cancel (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("cancel.tourdesk", TD_PROFILE_HOTEL);
  g_autoptr(GString) text = g_string_new ("姓名,手机号码,城市\r\n");
  g_autoptr(GFile) file = NULL;
  TdCustomerImportDialog *dialog;
  GtkWidget *window;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "客户%u,1350000%04u,郑州市\r\n", i, i);
  file = write_file ("many.csv", text->str);

  dialog = open_dialog (db);
  window = GTK_WIDGET (dialog);
  open_file (dialog, file);
  td_test_ui_click (window, "next-button");
  td_test_ui_wait_until (dialog_ready, dialog, "the check");
  g_assert_cmpuint (td_import_report_count (td_customer_import_dialog_get_report (dialog),
                                            TD_IMPORT_ACTION_CREATE), ==, 3000);

  /* Import, then at once Cancel */
  td_test_ui_click (window, "next-button");
  g_assert_true (td_customer_import_dialog_get_busy (dialog));
  g_assert_cmpstr (visible_page (window), ==, "working");
  td_test_ui_click (window, "stop-button");
  td_test_ui_wait_until (dialog_ready, dialog, "the cancelled import");

  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, 0);
  g_assert_cmpstr (visible_page (window), ==, "report");
  g_assert_true (banner_shown (window));
  g_assert_cmpstr (label_text (window, "banner-label"), ==,
                   "The import was cancelled: nothing was written to the workspace.");
  /* still a dry run on show, to import again */
  g_assert_true (td_import_report_is_dry_run (td_customer_import_dialog_get_report (dialog)));
  td_test_ui_screenshot (window, "import-cancelled");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A broken file: said in words, with the line; nothing to check. */
static void
test_bad_files (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("bad.tourdesk", TD_PROFILE_HOTEL);
  g_autoptr(GFile) unterminated = data_file ("unterminated-quote.csv");
  g_autoptr(GFile) bad_encoding = data_file ("bad-encoding.csv");
  TdCustomerImportDialog *dialog = open_dialog (db);
  GtkWidget *window = GTK_WIDGET (dialog);
  GtkWidget *problem;

  open_file (dialog, unterminated);
  g_assert_cmpstr (visible_page (window), ==, "file");
  problem = td_test_ui_find_named (window, "file-problem");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "3"));
  g_assert_false (gtk_widget_get_sensitive (td_test_ui_find_named (window, "next-button")));
  td_test_ui_screenshot (window, "import-bad-file");

  /* neither UTF-8 nor GB18030: the line is named */
  open_file (dialog, bad_encoding);
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "3"));
  g_assert_false (gtk_widget_get_sensitive (td_test_ui_find_named (window, "next-button")));

  /* Big5 (Taiwan, Hong Kong) reads as GB18030 too, wrongly: the clerk
   * sees it in the preview and says which encoding it is */
  {
    g_autofree char *big5 = g_convert ("姓名,電話\r\n陳大文,0912345678\r\n", -1, "BIG5", "UTF-8", NULL, NULL, NULL);
    g_autofree char *path = td_test_path ("big5.csv");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    TdCustomerImport *import = td_customer_import_dialog_get_import (dialog);

    g_assert_nonnull (big5);
    g_assert_true (g_file_set_contents (path, big5, -1, NULL));
    open_file (dialog, file);
    g_assert_cmpstr (td_customer_import_get_encoding (import), ==, "GB18030");
    g_assert_cmpstr (td_customer_import_get_column_name (import, 0), !=, "姓名");

    adw_combo_row_set_selected (ADW_COMBO_ROW (td_test_ui_find_named (window, "encoding-row")), 4);
    g_assert_true (td_customer_import_dialog_get_busy (dialog));
    td_test_ui_wait_until (dialog_ready, dialog, "the file read as Big5");
    g_assert_false (gtk_widget_get_visible (problem));
    g_assert_cmpstr (td_customer_import_get_encoding (import), ==, "BIG5");
    g_assert_cmpstr (td_customer_import_get_column_name (import, 0), ==, "姓名");
    g_assert_cmpint (td_customer_import_get_column_mapping (import, 0), ==, TD_CUSTOMER_COLUMN_NAME);
    g_assert_true (gtk_widget_get_sensitive (td_test_ui_find_named (window, "next-button")));
    td_test_ui_screenshot (window, "import-big5");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Contacts from a phone: no columns to match. */
static void
test_vcard (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("vcard.tourdesk", TD_PROFILE_HOTEL);
  g_autoptr(GFile) file = write_file ("contacts.vcf",
                                      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:孙丽\r\nN:孙;丽;;;\r\n"
                                      "TEL;TYPE=CELL:13912340000\r\nEND:VCARD\r\n"
                                      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:周强\r\nN:周;强;;;\r\n"
                                      "TEL;TYPE=CELL:13712340000\r\nEMAIL:zq@example.com\r\nEND:VCARD\r\n");
  TdCustomerImportDialog *dialog = open_dialog (db);
  GtkWidget *window = GTK_WIDGET (dialog);

  open_file (dialog, file);
  g_assert_cmpstr (row_subtitle (window, "format-row"), ==, "vCard contacts (.vcf)");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (td_test_ui_find_named (window, "preview"))));
  g_assert_true (g_str_has_prefix (label_text (window, "file-summary"), "2 contacts in the file."));
  td_test_ui_click (window, "next-button");
  td_test_ui_wait_until (dialog_ready, dialog, "the check");
  td_test_ui_click (window, "next-button");
  td_test_ui_wait_until (dialog_ready, dialog, "the import");
  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------ */
/* exporting                                                          */

static gboolean
export_ready (gpointer data)
{
  return !td_customer_export_dialog_get_busy (data);
}

static gboolean
export_counted (gpointer data)
{
  return gtk_widget_get_sensitive (td_test_ui_find_named (data, "export-button"));
}

static void
exported_cb (TdCustomerExportDialog *dialog,
             GFile                  *file,
             guint                   n,
             int                    *count)
{
  *count = (int) n;
}

static gboolean
count_set (gpointer data)
{
  return *(int *) data >= 0;
}

static TdDatabase *
export_workspace (const char *name)
{
  TdDatabase *db = td_test_workspace (name, TD_PROFILE_HOTEL);

  g_free (add_customer (db, "张伟", "13800138000"));
  g_free (add_customer (db, "李娜", "13912345678"));
  g_free (add_customer (db, "Anna Schmidt", "+49301234567"));
  return db;
}

/* CSV, then vCard; the file is what the importer reads back */
static void
test_export (void)
{
  g_autoptr(TdDatabase) db = export_workspace ("export.tourdesk");
  g_autofree char *csv_path = td_test_path ("export.csv");
  g_autofree char *vcf_path = td_test_path ("export.vcf");
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) vcf = g_file_new_for_path (vcf_path);
  g_autofree char *contents = NULL;
  int count = -1;
  TdCustomerExportDialog *dialog;
  GtkWidget *window;

  dialog = TD_CUSTOMER_EXPORT_DIALOG (td_customer_export_dialog_new (NULL, db));
  window = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (window));
  td_test_ui_wait_until (export_counted, window, "the customers to be counted");
  g_assert_cmpstr (label_text (window, "count"), ==, "All 3 customers of this workspace, as:");
  g_assert_cmpint (td_customer_export_dialog_get_format (dialog), ==, TD_EXPORT_FORMAT_CSV);
  td_test_ui_screenshot (window, "export-dialog");

  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &count);
  td_customer_export_dialog_export_to (dialog, csv);
  g_assert_true (td_customer_export_dialog_get_busy (dialog));
  td_test_ui_wait_until (export_ready, dialog, "the export");
  g_assert_cmpint (count, ==, 3);
  g_assert_cmpstr (visible_page (window), ==, "done");
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf"));
  g_assert_nonnull (strstr (contents, "李娜"));
  td_test_ui_screenshot (window, "export-done");
  gtk_window_destroy (GTK_WINDOW (window));

  /* vCard, chosen with its radio button */
  dialog = TD_CUSTOMER_EXPORT_DIALOG (td_customer_export_dialog_new (NULL, db));
  window = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (window));
  td_test_ui_wait_until (export_counted, window, "the customers to be counted");
  g_assert_true (gtk_widget_activate (td_test_ui_find_named (window, "format-vcard")));
  g_assert_cmpint (td_customer_export_dialog_get_format (dialog), ==, TD_EXPORT_FORMAT_VCARD);
  td_customer_export_dialog_export_to (dialog, vcf);
  td_test_ui_wait_until (export_ready, dialog, "the export");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (vcf_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCARD"));
  g_assert_nonnull (strstr (contents, "Anna Schmidt"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Over the main window: a toast there at the end; a file that cannot be
 * written is said in the dialog, and nothing is left behind. */
static void
test_export_window (void)
{
  g_autoptr(TdDatabase) db = export_workspace ("export-window.tourdesk");
  g_autofree char *path = td_test_path ("export-window.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/folder/customers.csv");
  TdWindow *main_window = td_window_new (app);
  TdCustomerExportDialog *dialog;
  GtkWidget *window;
  int count = -1;

  gtk_window_present (GTK_WINDOW (main_window));
  dialog = TD_CUSTOMER_EXPORT_DIALOG (td_customer_export_dialog_new (GTK_WINDOW (main_window), db));
  window = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (window));
  td_test_ui_wait_until (export_counted, window, "the customers to be counted");

  td_customer_export_dialog_export_to (dialog, nowhere);
  td_test_ui_wait_until (export_ready, dialog, "the failed export");
  g_assert_true (gtk_widget_get_visible (td_test_ui_find_named (window, "banner")));
  g_assert_true (g_str_has_prefix (label_text (window, "banner-label"), "The file could not be written: "));
  g_assert_cmpstr (visible_page (window), ==, "choose");
  td_test_ui_screenshot (window, "export-failed");

  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &count);
  td_customer_export_dialog_export_to (dialog, file);
  td_test_ui_wait_until (count_set, &count, "the export");
  g_assert_cmpint (count, ==, 3);
  td_test_ui_wait_ms (50);
  /* closed, with a toast in the window */
  g_assert_null (dialog);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  td_test_ui_screenshot (GTK_WIDGET (main_window), "export-toast");
  gtk_window_destroy (GTK_WINDOW (main_window));
}

/* ------------------------------------------------------------------ */
/* in Chinese                                                         */

static void
test_chinese (void)
{
  g_autofree char *saved_locale = td_test_ui_enter_zh_cn ();
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autofree char *known = NULL;
  TdCustomerImportDialog *dialog;
  GtkWidget *window;

  if (saved_locale == NULL)
    return;

  db = td_test_workspace ("chinese.tourdesk", TD_PROFILE_HOTEL);
  known = add_customer (db, "张伟", "13800138000");
  file = data_file ("excel-utf8-bom.csv");
  dialog = open_dialog (db);
  window = GTK_WIDGET (dialog);
  td_test_ui_screenshot (window, "zh_CN-import-start");
  open_file (dialog, file);
  td_test_ui_screenshot (window, "zh_CN-import-columns");
  td_test_ui_click (window, "next-button");
  td_test_ui_wait_until (dialog_ready, dialog, "the check");
  td_test_ui_screenshot (window, "zh_CN-import-check");
  td_test_ui_click (window, "next-button");
  td_test_ui_wait_until (dialog_ready, dialog, "the import");
  td_test_ui_screenshot (window, "zh_CN-import-done");
  gtk_window_destroy (GTK_WINDOW (window));

  {
    TdCustomerExportDialog *export = TD_CUSTOMER_EXPORT_DIALOG (td_customer_export_dialog_new (NULL, db));

    gtk_window_present (GTK_WINDOW (export));
    td_test_ui_wait_until (export_counted, export, "the customers to be counted");
    td_test_ui_screenshot (GTK_WIDGET (export), "zh_CN-export-dialog");
    gtk_window_destroy (GTK_WINDOW (export));
  }

  bad = data_file ("unterminated-quote.csv");
  dialog = open_dialog (db);
  window = GTK_WIDGET (dialog);
  open_file (dialog, bad);
  td_test_ui_screenshot (window, "zh_CN-import-bad-file");
  gtk_window_destroy (GTK_WINDOW (window));

  td_test_ui_leave_zh_cn (saved_locale);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  GTestDBus *bus;
  int status;

  home = td_test_ui_init (&argc, &argv, "tourdesk-import-export-home-XXXXXX");
  bus = td_test_ui_bus_up ();
  /* the application loads the style sheet and the icons */
  app = td_test_ui_application_new ();

  g_test_add_func ("/customer-import-dialog/csv", test_csv);
  g_test_add_func ("/customer-import-dialog/mapping", test_mapping);
  g_test_add_func ("/customer-import-dialog/keyboard", test_keyboard);
  g_test_add_func ("/customer-import-dialog/cancel", test_cancel);
  g_test_add_func ("/customer-import-dialog/bad-files", test_bad_files);
  g_test_add_func ("/customer-import-dialog/vcard", test_vcard);
  g_test_add_func ("/customer-export-dialog/export", test_export);
  g_test_add_func ("/customer-export-dialog/window", test_export_window);
  g_test_add_func ("/customer-import-dialog/zh_CN", test_chinese);

  status = g_test_run ();

  g_clear_object (&app);
  /* stop, not down: GTK keeps its connection to the bus */
  g_test_dbus_stop (bus);
  td_test_ui_remove_tree (home);
  return status;
}
