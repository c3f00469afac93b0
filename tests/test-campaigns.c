/* test-campaigns.c: e-mail campaigns through a real SMTP server on
 * 127.0.0.1 (tests/smtp-server.py, Debian's python3-aiosmtpd) with
 * STARTTLS and AUTH: what it received (headers, the Chinese subject as
 * encoded words, the unsubscribe line), consent, the rate limit, a resume
 * after the server stopped taking mail (nobody gets a second copy),
 * opt-outs and the CSV list.
 *
 * The segment 郑州 (city = 郑州市) holds, in the order they are sent:
 *   李四 li@…, 刘八 liu@…, 孙九 sun@…, 张三 zhang@…, 周十 zhou@…
 * (all agreed to e-mail) and two who get nothing: 王五 (withdrew) and
 * 赵六 (no address); 陈七 (洛阳市) is not in the segment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-smtp.h"
#include "td-test-hotel.h"
#include "td-test-smtp.h"
#include "td-test-utils.h"


typedef struct {
  TdTestHotel *hotel;
  char        *campaign;
  char        *customer[8];
} Fixture;

enum { LI, LIU, SUN, ZHANG, ZHOU, WANG, ZHAO, CHEN };

static const struct {
  const char *name;
  const char *email;
  const char *consent;
  const char *city;
} people[] = {
  [LI]    = { "李四", "li@example.com",    "granted",   "郑州市" },
  [LIU]   = { "刘八", "liu@example.com",   "granted",   "郑州市" },
  [SUN]   = { "孙九", "sun@example.com",   "granted",   "郑州市" },
  [ZHANG] = { "张三", "zhang@example.com", "granted",   "郑州市" },
  [ZHOU]  = { "周十", "zhou@example.com",  "granted",   "郑州市" },
  [WANG]  = { "王五", "wang@example.com",  "withdrawn", "郑州市" },
  [ZHAO]  = { "赵六", NULL,                "granted",   "郑州市" },
  [CHEN]  = { "陈七", "chen@example.com",  "granted",   "洛阳市" },
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(JsonObject) rules = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *segment = NULL;
  static int serial;
  g_autofree char *name = g_strdup_printf ("campaigns-%d", ++serial);
  TdChange *c;

  f->hotel = td_test_hotel_new (name);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      c = td_change_new_insert ("customer", NULL);
      td_change_set_string (c, "party", "person");
      td_change_set_string (c, "name", people[i].name);
      td_change_set_string (c, "city", people[i].city);
      if (people[i].email)
        td_change_set_string (c, "email", people[i].email);
      td_change_set_string (c, "phone", "13800138000");
      td_change_set_string (c, "consent_email", people[i].consent);
      td_change_set_string (c, "consent_email_at", "2026-01-01T00:00:00.000000Z");
      td_change_set_string (c, "consent_email_how", "form at the desk");
      if (i % 2 == 0)
        td_change_set_string (c, "consent_sms", "granted");
      f->customer[i] = g_strdup (td_change_get_id (c));
      g_ptr_array_add (changes, c);
    }
  c = td_change_new_insert ("coupon", NULL);
  td_change_set_string (c, "code", "SPRING26");
  td_change_set_string (c, "discount", "percent");
  td_change_set_int (c, "percent", 10);
  g_ptr_array_add (changes, c);
  td_test_commit (f->hotel->db, changes);

  node = json_from_string ("{\"rules\":[{\"field\":\"city\",\"op\":\"is\",\"value\":\"郑州市\"}]}", NULL);
  rules = json_node_dup_object (node);
  segment = td_segment_save (f->hotel->db, "郑州", rules, NULL, &error);
  g_assert_no_error (error);
  f->campaign = td_campaign_create (f->hotel->db, "春季", "郑州",
                                    "{name}，春天好：郑州的花开了",
                                    "{name}您好！\n\n上次入住：{last_stay}。凭优惠码 {coupon} 立减 10%。\n{{不是字段}}\n",
                                    "spring26", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->customer); i++)
    g_free (f->customer[i]);
  g_free (f->campaign);
  td_test_hotel_free (f->hotel);
}

static TdSmtpSettings *
settings_for (TdTestSmtpServer *server,
              const char *password)
{
  TdSmtpSettings *s = g_new0 (TdSmtpSettings, 1);

  s->host = g_strdup ("127.0.0.1");
  s->port = server->port;
  s->security = TD_SMTP_SECURITY_STARTTLS;
  s->username = g_strdup ("desk@hotel.example");
  s->password = g_strdup (password);
  s->from_address = g_strdup ("hello@hotel.example");
  s->from_name = g_strdup ("测试酒店");
  s->reply_to = g_strdup ("optout@hotel.example");
  s->ca_file = g_strdup (server->cert);
  return s;
}

/* ------------------------------------------------------------------ */
/* reading what the server received                                   */

