/* td-cloud-sync.h: one desk operation applied by the platform's rules
 *
 * An operation is one outbox row of the desk (td-migrations.c, migration 1)
 * as JSON:
 *
 *   {"op_id": UUID (the outbox change_id), "kind": "customer",
 *    "id": UUID (record_id), "op": "insert|update|delete|restore",
 *    "org_id": UUID, "base_revision": N, "values": {the outbox payload}}
 *
 * base_revision is the platform's revision the desk's copy was made from:
 * the last revision the desk received for that record (0 for a record the
 * desk created and has not yet had back). Several operations on one
 * record pushed before the desk hears back all carry the same one; the
 * platform knows which revisions came from which desk, so a desk's own
 * earlier operations never conflict with its later ones.
 *
 * The result is one of:
 *   {"op_id", "status": "applied", "kind", "id", "revision", "seq", "record"}
 *     (no "record" for a new record of a kind whose fields the platform
 *     never sets: it is what the desk sent, at revision 1)
 *   {"op_id", "status": "duplicate", "original": {the first result, without its record}}
 *   {"op_id", "status": "conflict", "kind", "id", "revision",
 *    "conflicts": [{"field", "base", "server", "desk"}], "record"}
 *   {"op_id", "status": "rejected", "kind", "id", "code", "detail", …}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-cloud-store.h"

G_BEGIN_DECLS

typedef struct {
  TdCloudStore *store;
  const char   *tenant_id;
  const char   *desk_id;   /* NULL: the platform itself */
  const char   *now;       /* td_timestamp_now() of the request */
} TdCloudApply;

/* Applies op inside the caller's write transaction and keeps its result
 * under its op_id. Returns the result (a new object); NULL with error only
 * when the store fails, and then the caller must roll the whole batch back. */
JsonObject *td_cloud_apply_op        (TdCloudApply        *apply,
                                      JsonNode            *op,
                                      GError             **error);

/* Sets result to {"status": "rejected", "code", "detail"}. */
void        td_cloud_result_reject   (JsonObject          *result,
                                      const char          *code,
                                      const char          *format,
                                      ...) G_GNUC_PRINTF (3, 4);

/* {"kind", "id", "org_id", "revision", "deleted", "created_at",
 *  "updated_at", "seq" (a string), "values"} */
JsonObject *td_cloud_record_to_json  (const TdCloudRecord *record);

G_END_DECLS
