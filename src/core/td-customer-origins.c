/* td-customer-origins.c: where the customers come from, by place
 *
 * SQL groups the customers by what locates them (province, city, the
 * region digits of a resident ID): a few thousand groups at most, which
 * are then placed with td_china_place_find().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "td-customer-origins.h"
#include "td-database-private.h"

/* the ID's region digits padded back to an ID's length, for
 * td_china_place_find(), so that customers group by region, not by ID */
#define ORIGINS_SQL \
  "SELECT province, city, " \
  "       CASE WHEN id_type = 'resident-id' THEN substr(id_number, 1, 4) || '00000000000000' END, " \
  "       count(*) " \
  "FROM customers WHERE deleted = 0 AND merged_into IS NULL " \
  "GROUP BY 1, 2, 3"

void
td_customer_origins_free (TdCustomerOrigins *origins)
{
  if (origins == NULL)
    return;
  g_clear_pointer (&origins->origins, g_array_unref);
  g_free (origins);
}

static int
by_count (gconstpointer a,
          gconstpointer b)
{
  const TdCustomerOrigin *x = a, *y = b;

  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return g_strcmp0 (x->place->code, y->place->code);
}

TdCustomerOrigins *
td_customer_origins (TdDatabase    *db,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(TdCustomerOrigins) origins = g_new0 (TdCustomerOrigins, 1);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, ORIGINS_SQL, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const TdChinaPlace *place = td_china_place_find ((const char *) sqlite3_column_text (stmt, 0),
                                                       (const char *) sqlite3_column_text (stmt, 1),
                                                       (const char *) sqlite3_column_text (stmt, 2));
      gint64 n = sqlite3_column_int64 (stmt, 3);

      if (place == NULL)
        {
          origins->unplaced += n;
          continue;
        }
      origins->placed += n;
      /* counts fit a pointer: a gint64 of customers on a 64-bit machine,
       * and no workspace holds 2^31 customers on a 32-bit one */
      g_hash_table_insert (counts, (gpointer) place,
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (counts, place)) + (gsize) n));
    }
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  origins->origins = g_array_sized_new (FALSE, FALSE, sizeof (TdCustomerOrigin), g_hash_table_size (counts));
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TdCustomerOrigin origin = { key, (gint64) GPOINTER_TO_SIZE (value) };

      g_array_append_val (origins->origins, origin);
    }
  g_array_sort (origins->origins, by_count);
  return g_steal_pointer (&origins);
}

static void
origins_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  TdCustomerOrigins *origins = td_customer_origins (source_object, cancellable, &error);

  if (origins == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, origins, (GDestroyNotify) td_customer_origins_free);
}

void
td_customer_origins_async (TdDatabase          *db,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (db, cancellable, callback, user_data);

  g_task_set_source_tag (task, td_customer_origins_async);
  g_task_run_in_thread (task, origins_thread);
}

TdCustomerOrigins *
td_customer_origins_finish (TdDatabase    *db,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