typedef struct {
  GHashTable *headers;   /* lower-case name → unfolded value */
  char       *body;      /* decoded */
} Received;

static void
received_free (Received *r)
{
  g_hash_table_unref (r->headers);
  g_free (r->body);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Received, received_free)

/* decodes =?UTF-8?B?…?= words, dropping the whitespace between two */
static char *
decode_words (const char *value)
{
  GString *out = g_string_new (NULL);
  const char *p = value;
  gboolean last_was_word = FALSE;

  while (*p)
    {
      if (g_str_has_prefix (p, "=?UTF-8?B?"))
        {
          const char *end = strstr (p + 10, "?=");
          g_autofree char *b64 = NULL;
          g_autofree guchar *bytes = NULL;
          gsize len;

          g_assert_nonnull (end);
          /* RFC 2047: at most 75 characters a word */
          g_assert_cmpint (end + 2 - p, <=, 75);
          b64 = g_strndup (p + 10, end - p - 10);
          bytes = g_base64_decode (b64, &len);
          /* each word is whole UTF-8 on its own */
          g_assert_true (g_utf8_validate ((const char *) bytes, len, NULL));
          g_string_append_len (out, (const char *) bytes, len);
          p = end + 2;
          last_was_word = TRUE;
        }
      else if (last_was_word && (*p == ' ' || *p == '\t'))
        {
          const char *q = p;

          while (*q == ' ' || *q == '\t')
            q++;
          if (!g_str_has_prefix (q, "=?UTF-8?B?"))
            g_string_append_len (out, p, q - p);
          p = q;
        }
      else
        {
          g_string_append_c (out, *p++);
          last_was_word = FALSE;
        }
    }
  return g_string_free (out, FALSE);
}

static Received *
read_received (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  Received *r = g_new0 (Received, 1);
  g_autoptr(GString) b64 = g_string_new (NULL);
  char *split, *last = NULL;
  g_autofree guchar *body = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  r->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  split = strstr (text, "\r\n\r\n");
  g_assert_nonnull (split);
  *split = '\0';
  /* headers are 7-bit: anything else must have been encoded */
  for (const char *p = text; *p; p++)
    g_assert_cmpint ((guchar) *p, <, 0x80);
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if ((lines[i][0] == ' ' || lines[i][0] == '\t') && last)
        {
          char *value = g_hash_table_lookup (r->headers, last);
          char *joined = g_strconcat (value, lines[i], NULL);

          g_hash_table_insert (r->headers, g_strdup (last), joined);
          continue;
        }
      {
        char *colon = strchr (lines[i], ':');

        g_assert_nonnull (colon);
        *colon = '\0';
        g_free (last);
        last = g_ascii_strdown (lines[i], -1);
        g_hash_table_insert (r->headers, g_strdup (last), g_strdup (g_strchug (colon + 1)));
      }
    }
  g_free (last);
  for (const char *p = split + 4; *p; p++)
    if (*p != '\r' && *p != '\n')
      g_string_append_c (b64, *p);
  body = g_base64_decode (b64->str, &len);
  r->body = g_strndup ((const char *) body, len);
  return r;
}

