/* td-customer-merge-dialog.c: two customers side by side, merged into one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer-duplicates.h"
#include "td-customer-merge-dialog-private.h"
#include "td-utils.h"

/* Every customer field but merged_into, which the merge sets. */
static const RowInfo row_infos[] = {
  { "name", NULL, ROW_UNIT, { "name", "family_name", "given_name" } },
  { "party", NULL, ROW_UNIT, { "party" } },
  { "phones", N_("Phones"), ROW_CONTACT, { "phone", "other_phones" } },
  { "emails", N_("E-mail addresses"), ROW_CONTACT, { "email", "other_emails" } },
  { "identity", NULL, ROW_UNIT, { "id_number", "id_type", "id_country", "id_expiry" } },
  { "birth_date", NULL, ROW_UNIT, { "birth_date" } },
  { "gender", NULL, ROW_UNIT, { "gender" } },
  { "nationality", NULL, ROW_UNIT, { "nationality" } },
  { "address", N_("Address"), ROW_UNIT, { "province", "city", "district" } },
  { "language", NULL, ROW_UNIT, { "language" } },
  { "source", NULL, ROW_UNIT, { "source" } },
  { "tags", NULL, ROW_UNION, { "tags" } },
  { "loyalty_points", NULL, ROW_SUM, { "loyalty_points" } },
  { "consent_email", NULL, ROW_CONSENT, { "consent_email", "consent_email_at", "consent_email_how" } },
  { "consent_sms", NULL, ROW_CONSENT, { "consent_sms", "consent_sms_at", "consent_sms_how" } },
  { "consent_phone", NULL, ROW_CONSENT, { "consent_phone", "consent_phone_at", "consent_phone_how" } },
  { "notes", NULL, ROW_TEXT, { "notes" } },
};

static const char *
row_title (const RowInfo *info)
{
  return info->title != NULL ? _(info->title) : td_customer_field_title (info->fields[0]);
}

static void
record_free (Record *record)
{
  g_clear_pointer (&record->values, json_object_unref);
  g_free (record->added);
  g_free (record->changed);
  g_free (record);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Record, record_free)

static void
merge_row_free (MergeRow *row)
{
  g_free (row->signature[0]);
  g_free (row->signature[1]);
  g_free (row);
}

static void
kept_choice_free (KeptChoice *kept)
{
  g_free (kept->signature[0]);
  g_free (kept->signature[1]);
  g_free (kept);
}

G_DEFINE_FINAL_TYPE (TdCustomerMergeDialog, td_customer_merge_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_FIRST_ID,
  PROP_SECOND_ID,
  PROP_KEPT_ID,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void td_customer_merge_dialog_load (TdCustomerMergeDialog *self);

/* ------------------------------------------------------------------ */
/* showing it                                                         */

static void
update_summary (TdCustomerMergeDialog *self)
{
  Record *other = self->records[OTHER_SIDE (self->kept)];
  g_autofree char *documents = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) chosen = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) problem_text = g_string_new (NULL);

  if (other->n_documents > 0)
    {
      g_autofree char *count = td_format_count (other->n_documents);

      documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s identity document", "%s identity documents",
                                                (gulong) other->n_documents), count);
    }
  if (other->n_notes > 0)
    {
      g_autofree char *count = td_format_count (other->n_notes);

      notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s note", "%s notes",
                                            (gulong) other->n_notes), count);
    }

  if (documents != NULL && notes != NULL)
    /* Translators: "2 identity documents and 1 note of the record removed…" */
    moved = g_strdup_printf (_("%s and %s of the record removed will move to the one kept."), documents, notes);
  else if (documents != NULL || notes != NULL)
    /* Translators: "2 identity documents of the record removed…", or "1 note of…" */
    moved = g_strdup_printf (_("%s of the record removed will move to the one kept."),
                             documents != NULL ? documents : notes);
  else
    moved = g_strdup (_("The record removed has no identity documents or notes to move."));
  text = g_strconcat (moved, "\n",
                      _("A note on the record kept will say what was merged and list the values not kept."),
                      NULL);
  gtk_label_set_text (self->summary_label, text);

  /* Would the workspace take the values chosen? Say what is wrong or odd
   * before the clerk merges. */
  chosen = _td_merge_build_chosen (self);
  result = _td_merge_build_result (self, chosen);
  problems = td_customer_check (result);
  for (guint i = 0; i < problems->len; i++)
    {
      TdFieldProblem *problem = g_ptr_array_index (problems, i);

      if (problem_text->len > 0)
        g_string_append_c (problem_text, '\n');
      /* Translators: a problem with a value chosen: "Birth date: …" */
      g_string_append_printf (problem_text, _("%s: %s"), td_customer_field_title (problem->field), problem->message);
    }
  self->blocked = td_field_problems_have_error (problems);
  gtk_label_set_text (self->problem_label, problem_text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem_text->len > 0);
  if (self->blocked)
    gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "error");

  gtk_widget_set_sensitive (self->merge_button, self->loaded && !self->merging && !self->blocked);
}

