/* td-database-records.c: reading records and the one mutation API
 *
 * Part of TdDatabase (see td-database.c): every write to a business record
 * goes through td_database_commit(), which validates the change and writes
 * the record, its outbox entry and its audit entry in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer.h"
#include "td-database-private.h"
#include "td-json.h"
#include "td-time.h"

static const char *op_names[] = {
  [TD_CHANGE_INSERT] = "insert",
  [TD_CHANGE_UPDATE] = "update",
  [TD_CHANGE_DELETE] = "delete",
  [TD_CHANGE_RESTORE] = "restore",
};

/* ------------------------------------------------------------------ */
/* the mutation API                                                   */

static gboolean
record_is_live (TdDatabase  *self,
                const char  *kind_name,
                const char  *id,
                GError     **error)
{
  const TdKind *kind = td_kind_lookup (kind_name);
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM %s WHERE id = ?", kind->table);
  sqlite3_stmt *stmt = _td_database_prepare (self, sql, error);
  gboolean live;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  live = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return live;
}

static gboolean
record_exists (TdDatabase    *self,
               const TdKind  *kind,
               const char    *id,
               GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", kind->table);
  sqlite3_stmt *stmt = _td_database_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (self), rc);
      return FALSE;
    }
  return rc == SQLITE_ROW;
}

static gboolean
validate_value (TdDatabase     *self,
                const TdKind   *kind,
                const TdField  *field,
                JsonNode       *node,
                GError        **error)
{
  const char *ref;
  GError *local_error = NULL;

  if (!td_field_check_value (kind, field, node, error))
    return FALSE;
  if (field->type != TD_FIELD_REF || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  ref = json_node_get_string (node);
  if (!g_uuid_string_is_valid (ref) || !record_is_live (self, field->ref_kind, ref, &local_error))
    {
      if (local_error)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                     _("%s: “%s” refers to a record of “%s” that does not exist: %s"),
                     _(kind->title), field->name, _(td_kind_lookup (field->ref_kind)->title), ref);
      return FALSE;
    }
  return TRUE;
}

static void
bind_value (sqlite3_stmt  *stmt,
            int           *index,
            const TdField *field,
            JsonNode      *node)
{
  int i = *index;

  if (field->type == TD_FIELD_MONEY)
    {
      if (JSON_NODE_HOLDS_NULL (node))
        {
          sqlite3_bind_null (stmt, i);
          sqlite3_bind_null (stmt, i + 1);
        }
      else
        {
          JsonObject *money = json_node_get_object (node);

          sqlite3_bind_int64 (stmt, i, json_object_get_int_member (money, "minor"));
          sqlite3_bind_text (stmt, i + 1, json_object_get_string_member (money, "currency"),
                             -1, SQLITE_TRANSIENT);
        }
      *index = i + 2;
      return;
    }

  *index = i + 1;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      sqlite3_bind_null (stmt, i);
      return;
    }

  switch (field->type)
    {
    case TD_FIELD_TEXT:
    case TD_FIELD_DATE:
    case TD_FIELD_REF:
      sqlite3_bind_text (stmt, i, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      break;
    case TD_FIELD_INT:
      sqlite3_bind_int64 (stmt, i, json_node_get_int (node));
      break;
    case TD_FIELD_BOOL:
      sqlite3_bind_int (stmt, i, json_node_get_boolean (node) ? 1 : 0);
      break;
    case TD_FIELD_REAL:
      sqlite3_bind_double (stmt, i, json_node_get_double (node));
      break;
    case TD_FIELD_BLOB:
      {
        gsize len = 0;
        guchar *data = g_base64_decode (json_node_get_string (node), &len);

        sqlite3_bind_blob (stmt, i, data, (int) len, g_free);
      }
      break;
    case TD_FIELD_MONEY:
    default:
      g_assert_not_reached ();
    }
}

static void
append_columns (GString       *sql,
                const TdField *field,
                const char    *suffix)
{
  if (field->type == TD_FIELD_MONEY)
    g_string_append_printf (sql, ", %s_minor%s, %s_currency%s",
                            field->name, suffix, field->name, suffix);
  else
    g_string_append_printf (sql, ", %s%s", field->name, suffix);
}

/* “INSERT INTO <table> (id, org_id, revision, created_at, updated_at,
 * deleted, <members' columns>) VALUES (?, ?, 1, ?, ?, <deleted>, ?…)”:
 * the parameters from 1 on are id, org_id, the two timestamps, then (when
 * deleted is "?") the tombstone, then the members' values in order. */
