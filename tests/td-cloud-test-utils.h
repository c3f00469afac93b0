/* td-cloud-test-utils.h: a real tourdesk-cloud for the tests, a client, and the OpenAPI check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "td-cloud-server.h"
#include "td-test-utils.h"

G_BEGIN_DECLS

/* tourdesk-cloud ($TD_CLOUD) started on 127.0.0.1 with a free port. */
typedef struct {
  GSubprocess *process;
  char        *url;       /* "http://127.0.0.1:PORT/" */
  char        *db;
  char        *log;       /* its standard error */
} TdCloudProc;

/* extra: more arguments (NULL-terminated) or NULL */
TdCloudProc *td_cloud_proc_start   (const char         *db,
                                    const char * const *extra);
/* Sends signal (SIGTERM…) and waits: the exit status, -1 if killed by a signal. */
int          td_cloud_proc_stop    (TdCloudProc        *proc,
                                    int                 signal);
void         td_cloud_proc_free    (TdCloudProc        *proc);
char        *td_cloud_proc_read_log (TdCloudProc       *proc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudProc, td_cloud_proc_free)

/* The platform's server in a thread of the test, on 127.0.0.1 with a free
 * port, for tests that inject faults through a response hook. */
typedef struct {
  char                *db;       /* in the test's folder */
  char                *url;
  TdCloudServer       *server;
  GThread             *thread;
  GMainContext        *context;
  GMainLoop           *loop;
  GMutex               mutex;
  GCond                cond;
  TdCloudResponseHook  hook;
  gpointer             hook_data;
  guint                max_ops;  /* operations in one push; 0: the default */
} TdCloudThread;

/* name: the database file's name in the test's folder; hook may be NULL */
void         td_cloud_thread_start (TdCloudThread       *self,
                                    const char          *name,
                                    TdCloudResponseHook  hook,
                                    gpointer             hook_data);
void         td_cloud_thread_stop  (TdCloudThread       *self);

/* `tourdesk-cloud admin --db DB ARGS…` run to its end */
void         td_cloud_admin        (TdTestRun          *run,
                                    const char         *db,
                                    const char         *first,
                                    ...) G_GNUC_NULL_TERMINATED;
/* the same with --json, asserting success: the printed object */
JsonObject  *td_cloud_admin_json   (const char         *db,
                                    const char         *first,
                                    ...) G_GNUC_NULL_TERMINATED;

/* A tenant with one desk: their ids and the desk's refresh token. */
typedef struct {
  char *tenant_id;
  char *desk_id;
  char *refresh_token;
} TdCloudDeskInfo;

void         td_cloud_desk_info_clear (TdCloudDeskInfo *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdCloudDeskInfo, td_cloud_desk_info_clear)
/* tenant_name is created when new */
void         td_cloud_add_desk     (const char         *db,
                                    const char         *tenant_name,
                                    const char         *desk_name,
                                    TdCloudDeskInfo    *info);

/* ------------------------------------------------------------------ */

typedef struct {
  guint               status;
  GError             *error;     /* transport error: status 0 */
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;      /* the body parsed, when it is JSON */
} TdCloudReply;

void         td_cloud_reply_free   (TdCloudReply       *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudReply, td_cloud_reply_free)
JsonObject  *td_cloud_reply_object (TdCloudReply       *reply);
const char  *td_cloud_reply_header (TdCloudReply       *reply,
                                    const char         *name);
/* for problems: the code member */
const char  *td_cloud_reply_code   (TdCloudReply       *reply);

/* One client (a desk): its own SoupSession, usable from one thread. */
typedef struct {
  SoupSession *session;
  char        *base;         /* "http://127.0.0.1:PORT" without the slash */
  char        *access_token;
  gboolean     check_openapi;
} TdCloudClient;

TdCloudClient *td_cloud_client_new (const char         *url,
                                    GTlsDatabase       *tls_database);
void         td_cloud_client_free  (TdCloudClient      *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudClient, td_cloud_client_free)
/* Signs in with the refresh token; asserts success. */
void         td_cloud_client_sign_in (TdCloudClient    *client,
                                      const char       *refresh_token);
/* A request: path with its query ("/v1/sync/pull?limit=10"); key is the
 * Idempotency-Key or NULL; body JSON text or NULL. Every answer is
 * checked against the OpenAPI document (unless check_openapi is FALSE). */
