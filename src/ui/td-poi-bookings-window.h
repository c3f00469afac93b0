/* td-poi-bookings-window.h: the bookings at a place of the map
 *
 * An attraction's tickets, one of our hotels' stays, and the tour bookings
 * whose itinerary includes the place (td_poi_bookings_list_async()), in a
 * table; from today on, or every date. Activating a row opens it where
 * the app shows it: a ticket in the Tickets area on its attraction, a stay
 * in its folio, a tour booking in the Tours area on its departure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_POI_BOOKINGS_WINDOW (td_poi_bookings_window_get_type ())

G_DECLARE_FINAL_TYPE (TdPoiBookingsWindow, td_poi_bookings_window, TD, POI_BOOKINGS_WINDOW, AdwWindow)

GtkWidget  *td_poi_bookings_window_new          (GtkWindow           *parent,
                                                 TdDatabase          *database,
                                                 TdPoi               *poi);
/* the rows shown (TdPoiBooking), empty while loading */
GListModel *td_poi_bookings_window_get_model    (TdPoiBookingsWindow *self);
gboolean    td_poi_bookings_window_get_loading  (TdPoiBookingsWindow *self);
/* every date, or from today on */
void        td_poi_bookings_window_set_past     (TdPoiBookingsWindow *self,
                                                 gboolean             past);
/* opens row position, as activating it does */
void        td_poi_bookings_window_open         (TdPoiBookingsWindow *self,
                                                 guint                position);

G_END_DECLS
