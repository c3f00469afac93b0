/* td-stays-private.h: what the stays files (td-stays.c, td-stay-commit.c,
 * td-stays-book.c, td-stay-apply.c) and td-blocks.c share (src/core only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "td-housekeeping.h"
#include "td-rates.h"
#include "td-stays.h"

G_BEGIN_DECLS

/* A booking into an existing reservation and a group block: picking a
 * room up from a block. night_price (or NULL) is the block's negotiated
 * price, instead of the plan's. */
typedef struct {
  const char    *reservation_id;
  const char    *block_id;
  const TdMoney *night_price;
} TdBookingInto;

TdBookingResult *_td_stays_book_into      (TdDatabase          *db,
                                           const char          *actor,
                                           const TdBooking     *booking,
                                           const TdBookingInto *into,
                                           const TdDeskTime    *when,
                                           GError             **error);

/* td-blocks.c: inside a commit, fails with TD_DESK_ERROR_BLOCK when the
 * block has more rooms picked up on a night than it holds. Lock held. */
gboolean         _td_block_check_picked   (TdDatabase          *db,
                                           const char          *block_id,
                                           const TdDeskTime    *when,
                                           GError             **error);

/* td-housekeeping.c: the change that sets a room's housekeeping state
 * (a guest leaving makes it dirty, in the commit of the check-out) */
TdChange        *_td_housekeeping_change  (TdDatabase          *db,
                                           const char          *room_id,
                                           TdHousekeeping       state,
                                           const char          *now,
                                           GError             **error);

/* What td-folio.c and td-registration.c add to a change of state (a
 * check-in's registrations, a check-out's room nights): add() appends its
 * changes to the commit, given the stay as it was and the change that
 * writes it (whose values hold the new dates and prices, if any); check()
 * runs inside the transaction, after every change, lock held. Either may
 * be NULL. */
typedef struct {
  gboolean (*add)   (TdDatabase    *db,
                     const TdStay  *stay,
                     TdChange      *stay_change,
                     GPtrArray     *changes,
                     gpointer       user_data,
                     GError       **error);
  gboolean (*check) (TdDatabase    *db,
                     gpointer       user_data,
                     GError       **error);
  gpointer   user_data;
} TdStayApplyExtra;

TdStay          *_td_stay_apply_with      (TdDatabase              *db,
                                           const char              *actor,
                                           const char              *stay_id,
                                           TdStayAction             action,
                                           const TdDeskTime        *when,
                                           const TdStayApplyExtra  *extra,
                                           GError                 **error);

/* td-stay-commit.c: a commit of changes to stays. Each change that writes
 * a stay is added with the room and nights it takes (so a refusal by the
 * room-night table names them), each room type whose nights grow with the
 * nights it must not be sold beyond; block_id and extra are optional. */
typedef struct {
  GPtrArray              *writes;       /* what each change takes */
  GPtrArray              *checks;       /* room types that must not be oversold */
  const char             *block_id;     /* a pick-up: the block must not be picked up beyond its rooms */
  const TdDeskTime       *when;
  char                   *failed_room;  /* the room the room-night table refused */
  const TdStayApplyExtra *extra;        /* what a caller adds to a change of state */
} TdStayCommit;

void             _td_stay_commit_init      (TdStayCommit        *commit,
                                            const TdDeskTime    *when);
void             _td_stay_commit_clear     (TdStayCommit        *commit);
void             _td_stay_commit_add_write (TdStayCommit        *commit,
                                            TdChange            *change,
                                            const char          *room_id,
                                            const TdDateRange   *dates);
/* the last write takes another room (a move) */
void             _td_stay_commit_set_last_room (TdStayCommit    *commit,
                                                const char      *room_id);
void             _td_stay_commit_add_check (TdStayCommit        *commit,
                                            const char          *room_type_id,
                                            const TdDateRange   *dates);
gboolean         _td_stay_commit_run       (TdDatabase          *db,
                                            const char          *actor,
                                            GPtrArray           *changes,
                                            TdStayCommit        *commit,
                                            GError             **error);

/* a room as a booking needs it */
typedef struct {
  char *id;
  char *property_id;
  char *room_type_id;
  char *number;
} TdRoomInfo;

void             _td_room_info_clear       (TdRoomInfo          *room);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdRoomInfo, _td_room_info_clear)

gboolean         _td_stays_load_room       (TdDatabase          *db,
                                            const char          *room_id,
                                            TdRoomInfo          *room,
                                            GError             **error);
/* the property of a room type, and (label not NULL) its "CODE name" for messages */
gboolean         _td_stays_load_room_type  (TdDatabase          *db,
                                            const char          *room_type_id,
                                            char               **property_id,
                                            char               **label,
                                            GError             **error);
/* The plan by id (it must be for the room type), or the type's first. */
TdRatePlan      *_td_stays_choose_plan     (TdDatabase          *db,
                                            const char          *room_type_id,
                                            const char          *rate_plan_id,
                                            GError             **error);
/* a stay's nightly prices and their total; its arrival and departure */
void             _td_stay_set_nights       (TdChange            *change,
                                            const GArray        *nightly,
                                            const char          *currency);
void             _td_stay_set_dates        (TdChange            *change,
                                            const TdDateRange   *dates);
/* td-stays.c: a text column, copied */
char            *_td_stays_dup_column      (sqlite3_stmt        *stmt,
                                            int                  i);

G_END_DECLS
