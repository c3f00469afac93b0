/* td-customer-import-private.h: the plan of an import, row by row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-customer-import.h"

G_BEGIN_DECLS

/* td-customer-import-report.c */

TdImportReport *_td_import_report_new      (gboolean        dry_run);
/* Takes the strings of entry. */
void            _td_import_report_add      (TdImportReport *self,
                                            TdImportEntry  *entry);
TdImportEntry  *_td_import_report_get_mutable_entry (TdImportReport *self,
                                                     guint           index);

/* td-customer-import-plan.c */

typedef struct _TdImportPlan TdImportPlan;

/* keep_changes: build the changes that td_database_commit() applies (a
 * run), not only the report (a dry run). */
TdImportPlan   *_td_import_plan_new        (TdDatabase     *db,
                                            gboolean        keep_changes);
void            _td_import_plan_free       (TdImportPlan   *plan);
/* Plans one row (its values are changed: pass a copy); FALSE with error
 * only when the workspace cannot be read. */
gboolean        _td_import_plan_add_row    (TdImportPlan   *plan,
                                            TdCustomerRow  *row,
                                            GError        **error);
/* A row that is skipped before it is read (a ragged CSV row). */
void            _td_import_plan_skip       (TdImportPlan   *plan,
                                            guint           line,
                                            const char     *name,
                                            char           *reason);
TdImportReport *_td_import_plan_get_report (TdImportPlan   *plan);
/* The next change the rows planned so far make, in order (transfer full);
 * NULL when all have been taken (and always for a dry run). */
TdChange       *_td_import_plan_take_change (TdImportPlan  *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdImportPlan, _td_import_plan_free)

G_END_DECLS
