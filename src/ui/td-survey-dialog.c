/* td-survey-dialog.c: a customer's answer to the satisfaction survey
 *
 * Opened from the customer: what it is about is one of the customer's
 * stays or trips (read in a worker thread), the Net Promoter score on
 * eleven buttons, four ratings, a comment and how it was answered. Saving
 * runs in a worker thread; a refusal stays in the dialog with the answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-customer-bookings.h"
#include "td-date-range.h"
#include "td-survey-dialog.h"
#include "td-survey.h"

#define N_RATINGS 4

struct _TdSurveyDialog
{
  AdwWindow        parent_instance;

  AdwComboRow     *booking_row;
  AdwComboRow     *channel_row;
  GtkBox          *nps_box;
  AdwPreferencesGroup *ratings_group;
  AdwEntryRow     *comment_row;
  GtkLabel        *problem_label;
  GtkWidget       *save_button;

  GtkToggleButton *nps_buttons[11];
  AdwComboRow     *rating_rows[N_RATINGS];

  TdDatabase      *database;
  char            *customer_id;
  GPtrArray       *bookings;     /* TdCustomerBooking*, after "none" in the combo */
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (TdSurveyDialog, td_survey_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the channels offered at the desk (an import is not one) */
static const struct {
  const char *id;
  const char *title;
} channels[] = {
  { "desk", N_("At the desk") },
  { "phone", N_("By phone") },
  { "paper", N_("On paper") },
  { "email", N_("By e-mail") },
  { "sms", N_("By SMS") },
  { "wechat", N_("On WeChat") },
  { "web", N_("On the web") },
};

static const char *const rating_titles[N_RATINGS] = {
  N_("Service"), N_("Cleanliness"), N_("Guide"), N_("Value for Money"),
};

static void
show_problem (TdSurveyDialog *self,
              const char     *message)
{
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

/* ------------------------------------------------------------------ */
/* the customer's bookings                                            */

static void
bookings_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *bookings = td_customer_bookings (source_object, task_data, 50, &error);

  if (bookings == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bookings, (GDestroyNotify) g_ptr_array_unref);
}

static char *
describe_booking (const TdCustomerBooking *b)
{
  g_autofree char *from = td_date_format_iso (b->start);

  if (b->kind == TD_CUSTOMER_BOOKING_STAY && b->end)
    {
      g_autofree char *to = td_date_format_iso (b->end);

      /* Translators: a stay: the hotel and room type, then its dates */
      return g_strdup_printf (_("Stay: %s, %s to %s"), b->title, from, to);
    }
  /* Translators: a tour: the product, then its departure date */
  return g_strdup_printf (_("Tour: %s, %s"), b->title, from);
}

static void
bookings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TdSurveyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GPtrArray *bookings = g_task_propagate_pointer (G_TASK (result), &error);

  if (bookings == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error->message);
      return;
    }
  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  self->bookings = bookings;
  gtk_string_list_append (titles, _("Nothing in particular"));
  for (guint i = 0; i < bookings->len; i++)
    {
      g_autofree char *text = describe_booking (g_ptr_array_index (bookings, i));

      gtk_string_list_append (titles, text);
    }
  adw_combo_row_set_model (self->booking_row, G_LIST_MODEL (titles));
  /* most answers are about the last stay or trip */
  adw_combo_row_set_selected (self->booking_row, bookings->len > 0 ? 1 : 0);
  gtk_widget_set_sensitive (self->save_button, TRUE);
}

/* ------------------------------------------------------------------ */
/* saving                                                             */

typedef struct {
  TdSurveyAnswer answer;
  GPtrArray     *strings;   /* owns the answer's strings */
} Answer;

static void
answer_free (Answer *answer)
{
  g_ptr_array_unref (answer->strings);
  g_free (answer);
}

