/* td-cloud-api-auth.c: signing desks in (POST /v1/auth/token), /v1/me, /v1/health
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-cloud-api-private.h"
#include "td-cloud-token.h"

static void
unauthorized (TdCloudResponse *response,
              const char      *challenge,
              const char      *detail)
{
  td_cloud_problem (response, 401, "invalid_token", "%s", detail);
  td_cloud_add_header (response, "WWW-Authenticate", challenge);
}

gboolean
td_cloud_authenticate (TdCloudContext  *context,
                       TdCloudRequest  *request,
                       TdCloudResponse *response)
{
  TdCloudStore *store = context->store;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *token;

  if (request->authorization == NULL || g_ascii_strncasecmp (request->authorization, "Bearer ", 7) != 0)
    {
      unauthorized (response, "Bearer realm=\"tourdesk\"",
                    "Sign in first: POST /v1/auth/token, then send Authorization: Bearer <access_token>.");
      return FALSE;
    }
  token = request->authorization + 7;
  while (*token == ' ')
    token++;
  hash = td_cloud_token_hash (token);
  request->desk = store->vt->desk_by_access_hash (store, hash, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (error)
    {
      td_cloud_store_failed (response, error);
      return FALSE;
    }
  if (request->desk == NULL)
    {
      unauthorized (response, "Bearer realm=\"tourdesk\", error=\"invalid_token\"",
                    "The access token is unknown or has expired: get a new one with the refresh token.");
      return FALSE;
    }
  if (request->desk->disabled)
    {
      td_cloud_problem (response, 403, "desk_disabled", "This desk has been disabled by the platform.");
      return FALSE;
    }
  request->tenant = store->vt->tenant_get (store, request->desk->tenant_id, &error);
  if (request->tenant == NULL)
    {
      if (error == NULL)
        g_set_error (&error, TD_CLOUD_ERROR, TD_CLOUD_ERROR_NOT_FOUND, "desk %s has no tenant", request->desk->id);
      td_cloud_store_failed (response, error);
      return FALSE;
    }
  return TRUE;
}

void
td_cloud_api_token (TdCloudContext  *context,
                    TdCloudRequest  *request,
                    TdCloudResponse *response)
{
  TdCloudStore *store = context->store;
  g_autoptr(JsonObject) body = td_cloud_body_object (request, response);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCloudDesk) desk = NULL;
  g_autoptr(TdCloudTenant) tenant = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *access = NULL;
  g_autofree char *access_hash = NULL;
  g_autofree char *expires = NULL;
  const char *grant = NULL, *refresh = NULL;
  gint64 now = g_get_real_time ();

  if (body == NULL)
    return;
  if (!td_json_get_string (body, "grant_type", &grant) || !g_str_equal (grant, "refresh_token"))
    {
      td_cloud_problem (response, 400, "unsupported_grant_type", "grant_type must be “refresh_token”.");
      return;
    }
  if (!td_json_get_string (body, "refresh_token", &refresh) || !g_str_has_prefix (refresh, TD_CLOUD_REFRESH_PREFIX))
    {
      td_cloud_problem (response, 400, "invalid_request", "refresh_token must be the desk's token (tdr_…).");
      return;
    }

  hash = td_cloud_token_hash (refresh);
  if (!store->vt->begin (store, TRUE, &error))
    goto failed;
  desk = store->vt->desk_by_refresh_hash (store, hash, &error);
  if (error)
    goto failed;
  if (desk == NULL)
    {
      store->vt->rollback (store);
      td_cloud_problem (response, 400, "invalid_grant",
                        "This refresh token is not (or no longer) valid: ask the platform for a new one.");
      return;
    }
  response->desk_id = g_strdup (desk->id);
  if (desk->disabled)
    {
      store->vt->rollback (store);
      td_cloud_problem (response, 403, "desk_disabled", "This desk has been disabled by the platform.");
      return;
    }
  tenant = store->vt->tenant_get (store, desk->tenant_id, &error);
  if (tenant == NULL)
    goto failed;

  access = td_cloud_token_new (TD_CLOUD_ACCESS_PREFIX);
  access_hash = td_cloud_token_hash (access);
  if (!store->vt->access_token_add (store, access_hash, desk->id,
                                    now / G_USEC_PER_SEC + context->config->access_token_ttl, &error)
      || !store->vt->commit (store, &error))
    goto failed;

  expires = td_timestamp_from_unix (now + context->config->access_token_ttl * G_USEC_PER_SEC);
  reply = json_object_new ();
  json_object_set_string_member (reply, "access_token", access);
  json_object_set_string_member (reply, "token_type", "Bearer");
  json_object_set_int_member (reply, "expires_in", context->config->access_token_ttl);
  json_object_set_string_member (reply, "expires_at", expires);
  json_object_set_object_member (reply, "desk", td_cloud_desk_json (desk));
  json_object_set_object_member (reply, "tenant", td_cloud_tenant_json (tenant));
  td_cloud_set_server_time (reply);
  td_cloud_reply_json (response, 200, reply);
  td_cloud_add_header (response, "Cache-Control", "no-store");
  return;

failed:
  store->vt->rollback (store);
  if (error == NULL)
    g_set_error_literal (&error, TD_CLOUD_ERROR, TD_CLOUD_ERROR_NOT_FOUND, "the desk's tenant is gone");
  td_cloud_store_failed (response, error);
}

void
td_cloud_api_me (TdCloudContext  *context,
                 TdCloudRequest  *request,
                 TdCloudResponse *response)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  json_object_set_object_member (reply, "desk", td_cloud_desk_json (request->desk));
  json_object_set_object_member (reply, "tenant", td_cloud_tenant_json (request->tenant));
  td_cloud_set_server_time (reply);
  td_cloud_reply_json (response, 200, reply);
}

void
td_cloud_api_health (TdCloudContext  *context,
                     TdCloudRequest  *request,
                     TdCloudResponse *response)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  json_object_set_string_member (reply, "status", "ok");
  json_object_set_string_member (reply, "version", PACKAGE_VERSION);
  json_object_set_string_member (reply, "api", "v1");
  td_cloud_set_server_time (reply);
  td_cloud_reply_json (response, 200, reply);
}
