/* td-kpi-forecast.h: occupancy forecast by additive pick-up, and the pace
 *
 * For each night N of the next days (lead L = N − today):
 *   on the books(N)  = room-nights booked for N by today, less those
 *                      cancelled by today (tentative included)
 *   pick-up(L)       = the average, over the past nights M of the history
 *                      window (the last 8 weeks by default), of what was
 *                      still booked for M after L days before it:
 *                      final(M) − on the books(M, as of M − L)
 *   forecast(N)      = on the books(N) + pick-up(L), at most the rooms
 *                      available (rooms − out of order) and at least 0
 *   occupancy over the next D days = Σ forecast / Σ available.
 * The pace compares what is on the books for the next days with what was
 * on the books a year (52 weeks, same weekdays) before for the nights a
 * year before, at the same lead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-desk.h"

G_BEGIN_DECLS

typedef struct {
  guint32 night;
  gint64  available;       /* rooms − out of order */
  gint64  on_books;        /* as of today */
  double  pickup;          /* expected still to come at this lead */
  double  forecast;        /* on_books + pickup, within [0, available] */
  gint64  last_year;       /* on the books 364 days before, for the night 364 days before */
  gint64  last_year_final; /* what that night ended with */
} TdForecastNight;

typedef struct {
  guint32  today;
  guint    history_nights;  /* the window the pick-up is averaged over */
  guint    history_used;    /* nights of it with any bookings */
  GArray  *nights;          /* TdForecastNight, from today */
  GArray  *pickup;          /* double per lead 0…horizon−1 */
} TdForecast;

void        td_forecast_free          (TdForecast        *forecast);

/* horizon: nights from today (90 for the 30/60/90 figures); history: past
 * nights to learn the pick-up from (0: 56). property_id NULL: all. */
TdForecast *td_forecast_compute       (TdDatabase        *db,
                                       const char        *property_id,
                                       const TdDeskTime  *when,
                                       guint              horizon,
                                       guint              history,
                                       GError           **error);

/* Σ forecast / Σ available over the first days nights (NAN: none available) */
double      td_forecast_occupancy     (const TdForecast  *forecast,
                                       guint              days);
/* the same for what is on the books only */
double      td_forecast_on_books      (const TdForecast  *forecast,
                                       guint              days);
/* Σ on the books / Σ last year's at the same lead, over days nights (pace) */
gint64      td_forecast_sum_on_books  (const TdForecast  *forecast,
                                       guint              days);
gint64      td_forecast_sum_last_year (const TdForecast  *forecast,
                                       guint              days);

/* The method in a translated paragraph, for the UI. */
char       *td_forecast_explain       (const TdForecast  *forecast);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdForecast, td_forecast_free)

G_END_DECLS