static void
append_insert_sql (GString      *sql,
                   const TdKind *kind,
                   GList        *members,
                   const char   *deleted)
{
  g_string_append_printf (sql, "INSERT INTO %s (id, org_id, revision, created_at, updated_at, deleted",
                          kind->table);
  for (const GList *l = members; l; l = l->next)
    append_columns (sql, td_kind_get_field (kind, l->data), "");
  g_string_append_printf (sql, ") VALUES (?, ?, 1, ?, ?, %s", deleted);
  for (const GList *l = members; l; l = l->next)
    g_string_append (sql, td_kind_get_field (kind, l->data)->type == TD_FIELD_MONEY ? ", ?, ?" : ", ?");
  g_string_append (sql, ")");
}


static JsonNode *
column_to_node (sqlite3_stmt  *stmt,
                int           *index,
                const TdField *field)
{
  int i = *index;
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  *index = i + (field->type == TD_FIELD_MONEY ? 2 : 1);

  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    {
      json_node_init_null (node);
      return node;
    }

  switch (field->type)
    {
    case TD_FIELD_TEXT:
    case TD_FIELD_DATE:
    case TD_FIELD_REF:
      json_node_set_string (node, (const char *) sqlite3_column_text (stmt, i));
      break;
    case TD_FIELD_INT:
      json_node_set_int (node, sqlite3_column_int64 (stmt, i));
      break;
    case TD_FIELD_BOOL:
      json_node_set_boolean (node, sqlite3_column_int (stmt, i) != 0);
      break;
    case TD_FIELD_REAL:
      json_node_set_double (node, sqlite3_column_double (stmt, i));
      break;
    case TD_FIELD_BLOB:
      {
        g_autofree char *encoded = g_base64_encode (sqlite3_column_blob (stmt, i),
                                                    (gsize) sqlite3_column_bytes (stmt, i));
        json_node_set_string (node, encoded);
      }
      break;
    case TD_FIELD_MONEY:
      {
        JsonObject *money = json_object_new ();

        json_object_set_int_member (money, "minor", sqlite3_column_int64 (stmt, i));
        json_object_set_string_member (money, "currency",
                                       (const char *) sqlite3_column_text (stmt, i + 1));
        json_node_init_object (node, money);
        json_object_unref (money);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return node;
}

GString *
_td_database_record_select (const TdKind *kind,
                            const char   *extra)
{
  GString *sql = g_string_new ("SELECT id, org_id, revision, created_at, updated_at, deleted");

  for (guint i = 0; i < kind->n_fields; i++)
    append_columns (sql, &kind->fields[i], "");
  if (extra)
    g_string_append_printf (sql, ", %s", extra);
  g_string_append_printf (sql, " FROM %s", kind->table);
  return sql;
}

JsonObject *
_td_database_record_from_row (sqlite3_stmt *stmt,
                              const TdKind *kind)
{
  JsonObject *record = json_object_new ();
  int index = 6;

  json_object_set_string_member (record, "id", (const char *) sqlite3_column_text (stmt, 0));
  json_object_set_string_member (record, "org_id", (const char *) sqlite3_column_text (stmt, 1));
  json_object_set_int_member (record, "revision", sqlite3_column_int64 (stmt, 2));
  json_object_set_string_member (record, "created_at", (const char *) sqlite3_column_text (stmt, 3));
  json_object_set_string_member (record, "updated_at", (const char *) sqlite3_column_text (stmt, 4));
  json_object_set_boolean_member (record, "deleted", sqlite3_column_int (stmt, 5) != 0);
  for (guint i = 0; i < kind->n_fields; i++)
    json_object_set_member (record, kind->fields[i].name,
                            column_to_node (stmt, &index, &kind->fields[i]));
  return record;
}

/* Reads a row, tombstoned or not; NULL and no error when absent. */
static JsonObject *
read_record (TdDatabase    *self,
             const TdKind  *kind,
             const char    *id,
             GError       **error)
{
  g_autoptr(GString) sql = _td_database_record_select (kind, NULL);
  sqlite3_stmt *stmt;
  JsonObject *record = NULL;
  int rc;

  g_string_append (sql, " WHERE id = ?");
  stmt = _td_database_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = _td_database_record_from_row (stmt, kind);
  else if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (self), rc);
  sqlite3_reset (stmt);

  return record;
}

static gboolean
validate_values (TdDatabase    *self,
                 const TdKind  *kind,
                 JsonObject    *values,
                 gboolean       inserting,
                 GError       **error)
{
  g_autoptr(GList) members = json_object_get_members (values);

  for (const GList *l = members; l; l = l->next)
    {
      const TdField *field = td_kind_get_field (kind, l->data);

      if (field == NULL)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("%s: there is no field “%s”"), _(kind->title), (const char *) l->data);
          return FALSE;
        }
      if (!validate_value (self, kind, field, json_object_get_member (values, l->data), error))
        return FALSE;
    }

  if (strcmp (kind->name, "customer") == 0 && !td_customer_check_normal_form (values, error))
    return FALSE;

  if (inserting)
    for (guint i = 0; i < kind->n_fields; i++)
      if (kind->fields[i].required && !json_object_has_member (values, kind->fields[i].name))
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("%s: “%s” needs a value"), _(kind->title), kind->fields[i].name);
          return FALSE;
        }

  return TRUE;
}

