/* td-complaints-window.c: the complaints of the workspace, and their handling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-complaints.h"
#include "td-complaints-window.h"
#include "td-customer-search.h"

struct _TdComplaintsWindow
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toasts;
  GtkDropDown         *state_filter;
  GtkListBox          *list;
  GtkStack            *stack;
  AdwPreferencesGroup *details_group;
  GtkLabel            *detail_body;
  GtkListBox          *history;
  AdwPreferencesGroup *handling_group;
  AdwEntryRow         *note_row;
  AdwComboRow         *next_state_row;
  AdwEntryRow         *assignee_row;
  AdwComboRow         *outcome_row;
  AdwEntryRow         *amount_row;
  GtkWidget           *move_button;
  AdwEntryRow         *subject_row;
  AdwEntryRow         *body_row;
  AdwComboRow         *channel_row;
  AdwComboRow         *category_row;
  AdwComboRow         *severity_row;
  AdwEntryRow         *customer_row;
  AdwEntryRow         *booking_row;
  AdwEntryRow         *about_row;
  AdwEntryRow         *contact_row;

  TdDatabase          *database;
  GCancellable        *cancellable;
  char                *selected_id;
  GPtrArray           *next_states;   /* the values of next_state_row */
  guint                n_rows;
  guint                busy;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (TdComplaintsWindow, td_complaints_window, ADW_TYPE_WINDOW)

static void reload (TdComplaintsWindow *self);

static GListModel *
titles_model (const char * const *values,
              const char         *(*title) (const char *),
              const char         *first)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  if (first)
    gtk_string_list_append (model, first);
  for (guint i = 0; values[i]; i++)
    gtk_string_list_append (model, title (values[i]));
  return G_LIST_MODEL (model);
}

