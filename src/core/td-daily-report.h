/* td-daily-report.h: the night audit for one date
 *
 * For a date (the night that starts on it) and one property or all: the
 * arrivals (stays arriving that day, not cancelled; no-shows listed apart),
 * the departures (stays confirmed, in house or checked out leaving that
 * day), the guests in house that night (stays sold for the night), and the
 * night's figures (td-kpi.h): occupancy, ADR, RevPAR, revenue by source.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-kpi.h"
#include "td-stays.h"

G_BEGIN_DECLS

typedef struct {
  guint32       date;
  char         *property_id;   /* NULL: every property */
  char          currency[4];
  TdKpiFigures *figures;       /* the night of date */
  GPtrArray    *stays;         /* TdStay*, every stay listed below (owns them) */
  GPtrArray    *arrivals;      /* TdStay* of stays, by property and room */
  GPtrArray    *departures;
  GPtrArray    *in_house;
  GPtrArray    *no_shows;
} TdDailyReport;

void           td_daily_report_free   (TdDailyReport       *report);

TdDailyReport *td_daily_report_build  (TdDatabase          *db,
                                       const char          *property_id,
                                       guint32              date,
                                       GError             **error);
void           td_daily_report_build_async  (TdDatabase          *db,
                                             const char          *property_id,
                                             guint32              date,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
TdDailyReport *td_daily_report_build_finish (TdDatabase          *db,
                                             GAsyncResult        *result,
                                             GError             **error);

/* {"date", "currency", "arrivals": n, "departures", "in_house", "no_shows",
 *  "rooms", "out_of_order", "available", "sold", "occupancy" (0–1 or
 *  null), "revenue", "adr", "revpar" (minor units), "by_source": [...],
 *  "lists": {"arrivals": [{room, guest, source, state, arrival,
 *  departure}], ...}} */
JsonNode      *td_daily_report_to_json (const TdDailyReport *report);
/* the same as a spreadsheet: the figures, then one row per stay listed */
char          *td_daily_report_to_csv  (const TdDailyReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdDailyReport, td_daily_report_free)

G_END_DECLS
