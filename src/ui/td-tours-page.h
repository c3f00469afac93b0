/* td-tours-page.h: the agency desk area: departures, products, payments due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TD_TYPE_TOURS_PAGE (td_tours_page_get_type ())

G_DECLARE_FINAL_TYPE (TdToursPage, td_tours_page, TD, TOURS_PAGE, GtkWidget)

GtkWidget  *td_tours_page_new                   (void);
/* The departure shown (NULL: the first from today) and product shown; the
 * page loads again to show them. */
void        td_tours_page_select_departure      (TdToursPage *self,
                                                 const char  *departure_id);
void        td_tours_page_select_product        (TdToursPage *self,
                                                 const char  *product_id);
const char *td_tours_page_get_departure_id      (TdToursPage *self);
const char *td_tours_page_get_product_id        (TdToursPage *self);
/* "departures", "products" or "payments" */
void        td_tours_page_show_view             (TdToursPage *self,
                                                 const char  *name);

G_END_DECLS
