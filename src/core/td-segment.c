/* td-segment.c: rules over customers, compiled to one parameterised query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-marketing-private.h"
#include "td-date-range.h"
#include "td-marketing-stats.h"
#include "td-money.h"
#include "td-segment.h"
#include "td-time.h"

G_DEFINE_QUARK (td-segment-error-quark, td_segment_error)

typedef enum {
  KIND_TEXT,      /* a column of the customer */
  KIND_TAG,
  KIND_CONSENT,
  KIND_COUNT,     /* a figure of customer_stats */
  KIND_DATE,      /* last_stay */
  KIND_AGE,
  KIND_RFM,
  KIND_PRODUCT,   /* a tour, an attraction's tickets or a room type bought */
  KIND_NPS,       /* the score of the customer's last survey answer */
} FieldKind;

static const char * const text_ops[] = { "is", "is-not", "empty", "not-empty", NULL };
static const char * const tag_ops[] = { "has", "has-not", NULL };
static const char * const choice_ops[] = { "is", "is-not", NULL };
static const char * const number_ops[] = { "=", "!=", "<", "<=", ">", ">=", NULL };
static const char * const date_ops[] = { "<", "<=", ">", ">=", "within-days", "not-within-days", "never", NULL };
static const char * const age_ops[] = { "<", "<=", ">", ">=", "between", NULL };
static const char * const product_ops[] = { "bought", "not-bought", NULL };

static const struct {
  TdSegmentField public;
  FieldKind      kind;
  const char    *column;
} fields[] = {
  { { "province",      N_("Province"),          text_ops },   KIND_TEXT,    "c.province" },
  { { "city",          N_("City"),              text_ops },   KIND_TEXT,    "c.city" },
  { { "language",      N_("Language"),          text_ops },   KIND_TEXT,    "c.language" },
  { { "source",        N_("Source"),            text_ops },   KIND_TEXT,    "c.source" },
  { { "gender",        N_("Gender"),            text_ops },   KIND_TEXT,    "c.gender" },
  { { "tag",           N_("Tag"),               tag_ops },    KIND_TAG,     "c.tags" },
  { { "consent_email", N_("E-mail consent"),    choice_ops }, KIND_CONSENT, "c.consent_email" },
  { { "consent_sms",   N_("SMS consent"),       choice_ops }, KIND_CONSENT, "c.consent_sms" },
  { { "consent_phone", N_("Phone consent"),     choice_ops }, KIND_CONSENT, "c.consent_phone" },
  { { "bookings",      N_("Bookings"),          number_ops }, KIND_COUNT,   "COALESCE(s.bookings, 0)" },
  { { "spend",         N_("Total spend"),       number_ops }, KIND_COUNT,   "COALESCE(s.spend_minor, 0)" },
  { { "last_stay",     N_("Last stay"),         date_ops },   KIND_DATE,    "s.last_stay" },
  { { "age",           N_("Age"),               age_ops },    KIND_AGE,     "c.birth_date" },
  { { "rfm",           N_("RFM group"),         choice_ops }, KIND_RFM,     "s.rfm_group" },
  { { "product",       N_("Product bought"),    product_ops }, KIND_PRODUCT, NULL },
  { { "nps",           N_("Last survey score"), number_ops }, KIND_NPS,
    "(SELECT r.nps FROM survey_responses r WHERE r.customer_id = c.id AND r.deleted = 0 "
    "ORDER BY r.answered_at DESC, r.rowid DESC LIMIT 1)" },
};

static const struct {
  const char *op;
  const char *title;
} op_titles[] = {
  { "is", N_("is") },
  { "is-not", N_("is not") },
  { "empty", N_("is empty") },
  { "not-empty", N_("is not empty") },
  { "has", N_("has") },
  { "has-not", N_("has not") },
  { "=", "=" }, { "!=", "≠" }, { "<", "<" }, { "<=", "≤" }, { ">", ">" }, { ">=", "≥" },
  { "within-days", N_("within the last days") },
  { "not-within-days", N_("not within the last days") },
  { "never", N_("never") },
  { "between", N_("between") },
  { "bought", N_("bought") },
  { "not-bought", N_("never bought") },
};

