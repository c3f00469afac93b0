/* td-secret-store.c: the interface, and its calls run in a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-secret-store.h"

G_DEFINE_INTERFACE (TdSecretStore, td_secret_store, G_TYPE_OBJECT)

static void
td_secret_store_default_init (TdSecretStoreInterface *iface)
{
}

char *
td_secret_store_normalise_url (const char *server_url)
{
  char *url = g_strstrip (g_strdup (server_url));
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  return url;
}

char *
td_secret_store_lookup (TdSecretStore  *self,
                        const char     *server_url,
                        const char     *desk_id,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (TD_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (server_url != NULL && desk_id != NULL, NULL);

  url = td_secret_store_normalise_url (server_url);
  return TD_SECRET_STORE_GET_IFACE (self)->lookup (self, url, desk_id, cancellable, error);
}

gboolean
td_secret_store_store (TdSecretStore  *self,
                       const char     *server_url,
                       const char     *desk_id,
                       const char     *token,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (TD_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (server_url != NULL && desk_id != NULL && token != NULL, FALSE);

  url = td_secret_store_normalise_url (server_url);
  return TD_SECRET_STORE_GET_IFACE (self)->store (self, url, desk_id, token, cancellable, error);
}

gboolean
td_secret_store_clear (TdSecretStore  *self,
                       const char     *server_url,
                       const char     *desk_id,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (TD_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (server_url != NULL && desk_id != NULL, FALSE);

  url = td_secret_store_normalise_url (server_url);
  return TD_SECRET_STORE_GET_IFACE (self)->clear (self, url, desk_id, cancellable, error);
}

typedef struct {
  char *server_url;
  char *desk_id;
  char *token;
} Call;

static void
call_free (Call *call)
{
  g_free (call->server_url);
  g_free (call->desk_id);
  if (call->token)
    memset (call->token, 0, strlen (call->token));
  g_free (call->token);
  g_free (call);
}

static GTask *
call_task (TdSecretStore       *self,
           const char          *server_url,
           const char          *desk_id,
           const char          *token,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  g_task_set_source_tag (task, source_tag);
  call->server_url = g_strdup (server_url);
  call->desk_id = g_strdup (desk_id);
  call->token = g_strdup (token);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  return task;
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  char *token = td_secret_store_lookup (source_object, call->server_url, call->desk_id, cancellable, &error);

  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

void
td_secret_store_lookup_async (TdSecretStore       *self,
                              const char          *server_url,
                              const char          *desk_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = call_task (self, server_url, desk_id, NULL, td_secret_store_lookup_async,
                                     cancellable, callback, user_data);

  g_task_run_in_thread (task, lookup_thread);
}

char *
td_secret_store_lookup_finish (TdSecretStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;

  if (td_secret_store_store (source_object, call->server_url, call->desk_id, call->token, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
td_secret_store_store_async (TdSecretStore       *self,
                             const char          *server_url,
                             const char          *desk_id,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = call_task (self, server_url, desk_id, token, td_secret_store_store_async,
                                     cancellable, callback, user_data);

  g_task_run_in_thread (task, store_thread);
}

gboolean
td_secret_store_store_finish (TdSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
