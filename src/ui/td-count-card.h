/* td-count-card.h: a dashboard card with one large number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TD_TYPE_COUNT_CARD (td_count_card_get_type ())

G_DECLARE_FINAL_TYPE (TdCountCard, td_count_card, TD, COUNT_CARD, GtkWidget)

GtkWidget  *td_count_card_new           (const char  *icon_name);
const char *td_count_card_get_icon_name (TdCountCard *self);
void        td_count_card_set_icon_name (TdCountCard *self,
                                         const char  *icon_name);
gint64      td_count_card_get_count     (TdCountCard *self);
/* title is what is counted, already in the right plural form. */
void        td_count_card_set_count     (TdCountCard *self,
                                         gint64       count,
                                         const char  *title);
const char *td_count_card_get_title     (TdCountCard *self);

G_END_DECLS
