/* td-customer-list.c: the live customers of a workspace as a lazy GListModel
 *
 * Positions and keys. The list is in the order of a key: (sort_name,
 * rowid), (sort_city, sort_name, rowid), (created_at, rowid) or
 * (updated_at, rowid), ascending or descending, as the indexes of
 * migration 7 give it for the live rows (deleted = 0). A checkpoint is a
 * key with the number of live rows before it; the checkpoints of every
 * TD_CUSTOMER_LIST_PAGE_SIZE-th row are read once (one scan of the index,
 * in a worker thread, on a connection of its own) and kept exact as rows
 * come and go: a page is then "the rows from this checkpoint on, skipping
 * a few", one range read of the index.
 *
 * A commit is placed row by row: the key a changed customer had (from its
 * item, still in use, or from the row when the change cannot have moved
 * it) and the one it has now give the positions to remove and insert.
 * Where the old key is not known the list reads everything again.
 *
 * While it tells the view about several rows, one signal at a time, the
 * list answers as it would between those signals (see Transition).
 *
 * The reads themselves (keys, range statements, the list's own
 * connections) are in td-customer-list-rows.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer-item-private.h"
#include "td-customer-list-private.h"
#include "td-customer-list-rows-private.h"
#include "td-customer-search.h"
#include "td-database-private.h"
#include "td-id-number.h"
#include "td-main-context.h"
#include "td-pinyin.h"

#define PAGE_SIZE   TD_CUSTOMER_LIST_PAGE_SIZE
/* pages kept */
#define MAX_PAGES   24
/* more rows changed at once than this: read everything again */
#define MAX_PLACED  64
/* a worker looks at its cancellable every so many rows */
#define CANCEL_EVERY 8192

static guint checkpoint_delay_ms;

void
_td_customer_list_set_checkpoint_delay (guint ms)
{
  g_atomic_int_set (&checkpoint_delay_ms, ms);
}

/* ------------------------------------------------------------------ */
/* the sort key (schema: migration 7)                                 */

char *
_td_customer_sort_key (const char *text)
{
  g_autofree char *pinyin = NULL;

  if (text == NULL)
    return g_strdup ("");
  pinyin = td_pinyin_full (text);
  return g_strconcat (pinyin, "\x1f", text, NULL);
}

static void
sql_sort_key (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *text = NULL;

  if (sqlite3_value_type (argv[0]) != SQLITE_NULL)
    text = (const char *) sqlite3_value_text (argv[0]);
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    text = NULL;
  sqlite3_result_text (context, _td_customer_sort_key (text), -1, g_free);
}

