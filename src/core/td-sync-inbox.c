/* td-sync-inbox.c: the operations the platform did not take as they were
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-customer.h"
#include "td-database-private.h"
#include "td-json.h"
#include "td-sync-inbox.h"
#include "td-time.h"

static gboolean
step_done (TdDatabase    *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
_td_sync_inbox_file (TdDatabase  *db,
                     const char  *op_id,
                     const char  *status,
                     const char  *code,
                     const char  *detail,
                     gint64       server_revision,
                     const char  *now,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _td_database_prepare (db,
                               "INSERT OR IGNORE INTO sync_inbox (op_id, kind, record_id, op, status, code, detail, "
                               "  payload, server_revision, created_at) "
                               "SELECT change_id, kind, record_id, op, ?, ?, ?, payload, ?, ? "
                               "FROM outbox WHERE change_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, detail, -1, SQLITE_STATIC);
  if (server_revision > 0)
    sqlite3_bind_int64 (stmt, 4, server_revision);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, op_id, -1, SQLITE_STATIC);
  return step_done (db, stmt, error);
}

gint64
td_sync_inbox_count_open (TdDatabase *db)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT count(*) FROM sync_inbox WHERE resolved_at IS NULL", NULL);
  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  _td_database_unlock (db);
  return n;
}

static JsonNode *
json_or_null (sqlite3_stmt *stmt,
              int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  JsonNode *node = text ? json_from_string (text, NULL) : NULL;

  return node ? node : json_node_new (JSON_NODE_NULL);
}

static void
set_text_or_null (JsonObject   *object,
                  const char   *member,
                  sqlite3_stmt *stmt,
                  int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text)
    json_object_set_string_member (object, member, text);
  else
    json_object_set_null_member (object, member);
}

/* the open conflicting fields of op_id: [{field, base, server, desk}] */
static JsonArray *
fields_locked (TdDatabase  *db,
               const char  *op_id,
               GError     **error)
{
  g_autoptr(JsonArray) fields = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _td_database_prepare (db,
                               "SELECT field, base, server, desk FROM sync_conflicts "
                               "WHERE op_id = ? AND resolved_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, op_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *field = json_object_new ();

      json_object_set_string_member (field, "field", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_member (field, "base", json_or_null (stmt, 1));
      json_object_set_member (field, "server", json_or_null (stmt, 2));
      json_object_set_member (field, "desk", json_or_null (stmt, 3));
      json_array_add_object_element (fields, field);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      return NULL;
    }
  return g_steal_pointer (&fields);
}

/* open entries, or only op_id's (open or not) */
static JsonArray *
list_locked (TdDatabase  *db,
             const char  *op_id,
             GError     **error)
{
  g_autoptr(JsonArray) list = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _td_database_prepare (db,
                               op_id
                               ? "SELECT op_id, kind, record_id, op, status, code, detail, payload, server_revision, "
                                 "  created_at, resolved_at FROM sync_inbox WHERE op_id = ?"
                               : "SELECT op_id, kind, record_id, op, status, code, detail, payload, server_revision, "
                                 "  created_at, resolved_at FROM sync_inbox WHERE resolved_at IS NULL "
                                 "ORDER BY created_at, op_id", error);
  if (stmt == NULL)
    return NULL;
  if (op_id)
    sqlite3_bind_text (stmt, 1, op_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *entry = json_object_new ();
      JsonNode *values = json_or_null (stmt, 7);

      set_text_or_null (entry, "op_id", stmt, 0);
      set_text_or_null (entry, "kind", stmt, 1);
      set_text_or_null (entry, "record_id", stmt, 2);
      set_text_or_null (entry, "op", stmt, 3);
      set_text_or_null (entry, "status", stmt, 4);
      set_text_or_null (entry, "code", stmt, 5);
      set_text_or_null (entry, "detail", stmt, 6);
      if (!JSON_NODE_HOLDS_OBJECT (values))
        {
          json_node_unref (values);
          values = json_node_init_object (json_node_alloc (), json_object_new ());
        }
      json_object_set_member (entry, "values", values);
      json_object_set_int_member (entry, "server_revision", sqlite3_column_int64 (stmt, 8));
      set_text_or_null (entry, "created_at", stmt, 9);
      set_text_or_null (entry, "resolved_at", stmt, 10);
      json_array_add_object_element (list, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      JsonArray *fields = fields_locked (db, json_object_get_string_member (entry, "op_id"), error);

      if (fields == NULL)
        return NULL;
      json_object_set_array_member (entry, "fields", fields);
    }
  return g_steal_pointer (&list);
}

JsonArray *
td_sync_inbox_list (TdDatabase  *db,
                    GError     **error)
{
  JsonArray *list;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  _td_database_lock (db);
  list = list_locked (db, NULL, error);
  _td_database_unlock (db);
  return list;
}

/* the open entry op_id, or NULL with an error that says why */
static JsonObject *
open_entry (TdDatabase  *db,
            const char  *op_id,
            GError     **error)
{
  g_autoptr(JsonArray) list = NULL;
  JsonObject *entry;

  _td_database_lock (db);
  list = list_locked (db, op_id, error);
  _td_database_unlock (db);
  if (list == NULL)
    return NULL;
  if (json_array_get_length (list) == 0)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                   _("There is no change %s waiting in the sync inbox"), op_id);
      return NULL;
    }
  entry = json_array_get_object_element (list, 0);
  if (!json_object_get_null_member (entry, "resolved_at"))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT,
                   _("The change %s has already been dealt with"), op_id);
      return NULL;
    }
  return json_object_ref (entry);
}

