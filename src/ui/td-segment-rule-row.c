/* td-segment-rule-row.c: one rule of a segment, edited
 *
 * Signals: "changed" (anything edited), "remove" (its button).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-core.h"
#include "td-segment-rule-row.h"

struct _TdSegmentRuleRow
{
  GtkWidget      parent_instance;

  GtkDropDown   *field;
  GtkDropDown   *op;
  GtkEntry      *value;
  GtkDropDown   *choice;      /* consent and RFM: the values offered */
  GtkStringList *choice_titles;
  GPtrArray     *choice_ids;  /* char*, of choice's items */
  GtkButton     *remove;
  GtkStringList *op_titles;
  const char * const *ops;    /* of the field chosen */
  gboolean       filling;
};

G_DEFINE_FINAL_TYPE (TdSegmentRuleRow, td_segment_rule_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* fills the choices for a consent or RFM field; FALSE for other fields */
static gboolean
fill_choices (TdSegmentRuleRow *self,
              const char       *field)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->choice_titles));
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  g_ptr_array_set_size (self->choice_ids, 0);
  if (g_str_has_prefix (field, "consent_"))
    {
      static const char *ids[] = { "granted", "withdrawn", "unknown" };
      const char *names[] = { C_("consent", "granted"), C_("consent", "withdrawn"), C_("consent", "not asked") };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_ptr_array_add (self->choice_ids, g_strdup (ids[i]));
          g_ptr_array_add (titles, (gpointer) names[i]);
        }
    }
  else if (g_str_equal (field, "rfm"))
    for (guint i = 0; i < TD_RFM_N_GROUPS; i++)
      {
        g_ptr_array_add (self->choice_ids, g_strdup (td_rfm_group_to_string (i)));
        g_ptr_array_add (titles, (gpointer) td_rfm_group_get_title (i));
      }
  else
    return FALSE;
  g_ptr_array_add (titles, NULL);
  gtk_string_list_splice (self->choice_titles, 0, n, (const char * const *) titles->pdata);
  gtk_drop_down_set_selected (self->choice, 0);
  return TRUE;
}

static const TdSegmentField *
chosen_field (TdSegmentRuleRow *self)
{
  guint n;
  const TdSegmentField *fields = td_segment_fields (&n);
  guint i = gtk_drop_down_get_selected (self->field);

  return i < n ? &fields[i] : &fields[0];
}

static const char *
chosen_op (TdSegmentRuleRow *self)
{
  guint i = gtk_drop_down_get_selected (self->op);

  if (self->ops == NULL || i >= g_strv_length ((char **) self->ops))
    return NULL;
  return self->ops[i];
}

static const char *
placeholder_for (const char *field,
                 const char *op)
{
  if (g_str_equal (op, "empty") || g_str_equal (op, "not-empty") || g_str_equal (op, "never"))
    return "";
  if (g_str_equal (field, "last_stay"))
    return g_str_has_suffix (op, "within-days") ? _("days, e.g. 90") : _("YYYY-MM-DD");
  if (g_str_equal (field, "age"))
    return g_str_equal (op, "between") ? _("e.g. 30-39") : _("years");
  if (g_str_equal (field, "spend"))
    return _("amount, e.g. 1000");
  if (g_str_equal (field, "bookings"))
    return _("number");
  if (g_str_has_prefix (field, "consent_"))
    return _("granted, withdrawn or unknown");
  if (g_str_equal (field, "rfm"))
    return _("e.g. champions, at-risk, lost");
  if (g_str_equal (field, "product"))
    return _("a tour, attraction or room type: its name or code");
  if (g_str_equal (field, "nps"))
    return _("a score from 0 to 10");
  return _("value");
}

static void
update_value (TdSegmentRuleRow *self)
{
  const TdSegmentField *field = chosen_field (self);
  const char *op = chosen_op (self);

  gboolean choices = self->choice_ids->len > 0;

  if (op == NULL)
    return;
  gtk_entry_set_placeholder_text (self->value, placeholder_for (field->id, op));
  gtk_widget_set_visible (GTK_WIDGET (self->value), !choices && *placeholder_for (field->id, op) != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->choice), choices);
}

static void
fill_ops (TdSegmentRuleRow *self)
{
  const TdSegmentField *field = chosen_field (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->op_titles));
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  self->ops = field->ops;
  self->filling = TRUE;
  fill_choices (self, field->id);
  self->filling = FALSE;
  for (guint i = 0; field->ops[i]; i++)
    g_ptr_array_add (titles, (gpointer) td_segment_op_title (field->ops[i]));
  g_ptr_array_add (titles, NULL);
  self->filling = TRUE;
  gtk_string_list_splice (self->op_titles, 0, n, (const char * const *) titles->pdata);
  gtk_drop_down_set_selected (self->op, 0);
  self->filling = FALSE;
  update_value (self);
}

