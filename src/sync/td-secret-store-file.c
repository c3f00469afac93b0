/* td-secret-store-file.c: the desk's sign-in in a file of its owner's
 *
 * For tests, and for machines without a Secret Service: a key file (group:
 * the platform's address, key: the desk id), written whole and atomically
 * with mode 0600.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-secret-store.h"

#define TD_TYPE_SECRET_STORE_FILE (td_secret_store_file_get_type ())
G_DECLARE_FINAL_TYPE (TdSecretStoreFile, td_secret_store_file, TD, SECRET_STORE_FILE, GObject)

struct _TdSecretStoreFile
{
  GObject  parent_instance;
  char    *path;
  GMutex   lock;
};

static void td_secret_store_file_iface_init (TdSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdSecretStoreFile, td_secret_store_file, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_SECRET_STORE, td_secret_store_file_iface_init))

/* the file as it is; empty when there is none yet */
static GKeyFile *
load (TdSecretStoreFile  *self,
      GError            **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  GError *local_error = NULL;

  if (!g_key_file_load_from_file (keys, self->path, G_KEY_FILE_NONE, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: %s"), self->path, local_error->message);
          g_error_free (local_error);
          return NULL;
        }
      g_error_free (local_error);
    }
  return g_steal_pointer (&keys);
}

static gboolean
save (TdSecretStoreFile  *self,
      GKeyFile           *keys,
      GError            **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  data = g_key_file_to_data (keys, &length, NULL);
  return g_file_set_contents_full (self->path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static char *
file_lookup (TdSecretStore  *store,
             const char     *server_url,
             const char     *desk_id,
             GCancellable   *cancellable,
             GError        **error)
{
  TdSecretStoreFile *self = TD_SECRET_STORE_FILE (store);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GKeyFile) keys = load (self, error);

  if (keys == NULL)
    return NULL;
  return g_key_file_get_string (keys, server_url, desk_id, NULL);
}

static gboolean
file_store (TdSecretStore  *store,
            const char     *server_url,
            const char     *desk_id,
            const char     *token,
            GCancellable   *cancellable,
            GError        **error)
{
  TdSecretStoreFile *self = TD_SECRET_STORE_FILE (store);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GKeyFile) keys = load (self, error);

  if (keys == NULL)
    return FALSE;
  g_key_file_set_string (keys, server_url, desk_id, token);
  return save (self, keys, error);
}

static gboolean
file_clear (TdSecretStore  *store,
            const char     *server_url,
            const char     *desk_id,
            GCancellable   *cancellable,
            GError        **error)
{
  TdSecretStoreFile *self = TD_SECRET_STORE_FILE (store);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GKeyFile) keys = load (self, error);

  if (keys == NULL)
    return FALSE;
  if (!g_key_file_remove_key (keys, server_url, desk_id, NULL))
    return TRUE;
  return save (self, keys, error);
}

static void
td_secret_store_file_iface_init (TdSecretStoreInterface *iface)
{
  iface->lookup = file_lookup;
  iface->store = file_store;
  iface->clear = file_clear;
}

static void
td_secret_store_file_finalize (GObject *object)
{
  TdSecretStoreFile *self = TD_SECRET_STORE_FILE (object);

  g_free (self->path);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (td_secret_store_file_parent_class)->finalize (object);
}

static void
td_secret_store_file_class_init (TdSecretStoreFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_secret_store_file_finalize;
}

static void
td_secret_store_file_init (TdSecretStoreFile *self)
{
  g_mutex_init (&self->lock);
}

TdSecretStore *
td_secret_store_new_file (const char *path)
{
  TdSecretStoreFile *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (TD_TYPE_SECRET_STORE_FILE, NULL);
  self->path = g_strdup (path);
  return TD_SECRET_STORE (self);
}
