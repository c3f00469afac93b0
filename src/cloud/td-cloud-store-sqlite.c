/* td-cloud-store-sqlite.c: TdCloudStore on one SQLite file
 *
 * WAL, synchronous FULL (a committed push survives a power cut), a busy
 * timeout for the other worker threads' connections, and BEGIN IMMEDIATE
 * for every write transaction: writers are serialised, so sequence
 * numbers commit in order and a pull can never pass over a change that
 * is still to commit.
 *
 * Records are kept as JSON (data) beside the columns the rules need, in
 * one table for every kind: the platform stores what the desks send and
 * checks it against the kind registry (td-kind.c, td-cloud-kinds.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-cloud-store.h"
#include "td-core.h"

#define STORE_APPLICATION_ID 0x5444434C  /* "TDCL" */
#define BUSY_TIMEOUT_MS 30000

typedef struct {
  TdCloudStore  parent;
  sqlite3      *db;
  GHashTable   *statements;  /* SQL → sqlite3_stmt */
  guint         savepoints;
} SqliteStore;

static const char *schema[] = {
  /* 1 */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value INTEGER NOT NULL"
  ");"
  "INSERT INTO meta (key, value) VALUES ('seq', 0);"
  "CREATE TABLE tenants ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL UNIQUE,"
  "  kind TEXT CHECK (kind IS NULL OR kind IN ('hotel', 'agency', 'scenic')),"
  "  created_at TEXT NOT NULL,"
  "  epoch INTEGER NOT NULL DEFAULT 1,"
  "  horizon INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE desks ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants(id),"
  "  name TEXT NOT NULL,"
  "  refresh_hash TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  disabled INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (tenant_id, name)"
  ");"
  "CREATE TABLE access_tokens ("
  "  hash TEXT PRIMARY KEY NOT NULL,"
  "  desk_id TEXT NOT NULL REFERENCES desks(id),"
  "  expires_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX access_tokens_desk ON access_tokens (desk_id);"
  "CREATE TABLE records ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants(id),"
  "  kind TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  org_id TEXT,"
  "  revision INTEGER NOT NULL CHECK (revision >= 1),"
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  updated_by TEXT,"
  "  created_by TEXT,"  /* the desk that made it: revision 1 of its history */
  "  seq INTEGER NOT NULL UNIQUE,"
  "  data TEXT NOT NULL,"
  "  PRIMARY KEY (tenant_id, kind, id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX records_feed ON records (tenant_id, seq);"
  /* every revision but the first (see created_by) */
  "CREATE TABLE revisions ("
  "  tenant_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  desk_id TEXT,"
  "  op TEXT NOT NULL,"
  "  at TEXT NOT NULL,"
  "  changed TEXT NOT NULL,"
  "  PRIMARY KEY (tenant_id, kind, id, revision)"
  ") WITHOUT ROWID;"
  "CREATE TABLE operations ("
  "  tenant_id TEXT NOT NULL,"
  "  op_id TEXT NOT NULL,"
  "  desk_id TEXT,"
  "  at TEXT NOT NULL,"
  "  result TEXT NOT NULL,"
  "  PRIMARY KEY (tenant_id, op_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX operations_at ON operations (at);"
  "CREATE TABLE responses ("
  "  desk_id TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  method TEXT NOT NULL,"
  "  path TEXT NOT NULL,"
  "  fingerprint TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  content_type TEXT,"
  "  body BLOB NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  PRIMARY KEY (desk_id, key)"
  ") WITHOUT ROWID;"
  "CREATE INDEX responses_created ON responses (created_at);"
  "CREATE TABLE products ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  tenant_id TEXT REFERENCES tenants(id),"
  "  type TEXT NOT NULL CHECK (type IN ('attraction', 'tour')),"
  "  name TEXT NOT NULL,"
  "  city TEXT,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE inventory ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  product_id TEXT NOT NULL REFERENCES products(id),"
  "  date TEXT NOT NULL,"
  "  start_time TEXT NOT NULL,"
  "  end_time TEXT,"
  "  capacity INTEGER NOT NULL CHECK (capacity >= 0),"
  "  remaining INTEGER NOT NULL CHECK (remaining >= 0 AND remaining <= capacity)"
  ");"
  "CREATE INDEX inventory_product ON inventory (product_id, date, start_time);"
  "CREATE TABLE statistics ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants(id),"
  "  report TEXT NOT NULL,"
  "  period TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  figures TEXT NOT NULL,"
  "  uploaded_at TEXT NOT NULL,"
  "  desk_id TEXT,"
  "  PRIMARY KEY (tenant_id, report, period)"
  ") WITHOUT ROWID;",
};

