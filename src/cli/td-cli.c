/* td-cli.c: tourdesk-cli, the core without a window
 *
 * Conventions for every command: --db PATH, --help, --json where it prints
 * data (one JSON document on stdout), one line on stderr for an error, and
 * exit 0 (success), 1 (failure) or 2 (usage).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "td-cli.h"
#include "td-core.h"
#include "td-poi-import.h"
#include "td-poi-query.h"

typedef struct {
  const char *prog;
  char       *db_path;
  gboolean    json;
} Cli;

typedef int (*CommandFunc) (Cli *cli, int argc, char **argv);

typedef struct {
  const char  *name;
  const char  *args;     /* parameter string for --help */
  const char  *summary;  /* N_() */
  CommandFunc  func;
} Command;

/* ------------------------------------------------------------------ */

static void G_GNUC_PRINTF (2, 3)
fail (Cli        *cli,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* one line, whatever the message holds */
  g_strdelimit (message, "\n", ' ');
  g_printerr ("%s: %s\n", cli->prog, message);
}

static int
fail_error (Cli    *cli,
            GError *error)
{
  fail (cli, "%s", error->message);
  return TD_CLI_EXIT_FAILURE;
}

/* Pads a label to a column of the terminal: wide (CJK) characters take two
 * cells, so printf's byte count would not line up. */
