/* td-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-summary.h"

struct _TdSummary
{
  gatomicrefcount  ref_count;
  char            *name;
  TdProfile        profile;
  char            *currency;
  char            *time_zone;
  int              schema_version;
  gint64           outbox_pending;
  GHashTable      *counts;  /* kind name → gint64* */
};

G_DEFINE_BOXED_TYPE (TdSummary, td_summary, td_summary_ref, td_summary_unref)

TdSummary *
td_summary_new (void)
{
  TdSummary *self = g_new0 (TdSummary, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

TdSummary *
td_summary_ref (TdSummary *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
td_summary_unref (TdSummary *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_free (self->currency);
  g_free (self->time_zone);
  g_hash_table_unref (self->counts);
  g_free (self);
}

const char *
td_summary_get_name (TdSummary *self)
{
  return self->name;
}

TdProfile
td_summary_get_profile (TdSummary *self)
{
  return self->profile;
}

const char *
td_summary_get_currency (TdSummary *self)
{
  return self->currency;
}

const char *
td_summary_get_time_zone (TdSummary *self)
{
  return self->time_zone;
}

int
td_summary_get_schema_version (TdSummary *self)
{
  return self->schema_version;
}

gint64
td_summary_get_count (TdSummary  *self,
                      const char *kind)
{
  gint64 *count = g_hash_table_lookup (self->counts, kind);

  return count ? *count : 0;
}

gint64
td_summary_get_outbox_pending (TdSummary *self)
{
  return self->outbox_pending;
}

void
_td_summary_set_info (TdSummary  *self,
                      const char *name,
                      TdProfile   profile,
                      const char *currency,
                      const char *time_zone,
                      int         schema_version,
                      gint64      outbox_pending)
{
  g_free (self->name);
  g_free (self->currency);
  g_free (self->time_zone);
  self->name = g_strdup (name);
  self->profile = profile;
  self->currency = g_strdup (currency);
  self->time_zone = g_strdup (time_zone);
  self->schema_version = schema_version;
  self->outbox_pending = outbox_pending;
}

void
_td_summary_set_count (TdSummary  *self,
                       const char *kind,
                       gint64      count)
{
  g_hash_table_insert (self->counts, g_strdup (kind), g_memdup2 (&count, sizeof count));
}
