/* td-conflict-dialog.c: one change in conflict, both versions side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-conflict-dialog.h"
#include "td-sync-inbox.h"

struct _TdConflictDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkWidget       *apply_button;
  GtkSpinner      *spinner;
  AdwToastOverlay *toasts;
  GtkLabel        *explanation;
  GtkGrid         *grid;

  TdDatabase      *database;
  JsonObject      *entry;
  GHashTable      *platform_buttons;  /* field → GtkCheckButton of the platform's value */
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (TdConflictDialog, td_conflict_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *field;
  const char *title;
} customer_fields[] = {
  { "name", N_("Name") },
  { "family_name", N_("Family name") },
  { "given_name", N_("Given name") },
  { "party", N_("Person or organisation") },
  { "gender", N_("Gender") },
  { "birth_date", N_("Date of birth") },
  { "nationality", N_("Nationality") },
  { "phone", N_("Phone") },
  { "email", N_("E-mail") },
  { "id_type", N_("Identity document") },
  { "id_number", N_("Document number") },
  { "id_country", N_("Issuing country") },
  { "id_expiry", N_("Document expiry") },
  { "province", N_("Province") },
  { "city", N_("City") },
  { "district", N_("District") },
  { "language", N_("Language") },
  { "source", N_("Source") },
  { "notes", N_("Notes") },
  { "loyalty_points", N_("Loyalty points") },
  { "tags", N_("Tags") },
  { "other_phones", N_("Other phones") },
  { "other_emails", N_("Other e-mails") },
};

const char *
td_conflict_field_title (const char *kind,
                         const char *field)
{
  if (g_strcmp0 (kind, "customer") == 0)
    for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
      if (g_str_equal (customer_fields[i].field, field))
        return _(customer_fields[i].title);
  return field;
}

/* a value as a clerk reads it */
static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      return g_strdup (*text ? text : _("(empty)"));
    }
  return json_to_string (node, FALSE);
}

static GtkWidget *
value_button (JsonNode  *node,
              GtkWidget *group)
{
  g_autofree char *text = value_text (node);
  GtkWidget *button = gtk_check_button_new_with_label (text);
  GtkWidget *label = gtk_check_button_get_child (GTK_CHECK_BUTTON (button));

  if (GTK_IS_LABEL (label))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
    }
  if (group)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button), GTK_CHECK_BUTTON (group));
  return button;
}

static void
fill (TdConflictDialog *self,
      const char       *record_title)
{
  const char *kind = json_object_get_string_member (self->entry, "kind");
  JsonArray *fields = json_object_get_array_member (self->entry, "fields");
  g_autofree char *explanation = NULL;

  /* TRANSLATORS: %s: the record, such as a customer's name */
  explanation = g_strdup_printf (_("“%s” was changed on this desk and on another desk at the same time. "
                                   "For each detail, choose the value to keep; it is then sent to the platform "
                                   "and reaches every desk."), record_title);
  gtk_label_set_label (self->explanation, explanation);

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      const char *name = json_object_get_string_member (field, "field");
      GtkWidget *title = gtk_label_new (td_conflict_field_title (kind, name));
      GtkWidget *desk = value_button (json_object_get_member (field, "desk"), NULL);
      GtkWidget *platform = value_button (json_object_get_member (field, "server"), desk);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_valign (title, GTK_ALIGN_START);
      gtk_widget_add_css_class (title, "dim-label");
      /* the platform's is the default: it is what every other desk has */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (platform), TRUE);
      gtk_grid_attach (self->grid, title, 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->grid, desk, 1, (int) i + 1, 1, 1);
      gtk_grid_attach (self->grid, platform, 2, (int) i + 1, 1, 1);
      g_hash_table_insert (self->platform_buttons, g_strdup (name), platform);
    }
}

