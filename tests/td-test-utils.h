/* td-test-utils.h: helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

/* A fresh temporary directory, removed (with its files) at exit. */
const char *td_test_tmpdir      (void);
char       *td_test_path        (const char *name);
/* A set-up workspace of the given profile at a new path. */
TdDatabase *td_test_workspace   (const char *name,
                                 TdProfile   profile);
char       *td_test_file_checksum (const char *path);
gint64      td_test_query_int   (TdDatabase *db,
                                 const char *sql);

G_END_DECLS
