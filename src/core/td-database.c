/* td-database.c: one workspace, one SQLite file
 *
 * One connection per TdDatabase, serialised by a recursive lock, so the
 * *_async functions can run the same code in a worker thread while the GUI
 * keeps its main loop free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "td-database-private.h"
#include "td-date-range.h"
#include "td-migrations.h"
#include "td-money.h"
#include "td-time.h"

#define BUSY_TIMEOUT_MS 5000

struct _TdDatabase
{
  GObject     parent_instance;

  GRecMutex   lock;
  sqlite3    *db;
  char       *path;
  int         schema_version;
  gboolean    readonly;
  GHashTable *statements;  /* SQL text → sqlite3_stmt* */
};

G_DEFINE_FINAL_TYPE (TdDatabase, td_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (td-database-error-quark, td_database_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SCHEMA_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *op_names[] = {
  [TD_CHANGE_INSERT] = "insert",
  [TD_CHANGE_UPDATE] = "update",
  [TD_CHANGE_DELETE] = "delete",
  [TD_CHANGE_RESTORE] = "restore",
};

/* ------------------------------------------------------------------ */
/* errors and statements                                              */

void
_td_database_set_error (GError  **error,
                        sqlite3  *db,
                        int       rc)
{
  const char *message = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_BUSY,
                           _("The workspace is busy: another program is writing to it. Try again in a moment."));
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CORRUPT,
                   _("The workspace file is damaged (%s). Restore it from a backup."), message);
      break;
    case SQLITE_NOTADB:
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_TOURDESK,
                           _("The file is not a Tourdesk workspace: it is not a database"));
      break;
    case SQLITE_FULL:
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED,
                           _("The disk is full: nothing was saved"));
      break;
    case SQLITE_READONLY:
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED,
                           _("The workspace cannot be written to: it is read-only"));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("The change breaks a rule of the workspace: %s"), message);
      break;
    default:
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED,
                   _("The workspace could not be read or written: %s"), message);
      break;
    }
}

void
_td_database_lock (TdDatabase *self)
{
  g_rec_mutex_lock (&self->lock);
}

void
_td_database_unlock (TdDatabase *self)
{
  g_rec_mutex_unlock (&self->lock);
}

sqlite3 *
_td_database_get_handle (TdDatabase *self)
{
  return self->db;
}