gboolean
_td_customer_list_register (sqlite3  *db,
                            GError  **error)
{
  int rc = sqlite3_create_function_v2 (db, "td_customer_sort_key", 1,
                                       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                       NULL, sql_sort_key, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _td_database_set_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* the model                                                          */

typedef struct {
  Key   key;
  guint pos;   /* live rows before key, in the order */
} Checkpoint;

static void
checkpoint_clear (gpointer data)
{
  _td_list_key_clear (&((Checkpoint *) data)->key);
}

typedef struct {
  guint      index;
  GPtrArray *items;    /* TdCustomerItem */
  gboolean   pending;  /* placeholders: waiting for the checkpoints */
} Page;

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

/* While several rows are signalled one at a time: the removals still to
 * signal (at their positions, ascending; the items they had) and where
 * the rows still to insert will be (final positions, ascending). */
typedef struct {
  guint           pos;
  TdCustomerItem *item;
} Removed;

typedef struct {
  GArray *removed;  /* Removed, by position */
  GArray *holes;    /* guint */
} Transition;

struct _TdCustomerListModel
{
  GObject         parent_instance;

  TdDatabase     *database;
  Connection     *reader;       /* this thread only */
  GError         *reader_error;
  GMainContext   *context;
  gulong          changed_id;

  char           *query;
  Order           order;        /* asked for */
  Order           browse_order; /* of the checkpoints and pages */

  /* what the view knows */
  guint           n_items;
  GPtrArray      *results;      /* TdCustomerItem: showing matches; NULL: browsing */
  GPtrArray      *ranked;       /* the matches, the best first */
  gboolean        limited;

  /* browsing */
  gint64          total;
  GArray         *checkpoints;  /* Checkpoint; NULL until read */
  GHashTable     *pages;        /* index → Page */
  GQueue          lru;          /* guint index, most recent first */
  gboolean        browse_valid;
  Transition     *transition;

  /* one item per customer while in use: id → TdCustomerItem (weak) */
  GHashTable     *items;

  /* the job running (reading checkpoints, or searching) */
  GCancellable   *cancellable;
  guint           generation;
  gboolean        browse_job;
  gboolean        restart;      /* changes came while it ran */
  char           *error;

  guint           n_page_reads;
  double          page_read_ms;
  double          page_read_max_ms;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdCustomerListModel, td_customer_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_QUERY,
  PROP_SORT,
  PROP_DESCENDING,
  PROP_LOADING,
  PROP_LIMITED,
  PROP_TOTAL,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_browse (TdCustomerListModel *self);
static void start_search (TdCustomerListModel *self);

static gboolean
searching (TdCustomerListModel *self)
{
  return self->query != NULL && self->query[0] != '\0';
}

static void
set_error (TdCustomerListModel *self,
           const GError        *error)
{
  const char *message = error ? error->message : NULL;

  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_total (TdCustomerListModel *self,
           gint64               total)
{
  if (self->total == total)
    return;
  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

/* ---- items: one per customer ---- */

static void
item_gone_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  TdCustomerListModel *self = data;
  TdCustomerRowData *row = _td_customer_item_get_data ((TdCustomerItem *) where_the_object_was);

  if (row && g_hash_table_lookup (self->items, row->id) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->items, row->id);
}

static void
adopt_item (TdCustomerListModel *self,
            TdCustomerItem      *item,
            TdCustomerRowData   *row)
{
  g_hash_table_insert (self->items, g_strdup (row->id), item);
  g_object_weak_ref (G_OBJECT (item), item_gone_cb, self);
  _td_customer_item_set_data (item, row);
}

/* The item of row's customer, made or updated; takes row. */
static TdCustomerItem *
item_for_row (TdCustomerListModel *self,
              TdCustomerRowData   *row)
{
  TdCustomerItem *item = g_hash_table_lookup (self->items, row->id);

  if (item != NULL)
    {
      _td_customer_item_set_data (item, row);
      return g_object_ref (item);
    }
  item = _td_customer_item_new ();
  adopt_item (self, item, row);
  return item;
}

/* ---- pages ---- */

static void
drop_pages (TdCustomerListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static void
touch_page (TdCustomerListModel *self,
            guint                index)
{
  GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (index));

  if (link != NULL)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return;
    }
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (index));
  while (self->lru.length > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
}

/* The checkpoint to read position from: the last one at or before it. */
static const Checkpoint *
checkpoint_for_position (TdCustomerListModel *self,
                         guint                position)
{
  guint lo = 0, hi = self->checkpoints->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->checkpoints, Checkpoint, mid).pos <= position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? &g_array_index (self->checkpoints, Checkpoint, lo - 1) : NULL;
}

/* The last checkpoint whose key is at or before key, in the order. */
static const Checkpoint *
checkpoint_for_key (TdCustomerListModel *self,
                    const Key           *key)
{
  guint lo = 0, hi = self->checkpoints->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (_td_list_order_compare (self->browse_order, &g_array_index (self->checkpoints, Checkpoint, mid).key, key) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? &g_array_index (self->checkpoints, Checkpoint, lo - 1) : NULL;
}

static void
schedule_reload (TdCustomerListModel *self);

/* The rows of page index, read now; NULL when it cannot be placed yet (no
 * checkpoints, and not the page after one read) or on errors. Fewer rows
 * than the page should have means another program changed the workspace:
 * a reload follows. */
static GPtrArray *
read_page_rows (TdCustomerListModel *self,
                guint                index)
{
  guint start = index * PAGE_SIZE;
  guint count = (guint) MIN (PAGE_SIZE, self->total - start);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const Key *lower = NULL;
  Key after = { NULL, NULL, 0 };
  LowerBound bound = BOUND_NONE;
  guint offset = 0;
  gint64 begin = g_get_monotonic_time ();
  double ms;

  if (self->reader == NULL)
    return NULL;

  if (start > 0 && self->checkpoints != NULL)
    {
      const Checkpoint *c = checkpoint_for_position (self, start);

      offset = start;
      if (c != NULL)
        {
          lower = &c->key;
          bound = BOUND_FROM;
          offset = start - c->pos;
        }
    }
  else if (start > 0)
    {
      /* scrolling down before the checkpoints: on from the page above */
      Page *above = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index - 1));
      TdCustomerRowData *last;

      if (above == NULL || above->pending || above->items->len == 0
          || (last = _td_customer_item_get_data (g_ptr_array_index (above->items, above->items->len - 1))) == NULL)
        return NULL;
      _td_list_key_from_row (&after, self->browse_order, last);
      lower = &after;
      bound = BOUND_AFTER;
    }

  rows = _td_list_read_rows (self->reader, self->browse_order, lower, bound, offset, count, &error);
  _td_list_key_clear (&after);
  if (rows == NULL)
    {
      set_error (self, error);
      return NULL;
    }
  if (rows->len < count)
    {
      g_debug ("customer list: page %u has %u rows of %u; reloading", index, rows->len, count);
      schedule_reload (self);
    }

  ms = (g_get_monotonic_time () - begin) / 1000.0;
  self->n_page_reads++;
  self->page_read_ms += ms;
  self->page_read_max_ms = MAX (self->page_read_max_ms, ms);
  return g_steal_pointer (&rows);
}

static Page *
get_page (TdCustomerListModel *self,
          guint                index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page == NULL)
    {
      guint count = (guint) MIN (PAGE_SIZE, self->total - index * PAGE_SIZE);
      g_autoptr(GPtrArray) rows = read_page_rows (self, index);

      page = g_new0 (Page, 1);
      page->index = index;
      page->items = g_ptr_array_new_full (count, g_object_unref);
      for (guint i = 0; rows && i < rows->len; i++)
        g_ptr_array_add (page->items, item_for_row (self, g_steal_pointer (&rows->pdata[i])));
      /* not placed yet: items that will be filled in */
      page->pending = page->items->len < count;
      while (page->items->len < count)
        g_ptr_array_add (page->items, _td_customer_item_new ());
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
    }
  touch_page (self, index);
  return page;
}

/* The item at position of the rows (in the order browsed), as they are
 * now. */
static gpointer
browse_item (TdCustomerListModel *self,
             guint                position)
{
  Page *page;

  if (position >= self->total)
    return NULL;
  page = get_page (self, position / PAGE_SIZE);
  if (position % PAGE_SIZE >= page->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->items, position % PAGE_SIZE));
}

/* ---- GListModel ---- */

