/* td-duplicates-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer-merge-dialog.h"
#include "td-duplicates-dialog.h"
#include "td-utils.h"

/* One pair as listed. */
typedef struct {
  char              *ids[2];
  char              *names[2];
  char              *shared;    /* the value they share, for people; NULL when not shown */
  TdDuplicateReason  reason;
} Pair;

static void
pair_free (Pair *pair)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (pair->ids[i]);
      g_free (pair->names[i]);
    }
  g_free (pair->shared);
  g_free (pair);
}

struct _TdDuplicatesDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkWidget       *refresh_button;
  GtkStack        *stack;
  GtkSpinner      *loading_spinner;
  AdwStatusPage   *error_page;
  GtkLabel        *intro_label;
  GtkListBox      *list;
  GtkLabel        *more_label;

  TdDatabase      *database;
  GPtrArray       *pairs;         /* Pair, as the rows */
  GCancellable    *cancellable;
  int              focus_index;   /* the row to focus once read again; -1: none */
  guint            loading : 1;
};

G_DEFINE_FINAL_TYPE (TdDuplicatesDialog, td_duplicates_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* reading the pairs                                                  */

static const char *
text_member (JsonObject *values,
             const char *field)
{
  const char *text = json_object_get_string_member_with_default (values, field, NULL);

  return text != NULL && text[0] != '\0' ? text : NULL;
}

static gboolean
is_live (JsonObject *record)
{
  return record != NULL && !json_object_get_boolean_member_with_default (record, "deleted", FALSE);
}

/* The phones (or e-mails) of a customer, main and others, case folded. */
static GPtrArray *
contact_values (JsonObject *record,
                const char *main_field,
                const char *others_field)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) others = g_strsplit (text_member (record, others_field) ?: "", ",", -1);

  if (text_member (record, main_field) != NULL)
    g_ptr_array_add (values, g_utf8_casefold (text_member (record, main_field), -1));
  for (guint i = 0; others[i] != NULL; i++)
    {
      g_strstrip (others[i]);
      if (others[i][0] != '\0')
        g_ptr_array_add (values, g_utf8_casefold (others[i], -1));
    }
  return values;
}

/* The first of a's phones (or e-mails) that b has too. */
static char *
shared_contact (JsonObject *a,
                JsonObject *b,
                const char *main_field,
                const char *others_field)
{
  g_autoptr(GPtrArray) a_values = contact_values (a, main_field, others_field);
  g_autoptr(GPtrArray) b_values = contact_values (b, main_field, others_field);

  for (guint i = 0; i < a_values->len; i++)
    if (g_ptr_array_find_with_equal_func (b_values, a_values->pdata[i], g_str_equal, NULL))
      return g_strdup (a_values->pdata[i]);
  return NULL;
}

/* What the two share, as the clerk may see it: identity numbers masked. */
static char *
shared_value (JsonObject        *a,
              JsonObject        *b,
              TdDuplicateReason  reason)
{
  switch (reason)
    {
    case TD_DUPLICATE_ID_NUMBER:
      if (g_strcmp0 (text_member (a, "id_number"), text_member (b, "id_number")) == 0)
        return td_id_number_mask (text_member (a, "id_number"));
      /* a number of their documents: not worth reading them all here */
      return NULL;
    case TD_DUPLICATE_PHONE:
      return shared_contact (a, b, "phone", "other_phones");
    case TD_DUPLICATE_EMAIL:
      return shared_contact (a, b, "email", "other_emails");
    case TD_DUPLICATE_NAME_BIRTH:
      return g_strdup (text_member (a, "birth_date"));
    default:
      return NULL;
    }
}

typedef struct {
  GPtrArray *pairs;
  gboolean   more;    /* there are more than those */
} Found;

