/* td-analytics-charts.h: the charts of the Analytics area, and its PDF
 *
 * The charts are built from a TdKpiDashboard without GTK, so that the
 * area (TdAnalyticsPage), the printed dashboard and the tests draw the
 * same thing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-chart-data.h"
#include "td-document.h"
#include "td-kpi-dashboard.h"

G_BEGIN_DECLS

typedef enum {
  TD_ANALYTICS_REVENUE,          /* line: revenue by step, and the previous period */
  TD_ANALYTICS_BOOKINGS,         /* bars: bookings by step, and the previous period */
  TD_ANALYTICS_SOURCES,          /* stacked bars: revenue by step and source */
  TD_ANALYTICS_SOURCE_SHARE,     /* pie: the period's revenue by source */
  TD_ANALYTICS_PROPERTY_OCCUPANCY, /* bars: occupancy by hotel */
  TD_ANALYTICS_PROPERTY_RATES,   /* bars: ADR and RevPAR by hotel */
  TD_ANALYTICS_MONTH_OCCUPANCY,  /* line: occupancy by month (12 months) */
  TD_ANALYTICS_MONTH_RATES,      /* line: ADR and RevPAR by month */
  TD_ANALYTICS_PACE,             /* line: on the books for the next 90 nights, and a year before */
  TD_ANALYTICS_LEAD_TIME,        /* bars: average lead time by month */
  TD_ANALYTICS_CANCELLATIONS,    /* line: cancellation and no-show rates by month */
  TD_ANALYTICS_NPS,              /* bars: NPS by month */
  TD_ANALYTICS_FORECAST,         /* line: occupancy on the books and forecast, 90 nights */
  TD_ANALYTICS_N_CHARTS
} TdAnalyticsChart;

/* TdChartData*, one per TdAnalyticsChart, in that order */
GPtrArray  *td_analytics_charts_build   (const TdKpiDashboard *dashboard);

/* A line for the forecast card: "Next 30 days 62 % · 60 days 55 % · 90 days 48 %" */
char       *td_analytics_forecast_summary (const TdKpiDashboard *dashboard);

/* The whole dashboard to print: the key figures beside the previous
 * period, then every chart as an image. scope: the hotel's name or “All
 * hotels”. The header is the caller's. */
TdDocument *td_analytics_document_new   (const TdKpiDashboard *dashboard,
                                         GPtrArray            *charts,
                                         const char           *scope);

G_END_DECLS