/* the messages received, by envelope recipient; each address once */
static GHashTable *
received_by_rcpt (const char *dir,
                  GHashTable *into)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (into == NULL)
    into = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) received_free);
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = NULL;
      Received *r;
      const char *rcpt;

      if (!g_str_has_suffix (name, ".eml"))
        continue;
      path = g_build_filename (dir, name, NULL);
      r = read_received (path);
      rcpt = g_hash_table_lookup (r->headers, "x-envelope-to");
      if (g_hash_table_contains (into, rcpt))
        g_error ("%s received a second copy", rcpt);
      g_hash_table_insert (into, g_strdup (rcpt), r);
    }
  return into;
}

/* ------------------------------------------------------------------ */

static void
test_templates (void)
{
  TdMergeFields fields = { "张三", "2026-09-01", "SPRING26" };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = td_campaign_render ("{name}，{last_stay} {coupon} {{name}} }} {{", &fields);

  g_assert_cmpstr (text, ==, "张三，2026-09-01 SPRING26 {name} } {");
  g_assert_true (td_campaign_template_check ("好 {name}", &error));
  g_assert_false (td_campaign_template_check ("好 {nam}", &error));
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{nam}"));
  g_clear_error (&error);
  g_assert_false (td_campaign_template_check ("好 {name", &error));
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID);
}

static void
test_message (void)
{
  /* a long Chinese subject: several words, no character split */
  const char *subject = "春季特惠：郑州的花开了，欢迎回来入住！凭优惠码享受九折，另有早餐券与延迟退房";
  TdMailMessage m = {
    .from_name = "测试酒店", .from_address = "hello@hotel.example",
    .to_name = "Zhang \"San\"", .to_address = "zhang@example.com",
    .subject = subject, .body = "第一行\n第二行\n",
    .message_id = "abc@hotel.example", .date = 1795000000,
    .list_unsubscribe = "mailto:optout@hotel.example?subject=unsubscribe",
  };
  g_autoptr(GBytes) bytes = td_mail_message_build (&m, NULL);
  g_autofree char *path = td_test_path ("message.eml");
  g_autofree char *with_envelope = NULL;
  g_autoptr(Received) r = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *from = NULL;

  with_envelope = g_strdup_printf ("X-Envelope-To: x\r\n%.*s", (int) g_bytes_get_size (bytes),
                                   (const char *) g_bytes_get_data (bytes, NULL));
  g_assert_true (g_file_set_contents (path, with_envelope, -1, NULL));
  r = read_received (path);
  decoded = decode_words (g_hash_table_lookup (r->headers, "subject"));
  g_assert_cmpstr (decoded, ==, subject);
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (r->headers, "subject"), "=?UTF-8?B?"));
  from = decode_words (g_hash_table_lookup (r->headers, "from"));
  g_assert_cmpstr (from, ==, "测试酒店 <hello@hotel.example>");
  g_assert_cmpstr (g_hash_table_lookup (r->headers, "to"), ==, "\"Zhang \\\"San\\\"\" <zhang@example.com>");
  g_assert_cmpstr (g_hash_table_lookup (r->headers, "message-id"), ==, "<abc@hotel.example>");
  g_assert_cmpstr (g_hash_table_lookup (r->headers, "content-type"), ==, "text/plain; charset=UTF-8");
  g_assert_nonnull (strstr (g_hash_table_lookup (r->headers, "date"), "+0000"));
  g_assert_cmpstr (r->body, ==, "第一行\r\n第二行\r\n");
  /* plain ASCII stays as it is */
  {
    g_autofree char *plain = td_mail_encode_header ("Spring offer");

    g_assert_cmpstr (plain, ==, "Spring offer");
  }
  g_assert_true (td_mail_address_is_valid ("a.b@c.cn"));
  g_assert_false (td_mail_address_is_valid ("a b@c.cn"));
  g_assert_false (td_mail_address_is_valid ("ab@c"));
  g_assert_false (td_mail_address_is_valid ("<ab@c.cn>"));
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCampaign) campaign = td_campaign_get (f->hotel->db, "春季", &error);
  g_autoptr(TdCampaignPreview) preview = NULL;
  g_autoptr(GPtrArray) audience = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (campaign->coupon_code, ==, "SPRING26");
  g_assert_cmpstr (campaign->state, ==, "draft");
  audience = td_campaign_audience (f->hotel->db, campaign, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audience->len, ==, 5);
  g_assert_cmpstr (((TdCampaignRecipient *) g_ptr_array_index (audience, 0))->name, ==, "李四");

  preview = td_campaign_preview (f->hotel->db, campaign, f->customer[ZHANG], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (preview->to_address, ==, "zhang@example.com");
  g_assert_cmpstr (preview->subject, ==, "张三，春天好：郑州的花开了");
  g_assert_true (g_str_has_prefix (preview->body, "张三您好！\n\n上次入住：。凭优惠码 SPRING26 立减 10%。\n{不是字段}\n"));
  g_assert_nonnull (strstr (preview->body, "\n-- \n"));
  g_assert_nonnull (strstr (preview->body, "“unsubscribe”"));
  g_clear_pointer (&preview, td_campaign_preview_free);

  /* no preview for someone who would not get it */
  g_assert_null (td_campaign_preview (f->hotel->db, campaign, f->customer[WANG], &error));
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_NO_CONSENT);
  g_clear_error (&error);
  g_assert_null (td_campaign_preview (f->hotel->db, campaign, f->customer[CHEN], &error));
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_NO_CONSENT);
  g_clear_error (&error);

  /* a campaign's checks */
  g_assert_null (td_campaign_create (f->hotel->db, "坏的", "郑州", "{nom}", "x", NULL, &error));
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Subject"));
  g_clear_error (&error);
  g_assert_null (td_campaign_create (f->hotel->db, "坏的", "郑州", "hi", "{coupon}", NULL, &error));
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (td_campaign_create (f->hotel->db, "坏的", "没有", "hi", "x", NULL, &error));
  g_assert_error (error, TD_SEGMENT_ERROR, TD_SEGMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (td_campaign_create (f->hotel->db, "春季", "郑州", "hi", "x", NULL, &error));
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID);
}

