/* td-check-in-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-check-in-dialog.h"

struct _TdCheckInDialog
{
  AdwWindow             parent_instance;

  GtkLabel             *stay_label;
  AdwPreferencesGroup  *guests_group;
  GtkLabel             *no_guest_label;
  GtkSearchEntry       *search_entry;
  GtkListBox           *hits_list;
  GtkLabel             *problem_label;
  GtkSpinner           *spinner;

  TdDatabase           *database;
  TdStay               *stay;
  GPtrArray            *guests;      /* TdGuestCheck*, in the order added */
  GPtrArray            *rows;        /* AdwActionRow*, beside them */
  GPtrArray            *hits;        /* TdCustomerHit* */
  GCancellable         *cancellable;
  guint                 pending;     /* checks and check-ins running */
  char                 *problem;
};

G_DEFINE_FINAL_TYPE (TdCheckInDialog, td_check_in_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CHECKED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
busy_changed (TdCheckInDialog *self)
{
  gtk_spinner_set_spinning (self->spinner, self->pending > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.confirm",
                                 self->pending == 0 && self->guests->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_guest_label), self->guests->len == 0);
}

static void
show_problem (TdCheckInDialog *self,
              const char      *message)
{
  g_free (self->problem);
  self->problem = g_strdup (message);
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

/* ------------------------------------------------------------------ */
/* the guests                                                         */

static const char *
id_type_title (const char *id_type)
{
  if (g_strcmp0 (id_type, "resident-id") == 0)
    return _("Resident identity card");
  if (g_strcmp0 (id_type, "passport") == 0)
    return _("PRC passport");
  if (g_strcmp0 (id_type, "hk-macao-permit") == 0)
    return _("Hong Kong and Macao permit");
  if (g_strcmp0 (id_type, "taiwan-permit") == 0)
    return _("Taiwan permit");
  if (g_strcmp0 (id_type, "foreign-passport") == 0)
    return _("Foreign passport");
  return _("Other document");
}

void
td_check_in_dialog_remove_guest (TdCheckInDialog *self,
                                 guint            index)
{
  g_return_if_fail (TD_IS_CHECK_IN_DIALOG (self));
  g_return_if_fail (index < self->rows->len);

  adw_preferences_group_remove (self->guests_group, g_ptr_array_index (self->rows, index));
  g_ptr_array_remove_index (self->rows, index);
  g_ptr_array_remove_index (self->guests, index);
  show_problem (self, NULL);
  busy_changed (self);
}

static void
remove_guest_cb (GtkButton       *button,
                 TdCheckInDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  guint index;

  if (g_ptr_array_find (self->rows, row, &index))
    td_check_in_dialog_remove_guest (self, index);
}

static GtkWidget *
guest_row (TdCheckInDialog    *self,
           const TdGuestCheck *check)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon, *remove;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check->guest_name);
  if (check->problems->len == 0)
    {
      g_autofree char *masked = g_strcmp0 (check->id_type, "resident-id") == 0
                                ? td_id_number_mask (check->id_number) : g_strdup (check->id_number);

      /* TRANSLATORS: a guest's document: its kind, number and the nationality */
      subtitle = g_strdup_printf (_("%s %s · %s"), id_type_title (check->id_type), masked, check->nationality);
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Papers in order"), -1);
    }
  else
    {
      g_ptr_array_add (check->problems, NULL);
      subtitle = g_strjoinv ("\n", (char **) check->problems->pdata);
      g_ptr_array_remove_index (check->problems, check->problems->len - 1);
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Papers not in order"), -1);
      gtk_widget_add_css_class (row, "error");
    }
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this guest"));
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_guest_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

typedef struct {
  TdDatabase *db;
  char       *customer_id;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_object_unref (data->db);
  g_free (data->customer_id);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  GError *error = NULL;
  TdGuestCheck *check = td_guest_check (data->db, data->customer_id, NULL, &error);

  if (check == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, check, (GDestroyNotify) td_guest_check_free);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TdCheckInDialog *self = TD_CHECK_IN_DIALOG (object);
  g_autoptr(GError) error = NULL;
  TdGuestCheck *check = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *row;

  self->pending--;
  if (check == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error->message);
      busy_changed (self);
      return;
    }
  for (guint i = 0; i < self->guests->len; i++)
    if (g_str_equal (((TdGuestCheck *) g_ptr_array_index (self->guests, i))->customer_id, check->customer_id))
      {
        td_guest_check_free (check);
        busy_changed (self);
        return;
      }
  row = guest_row (self, check);
  g_ptr_array_add (self->guests, check);
  g_ptr_array_add (self->rows, row);
  adw_preferences_group_add (self->guests_group, row);
  show_problem (self, NULL);
  busy_changed (self);
}

