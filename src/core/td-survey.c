/* td-survey.c: satisfaction surveys and their NPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "td-csv.h"
#include "td-customer.h"
#include "td-database-private.h"
#include "td-kpi-private.h"
#include "td-survey.h"
#include "td-text-encoding.h"
#include "td-time.h"

G_DEFINE_QUARK (td-survey-error-quark, td_survey_error)

static const char * const channels[] = {
  "desk", "paper", "phone", "email", "sms", "wechat", "web", "import", NULL
};

const char * const *
td_survey_channels (void)
{
  return channels;
}

double
td_survey_nps (gint64 promoters,
               gint64 detractors,
               gint64 responses)
{
  if (responses <= 0)
    return NAN;
  return 100.0 * (double) (promoters - detractors) / (double) responses;
}

/* ------------------------------------------------------------------ */
/* checking one answer                                                */

/* one text column of one row (NULL when none), under the lock */
static char *
query_text (TdDatabase  *db,
            const char  *sql,
            const char  *arg,
            int          column,
            gboolean    *found,
            GError     **error)
{
  sqlite3_stmt *stmt = _td_database_prepare (db, sql, error);
  char *value = NULL;
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      value = g_strdup ((const char *) sqlite3_column_text (stmt, column));
    }
  else if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return value;
}

static gboolean
check_rating (const char  *name,
              int          value,
              GError     **error)
{
  if (value != 0 && (value < 1 || value > 5))
    {
      g_set_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_INVALID,
                   _("The %s rating must be 1 to 5, not %d"), name, value);
      return FALSE;
    }
  return TRUE;
}

/* The change that writes answer, after checking it (the lock held). */
static TdChange *
answer_to_change (TdDatabase           *db,
                  const TdSurveyAnswer *answer,
                  GError              **error)
{
  g_autoptr(TdChange) change = NULL;
  g_autofree char *customer_id = g_strdup (answer->customer_id);
  g_autofree char *property_id = g_strdup (answer->property_id);
  g_autofree char *answered_at = NULL;
  const char *channel = answer->channel ? answer->channel : "desk";
  gboolean found;
  GError *local = NULL;

  if (answer->nps < 0 || answer->nps > 10)
    {
      g_set_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_INVALID,
                   _("The recommendation score (NPS) must be 0 to 10, not %d"), answer->nps);
      return NULL;
    }
  if (!check_rating (_("service"), answer->service, error)
      || !check_rating (_("cleanliness"), answer->cleanliness, error)
      || !check_rating (_("guide"), answer->guide_rating, error)
      || !check_rating (_("value"), answer->value, error))
    return NULL;
  if (!g_strv_contains (channels, channel))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) channels);

      g_set_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_INVALID,
                   _("Unknown channel “%s” (allowed: %s)"), channel, allowed);
      return NULL;
    }
  if (answer->answered_at > g_get_real_time () + G_TIME_SPAN_DAY)
    {
      g_set_error_literal (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_INVALID,
                           _("The answer’s date is in the future"));
      return NULL;
    }

  if (answer->stay_id)
    {
      g_autofree char *stay_property = NULL;
      g_autofree char *guest = NULL;

      stay_property = query_text (db, "SELECT property_id FROM stays WHERE id = ?1 AND deleted = 0",
                                  answer->stay_id, 0, &found, &local);
      if (!found)
        goto not_found_stay;
      /* the guest in the room, or who booked it */
      guest = query_text (db, "SELECT COALESCE(s.customer_id, r.customer_id) FROM stays AS s"
                              " LEFT JOIN reservations AS r ON r.id = s.reservation_id WHERE s.id = ?1",
                          answer->stay_id, 0, &found, &local);
      if (property_id && g_strcmp0 (property_id, stay_property) != 0)
        {
          g_set_error_literal (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_INVALID,
                               _("The stay is in another hotel than the one given"));
          return NULL;
        }
      if (property_id == NULL)
        property_id = g_steal_pointer (&stay_property);
      if (customer_id == NULL)
        customer_id = g_steal_pointer (&guest);
    }
  if (customer_id)
    {
      g_autofree char *unused = query_text (db, "SELECT id FROM customers WHERE id = ?1 AND deleted = 0",
                                            customer_id, 0, &found, &local);
      if (local)
        goto failed;
      if (!found)
        {
          g_set_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_NOT_FOUND, _("No customer “%s”"), customer_id);
          return NULL;
        }
    }
  if (property_id)
    {
      g_autofree char *unused = query_text (db, "SELECT id FROM properties WHERE id = ?1 AND deleted = 0",
                                            property_id, 0, &found, &local);
      if (local)
        goto failed;
      if (!found)
        {
          g_set_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_NOT_FOUND, _("No hotel “%s”"), property_id);
          return NULL;
        }
    }

  answered_at = td_timestamp_from_unix (answer->answered_at ? answer->answered_at : g_get_real_time ());
  change = td_change_new_insert ("survey_response", NULL);
  td_change_set_int (change, "nps", answer->nps);
