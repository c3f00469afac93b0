/* td-departure-calendar.h: a month of departures, with their fill levels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TD_TYPE_DEPARTURE_CALENDAR (td_departure_calendar_get_type ())

G_DECLARE_FINAL_TYPE (TdDepartureCalendar, td_departure_calendar, TD, DEPARTURE_CALENDAR, GtkWidget)

GtkWidget *td_departure_calendar_new           (void);
/* the departures to show (TdDeparture*; a reference is kept) and today
 * (GLib Julian day), which the calendar opens on */
void       td_departure_calendar_set_departures (TdDepartureCalendar *self,
                                                 GPtrArray           *departures,
                                                 guint32              today);
/* the month shown: its first day */
guint32    td_departure_calendar_get_month      (TdDepartureCalendar *self);
void       td_departure_calendar_show_month     (TdDepartureCalendar *self,
                                                 guint32              any_day);

G_END_DECLS
