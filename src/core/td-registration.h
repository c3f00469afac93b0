/* td-registration.h: check-in with every guest's identity document
 *
 * A hotel in China registers every guest who sleeps in a room with the
 * police: name, identity document, nationality, dates. Check-in takes the
 * guests in the room (customers), checks each one's document (a mainland
 * identity number by GB 11643, the form of the other documents, not
 * expired) and nationality, and writes, in the commit of the check-in, one
 * guest_registration per guest: the record the platform sync sends to the
 * provincial platform (td-cloud-kinds.c syncs this kind as it is), which
 * answers with a receipt. A guest whose papers are not in order stops the
 * check-in, with what is wrong for each guest.
 *
 * The document is the customer's own (id_type, id_number, id_expiry,
 * id_country), or else the customer's newest identity document record
 * that has not expired. The nationality is the customer's, else the
 * document's country, else China for a resident identity card or a PRC
 * passport.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-desk.h"
#include "td-stays.h"

G_BEGIN_DECLS

typedef enum {
  TD_REGISTRATION_PENDING,       /* not sent to the platform yet */
  TD_REGISTRATION_SENT,          /* sent, no receipt yet */
  TD_REGISTRATION_ACKNOWLEDGED,  /* the platform's receipt came back */
} TdRegistrationState;

const char *td_registration_state_to_string (TdRegistrationState state);
/* translated, for people */
const char *td_registration_state_get_title (TdRegistrationState state);

/* One guest as check-in would register them. */
typedef struct {
  char      *customer_id;
  char      *guest_name;
  char      *gender;
  char      *birth_date;
  char      *nationality;     /* ISO 3166-1 alpha-3 */
  char      *id_type;
  char      *id_number;       /* normalised */
  char      *id_expiry;
  char      *address;
  GPtrArray *problems;        /* char*, translated sentences; empty: may check in */
} TdGuestCheck;

void          td_guest_check_free   (TdGuestCheck      *check);
/* NULL with an error only when the database fails; an unknown customer
 * is a problem of the guest. */
TdGuestCheck *td_guest_check        (TdDatabase        *db,
                                     const char        *customer_id,
                                     const TdDeskTime  *when,
                                     GError           **error);

/* Checks the guests in (td_stay_apply() with TD_STAY_ACTION_CHECK_IN) with
 * a registration for each, in one commit; guest_ids: NULL-terminated, at
 * least one, no more than the stay's adults and children. The first guest
 * becomes the stay's guest when it has none. TD_DESK_ERROR_INVALID naming
 * every guest whose papers are not in order (“王芳: …; Anna Smith: …”). */
TdStay       *td_stay_check_in      (TdDatabase         *db,
                                     const char         *actor,
                                     const char         *stay_id,
                                     const char * const *guest_ids,
                                     const TdDeskTime   *when,
                                     GError            **error);

typedef struct {
  char                *id;
  char                *stay_id;
  char                *customer_id;
  char                *guest_name;
  char                *room;
  char                *nationality;
  char                *id_type;
  char                *id_number;
  char                *birth_date;
  char                *gender;
  char                *check_in;
  char                *check_out;
  char                *receipt;
  char                *acknowledged_at;
  TdRegistrationState  state;
} TdRegistration;

void          td_registration_free  (TdRegistration    *registration);
/* The registrations of a stay, in the order the guests were given. */
GPtrArray    *td_registrations_list (TdDatabase        *db,
                                     const char        *stay_id,
                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdGuestCheck, td_guest_check_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRegistration, td_registration_free)

G_END_DECLS
