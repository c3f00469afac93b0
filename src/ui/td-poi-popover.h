/* td-poi-popover.h: what the workspace knows of a place, over the map
 *
 * Name (and English name), category, rating, address, opening hours and
 * ticket price of one place; or, for several places at the same spot, a
 * list to choose one from. Its actions: the places nearby (the map lists
 * them), copying the coordinates, selling tickets, adding it to an
 * itinerary and its bookings ("bookings-requested": the map lists them).
 * An attraction's time slots with the places left on a date (today, or
 * one picked), or the rooms free that night at one of our own hotels, are
 * read in the background (td_poi_get_availability_async()); once shown,
 * "availability-shown" (the popover is taller: its owner may place it
 * again).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-database.h"
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
/* Where availability is read from (NULL: none shown). */
void       td_poi_popover_set_database (TdPoiPopover *self,
                                        TdDatabase   *database);
/* The day whose availability is shown: a Julian day, 0 for today. */
void       td_poi_popover_set_date (TdPoiPopover *self,
                                    guint32       date);
/* For tests: still reading; what the availability section says (one line
 * per slot, "09:00–11:00 · 120 left"), or NULL when it is not shown. */
gboolean   td_poi_popover_get_loading (TdPoiPopover *self);
char      *td_poi_popover_get_availability_text (TdPoiPopover *self);

G_END_DECLS