static gboolean
set_error (GError **error,
           sqlite3 *db,
           int      rc)
{
  int code = TD_CLOUD_ERROR_FAILED;

  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    code = TD_CLOUD_ERROR_BUSY;
  else if (rc == SQLITE_CONSTRAINT)
    code = TD_CLOUD_ERROR_EXISTS;
  else if (rc == SQLITE_NOTADB)
    code = TD_CLOUD_ERROR_NOT_PLATFORM;
  g_set_error (error, TD_CLOUD_ERROR, code, "%s", db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static sqlite3_stmt *
prepare (SqliteStore *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt)
    return stmt;
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (error, self->db, rc);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (SqliteStore *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error (error, self->db, rc);
  return TRUE;
}

/* Runs a statement that returns no row; resets it. */
static gboolean
step_done (SqliteStore  *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return set_error (error, self->db, rc);
  return TRUE;
}

static void
finish (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           i,
           const char   *text)
{
  if (text)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

/* Binds the parameters of stmt in order; types holds one letter a
 * parameter: 's' text (NULL binds NULL), 'i' a gint64. */
static void
bind (sqlite3_stmt *stmt,
      const char   *types,
      ...)
{
  va_list args;

  va_start (args, types);
  for (int i = 0; types[i]; i++)
    if (types[i] == 's')
      bind_text (stmt, i + 1, va_arg (args, const char *));
    else
      sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
  va_end (args);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static JsonObject *
column_object (sqlite3_stmt *stmt,
               int           i)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  /* written by us with json-glib: no strict check needed */
  if (text && json_parser_load_from_data (parser, text, -1, NULL)
      && (root = json_parser_get_root (parser)) && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));
  return json_object_new ();
}

typedef gpointer (*ReadRow) (sqlite3_stmt *stmt);

/* Runs a bound statement: its first row as read gives it, or NULL (with
 * error only when the statement failed). Resets the statement. */
static gpointer
fetch_one (SqliteStore   *self,
           sqlite3_stmt  *stmt,
           ReadRow        read,
           GError       **error)
{
  gpointer row = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    row = read (stmt);
  else if (rc != SQLITE_DONE)
    set_error (error, self->db, rc);
  finish (stmt);
  return row;
}

/* The integer in the first column of the one row of a bound statement
 * (a count, a counter), or -1 with error. */
static gint64
fetch_int64 (SqliteStore   *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  gint64 value = -1;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    set_error (error, self->db, rc);
  finish (stmt);
  return value;
}

/* Runs a bound UPDATE … RETURNING to its end (the change is made only
 * then): *found says whether it returned a row, and *value is set to the
 * first column of the first one. FALSE with error. */
static gboolean
step_returning (SqliteStore   *self,
                sqlite3_stmt  *stmt,
                gboolean      *found,
                gint64        *value,
                GError       **error)
{
  int rc = sqlite3_step (stmt);

  *found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  while (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  finish (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (error, self->db, rc);
      return FALSE;
    }
  return TRUE;
}

/* Every row of a bound statement, or NULL with error. */
static GPtrArray *
fetch_all (SqliteStore     *self,
           sqlite3_stmt    *stmt,
           ReadRow          read,
           GDestroyNotify   free_row,
           GError         **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (free_row);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read (stmt));
  finish (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (error, self->db, rc);
      g_ptr_array_unref (list);
      return NULL;
    }
  return list;
}

static char *
object_text (JsonObject *object)
{
  return td_json_object_to_string (object);
}

/* ------------------------------------------------------------------ */
/* opening                                                            */

static void
sqlite_close (TdCloudStore *store)
{
  SqliteStore *self = (SqliteStore *) store;

  g_hash_table_destroy (self->statements);
  /* the last connection to close checkpoints the WAL */
  sqlite3_close (self->db);
  g_free (self);
}

static gboolean
migrate (SqliteStore  *self,
         GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0, app = 0;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (sqlite3_prepare_v2 (self->db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    app = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if ((version > 0 || app != 0) && app != STORE_APPLICATION_ID)
    {
      exec (self, "ROLLBACK", NULL);
      g_set_error (error, TD_CLOUD_ERROR, TD_CLOUD_ERROR_NOT_PLATFORM,
                   "not a tourdesk-cloud database (application id %d)", app);
      return FALSE;
    }
  if (version == 0)
    {
      /* an empty file only: never take over someone else's tables */
      gint64 n = -1;

      if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL) == SQLITE_OK
          && sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      if (n != 0)
        {
          exec (self, "ROLLBACK", NULL);
          g_set_error_literal (error, TD_CLOUD_ERROR, TD_CLOUD_ERROR_NOT_PLATFORM,
                               "not a tourdesk-cloud database (it holds other tables)");
          return FALSE;
        }
    }
  if (version > (int) G_N_ELEMENTS (schema))
    {
      exec (self, "ROLLBACK", NULL);
      g_set_error (error, TD_CLOUD_ERROR, TD_CLOUD_ERROR_NOT_PLATFORM,
                   "the database has schema %d, newer than this server knows (%d)",
                   version, (int) G_N_ELEMENTS (schema));
      return FALSE;
    }

  for (int v = version + 1; v <= (int) G_N_ELEMENTS (schema); v++)
    {
      g_autofree char *set = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                              STORE_APPLICATION_ID, v);

      if (!exec (self, schema[v - 1], error) || !exec (self, set, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return exec (self, "COMMIT", error);
}

static const TdCloudStoreVTable sqlite_vtable;

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

TdCloudStore *
td_cloud_store_sqlite_open (const char  *path,
                            GError     **error)
{
  SqliteStore *self = g_new0 (SqliteStore, 1);
  int rc;

  self->parent.vt = &sqlite_vtable;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TD_CLOUD_ERROR, TD_CLOUD_ERROR_FAILED, "%s: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      sqlite_close (&self->parent);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 0);

  if (!exec (self, "PRAGMA journal_mode = WAL", error)
      || !exec (self, "PRAGMA synchronous = FULL", error)
      || !exec (self, "PRAGMA foreign_keys = ON", error)
      || !exec (self, "PRAGMA cache_size = -32768", error)
      /* the savepoint of each operation keeps the pages it changes in a
       * sub-journal: in memory, not in a temporary file */
      || !exec (self, "PRAGMA temp_store = MEMORY", error)
      /* fewer, larger checkpoints: a page changed by many pushes is
       * copied to the database once per checkpoint, not once per push */
      || !exec (self, "PRAGMA wal_autocheckpoint = 10000", error)
      || !migrate (self, error))
    {
      if (error && *error && (*error)->code == TD_CLOUD_ERROR_NOT_PLATFORM
          && !g_str_has_prefix ((*error)->message, path))
        g_prefix_error (error, "%s: ", path);
      sqlite_close (&self->parent);
      return NULL;
    }
  return &self->parent;
}

/* ------------------------------------------------------------------ */
/* transactions                                                       */

static gboolean
sqlite_begin (TdCloudStore  *store,
              gboolean       write,
              GError       **error)
{
  return exec ((SqliteStore *) store, write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", error);
}

static gboolean
sqlite_commit (TdCloudStore  *store,
               GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;

  if (!exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

static void
sqlite_rollback (TdCloudStore *store)
{
  SqliteStore *self = (SqliteStore *) store;

  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
  self->savepoints = 0;
}

static gboolean
sqlite_savepoint (TdCloudStore  *store,
                  GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;

  if (!exec (self, "SAVEPOINT op", error))
    return FALSE;
  self->savepoints++;
  return TRUE;
}

static gboolean
sqlite_release (TdCloudStore  *store,
                GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;

  if (!exec (self, "RELEASE op", error))
    return FALSE;
  self->savepoints--;
  return TRUE;
}

static void
sqlite_rollback_savepoint (TdCloudStore *store)
{
  SqliteStore *self = (SqliteStore *) store;

  exec (self, "ROLLBACK TO op", NULL);
  exec (self, "RELEASE op", NULL);
  self->savepoints--;
}

/* ------------------------------------------------------------------ */
/* tenants, desks, tokens                                             */

static gpointer
read_tenant (sqlite3_stmt *stmt)
{
  TdCloudTenant *tenant = g_new0 (TdCloudTenant, 1);

  tenant->id = column_text (stmt, 0);
  tenant->name = column_text (stmt, 1);
  tenant->kind = column_text (stmt, 2);
  tenant->created_at = column_text (stmt, 3);
  tenant->epoch = sqlite3_column_int64 (stmt, 4);
  tenant->horizon = sqlite3_column_int64 (stmt, 5);
  return tenant;
}

#define TENANT_COLUMNS "id, name, kind, created_at, epoch, horizon"

static TdCloudTenant *
sqlite_tenant_get (TdCloudStore  *store,
                   const char    *id_or_name,
                   GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT " TENANT_COLUMNS " FROM tenants WHERE id = ?1 OR name = ?1 "
                                      "ORDER BY id = ?1 DESC LIMIT 1", error);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id_or_name);
  return fetch_one (self, stmt, read_tenant, error);
}

static TdCloudTenant *
sqlite_tenant_add (TdCloudStore  *store,
                   const char    *name,
                   const char    *kind,
                   GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = td_timestamp_now ();
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO tenants (id, name, kind, created_at) VALUES (?, ?, ?, ?)", error);
  GError *local_error = NULL;

  if (stmt == NULL)
    return NULL;
  bind (stmt, "ssss", id, name, kind, now);
  if (!step_done (self, stmt, &local_error))
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return sqlite_tenant_get (store, id, error);
}

static GPtrArray *
sqlite_tenant_list (TdCloudStore  *store,
                    GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT " TENANT_COLUMNS " FROM tenants ORDER BY name", error);

  if (stmt == NULL)
    return NULL;
  return fetch_all (self, stmt, read_tenant, (GDestroyNotify) td_cloud_tenant_free, error);
}

#define DESK_COLUMNS "id, tenant_id, name, created_at, disabled"

static gpointer
read_desk (sqlite3_stmt *stmt)
{
  TdCloudDesk *desk = g_new0 (TdCloudDesk, 1);

  desk->id = column_text (stmt, 0);
  desk->tenant_id = column_text (stmt, 1);
  desk->name = column_text (stmt, 2);
  desk->created_at = column_text (stmt, 3);
  desk->disabled = sqlite3_column_int (stmt, 4) != 0;
  return desk;
}

static TdCloudDesk *
desk_query (SqliteStore  *self,
            const char   *sql,
            const char   *text,
            gint64        number,
            GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, text);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, number);
  return fetch_one (self, stmt, read_desk, error);
}

static TdCloudDesk *
sqlite_desk_get (TdCloudStore  *store,
                 const char    *id,
                 GError       **error)
{
  return desk_query ((SqliteStore *) store, "SELECT " DESK_COLUMNS " FROM desks WHERE id = ?", id, 0, error);
}

static TdCloudDesk *
sqlite_desk_add (TdCloudStore  *store,
                 const char    *tenant_id,
                 const char    *name,
                 const char    *refresh_hash,
                 GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = td_timestamp_now ();
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO desks (id, tenant_id, name, refresh_hash, created_at) "
                                      "VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return NULL;
  bind (stmt, "sssss", id, tenant_id, name, refresh_hash, now);
  if (!step_done (self, stmt, error))
    return NULL;
  return sqlite_desk_get (store, id, error);
}

static GPtrArray *
sqlite_desk_list (TdCloudStore  *store,
                  const char    *tenant_id,
                  GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT " DESK_COLUMNS " FROM desks WHERE tenant_id = ? ORDER BY name", error);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, tenant_id);
  return fetch_all (self, stmt, read_desk, (GDestroyNotify) td_cloud_desk_free, error);
}

static gboolean
update_desk (SqliteStore  *self,
             const char   *sql,
             const char   *desk_id,
             const char   *text,
             gint64        number,
             GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, desk_id);
  if (text)
    bind_text (stmt, 2, text);
  else
    sqlite3_bind_int64 (stmt, 2, number);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TD_CLOUD_ERROR, TD_CLOUD_ERROR_NOT_FOUND, "no desk %s", desk_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
drop_access_tokens (SqliteStore  *self,
                    const char   *desk_id,
                    GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "DELETE FROM access_tokens WHERE desk_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, desk_id);
  return step_done (self, stmt, error);
}

static gboolean
sqlite_desk_set_refresh_hash (TdCloudStore  *store,
                              const char    *desk_id,
                              const char    *hash,
                              GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;

  /* a new sign-in ends every session of the old one */
  return update_desk (self, "UPDATE desks SET refresh_hash = ?2 WHERE id = ?1", desk_id, hash, 0, error)
         && drop_access_tokens (self, desk_id, error);
}

static gboolean
sqlite_desk_set_disabled (TdCloudStore  *store,
                          const char    *desk_id,
                          gboolean       disabled,
                          GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;

  return update_desk (self, "UPDATE desks SET disabled = ?2 WHERE id = ?1", desk_id, NULL, disabled ? 1 : 0, error)
         && (!disabled || drop_access_tokens (self, desk_id, error));
}

static TdCloudDesk *
sqlite_desk_by_refresh_hash (TdCloudStore  *store,
                             const char    *hash,
                             GError       **error)
{
  return desk_query ((SqliteStore *) store,
                     "SELECT " DESK_COLUMNS " FROM desks WHERE refresh_hash = ?", hash, 0, error);
}

static gboolean
sqlite_access_token_add (TdCloudStore  *store,
                         const char    *hash,
                         const char    *desk_id,
                         gint64         expires_at,
                         GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO access_tokens (hash, desk_id, expires_at) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind (stmt, "ssi", hash, desk_id, (gint64) expires_at);
  return step_done (self, stmt, error);
}

static TdCloudDesk *
sqlite_desk_by_access_hash (TdCloudStore  *store,
                            const char    *hash,
                            gint64         now,
                            GError       **error)
{
  return desk_query ((SqliteStore *) store,
                     "SELECT d.id, d.tenant_id, d.name, d.created_at, d.disabled "
                     "FROM access_tokens t JOIN desks d ON d.id = t.desk_id "
                     "WHERE t.hash = ?1 AND t.expires_at > ?2", hash, now, error);
}

/* ------------------------------------------------------------------ */
/* idempotency and operations                                         */

static gpointer
read_response (sqlite3_stmt *stmt)
{
  TdCloudStoredResponse *response = g_new0 (TdCloudStoredResponse, 1);

  response->method = column_text (stmt, 0);
  response->path = column_text (stmt, 1);
  response->fingerprint = column_text (stmt, 2);
  response->status = (guint) sqlite3_column_int (stmt, 3);
  response->content_type = column_text (stmt, 4);
  response->body = g_bytes_new (sqlite3_column_blob (stmt, 5), (gsize) sqlite3_column_bytes (stmt, 5));
  return response;
}

static TdCloudStoredResponse *
sqlite_response_get (TdCloudStore  *store,
                     const char    *desk_id,
                     const char    *key,
                     GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT method, path, fingerprint, status, content_type, body "
                                      "FROM responses WHERE desk_id = ? AND key = ?", error);

  if (stmt == NULL)
    return NULL;
  bind (stmt, "ss", desk_id, key);
  return fetch_one (self, stmt, read_response, error);
}

static gboolean
sqlite_response_put (TdCloudStore                 *store,
                     const char                   *desk_id,
                     const char                   *key,
                     const TdCloudStoredResponse  *response,
                     GError                      **error)
{
  SqliteStore *self = (SqliteStore *) store;
  g_autofree char *now = td_timestamp_now ();
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO responses (desk_id, key, method, path, fingerprint, status, "
                                      "content_type, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  gsize size = 0;
  gconstpointer data;

  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (response->body, &size);
  bind (stmt, "sssssis", desk_id, key, response->method, response->path, response->fingerprint,
        (gint64) ((int) response->status), response->content_type);
  sqlite3_bind_blob64 (stmt, 8, data ? data : "", size, SQLITE_STATIC);
  bind_text (stmt, 9, now);
  return step_done (self, stmt, error);
}

static gpointer
read_first_object (sqlite3_stmt *stmt)
{
  return column_object (stmt, 0);
}

static JsonObject *
sqlite_op_get (TdCloudStore  *store,
               const char    *tenant_id,
               const char    *op_id,
               GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT result FROM operations WHERE tenant_id = ? AND op_id = ?", error);

  if (stmt == NULL)
    return NULL;
  bind (stmt, "ss", tenant_id, op_id);
  return fetch_one (self, stmt, read_first_object, error);
}

static gboolean
sqlite_op_put (TdCloudStore  *store,
               const char    *tenant_id,
               const char    *op_id,
               const char    *desk_id,
               JsonObject    *result,
               GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  g_autofree char *now = td_timestamp_now ();
  g_autofree char *text = object_text (result);
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO operations (tenant_id, op_id, desk_id, at, result) "
                                      "VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind (stmt, "sssss", tenant_id, op_id, desk_id, now, text);
  return step_done (self, stmt, error);
}

/* ------------------------------------------------------------------ */
/* records                                                            */

#define RECORD_COLUMNS "kind, id, org_id, revision, deleted, created_at, updated_at, seq, data"

static gpointer
read_record (sqlite3_stmt *stmt)
{
  TdCloudRecord *record = g_new0 (TdCloudRecord, 1);

  record->kind = column_text (stmt, 0);
  record->id = column_text (stmt, 1);
  record->org_id = column_text (stmt, 2);
  record->revision = sqlite3_column_int64 (stmt, 3);
  record->deleted = sqlite3_column_int (stmt, 4) != 0;
  record->created_at = column_text (stmt, 5);
  record->updated_at = column_text (stmt, 6);
  record->seq = sqlite3_column_int64 (stmt, 7);
  record->values = column_object (stmt, 8);
  return record;
}

static TdCloudRecord *
sqlite_record_get (TdCloudStore  *store,
                   const char    *tenant_id,
                   const char    *kind,
                   const char    *id,
                   GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT " RECORD_COLUMNS " FROM records "
                                      "WHERE tenant_id = ? AND kind = ? AND id = ?", error);

  if (stmt == NULL)
    return NULL;
  bind (stmt, "sss", tenant_id, kind, id);
  return fetch_one (self, stmt, read_record, error);
}

static gint64
next_seq (SqliteStore  *self,
          GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value", error);
  gint64 seq = -1;
  gboolean found;

  if (stmt == NULL)
    return -1;
  if (!step_returning (self, stmt, &found, &seq, error))
    return -1;
  return seq;
}

static gboolean
sqlite_record_put (TdCloudStore   *store,
                   const char     *tenant_id,
                   TdCloudRecord  *record,
                   const char     *desk_id,
                   const char     *op,
                   JsonObject     *changed,
                   GError        **error)
{
  SqliteStore *self = (SqliteStore *) store;
  g_autofree char *data = object_text (record->values);
  g_autofree char *changes = object_text (changed);
  sqlite3_stmt *stmt;
  gint64 seq = next_seq (self, error);

  if (seq < 0)
    return FALSE;

  stmt = prepare (self,
                  "INSERT INTO records (tenant_id, kind, id, org_id, revision, deleted, created_at, "
                  "updated_at, updated_by, seq, data, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?9) "
                  "ON CONFLICT (tenant_id, kind, id) DO UPDATE SET org_id = excluded.org_id, "
                  "revision = excluded.revision, deleted = excluded.deleted, updated_at = excluded.updated_at, "
                  "updated_by = excluded.updated_by, seq = excluded.seq, data = excluded.data",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind (stmt, "ssssiisssis", tenant_id, record->kind, record->id, record->org_id, (gint64) record->revision,
        (gint64) (record->deleted ? 1 : 0), record->created_at, record->updated_at, desk_id, (gint64) seq, data);
  if (!step_done (self, stmt, error))
    return FALSE;

  /* the first revision is the record's created_by: one random-keyed
   * B-tree fewer to write for each new record */
  if (g_str_equal (op, "insert"))
    {
      record->seq = seq;
      return TRUE;
    }
  stmt = prepare (self, "INSERT INTO revisions (tenant_id, kind, id, revision, desk_id, op, at, changed) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind (stmt, "sssissss", tenant_id, record->kind, record->id, (gint64) record->revision, desk_id, op,
        record->updated_at, changes);
  if (!step_done (self, stmt, error))
    return FALSE;

  record->seq = seq;
  return TRUE;
}

static GPtrArray *
sqlite_revisions_after (TdCloudStore  *store,
                        const char    *tenant_id,
                        const char    *kind,
                        const char    *id,
                        gint64         base,
                        GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT revision, desk_id, changed, op FROM revisions "
                                      "WHERE tenant_id = ? AND kind = ? AND id = ? AND revision > ? "
                                      "ORDER BY revision", error);
  GPtrArray *list;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind (stmt, "sssi", tenant_id, kind, id, (gint64) base);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_cloud_revision_free);
  if (base < 1)
    {
      /* revision 1: who made the record */
      sqlite3_stmt *made = prepare (self, "SELECT created_by FROM records WHERE tenant_id = ? AND kind = ? AND id = ?",
                                    error);

      if (made == NULL)
        {
          finish (stmt);
          g_ptr_array_unref (list);
          return NULL;
        }
      bind (made, "sss", tenant_id, kind, id);
      rc = sqlite3_step (made);
      if (rc == SQLITE_ROW)
        {
          TdCloudRevision *revision = g_new0 (TdCloudRevision, 1);

          revision->revision = 1;
          revision->desk_id = column_text (made, 0);
          revision->op = g_strdup ("insert");
          revision->changed = json_object_new ();
          g_ptr_array_add (list, revision);
        }
      finish (made);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          set_error (error, self->db, rc);
          finish (stmt);
          g_ptr_array_unref (list);
          return NULL;
        }
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdCloudRevision *revision = g_new0 (TdCloudRevision, 1);

      revision->revision = sqlite3_column_int64 (stmt, 0);
      revision->desk_id = column_text (stmt, 1);
      revision->changed = column_object (stmt, 2);
      revision->op = column_text (stmt, 3);
      g_ptr_array_add (list, revision);
    }
  finish (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (error, self->db, rc);
      g_ptr_array_unref (list);
      return NULL;
    }
  return list;
}

static gint64
sqlite_count_referrers (TdCloudStore  *store,
                        const char    *tenant_id,
                        const char    *kind,
                        const char    *field,
                        const char    *id,
                        GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT count(*) FROM records WHERE tenant_id = ? AND kind = ? "
                                      "AND deleted = 0 AND json_extract(data, ?) = ?", error);
  g_autofree char *path = g_strdup_printf ("$.%s", field);

  if (stmt == NULL)
    return -1;
  bind (stmt, "ssss", tenant_id, kind, path, id);
  return fetch_int64 (self, stmt, error);
}

