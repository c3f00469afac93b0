/* td-sync-inbox.h: the operations the platform did not take as they were
 *
 * A pushed operation comes back "conflict" (another desk changed the same
 * fields since this desk's base revision) or "rejected" (with a code). The
 * inbox keeps it whole, with the desk's values as sent, so that nothing is
 * lost when the platform's version arrives with the pull; the clerk then
 * chooses per field which value to keep (td_sync_inbox_resolve(): one
 * update, sent with the next sync) or dismisses a rejection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/* The open entries, oldest first, as objects:
 *   {op_id, kind, record_id, op, status ("conflict"|"rejected"), code,
 *    detail, values {desk's values as sent}, server_revision, created_at,
 *    fields: [{field, base, server, desk}] (conflicts: JSON values)} */
JsonArray *td_sync_inbox_list       (TdDatabase   *db,
                                     GError      **error);
gint64     td_sync_inbox_count_open (TdDatabase   *db);

/* Resolves the conflict op_id: choices holds, for every field in conflict,
 * the value kept (the desk's, the platform's or another). The desk's other
 * values of the operation come with them. One update is committed (to the
 * outbox: the next sync sends it) and the entry closed, in one transaction.
 * TD_DATABASE_ERROR_CONFLICT when the platform's version of the record has
 * not arrived yet: sync first. */
gboolean   td_sync_inbox_resolve    (TdDatabase   *db,
                                     const char   *op_id,
                                     JsonObject   *choices,
                                     const char   *actor,
                                     GError      **error);
/* Closes a rejected operation: the clerk has seen it. */
gboolean   td_sync_inbox_dismiss    (TdDatabase   *db,
                                     const char   *op_id,
                                     GError      **error);

/* For td_sync_finish_batch(), inside its transaction: files the outbox
 * operation op_id. */
gboolean   _td_sync_inbox_file      (TdDatabase   *db,
                                     const char   *op_id,
                                     const char   *status,
                                     const char   *code,
                                     const char   *detail,
                                     gint64        server_revision,
                                     const char   *now,
                                     GError      **error);

G_END_DECLS
