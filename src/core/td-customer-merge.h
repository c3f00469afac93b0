/* td-customer-merge.h: merging two customers that are one person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/* Merges other_id into keep_id in one transaction (one
 * td_database_commit()): keep_id takes the values of chosen (field →
 * value; each must be the value of one of the two records, else INVALID);
 * fields not in chosen keep keep_id's value, or other_id's when keep_id has
 * none. Fields that belong together follow the one chosen (name with
 * family_name and given_name; id_number with id_type, id_country and
 * id_expiry; province with city and district; each consent with its _at
 * and _how); a consent not chosen is the more recent of the two. Nothing
 * is lost: tags, other_phones and other_emails become the union of both,
 * with the phone and e-mail not kept added; loyalty_points not chosen are
 * added up; notes not chosen are joined; an identity document not kept
 * becomes a customer_document of keep_id.
 *
 * Every live record of any kind that refers to other_id (documents, notes,
 * and later bookings) is moved to keep_id; keep_id gets a customer_note
 * saying what was merged and the values of other_id that were not kept;
 * other_id is deleted (tombstone) with merged_into = keep_id, so its values
 * stay in the audit log and the sync carries the merge. Audit-logged as
 * actor (NULL: td_database_default_actor()).
 *
 * Refuses (INVALID) to merge a customer with itself, and (NOT_FOUND) a
 * customer that is missing or deleted (already merged). Fails with CONFLICT
 * when either changed since the given revisions (0: do not check), or
 * when anything changes between reading and writing. */
gboolean   td_customer_merge                  (TdDatabase    *db,
                                               const char    *actor,
                                               const char    *keep_id,
                                               gint64         keep_revision,
                                               const char    *other_id,
                                               gint64         other_revision,
                                               JsonObject    *chosen,
                                               GError       **error);
/* td_customer_merge() in a worker thread, on a copy of chosen; once
 * started it completes or changes nothing, whatever the cancellable says. */
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

G_END_DECLS
