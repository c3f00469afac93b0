/* td-tickets.h: attraction tickets: time slots under quota, prices, sales, validation
 *
 * Attractions are pois of category attraction. Each has time slots per day
 * with a capacity (kind attraction_slot, cached from the platform's
 * catalogue: see td-catalogue-client.h in src/sync), ticket types with
 * prices (kind ticket_type), and tickets (kind ticket), each with a signed
 * code (td-ticket-code.h) that a gate checks without a network.
 *
 * A slot's capacity is a rule of the database (migration 11): a sale that
 * would take more places than the slot has fails with its whole commit,
 * whichever process sells. A sale made offline takes from the quota the
 * platform gave at the last sync, and is marked offline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-money.h"
#include "td-poi.h"
#include "td-ticket-code.h"

G_BEGIN_DECLS

#define TD_TICKETS_ERROR (td_tickets_error_quark ())

typedef enum {
  TD_TICKETS_ERROR_SOLD_OUT,   /* not that many places left in the slot */
  TD_TICKETS_ERROR_NOT_FOUND,  /* no such attraction, slot, price or ticket */
  TD_TICKETS_ERROR_INVALID,    /* a date, time or count that cannot be */
} TdTicketsError;

/* the settings key of the workspace's private signing key (local) */
#define TD_SETTING_TICKET_KEY "ticket-signing-key"

typedef struct {
  char   *id;
  gint64  revision;
  char   *poi_id;
  char   *date;             /* YYYY-MM-DD */
  char   *start_time;       /* HH:MM */
  char   *end_time;         /* HH:MM or NULL */
  gint64  capacity;
  gint64  sold;             /* live tickets of this workspace */
  char   *platform_id;      /* the catalogue's slot, or NULL for a slot of our own */
  gint64  quota;            /* what the platform had left as of quota_as_of; -1: not known */
  char   *quota_as_of;      /* UTC ISO 8601, or NULL */
  gint64  offline_pending;  /* sold offline, not yet confirmed by the platform */
} TdSlot;

void       td_slot_free             (TdSlot       *slot);
/* What can still be sold here: with a platform quota, the quota less the
 * offline sales it does not know of yet; the capacity bounds it anyway. */
gint64     td_slot_get_available    (const TdSlot *slot);

typedef struct {
  char         *id;
  char         *poi_id;
  TdTicketType  type;
  char         *name;    /* or NULL: td_ticket_type_get_label() */
  TdMoney       price;
} TdTicketPrice;

void       td_ticket_price_free     (TdTicketPrice *price);

typedef struct {
  char         *id;
  gint64        revision;
  char         *code;
  char         *poi_id;
  char         *attraction;    /* the poi's name */
  char         *attraction_en; /* or NULL */
  char         *slot_id;
  char         *date;
  char         *start_time;
  char         *end_time;      /* or NULL */
  TdTicketType  type;
  TdMoney       price;
  char         *customer_id;   /* the holder, or NULL */
  char         *holder;        /* the holder's name, or NULL */
  char         *state;         /* sold, used, void */
  char         *used_at;       /* or NULL */
  char         *sold_at;       /* created_at */
  gboolean      offline;
  char         *platform_booking_id;
  /* void tickets */
  char         *void_reason;   /* or NULL */
  char         *voided_at;     /* UTC ISO 8601, or NULL */
  TdMoney       refund;        /* currency[0] == '\0': none */
  char         *platform_refused;  /* sold offline, refused by the platform: its reason */
} TdTicket;

/* "awaiting": sold offline against the last quota, the platform not told
 * yet; "confirmed": the platform took its place; "refused": the platform
 * had no place for it (void); "local": a slot of our own. */
const char *td_ticket_get_platform_state (const TdTicket *ticket);

void       td_ticket_free           (TdTicket     *ticket);
/* As tourdesk-cli prints it with --json. */
JsonObject *td_ticket_to_json       (const TdTicket *ticket);

typedef struct {
  const char   *poi_id;
  const char   *date;          /* YYYY-MM-DD */
  const char   *start_time;    /* HH:MM */
  TdTicketType  type;
  guint         count;         /* 1 … TD_TICKETS_MAX_COUNT */
  const char   *customer_id;   /* the holder, or NULL */
  gboolean      offline;       /* against the quota of the last sync */
  const char   *platform_booking_id;  /* the platform confirmed the places: its booking */
} TdTicketSale;

#define TD_TICKETS_MAX_COUNT 100

typedef enum {
  TD_TICKET_CHECK_VALID,      /* let in: now marked used */
  TD_TICKET_CHECK_USED,       /* already used (TdTicketCheck.ticket->used_at) */
  TD_TICKET_CHECK_VOID,       /* refunded or cancelled */
  TD_TICKET_CHECK_OTHER_DAY,  /* genuine, for another date: not marked */
  TD_TICKET_CHECK_FORGED,     /* the signature does not match */
  TD_TICKET_CHECK_UNKNOWN,    /* not a ticket code, or no such ticket here */
} TdTicketVerdict;

typedef struct {
  TdTicketVerdict  verdict;
  TdTicket        *ticket;    /* NULL for forged and unknown */
  char            *message;   /* one translated line for the clerk */
} TdTicketCheck;

void       td_ticket_check_free     (TdTicketCheck *check);
/* "valid", "used", "void", "other-day", "forged", "unknown" */
const char *td_ticket_verdict_to_string (TdTicketVerdict verdict);

GQuark     td_tickets_error_quark   (void);

/* The workspace's signing key, made and kept in the workspace on first
 * use (one key even when several processes ask at once); its public half
 * is published as a record (kind ticket_key) that the sync takes to the
 * tenant's other desks, which then check this desk's codes. */
