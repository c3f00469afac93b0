/* td-customer-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-customer-editor.h"
#include "td-customer-format.h"
#include "td-utils.h"

typedef enum {
  GROUP_CUSTOMER,
  GROUP_CONTACT,
  GROUP_IDENTITY,
  GROUP_MORE,
} Group;

static const char * const parties[] = { "person", "organisation", NULL };
static const char * const genders[] = { "", "female", "male", "other", NULL };
static const char * const sources[] = { "", "walk-in", "phone", "agency", "ota", "platform", "import", NULL };
static const char * const id_types[] = {
  "", "resident-id", "passport", "hk-macao-permit", "taiwan-permit", "foreign-passport", "other", NULL
};
static const char * const document_types[] = {
  "resident-id", "passport", "hk-macao-permit", "taiwan-permit", "foreign-passport", "other", NULL
};
static const char * const consent_states[] = { "", "granted", "withdrawn", NULL };

/* The fields of the form, in order. */
static const struct {
  const char         *field;
  const char         *title;        /* NULL: the field's own (td_customer_field_title()) */
  Group               group;
  const char * const *choices;      /* a combo row; NULL: an entry row */
  gboolean            checked;      /* problems are shown under it */
  gboolean            person_only;
} fields[] = {
  { "party", NULL, GROUP_CUSTOMER, parties, FALSE, FALSE },
  { "name", NULL, GROUP_CUSTOMER, NULL, TRUE, FALSE },
  { "family_name", NULL, GROUP_CUSTOMER, NULL, FALSE, TRUE },
  { "given_name", NULL, GROUP_CUSTOMER, NULL, FALSE, TRUE },
  { "gender", NULL, GROUP_CUSTOMER, genders, FALSE, TRUE },
  { "birth_date", N_("Birth date (YYYY-MM-DD)"), GROUP_CUSTOMER, NULL, TRUE, TRUE },
  { "nationality", N_("Nationality (country code, such as CHN)"), GROUP_CUSTOMER, NULL, FALSE, FALSE },
  { "phone", NULL, GROUP_CONTACT, NULL, TRUE, FALSE },
  { "other_phones", N_("Other phones, separated by commas"), GROUP_CONTACT, NULL, TRUE, FALSE },
  { "email", NULL, GROUP_CONTACT, NULL, TRUE, FALSE },
  { "other_emails", N_("Other e-mails, separated by commas"), GROUP_CONTACT, NULL, TRUE, FALSE },
  { "province", NULL, GROUP_CONTACT, NULL, FALSE, FALSE },
  { "city", NULL, GROUP_CONTACT, NULL, FALSE, FALSE },
  { "district", NULL, GROUP_CONTACT, NULL, FALSE, FALSE },
  { "source", NULL, GROUP_CONTACT, sources, FALSE, FALSE },
  { "id_type", NULL, GROUP_IDENTITY, id_types, FALSE, FALSE },
  { "id_number", NULL, GROUP_IDENTITY, NULL, TRUE, FALSE },
  { "id_country", N_("Issuing country (code, such as CHN)"), GROUP_IDENTITY, NULL, FALSE, FALSE },
  { "id_expiry", N_("Valid until (YYYY-MM-DD)"), GROUP_IDENTITY, NULL, TRUE, FALSE },
  { "tags", N_("Tags, separated by commas"), GROUP_MORE, NULL, FALSE, FALSE },
  { "notes", NULL, GROUP_MORE, NULL, FALSE, FALSE },
};

#define N_FIELDS G_N_ELEMENTS (fields)

static const struct {
  const char *field;
  const char *title;
} channels[] = {
  { "consent_email", N_("E-mail") },
  { "consent_sms", N_("Text messages") },
  { "consent_phone", N_("Phone calls") },
};

#define N_CHANNELS G_N_ELEMENTS (channels)

typedef struct {
  JsonObject     *record;       /* NULL: new */
  AdwExpanderRow *expander;
  AdwComboRow    *type;
  AdwEntryRow    *number;
  AdwEntryRow    *country;
  AdwEntryRow    *expiry;
  GtkWidget      *number_problem;
  GtkWidget      *expiry_problem;
} Document;

typedef struct {
  AdwComboRow *state;
  AdwEntryRow *how;
  GtkWidget   *how_problem;
} Consent;

