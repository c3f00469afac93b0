/* td-workspace.h: what a workspace is for, and where it lives by default
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TD_PROFILE_HOTEL,
  TD_PROFILE_AGENCY,
  TD_PROFILE_BOTH,
} TdProfile;

const char *td_profile_to_string    (TdProfile   profile);
gboolean    td_profile_from_string  (const char *text,
                                     TdProfile  *profile);
/* "Hotel", "Travel agency", "Hotel and travel agency", translated */
const char *td_profile_get_title    (TdProfile   profile);

/* $XDG_DATA_HOME/tourdesk/workspace.tourdesk (and demo.tourdesk) */
char       *td_workspace_default_path (void);
char       *td_workspace_demo_path    (void);

G_END_DECLS
