/* td-sync-engine.h: one sync cycle with the platform (tourdesk-cloud)
 *
 * Push the outbox in order, in batches (a batch keeps its Idempotency-Key
 * until answered), then pull until nothing is left; 410 on the cursor: a
 * snapshot, then pull on. Every request has an overall deadline (libsoup's
 * timeout is per read), a short or unparsable body is an error, 401
 * refreshes the access token once, 403 and 426 stop with a clear message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

#define TD_SYNC_ERROR (td_sync_error_quark ())

/* the workspace setting (td_database_dup_setting()) holding the platform's
 * address; the desk's sign-in itself is in the keyring (td-secret-store.h) */
#define TD_SETTING_PLATFORM_URL "platform-url"

typedef enum {
  TD_SYNC_ERROR_NETWORK,      /* could not reach the platform, or the connection broke */
  TD_SYNC_ERROR_TIMEOUT,      /* the request's deadline passed */
  TD_SYNC_ERROR_PROTOCOL,     /* a short, unparsable or unexpected answer */
  TD_SYNC_ERROR_UNAUTHORIZED, /* the desk's sign-in is refused (401 after a refresh) */
  TD_SYNC_ERROR_FORBIDDEN,    /* 403: the desk is disabled: stop syncing */
  TD_SYNC_ERROR_UPGRADE,      /* 426: this Tourdesk is too old: stop syncing */
  TD_SYNC_ERROR_UNAVAILABLE,  /* 429/503/5xx: try again later (see retry-after) */
  TD_SYNC_ERROR_REQUEST,      /* 4xx: a request the platform refuses as it is */
} TdSyncError;

typedef struct {
  guint pushed;      /* operations sent */
  guint applied;
  guint duplicates;
  guint conflicts;
  guint rejected;
  guint pulled;      /* records received */
  guint stored;      /* of which written to the workspace */
  gboolean snapshot; /* the cursor had expired: a full download */
  guint requeued;    /* batches built again: 422 (key reused with another body), 413 (too large: split) */
  char *first_rejection;
} TdSyncReport;

void     td_sync_report_free (TdSyncReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSyncReport, td_sync_report_free)

#define TD_TYPE_SYNC_ENGINE (td_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (TdSyncEngine, td_sync_engine, TD, SYNC_ENGINE, GObject)

GQuark        td_sync_error_quark             (void);

/* server_url: "https://host[:port]/" (the /v1 API under it) */
TdSyncEngine *td_sync_engine_new              (TdDatabase          *database,
                                               const char          *server_url,
                                               const char          *refresh_token);
/* seconds each request may take in all (default 60) */
void          td_sync_engine_set_deadline     (TdSyncEngine        *self,
                                               guint                seconds);
void          td_sync_engine_set_batch_size   (TdSyncEngine        *self,
                                               guint                max_ops);
void          td_sync_engine_set_page_size    (TdSyncEngine        *self,
                                               guint                limit);

void          td_sync_engine_run_async        (TdSyncEngine        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
TdSyncReport *td_sync_engine_run_finish       (TdSyncEngine        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Signs in once (the refresh token for an access token) without syncing:
 * checks a sign-in before it is kept. */
void          td_sync_engine_sign_in_async    (TdSyncEngine        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      td_sync_engine_sign_in_finish   (TdSyncEngine        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* After TD_SYNC_ERROR_UNAVAILABLE: the platform's Retry-After in seconds, or 0. */
guint         td_sync_engine_get_retry_after  (TdSyncEngine        *self);

/* When to try again after `failures` failed cycles in a row (1, 2, …):
 * exponential from 30 s to 1 h with ±20 % jitter, never before retry_after. */
guint         td_sync_backoff_seconds         (guint                failures,
                                               guint                retry_after);

/* the records of the snapshot under way (or the last), as the platform
 * counted them on its first page; -1 when it did not say */
int           td_sync_engine_get_snapshot_total (TdSyncEngine     *self);

G_END_DECLS
