/* td-desk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-desk-private.h"
#include "td-time.h"

G_DEFINE_QUARK (td-desk-error-quark, td_desk_error)

void
td_desk_time_init_now (TdDeskTime *when,
                       TdDatabase *db)
{
  g_autofree char *time_zone = db ? td_database_dup_setting (db, TD_SETTING_TIME_ZONE) : NULL;

  when->today = td_today_julian (time_zone);
  when->now = g_get_real_time ();
}

void
td_desk_time_init (TdDeskTime *when,
                   guint32     today,
                   gint64      now)
{
  when->today = today;
  when->now = now;
}

const TdDeskTime *
td_desk_time_or_now (const TdDeskTime *when,
                     TdDatabase       *db,
                     TdDeskTime       *storage)
{
  if (when)
    return when;
  td_desk_time_init_now (storage, db);
  return storage;
}

gboolean
_td_desk_name_to_value (const char *const *names,
                        guint              n,
                        const char        *text,
                        int               *value)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        if (value)
          *value = (int) i;
        return TRUE;
      }
  return FALSE;
}

typedef struct {
  TdDeskDayList  list;
  char          *property_id;
  guint32        day;
  gboolean       has_when;
  TdDeskTime     when;
} DayListData;

static void
day_list_data_free (DayListData *data)
{
  g_free (data->property_id);
  g_free (data);
}

static void
day_list_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DayListData *data = task_data;
  GError *error = NULL;
  GPtrArray *rows;

  if (g_task_return_error_if_cancelled (task))
    return;
  rows = data->list (source_object, data->property_id, data->day, data->has_when ? &data->when : NULL, &error);
  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

void
_td_desk_day_list_async (TdDatabase          *db,
                         TdDeskDayList        list,
                         gpointer             source_tag,
                         const char          *property_id,
                         guint32              day,
                         const TdDeskTime    *when,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DayListData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (DayListData, 1);
  data->list = list;
  data->property_id = g_strdup (property_id);
  data->day = day;
  if (when)
    {
      data->has_when = TRUE;
      data->when = *when;
    }
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) day_list_data_free);
  /* a list for a day the clerk has left already: dropped at once */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, day_list_thread);
}

GPtrArray *
_td_desk_day_list_finish (TdDatabase    *db,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
_td_desk_room_rows (TdDatabase       *db,
                    const char       *sql,
                    const char       *property_id,
                    guint32           day,
                    const char       *now,
                    const char       *date,
                    TdDeskRowReader   read,
                    GDestroyNotify    free_func,
                    GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, property_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, day);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (date != NULL)
    sqlite3_bind_text (stmt, 4, date, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  _td_database_unlock (db);

  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&rows);
}
