/* td-import-entry-item.h: one row of an import report, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "td-customer-import.h"

G_BEGIN_DECLS

#define TD_TYPE_IMPORT_ENTRY_ITEM (td_import_entry_item_get_type ())

G_DECLARE_FINAL_TYPE (TdImportEntryItem, td_import_entry_item, TD, IMPORT_ENTRY_ITEM, GObject)

/* The entry at index of report (which it keeps). */
TdImportEntryItem   *td_import_entry_item_new       (TdImportReport    *report,
                                                     guint              index);
const TdImportEntry *td_import_entry_item_get_entry (TdImportEntryItem *self);

G_END_DECLS
