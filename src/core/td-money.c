/* td-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-money.h"

G_DEFINE_QUARK (td-money-error-quark, td_money_error)

typedef struct {
  const char *code;
  int         exponent;
  const char *symbol;
} Currency;

/* ISO 4217 active codes with their minor-unit exponent. The symbol is used
 * only where it is unambiguous for a Chinese desk. */
static const Currency currencies[] = {
  { "AED", 2, NULL }, { "AFN", 2, NULL }, { "ALL", 2, NULL }, { "AMD", 2, NULL },
  { "ANG", 2, NULL }, { "AOA", 2, NULL }, { "ARS", 2, NULL }, { "AUD", 2, "A$" },
  { "AWG", 2, NULL }, { "AZN", 2, NULL }, { "BAM", 2, NULL }, { "BBD", 2, NULL },
  { "BDT", 2, NULL }, { "BGN", 2, NULL }, { "BHD", 3, NULL }, { "BIF", 0, NULL },
  { "BMD", 2, NULL }, { "BND", 2, NULL }, { "BOB", 2, NULL }, { "BRL", 2, "R$" },
  { "BSD", 2, NULL }, { "BTN", 2, NULL }, { "BWP", 2, NULL }, { "BYN", 2, NULL },
  { "BZD", 2, NULL }, { "CAD", 2, "C$" }, { "CDF", 2, NULL }, { "CHF", 2, NULL },
  { "CLP", 0, NULL }, { "CNY", 2, "¥" },  { "COP", 2, NULL }, { "CRC", 2, NULL },
  { "CUP", 2, NULL }, { "CVE", 2, NULL }, { "CZK", 2, NULL }, { "DJF", 0, NULL },
  { "DKK", 2, NULL }, { "DOP", 2, NULL }, { "DZD", 2, NULL }, { "EGP", 2, NULL },
  { "ERN", 2, NULL }, { "ETB", 2, NULL }, { "EUR", 2, "€" },  { "FJD", 2, NULL },
  { "FKP", 2, NULL }, { "GBP", 2, "£" },  { "GEL", 2, NULL }, { "GHS", 2, NULL },
  { "GIP", 2, NULL }, { "GMD", 2, NULL }, { "GNF", 0, NULL }, { "GTQ", 2, NULL },
  { "GYD", 2, NULL }, { "HKD", 2, "HK$" }, { "HNL", 2, NULL }, { "HTG", 2, NULL },
  { "HUF", 2, NULL }, { "IDR", 2, NULL }, { "ILS", 2, NULL }, { "INR", 2, "₹" },
  { "IQD", 3, NULL }, { "IRR", 2, NULL }, { "ISK", 0, NULL }, { "JMD", 2, NULL },
  { "JOD", 3, NULL }, { "JPY", 0, "JP¥" }, { "KES", 2, NULL }, { "KGS", 2, NULL },
  { "KHR", 2, NULL }, { "KMF", 0, NULL }, { "KPW", 2, NULL }, { "KRW", 0, "₩" },
  { "KWD", 3, NULL }, { "KYD", 2, NULL }, { "KZT", 2, NULL }, { "LAK", 2, NULL },
  { "LBP", 2, NULL }, { "LKR", 2, NULL }, { "LRD", 2, NULL }, { "LSL", 2, NULL },
  { "LYD", 3, NULL }, { "MAD", 2, NULL }, { "MDL", 2, NULL }, { "MGA", 2, NULL },
  { "MKD", 2, NULL }, { "MMK", 2, NULL }, { "MNT", 2, NULL }, { "MOP", 2, "MOP$" },
  { "MRU", 2, NULL }, { "MUR", 2, NULL }, { "MVR", 2, NULL }, { "MWK", 2, NULL },
  { "MXN", 2, NULL }, { "MYR", 2, "RM" }, { "MZN", 2, NULL }, { "NAD", 2, NULL },
  { "NGN", 2, NULL }, { "NIO", 2, NULL }, { "NOK", 2, NULL }, { "NPR", 2, NULL },
  { "NZD", 2, "NZ$" }, { "OMR", 3, NULL }, { "PAB", 2, NULL }, { "PEN", 2, NULL },
  { "PGK", 2, NULL }, { "PHP", 2, "₱" },  { "PKR", 2, NULL }, { "PLN", 2, NULL },
  { "PYG", 0, NULL }, { "QAR", 2, NULL }, { "RON", 2, NULL }, { "RSD", 2, NULL },
  { "RUB", 2, "₽" },  { "RWF", 0, NULL }, { "SAR", 2, NULL }, { "SBD", 2, NULL },
  { "SCR", 2, NULL }, { "SDG", 2, NULL }, { "SEK", 2, NULL }, { "SGD", 2, "S$" },
  { "SHP", 2, NULL }, { "SLE", 2, NULL }, { "SOS", 2, NULL }, { "SRD", 2, NULL },
  { "SSP", 2, NULL }, { "STN", 2, NULL }, { "SVC", 2, NULL }, { "SYP", 2, NULL },
  { "SZL", 2, NULL }, { "THB", 2, "฿" },  { "TJS", 2, NULL }, { "TMT", 2, NULL },
  { "TND", 3, NULL }, { "TOP", 2, NULL }, { "TRY", 2, NULL }, { "TTD", 2, NULL },
  { "TWD", 2, "NT$" }, { "TZS", 2, NULL }, { "UAH", 2, NULL }, { "UGX", 0, NULL },
  { "USD", 2, "US$" }, { "UYU", 2, NULL }, { "UZS", 2, NULL }, { "VES", 2, NULL },
  { "VND", 0, "₫" },  { "VUV", 0, NULL }, { "WST", 2, NULL }, { "XAF", 0, NULL },
  { "XCD", 2, NULL }, { "XOF", 0, NULL }, { "XPF", 0, NULL }, { "YER", 2, NULL },
  { "ZAR", 2, NULL }, { "ZMW", 2, NULL }, { "ZWL", 2, NULL },
};

