/* td-catalogue-client.c: the platform's catalogue and ticket sales (see the header)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "td-catalogue-client.h"
#include "td-date-range.h"
#include "td-json.h"
#include "td-time.h"

#define CATALOGUE_DAYS 31

struct _TdCatalogueClient {
  GObject     parent_instance;
  TdDatabase *database;
  char       *server_url;     /* without the trailing slash */
  char       *refresh_token;
  GMutex      lock;           /* access_token, between worker threads */
  char       *access_token;
  guint       timeout;
  gboolean    only_when_needed;
};

G_DEFINE_FINAL_TYPE (TdCatalogueClient, td_catalogue_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (td-catalogue-error-quark, td_catalogue_error)

static void
td_catalogue_client_finalize (GObject *object)
{
  TdCatalogueClient *self = TD_CATALOGUE_CLIENT (object);

  g_clear_object (&self->database);
  g_free (self->server_url);
  g_free (self->refresh_token);
  g_free (self->access_token);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (td_catalogue_client_parent_class)->finalize (object);
}

static void
td_catalogue_client_class_init (TdCatalogueClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_catalogue_client_finalize;
}

static void
td_catalogue_client_init (TdCatalogueClient *self)
{
  g_mutex_init (&self->lock);
  self->timeout = 30;
}

TdCatalogueClient *
td_catalogue_client_new (TdDatabase *database,
                         const char *server_url,
                         const char *refresh_token)
{
  TdCatalogueClient *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (server_url != NULL && refresh_token != NULL, NULL);

  self = g_object_new (TD_TYPE_CATALOGUE_CLIENT, NULL);
  self->database = g_object_ref (database);
  self->server_url = g_strdup (server_url);
  while (g_str_has_suffix (self->server_url, "/"))
    self->server_url[strlen (self->server_url) - 1] = '\0';
  self->refresh_token = g_strstrip (g_strdup (refresh_token));
  return self;
}

void
td_catalogue_client_set_timeout (TdCatalogueClient *self,
                                 guint              seconds)
{
  g_return_if_fail (TD_IS_CATALOGUE_CLIENT (self));
  self->timeout = MAX (seconds, 1);
}

void
td_catalogue_client_set_only_when_needed (TdCatalogueClient *self,
                                          gboolean           only)
{
  g_return_if_fail (TD_IS_CATALOGUE_CLIENT (self));
  self->only_when_needed = only;
}

/* ------------------------------------------------------------------ */
/* one exchange with the platform (in a worker thread)                */

typedef struct {
  TdCatalogueClient *self;
  SoupSession       *session;
  GCancellable      *cancellable;
} Exchange;

typedef struct {
  guint       status;
  JsonObject *body;    /* parsed when JSON, else NULL */
  char       *etag;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, json_object_unref);
  g_clear_pointer (&reply->etag, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static void
exchange_init (Exchange          *exchange,
               TdCatalogueClient *self,
               GCancellable      *cancellable)
{
  exchange->self = self;
  exchange->cancellable = cancellable;
  exchange->session = soup_session_new_with_options ("user-agent", "Tourdesk/" PACKAGE_VERSION " ",
                                                     "timeout", self->timeout, NULL);
}

static void
exchange_clear (Exchange *exchange)
{
  soup_session_abort (exchange->session);
  g_clear_object (&exchange->session);
}

/* The reply, or FALSE with error: OFFLINE when the platform could not be
 * reached (the request then did nothing, or its outcome is unknown:
 * idempotent requests only). */
static gboolean
send_once (Exchange    *exchange,
           const char  *method,
           const char  *path,
           const char  *bearer,
           const char  *key,
           const char  *if_none_match,
           const char  *body,
           Reply       *reply,
           GError     **error)
{
  g_autofree char *uri = g_strconcat (exchange->self->server_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  SoupMessageHeaders *headers;
  const char *type;
  gsize size = 0;
  const char *data;

  if (msg == NULL)
    {
      g_set_error (error, TD_CATALOGUE_ERROR, TD_CATALOGUE_ERROR_PROTOCOL,
                   _("“%s” is not a platform address (http:// or https://)"), exchange->self->server_url);
      return FALSE;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (bearer)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", bearer, NULL);
      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (key)
    soup_message_headers_replace (headers, "Idempotency-Key", key);
  if (if_none_match)
    soup_message_headers_replace (headers, "If-None-Match", if_none_match);
  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (exchange->session, msg, exchange->cancellable, &local_error);
  if (answer == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TD_CATALOGUE_ERROR, TD_CATALOGUE_ERROR_OFFLINE,
                     _("Could not reach the platform at %s: %s"), exchange->self->server_url, local_error->message);
      return FALSE;
    }
  reply->status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  reply->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  type = soup_message_headers_get_content_type (headers, NULL);
  data = g_bytes_get_data (answer, &size);
  if (type && (g_str_equal (type, "application/json") || g_str_equal (type, "application/problem+json")) && size > 0)
    reply->body = td_json_parse_object (data, size, NULL);
  if (reply->status == 429 || reply->status >= 500)
    {
      g_set_error (error, TD_CATALOGUE_ERROR, TD_CATALOGUE_ERROR_OFFLINE,
                   _("The platform is busy or unavailable (HTTP %u)"), reply->status);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sign_in (Exchange  *exchange,
         GError   **error)
{
  g_autoptr(JsonObject) request = json_object_new ();
  g_autofree char *text = NULL;
  Reply reply = { 0 };
  const char *token = NULL;
  gboolean ok = FALSE;

  json_object_set_string_member (request, "grant_type", "refresh_token");
  json_object_set_string_member (request, "refresh_token", exchange->self->refresh_token);
  text = td_json_object_to_string (request);
  if (!send_once (exchange, "POST", "/v1/auth/token", NULL, NULL, NULL, text, &reply, error))
    goto out;
  if (reply.status != 200 || reply.body == NULL || !td_json_get_string (reply.body, "access_token", &token))
    {
      g_set_error (error, TD_CATALOGUE_ERROR, TD_CATALOGUE_ERROR_REFUSED,
                   _("The platform refused this desk's sign-in (HTTP %u)"), reply.status);
      goto out;
    }
  g_mutex_lock (&exchange->self->lock);
  g_free (exchange->self->access_token);
  exchange->self->access_token = g_strdup (token);
  g_mutex_unlock (&exchange->self->lock);
  ok = TRUE;
out:
  reply_clear (&reply);
  return ok;
}

/* An API call signed in (again once on 401). */
static gboolean
call (Exchange    *exchange,
      const char  *method,
      const char  *path,
      const char  *key,
      const char  *if_none_match,
      const char  *body,
      Reply       *reply,
      GError     **error)
{
  for (int attempt = 0; ; attempt++)
    {
      g_autofree char *token = NULL;

      g_mutex_lock (&exchange->self->lock);
      token = g_strdup (exchange->self->access_token);
      g_mutex_unlock (&exchange->self->lock);
      if (token == NULL)
        {
          if (!sign_in (exchange, error))
            return FALSE;
          continue;
        }
      reply_clear (reply);
      if (!send_once (exchange, method, path, token, key, if_none_match, body, reply, error))
        return FALSE;
      if (reply->status != SOUP_STATUS_UNAUTHORIZED || attempt > 1)
        break;
      g_mutex_lock (&exchange->self->lock);
      g_clear_pointer (&exchange->self->access_token, g_free);
      g_mutex_unlock (&exchange->self->lock);
    }
  if (reply->status == 304 || (reply->status >= 200 && reply->status < 300 && reply->body))
    return TRUE;
  {
    const char *detail = NULL;

    if (reply->body)
      td_json_get_string (reply->body, "detail", &detail);
    g_set_error (error, TD_CATALOGUE_ERROR, TD_CATALOGUE_ERROR_REFUSED,
                 _("The platform refused %s %s (HTTP %u): %s"), method, path, reply->status,
                 detail ? detail : soup_status_get_phrase (reply->status));
  }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* bookings: the platform takes the places                            */

typedef enum {
  BOOKED,
  REFUSED,   /* *detail says why, *remaining what is left (-1: not said) */
} Booking;

/* A UUID that is always the same for the same two strings (SHA-256 of
 * them, with the version and variant bits of a name-based UUID). */
static char *
stable_uuid (const char *space,
             const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) space, -1);
  g_checksum_update (checksum, (const guchar *) ":", 1);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (guint8) ((digest[6] & 0x0f) | 0x50);
  digest[8] = (guint8) ((digest[8] & 0x3f) | 0x80);
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]);
}

/* Pushes one booking of quantity places in the platform's slot; FALSE with
 * error when there is no answer (OFFLINE) or a wrong one. */
static gboolean
book (Exchange    *exchange,
      const char  *platform_slot,
      guint        quantity,
      const char  *booking_id,
      Booking     *outcome,
      char       **detail,
      gint64      *remaining,
      GError     **error)
{
  TdDatabase *db = exchange->self->database;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) op = json_object_new ();
  g_autoptr(JsonObject) values = json_object_new ();
  /* the same booking always goes as the same operation: asked again after
   * an answer that was lost, the platform says it is a duplicate */
  g_autofree char *op_id = stable_uuid ("booking-op", booking_id);
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *org = td_database_dup_setting (db, TD_SETTING_DEFAULT_ORG);
  g_autofree char *text = NULL;
  g_auto(Reply) reply = { 0 };
  JsonArray *ops = json_array_new ();
  JsonArray *results;
  JsonObject *result;
  const char *status = NULL, *code = NULL, *why = NULL;

  json_object_set_string_member (values, "slot_id", platform_slot);
  json_object_set_int_member (values, "quantity", quantity);
  json_object_set_string_member (values, "status", "pending");
  json_object_set_string_member (op, "op_id", op_id);
  json_object_set_string_member (op, "kind", "booking");
  json_object_set_string_member (op, "id", booking_id);
  json_object_set_string_member (op, "op", "insert");
  json_object_set_int_member (op, "base_revision", 0);
  if (org)
    json_object_set_string_member (op, "org_id", org);
  json_object_set_object_member (op, "values", json_object_ref (values));
  json_array_add_object_element (ops, json_object_ref (op));
  json_object_set_array_member (body, "ops", ops);
  text = td_json_object_to_string (body);

  if (!call (exchange, "POST", "/v1/sync/push", key, NULL, text, &reply, error))
    return FALSE;
  results = reply.body ? td_json_get_array (reply.body, "results") : NULL;
  if (results == NULL || json_array_get_length (results) != 1
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (results, 0))
      || !td_json_get_string ((result = json_array_get_object_element (results, 0)), "status", &status))
    {
      g_set_error_literal (error, TD_CATALOGUE_ERROR, TD_CATALOGUE_ERROR_PROTOCOL,
                           _("The platform's answer to a booking has no result"));
      return FALSE;
    }
  *remaining = -1;
  if (g_str_equal (status, "applied") || g_str_equal (status, "duplicate"))
    {
      *outcome = BOOKED;
      return TRUE;
    }
  td_json_get_string (result, "code", &code);
  td_json_get_string (result, "detail", &why);
  td_json_get_int (result, "remaining", remaining);
  *outcome = REFUSED;
  *detail = g_strdup_printf ("%s%s%s%s", why ? why : status, code ? " (" : "", code ? code : "", code ? ")" : "");
  return TRUE;
}

