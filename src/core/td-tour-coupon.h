/* td-tour-coupon.h: a tour booking with a coupon
 *
 * The coupon is checked against the booking as it would be made (the lead
 * customer, the departure's product and date, the price before discount),
 * its discount taken off the total, then the redemption recorded with the
 * booking's id, so the campaign that gave the coupon counts the booking
 * and its revenue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-tour-booking.h"

G_BEGIN_DECLS

/* request->discount must be NULL: the coupon gives it. *discount (or
 * NULL): what it took off. Returns the booking's id, or NULL with the
 * coupon's reason (TD_COUPON_ERROR_*) or the booking's. */
char *td_tour_book_with_coupon (TdDatabase                 *db,
                                const char                 *actor,
                                const TdTourBookingRequest *request,
                                const char                 *code,
                                const TdDeskTime           *when,
                                TdMoney                    *discount,
                                GError                    **error);

G_END_DECLS
