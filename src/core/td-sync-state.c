/* td-sync-state.c: the outbox in batches, the conflict inbox, the cursor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-database-private.h"
#include "td-json.h"
#include "td-sync-inbox.h"
#include "td-sync-state.h"
#include "td-time.h"

#define BATCH_KEY  "batch-key"
#define BATCH_BODY "batch-body"
#define BATCH_SEQ  "batch-last-seq"
#define BATCH_OPS  "batch-ops"

void
td_sync_batch_free (TdSyncBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->key);
  g_free (batch->body);
  g_free (batch);
}

static char *
state_get_locked (TdDatabase *db,
                  const char *key)
{
  sqlite3_stmt *stmt = _td_database_prepare (db, "SELECT value FROM sync_state WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
state_set_locked (TdDatabase  *db,
                  const char  *key,
                  const char  *value,
                  GError     **error)
{
  sqlite3_stmt *stmt = _td_database_prepare (db, value
                                             ? "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"
                                             : "DELETE FROM sync_state WHERE key = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      return FALSE;
    }
  return TRUE;
}

char *
td_sync_state_dup (TdDatabase *db,
                   const char *key)
{
  char *value;

  _td_database_lock (db);
  value = state_get_locked (db, key);
  _td_database_unlock (db);
  return value;
}

gboolean
td_sync_state_set (TdDatabase  *db,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  gboolean ok;

  _td_database_lock (db);
  ok = state_set_locked (db, key, value, error);
  _td_database_unlock (db);
  return ok;
}

static gint64
count (TdDatabase *db,
       const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, NULL);
  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  _td_database_unlock (db);
  return n;
}

gboolean
td_sync_forget_batch (TdDatabase  *db,
                      GError     **error)
{
  gboolean ok;

  _td_database_lock (db);
  ok = _td_database_exec (db, "BEGIN IMMEDIATE", error);
  if (ok)
    ok = state_set_locked (db, BATCH_KEY, NULL, error)
         && state_set_locked (db, BATCH_BODY, NULL, error)
         && state_set_locked (db, BATCH_SEQ, NULL, error)
         && state_set_locked (db, BATCH_OPS, NULL, error)
         && _td_database_exec (db, "COMMIT", error);
  if (!ok)
    sqlite3_exec (_td_database_get_handle (db), "ROLLBACK", NULL, NULL, NULL);
  _td_database_unlock (db);
  return ok;
}

gint64
td_sync_count_pending (TdDatabase *db)
{
  return count (db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL");
}

gint64
td_sync_count_conflicts (TdDatabase *db)
{
  return count (db, "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL");
}

TdSyncBatch *
td_sync_next_batch (TdDatabase  *db,
                    guint        max_ops,
                    GError     **error)
{
  g_autoptr(TdSyncBatch) batch = g_new0 (TdSyncBatch, 1);
  g_autoptr(JsonArray) ops = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *seq = NULL, *n_ops = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  _td_database_lock (db);
  batch->key = state_get_locked (db, BATCH_KEY);
  if (batch->key)
    {
      /* the one in flight, byte for byte */
      batch->body = state_get_locked (db, BATCH_BODY);
      seq = state_get_locked (db, BATCH_SEQ);
      n_ops = state_get_locked (db, BATCH_OPS);
      _td_database_unlock (db);
      if (batch->body == NULL || seq == NULL || n_ops == NULL)
        {
          g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CORRUPT,
                               _("The batch of changes being sent to the platform was not stored completely"));
          return NULL;
        }
      batch->last_seq = g_ascii_strtoll (seq, NULL, 10);
      batch->n_ops = (guint) g_ascii_strtoull (n_ops, NULL, 10);
      return g_steal_pointer (&batch);
    }

  stmt = _td_database_prepare (db,
                               "SELECT o.seq, o.change_id, o.kind, o.record_id, o.op, o.org_id, o.payload, "
                               "  coalesce(s.platform_revision, 0) "
                               "FROM outbox o LEFT JOIN sync_records s ON s.kind = o.kind AND s.record_id = o.record_id "
                               "WHERE o.sent_at IS NULL ORDER BY o.seq LIMIT ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int (stmt, 1, (int) max_ops);
  ops = json_array_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *op = json_object_new ();
      const char *op_name = (const char *) sqlite3_column_text (stmt, 4);
      g_autoptr(GError) parse_error = NULL;
      JsonObject *values = td_json_parse_object ((const char *) sqlite3_column_text (stmt, 6),
                                                 (gsize) sqlite3_column_bytes (stmt, 6), &parse_error);

      if (values == NULL)
        {
          gint64 bad = sqlite3_column_int64 (stmt, 0);

          json_object_unref (op);
          sqlite3_reset (stmt);
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CORRUPT,
                       _("Outbox entry %lld is damaged: %s"), (long long) bad, parse_error->message);
          goto out;
        }
      batch->last_seq = sqlite3_column_int64 (stmt, 0);
      json_object_set_string_member (op, "op_id", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (op, "kind", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (op, "id", (const char *) sqlite3_column_text (stmt, 3));
      json_object_set_string_member (op, "op", op_name);
      if (g_str_equal (op_name, "insert"))
        json_object_set_string_member (op, "org_id", (const char *) sqlite3_column_text (stmt, 5));
      json_object_set_int_member (op, "base_revision", sqlite3_column_int64 (stmt, 7));
      json_object_set_object_member (op, "values", values);
      json_array_add_object_element (ops, op);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      goto out;
    }
  batch->n_ops = json_array_get_length (ops);
  if (batch->n_ops == 0)
    {
      _td_database_unlock (db);
      return NULL;
    }

  body = json_object_new ();
  json_object_set_array_member (body, "ops", g_steal_pointer (&ops));
  batch->body = td_json_object_to_string (body);
  g_free (batch->key);
  batch->key = g_uuid_string_random ();
  seq = g_strdup_printf ("%" G_GINT64_FORMAT, batch->last_seq);
  n_ops = g_strdup_printf ("%u", batch->n_ops);

  /* stored before anything is sent: a retry after a crash sends the same */
  if (!_td_database_exec (db, "BEGIN IMMEDIATE", error))
    goto out;
  if (!state_set_locked (db, BATCH_KEY, batch->key, error)
      || !state_set_locked (db, BATCH_BODY, batch->body, error)
      || !state_set_locked (db, BATCH_SEQ, seq, error)
      || !state_set_locked (db, BATCH_OPS, n_ops, error)
      || !_td_database_exec (db, "COMMIT", error))
    {
      sqlite3_exec (_td_database_get_handle (db), "ROLLBACK", NULL, NULL, NULL);
      goto out;
    }
  ok = TRUE;

out:
  _td_database_unlock (db);
  return ok ? g_steal_pointer (&batch) : NULL;
}

