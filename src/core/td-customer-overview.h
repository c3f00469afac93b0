/* td-customer-overview.h: one customer with everything about them, for a
 * detail view
 *
 * The record, its identity documents, and a timeline, newest first, of
 * what happened: the notes written about the customer and the changes to
 * the record and its documents (td_customer_list_history()), each in a
 * line a clerk reads. Later areas (bookings, stays, complaints, surveys)
 * add their own entries: see the sources in td-customer-overview.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/* the newest entries of a timeline kept */
#define TD_CUSTOMER_TIMELINE_LIMIT 200

typedef enum {
  TD_TIMELINE_NOTE,       /* a note about the customer */
  TD_TIMELINE_CREATED,    /* the record was made */
  TD_TIMELINE_CHANGED,    /* values changed */
  TD_TIMELINE_DELETED,
  TD_TIMELINE_RESTORED,
  TD_TIMELINE_DOCUMENT,   /* an identity document added, changed or removed */
} TdTimelineKind;

typedef struct {
  char           *at;         /* UTC, ISO 8601 */
  char           *actor;      /* who (user@host), NULL when not known */
  TdTimelineKind  kind;
  char           *title;      /* translated, one line: "Details changed" */
  char           *text;       /* a note's text, or what changed, a line per
                               * field; NULL when nothing more */
  char           *record_id;  /* the note, document or customer */
} TdTimelineEntry;

void        td_timeline_entry_free       (TdTimelineEntry *entry);

typedef struct {
  JsonObject *customer;   /* as td_database_get_record() gives it */
  GPtrArray  *documents;  /* JsonObject: the live customer_document records, oldest first */
  GPtrArray  *timeline;   /* TdTimelineEntry, newest first, at most TD_CUSTOMER_TIMELINE_LIMIT */
} TdCustomerOverview;

void        td_customer_overview_free    (TdCustomerOverview *overview);

/* NOT_FOUND when there is no such customer (deleted ones are read). */
TdCustomerOverview *td_customer_overview_load        (TdDatabase          *db,
                                                      const char          *id,
                                                      GError             **error);
void                td_customer_overview_load_async  (TdDatabase          *db,
                                                      const char          *id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
TdCustomerOverview *td_customer_overview_load_finish (TdDatabase          *db,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Deletes customer id (at revision; 0: as it is) with its live identity
 * documents and notes, in one commit as actor, and gives in *undo the
 * changes that bring them back (for td_database_commit()). Records of
 * other kinds that refer to the customer (bookings, later) keep it from
 * being deleted: the error says so. */
gboolean    td_customer_delete           (TdDatabase  *db,
                                          const char  *actor,
                                          const char  *id,
                                          gint64       revision,
                                          GPtrArray  **undo,
                                          GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTimelineEntry, td_timeline_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCustomerOverview, td_customer_overview_free)

G_END_DECLS
