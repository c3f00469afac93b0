/* td-cloud-api.h: the platform's HTTP API (/v1), apart from HTTP itself
 *
 * A request comes in as a TdCloudRequest (copied from the SoupServer
 * message on the main thread), is handled on a worker thread with that
 * thread's own store, and goes out as a TdCloudResponse. Nothing here
 * touches libsoup: the tests and other front ends can call it directly.
 *
 * The document data/openapi/tourdesk-cloud-v1.json describes every route;
 * the tests check the running server against it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-cloud-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 access_token_ttl;  /* seconds an access token lives */
  guint  max_ops;           /* operations in one push */
  gsize  max_body;          /* bytes of a request body */
  guint  page_default;      /* records in a pull or snapshot page */
  guint  page_max;
} TdCloudConfig;

void td_cloud_config_init (TdCloudConfig *config);

typedef struct {
  char          *method;
  char          *path;
  GHashTable    *query;            /* name → value, owned; may be NULL */
  char          *authorization;
  char          *idempotency_key;
  char          *if_none_match;
  char          *content_type;
  GBytes        *body;             /* may be NULL */

  /* filled while handling */
  GHashTable    *params;           /* {id} of the path */
  TdCloudDesk   *desk;
  TdCloudTenant *tenant;
} TdCloudRequest;

typedef struct {
  guint      status;
  char      *content_type;
  GBytes    *body;                 /* NULL: no body */
  GPtrArray *headers;              /* name, value, name, value… */
  char      *desk_id;              /* for the log line, when known */
  char      *note;                 /* for the log line: an error the client did not see */
} TdCloudResponse;

typedef struct {
  TdCloudStore        *store;
  const TdCloudConfig *config;
} TdCloudContext;

TdCloudRequest  *td_cloud_request_new   (const char      *method,
                                         const char      *path);
void             td_cloud_request_free  (TdCloudRequest  *request);
TdCloudResponse *td_cloud_response_new  (void);
void             td_cloud_response_free (TdCloudResponse *response);
const char      *td_cloud_response_get_header (TdCloudResponse *response,
                                               const char      *name);

void             td_cloud_api_handle    (TdCloudContext  *context,
                                         TdCloudRequest  *request,
                                         TdCloudResponse *response);

/* The routes, "GET /v1/complaints/{id}" and so on, NULL-terminated. */
const char * const *td_cloud_api_routes (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudRequest, td_cloud_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudResponse, td_cloud_response_free)

G_END_DECLS
