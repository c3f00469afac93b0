/* test-customer-search.c: pinyin, and finding customers as the clerk types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-customer-search-private.h"
#include "td-migrations.h"
#include "td-test-utils.h"

/* ------------------------------------------------------------------ */
/* pinyin                                                             */

static void
assert_strv (char       **got,
             const char  *expected)
{
  g_autofree char *joined = g_strjoinv (",", got);

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_pinyin (void)
{
  struct { const char *text, *initials, *full; } names[] = {
    { "张伟", "zw", "zhang wei" },
    { "王秀英", "wxy", "wang xiu ying" },
    { "李娜", "ln", "li na" },
    { "欧阳娜娜", "oynn", "ou yang na na" },
    { "诸葛亮", "zgl", "zhu ge liang" },
    { "吕女士", "lns", "lv nv shi" },         /* ü is written v */
    { "张 伟", "zw", "zhang wei" },           /* spaces separate, nothing more */
    { "ＡＢＣ酒店", "abcjd", "abc jiu dian" }, /* full-width letters are letters */
    { "KTV 2号", "ktv2h", "ktv 2 hao" },
    { "John Smith", "johnsmith", "john smith" },
    { "Zoë", "zo", "zo" },                    /* what is not ASCII or Han is dropped */
    { "", "", "" },
    { "!?", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *initials = td_pinyin_initials (names[i].text);
      g_autofree char *full = td_pinyin_full (names[i].text);

      g_test_message ("%s", names[i].text);
      g_assert_cmpstr (initials, ==, names[i].initials);
      g_assert_cmpstr (full, ==, names[i].full);
    }
  g_assert_null (td_pinyin_initials (NULL));
  g_assert_null (td_pinyin_full (NULL));

  g_assert_true (td_pinyin_has_reading (g_utf8_get_char ("张")));
  g_assert_false (td_pinyin_has_reading ('a'));
  g_assert_false (td_pinyin_has_reading (0x3002));  /* 。 */
  /* a character of extension B: 𠀀 (U+20000) */
  g_assert_true (td_pinyin_has_reading (0x20000));
}

static void
test_pinyin_heteronyms (void)
{
  g_auto(GStrv) zeng = td_pinyin_initials_variants ("曾伟", 0);
  g_auto(GStrv) zeng_full = td_pinyin_full_variants ("曾伟", 0);
  g_auto(GStrv) shan = td_pinyin_full_variants ("单田芳", 0);
  g_auto(GStrv) one = td_pinyin_full_variants ("单田芳", 1);
  g_auto(GStrv) zhong = td_pinyin_full_variants ("中", 0);
  g_auto(GStrv) none = td_pinyin_initials_variants ("。", 0);
  g_auto(GStrv) plain = td_pinyin_initials_variants ("李芳", 0);
  g_auto(GStrv) two = td_pinyin_initials_variants ("曾乐", 0);
  const char * const *readings;
  guint n;

  /* 曾: céng (already, most common) and zēng (the surname): both kept */
  readings = td_pinyin_readings (g_utf8_get_char ("曾"), &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (readings[0], ==, "ceng");
  g_assert_cmpstr (readings[1], ==, "zeng");
  assert_strv (zeng, "cw,zw");
  assert_strv (zeng_full, "cengwei,zengwei");

  /* 单: dān, chán, shàn (the surname) */
  g_assert_true (g_strv_contains ((const char * const *) shan, "shantianfang"));
  g_assert_true (g_strv_contains ((const char * const *) shan, "dantianfang"));
  g_assert_cmpuint (g_strv_length (one), ==, 1);
  g_assert_cmpstr (one[0], ==, "dantianfang");

  /* readings that differ only in tone are one */
  assert_strv (zhong, "zhong");
  assert_strv (plain, "lf");
  assert_strv (none, "");
  /* two heteronyms: the common readings first, one change, then both */
  g_assert_cmpuint (g_strv_length (two), ==, 4);
  g_assert_cmpstr (two[0], ==, "cl");
  g_assert_cmpstr (two[3], ==, "zy");
  g_assert_null (td_pinyin_readings ('x', &n));
  g_assert_cmpuint (n, ==, 0);
}

/* ------------------------------------------------------------------ */
/* the index and the search                                           */

#define ZHANG_WEI     "2b9f4c1e-0000-4000-8000-000000000001"
#define ZHANG_WEIMING "2b9f4c1e-0000-4000-8000-000000000002"
#define WANG_XIUYING  "2b9f4c1e-0000-4000-8000-000000000003"
#define ZENG_XIAOMEI  "2b9f4c1e-0000-4000-8000-000000000004"
#define OUYANG_NANA   "2b9f4c1e-0000-4000-8000-000000000005"
#define JOHN_SMITH    "2b9f4c1e-0000-4000-8000-000000000006"
#define SCHOOL        "2b9f4c1e-0000-4000-8000-000000000007"

typedef struct {
  const char *id, *name, *phone, *email, *id_number;
} Person;

static const Person people[] = {
  { ZHANG_WEI, "张伟", "13800138000", "zhangwei@qq.com", "410102199003071234" },
  { ZHANG_WEIMING, "张伟明", "13912345678", NULL, "41010519880312002X" },
  { WANG_XIUYING, "王秀英", "18603710000", "Wang.XY@163.com", NULL },
  { ZENG_XIAOMEI, "曾小梅", "15000005678", NULL, "E12345678" },
  { OUYANG_NANA, "欧阳娜娜", NULL, "nana@example.org", NULL },
  { JOHN_SMITH, "John Smith", "+442079460958", "john.smith@example.co.uk", "P1234567" },
  { SCHOOL, "郑州市第一中学", "+8637166660000", NULL, NULL },
};

static TdDatabase *
workspace_with_people (const char *name)
{
  TdDatabase *db = td_test_workspace (name, TD_PROFILE_BOTH);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      TdChange *c = td_change_new_insert_with_id ("customer", NULL, people[i].id);

      td_change_set_string (c, "party", g_str_equal (people[i].id, SCHOOL) ? "organisation" : "person");
      td_change_set_string (c, "name", people[i].name);
      if (people[i].phone)
        td_change_set_string (c, "phone", people[i].phone);
      if (people[i].email)
        td_change_set_string (c, "email", people[i].email);
      if (people[i].id_number)
        td_change_set_string (c, "id_number", people[i].id_number);
      g_ptr_array_add (changes, c);
    }
  td_database_commit (db, NULL, changes, &error);
  g_assert_no_error (error);
  return db;
}

/* The ids found for query, in order, joined with spaces ("" for none). */
static char *
found (TdDatabase *db,
       const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = td_customer_search (db, query, 0, &error);
  GString *ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      TdCustomerHit *hit = g_ptr_array_index (hits, i);

      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, hit->id);
    }
  return g_string_free (ids, FALSE);
}

