/* td-conflict-dialog.h: one change in conflict, both versions side by side
 *
 * Each field changed here and on another desk since this desk last had the
 * record: this desk's value and the platform's, and the clerk picks one per
 * field. "Keep Selected" commits the choice (td_sync_inbox_resolve(), in a
 * thread) and the dialog emits "resolved"; the next sync sends it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-database.h"

G_BEGIN_DECLS

#define TD_TYPE_CONFLICT_DIALOG (td_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdConflictDialog, td_conflict_dialog, TD, CONFLICT_DIALOG, AdwWindow)

/* entry: an object of td_sync_inbox_list() with "status": "conflict" */
GtkWidget *td_conflict_dialog_new            (GtkWindow   *parent,
                                              TdDatabase  *database,
                                              JsonObject  *entry,
                                              const char  *record_title);
/* for tests: choose the platform's value (TRUE) or the desk's for field */
gboolean   td_conflict_dialog_choose         (TdConflictDialog *self,
                                              const char       *field,
                                              gboolean          platform);
void       td_conflict_dialog_apply          (TdConflictDialog *self);

/* A field's name as a clerk knows it ("Phone"), or the name itself. */
const char *td_conflict_field_title          (const char  *kind,
                                              const char  *field);

G_END_DECLS
