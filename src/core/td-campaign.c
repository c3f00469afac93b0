/* td-campaign.c: e-mail campaigns, their recipients, opt-outs and lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-campaign.h"
#include "td-csv.h"
#include "td-customer.h"
#include "td-marketing-private.h"
#include "td-mail-message.h"
#include "td-marketing-stats.h"
#include "td-segment.h"
#include "td-time.h"

G_DEFINE_QUARK (td-campaign-error-quark, td_campaign_error)

static const char * const merge_fields[] = { "name", "last_stay", "coupon", NULL };

/* ------------------------------------------------------------------ */
/* templates                                                          */

/* Walks text: calls out for literal runs and fields; FALSE at the first
 * unknown or unclosed field (*bad: where) */
static gboolean
walk_template (const char           *text,
               const TdMergeFields  *fields,
               GString              *out,
               GError              **error)
{
  const char *p = text;

  while (*p)
    {
      if (p[0] == '{' && p[1] == '{')
        {
          if (out)
            g_string_append_c (out, '{');
          p += 2;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          if (out)
            g_string_append_c (out, '}');
          p += 2;
        }
      else if (*p == '{')
        {
          const char *close = strchr (p, '}');
          g_autofree char *name = NULL;

          if (close == NULL)
            {
              g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID,
                           _("“{” without “}” at “%.20s”: write “{{” for a brace"), p);
              return FALSE;
            }
          name = g_strndup (p + 1, close - p - 1);
          if (!g_strv_contains (merge_fields, name))
            {
              g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID,
                           _("Unknown merge field “{%s}”: use {name}, {last_stay} or {coupon}"), name);
              return FALSE;
            }
          if (out)
            {
              const char *value = NULL;

              if (g_str_equal (name, "name"))
                value = fields->name;
              else if (g_str_equal (name, "last_stay"))
                value = fields->last_stay;
              else
                value = fields->coupon;
              g_string_append (out, value ? value : "");
            }
          p = close + 1;
        }
      else
        {
          if (out)
            g_string_append_c (out, *p);
          p++;
        }
    }
  return TRUE;
}

gboolean
td_campaign_template_check (const char  *text,
                            GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  return walk_template (text, NULL, NULL, error);
}

char *
td_campaign_render (const char          *text,
                    const TdMergeFields *fields)
{
  GString *out = g_string_new (NULL);

  if (!walk_template (text, fields, out, NULL))
    {
      /* unchecked templates are shown as they are */
      g_string_assign (out, text);
    }
  return g_string_free (out, FALSE);
}

char *
td_campaign_unsubscribe_text (const char *reply_address)
{
  return g_strdup_printf (_("You receive this e-mail because you agreed to hear from us. To stop, "
                            "reply to %s with the word “unsubscribe”, or tell us at the front desk."),
                          reply_address);
}

/* ------------------------------------------------------------------ */
/* campaigns                                                          */

void
td_campaign_free (TdCampaign *campaign)
{
  if (campaign == NULL)
    return;
  g_free (campaign->id);
  g_free (campaign->name);
  g_free (campaign->segment_id);
  g_free (campaign->segment_name);
  g_free (campaign->subject);
  g_free (campaign->body);
  g_free (campaign->coupon_id);
  g_free (campaign->coupon_code);
  g_free (campaign->state);
  g_free (campaign->started_at);
  g_free (campaign->finished_at);
  g_free (campaign);
}

#define COLUMN_TEXT _TD_COLUMN_TEXT

static gpointer
campaign_from_row (sqlite3_stmt *stmt)
{
  TdCampaign *c = g_new0 (TdCampaign, 1);

  c->id = COLUMN_TEXT (stmt, 0);
  c->revision = sqlite3_column_int64 (stmt, 1);
  c->name = COLUMN_TEXT (stmt, 2);
  c->segment_id = COLUMN_TEXT (stmt, 3);
  c->segment_name = COLUMN_TEXT (stmt, 4);
  c->subject = COLUMN_TEXT (stmt, 5);
  c->body = COLUMN_TEXT (stmt, 6);
  c->coupon_id = COLUMN_TEXT (stmt, 7);
  c->coupon_code = COLUMN_TEXT (stmt, 8);
  c->state = COLUMN_TEXT (stmt, 9);
  c->started_at = COLUMN_TEXT (stmt, 10);
  c->finished_at = COLUMN_TEXT (stmt, 11);
  return c;
}

