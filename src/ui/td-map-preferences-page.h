/* td-map-preferences-page.h: where the map's tiles come from
 *
 * The GSettings keys map-tile-source, map-tile-url-template and
 * map-mbtiles-path (see td-map-sources.h); the map follows them at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TD_TYPE_MAP_PREFERENCES_PAGE (td_map_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (TdMapPreferencesPage, td_map_preferences_page, TD, MAP_PREFERENCES_PAGE, AdwPreferencesPage)

GtkWidget *td_map_preferences_page_new (void);

G_END_DECLS