gboolean
td_conflict_dialog_choose (TdConflictDialog *self,
                           const char       *field,
                           gboolean          platform)
{
  GtkCheckButton *button;
  GtkCheckButton *other;

  g_return_val_if_fail (TD_IS_CONFLICT_DIALOG (self), FALSE);

  button = g_hash_table_lookup (self->platform_buttons, field);
  if (button == NULL)
    return FALSE;
  if (platform)
    gtk_check_button_set_active (button, TRUE);
  else
    {
      /* the desk's is the sibling on the left */
      other = GTK_CHECK_BUTTON (gtk_widget_get_prev_sibling (GTK_WIDGET (button)));
      gtk_check_button_set_active (other, TRUE);
    }
  return TRUE;
}

typedef struct {
  char       *op_id;
  JsonObject *choices;
} Resolve;

static void
resolve_free (Resolve *resolve)
{
  g_free (resolve->op_id);
  json_object_unref (resolve->choices);
  g_free (resolve);
}

static void
resolve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TdDatabase *database = source_object;
  Resolve *resolve = task_data;
  GError *error = NULL;

  if (td_sync_inbox_resolve (database, resolve->op_id, resolve->choices, g_get_user_name (), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
resolve_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdConflictDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_spinner_stop (self->spinner);
  gtk_widget_set_sensitive (self->apply_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[SIGNAL_RESOLVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
td_conflict_dialog_apply (TdConflictDialog *self)
{
  g_autoptr(GTask) task = NULL;
  JsonArray *fields = json_object_get_array_member (self->entry, "fields");
  Resolve *resolve = g_new0 (Resolve, 1);

  g_return_if_fail (TD_IS_CONFLICT_DIALOG (self));

  resolve->op_id = g_strdup (json_object_get_string_member (self->entry, "op_id"));
  resolve->choices = json_object_new ();
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      const char *name = json_object_get_string_member (field, "field");
      GtkCheckButton *platform = g_hash_table_lookup (self->platform_buttons, name);
      JsonNode *kept = json_object_get_member (field, gtk_check_button_get_active (platform) ? "server" : "desk");

      json_object_set_member (resolve->choices, name, json_node_copy (kept));
    }
  gtk_widget_set_sensitive (self->apply_button, FALSE);
  gtk_spinner_start (self->spinner);
  task = g_task_new (self->database, self->cancellable, resolve_done, g_object_ref (self));
  g_task_set_source_tag (task, td_conflict_dialog_apply);
  g_task_set_task_data (task, resolve, (GDestroyNotify) resolve_free);
  g_task_run_in_thread (task, resolve_thread);
}

static void
apply_cb (TdConflictDialog *self)
{
  td_conflict_dialog_apply (self);
}

static void
td_conflict_dialog_dispose (GObject *object)
{
  TdConflictDialog *self = TD_CONFLICT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CONFLICT_DIALOG);
  G_OBJECT_CLASS (td_conflict_dialog_parent_class)->dispose (object);
}

static void
td_conflict_dialog_finalize (GObject *object)
{
  TdConflictDialog *self = TD_CONFLICT_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->entry, json_object_unref);
  g_clear_pointer (&self->platform_buttons, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (td_conflict_dialog_parent_class)->finalize (object);
}

static void
td_conflict_dialog_class_init (TdConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_conflict_dialog_dispose;
  object_class->finalize = td_conflict_dialog_finalize;

  /**
   * TdConflictDialog::resolved:
   *
   * The choice is committed; the dialog closes.
   */
  signals[SIGNAL_RESOLVED] =
    g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdConflictDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, TdConflictDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdConflictDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, TdConflictDialog, explanation);
  gtk_widget_class_bind_template_child (widget_class, TdConflictDialog, grid);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_conflict_dialog_init (TdConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->platform_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
td_conflict_dialog_new (GtkWindow   *parent,
                        TdDatabase  *database,
                        JsonObject  *entry,
                        const char  *record_title)
{
  TdConflictDialog *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (TD_TYPE_CONFLICT_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->entry = json_object_ref (entry);
  fill (self, record_title);
  return GTK_WIDGET (self);
}
