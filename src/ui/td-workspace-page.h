/* td-workspace-page.h: the preferences of the workspace itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database-page.h"

G_BEGIN_DECLS

#define TD_TYPE_WORKSPACE_PAGE (td_workspace_page_get_type ())

G_DECLARE_FINAL_TYPE (TdWorkspacePage, td_workspace_page, TD, WORKSPACE_PAGE, TdDatabasePage)

/* Its name, file, currency and time zone.
 * Signals:
 *   open-requested (const char *path): the person chose another workspace
 *     file to open. */
GtkWidget *td_workspace_page_new (void);

G_END_DECLS
