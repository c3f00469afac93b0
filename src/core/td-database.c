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

#include "td-customer-list-private.h"
#include "td-customer-search-private.h"
#include "td-database-private.h"
#include "td-date-range.h"
#include "td-migrations.h"
#include "td-money.h"
#include "td-time.h"

struct _TdDatabase
{
  GObject     parent_instance;

  GRecMutex   lock;
  sqlite3    *db;
  char       *path;
  int         schema_version;
  gboolean    readonly;
  GHashTable *statements;  /* SQL text → sqlite3_stmt* */
  GMainContext *context;   /* where "changed" is emitted */
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

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

gboolean
_td_database_is_readonly (TdDatabase *self)
{
  return self->readonly;
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

gboolean
_td_database_exec (TdDatabase  *self,
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
  g_clear_pointer (&self->context, g_main_context_unref);
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

  /**
   * TdDatabase::changed:
   * @changes: (element-type TdChange) (nullable): what was committed;
   *   NULL after td_database_commit_stream(), too many to list
   *
   * After every successful td_database_commit(), in the main context of
   * the thread that opened the workspace (the default one for
   * td_database_open_async()), from an idle: so once the commit has
   * returned, and before the callback of td_database_commit_async().
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

typedef struct {
  GWeakRef   database;
  GPtrArray *changes;
} ChangedData;

static gboolean
emit_changed_cb (gpointer user_data)
{
  ChangedData *data = user_data;
  g_autoptr(TdDatabase) self = g_weak_ref_get (&data->database);

  if (self != NULL)
    g_signal_emit (self, signals[CHANGED], 0, data->changes);
  return G_SOURCE_REMOVE;
}

static void
changed_data_free (gpointer user_data)
{
  ChangedData *data = user_data;

  g_weak_ref_clear (&data->database);
  g_clear_pointer (&data->changes, g_ptr_array_unref);
  g_free (data);
}

static gpointer
copy_change (gconstpointer change,
             gpointer      user_data)
{
  return td_change_ref ((TdChange *) change);
}

void
_td_database_emit_changed (TdDatabase *self,
                           GPtrArray  *changes)
{
  ChangedData *data;
  GSource *source;

  /* nobody listens (the command line, the demo being made) */
  if (!g_signal_has_handler_pending (self, signals[CHANGED], 0, TRUE))
    return;

  data = g_new0 (ChangedData, 1);
  g_weak_ref_init (&data->database, self);
  /* a copy: callers may reuse their array */
  if (changes != NULL)
    {
      data->changes = g_ptr_array_copy (changes, copy_change, NULL);
      g_ptr_array_set_free_func (data->changes, (GDestroyNotify) td_change_unref);
    }

  /* an idle even in this thread: the one who committed goes on first */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_changed_cb, data, changed_data_free);
  g_source_set_static_name (source, "[tourdesk] TdDatabase::changed");
  g_source_attach (source, self->context);
  g_source_unref (source);
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
  self->context = g_main_context_ref_thread_default ();
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

  if (!_td_database_exec (self, "BEGIN IMMEDIATE", error))
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

  if (!_td_database_exec (self, "COMMIT", error))
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
  /* what the triggers of the customer search index and list call */
  if (!_td_customer_search_register (self->db, error) || !_td_customer_list_register (self->db, error))
    return NULL;

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
      if (!_td_database_exec (self, "PRAGMA journal_mode = WAL", error)
          || !_td_database_exec (self, "PRAGMA foreign_keys = ON", error)
          || !_td_database_exec (self, "PRAGMA synchronous = NORMAL", error)
          /* 32 MiB of page cache: the record, outbox and audit indexes of a
           * big workspace stay in memory instead of being read back */
          || !_td_database_exec (self, "PRAGMA cache_size = -32768", error))
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