/* after a sale confirmed there failed here: give the places back */
static void
cancel_booking (Exchange   *exchange,
                const char *booking_id)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) op = json_object_new ();
  JsonObject *values = json_object_new ();
  JsonArray *ops = json_array_new ();
  g_autofree char *op_id = g_uuid_string_random ();
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *text = NULL;
  g_auto(Reply) reply = { 0 };
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (values, "status", "cancelled");
  json_object_set_string_member (op, "op_id", op_id);
  json_object_set_string_member (op, "kind", "booking");
  json_object_set_string_member (op, "id", booking_id);
  json_object_set_string_member (op, "op", "update");
  json_object_set_int_member (op, "base_revision", 1);
  json_object_set_object_member (op, "values", values);
  json_array_add_object_element (ops, json_object_ref (op));
  json_object_set_array_member (body, "ops", ops);
  text = td_json_object_to_string (body);
  if (!call (exchange, "POST", "/v1/sync/push", key, NULL, text, &reply, &error))
    g_warning ("Could not give back the places of booking %s: %s", booking_id, error->message);
}

/* ------------------------------------------------------------------ */
/* refresh                                                            */

/* Offline sales, told to the platform one ticket at a time: each is its
 * own booking of one place, whose id comes from the ticket's, so a report
 * repeated after a crash never takes a place twice. A ticket the platform
 * refuses (sold out there) becomes void with its reason. */
