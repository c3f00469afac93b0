/* test-customer-import.c: customers from CSV and vCard files, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-customer-export.h"
#include "td-customer-import.h"
#include "td-test-utils.h"

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);

  return g_file_new_for_path (path);
}

/* A file of the test's own, with these bytes. */
static GFile *
temp_file (const char *name,
           const char *contents)
{
  g_autofree char *path = td_test_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static TdCustomerImport *
load (TdDatabase *db,
      GFile      *file)
{
  TdCustomerImport *import = td_customer_import_new (db);
  g_autoptr(GError) error = NULL;

  td_customer_import_load (import, file, NULL, &error);
  g_assert_no_error (error);
  return import;
}

static TdImportReport *
import_file (TdDatabase *db,
             GFile      *file,
             gboolean    dry_run)
{
  g_autoptr(TdCustomerImport) import = load (db, file);
  g_autoptr(GError) error = NULL;
  TdImportReport *report;

  if (dry_run)
    report = td_customer_import_dry_run (import, NULL, &error);
  else
    report = td_customer_import_run (import, "test", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_counts (TdImportReport *report,
               guint           created,
               guint           updated,
               guint           unchanged,
               guint           skipped)
{
  for (guint i = 0; i < td_import_report_get_n_rows (report); i++)
    {
      const TdImportEntry *entry = td_import_report_get_entry (report, i);

      g_test_message ("line %u: %s %s: %s", entry->line, td_import_action_to_string (entry->action),
                      entry->name ? entry->name : "-", entry->reason ? entry->reason : "");
      for (guint w = 0; entry->warnings && entry->warnings[w]; w++)
        g_test_message ("  %s", entry->warnings[w]);
    }
  g_assert_cmpuint (td_import_report_count (report, TD_IMPORT_ACTION_CREATE), ==, created);
  g_assert_cmpuint (td_import_report_count (report, TD_IMPORT_ACTION_UPDATE), ==, updated);
  g_assert_cmpuint (td_import_report_count (report, TD_IMPORT_ACTION_UNCHANGED), ==, unchanged);
  g_assert_cmpuint (td_import_report_count (report, TD_IMPORT_ACTION_SKIP), ==, skipped);
}

static const TdImportEntry *
entry_at_line (TdImportReport *report,
               guint           line)
{
  for (guint i = 0; i < td_import_report_get_n_rows (report); i++)
    if (td_import_report_get_entry (report, i)->line == line)
      return td_import_report_get_entry (report, i);
  g_assert_not_reached ();
}

static gboolean
warnings_mention (const TdImportEntry *entry,
                  const char          *text)
{
  for (guint i = 0; entry->warnings && entry->warnings[i]; i++)
    if (strstr (entry->warnings[i], text))
      return TRUE;
  return FALSE;
}

/* The live customer of that name (there must be one). */
static JsonObject *
customer_named (TdDatabase *db,
                const char *name)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *record;

  g_assert_cmpint (sqlite3_open_v2 (td_database_get_path (db), &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT id FROM customers WHERE name = ? AND deleted = 0",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);

  record = td_database_get_record (db, "customer", id, &error);
  g_assert_no_error (error);
  return record;
}

static gint64
count_rows (TdDatabase *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return td_test_query_int (db, sql);
}

/* customers, documents, notes, outbox and audit entries: all there is */
static char *
snapshot (TdDatabase *db)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                          count_rows (db, "customers"), count_rows (db, "customer_documents"),
                          count_rows (db, "customer_notes"), count_rows (db, "outbox"),
                          count_rows (db, "audit_log"));
}

#define TEXT(object, field) json_object_get_string_member_with_default ((object), (field), NULL)

static void
add_customer (TdDatabase *db,
              const char *first_field,
              ...)
{
  g_autoptr(TdChange) change = td_change_new_insert ("customer", NULL);
  g_autoptr(GPtrArray) changes = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *values = td_change_get_values (change);
  va_list args;

  td_change_set_string (change, "party", "person");
  va_start (args, first_field);
  for (const char *field = first_field; field; field = va_arg (args, const char *))
    td_change_set_string (change, field, va_arg (args, const char *));
  va_end (args);
  problems = td_customer_check (values);
  g_assert_false (td_field_problems_have_error (problems));
  g_ptr_array_add (changes, change);
  td_database_commit (db, "test", changes, &error);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */
/* columns and values                                                 */

static void
assert_mapping (TdCustomerImport       *import,
                const TdCustomerColumn *expected,
                guint                   n)
{
  g_assert_cmpuint (td_customer_import_get_n_columns (import), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_test_message ("column %u “%s”: %s", i, td_customer_import_get_column_name (import, i),
                      td_customer_column_to_string (td_customer_import_get_column_mapping (import, i)));
      g_assert_cmpstr (td_customer_column_to_string (td_customer_import_get_column_mapping (import, i)), ==,
                       td_customer_column_to_string (expected[i]));
    }
}

static void
test_guess_excel (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("guess-excel.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = data_file ("excel-gb18030.csv");
  g_autoptr(TdCustomerImport) import = load (db, file);
  const TdCustomerColumn expected[] = {
    TD_CUSTOMER_COLUMN_IGNORE,      /* 序号 */
    TD_CUSTOMER_COLUMN_NAME,        /* 客户姓名 */
    TD_CUSTOMER_COLUMN_GENDER,
    TD_CUSTOMER_COLUMN_BIRTH_DATE,
    TD_CUSTOMER_COLUMN_PHONE,       /* 手机号码 */
    TD_CUSTOMER_COLUMN_ID_TYPE,
    TD_CUSTOMER_COLUMN_ID_NUMBER,   /* 证件号码 */
    TD_CUSTOMER_COLUMN_PROVINCE,
    TD_CUSTOMER_COLUMN_CITY,
    TD_CUSTOMER_COLUMN_DISTRICT,    /* 区县 */
    TD_CUSTOMER_COLUMN_ADDRESS,     /* 详细地址 */
    TD_CUSTOMER_COLUMN_EMAIL,       /* 电子邮件 */
    TD_CUSTOMER_COLUMN_SOURCE,      /* 客户来源 */
    TD_CUSTOMER_COLUMN_TAGS,
    TD_CUSTOMER_COLUMN_LOYALTY_POINTS,
    TD_CUSTOMER_COLUMN_NOTES,
  };

  g_assert_cmpint (td_customer_import_get_format (import), ==, TD_IMPORT_FORMAT_CSV);
  g_assert_cmpstr (td_customer_import_get_encoding (import), ==, "GB18030");
  g_assert_cmpuint (td_customer_import_get_n_rows (import), ==, 7);
  assert_mapping (import, expected, G_N_ELEMENTS (expected));
  g_assert_cmpstr (td_customer_import_get_column_name (import, 1), ==, "客户姓名");

  /* the preview: rows as the file has them, with their lines */
  g_assert_cmpuint (td_customer_import_get_n_preview_rows (import), ==, 7);
  g_assert_cmpstr (td_customer_import_get_preview_row (import, 0)[1], ==, "张伟");
  g_assert_cmpstr (td_customer_import_get_preview_row (import, 0)[10], ==, "河南省郑州市金水区花园路38号,3单元");
  g_assert_cmpuint (td_customer_import_get_preview_line (import, 1), ==, 3);
  g_assert_cmpstr (td_customer_import_get_preview_row (import, 1)[15], ==, "喜欢安静的房间\n不吃辣");
  g_assert_cmpuint (td_customer_import_get_preview_line (import, 2), ==, 5);
}

static void
test_guess_google (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("guess-google.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = data_file ("google-contacts.csv");
  g_autoptr(GFile) legacy_file = data_file ("google-contacts-legacy.csv");
  g_autoptr(TdCustomerImport) import = load (db, file);
  g_autoptr(TdCustomerImport) legacy = load (db, legacy_file);
  const struct {
    guint            column;
    TdCustomerColumn mapping;
  } google[] = {
    { 0, TD_CUSTOMER_COLUMN_GIVEN_NAME },   /* First Name */
    { 1, TD_CUSTOMER_COLUMN_IGNORE },       /* Middle Name */
    { 2, TD_CUSTOMER_COLUMN_FAMILY_NAME },  /* Last Name */
    { 3, TD_CUSTOMER_COLUMN_IGNORE },       /* Phonetic First Name */
    { 10, TD_CUSTOMER_COLUMN_IGNORE },      /* Organization Name */
    { 13, TD_CUSTOMER_COLUMN_BIRTH_DATE },
    { 14, TD_CUSTOMER_COLUMN_NOTES },
    { 16, TD_CUSTOMER_COLUMN_TAGS },        /* Labels */
    { 17, TD_CUSTOMER_COLUMN_IGNORE },      /* E-mail 1 - Label */
    { 18, TD_CUSTOMER_COLUMN_EMAIL },       /* E-mail 1 - Value */
    { 20, TD_CUSTOMER_COLUMN_EMAIL },       /* E-mail 2 - Value */
    { 21, TD_CUSTOMER_COLUMN_IGNORE },      /* Phone 1 - Label */
    { 22, TD_CUSTOMER_COLUMN_PHONE },       /* Phone 1 - Value */
    { 24, TD_CUSTOMER_COLUMN_PHONE },       /* Phone 2 - Value */
    { 26, TD_CUSTOMER_COLUMN_ADDRESS },     /* Address 1 - Formatted */
    { 27, TD_CUSTOMER_COLUMN_IGNORE },      /* Address 1 - Street */
    { 28, TD_CUSTOMER_COLUMN_CITY },
    { 30, TD_CUSTOMER_COLUMN_PROVINCE },    /* Address 1 - Region */
    { 31, TD_CUSTOMER_COLUMN_IGNORE },      /* Address 1 - Postal Code */
    { 32, TD_CUSTOMER_COLUMN_IGNORE },      /* Address 1 - Country: not a nationality */
  };
  const struct {
    guint            column;
    TdCustomerColumn mapping;
  } old[] = {
    { 0, TD_CUSTOMER_COLUMN_NAME }, { 1, TD_CUSTOMER_COLUMN_GIVEN_NAME }, { 2, TD_CUSTOMER_COLUMN_IGNORE },
    { 3, TD_CUSTOMER_COLUMN_FAMILY_NAME }, { 14, TD_CUSTOMER_COLUMN_BIRTH_DATE }, { 15, TD_CUSTOMER_COLUMN_GENDER },
    { 25, TD_CUSTOMER_COLUMN_NOTES }, { 26, TD_CUSTOMER_COLUMN_LANGUAGE }, { 28, TD_CUSTOMER_COLUMN_TAGS },
    { 29, TD_CUSTOMER_COLUMN_IGNORE }, { 30, TD_CUSTOMER_COLUMN_EMAIL }, { 31, TD_CUSTOMER_COLUMN_IGNORE },
    { 32, TD_CUSTOMER_COLUMN_PHONE }, { 34, TD_CUSTOMER_COLUMN_IGNORE },
  };

  g_assert_cmpstr (td_customer_import_get_encoding (import), ==, "UTF-8");
  g_assert_cmpuint (td_customer_import_get_n_rows (import), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (google); i++)
    {
      g_test_message ("%s", td_customer_import_get_column_name (import, google[i].column));
      g_assert_cmpint (td_customer_import_get_column_mapping (import, google[i].column), ==, google[i].mapping);
    }
  for (guint i = 0; i < G_N_ELEMENTS (old); i++)
    {
      g_test_message ("%s", td_customer_import_get_column_name (legacy, old[i].column));
      g_assert_cmpint (td_customer_import_get_column_mapping (legacy, old[i].column), ==, old[i].mapping);
    }
}

static void
test_guess_headers (void)
{
  static const struct {
    const char       *header;
    TdCustomerColumn  column;
  } cases[] = {
    { "姓名", TD_CUSTOMER_COLUMN_NAME }, { " 客户姓名 ", TD_CUSTOMER_COLUMN_NAME },
    { "Full Name", TD_CUSTOMER_COLUMN_NAME }, { "NAME", TD_CUSTOMER_COLUMN_NAME },
    { "姓", TD_CUSTOMER_COLUMN_FAMILY_NAME }, { "Last Name", TD_CUSTOMER_COLUMN_FAMILY_NAME },
    { "名", TD_CUSTOMER_COLUMN_GIVEN_NAME }, { "First Name", TD_CUSTOMER_COLUMN_GIVEN_NAME },
    { "手机号码（必填）", TD_CUSTOMER_COLUMN_PHONE }, { "联系电话*", TD_CUSTOMER_COLUMN_PHONE },
    { "Mobile Phone", TD_CUSTOMER_COLUMN_PHONE }, { "Ｐｈｏｎｅ", TD_CUSTOMER_COLUMN_PHONE },
    { "E-mail Address", TD_CUSTOMER_COLUMN_EMAIL }, { "邮箱", TD_CUSTOMER_COLUMN_EMAIL },
    { "证件类型", TD_CUSTOMER_COLUMN_ID_TYPE }, { "身份证号码", TD_CUSTOMER_COLUMN_ID_NUMBER },
    { "ID Number", TD_CUSTOMER_COLUMN_ID_NUMBER }, { "护照号", TD_CUSTOMER_COLUMN_PASSPORT_NUMBER },
    { "性别", TD_CUSTOMER_COLUMN_GENDER }, { "生日", TD_CUSTOMER_COLUMN_BIRTH_DATE },
    { "Birth Date", TD_CUSTOMER_COLUMN_BIRTH_DATE }, { "省份", TD_CUSTOMER_COLUMN_PROVINCE },
    { "城市", TD_CUSTOMER_COLUMN_CITY }, { "区/县", TD_CUSTOMER_COLUMN_DISTRICT },
    { "地址", TD_CUSTOMER_COLUMN_ADDRESS }, { "备注", TD_CUSTOMER_COLUMN_NOTES },
    { "标签", TD_CUSTOMER_COLUMN_TAGS }, { "国籍", TD_CUSTOMER_COLUMN_NATIONALITY },
    { "语言", TD_CUSTOMER_COLUMN_LANGUAGE }, { "来源", TD_CUSTOMER_COLUMN_SOURCE },
    { "积分", TD_CUSTOMER_COLUMN_LOYALTY_POINTS }, { "序号", TD_CUSTOMER_COLUMN_IGNORE },
    { "Photo", TD_CUSTOMER_COLUMN_IGNORE }, { "", TD_CUSTOMER_COLUMN_IGNORE },
    { "Phone 12 - Value", TD_CUSTOMER_COLUMN_PHONE }, { "Phone 1 - Type", TD_CUSTOMER_COLUMN_IGNORE },
    { "Other Phone", TD_CUSTOMER_COLUMN_OTHER_PHONES },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].header);
      g_assert_cmpstr (td_customer_column_to_string (td_customer_column_guess (cases[i].header)), ==,
                       td_customer_column_to_string (cases[i].column));
    }
  /* what exports write maps back */
  for (guint c = 1; c < TD_CUSTOMER_N_COLUMNS; c++)
    {
      TdCustomerColumn back;

      g_assert_cmpint (td_customer_column_guess (td_customer_column_get_header (c)), ==, c);
      g_assert_true (td_customer_column_from_string (td_customer_column_to_string (c), &back));
      g_assert_cmpint (back, ==, c);
      g_assert_nonnull (td_customer_column_get_title (c));
    }
}

static void
test_dates (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "1990-03-07", "1990-03-07" }, { "1990/3/7", "1990-03-07" }, { "1990.3.7", "1990-03-07" },
    { "1990年3月7日", "1990-03-07" }, { "1990年03月07号", "1990-03-07" }, { "19900307", "1990-03-07" },
    { "32939", "1990-03-07" }, { "32939.0", "1990-03-07" }, { " 1990-3-7 ", "1990-03-07" },
    { "1990-03-07 00:00:00", "1990-03-07" }, { "1990/3/7 0:00", "1990-03-07" },
    { "1990-03-07T00:00:00Z", "1990-03-07" }, { "２０００年１月１日", "2000-01-01" },
    { "1900-03-01", "1900-03-01" }, { "10000", "1927-05-18" },
    { "1990-02-30", NULL }, { "1990-13-01", NULL }, { "1990", NULL }, { "3/7/1990", NULL },
    { "--03-07", NULL }, { "soon", NULL }, { "", NULL }, { "199003071", NULL }, { "1990-3", NULL },
    { "9999", NULL }, { "1990-03-07 evening", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = td_customer_parse_date (cases[i].in);

      g_test_message ("%s", cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static TdCustomerRow *
row_of (const char *first,
        ...)
{
  TdCustomerRow *row = td_customer_row_new (2);
  va_list args;

  va_start (args, first);
  for (const char *field = first; field; field = va_arg (args, const char *))
    json_object_set_string_member (row->values, field, va_arg (args, const char *));
  va_end (args);
  return row;
}

static void
test_values (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) td_field_problem_free);
  g_autoptr(TdCustomerRow) row = row_of ("gender", "男", "birth_date", "1990年3月7日", "id_type", "身份证",
                                         "source", "携程", "nationality", "中国", "language", "普通话",
                                         "party", "个人", "loyalty_points", "1,200", "id_expiry", "长期",
                                         "tags", "* myContacts ::: 家人,VIP", "consent_sms", "同意",
                                         "consent_sms_at", "2024-05-01T16:00:00+08:00", NULL);
  JsonObject *v = row->values;

  td_customer_row_normalise (row, problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (TEXT (v, "gender"), ==, "male");
  g_assert_cmpstr (TEXT (v, "birth_date"), ==, "1990-03-07");
  g_assert_cmpstr (TEXT (v, "id_type"), ==, "resident-id");
  g_assert_cmpstr (TEXT (v, "source"), ==, "ota");
  g_assert_cmpstr (TEXT (v, "nationality"), ==, "CN");
  g_assert_cmpstr (TEXT (v, "language"), ==, "zh-CN");
  g_assert_cmpstr (TEXT (v, "party"), ==, "person");
  g_assert_cmpstr (TEXT (v, "loyalty_points"), ==, "1200");
  g_assert_false (json_object_has_member (v, "id_expiry"));
  g_assert_cmpstr (TEXT (v, "tags"), ==, "家人,VIP");
  g_assert_cmpstr (TEXT (v, "consent_sms"), ==, "granted");
  g_assert_cmpstr (TEXT (v, "consent_sms_at"), ==, "2024-05-01T08:00:00Z");

  {
    g_autoptr(TdCustomerRow) bad = row_of ("gender", "不男不女", "birth_date", "去年", "id_type", "学生证",
                                           "loyalty_points", "很多", "phone", "1.38001E+10",
                                           "id_number", "4.10105E+17", NULL);
    g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) td_field_problem_free);
    const char *fields[] = { "phone", "id_number", "gender", "birth_date", "id_type", "loyalty_points" };

    td_customer_row_normalise (bad, errors);
    g_assert_cmpuint (errors->len, ==, G_N_ELEMENTS (fields));
    for (guint i = 0; i < errors->len; i++)
      {
        TdFieldProblem *problem = g_ptr_array_index (errors, i);

        g_test_message ("%s: %s", problem->field, problem->message);
        g_assert_cmpstr (problem->field, ==, fields[i]);
        g_assert_false (problem->warning);
      }
  }
  {
    /* kept out, with a warning, but the row stays */
    g_autoptr(TdCustomerRow) partial = row_of ("birth_date", "--07-15", "source", "朋友介绍", "gender", "保密", NULL);
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) td_field_problem_free);

    td_customer_row_normalise (partial, warnings);
    g_assert_cmpuint (warnings->len, ==, 2);
    g_assert_true (((TdFieldProblem *) g_ptr_array_index (warnings, 0))->warning);
    g_assert_true (((TdFieldProblem *) g_ptr_array_index (warnings, 1))->warning);
    g_assert_false (json_object_has_member (partial->values, "birth_date"));
    g_assert_false (json_object_has_member (partial->values, "gender"));
    g_assert_cmpstr (TEXT (partial->values, "source"), ==, "import");
    g_assert_cmpuint (partial->notes->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (partial->notes, 0), "朋友介绍"));
  }
}

