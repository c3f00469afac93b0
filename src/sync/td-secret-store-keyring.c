/* td-secret-store-keyring.c: the desk's sign-in in the Secret Service
 *
 * libsecret (in Debian and in the GNOME runtime) talks to GNOME Keyring,
 * KWallet or any Secret Service over D-Bus: the token lives in the user's
 * keyring, encrypted at rest, unlocked with the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "td-secret-store.h"

#define TD_TYPE_SECRET_STORE_KEYRING (td_secret_store_keyring_get_type ())
G_DECLARE_FINAL_TYPE (TdSecretStoreKeyring, td_secret_store_keyring, TD, SECRET_STORE_KEYRING, GObject)

struct _TdSecretStoreKeyring
{
  GObject parent_instance;
};

static void td_secret_store_keyring_iface_init (TdSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdSecretStoreKeyring, td_secret_store_keyring, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_SECRET_STORE, td_secret_store_keyring_iface_init))

static const SecretSchema *
desk_token_schema (void)
{
  static const SecretSchema schema = {
    "org.tourdesk.Tourdesk.DeskToken", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "desk", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static void
keyring_error (GError    **error,
               GError     *cause,
               const char *what)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }
  /* TRANSLATORS: %s: what could not be done, then the keyring's own words */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s in the keyring: %s"), what, cause->message);
  g_error_free (cause);
}

static char *
keyring_lookup (TdSecretStore  *store,
                const char     *server_url,
                const char     *desk_id,
                GCancellable   *cancellable,
                GError        **error)
{
  GError *local_error = NULL;
  char *secret = secret_password_lookup_sync (desk_token_schema (), cancellable, &local_error,
                                              "server", server_url, "desk", desk_id, NULL);
  char *token;

  if (local_error)
    {
      keyring_error (error, local_error, _("Could not read this desk’s sign-in"));
      return NULL;
    }
  if (secret == NULL)
    return NULL;
  token = g_strdup (secret);
  secret_password_free (secret);
  return token;
}

static gboolean
keyring_store (TdSecretStore  *store,
               const char     *server_url,
               const char     *desk_id,
               const char     *token,
               GCancellable   *cancellable,
               GError        **error)
{
  GError *local_error = NULL;
  /* TRANSLATORS: the keyring item's label, %s: the platform's address */
  g_autofree char *label = g_strdup_printf (_("Tourdesk sign-in on %s"), server_url);

  if (!secret_password_store_sync (desk_token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                   cancellable, &local_error,
                                   "server", server_url, "desk", desk_id, NULL))
    {
      keyring_error (error, local_error, _("Could not keep this desk’s sign-in"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
keyring_clear (TdSecretStore  *store,
               const char     *server_url,
               const char     *desk_id,
               GCancellable   *cancellable,
               GError        **error)
{
  GError *local_error = NULL;

  secret_password_clear_sync (desk_token_schema (), cancellable, &local_error,
                              "server", server_url, "desk", desk_id, NULL);
  if (local_error)
    {
      keyring_error (error, local_error, _("Could not forget this desk’s sign-in"));
      return FALSE;
    }
  return TRUE;
}

static void
td_secret_store_keyring_iface_init (TdSecretStoreInterface *iface)
{
  iface->lookup = keyring_lookup;
  iface->store = keyring_store;
  iface->clear = keyring_clear;
}

static void
td_secret_store_keyring_class_init (TdSecretStoreKeyringClass *klass)
{
}

static void
td_secret_store_keyring_init (TdSecretStoreKeyring *self)
{
}

TdSecretStore *
td_secret_store_new_keyring (void)
{
  return g_object_new (TD_TYPE_SECRET_STORE_KEYRING, NULL);
}
