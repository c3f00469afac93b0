/* td-customer-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-customer-details.h"
#include "td-customer-format.h"
#include "td-window.h"

struct _TdCustomerDetails
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkWidget            *back_button;
  GtkWidget            *edit_button;
  GtkWidget            *survey_button;
  GtkWidget            *delete_button;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  GtkScrolledWindow    *scrolled_window;
  AdwAvatar            *avatar;
  GtkLabel             *name_label;
  GtkLabel             *summary_label;
  GtkBox               *tags_box;
  GtkWidget            *deleted_label;
  AdwPreferencesGroup  *contact_group;
  AdwPreferencesGroup  *identity_group;
  AdwPreferencesGroup  *consent_group;
  AdwPreferencesGroup  *more_group;
  AdwPreferencesGroup  *timeline_group;
  AdwEntryRow          *note_row;

  GPtrArray            *rows;       /* GtkWidget: the rows added to the groups */
  TdDatabase           *database;
  char                 *id;
  char                 *time_zone;
  TdCustomerOverview    *overview;
  GCancellable         *cancellable;
  gulong                changed_id;
  gboolean              reveal_id;
};

G_DEFINE_FINAL_TYPE (TdCustomerDetails, td_customer_details, GTK_TYPE_WIDGET)

enum {
  BACK_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load (TdCustomerDetails *self);

/* ------------------------------------------------------------------ */
/* rows                                                               */

static void
clear_rows (TdCustomerDetails *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box)));)
    gtk_box_remove (self->tags_box, child);
}

static GtkWidget *
add_row (TdCustomerDetails   *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

/* A row "label ........ value", the value selectable (to copy it). */
static GtkWidget *
add_value_row (TdCustomerDetails   *self,
               AdwPreferencesGroup *group,
               const char          *label,
               const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *text = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 1);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_RIGHT);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_add_css_class (text, "td-value");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), text);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  return add_row (self, group, row);
}

static const char *
member (JsonObject *record,
        const char *field)
{
  const char *value = json_object_get_string_member_with_default (record, field, NULL);

  return value && *value ? value : NULL;
}

static void
add_field (TdCustomerDetails   *self,
           AdwPreferencesGroup *group,
           JsonObject          *record,
           const char          *field)
{
  const char *value = member (record, field);

  if (value != NULL)
    add_value_row (self, group, td_customer_field_title (field), value);
}

