/* td-analytics-page.c: the Analytics area: key figures and charts
 *
 * Everything is read by td_kpi_dashboard_load_async() in a worker thread;
 * the charts (td-analytics-charts.c) are TdChartCards, each exporting its
 * values as CSV; the whole dashboard prints to a PDF written off the main
 * loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "td-analytics-charts.h"
#include "td-analytics-page.h"
#include "td-area.h"
#include "td-chart-card.h"

typedef enum {
  FIGURE_OCCUPANCY,
  FIGURE_ADR,
  FIGURE_REVPAR,
  FIGURE_REVENUE,
  FIGURE_BOOKINGS,
  FIGURE_CANCELLATIONS,
  FIGURE_LEAD_TIME,
  FIGURE_NPS,
  N_FIGURES
} Figure;

struct _TdAnalyticsPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *root_box;
  GtkDropDown    *period_dropdown;
  GtkDropDown    *property_dropdown;
  GtkStringList  *property_names;
  GtkLabel       *period_label;
  GtkSpinner     *spinner;
  GtkButton      *pdf_button;
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkFlowBox     *figures_box;
  GtkFlowBox     *sales_box;
  GtkFlowBox     *rooms_box;
  GtkFlowBox     *outlook_box;
  GtkFlowBox     *guests_box;
  GtkLabel       *forecast_label;
  GtkLabel       *method_label;
  GtkWidget      *dates_button;    /* "Change Dates…", with chosen dates */

  GtkWidget      *figure_tiles[N_FIGURES];
  GtkLabel       *figure_values[N_FIGURES];
  GtkLabel       *figure_changes[N_FIGURES];
  TdChartCard    *cards[TD_ANALYTICS_N_CHARTS];

  TdDatabase     *database;
  TdKpiDashboard *dashboard;
  TdDateRange     custom;          /* the dates chosen; start 0: none yet */
  guint           period;          /* the period shown, to go back to */
  GPtrArray      *charts;
  GPtrArray      *property_ids;   /* char*: NULL first (every hotel) */
  gboolean        filling_properties;
  GCancellable   *cancellable;
  GCancellable   *pdf_cancellable;
  GtkNativeDialog *chooser;
};

static void td_area_iface_init (TdAreaInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdAnalyticsPage, td_analytics_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_AREA, td_area_iface_init))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_LOADING,
};

static const char *
figure_title (Figure figure)
{
  switch (figure)
    {
    case FIGURE_OCCUPANCY: return _("Occupancy");
    case FIGURE_ADR: return _("ADR");
    case FIGURE_REVPAR: return _("RevPAR");
    case FIGURE_REVENUE: return _("Room revenue");
    case FIGURE_BOOKINGS: return _("Bookings");
    case FIGURE_CANCELLATIONS: return _("Cancellation rate");
    case FIGURE_LEAD_TIME: return _("Lead time");
    case FIGURE_NPS: return _("NPS");
    case N_FIGURES:
    default:
      g_assert_not_reached ();
    }
}

/* which chart goes in which section, in order */
static const struct {
  TdAnalyticsChart chart;
  int              box;   /* 0 sales, 1 rooms, 2 outlook, 3 guests */
} chart_places[] = {
  { TD_ANALYTICS_REVENUE, 0 },
  { TD_ANALYTICS_BOOKINGS, 0 },
  { TD_ANALYTICS_SOURCES, 0 },
  { TD_ANALYTICS_SOURCE_SHARE, 0 },
  { TD_ANALYTICS_PROPERTY_OCCUPANCY, 1 },
  { TD_ANALYTICS_PROPERTY_RATES, 1 },
  { TD_ANALYTICS_MONTH_OCCUPANCY, 1 },
  { TD_ANALYTICS_MONTH_RATES, 1 },
  { TD_ANALYTICS_FORECAST, 2 },
  { TD_ANALYTICS_PACE, 2 },
  { TD_ANALYTICS_CANCELLATIONS, 3 },
  { TD_ANALYTICS_LEAD_TIME, 3 },
  { TD_ANALYTICS_NPS, 3 },
};