static const Currency *
find_currency (const char *code)
{
  if (code == NULL || strlen (code) != 3)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (strcmp (currencies[i].code, code) == 0)
      return &currencies[i];

  return NULL;
}

int
td_currency_exponent (const char *code)
{
  const Currency *c = find_currency (code);

  return c ? c->exponent : -1;
}

gboolean
td_currency_is_valid (const char *code)
{
  return find_currency (code) != NULL;
}

const char *
td_currency_symbol (const char *code)
{
  const Currency *c = find_currency (code);

  return c && c->symbol ? c->symbol : code;
}

const char * const *
td_currency_codes (void)
{
  static const char **codes;

  if (g_once_init_enter (&codes))
    {
      const char **v = g_new0 (const char *, G_N_ELEMENTS (currencies) + 1);

      for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
        v[i] = currencies[i].code;
      g_once_init_leave (&codes, v);
    }

  return codes;
}

static gboolean
check_currency (const char  *currency,
                GError     **error)
{
  if (find_currency (currency) == NULL)
    {
      g_set_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_CURRENCY,
                   _("“%s” is not an ISO 4217 currency code"),
                   currency ? currency : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
td_money_init (TdMoney     *money,
               gint64       minor,
               const char  *currency,
               GError     **error)
{
  g_return_val_if_fail (money != NULL, FALSE);

  if (!check_currency (currency, error))
    return FALSE;

  money->minor = minor;
  memcpy (money->currency, currency, 3);
  money->currency[3] = '\0';
  return TRUE;
}

gboolean
td_money_parse (const char  *text,
                const char  *currency,
                TdMoney     *out,
                GError     **error)
{
  int exponent;
  const char *p;
  gboolean negative = FALSE;
  guint64 value = 0;
  int decimals = -1;
  gboolean any_digit = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!check_currency (currency, error))
    return FALSE;
  exponent = td_currency_exponent (currency);

  p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');

  for (; *p && !g_ascii_isspace (*p); p++)
    {
      if (*p == '.' && decimals < 0)
        {
          decimals = 0;
          continue;
        }
      if (*p == ',' && decimals < 0)
        continue;  /* thousands separator */
      if (!g_ascii_isdigit (*p))
        goto syntax;

      if (decimals >= 0)
        {
          if (++decimals > exponent)
            {
              if (*p == '0')
                continue;  /* trailing zeros are harmless */
              g_set_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_PRECISION,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "%s has %d decimal place at most",
                                        "%s has %d decimal places at most",
                                        exponent),
                           currency, exponent);
              return FALSE;
            }
        }
      if (value > ((guint64) G_MAXINT64 - (guint64) (*p - '0')) / 10)
        goto overflow;
      value = value * 10 + (guint64) (*p - '0');
      any_digit = TRUE;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || !any_digit)
    goto syntax;

  for (int i = MAX (decimals, 0); i < exponent; i++)
    {
      if (value > (guint64) G_MAXINT64 / 10)
        goto overflow;
      value *= 10;
    }

  out->minor = negative ? -(gint64) value : (gint64) value;
  memcpy (out->currency, currency, 3);
  out->currency[3] = '\0';
  return TRUE;