static void
update_keep_states (TdCustomerMergeDialog *self)
{
  for (Side side = SIDE_LEFT; side <= SIDE_RIGHT; side++)
    {
      GtkWidget *state = self->keep_states[side];
      gboolean kept = side == self->kept;

      gtk_label_set_text (GTK_LABEL (state), kept ? _("Kept") : _("Will be removed"));
      if (kept)
        {
          gtk_widget_add_css_class (state, "success");
          gtk_widget_remove_css_class (state, "dim-label");
        }
      else
        {
          gtk_widget_add_css_class (state, "dim-label");
          gtk_widget_remove_css_class (state, "success");
        }
    }
}

static void
show_choices (TdCustomerMergeDialog *self)
{
  self->filling = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->keep_buttons[self->kept]), TRUE);
  for (guint i = 0; i < self->rows->len; i++)
    {
      MergeRow *row = g_ptr_array_index (self->rows, i);

      if (row->differ && row->buttons[row->choice] != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (row->buttons[row->choice]), TRUE);
    }
  self->filling = FALSE;

  update_keep_states (self);
  update_summary (self);
}

static void
set_kept (TdCustomerMergeDialog *self,
          Side                   kept)
{
  if (self->kept == kept)
    return;

  self->kept = kept;
  /* the rows the clerk left alone follow the record kept */
  for (guint i = 0; i < self->rows->len; i++)
    {
      MergeRow *row = g_ptr_array_index (self->rows, i);

      if (row->differ && !row->touched)
        row->choice = _td_merge_default_choice (self, row);
    }
  show_choices (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEPT_ID]);
}

static void
keep_toggled_cb (GtkCheckButton        *button,
                 TdCustomerMergeDialog *self)
{
  if (self->filling || !gtk_check_button_get_active (button))
    return;

  set_kept (self, GTK_WIDGET (button) == self->keep_buttons[SIDE_LEFT] ? SIDE_LEFT : SIDE_RIGHT);
}

static void
choice_toggled_cb (GtkCheckButton        *button,
                   TdCustomerMergeDialog *self)
{
  MergeRow *row = g_object_get_data (G_OBJECT (button), "td-merge-row");
  Side side = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "td-merge-side"));

  if (self->filling || !gtk_check_button_get_active (button))
    return;

  row->choice = side;
  row->touched = TRUE;
  update_summary (self);
}

/* A label aligned left that wraps to the width it is given, whatever the
 * language, with the style classes up to NULL; appended to box if any. */
static GtkWidget *
wrapping_label (GtkWidget  *box,
                const char *text,
                const char *first_class,
                ...)
{
  GtkWidget *label = gtk_label_new (text);
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  va_start (args, first_class);
  for (const char *name = first_class; name != NULL; name = va_arg (args, const char *))
    gtk_widget_add_css_class (label, name);
  va_end (args);
  if (box != NULL)
    gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
value_labels (const char *primary,
              const char *secondary,
              gboolean    empty,
              gboolean    long_text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = wrapping_label (box, primary, empty ? "dim-label" : NULL, NULL);

  gtk_widget_set_hexpand (label, TRUE);
  if (long_text)
    {
      gtk_label_set_lines (GTK_LABEL (label), 4);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (box, primary);
    }
  if (secondary != NULL)
    wrapping_label (box, secondary, "caption", "dim-label", NULL);
  return box;
}

/* Makes buttons (left, right, both) one group of radio buttons, in that
 * order for the arrow keys (a button joins the group before the one given). */
static void
group_buttons (GtkWidget **buttons,
               guint       n)
{
  for (guint i = n - 1; i > 0; i--)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (buttons[i - 1]), GTK_CHECK_BUTTON (buttons[i]));
}

