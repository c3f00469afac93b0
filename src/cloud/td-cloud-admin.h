/* td-cloud-admin.h: `tourdesk-cloud admin`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "admin"; returns the exit status (0, 1 or 2). */
int td_cloud_admin_run (const char  *prog,
                        int          argc,
                        char       **argv);

G_END_DECLS
