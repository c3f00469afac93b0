/* td-cli-surveys.c: tourdesk-cli surveys add|import|summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "td-cli-private.h"

static const Command *find_surveys_command (const char *name);

/* a score option: empty_value when text is NULL */
static gboolean
parse_score (Cli        *cli,
             const char *option,
             const char *text,
             int         min,
             int         max,
             int        *out)
{
  gint64 value;
  char *end;

  if (text == NULL)
    return TRUE;
  value = g_ascii_strtoll (text, &end, 10);
  if (*text == '\0' || *end != '\0' || value < min || value > max)
    {
      td_cli_fail (cli, _("%s: “%s” is not a whole number from %d to %d"), option, text, min, max);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static int
cmd_surveys_add (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_surveys_command ("add");
  g_autofree char *nps = NULL, *service = NULL, *cleanliness = NULL, *guide_rating = NULL, *value = NULL;
  g_autofree char *customer = NULL, *stay = NULL, *booking = NULL, *property_text = NULL, *product = NULL;
  g_autofree char *guide = NULL, *comment = NULL, *channel = NULL, *date_text = NULL;
  g_autofree char *property_id = NULL;
  g_autofree char *id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  TdSurveyAnswer answer = { 0 };
  GOptionEntry entries[] = {
    { "nps", 0, 0, G_OPTION_ARG_STRING, &nps, N_("How likely to recommend us, 0 to 10 (required)"), N_("N") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The customer (an id; default: the stay’s guest)"), N_("ID") },
    { "stay", 0, 0, G_OPTION_ARG_STRING, &stay, N_("The stay the answer is about"), N_("ID") },
    { "booking", 0, 0, G_OPTION_ARG_STRING, &booking, N_("The tour booking the answer is about"), N_("ID") },
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("The hotel (default: the stay’s)"), N_("P") },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product, N_("The tour or product"), N_("NAME") },
    { "guide", 0, 0, G_OPTION_ARG_STRING, &guide, N_("The guide’s name"), N_("NAME") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service, N_("Service, 1 to 5"), N_("N") },
    { "cleanliness", 0, 0, G_OPTION_ARG_STRING, &cleanliness, N_("Cleanliness, 1 to 5"), N_("N") },
    { "guide-rating", 0, 0, G_OPTION_ARG_STRING, &guide_rating, N_("The guide, 1 to 5"), N_("N") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value, N_("Value for money, 1 to 5"), N_("N") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("What the customer wrote"), N_("TEXT") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("desk, paper, phone, email, sms, wechat or web (default desk)"), N_("C") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("When it was answered (default: now)"), N_("DATE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  answer.nps = -1;
  if (nps == NULL)
    {
      td_cli_fail (cli, _("“surveys add” needs --nps (0 to 10). Try “%s surveys add --help”."), cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  if (!parse_score (cli, "--nps", nps, 0, 10, &answer.nps)
      || !parse_score (cli, "--service", service, 1, 5, &answer.service)
      || !parse_score (cli, "--cleanliness", cleanliness, 1, 5, &answer.cleanliness)
      || !parse_score (cli, "--guide-rating", guide_rating, 1, 5, &answer.guide_rating)
      || !parse_score (cli, "--value", value, 1, 5, &answer.value))
    return TD_CLI_EXIT_USAGE;
  if (date_text)
    {
      guint32 julian;
      GDate date;
      g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
      g_autoptr(GDateTime) noon = NULL;

      if (!td_cli_parse_date (cli, "--date", date_text, &julian))
        return TD_CLI_EXIT_USAGE;
      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      noon = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
      answer.answered_at = g_date_time_to_unix (noon) * G_USEC_PER_SEC;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id))
    return TD_CLI_EXIT_FAILURE;
  answer.customer_id = customer;
  answer.stay_id = stay;
  answer.booking_id = booking;
  answer.property_id = property_id;
  answer.product = product;
  answer.guide = guide;
  answer.comment = comment;
  answer.channel = channel;
  id = td_survey_add (db, NULL, &answer, &error);
  if (id == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "id", id);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    g_print ("%s\n", id);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_surveys_import (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_surveys_command ("import");
  g_autofree char *rejects_path = NULL;
  g_autofree char *data = NULL;
  gboolean dry_run = FALSE;
  gsize length = 0;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSurveyImport) import = NULL;
  GOptionEntry entries[] = {
    { "rejects", 0, 0, G_OPTION_ARG_FILENAME, &rejects_path, N_("Write the rows not imported, with what is wrong, to FILE"), N_("FILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file, write nothing"), NULL },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (!g_file_get_contents (argv[1], &data, &length, &error))
    return td_cli_fail_error (cli, error);

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  import = td_survey_import (db, NULL, data, length, dry_run, &error);
  if (import == NULL)
    {
      td_cli_fail (cli, "%s: %s", argv[1], error->message);
      return TD_CLI_EXIT_FAILURE;
    }
  if (rejects_path && import->problems->len > 0)
    {
      g_autofree char *csv = td_survey_import_rejects_csv (import);

      if (!g_file_set_contents (rejects_path, csv, -1, &error))
        return td_cli_fail_error (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rows");
      json_builder_add_int_value (b, import->rows);
      json_builder_set_member_name (b, "imported");
      json_builder_add_int_value (b, import->imported);
      json_builder_set_member_name (b, "duplicates");
      json_builder_add_int_value (b, import->duplicates);
      json_builder_set_member_name (b, "dry_run");
      json_builder_add_boolean_value (b, dry_run);
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; i < import->problems->len; i++)
        {
          TdSurveyProblem *p = g_ptr_array_index (import->problems, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "line");
          json_builder_add_int_value (b, p->line);
          json_builder_set_member_name (b, "message");
          json_builder_add_string_value (b, p->message);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    {
      for (guint i = 0; i < import->problems->len; i++)
        g_printerr ("%s: %s\n", argv[1], ((TdSurveyProblem *) import->problems->pdata[i])->message);
      g_print (dry_run ? ngettext ("%u response would be imported", "%u responses would be imported", import->imported)
                       : ngettext ("%u response imported", "%u responses imported", import->imported),
               import->imported);
      g_print ("; ");
      g_print (ngettext ("%u already there", "%u already there", import->duplicates), import->duplicates);
      g_print ("; ");
      g_print (ngettext ("%u row not imported", "%u rows not imported", import->problems->len), import->problems->len);
      g_print ("\n");
    }
  /* rows left out are a failure the clerk must see, even when the rest went in */
  return import->problems->len > 0 ? TD_CLI_EXIT_FAILURE : TD_CLI_EXIT_SUCCESS;
}

static char *
average_text (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.2f", value);
}

static void
add_number_or_null (JsonBuilder *b,
                    const char  *member,
                    double       value)
{
  json_builder_set_member_name (b, member);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static int
cmd_surveys_summary (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_surveys_command ("summary");
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *by = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  TdDateRange dates = { 0, 0 };
  TdSurveyGroup group = TD_SURVEY_GROUP_PROPERTY;
  static const char *const rating_names[] = { "service", "cleanliness", "guide", "value" };
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Answers from DATE"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("… to before DATE"), N_("DATE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Group by property (default), product, guide or month"), N_("G") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if ((from_text == NULL) != (to_text == NULL))
    {
      td_cli_fail (cli, _("--from and --to go together. Try “%s surveys summary --help”."), cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  if (from_text && (!td_cli_parse_date (cli, "--from", from_text, &dates.start)
                    || !td_cli_parse_date (cli, "--to", to_text, &dates.end)))
    return TD_CLI_EXIT_USAGE;
  if (from_text && dates.end <= dates.start)
    {
      td_cli_fail (cli, _("--to must be after --from"));
      return TD_CLI_EXIT_USAGE;
    }
  if (by == NULL || g_str_equal (by, "property"))
    group = TD_SURVEY_GROUP_PROPERTY;
  else if (g_str_equal (by, "product"))
    group = TD_SURVEY_GROUP_PRODUCT;
  else if (g_str_equal (by, "guide"))
    group = TD_SURVEY_GROUP_GUIDE;
  else if (g_str_equal (by, "month"))
    group = TD_SURVEY_GROUP_MONTH;
  else
    {
      td_cli_fail (cli, _("--by: “%s” is not property, product, guide or month"), by);
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  rows = td_survey_summary (db, &dates, group, &error);
  if (rows == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "groups");
      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          TdSurveyGroupRow *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (b);
          td_cli_add_string (b, "key", i == 0 ? NULL : row->key);
          td_cli_add_string (b, "title", row->title);
          json_builder_set_member_name (b, "responses");
          json_builder_add_int_value (b, row->responses);
          json_builder_set_member_name (b, "promoters");
          json_builder_add_int_value (b, row->promoters);
          json_builder_set_member_name (b, "passives");
          json_builder_add_int_value (b, row->passives);
          json_builder_set_member_name (b, "detractors");
          json_builder_add_int_value (b, row->detractors);
          add_number_or_null (b, "nps", row->nps);
          for (guint k = 0; k < 4; k++)
            add_number_or_null (b, rating_names[k], row->average[k]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  {
    g_autoptr(GString) line = g_string_new (NULL);

    td_cli_append_padded (line, "", 24);
    td_cli_append_padded (line, _("Answers"), 8);
    td_cli_append_padded (line, _("NPS"), 6);
    td_cli_append_padded (line, _("Service"), 8);
    td_cli_append_padded (line, _("Cleanliness"), 12);
    td_cli_append_padded (line, _("Guide"), 6);
    g_string_append (line, _("Value"));
    g_print ("%s\n", line->str);
  }
  for (guint i = 0; i < rows->len; i++)
    {
      TdSurveyGroupRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, row->responses);
      g_autofree char *nps = isnan (row->nps) ? g_strdup ("—") : g_strdup_printf ("%+.0f", row->nps);
      g_autofree char *a0 = average_text (row->average[0]);
      g_autofree char *a1 = average_text (row->average[1]);
      g_autofree char *a2 = average_text (row->average[2]);
      g_autofree char *a3 = average_text (row->average[3]);

      td_cli_append_padded (line, row->title, 24);
      td_cli_append_padded (line, count, 8);
      td_cli_append_padded (line, nps, 6);
      td_cli_append_padded (line, a0, 8);
      td_cli_append_padded (line, a1, 12);
      td_cli_append_padded (line, a2, 6);
      g_string_append (line, a3);
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static const Command surveys_commands[] = {
  { "add", "", N_("Record a survey answer entered at the desk and print its id"), cmd_surveys_add },
  { "import", N_("FILE"), N_("Import survey answers from a spreadsheet (CSV); bad rows are listed by line"), cmd_surveys_import },
  { "summary", "", N_("NPS and average ratings, by hotel, product, guide or month"), cmd_surveys_summary },
};

static Command surveys_named[G_N_ELEMENTS (surveys_commands)];

static const CommandGroup surveys_group = {
  .name = "surveys",
  .commands = surveys_commands,
  .n_commands = G_N_ELEMENTS (surveys_commands),
  .named = surveys_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] surveys SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Satisfaction surveys after a stay or a trip, and the Net Promoter Score."),
  .footer = N_("“surveys SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“surveys” needs a sub-command. Try “%s surveys --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s surveys --help”."),
};

static const Command *
find_surveys_command (const char *name)
{
  return td_cli_find_subcommand (&surveys_group, name);
}

int
td_cli_cmd_surveys (Cli   *cli,
                    int    argc,
                    char **argv)
{
  return td_cli_run_group (cli, &surveys_group, argc, argv);
}