static GPtrArray *
select_campaigns (TdDatabase  *db,
                  const char  *key,
                  GError     **error)
{
  return _td_marketing_select (db,
                               "SELECT m.id, m.revision, m.name, m.segment_id, g.name, m.subject, m.body,"
                               " m.coupon_id, k.code, m.state, m.started_at, m.finished_at"
                               " FROM campaigns m JOIN segments g ON g.id = m.segment_id"
                               " LEFT JOIN coupons k ON k.id = m.coupon_id"
                               " WHERE m.deleted = 0 AND (?1 IS NULL OR m.id = ?1 OR m.name = ?1)"
                               " ORDER BY m.created_at DESC, m.id",
                               key, campaign_from_row, (GDestroyNotify) td_campaign_free, error);
}

GPtrArray *
td_campaign_list (TdDatabase  *db,
                  GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  return select_campaigns (db, NULL, error);
}

TdCampaign *
td_campaign_get (TdDatabase  *db,
                 const char  *id_or_name,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  list = select_campaigns (db, id_or_name, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_NOT_FOUND,
                   _("No campaign is called “%s”"), id_or_name);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

/* the live coupon of that code (any case); NULL with NOT_FOUND */
static char *
find_coupon_id (TdDatabase  *db,
                const char  *code,
                GError     **error)
{
  g_autofree char *upper = g_utf8_strup (code, -1);
  sqlite3_stmt *stmt;
  char *id = NULL;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT id FROM coupons WHERE code = ? AND deleted = 0", error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, g_strstrip (upper), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = COLUMN_TEXT (stmt, 0);
      else
        g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_NOT_FOUND,
                     _("No coupon has the code “%s”"), code);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  _td_database_unlock (db);
  return id;
}

char *
td_campaign_create (TdDatabase  *db,
                    const char  *name,
                    const char  *segment,
                    const char  *subject,
                    const char  *body,
                    const char  *coupon_code,
                    GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdSegment) seg = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *coupon_id = NULL;
  g_autofree char *clean_name = NULL;
  g_autoptr(TdCampaign) existing = NULL;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  clean_name = g_strstrip (g_strdup (name ? name : ""));
  if (*clean_name == '\0')
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID, "%s", _("A campaign needs a name"));
      return NULL;
    }
  existing = td_campaign_get (db, clean_name, &local);
  if (existing)
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID,
                   _("A campaign is already called “%s”"), clean_name);
      return NULL;
    }
  g_clear_error (&local);
  if (subject == NULL || *subject == '\0' || body == NULL || *body == '\0')
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID, "%s",
                   _("A campaign needs a subject and a body"));
      return NULL;
    }
  if (!td_campaign_template_check (subject, &local))
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID, _("Subject: %s"), local->message);
      return NULL;
    }
  if (!td_campaign_template_check (body, &local))
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID, _("Body: %s"), local->message);
      return NULL;
    }
  seg = td_segment_find (db, segment ? segment : "", error);
  if (seg == NULL)
    return NULL;
  if (coupon_code && *coupon_code)
    {
      coupon_id = find_coupon_id (db, coupon_code, error);
      if (coupon_id == NULL)
        return NULL;
    }
  else if (strstr (subject, "{coupon}") || strstr (body, "{coupon}"))
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID, "%s",
                   _("The templates use {coupon}, but the campaign has no coupon"));
      return NULL;
    }

  change = td_change_new_insert ("campaign", NULL);
  td_change_set_string (change, "name", clean_name);
  td_change_set_string (change, "segment_id", seg->id);
  td_change_set_string (change, "channel", "email");
  td_change_set_string (change, "subject", subject);
  td_change_set_string (change, "body", body);
  if (coupon_id)
    td_change_set_string (change, "coupon_id", coupon_id);
  td_change_set_string (change, "state", "draft");
  g_ptr_array_add (changes, change);
  if (!td_database_commit (db, td_database_default_actor (), changes, error))
    return NULL;
  return g_strdup (td_change_get_id (change));
}

