/* td-poi-popover.h: what the workspace knows of a place, over the map
 *
 * Name (and English name), category, rating, address, opening hours and
 * ticket price of one place; or, for several places at the same spot, a
 * list to choose one from. Its actions: the places nearby (the map lists
 * them) and copying the coordinates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-poi.h"

G_BEGIN_DECLS

#define TD_TYPE_POI_POPOVER (td_poi_popover_get_type ())

G_DECLARE_FINAL_TYPE (TdPoiPopover, td_poi_popover, TD, POI_POPOVER, GtkPopover)

GtkWidget *td_poi_popover_new      (void);
/* An array of TdPoi: one is shown; more are listed to choose from. */
void       td_poi_popover_set_pois (TdPoiPopover *self,
                                    GPtrArray    *pois);
/* The place shown, or NULL while a list is. */
TdPoi     *td_poi_popover_get_poi  (TdPoiPopover *self);

G_END_DECLS
