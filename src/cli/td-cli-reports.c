/* td-cli-reports.c: tourdesk-cli reports daily|kpi
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <math.h>

#include "td-cli-private.h"
#include "td-analytics-charts.h"
#include "td-daily-report-document.h"

static const Command *find_reports_command (const char *name);

static gboolean
write_text_file (Cli        *cli,
                 const char *path,
                 const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, text, -1, &error))
    {
      td_cli_fail (cli, _("Could not write “%s”: %s"), path, error->message);
      return FALSE;
    }
  return TRUE;
}

/* --from and --to, both required; FALSE after saying why */
static gboolean
parse_period (Cli           *cli,
              const Command *command,
              const char    *from_text,
              const char    *to_text,
              TdDateRange   *dates)
{
  if (from_text == NULL || to_text == NULL)
    {
      td_cli_fail (cli, _("“%s” needs --from and --to. Try “%s %s --help”."), command->name, cli->prog, command->name);
      return FALSE;
    }
  if (!td_cli_parse_date (cli, "--from", from_text, &dates->start)
      || !td_cli_parse_date (cli, "--to", to_text, &dates->end))
    return FALSE;
  if (dates->end <= dates->start)
    {
      td_cli_fail (cli, _("--to must be after --from: the period ends the morning of --to"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* reports daily                                                      */

static void
print_stays (const char *title,
             GPtrArray  *stays)
{
  g_print ("\n%s (%u)\n", title, stays->len);
  for (guint i = 0; i < stays->len; i++)
    {
      TdStay *stay = g_ptr_array_index (stays, i);
      g_autoptr(GString) line = g_string_new ("  ");
      g_autofree char *to = td_date_format_iso (stay->dates.end);

      td_cli_append_padded (line, stay->property_name ? stay->property_name : "", 16);
      td_cli_append_padded (line, stay->room_number ? stay->room_number : "—", 6);
      td_cli_append_padded (line, stay->guest_name ? stay->guest_name : "", 16);
      td_cli_append_padded (line, td_kpi_source_title (stay->source), 20);
      td_cli_append_padded (line, td_stay_state_get_title (stay->state), 12);
      g_string_append_printf (line, "→ %s", to);
      g_print ("%s\n", line->str);
    }
}

static int
cmd_reports_daily (Cli   *cli,
                   int    argc,
                   char **argv)
{
  const Command *command = find_reports_command ("daily");
  g_autofree char *date_text = NULL;
  g_autofree char *property_text = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *property_id = NULL;
  g_autofree char *scope = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdDailyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint32 date = 0;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The date (the night that starts on it); default: today"), N_("DATE") },
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("Only this hotel"), N_("P") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, N_("Also write the report as a spreadsheet (CSV)"), N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Also write the report as a PDF"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (date_text && !td_cli_parse_date (cli, "--date", date_text, &date))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id))
    return TD_CLI_EXIT_FAILURE;
  if (date == 0)
    {
      TdDeskTime now;

      td_desk_time_init_now (&now, db);
      date = now.today;
    }
  report = td_daily_report_build (db, property_id, date, &error);
  if (report == NULL)
    return td_cli_fail_error (cli, error);

  if (csv_path)
    {
      g_autofree char *csv = td_daily_report_to_csv (report);

      if (!write_text_file (cli, csv_path, csv))
        return TD_CLI_EXIT_FAILURE;
    }
  if (property_id)
    {
      g_autoptr(JsonObject) property = td_database_get_record (db, "property", property_id, NULL);

      scope = g_strdup (property ? json_object_get_string_member (property, "name") : property_text);
    }
  else
    scope = g_strdup (_("All hotels"));
  if (pdf_path)
    {
      g_autoptr(TdDocument) doc = td_daily_report_document_new (report, scope);

      if (!td_document_set_header_from_workspace (doc, db, &error)
          || !td_document_write_pdf (doc, pdf_path, &error))
        return td_cli_fail_error (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) node = td_daily_report_to_json (report);

      td_cli_print_json_node (node);
      return TD_CLI_EXIT_SUCCESS;
    }

  {
    const TdKpiFigures *f = report->figures;
    g_autofree char *day = td_date_format_iso (date);
    g_autofree char *occ = td_kpi_format_ratio (td_kpi_figures_occupancy (f));
    g_autofree char *revenue = td_kpi_format_money (f->revenue, report->currency);
    g_autofree char *adr = td_kpi_format_money (td_kpi_figures_adr (f), report->currency);
    g_autofree char *revpar = td_kpi_format_money (td_kpi_figures_revpar (f), report->currency);
    g_autofree char *n_sold = g_strdup_printf ("%" G_GINT64_FORMAT, f->sold);
    g_autofree char *n_available = g_strdup_printf ("%" G_GINT64_FORMAT, f->available);
    g_autofree char *n_closed = g_strdup_printf ("%" G_GINT64_FORMAT, f->out_of_order);
    /* TRANSLATORS: room-nights sold, available, out of order */
    g_autofree char *rooms = g_strdup_printf (_("%s sold of %s available (%s out of order)"),
                                              n_sold, n_available, n_closed);
    char number[16];

    td_cli_print_row (_("Date"), day);
    td_cli_print_row (C_("report field", "Hotel"), scope);
    g_snprintf (number, sizeof number, "%u", report->arrivals->len);
    td_cli_print_row (_("Arrivals"), number);
    g_snprintf (number, sizeof number, "%u", report->departures->len);
    td_cli_print_row (_("Departures"), number);
    g_snprintf (number, sizeof number, "%u", report->in_house->len);
    td_cli_print_row (_("In house"), number);
    g_snprintf (number, sizeof number, "%u", report->no_shows->len);
    td_cli_print_row (_("No-shows"), number);
    td_cli_print_row (_("Rooms"), rooms);
    td_cli_print_row (_("Occupancy"), occ);
    td_cli_print_row (_("Room revenue"), revenue);
    td_cli_print_row (_("ADR"), adr);
    td_cli_print_row (_("RevPAR"), revpar);
    g_print ("\n%s\n", _("Revenue by source"));
    for (guint i = 0; i < f->sources->len; i++)
      {
        TdKpiSource *s = g_ptr_array_index (f->sources, i);
        g_autofree char *money = td_kpi_format_money (s->revenue, report->currency);
        g_autofree char *label = g_strdup_printf ("  %s", td_kpi_source_title (s->source));

        td_cli_print_row (label, money);
      }
    print_stays (_("Arrivals"), report->arrivals);
    print_stays (_("Departures"), report->departures);
    print_stays (_("In house"), report->in_house);
    print_stays (_("No-shows"), report->no_shows);
  }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* reports kpi                                                        */

static char *
change_text (double now,
             double before)
{
  if (isnan (now) || isnan (before) || before == 0)
    return g_strdup ("");
  return g_strdup_printf ("%+.1f %%", (now - before) / fabs (before) * 100.0);
}

static void
print_kpi_row (const char *label,
               const char *now,
               const char *before,
               const char *change)
{
  g_autoptr(GString) line = g_string_new (NULL);

  td_cli_append_padded (line, label, 24);
  td_cli_append_padded (line, now, 16);
  td_cli_append_padded (line, before, 16);
  g_string_append (line, change);
  g_print ("%s\n", line->str);
}

static void
print_money_row (const char  *label,
                 gint64       now,
                 gint64       before,
                 const char  *currency)
{
  g_autofree char *a = td_kpi_format_money (now, currency);
  g_autofree char *b = td_kpi_format_money (before, currency);
  g_autofree char *c = change_text ((double) now, (double) before);

  print_kpi_row (label, a, b, c);
}

static void
print_count_row (const char *label,
                 gint64      now,
                 gint64      before)
{
  g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, before);
  g_autofree char *c = change_text ((double) now, (double) before);

  print_kpi_row (label, a, b, c);
}

static void
print_ratio_row (const char *label,
                 double      now,
                 double      before)
{
  g_autofree char *a = td_kpi_format_ratio (now);
  g_autofree char *b = td_kpi_format_ratio (before);
  /* a change of a rate is in points */
  g_autofree char *c = isnan (now) || isnan (before) ? g_strdup ("")
                       : g_strdup_printf (_("%+.1f points"), (now - before) * 100.0);

  print_kpi_row (label, a, b, c);
}

static char *
number_text (double   value,
             gboolean sign)
{
  if (isnan (value))
    return g_strdup ("—");
  return sign ? g_strdup_printf ("%+.0f", value) : g_strdup_printf ("%.1f", value);
}

static void
print_number_row (const char *label,
                  double      now,
                  double      before,
                  gboolean    sign)
{
  g_autofree char *a = number_text (now, sign);
  g_autofree char *b = number_text (before, sign);

  print_kpi_row (label, a, b, "");
}

static int
cmd_reports_kpi (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_reports_command ("kpi");
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *property_text = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *property_id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdKpiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  TdKpiQuery query = { 0 };
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first night of the period"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The day after the last night (exclusive)"), N_("DATE") },
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("Only this hotel"), N_("P") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Amounts in this currency (default: the workspace’s)"), N_("CODE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (!parse_period (cli, command, from_text, to_text, &query.dates))
    return TD_CLI_EXIT_USAGE;
  if (currency && !td_currency_is_valid (currency))
    {
      td_cli_fail (cli, _("--currency: “%s” is not an ISO 4217 currency code"), currency);
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id))
    return TD_CLI_EXIT_FAILURE;
  query.property_id = property_id;
  query.currency = currency;
  report = td_kpi_compute (db, &query, &error);
  if (report == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "property_id", property_id);
      td_cli_add_string (b, "currency", report->currency);
      json_builder_set_member_name (b, "current");
      json_builder_add_value (b, td_kpi_figures_to_json (report->current));
      json_builder_set_member_name (b, "previous");
      json_builder_add_value (b, td_kpi_figures_to_json (report->previous));
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  {
    const TdKpiFigures *now = report->current, *before = report->previous;
    g_autofree char *a_from = td_date_format_iso (now->dates.start);
    g_autofree char *a_to = td_date_format_iso (now->dates.end - 1);
    g_autofree char *b_from = td_date_format_iso (before->dates.start);
    g_autofree char *b_to = td_date_format_iso (before->dates.end - 1);
    g_autofree char *a = g_strdup_printf ("%s…%s", a_from + 5, a_to + 5);
    g_autofree char *b = g_strdup_printf ("%s…%s", b_from + 5, b_to + 5);
    g_autofree char *explain = td_kpi_explain_occupancy (now);

    print_kpi_row ("", a, b, _("Change"));
    print_ratio_row (_("Occupancy"), td_kpi_figures_occupancy (now), td_kpi_figures_occupancy (before));
    print_money_row (_("ADR"), td_kpi_figures_adr (now), td_kpi_figures_adr (before), report->currency);
    print_money_row (_("RevPAR"), td_kpi_figures_revpar (now), td_kpi_figures_revpar (before), report->currency);
    print_money_row (_("Room revenue"), now->revenue, before->revenue, report->currency);
    print_count_row (_("Room-nights sold"), now->sold, before->sold);
    print_count_row (_("Room-nights available"), now->available, before->available);
    print_count_row (_("Bookings"), now->bookings, before->bookings);
    print_count_row (_("Cancellations"), now->cancellations, before->cancellations);
    print_ratio_row (_("Cancellation rate"), td_kpi_figures_cancellation_rate (now),
                     td_kpi_figures_cancellation_rate (before));
    print_count_row (_("No-shows"), now->no_shows, before->no_shows);
    print_number_row (_("Lead time (days)"), td_kpi_figures_lead_time (now), td_kpi_figures_lead_time (before), FALSE);
    print_number_row (_("NPS"), td_kpi_figures_nps (now), td_kpi_figures_nps (before), TRUE);
    print_count_row (_("Survey responses"), now->responses, before->responses);
    g_print ("\n%s\n", _("Revenue by source"));
    for (guint i = 0; i < now->sources->len; i++)
      {
        TdKpiSource *s = g_ptr_array_index (now->sources, i);
        gint64 previous = 0;

        for (guint j = 0; j < before->sources->len; j++)
          if (g_str_equal (((TdKpiSource *) before->sources->pdata[j])->source, s->source))
            previous = ((TdKpiSource *) before->sources->pdata[j])->revenue;
        print_money_row (td_kpi_source_title (s->source), s->revenue, previous, report->currency);
      }
    g_print ("\n%s\n", explain);
  }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* reports dashboard                                                  */

static int
cmd_reports_dashboard (Cli   *cli,
                       int    argc,
                       char **argv)
{
  const Command *command = find_reports_command ("dashboard");
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *property_text = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *csv_dir = NULL;
  g_autofree char *property_id = NULL;
  g_autofree char *scope = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdKpiDashboard) dashboard = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(GError) error = NULL;
  TdDateRange dates = { 0, 0 };
  gint64 start;
  double ms;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first night of the period"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The day after the last night (exclusive)"), N_("DATE") },
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("Only this hotel"), N_("P") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Write the dashboard with its charts as a PDF"), N_("FILE") },
    { "csv-dir", 0, 0, G_OPTION_ARG_FILENAME, &csv_dir, N_("Write each chart's values as a CSV file in DIR"), N_("DIR") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (!parse_period (cli, command, from_text, to_text, &dates))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id))
    return TD_CLI_EXIT_FAILURE;
  start = g_get_monotonic_time ();
  dashboard = td_kpi_dashboard_load (db, property_id, &dates, NULL, &error);
  if (dashboard == NULL)
    return td_cli_fail_error (cli, error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  charts = td_analytics_charts_build (dashboard);
  scope = g_strdup (property_text ? property_text : _("All hotels"));

  if (pdf_path)
    {
      g_autoptr(TdDocument) doc = td_analytics_document_new (dashboard, charts, scope);

      if (!td_document_set_header_from_workspace (doc, db, &error)
          || !td_document_write_pdf (doc, pdf_path, &error))
        return td_cli_fail_error (cli, error);
    }
  if (csv_dir)
    {
      if (g_mkdir_with_parents (csv_dir, 0755) != 0)
        {
          td_cli_fail (cli, _("Could not make the folder “%s”: %s"), csv_dir, g_strerror (errno));
          return TD_CLI_EXIT_FAILURE;
        }
      for (guint i = 0; i < charts->len; i++)
        {
          g_autofree char *csv = td_chart_data_to_csv (g_ptr_array_index (charts, i));
          g_autofree char *name = g_strdup_printf ("%02u.csv", i + 1);
          g_autofree char *path = g_build_filename (csv_dir, name, NULL);

          if (!write_text_file (cli, path, csv))
            return TD_CLI_EXIT_FAILURE;
        }
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "milliseconds");
      json_builder_add_double_value (b, ms);
      json_builder_set_member_name (b, "charts");
      json_builder_begin_array (b);
      for (guint i = 0; i < charts->len; i++)
        {
          TdChartData *chart = g_ptr_array_index (charts, i);
          g_autofree char *description = td_chart_data_describe (chart);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, td_chart_data_get_title (chart));
          json_builder_set_member_name (b, "values");
          json_builder_add_string_value (b, description);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    {
      g_autofree char *summary = td_analytics_forecast_summary (dashboard);

      for (guint i = 0; i < charts->len; i++)
        g_print ("%s\n", td_chart_data_get_title (g_ptr_array_index (charts, i)));
      g_print ("%s\n", summary);
      g_print (_("Read in %.1f ms\n"), ms);
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */

static const Command reports_commands[] = {
  { "daily", "", N_("The night audit of a date: arrivals, departures, in house, occupancy, ADR, RevPAR, revenue by source, no-shows"), cmd_reports_daily },
  { "kpi", "", N_("Key figures of a period beside the period before: occupancy, ADR, RevPAR, revenue, bookings, cancellations, NPS"), cmd_reports_kpi },
  { "dashboard", "", N_("The Analytics dashboard of a period: its charts as a PDF and CSV files"), cmd_reports_dashboard },
};

static Command reports_named[G_N_ELEMENTS (reports_commands)];

static const CommandGroup reports_group = {
  .name = "reports",
  .commands = reports_commands,
  .n_commands = G_N_ELEMENTS (reports_commands),
  .named = reports_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] reports SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Reports and key figures of the hotels."),
  .footer = N_("“reports SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“reports” needs a sub-command. Try “%s reports --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s reports --help”."),
};

static const Command *
find_reports_command (const char *name)
{
  return td_cli_find_subcommand (&reports_group, name);
}

int
td_cli_cmd_reports (Cli   *cli,
                    int    argc,
                    char **argv)
{
  return td_cli_run_group (cli, &reports_group, argc, argv);
}
