/* td-cloud-store.h: where the platform keeps its data, behind one interface
 *
 * TdCloudStore is a vtable: td-cloud-store-sqlite.c implements it on one
 * SQLite file; a PostgreSQL backend implements the same functions. The
 * rules (merges, conflicts, capacity, idempotency) live above it, in
 * td-cloud-sync.c and the endpoints, and only call these functions.
 *
 * One TdCloudStore is one connection, used by one thread at a time; the
 * server keeps one per worker thread.
 *
 * Obligations of every backend:
 * - write transactions (begin (TRUE)) are serialised per tenant at least:
 *   SQLite's BEGIN IMMEDIATE serialises them all; PostgreSQL needs a
 *   per-tenant advisory lock taken in begin(), so that change sequence
 *   numbers commit in their order and a pull never skips a change that
 *   commits later with a smaller number;
 * - next sequence numbers (record_put) grow strictly and are never reused,
 *   even after a purge;
 * - inventory_take() is one conditional decrement (remaining >= n), atomic
 *   with the rest of the transaction;
 * - a committed transaction survives a crash (SQLite: WAL, synchronous FULL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TD_CLOUD_ERROR (td_cloud_error_quark ())

typedef enum {
  TD_CLOUD_ERROR_FAILED,
  TD_CLOUD_ERROR_NOT_FOUND,
  TD_CLOUD_ERROR_EXISTS,
  TD_CLOUD_ERROR_INVALID,
  TD_CLOUD_ERROR_BUSY,        /* another writer held the lock too long: retry */
  TD_CLOUD_ERROR_NOT_PLATFORM /* the file is not a tourdesk-cloud database */
} TdCloudError;

GQuark td_cloud_error_quark (void);

typedef struct {
  char   *id;
  char   *name;
  char   *kind;        /* hotel, agency, scenic or NULL */
  char   *created_at;
  gint64  epoch;       /* changes when its change feed restarts: cursors of another epoch are gone */
  gint64  horizon;     /* the highest sequence number purged: older cursors are gone */
} TdCloudTenant;

typedef struct {
  char     *id;
  char     *tenant_id;
  char     *name;
  char     *created_at;
  gboolean  disabled;
} TdCloudDesk;

/* One business record of a tenant, as the platform holds it. */
typedef struct {
  char       *kind;
  char       *id;
  char       *org_id;
  gint64      revision;
  gboolean    deleted;
  char       *created_at;
  char       *updated_at;
  gint64      seq;       /* its place in the tenant's change feed */
  JsonObject *values;    /* field name → value, as td_database_get_record() gives them */
} TdCloudRecord;

/* One past revision: who made it and what it changed. */
typedef struct {
  gint64      revision;
  char       *desk_id;   /* NULL: the platform itself */
  char       *op;        /* insert, update, delete, restore */
  JsonObject *changed;   /* field → [old, new]; empty for an insert (every field is new) */
} TdCloudRevision;

/* A response kept under an Idempotency-Key. */
typedef struct {
  char   *method;
  char   *path;
  char   *fingerprint;
  guint   status;
  char   *content_type;
  GBytes *body;
} TdCloudStoredResponse;

typedef struct {
  char   *id;
  char   *product_id;
  char   *date;         /* YYYY-MM-DD, local */
  char   *start_time;   /* HH:MM */
  char   *end_time;     /* HH:MM or NULL */
  gint64  capacity;
  gint64  remaining;
} TdCloudInventory;

/* An attraction (its inventory: time slots) or a tour (departures). */
typedef struct {
  char      *id;
  char      *tenant_id;   /* NULL: the provincial catalogue, seen by every tenant */
  char      *type;        /* "attraction" or "tour" */
  char      *name;
  char      *city;
  GPtrArray *inventory;   /* TdCloudInventory */
} TdCloudProduct;

typedef struct {
  char       *report;
  char       *period;
  gint64      revision;
  JsonObject *figures;
  char       *uploaded_at;
  char       *desk_id;
} TdCloudStatistic;