static void
test_send (Fixture       *f,
           gconstpointer  data)
{
  TdTestSmtpServer *server;
  g_autoptr(TdSmtpSettings) settings = NULL;
  g_autoptr(TdSmtpClient) client = NULL;
  g_autoptr(GHashTable) received = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  TdCampaignProgress progress;
  TdCampaignSender sender;
  gint64 start;

  if (!td_test_smtp_available ())
    {
      g_test_skip ("python3-aiosmtpd is not installed");
      return;
    }
  server = td_test_smtp_server_start (-1);
  settings = settings_for (server, "s3cret 密码");
  /* 600 a minute: 100 ms apart */
  settings->per_minute = 600;
  client = td_smtp_client_new (settings);
  td_smtp_sender_init (&sender, settings, client);

  start = g_get_monotonic_time ();
  g_assert_true (td_campaign_send (f->hotel->db, f->campaign, FALSE, &sender, NULL, NULL, NULL, &progress, &error));
  g_assert_no_error (error);
  /* five messages, four waits of 100 ms */
  g_assert_cmpfloat (td_test_ms_since (start), >=, 400);
  g_assert_cmpuint (progress.total, ==, 5);
  g_assert_cmpuint (progress.sent, ==, 5);
  g_assert_cmpuint (progress.this_run, ==, 5);
  g_assert_cmpuint (progress.failed, ==, 0);

  received = received_by_rcpt (server->dir, NULL);
  g_assert_cmpuint (g_hash_table_size (received), ==, 5);
  for (guint i = LI; i <= ZHOU; i++)
    {
      Received *r = g_hash_table_lookup (received, people[i].email);
      g_autofree char *subject = NULL, *to = NULL, *want_subject = NULL, *want_to = NULL;

      g_assert_nonnull (r);
      subject = decode_words (g_hash_table_lookup (r->headers, "subject"));
      want_subject = g_strdup_printf ("%s，春天好：郑州的花开了", people[i].name);
      g_assert_cmpstr (subject, ==, want_subject);
      to = decode_words (g_hash_table_lookup (r->headers, "to"));
      want_to = g_strdup_printf ("%s <%s>", people[i].name, people[i].email);
      g_assert_cmpstr (to, ==, want_to);
      g_assert_cmpstr (g_hash_table_lookup (r->headers, "x-envelope-from"), ==, "hello@hotel.example");
      g_assert_cmpstr (g_hash_table_lookup (r->headers, "list-unsubscribe"), ==,
                       "<mailto:optout@hotel.example?subject=unsubscribe>");
      g_assert_nonnull (strstr (r->body, "SPRING26"));
      g_assert_nonnull (strstr (r->body, "reply to optout@hotel.example with the word “unsubscribe”"));
    }
  g_assert_false (g_hash_table_contains (received, "wang@example.com"));
  g_assert_false (g_hash_table_contains (received, "chen@example.com"));

  /* a record per recipient; the campaign is sent, and not twice */
  campaign = td_campaign_get (f->hotel->db, f->campaign, &error);
  g_assert_cmpstr (campaign->state, ==, "sent");
  g_assert_nonnull (campaign->finished_at);
  recipients = td_campaign_recipients (f->hotel->db, campaign, &error);
  g_assert_cmpuint (recipients->len, ==, 5);
  for (guint i = 0; i < recipients->len; i++)
    g_assert_cmpstr (((TdCampaignRecipient *) g_ptr_array_index (recipients, i))->state, ==, "sent");
  g_assert_cmpint (td_test_query_int (f->hotel->db, "SELECT count(*) FROM campaign_recipients"
                                                    " WHERE sent_at IS NOT NULL AND message_id LIKE '%@hotel.example'"), ==, 5);
  g_assert_false (td_campaign_send (f->hotel->db, f->campaign, FALSE, &sender, NULL, NULL, NULL, &progress, &error));
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (td_campaign_send (f->hotel->db, f->campaign, TRUE, &sender, NULL, NULL, NULL, &progress, &error));
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_STATE);
  g_clear_error (&error);

  /* a test message: [TEST], to the address given, nothing recorded */
  g_assert_true (td_campaign_send_test (f->hotel->db, campaign, f->customer[ZHANG], "boss@hotel.example",
                                        &sender, &error));
  g_assert_no_error (error);
  g_hash_table_remove_all (received);
  g_clear_pointer (&received, g_hash_table_unref);
  {
    g_autofree char *path = g_build_filename (server->dir, "0006.eml", NULL);
    g_autoptr(Received) r = read_received (path);
    g_autofree char *subject = decode_words (g_hash_table_lookup (r->headers, "subject"));

    g_assert_cmpstr (subject, ==, "[TEST] 张三，春天好：郑州的花开了");
    g_assert_cmpstr (g_hash_table_lookup (r->headers, "x-envelope-to"), ==, "boss@hotel.example");
  }
  g_assert_cmpint (td_test_query_int (f->hotel->db, "SELECT count(*) FROM campaign_recipients"), ==, 5);

  td_test_smtp_server_stop (server);
}

