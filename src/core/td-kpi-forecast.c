/* td-kpi-forecast.c: occupancy forecast by additive pick-up, and the pace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "td-database-private.h"
#include "td-kpi-forecast.h"
#include "td-kpi-private.h"

#define DEFAULT_HISTORY 56
#define YEAR_AGO 364   /* 52 weeks: the same weekdays */

void
td_forecast_free (TdForecast *forecast)
{
  if (forecast == NULL)
    return;
  g_clear_pointer (&forecast->nights, g_array_unref);
  g_clear_pointer (&forecast->pickup, g_array_unref);
  g_free (forecast);
}

typedef struct {
  guint32 day;
  gint64  units;
} Booked;

static const char sql_books[] =
  "SELECT night, day, sum(units) FROM analytics_books"
  " WHERE kind = 'stay' AND property = ?4 AND night >= ?1 AND night < ?2 AND day <= ?3"
  " GROUP BY night, day ORDER BY night, day";

/* rows[night − first]: GArray of Booked by day, for nights [first, end) */
static GPtrArray *
read_books (TdDatabase  *db,
            const char  *property_id,
            guint32      first,
            guint32      end,
            guint32      as_of,
            GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  sqlite3_stmt *stmt;
  int rc;

  for (guint32 n = first; n < end; n++)
    g_ptr_array_add (rows, g_array_new (FALSE, FALSE, sizeof (Booked)));

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql_books, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_int64 (stmt, 3, as_of);
  /* every property: the rows kept for all of them */
  sqlite3_bind_text (stmt, 4, property_id ? property_id : "", -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 night = (guint32) sqlite3_column_int64 (stmt, 0);
      Booked b = { (guint32) sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2) };

      g_array_append_val (g_ptr_array_index (rows, night - first), b);
    }
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&rows);
}

/* on the books for a night as of a day: its rows up to that day */
static gint64
on_books_as_of (GArray  *booked,
                guint32  day)
{
  gint64 sum = 0;

  for (guint i = 0; i < booked->len; i++)
    {
      Booked *b = &g_array_index (booked, Booked, i);

      if (b->day > day)
        break;
      sum += b->units;
    }
  return sum;
}

TdForecast *
td_forecast_compute (TdDatabase        *db,
                     const char        *property_id,
                     const TdDeskTime  *when,
                     guint              horizon,
                     guint              history,
                     GError           **error)
{
  g_autoptr(TdForecast) forecast = g_new0 (TdForecast, 1);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) td_kpi_figures_free);
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) year_ago = NULL;
  g_autofree char *currency = NULL;
  TdDeskTime storage;
  guint32 today, first;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (horizon > 0 && horizon <= 366, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  today = when->today;
  if (history == 0)
    history = DEFAULT_HISTORY;
  forecast->today = today;
  forecast->history_nights = history;
  forecast->nights = g_array_sized_new (FALSE, TRUE, sizeof (TdForecastNight), horizon);
  forecast->pickup = g_array_sized_new (FALSE, TRUE, sizeof (double), horizon);

  /* the rooms available each night */
  for (guint i = 0; i < horizon; i++)
    {
      TdDateRange night = { today + i, today + i + 1 };

      g_ptr_array_add (days, _td_kpi_figures_new (&night));
    }
  currency = _td_kpi_currency (db, NULL);
  if (!_td_kpi_fill (db, property_id, currency, (TdKpiFigures **) days->pdata, days->len, error))
    return NULL;

  /* the history window and the nights ahead, as booked by today */
  first = today > history + 1 ? today - history : 1;
  recent = read_books (db, property_id, first, today + horizon, today, error);
  if (recent == NULL)
    return NULL;
  /* a year before: the same nights, as booked by then and in the end */
  year_ago = today > YEAR_AGO + 1 ? read_books (db, property_id, today - YEAR_AGO, today - YEAR_AGO + horizon, today, error)
                                  : g_ptr_array_new ();
  if (year_ago == NULL)
    return NULL;

  /* pick-up by lead: the average over the past nights that had bookings */
  for (guint lead = 0; lead < horizon; lead++)
    {
      double sum = 0;
      guint used = 0;

      for (guint32 m = first; m < today; m++)
        {
          GArray *booked = g_ptr_array_index (recent, m - first);

          if (booked->len == 0)
            continue;
          sum += (double) (on_books_as_of (booked, today) - (m > lead ? on_books_as_of (booked, m - lead) : 0));
          used++;
        }
      if (lead == 0)
        forecast->history_used = used;
      sum = used ? sum / used : 0;
      g_array_append_val (forecast->pickup, sum);
    }

  for (guint i = 0; i < horizon; i++)
    {
      TdKpiFigures *f = g_ptr_array_index (days, i);
      TdForecastNight night = { 0 };

      night.night = today + i;
      night.available = f->available;
      night.on_books = on_books_as_of (g_ptr_array_index (recent, today + i - first), today);
      night.pickup = g_array_index (forecast->pickup, double, i);
      night.forecast = CLAMP ((double) night.on_books + night.pickup, 0.0, (double) MAX (night.available, 0));
      if (i < year_ago->len)
        {
          GArray *booked = g_ptr_array_index (year_ago, i);

          night.last_year = on_books_as_of (booked, today - YEAR_AGO);
          night.last_year_final = on_books_as_of (booked, today);
        }
      g_array_append_val (forecast->nights, night);
    }
  return g_steal_pointer (&forecast);
}

