/* td-smtp-secret.c: the SMTP password in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "td-smtp-secret.h"

static const SecretSchema *
smtp_schema (void)
{
  static const SecretSchema schema = {
    "org.tourdesk.Tourdesk.SmtpPassword", SECRET_SCHEMA_NONE,
    {
      { "workspace", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

gboolean
td_smtp_password_store (const char    *workspace,
                        const char    *host,
                        const char    *user,
                        const char    *password,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *label = g_strdup_printf (_("Tourdesk e-mail (%s at %s)"), user, host);

  g_return_val_if_fail (workspace && host && user && password, FALSE);
  return secret_password_store_sync (smtp_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                     cancellable, error,
                                     "workspace", workspace, "host", host, "user", user, NULL);
}

char *
td_smtp_password_lookup (const char    *workspace,
                         const char    *host,
                         const char    *user,
                         GCancellable  *cancellable,
                         GError       **error)
{
  char *secret;
  char *copy;

  g_return_val_if_fail (workspace && host && user, NULL);
  secret = secret_password_lookup_sync (smtp_schema (), cancellable, error,
                                        "workspace", workspace, "host", host, "user", user, NULL);
  if (secret == NULL)
    return NULL;
  /* the caller frees it with g_free() */
  copy = g_strdup (secret);
  secret_password_free (secret);
  return copy;
}

gboolean
td_smtp_password_clear (const char    *workspace,
                        const char    *host,
                        const char    *user,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (workspace && host && user, FALSE);
  secret_password_clear_sync (smtp_schema (), cancellable, &local,
                              "workspace", workspace, "host", host, "user", user, NULL);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}
