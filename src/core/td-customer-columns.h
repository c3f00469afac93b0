/* td-customer-columns.h: the columns of customer spreadsheets, and values
 * as people write them
 *
 * A column of a CSV file holds one customer field. Its header names it in
 * Chinese or English as real exports do (客户姓名, 手机号码, 身份证号码,
 * “Phone 1 - Value” from Google Contacts, …): td_customer_column_guess()
 * knows them; the clerk may correct the guess. Exports use the stable
 * English headers of td_customer_column_get_header(), which the guess maps
 * back, so that an exported file imports again as it was.
 *
 * Values come as clerks type them (男, 1990年3月7日, 身份证, 携程) and are
 * turned into what the customer record holds (male, 1990-03-07,
 * resident-id, ota) by td_customer_row_normalise(), for CSV rows and vCard
 * contacts alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-customer.h"

G_BEGIN_DECLS

typedef enum {
  TD_CUSTOMER_COLUMN_IGNORE,
  TD_CUSTOMER_COLUMN_NAME,
  TD_CUSTOMER_COLUMN_FAMILY_NAME,
  TD_CUSTOMER_COLUMN_GIVEN_NAME,
  TD_CUSTOMER_COLUMN_PARTY,
  TD_CUSTOMER_COLUMN_GENDER,
  TD_CUSTOMER_COLUMN_BIRTH_DATE,
  TD_CUSTOMER_COLUMN_PHONE,           /* the first phone; more go to other phones */
  TD_CUSTOMER_COLUMN_OTHER_PHONES,
  TD_CUSTOMER_COLUMN_EMAIL,           /* the first e-mail; more go to other e-mails */
  TD_CUSTOMER_COLUMN_OTHER_EMAILS,
  TD_CUSTOMER_COLUMN_ID_TYPE,
  TD_CUSTOMER_COLUMN_ID_NUMBER,
  TD_CUSTOMER_COLUMN_PASSPORT_NUMBER, /* the identity document when there is none, else a second one */
  TD_CUSTOMER_COLUMN_ID_COUNTRY,
  TD_CUSTOMER_COLUMN_ID_EXPIRY,
  TD_CUSTOMER_COLUMN_NATIONALITY,
  TD_CUSTOMER_COLUMN_PROVINCE,
  TD_CUSTOMER_COLUMN_CITY,
  TD_CUSTOMER_COLUMN_DISTRICT,
  TD_CUSTOMER_COLUMN_ADDRESS,         /* kept as a note; fills province, city and district */
  TD_CUSTOMER_COLUMN_LANGUAGE,
  TD_CUSTOMER_COLUMN_SOURCE,
  TD_CUSTOMER_COLUMN_TAGS,
  TD_CUSTOMER_COLUMN_LOYALTY_POINTS,
  TD_CUSTOMER_COLUMN_NOTES,
  TD_CUSTOMER_COLUMN_CONSENT_EMAIL,
  TD_CUSTOMER_COLUMN_CONSENT_EMAIL_AT,
  TD_CUSTOMER_COLUMN_CONSENT_EMAIL_HOW,
  TD_CUSTOMER_COLUMN_CONSENT_SMS,
  TD_CUSTOMER_COLUMN_CONSENT_SMS_AT,
  TD_CUSTOMER_COLUMN_CONSENT_SMS_HOW,
  TD_CUSTOMER_COLUMN_CONSENT_PHONE,
  TD_CUSTOMER_COLUMN_CONSENT_PHONE_AT,
  TD_CUSTOMER_COLUMN_CONSENT_PHONE_HOW,
  TD_CUSTOMER_COLUMN_RECORD_ID,       /* Tourdesk's id, from an export of this workspace */
  TD_CUSTOMER_N_COLUMNS
} TdCustomerColumn;

/* "phone", "birth_date", "ignore", …: for JSON and the command line. */
const char       *td_customer_column_to_string  (TdCustomerColumn  column);
/* FALSE when name is none of them. */
gboolean          td_customer_column_from_string (const char       *name,
                                                  TdCustomerColumn *column);
/* Translated, for a list to choose from: “Phone”, “Birth date”, … */
const char       *td_customer_column_get_title  (TdCustomerColumn  column);
/* The stable English header exports write: “Phone”, “Birth Date”, … */
const char       *td_customer_column_get_header (TdCustomerColumn  column);
/* The customer field the column fills ("phone"), or NULL for the columns
 * that are not one field (ignore, passport number, address, record id). */
const char       *td_customer_column_get_field  (TdCustomerColumn  column);

/* TRUE for the columns a file may have several of, which add up: phones,
 * e-mails, tags, notes, addresses, passport numbers (and ignored ones).
 * Of the others, the first column wins. */
gboolean          td_customer_column_adds_up    (TdCustomerColumn  column);

/* What a header names; IGNORE when unknown (序号, Photo, …). */
TdCustomerColumn  td_customer_column_guess      (const char       *header);

/* A row read from a CSV record: fields[i] (n_fields of them) under
 * mapping[i] (n_mapping of them), values as they are written, trimmed.
 * Several phone or e-mail columns, or several values in one cell
 * (“139… ::: 010…” as Google writes, or 139…/136…), give the first to
 * phone (email) and the rest to other_phones (other_emails). */
TdCustomerRow    *td_customer_row_from_fields   (const char * const     *fields,
                                                 guint                   n_fields,
                                                 const TdCustomerColumn *mapping,
                                                 guint                   n_mapping,
                                                 guint                   line);

/* Turns the values of row (from a file) into what the record holds:
 * gender (男/女/M/F/male/female/1/2), dates (1990-03-07, 1990/3/7,
 * 1990.3.7, 1990年3月7日, 19900307, an Excel serial number such as 32939,
 * with or without a time), id_type (身份证, 护照, 回乡证, 台胞证, …),
 * source (到店, 电话, 旅行社, 携程, 小程序, …; unknown sources become
 * "import" and are kept in a note), nationality (中国 → CN, …), language
 * (中文 → zh-CN, 英语 → en, …), party (个人/企业), loyalty points (1,200),
 * consents, tags (Google's “* myContacts ::: 家人”), and the address (kept
 * as a note; province, city and district taken from it when empty).
 * Appends a TdFieldProblem to problems for each value it cannot read: an
 * error when the value cannot be kept (a birth date “soon”, a phone Excel
 * turned into 1.38E+10), a warning when it was left out (a birthday
 * without a year). */
void              td_customer_row_normalise     (TdCustomerRow    *row,
                                                 GPtrArray        *problems);

/* A date as people write it (see above) as YYYY-MM-DD; NULL when it is
 * not one. */
char             *td_customer_parse_date        (const char       *text);

G_END_DECLS
