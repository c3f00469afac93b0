/* td-cloud-api.c: routing, answers, problems, idempotent requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-cloud-api-private.h"

#define MAX_KEY_LENGTH 255

void
td_cloud_config_init (TdCloudConfig *config)
{
  config->access_token_ttl = 900;
  config->max_ops = 500;
  config->max_body = 16 * 1024 * 1024;
  config->page_default = 500;
  config->page_max = 2000;
}

/* ------------------------------------------------------------------ */
/* requests and responses                                             */

TdCloudRequest *
td_cloud_request_new (const char *method,
                      const char *path)
{
  TdCloudRequest *request = g_new0 (TdCloudRequest, 1);

  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return request;
}

void
td_cloud_request_free (TdCloudRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_free (request->authorization);
  g_free (request->idempotency_key);
  g_free (request->if_none_match);
  g_free (request->content_type);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->params, g_hash_table_unref);
  td_cloud_desk_free (request->desk);
  td_cloud_tenant_free (request->tenant);
  g_free (request);
}

TdCloudResponse *
td_cloud_response_new (void)
{
  TdCloudResponse *response = g_new0 (TdCloudResponse, 1);

  response->status = 500;
  response->headers = g_ptr_array_new_with_free_func (g_free);
  return response;
}

void
td_cloud_response_free (TdCloudResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_ptr_array_unref (response->headers);
  g_free (response->desk_id);
  g_free (response->note);
  g_free (response);
}

const char *
td_cloud_response_get_header (TdCloudResponse *response,
                              const char      *name)
{
  for (guint i = 0; i + 1 < response->headers->len; i += 2)
    if (g_ascii_strcasecmp (g_ptr_array_index (response->headers, i), name) == 0)
      return g_ptr_array_index (response->headers, i + 1);
  return NULL;
}

void
td_cloud_add_header (TdCloudResponse *response,
                     const char      *name,
                     const char      *value)
{
  g_ptr_array_add (response->headers, g_strdup (name));
  g_ptr_array_add (response->headers, g_strdup (value));
}