#define SET_TEXT(field, value) if ((value) && *(value)) td_change_set_string (change, field, value)
#define SET_RATING(field, value) if ((value) > 0) td_change_set_int (change, field, value)
  SET_TEXT ("customer_id", customer_id);
  SET_TEXT ("stay_id", answer->stay_id);
  SET_TEXT ("booking_id", answer->booking_id);
  SET_TEXT ("property_id", property_id);
  SET_TEXT ("product", answer->product);
  SET_TEXT ("guide", answer->guide);
  SET_TEXT ("comment", answer->comment);
  SET_RATING ("rating_service", answer->service);
  SET_RATING ("rating_cleanliness", answer->cleanliness);
  SET_RATING ("rating_guide", answer->guide_rating);
  SET_RATING ("rating_value", answer->value);
#undef SET_TEXT
#undef SET_RATING
  td_change_set_string (change, "answered_at", answered_at);
  td_change_set_string (change, "channel", channel);
  return g_steal_pointer (&change);

not_found_stay:
  if (local)
    goto failed;
  g_set_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_NOT_FOUND, _("No stay “%s”"), answer->stay_id);
  return NULL;

failed:
  g_propagate_error (error, local);
  return NULL;
}

char *
td_survey_add (TdDatabase            *db,
               const char            *actor,
               const TdSurveyAnswer  *answer,
               GError               **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (answer != NULL, NULL);

  _td_database_lock (db);
  change = answer_to_change (db, answer, error);
  _td_database_unlock (db);
  if (change == NULL)
    return NULL;
  g_ptr_array_add (changes, change);
  if (!td_database_commit (db, actor ? actor : td_database_default_actor (), changes, error))
    return NULL;
  return g_strdup (td_change_get_id (change));
}

/* ------------------------------------------------------------------ */
/* import                                                             */

typedef enum {
  COL_NPS, COL_ANSWERED_AT, COL_CUSTOMER_ID, COL_PHONE, COL_STAY_ID, COL_BOOKING_ID, COL_PROPERTY,
  COL_PRODUCT, COL_GUIDE, COL_SERVICE, COL_CLEANLINESS, COL_GUIDE_RATING, COL_VALUE, COL_COMMENT,
  COL_CHANNEL, N_COLS
} Column;

static const struct {
  const char *name;
  Column      column;
} column_names[] = {
  { "nps", COL_NPS }, { "score", COL_NPS }, { "推荐度", COL_NPS }, { "推荐分", COL_NPS }, { "净推荐值", COL_NPS },
  { "answered_at", COL_ANSWERED_AT }, { "date", COL_ANSWERED_AT }, { "日期", COL_ANSWERED_AT },
  { "回答时间", COL_ANSWERED_AT }, { "填写时间", COL_ANSWERED_AT },
  { "customer_id", COL_CUSTOMER_ID }, { "customer", COL_CUSTOMER_ID }, { "客户编号", COL_CUSTOMER_ID },
  { "phone", COL_PHONE }, { "手机", COL_PHONE }, { "电话", COL_PHONE }, { "手机号", COL_PHONE },
  { "stay_id", COL_STAY_ID }, { "stay", COL_STAY_ID }, { "入住编号", COL_STAY_ID },
  { "booking_id", COL_BOOKING_ID }, { "booking", COL_BOOKING_ID }, { "订单编号", COL_BOOKING_ID },
  { "property", COL_PROPERTY }, { "hotel", COL_PROPERTY }, { "property_id", COL_PROPERTY }, { "酒店", COL_PROPERTY },
  { "product", COL_PRODUCT }, { "产品", COL_PRODUCT }, { "线路", COL_PRODUCT },
  { "guide", COL_GUIDE }, { "导游", COL_GUIDE },
  { "service", COL_SERVICE }, { "服务", COL_SERVICE },
  { "cleanliness", COL_CLEANLINESS }, { "卫生", COL_CLEANLINESS }, { "清洁", COL_CLEANLINESS },
  { "guide_rating", COL_GUIDE_RATING }, { "导游评分", COL_GUIDE_RATING },
  { "value", COL_VALUE }, { "性价比", COL_VALUE },
  { "comment", COL_COMMENT }, { "comments", COL_COMMENT }, { "意见", COL_COMMENT }, { "评价", COL_COMMENT },
  { "备注", COL_COMMENT },
  { "channel", COL_CHANNEL }, { "渠道", COL_CHANNEL },
};

