/* td-dashboard-page.h: today's figures of the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_DASHBOARD_PAGE (td_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (TdDashboardPage, td_dashboard_page, TD, DASHBOARD_PAGE, GtkWidget)

GtkWidget *td_dashboard_page_new         (void);
/* The summary shown, or NULL before the first load. */
TdSummary *td_dashboard_page_get_summary (TdDashboardPage *self);

G_END_DECLS
