/* td-sync-controller.c: the background sync of the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-catalogue-client.h"
#include "td-sync-controller.h"
#include "td-sync-engine.h"
#include "td-sync-inbox.h"
#include "td-sync-state.h"
#include "td-time.h"

#define FIRST_DELAY    2    /* seconds after start */
#define NETWORK_DELAY  3    /* seconds after the network came back */
#define COUNT_DELAY_MS 500  /* after a commit, before counting again */

G_DEFINE_ENUM_TYPE (TdSyncStatus, td_sync_status,
                    G_DEFINE_ENUM_VALUE (TD_SYNC_STATUS_NOT_SET_UP, "not-set-up"),
                    G_DEFINE_ENUM_VALUE (TD_SYNC_STATUS_STARTING, "starting"),
                    G_DEFINE_ENUM_VALUE (TD_SYNC_STATUS_SYNCED, "synced"),
                    G_DEFINE_ENUM_VALUE (TD_SYNC_STATUS_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (TD_SYNC_STATUS_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (TD_SYNC_STATUS_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (TD_SYNC_STATUS_SIGNED_OUT, "signed-out"),
                    G_DEFINE_ENUM_VALUE (TD_SYNC_STATUS_STOPPED, "stopped"))

struct _TdSyncController
{
  GObject          parent_instance;

  TdDatabase      *database;
  TdSecretStore   *secrets;
  GNetworkMonitor *monitor;
  TdSyncEngine    *engine;
  TdCatalogueClient *catalogue;   /* tickets: the catalogue, online sales, reports */
  GCancellable    *cancellable;   /* the cycle or the sign-in lookup under way */
  char            *server_url;
  char            *desk_id;
  char            *message;

  TdSyncStatus     status;
  guint            interval;
  guint            failures;
  guint            received;
  gint64           pending;
  gint64           conflicts;
  gint64           last_success;
  gint64           due;           /* monotonic µs of the next cycle, 0 none */
  gboolean         syncing;
  gboolean         again;         /* sync_now during a cycle */
  gboolean         has_cursor;
  gboolean         first_sync;

  guint            timer_id;
  guint            tick_id;       /* "2 min ago" moves on */
  guint            count_id;
  gulong           changed_id;
  gulong           network_id;
  gulong           progress_id;
};

G_DEFINE_FINAL_TYPE (TdSyncController, td_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_STATUS_TEXT,
  PROP_SYNCING,
  PROP_FIRST_SYNC,
  PROP_RECEIVED,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_MESSAGE,
  PROP_SERVER_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TICKETS_REPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (TdSyncController *self, guint seconds);
static void run_cycle (TdSyncController *self);
static void count_later (TdSyncController *self, guint delay_ms);

static void
notify_text (TdSyncController *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

static void
set_status (TdSyncController *self,
            TdSyncStatus      status,
            const char       *message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  notify_text (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_syncing (TdSyncController *self,
             gboolean          syncing)
{
  if (self->syncing == syncing)
    return;
  self->syncing = syncing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

/* ------------------------------------------------------------------ */
/* the counts, read in a thread                                       */

typedef struct {
  gint64   pending;
  gint64   conflicts;
  gint64   last_success;
  gboolean has_cursor;
} Counts;

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TdDatabase *database = task_data;
  Counts *counts = g_new0 (Counts, 1);
  g_autofree char *cursor = td_sync_state_dup (database, TD_SYNC_STATE_CURSOR);
  g_autofree char *last = td_sync_state_dup (database, TD_SYNC_STATE_LAST_SUCCESS);

  counts->pending = td_sync_count_pending (database);
  counts->conflicts = td_sync_inbox_count_open (database);
  counts->has_cursor = cursor != NULL;
  if (last)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (last, NULL);

      if (when)
        counts->last_success = g_date_time_to_unix (when) * G_USEC_PER_SEC;
    }
  g_task_return_pointer (task, counts, g_free);
}

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TdSyncController *self = TD_SYNC_CONTROLLER (source);
  g_autofree Counts *counts = g_task_propagate_pointer (G_TASK (result), NULL);

  if (counts == NULL)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->pending != counts->pending)
    {
      self->pending = counts->pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (self->conflicts != counts->conflicts)
    {
      self->conflicts = counts->conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
    }
  self->has_cursor = counts->has_cursor;
  if (counts->last_success > self->last_success)
    self->last_success = counts->last_success;
  notify_text (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
count_now (gpointer user_data)
{
  TdSyncController *self = user_data;
  g_autoptr(GTask) task = g_task_new (self, NULL, count_done, NULL);

  self->count_id = 0;
  g_task_set_source_tag (task, count_now);
  g_task_set_task_data (task, g_object_ref (self->database), g_object_unref);
  g_task_run_in_thread (task, count_thread);
  return G_SOURCE_REMOVE;
}

static void
count_later (TdSyncController *self,
             guint             delay_ms)
{
  if (self->count_id == 0)
    self->count_id = g_timeout_add (delay_ms, count_now, self);
}

static void
database_changed (TdDatabase       *database,
                  GPtrArray        *changes,
                  TdSyncController *self)
{
  count_later (self, COUNT_DELAY_MS);
}

/* ------------------------------------------------------------------ */
/* the cycle                                                          */

static gboolean
timer_fired (gpointer user_data)
{
  TdSyncController *self = user_data;

  self->timer_id = 0;
  self->due = 0;
  run_cycle (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (TdSyncController *self,
          guint             seconds)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->due = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  self->timer_id = g_timeout_add_seconds (MAX (seconds, 1), timer_fired, self);
  notify_text (self);
}

static void
unschedule (TdSyncController *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->due = 0;
}

static void
engine_progress (TdSyncEngine     *engine,
                 guint             pushed,
                 guint             pulled,
                 gboolean          snapshot,
                 TdSyncController *self)
{
  if (snapshot && !self->first_sync && !self->has_cursor)
    {
      self->first_sync = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_SYNC]);
    }
  self->received = pulled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED]);
  notify_text (self);
}

static void
catalogue_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  TdCatalogueUpdate update = { 0 };

  if (!td_catalogue_client_refresh_finish (TD_CATALOGUE_CLIENT (source), result, &update, &error))
    {
      /* the next cycle tries again; the sync itself went well */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The platform's catalogue could not be fetched: %s", error->message);
      return;
    }
  if (update.changed || update.reported || update.refused || update.released)
    g_signal_emit (self, signals[TICKETS_REPORTED], 0, update.reported, update.refused);
}

/* After each cycle: the platform's time slots and quotas, and the tickets
 * sold offline told to it (confirmed or refused), void ones given back. */
static void
refresh_catalogue (TdSyncController *self)
{
  if (self->catalogue == NULL)
    return;
  td_catalogue_client_refresh_async (self->catalogue, NULL, catalogue_done, g_object_ref (self));
}

static void
cycle_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TdSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSyncReport) report = NULL;
  guint retry_after;

  report = td_sync_engine_run_finish (TD_SYNC_ENGINE (source), result, &error);
  retry_after = td_sync_engine_get_retry_after (TD_SYNC_ENGINE (source));
  /* an engine dropped meanwhile (signed in again, stopped): its cycle's
   * end changes nothing of the one that may be under way now */
  if (source != (GObject *) self->engine)
    return;
  count_later (self, 1);
  g_clear_object (&self->cancellable);
  set_syncing (self, FALSE);
  if (self->first_sync)
    {
      self->first_sync = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_SYNC]);
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (report)
    {
      self->failures = 0;
      self->last_success = g_get_real_time ();
      self->has_cursor = TRUE;
      set_status (self, TD_SYNC_STATUS_SYNCED, NULL);
      refresh_catalogue (self);
      if (self->again)
        {
          self->again = FALSE;
          run_cycle (self);
        }
      else
        schedule (self, self->interval);
      return;
    }

  self->again = FALSE;
  if (error->domain != TD_SYNC_ERROR)
    {
      /* the workspace itself failed: try again later all the same */
      self->failures++;
      set_status (self, TD_SYNC_STATUS_WAITING, error->message);
      schedule (self, td_sync_backoff_seconds (self->failures, 0));
      return;
    }
  switch ((TdSyncError) error->code)
    {
    case TD_SYNC_ERROR_NETWORK:
    case TD_SYNC_ERROR_TIMEOUT:
      self->failures++;
      set_status (self, TD_SYNC_STATUS_OFFLINE, error->message);
      schedule (self, td_sync_backoff_seconds (self->failures, 0));
      break;
    case TD_SYNC_ERROR_UNAUTHORIZED:
      unschedule (self);
      set_status (self, TD_SYNC_STATUS_SIGNED_OUT, error->message);
      break;
    case TD_SYNC_ERROR_FORBIDDEN:
    case TD_SYNC_ERROR_UPGRADE:
      unschedule (self);
      set_status (self, TD_SYNC_STATUS_STOPPED, error->message);
      break;
    case TD_SYNC_ERROR_UNAVAILABLE:
    case TD_SYNC_ERROR_PROTOCOL:
    case TD_SYNC_ERROR_REQUEST:
    default:
      self->failures++;
      set_status (self, TD_SYNC_STATUS_WAITING, error->message);
      schedule (self, td_sync_backoff_seconds (self->failures, retry_after));
      break;
    }
}

