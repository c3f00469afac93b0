/* td-campaign.h: e-mail campaigns to a segment
 *
 * A campaign (kind "campaign") sends a subject and a body, templates with
 * merge fields {name}, {last_stay} and {coupon} ("{{" is a brace), to the
 * customers of a segment who consented to e-mail (consent_email =
 * granted) and have an address. Every message ends with an unsubscribe
 * instruction and carries a List-Unsubscribe header; an opt-out is
 * recorded on the customer (consent_email withdrawn, with _at and _how).
 *
 * Sending: the first send freezes the list, one record per recipient
 * (kind "campaign_recipient", state pending), and the campaign is
 * "sending". Each recipient is then marked "sending" (committed) before
 * its message goes out, and "sent" or "failed" (with the reason) after.
 * Consent is checked again at each recipient's turn ("skipped" if gone).
 * A resumed send retries only pending and failed recipients; one still
 * marked "sending" (the program stopped during its transaction) becomes
 * "uncertain" and is never sent again, so nobody gets a second copy. When
 * no recipient is left pending or failed, the campaign is "sent".
 *
 * The transport is given by the caller (src/mail/ has SMTP via libcurl),
 * so this file stays free of network code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "td-database.h"

G_BEGIN_DECLS

#define TD_CAMPAIGN_ERROR (td_campaign_error_quark ())

typedef enum {
  TD_CAMPAIGN_ERROR_INVALID,     /* a template or a value that does not fit */
  TD_CAMPAIGN_ERROR_NOT_FOUND,
  TD_CAMPAIGN_ERROR_STATE,       /* already sent, or started: resume it */
  TD_CAMPAIGN_ERROR_NO_CONSENT,  /* preview or test for someone who did not consent */
} TdCampaignError;

GQuark      td_campaign_error_quark (void);

/* Checks a template: each {…} is a known merge field. */
gboolean    td_campaign_template_check (const char  *text,
                                        GError     **error);

typedef struct {
  const char *name;
  const char *last_stay;   /* YYYY-MM-DD or NULL */
  const char *coupon;      /* the code or NULL */
} TdMergeFields;

/* the template with its fields filled in (NULL fields: "") */
char       *td_campaign_render         (const char          *text,
                                        const TdMergeFields *fields);

typedef struct {
  char   *id;
  gint64  revision;
  char   *name;
  char   *segment_id;
  char   *segment_name;
  char   *subject;
  char   *body;
  char   *coupon_id;
  char   *coupon_code;
  char   *state;          /* draft, sending, sent */
  char   *started_at;
  char   *finished_at;
} TdCampaign;

void        td_campaign_free   (TdCampaign  *campaign);
/* by id or by name */
TdCampaign *td_campaign_get    (TdDatabase  *db,
                                const char  *id_or_name,
                                GError     **error);
GPtrArray  *td_campaign_list   (TdDatabase  *db,
                                GError     **error);
/* A new draft; segment by name or id, coupon by code (or NULL). Returns
 * its id. */
char       *td_campaign_create (TdDatabase  *db,
                                const char  *name,
                                const char  *segment,
                                const char  *subject,
                                const char  *body,
                                const char  *coupon_code,
                                GError     **error);

/* one recipient, as the preview and the list show it */
typedef struct {
  char *customer_id;
  char *name;
  char *email;
  char *last_stay;
  char *state;         /* the send's record, or NULL before the send */
  char *reason;
} TdCampaignRecipient;

void        td_campaign_recipient_free (TdCampaignRecipient *recipient);
/* The segment's customers that would receive it now (consenting, with an
 * address); limit 0: all. */
GPtrArray  *td_campaign_audience       (TdDatabase  *db,
                                        TdCampaign  *campaign,
                                        guint        limit,
                                        GError     **error);
/* The recorded recipients of a send begun, with their state. */
GPtrArray  *td_campaign_recipients     (TdDatabase  *db,
                                        TdCampaign  *campaign,
                                        GError     **error);