void
td_check_in_dialog_add_guest (TdCheckInDialog *self,
                              const char      *customer_id)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (TD_IS_CHECK_IN_DIALOG (self));
  g_return_if_fail (customer_id != NULL);

  data = g_new0 (CheckData, 1);
  data->db = g_object_ref (self->database);
  data->customer_id = g_strdup (customer_id);
  task = g_task_new (self, self->cancellable, check_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  self->pending++;
  busy_changed (self);
  g_task_run_in_thread (task, check_thread);
}

/* ------------------------------------------------------------------ */
/* the search                                                         */

static void
clear_hits (TdCheckInDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->hits_list))))
    gtk_list_box_remove (self->hits_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->hits_list), FALSE);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TdCheckInDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = td_customer_search_finish (TD_DATABASE (object), result, &error);

  if (hits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error->message);
      return;
    }
  clear_hits (self);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->hits = g_steal_pointer (&hits);
  for (guint i = 0; i < self->hits->len; i++)
    {
      TdCustomerHit *hit = g_ptr_array_index (self->hits, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (hit->name, -1);
      g_autofree char *subtitle = g_markup_escape_text (hit->id_number_masked ? hit->id_number_masked
                                                        : hit->phone ? hit->phone : "", -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->hits_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->hits_list), self->hits->len > 0);
}

static void
search_changed_cb (TdCheckInDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (*trimmed == '\0')
    {
      clear_hits (self);
      return;
    }
  td_customer_search_async (self->database, trimmed, 6, self->cancellable, search_cb, self);
}

static void
hit_activated_cb (TdCheckInDialog *self,
                  GtkListBoxRow   *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->hits == NULL || index < 0 || (guint) index >= self->hits->len)
    return;
  td_check_in_dialog_add_guest (self, ((TdCustomerHit *) g_ptr_array_index (self->hits, index))->id);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  clear_hits (self);
}

void
td_check_in_dialog_search (TdCheckInDialog *self,
                           const char      *text)
{
  g_return_if_fail (TD_IS_CHECK_IN_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

/* ------------------------------------------------------------------ */
/* check in                                                           */

typedef struct {
  TdDatabase  *db;
  char        *stay_id;
  GStrv        guest_ids;
} CheckInData;

static void
check_in_data_free (CheckInData *data)
{
  g_object_unref (data->db);
  g_free (data->stay_id);
  g_strfreev (data->guest_ids);
  g_free (data);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CheckInData *data = task_data;
  GError *error = NULL;
  TdStay *stay = td_stay_check_in (data->db, td_database_default_actor (), data->stay_id,
                                   (const char * const *) data->guest_ids, NULL, &error);

  if (stay == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stay, (GDestroyNotify) td_stay_free);
}

static void
check_in_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TdCheckInDialog *self = TD_CHECK_IN_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) stay = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *message = NULL;

  self->pending--;
  busy_changed (self);
  if (stay == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error->message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s checked in to room %s with %u guest registered",
                                          "%s checked in to room %s with %u guests registered", self->guests->len),
                             stay->guest_name, stay->room_number, self->guests->len);
  g_signal_emit (self, signals[SIGNAL_CHECKED_IN], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
td_check_in_dialog_confirm (TdCheckInDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  CheckInData *data;

  g_return_if_fail (TD_IS_CHECK_IN_DIALOG (self));

  if (self->pending > 0 || self->guests->len == 0)
    return;
  for (guint i = 0; i < self->guests->len; i++)
    g_strv_builder_add (builder, ((TdGuestCheck *) g_ptr_array_index (self->guests, i))->customer_id);
  data = g_new0 (CheckInData, 1);
  data->db = g_object_ref (self->database);
  data->stay_id = g_strdup (self->stay->id);
  data->guest_ids = g_strv_builder_end (builder);
  task = g_task_new (self, self->cancellable, check_in_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) check_in_data_free);
  self->pending++;
  show_problem (self, NULL);
  busy_changed (self);
  g_task_run_in_thread (task, check_in_thread);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  td_check_in_dialog_confirm (TD_CHECK_IN_DIALOG (widget));
}