struct _TdCustomerEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *save_button;
  GtkSpinner          *spinner;
  GtkRevealer         *message_revealer;
  GtkLabel            *message_label;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *duplicates_group;
  AdwPreferencesGroup *customer_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *documents_group;
  AdwPreferencesGroup *consent_group;
  AdwPreferencesGroup *more_group;

  GtkWidget           *rows[N_FIELDS];
  GtkWidget           *problems[N_FIELDS];
  Consent              consent[N_CHANNELS];
  GPtrArray           *documents;       /* Document */
  GPtrArray           *duplicate_rows;  /* GtkWidget */
  GPtrArray           *duplicates;      /* TdDuplicate */

  TdDatabase          *database;
  JsonObject          *record;          /* NULL: a new customer */
  char                *id;
  GCancellable        *cancellable;
  char                *warned;          /* the values warned about, as JSON */
  char                *compared;        /* the values compared for duplicates */
  gboolean             dirty;
  gboolean             filling;
  gboolean             saved;
};

G_DEFINE_FINAL_TYPE (TdCustomerEditor, td_customer_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  OPEN_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void save (TdCustomerEditor *self);

/* ------------------------------------------------------------------ */
/* rows                                                               */

static int
field_index (const char *field)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (fields[i].field, field) == 0)
      return (int) i;
  return -1;
}

static AdwPreferencesGroup *
group_widget (TdCustomerEditor *self,
              Group             group)
{
  switch (group)
    {
    case GROUP_CONTACT: return self->contact_group;
    case GROUP_IDENTITY: return self->identity_group;
    case GROUP_MORE: return self->more_group;
    case GROUP_CUSTOMER:
    default: return self->customer_group;
    }
}

static const char *
choice_label (const char *field,
              const char *value)
{
  if (value == NULL || *value == '\0')
    return g_str_has_prefix (field, "consent_") ? _("Not asked") : _("Not given");
  return td_customer_value_title (field, value);
}

static void
changed_cb (TdCustomerEditor *self)
{
  if (!self->filling)
    self->dirty = TRUE;
}

/* The row under a field that says what is wrong with it. */
static GtkWidget *
problem_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_set_visible (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "td-problem");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_visible (icon, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static AdwEntryRow *
entry_row_new (TdCustomerEditor *self,
               const char       *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_object (row, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
combo_row_new (TdCustomerEditor   *self,
               const char         *field,
               const char         *title,
               const char * const *choices)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; choices[i]; i++)
    gtk_string_list_append (labels, choice_label (field, choices[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  return ADW_COMBO_ROW (row);
}

static const char *
combo_value (AdwComboRow        *row,
             const char * const *choices)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected >= g_strv_length ((char **) choices) || *choices[selected] == '\0')
    return NULL;
  return choices[selected];
}

static void
combo_set_value (AdwComboRow        *row,
                 const char * const *choices,
                 const char         *value)
{
  for (guint i = 0; choices[i]; i++)
    if (g_strcmp0 (choices[i], value ? value : "") == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}

static char *
entry_value (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static const char *
record_string (JsonObject *record,
               const char *field)
{
  if (record == NULL)
    return NULL;
  return json_object_get_string_member_with_default (record, field, NULL);
}

/* A warning (saved anyway): said like a problem, in the warning colour. */
static void
show_field_problem (GtkWidget  *row,
                    GtkWidget  *message,
                    const char *text,
                    gboolean    warning)
{
  td_entry_row_set_problem (ADW_ENTRY_ROW (row), message, text);
  if (warning && text)
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_add_css_class (row, "warning");
      gtk_widget_add_css_class (message, "td-warning");
    }
  else
    {
      gtk_widget_remove_css_class (row, "warning");
      gtk_widget_remove_css_class (message, "td-warning");
    }
}

static void
clear_problems (TdCustomerEditor *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->problems[i])
      show_field_problem (self->rows[i], self->problems[i], NULL, FALSE);
  for (guint i = 0; i < N_CHANNELS; i++)
    td_entry_row_set_problem (self->consent[i].how, self->consent[i].how_problem, NULL);
  for (guint i = 0; i < self->documents->len; i++)
    {
      Document *document = g_ptr_array_index (self->documents, i);

      td_entry_row_set_problem (document->number, document->number_problem, NULL);
      td_entry_row_set_problem (document->expiry, document->expiry_problem, NULL);
    }
}

static void
show_message (TdCustomerEditor *self,
              const char       *message)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
party_changed_cb (TdCustomerEditor *self)
{
  gboolean person = g_strcmp0 (combo_value (ADW_COMBO_ROW (self->rows[field_index ("party")]), parties),
                               "organisation") != 0;

  for (guint i = 0; i < N_FIELDS; i++)
    if (fields[i].person_only)
      {
        gtk_widget_set_visible (self->rows[i], person);
        if (self->problems[i] && !person)
          show_field_problem (self->rows[i], self->problems[i], NULL, FALSE);
      }
}

/* "How" consent was given shows once there is consent to say it of. */
static void
consent_changed_cb (TdCustomerEditor *self)
{
  for (guint i = 0; i < N_CHANNELS; i++)
    {
      g_autofree char *how = entry_value (self->consent[i].how);

      gtk_widget_set_visible (GTK_WIDGET (self->consent[i].how),
                              combo_value (self->consent[i].state, consent_states) != NULL || how != NULL);
    }
}

static void
build_fields (TdCustomerEditor *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      AdwPreferencesGroup *group = group_widget (self, fields[i].group);
      const char *title = fields[i].title ? _(fields[i].title) : td_customer_field_title (fields[i].field);

      if (fields[i].choices)
        self->rows[i] = GTK_WIDGET (combo_row_new (self, fields[i].field, title, fields[i].choices));
      else
        self->rows[i] = GTK_WIDGET (entry_row_new (self, title));
      adw_preferences_group_add (group, self->rows[i]);
      if (fields[i].checked)
        {
          self->problems[i] = problem_row_new ();
          adw_preferences_group_add (group, self->problems[i]);
          td_entry_row_attach_problem (ADW_ENTRY_ROW (self->rows[i]), self->problems[i]);
        }
    }
  g_signal_connect_object (self->rows[field_index ("party")], "notify::selected",
                           G_CALLBACK (party_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_css_class (self->rows[field_index ("id_number")], "numeric");

  for (guint i = 0; i < N_CHANNELS; i++)
    {
      Consent *c = &self->consent[i];

      c->state = combo_row_new (self, channels[i].field, _(channels[i].title), consent_states);
      c->how = entry_row_new (self, _("How (a form signed, said on the phone…)"));
      c->how_problem = problem_row_new ();
      td_entry_row_attach_problem (c->how, c->how_problem);
      g_signal_connect_object (c->state, "notify::selected", G_CALLBACK (consent_changed_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->consent_group, GTK_WIDGET (c->state));
      adw_preferences_group_add (self->consent_group, GTK_WIDGET (c->how));
      adw_preferences_group_add (self->consent_group, c->how_problem);
    }
}

/* ---- documents ---- */

static void
document_free (Document *document)
{
  g_clear_pointer (&document->record, json_object_unref);
  g_free (document);
}

static void
document_update_title (Document *document)
{
  const char *type = combo_value (document->type, document_types);
  g_autofree char *number = entry_value (document->number);
  g_autofree char *masked = number ? td_id_number_mask (number) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (document->expander), choice_label ("doc_type", type));
  adw_expander_row_set_subtitle (document->expander, masked ? masked : _("No number yet"));
}

static void
remove_document_clicked_cb (GtkButton *button,
                            gpointer   user_data)
{
  TdCustomerEditor *self = g_object_get_data (G_OBJECT (button), "td-editor");
  Document *document = user_data;

  adw_preferences_group_remove (self->documents_group, GTK_WIDGET (document->expander));
  g_ptr_array_remove (self->documents, document);
  self->dirty = TRUE;
  gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->documents_group)));
}

