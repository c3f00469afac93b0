/* td-sync-engine.c: one sync cycle with the platform, in a worker thread
 *
 * The cycle runs the blocking libsoup API in a GTask thread with a session
 * of its own; each request's deadline is a timeout source on the caller's
 * main context that cancels the request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "td-json.h"
#include "td-main-context.h"
#include "td-sync-engine.h"
#include "td-sync-state.h"
#include "td-time.h"

struct _TdSyncEngine {
  GObject       parent_instance;
  TdDatabase   *database;
  char         *server_url;   /* without the trailing slash */
  char         *refresh_token;
  char         *access_token;
  guint         deadline;
  guint         batch_size;
  guint         page_size;
  guint         retry_after;
  gboolean      running;
  gint          snapshot_total;   /* atomic: the snapshot's records, -1 not known */
};

G_DEFINE_FINAL_TYPE (TdSyncEngine, td_sync_engine, G_TYPE_OBJECT)
G_DEFINE_QUARK (td-sync-error-quark, td_sync_error)

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
td_sync_report_free (TdSyncReport *report)
{
  if (report == NULL)
    return;
  g_free (report->first_rejection);
  g_free (report);
}

static void
td_sync_engine_finalize (GObject *object)
{
  TdSyncEngine *self = TD_SYNC_ENGINE (object);

  g_clear_object (&self->database);
  g_free (self->server_url);
  g_free (self->refresh_token);
  g_free (self->access_token);
  G_OBJECT_CLASS (td_sync_engine_parent_class)->finalize (object);
}

static void
td_sync_engine_class_init (TdSyncEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_sync_engine_finalize;

  /**
   * TdSyncEngine::progress:
   * @pushed: operations sent so far in this run
   * @pulled: records received so far in this run
   * @snapshot: whether the records come from a full download
   *
   * After each batch sent and each page received, in the main context of
   * td_sync_engine_run_async()'s caller.
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_BOOLEAN);
}

static void
td_sync_engine_init (TdSyncEngine *self)
{
  self->deadline = 60;
  self->batch_size = 500;
  self->page_size = 500;
  self->snapshot_total = -1;
}

TdSyncEngine *
td_sync_engine_new (TdDatabase *database,
                    const char *server_url,
                    const char *refresh_token)
{
  TdSyncEngine *self;
  gsize len;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (server_url != NULL && refresh_token != NULL, NULL);

  self = g_object_new (TD_TYPE_SYNC_ENGINE, NULL);
  self->database = g_object_ref (database);
  self->server_url = g_strdup (server_url);
  len = strlen (self->server_url);
  while (len > 0 && self->server_url[len - 1] == '/')
    self->server_url[--len] = '\0';
  self->refresh_token = g_strstrip (g_strdup (refresh_token));
  return self;
}

void
td_sync_engine_set_deadline (TdSyncEngine *self,
                             guint         seconds)
{
  g_return_if_fail (TD_IS_SYNC_ENGINE (self));
  self->deadline = MAX (seconds, 1);
}

void
td_sync_engine_set_batch_size (TdSyncEngine *self,
                               guint         max_ops)
{
  g_return_if_fail (TD_IS_SYNC_ENGINE (self));
  self->batch_size = CLAMP (max_ops, 1, 500);
}

void
td_sync_engine_set_page_size (TdSyncEngine *self,
                              guint         limit)
{
  g_return_if_fail (TD_IS_SYNC_ENGINE (self));
  self->page_size = CLAMP (limit, 1, 2000);
}

guint
td_sync_engine_get_retry_after (TdSyncEngine *self)
{
  g_return_val_if_fail (TD_IS_SYNC_ENGINE (self), 0);
  return self->retry_after;
}

guint
td_sync_backoff_seconds (guint failures,
                         guint retry_after)
{
  double base = 30.0 * (double) (1u << MIN (failures > 0 ? failures - 1 : 0, 7));
  double delay = MIN (base, 3600.0) * g_random_double_range (0.8, 1.2);

  return MAX ((guint) delay, retry_after);
}

/* ------------------------------------------------------------------ */
/* one request                                                        */

typedef struct {
  TdSyncEngine *self;
  SoupSession  *session;
  guint         last_status;  /* of the last API call answered */
  char         *last_code;    /* its problem's code, or NULL */
  GMainContext *context;      /* where the deadlines run */
  GCancellable *cancellable;  /* the caller's */
  TdSyncReport *report;
} Run;

typedef struct {
  GCancellable *cancellable;
  gint          timed_out;
} Deadline;

/* shared by the request (worker thread) and its timer (caller's context):
 * the timer may be dispatching while the request destroys it */
static void
deadline_clear (gpointer data)
{
  Deadline *deadline = data;

  g_object_unref (deadline->cancellable);
}

static void
deadline_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, deadline_clear);
}

