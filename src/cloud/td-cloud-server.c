/* td-cloud-server.c: SoupServer in front, worker threads behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-cloud-api-private.h"
#include "td-cloud-server.h"
#include "td-core.h"
#include "td-main-context.h"

#define DRAIN_DEADLINE_S 30

struct _TdCloudServer {
  SoupServer          *soup;
  TdCloudConfig        config;
  GMainContext        *context;
  GThreadPool         *pool;
  GAsyncQueue         *stores;
  guint                n_stores;
  gboolean             tls;
  gboolean             log;
  gboolean             shutting_down;
  guint                busy;       /* given to a worker, answer not yet sent */
  GSourceFunc          drained;
  gpointer             drained_data;
  guint                deadline;
  TdCloudResponseHook  hook;
  gpointer             hook_data;
};

typedef struct {
  TdCloudServer     *server;
  SoupServerMessage *message;
  TdCloudRequest    *request;
  TdCloudResponse   *response;
} Job;

/* what the log line needs, kept on the message */
typedef struct {
  gint64   started;
  char    *remote;   /* asked at the start: the client may be gone by the end */
  char    *desk_id;
  char    *note;
  gboolean busy;
} Trace;

static void
trace_free (Trace *trace)
{
  g_free (trace->remote);
  g_free (trace->desk_id);
  g_free (trace->note);
  g_free (trace);
}

static Trace *
get_trace (SoupServerMessage *message)
{
  return g_object_get_data (G_OBJECT (message), "td-trace");
}

static void maybe_drained (TdCloudServer *self);

/* ------------------------------------------------------------------ */
/* the log: one line per request                                      */

static void
message_finished (SoupServerMessage *message,
                  TdCloudServer     *self)
{
  Trace *trace = get_trace (message);
  GUri *uri = soup_server_message_get_uri (message);
  const char *query = g_uri_get_query (uri);
  goffset length = soup_server_message_get_response_body (message)->length;
  g_autofree char *now = td_timestamp_now ();

  if (self->log)
    g_printerr ("%s %s \"%s %s%s%s\" %u %" G_GOFFSET_FORMAT " %.1fms desk=%s%s%s\n",
                now, trace && trace->remote ? trace->remote : "-",
                soup_server_message_get_method (message), g_uri_get_path (uri),
                query ? "?" : "", query ? query : "",
                soup_server_message_get_status (message), length,
                trace ? (g_get_monotonic_time () - trace->started) / 1000.0 : 0.0,
                trace && trace->desk_id ? trace->desk_id : "-",
                trace && trace->note ? " error=" : "", trace && trace->note ? trace->note : "");

  if (trace && trace->busy)
    {
      trace->busy = FALSE;
      self->busy--;
      maybe_drained (self);
    }
}

static void
request_started (SoupServer        *soup,
                 SoupServerMessage *message,
                 TdCloudServer     *self)
{
  Trace *trace = g_new0 (Trace, 1);

  trace->started = g_get_monotonic_time ();
  trace->remote = g_strdup (soup_server_message_get_remote_host (message));
  g_object_set_data_full (G_OBJECT (message), "td-trace", trace, (GDestroyNotify) trace_free);
  g_signal_connect (message, "finished", G_CALLBACK (message_finished), self);
}

/* ------------------------------------------------------------------ */
/* answers                                                            */

static void
send_response (TdCloudServer     *self,
               SoupServerMessage *message,
               TdCloudResponse   *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  for (guint i = 0; i + 1 < response->headers->len; i += 2)
    soup_message_headers_append (headers, g_ptr_array_index (response->headers, i),
                                 g_ptr_array_index (response->headers, i + 1));
  if (self->shutting_down)
    soup_message_headers_replace (headers, "Connection", "close");
  soup_server_message_set_status (message, response->status, NULL);
  if (response->body)
    {
      soup_message_headers_set_content_type (headers, response->content_type, NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (message), response->body);
    }
}

static void
job_free (Job *job)
{
  g_object_unref (job->message);
  td_cloud_request_free (job->request);
  td_cloud_response_free (job->response);
  g_free (job);
}