syntax:
  g_set_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_SYNTAX,
               _("“%s” is not an amount of money"), text);
  return FALSE;

overflow:
  g_set_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_OVERFLOW,
               _("“%s” is too large an amount"), text);
  return FALSE;
}

gboolean
td_money_add (const TdMoney  *a,
              const TdMoney  *b,
              TdMoney        *out,
              GError        **error)
{
  gint64 sum;

  if (strcmp (a->currency, b->currency) != 0)
    {
      g_set_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_MISMATCH,
                   _("Cannot add an amount in %s to an amount in %s"), b->currency, a->currency);
      return FALSE;
    }
  if (__builtin_add_overflow (a->minor, b->minor, &sum))
    {
      g_set_error_literal (error, TD_MONEY_ERROR, TD_MONEY_ERROR_OVERFLOW,
                           _("The amount is too large"));
      return FALSE;
    }
  out->minor = sum;
  memcpy (out->currency, a->currency, sizeof out->currency);
  return TRUE;
}

gboolean
td_money_multiply (const TdMoney  *a,
                   gint64          factor,
                   TdMoney        *out,
                   GError        **error)
{
  gint64 product;

  if (__builtin_mul_overflow (a->minor, factor, &product))
    {
      g_set_error_literal (error, TD_MONEY_ERROR, TD_MONEY_ERROR_OVERFLOW,
                           _("The amount is too large"));
      return FALSE;
    }
  out->minor = product;
  memcpy (out->currency, a->currency, sizeof out->currency);
  return TRUE;
}

/* "1234.50": plain decimal, no grouping, for files and JSON */
char *
td_money_to_decimal (const TdMoney *money)
{
  int exponent = td_currency_exponent (money->currency);
  guint64 abs_value, divisor = 1;
  const char *sign = money->minor < 0 ? "-" : "";

  if (exponent < 0)
    exponent = 2;
  for (int i = 0; i < exponent; i++)
    divisor *= 10;

  abs_value = money->minor < 0 ? (guint64) 0 - (guint64) money->minor : (guint64) money->minor;
  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, abs_value);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          sign, abs_value / divisor, exponent, abs_value % divisor);
}

/* "¥1,234.50" for display */
char *
td_money_format (const TdMoney *money)
{
  g_autofree char *plain = td_money_to_decimal (money);
  const char *digits = plain;
  const char *dot;
  const char *symbol = td_currency_symbol (money->currency);
  GString *s = g_string_new (NULL);
  gsize int_len;

  if (*digits == '-')
    {
      g_string_append_c (s, '-');
      digits++;
    }
  g_string_append (s, symbol);
  if (strlen (symbol) == 3)
    g_string_append_c (s, ' ');

  dot = strchr (digits, '.');
  int_len = dot ? (gsize) (dot - digits) : strlen (digits);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  if (dot)
    g_string_append (s, dot);

  return g_string_free (s, FALSE);
}