TdDateRange
td_analytics_period_dates (TdAnalyticsPeriod period,
                           guint32           today)
{
  TdDateRange dates = { today - 30, today };
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, today);
  switch (period)
    {
    case TD_ANALYTICS_PERIOD_LAST_30_DAYS:
      break;
    case TD_ANALYTICS_PERIOD_THIS_MONTH:
      g_date_set_day (&date, 1);
      dates.start = g_date_get_julian (&date);
      g_date_add_months (&date, 1);
      dates.end = g_date_get_julian (&date);
      break;
    case TD_ANALYTICS_PERIOD_LAST_MONTH:
      g_date_set_day (&date, 1);
      dates.end = g_date_get_julian (&date);
      g_date_subtract_months (&date, 1);
      dates.start = g_date_get_julian (&date);
      break;
    case TD_ANALYTICS_PERIOD_LAST_90_DAYS:
      dates.start = today - 90;
      break;
    case TD_ANALYTICS_PERIOD_THIS_YEAR:
      g_date_set_day (&date, 1);
      g_date_set_month (&date, G_DATE_JANUARY);
      dates.start = g_date_get_julian (&date);
      g_date_add_years (&date, 1);
      dates.end = g_date_get_julian (&date);
      break;
    case TD_ANALYTICS_PERIOD_CUSTOM:
      /* the page keeps the dates chosen; without them, the last 30 days */
      break;
    case TD_ANALYTICS_PERIOD_LAST_12_MONTHS:
      /* the twelve whole months before this one */
      g_date_set_day (&date, 1);
      dates.end = g_date_get_julian (&date);
      g_date_subtract_months (&date, 12);
      dates.start = g_date_get_julian (&date);
      break;
    default:
      g_assert_not_reached ();
    }
  return dates;
}

/* ------------------------------------------------------------------ */
/* showing                                                            */

static char *
relative_change (double now,
                 double before)
{
  if (isnan (now) || isnan (before) || before == 0)
    return g_strdup (_("No previous figure"));
  /* TRANSLATORS: a change against the previous period, in per cent */
  return g_strdup_printf (_("%+.1f %% on the previous period"), (now - before) / fabs (before) * 100.0);
}

static char *
points_change (double now,
               double before)
{
  if (isnan (now) || isnan (before))
    return g_strdup (_("No previous figure"));
  /* TRANSLATORS: a change of a rate against the previous period, in percentage points */
  return g_strdup_printf (_("%+.1f points on the previous period"), (now - before) * 100.0);
}

