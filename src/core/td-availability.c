/* td-availability.c: what can be sold for some dates, and why not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-availability.h"
#include "td-inventory-private.h"

void
td_available_room_free (TdAvailableRoom *room)
{
  if (room == NULL)
    return;
  g_free (room->id);
  g_free (room->number);
  g_free (room);
}

void
td_availability_free (TdAvailability *availability)
{
  if (availability == NULL)
    return;
  g_free (availability->property_id);
  g_free (availability->property_name);
  g_free (availability->room_type_id);
  g_free (availability->room_type_code);
  g_free (availability->room_type_name);
  g_ptr_array_unref (availability->free_rooms);
  g_array_unref (availability->left);
  g_ptr_array_unref (availability->quotes);
  g_free (availability);
}

gboolean
td_availability_is_bookable (const TdAvailability *availability)
{
  return !availability->full && availability->best && availability->best->problems == TD_RATE_OK;
}

char *
td_availability_describe (const TdAvailability *availability)
{
  if (td_availability_is_bookable (availability))
    return NULL;
  if (availability->n_rooms == 0)
    return g_strdup (_("No rooms of this type"));
  if (availability->full)
    {
      int least = G_MAXINT;

      for (guint i = 0; i < availability->left->len; i++)
        least = MIN (least, g_array_index (availability->left, int, i));
      if (least > 0)
        /* some every night, but never the same room */
        return g_strdup (_("Full: no room of this type is free for every night of the stay"));
      return g_strdup (_("Full"));
    }
  if (availability->best == NULL)
    return g_strdup (_("No rate: the room type has neither a rate plan nor a base price"));
  return td_rate_quote_describe_problems (availability->best);
}

static gboolean
quote_beats (const TdRateQuote *a,
             const TdRateQuote *b)
{
  if ((a->problems == TD_RATE_OK) != (b->problems == TD_RATE_OK))
    return a->problems == TD_RATE_OK;
  return a->total.minor < b->total.minor;
}

GPtrArray *
td_availability_search (TdDatabase                 *db,
                        const TdAvailabilityQuery  *query,
                        const TdDeskTime           *when,
                        GError                    **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) td_availability_free);
  g_autoptr(GHashTable) plans = NULL;
  g_autoptr(TdInventory) inventory = NULL;
  g_autofree char *sql = NULL;
  const char *filter_value;
  guint adults = MAX (query->adults, 1);
  TdDeskTime storage;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query->dates.end <= query->dates.start)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("The departure must be after the arrival"));
      return NULL;
    }
  when = td_desk_time_or_now (when, db, &storage);

  plans = td_rate_plans_load_for_dates (db, query->property_id, &query->dates, error);
  if (plans == NULL)
    return NULL;
  inventory = _td_inventory_load (db, query->property_id, query->room_type_id, &query->dates, when, error);
  if (inventory == NULL)
    return NULL;

  sql = g_strdup_printf ("SELECT t.id, t.code, t.name, t.property_id, p.name FROM room_types t "
                         "JOIN properties p ON p.id = t.property_id "
                         "WHERE t.deleted = 0 AND p.deleted = 0%s%s ORDER BY p.name, t.property_id, t.code",
                         query->property_id ? " AND t.property_id = ?1" : "",
                         query->room_type_id ? " AND t.id = ?2" : "");
  filter_value = query->property_id;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, filter_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, query->room_type_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdAvailability *a = g_new0 (TdAvailability, 1);
      TdTypeInventory *type;
      GPtrArray *type_plans;
      guint nights = td_date_range_get_nights (&query->dates);
      int least = 0;

      a->room_type_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      a->room_type_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      a->room_type_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      a->property_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      a->property_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      a->free_rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) td_available_room_free);
      a->left = g_array_sized_new (FALSE, TRUE, sizeof (int), nights);
      a->quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_rate_quote_free);
      g_ptr_array_add (results, a);

      type = _td_inventory_get_type (inventory, a->room_type_id);
      if (type)
        {
          a->n_rooms = type->n_rooms;
          for (guint i = 0; i < nights; i++)
            {
              int left = _td_type_inventory_left (type, i);

              g_array_append_val (a->left, left);
            }
          least = _td_type_inventory_min_left (type, NULL);
          /* hand the rooms over (the inventory keeps an empty array) */
          g_ptr_array_extend_and_steal (a->free_rooms, g_ptr_array_ref (type->free_rooms));
        }
      else
        g_array_set_size (a->left, nights);
      a->n_free = (guint) CLAMP (least, 0, (int) a->free_rooms->len);
      a->full = a->n_free == 0;

      type_plans = g_hash_table_lookup (plans, a->room_type_id);
      for (guint i = 0; type_plans && i < type_plans->len; i++)
        {
          GError *local_error = NULL;
          TdRateQuote *quote = td_rate_plan_quote (g_ptr_array_index (type_plans, i), &query->dates,
                                                   adults, query->children, &local_error);

          if (quote == NULL)
            {
              /* a plan that cannot price is left out, not the search */
              g_warning ("%s", local_error->message);
              g_error_free (local_error);
              continue;
            }
          g_ptr_array_add (a->quotes, quote);
          if (a->best == NULL || quote_beats (quote, a->best))
            a->best = quote;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  _td_database_unlock (db);

  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&results);
}

typedef struct {
  TdAvailabilityQuery  query;
  char                *property_id;
  char                *room_type_id;
  gboolean             has_when;
  TdDeskTime           when;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->property_id);
  g_free (data->room_type_id);
  g_free (data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  GPtrArray *results;

  if (g_task_return_error_if_cancelled (task))
    return;
  results = td_availability_search (source_object, &data->query, data->has_when ? &data->when : NULL, &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

void
td_availability_search_async (TdDatabase                *db,
                              const TdAvailabilityQuery *query,
                              const TdDeskTime          *when,
                              GCancellable              *cancellable,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (SearchData, 1);
  data->query = *query;
  data->query.property_id = data->property_id = g_strdup (query->property_id);
  data->query.room_type_id = data->room_type_id = g_strdup (query->room_type_id);
  if (when)
    {
      data->has_when = TRUE;
      data->when = *when;
    }

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_availability_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  /* the clerk changes the dates: the search before is dropped at once */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
td_availability_search_finish (TdDatabase    *db,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_availability_search_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
