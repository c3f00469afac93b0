/* td-cli-customers.c: tourdesk-cli, the customers of the workspace
 * (customers search)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-cli-private.h"

static const Command *find_customers_command (const char *name);

static int
cmd_customers_search (Cli   *cli,
                      int    argc,
                      char **argv)
{
  const Command *command = find_customers_command ("search");
  g_autofree char *limit_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  guint64 limit = TD_CUSTOMER_SEARCH_DEFAULT_LIMIT;
  const char *query;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("Show at most N customers (default 50)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  query = argv[1];
  if (limit_text && !g_ascii_string_to_unsigned (limit_text, 10, 1, 10000, &limit, NULL))
    {
      td_cli_fail (cli, _("%s: “%s” is not a number from 1 to %s"), "--limit", limit_text, "10000");
      return TD_CLI_EXIT_USAGE;
    }
  {
    g_autofree char *stripped = g_strstrip (g_strdup (query));

    if (!g_utf8_validate (query, -1, NULL) || *stripped == '\0')
      {
        td_cli_fail (cli, _("Say what to look for: a name, pinyin, phone, e-mail or identity number. Try “%s %s --help”."),
                     cli->prog, command->name);
        return TD_CLI_EXIT_USAGE;
      }
  }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  hits = td_customer_search (db, query, (guint) limit, &error);
  if (hits == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "query");
      json_builder_add_string_value (b, query);
      json_builder_set_member_name (b, "hits");
      json_builder_begin_array (b);
      for (guint i = 0; i < hits->len; i++)
        {
          TdCustomerHit *hit = g_ptr_array_index (hits, i);
          const char *names[] = { "id", "name", "phone", "id_number_masked", "email" };
          const char *values[] = { hit->id, hit->name, hit->phone, hit->id_number_masked, hit->email };

          json_builder_begin_object (b);
          for (guint f = 0; f < G_N_ELEMENTS (names); f++)
            {
              json_builder_set_member_name (b, names[f]);
              if (values[f])
                json_builder_add_string_value (b, values[f]);
              else
                json_builder_add_null_value (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (hits->len == 0)
    {
      g_print (_("No customer matches “%s”.\n"), query);
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      TdCustomerHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(GString) line = g_string_new (NULL);

      td_cli_append_padded (line, hit->name, 20);
      td_cli_append_padded (line, hit->phone ? hit->phone : "-", 15);
      td_cli_append_padded (line, hit->id_number_masked ? hit->id_number_masked : "-", 18);
      td_cli_append_padded (line, hit->email ? hit->email : "-", 24);
      g_string_append (line, hit->id);
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* `customers SUBCOMMAND`: import, export, add, show and merge will join search */
static const Command customers_commands[] = {
  { "search", N_("QUERY"), N_("Find customers by name, pinyin, phone, e-mail or identity number"), cmd_customers_search },
};

static Command customers_named[G_N_ELEMENTS (customers_commands)];

static const CommandGroup customers_group = {
  .name = "customers",
  .commands = customers_commands,
  .n_commands = G_N_ELEMENTS (customers_commands),
  .named = customers_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] customers SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("The customers of the workspace."),
  .footer = N_("“customers SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“customers” needs a sub-command. Try “%s customers --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s customers --help”."),
};

static const Command *
find_customers_command (const char *name)
{
  return td_cli_find_subcommand (&customers_group, name);
}

int
td_cli_cmd_customers (Cli   *cli,
                      int    argc,
                      char **argv)
{
  return td_cli_run_group (cli, &customers_group, argc, argv);
}