static gboolean
job_answered (gpointer data)
{
  Job *job = data;
  TdCloudServer *self = job->server;
  Trace *trace = get_trace (job->message);

  if (trace)
    {
      trace->desk_id = g_strdup (job->response->desk_id);
      trace->note = g_strdup (job->response->note);
    }
  if (self->hook && self->hook (job->message, job->request, job->response, self->hook_data))
    {
      /* the hook took the message: it is done with as far as we know */
      g_signal_handlers_disconnect_by_func (job->message, message_finished, self);
      if (trace && trace->busy)
        {
          trace->busy = FALSE;
          self->busy--;
        }
      job_free (job);
      maybe_drained (self);
      return G_SOURCE_REMOVE;
    }
  send_response (self, job->message, job->response);
  soup_server_message_unpause (job->message);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
work (gpointer data,
      gpointer user_data)
{
  Job *job = data;
  TdCloudServer *self = job->server;
  TdCloudStore *store = g_async_queue_pop (self->stores);
  TdCloudContext context = { store, &self->config };

  td_cloud_api_handle (&context, job->request, job->response);
  g_async_queue_push (self->stores, store);
  td_main_context_post (self->context, G_PRIORITY_DEFAULT, job_answered, job, NULL);
}

static void
problem_now (SoupServerMessage *message,
             guint              status,
             const char        *code,
             const char        *detail,
             const char        *retry_after)
{
  g_autoptr(TdCloudResponse) response = td_cloud_response_new ();
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  gsize size = 0;
  gconstpointer data;

  td_cloud_problem (response, status, code, "%s", detail);
  data = g_bytes_get_data (response->body, &size);
  soup_server_message_set_status (message, status, NULL);
  if (retry_after)
    soup_message_headers_replace (headers, "Retry-After", retry_after);
  soup_message_headers_replace (headers, "Connection", "close");
  soup_server_message_set_response (message, response->content_type, SOUP_MEMORY_COPY, data, size);
}

static GHashTable *
copy_query (GHashTable *query)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (query)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
    }
  return copy;
}

static void
handle (SoupServer        *soup,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  TdCloudServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  Trace *trace = get_trace (message);
  Job *job;

  if (self->shutting_down)
    {
      problem_now (message, 503, "shutting_down", "The platform is restarting; try again in a moment.", "5");
      return;
    }

  job = g_new0 (Job, 1);
  job->server = self;
  job->message = g_object_ref (message);
  job->request = td_cloud_request_new (soup_server_message_get_method (message), path);
  job->request->query = copy_query (query);
  job->request->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  job->request->idempotency_key = g_strdup (soup_message_headers_get_one (headers, "Idempotency-Key"));
  job->request->if_none_match = g_strdup (soup_message_headers_get_one (headers, "If-None-Match"));
  job->request->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  if (body && body->length > 0)
    job->request->body = soup_message_body_flatten (body);
  job->response = td_cloud_response_new ();

  soup_server_message_pause (message);
  self->busy++;
  if (trace)
    trace->busy = TRUE;
  g_thread_pool_push (self->pool, job, NULL);
}

/* Refuses a body too large before reading it. */
static void
early (SoupServer        *soup,
       SoupServerMessage *message,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  TdCloudServer *self = user_data;
  goffset length = soup_message_headers_get_content_length (soup_server_message_get_request_headers (message));
  g_autofree char *detail = NULL;

  if (length > (goffset) self->config.max_body)
    {
      detail = g_strdup_printf ("The body is larger than %" G_GSIZE_FORMAT " bytes.", self->config.max_body);
      problem_now (message, 413, "body_too_large", detail, NULL);
    }
}

/* ------------------------------------------------------------------ */

