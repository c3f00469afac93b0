/* td-smtp.c: SMTP with libcurl (STARTTLS, implicit TLS, AUTH)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <string.h>

#include "td-mail-message.h"
#include "td-smtp-secret.h"
#include "td-smtp.h"

G_DEFINE_QUARK (td-smtp-error-quark, td_smtp_error)

const char *
td_smtp_security_to_string (TdSmtpSecurity security)
{
  switch (security)
    {
    case TD_SMTP_SECURITY_TLS: return "tls";
    case TD_SMTP_SECURITY_NONE: return "none";
    case TD_SMTP_SECURITY_STARTTLS:
    default: return "starttls";
    }
}

gboolean
td_smtp_security_from_string (const char     *text,
                              TdSmtpSecurity *security)
{
  static const TdSmtpSecurity all[] = { TD_SMTP_SECURITY_STARTTLS, TD_SMTP_SECURITY_TLS, TD_SMTP_SECURITY_NONE };

  for (guint i = 0; text && i < G_N_ELEMENTS (all); i++)
    if (g_str_equal (text, td_smtp_security_to_string (all[i])))
      {
        *security = all[i];
        return TRUE;
      }
  return FALSE;
}

void
td_smtp_settings_free (TdSmtpSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->host);
  g_free (settings->username);
  if (settings->password)
    memset (settings->password, 0, strlen (settings->password));
  g_free (settings->password);
  g_free (settings->from_address);
  g_free (settings->from_name);
  g_free (settings->reply_to);
  g_free (settings->ca_file);
  g_free (settings);
}

static guint
default_port (TdSmtpSecurity security)
{
  switch (security)
    {
    case TD_SMTP_SECURITY_TLS: return 465;
    case TD_SMTP_SECURITY_NONE: return 25;
    case TD_SMTP_SECURITY_STARTTLS:
    default: return 587;
    }
}

static gboolean
is_loopback (const char *host)
{
  return g_str_equal (host, "localhost") || g_str_equal (host, "::1") || g_str_has_prefix (host, "127.");
}

gboolean
td_smtp_settings_check (const TdSmtpSettings  *settings,
                        GError               **error)
{
  if (settings->host == NULL || *settings->host == '\0'
      || strpbrk (settings->host, " /?#@") != NULL)
    {
      g_set_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_SETTINGS,
                   _("The e-mail server “%s” is not a host name"), settings->host ? settings->host : "");
      return FALSE;
    }
  if (settings->port > 65535)
    {
      g_set_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_SETTINGS,
                   _("The port %u is not a port number"), settings->port);
      return FALSE;
    }
  if (!td_mail_address_is_valid (settings->from_address))
    {
      g_set_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_SETTINGS,
                   _("“%s” is not an e-mail address to send from"),
                   settings->from_address ? settings->from_address : "");
      return FALSE;
    }
  if (settings->reply_to && !td_mail_address_is_valid (settings->reply_to))
    {
      g_set_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_SETTINGS,
                   _("“%s” is not an e-mail address for replies"), settings->reply_to);
      return FALSE;
    }
  if (settings->security == TD_SMTP_SECURITY_NONE && settings->username && *settings->username
      && !is_loopback (settings->host))
    {
      g_set_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_SETTINGS,
                   _("A password would cross the network unencrypted to %s: use STARTTLS or TLS"),
                   settings->host);
      return FALSE;
    }
  return TRUE;
}

#define KEY_HOST "smtp-host"
#define KEY_PORT "smtp-port"
#define KEY_SECURITY "smtp-security"
#define KEY_USER "smtp-user"
#define KEY_FROM "smtp-from"
#define KEY_FROM_NAME "smtp-from-name"
#define KEY_REPLY_TO "smtp-reply-to"
#define KEY_PER_MINUTE "smtp-per-minute"
#define KEY_CA_FILE "smtp-ca-file"

TdSmtpSettings *
td_smtp_settings_load (TdDatabase  *db,
                       GError     **error)
{
  g_autoptr(TdSmtpSettings) settings = g_new0 (TdSmtpSettings, 1);
  g_autofree char *security = td_database_dup_setting (db, KEY_SECURITY);
  g_autofree char *port = td_database_dup_setting (db, KEY_PORT);
  g_autofree char *per_minute = td_database_dup_setting (db, KEY_PER_MINUTE);
  guint64 number;

  settings->host = td_database_dup_setting (db, KEY_HOST);
  settings->username = td_database_dup_setting (db, KEY_USER);
  settings->from_address = td_database_dup_setting (db, KEY_FROM);
  settings->from_name = td_database_dup_setting (db, KEY_FROM_NAME);
  settings->reply_to = td_database_dup_setting (db, KEY_REPLY_TO);
  settings->ca_file = td_database_dup_setting (db, KEY_CA_FILE);
  if (settings->host == NULL || settings->from_address == NULL)
    {
      g_set_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_SETTINGS, "%s",
                   _("No e-mail server is set up for this workspace yet"));
      return NULL;
    }
  if (security && !td_smtp_security_from_string (security, &settings->security))
    settings->security = TD_SMTP_SECURITY_STARTTLS;
  if (port && g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL))
    settings->port = (guint) number;
  if (per_minute && g_ascii_string_to_unsigned (per_minute, 10, 0, 100000, &number, NULL))
    settings->per_minute = (guint) number;
  else
    settings->per_minute = 60;
  return g_steal_pointer (&settings);
}

static gboolean
set_or_clear (TdDatabase  *db,
              const char  *key,
              const char  *value,
              GError     **error)
{
  return td_database_set_setting (db, key, value && *value ? value : NULL, error);
}

gboolean
td_smtp_settings_save (TdDatabase            *db,
                       const TdSmtpSettings  *settings,
                       GError               **error)
{
  g_autofree char *port = settings->port ? g_strdup_printf ("%u", settings->port) : NULL;
  g_autofree char *per_minute = g_strdup_printf ("%u", settings->per_minute);

  if (!td_smtp_settings_check (settings, error))
    return FALSE;
  return set_or_clear (db, KEY_HOST, settings->host, error)
         && set_or_clear (db, KEY_PORT, port, error)
         && set_or_clear (db, KEY_SECURITY, td_smtp_security_to_string (settings->security), error)
         && set_or_clear (db, KEY_USER, settings->username, error)
         && set_or_clear (db, KEY_FROM, settings->from_address, error)
         && set_or_clear (db, KEY_FROM_NAME, settings->from_name, error)
         && set_or_clear (db, KEY_REPLY_TO, settings->reply_to, error)
         && set_or_clear (db, KEY_PER_MINUTE, per_minute, error)
         && set_or_clear (db, KEY_CA_FILE, settings->ca_file, error);
}

gboolean
td_smtp_settings_load_password (TdSmtpSettings  *settings,
                                TdDatabase      *db,
                                GCancellable    *cancellable,
                                GError         **error)
{
  const char *env = g_getenv ("TOURDESK_SMTP_PASSWORD");
  g_autoptr(GError) local = NULL;
  char *password;

  if (settings->username == NULL || *settings->username == '\0')
    return TRUE;
  if (env && *env)
    {
      g_free (settings->password);
      settings->password = g_strdup (env);
      return TRUE;
    }
  password = td_smtp_password_lookup (td_database_get_path (db), settings->host, settings->username,
                                      cancellable, &local);
  if (password == NULL)
    {
      g_set_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_SETTINGS,
                   _("No password for %s at %s in the keyring%s%s"), settings->username, settings->host,
                   local ? ": " : "", local ? local->message : "");
      return FALSE;
    }
  g_free (settings->password);
  settings->password = password;
  return TRUE;
}

/* ------------------------------------------------------------------ */

