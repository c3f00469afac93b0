/* td-daily-report.c: the night audit for one date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "td-csv.h"
#include "td-database-private.h"
#include "td-daily-report.h"
#include "td-kpi-private.h"

void
td_daily_report_free (TdDailyReport *report)
{
  if (report == NULL)
    return;
  g_free (report->property_id);
  td_kpi_figures_free (report->figures);
  g_clear_pointer (&report->arrivals, g_ptr_array_unref);
  g_clear_pointer (&report->departures, g_ptr_array_unref);
  g_clear_pointer (&report->in_house, g_ptr_array_unref);
  g_clear_pointer (&report->no_shows, g_ptr_array_unref);
  g_clear_pointer (&report->stays, g_ptr_array_unref);
  g_free (report);
}

static gboolean
is_sold (TdStayState state)
{
  return state == TD_STAY_CONFIRMED || state == TD_STAY_CHECKED_IN || state == TD_STAY_CHECKED_OUT;
}

/* the live hotels' ids, by name (the order td_stays_list() gives) */
static GPtrArray *
property_ids (TdDatabase  *db,
              GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT id FROM properties WHERE deleted = 0 ORDER BY name, id", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&ids);
}

TdDailyReport *
td_daily_report_build (TdDatabase  *db,
                       const char  *property_id,
                       guint32      date,
                       GError     **error)
{
  g_autoptr(TdDailyReport) report = g_new0 (TdDailyReport, 1);
  g_autofree char *currency = NULL;
  TdStayFilter filter = { 0 };
  TdDateRange night = { date, date + 1 };

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (date <= 1)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("The report needs a date"));
      return NULL;
    }
  report->date = date;
  report->property_id = g_strdup (property_id);
  currency = _td_kpi_currency (db, NULL);
  g_strlcpy (report->currency, currency, sizeof report->currency);
  report->figures = _td_kpi_figures_new (&night);
  if (!_td_kpi_fill (db, property_id, currency, &report->figures, 1, error))
    return NULL;

  /* the stays of the day before to the day after: those leaving today,
   * staying tonight or arriving today */
  filter.dates.start = date - 1;
  filter.dates.end = date + 1;
  if (property_id)
    {
      filter.property_id = property_id;
      report->stays = td_stays_list (db, &filter, error);
      if (report->stays == NULL)
        return NULL;
    }
  else
    {
      /* hotel by hotel: each list is found through the hotel's index on
       * the stays' dates, where all of them at once would read every stay */
      g_autoptr(GPtrArray) ids = property_ids (db, error);

      if (ids == NULL)
        return NULL;
      report->stays = g_ptr_array_new_with_free_func ((GDestroyNotify) td_stay_free);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(GPtrArray) stays = NULL;

          filter.property_id = g_ptr_array_index (ids, i);
          stays = td_stays_list (db, &filter, error);
          if (stays == NULL)
            return NULL;
          g_ptr_array_set_free_func (stays, NULL);
          g_ptr_array_extend_and_steal (report->stays, g_steal_pointer (&stays));
        }
    }
  report->arrivals = g_ptr_array_new ();
  report->departures = g_ptr_array_new ();
  report->in_house = g_ptr_array_new ();
  report->no_shows = g_ptr_array_new ();
  for (guint i = 0; i < report->stays->len; i++)
    {
      TdStay *stay = g_ptr_array_index (report->stays, i);

      /* the part of a stay after a room move arrives from another room */
      if (stay->dates.start == date && stay->moved_from == NULL)
        {
          if (stay->state == TD_STAY_NO_SHOW)
            g_ptr_array_add (report->no_shows, stay);
          else if (stay->state != TD_STAY_CANCELLED)
            g_ptr_array_add (report->arrivals, stay);
        }
      if (stay->dates.end == date && is_sold (stay->state))
        g_ptr_array_add (report->departures, stay);
      if (td_date_range_contains (&stay->dates, date) && is_sold (stay->state))
        g_ptr_array_add (report->in_house, stay);
    }
  return g_steal_pointer (&report);
}

typedef struct {
  char    *property_id;
  guint32  date;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_free (data->property_id);
  g_free (data);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  GError *error = NULL;
  TdDailyReport *report = td_daily_report_build (source_object, data->property_id, data->date, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) td_daily_report_free);
}

void
td_daily_report_build_async (TdDatabase          *db,
                             const char          *property_id,
                             guint32              date,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildData *data = g_new0 (BuildData, 1);

  g_return_if_fail (TD_IS_DATABASE (db));

  data->property_id = g_strdup (property_id);
  data->date = date;
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_daily_report_build_async);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_thread);
}

TdDailyReport *
td_daily_report_build_finish (TdDatabase    *db,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* output                                                             */

static void
add_stays (JsonBuilder *b,
           const char  *member,
           GPtrArray   *stays)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < stays->len; i++)
    {
      TdStay *stay = g_ptr_array_index (stays, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, stay->id);
      json_builder_set_member_name (b, "property");
      json_builder_add_string_value (b, stay->property_name);
      json_builder_set_member_name (b, "room");
      json_builder_add_string_value (b, stay->room_number);
      json_builder_set_member_name (b, "guest");
      json_builder_add_string_value (b, stay->guest_name);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, stay->source);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, td_stay_state_to_string (stay->state));
      _td_kpi_json_add_day (b, "arrival", stay->dates.start);
      _td_kpi_json_add_day (b, "departure", stay->dates.end);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