static gboolean
deadline_passed (gpointer user_data)
{
  Deadline *deadline = user_data;

  g_atomic_int_set (&deadline->timed_out, 1);
  g_cancellable_cancel (deadline->cancellable);
  return G_SOURCE_REMOVE;
}

static void
parent_cancelled (GCancellable *parent,
                  gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static char *
problem_text (GBytes *body)
{
  g_autoptr(JsonObject) problem = NULL;
  const char *detail = NULL, *title = NULL, *code = NULL;
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  if (data)
    problem = td_json_parse_object (data, size, NULL);
  if (problem == NULL)
    return NULL;
  td_json_get_string (problem, "detail", &detail);
  td_json_get_string (problem, "title", &title);
  td_json_get_string (problem, "code", &code);
  if (detail || title)
    return g_strdup_printf ("%s%s%s%s", detail ? detail : title,
                            code ? " (" : "", code ? code : "", code ? ")" : "");
  return NULL;
}

/* The answer's body, whole (Content-Length checked), with its status; NULL
 * with error when the platform could not be asked or answered short. */
static GBytes *
send_request (Run         *run,
              const char  *method,
              const char  *path,
              const char  *bearer,
              const char  *idempotency_key,
              const char  *body,
              guint       *status,
              guint       *retry_after,
              GError     **error)
{
  g_autofree char *uri = g_strconcat (run->self->server_url, path, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  Deadline *deadline = g_atomic_rc_box_new0 (Deadline);
  GSource *timer;
  gulong handler = 0;
  SoupMessageHeaders *headers;
  const char *value;
  goffset expected = -1;
  gboolean timed_out;

  msg = soup_message_new (method, uri);
  if (msg == NULL)
    {
      g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_REQUEST,
                   _("“%s” is not a platform address (http:// or https://)"), run->self->server_url);
      return NULL;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (bearer)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", bearer, NULL);
      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (idempotency_key)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  if (run->cancellable)
    handler = g_cancellable_connect (run->cancellable, G_CALLBACK (parent_cancelled), cancellable, NULL);
  timer = g_timeout_source_new_seconds (run->self->deadline);
  deadline->cancellable = g_object_ref (cancellable);
  g_source_set_callback (timer, deadline_passed, g_atomic_rc_box_acquire (deadline), deadline_release);
  g_source_attach (timer, run->context);

  stream = soup_session_send (run->session, msg, cancellable, &local_error);
  if (stream)
    {
      guint8 buffer[16384];
      gssize n;

      while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, &local_error)) > 0)
        g_byte_array_append (data, buffer, (guint) n);
      if (n == 0)
        g_input_stream_close (stream, NULL, NULL);
    }

  g_source_destroy (timer);
  g_source_unref (timer);
  timed_out = g_atomic_int_get (&deadline->timed_out);
  deadline_release (deadline);
  if (handler)
    g_cancellable_disconnect (run->cancellable, handler);

  if (local_error)
    {
      if (g_cancellable_is_cancelled (run->cancellable))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (timed_out
               || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_TIMEOUT,
                     _("The platform did not answer within %u seconds"), run->self->deadline);
      else if (stream)
        /* the answer began, then stopped: never taken as data */
        g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_PROTOCOL,
                     _("The platform's answer was cut short (%u bytes): %s"), data->len, local_error->message);
      else
        g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_NETWORK,
                     _("Could not reach the platform at %s: %s"), run->self->server_url, local_error->message);
      return NULL;
    }

  *status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    expected = soup_message_headers_get_content_length (headers);
  /* libsoup 3.2 reports a body cut short as a complete 200 */
  if (expected >= 0 && (goffset) data->len != expected)
    {
      g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_PROTOCOL,
                   _("The platform's answer was cut short (%u of %lld bytes)"),
                   data->len, (long long) expected);
      return NULL;
    }
  value = soup_message_headers_get_one (headers, "Retry-After");
  *retry_after = value ? (guint) CLAMP (g_ascii_strtoll (value, NULL, 10), 0, 86400) : 0;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
