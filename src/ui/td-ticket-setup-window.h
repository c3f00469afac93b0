/* td-ticket-setup-window.h: an attraction's own time slots and prices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-database.h"

G_BEGIN_DECLS

#define TD_TYPE_TICKET_SETUP_WINDOW (td_ticket_setup_window_get_type ())

G_DECLARE_FINAL_TYPE (TdTicketSetupWindow, td_ticket_setup_window, TD, TICKET_SETUP_WINDOW, AdwWindow)

/* "changed" is emitted after each saved change. */
GtkWidget *td_ticket_setup_window_new (GtkWindow  *parent,
                                       TdDatabase *database);

G_END_DECLS
