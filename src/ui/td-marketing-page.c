/* td-marketing-page.c: segments, campaigns and coupons
 *
 * Every query and write runs in a worker thread (GTask); the page keeps one
 * cancellable per kind of work, so a newer count or preview replaces an
 * older one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-area.h"
#include "td-marketing-page.h"
#include "td-segment-rule-row.h"
#include "td-smtp-dialog.h"
#include "td-smtp.h"
#include "td-utils.h"

struct _TdMarketingPage
{
  GtkWidget       parent_instance;

  /* template */
  GtkSpinner     *spinner;
  GtkStack       *views;
  GtkListBox     *segment_list;
  GtkButton      *new_segment_button;
  GtkEntry       *segment_name;
  GtkDropDown    *match;
  GtkBox         *rules_box;
  GtkButton      *add_rule_button;
  GtkLabel       *count_label;
  GtkLabel       *rfm_label;
  GtkButton      *save_segment_button;
  GtkListBox     *campaign_list;
  GtkButton      *new_campaign_button;
  GtkButton      *smtp_button;
  GtkEntry       *campaign_name;
  GtkDropDown    *campaign_segment;
  GtkStringList  *segment_names;
  GtkEntry       *campaign_coupon;
  GtkEntry       *subject_entry;
  GtkTextView    *body_view;
  GtkLabel       *audience_label;
  GtkDropDown    *preview_recipient;
  GtkStringList  *recipient_names;
  GtkLabel       *preview_subject;
  GtkLabel       *preview_body;
  GtkEntry       *test_address;
  GtkButton      *test_button;
  GtkProgressBar *send_progress;
  GtkLabel       *campaign_message;
  GtkButton      *save_campaign_button;
  GtkButton      *send_button;
  GtkEntry       *coupon_code;
  GtkDropDown    *coupon_kind;
  GtkEntry       *coupon_value;
  GtkEntry       *coupon_from;
  GtkEntry       *coupon_until;
  GtkEntry       *coupon_max_uses;
  GtkEntry       *coupon_per_customer;
  GtkEntry       *coupon_count;
  GtkButton      *create_coupon_button;
  GtkLabel       *coupon_message;
  GtkListBox     *coupon_list;

  TdDatabase     *database;
  GPtrArray      *segments;      /* TdSegment*, as listed */
  GPtrArray      *campaigns;     /* TdCampaign* */
  GPtrArray      *audience;      /* TdCampaignRecipient*, of the preview */
  char           *campaign_id;   /* the campaign shown, or NULL: a new one */
  GCancellable   *load_cancellable;
  GCancellable   *count_cancellable;
  GCancellable   *preview_cancellable;
  GCancellable   *send_cancellable;
  guint           count_timeout;
  guint           preview_timeout;
  guint           jobs;
  gint64          count;
  gint64          audience_count;
  gboolean        filling;
};

static void td_area_iface_init (TdAreaInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdMarketingPage, td_marketing_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_AREA, td_area_iface_init))

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS,

  PROP_DATABASE = N_PROPS,
  PROP_LOADING,
};

static GParamSpec *properties[N_PROPS];

static void schedule_count   (TdMarketingPage *self);
static void schedule_preview (TdMarketingPage *self);

static char *
currency_of (TdMarketingPage *self)
{
  char *currency = self->database ? td_database_dup_setting (self->database, TD_SETTING_CURRENCY) : NULL;

  return currency ? currency : g_strdup (TD_DEFAULT_CURRENCY);
}