/* the id of a customer's recipient record, read with a connection of our own */
static char *
recipient_id (Fixture *f,
              int      who)
{
  sqlite3 *handle;
  sqlite3_stmt *stmt;
  char *id;

  g_assert_cmpint (sqlite3_open_v2 (td_database_get_path (f->hotel->db), &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT id FROM campaign_recipients WHERE customer_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, f->customer[who], -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return id;
}

static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  TdTestSmtpServer *server;
  g_autoptr(TdSmtpSettings) settings = NULL;
  g_autoptr(TdSmtpClient) client = NULL;
  g_autoptr(GHashTable) received = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  TdCampaignProgress progress;
  TdCampaignSender sender;

  if (!td_test_smtp_available ())
    {
      g_test_skip ("python3-aiosmtpd is not installed");
      return;
    }

  /* the server takes two messages, then refuses the rest */
  server = td_test_smtp_server_start (2);
  settings = settings_for (server, "s3cret 密码");
  client = td_smtp_client_new (settings);
  td_smtp_sender_init (&sender, settings, client);
  g_assert_true (td_campaign_send (f->hotel->db, f->campaign, FALSE, &sender, NULL, NULL, NULL, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.sent, ==, 2);
  g_assert_cmpuint (progress.failed, ==, 3);
  campaign = td_campaign_get (f->hotel->db, f->campaign, &error);
  g_assert_cmpstr (campaign->state, ==, "sending");
  g_assert_cmpint (td_test_query_int (f->hotel->db, "SELECT count(*) FROM campaign_recipients"
                                                    " WHERE state = 'failed' AND reason LIKE '%451%'"), ==, 3);
  /* sending again needs --resume */
  g_assert_false (td_campaign_send (f->hotel->db, f->campaign, FALSE, &sender, NULL, NULL, NULL, &progress, &error));
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_STATE);
  g_clear_error (&error);
  received = received_by_rcpt (server->dir, NULL);
  td_test_smtp_server_stop (server);
  td_smtp_client_free (g_steal_pointer (&client));

  /* meanwhile: 张三 unsubscribes; 孙九's send was cut off half-way (as if
   * the desk had crashed during his SMTP transaction) */
  g_assert_cmpint (td_marketing_opt_out (f->hotel->db, "ZHANG@example.com", "email", "replied “unsubscribe”", &error), ==, 1);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    g_autofree char *id = recipient_id (f, SUN);
    g_autoptr(JsonObject) record = td_database_get_record (f->hotel->db, "campaign_recipient", id, &error);
    TdChange *c;

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (record, "state"), ==, "failed");
    c = td_change_new_update ("campaign_recipient", id, json_object_get_int_member (record, "revision"));
    td_change_set_string (c, "state", "sending");
    g_ptr_array_add (changes, c);
    td_test_commit (f->hotel->db, changes);
  }

  /* the server takes mail again (a new one, a new folder) */
  server = td_test_smtp_server_start (-1);
  g_free (settings->ca_file);
  settings->ca_file = g_strdup (server->cert);
  settings->port = server->port;
  client = td_smtp_client_new (settings);
  td_smtp_sender_init (&sender, settings, client);
  g_assert_true (td_campaign_send (f->hotel->db, f->campaign, TRUE, &sender, NULL, NULL, NULL, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.this_run, ==, 1);
  g_assert_cmpuint (progress.sent, ==, 3);
  g_assert_cmpuint (progress.skipped, ==, 1);
  g_assert_cmpuint (progress.uncertain, ==, 1);
  g_assert_cmpuint (progress.failed, ==, 0);

  /* across both servers: each address at most once (received_by_rcpt
   * fails on a second copy); 张三 and 孙九 got nothing */
  received_by_rcpt (server->dir, received);
  g_assert_cmpuint (g_hash_table_size (received), ==, 3);
  g_assert_true (g_hash_table_contains (received, "li@example.com"));
  g_assert_true (g_hash_table_contains (received, "liu@example.com"));
  g_assert_true (g_hash_table_contains (received, "zhou@example.com"));

  g_clear_pointer (&campaign, td_campaign_free);
  campaign = td_campaign_get (f->hotel->db, f->campaign, &error);
  g_assert_cmpstr (campaign->state, ==, "sent");
  {
    g_autofree char *q = g_strdup_printf ("SELECT count(*) FROM campaign_recipients WHERE customer_id = '%s'"
                                          " AND state = 'skipped' AND reason IS NOT NULL", f->customer[ZHANG]);

    g_assert_cmpint (td_test_query_int (f->hotel->db, q), ==, 1);
  }
  td_test_smtp_server_stop (server);
}

