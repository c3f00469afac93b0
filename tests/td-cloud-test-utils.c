/* td-cloud-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "td-cloud-test-utils.h"

/* ------------------------------------------------------------------ */
/* the server process                                                 */

/* in the child: it goes when the test goes, even when the test aborts */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

TdCloudProc *
td_cloud_proc_start (const char         *db,
                     const char * const *extra)
{
  static guint counter;
  const char *binary = g_getenv ("TD_CLOUD");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("cloud-%u.log", ++counter);
  TdCloudProc *proc = g_new0 (TdCloudProc, 1);
  char *line;

  g_assert_nonnull (binary);
  proc->db = g_strdup (db);
  proc->log = td_test_path (name);
  g_subprocess_launcher_set_stderr_file_path (launcher, proc->log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_ptr_array_add (argv, (char *) binary);
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, "127.0.0.1:0");
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);
  proc->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* its first line on standard output: the URL, with the port it took */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    {
      g_autofree char *log = td_cloud_proc_read_log (proc);

      g_error ("tourdesk-cloud did not start: %s", log);
    }
  proc->url = line;
  g_assert_true (g_str_has_prefix (proc->url, "http"));
  return proc;
}

char *
td_cloud_proc_read_log (TdCloudProc *proc)
{
  char *text = NULL;

  if (!g_file_get_contents (proc->log, &text, NULL, NULL))
    text = g_strdup ("");
  return text;
}

int
td_cloud_proc_stop (TdCloudProc *proc,
                    int          signal)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (proc->process, signal);
  g_subprocess_wait (proc->process, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (proc->process))
    return g_subprocess_get_exit_status (proc->process);
  return -1;
}

void
td_cloud_proc_free (TdCloudProc *proc)
{
  if (proc == NULL)
    return;
  if (proc->process)
    {
      /* our own child only, by its pid (GSubprocess) */
      g_subprocess_force_exit (proc->process);
      g_subprocess_wait (proc->process, NULL, NULL);
      g_object_unref (proc->process);
    }
  g_free (proc->url);
  g_free (proc->db);
  g_free (proc->log);
  g_free (proc);
}

/* ------------------------------------------------------------------ */
/* admin                                                              */