/* "13800138000,+8637160000100" → one formatted phone a line */
static char *
format_phones (const char *phones)
{
  g_auto(GStrv) parts = g_strsplit (phones, ",", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *phone = td_customer_format_phone (parts[i]);

      if (out->len)
        g_string_append_c (out, '\n');
      g_string_append (out, phone);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
age_of (const char *birth_date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int y, m, d, age;

  if (birth_date == NULL || sscanf (birth_date, "%d-%d-%d", &y, &m, &d) != 3)
    return -1;
  age = g_date_time_get_year (now) - y;
  if (g_date_time_get_month (now) < m || (g_date_time_get_month (now) == m && g_date_time_get_day_of_month (now) < d))
    age--;
  return age;
}

static char *
expiry_text (const char *expiry)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (expiry == NULL)
    return NULL;
  if (g_strcmp0 (expiry, today) < 0)
    /* Translators: an identity document's date of expiry, when past */
    return g_strdup_printf (_("Expired on %s"), expiry);
  /* Translators: an identity document's date of expiry */
  return g_strdup_printf (_("Valid until %s"), expiry);
}

static void
reveal_toggled_cb (TdCustomerDetails *self,
                   GtkToggleButton   *button)
{
  self->reveal_id = gtk_toggle_button_get_active (button);
  load (self);
}

static void
show_identity (TdCustomerDetails *self,
               JsonObject        *customer,
               GPtrArray         *documents)
{
  const char *number = member (customer, "id_number");

  if (number != NULL)
    {
      const char *type = member (customer, "id_type");
      g_autofree char *masked = td_id_number_mask (number);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *text = gtk_label_new (self->reveal_id ? number : masked);
      GtkWidget *reveal = gtk_toggle_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     type ? td_customer_value_title ("id_type", type) : _("Identity number"));
      if (member (customer, "id_country"))
        g_string_append (subtitle, member (customer, "id_country"));
      if (member (customer, "id_expiry"))
        {
          g_autofree char *until = expiry_text (member (customer, "id_expiry"));

          if (subtitle->len)
            g_string_append (subtitle, " · ");
          g_string_append (subtitle, until);
        }
      if (subtitle->len)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_widget_add_css_class (text, "numeric");
      gtk_widget_add_css_class (text, "td-value");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), text);

      /* shown in full only when asked for */
      gtk_button_set_icon_name (GTK_BUTTON (reveal), self->reveal_id ? "view-conceal-symbolic" : "view-reveal-symbolic");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (reveal), self->reveal_id);
      gtk_widget_set_valign (reveal, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (reveal, "flat");
      gtk_widget_set_tooltip_text (reveal, self->reveal_id ? _("Hide the Number") : _("Show the Whole Number"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (reveal), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Show the Whole Number"), -1);
      g_signal_connect_object (reveal, "toggled", G_CALLBACK (reveal_toggled_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), reveal);
      add_row (self, self->identity_group, row);
    }

  for (guint i = 0; i < documents->len; i++)
    {
      JsonObject *document = g_ptr_array_index (documents, i);
      const char *type = member (document, "doc_type");
      g_autofree char *masked = td_id_number_mask (member (document, "number"));
      g_autofree char *until = expiry_text (member (document, "expiry"));
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row;

      row = add_value_row (self, self->identity_group,
                           type ? td_customer_value_title ("doc_type", type) : _("Identity document"),
                           masked ? masked : "");
      if (member (document, "country"))
        g_string_append (subtitle, member (document, "country"));
      if (until)
        {
          if (subtitle->len)
            g_string_append (subtitle, " · ");
          g_string_append (subtitle, until);
        }
      if (member (document, "notes"))
        {
          if (subtitle->len)
            g_string_append (subtitle, " · ");
          g_string_append (subtitle, member (document, "notes"));
        }
      if (subtitle->len)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->identity_group), number != NULL || documents->len > 0);
}

