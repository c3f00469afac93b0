/* td-marketing-page.h: the Marketing area: segments with a rule builder
 * and a live count, e-mail campaigns (compose, preview per recipient, send
 * with progress), coupons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_MARKETING_PAGE (td_marketing_page_get_type ())

G_DECLARE_FINAL_TYPE (TdMarketingPage, td_marketing_page, TD, MARKETING_PAGE, GtkWidget)

GtkWidget  *td_marketing_page_new          (void);
/* "segments", "campaigns" or "coupons" */
void        td_marketing_page_show_view    (TdMarketingPage *self,
                                            const char      *view);
/* a rule added to the segment being edited (as typed in its row) */
void        td_marketing_page_add_rule     (TdMarketingPage *self,
                                            const char      *field,
                                            const char      *op,
                                            const char      *value);
/* the live count of the segment being edited: -1 while counting or when
 * its rules do not fit */
gint64      td_marketing_page_get_count    (TdMarketingPage *self);
/* recipients of the campaign being composed, once previewed; -1 before */
gint64      td_marketing_page_get_audience (TdMarketingPage *self);
/* TRUE while something runs in the background (saving, sending…) */
gboolean    td_marketing_page_get_busy     (TdMarketingPage *self);

G_END_DECLS