static void
test_auth_refused (Fixture       *f,
                   gconstpointer  data)
{
  TdTestSmtpServer *server;
  g_autoptr(TdSmtpSettings) settings = NULL;
  g_autoptr(TdSmtpClient) client = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  TdCampaignSender sender;

  if (!td_test_smtp_available ())
    {
      g_test_skip ("python3-aiosmtpd is not installed");
      return;
    }
  server = td_test_smtp_server_start (-1);
  settings = settings_for (server, "wrong");
  client = td_smtp_client_new (settings);
  td_smtp_sender_init (&sender, settings, client);
  campaign = td_campaign_get (f->hotel->db, f->campaign, &error);
  g_assert_false (td_campaign_send_test (f->hotel->db, campaign, NULL, "boss@hotel.example", &sender, &error));
  g_assert_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_AUTH);
  g_clear_error (&error);

  /* a certificate the desk does not trust: no mail, and no password sent */
  g_clear_pointer (&client, td_smtp_client_free);
  g_free (settings->ca_file);
  settings->ca_file = NULL;
  g_free (settings->password);
  settings->password = g_strdup ("s3cret 密码");
  client = td_smtp_client_new (settings);
  td_smtp_sender_init (&sender, settings, client);
  g_assert_false (td_campaign_send_test (f->hotel->db, campaign, NULL, "boss@hotel.example", &sender, &error));
  g_assert_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_CONNECT);
  g_clear_error (&error);
  {
    g_autoptr(GDir) d = g_dir_open (server->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)))
      g_assert_false (g_str_has_suffix (name, ".eml"));
  }
  td_test_smtp_server_stop (server);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TdSmtpSettings) s = g_new0 (TdSmtpSettings, 1);
  g_autoptr(TdSmtpSettings) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (td_smtp_settings_load (f->hotel->db, &error));
  g_assert_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_SETTINGS);
  g_clear_error (&error);

  s->host = g_strdup ("smtp.example.com");
  s->security = TD_SMTP_SECURITY_NONE;
  s->username = g_strdup ("desk");
  s->from_address = g_strdup ("hello@hotel.example");
  s->per_minute = 30;
  /* a password in clear over the network is refused */
  g_assert_false (td_smtp_settings_save (f->hotel->db, s, &error));
  g_assert_error (error, TD_SMTP_ERROR, TD_SMTP_ERROR_SETTINGS);
  g_clear_error (&error);
  s->security = TD_SMTP_SECURITY_TLS;
  s->password = g_strdup ("never stored");
  g_assert_true (td_smtp_settings_save (f->hotel->db, s, &error));
  g_assert_no_error (error);
  loaded = td_smtp_settings_load (f->hotel->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->host, ==, "smtp.example.com");
  g_assert_cmpint (loaded->security, ==, TD_SMTP_SECURITY_TLS);
  g_assert_cmpuint (loaded->per_minute, ==, 30);
  g_assert_null (loaded->password);
  g_assert_cmpint (td_test_query_int (f->hotel->db, "SELECT count(*) FROM settings WHERE value LIKE '%never stored%'"), ==, 0);
  /* the environment's password, for scripts */
  g_setenv ("TOURDESK_SMTP_PASSWORD", "from-env", TRUE);
  g_assert_true (td_smtp_settings_load_password (loaded, f->hotel->db, NULL, &error));
  g_assert_cmpstr (loaded->password, ==, "from-env");
  g_unsetenv ("TOURDESK_SMTP_PASSWORD");
}

