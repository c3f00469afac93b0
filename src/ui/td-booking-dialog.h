/* td-booking-dialog.h: book one room for dates, from the tape chart
 *
 * A guest found with td_customer_search_async(), the adults, a rate plan
 * with its price (td_availability_search_async() for the room's type and
 * dates), then td_stays_book_async(). "booked" (const char *stay_id) is
 * emitted when the booking is committed; the core's refusal is shown in
 * the dialog and nothing is lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_BOOKING_DIALOG (td_booking_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdBookingDialog, td_booking_dialog, TD, BOOKING_DIALOG, AdwWindow)

TdBookingDialog *td_booking_dialog_new          (TdDatabase      *database,
                                                 const TdRoom    *room,
                                                 guint32          start,
                                                 guint32          end);
/* for tests: types text into the guest search */
void             td_booking_dialog_search       (TdBookingDialog *self,
                                                 const char      *text);
/* the number of guests found, and choosing one of them */
guint            td_booking_dialog_get_n_hits   (TdBookingDialog *self);
void             td_booking_dialog_choose_hit   (TdBookingDialog *self,
                                                 guint            index);
/* has a price been quoted for the chosen plan? */
gboolean         td_booking_dialog_has_quote    (TdBookingDialog *self);
/* the Book button's action */
void             td_booking_dialog_book         (TdBookingDialog *self);
/* the last refusal shown, or NULL */
const char      *td_booking_dialog_get_problem  (TdBookingDialog *self);

G_END_DECLS
