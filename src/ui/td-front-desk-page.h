/* td-front-desk-page.h: the front-desk area: a hotel, a week, its tape chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-booking-dialog.h"
#include "td-check-in-dialog.h"
#include "td-folio-dialog.h"
#include "td-tape-chart.h"

G_BEGIN_DECLS

#define TD_TYPE_FRONT_DESK_PAGE (td_front_desk_page_get_type ())

G_DECLARE_FINAL_TYPE (TdFrontDeskPage, td_front_desk_page, TD, FRONT_DESK_PAGE, GtkWidget)

GtkWidget       *td_front_desk_page_new                 (void);
TdTapeChart     *td_front_desk_page_get_chart           (TdFrontDeskPage *self);
/* the hotels shown in the selector, and choosing one */
guint            td_front_desk_page_get_n_properties    (TdFrontDeskPage *self);
void             td_front_desk_page_select_property     (TdFrontDeskPage *self,
                                                         guint            index);
/* the stay's popover (NULL before the first), the open booking dialog (or NULL) */
GtkPopover      *td_front_desk_page_get_stay_popover    (TdFrontDeskPage *self);
TdBookingDialog *td_front_desk_page_get_booking_dialog  (TdFrontDeskPage *self);
/* the check-in and folio dialogs open, or NULL */
TdCheckInDialog *td_front_desk_page_get_check_in_dialog (TdFrontDeskPage *self);
TdFolioDialog   *td_front_desk_page_get_folio_dialog    (TdFrontDeskPage *self);
/* the OTA calendar conflicts shown (one per paragraph), or NULL */
const char      *td_front_desk_page_get_conflicts       (TdFrontDeskPage *self);
/* the last message shown in a toast, for tests */
const char      *td_front_desk_page_get_last_message    (TdFrontDeskPage *self);

G_END_DECLS