static JsonNode *
audit_value (const TdField *field,
             JsonNode      *node)
{
  /* Keep the log small: say how big a blob was, not what it held. */
  if (field->type == TD_FIELD_BLOB && node && !JSON_NODE_HOLDS_NULL (node))
    {
      gsize len = 0;
      g_autofree guchar *data = g_base64_decode (json_node_get_string (node), &len);
      g_autofree char *text = g_strdup_printf ("<%" G_GSIZE_FORMAT " bytes>", len);

      return json_node_init_string (json_node_alloc (), text);
    }
  return node ? json_node_copy (node) : json_node_init_null (json_node_alloc ());
}

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* Live records of kind referring that refer to id (a record of kind)
 * through any of their reference fields; -1 with error. Hold the lock. */
static gint64
count_referring_locked (TdDatabase    *self,
                        const TdKind  *kind,
                        const char    *id,
                        const TdKind  *referring,
                        GError       **error)
{
  gint64 total = 0;

  for (guint f = 0; f < referring->n_fields; f++)
    {
      const TdField *field = &referring->fields[f];
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (field->type != TD_FIELD_REF || g_strcmp0 (field->ref_kind, kind->name) != 0)
        continue;

      sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ? AND deleted = 0",
                             referring->table, field->name);
      stmt = _td_database_prepare (self, sql, error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          _td_database_set_error (error, _td_database_get_handle (self), rc);
          sqlite3_reset (stmt);
          return -1;
        }
      total += sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  return total;
}