static void
run_cycle (TdSyncController *self)
{
  if (self->engine == NULL)
    return;
  if (self->syncing)
    {
      self->again = TRUE;
      return;
    }
  if (!g_network_monitor_get_network_available (self->monitor))
    {
      /* the network's return starts the cycle */
      unschedule (self);
      set_status (self, TD_SYNC_STATUS_OFFLINE, _("This computer is not connected to a network"));
      return;
    }
  unschedule (self);
  self->received = 0;
  self->cancellable = g_cancellable_new ();
  set_syncing (self, TRUE);
  set_status (self, TD_SYNC_STATUS_SYNCING, self->message);
  td_sync_engine_run_async (self->engine, self->cancellable, cycle_done, g_object_ref (self));
}

static void
network_changed (GNetworkMonitor  *monitor,
                 gboolean          available,
                 TdSyncController *self)
{
  if (!available || self->engine == NULL || self->syncing)
    return;
  /* back online: no need to wait out a backoff meant for the outage */
  if (self->status == TD_SYNC_STATUS_OFFLINE)
    {
      self->failures = 0;
      schedule (self, NETWORK_DELAY);
    }
}

/* ------------------------------------------------------------------ */
/* the address and the sign-in                                        */

static void
set_server_url (TdSyncController *self,
                const char       *url)
{
  if (g_strcmp0 (self->server_url, url) == 0)
    return;
  g_free (self->server_url);
  self->server_url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
}

