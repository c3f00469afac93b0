/* td-kpi.c: the hotel's key figures from the daily facts of migration 14
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "td-database-private.h"
#include "td-kpi-private.h"
#include "td-money.h"
#include "td-time.h"

/* ------------------------------------------------------------------ */
/* local dates                                                        */

static GTimeZone *
zone_for (const char *time_zone)
{
  GTimeZone *tz = NULL;

  if (time_zone && *time_zone)
    tz = g_time_zone_new_identifier (time_zone);
  if (tz == NULL)
    tz = g_time_zone_new_identifier (TD_DEFAULT_TIME_ZONE);
  if (tz == NULL)
    tz = g_time_zone_new_offset (8 * 3600);
  return tz;
}

guint32
_td_kpi_local_day (const char *timestamp,
                   const char *time_zone)
{
  g_autoptr(GDateTime) utc = td_timestamp_parse (timestamp);
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  if (utc == NULL)
    return 0;
  tz = zone_for (time_zone);
  local = g_date_time_to_timezone (utc, tz);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local), (GDateYear) g_date_time_get_year (local));
  return g_date_get_julian (&date);
}

char *
_td_kpi_day_start_utc (guint32     julian,
                       const char *time_zone)
{
  g_autoptr(GTimeZone) tz = zone_for (time_zone);
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  local = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), 0, 0, 0);
  return td_timestamp_from_unix (g_date_time_to_unix (local) * G_USEC_PER_SEC);
}

/* ------------------------------------------------------------------ */
/* figures                                                            */

static const char * const sources[] = { "walk-in", "phone", "agency", "ota", "platform", NULL };

const char * const *
td_kpi_sources (void)
{
  return sources;
}

const char *
td_kpi_source_title (const char *source)
{
  if (g_strcmp0 (source, "walk-in") == 0)
    return C_("booking source", "Walk-in");
  if (g_strcmp0 (source, "phone") == 0)
    return C_("booking source", "Phone");
  if (g_strcmp0 (source, "agency") == 0)
    return C_("booking source", "Agency");
  if (g_strcmp0 (source, "ota") == 0)
    return C_("booking source", "Online travel agency");
  if (g_strcmp0 (source, "platform") == 0)
    return C_("booking source", "Platform");
  if (source == NULL || *source == '\0')
    return C_("booking source", "Unknown");
  return source;
}

void
td_kpi_source_free (TdKpiSource *source)
{
  if (source == NULL)
    return;
  g_free (source->source);
  g_free (source);
}

TdKpiFigures *
_td_kpi_figures_new (const TdDateRange *dates)
{
  TdKpiFigures *figures = g_new0 (TdKpiFigures, 1);

  figures->dates = *dates;
  figures->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) td_kpi_source_free);
  for (guint i = 0; sources[i]; i++)
    {
      TdKpiSource *s = g_new0 (TdKpiSource, 1);

      s->source = g_strdup (sources[i]);
      g_ptr_array_add (figures->sources, s);
    }
  return figures;
}

void
td_kpi_figures_free (TdKpiFigures *figures)
{
  if (figures == NULL)
    return;
  g_clear_pointer (&figures->sources, g_ptr_array_unref);
  g_free (figures);
}

static TdKpiSource *
figures_source (TdKpiFigures *figures,
                const char   *source)
{
  TdKpiSource *s;

  for (guint i = 0; i < figures->sources->len; i++)
    {
      s = g_ptr_array_index (figures->sources, i);
      if (g_strcmp0 (s->source, source) == 0)
        return s;
    }
  s = g_new0 (TdKpiSource, 1);
  s->source = g_strdup (source ? source : "");
  g_ptr_array_add (figures->sources, s);
  return s;
}

char *
td_kpi_format_money (gint64      minor,
                     const char *currency)
{
  TdMoney money;

  if (!td_money_init (&money, minor, currency, NULL))
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);
  return td_money_format (&money);
}

char *
td_kpi_format_ratio (double ratio)
{
  return isnan (ratio) ? g_strdup ("—") : g_strdup_printf ("%.1f %%", ratio * 100.0);
}

/* a / b rounded half away from zero; b > 0 */
static gint64
divide_rounded (gint64 a,
                gint64 b)
{
  if (a >= 0)
    return (a + b / 2) / b;
  return -((-a + b / 2) / b);
}

double
td_kpi_figures_occupancy (const TdKpiFigures *figures)
{
  if (figures->available <= 0)
    return NAN;
  return (double) figures->sold / (double) figures->available;
}

