/* td-database-private.h: for the rest of src/core only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "td-database.h"
#include "td-kind.h"

G_BEGIN_DECLS

/* how long a writer waits for another one before giving up */
#define BUSY_TIMEOUT_MS 5000

/* Hold the lock while using the handle or a prepared statement. */
void          _td_database_lock       (TdDatabase  *self);
void          _td_database_unlock     (TdDatabase  *self);
sqlite3      *_td_database_get_handle (TdDatabase  *self);
/* A cached statement, reset and unbound; NULL with error. */
sqlite3_stmt *_td_database_prepare    (TdDatabase  *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      _td_database_is_readonly (TdDatabase *self);
gboolean      _td_database_exec       (TdDatabase  *self,
                                       const char  *sql,
                                       GError     **error);
void          _td_database_set_error  (GError     **error,
                                       sqlite3     *db,
                                       int          rc);
/* Emits TdDatabase::changed for changes, just committed. */
void          _td_database_emit_changed (TdDatabase *self,
                                         GPtrArray  *changes);

/* “SELECT id, org_id, revision, created_at, updated_at, deleted, <the
 * kind's fields>[, extra] FROM <table>”, for a WHERE to be appended (extra:
 * more columns after the fields, or NULL); and the row a step of it gives,
 * as td_database_get_record() returns records. */
GString      *_td_database_record_select   (const TdKind *kind,
                                            const char   *extra);
JsonObject   *_td_database_record_from_row (sqlite3_stmt *stmt,
                                            const TdKind *kind);

/* What a domain module adds to a commit (td-stays.c): both run inside the
 * transaction, under BEGIN IMMEDIATE, so what they read cannot change
 * under them. */
typedef struct {
  /* after every change was applied, before COMMIT: FALSE (with error)
   * rolls everything back; for rules that span records */
  gboolean (*check)   (TdDatabase  *self,
                       gpointer     user_data,
                       GError     **error);
  /* the change failed (*error is set) and is about to be rolled back:
   * may replace *error with a clearer one */
  void     (*explain) (TdDatabase  *self,
                       TdChange    *failed,
                       gpointer     user_data,
                       GError     **error);
  gpointer   user_data;
} TdCommitHooks;

/* td_database_commit() with hooks (NULL: none). */
gboolean      _td_database_commit_with_hooks (TdDatabase          *self,
                                              const char          *actor,
                                              GPtrArray           *changes,
                                              const TdCommitHooks *hooks,
                                              GError             **error);

/* sync_records: keeps the higher of the known and the given revision */
gboolean      _td_database_set_platform_revision (TdDatabase  *self,
                                                  const char  *kind,
                                                  const char  *id,
                                                  gint64       revision,
                                                  GError     **error);

G_END_DECLS