static void
cancel_and_clear (GCancellable **cancellable)
{
  if (*cancellable)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void
job_started (TdMarketingPage *self)
{
  if (self->jobs++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
job_ended (TdMarketingPage *self)
{
  if (--self->jobs == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

typedef struct {
  GPtrArray *segments;
  GPtrArray *campaigns;
  GPtrArray *coupons;
  gint64     rfm[TD_RFM_N_GROUPS];
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->segments, g_ptr_array_unref);
  g_clear_pointer (&loaded->campaigns, g_ptr_array_unref);
  g_clear_pointer (&loaded->coupons, g_ptr_array_unref);
  g_free (loaded);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TdDatabase *db = source_object;
  Loaded *loaded = g_new0 (Loaded, 1);
  GError *error = NULL;

  if ((loaded->segments = td_segment_list (db, &error)) == NULL
      || (loaded->campaigns = td_campaign_list (db, &error)) == NULL
      || (loaded->coupons = td_coupon_list (db, NULL, &error)) == NULL
      || !td_rfm_group_counts (db, loaded->rfm, &error))
    {
      loaded_free (loaded);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static GtkWidget *
list_row (const char *title,
          const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  if (subtitle)
    {
      label = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static const char *
campaign_state_title (const char *state)
{
  if (g_strcmp0 (state, "sent") == 0)
    return C_("campaign state", "Sent");
  if (g_strcmp0 (state, "sending") == 0)
    return C_("campaign state", "Sending, not finished");
  return C_("campaign state", "Draft");
}

static void
show_loaded (TdMarketingPage *self,
             Loaded          *loaded)
{
  g_autoptr(GString) rfm = g_string_new (_("RFM groups: "));
  guint n_names = g_list_model_get_n_items (G_LIST_MODEL (self->segment_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = gtk_drop_down_get_selected (self->campaign_segment);

  g_clear_pointer (&self->segments, g_ptr_array_unref);
  self->segments = g_steal_pointer (&loaded->segments);
  g_clear_pointer (&self->campaigns, g_ptr_array_unref);
  self->campaigns = g_steal_pointer (&loaded->campaigns);

  clear_list (self->segment_list);
  for (guint i = 0; i < self->segments->len; i++)
    {
      TdSegment *s = g_ptr_array_index (self->segments, i);

      gtk_list_box_append (self->segment_list, list_row (s->name, s->description));
      g_ptr_array_add (names, s->name);
    }
  g_ptr_array_add (names, NULL);
  self->filling = TRUE;
  gtk_string_list_splice (self->segment_names, 0, n_names, (const char * const *) names->pdata);
  if (selected < self->segments->len)
    gtk_drop_down_set_selected (self->campaign_segment, selected);
  self->filling = FALSE;

  clear_list (self->campaign_list);
  for (guint i = 0; i < self->campaigns->len; i++)
    {
      TdCampaign *c = g_ptr_array_index (self->campaigns, i);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", campaign_state_title (c->state), c->segment_name);

      gtk_list_box_append (self->campaign_list, list_row (c->name, subtitle));
    }

  clear_list (self->coupon_list);
  for (guint i = 0; i < MIN (loaded->coupons->len, 200); i++)
    {
      TdCoupon *c = g_ptr_array_index (loaded->coupons, i);
      g_autofree char *text = td_coupon_describe (c);
      GtkWidget *row = list_row (c->code, text);

      gtk_widget_set_margin_start (row, 12);
      gtk_widget_set_margin_end (row, 12);
      gtk_list_box_append (self->coupon_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->coupon_list), loaded->coupons->len > 0);

  for (guint i = 0, shown = 0; i < TD_RFM_N_GROUPS; i++)
    if (loaded->rfm[i] > 0)
      {
        g_autofree char *count = td_format_count (loaded->rfm[i]);

        g_string_append_printf (rfm, "%s%s %s", shown++ ? _(", ") : "", td_rfm_group_get_title (i), count);
      }
  gtk_label_set_text (self->rfm_label, rfm->str);
  schedule_preview (self);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdMarketingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) == self->load_cancellable)
    td_area_set_loading (TD_AREA (self), &self->load_cancellable, NULL, self->spinner);
  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->count_label, error->message);
      return;
    }
  show_loaded (self, loaded);
  loaded_free (loaded);
}

static void
td_marketing_page_refresh (TdArea *area)
{
  TdMarketingPage *self = TD_MARKETING_PAGE (area);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;

  if (self->database == NULL)
    {
      td_area_set_loading (area, &self->load_cancellable, NULL, self->spinner);
      return;
    }
  cancellable = g_cancellable_new ();
  td_area_set_loading (area, &self->load_cancellable, cancellable, self->spinner);
  task = g_task_new (self->database, cancellable, load_cb, g_object_ref (self));
  g_task_run_in_thread (task, load_thread);
  schedule_count (self);
}

/* ------------------------------------------------------------------ */
/* the rule builder                                                   */

/* the rules as edited; NULL with a message when one does not fit */
static JsonObject *
current_rules (TdMarketingPage  *self,
               char            **problem)
{
  g_autoptr(JsonObject) rules = json_object_new ();
  g_autofree char *currency = currency_of (self);
  JsonArray *list = json_array_new ();

  json_object_set_string_member (rules, "match",
                                 gtk_drop_down_get_selected (self->match) == 1 ? "any" : "all");
  json_object_set_array_member (rules, "rules", list);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->rules_box));
       row; row = gtk_widget_get_next_sibling (row))
    {
      JsonObject *rule = td_segment_rule_row_get_rule (TD_SEGMENT_RULE_ROW (row), currency, problem);

      if (rule == NULL)
        return NULL;
      json_array_add_object_element (list, rule);
    }
  return g_steal_pointer (&rules);
}

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdMarketingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 count = td_segment_count_finish (result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_task_get_cancellable (G_TASK (result)) != self->count_cancellable)
    return;
  g_clear_object (&self->count_cancellable);
  job_ended (self);
  if (count < 0)
    {
      gtk_label_set_text (self->count_label, error->message);
      return;
    }
  self->count = count;
  {
    g_autofree char *number = td_format_count (count);

    text = g_strdup_printf (ngettext ("%s customer matches today", "%s customers match today",
                                      (gulong) CLAMP (count, 0, G_MAXLONG)), number);
  }
  gtk_label_set_text (self->count_label, text);
}

static gboolean
count_now (gpointer data)
{
  TdMarketingPage *self = data;
  g_autoptr(JsonObject) rules = NULL;
  g_autofree char *problem = NULL;

  self->count_timeout = 0;
  if (self->database == NULL)
    return G_SOURCE_REMOVE;
  if (self->count_cancellable)
    {
      cancel_and_clear (&self->count_cancellable);
      job_ended (self);
    }
  self->count = -1;
  rules = current_rules (self, &problem);
  if (rules == NULL)
    {
      gtk_label_set_text (self->count_label, problem);
      return G_SOURCE_REMOVE;
    }
  gtk_label_set_text (self->count_label, _("Counting…"));
  self->count_cancellable = g_cancellable_new ();
  job_started (self);
  td_segment_count_async (self->database, rules, 0, self->count_cancellable, count_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* the count follows the rules as they are typed, a moment after */
static void
schedule_count (TdMarketingPage *self)
{
  if (self->filling)
    return;
  self->count = -1;
  g_clear_handle_id (&self->count_timeout, g_source_remove);
  self->count_timeout = g_timeout_add (250, count_now, self);
}

static void
remove_rule (TdMarketingPage  *self,
             TdSegmentRuleRow *row)
{
  gtk_box_remove (self->rules_box, GTK_WIDGET (row));
  schedule_count (self);
}

static TdSegmentRuleRow *
append_rule (TdMarketingPage *self)
{
  GtkWidget *row = td_segment_rule_row_new ();

  g_signal_connect_swapped (row, "changed", G_CALLBACK (schedule_count), self);
  g_signal_connect_swapped (row, "remove", G_CALLBACK (remove_rule), self);
  gtk_box_append (self->rules_box, row);
  return TD_SEGMENT_RULE_ROW (row);
}

static void
clear_rules (TdMarketingPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rules_box))))
    gtk_box_remove (self->rules_box, child);
}