static gboolean
report_offline (Exchange           *exchange,
                TdCatalogueUpdate  *update,
                GError            **error)
{
  TdDatabase *db = exchange->self->database;
  g_autoptr(GPtrArray) tickets = td_tickets_list_unreported (db, error);

  if (tickets == NULL)
    return FALSE;
  for (guint i = 0; i < tickets->len; i++)
    {
      TdTicket *ticket = g_ptr_array_index (tickets, i);
      g_autoptr(JsonObject) slot = td_database_get_record (db, "attraction_slot", ticket->slot_id, error);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autofree char *booking_id = stable_uuid ("ticket-booking", ticket->id);
      g_autofree char *detail = NULL;
      const char *platform_slot = NULL;
      Booking outcome;
      gint64 remaining;

      if (slot == NULL)
        return FALSE;
      if (!td_json_get_string (slot, "platform_id", &platform_slot))
        continue;
      if (!book (exchange, platform_slot, 1, booking_id, &outcome, &detail, &remaining, error))
        return FALSE;
      g_ptr_array_add (ids, ticket->id);
      if (outcome == REFUSED)
        {
          if (!td_tickets_mark_refused (db, NULL, ids, detail, error))
            return FALSE;
          update->refused++;
          continue;
        }
      if (!td_tickets_mark_confirmed (db, NULL, ids, booking_id, error))
        return FALSE;
      update->reported++;
    }
  return TRUE;
}

