/* td-platform-page.h: the preferences of the smart-tourism platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TD_TYPE_PLATFORM_PAGE (td_platform_page_get_type ())

G_DECLARE_FINAL_TYPE (TdPlatformPage, td_platform_page, TD, PLATFORM_PAGE, AdwPreferencesPage)

/* The platform's address: an application setting (GSettings), shown with
 * or without a workspace. */
GtkWidget *td_platform_page_new (void);

G_END_DECLS
