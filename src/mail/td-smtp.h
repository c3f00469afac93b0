/* td-smtp.h: sending e-mail through the business's SMTP server (libcurl)
 *
 * The settings live in the workspace (keys smtp-host, smtp-port,
 * smtp-security, smtp-user, smtp-from, smtp-from-name, smtp-reply-to,
 * smtp-per-minute, smtp-ca-file); the password does not: it is in the
 * keyring (td-smtp-secret.h), or, for scripts and tests without a
 * keyring, in the environment variable TOURDESK_SMTP_PASSWORD.
 *
 * A client keeps its connection between messages (one TCP and TLS
 * session for a whole campaign). Credentials only travel encrypted:
 * security "none" refuses a user name unless the server is on this
 * machine (127.0.0.1, ::1, localhost).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-campaign.h"
#include "td-database.h"

G_BEGIN_DECLS

#define TD_SMTP_ERROR (td_smtp_error_quark ())

typedef enum {
  TD_SMTP_ERROR_SETTINGS,   /* missing or wrong settings */
  TD_SMTP_ERROR_CONNECT,    /* could not reach or talk TLS to the server */
  TD_SMTP_ERROR_AUTH,       /* the server refused the user name or password */
  TD_SMTP_ERROR_REFUSED,    /* the server refused the sender, recipient or message */
  TD_SMTP_ERROR_FAILED,
} TdSmtpError;

GQuark td_smtp_error_quark (void);

typedef enum {
  TD_SMTP_SECURITY_STARTTLS,  /* port 587: plain, then STARTTLS (required) */
  TD_SMTP_SECURITY_TLS,       /* port 465: TLS from the start */
  TD_SMTP_SECURITY_NONE,      /* a relay on this machine or the local network */
} TdSmtpSecurity;

const char *td_smtp_security_to_string   (TdSmtpSecurity  security);
gboolean    td_smtp_security_from_string (const char     *text,
                                          TdSmtpSecurity *security);

typedef struct {
  char           *host;
  guint           port;           /* 0: 587, 465 or 25 by security */
  TdSmtpSecurity  security;
  char           *username;       /* NULL: no AUTH */
  char           *password;       /* never stored in the workspace */
  char           *from_address;
  char           *from_name;
  char           *reply_to;       /* where "unsubscribe" replies go; NULL: from */
  guint           per_minute;     /* rate limit; 0: none */
  char           *ca_file;        /* extra CA certificates (PEM), or NULL */
} TdSmtpSettings;

void            td_smtp_settings_free  (TdSmtpSettings  *settings);
/* The workspace's settings (no password); TD_SMTP_ERROR_SETTINGS when no
 * server or sender is set. */
TdSmtpSettings *td_smtp_settings_load  (TdDatabase      *db,
                                        GError         **error);
/* Stores the settings (not the password) after checking them. */
gboolean        td_smtp_settings_save  (TdDatabase      *db,
                                        const TdSmtpSettings *settings,
                                        GError         **error);
/* Checks host, port, addresses, and that a password travels encrypted. */
gboolean        td_smtp_settings_check (const TdSmtpSettings *settings,
                                        GError         **error);
/* Fills settings->password: TOURDESK_SMTP_PASSWORD, else the keyring.
 * Nothing to do without a user name. */
gboolean        td_smtp_settings_load_password (TdSmtpSettings *settings,
                                                TdDatabase     *db,
                                                GCancellable   *cancellable,
                                                GError        **error);

typedef struct _TdSmtpClient TdSmtpClient;

TdSmtpClient *td_smtp_client_new  (const TdSmtpSettings *settings);
void          td_smtp_client_free (TdSmtpClient         *client);
/* One message (RFC 5322 bytes) from one address to one; a TdMailSendFunc. */
gboolean      td_smtp_client_send (gpointer              client,
                                   const char           *from_address,
                                   const char           *to_address,
                                   GBytes               *message,
                                   GError              **error);
/* a TdCampaignSender that sends through client with settings' sender */
void          td_smtp_sender_init (TdCampaignSender     *sender,
                                   const TdSmtpSettings *settings,
                                   TdSmtpClient         *client);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSmtpSettings, td_smtp_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSmtpClient, td_smtp_client_free)

G_END_DECLS