static const char *
json_text (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static void
toast (TdComplaintsWindow *self,
       const char         *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static void
set_busy (TdComplaintsWindow *self,
          gboolean            busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
}

/* ------------------------------------------------------------------ */
/* the work, in a thread                                              */

typedef enum { OP_LOAD, OP_ADD, OP_NOTE, OP_MOVE } OpKind;

typedef struct {
  OpKind      kind;
  char       *id;        /* the complaint */
  char       *state;     /* OP_LOAD: the filter; OP_MOVE: the new state */
  char       *text;      /* OP_NOTE: the note; OP_MOVE: the assignee */
  char       *outcome;
  gboolean    has_amount;
  TdMoney     amount;
  JsonObject *values;    /* OP_ADD */
} Op;

typedef struct {
  JsonArray  *list;
  JsonObject *selected;
  char       *new_id;
} OpResult;

static void
op_free (Op *op)
{
  g_free (op->id);
  g_free (op->state);
  g_free (op->text);
  g_free (op->outcome);
  g_clear_pointer (&op->values, json_object_unref);
  g_free (op);
}

static void
op_result_free (OpResult *result)
{
  g_clear_pointer (&result->list, json_array_unref);
  g_clear_pointer (&result->selected, json_object_unref);
  g_free (result->new_id);
  g_free (result);
}

/* the customer the clerk named (a name, a phone…): exactly one, or an error
 * that says why; its id into values */
static gboolean
resolve_customer (TdDatabase  *db,
                  const char  *text,
                  JsonObject  *values,
                  GError     **error)
{
  g_autoptr(GPtrArray) hits = td_customer_search (db, text, 5, error);
  TdCustomerHit *found = NULL;

  if (hits == NULL)
    return FALSE;
  for (guint i = 0; i < hits->len; i++)
    {
      TdCustomerHit *hit = g_ptr_array_index (hits, i);

      if (g_strcmp0 (hit->name, text) == 0 || g_strcmp0 (hit->phone, text) == 0)
        {
          if (found)
            {
              found = NULL;
              break;
            }
          found = hit;
        }
    }
  if (found == NULL && hits->len == 1)
    found = g_ptr_array_index (hits, 0);
  if (found == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   hits->len == 0 ? _("No customer matches “%s”") : _("Several customers match “%s”: give the phone number"),
                   text);
      return FALSE;
    }
  json_object_set_string_member (values, "customer_id", found->id);
  return TRUE;
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  TdComplaintsWindow *self = source_object;
  Op *op = task_data;
  OpResult *result = g_new0 (OpResult, 1);
  GError *error = NULL;
  gboolean ok = TRUE;

  switch (op->kind)
    {
    case OP_LOAD:
      result->list = td_complaints_list (self->database, op->state, &error);
      ok = result->list != NULL;
      if (ok && op->id)
        result->selected = td_complaints_get (self->database, op->id, NULL);
      break;
    case OP_ADD:
      ok = op->text == NULL || resolve_customer (self->database, op->text, op->values, &error);
      if (ok)
        result->new_id = td_complaints_add (self->database, op->values, g_get_user_name (), &error);
      ok = ok && result->new_id != NULL;
      break;
    case OP_NOTE:
      ok = td_complaints_note (self->database, op->id, op->text, g_get_user_name (), &error);
      break;
    case OP_MOVE:
      ok = td_complaints_set_state (self->database, op->id, op->state, op->text, op->outcome,
                                    op->has_amount ? &op->amount : NULL, NULL, g_get_user_name (), &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (ok)
    g_task_return_pointer (task, result, (GDestroyNotify) op_result_free);
  else
    {
      op_result_free (result);
      g_task_return_error (task, error);
    }
}

static void fill_list (TdComplaintsWindow *self, JsonArray *list);
static void fill_details (TdComplaintsWindow *self, JsonObject *complaint);

static void
op_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  TdComplaintsWindow *self = TD_COMPLAINTS_WINDOW (source);
  Op *op = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  OpResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  set_busy (self, FALSE);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  switch (op->kind)
    {
    case OP_LOAD:
      fill_list (self, result->list);
      if (result->selected)
        fill_details (self, result->selected);
      break;
    case OP_ADD:
      g_free (self->selected_id);
      self->selected_id = g_strdup (result->new_id);
      gtk_editable_set_text (GTK_EDITABLE (self->subject_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->body_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->booking_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->customer_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->about_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->contact_row), "");
      toast (self, _("Complaint taken; it is sent to the platform with the next sync"));
      reload (self);
      break;
    case OP_NOTE:
      gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
      reload (self);
      break;
    case OP_MOVE:
      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
      reload (self);
      break;
    default:
      g_assert_not_reached ();
    }
  op_result_free (result);
}

static void
run_op (TdComplaintsWindow *self,
        Op                 *op)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, op_done, NULL);

  g_task_set_source_tag (task, run_op);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, op_thread);
}

static void
reload (TdComplaintsWindow *self)
{
  Op *op = g_new0 (Op, 1);
  guint filter = gtk_drop_down_get_selected (self->state_filter);

  op->kind = OP_LOAD;
  op->id = g_strdup (self->selected_id);
  if (filter > 0 && filter != GTK_INVALID_LIST_POSITION)
    op->state = g_strdup (td_complaint_states[filter - 1]);
  run_op (self, op);
}

/* ------------------------------------------------------------------ */
/* the list and the details                                           */

static GtkWidget *
complaint_row (JsonObject *c)
{
  GtkWidget *row = adw_action_row_new ();
  const char *customer = json_text (c, "customer_name");
  const char *severity = json_text (c, "severity");
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), json_text (c, "subject"));
  /* TRANSLATORS: a complaint in the list: its state, severity and customer */
  subtitle = g_strdup_printf (_("%s · %s%s%s"), td_complaint_state_title (json_text (c, "state")),
                              severity ? td_complaint_severity_title (severity) : "",
                              customer ? " · " : "", customer ? customer : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (json_object_get_boolean_member (c, "overdue"))
    {
      GtkWidget *label = gtk_label_new (_("Overdue"));

      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (json_text (c, "id")), g_free);
  return row;
}