/* A line under the values of a row, saying what becomes of them. */
static void
add_note (GtkWidget  *values,
          const char *text)
{
  wrapping_label (values, text, "caption", "dim-label", NULL);
}

static GtkWidget *
choice_button (TdCustomerMergeDialog *self,
               MergeRow              *row,
               Side                   side,
               GtkWidget             *child,
               const char            *accessible_label)
{
  GtkWidget *button = gtk_check_button_new ();
  g_autofree char *name = g_strdup_printf ("%s-%s", row->info->key,
                                           side == SIDE_LEFT ? "left" : side == SIDE_RIGHT ? "right" : "both");

  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), child);
  gtk_widget_set_name (button, name);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_add_css_class (button, "td-merge-choice");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  g_object_set_data (G_OBJECT (button), "td-merge-row", row);
  g_object_set_data (G_OBJECT (button), "td-merge-side", GINT_TO_POINTER (side));
  g_signal_connect (button, "toggled", G_CALLBACK (choice_toggled_cb), self);
  row->buttons[side] = button;
  return button;
}

static GtkWidget *
table_row (TdCustomerMergeDialog *self,
           const char            *title,
           GtkWidget            **values)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = wrapping_label (box, title, "td-merge-title", NULL);

  gtk_widget_add_css_class (box, "td-merge-row");
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  /* one width on every row, so that the values line up */
  gtk_widget_set_size_request (label, 130, -1);

  /* the choices of the row, named by its title */
  *values = g_object_new (GTK_TYPE_BOX,
                          "orientation", GTK_ORIENTATION_VERTICAL,
                          "spacing", 6,
                          "hexpand", TRUE,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                          NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (*values), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), *values);
  gtk_box_append (GTK_BOX (self->table), box);
  return label;
}

/* The record on side, in the first row, with the choice to keep it. */
static GtkWidget *
keep_button (TdCustomerMergeDialog *self,
             Side                   side)
{
  Record *record = self->records[side];
  GtkWidget *button = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *state;
  g_autofree char *name_text = NULL;
  g_autofree char *dates_text = NULL;
  g_autofree char *counts_text = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *documents = td_format_count (record->n_documents);
  g_autofree char *notes = td_format_count (record->n_notes);
  g_autofree char *added = NULL;
  g_autofree char *changed = NULL;
  gboolean same_day = g_strcmp0 (self->records[SIDE_LEFT]->added, self->records[SIDE_RIGHT]->added) != 0 &&
                      strncmp (self->records[SIDE_LEFT]->added ?: "", self->records[SIDE_RIGHT]->added ?: "", 10) == 0;

  name_text = _td_merge_field_text (record->values, "name");
  wrapping_label (box, name_text, "heading", NULL);

  /* the day, or the time when both were added the same day */
  added = g_strndup (record->added ?: "", same_day ? strlen (record->added ?: "") : 10);
  changed = g_strndup (record->changed ?: "", 10);
  if (record->changed != NULL && strncmp (record->changed, record->added ?: "", 10) != 0)
    /* Translators: when a customer record was created, and last changed */
    dates_text = g_strdup_printf (_("Added %s, changed %s"), added, changed);
  else
    /* Translators: when a customer record was created */
    dates_text = g_strdup_printf (_("Added %s"), added);
  wrapping_label (box, dates_text, "caption", NULL);

  /* Translators: what refers to a customer record: identity documents and notes */
  counts_text = g_strdup_printf (_("Documents: %s · Notes: %s"), documents, notes);
  wrapping_label (box, counts_text, "caption", "dim-label", NULL);

  state = wrapping_label (box, NULL, "caption-heading", NULL);
  self->keep_states[side] = state;

  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), box);
  gtk_widget_set_name (button, side == SIDE_LEFT ? "keep-left" : "keep-right");
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_add_css_class (button, "td-merge-choice");
  /* Translators: a radio button: keep this customer record, "张伟, added 2021-03-04" */
  accessible = g_strdup_printf (_("Keep %s, %s"), name_text, dates_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect (button, "toggled", G_CALLBACK (keep_toggled_cb), self);
  self->keep_buttons[side] = button;
  return button;
}

