/* td-cli-complaints.c: `complaints list|add|show|note|set-state`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-cli-private.h"
#include "td-complaints.h"

static const Command *find_complaints_command (const char *name);

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  td_cli_print_json_node (node);
}

static void
print_complaint_line (JsonObject *c)
{
  const char *customer = json_object_get_null_member (c, "customer_name") ? NULL
                         : json_object_get_string_member (c, "customer_name");
  const char *due = json_object_get_null_member (c, "due_at") ? "" : json_object_get_string_member (c, "due_at");

  /* TRANSLATORS: one complaint in the list: id, state, severity, subject, customer, due time, "overdue" */
  g_print (_("%s  %-12s %-8s %s%s%s  due %s%s\n"),
           json_object_get_string_member (c, "id"),
           td_complaint_state_title (json_object_get_string_member (c, "state")),
           json_object_get_null_member (c, "severity") ? "" : td_complaint_severity_title (json_object_get_string_member (c, "severity")),
           json_object_get_string_member (c, "subject"),
           customer ? " · " : "", customer ? customer : "",
           due, json_object_get_boolean_member (c, "overdue") ? _(" (overdue)") : "");
}

static int
cmd_complaints_list (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_complaints_command ("list");
  g_autofree char *state = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) complaints = NULL;
  GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("Only those in this state: new, assigned, in_progress, resolved, closed"), N_("STATE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (state && !g_strv_contains (td_complaint_states, state))
    {
      td_cli_fail (cli, _("--state must be one of new, assigned, in_progress, resolved, closed"));
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  complaints = td_complaints_list (db, state, &error);
  if (complaints == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), complaints);

      td_cli_print_json_node (node);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (json_array_get_length (complaints) == 0)
    g_print (_("No complaints.\n"));
  for (guint i = 0; i < json_array_get_length (complaints); i++)
    print_complaint_line (json_array_get_object_element (complaints, i));
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_complaints_add (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_complaints_command ("add");
  g_autofree char *subject = NULL, *body = NULL, *channel = NULL, *category = NULL, *severity = NULL;
  g_autofree char *customer = NULL, *booking = NULL, *about = NULL, *contact = NULL, *occurred = NULL;
  g_autofree char *id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  GOptionEntry entries[] = {
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("What it is about, in a few words (required)"), N_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("What the customer said (required)"), N_("TEXT") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("How it came: desk (default), phone, web, letter, platform"), N_("CHANNEL") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("service, price, safety, hygiene, itinerary, guide, accommodation, transport, other"), N_("CATEGORY") },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &severity, N_("low, medium (default), high, critical: sets the due time"), N_("SEVERITY") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The customer's id"), N_("ID") },
    { "booking", 0, 0, G_OPTION_ARG_STRING, &booking, N_("The booking concerned (its reference)"), N_("REF") },
    { "about", 0, 0, G_OPTION_ARG_STRING, &about, N_("The place, tour or service concerned"), N_("TEXT") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("How to reach the customer"), N_("TEXT") },
    { "occurred-on", 0, 0, G_OPTION_ARG_STRING, &occurred, N_("When it happened"), N_("YYYY-MM-DD") },
    { NULL }
  };
  const struct { const char *name; char **value; } fields[] = {
    { "subject", &subject }, { "body", &body }, { "channel", &channel }, { "category", &category },
    { "severity", &severity }, { "customer_id", &customer }, { "booking_ref", &booking }, { "about", &about },
    { "contact", &contact }, { "occurred_on", &occurred },
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (subject == NULL || body == NULL)
    {
      td_cli_fail (cli, _("Say what the complaint is: --subject TEXT --body TEXT"));
      return TD_CLI_EXIT_USAGE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (*fields[i].value)
      json_object_set_string_member (values, fields[i].name, *fields[i].value);
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  id = td_complaints_add (db, values, g_get_user_name (), &error);
  if (id == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonObject) complaint = td_complaints_get (db, id, &error);

      if (complaint == NULL)
        return td_cli_fail_error (cli, error);
      print_object (complaint);
      return TD_CLI_EXIT_SUCCESS;
    }
  g_print ("%s\n", id);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_complaints_show (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_complaints_command ("show");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) complaint = NULL;
  JsonArray *notes;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  complaint = td_complaints_get (db, argv[1], &error);
  if (complaint == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      print_object (complaint);
      return TD_CLI_EXIT_SUCCESS;
    }
  print_complaint_line (complaint);
  g_print ("%s\n", json_object_get_string_member (complaint, "body"));
  notes = json_object_get_array_member (complaint, "notes");
  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      JsonObject *note = json_array_get_object_element (notes, i);
      const char *body = json_object_get_null_member (note, "body") ? "" : json_object_get_string_member (note, "body");
      const char *state = json_object_get_null_member (note, "state") ? NULL : json_object_get_string_member (note, "state");
      const char *outcome = json_object_get_null_member (note, "outcome") ? NULL : json_object_get_string_member (note, "outcome");
      const char *assignee = json_object_get_null_member (note, "assignee") ? NULL : json_object_get_string_member (note, "assignee");

      g_print ("  %s", json_object_get_string_member (note, "created_at"));
      if (state)
        g_print ("  → %s", td_complaint_state_title (state));
      if (assignee)
        g_print (" (%s)", assignee);
      if (outcome)
        g_print ("  %s", td_complaint_outcome_title (outcome));
      g_print ("  %s\n", body);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_complaints_note (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_complaints_command ("note");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 2))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_complaints_note (db, argv[1], argv[2], g_get_user_name (), &error))
    return td_cli_fail_error (cli, error);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_complaints_set_state (Cli   *cli,
                          int    argc,
                          char **argv)
{
  const Command *command = find_complaints_command ("set-state");
  g_autofree char *assignee = NULL, *outcome = NULL, *amount_text = NULL, *currency = NULL, *note = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  TdMoney amount = { 0, "" };
  GOptionEntry entries[] = {
    { "assignee", 0, 0, G_OPTION_ARG_STRING, &assignee, N_("Who handles it (for “assigned”)"), N_("NAME") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("How it was settled: refund, voucher, apology, none"), N_("OUTCOME") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text, N_("The refund's or voucher's amount, such as 60.00"), N_("AMOUNT") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("The amount's currency (default CNY)"), N_("CODE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A remark kept with the step"), N_("TEXT") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 2))
    return TD_CLI_EXIT_USAGE;
  if (!g_strv_contains (td_complaint_states, argv[2]))
    {
      td_cli_fail (cli, _("The state must be one of new, assigned, in_progress, resolved, closed"));
      return TD_CLI_EXIT_USAGE;
    }
  if (amount_text && !td_money_parse (amount_text, currency ? currency : "CNY", &amount, &error))
    {
      td_cli_fail (cli, _("--amount: %s"), error->message);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_complaints_set_state (db, argv[1], argv[2], assignee, outcome, amount_text ? &amount : NULL, note,
                                g_get_user_name (), &error))
    return td_cli_fail_error (cli, error);
  return TD_CLI_EXIT_SUCCESS;
}

