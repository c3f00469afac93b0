/* td-workspace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-workspace.h"

static const char *profile_names[] = {
  [TD_PROFILE_HOTEL] = "hotel",
  [TD_PROFILE_AGENCY] = "agency",
  [TD_PROFILE_BOTH] = "both",
};

const char *
td_profile_to_string (TdProfile profile)
{
  g_return_val_if_fail (profile <= TD_PROFILE_BOTH, NULL);
  return profile_names[profile];
}

gboolean
td_profile_from_string (const char *text,
                        TdProfile  *profile)
{
  for (guint i = 0; i < G_N_ELEMENTS (profile_names); i++)
    if (g_strcmp0 (text, profile_names[i]) == 0)
      {
        if (profile)
          *profile = (TdProfile) i;
        return TRUE;
      }
  return FALSE;
}

const char *
td_profile_get_title (TdProfile profile)
{
  switch (profile)
    {
    case TD_PROFILE_HOTEL:
      return C_("business type", "Hotel");
    case TD_PROFILE_AGENCY:
      return C_("business type", "Travel agency");
    case TD_PROFILE_BOTH:
      return C_("business type", "Hotel and travel agency");
    default:
      return "";
    }
}

char *
td_workspace_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tourdesk", "workspace.tourdesk", NULL);
}

char *
td_workspace_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tourdesk", "demo.tourdesk", NULL);
}