gint64
td_kpi_figures_adr (const TdKpiFigures *figures)
{
  return figures->sold > 0 ? divide_rounded (figures->revenue, figures->sold) : 0;
}

gint64
td_kpi_figures_revpar (const TdKpiFigures *figures)
{
  return figures->available > 0 ? divide_rounded (figures->revenue, figures->available) : 0;
}

double
td_kpi_figures_cancellation_rate (const TdKpiFigures *figures)
{
  if (figures->bookings <= 0)
    return NAN;
  return (double) figures->cancellations / (double) figures->bookings;
}

double
td_kpi_figures_lead_time (const TdKpiFigures *figures)
{
  if (figures->bookings <= 0)
    return NAN;
  return (double) figures->lead_days / (double) figures->bookings;
}

double
td_kpi_figures_nps (const TdKpiFigures *figures)
{
  if (figures->responses <= 0)
    return NAN;
  return 100.0 * (double) (figures->promoters - figures->detractors) / (double) figures->responses;
}

/* ------------------------------------------------------------------ */
/* reading the facts                                                  */

char *
_td_kpi_currency (TdDatabase *db,
                  const char *asked)
{
  char *currency;

  if (asked && *asked)
    return g_ascii_strup (asked, -1);
  currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
  if (currency == NULL || *currency == '\0')
    {
      g_free (currency);
      currency = g_strdup (TD_DEFAULT_CURRENCY);
    }
  return currency;
}

/* the figures whose dates hold day, from *cursor on (days come in order) */
static TdKpiFigures *
find_bucket (TdKpiFigures **figures,
             guint          n,
             guint         *cursor,
             guint32        day)
{
  /* rows come sorted by day, but each query restarts: search from the
   * cursor, then from the start */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = pass == 0 ? *cursor : 0; i < n; i++)
        if (td_date_range_contains (&figures[i]->dates, day))
          {
            *cursor = i;
            return figures[i];
          }
    }
  return NULL;
}

/* by day, or ([1]) for the whole range at once (one set of figures: a
 * hotel's line of td_kpi_by_property(), the report's totals) */
static const char * const sql_days[] = {
  "SELECT day, source, sum(units), sum(revenue), sum(arrivals), sum(cancelled),"
  "       sum(no_shows), sum(lead_days), sum(cancel_fees)"
  "  FROM analytics_days"
  " WHERE kind = 'stay' AND property = ?4 AND day >= ?1 AND day < ?2 AND currency = ?3"
  " GROUP BY day, source ORDER BY day",
  "SELECT ?1, source, sum(units), sum(revenue), sum(arrivals), sum(cancelled),"
  "       sum(no_shows), sum(lead_days), sum(cancel_fees)"
  "  FROM analytics_days"
  " WHERE kind = 'stay' AND property = ?4 AND day >= ?1 AND day < ?2 AND currency = ?3"
  " GROUP BY source",
};

/* each in two forms, every property ([0]) or one ([1]), so that the one
 * uses its index */
/* the out-of-order periods overlapping the dates (few rows, expanded to
 * nights here: the room-night table would have to be read room by room) */
static const char * const sql_closed[] = {
  "SELECT " TD_KPI_JULIAN ("p.start_date") ", " TD_KPI_JULIAN ("p.end_date")
  "  FROM out_of_order_periods AS p JOIN rooms AS r ON r.id = p.room_id"
  " WHERE p.deleted = 0 AND r.deleted = 0 AND p.start_date < ?2 AND p.end_date > ?1",
  "SELECT " TD_KPI_JULIAN ("p.start_date") ", " TD_KPI_JULIAN ("p.end_date")
  "  FROM out_of_order_periods AS p JOIN rooms AS r ON r.id = p.room_id"
  " WHERE p.deleted = 0 AND r.deleted = 0 AND r.property_id = ?3 AND p.start_date < ?2 AND p.end_date > ?1",
};

static const char * const sql_rooms[] = {
  "SELECT count(*) FROM rooms WHERE deleted = 0",
  "SELECT count(*) FROM rooms WHERE property_id = ?1 AND deleted = 0",
};