void
td_marketing_page_add_rule (TdMarketingPage *self,
                            const char      *field,
                            const char      *op,
                            const char      *value)
{
  g_return_if_fail (TD_IS_MARKETING_PAGE (self));
  td_segment_rule_row_set (append_rule (self), field, op, value);
  schedule_count (self);
}

static void
add_rule_clicked (TdMarketingPage *self)
{
  append_rule (self);
  schedule_count (self);
}

static void
new_segment_clicked (TdMarketingPage *self)
{
  self->filling = TRUE;
  gtk_list_box_unselect_all (self->segment_list);
  gtk_editable_set_text (GTK_EDITABLE (self->segment_name), "");
  gtk_drop_down_set_selected (self->match, 0);
  clear_rules (self);
  self->filling = FALSE;
  schedule_count (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->segment_name));
}

static void
segment_selected (TdMarketingPage *self,
                  GtkListBoxRow   *row)
{
  TdSegment *segment;
  JsonNode *list;

  if (row == NULL || self->segments == NULL)
    return;
  segment = g_ptr_array_index (self->segments, gtk_list_box_row_get_index (row));
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->segment_name), segment->name);
  gtk_drop_down_set_selected (self->match,
                              g_strcmp0 (json_object_get_string_member_with_default (segment->rules, "match", "all"), "any") == 0);
  clear_rules (self);
  list = json_object_get_member (segment->rules, "rules");
  for (guint i = 0; list && JSON_NODE_HOLDS_ARRAY (list) && i < json_array_get_length (json_node_get_array (list)); i++)
    td_segment_rule_row_set_rule (append_rule (self), json_array_get_object_element (json_node_get_array (list), i));
  self->filling = FALSE;
  schedule_count (self);
}

/* ------------------------------------------------------------------ */
/* jobs: a write in a thread, then a message and a reload             */

typedef char *(*JobFunc) (TdDatabase *db,
                          gpointer    data,
                          GError    **error);

typedef struct {
  JobFunc         func;
  gpointer        data;
  GDestroyNotify  free_data;
  GtkLabel       *message;
} Job;

static void
job_free (Job *job)
{
  if (job->free_data)
    job->free_data (job->data);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  char *message = job->func (TD_DATABASE (source_object), job->data, &error);

  if (message == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, message, g_free);
}

static void
job_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(TdMarketingPage) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_task_propagate_pointer (G_TASK (result), &error);

  job_ended (self);
  gtk_label_set_text (job->message, message ? message : error->message);
  if (message)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (job->message), "error");
      td_area_refresh (TD_AREA (self));
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (job->message), "error");
}

static void
run_job (TdMarketingPage *self,
         GtkLabel        *message,
         JobFunc          func,
         gpointer         data,
         GDestroyNotify   free_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->free_data = free_data;
  job->message = message;
  if (self->database == NULL)
    {
      job_free (job);
      return;
    }
  job_started (self);
  gtk_label_set_text (message, "");
  task = g_task_new (self->database, NULL, job_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

typedef struct {
  char       *name;
  JsonObject *rules;
} SaveSegment;

static void
save_segment_free (SaveSegment *s)
{
  g_free (s->name);
  json_object_unref (s->rules);
  g_free (s);
}

static char *
save_segment_job (TdDatabase  *db,
                  gpointer     data,
                  GError     **error)
{
  SaveSegment *s = data;
  g_autofree char *id = td_segment_save (db, s->name, s->rules, NULL, error);

  return id ? g_strdup_printf (_("Segment “%s” saved."), s->name) : NULL;
}

static void
save_segment_clicked (TdMarketingPage *self)
{
  g_autofree char *problem = NULL;
  JsonObject *rules = current_rules (self, &problem);
  SaveSegment *s;

  if (rules == NULL)
    {
      gtk_label_set_text (self->count_label, problem);
      return;
    }
  s = g_new0 (SaveSegment, 1);
  s->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->segment_name)));
  s->rules = rules;
  run_job (self, self->rfm_label, save_segment_job, s, (GDestroyNotify) save_segment_free);
}

