/* td-desk-private.h: helpers the front-desk modules share (src/core only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database-private.h"
#include "td-desk.h"

G_BEGIN_DECLS

/* The index of text in names (n of them), as an enum value. */
gboolean    _td_desk_name_to_value  (const char *const  *names,
                                     guint               n,
                                     const char         *text,
                                     int                *value);

/* A list of a property's rooms for a day (td_rooms_list(),
 * td_housekeeping_list()), in a worker thread. */
typedef GPtrArray *(*TdDeskDayList) (TdDatabase        *db,
                                     const char        *property_id,
                                     guint32            day,
                                     const TdDeskTime  *when,
                                     GError           **error);

void        _td_desk_day_list_async  (TdDatabase          *db,
                                      TdDeskDayList        list,
                                      gpointer             source_tag,
                                      const char          *property_id,
                                      guint32              day,
                                      const TdDeskTime    *when,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray  *_td_desk_day_list_finish (TdDatabase          *db,
                                      GAsyncResult        *result,
                                      gpointer             source_tag,
                                      GError             **error);

/* The FROM-clause joins for who holds each room r on a night: n, the
 * room-night of night ?2 (a hold that lapsed by ?3, the time now as text,
 * does not count); s, v, c and rc, its stay, reservation and customers;
 * o, its out-of-order period. */
#define TD_DESK_NIGHT_JOINS \
  "LEFT JOIN room_nights n ON n.room = r.rowid AND n.night = ?2 " \
  "AND (n.hold_until IS NULL OR n.hold_until > ?3) " \
  "LEFT JOIN stays s ON s.rowid = n.stay " \
  "LEFT JOIN reservations v ON v.id = s.reservation_id " \
  "LEFT JOIN customers c ON c.id = s.customer_id " \
  "LEFT JOIN customers rc ON rc.id = v.customer_id " \
  "LEFT JOIN out_of_order_periods o ON o.rowid = n.closure "

typedef gpointer (*TdDeskRowReader) (sqlite3_stmt *stmt);

/* Runs sql with ?1 property_id, ?2 day, ?3 now and (when not NULL) ?4
 * date, and returns what read makes of each row (freed with free_func);
 * NULL on error. */
GPtrArray  *_td_desk_room_rows       (TdDatabase          *db,
                                      const char          *sql,
                                      const char          *property_id,
                                      guint32              day,
                                      const char          *now,
                                      const char          *date,
                                      TdDeskRowReader      read,
                                      GDestroyNotify       free_func,
                                      GError             **error);

G_END_DECLS