/* ------------------------------------------------------------------ */
/* the audience                                                       */

void
td_campaign_recipient_free (TdCampaignRecipient *recipient)
{
  if (recipient == NULL)
    return;
  g_free (recipient->customer_id);
  g_free (recipient->name);
  g_free (recipient->email);
  g_free (recipient->last_stay);
  g_free (recipient->state);
  g_free (recipient->reason);
  g_free (recipient);
}

/* The segment's consenting customers with an address; only customer_id
 * when not NULL. */
static GPtrArray *
select_audience (TdDatabase  *db,
                 TdCampaign  *campaign,
                 const char  *customer_id,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(TdSegment) segment = NULL;
  g_autoptr(TdSegmentQuery) query = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  segment = td_segment_find (db, campaign->segment_id, error);
  if (segment == NULL)
    return NULL;
  query = td_segment_compile (segment->rules, td_segment_today (db), error);
  if (query == NULL)
    return NULL;
  sql = g_strdup_printf ("SELECT c.id, c.name, c.email,"
                         " (SELECT last_stay FROM customer_stats WHERE customer = c.rowid)"
                         " %s AND c.consent_email = 'granted' AND c.email IS NOT NULL AND c.email != ''"
                         "%s ORDER BY c.sort_name, c.id%s",
                         query->sql,
                         customer_id ? " AND c.id = ?" : "",
                         limit ? " LIMIT ?" : "");

  _td_database_lock (db);
  if (!_td_marketing_stats_refresh_locked (db, FALSE, error))
    goto out;
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    goto out;
  td_segment_query_bind (query, stmt);
  if (customer_id)
    sqlite3_bind_text (stmt, (int) query->params->len + 1, customer_id, -1, SQLITE_TRANSIENT);
  if (limit)
    sqlite3_bind_int64 (stmt, (int) query->params->len + (customer_id ? 2 : 1), limit);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_campaign_recipient_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdCampaignRecipient *r = g_new0 (TdCampaignRecipient, 1);

      r->customer_id = COLUMN_TEXT (stmt, 0);
      r->name = COLUMN_TEXT (stmt, 1);
      r->email = COLUMN_TEXT (stmt, 2);
      r->last_stay = COLUMN_TEXT (stmt, 3);
      g_ptr_array_add (list, r);
    }
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      g_clear_pointer (&list, g_ptr_array_unref);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

out:
  _td_database_unlock (db);
  return g_steal_pointer (&list);
}

GPtrArray *
td_campaign_audience (TdDatabase  *db,
                      TdCampaign  *campaign,
                      guint        limit,
                      GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (campaign != NULL, NULL);
  return select_audience (db, campaign, NULL, limit, error);
}

static gpointer
recipient_from_row (sqlite3_stmt *stmt)
{
  TdCampaignRecipient *r = g_new0 (TdCampaignRecipient, 1);

  r->customer_id = COLUMN_TEXT (stmt, 0);
  r->name = COLUMN_TEXT (stmt, 1);
  r->email = COLUMN_TEXT (stmt, 2);
  r->state = COLUMN_TEXT (stmt, 3);
  r->reason = COLUMN_TEXT (stmt, 4);
  return r;
}

GPtrArray *
td_campaign_recipients (TdDatabase  *db,
                        TdCampaign  *campaign,
                        GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  return _td_marketing_select (db,
                               "SELECT r.customer_id, c.name, r.email, r.state, r.reason"
                               " FROM campaign_recipients r JOIN customers c ON c.id = r.customer_id"
                               " WHERE r.campaign_id = ? AND r.deleted = 0 ORDER BY r.rowid",
                               campaign->id, recipient_from_row, (GDestroyNotify) td_campaign_recipient_free, error);
}

