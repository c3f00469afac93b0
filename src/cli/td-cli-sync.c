/* td-cli-sync.c: `sync` (one full cycle with the platform) and `sync status`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-cli-private.h"
#include "td-secret-store.h"
#include "td-sync-inbox.h"
#include "td-sync-engine.h"
#include "td-sync-state.h"

static const Command sync_run_command = {
  "sync", N_("[status|login|logout]"),
  N_("Send this desk's changes to the platform and fetch the others' (“sync status”: what is waiting)"),
  NULL,
};

static const Command sync_status_command = {
  "sync status", "",
  N_("Show the changes waiting to be sent, the last sync and the open conflicts"),
  NULL,
};

static const Command sync_login_command = {
  "sync login", "",
  N_("Sign this desk in to the platform: check the sign-in, keep it in the keyring and the address in the workspace"),
  NULL,
};

static const Command sync_logout_command = {
  "sync logout", "",
  N_("Forget this desk’s sign-in (the keyring entry); the workspace keeps its data and its unsent changes"),
  NULL,
};

typedef struct {
  GMainLoop    *loop;
  TdSyncReport *report;
  GError       *error;
} Wait;

static void
sign_in_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  td_sync_engine_sign_in_finish (TD_SYNC_ENGINE (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* the one-line token in path, or NULL after saying what is wrong */
static char *
read_token_file (Cli        *cli,
                 const char *path)
{
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &token, NULL, &error))
    {
      td_cli_fail_error (cli, error);
      return NULL;
    }
  g_strstrip (token);
  if (*token == '\0' || strchr (token, '\n'))
    {
      td_cli_fail (cli, _("%s: the file must hold the desk's sign-in token on one line"), path);
      return NULL;
    }
  return g_steal_pointer (&token);
}

static int
cmd_sync_login (Cli   *cli,
                int    argc,
                char **argv)
{
  g_autofree char *server = NULL, *token_file = NULL, *token = NULL, *desk = NULL, *url = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdSyncEngine) engine = NULL;
  g_autoptr(TdSecretStore) secrets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Wait wait = { NULL, NULL, NULL };
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The platform's address, such as https://cloud.example.cn/"), N_("URL") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file, N_("A file holding this desk's sign-in (the refresh token printed by “tourdesk-cloud admin desk-add”)"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, &sync_login_command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, &sync_login_command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (server == NULL || token_file == NULL)
    {
      td_cli_fail (cli, _("Say which platform and which sign-in: --server URL --token-file FILE"));
      return TD_CLI_EXIT_USAGE;
    }
  if ((token = read_token_file (cli, token_file)) == NULL)
    return TD_CLI_EXIT_FAILURE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  desk = td_database_dup_setting (db, TD_SETTING_DESK_ID);
  url = td_secret_store_normalise_url (server);

  /* a sign-in the platform refuses is not kept */
  engine = td_sync_engine_new (db, url, token);
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  td_sync_engine_sign_in_async (engine, NULL, sign_in_done, &wait);
  g_main_loop_run (loop);
  if (wait.error)
    {
      error = wait.error;
      return td_cli_fail_error (cli, error);
    }

  secrets = td_secret_store_new_keyring ();
  if (!td_secret_store_store (secrets, url, desk, token, NULL, &error)
      || !td_database_set_setting (db, TD_SETTING_PLATFORM_URL, url, &error))
    return td_cli_fail_error (cli, error);
  /* TRANSLATORS: %s: the platform's address */
  g_print (_("Signed in to %s; the sign-in is in the keyring.\n"), url);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_sync_logout (Cli   *cli,
                 int    argc,
                 char **argv)
{
  g_autofree char *desk = NULL, *url = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdSecretStore) secrets = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, &sync_logout_command, NULL, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, &sync_logout_command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  url = td_database_dup_setting (db, TD_SETTING_PLATFORM_URL);
  if (url == NULL)
    {
      td_cli_fail (cli, _("This workspace is not signed in to a platform"));
      return TD_CLI_EXIT_FAILURE;
    }
  desk = td_database_dup_setting (db, TD_SETTING_DESK_ID);
  secrets = td_secret_store_new_keyring ();
  if (!td_secret_store_clear (secrets, url, desk, NULL, &error))
    return td_cli_fail_error (cli, error);
  g_print (_("Signed out of %s.\n"), url);
  return TD_CLI_EXIT_SUCCESS;
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->report = td_sync_engine_run_finish (TD_SYNC_ENGINE (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static int
cmd_sync_status (Cli   *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) conflicts = NULL;
  g_autofree char *last_success = NULL, *last_error = NULL;
  g_autofree char *pending = NULL, *n_conflicts = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, &sync_status_command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, &sync_status_command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  conflicts = td_sync_list_conflicts (db, &error);
  if (conflicts == NULL)
    return td_cli_fail_error (cli, error);
  last_success = td_sync_state_dup (db, TD_SYNC_STATE_LAST_SUCCESS);
  last_error = td_sync_state_dup (db, TD_SYNC_STATE_LAST_ERROR);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) list = json_node_init_array (json_node_alloc (), conflicts);

      json_builder_begin_object (b);
      add_int (b, "pending", td_sync_count_pending (db));
      add_int (b, "inbox", td_sync_inbox_count_open (db));
      add_string (b, "last_success", last_success);
      add_string (b, "last_error", last_error);
      json_builder_set_member_name (b, "conflicts");
      json_builder_add_value (b, g_steal_pointer (&list));
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  pending = g_strdup_printf ("%" G_GINT64_FORMAT, td_sync_count_pending (db));
  n_conflicts = g_strdup_printf ("%u", json_array_get_length (conflicts));
  td_cli_print_row (_("Changes waiting to be sent"), pending);
  td_cli_print_row (_("Last successful sync"), last_success ? last_success : _("never"));
  td_cli_print_row (_("Last error"), last_error ? last_error : _("none"));
  td_cli_print_row (_("Open conflicts"), n_conflicts);
  {
    g_autofree char *inbox = g_strdup_printf ("%" G_GINT64_FORMAT, td_sync_inbox_count_open (db));

    td_cli_print_row (_("Sync inbox"), inbox);
  }
  for (guint i = 0; i < json_array_get_length (conflicts); i++)
    {
      JsonObject *c = json_array_get_object_element (conflicts, i);
      const char *desk = json_object_get_string_member_with_default (c, "desk", "null");
      const char *server = json_object_get_string_member_with_default (c, "server", "null");

      /* TRANSLATORS: a conflict: kind, record id, field, this desk's value, the platform's */
      g_print (_("  %s %s, %s: here %s, on the platform %s\n"),
               json_object_get_string_member (c, "kind"), json_object_get_string_member (c, "record_id"),
               json_object_get_string_member (c, "field"), desk, server);
    }
  return TD_CLI_EXIT_SUCCESS;
}