static GPtrArray *
sqlite_changes (TdCloudStore  *store,
                const char    *tenant_id,
                const char    *kind,
                gint64         after,
                gint64         upto,
                gboolean       with_deleted,
                guint          limit,
                GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT " RECORD_COLUMNS " FROM records "
                                      "WHERE tenant_id = ?1 AND seq > ?2 AND (?3 < 0 OR seq <= ?3) "
                                      "AND (?4 OR deleted = 0) AND (?5 IS NULL OR kind = ?5) "
                                      "ORDER BY seq LIMIT ?6", error);

  if (stmt == NULL)
    return NULL;
  bind (stmt, "siiisi", tenant_id, (gint64) after, (gint64) upto, (gint64) (with_deleted ? 1 : 0), kind,
        (gint64) limit);
  return fetch_all (self, stmt, read_record, (GDestroyNotify) td_cloud_record_free, error);
}

static gint64
sqlite_count_changes (TdCloudStore  *store,
                      const char    *tenant_id,
                      gint64         after,
                      gint64         upto,
                      gboolean       with_deleted,
                      GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT count(*) FROM records "
                                      "WHERE tenant_id = ?1 AND seq > ?2 AND (?3 < 0 OR seq <= ?3) "
                                      "AND (?4 OR deleted = 0)", error);

  if (stmt == NULL)
    return -1;
  bind (stmt, "siii", tenant_id, (gint64) after, (gint64) upto, (gint64) (with_deleted ? 1 : 0));
  return fetch_int64 (self, stmt, error);
}

