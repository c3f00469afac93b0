/* td-database-backup.c: consistent copies of a workspace, and restoring one
 *
 * Part of TdDatabase (see td-database.c). Both use SQLite's online backup,
 * so they work while other programs read and write the workspace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-database-private.h"

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

  if (same_file (td_database_get_path (self), dest_path))
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
  ok = write_copy (_td_database_get_handle (self), dest_path, error);
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

    rc = sqlite3_prepare_v2 (_td_database_get_handle (src), "PRAGMA integrity_check(1)", -1, &stmt, NULL);
    if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
      result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    else
      rc = sqlite3_errcode (_td_database_get_handle (src));
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
      return write_copy (_td_database_get_handle (src), dest_path, error);
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

        ok = write_copy (_td_database_get_handle (src), dest_path, error);
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
      ok = copy_database (_td_database_get_handle (src), dest, error);
    }
  sqlite3_close_v2 (dest);

  return ok;
}