/* the message for one customer: subject and body rendered, the
 * unsubscribe instruction appended */
typedef struct {
  char *to_name;
  char *to_address;
  char *subject;
  char *body;
} TdCampaignPreview;

void               td_campaign_preview_free (TdCampaignPreview *preview);
/* customer_id NULL: the first of the audience. Refuses a customer who
 * did not consent (TD_CAMPAIGN_ERROR_NO_CONSENT). */
TdCampaignPreview *td_campaign_preview      (TdDatabase  *db,
                                             TdCampaign  *campaign,
                                             const char  *customer_id,
                                             GError     **error);
/* the instruction every message ends with (translated) */
char              *td_campaign_unsubscribe_text (const char *reply_address);

/* ------------------------------------------------------------------ */
/* sending                                                            */

/* Sends one message; FALSE with a message for the recipient's record.
 * Called in the sending thread. */
typedef gboolean (*TdMailSendFunc) (gpointer     transport,
                                    const char  *from_address,
                                    const char  *to_address,
                                    GBytes      *message,
                                    GError     **error);

typedef struct {
  TdMailSendFunc  send;
  gpointer        transport;
  const char     *from_address;
  const char     *from_name;
  const char     *reply_address;     /* for "unsubscribe" replies; NULL: from_address */
  guint           per_minute;        /* rate limit; 0: none */
} TdCampaignSender;

typedef struct {
  guint total;      /* recipients recorded */
  guint sent;       /* sent, this time and before */
  guint failed;
  guint skipped;
  guint uncertain;
  guint this_run;   /* messages sent by this call */
} TdCampaignProgress;

/* progress after each recipient, in the sending thread */
typedef void (*TdCampaignProgressFunc) (const TdCampaignProgress *progress,
                                        gpointer                  user_data);

/* Sends (resume FALSE: a draft only; TRUE: a campaign being sent) until
 * every recipient had a turn or cancellable is cancelled. Returns FALSE
 * only when the send could not go on (the database, the campaign's
 * state); failed recipients are counted in progress, not errors. */
gboolean    td_campaign_send        (TdDatabase              *db,
                                     const char              *campaign_id,
                                     gboolean                 resume,
                                     const TdCampaignSender  *sender,
                                     TdCampaignProgressFunc   progress_func,
                                     gpointer                 progress_data,
                                     GCancellable            *cancellable,
                                     TdCampaignProgress      *result,
                                     GError                 **error);
/* One message to address, as customer_id (NULL: the first of the
 * audience) would get it, with "[TEST]" before the subject; nothing
 * recorded. */
gboolean    td_campaign_send_test   (TdDatabase              *db,
                                     TdCampaign              *campaign,
                                     const char              *customer_id,
                                     const char              *address,
                                     const TdCampaignSender  *sender,
                                     GError                 **error);

/* ------------------------------------------------------------------ */

/* Records an opt-out from a channel ("email", "sms" or "phone") on the
 * customers with this id or (if it holds an @) this e-mail address:
 * consent withdrawn, now, and how. Returns how many customers changed
 * (0 when they had already withdrawn), -1 with error (none found). */
gint64      td_marketing_opt_out    (TdDatabase  *db,
                                     const char  *customer_or_email,
                                     const char  *channel,
                                     const char  *how,
                                     GError     **error);

/* A CSV list of the campaign's segment for channel "sms" or "phone"
 * (customers consenting to it, with a phone) or "email": name, phone,
 * email, last stay, coupon — for SMS and WeChat tools. */
GBytes     *td_campaign_export_csv  (TdDatabase  *db,
                                     TdCampaign  *campaign,
                                     const char  *channel,
                                     guint       *n_rows,
                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCampaign, td_campaign_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCampaignRecipient, td_campaign_recipient_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCampaignPreview, td_campaign_preview_free)

G_END_DECLS