static gint64
sqlite_last_seq (TdCloudStore  *store,
                 GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT value FROM meta WHERE key = 'seq'", error);

  if (stmt == NULL)
    return -1;
  return fetch_int64 (self, stmt, error);
}

/* ------------------------------------------------------------------ */
/* the catalogue                                                      */

static TdCloudProduct *
sqlite_product_add (TdCloudStore  *store,
                    const char    *tenant_id,
                    const char    *type,
                    const char    *name,
                    const char    *city,
                    GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  g_autofree char *now = td_timestamp_now ();
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO products (id, tenant_id, type, name, city, created_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?)", error);
  TdCloudProduct *product;

  if (stmt == NULL)
    return NULL;
  product = g_new0 (TdCloudProduct, 1);
  product->id = g_uuid_string_random ();
  product->tenant_id = g_strdup (tenant_id);
  product->type = g_strdup (type);
  product->name = g_strdup (name);
  product->city = g_strdup (city);
  product->inventory = g_ptr_array_new_with_free_func ((GDestroyNotify) td_cloud_inventory_free);
  bind (stmt, "ssssss", product->id, tenant_id, type, name, city, now);
  if (!step_done (self, stmt, error))
    {
      td_cloud_product_free (product);
      return NULL;
    }
  return product;
}

static gpointer
read_product (sqlite3_stmt *stmt)
{
  TdCloudProduct *product = g_new0 (TdCloudProduct, 1);

  product->id = column_text (stmt, 0);
  product->tenant_id = column_text (stmt, 1);
  product->type = column_text (stmt, 2);
  product->name = column_text (stmt, 3);
  product->city = column_text (stmt, 4);
  product->inventory = g_ptr_array_new_with_free_func ((GDestroyNotify) td_cloud_inventory_free);
  return product;
}

