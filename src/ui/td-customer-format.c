/* td-customer-format.c: customers' values as the customer views show them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-core.h"
#include "td-customer-format.h"

static gboolean
all_digits (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* digits in groups of four from the start: 60000100 → 6000 0100 */
static void
append_grouped (GString    *out,
                const char *digits)
{
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && i % 4 == 0 && len - i > 1)
        g_string_append_c (out, ' ');
      g_string_append_c (out, digits[i]);
    }
}

char *
td_customer_format_phone (const char *phone)
{
  GString *out;
  const char *national;
  gsize area;

  if (phone == NULL)
    return NULL;

  /* a mainland mobile: 3-4-4 */
  if (strlen (phone) == 11 && phone[0] == '1' && all_digits (phone))
    return g_strdup_printf ("%.3s %.4s %.4s", phone, phone + 3, phone + 7);

  if (!g_str_has_prefix (phone, "+86") || !all_digits (phone + 3) || strlen (phone + 3) < 9)
    return g_strdup (phone);

  /* a mainland landline: 0 and its area code (2 digits for 10 and 2x,
   * else 3), a dash, the number */
  national = phone + 3;
  area = (national[0] == '1' || national[0] == '2') ? 2 : 3;
  out = g_string_new ("0");
  g_string_append_len (out, national, (gssize) area);
  g_string_append_c (out, '-');
  append_grouped (out, national + area);
  return g_string_free (out, FALSE);
}

char *
td_customer_format_time (const char *timestamp,
                         const char *time_zone)
{
  if (timestamp == NULL)
    return NULL;
  return td_timestamp_format_local (timestamp, time_zone);
}

char *
td_customer_format_tags (const char *tags)
{
  g_auto(GStrv) parts = NULL;

  if (tags == NULL || *tags == '\0')
    return NULL;
  parts = g_strsplit (tags, ",", -1);
  return g_strjoinv (" · ", parts);
}
