/* td-analytics-charts.c: the charts of the Analytics area, and its PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "td-analytics-charts.h"

static char *
step_label (guint32   start,
            TdKpiStep step)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, start);
  if (step == TD_KPI_STEP_MONTH)
    return g_strdup_printf ("%04u-%02u", g_date_get_year (&date), g_date_get_month (&date));
  return g_strdup_printf ("%02u-%02u", g_date_get_month (&date), g_date_get_day (&date));
}

static void
add_step_categories (TdChartData *chart,
                     GPtrArray   *series,
                     TdKpiStep    step)
{
  for (guint i = 0; i < series->len; i++)
    {
      g_autofree char *label = step_label (((TdKpiFigures *) series->pdata[i])->dates.start, step);

      td_chart_data_add_category (chart, label);
    }
}

typedef double (*Measure) (const TdKpiFigures *figures);

static double measure_revenue (const TdKpiFigures *f) { return (double) f->revenue; }
static double measure_bookings (const TdKpiFigures *f) { return (double) f->bookings; }
static double measure_occupancy (const TdKpiFigures *f) { return td_kpi_figures_occupancy (f); }
static double measure_adr (const TdKpiFigures *f) { return f->sold > 0 ? (double) td_kpi_figures_adr (f) : NAN; }
static double measure_revpar (const TdKpiFigures *f) { return f->available > 0 ? (double) td_kpi_figures_revpar (f) : NAN; }
static double measure_lead (const TdKpiFigures *f) { return td_kpi_figures_lead_time (f); }
static double measure_cancel (const TdKpiFigures *f) { return td_kpi_figures_cancellation_rate (f); }
static double measure_nps (const TdKpiFigures *f) { return td_kpi_figures_nps (f); }
static double
measure_no_show (const TdKpiFigures *f)
{
  return f->bookings > 0 ? (double) f->no_shows / (double) f->bookings : NAN;
}

/* a series of one measure over figures (n values; missing ones NAN) */
static void
add_measure (TdChartData *chart,
             const char  *name,
             GPtrArray   *figures,
             guint        n,
             Measure      measure,
             gboolean     dashed)
{
  g_autofree double *values = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    values[i] = i < figures->len ? measure (g_ptr_array_index (figures, i)) : NAN;
  td_chart_data_add_series (chart, name, values, dashed);
}

static void
add_property_measure (TdChartData *chart,
                      const char  *name,
                      GPtrArray   *properties,
                      Measure      measure)
{
  g_autofree double *values = g_new (double, MAX (properties->len, 1));

  for (guint i = 0; i < properties->len; i++)
    values[i] = measure (((TdKpiProperty *) properties->pdata[i])->figures);
  td_chart_data_add_series (chart, name, values, FALSE);
}