static void
fill_list (TdComplaintsWindow *self,
           JsonArray          *list)
{
  GtkWidget *child;
  GtkListBoxRow *selected = NULL;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *c = json_array_get_object_element (list, i);
      GtkWidget *row = complaint_row (c);

      gtk_list_box_append (self->list, row);
      if (g_strcmp0 (self->selected_id, json_text (c, "id")) == 0)
        selected = GTK_LIST_BOX_ROW (row);
    }
  self->n_rows = json_array_get_length (list);
  if (selected)
    gtk_list_box_select_row (self->list, selected);
  self->filling = FALSE;
  if (self->n_rows == 0 && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "new") != 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
fill_details (TdComplaintsWindow *self,
              JsonObject         *c)
{
  JsonArray *notes = json_object_get_array_member (c, "notes");
  const char *state = json_text (c, "state");
  const char *due = json_text (c, "due_at");
  g_autofree char *due_local = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GString) body = g_string_new (json_text (c, "body"));
  g_autoptr(GtkStringList) next = gtk_string_list_new (NULL);
  GtkWidget *child;

  if (due)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (due, NULL);
      g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;

      /* TRANSLATORS: a due time, g_date_time_format() form */
      due_local = local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : g_strdup (due);
    }
  adw_preferences_group_set_title (self->details_group, json_text (c, "subject"));
  {
    g_autoptr(GString) line = g_string_new (td_complaint_state_title (state));

    /* TRANSLATORS: between the parts of a complaint's summary line */
    if (json_text (c, "severity"))
      g_string_append_printf (line, _(" · %s"), td_complaint_severity_title (json_text (c, "severity")));
    if (json_text (c, "category"))
      g_string_append_printf (line, _(" · %s"), td_complaint_category_title (json_text (c, "category")));
    if (due_local)
      /* TRANSLATORS: %s: a due time */
      g_string_append_printf (line, _(" · due %s"), due_local);
    if (json_object_get_boolean_member (c, "overdue"))
      g_string_append (line, _(" (overdue)"));
    description = g_string_free (g_steal_pointer (&line), FALSE);
  }
  adw_preferences_group_set_description (self->details_group, description);
  if (json_text (c, "customer_name"))
    g_string_append_printf (body, "\n\n%s %s", _("Customer:"), json_text (c, "customer_name"));
  if (json_text (c, "booking_ref"))
    g_string_append_printf (body, "\n%s %s", _("Booking:"), json_text (c, "booking_ref"));
  if (json_text (c, "about"))
    g_string_append_printf (body, "\n%s %s", _("About:"), json_text (c, "about"));
  if (json_text (c, "contact"))
    g_string_append_printf (body, "\n%s %s", _("Contact:"), json_text (c, "contact"));
  gtk_label_set_label (self->detail_body, body->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history))) != NULL)
    gtk_list_box_remove (self->history, child);
  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      JsonObject *note = json_array_get_object_element (notes, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) title = g_string_new (NULL);
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (json_text (note, "created_at"), NULL);
      g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
      g_autofree char *at = local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : NULL;

      if (json_text (note, "state"))
        g_string_append_printf (title, "→ %s", td_complaint_state_title (json_text (note, "state")));
      if (json_text (note, "assignee"))
        g_string_append_printf (title, " (%s)", json_text (note, "assignee"));
      if (json_text (note, "outcome"))
        {
          JsonObject *amount = json_object_get_member (note, "amount") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (note, "amount"))
                               ? json_object_get_object_member (note, "amount") : NULL;

          g_string_append (title, td_complaint_outcome_title (json_text (note, "outcome")));
          if (amount)
            {
              TdMoney money;

              if (td_money_init (&money, json_object_get_int_member (amount, "minor"),
                                 json_object_get_string_member (amount, "currency"), NULL))
                {
                  g_autofree char *decimal = td_money_to_decimal (&money);
                  g_string_append_printf (title, " %s %s", decimal, money.currency);
                }
            }
        }
      if (json_text (note, "body"))
        g_string_append_printf (title, "%s%s", title->len ? " — " : "", json_text (note, "body"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title->str);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), at ? at : "");
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->history, row);
    }
  if (json_array_get_length (notes) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing done yet"));
      gtk_list_box_append (self->history, row);
    }

  /* the moves the workflow allows from here */
  g_ptr_array_set_size (self->next_states, 0);
  for (guint i = 0; td_complaint_states[i]; i++)
    if (td_complaint_can_move (state, td_complaint_states[i]))
      {
        g_ptr_array_add (self->next_states, (gpointer) td_complaint_states[i]);
        gtk_string_list_append (next, td_complaint_state_title (td_complaint_states[i]));
      }
  adw_combo_row_set_model (self->next_state_row, G_LIST_MODEL (next));
  gtk_widget_set_sensitive (GTK_WIDGET (self->handling_group), g_strcmp0 (state, "closed") != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->next_state_row), self->next_states->len > 0);
  gtk_widget_set_visible (self->move_button, self->next_states->len > 0);
  if (json_text (c, "assignee"))
    gtk_editable_set_text (GTK_EDITABLE (self->assignee_row), json_text (c, "assignee"));
  gtk_stack_set_visible_child_name (self->stack, "details");
}