double
td_forecast_occupancy (const TdForecast *forecast,
                       guint             days)
{
  double sold = 0;
  gint64 available = 0;

  for (guint i = 0; i < days && i < forecast->nights->len; i++)
    {
      TdForecastNight *n = &g_array_index (forecast->nights, TdForecastNight, i);

      sold += n->forecast;
      available += n->available;
    }
  return available > 0 ? sold / (double) available : NAN;
}

double
td_forecast_on_books (const TdForecast *forecast,
                      guint             days)
{
  gint64 sold = 0, available = 0;

  for (guint i = 0; i < days && i < forecast->nights->len; i++)
    {
      TdForecastNight *n = &g_array_index (forecast->nights, TdForecastNight, i);

      sold += MIN (n->on_books, MAX (n->available, 0));
      available += n->available;
    }
  return available > 0 ? (double) sold / (double) available : NAN;
}

gint64
td_forecast_sum_on_books (const TdForecast *forecast,
                          guint             days)
{
  gint64 sum = 0;

  for (guint i = 0; i < days && i < forecast->nights->len; i++)
    sum += g_array_index (forecast->nights, TdForecastNight, i).on_books;
  return sum;
}

gint64
td_forecast_sum_last_year (const TdForecast *forecast,
                           guint             days)
{
  gint64 sum = 0;

  for (guint i = 0; i < days && i < forecast->nights->len; i++)
    sum += g_array_index (forecast->nights, TdForecastNight, i).last_year;
  return sum;
}

char *
td_forecast_explain (const TdForecast *forecast)
{
  double at_30 = forecast->pickup->len > 30 ? g_array_index (forecast->pickup, double, 30) : NAN;
  double at_7 = forecast->pickup->len > 7 ? g_array_index (forecast->pickup, double, 7) : NAN;

  return g_strdup_printf (_("The forecast adds to what is on the books for each night (bookings made by today, "
                            "less cancellations) the rooms usually still booked at that distance from the night: "
                            "the average pick-up of the last %u nights (%u of them had bookings). A night 30 days "
                            "ahead usually gains %.1f more room-nights, a night 7 days ahead %.1f. The forecast "
                            "never exceeds the rooms available (out-of-order rooms excluded)."),
                          forecast->history_nights, forecast->history_used,
                          isnan (at_30) ? 0.0 : at_30, isnan (at_7) ? 0.0 : at_7);
}
