/* td-cli-campaigns.c: tourdesk-cli, e-mail campaigns (campaigns create,
 * list, preview, test, send, status, export, opt-out, smtp)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "td-cli-private.h"
#include "td-smtp-secret.h"
#include "td-smtp.h"

static const Command *find_campaigns_command (const char *name);

static void
add_campaign_json (JsonBuilder *b,
                   TdCampaign  *c)
{
  td_cli_add_string (b, "id", c->id);
  td_cli_add_string (b, "name", c->name);
  td_cli_add_string (b, "segment", c->segment_name);
  td_cli_add_string (b, "subject", c->subject);
  td_cli_add_string (b, "body", c->body);
  td_cli_add_string (b, "coupon", c->coupon_code);
  td_cli_add_string (b, "state", c->state);
  td_cli_add_string (b, "started_at", c->started_at);
  td_cli_add_string (b, "finished_at", c->finished_at);
}

static int
cmd_campaigns_create (Cli   *cli,
                      int    argc,
                      char **argv)
{
  const Command *command = find_campaigns_command ("create");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  g_autofree char *segment = NULL, *subject = NULL, *body = NULL, *body_file = NULL, *coupon = NULL;
  g_autofree char *id = NULL;
  GOptionEntry entries[] = {
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment, N_("The segment to write to (its name)"), N_("NAME") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("The subject; merge fields {name}, {last_stay}, {coupon}"), N_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("The text of the e-mail, with the same merge fields"), N_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("Read the text of the e-mail from a UTF-8 file"), N_("FILE") },
    { "coupon", 0, 0, G_OPTION_ARG_STRING, &coupon, N_("The coupon code {coupon} stands for"), N_("CODE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (segment == NULL || subject == NULL || (body == NULL) == (body_file == NULL))
    {
      td_cli_fail (cli, _("“campaigns create” needs --segment, --subject and one of --body or --body-file. Try “%s campaigns create --help”."),
                   cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  if (body_file)
    {
      gsize length;

      if (!g_file_get_contents (body_file, &body, &length, &error))
        return td_cli_fail_error (cli, error);
      if (!g_utf8_validate_len (body, length, NULL))
        {
          td_cli_fail (cli, _("%s: not UTF-8 text"), body_file);
          return TD_CLI_EXIT_FAILURE;
        }
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  id = td_campaign_create (db, argv[1], segment, subject, body, coupon, &error);
  if (id == NULL)
    return td_cli_fail_error (cli, error);
  campaign = td_campaign_get (db, id, &error);
  if (campaign == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_campaign_json (b, campaign);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  g_print (_("Campaign “%s” saved as a draft (%s).\n"), campaign->name, campaign->id);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_campaigns_list (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_campaigns_command ("list");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  list = td_campaign_list (db, &error);
  if (list == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "campaigns");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          json_builder_begin_object (b);
          add_campaign_json (b, g_ptr_array_index (list, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (list->len == 0)
    g_print ("%s\n", _("No campaigns yet."));
  for (guint i = 0; i < list->len; i++)
    {
      TdCampaign *c = g_ptr_array_index (list, i);

      g_print ("%s  [%s]  → %s\n  %s\n", c->name, c->state, c->segment_name, c->subject);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_campaigns_preview (Cli   *cli,
                       int    argc,
                       char **argv)
{
  const Command *command = find_campaigns_command ("preview");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(TdCampaignPreview) preview = NULL;
  g_autoptr(GPtrArray) audience = NULL;
  g_autofree char *customer = NULL;
  GOptionEntry entries[] = {
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The message this customer would get (id; default: the first recipient)"), N_("ID") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  campaign = td_campaign_get (db, argv[1], &error);
  if (campaign == NULL)
    return td_cli_fail_error (cli, error);
  audience = td_campaign_audience (db, campaign, 0, &error);
  if (audience == NULL)
    return td_cli_fail_error (cli, error);
  preview = td_campaign_preview (db, campaign, customer, &error);
  if (preview == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "campaign", campaign->name);
      json_builder_set_member_name (b, "recipients");
      json_builder_add_int_value (b, audience->len);
      td_cli_add_string (b, "to_name", preview->to_name);
      td_cli_add_string (b, "to", preview->to_address);
      td_cli_add_string (b, "subject", preview->subject);
      td_cli_add_string (b, "body", preview->body);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u recipient consents to e-mail.\n",
                        "%u recipients consent to e-mail.\n", audience->len), audience->len);
  td_cli_print_row (_("To:"), preview->to_address);
  td_cli_print_row (_("Subject:"), preview->subject);
  g_print ("\n%s", preview->body);
  return TD_CLI_EXIT_SUCCESS;
}

/* the settings and password, a client, a sender */
static gboolean
prepare_sender (Cli               *cli,
                TdDatabase        *db,
                TdSmtpSettings   **settings_out,
                TdSmtpClient     **client_out,
                TdCampaignSender  *sender,
                GError           **error)
{
  g_autoptr(TdSmtpSettings) settings = td_smtp_settings_load (db, error);

  if (settings == NULL)
    return FALSE;
  if (!td_smtp_settings_load_password (settings, db, NULL, error))
    return FALSE;
  *client_out = td_smtp_client_new (settings);
  td_smtp_sender_init (sender, settings, *client_out);
  *settings_out = g_steal_pointer (&settings);
  return TRUE;
}

