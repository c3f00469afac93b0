/* td-summary.h: the figures a dashboard or `tourdesk-cli info` shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "td-workspace.h"

G_BEGIN_DECLS

#define TD_TYPE_SUMMARY (td_summary_get_type ())

typedef struct _TdSummary TdSummary;

GType       td_summary_get_type           (void) G_GNUC_CONST;
TdSummary  *td_summary_new                (void);
TdSummary  *td_summary_ref                (TdSummary  *self);
void        td_summary_unref              (TdSummary  *self);

const char *td_summary_get_name           (TdSummary  *self);
TdProfile   td_summary_get_profile        (TdSummary  *self);
const char *td_summary_get_currency       (TdSummary  *self);
const char *td_summary_get_time_zone      (TdSummary  *self);
int         td_summary_get_schema_version (TdSummary  *self);
/* Live (not deleted) records of that kind; 0 for unknown kinds. */
gint64      td_summary_get_count          (TdSummary  *self,
                                           const char *kind);
/* Changes recorded for the platform and not yet sent. */
gint64      td_summary_get_outbox_pending (TdSummary  *self);

/* for td-database.c */
void        _td_summary_set_info          (TdSummary  *self,
                                           const char *name,
                                           TdProfile   profile,
                                           const char *currency,
                                           const char *time_zone,
                                           int         schema_version,
                                           gint64      outbox_pending);
void        _td_summary_set_count         (TdSummary  *self,
                                           const char *kind,
                                           gint64      count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSummary, td_summary_unref)

G_END_DECLS
