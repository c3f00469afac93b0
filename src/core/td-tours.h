/* td-tours.h: the agency desk's tour products and departures
 *
 * A tour product is what the agency sells: a day-by-day itinerary (each
 * item an attraction, hotel, meal, transport or a text, with its supplier
 * and cost), what is included and excluded, a price per adult, child,
 * infant and senior (by age at the departure date), a single-room
 * supplement, surcharges for dates, and its deposit and cancellation rules.
 * A departure is one date of a product with a capacity of seats.
 *
 * The departure's stored state is what the clerk set (draft, open,
 * departed, closed, cancelled; guaranteed and full may be set by hand too);
 * td_departure_get_state() adds what the seats say: an open departure with
 * its minimum sold is guaranteed, one with every seat sold is full. So no
 * booking ever has to rewrite the departure record, and desks selling the
 * same departure never conflict on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-money.h"
#include "td-poi.h"
#include "td-route.h"

G_BEGIN_DECLS

#define TD_TOUR_ERROR (td_tour_error_quark ())

typedef enum {
  TD_TOUR_ERROR_FULL,       /* not enough seats left on the departure */
  TD_TOUR_ERROR_STATE,      /* not in a state that allows this */
  TD_TOUR_ERROR_INVALID,    /* a request that makes no sense */
  TD_TOUR_ERROR_NOT_FOUND,
  TD_TOUR_ERROR_TAKEN,      /* the seat, or the customer, is already on the departure */
} TdTourError;

GQuark td_tour_error_quark (void);

/* ------------------------------------------------------------------ */
/* passenger types, by age at the departure date                      */

typedef enum {
  TD_PAX_ADULT,
  TD_PAX_CHILD,
  TD_PAX_INFANT,
  TD_PAX_SENIOR,
} TdPaxType;

#define TD_PAX_N_TYPES (TD_PAX_SENIOR + 1)

const char *td_pax_type_to_string   (TdPaxType    type);
gboolean    td_pax_type_from_string (const char  *text,
                                     TdPaxType   *type);
/* translated, for people */
const char *td_pax_type_get_title   (TdPaxType    type);

/* Whole years from birth to on (Julian days); -1 when born after on. */
int         td_age_on               (guint32      birth,
                                     guint32      on);

/* ------------------------------------------------------------------ */
/* cancellation tiers: N days or more before departure → percent      */

typedef struct {
  guint days;     /* cancelled at least this many days before departure… */
  guint percent;  /* …costs this share of the price */
} TdCancelTier;

/* [{"days":30,"percent":0},{"days":7,"percent":50},{"days":0,"percent":100}];
 * sorted by days, longest first; NULL text: no tiers (an empty array). */
GArray     *td_cancel_tiers_parse   (const char    *json,
                                     GError       **error);
char       *td_cancel_tiers_to_json (const GArray  *tiers);
/* The penalty percent for a cancellation days_before the departure (< 0:
 * after it): the tier with the most days not above days_before; 100 when
 * no tier applies (later than the last tier, or after the departure). */
guint       td_cancel_tiers_percent (const GArray  *tiers,
                                     int            days_before);
/* total × percent / 100, rounded half up to the minor unit */
gint64      td_percent_of           (gint64         total,
                                     guint          percent);

/* ------------------------------------------------------------------ */
/* payment schedules                                                  */

typedef enum {
  TD_DUE_DEPOSIT,
  TD_DUE_INSTALMENT,
  TD_DUE_BALANCE,
} TdDueKind;

const char *td_due_kind_to_string   (TdDueKind    kind);
gboolean    td_due_kind_from_string (const char  *text,
                                     TdDueKind   *kind);
const char *td_due_kind_get_title   (TdDueKind    kind);

typedef struct {
  TdDueKind kind;
  guint32   due;     /* Julian day */
  gint64    amount;  /* minor units */
} TdPaymentDue;

/* The schedule of a booking of total made on today for a departure on
 * departure: deposit_percent now, then instalments equal parts on evenly
 * spaced days, then the balance balance_days before departure. When that
 * day is already past (a late booking) or there is no deposit, the whole
 * is due today. The amounts always add up to total. GArray of TdPaymentDue. */
GArray     *td_payment_schedule     (gint64       total,
                                     guint        deposit_percent,
                                     guint        instalments,
                                     guint        balance_days,
                                     guint32      today,
                                     guint32      departure);

/* ------------------------------------------------------------------ */
/* products                                                           */