static TdCloudProduct *
sqlite_product_get (TdCloudStore  *store,
                    const char    *id,
                    GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT id, tenant_id, type, name, city FROM products WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  return fetch_one (self, stmt, read_product, error);
}

static TdCloudInventory *
sqlite_inventory_add (TdCloudStore  *store,
                      const char    *product_id,
                      const char    *date,
                      const char    *start_time,
                      const char    *end_time,
                      gint64         capacity,
                      GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO inventory (id, product_id, date, start_time, end_time, "
                                      "capacity, remaining) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  TdCloudInventory *inventory;

  if (stmt == NULL)
    return NULL;
  inventory = g_new0 (TdCloudInventory, 1);
  inventory->id = g_uuid_string_random ();
  inventory->product_id = g_strdup (product_id);
  inventory->date = g_strdup (date);
  inventory->start_time = g_strdup (start_time);
  inventory->end_time = g_strdup (end_time);
  inventory->capacity = inventory->remaining = capacity;
  bind (stmt, "sssssii", inventory->id, product_id, date, start_time, end_time, (gint64) capacity, (gint64) capacity);
  if (!step_done (self, stmt, error))
    {
      td_cloud_inventory_free (inventory);
      return NULL;
    }
  return inventory;
}

static GPtrArray *
sqlite_catalogue (TdCloudStore  *store,
                  const char    *tenant_id,
                  const char    *type,
                  const char    *from,
                  const char    *to,
                  GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT p.id, p.tenant_id, p.type, p.name, p.city, i.id, i.date, i.start_time, "
                                "i.end_time, i.capacity, i.remaining FROM products p "
                                "LEFT JOIN inventory i ON i.product_id = p.id AND i.date >= ?3 AND i.date < ?4 "
                                "WHERE (p.tenant_id IS NULL OR p.tenant_id = ?1) AND (?2 IS NULL OR p.type = ?2) "
                                "ORDER BY p.type, p.name, p.id, i.date, i.start_time, i.id",
                                error);
  GPtrArray *list;
  TdCloudProduct *product = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind (stmt, "ssss", tenant_id, type, from, to);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_cloud_product_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (product == NULL || !g_str_equal (product->id, id))
        {
          product = read_product (stmt);
          g_ptr_array_add (list, product);
        }
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          TdCloudInventory *inventory = g_new0 (TdCloudInventory, 1);

          inventory->id = column_text (stmt, 5);
          inventory->product_id = g_strdup (product->id);
          inventory->date = column_text (stmt, 6);
          inventory->start_time = column_text (stmt, 7);
          inventory->end_time = column_text (stmt, 8);
          inventory->capacity = sqlite3_column_int64 (stmt, 9);
          inventory->remaining = sqlite3_column_int64 (stmt, 10);
          g_ptr_array_add (product->inventory, inventory);
        }
    }
  finish (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (error, self->db, rc);
      g_ptr_array_unref (list);
      return NULL;
    }
  return list;
}