/* ------------------------------------------------------------------ */
/* campaigns: compose and preview                                     */

static char *
body_text (TdMarketingPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* the campaign as composed (not saved): what the preview renders */
static TdCampaign *
composed_campaign (TdMarketingPage *self)
{
  TdCampaign *c;
  guint i = gtk_drop_down_get_selected (self->campaign_segment);
  const char *coupon = gtk_editable_get_text (GTK_EDITABLE (self->campaign_coupon));

  if (self->segments == NULL || i >= self->segments->len)
    return NULL;
  c = g_new0 (TdCampaign, 1);
  c->id = g_strdup (self->campaign_id);
  c->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->campaign_name)));
  c->segment_id = g_strdup (((TdSegment *) g_ptr_array_index (self->segments, i))->id);
  c->subject = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)));
  c->body = body_text (self);
  c->coupon_code = *coupon ? td_coupon_code_normalise (coupon) : NULL;
  return c;
}

typedef struct {
  TdCampaign        *campaign;
  guint              chosen;
  GPtrArray         *audience;
  TdCampaignPreview *preview;
} Preview;

static void
preview_free (Preview *p)
{
  td_campaign_free (p->campaign);
  g_clear_pointer (&p->audience, g_ptr_array_unref);
  g_clear_pointer (&p->preview, td_campaign_preview_free);
  g_free (p);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TdDatabase *db = source_object;
  Preview *p = task_data;
  GError *error = NULL;

  p->audience = td_campaign_audience (db, p->campaign, 0, &error);
  if (p->audience == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (p->audience->len > 0)
    {
      TdCampaignRecipient *r = g_ptr_array_index (p->audience, MIN (p->chosen, p->audience->len - 1));

      p->preview = td_campaign_preview (db, p->campaign, r->customer_id, &error);
      if (p->preview == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
preview_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TdMarketingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Preview *p = g_task_get_task_data (G_TASK (result));
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->preview_cancellable)
    return;
  g_clear_object (&self->preview_cancellable);
  job_ended (self);
  if (!ok)
    {
      gtk_label_set_text (self->audience_label, error->message);
      return;
    }
  g_clear_pointer (&self->audience, g_ptr_array_unref);
  self->audience = g_steal_pointer (&p->audience);
  self->audience_count = self->audience->len;
  {
    g_autofree char *count = td_format_count (self->audience->len);
    g_autofree char *text = g_strdup_printf (ngettext ("%s customer agreed to e-mail and will receive it",
                                                       "%s customers agreed to e-mail and will receive it",
                                                       self->audience->len),
                                             count);

    gtk_label_set_text (self->audience_label, text);
  }
  /* the names to preview for: the first hundred */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->recipient_names));
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < MIN (self->audience->len, 100); i++)
      {
        TdCampaignRecipient *r = g_ptr_array_index (self->audience, i);

        g_ptr_array_add (names, g_strdup_printf ("%s <%s>", r->name, r->email));
      }
    g_ptr_array_add (names, NULL);
    self->filling = TRUE;
    gtk_string_list_splice (self->recipient_names, 0, n, (const char * const *) names->pdata);
    gtk_drop_down_set_selected (self->preview_recipient, MIN (p->chosen, self->audience->len ? self->audience->len - 1 : 0));
    self->filling = FALSE;
  }
  gtk_label_set_text (self->preview_subject, p->preview ? p->preview->subject : "");
  gtk_label_set_text (self->preview_body, p->preview ? p->preview->body : _("Nobody in this segment agreed to e-mail."));
}

