/* td-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-time.h"

/* "2026-11-22T03:15:00.123456Z": sortable as text, always UTC */
char *
td_timestamp_from_unix (gint64 unix_usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) full = g_date_time_add (dt, unix_usec % G_USEC_PER_SEC);

  return g_date_time_format (full, "%Y-%m-%dT%H:%M:%S.%fZ");
}

char *
td_timestamp_now (void)
{
  return td_timestamp_from_unix (g_get_real_time ());
}

GDateTime *
td_timestamp_parse (const char *timestamp)
{
  if (timestamp == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (timestamp, NULL);
}

gboolean
td_time_zone_is_valid (const char *identifier)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (identifier == NULL || *identifier == '\0')
    return FALSE;
  /* g_time_zone_new_identifier() returns NULL for unknown zones */
  tz = g_time_zone_new_identifier (identifier);
  return tz != NULL;
}

static GTimeZone *
zone_or_default (const char *time_zone)
{
  GTimeZone *tz = NULL;

  if (time_zone && *time_zone)
    tz = g_time_zone_new_identifier (time_zone);
  if (tz == NULL)
    tz = g_time_zone_new_identifier (TD_DEFAULT_TIME_ZONE);
  if (tz == NULL)  /* no tzdata at all: China has no DST, so a fixed offset is right */
    tz = g_time_zone_new_offset (8 * 3600);
  return tz;
}

char *
td_timestamp_format_local (const char *timestamp,
                           const char *time_zone)
{
  g_autoptr(GDateTime) utc = td_timestamp_parse (timestamp);
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;
  tz = zone_or_default (time_zone);
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

guint32
td_today_julian (const char *time_zone)
{
  g_autoptr(GTimeZone) tz = zone_or_default (time_zone);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  return g_date_get_julian (&date);
}
