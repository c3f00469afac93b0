/* td-itinerary-actions.h: the window's actions between the map and the tours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Installs win.show-route and win.add-to-itinerary on TdWindow's class. */
void td_itinerary_actions_install (GtkWidgetClass *widget_class);

G_END_DECLS
