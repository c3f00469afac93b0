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
  TD_VCARD_ERROR_ENCODING,   /* not UTF-8 and no CHARSET says what it is, or
                              * a wrong CHARSET; the message names the line */
  TD_VCARD_ERROR_EMPTY,      /* an empty file, or no BEGIN:VCARD at all */
} TdVCardError;

GQuark     td_vcard_error_quark   (void);

/* Every contact of data (the whole file: UTF-8, with or without a byte
 * order mark, or other character sets named by CHARSET parameters; CRLF,
 * LF or CR line ends) as a TdCustomerRow, in file order; line is where its
 * BEGIN:VCARD is. Reads vCard 2.1, 3.0 and 4.0: folded lines,
 * quoted-printable (soft line breaks, CHARSET such as GB18030, GBK, BIG5),
 * backslash escapes, groups (item1.EMAIL), 2.1 bare parameters
 * (TEL;CELL;PREF).
 *
 * values holds strings, only for what the card says: party ("person", or
 * "organisation" for KIND:org or an ORG without a person's name; always
 * set), name (FN, else built from N, else ORG; absent when the card has
 * none of them), family_name and given_name (N), birth_date (BDAY as
 * YYYY-MM-DD; nothing for a date without a year such as --0307; the text
 * as written when it is no date), gender (female/male/other from GENDER,
 * X-GENDER), phone and email (the PREF one, else the first TEL / EMAIL;
 * tel: URIs without "tel:"), other_phones and other_emails (the others,
 * comma-separated, in file order), province and city (the preferred ADR's
 * region and locality), district (its extended address when that names a
 * district, 朝阳区, or the file is ours), notes (NOTE; several joined by
 * newlines), tags (CATEGORIES, comma-separated, without Google's
 * “myContacts”), language (LANG), and id_type, id_number, id_country,
 * id_expiry (X-TOURDESK-ID). documents holds the X-TOURDESK-DOCUMENT
 * properties (JsonObject: doc_type, number, and country and expiry when
 * given); notes stays empty. Photos are checked and dropped (customers keep
 * none); other properties (street addresses, TITLE, URL, X-…) are put
 * aside. Values are raw text: pass each row through td_customer_check().
 *
 * All or nothing: NULL and an error when any contact is broken, with a
 * translated message that names the line (“Line 12: …”): SYNTAX (BEGIN
 * without END, END without BEGIN, a BEGIN inside a vCard, a line without
 * “:”, a bad property name, damaged quoted-printable or base64, an
 * unsupported VERSION, text outside any vCard), ENCODING (text that is not
 * UTF-8 without a CHARSET, an unknown or wrong CHARSET, NUL bytes), EMPTY
 * (an empty file, or no BEGIN:VCARD line at all). Linear in length. */
GPtrArray *td_vcard_parse         (const char  *data,
                                   gsize        length,
                                   GError     **error);

/* Appends one vCard 4.0 (CRLF line ends, folded at 75 octets without
 * splitting a character, text escaped) for customer (a record as
 * td_database_get_record() gives it) and its identity documents
 * (customer_document records, or NULL; deleted ones are skipped): UID
 * (urn:uuid: and the record id), KIND:org and ORG for organisations, FN,
 * N, GENDER, BDAY, TEL (tel: URIs for E.164 numbers, PREF=1 on phone),
 * EMAIL, ADR (district in the extended address), LANG, NOTE, CATEGORIES,
 * X-TOURDESK-ID (the primary identity document), X-TOURDESK-DOCUMENT,
 * REV. td_vcard_parse() reads it back to the same values. */
void       td_vcard_write         (GString     *out,
                                   JsonObject  *customer,
                                   GPtrArray   *documents);

G_END_DECLS
