/* test-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-core.h"

static void
test_parse (void)
{
  struct { const char *text; const char *currency; gint64 minor; } ok[] = {
    { "0", "CNY", 0 },
    { "1", "CNY", 100 },
    { "12.5", "CNY", 1250 },
    { "12.50", "CNY", 1250 },
    { "12.500", "CNY", 1250 },
    { " 1,234.05 ", "CNY", 123405 },
    { "-3.10", "CNY", -310 },
    { "0.01", "CNY", 1 },
    { "500", "JPY", 500 },
    { "1.234", "KWD", 1234 },
    { "92233720368547758.07", "CNY", G_MAXINT64 },
  };
  const struct { const char *text; const char *currency; int code; } bad[] = {
    { "", "CNY", TD_MONEY_ERROR_SYNTAX },
    { "abc", "CNY", TD_MONEY_ERROR_SYNTAX },
    { "1.2.3", "CNY", TD_MONEY_ERROR_SYNTAX },
    { "1e5", "CNY", TD_MONEY_ERROR_SYNTAX },
    { "12.345", "CNY", TD_MONEY_ERROR_PRECISION },
    { "1.5", "JPY", TD_MONEY_ERROR_PRECISION },
    { "92233720368547758.08", "CNY", TD_MONEY_ERROR_OVERFLOW },
    { "99999999999999999999999", "CNY", TD_MONEY_ERROR_OVERFLOW },
    { "1", "RMB", TD_MONEY_ERROR_CURRENCY },
    { "1", "cny", TD_MONEY_ERROR_CURRENCY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      TdMoney m;

      g_assert_true (td_money_parse (ok[i].text, ok[i].currency, &m, &error));
      g_assert_no_error (error);
      g_assert_cmpint (m.minor, ==, ok[i].minor);
      g_assert_cmpstr (m.currency, ==, ok[i].currency);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      TdMoney m = { 42, "CNY" };

      g_assert_false (td_money_parse (bad[i].text, bad[i].currency, &m, &error));
      g_assert_error (error, TD_MONEY_ERROR, bad[i].code);
      g_assert_cmpint (m.minor, ==, 42);
    }
}

static void
test_format (void)
{
  TdMoney m;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

  td_money_init (&m, 123456789, "CNY", NULL);
  a = td_money_format (&m);
  g_assert_cmpstr (a, ==, "¥1,234,567.89");
  b = td_money_to_decimal (&m);
  g_assert_cmpstr (b, ==, "1234567.89");

  td_money_init (&m, -5, "CNY", NULL);
  c = td_money_format (&m);
  g_assert_cmpstr (c, ==, "-¥0.05");

  td_money_init (&m, 1500, "JPY", NULL);
  d = td_money_format (&m);
  g_assert_cmpstr (d, ==, "JP¥1,500");

  td_money_init (&m, 1000, "CHF", NULL);
  e = td_money_format (&m);
  g_assert_cmpstr (e, ==, "CHF 10.00");
}

static void
test_arithmetic (void)
{
  g_autoptr(GError) error = NULL;
  TdMoney a, b, sum;

  td_money_init (&a, 1999, "CNY", NULL);
  td_money_init (&b, 1, "CNY", NULL);
  g_assert_true (td_money_add (&a, &b, &sum, &error));
  g_assert_cmpint (sum.minor, ==, 2000);

  td_money_init (&b, 1, "USD", NULL);
  g_assert_false (td_money_add (&a, &b, &sum, &error));
  g_assert_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_MISMATCH);
  g_clear_error (&error);

  td_money_init (&a, G_MAXINT64, "CNY", NULL);
  td_money_init (&b, 1, "CNY", NULL);
  g_assert_false (td_money_add (&a, &b, &sum, &error));
  g_assert_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_OVERFLOW);
  g_clear_error (&error);

  td_money_init (&a, 32800, "CNY", NULL);
  g_assert_true (td_money_multiply (&a, 3, &sum, NULL));
  g_assert_cmpint (sum.minor, ==, 98400);
  g_assert_false (td_money_multiply (&a, G_MAXINT64 / 2, &sum, &error));
  g_assert_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_OVERFLOW);
}

static void
test_currencies (void)
{
  const char * const *codes = td_currency_codes ();

  g_assert_true (g_strv_contains (codes, "CNY"));
  g_assert_true (g_strv_contains (codes, "HKD"));
  g_assert_cmpint (td_currency_exponent ("CNY"), ==, 2);
  g_assert_cmpint (td_currency_exponent ("JPY"), ==, 0);
  g_assert_cmpint (td_currency_exponent ("BHD"), ==, 3);
  g_assert_cmpint (td_currency_exponent ("XXX"), ==, -1);
  for (guint i = 0; codes[i]; i++)
    {
      g_assert_cmpuint (strlen (codes[i]), ==, 3);
      if (i > 0)  /* sorted, no duplicates */
        g_assert_cmpint (strcmp (codes[i - 1], codes[i]), <, 0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/money/parse", test_parse);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/arithmetic", test_arithmetic);
  g_test_add_func ("/money/currencies", test_currencies);
  return g_test_run ();
}