static void
drop_engine (TdSyncController *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine)
    g_clear_signal_handler (&self->progress_id, self->engine);
  g_clear_object (&self->engine);
  g_clear_object (&self->catalogue);
  set_syncing (self, FALSE);
  unschedule (self);
}

static void
token_found (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TdSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = td_secret_store_lookup_finish (TD_SECRET_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (error)
    {
      set_status (self, TD_SYNC_STATUS_NOT_SET_UP, error->message);
      return;
    }
  if (token == NULL)
    {
      set_status (self, TD_SYNC_STATUS_NOT_SET_UP, NULL);
      return;
    }
  self->engine = td_sync_engine_new (self->database, self->server_url, token);
  g_clear_object (&self->catalogue);
  self->catalogue = td_catalogue_client_new (self->database, self->server_url, token);
  td_catalogue_client_set_only_when_needed (self->catalogue, TRUE);
  self->progress_id = g_signal_connect (self->engine, "progress", G_CALLBACK (engine_progress), self);
  self->failures = 0;
  /* "Synced 3 h ago" until the first cycle, if there was one before */
  set_status (self, self->last_success ? TD_SYNC_STATUS_SYNCED : TD_SYNC_STATUS_STARTING, NULL);
  schedule (self, FIRST_DELAY);
}

void
td_sync_controller_start (TdSyncController *self)
{
  g_autofree char *url = NULL;

  g_return_if_fail (TD_IS_SYNC_CONTROLLER (self));

  drop_engine (self);
  url = td_database_dup_setting (self->database, TD_SETTING_PLATFORM_URL);
  set_server_url (self, url);
  count_later (self, 1);
  if (url == NULL || self->desk_id == NULL)
    {
      set_status (self, TD_SYNC_STATUS_NOT_SET_UP, NULL);
      return;
    }
  set_status (self, TD_SYNC_STATUS_STARTING, NULL);
  self->cancellable = g_cancellable_new ();
  td_secret_store_lookup_async (self->secrets, url, self->desk_id, self->cancellable,
                                token_found, g_object_ref (self));
}

void
td_sync_controller_stop (TdSyncController *self)
{
  g_return_if_fail (TD_IS_SYNC_CONTROLLER (self));
  drop_engine (self);
  g_clear_handle_id (&self->count_id, g_source_remove);
}

void
td_sync_controller_sync_now (TdSyncController *self)
{
  g_return_if_fail (TD_IS_SYNC_CONTROLLER (self));

  if (self->engine == NULL)
    return;
  self->failures = 0;
  run_cycle (self);
}

typedef struct {
  char *url;
  char *token;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_free (sign_in->url);
  g_free (sign_in->token);
  g_free (sign_in);
}

static void
sign_in_stored (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdSyncController *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  GError *error = NULL;

  if (!td_secret_store_store_finish (TD_SECRET_STORE (source), result, &error)
      || !td_database_set_setting (self->database, TD_SETTING_PLATFORM_URL, sign_in->url, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  td_sync_controller_start (self);
  g_task_return_boolean (task, TRUE);
}

static void
sign_in_checked (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdSyncController *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  GError *error = NULL;

  if (!td_sync_engine_sign_in_finish (TD_SYNC_ENGINE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  td_secret_store_store_async (self->secrets, sign_in->url, self->desk_id, sign_in->token,
                               g_task_get_cancellable (task), sign_in_stored, g_object_ref (task));
}

void
td_sync_controller_sign_in_async (TdSyncController    *self,
                                  const char          *server_url,
                                  const char          *refresh_token,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(TdSyncEngine) engine = NULL;
  SignIn *sign_in;

  g_return_if_fail (TD_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (server_url != NULL && refresh_token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_sync_controller_sign_in_async);
  if (self->desk_id == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("This workspace has no desk id; open it once with this version of Tourdesk"));
      return;
    }
  sign_in = g_new0 (SignIn, 1);
  sign_in->url = td_secret_store_normalise_url (server_url);
  sign_in->token = g_strstrip (g_strdup (refresh_token));
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);
  engine = td_sync_engine_new (self->database, sign_in->url, sign_in->token);
  td_sync_engine_set_deadline (engine, 30);
  td_sync_engine_sign_in_async (engine, cancellable, sign_in_checked, g_object_ref (task));
}

gboolean
td_sync_controller_sign_in_finish (TdSyncController  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
td_sync_controller_sign_out (TdSyncController  *self,
                             GError           **error)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), FALSE);

  drop_engine (self);
  if (self->server_url && self->desk_id
      && !td_secret_store_clear (self->secrets, self->server_url, self->desk_id, NULL, error))
    return FALSE;
  set_status (self, TD_SYNC_STATUS_NOT_SET_UP, NULL);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* in words                                                           */

static char *
waiting_text (gint64 pending)
{
  /* TRANSLATORS: appended to a sync status: changes made here not yet sent */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d change waiting",
                                       "%d changes waiting", (gulong) pending), (int) MIN (pending, G_MAXINT));
}

static char *
ago_text (gint64 last,
          gint64 now)
{
  gint64 minutes = (now - last) / (60 * G_USEC_PER_SEC);

  if (minutes < 1)
    return g_strdup (_("Synced just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d min ago", "Synced %d min ago", (gulong) minutes),
                            (int) minutes);
  if (minutes < 24 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d hour ago", "Synced %d hours ago",
                                         (gulong) (minutes / 60)), (int) (minutes / 60));
  {
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (last / G_USEC_PER_SEC);
    /* TRANSLATORS: a date in g_date_time_format() form */
    g_autofree char *date = g_date_time_format (when, _("%b %-d"));

    /* TRANSLATORS: %s: a date */
    return g_strdup_printf (_("Last synced %s"), date);
  }
}

