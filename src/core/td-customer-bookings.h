/* td-customer-bookings.h: what a customer booked, stays and tours together
 *
 * The stays where the customer is the guest or the one who booked, and the
 * tour bookings where the customer leads or travels, newest first: what a
 * clerk picks from to link a survey answer to what it is about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

typedef enum {
  TD_CUSTOMER_BOOKING_STAY,
  TD_CUSTOMER_BOOKING_TOUR,
} TdCustomerBookingKind;

typedef struct {
  TdCustomerBookingKind kind;
  char     *id;           /* the stay's or the tour booking's */
  char     *title;        /* the hotel and room type, or the tour product */
  guint32   start;        /* arrival, or the departure's date */
  guint32   end;          /* the departure (stays); 0 for tours */
  char     *state;        /* as stored: confirmed, checked_out, paid, ... */
  char     *property_id;  /* stays */
  char     *product;      /* tours: the product's name */
  char     *guide;        /* tours: the departure's guide, or NULL */
} TdCustomerBooking;

void       td_customer_booking_free (TdCustomerBooking *booking);

/* At most limit of them (TdCustomerBooking*), the latest first. */
GPtrArray *td_customer_bookings     (TdDatabase        *db,
                                     const char        *customer_id,
                                     guint              limit,
                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCustomerBooking, td_customer_booking_free)

G_END_DECLS
