/* td-customer-profile.h: what belongs to one customer (identity documents,
 * notes, the history of changes), and the titles of its fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/* The title of a customer field (“Birth date”), translated; the field name
 * itself for a field it does not know. Also knows the fields of identity
 * documents (doc_type, number, country, expiry) and notes (body). */
const char *td_customer_field_title     (const char *field);

/* A value as a clerk reads it: the translated title of a choice (gender
 * “female”, id_type “passport”, source, party, consent), value otherwise;
 * NULL for NULL. */
const char *td_customer_value_title     (const char *field,
                                         const char *value);

/* The live identity documents (kind customer_document) or notes (kind
 * customer_note) of the customer, oldest first: JsonObjects as
 * td_database_get_record() gives them. */
GPtrArray  *td_customer_list_documents  (TdDatabase  *db,
                                         const char  *customer_id,
                                         GError     **error);
GPtrArray  *td_customer_list_notes      (TdDatabase  *db,
                                         const char  *customer_id,
                                         GError     **error);

/* One entry of the audit log. */
typedef struct {
  gint64      seq;        /* the order of the log */
  char       *at;         /* UTC, ISO 8601 */
  char       *actor;
  char       *kind;       /* "customer", "customer_document", … */
  char       *record_id;
  char       *op;         /* insert, update, delete, restore */
  gint64      revision;   /* the record's revision after the change */
  JsonObject *changes;    /* field → [old, new] */
} TdAuditEntry;

void        td_audit_entry_free         (TdAuditEntry *entry);

/* The history of the customer, oldest first: the audit entries of the
 * record itself and of its documents and notes (deleted ones and those a
 * merge moved to it included, with their earlier entries). */
GPtrArray  *td_customer_list_history    (TdDatabase  *db,
                                         const char  *customer_id,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdAuditEntry, td_audit_entry_free)

G_END_DECLS
