/* td-import-entry-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-import-entry-item.h"

struct _TdImportEntryItem
{
  GObject         parent_instance;

  TdImportReport *report;
  guint           index;
};

G_DEFINE_FINAL_TYPE (TdImportEntryItem, td_import_entry_item, G_TYPE_OBJECT)

static void
td_import_entry_item_finalize (GObject *object)
{
  TdImportEntryItem *self = TD_IMPORT_ENTRY_ITEM (object);

  g_clear_pointer (&self->report, td_import_report_unref);

  G_OBJECT_CLASS (td_import_entry_item_parent_class)->finalize (object);
}

static void
td_import_entry_item_class_init (TdImportEntryItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_import_entry_item_finalize;
}

static void
td_import_entry_item_init (TdImportEntryItem *self)
{
}

TdImportEntryItem *
td_import_entry_item_new (TdImportReport *report,
                          guint           index)
{
  TdImportEntryItem *self;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (index < td_import_report_get_n_rows (report), NULL);

  self = g_object_new (TD_TYPE_IMPORT_ENTRY_ITEM, NULL);
  self->report = td_import_report_ref (report);
  self->index = index;
  return self;
}

const TdImportEntry *
td_import_entry_item_get_entry (TdImportEntryItem *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_ENTRY_ITEM (self), NULL);

  return td_import_report_get_entry (self->report, self->index);
}
