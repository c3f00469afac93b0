/* td-stays.h: bookings and stays, from the booking to the departure
 *
 * A reservation is who booked and how (guest or company, agency and
 * commission, source, deposit, requests, the cancellation policy when
 * booked); it holds one stay per room. A stay is one room for
 * [arrival, departure), its guests, its state and the price of each of its
 * nights, fixed when booked (a later change of rates never rewrites it).
 *
 *   tentative ──confirm──▶ confirmed ──check in──▶ checked in ──check out──▶ checked out
 *       │                     │
 *       ├── cancel ───────────┴──▶ cancelled (a penalty by the policy)
 *       └── (arrival passed) ─────▶ no-show (the same penalty)
 *
 * Tentative stays may hold their room until an instant (hold_until); once
 * past, the room is for sale again and the next booking cancels the hold.
 *
 * Every change goes through td_database_commit(): the room-night table
 * refuses a room taken on a night (TD_DESK_ERROR_TAKEN, naming the room,
 * night and what takes it), and a check inside the same transaction
 * refuses a room type sold beyond its rooms (TD_DESK_ERROR_FULL), unless a
 * manager overbooks it (TD_BOOKING_OVERBOOK, with a reason, recorded on
 * the stay). Functions that may wait on the disk or on another desk's
 * lock have an _async/_finish pair.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-date-range.h"
#include "td-desk.h"
#include "td-money.h"
#include "td-rates.h"

G_BEGIN_DECLS

typedef enum {
  TD_STAY_TENTATIVE,
  TD_STAY_CONFIRMED,
  TD_STAY_CHECKED_IN,
  TD_STAY_CHECKED_OUT,
  TD_STAY_CANCELLED,
  TD_STAY_NO_SHOW,
} TdStayState;

#define TD_STAY_N_STATES (TD_STAY_NO_SHOW + 1)
/* a set of states, for filters */
#define TD_STAY_STATE_BIT(state) (1u << (state))
/* the states that take their room's nights */
#define TD_STAY_STATES_TAKING_ROOMS \
  (TD_STAY_STATE_BIT (TD_STAY_TENTATIVE) | TD_STAY_STATE_BIT (TD_STAY_CONFIRMED) \
   | TD_STAY_STATE_BIT (TD_STAY_CHECKED_IN) | TD_STAY_STATE_BIT (TD_STAY_CHECKED_OUT))

const char *td_stay_state_to_string   (TdStayState  state);
gboolean    td_stay_state_from_string (const char  *text,
                                       TdStayState *state);
/* translated, for people */
const char *td_stay_state_get_title   (TdStayState  state);
/* does a stay in this state take its room's nights? */
gboolean    td_stay_state_takes_room  (TdStayState  state);

typedef struct {
  char        *id;
  gint64       revision;
  char        *reservation_id;
  char        *property_id;
  char        *property_name;
  char        *room_type_id;      /* as sold */
  char        *room_type_code;
  char        *room_type_name;
  char        *room_id;           /* NULL: overbooked, no room yet */
  char        *room_number;
  TdDateRange  dates;             /* [arrival, departure) */
  guint        adults;
  guint        children;
  char        *rate_plan_id;
  char        *block_id;
  char        *customer_id;       /* the guest in the room, or NULL */
  char        *guest_name;        /* the stay's, the guest's or the reservation's customer's */
  char        *source;            /* the reservation's */
  TdStayState  state;
  char        *hold_until;        /* UTC ISO 8601, tentative only */
  GArray      *nightly;           /* gint64 minor units, one a night */
  TdMoney      total;
  gboolean     overbooked;        /* a manager's override */
  char        *override_reason;
  char        *moved_from;        /* the stay this one continues after a room move */
  gboolean     has_cancellation_fee;
  TdMoney      cancellation_fee;
} TdStay;

void      td_stay_free            (TdStay        *stay);

/* The nightly prices as stored on a stay: "[30000,36000]" (minor units). */
char     *td_nightly_to_json      (const GArray  *nightly);
GArray   *td_nightly_from_json    (const char    *text);
TdStay   *td_stay_get             (TdDatabase    *db,
                                   const char    *id,
                                   GError       **error);

/* ------------------------------------------------------------------ */
/* booking                                                            */

typedef enum {
  TD_BOOKING_NONE                = 0,
  /* a manager sells a room type beyond its rooms: a stay without a free
   * room gets none (room_id NULL) until one is assigned */
  TD_BOOKING_OVERBOOK            = 1 << 0,
  /* a manager books against the rate's rules (minimum stay, closed…) */
  TD_BOOKING_IGNORE_RESTRICTIONS = 1 << 1,
} TdBookingFlags;

typedef struct {
  const char  *room_id;       /* this room; or NULL: the first free room of room_type_id */
  const char  *room_type_id;  /* NULL with room_id: the room's type */
  TdDateRange  dates;
  guint        adults;        /* at least 1 */
  guint        children;
  const char  *rate_plan_id;  /* NULL: the room type's first plan, or its base price */
  const char  *customer_id;   /* the guest in this room; NULL: none recorded */
  const char  *guest_name;    /* for a guest who is not a customer (yet) */
} TdBookingRoom;

typedef struct {
  const char          *customer_id;   /* required: the guest, or the company that books */
  const char          *agency_id;     /* an agency customer, for its commission */
  const char          *source;        /* walk-in, phone, agency, ota or platform; NULL: walk-in */
  const char          *reference;     /* the OTA's or agency's booking number */
  guint                commission_bp; /* basis points: 1500 = 15 % */
  const TdMoney       *deposit;
  const char          *requests;
  const char          *notes;
  gboolean             tentative;     /* hold the rooms, not yet confirmed */
  gint64               hold_until;    /* tentative: unix µs; 0: no expiry */
  TdBookingFlags       flags;
  const char          *override_reason;  /* required with flags */
  const TdBookingRoom *rooms;         /* one or more, all of one property */
  guint                n_rooms;
} TdBooking;

