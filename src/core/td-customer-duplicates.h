/* td-customer-duplicates.h: likely duplicates of a customer, and merging two
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/* Why two customers look like one person, strongest first. */
typedef enum {
  TD_DUPLICATE_ID_NUMBER,    /* the same identity document number (any document) */
  TD_DUPLICATE_PHONE,        /* the same normalised phone (main or other) */
  TD_DUPLICATE_EMAIL,        /* the same e-mail, ignoring case */
  TD_DUPLICATE_NAME_BIRTH,   /* the same name and the same birth date */
} TdDuplicateReason;

typedef struct {
  char              *id;
  char              *name;
  char              *phone;             /* NULL when none */
  char              *id_number_masked;  /* NULL when none */
  TdDuplicateReason  reason;            /* the strongest that holds */
} TdDuplicate;

void       td_duplicate_free                  (TdDuplicate *duplicate);
/* "Same identity number", translated, for a list or a message. */
const char *td_duplicate_reason_to_string     (TdDuplicateReason reason);

/* Live customers that look like the one values describe (values checked
 * by td_customer_check(): phone, other_phones, email, other_emails,
 * id_number, name, birth_date; documents may be NULL or JsonObjects with
 * "number"), strongest reason first, excluding exclude_id (the customer
 * itself when editing). Indexed lookups only: fast at a million customers. */
GPtrArray *td_customer_find_duplicates        (TdDatabase    *db,
                                               JsonObject    *values,
                                               GPtrArray     *documents,
                                               const char    *exclude_id,
                                               GError       **error);
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
 * for the clerk to review: an array of TdDuplicatePair, at most limit. */
typedef struct {
  char              *first_id;
  char              *second_id;
  TdDuplicateReason  reason;
} TdDuplicatePair;

void       td_duplicate_pair_free             (TdDuplicatePair *pair);
GPtrArray *td_customer_list_duplicate_pairs   (TdDatabase    *db,
                                               guint          limit,
                                               GError       **error);

/* Merges other_id into keep_id in one transaction: keep_id takes the
 * values of chosen (field → value, from either record; fields not in
 * chosen keep keep_id's value, or other_id's when keep_id has none); every
 * live record of any kind that refers to other_id (documents, notes, and
 * later bookings) is moved to keep_id; other_id is deleted (tombstone) with
 * merged_into = keep_id, so its values stay in the audit log and the sync
 * carries the merge. Audit-logged as actor. Fails with CONFLICT when either
 * changed since the given revisions (0: do not check). */
gboolean   td_customer_merge                  (TdDatabase    *db,
                                               const char    *actor,
                                               const char    *keep_id,
                                               gint64         keep_revision,
                                               const char    *other_id,
                                               gint64         other_revision,
                                               JsonObject    *chosen,
                                               GError       **error);
void       td_customer_merge_async            (TdDatabase          *db,
                                               const char          *actor,
                                               const char          *keep_id,
                                               gint64               keep_revision,
                                               const char          *other_id,
                                               gint64               other_revision,
                                               JsonObject          *chosen,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean   td_customer_merge_finish           (TdDatabase    *db,
                                               GAsyncResult  *result,
                                               GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdDuplicate, td_duplicate_free)

G_END_DECLS