static void
admin_va (TdTestRun  *run,
          const char *db,
          gboolean    json,
          const char *first,
          va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *binary = g_getenv ("TD_CLOUD");

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  g_ptr_array_add (argv, "admin");
  if (db)
    {
      g_ptr_array_add (argv, "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  if (json)
    g_ptr_array_add (argv, "--json");
  g_ptr_array_add (argv, NULL);
  td_test_spawn (run, (const char * const *) argv->pdata);
}

void
td_cloud_admin (TdTestRun  *run,
                const char *db,
                const char *first,
                ...)
{
  va_list args;

  va_start (args, first);
  admin_va (run, db, FALSE, first, args);
  va_end (args);
}

JsonObject *
td_cloud_admin_json (const char *db,
                     const char *first,
                     ...)
{
  g_auto(TdTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  admin_va (&run, db, TRUE, first, args);
  va_end (args);
  if (run.status != 0)
    g_error ("tourdesk-cloud admin %s failed (%d): %s", first, run.status, run.err);
  return td_test_parse_json (run.out);
}

void
td_cloud_desk_info_clear (TdCloudDeskInfo *info)
{
  g_clear_pointer (&info->tenant_id, g_free);
  g_clear_pointer (&info->desk_id, g_free);
  g_clear_pointer (&info->refresh_token, g_free);
}

void
td_cloud_add_desk (const char      *db,
                   const char      *tenant_name,
                   const char      *desk_name,
                   TdCloudDeskInfo *info)
{
  g_auto(TdTestRun) run = { 0 };
  g_autoptr(JsonObject) desk = NULL;

  td_cloud_admin (&run, db, "tenant-add", tenant_name, NULL);
  g_assert_true (run.status == 0 || strstr (run.err, "already exists"));
  desk = td_cloud_admin_json (db, "desk-add", tenant_name, desk_name, NULL);
  info->tenant_id = g_strdup (json_object_get_string_member (desk, "tenant_id"));
  info->desk_id = g_strdup (json_object_get_string_member (desk, "id"));
  info->refresh_token = g_strdup (json_object_get_string_member (desk, "refresh_token"));
}

/* ------------------------------------------------------------------ */
/* the client                                                         */

void
td_cloud_reply_free (TdCloudReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_error (&reply->error);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply);
}

JsonObject *
td_cloud_reply_object (TdCloudReply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

const char *
td_cloud_reply_header (TdCloudReply *reply,
                       const char   *name)
{
  return reply->headers ? soup_message_headers_get_one (reply->headers, name) : NULL;
}

const char *
td_cloud_reply_code (TdCloudReply *reply)
{
  const char *code = NULL;

  if (reply->json && JSON_NODE_HOLDS_OBJECT (reply->json))
    td_json_get_string (json_node_get_object (reply->json), "code", &code);
  return code;
}

TdCloudClient *
td_cloud_client_new (const char   *url,
                     GTlsDatabase *tls_database)
{
  TdCloudClient *client = g_new0 (TdCloudClient, 1);

  client->session = soup_session_new_with_options ("timeout", 60, NULL);
  if (tls_database)
    soup_session_set_tls_database (client->session, tls_database);
  client->base = g_strdup (url);
  if (g_str_has_suffix (client->base, "/"))
    client->base[strlen (client->base) - 1] = '\0';
  client->check_openapi = TRUE;
  return client;
}

void
td_cloud_client_free (TdCloudClient *client)
{
  if (client == NULL)
    return;
  g_object_unref (client->session);
  g_free (client->base);
  g_free (client->access_token);
  g_free (client);
}

static TdCloudReply *
send_va (TdCloudClient *client,
         const char    *method,
         const char    *path,
         const char    *key,
         const char    *body,
         const char    *first_header,
         va_list        args)
{
  g_autofree char *url = g_strconcat (client->base, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  SoupMessageHeaders *headers;
  TdCloudReply *reply = g_new0 (TdCloudReply, 1);
  const char *type;

  g_assert_nonnull (message);
  headers = soup_message_get_request_headers (message);
  if (client->access_token)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", client->access_token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (key)
    soup_message_headers_replace (headers, "Idempotency-Key", key);
  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  /* after the body: a test may give another Content-Type */
  for (const char *name = first_header; name; name = va_arg (args, const char *))
    soup_message_headers_replace (headers, name, va_arg (args, const char *));

  reply->body = soup_session_send_and_read (client->session, message, NULL, &reply->error);
  if (reply->error)
    return reply;
  reply->status = soup_message_get_status (message);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  type = soup_message_headers_get_content_type (reply->headers, NULL);
  if (type && g_str_has_suffix (type, "json") && g_bytes_get_size (reply->body) > 0)
    {
      g_autoptr(GError) error = NULL;
      gsize size;
      const char *data = g_bytes_get_data (reply->body, &size);

      /* what a desk must do: a short or broken body is an error */
      g_assert_cmpint (size, ==, soup_message_headers_get_content_length (reply->headers));
      reply->json = td_json_parse_strict (data, size, &error);
      g_assert_no_error (error);
    }
  if (client->check_openapi)
    {
      g_autofree char *problem = NULL;

      if (!td_cloud_openapi_check (method, path, reply, &problem))
        g_error ("%s %s → %u does not fit the OpenAPI document: %s", method, path, reply->status, problem);
    }
  return reply;
}

TdCloudReply *
td_cloud_client_send (TdCloudClient *client,
                      const char    *method,
                      const char    *path,
                      const char    *key,
                      const char    *body)
{
  return td_cloud_client_send_with (client, method, path, key, body, NULL);
}

TdCloudReply *
td_cloud_client_send_with (TdCloudClient *client,
                           const char    *method,
                           const char    *path,
                           const char    *key,
                           const char    *body,
                           const char    *first_header,
                           ...)
{
  TdCloudReply *reply;
  va_list args;

  va_start (args, first_header);
  reply = send_va (client, method, path, key, body, first_header, args);
  va_end (args);
  return reply;
}

void
td_cloud_client_sign_in (TdCloudClient *client,
                         const char    *refresh_token)
{
  g_autofree char *body = g_strdup_printf ("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"%s\"}", refresh_token);
  g_autoptr(TdCloudReply) reply = NULL;
  const char *token = NULL;

  g_clear_pointer (&client->access_token, g_free);
  reply = td_cloud_client_send (client, "POST", "/v1/auth/token", NULL, body);
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (td_json_get_string (td_cloud_reply_object (reply), "access_token", &token));
  client->access_token = g_strdup (token);
}

/* ------------------------------------------------------------------ */
/* operations                                                         */

char *
td_cloud_uuid (void)
{
  return g_uuid_string_random ();
}

JsonObject *
td_cloud_op (const char *kind,
             const char *id,
             const char *op,
             gint64      base_revision,
             const char *org_id,
             JsonObject *values)
{
  JsonObject *object = json_object_new ();
  g_autofree char *op_id = td_cloud_uuid ();

  json_object_set_string_member (object, "op_id", op_id);
  json_object_set_string_member (object, "kind", kind);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "op", op);
  json_object_set_int_member (object, "base_revision", base_revision);
  if (org_id)
    json_object_set_string_member (object, "org_id", org_id);
  if (values)
    json_object_set_object_member (object, "values", values);
  return object;
}

char *
td_cloud_batch_array (GPtrArray *ops)
{
  g_autoptr(JsonObject) batch = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < ops->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (ops, i)));
  json_object_set_array_member (batch, "ops", array);
  return td_json_object_to_string (batch);
}

char *
td_cloud_batch (JsonObject *first,
                ...)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  va_list args;

  va_start (args, first);
  for (JsonObject *op = first; op; op = va_arg (args, JsonObject *))
    g_ptr_array_add (ops, op);
  va_end (args);
  return td_cloud_batch_array (ops);
}