char *
td_sync_controller_dup_status_text (TdSyncController *self,
                                    gint64            now)
{
  g_autofree char *waiting = NULL;

  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), NULL);

  if (self->pending > 0)
    waiting = waiting_text (self->pending);

  switch (self->status)
    {
    case TD_SYNC_STATUS_NOT_SET_UP:
      return g_strdup (self->server_url ? _("Not signed in") : _("Not connected"));
    case TD_SYNC_STATUS_STARTING:
      return g_strdup (_("Connecting…"));
    case TD_SYNC_STATUS_SYNCING:
      if (self->first_sync && self->engine && td_sync_engine_get_snapshot_total (self->engine) > 0)
        {
          int total = td_sync_engine_get_snapshot_total (self->engine);
          g_autofree char *got = g_strdup_printf ("%u", self->received);
          g_autofree char *all = g_strdup_printf ("%d", total);

          /* Translators: records received so far, then how many there are */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "First sync: %s of %s record received",
                                               "First sync: %s of %s records received", (gulong) total), got, all);
        }
      if (self->first_sync)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "First sync: %u record received",
                                             "First sync: %u records received", self->received), self->received);
      return g_strdup (_("Syncing…"));
    case TD_SYNC_STATUS_SYNCED:
      {
        g_autofree char *ago = self->last_success ? ago_text (self->last_success, now) : g_strdup (_("Connected"));

        if (waiting)
          /* TRANSLATORS: "Synced 2 min ago — 3 changes waiting" */
          return g_strdup_printf (_("%s — %s"), ago, waiting);
        return g_steal_pointer (&ago);
      }
    case TD_SYNC_STATUS_OFFLINE:
      if (waiting)
        /* TRANSLATORS: %s: "12 changes waiting" */
        return g_strdup_printf (_("Offline — %s"), waiting);
      return g_strdup (_("Offline"));
    case TD_SYNC_STATUS_WAITING:
      {
        guint delay = td_sync_controller_get_next_delay (self);
        guint minutes = (delay + 59) / 60;

        if (delay == 0)
          return g_strdup (_("Platform unavailable"));
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Platform unavailable — trying again in %u min",
                                             "Platform unavailable — trying again in %u min", minutes), minutes);
      }
    case TD_SYNC_STATUS_SIGNED_OUT:
      return g_strdup (_("Sign-in expired"));
    case TD_SYNC_STATUS_STOPPED:
      return g_strdup (_("Sync stopped"));
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------------------ */