struct _TdSmtpClient {
  TdSmtpSettings  settings;   /* a copy */
  CURL           *curl;
  char            error_buffer[CURL_ERROR_SIZE];
  /* the message being uploaded */
  const guint8   *data;
  gsize           size;
  gsize           offset;
};

static gsize
read_message (char   *buffer,
              size_t  size,
              size_t  nitems,
              void   *user_data)
{
  TdSmtpClient *self = user_data;
  gsize n = MIN (size * nitems, self->size - self->offset);

  memcpy (buffer, self->data + self->offset, n);
  self->offset += n;
  return n;
}

TdSmtpClient *
td_smtp_client_new (const TdSmtpSettings *settings)
{
  static gsize initialised;
  TdSmtpClient *self = g_new0 (TdSmtpClient, 1);

  if (g_once_init_enter (&initialised))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&initialised, 1);
    }
  self->settings.host = g_strdup (settings->host);
  self->settings.port = settings->port ? settings->port : default_port (settings->security);
  self->settings.security = settings->security;
  self->settings.username = g_strdup (settings->username);
  self->settings.password = g_strdup (settings->password);
  self->settings.from_address = g_strdup (settings->from_address);
  self->settings.from_name = g_strdup (settings->from_name);
  self->settings.reply_to = g_strdup (settings->reply_to);
  self->settings.per_minute = settings->per_minute;
  self->settings.ca_file = g_strdup (settings->ca_file);
  return self;
}