refresh_token (Run     *run,
               GError **error)
{
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  const char *token = NULL;
  guint status = 0, retry_after = 0;
  gsize size;
  const char *data;

  json_object_set_string_member (request, "grant_type", "refresh_token");
  json_object_set_string_member (request, "refresh_token", run->self->refresh_token);
  text = td_json_object_to_string (request);
  body = send_request (run, "POST", "/v1/auth/token", NULL, NULL, text, &status, &retry_after, error);
  if (body == NULL)
    return FALSE;
  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *problem = problem_text (body);

      if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_BAD_REQUEST)
        g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_UNAUTHORIZED,
                     _("The platform refused this desk's sign-in: %s"), problem ? problem : soup_status_get_phrase (status));
      else if (status == SOUP_STATUS_FORBIDDEN)
        g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_FORBIDDEN,
                     _("The platform has disabled this desk: %s"), problem ? problem : soup_status_get_phrase (status));
      else
        {
          run->self->retry_after = retry_after;
          g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_UNAVAILABLE,
                       _("The platform could not sign this desk in (HTTP %u)"), status);
        }
      return FALSE;
    }
  data = g_bytes_get_data (body, &size);
  answer = td_json_parse_object (data, size, NULL);
  if (answer == NULL || !td_json_get_string (answer, "access_token", &token))
    {
      g_set_error_literal (error, TD_SYNC_ERROR, TD_SYNC_ERROR_PROTOCOL,
                           _("The platform's answer to the sign-in is not valid"));
      return FALSE;
    }
  g_free (run->self->access_token);
  run->self->access_token = g_strdup (token);
  return TRUE;
}

/* An API call with the access token: refreshed first if there is none, and
 * once more on 401. The answer, parsed strictly, for 2xx; 410 as NULL with
 * *gone set; any other status an error. */
static JsonObject *
call (Run         *run,
      const char  *method,
      const char  *path,
      const char  *idempotency_key,
      const char  *body,
      gboolean    *gone,
      GError     **error)
{
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *problem = NULL;
  JsonObject *object;
  guint status = 0, retry_after = 0;
  const char *data;
  gsize size;

  if (gone)
    *gone = FALSE;
  if (run->self->access_token == NULL && !refresh_token (run, error))
    return NULL;

  for (int attempt = 0; ; attempt++)
    {
      g_clear_pointer (&answer, g_bytes_unref);
      answer = send_request (run, method, path, run->self->access_token, idempotency_key, body,
                             &status, &retry_after, error);
      if (answer == NULL)
        return NULL;
      if (status != SOUP_STATUS_UNAUTHORIZED || attempt > 0)
        break;
      if (!refresh_token (run, error))
        return NULL;
    }

  run->last_status = status;
  g_clear_pointer (&run->last_code, g_free);
  {
    gsize length = 0;
    const char *text = g_bytes_get_data (answer, &length);
    g_autoptr(JsonObject) problem_object = status >= 400 && text ? td_json_parse_object (text, length, NULL) : NULL;
    const char *code = NULL;

    if (problem_object && td_json_get_string (problem_object, "code", &code))
      run->last_code = g_strdup (code);
  }
  problem = problem_text (answer);
  if (status == SOUP_STATUS_GONE && gone)
    {
      *gone = TRUE;
      return NULL;
    }
  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_UNAUTHORIZED,
                   _("The platform refused this desk's sign-in: %s"), problem ? problem : soup_status_get_phrase (status));
      return NULL;
    }
  if (status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_FORBIDDEN,
                   _("The platform has disabled this desk; syncing stopped: %s"), problem ? problem : soup_status_get_phrase (status));
      return NULL;
    }
  if (status == 426)
    {
      g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_UPGRADE,
                   _("The platform needs a newer Tourdesk; syncing stopped until it is updated"));
      return NULL;
    }
  if (status == 429 || status >= 500)
    {
      run->self->retry_after = retry_after;
      g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_UNAVAILABLE,
                   _("The platform is busy or unavailable (HTTP %u); trying again later"), status);
      return NULL;
    }
  if (status < 200 || status >= 300)
    {
      g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_REQUEST,
                   _("The platform refused the request %s %s (HTTP %u): %s"), method, path, status,
                   problem ? problem : soup_status_get_phrase (status));
      return NULL;
    }

  data = g_bytes_get_data (answer, &size);
  object = td_json_parse_object (data, size, &parse_error);
  if (object == NULL)
    g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_PROTOCOL,
                 _("The platform's answer to %s %s is not valid JSON: %s"), method, path, parse_error->message);
  return object;
}

