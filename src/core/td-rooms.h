/* td-rooms.h: the rooms of the hotels, and rooms out of order
 *
 * Finding a property, room type or room from what a clerk types (an id, a
 * name, a code, a number), the rooms with what takes each on a night, and
 * out-of-order periods, which take their room's nights in the room-night
 * table like a stay: a room cannot be put out of order over a stay, nor
 * booked while out of order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-date-range.h"
#include "td-desk.h"
#include "td-stays.h"

G_BEGIN_DECLS

typedef enum {
  TD_ROOM_FREE,
  TD_ROOM_TAKEN,          /* by a stay */
  TD_ROOM_OUT_OF_ORDER,
} TdRoomStatus;

typedef struct {
  char         *id;
  char         *property_id;
  char         *property_name;
  char         *room_type_id;
  char         *room_type_code;
  char         *room_type_name;
  char         *number;
  int           floor;         /* G_MININT: unknown */
  char         *features;
  /* on the night asked for */
  TdRoomStatus  status;
  char         *stay_id;       /* TD_ROOM_TAKEN */
  TdStayState   stay_state;
  char         *occupant;      /* TD_ROOM_TAKEN: the guest; TD_ROOM_OUT_OF_ORDER: the reason */
} TdRoom;

typedef struct {
  char        *id;
  gint64       revision;
  char        *room_id;
  char        *room_number;
  char        *property_id;
  TdDateRange  dates;
  char        *reason;
} TdOutOfOrder;

void       td_room_free            (TdRoom             *room);
void       td_out_of_order_free    (TdOutOfOrder       *period);

/* Ids from what was typed: an id; a property's name (whole, or a part
 * only one name has); a room type's code (any case) or a room's number,
 * within property_id or, when it is NULL, wherever it is the only one. */
char      *td_property_resolve     (TdDatabase         *db,
                                    const char         *text,
                                    GError            **error);
char      *td_room_type_resolve    (TdDatabase         *db,
                                    const char         *property_id,
                                    const char         *text,
                                    GError            **error);
char      *td_room_resolve         (TdDatabase         *db,
                                    const char         *property_id,
                                    const char         *text,
                                    GError            **error);

/* TdRoom*, by property and number, each with its status on night (from
 * when: today; holds past their time count as free). */
GPtrArray *td_rooms_list           (TdDatabase         *db,
                                    const char         *property_id,
                                    guint32             night,
                                    const TdDeskTime   *when,
                                    GError            **error);
void       td_rooms_list_async     (TdDatabase         *db,
                                    const char         *property_id,
                                    guint32             night,
                                    const TdDeskTime   *when,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
GPtrArray *td_rooms_list_finish    (TdDatabase         *db,
                                    GAsyncResult       *result,
                                    GError            **error);

/* Takes the room out of sale for dates; TD_DESK_ERROR_TAKEN (naming the
 * stay) when a stay has the room on one of those nights. */
char      *td_out_of_order_add     (TdDatabase         *db,
                                    const char         *actor,
                                    const char         *room_id,
                                    const TdDateRange  *dates,
                                    const char         *reason,
                                    GError            **error);
gboolean   td_out_of_order_remove  (TdDatabase         *db,
                                    const char         *actor,
                                    const char         *id,
                                    GError            **error);
/* TdOutOfOrder*, overlapping dates, by room number. */
GPtrArray *td_out_of_order_list    (TdDatabase         *db,
                                    const char         *property_id,
                                    const TdDateRange  *dates,
                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRoom, td_room_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdOutOfOrder, td_out_of_order_free)

G_END_DECLS