static GType
list_model_get_item_type (GListModel *model)
{
  return TD_TYPE_CUSTOMER_ITEM;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return TD_CUSTOMER_LIST_MODEL (model)->n_items;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  TdCustomerListModel *self = TD_CUSTOMER_LIST_MODEL (model);

  if (position >= self->n_items)
    return NULL;

  if (self->results != NULL)
    return g_object_ref (g_ptr_array_index (self->results, position));

  if (self->transition != NULL)
    {
      Transition *t = self->transition;
      guint q = position;

      /* a row still to be removed */
      for (guint i = 0; i < t->removed->len; i++)
        {
          Removed *r = &g_array_index (t->removed, Removed, i);

          if (r->pos == position)
            return g_object_ref (r->item);
          if (r->pos < position)
            q--;
        }
      /* else one that stays: skip the places of those not inserted yet */
      for (guint i = 0; i < t->holes->len; i++)
        if (g_array_index (t->holes, guint, i) <= q)
          q++;
      position = q;
    }

  return browse_item (self, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* ---- showing ---- */

/* Everything replaced: said as two signals, all removed, then all added.
 * In one, GTK's list item manager (gtk_list_item_manager_model_items_
 * changed_cb) looks for the rows it follows (focus, anchor) among every
 * added item, one get_item() each: a million at a million customers. */
static void
show (TdCustomerListModel *self,
      guint                n_items,
      GPtrArray           *results)
{
  guint removed = self->n_items;

  g_clear_pointer (&self->results, g_ptr_array_unref);
  if (removed > 0 && n_items > 0)
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      removed = 0;
    }
  self->results = results;
  self->n_items = n_items;
  if (removed > 0 || n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n_items);
}

static void
set_limited (TdCustomerListModel *self,
             gboolean             limited)
{
  if (self->limited == limited)
    return;
  self->limited = limited;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMITED]);
}

/* ---- jobs ---- */

static void
start_job (TdCustomerListModel *self,
           gboolean             browse)
{
  gboolean was_loading = self->cancellable != NULL;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->browse_job = browse;
  self->restart = FALSE;
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
end_job (TdCustomerListModel *self)
{
  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Browsing: count, the first page, then the checkpoints, all in one read
 * transaction of a connection of the job's own. */
typedef struct _FirstPage FirstPage;

typedef struct {
  GMainContext *context;
  TdDatabase   *database;
  Order         order;
  guint         generation;
  FirstPage    *first;    /* to the main thread once read */
} BrowseData;

typedef struct {
  gint64     count;
  GPtrArray *first;        /* TdCustomerRowData */
  GArray    *checkpoints;  /* Checkpoint */
} BrowseResult;

static void first_page_free (gpointer data);

static void
browse_data_free (BrowseData *data)
{
  g_main_context_unref (data->context);
  g_object_unref (data->database);
  g_clear_pointer (&data->first, first_page_free);
  g_free (data);
}

static void
browse_result_free (BrowseResult *result)
{
  g_clear_pointer (&result->first, g_ptr_array_unref);
  g_clear_pointer (&result->checkpoints, g_array_unref);
  g_free (result);
}

struct _FirstPage {
  GWeakRef   model;
  guint      generation;
  gint64     count;
  GPtrArray *first;
};

static void
first_page_free (gpointer data)
{
  FirstPage *first = data;

  g_weak_ref_clear (&first->model);
  g_clear_pointer (&first->first, g_ptr_array_unref);
  g_free (first);
}

/* Shows the count and the first page while the checkpoints are read. */
static gboolean
first_page_cb (gpointer data)
{
  FirstPage *first = data;
  g_autoptr(TdCustomerListModel) self = g_weak_ref_get (&first->model);
  Page *page;

  if (self == NULL || first->generation != self->generation)
    return G_SOURCE_REMOVE;

  g_clear_pointer (&self->checkpoints, g_array_unref);
  self->browse_valid = TRUE;
  drop_pages (self);
  set_total (self, first->count);

  /* the first page as read in the same transaction as the count */
  page = g_new0 (Page, 1);
  page->items = g_ptr_array_new_full (first->first->len, g_object_unref);
  for (guint i = 0; i < first->first->len; i++)
    g_ptr_array_add (page->items, item_for_row (self, g_steal_pointer (&first->first->pdata[i])));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), page);
  touch_page (self, 0);

  set_limited (self, FALSE);
  show (self, (guint) first->count, NULL);
  return G_SOURCE_REMOVE;
}