static gboolean
count_references (TdDatabase    *self,
                  const TdKind  *kind,
                  const char    *id,
                  GError       **error)
{
  guint n_kinds;
  const TdKind * const *all = td_kind_all (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    {
      gint64 n = count_referring_locked (self, kind, id, all[k], error);

      if (n < 0)
        return FALSE;
      if (n > 0)
        {
          g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n);

          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "It cannot be deleted: %s record of “%s” still refers to it",
                                    "It cannot be deleted: %s records of “%s” still refer to it",
                                    (gulong) n),
                       count, _(all[k]->title));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
apply_change (TdDatabase  *self,
              const char  *actor,
              const char  *now,
              TdChange    *change,
              GError     **error)
{
  const TdKind *kind = td_kind_lookup (td_change_get_kind (change));
  TdChangeOp op = td_change_get_op (change);
  const char *id = td_change_get_id (change);
  JsonObject *values = td_change_get_values (change);
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) audit = json_object_new ();
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(GString) sql = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *change_id = NULL;
  g_autofree char *payload_json = NULL;
  g_autofree char *audit_json = NULL;
  g_autoptr(GList) members = NULL;
  sqlite3_stmt *stmt;
  gint64 revision;
  int index, rc;

  if (kind == NULL)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("Unknown kind of record “%s”"), td_change_get_kind (change));
      return FALSE;
    }
  if (!g_uuid_string_is_valid (id))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not a record id (a UUID)"), id);
      return FALSE;
    }

  /* an insert needs only to know the id is free; the others the old values */
  if (op == TD_CHANGE_INSERT)
    {
      GError *local_error = NULL;
      gboolean exists = record_exists (self, kind, id, &local_error);

      if (local_error)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (exists)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS,
                       _("%s: a record with id %s already exists"), _(kind->title), id);
          return FALSE;
        }

      members = json_object_get_members (values);
      if (g_str_equal (kind->name, "organisation"))
        org_id = g_strdup (id);
      else if (td_change_get_org_id (change))
        org_id = g_strdup (td_change_get_org_id (change));
      else
        org_id = td_database_dup_setting (self, TD_SETTING_DEFAULT_ORG);

      if (org_id == NULL
          || (!g_str_equal (org_id, id) && !record_is_live (self, "organisation", org_id, NULL)))
        {
          g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                               _("The record must belong to an organisation of this workspace; set the workspace up first"));
          return FALSE;
        }

      if (!validate_values (self, kind, values, TRUE, error))
        return FALSE;

      revision = 1;
      sql = g_string_new (NULL);
      append_insert_sql (sql, kind, members, "0");

      stmt = _td_database_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, org_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
      index = 5;
      for (const GList *l = members; l; l = l->next)
        {
          const TdField *field = td_kind_get_field (kind, l->data);
          JsonNode *node = json_object_get_member (values, l->data);
          JsonArray *pair = json_array_new ();

          bind_value (stmt, &index, field, node);
          json_object_set_member (payload, field->name, json_node_copy (node));
          json_array_add_null_element (pair);
          json_array_add_element (pair, audit_value (field, node));
          json_object_set_array_member (audit, field->name, pair);
        }
    }
  else
    {
      GError *local_error = NULL;
      gboolean deleted;

      current = read_record (self, kind, id, &local_error);
      if (local_error)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      members = json_object_get_members (values);

      if (current == NULL)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                       _("%s: there is no record with id %s"), _(kind->title), id);
          return FALSE;
        }
      deleted = json_object_get_boolean_member (current, "deleted");
      revision = json_object_get_int_member (current, "revision");
      org_id = g_strdup (json_object_get_string_member (current, "org_id"));

      if ((op == TD_CHANGE_RESTORE) != deleted)
        {
          if (op == TD_CHANGE_RESTORE)
            g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                         _("%s: the record %s is not deleted"), _(kind->title), id);
          else
            g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                         _("%s: the record %s has been deleted"), _(kind->title), id);
          return FALSE;
        }
      if (revision != td_change_get_base_revision (change))
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT,
                       _("This record was changed by someone else in the meantime (revision %d, expected %d). Reload it and try again."),
                       (int) revision, (int) td_change_get_base_revision (change));
          return FALSE;
        }
      revision++;

      sql = g_string_new (NULL);
      g_string_append_printf (sql, "UPDATE %s SET revision = ?, updated_at = ?", kind->table);

      if (op == TD_CHANGE_UPDATE)
        {
          if (!validate_values (self, kind, values, FALSE, error))
            return FALSE;
          for (const GList *l = members; l; l = l->next)
            {
              const TdField *field = td_kind_get_field (kind, l->data);

              if (field->type == TD_FIELD_MONEY)
                g_string_append_printf (sql, ", %s_minor = ?, %s_currency = ?", field->name, field->name);
              else
                g_string_append_printf (sql, ", %s = ?", field->name);
            }
        }
      else if (op == TD_CHANGE_DELETE)
        {
          if (!count_references (self, kind, id, error))
            return FALSE;
          g_string_append (sql, ", deleted = 1");
        }
      else
        {
          /* restoring needs what it refers to still alive */
          for (guint i = 0; i < kind->n_fields; i++)
            if (kind->fields[i].type == TD_FIELD_REF)
              {
                JsonNode *ref = json_object_get_member (current, kind->fields[i].name);

                if (!validate_value (self, kind, &kind->fields[i], ref, error))
                  return FALSE;
              }
          g_string_append (sql, ", deleted = 0");
        }
      g_string_append (sql, " WHERE id = ?");

      stmt = _td_database_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, revision);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      index = 3;
      if (op == TD_CHANGE_UPDATE)
        for (const GList *l = members; l; l = l->next)
          {
            const TdField *field = td_kind_get_field (kind, l->data);
            JsonNode *node = json_object_get_member (values, l->data);
            JsonArray *pair = json_array_new ();

            bind_value (stmt, &index, field, node);
            json_object_set_member (payload, field->name, json_node_copy (node));
            json_array_add_element (pair, audit_value (field, json_object_get_member (current, field->name)));
            json_array_add_element (pair, audit_value (field, node));
            json_object_set_array_member (audit, field->name, pair);
          }
      sqlite3_bind_text (stmt, index, id, -1, SQLITE_STATIC);
    }

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (self), rc);
      return FALSE;
    }

  /* the outbox, for the platform */
  change_id = g_uuid_string_random ();
  payload_json = to_json (payload);
  stmt = _td_database_prepare (self,
                               "INSERT INTO outbox (change_id, kind, record_id, org_id, op, revision, "
                               "base_revision, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, org_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, op_names[op], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, revision);
  sqlite3_bind_int64 (stmt, 7, revision - 1);
  sqlite3_bind_text (stmt, 8, payload_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (self), rc);
      return FALSE;
    }

  /* the audit log: who, when, what changed */
  audit_json = to_json (audit);
  stmt = _td_database_prepare (self,
                               "INSERT INTO audit_log (at, actor, kind, record_id, op, revision, changes) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, op_names[op], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, revision);
  sqlite3_bind_text (stmt, 7, audit_json, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (self), rc);
      return FALSE;
    }

  return TRUE;
}