static void
print_row (const char *label,
           const char *value)
{
  guint width = 0;

  for (const char *p = label; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  g_print ("%s%*s %s\n", label, width < 26 ? (int) (26 - width) : 0, "", value);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
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
static int
parse_options (Cli           *cli,
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
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The workspace file"), N_("PATH") },
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
      fail (cli, _("%s. Try “%s %s --help”."), error->message, cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (db)
    {
      g_free (cli->db_path);
      cli->db_path = g_steal_pointer (&db);
    }
  return -1;
}

static gboolean
expect_args (Cli           *cli,
             const Command *command,
             int            argc,
             int            wanted)
{
  /* argv[0] is the command name */
  if (argc - 1 < wanted)
    {
      fail (cli, _("“%s” needs %s. Try “%s %s --help”."),
            command->name, command->args, cli->prog, command->name);
      return FALSE;
    }
  if (argc - 1 > wanted)
    {
      fail (cli, _("Too many arguments for “%s”. Try “%s %s --help”."),
            command->name, cli->prog, command->name);
      return FALSE;
    }
  return TRUE;
}

static TdDatabase *
open_existing (Cli     *cli,
               GError **error)
{
  return td_database_open (cli->db_path, TD_OPEN_FLAGS_NONE, error);
}

/* ------------------------------------------------------------------ */
/* init                                                               */

static const Command *find_command (const char *name);

static int
cmd_init (Cli   *cli,
          int    argc,
          char **argv)
{
  const Command *command = find_command ("init");
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

  if ((status = parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (profile_name && !td_profile_from_string (profile_name, &profile))
    {
      fail (cli, _("“%s” is not a business type: use hotel, agency or both"), profile_name);
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
      return fail_error (cli, error);
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
      print_json (b);
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

static gboolean
parse_count (Cli        *cli,
             const char *option,
             const char *text,
             guint64     max,
             guint64    *out)
{
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, &error))
    {
      g_autofree char *limit = g_strdup_printf ("%" G_GUINT64_FORMAT, max);

      fail (cli, _("%s: “%s” is not a number from 0 to %s"), option, text, limit);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_demo (Cli   *cli,
          int    argc,
          char **argv)
{
  const Command *command = find_command ("demo");
  g_autofree char *seed_text = NULL;
  g_autofree char *customers_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  guint64 value;
  gint64 start;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("Seed of the generator: the same seed gives the same demo"), N_("N") },
    { "customers", 0, 0, G_OPTION_ARG_STRING, &customers_text, N_("Number of customers (default 2000)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;

  td_demo_options_init (&options);
  if (seed_text)
    {
      if (!parse_count (cli, "--seed", seed_text, G_MAXUINT32, &value))
        return TD_CLI_EXIT_USAGE;
      options.seed = (guint32) value;
    }
  if (customers_text)
    {
      if (!parse_count (cli, "--customers", customers_text, 10000000, &value))
        return TD_CLI_EXIT_USAGE;
      options.customers = (guint) value;
    }

  start = g_get_monotonic_time ();
  db = td_demo_create (cli->db_path, &options, demo_progress, NULL, NULL, &error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");
  if (db == NULL)
    return fail_error (cli, error);

  summary = td_database_load_summary (db, &error);
  if (summary == NULL)
    return fail_error (cli, error);

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
      print_json (b);
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

static int
cmd_info (Cli   *cli,
          int    argc,
          char **argv)
{
  const Command *command = find_command ("info");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const TdKind * const *kinds;
  guint n_kinds;
  int status;

  if ((status = parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;

  db = open_existing (cli, &error);
  if (db == NULL)
    return fail_error (cli, error);
  summary = td_database_load_summary (db, &error);
  if (summary == NULL)
    return fail_error (cli, error);

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
      print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  print_row (_("Workspace:"), cli->db_path);
  if (td_database_is_initialized (db))
    {
      print_row (_("Name:"), td_summary_get_name (summary));
      print_row (_("Business:"), td_profile_get_title (td_summary_get_profile (summary)));
    }
  else
    print_row (_("Name:"), _("(not set up yet: run init or demo)"));
  {
    g_autofree char *version = g_strdup_printf ("%d", td_summary_get_schema_version (summary));
    print_row (_("Format version:"), version);
  }
  print_row (_("Currency:"), td_summary_get_currency (summary));
  print_row (_("Time zone:"), td_summary_get_time_zone (summary));
  for (guint i = 0; i < n_kinds; i++)
    {
      /* Translators: a label before a value, as in “Rooms:” */
      g_autofree char *label = g_strdup_printf (_("%s:"), _(kinds[i]->title));

      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, td_summary_get_count (summary, kinds[i]->name));

      print_row (label, count);
    }
  {
    g_autofree char *pending = g_strdup_printf ("%" G_GINT64_FORMAT, td_summary_get_outbox_pending (summary));
    print_row (_("Changes not yet sent:"), pending);
  }

  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* backup and restore                                                 */

static int
cmd_backup (Cli   *cli,
            int    argc,
            char **argv)
{
  const Command *command = find_command ("backup");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  int status;

  if ((status = parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;

  db = open_existing (cli, &error);
  if (db == NULL)
    return fail_error (cli, error);
  if (!td_database_backup (db, argv[1], &error))
    return fail_error (cli, error);

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
      print_json (b);
    }
  else
    g_print (_("Backed up %s to %s (%s)\n"), cli->db_path, argv[1],
             g_format_size ((guint64) st.st_size));

  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_restore (Cli   *cli,
             int    argc,
             char **argv)
{
  const Command *command = find_command ("restore");
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the workspace if it exists"), NULL },
    { NULL }
  };
  int status;

  if ((status = parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;

  if (!td_database_restore (argv[1], cli->db_path, force, &error))
    {
      if (g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS))
        fail (cli, _("%s. Add --force to replace it."), error->message);
      else
        fail (cli, "%s", error->message);
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
      print_json (b);
    }
  else
    g_print (_("Restored %s from %s\n"), cli->db_path, argv[1]);

  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* check                                                              */

static int
cmd_check (Cli   *cli,
           int    argc,
           char **argv)
{
  const Command *command = find_command ("check");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all_ok = TRUE;
  int status;

  if ((status = parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;

  db = open_existing (cli, &error);
  if (db == NULL)
    return fail_error (cli, error);
  results = td_database_check (db, &error);
  if (results == NULL)
    return fail_error (cli, error);

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
      print_json (b);
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
      fail (cli, _("%s failed its checks"), cli->db_path);
      return TD_CLI_EXIT_FAILURE;
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* customers: sub-commands                                            */

/* Appends text padded with spaces to `cells` terminal cells (wide CJK
 * characters take two). */
static void
append_padded (GString    *line,
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

  if ((status = parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  query = argv[1];
  if (limit_text && !g_ascii_string_to_unsigned (limit_text, 10, 1, 10000, &limit, NULL))
    {
      fail (cli, _("%s: “%s” is not a number from 1 to %s"), "--limit", limit_text, "10000");
      return TD_CLI_EXIT_USAGE;
    }
  {
    g_autofree char *stripped = g_strstrip (g_strdup (query));

    if (!g_utf8_validate (query, -1, NULL) || *stripped == '\0')
      {
        fail (cli, _("Say what to look for: a name, pinyin, phone, e-mail or identity number. Try “%s %s --help”."),
              cli->prog, command->name);
        return TD_CLI_EXIT_USAGE;
      }
  }

  db = open_existing (cli, &error);
  if (db == NULL)
    return fail_error (cli, error);
  hits = td_customer_search (db, query, (guint) limit, &error);
  if (hits == NULL)
    return fail_error (cli, error);

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
      print_json (b);
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

      append_padded (line, hit->name, 20);
      append_padded (line, hit->phone ? hit->phone : "-", 15);
      append_padded (line, hit->id_number_masked ? hit->id_number_masked : "-", 18);
      append_padded (line, hit->email ? hit->email : "-", 24);
      g_string_append (line, hit->id);
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* `customers SUBCOMMAND`: import, export, add, show and merge will join search */
static const Command customers_commands[] = {
  { "search", N_("QUERY"), N_("Find customers by name, pinyin, phone, e-mail or identity number"), cmd_customers_search },
};

static const Command *
find_customers_command (const char *name)
{
  static Command named[G_N_ELEMENTS (customers_commands)];

  /* named “customers search” in messages and --help */
  for (guint i = 0; i < G_N_ELEMENTS (customers_commands); i++)
    if (g_str_equal (customers_commands[i].name, name))
      {
        if (named[i].name == NULL)
          {
            g_autofree char *full = g_strconcat ("customers ", customers_commands[i].name, NULL);

            named[i] = customers_commands[i];
            named[i].name = g_intern_string (full);
          }
        return &named[i];
      }
  return NULL;
}

static void
print_customers_help (Cli *cli)
{
  g_print (_("Usage:\n  %s [--db PATH] customers SUBCOMMAND [OPTION…]\n\n"), cli->prog);
  g_print ("%s\n\n", _("The customers of the workspace."));
  g_print ("%s\n", _("Sub-commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (customers_commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", customers_commands[i].name,
                                                *customers_commands[i].args ? _(customers_commands[i].args) : "");
      g_print ("  %-16s %s\n", usage, _(customers_commands[i].summary));
    }
  g_print ("\n%s\n", _("“customers SUBCOMMAND --help” shows a sub-command’s options."));
}

static int
cmd_customers (Cli   *cli,
               int    argc,
               char **argv)
{
  const Command *sub;

  if (argc < 2)
    {
      fail (cli, _("“customers” needs a sub-command. Try “%s customers --help”."), cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_customers_help (cli);
      return TD_CLI_EXIT_SUCCESS;
    }
  sub = find_customers_command (argv[1]);
  if (sub == NULL)
    {
      fail (cli, _("Unknown sub-command “%s”. Try “%s customers --help”."), argv[1], cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  /* the sub-command sees itself as argv[0] */
  return sub->func (cli, argc - 1, argv + 1);
}

/* ------------------------------------------------------------------ */
/* pois: points of interest (import, nearby, search)                  */

static const Command *find_pois_command (const char *name);

/* The CRS named by --crs; FALSE (after saying so) when it is none. */
static gboolean
parse_crs_option (Cli        *cli,
                  const char *text,
                  TdCrs      *crs)
{
  if (!td_crs_from_string (text, crs))
    {
      fail (cli, _("--crs: “%s” is not a coordinate system: use wgs84, gcj02 or bd09"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_degrees (Cli        *cli,
               const char *option,
               const char *text,
               double      min,
               double      max,
               double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    {
      fail (cli, _("%s is needed. Try “%s pois nearby --help”."), option, cli->prog);
      return FALSE;
    }
  value = g_ascii_strtod (text, &end);
  /* written so that NaN fails too */
  if (end == text || *end != '\0' || !(value >= min && value <= max))
    {
      fail (cli, _("%s: “%s” is not a number from %g to %g"), option, text, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static const char *
crs_display (TdCrs crs)
{
  switch (crs)
    {
    case TD_CRS_GCJ02: return "GCJ-02";
    case TD_CRS_BD09: return "BD-09";
    case TD_CRS_WGS84:
    default: return "WGS-84";
    }
}

/* name (English name) · category · rating · city */
static char *
describe_poi (const TdPoi *poi)
{
  GString *text = g_string_new (poi->name);

  if (poi->name_en)
    g_string_append_printf (text, " (%s)", poi->name_en);
  g_string_append_printf (text, " · %s", td_poi_category_get_title (poi->category));
  if (poi->rating)
    g_string_append_printf (text, " · %s", poi->rating);
  if (poi->city)
    g_string_append_printf (text, " · %s", poi->city);
  return g_string_free (text, FALSE);
}

static void
print_pois_json (const char *member,
                 const char *value,
                 GPtrArray  *pois,
                 JsonBuilder *b)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, pois->len);
  json_builder_set_member_name (b, "places");
  json_builder_begin_array (b);
  for (guint i = 0; i < pois->len; i++)
    td_poi_to_json (g_ptr_array_index (pois, i), b);
  json_builder_end_array (b);
}

static int
cmd_pois_import (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_pois_command ("import");
  g_autofree char *crs_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  TdPoiImportStats stats;
  TdCrs crs;
  GOptionEntry entries[] = {
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_text, N_("The coordinate system of the file: wgs84 (GPS, OpenStreetMap), gcj02 (AMap, Tencent) or bd09 (Baidu); needed when the file does not say"), N_("CRS") },
    { NULL }
  };
  int status;

  if ((status = parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (crs_text && !parse_crs_option (cli, crs_text, &crs))
    return TD_CLI_EXIT_USAGE;

  db = open_existing (cli, &error);
  if (db == NULL)
    return fail_error (cli, error);

  /* one commit for the whole file: on any problem, nothing is written */
  if (!td_poi_import_file (db, argv[1], TD_POI_FORMAT_AUTO, crs_text ? &crs : NULL, &stats, &error))
    {
      if (g_error_matches (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_NEED_CRS))
        {
          fail (cli, "%s", error->message);
          return TD_CLI_EXIT_USAGE;
        }
      return fail_error (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_path);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, stats.format == TD_POI_FORMAT_GEOJSON ? "geojson" : "csv");
      json_builder_set_member_name (b, "crs");
      json_builder_add_string_value (b, td_crs_to_string (stats.crs));
      json_builder_set_member_name (b, "crs_from_file");
      json_builder_add_boolean_value (b, stats.crs_from_file);
      json_builder_set_member_name (b, "read");
      json_builder_add_int_value (b, stats.n_read);
      json_builder_set_member_name (b, "inserted");
      json_builder_add_int_value (b, stats.n_inserted);
      json_builder_set_member_name (b, "updated");
      json_builder_add_int_value (b, stats.n_updated);
      json_builder_set_member_name (b, "unchanged");
      json_builder_add_int_value (b, stats.n_unchanged);
      json_builder_set_member_name (b, "duplicates");
      json_builder_add_int_value (b, stats.n_duplicates);
      json_builder_end_object (b);
      print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (stats.crs == TD_CRS_WGS84)
    g_print (ngettext ("Read %u place from %s (coordinates in WGS-84)\n",
                       "Read %u places from %s (coordinates in WGS-84)\n", stats.n_read),
             stats.n_read, argv[1]);
  else
    g_print (ngettext ("Read %u place from %s (coordinates in %s, converted to WGS-84)\n",
                       "Read %u places from %s (coordinates in %s, converted to WGS-84)\n", stats.n_read),
             stats.n_read, argv[1], crs_display (stats.crs));
  {
    g_autofree char *inserted = g_strdup_printf ("%u", stats.n_inserted);
    g_autofree char *updated = g_strdup_printf ("%u", stats.n_updated);
    g_autofree char *unchanged = g_strdup_printf ("%u", stats.n_unchanged);

    print_row (_("Added:"), inserted);
    print_row (_("Updated:"), updated);
    print_row (_("Already up to date:"), unchanged);
    if (stats.n_duplicates > 0)
      {
        g_autofree char *duplicates = g_strdup_printf ("%u", stats.n_duplicates);

        print_row (_("Twice in the file:"), duplicates);
      }
  }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_pois_nearby (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_pois_command ("nearby");
  g_autofree char *lat_text = NULL;
  g_autofree char *lon_text = NULL;
  g_autofree char *radius_text = NULL;
  g_autofree char *category_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) pois = NULL;
  g_autoptr(GError) error = NULL;
  TdPoiCategory category;
  double lat, lon, radius_km;
  GOptionEntry entries[] = {
    { "lat", 0, 0, G_OPTION_ARG_STRING, &lat_text, N_("Latitude of the place, in degrees (WGS-84)"), N_("LAT") },
    { "lon", 0, 0, G_OPTION_ARG_STRING, &lon_text, N_("Longitude of the place, in degrees (WGS-84)"), N_("LON") },
    { "radius-km", 0, 0, G_OPTION_ARG_STRING, &radius_text, N_("How far to look, in kilometres"), N_("R") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category_text, N_("Only places of this category: attraction, hotel, restaurant, shop, transport or property"), N_("C") },
    { NULL }
  };
  int status;

  if ((status = parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (!parse_degrees (cli, "--lat", lat_text, -90, 90, &lat)
      || !parse_degrees (cli, "--lon", lon_text, -180, 180, &lon)
      || !parse_degrees (cli, "--radius-km", radius_text, 0, 20100, &radius_km))
    return TD_CLI_EXIT_USAGE;
  if (radius_km <= 0)
    {
      fail (cli, _("%s: “%s” is not a number from %g to %g"), "--radius-km", radius_text, 0.001, 20100.0);
      return TD_CLI_EXIT_USAGE;
    }
  if (category_text && !td_poi_category_parse (category_text, &category))
    {
      fail (cli, _("--category: “%s” is not a category: use attraction, hotel, restaurant, shop, transport or property"),
            category_text);
      return TD_CLI_EXIT_USAGE;
    }

  db = open_existing (cli, &error);
  if (db == NULL)
    return fail_error (cli, error);
  pois = td_poi_query_nearby (db, lat, lon, radius_km * 1000, category_text ? &category : NULL, 0, &error);
  if (pois == NULL)
    return fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "lat");
      json_builder_add_double_value (b, lat);
      json_builder_set_member_name (b, "lon");
      json_builder_add_double_value (b, lon);
      json_builder_set_member_name (b, "radius_km");
      json_builder_add_double_value (b, radius_km);
      json_builder_set_member_name (b, "category");
      if (category_text)
        json_builder_add_string_value (b, td_poi_category_to_string (category));
      else
        json_builder_add_null_value (b);
      print_pois_json ("path", cli->db_path, pois, b);
      json_builder_end_object (b);
      print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (pois->len == 0)
    {
      g_print (_("No place within %g km.\n"), radius_km);
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < pois->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (pois, i);
      g_autofree char *text = describe_poi (poi);

      /* Translators: a distance in kilometres, before a place */
      g_print (_("%8.2f km  %s\n"), poi->distance / 1000.0, text);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_pois_search (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_pois_command ("search");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) pois = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = NULL;
  int status;

  if ((status = parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  stripped = g_strstrip (g_strdup (argv[1]));
  if (!g_utf8_validate (argv[1], -1, NULL) || *stripped == '\0')
    {
      fail (cli, _("Say what to look for: a name in Chinese or English, or pinyin initials. Try “%s %s --help”."),
            cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }

  db = open_existing (cli, &error);
  if (db == NULL)
    return fail_error (cli, error);
  pois = td_poi_query_search (db, argv[1], 0, &error);
  if (pois == NULL)
    return fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      print_pois_json ("query", argv[1], pois, b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_path);
      json_builder_end_object (b);
      print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (pois->len == 0)
    {
      g_print (_("No place matches “%s”.\n"), argv[1]);
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < pois->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (pois, i);
      g_autofree char *text = describe_poi (poi);

      g_print ("%s  %.5f, %.5f\n", text, poi->lat, poi->lon);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static const Command pois_commands[] = {
  { "import", N_("FILE"), N_("Import places from a GeoJSON or CSV file"), cmd_pois_import },
  { "nearby", "", N_("Places within a radius of a point, nearest first"), cmd_pois_nearby },
  { "search", N_("QUERY"), N_("Find places by name: Chinese, English or pinyin initials"), cmd_pois_search },
};

static const Command *
find_pois_command (const char *name)
{
  static Command named[G_N_ELEMENTS (pois_commands)];

  /* named “pois import” in messages and --help */
  for (guint i = 0; i < G_N_ELEMENTS (pois_commands); i++)
    if (g_str_equal (pois_commands[i].name, name))
      {
        if (named[i].name == NULL)
          {
            g_autofree char *full = g_strconcat ("pois ", pois_commands[i].name, NULL);

            named[i] = pois_commands[i];
            named[i].name = g_intern_string (full);
          }
        return &named[i];
      }
  return NULL;
}

static void
print_pois_help (Cli *cli)
{
  g_print (_("Usage:\n  %s [--db PATH] pois SUBCOMMAND [OPTION…]\n\n"), cli->prog);
  g_print ("%s\n\n", _("Places of interest on the map: attractions, hotels, restaurants, shops, transport."));
  g_print ("%s\n", _("Sub-commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (pois_commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", pois_commands[i].name,
                                                *pois_commands[i].args ? _(pois_commands[i].args) : "");
      g_print ("  %-16s %s\n", usage, _(pois_commands[i].summary));
    }
  g_print ("\n%s\n", _("“pois SUBCOMMAND --help” shows a sub-command’s options."));
}

static int
cmd_pois (Cli   *cli,
          int    argc,
          char **argv)
{
  const Command *sub;

  if (argc < 2)
    {
      fail (cli, _("“pois” needs a sub-command. Try “%s pois --help”."), cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_pois_help (cli);
      return TD_CLI_EXIT_SUCCESS;
    }
  sub = find_pois_command (argv[1]);
  if (sub == NULL)
    {
      fail (cli, _("Unknown sub-command “%s”. Try “%s pois --help”."), argv[1], cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  /* the sub-command sees itself as argv[0] */
  return sub->func (cli, argc - 1, argv + 1);
}

/* ------------------------------------------------------------------ */

static const Command commands[] = {
  { "init", "", N_("Create a new workspace for a hotel, an agency or both"), cmd_init },
  { "demo", "", N_("Create a demo workspace for Henan province"), cmd_demo },
  { "info", "", N_("Show what the workspace holds"), cmd_info },
  { "backup", N_("DEST"), N_("Copy the workspace to DEST, safely while it is in use"), cmd_backup },
  { "restore", N_("SRC"), N_("Replace the workspace with the backup SRC, after checking it"), cmd_restore },
  { "check", "", N_("Check the workspace for damage and broken rules"), cmd_check },
  { "customers", N_("SUBCOMMAND"), N_("Customers: search (“customers --help” lists the sub-commands)"), cmd_customers },
  { "pois", N_("SUBCOMMAND"), N_("Places on the map: import, nearby, search (“pois --help” lists the sub-commands)"), cmd_pois },
};

static const Command *
find_command (const char *name)
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
              fail (&cli, _("--db needs a PATH. Try “%s --help”."), cli.prog);
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
          fail (&cli, _("Unknown option “%s”. Try “%s --help”."), arg, cli.prog);
          g_free (cli.db_path);
          return TD_CLI_EXIT_USAGE;
        }
      else
        break;
    }

  if (i >= argc)
    {
      fail (&cli, _("No command given. Try “%s --help”."), cli.prog);
      g_free (cli.db_path);
      return TD_CLI_EXIT_USAGE;
    }

  command = find_command (argv[i]);
  if (command == NULL)
    {
      fail (&cli, _("Unknown command “%s”. Try “%s --help”."), argv[i], cli.prog);
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
