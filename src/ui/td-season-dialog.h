/* td-season-dialog.h: another price a night for some dates or weekdays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-database.h"

G_BEGIN_DECLS

#define TD_TYPE_SEASON_DIALOG (td_season_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdSeasonDialog, td_season_dialog, TD, SEASON_DIALOG, AdwWindow)

/* For a room type (its code and name in the title); "added" is emitted
 * once the prices are saved, then the dialog closes. */
GtkWidget *td_season_dialog_new (GtkWindow  *parent,
                                 TdDatabase *database,
                                 const char *room_type_id,
                                 const char *room_type_title);

G_END_DECLS
