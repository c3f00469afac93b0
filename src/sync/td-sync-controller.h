/* td-sync-controller.h: the background sync of the app
 *
 * Runs TdSyncEngine off the main loop: soon after start, every few minutes
 * after a success, when the network comes back (GNetworkMonitor), and on
 * td_sync_controller_sync_now(). After a failure it waits with exponential
 * backoff and jitter, never less than the platform's Retry-After; a refused
 * sign-in (401 after one refresh), a disabled desk (403) or a too old
 * Tourdesk (426) stop it until the clerk acts. It says where things stand
 * in words a clerk understands (td_sync_controller_dup_status_text()).
 *
 * The platform's address is the workspace setting TD_SETTING_PLATFORM_URL;
 * the desk's sign-in is in the TdSecretStore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-catalogue-client.h"
#include "td-secret-store.h"

G_BEGIN_DECLS

typedef enum {
  TD_SYNC_STATUS_NOT_SET_UP,  /* no platform address or no sign-in */
  TD_SYNC_STATUS_STARTING,    /* reading the sign-in */
  TD_SYNC_STATUS_SYNCED,      /* the last cycle succeeded */
  TD_SYNC_STATUS_SYNCING,
  TD_SYNC_STATUS_OFFLINE,     /* no network or the platform cannot be reached */
  TD_SYNC_STATUS_WAITING,     /* the platform is busy or answered wrong: trying again later */
  TD_SYNC_STATUS_SIGNED_OUT,  /* the sign-in is refused: sign in again */
  TD_SYNC_STATUS_STOPPED,     /* desk disabled (403) or Tourdesk too old (426) */
} TdSyncStatus;

GType td_sync_status_get_type (void) G_GNUC_CONST;
#define TD_TYPE_SYNC_STATUS (td_sync_status_get_type ())

#define TD_TYPE_SYNC_CONTROLLER (td_sync_controller_get_type ())

G_DECLARE_FINAL_TYPE (TdSyncController, td_sync_controller, TD, SYNC_CONTROLLER, GObject)

/* monitor: NULL for g_network_monitor_get_default() */
TdSyncController *td_sync_controller_new            (TdDatabase        *database,
                                                     TdSecretStore     *secrets,
                                                     GNetworkMonitor   *monitor);
TdDatabase       *td_sync_controller_get_database   (TdSyncController  *self);

/* Reads the address and the sign-in, then syncs in a moment; again after
 * the address or the sign-in changed. */
void              td_sync_controller_start          (TdSyncController  *self);
/* Stops the timers and cancels a cycle under way (the outbox is kept). */
void              td_sync_controller_stop           (TdSyncController  *self);
/* A cycle now (or right after the one under way), whatever the backoff. */
void              td_sync_controller_sync_now       (TdSyncController  *self);

TdSyncStatus      td_sync_controller_get_status     (TdSyncController  *self);
gboolean          td_sync_controller_get_syncing    (TdSyncController  *self);
/* a full download with nothing synced before: the first sync */
gboolean          td_sync_controller_get_first_sync (TdSyncController  *self);
/* during a cycle: records received so far */
guint             td_sync_controller_get_received   (TdSyncController  *self);
gint64            td_sync_controller_get_pending    (TdSyncController  *self);
gint64            td_sync_controller_get_conflicts  (TdSyncController  *self);
/* local wall-clock µs of the last success, 0 if never */
gint64            td_sync_controller_get_last_success (TdSyncController *self);
/* the last error in full, or NULL */
const char       *td_sync_controller_get_message    (TdSyncController  *self);
/* the platform's address, or NULL */
const char       *td_sync_controller_get_server_url (TdSyncController  *self);
/* the first sync's progress, 0 to 1, or -1 when the platform did not say
 * how many records there are (or no first sync is under way) */
double            td_sync_controller_get_first_sync_fraction (TdSyncController *self);
/* signed in: the client that sells tickets through the platform; NULL otherwise */
TdCatalogueClient *td_sync_controller_get_catalogue (TdSyncController  *self);
/* seconds until the next cycle is due, 0 if none is planned */
guint             td_sync_controller_get_next_delay (TdSyncController  *self);

/* "Synced 2 min ago", "Offline — 12 changes waiting", "Sign-in expired"…
 * now: local wall-clock µs (g_get_real_time()). */
char             *td_sync_controller_dup_status_text (TdSyncController *self,
                                                      gint64            now);

/* seconds between cycles while all is well (default 300) */
void              td_sync_controller_set_interval   (TdSyncController  *self,
                                                     guint              seconds);

/* Checks the sign-in with the platform, keeps it (secret store) and the
 * address (workspace), then starts syncing. */
void              td_sync_controller_sign_in_async  (TdSyncController    *self,
                                                     const char          *server_url,
                                                     const char          *refresh_token,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          td_sync_controller_sign_in_finish (TdSyncController    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* Forgets the sign-in (the unsent changes stay in the workspace). */
gboolean          td_sync_controller_sign_out       (TdSyncController    *self,
                                                     GError             **error);

G_END_DECLS
