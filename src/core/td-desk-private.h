/* td-desk-private.h: helpers the front-desk modules share (src/core only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

G_END_DECLS
