/* td-import-entry-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-import-entry-item.h"
#include "td-import-entry-list.h"

struct _TdImportEntryList
{
  GObject              parent_instance;

  TdImportReport      *report;
  TdImportEntryFilter  filter;
  GArray              *shown;    /* guint: the report's indexes listed */
};

static void td_import_entry_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdImportEntryList, td_import_entry_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, td_import_entry_list_model_init))

gboolean
td_import_entry_filter_matches (TdImportEntryFilter  filter,
                                const TdImportEntry *entry)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  switch (filter)
    {
    case TD_IMPORT_ENTRY_FILTER_NOTEWORTHY:
      return entry->action == TD_IMPORT_ACTION_SKIP || entry->action == TD_IMPORT_ACTION_UPDATE ||
             (entry->warnings != NULL && entry->warnings[0] != NULL);
    case TD_IMPORT_ENTRY_FILTER_ALL:
      return TRUE;
    case TD_IMPORT_ENTRY_FILTER_CREATE:
      return entry->action == TD_IMPORT_ACTION_CREATE;
    case TD_IMPORT_ENTRY_FILTER_UPDATE:
      return entry->action == TD_IMPORT_ACTION_UPDATE;
    case TD_IMPORT_ENTRY_FILTER_UNCHANGED:
      return entry->action == TD_IMPORT_ACTION_UNCHANGED;
    case TD_IMPORT_ENTRY_FILTER_SKIP:
      return entry->action == TD_IMPORT_ACTION_SKIP;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Lists the rows of the report the filter takes, telling the views. */
static void
refilter (TdImportEntryList *self)
{
  guint removed = self->shown->len;
  guint n = self->report ? td_import_report_get_n_rows (self->report) : 0;

  g_array_set_size (self->shown, 0);
  for (guint i = 0; i < n; i++)
    if (td_import_entry_filter_matches (self->filter, td_import_report_get_entry (self->report, i)))
      g_array_append_val (self->shown, i);

  if (removed > 0 || self->shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->shown->len);
}

static GType
td_import_entry_list_get_item_type (GListModel *model)
{
  return TD_TYPE_IMPORT_ENTRY_ITEM;
}

static guint
td_import_entry_list_get_n_items (GListModel *model)
{
  return TD_IMPORT_ENTRY_LIST (model)->shown->len;
}

static gpointer
td_import_entry_list_get_item (GListModel *model,
                               guint       position)
{
  TdImportEntryList *self = TD_IMPORT_ENTRY_LIST (model);

  if (position >= self->shown->len)
    return NULL;
  return td_import_entry_item_new (self->report, g_array_index (self->shown, guint, position));
}

static void
td_import_entry_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = td_import_entry_list_get_item_type;
  iface->get_n_items = td_import_entry_list_get_n_items;
  iface->get_item = td_import_entry_list_get_item;
}

static void
td_import_entry_list_finalize (GObject *object)
{
  TdImportEntryList *self = TD_IMPORT_ENTRY_LIST (object);

  g_clear_pointer (&self->report, td_import_report_unref);
  g_clear_pointer (&self->shown, g_array_unref);

  G_OBJECT_CLASS (td_import_entry_list_parent_class)->finalize (object);
}

static void
td_import_entry_list_class_init (TdImportEntryListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_import_entry_list_finalize;
}

static void
td_import_entry_list_init (TdImportEntryList *self)
{
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
}

TdImportEntryList *
td_import_entry_list_new (void)
{
  return g_object_new (TD_TYPE_IMPORT_ENTRY_LIST, NULL);
}

void
td_import_entry_list_set_report (TdImportEntryList *self,
                                 TdImportReport    *report)
{
  g_return_if_fail (TD_IS_IMPORT_ENTRY_LIST (self));

  if (report == self->report)
    return;
  if (report != NULL)
    td_import_report_ref (report);
  g_clear_pointer (&self->report, td_import_report_unref);
  self->report = report;
  refilter (self);
}

TdImportReport *
td_import_entry_list_get_report (TdImportEntryList *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_ENTRY_LIST (self), NULL);

  return self->report;
}

void
td_import_entry_list_set_filter (TdImportEntryList   *self,
                                 TdImportEntryFilter  filter)
{
  g_return_if_fail (TD_IS_IMPORT_ENTRY_LIST (self));

  if (self->filter == filter)
    return;
  self->filter = filter;
  refilter (self);
}

TdImportEntryFilter
td_import_entry_list_get_filter (TdImportEntryList *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_ENTRY_LIST (self), TD_IMPORT_ENTRY_FILTER_ALL);

  return self->filter;
}