sqlite3_stmt *
_td_database_prepare (TdDatabase  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _td_database_set_error (error, self->db, rc);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (TdDatabase  *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _td_database_set_error (error, self->db, rc);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          *out = 0;
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      _td_database_set_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_database_finalize (GObject *object)
{
  TdDatabase *self = TD_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (td_database_parent_class)->finalize (object);
}

static void
td_database_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TdDatabase *self = TD_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SCHEMA_VERSION:
      g_value_set_int (value, self->schema_version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_database_class_init (TdDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_database_finalize;
  object_class->get_property = td_database_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHEMA_VERSION] =
    g_param_spec_int ("schema-version", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
td_database_init (TdDatabase *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

/* ------------------------------------------------------------------ */
/* opening                                                            */

int
td_database_latest_schema_version (void)
{
  return td_migrations_latest ();
}

static gboolean
migrate (TdDatabase  *self,
         gboolean     fresh,
         GError     **error)
{
  int latest = td_migrations_latest ();

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!td_migrations_apply (self->db, self->schema_version, latest, error))
    goto fail;

  if (fresh)
    {
      g_autofree char *desk_id = g_uuid_string_random ();
      sqlite3_stmt *stmt = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (self->db,
                               "INSERT INTO settings (key, value) VALUES (?, ?)",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, TD_SETTING_DESK_ID, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, desk_id, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (self->db);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        {
          _td_database_set_error (error, self->db, rc);
          goto fail;
        }
    }

  if (!exec (self, "COMMIT", error))
    goto fail;

  self->schema_version = latest;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

TdDatabase *
td_database_open (const char   *path,
                  TdOpenFlags   flags,
                  GError      **error)
{
  g_autoptr(TdDatabase) self = NULL;
  gboolean create = (flags & TD_OPEN_FLAGS_CREATE) != 0;
  gboolean readonly = (flags & TD_OPEN_FLAGS_READONLY) != 0;
  gboolean exists;
  gint64 application_id = 0, user_version = 0, n_objects = 0;
  g_autoptr(GError) local_error = NULL;
  int open_flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!(create && readonly), NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && !create)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_OPEN,
                   _("There is no workspace at “%s”"), path);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_OPEN,
                   _("“%s” is a folder, not a workspace file"), path);
      return NULL;
    }
  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_OPEN,
                       _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  self = g_object_new (TD_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->readonly = readonly;

  open_flags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE;
  open_flags |= readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create)
    open_flags |= SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Look before touching anything: a file that is not ours, or is newer
   * than us, must be left exactly as it is. */
  if (!query_int (self->db, "PRAGMA application_id", &application_id, &local_error)
      || !query_int (self->db, "PRAGMA user_version", &user_version, &local_error)
      || !query_int (self->db, "SELECT count(*) FROM sqlite_master", &n_objects, &local_error))
    {
      if (g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_TOURDESK))
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_TOURDESK,
                     _("“%s” is not a Tourdesk workspace: it is not a database file"), path);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }

  if (application_id != TD_APPLICATION_ID)
    {
      if (n_objects > 0 || user_version > 0 || application_id != 0)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_TOURDESK,
                       _("“%s” is a database, but not a Tourdesk workspace"), path);
          return NULL;
        }
      if (!create || readonly)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_TOURDESK,
                       _("“%s” is empty: it is not a Tourdesk workspace"), path);
          return NULL;
        }
      user_version = 0;
    }

  if (user_version > td_migrations_latest ())
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Tourdesk (workspace format %d; this version reads up to %d). Update Tourdesk to open it; the file was not changed."),
                   path, (int) user_version, td_migrations_latest ());
      return NULL;
    }
  self->schema_version = (int) user_version;

  if (!readonly)
    {
      if (!exec (self, "PRAGMA journal_mode = WAL", error)
          || !exec (self, "PRAGMA foreign_keys = ON", error)
          || !exec (self, "PRAGMA synchronous = NORMAL", error))
        return NULL;

      if (self->schema_version < td_migrations_latest ()
          && !migrate (self, self->schema_version == 0, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

typedef struct {
  char       *path;
  TdOpenFlags flags;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  TdDatabase *db = td_database_open (data->path, data->flags, &error);

  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

void
td_database_open_async (const char          *path,
                        TdOpenFlags          flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (OpenData, 1);
  data->path = g_strdup (path);
  data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_database_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

TdDatabase *
td_database_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_database_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
td_database_get_path (TdDatabase *self)
{
  g_return_val_if_fail (TD_IS_DATABASE (self), NULL);
  return self->path;
}

int
td_database_get_schema_version (TdDatabase *self)
{
  g_return_val_if_fail (TD_IS_DATABASE (self), 0);
  return self->schema_version;
}

const char *
td_database_default_actor (void)
{
  static char *actor;

  if (g_once_init_enter (&actor))
    g_once_init_leave (&actor, g_strdup_printf ("%s@%s", g_get_user_name (), g_get_host_name ()));
  return actor;
}

/* ------------------------------------------------------------------ */
/* settings                                                           */

char *
td_database_dup_setting (TdDatabase *self,
                         const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  _td_database_lock (self);
  stmt = _td_database_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  _td_database_unlock (self);

  return value;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
validate_setting (const char  *key,
                  const char  *value,
                  GError     **error)
{
  if (g_str_equal (key, TD_SETTING_NAME) && is_blank (value))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("The workspace needs a name"));
      return FALSE;
    }
  if (g_str_equal (key, TD_SETTING_CURRENCY) && !td_currency_is_valid (value))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not an ISO 4217 currency code"), value ? value : "");
      return FALSE;
    }
  if (g_str_equal (key, TD_SETTING_TIME_ZONE) && !td_time_zone_is_valid (value))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not a time zone (for example Asia/Shanghai)"), value ? value : "");
      return FALSE;
    }
  if (g_str_equal (key, TD_SETTING_PROFILE) && !td_profile_from_string (value, NULL))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not a business type (hotel, agency or both)"), value ? value : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
td_database_set_setting (TdDatabase  *self,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!validate_setting (key, value, error))
    return FALSE;

  _td_database_lock (self);
  stmt = _td_database_prepare (self,
                               "INSERT INTO settings (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      ok = rc == SQLITE_DONE;
      if (!ok)
        _td_database_set_error (error, self->db, rc);
      sqlite3_reset (stmt);
    }
  _td_database_unlock (self);

  return ok;
}

gboolean
td_database_is_initialized (TdDatabase *self)
{
  g_autofree char *org = td_database_dup_setting (self, TD_SETTING_DEFAULT_ORG);

  return org != NULL;
}

/* ------------------------------------------------------------------ */
/* the mutation API                                                   */

static const char *
field_type_name (TdFieldType type)
{
  switch (type)
    {
    case TD_FIELD_TEXT: return _("text");
    case TD_FIELD_INT: return _("a whole number");
    case TD_FIELD_BOOL: return _("yes or no");
    case TD_FIELD_REAL: return _("a number");
    case TD_FIELD_DATE: return _("a date (YYYY-MM-DD)");
    case TD_FIELD_MONEY: return _("an amount of money");
    case TD_FIELD_REF: return _("a record id");
    case TD_FIELD_BLOB: return _("binary data");
    default: return "?";
    }
}

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
validate_value (TdDatabase     *self,
                const TdKind   *kind,
                const TdField  *field,
                JsonNode       *node,
                GError        **error)
{
  GType vtype = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (field->required)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("%s: “%s” needs a value"), _(kind->title), field->name);
          return FALSE;
        }
      return TRUE;
    }

  switch (field->type)
    {
    case TD_FIELD_TEXT:
    case TD_FIELD_DATE:
    case TD_FIELD_REF:
    case TD_FIELD_BLOB:
      if (vtype != G_TYPE_STRING)
        goto wrong_type;
      break;
    case TD_FIELD_INT:
      if (vtype != G_TYPE_INT64)
        goto wrong_type;
      break;
    case TD_FIELD_BOOL:
      if (vtype != G_TYPE_BOOLEAN)
        goto wrong_type;
      break;
    case TD_FIELD_REAL:
      if (vtype != G_TYPE_DOUBLE && vtype != G_TYPE_INT64)
        goto wrong_type;
      if (!isfinite (json_node_get_double (node)))
        goto wrong_type;
      break;
    case TD_FIELD_MONEY:
      {
        JsonObject *money;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          goto wrong_type;
        money = json_node_get_object (node);
        if (!json_object_has_member (money, "minor")
            || json_node_get_value_type (json_object_get_member (money, "minor")) != G_TYPE_INT64
            || !td_currency_is_valid (json_object_get_string_member_with_default (money, "currency", NULL)))
          {
            g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                         _("“%s” needs an amount in minor units and an ISO 4217 currency code"),
                         field->name);
            return FALSE;
          }
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }

  if (field->type == TD_FIELD_TEXT)
    {
      const char *text = json_node_get_string (node);

      if (!g_utf8_validate (text, -1, NULL))
        goto wrong_type;
      if (field->required && *text == '\0')
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("%s: “%s” needs a value"), _(kind->title), field->name);
          return FALSE;
        }
      if (field->choices && !g_strv_contains ((const char * const *) field->choices, text))
        {
          g_autofree char *allowed = g_strjoinv (", ", (char **) field->choices);

          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("“%s” is not a valid %s (allowed: %s)"), text, field->name, allowed);
          return FALSE;
        }
    }
  else if (field->type == TD_FIELD_DATE)
    {
      if (!td_date_parse_iso (json_node_get_string (node), NULL, error))
        return FALSE;
    }
  else if (field->type == TD_FIELD_REF)
    {
      const char *ref = json_node_get_string (node);
      GError *local_error = NULL;

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
    }

  return TRUE;