/* ------------------------------------------------------------------ */
/* previews                                                           */

void
td_campaign_preview_free (TdCampaignPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->to_name);
  g_free (preview->to_address);
  g_free (preview->subject);
  g_free (preview->body);
  g_free (preview);
}

static TdCampaignPreview *
render_for (TdCampaign                *campaign,
            const TdCampaignRecipient *r,
            const char                *reply_address)
{
  TdCampaignPreview *preview = g_new0 (TdCampaignPreview, 1);
  TdMergeFields fields = { r->name, r->last_stay, campaign->coupon_code };
  g_autofree char *body = td_campaign_render (campaign->body, &fields);
  g_autofree char *footer = td_campaign_unsubscribe_text (reply_address);

  preview->to_name = g_strdup (r->name);
  preview->to_address = g_strdup (r->email);
  preview->subject = td_campaign_render (campaign->subject, &fields);
  /* the instruction after a signature separator, on every message */
  preview->body = g_strdup_printf ("%s%s\n-- \n%s\n", body, g_str_has_suffix (body, "\n") ? "" : "\n", footer);
  return preview;
}

static TdCampaignRecipient *
find_recipient (TdDatabase  *db,
                TdCampaign  *campaign,
                const char  *customer_id,
                GError     **error)
{
  g_autoptr(GPtrArray) list = select_audience (db, campaign, customer_id, 1, error);

  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      if (customer_id)
        g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_NO_CONSENT,
                     _("This customer would not receive “%s”: not in its segment, no e-mail address, "
                       "or no consent to e-mail"), campaign->name);
      else
        g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_NO_CONSENT,
                     _("Nobody would receive “%s”: its segment has no customer who agreed to e-mail"),
                     campaign->name);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

TdCampaignPreview *
td_campaign_preview (TdDatabase  *db,
                     TdCampaign  *campaign,
                     const char  *customer_id,
                     GError     **error)
{
  g_autoptr(TdCampaignRecipient) r = NULL;
  g_autofree char *reply = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (campaign != NULL, NULL);

  r = find_recipient (db, campaign, customer_id, error);
  if (r == NULL)
    return NULL;
  reply = td_database_dup_setting (db, "smtp-reply-to");
  if (reply == NULL)
    reply = td_database_dup_setting (db, "smtp-from");
  return render_for (campaign, r, reply ? reply : _("this address"));
}

/* ------------------------------------------------------------------ */
/* sending                                                            */

typedef struct {
  char   *id;
  gint64  revision;
  char   *customer_id;
  char   *state;
} RecipientRow;

static void
recipient_row_free (RecipientRow *row)
{
  g_free (row->id);
  g_free (row->customer_id);
  g_free (row->state);
  g_free (row);
}

static gpointer
row_from_row (sqlite3_stmt *stmt)
{
  RecipientRow *row = g_new0 (RecipientRow, 1);

  row->id = COLUMN_TEXT (stmt, 0);
  row->revision = sqlite3_column_int64 (stmt, 1);
  row->customer_id = COLUMN_TEXT (stmt, 2);
  row->state = COLUMN_TEXT (stmt, 3);
  return row;
}

static GPtrArray *
select_rows (TdDatabase  *db,
             const char  *campaign_id,
             GError     **error)
{
  return _td_marketing_select (db,
                               "SELECT id, revision, customer_id, state FROM campaign_recipients"
                               " WHERE campaign_id = ? AND deleted = 0 ORDER BY rowid",
                               campaign_id, row_from_row, (GDestroyNotify) recipient_row_free, error);
}

static gboolean
commit_one (TdDatabase  *db,
            TdChange    *change,
            GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);

  g_ptr_array_add (changes, change);
  return td_database_commit (db, td_database_default_actor (), changes, error);
}