static void
test_row_from_fields (void)
{
  const TdCustomerColumn mapping[] = {
    TD_CUSTOMER_COLUMN_NAME, TD_CUSTOMER_COLUMN_PHONE, TD_CUSTOMER_COLUMN_PHONE,
    TD_CUSTOMER_COLUMN_EMAIL, TD_CUSTOMER_COLUMN_ID_NUMBER, TD_CUSTOMER_COLUMN_PASSPORT_NUMBER,
    TD_CUSTOMER_COLUMN_ADDRESS, TD_CUSTOMER_COLUMN_NOTES, TD_CUSTOMER_COLUMN_NOTES,
  };
  const char *fields[] = {
    " 张伟 ", "13800138000/13900139000", "0371-66668888", "a@qq.com; b@163.com",
    "41010519900307123X", "E12345678", "浙江省杭州市西湖区文三路1号", "'=老客户", "第二列", NULL,
  };
  g_autoptr(TdCustomerRow) row = td_customer_row_from_fields (fields, G_N_ELEMENTS (fields) - 1,
                                                              mapping, G_N_ELEMENTS (mapping), 7);
  JsonObject *v = row->values;

  g_assert_cmpuint (row->line, ==, 7);
  g_assert_cmpstr (TEXT (v, "name"), ==, "张伟");
  g_assert_cmpstr (TEXT (v, "phone"), ==, "13800138000");
  g_assert_cmpstr (TEXT (v, "other_phones"), ==, "13900139000,0371-66668888");
  g_assert_cmpstr (TEXT (v, "email"), ==, "a@qq.com");
  g_assert_cmpstr (TEXT (v, "other_emails"), ==, "b@163.com");
  g_assert_cmpstr (TEXT (v, "id_number"), ==, "41010519900307123X");
  /* the passport beside the card is a second document */
  g_assert_cmpuint (row->documents->len, ==, 1);
  g_assert_cmpstr (TEXT (g_ptr_array_index (row->documents, 0), "doc_type"), ==, "passport");
  g_assert_cmpstr (TEXT (g_ptr_array_index (row->documents, 0), "number"), ==, "E12345678");
  /* the address: a note, and where the customer lives */
  g_assert_cmpstr (TEXT (v, "province"), ==, "浙江省");
  g_assert_cmpstr (TEXT (v, "city"), ==, "杭州市");
  g_assert_cmpstr (TEXT (v, "district"), ==, "西湖区");
  g_assert_cmpuint (row->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (row->notes, 0), "文三路1号"));
  /* the formula guard of our own exports comes off */
  g_assert_cmpstr (TEXT (v, "notes"), ==, "=老客户\n第二列");
}

