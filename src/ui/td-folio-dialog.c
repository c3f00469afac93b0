/* td-folio-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-folio-dialog.h"
#include "td-folio-document.h"
#include "td-print.h"

struct _TdFolioDialog
{
  AdwWindow            parent_instance;

  GtkLabel            *guest_label;
  GtkLabel            *stay_label;
  GtkListBox          *entries_list;
  GtkLabel            *unposted_label;
  GtkLabel            *balance_label;
  AdwComboRow         *type_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *amount_row;
  AdwEntryRow         *description_row;
  GtkLabel            *problem_label;
  AdwPreferencesGroup *override_group;
  AdwEntryRow         *manager_row;
  AdwEntryRow         *reason_row;
  GtkWidget           *override_button;
  GtkSpinner          *spinner;

  TdDatabase          *database;
  char                *stay_id;
  TdStayAccount       *account;
  GCancellable        *cancellable;
  guint                pending;
  char                *problem;
};

G_DEFINE_FINAL_TYPE (TdFolioDialog, td_folio_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* what the form can post, in the order of the type row */
static const TdFolioEntryType postable[] = {
  TD_FOLIO_ENTRY_CHARGE, TD_FOLIO_ENTRY_PAYMENT, TD_FOLIO_ENTRY_DEPOSIT, TD_FOLIO_ENTRY_REFUND,
};

static void load (TdFolioDialog *self);

static void
update_actions (TdFolioDialog *self)
{
  gboolean in_house = self->account && self->account->stay->state == TD_STAY_CHECKED_IN;

  gtk_spinner_set_spinning (self->spinner, self->pending > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "folio.post", self->pending == 0 && self->account != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "folio.check-out", self->pending == 0 && in_house);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "folio.check-out-override", self->pending == 0 && in_house);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "folio.print", self->account != NULL);
}

static void
show_problem (TdFolioDialog *self,
              const char    *message)
{
  g_free (self->problem);
  self->problem = g_strdup (message);
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static void
show_override (TdFolioDialog *self,
               gboolean       shown)
{
  gtk_widget_set_visible (GTK_WIDGET (self->override_group), shown);
  gtk_widget_set_visible (self->override_button, shown);
}

static void
begin (TdFolioDialog *self)
{
  self->pending++;
  update_actions (self);
}

/* the end of a worker's job: FALSE when it was cancelled (the dialog may
 * be gone) */
static gboolean
end (TdFolioDialog *self,
     GError        *error)
{
  self->pending--;
  update_actions (self);
  if (error && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* showing the account                                                */

static char *
describe_entry (const TdFolioEntry *e)
{
  switch (e->type)
    {
    case TD_FOLIO_ENTRY_ROOM:
      return g_strdup (td_folio_entry_type_get_title (e->type));
    case TD_FOLIO_ENTRY_CHARGE:
      if (e->description && *e->description)
        return g_strdup_printf ("%s · %s", td_folio_category_get_title (e->category), e->description);
      return g_strdup (td_folio_category_get_title (e->category));
    case TD_FOLIO_ENTRY_PAYMENT:
    case TD_FOLIO_ENTRY_DEPOSIT:
    case TD_FOLIO_ENTRY_REFUND:
      return g_strdup_printf ("%s · %s", td_folio_entry_type_get_title (e->type),
                              td_payment_method_get_title (e->method));
    default:
      g_return_val_if_reached (NULL);
    }
}

static GtkWidget *
entry_row (const TdFolio      *folio,
           const TdFolioEntry *e,
           gboolean            several)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *amount;
  g_autofree char *what = describe_entry (e);
  g_autofree char *title = g_markup_escape_text (what, -1);
  g_autofree char *day = td_date_format_iso (e->day);
  g_autoptr(GString) subtitle = g_string_new (day);
  TdMoney money = e->amount;
  g_autofree char *text = NULL;

  if (e->reference)
    g_string_append_printf (subtitle, " · %s", e->reference);
  if (several)
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("Folio %u"), folio->number);
    }
  money.minor = td_folio_entry_signed (e);
  text = td_money_format (&money);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle->str, -1);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  }
  amount = gtk_label_new (text);
  gtk_widget_add_css_class (amount, "numeric");
  if (money.minor < 0)
    gtk_widget_add_css_class (amount, "success");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
  return row;
}

