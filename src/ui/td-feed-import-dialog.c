/* td-feed-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "td-feed-import-dialog.h"
#include "td-tile-source.h"
#include "td-utils.h"

/* a calendar feed bigger than this is not a room's calendar */
#define MAX_FEED_BYTES (16 * 1024 * 1024)

struct _TdFeedImportDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  GtkButton          *import_button;
  GtkSpinner         *spinner;
  AdwComboRow        *room_row;
  AdwActionRow       *file_row;
  AdwEntryRow        *url_row;
  AdwEntryRow        *feed_row;
  AdwPreferencesGroup *result_group;
  GtkLabel           *problem_label;
  GtkListBox         *result_list;
  AdwPreferencesGroup *conflicts_group;
  GtkListBox         *conflicts_list;

  TdDatabase         *database;
  GPtrArray          *rooms;      /* TdRoom* */
  GFile              *file;
  GtkNativeDialog    *chooser;
  SoupSession        *session;
  GCancellable       *cancellable;
  char               *source;     /* the file's name or the address, for messages */
  char               *room_number;  /* of the import under way or done */
  TdCalendarImport   *result;
  char               *problem;
};

G_DEFINE_FINAL_TYPE (TdFeedImportDialog, td_feed_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  CONFLICT_ACTIVATED,
  CONFLICTS_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* the form                                                           */

static void
update_sensitivity (TdFeedImportDialog *self)
{
  gboolean busy = self->cancellable != NULL;
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  gboolean has_source = self->file != NULL || *url != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            !busy && has_source && self->rooms && self->rooms->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->room_row), !busy);
}

static void
url_changed_cb (TdFeedImportDialog *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  /* an address typed: it, not the file chosen before */
  if (url && *url && self->file)
    {
      g_clear_object (&self->file);
      adw_action_row_set_subtitle (self->file_row, _("None chosen"));
    }
  update_sensitivity (self);
}

static void
file_chosen (gpointer  owner,
             GFile    *file)
{
  TdFeedImportDialog *self = owner;

  td_feed_import_dialog_set_file (self, file);
}

static void
choose_clicked_cb (TdFeedImportDialog *self)
{
  GtkFileChooserNative *chooser;

  if (self->chooser)
    return;
  chooser = td_file_chooser_new (GTK_WIDGET (self), _("Choose a Calendar Feed"),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"));
  td_file_chooser_add_filter (chooser, _("Calendars (.ics)"), "*.ics", "*.ICS", "*.ical", "text/calendar", NULL);
  td_file_chooser_add_filter (chooser, _("All files"), "*", NULL);
  td_file_chooser_run (chooser, &self->chooser, self, file_chosen);
}

static void
all_conflicts_clicked_cb (TdFeedImportDialog *self)
{
  g_signal_emit (self, signals[CONFLICTS_REQUESTED], 0);
}

/* ------------------------------------------------------------------ */
/* the result                                                         */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static void
add_count (TdFeedImportDialog *self,
           const char         *title,
           const char         *subtitle,
           guint               count)
{
  GtkWidget *row;
  g_autofree char *text = NULL;
  GtkWidget *label;

  /* what did not happen is not worth a line */
  if (count == 0)
    return;
  row = adw_action_row_new ();
  text = td_format_count (count);
  label = gtk_label_new (text);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->result_list, row);
}

static void
show_clicked_cb (GtkButton          *button,
                 TdFeedImportDialog *self)
{
  const char *room_id = g_object_get_data (G_OBJECT (button), "td-room-id");
  guint date = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "td-date"));

  g_signal_emit (self, signals[CONFLICT_ACTIVATED], 0, room_id, date);
}