static void
clear_table (TdCustomerMergeDialog *self)
{
  GtkWidget *child;

  /* the buttons going away toggle nothing */
  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (self->table)) != NULL)
    gtk_box_remove (GTK_BOX (self->table), child);
  self->filling = FALSE;
  self->keep_buttons[0] = self->keep_buttons[1] = NULL;
  self->keep_states[0] = self->keep_states[1] = NULL;
}

static void
build_table (TdCustomerMergeDialog *self)
{
  GtkWidget *values, *sides, *title;

  clear_table (self);

  /* the records, and which is kept */
  title = table_row (self, _("Record kept"), &values);
  gtk_widget_add_css_class (gtk_widget_get_parent (values), "td-merge-header");
  sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  gtk_box_append (GTK_BOX (sides), keep_button (self, SIDE_LEFT));
  gtk_box_append (GTK_BOX (sides), keep_button (self, SIDE_RIGHT));
  group_buttons (self->keep_buttons, 2);
  gtk_box_append (GTK_BOX (values), sides);

  for (guint i = 0; i < self->rows->len; i++)
    {
      MergeRow *row = g_ptr_array_index (self->rows, i);
      const char *title_text = row_title (row->info);
      gboolean long_text = row->info->kind == ROW_TEXT;
      gboolean same = g_strcmp0 (row->signature[SIDE_LEFT], row->signature[SIDE_RIGHT]) == 0;
      const char *note = NULL;

      if (row->empty[SIDE_LEFT] && row->empty[SIDE_RIGHT])
        continue;

      title = table_row (self, title_text, &values);

      if (!row->differ)
        {
          /* the same on both, or what both hold together: once, dimmed */
          g_autofree char *primary = NULL;
          g_autofree char *secondary = NULL;
          GtkWidget *shown;

          if (row->info->kind == ROW_CONTACT)
            {
              g_autoptr(GPtrArray) items = _td_merge_contact_values (self, row->info, self->kept);
              g_autofree char *joined = NULL;

              primary = g_strdup (items->pdata[0]);
              g_ptr_array_remove_index (items, 0);
              joined = _td_merge_join_items (items, ", ");
              if (joined != NULL)
                secondary = g_strdup_printf (_("Also %s"), joined);
            }
          else if (row->info->kind == ROW_UNION)
            primary = _td_merge_describe_union (self, row);
          else
            {
              g_autoptr(JsonObject) filled = _td_merge_filled_values (self, row->info);

              _td_merge_describe_values (row->info, filled, filled, &primary, &secondary);
            }

          shown = value_labels (primary, secondary, FALSE, long_text);
          gtk_widget_add_css_class (gtk_widget_get_parent (values), "td-merge-same");
          gtk_widget_add_css_class (shown, "dim-label");
          gtk_box_append (GTK_BOX (values), shown);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (shown), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                          title, NULL, -1);
          if (same)
            gtk_accessible_update_property (GTK_ACCESSIBLE (shown), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                            _("The same on both records"), -1);
          else if (row->empty[SIDE_LEFT] || row->empty[SIDE_RIGHT])
            add_note (values, _("Only one record has it: it is kept."));
          else
            add_note (values, _("What both records hold is kept."));
          continue;
        }

      sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
      gtk_box_append (GTK_BOX (values), sides);
      for (Side side = SIDE_LEFT; side <= SIDE_RIGHT; side++)
        {
          g_autofree char *primary = NULL;
          g_autofree char *secondary = NULL;
          g_autofree char *accessible = NULL;
          GtkWidget *button;

          _td_merge_describe_side (self, row, side, &primary, &secondary);
          /* Translators: a radio button: the value of a field, from the
           * record on the left or on the right: "Phones: 13800138000, on the left" */
          accessible = g_strdup_printf (side == SIDE_LEFT ? _("%s: %s, on the left") : _("%s: %s, on the right"),
                                        title_text, primary);
          button = choice_button (self, row, side,
                                  value_labels (primary, secondary, row->empty[side], long_text), accessible);
          gtk_box_append (GTK_BOX (sides), button);
        }
      if (row->can_combine)
        {
          g_autofree char *both = _td_merge_describe_both (self, row);
          g_autofree char *accessible = g_strdup_printf ("%s: %s", title_text, both);

          gtk_box_append (GTK_BOX (values),
                          choice_button (self, row, SIDE_BOTH,
                                         value_labels (both, NULL, FALSE, FALSE), accessible));
        }

      group_buttons (row->buttons, row->can_combine ? 3 : 2);

      /* what happens to the value not chosen, when it is not lost */
      if (strcmp (row->info->key, "phones") == 0)
        note = _("The number not chosen is kept as another phone.");
      else if (strcmp (row->info->key, "emails") == 0)
        note = _("The address not chosen is kept as another e-mail address.");
      else if (strcmp (row->info->key, "identity") == 0 && !row->empty[SIDE_LEFT] && !row->empty[SIDE_RIGHT])
        note = _("The document not chosen is kept among the identity documents.");
      if (note != NULL)
        add_note (values, note);
    }
}

