/* test-customer-list.c: the lazy list of customers (TdCustomerListModel)
 *
 * What a view would see is checked against SQLite's own ORDER BY: every
 * items-changed is applied to a mirror list with the items the model gives
 * at that moment, as GtkListView does, and the mirror must then be the
 * customers in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-customer-item-private.h"
#include "td-customer-list-private.h"
#include "td-customer-search-private.h"
#include "td-test-utils.h"

static char *demo_path;

/* ------------------------------------------------------------------ */
/* helpers                                                            */

static void
wait_loaded (TdCustomerListModel *model)
{
  /* the TdDatabase::changed idle first, then whatever it started */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (td_customer_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static const char *
order_by (TdCustomerSort sort,
          gboolean       descending)
{
  switch (sort)
    {
    case TD_CUSTOMER_SORT_CITY:
      return descending ? "sort_city DESC, sort_name DESC, rowid DESC" : "sort_city, sort_name, rowid";
    case TD_CUSTOMER_SORT_CREATED:
      return descending ? "created_at DESC, rowid DESC" : "created_at, rowid";
    case TD_CUSTOMER_SORT_UPDATED:
      return descending ? "updated_at DESC, rowid DESC" : "updated_at, rowid";
    case TD_CUSTOMER_SORT_NAME:
    case TD_CUSTOMER_SORT_RELEVANCE:
    default:
      return descending ? "sort_name DESC, rowid DESC" : "sort_name, rowid";
    }
}

/* The ids of the live customers, in order, as SQLite sorts them. */
static GPtrArray *
expected_ids (TdDatabase     *db,
              TdCustomerSort  sort,
              gboolean        descending)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM customers WHERE deleted = 0 ORDER BY %s",
                                          order_by (sort, descending));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *handle;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (td_database_get_path (db), &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* the models' worker threads open and close connections of their own */
  sqlite3_busy_timeout (handle, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return ids;
}

static char *
item_id_at (GListModel *model,
            guint       position)
{
  g_autoptr(TdCustomerItem) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_assert_true (td_customer_item_get_loaded (item));
  return g_strdup (td_customer_item_get_id (item));
}

static void
assert_ids (GPtrArray *got,
            GPtrArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    if (g_strcmp0 (g_ptr_array_index (got, i), g_ptr_array_index (expected, i)) != 0)
      g_error ("position %u: %s, expected %s", i,
               (char *) g_ptr_array_index (got, i), (char *) g_ptr_array_index (expected, i));
}

static void
assert_model_in_order (TdCustomerListModel *model,
                       TdCustomerSort       sort,
                       gboolean             descending)
{
  g_autoptr(GPtrArray) expected = expected_ids (td_customer_list_model_get_database (model), sort, descending);
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (got, item_id_at (G_LIST_MODEL (model), i));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
  assert_ids (got, expected);
}

/* What a view holds: items-changed applied with the items of that moment. */
typedef struct {
  GPtrArray *ids;
  guint      signals;
  guint      removed;
  guint      added;
} Mirror;

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->ids->len);
  g_ptr_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->ids, position + i, item_id_at (model, position + i));
  g_assert_cmpuint (mirror->ids->len, ==, g_list_model_get_n_items (model));
  mirror->signals++;
  mirror->removed += removed;
  mirror->added += added;
}

static void
mirror_init (Mirror              *mirror,
             TdCustomerListModel *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  mirror->ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (mirror->ids, item_id_at (G_LIST_MODEL (model), i));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);
}

static void
mirror_reset_counts (Mirror *mirror)
{
  mirror->signals = mirror->removed = mirror->added = 0;
}

static void
mirror_check (Mirror              *mirror,
              TdCustomerListModel *model)
{
  TdCustomerSort sort;
  gboolean descending;
  g_autoptr(GPtrArray) expected = NULL;

  sort = td_customer_list_model_get_sort (model, &descending);
  expected = expected_ids (td_customer_list_model_get_database (model), sort, descending);
  assert_ids (mirror->ids, expected);
}

static void
commit (TdDatabase *db,
        TdChange   *change)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (changes, change);
  td_database_commit (db, NULL, changes, &error);
  g_assert_no_error (error);
}