static gboolean
tick (gpointer user_data)
{
  TdSyncController *self = user_data;

  if (self->status == TD_SYNC_STATUS_SYNCED || self->status == TD_SYNC_STATUS_WAITING)
    notify_text (self);
  return G_SOURCE_CONTINUE;
}

static void
td_sync_controller_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TdSyncController *self = TD_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_TEXT:
      g_value_take_string (value, td_sync_controller_dup_status_text (self, g_get_real_time ()));
      break;
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;
    case PROP_FIRST_SYNC:
      g_value_set_boolean (value, self->first_sync);
      break;
    case PROP_RECEIVED:
      g_value_set_uint (value, self->received);
      break;
    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    case PROP_CONFLICTS:
      g_value_set_int64 (value, self->conflicts);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_sync_controller_dispose (GObject *object)
{
  TdSyncController *self = TD_SYNC_CONTROLLER (object);

  td_sync_controller_stop (self);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->database)
    g_clear_signal_handler (&self->changed_id, self->database);
  if (self->monitor)
    g_clear_signal_handler (&self->network_id, self->monitor);
  G_OBJECT_CLASS (td_sync_controller_parent_class)->dispose (object);
}

static void
td_sync_controller_finalize (GObject *object)
{
  TdSyncController *self = TD_SYNC_CONTROLLER (object);

  g_clear_object (&self->database);
  g_clear_object (&self->secrets);
  g_clear_object (&self->monitor);
  g_clear_object (&self->catalogue);
  g_free (self->server_url);
  g_free (self->desk_id);
  g_free (self->message);
  G_OBJECT_CLASS (td_sync_controller_parent_class)->finalize (object);
}