/* ------------------------------------------------------------------ */
/* callbacks                                                          */

static void
row_selected_cb (TdComplaintsWindow *self,
                 GtkListBoxRow      *row)
{
  const char *id;

  if (self->filling || row == NULL)
    return;
  id = g_object_get_data (G_OBJECT (row), "id");
  if (g_strcmp0 (id, self->selected_id) == 0 && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "details") == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  gtk_editable_set_text (GTK_EDITABLE (self->assignee_row), "");
  reload (self);
}

static void
filter_changed_cb (TdComplaintsWindow *self)
{
  if (self->database)
    reload (self);
}

static void
new_clicked_cb (TdComplaintsWindow *self)
{
  gtk_list_box_unselect_all (self->list);
  gtk_stack_set_visible_child_name (self->stack, "new");
  gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
}

static void
next_state_changed_cb (TdComplaintsWindow *self)
{
  guint i = adw_combo_row_get_selected (self->next_state_row);
  const char *state = i < self->next_states->len ? g_ptr_array_index (self->next_states, i) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->assignee_row), g_strcmp0 (state, "assigned") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_row), g_strcmp0 (state, "resolved") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), g_strcmp0 (state, "resolved") == 0);
}

static void
note_apply_cb (TdComplaintsWindow *self)
{
  Op *op;

  if (self->selected_id == NULL)
    return;
  op = g_new0 (Op, 1);
  op->kind = OP_NOTE;
  op->id = g_strdup (self->selected_id);
  op->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  run_op (self, op);
}

static void
move_clicked_cb (TdComplaintsWindow *self)
{
  guint i = adw_combo_row_get_selected (self->next_state_row);
  guint o = adw_combo_row_get_selected (self->outcome_row);
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  g_autoptr(GError) error = NULL;
  Op *op;

  if (self->selected_id == NULL || i >= self->next_states->len)
    return;
  op = g_new0 (Op, 1);
  op->kind = OP_MOVE;
  op->id = g_strdup (self->selected_id);
  op->state = g_strdup (g_ptr_array_index (self->next_states, i));
  if (g_str_equal (op->state, "assigned"))
    op->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->assignee_row)));
  if (g_str_equal (op->state, "resolved") && o > 0 && o != GTK_INVALID_LIST_POSITION)
    op->outcome = g_strdup (td_complaint_outcomes[o - 1]);
  if (g_str_equal (op->state, "resolved") && *amount)
    {
      if (!td_money_parse (amount, "CNY", &op->amount, &error))
        {
          toast (self, error->message);
          op_free (op);
          return;
        }
      op->has_amount = TRUE;
    }
  run_op (self, op);
}

