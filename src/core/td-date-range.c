/* td-date-range.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "td-database.h"
#include "td-date-range.h"

gboolean
td_date_parse_iso (const char  *text,
                   guint32     *julian,
                   GError     **error)
{
  int y, m, d;
  char tail;

  if (text == NULL
      || strlen (text) != 10
      || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3
      || text[4] != '-' || text[7] != '-'
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not a date of the form YYYY-MM-DD"), text ? text : "");
      return FALSE;
    }

  if (julian)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
      *julian = g_date_get_julian (&date);
    }
  return TRUE;
}

char *
td_date_format_iso (guint32 julian)
{
  GDate date;

  g_return_val_if_fail (g_date_valid_julian (julian), NULL);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (&date),
                          g_date_get_month (&date),
                          g_date_get_day (&date));
}

gboolean
td_date_range_init (TdDateRange  *range,
                    guint32       start,
                    guint32       end,
                    GError      **error)
{
  if (!g_date_valid_julian (start) || !g_date_valid_julian (end) || end <= start)
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("The end date must be after the start date"));
      return FALSE;
    }
  range->start = start;
  range->end = end;
  return TRUE;
}

gboolean
td_date_range_parse (const char   *start,
                     const char   *end,
                     TdDateRange  *range,
                     GError      **error)
{
  guint32 s, e;

  return td_date_parse_iso (start, &s, error)
      && td_date_parse_iso (end, &e, error)
      && td_date_range_init (range, s, e, error);
}

guint
td_date_range_get_nights (const TdDateRange *range)
{
  return range->end - range->start;
}

gboolean
td_date_range_contains (const TdDateRange *range,
                        guint32            julian)
{
  return range->start <= julian && julian < range->end;
}

gboolean
td_date_range_overlaps (const TdDateRange *a,
                        const TdDateRange *b)
{
  return a->start < b->end && b->start < a->end;
}

gboolean
td_date_range_intersect (const TdDateRange *a,
                         const TdDateRange *b,
                         TdDateRange       *out)
{
  if (!td_date_range_overlaps (a, b))
    return FALSE;
  out->start = MAX (a->start, b->start);
  out->end = MIN (a->end, b->end);
  return TRUE;
}