/* sets a recipient's state (and reason), bumping its revision */
static gboolean
set_row_state (TdDatabase    *db,
               RecipientRow  *row,
               const char    *state,
               const char    *reason,
               const char    *message_id,
               const char    *email,
               GError       **error)
{
  TdChange *change = td_change_new_update ("campaign_recipient", row->id, row->revision);

  td_change_set_string (change, "state", state);
  if (reason)
    td_change_set_string (change, "reason", reason);
  else
    td_change_set_null (change, "reason");
  if (g_str_equal (state, "sent"))
    {
      g_autofree char *now = td_timestamp_now ();

      td_change_set_string (change, "sent_at", now);
      td_change_set_string (change, "message_id", message_id);
    }
  if (email)
    td_change_set_string (change, "email", email);
  if (!commit_one (db, change, error))
    return FALSE;
  row->revision++;
  g_free (row->state);
  row->state = g_strdup (state);
  return TRUE;
}

/* The list frozen, the campaign "sending": one commit */
static gboolean
freeze_recipients (TdDatabase  *db,
                   TdCampaign  *campaign,
                   GError     **error)
{
  g_autoptr(GPtrArray) audience = select_audience (db, campaign, NULL, 0, error);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *now = td_timestamp_now ();
  TdChange *change;

  if (audience == NULL)
    return FALSE;
  changes = g_ptr_array_new_full (audience->len + 1, (GDestroyNotify) td_change_unref);
  for (guint i = 0; i < audience->len; i++)
    {
      TdCampaignRecipient *r = g_ptr_array_index (audience, i);

      change = td_change_new_insert ("campaign_recipient", NULL);
      td_change_set_string (change, "campaign_id", campaign->id);
      td_change_set_string (change, "customer_id", r->customer_id);
      td_change_set_string (change, "email", r->email);
      td_change_set_string (change, "state", "pending");
      g_ptr_array_add (changes, change);
    }
  change = td_change_new_update ("campaign", campaign->id, campaign->revision);
  td_change_set_string (change, "state", "sending");
  td_change_set_string (change, "started_at", now);
  g_ptr_array_add (changes, change);
  return td_database_commit (db, td_database_default_actor (), changes, error);
}

/* waits until the instant, in slices, unless cancelled */
static gboolean
wait_until (gint64        instant,
            GCancellable *cancellable)
{
  while (g_get_monotonic_time () < instant)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (MIN (50000, instant - g_get_monotonic_time ()));
    }
  return !g_cancellable_is_cancelled (cancellable);
}

static void
count_rows (GPtrArray          *rows,
            TdCampaignProgress *progress)
{
  guint this_run = progress->this_run;

  memset (progress, 0, sizeof *progress);
  progress->this_run = this_run;
  progress->total = rows->len;
  for (guint i = 0; i < rows->len; i++)
    {
      const char *state = ((RecipientRow *) g_ptr_array_index (rows, i))->state;

      if (g_str_equal (state, "sent"))
        progress->sent++;
      else if (g_str_equal (state, "failed"))
        progress->failed++;
      else if (g_str_equal (state, "skipped"))
        progress->skipped++;
      else if (g_str_equal (state, "uncertain"))
        progress->uncertain++;
    }
}

static TdCampaignRecipient *
current_recipient (TdDatabase  *db,
                   TdCampaign  *campaign,
                   const char  *customer_id,
                   char       **why_not)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) customer = td_database_get_record (db, "customer", customer_id, &error);
  TdCampaignRecipient *r;
  const char *email, *consent;
  g_autoptr(TdCustomerStats) stats = NULL;

  if (customer == NULL)
    {
      *why_not = g_strdup (error->message);
      return NULL;
    }
  email = json_object_get_string_member_with_default (customer, "email", NULL);
  consent = json_object_get_string_member_with_default (customer, "consent_email", NULL);
  if (json_object_get_boolean_member_with_default (customer, "deleted", FALSE)
      || json_object_get_int_member_with_default (customer, "deleted", 0))
    {
      *why_not = g_strdup (_("the customer was deleted"));
      return NULL;
    }
  if (g_strcmp0 (consent, "granted") != 0)
    {
      *why_not = g_strdup (_("no longer agrees to e-mail"));
      return NULL;
    }
  if (email == NULL || *email == '\0')
    {
      *why_not = g_strdup (_("no e-mail address any more"));
      return NULL;
    }
  stats = td_customer_stats_get (db, customer_id, NULL);
  r = g_new0 (TdCampaignRecipient, 1);
  r->customer_id = g_strdup (customer_id);
  r->name = g_strdup (json_object_get_string_member_with_default (customer, "name", ""));
  r->email = g_strdup (email);
  r->last_stay = stats ? g_strdup (stats->last_stay) : NULL;
  return r;
}