typedef struct {
  char      *reservation_id;
  GPtrArray *stay_ids;                /* char*, in the order of the rooms */
} TdBookingResult;

void              td_booking_result_free (TdBookingResult *result);

/* One reservation with a stay per room, in one commit: every room or none.
 * Rooms are priced by their plans (nightly prices stored on the stays);
 * the reservation takes the first plan's cancellation policy. */
TdBookingResult  *td_stays_book          (TdDatabase          *db,
                                          const char          *actor,
                                          const TdBooking     *booking,
                                          const TdDeskTime    *when,
                                          GError             **error);
void              td_stays_book_async    (TdDatabase          *db,
                                          const char          *actor,
                                          const TdBooking     *booking,
                                          const TdDeskTime    *when,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
TdBookingResult  *td_stays_book_finish   (TdDatabase          *db,
                                          GAsyncResult        *result,
                                          GError             **error);

/* ------------------------------------------------------------------ */
/* changes of state                                                   */

typedef enum {
  TD_STAY_ACTION_CONFIRM,    /* tentative → confirmed */
  TD_STAY_ACTION_CANCEL,     /* tentative or confirmed → cancelled, with the policy's penalty */
  TD_STAY_ACTION_NO_SHOW,    /* tentative or confirmed, from the arrival date → no-show, with the penalty */
  TD_STAY_ACTION_CHECK_IN,   /* tentative or confirmed, arrival ≤ today < departure → checked in */
  TD_STAY_ACTION_CHECK_OUT,  /* checked in → checked out; before the departure date the
                              * remaining nights are freed at once; after it the stay is
                              * extended to today when the room is free */
} TdStayAction;

/* Applies action to the stay; returns the stay as it now is. */
TdStay   *td_stay_apply           (TdDatabase          *db,
                                   const char          *actor,
                                   const char          *stay_id,
                                   TdStayAction         action,
                                   const TdDeskTime    *when,
                                   GError             **error);
void      td_stay_apply_async     (TdDatabase          *db,
                                   const char          *actor,
                                   const char          *stay_id,
                                   TdStayAction         action,
                                   const TdDeskTime    *when,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
TdStay   *td_stay_apply_finish    (TdDatabase          *db,
                                   GAsyncResult        *result,
                                   GError             **error);

/* New dates for a stay (an extension, a late departure, a shorter stay):
 * nights kept keep their price, new nights are priced by the stay's plan.
 * A stay in house keeps its arrival and cannot end before today. */
TdStay   *td_stay_change_dates    (TdDatabase          *db,
                                   const char          *actor,
                                   const char          *stay_id,
                                   const TdDateRange   *dates,
                                   const TdDeskTime    *when,
                                   GError             **error);

/* Moves the stay to room_id from the night from_night on. From the
 * arrival (or before it), the whole stay moves (also how an overbooked
 * stay gets a room). In the middle, the stay ends that morning in its room
 * (checked out if in house) and a new stay, moved_from it, takes the rest
 * in the new room with the same prices. Returns the stay in the new room. */
TdStay   *td_stay_move            (TdDatabase          *db,
                                   const char          *actor,
                                   const char          *stay_id,
                                   const char          *room_id,
                                   guint32              from_night,
                                   const TdDeskTime    *when,
                                   GError             **error);

/* Moves a stay that has not begun (tentative or confirmed) to room_id
 * and new dates at once, in one commit: both or neither (a bar dragged to
 * another room and other nights on the tape chart). Nights kept keep
 * their price; new nights are priced by the stay's plan. */
TdStay   *td_stay_move_and_change_dates (TdDatabase        *db,
                                         const char        *actor,
                                         const char        *stay_id,
                                         const char        *room_id,
                                         const TdDateRange *dates,
                                         const TdDeskTime  *when,
                                         GError           **error);

/* Cancels the tentative stays whose hold has passed; the number, or -1. */
int       td_stays_expire_holds   (TdDatabase          *db,
                                   const char          *actor,
                                   const TdDeskTime    *when,
                                   GError             **error);

/* ------------------------------------------------------------------ */
/* listing (the tape chart)                                           */

typedef struct {
  const char  *property_id;     /* NULL: every property */
  const char  *room_id;         /* NULL: every room */
  const char  *reservation_id;  /* NULL: every reservation */
  TdDateRange  dates;           /* stays overlapping it; {0, 0}: any dates */
  guint        states;          /* TD_STAY_STATE_BIT()s; 0: every state */
  guint        limit;           /* 0: no limit */
} TdStayFilter;

/* TdStay*, by property, room number and arrival. With a property or a
 * room, dates and only states that take rooms (tentative, confirmed,
 * checked in, checked out: what a tape chart draws), the stays are found
 * through the room-night table: the cost follows the rooms and nights
 * shown, not the bookings of the year. */
GPtrArray *td_stays_list          (TdDatabase          *db,
                                   const TdStayFilter  *filter,
                                   GError             **error);
void       td_stays_list_async    (TdDatabase          *db,
                                   const TdStayFilter  *filter,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
GPtrArray *td_stays_list_finish   (TdDatabase          *db,
                                   GAsyncResult        *result,
                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdStay, td_stay_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdBookingResult, td_booking_result_free)

G_END_DECLS
