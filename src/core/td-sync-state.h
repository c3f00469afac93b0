/* td-sync-state.h: what the desk remembers between syncs with the platform
 *
 * The batch in flight keeps its Idempotency-Key and its exact body until
 * the platform has answered it, so that a retry (after a lost response, a
 * crash, a restart) sends the same key and the same body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

#define TD_SYNC_STATE_CURSOR       "cursor"
#define TD_SYNC_STATE_LAST_SUCCESS "last-success"
#define TD_SYNC_STATE_LAST_ERROR   "last-error"

typedef struct {
  char   *key;       /* Idempotency-Key */
  char   *body;      /* {"ops": […]} exactly as sent the first time */
  gint64  last_seq;  /* the last outbox row it carries */
  guint   n_ops;
} TdSyncBatch;

void      td_sync_batch_free          (TdSyncBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSyncBatch, td_sync_batch_free)

typedef struct {
  guint applied, duplicates, conflicts, rejected;
  char *first_rejection;  /* "kind id: code (detail)" of the first one */
} TdSyncPushCounts;

char     *td_sync_state_dup           (TdDatabase   *db,
                                       const char   *key);
gboolean  td_sync_state_set           (TdDatabase   *db,
                                       const char   *key,
                                       const char   *value,
                                       GError      **error);

/* The batch in flight, or a new one of the oldest unsent outbox rows (at
 * most max_ops; base_revision: the platform revision of the record, 0 if
 * none), stored before it is returned. NULL without error: nothing to send. */
TdSyncBatch *td_sync_next_batch       (TdDatabase   *db,
                                       guint         max_ops,
                                       GError      **error);
/* The platform's answer to batch (its "results" array): in one transaction
 * marks its rows sent, records the platform revisions, files conflicts in
 * the inbox, forgets the batch. */
gboolean  td_sync_finish_batch        (TdDatabase   *db,
                                       TdSyncBatch  *batch,
                                       JsonArray    *results,
                                       TdSyncPushCounts *counts,
                                       GError      **error);

/* Forgets the batch in flight (its key and body): the platform refused the
 * key (422, reused with another body); the next batch is built afresh from
 * the same outbox rows, whose op_ids the platform deduplicates. */
gboolean  td_sync_forget_batch        (TdDatabase   *db,
                                       GError      **error);

gint64    td_sync_count_pending       (TdDatabase   *db);
gint64    td_sync_count_conflicts     (TdDatabase   *db);
/* the open conflicts: objects {kind, record_id, field, base, server, desk, server_revision} */
JsonArray *td_sync_list_conflicts     (TdDatabase   *db,
                                       GError      **error);

G_END_DECLS
