/* td-chart-card.h: a chart in a card, with its title and a CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-chart-data.h"

G_BEGIN_DECLS

#define TD_TYPE_CHART_CARD (td_chart_card_get_type ())

G_DECLARE_FINAL_TYPE (TdChartCard, td_chart_card, TD, CHART_CARD, GtkWidget)

GtkWidget   *td_chart_card_new      (void);
TdChartData *td_chart_card_get_data (TdChartCard *self);
/* shows data; its title is the card's */
void         td_chart_card_set_data (TdChartCard *self,
                                     TdChartData *data);
/* a line under the chart (how it is computed); NULL: none */
void         td_chart_card_set_note (TdChartCard *self,
                                     const char  *note);
/* writes the chart's values to a CSV file (what the export button does) */
gboolean     td_chart_card_write_csv (TdChartCard *self,
                                      GFile       *file,
                                      GError     **error);

G_END_DECLS