wrong_type:
  g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
               _("%s: “%s” must be %s"), _(kind->title), field->name, field_type_name (field->type));
  return FALSE;
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

/* Reads a row, tombstoned or not; NULL and no error when absent. */
static JsonObject *
read_record (TdDatabase    *self,
             const TdKind  *kind,
             const char    *id,
             GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id, org_id, revision, created_at, updated_at, deleted");
  sqlite3_stmt *stmt;
  JsonObject *record = NULL;
  int rc;

  for (guint i = 0; i < kind->n_fields; i++)
    append_columns (sql, &kind->fields[i], "");
  g_string_append_printf (sql, " FROM %s WHERE id = ?", kind->table);

  stmt = _td_database_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      int index = 6;

      record = json_object_new ();
      json_object_set_string_member (record, "id", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (record, "org_id", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_int_member (record, "revision", sqlite3_column_int64 (stmt, 2));
      json_object_set_string_member (record, "created_at", (const char *) sqlite3_column_text (stmt, 3));
      json_object_set_string_member (record, "updated_at", (const char *) sqlite3_column_text (stmt, 4));
      json_object_set_boolean_member (record, "deleted", sqlite3_column_int (stmt, 5) != 0);
      for (guint i = 0; i < kind->n_fields; i++)
        json_object_set_member (record, kind->fields[i].name,
                                column_to_node (stmt, &index, &kind->fields[i]));
    }
  else if (rc != SQLITE_DONE)
    _td_database_set_error (error, self->db, rc);
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

static gboolean
count_references (TdDatabase    *self,
                  const TdKind  *kind,
                  const char    *id,
                  GError       **error)
{
  guint n_kinds;
  const TdKind * const *all = td_kind_all (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    for (guint f = 0; f < all[k]->n_fields; f++)
      {
        const TdField *field = &all[k]->fields[f];
        g_autofree char *sql = NULL;
        sqlite3_stmt *stmt;
        gint64 n;

        if (field->type != TD_FIELD_REF || g_strcmp0 (field->ref_kind, kind->name) != 0)
          continue;

        sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ? AND deleted = 0",
                               all[k]->table, field->name);
        stmt = _td_database_prepare (self, sql, error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
        sqlite3_step (stmt);
        n = sqlite3_column_int64 (stmt, 0);
        sqlite3_reset (stmt);
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

  current = read_record (self, kind, id, error);
  if (current == NULL && error && *error)
    return FALSE;

  members = json_object_get_members (values);

  if (op == TD_CHANGE_INSERT)
    {
      if (current != NULL)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS,
                       _("%s: a record with id %s already exists"), _(kind->title), id);
          return FALSE;
        }

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
      g_string_append_printf (sql, "INSERT INTO %s (id, org_id, revision, created_at, updated_at, deleted",
                              kind->table);
      for (const GList *l = members; l; l = l->next)
        append_columns (sql, td_kind_get_field (kind, l->data), "");
      g_string_append (sql, ") VALUES (?, ?, 1, ?, ?, 0");
      for (const GList *l = members; l; l = l->next)
        g_string_append (sql, td_kind_get_field (kind, l->data)->type == TD_FIELD_MONEY ? ", ?, ?" : ", ?");
      g_string_append (sql, ")");

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
      gboolean deleted;

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
      _td_database_set_error (error, self->db, rc);
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
      _td_database_set_error (error, self->db, rc);
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
      _td_database_set_error (error, self->db, rc);
      return FALSE;
    }

  return TRUE;
}

gboolean
td_database_commit (TdDatabase  *self,
                    const char  *actor,
                    GPtrArray   *changes,
                    GError     **error)
{
  g_autofree char *now = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (self->readonly)
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
  if (!exec (self, "PRAGMA synchronous = FULL", error))
    goto out;
  if (!exec (self, "BEGIN IMMEDIATE", error))
    goto restore_sync;

  for (guint i = 0; i < changes->len; i++)
    if (!apply_change (self, actor, now, g_ptr_array_index (changes, i), error))
      {
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
        goto restore_sync;
      }

  if (!exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      goto restore_sync;
    }
  ok = TRUE;

restore_sync:
  sqlite3_exec (self->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
out:
  _td_database_unlock (self);
  return ok;
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

gboolean
td_database_init_workspace (TdDatabase  *self,
                            TdProfile    profile,
                            const char  *name,
                            GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autofree char *existing = NULL;
  g_autofree char *clean_name = NULL;
  const char *first_id;
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);

  clean_name = g_strstrip (g_strdup (name ? name : ""));
  if (!validate_setting (TD_SETTING_NAME, clean_name, error))
    return FALSE;

  _td_database_lock (self);

  existing = td_database_dup_setting (self, TD_SETTING_NAME);
  if (td_database_is_initialized (self))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS,
                   _("This workspace is already set up, as “%s”"), existing ? existing : "");
      _td_database_unlock (self);
      return FALSE;
    }

  if (profile == TD_PROFILE_HOTEL || profile == TD_PROFILE_BOTH)
    {
      TdChange *hotel = td_change_new_insert ("organisation", NULL);

      td_change_set_string (hotel, "name", clean_name);
      td_change_set_string (hotel, "kind", "hotel");
      g_ptr_array_add (changes, hotel);
    }
  if (profile == TD_PROFILE_AGENCY || profile == TD_PROFILE_BOTH)
    {
      TdChange *agency = td_change_new_insert ("organisation", NULL);

      td_change_set_string (agency, "name", clean_name);
      td_change_set_string (agency, "kind", "agency");
      g_ptr_array_add (changes, agency);
    }
  first_id = td_change_get_id (g_ptr_array_index (changes, 0));

  ok = td_database_set_setting (self, TD_SETTING_NAME, clean_name, error)
    && td_database_set_setting (self, TD_SETTING_PROFILE, td_profile_to_string (profile), error)
    && td_database_set_setting (self, TD_SETTING_CURRENCY, TD_DEFAULT_CURRENCY, error)
    && td_database_set_setting (self, TD_SETTING_TIME_ZONE, TD_DEFAULT_TIME_ZONE, error)
    && td_database_commit (self, NULL, changes, error)
    && td_database_set_setting (self, TD_SETTING_DEFAULT_ORG, first_id, error);

  if (!ok)
    sqlite3_exec (self->db, "DELETE FROM settings WHERE key IN ('name', 'profile', 'currency', 'time-zone')",
                  NULL, NULL, NULL);

  _td_database_unlock (self);
  return ok;
}

/* ------------------------------------------------------------------ */
/* reading                                                            */

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

static gint64
count_locked (TdDatabase    *self,
              const TdKind  *kind,
              GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", kind->table);
  gint64 count = -1;

  if (!query_int (self->db, sql, &count, error))
    return -1;
  return count;
}

gint64
td_database_count (TdDatabase  *self,
                   const char  *kind_name,
                   GError     **error)
{
  const TdKind *kind = td_kind_lookup (kind_name);
  gint64 count;

  g_return_val_if_fail (TD_IS_DATABASE (self), -1);

  if (kind == NULL)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("Unknown kind of record “%s”"), kind_name);
      return -1;
    }

  _td_database_lock (self);
  count = count_locked (self, kind, error);
  _td_database_unlock (self);
  return count;
}