static void
browse_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BrowseData *data = task_data;
  g_autoptr(Connection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count_sql = _td_list_range_sql (data->order, "count(*)", BOUND_NONE, FALSE, FALSE);
  g_autofree char *key_columns = NULL;
  g_autofree char *keys_sql = NULL;
  g_autoptr(GArray) checkpoints = NULL;
  sqlite3_stmt *stmt;
  const SortColumns *cols = &_td_list_sort_columns[data->order.sort];
  BrowseResult *result;
  FirstPage *first;
  gint64 count = 0, n = 0;
  int rc, delay_ms;

  /* the tests' delay, read before the first page goes out: the test sets
   * it back to 0 as soon as it sees that page */
  delay_ms = g_atomic_int_get (&checkpoint_delay_ms);

  conn = _td_list_connection_open (data->database, &error);
  if (conn == NULL || !(sqlite3_exec (conn->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK))
    {
      if (error == NULL)
        _td_database_set_error (&error, conn->db, sqlite3_errcode (conn->db));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* how many, and the first page to show now (not when only the order
   * changed: the list shows it already) */
  if (data->first != NULL)
    {
      stmt = _td_list_connection_prepare (conn, count_sql, &error);
      if (stmt == NULL)
        goto fail;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (_td_list_step_failed (conn, rc, &error))
        goto fail;

      first = g_steal_pointer (&data->first);
      first->count = count;
      first->first = _td_list_read_rows (conn, data->order, NULL, BOUND_NONE, 0, PAGE_SIZE, &error);
      if (first->first == NULL)
        {
          first_page_free (first);
          goto fail;
        }
      td_main_context_post (data->context, G_PRIORITY_DEFAULT, first_page_cb, first, first_page_free);
    }

  if (delay_ms > 0)
    g_usleep (delay_ms * 1000);

  /* the key of every page's first row, in one scan of the index */
  key_columns = cols->k2 ? g_strdup_printf ("%s, %s, rowid", cols->k1, cols->k2)
                         : g_strdup_printf ("%s, rowid", cols->k1);
  keys_sql = _td_list_range_sql (data->order, key_columns, BOUND_NONE, FALSE, TRUE);
  checkpoints = g_array_sized_new (FALSE, FALSE, sizeof (Checkpoint), 1024);
  g_array_set_clear_func (checkpoints, checkpoint_clear);
  stmt = _td_list_connection_prepare (conn, keys_sql, &error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n % PAGE_SIZE == 0)
        {
          Checkpoint c = { { NULL, NULL, 0 }, (guint) n };
          int i = 0;

          c.key.k1 = g_strdup ((const char *) sqlite3_column_text (stmt, i++));
          if (cols->k2)
            c.key.k2 = g_strdup ((const char *) sqlite3_column_text (stmt, i++));
          c.key.rowid = sqlite3_column_int64 (stmt, i);
          g_array_append_val (checkpoints, c);
        }
      if (++n % CANCEL_EVERY == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  sqlite3_reset (stmt);
  if (_td_list_step_failed (conn, rc, &error) || g_cancellable_set_error_if_cancelled (cancellable, &error))
    goto fail;
  sqlite3_exec (conn->db, "COMMIT", NULL, NULL, NULL);

  result = g_new0 (BrowseResult, 1);
  result->count = n;
  result->checkpoints = g_steal_pointer (&checkpoints);
  g_task_return_pointer (task, result, (GDestroyNotify) browse_result_free);
  return;

fail:
  sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

/* The items of pages handed out before they could be read: filled in now.
 * Where a customer has an item in use already, the page takes that one and
 * the view is told. */
static void
fill_pending_pages (TdCustomerListModel *self)
{
  g_autoptr(GArray) replaced = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  Page *page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    {
      g_autoptr(GPtrArray) rows = NULL;

      if (!page->pending || (rows = read_page_rows (self, page->index)) == NULL)
        continue;
      for (guint i = 0; i < rows->len && i < page->items->len; i++)
        {
          TdCustomerRowData *row = g_steal_pointer (&rows->pdata[i]);
          TdCustomerItem *placeholder = g_ptr_array_index (page->items, i);
          TdCustomerItem *item = g_hash_table_lookup (self->items, row->id);

          if (item == NULL)
            adopt_item (self, placeholder, row);
          else
            {
              guint pos = page->index * PAGE_SIZE + i;

              _td_customer_item_set_data (item, row);
              if (item != placeholder)
                {
                  g_ptr_array_index (page->items, i) = g_object_ref (item);
                  g_object_unref (placeholder);
                  g_array_append_val (replaced, pos);
                }
            }
        }
      page->pending = rows->len < page->items->len;
    }
  for (guint i = 0; i < replaced->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (replaced, guint, i), 1, 1);
}

static void
browse_done_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(TdCustomerListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  BrowseResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  BrowseData *data = g_task_get_task_data (G_TASK (res));

  if (data->generation != self->generation)
    {
      g_clear_pointer (&result, browse_result_free);
      return;
    }

  if (result == NULL)
    {
      set_error (self, error);
      end_job (self);
      return;
    }

  if (self->restart || result->count != self->total)
    {
      /* written to meanwhile: again */
      browse_result_free (result);
      start_browse (self);
      return;
    }

  set_error (self, NULL);
  g_clear_pointer (&self->checkpoints, g_array_unref);
  self->checkpoints = g_steal_pointer (&result->checkpoints);
  browse_result_free (result);
  end_job (self);
  if (self->results == NULL)
    fill_pending_pages (self);
}

/* Reads the list: the count and the first page (unless order_only), then
 * the checkpoints, in a worker thread. */
static void
start_browse_job (TdCustomerListModel *self,
                  gboolean             order_only)
{
  g_autoptr(GTask) task = NULL;
  BrowseData *data;

  data = g_new0 (BrowseData, 1);
  data->context = g_main_context_ref (self->context);
  data->database = g_object_ref (self->database);
  data->order = self->browse_order;
  data->generation = self->generation;
  if (!order_only)
    {
      data->first = g_new0 (FirstPage, 1);
      g_weak_ref_init (&data->first->model, self);
      data->first->generation = self->generation;
    }

  task = g_task_new (NULL, self->cancellable, browse_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_browse);
  g_task_set_task_data (task, data, (GDestroyNotify) browse_data_free);
  g_task_run_in_thread (task, browse_thread);
}

static void
start_browse (TdCustomerListModel *self)
{
  start_job (self, TRUE);
  self->browse_order = self->order;
  if (self->browse_order.sort == TD_CUSTOMER_SORT_RELEVANCE)
    self->browse_order.sort = TD_CUSTOMER_SORT_NAME;
  start_browse_job (self, FALSE);
}

/* Another order of the same rows: the count is known, the first page is
 * one read; shown now, the checkpoints follow. */
static void
start_resort (TdCustomerListModel *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  Order order = self->order;
  Page *page;

  if (order.sort == TD_CUSTOMER_SORT_RELEVANCE)
    order.sort = TD_CUSTOMER_SORT_NAME;
  if (self->total < 0 || self->reader == NULL || !self->browse_valid
      || (rows = _td_list_read_rows (self->reader, order, NULL, BOUND_NONE, 0, PAGE_SIZE, NULL)) == NULL
      || rows->len != MIN (PAGE_SIZE, self->total))
    {
      start_browse (self);
      return;
    }

  start_job (self, TRUE);
  self->browse_order = order;
  g_clear_pointer (&self->checkpoints, g_array_unref);
  drop_pages (self);
  page = g_new0 (Page, 1);
  page->items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (page->items, item_for_row (self, g_steal_pointer (&rows->pdata[i])));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), page);
  touch_page (self, 0);
  show (self, (guint) self->total, NULL);
  start_browse_job (self, TRUE);
}

/* Searching: td_customer_search(), then the rows of the matches. */
typedef struct {
  char       *query;
  guint       generation;
  TdDatabase *database;
} SearchData;

typedef struct {
  GPtrArray *rows;     /* TdCustomerRowData, best first */
  gboolean   limited;
} SearchResult;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_object_unref (data->database);
  g_free (data);
}

static void
search_result_free (SearchResult *result)
{
  g_ptr_array_unref (result->rows);
  g_free (result);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  SearchResult *result;
  sqlite3_stmt *stmt;

  hits = td_customer_search (data->database, data->query, TD_CUSTOMER_LIST_SEARCH_LIMIT + 1, &error);
  if (hits == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  result = g_new0 (SearchResult, 1);
  result->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _td_customer_row_data_free);
  result->limited = hits->len > TD_CUSTOMER_LIST_SEARCH_LIMIT;

  _td_database_lock (data->database);
  stmt = _td_database_prepare (data->database, "SELECT " ROW_COLUMNS " FROM customers WHERE id = ?", &error);
  for (guint i = 0; stmt && i < MIN (hits->len, TD_CUSTOMER_LIST_SEARCH_LIMIT); i++)
    {
      TdCustomerHit *hit = g_ptr_array_index (hits, i);

      sqlite3_bind_text (stmt, 1, hit->id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (result->rows, _td_list_read_row (stmt));
      sqlite3_reset (stmt);
    }
  _td_database_unlock (data->database);

  if (stmt == NULL)
    {
      search_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) search_result_free);
}

static int
compare_items_in_order (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const Order *order = user_data;
  TdCustomerRowData *ra = _td_customer_item_get_data (*(TdCustomerItem **) a);
  TdCustomerRowData *rb = _td_customer_item_get_data (*(TdCustomerItem **) b);
  Key ka, kb;
  int c;

  _td_list_key_from_row (&ka, *order, ra);
  _td_list_key_from_row (&kb, *order, rb);
  c = _td_list_order_compare (*order, &ka, &kb);
  _td_list_key_clear (&ka);
  _td_list_key_clear (&kb);
  return c;
}

static void
sort_results (TdCustomerListModel *self,
              GPtrArray           *results)
{
  if (self->order.sort != TD_CUSTOMER_SORT_RELEVANCE)
    g_ptr_array_sort_with_data (results, compare_items_in_order, &self->order);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(TdCustomerListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  SearchResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  SearchData *data = g_task_get_task_data (G_TASK (res));
  GPtrArray *results;

  if (data->generation != self->generation)
    {
      g_clear_pointer (&result, search_result_free);
      return;
    }
  if (result == NULL)
    {
      set_error (self, error);
      end_job (self);
      return;
    }
  if (self->restart)
    {
      search_result_free (result);
      start_search (self);
      return;
    }

  g_clear_pointer (&self->ranked, g_ptr_array_unref);
  self->ranked = g_ptr_array_new_full (result->rows->len, g_object_unref);
  results = g_ptr_array_new_full (result->rows->len, g_object_unref);
  for (guint i = 0; i < result->rows->len; i++)
    {
      TdCustomerItem *item = item_for_row (self, g_steal_pointer (&result->rows->pdata[i]));

      g_ptr_array_add (self->ranked, item);
      g_ptr_array_add (results, g_object_ref (item));
    }
  sort_results (self, results);
  set_error (self, NULL);
  set_limited (self, result->limited);
  search_result_free (result);
  end_job (self);
  show (self, results->len, results);
}

static void
start_search (TdCustomerListModel *self)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  start_job (self, FALSE);
  data = g_new0 (SearchData, 1);
  data->query = g_strdup (self->query);
  data->generation = self->generation;
  data->database = g_object_ref (self->database);

  task = g_task_new (NULL, self->cancellable, search_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
}

static void
reload_now (TdCustomerListModel *self)
{
  if (searching (self))
    {
      self->browse_valid = FALSE;
      start_search (self);
    }
  else
    start_browse (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  reload_now (data);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (TdCustomerListModel *self)
{
  /* not from inside get_item() */
  g_idle_add_full (G_PRIORITY_DEFAULT, reload_idle_cb, g_object_ref (self), g_object_unref);
}

/* ------------------------------------------------------------------ */
/* following commits                                                  */

typedef struct {
  char              *id;
  TdChangeOp         first_op;
  gboolean           sort_field_changed;
  TdCustomerRowData *now;       /* the row as it is, NULL when none */
  gboolean           was_live;
  gboolean           known;     /* was_live and old_key are known */
  Key                old_key;
  TdCustomerItem    *old_item;  /* in use before, if it was */
} Placed;

static void
placed_clear (gpointer data)
{
  Placed *p = data;

  g_free (p->id);
  g_clear_pointer (&p->now, _td_customer_row_data_free);
  _td_list_key_clear (&p->old_key);
  g_clear_object (&p->old_item);
}

static gboolean
change_sets_sort_field (TdChange *change,
                        Order     order)
{
  JsonObject *values = td_change_get_values (change);

  switch (order.sort)
    {
    case TD_CUSTOMER_SORT_CITY:
      return json_object_has_member (values, "city") || json_object_has_member (values, "name");
    case TD_CUSTOMER_SORT_CREATED:
      return FALSE;
    case TD_CUSTOMER_SORT_UPDATED:
      return TRUE;   /* every change does */
    case TD_CUSTOMER_SORT_NAME:
    case TD_CUSTOMER_SORT_RELEVANCE:
    default:
      return json_object_has_member (values, "name");
    }
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static gboolean
in_range (Order      order,
          const Key *key,
          const Key *from,
          const Key *before)
{
  return (from == NULL || _td_list_order_compare (order, from, key) <= 0) && _td_list_order_compare (order, key, before) < 0;
}

static int
compare_removed (gconstpointer a,
                 gconstpointer b)
{
  return compare_uint (&((const Removed *) a)->pos, &((const Removed *) b)->pos);
}

static void
removed_clear (gpointer data)
{
  g_clear_object (&((Removed *) data)->item);
}

/* Places the changed customers (how they were and are known): removes and
 * inserts them one signal at a time. FALSE (nothing done) when it cannot. */
static gboolean
place_changes (TdCustomerListModel *self,
               GArray              *placed)
{
  Order order = self->browse_order;
  g_autoptr(GArray) removed = g_array_new (FALSE, TRUE, sizeof (Removed));
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) old_keys = g_ptr_array_new ();   /* Key*, of the rows that go */
  g_autoptr(GPtrArray) old_placed = g_ptr_array_new (); /* Placed*, the same */
  g_autoptr(GPtrArray) new_keys = g_ptr_array_new_with_free_func (_td_list_key_free);
  g_autoptr(GError) error = NULL;
  Transition transition;

  g_array_set_clear_func (removed, removed_clear);

  /* what goes, what comes */
  for (guint i = 0; i < placed->len; i++)
    {
      Placed *p = &g_array_index (placed, Placed, i);
      gboolean live = p->now && !p->now->deleted;
      Key *new_key = NULL;

      if (live)
        {
          new_key = g_new0 (Key, 1);
          _td_list_key_from_row (new_key, order, p->now);
        }
      if (p->was_live && live && _td_list_key_equal (&p->old_key, new_key))
        {
          /* stays where it is; its item (if in use) is updated after */
          _td_list_key_free (new_key);
          continue;
        }
      if (p->was_live)
        {
          g_ptr_array_add (old_keys, &p->old_key);
          g_ptr_array_add (old_placed, p);
        }
      if (live)
        g_ptr_array_add (new_keys, new_key);
    }
  if (old_keys->len == 0 && new_keys->len == 0)
    return TRUE;

  /* where the rows that go were: the checkpoints still say how it was,
   * the database already has the new rows */
  for (guint i = 0; i < old_keys->len; i++)
    {
      const Key *k = g_ptr_array_index (old_keys, i);
      const Checkpoint *c = checkpoint_for_key (self, k);
      const Key *from = c ? &c->key : NULL;
      gint64 n = _td_list_count_between (self->reader, order, from, k, &error);
      Placed *p = g_ptr_array_index (old_placed, i);
      Removed r;

      if (n < 0)
        return FALSE;
      for (guint j = 0; j < new_keys->len; j++)
        if (in_range (order, g_ptr_array_index (new_keys, j), from, k))
          n--;
      for (guint j = 0; j < old_keys->len; j++)
        if (j != i && in_range (order, g_ptr_array_index (old_keys, j), from, k))
          n++;
      r.pos = (c ? c->pos : 0) + (guint) n;
      if (n < 0 || r.pos >= self->n_items)
        return FALSE;
      /* what the view had there, for it to see until it is gone */
      if (p->old_item)
        r.item = g_object_ref (p->old_item);
      else
        {
          r.item = _td_customer_item_new ();
          if (p->now)
            _td_customer_item_set_data (r.item, _td_customer_row_data_copy (p->now));
        }
      g_array_append_val (removed, r);
    }

  /* the checkpoints, as it is now */
  for (guint i = 0; i < self->checkpoints->len; i++)
    {
      Checkpoint *c = &g_array_index (self->checkpoints, Checkpoint, i);

      for (guint j = 0; j < old_keys->len; j++)
        if (_td_list_order_compare (order, &c->key, g_ptr_array_index (old_keys, j)) > 0)
          c->pos--;
      for (guint j = 0; j < new_keys->len; j++)
        if (_td_list_order_compare (order, &c->key, g_ptr_array_index (new_keys, j)) > 0)
          c->pos++;
    }

  /* where the new ones are */
  for (guint i = 0; i < new_keys->len; i++)
    {
      const Key *k = g_ptr_array_index (new_keys, i);
      const Checkpoint *c = checkpoint_for_key (self, k);
      gint64 n = _td_list_count_between (self->reader, order, c ? &c->key : NULL, k, &error);
      guint pos;

      if (n < 0)
        {
          /* the checkpoints have moved on: all again */
          g_clear_pointer (&self->checkpoints, g_array_unref);
          return FALSE;
        }
      pos = (c ? c->pos : 0) + (guint) n;
      g_array_append_val (added, pos);
    }

  drop_pages (self);
  g_array_sort (removed, compare_removed);
  g_array_sort (added, compare_uint);
  set_total (self, self->total - (gint64) removed->len + (gint64) added->len);

  /* one signal at a time: removals from the last, then insertions from
   * the first; in between, get_item() answers as the view then sees it */
  transition.removed = removed;
  transition.holes = g_array_copy (added);
  self->transition = &transition;
  while (removed->len > 0)
    {
      guint pos = g_array_index (removed, Removed, removed->len - 1).pos;

      g_array_remove_index (removed, removed->len - 1);
      self->n_items--;
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
    }
  for (guint i = 0; i < added->len; i++)
    {
      g_array_remove_index (transition.holes, 0);
      self->n_items++;
      g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (added, guint, i), 0, 1);
    }
  self->transition = NULL;
  g_array_unref (transition.holes);
  return TRUE;
}

static void
database_changed_cb (TdCustomerListModel *self,
                     GPtrArray           *changes,
                     TdDatabase          *database)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  g_autoptr(GError) error = NULL;
  gboolean all_known = TRUE;

  g_array_set_clear_func (placed, placed_clear);

  /* too many to list (td_database_commit_stream()): all again */
  if (changes == NULL)
    {
      if (self->cancellable != NULL)
        {
          self->restart = TRUE;
          if (!self->browse_job)
            self->browse_valid = FALSE;
        }
      else if (self->results != NULL)
        {
          self->browse_valid = FALSE;
          start_search (self);
        }
      else
        start_browse (self);
      return;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      TdChange *change = g_ptr_array_index (changes, i);
      Placed *p = NULL;

      if (g_strcmp0 (td_change_get_kind (change), "customer") != 0)
        continue;
      for (guint j = 0; j < placed->len && p == NULL; j++)
        if (g_str_equal (g_array_index (placed, Placed, j).id, td_change_get_id (change)))
          p = &g_array_index (placed, Placed, j);
      if (p == NULL)
        {
          g_array_set_size (placed, placed->len + 1);
          p = &g_array_index (placed, Placed, placed->len - 1);
          p->id = g_strdup (td_change_get_id (change));
          p->first_op = td_change_get_op (change);
        }
      if (change_sets_sort_field (change, self->browse_order) || td_change_get_op (change) != TD_CHANGE_UPDATE)
        p->sort_field_changed = TRUE;
    }
  if (placed->len == 0)
    return;

  /* while reading or searching: that again, once it is done */
  if (self->cancellable != NULL)
    {
      self->restart = TRUE;
      if (!self->browse_job)
        self->browse_valid = FALSE;
      return;
    }
  if (self->results != NULL)
    {
      self->browse_valid = FALSE;
      start_search (self);
      return;
    }
  if (self->reader == NULL || self->checkpoints == NULL || placed->len > MAX_PLACED)
    {
      start_browse (self);
      return;
    }

  /* how each was and is */
  for (guint i = 0; i < placed->len; i++)
    {
      Placed *p = &g_array_index (placed, Placed, i);
      TdCustomerItem *item = g_hash_table_lookup (self->items, p->id);
      TdCustomerRowData *before = item ? _td_customer_item_get_data (item) : NULL;

      p->now = _td_list_read_row_by_id (self->reader, p->id, &error);
      if (error != NULL)
        break;

      if (p->first_op == TD_CHANGE_INSERT || p->first_op == TD_CHANGE_RESTORE)
        {
          p->was_live = FALSE;
          p->known = TRUE;
        }
      else if (before != NULL && !before->deleted)
        {
          /* the item in use has the row as it was */
          p->was_live = TRUE;
          p->known = TRUE;
          _td_list_key_from_row (&p->old_key, self->browse_order, before);
          p->old_item = g_object_ref (item);
        }
      else if (p->now != NULL && !p->sort_field_changed)
        {
          /* an update that cannot have moved it */
          p->was_live = TRUE;
          p->known = TRUE;
          _td_list_key_from_row (&p->old_key, self->browse_order, p->now);
        }
      else if (p->now != NULL && p->first_op == TD_CHANGE_DELETE
               && self->browse_order.sort != TD_CUSTOMER_SORT_UPDATED)
        {
          /* a tombstone keeps the values it sorted by */
          p->was_live = TRUE;
          p->known = TRUE;
          _td_list_key_from_row (&p->old_key, self->browse_order, p->now);
        }
      all_known = all_known && p->known;
    }

  if (error != NULL || !all_known || !place_changes (self, placed))
    {
      start_browse (self);
      return;
    }

  /* the rows that stayed (or went) keep their items, now up to date */
  for (guint i = 0; i < placed->len; i++)
    {
      Placed *p = &g_array_index (placed, Placed, i);
      TdCustomerItem *item = g_hash_table_lookup (self->items, p->id);

      if (item != NULL && p->now != NULL)
        _td_customer_item_set_data (item, g_steal_pointer (&p->now));
    }
}

/* ------------------------------------------------------------------ */
/* public                                                             */

TdCustomerListModel *
td_customer_list_model_new (TdDatabase *database)
{
  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  return g_object_new (TD_TYPE_CUSTOMER_LIST_MODEL, "database", database, NULL);
}

TdDatabase *
td_customer_list_model_get_database (TdCustomerListModel *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self), NULL);
  return self->database;
}