static void
add_conflict (TdFeedImportDialog *self,
              const TdFeedEvent  *event)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Show"));
  g_autofree char *start = td_date_format_iso (event->dates.start);
  g_autofree char *end = td_date_format_iso (event->dates.end);
  /* Translators: a conflict of a feed: the room, its nights (the second
   * date is the departure) */
  g_autofree char *title = g_strdup_printf (_("Room %s, %s to %s"),
                                            event->room_number ? event->room_number : self->room_number,
                                            start, end);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), event->conflict ? event->conflict : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Show its week on the tape chart"));
  g_object_set_data_full (G_OBJECT (button), "td-room-id", g_strdup (event->room_id), g_free);
  g_object_set_data (G_OBJECT (button), "td-date", GUINT_TO_POINTER (event->dates.start));
  g_signal_connect (button, "clicked", G_CALLBACK (show_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (self->conflicts_list, row);
}

static void
show_result (TdFeedImportDialog *self)
{
  const TdCalendarImport *result = self->result;
  g_autofree char *title = NULL;

  clear_list (self->result_list);
  clear_list (self->conflicts_list);
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->problem != NULL);
  gtk_label_set_text (self->problem_label, self->problem ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_list), result != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), result && result->conflicts->len > 0);
  if (result == NULL)
    {
      adw_preferences_group_set_title (self->result_group, _("Not Imported"));
      adw_preferences_group_set_description (self->result_group, NULL);
      return;
    }
  adw_preferences_group_set_title (self->result_group, _("Imported"));
  {
    g_autofree char *conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Conflict", "%u Conflicts",
                                                               result->conflicts->len),
                                                  result->conflicts->len);

    adw_preferences_group_set_title (self->conflicts_group, conflicts);
  }

  /* Translators: the feed's name (Airbnb…) and how many events it had */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u event read", "%s: %u events read", result->n_events),
                           result->feed, result->n_events);
  adw_preferences_group_set_description (self->result_group, title);
  add_count (self, _("Added"), _("New bookings, now holding the room"), result->added);
  add_count (self, _("Updated"), _("Bookings whose dates changed: their hold moved"), result->moved);
  add_count (self, _("Unchanged"), _("As the last import left them"), result->unchanged);
  add_count (self, _("Released"), _("Gone from the feed or cancelled: the room is free again"), result->released);
  add_count (self, _("Past"), _("Ended before today: left alone"), result->past);
  for (guint i = 0; i < result->conflicts->len; i++)
    add_conflict (self, g_ptr_array_index (result->conflicts, i));
}

static void
finish (TdFeedImportDialog *self,
        TdCalendarImport   *result,
        const char         *problem)
{
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->result, td_calendar_import_free);
  g_clear_pointer (&self->problem, g_free);
  self->result = result;
  self->problem = g_strdup (problem);
  show_result (self);
  update_sensitivity (self);
  if (result)
    g_signal_emit (self, signals[IMPORTED], 0);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(TdFeedImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  TdCalendarImport *import = td_calendar_import_finish (TD_DATABASE (object), result, &error);

  if (self->cancellable == NULL)
    return;   /* closed meanwhile */
  finish (self, import, error ? error->message : NULL);
}

static void
import_bytes (TdFeedImportDialog *self,
              GBytes             *bytes)
{
  guint index = adw_combo_row_get_selected (self->room_row);
  const TdRoom *room;
  const char *feed = gtk_editable_get_text (GTK_EDITABLE (self->feed_row));
  g_autofree char *name = g_strstrip (g_strdup (feed ? feed : ""));

  if (self->rooms == NULL || index >= self->rooms->len)
    {
      finish (self, NULL, _("Choose the room this feed is for"));
      return;
    }
  room = g_ptr_array_index (self->rooms, index);
  g_free (self->room_number);
  self->room_number = g_strdup (room->number);
  td_calendar_import_async (self->database, NULL, room->id, *name ? name : NULL, self->source, bytes,
                            NULL, import_cb, g_object_ref (self));
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(TdFeedImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s cannot be read: %s"), self->source, error->message);

      finish (self, NULL, message);
      return;
    }
  import_bytes (self, bytes);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(TdFeedImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  guint status = message ? soup_message_get_status (message) : 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The feed cannot be fetched from %s: %s"), self->source, error->message);

      finish (self, NULL, text);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* Translators: the address, the HTTP status and its reason */
      g_autofree char *text = g_strdup_printf (_("The feed cannot be fetched from %s: the server answered %u %s"),
                                               self->source, status,
                                               message ? soup_message_get_reason_phrase (message) : "");

      finish (self, NULL, text);
      return;
    }
  if (g_bytes_get_size (bytes) > MAX_FEED_BYTES)
    {
      g_autofree char *text = g_strdup_printf (_("%s is too big for a room’s calendar (more than 16 MB)"), self->source);

      finish (self, NULL, text);
      return;
    }
  import_bytes (self, bytes);
}

/* The address typed, as libsoup takes it (webcal is https), or NULL after
 * saying why not. */
static GUri *
parse_url (TdFeedImportDialog *self,
           const char         *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri && g_ascii_strcasecmp (scheme, "webcal") == 0)
    {
      g_autofree char *https = g_strconcat ("https", text + strlen (scheme), NULL);

      g_clear_pointer (&uri, g_uri_unref);
      uri = g_uri_parse (https, SOUP_HTTP_URI_FLAGS, NULL);
      scheme = uri ? g_uri_get_scheme (uri) : NULL;
    }
  if (uri == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not the address of a feed: it starts with https://, http:// or webcal://"), text);

      finish (self, NULL, message);
      return NULL;
    }
  return g_steal_pointer (&uri);
}