static Document *
add_document (TdCustomerEditor *self,
              JsonObject       *record)
{
  Document *document = g_new0 (Document, 1);
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove_button = gtk_button_new_with_mnemonic (_("_Remove Document"));

  document->record = record ? json_object_ref (record) : NULL;
  document->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (document->expander), FALSE);
  document->type = combo_row_new (self, "doc_type", td_customer_field_title ("doc_type"), document_types);
  document->number = entry_row_new (self, td_customer_field_title ("number"));
  document->number_problem = problem_row_new ();
  document->country = entry_row_new (self, _("Issuing country (code, such as CHN)"));
  document->expiry = entry_row_new (self, _("Valid until (YYYY-MM-DD)"));
  document->expiry_problem = problem_row_new ();
  td_entry_row_attach_problem (document->number, document->number_problem);
  td_entry_row_attach_problem (document->expiry, document->expiry_problem);
  gtk_widget_add_css_class (GTK_WIDGET (document->number), "numeric");

  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "destructive-action");
  g_object_set_data (G_OBJECT (remove_button), "td-editor", self);
  g_signal_connect (remove_button, "clicked", G_CALLBACK (remove_document_clicked_cb), document);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove_button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (remove_row), FALSE);

  adw_expander_row_add_row (document->expander, GTK_WIDGET (document->type));
  adw_expander_row_add_row (document->expander, GTK_WIDGET (document->number));
  adw_expander_row_add_row (document->expander, document->number_problem);
  adw_expander_row_add_row (document->expander, GTK_WIDGET (document->country));
  adw_expander_row_add_row (document->expander, GTK_WIDGET (document->expiry));
  adw_expander_row_add_row (document->expander, document->expiry_problem);
  adw_expander_row_add_row (document->expander, remove_row);
  adw_preferences_group_add (self->documents_group, GTK_WIDGET (document->expander));

  combo_set_value (document->type, document_types, record_string (record, "doc_type"));
  set_text (document->number, record_string (record, "number"));
  set_text (document->country, record_string (record, "country"));
  set_text (document->expiry, record_string (record, "expiry"));
  document_update_title (document);
  g_signal_connect_swapped (document->type, "notify::selected", G_CALLBACK (document_update_title), document);
  g_signal_connect_swapped (document->number, "changed", G_CALLBACK (document_update_title), document);

  g_ptr_array_add (self->documents, document);
  return document;
}

