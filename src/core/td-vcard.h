/* td-vcard.h: vCard 2.1, 3.0 and 4.0 files (RFC 2425/2426, RFC 6350), read
 * into customer rows, and customers written as vCard 4.0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-customer.h"

G_BEGIN_DECLS

#define TD_VCARD_ERROR (td_vcard_error_quark ())

typedef enum {
  TD_VCARD_ERROR_SYNTAX,     /* the message names the line */
  TD_VCARD_ERROR_ENCODING,   /* not UTF-8, and no CHARSET says what it is */
  TD_VCARD_ERROR_EMPTY,      /* no BEGIN:VCARD at all */
} TdVCardError;

GQuark     td_vcard_error_quark   (void);

/* Every contact of data (the whole file, UTF-8 or with CHARSET parameters),
 * as TdCustomerRow: line is where its BEGIN:VCARD is. Handles folded lines,
 * quoted-printable (with soft line breaks and CHARSET), backslash escapes,
 * groups (item1.TEL), several TEL/EMAIL (the first, or the PREF one, goes
 * to phone/email, the others to other_phones/other_emails), N and FN,
 * BDAY, GENDER / X-GENDER, ADR (region → province, locality → city),
 * NOTE (→ notes), CATEGORIES (→ tags), ORG for organisations (KIND:org),
 * LANG, and photos (decoded and dropped: customers keep no photo). Values
 * are not yet checked: pass each row through td_customer_check(). A file
 * with a broken contact fails as a whole, naming the line. */
GPtrArray *td_vcard_parse         (const char  *data,
                                   gsize        length,
                                   GError     **error);

/* Appends one vCard 4.0 (CRLF line ends, folded at 75 octets without
 * splitting a character, escaped) for the customer (a record as
 * td_database_get_record() gives it) and its identity documents. */
void       td_vcard_write         (GString     *out,
                                   JsonObject  *customer,
                                   GPtrArray   *documents);

G_END_DECLS