const TdSegmentField *
td_segment_fields (guint *n_fields)
{
  static TdSegmentField list[G_N_ELEMENTS (fields)];

  if (list[0].id == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      list[i] = fields[i].public;
  if (n_fields)
    *n_fields = G_N_ELEMENTS (fields);
  return list;
}

const char *
td_segment_op_title (const char *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (op_titles); i++)
    if (g_str_equal (op_titles[i].op, op))
      return strlen (op_titles[i].title) > 3 || g_ascii_isalpha (op_titles[i].title[0])
             ? _(op_titles[i].title) : op_titles[i].title;
  return op;
}

static int
find_field (const char *id)
{
  for (guint i = 0; id && i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].public.id, id))
      return (int) i;
  return -1;
}

static gboolean
op_needs_value (const char *op)
{
  return !g_str_equal (op, "empty") && !g_str_equal (op, "not-empty") && !g_str_equal (op, "never");
}

/* ------------------------------------------------------------------ */
/* checking                                                           */

static gboolean G_GNUC_PRINTF (3, 4)
rule_error (GError    **error,
            guint       index,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID,
               _("Rule %u: %s"), index + 1, message);
  return FALSE;
}

static gboolean
node_is_int (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
check_rule (JsonNode  *node,
            guint      index,
            int       *field_out,
            GError   **error)
{
  JsonObject *rule;
  JsonNode *value;
  const char *field_id, *op;
  int field;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return rule_error (error, index, "%s", _("not an object with field, op and value"));
  rule = json_node_get_object (node);
  field_id = json_object_get_string_member_with_default (rule, "field", NULL);
  op = json_object_get_string_member_with_default (rule, "op", NULL);
  value = json_object_get_member (rule, "value");
  field = find_field (field_id);
  if (field < 0)
    return rule_error (error, index, _("unknown field “%s”"), field_id ? field_id : "");
  if (op == NULL || !g_strv_contains (fields[field].public.ops, op))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) fields[field].public.ops);

      return rule_error (error, index, _("“%s” cannot be compared with “%s” (allowed: %s)"),
                         field_id, op ? op : "", allowed);
    }
  if (field_out)
    *field_out = field;
  if (!op_needs_value (op))
    return TRUE;

  switch (fields[field].kind)
    {
    case KIND_TEXT:
    case KIND_TAG:
      if (!node_is_string (value) || *json_node_get_string (value) == '\0')
        return rule_error (error, index, _("“%s” needs a text value"), field_id);
      return TRUE;
    case KIND_CONSENT:
      if (!node_is_string (value)
          || !g_strv_contains ((const char * const[]) { "granted", "withdrawn", "unknown", NULL },
                               json_node_get_string (value)))
        return rule_error (error, index, _("“%s” is granted, withdrawn or unknown"), field_id);
      return TRUE;
    case KIND_RFM:
      if (!node_is_string (value) || !td_rfm_group_from_string (json_node_get_string (value), NULL))
        return rule_error (error, index, _("“%s” is not an RFM group (champions, loyal, potential-loyalists, "
                                           "new, promising, need-attention, about-to-sleep, at-risk, "
                                           "cannot-lose, hibernating, lost)"),
                           node_is_string (value) ? json_node_get_string (value) : "");
      return TRUE;
    case KIND_COUNT:
      if (!node_is_int (value) || json_node_get_int (value) < 0)
        return rule_error (error, index, _("“%s” needs a whole number, 0 or more"), field_id);
      return TRUE;
    case KIND_PRODUCT:
      if (!node_is_string (value) || *json_node_get_string (value) == '\0')
        return rule_error (error, index, "%s", _("“product” needs the name or code of a tour, an attraction or a room type"));
      return TRUE;
    case KIND_NPS:
      if (!node_is_int (value) || json_node_get_int (value) < 0 || json_node_get_int (value) > 10)
        return rule_error (error, index, "%s", _("“nps” needs a score from 0 to 10"));
      return TRUE;
    case KIND_DATE:
      if (g_str_has_suffix (op, "within-days"))
        {
          if (!node_is_int (value) || json_node_get_int (value) < 0 || json_node_get_int (value) > 100000)
            return rule_error (error, index, _("“%s” needs a number of days"), field_id);
          return TRUE;
        }
      if (!node_is_string (value) || !td_date_parse_iso (json_node_get_string (value), NULL, NULL))
        return rule_error (error, index, _("“%s” needs a date (YYYY-MM-DD)"), field_id);
      return TRUE;
    case KIND_AGE:
      if (g_str_equal (op, "between"))
        {
          JsonArray *pair = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

          if (pair == NULL || json_array_get_length (pair) != 2
              || !node_is_int (json_array_get_element (pair, 0))
              || !node_is_int (json_array_get_element (pair, 1))
              || json_array_get_int_element (pair, 0) < 0
              || json_array_get_int_element (pair, 1) < json_array_get_int_element (pair, 0)
              || json_array_get_int_element (pair, 1) > 150)
            return rule_error (error, index, "%s", _("age between needs two ages, low then high"));
          return TRUE;
        }
      if (!node_is_int (value) || json_node_get_int (value) < 0 || json_node_get_int (value) > 150)
        return rule_error (error, index, "%s", _("age needs a number of years"));
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

gboolean
td_segment_rules_check (JsonObject  *rules,
                        GError     **error)
{
  const char *match;
  JsonNode *list;

  g_return_val_if_fail (rules != NULL, FALSE);

  match = json_object_get_string_member_with_default (rules, "match", "all");
  if (!g_str_equal (match, "all") && !g_str_equal (match, "any"))
    {
      g_set_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID,
                   _("“match” is “all” or “any”, not “%s”"), match);
      return FALSE;
    }
  list = json_object_get_member (rules, "rules");
  if (list == NULL || JSON_NODE_HOLDS_NULL (list))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID,
                   "%s", _("“rules” must be a list of rules"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    if (!check_rule (json_array_get_element (json_node_get_array (list), i), i, NULL, error))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* compiling                                                          */

void
td_segment_query_free (TdSegmentQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->sql);
  g_ptr_array_unref (query->params);
  g_free (query);
}

static char *
years_before (guint32 today,
              gint64  years)
{
  g_autoptr(GDate) date = g_date_new_julian (today);

  g_date_subtract_years (date, (guint) MIN (years, g_date_get_year (date) - 1));
  return td_date_format_iso (g_date_get_julian (date));
}

static void
add_param_string (TdSegmentQuery *query,
                  const char     *text)
{
  g_ptr_array_add (query->params, g_variant_ref_sink (g_variant_new_string (text)));
}

static void
add_param_int (TdSegmentQuery *query,
               gint64          value)
{
  g_ptr_array_add (query->params, g_variant_ref_sink (g_variant_new_int64 (value)));
}

/* age OP years, as a comparison of the birth date */
static void
compile_age (TdSegmentQuery *query,
             GString        *sql,
             const char     *op,
             gint64          years,
             guint32         today)
{
  g_autofree char *at_least = NULL;

  /* age >= N: born on or before today N years ago; age < N: after it */
  if (g_str_equal (op, ">") || g_str_equal (op, "<="))
    years++;
  at_least = years_before (today, years);
  if (g_str_equal (op, ">=") || g_str_equal (op, ">"))
    g_string_append (sql, "c.birth_date <= ?");
  else
    g_string_append (sql, "c.birth_date > ?");
  add_param_string (query, at_least);
}

/* Appends the rule's condition; FALSE when it needs the customer's row
 * of customer_stats to match (a customer who booked nothing cannot) */
static gboolean
compile_rule (TdSegmentQuery *query,
              GString        *sql,
              int             field,
              JsonObject     *rule,
              guint32         today)
{
  gboolean without_stats = TRUE;

  const char *op = json_object_get_string_member (rule, "op");
  const char *column = fields[field].column;
  JsonNode *value = json_object_get_member (rule, "value");

  switch (fields[field].kind)
    {
    case KIND_TEXT:
      if (g_str_equal (op, "empty"))
        g_string_append_printf (sql, "(%s IS NULL OR %s = '')", column, column);
      else if (g_str_equal (op, "not-empty"))
        g_string_append_printf (sql, "(%s IS NOT NULL AND %s != '')", column, column);
      else
        {
          if (g_str_equal (op, "is"))
            g_string_append_printf (sql, "%s = ?", column);
          else
            g_string_append_printf (sql, "(%s IS NULL OR %s != ?)", column, column);
          add_param_string (query, json_node_get_string (value));
        }
      break;
    case KIND_TAG:
      /* tags are stored joined by commas (td_customer_check()) */
      if (g_str_equal (op, "has"))
        g_string_append (sql, "instr(lower(',' || c.tags || ','), lower(',' || ? || ',')) > 0");
      else
        g_string_append (sql, "(c.tags IS NULL OR instr(lower(',' || c.tags || ','), lower(',' || ? || ',')) = 0)");
      add_param_string (query, json_node_get_string (value));
      break;
    case KIND_CONSENT:
    case KIND_RFM:
      {
        const char *text = json_node_get_string (value);
        gboolean is = g_str_equal (op, "is");

        if (g_str_equal (text, "unknown"))
          g_string_append_printf (sql, is ? "%s IS NULL" : "%s IS NOT NULL", column);
        else
          {
            if (is)
              g_string_append_printf (sql, "%s = ?", column);
            else
              g_string_append_printf (sql, "(%s IS NULL OR %s != ?)", column, column);
            add_param_string (query, text);
          }
        if (fields[field].kind == KIND_RFM)
          {
            query->needs_stats = TRUE;
            without_stats = !is || g_str_equal (text, "unknown");
          }
      }
      break;
    case KIND_COUNT:
      {
        gint64 n = json_node_get_int (value);

        g_string_append_printf (sql, "%s %s ?", column, op);
        add_param_int (query, n);
        query->needs_stats = TRUE;
        /* does 0 (nothing booked) pass? */
        without_stats = (g_str_equal (op, "=") && n == 0) || (g_str_equal (op, "!=") && n != 0)
                        || (g_str_equal (op, "<") && n > 0) || (g_str_equal (op, "<=") && n >= 0)
                        || (g_str_equal (op, ">") && n < 0) || (g_str_equal (op, ">=") && n <= 0);
      }
      break;
    case KIND_DATE:
      query->needs_stats = TRUE;
      without_stats = g_str_equal (op, "never");
      if (g_str_equal (op, "never"))
        g_string_append_printf (sql, "%s IS NULL", column);
      else if (g_str_has_suffix (op, "within-days"))
        {
          gint64 days = json_node_get_int (value);
          g_autofree char *since = td_date_format_iso (today > days ? (guint32) (today - days) : 1);

          /* within the last N days: ended on or after today - N */
          g_string_append_printf (sql, g_str_equal (op, "within-days") ? "%s >= ?" : "%s < ?", column);
          add_param_string (query, since);
        }
      else
        {
          g_string_append_printf (sql, "%s %s ?", column, op);
          add_param_string (query, json_node_get_string (value));
        }
      break;
    case KIND_PRODUCT:
      {
        /* a tour it led or joined, tickets of an attraction it held, a stay
         * of a room type, as long as it was not cancelled; by name or code */
        const char *name = json_node_get_string (value);

        /* one list of customers, read once (not a subquery per customer) */
        g_string_append (sql, g_str_equal (op, "not-bought") ? "c.id NOT IN (" : "c.id IN (");
        g_string_append (sql,
                         "SELECT b.lead_customer_id FROM tour_bookings b JOIN tour_departures d ON d.id = b.departure_id "
                         "  JOIN tour_products p ON p.id = d.product_id "
                         "  WHERE b.deleted = 0 AND b.state <> 'cancelled' AND (p.name = ? OR p.code = ? COLLATE NOCASE) "
                         "UNION SELECT tp.customer_id FROM tour_participants tp JOIN tour_bookings b ON b.id = tp.booking_id "
                         "  JOIN tour_departures d ON d.id = b.departure_id JOIN tour_products p ON p.id = d.product_id "
                         "  WHERE tp.deleted = 0 AND b.deleted = 0 AND b.state <> 'cancelled' "
                         "  AND (p.name = ? OR p.code = ? COLLATE NOCASE) "
                         "UNION SELECT t.customer_id FROM tickets t JOIN pois o ON o.id = t.poi_id "
                         "  WHERE t.customer_id IS NOT NULL AND t.deleted = 0 AND t.state <> 'void' "
                         "  AND (o.name = ? OR o.name_en = ? COLLATE NOCASE) "
                         "UNION SELECT st.customer_id FROM stays st JOIN room_types rt ON rt.id = st.room_type_id "
                         "  WHERE st.customer_id IS NOT NULL AND st.deleted = 0 AND st.state NOT IN ('cancelled', 'no_show') "
                         "  AND (rt.name = ? OR rt.code = ? COLLATE NOCASE) "
                         "UNION SELECT v.customer_id FROM stays st JOIN reservations v ON v.id = st.reservation_id "
                         "  JOIN room_types rt ON rt.id = st.room_type_id "
                         "  WHERE st.deleted = 0 AND st.state NOT IN ('cancelled', 'no_show') "
                         "  AND (rt.name = ? OR rt.code = ? COLLATE NOCASE))");
        for (guint k = 0; k < 10; k++)
          add_param_string (query, name);
      }
      break;
    case KIND_NPS:
      g_string_append_printf (sql, "%s %s ?", column, op);
      add_param_int (query, json_node_get_int (value));
      break;
    case KIND_AGE:
      if (g_str_equal (op, "between"))
        {
          JsonArray *pair = json_node_get_array (value);

          g_string_append_c (sql, '(');
          compile_age (query, sql, ">=", json_array_get_int_element (pair, 0), today);
          g_string_append (sql, " AND ");
          compile_age (query, sql, "<=", json_array_get_int_element (pair, 1), today);
          g_string_append_c (sql, ')');
        }
      else
        compile_age (query, sql, op, json_node_get_int (value), today);
      break;
    default:
      g_assert_not_reached ();
    }
  return without_stats;
}

TdSegmentQuery *
td_segment_compile (JsonObject  *rules,
                    guint32      today,
                    GError     **error)
{
  g_autoptr(TdSegmentQuery) query = NULL;
  g_autoptr(GString) where = g_string_new (NULL);
  JsonNode *list_node;
  JsonArray *list = NULL;
  gboolean any;
  gboolean inner = FALSE;

  g_return_val_if_fail (today > 0, NULL);

  if (!td_segment_rules_check (rules, error))
    return NULL;

  query = g_new0 (TdSegmentQuery, 1);
  query->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  any = g_str_equal (json_object_get_string_member_with_default (rules, "match", "all"), "any");
  list_node = json_object_get_member (rules, "rules");
  if (list_node && JSON_NODE_HOLDS_ARRAY (list_node))
    list = json_node_get_array (list_node);

  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *rule = json_array_get_object_element (list, i);
      int field = find_field (json_object_get_string_member (rule, "field"));

      if (i > 0)
        g_string_append (where, any ? " OR " : " AND ");
      g_string_append_c (where, '(');
      /* all of the rules, one of which needs booking figures: only the
       * customers who have some can match, and the planner may start from
       * them */
      inner |= !compile_rule (query, where, field, rule, today) && !any;
      g_string_append_c (where, ')');
    }

  /* Without statistics SQLite takes a small index of the live customers
   * and reads every wide row: the covering index of migration 13 is named
   * (its WHERE is this one). With booking figures every match must have,
   * the (fewer) customers who booked come first. */
  query->sql = g_strdup_printf ("FROM %s WHERE c.deleted = 0 AND c.merged_into IS NULL%s%s%s",
                                !query->needs_stats ? "customers c INDEXED BY customers_segments"
                                : inner ? "customer_stats s CROSS JOIN customers c ON c.rowid = s.customer"
                                : "customers c INDEXED BY customers_segments"
                                  " LEFT JOIN customer_stats s ON s.customer = c.rowid",
                                where->len ? " AND (" : "", where->str, where->len ? ")" : "");
  return g_steal_pointer (&query);
}