/* Makes the rows from the records loaded, keeping the choices of before
 * (by row) whose values are still the same. */
static void
make_rows (TdCustomerMergeDialog *self,
           GHashTable            *before)
{
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) merge_row_free);

  for (guint i = 0; i < G_N_ELEMENTS (row_infos); i++)
    {
      MergeRow *row = g_new0 (MergeRow, 1);
      KeptChoice *kept;

      row->info = &row_infos[i];
      for (Side side = SIDE_LEFT; side <= SIDE_RIGHT; side++)
        {
          row->signature[side] = _td_merge_row_signature (row->info, self->records[side]->values);
          row->empty[side] = _td_merge_row_side_empty (row->info, self->records[side]->values);
        }

      if (row->info->kind == ROW_CONTACT)
        {
          const char *left = _td_merge_field_string (self->records[SIDE_LEFT]->values, row->info->fields[0]);
          const char *right = _td_merge_field_string (self->records[SIDE_RIGHT]->values, row->info->fields[0]);

          /* a choice only between two main values: every value is kept */
          row->differ = left != NULL && right != NULL && strcmp (left, right) != 0;
        }
      else if (row->info->kind == ROW_UNION)
        row->differ = FALSE;
      else
        row->differ = strcmp (row->signature[SIDE_LEFT], row->signature[SIDE_RIGHT]) != 0 &&
                      !_td_merge_same_with_more (row->info, self->records[SIDE_LEFT]->values,
                                       self->records[SIDE_RIGHT]->values);

      row->can_combine = row->differ && !row->empty[SIDE_LEFT] && !row->empty[SIDE_RIGHT] &&
                         (row->info->kind == ROW_SUM || row->info->kind == ROW_TEXT);
      row->choice = _td_merge_default_choice (self, row);

      kept = before ? g_hash_table_lookup (before, row->info->key) : NULL;
      if (kept != NULL && row->differ &&
          strcmp (kept->signature[0], row->signature[0]) == 0 &&
          strcmp (kept->signature[1], row->signature[1]) == 0 &&
          (kept->choice != SIDE_BOTH || row->can_combine))
        {
          row->choice = kept->choice;
          row->touched = TRUE;
        }

      g_ptr_array_add (self->rows, row);
    }
}

/* The choices the clerk made, by row. */
static GHashTable *
save_choices (TdCustomerMergeDialog *self)
{
  GHashTable *choices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) kept_choice_free);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      MergeRow *row = g_ptr_array_index (self->rows, i);
      KeptChoice *kept;

      if (!row->touched)
        continue;
      kept = g_new0 (KeptChoice, 1);
      kept->signature[0] = g_strdup (row->signature[0]);
      kept->signature[1] = g_strdup (row->signature[1]);
      kept->choice = row->choice;
      g_hash_table_insert (choices, (gpointer) row->info->key, kept);
    }
  return choices;
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