typedef enum {
  TD_CLOUD_TAKE_OK,
  TD_CLOUD_TAKE_SOLD_OUT,
  TD_CLOUD_TAKE_UNKNOWN,   /* no such slot or departure for this tenant */
} TdCloudTake;

typedef struct {
  guint records;      /* tombstones dropped */
  guint responses;    /* idempotency keys dropped */
  guint operations;   /* operation ids dropped */
  guint tokens;       /* expired access tokens dropped */
} TdCloudPurge;

typedef struct _TdCloudStore TdCloudStore;

typedef struct {
  void            (*close)                (TdCloudStore *self);

  /* transactions; write = TRUE takes the write lock at once */
  gboolean        (*begin)                (TdCloudStore *self, gboolean write, GError **error);
  gboolean        (*commit)               (TdCloudStore *self, GError **error);
  void            (*rollback)             (TdCloudStore *self);
  /* nested, for one operation of a batch */
  gboolean        (*savepoint)            (TdCloudStore *self, GError **error);
  gboolean        (*release)              (TdCloudStore *self, GError **error);
  void            (*rollback_savepoint)   (TdCloudStore *self);

  /* tenants, desks, tokens (hashes only) */
  TdCloudTenant  *(*tenant_add)           (TdCloudStore *self, const char *name, const char *kind, GError **error);
  TdCloudTenant  *(*tenant_get)           (TdCloudStore *self, const char *id_or_name, GError **error);
  GPtrArray      *(*tenant_list)          (TdCloudStore *self, GError **error);
  TdCloudDesk    *(*desk_add)             (TdCloudStore *self, const char *tenant_id, const char *name,
                                           const char *refresh_hash, GError **error);
  TdCloudDesk    *(*desk_get)             (TdCloudStore *self, const char *id, GError **error);
  GPtrArray      *(*desk_list)            (TdCloudStore *self, const char *tenant_id, GError **error);
  gboolean        (*desk_set_refresh_hash) (TdCloudStore *self, const char *desk_id, const char *hash, GError **error);
  gboolean        (*desk_set_disabled)    (TdCloudStore *self, const char *desk_id, gboolean disabled, GError **error);
  TdCloudDesk    *(*desk_by_refresh_hash) (TdCloudStore *self, const char *hash, GError **error);
  gboolean        (*access_token_add)     (TdCloudStore *self, const char *hash, const char *desk_id,
                                           gint64 expires_at, GError **error);
  /* NULL without error when unknown or expired at now (unix seconds) */
  TdCloudDesk    *(*desk_by_access_hash)  (TdCloudStore *self, const char *hash, gint64 now, GError **error);

  /* idempotency keys (per desk) and operation results (per tenant) */
  TdCloudStoredResponse *(*response_get)  (TdCloudStore *self, const char *desk_id, const char *key, GError **error);
  gboolean        (*response_put)         (TdCloudStore *self, const char *desk_id, const char *key,
                                           const TdCloudStoredResponse *response, GError **error);
  JsonObject     *(*op_get)               (TdCloudStore *self, const char *tenant_id, const char *op_id, GError **error);
  gboolean        (*op_put)               (TdCloudStore *self, const char *tenant_id, const char *op_id,
                                           const char *desk_id, JsonObject *result, GError **error);

  /* records: NULL without error when absent */
  TdCloudRecord  *(*record_get)           (TdCloudStore *self, const char *tenant_id, const char *kind,
                                           const char *id, GError **error);
  /* writes the record as given (revision included), gives it the next
   * sequence number (record->seq) and keeps the revision's changes */
  gboolean        (*record_put)           (TdCloudStore *self, const char *tenant_id, TdCloudRecord *record,
                                           const char *desk_id, const char *op, JsonObject *changed,
                                           GError **error);
  /* the revisions after base, oldest first (TdCloudRevision) */
  GPtrArray      *(*revisions_after)      (TdCloudStore *self, const char *tenant_id, const char *kind,
                                           const char *id, gint64 base, GError **error);
  /* live records of kind whose field holds id */
  gint64          (*count_referrers)      (TdCloudStore *self, const char *tenant_id, const char *kind,
                                           const char *field, const char *id, GError **error);
  /* records with after < seq <= upto (upto < 0: no bound), in seq order;
   * kind NULL: every kind; tombstones only when with_deleted */
  GPtrArray      *(*changes)              (TdCloudStore *self, const char *tenant_id, const char *kind,
                                           gint64 after, gint64 upto, gboolean with_deleted,
                                           guint limit, GError **error);
  /* how many records changes() would give without a limit; -1 with error */
  gint64          (*count_changes)        (TdCloudStore *self, const char *tenant_id, gint64 after, gint64 upto,
                                           gboolean with_deleted, GError **error);
  /* the last sequence number given, over all tenants */
  gint64          (*last_seq)             (TdCloudStore *self, GError **error);

  /* the catalogue: products, slots and departures (server-owned) */
  TdCloudProduct *(*product_add)          (TdCloudStore *self, const char *tenant_id, const char *type,
                                           const char *name, const char *city, GError **error);
  /* without its inventory; NULL without error when absent */
  TdCloudProduct *(*product_get)          (TdCloudStore *self, const char *id, GError **error);
  TdCloudInventory *(*inventory_add)      (TdCloudStore *self, const char *product_id, const char *date,
                                           const char *start_time, const char *end_time,
                                           gint64 capacity, GError **error);
  /* what tenant sees (its own and the public), inventory dated in [from, to) */
  GPtrArray      *(*catalogue)            (TdCloudStore *self, const char *tenant_id, const char *type,
                                           const char *from, const char *to, GError **error);
  TdCloudTake     (*inventory_take)       (TdCloudStore *self, const char *tenant_id, const char *type,
                                           const char *inventory_id, gint64 n, gint64 *remaining,
                                           GError **error);
  gboolean        (*inventory_give)       (TdCloudStore *self, const char *tenant_id, const char *inventory_id,
                                           gint64 n, GError **error);

  /* statistics reports */
  TdCloudStatistic *(*statistic_get)      (TdCloudStore *self, const char *tenant_id, const char *report,
                                           const char *period, GError **error);
  gboolean        (*statistic_put)        (TdCloudStore *self, const char *tenant_id,
                                           const TdCloudStatistic *statistic, GError **error);
  GPtrArray      *(*statistic_list)       (TdCloudStore *self, const char *tenant_id, const char *report,
                                           const char *from, const char *to, GError **error);

  /* drops tombstones changed before (raising each tenant's horizon),
   * idempotency keys and operation ids kept before keys_before, expired
   * tokens */
  gboolean        (*purge)                (TdCloudStore *self, const char *before, const char *keys_before,
                                           gint64 now, TdCloudPurge *counts, GError **error);
} TdCloudStoreVTable;