void
td_segment_query_bind (const TdSegmentQuery *query,
                       gpointer              stmt)
{
  for (guint i = 0; i < query->params->len; i++)
    {
      GVariant *param = g_ptr_array_index (query->params, i);

      if (g_variant_is_of_type (param, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, (int) i + 1, g_variant_get_int64 (param));
      else
        sqlite3_bind_text (stmt, (int) i + 1, g_variant_get_string (param, NULL), -1, SQLITE_TRANSIENT);
    }
}

guint32
td_segment_today (TdDatabase *db)
{
  g_autofree char *zone = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);

  return td_today_julian (zone ? zone : "Asia/Shanghai");
}

/* ------------------------------------------------------------------ */
/* running                                                            */

static gint64
count_query (TdDatabase      *db,
             TdSegmentQuery  *query,
             GError         **error)
{
  g_autofree char *sql = g_strconcat ("SELECT count(*) ", query->sql, NULL);
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  _td_database_lock (db);
  if (query->needs_stats && !_td_marketing_stats_refresh_locked (db, FALSE, error))
    goto out;
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    goto out;
  td_segment_query_bind (query, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

out:
  _td_database_unlock (db);
  return count;
}

gint64
td_segment_count (TdDatabase  *db,
                  JsonObject  *rules,
                  guint32      today,
                  GError     **error)
{
  g_autoptr(TdSegmentQuery) query = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), -1);

  query = td_segment_compile (rules, today ? today : td_segment_today (db), error);
  if (query == NULL)
    return -1;
  return count_query (db, query, error);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 count = count_query (TD_DATABASE (source_object), task_data, &error);

  if (count < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, count);
}