static void
found_free (Found *found)
{
  g_clear_pointer (&found->pairs, g_ptr_array_unref);
  g_free (found);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Found, found_free)

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TdDatabase *database = task_data;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(Found) found = g_new0 (Found, 1);
  GError *error = NULL;

  /* one more than shown: whether there are more */
  pairs = td_customer_list_duplicate_pairs (database, TD_DUPLICATES_DIALOG_LIMIT + 1, &error);
  if (pairs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  found->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);
  found->more = pairs->len > TD_DUPLICATES_DIALOG_LIMIT;
  for (guint i = 0; i < MIN (pairs->len, TD_DUPLICATES_DIALOG_LIMIT); i++)
    {
      TdDuplicatePair *duplicate = g_ptr_array_index (pairs, i);
      g_autoptr(JsonObject) first = NULL;
      g_autoptr(JsonObject) second = NULL;
      Pair *pair;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }

      first = td_database_get_record (database, "customer", duplicate->first_id, NULL);
      second = td_database_get_record (database, "customer", duplicate->second_id, NULL);
      /* merged since the list was read */
      if (!is_live (first) || !is_live (second))
        continue;

      pair = g_new0 (Pair, 1);
      pair->ids[0] = g_strdup (duplicate->first_id);
      pair->ids[1] = g_strdup (duplicate->second_id);
      pair->names[0] = g_strdup (text_member (first, "name"));
      pair->names[1] = g_strdup (text_member (second, "name"));
      pair->reason = duplicate->reason;
      pair->shared = shared_value (first, second, duplicate->reason);
      g_ptr_array_add (found->pairs, pair);
    }

  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) found_free);
}

static GtkWidget *
pair_row (Pair *pair)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (g_strcmp0 (pair->names[0], pair->names[1]) == 0)
    /* Translators: two customer records of the same name: "张伟 (two records)" */
    title = g_strdup_printf (_("%s (two records)"), pair->names[0]);
  else
    /* Translators: two customer records that look like one person: "张伟 and 张伟伟" */
    title = g_strdup_printf (_("%s and %s"), pair->names[0], pair->names[1]);

  if (pair->shared != NULL)
    /* Translators: why two customers look like one, and what they share: "Same phone number: 13800138000" */
    subtitle = g_strdup_printf (_("%s: %s"), td_duplicate_reason_to_string (pair->reason), pair->shared);
  else
    subtitle = g_strdup (td_duplicate_reason_to_string (pair->reason));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Compare and merge these two records"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_visible (arrow, TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  return row;
}

static void
set_loading (TdDuplicatesDialog *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  gtk_widget_set_sensitive (self->refresh_button, !loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_pairs (TdDuplicatesDialog *self,
            Found              *found)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  self->pairs = g_steal_pointer (&found->pairs);
  n = self->pairs->len;

  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->list, pair_row (g_ptr_array_index (self->pairs, i)));

  if (n == 0)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  {
    g_autofree char *count = td_format_count (n);
    g_autofree char *subtitle = NULL;
    g_autofree char *intro = NULL;

    /* Translators: in the title bar: "12 pairs" of customers that look alike */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s pair", "%s pairs", n), count);
    adw_window_title_set_subtitle (self->window_title, subtitle);
    if (n == 1)
      intro = g_strdup (_("These two records look like the same customer. Open the pair to compare them and merge them into one."));
    else
      intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Each of these %s pairs of records looks like the same customer. Open a pair to compare them and merge them into one.",
                                            "Each of these %s pairs of records looks like the same customer. Open a pair to compare them and merge them into one.",
                                            n), count);
    gtk_label_set_text (self->intro_label, intro);
  }

  if (found->more)
    {
      g_autofree char *limit = td_format_count (TD_DUPLICATES_DIALOG_LIMIT);
      g_autofree char *more = g_strdup_printf (_("There are more: the first %s are shown. Merge some, then look again."),
                                               limit);

      gtk_label_set_text (self->more_label, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), found->more);
  gtk_stack_set_visible_child_name (self->stack, "pairs");

  if (self->focus_index >= 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, MIN ((guint) self->focus_index, n - 1));

      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  self->focus_index = -1;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdDuplicatesDialog) self = td_weak_ref_steal (user_data);
  g_autoptr(Found) found = NULL;
  g_autoptr(GError) error = NULL;

  found = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);

  if (found == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  show_pairs (self, found);
}