TdTicketKey *td_tickets_get_key     (TdDatabase   *db,
                                     GError      **error);

/* The live attractions that have time slots, by name (TdPoi). */
GPtrArray *td_tickets_list_attractions (TdDatabase *db,
                                     GError      **error);
/* The live slots of an attraction on a date, by start time (TdSlot). */
GPtrArray *td_tickets_list_slots    (TdDatabase   *db,
                                     const char   *poi_id,
                                     const char   *date,
                                     GError      **error);
TdSlot    *td_tickets_get_slot      (TdDatabase   *db,
                                     const char   *poi_id,
                                     const char   *date,
                                     const char   *start_time,
                                     GError      **error);
/* Adds a slot of our own (not from the platform). */
TdSlot    *td_tickets_add_slot      (TdDatabase   *db,
                                     const char   *actor,
                                     const char   *poi_id,
                                     const char   *date,
                                     const char   *start_time,
                                     const char   *end_time,
                                     gint64        capacity,
                                     GError      **error);
/* The platform's quota of a slot as of a time (local, never synced). */
gboolean   td_tickets_set_quota     (TdDatabase   *db,
                                     const char   *slot_id,
                                     gint64        remaining,
                                     const char   *as_of,
                                     GError      **error);

/* The attraction's prices by type (TdTicketPrice). */
GPtrArray *td_tickets_list_prices   (TdDatabase   *db,
                                     const char   *poi_id,
                                     GError      **error);
gboolean   td_tickets_set_price     (TdDatabase   *db,
                                     const char   *actor,
                                     const char   *poi_id,
                                     TdTicketType  type,
                                     const TdMoney *price,
                                     GError      **error);

/* Sells sale->count tickets in one commit, each with its signed code:
 * the tickets (TdTicket), or NULL with TD_TICKETS_ERROR_SOLD_OUT and the
 * places left when the slot cannot take them. */
GPtrArray *td_tickets_sell          (TdDatabase   *db,
                                     const char   *actor,
                                     const TdTicketSale *sale,
                                     GError      **error);

/* Checks a code (typed or scanned; signed here or at a desk whose key came
 * with the sync) and, when valid, marks the ticket used
 * (once: a second check of the same code answers USED, in any process).
 * today: a GLib Julian day, 0 for today in the workspace's time zone.
 * NULL with error only when the workspace cannot be read or written. */
TdTicketCheck *td_tickets_validate  (TdDatabase   *db,
                                     const char   *actor,
                                     const char   *code,
                                     guint32       today,
                                     GError      **error);

/* A ticket by its code or id; NULL with NOT_FOUND. */
TdTicket  *td_tickets_get           (TdDatabase   *db,
                                     const char   *code_or_id,
                                     GError      **error);
/* Tickets sold, newest first; date NULL: every date (TdTicket). */
GPtrArray *td_tickets_list          (TdDatabase   *db,
                                     const char   *date,
                                     guint         limit,
                                     GError      **error);
/* Offline tickets the platform was told of: its booking took their places. */
gboolean   td_tickets_mark_confirmed (TdDatabase  *db,
                                     const char   *actor,
                                     GPtrArray    *ticket_ids,
                                     const char   *platform_booking_id,
                                     GError      **error);

/* Voids a ticket that was not used (the code or the id): the reason is
 * needed, refund (or NULL) is what was given back; its place is free at
 * once. A ticket the platform had confirmed gives its place back there at
 * the next sync (td_tickets_list_to_release). The ticket as it is now. */
TdTicket  *td_tickets_void          (TdDatabase    *db,
                                     const char    *actor,
                                     const char    *code_or_id,
                                     const char    *reason,
                                     const TdMoney *refund,
                                     GError       **error);
/* Offline tickets the platform refused (no place left there): void, with
 * the platform's reason. */
gboolean   td_tickets_mark_refused  (TdDatabase    *db,
                                     const char    *actor,
                                     GPtrArray     *ticket_ids,
                                     const char    *reason,
                                     GError       **error);

/* The platform's bookings some of whose tickets were voided here and not
 * yet given back there (TdTicketRelease). */
typedef struct {
  char      *booking_id;   /* the platform's */
  guint      live;         /* its tickets still valid: the quantity it keeps */
  GPtrArray *void_ids;     /* the void tickets to mark released (char*) */
} TdTicketRelease;

void       td_ticket_release_free   (TdTicketRelease *release);
GPtrArray *td_tickets_list_to_release (TdDatabase  *db,
                                     GError       **error);
gboolean   td_tickets_mark_released (TdDatabase    *db,
                                     const char    *actor,
                                     GPtrArray     *ticket_ids,
                                     GError       **error);

/* Offline sales the platform has not been told of, oldest first (TdTicket). */
GPtrArray *td_tickets_list_unreported (TdDatabase *db,
                                     GError      **error);

/* The platform's catalogue (GET /v1/catalogue's "attractions") as of a
 * time: each slot of an attraction this workspace has (matched by name)
 * is added or brought up to date (kind attraction_slot, keyed by its
 * platform id) and its quota kept. *n_slots: the slots seen. */
gboolean   td_tickets_apply_catalogue (TdDatabase *db,
                                     const char   *actor,
                                     JsonArray    *attractions,
                                     const char   *as_of,
                                     guint        *n_slots,
                                     GError      **error);
/* The catalogue has not changed since the last fetch: every platform
 * quota is still right as of as_of. */
gboolean   td_tickets_confirm_quotas (TdDatabase  *db,
                                     const char   *as_of,
                                     GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSlot, td_slot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTicket, td_ticket_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTicketCheck, td_ticket_check_free)

G_END_DECLS
