/* td-id-number.c: GB 11643-1999 citizen identification numbers
 *
 * 6 digits of administrative region, 8 of birth date (YYYYMMDD), 3 of
 * sequence (odd for men, even for women) and a check character computed
 * with ISO 7064 MOD 11-2 (10 is written X).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-id-number.h"

G_DEFINE_QUARK (td-id-number-error-quark, td_id_number_error)

/* First two digits: the province-level divisions of GB/T 2260 */
static const int provinces[] = {
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
  41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
  71, 81, 82, 83, 91,
};

static int
digits (const char *s,
        int         n)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

char
td_id_number_check_char (const char *first17)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char check[] = "10X98765432";
  int sum = 0;

  for (int i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (first17[i]))
        return '\0';
      sum += (first17[i] - '0') * weights[i];
    }
  return check[sum % 11];
}

gboolean
td_id_number_validate (const char  *number,
                       GDate       *birth_date_out,
                       GError     **error)
{
  int province, y, m, d;
  gboolean province_ok = FALSE;
  char expected;
  GDate birth;

  if (number == NULL || strlen (number) != 18)
    {
      g_set_error_literal (error, TD_ID_NUMBER_ERROR, TD_ID_NUMBER_ERROR_LENGTH,
                           _("An identity card number has 18 characters"));
      return FALSE;
    }
  for (int i = 0; i < 17; i++)
    if (!g_ascii_isdigit (number[i]))
      {
        g_set_error_literal (error, TD_ID_NUMBER_ERROR, TD_ID_NUMBER_ERROR_CHARACTER,
                             _("The first 17 characters of an identity card number are digits"));
        return FALSE;
      }
  if (!g_ascii_isdigit (number[17]) && number[17] != 'X' && number[17] != 'x')
    {
      g_set_error_literal (error, TD_ID_NUMBER_ERROR, TD_ID_NUMBER_ERROR_CHARACTER,
                           _("The last character of an identity card number is a digit or X"));
      return FALSE;
    }

  province = (number[0] - '0') * 10 + (number[1] - '0');
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    province_ok |= provinces[i] == province;
  if (!province_ok)
    {
      g_set_error (error, TD_ID_NUMBER_ERROR, TD_ID_NUMBER_ERROR_REGION,
                   _("“%.6s” is not a region code"), number);
      return FALSE;
    }

  y = digits (number + 6, 4);
  m = digits (number + 10, 2);
  d = digits (number + 12, 2);
  if (y < 1900 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, TD_ID_NUMBER_ERROR, TD_ID_NUMBER_ERROR_BIRTH_DATE,
                   _("“%.8s” is not a valid birth date"), number + 6);
      return FALSE;
    }
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, (GDateDay) d, (GDateMonth) m, (GDateYear) y);

  expected = td_id_number_check_char (number);
  if (g_ascii_toupper (number[17]) != expected)
    {
      g_set_error_literal (error, TD_ID_NUMBER_ERROR, TD_ID_NUMBER_ERROR_CHECKSUM,
                           _("The identity card number has a typing error: its check character does not match"));
      return FALSE;
    }

  if (birth_date_out)
    *birth_date_out = birth;
  return TRUE;
}

/* 410102********123X: first 6 and last 4 shown */
char *
td_id_number_mask (const char *number)
{
  gsize len;
  GString *s;

  if (number == NULL)
    return NULL;
  len = strlen (number);
  if (len <= 10)
    return g_strnfill (len, '*');

  s = g_string_new_len (number, 6);
  for (gsize i = 6; i < len - 4; i++)
    g_string_append_c (s, '*');
  g_string_append (s, number + len - 4);
  return g_string_free (s, FALSE);
}
