/* td-cloud-kinds.h: the kinds of record the platform syncs, and the rule of each
 *
 * The desk's kinds (td-kind.c: organisations, hotels, rooms, customers,
 * places, documents, notes) plus four the platform adds: bookings of
 * capacity, guest registrations, complaints and their notes. Each kind
 * has one conflict rule (TdCloudPolicy); some fields are set by the
 * platform only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

typedef enum {
  /* field by field against the base revision: a field changed on both
   * sides (to different values) is a conflict with both values */
  TD_CLOUD_POLICY_MERGE,
  /* never merged: any change by someone else since the base revision is
   * a conflict; never deleted (guest registrations) */
  TD_CLOUD_POLICY_STRICT,
  /* created, never changed nor deleted (complaints and their notes) */
  TD_CLOUD_POLICY_APPEND_ONLY,
  /* created only when the capacity it takes is there; then only
   * cancelled, which gives the capacity back (bookings) */
  TD_CLOUD_POLICY_CAPACITY,
} TdCloudPolicy;

typedef struct {
  const TdKind        *kind;
  TdCloudPolicy        policy;
  const char * const  *server_fields;  /* set by the platform only, NULL-terminated */
} TdCloudKind;

const TdCloudKind *td_cloud_kind_lookup  (const char        *name);
const TdCloudKind * const *td_cloud_kind_all (guint         *n_kinds);
gboolean           td_cloud_kind_is_server_field (const TdCloudKind *kind,
                                                  const char        *field);
/* The field of kind with this name, whether set by desks or the platform. */
const TdField     *td_cloud_kind_get_field (const TdCloudKind *kind,
                                            const char        *field);

G_END_DECLS