/* Void tickets the platform had confirmed: their places given back there
 * (the booking keeps as many places as it has valid tickets, or is
 * cancelled), then marked so. */
static gboolean
release_voided (Exchange           *exchange,
                TdCatalogueUpdate  *update,
                GError            **error)
{
  TdDatabase *db = exchange->self->database;
  g_autoptr(GPtrArray) releases = td_tickets_list_to_release (db, error);

  if (releases == NULL)
    return FALSE;
  for (guint i = 0; i < releases->len; i++)
    {
      TdTicketRelease *release = g_ptr_array_index (releases, i);
      g_autoptr(JsonObject) body = json_object_new ();
      g_autoptr(JsonObject) op = json_object_new ();
      JsonObject *values = json_object_new ();
      JsonArray *ops = json_array_new ();
      g_autofree char *seed = g_strdup_printf ("%s:%u", release->booking_id, release->live);
      g_autofree char *op_id = stable_uuid ("release-op", seed);
      g_autofree char *key = g_uuid_string_random ();
      g_autofree char *text = NULL;
      g_auto(Reply) reply = { 0 };
      JsonArray *results;
      const char *status = NULL;

      if (release->live == 0)
        json_object_set_string_member (values, "status", "cancelled");
      else
        json_object_set_int_member (values, "quantity", release->live);
      json_object_set_string_member (op, "op_id", op_id);
      json_object_set_string_member (op, "kind", "booking");
      json_object_set_string_member (op, "id", release->booking_id);
      json_object_set_string_member (op, "op", "update");
      json_object_set_int_member (op, "base_revision", 1);
      json_object_set_object_member (op, "values", values);
      json_array_add_object_element (ops, json_object_ref (op));
      json_object_set_array_member (body, "ops", ops);
      text = td_json_object_to_string (body);
      if (!call (exchange, "POST", "/v1/sync/push", key, NULL, text, &reply, error))
        return FALSE;
      results = reply.body ? td_json_get_array (reply.body, "results") : NULL;
      if (results && json_array_get_length (results) == 1
          && JSON_NODE_HOLDS_OBJECT (json_array_get_element (results, 0)))
        td_json_get_string (json_array_get_object_element (results, 0), "status", &status);
      /* a refusal (a booking the platform no longer has) is not asked
       * again: the place is not held there either way */
      if (status == NULL || !(g_str_equal (status, "applied") || g_str_equal (status, "duplicate")))
        g_message ("The platform did not take back the places of booking %s: %s",
                   release->booking_id, status ? status : "no answer");
      if (!td_tickets_mark_released (db, NULL, release->void_ids, error))
        return FALSE;
      update->released += release->void_ids->len;
    }
  return TRUE;
}

