/* td-smtp-dialog.h: the e-mail server campaigns go through, and its
 * password (kept in the keyring)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_SMTP_DIALOG (td_smtp_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdSmtpDialog, td_smtp_dialog, TD, SMTP_DIALOG, AdwWindow)

/* reads the workspace's settings into the dialog (in a worker thread) */
TdSmtpDialog *td_smtp_dialog_new (GtkWindow  *parent,
                                  TdDatabase *database);

G_END_DECLS
