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

G_END_DECLS
