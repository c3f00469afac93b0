/* td-place-dialog.h: one place added by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-database.h"
#include "td-poi.h"

G_BEGIN_DECLS

#define TD_TYPE_PLACE_DIALOG (td_place_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdPlaceDialog, td_place_dialog, TD, PLACE_DIALOG, AdwWindow)

/* "added" (the place's id) is emitted once it is saved; then it closes. */
GtkWidget *td_place_dialog_new (GtkWindow     *parent,
                                TdDatabase    *database,
                                TdPoiCategory  category);

G_END_DECLS