static void
test_opt_out (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) c = NULL;

  g_assert_cmpint (td_marketing_opt_out (f->hotel->db, f->customer[LI], "email", "phoned the desk", &error), ==, 1);
  g_assert_no_error (error);
  c = td_database_get_record (f->hotel->db, "customer", f->customer[LI], &error);
  g_assert_cmpstr (json_object_get_string_member (c, "consent_email"), ==, "withdrawn");
  g_assert_cmpstr (json_object_get_string_member (c, "consent_email_how"), ==, "phoned the desk");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (c, "consent_email_at"), "Z"));
  g_assert_cmpstr (json_object_get_string_member (c, "consent_email_at"), >, "2026-01-01");
  /* twice: nothing more to record */
  g_assert_cmpint (td_marketing_opt_out (f->hotel->db, "li@example.com", "email", NULL, &error), ==, 0);
  g_assert_cmpint (td_marketing_opt_out (f->hotel->db, "li@example.com", "sms", NULL, &error), ==, 1);
  g_assert_cmpint (td_marketing_opt_out (f->hotel->db, "nobody@example.com", "email", NULL, &error), ==, -1);
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (td_marketing_opt_out (f->hotel->db, "li@example.com", "fax", NULL, &error), ==, -1);
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCampaign) campaign = td_campaign_get (f->hotel->db, f->campaign, &error);
  g_autoptr(GBytes) csv = NULL;
  g_auto(GStrv) lines = NULL;
  guint rows = 0;

  /* SMS consent: every other person (李四, 孙九, 周十, 赵六 of 郑州; 陈七 is
   * not in the segment) */
  csv = td_campaign_export_csv (f->hotel->db, campaign, "sms", &rows, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 4);
  lines = g_strsplit (g_bytes_get_data (csv, NULL), "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "\xef\xbb\xbfName,Phone,E-mail,Last stay,Coupon");
  g_assert_cmpstr (lines[1], ==, "李四,13800138000,li@example.com,,SPRING26");
  g_clear_pointer (&csv, g_bytes_unref);
  csv = td_campaign_export_csv (f->hotel->db, campaign, "wechat", &rows, &error);
  g_assert_null (csv);
  g_assert_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID);
}

