/* td-cli.c: tourdesk-cli, the core without a window
 *
 * Conventions for every command: --db PATH, --help, --json where it prints
 * data (one JSON document on stdout), one line on stderr for an error, and
 * exit 0 (success), 1 (failure) or 2 (usage).
 *
 * This file holds what the commands share and the command table; the
 * commands are in td-cli-workspace.c, td-cli-customers.c, td-cli-pois.c,
 * td-cli-rooms.c, td-cli-stays.c and td-cli-tours.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "td-cli-private.h"

/* ------------------------------------------------------------------ */

void
td_cli_fail (Cli        *cli,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* one line, whatever the message holds, after what was printed */
  g_strdelimit (message, "\n", ' ');
  fflush (stdout);
  g_printerr ("%s: %s\n", cli->prog, message);
}

int
td_cli_fail_error (Cli    *cli,
                   GError *error)
{
  td_cli_fail (cli, "%s", error->message);
  return TD_CLI_EXIT_FAILURE;
}

/* Pads a label to a column of the terminal: wide (CJK) characters take two
 * cells, so printf's byte count would not line up. */
void
td_cli_print_row (const char *label,
                  const char *value)
{
  guint width = 0;

  for (const char *p = label; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  g_print ("%s%*s %s\n", label, width < 26 ? (int) (26 - width) : 0, "", value);
}

/* Appends text padded with spaces to `cells` terminal cells (wide CJK
 * characters take two). */
void
td_cli_append_padded (GString    *line,
                      const char *text,
                      guint       cells)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  g_string_append (line, text);
  for (; width < cells; width++)
    g_string_append_c (line, ' ');
  g_string_append_c (line, ' ');
}

gboolean
td_cli_parse_date (Cli        *cli,
                   const char *option,
                   const char *text,
                   guint32    *julian)
{
  g_autoptr(GError) error = NULL;

  if (!td_date_parse_iso (text, julian, &error))
    {
      td_cli_fail (cli, "%s: %s", option, error->message);
      return FALSE;
    }
  return TRUE;
}

void
td_cli_print_json_node (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
td_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  td_cli_print_json_node (root);
}

static char *
default_db_path (void)
{
  const char *env = g_getenv ("TOURDESK_DB");
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (env && *env)
    return g_strdup (env);

  /* the workspace the GUI uses, when its settings are installed */
  source = g_settings_schema_source_get_default ();
  if (source)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema)
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
      g_autofree char *path = g_settings_get_string (settings, "workspace-path");

      if (path && *path)
        return g_steal_pointer (&path);
    }

  return td_workspace_default_path ();
}

/* Parses a command's options; --db and --json are known to every command
 * (json only where the command prints data). Returns -1 to go on, or an
 * exit status. */
int
td_cli_parse_options (Cli           *cli,
                      const Command *command,
                      GOptionEntry  *entries,
                      gboolean       has_json,
                      int           *argc,
                      char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s %s", command->name, *command->args ? _(command->args) : "");
  GOptionEntry common[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, cli->db_help ? cli->db_help : N_("The workspace file"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json, N_("Print one JSON document on standard output"), NULL },
    { NULL }
  };

  if (!has_json)
    common[1].long_name = NULL;

  context = g_option_context_new (parameter);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      td_cli_fail (cli, _("%s. Try “%s %s --help”."), error->message, cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (db)
    {
      g_free (cli->db_path);
      cli->db_path = g_steal_pointer (&db);
    }
  return -1;
}

gboolean
td_cli_parse_count (Cli        *cli,
                    const char *option,
                    const char *text,
                    guint64     max,
                    guint64    *out)
{
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    {
      g_autofree char *limit = g_strdup_printf ("%" G_GUINT64_FORMAT, max);

      td_cli_fail (cli, _("%s: “%s” is not a number from 0 to %s"), option, text, limit);
      return FALSE;
    }
  return TRUE;
}

gboolean
td_cli_parse_limit (Cli        *cli,
                    const char *text,
                    guint      *limit)
{
  guint64 value;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, TD_CLI_MAX_LIMIT, &value, NULL))
    {
      td_cli_fail (cli, _("%s: “%s” is not a number from 1 to %s"), "--limit", text, G_STRINGIFY (TD_CLI_MAX_LIMIT));
      return FALSE;
    }
  *limit = (guint) value;
  return TRUE;
}

gboolean
td_cli_expect_args (Cli           *cli,
                    const Command *command,
                    int            argc,
                    int            wanted)
{
  /* argv[0] is the command name */
  if (argc - 1 < wanted)
    {
      td_cli_fail (cli, _("“%s” needs %s. Try “%s %s --help”."),
                   command->name, command->args, cli->prog, command->name);
      return FALSE;
    }
  if (argc - 1 > wanted)
    {
      td_cli_fail (cli, _("Too many arguments for “%s”. Try “%s %s --help”."),
                   command->name, cli->prog, command->name);
      return FALSE;
    }
  return TRUE;
}