static int
cmd_campaigns_test (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_campaigns_command ("test");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(TdSmtpSettings) settings = NULL;
  g_autoptr(TdSmtpClient) client = NULL;
  g_autofree char *to = NULL, *customer = NULL;
  TdCampaignSender sender;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Send the test to this address"), N_("ADDRESS") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("As this customer would get it (id; default: the first recipient)"), N_("ID") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (to == NULL)
    {
      td_cli_fail (cli, _("“campaigns test” needs --to ADDRESS. Try “%s campaigns test --help”."), cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  campaign = td_campaign_get (db, argv[1], &error);
  if (campaign == NULL)
    return td_cli_fail_error (cli, error);
  if (!prepare_sender (cli, db, &settings, &client, &sender, &error))
    return td_cli_fail_error (cli, error);
  if (!td_campaign_send_test (db, campaign, customer, to, &sender, &error))
    return td_cli_fail_error (cli, error);
  g_print (_("Test message sent to %s.\n"), to);
  return TD_CLI_EXIT_SUCCESS;
}

static void
print_progress (const TdCampaignProgress *p,
                gpointer                  user_data)
{
  Cli *cli = user_data;

  if (cli->json)
    return;
  g_printerr ("\r%s", "");
  g_printerr (_("%u of %u sent, %u failed, %u skipped"), p->sent, p->total, p->failed, p->skipped);
}

static void
add_progress_json (JsonBuilder              *b,
                   const TdCampaignProgress *p)
{
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, p->total);
  json_builder_set_member_name (b, "sent");
  json_builder_add_int_value (b, p->sent);
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, p->failed);
  json_builder_set_member_name (b, "skipped");
  json_builder_add_int_value (b, p->skipped);
  json_builder_set_member_name (b, "uncertain");
  json_builder_add_int_value (b, p->uncertain);
  json_builder_set_member_name (b, "sent_now");
  json_builder_add_int_value (b, p->this_run);
}