static TdCloudTake
sqlite_inventory_take (TdCloudStore  *store,
                       const char    *tenant_id,
                       const char    *type,
                       const char    *inventory_id,
                       gint64         n,
                       gint64        *remaining,
                       GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt;
  gboolean taken;
  int rc;

  /* the arbiter of capacity: one conditional decrement, inside the
   * caller's BEGIN IMMEDIATE; never below zero, whoever asks first */
  stmt = prepare (self, "UPDATE inventory SET remaining = remaining - ?3 "
                        "WHERE id = ?1 AND remaining >= ?3 AND product_id IN "
                        "(SELECT id FROM products WHERE type = ?4 AND (tenant_id IS NULL OR tenant_id = ?2)) "
                        "RETURNING remaining", error);
  if (stmt == NULL)
    return TD_CLOUD_TAKE_UNKNOWN;
  bind (stmt, "ssis", inventory_id, tenant_id, (gint64) n, type);
  if (!step_returning (self, stmt, &taken, remaining, error))
    return TD_CLOUD_TAKE_UNKNOWN;
  if (taken)
    return TD_CLOUD_TAKE_OK;

  /* not taken: sold out, or not there for this tenant */
  stmt = prepare (self, "SELECT i.remaining FROM inventory i JOIN products p ON p.id = i.product_id "
                        "WHERE i.id = ?1 AND p.type = ?3 AND (p.tenant_id IS NULL OR p.tenant_id = ?2)", error);
  if (stmt == NULL)
    return TD_CLOUD_TAKE_UNKNOWN;
  bind (stmt, "sss", inventory_id, tenant_id, type);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *remaining = sqlite3_column_int64 (stmt, 0);
      finish (stmt);
      return TD_CLOUD_TAKE_SOLD_OUT;
    }
  finish (stmt);
  if (rc != SQLITE_DONE)
    set_error (error, self->db, rc);
  return TD_CLOUD_TAKE_UNKNOWN;
}