void
td_segment_count_async (TdDatabase          *db,
                        JsonObject          *rules,
                        guint32              today,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (db, cancellable, callback, user_data);
  GError *error = NULL;
  TdSegmentQuery *query;

  g_task_set_source_tag (task, td_segment_count_async);
  /* compiled here: the thread never sees rules */
  query = td_segment_compile (rules, today ? today : td_segment_today (db), &error);
  if (query == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, query, (GDestroyNotify) td_segment_query_free);
  g_task_run_in_thread (task, count_thread);
}

gint64
td_segment_count_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

GPtrArray *
td_segment_list_customers (TdDatabase  *db,
                           JsonObject  *rules,
                           guint32      today,
                           guint        limit,
                           GError     **error)
{
  g_autoptr(TdSegmentQuery) query = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  query = td_segment_compile (rules, today ? today : td_segment_today (db), error);
  if (query == NULL)
    return NULL;
  sql = g_strdup_printf ("SELECT c.id %s ORDER BY c.sort_name, c.id%s", query->sql,
                         limit ? " LIMIT ?" : "");

  _td_database_lock (db);
  if (query->needs_stats && !_td_marketing_stats_refresh_locked (db, FALSE, error))
    goto out;
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    goto out;
  td_segment_query_bind (query, stmt);
  if (limit)
    sqlite3_bind_int64 (stmt, (int) query->params->len + 1, limit);
  ids = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      g_clear_pointer (&ids, g_ptr_array_unref);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

out:
  _td_database_unlock (db);
  return g_steal_pointer (&ids);
}

