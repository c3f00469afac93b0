/* td-ticket-code.h: signed e-ticket codes (Ed25519, GnuTLS)
 *
 * A code carries what a gate needs to let a visitor in without a network:
 * the ticket's id, the attraction's id, the date, the time slot's start and
 * the ticket type, signed with the workspace's private key. A gate checks
 * it with the public key only; a forged or altered code fails the check.
 *
 * Layout (107 bytes, then RFC 4648 base32 without padding, 172 characters
 * of the QR alphanumeric set): version 1; ticket id (16 bytes); attraction
 * id (16); date as a GLib Julian day (3, big-endian); the slot's start in
 * minutes after midnight (2); the ticket type (1, TdTicketType); the key id
 * (4: the first bytes of the SHA-256 of the raw public key); the Ed25519
 * signature of everything before it (64).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_TICKET_CODE_LENGTH 172

#define TD_TICKET_CODE_ERROR (td_ticket_code_error_quark ())

typedef enum {
  TD_TICKET_CODE_ERROR_MALFORMED,  /* not a ticket code at all */
  TD_TICKET_CODE_ERROR_FORGED,     /* well-formed, but the signature does not match */
  TD_TICKET_CODE_ERROR_KEY,        /* a key that cannot be read or made */
} TdTicketCodeError;

/* Keep in step with ticket_types in td-kind.c: the code stores the index. */
typedef enum {
  TD_TICKET_ADULT,
  TD_TICKET_CHILD,
  TD_TICKET_SENIOR,
  TD_TICKET_STUDENT,
  TD_TICKET_FREE,
  TD_TICKET_N_TYPES
} TdTicketType;

typedef struct {
  char         ticket_id[37];
  char         attraction_id[37];
  guint32      date;           /* GLib Julian day */
  guint        start_minutes;  /* of the time slot, after midnight */
  TdTicketType type;
  guint32      key_id;
} TdTicketCodeData;

typedef struct _TdTicketKey TdTicketKey;

GQuark        td_ticket_code_error_quark   (void);

/* "adult" … "free", and back (-1 when unknown) */
const char   *td_ticket_type_to_string     (TdTicketType   type);
int           td_ticket_type_from_string   (const char    *text);
/* translated, for people: "Adult" */
const char   *td_ticket_type_get_label     (TdTicketType   type);

/* A new private key; its text form (base64 of the 32-byte seed and the
 * 32-byte public key) for keeping in the workspace. */
TdTicketKey  *td_ticket_key_generate       (GError       **error);
TdTicketKey  *td_ticket_key_new_from_text  (const char    *text,
                                            GError       **error);
/* A public key only, from the PEM that td_ticket_key_export_public() wrote
 * (SubjectPublicKeyInfo): enough to verify, never to sign. */
TdTicketKey  *td_ticket_key_new_from_public_pem (const char *pem,
                                            gsize          length,
                                            GError       **error);
char         *td_ticket_key_to_text        (TdTicketKey   *key);
char         *td_ticket_key_export_public  (TdTicketKey   *key,
                                            GError       **error);
guint32       td_ticket_key_get_id         (TdTicketKey   *key);
gboolean      td_ticket_key_can_sign       (TdTicketKey   *key);
void          td_ticket_key_free           (TdTicketKey   *key);

/* The code of data (data->key_id is set from key), or NULL with error. */
char         *td_ticket_code_sign          (TdTicketKey   *key,
                                            const TdTicketCodeData *data,
                                            GError       **error);
/* Decodes code (case, spaces and hyphens ignored) without checking the
 * signature: MALFORMED when it is not a ticket code. */
gboolean      td_ticket_code_decode        (const char    *code,
                                            TdTicketCodeData *data,
                                            GError       **error);
/* Decodes and checks the signature with key: FORGED when it does not
 * match (or was made with another key), MALFORMED as above. */
gboolean      td_ticket_code_verify        (TdTicketKey   *key,
                                            const char    *code,
                                            TdTicketCodeData *data,
                                            GError       **error);
/* The code as stored and printed: upper case, no spaces or hyphens; NULL
 * when it has characters no code has. */
char         *td_ticket_code_normalise     (const char    *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTicketKey, td_ticket_key_free)

G_END_DECLS