void
td_customer_list_model_set_query (TdCustomerListModel *self,
                                  const char          *query)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self));

  stripped = g_strstrip (g_strdup (query ? query : ""));
  if (g_strcmp0 (stripped, self->query ? self->query : "") == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&stripped);

  if (searching (self))
    start_search (self);
  else if (self->browse_valid && self->checkpoints != NULL && self->browse_order.sort == self->order.sort
           && self->browse_order.descending == self->order.descending)
    {
      /* back to every customer, as before the search */
      if (self->cancellable)
        {
          g_cancellable_cancel (self->cancellable);
          self->generation++;
          end_job (self);
        }
      set_limited (self, FALSE);
      g_clear_pointer (&self->ranked, g_ptr_array_unref);
      show (self, (guint) self->total, NULL);
    }
  else
    start_browse (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

const char *
td_customer_list_model_get_query (TdCustomerListModel *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self), NULL);
  return self->query ? self->query : "";
}

void
td_customer_list_model_set_sort (TdCustomerListModel *self,
                                 TdCustomerSort       sort,
                                 gboolean             descending)
{
  g_return_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self));
  g_return_if_fail (sort <= TD_CUSTOMER_SORT_RELEVANCE);

  descending = !!descending;
  if (self->order.sort == sort && self->order.descending == descending)
    return;
  self->order.sort = sort;
  self->order.descending = descending;

  if (searching (self))
    {
      /* the matches (once here) in that order, the best first for
       * RELEVANCE: no need to search again */
      if (self->results != NULL)
        {
          GPtrArray *results = g_ptr_array_new_full (self->ranked->len, g_object_unref);

          for (guint i = 0; i < self->ranked->len; i++)
            g_ptr_array_add (results, g_object_ref (g_ptr_array_index (self->ranked, i)));
          sort_results (self, results);
          show (self, results->len, results);
        }
    }
  else
    start_resort (self);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCENDING]);
  g_object_thaw_notify (G_OBJECT (self));
}