static const Command complaints_commands[] = {
  { "list", "", N_("The complaints, newest first, with their state and due time"), cmd_complaints_list },
  { "add", "", N_("Take a complaint"), cmd_complaints_add },
  { "show", N_("ID"), N_("One complaint with its history"), cmd_complaints_show },
  { "note", N_("ID TEXT"), N_("Add a response or remark to a complaint"), cmd_complaints_note },
  { "set-state", N_("ID STATE"), N_("Move a complaint on: assigned, in_progress, resolved (with its outcome), closed"), cmd_complaints_set_state },
};

static Command complaints_named[G_N_ELEMENTS (complaints_commands)];

static const CommandGroup complaints_group = {
  .name = "complaints",
  .commands = complaints_commands,
  .n_commands = G_N_ELEMENTS (complaints_commands),
  .named = complaints_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] complaints SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Customers' complaints and their handling; they reach the platform with the sync."),
  .footer = N_("“complaints SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“complaints” needs a sub-command. Try “%s complaints --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s complaints --help”."),
};

static const Command *
find_complaints_command (const char *name)
{
  return td_cli_find_subcommand (&complaints_group, name);
}

int
td_cli_cmd_complaints (Cli   *cli,
                       int    argc,
                       char **argv)
{
  return td_cli_run_group (cli, &complaints_group, argc, argv);
}
