/* td-json.h: JSON read strictly, for what comes over the network
 *
 * json-glib 1.6 accepts more than RFC 8259 allows (an empty document,
 * single quotes, leading zeros, two top-level values, raw control
 * characters) and silently wraps integers beyond 64 bits (2^63 reads as
 * INT64_MIN, 2^64 + 5 as 5). td_json_parse_strict() checks the text against
 * the grammar first, with every integer in range, and only then lets
 * json-glib build the tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TD_JSON_ERROR (td_json_error_quark ())

typedef enum {
  TD_JSON_ERROR_EMPTY,     /* nothing but white space */
  TD_JSON_ERROR_ENCODING,  /* not UTF-8, or a NUL byte */
  TD_JSON_ERROR_SYNTAX,    /* not RFC 8259 JSON; the message says where */
  TD_JSON_ERROR_RANGE,     /* an integer beyond 64 bits, a number beyond double */
  TD_JSON_ERROR_DEPTH,     /* nested deeper than TD_JSON_MAX_DEPTH */
} TdJsonError;

#define TD_JSON_MAX_DEPTH 64

GQuark    td_json_error_quark  (void);

/* Exactly one JSON value (surrounding white space allowed), or NULL and
 * an error whose message gives the line and column. */
JsonNode *td_json_parse_strict (const char  *data,
                                gsize        length,
                                GError     **error);

/* The object of a strictly parsed document; an error (TD_JSON_ERROR_SYNTAX)
 * when the document is another type. */
JsonObject *td_json_parse_object (const char  *data,
                                  gsize        length,
                                  GError     **error);

/* Typed reads of one member of an object that never warn, whatever the
 * member holds: FALSE when it is absent or of another type. */
gboolean  td_json_get_string   (JsonObject  *object,
                                const char  *member,
                                const char **out);
gboolean  td_json_get_int      (JsonObject  *object,
                                const char  *member,
                                gint64      *out);
gboolean  td_json_get_bool     (JsonObject  *object,
                                const char  *member,
                                gboolean    *out);
JsonObject *td_json_get_object (JsonObject  *object,
                                const char  *member);
JsonArray *td_json_get_array   (JsonObject  *object,
                                const char  *member);

/* One line of compact JSON for a node or an object. */
char     *td_json_to_string    (JsonNode    *node);
char     *td_json_object_to_string (JsonObject *object);

G_END_DECLS
