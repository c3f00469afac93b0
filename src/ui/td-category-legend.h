/* td-category-legend.h: the map's legend of place categories, each with
 * the icon the map draws, a check button to show or hide it, and how many
 * places it has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-poi.h"

G_BEGIN_DECLS

#define TD_TYPE_CATEGORY_LEGEND (td_category_legend_get_type ())

G_DECLARE_FINAL_TYPE (TdCategoryLegend, td_category_legend, TD, CATEGORY_LEGEND, GtkWidget)

/* Signal "toggled" (TdPoiCategory category, gboolean active): a check
 * button changed, by a person or by td_category_legend_set_active(). */
GtkWidget *td_category_legend_new        (void);
gboolean   td_category_legend_get_active (TdCategoryLegend *self,
                                          TdPoiCategory     category);
void       td_category_legend_set_active (TdCategoryLegend *self,
                                          TdPoiCategory     category,
                                          gboolean          active);
/* Counts the places (TdPoi) of each category in pois (NULL: none). */
void       td_category_legend_set_pois   (TdCategoryLegend *self,
                                          GPtrArray        *pois);

G_END_DECLS