/* ------------------------------------------------------------------ */
/* the cycle                                                          */

typedef struct {
  TdSyncEngine *self;
  guint         pushed, pulled;
  gboolean      snapshot;
} Progress;

static gboolean
progress_emit (gpointer data)
{
  Progress *progress = data;

  g_signal_emit (progress->self, signals[SIGNAL_PROGRESS], 0,
                 progress->pushed, progress->pulled, progress->snapshot);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

static void
report_progress (Run *run)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (run->self);
  progress->pushed = run->report->pushed;
  progress->pulled = run->report->pulled;
  progress->snapshot = run->report->snapshot;
  /* posted, not invoked: from a worker, g_main_context_invoke() runs the
   * callback right there when nobody owns the context at that moment */
  td_main_context_post (run->context, G_PRIORITY_DEFAULT, progress_emit, progress, progress_free);
}

static gboolean
push (Run     *run,
      GError **error)
{
  gboolean requarantined = FALSE;
  guint max_ops = run->self->batch_size;

  for (;;)
    {
      g_autoptr(TdSyncBatch) batch = NULL;
      g_autoptr(JsonObject) answer = NULL;
      TdSyncPushCounts counts = { 0, 0, 0, 0, NULL };
      JsonArray *results;
      GError *local_error = NULL;
      gboolean ok;

      batch = td_sync_next_batch (run->self->database, max_ops, &local_error);
      if (batch == NULL)
        {
          if (local_error == NULL)
            return TRUE;
          g_propagate_error (error, local_error);
          return FALSE;
        }
      answer = call (run, "POST", "/v1/sync/push", batch->key, batch->body, NULL, &local_error);
      if (answer == NULL && run->last_status == 422 && g_strcmp0 (run->last_code, "idempotency_key_reused") == 0
          && !requarantined)
        {
          /* the key was used for another body (a damaged or hand-edited
           * workspace): the batch is built again with a new key, once; the
           * platform deduplicates its operations by op_id */
          g_clear_error (&local_error);
          requarantined = TRUE;
          run->report->requeued++;
          if (!td_sync_forget_batch (run->self->database, error))
            return FALSE;
          continue;
        }
      if (answer == NULL && run->last_status == 413 && batch->n_ops > 1)
        {
          /* too large for the platform (nothing of it was applied): the
           * same rows again in smaller batches, for the rest of the run */
          g_clear_error (&local_error);
          max_ops = MAX (1, batch->n_ops / 2);
          run->report->requeued++;
          if (!td_sync_forget_batch (run->self->database, error))
            return FALSE;
          continue;
        }
      if (answer == NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      results = td_json_get_array (answer, "results");
      if (results == NULL)
        {
          g_set_error_literal (error, TD_SYNC_ERROR, TD_SYNC_ERROR_PROTOCOL,
                               _("The platform's answer to a push has no results"));
          return FALSE;
        }
      ok = td_sync_finish_batch (run->self->database, batch, results, &counts, error);
      if (ok)
        {
          run->report->pushed += batch->n_ops;
          run->report->applied += counts.applied;
          run->report->duplicates += counts.duplicates;
          run->report->conflicts += counts.conflicts;
          run->report->rejected += counts.rejected;
          if (run->report->first_rejection == NULL)
            run->report->first_rejection = g_steal_pointer (&counts.first_rejection);
          report_progress (run);
        }
      g_free (counts.first_rejection);
      if (!ok)
        return FALSE;
    }
}

static JsonArray *
records_of (JsonObject  *page,
            const char  *member,
            GError     **error)
{
  JsonArray *records = td_json_get_array (page, member);
  gboolean has_more;

  if (records == NULL || !td_json_get_bool (page, "has_more", &has_more))
    {
      g_set_error (error, TD_SYNC_ERROR, TD_SYNC_ERROR_PROTOCOL,
                   _("The platform's page has no “%s” or “has_more”"), member);
      return NULL;
    }
  return records;
}

static gboolean
snapshot (Run     *run,
          GError **error)
{
  g_autofree char *page_token = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  run->report->snapshot = TRUE;
  for (;;)
    {
      g_autoptr(JsonObject) page = NULL;
      g_autofree char *path = NULL;
      JsonArray *records;
      const char *cursor = NULL, *next = NULL;
      gboolean has_more = FALSE, gone = FALSE;
      guint stored = 0;

      if (page_token)
        {
          g_autofree char *escaped = g_uri_escape_string (page_token, NULL, FALSE);
          path = g_strdup_printf ("/v1/sync/snapshot?limit=%u&page_token=%s", run->self->page_size, escaped);
        }
      else
        path = g_strdup_printf ("/v1/sync/snapshot?limit=%u", run->self->page_size);
      page = call (run, "GET", path, NULL, NULL, &gone, error);
      if (gone)
        {
          /* the page token is gone: start again */
          g_clear_pointer (&page_token, g_free);
          g_hash_table_remove_all (seen);
          continue;
        }
      if (page == NULL || (records = records_of (page, "records", error)) == NULL)
        return FALSE;
      td_json_get_bool (page, "has_more", &has_more);
      td_json_get_string (page, "next_page_token", &next);
      {
        gint64 total;

        /* the first page says how many there are (a platform of before
         * it did not: the bar then only moves) */
        if (page_token == NULL && td_json_get_int (page, "total", &total) && total >= 0)
          g_atomic_int_set (&run->self->snapshot_total, (gint) MIN (total, G_MAXINT));
      }
      td_json_get_string (page, "cursor", &cursor);
      if (!has_more && cursor == NULL)
        {
          g_set_error_literal (error, TD_SYNC_ERROR, TD_SYNC_ERROR_PROTOCOL,
                               _("The platform's last snapshot page has no cursor"));
          return FALSE;
        }
      if (has_more && next == NULL)
        {
          g_set_error_literal (error, TD_SYNC_ERROR, TD_SYNC_ERROR_PROTOCOL,
                               _("The platform's snapshot page has no next page token"));
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);
          const char *kind = NULL, *id = NULL;

          if (record && td_json_get_string (record, "kind", &kind) && td_json_get_string (record, "id", &id))
            g_hash_table_add (seen, g_strdup_printf ("%s/%s", kind, id));
        }
      /* the cursor is stored last: a crash before it means a new snapshot */
      if (!td_database_apply_remote (run->self->database, records, NULL, &stored, error))
        return FALSE;
      run->report->pulled += json_array_get_length (records);
      run->report->stored += stored;
      report_progress (run);
      if (!has_more)
        {
          guint removed = 0;

          if (!td_database_remove_missing_remote (run->self->database, seen, &removed, error))
            return FALSE;
          run->report->stored += removed;
          return td_sync_state_set (run->self->database, TD_SYNC_STATE_CURSOR, cursor, error);
        }
      g_free (page_token);
      page_token = g_strdup (next);
    }
}