static void
set_figure (TdAnalyticsPage *self,
            Figure           figure,
            char            *value,
            char            *change,
            const char      *tooltip)
{
  g_autofree char *v = value;
  g_autofree char *c = change;
  g_autofree char *label = g_strdup_printf ("%s: %s, %s", figure_title (figure), v, c);

  gtk_label_set_text (self->figure_values[figure], v);
  gtk_label_set_text (self->figure_changes[figure], c);
  gtk_widget_set_tooltip_text (self->figure_tiles[figure], tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->figure_tiles[figure]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
show_figures (TdAnalyticsPage      *self,
              const TdKpiDashboard *d)
{
  const TdKpiFigures *now = d->report->current, *before = d->report->previous;
  g_autofree char *explain = td_kpi_explain_occupancy (now);
  double lead = td_kpi_figures_lead_time (now), lead_before = td_kpi_figures_lead_time (before);
  double nps = td_kpi_figures_nps (now), nps_before = td_kpi_figures_nps (before);

  set_figure (self, FIGURE_OCCUPANCY, td_kpi_format_ratio (td_kpi_figures_occupancy (now)),
              points_change (td_kpi_figures_occupancy (now), td_kpi_figures_occupancy (before)), explain);
  set_figure (self, FIGURE_ADR, td_kpi_format_money (td_kpi_figures_adr (now), d->currency),
              relative_change (td_kpi_figures_adr (now), td_kpi_figures_adr (before)),
              _("Average daily rate: the room revenue per room-night sold"));
  set_figure (self, FIGURE_REVPAR, td_kpi_format_money (td_kpi_figures_revpar (now), d->currency),
              relative_change (td_kpi_figures_revpar (now), td_kpi_figures_revpar (before)),
              _("Revenue per available room: the room revenue per room-night available"));
  set_figure (self, FIGURE_REVENUE, td_kpi_format_money (now->revenue, d->currency),
              relative_change (now->revenue, before->revenue),
              _("The prices of the room-nights sold in the period, as stored on the stays"));
  set_figure (self, FIGURE_BOOKINGS, g_strdup_printf ("%" G_GINT64_FORMAT, now->bookings),
              relative_change (now->bookings, before->bookings),
              _("Stays arriving in the period, whatever became of them"));
  set_figure (self, FIGURE_CANCELLATIONS, td_kpi_format_ratio (td_kpi_figures_cancellation_rate (now)),
              points_change (td_kpi_figures_cancellation_rate (now), td_kpi_figures_cancellation_rate (before)),
              _("Cancelled stays among the bookings arriving in the period"));
  set_figure (self, FIGURE_LEAD_TIME,
              isnan (lead) ? g_strdup ("—") : g_strdup_printf (_("%.1f days"), lead),
              isnan (lead) || isnan (lead_before) ? g_strdup (_("No previous figure"))
                                                  : g_strdup_printf (_("%+.1f days on the previous period"), lead - lead_before),
              _("How long before arrival the stays were booked, on average"));
  set_figure (self, FIGURE_NPS,
              isnan (nps) ? g_strdup ("—") : g_strdup_printf ("%+.0f", nps),
              isnan (nps) || isnan (nps_before) ? g_strdup (_("No previous figure"))
                                                : g_strdup_printf (_("%+.0f on the previous period"), nps - nps_before),
              _("Net Promoter Score of the survey answers: promoters (9–10) minus detractors (0–6), in %"));
}

static void
fill_properties (TdAnalyticsPage      *self,
                 const TdKpiDashboard *d)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;
  gboolean same = self->property_ids->len == d->by_property->len + 1;

  for (guint i = 0; same && i < d->by_property->len; i++)
    same = g_strcmp0 (g_ptr_array_index (self->property_ids, i + 1),
                      ((TdKpiProperty *) d->by_property->pdata[i])->property_id) == 0;
  if (same)
    return;

  self->filling_properties = TRUE;
  g_ptr_array_set_size (self->property_ids, 0);
  g_ptr_array_add (self->property_ids, NULL);
  g_ptr_array_add (names, (gpointer) _("All Hotels"));
  for (guint i = 0; i < d->by_property->len; i++)
    {
      TdKpiProperty *p = g_ptr_array_index (d->by_property, i);

      g_ptr_array_add (self->property_ids, g_strdup (p->property_id));
      g_ptr_array_add (names, p->property_name);
      if (g_strcmp0 (p->property_id, d->property_id) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->property_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->property_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->property_dropdown, selected);
  self->filling_properties = FALSE;
}

static void
show_dashboard (TdAnalyticsPage *self)
{
  const TdKpiDashboard *d = self->dashboard;
  g_autofree char *from = td_date_format_iso (d->dates.start);
  g_autofree char *to = td_date_format_iso (d->dates.end - 1);
  g_autofree char *b_from = td_date_format_iso (d->report->previous->dates.start);
  g_autofree char *b_to = td_date_format_iso (d->report->previous->dates.end - 1);
  g_autofree char *period = NULL;
  g_autofree char *forecast = td_analytics_forecast_summary (d);
  g_autofree char *method = td_forecast_explain (d->forecast);

  /* TRANSLATORS: the period shown, then the one it is compared with */
  period = g_strdup_printf (_("%s to %s, compared with %s to %s"), from, to, b_from, b_to);
  gtk_label_set_text (self->period_label, period);
  show_figures (self, d);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  self->charts = td_analytics_charts_build (d);
  for (guint i = 0; i < TD_ANALYTICS_N_CHARTS; i++)
    td_chart_card_set_data (self->cards[i], g_ptr_array_index (self->charts, i));
  td_chart_card_set_note (self->cards[TD_ANALYTICS_PACE],
                          _("Room-nights booked by today for each of the next 90 nights, beside what was booked "
                            "by the same day a year before (52 weeks: the same weekdays)."));
  td_chart_card_set_note (self->cards[TD_ANALYTICS_SOURCES],
                          _("Room revenue of the nights sold, by how the stays were booked."));
  gtk_label_set_text (self->forecast_label, forecast);
  gtk_label_set_text (self->method_label, method);
  fill_properties (self, d);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "charts");
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

static void
set_loading (TdAnalyticsPage *self,
             GCancellable    *cancellable)
{
  td_area_set_loading (TD_AREA (self), &self->cancellable, cancellable, self->spinner);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdAnalyticsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TdKpiDashboard *dashboard = td_kpi_dashboard_load_finish (TD_DATABASE (object), result, &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      td_kpi_dashboard_free (dashboard);
      return;
    }
  set_loading (self, NULL);
  if (dashboard == NULL)
    {
      td_area_show_error (self->stack, self->error_page, error);
      return;
    }
  g_clear_pointer (&self->dashboard, td_kpi_dashboard_free);
  self->dashboard = dashboard;
  show_dashboard (self);
}

static void
td_analytics_page_refresh (TdArea *area)
{
  TdAnalyticsPage *self = TD_ANALYTICS_PAGE (area);
  g_autoptr(GCancellable) cancellable = NULL;
  TdDeskTime now;
  TdDateRange dates;
  guint selected;
  const char *property_id = NULL;

  if (self->database == NULL)
    {
      set_loading (self, NULL);
      return;
    }
  if (self->dashboard == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  td_desk_time_init_now (&now, self->database);
  dates = td_analytics_period_dates (gtk_drop_down_get_selected (self->period_dropdown), now.today);
  if (gtk_drop_down_get_selected (self->period_dropdown) == TD_ANALYTICS_PERIOD_CUSTOM && self->custom.start)
    dates = self->custom;
  selected = gtk_drop_down_get_selected (self->property_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->property_ids->len)
    property_id = g_ptr_array_index (self->property_ids, selected);

  cancellable = g_cancellable_new ();
  set_loading (self, cancellable);
  td_kpi_dashboard_load_async (self->database, property_id, &dates, cancellable, load_cb, g_object_ref (self));
}

gboolean
td_analytics_page_set_dates (TdAnalyticsPage  *self,
                             guint32           first,
                             guint32           last,
                             GError          **error)
{
  g_return_val_if_fail (TD_IS_ANALYTICS_PAGE (self), FALSE);

  if (first == 0 || last < first)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The last day comes before the first"));
      return FALSE;
    }
  if (last - first >= 3 * 366)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Choose at most three years at once"));
      return FALSE;
    }
  self->custom.start = first;
  self->custom.end = last + 1;
  self->period = TD_ANALYTICS_PERIOD_CUSTOM;
  if (gtk_drop_down_get_selected (self->period_dropdown) != TD_ANALYTICS_PERIOD_CUSTOM)
    gtk_drop_down_set_selected (self->period_dropdown, TD_ANALYTICS_PERIOD_CUSTOM);
  else
    td_analytics_page_refresh (TD_AREA (self));
  gtk_widget_set_visible (self->dates_button, TRUE);
  return TRUE;
}

static void
dates_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TdAnalyticsPage  *self)
{
  GtkEditable *from = g_object_get_data (G_OBJECT (dialog), "from");
  GtkEditable *to = g_object_get_data (G_OBJECT (dialog), "to");
  g_autoptr(GError) error = NULL;
  guint32 first = 0, last = 0;

  if (g_str_equal (response, "show"))
    {
      if (!td_date_parse_iso (gtk_editable_get_text (from), &first, NULL)
          || !td_date_parse_iso (gtk_editable_get_text (to), &last, NULL))
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Write the dates as 2026-01-31"));
      else if (td_analytics_page_set_dates (self, first, last, &error))
        return;
      /* said, and asked again */
      {
        GtkWidget *said = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("Those Dates Cannot Be Shown"), error->message);

        adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (said), "close", _("_Close"));
        gtk_window_present (GTK_WINDOW (said));
      }
    }
  /* nothing chosen: back to what was shown */
  if (self->custom.start == 0 || self->period != TD_ANALYTICS_PERIOD_CUSTOM)
    gtk_drop_down_set_selected (self->period_dropdown, self->period);
}

