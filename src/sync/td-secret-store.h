/* td-secret-store.h: where the desk keeps its sign-in (the refresh token)
 *
 * Never in the workspace database nor in GSettings: in the keyring through
 * libsecret (td_secret_store_new_keyring()), or, for tests and machines
 * without a Secret Service, in a file only its owner can read
 * (td_secret_store_new_file()). A token belongs to one desk (the
 * workspace's desk-id) on one platform (its address).
 *
 * The calls block: run them off the main loop (the *_async wrappers do).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_TYPE_SECRET_STORE (td_secret_store_get_type ())

G_DECLARE_INTERFACE (TdSecretStore, td_secret_store, TD, SECRET_STORE, GObject)

struct _TdSecretStoreInterface
{
  GTypeInterface parent_iface;

  /* NULL without error: no token stored */
  char     *(*lookup) (TdSecretStore  *self,
                       const char     *server_url,
                       const char     *desk_id,
                       GCancellable   *cancellable,
                       GError        **error);
  gboolean  (*store)  (TdSecretStore  *self,
                       const char     *server_url,
                       const char     *desk_id,
                       const char     *token,
                       GCancellable   *cancellable,
                       GError        **error);
  /* TRUE also when there was nothing to forget */
  gboolean  (*clear)  (TdSecretStore  *self,
                       const char     *server_url,
                       const char     *desk_id,
                       GCancellable   *cancellable,
                       GError        **error);
};

char          *td_secret_store_lookup        (TdSecretStore  *self,
                                              const char     *server_url,
                                              const char     *desk_id,
                                              GCancellable   *cancellable,
                                              GError        **error);
gboolean       td_secret_store_store         (TdSecretStore  *self,
                                              const char     *server_url,
                                              const char     *desk_id,
                                              const char     *token,
                                              GCancellable   *cancellable,
                                              GError        **error);
gboolean       td_secret_store_clear         (TdSecretStore  *self,
                                              const char     *server_url,
                                              const char     *desk_id,
                                              GCancellable   *cancellable,
                                              GError        **error);

void           td_secret_store_lookup_async  (TdSecretStore       *self,
                                              const char          *server_url,
                                              const char          *desk_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char          *td_secret_store_lookup_finish (TdSecretStore       *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void           td_secret_store_store_async   (TdSecretStore       *self,
                                              const char          *server_url,
                                              const char          *desk_id,
                                              const char          *token,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       td_secret_store_store_finish  (TdSecretStore       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The platform address as the keyring knows it: no trailing slash. */
char          *td_secret_store_normalise_url (const char          *server_url);

/* The Secret Service (GNOME Keyring, KWallet…) through libsecret. */
TdSecretStore *td_secret_store_new_keyring   (void);
/* A key file (created 0600) holding one token per platform and desk. */
TdSecretStore *td_secret_store_new_file      (const char          *path);

G_END_DECLS