static void
show_consent (TdCustomerDetails *self,
              JsonObject        *customer)
{
  static const struct {
    const char *field;
    const char *title;
  } channels[] = {
    { "consent_email", N_("E-mail") },
    { "consent_sms", N_("Text messages") },
    { "consent_phone", N_("Phone calls") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      g_autofree char *at_field = g_strconcat (channels[i].field, "_at", NULL);
      g_autofree char *how_field = g_strconcat (channels[i].field, "_how", NULL);
      const char *state = member (customer, channels[i].field);
      g_autofree char *at = td_customer_format_time (member (customer, at_field), self->time_zone);
      const char *how = member (customer, how_field);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row;

      row = add_value_row (self, self->consent_group, _(channels[i].title),
                           state ? td_customer_value_title (channels[i].field, state) : _("Not asked"));
      if (at)
        g_string_append (subtitle, at);
      if (how)
        {
          if (subtitle->len)
            g_string_append (subtitle, " · ");
          g_string_append (subtitle, how);
        }
      if (subtitle->len)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      if (g_strcmp0 (state, "withdrawn") == 0)
        gtk_widget_add_css_class (row, "td-consent-withdrawn");
    }
}

static const char *
timeline_icon (TdTimelineKind kind)
{
  switch (kind)
    {
    case TD_TIMELINE_NOTE: return "text-x-generic-symbolic";
    case TD_TIMELINE_CREATED: return "contact-new-symbolic";
    case TD_TIMELINE_DELETED: return "user-trash-symbolic";
    case TD_TIMELINE_RESTORED: return "edit-undo-symbolic";
    case TD_TIMELINE_DOCUMENT: return "auth-smartcard-symbolic";
    case TD_TIMELINE_CHANGED:
    default: return "document-edit-symbolic";
    }
}

static void
show_timeline (TdCustomerDetails *self,
               GPtrArray         *timeline)
{
  for (guint i = 0; i < timeline->len; i++)
    {
      TdTimelineEntry *entry = g_ptr_array_index (timeline, i);
      g_autofree char *at = td_customer_format_time (entry->at, self->time_zone);
      g_autofree char *when = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (timeline_icon (entry->kind));

      if (entry->actor)
        /* Translators: when and who, under an entry of a customer's history */
        when = g_strdup_printf (_("%s, by %s"), at ? at : entry->at, entry->actor);
      else
        when = g_strdup (at ? at : entry->at);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (entry->kind == TD_TIMELINE_NOTE)
        {
          /* the note itself is what matters */
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->text ? entry->text : "");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
        }
      else
        {
          /* when and who, then what changed */
          g_autofree char *subtitle = entry->text ? g_strconcat (when, "\n", entry->text, NULL) : g_strdup (when);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, entry->title, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      add_row (self, self->timeline_group, row);
    }
}

static void
show_overview (TdCustomerDetails *self)
{
  JsonObject *customer = self->overview->customer;
  const char *name = member (customer, "name");
  const char *party = member (customer, "party");
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) place = g_string_new (NULL);
  const char *place_fields[] = { "province", "city", "district" };
  g_auto(GStrv) tags = NULL;
  int age;

  clear_rows (self);

  gtk_label_set_text (self->name_label, name ? name : "");
  adw_avatar_set_text (self->avatar, name);
  adw_avatar_set_icon_name (self->avatar, g_strcmp0 (party, "organisation") == 0 ? "td-organisation-symbolic" : NULL);
  gtk_widget_set_visible (self->deleted_label, json_object_get_boolean_member_with_default (customer, "deleted", FALSE));

  /* Person · Female · 36 years */
  if (party)
    g_string_append (summary, td_customer_value_title ("party", party));
  if (member (customer, "gender"))
    g_string_append_printf (summary, " · %s", td_customer_value_title ("gender", member (customer, "gender")));
  age = age_of (member (customer, "birth_date"));
  if (age >= 0)
    {
      /* Translators: a customer's age */
      g_string_append (summary, " · ");
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%d year old", "%d years old", age), age);
    }
  gtk_label_set_text (self->summary_label, summary->str);

  if (member (customer, "tags"))
    tags = g_strsplit (member (customer, "tags"), ",", -1);
  for (guint i = 0; tags && tags[i]; i++)
    {
      GtkWidget *tag = gtk_label_new (tags[i]);

      gtk_widget_add_css_class (tag, "td-tag");
      gtk_label_set_ellipsize (GTK_LABEL (tag), PANGO_ELLIPSIZE_END);
      gtk_box_append (self->tags_box, tag);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags != NULL);

  /* contact */
  if (member (customer, "phone"))
    {
      g_autofree char *phone = td_customer_format_phone (member (customer, "phone"));

      add_value_row (self, self->contact_group, td_customer_field_title ("phone"), phone);
    }
  if (member (customer, "other_phones"))
    {
      g_autofree char *phones = format_phones (member (customer, "other_phones"));

      add_value_row (self, self->contact_group, td_customer_field_title ("other_phones"), phones);
    }
  add_field (self, self->contact_group, customer, "email");
  if (member (customer, "other_emails"))
    {
      g_autofree char *emails = g_strdelimit (g_strdup (member (customer, "other_emails")), ",", '\n');

      add_value_row (self, self->contact_group, td_customer_field_title ("other_emails"), emails);
    }
  for (guint i = 0; i < G_N_ELEMENTS (place_fields); i++)
    if (member (customer, place_fields[i]))
      g_string_append (place, member (customer, place_fields[i]));
  if (place->len)
    add_value_row (self, self->contact_group, _("Address"), place->str);
  if (self->rows->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No phone, e-mail or address yet"));
      gtk_widget_add_css_class (none, "dim-label");
      add_row (self, self->contact_group, none);
    }

  show_identity (self, customer, self->overview->documents);
  show_consent (self, customer);

  /* more */
  {
    guint before = self->rows->len;

    add_field (self, self->more_group, customer, "birth_date");
    add_field (self, self->more_group, customer, "nationality");
    if (member (customer, "source"))
      add_value_row (self, self->more_group, td_customer_field_title ("source"),
                     td_customer_value_title ("source", member (customer, "source")));
    if (json_object_has_member (customer, "loyalty_points")
        && !json_object_get_null_member (customer, "loyalty_points"))
      {
        g_autofree char *points = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   json_object_get_int_member (customer, "loyalty_points"));

        add_value_row (self, self->more_group, td_customer_field_title ("loyalty_points"), points);
      }
    add_field (self, self->more_group, customer, "notes");
    gtk_widget_set_visible (GTK_WIDGET (self->more_group), self->rows->len > before);
  }

  show_timeline (self, self->overview->timeline);
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