static void
add_clicked_cb (TdComplaintsWindow *self)
{
  Op *op = g_new0 (Op, 1);
  guint category = adw_combo_row_get_selected (self->category_row);
  const struct { const char *name; AdwEntryRow *row; } texts[] = {
    { "subject", self->subject_row }, { "body", self->body_row }, { "booking_ref", self->booking_row },
    { "about", self->about_row }, { "contact", self->contact_row },
  };

  op->kind = OP_ADD;
  op->values = json_object_new ();
  {
    g_autofree char *customer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->customer_row))));

    if (*customer)
      op->text = g_steal_pointer (&customer);
  }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    json_object_set_string_member (op->values, texts[i].name, gtk_editable_get_text (GTK_EDITABLE (texts[i].row)));
  json_object_set_string_member (op->values, "channel", td_complaint_channels[adw_combo_row_get_selected (self->channel_row)]);
  json_object_set_string_member (op->values, "severity",
                                 td_complaint_severities[adw_combo_row_get_selected (self->severity_row)]);
  if (category > 0 && category != GTK_INVALID_LIST_POSITION)
    json_object_set_string_member (op->values, "category", td_complaint_categories[category - 1]);
  run_op (self, op);
}

/* ------------------------------------------------------------------ */

guint
td_complaints_window_get_n_rows (TdComplaintsWindow *self)
{
  g_return_val_if_fail (TD_IS_COMPLAINTS_WINDOW (self), 0);
  return self->n_rows;
}

gboolean
td_complaints_window_get_busy (TdComplaintsWindow *self)
{
  g_return_val_if_fail (TD_IS_COMPLAINTS_WINDOW (self), FALSE);
  return self->busy > 0;
}

static void
td_complaints_window_dispose (GObject *object)
{
  TdComplaintsWindow *self = TD_COMPLAINTS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_COMPLAINTS_WINDOW);
  G_OBJECT_CLASS (td_complaints_window_parent_class)->dispose (object);
}

static void
td_complaints_window_finalize (GObject *object)
{
  TdComplaintsWindow *self = TD_COMPLAINTS_WINDOW (object);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->next_states, g_ptr_array_unref);
  g_free (self->selected_id);
  G_OBJECT_CLASS (td_complaints_window_parent_class)->finalize (object);
}

static void
td_complaints_window_class_init (TdComplaintsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_complaints_window_dispose;
  object_class->finalize = td_complaints_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-complaints-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TdComplaintsWindow, name)
  BIND (toasts);
  BIND (state_filter);
  BIND (list);
  BIND (stack);
  BIND (details_group);
  BIND (detail_body);
  BIND (history);
  BIND (handling_group);
  BIND (note_row);
  BIND (next_state_row);
  BIND (assignee_row);
  BIND (outcome_row);
  BIND (amount_row);
  BIND (move_button);
  BIND (subject_row);
  BIND (body_row);
  BIND (channel_row);
  BIND (category_row);
  BIND (severity_row);
  BIND (customer_row);
  BIND (booking_row);
  BIND (about_row);
  BIND (contact_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_state_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_complaints_window_init (TdComplaintsWindow *self)
{
  g_autoptr(GListModel) filter = NULL;
  g_autoptr(GListModel) outcomes = NULL;
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GListModel) categories = NULL;
  g_autoptr(GListModel) severities = NULL;

  self->cancellable = g_cancellable_new ();
  self->next_states = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  filter = titles_model (td_complaint_states, td_complaint_state_title, _("All"));
  gtk_drop_down_set_model (self->state_filter, filter);
  outcomes = titles_model (td_complaint_outcomes, td_complaint_outcome_title, _("(not said yet)"));
  adw_combo_row_set_model (self->outcome_row, outcomes);
  channels = titles_model (td_complaint_channels, td_complaint_channel_title, NULL);
  adw_combo_row_set_model (self->channel_row, channels);
  categories = titles_model (td_complaint_categories, td_complaint_category_title, _("(not said)"));
  adw_combo_row_set_model (self->category_row, categories);
  severities = titles_model (td_complaint_severities, td_complaint_severity_title, NULL);
  adw_combo_row_set_model (self->severity_row, severities);
  adw_combo_row_set_selected (self->severity_row, 1);  /* medium */
  gtk_widget_set_visible (GTK_WIDGET (self->assignee_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), FALSE);
}

GtkWidget *
td_complaints_window_new (GtkWindow  *parent,
                          TdDatabase *database)
{
  TdComplaintsWindow *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  self = g_object_new (TD_TYPE_COMPLAINTS_WINDOW, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  reload (self);
  return GTK_WIDGET (self);
}