TdSummary *
td_database_load_summary (TdDatabase  *self,
                          GError     **error)
{
  g_autoptr(TdSummary) summary = td_summary_new ();
  g_autofree char *name = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *time_zone = NULL;
  TdProfile profile = TD_PROFILE_BOTH;
  const TdKind * const *kinds;
  guint n_kinds;
  gint64 pending = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (TD_IS_DATABASE (self), NULL);

  _td_database_lock (self);

  name = td_database_dup_setting (self, TD_SETTING_NAME);
  profile_name = td_database_dup_setting (self, TD_SETTING_PROFILE);
  currency = td_database_dup_setting (self, TD_SETTING_CURRENCY);
  time_zone = td_database_dup_setting (self, TD_SETTING_TIME_ZONE);
  td_profile_from_string (profile_name, &profile);

  kinds = td_kind_all (&n_kinds);
  for (guint i = 0; ok && i < n_kinds; i++)
    {
      gint64 count = count_locked (self, kinds[i], error);

      ok = count >= 0;
      _td_summary_set_count (summary, kinds[i]->name, count);
    }
  if (ok)
    ok = query_int (self->db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL", &pending, error);

  _td_database_unlock (self);

  if (!ok)
    return NULL;

  _td_summary_set_info (summary, name, profile,
                        currency ? currency : TD_DEFAULT_CURRENCY,
                        time_zone ? time_zone : TD_DEFAULT_TIME_ZONE,
                        self->schema_version, pending);
  return g_steal_pointer (&summary);
}

static void
summary_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  TdSummary *summary = td_database_load_summary (source_object, &error);

  if (summary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) td_summary_unref);
}

