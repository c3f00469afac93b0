/* td-cli-workspace.c: tourdesk-cli, the workspace commands (init, demo,
 * info, backup, restore, check)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "td-cli-private.h"

/* ------------------------------------------------------------------ */
/* init                                                               */

int
td_cli_cmd_init (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = td_cli_find_command ("init");
  g_autofree char *profile_name = NULL;
  g_autofree char *name = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  TdProfile profile = TD_PROFILE_BOTH;
  gboolean existed;
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("What the business is: hotel, agency or both (default both)"), N_("PROFILE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The name of the business"), N_("NAME") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (profile_name && !td_profile_from_string (profile_name, &profile))
    {
      td_cli_fail (cli, _("“%s” is not a business type: use hotel, agency or both"), profile_name);
      return TD_CLI_EXIT_USAGE;
    }
  if (name == NULL)
    name = g_strdup (_("My business"));

  existed = g_file_test (cli->db_path, G_FILE_TEST_EXISTS);
  db = td_database_open (cli->db_path, TD_OPEN_FLAGS_CREATE, &error);
  if (db == NULL || !td_database_init_workspace (db, profile, name, &error))
    {
      g_clear_object (&db);
      /* a failed command leaves things as they were: no empty file behind */
      if (!existed)
        {
          g_autofree char *wal = g_strconcat (cli->db_path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (cli->db_path, "-shm", NULL);

          g_unlink (cli->db_path);
          g_unlink (wal);
          g_unlink (shm);
        }
      return td_cli_fail_error (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_path);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, g_strstrip (name));
      json_builder_set_member_name (b, "profile");
      json_builder_add_string_value (b, td_profile_to_string (profile));
      json_builder_set_member_name (b, "schema_version");
      json_builder_add_int_value (b, td_database_get_schema_version (db));
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    g_print (_("Created the workspace “%s” at %s\n"), g_strstrip (name), cli->db_path);

  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* demo                                                               */

static void
demo_progress (double   fraction,
               gpointer user_data)
{
  if (isatty (STDERR_FILENO))
    g_printerr ("\r%s %3d%%", _("Generating the demo…"), (int) (fraction * 100));
}

int
td_cli_cmd_demo (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = td_cli_find_command ("demo");
  g_autofree char *seed_text = NULL;
  g_autofree char *customers_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *history_text = NULL;
  g_autofree char *copies_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  guint64 value;
  gint64 start;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("Seed of the generator: the same seed gives the same demo"), N_("N") },
    { "customers", 0, 0, G_OPTION_ARG_STRING, &customers_text, N_("Number of customers (default 2000)"), N_("N") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The hotels' today: their stays are around it (default today)"), N_("DATE") },
    { "history", 0, 0, G_OPTION_ARG_STRING, &history_text, N_("Stays this many days further back, for the analytics (default 0)"), N_("DAYS") },
    { "hotel-copies", 0, 0, G_OPTION_ARG_STRING, &copies_text, N_("The hotels this many times over, for benchmarks (default 1)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;

  td_demo_options_init (&options);
  if (seed_text)
    {
      if (!td_cli_parse_count (cli, "--seed", seed_text, G_MAXUINT32, &value))
        return TD_CLI_EXIT_USAGE;
      options.seed = (guint32) value;
    }
  if (customers_text)
    {
      if (!td_cli_parse_count (cli, "--customers", customers_text, 10000000, &value))
        return TD_CLI_EXIT_USAGE;
      options.customers = (guint) value;
    }
  if (date_text && !td_cli_parse_date (cli, "--date", date_text, &options.base_date))
    return TD_CLI_EXIT_USAGE;
  if (history_text)
    {
      if (!td_cli_parse_count (cli, "--history", history_text, 3660, &value))
        return TD_CLI_EXIT_USAGE;
      options.history_days = (guint) value;
    }
  if (copies_text)
    {
      if (!td_cli_parse_count (cli, "--hotel-copies", copies_text, 1000, &value))
        return TD_CLI_EXIT_USAGE;
      options.hotel_copies = (guint) value;
    }

  start = g_get_monotonic_time ();
  db = td_demo_create (cli->db_path, &options, demo_progress, NULL, NULL, &error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");
  if (db == NULL)
    return td_cli_fail_error (cli, error);

  summary = td_database_load_summary (db, &error);
  if (summary == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_path);
      json_builder_set_member_name (b, "seed");
      json_builder_add_int_value (b, options.seed);
      json_builder_set_member_name (b, "customers");
      json_builder_add_int_value (b, td_summary_get_count (summary, "customer"));
      json_builder_set_member_name (b, "seconds");
      json_builder_add_double_value (b, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    {
      g_autofree char *customers = g_strdup_printf ("%" G_GINT64_FORMAT, td_summary_get_count (summary, "customer"));
      g_autofree char *hotels = g_strdup_printf ("%" G_GINT64_FORMAT, td_summary_get_count (summary, "property"));
      g_autofree char *rooms = g_strdup_printf ("%" G_GINT64_FORMAT, td_summary_get_count (summary, "room"));
      g_autofree char *places = g_strdup_printf ("%" G_GINT64_FORMAT, td_summary_get_count (summary, "poi"));

      g_print (_("Created the demo workspace at %s: %s customers, %s hotels, %s rooms, %s places (%.1f s)\n"),
               cli->db_path, customers, hotels, rooms, places,
               (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    }

  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* info                                                               */

int
td_cli_cmd_info (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = td_cli_find_command ("info");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const TdKind * const *kinds;
  guint n_kinds;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  summary = td_database_load_summary (db, &error);
  if (summary == NULL)
    return td_cli_fail_error (cli, error);

  kinds = td_kind_all (&n_kinds);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_path);
      json_builder_set_member_name (b, "schema_version");
      json_builder_add_int_value (b, td_summary_get_schema_version (summary));
      json_builder_set_member_name (b, "initialized");
      json_builder_add_boolean_value (b, td_database_is_initialized (db));
      json_builder_set_member_name (b, "name");
      if (td_summary_get_name (summary))
        json_builder_add_string_value (b, td_summary_get_name (summary));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "profile");
      json_builder_add_string_value (b, td_profile_to_string (td_summary_get_profile (summary)));
      json_builder_set_member_name (b, "currency");
      json_builder_add_string_value (b, td_summary_get_currency (summary));
      json_builder_set_member_name (b, "time_zone");
      json_builder_add_string_value (b, td_summary_get_time_zone (summary));
      json_builder_set_member_name (b, "counts");
      json_builder_begin_object (b);
      for (guint i = 0; i < n_kinds; i++)
        {
          json_builder_set_member_name (b, kinds[i]->name);
          json_builder_add_int_value (b, td_summary_get_count (summary, kinds[i]->name));
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "outbox_pending");
      json_builder_add_int_value (b, td_summary_get_outbox_pending (summary));
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  td_cli_print_row (_("Workspace:"), cli->db_path);
  if (td_database_is_initialized (db))
    {
      td_cli_print_row (_("Name:"), td_summary_get_name (summary));
      td_cli_print_row (_("Business:"), td_profile_get_title (td_summary_get_profile (summary)));
    }
  else
    td_cli_print_row (_("Name:"), _("(not set up yet: run init or demo)"));
  {
    g_autofree char *version = g_strdup_printf ("%d", td_summary_get_schema_version (summary));
    td_cli_print_row (_("Format version:"), version);
  }
  td_cli_print_row (_("Currency:"), td_summary_get_currency (summary));
  td_cli_print_row (_("Time zone:"), td_summary_get_time_zone (summary));
  for (guint i = 0; i < n_kinds; i++)
    {
      /* Translators: a label before a value, as in “Rooms:” */
      g_autofree char *label = g_strdup_printf (_("%s:"), _(kinds[i]->title));

      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, td_summary_get_count (summary, kinds[i]->name));

      td_cli_print_row (label, count);
    }
  {
    g_autofree char *pending = g_strdup_printf ("%" G_GINT64_FORMAT, td_summary_get_outbox_pending (summary));
    td_cli_print_row (_("Changes not yet sent:"), pending);
  }

  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* backup and restore                                                 */

int
td_cli_cmd_backup (Cli   *cli,
                   int    argc,
                   char **argv)
{
  const Command *command = td_cli_find_command ("backup");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_database_backup (db, argv[1], &error))
    return td_cli_fail_error (cli, error);

  if (g_stat (argv[1], &st) != 0)
    st.st_size = 0;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, cli->db_path);
      json_builder_set_member_name (b, "backup");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, st.st_size);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    g_print (_("Backed up %s to %s (%s)\n"), cli->db_path, argv[1],
             g_format_size ((guint64) st.st_size));

  return TD_CLI_EXIT_SUCCESS;
}

int
td_cli_cmd_restore (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = td_cli_find_command ("restore");
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the workspace if it exists"), NULL },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;

  if (!td_database_restore (argv[1], cli->db_path, force, &error))
    {
      if (g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS))
        td_cli_fail (cli, _("%s. Add --force to replace it."), error->message);
      else
        td_cli_fail (cli, "%s", error->message);
      return TD_CLI_EXIT_FAILURE;
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "restored");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_path);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    g_print (_("Restored %s from %s\n"), cli->db_path, argv[1]);

  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* check                                                              */

int
td_cli_cmd_check (Cli   *cli,
                  int    argc,
                  char **argv)
{
  const Command *command = td_cli_find_command ("check");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all_ok = TRUE;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  results = td_database_check (db, &error);
  if (results == NULL)
    return td_cli_fail_error (cli, error);

  for (guint i = 0; i < results->len; i++)
    all_ok &= ((TdCheckResult *) g_ptr_array_index (results, i))->ok;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_path);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, all_ok);
      json_builder_set_member_name (b, "checks");
      json_builder_begin_array (b);
      for (guint i = 0; i < results->len; i++)
        {
          TdCheckResult *r = g_ptr_array_index (results, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, r->name);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, r->title);
          json_builder_set_member_name (b, "ok");
          json_builder_add_boolean_value (b, r->ok);
          json_builder_set_member_name (b, "detail");
          if (r->detail)
            json_builder_add_string_value (b, r->detail);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    {
      for (guint i = 0; i < results->len; i++)
        {
          TdCheckResult *r = g_ptr_array_index (results, i);

          g_print ("%s %s\n", r->ok ? "✓" : "✗", r->title);
          if (r->detail)
            {
              g_auto(GStrv) lines = g_strsplit (r->detail, "\n", -1);

              for (guint l = 0; lines[l]; l++)
                g_print ("    %s\n", lines[l]);
            }
        }
    }

  if (!all_ok)
    {
      td_cli_fail (cli, _("%s failed its checks"), cli->db_path);
      return TD_CLI_EXIT_FAILURE;
    }
  return TD_CLI_EXIT_SUCCESS;
}