static void
add_document_clicked_cb (TdCustomerEditor *self,
                         GtkButton        *button)
{
  Document *document = add_document (self, NULL);

  /* a passport, most often, when the card is the main document */
  adw_combo_row_set_selected (document->type, 1);
  adw_expander_row_set_expanded (document->expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (document->number));
  self->dirty = TRUE;
}

/* ---- filling ---- */

static void
fill (TdCustomerEditor *self,
      JsonObject       *record,
      JsonObject       *prefill)
{
  self->filling = TRUE;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *value = record_string (record ? record : prefill, fields[i].field);

      if (fields[i].choices)
        combo_set_value (ADW_COMBO_ROW (self->rows[i]), fields[i].choices, value);
      else
        set_text (ADW_ENTRY_ROW (self->rows[i]), value);
    }
  for (guint i = 0; i < N_CHANNELS; i++)
    {
      g_autofree char *at_field = g_strconcat (channels[i].field, "_at", NULL);
      g_autofree char *how_field = g_strconcat (channels[i].field, "_how", NULL);
      g_autofree char *at = td_customer_format_time (record_string (record, at_field), NULL);
      g_autofree char *since = at ? g_strdup_printf (_("Since %s"), at) : NULL;

      combo_set_value (self->consent[i].state, consent_states, record_string (record, channels[i].field));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->consent[i].state), since);
      set_text (self->consent[i].how, record_string (record, how_field));
    }
  party_changed_cb (self);
  consent_changed_cb (self);
  self->filling = FALSE;
}

/* ------------------------------------------------------------------ */
/* saving                                                             */

static void
set_busy (TdCustomerEditor *self,
          GCancellable     *cancellable)
{
  g_set_object (&self->cancellable, cancellable);
  gtk_spinner_set_spinning (self->spinner, cancellable != NULL);
  /* (not the fields: GTK 4.8 would leave a focused entry blinking, and
   * warning about it; a save takes a moment) */
  gtk_widget_set_sensitive (self->save_button, cancellable == NULL);
}

static void
set_save_label (TdCustomerEditor *self,
                gboolean          anyway)
{
  if (anyway)
    gtk_button_set_label (GTK_BUTTON (self->save_button), _("Save _Anyway"));
  else
    gtk_button_set_label (GTK_BUTTON (self->save_button), self->record ? _("_Save") : _("_Add"));
}

/* The form's values, every field (NULL when empty), unchecked. */
static JsonObject *
collect (TdCustomerEditor *self)
{
  JsonObject *values = json_object_new ();
  gboolean person = g_strcmp0 (combo_value (ADW_COMBO_ROW (self->rows[field_index ("party")]), parties),
                               "organisation") != 0;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = NULL;
      const char *value;

      if (fields[i].person_only && !person)
        {
          json_object_set_null_member (values, fields[i].field);
          continue;
        }
      if (fields[i].choices)
        value = combo_value (ADW_COMBO_ROW (self->rows[i]), fields[i].choices);
      else
        value = text = entry_value (ADW_ENTRY_ROW (self->rows[i]));

      /* a gender not given may come from the identity card */
      if (g_str_equal (fields[i].field, "gender") && value == NULL && self->record == NULL)
        continue;
      if (value)
        json_object_set_string_member (values, fields[i].field, value);
      else
        json_object_set_null_member (values, fields[i].field);
    }
  return values;
}

static gboolean
same_value (JsonNode   *node,
            const char *old)
{
  const char *value = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

  return g_strcmp0 (value, old) == 0;
}

static GtkWidget *
focus_target (TdCustomerEditor *self,
              GtkWidget        *first,
              GtkWidget        *row)
{
  return first ? first : row;
}

/* Dates the customer check does not look at. */
static char *
check_date (const char *text)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL || td_date_parse_iso (text, NULL, &error))
    return NULL;
  return g_strdup (error->message);
}

/* Checks everything, shows the problems: FALSE when something must be
 * fixed first. *warnings_out is set when there are only warnings. */
