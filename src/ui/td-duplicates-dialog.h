/* td-duplicates-dialog.h: the customers of the workspace that look like
 * one person, to review and merge
 *
 * Lists the likely duplicate pairs (td_customer_list_duplicate_pairs(),
 * read in a worker thread) with the reason and the value they share; a row
 * opens TdCustomerMergeDialog for the pair, and the list is read again
 * once they are merged. Says so when there are none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

/* At most this many pairs are listed at once: merging some and looking
 * again shows the next. */
#define TD_DUPLICATES_DIALOG_LIMIT 200

#define TD_TYPE_DUPLICATES_DIALOG (td_duplicates_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdDuplicatesDialog, td_duplicates_dialog, TD, DUPLICATES_DIALOG, AdwWindow)

/* A modal dialog over parent (may be NULL) listing the likely duplicates
 * of database; it starts reading them at once. Present it with
 * gtk_window_present().
 *
 * Properties: "database" (construct-only); "busy" (read-only: TRUE while
 * the pairs are read).
 * Signals:
 *   merged (const char *kept_id): two customers were merged from here. */
GtkWidget *td_duplicates_dialog_new         (GtkWindow          *parent,
                                             TdDatabase         *database);

gboolean   td_duplicates_dialog_get_busy    (TdDuplicatesDialog *self);
/* How many pairs are listed. */
guint      td_duplicates_dialog_get_n_pairs (TdDuplicatesDialog *self);
/* Reads the pairs again. */
void       td_duplicates_dialog_reload      (TdDuplicatesDialog *self);

G_END_DECLS