TdDatabase *
td_cli_open_existing (Cli     *cli,
                      GError **error)
{
  return td_database_open (cli->db_path, TD_OPEN_FLAGS_NONE, error);
}

/* ------------------------------------------------------------------ */
/* groups of sub-commands (customers, pois)                           */

const Command *
td_cli_find_subcommand (const CommandGroup *group,
                        const char         *name)
{
  /* named “pois import” in messages and --help */
  for (guint i = 0; i < group->n_commands; i++)
    if (g_str_equal (group->commands[i].name, name))
      {
        if (group->named[i].name == NULL)
          {
            g_autofree char *full = g_strconcat (group->name, " ", group->commands[i].name, NULL);

            group->named[i] = group->commands[i];
            group->named[i].name = g_intern_string (full);
          }
        return &group->named[i];
      }
  return NULL;
}

/* The group's messages are formats of its own, from its N_() strings. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static void
print_group_help (Cli                *cli,
                  const CommandGroup *group)
{
  g_print (_(group->usage), cli->prog);
  g_print ("%s\n\n", _(group->description));
  g_print ("%s\n", _("Sub-commands:"));
  for (guint i = 0; i < group->n_commands; i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", group->commands[i].name,
                                                *group->commands[i].args ? _(group->commands[i].args) : "");
      g_print ("  %-16s %s\n", usage, _(group->commands[i].summary));
    }
  g_print ("\n%s\n", _(group->footer));
}

int
td_cli_run_group (Cli                *cli,
                  const CommandGroup *group,
                  int                 argc,
                  char              **argv)
{
  const Command *sub;

  if (argc < 2)
    {
      td_cli_fail (cli, _(group->needs_sub), cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_group_help (cli, group);
      return TD_CLI_EXIT_SUCCESS;
    }
  sub = td_cli_find_subcommand (group, argv[1]);
  if (sub == NULL)
    {
      td_cli_fail (cli, _(group->unknown_sub), argv[1], cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  /* the sub-command sees itself as argv[0] */
  return sub->func (cli, argc - 1, argv + 1);
}

#pragma GCC diagnostic pop

/* ------------------------------------------------------------------ */

static const Command commands[] = {
  { "init", "", N_("Create a new workspace for a hotel, an agency or both"), td_cli_cmd_init },
  { "demo", "", N_("Create a demo workspace for Henan province"), td_cli_cmd_demo },
  { "info", "", N_("Show what the workspace holds"), td_cli_cmd_info },
  { "backup", N_("DEST"), N_("Copy the workspace to DEST, safely while it is in use"), td_cli_cmd_backup },
  { "restore", N_("SRC"), N_("Replace the workspace with the backup SRC, after checking it"), td_cli_cmd_restore },
  { "check", "", N_("Check the workspace for damage and broken rules"), td_cli_cmd_check },
  { "customers", N_("SUBCOMMAND"), N_("Customers: search, add, show, merge, import, export (“customers --help” lists the sub-commands)"), td_cli_cmd_customers },
  { "pois", N_("SUBCOMMAND"), N_("Places on the map: import, nearby, search (“pois --help” lists the sub-commands)"), td_cli_cmd_pois },
  { "hotels", N_("SUBCOMMAND"), N_("Set up hotels: room types, prices, rooms (“hotels --help” lists the sub-commands)"), td_cli_cmd_hotels },
  { "rooms", N_("SUBCOMMAND"), N_("Hotel rooms: list, availability, housekeeping (“rooms --help” lists the sub-commands)"), td_cli_cmd_rooms },
  { "stays", N_("SUBCOMMAND"), N_("Bookings and stays: book, list, cancel, check in and out (“stays --help” lists the sub-commands)"), td_cli_cmd_stays },
  { "tickets", N_("SUBCOMMAND"), N_("Attraction tickets: sell, voucher, validate, list, slots (“tickets --help” lists the sub-commands)"), td_cli_cmd_tickets },
  { "tours", N_("SUBCOMMAND"), N_("Tours: list, book, bookings, cancel, pay, wait (“tours --help” lists the sub-commands)"), td_cli_cmd_tours },
  { "departures", N_("SUBCOMMAND"), N_("Departures of the tours: list (“departures --help”)"), td_cli_cmd_departures },
  { "contracts", N_("SUBCOMMAND"), N_("Travel contracts: print, sign (“contracts --help”)"), td_cli_cmd_contracts },
  { "segments", N_("SUBCOMMAND"), N_("Segments of customers: list, count, create, show, rfm (“segments --help” lists the sub-commands)"), td_cli_cmd_segments },
  { "campaigns", N_("SUBCOMMAND"), N_("E-mail campaigns: create, preview, test, send, export, opt-out, smtp (“campaigns --help” lists the sub-commands)"), td_cli_cmd_campaigns },
  { "coupons", N_("SUBCOMMAND"), N_("Coupon codes: create, batch, list, redeem (“coupons --help” lists the sub-commands)"), td_cli_cmd_coupons },
  { "loyalty", N_("SUBCOMMAND"), N_("Loyalty points: show, earn, redeem (“loyalty --help” lists the sub-commands)"), td_cli_cmd_loyalty },
  { "reports", N_("SUBCOMMAND"), N_("Reports and key figures: daily (the night audit), kpi (“reports --help” lists the sub-commands)"), td_cli_cmd_reports },
  { "surveys", N_("SUBCOMMAND"), N_("Satisfaction surveys: add, import, summary with the NPS (“surveys --help” lists the sub-commands)"), td_cli_cmd_surveys },
  { "calendar", N_("SUBCOMMAND"), N_("Rooms' iCalendar feeds: export, import from OTAs (“calendar --help” lists the sub-commands)"), td_cli_cmd_calendar },
  { "folio", N_("SUBCOMMAND"), N_("A stay's folio: charges, payments, the balance (“folio --help” lists the sub-commands)"), td_cli_cmd_folio },
  { "sync", N_("[status|login|logout]"), N_("Send this desk's changes to the platform and fetch the others' (“sync status”: what is waiting)"), td_cli_cmd_sync },
  { "complaints", N_("SUBCOMMAND"), N_("Complaints: list, add, show, note, set-state (“complaints --help” lists the sub-commands)"), td_cli_cmd_complaints },
};

