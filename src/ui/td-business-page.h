/* td-business-page.h: the preferences of the business the workspace is for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database-page.h"

G_BEGIN_DECLS

#define TD_TYPE_BUSINESS_PAGE (td_business_page_get_type ())

G_DECLARE_FINAL_TYPE (TdBusinessPage, td_business_page, TD, BUSINESS_PAGE, TdDatabasePage)

/* The workspace's default organisation: its name, registration details and
 * logo, saved one change after the other on the record's revision. */
GtkWidget *td_business_page_new (void);

G_END_DECLS
