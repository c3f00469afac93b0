/* td-kind.h: the kinds of business records the store knows, and their fields
 *
 * Every kind is a table whose rows carry the sync columns: id (UUID text),
 * org_id, revision, created_at, updated_at (UTC) and deleted (tombstone).
 * The mutation API (td_database_commit()) only writes fields listed here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  TD_FIELD_TEXT,
  TD_FIELD_INT,
  TD_FIELD_BOOL,
  TD_FIELD_REAL,
  TD_FIELD_DATE,    /* local date, "YYYY-MM-DD" */
  TD_FIELD_MONEY,   /* two columns: <name>_minor INTEGER, <name>_currency TEXT */
  TD_FIELD_REF,     /* UUID of a record of another kind (TdField.ref_kind) */
  TD_FIELD_BLOB,    /* bytes; base64 in JSON */
} TdFieldType;

typedef struct {
  const char  *name;
  TdFieldType  type;
  gboolean     required;
  const char  *ref_kind;            /* TD_FIELD_REF only */
  const char * const *choices;      /* TD_FIELD_TEXT: allowed values, or NULL */
} TdField;

typedef struct {
  const char    *name;         /* "customer" */
  const char    *title;        /* marked for translation: pass it through gettext to show it */
  const char    *table;        /* "customers" */
  const TdField *fields;
  guint          n_fields;
} TdKind;

const TdKind  *td_kind_lookup       (const char   *name);
const TdKind * const *td_kind_all   (guint        *n_kinds);
const TdField *td_kind_get_field    (const TdKind *kind,
                                     const char   *field);

/* Checks one value (JSON, as td_database_get_record() gives it) against
 * its field: the JSON type, the allowed choices, the date form, money as
 * {"minor": integer, "currency": ISO 4217}; a required field refuses null
 * and "". A reference is checked for being a string only: whether the
 * record it names exists is the store's business. TD_DATABASE_ERROR_INVALID
 * with a translated message naming the field when it does not fit. */
gboolean       td_field_check_value (const TdKind   *kind,
                                     const TdField  *field,
                                     JsonNode       *node,
                                     GError        **error);

G_END_DECLS