td_daily_report_to_json (const TdDailyReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const TdKpiFigures *f = report->figures;
  double occupancy = td_kpi_figures_occupancy (f);

  json_builder_begin_object (b);
  _td_kpi_json_add_day (b, "date", report->date);
  if (report->property_id)
    {
      json_builder_set_member_name (b, "property_id");
      json_builder_add_string_value (b, report->property_id);
    }
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, report->currency);
  _td_kpi_json_add_int (b, "arrivals", report->arrivals->len);
  _td_kpi_json_add_int (b, "departures", report->departures->len);
  _td_kpi_json_add_int (b, "in_house", report->in_house->len);
  _td_kpi_json_add_int (b, "no_shows", report->no_shows->len);
  _td_kpi_json_add_int (b, "rooms", f->rooms);
  _td_kpi_json_add_int (b, "out_of_order", f->out_of_order);
  _td_kpi_json_add_int (b, "available", f->available);
  _td_kpi_json_add_int (b, "sold", f->sold);
  _td_kpi_json_add_number (b, "occupancy", occupancy);
  _td_kpi_json_add_int (b, "revenue", f->revenue);
  _td_kpi_json_add_int (b, "adr", td_kpi_figures_adr (f));
  _td_kpi_json_add_int (b, "revpar", td_kpi_figures_revpar (f));
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
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "lists");
  json_builder_begin_object (b);
  add_stays (b, "arrivals", report->arrivals);
  add_stays (b, "departures", report->departures);
  add_stays (b, "in_house", report->in_house);
  add_stays (b, "no_shows", report->no_shows);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* money for a spreadsheet: the plain decimal number */
static char *
decimal_text (gint64      minor,
              const char *currency)
{
  TdMoney money;

  if (!td_money_init (&money, minor, currency, NULL))
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);
  return td_money_to_decimal (&money);
}

static void
csv_row (GString    *out,
         const char *a,
         const char *b)
{
  const char *values[] = { a, b };

  td_csv_append_record (out, values, 2, ',');
}

static void
csv_stays (GString    *out,
           const char *list,
           GPtrArray  *stays)
{
  for (guint i = 0; i < stays->len; i++)
    {
      TdStay *stay = g_ptr_array_index (stays, i);
      g_autofree char *arrival = td_date_format_iso (stay->dates.start);
      g_autofree char *departure = td_date_format_iso (stay->dates.end);
      const char *values[] = {
        list, stay->property_name, stay->room_number, stay->guest_name,
        td_kpi_source_title (stay->source), td_stay_state_get_title (stay->state), arrival, departure,
      };

      td_csv_append_record (out, values, G_N_ELEMENTS (values), ',');
    }
}

char *
td_daily_report_to_csv (const TdDailyReport *report)
{
  GString *out = g_string_new (TD_CSV_BOM);
  const TdKpiFigures *f = report->figures;
  double occupancy = td_kpi_figures_occupancy (f);
  g_autofree char *date = td_date_format_iso (report->date);
  g_autofree char *occ = isnan (occupancy) ? g_strdup ("") : g_strdup_printf ("%.1f", occupancy * 100.0);
  g_autofree char *revenue = decimal_text (f->revenue, report->currency);
  g_autofree char *adr = decimal_text (td_kpi_figures_adr (f), report->currency);
  g_autofree char *revpar = decimal_text (td_kpi_figures_revpar (f), report->currency);
  char number[32];
  const char *header[] = {
    C_("csv column", "List"), C_("csv column", "Hotel"), C_("csv column", "Room"), C_("csv column", "Guest"),
    C_("csv column", "Source"), C_("csv column", "State"), C_("csv column", "Arrival"), C_("csv column", "Departure"),
  };

  csv_row (out, _("Date"), date);
  csv_row (out, _("Currency"), report->currency);
#define ROW(label, value) \
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, (gint64) (value)); \
  csv_row (out, label, number)
  ROW (_("Arrivals"), report->arrivals->len);
  ROW (_("Departures"), report->departures->len);
  ROW (_("In house"), report->in_house->len);
  ROW (_("No-shows"), report->no_shows->len);
  ROW (_("Rooms"), f->rooms);
  ROW (_("Out of order"), f->out_of_order);
  ROW (_("Rooms available"), f->available);
  ROW (_("Rooms sold"), f->sold);
#undef ROW
  csv_row (out, _("Occupancy (%)"), occ);
  csv_row (out, _("Room revenue"), revenue);
  csv_row (out, _("ADR"), adr);
  csv_row (out, _("RevPAR"), revpar);
  for (guint i = 0; i < f->sources->len; i++)
    {
      TdKpiSource *s = g_ptr_array_index (f->sources, i);
      g_autofree char *label = g_strdup_printf (_("Revenue: %s"), td_kpi_source_title (s->source));
      g_autofree char *value = decimal_text (s->revenue, report->currency);

      csv_row (out, label, value);
    }
  g_string_append (out, "\r\n");
  td_csv_append_record (out, header, G_N_ELEMENTS (header), ',');
  csv_stays (out, _("Arrival"), report->arrivals);
  csv_stays (out, _("Departure"), report->departures);
  csv_stays (out, _("In house"), report->in_house);
  csv_stays (out, _("No-show"), report->no_shows);
  return g_string_free (out, FALSE);
}