TdCloudReply *td_cloud_client_send (TdCloudClient      *client,
                                    const char         *method,
                                    const char         *path,
                                    const char         *key,
                                    const char         *body);
/* with extra request headers, name, value, …, NULL */
TdCloudReply *td_cloud_client_send_with (TdCloudClient *client,
                                         const char    *method,
                                         const char    *path,
                                         const char    *key,
                                         const char    *body,
                                         const char    *first_header,
                                         ...);

/* ------------------------------------------------------------------ */
/* records and operations for the tests                                */

char        *td_cloud_uuid         (void);
/* {"op_id": new, "kind", "id", "op", "base_revision", "org_id"?, "values"?} */
JsonObject  *td_cloud_op           (const char         *kind,
                                    const char         *id,
                                    const char         *op,
                                    gint64              base_revision,
                                    const char         *org_id,
                                    JsonObject         *values);
/* {"ops": [ops…]} as text; takes the ops */
char        *td_cloud_batch        (JsonObject         *first,
                                    ...) G_GNUC_NULL_TERMINATED;
char        *td_cloud_batch_array  (GPtrArray          *ops);
/* values from "name", "value", … (strings), NULL */
JsonObject  *td_cloud_values       (const char         *first,
                                    ...) G_GNUC_NULL_TERMINATED;
/* Pushes one batch with a new key; asserts 200: the results array (a ref). */
JsonArray   *td_cloud_push         (TdCloudClient      *client,
                                    const char         *batch);
/* result i of a push: its status (and the object) */
JsonObject  *td_cloud_result       (JsonArray          *results,
                                    guint               i);
/* The desk's organisation record, pushed: its id (new). */
char        *td_cloud_push_organisation (TdCloudClient *client);
/* Pulls every change from cursor (NULL: the beginning): records by id
 * (the last of each), the final cursor in *cursor if not NULL. */
GHashTable  *td_cloud_pull_all     (TdCloudClient      *client,
                                    const char         *cursor,
                                    guint               limit,
                                    char              **final_cursor);

/* A client signed in as the desk. */
TdCloudClient *td_cloud_signed_in  (TdCloudProc        *proc,
                                    TdCloudDeskInfo    *desk);
/* One push of one operation (taken): its result (a new reference). */
JsonObject  *td_cloud_push_one     (TdCloudClient      *client,
                                    JsonObject         *op);
/* Of an operation's result: its status, its code, a string value of its record. */
const char  *td_cloud_status       (JsonObject         *result);
const char  *td_cloud_code         (JsonObject         *result);
const char  *td_cloud_value        (JsonObject         *result,
                                    const char         *field);
/* values of a person: party, name, phone */
JsonObject  *td_cloud_customer_values (const char      *name,
                                       const char      *phone);
/* values of a booking: {member: target, "quantity": quantity} */
JsonObject  *td_cloud_booking_values (const char       *member,
                                      const char       *target,
                                      gint64            quantity);

/* Two tenants (Hotel A, Agency B) with a desk each, on one server, each
 * signed in and with its organisation record pushed. */
typedef struct {
  TdCloudProc     *proc;
  char            *db;
  TdCloudDeskInfo  a, b;
  TdCloudClient   *ca, *cb;
  char            *org_a, *org_b;
} TdCloudTwo;

void         td_cloud_two_start    (TdCloudTwo         *two,
                                    const char         *name);
/* stops the server (asserting exit 0 on SIGTERM) and frees */
void         td_cloud_two_clear    (TdCloudTwo         *two);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdCloudTwo, td_cloud_two_clear)

/* ------------------------------------------------------------------ */
/* the OpenAPI document: data/openapi/tourdesk-cloud-v1.json           */

JsonObject  *td_cloud_openapi      (void);
/* The operation of the document for method and a concrete path, or NULL. */
JsonObject  *td_cloud_openapi_operation (const char    *method,
                                         const char    *path,
                                         char         **template_out);
/* Whether an answer fits the document: its status is documented for the
 * operation and its body has the documented shape (media type, top-level
 * type, required properties and their types, one level into arrays of
 * objects). FALSE with a message when it does not. */
gboolean     td_cloud_openapi_check (const char        *method,
                                     const char        *path,
                                     TdCloudReply      *reply,
                                     char             **message);

G_END_DECLS