void
td_database_load_summary_async (TdDatabase          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_DATABASE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_database_load_summary_async);
  g_task_run_in_thread (task, summary_thread);
}

TdSummary *
td_database_load_summary_finish (TdDatabase    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* backup and restore                                                 */

static gboolean
copy_database (sqlite3     *src,
               sqlite3     *dest,
               GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    {
      _td_database_set_error (error, dest, sqlite3_errcode (dest));
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, dest, rc);
      return FALSE;
    }
  return TRUE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);
  GStatBuf sa, sb;

  if (g_file_equal (fa, fb))
    return TRUE;
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0
         && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Writes a self-contained copy to a temporary file beside dest_path, then
 * renames it into place, so dest_path is never half written. */
static gboolean
write_copy (sqlite3     *src,
            const char  *dest_path,
            GError     **error)
{
  g_autofree char *tmp = g_strconcat (dest_path, ".partial", NULL);
  sqlite3 *dest = NULL;
  gboolean ok = FALSE;
  int rc;

  g_unlink (tmp);
  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_OPEN,
                   _("Could not write “%s”: %s"), dest_path,
                   dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      goto out;
    }
  if (!copy_database (src, dest, error))
    goto out;
  /* one file, no -wal beside it */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _td_database_set_error (error, dest, rc);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_close_v2 (dest);
  if (ok && g_rename (tmp, dest_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), dest_path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

gboolean
td_database_backup (TdDatabase  *self,
                    const char  *dest_path,
                    GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (same_file (self->path, dest_path))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("A backup cannot replace the workspace itself"));
      return FALSE;
    }
  if (g_file_test (dest_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is a folder; give the name of the backup file"), dest_path);
      return FALSE;
    }

  _td_database_lock (self);
  ok = write_copy (self->db, dest_path, error);
  _td_database_unlock (self);

  return ok;
}