/* ------------------------------------------------------------------ */
/* rules written on the command line                                  */

static JsonObject *
make_rule (const char *field,
           const char *op)
{
  JsonObject *rule = json_object_new ();

  json_object_set_string_member (rule, "field", field);
  json_object_set_string_member (rule, "op", op);
  return rule;
}

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, 0, G_MAXINT32, out, NULL);
}

JsonObject *
td_segment_rule_parse (const char  *text,
                       const char  *currency,
                       GError     **error)
{
  g_autoptr(JsonObject) rule = NULL;
  g_autofree char *field_id = NULL, *op = NULL, *value = NULL;
  g_autoptr(JsonArray) wrapper = NULL;
  g_autoptr(JsonObject) rules = NULL;
  int field;

  g_return_val_if_fail (text != NULL, NULL);

  if (strchr (text, ' '))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      g_auto(GStrv) parts = g_strsplit (stripped, " ", 3);

      field_id = g_strdup (parts[0]);
      op = g_strdup (parts[1] ? parts[1] : "");
      value = parts[1] && parts[2] ? g_strstrip (g_strdup (parts[2])) : NULL;
    }
  else
    {
      const char *p = strpbrk (text, "!<>=");
      gsize op_len;

      if (p == NULL || p == text)
        {
          g_set_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID,
                       _("“%s” is not a rule: write FIELD=VALUE, FIELD>=VALUE… or “FIELD OP VALUE”"), text);
          return NULL;
        }
      op_len = (p[1] == '=') ? 2 : 1;
      field_id = g_strndup (text, p - text);
      op = g_strndup (p, op_len);
      value = g_strdup (p + op_len);
      if (g_str_equal (op, "!"))
        {
          g_set_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID,
                       _("“%s” is not a rule: write FIELD=VALUE, FIELD>=VALUE… or “FIELD OP VALUE”"), text);
          return NULL;
        }
    }

  field = find_field (field_id);
  if (field < 0)
    {
      g_set_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID,
                   _("“%s”: unknown field “%s”"), text, field_id);
      return NULL;
    }

  /* = and != name the field's own words */
  if (g_str_equal (op, "=") || g_str_equal (op, "!="))
    {
      gboolean is = g_str_equal (op, "=");
      const char *word = NULL;

      switch (fields[field].kind)
        {
        case KIND_TEXT:
        case KIND_CONSENT:
        case KIND_RFM:
          word = is ? "is" : "is-not";
          break;
        case KIND_TAG:
          word = is ? "has" : "has-not";
          break;
        case KIND_PRODUCT:
          word = is ? "bought" : "not-bought";
          break;
        case KIND_AGE:
          if (is)
            word = "between";
          break;
        case KIND_COUNT:
        case KIND_DATE:
        case KIND_NPS:
        default:
          break;
        }
      if (word)
        {
          g_free (op);
          op = g_strdup (word);
        }
    }

  rule = make_rule (fields[field].public.id, op);
  if (value && *value && op_needs_value (op))
    {
      gint64 number;

      switch (fields[field].kind)
        {
        case KIND_COUNT:
          if (g_str_equal (fields[field].public.id, "spend"))
            {
              TdMoney money;

              if (!td_money_parse (value, currency ? currency : "CNY", &money, NULL))
                goto bad_value;
              json_object_set_int_member (rule, "value", money.minor);
            }
          else if (parse_int (value, &number))
            json_object_set_int_member (rule, "value", number);
          else
            goto bad_value;
          break;
        case KIND_DATE:
          if (g_str_has_suffix (op, "within-days"))
            {
              if (!parse_int (value, &number))
                goto bad_value;
              json_object_set_int_member (rule, "value", number);
            }
          else
            json_object_set_string_member (rule, "value", value);
          break;
        case KIND_NPS:
          if (!parse_int (value, &number))
            goto bad_value;
          json_object_set_int_member (rule, "value", number);
          break;
        case KIND_AGE:
          if (g_str_equal (op, "between"))
            {
              g_auto(GStrv) ends = g_strsplit_set (value, "- ", 2);
              JsonArray *pair = json_array_new ();
              gint64 low, high;

              if (!parse_int (ends[0], &low) || !parse_int (ends[1] ? ends[1] : ends[0], &high))
                {
                  json_array_unref (pair);
                  goto bad_value;
                }
              json_array_add_int_element (pair, low);
              json_array_add_int_element (pair, high);
              json_object_set_array_member (rule, "value", pair);
            }
          else if (parse_int (value, &number))
            json_object_set_int_member (rule, "value", number);
          else
            goto bad_value;
          break;
        case KIND_TEXT:
        case KIND_TAG:
        case KIND_CONSENT:
        case KIND_RFM:
        case KIND_PRODUCT:
        default:
          json_object_set_string_member (rule, "value", value);
          break;
        }
    }

  /* the checks of a saved rule, with the text in the message */
  rules = json_object_new ();
  wrapper = json_array_new ();
  json_array_add_object_element (wrapper, json_object_ref (rule));
  json_object_set_array_member (rules, "rules", json_array_ref (wrapper));
  {
    g_autoptr(GError) local = NULL;

    if (!td_segment_rules_check (rules, &local))
      {
        /* "Rule 1: …" names the text instead */
        const char *message = strchr (local->message, ':');

        g_set_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID, "“%s”%s",
                     text, message ? message : local->message);
        return NULL;
      }
  }
  return g_steal_pointer (&rule);