GPtrArray *
td_analytics_charts_build (const TdKpiDashboard *d)
{
  GPtrArray *charts = g_ptr_array_new_with_free_func ((GDestroyNotify) td_chart_data_unref);
  const char * const *sources = td_kpi_sources ();
  guint n = d->series->len;
  TdChartData *c;

  /* revenue and bookings over time, with the previous period */
  c = td_chart_data_new (TD_CHART_LINE, _("Room revenue"), TD_CHART_VALUE_MONEY, d->currency);
  add_step_categories (c, d->series, d->step);
  add_measure (c, _("This period"), d->series, n, measure_revenue, FALSE);
  add_measure (c, _("Previous period"), d->previous_series, n, measure_revenue, TRUE);
  g_ptr_array_add (charts, c);

  c = td_chart_data_new (TD_CHART_BAR, _("Bookings by arrival"), TD_CHART_VALUE_COUNT, d->currency);
  add_step_categories (c, d->series, d->step);
  add_measure (c, _("This period"), d->series, n, measure_bookings, FALSE);
  add_measure (c, _("Previous period"), d->previous_series, n, measure_bookings, TRUE);
  g_ptr_array_add (charts, c);

  /* by source */
  c = td_chart_data_new (TD_CHART_STACKED, _("Revenue by source"), TD_CHART_VALUE_MONEY, d->currency);
  add_step_categories (c, d->series, d->step);
  for (guint s = 0; sources[s]; s++)
    {
      g_autofree double *values = g_new (double, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        {
          TdKpiFigures *f = g_ptr_array_index (d->series, i);

          values[i] = 0;
          for (guint k = 0; k < f->sources->len; k++)
            if (g_str_equal (((TdKpiSource *) f->sources->pdata[k])->source, sources[s]))
              values[i] = (double) ((TdKpiSource *) f->sources->pdata[k])->revenue;
        }
      td_chart_data_add_series (c, td_kpi_source_title (sources[s]), values, FALSE);
    }
  g_ptr_array_add (charts, c);

  c = td_chart_data_new (TD_CHART_PIE, _("Share of revenue by source"), TD_CHART_VALUE_MONEY, d->currency);
  {
    GPtrArray *list = d->report->current->sources;
    g_autofree double *values = g_new (double, MAX (list->len, 1));

    for (guint k = 0; k < list->len; k++)
      {
        TdKpiSource *s = g_ptr_array_index (list, k);

        td_chart_data_add_category (c, td_kpi_source_title (s->source));
        values[k] = (double) s->revenue;
      }
    td_chart_data_add_series (c, _("Room revenue"), values, FALSE);
  }
  g_ptr_array_add (charts, c);

  /* by hotel */
  c = td_chart_data_new (TD_CHART_BAR, _("Occupancy by hotel"), TD_CHART_VALUE_RATIO, d->currency);
  for (guint i = 0; i < d->by_property->len; i++)
    td_chart_data_add_category (c, ((TdKpiProperty *) d->by_property->pdata[i])->property_name);
  add_property_measure (c, _("Occupancy"), d->by_property, measure_occupancy);
  g_ptr_array_add (charts, c);

  c = td_chart_data_new (TD_CHART_BAR, _("ADR and RevPAR by hotel"), TD_CHART_VALUE_MONEY, d->currency);
  for (guint i = 0; i < d->by_property->len; i++)
    td_chart_data_add_category (c, ((TdKpiProperty *) d->by_property->pdata[i])->property_name);
  add_property_measure (c, _("ADR"), d->by_property, measure_adr);
  add_property_measure (c, _("RevPAR"), d->by_property, measure_revpar);
  g_ptr_array_add (charts, c);

  /* the last twelve months */
  c = td_chart_data_new (TD_CHART_LINE, _("Occupancy by month"), TD_CHART_VALUE_RATIO, d->currency);
  add_step_categories (c, d->months, TD_KPI_STEP_MONTH);
  add_measure (c, _("Occupancy"), d->months, d->months->len, measure_occupancy, FALSE);
  g_ptr_array_add (charts, c);

  c = td_chart_data_new (TD_CHART_LINE, _("ADR and RevPAR by month"), TD_CHART_VALUE_MONEY, d->currency);
  add_step_categories (c, d->months, TD_KPI_STEP_MONTH);
  add_measure (c, _("ADR"), d->months, d->months->len, measure_adr, FALSE);
  add_measure (c, _("RevPAR"), d->months, d->months->len, measure_revpar, FALSE);
  g_ptr_array_add (charts, c);

  /* pace: the next 90 nights, as booked today and a year before */
  c = td_chart_data_new (TD_CHART_LINE, _("Pace: room-nights on the books"), TD_CHART_VALUE_COUNT, d->currency);
  {
    GArray *nights = d->forecast->nights;
    g_autofree double *now = g_new (double, MAX (nights->len, 1));
    g_autofree double *then = g_new (double, MAX (nights->len, 1));

    for (guint i = 0; i < nights->len; i++)
      {
        TdForecastNight *night = &g_array_index (nights, TdForecastNight, i);
        g_autofree char *label = step_label (night->night, TD_KPI_STEP_DAY);

        td_chart_data_add_category (c, label);
        now[i] = (double) night->on_books;
        then[i] = (double) night->last_year;
      }
    td_chart_data_add_series (c, _("On the books today"), now, FALSE);
    td_chart_data_add_series (c, _("Same time last year"), then, TRUE);
  }
  g_ptr_array_add (charts, c);

  c = td_chart_data_new (TD_CHART_BAR, _("Average lead time by month"), TD_CHART_VALUE_DAYS, d->currency);
  add_step_categories (c, d->months, TD_KPI_STEP_MONTH);
  add_measure (c, _("Lead time"), d->months, d->months->len, measure_lead, FALSE);
  g_ptr_array_add (charts, c);

  c = td_chart_data_new (TD_CHART_LINE, _("Cancellations and no-shows"), TD_CHART_VALUE_RATIO, d->currency);
  add_step_categories (c, d->months, TD_KPI_STEP_MONTH);
  add_measure (c, _("Cancellation rate"), d->months, d->months->len, measure_cancel, FALSE);
  add_measure (c, _("No-show rate"), d->months, d->months->len, measure_no_show, FALSE);
  g_ptr_array_add (charts, c);

  c = td_chart_data_new (TD_CHART_BAR, _("NPS by month"), TD_CHART_VALUE_SCORE, d->currency);
  add_step_categories (c, d->months, TD_KPI_STEP_MONTH);
  add_measure (c, _("NPS"), d->months, d->months->len, measure_nps, FALSE);
  g_ptr_array_add (charts, c);

  c = td_chart_data_new (TD_CHART_LINE, _("Occupancy forecast, next 90 days"), TD_CHART_VALUE_RATIO, d->currency);
  {
    GArray *nights = d->forecast->nights;
    g_autofree double *books = g_new (double, MAX (nights->len, 1));
    g_autofree double *forecast = g_new (double, MAX (nights->len, 1));

    for (guint i = 0; i < nights->len; i++)
      {
        TdForecastNight *night = &g_array_index (nights, TdForecastNight, i);
        g_autofree char *label = step_label (night->night, TD_KPI_STEP_DAY);

        td_chart_data_add_category (c, label);
        books[i] = night->available > 0 ? (double) MIN (night->on_books, night->available) / night->available : NAN;
        forecast[i] = night->available > 0 ? night->forecast / night->available : NAN;
      }
    td_chart_data_add_series (c, _("Forecast"), forecast, FALSE);
    td_chart_data_add_series (c, _("On the books"), books, TRUE);
  }
  g_ptr_array_add (charts, c);

  g_assert (charts->len == TD_ANALYTICS_N_CHARTS);
  return charts;
}

static char *
percent (double ratio)
{
  return isnan (ratio) ? g_strdup ("—") : g_strdup_printf ("%.0f %%", ratio * 100.0);
}

char *
td_analytics_forecast_summary (const TdKpiDashboard *d)
{
  g_autofree char *a = percent (td_forecast_occupancy (d->forecast, 30));
  g_autofree char *b = percent (td_forecast_occupancy (d->forecast, 60));
  g_autofree char *c = percent (td_forecast_occupancy (d->forecast, 90));
  g_autofree char *books = percent (td_forecast_on_books (d->forecast, 30));

  /* TRANSLATORS: the forecast occupancy over 30, 60 and 90 days, then what is on the books for 30 */
  return g_strdup_printf (_("Forecast occupancy: next 30 days %s · 60 days %s · 90 days %s (on the books for 30 days: %s)"),
                          a, b, c, books);
}

TdDocument *
td_analytics_document_new (const TdKpiDashboard *d,
                           GPtrArray            *charts,
                           const char           *scope)
{
  TdDocument *doc = td_document_new (_("Analytics"));
  const TdKpiFigures *now = d->report->current, *before = d->report->previous;
  g_autofree char *from = td_date_format_iso (d->dates.start);
  g_autofree char *to = td_date_format_iso (d->dates.end - 1);
  g_autofree char *b_from = td_date_format_iso (before->dates.start);
  g_autofree char *b_to = td_date_format_iso (before->dates.end - 1);
  g_autofree char *period = g_strdup_printf ("%s – %s", from, to);
  g_autofree char *previous = g_strdup_printf ("%s – %s", b_from, b_to);
  const char *headers[] = { C_("report column", "Figure"), C_("report column", "This period"), C_("report column", "Previous period") };
  const TdDocumentAlign align[] = { TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_END, TD_DOCUMENT_ALIGN_END };
  const char *fields[] = { C_("report field", "Hotel"), scope, _("Period"), period, _("Compared with"), previous, NULL };
  g_autofree char *forecast = td_analytics_forecast_summary (d);
  g_autofree char *method = td_forecast_explain (d->forecast);

  td_document_add_heading (doc, _("Analytics"));
  td_document_add_fields (doc, fields);
  td_document_begin_table (doc, 3, headers, align, NULL);
#define ROW(label, a, b) \
  G_STMT_START { \
    g_autofree char *x = (a); \
    g_autofree char *y = (b); \
    const char *cells[] = { label, x, y }; \
    td_document_add_row (doc, cells); \
  } G_STMT_END
  ROW (_("Occupancy"), td_kpi_format_ratio (td_kpi_figures_occupancy (now)), td_kpi_format_ratio (td_kpi_figures_occupancy (before)));
  ROW (_("ADR"), td_kpi_format_money (td_kpi_figures_adr (now), d->currency), td_kpi_format_money (td_kpi_figures_adr (before), d->currency));
  ROW (_("RevPAR"), td_kpi_format_money (td_kpi_figures_revpar (now), d->currency), td_kpi_format_money (td_kpi_figures_revpar (before), d->currency));
  ROW (_("Room revenue"), td_kpi_format_money (now->revenue, d->currency), td_kpi_format_money (before->revenue, d->currency));
  ROW (_("Bookings"), g_strdup_printf ("%" G_GINT64_FORMAT, now->bookings), g_strdup_printf ("%" G_GINT64_FORMAT, before->bookings));
  ROW (_("Cancellation rate"), td_kpi_format_ratio (td_kpi_figures_cancellation_rate (now)),
       td_kpi_format_ratio (td_kpi_figures_cancellation_rate (before)));
  ROW (_("No-shows"), g_strdup_printf ("%" G_GINT64_FORMAT, now->no_shows), g_strdup_printf ("%" G_GINT64_FORMAT, before->no_shows));
  ROW (_("Lead time (days)"),
       isnan (td_kpi_figures_lead_time (now)) ? g_strdup ("—") : g_strdup_printf ("%.1f", td_kpi_figures_lead_time (now)),
       isnan (td_kpi_figures_lead_time (before)) ? g_strdup ("—") : g_strdup_printf ("%.1f", td_kpi_figures_lead_time (before)));
  ROW (_("NPS"),
       isnan (td_kpi_figures_nps (now)) ? g_strdup ("—") : g_strdup_printf ("%+.0f", td_kpi_figures_nps (now)),
       isnan (td_kpi_figures_nps (before)) ? g_strdup ("—") : g_strdup_printf ("%+.0f", td_kpi_figures_nps (before)));
#undef ROW
  td_document_end_table (doc);
  td_document_add_paragraph (doc, forecast);
  td_document_add_note (doc, method);

  /* each chart an image with its title in it: a page never parts them */
  for (guint i = 0; i < charts->len; i++)
    {
      TdChartData *chart = g_ptr_array_index (charts, i);
      cairo_surface_t *body = td_chart_data_render (chart, 520, 200, 2.0);
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1040, 456);
      cairo_t *cr = cairo_create (image);
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans Bold 11");

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, 2, 2);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, td_chart_data_get_title (chart), -1);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, 0, 4);
      pango_cairo_show_layout (cr, layout);
      cairo_scale (cr, 0.5, 0.5);
      cairo_set_source_surface (cr, body, 0, 56);
      cairo_paint (cr);
      pango_font_description_free (font);
      g_object_unref (layout);
      cairo_destroy (cr);
      td_document_add_space (doc, 8);
      td_document_add_image (doc, image, 520, TD_DOCUMENT_ALIGN_START);
      cairo_surface_destroy (body);
      cairo_surface_destroy (image);
    }
  return doc;
}