static gboolean
check (TdCustomerEditor  *self,
       JsonObject        *values,
       gboolean          *warnings_out)
{
  g_autoptr(GPtrArray) problems = td_customer_check (values);
  GtkWidget *first = NULL;
  gboolean ok = TRUE;

  clear_problems (self);
  *warnings_out = FALSE;

  for (guint i = 0; i < problems->len; i++)
    {
      TdFieldProblem *problem = g_ptr_array_index (problems, i);
      int index = field_index (problem->field);

      if (index < 0 || self->problems[index] == NULL)
        {
          /* no row for it: above the fields */
          show_message (self, problem->message);
          ok = ok && problem->warning;
          continue;
        }
      show_field_problem (self->rows[index], self->problems[index], problem->message, problem->warning);
      if (!problem->warning)
        {
          first = focus_target (self, first, self->rows[index]);
          ok = FALSE;
        }
      else
        *warnings_out = TRUE;
    }

  {
    int expiry = field_index ("id_expiry");
    g_autofree char *problem = check_date (json_object_get_string_member_with_default (values, "id_expiry", NULL));

    if (problem)
      {
        show_field_problem (self->rows[expiry], self->problems[expiry], problem, FALSE);
        first = focus_target (self, first, self->rows[expiry]);
        ok = FALSE;
      }
  }

  /* consent changed: how must be said */
  for (guint i = 0; i < N_CHANNELS; i++)
    {
      const char *state = combo_value (self->consent[i].state, consent_states);
      g_autofree char *how = entry_value (self->consent[i].how);

      if (g_strcmp0 (state, record_string (self->record, channels[i].field)) != 0 && state != NULL && how == NULL)
        {
          td_entry_row_set_problem (self->consent[i].how, self->consent[i].how_problem,
                                    _("Say how the customer gave or withdrew consent: it is kept as proof."));
          first = focus_target (self, first, GTK_WIDGET (self->consent[i].how));
          ok = FALSE;
        }
    }

  for (guint i = 0; i < self->documents->len; i++)
    {
      Document *document = g_ptr_array_index (self->documents, i);
      g_autofree char *number = entry_value (document->number);
      g_autofree char *expiry = entry_value (document->expiry);
      g_autofree char *expiry_problem = check_date (expiry);
      g_autoptr(GError) error = NULL;

      if (number == NULL)
        {
          td_entry_row_set_problem (document->number, document->number_problem, _("Enter the document's number."));
          adw_expander_row_set_expanded (document->expander, TRUE);
          first = focus_target (self, first, GTK_WIDGET (document->number));
          ok = FALSE;
        }
      else if (g_strcmp0 (combo_value (document->type, document_types), "resident-id") == 0
               && !td_id_number_validate (number, NULL, &error))
        {
          td_entry_row_set_problem (document->number, document->number_problem, error->message);
          adw_expander_row_set_expanded (document->expander, TRUE);
          first = focus_target (self, first, GTK_WIDGET (document->number));
          ok = FALSE;
        }
      if (expiry_problem)
        {
          td_entry_row_set_problem (document->expiry, document->expiry_problem, expiry_problem);
          adw_expander_row_set_expanded (document->expander, TRUE);
          first = focus_target (self, first, GTK_WIDGET (document->expiry));
          ok = FALSE;
        }
    }

  if (first)
    gtk_widget_grab_focus (first);
  return ok;
}

/* The customer's change: every value for a new one; what differs from the
 * record, with the consent's time, for one there is. */
static TdChange *
customer_change (TdCustomerEditor *self,
                 JsonObject       *values)
{
  g_autofree char *now = td_timestamp_now ();
  g_autoptr(GList) members = json_object_get_members (values);
  TdChange *change;

  if (self->record == NULL)
    change = td_change_new_insert ("customer", NULL);
  else
    change = td_change_new_update ("customer", self->id, json_object_get_int_member (self->record, "revision"));

  for (const GList *l = members; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (values, l->data);

      if (self->record != NULL && same_value (node, record_string (self->record, l->data)))
        continue;
      if (JSON_NODE_HOLDS_NULL (node))
        {
          if (self->record != NULL)
            td_change_set_null (change, l->data);
        }
      else
        td_change_set_string (change, l->data, json_node_get_string (node));
    }

  for (guint i = 0; i < N_CHANNELS; i++)
    {
      g_autofree char *at_field = g_strconcat (channels[i].field, "_at", NULL);
      g_autofree char *how_field = g_strconcat (channels[i].field, "_how", NULL);
      const char *state = combo_value (self->consent[i].state, consent_states);
      g_autofree char *how = entry_value (self->consent[i].how);

      if (g_strcmp0 (state, record_string (self->record, channels[i].field)) != 0)
        {
          /* given or withdrawn now: when, and how */
          if (state)
            {
              td_change_set_string (change, channels[i].field, state);
              td_change_set_string (change, at_field, now);
            }
          else
            {
              td_change_set_null (change, channels[i].field);
              td_change_set_null (change, at_field);
            }
        }
      if (g_strcmp0 (how, record_string (self->record, how_field)) != 0)
        {
          if (how)
            td_change_set_string (change, how_field, how);
          else if (self->record)
            td_change_set_null (change, how_field);
        }
    }
  return change;
}

