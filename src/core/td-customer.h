/* td-customer.h: a customer's values, checked and normalised before saving
 *
 * The GUI, the CLI and the importers all go through td_customer_check()
 * before td_database_commit(); the commit itself refuses a phone, e-mail or
 * mainland identity number that is not in normal form, so nothing invalid
 * is saved silently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TD_CUSTOMER_ERROR (td_customer_error_quark ())

typedef enum {
  TD_CUSTOMER_ERROR_PHONE,
  TD_CUSTOMER_ERROR_EMAIL,
  TD_CUSTOMER_ERROR_ID_NUMBER,
  TD_CUSTOMER_ERROR_DATE,
  TD_CUSTOMER_ERROR_INVALID,
} TdCustomerError;

GQuark    td_customer_error_quark     (void);

/* Mainland mobiles (11 digits starting with 1, with or without +86 / 0086,
 * spaces, dashes, dots, brackets, full-width digits) become the 11 digits;
 * every other number becomes E.164 (“+” and digits): mainland landlines
 * written with their area code (010-12345678, 0371 6666 8888) as +86…,
 * numbers written with + or 00 and a country code as they are. A number
 * that is neither (too short, letters, a local number without its area
 * code) is an error whose message says what is wrong. */
char     *td_phone_normalise          (const char  *text,
                                       GError     **error);

/* Trimmed, with the domain in lower case; an error when it is not of the
 * form local@domain.tld (one @, no spaces, a dot in the domain, no empty
 * labels). */
char     *td_email_normalise          (const char  *text,
                                       GError     **error);

/* A problem with one field, for the GUI to show next to it and the CLI
 * to print. */
typedef struct {
  char     *field;     /* "phone", "email", "id_number", "birth_date", … */
  char     *message;   /* translated, one sentence */
  gboolean  warning;   /* TRUE: may be saved anyway (a birth date that
                        * disagrees with the identity card) */
} TdFieldProblem;

void      td_field_problem_free       (TdFieldProblem *problem);

/* Checks and normalises, in place, the customer values a change would set
 * (the members present in values; a NULL or "" member is cleared): phone
 * and other_phones, email and other_emails, id_number (upper case, spaces
 * dropped; GB 11643 when id_type is resident-id, or when id_type is absent
 * and the number looks like one, which then sets id_type), birth_date
 * (YYYY-MM-DD, not in the future; filled from a valid resident identity
 * number when absent, and a warning when it disagrees), gender from the
 * identity number the same way, tags (trimmed, de-duplicated, comma-
 * separated), name (trimmed; built from family_name + given_name, in
 * Chinese order without a space when they are Chinese, when absent).
 * Returns the problems, errors first; empty when all is well. */
GPtrArray *td_customer_check          (JsonObject  *values);

/* Phones, e-mails and mainland identity numbers only in the normal form
 * td_customer_check() gives them (values already of the right JSON types):
 * callers check first, so that the clerk sees the problem next to the
 * field; td_database_commit() and the platform use this to keep out what
 * slips past. TD_DATABASE_ERROR_INVALID when a value is not. */
gboolean  td_customer_check_normal_form (JsonObject  *values,
                                         GError     **error);

/* TRUE when problems (from td_customer_check()) hold an error rather than
 * only warnings. */
gboolean  td_field_problems_have_error (GPtrArray  *problems);

/* The name as shown: “张伟” for family 张 and given 伟; “Anna Smith” for
 * family Smith and given Anna; name when set. */
char     *td_customer_format_name     (const char *family_name,
                                       const char *given_name);

/* One customer read from a file (CSV row or vCard), before matching. */
typedef struct {
  guint       line;       /* where it starts in the file, from 1 */
  JsonObject *values;     /* customer fields by their td-kind name, strings */
  GPtrArray  *documents;  /* JsonObject: doc_type, number, country, expiry */
  GPtrArray  *notes;      /* char *: to become customer_note records */
} TdCustomerRow;

TdCustomerRow *td_customer_row_new    (guint          line);
void           td_customer_row_free   (TdCustomerRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdFieldProblem, td_field_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCustomerRow, td_customer_row_free)

G_END_DECLS
