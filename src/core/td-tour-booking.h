/* td-tour-booking.h: tour bookings, participants, payments, waiting lists
 *
 * A booking is a lead customer and the participants on one departure
 * (the lead travels too), each priced by age at the departure date, with a
 * discount, a sub-agent's commission, and a payment schedule (deposit,
 * instalments, balance) written with it. Payments are recorded against
 * it; a booking whose deposit is paid is confirmed.
 *
 *   booked ──deposit paid──▶ confirmed
 *      └──────cancel──────────┴──▶ cancelled (penalty by the product's tiers)
 *
 * Seats are never oversold: the booking is one commit, under BEGIN
 * IMMEDIATE, that counts the seats left, gives each participant the lowest
 * free seat and inserts them; a trigger in the database refuses a
 * participant beyond the capacity whatever wrote it. A cancellation frees
 * the seats in its own commit and offers them to the waiting list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-desk.h"
#include "td-tours.h"

G_BEGIN_DECLS

typedef enum {
  TD_TOUR_BOOKING_BOOKED,
  TD_TOUR_BOOKING_CONFIRMED,
  TD_TOUR_BOOKING_CANCELLED,
} TdTourBookingState;

const char *td_tour_booking_state_to_string (TdTourBookingState state);
const char *td_tour_booking_state_get_title (TdTourBookingState state);

typedef enum {
  TD_CONTRACT_NONE,
  TD_CONTRACT_PRINTED,
  TD_CONTRACT_SIGNED,
} TdContractState;

const char *td_contract_state_to_string (TdContractState state);
const char *td_contract_state_get_title (TdContractState state);

typedef struct {
  char      *id;
  gint64     revision;
  char      *booking_id;
  char      *departure_id;
  char      *customer_id;
  char      *name;
  char      *birth_date;   /* or NULL */
  char      *phone;
  TdPaxType  type;
  TdMoney    price;
  char      *room;         /* a room label: people with the same one share */
  gboolean   single_room;
  guint      seat;         /* 0: none */
  gboolean   active;       /* FALSE: the booking is cancelled */
} TdTourParticipant;

void td_tour_participant_free (TdTourParticipant *participant);

typedef struct {
  char               *id;
  gint64              revision;
  char               *departure_id;
  char               *product_id;
  char               *product_name;
  guint32             departure_date;
  guint32             return_date;      /* the day after the last day */
  char               *lead_customer_id;
  char               *lead_name;
  TdTourBookingState  state;
  char               *price_lines;      /* JSON array of {label, type, customer_id, amount} */
  gboolean            has_discount;
  TdMoney             discount;
  char               *discount_reason;
  TdMoney             total;
  char               *sub_agent_id;
  char               *sub_agent_name;
  guint               commission_bp;
  gboolean            has_commission;
  TdMoney             commission;
  char               *cancelled_at;
  gboolean            has_cancellation_fee;
  TdMoney             cancellation_fee;
  TdContractState     contract_state;
  char               *contract_signed_at;
  char               *notes;
  guint               n_participants;   /* active ones */
  TdMoney             paid;             /* payments less refunds */
  char               *created_at;
} TdTourBooking;

void            td_tour_booking_free      (TdTourBooking *booking);
TdTourBooking  *td_tour_booking_get       (TdDatabase    *db,
                                           const char    *id,
                                           GError       **error);
/* a departure's bookings (NULL: all), newest first */
GPtrArray      *td_tour_bookings_list     (TdDatabase    *db,
                                           const char    *departure_id,
                                           GError       **error);
/* What is left to pay: the total (a cancelled booking: its fee) less paid. */
gint64          td_tour_booking_get_balance (const TdTourBooking *booking);

/* a booking's participants (inactive ones too), by seat */
GPtrArray      *td_tour_participants_list (TdDatabase    *db,
                                           const char    *booking_id,
                                           GError       **error);
/* a departure's active participants, by room then seat: the rooming list */
GPtrArray      *td_tour_rooming_list      (TdDatabase    *db,
                                           const char    *departure_id,
                                           GError       **error);
/* Moves a participant to another seat (0: none) or room (NULL: none);
 * a seat taken is refused (TD_TOUR_ERROR_TAKEN) by the database. */
gboolean        td_tour_participant_place (TdDatabase    *db,
                                           const char    *actor,
                                           const char    *participant_id,
                                           guint          seat,
                                           const char    *room,
                                           GError       **error);

/* ------------------------------------------------------------------ */
/* booking                                                            */

typedef struct {
  const char          *customer_id;
  gboolean             single_room;
  const char          *room;       /* NULL: the booking's participants share room “1”, single rooms their own */
} TdTourTraveller;

typedef struct {
  const char            *departure_id;
  const char            *lead_customer_id;  /* travels too */
  const TdTourTraveller *travellers;        /* the others; may include the lead to set its room */
  guint                  n_travellers;
  gboolean               lead_single_room;
  const TdMoney         *discount;          /* off the total */
  const char            *discount_reason;
  const char            *sub_agent_id;      /* a customer (the agent) */
  guint                  commission_bp;     /* of the total after discount */
  const char            *notes;
} TdTourBookingRequest;

/* The price lines and total of a request, as the booking would be made
 * (nothing written). Array of TdPaxPrice in lead-first order. */
typedef struct {
  GArray  *people;      /* TdPaxPrice */
  GPtrArray *customer_ids;
  GPtrArray *names;
  TdMoney  subtotal;
  TdMoney  discount;
  TdMoney  total;
  TdMoney  commission;
} TdTourQuote;

void            td_tour_quote_free        (TdTourQuote   *quote);
TdTourQuote    *td_tour_quote             (TdDatabase    *db,
                                           const TdTourBookingRequest *request,
                                           GError       **error);