static const char * const sql_surveys[] = {
  "SELECT " TD_KPI_LOCAL_DAY ("answered_at") " AS d,"
  "       count(*), sum(nps >= 9), sum(nps <= 6)"
  "  FROM survey_responses"
  " WHERE deleted = 0 AND answered_at >= ?1 AND answered_at < ?2"
  " GROUP BY d ORDER BY d",
  "SELECT " TD_KPI_LOCAL_DAY ("answered_at") " AS d,"
  "       count(*), sum(nps >= 9), sum(nps <= 6)"
  "  FROM survey_responses"
  " WHERE property_id = ?3 AND answered_at >= ?1 AND answered_at < ?2 AND deleted = 0"
  " GROUP BY d ORDER BY d",
};

static gboolean
finish_stmt (TdDatabase    *db,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  gboolean ok = rc == SQLITE_DONE;

  if (!ok)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

gboolean
_td_kpi_fill (TdDatabase    *db,
              const char    *property_id,
              const char    *currency,
              TdKpiFigures **figures,
              guint          n,
              GError       **error)
{
  guint32 first, last;
  sqlite3_stmt *stmt;
  g_autofree char *time_zone = NULL;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  gint64 rooms = 0;
  guint cursor = 0;
  int rc;

  if (n == 0)
    return TRUE;
  first = figures[0]->dates.start;
  last = figures[n - 1]->dates.end;
  time_zone = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
  /* a day's margin: the zone of each answer is applied in SQL */
  lo = _td_kpi_day_start_utc (first - 1, time_zone);
  hi = _td_kpi_day_start_utc (last + 1, time_zone);

  _td_database_lock (db);

  /* the rooms */
  stmt = _td_database_prepare (db, sql_rooms[property_id != NULL], error);
  if (stmt == NULL)
    goto failed;
  if (property_id)
    sqlite3_bind_text (stmt, 1, property_id, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rooms = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (!finish_stmt (db, stmt, rc, error))
    goto failed;
  for (guint i = 0; i < n; i++)
    {
      figures[i]->rooms = rooms;
      figures[i]->capacity = rooms * td_date_range_get_nights (&figures[i]->dates);
    }

  /* nights closed */
  stmt = _td_database_prepare (db, sql_closed[property_id != NULL], error);
  if (stmt == NULL)
    goto failed;
  {
    g_autofree char *from = td_date_format_iso (first);
    g_autofree char *to = td_date_format_iso (last);

    sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  }
  if (property_id)
    sqlite3_bind_text (stmt, 3, property_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 start = MAX ((guint32) sqlite3_column_int64 (stmt, 0), first);
      guint32 end = MIN ((guint32) sqlite3_column_int64 (stmt, 1), last);

      cursor = 0;
      for (guint32 night = start; night < end; night++)
        {
          TdKpiFigures *f = find_bucket (figures, n, &cursor, night);

          if (f)
            f->out_of_order++;
        }
    }
  if (!finish_stmt (db, stmt, rc, error))
    goto failed;

  /* the facts */
  stmt = _td_database_prepare (db, sql_days[n == 1], error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);
  sqlite3_bind_text (stmt, 3, currency, -1, SQLITE_TRANSIENT);
  /* every property: the rows kept for all of them */
  sqlite3_bind_text (stmt, 4, property_id ? property_id : "", -1, SQLITE_TRANSIENT);
  cursor = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdKpiFigures *f = find_bucket (figures, n, &cursor, (guint32) sqlite3_column_int64 (stmt, 0));
      TdKpiSource *s;
      gint64 units = sqlite3_column_int64 (stmt, 2);
      gint64 revenue = sqlite3_column_int64 (stmt, 3);
      gint64 arrivals = sqlite3_column_int64 (stmt, 4);

      if (f == NULL)
        continue;
      /* a source with nothing left (every booking gone) is not listed */
      if (units == 0 && revenue == 0 && arrivals == 0 && sqlite3_column_int64 (stmt, 5) == 0)
        continue;
      s = figures_source (f, (const char *) sqlite3_column_text (stmt, 1));
      f->sold += units;
      f->revenue += revenue;
      f->bookings += arrivals;
      f->cancellations += sqlite3_column_int64 (stmt, 5);
      f->no_shows += sqlite3_column_int64 (stmt, 6);
      f->lead_days += sqlite3_column_int64 (stmt, 7);
      f->cancellation_fees += sqlite3_column_int64 (stmt, 8);
      s->room_nights += units;
      s->revenue += revenue;
      s->bookings += arrivals;
    }
  if (!finish_stmt (db, stmt, rc, error))
    goto failed;

  /* surveys */
  stmt = _td_database_prepare (db, sql_surveys[property_id != NULL], error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, lo, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hi, -1, SQLITE_TRANSIENT);
  if (property_id)
    sqlite3_bind_text (stmt, 3, property_id, -1, SQLITE_TRANSIENT);
  cursor = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdKpiFigures *f = find_bucket (figures, n, &cursor, (guint32) sqlite3_column_int64 (stmt, 0));

      if (f == NULL)
        continue;
      f->responses += sqlite3_column_int64 (stmt, 1);
      f->promoters += sqlite3_column_int64 (stmt, 2);
      f->detractors += sqlite3_column_int64 (stmt, 3);
    }
  if (!finish_stmt (db, stmt, rc, error))
    goto failed;

  _td_database_unlock (db);

  for (guint i = 0; i < n; i++)
    figures[i]->available = figures[i]->capacity - figures[i]->out_of_order;
  return TRUE;

failed:
  _td_database_unlock (db);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* the public queries                                                 */

void
td_kpi_report_free (TdKpiReport *report)
{
  if (report == NULL)
    return;
  td_kpi_figures_free (report->current);
  td_kpi_figures_free (report->previous);
  g_free (report);
}

static gboolean
check_query (const TdKpiQuery  *query,
             GError           **error)
{
  if (query->dates.end <= query->dates.start || query->dates.start <= 1)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("The period must end after it starts"));
      return FALSE;
    }
  if (query->currency && !td_currency_is_valid (query->currency))
    {
      g_set_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_CURRENCY,
                   _("“%s” is not a currency code"), query->currency);
      return FALSE;
    }
  return TRUE;
}