TdCustomerSort
td_customer_list_model_get_sort (TdCustomerListModel *self,
                                 gboolean            *descending)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self), TD_CUSTOMER_SORT_NAME);

  if (descending)
    *descending = self->order.descending;
  return self->order.sort;
}

gboolean
td_customer_list_model_get_loading (TdCustomerListModel *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self), FALSE);
  return self->cancellable != NULL;
}

gboolean
td_customer_list_model_get_limited (TdCustomerListModel *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self), FALSE);
  return self->limited;
}

gint64
td_customer_list_model_get_total (TdCustomerListModel *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self), -1);
  return self->total;
}

const char *
td_customer_list_model_get_error (TdCustomerListModel *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self), NULL);
  return self->error;
}

void
td_customer_list_model_reload (TdCustomerListModel *self)
{
  g_return_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self));

  reload_now (self);
}

guint
td_customer_list_model_find (TdCustomerListModel *self,
                             const char          *id)
{
  g_autoptr(TdCustomerRowData) row = NULL;
  g_autoptr(GError) error = NULL;
  const Checkpoint *c;
  gint64 n;
  Key key;

  g_return_val_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  if (self->results != NULL)
    {
      for (guint i = 0; i < self->results->len; i++)
        if (g_strcmp0 (td_customer_item_get_id (g_ptr_array_index (self->results, i)), id) == 0)
          return i;
      return G_MAXUINT;
    }

  if (self->reader == NULL || (row = _td_list_read_row_by_id (self->reader, id, &error)) == NULL || row->deleted)
    return G_MAXUINT;

  if (self->checkpoints == NULL)
    {
      /* not placed yet: perhaps on a page read already */
      GHashTableIter iter;
      Page *page;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
        for (guint i = 0; i < page->items->len; i++)
          if (g_strcmp0 (td_customer_item_get_id (g_ptr_array_index (page->items, i)), id) == 0)
            return page->index * PAGE_SIZE + i;
      return G_MAXUINT;
    }

  _td_list_key_from_row (&key, self->browse_order, row);
  c = checkpoint_for_key (self, &key);
  n = _td_list_count_between (self->reader, self->browse_order, c ? &c->key : NULL, &key, &error);
  _td_list_key_clear (&key);
  if (n < 0 || (c ? c->pos : 0) + n >= self->n_items)
    return G_MAXUINT;
  return (guint) ((c ? c->pos : 0) + n);
}

