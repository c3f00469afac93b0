/* td-kpi-private.h: what the analytics modules of src/core share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-kpi.h"

G_BEGIN_DECLS

/* SQL: the local date (GLib Julian day) of a UTC timestamp column, at
 * the workspace's offset from UTC, as migration 14's triggers take it */
#define TD_KPI_LOCAL_DAY(ts) \
  "CAST(julianday(" ts ", COALESCE((SELECT value FROM settings WHERE key = 'analytics-utc-offset'), '+480 minutes'))" \
  " - 1721424.5 AS INTEGER)"

/* SQL: the GLib Julian day of a YYYY-MM-DD column */
#define TD_KPI_JULIAN(date) "CAST(julianday(" date ") - 1721424.5 AS INTEGER)"

/* the local date of a timestamp in the workspace's zone: 0 when unreadable */
guint32       _td_kpi_local_day      (const char        *timestamp,
                                      const char        *time_zone);
/* the UTC timestamp of a local date's midnight in the zone */
char         *_td_kpi_day_start_utc  (guint32            julian,
                                      const char        *time_zone);

/* empty figures for dates */
TdKpiFigures *_td_kpi_figures_new    (const TdDateRange *dates);

/* Fills figures[i] (dates set, all within one range [first start, last
 * end)) for one property or all; figures must be in date order, without
 * overlaps. The database must not be locked. */
gboolean      _td_kpi_fill           (TdDatabase        *db,
                                      const char        *property_id,
                                      const char        *currency,
                                      TdKpiFigures     **figures,
                                      guint              n,
                                      GError           **error);

char         *_td_kpi_currency       (TdDatabase        *db,
                                      const char        *asked);

/* JSON members: an integer; a number or null (NAN); a date YYYY-MM-DD */
void          _td_kpi_json_add_int    (JsonBuilder       *b,
                                       const char        *member,
                                       gint64             value);
void          _td_kpi_json_add_number (JsonBuilder       *b,
                                       const char        *member,
                                       double             value);
void          _td_kpi_json_add_day    (JsonBuilder       *b,
                                       const char        *member,
                                       guint32            julian);

G_END_DECLS