static void
choose_dates (TdAnalyticsPage *self)
{
  GtkWidget *dialog, *box, *from, *to;
  TdDeskTime now;
  TdDateRange shown;
  g_autofree char *first = NULL, *last = NULL;

  if (self->database == NULL)
    return;
  td_desk_time_init_now (&now, self->database);
  shown = self->custom.start ? self->custom : td_analytics_period_dates (self->period, now.today);
  first = td_date_format_iso (shown.start);
  last = td_date_format_iso (shown.end - 1);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Choose the Dates"),
                                   _("The figures of these days, each compared with the same number of days before."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "show", _("_Show"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  from = adw_entry_row_new ();
  gtk_widget_set_name (from, "analytics-from");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (from), _("First Day (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (from), first);
  to = adw_entry_row_new ();
  gtk_widget_set_name (to, "analytics-to");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (to), _("Last Day (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (to), last);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (from), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (to), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (box), from);
  gtk_list_box_append (GTK_LIST_BOX (box), to);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "from", from);
  g_object_set_data (G_OBJECT (dialog), "to", to);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dates_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
period_changed_cb (TdAnalyticsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (selected == TD_ANALYTICS_PERIOD_CUSTOM && self->period != TD_ANALYTICS_PERIOD_CUSTOM)
    {
      choose_dates (self);
      return;
    }
  self->period = selected;
  gtk_widget_set_visible (self->dates_button, selected == TD_ANALYTICS_PERIOD_CUSTOM);
  td_analytics_page_refresh (TD_AREA (self));
}

static void
property_changed_cb (TdAnalyticsPage *self)
{
  if (!self->filling_properties)
    td_analytics_page_refresh (TD_AREA (self));
}

void
td_analytics_page_set_period (TdAnalyticsPage   *self,
                              TdAnalyticsPeriod  period)
{
  g_return_if_fail (TD_IS_ANALYTICS_PAGE (self));
  gtk_drop_down_set_selected (self->period_dropdown, period);
}

const TdKpiDashboard *
td_analytics_page_get_dashboard (TdAnalyticsPage *self)
{
  g_return_val_if_fail (TD_IS_ANALYTICS_PAGE (self), NULL);
  return self->dashboard;
}

/* ------------------------------------------------------------------ */
/* the PDF                                                            */

typedef struct {
  TdDatabase *database;
  TdDocument *document;
  char       *path;
} PdfData;

static void
pdf_data_free (PdfData *data)
{
  g_object_unref (data->database);
  g_object_unref (data->document);
  g_free (data->path);
  g_free (data);
}

static void
pdf_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PdfData *data = task_data;
  GError *error = NULL;

  if (!td_document_set_header_from_workspace (data->document, data->database, &error)
      || !td_document_write_pdf (data->document, data->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
pdf_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TdAnalyticsPage *self = TD_ANALYTICS_PAGE (object);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), self->dashboard != NULL);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Could Not Export the Dashboard"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
pdf_chooser_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         TdAnalyticsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->dashboard && self->database)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GTask) task = g_task_new (self, self->pdf_cancellable, pdf_written_cb, NULL);
      GtkStringObject *name = gtk_drop_down_get_selected_item (self->property_dropdown);
      PdfData *data = g_new0 (PdfData, 1);

      data->database = g_object_ref (self->database);
      data->path = g_file_get_path (file);
      /* built here (the charts drawn in memory); the header and the file in a thread */
      data->document = td_analytics_document_new (self->dashboard, self->charts,
                                                  name ? gtk_string_object_get_string (name) : _("All Hotels"));
      g_task_set_task_data (task, data, (GDestroyNotify) pdf_data_free);
      gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), FALSE);
      g_task_run_in_thread (task, pdf_thread);
    }
  g_clear_object (&self->chooser);
}