static void
set_busy (TdCustomerMergeDialog *self,
          gboolean               loading,
          gboolean               merging)
{
  gboolean was_busy = self->loading || self->merging;

  self->loading = loading;
  self->merging = merging;
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->merge_spinner), merging);
  gtk_widget_set_visible (self->merge_spinner, merging);
  gtk_widget_set_sensitive (self->cancel_button, !merging);
  gtk_widget_set_sensitive (self->table, !merging);
  gtk_widget_set_sensitive (self->merge_button, self->loaded && !loading && !merging && !self->blocked);

  if (was_busy != (loading || merging))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

typedef struct {
  TdDatabase *database;
  char       *ids[2];
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->database);
  g_free (data->ids[0]);
  g_free (data->ids[1]);
  g_free (data);
}

typedef struct {
  Record *records[2];
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->records[0], record_free);
  g_clear_pointer (&loaded->records[1], record_free);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static Record *
load_record (TdDatabase  *database,
             const char  *id,
             const char  *time_zone,
             GError     **error)
{
  g_autoptr(Record) record = g_new0 (Record, 1);

  record->values = td_database_get_record (database, "customer", id, error);
  if (record->values == NULL)
    return NULL;

  if (json_object_get_boolean_member_with_default (record->values, "deleted", FALSE))
    {
      g_autofree char *name = _td_merge_field_text (record->values, "name");

      if (_td_merge_field_string (record->values, "merged_into") != NULL)
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                     _("“%s” has already been merged into another customer."), name);
      else
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                     _("“%s” has been deleted."), name);
      return NULL;
    }

  record->n_documents = td_database_count_references (database, "customer", id, "customer_document", error);
  if (record->n_documents < 0)
    return NULL;
  record->n_notes = td_database_count_references (database, "customer", id, "customer_note", error);
  if (record->n_notes < 0)
    return NULL;

  record->added = td_timestamp_format_local (_td_merge_field_string (record->values, "created_at"), time_zone);
  record->changed = td_timestamp_format_local (_td_merge_field_string (record->values, "updated_at"), time_zone);
  return g_steal_pointer (&record);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  g_autofree char *time_zone = td_database_dup_setting (data->database, TD_SETTING_TIME_ZONE);
  GError *error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      loaded->records[i] = load_record (data->database, data->ids[i], time_zone, &error);
      if (loaded->records[i] == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&loaded), (GDestroyNotify) loaded_free);
}

static gboolean
created_before (Record *a,
                Record *b)
{
  g_autoptr(GDateTime) a_time = td_timestamp_parse (_td_merge_field_string (a->values, "created_at"));
  g_autoptr(GDateTime) b_time = td_timestamp_parse (_td_merge_field_string (b->values, "created_at"));

  if (a_time == NULL || b_time == NULL)
    return a_time != NULL;
  return g_date_time_compare (a_time, b_time) <= 0;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdCustomerMergeDialog) self = td_weak_ref_steal (user_data);
  g_autoptr(Loaded) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *kept_id = NULL;
  gboolean first_time;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  first_time = !self->loaded;

  set_busy (self, FALSE, FALSE);

  if (loaded == NULL)
    {
      self->loaded = FALSE;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_widget_set_visible (self->banner, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "error");
      /* nothing to merge: Close on the page, Cancel above */
      gtk_widget_set_visible (self->merge_button, FALSE);
      return;
    }

  if (self->loaded)
    kept_id = g_strdup (self->ids[self->kept]);
  before = save_choices (self);

  /* the older on the left at first, and kept: it keeps its id */
  if (first_time && !created_before (loaded->records[0], loaded->records[1]))
    {
      char *id = self->ids[0];
      Record *record = loaded->records[0];

      self->ids[0] = self->ids[1];
      self->ids[1] = id;
      loaded->records[0] = loaded->records[1];
      loaded->records[1] = record;
    }

  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->records[i], record_free);
      self->records[i] = g_steal_pointer (&loaded->records[i]);
    }
  self->kept = kept_id != NULL && g_strcmp0 (kept_id, self->ids[SIDE_RIGHT]) == 0 ? SIDE_RIGHT : SIDE_LEFT;
  self->loaded = TRUE;

  clear_table (self);
  make_rows (self, before);
  build_table (self);
  show_choices (self);
  gtk_stack_set_visible_child_name (self->stack, "choices");
  gtk_widget_set_visible (self->merge_button, TRUE);

  if (first_time)
    {
      gtk_widget_grab_focus (self->keep_buttons[self->kept]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEPT_ID]);
    }
}