static gboolean
preview_now (gpointer data)
{
  TdMarketingPage *self = data;
  g_autoptr(GTask) task = NULL;
  TdCampaign *campaign;
  Preview *p;

  self->preview_timeout = 0;
  if (self->database == NULL || (campaign = composed_campaign (self)) == NULL)
    {
      gtk_label_set_text (self->audience_label, _("Save a segment first: a campaign goes to a segment."));
      return G_SOURCE_REMOVE;
    }
  if (self->preview_cancellable)
    {
      cancel_and_clear (&self->preview_cancellable);
      job_ended (self);
    }
  p = g_new0 (Preview, 1);
  p->campaign = campaign;
  p->chosen = gtk_drop_down_get_selected (self->preview_recipient);
  if (p->chosen == GTK_INVALID_LIST_POSITION)
    p->chosen = 0;
  self->audience_count = -1;
  self->preview_cancellable = g_cancellable_new ();
  job_started (self);
  task = g_task_new (self->database, self->preview_cancellable, preview_cb, g_object_ref (self));
  g_task_set_task_data (task, p, (GDestroyNotify) preview_free);
  g_task_run_in_thread (task, preview_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (TdMarketingPage *self)
{
  if (self->filling)
    return;
  self->audience_count = -1;
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  self->preview_timeout = g_timeout_add (300, preview_now, self);
}

static void
set_campaign_editable (TdMarketingPage *self,
                       const char      *state)
{
  gboolean draft = state == NULL || g_str_equal (state, "draft");
  gboolean sending = g_strcmp0 (state, "sending") == 0;

  gtk_editable_set_editable (GTK_EDITABLE (self->campaign_name), self->campaign_id == NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->subject_entry), self->campaign_id == NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->campaign_coupon), self->campaign_id == NULL);
  gtk_text_view_set_editable (self->body_view, self->campaign_id == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->campaign_segment), self->campaign_id == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->save_campaign_button), self->campaign_id == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), self->campaign_id != NULL && (draft || sending));
  gtk_button_set_label (self->send_button, sending ? _("_Resume Sending") : _("_Send"));
}

static void
new_campaign_clicked (TdMarketingPage *self)
{
  self->filling = TRUE;
  g_clear_pointer (&self->campaign_id, g_free);
  gtk_list_box_unselect_all (self->campaign_list);
  gtk_editable_set_text (GTK_EDITABLE (self->campaign_name), "");
  gtk_editable_set_text (GTK_EDITABLE (self->campaign_coupon), "");
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), "", -1);
  gtk_label_set_text (self->campaign_message, "");
  gtk_widget_set_visible (GTK_WIDGET (self->send_progress), FALSE);
  self->filling = FALSE;
  set_campaign_editable (self, NULL);
  schedule_preview (self);
}

static void
campaign_selected (TdMarketingPage *self,
                   GtkListBoxRow   *row)
{
  TdCampaign *c;

  if (row == NULL || self->campaigns == NULL)
    return;
  c = g_ptr_array_index (self->campaigns, gtk_list_box_row_get_index (row));
  self->filling = TRUE;
  g_free (self->campaign_id);
  self->campaign_id = g_strdup (c->id);
  gtk_editable_set_text (GTK_EDITABLE (self->campaign_name), c->name);
  gtk_editable_set_text (GTK_EDITABLE (self->campaign_coupon), c->coupon_code ? c->coupon_code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry), c->subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), c->body, -1);
  for (guint i = 0; self->segments && i < self->segments->len; i++)
    if (g_str_equal (((TdSegment *) g_ptr_array_index (self->segments, i))->id, c->segment_id))
      gtk_drop_down_set_selected (self->campaign_segment, i);
  gtk_label_set_text (self->campaign_message, campaign_state_title (c->state));
  self->filling = FALSE;
  set_campaign_editable (self, c->state);
  schedule_preview (self);
}

static char *
save_campaign_job (TdDatabase  *db,
                   gpointer     data,
                   GError     **error)
{
  TdCampaign *c = data;
  g_autofree char *id = td_campaign_create (db, c->name, c->segment_id, c->subject, c->body, c->coupon_code, error);

  return id ? g_strdup_printf (_("Campaign “%s” saved as a draft. Choose it in the list to send it."), c->name) : NULL;
}

static void
save_campaign_clicked (TdMarketingPage *self)
{
  TdCampaign *c = composed_campaign (self);

  if (c == NULL)
    {
      gtk_label_set_text (self->campaign_message, _("Save a segment first: a campaign goes to a segment."));
      return;
    }
  run_job (self, self->campaign_message, save_campaign_job, c, (GDestroyNotify) td_campaign_free);
}

/* ------------------------------------------------------------------ */
/* sending                                                            */

static void
smtp_clicked (TdMarketingPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TdSmtpDialog *dialog;

  if (self->database == NULL)
    return;
  dialog = td_smtp_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->database);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* the settings with their password, or NULL: a worker thread only */
static TdSmtpSettings *
load_smtp (TdDatabase  *db,
           GError     **error)
{
  g_autoptr(TdSmtpSettings) settings = td_smtp_settings_load (db, error);

  if (settings == NULL || !td_smtp_settings_load_password (settings, db, NULL, error))
    return NULL;
  return g_steal_pointer (&settings);
}

typedef struct {
  TdCampaign *campaign;
  char       *address;
  guint       chosen;
} TestSend;

static void
test_send_free (TestSend *t)
{
  td_campaign_free (t->campaign);
  g_free (t->address);
  g_free (t);
}