static gboolean
send_one (TdCampaign              *campaign,
          const TdCampaignRecipient *r,
          const TdCampaignSender  *sender,
          const char              *subject_prefix,
          const char              *to_address,
          char                   **message_id,
          GError                 **error)
{
  const char *reply = sender->reply_address ? sender->reply_address : sender->from_address;
  g_autoptr(TdCampaignPreview) preview = render_for (campaign, r, reply);
  g_autofree char *subject = g_strconcat (subject_prefix ? subject_prefix : "", preview->subject, NULL);
  g_autofree char *unsubscribe = g_strdup_printf ("mailto:%s?subject=unsubscribe", reply);
  TdMailMessage message = {
    .from_name = sender->from_name,
    .from_address = sender->from_address,
    .to_name = preview->to_name,
    .to_address = to_address ? to_address : preview->to_address,
    .subject = subject,
    .body = preview->body,
    .list_unsubscribe = unsubscribe,
  };
  g_autoptr(GBytes) bytes = td_mail_message_build (&message, message_id);

  return sender->send (sender->transport, sender->from_address, message.to_address, bytes, error);
}

gboolean
td_campaign_send (TdDatabase              *db,
                  const char              *campaign_id,
                  gboolean                 resume,
                  const TdCampaignSender  *sender,
                  TdCampaignProgressFunc   progress_func,
                  gpointer                 progress_data,
                  GCancellable            *cancellable,
                  TdCampaignProgress      *result,
                  GError                 **error)
{
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  TdCampaignProgress progress = { 0 };
  gint64 interval, next_at;
  gboolean left = FALSE;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (sender != NULL && sender->send != NULL, FALSE);

  if (!td_mail_address_is_valid (sender->from_address))
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID,
                   _("“%s” is not an e-mail address to send from"), sender->from_address ? sender->from_address : "");
      return FALSE;
    }
  campaign = td_campaign_get (db, campaign_id, error);
  if (campaign == NULL)
    return FALSE;
  if (g_str_equal (campaign->state, "sent"))
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_STATE,
                   _("“%s” was sent already"), campaign->name);
      return FALSE;
    }
  if (g_str_equal (campaign->state, "sending") && !resume)
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_STATE,
                   _("“%s” was started already: resume it to send to the recipients still waiting"),
                   campaign->name);
      return FALSE;
    }
  if (g_str_equal (campaign->state, "draft"))
    {
      if (!freeze_recipients (db, campaign, error))
        return FALSE;
    }

  rows = select_rows (db, campaign->id, error);
  if (rows == NULL)
    return FALSE;
  /* a send that stopped during a recipient's transaction: it may have
   * gone out, so it never goes again */
  for (guint i = 0; i < rows->len; i++)
    {
      RecipientRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->state, "sending")
          && !set_row_state (db, row, "uncertain",
                             _("the send stopped while this message was going out: it may have arrived, "
                               "so it is not sent again"),
                             NULL, NULL, error))
        return FALSE;
    }
  count_rows (rows, &progress);
  if (progress_func)
    progress_func (&progress, progress_data);

  interval = sender->per_minute ? G_USEC_PER_SEC * 60 / sender->per_minute : 0;
  next_at = g_get_monotonic_time ();
  for (guint i = 0; i < rows->len; i++)
    {
      RecipientRow *row = g_ptr_array_index (rows, i);
      g_autoptr(TdCampaignRecipient) r = NULL;
      g_autoptr(GError) send_error = NULL;
      g_autofree char *why_not = NULL;
      g_autofree char *message_id = NULL;

      if (!g_str_equal (row->state, "pending") && !g_str_equal (row->state, "failed"))
        continue;
      if (!wait_until (next_at, cancellable))
        break;

      r = current_recipient (db, campaign, row->customer_id, &why_not);
      if (r == NULL)
        {
          if (!set_row_state (db, row, "skipped", why_not, NULL, NULL, error))
            return FALSE;
        }
      else
        {
          if (!set_row_state (db, row, "sending", NULL, NULL, r->email, error))
            return FALSE;
          next_at = g_get_monotonic_time () + interval;
          if (send_one (campaign, r, sender, NULL, NULL, &message_id, &send_error))
            {
              progress.this_run++;
              if (!set_row_state (db, row, "sent", NULL, message_id, NULL, error))
                return FALSE;
            }
          else if (!set_row_state (db, row, "failed", send_error->message, NULL, NULL, error))
            return FALSE;
        }
      count_rows (rows, &progress);
      if (progress_func)
        progress_func (&progress, progress_data);
    }

  count_rows (rows, &progress);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *state = ((RecipientRow *) g_ptr_array_index (rows, i))->state;

      left |= g_str_equal (state, "pending") || g_str_equal (state, "failed");
    }
  if (!left)
    {
      g_autofree char *now = td_timestamp_now ();
      g_autoptr(TdCampaign) fresh = td_campaign_get (db, campaign->id, error);
      TdChange *change;

      if (fresh == NULL)
        return FALSE;
      change = td_change_new_update ("campaign", fresh->id, fresh->revision);
      td_change_set_string (change, "state", "sent");
      td_change_set_string (change, "finished_at", now);
      if (!commit_one (db, change, error))
        return FALSE;
    }
  if (result)
    *result = progress;
  return TRUE;
}

