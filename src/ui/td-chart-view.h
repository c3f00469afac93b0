/* td-chart-view.h: a chart drawn natively (line, bar, stacked bar, pie)
 *
 * Draws a TdChartData (src/documents/td-chart-data.h) in its snapshot with
 * cairo, in the colours of the light or dark style (AdwStyleManager); the
 * value under the pointer shows in a tooltip and is marked; its accessible
 * name is the chart's title and its description every value in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-chart-data.h"

G_BEGIN_DECLS

#define TD_TYPE_CHART_VIEW (td_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (TdChartView, td_chart_view, TD, CHART_VIEW, GtkWidget)

GtkWidget   *td_chart_view_new      (void);
TdChartData *td_chart_view_get_data (TdChartView *self);
void         td_chart_view_set_data (TdChartView *self,
                                     TdChartData *data);

G_END_DECLS