static char *
add_customer (TdDatabase *db,
              const char *name,
              const char *city)
{
  TdChange *change = td_change_new_insert ("customer", NULL);
  char *id = g_strdup (td_change_get_id (change));

  td_change_set_string (change, "party", "person");
  td_change_set_string (change, "name", name);
  if (city)
    td_change_set_string (change, "city", city);
  commit (db, change);
  return id;
}

static gint64
revision_of (TdDatabase *db,
             const char *id)
{
  g_autoptr(JsonObject) record = td_database_get_record (db, "customer", id, NULL);

  g_assert_nonnull (record);
  return json_object_get_int_member (record, "revision");
}

static char *
copy_demo (const char *name)
{
  char *path = td_test_path (name);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (demo_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

/* every row's sort keys are what _td_customer_sort_key() makes */
static void
assert_sort_keys_kept (TdDatabase *db,
                       guint       n_rows)
{
  sqlite3 *handle;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (td_database_get_path (db), &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* the models' worker threads open and close connections of their own */
  sqlite3_busy_timeout (handle, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name, city, sort_name, sort_city FROM customers",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *name = _td_customer_sort_key ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *city = _td_customer_sort_key ((const char *) sqlite3_column_text (stmt, 1));

      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, name);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, city);
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  g_assert_cmpuint (n, ==, n_rows);
}

/* ------------------------------------------------------------------ */
/* tests                                                              */

static void
test_sort_key (void)
{
  g_autofree char *zhang = _td_customer_sort_key ("张伟");
  g_autofree char *anna = _td_customer_sort_key ("Anna Smith");
  g_autofree char *none = _td_customer_sort_key (NULL);

  g_assert_cmpstr (zhang, ==, "zhang wei\x1f张伟");
  g_assert_cmpstr (anna, ==, "anna smith\x1f" "Anna Smith");
  g_assert_cmpstr (none, ==, "");
}

/* names in pinyin order, Latin ones among them; kept by the triggers */
static void
test_pinyin_order (void)
{
  const char *names[] = { "章伟", "白雪", "Anna Smith", "詹姆斯", "陈晨", "张伟", "欧阳娜娜", "安然" };
  const char *in_order[] = { "安然", "Anna Smith", "白雪", "陈晨", "欧阳娜娜", "詹姆斯", "张伟", "章伟" };
  g_autoptr(TdDatabase) db = td_test_workspace ("pinyin.tourdesk", TD_PROFILE_BOTH);
  g_autoptr(TdCustomerListModel) model = NULL;
  g_autofree char *renamed = NULL;
  g_autoptr(TdChange) change = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (add_customer (db, names[i], i % 2 ? "郑州市" : "洛阳市"));

  model = td_customer_list_model_new (db);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, G_N_ELEMENTS (names));
  g_assert_cmpint (td_customer_list_model_get_total (model), ==, G_N_ELEMENTS (names));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == TD_TYPE_CUSTOMER_ITEM);
  for (guint i = 0; i < G_N_ELEMENTS (in_order); i++)
    {
      g_autoptr(TdCustomerItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpstr (td_customer_item_get_name (item), ==, in_order[i]);
    }

  /* by city: 洛阳 (luo yang) before 郑州 (zheng zhou), then by name */
  td_customer_list_model_set_sort (model, TD_CUSTOMER_SORT_CITY, FALSE);
  wait_loaded (model);
  {
    g_autoptr(TdCustomerItem) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr(TdCustomerItem) last = g_list_model_get_item (G_LIST_MODEL (model), G_N_ELEMENTS (names) - 1);

    g_assert_cmpstr (td_customer_item_get_city (first), ==, "洛阳市");
    g_assert_cmpstr (td_customer_item_get_name (first), ==, "Anna Smith");
    g_assert_cmpstr (td_customer_item_get_city (last), ==, "郑州市");
    g_assert_cmpstr (td_customer_item_get_name (last), ==, "张伟");
  }
  assert_model_in_order (model, TD_CUSTOMER_SORT_CITY, FALSE);

  /* the trigger keeps the key when the name changes */
  renamed = add_customer (db, "Zoe", NULL);
  change = td_change_new_update ("customer", renamed, revision_of (db, renamed));
  td_change_set_string (change, "name", "阿阿");
  commit (db, g_steal_pointer (&change));
  td_customer_list_model_set_sort (model, TD_CUSTOMER_SORT_NAME, FALSE);
  wait_loaded (model);
  {
    g_autoptr(TdCustomerItem) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_cmpstr (td_customer_item_get_name (first), ==, "阿阿");
  }
  assert_sort_keys_kept (db, G_N_ELEMENTS (names) + 1);
}

/* many pages, every order, read in any order */
static void
test_paging (void)
{
  g_autofree char *path = copy_demo ("paging.tourdesk");
  g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_NONE, NULL);
  gint64 count = td_database_count (db, "customer", NULL);
  const TdCustomerSort sorts[] = { TD_CUSTOMER_SORT_NAME, TD_CUSTOMER_SORT_CITY,
                                   TD_CUSTOMER_SORT_CREATED, TD_CUSTOMER_SORT_UPDATED };

  g_assert_cmpint (count, >, 4 * TD_CUSTOMER_LIST_PAGE_SIZE);

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(TdCustomerListModel) model = td_customer_list_model_new (db);
        g_autoptr(GPtrArray) expected = expected_ids (db, sorts[s], descending);
        guint n_pages;
        double total_ms, max_ms;
        g_autofree char *last = NULL;
        g_autofree char *middle = NULL;

        g_test_message ("sort %d, descending %d", sorts[s], descending);
        td_customer_list_model_set_sort (model, sorts[s], descending);
        wait_loaded (model);
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, count);

        /* far first, then back: each page read from its checkpoint */
        last = item_id_at (G_LIST_MODEL (model), (guint) count - 1);
        g_assert_cmpstr (last, ==, g_ptr_array_index (expected, count - 1));
        middle = item_id_at (G_LIST_MODEL (model), (guint) count / 2 + 7);
        g_assert_cmpstr (middle, ==, g_ptr_array_index (expected, count / 2 + 7));
        assert_model_in_order (model, sorts[s], descending);

        td_customer_list_model_get_page_stats (model, &n_pages, &total_ms, &max_ms);
        g_assert_cmpuint (n_pages, >=, (count + TD_CUSTOMER_LIST_PAGE_SIZE - 1) / TD_CUSTOMER_LIST_PAGE_SIZE - 1);
        g_test_message ("%u pages read, %.2f ms each, at most %.2f ms", n_pages, total_ms / n_pages, max_ms);
      }
}