void
td_duplicates_dialog_reload (TdDuplicatesDialog *self)
{
  g_return_if_fail (TD_IS_DUPLICATES_DIALOG (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_loading (self, TRUE);
  /* a list shown stays while it is read again */
  if (self->pairs == NULL || self->pairs->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  td_run_in_thread (NULL, self->cancellable, td_duplicates_dialog_reload,
                    g_object_ref (self->database), g_object_unref,
                    load_thread, load_cb, td_weak_ref_new (self));
}

/* ------------------------------------------------------------------ */
/* merging a pair                                                     */

static void
merged_cb (TdDuplicatesDialog    *self,
           const char            *kept_id,
           TdCustomerMergeDialog *dialog)
{
  g_autoptr(JsonObject) kept = td_database_get_record (self->database, "customer", kept_id, NULL);
  AdwToast *toast;

  if (kept != NULL && text_member (kept, "name") != NULL)
    /* Translators: after merging two records of a customer */
    toast = adw_toast_new_format (_("Merged into one record: %s"), text_member (kept, "name"));
  else
    toast = adw_toast_new (_("Merged into one record"));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  g_signal_emit (self, signals[MERGED], 0, kept_id);
  td_duplicates_dialog_reload (self);
}

static void
row_activated_cb (TdDuplicatesDialog *self,
                  GtkListBoxRow      *row)
{
  int index = gtk_list_box_row_get_index (row);
  GtkWidget *dialog;
  Pair *pair;

  if (self->pairs == NULL || index < 0 || (guint) index >= self->pairs->len)
    return;

  pair = g_ptr_array_index (self->pairs, index);
  self->focus_index = index;
  dialog = td_customer_merge_dialog_new (GTK_WINDOW (self), self->database, pair->ids[0], pair->ids[1]);
  g_signal_connect_object (dialog, "merged", G_CALLBACK (merged_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_clicked_cb (TdDuplicatesDialog *self)
{
  td_duplicates_dialog_reload (self);
}

/* ------------------------------------------------------------------ */
/* public API                                                         */

gboolean
td_duplicates_dialog_get_busy (TdDuplicatesDialog *self)
{
  g_return_val_if_fail (TD_IS_DUPLICATES_DIALOG (self), FALSE);

  return self->loading;
}

guint
td_duplicates_dialog_get_n_pairs (TdDuplicatesDialog *self)
{
  g_return_val_if_fail (TD_IS_DUPLICATES_DIALOG (self), 0);

  return self->pairs != NULL ? self->pairs->len : 0;
}

GtkWidget *
td_duplicates_dialog_new (GtkWindow  *parent,
                          TdDatabase *database)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  return g_object_new (TD_TYPE_DUPLICATES_DIALOG,
                       "transient-for", parent,
                       "database", database,
                       NULL);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_duplicates_dialog_constructed (GObject *object)
{
  TdDuplicatesDialog *self = TD_DUPLICATES_DIALOG (object);

  G_OBJECT_CLASS (td_duplicates_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->database != NULL);
  td_duplicates_dialog_reload (self);
}

static void
td_duplicates_dialog_dispose (GObject *object)
{
  TdDuplicatesDialog *self = TD_DUPLICATES_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_DUPLICATES_DIALOG);

  G_OBJECT_CLASS (td_duplicates_dialog_parent_class)->dispose (object);
}

static void
td_duplicates_dialog_finalize (GObject *object)
{
  TdDuplicatesDialog *self = TD_DUPLICATES_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pairs, g_ptr_array_unref);

  G_OBJECT_CLASS (td_duplicates_dialog_parent_class)->finalize (object);
}

static void
td_duplicates_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TdDuplicatesDialog *self = TD_DUPLICATES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_duplicates_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TdDuplicatesDialog *self = TD_DUPLICATES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_duplicates_dialog_class_init (TdDuplicatesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_duplicates_dialog_constructed;
  object_class->dispose = td_duplicates_dialog_dispose;
  object_class->finalize = td_duplicates_dialog_finalize;
  object_class->get_property = td_duplicates_dialog_get_property;
  object_class->set_property = td_duplicates_dialog_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, TD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MERGED] =
    g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-duplicates-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdDuplicatesDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdDuplicatesDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdDuplicatesDialog, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, TdDuplicatesDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TdDuplicatesDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdDuplicatesDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdDuplicatesDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TdDuplicatesDialog, list);
  gtk_widget_class_bind_template_child (widget_class, TdDuplicatesDialog, more_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked_cb);
}

static void
td_duplicates_dialog_init (TdDuplicatesDialog *self)
{
  self->focus_index = -1;
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