static void
td_sync_controller_class_init (TdSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = td_sync_controller_get_property;
  object_class->dispose = td_sync_controller_dispose;
  object_class->finalize = td_sync_controller_finalize;

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, TD_TYPE_SYNC_STATUS, TD_SYNC_STATUS_NOT_SET_UP,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_SYNC] =
    g_param_spec_boolean ("first-sync", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVED] =
    g_param_spec_uint ("received", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICTS] =
    g_param_spec_int64 ("conflicts", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* after a sync: tickets sold offline the platform confirmed and refused
   * (the catalogue's quotas may have changed too) */
  signals[TICKETS_REPORTED] = g_signal_new ("tickets-reported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
td_sync_controller_init (TdSyncController *self)
{
  self->interval = 300;
}

TdSyncController *
td_sync_controller_new (TdDatabase      *database,
                        TdSecretStore   *secrets,
                        GNetworkMonitor *monitor)
{
  TdSyncController *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (TD_IS_SECRET_STORE (secrets), NULL);

  self = g_object_new (TD_TYPE_SYNC_CONTROLLER, NULL);
  self->database = g_object_ref (database);
  self->secrets = g_object_ref (secrets);
  self->monitor = g_object_ref (monitor ? monitor : g_network_monitor_get_default ());
  self->desk_id = td_database_dup_setting (database, TD_SETTING_DESK_ID);
  self->changed_id = g_signal_connect (database, "changed", G_CALLBACK (database_changed), self);
  self->network_id = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (network_changed), self);
  self->tick_id = g_timeout_add_seconds (30, tick, self);
  return self;
}

TdDatabase *
td_sync_controller_get_database (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), NULL);
  return self->database;
}

TdSyncStatus
td_sync_controller_get_status (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), TD_SYNC_STATUS_NOT_SET_UP);
  return self->status;
}

gboolean
td_sync_controller_get_syncing (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), FALSE);
  return self->syncing;
}

gboolean
td_sync_controller_get_first_sync (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), FALSE);
  return self->first_sync;
}

guint
td_sync_controller_get_received (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), 0);
  return self->received;
}

gint64
td_sync_controller_get_pending (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), 0);
  return self->pending;
}

gint64
td_sync_controller_get_conflicts (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), 0);
  return self->conflicts;
}

gint64
td_sync_controller_get_last_success (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), 0);
  return self->last_success;
}

const char *
td_sync_controller_get_message (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), NULL);
  return self->message;
}

const char *
td_sync_controller_get_server_url (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), NULL);
  return self->server_url;
}

double
td_sync_controller_get_first_sync_fraction (TdSyncController *self)
{
  int total;

  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), -1);
  if (!self->first_sync || self->engine == NULL)
    return -1;
  total = td_sync_engine_get_snapshot_total (self->engine);
  if (total <= 0)
    return -1;
  return MIN (1.0, (double) self->received / total);
}

TdCatalogueClient *
td_sync_controller_get_catalogue (TdSyncController *self)
{
  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), NULL);
  return self->catalogue;
}

guint
td_sync_controller_get_next_delay (TdSyncController *self)
{
  gint64 left;

  g_return_val_if_fail (TD_IS_SYNC_CONTROLLER (self), 0);
  if (self->due == 0)
    return 0;
  left = self->due - g_get_monotonic_time ();
  return left <= 0 ? 0 : (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

void
td_sync_controller_set_interval (TdSyncController *self,
                                 guint             seconds)
{
  g_return_if_fail (TD_IS_SYNC_CONTROLLER (self));
  self->interval = MAX (seconds, 1);
}
