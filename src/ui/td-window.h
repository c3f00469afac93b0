/* td-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-application.h"
#include "td-core.h"
#include "td-sync-controller.h"

G_BEGIN_DECLS

#define TD_TYPE_WINDOW (td_window_get_type ())

G_DECLARE_FINAL_TYPE (TdWindow, td_window, TD, WINDOW, AdwApplicationWindow)

TdWindow   *td_window_new                 (TdApplication *application);

/* The open workspace, or NULL. */
TdDatabase *td_window_get_database        (TdWindow      *self);
/* TRUE while a workspace is being opened or created. */
gboolean    td_window_get_busy            (TdWindow      *self);

/* Opens the workspace of GSettings "workspace-path", or shows the first-run
 * page when there is none. */
void        td_window_restore_workspace   (TdWindow      *self);
/* Opens path in the background; remember stores it in GSettings once it
 * opened. Failures are shown to the user, never stored. */
void        td_window_open_workspace      (TdWindow      *self,
                                           const char    *path,
                                           gboolean       remember);
/* Opens the demo workspace, creating it first when it does not exist. */
void        td_window_open_demo           (TdWindow      *self);
/* Shows the first-run page (New Workspace…). */
void        td_window_show_welcome        (TdWindow      *self);

const char *td_window_get_area            (TdWindow      *self);
void        td_window_set_area            (TdWindow      *self,
                                           const char    *area_id);
GtkWidget  *td_window_get_area_widget     (TdWindow      *self,
                                           const char    *area_id);

/* The background sync of the open workspace, or NULL. */
TdSyncController *td_window_get_sync_controller (TdWindow  *self);

void        td_window_show_preferences    (TdWindow      *self,
                                           const char    *page_name);
void        td_window_add_toast           (TdWindow      *self,
                                           AdwToast      *toast);

G_END_DECLS
