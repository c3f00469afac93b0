/* td-complaints-window.h: the complaints of the workspace, and their handling
 *
 * Opened from the Customers area (its menu: win.complaints): complaints
 * come from customers, and the clerks who take them work there. The list
 * (filtered by state, overdue ones marked) beside the selected complaint:
 * what the customer said, its history, and its handling (a response, the
 * next state the workflow allows, who handles it, the outcome with its
 * amount); "New Complaint" takes one. Every read and write runs in a
 * thread; the complaints reach the platform with the sync.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-database.h"

G_BEGIN_DECLS

#define TD_TYPE_COMPLAINTS_WINDOW (td_complaints_window_get_type ())

G_DECLARE_FINAL_TYPE (TdComplaintsWindow, td_complaints_window, TD, COMPLAINTS_WINDOW, AdwWindow)

GtkWidget *td_complaints_window_new        (GtkWindow          *parent,
                                            TdDatabase         *database);
/* for tests: the complaints listed, and whether a load or write is under way */
guint      td_complaints_window_get_n_rows (TdComplaintsWindow *self);
gboolean   td_complaints_window_get_busy   (TdComplaintsWindow *self);

G_END_DECLS
