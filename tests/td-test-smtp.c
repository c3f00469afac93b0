/* td-test-smtp.c: a real SMTP server on 127.0.0.1 for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "td-test-smtp.h"
#include "td-test-utils.h"

#define PYTHON "/usr/bin/python3"

gboolean
td_test_smtp_available (void)
{
  const char *argv[] = { PYTHON, "-c", "import aiosmtpd", NULL };
  g_auto(TdTestRun) run = { 0 };

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  td_test_spawn (&run, argv);
  return run.status == 0;
}

/* a self-signed certificate for 127.0.0.1 (openssl is a test dependency) */
static char *
make_certificate (const char *dir)
{
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  const char *argv[] = { "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                         "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                         "-addext", "subjectAltName=IP:127.0.0.1", NULL };
  g_auto(TdTestRun) run = { 0 };

  td_test_spawn (&run, argv);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&cert);
}

TdTestSmtpServer *
td_test_smtp_server_start (int accept)
{
  static int serial;
  TdTestSmtpServer *server = g_new0 (TdTestSmtpServer, 1);
  g_autofree char *name = g_strdup_printf ("smtp-%d", ++serial);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "smtp-server.py", NULL);
  g_autofree char *port_file = NULL, *key = NULL, *accept_text = g_strdup_printf ("%d", accept);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  gint64 deadline;

  server->dir = td_test_path (name);
  g_assert_cmpint (g_mkdir_with_parents (server->dir, 0700), ==, 0);
  server->cert = make_certificate (server->dir);
  key = g_build_filename (server->dir, "key.pem", NULL);
  port_file = g_build_filename (server->dir, "port", NULL);

  g_ptr_array_add (argv, PYTHON);
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, "--dir");
  g_ptr_array_add (argv, server->dir);
  g_ptr_array_add (argv, "--port-file");
  g_ptr_array_add (argv, port_file);
  g_ptr_array_add (argv, "--tls-cert");
  g_ptr_array_add (argv, server->cert);
  g_ptr_array_add (argv, "--tls-key");
  g_ptr_array_add (argv, key);
  g_ptr_array_add (argv, "--user");
  g_ptr_array_add (argv, TD_TEST_SMTP_USER);
  g_ptr_array_add (argv, "--password");
  g_ptr_array_add (argv, TD_TEST_SMTP_PASSWORD);
  if (accept >= 0)
    {
      g_ptr_array_add (argv, "--accept");
      g_ptr_array_add (argv, accept_text);
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!g_file_test (port_file, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (port_file, &text, NULL, NULL));
    server->port = (guint) g_ascii_strtoull (text, NULL, 10);
  }
  g_assert_cmpuint (server->port, >, 0);
  return server;
}

void
td_test_smtp_server_stop (TdTestSmtpServer *server)
{
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_object_unref (server->process);
  g_free (server->dir);
  g_free (server->cert);
  g_free (server);
}


guint
td_test_smtp_n_received (TdTestSmtpServer *server)
{
  g_autoptr(GDir) dir = g_dir_open (server->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir && (name = g_dir_read_name (dir)))
    n += g_str_has_suffix (name, ".eml");
  return n;
}