/* Items asked for before the checkpoints are known: the first page, then
 * page after page going down; far ones wait and are filled in. */
static void
test_before_checkpoints (void)
{
  g_autofree char *path = copy_demo ("early.tourdesk");
  g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_NONE, NULL);
  g_autoptr(TdCustomerListModel) model = NULL;
  g_autoptr(GPtrArray) expected = expected_ids (db, TD_CUSTOMER_SORT_NAME, FALSE);
  g_autoptr(TdCustomerItem) far = NULL;
  g_autoptr(TdCustomerItem) next = NULL;
  guint notified = 0;
  guint n;

  _td_customer_list_set_checkpoint_delay (500);
  model = td_customer_list_model_new (db);
  /* the count and the first page come first */
  while (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    g_main_context_iteration (NULL, TRUE);
  _td_customer_list_set_checkpoint_delay (0);
  g_assert_true (td_customer_list_model_get_loading (model));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, expected->len);

  /* on from the page above */
  next = g_list_model_get_item (G_LIST_MODEL (model), TD_CUSTOMER_LIST_PAGE_SIZE + 3);
  g_assert_true (td_customer_item_get_loaded (next));
  g_assert_cmpstr (td_customer_item_get_id (next), ==, g_ptr_array_index (expected, TD_CUSTOMER_LIST_PAGE_SIZE + 3));

  /* far down: an item to be filled in */
  far = g_list_model_get_item (G_LIST_MODEL (model), n - 2);
  g_assert_false (td_customer_item_get_loaded (far));
  g_assert_null (td_customer_item_get_name (far));
  g_signal_connect_swapped (far, "notify::loaded", G_CALLBACK (g_atomic_int_inc), &notified);
  wait_loaded (model);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (td_customer_item_get_loaded (far));
  g_assert_cmpstr (td_customer_item_get_id (far), ==, g_ptr_array_index (expected, n - 2));
  assert_model_in_order (model, TD_CUSTOMER_SORT_NAME, FALSE);
}