static void
set_actions (TdCustomerDetails *self)
{
  gboolean live = self->overview
    && !json_object_get_boolean_member_with_default (self->overview->customer, "deleted", FALSE);

  gtk_widget_set_sensitive (self->edit_button, live);
  gtk_widget_set_sensitive (self->delete_button, live);
  gtk_widget_set_visible (self->edit_button, self->id != NULL);
  gtk_widget_set_sensitive (self->survey_button, live);
  gtk_widget_set_visible (self->survey_button, self->id != NULL);
  gtk_widget_set_visible (self->delete_button, self->id != NULL);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TdCustomerDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  TdCustomerOverview *overview = td_customer_overview_load_finish (TD_DATABASE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);

  if (overview == NULL)
    {
      g_clear_pointer (&self->overview, td_customer_overview_free);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      set_actions (self);
      return;
    }

  g_clear_pointer (&self->overview, td_customer_overview_free);
  self->overview = overview;
  show_overview (self);
  gtk_stack_set_visible_child_name (self->stack, "profile");
  set_actions (self);
}

static void
load (TdCustomerDetails *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->database == NULL || self->id == NULL)
    {
      g_clear_pointer (&self->overview, td_customer_overview_free);
      clear_rows (self);
      gtk_stack_set_visible_child_name (self->stack, "none");
      set_actions (self);
      return;
    }

  /* the spinner only when another customer is coming */
  if (self->overview == NULL
      || g_strcmp0 (json_object_get_string_member (self->overview->customer, "id"), self->id) != 0)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  self->cancellable = g_cancellable_new ();
  td_customer_overview_load_async (self->database, self->id, self->cancellable, loaded_cb, g_object_ref (self));
}

/* Reloads when a change concerns the customer shown: the record, one of
 * its documents, or a note or document about it. */
static void
database_changed_cb (TdCustomerDetails *self,
                     GPtrArray         *changes,
                     TdDatabase        *database)
{
  if (self->id == NULL)
    return;
  if (changes == NULL)
    {
      load (self);
      return;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      TdChange *change = g_ptr_array_index (changes, i);
      const char *about = json_object_get_string_member_with_default (td_change_get_values (change),
                                                                      "customer_id", NULL);
      gboolean concerns = g_strcmp0 (td_change_get_id (change), self->id) == 0
        || g_strcmp0 (about, self->id) == 0;

      for (guint j = 0; !concerns && self->overview && j < self->overview->documents->len; j++)
        concerns = g_strcmp0 (json_object_get_string_member (g_ptr_array_index (self->overview->documents, j), "id"),
                              td_change_get_id (change)) == 0;
      if (concerns)
        {
          load (self);
          return;
        }
    }
}

void
td_customer_details_show (TdCustomerDetails *self,
                          TdDatabase        *database,
                          const char        *id)
{
  g_return_if_fail (TD_IS_CUSTOMER_DETAILS (self));
  g_return_if_fail (!database || TD_IS_DATABASE (database));

  if (self->database != database)
    {
      if (self->database && self->changed_id)
        g_clear_signal_handler (&self->changed_id, self->database);
      g_set_object (&self->database, database);
      g_clear_pointer (&self->time_zone, g_free);
      if (database)
        {
          self->time_zone = td_database_dup_setting (database, TD_SETTING_TIME_ZONE);
          self->changed_id = g_signal_connect_object (database, "changed",
                                                      G_CALLBACK (database_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
        }
    }

  if (g_strcmp0 (self->id, id) != 0)
    {
      g_free (self->id);
      self->id = g_strdup (id);
      self->reveal_id = FALSE;
      gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
    }
  load (self);
}

const char *
td_customer_details_get_customer_id (TdCustomerDetails *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_DETAILS (self), NULL);
  return self->id;
}

TdCustomerOverview *
td_customer_details_get_overview (TdCustomerDetails *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_DETAILS (self), NULL);
  return self->overview;
}