static void
set_document_value (TdChange   *change,
                    JsonObject *record,
                    const char *field,
                    const char *value)
{
  if (record == NULL)
    {
      if (value)
        td_change_set_string (change, field, value);
    }
  else if (g_strcmp0 (value, record_string (record, field)) != 0)
    {
      if (value)
        td_change_set_string (change, field, value);
      else
        td_change_set_null (change, field);
    }
}

/* The documents' changes: new ones, changed ones, removed ones. */
static void
add_document_changes (TdCustomerEditor *self,
                      const char       *customer_id,
                      GPtrArray        *changes)
{
  GPtrArray *original = g_object_get_data (G_OBJECT (self), "td-documents");

  for (guint i = 0; i < self->documents->len; i++)
    {
      Document *document = g_ptr_array_index (self->documents, i);
      g_autofree char *raw = entry_value (document->number);
      g_autofree char *number = NULL;
      g_autofree char *country = entry_value (document->country);
      g_autofree char *expiry = entry_value (document->expiry);
      TdChange *change;

      /* as the identity number is kept: upper case, no spaces */
      number = raw ? g_ascii_strup (raw, -1) : NULL;
      if (number)
        g_strdelimit (number, " ", '\0');
      if (document->record == NULL)
        {
          change = td_change_new_insert ("customer_document", NULL);
          td_change_set_string (change, "customer_id", customer_id);
        }
      else
        change = td_change_new_update ("customer_document",
                                       json_object_get_string_member (document->record, "id"),
                                       json_object_get_int_member (document->record, "revision"));
      set_document_value (change, document->record, "doc_type", combo_value (document->type, document_types));
      set_document_value (change, document->record, "number", number);
      set_document_value (change, document->record, "country", country);
      set_document_value (change, document->record, "expiry", expiry);
      if (document->record != NULL && json_object_get_size (td_change_get_values (change)) == 0)
        td_change_unref (change);
      else
        g_ptr_array_add (changes, change);
    }

  /* the documents removed */
  for (guint i = 0; original && i < original->len; i++)
    {
      JsonObject *record = g_ptr_array_index (original, i);
      gboolean kept = FALSE;

      for (guint j = 0; j < self->documents->len && !kept; j++)
        kept = ((Document *) g_ptr_array_index (self->documents, j))->record == record;
      if (!kept)
        g_ptr_array_add (changes, td_change_new_delete ("customer_document",
                                                        json_object_get_string_member (record, "id"),
                                                        json_object_get_int_member (record, "revision")));
    }
}

static void
committed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdCustomerEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (self), "td-saving-id");

  set_busy (self, NULL);
  if (!td_database_commit_finish (TD_DATABASE (object), result, &error))
    {
      if (g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT))
        show_message (self, _("Someone else changed this customer while you were editing: nothing was saved. "
                              "Copy what you typed, close this window and open the customer again to see their changes."));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Nothing was saved: %s"), error->message);

          show_message (self, message);
        }
      return;
    }

  self->saved = TRUE;
  g_signal_emit (self, signals[SAVED], 0, id, self->record == NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
commit (TdCustomerEditor *self,
        JsonObject       *values)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  TdChange *change = customer_change (self, values);
  const char *id = td_change_get_id (change);

  g_ptr_array_add (changes, change);
  add_document_changes (self, id, changes);
  if (self->record != NULL && changes->len == 1 && json_object_get_size (td_change_get_values (change)) == 0)
    {
      /* nothing changed */
      self->saved = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  set_busy (self, cancellable);
  show_message (self, NULL);
  g_object_set_data_full (G_OBJECT (self), "td-saving-id", g_strdup (id), g_free);
  td_database_commit_async (self->database, NULL, changes, NULL, committed_cb, g_object_ref (self));
}

/* ---- likely duplicates (new customers) ---- */

static void
duplicate_open_clicked_cb (GtkButton *button,
                           gpointer   user_data)
{
  TdCustomerEditor *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (button), "td-id");
  g_autofree char *copy = g_strdup (id);

  self->saved = TRUE;   /* (nothing to keep: the person chose the one there is) */
  g_signal_emit (self, signals[OPEN_REQUESTED], 0, copy);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
show_duplicates (TdCustomerEditor *self,
                 GPtrArray        *duplicates)
{
  for (guint i = 0; i < self->duplicate_rows->len; i++)
    adw_preferences_group_remove (self->duplicates_group, g_ptr_array_index (self->duplicate_rows, i));
  g_ptr_array_set_size (self->duplicate_rows, 0);
  g_clear_pointer (&self->duplicates, g_ptr_array_unref);

  for (guint i = 0; duplicates && i < duplicates->len; i++)
    {
      TdDuplicate *duplicate = g_ptr_array_index (duplicates, i);
      g_autofree char *phone = td_customer_format_phone (duplicate->phone);
      g_autoptr(GString) subtitle = g_string_new (td_duplicate_reason_to_string (duplicate->reason));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));

      if (phone)
        g_string_append_printf (subtitle, " · %s", phone);
      if (duplicate->id_number_masked)
        g_string_append_printf (subtitle, " · %s", duplicate->id_number_masked);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), duplicate->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (open, _("Open This Customer Instead"));
      g_object_set_data_full (G_OBJECT (open), "td-id", g_strdup (duplicate->id), g_free);
      g_signal_connect (open, "clicked", G_CALLBACK (duplicate_open_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      adw_preferences_group_add (self->duplicates_group, row);
      g_ptr_array_add (self->duplicate_rows, row);
    }
  if (duplicates && duplicates->len > 0)
    self->duplicates = g_ptr_array_ref (duplicates);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group), duplicates && duplicates->len > 0);
}