/* Books: refuses (TD_TOUR_ERROR_FULL, saying how many seats are left) a
 * departure without the seats, one that does not sell (draft, departed…),
 * a customer already on it. Returns the booking id. */
char           *td_tour_book              (TdDatabase    *db,
                                           const char    *actor,
                                           const TdTourBookingRequest *request,
                                           const TdDeskTime *when,
                                           GError       **error);

typedef struct {
  char      *booking_id;
  guint      percent;       /* the penalty tier */
  int        days_before;
  TdMoney    fee;
  guint      seats_freed;
  GPtrArray *offered;       /* TdTourWaiting*: who was offered the freed seats */
} TdTourCancellation;

void            td_tour_cancellation_free (TdTourCancellation *cancellation);
TdTourCancellation *td_tour_cancel        (TdDatabase    *db,
                                           const char    *actor,
                                           const char    *booking_id,
                                           const TdDeskTime *when,
                                           GError       **error);

/* ------------------------------------------------------------------ */
/* payments                                                           */

typedef struct {
  char      *id;
  char      *booking_id;
  TdDueKind  kind;
  guint32    due;
  TdMoney    amount;
} TdTourDue;

void        td_tour_due_free          (TdTourDue *due);
GPtrArray  *td_tour_dues_list         (TdDatabase *db,
                                       const char *booking_id,
                                       GError    **error);

/* method: cash, card, transfer, wechat, alipay or other. Refuses more than
 * the balance. Returns the payment id. */
char       *td_tour_pay               (TdDatabase       *db,
                                       const char       *actor,
                                       const char       *booking_id,
                                       const TdMoney    *amount,
                                       const char       *method,
                                       const char       *reference,
                                       const TdDeskTime *when,
                                       GError          **error);

/* A booking with money due by a date: what its schedule asks by then
 * less what was paid. */
typedef struct {
  char     *booking_id;
  char     *lead_name;
  char     *product_name;
  guint32   departure_date;
  guint32   due;          /* the earliest unpaid line's date */
  TdMoney   amount;       /* due by `by` and not paid */
  gboolean  overdue;      /* due before today */
} TdTourPaymentDue;

void        td_tour_payment_due_free  (TdTourPaymentDue *due);
/* live bookings with money due on or before by, by date */
GPtrArray  *td_tour_payments_due      (TdDatabase       *db,
                                       guint32           by,
                                       const TdDeskTime *when,
                                       GError          **error);

/* ------------------------------------------------------------------ */
/* the waiting list                                                   */

typedef enum {
  TD_WAITING_WAITING,
  TD_WAITING_OFFERED,
  TD_WAITING_BOOKED,
  TD_WAITING_WITHDRAWN,
} TdWaitingState;

const char *td_waiting_state_to_string (TdWaitingState state);
gboolean    td_waiting_state_from_string (const char *text, TdWaitingState *state);
const char *td_waiting_state_get_title (TdWaitingState state);

typedef struct {
  char           *id;
  gint64          revision;
  char           *departure_id;
  char           *customer_id;
  char           *name;
  char           *phone;
  guint           pax;
  TdWaitingState  state;
  char           *offered_at;
  char           *notes;
  char           *created_at;
} TdTourWaiting;

void        td_tour_waiting_free      (TdTourWaiting *waiting);
/* first come first, withdrawn and booked ones too */
GPtrArray  *td_tour_waitlist_list     (TdDatabase  *db,
                                       const char  *departure_id,
                                       GError     **error);
char       *td_tour_waitlist_add      (TdDatabase  *db,
                                       const char  *actor,
                                       const char  *departure_id,
                                       const char  *customer_id,
                                       guint        pax,
                                       const char  *notes,
                                       GError     **error);
gboolean    td_tour_waitlist_set_state (TdDatabase *db,
                                       const char  *actor,
                                       const char  *id,
                                       TdWaitingState state,
                                       GError     **error);
/* Offers the free seats, first come first, to those waiting whose party
 * fits in what is not yet offered; returns them (TdTourWaiting*), now
 * offered. */
GPtrArray  *td_tour_waitlist_offer    (TdDatabase  *db,
                                       const char  *actor,
                                       const char  *departure_id,
                                       GError     **error);

/* ------------------------------------------------------------------ */
/* travel documents and contracts                                     */

typedef struct {
  char    *customer_id;
  char    *name;
  char    *document;   /* "passport E1234…", translated type and number; NULL: none on file */
  guint32  expiry;     /* 0: unknown */
  char    *problem;    /* translated, for the clerk */
} TdTravelDocumentProblem;

void        td_travel_document_problem_free (TdTravelDocumentProblem *problem);
/* One customer's documents against the last day of a trip: the problem,
 * or NULL (error unset) when one is valid to then. */
TdTravelDocumentProblem *td_travel_document_check (TdDatabase  *db,
                                                   const char  *customer_id,
                                                   guint32      last_day,
                                                   GError     **error);
/* The active participants of a booking (or of a departure, booking_id
 * NULL) whose identity documents expire before the trip ends, or who have
 * none on file. */
GPtrArray  *td_tour_document_problems (TdDatabase  *db,
                                       const char  *departure_id,
                                       const char  *booking_id,
                                       GError     **error);

gboolean    td_tour_booking_set_contract (TdDatabase      *db,
                                          const char      *actor,
                                          const char      *booking_id,
                                          TdContractState  state,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTourBooking, td_tour_booking_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTourParticipant, td_tour_participant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTourQuote, td_tour_quote_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTourCancellation, td_tour_cancellation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTourWaiting, td_tour_waiting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTravelDocumentProblem, td_travel_document_problem_free)

G_END_DECLS