void
td_customer_list_model_get_page_stats (TdCustomerListModel *self,
                                       guint               *n_pages,
                                       double              *total_ms,
                                       double              *max_ms)
{
  g_return_if_fail (TD_IS_CUSTOMER_LIST_MODEL (self));

  if (n_pages)
    *n_pages = self->n_page_reads;
  if (total_ms)
    *total_ms = self->page_read_ms;
  if (max_ms)
    *max_ms = self->page_read_max_ms;
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_customer_list_model_constructed (GObject *object)
{
  TdCustomerListModel *self = TD_CUSTOMER_LIST_MODEL (object);

  G_OBJECT_CLASS (td_customer_list_model_parent_class)->constructed (object);

  g_assert (self->database != NULL);
  self->reader = _td_list_connection_open (self->database, &self->reader_error);
  if (self->reader == NULL)
    set_error (self, self->reader_error);
  self->changed_id = g_signal_connect_object (self->database, "changed",
                                              G_CALLBACK (database_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  start_browse (self);
}

static void
forget_item (gpointer key,
             gpointer value,
             gpointer user_data)
{
  g_object_weak_unref (value, item_gone_cb, user_data);
}

static void
td_customer_list_model_dispose (GObject *object)
{
  TdCustomerListModel *self = TD_CUSTOMER_LIST_MODEL (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->database && self->changed_id)
    g_clear_signal_handler (&self->changed_id, self->database);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->ranked, g_ptr_array_unref);
  if (self->pages)
    drop_pages (self);

  G_OBJECT_CLASS (td_customer_list_model_parent_class)->dispose (object);
}

static void
td_customer_list_model_finalize (GObject *object)
{
  TdCustomerListModel *self = TD_CUSTOMER_LIST_MODEL (object);

  g_hash_table_foreach (self->items, forget_item, self);
  g_hash_table_unref (self->items);
  g_hash_table_unref (self->pages);
  g_clear_pointer (&self->checkpoints, g_array_unref);
  g_clear_pointer (&self->reader, _td_list_connection_free);
  g_clear_error (&self->reader_error);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->database);
  g_free (self->query);
  g_free (self->error);

  G_OBJECT_CLASS (td_customer_list_model_parent_class)->finalize (object);
}

static void
td_customer_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TdCustomerListModel *self = TD_CUSTOMER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_QUERY:
      g_value_set_string (value, td_customer_list_model_get_query (self));
      break;
    case PROP_SORT:
      g_value_set_int (value, self->order.sort);
      break;
    case PROP_DESCENDING:
      g_value_set_boolean (value, self->order.descending);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    case PROP_LIMITED:
      g_value_set_boolean (value, self->limited);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_list_model_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TdCustomerListModel *self = TD_CUSTOMER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      td_customer_list_model_set_query (self, g_value_get_string (value));
      break;
    case PROP_SORT:
      td_customer_list_model_set_sort (self, g_value_get_int (value), self->order.descending);
      break;
    case PROP_DESCENDING:
      td_customer_list_model_set_sort (self, self->order.sort, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_list_model_class_init (TdCustomerListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = td_customer_list_model_constructed;
  object_class->dispose = td_customer_list_model_dispose;
  object_class->finalize = td_customer_list_model_finalize;
  object_class->get_property = td_customer_list_model_get_property;
  object_class->set_property = td_customer_list_model_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, TD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_int ("sort", NULL, NULL, TD_CUSTOMER_SORT_NAME, TD_CUSTOMER_SORT_RELEVANCE,
                      TD_CUSTOMER_SORT_NAME,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCENDING] =
    g_param_spec_boolean ("descending", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIMITED] =
    g_param_spec_boolean ("limited", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_customer_list_model_init (TdCustomerListModel *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->total = -1;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->lru);
}