static gboolean
refresh (Exchange           *exchange,
         TdCatalogueUpdate  *update,
         GError            **error)
{
  TdDatabase *db = exchange->self->database;
  g_autofree char *zone = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
  g_autofree char *etag = td_database_dup_setting (db, TD_SETTING_CATALOGUE_ETAG);
  g_autofree char *from = NULL, *to = NULL, *path = NULL, *now = NULL;
  g_auto(Reply) reply = { 0 };
  JsonArray *attractions;
  guint32 today = td_today_julian (zone);

  memset (update, 0, sizeof *update);
  /* a hotel without places or tickets has nothing to ask the catalogue */
  if (exchange->self->only_when_needed
      && td_database_count (db, "poi", NULL) <= 0 && td_database_count (db, "ticket", NULL) <= 0)
    return TRUE;
  if (!report_offline (exchange, update, error) || !release_voided (exchange, update, error))
    return FALSE;

  from = td_date_format_iso (today);
  to = td_date_format_iso (today + CATALOGUE_DAYS);
  path = g_strdup_printf ("/v1/catalogue?from=%s&to=%s", from, to);
  if (!call (exchange, "GET", path, NULL, etag, NULL, &reply, error))
    return FALSE;
  now = td_timestamp_now ();
  if (reply.status == 304)
    return td_tickets_confirm_quotas (db, now, error);

  attractions = td_json_get_array (reply.body, "attractions");
  if (attractions == NULL)
    {
      g_set_error_literal (error, TD_CATALOGUE_ERROR, TD_CATALOGUE_ERROR_PROTOCOL,
                           _("The platform's catalogue has no attractions"));
      return FALSE;
    }
  if (!td_tickets_apply_catalogue (db, NULL, attractions, now, &update->slots, error))
    return FALSE;
  update->changed = TRUE;
  return td_database_set_setting (db, TD_SETTING_CATALOGUE_ETAG, reply.etag, error);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Exchange exchange;
  TdCatalogueUpdate *update = g_new0 (TdCatalogueUpdate, 1);
  GError *error = NULL;

  exchange_init (&exchange, source_object, cancellable);
  if (refresh (&exchange, update, &error))
    g_task_return_pointer (task, update, g_free);
  else
    {
      g_free (update);
      g_task_return_error (task, error);
    }
  exchange_clear (&exchange);
}

void
td_catalogue_client_refresh_async (TdCatalogueClient   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_CATALOGUE_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_catalogue_client_refresh_async);
  g_task_run_in_thread (task, refresh_thread);
}

gboolean
td_catalogue_client_refresh_finish (TdCatalogueClient  *self,
                                    GAsyncResult       *result,
                                    TdCatalogueUpdate  *update,
                                    GError            **error)
{
  g_autofree TdCatalogueUpdate *done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done == NULL)
    return FALSE;
  if (update)
    *update = *done;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* selling                                                            */

typedef struct {
  TdDatabase   *database;
  TdTicketSale  sale;     /* its strings owned here */
} Sale;