const Command *
td_cli_find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static void
print_help (Cli *cli)
{
  g_print (_("Usage:\n  %s [--db PATH] COMMAND [OPTION…]\n\n"), cli->prog);
  g_print ("%s\n\n", _("Tourdesk on the command line: manage a workspace without the window."));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", commands[i].name,
                                                *commands[i].args ? _(commands[i].args) : "");
      g_print ("  %-16s %s\n", usage, _(commands[i].summary));
    }
  g_print ("\n%s\n", _("Options:"));
  g_print ("  %-16s %s\n", "--db PATH", _("The workspace file (default: the one the application uses)"));
  g_print ("  %-16s %s\n", "--help", _("Show help; “COMMAND --help” shows a command’s options"));
  g_print ("  %-16s %s\n", "--version", _("Show the version"));
  g_print ("\n%s\n", _("Exit status: 0 success, 1 failure, 2 wrong usage."));
}

int
td_cli_run (int    argc,
            char **argv)
{
  Cli cli = { 0 };
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const Command *command = NULL;
  int status;
  int i;

  cli.prog = "tourdesk-cli";
  /* GOptionContext names the program in its usage line */
  g_set_prgname (cli.prog);

  /* global options come before the command */
  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "help"))
        {
          print_help (&cli);
          g_free (cli.db_path);
          return TD_CLI_EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("tourdesk-cli %s\n", PACKAGE_VERSION);
          return TD_CLI_EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--db"))
        {
          if (i + 1 >= argc)
            {
              td_cli_fail (&cli, _("--db needs a PATH. Try “%s --help”."), cli.prog);
              return TD_CLI_EXIT_USAGE;
            }
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (arg + 5);
        }
      else if (arg[0] == '-')
        {
          td_cli_fail (&cli, _("Unknown option “%s”. Try “%s --help”."), arg, cli.prog);
          g_free (cli.db_path);
          return TD_CLI_EXIT_USAGE;
        }
      else
        break;
    }

  if (i >= argc)
    {
      td_cli_fail (&cli, _("No command given. Try “%s --help”."), cli.prog);
      g_free (cli.db_path);
      return TD_CLI_EXIT_USAGE;
    }

  command = td_cli_find_command (argv[i]);
  if (command == NULL)
    {
      td_cli_fail (&cli, _("Unknown command “%s”. Try “%s --help”."), argv[i], cli.prog);
      g_free (cli.db_path);
      return TD_CLI_EXIT_USAGE;
    }

  for (int j = i; j < argc; j++)
    g_ptr_array_add (rest, argv[j]);
  g_ptr_array_add (rest, NULL);

  if (cli.db_path == NULL)
    cli.db_path = default_db_path ();

  {
    int sub_argc = (int) rest->len - 1;
    char **sub_argv = (char **) rest->pdata;

    status = command->func (&cli, sub_argc, sub_argv);
  }

  if (cli.db_path && *cli.db_path == '\0')
    status = TD_CLI_EXIT_USAGE;

  g_free (cli.db_path);
  return status;
}
