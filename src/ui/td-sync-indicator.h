/* td-sync-indicator.h: where the sync stands, in the window's header
 *
 * A flat button with an icon and the controller's status in words; its
 * popover has the detail (the last error in full, the changes waiting, the
 * conflicts), the first sync's progress, "Sync Now" (win.sync-now) and
 * "Platform Settings" (win.sync-settings).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-sync-controller.h"

G_BEGIN_DECLS

#define TD_TYPE_SYNC_INDICATOR (td_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (TdSyncIndicator, td_sync_indicator, TD, SYNC_INDICATOR, GtkWidget)

GtkWidget        *td_sync_indicator_new            (void);
/* NULL: nothing to show (no workspace), hidden */
void              td_sync_indicator_set_controller (TdSyncIndicator  *self,
                                                    TdSyncController *controller);
TdSyncController *td_sync_indicator_get_controller (TdSyncIndicator  *self);
/* the label as shown (for tests) */
const char       *td_sync_indicator_get_text       (TdSyncIndicator  *self);

G_END_DECLS