void
td_smtp_client_free (TdSmtpClient *self)
{
  if (self == NULL)
    return;
  if (self->curl)
    curl_easy_cleanup (self->curl);
  g_free (self->settings.host);
  g_free (self->settings.username);
  if (self->settings.password)
    memset (self->settings.password, 0, strlen (self->settings.password));
  g_free (self->settings.password);
  g_free (self->settings.from_address);
  g_free (self->settings.from_name);
  g_free (self->settings.reply_to);
  g_free (self->settings.ca_file);
  g_free (self);
}

static gboolean
setup_handle (TdSmtpClient  *self,
              GError       **error)
{
  g_autofree char *url = NULL;
  gboolean ipv6 = strchr (self->settings.host, ':') != NULL;

  if (self->curl)
    return TRUE;
  self->curl = curl_easy_init ();
  if (self->curl == NULL)
    {
      g_set_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_FAILED, "%s", _("Could not start the e-mail client"));
      return FALSE;
    }
  url = g_strdup_printf ("%s://%s%s%s:%u",
                         self->settings.security == TD_SMTP_SECURITY_TLS ? "smtps" : "smtp",
                         ipv6 ? "[" : "", self->settings.host, ipv6 ? "]" : "", self->settings.port);
  curl_easy_setopt (self->curl, CURLOPT_URL, url);
  curl_easy_setopt (self->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (self->curl, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt (self->curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt (self->curl, CURLOPT_ERRORBUFFER, self->error_buffer);
  curl_easy_setopt (self->curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (self->curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt (self->curl, CURLOPT_READDATA, self);
  /* the EHLO name: curl's default is fine; STARTTLS is required, never
   * silently skipped */
  if (self->settings.security == TD_SMTP_SECURITY_STARTTLS)
    curl_easy_setopt (self->curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  if (self->settings.ca_file)
    curl_easy_setopt (self->curl, CURLOPT_CAINFO, self->settings.ca_file);
  if (self->settings.username && *self->settings.username)
    {
      curl_easy_setopt (self->curl, CURLOPT_USERNAME, self->settings.username);
      curl_easy_setopt (self->curl, CURLOPT_PASSWORD, self->settings.password ? self->settings.password : "");
    }
  return TRUE;
}

gboolean
td_smtp_client_send (gpointer      client,
                     const char   *from_address,
                     const char   *to_address,
                     GBytes       *message,
                     GError      **error)
{
  TdSmtpClient *self = client;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  struct curl_slist *recipients = NULL;
  CURLcode rc;
  long response = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!td_mail_address_is_valid (to_address))
    {
      g_set_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_REFUSED,
                   _("“%s” is not an e-mail address"), to_address ? to_address : "");
      return FALSE;
    }
  if (!setup_handle (self, error))
    return FALSE;

  from = g_strdup_printf ("<%s>", from_address);
  to = g_strdup_printf ("<%s>", to_address);
  recipients = curl_slist_append (NULL, to);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, recipients);
  self->data = g_bytes_get_data (message, &self->size);
  self->offset = 0;
  self->error_buffer[0] = '\0';

  rc = curl_easy_perform (self->curl);
  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &response);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, NULL);
  curl_slist_free_all (recipients);
  self->data = NULL;

  if (rc == CURLE_OK)
    return TRUE;

  {
    const char *detail = self->error_buffer[0] ? self->error_buffer : curl_easy_strerror (rc);
    TdSmtpError code;

    /* (an if, not a switch: CURLcode has a hundred values) */
    if (rc == CURLE_LOGIN_DENIED)
      code = TD_SMTP_ERROR_AUTH;
    else if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_CONNECT
             || rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_SSL_CONNECT_ERROR
             || rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_USE_SSL_FAILED
             || rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING)
      code = TD_SMTP_ERROR_CONNECT;
    else
      code = TD_SMTP_ERROR_REFUSED;
    /* a connection in a bad state is not reused */
    curl_easy_cleanup (self->curl);
    self->curl = NULL;
    if (response > 0)
      g_set_error (error, TD_SMTP_ERROR, code, _("%s (the server answered %ld)"), detail, response);
    else
      g_set_error (error, TD_SMTP_ERROR, code, "%s", detail);
  }
  return FALSE;
}

void
td_smtp_sender_init (TdCampaignSender     *sender,
                     const TdSmtpSettings *settings,
                     TdSmtpClient         *client)
{
  memset (sender, 0, sizeof *sender);
  sender->send = td_smtp_client_send;
  sender->transport = client;
  sender->from_address = client->settings.from_address;
  sender->from_name = client->settings.from_name;
  sender->reply_address = client->settings.reply_to;
  sender->per_minute = settings->per_minute;
}
