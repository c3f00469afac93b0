/* td-daily-report-window.h: the night audit on screen, for any date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_DAILY_REPORT_WINDOW (td_daily_report_window_get_type ())

G_DECLARE_FINAL_TYPE (TdDailyReportWindow, td_daily_report_window, TD, DAILY_REPORT_WINDOW, AdwWindow)

/* The daily report of @property_id (NULL: every hotel), @scope its name,
 * for @date (a Julian day), shown as it prints; the day can be changed,
 * and the report printed or saved as PDF. */
GtkWidget  *td_daily_report_window_new      (GtkWindow   *parent,
                                             TdDatabase  *database,
                                             const char  *property_id,
                                             const char  *scope,
                                             guint32      date);
guint32     td_daily_report_window_get_date (TdDailyReportWindow *self);
/* pages shown, 0 while loading: for tests */
guint       td_daily_report_window_get_n_pages (TdDailyReportWindow *self);

G_END_DECLS
