/* td-cli-marketing.c: tourdesk-cli, segments of customers (segments list,
 * count, create, show, rfm)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-cli-private.h"

static const Command *find_segments_command (const char *name);

static void
add_rules_json (JsonBuilder *b,
                JsonObject  *rules)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), rules);

  json_builder_set_member_name (b, "rules");
  json_builder_add_value (b, g_steal_pointer (&node));
}

static void
print_rules_text (JsonObject *rules)
{
  JsonNode *list = json_object_get_member (rules, "rules");
  JsonArray *array = list && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;
  gboolean any = g_str_equal (json_object_get_string_member_with_default (rules, "match", "all"), "any");

  if (array == NULL || json_array_get_length (array) == 0)
    {
      g_print ("  %s\n", _("every customer"));
      return;
    }
  g_print ("  %s\n", any ? _("any of:") : _("all of:"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *text = td_segment_rule_describe (json_array_get_object_element (array, i));

      g_print ("    %s\n", text);
    }
}

/* rules from --rule options and --any */
static JsonObject *
rules_from_options (Cli        *cli,
                    TdDatabase *db,
                    char      **rule_texts,
                    gboolean    any)
{
  g_autoptr(JsonObject) rules = json_object_new ();
  g_autofree char *currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
  JsonArray *list = json_array_new ();

  json_object_set_string_member (rules, "match", any ? "any" : "all");
  json_object_set_array_member (rules, "rules", list);
  for (guint i = 0; rule_texts && rule_texts[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      JsonObject *rule = td_segment_rule_parse (rule_texts[i], currency, &error);

      if (rule == NULL)
        {
          td_cli_fail (cli, "--rule: %s", error->message);
          return NULL;
        }
      json_array_add_object_element (list, rule);
    }
  return g_steal_pointer (&rules);
}

static int
cmd_segments_list (Cli   *cli,
                   int    argc,
                   char **argv)
{
  const Command *command = find_segments_command ("list");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  gboolean counts = FALSE;
  GOptionEntry entries[] = {
    { "counts", 0, 0, G_OPTION_ARG_NONE, &counts, N_("Count each segment's customers too"), NULL },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  segments = td_segment_list (db, &error);
  if (segments == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "segments");
      json_builder_begin_array (b);
      for (guint i = 0; i < segments->len; i++)
        {
          TdSegment *s = g_ptr_array_index (segments, i);

          json_builder_begin_object (b);
          td_cli_add_string (b, "id", s->id);
          td_cli_add_string (b, "name", s->name);
          td_cli_add_string (b, "description", s->description);
          add_rules_json (b, s->rules);
          if (counts)
            {
              gint64 count = td_segment_count (db, s->rules, 0, &error);

              if (count < 0)
                return td_cli_fail_error (cli, error);
              json_builder_set_member_name (b, "count");
              json_builder_add_int_value (b, count);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (segments->len == 0)
    {
      g_print ("%s\n", _("No segments yet: “segments create NAME --rule …” makes one."));
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < segments->len; i++)
    {
      TdSegment *s = g_ptr_array_index (segments, i);

      if (counts)
        {
          gint64 count = td_segment_count (db, s->rules, 0, &error);

          if (count < 0)
            return td_cli_fail_error (cli, error);
          g_print ("%s  (%" G_GINT64_FORMAT ")\n", s->name, count);
        }
      else
        g_print ("%s\n", s->name);
      if (s->description)
        g_print ("  %s\n", s->description);
      print_rules_text (s->rules);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_segments_count (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_segments_command ("count");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSegment) segment = NULL;
  g_autoptr(JsonObject) adhoc = NULL;
  g_auto(GStrv) rule_texts = NULL;
  g_autofree char *today_text = NULL;
  JsonObject *rules;
  gboolean any = FALSE;
  guint32 today = 0;
  gint64 count;
  gint64 start;
  GOptionEntry entries[] = {
    { "rule", 0, 0, G_OPTION_ARG_STRING_ARRAY, &rule_texts, N_("Count by this rule instead of a saved segment (repeat for more)"), N_("RULE") },
    { "any", 0, 0, G_OPTION_ARG_NONE, &any, N_("With --rule: customers matching any rule, not all"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("The day relative rules count from (default: today)"), N_("DATE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, rule_texts ? 0 : 1))
    return TD_CLI_EXIT_USAGE;
  if (today_text && !td_cli_parse_date (cli, "--today", today_text, &today))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);

  if (rule_texts)
    {
      adhoc = rules_from_options (cli, db, rule_texts, any);
      if (adhoc == NULL)
        return TD_CLI_EXIT_USAGE;
      rules = adhoc;
    }
  else
    {
      segment = td_segment_find (db, argv[1], &error);
      if (segment == NULL)
        return td_cli_fail_error (cli, error);
      rules = segment->rules;
    }

  start = g_get_monotonic_time ();
  count = td_segment_count (db, rules, today, &error);
  if (count < 0)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      if (segment)
        {
          td_cli_add_string (b, "id", segment->id);
          td_cli_add_string (b, "name", segment->name);
        }
      add_rules_json (b, rules);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, count);
      json_builder_set_member_name (b, "ms");
      json_builder_add_double_value (b, (g_get_monotonic_time () - start) / 1000.0);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  g_print ("%" G_GINT64_FORMAT "\n", count);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_segments_create (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_segments_command ("create");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rules = NULL;
  g_auto(GStrv) rule_texts = NULL;
  g_autofree char *description = NULL;
  g_autofree char *rules_json = NULL;
  g_autofree char *id = NULL;
  gboolean any = FALSE;
  gint64 count;
  GOptionEntry entries[] = {
    { "rule", 0, 0, G_OPTION_ARG_STRING_ARRAY, &rule_texts, N_("A rule, such as city=郑州市, bookings>=2, last_stay<2026-01-01, age=30-39, tag=VIP, rfm=at-risk, consent_email=granted, “last_stay within-days 90” (repeat for more)"), N_("RULE") },
    { "rules-json", 0, 0, G_OPTION_ARG_STRING, &rules_json, N_("The rules as JSON, instead of --rule"), N_("JSON") },
    { "any", 0, 0, G_OPTION_ARG_NONE, &any, N_("Customers matching any rule, not all"), NULL },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What the segment is for"), N_("TEXT") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (rules_json && rule_texts)
    {
      td_cli_fail (cli, _("Give --rule or --rules-json, not both. Try “%s segments create --help”."), cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);

  if (rules_json)
    {
      g_autoptr(JsonNode) node = json_from_string (rules_json, &error);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          td_cli_fail (cli, _("--rules-json: not a JSON object%s%s"), error ? ": " : "", error ? error->message : "");
          return TD_CLI_EXIT_USAGE;
        }
      rules = json_node_dup_object (node);
      if (!td_segment_rules_check (rules, &error))
        {
          td_cli_fail (cli, "--rules-json: %s", error->message);
          return TD_CLI_EXIT_USAGE;
        }
    }
  else
    {
      rules = rules_from_options (cli, db, rule_texts, any);
      if (rules == NULL)
        return TD_CLI_EXIT_USAGE;
    }

  id = td_segment_save (db, argv[1], rules, description, &error);
  if (id == NULL)
    return td_cli_fail_error (cli, error);
  count = td_segment_count (db, rules, 0, &error);
  if (count < 0)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "id", id);
      td_cli_add_string (b, "name", argv[1]);
      add_rules_json (b, rules);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, count);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, count);

    g_print (g_dngettext (GETTEXT_PACKAGE, "Saved segment “%s”: %s customer today.\n",
                          "Saved segment “%s”: %s customers today.\n", (gulong) count),
             argv[1], number);
  }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_segments_show (Cli   *cli,
                   int    argc,
                   char **argv)
{
  const Command *command = find_segments_command ("show");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSegment) segment = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *limit_text = NULL;
  guint limit = 20;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("Show at most N customers (default 20)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (!td_cli_parse_limit (cli, limit_text, &limit))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  segment = td_segment_find (db, argv[1], &error);
  if (segment == NULL)
    return td_cli_fail_error (cli, error);
  ids = td_segment_list_customers (db, segment->rules, 0, limit, &error);
  if (ids == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "id", segment->id);
      td_cli_add_string (b, "name", segment->name);
      add_rules_json (b, segment->rules);
      json_builder_set_member_name (b, "customers");
      json_builder_begin_array (b);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(JsonObject) c = td_database_get_record (db, "customer", g_ptr_array_index (ids, i), NULL);
          g_autoptr(TdCustomerStats) s = td_customer_stats_get (db, g_ptr_array_index (ids, i), NULL);

          json_builder_begin_object (b);
          td_cli_add_string (b, "id", g_ptr_array_index (ids, i));
          td_cli_add_string (b, "name", c ? json_object_get_string_member_with_default (c, "name", NULL) : NULL);
          if (s)
            {
              json_builder_set_member_name (b, "bookings");
              json_builder_add_int_value (b, s->bookings);
              json_builder_set_member_name (b, "spend_minor");
              json_builder_add_int_value (b, s->spend_minor);
              td_cli_add_string (b, "last_stay", s->last_stay);
              td_cli_add_string (b, "rfm", s->has_group ? td_rfm_group_to_string (s->group) : NULL);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  g_print ("%s\n", segment->name);
  print_rules_text (segment->rules);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) c = td_database_get_record (db, "customer", g_ptr_array_index (ids, i), NULL);
      g_autoptr(TdCustomerStats) s = td_customer_stats_get (db, g_ptr_array_index (ids, i), NULL);
      g_autoptr(GString) line = g_string_new ("  ");

      td_cli_append_padded (line, c ? json_object_get_string_member_with_default (c, "name", "") : "", 16);
      if (s && s->has_group)
        g_string_append_printf (line, "%s · ", td_rfm_group_get_title (s->group));
      if (s && s->last_stay)
        g_string_append_printf (line, _("last stay %s"), s->last_stay);
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_segments_rfm (Cli   *cli,
                  int    argc,
                  char **argv)
{
  const Command *command = find_segments_command ("rfm");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 counts[TD_RFM_N_GROUPS];
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_rfm_group_counts (db, counts, &error))
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "groups");
      json_builder_begin_array (b);
      for (guint i = 0; i < TD_RFM_N_GROUPS; i++)
        {
          json_builder_begin_object (b);
          td_cli_add_string (b, "group", td_rfm_group_to_string (i));
          json_builder_set_member_name (b, "count");
          json_builder_add_int_value (b, counts[i]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < TD_RFM_N_GROUPS; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, counts[i]);

      td_cli_append_padded (line, td_rfm_group_get_title (i), 20);
      g_string_append_printf (line, "%s  (rfm=%s)", count, td_rfm_group_to_string (i));
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static const Command segments_commands[] = {
  { "list", "", N_("The saved segments and their rules"), cmd_segments_list },
  { "count", N_("NAME"), N_("How many customers a segment holds today"), cmd_segments_count },
  { "create", N_("NAME"), N_("Save a segment by its rules (replacing one of that name)"), cmd_segments_create },
  { "show", N_("NAME"), N_("A segment's rules and its first customers"), cmd_segments_show },
  { "rfm", "", N_("How many customers are in each RFM group"), cmd_segments_rfm },
};

static Command segments_named[G_N_ELEMENTS (segments_commands)];

static const CommandGroup segments_group = {
  .name = "segments",
  .commands = segments_commands,
  .n_commands = G_N_ELEMENTS (segments_commands),
  .named = segments_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] segments SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Segments: customers chosen by rules over where they are from, what they booked, what they spent, their consent and their RFM group."),
  .footer = N_("“segments SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“segments” needs a sub-command. Try “%s segments --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s segments --help”."),
};

static const Command *
find_segments_command (const char *name)
{
  return td_cli_find_subcommand (&segments_group, name);
}

int
td_cli_cmd_segments (Cli   *cli,
                     int    argc,
                     char **argv)
{
  return td_cli_run_group (cli, &segments_group, argc, argv);
}