#define assert_found(db, query, expected) \
  G_STMT_START { \
    g_autofree char *got_ = found (db, query); \
    g_test_message ("search “%s”", query); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_search_kinds (void)
{
  g_autoptr(TdDatabase) db = workspace_with_people ("search-kinds.tourdesk");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  TdCustomerHit *hit;

  /* name: exact first, then the names it starts */
  assert_found (db, "张伟", ZHANG_WEI " " ZHANG_WEIMING);
  assert_found (db, "张", ZHANG_WEI " " ZHANG_WEIMING);
  assert_found (db, "欧阳", OUYANG_NANA);
  /* Chinese substrings of 1 and 2 characters, and longer */
  assert_found (db, "伟", ZHANG_WEI " " ZHANG_WEIMING);
  assert_found (db, "秀英", WANG_XIUYING);
  assert_found (db, "英", WANG_XIUYING);
  assert_found (db, "娜娜", OUYANG_NANA);
  assert_found (db, "阳娜娜", OUYANG_NANA);
  assert_found (db, "第一中学", SCHOOL);
  assert_found (db, "梅花", "");
  /* pinyin initials and full pinyin, with or without spaces, any case */
  assert_found (db, "zw", ZHANG_WEI " " ZHANG_WEIMING);
  assert_found (db, "zwm", ZHANG_WEIMING);
  assert_found (db, "ZWM", ZHANG_WEIMING);
  assert_found (db, "wxy", WANG_XIUYING);
  assert_found (db, "zhangwei", ZHANG_WEI " " ZHANG_WEIMING);
  assert_found (db, "zhang wei", ZHANG_WEI " " ZHANG_WEIMING);
  assert_found (db, "zhangw", ZHANG_WEI " " ZHANG_WEIMING);
  assert_found (db, "zhangweiming", ZHANG_WEIMING);
  assert_found (db, "oynn", OUYANG_NANA);
  assert_found (db, "ouyang", OUYANG_NANA);
  /* the heteronym surname under both readings */
  assert_found (db, "zxm", ZENG_XIAOMEI);
  assert_found (db, "cxm", ZENG_XIAOMEI);
  assert_found (db, "zengxiaomei", ZENG_XIAOMEI);
  /* Latin names: by word, ignoring case */
  assert_found (db, "john", JOHN_SMITH);
  assert_found (db, "SMITH", JOHN_SMITH);
  assert_found (db, "john sm", JOHN_SMITH);
  assert_found (db, "mith", "");
  /* phone: whole, start, end, 4 or more digits inside; separators ignored */
  assert_found (db, "13800138000", ZHANG_WEI);
  assert_found (db, "138 0013 8000", ZHANG_WEI);
  assert_found (db, "1391234", ZHANG_WEIMING);
  assert_found (db, "5678", ZENG_XIAOMEI " " ZHANG_WEIMING);  /* equals: in key order */
  assert_found (db, "8000", ZHANG_WEI);
  assert_found (db, "0013", ZHANG_WEI);
  assert_found (db, "00138", ZHANG_WEI);
  assert_found (db, "0371", SCHOOL " " WANG_XIUYING);  /* the school's starts with it */
  assert_found (db, "6666", SCHOOL);
  assert_found (db, "７９４６", JOHN_SMITH);  /* full-width digits */
  assert_found (db, "234", "");  /* fewer than 4 digits: only the start */
  /* identity number: whole (any case of X), start, its last 4 or more */
  assert_found (db, "410102199003071234", ZHANG_WEI);
  assert_found (db, "41010519880312002x", ZHANG_WEIMING);
  assert_found (db, "002X", ZHANG_WEIMING);
  assert_found (db, "12002x", ZHANG_WEIMING);
  assert_found (db, "e12345678", ZENG_XIAOMEI);
  assert_found (db, "4101", ZHANG_WEI " " ZHANG_WEIMING);
  /* e-mail: its start, ignoring case */
  assert_found (db, "wang.xy@", WANG_XIUYING);
  assert_found (db, "Zhangwei@QQ.com", ZHANG_WEI);
  assert_found (db, "john.smith", JOHN_SMITH);
  assert_found (db, "qq.com", "");
  /* nothing to look for */
  assert_found (db, "", "");
  assert_found (db, "   ", "");

  /* what a hit holds */
  hits = td_customer_search (db, "张伟", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->id, ==, ZHANG_WEI);
  g_assert_cmpstr (hit->name, ==, "张伟");
  g_assert_cmpstr (hit->phone, ==, "13800138000");
  g_assert_cmpstr (hit->email, ==, "zhangwei@qq.com");
  g_assert_cmpstr (hit->id_number_masked, ==, "410102********1234");
  g_assert_cmpint (hit->match, ==, TD_CUSTOMER_MATCH_EXACT);
  g_assert_cmpint (hit->field, ==, TD_CUSTOMER_FIELD_NAME);
  hit = g_ptr_array_index (hits, 1);
  g_assert_cmpint (hit->match, ==, TD_CUSTOMER_MATCH_PREFIX);
  g_assert_null (hit->email);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = td_customer_search (db, "5678", 0, &error);
  g_assert_no_error (error);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->match, ==, TD_CUSTOMER_MATCH_SUFFIX);
  g_assert_cmpint (hit->field, ==, TD_CUSTOMER_FIELD_PHONE);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = td_customer_search (db, "wxy", 0, &error);
  g_assert_no_error (error);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->field, ==, TD_CUSTOMER_FIELD_PINYIN);
  g_assert_null (hit->id_number_masked);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* the limit */
  hits = td_customer_search (db, "张", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_ranking (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("search-ranking.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "李明华", "明", "明亮", "王明", "张小明" };
  /* inside: in key order, so the names that end with it first */
  const char *expected[] = { "明", "明亮", "王明", "张小明", "李明华" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      TdChange *c = td_change_new_insert ("customer", NULL);

      td_change_set_string (c, "party", "person");
      td_change_set_string (c, "name", names[i]);
      g_ptr_array_add (changes, c);
    }
  td_database_commit (db, NULL, changes, &error);
  g_assert_no_error (error);

  /* exact, then prefix, then inside */
  hits = td_customer_search (db, "明", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < hits->len; i++)
    g_assert_cmpstr (((TdCustomerHit *) g_ptr_array_index (hits, i))->name, ==, expected[i]);
  g_assert_cmpint (((TdCustomerHit *) g_ptr_array_index (hits, 0))->match, ==, TD_CUSTOMER_MATCH_EXACT);
  g_assert_cmpint (((TdCustomerHit *) g_ptr_array_index (hits, 1))->match, ==, TD_CUSTOMER_MATCH_PREFIX);
  g_assert_cmpint (((TdCustomerHit *) g_ptr_array_index (hits, 2))->match, ==, TD_CUSTOMER_MATCH_SUBSTRING);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* a limit keeps the best */
  hits = td_customer_search (db, "明", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (((TdCustomerHit *) g_ptr_array_index (hits, 1))->name, ==, "明亮");
}

static gint64
count_keys (TdDatabase *db)
{
  return td_test_query_int (db, "SELECT count(*) FROM customer_search");
}

static void
test_index_follows_changes (void)
{
  g_autoptr(TdDatabase) db = workspace_with_people ("search-changes.tourdesk");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  gint64 keys_before = count_keys (db);
  TdChange *c;

  /* renamed: found under the new name only */
  c = td_change_new_update ("customer", ZHANG_WEI, 1);
  td_change_set_string (c, "name", "李娜");
  td_change_set_string (c, "phone", "13700000001");
  g_ptr_array_add (changes, c);
  td_database_commit (db, NULL, changes, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (changes, 0);

  assert_found (db, "张伟", ZHANG_WEIMING);
  assert_found (db, "zw", ZHANG_WEIMING);
  assert_found (db, "13800138000", "");
  assert_found (db, "李娜", ZHANG_WEI);
  assert_found (db, "娜", ZHANG_WEI " " OUYANG_NANA);
  assert_found (db, "ln", ZHANG_WEI);
  assert_found (db, "0001", ZHANG_WEI);
  /* what did not change is still found */
  assert_found (db, "zhangwei@", ZHANG_WEI);
  assert_found (db, "1234", ZHANG_WEI " " ZHANG_WEIMING);
  /* no key is left behind: 张伟's old keys went */
  {
    g_autoptr(GPtrArray) old = _td_customer_search_keys ("张伟", "13800138000", "zhangwei@qq.com", "410102199003071234", NULL, NULL, NULL);
    g_autoptr(GPtrArray) renamed = _td_customer_search_keys ("李娜", "13700000001", "zhangwei@qq.com", "410102199003071234", NULL, NULL, NULL);

    g_assert_cmpint (count_keys (db), ==, keys_before - (gint64) old->len + (gint64) renamed->len);
  }

  /* deleted: gone from every kind of search, and from the index */
  c = td_change_new_delete ("customer", ZHANG_WEIMING, 1);
  g_ptr_array_add (changes, c);
  td_database_commit (db, NULL, changes, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (changes, 0);

  assert_found (db, "张伟明", "");
  assert_found (db, "张", "");
  assert_found (db, "伟", "");
  assert_found (db, "zwm", "");
  assert_found (db, "5678", ZENG_XIAOMEI);
  assert_found (db, "002X", "");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customer_search "
                                            "WHERE customer = (SELECT rowid FROM customers WHERE id = '%s')",
                                            ZHANG_WEIMING);
    g_assert_cmpint (td_test_query_int (db, sql), ==, 0);
  }

  /* restored: back */
  c = td_change_new_restore ("customer", ZHANG_WEIMING, 2);
  g_ptr_array_add (changes, c);
  td_database_commit (db, NULL, changes, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (changes, 0);
  assert_found (db, "zwm", ZHANG_WEIMING);

  /* a failed commit leaves the index as it was */
  {
    gint64 keys = count_keys (db);

    c = td_change_new_update ("customer", ZHANG_WEIMING, 3);
    td_change_set_string (c, "name", "赵六");
    g_ptr_array_add (changes, c);
    c = td_change_new_update ("customer", ZHANG_WEIMING, 99);  /* stale: a conflict */
    td_change_set_string (c, "name", "钱七");
    g_ptr_array_add (changes, c);
    g_assert_false (td_database_commit (db, NULL, changes, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_cmpint (count_keys (db), ==, keys);
    assert_found (db, "赵六", "");
    assert_found (db, "zwm", ZHANG_WEIMING);
  }

  /* and the workspace is intact */
  {
    g_autoptr(GPtrArray) results = td_database_check (db, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < results->len; i++)
      g_assert_true (((TdCheckResult *) g_ptr_array_index (results, i))->ok);
  }
}

/* The keys a workspace holds are exactly those td_customer_search_keys()
 * gives for its live customers. */
static void
test_index_matches_rows (void)
{
  g_autofree char *path = td_test_path ("search-demo.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;
  TdDemoOptions options = { 11, 300 };
  sqlite3 *handle;
  sqlite3_stmt *stmt;

  db = td_demo_create (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  _td_customer_search_register (handle, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT (SELECT count(*) FROM customer_search), "
                                       "(SELECT count(*) FROM (SELECT DISTINCT k.value, c.rowid FROM customers c, "
                                       "  json_each(td_customer_search_keys(c.name, c.phone, c.email, c.id_number)) k "
                                       "  WHERE c.deleted = 0)), "
                                       "(SELECT count(*) FROM customer_search s WHERE NOT EXISTS (SELECT 1 "
                                       "  FROM customers c, json_each(td_customer_search_keys(c.name, c.phone, c.email, c.id_number)) k "
                                       "  WHERE c.rowid = s.customer AND c.deleted = 0 AND k.value = s.key))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >, 300 * 8);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, sqlite3_column_int64 (stmt, 1));
  g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, 0);
  sqlite3_finalize (stmt);

  /* the SQL functions */
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT td_pinyin_initials('张伟'), td_pinyin_full('张伟'), "
                                               "td_pinyin_full(NULL), td_customer_search_keys('张伟', NULL, NULL, NULL)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "zw");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "zhang wei");
  g_assert_cmpint (sqlite3_column_type (stmt, 2), ==, SQLITE_NULL);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "[\"N张伟\",\"n伟\",\"Izw\",\"Pzhangwei\"]");
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
}

/* A workspace of version 4 gets its customers indexed when it is opened. */
static void
test_migration_indexes_old_customers (void)
{
  g_autofree char *path = td_test_path ("v4-customers.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;
  sqlite3 *handle;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA journal_mode = WAL; BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  td_migrations_apply (handle, 0, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO settings VALUES ('name', '老店'), ('profile', 'both'), ('currency', 'CNY'), "
                                 "('time-zone', 'Asia/Shanghai'), ('default-org', '6f1c2a3b-0000-4000-8000-000000000001');"
                                 "INSERT INTO organisations (id, org_id, created_at, updated_at, name, kind) VALUES "
                                 "('6f1c2a3b-0000-4000-8000-000000000001', '6f1c2a3b-0000-4000-8000-000000000001', "
                                 "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '老店', 'hotel');"
                                 "INSERT INTO customers (id, org_id, created_at, updated_at, party, name, phone, deleted) VALUES "
                                 "('6f1c2a3b-0000-4000-8000-0000000000a1', '6f1c2a3b-0000-4000-8000-000000000001', "
                                 "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'person', '司马光', '13512340000', 0),"
                                 "('6f1c2a3b-0000-4000-8000-0000000000a2', '6f1c2a3b-0000-4000-8000-000000000001', "
                                 "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'person', '司马懿', '13512349999', 1);"
                                 "COMMIT",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (td_database_get_schema_version (db), >=, TD_CUSTOMER_SEARCH_SCHEMA);
  assert_found (db, "司马", "6f1c2a3b-0000-4000-8000-0000000000a1");  /* the deleted one is not */
  assert_found (db, "光", "6f1c2a3b-0000-4000-8000-0000000000a1");
  assert_found (db, "smg", "6f1c2a3b-0000-4000-8000-0000000000a1");
  assert_found (db, "0000", "6f1c2a3b-0000-4000-8000-0000000000a1");
  assert_found (db, "9999", "");
}

/* Read-only, a workspace that was never upgraded cannot be searched. */
static void
test_old_read_only (void)
{
  g_autofree char *path = td_test_path ("v4-readonly.tourdesk");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  sqlite3 *handle;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  td_migrations_apply (handle, 0, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  db = td_database_open (path, TD_OPEN_FLAGS_READONLY, &error);
  g_assert_no_error (error);
  hits = td_customer_search (db, "张", 0, &error);
  g_assert_null (hits);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED);
}

typedef struct {
  GMainLoop *loop;
  GPtrArray *hits;
  GError    *error;
} AsyncData;

static void
search_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncData *data = user_data;

  data->hits = td_customer_search_finish (TD_DATABASE (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async (void)
{
  g_autoptr(TdDatabase) db = workspace_with_people ("search-async.tourdesk");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncData data = { loop, NULL, NULL };

  td_customer_search_async (db, "秀", 0, NULL, search_done, &data);
  g_main_loop_run (loop);
  g_assert_no_error (data.error);
  g_assert_cmpuint (data.hits->len, ==, 1);
  g_assert_cmpstr (((TdCustomerHit *) g_ptr_array_index (data.hits, 0))->id, ==, WANG_XIUYING);
  g_clear_pointer (&data.hits, g_ptr_array_unref);

  /* cancelled before it ran: the caller hears so */
  g_cancellable_cancel (cancellable);
  td_customer_search_async (db, "秀", 0, cancellable, search_done, &data);
  g_main_loop_run (loop);
  g_assert_null (data.hits);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&data.error);
}

/* Other phones and e-mails are found like the main ones (whole, start, end). */
static void
test_other_phones_and_emails (void)
{
  g_autoptr(TdDatabase) db = workspace_with_people ("search-others.tourdesk");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdChange *c = td_change_new_update ("customer", ZHANG_WEI, 1);

  td_change_set_string (c, "other_phones", "13677778888,+8637166661234");
  td_change_set_string (c, "other_emails", "wei.zhang@corp.example.cn");
  g_ptr_array_add (changes, c);
  td_database_commit (db, NULL, changes, &error);
  g_assert_no_error (error);

  assert_found (db, "13677778888", ZHANG_WEI);
  assert_found (db, "136777", ZHANG_WEI);
  assert_found (db, "78888", ZHANG_WEI);
  assert_found (db, "0371 6666 1234", ZHANG_WEI);
  assert_found (db, "wei.zhang@corp", ZHANG_WEI);

  /* and no longer once removed */
  g_ptr_array_set_size (changes, 0);
  c = td_change_new_update ("customer", ZHANG_WEI, 2);
  td_change_set_null (c, "other_phones");
  td_change_set_null (c, "other_emails");
  g_ptr_array_add (changes, c);
  td_database_commit (db, NULL, changes, &error);
  g_assert_no_error (error);
  assert_found (db, "13677778888", "");
  assert_found (db, "wei.zhang@corp", "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pinyin/names", test_pinyin);
  g_test_add_func ("/pinyin/heteronyms", test_pinyin_heteronyms);
  g_test_add_func ("/customer-search/kinds", test_search_kinds);
  g_test_add_func ("/customer-search/ranking", test_ranking);
  g_test_add_func ("/customer-search/follows-changes", test_index_follows_changes);
  g_test_add_func ("/customer-search/other-phones-and-emails", test_other_phones_and_emails);
  g_test_add_func ("/customer-search/index-matches-rows", test_index_matches_rows);
  g_test_add_func ("/customer-search/migration", test_migration_indexes_old_customers);
  g_test_add_func ("/customer-search/old-read-only", test_old_read_only);
  g_test_add_func ("/customer-search/async", test_async);
  return g_test_run ();
}
