/* td-tape-chart.h: the hotel's tape chart: rooms down, dates across, a bar a stay
 *
 * Rooms (given by the caller, grouped by type and floor) down the side,
 * the nights of a date window across; a bar per stay coloured by its
 * state, out-of-order nights shaded, and per room type a row of the rooms
 * left to sell each night (group blocks shaded there). Stays, out-of-order
 * periods and blocks load in a worker thread when the property or the
 * window changes. Drawn in one pass, only the rows and nights in view.
 *
 * Signals: "stay-activated" (TdStay *stay, GdkRectangle *bar) on a click or
 * Enter on a bar; "booking-requested" (TdRoom *room, guint start, guint end)
 * on a drag over free nights or Enter on a free night; "move-requested"
 * (TdStay *stay, TdRoom *room, guint start) when a bar is dropped on
 * another room or other dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_TAPE_CHART (td_tape_chart_get_type ())

G_DECLARE_FINAL_TYPE (TdTapeChart, td_tape_chart, TD, TAPE_CHART, GtkWidget)

GtkWidget *td_tape_chart_new            (void);
/* rooms: TdRoom* of one property (kept, by reference) */
void       td_tape_chart_set_rooms      (TdTapeChart *self,
                                         TdDatabase  *database,
                                         const char  *property_id,
                                         GPtrArray   *rooms);
/* the first night shown and how many (Julian days); reloads */
void       td_tape_chart_set_window     (TdTapeChart *self,
                                         guint32      start,
                                         guint        n_days);
guint32    td_tape_chart_get_start      (TdTapeChart *self);
void       td_tape_chart_set_today      (TdTapeChart *self,
                                         guint32      today);
/* Loads the stays of the window again. */
void       td_tape_chart_reload         (TdTapeChart *self);
gboolean   td_tape_chart_get_loading    (TdTapeChart *self);

/* for tests: the bars of the window, and their stays */
guint      td_tape_chart_get_n_bars     (TdTapeChart *self);
TdStay    *td_tape_chart_get_stay       (TdTapeChart *self,
                                         guint        index);
/* the availability row: rooms of the type left to sell on night (in the
 * window), G_MININT when the type or night is not shown */
int        td_tape_chart_get_rooms_left (TdTapeChart *self,
                                         const char  *room_type_id,
                                         guint32      night);
/* the cell cursor: a row (room types and rooms, from the top) and a night */
void       td_tape_chart_get_cursor     (TdTapeChart *self,
                                         guint       *row,
                                         guint32     *night);
/* for tests and keyboard: acts as a click on the stay's bar / a drag */
gboolean   td_tape_chart_activate_stay  (TdTapeChart *self,
                                         const char  *stay_id);
/* as a drag of the stay's bar to room, arriving on start */
void       td_tape_chart_request_move   (TdTapeChart *self,
                                         TdStay      *stay,
                                         TdRoom      *room,
                                         guint32      start);
void       td_tape_chart_request_booking (TdTapeChart *self,
                                          TdRoom      *room,
                                          guint32      start,
                                          guint32      end);

G_END_DECLS
