/* td-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_CLI_EXIT_SUCCESS 0
#define TD_CLI_EXIT_FAILURE 1
#define TD_CLI_EXIT_USAGE   2

int td_cli_run (int    argc,
                char **argv);

G_END_DECLS
