/* td-import-entry-list.h: the rows of an import report, or some of them,
 * as a list model of TdImportEntryItem
 *
 * Items are made as the view asks for them: a report of a million rows
 * costs an index of the rows shown, not a million objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "td-customer-import.h"

G_BEGIN_DECLS

/* Which rows are listed. */
typedef enum {
  TD_IMPORT_ENTRY_FILTER_NOTEWORTHY,   /* skipped or updated, or with a warning */
  TD_IMPORT_ENTRY_FILTER_ALL,
  TD_IMPORT_ENTRY_FILTER_CREATE,
  TD_IMPORT_ENTRY_FILTER_UPDATE,
  TD_IMPORT_ENTRY_FILTER_UNCHANGED,
  TD_IMPORT_ENTRY_FILTER_SKIP,
} TdImportEntryFilter;

#define TD_TYPE_IMPORT_ENTRY_LIST (td_import_entry_list_get_type ())

G_DECLARE_FINAL_TYPE (TdImportEntryList, td_import_entry_list, TD, IMPORT_ENTRY_LIST, GObject)

TdImportEntryList  *td_import_entry_list_new        (void);
/* report may be NULL: no rows. */
void                td_import_entry_list_set_report (TdImportEntryList   *self,
                                                     TdImportReport      *report);
TdImportReport     *td_import_entry_list_get_report (TdImportEntryList   *self);
void                td_import_entry_list_set_filter (TdImportEntryList   *self,
                                                     TdImportEntryFilter  filter);
TdImportEntryFilter td_import_entry_list_get_filter (TdImportEntryList   *self);
/* Whether the entry is one filter lists. */
gboolean            td_import_entry_filter_matches  (TdImportEntryFilter  filter,
                                                     const TdImportEntry *entry);

G_END_DECLS