typedef struct {
  char      *id;
  gint64     revision;
  char      *code;
  char      *name;
  guint      days;
  char      *included;
  char      *excluded;
  TdMoney    prices[TD_PAX_N_TYPES];   /* adult always set; others: has_price */
  gboolean   has_price[TD_PAX_N_TYPES];
  gboolean   has_single_supplement;
  TdMoney    single_supplement;
  guint      infant_below;             /* ages at the departure date */
  guint      child_below;
  guint      senior_from;
  guint      deposit_percent;
  guint      instalments;
  guint      balance_days;
  GArray    *cancel_tiers;             /* TdCancelTier, longest first */
  char      *insurance;
  char      *notes;
} TdTourProduct;

void            td_tour_product_free       (TdTourProduct       *product);
/* A product with the defaults (ages 2/12/65, deposit 30 %, balance 30 days
 * before, tiers 30+ days 0 %, 15+ 20 %, 7+ 50 %, later 100 %), for a new
 * product: set code, name, days and the adult price. */
TdTourProduct  *td_tour_product_new        (void);
TdTourProduct  *td_tour_product_get        (TdDatabase          *db,
                                            const char          *id,
                                            GError             **error);
/* by id, or by code */
TdTourProduct  *td_tour_product_find       (TdDatabase          *db,
                                            const char          *id_or_code,
                                            GError             **error);
/* The itinerary's places (items with a place of the map), day by day, as a
 * route titled with the product's name; items without a place are left
 * out. By id or by code. */
TdRoute        *td_tour_product_route      (TdDatabase          *db,
                                            const char          *id_or_code,
                                            GError             **error);
/* Adds a place of the map to the itinerary, last of that day (1 … days),
 * as an attraction, a hotel, a meal or transport after its category. */
gboolean        td_tour_product_add_place  (TdDatabase          *db,
                                            const char          *actor,
                                            const char          *product_id,
                                            guint                day,
                                            TdPoi               *poi,
                                            GError             **error);
/* live products by code; GPtrArray of TdTourProduct */
GPtrArray      *td_tour_products_list      (TdDatabase          *db,
                                            GError             **error);
/* Inserts (product->id NULL: then set to the new id) or updates it. */
gboolean        td_tour_product_save       (TdDatabase          *db,
                                            const char          *actor,
                                            TdTourProduct       *product,
                                            GError             **error);

/* The price of one person: the type's price (the adult price where the
 * product has none for the type), the surcharges of the departure date
 * (not for infants) and the single supplement. */
typedef struct {
  TdPaxType  type;
  int        age;          /* -1: birth date unknown (priced as an adult) */
  TdMoney    base;
  TdMoney    surcharges;
  TdMoney    supplement;
  TdMoney    total;
} TdPaxPrice;

TdPaxType       td_tour_product_pax_type   (const TdTourProduct *product,
                                            int                  age);

/* ------------------------------------------------------------------ */
/* itinerary items and surcharges                                     */

typedef enum {
  TD_ITEM_ATTRACTION,
  TD_ITEM_HOTEL,
  TD_ITEM_MEAL,
  TD_ITEM_TRANSPORT,
  TD_ITEM_TEXT,
} TdTourItemType;

#define TD_ITEM_N_TYPES (TD_ITEM_TEXT + 1)

const char *td_tour_item_type_to_string   (TdTourItemType  type);
gboolean    td_tour_item_type_from_string (const char     *text,
                                           TdTourItemType *type);
const char *td_tour_item_type_get_title   (TdTourItemType  type);

typedef struct {
  char           *id;
  gint64          revision;
  char           *product_id;
  guint           day;            /* 1 … days */
  guint           position;
  TdTourItemType  type;
  char           *poi_id;
  char           *poi_name;
  char           *title;
  char           *notes;
  char           *supplier;
  gboolean        has_cost;
  TdMoney         cost;
  gboolean        cost_per_group; /* FALSE: per person */
} TdTourItem;

void        td_tour_item_free    (TdTourItem    *item);
/* by day, then position */
GPtrArray  *td_tour_items_list   (TdDatabase    *db,
                                  const char    *product_id,
                                  GError       **error);
/* Inserts item (item->id NULL: set to the new id) or updates it. */
gboolean    td_tour_item_save    (TdDatabase    *db,
                                  const char    *actor,
                                  TdTourItem    *item,
                                  GError       **error);
/* Several items of product_id (TdTourItem*; product_id set on each), in
 * one commit: all or none. */
gboolean    td_tour_items_save   (TdDatabase    *db,
                                  const char    *actor,
                                  const char    *product_id,
                                  GPtrArray     *items,
                                  GError       **error);
gboolean    td_tour_item_delete  (TdDatabase    *db,
                                  const char    *actor,
                                  const char    *id,
                                  GError       **error);

