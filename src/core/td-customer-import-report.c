/* td-customer-import-report.c: what an import does or did, row by row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-customer-import-private.h"

struct _TdImportReport {
  gatomicrefcount  ref_count;
  gboolean         dry_run;
  GArray          *entries;   /* TdImportEntry */
  guint            counts[TD_IMPORT_ACTION_SKIP + 1];
};

G_DEFINE_BOXED_TYPE (TdImportReport, td_import_report, td_import_report_ref, td_import_report_unref)

static void
entry_clear (gpointer data)
{
  TdImportEntry *entry = data;

  g_free (entry->name);
  g_free (entry->customer_id);
  g_free (entry->reason);
  g_strfreev (entry->warnings);
}

TdImportReport *
_td_import_report_new (gboolean dry_run)
{
  TdImportReport *self = g_new0 (TdImportReport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->dry_run = dry_run;
  self->entries = g_array_new (FALSE, TRUE, sizeof (TdImportEntry));
  g_array_set_clear_func (self->entries, entry_clear);
  return self;
}

TdImportReport *
td_import_report_ref (TdImportReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
td_import_report_unref (TdImportReport *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->entries);
      g_free (self);
    }
}

void
_td_import_report_add (TdImportReport *self,
                       TdImportEntry  *entry)
{
  g_array_append_vals (self->entries, entry, 1);
  self->counts[entry->action]++;
}

TdImportEntry *
_td_import_report_get_mutable_entry (TdImportReport *self,
                                     guint           index)
{
  g_return_val_if_fail (index < self->entries->len, NULL);
  return &g_array_index (self->entries, TdImportEntry, index);
}

gboolean
td_import_report_is_dry_run (TdImportReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->dry_run;
}

guint
td_import_report_get_n_rows (TdImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->entries->len;
}

const TdImportEntry *
td_import_report_get_entry (TdImportReport *self,
                            guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return &g_array_index (self->entries, TdImportEntry, index);
}

guint
td_import_report_count (TdImportReport *self,
                        TdImportAction  action)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (action <= TD_IMPORT_ACTION_SKIP, 0);
  return self->counts[action];
}

const char *
td_import_action_to_string (TdImportAction action)
{
  switch (action)
    {
    case TD_IMPORT_ACTION_CREATE: return "create";
    case TD_IMPORT_ACTION_UPDATE: return "update";
    case TD_IMPORT_ACTION_UNCHANGED: return "unchanged";
    case TD_IMPORT_ACTION_SKIP: return "skip";
    default: g_return_val_if_reached (NULL);
    }
}