/* A commit moves just the rows it changed; a view sees each step right. */
static void
test_changes (void)
{
  g_autofree char *path = copy_demo ("changes.tourdesk");
  g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_NONE, NULL);
  g_autoptr(TdCustomerListModel) model = td_customer_list_model_new (db);
  g_autoptr(TdCustomerItem) item = NULL;
  g_autoptr(TdChange) change = NULL;
  g_autofree char *added = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *unused = NULL;
  Mirror mirror = { 0 };
  guint n, pos, phone_notes = 0;

  wait_loaded (model);
  mirror_init (&mirror, model);
  n = mirror.ids->len;

  /* a new customer, first by name: one insertion at 0 */
  mirror_reset_counts (&mirror);
  added = add_customer (db, "阿阿", "郑州市");
  wait_loaded (model);
  g_assert_cmpuint (mirror.signals, ==, 1);
  g_assert_cmpuint (mirror.added, ==, 1);
  g_assert_cmpuint (mirror.removed, ==, 0);
  g_assert_cmpstr (g_ptr_array_index (mirror.ids, 0), ==, added);
  g_assert_cmpuint (td_customer_list_model_find (model, added), ==, 0);
  g_assert_cmpint (td_customer_list_model_get_total (model), ==, n + 1);
  mirror_check (&mirror, model);

  /* renamed to the end: removed at 0, inserted at the end */
  mirror_reset_counts (&mirror);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  change = td_change_new_update ("customer", added, revision_of (db, added));
  td_change_set_string (change, "name", "Zz Last");
  commit (db, g_steal_pointer (&change));
  wait_loaded (model);
  g_assert_cmpuint (mirror.signals, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (mirror.ids, n), ==, added);
  g_assert_cmpstr (td_customer_item_get_name (item), ==, "Zz Last");
  mirror_check (&mirror, model);

  /* a new phone: it stays, its item tells */
  mirror_reset_counts (&mirror);
  g_signal_connect_swapped (item, "notify::phone", G_CALLBACK (g_atomic_int_inc), &phone_notes);
  change = td_change_new_update ("customer", added, revision_of (db, added));
  td_change_set_string (change, "phone", "13800138000");
  commit (db, g_steal_pointer (&change));
  wait_loaded (model);
  g_assert_cmpuint (mirror.signals, ==, 0);
  g_assert_cmpuint (phone_notes, ==, 1);
  g_assert_cmpstr (td_customer_item_get_phone (item), ==, "13800138000");

  /* deleted, then the delete undone */
  mirror_reset_counts (&mirror);
  change = td_change_new_delete ("customer", added, revision_of (db, added));
  commit (db, g_steal_pointer (&change));
  wait_loaded (model);
  g_assert_cmpuint (mirror.signals, ==, 1);
  g_assert_cmpuint (mirror.removed, ==, 1);
  g_assert_cmpuint (td_customer_list_model_find (model, added), ==, G_MAXUINT);
  mirror_check (&mirror, model);
  change = td_change_new_restore ("customer", added, revision_of (db, added));
  commit (db, g_steal_pointer (&change));
  wait_loaded (model);
  g_assert_cmpuint (mirror.signals, ==, 2);
  g_assert_cmpuint (td_customer_list_model_find (model, added), ==, n);
  mirror_check (&mirror, model);

  /* a customer no view has seen, renamed: placed from the row (the name
   * changed: its old place is not known, so all is read again) */
  g_clear_object (&item);
  pos = n / 2;
  moved = item_id_at (G_LIST_MODEL (model), pos);
  unused = g_strdup (g_ptr_array_index (mirror.ids, pos + 1));
  mirror_reset_counts (&mirror);
  change = td_change_new_update ("customer", unused, revision_of (db, unused));
  td_change_set_string (change, "city", "开封市");
  commit (db, g_steal_pointer (&change));
  wait_loaded (model);
  /* (the city does not move a row in the order by name) */
  g_assert_cmpuint (mirror.signals, ==, 0);
  mirror_check (&mirror, model);

  /* several at once, in the order of last change: each to the top */
  td_customer_list_model_set_sort (model, TD_CUSTOMER_SORT_UPDATED, TRUE);
  wait_loaded (model);
  mirror_check (&mirror, model);
  mirror_reset_counts (&mirror);
  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    g_autoptr(GError) error = NULL;
    g_autofree char *a = item_id_at (G_LIST_MODEL (model), 5);
    g_autofree char *b = item_id_at (G_LIST_MODEL (model), 100);
    TdChange *ca = td_change_new_update ("customer", a, revision_of (db, a));
    TdChange *cb = td_change_new_update ("customer", b, revision_of (db, b));
    TdChange *cc = td_change_new_insert ("customer", NULL);

    td_change_set_string (ca, "tags", "VIP");
    td_change_set_string (cb, "tags", "回头客");
    td_change_set_string (cc, "party", "person");
    td_change_set_string (cc, "name", "新来的");
    g_ptr_array_add (changes, ca);
    g_ptr_array_add (changes, cb);
    g_ptr_array_add (changes, cc);
    td_database_commit (db, NULL, changes, &error);
    g_assert_no_error (error);
    wait_loaded (model);
    mirror_check (&mirror, model);
  }

  /* changed by another program: read again on reload */
  {
    sqlite3 *handle;

    g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
    /* (another Tourdesk: the triggers need our functions) */
    g_assert_true (_td_customer_search_register (handle, NULL));
    g_assert_true (_td_customer_list_register (handle, NULL));
    g_assert_cmpint (sqlite3_exec (handle, "UPDATE customers SET deleted = 1 WHERE rowid IN "
                                           "(SELECT rowid FROM customers WHERE deleted = 0 LIMIT 3)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (handle);
  }
  td_customer_list_model_reload (model);
  wait_loaded (model);
  mirror_check (&mirror, model);
  g_assert_cmpint (td_customer_list_model_get_total (model), ==, td_database_count (db, "customer", NULL));

  g_signal_handlers_disconnect_by_data (model, &mirror);
  g_ptr_array_unref (mirror.ids);
}

/* the query: the best matches, ranked or sorted; back to everyone */
static void
test_search (void)
{
  g_autofree char *path = copy_demo ("search.tourdesk");
  g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_NONE, NULL);
  g_autoptr(TdCustomerListModel) model = td_customer_list_model_new (db);
  g_autoptr(TdCustomerItem) someone = NULL;
  g_autofree char *initials = NULL;
  g_autofree char *id = NULL;
  Mirror mirror = { 0 };
  guint n, pos;

  wait_loaded (model);
  mirror_init (&mirror, model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  someone = g_list_model_get_item (G_LIST_MODEL (model), n / 3);
  id = g_strdup (td_customer_item_get_id (someone));
  initials = td_pinyin_initials (td_customer_item_get_name (someone));

  td_customer_list_model_set_query (model, initials);
  g_assert_true (td_customer_list_model_get_loading (model));
  wait_loaded (model);
  g_assert_cmpstr (td_customer_list_model_get_query (model), ==, initials);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <=, TD_CUSTOMER_LIST_SEARCH_LIMIT);
  pos = td_customer_list_model_find (model, id);
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  {
    /* the same item as when browsing */
    g_autoptr(TdCustomerItem) found = g_list_model_get_item (G_LIST_MODEL (model), pos);

    g_assert_true (found == someone);
  }

  /* every mobile starts with 1: more than the limit */
  td_customer_list_model_set_query (model, "1");
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, TD_CUSTOMER_LIST_SEARCH_LIMIT);
  g_assert_true (td_customer_list_model_get_limited (model));

  /* sorted by city, the matches */
  td_customer_list_model_set_sort (model, TD_CUSTOMER_SORT_CITY, FALSE);
  wait_loaded (model);
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(TdCustomerItem) a = g_list_model_get_item (G_LIST_MODEL (model), i - 1);
      g_autoptr(TdCustomerItem) b = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *ka = _td_customer_sort_key (td_customer_item_get_city (a));
      g_autofree char *kb = _td_customer_sort_key (td_customer_item_get_city (b));

      if (td_customer_item_get_city (a) == NULL)
        g_clear_pointer (&ka, g_free);
      g_assert_cmpstr (ka ? ka : "", <=, td_customer_item_get_city (b) ? kb : "");
    }

  /* nothing */
  td_customer_list_model_set_query (model, "没有这个人");
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_false (td_customer_list_model_get_limited (model));

  /* everyone again */
  td_customer_list_model_set_sort (model, TD_CUSTOMER_SORT_NAME, FALSE);
  td_customer_list_model_set_query (model, "");
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  mirror_check (&mirror, model);

  g_signal_handlers_disconnect_by_data (model, &mirror);
  g_ptr_array_unref (mirror.ids);
}