static int
column_of (const char *header)
{
  g_autofree char *key = g_utf8_strdown (header, -1);

  g_strstrip (key);
  g_strdelimit (key, " -", '_');
  for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
    if (g_str_equal (key, column_names[i].name))
      return (int) column_names[i].column;
  return -1;
}

void
td_survey_import_free (TdSurveyImport *import)
{
  if (import == NULL)
    return;
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_strfreev (import->header);
  g_free (import);
}

static void
problem_free (TdSurveyProblem *problem)
{
  g_free (problem->message);
  g_strfreev (problem->fields);
  g_free (problem);
}

static void
add_problem (TdSurveyImport     *import,
             guint               line,
             const char * const *fields,
             char               *message)
{
  TdSurveyProblem *problem = g_new0 (TdSurveyProblem, 1);

  problem->line = line;
  problem->message = message;
  problem->fields = g_strdupv ((char **) fields);
  g_ptr_array_add (import->problems, problem);
}

/* a whole number in [min, max]; empty: *out = empty_value */
static gboolean
parse_score (const char  *text,
             int          min,
             int          max,
             int          empty_value,
             int         *out)
{
  gint64 value;
  char *end;
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  if (*trimmed == '\0')
    {
      *out = empty_value;
      return TRUE;
    }
  value = g_ascii_strtoll (trimmed, &end, 10);
  if (*end != '\0' || value < min || value > max)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

/* YYYY-MM-DD (noon, local), "YYYY-MM-DD HH:MM[:SS]" (local) or ISO 8601
 * with a zone; 0 when unreadable */
static gint64
parse_when (const char *text,
            GTimeZone  *tz)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  g_autoptr(GDateTime) dt = NULL;
  guint32 julian;

  if (*t == '\0')
    return 0;
  if (strlen (t) == 10 && td_date_parse_iso (t, &julian, NULL))
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      dt = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
    }
  else
    {
      if (strlen (t) > 10 && t[10] == ' ')
        t[10] = 'T';
      if (strlen (t) == 16)
        {
          char *with_seconds = g_strconcat (t, ":00", NULL);

          g_free (t);
          t = with_seconds;
        }
      dt = g_date_time_new_from_iso8601 (t, tz);
    }
  return dt ? g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt) : 0;
}

static const char *
field (const char * const *fields,
       guint               n,
       const int          *map,
       Column              column)
{
  int index = map[column];

  if (index < 0 || (guint) index >= n)
    return NULL;
  return *fields[index] ? fields[index] : NULL;
}

/* already in the workspace: the same answer, time and subject */
static gboolean
is_duplicate (TdDatabase *db,
              TdChange   *change)
{
  JsonObject *v = td_change_get_values (change);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = _td_database_prepare (db,
                               "SELECT 1 FROM survey_responses WHERE deleted = 0 AND answered_at = ?1 AND nps = ?2"
                               " AND customer_id IS ?3 AND stay_id IS ?4 AND booking_id IS ?5 AND comment IS ?6",
                               NULL);
  if (stmt == NULL)
    return FALSE;
#define BIND(i, name) \
  if (json_object_has_member (v, name)) \
    sqlite3_bind_text (stmt, i, json_object_get_string_member (v, name), -1, SQLITE_TRANSIENT)
  BIND (1, "answered_at");
  sqlite3_bind_int64 (stmt, 2, json_object_get_int_member (v, "nps"));
  BIND (3, "customer_id");
  BIND (4, "stay_id");
  BIND (5, "booking_id");
  BIND (6, "comment");
#undef BIND
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return found;
}