JsonObject *
td_cloud_values (const char *first,
                 ...)
{
  JsonObject *values = json_object_new ();
  va_list args;

  va_start (args, first);
  for (const char *name = first; name; name = va_arg (args, const char *))
    json_object_set_string_member (values, name, va_arg (args, const char *));
  va_end (args);
  return values;
}

JsonArray *
td_cloud_push (TdCloudClient *client,
               const char    *batch)
{
  g_autofree char *key = td_cloud_uuid ();
  g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "POST", "/v1/sync/push", key, batch);
  JsonArray *results;

  g_assert_no_error (reply->error);
  if (reply->status != 200)
    g_error ("push: %u %.*s", reply->status, (int) g_bytes_get_size (reply->body),
             (const char *) g_bytes_get_data (reply->body, NULL));
  results = td_json_get_array (td_cloud_reply_object (reply), "results");
  g_assert_nonnull (results);
  return json_array_ref (results);
}

JsonObject *
td_cloud_result (JsonArray *results,
                 guint      i)
{
  g_assert_cmpuint (i, <, json_array_get_length (results));
  return json_array_get_object_element (results, i);
}

char *
td_cloud_push_organisation (TdCloudClient *client)
{
  char *id = td_cloud_uuid ();
  g_autofree char *batch = td_cloud_batch (td_cloud_op ("organisation", id, "insert", 0, NULL,
                                                        td_cloud_values ("name", "测试酒店", "kind", "hotel", NULL)),
                                           NULL);
  g_autoptr(JsonArray) results = td_cloud_push (client, batch);

  g_assert_cmpstr (json_object_get_string_member (td_cloud_result (results, 0), "status"), ==, "applied");
  return id;
}