static void
show_account (TdFolioDialog *self)
{
  const TdStayAccount *account = self->account;
  const TdStay *stay = account->stay;
  g_autofree char *arrival = td_date_format_iso (stay->dates.start);
  g_autofree char *departure = td_date_format_iso (stay->dates.end);
  g_autofree char *details = NULL;
  g_autofree char *balance = td_money_format (&account->balance);
  g_autofree char *balance_text = NULL;
  gboolean several = account->folios->len > 1;
  GtkWidget *child;
  guint n = 0;

  gtk_label_set_text (self->guest_label, stay->guest_name ? stay->guest_name : _("No guest recorded"));
  /* TRANSLATORS: room, room type, arrival, departure, state */
  details = g_strdup_printf (_("Room %s · %s · %s to %s · %s"), stay->room_number ? stay->room_number : "—",
                             stay->room_type_name ? stay->room_type_name : "", arrival, departure,
                             td_stay_state_get_title (stay->state));
  gtk_label_set_text (self->stay_label, details);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entries_list))))
    gtk_list_box_remove (self->entries_list, child);
  for (guint i = 0; i < account->folios->len; i++)
    {
      TdFolio *folio = g_ptr_array_index (account->folios, i);

      for (guint j = 0; j < folio->entries->len; j++, n++)
        gtk_list_box_append (self->entries_list, entry_row (folio, g_ptr_array_index (folio->entries, j), several));
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing posted yet"));
      gtk_list_box_append (self->entries_list, row);
    }
  /* TRANSLATORS: the folio's balance */
  balance_text = g_strdup_printf (_("Balance %s"), balance);
  gtk_label_set_text (self->balance_label, balance_text);
  if (account->n_unposted > 0)
    {
      g_autofree char *unposted = td_money_format (&account->unposted);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u night still to post (%s), at check-out at the latest",
                                                            "%u nights still to post (%s), at check-out at the latest",
                                                            account->n_unposted),
                                               account->n_unposted, unposted);

      gtk_label_set_text (self->unposted_label, text);
    }
  else
    gtk_label_set_text (self->unposted_label, "");
  update_actions (self);
}

/* ------------------------------------------------------------------ */
/* the jobs                                                           */

typedef enum {
  JOB_LOAD,
  JOB_POST,
  JOB_CHECK_OUT,
  JOB_PRINT,
} JobKind;

typedef struct {
  JobKind             kind;
  TdDatabase         *db;
  char               *stay_id;
  TdFolioPosting      posting;
  char               *category;
  char               *method;
  char               *description;
  char               *manager;
  char               *reason;
  char               *document;      /* folio, receipt, card */
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->db);
  g_free (job->stay_id);
  g_free (job->category);
  g_free (job->method);
  g_free (job->description);
  g_free (job->manager);
  g_free (job->reason);
  g_free (job->document);
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
  const char *actor = td_database_default_actor ();

  switch (job->kind)
    {
    case JOB_LOAD:
      {
        /* the nights that have passed are posted when the folio is looked
         * at (idempotent: the night audit may have done it already) */
        TdDeskTime when;

        td_desk_time_init_now (&when, job->db);
        if (td_folio_post_nights (job->db, actor, job->stay_id, when.today, &error) < 0)
          {
            g_task_return_error (task, error);
            return;
          }
      }
      break;
    case JOB_POST:
      {
        g_autofree char *id = NULL;

        job->posting.stay_id = job->stay_id;
        job->posting.category = job->category;
        job->posting.method = job->method;
        job->posting.description = job->description;
        id = td_folio_post (job->db, actor, &job->posting, NULL, &error);
        if (id == NULL)
          {
            g_task_return_error (task, error);
            return;
          }
      }
      break;
    case JOB_CHECK_OUT:
      {
        TdCheckOutOverride override = { job->manager, job->reason };
        g_autoptr(TdStay) stay = td_stay_check_out (job->db, actor, job->stay_id, job->manager ? &override : NULL,
                                                    NULL, &error);

        if (stay == NULL)
          {
            g_task_return_error (task, error);
            return;
          }
      }
      break;
    case JOB_PRINT:
      {
        TdDocument *doc;

        if (g_str_equal (job->document, "receipt"))
          doc = td_receipt_document_new (job->db, job->stay_id, 0, &error);
        else if (g_str_equal (job->document, "card"))
          doc = td_registration_card_document_new (job->db, job->stay_id, &error);
        else
          doc = td_folio_document_new (job->db, job->stay_id, 0, &error);
        if (doc == NULL)
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, doc, g_object_unref);
        return;
      }
    default:
      g_assert_not_reached ();
    }

  /* every job but printing ends with the account as it now is */
  {
    TdStayAccount *account = td_stay_account_get (job->db, job->stay_id, &error);

    if (account == NULL)
      g_task_return_error (task, error);
    else
      g_task_return_pointer (task, account, (GDestroyNotify) td_stay_account_free);
  }
}