gboolean
td_campaign_send_test (TdDatabase              *db,
                       TdCampaign              *campaign,
                       const char              *customer_id,
                       const char              *address,
                       const TdCampaignSender  *sender,
                       GError                 **error)
{
  g_autoptr(TdCampaignRecipient) r = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (campaign != NULL && sender != NULL, FALSE);

  if (!td_mail_address_is_valid (address))
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID,
                   _("“%s” is not an e-mail address"), address ? address : "");
      return FALSE;
    }
  if (!td_mail_address_is_valid (sender->from_address))
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID,
                   _("“%s” is not an e-mail address to send from"), sender->from_address ? sender->from_address : "");
      return FALSE;
    }
  r = find_recipient (db, campaign, customer_id, error);
  if (r == NULL)
    return FALSE;
  return send_one (campaign, r, sender, "[TEST] ", address, NULL, error);
}

/* ------------------------------------------------------------------ */
/* opt-outs and lists                                                 */

gint64
td_marketing_opt_out (TdDatabase  *db,
                      const char  *customer_or_email,
                      const char  *channel,
                      const char  *how,
                      GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *field = NULL, *field_at = NULL, *field_how = NULL;
  g_autofree char *now = td_timestamp_now ();
  g_autofree char *email = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), -1);
  g_return_val_if_fail (customer_or_email != NULL, -1);

  if (!g_strv_contains ((const char * const[]) { "email", "sms", "phone", NULL }, channel))
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID,
                   _("“%s” is not a channel: email, sms or phone"), channel);
      return -1;
    }
  field = g_strconcat ("consent_", channel, NULL);
  field_at = g_strconcat (field, "_at", NULL);
  field_how = g_strconcat (field, "_how", NULL);

  if (strchr (customer_or_email, '@'))
    {
      email = td_email_normalise (customer_or_email, error);
      if (email == NULL)
        return -1;
    }

  /* the customer, or every live customer with that address (in any
   * case: whoever replies "unsubscribe" may write it differently) */
  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT id FROM customers WHERE deleted = 0 AND merged_into IS NULL AND"
                               " (id = ?1 OR lower(email) = lower(?2)"
                               "  OR instr(lower(',' || other_emails || ','), lower(',' || ?2 || ',')) > 0)",
                               error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return -1;
    }
  sqlite3_bind_text (stmt, 1, customer_or_email, -1, SQLITE_TRANSIENT);
  if (email)
    sqlite3_bind_text (stmt, 2, email, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, COLUMN_TEXT (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      return -1;
    }
  if (ids->len == 0)
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_NOT_FOUND,
                   _("No customer has the id or e-mail “%s”"), customer_or_email);
      return -1;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) customer = td_database_get_record (db, "customer", g_ptr_array_index (ids, i), error);
      TdChange *change;

      if (customer == NULL)
        return -1;
      if (g_strcmp0 (json_object_get_string_member_with_default (customer, field, NULL), "withdrawn") == 0)
        continue;
      change = td_change_new_update ("customer", g_ptr_array_index (ids, i),
                                     json_object_get_int_member (customer, "revision"));
      td_change_set_string (change, field, "withdrawn");
      td_change_set_string (change, field_at, now);
      td_change_set_string (change, field_how, how && *how ? how : _("asked to unsubscribe"));
      g_ptr_array_add (changes, change);
    }
  if (changes->len && !td_database_commit (db, td_database_default_actor (), changes, error))
    return -1;
  return changes->len;
}