TdKpiReport *
td_kpi_compute (TdDatabase        *db,
                const TdKpiQuery  *query,
                GError           **error)
{
  g_autoptr(TdKpiReport) report = g_new0 (TdKpiReport, 1);
  g_autofree char *currency = NULL;
  guint nights;
  TdDateRange before;
  TdKpiFigures *both[2];

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!check_query (query, error))
    return NULL;
  currency = _td_kpi_currency (db, query->currency);
  g_strlcpy (report->currency, currency, sizeof report->currency);
  nights = td_date_range_get_nights (&query->dates);
  before.start = query->dates.start > nights + 1 ? query->dates.start - nights : 1;
  before.end = query->dates.start;
  report->previous = _td_kpi_figures_new (&before);
  report->current = _td_kpi_figures_new (&query->dates);
  both[0] = report->previous;
  both[1] = report->current;
  if (!_td_kpi_fill (db, query->property_id, currency, both, 2, error))
    return NULL;
  return g_steal_pointer (&report);
}

static guint32
next_step (guint32   day,
           TdKpiStep step)
{
  GDate date;

  switch (step)
    {
    case TD_KPI_STEP_DAY:
      return day + 1;
    case TD_KPI_STEP_WEEK:
      return day + 7;
    case TD_KPI_STEP_MONTH:
      g_date_clear (&date, 1);
      g_date_set_julian (&date, day);
      g_date_set_day (&date, 1);
      g_date_add_months (&date, 1);
      return g_date_get_julian (&date);
    default:
      g_assert_not_reached ();
    }
}

GPtrArray *
td_kpi_series (TdDatabase        *db,
               const TdKpiQuery  *query,
               TdKpiStep          step,
               GError           **error)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) td_kpi_figures_free);
  g_autofree char *currency = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (!check_query (query, error))
    return NULL;
  currency = _td_kpi_currency (db, query->currency);
  for (guint32 day = query->dates.start; day < query->dates.end;)
    {
      TdDateRange dates = { day, MIN (next_step (day, step), query->dates.end) };

      g_ptr_array_add (series, _td_kpi_figures_new (&dates));
      day = dates.end;
    }
  if (!_td_kpi_fill (db, query->property_id, currency, (TdKpiFigures **) series->pdata, series->len, error))
    return NULL;
  return g_steal_pointer (&series);
}

void
td_kpi_property_free (TdKpiProperty *property)
{
  if (property == NULL)
    return;
  g_free (property->property_id);
  g_free (property->property_name);
  td_kpi_figures_free (property->figures);
  g_free (property);
}