int
td_cli_cmd_sync (Cli   *cli,
                 int    argc,
                 char **argv)
{
  g_autofree char *server = NULL, *token_file = NULL, *token = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(TdSyncReport) report = NULL;
  Wait wait = { NULL, NULL, NULL };
  int deadline = 60;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The platform's address, such as https://cloud.example.cn/"), N_("URL") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file, N_("A file holding this desk's sign-in (the refresh token printed by “tourdesk-cloud admin desk-add”)"), N_("FILE") },
    { "deadline", 0, 0, G_OPTION_ARG_INT, &deadline, N_("Seconds each request to the platform may take in all (default 60)"), N_("SECONDS") },
    { NULL }
  };
  int status;

  if (argc >= 2 && g_str_equal (argv[1], "status"))
    return cmd_sync_status (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "login"))
    return cmd_sync_login (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "logout"))
    return cmd_sync_logout (cli, argc - 1, argv + 1);

  if ((status = td_cli_parse_options (cli, &sync_run_command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, &sync_run_command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (deadline < 1 || deadline > 3600)
    {
      td_cli_fail (cli, _("--deadline must be between 1 and 3600 seconds"));
      return TD_CLI_EXIT_USAGE;
    }
  if (token_file && (token = read_token_file (cli, token_file)) == NULL)
    return TD_CLI_EXIT_FAILURE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (server == NULL)
    server = td_database_dup_setting (db, TD_SETTING_PLATFORM_URL);
  if (server == NULL)
    {
      td_cli_fail (cli, _("Say which platform to sync with: --server URL (or sign in first with “sync login”)"));
      return TD_CLI_EXIT_USAGE;
    }
  if (token == NULL)
    {
      g_autoptr(TdSecretStore) secrets = td_secret_store_new_keyring ();
      g_autofree char *desk = td_database_dup_setting (db, TD_SETTING_DESK_ID);

      token = td_secret_store_lookup (secrets, server, desk, NULL, &error);
      if (error)
        return td_cli_fail_error (cli, error);
      if (token == NULL)
        {
          td_cli_fail (cli, _("This desk has no sign-in for %s in the keyring: run “sync login” or give --token-file FILE"), server);
          return TD_CLI_EXIT_FAILURE;
        }
    }

  engine = td_sync_engine_new (db, server, token);
  td_sync_engine_set_deadline (engine, (guint) deadline);
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  td_sync_engine_run_async (engine, NULL, run_done, &wait);
  g_main_loop_run (loop);
  if (wait.error)
    {
      error = wait.error;
      return td_cli_fail_error (cli, error);
    }
  report = wait.report;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_int (b, "pushed", report->pushed);
      add_int (b, "applied", report->applied);
      add_int (b, "duplicates", report->duplicates);
      add_int (b, "conflicts", report->conflicts);
      add_int (b, "rejected", report->rejected);
      add_int (b, "pulled", report->pulled);
      add_int (b, "stored", report->stored);
      add_int (b, "requeued", report->requeued);
      json_builder_set_member_name (b, "snapshot");
      json_builder_add_boolean_value (b, report->snapshot);
      add_string (b, "first_rejection", report->first_rejection);
      add_int (b, "pending", td_sync_count_pending (db));
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    {
      g_autofree char *sent = g_strdup_printf ("%u", report->pushed);
      g_autofree char *outcome = g_strdup_printf (_("%u applied, %u already there, %u in conflict, %u rejected"),
                                                  report->applied, report->duplicates,
                                                  report->conflicts, report->rejected);
      g_autofree char *received = g_strdup_printf (_("%u (%u stored)"), report->pulled, report->stored);

      td_cli_print_row (_("Changes sent"), sent);
      td_cli_print_row (_("Outcome"), outcome);
      td_cli_print_row (_("Changes received"), received);
      if (report->snapshot)
        td_cli_print_row (_("Full download"), _("yes (the platform no longer had this desk's place)"));
      if (report->first_rejection)
        td_cli_print_row (_("First rejection"), report->first_rejection);
      if (report->conflicts)
        g_print (_("Conflicts are waiting: see “%s sync status”.\n"), cli->prog);
    }
  return TD_CLI_EXIT_SUCCESS;
}
