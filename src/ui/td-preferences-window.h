/* td-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-window.h"

G_BEGIN_DECLS

#define TD_TYPE_PREFERENCES_WINDOW (td_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TdPreferencesWindow, td_preferences_window, TD, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Edits the workspace open in window (and follows it when another one is
 * opened), and the application settings. */
GtkWidget *td_preferences_window_new      (TdWindow            *window);
/* TRUE while the workspace's values are loading or being saved. */
gboolean   td_preferences_window_get_busy (TdPreferencesWindow *self);

G_END_DECLS