TdCloudServer *
td_cloud_server_new (const char           *db_path,
                     const TdCloudConfig  *config,
                     guint                 workers,
                     GError              **error)
{
  TdCloudServer *self = g_new0 (TdCloudServer, 1);

  self->config = *config;
  self->log = TRUE;
  self->context = g_main_context_ref_thread_default ();
  self->stores = g_async_queue_new ();
  for (guint i = 0; i < MAX (workers, 1); i++)
    {
      TdCloudStore *store = td_cloud_store_sqlite_open (db_path, error);

      if (store == NULL)
        {
          td_cloud_server_free (self);
          return NULL;
        }
      g_async_queue_push (self->stores, store);
      self->n_stores++;
    }
  self->pool = g_thread_pool_new (work, self, (int) self->n_stores, FALSE, error);
  if (self->pool == NULL)
    {
      td_cloud_server_free (self);
      return NULL;
    }

  self->soup = soup_server_new ("server-header", "tourdesk-cloud/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup, NULL, early, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started), self);
  return self;
}

gboolean
td_cloud_server_set_tls (TdCloudServer  *self,
                         const char     *cert_file,
                         const char     *key_file,
                         GError        **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "TLS is not available: install glib-networking");
      return FALSE;
    }
  certificate = g_tls_certificate_new_from_files (cert_file, key_file, error);
  if (certificate == NULL)
    {
      g_prefix_error (error, "%s, %s: ", cert_file, key_file);
      return FALSE;
    }
  soup_server_set_tls_certificate (self->soup, certificate);
  self->tls = TRUE;
  return TRUE;
}

gboolean
td_cloud_server_listen (TdCloudServer  *self,
                        const char     *address,
                        GError        **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  const char *colon = strrchr (address, ':');
  guint64 port = 0;

  if (colon == NULL || colon == address
      || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not ADDRESS:PORT (such as 127.0.0.1:8080 or [::1]:8080)", address);
      return FALSE;
    }
  host = g_strndup (address, (gsize) (colon - address));
  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);

      g_free (host);
      host = inner;
    }
  if (g_str_equal (host, "localhost"))
    inet = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address (or localhost)", host);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, (guint16) port);
  return soup_server_listen (self->soup, socket_address, self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

char *
td_cloud_server_get_url (TdCloudServer *self)
{
  GSList *uris = soup_server_get_uris (self->soup);
  char *url = uris ? g_uri_to_string (uris->data) : NULL;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

void
td_cloud_server_set_log (TdCloudServer *self,
                         gboolean       log_requests)
{
  self->log = log_requests;
}

void
td_cloud_server_set_response_hook (TdCloudServer       *self,
                                   TdCloudResponseHook  hook,
                                   gpointer             user_data)
{
  self->hook = hook;
  self->hook_data = user_data;
}

static void
drain_now (TdCloudServer *self)
{
  GSourceFunc drained = self->drained;

  self->drained = NULL;
  if (self->deadline)
    g_source_remove (self->deadline);
  self->deadline = 0;
  soup_server_disconnect (self->soup);
  if (drained)
    drained (self->drained_data);
}

static void
maybe_drained (TdCloudServer *self)
{
  if (self->shutting_down && self->busy == 0 && self->drained)
    drain_now (self);
}

static gboolean
deadline_reached (gpointer data)
{
  TdCloudServer *self = data;

  self->deadline = 0;
  g_printerr ("tourdesk-cloud: %u request(s) still unanswered after %d s; closing their connections "
              "(their work is committed or rolled back; clients retry)\n", self->busy, DRAIN_DEADLINE_S);
  drain_now (self);
  return G_SOURCE_REMOVE;
}

void
td_cloud_server_shutdown (TdCloudServer *self,
                          GSourceFunc    drained,
                          gpointer       user_data)
{
  if (self->shutting_down)
    return;
  self->shutting_down = TRUE;
  self->drained = drained;
  self->drained_data = user_data;
  self->deadline = g_timeout_add_seconds (DRAIN_DEADLINE_S, deadline_reached, self);
  maybe_drained (self);
}

void
td_cloud_server_free (TdCloudServer *self)
{
  TdCloudStore *store;

  if (self == NULL)
    return;
  if (self->deadline)
    g_source_remove (self->deadline);
  /* the workers finish what they hold: a transaction commits or rolls back */
  if (self->pool)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  /* and their answers, queued for the main context, go out */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  if (self->soup)
    {
      soup_server_disconnect (self->soup);
      g_object_unref (self->soup);
    }
  while ((store = g_async_queue_try_pop (self->stores)))
    td_cloud_store_close (store);
  g_async_queue_unref (self->stores);
  g_main_context_unref (self->context);
  g_free (self);
}
