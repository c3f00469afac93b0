/* td-rates.h: the price of a stay, and the rules that may refuse it
 *
 * A rate plan belongs to a room type: a base price a night (for
 * base_adults adults), prices for extra adults and children, seasons
 * (date ranges and weekdays with prices of their own), restrictions by date
 * (minimum and maximum nights for arrivals, closed, closed to arrival,
 * closed to departure), the property's taxes and fees, and a cancellation
 * policy. A room type without a plan is sold at its base price.
 *
 * Which season prices a night: those whose dates hold it (or that have no
 * dates) and whose weekdays include it; of these the one with dates wins
 * over one without, then the shorter date range (a holiday inside a summer
 * season), then the one for fewer weekdays (weekends inside a season), then
 * the later start. No season: the plan's base price.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-date-range.h"
#include "td-money.h"

G_BEGIN_DECLS

/* Why a rate refuses a stay (several at once). */
typedef enum {
  TD_RATE_OK                  = 0,
  TD_RATE_CLOSED              = 1 << 0,  /* a night of the stay is not sold */
  TD_RATE_CLOSED_TO_ARRIVAL   = 1 << 1,  /* no arrivals on the arrival date */
  TD_RATE_CLOSED_TO_DEPARTURE = 1 << 2,  /* no departures on the departure date */
  TD_RATE_MIN_NIGHTS          = 1 << 3,  /* too short */
  TD_RATE_MAX_NIGHTS          = 1 << 4,  /* too long */
  TD_RATE_OCCUPANCY           = 1 << 5,  /* more adults or children than the room type takes */
} TdRateProblems;

typedef enum {
  TD_PENALTY_NONE,         /* cancelling is always free */
  TD_PENALTY_FIRST_NIGHT,  /* the price of the first night */
  TD_PENALTY_PERCENT,      /* a percentage of the whole stay */
} TdPenalty;

/* Free until free_days days before arrival; later (and for a no-show) the
 * penalty. free_days < 0: never free (non-refundable). */
typedef struct {
  TdPenalty penalty;
  int       free_days;
  guint     percent;
} TdCancelPolicy;

typedef enum {
  TD_TAX_PERCENT,          /* of the room prices */
  TD_TAX_PER_NIGHT,        /* an amount a room and night */
  TD_TAX_PER_STAY,         /* an amount a stay */
  TD_TAX_PER_GUEST_NIGHT,  /* an amount a guest (adult or child) and night */
} TdTaxBasis;

typedef struct {
  char       *name;
  TdTaxBasis  basis;
  guint       rate_bp;    /* TD_TAX_PERCENT: basis points (600 = 6 %) */
  gint64      amount;     /* the others: minor units of the plan's currency */
  gboolean    included;   /* TD_TAX_PERCENT: already inside the room prices */
} TdTax;

typedef struct {
  guint32  start, end;    /* [start, end); both 0: all year */
  guint8   weekdays;      /* bit 0 Monday … bit 6 Sunday; 0x7f every day */
  gint64   price;         /* minor units, a night */
  gint64   extra_adult;   /* -1: the plan's */
  gint64   extra_child;   /* -1: the plan's */
} TdRateSeason;

typedef struct {
  guint32  start, end;    /* [start, end) of the dates it applies to */
  guint    min_nights;    /* for arrivals on these dates; 0: none */
  guint    max_nights;
  gboolean closed;        /* nights on these dates are not sold */
  gboolean closed_to_arrival;
  gboolean closed_to_departure;
} TdRateRestriction;

typedef struct {
  char          *id;            /* NULL: the room type's base price, no plan */
  char          *room_type_id;
  char          *code;          /* "BAR"; NULL without a plan */
  char          *name;
  char           currency[4];
  gint64         base_price;    /* minor units a night, for base_adults */
  guint          base_adults;
  gint64         extra_adult;   /* a night, for each adult beyond base_adults */
  gint64         extra_child;   /* a night, for each child */
  guint          min_nights;    /* 0: none */
  guint          max_nights;
  guint          max_adults;    /* of the room type; 0: no limit */
  guint          max_children;  /* of the room type; G_MAXUINT: no limit */
  TdCancelPolicy policy;
  GArray        *seasons;       /* TdRateSeason */
  GArray        *restrictions;  /* TdRateRestriction */
  GPtrArray     *taxes;         /* TdTax*, of the property */
} TdRatePlan;

/* The price of one stay under one plan. The nights are priced even when
 * problems is not TD_RATE_OK, so a clerk sees what it would cost. */
typedef struct {
  char          *rate_plan_id;    /* NULL: the base price */
  char          *code;
  char          *name;
  TdDateRange    dates;
  guint          adults;
  guint          children;
  GArray        *nightly;         /* gint64 minor units, one a night */
  TdMoney        rooms;           /* the nights together */
  TdMoney        taxes_included;  /* inside rooms */
  TdMoney        taxes_added;     /* on top of rooms */
  TdMoney        total;           /* rooms + taxes_added */
  TdRateProblems problems;
  guint          min_nights;      /* the limits broken, for messages */
  guint          max_nights;
  guint32        closed_night;    /* the first night not sold (TD_RATE_CLOSED) */
  guint          max_adults;      /* the room type's (TD_RATE_OCCUPANCY) */
  guint          max_children;
} TdRateQuote;

TdRatePlan  *td_rate_plan_new          (const char         *room_type_id,
                                        const char         *currency);
void         td_rate_plan_free         (TdRatePlan         *plan);
void         td_tax_free               (TdTax              *tax);

/* Prices the stay; NULL with an error only for an impossible plan (a
 * season or tax in another currency) or no nights. */
TdRateQuote *td_rate_plan_quote        (const TdRatePlan   *plan,
                                        const TdDateRange  *dates,
                                        guint               adults,
                                        guint               children,
                                        GError            **error);
/* The price of one night for the occupancy. */
gint64       td_rate_plan_night_price  (const TdRatePlan   *plan,
                                        guint32             night,
                                        guint               adults,
                                        guint               children);
void         td_rate_quote_free        (TdRateQuote        *quote);
/* One translated sentence per problem, joined; NULL when there is none. */
char        *td_rate_quote_describe_problems (const TdRateQuote *quote);

/* The penalty for cancelling (or not showing up) on today, in minor units
 * of the nights' currency. */
gint64       td_cancel_policy_fee      (const TdCancelPolicy *policy,
                                        const gint64         *nightly,
                                        guint                 n_nights,
                                        guint32               arrival,
                                        guint32               today);

/* From the workspace. A plan by id; or the plans of a room type, by code
 * (the base price alone when it has none; empty when it has neither). */
TdRatePlan  *td_rate_plan_load         (TdDatabase         *db,
                                        const char         *id,
                                        GError            **error);
GPtrArray   *td_rate_plans_for_room_type (TdDatabase       *db,
                                          const char       *room_type_id,
                                          GError          **error);
/* Every room type's plans at once, for quotes within dates only (seasons
 * and restrictions outside them are left out): a table of room type id →
 * GPtrArray of TdRatePlan. property_id NULL: every property. */
GHashTable  *td_rate_plans_load_for_dates (TdDatabase      *db,
                                           const char      *property_id,
                                           const TdDateRange *dates,
                                           GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRatePlan, td_rate_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRateQuote, td_rate_quote_free)

G_END_DECLS