GBytes *
td_campaign_export_csv (TdDatabase  *db,
                        TdCampaign  *campaign,
                        const char  *channel,
                        guint       *n_rows,
                        GError     **error)
{
  g_autoptr(TdSegment) segment = NULL;
  g_autoptr(TdSegmentQuery) query = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *sql = NULL;
  const char *header[] = { _("Name"), _("Phone"), _("E-mail"), _("Last stay"), _("Coupon") };
  const char *needs;
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (g_strcmp0 (channel, "sms") == 0)
    needs = "c.consent_sms = 'granted' AND c.phone IS NOT NULL AND c.phone != ''";
  else if (g_strcmp0 (channel, "phone") == 0)
    needs = "c.consent_phone = 'granted' AND c.phone IS NOT NULL AND c.phone != ''";
  else if (g_strcmp0 (channel, "email") == 0)
    needs = "c.consent_email = 'granted' AND c.email IS NOT NULL AND c.email != ''";
  else
    {
      g_set_error (error, TD_CAMPAIGN_ERROR, TD_CAMPAIGN_ERROR_INVALID,
                   _("“%s” is not a channel: email, sms or phone"), channel ? channel : "");
      return NULL;
    }

  segment = td_segment_find (db, campaign->segment_id, error);
  if (segment == NULL)
    return NULL;
  query = td_segment_compile (segment->rules, td_segment_today (db), error);
  if (query == NULL)
    return NULL;
  sql = g_strdup_printf ("SELECT c.name, c.phone, c.email,"
                         " (SELECT last_stay FROM customer_stats WHERE customer = c.rowid)"
                         " %s AND %s ORDER BY c.sort_name, c.id",
                         query->sql, needs);

  /* UTF-8 with a byte-order mark: Excel in China reads it right */
  g_string_append (out, "\xef\xbb\xbf");
  td_csv_append_record (out, header, G_N_ELEMENTS (header), ',');

  _td_database_lock (db);
  if (!_td_marketing_stats_refresh_locked (db, FALSE, error))
    {
      _td_database_unlock (db);
      return NULL;
    }
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  td_segment_query_bind (query, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *values[5] = {
        (const char *) sqlite3_column_text (stmt, 0),
        (const char *) sqlite3_column_text (stmt, 1),
        (const char *) sqlite3_column_text (stmt, 2),
        (const char *) sqlite3_column_text (stmt, 3),
        campaign->coupon_code,
      };

      td_csv_append_record (out, values, G_N_ELEMENTS (values), ',');
      n++;
    }
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    return NULL;
  if (n_rows)
    *n_rows = n;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