static gboolean
pull (Run     *run,
      GError **error)
{
  for (;;)
    {
      g_autofree char *cursor = td_sync_state_dup (run->self->database, TD_SYNC_STATE_CURSOR);
      g_autofree char *path = NULL;
      g_autoptr(JsonObject) page = NULL;
      JsonArray *changes;
      const char *next = NULL;
      gboolean has_more = FALSE, gone = FALSE;
      guint stored = 0;

      if (cursor)
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
          path = g_strdup_printf ("/v1/sync/pull?limit=%u&cursor=%s", run->self->page_size, escaped);
        }
      else
        path = g_strdup_printf ("/v1/sync/pull?limit=%u", run->self->page_size);

      page = call (run, "GET", path, NULL, NULL, &gone, error);
      if (gone)
        {
          if (!snapshot (run, error))
            return FALSE;
          continue;
        }
      if (page == NULL || (changes = records_of (page, "changes", error)) == NULL)
        return FALSE;
      td_json_get_bool (page, "has_more", &has_more);
      if (!td_json_get_string (page, "next_cursor", &next))
        {
          g_set_error_literal (error, TD_SYNC_ERROR, TD_SYNC_ERROR_PROTOCOL,
                               _("The platform's page has no next cursor"));
          return FALSE;
        }
      /* the page and its cursor in one transaction */
      if (!td_database_apply_remote (run->self->database, changes, next, &stored, error))
        return FALSE;
      run->report->pulled += json_array_get_length (changes);
      run->report->stored += stored;
      report_progress (run);
      if (!has_more)
        return TRUE;
    }
}