static char *
duplicate_key (TdChange *change)
{
  JsonObject *v = td_change_get_values (change);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_node_set_object (node, v);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

TdSurveyImport *
td_survey_import (TdDatabase  *db,
                  const char  *actor,
                  const char  *data,
                  gsize        length,
                  gboolean     dry_run,
                  GError     **error)
{
  g_autoptr(TdSurveyImport) import = g_new0 (TdSurveyImport, 1);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;
  g_autofree char *time_zone = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(TdCsvReader) reader = NULL;
  int map[N_COLS];
  gsize text_length = 0;
  GError *local = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  text = td_text_decode (data, length, NULL, &text_length, NULL, NULL, error);
  if (text == NULL)
    return NULL;
  time_zone = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
  tz = g_time_zone_new_identifier (time_zone ? time_zone : TD_DEFAULT_TIME_ZONE);
  if (tz == NULL)
    tz = g_time_zone_new_offset (8 * 3600);

  import->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  reader = td_csv_reader_new (text, text_length, 0);
  if (!td_csv_reader_next (reader, &local))
    {
      if (local)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      g_set_error_literal (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_FILE, _("The file is empty"));
      return NULL;
    }
  import->header = g_strdupv ((char **) td_csv_reader_get_fields (reader));
  for (guint c = 0; c < N_COLS; c++)
    map[c] = -1;
  for (guint i = 0; import->header[i]; i++)
    {
      int c = column_of (import->header[i]);

      if (c >= 0 && map[c] < 0)
        map[c] = (int) i;
    }
  if (map[COL_NPS] < 0)
    {
      g_autofree char *columns = g_strjoinv (", ", import->header);

      g_set_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_FILE,
                   _("Line 1: no “nps” column (the 0–10 recommendation score); the columns are: %s"), columns);
      return NULL;
    }

  _td_database_lock (db);
  for (;;)
    {
      const char * const *fields;
      guint n, line;
      TdSurveyAnswer answer = { 0 };
      g_autoptr(GError) row_error = NULL;
      g_autofree char *customer_from_phone = NULL;
      g_autofree char *property_id = NULL;
      const char *text_value;
      TdChange *change;

      if (!td_csv_reader_next (reader, &local))
        {
          if (local)
            {
              /* an unterminated quote: the rest of the file is that field */
              add_problem (import, td_text_line_at (text, td_csv_reader_get_position (reader)),
                           (const char *[]) { NULL }, g_strdup (local->message));
              g_clear_error (&local);
            }
          break;
        }
      fields = td_csv_reader_get_fields (reader);
      n = td_csv_reader_get_n_fields (reader);
      line = td_csv_reader_get_line (reader);
      import->rows++;

      if (!parse_score (field (fields, n, map, COL_NPS), 0, 10, -1, &answer.nps) || answer.nps < 0)
        {
          const char *value = field (fields, n, map, COL_NPS);

          add_problem (import, line, fields,
                       value ? g_strdup_printf (_("Line %u: the NPS score “%s” is not a whole number from 0 to 10"), line, value)
                             : g_strdup_printf (_("Line %u: no NPS score"), line));
          continue;
        }
      {
        const Column rating_columns[] = { COL_SERVICE, COL_CLEANLINESS, COL_GUIDE_RATING, COL_VALUE };
        int *ratings[] = { &answer.service, &answer.cleanliness, &answer.guide_rating, &answer.value };
        gboolean ok = TRUE;

        for (guint r = 0; r < G_N_ELEMENTS (rating_columns) && ok; r++)
          if (!parse_score (field (fields, n, map, rating_columns[r]), 1, 5, 0, ratings[r]))
            {
              add_problem (import, line, fields,
                           g_strdup_printf (_("Line %u: the rating “%s” in column “%s” is not a whole number from 1 to 5"),
                                            line, field (fields, n, map, rating_columns[r]),
                                            import->header[map[rating_columns[r]]]));
              ok = FALSE;
            }
        if (!ok)
          continue;
      }
      text_value = field (fields, n, map, COL_ANSWERED_AT);
      if (text_value)
        {
          answer.answered_at = parse_when (text_value, tz);
          if (answer.answered_at == 0)
            {
              add_problem (import, line, fields,
                           g_strdup_printf (_("Line %u: “%s” is not a date (YYYY-MM-DD, or YYYY-MM-DD HH:MM)"),
                                            line, text_value));
              continue;
            }
        }
      text_value = field (fields, n, map, COL_PHONE);
      if (text_value && field (fields, n, map, COL_CUSTOMER_ID) == NULL)
        {
          g_autofree char *phone = td_phone_normalise (text_value, NULL);
          gboolean found = FALSE;

          if (phone)
            customer_from_phone = query_text (db, "SELECT id FROM customers WHERE phone = ?1 AND deleted = 0"
                                                  " ORDER BY created_at LIMIT 1", phone, 0, &found, NULL);
          if (!found)
            {
              add_problem (import, line, fields,
                           g_strdup_printf (_("Line %u: no customer with the phone number “%s”"), line, text_value));
              continue;
            }
        }
      text_value = field (fields, n, map, COL_PROPERTY);
      if (text_value)
        {
          gboolean found = FALSE;

          property_id = query_text (db, "SELECT id FROM properties WHERE deleted = 0 AND (id = ?1 OR name = ?1)"
                                        " ORDER BY id = ?1 DESC LIMIT 1", text_value, 0, &found, NULL);
          if (!found)
            {
              add_problem (import, line, fields,
                           g_strdup_printf (_("Line %u: no hotel “%s”"), line, text_value));
              continue;
            }
        }
      answer.customer_id = customer_from_phone ? customer_from_phone : field (fields, n, map, COL_CUSTOMER_ID);
      answer.stay_id = field (fields, n, map, COL_STAY_ID);
      answer.booking_id = field (fields, n, map, COL_BOOKING_ID);
      answer.property_id = property_id;
      answer.product = field (fields, n, map, COL_PRODUCT);
      answer.guide = field (fields, n, map, COL_GUIDE);
      answer.comment = field (fields, n, map, COL_COMMENT);
      answer.channel = field (fields, n, map, COL_CHANNEL);
      if (answer.channel == NULL)
        answer.channel = "import";
      if (answer.answered_at == 0)
        answer.answered_at = g_get_real_time ();

      change = answer_to_change (db, &answer, &row_error);
      if (change == NULL)
        {
          add_problem (import, line, fields, g_strdup_printf (_("Line %u: %s"), line, row_error->message));
          continue;
        }
      {
        g_autofree char *key = duplicate_key (change);

        if (g_hash_table_contains (seen, key) || is_duplicate (db, change))
          {
            import->duplicates++;
            td_change_unref (change);
            continue;
          }
        g_hash_table_add (seen, g_steal_pointer (&key));
      }
      g_ptr_array_add (changes, change);
    }
  _td_database_unlock (db);

  import->imported = changes->len;
  if (!dry_run && changes->len > 0
      && !td_database_commit (db, actor ? actor : td_database_default_actor (), changes, error))
    return NULL;
  return g_steal_pointer (&import);
}