GHashTable *
td_cloud_pull_all (TdCloudClient  *client,
                   const char     *cursor,
                   guint           limit,
                   char          **final_cursor)
{
  GHashTable *records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  g_autofree char *at = g_strdup (cursor);
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = at ? g_strdup_printf ("/v1/sync/pull?limit=%u&cursor=%s", limit, at)
                                 : g_strdup_printf ("/v1/sync/pull?limit=%u", limit);
      g_autoptr(TdCloudReply) reply = td_cloud_client_send (client, "GET", path, NULL, NULL);
      JsonObject *page;
      JsonArray *changes;
      const char *next = NULL;

      g_assert_no_error (reply->error);
      g_assert_cmpuint (reply->status, ==, 200);
      page = td_cloud_reply_object (reply);
      changes = td_json_get_array (page, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *record = json_array_get_object_element (changes, i);

          g_hash_table_replace (records, g_strdup (json_object_get_string_member (record, "id")),
                                json_object_ref (record));
        }
      g_assert_true (td_json_get_string (page, "next_cursor", &next));
      g_free (at);
      at = g_strdup (next);
      more = json_object_get_boolean_member (page, "has_more");
    }
  if (final_cursor)
    *final_cursor = g_steal_pointer (&at);
  return records;
}

TdCloudClient *
td_cloud_signed_in (TdCloudProc     *proc,
                    TdCloudDeskInfo *desk)
{
  TdCloudClient *client = td_cloud_client_new (proc->url, NULL);

  td_cloud_client_sign_in (client, desk->refresh_token);
  return client;
}

JsonObject *
td_cloud_push_one (TdCloudClient *client,
                   JsonObject    *op)
{
  g_autofree char *batch = td_cloud_batch (op, NULL);
  g_autoptr(JsonArray) results = td_cloud_push (client, batch);

  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  return json_object_ref (td_cloud_result (results, 0));
}

const char *
td_cloud_status (JsonObject *result)
{
  return json_object_get_string_member (result, "status");
}

const char *
td_cloud_code (JsonObject *result)
{
  return json_object_get_string_member_with_default (result, "code", NULL);
}

const char *
td_cloud_value (JsonObject *result,
                const char *field)
{
  const char *value = NULL;

  td_json_get_string (td_json_get_object (td_json_get_object (result, "record"), "values"), field, &value);
  return value;
}

JsonObject *
td_cloud_customer_values (const char *name,
                          const char *phone)
{
  return td_cloud_values ("party", "person", "name", name, "phone", phone, NULL);
}

JsonObject *
td_cloud_booking_values (const char *member,
                         const char *target,
                         gint64      quantity)
{
  JsonObject *values = json_object_new ();

  json_object_set_string_member (values, member, target);
  json_object_set_int_member (values, "quantity", quantity);
  return values;
}

void
td_cloud_two_start (TdCloudTwo *two,
                    const char *name)
{
  g_autofree char *file = g_strconcat (name, ".db", NULL);

  two->db = td_test_path (file);
  td_cloud_add_desk (two->db, "Hotel A", "Desk A", &two->a);
  td_cloud_add_desk (two->db, "Agency B", "Desk B", &two->b);
  two->proc = td_cloud_proc_start (two->db, NULL);
  two->ca = td_cloud_signed_in (two->proc, &two->a);
  two->cb = td_cloud_signed_in (two->proc, &two->b);
  two->org_a = td_cloud_push_organisation (two->ca);
  two->org_b = td_cloud_push_organisation (two->cb);
}

void
td_cloud_two_clear (TdCloudTwo *two)
{
  if (two->proc)
    g_assert_cmpint (td_cloud_proc_stop (two->proc, SIGTERM), ==, 0);
  g_clear_pointer (&two->proc, td_cloud_proc_free);
  g_clear_pointer (&two->ca, td_cloud_client_free);
  g_clear_pointer (&two->cb, td_cloud_client_free);
  td_cloud_desk_info_clear (&two->a);
  td_cloud_desk_info_clear (&two->b);
  g_clear_pointer (&two->db, g_free);
  g_clear_pointer (&two->org_a, g_free);
  g_clear_pointer (&two->org_b, g_free);
}

/* ------------------------------------------------------------------ */
/* the OpenAPI document                                               */

