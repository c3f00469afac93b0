/* td-check.h: integrity_check plus the project's own invariants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

typedef struct {
  char    *name;     /* short id, e.g. "sqlite-integrity" */
  char    *title;    /* translated description of what is checked */
  gboolean ok;
  char    *detail;   /* first problems found, or NULL */
} TdCheckResult;

void       td_check_result_free (TdCheckResult *result);

/* Array of TdCheckResult*; NULL only when the checks could not run. */
GPtrArray *td_database_check    (TdDatabase    *db,
                                 GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCheckResult, td_check_result_free)

G_END_DECLS
