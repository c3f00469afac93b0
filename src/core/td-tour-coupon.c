/* td-tour-coupon.c: a tour booking with a coupon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-coupon.h"
#include "td-tour-coupon.h"
#include "td-tours.h"

char *
td_tour_book_with_coupon (TdDatabase                 *db,
                          const char                 *actor,
                          const TdTourBookingRequest *request,
                          const char                 *code,
                          const TdDeskTime           *when,
                          TdMoney                    *discount,
                          GError                    **error)
{
  g_autoptr(TdDeparture) departure = NULL;
  g_autoptr(TdTourQuote) quote = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *redemption = NULL;
  TdTourBookingRequest with = *request;
  TdCouponContext context = { 0 };
  TdMoney off;
  char *id;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (request->discount == NULL, NULL);

  normal = td_coupon_code_normalise (code);
  if (normal == NULL)
    {
      g_set_error_literal (error, TD_COUPON_ERROR, TD_COUPON_ERROR_NOT_FOUND, _("Type the coupon's code"));
      return NULL;
    }
  departure = td_departure_get (db, request->departure_id, error);
  if (departure == NULL)
    return NULL;
  quote = td_tour_quote (db, request, error);
  if (quote == NULL)
    return NULL;

  context.customer_id = request->lead_customer_id;
  context.product_id = departure->product_id;
  context.date = departure->start;
  context.price = quote->subtotal;
  if (!td_coupon_check (db, normal, &context, &off, error))
    return NULL;

  /* Translators: the reason of a tour booking's discount: the coupon's code */
  reason = request->discount_reason ? g_strdup (request->discount_reason) : g_strdup_printf (_("Coupon %s"), normal);
  with.discount = &off;
  with.discount_reason = reason;
  id = td_tour_book (db, actor, &with, when, error);
  if (id == NULL)
    return NULL;

  /* the same check again, with the redemption: another desk may have used
   * the coupon's last use meanwhile; the booking stands, said in the log */
  redemption = td_coupon_redeem (db, normal, &context, "tour_booking", id, &off, &local);
  if (redemption == NULL)
    g_warning ("Booking %s took coupon %s, whose use could not be recorded: %s", id, normal, local->message);
  if (discount)
    *discount = off;
  return id;
}
