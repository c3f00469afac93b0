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

G_END_DECLS