char *
td_survey_import_rejects_csv (const TdSurveyImport *import)
{
  GString *out = g_string_new (TD_CSV_BOM);
  guint n = g_strv_length (import->header);
  g_autoptr(GPtrArray) row = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (row, import->header[i]);
  g_ptr_array_add (row, (gpointer) C_("csv column", "error"));
  td_csv_append_record (out, (const char * const *) row->pdata, row->len, ',');
  for (guint p = 0; p < import->problems->len; p++)
    {
      TdSurveyProblem *problem = g_ptr_array_index (import->problems, p);
      guint have = problem->fields ? g_strv_length (problem->fields) : 0;

      g_ptr_array_set_size (row, 0);
      for (guint i = 0; i < MAX (n, have); i++)
        g_ptr_array_add (row, i < have ? problem->fields[i] : (char *) "");
      g_ptr_array_add (row, problem->message);
      td_csv_append_record (out, (const char * const *) row->pdata, row->len, ',');
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* summary                                                            */

void
td_survey_group_row_free (TdSurveyGroupRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->title);
  g_free (row);
}

static TdSurveyGroupRow *
group_row_new (const char *key,
               const char *title)
{
  TdSurveyGroupRow *row = g_new0 (TdSurveyGroupRow, 1);

  row->key = g_strdup (key ? key : "");
  row->title = g_strdup (title);
  return row;
}

GPtrArray *
td_survey_summary (TdDatabase         *db,
                   const TdDateRange  *dates,
                   TdSurveyGroup       group,
                   GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) td_survey_group_row_free);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *time_zone = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  TdSurveyGroupRow *total;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  switch (group)
    {
    case TD_SURVEY_GROUP_NONE:
      g_string_append (sql, "'', ''");
      break;
    case TD_SURVEY_GROUP_PROPERTY:
      g_string_append (sql, "COALESCE(s.property_id, ''), p.name");
      break;
    case TD_SURVEY_GROUP_PRODUCT:
      g_string_append (sql, "COALESCE(s.product, ''), s.product");
      break;
    case TD_SURVEY_GROUP_GUIDE:
      g_string_append (sql, "COALESCE(s.guide, ''), s.guide");
      break;
    case TD_SURVEY_GROUP_MONTH:
      g_string_append (sql, "strftime('%Y-%m', julianday(s.answered_at, COALESCE((SELECT value FROM settings"
                            " WHERE key = 'analytics-utc-offset'), '+480 minutes'))) AS m, NULL");
      break;
    default:
      g_assert_not_reached ();
    }
  g_string_append (sql, ", count(*), sum(s.nps >= 9), sum(s.nps BETWEEN 7 AND 8), sum(s.nps <= 6),"
                        " avg(s.rating_service), count(s.rating_service),"
                        " avg(s.rating_cleanliness), count(s.rating_cleanliness),"
                        " avg(s.rating_guide), count(s.rating_guide),"
                        " avg(s.rating_value), count(s.rating_value)"
                        " FROM survey_responses AS s LEFT JOIN properties AS p ON p.id = s.property_id"
                        " WHERE s.deleted = 0 AND (?1 IS NULL OR (s.answered_at >= ?1 AND s.answered_at < ?2))"
                        " GROUP BY 1 ORDER BY 1");
  if (dates && dates->end > dates->start)
    {
      lo = _td_kpi_day_start_utc (dates->start, time_zone);
      hi = _td_kpi_day_start_utc (dates->end, time_zone);
    }

  total = group_row_new ("", _("All responses"));
  for (guint k = 0; k < 4; k++)
    total->average[k] = 0;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      td_survey_group_row_free (total);
      return NULL;
    }
  if (lo)
    {
      sqlite3_bind_text (stmt, 1, lo, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, hi, -1, SQLITE_TRANSIENT);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = (const char *) sqlite3_column_text (stmt, 1);
      TdSurveyGroupRow *row = group_row_new (key, title && *title ? title
                                                  : key && *key && group == TD_SURVEY_GROUP_MONTH ? key
                                                  : C_("survey group", "(none)"));

      row->responses = sqlite3_column_int64 (stmt, 2);
      row->promoters = sqlite3_column_int64 (stmt, 3);
      row->passives = sqlite3_column_int64 (stmt, 4);
      row->detractors = sqlite3_column_int64 (stmt, 5);
      row->nps = td_survey_nps (row->promoters, row->detractors, row->responses);
      for (guint k = 0; k < 4; k++)
        {
          row->rated[k] = sqlite3_column_int64 (stmt, 7 + 2 * (int) k);
          row->average[k] = row->rated[k] > 0 ? sqlite3_column_double (stmt, 6 + 2 * (int) k) : NAN;
          total->rated[k] += row->rated[k];
          if (row->rated[k] > 0)
            total->average[k] += row->average[k] * (double) row->rated[k];
        }
      total->responses += row->responses;
      total->promoters += row->promoters;
      total->passives += row->passives;
      total->detractors += row->detractors;
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    {
      td_survey_group_row_free (total);
      return NULL;
    }

  total->nps = td_survey_nps (total->promoters, total->detractors, total->responses);
  for (guint k = 0; k < 4; k++)
    total->average[k] = total->rated[k] > 0 ? total->average[k] / (double) total->rated[k] : NAN;
  if (group == TD_SURVEY_GROUP_NONE)
    {
      g_ptr_array_set_size (rows, 0);
      g_ptr_array_add (rows, total);
    }
  else
    g_ptr_array_insert (rows, 0, total);
  return g_steal_pointer (&rows);
}