static void
job_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  TdFolioDialog *self = TD_FOLIO_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (!end (self, error))
    return;
  if (value == NULL)
    {
      show_problem (self, error->message);
      if (job->kind == JOB_CHECK_OUT && g_error_matches (error, TD_FOLIO_ERROR, TD_FOLIO_ERROR_OPEN_BALANCE))
        show_override (self, TRUE);
      return;
    }
  if (job->kind == JOB_PRINT)
    {
      g_autoptr(TdDocument) doc = value;

      td_print_document (GTK_WINDOW (self), doc);
      return;
    }
  show_problem (self, NULL);
  g_clear_pointer (&self->account, td_stay_account_free);
  self->account = value;
  show_account (self);
  if (job->kind == JOB_POST)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->description_row), "");
    }
  else if (job->kind == JOB_CHECK_OUT)
    {
      g_autofree char *message = NULL;

      show_override (self, FALSE);
      message = g_strdup_printf (_("%s checked out of room %s"), self->account->stay->guest_name,
                                 self->account->stay->room_number);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, message);
    }
}

static Job *
job_new (TdFolioDialog *self,
         JobKind        kind)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->db = g_object_ref (self->database);
  job->stay_id = g_strdup (self->stay_id);
  return job;
}

static void
run (TdFolioDialog *self,
     Job           *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, job_cb, NULL);

  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  begin (self);
  g_task_run_in_thread (task, job_thread);
}

static void
load (TdFolioDialog *self)
{
  run (self, job_new (self, JOB_LOAD));
}

/* ------------------------------------------------------------------ */
/* the form                                                           */

static void
fill_kinds (TdFolioDialog *self)
{
  guint type = adw_combo_row_get_selected (self->type_row);
  gboolean charge = type == 0 || type == GTK_INVALID_LIST_POSITION;
  const char * const *names = charge ? td_folio_categories () : td_payment_methods ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; names[i]; i++)
    {
      /* room nights come from the stay's prices */
      if (charge && g_str_equal (names[i], "room"))
        continue;
      gtk_string_list_append (list, charge ? td_folio_category_get_title (names[i])
                                           : td_payment_method_get_title (names[i]));
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (list));
}

/* the category or method of the kind row's selection */
static const char *
selected_kind (TdFolioDialog *self)
{
  guint type = adw_combo_row_get_selected (self->type_row);
  gboolean charge = type == 0;
  const char * const *names = charge ? td_folio_categories () : td_payment_methods ();
  guint selected = adw_combo_row_get_selected (self->kind_row);
  guint n = 0;

  for (guint i = 0; names[i]; i++)
    {
      if (charge && g_str_equal (names[i], "room"))
        continue;
      if (n++ == selected)
        return names[i];
    }
  return NULL;
}

static void
post_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdFolioDialog *self = TD_FOLIO_DIALOG (widget);
  guint type = adw_combo_row_get_selected (self->type_row);
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  g_autoptr(GError) error = NULL;
  Job *job;

  if (self->account == NULL || type >= G_N_ELEMENTS (postable))
    return;
  job = job_new (self, JOB_POST);
  job->posting.type = postable[type];
  if (!td_money_parse (amount, self->account->stay->total.currency, &job->posting.amount, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Amount: %s"), error->message);

      job_free (job);
      show_problem (self, message);
      return;
    }
  if (postable[type] == TD_FOLIO_ENTRY_CHARGE)
    {
      job->category = g_strdup (selected_kind (self));
      job->description = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
    }
  else
    {
      job->method = g_strdup (selected_kind (self));
      job->posting.reference = NULL;
      job->description = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
    }
  run (self, job);
}

void
td_folio_dialog_post (TdFolioDialog    *self,
                      TdFolioEntryType  type,
                      const char       *kind,
                      const char       *amount,
                      const char       *description)
{
  const char * const *names;
  guint n = 0;

  g_return_if_fail (TD_IS_FOLIO_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (postable); i++)
    if (postable[i] == type)
      adw_combo_row_set_selected (self->type_row, i);
  names = type == TD_FOLIO_ENTRY_CHARGE ? td_folio_categories () : td_payment_methods ();
  for (guint i = 0; names[i]; i++)
    {
      if (type == TD_FOLIO_ENTRY_CHARGE && g_str_equal (names[i], "room"))
        continue;
      if (g_strcmp0 (names[i], kind) == 0)
        adw_combo_row_set_selected (self->kind_row, n);
      n++;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), description ? description : "");
  gtk_widget_activate_action (GTK_WIDGET (self), "folio.post", NULL);
}

