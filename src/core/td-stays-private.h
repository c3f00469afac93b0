/* td-stays-private.h: what td-stays.c and td-blocks.c share (src/core only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-housekeeping.h"
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

G_END_DECLS
