/* td-hotel-setup-window.h: setting up hotels, room types and rooms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-database.h"

G_BEGIN_DECLS

#define TD_TYPE_HOTEL_SETUP_WINDOW (td_hotel_setup_window_get_type ())

G_DECLARE_FINAL_TYPE (TdHotelSetupWindow, td_hotel_setup_window, TD, HOTEL_SETUP_WINDOW, AdwWindow)

/* "changed" is emitted after each saved change. */
GtkWidget *td_hotel_setup_window_new (GtkWindow  *parent,
                                      TdDatabase *database);

G_END_DECLS