static gboolean
sqlite_inventory_give (TdCloudStore  *store,
                       const char    *tenant_id,
                       const char    *inventory_id,
                       gint64         n,
                       GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "UPDATE inventory SET remaining = min(capacity, remaining + ?3) "
                                      "WHERE id = ?1 AND product_id IN "
                                      "(SELECT id FROM products WHERE tenant_id IS NULL OR tenant_id = ?2)", error);

  if (stmt == NULL)
    return FALSE;
  bind (stmt, "ssi", inventory_id, tenant_id, (gint64) n);
  return step_done (self, stmt, error);
}

/* ------------------------------------------------------------------ */
/* statistics                                                         */

#define STATISTIC_COLUMNS "report, period, revision, figures, uploaded_at, desk_id"

static gpointer
read_statistic (sqlite3_stmt *stmt)
{
  TdCloudStatistic *statistic = g_new0 (TdCloudStatistic, 1);

  statistic->report = column_text (stmt, 0);
  statistic->period = column_text (stmt, 1);
  statistic->revision = sqlite3_column_int64 (stmt, 2);
  statistic->figures = column_object (stmt, 3);
  statistic->uploaded_at = column_text (stmt, 4);
  statistic->desk_id = column_text (stmt, 5);
  return statistic;
}

static TdCloudStatistic *
sqlite_statistic_get (TdCloudStore  *store,
                      const char    *tenant_id,
                      const char    *report,
                      const char    *period,
                      GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT " STATISTIC_COLUMNS " FROM statistics "
                                      "WHERE tenant_id = ? AND report = ? AND period = ?", error);

  if (stmt == NULL)
    return NULL;
  bind (stmt, "sss", tenant_id, report, period);
  return fetch_one (self, stmt, read_statistic, error);
}