static char *
test_send_job (TdDatabase  *db,
               gpointer     data,
               GError     **error)
{
  TestSend *t = data;
  g_autoptr(TdSmtpSettings) settings = load_smtp (db, error);
  g_autoptr(TdSmtpClient) client = NULL;
  g_autoptr(GPtrArray) audience = NULL;
  TdCampaignSender sender;
  const char *customer = NULL;

  if (settings == NULL)
    return NULL;
  audience = td_campaign_audience (db, t->campaign, t->chosen + 1, error);
  if (audience == NULL)
    return NULL;
  if (audience->len > 0)
    customer = ((TdCampaignRecipient *) g_ptr_array_index (audience, audience->len - 1))->customer_id;
  client = td_smtp_client_new (settings);
  td_smtp_sender_init (&sender, settings, client);
  if (!td_campaign_send_test (db, t->campaign, customer, t->address, &sender, error))
    return NULL;
  return g_strdup_printf (_("Test message sent to %s."), t->address);
}

static void
test_clicked (TdMarketingPage *self)
{
  TdCampaign *c = composed_campaign (self);
  TestSend *t;

  if (c == NULL)
    return;
  t = g_new0 (TestSend, 1);
  t->campaign = c;
  t->address = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->test_address)));
  t->chosen = gtk_drop_down_get_selected (self->preview_recipient);
  if (t->chosen == GTK_INVALID_LIST_POSITION)
    t->chosen = 0;
  run_job (self, self->campaign_message, test_send_job, t, (GDestroyNotify) test_send_free);
}

typedef struct {
  TdMarketingPage   *self;   /* a reference */
  TdCampaignProgress progress;
} ProgressUpdate;

static gboolean
show_progress (gpointer data)
{
  ProgressUpdate *u = data;
  const TdCampaignProgress *p = &u->progress;
  g_autofree char *text = g_strdup_printf (_("%u of %u sent · %u failed · %u skipped"),
                                           p->sent, p->total, p->failed, p->skipped);

  gtk_progress_bar_set_fraction (u->self->send_progress,
                                 p->total ? (double) (p->sent + p->failed + p->skipped + p->uncertain) / p->total : 1.0);
  gtk_progress_bar_set_text (u->self->send_progress, text);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (ProgressUpdate *u)
{
  g_object_unref (u->self);
  g_free (u);
}

static void
send_progress (const TdCampaignProgress *progress,
               gpointer                  user_data)
{
  ProgressUpdate *u = g_new0 (ProgressUpdate, 1);

  u->self = g_object_ref (user_data);
  u->progress = *progress;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress, u, (GDestroyNotify) progress_update_free);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TdDatabase *db = source_object;
  TdCampaign *campaign = task_data;
  GError *error = NULL;
  g_autoptr(TdSmtpSettings) settings = load_smtp (db, &error);
  g_autoptr(TdSmtpClient) client = NULL;
  TdCampaignSender sender;
  TdCampaignProgress *result;

  if (settings == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  client = td_smtp_client_new (settings);
  td_smtp_sender_init (&sender, settings, client);
  result = g_new0 (TdCampaignProgress, 1);
  if (!td_campaign_send (db, campaign->id, g_str_equal (campaign->state, "sending"), &sender,
                         send_progress, g_object_get_data (G_OBJECT (task), "page"),
                         cancellable, result, &error))
    {
      g_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, g_free);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdMarketingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree TdCampaignProgress *p = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->send_cancellable);
  job_ended (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  if (p == NULL)
    {
      gtk_label_set_text (self->campaign_message, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->campaign_message), "error");
    }
  else
    {
      g_autofree char *text = NULL;

      if (p->failed)
        text = g_strdup_printf (ngettext ("%u sent now. %u message failed: resume to try again; nobody gets a second copy.",
                                          "%u sent now. %u messages failed: resume to try again; nobody gets a second copy.",
                                          p->failed),
                                p->this_run, p->failed);
      else
        text = g_strdup_printf (ngettext ("%u message sent.", "%u messages sent.", p->this_run), p->this_run);
      gtk_label_set_text (self->campaign_message, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->campaign_message), "error");
    }
  td_area_refresh (TD_AREA (self));
}

