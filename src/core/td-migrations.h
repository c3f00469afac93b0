/* td-migrations.h: numbered, forward-only schema migrations (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* 'TDSK' in PRAGMA application_id marks a Tourdesk workspace */
#define TD_APPLICATION_ID 0x5444534B

int      td_migrations_latest (void);

/* Runs migrations from+1 .. to on db, inside the caller's transaction,
 * and sets PRAGMA user_version. */
gboolean td_migrations_apply  (sqlite3  *db,
                               int       from,
                               int       to,
                               GError  **error);

G_END_DECLS