typedef struct {
  TdCustomerEditor *editor;
  JsonObject       *values;
} DuplicatesData;

static void
duplicates_found_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DuplicatesData *data = user_data;
  g_autoptr(TdCustomerEditor) self = data->editor;
  g_autoptr(JsonObject) values = data->values;
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) error = NULL;

  g_free (data);
  duplicates = td_customer_find_duplicates_finish (TD_DATABASE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, NULL);
  if (duplicates == NULL)
    {
      /* not a reason to refuse: said, and saved on the next Save */
      g_autofree char *message = g_strdup_printf (_("Could not look for this customer among the others: %s"),
                                                  error->message);

      show_message (self, message);
      set_save_label (self, TRUE);
      return;
    }
  if (duplicates->len > 0)
    {
      show_duplicates (self, duplicates);
      set_save_label (self, TRUE);
      /* (the first "Open": into view, at the top) */
      gtk_widget_child_focus (GTK_WIDGET (self->duplicates_group), GTK_DIR_TAB_FORWARD);
      return;
    }
  commit (self, values);
}

/* A new customer: the ones that look like them first (once for the same
 * values); commits when there are none. */
static void
look_for_duplicates (TdCustomerEditor *self,
                     JsonObject       *values)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  DuplicatesData *data = g_new0 (DuplicatesData, 1);

  data->editor = g_object_ref (self);
  data->values = json_object_ref (values);
  set_busy (self, cancellable);
  td_customer_find_duplicates_async (self->database, values, NULL, cancellable, duplicates_found_cb, data);
}

static char *
values_signature (JsonObject *values)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), values);

  return json_to_string (node, FALSE);
}

static void
save (TdCustomerEditor *self)
{
  g_autoptr(JsonObject) values = NULL;
  g_autofree char *signature = NULL;
  gboolean warnings;

  if (self->cancellable != NULL || self->database == NULL)
    return;

  show_message (self, NULL);
  values = collect (self);
  if (!check (self, values, &warnings))
    {
      set_save_label (self, FALSE);
      return;
    }
  /* the values as they will be kept */
  for (guint i = 0; i < N_FIELDS; i++)
    if (!fields[i].choices && json_object_has_member (values, fields[i].field))
      {
        self->filling = TRUE;
        set_text (ADW_ENTRY_ROW (self->rows[i]),
                               json_object_get_string_member_with_default (values, fields[i].field, NULL));
        self->filling = FALSE;
      }

  signature = values_signature (values);
  if (warnings && g_strcmp0 (signature, self->warned) != 0)
    {
      /* said once; the next Save keeps them */
      g_free (self->warned);
      self->warned = g_strdup (signature);
      set_save_label (self, TRUE);
      return;
    }
  if (self->record == NULL && g_strcmp0 (signature, self->compared) != 0)
    {
      g_free (self->compared);
      self->compared = g_strdup (signature);
      look_for_duplicates (self, values);
      return;
    }
  commit (self, values);
}

void
td_customer_editor_save (TdCustomerEditor *self)
{
  g_return_if_fail (TD_IS_CUSTOMER_EDITOR (self));
  save (self);
}

static void
save_clicked_cb (TdCustomerEditor *self,
                 GtkButton        *button)
{
  save (self);
}

/* ------------------------------------------------------------------ */
/* closing                                                            */