static gboolean
sqlite_statistic_put (TdCloudStore            *store,
                      const char              *tenant_id,
                      const TdCloudStatistic  *statistic,
                      GError                 **error)
{
  SqliteStore *self = (SqliteStore *) store;
  g_autofree char *figures = object_text (statistic->figures);
  sqlite3_stmt *stmt = prepare (self, "INSERT OR REPLACE INTO statistics (tenant_id, " STATISTIC_COLUMNS ") "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind (stmt, "sssisss", tenant_id, statistic->report, statistic->period, (gint64) statistic->revision, figures,
        statistic->uploaded_at, statistic->desk_id);
  return step_done (self, stmt, error);
}

static GPtrArray *
sqlite_statistic_list (TdCloudStore  *store,
                       const char    *tenant_id,
                       const char    *report,
                       const char    *from,
                       const char    *to,
                       GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT " STATISTIC_COLUMNS " FROM statistics WHERE tenant_id = ?1 "
                                      "AND (?2 IS NULL OR report = ?2) AND (?3 IS NULL OR period >= ?3) "
                                      "AND (?4 IS NULL OR period < ?4) ORDER BY report, period", error);

  if (stmt == NULL)
    return NULL;
  bind (stmt, "ssss", tenant_id, report, from, to);
  return fetch_all (self, stmt, read_statistic, (GDestroyNotify) td_cloud_statistic_free, error);
}

/* ------------------------------------------------------------------ */
/* maintenance                                                        */

static gboolean
purge_step (SqliteStore  *self,
            const char   *sql,
            const char   *before,
            gint64        now,
            guint        *count,
            GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (before)
    bind_text (stmt, 1, before);
  else
    sqlite3_bind_int64 (stmt, 1, now);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (count)
    *count = (guint) sqlite3_changes (self->db);
  return TRUE;
}

static gboolean
sqlite_purge (TdCloudStore  *store,
              const char    *before,
              const char    *keys_before,
              gint64         now,
              TdCloudPurge  *counts,
              GError       **error)
{
  SqliteStore *self = (SqliteStore *) store;

  memset (counts, 0, sizeof *counts);
  /* a desk whose cursor is older than the newest tombstone dropped could
   * miss that delete: its cursor is gone (410) and it resyncs */
  return purge_step (self, "UPDATE tenants SET horizon = max(horizon, coalesce((SELECT max(seq) FROM records r "
                           "WHERE r.tenant_id = tenants.id AND r.deleted = 1 AND r.updated_at < ?1), 0))",
                     before, 0, NULL, error)
         && purge_step (self, "DELETE FROM revisions WHERE (tenant_id, kind, id) IN (SELECT tenant_id, kind, id "
                              "FROM records WHERE deleted = 1 AND updated_at < ?1)", before, 0, NULL, error)
         && purge_step (self, "DELETE FROM records WHERE deleted = 1 AND updated_at < ?1",
                        before, 0, &counts->records, error)
         && purge_step (self, "DELETE FROM responses WHERE created_at < ?1", keys_before, 0, &counts->responses, error)
         && purge_step (self, "DELETE FROM operations WHERE at < ?1", keys_before, 0, &counts->operations, error)
         && purge_step (self, "DELETE FROM access_tokens WHERE expires_at <= ?1", NULL, now, &counts->tokens, error);
}

static const TdCloudStoreVTable sqlite_vtable = {
  .close = sqlite_close,
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .savepoint = sqlite_savepoint,
  .release = sqlite_release,
  .rollback_savepoint = sqlite_rollback_savepoint,
  .tenant_add = sqlite_tenant_add,
  .tenant_get = sqlite_tenant_get,
  .tenant_list = sqlite_tenant_list,
  .desk_add = sqlite_desk_add,
  .desk_get = sqlite_desk_get,
  .desk_list = sqlite_desk_list,
  .desk_set_refresh_hash = sqlite_desk_set_refresh_hash,
  .desk_set_disabled = sqlite_desk_set_disabled,
  .desk_by_refresh_hash = sqlite_desk_by_refresh_hash,
  .access_token_add = sqlite_access_token_add,
  .desk_by_access_hash = sqlite_desk_by_access_hash,
  .response_get = sqlite_response_get,
  .response_put = sqlite_response_put,
  .op_get = sqlite_op_get,
  .op_put = sqlite_op_put,
  .record_get = sqlite_record_get,
  .record_put = sqlite_record_put,
  .revisions_after = sqlite_revisions_after,
  .count_referrers = sqlite_count_referrers,
  .changes = sqlite_changes,
  .count_changes = sqlite_count_changes,
  .last_seq = sqlite_last_seq,
  .product_add = sqlite_product_add,
  .product_get = sqlite_product_get,
  .inventory_add = sqlite_inventory_add,
  .catalogue = sqlite_catalogue,
  .inventory_take = sqlite_inventory_take,
  .inventory_give = sqlite_inventory_give,
  .statistic_get = sqlite_statistic_get,
  .statistic_put = sqlite_statistic_put,
  .statistic_list = sqlite_statistic_list,
  .purge = sqlite_purge,
};
