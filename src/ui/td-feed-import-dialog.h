/* td-feed-import-dialog.h: an OTA's calendar feed of a room, into the front desk
 *
 * The clerk picks a room of the hotel shown, and a .ics file or the feed's
 * address (http, https or webcal: fetched with libsoup); the file is read
 * and imported in the background (td_calendar_import_async()). The result:
 * events added, moved, unchanged, past and released; the conflicts, each
 * with a button that shows its week on the tape chart
 * ("conflict-activated": room id, first night as a Julian day), and all
 * of them ("conflicts-requested"); a file that cannot be read is refused
 * whole with its line. "imported" is emitted after every import that
 * wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_FEED_IMPORT_DIALOG (td_feed_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdFeedImportDialog, td_feed_import_dialog, TD, FEED_IMPORT_DIALOG, AdwWindow)

/* rooms: TdRoom* of one hotel, by number */
GtkWidget              *td_feed_import_dialog_new         (GtkWindow          *parent,
                                                           TdDatabase         *database,
                                                           GPtrArray          *rooms);
/* what the clerk would do, for tests */
void                    td_feed_import_dialog_select_room (TdFeedImportDialog *self,
                                                           const char         *number);
void                    td_feed_import_dialog_set_file    (TdFeedImportDialog *self,
                                                           GFile              *file);
void                    td_feed_import_dialog_set_url     (TdFeedImportDialog *self,
                                                           const char         *url);
void                    td_feed_import_dialog_import      (TdFeedImportDialog *self);
gboolean                td_feed_import_dialog_get_busy    (TdFeedImportDialog *self);
/* the last import's result, or NULL; why it failed, or NULL */
const TdCalendarImport *td_feed_import_dialog_get_result  (TdFeedImportDialog *self);
const char             *td_feed_import_dialog_get_problem (TdFeedImportDialog *self);

G_END_DECLS
