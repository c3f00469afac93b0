/* td-smtp-secret.h: the SMTP password in the keyring (libsecret)
 *
 * Schema "org.tourdesk.Tourdesk.SmtpPassword", attributes workspace (the
 * workspace file's path), host and user: one password per workspace,
 * server and account. Calls block on D-Bus: use them from a worker thread
 * in the GUI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean td_smtp_password_store  (const char    *workspace,
                                  const char    *host,
                                  const char    *user,
                                  const char    *password,
                                  GCancellable  *cancellable,
                                  GError       **error);
/* NULL without error when there is none */
char    *td_smtp_password_lookup (const char    *workspace,
                                  const char    *host,
                                  const char    *user,
                                  GCancellable  *cancellable,
                                  GError       **error);
gboolean td_smtp_password_clear  (const char    *workspace,
                                  const char    *host,
                                  const char    *user,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
