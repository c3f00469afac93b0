/* main.c: tourdesk-cloud, the provincial platform's reference server
 *
 *   tourdesk-cloud --db FILE --listen ADDRESS:PORT [--tls-cert F --tls-key F]
 *   tourdesk-cloud admin --db FILE COMMAND …
 *
 * Standard output gets one line, the URL it listens on (port 0 takes a
 * free port: read it there); standard error one line per request.
 * SIGTERM or SIGINT: no new work, the requests in hand finish, then exit 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "td-cli.h"
#include "td-cloud-admin.h"
#include "td-cloud-server.h"

#define PROG "tourdesk-cloud"

static void
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static void
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (message, "\n", ' ');
  g_printerr ("%s: %s\n", PROG, message);
}

typedef struct {
  TdCloudServer *server;
  GMainLoop     *loop;
  gboolean       stopping;
} Run;

static gboolean
drained (gpointer data)
{
  Run *run = data;

  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_signal (gpointer data)
{
  Run *run = data;

  if (!run->stopping)
    {
      run->stopping = TRUE;
      g_printerr ("%s: %s\n", PROG, _("stopping: finishing the requests in hand"));
      td_cloud_server_shutdown (run->server, drained, run);
    }
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *db = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  gboolean version = FALSE;
  int workers = 4, ttl = 0;
  TdCloudConfig config;
  Run run = { 0 };
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The platform database (SQLite file; created if missing)"), N_("FILE") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Where to listen, such as 127.0.0.1:8080 or [::]:443 (port 0: any free port)"), N_("ADDRESS:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert, N_("Serve HTTPS with this certificate (PEM; with --tls-key)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key, N_("The private key of the certificate (PEM)"), N_("FILE") },
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers, N_("Requests handled at once (default 4)"), N_("N") },
    { "access-token-ttl", 0, 0, G_OPTION_ARG_INT, &ttl, N_("Seconds an access token lives (default 900)"), N_("SECONDS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PROG);
  /* a client gone mid-answer is an error of that request, not of the server */
  signal (SIGPIPE, SIG_IGN);

  if (argc >= 2 && g_str_equal (argv[1], "admin"))
    return td_cloud_admin_run (PROG, argc - 1, argv + 1);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("The provincial platform's reference server: desks sign in, push and pull "
                                           "their changes, book capacity, report guests, statistics and complaints."));
  g_option_context_set_description (context, _("Tenants, desks and the catalogue: “tourdesk-cloud admin --help”.\n"
                                               "Exit status: 0 success, 1 failure, 2 wrong usage."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fail (_("%s. Try “%s --help”."), error->message, PROG);
      return TD_CLI_EXIT_USAGE;
    }
  if (version)
    {
      g_print ("%s %s\n", PROG, PACKAGE_VERSION);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (argc > 1)
    {
      fail (_("Unknown argument “%s”. Try “%s --help”."), argv[1], PROG);
      return TD_CLI_EXIT_USAGE;
    }
  if (db == NULL || listen == NULL)
    {
      fail (_("Say where the data is and where to listen: --db FILE --listen ADDRESS:PORT. Try “%s --help”."), PROG);
      return TD_CLI_EXIT_USAGE;
    }
  if ((cert == NULL) != (key == NULL))
    {
      fail (_("HTTPS needs both --tls-cert and --tls-key."));
      return TD_CLI_EXIT_USAGE;
    }
  if (workers < 1 || workers > 64)
    {
      fail (_("%s: give a number from 1 to %d."), "--workers", 64);
      return TD_CLI_EXIT_USAGE;
    }
  td_cloud_config_init (&config);
  if (ttl != 0)
    {
      if (ttl < 1 || ttl > 86400)
        {
          fail (_("%s: give a number from 1 to %d."), "--access-token-ttl", 86400);
          return TD_CLI_EXIT_USAGE;
        }
      config.access_token_ttl = ttl;
    }

  run.server = td_cloud_server_new (db, &config, (guint) workers, &error);
  if (run.server == NULL)
    {
      fail (_("Could not open the platform database: %s"), error->message);
      return TD_CLI_EXIT_FAILURE;
    }
  if (cert && !td_cloud_server_set_tls (run.server, cert, key, &error))
    {
      fail (_("Could not load the TLS certificate: %s"), error->message);
      td_cloud_server_free (run.server);
      return TD_CLI_EXIT_FAILURE;
    }
  if (!td_cloud_server_listen (run.server, listen, &error))
    {
      fail (_("Could not listen on %s: %s"), listen, error->message);
      td_cloud_server_free (run.server);
      return TD_CLI_EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  g_unix_signal_add (SIGTERM, on_signal, &run);
  g_unix_signal_add (SIGINT, on_signal, &run);

  url = td_cloud_server_get_url (run.server);
  g_print ("%s\n", url);
  fflush (stdout);
  g_printerr ("%s: ", PROG);
  g_printerr (_("listening on %s (SIGTERM or Ctrl+C stops it)"), url);
  g_printerr ("\n");

  g_main_loop_run (loop);

  td_cloud_server_free (run.server);
  g_printerr ("%s: %s\n", PROG, _("stopped; every committed change is on disk"));
  return TD_CLI_EXIT_SUCCESS;
}
