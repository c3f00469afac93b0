/* td-season-dialog.c: another price a night for some dates or weekdays
 *
 * The form is read here (dates, weekdays, the price); the saving, which
 * may first make the room type's plan BAR, runs in a worker thread; a
 * refusal stays in the dialog, in the core's words, with what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-date-range.h"
#include "td-rate-setup.h"
#include "td-season-dialog.h"
#include "td-time.h"
#include "td-utils.h"

struct _TdSeasonDialog
{
  AdwWindow            parent_instance;

  AdwPreferencesGroup *group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *price_row;
  AdwEntryRow         *from_row;
  AdwEntryRow         *to_row;
  GtkBox              *weekdays_box;
  GtkLabel            *problem_label;
  GtkWidget           *add_button;
  GtkToggleButton     *weekday_buttons[7];

  TdDatabase          *database;
  char                *room_type_id;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (TdSeasonDialog, td_season_dialog, ADW_TYPE_WINDOW)

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char    *room_type_id;
  char    *name;
  guint32  start, end;
  guint    weekdays;
  TdMoney  price;
} Season;

static void
season_free (Season *season)
{
  g_free (season->room_type_id);
  g_free (season->name);
  g_free (season);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Season *s = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = td_room_type_add_season (source_object, NULL, s->room_type_id, s->name,
                                                 s->start, s->end, s->weekdays, &s->price, &error);

  if (id == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_problem (TdSeasonDialog *self,
              const char     *message)
{
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdSeasonDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (self->add_button, TRUE);
      show_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* a date row: empty is 0; FALSE (said) when it is not a date */
static gboolean
read_night (TdSeasonDialog *self,
            AdwEntryRow    *row,
            guint32        *julian)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  *julian = 0;
  if (*text == '\0' || td_date_parse_iso (text, julian, NULL))
    return TRUE;
  {
    /* Translators: the title of a date field, then what was typed in it */
    g_autofree char *message = g_strdup_printf (_("%s: “%s” is not a date; write it as 2026-12-01"),
                                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text);

    show_problem (self, message);
  }
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return FALSE;
}

static void
add_clicked_cb (TdSeasonDialog *self)
{
  g_autofree char *price = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->price_row))));
  g_autofree char *currency = td_database_dup_setting (self->database, TD_SETTING_CURRENCY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  Season *season = g_new0 (Season, 1);
  guint32 first, last;

  if (!td_money_parse (price, currency ? currency : TD_DEFAULT_CURRENCY, &season->price, &error))
    {
      /* Translators: the price of a room a night could not be read */
      g_autofree char *message = g_strdup_printf (_("Price a night: %s"), error->message);

      show_problem (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->price_row));
      season_free (season);
      return;
    }
  if (!read_night (self, self->from_row, &first) || !read_night (self, self->to_row, &last))
    {
      season_free (season);
      return;
    }
  if ((first == 0) != (last == 0))
    {
      show_problem (self, _("Give both the first and the last night, or neither for all year"));
      season_free (season);
      return;
    }
  if (first && last < first)
    {
      show_problem (self, _("The last night comes before the first"));
      season_free (season);
      return;
    }
  season->room_type_id = g_strdup (self->room_type_id);
  season->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  season->start = first;
  season->end = first ? last + 1 : 0;
  season->weekdays = td_weekday_toggles_get (self->weekday_buttons);
  if (season->weekdays == 0)
    {
      show_problem (self, _("Choose at least one night of the week"));
      season_free (season);
      return;
    }
  show_problem (self, NULL);
  gtk_widget_set_sensitive (self->add_button, FALSE);
  task = g_task_new (self->database, self->cancellable, added_cb, g_object_ref (self));
  g_task_set_task_data (task, season, (GDestroyNotify) season_free);
  g_task_run_in_thread (task, add_thread);
}

static void
td_season_dialog_dispose (GObject *object)
{
  TdSeasonDialog *self = TD_SEASON_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (td_season_dialog_parent_class)->dispose (object);
}

static void
td_season_dialog_finalize (GObject *object)
{
  TdSeasonDialog *self = TD_SEASON_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_free (self->room_type_id);
  G_OBJECT_CLASS (td_season_dialog_parent_class)->finalize (object);
}

static void
td_season_dialog_class_init (TdSeasonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_season_dialog_dispose;
  object_class->finalize = td_season_dialog_finalize;

  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-season-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdSeasonDialog, group);
  gtk_widget_class_bind_template_child (widget_class, TdSeasonDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TdSeasonDialog, price_row);
  gtk_widget_class_bind_template_child (widget_class, TdSeasonDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, TdSeasonDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, TdSeasonDialog, weekdays_box);
  gtk_widget_class_bind_template_child (widget_class, TdSeasonDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TdSeasonDialog, add_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_season_dialog_init (TdSeasonDialog *self)
{

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  td_weekday_toggles_add (self->weekdays_box, "season-day", self->weekday_buttons);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect_swapped (self->price_row, "entry-activated", G_CALLBACK (add_clicked_cb), self);
}

GtkWidget *
td_season_dialog_new (GtkWindow  *parent,
                      TdDatabase *database,
                      const char *room_type_id,
                      const char *room_type_title)
{
  TdSeasonDialog *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  self = g_object_new (TD_TYPE_SEASON_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->room_type_id = g_strdup (room_type_id);
  adw_preferences_group_set_title (self->group, room_type_title);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return GTK_WIDGET (self);
}