static void
pdf_clicked_cb (TdAnalyticsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->dashboard == NULL || self->chooser)
    return;
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Export Dashboard as PDF"),
                                                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                  GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                  _("_Export"), _("_Cancel")));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("analytics.pdf"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (pdf_chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

/* ------------------------------------------------------------------ */

static void
td_analytics_page_set_database (TdAnalyticsPage *self,
                                TdDatabase      *database)
{
  if (!g_set_object (&self->database, database))
    return;
  g_clear_pointer (&self->dashboard, td_kpi_dashboard_free);
  g_ptr_array_set_size (self->property_ids, 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  td_analytics_page_refresh (TD_AREA (self));
  g_object_notify (G_OBJECT (self), "database");
}

static void
td_area_iface_init (TdAreaInterface *iface)
{
  iface->refresh = td_analytics_page_refresh;
}

static void
td_analytics_page_dispose (GObject *object)
{
  TdAnalyticsPage *self = TD_ANALYTICS_PAGE (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->pdf_cancellable)
    g_cancellable_cancel (self->pdf_cancellable);
  g_clear_object (&self->pdf_cancellable);
  if (self->chooser)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_ANALYTICS_PAGE);
  G_OBJECT_CLASS (td_analytics_page_parent_class)->dispose (object);
}

static void
td_analytics_page_finalize (GObject *object)
{
  TdAnalyticsPage *self = TD_ANALYTICS_PAGE (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->dashboard, td_kpi_dashboard_free);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_pointer (&self->property_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (td_analytics_page_parent_class)->finalize (object);
}

static void
td_analytics_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdAnalyticsPage *self = TD_ANALYTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_analytics_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TdAnalyticsPage *self = TD_ANALYTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      td_analytics_page_set_database (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_analytics_page_class_init (TdAnalyticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_analytics_page_dispose;
  object_class->finalize = td_analytics_page_finalize;
  object_class->get_property = td_analytics_page_get_property;
  object_class->set_property = td_analytics_page_set_property;
  g_object_class_override_property (object_class, PROP_DATABASE, "database");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");

  g_type_ensure (TD_TYPE_CHART_CARD);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-analytics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, property_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, property_names);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, sales_box);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, rooms_box);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, outlook_box);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, guests_box);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, forecast_label);
  gtk_widget_class_bind_template_child (widget_class, TdAnalyticsPage, method_label);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, property_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pdf_clicked_cb);
}