static void
send_clicked (TdMarketingPage *self)
{
  g_autoptr(GTask) task = NULL;
  TdCampaign *campaign = NULL;

  if (self->send_cancellable)
    {
      /* the button stops a send under way */
      g_cancellable_cancel (self->send_cancellable);
      return;
    }
  for (guint i = 0; self->campaigns && self->campaign_id && i < self->campaigns->len; i++)
    if (g_str_equal (((TdCampaign *) g_ptr_array_index (self->campaigns, i))->id, self->campaign_id))
      campaign = g_ptr_array_index (self->campaigns, i);
  if (campaign == NULL || self->database == NULL)
    return;

  self->send_cancellable = g_cancellable_new ();
  job_started (self);
  gtk_widget_set_visible (GTK_WIDGET (self->send_progress), TRUE);
  gtk_progress_bar_set_fraction (self->send_progress, 0);
  gtk_progress_bar_set_text (self->send_progress, _("Connecting to the e-mail server…"));
  gtk_button_set_label (self->send_button, _("_Stop"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  task = g_task_new (self->database, self->send_cancellable, send_cb, g_object_ref (self));
  /* the campaign as listed: its id and state */
  {
    TdCampaign *copy = g_new0 (TdCampaign, 1);

    copy->id = g_strdup (campaign->id);
    copy->state = g_strdup (campaign->state);
    g_task_set_task_data (task, copy, (GDestroyNotify) td_campaign_free);
  }
  g_object_set_data_full (G_OBJECT (task), "page", g_object_ref (self), g_object_unref);
  g_task_run_in_thread (task, send_thread);
}

/* ------------------------------------------------------------------ */
/* coupons                                                            */

typedef struct {
  char        *code;
  guint        count;
  TdCouponSpec spec;
} CreateCoupons;

static char *
create_coupons_job (TdDatabase  *db,
                    gpointer     data,
                    GError     **error)
{
  CreateCoupons *c = data;

  if (c->count > 1)
    {
      g_autoptr(GPtrArray) codes = NULL;
      g_autofree char *batch = td_coupon_create_batch (db, c->code, 8, c->count, &c->spec, &codes, error);

      return batch ? g_strdup_printf (ngettext ("Batch %s: %u code made.", "Batch %s: %u codes made.", codes->len),
                                      batch, codes->len)
                   : NULL;
    }
  else
    {
      g_autofree char *code = td_coupon_create (db, c->code, &c->spec, error);

      return code ? g_strdup_printf (_("Coupon %s made."), code) : NULL;
    }
}

static void
create_coupons_free (CreateCoupons *c)
{
  g_free (c->code);
  g_free (c);
}

static gboolean
parse_optional_count (GtkEntry *entry,
                      guint    *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  guint64 value;

  *out = 0;
  if (*text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 100000, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
parse_optional_date (GtkEntry *entry,
                     guint32  *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  *out = 0;
  return *text == '\0' || td_date_parse_iso (text, out, NULL);
}

static void
create_coupon_clicked (TdMarketingPage *self)
{
  g_autofree char *currency = currency_of (self);
  CreateCoupons *c = g_new0 (CreateCoupons, 1);
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->coupon_value));
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->coupon_code));
  const char *problem = NULL;
  guint64 percent;

  if (gtk_drop_down_get_selected (self->coupon_kind) == 0)
    {
      c->spec.discount = TD_COUPON_PERCENT;
      if (!g_ascii_string_to_unsigned (value, 10, 1, 100, &percent, NULL))
        problem = _("The percentage off is a number from 1 to 100.");
      c->spec.percent = (guint) percent;
    }
  else
    {
      c->spec.discount = TD_COUPON_AMOUNT;
      if (!td_money_parse (value, currency, &c->spec.amount, NULL))
        problem = _("The amount off is a number such as 50 or 49.90.");
    }
  if (!problem && !parse_optional_date (self->coupon_from, &c->spec.valid_from))
    problem = _("“From” is a date such as 2026-05-01.");
  if (!problem && !parse_optional_date (self->coupon_until, &c->spec.valid_until))
    problem = _("“Until” is a date such as 2026-06-01.");
  if (!problem && !parse_optional_count (self->coupon_max_uses, &c->spec.max_uses))
    problem = _("Uses in all is a whole number, or empty for any.");
  if (!problem && !parse_optional_count (self->coupon_per_customer, &c->spec.max_uses_per_customer))
    problem = _("Uses per customer is a whole number, or empty for any.");
  if (!problem && !parse_optional_count (self->coupon_count, &c->count))
    problem = _("How many codes is a whole number from 1 to 100000.");
  if (problem)
    {
      gtk_label_set_text (self->coupon_message, problem);
      gtk_widget_add_css_class (GTK_WIDGET (self->coupon_message), "error");
      create_coupons_free (c);
      return;
    }
  c->code = *code ? g_strdup (code) : NULL;
  run_job (self, self->coupon_message, create_coupons_job, c, (GDestroyNotify) create_coupons_free);
}

/* ------------------------------------------------------------------ */

void
td_marketing_page_show_view (TdMarketingPage *self,
                             const char      *view)
{
  g_return_if_fail (TD_IS_MARKETING_PAGE (self));
  gtk_stack_set_visible_child_name (self->views, view);
}

gint64
td_marketing_page_get_count (TdMarketingPage *self)
{
  g_return_val_if_fail (TD_IS_MARKETING_PAGE (self), -1);
  return self->count_timeout || self->count_cancellable ? -1 : self->count;
}

gint64
td_marketing_page_get_audience (TdMarketingPage *self)
{
  g_return_val_if_fail (TD_IS_MARKETING_PAGE (self), -1);
  return self->preview_timeout || self->preview_cancellable ? -1 : self->audience_count;
}

gboolean
td_marketing_page_get_busy (TdMarketingPage *self)
{
  g_return_val_if_fail (TD_IS_MARKETING_PAGE (self), FALSE);
  return self->jobs > 0 || self->count_timeout || self->preview_timeout;
}

static void
td_marketing_page_set_database (TdMarketingPage *self,
                                TdDatabase      *database)
{
  if (!g_set_object (&self->database, database))
    return;
  g_clear_pointer (&self->campaign_id, g_free);
  td_marketing_page_refresh (TD_AREA (self));
  g_object_notify (G_OBJECT (self), "database");
}

