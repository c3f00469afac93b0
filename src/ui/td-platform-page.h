/* td-platform-page.h: the smart-tourism platform, in the preferences
 *
 * Where the sync stands (with "Sync Now" and the first sync's progress),
 * the desk's sign-in (the platform's address, kept in the workspace, and
 * the sign-in code, kept in the keyring), and the inbox of changes the
 * platform did not take as they were: conflicts open in a dialog with both
 * versions side by side, refusals can be dismissed once read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-sync-controller.h"

G_BEGIN_DECLS

#define TD_TYPE_PLATFORM_PAGE (td_platform_page_get_type ())

G_DECLARE_FINAL_TYPE (TdPlatformPage, td_platform_page, TD, PLATFORM_PAGE, AdwPreferencesPage)

GtkWidget *td_platform_page_new            (void);
/* the open workspace's sync, or NULL (no workspace: nothing to sign in) */
void       td_platform_page_set_controller (TdPlatformPage   *self,
                                            TdSyncController *controller);
/* for tests: the inbox rows shown */
guint      td_platform_page_get_n_inbox    (TdPlatformPage   *self);

G_END_DECLS
