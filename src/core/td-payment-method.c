/* td-payment-method.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-payment-method.h"

static const struct {
  const char *folio;   /* folio_entries.method */
  const char *tour;    /* tour_payments.method */
} names[TD_PAYMENT_N_METHODS] = {
  [TD_PAYMENT_CASH]           = { "cash",           "cash" },
  [TD_PAYMENT_CARD]           = { "bank-card",      "card" },
  [TD_PAYMENT_WECHAT]         = { "wechat-pay",     "wechat" },
  [TD_PAYMENT_ALIPAY]         = { "alipay",         "alipay" },
  [TD_PAYMENT_TRANSFER]       = { "transfer",       "transfer" },
  [TD_PAYMENT_AGENCY_ACCOUNT] = { "agency-account", NULL },
  [TD_PAYMENT_OTHER]          = { NULL,             "other" },
};

gboolean
td_payment_method_parse (const char      *text,
                         TdPaymentMethod *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (int i = 0; i < TD_PAYMENT_N_METHODS; i++)
    if ((names[i].folio && g_ascii_strcasecmp (text, names[i].folio) == 0)
        || (names[i].tour && g_ascii_strcasecmp (text, names[i].tour) == 0))
      {
        *method = (TdPaymentMethod) i;
        return TRUE;
      }
  return FALSE;
}

const char *
td_payment_method_title (TdPaymentMethod method)
{
  switch (method)
    {
    case TD_PAYMENT_CASH:
      return C_("payment", "Cash");
    case TD_PAYMENT_CARD:
      return C_("payment", "Bank card");
    case TD_PAYMENT_WECHAT:
      return C_("payment", "WeChat Pay");
    case TD_PAYMENT_ALIPAY:
      return C_("payment", "Alipay");
    case TD_PAYMENT_TRANSFER:
      return C_("payment", "Bank transfer");
    case TD_PAYMENT_AGENCY_ACCOUNT:
      return C_("payment", "Agency account");
    case TD_PAYMENT_OTHER:
      return C_("payment", "Other");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
td_payment_method_describe (const char *stored)
{
  TdPaymentMethod method;

  if (!td_payment_method_parse (stored, &method))
    return stored;
  return td_payment_method_title (method);
}

const char *
td_payment_method_to_folio (TdPaymentMethod method)
{
  g_return_val_if_fail ((int) method >= 0 && method < TD_PAYMENT_N_METHODS, NULL);
  return names[method].folio;
}

const char *
td_payment_method_to_tour (TdPaymentMethod method)
{
  g_return_val_if_fail ((int) method >= 0 && method < TD_PAYMENT_N_METHODS, NULL);
  return names[method].tour;
}