static void
td_customer_merge_dialog_load (TdCustomerMergeDialog *self)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->database = g_object_ref (self->database);
  data->ids[0] = g_strdup (self->ids[0]);
  data->ids[1] = g_strdup (self->ids[1]);

  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  set_busy (self, TRUE, FALSE);
  td_run_in_thread (NULL, self->cancellable, td_customer_merge_dialog_load,
                    data, (GDestroyNotify) load_data_free,
                    load_thread, load_cb, td_weak_ref_new (self));
}

/* ------------------------------------------------------------------ */
/* merging                                                            */

static void
show_banner (TdCustomerMergeDialog *self,
             const char            *message)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_widget_set_visible (self->banner, message != NULL);
}

static void
merge_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdCustomerMergeDialog) self = td_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_id = NULL;

  td_customer_merge_finish (TD_DATABASE (object), result, &error);
  /* (closed with its parent meanwhile: the merge is done all the same) */
  if (self == NULL)
    return;
  set_busy (self, FALSE, FALSE);

  if (error == NULL)
    {
      kept_id = g_strdup (self->ids[self->kept]);
      g_signal_emit (self, signals[MERGED], 0, kept_id);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT))
    {
      show_banner (self, _("Someone changed one of these customers while you were choosing. "
                           "They were reloaded: check the choices, then merge again."));
      td_customer_merge_dialog_load (self);
      return;
    }
  if (g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND))
    {
      /* one of them is gone: loading says which */
      show_banner (self, NULL);
      self->loaded = FALSE;
      td_customer_merge_dialog_load (self);
      return;
    }

  show_banner (self, error->message);
}

void
td_customer_merge_dialog_merge (TdCustomerMergeDialog *self)
{
  g_autoptr(JsonObject) chosen = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GList) members = NULL;
  Record *kept, *other;

  g_return_if_fail (TD_IS_CUSTOMER_MERGE_DIALOG (self));

  if (!self->loaded || self->loading || self->merging || self->blocked)
    return;

  kept = self->records[self->kept];
  other = self->records[OTHER_SIDE (self->kept)];

  /* the values in the form the workspace keeps them */
  chosen = _td_merge_build_chosen (self);
  result = _td_merge_build_result (self, chosen);
  problems = td_customer_check (result);
  if (td_field_problems_have_error (problems))
    return;
  members = json_object_get_members (chosen);
  for (GList *l = members; l != NULL; l = l->next)
    if (json_object_has_member (result, l->data))
      json_object_set_member (chosen, l->data, json_node_copy (json_object_get_member (result, l->data)));

  show_banner (self, NULL);
  set_busy (self, FALSE, TRUE);
  td_customer_merge_async (self->database, td_database_default_actor (),
                           self->ids[self->kept],
                           json_object_get_int_member_with_default (kept->values, "revision", 0),
                           self->ids[OTHER_SIDE (self->kept)],
                           json_object_get_int_member_with_default (other->values, "revision", 0),
                           chosen, NULL, merge_cb, td_weak_ref_new (self));
}

static void
merge_clicked_cb (TdCustomerMergeDialog *self)
{
  td_customer_merge_dialog_merge (self);
}

/* ------------------------------------------------------------------ */
/* public API                                                         */

gboolean
td_customer_merge_dialog_get_busy (TdCustomerMergeDialog *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_MERGE_DIALOG (self), FALSE);

  return self->loading || self->merging;
}

const char *
td_customer_merge_dialog_get_kept_id (TdCustomerMergeDialog *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_MERGE_DIALOG (self), NULL);

  return self->loaded ? self->ids[self->kept] : NULL;
}

void
td_customer_merge_dialog_set_kept_id (TdCustomerMergeDialog *self,
                                      const char            *kept_id)
{
  g_return_if_fail (TD_IS_CUSTOMER_MERGE_DIALOG (self));
  g_return_if_fail (self->loaded);
  g_return_if_fail (g_strcmp0 (kept_id, self->ids[0]) == 0 || g_strcmp0 (kept_id, self->ids[1]) == 0);

  set_kept (self, g_strcmp0 (kept_id, self->ids[SIDE_LEFT]) == 0 ? SIDE_LEFT : SIDE_RIGHT);
}

