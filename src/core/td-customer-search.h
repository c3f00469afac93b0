/* td-customer-search.h: finding customers as the clerk types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

#define TD_CUSTOMER_SEARCH_DEFAULT_LIMIT 50

/* How well a hit matches, best first: the results come in this order. */
typedef enum {
  TD_CUSTOMER_MATCH_EXACT,      /* the whole name, phone, e-mail, identity number or pinyin */
  TD_CUSTOMER_MATCH_PREFIX,     /* the start of one */
  TD_CUSTOMER_MATCH_SUFFIX,     /* the end of a phone or identity number (last 4 or more) */
  TD_CUSTOMER_MATCH_SUBSTRING,  /* inside a name (from any Chinese character or word) or a phone */
} TdCustomerMatch;

/* What matched. */
typedef enum {
  TD_CUSTOMER_FIELD_NAME,
  TD_CUSTOMER_FIELD_PINYIN,     /* the name's pinyin, full (zhangwei) or initials (zw) */
  TD_CUSTOMER_FIELD_PHONE,
  TD_CUSTOMER_FIELD_ID_NUMBER,
  TD_CUSTOMER_FIELD_EMAIL,
  TD_CUSTOMER_FIELD_TAG,
} TdCustomerField;

typedef struct {
  char            *id;
  char            *name;              /* as stored: Chinese names in Chinese order */
  char            *phone;             /* NULL when none; so are the next two */
  char            *email;
  char            *id_number_masked;  /* first 6 and last 4 shown (td_id_number_mask) */
  TdCustomerMatch  match;
  TdCustomerField  field;
} TdCustomerHit;

void       td_customer_hit_free         (TdCustomerHit  *hit);

/* Live (not deleted) customers matching query, the best matches first, at
 * most limit (0: TD_CUSTOMER_SEARCH_DEFAULT_LIMIT): an array of
 * TdCustomerHit, empty when nothing matches or the query is blank.
 *
 * The query is matched, ignoring case, width (全角) and extra spaces,
 * against: the name (its start; inside it from any Chinese character or
 * word, so 1 and 2 characters find given names); the pinyin of the name
 * (full, “zhangwei” or “zhang wei”, or initials, “zw”, with every reading of
 * heteronyms); the phone's digits (start, end, or 4 or more anywhere); the
 * e-mail (start); the identity number (start, or its last 4 or more); a
 * tag (start). */
GPtrArray *td_customer_search           (TdDatabase           *db,
                                         const char           *query,
                                         guint                 limit,
                                         GError              **error);
/* td_customer_search() in a worker thread; a cancelled search returns
 * G_IO_ERROR_CANCELLED at once. */
void       td_customer_search_async     (TdDatabase           *db,
                                         const char           *query,
                                         guint                 limit,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GPtrArray *td_customer_search_finish    (TdDatabase           *db,
                                         GAsyncResult         *result,
                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCustomerHit, td_customer_hit_free)

G_END_DECLS
