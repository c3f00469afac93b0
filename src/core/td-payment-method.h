/* td-payment-method.h: one vocabulary of payment methods for the whole desk
 *
 * The hotel's folios and the agency's tour payments were built apart and
 * store the same methods under different names:
 *
 *   method          folio_entries.method   tour_payments.method
 *   cash            cash                   cash
 *   bank card       bank-card              card
 *   WeChat Pay      wechat-pay             wechat
 *   Alipay          alipay                 alipay
 *   bank transfer   transfer               transfer
 *   agency account  agency-account         (none)
 *   other           (none)                 other
 *
 * The stored names stay as they are: both columns are CHECKed by the
 * schema and synced to the platform, whose other desks (an older build
 * among them) validate them by these very lists, so renaming them would
 * take a migration on every desk at once and break the sync in between,
 * for no gain to the clerk, who never sees them. What the clerk sees and
 * types is one vocabulary: one title per method, and either spelling
 * accepted wherever a method is given (the CLI's --method, imports), each
 * stored as its own table spells it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TD_PAYMENT_CASH,
  TD_PAYMENT_CARD,
  TD_PAYMENT_WECHAT,
  TD_PAYMENT_ALIPAY,
  TD_PAYMENT_TRANSFER,
  TD_PAYMENT_AGENCY_ACCOUNT,
  TD_PAYMENT_OTHER,
} TdPaymentMethod;

#define TD_PAYMENT_N_METHODS (TD_PAYMENT_OTHER + 1)

/* Either table's spelling, in any case ("bank-card", "card", "WeChat"…). */
gboolean    td_payment_method_parse     (const char      *text,
                                         TdPaymentMethod *method);
/* translated, the same for the hotel and the agency: "Bank card" */
const char *td_payment_method_title     (TdPaymentMethod  method);
/* The title of a stored name of either table; the name itself when it
 * is none (a value from a newer desk). */
const char *td_payment_method_describe  (const char      *stored);
/* As a folio entry stores it, or NULL when folios have no such method. */
const char *td_payment_method_to_folio  (TdPaymentMethod  method);
/* As a tour payment stores it, or NULL when tours have no such method. */
const char *td_payment_method_to_tour   (TdPaymentMethod  method);

G_END_DECLS