static int
cmd_campaigns_send (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_campaigns_command ("send");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(TdSmtpSettings) settings = NULL;
  g_autoptr(TdSmtpClient) client = NULL;
  TdCampaignProgress progress = { 0 };
  TdCampaignSender sender;
  gboolean resume = FALSE;
  GOptionEntry entries[] = {
    { "resume", 0, 0, G_OPTION_ARG_NONE, &resume, N_("Go on with a send that stopped: only recipients not yet sent to (never a second copy)"), NULL },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  campaign = td_campaign_get (db, argv[1], &error);
  if (campaign == NULL)
    return td_cli_fail_error (cli, error);
  if (!prepare_sender (cli, db, &settings, &client, &sender, &error))
    return td_cli_fail_error (cli, error);
  if (!td_campaign_send (db, campaign->id, resume, &sender, print_progress, cli, NULL, &progress, &error))
    {
      if (!cli->json)
        g_printerr ("\n");
      return td_cli_fail_error (cli, error);
    }
  if (!cli->json)
    g_printerr ("\n");

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(TdCampaign) fresh = td_campaign_get (db, campaign->id, NULL);

      json_builder_begin_object (b);
      td_cli_add_string (b, "id", campaign->id);
      td_cli_add_string (b, "state", fresh ? fresh->state : NULL);
      add_progress_json (b, &progress);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    g_print (_("Sent %u now; %u of %u sent in all, %u failed, %u skipped, %u uncertain.\n"),
             progress.this_run, progress.sent, progress.total, progress.failed, progress.skipped,
             progress.uncertain);
  if (progress.failed > 0)
    {
      td_cli_fail (cli, g_dngettext (GETTEXT_PACKAGE,
                                     "%u message failed: “%s campaigns send %s --resume” tries again",
                                     "%u messages failed: “%s campaigns send %s --resume” tries again",
                                     progress.failed),
                   progress.failed, cli->prog, argv[1]);
      return TD_CLI_EXIT_FAILURE;
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_campaigns_status (Cli   *cli,
                      int    argc,
                      char **argv)
{
  const Command *command = find_campaigns_command ("status");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  TdCampaignResults results;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  campaign = td_campaign_get (db, argv[1], &error);
  if (campaign == NULL)
    return td_cli_fail_error (cli, error);
  recipients = td_campaign_recipients (db, campaign, &error);
  if (recipients == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_campaign_results (db, campaign->id, &results, &error))
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_campaign_json (b, campaign);
      json_builder_set_member_name (b, "bookings");
      json_builder_add_int_value (b, results.bookings);
      td_cli_add_money (b, "revenue", &results.revenue);
      td_cli_add_money (b, "discount", &results.discount);
      json_builder_set_member_name (b, "recipients");
      json_builder_begin_array (b);
      for (guint i = 0; i < recipients->len; i++)
        {
          TdCampaignRecipient *r = g_ptr_array_index (recipients, i);

          json_builder_begin_object (b);
          td_cli_add_string (b, "customer_id", r->customer_id);
          td_cli_add_string (b, "name", r->name);
          td_cli_add_string (b, "email", r->email);
          td_cli_add_string (b, "state", r->state);
          td_cli_add_string (b, "reason", r->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  g_print ("%s  [%s]\n", campaign->name, campaign->state);
  {
    g_autofree char *revenue = td_money_format (&results.revenue);

    g_print (g_dngettext (GETTEXT_PACKAGE, "%u booking with its coupon, %s of revenue\n",
                          "%u bookings with its coupon, %s of revenue\n", results.bookings),
             results.bookings, revenue);
  }
  for (guint i = 0; i < recipients->len; i++)
    {
      TdCampaignRecipient *r = g_ptr_array_index (recipients, i);
      g_autoptr(GString) line = g_string_new ("  ");

      td_cli_append_padded (line, r->name, 14);
      td_cli_append_padded (line, r->email, 30);
      g_string_append (line, r->state);
      if (r->reason)
        g_string_append_printf (line, ": %s", r->reason);
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_campaigns_export (Cli   *cli,
                      int    argc,
                      char **argv)
{
  const Command *command = find_campaigns_command ("export");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *channel = NULL, *output = NULL;
  guint rows = 0;
  GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("Who is listed: sms (consent to SMS, for SMS and WeChat tools), phone or email; default sms"), N_("CHANNEL") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the CSV file here (default: standard output)"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  campaign = td_campaign_get (db, argv[1], &error);
  if (campaign == NULL)
    return td_cli_fail_error (cli, error);
  csv = td_campaign_export_csv (db, campaign, channel ? channel : "sms", &rows, &error);
  if (csv == NULL)
    {
      if (g_error_matches (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID))
        {
          td_cli_fail (cli, "--channel: %s", error->message);
          return TD_CLI_EXIT_USAGE;
        }
      return td_cli_fail_error (cli, error);
    }
  if (output)
    {
      if (!g_file_set_contents (output, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), &error))
        return td_cli_fail_error (cli, error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u customer to %s.\n", "Wrote %u customers to %s.\n", rows),
               rows, output);
    }
  else
    fwrite (g_bytes_get_data (csv, NULL), 1, g_bytes_get_size (csv), stdout);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_campaigns_opt_out (Cli   *cli,
                       int    argc,
                       char **argv)
{
  const Command *command = find_campaigns_command ("opt-out");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *channel = NULL, *how = NULL;
  gint64 changed;
  GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("email (default), sms or phone"), N_("CHANNEL") },
    { "how", 0, 0, G_OPTION_ARG_STRING, &how, N_("How the customer asked, for the record (“replied unsubscribe”)"), N_("TEXT") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  changed = td_marketing_opt_out (db, argv[1], channel ? channel : "email", how, &error);
  if (changed < 0)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "customer", argv[1]);
      td_cli_add_string (b, "channel", channel ? channel : "email");
      json_builder_set_member_name (b, "changed");
      json_builder_add_int_value (b, changed);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (changed == 0)
    g_print ("%s\n", _("Already opted out: nothing changed."));
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Opt-out recorded on %u customer.\n",
                          "Opt-out recorded on %u customers.\n", (gulong) changed), (guint) changed);
  return TD_CLI_EXIT_SUCCESS;
}

static char *
read_password_line (void)
{
  char buffer[1024];
  size_t len;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;
  len = strlen (buffer);
  while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
    buffer[--len] = '\0';
  return g_strdup (buffer);
}

static int
cmd_campaigns_smtp (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_campaigns_command ("smtp");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSmtpSettings) settings = NULL;
  g_autofree char *host = NULL, *port = NULL, *security = NULL, *user = NULL, *from = NULL;
  g_autofree char *from_name = NULL, *reply_to = NULL, *per_minute = NULL, *ca_file = NULL;
  gboolean password_stdin = FALSE;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("The SMTP server"), N_("HOST") },
    { "port", 0, 0, G_OPTION_ARG_STRING, &port, N_("Its port (default 587, 465 with tls, 25 with none)"), N_("PORT") },
    { "security", 0, 0, G_OPTION_ARG_STRING, &security, N_("starttls (default), tls or none"), N_("MODE") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The account to log in with (empty: none)"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from standard input and keep it in the keyring"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The address campaigns are sent from"), N_("ADDRESS") },
    { "from-name", 0, 0, G_OPTION_ARG_STRING, &from_name, N_("The name shown as the sender"), N_("NAME") },
    { "reply-to", 0, 0, G_OPTION_ARG_STRING, &reply_to, N_("Where “unsubscribe” replies go (default: the from address)"), N_("ADDRESS") },
    { "per-minute", 0, 0, G_OPTION_ARG_STRING, &per_minute, N_("At most this many messages a minute (default 60; 0: no limit)"), N_("N") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("Trust the server's certificate from this PEM file too"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);

  settings = td_smtp_settings_load (db, NULL);
  if (settings == NULL)
    {
      settings = g_new0 (TdSmtpSettings, 1);
      settings->per_minute = 60;
    }
  if (host || port || security || user || from || from_name || reply_to || per_minute || ca_file || password_stdin)
    {
      guint64 number;

#define REPLACE(field, value) if (value) { g_free (settings->field); settings->field = *value ? g_strdup (value) : NULL; }
      REPLACE (host, host);
      REPLACE (username, user);
      REPLACE (from_address, from);
      REPLACE (from_name, from_name);
      REPLACE (reply_to, reply_to);
      REPLACE (ca_file, ca_file);
#undef REPLACE
      if (security && !td_smtp_security_from_string (security, &settings->security))
        {
          td_cli_fail (cli, _("--security: “%s” is starttls, tls or none"), security);
          return TD_CLI_EXIT_USAGE;
        }
      if (port && !g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL))
        {
          td_cli_fail (cli, _("--port: “%s” is not a port number"), port);
          return TD_CLI_EXIT_USAGE;
        }
      else if (port)
        settings->port = (guint) number;
      if (per_minute && !td_cli_parse_count (cli, "--per-minute", per_minute, 100000, &number))
        return TD_CLI_EXIT_USAGE;
      else if (per_minute)
        settings->per_minute = (guint) number;
      if (!td_smtp_settings_save (db, settings, &error))
        return td_cli_fail_error (cli, error);
      if (password_stdin)
        {
          g_autofree char *password = read_password_line ();

          if (settings->username == NULL)
            {
              td_cli_fail (cli, "%s", _("--password-stdin needs --user"));
              return TD_CLI_EXIT_USAGE;
            }
          if (password == NULL || *password == '\0')
            {
              td_cli_fail (cli, "%s", _("No password on standard input"));
              return TD_CLI_EXIT_USAGE;
            }
          if (!td_smtp_password_store (td_database_get_path (db), settings->host, settings->username,
                                       password, NULL, &error))
            return td_cli_fail_error (cli, error);
        }
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "host", settings->host);
      json_builder_set_member_name (b, "port");
      json_builder_add_int_value (b, settings->port);
      td_cli_add_string (b, "security", td_smtp_security_to_string (settings->security));
      td_cli_add_string (b, "user", settings->username);
      td_cli_add_string (b, "from", settings->from_address);
      td_cli_add_string (b, "from_name", settings->from_name);
      td_cli_add_string (b, "reply_to", settings->reply_to);
      json_builder_set_member_name (b, "per_minute");
      json_builder_add_int_value (b, settings->per_minute);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (settings->host == NULL)
    {
      g_print ("%s\n", _("No e-mail server yet: “campaigns smtp --host HOST --from ADDRESS …” sets one."));
      return TD_CLI_EXIT_SUCCESS;
    }
  {
    g_autofree char *port_text = g_strdup_printf ("%u", settings->port);
    g_autofree char *rate = g_strdup_printf ("%u", settings->per_minute);

    td_cli_print_row (_("Server:"), settings->host);
    td_cli_print_row (_("Port:"), settings->port ? port_text : _("(default)"));
    td_cli_print_row (_("Security:"), td_smtp_security_to_string (settings->security));
    td_cli_print_row (_("Account:"), settings->username ? settings->username : _("(none)"));
    td_cli_print_row (_("From:"), settings->from_address);
    td_cli_print_row (_("Messages a minute:"), rate);
  }
  return TD_CLI_EXIT_SUCCESS;
}

static const Command campaigns_commands[] = {
  { "create", N_("NAME"), N_("A draft e-mail to a segment, with merge fields"), cmd_campaigns_create },
  { "list", "", N_("The campaigns and their state"), cmd_campaigns_list },
  { "preview", N_("ID"), N_("The message one recipient would get"), cmd_campaigns_preview },
  { "test", N_("ID"), N_("Send one test message to an address"), cmd_campaigns_test },
  { "send", N_("ID"), N_("Send to every consenting customer of the segment (--resume goes on after a stop)"), cmd_campaigns_send },
  { "status", N_("ID"), N_("Each recipient (sent, failed and why, skipped), and the bookings and revenue its coupon brought"), cmd_campaigns_status },
  { "export", N_("ID"), N_("A CSV list of the segment for SMS or WeChat"), cmd_campaigns_export },
  { "opt-out", N_("EMAIL|ID"), N_("Record that a customer no longer wants e-mail (or SMS, calls)"), cmd_campaigns_opt_out },
  { "smtp", "", N_("Show or set the e-mail server campaigns go through"), cmd_campaigns_smtp },
};

static Command campaigns_named[G_N_ELEMENTS (campaigns_commands)];

static const CommandGroup campaigns_group = {
  .name = "campaigns",
  .commands = campaigns_commands,
  .n_commands = G_N_ELEMENTS (campaigns_commands),
  .named = campaigns_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] campaigns SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("E-mail campaigns to the customers of a segment who agreed to e-mail."),
  .footer = N_("“campaigns SUBCOMMAND --help” shows a sub-command’s options. The SMTP password comes from the keyring, or from TOURDESK_SMTP_PASSWORD."),
  /* xgettext:c-format */
  .needs_sub = N_("“campaigns” needs a sub-command. Try “%s campaigns --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s campaigns --help”."),
};

static const Command *
find_campaigns_command (const char *name)
{
  return td_cli_find_subcommand (&campaigns_group, name);
}

int
td_cli_cmd_campaigns (Cli   *cli,
                      int    argc,
                      char **argv)
{
  return td_cli_run_group (cli, &campaigns_group, argc, argv);
}
