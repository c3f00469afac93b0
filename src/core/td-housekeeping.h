/* td-housekeeping.h: is the room clean?
 *
 * Every room is vacant or occupied (a stay has it tonight) and clean,
 * dirty or inspected, or out of order. Checking a guest out (or moving one
 * out of a room) makes the room dirty in the same commit; housekeeping
 * marks it clean, then a supervisor inspected; anyone may mark a room
 * dirty again. The day's list says, room by room, what housekeeping has to
 * do: departures to clean, occupied rooms to service, arrivals to have
 * ready.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-desk.h"

G_BEGIN_DECLS

typedef enum {
  TD_HOUSEKEEPING_CLEAN,
  TD_HOUSEKEEPING_DIRTY,
  TD_HOUSEKEEPING_INSPECTED,
} TdHousekeeping;

const char *td_housekeeping_to_string   (TdHousekeeping  state);
gboolean    td_housekeeping_from_string (const char     *text,
                                         TdHousekeeping *state);
/* translated, for people */
const char *td_housekeeping_get_title   (TdHousekeeping  state);

typedef struct {
  char           *room_id;
  char           *number;
  int             floor;           /* G_MININT: unknown */
  char           *property_id;
  char           *room_type_code;
  TdHousekeeping  state;
  char           *state_at;        /* when it was last set, UTC ISO 8601, or NULL */
  gboolean        occupied;        /* a stay has the room on the night of the day */
  gboolean        out_of_order;
  char           *guest;           /* occupied: who; out of order: why */
  gboolean        departure;       /* a guest leaves the room that day */
  gboolean        arrival;         /* a guest is due in the room that day */
} TdHousekeepingRow;

void        td_housekeeping_row_free    (TdHousekeepingRow *row);

/* Sets a room's state: inspected only after clean. */
gboolean    td_room_set_housekeeping    (TdDatabase        *db,
                                         const char        *actor,
                                         const char        *room_id,
                                         TdHousekeeping     state,
                                         const TdDeskTime  *when,
                                         GError           **error);

/* The day's list (day 0: today), by room number: TdHousekeepingRow*. */
GPtrArray  *td_housekeeping_list        (TdDatabase        *db,
                                         const char        *property_id,
                                         guint32            day,
                                         const TdDeskTime  *when,
                                         GError           **error);
void        td_housekeeping_list_async  (TdDatabase        *db,
                                         const char        *property_id,
                                         guint32            day,
                                         const TdDeskTime  *when,
                                         GCancellable      *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer           user_data);
GPtrArray  *td_housekeeping_list_finish (TdDatabase        *db,
                                         GAsyncResult      *result,
                                         GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdHousekeepingRow, td_housekeeping_row_free)

G_END_DECLS