static gboolean
close_locked (TdDatabase  *db,
              const char  *op_id,
              const char  *resolution,
              GError     **error)
{
  g_autofree char *now = td_timestamp_now ();
  sqlite3_stmt *stmt;

  stmt = _td_database_prepare (db,
                               "UPDATE sync_inbox SET resolved_at = ?, resolution = ? "
                               "WHERE op_id = ? AND resolved_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, resolution, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op_id, -1, SQLITE_STATIC);
  if (!step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (_td_database_get_handle (db)) != 1)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT,
                   _("The change %s has already been dealt with"), op_id);
      return FALSE;
    }
  stmt = _td_database_prepare (db, "UPDATE sync_conflicts SET resolved_at = ? WHERE op_id = ? AND resolved_at IS NULL",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, op_id, -1, SQLITE_STATIC);
  return step_done (db, stmt, error);
}

/* close_locked() in a transaction of its own */
static gboolean
close_entry (TdDatabase  *db,
             const char  *op_id,
             const char  *resolution,
             GError     **error)
{
  gboolean ok;

  _td_database_lock (db);
  ok = _td_database_exec (db, "BEGIN IMMEDIATE", error);
  if (ok && !(ok = close_locked (db, op_id, resolution, error)))
    sqlite3_exec (_td_database_get_handle (db), "ROLLBACK", NULL, NULL, NULL);
  else if (ok)
    ok = _td_database_exec (db, "COMMIT", error);
  _td_database_unlock (db);
  return ok;
}

gboolean
td_sync_inbox_dismiss (TdDatabase  *db,
                       const char  *op_id,
                       GError     **error)
{
  g_autoptr(JsonObject) entry = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (op_id != NULL, FALSE);

  if ((entry = open_entry (db, op_id, error)) == NULL)
    return FALSE;
  if (!g_str_equal (json_object_get_string_member (entry, "status"), "rejected"))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("The change %s is in conflict: choose the values to keep rather than dismiss it"), op_id);
      return FALSE;
    }
  return close_entry (db, op_id, "dismissed", error);
}

static gint64
known_revision (TdDatabase *db,
                const char *kind,
                const char *id)
{
  sqlite3_stmt *stmt;
  gint64 revision = 0;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT platform_revision FROM sync_records WHERE kind = ? AND record_id = ?", NULL);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        revision = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  _td_database_unlock (db);
  return revision;
}

static gboolean
close_resolved (TdDatabase  *db,
                gpointer     user_data,
                GError     **error)
{
  return close_locked (db, user_data, "resolved", error);
}

gboolean
td_sync_inbox_resolve (TdDatabase  *db,
                       const char  *op_id,
                       JsonObject  *choices,
                       const char  *actor,
                       GError     **error)
{
  g_autoptr(JsonObject) entry = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GHashTable) in_conflict = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) kept = json_object_new ();
  TdCommitHooks hooks = { close_resolved, NULL, (gpointer) op_id };
  JsonObject *values, *desk;
  JsonArray *fields;
  JsonObjectIter iter;
  const char *kind, *id, *name;
  JsonNode *node;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (op_id != NULL && choices != NULL, FALSE);

  if ((entry = open_entry (db, op_id, error)) == NULL)
    return FALSE;
  kind = json_object_get_string_member (entry, "kind");
  id = json_object_get_string_member (entry, "record_id");
  if (!g_str_equal (json_object_get_string_member (entry, "status"), "conflict"))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("The change %s was refused, not in conflict: there is nothing to choose"), op_id);
      return FALSE;
    }

  /* every field in conflict has its choice, and only those */
  fields = json_object_get_array_member (entry, "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      const char *field = json_object_get_string_member (json_array_get_object_element (fields, i), "field");

      g_hash_table_add (in_conflict, (gpointer) field);
      if (!json_object_has_member (choices, field))
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("Choose the value to keep for “%s”"), field);
          return FALSE;
        }
    }
  json_object_iter_init (&iter, choices);
  while (json_object_iter_next (&iter, &name, &node))
    if (!g_hash_table_contains (in_conflict, name))
      {
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                     _("“%s” is not in conflict in this change"), name);
        return FALSE;
      }

  if (known_revision (db, kind, id) < json_object_get_int_member (entry, "server_revision"))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT,
                           _("The platform’s version of this record has not arrived yet: sync first"));
      return FALSE;
    }
  record = td_database_get_record (db, kind, id, error);
  if (record == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                     _("The record of this change is no longer in the workspace"));
      return FALSE;
    }

  /* the desk's other values of the operation, then the choices */
  desk = json_object_get_object_member (entry, "values");
  json_object_iter_init (&iter, desk);
  while (json_object_iter_next (&iter, &name, &node))
    if (!g_hash_table_contains (in_conflict, name))
      json_object_set_member (kept, name, json_node_copy (node));
  json_object_iter_init (&iter, choices);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (kept, name, json_node_copy (node));

  change = td_change_new_update (kind, id, json_object_get_int_member (record, "revision"));
  g_ptr_array_add (changes, change);
  values = td_change_get_values (change);
  json_object_iter_init (&iter, kept);
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonNode *current = json_object_get_member (record, name);

      if (current == NULL || !json_node_equal (current, node))
        json_object_set_member (values, name, json_node_copy (node));
    }

  if (g_str_equal (kind, "customer") && json_object_get_size (values) > 0)
    {
      g_autoptr(GPtrArray) problems = td_customer_check (values);

      for (guint i = 0; i < problems->len; i++)
        {
          TdFieldProblem *problem = g_ptr_array_index (problems, i);

          if (!problem->warning)
            {
              g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           "%s: %s", problem->field, problem->message);
              return FALSE;
            }
        }
    }

  if (json_object_get_size (values) == 0)
    {
      /* the workspace already holds what the clerk kept */
      return close_entry (db, op_id, "resolved", error);
    }
  return _td_database_commit_with_hooks (db, actor, changes, &hooks, error);
}
