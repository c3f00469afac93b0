/* td-kpi.h: the hotel's key figures for any dates and property
 *
 * Definitions (one property, or all of them added up; dates half-open):
 *   capacity     = rooms × nights of the period
 *   out of order = room-nights closed by an out-of-order period
 *   available    = capacity − out of order
 *   sold         = room-nights of stays confirmed, checked in or checked
 *                  out (not tentative, cancelled or no-show); an overbooked
 *                  stay without a room counts too, so occupancy can pass 100 %
 *   occupancy    = sold / available
 *   revenue      = the nightly prices of the nights sold (room revenue, as
 *                  stored on the stays: taxes included in them included);
 *                  cancellation fees are counted apart
 *   ADR          = revenue / sold;  RevPAR = revenue / available
 *   bookings     = stays arriving in the period, whatever became of them
 *                  (the part of a stay after a room move is not one)
 *   cancellations, no-shows: of those; cancellation rate = cancelled / bookings
 *   lead time    = the average of (arrival − the day it was booked, local
 *                  time), over the bookings
 * Amounts are in one currency (the workspace's unless asked): stays priced
 * in another are left out.
 *
 * The figures come from the daily facts kept by triggers (migration 14),
 * so a year costs a few thousand rows whatever the number of stays. The
 * facts have a kind: these figures read the rooms' ('stay'). Another kind
 * of booking (tours) writes its own facts by triggers of its own, with its
 * product in place of the hotel, and its revenue and bookings are read by
 * the same queries with its kind (td-kpi.c: sql_days).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-date-range.h"
#include "td-desk.h"

G_BEGIN_DECLS

typedef struct {
  char   *source;        /* walk-in, phone, agency, ota, platform ("" unknown) */
  gint64  room_nights;
  gint64  revenue;       /* minor units */
  gint64  bookings;
} TdKpiSource;

typedef struct {
  TdDateRange  dates;
  gint64       rooms;
  gint64       capacity;        /* room-nights */
  gint64       out_of_order;    /* room-nights */
  gint64       available;       /* room-nights */
  gint64       sold;            /* room-nights */
  gint64       revenue;         /* minor units */
  gint64       bookings;
  gint64       cancellations;
  gint64       no_shows;
  gint64       lead_days;       /* the sum over the bookings */
  gint64       cancellation_fees;
  GPtrArray   *sources;         /* TdKpiSource*, in td_kpi_sources() order, then others */
  /* surveys answered in the period (td-survey.h): responses, NPS */
  gint64       responses;
  gint64       promoters;
  gint64       detractors;
} TdKpiFigures;

void     td_kpi_source_free             (TdKpiSource        *source);
void     td_kpi_figures_free            (TdKpiFigures       *figures);

/* sold / available, 0 to 1 (more when overbooked); NAN when nothing is available */
double   td_kpi_figures_occupancy       (const TdKpiFigures *figures);
/* revenue / sold, in minor units rounded half away from zero; 0 when none sold */
gint64   td_kpi_figures_adr             (const TdKpiFigures *figures);
/* revenue / available, rounded the same way; 0 when nothing is available */
gint64   td_kpi_figures_revpar          (const TdKpiFigures *figures);
/* cancellations / bookings; NAN without bookings */
double   td_kpi_figures_cancellation_rate (const TdKpiFigures *figures);
/* days; NAN without bookings */
double   td_kpi_figures_lead_time       (const TdKpiFigures *figures);
/* promoters − detractors, in % of the responses; NAN without responses */
double   td_kpi_figures_nps             (const TdKpiFigures *figures);

/* money in minor units as people read it ("¥1,234.00"; the bare number
 * for a currency the program does not know) */
char    *td_kpi_format_money            (gint64              minor,
                                         const char         *currency);
/* a ratio as a percentage with one decimal ("38.9 %"), "—" for NAN */
char    *td_kpi_format_ratio            (double              ratio);

/* the booking sources in their usual order, NULL-terminated */
const char * const *td_kpi_sources      (void);
/* a source for people (translated): "" is “Unknown” */
const char *td_kpi_source_title         (const char         *source);

typedef struct {
  const char  *property_id;   /* NULL: every property */
  TdDateRange  dates;
  const char  *currency;      /* NULL: the workspace's */
} TdKpiQuery;

typedef struct {
  char          currency[4];
  TdKpiFigures *current;
  TdKpiFigures *previous;     /* as many days just before */
} TdKpiReport;

void         td_kpi_report_free   (TdKpiReport       *report);

TdKpiReport *td_kpi_compute       (TdDatabase        *db,
                                   const TdKpiQuery  *query,
                                   GError           **error);

typedef enum {
  TD_KPI_STEP_DAY,
  TD_KPI_STEP_WEEK,    /* from the period's first day, 7 days at a time */
  TD_KPI_STEP_MONTH,   /* calendar months (the first and last cut to the period) */
} TdKpiStep;

/* TdKpiFigures* for each step of the period, in order (currency as
 * td_kpi_compute() chooses it). */
GPtrArray   *td_kpi_series        (TdDatabase        *db,
                                   const TdKpiQuery  *query,
                                   TdKpiStep          step,
                                   GError           **error);

typedef struct {
  char         *property_id;
  char         *property_name;
  TdKpiFigures *figures;
} TdKpiProperty;

void         td_kpi_property_free (TdKpiProperty     *property);
/* TdKpiProperty* for every property (query->property_id ignored), by name */
GPtrArray   *td_kpi_by_property   (TdDatabase        *db,
                                   const TdKpiQuery  *query,
                                   GError           **error);

/* {"from", "to" (exclusive), "rooms", "capacity", "out_of_order",
 *  "available", "sold", "occupancy" (0–1 or null), "revenue", "adr",
 *  "revpar" (minor units), "bookings", "cancellations",
 *  "cancellation_rate", "no_shows", "lead_time" (days or null),
 *  "cancellation_fees", "responses", "nps" (or null), "by_source": [...]} */
JsonNode    *td_kpi_figures_to_json (const TdKpiFigures *figures);

/* The occupancy explained in one translated paragraph, with the figures. */
char        *td_kpi_explain_occupancy (const TdKpiFigures *figures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdKpiFigures, td_kpi_figures_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdKpiReport, td_kpi_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdKpiProperty, td_kpi_property_free)

G_END_DECLS
