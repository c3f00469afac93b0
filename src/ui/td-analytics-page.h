/* td-analytics-page.h: the Analytics area: key figures and charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_ANALYTICS_PAGE (td_analytics_page_get_type ())

G_DECLARE_FINAL_TYPE (TdAnalyticsPage, td_analytics_page, TD, ANALYTICS_PAGE, GtkWidget)

typedef enum {
  TD_ANALYTICS_PERIOD_LAST_30_DAYS,
  TD_ANALYTICS_PERIOD_THIS_MONTH,
  TD_ANALYTICS_PERIOD_LAST_MONTH,
  TD_ANALYTICS_PERIOD_LAST_90_DAYS,
  TD_ANALYTICS_PERIOD_THIS_YEAR,
  TD_ANALYTICS_PERIOD_LAST_12_MONTHS,
  TD_ANALYTICS_PERIOD_CUSTOM,        /* dates the manager chose */
} TdAnalyticsPeriod;

GtkWidget            *td_analytics_page_new           (void);
/* the dates of a period: the last 30 or 90 nights (up to last night), this
 * or last calendar month, this calendar year, the 12 whole months before
 * this one */
TdDateRange           td_analytics_period_dates       (TdAnalyticsPeriod period,
                                                       guint32           today);
/* what is shown, or NULL before the first load */
const TdKpiDashboard *td_analytics_page_get_dashboard (TdAnalyticsPage  *self);
void                  td_analytics_page_set_period    (TdAnalyticsPage  *self,
                                                       TdAnalyticsPeriod period);
/* Any dates: [first, last + 1); FALSE with why when last comes before
 * first or they are more than 3 years apart. */
gboolean              td_analytics_page_set_dates     (TdAnalyticsPage  *self,
                                                       guint32           first,
                                                       guint32           last,
                                                       GError          **error);

G_END_DECLS