static void
run_free (Run *run)
{
  g_clear_object (&run->session);
  g_free (run->last_code);
  g_main_context_unref (run->context);
  g_clear_object (&run->cancellable);
  td_sync_report_free (run->report);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;
  TdSyncEngine *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  gboolean ok;

  /* the per-read timeout only backs up the overall deadline */
  run->session = soup_session_new_with_options ("user-agent", "Tourdesk/" PACKAGE_VERSION " ",
                                                "timeout", self->deadline + 5, NULL);
  ok = push (run, &error) && pull (run, &error);
  /* done with in the thread that made it (libsoup's thread rules) */
  soup_session_abort (run->session);
  g_clear_object (&run->session);
  if (ok)
    {
      now = td_timestamp_now ();
      td_sync_state_set (self->database, TD_SYNC_STATE_LAST_SUCCESS, now, NULL);
      td_sync_state_set (self->database, TD_SYNC_STATE_LAST_ERROR, NULL, NULL);
      g_task_return_pointer (task, g_steal_pointer (&run->report), (GDestroyNotify) td_sync_report_free);
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    td_sync_state_set (self->database, TD_SYNC_STATE_LAST_ERROR, error->message, NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

void
td_sync_engine_run_async (TdSyncEngine        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (TD_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_sync_engine_run_async);
  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A sync with the platform is already running"));
      return;
    }
  self->running = TRUE;
  self->retry_after = 0;
  run = g_new0 (Run, 1);
  run->self = self;
  run->context = g_main_context_ref_thread_default ();
  run->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  run->report = g_new0 (TdSyncReport, 1);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Run *run = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  run->session = soup_session_new_with_options ("user-agent", "Tourdesk/" PACKAGE_VERSION " ",
                                                "timeout", run->self->deadline + 5, NULL);
  ok = refresh_token (run, &error);
  soup_session_abort (run->session);
  g_clear_object (&run->session);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
td_sync_engine_sign_in_async (TdSyncEngine        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (TD_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_sync_engine_sign_in_async);
  run = g_new0 (Run, 1);
  run->self = self;
  run->context = g_main_context_ref_thread_default ();
  run->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, sign_in_thread);
}

gboolean
td_sync_engine_sign_in_finish (TdSyncEngine  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

TdSyncReport *
td_sync_engine_run_finish (TdSyncEngine  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  /* a run refused because another was going has no data of its own */
  if (g_task_get_task_data (G_TASK (result)) != NULL)
    self->running = FALSE;
  return g_task_propagate_pointer (G_TASK (result), error);
}

int
td_sync_engine_get_snapshot_total (TdSyncEngine *self)
{
  g_return_val_if_fail (TD_IS_SYNC_ENGINE (self), -1);
  return g_atomic_int_get (&self->snapshot_total);
}