static void
td_area_iface_init (TdAreaInterface *iface)
{
  iface->refresh = td_marketing_page_refresh;
}

static void
td_marketing_page_dispose (GObject *object)
{
  TdMarketingPage *self = TD_MARKETING_PAGE (object);

  cancel_and_clear (&self->load_cancellable);
  cancel_and_clear (&self->count_cancellable);
  cancel_and_clear (&self->preview_cancellable);
  cancel_and_clear (&self->send_cancellable);
  g_clear_handle_id (&self->count_timeout, g_source_remove);
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_MARKETING_PAGE);
  /* the template's root box is not a bound child */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (td_marketing_page_parent_class)->dispose (object);
}

static void
td_marketing_page_finalize (GObject *object)
{
  TdMarketingPage *self = TD_MARKETING_PAGE (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->campaigns, g_ptr_array_unref);
  g_clear_pointer (&self->audience, g_ptr_array_unref);
  g_free (self->campaign_id);

  G_OBJECT_CLASS (td_marketing_page_parent_class)->finalize (object);
}

static void
td_marketing_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdMarketingPage *self = TD_MARKETING_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, td_marketing_page_get_busy (self));
      break;

    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->load_cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_marketing_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TdMarketingPage *self = TD_MARKETING_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      td_marketing_page_set_database (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_marketing_page_class_init (TdMarketingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_marketing_page_dispose;
  object_class->finalize = td_marketing_page_finalize;
  object_class->get_property = td_marketing_page_get_property;
  object_class->set_property = td_marketing_page_set_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_DATABASE, "database");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-marketing-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TdMarketingPage, name)
  BIND (spinner);
  BIND (views);
  BIND (segment_list);
  BIND (new_segment_button);
  BIND (segment_name);
  BIND (match);
  BIND (rules_box);
  BIND (add_rule_button);
  BIND (count_label);
  BIND (rfm_label);
  BIND (save_segment_button);
  BIND (campaign_list);
  BIND (new_campaign_button);
  BIND (smtp_button);
  BIND (campaign_name);
  BIND (campaign_segment);
  BIND (segment_names);
  BIND (campaign_coupon);
  BIND (subject_entry);
  BIND (body_view);
  BIND (audience_label);
  BIND (preview_recipient);
  BIND (recipient_names);
  BIND (preview_subject);
  BIND (preview_body);
  BIND (test_address);
  BIND (test_button);
  BIND (send_progress);
  BIND (campaign_message);
  BIND (save_campaign_button);
  BIND (send_button);
  BIND (coupon_code);
  BIND (coupon_kind);
  BIND (coupon_value);
  BIND (coupon_from);
  BIND (coupon_until);
  BIND (coupon_max_uses);
  BIND (coupon_per_customer);
  BIND (coupon_count);
  BIND (create_coupon_button);
  BIND (coupon_message);
  BIND (coupon_list);
#undef BIND
}

static void
td_marketing_page_init (TdMarketingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->count = -1;
  self->audience_count = -1;

  g_signal_connect_swapped (self->new_segment_button, "clicked", G_CALLBACK (new_segment_clicked), self);
  g_signal_connect_swapped (self->add_rule_button, "clicked", G_CALLBACK (add_rule_clicked), self);
  g_signal_connect_swapped (self->save_segment_button, "clicked", G_CALLBACK (save_segment_clicked), self);
  g_signal_connect_swapped (self->match, "notify::selected", G_CALLBACK (schedule_count), self);
  g_signal_connect_swapped (self->segment_list, "row-selected", G_CALLBACK (segment_selected), self);
  g_signal_connect_swapped (self->new_campaign_button, "clicked", G_CALLBACK (new_campaign_clicked), self);
  g_signal_connect_swapped (self->campaign_list, "row-selected", G_CALLBACK (campaign_selected), self);
  g_signal_connect_swapped (self->campaign_segment, "notify::selected", G_CALLBACK (schedule_preview), self);
  g_signal_connect_swapped (self->preview_recipient, "notify::selected", G_CALLBACK (schedule_preview), self);
  g_signal_connect_swapped (self->campaign_coupon, "changed", G_CALLBACK (schedule_preview), self);
  g_signal_connect_swapped (self->subject_entry, "changed", G_CALLBACK (schedule_preview), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed", G_CALLBACK (schedule_preview), self);
  g_signal_connect_swapped (self->save_campaign_button, "clicked", G_CALLBACK (save_campaign_clicked), self);
  g_signal_connect_swapped (self->test_button, "clicked", G_CALLBACK (test_clicked), self);
  g_signal_connect_swapped (self->send_button, "clicked", G_CALLBACK (send_clicked), self);
  g_signal_connect_swapped (self->smtp_button, "clicked", G_CALLBACK (smtp_clicked), self);
  g_signal_connect_swapped (self->create_coupon_button, "clicked", G_CALLBACK (create_coupon_clicked), self);
  set_campaign_editable (self, NULL);
}

GtkWidget *
td_marketing_page_new (void)
{
  return g_object_new (TD_TYPE_MARKETING_PAGE, NULL);
}