JsonObject *
td_cloud_openapi (void)
{
  static JsonObject *doc;

  if (doc == NULL)
    {
      const char *path = g_getenv ("TD_OPENAPI");
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      gsize size = 0;

      g_assert_nonnull (path);
      g_file_get_contents (path, &text, &size, &error);
      g_assert_no_error (error);
      doc = td_json_parse_object (text, size, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (doc, "openapi"), "3."));
    }
  return doc;
}

static gboolean
template_matches (const char *template,
                  const char *path)
{
  g_auto(GStrv) want = g_strsplit (template, "/", -1);
  g_auto(GStrv) have = g_strsplit (path, "/", -1);

  if (g_strv_length (want) != g_strv_length (have))
    return FALSE;
  for (guint i = 0; want[i]; i++)
    if (want[i][0] == '{' ? have[i][0] == '\0' : !g_str_equal (want[i], have[i]))
      return FALSE;
  return TRUE;
}

JsonObject *
td_cloud_openapi_operation (const char  *method,
                            const char  *path,
                            char       **template_out)
{
  JsonObject *paths = td_json_get_object (td_cloud_openapi (), "paths");
  g_autofree char *bare = g_strndup (path, strcspn (path, "?"));
  g_autofree char *lower = g_ascii_strdown (method, -1);
  JsonObjectIter iter;
  const char *template;
  JsonNode *item;

  json_object_iter_init (&iter, paths);
  while (json_object_iter_next (&iter, &template, &item))
    if (template_matches (template, bare))
      {
        JsonObject *operation = td_json_get_object (json_node_get_object (item), lower);

        if (operation && template_out)
          *template_out = g_strdup (template);
        return operation;
      }
  return NULL;
}

static JsonObject *
resolve (JsonObject *schema)
{
  const char *ref = NULL;

  while (schema && td_json_get_string (schema, "$ref", &ref))
    {
      g_assert_true (g_str_has_prefix (ref, "#/components/schemas/"));
      schema = td_json_get_object (td_json_get_object (td_json_get_object (td_cloud_openapi (), "components"),
                                                       "schemas"),
                                   ref + strlen ("#/components/schemas/"));
      g_assert_nonnull (schema);
    }
  return schema;
}

static gboolean
type_fits (JsonObject *schema,
           JsonNode   *node)
{
  const char *type = NULL;
  gboolean nullable = FALSE;
  GType value_type;

  if (!td_json_get_string (schema, "type", &type))
    return TRUE;
  td_json_get_bool (schema, "nullable", &nullable);
  if (JSON_NODE_HOLDS_NULL (node))
    return nullable;
  if (g_str_equal (type, "object"))
    return JSON_NODE_HOLDS_OBJECT (node);
  if (g_str_equal (type, "array"))
    return JSON_NODE_HOLDS_ARRAY (node);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  value_type = json_node_get_value_type (node);
  if (g_str_equal (type, "string"))
    return value_type == G_TYPE_STRING;
  if (g_str_equal (type, "integer"))
    return value_type == G_TYPE_INT64;
  if (g_str_equal (type, "number"))
    return value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE;
  if (g_str_equal (type, "boolean"))
    return value_type == G_TYPE_BOOLEAN;
  return FALSE;
}

static gboolean
shape_fits (JsonObject  *schema,
            JsonNode    *node,
            const char  *where,
            guint        depth,
            GString     *problem)
{
  JsonArray *required;
  JsonObject *properties;

  schema = resolve (schema);
  if (schema == NULL)
    return TRUE;
  if (!type_fits (schema, node))
    {
      g_string_append_printf (problem, "%s is not of type %s", where,
                              json_object_get_string_member_with_default (schema, "type", "?"));
      return FALSE;
    }
  if (depth >= 4)
    return TRUE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      required = td_json_get_array (schema, "required");
      for (guint i = 0; required && i < json_array_get_length (required); i++)
        if (!json_object_has_member (object, json_array_get_string_element (required, i)))
          {
            g_string_append_printf (problem, "%s lacks the required “%s”", where,
                                    json_array_get_string_element (required, i));
            return FALSE;
          }
      properties = td_json_get_object (schema, "properties");
      if (properties)
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          json_object_iter_init (&iter, object);
          while (json_object_iter_next (&iter, &name, &member))
            {
              JsonObject *property = td_json_get_object (properties, name);
              g_autofree char *inner = g_strdup_printf ("%s.%s", where, name);

              if (property && !shape_fits (property, member, inner, depth + 1, problem))
                return FALSE;
            }
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node) && td_json_get_object (schema, "items"))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *inner = g_strdup_printf ("%s[%u]", where, i);

          if (!shape_fits (td_json_get_object (schema, "items"), json_array_get_element (array, i), inner,
                           depth + 1, problem))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
