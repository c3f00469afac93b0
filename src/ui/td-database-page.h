/* td-database-page.h: a preferences page that edits the open workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_DATABASE_PAGE (td_database_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (TdDatabasePage, td_database_page, TD, DATABASE_PAGE, AdwPreferencesPage)

struct _TdDatabasePageClass
{
  AdwPreferencesPageClass parent_class;

  /* The workspace shown is now database (NULL: none). The work under way
   * for the previous one has been cancelled and is no longer counted. */
  void (*database_changed) (TdDatabasePage *self,
                            TdDatabase     *database);
};

/* Properties: "database" (TdDatabase, read-write) and "busy" (gboolean,
 * read-only: TRUE while the page's values load or are being saved).
 * Signals:
 *   saved: a change was written to the workspace, for the main window to
 *     show. */

TdDatabase *td_database_page_get_database (TdDatabasePage *self);
/* Sets the workspace, and starts over even when it is the same one. */
void        td_database_page_set_database (TdDatabasePage *self,
                                           TdDatabase     *database);
gboolean    td_database_page_get_busy     (TdDatabasePage *self);

/* For subclasses. */
void        td_database_page_toast        (TdDatabasePage *self,
                                           const char     *message);
void        td_database_page_emit_saved   (TdDatabasePage *self);

/* One piece of background work on the workspace shown: the page is busy
 * until every one has ended. Start it with work->cancellable; pass work as
 * its callback's data. */
typedef struct
{
  TdDatabasePage *page;
  GCancellable   *cancellable;
} TdPageWork;

TdPageWork *td_database_page_begin_work   (TdDatabasePage *self);
/* Counts work as ended: FALSE when it belongs to a workspace no longer
 * shown, or the page is going away, and its result is to be dropped. */
gboolean    td_page_work_end              (TdPageWork     *work);
void        td_page_work_free             (TdPageWork     *work);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPageWork, td_page_work_free)

G_END_DECLS
