/* td-cloud-api-private.h: what the endpoint files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-cloud-api.h"
#include "td-cloud-kinds.h"
#include "td-cloud-sync.h"

G_BEGIN_DECLS

#define TD_CLOUD_PROBLEM_BASE "https://tourdesk.org/problems/"

typedef void     (*TdCloudEndpoint)      (TdCloudContext  *context,
                                          TdCloudRequest  *request,
                                          TdCloudResponse *response);
/* Runs inside the write transaction of an idempotent request: FALSE with
 * error only when the store fails (the transaction is then rolled back). */
typedef gboolean (*TdCloudWriteEndpoint) (TdCloudContext  *context,
                                          TdCloudRequest  *request,
                                          TdCloudResponse *response,
                                          GError         **error);

/* td-cloud-api.c */

void        td_cloud_problem       (TdCloudResponse *response,
                                    guint            status,
                                    const char      *code,
                                    const char      *format,
                                    ...) G_GNUC_PRINTF (4, 5);
void        td_cloud_reply_json    (TdCloudResponse *response,
                                    guint            status,
                                    JsonObject      *object);
void        td_cloud_store_failed  (TdCloudResponse *response,
                                    GError          *error);
void        td_cloud_add_header    (TdCloudResponse *response,
                                    const char      *name,
                                    const char      *value);
/* The request body as a JSON object, or NULL after answering 400/415. */
JsonObject *td_cloud_body_object   (TdCloudRequest  *request,
                                    TdCloudResponse *response);
/* The array member of a batch body, at most max_ops items (at least one
 * unless allow_empty), or NULL after answering 400, 413 or 415; *body
 * (to unref) holds it. shape says what the body should be, for the 400. */
JsonArray  *td_cloud_body_batch    (TdCloudContext   *context,
                                    TdCloudRequest   *request,
                                    TdCloudResponse  *response,
                                    const char       *member,
                                    const char       *shape,
                                    gboolean          allow_empty,
                                    JsonObject      **body);
/* 200 with {member: items (taken), "server_time"} */
void        td_cloud_reply_batch   (TdCloudResponse  *response,
                                    const char       *member,
                                    JsonArray        *items);
const char *td_cloud_query         (TdCloudRequest  *request,
                                    const char      *name);
/* ?limit=N: FALSE after answering 400 */
gboolean    td_cloud_query_limit   (TdCloudContext  *context,
                                    TdCloudRequest  *request,
                                    TdCloudResponse *response,
                                    guint           *limit);
/* ?name=YYYY-MM-DD: FALSE after answering 400; *julian untouched when absent */
gboolean    td_cloud_query_date    (TdCloudRequest  *request,
                                    TdCloudResponse *response,
                                    const char      *name,
                                    guint32         *julian);
/* ?after=SEQ for the lists: FALSE after answering 400 */
gboolean    td_cloud_query_after   (TdCloudRequest  *request,
                                    TdCloudResponse *response,
                                    gint64          *after);
/* A POST with an Idempotency-Key: the same key and body replay the first
 * response; the same key with another body is 422. */
void        td_cloud_run_idempotent (TdCloudContext       *context,
                                     TdCloudRequest       *request,
                                     TdCloudResponse      *response,
                                     TdCloudWriteEndpoint  endpoint);
JsonObject *td_cloud_desk_json     (const TdCloudDesk   *desk);
JsonObject *td_cloud_tenant_json   (const TdCloudTenant *tenant);
void        td_cloud_set_server_time (JsonObject *object);
/* A page of records as a JSON array. */
JsonArray  *td_cloud_records_json  (GPtrArray *records);
/* A UUID made from text, for operations the platform makes itself. */
char       *td_cloud_uuid_from     (const char *text);

/* td-cloud-api-auth.c */
void td_cloud_api_token    (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_me       (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_health   (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
/* Fills request->desk and ->tenant from the bearer token; FALSE after answering 401/403. */
gboolean td_cloud_authenticate (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);

/* td-cloud-api-sync.c */
void td_cloud_api_push     (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_pull     (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_snapshot (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);

/* td-cloud-api-data.c */
void td_cloud_api_catalogue         (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_registrations_post (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_registrations_list (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_registration_get   (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_statistics_post   (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_statistics_list   (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_complaints_post   (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_complaints_list   (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_complaint_get     (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_complaint_note_post (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);
void td_cloud_api_complaint_refuse  (TdCloudContext *context, TdCloudRequest *request, TdCloudResponse *response);

G_END_DECLS
