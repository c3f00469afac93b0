/* td-segment.h: segments of customers, by rules over what the store knows
 *
 * A segment's rules are JSON:
 *
 *   { "match": "all" | "any",
 *     "rules": [ { "field": "city", "op": "is", "value": "郑州市" },
 *                { "field": "bookings", "op": ">=", "value": 2 }, … ] }
 *
 * Fields and their operators (values in brackets):
 *   province, city, language, source, gender
 *                          is, is-not [text]; empty, not-empty
 *   tag                    has, has-not [text]
 *   consent_email, consent_sms, consent_phone
 *                          is, is-not [granted | withdrawn | unknown]
 *   bookings               =, !=, <, <=, >, >= [count of bookings not cancelled]
 *   spend                  =, !=, <, <=, >, >= [minor units of the workspace
 *                          currency, completed bookings]
 *   last_stay              <, <=, >, >= [YYYY-MM-DD, the end of the last
 *                          completed booking]; within-days, not-within-days
 *                          [days before today]; never
 *   age                    <, <=, >, >= [years]; between [[low, high]], both
 *                          included (from birth_date, at today)
 *   rfm                    is, is-not [a TdRfmGroup id: champions, …]
 *
 * The rules compile to ONE parameterised SQL query (values are bound,
 * never written into the SQL) over the live customers that are not merged
 * into another; booking figures and RFM come from the cache of
 * td-marketing-stats.h, brought up to date first when bookings changed.
 * An empty list of rules matches every customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

#define TD_SEGMENT_ERROR (td_segment_error_quark ())

typedef enum {
  TD_SEGMENT_ERROR_INVALID,    /* rules that do not fit: the message names the rule */
  TD_SEGMENT_ERROR_NOT_FOUND,  /* no segment of that name or id */
} TdSegmentError;

GQuark      td_segment_error_quark   (void);

/* Checks rules (the object above); the message names the rule (1-based)
 * and what is wrong with it. */
gboolean    td_segment_rules_check   (JsonObject   *rules,
                                      GError      **error);

/* The compiled query: "FROM customers c … WHERE …" with ? parameters, for
 * a SELECT of columns of c (customers) and, when needs_stats, s (the
 * customer's row of customer_stats, joined); and the values in order
 * (GVariant: int64 or string). */
typedef struct {
  char      *sql;
  GPtrArray *params;   /* GVariant* */
  gboolean   needs_stats;
} TdSegmentQuery;

void            td_segment_query_free (TdSegmentQuery *query);
/* today: a GLib Julian day for relative rules (age, within-days); must not
 * be 0 (td_segment_today() gives the workspace's). */
TdSegmentQuery *td_segment_compile    (JsonObject   *rules,
                                       guint32       today,
                                       GError      **error);

/* today in the workspace's time zone */
guint32     td_segment_today         (TdDatabase   *db);
/* Binds a query's parameters to stmt, from the first. */
void        td_segment_query_bind    (const TdSegmentQuery *query,
                                      gpointer              stmt);

/* How many customers match; -1 with error. today 0: td_segment_today(). */
gint64      td_segment_count         (TdDatabase   *db,
                                      JsonObject   *rules,
                                      guint32       today,
                                      GError      **error);
void        td_segment_count_async   (TdDatabase          *db,
                                      JsonObject          *rules,
                                      guint32              today,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gint64      td_segment_count_finish  (GAsyncResult        *result,
                                      GError             **error);
/* The ids of the customers that match, in the list's name order; limit 0:
 * all. */
GPtrArray  *td_segment_list_customers (TdDatabase  *db,
                                       JsonObject  *rules,
                                       guint32      today,
                                       guint        limit,
                                       GError     **error);

/* One rule from the command line: FIELD OP VALUE, where OP is =, !=, <, <=,
 * >, >= written between them without spaces ("city=郑州市", "bookings>=2",
 * "last_stay<2026-01-01", "age=30-39", "rfm=at-risk"), or a word between
 * spaces ("last_stay within-days 90", "last_stay never", "tag has VIP").
 * Amounts of spend are in the currency's units ("spend>=1000.50"). */
JsonObject *td_segment_rule_parse    (const char   *text,
                                      const char   *currency,
                                      GError      **error);
/* one rule for people: "城市 是 郑州市" */
char       *td_segment_rule_describe (JsonObject   *rule);

/* saved segments (kind "segment") */
typedef struct {
  char       *id;
  gint64      revision;
  char       *name;
  char       *description;
  JsonObject *rules;
} TdSegment;

void        td_segment_free          (TdSegment    *segment);
/* live segments by name */
GPtrArray  *td_segment_list          (TdDatabase   *db,
                                      GError      **error);
/* by id or by name */
TdSegment  *td_segment_find          (TdDatabase   *db,
                                      const char   *name_or_id,
                                      GError      **error);
/* Saves rules (checked) under name: a new segment, or the one of that name
 * replaced. Returns its id. */
char       *td_segment_save          (TdDatabase   *db,
                                      const char   *name,
                                      JsonObject   *rules,
                                      const char   *description,
                                      GError      **error);

/* the fields a rule can use, for pickers: ids and translated titles */
typedef struct {
  const char *id;
  const char *title;           /* marked for translation: pass it through gettext */
  const char * const *ops;     /* the operators it takes */
} TdSegmentField;

const TdSegmentField *td_segment_fields (guint *n_fields);
/* a translated title of an operator: "is", "has", "within days" */
const char *td_segment_op_title      (const char   *op);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSegment, td_segment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSegmentQuery, td_segment_query_free)

G_END_DECLS