typedef struct {
  char    *id;
  char    *product_id;
  char    *name;
  guint32  start;   /* [start, end): departures on these dates */
  guint32  end;
  TdMoney  amount;  /* per person */
} TdTourSurcharge;

void        td_tour_surcharge_free  (TdTourSurcharge *surcharge);
GPtrArray  *td_tour_surcharges_list (TdDatabase      *db,
                                     const char      *product_id,
                                     GError         **error);
char       *td_tour_surcharge_add   (TdDatabase      *db,
                                     const char      *actor,
                                     const char      *product_id,
                                     const char      *name,
                                     guint32          start,
                                     guint32          end,
                                     const TdMoney   *amount,
                                     GError         **error);

/* The price of a person of age (-1: unknown) on a departure of product on
 * date, with or without a single room; FALSE when currencies disagree. */
gboolean    td_tour_price_person    (const TdTourProduct *product,
                                     GPtrArray           *surcharges,
                                     guint32              date,
                                     int                  age,
                                     gboolean             single_room,
                                     TdPaxPrice          *price,
                                     GError             **error);

/* ------------------------------------------------------------------ */
/* departures                                                         */

typedef enum {
  TD_DEPARTURE_DRAFT,
  TD_DEPARTURE_OPEN,
  TD_DEPARTURE_GUARANTEED,
  TD_DEPARTURE_FULL,
  TD_DEPARTURE_DEPARTED,
  TD_DEPARTURE_CLOSED,
  TD_DEPARTURE_CANCELLED,
} TdDepartureState;

#define TD_DEPARTURE_N_STATES (TD_DEPARTURE_CANCELLED + 1)

const char *td_departure_state_to_string   (TdDepartureState  state);
gboolean    td_departure_state_from_string (const char       *text,
                                            TdDepartureState *state);
const char *td_departure_state_get_title   (TdDepartureState  state);
/* can seats be sold in this (effective) state? open, guaranteed */
gboolean    td_departure_state_sells       (TdDepartureState  state);

typedef struct {
  char             *id;
  gint64            revision;
  char             *product_id;
  char             *product_code;
  char             *product_name;
  guint32           start;        /* the first day */
  guint32           end;          /* the day after the last: [start, end) */
  guint             capacity;
  guint             min_pax;
  guint             sold;         /* active participants */
  guint             waiting;      /* people on the waiting list (waiting or offered) */
  char             *guide;
  char             *vehicle;
  TdDepartureState  stored_state; /* as set by the clerk */
  char             *notes;
} TdDeparture;

void              td_departure_free       (TdDeparture   *departure);
/* the state shown: the stored state, made guaranteed or full by the seats */
TdDepartureState  td_departure_get_state  (const TdDeparture *departure);
guint             td_departure_get_free   (const TdDeparture *departure);
TdDeparture      *td_departure_get        (TdDatabase    *db,
                                           const char    *id,
                                           GError       **error);
/* live departures starting in [from, to) (0: no bound), by date */
GPtrArray        *td_departures_list      (TdDatabase    *db,
                                           guint32        from,
                                           guint32        to,
                                           const char    *product_id,
                                           GError       **error);
char             *td_departure_create     (TdDatabase    *db,
                                           const char    *actor,
                                           const char    *product_id,
                                           guint32        start,
                                           guint          capacity,
                                           guint          min_pax,
                                           const char    *guide,
                                           const char    *vehicle,
                                           TdDepartureState state,
                                           GError       **error);
gboolean          td_departure_set_state  (TdDatabase    *db,
                                           const char    *actor,
                                           const char    *id,
                                           TdDepartureState state,
                                           GError       **error);
/* A new capacity: refused below the seats sold (by the database too). */
gboolean          td_departure_set_capacity (TdDatabase  *db,
                                           const char    *actor,
                                           const char    *id,
                                           guint          capacity,
                                           GError       **error);

/* What a departure earns: revenue is the live bookings' totals plus the
 * fees kept from cancelled ones; costs are the itinerary's supplier costs
 * (per person × active participants, per group once); margin the
 * difference. In the product's currency. */
typedef struct {
  TdMoney revenue;
  TdMoney costs;
  TdMoney margin;
} TdDepartureMargin;

gboolean          td_departure_get_margin (TdDatabase        *db,
                                           const char        *id,
                                           TdDepartureMargin *margin,
                                           GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTourProduct, td_tour_product_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTourItem, td_tour_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTourSurcharge, td_tour_surcharge_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdDeparture, td_departure_free)

G_END_DECLS