struct _TdCloudStore {
  const TdCloudStoreVTable *vt;
};

/* td-cloud-store-sqlite.c: opens (creating and upgrading) one file. */
TdCloudStore *td_cloud_store_sqlite_open (const char  *path,
                                          GError     **error);

void  td_cloud_store_close          (TdCloudStore *store);

void  td_cloud_tenant_free          (TdCloudTenant *tenant);
void  td_cloud_desk_free            (TdCloudDesk *desk);
TdCloudRecord *td_cloud_record_new  (void);
TdCloudRecord *td_cloud_record_copy (const TdCloudRecord *record);
void  td_cloud_record_free          (TdCloudRecord *record);
void  td_cloud_revision_free        (TdCloudRevision *revision);
void  td_cloud_stored_response_free (TdCloudStoredResponse *response);
void  td_cloud_inventory_free       (TdCloudInventory *inventory);
void  td_cloud_product_free         (TdCloudProduct *product);
void  td_cloud_statistic_free       (TdCloudStatistic *statistic);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudStore, td_cloud_store_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudTenant, td_cloud_tenant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudDesk, td_cloud_desk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudRecord, td_cloud_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudStoredResponse, td_cloud_stored_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudInventory, td_cloud_inventory_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudProduct, td_cloud_product_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCloudStatistic, td_cloud_statistic_free)

G_END_DECLS