GPtrArray *
td_kpi_by_property (TdDatabase        *db,
                    const TdKpiQuery  *query,
                    GError           **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) td_kpi_property_free);
  g_autofree char *currency = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (!check_query (query, error))
    return NULL;
  currency = _td_kpi_currency (db, query->currency);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT id, name FROM properties WHERE deleted = 0 ORDER BY name, id", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdKpiProperty *p = g_new0 (TdKpiProperty, 1);

      p->property_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      p->property_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->figures = _td_kpi_figures_new (&query->dates);
      g_ptr_array_add (result, p);
    }
  if (!finish_stmt (db, stmt, rc, error))
    {
      _td_database_unlock (db);
      return NULL;
    }
  _td_database_unlock (db);

  for (guint i = 0; i < result->len; i++)
    {
      TdKpiProperty *p = g_ptr_array_index (result, i);

      if (!_td_kpi_fill (db, p->property_id, currency, &p->figures, 1, error))
        return NULL;
    }
  return g_steal_pointer (&result);
}

void
_td_kpi_json_add_int (JsonBuilder *b,
                      const char  *member,
                      gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

void
_td_kpi_json_add_number (JsonBuilder *b,
                         const char  *member,
                         double       value)
{
  json_builder_set_member_name (b, member);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

void
_td_kpi_json_add_day (JsonBuilder *b,
                      const char  *member,
                      guint32      julian)
{
  g_autofree char *text = td_date_format_iso (julian);

  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, text);
}

JsonNode *
td_kpi_figures_to_json (const TdKpiFigures *f)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  _td_kpi_json_add_day (b, "from", f->dates.start);
  _td_kpi_json_add_day (b, "to", f->dates.end);
  _td_kpi_json_add_int (b, "rooms", f->rooms);
  _td_kpi_json_add_int (b, "capacity", f->capacity);
  _td_kpi_json_add_int (b, "out_of_order", f->out_of_order);
  _td_kpi_json_add_int (b, "available", f->available);
  _td_kpi_json_add_int (b, "sold", f->sold);
  _td_kpi_json_add_number (b, "occupancy", td_kpi_figures_occupancy (f));
  _td_kpi_json_add_int (b, "revenue", f->revenue);
  _td_kpi_json_add_int (b, "adr", td_kpi_figures_adr (f));
  _td_kpi_json_add_int (b, "revpar", td_kpi_figures_revpar (f));
  _td_kpi_json_add_int (b, "bookings", f->bookings);
  _td_kpi_json_add_int (b, "cancellations", f->cancellations);
  _td_kpi_json_add_number (b, "cancellation_rate", td_kpi_figures_cancellation_rate (f));
  _td_kpi_json_add_int (b, "no_shows", f->no_shows);
  _td_kpi_json_add_number (b, "lead_time", td_kpi_figures_lead_time (f));
  _td_kpi_json_add_int (b, "cancellation_fees", f->cancellation_fees);
  _td_kpi_json_add_int (b, "responses", f->responses);
  _td_kpi_json_add_number (b, "nps", td_kpi_figures_nps (f));
  json_builder_set_member_name (b, "by_source");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->sources->len; i++)
    {
      TdKpiSource *s = g_ptr_array_index (f->sources, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, s->source);
      _td_kpi_json_add_int (b, "room_nights", s->room_nights);
      _td_kpi_json_add_int (b, "revenue", s->revenue);
      _td_kpi_json_add_int (b, "bookings", s->bookings);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
td_kpi_explain_occupancy (const TdKpiFigures *figures)
{
  double occupancy = td_kpi_figures_occupancy (figures);
  g_autofree char *percent = td_kpi_format_ratio (occupancy);
  g_autofree char *rooms = g_strdup_printf ("%" G_GINT64_FORMAT, figures->rooms);
  g_autofree char *nights = g_strdup_printf ("%u", td_date_range_get_nights (&figures->dates));
  g_autofree char *capacity = g_strdup_printf ("%" G_GINT64_FORMAT, figures->capacity);
  g_autofree char *closed = g_strdup_printf ("%" G_GINT64_FORMAT, figures->out_of_order);
  g_autofree char *available = g_strdup_printf ("%" G_GINT64_FORMAT, figures->available);
  g_autofree char *sold = g_strdup_printf ("%" G_GINT64_FORMAT, figures->sold);

  /* TRANSLATORS: the occupancy explained with its figures: rooms, nights,
   * room-nights, out of order, available, sold, the occupancy */
  return g_strdup_printf (_("Occupancy is the room-nights sold divided by the room-nights available: "
                            "%s rooms × %s nights = %s room-nights, less %s out of order, leaves %s available; "
                            "%s were sold (confirmed, checked in or out; tentative, cancelled and no-show stays "
                            "are not counted): %s."),
                          rooms, nights, capacity, closed, available, sold, percent);
}