/* ------------------------------------------------------------------ */
/* reading files                                                      */

static void
test_load_errors (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("load-errors.tourdesk", TD_PROFILE_AGENCY);
  g_autofree char *before = snapshot (db);
  const struct {
    const char            *name;
    const char            *contents;   /* NULL: the file in tests/data/csv */
    TdCustomerImportError  code;
    const char            *mentions;
  } cases[] = {
    { "unterminated-quote.csv", NULL, TD_CUSTOMER_IMPORT_ERROR_SYNTAX, "3" },
    { "bad-encoding.csv", NULL, TD_CUSTOMER_IMPORT_ERROR_ENCODING, "3" },
    { "workbook.csv", "PK\x03\x04\x14", TD_CUSTOMER_IMPORT_ERROR_ENCODING, "xlsx" },
    { "empty.csv", "", TD_CUSTOMER_IMPORT_ERROR_EMPTY, NULL },
    { "header-only.csv", "姓名,手机\r\n\r\n", TD_CUSTOMER_IMPORT_ERROR_EMPTY, NULL },
    { "missing.csv", NULL, TD_CUSTOMER_IMPORT_ERROR_READ, "missing.csv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = cases[i].contents ? temp_file (cases[i].name, cases[i].contents)
                                                : data_file (cases[i].name);
      g_autoptr(TdCustomerImport) import = td_customer_import_new (db);
      g_autoptr(GError) error = NULL;
      g_autoptr(TdImportReport) report = NULL;

      g_test_message ("%s", cases[i].name);
      g_assert_false (td_customer_import_load (import, file, NULL, &error));
      g_assert_error (error, TD_CUSTOMER_IMPORT_ERROR, (gint) cases[i].code);
      g_assert_null (strchr (error->message, '\n'));
      if (cases[i].mentions)
        g_assert_nonnull (strstr (error->message, cases[i].mentions));
      g_clear_error (&error);
      /* nothing to run */
      report = td_customer_import_run (import, NULL, NULL, &error);
      g_assert_null (report);
      g_assert_error (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_NOT_LOADED);
    }
  {
    g_autofree char *after = snapshot (db);

    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_load_encodings (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("load-encodings.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) utf16 = data_file ("excel-unicode.txt");
  g_autoptr(GFile) semicolon = data_file ("excel-semicolon.csv");
  g_autoptr(GFile) gb = data_file ("excel-gb18030.csv");
  g_autoptr(TdCustomerImport) a = load (db, utf16);
  g_autoptr(TdCustomerImport) b = load (db, semicolon);
  g_autoptr(TdCustomerImport) c = td_customer_import_new (db);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (td_customer_import_get_encoding (a), ==, "UTF-16LE");
  g_assert_cmpuint (td_customer_import_get_n_columns (a), ==, 6);
  g_assert_cmpint (td_customer_import_get_column_mapping (a, 4), ==, TD_CUSTOMER_COLUMN_ID_NUMBER);
  g_assert_cmpstr (td_customer_import_get_preview_row (a, 1)[5], ==, "\"带引号\"的备注");

  g_assert_cmpuint (td_customer_import_get_n_columns (b), ==, 6);
  g_assert_cmpstr (td_customer_import_get_preview_row (b, 0)[5], ==, "a; b");
  g_assert_cmpuint (td_customer_import_get_preview_line (b, 0), ==, 3);

  /* a GB18030 file forced to be read as UTF-8: the clerk's choice fails there */
  td_customer_import_set_encoding (c, "utf-8");
  g_assert_false (td_customer_import_load (c, gb, NULL, &error));
  g_assert_error (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "1"));
  g_clear_error (&error);
  /* and as GBK, it reads */
  td_customer_import_set_encoding (c, "gbk");
  g_assert_true (td_customer_import_load (c, gb, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (td_customer_import_get_encoding (c), ==, "GB18030");
  g_assert_cmpstr (td_customer_import_get_preview_row (c, 0)[1], ==, "张伟");
}

/* ------------------------------------------------------------------ */
/* dry run and run                                                    */

static void
test_excel (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("excel.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = data_file ("excel-gb18030.csv");
  g_autoptr(GFile) bom_file = data_file ("excel-utf8-bom.csv");
  g_autoptr(TdImportReport) dry = NULL;
  g_autoptr(TdImportReport) report = NULL;
  g_autoptr(TdImportReport) again = NULL;
  g_autoptr(TdImportReport) bom = NULL;
  g_autofree char *before = snapshot (db);
  g_autofree char *after_dry = NULL;
  g_autofree char *after_run = NULL;
  g_autofree char *after_again = NULL;
  const TdImportEntry *skipped;

  dry = import_file (db, file, TRUE);
  assert_counts (dry, 6, 0, 0, 1);
  g_assert_true (td_import_report_is_dry_run (dry));
  skipped = entry_at_line (dry, 7);
  g_assert_cmpint (skipped->action, ==, TD_IMPORT_ACTION_SKIP);
  g_assert_cmpstr (skipped->name, ==, "赵敏");
  /* both problems, each named */
  g_assert_nonnull (strstr (skipped->reason, "1381234567"));
  g_assert_nonnull (strstr (skipped->reason, td_customer_column_get_title (TD_CUSTOMER_COLUMN_ID_NUMBER)));
  g_assert_null (entry_at_line (dry, 2)->customer_id);
  after_dry = snapshot (db);
  g_assert_cmpstr (before, ==, after_dry);

  report = import_file (db, file, FALSE);
  assert_counts (report, 6, 0, 0, 1);
  g_assert_false (td_import_report_is_dry_run (report));
  g_assert_true (g_uuid_string_is_valid (entry_at_line (report, 2)->customer_id));
  g_assert_cmpint (count_rows (db, "customers"), ==, 6);
  /* one note each for the three addresses and Anna's… none: two addresses */
  g_assert_cmpint (count_rows (db, "customer_notes"), ==, 2);

  {
    g_autoptr(JsonObject) zhang = customer_named (db, "张伟");
    g_autoptr(JsonObject) li = customer_named (db, "李娜");
    g_autoptr(JsonObject) wang = customer_named (db, "王芳");
    g_autoptr(JsonObject) chen = customer_named (db, "陈刚");
    g_autoptr(JsonObject) liu = customer_named (db, "刘洋");
    g_autoptr(JsonObject) anna = customer_named (db, "Anna Schmidt");

    g_assert_cmpstr (TEXT (zhang, "id"), ==, entry_at_line (report, 2)->customer_id);
    g_assert_cmpstr (TEXT (zhang, "phone"), ==, "13800138000");
    g_assert_cmpstr (TEXT (zhang, "gender"), ==, "male");
    g_assert_cmpstr (TEXT (zhang, "birth_date"), ==, "1990-03-07");
    g_assert_cmpstr (TEXT (zhang, "id_type"), ==, "resident-id");
    g_assert_cmpstr (TEXT (zhang, "id_number"), ==, "41010519900307123X");
    g_assert_cmpstr (TEXT (zhang, "province"), ==, "河南省");
    g_assert_cmpstr (TEXT (zhang, "city"), ==, "郑州市");
    g_assert_cmpstr (TEXT (zhang, "district"), ==, "金水区");
    g_assert_cmpstr (TEXT (zhang, "email"), ==, "zhangwei@163.com");
    g_assert_cmpstr (TEXT (zhang, "source"), ==, "walk-in");
    g_assert_cmpstr (TEXT (zhang, "tags"), ==, "VIP,老客户");
    g_assert_cmpint (json_object_get_int_member (zhang, "loyalty_points"), ==, 1200);
    g_assert_cmpstr (TEXT (zhang, "party"), ==, "person");

    g_assert_cmpstr (TEXT (li, "birth_date"), ==, "1985-11-22");
    g_assert_cmpstr (TEXT (li, "notes"), ==, "喜欢安静的房间\n不吃辣");
    g_assert_cmpstr (TEXT (li, "source"), ==, "phone");

    g_assert_cmpstr (TEXT (wang, "birth_date"), ==, "1990-03-07");   /* Excel's 32939 */
    g_assert_cmpstr (TEXT (wang, "phone"), ==, "13700001111");
    g_assert_cmpstr (TEXT (wang, "source"), ==, "ota");
    g_assert_cmpint (json_object_get_int_member (wang, "loyalty_points"), ==, 0);

    g_assert_cmpstr (TEXT (chen, "phone"), ==, "+8637166668888");
    g_assert_cmpstr (TEXT (chen, "id_type"), ==, "passport");
    g_assert_cmpstr (TEXT (chen, "id_number"), ==, "E12345678");
    g_assert_cmpstr (TEXT (chen, "source"), ==, "agency");

    g_assert_cmpstr (TEXT (liu, "birth_date"), ==, "1965-09-18");
    g_assert_cmpstr (TEXT (liu, "source"), ==, "import");

    g_assert_cmpstr (TEXT (anna, "gender"), ==, "female");
    g_assert_cmpstr (TEXT (anna, "phone"), ==, "+49301234567");
    g_assert_cmpstr (TEXT (anna, "id_type"), ==, "foreign-passport");
    g_assert_cmpstr (TEXT (anna, "source"), ==, "platform");
  }

  /* the same file again: nothing new, nothing written */
  after_run = snapshot (db);
  again = import_file (db, file, FALSE);
  assert_counts (again, 0, 0, 6, 1);
  g_assert_nonnull (entry_at_line (again, 2)->reason);
  after_again = snapshot (db);
  g_assert_cmpstr (after_run, ==, after_again);

  /* the same sheet saved as CSV UTF-8 is the same data */
  bom = import_file (db, bom_file, TRUE);
  assert_counts (bom, 0, 0, 6, 1);
}

static void
test_google_updates (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("google.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) excel = data_file ("excel-utf8-bom.csv");
  g_autoptr(GFile) google = data_file ("google-contacts.csv");
  g_autoptr(TdImportReport) first = import_file (db, excel, FALSE);
  g_autoptr(TdImportReport) report = import_file (db, google, FALSE);
  g_autoptr(JsonObject) zhang = customer_named (db, "张伟");
  g_autoptr(JsonObject) li = customer_named (db, "李娜");
  g_autoptr(JsonObject) anna = customer_named (db, "Anna Schmidt");

  assert_counts (report, 0, 3, 0, 0);
  g_assert_cmpstr (entry_at_line (report, 2)->customer_id, ==, TEXT (zhang, "id"));
  g_assert_nonnull (entry_at_line (report, 2)->reason);

  /* tags added, nothing else changed */
  g_assert_cmpstr (TEXT (zhang, "tags"), ==, "VIP,老客户,家人");
  g_assert_cmpstr (TEXT (zhang, "email"), ==, "zhangwei@163.com");
  g_assert_cmpint (json_object_get_int_member (zhang, "revision"), ==, 2);

  /* a second phone; the notes are there already */
  g_assert_cmpstr (TEXT (li, "phone"), ==, "13912345678");
  g_assert_cmpstr (TEXT (li, "other_phones"), ==, "+861088886666");
  g_assert_cmpstr (TEXT (li, "notes"), ==, "喜欢安静的房间\n不吃辣");

  /* empty fields filled, new phone and e-mail added, the birthday without a year left out */
  g_assert_cmpstr (TEXT (anna, "other_phones"), ==, "+49307654321");
  g_assert_cmpstr (TEXT (anna, "other_emails"), ==, "anna@example.org");
  g_assert_cmpstr (TEXT (anna, "notes"), ==, "met at ITB Berlin");
  g_assert_cmpstr (TEXT (anna, "city"), ==, "Berlin");
  g_assert_cmpstr (TEXT (anna, "tags"), ==, "外宾,Kunden");
  g_assert_cmpstr (TEXT (anna, "birth_date"), ==, "1992-07-15");
  g_assert_true (warnings_mention (entry_at_line (report, 3), "--07-15"));
  /* her address became a note; 李娜's was there */
  g_assert_cmpint (count_rows (db, "customer_notes"), ==, 3);
}

static void
test_matching (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("matching.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = NULL;
  g_autoptr(TdImportReport) report = NULL;
  const TdImportEntry *entry;

  add_customer (db, "name", "张伟", "phone", "13800138000", "email", "zhangwei@163.com", "city", "郑州市", NULL);
  add_customer (db, "name", "李大明", "phone", "13912345678", NULL);
  add_customer (db, "name", "刘洋", "birth_date", "1965-09-18", "phone", "15800001111",
                "id_number", "410102196509183455", NULL);
  add_customer (db, "name", "赵六", "birth_date", "1980-01-01", "id_number", "110101198001010010", NULL);

  file = temp_file ("matching.csv",
                    "姓名,手机,邮箱,城市,出生日期,身份证号\r\n"
                    /* 2: the same person, another city: reported, kept */
                    "张伟,138 0013 8000,,上海市,,\r\n"
                    /* 3: 李大明's phone, another name: a relative */
                    "李小明,13912345678,,,,\r\n"
                    /* 4: name and birth date only: updates, and says so */
                    "刘洋,15800002222,,,1965-09-18,\r\n"
                    /* 5: name and birth date, another card: another person */
                    "赵六,,,,1980-01-01,110101198001010029\r\n"
                    /* 6: the card of line 5 again */
                    "赵老六,,,,,110101198001010029\r\n"
                    /* 7: 张伟 again, by e-mail: line 2 updates him already */
                    "张伟,,ZhangWei@163.com,,,\r\n"
                    /* 8: a new person twice, by phone and name */
                    "王五,13600000001,,,,\r\n"
                    "王五,136-0000-0001,,,,\r\n");
  report = import_file (db, file, FALSE);
  assert_counts (report, 3, 1, 1, 3);

  entry = entry_at_line (report, 2);
  g_assert_cmpint (entry->action, ==, TD_IMPORT_ACTION_UNCHANGED);
  g_assert_true (warnings_mention (entry, "郑州市"));
  g_assert_true (warnings_mention (entry, "上海市"));

  entry = entry_at_line (report, 3);
  g_assert_cmpint (entry->action, ==, TD_IMPORT_ACTION_CREATE);
  g_assert_true (warnings_mention (entry, "李大明"));

  entry = entry_at_line (report, 4);
  g_assert_cmpint (entry->action, ==, TD_IMPORT_ACTION_UPDATE);
  g_assert_cmpuint (g_strv_length (entry->warnings), >=, 1);
  {
    g_autoptr(JsonObject) liu = customer_named (db, "刘洋");

    g_assert_cmpstr (TEXT (liu, "phone"), ==, "15800001111");
    g_assert_cmpstr (TEXT (liu, "other_phones"), ==, "15800002222");
  }

  entry = entry_at_line (report, 5);
  g_assert_cmpint (entry->action, ==, TD_IMPORT_ACTION_CREATE);
  g_assert_true (warnings_mention (entry, "赵六"));

  entry = entry_at_line (report, 6);
  g_assert_cmpint (entry->action, ==, TD_IMPORT_ACTION_SKIP);
  g_assert_nonnull (strstr (entry->reason, "5"));

  entry = entry_at_line (report, 7);
  g_assert_cmpint (entry->action, ==, TD_IMPORT_ACTION_SKIP);
  g_assert_nonnull (strstr (entry->reason, "2"));
  g_assert_nonnull (strstr (entry->reason, "张伟"));

  g_assert_cmpint (entry_at_line (report, 8)->action, ==, TD_IMPORT_ACTION_CREATE);
  entry = entry_at_line (report, 9);
  g_assert_cmpint (entry->action, ==, TD_IMPORT_ACTION_SKIP);
  g_assert_nonnull (strstr (entry->reason, "8"));
}

static void
test_rows_skipped (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("skipped.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = temp_file ("skipped.csv",
                                     "姓名,手机,身份证号\r\n"
                                     "张伟,13800138000,多出来的,值\r\n"
                                     "李娜,13912345678,,,\r\n"
                                     "王芳,13700001111,4.10105E+17\r\n"
                                     ",13600000000,\r\n");
  g_autoptr(TdImportReport) report = import_file (db, file, FALSE);

  assert_counts (report, 1, 0, 0, 3);
  g_assert_nonnull (strstr (entry_at_line (report, 2)->reason, "4"));
  g_assert_cmpstr (entry_at_line (report, 2)->name, ==, "张伟");
  g_assert_cmpint (entry_at_line (report, 3)->action, ==, TD_IMPORT_ACTION_CREATE);
  g_assert_nonnull (strstr (entry_at_line (report, 4)->reason, "4.10105E+17"));
  g_assert_null (entry_at_line (report, 5)->name);
}

static void
test_mapping_set (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("mapping.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = temp_file ("mapping.csv", "A,B,C\r\n张伟,13800138000,x\r\n");
  g_autoptr(TdCustomerImport) import = load (db, file);
  g_autoptr(TdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* nothing in the header says name */
  report = td_customer_import_dry_run (import, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_NO_NAME);
  g_clear_error (&error);

  td_customer_import_set_column_mapping (import, 0, TD_CUSTOMER_COLUMN_NAME);
  td_customer_import_set_column_mapping (import, 1, TD_CUSTOMER_COLUMN_PHONE);
  report = td_customer_import_run (import, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_counts (report, 1, 0, 0, 0);
  {
    g_autoptr(JsonObject) zhang = customer_named (db, "张伟");

    g_assert_cmpstr (TEXT (zhang, "phone"), ==, "13800138000");
  }
}

/* ------------------------------------------------------------------ */
/* all or nothing                                                     */

/* A file of n new customers; the one at bad (from 0) named 坏记录. */
static GFile *
many_customers (const char *name,
                guint       n,
                guint       bad)
{
  g_autoptr(GString) csv = g_string_new ("姓名,手机,城市\r\n");

  for (guint i = 0; i < n; i++)
    {
      if (i == bad)
        g_string_append_printf (csv, "坏记录,139%08u,郑州市\r\n", i);
      else
        g_string_append_printf (csv, "客户%u,139%08u,郑州市\r\n", i, i);
    }
  return temp_file (name, csv->str);
}

static void
exec_sql (TdDatabase *db,
          const char *sql)
{
  sqlite3 *handle = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (td_database_get_path (db), &handle), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 5000);
  sqlite3_exec (handle, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (handle);
}

static void
test_one_transaction (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("transaction.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = many_customers ("transaction.csv", 300, 200);
  g_autoptr(TdCustomerImport) import = NULL;
  g_autoptr(TdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_customer (db, "name", "老客户", "phone", "13800138000", NULL);
  before = snapshot (db);

  /* the disk (here: a trigger) refuses row 200 of 300, inside the commit */
  exec_sql (db, "CREATE TRIGGER refuse BEFORE INSERT ON customers WHEN NEW.name = '坏记录' "
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
  import = load (db, file);
  report = td_customer_import_dry_run (import, NULL, &error);
  g_assert_no_error (error);
  assert_counts (report, 300, 0, 0, 0);
  g_clear_pointer (&report, td_import_report_unref);

  report = td_customer_import_run (import, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  after = snapshot (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (td_customer_import_get_phase (import) != TD_IMPORT_PHASE_IDLE);

  /* once the disk is well, the same import goes through whole */
  exec_sql (db, "DROP TRIGGER refuse;");
  report = td_customer_import_run (import, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_counts (report, 300, 0, 0, 0);
  g_assert_cmpint (count_rows (db, "customers"), ==, 301);
}

typedef struct {
  GMainLoop        *loop;
  GCancellable     *cancellable;
  TdImportPhase     cancel_in;
  double            cancel_at;
  GArray           *progress;   /* double */
  gboolean          saw_phase[TD_IMPORT_PHASE_WRITING + 1];
  TdImportReport   *report;
  GError           *error;
} Watch;

static void
on_progress (TdCustomerImport *import,
             GParamSpec       *pspec,
             Watch            *watch)
{
  double value = td_customer_import_get_progress (import);
  TdImportPhase phase = td_customer_import_get_phase (import);

  watch->saw_phase[phase] = TRUE;
  if (phase != TD_IMPORT_PHASE_IDLE)
    g_array_append_val (watch->progress, value);
  if (watch->cancellable && phase == watch->cancel_in && value >= watch->cancel_at)
    g_cancellable_cancel (watch->cancellable);
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Watch *watch = user_data;

  watch->report = td_customer_import_run_finish (TD_CUSTOMER_IMPORT (object), result, &watch->error);
  g_main_loop_quit (watch->loop);
}

static void
run_watched (TdCustomerImport *import,
             Watch            *watch)
{
  gulong handler = g_signal_connect (import, "notify::progress", G_CALLBACK (on_progress), watch);

  watch->loop = g_main_loop_new (NULL, FALSE);
  watch->progress = g_array_new (FALSE, FALSE, sizeof (double));
  td_customer_import_run_async (import, NULL, watch->cancellable, on_run_done, watch);
  /* a second step while this one runs is refused */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdImportReport) report = td_customer_import_dry_run (import, NULL, &error);

    g_assert_null (report);
    g_assert_error (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_BUSY);
  }
  g_main_loop_run (watch->loop);
  g_signal_handler_disconnect (import, handler);
  g_main_loop_unref (watch->loop);
}

static void
test_progress (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("progress.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = many_customers ("progress.csv", 2000, G_MAXUINT);
  g_autoptr(TdCustomerImport) import = load (db, file);
  Watch watch = { 0 };

  run_watched (import, &watch);
  g_assert_no_error (watch.error);
  assert_counts (watch.report, 2000, 0, 0, 0);
  /* a run checks and writes row by row, in one transaction */
  g_assert_false (watch.saw_phase[TD_IMPORT_PHASE_CHECKING]);
  g_assert_true (watch.saw_phase[TD_IMPORT_PHASE_WRITING]);
  /* many steps, never backwards, to the end */
  g_assert_cmpuint (watch.progress->len, >, 50);
  for (guint i = 1; i < watch.progress->len; i++)
    g_assert_cmpfloat (g_array_index (watch.progress, double, i), >=, g_array_index (watch.progress, double, i - 1));
  g_assert_cmpfloat (td_customer_import_get_progress (import), ==, 1.0);
  g_assert_cmpint (td_customer_import_get_phase (import), ==, TD_IMPORT_PHASE_IDLE);
  g_assert_cmpint (count_rows (db, "customers"), ==, 2000);
  g_array_unref (watch.progress);
  td_import_report_unref (watch.report);
}

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async_steps (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("async.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = many_customers ("async.csv", 3000, G_MAXUINT);
  g_autoptr(TdCustomerImport) import = td_customer_import_new (db);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { 0 };
  gulong handler;

  /* what a window does: each step in a thread, the main loop running */
  watch.progress = g_array_new (FALSE, FALSE, sizeof (double));
  handler = g_signal_connect (import, "notify::progress", G_CALLBACK (on_progress), &watch);

  td_customer_import_load_async (import, file, NULL, on_async_done, &result);
  /* a second step while this one runs is refused */
  {
    g_autoptr(TdImportReport) early = td_customer_import_dry_run (import, NULL, &error);

    g_assert_null (early);
    g_assert_error (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_BUSY);
    g_clear_error (&error);
  }
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (td_customer_import_load_finish (import, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (td_customer_import_get_n_rows (import), ==, 3000);
  g_assert_cmpint (td_customer_import_get_column_mapping (import, 0), ==, TD_CUSTOMER_COLUMN_NAME);

  td_customer_import_dry_run_async (import, NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = td_customer_import_dry_run_finish (import, result, &error);
  g_assert_no_error (error);
  assert_counts (report, 3000, 0, 0, 0);
  g_assert_true (watch.saw_phase[TD_IMPORT_PHASE_READING]);
  g_assert_true (watch.saw_phase[TD_IMPORT_PHASE_CHECKING]);
  g_assert_cmpfloat (td_customer_import_get_progress (import), ==, 1.0);
  g_assert_cmpint (count_rows (db, "customers"), ==, 0);

  g_signal_handler_disconnect (import, handler);
  g_array_unref (watch.progress);
}

static void
test_cancel (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("cancel.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = many_customers ("cancel.csv", 2000, G_MAXUINT);
  g_autoptr(TdCustomerImport) import = load (db, file);
  g_autofree char *before = snapshot (db);
  const struct {
    TdImportPhase phase;
    double        at;
  } points[] = {
    { TD_IMPORT_PHASE_WRITING, 0.05 },
    { TD_IMPORT_PHASE_WRITING, 0.6 },    /* more than half of it written, not committed */
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *after = NULL;
      Watch watch = { 0 };

      watch.cancellable = cancellable;
      watch.cancel_in = points[i].phase;
      watch.cancel_at = points[i].at;
      run_watched (import, &watch);
      g_assert_null (watch.report);
      g_assert_error (watch.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&watch.error);
      g_assert_true (watch.saw_phase[points[i].phase]);
      after = snapshot (db);
      g_assert_cmpstr (before, ==, after);
      g_array_unref (watch.progress);
    }
}

/* ------------------------------------------------------------------ */
/* export, and back                                                   */

static GPtrArray *
all_customers (TdDatabase *db)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (td_database_get_path (db), &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT id FROM customers WHERE deleted = 0 ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (records, td_database_get_record (db, "customer", (const char *) sqlite3_column_text (stmt, 0), NULL));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return records;
}

static void
assert_same_customers (TdDatabase         *a,
                       TdDatabase         *b,
                       const char * const *fields)
{
  g_autoptr(GPtrArray) left = all_customers (a);
  g_autoptr(GPtrArray) right = all_customers (b);

  g_assert_cmpuint (left->len, ==, right->len);
  for (guint i = 0; i < left->len; i++)
    for (guint f = 0; fields[f]; f++)
      {
        JsonNode *x = json_object_get_member (g_ptr_array_index (left, i), fields[f]);
        JsonNode *y = json_object_get_member (g_ptr_array_index (right, i), fields[f]);

        g_test_message ("%s %s", TEXT (g_ptr_array_index (left, i), "name"), fields[f]);
        g_assert_true (json_node_equal (x, y));
      }
}

/* A workspace of the sample sheet, then Google's export of the same people
 * (updates), plus the customers extra adds. */
static TdDatabase *
sample_workspace (const char *name)
{
  TdDatabase *db = td_test_workspace (name, TD_PROFILE_AGENCY);
  g_autoptr(GFile) excel = data_file ("excel-gb18030.csv");
  g_autoptr(GFile) google = data_file ("google-contacts.csv");
  g_autoptr(TdImportReport) first = import_file (db, excel, FALSE);
  g_autoptr(TdImportReport) second = import_file (db, google, FALSE);

  return db;
}

/* Exports db in format to a file: its contents; n customers written. */
static char *
export_to (TdDatabase     *db,
           TdExportFormat  format,
           const char     *name,
           guint           n)
{
  g_autofree char *path = td_test_path (name);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  guint written = 0;

  td_customer_export_to_file (db, format, out, NULL, NULL, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, n);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* The export imported into a new workspace gives the same customers (in
 * fields); into the one it came from, the same n customers, unchanged. */
static void
assert_round_trip (TdDatabase         *db,
                   const char         *name,
                   guint               n,
                   const char * const *fields)
{
  g_autofree char *path = td_test_path (name);
  g_autofree char *other_name = g_strconcat (name, ".tourdesk", NULL);
  g_autoptr(TdDatabase) other = td_test_workspace (other_name, TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TdImportReport) back = import_file (other, file, FALSE);
  g_autoptr(TdImportReport) same = import_file (db, file, TRUE);

  assert_counts (back, n, 0, 0, 0);
  assert_same_customers (db, other, fields);
  assert_counts (same, 0, 0, n, 0);
}

static void
test_round_trip_csv (void)
{
  g_autoptr(TdDatabase) db = sample_workspace ("export.tourdesk");
  g_autofree char *contents = NULL;
  static const char * const fields[] = {
    "name", "family_name", "given_name", "party", "gender", "birth_date", "phone", "other_phones",
    "email", "other_emails", "id_type", "id_number", "nationality", "province", "city", "district",
    "language", "source", "tags", "loyalty_points", "notes", "consent_sms", "consent_sms_at",
    "consent_sms_how", NULL,
  };

  /* a value a spreadsheet would run, and a consent */
  add_customer (db, "name", "=HYPERLINK(\"x\")", "phone", "+442079460958", "consent_sms", "granted",
                "consent_sms_at", "2024-05-01T08:00:00Z", "consent_sms_how", "前台纸质表格",
                "source", "walk-in", NULL);

  contents = export_to (db, TD_EXPORT_FORMAT_CSV, "export.csv", 7);
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf" "Tourdesk ID,Name,Family Name,"));
  g_assert_nonnull (strstr (contents, "\r\n"));
  g_assert_nonnull (strstr (contents, ",\"'=HYPERLINK(\"\"x\"\")\","));
  g_assert_nonnull (strstr (contents, ",+442079460958,"));
  /* no leftover from writing */
  {
    g_autoptr(GDir) dir = g_dir_open (td_test_tmpdir (), 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)))
      g_assert_false (g_str_has_suffix (name, ".part"));
  }

  /* the Tourdesk ID finds each customer in the workspace it came from */
  assert_round_trip (db, "export.csv", 7, fields);
  {
    g_autofree char *path = td_test_path ("export.csv");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(TdImportReport) same = import_file (db, file, TRUE);

    g_assert_nonnull (strstr (entry_at_line (same, 2)->reason, "Tourdesk"));
  }
}

static void
test_export_no_half_file (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("export-cancel.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = many_customers ("export-cancel.csv", 1200, G_MAXUINT);
  g_autoptr(TdImportReport) report = import_file (db, file, FALSE);
  g_autofree char *path = td_test_path ("kept.csv");
  g_autoptr(GFile) out = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint n = 99;

  /* an older export stays as it was when the new one fails */
  g_file_set_contents (path, "older export", -1, NULL);
  g_cancellable_cancel (cancellable);
  g_assert_false (td_customer_export_to_file (db, TD_EXPORT_FORMAT_CSV, out, NULL, NULL, &n, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, ==, 0);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "older export");
  {
    g_autoptr(GDir) dir = g_dir_open (td_test_tmpdir (), 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)))
      g_assert_false (g_str_has_suffix (name, ".part"));
  }
}

static void
on_export_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GArray *seen = user_data;

  g_assert_cmpuint (done, <=, total);
  g_array_append_val (seen, done);
}

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint *n = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_customer_export_to_file_finish (TD_DATABASE (object), result, n, &error));
  g_assert_no_error (error);
}

static void
test_export_async (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("export-async.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = many_customers ("export-async.csv", 1200, G_MAXUINT);
  g_autoptr(TdImportReport) report = import_file (db, file, FALSE);
  g_autofree char *path = td_test_path ("async.csv");
  g_autoptr(GFile) out = g_file_new_for_path (path);
  GArray *seen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *contents = NULL;
  guint n = 0;

  td_customer_export_to_file_async (db, TD_EXPORT_FORMAT_CSV, out, on_export_progress, g_array_ref (seen),
                                    (GDestroyNotify) g_array_unref, NULL, on_export_done, &n);
  while (n == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n, ==, 1200);
  g_assert_cmpuint (seen->len, >=, 1);
  g_assert_cmpuint (g_array_index (seen, guint, seen->len - 1), ==, 1200);
  g_file_get_contents (path, &contents, NULL, NULL);
  /* the header and one line each */
  {
    guint lines = 0;

    for (const char *p = contents; (p = strstr (p, "\r\n")); p += 2)
      lines++;
    g_assert_cmpuint (lines, ==, 1201);
  }
  g_array_unref (seen);
}

static GFile *
vcard_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "vcard", name, NULL);

  return g_file_new_for_path (path);
}

static void
test_vcard (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("vcard.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GFile) file = vcard_file ("android-2.1-qp.vcf");
  g_autoptr(TdCustomerImport) import = load (db, file);
  g_autoptr(TdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* a phone's export: UTF-8 and GBK cards side by side */
  g_assert_cmpint (td_customer_import_get_format (import), ==, TD_IMPORT_FORMAT_VCARD);
  g_assert_cmpuint (td_customer_import_get_n_rows (import), ==, 3);
  g_assert_cmpuint (td_customer_import_get_n_columns (import), ==, 0);
  g_assert_cmpuint (td_customer_import_get_n_preview_rows (import), ==, 0);

  report = td_customer_import_run (import, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_counts (report, 3, 0, 0, 0);
  g_assert_cmpuint (td_import_report_get_entry (report, 0)->line, ==, 1);
  {
    g_autoptr(JsonObject) zhang = customer_named (db, "张伟");
    g_autoptr(JsonObject) li = customer_named (db, "李娜");

    g_assert_cmpstr (TEXT (zhang, "phone"), ==, "13800138000");
    g_assert_cmpstr (TEXT (zhang, "birth_date"), ==, "1975-02-14");
    g_assert_cmpstr (TEXT (zhang, "source"), ==, "import");
    g_assert_cmpstr (TEXT (li, "phone"), ==, "13500002222");
  }

  /* again: the same people */
  g_clear_pointer (&report, td_import_report_unref);
  report = import_file (db, file, TRUE);
  assert_counts (report, 0, 0, 3, 0);
}

static void
test_vcard_errors (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("vcard-errors.tourdesk", TD_PROFILE_AGENCY);
  g_autofree char *before = snapshot (db);
  const char *names[] = { "unterminated.vcf", "bad-qp.vcf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) file = vcard_file (names[i]);
      g_autoptr(TdCustomerImport) import = td_customer_import_new (db);
      g_autoptr(GError) error = NULL;

      g_assert_false (td_customer_import_load (import, file, NULL, &error));
      g_test_message ("%s: %s", names[i], error->message);
      g_assert_error (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_SYNTAX);
      g_assert_null (strchr (error->message, '\n'));
      g_assert_true (g_regex_match_simple ("[0-9]", error->message, 0, 0));
    }
  {
    g_autofree char *after = snapshot (db);

    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_round_trip_vcard (void)
{
  g_autoptr(TdDatabase) db = sample_workspace ("export-vcard.tourdesk");
  g_autofree char *contents = export_to (db, TD_EXPORT_FORMAT_VCARD, "export.vcf", 6);
  static const char * const fields[] = {
    "name", "family_name", "given_name", "party", "gender", "birth_date", "phone", "other_phones",
    "email", "other_emails", "id_type", "id_number", "province", "city", "district", "language",
    "tags", "notes", NULL,
  };

  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  assert_round_trip (db, "export.vcf", 6, fields);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/customer-import/guess/excel", test_guess_excel);
  g_test_add_func ("/customer-import/guess/google", test_guess_google);
  g_test_add_func ("/customer-import/guess/headers", test_guess_headers);
  g_test_add_func ("/customer-import/values/dates", test_dates);
  g_test_add_func ("/customer-import/values/normalise", test_values);
  g_test_add_func ("/customer-import/values/row", test_row_from_fields);
  g_test_add_func ("/customer-import/load/errors", test_load_errors);
  g_test_add_func ("/customer-import/load/encodings", test_load_encodings);
  g_test_add_func ("/customer-import/run/excel", test_excel);
  g_test_add_func ("/customer-import/run/google-updates", test_google_updates);
  g_test_add_func ("/customer-import/run/matching", test_matching);
  g_test_add_func ("/customer-import/run/skipped", test_rows_skipped);
  g_test_add_func ("/customer-import/run/mapping", test_mapping_set);
  g_test_add_func ("/customer-import/run/one-transaction", test_one_transaction);
  g_test_add_func ("/customer-import/run/progress", test_progress);
  g_test_add_func ("/customer-import/run/cancel", test_cancel);
  g_test_add_func ("/customer-import/run/async-steps", test_async_steps);
  g_test_add_func ("/customer-import/export/round-trip-csv", test_round_trip_csv);
  g_test_add_func ("/customer-import/export/no-half-file", test_export_no_half_file);
  g_test_add_func ("/customer-import/export/async", test_export_async);
  g_test_add_func ("/customer-import/vcard/import", test_vcard);
  g_test_add_func ("/customer-import/vcard/errors", test_vcard_errors);
  g_test_add_func ("/customer-import/vcard/round-trip", test_round_trip_vcard);

  return g_test_run ();
}