gboolean
td_customer_details_get_loading (TdCustomerDetails *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_DETAILS (self), FALSE);
  return self->cancellable != NULL;
}

void
td_customer_details_set_show_back (TdCustomerDetails *self,
                                   gboolean           show)
{
  g_return_if_fail (TD_IS_CUSTOMER_DETAILS (self));
  gtk_widget_set_visible (self->back_button, show);
}

void
td_customer_details_focus (TdCustomerDetails *self)
{
  g_return_if_fail (TD_IS_CUSTOMER_DETAILS (self));

  if (gtk_widget_get_visible (self->edit_button) && gtk_widget_get_sensitive (self->edit_button))
    gtk_widget_grab_focus (self->edit_button);
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/* ------------------------------------------------------------------ */
/* notes                                                              */

static void
note_committed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TdCustomerDetails) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), TRUE);
  if (!td_database_commit_finish (TD_DATABASE (object), result, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (TD_IS_WINDOW (root))
        {
          g_autofree char *message = g_strdup_printf (_("The note was not saved: %s"), error->message);

          td_window_add_toast (TD_WINDOW (root), adw_toast_new (message));
        }
      else
        g_warning ("The note was not saved: %s", error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
}

void
td_customer_details_add_note (TdCustomerDetails *self,
                              const char        *text)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autofree char *body = g_strstrip (g_strdup (text ? text : ""));
  TdChange *note;

  g_return_if_fail (TD_IS_CUSTOMER_DETAILS (self));

  if (self->database == NULL || self->id == NULL || *body == '\0')
    return;

  note = td_change_new_insert ("customer_note", NULL);
  td_change_set_string (note, "customer_id", self->id);
  td_change_set_string (note, "body", body);
  g_ptr_array_add (changes, note);
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), FALSE);
  td_database_commit_async (self->database, NULL, changes, NULL, note_committed_cb, g_object_ref (self));
}

static void
note_apply_cb (TdCustomerDetails *self,
               AdwEntryRow       *row)
{
  td_customer_details_add_note (self, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
back_clicked_cb (TdCustomerDetails *self,
                 GtkButton         *button)
{
  g_signal_emit (self, signals[BACK_REQUESTED], 0);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_customer_details_dispose (GObject *object)
{
  TdCustomerDetails *self = TD_CUSTOMER_DETAILS (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->database && self->changed_id)
    g_clear_signal_handler (&self->changed_id, self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CUSTOMER_DETAILS);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (td_customer_details_parent_class)->dispose (object);
}

static void
td_customer_details_finalize (GObject *object)
{
  TdCustomerDetails *self = TD_CUSTOMER_DETAILS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->overview, td_customer_overview_free);
  g_clear_object (&self->database);
  g_free (self->id);
  g_free (self->time_zone);

  G_OBJECT_CLASS (td_customer_details_parent_class)->finalize (object);
}

static void
td_customer_details_class_init (TdCustomerDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_customer_details_dispose;
  object_class->finalize = td_customer_details_finalize;

  signals[BACK_REQUESTED] =
    g_signal_new ("back-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-customer-details.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, back_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, edit_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, survey_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, delete_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, avatar);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, name_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, tags_box);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, deleted_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, contact_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, identity_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, consent_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, more_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerDetails, note_row);
  gtk_widget_class_bind_template_callback (widget_class, note_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static void
td_customer_details_init (TdCustomerDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  set_actions (self);
}

GtkWidget *
td_customer_details_new (void)
{
  return g_object_new (TD_TYPE_CUSTOMER_DETAILS, NULL);
}