bad_value:
  g_set_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID,
               _("“%s”: “%s” is not a value for %s"), text, value, field_id);
  return NULL;
}

char *
td_segment_rule_describe (JsonObject *rule)
{
  const char *field_id = json_object_get_string_member_with_default (rule, "field", "");
  const char *op = json_object_get_string_member_with_default (rule, "op", "");
  JsonNode *value = json_object_get_member (rule, "value");
  int field = find_field (field_id);
  GString *text = g_string_new (field >= 0 ? _(fields[field].public.title) : field_id);

  g_string_append_printf (text, " %s", td_segment_op_title (op));
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_string_free (text, FALSE);
  if (JSON_NODE_HOLDS_ARRAY (value) && json_array_get_length (json_node_get_array (value)) == 2)
    g_string_append_printf (text, " %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                            json_array_get_int_element (json_node_get_array (value), 0),
                            json_array_get_int_element (json_node_get_array (value), 1));
  else if (node_is_int (value))
    g_string_append_printf (text, " %" G_GINT64_FORMAT, json_node_get_int (value));
  else if (node_is_string (value))
    {
      TdRfmGroup group;
      const char *s = json_node_get_string (value);

      if (field >= 0 && fields[field].kind == KIND_RFM && td_rfm_group_from_string (s, &group))
        s = td_rfm_group_get_title (group);
      g_string_append_printf (text, " %s", s);
    }
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------ */
/* saved segments                                                     */

void
td_segment_free (TdSegment *segment)
{
  if (segment == NULL)
    return;
  g_free (segment->id);
  g_free (segment->name);
  g_free (segment->description);
  g_clear_pointer (&segment->rules, json_object_unref);
  g_free (segment);
}

static gpointer
segment_from_row (sqlite3_stmt *stmt)
{
  TdSegment *segment = g_new0 (TdSegment, 1);
  g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 3), NULL);

  segment->id = _TD_COLUMN_TEXT (stmt, 0);
  segment->revision = sqlite3_column_int64 (stmt, 1);
  segment->name = _TD_COLUMN_TEXT (stmt, 2);
  segment->description = _TD_COLUMN_TEXT (stmt, 4);
  if (node && JSON_NODE_HOLDS_OBJECT (node))
    segment->rules = json_node_dup_object (node);
  else
    segment->rules = json_object_new ();
  return segment;
}