static char *
node_text (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node ? td_json_to_string (node) : NULL;
}

static gboolean
file_conflicts (TdDatabase  *db,
                JsonObject  *result,
                const char  *now,
                GError     **error)
{
  JsonArray *conflicts = td_json_get_array (result, "conflicts");
  const char *kind = NULL, *id = NULL, *op_id = NULL;
  gint64 revision = 0;
  sqlite3_stmt *stmt;

  if (conflicts == NULL
      || !td_json_get_string (result, "kind", &kind)
      || !td_json_get_string (result, "id", &id)
      || !td_json_get_string (result, "op_id", &op_id)
      || !td_json_get_int (result, "revision", &revision))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("The platform reported a conflict without its fields, record or revision"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (conflicts); i++)
    {
      JsonNode *node = json_array_get_element (conflicts, i);
      JsonObject *conflict = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *field = NULL;
      g_autofree char *base = NULL, *server = NULL, *desk = NULL;
      int rc;

      if (conflict == NULL || !td_json_get_string (conflict, "field", &field))
        {
          g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                               _("The platform reported a conflict without its field"));
          return FALSE;
        }
      base = node_text (conflict, "base");
      server = node_text (conflict, "server");
      desk = node_text (conflict, "desk");
      stmt = _td_database_prepare (db,
                                   "INSERT INTO sync_conflicts (kind, record_id, field, base, server, desk, "
                                   "server_revision, op_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, base, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, server, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, desk, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, revision);
      sqlite3_bind_text (stmt, 8, op_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _td_database_set_error (error, _td_database_get_handle (db), rc);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
td_sync_finish_batch (TdDatabase        *db,
                      TdSyncBatch       *batch,
                      JsonArray         *results,
                      TdSyncPushCounts  *counts,
                      GError           **error)
{
  g_autofree char *now = td_timestamp_now ();
  g_autoptr(JsonArray) records = json_array_new ();
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  if (json_array_get_length (results) != batch->n_ops)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("The platform answered %u operations of %u"),
                   json_array_get_length (results), batch->n_ops);
      return FALSE;
    }

  _td_database_lock (db);
  if (!_td_database_exec (db, "BEGIN IMMEDIATE", error))
    goto out;

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *result = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *status = NULL, *kind = NULL, *id = NULL;
      gint64 revision = 0;

      if (result == NULL || !td_json_get_string (result, "status", &status))
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("The platform's result %u has no status"), i + 1);
          goto rollback;
        }
      if (g_str_equal (status, "duplicate"))
        {
          counts->duplicates++;
          /* the first result tells the revision the platform gave it */
          result = td_json_get_object (result, "original");
          if (result == NULL || !td_json_get_string (result, "status", &status))
            continue;
          if (!g_str_equal (status, "applied")
              || !td_json_get_string (result, "kind", &kind) || !td_json_get_string (result, "id", &id)
              || !td_json_get_int (result, "revision", &revision))
            continue;
          /* as for "applied" below */
          if (td_json_get_object (result, "record") && revision > 1)
            json_array_add_object_element (records, json_object_ref (td_json_get_object (result, "record")));
          else if (!_td_database_set_platform_revision (db, kind, id, revision, error))
            goto rollback;
        }
      else if (g_str_equal (status, "applied"))
        {
          counts->applied++;
          if (!td_json_get_string (result, "kind", &kind) || !td_json_get_string (result, "id", &id)
              || !td_json_get_int (result, "revision", &revision))
            {
              g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("The platform's result %u has no kind, id or revision"), i + 1);
              goto rollback;
            }
          /* the platform's record as it now is (merged with the other
           * desks' changes, or completed with fields of its own such as a
           * registration's receipt): stored once the batch is done with.
           * The platform sends an insert back only when it added to it. */
          if (td_json_get_object (result, "record"))
            json_array_add_object_element (records, json_object_ref (td_json_get_object (result, "record")));
          else if (!_td_database_set_platform_revision (db, kind, id, revision, error))
            goto rollback;
        }
      else if (g_str_equal (status, "conflict"))
        {
          const char *op_id = NULL;

          counts->conflicts++;
          td_json_get_int (result, "revision", &revision);
          /* the platform's version replaces this desk's here; the desk's
           * values wait in the inbox */
          if (td_json_get_object (result, "record"))
            json_array_add_object_element (records, json_object_ref (td_json_get_object (result, "record")));
          if (!file_conflicts (db, result, now, error)
              || !td_json_get_string (result, "op_id", &op_id)
              || !_td_sync_inbox_file (db, op_id, "conflict", NULL, NULL, revision, now, error))
            goto rollback;
        }
      else if (g_str_equal (status, "rejected"))
        {
          const char *code = "?", *detail = "";

          counts->rejected++;
          td_json_get_string (result, "code", &code);
          td_json_get_string (result, "detail", &detail);
          td_json_get_string (result, "kind", &kind);
          td_json_get_string (result, "id", &id);
          if (counts->first_rejection == NULL)
            counts->first_rejection = g_strdup_printf ("%s %s: %s (%s)", kind ? kind : "?",
                                                       id ? id : "?", code, detail);
          {
            const char *op_id = NULL;

            /* kept whole for the clerk: the pull may bring the platform's version over it */
            if (td_json_get_string (result, "op_id", &op_id)
                && !_td_sync_inbox_file (db, op_id, "rejected", code, detail, 0, now, error))
              goto rollback;
          }
        }
      else
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("The platform's result %u has an unknown status “%s”"), i + 1, status);
          goto rollback;
        }
    }

  stmt = _td_database_prepare (db, "UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND seq <= ?", error);
  if (stmt == NULL)
    goto rollback;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, batch->last_seq);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      goto rollback;
    }
  if (!state_set_locked (db, BATCH_KEY, NULL, error)
      || !state_set_locked (db, BATCH_BODY, NULL, error)
      || !state_set_locked (db, BATCH_SEQ, NULL, error)
      || !state_set_locked (db, BATCH_OPS, NULL, error)
      || !_td_database_exec (db, "COMMIT", error))
    goto rollback;
  ok = TRUE;
  goto out;

rollback:
  sqlite3_exec (_td_database_get_handle (db), "ROLLBACK", NULL, NULL, NULL);
out:
  _td_database_unlock (db);
  /* once the batch's rows are sent: the records the platform answered with
   * (older than what is here, or with changes still unsent, they wait) */
  if (ok && json_array_get_length (records) > 0)
    ok = td_database_apply_remote (db, records, NULL, NULL, error);
  return ok;
}

JsonArray *
td_sync_list_conflicts (TdDatabase  *db,
                        GError     **error)
{
  JsonArray *list = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT kind, record_id, field, base, server, desk, server_revision "
                               "FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      json_array_unref (list);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();
      static const char *names[] = { "kind", "record_id", "field", "base", "server", "desk" };

      for (int c = 0; c < 6; c++)
        if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
          json_object_set_null_member (row, names[c]);
        else
          json_object_set_string_member (row, names[c], (const char *) sqlite3_column_text (stmt, c));
      json_object_set_int_member (row, "server_revision", sqlite3_column_int64 (stmt, 6));
      json_array_add_object_element (list, row);
    }
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    {
      json_array_unref (list);
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED, _("Could not read the conflicts"));
      return NULL;
    }
  return list;
}