td_cloud_openapi_check (const char    *method,
                        const char    *path,
                        TdCloudReply  *reply,
                        char         **message)
{
  g_autofree char *template = NULL;
  JsonObject *operation = td_cloud_openapi_operation (method, path, &template);
  g_autofree char *status = NULL;
  g_autoptr(GString) problem = g_string_new (NULL);
  JsonObject *responses, *response, *content, *media;
  const char *type;

  if (operation == NULL || reply->error)
    return TRUE;  /* not documented: the route check covers that */
  responses = td_json_get_object (operation, "responses");
  status = g_strdup_printf ("%u", reply->status);
  response = td_json_get_object (responses, status);
  if (response == NULL)
    response = td_json_get_object (responses, "default");
  if (response == NULL)
    {
      *message = g_strdup_printf ("status %s is not documented for %s %s", status, method, template);
      return FALSE;
    }
  content = td_json_get_object (response, "content");
  if (content == NULL)
    {
      if (g_bytes_get_size (reply->body) > 0)
        {
          *message = g_strdup_printf ("%s %s → %s documents no body, but there is one", method, template, status);
          return FALSE;
        }
      return TRUE;
    }
  type = soup_message_headers_get_content_type (reply->headers, NULL);
  media = type ? td_json_get_object (content, type) : NULL;
  if (media == NULL)
    {
      *message = g_strdup_printf ("%s %s → %s: media type %s is not documented", method, template, status,
                                  type ? type : "(none)");
      return FALSE;
    }
  if (reply->json == NULL)
    {
      *message = g_strdup_printf ("%s %s → %s: no JSON body", method, template, status);
      return FALSE;
    }
  if (!shape_fits (td_json_get_object (media, "schema"), reply->json, "body", 0, problem))
    {
      *message = g_strdup_printf ("%s %s → %s: %s", method, template, status, problem->str);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* the server in a thread                                             */

static gpointer
cloud_thread_serve (gpointer data)
{
  TdCloudThread *self = data;
  TdCloudConfig config;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (self->context);
  td_cloud_config_init (&config);
  if (self->max_ops > 0)
    config.max_ops = self->max_ops;
  self->server = td_cloud_server_new (self->db, &config, 2, &error);
  g_assert_no_error (error);
  td_cloud_server_set_log (self->server, FALSE);
  if (self->hook)
    td_cloud_server_set_response_hook (self->server, self->hook, self->hook_data);
  td_cloud_server_listen (self->server, "127.0.0.1:0", &error);
  g_assert_no_error (error);

  g_mutex_lock (&self->mutex);
  self->url = td_cloud_server_get_url (self->server);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_main_loop_run (self->loop);
  td_cloud_server_free (self->server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

void
td_cloud_thread_start (TdCloudThread       *self,
                       const char          *name,
                       TdCloudResponseHook  hook,
                       gpointer             hook_data)
{
  self->db = td_test_path (name);
  self->hook = hook;
  self->hook_data = hook_data;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_mutex_lock (&self->mutex);
  self->thread = g_thread_new ("platform", cloud_thread_serve, self);
  while (self->url == NULL)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

static gboolean
cloud_thread_quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
td_cloud_thread_stop (TdCloudThread *self)
{
  g_main_context_invoke (self->context, cloud_thread_quit, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->db, g_free);
}