static void
sale_free (Sale *sale)
{
  g_clear_object (&sale->database);
  g_free ((char *) sale->sale.poi_id);
  g_free ((char *) sale->sale.date);
  g_free ((char *) sale->sale.start_time);
  g_free ((char *) sale->sale.customer_id);
  g_free ((char *) sale->sale.platform_booking_id);
  g_free (sale);
}

static GPtrArray *
sell_online (Exchange      *exchange,
             TdDatabase    *db,
             TdTicketSale  *sale,
             const TdSlot  *slot,
             GError       **error)
{
  g_autofree char *booking_id = g_uuid_string_random ();
  g_autofree char *detail = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *tickets;
  Booking outcome;
  gint64 remaining = -1;

  if (!book (exchange, slot->platform_id, sale->count, booking_id, &outcome, &detail, &remaining, &local_error))
    {
      if (!g_error_matches (local_error, TD_CATALOGUE_ERROR, TD_CATALOGUE_ERROR_OFFLINE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* no platform: against the quota of the last sync, marked so */
      g_message ("Selling offline: %s", local_error->message);
      sale->offline = TRUE;
      return td_tickets_sell (db, NULL, sale, error);
    }

  if (outcome == REFUSED)
    {
      g_autofree char *now = td_timestamp_now ();

      if (remaining >= 0)
        td_tickets_set_quota (db, slot->id, remaining, now, NULL);
      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_SOLD_OUT,
                   _("The platform refused the sale: %s"), detail);
      return NULL;
    }

  sale->offline = FALSE;
  sale->platform_booking_id = g_strdup (booking_id);
  tickets = td_tickets_sell (db, NULL, sale, error);
  if (tickets == NULL)
    {
      cancel_booking (exchange, booking_id);
      return NULL;
    }
  /* what is left there now, as of now (best effort: the sale is made) */
  {
    TdCatalogueUpdate update;
    g_autoptr(GError) refresh_error = NULL;

    if (!refresh (exchange, &update, &refresh_error))
      g_message ("Could not bring the quotas up to date after a sale: %s", refresh_error->message);
  }
  return tickets;
}

static void
sell_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TdCatalogueClient *self = source_object;
  Sale *sale = task_data;
  g_autoptr(TdSlot) slot = NULL;
  GPtrArray *tickets = NULL;
  GError *error = NULL;

  slot = td_tickets_get_slot (sale->database, sale->sale.poi_id, sale->sale.date, sale->sale.start_time, &error);
  if (slot == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self && slot->platform_id)
    {
      Exchange exchange;

      exchange_init (&exchange, self, cancellable);
      tickets = sell_online (&exchange, sale->database, &sale->sale, slot, &error);
      exchange_clear (&exchange);
    }
  else
    {
      /* a slot of the platform's, sold without it */
      sale->sale.offline = slot->platform_id != NULL;
      tickets = td_tickets_sell (sale->database, NULL, &sale->sale, &error);
    }
  if (tickets)
    g_task_return_pointer (task, tickets, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
td_catalogue_client_sell_async (TdCatalogueClient   *self,
                                TdDatabase          *database,
                                const TdTicketSale  *sale,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Sale *copy;

  g_return_if_fail (self == NULL || TD_IS_CATALOGUE_CLIENT (self));
  g_return_if_fail (TD_IS_DATABASE (database) && sale != NULL);

  copy = g_new0 (Sale, 1);
  copy->database = g_object_ref (database);
  copy->sale = *sale;
  copy->sale.poi_id = g_strdup (sale->poi_id);
  copy->sale.date = g_strdup (sale->date);
  copy->sale.start_time = g_strdup (sale->start_time);
  copy->sale.customer_id = g_strdup (sale->customer_id);
  copy->sale.platform_booking_id = NULL;
  copy->sale.offline = FALSE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_catalogue_client_sell_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) sale_free);
  g_task_run_in_thread (task, sell_thread);
}

GPtrArray *
td_catalogue_client_sell_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_catalogue_client_sell_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