typedef struct {
  GPtrArray *changes;
  guint      next;
} ArraySource;

static TdChange *
next_in_array (gpointer  user_data,
               GError  **error)
{
  ArraySource *source = user_data;

  if (source->next >= source->changes->len)
    return NULL;
  return td_change_ref (g_ptr_array_index (source->changes, source->next++));
}

static gboolean commit_stream_hooked (TdDatabase          *self,
                                      const char          *actor,
                                      TdChangeSource       next,
                                      gpointer             user_data,
                                      const TdCommitHooks *hooks,
                                      GCancellable        *cancellable,
                                      GError             **error);

gboolean
_td_database_commit_with_hooks (TdDatabase          *self,
                                const char          *actor,
                                GPtrArray           *changes,
                                const TdCommitHooks *hooks,
                                GError             **error)
{
  ArraySource source = { changes, 0 };

  g_return_val_if_fail (changes != NULL, FALSE);
  if (!commit_stream_hooked (self, actor, next_in_array, &source, hooks, NULL, error))
    return FALSE;
  _td_database_emit_changed (self, changes);
  return TRUE;
}

gboolean
td_database_commit_stream (TdDatabase      *self,
                           const char      *actor,
                           TdChangeSource   next,
                           gpointer         user_data,
                           GCancellable    *cancellable,
                           GError         **error)
{
  if (!commit_stream_hooked (self, actor, next, user_data, NULL, cancellable, error))
    return FALSE;
  /* (too many to list: whoever follows reads again) */
  _td_database_emit_changed (self, NULL);
  return TRUE;
}

static gboolean
commit_stream_hooked (TdDatabase          *self,
                      const char          *actor,
                      TdChangeSource       next,
                      gpointer             user_data,
                      const TdCommitHooks *hooks,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autofree char *now = NULL;
  GError *local_error = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (next != NULL, FALSE);

  if (_td_database_is_readonly (self))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED,
                           _("The workspace is open read-only"));
      return FALSE;
    }
  if (actor == NULL || *actor == '\0')
    actor = td_database_default_actor ();

  now = td_timestamp_now ();

  _td_database_lock (self);

  /* These commits carry changes for the platform: make them durable. */
  if (!_td_database_exec (self, "PRAGMA synchronous = FULL", &local_error))
    goto out;
  if (!_td_database_exec (self, "BEGIN IMMEDIATE", &local_error))
    goto restore_sync;

  for (;;)
    {
      g_autoptr(TdChange) change = NULL;
      GError *change_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto rollback;
      change = next (user_data, &change_error);
      if (change == NULL)
        {
          if (change_error == NULL)
            break;
          g_propagate_error (error, change_error);
          goto rollback;
        }
      if (!apply_change (self, actor, now, change, &change_error))
        {
          /* still inside the transaction: what failed can be looked at */
          if (hooks && hooks->explain)
            hooks->explain (self, change, hooks->user_data, &change_error);
          g_propagate_error (error, change_error);
          goto rollback;
        }
    }

  if (hooks && hooks->check && !hooks->check (self, hooks->user_data, error))
    goto rollback;
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !_td_database_exec (self, "COMMIT", error))
    goto rollback;
  ok = TRUE;
  goto restore_sync;

rollback:
  sqlite3_exec (_td_database_get_handle (self), "ROLLBACK", NULL, NULL, NULL);
