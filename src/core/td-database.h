/* td-database.h: one workspace, one SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-change.h"
#include "td-summary.h"
#include "td-workspace.h"

G_BEGIN_DECLS

#define TD_DATABASE_ERROR (td_database_error_quark ())

typedef enum {
  TD_DATABASE_ERROR_OPEN,          /* cannot open or create the file */
  TD_DATABASE_ERROR_NOT_TOURDESK,  /* a file, but not a Tourdesk workspace */
  TD_DATABASE_ERROR_CORRUPT,       /* damaged database */
  TD_DATABASE_ERROR_TOO_NEW,       /* written by a newer Tourdesk: never modified */
  TD_DATABASE_ERROR_MIGRATION,     /* an upgrade step failed; nothing was changed */
  TD_DATABASE_ERROR_BUSY,          /* another program holds the lock too long */
  TD_DATABASE_ERROR_CONFLICT,      /* record changed since it was read */
  TD_DATABASE_ERROR_INVALID,       /* a value the record cannot hold */
  TD_DATABASE_ERROR_NOT_FOUND,
  TD_DATABASE_ERROR_EXISTS,
  TD_DATABASE_ERROR_FAILED,
} TdDatabaseError;

typedef enum {
  TD_OPEN_FLAGS_NONE     = 0,
  TD_OPEN_FLAGS_CREATE   = 1 << 0,  /* create the file (and folders) if missing */
  TD_OPEN_FLAGS_READONLY = 1 << 1,  /* never write: no migration either */
} TdOpenFlags;

/* Settings kept in the workspace itself (local, not synced). */
#define TD_SETTING_NAME        "name"
#define TD_SETTING_PROFILE     "profile"
#define TD_SETTING_CURRENCY    "currency"
#define TD_SETTING_TIME_ZONE   "time-zone"
#define TD_SETTING_DEFAULT_ORG "default-org"
#define TD_SETTING_DESK_ID     "desk-id"

#define TD_TYPE_DATABASE (td_database_get_type ())

G_DECLARE_FINAL_TYPE (TdDatabase, td_database, TD, DATABASE, GObject)

GQuark      td_database_error_quark          (void);
int         td_database_latest_schema_version (void);

TdDatabase *td_database_open                 (const char          *path,
                                              TdOpenFlags          flags,
                                              GError             **error);
void        td_database_open_async           (const char          *path,
                                              TdOpenFlags          flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
TdDatabase *td_database_open_finish          (GAsyncResult        *result,
                                              GError             **error);

const char *td_database_get_path             (TdDatabase          *self);
int         td_database_get_schema_version   (TdDatabase          *self);
gboolean    td_database_is_initialized       (TdDatabase          *self);

char       *td_database_dup_setting          (TdDatabase          *self,
                                              const char          *key);
gboolean    td_database_set_setting          (TdDatabase          *self,
                                              const char          *key,
                                              const char          *value,
                                              GError             **error);

/* Creates the workspace's organisation(s) and settings; fails with
 * TD_DATABASE_ERROR_EXISTS when already done. */
gboolean    td_database_init_workspace       (TdDatabase          *self,
                                              TdProfile            profile,
                                              const char          *name,
                                              GError             **error);

/* The one way business records are written: all changes, their outbox
 * entries and their audit entries in one transaction, or nothing. After
 * it, the signal "changed" (GPtrArray of TdChange: what was committed) is
 * emitted from an idle in the main context of the thread that opened the
 * workspace (the default main context when opened with
 * td_database_open_async()), before td_database_commit_async()'s
 * callback runs; after td_database_commit_stream() too, with NULL (too
 * many changes to list: read again). Changes made by other programs are
 * not signalled. */
gboolean    td_database_commit               (TdDatabase          *self,
                                              const char          *actor,
                                              GPtrArray           *changes,
                                              GError             **error);
/* The next change for td_database_commit_stream() (transfer full), or
 * NULL at the end; NULL with error set stops the commit (nothing is
 * written). Called in the committing thread with the database locked: it
 * may read the workspace (the changes already applied included), it must
 * not commit. */
typedef TdChange *(*TdChangeSource)          (gpointer             user_data,
                                              GError             **error);

/* td_database_commit() of changes made as it goes, so that a commit of
 * 100,000 records never holds them all: one transaction, all or nothing.
 * Cancelling cancellable before the end rolls it back, with
 * G_IO_ERROR_CANCELLED. */
gboolean    td_database_commit_stream        (TdDatabase          *self,
                                              const char          *actor,
                                              TdChangeSource       next,
                                              gpointer             user_data,
                                              GCancellable        *cancellable,
                                              GError             **error);
void        td_database_commit_async         (TdDatabase          *self,
                                              const char          *actor,
                                              GPtrArray           *changes,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    td_database_commit_finish        (TdDatabase          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The record as a JSON object of its fields plus id, org_id, revision,
 * created_at, updated_at and deleted; NULL with NOT_FOUND. */
JsonObject *td_database_get_record           (TdDatabase          *self,
                                              const char          *kind,
                                              const char          *id,
                                              GError             **error);
gint64      td_database_count                (TdDatabase          *self,
                                              const char          *kind,
                                              GError             **error);
/* How many live records of referring_kind refer to id (a record of kind)
 * through a reference field: a customer's documents, say; -1 with error. */
gint64      td_database_count_references     (TdDatabase          *self,
                                              const char          *kind,
                                              const char          *id,
                                              const char          *referring_kind,
                                              GError             **error);

TdSummary  *td_database_load_summary         (TdDatabase          *self,
                                              GError             **error);
void        td_database_load_summary_async   (TdDatabase          *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
TdSummary  *td_database_load_summary_finish  (TdDatabase          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* A consistent copy while others read and write (SQLite online backup). */
gboolean    td_database_backup               (TdDatabase          *self,
                                              const char          *dest_path,
                                              GError             **error);

/* Checks src (a readable Tourdesk workspace, intact, not newer than this
 * program), then replaces dest_path with it. Refuses an existing
 * dest_path unless overwrite. */
gboolean    td_database_restore              (const char          *src_path,
                                              const char          *dest_path,
                                              gboolean             overwrite,
                                              GError             **error);

/* Records pulled from the platform (OpenAPI “Record” objects), written
 * without outbox entries but audit-logged (actor “platform”), and the
 * cursor (if not NULL) stored, in one transaction. A record already held
 * at that platform revision is skipped (a page applied twice is harmless);
 * so is one with unsent local changes (its push reports the conflict).
 * n_applied: the records written. */
gboolean    td_database_apply_remote         (TdDatabase          *self,
                                              JsonArray           *records,
                                              const char          *cursor,
                                              guint               *n_applied,
                                              GError             **error);

/* After a full snapshot: marks deleted (audited, no outbox) each record
 * the platform had sent before and no longer holds, unless it has unsent
 * changes. seen: "kind/id" keys of the snapshot's records. */
gboolean    td_database_remove_missing_remote (TdDatabase         *self,
                                              GHashTable          *seen,
                                              guint               *n_removed,
                                              GError             **error);

/* A short name for the audit log: user@host. */
const char *td_database_default_actor        (void);

G_END_DECLS