void
td_feed_import_dialog_import (TdFeedImportDialog *self)
{
  g_autofree char *url = NULL;

  g_return_if_fail (TD_IS_FEED_IMPORT_DIALOG (self));

  if (self->cancellable)
    return;
  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  if (self->file == NULL && *url == '\0')
    return;

  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), FALSE);
  update_sensitivity (self);
  g_clear_pointer (&self->source, g_free);

  if (self->file)
    {
      self->source = g_file_get_parse_name (self->file);
      g_file_load_bytes_async (self->file, self->cancellable, file_loaded_cb, g_object_ref (self));
      return;
    }

  {
    g_autoptr(GUri) uri = parse_url (self, url);
    g_autoptr(SoupMessage) message = NULL;

    if (uri == NULL)
      return;
    self->source = g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);
    if (self->session == NULL)
      self->session = soup_session_new_with_options ("user-agent", TD_TILE_USER_AGENT, "timeout", 60, NULL);
    message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
    soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, self->cancellable,
                                      downloaded_cb, g_object_ref (self));
  }
}

static void
import_clicked_cb (TdFeedImportDialog *self)
{
  td_feed_import_dialog_import (self);
}

/* ------------------------------------------------------------------ */

void
td_feed_import_dialog_select_room (TdFeedImportDialog *self,
                                   const char         *number)
{
  g_return_if_fail (TD_IS_FEED_IMPORT_DIALOG (self));

  for (guint i = 0; self->rooms && i < self->rooms->len; i++)
    if (g_strcmp0 (((TdRoom *) g_ptr_array_index (self->rooms, i))->number, number) == 0)
      adw_combo_row_set_selected (self->room_row, i);
}

void
td_feed_import_dialog_set_file (TdFeedImportDialog *self,
                                GFile              *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (TD_IS_FEED_IMPORT_DIALOG (self));

  g_set_object (&self->file, file);
  name = file ? g_file_get_basename (file) : NULL;
  adw_action_row_set_subtitle (self->file_row, name ? name : _("None chosen"));
  if (file)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), "");
  update_sensitivity (self);
}

void
td_feed_import_dialog_set_url (TdFeedImportDialog *self,
                               const char         *url)
{
  g_return_if_fail (TD_IS_FEED_IMPORT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
}

gboolean
td_feed_import_dialog_get_busy (TdFeedImportDialog *self)
{
  g_return_val_if_fail (TD_IS_FEED_IMPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

const TdCalendarImport *
td_feed_import_dialog_get_result (TdFeedImportDialog *self)
{
  g_return_val_if_fail (TD_IS_FEED_IMPORT_DIALOG (self), NULL);
  return self->result;
}

const char *
td_feed_import_dialog_get_problem (TdFeedImportDialog *self)
{
  g_return_val_if_fail (TD_IS_FEED_IMPORT_DIALOG (self), NULL);
  return self->problem;
}

static void
td_feed_import_dialog_dispose (GObject *object)
{
  TdFeedImportDialog *self = TD_FEED_IMPORT_DIALOG (object);

  /* (an import already in its thread finishes: it is written whole) */
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  td_file_chooser_clear (&self->chooser);
  if (self->session)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_FEED_IMPORT_DIALOG);

  G_OBJECT_CLASS (td_feed_import_dialog_parent_class)->dispose (object);
}

static void
td_feed_import_dialog_finalize (GObject *object)
{
  TdFeedImportDialog *self = TD_FEED_IMPORT_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->file);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->result, td_calendar_import_free);
  g_free (self->problem);
  g_free (self->source);
  g_free (self->room_number);

  G_OBJECT_CLASS (td_feed_import_dialog_parent_class)->finalize (object);
}

static void
td_feed_import_dialog_class_init (TdFeedImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_feed_import_dialog_dispose;
  object_class->finalize = td_feed_import_dialog_finalize;

  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONFLICT_ACTIVATED] =
    g_signal_new ("conflict-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  signals[CONFLICTS_REQUESTED] =
    g_signal_new ("conflicts-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-feed-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, room_row);
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, feed_row);
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, result_group);
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, result_list);
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, TdFeedImportDialog, conflicts_list);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, all_conflicts_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_feed_import_dialog_init (TdFeedImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_action_row_set_subtitle (self->file_row, _("None chosen"));
}

GtkWidget *
td_feed_import_dialog_new (GtkWindow  *parent,
                           TdDatabase *database,
                           GPtrArray  *rooms)
{
  TdFeedImportDialog *self;
  g_autoptr(GtkStringList) numbers = gtk_string_list_new (NULL);

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  self = g_object_new (TD_TYPE_FEED_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->rooms = rooms ? g_ptr_array_ref (rooms) : NULL;
  for (guint i = 0; rooms && i < rooms->len; i++)
    {
      const TdRoom *room = g_ptr_array_index (rooms, i);
      g_autofree char *label = room->room_type_name
                               ? g_strdup_printf ("%s · %s", room->number, room->room_type_name)
                               : g_strdup (room->number);

      gtk_string_list_append (numbers, label);
    }
  adw_combo_row_set_model (self->room_row, G_LIST_MODEL (numbers));
  update_sensitivity (self);
  return GTK_WIDGET (self);
}
