/* td-kpi-dashboard.h: everything the Analytics area shows, read at once
 *
 * For a period and one property (or all): the key figures beside the
 * previous period, their course by day, week or month (by the period's
 * length) beside the previous period's, each hotel's figures, the last 12
 * months (trends of occupancy, ADR, RevPAR, cancellations, lead time and
 * NPS), and the 90-day forecast with the pace. Read in a worker thread by
 * the _async variant: a few thousand rows of daily facts whatever the
 * number of stays (see td-kpi.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-kpi.h"
#include "td-kpi-forecast.h"

G_BEGIN_DECLS

typedef struct {
  char         *property_id;
  TdDateRange   dates;
  char          currency[4];
  TdKpiReport  *report;
  TdKpiStep     step;
  GPtrArray    *series;           /* TdKpiFigures*, by step */
  GPtrArray    *previous_series;  /* the previous period, by the same steps */
  GPtrArray    *by_property;      /* TdKpiProperty* */
  GPtrArray    *months;           /* TdKpiFigures*: the 12 months up to the period's end */
  TdForecast   *forecast;         /* 90 nights from today */
} TdKpiDashboard;

void            td_kpi_dashboard_free        (TdKpiDashboard      *dashboard);

/* the step for a period: days up to 62 days, weeks up to 26 weeks, months */
TdKpiStep       td_kpi_dashboard_step_for    (const TdDateRange   *dates);

TdKpiDashboard *td_kpi_dashboard_load        (TdDatabase          *db,
                                              const char          *property_id,
                                              const TdDateRange   *dates,
                                              const TdDeskTime    *when,
                                              GError             **error);
void            td_kpi_dashboard_load_async  (TdDatabase          *db,
                                              const char          *property_id,
                                              const TdDateRange   *dates,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
TdKpiDashboard *td_kpi_dashboard_load_finish (TdDatabase          *db,
                                              GAsyncResult        *result,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdKpiDashboard, td_kpi_dashboard_free)

G_END_DECLS