static void
field_changed (TdSegmentRuleRow *self)
{
  fill_ops (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
op_changed (TdSegmentRuleRow *self)
{
  if (self->filling)
    return;
  update_value (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
value_changed (TdSegmentRuleRow *self)
{
  if (self->filling)
    return;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
remove_clicked (TdSegmentRuleRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

JsonObject *
td_segment_rule_row_get_rule (TdSegmentRuleRow  *self,
                              const char        *currency,
                              char             **problem)
{
  const TdSegmentField *field = chosen_field (self);
  const char *op = chosen_op (self);
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value));
  guint choice = gtk_drop_down_get_selected (self->choice);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *rule;

  g_return_val_if_fail (TD_IS_SEGMENT_RULE_ROW (self), NULL);

  if (self->choice_ids->len > 0 && choice < self->choice_ids->len)
    value = g_ptr_array_index (self->choice_ids, choice);
  text = g_strdup_printf ("%s %s %s", field->id, op ? op : "", value);
  rule = td_segment_rule_parse (g_strstrip (text), currency, &error);
  if (rule == NULL && problem)
    {
      /* the parser names what was typed; the clerk sees the field */
      *problem = g_strdup_printf (_("%s: the value does not fit (%s)"), _(field->title),
                                  placeholder_for (field->id, op ? op : ""));
    }
  return rule;
}

void
td_segment_rule_row_set (TdSegmentRuleRow *self,
                         const char       *field_id,
                         const char       *op,
                         const char       *value)
{
  guint n;
  const TdSegmentField *fields = td_segment_fields (&n);

  g_return_if_fail (TD_IS_SEGMENT_RULE_ROW (self));

  for (guint i = 0; i < n; i++)
    if (g_str_equal (fields[i].id, field_id))
      gtk_drop_down_set_selected (self->field, i);
  for (guint i = 0; self->ops && self->ops[i]; i++)
    if (g_str_equal (self->ops[i], op))
      gtk_drop_down_set_selected (self->op, i);
  gtk_editable_set_text (GTK_EDITABLE (self->value), value ? value : "");
  for (guint i = 0; value && i < self->choice_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->choice_ids, i), value))
      gtk_drop_down_set_selected (self->choice, i);
}

void
td_segment_rule_row_set_rule (TdSegmentRuleRow *self,
                              JsonObject       *rule)
{
  JsonNode *value = json_object_get_member (rule, "value");
  const char *field = json_object_get_string_member_with_default (rule, "field", "city");
  g_autofree char *text = NULL;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    text = g_strdup ("");
  else if (JSON_NODE_HOLDS_ARRAY (value) && json_array_get_length (json_node_get_array (value)) == 2)
    text = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                            json_array_get_int_element (json_node_get_array (value), 0),
                            json_array_get_int_element (json_node_get_array (value), 1));
  else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
    {
      if (g_str_equal (field, "spend"))
        {
          TdMoney money = { json_node_get_int (value), "CNY" };

          text = td_money_to_decimal (&money);
        }
      else
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    }
  else if (JSON_NODE_HOLDS_VALUE (value))
    text = g_strdup (json_node_get_string (value));
  td_segment_rule_row_set (self, field, json_object_get_string_member_with_default (rule, "op", ""), text);
}

static void
td_segment_rule_row_dispose (GObject *object)
{
  TdSegmentRuleRow *self = TD_SEGMENT_RULE_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->op_titles);
  g_clear_object (&self->choice_titles);
  g_clear_pointer (&self->choice_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (td_segment_rule_row_parent_class)->dispose (object);
}

static void
td_segment_rule_row_class_init (TdSegmentRuleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_segment_rule_row_dispose;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "segmentrule");
}

static void
td_segment_rule_row_init (TdSegmentRuleRow *self)
{
  guint n;
  const TdSegmentField *fields = td_segment_fields (&n);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_box_layout_set_spacing (layout, 6);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (titles, (gpointer) _(fields[i].title));
  g_ptr_array_add (titles, NULL);

  self->field = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *) titles->pdata));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->field), _("What the rule looks at"));
  self->op_titles = gtk_string_list_new (NULL);
  self->op = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->op_titles)), NULL));
  self->value = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->value), TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->value), "rule-value");
  self->choice_ids = g_ptr_array_new_with_free_func (g_free);
  self->choice_titles = gtk_string_list_new (NULL);
  self->choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->choice_titles)), NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->choice), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->choice), FALSE);
  self->remove = GTK_BUTTON (gtk_button_new_from_icon_name ("list-remove-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove), _("Remove this rule"));
  gtk_widget_add_css_class (GTK_WIDGET (self->remove), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this rule"), -1);

  gtk_widget_set_parent (GTK_WIDGET (self->field), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->op), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->value), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->choice), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->remove), GTK_WIDGET (self));

  fill_ops (self);
  g_signal_connect_swapped (self->field, "notify::selected", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->op, "notify::selected", G_CALLBACK (op_changed), self);
  g_signal_connect_swapped (self->value, "changed", G_CALLBACK (value_changed), self);
  g_signal_connect_swapped (self->choice, "notify::selected", G_CALLBACK (value_changed), self);
  g_signal_connect_swapped (self->remove, "clicked", G_CALLBACK (remove_clicked), self);
}

GtkWidget *
td_segment_rule_row_new (void)
{
  return g_object_new (TD_TYPE_SEGMENT_RULE_ROW, NULL);
}