static void
discard_response_cb (TdCustomerEditor *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->saved = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
td_customer_editor_close_request (GtkWindow *window)
{
  TdCustomerEditor *self = TD_CUSTOMER_EDITOR (window);
  GtkWidget *dialog;

  if (!self->dirty || self->saved)
    return GTK_WINDOW_CLASS (td_customer_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard the Changes?"),
                                   self->record ? _("What you changed in this customer has not been saved.")
                                                : _("This customer has not been added yet."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* public                                                             */

GtkWidget *
td_customer_editor_new (GtkWindow         *parent,
                        TdDatabase        *database,
                        TdCustomerOverview *overview,
                        JsonObject        *prefill)
{
  TdCustomerEditor *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  self = g_object_new (TD_TYPE_CUSTOMER_EDITOR, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  if (overview)
    {
      self->record = json_object_ref (overview->customer);
      self->id = g_strdup (json_object_get_string_member (overview->customer, "id"));
      /* the documents as they were, to know which were removed */
      g_object_set_data_full (G_OBJECT (self), "td-documents",
                              g_ptr_array_ref (overview->documents), (GDestroyNotify) g_ptr_array_unref);
    }

  fill (self, self->record, prefill);
  self->filling = TRUE;
  for (guint i = 0; overview && i < overview->documents->len; i++)
    add_document (self, g_ptr_array_index (overview->documents, i));
  self->filling = FALSE;

  adw_window_title_set_title (self->window_title, self->record ? _("Edit Customer") : _("New Customer"));
  adw_window_title_set_subtitle (self->window_title, record_string (self->record, "name"));
  gtk_window_set_title (GTK_WINDOW (self), self->record ? _("Edit Customer") : _("New Customer"));
  set_save_label (self, FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  gtk_widget_grab_focus (self->rows[field_index ("name")]);
  return GTK_WIDGET (self);
}

gboolean
td_customer_editor_get_busy (TdCustomerEditor *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_EDITOR (self), FALSE);
  return self->cancellable != NULL;
}

GtkWidget *
td_customer_editor_get_row (TdCustomerEditor *self,
                            const char       *field)
{
  int index;

  g_return_val_if_fail (TD_IS_CUSTOMER_EDITOR (self), NULL);

  index = field_index (field);
  if (index >= 0)
    return self->rows[index];
  for (guint i = 0; i < N_CHANNELS; i++)
    {
      g_autofree char *how = g_strconcat (channels[i].field, "_how", NULL);

      if (g_strcmp0 (field, channels[i].field) == 0)
        return GTK_WIDGET (self->consent[i].state);
      if (g_strcmp0 (field, how) == 0)
        return GTK_WIDGET (self->consent[i].how);
    }
  return NULL;
}

const char *
td_customer_editor_get_problem (TdCustomerEditor *self,
                                const char       *field)
{
  GtkWidget *row = td_customer_editor_get_row (self, field);
  GtkWidget *message;

  g_return_val_if_fail (TD_IS_CUSTOMER_EDITOR (self), NULL);

  message = row ? g_object_get_data (G_OBJECT (row), "td-problem-message") : NULL;
  if (message == NULL || !gtk_widget_get_visible (message))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (message));
}

GPtrArray *
td_customer_editor_get_duplicates (TdCustomerEditor *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_EDITOR (self), NULL);
  return self->duplicates;
}

const char *
td_customer_editor_get_message (TdCustomerEditor *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_EDITOR (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_customer_editor_dispose (GObject *object)
{
  TdCustomerEditor *self = TD_CUSTOMER_EDITOR (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CUSTOMER_EDITOR);

  G_OBJECT_CLASS (td_customer_editor_parent_class)->dispose (object);
}

static void
td_customer_editor_finalize (GObject *object)
{
  TdCustomerEditor *self = TD_CUSTOMER_EDITOR (object);

  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->duplicate_rows, g_ptr_array_unref);
  g_clear_pointer (&self->duplicates, g_ptr_array_unref);
  g_clear_pointer (&self->record, json_object_unref);
  g_clear_object (&self->database);
  g_free (self->id);
  g_free (self->warned);
  g_free (self->compared);

  G_OBJECT_CLASS (td_customer_editor_parent_class)->finalize (object);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (TD_CUSTOMER_EDITOR (widget));
}

static void
td_customer_editor_class_init (TdCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = td_customer_editor_dispose;
  object_class->finalize = td_customer_editor_finalize;
  window_class->close_request = td_customer_editor_close_request;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[OPEN_REQUESTED] =
    g_signal_new ("open-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, page);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, customer_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, contact_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, identity_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, documents_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, consent_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerEditor, more_group);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_document_clicked_cb);
}

static void
td_customer_editor_init (TdCustomerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) document_free);
  self->duplicate_rows = g_ptr_array_new ();
  build_fields (self);
}