/* the same through tourdesk-cli: settings, the password from the
 * environment, a send the server cuts short, its resume */
static void
test_cli_send (Fixture       *f,
               gconstpointer  data)
{
  const char *db = td_database_get_path (f->hotel->db);
  g_autoptr(GHashTable) received = NULL;
  g_autofree char *port = NULL;
  g_autoptr(JsonObject) o = NULL;
  TdTestSmtpServer *server;

  if (!td_test_smtp_available ())
    {
      g_test_skip ("python3-aiosmtpd is not installed");
      return;
    }
  server = td_test_smtp_server_start (1);
  port = g_strdup_printf ("%u", server->port);
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "campaigns", "smtp", "--host", "127.0.0.1", "--port", port,
                 "--user", "desk@hotel.example", "--from", "hello@hotel.example", "--from-name", "测试酒店",
                 "--per-minute", "0", "--ca-file", server->cert, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_setenv ("TOURDESK_SMTP_PASSWORD", "s3cret 密码", TRUE);
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "campaigns", "send", "春季", "--json", NULL);
    /* four failed: exit 1, saying how to resume */
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
    g_assert_nonnull (strstr (r.err, "--resume"));
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "sent"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "failed"), ==, 4);
    g_clear_pointer (&o, json_object_unref);
  }
  received = received_by_rcpt (server->dir, NULL);
  td_test_smtp_server_stop (server);

  server = td_test_smtp_server_start (-1);
  g_free (port);
  port = g_strdup_printf ("%u", server->port);
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "campaigns", "smtp", "--port", port, "--ca-file", server->cert, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "campaigns", "send", "春季", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "resume"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "campaigns", "send", "春季", "--resume", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (o, "sent"), ==, 5);
    g_assert_cmpint (json_object_get_int_member (o, "sent_now"), ==, 4);
    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "sent");
  }
  g_unsetenv ("TOURDESK_SMTP_PASSWORD");
  received_by_rcpt (server->dir, received);
  g_assert_cmpuint (g_hash_table_size (received), ==, 5);
  td_test_smtp_server_stop (server);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/campaigns/templates", test_templates);
  g_test_add_func ("/campaigns/message", test_message);
  g_test_add ("/campaigns/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  g_test_add ("/campaigns/settings", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/campaigns/opt-out", Fixture, NULL, fixture_set_up, test_opt_out, fixture_tear_down);
  g_test_add ("/campaigns/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/campaigns/smtp-send", Fixture, NULL, fixture_set_up, test_send, fixture_tear_down);
  g_test_add ("/campaigns/smtp-resume", Fixture, NULL, fixture_set_up, test_resume, fixture_tear_down);
  g_test_add ("/campaigns/smtp-auth-refused", Fixture, NULL, fixture_set_up, test_auth_refused, fixture_tear_down);
  g_test_add ("/campaigns/cli-send", Fixture, NULL, fixture_set_up, test_cli_send, fixture_tear_down);
  return g_test_run ();
}
