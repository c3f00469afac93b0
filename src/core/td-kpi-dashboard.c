/* td-kpi-dashboard.c: everything the Analytics area shows, read at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-kpi-dashboard.h"

void
td_kpi_dashboard_free (TdKpiDashboard *dashboard)
{
  if (dashboard == NULL)
    return;
  g_free (dashboard->property_id);
  td_kpi_report_free (dashboard->report);
  g_clear_pointer (&dashboard->series, g_ptr_array_unref);
  g_clear_pointer (&dashboard->previous_series, g_ptr_array_unref);
  g_clear_pointer (&dashboard->by_property, g_ptr_array_unref);
  g_clear_pointer (&dashboard->months, g_ptr_array_unref);
  td_forecast_free (dashboard->forecast);
  g_free (dashboard);
}

TdKpiStep
td_kpi_dashboard_step_for (const TdDateRange *dates)
{
  guint nights = td_date_range_get_nights (dates);

  if (nights <= 62)
    return TD_KPI_STEP_DAY;
  if (nights <= 26 * 7)
    return TD_KPI_STEP_WEEK;
  return TD_KPI_STEP_MONTH;
}

TdKpiDashboard *
td_kpi_dashboard_load (TdDatabase         *db,
                       const char         *property_id,
                       const TdDateRange  *dates,
                       const TdDeskTime   *when,
                       GError            **error)
{
  g_autoptr(TdKpiDashboard) d = g_new0 (TdKpiDashboard, 1);
  TdKpiQuery query = { property_id, *dates, NULL };
  TdKpiQuery before;
  TdKpiQuery year;
  GDate first;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  d->property_id = g_strdup (property_id);
  d->dates = *dates;
  d->report = td_kpi_compute (db, &query, error);
  if (d->report == NULL)
    return NULL;
  memcpy (d->currency, d->report->currency, sizeof d->currency);
  d->step = td_kpi_dashboard_step_for (dates);
  d->series = td_kpi_series (db, &query, d->step, error);
  if (d->series == NULL)
    return NULL;
  before = query;
  before.dates = d->report->previous->dates;
  d->previous_series = td_kpi_series (db, &before, d->step, error);
  if (d->previous_series == NULL)
    return NULL;
  d->by_property = td_kpi_by_property (db, &query, error);
  if (d->by_property == NULL)
    return NULL;

  /* the twelve months up to the period's end */
  g_date_clear (&first, 1);
  g_date_set_julian (&first, dates->end - 1);
  g_date_set_day (&first, 1);
  g_date_subtract_months (&first, 11);
  year = query;
  year.dates.start = g_date_get_julian (&first);
  year.dates.end = dates->end;
  d->months = td_kpi_series (db, &year, TD_KPI_STEP_MONTH, error);
  if (d->months == NULL)
    return NULL;

  d->forecast = td_forecast_compute (db, property_id, when, 90, 0, error);
  if (d->forecast == NULL)
    return NULL;
  return g_steal_pointer (&d);
}

typedef struct {
  char        *property_id;
  TdDateRange  dates;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->property_id);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  TdKpiDashboard *d;

  if (g_task_return_error_if_cancelled (task))
    return;
  d = td_kpi_dashboard_load (source_object, data->property_id, &data->dates, NULL, &error);
  if (d == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, d, (GDestroyNotify) td_kpi_dashboard_free);
}

void
td_kpi_dashboard_load_async (TdDatabase          *db,
                             const char          *property_id,
                             const TdDateRange   *dates,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (dates != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->property_id = g_strdup (property_id);
  data->dates = *dates;
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_kpi_dashboard_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

TdKpiDashboard *
td_kpi_dashboard_load_finish (TdDatabase    *db,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