restore_sync:
  sqlite3_exec (_td_database_get_handle (self), "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
out:
  _td_database_unlock (self);
  if (local_error)
    g_propagate_error (error, local_error);
  return ok;
}

gboolean
td_database_commit (TdDatabase  *self,
                    const char  *actor,
                    GPtrArray   *changes,
                    GError     **error)
{
  return _td_database_commit_with_hooks (self, actor, changes, NULL, error);
}

typedef struct {
  char      *actor;
  GPtrArray *changes;
} CommitData;

static void
commit_data_free (CommitData *data)
{
  g_free (data->actor);
  g_ptr_array_unref (data->changes);
  g_free (data);
}

static void
commit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CommitData *data = task_data;
  GError *error = NULL;

  if (td_database_commit (source_object, data->actor, data->changes, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
td_database_commit_async (TdDatabase          *self,
                          const char          *actor,
                          GPtrArray           *changes,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CommitData *data;

  g_return_if_fail (TD_IS_DATABASE (self));
  g_return_if_fail (changes != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (CommitData, 1);
  data->actor = g_strdup (actor);
  data->changes = g_ptr_array_ref (changes);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_database_commit_async);
  g_task_set_task_data (task, data, (GDestroyNotify) commit_data_free);
  /* once started, a commit completes or rolls back: never half */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, commit_thread);
}

gboolean
td_database_commit_finish (TdDatabase    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

JsonObject *
td_database_get_record (TdDatabase  *self,
                        const char  *kind_name,
                        const char  *id,
                        GError     **error)
{
  const TdKind *kind = td_kind_lookup (kind_name);
  GError *local_error = NULL;
  JsonObject *record;

  g_return_val_if_fail (TD_IS_DATABASE (self), NULL);

  if (kind == NULL)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("Unknown kind of record “%s”"), kind_name);
      return NULL;
    }

  _td_database_lock (self);
  record = read_record (self, kind, id, &local_error);
  _td_database_unlock (self);

  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (record == NULL)
    g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                 _("%s: there is no record with id %s"), _(kind->title), id);
  return record;
}

gint64
td_database_count_references (TdDatabase  *self,
                              const char  *kind_name,
                              const char  *id,
                              const char  *referring_kind_name,
                              GError     **error)
{
  const TdKind *kind = td_kind_lookup (kind_name);
  const TdKind *referring = td_kind_lookup (referring_kind_name);
  gint64 n;

  g_return_val_if_fail (TD_IS_DATABASE (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  if (kind == NULL || referring == NULL)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("Unknown kind of record “%s”"), kind == NULL ? kind_name : referring_kind_name);
      return -1;
    }

  _td_database_lock (self);
  n = count_referring_locked (self, kind, id, referring, error);
  _td_database_unlock (self);
  return n;
}

/* ------------------------------------------------------------------ */
/* records from the platform                                          */

static gint64
platform_revision (TdDatabase  *self,
                   const char  *kind,
                   const char  *id,
                   GError     **error)
{
  sqlite3_stmt *stmt = _td_database_prepare (self,
                                             "SELECT platform_revision FROM sync_records "
                                             "WHERE kind = ? AND record_id = ?", error);
  gint64 revision = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    revision = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (self), rc);
      revision = -1;
    }
  sqlite3_reset (stmt);
  return revision;
}

