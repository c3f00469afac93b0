/* td-change.h: one change to one business record, for td_database_commit()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-money.h"

G_BEGIN_DECLS

typedef enum {
  TD_CHANGE_INSERT,
  TD_CHANGE_UPDATE,
  TD_CHANGE_DELETE,   /* sets the tombstone; the row stays for sync */
  TD_CHANGE_RESTORE,  /* clears the tombstone (undo of a delete) */
} TdChangeOp;

#define TD_TYPE_CHANGE (td_change_get_type ())

typedef struct _TdChange TdChange;

GType       td_change_get_type          (void) G_GNUC_CONST;

/* org_id NULL: the workspace's default organisation (for an organisation
 * record itself, its own id). */
TdChange   *td_change_new_insert        (const char    *kind,
                                         const char    *org_id);
TdChange   *td_change_new_insert_with_id (const char   *kind,
                                         const char    *org_id,
                                         const char    *id);
TdChange   *td_change_new_update        (const char    *kind,
                                         const char    *id,
                                         gint64         base_revision);
TdChange   *td_change_new_delete        (const char    *kind,
                                         const char    *id,
                                         gint64         base_revision);
TdChange   *td_change_new_restore       (const char    *kind,
                                         const char    *id,
                                         gint64         base_revision);
TdChange   *td_change_ref               (TdChange      *self);
void        td_change_unref             (TdChange      *self);

TdChangeOp  td_change_get_op            (TdChange      *self);
const char *td_change_get_kind          (TdChange      *self);
const char *td_change_get_id            (TdChange      *self);
const char *td_change_get_org_id        (TdChange      *self);
gint64      td_change_get_base_revision (TdChange      *self);
JsonObject *td_change_get_values        (TdChange      *self);

void        td_change_set_string        (TdChange      *self,
                                         const char    *field,
                                         const char    *value);
void        td_change_set_int           (TdChange      *self,
                                         const char    *field,
                                         gint64         value);
void        td_change_set_bool          (TdChange      *self,
                                         const char    *field,
                                         gboolean       value);
void        td_change_set_double        (TdChange      *self,
                                         const char    *field,
                                         double         value);
void        td_change_set_money         (TdChange      *self,
                                         const char    *field,
                                         const TdMoney *value);
void        td_change_set_bytes         (TdChange      *self,
                                         const char    *field,
                                         GBytes        *value);
void        td_change_set_null          (TdChange      *self,
                                         const char    *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdChange, td_change_unref)

G_END_DECLS