gboolean
td_database_restore (const char  *src_path,
                     const char  *dest_path,
                     gboolean     overwrite,
                     GError     **error)
{
  g_autoptr(TdDatabase) src = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *dest = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (src_path != NULL && dest_path != NULL, FALSE);

  src = td_database_open (src_path, TD_OPEN_FLAGS_READONLY, error);
  if (src == NULL)
    return FALSE;

  /* check the source before anything is touched */
  {
    sqlite3_stmt *stmt = NULL;
    g_autofree char *result = NULL;

    rc = sqlite3_prepare_v2 (src->db, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
    if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
      result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    else
      rc = sqlite3_errcode (src->db);
    sqlite3_finalize (stmt);
    if (result == NULL || !g_str_equal (result, "ok"))
      {
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CORRUPT,
                     _("“%s” is damaged and was not restored: %s"), src_path,
                     result ? result : sqlite3_errstr (rc));
        return FALSE;
      }
  }

  if (same_file (src_path, dest_path))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("The backup and the workspace are the same file"));
      return FALSE;
    }
  if (g_file_test (dest_path, G_FILE_TEST_EXISTS) && !overwrite)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS,
                   _("A workspace already exists at “%s”; it was left as it is"), dest_path);
      return FALSE;
    }

  if (!g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (dest_path);

      g_mkdir_with_parents (dir, 0700);
      return write_copy (src->db, dest_path, error);
    }

  /* Replace an existing workspace through SQLite, so a program that has it
   * open sees the restored content instead of a file pulled from under it. */
  {
    g_autoptr(TdDatabase) existing = td_database_open (dest_path, TD_OPEN_FLAGS_NONE, &local_error);

    if (existing == NULL
        && !g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_TOURDESK)
        && !g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CORRUPT)
        && !g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_TOO_NEW))
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
    if (existing == NULL)
      {
        /* not a workspace we can write into: replace the file itself */
        g_autofree char *wal = g_strconcat (dest_path, "-wal", NULL);
        g_autofree char *shm = g_strconcat (dest_path, "-shm", NULL);

        ok = write_copy (src->db, dest_path, error);
        if (ok)
          {
            g_unlink (wal);
            g_unlink (shm);
          }
        return ok;
      }
  }

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    _td_database_set_error (error, dest, rc);
  else
    {
      sqlite3_busy_timeout (dest, BUSY_TIMEOUT_MS);
      ok = copy_database (src->db, dest, error);
    }
  sqlite3_close_v2 (dest);

  return ok;
}