static gboolean
step_done (TdDatabase    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _td_database_set_error (error, _td_database_get_handle (self), rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
_td_database_set_platform_revision (TdDatabase  *self,
                                    const char  *kind,
                                    const char  *id,
                                    gint64       revision,
                                    GError     **error)
{
  sqlite3_stmt *stmt = _td_database_prepare (self,
                                             "INSERT INTO sync_records (kind, record_id, platform_revision) "
                                             "VALUES (?, ?, ?) ON CONFLICT (kind, record_id) DO UPDATE "
                                             "SET platform_revision = max(platform_revision, excluded.platform_revision)",
                                             error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, revision);
  return step_done (self, stmt, error);
}

static gboolean
has_unsent_changes (TdDatabase  *self,
                    const char  *id,
                    GError     **error)
{
  sqlite3_stmt *stmt = _td_database_prepare (self,
                                             "SELECT 1 FROM outbox WHERE record_id = ? AND sent_at IS NULL LIMIT 1",
                                             error);
  int rc;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* One record as the platform holds it (OpenAPI “Record”). */
static gboolean
apply_remote_record (TdDatabase  *self,
                     const char  *now,
                     JsonObject  *record,
                     guint       *n_applied,
                     GError     **error)
{
  const char *kind_name = NULL, *id = NULL, *org_id = NULL;
  const char *created_at = NULL, *updated_at = NULL;
  gint64 revision = 0, known;
  gboolean deleted = FALSE;
  JsonObject *values;
  const TdKind *kind;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) audit = json_object_new ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GList) members = NULL;
  g_autofree char *audit_json = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  int index;

  if (!td_json_get_string (record, "kind", &kind_name)
      || !td_json_get_string (record, "id", &id)
      || !td_json_get_int (record, "revision", &revision)
      || !td_json_get_bool (record, "deleted", &deleted)
      || !td_json_get_string (record, "created_at", &created_at)
      || !td_json_get_string (record, "updated_at", &updated_at)
      || (values = td_json_get_object (record, "values")) == NULL)
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("The platform sent a record without kind, id, revision, deleted, dates or values"));
      return FALSE;
    }
  if (json_object_has_member (record, "org_id")
      && !JSON_NODE_HOLDS_NULL (json_object_get_member (record, "org_id")))
    org_id = json_object_get_string_member (record, "org_id");

  /* kinds this desk does not keep (the platform's own) are not stored */
  kind = td_kind_lookup (kind_name);
  if (kind == NULL)
    return TRUE;
  if (!g_uuid_string_is_valid (id) || revision < 1)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("The platform sent a record that is not valid (%s %s, revision %lld)"),
                   kind_name, id, (long long) revision);
      return FALSE;
    }

  known = platform_revision (self, kind->name, id, error);
  if (known < 0)
    return FALSE;
  if (known >= revision)
    return TRUE;  /* the same page twice, or older than what we have */
  /* unsent local edits win here: their push brings the conflict to the inbox */
  if (has_unsent_changes (self, id, error))
    return error == NULL || *error == NULL;

  current = read_record (self, kind, id, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (current == NULL && deleted)
    return _td_database_set_platform_revision (self, kind->name, id, revision, error);

  if (!validate_values (self, kind, values, current == NULL, error))
    {
      g_prefix_error (error, _("The platform's %s %s: "), _(kind->title), id);
      return FALSE;
    }
  members = json_object_get_members (values);

  if (current == NULL)
    {
      if (org_id == NULL)
        org_id = g_str_equal (kind->name, "organisation") ? id : NULL;
      if (org_id == NULL)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("The platform's %s %s belongs to no organisation"), _(kind->title), id);
          return FALSE;
        }
      append_insert_sql (sql, kind, members, "?");
      stmt = _td_database_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, org_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, created_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, updated_at, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, deleted ? 1 : 0);
      index = 6;
    }
  else
    {
      /* a local revision of its own, so that open editors see the change */
      g_string_append_printf (sql, "UPDATE %s SET revision = revision + 1, updated_at = ?, deleted = ?",
                              kind->table);
      for (const GList *l = members; l; l = l->next)
        append_columns (sql, td_kind_get_field (kind, l->data), " = ?");
      g_string_append (sql, " WHERE id = ?");
      /* append_columns writes “, a = ?, b = ?” for money as “, a_minor = ?, a_currency = ?” */
      stmt = _td_database_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, updated_at, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, deleted ? 1 : 0);
      index = 3;
    }

  for (const GList *l = members; l; l = l->next)
    {
      const TdField *field = td_kind_get_field (kind, l->data);
      JsonNode *node = json_object_get_member (values, l->data);
      JsonNode *old = current ? json_object_get_member (current, field->name) : NULL;
      JsonArray *pair;

      bind_value (stmt, &index, field, node);
      if (current && old && json_node_equal (old, node))
        continue;
      pair = json_array_new ();
      json_array_add_element (pair, current ? audit_value (field, old) : json_node_init_null (json_node_alloc ()));
      json_array_add_element (pair, audit_value (field, node));
      json_object_set_array_member (audit, field->name, pair);
    }
  if (current)
    sqlite3_bind_text (stmt, index, id, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;

  /* audited, never in the outbox: it came from the platform */
  audit_json = to_json (audit);
  stmt = _td_database_prepare (self,
                               "INSERT INTO audit_log (at, actor, kind, record_id, op, revision, changes) "
                               "VALUES (?, 'platform', ?, ?, 'remote', ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, current ? json_object_get_int_member (current, "revision") + 1 : 1);
  sqlite3_bind_text (stmt, 5, audit_json, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (n_applied)
    (*n_applied)++;
  return _td_database_set_platform_revision (self, kind->name, id, revision, error);
}

gboolean
td_database_apply_remote (TdDatabase  *self,
                          JsonArray   *records,
                          const char  *cursor,
                          guint       *n_applied,
                          GError     **error)
{
  g_autofree char *now = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  if (n_applied)
    *n_applied = 0;
  now = td_timestamp_now ();
  _td_database_lock (self);
  if (!_td_database_exec (self, "BEGIN IMMEDIATE", error))
    goto out;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonNode *node = json_array_get_element (records, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("The platform sent a record that is not an object (number %u)"), i + 1);
          goto rollback;
        }
      if (!apply_remote_record (self, now, json_node_get_object (node), n_applied, error))
        goto rollback;
    }
  if (cursor)
    {
      sqlite3_stmt *stmt = _td_database_prepare (self,
                                                 "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('cursor', ?)",
                                                 error);
      if (stmt == NULL)
        goto rollback;
      sqlite3_bind_text (stmt, 1, cursor, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        goto rollback;
    }
  if (!_td_database_exec (self, "COMMIT", error))
    goto rollback;
  ok = TRUE;
  goto out;

rollback:
  sqlite3_exec (_td_database_get_handle (self), "ROLLBACK", NULL, NULL, NULL);
  if (n_applied)
    *n_applied = 0;
out:
  _td_database_unlock (self);
  return ok;
}

gboolean
td_database_remove_missing_remote (TdDatabase  *self,
                                   GHashTable  *seen,
                                   guint       *n_removed,
                                   GError     **error)
{
  g_autofree char *now = td_timestamp_now ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);
  if (n_removed)
    *n_removed = 0;

  _td_database_lock (self);
  if (!_td_database_exec (self, "BEGIN IMMEDIATE", error))
    goto out;
  /* what the platform had, has no more, and has no unsent change here */
  stmt = _td_database_prepare (self,
                               "SELECT s.kind, s.record_id FROM sync_records s WHERE NOT EXISTS "
                               "(SELECT 1 FROM outbox o WHERE o.record_id = s.record_id AND o.sent_at IS NULL)",
                               error);
  if (stmt == NULL)
    goto rollback;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%s/%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1));

      if (!g_hash_table_contains (seen, key))
        g_ptr_array_add (missing, g_steal_pointer (&key));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (self), rc);
      goto rollback;
    }

  for (guint i = 0; i < missing->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (missing, i), "/", 2);
      const TdKind *kind = td_kind_lookup (parts[0]);
      g_autofree char *sql = NULL;

      if (kind)
        {
          sql = g_strdup_printf ("UPDATE %s SET deleted = 1, revision = revision + 1, updated_at = ? "
                                 "WHERE id = ? AND deleted = 0", kind->table);
          stmt = _td_database_prepare (self, sql, error);
          if (stmt == NULL)
            goto rollback;
          sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, parts[1], -1, SQLITE_STATIC);
          if (!step_done (self, stmt, error))
            goto rollback;
          if (sqlite3_changes (_td_database_get_handle (self)) > 0)
            {
              stmt = _td_database_prepare (self,
                                           "INSERT INTO audit_log (at, actor, kind, record_id, op, revision, changes) "
                                           "VALUES (?, 'platform', ?, ?, 'remote', "
                                           "(SELECT max(revision) FROM audit_log WHERE record_id = ?) + 1, "
                                           "'{\"deleted\":[false,true]}')", error);
              if (stmt == NULL)
                goto rollback;
              sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 3, parts[1], -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 4, parts[1], -1, SQLITE_STATIC);
              if (!step_done (self, stmt, error))
                goto rollback;
              if (n_removed)
                (*n_removed)++;
            }
        }
      stmt = _td_database_prepare (self, "DELETE FROM sync_records WHERE kind = ? AND record_id = ?", error);
      if (stmt == NULL)
        goto rollback;
      sqlite3_bind_text (stmt, 1, parts[0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, parts[1], -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        goto rollback;
    }
  if (!_td_database_exec (self, "COMMIT", error))
    goto rollback;
  ok = TRUE;
  goto out;

rollback:
  sqlite3_exec (_td_database_get_handle (self), "ROLLBACK", NULL, NULL, NULL);
  if (n_removed)
    *n_removed = 0;
out:
  _td_database_unlock (self);
  return ok;
}