static GtkWidget *
figure_tile_new (TdAnalyticsPage *self,
                 Figure           figure)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (figure_title (figure));
  GtkWidget *value = gtk_label_new ("—");
  GtkWidget *change = gtk_label_new ("");

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "td-figure");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_xalign (GTK_LABEL (change), 0);
  gtk_label_set_wrap (GTK_LABEL (change), TRUE);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (value, "title-2");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (change, "dim-label");
  gtk_widget_add_css_class (change, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), change);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, figure_title (figure), -1);
  self->figure_values[figure] = GTK_LABEL (value);
  self->figure_changes[figure] = GTK_LABEL (change);
  return box;
}

static void
td_analytics_page_init (TdAnalyticsPage *self)
{
  GtkFlowBox *boxes[4];

  gtk_widget_init_template (GTK_WIDGET (self));
  /* with dates of one's own: a button to change them */
  self->dates_button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_name (self->dates_button, "analytics-change-dates");
  gtk_widget_set_tooltip_text (self->dates_button, _("Change the Dates"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dates_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Change the Dates"), -1);
  gtk_widget_set_visible (self->dates_button, FALSE);
  g_signal_connect_swapped (self->dates_button, "clicked", G_CALLBACK (choose_dates), self);
  gtk_widget_insert_after (self->dates_button, gtk_widget_get_parent (GTK_WIDGET (self->period_dropdown)),
                           GTK_WIDGET (self->period_dropdown));
  boxes[0] = self->sales_box;
  boxes[1] = self->rooms_box;
  boxes[2] = self->outlook_box;
  boxes[3] = self->guests_box;
  self->property_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->property_ids, NULL);
  {
    const char *all[] = { _("All Hotels"), NULL };

    gtk_string_list_splice (self->property_names, 0, 0, all);
  }

  for (guint i = 0; i < N_FIGURES; i++)
    {
      GtkWidget *child = gtk_flow_box_child_new ();

      self->figure_tiles[i] = figure_tile_new (self, i);
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), self->figure_tiles[i]);
      gtk_flow_box_append (self->figures_box, child);
    }
  for (guint i = 0; i < G_N_ELEMENTS (chart_places); i++)
    {
      GtkWidget *card = td_chart_card_new ();
      GtkWidget *child = gtk_flow_box_child_new ();

      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
      gtk_flow_box_append (boxes[chart_places[i].box], child);
      self->cards[chart_places[i].chart] = TD_CHART_CARD (card);
    }
}

GtkWidget *
td_analytics_page_new (void)
{
  return g_object_new (TD_TYPE_ANALYTICS_PAGE, NULL);
}
