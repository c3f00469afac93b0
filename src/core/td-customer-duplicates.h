/* td-customer-duplicates.h: likely duplicates of a customer (merging two:
 * td-customer-merge.h, included here)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-customer-merge.h"
#include "td-database.h"

G_BEGIN_DECLS

/* Why two customers look like one person, strongest first. */
typedef enum {
  TD_DUPLICATE_ID_NUMBER,    /* the same identity document number (any document) */
  TD_DUPLICATE_PHONE,        /* the same normalised phone (main or other) */
  TD_DUPLICATE_EMAIL,        /* the same e-mail, ignoring case */
  TD_DUPLICATE_NAME_BIRTH,   /* the same name and the same birth date */
} TdDuplicateReason;

/* at most this many duplicates are returned for one customer */
#define TD_DUPLICATES_MAX 50

typedef struct {
  char              *id;
  char              *name;
  char              *phone;             /* NULL when none */
  char              *id_number_masked;  /* NULL when none */
  TdDuplicateReason  reason;            /* the strongest that holds */
  guint              reasons;           /* 1 << reason for each that holds */
} TdDuplicate;

void       td_duplicate_free                  (TdDuplicate *duplicate);
/* "Same identity number", translated, for a list or a message. */
const char *td_duplicate_reason_to_string     (TdDuplicateReason reason);

/* Live customers that look like the one values describe (values checked
 * by td_customer_check(): phone, other_phones, email, other_emails,
 * id_number, name, birth_date; documents may be NULL or JsonObjects with
 * "number"), excluding exclude_id (the customer itself when editing): the
 * strongest reason first, then those with more reasons, then by name; at
 * most TD_DUPLICATES_MAX.
 *
 * Indexed lookups only, fast at a million customers: identity numbers
 * against other customers' id_number and their documents' numbers; each
 * phone of values (phone and other_phones) against other customers'
 * phones, main and other; each e-mail of values against other customers'
 * e-mails, main and other, ignoring case (both through the search index);
 * the name (exactly, as stored) with the birth date. */
GPtrArray *td_customer_find_duplicates        (TdDatabase    *db,
                                               JsonObject    *values,
                                               GPtrArray     *documents,
                                               const char    *exclude_id,
                                               GError       **error);
/* td_customer_find_duplicates() (without documents) in a worker thread,
 * on a copy of values; a cancelled lookup returns G_IO_ERROR_CANCELLED at
 * once (for checking as the clerk types). */
void       td_customer_find_duplicates_async  (TdDatabase          *db,
                                               JsonObject          *values,
                                               const char          *exclude_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *td_customer_find_duplicates_finish (TdDatabase    *db,
                                               GAsyncResult  *result,
                                               GError       **error);

/* Pairs of live customers in the workspace that look like duplicates,
 * for the clerk to review: an array of TdDuplicatePair, at most limit
 * (0: 100), the strongest reason first. When several customers share a
 * value, each is paired with the oldest of them (first_id, the natural
 * one to keep), not with every other. Reads the indexes (not the table)
 * until it has enough: at a million customers 80 ms for the first 100
 * pairs, 2 s for all of them, so call it from a thread in the GUI. */
typedef struct {
  char              *first_id;   /* the older record */
  char              *second_id;
  TdDuplicateReason  reason;
} TdDuplicatePair;

void       td_duplicate_pair_free             (TdDuplicatePair *pair);
GPtrArray *td_customer_list_duplicate_pairs   (TdDatabase    *db,
                                               guint          limit,
                                               GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdDuplicate, td_duplicate_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdDuplicatePair, td_duplicate_pair_free)

G_END_DECLS