/* TdDatabase::changed: after the commit, from an idle */
static void
changed_cb (TdDatabase *db,
            GPtrArray  *changes,
            GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_ptr_array_ref (changes));
}

static void
committed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *seen_then = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_database_commit_finish (TD_DATABASE (object), result, &error));
  g_assert_no_error (error);
  *seen_then = ((GPtrArray *) g_object_get_data (object, "seen"))->len;
}

static void
test_changed_signal (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("signal.tourdesk", TD_PROFILE_BOTH);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autofree char *id = NULL;
  GPtrArray *got;
  guint seen_then = 0;

  /* nobody listening: nothing waits to be emitted */
  g_free (add_customer (db, "张三", NULL));
  g_assert_false (g_main_context_pending (NULL));

  g_signal_connect (db, "changed", G_CALLBACK (changed_cb), seen);
  g_object_set_data (G_OBJECT (db), "seen", seen);
  id = add_customer (db, "李四", NULL);
  g_assert_cmpuint (seen->len, ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen->len, ==, 1);
  got = g_ptr_array_index (seen, 0);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (td_change_get_kind (g_ptr_array_index (got, 0)), ==, "customer");
  g_assert_cmpstr (td_change_get_id (g_ptr_array_index (got, 0)), ==, id);
  g_assert_cmpint (td_change_get_op (g_ptr_array_index (got, 0)), ==, TD_CHANGE_INSERT);

  /* from a worker: in this thread, before the callback */
  g_ptr_array_add (changes, td_change_new_delete ("customer", id, revision_of (db, id)));
  td_database_commit_async (db, NULL, changes, NULL, committed_cb, &seen_then);
  while (seen_then == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (seen_then, ==, 2);
  got = g_ptr_array_index (seen, 1);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpint (td_change_get_op (g_ptr_array_index (got, 0)), ==, TD_CHANGE_DELETE);

  /* a failed commit: nothing */
  g_ptr_array_set_size (changes, 0);
  g_ptr_array_add (changes, td_change_new_delete ("customer", id, 1));
  g_assert_false (td_database_commit (db, NULL, changes, NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TdDatabase) demo = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;

  g_test_init (&argc, &argv, NULL);

  demo_path = td_test_path ("demo.tourdesk");
  td_demo_options_init (&options);
  options.customers = 1100;
  demo = td_demo_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&demo);

  g_test_add_func ("/customer-list/sort-key", test_sort_key);
  g_test_add_func ("/customer-list/pinyin-order", test_pinyin_order);
  g_test_add_func ("/customer-list/paging", test_paging);
  g_test_add_func ("/customer-list/before-checkpoints", test_before_checkpoints);
  g_test_add_func ("/customer-list/changes", test_changes);
  g_test_add_func ("/customer-list/search", test_search);
  g_test_add_func ("/customer-list/changed-signal", test_changed_signal);

  return g_test_run ();
}