GtkWidget *
td_customer_merge_dialog_new (GtkWindow  *parent,
                              TdDatabase *database,
                              const char *first_id,
                              const char *second_id)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (first_id != NULL && second_id != NULL, NULL);
  g_return_val_if_fail (strcmp (first_id, second_id) != 0, NULL);

  return g_object_new (TD_TYPE_CUSTOMER_MERGE_DIALOG,
                       "transient-for", parent,
                       "database", database,
                       "first-id", first_id,
                       "second-id", second_id,
                       NULL);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static gboolean
td_customer_merge_dialog_close_request (GtkWindow *window)
{
  TdCustomerMergeDialog *self = TD_CUSTOMER_MERGE_DIALOG (window);

  /* a merge under way finishes: it is one transaction */
  if (self->merging)
    return TRUE;

  return GTK_WINDOW_CLASS (td_customer_merge_dialog_parent_class)->close_request (window);
}

static void
td_customer_merge_dialog_constructed (GObject *object)
{
  TdCustomerMergeDialog *self = TD_CUSTOMER_MERGE_DIALOG (object);

  G_OBJECT_CLASS (td_customer_merge_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->database != NULL && self->ids[0] != NULL && self->ids[1] != NULL);
  td_customer_merge_dialog_load (self);
}

static void
td_customer_merge_dialog_dispose (GObject *object)
{
  TdCustomerMergeDialog *self = TD_CUSTOMER_MERGE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  clear_table (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CUSTOMER_MERGE_DIALOG);

  G_OBJECT_CLASS (td_customer_merge_dialog_parent_class)->dispose (object);
}

static void
td_customer_merge_dialog_finalize (GObject *object)
{
  TdCustomerMergeDialog *self = TD_CUSTOMER_MERGE_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->ids[i], g_free);
      g_clear_pointer (&self->records[i], record_free);
    }

  G_OBJECT_CLASS (td_customer_merge_dialog_parent_class)->finalize (object);
}

static void
td_customer_merge_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TdCustomerMergeDialog *self = TD_CUSTOMER_MERGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_FIRST_ID:
      g_value_set_string (value, self->ids[0]);
      break;
    case PROP_SECOND_ID:
      g_value_set_string (value, self->ids[1]);
      break;
    case PROP_KEPT_ID:
      g_value_set_string (value, td_customer_merge_dialog_get_kept_id (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, td_customer_merge_dialog_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_merge_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  TdCustomerMergeDialog *self = TD_CUSTOMER_MERGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_FIRST_ID:
      self->ids[0] = g_value_dup_string (value);
      break;
    case PROP_SECOND_ID:
      self->ids[1] = g_value_dup_string (value);
      break;
    case PROP_KEPT_ID:
      td_customer_merge_dialog_set_kept_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_merge_dialog_class_init (TdCustomerMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  const TdKind *customer = td_kind_lookup ("customer");

  object_class->constructed = td_customer_merge_dialog_constructed;
  object_class->dispose = td_customer_merge_dialog_dispose;
  object_class->finalize = td_customer_merge_dialog_finalize;
  object_class->get_property = td_customer_merge_dialog_get_property;
  object_class->set_property = td_customer_merge_dialog_set_property;
  window_class->close_request = td_customer_merge_dialog_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, TD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_ID] =
    g_param_spec_string ("first-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECOND_ID] =
    g_param_spec_string ("second-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEPT_ID] =
    g_param_spec_string ("kept-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MERGED] =
    g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-customer-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, merge_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, merge_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, table);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerMergeDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, merge_clicked_cb);

  /* every customer field has a row (a new field needs one) */
  for (guint f = 0; f < customer->n_fields; f++)
    {
      const char *field = customer->fields[f].name;
      gboolean found = strcmp (field, "merged_into") == 0;

      for (guint i = 0; i < G_N_ELEMENTS (row_infos) && !found; i++)
        for (guint j = 0; row_infos[i].fields[j] != NULL && !found; j++)
          found = strcmp (row_infos[i].fields[j], field) == 0;
      if (!found)
        g_critical ("The customer field %s has no row in the merge dialog", field);
    }
}

static void
td_customer_merge_dialog_init (TdCustomerMergeDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