/* ------------------------------------------------------------------ */
/* check-out and printing                                             */

static void
check_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdFolioDialog *self = TD_FOLIO_DIALOG (widget);
  Job *job = job_new (self, JOB_CHECK_OUT);

  if (g_str_equal (action_name, "folio.check-out-override"))
    {
      job->manager = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->manager_row))));
      job->reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
      if (*job->manager == '\0' || *job->reason == '\0')
        {
          job_free (job);
          show_problem (self, _("The override needs the manager’s name and a reason"));
          return;
        }
    }
  run (self, job);
}

void
td_folio_dialog_check_out (TdFolioDialog *self,
                           const char    *manager,
                           const char    *reason)
{
  g_return_if_fail (TD_IS_FOLIO_DIALOG (self));

  if (manager)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->manager_row), manager);
      gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason ? reason : "");
      gtk_widget_activate_action (GTK_WIDGET (self), "folio.check-out-override", NULL);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "folio.check-out", NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TdFolioDialog *self = TD_FOLIO_DIALOG (widget);
  Job *job = job_new (self, JOB_PRINT);

  job->document = g_variant_dup_string (parameter, NULL);
  run (self, job);
}

gboolean
td_folio_dialog_get_busy (TdFolioDialog *self)
{
  g_return_val_if_fail (TD_IS_FOLIO_DIALOG (self), FALSE);
  return self->pending > 0;
}

const TdStayAccount *
td_folio_dialog_get_account (TdFolioDialog *self)
{
  g_return_val_if_fail (TD_IS_FOLIO_DIALOG (self), NULL);
  return self->account;
}

const char *
td_folio_dialog_get_problem (TdFolioDialog *self)
{
  g_return_val_if_fail (TD_IS_FOLIO_DIALOG (self), NULL);
  return self->problem;
}

gboolean
td_folio_dialog_get_override_shown (TdFolioDialog *self)
{
  g_return_val_if_fail (TD_IS_FOLIO_DIALOG (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->override_group));
}

/* ------------------------------------------------------------------ */

static void
td_folio_dialog_dispose (GObject *object)
{
  TdFolioDialog *self = TD_FOLIO_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_FOLIO_DIALOG);
  G_OBJECT_CLASS (td_folio_dialog_parent_class)->dispose (object);
}

static void
td_folio_dialog_finalize (GObject *object)
{
  TdFolioDialog *self = TD_FOLIO_DIALOG (object);

  g_clear_object (&self->database);
  g_free (self->stay_id);
  g_clear_pointer (&self->account, td_stay_account_free);
  g_free (self->problem);
  G_OBJECT_CLASS (td_folio_dialog_parent_class)->finalize (object);
}

static void
td_folio_dialog_class_init (TdFolioDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_folio_dialog_dispose;
  object_class->finalize = td_folio_dialog_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-folio-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, guest_label);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, stay_label);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, entries_list);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, unposted_label);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, balance_label);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, override_group);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, manager_row);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, override_button);
  gtk_widget_class_bind_template_child (widget_class, TdFolioDialog, spinner);
  gtk_widget_class_install_action (widget_class, "folio.post", NULL, post_action);
  gtk_widget_class_install_action (widget_class, "folio.check-out", NULL, check_out_action);
  gtk_widget_class_install_action (widget_class, "folio.check-out-override", NULL, check_out_action);
  gtk_widget_class_install_action (widget_class, "folio.print", "s", print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_folio_dialog_init (TdFolioDialog *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (postable); i++)
    gtk_string_list_append (types, td_folio_entry_type_get_title (postable[i]));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  g_signal_connect_swapped (self->type_row, "notify::selected", G_CALLBACK (fill_kinds), self);
  fill_kinds (self);
  update_actions (self);
}

TdFolioDialog *
td_folio_dialog_new (TdDatabase *database,
                     const char *stay_id)
{
  TdFolioDialog *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (stay_id != NULL, NULL);

  self = g_object_new (TD_TYPE_FOLIO_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->stay_id = g_strdup (stay_id);
  load (self);
  return self;
}