static GPtrArray *
select_segments (TdDatabase  *db,
                 const char  *key,
                 GError     **error)
{
  return _td_marketing_select (db,
                               "SELECT id, revision, name, rules, description FROM segments"
                               " WHERE deleted = 0 AND (?1 IS NULL OR id = ?1 OR name = ?1)"
                               " ORDER BY name, id",
                               key, segment_from_row, (GDestroyNotify) td_segment_free, error);
}

GPtrArray *
td_segment_list (TdDatabase  *db,
                 GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  return select_segments (db, NULL, error);
}

TdSegment *
td_segment_find (TdDatabase  *db,
                 const char  *name_or_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  list = select_segments (db, name_or_id, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_NOT_FOUND,
                   _("No segment is called “%s”"), name_or_id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

char *
td_segment_save (TdDatabase  *db,
                 const char  *name,
                 JsonObject  *rules,
                 const char  *description,
                 GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdSegment) existing = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  g_autofree char *clean_name = NULL;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  clean_name = g_strstrip (g_strdup (name ? name : ""));
  if (*clean_name == '\0')
    {
      g_set_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_INVALID, "%s", _("A segment needs a name"));
      return NULL;
    }
  if (!td_segment_rules_check (rules, error))
    return NULL;

  node = json_node_init_object (json_node_alloc (), rules);
  text = json_to_string (node, FALSE);

  existing = td_segment_find (db, clean_name, &local);
  if (existing == NULL && !g_error_matches (local, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (existing)
    change = td_change_new_update ("segment", existing->id, existing->revision);
  else
    {
      change = td_change_new_insert ("segment", NULL);
      td_change_set_string (change, "name", clean_name);
    }
  td_change_set_string (change, "rules", text);
  if (description && *description)
    td_change_set_string (change, "description", description);
  else if (existing && existing->description)
    td_change_set_null (change, "description");
  g_ptr_array_add (changes, change);
  if (!td_database_commit (db, td_database_default_actor (), changes, error))
    return NULL;
  return g_strdup (td_change_get_id (change));
}
