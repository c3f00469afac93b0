/* td-tickets-page.h: the tickets area: sell attraction tickets by time slot, print vouchers, check codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_TICKETS_PAGE (td_tickets_page_get_type ())

G_DECLARE_FINAL_TYPE (TdTicketsPage, td_tickets_page, TD, TICKETS_PAGE, GtkWidget)

GtkWidget  *td_tickets_page_new              (void);
/* Chooses the attraction (a poi id), now or once the list is loaded. */
void        td_tickets_page_show_attraction  (TdTicketsPage *self,
                                              const char    *poi_id);
const char *td_tickets_page_get_attraction_id (TdTicketsPage *self);
/* for tests: what is shown and chosen */
guint       td_tickets_page_get_n_attractions (TdTicketsPage *self);
guint       td_tickets_page_get_n_slots       (TdTicketsPage *self);
void        td_tickets_page_select_slot       (TdTicketsPage *self,
                                               guint          index);
/* the tickets of the last sale (TdTicket), or NULL */
GPtrArray  *td_tickets_page_get_sold          (TdTicketsPage *self);
/* the last verdict shown, -1 before any */
int         td_tickets_page_get_verdict       (TdTicketsPage *self);
/* the last message shown in a toast */
const char *td_tickets_page_get_last_message  (TdTicketsPage *self);

G_END_DECLS
