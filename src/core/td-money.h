/* td-money.h: money as integer minor units plus an ISO 4217 currency code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_MONEY_ERROR (td_money_error_quark ())

typedef enum {
  TD_MONEY_ERROR_CURRENCY,   /* not an ISO 4217 code we know */
  TD_MONEY_ERROR_SYNTAX,     /* not a decimal amount */
  TD_MONEY_ERROR_PRECISION,  /* more decimals than the currency has */
  TD_MONEY_ERROR_OVERFLOW,   /* does not fit in 64 bits of minor units */
  TD_MONEY_ERROR_MISMATCH,   /* arithmetic on two currencies */
} TdMoneyError;

/* A plain value type: copy it freely. currency is a NUL-terminated
 * upper-case ISO 4217 alphabetic code. */
typedef struct {
  gint64 minor;
  char   currency[4];
} TdMoney;

GQuark      td_money_error_quark      (void);

int         td_currency_exponent      (const char    *code);
gboolean    td_currency_is_valid      (const char    *code);
const char *td_currency_symbol        (const char    *code);
const char * const *td_currency_codes (void);

gboolean    td_money_init             (TdMoney       *money,
                                       gint64         minor,
                                       const char    *currency,
                                       GError       **error);
gboolean    td_money_parse            (const char    *text,
                                       const char    *currency,
                                       TdMoney       *out,
                                       GError       **error);
gboolean    td_money_add              (const TdMoney *a,
                                       const TdMoney *b,
                                       TdMoney       *out,
                                       GError       **error);
gboolean    td_money_multiply         (const TdMoney *a,
                                       gint64         factor,
                                       TdMoney       *out,
                                       GError       **error);
char       *td_money_to_decimal       (const TdMoney *money);
char       *td_money_format           (const TdMoney *money);

G_END_DECLS
