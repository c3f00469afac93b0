/* td-desk.h: what the front-desk modules share: the desk's clock and errors
 *
 * Every front-desk operation takes a TdDeskTime (NULL: now): the hotel's
 * date, which decides check-in, cancellation penalties and block releases,
 * and the instant, which decides whether a tentative hold has expired.
 * Tests pass a fixed one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

#define TD_DESK_ERROR (td_desk_error_quark ())

typedef enum {
  TD_DESK_ERROR_TAKEN,       /* the room is taken on a night (by a stay or out of order) */
  TD_DESK_ERROR_FULL,        /* no room of the type is left on a night */
  TD_DESK_ERROR_RESTRICTED,  /* the rate's rules refuse the stay (closed, minimum stay…) */
  TD_DESK_ERROR_STATE,       /* not in a state that allows this (check out a cancelled stay…) */
  TD_DESK_ERROR_BLOCK,       /* the group block is released or fully picked up */
  TD_DESK_ERROR_NO_RATE,     /* no price for the room type */
  TD_DESK_ERROR_INVALID,     /* a request that makes no sense (no nights, no guest…) */
  TD_DESK_ERROR_NOT_FOUND,   /* no such property, room type, room or stay */
  TD_DESK_ERROR_AMBIGUOUS,   /* a room number or code found in several hotels */
} TdDeskError;

typedef struct {
  guint32 today;  /* the hotel's date: a GLib Julian day */
  gint64  now;    /* the instant: microseconds since 1970 (UTC) */
} TdDeskTime;

GQuark    td_desk_error_quark    (void);

/* today in the workspace's time zone, and now */
void      td_desk_time_init_now  (TdDeskTime       *when,
                                  TdDatabase       *db);
/* a fixed time (tests, reports for a past date) */
void      td_desk_time_init      (TdDeskTime       *when,
                                  guint32           today,
                                  gint64            now);
/* when itself, or now when it is NULL (storage for that in *storage) */
const TdDeskTime *td_desk_time_or_now (const TdDeskTime *when,
                                       TdDatabase       *db,
                                       TdDeskTime       *storage);

G_END_DECLS