static const char *
keep (Answer     *answer,
      const char *text)
{
  char *copy = g_strdup (text);

  if (copy)
    g_ptr_array_add (answer->strings, copy);
  return copy;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Answer *answer = task_data;
  g_autoptr(GError) error = NULL;
  char *id = td_survey_add (source_object, NULL, &answer->answer, &error);

  if (id == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, id, g_free);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdSurveyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);

  if (id == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (self->save_button, TRUE);
      show_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked_cb (TdSurveyDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Answer *answer;
  guint selected;
  int nps = -1;

  for (guint i = 0; i < 11; i++)
    if (gtk_toggle_button_get_active (self->nps_buttons[i]))
      nps = (int) i;
  if (nps < 0)
    {
      show_problem (self, _("Choose how likely the customer is to recommend us, from 0 to 10"));
      gtk_widget_grab_focus (GTK_WIDGET (self->nps_buttons[10]));
      return;
    }

  answer = g_new0 (Answer, 1);
  answer->strings = g_ptr_array_new_with_free_func (g_free);
  answer->answer.customer_id = keep (answer, self->customer_id);
  answer->answer.nps = nps;
  answer->answer.service = (int) adw_combo_row_get_selected (self->rating_rows[0]);
  answer->answer.cleanliness = (int) adw_combo_row_get_selected (self->rating_rows[1]);
  answer->answer.guide_rating = (int) adw_combo_row_get_selected (self->rating_rows[2]);
  answer->answer.value = (int) adw_combo_row_get_selected (self->rating_rows[3]);
  {
    g_autofree char *comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_row))));

    if (*comment)
      answer->answer.comment = keep (answer, comment);
  }
  answer->answer.channel = channels[MIN (adw_combo_row_get_selected (self->channel_row), G_N_ELEMENTS (channels) - 1)].id;
  selected = adw_combo_row_get_selected (self->booking_row);
  if (self->bookings && selected >= 1 && selected <= self->bookings->len)
    {
      TdCustomerBooking *b = g_ptr_array_index (self->bookings, selected - 1);

      if (b->kind == TD_CUSTOMER_BOOKING_STAY)
        answer->answer.stay_id = keep (answer, b->id);
      else
        {
          answer->answer.booking_id = keep (answer, b->id);
          answer->answer.product = keep (answer, b->product);
          answer->answer.guide = keep (answer, b->guide);
        }
    }

  show_problem (self, NULL);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  task = g_task_new (self->database, self->cancellable, saved_cb, g_object_ref (self));
  g_task_set_task_data (task, answer, (GDestroyNotify) answer_free);
  g_task_run_in_thread (task, save_thread);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_survey_dialog_dispose (GObject *object)
{
  TdSurveyDialog *self = TD_SURVEY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (td_survey_dialog_parent_class)->dispose (object);
}

static void
td_survey_dialog_finalize (GObject *object)
{
  TdSurveyDialog *self = TD_SURVEY_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  g_free (self->customer_id);
  G_OBJECT_CLASS (td_survey_dialog_parent_class)->finalize (object);
}

static void
td_survey_dialog_class_init (TdSurveyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_survey_dialog_dispose;
  object_class->finalize = td_survey_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-survey-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdSurveyDialog, booking_row);
  gtk_widget_class_bind_template_child (widget_class, TdSurveyDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, TdSurveyDialog, nps_box);
  gtk_widget_class_bind_template_child (widget_class, TdSurveyDialog, ratings_group);
  gtk_widget_class_bind_template_child (widget_class, TdSurveyDialog, comment_row);
  gtk_widget_class_bind_template_child (widget_class, TdSurveyDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TdSurveyDialog, save_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_survey_dialog_init (TdSurveyDialog *self)
{
  g_autoptr(GtkStringList) ways = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) scores = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < 11; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u", i);
      g_autofree char *name = g_strdup_printf ("survey-nps-%u", i);
      /* Translators: the score a customer gave, from 0 to 10 */
      g_autofree char *spoken = g_strdup_printf (_("%u out of 10"), i);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      gtk_widget_set_name (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->nps_buttons[0]);
      gtk_box_append (self->nps_box, button);
      self->nps_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  gtk_string_list_append (scores, _("Not asked"));
  for (guint s = 1; s <= 5; s++)
    {
      /* Translators: a rating from 1 to 5, shown with as many stars */
      g_autofree char *text = g_strdup_printf ("%u  %.*s", s, (int) (s * strlen ("★")), "★★★★★");

      gtk_string_list_append (scores, text);
    }
  for (guint r = 0; r < N_RATINGS; r++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      g_autofree char *name = g_strdup_printf ("survey-rating-%u", r);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(rating_titles[r]));
      adw_combo_row_set_model (row, G_LIST_MODEL (scores));
      gtk_widget_set_name (GTK_WIDGET (row), name);
      adw_preferences_group_add (self->ratings_group, GTK_WIDGET (row));
      self->rating_rows[r] = row;
    }

  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    gtk_string_list_append (ways, _(channels[c].title));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (ways));

  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
}

GtkWidget *
td_survey_dialog_new (GtkWindow  *parent,
                      TdDatabase *database,
                      const char *customer_id,
                      const char *customer_name)
{
  TdSurveyDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  self = g_object_new (TD_TYPE_SURVEY_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->customer_id = g_strdup (customer_id);
  if (customer_name)
    {
      /* Translators: the window's title: the customer's name */
      g_autofree char *title = g_strdup_printf (_("Survey Answer of %s"), customer_name);

      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  task = g_task_new (database, self->cancellable, bookings_cb, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (customer_id), g_free);
  g_task_run_in_thread (task, bookings_thread);
  return GTK_WIDGET (self);
}
