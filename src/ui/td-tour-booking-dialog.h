/* td-tour-booking-dialog.h: booking travellers on a departure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_TOUR_BOOKING_DIALOG (td_tour_booking_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdTourBookingDialog, td_tour_booking_dialog, TD, TOUR_BOOKING_DIALOG, AdwWindow)

/* Signal "booked" (const char *booking_id) once booked, or "waitlisted"
 * (const char *waitlist_id) once the party is on the waiting list (when
 * the seats are too few); the dialog closes. */
GtkWidget *td_tour_booking_dialog_new          (GtkWindow           *parent,
                                                TdDatabase          *database,
                                                const char          *departure_id);
/* What choosing a search result does: the customer travels (the first is
 * the lead); FALSE when already there. */
gboolean   td_tour_booking_dialog_add_customer (TdTourBookingDialog *self,
                                                const char          *customer_id,
                                                const char          *name);
guint      td_tour_booking_dialog_get_n_travellers (TdTourBookingDialog *self);
/* the price as quoted now (NULL: none yet); the error shown ("" none) */
const char *td_tour_booking_dialog_get_quote   (TdTourBookingDialog *self);
const char *td_tour_booking_dialog_get_error   (TdTourBookingDialog *self);

G_END_DECLS