static void
set_body (TdCloudResponse *response,
          guint            status,
          const char      *content_type,
          char            *text)
{
  response->status = status;
  g_free (response->content_type);
  response->content_type = g_strdup (content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  response->body = g_bytes_new_take (text, strlen (text));
}

void
td_cloud_reply_json (TdCloudResponse *response,
                     guint            status,
                     JsonObject      *object)
{
  set_body (response, status, "application/json", td_json_object_to_string (object));
}

static const char *
status_title (guint status)
{
  switch (status)
    {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}

void
td_cloud_problem (TdCloudResponse *response,
                  guint            status,
                  const char      *code,
                  const char      *format,
                  ...)
{
  g_autoptr(JsonObject) problem = json_object_new ();
  g_autofree char *type = g_strconcat (TD_CLOUD_PROBLEM_BASE, code, NULL);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  /* RFC 9457, plus "code": the same name as the end of "type", for
   * clients to switch on */
  json_object_set_string_member (problem, "type", type);
  json_object_set_string_member (problem, "title", status_title (status));
  json_object_set_int_member (problem, "status", status);
  json_object_set_string_member (problem, "detail", detail);
  json_object_set_string_member (problem, "code", code);
  set_body (response, status, "application/problem+json", td_json_object_to_string (problem));
}

void
td_cloud_store_failed (TdCloudResponse *response,
                       GError          *error)
{
  g_ptr_array_set_size (response->headers, 0);
  g_free (response->note);
  response->note = g_strdup (error->message);
  if (g_error_matches (error, TD_CLOUD_ERROR, TD_CLOUD_ERROR_BUSY))
    {
      td_cloud_problem (response, 503, "busy", "The platform is busy; try again in a moment.");
      td_cloud_add_header (response, "Retry-After", "1");
    }
  else
    td_cloud_problem (response, 500, "internal", "The platform could not complete the request.");
}

JsonObject *
td_cloud_body_object (TdCloudRequest  *request,
                      TdCloudResponse *response)
{
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize size = 0;
  JsonObject *object;

  if (request->content_type == NULL
      || !(g_str_has_prefix (request->content_type, "application/json")
           || g_str_has_prefix (request->content_type, "application/merge-patch+json")))
    {
      td_cloud_problem (response, 415, "unsupported_media_type", "The body must be application/json.");
      return NULL;
    }
  data = request->body ? g_bytes_get_data (request->body, &size) : NULL;
  object = td_json_parse_object (data ? data : "", size, &error);
  if (object == NULL)
    td_cloud_problem (response, 400, "invalid_json", "%s", error->message);
  return object;
}

JsonArray *
td_cloud_body_batch (TdCloudContext   *context,
                     TdCloudRequest   *request,
                     TdCloudResponse  *response,
                     const char       *member,
                     const char       *shape,
                     gboolean          allow_empty,
                     JsonObject      **body)
{
  JsonArray *items;
  guint n;

  *body = td_cloud_body_object (request, response);
  if (*body == NULL)
    return NULL;
  items = td_json_get_array (*body, member);
  if (items == NULL || (!allow_empty && json_array_get_length (items) == 0))
    {
      td_cloud_problem (response, 400, "invalid_batch", "The body is %s.", shape);
      return NULL;
    }
  n = json_array_get_length (items);
  if (n > context->config->max_ops)
    {
      td_cloud_problem (response, 413, "batch_too_large",
                        "At most %u items in one request, this one has %u: split it (an operation keeps its op_id).",
                        context->config->max_ops, n);
      return NULL;
    }
  return items;
}

void
td_cloud_reply_batch (TdCloudResponse *response,
                      const char      *member,
                      JsonArray       *items)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  json_object_set_array_member (reply, member, items);
  td_cloud_set_server_time (reply);
  td_cloud_reply_json (response, 200, reply);
}

const char *
td_cloud_query (TdCloudRequest *request,
                const char     *name)
{
  return request->query ? g_hash_table_lookup (request->query, name) : NULL;
}

static gboolean
parse_count (const char *text,
             gint64      min,
             gint64      max,
             gint64     *out)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0' || !g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

gboolean
td_cloud_query_limit (TdCloudContext  *context,
                      TdCloudRequest  *request,
                      TdCloudResponse *response,
                      guint           *limit)
{
  const char *text = td_cloud_query (request, "limit");
  gint64 value = 0;

  *limit = context->config->page_default;
  if (text == NULL)
    return TRUE;
  if (!parse_count (text, 1, context->config->page_max, &value))
    {
      td_cloud_problem (response, 400, "invalid_parameter", "limit must be a whole number from 1 to %u, not “%s”.",
                        context->config->page_max, text);
      return FALSE;
    }
  *limit = (guint) value;
  return TRUE;
}

gboolean
td_cloud_query_date (TdCloudRequest  *request,
                     TdCloudResponse *response,
                     const char      *name,
                     guint32         *julian)
{
  const char *text = td_cloud_query (request, name);
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return TRUE;
  if (!td_date_parse_iso (text, julian, &error))
    {
      td_cloud_problem (response, 400, "invalid_parameter", "%s: %s", name, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
td_cloud_query_after (TdCloudRequest  *request,
                      TdCloudResponse *response,
                      gint64          *after)
{
  const char *text = td_cloud_query (request, "after");

  *after = 0;
  if (text && !parse_count (text, 0, G_MAXINT64, after))
    {
      td_cloud_problem (response, 400, "invalid_parameter", "after must be a “next_after” this list gave, not “%s”.",
                        text);
      return FALSE;
    }
  return TRUE;
}

JsonObject *
td_cloud_desk_json (const TdCloudDesk *desk)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", desk->id);
  json_object_set_string_member (object, "name", desk->name);
  return object;
}

JsonObject *
td_cloud_tenant_json (const TdCloudTenant *tenant)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", tenant->id);
  json_object_set_string_member (object, "name", tenant->name);
  if (tenant->kind)
    json_object_set_string_member (object, "kind", tenant->kind);
  else
    json_object_set_null_member (object, "kind");
  return object;
}

void
td_cloud_set_server_time (JsonObject *object)
{
  g_autofree char *now = td_timestamp_now ();

  json_object_set_string_member (object, "server_time", now);
}

JsonArray *
td_cloud_records_json (GPtrArray *records)
{
  JsonArray *array = json_array_sized_new (records->len);

  for (guint i = 0; i < records->len; i++)
    json_array_add_object_element (array, td_cloud_record_to_json (g_ptr_array_index (records, i)));
  return array;
}

char *
td_cloud_uuid_from (const char *text)
{
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  /* the form of a version 8 (custom) UUID, RFC 9562 */
  hex[12] = '8';
  hex[16] = "89ab"[g_ascii_xdigit_value (hex[16]) & 3];
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

/* ------------------------------------------------------------------ */
/* idempotent requests                                                */

static gboolean
key_is_valid (const char *key)
{
  gsize length = key ? strlen (key) : 0;

  if (length == 0 || length > MAX_KEY_LENGTH)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

static char *
fingerprint (TdCloudRequest *request)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize size = 0;
  const guchar *data = request->body ? g_bytes_get_data (request->body, &size) : NULL;

  g_checksum_update (checksum, (const guchar *) request->method, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) request->path, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  if (data)
    g_checksum_update (checksum, data, (gssize) size);
  return g_strdup (g_checksum_get_string (checksum));
}

void
td_cloud_run_idempotent (TdCloudContext       *context,
                         TdCloudRequest       *request,
                         TdCloudResponse      *response,
                         TdCloudWriteEndpoint  endpoint)
{
  TdCloudStore *store = context->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCloudStoredResponse) stored = NULL;
  g_autofree char *print = NULL;
  TdCloudStoredResponse keep = { 0 };

  if (request->idempotency_key == NULL)
    {
      td_cloud_problem (response, 400, "idempotency_key_missing",
                        "%s %s needs an Idempotency-Key header (a new UUID per batch, the same on every retry).",
                        request->method, request->path);
      return;
    }
  if (!key_is_valid (request->idempotency_key))
    {
      td_cloud_problem (response, 400, "idempotency_key_invalid",
                        "The Idempotency-Key must be 1 to %d visible ASCII characters.", MAX_KEY_LENGTH);
      return;
    }
  print = fingerprint (request);

  if (!store->vt->begin (store, TRUE, &error))
    {
      td_cloud_store_failed (response, error);
      return;
    }
  stored = store->vt->response_get (store, request->desk->id, request->idempotency_key, &error);
  if (error)
    goto failed;
  if (stored)
    {
      store->vt->rollback (store);
      if (!g_str_equal (stored->fingerprint, print))
        {
          td_cloud_problem (response, 422, "idempotency_key_reused",
                            "This Idempotency-Key was used for another request (%s %s with another body): "
                            "a new batch needs a new key.", stored->method, stored->path);
          return;
        }
      response->status = stored->status;
      response->content_type = g_strdup (stored->content_type);
      response->body = g_bytes_ref (stored->body);
      td_cloud_add_header (response, "Idempotent-Replayed", "true");
      return;
    }

  if (!endpoint (context, request, response, &error))
    goto failed;
  if (response->status < 500)
    {
      keep.method = request->method;
      keep.path = request->path;
      keep.fingerprint = print;
      keep.status = response->status;
      keep.content_type = response->content_type;
      keep.body = response->body ? response->body : g_bytes_new_static ("", 0);
      if (!store->vt->response_put (store, request->desk->id, request->idempotency_key, &keep, &error))
        {
          if (response->body == NULL)
            g_bytes_unref (keep.body);
          goto failed;
        }
      if (response->body == NULL)
        g_bytes_unref (keep.body);
    }
  if (!store->vt->commit (store, &error))
    goto failed;
  return;

failed:
  store->vt->rollback (store);
  td_cloud_store_failed (response, error);
}

/* ------------------------------------------------------------------ */
/* routing                                                            */

typedef struct {
  const char      *method;
  const char      *pattern;
  TdCloudEndpoint  endpoint;
  gboolean         authenticated;
} Route;

static const Route routes[] = {
  { "GET",    "/v1/health",                td_cloud_api_health,              FALSE },
  { "POST",   "/v1/auth/token",            td_cloud_api_token,               FALSE },
  { "GET",    "/v1/me",                    td_cloud_api_me,                  TRUE },
  { "POST",   "/v1/sync/push",             td_cloud_api_push,                TRUE },
  { "GET",    "/v1/sync/pull",             td_cloud_api_pull,                TRUE },
  { "GET",    "/v1/sync/snapshot",         td_cloud_api_snapshot,            TRUE },
  { "GET",    "/v1/catalogue",             td_cloud_api_catalogue,           TRUE },
  { "POST",   "/v1/registrations",         td_cloud_api_registrations_post,  TRUE },
  { "GET",    "/v1/registrations",         td_cloud_api_registrations_list,  TRUE },
  { "GET",    "/v1/registrations/{id}",    td_cloud_api_registration_get,    TRUE },
  { "POST",   "/v1/statistics",            td_cloud_api_statistics_post,     TRUE },
  { "GET",    "/v1/statistics",            td_cloud_api_statistics_list,     TRUE },
  { "POST",   "/v1/complaints",            td_cloud_api_complaints_post,     TRUE },
  { "GET",    "/v1/complaints",            td_cloud_api_complaints_list,     TRUE },
  { "GET",    "/v1/complaints/{id}",       td_cloud_api_complaint_get,       TRUE },
  { "PUT",    "/v1/complaints/{id}",       td_cloud_api_complaint_refuse,    TRUE },
  { "PATCH",  "/v1/complaints/{id}",       td_cloud_api_complaint_refuse,    TRUE },
  { "DELETE", "/v1/complaints/{id}",       td_cloud_api_complaint_refuse,    TRUE },
  { "POST",   "/v1/complaints/{id}/notes", td_cloud_api_complaint_note_post, TRUE },
};

const char * const *
td_cloud_api_routes (void)
{
  static const char **names;

  if (g_once_init_enter (&names))
    {
      const char **list = g_new0 (const char *, G_N_ELEMENTS (routes) + 1);

      for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
        {
          g_autofree char *name = g_strdup_printf ("%s %s", routes[i].method, routes[i].pattern);

          list[i] = g_intern_string (name);
        }
      g_once_init_leave (&names, list);
    }
  return names;
}

/* Matches path against a pattern such as /v1/complaints/{id}/notes,
 * filling params. */
static gboolean
match (const char *pattern,
       const char *path,
       GHashTable *params)
{
  g_auto(GStrv) want = g_strsplit (pattern, "/", -1);
  g_auto(GStrv) have = g_strsplit (path, "/", -1);

  if (g_strv_length (want) != g_strv_length (have))
    return FALSE;
  for (guint i = 0; want[i]; i++)
    {
      if (want[i][0] == '{')
        {
          if (have[i][0] == '\0')
            return FALSE;
          if (params)
            g_hash_table_replace (params, g_strndup (want[i] + 1, strlen (want[i]) - 2), g_strdup (have[i]));
        }
      else if (!g_str_equal (want[i], have[i]))
        return FALSE;
    }
  return TRUE;
}

void
td_cloud_api_handle (TdCloudContext  *context,
                     TdCloudRequest  *request,
                     TdCloudResponse *response)
{
  const Route *route = NULL;
  g_autoptr(GString) allow = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (match (routes[i].pattern, request->path, NULL))
      {
        if (g_str_equal (routes[i].method, request->method))
          route = &routes[i];
        g_string_append_printf (allow, "%s%s", allow->len ? ", " : "", routes[i].method);
      }

  if (route == NULL)
    {
      if (allow->len == 0)
        td_cloud_problem (response, 404, "not_found", "There is nothing at %s.", request->path);
      else
        {
          td_cloud_problem (response, 405, "method_not_allowed", "%s does not take %s (it takes %s).",
                            request->path, request->method, allow->str);
          td_cloud_add_header (response, "Allow", allow->str);
        }
      return;
    }
  if (request->body && g_bytes_get_size (request->body) > context->config->max_body)
    {
      td_cloud_problem (response, 413, "body_too_large", "The body is larger than %" G_GSIZE_FORMAT " bytes.",
                        context->config->max_body);
      return;
    }

  match (route->pattern, request->path, request->params);
  if (route->authenticated && !td_cloud_authenticate (context, request, response))
    return;
  if (request->desk)
    response->desk_id = g_strdup (request->desk->id);
  route->endpoint (context, request, response);
}