guint
td_check_in_dialog_get_n_guests (TdCheckInDialog *self)
{
  g_return_val_if_fail (TD_IS_CHECK_IN_DIALOG (self), 0);
  return self->guests->len;
}

guint
td_check_in_dialog_get_n_ready (TdCheckInDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (TD_IS_CHECK_IN_DIALOG (self), 0);
  for (guint i = 0; i < self->guests->len; i++)
    n += ((TdGuestCheck *) g_ptr_array_index (self->guests, i))->problems->len == 0;
  return n;
}

const char *
td_check_in_dialog_get_problem (TdCheckInDialog *self)
{
  g_return_val_if_fail (TD_IS_CHECK_IN_DIALOG (self), NULL);
  return self->problem;
}

gboolean
td_check_in_dialog_get_busy (TdCheckInDialog *self)
{
  g_return_val_if_fail (TD_IS_CHECK_IN_DIALOG (self), FALSE);
  return self->pending > 0;
}

/* ------------------------------------------------------------------ */

static void
td_check_in_dialog_dispose (GObject *object)
{
  TdCheckInDialog *self = TD_CHECK_IN_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CHECK_IN_DIALOG);
  G_OBJECT_CLASS (td_check_in_dialog_parent_class)->dispose (object);
}

static void
td_check_in_dialog_finalize (GObject *object)
{
  TdCheckInDialog *self = TD_CHECK_IN_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->stay, td_stay_free);
  g_clear_pointer (&self->guests, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_free (self->problem);
  G_OBJECT_CLASS (td_check_in_dialog_parent_class)->finalize (object);
}

static void
td_check_in_dialog_class_init (TdCheckInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_check_in_dialog_dispose;
  object_class->finalize = td_check_in_dialog_finalize;

  signals[SIGNAL_CHECKED_IN] = g_signal_new ("checked-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-check-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCheckInDialog, stay_label);
  gtk_widget_class_bind_template_child (widget_class, TdCheckInDialog, guests_group);
  gtk_widget_class_bind_template_child (widget_class, TdCheckInDialog, no_guest_label);
  gtk_widget_class_bind_template_child (widget_class, TdCheckInDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdCheckInDialog, hits_list);
  gtk_widget_class_bind_template_child (widget_class, TdCheckInDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TdCheckInDialog, spinner);
  gtk_widget_class_install_action (widget_class, "checkin.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_check_in_dialog_init (TdCheckInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->guests = g_ptr_array_new_with_free_func ((GDestroyNotify) td_guest_check_free);
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->hits_list, "row-activated", G_CALLBACK (hit_activated_cb), self);
}

TdCheckInDialog *
td_check_in_dialog_new (TdDatabase   *database,
                        const TdStay *stay)
{
  TdCheckInDialog *self;
  g_autofree char *arrival = NULL;
  g_autofree char *departure = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (stay != NULL, NULL);

  self = g_object_new (TD_TYPE_CHECK_IN_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->stay = g_new0 (TdStay, 1);
  self->stay->id = g_strdup (stay->id);
  self->stay->room_number = g_strdup (stay->room_number);
  self->stay->nightly = g_array_new (FALSE, FALSE, sizeof (gint64));
  arrival = td_date_format_iso (stay->dates.start);
  departure = td_date_format_iso (stay->dates.end);
  /* TRANSLATORS: room number, arrival, departure, adults */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Room %s · %s to %s · %u adult",
                                       "Room %s · %s to %s · %u adults", stay->adults),
                          stay->room_number ? stay->room_number : "", arrival, departure, stay->adults);
  gtk_label_set_text (self->stay_label, text);
  if (stay->customer_id)
    td_check_in_dialog_add_guest (self, stay->customer_id);
  busy_changed (self);
  return self;
}
