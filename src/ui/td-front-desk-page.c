/* td-front-desk-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "td-area.h"
#include "td-check-in-dialog.h"
#include "td-folio-dialog.h"
#include "td-folio-document.h"
#include "td-daily-report-window.h"
#include "td-feed-import-dialog.h"
#include "td-front-desk-page.h"
#include "td-print.h"
#include "td-window.h"

/* the nights loaded and shown: four weeks from a few days back */
#define WINDOW_DAYS 28
#define DAYS_BEFORE_TODAY 3

struct _TdFrontDeskPage
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkDropDown     *property_dropdown;
  GtkLabel        *range_label;
  GtkSpinner      *spinner;
  GtkWidget       *conflicts_button;   /* OTA calendar events in conflict */
  char            *conflicts_text;
  GCancellable    *conflicts_cancellable;
  TdTapeChart     *chart;

  GtkPopover      *popover;
  GtkLabel        *pop_guest;
  GtkLabel        *pop_details;
  GtkLabel        *pop_problem;
  TdBookingDialog *dialog;   /* weak */
  TdCheckInDialog *check_in_dialog;  /* weak */
  TdFolioDialog   *folio_dialog;     /* weak */

  TdDatabase      *database;
  GCancellable    *cancellable;
  GPtrArray       *property_ids;
  GHashTable      *rooms_by_property;  /* id → GPtrArray of TdRoom* */
  guint32          today;
  char            *stay_id;
  char            *last_message;
};

static void td_area_iface_init (TdAreaInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdFrontDeskPage, td_front_desk_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_AREA, td_area_iface_init))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_LOADING,
};

static gboolean
page_loading (TdFrontDeskPage *self)
{
  return self->cancellable != NULL || td_tape_chart_get_loading (self->chart);
}

static void
loading_changed (TdFrontDeskPage *self)
{
  gtk_spinner_set_spinning (self->spinner, page_loading (self));
  g_object_notify (G_OBJECT (self), "loading");
}

static void
toast (TdFrontDeskPage *self,
       const char      *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *t;

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  if (!TD_IS_WINDOW (root))
    return;
  t = adw_toast_new (message);
  adw_toast_set_timeout (t, 5);
  td_window_add_toast (TD_WINDOW (root), t);
}

/* ------------------------------------------------------------------ */
/* dates                                                              */

static void
update_range_label (TdFrontDeskPage *self)
{
  guint32 start = td_tape_chart_get_start (self->chart);
  GDate first, last;
  char a[64], b[64];
  g_autofree char *text = NULL;

  if (start == 0)
    return;
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_julian (&first, start);
  g_date_set_julian (&last, start + WINDOW_DAYS - 1);
  /* TRANSLATORS: a short date, see strftime */
  g_date_strftime (a, sizeof a, C_("front desk range", "%e %b"), &first);
  g_date_strftime (b, sizeof b, C_("front desk range", "%e %b %Y"), &last);
  /* TRANSLATORS: the first and last nights shown */
  text = g_strdup_printf (_("%s – %s"), g_strstrip (a), g_strstrip (b));
  gtk_label_set_text (self->range_label, text);
}

static void
show_from (TdFrontDeskPage *self,
           guint32          start)
{
  td_tape_chart_set_window (self->chart, start, WINDOW_DAYS);
  update_range_label (self);
}

static void
go_today (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (widget);

  if (self->database == NULL)
    return;
  {
    TdDeskTime when;

    td_desk_time_init_now (&when, self->database);
    self->today = when.today;
  }
  td_tape_chart_set_today (self->chart, self->today);
  show_from (self, self->today - DAYS_BEFORE_TODAY);
}

static void
go_week (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (widget);
  guint32 start = td_tape_chart_get_start (self->chart);

  if (start == 0)
    return;
  if (g_str_equal (action_name, "frontdesk.next-week"))
    show_from (self, start + 7);
  else if (start > 7)
    show_from (self, start - 7);
}

/* ------------------------------------------------------------------ */
/* the hotels and their rooms                                         */

static void
property_selected_cb (TdFrontDeskPage *self)
{
  guint index = gtk_drop_down_get_selected (self->property_dropdown);
  const char *id;

  if (self->property_ids == NULL || index >= self->property_ids->len)
    return;
  id = g_ptr_array_index (self->property_ids, index);
  td_tape_chart_set_rooms (self->chart, self->database, id,
                           g_hash_table_lookup (self->rooms_by_property, id));
  gtk_widget_grab_focus (GTK_WIDGET (self->chart));
}

static void
rooms_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TdFrontDeskPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = td_rooms_list_finish (TD_DATABASE (object), result, &error);
  g_autoptr(GtkStringList) names = NULL;
  g_autofree char *previous = NULL;
  guint selected = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TD_FRONT_DESK_PAGE (user_data);
  g_clear_object (&self->cancellable);
  if (rooms == NULL)
    {
      td_area_show_error (self->stack, self->error_page, error);
      loading_changed (self);
      return;
    }

  if (self->property_ids && gtk_drop_down_get_selected (self->property_dropdown) < self->property_ids->len)
    previous = g_strdup (g_ptr_array_index (self->property_ids, gtk_drop_down_get_selected (self->property_dropdown)));
  g_clear_pointer (&self->property_ids, g_ptr_array_unref);
  g_hash_table_remove_all (self->rooms_by_property);
  self->property_ids = g_ptr_array_new_with_free_func (g_free);
  names = gtk_string_list_new (NULL);
  /* the rooms come by property */
  for (guint i = 0; i < rooms->len; i++)
    {
      TdRoom *room = g_ptr_array_index (rooms, i);
      GPtrArray *list = g_hash_table_lookup (self->rooms_by_property, room->property_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_room_free);
          g_hash_table_insert (self->rooms_by_property, g_strdup (room->property_id), list);
          if (g_strcmp0 (previous, room->property_id) == 0)
            selected = self->property_ids->len;
          g_ptr_array_add (self->property_ids, g_strdup (room->property_id));
          gtk_string_list_append (names, room->property_name);
        }
      g_ptr_array_add (list, g_ptr_array_steal_index (rooms, i));
      i--;
    }

  g_signal_handlers_block_by_func (self->property_dropdown, property_selected_cb, self);
  gtk_drop_down_set_model (self->property_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->property_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->property_dropdown, property_selected_cb, self);

  gtk_stack_set_visible_child_name (self->stack, self->property_ids->len ? "chart" : "empty");
  if (td_tape_chart_get_start (self->chart) == 0)
    go_today (GTK_WIDGET (self), "frontdesk.today", NULL);
  property_selected_cb (self);
  loading_changed (self);
}

/* ------------------------------------------------------------------ */
/* OTA calendar events flagged for the clerk                          */

static void
conflicts_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *events = td_feed_events_list (task_data, NULL, TRUE, &error);

  if (events == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
}

static void
conflicts_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *label = NULL;

  if (events == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_set_visible (self->conflicts_button, FALSE);
      return;
    }
  for (guint i = 0; i < events->len; i++)
    {
      TdFeedEvent *event = g_ptr_array_index (events, i);
      g_autofree char *start = td_date_format_iso (event->dates.start);
      g_autofree char *end = td_date_format_iso (event->dates.end);

      if (text->len)
        g_string_append (text, "\n\n");
      /* TRANSLATORS: room, feed, the event's dates, what has the room */
      g_string_append_printf (text, _("Room %s · %s · %s to %s: %s"), event->room_number, event->feed,
                              start, end, event->conflict);
    }
  g_free (self->conflicts_text);
  self->conflicts_text = g_string_free (g_steal_pointer (&text), FALSE);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u calendar conflict", "%u calendar conflicts", events->len),
                           events->len);
  gtk_button_set_label (GTK_BUTTON (self->conflicts_button), label);
  gtk_widget_set_tooltip_text (self->conflicts_button, self->conflicts_text);
  gtk_widget_set_visible (self->conflicts_button, events->len > 0);
}

static void
load_conflicts (TdFrontDeskPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->conflicts_cancellable)
    g_cancellable_cancel (self->conflicts_cancellable);
  g_clear_object (&self->conflicts_cancellable);
  if (self->database == NULL)
    return;
  self->conflicts_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->conflicts_cancellable, conflicts_cb, NULL);
  g_task_set_task_data (task, g_object_ref (self->database), g_object_unref);
  g_task_run_in_thread (task, conflicts_thread);
}

/* the day's housekeeping list of the hotel shown, printed */
typedef struct {
  TdDatabase *db;
  char       *property_id;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_object_unref (data->db);
  g_free (data->property_id);
  g_free (data);
}

static void
housekeeping_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PrintData *data = task_data;
  GError *error = NULL;
  TdDocument *doc = td_housekeeping_document_new (data->db, data->property_id, 0, NULL, &error);

  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, g_object_unref);
}

static void
housekeeping_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDocument) doc = g_task_propagate_pointer (G_TASK (result), &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (doc == NULL)
    {
      toast (self, error->message);
      return;
    }
  td_print_document (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, doc);
}

static void
print_housekeeping (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (widget);
  guint index = gtk_drop_down_get_selected (self->property_dropdown);
  g_autoptr(GTask) task = NULL;
  PrintData *data;

  if (self->database == NULL || self->property_ids == NULL || index >= self->property_ids->len)
    return;
  data = g_new0 (PrintData, 1);
  data->db = g_object_ref (self->database);
  data->property_id = g_strdup (g_ptr_array_index (self->property_ids, index));
  task = g_task_new (self, NULL, housekeeping_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) print_data_free);
  g_task_run_in_thread (task, housekeeping_thread);
}

/* the night audit of the hotel shown, for today (any day from there) */
static void
daily_report (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (widget);
  guint index = gtk_drop_down_get_selected (self->property_dropdown);
  GtkStringObject *name = gtk_drop_down_get_selected_item (self->property_dropdown);
  GtkRoot *root = gtk_widget_get_root (widget);
  TdDeskTime when;

  if (self->database == NULL || self->property_ids == NULL || index >= self->property_ids->len)
    return;
  td_desk_time_init_now (&when, self->database);
  gtk_window_present (GTK_WINDOW (td_daily_report_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                              self->database,
                                                              g_ptr_array_index (self->property_ids, index),
                                                              name ? gtk_string_object_get_string (name) : NULL,
                                                              when.today)));
}

static void
show_conflicts (TdFrontDeskPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("OTA Bookings in Conflict"), self->conflicts_text));
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* an OTA's calendar feed, imported from the window                   */

static void td_front_desk_page_refresh (TdArea *area);

static void
feed_imported_cb (TdFrontDeskPage *self)
{
  /* its holds on the chart, its conflicts in the bar */
  td_front_desk_page_refresh (TD_AREA (self));
}

static void
feed_conflict_activated_cb (TdFrontDeskPage *self,
                            const char      *room_id,
                            guint            date)
{
  /* the conflict's week, as the chart shows a week from today */
  show_from (self, date > DAYS_BEFORE_TODAY ? date - DAYS_BEFORE_TODAY : date);
}

static void
import_feed (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (widget);
  guint index = gtk_drop_down_get_selected (self->property_dropdown);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->database == NULL || self->property_ids == NULL || index >= self->property_ids->len)
    return;
  dialog = td_feed_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->database,
                                      g_hash_table_lookup (self->rooms_by_property,
                                                           g_ptr_array_index (self->property_ids, index)));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (feed_imported_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "conflict-activated", G_CALLBACK (feed_conflict_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "conflicts-requested", G_CALLBACK (show_conflicts), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
td_front_desk_page_refresh (TdArea *area)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (area);
  TdDeskTime when;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->database == NULL)
    {
      loading_changed (self);
      return;
    }
  td_desk_time_init_now (&when, self->database);
  self->cancellable = g_cancellable_new ();
  td_rooms_list_async (self->database, NULL, when.today, &when, self->cancellable, rooms_cb, self);
  load_conflicts (self);
  loading_changed (self);
}

/* ------------------------------------------------------------------ */
/* a stay: the popover and its actions                                */

static void
update_stay_actions (TdFrontDeskPage *self,
                     const TdStay    *stay)
{
  gboolean bookable = stay && (stay->state == TD_STAY_TENTATIVE || stay->state == TD_STAY_CONFIRMED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stay.check-in",
                                 bookable && stay->dates.start <= self->today && self->today < stay->dates.end);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stay.check-out", stay && stay->state == TD_STAY_CHECKED_IN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stay.folio",
                                 stay && stay->state != TD_STAY_CANCELLED && stay->state != TD_STAY_NO_SHOW);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stay.cancel", bookable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stay.cancel-confirmed", bookable);
}

static void
stay_activated_cb (TdFrontDeskPage *self,
                   TdStay          *stay,
                   GdkRectangle    *rect)
{
  g_autofree char *arrival = td_date_format_iso (stay->dates.start);
  g_autofree char *departure = td_date_format_iso (stay->dates.end);
  g_autofree char *total = td_money_format (&stay->total);
  g_autofree char *details = NULL;
  guint nights = td_date_range_get_nights (&stay->dates);
  g_autofree char *when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s to %s, %u night", "%s to %s, %u nights", nights),
                                           arrival, departure, nights);

  g_free (self->stay_id);
  self->stay_id = g_strdup (stay->id);
  gtk_label_set_text (self->pop_guest, stay->guest_name ? stay->guest_name : _("No guest recorded"));
  /* TRANSLATORS: room, room type, dates, state, price */
  details = g_strdup_printf (_("Room %s · %s\n%s\n%s · %s"),
                             stay->room_number ? stay->room_number : "",
                             stay->room_type_name ? stay->room_type_name : "",
                             when, td_stay_state_get_title (stay->state), total);
  gtk_label_set_text (self->pop_details, details);
  gtk_widget_set_visible (GTK_WIDGET (self->pop_problem), FALSE);
  update_stay_actions (self, stay);
  gtk_popover_set_pointing_to (self->popover, rect);
  gtk_popover_popup (self->popover);
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdFrontDeskPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) stay = td_stay_apply_finish (TD_DATABASE (object), result, &error);
  g_autofree char *message = NULL;

  if (stay == NULL)
    {
      gtk_label_set_text (self->pop_problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->pop_problem), TRUE);
      toast (self, error->message);
      return;
    }
  switch (stay->state)
    {
    case TD_STAY_CHECKED_IN:
      message = g_strdup_printf (_("%s checked in to room %s"), stay->guest_name, stay->room_number);
      break;
    case TD_STAY_CHECKED_OUT:
      message = g_strdup_printf (_("%s checked out of room %s"), stay->guest_name, stay->room_number);
      break;
    case TD_STAY_CANCELLED:
    case TD_STAY_TENTATIVE:
    case TD_STAY_CONFIRMED:
    case TD_STAY_NO_SHOW:
    default:
      message = g_strdup_printf (_("The stay of %s in room %s is now %s"), stay->guest_name,
                                 stay->room_number, td_stay_state_get_title (stay->state));
      break;
    }
  gtk_popover_popdown (self->popover);
  toast (self, message);
  td_tape_chart_reload (self->chart);
}

static void
cancel_confirmed_cb (TdFrontDeskPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "stay.cancel-confirmed", NULL);
}

static void
dialog_done_cb (TdFrontDeskPage *self,
                const char      *message)
{
  toast (self, message);
  td_tape_chart_reload (self->chart);
  load_conflicts (self);
}

static TdStay *
find_stay (TdFrontDeskPage *self,
           const char      *stay_id)
{
  for (guint i = 0; i < td_tape_chart_get_n_bars (self->chart); i++)
    {
      TdStay *stay = td_tape_chart_get_stay (self->chart, i);

      if (g_strcmp0 (stay->id, stay_id) == 0)
        return stay;
    }
  return NULL;
}

static void
open_check_in (TdFrontDeskPage *self,
               TdStay          *stay)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->check_in_dialog)
    gtk_window_destroy (GTK_WINDOW (self->check_in_dialog));
  self->check_in_dialog = td_check_in_dialog_new (self->database, stay);
  g_object_add_weak_pointer (G_OBJECT (self->check_in_dialog), (gpointer *) &self->check_in_dialog);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self->check_in_dialog), GTK_WINDOW (root));
  g_signal_connect_object (self->check_in_dialog, "checked-in", G_CALLBACK (dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->check_in_dialog));
}

static void
open_folio (TdFrontDeskPage *self,
            const char      *stay_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->folio_dialog)
    gtk_window_destroy (GTK_WINDOW (self->folio_dialog));
  self->folio_dialog = td_folio_dialog_new (self->database, stay_id);
  g_object_add_weak_pointer (G_OBJECT (self->folio_dialog), (gpointer *) &self->folio_dialog);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self->folio_dialog), GTK_WINDOW (root));
  g_signal_connect_object (self->folio_dialog, "changed", G_CALLBACK (dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->folio_dialog));
}

static void
stay_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (widget);
  TdStayAction action;

  if (self->stay_id == NULL || self->database == NULL)
    return;
  if (g_str_equal (action_name, "stay.check-in"))
    {
      /* every guest in the room is registered with their papers */
      TdStay *stay = find_stay (self, self->stay_id);

      if (stay == NULL)
        return;
      gtk_popover_popdown (self->popover);
      open_check_in (self, stay);
      return;
    }
  else if (g_str_equal (action_name, "stay.check-out") || g_str_equal (action_name, "stay.folio"))
    {
      /* the folio: settled, or a manager's override, before the guest leaves */
      gtk_popover_popdown (self->popover);
      open_folio (self, self->stay_id);
      return;
    }
  else if (g_str_equal (action_name, "stay.cancel-confirmed"))
    action = TD_STAY_ACTION_CANCEL;
  else
    {
      /* a cancellation may cost the guest a penalty: asked first */
      GtkRoot *root = gtk_widget_get_root (widget);
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           _("Cancel This Stay?"),
                                                           gtk_label_get_text (self->pop_details)));
      adw_message_dialog_add_responses (dialog, "keep", _("_Keep the Stay"), "cancel", _("Cancel _Stay"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "cancel", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "keep");
      adw_message_dialog_set_close_response (dialog, "keep");
      g_signal_connect_object (dialog, "response::cancel", G_CALLBACK (cancel_confirmed_cb), self, G_CONNECT_SWAPPED);
      gtk_popover_popdown (self->popover);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  td_stay_apply_async (self->database, td_database_default_actor (), self->stay_id, action,
                       NULL, NULL, apply_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* a bar dropped on another room or other dates                       */

typedef struct {
  TdDatabase  *db;
  char        *stay_id;
  char        *room_id;      /* NULL: the same room */
  char        *room_number;
  TdDateRange  dates;        /* {0, 0}: the same dates */
  guint32      from_night;
  gboolean     to_come;      /* not begun: a room and dates change in one commit */
} MoveData;

static void
move_data_free (gpointer data)
{
  MoveData *move = data;

  g_object_unref (move->db);
  g_free (move->stay_id);
  g_free (move->room_id);
  g_free (move->room_number);
  g_free (move);
}

/* td_stay_change_dates and td_stay_move have no _async pair: a worker */
static void
move_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MoveData *move = task_data;
  g_autoptr(TdStay) stay = NULL;
  GError *error = NULL;

  if (move->dates.end != 0 && move->room_id != NULL && move->to_come)
    {
      /* another room and other nights: one commit, both or neither */
      stay = td_stay_move_and_change_dates (move->db, td_database_default_actor (), move->stay_id,
                                            move->room_id, &move->dates, NULL, &error);
      if (stay == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, g_steal_pointer (&stay), (GDestroyNotify) td_stay_free);
      return;
    }
  if (move->dates.end != 0)
    {
      stay = td_stay_change_dates (move->db, td_database_default_actor (), move->stay_id,
                                   &move->dates, NULL, &error);
      if (stay == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  if (move->room_id != NULL)
    {
      g_clear_pointer (&stay, td_stay_free);
      stay = td_stay_move (move->db, td_database_default_actor (), move->stay_id, move->room_id,
                           move->from_night, NULL, &error);
      if (stay == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&stay), (GDestroyNotify) td_stay_free);
}

static void
move_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) stay = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *message = NULL;
  g_autofree char *arrival = NULL;

  if (stay == NULL)
    {
      toast (self, error->message);
      td_tape_chart_reload (self->chart);
      return;
    }
  arrival = td_date_format_iso (stay->dates.start);
  message = g_strdup_printf (_("%s: room %s from %s"), stay->guest_name ? stay->guest_name : "",
                             stay->room_number ? stay->room_number : "", arrival);
  toast (self, message);
  td_tape_chart_reload (self->chart);
}

static void
move_requested_cb (TdFrontDeskPage *self,
                   TdStay          *stay,
                   TdRoom          *room,
                   guint            start)
{
  g_autoptr(GTask) task = NULL;
  MoveData *move;

  if (self->database == NULL)
    return;
  move = g_new0 (MoveData, 1);
  move->db = g_object_ref (self->database);
  move->stay_id = g_strdup (stay->id);
  if (g_strcmp0 (room->id, stay->room_id) != 0)
    move->room_id = g_strdup (room->id);
  if (start != stay->dates.start)
    {
      move->dates.start = start;
      move->dates.end = start + td_date_range_get_nights (&stay->dates);
    }
  /* a guest in the house moves from tonight; a stay to come, whole */
  move->to_come = stay->state == TD_STAY_TENTATIVE || stay->state == TD_STAY_CONFIRMED;
  if (stay->state == TD_STAY_CHECKED_IN)
    move->from_night = MAX (self->today, stay->dates.start);
  else
    move->from_night = move->dates.end != 0 ? move->dates.start : stay->dates.start;
  task = g_task_new (self, NULL, move_cb, NULL);
  g_task_set_task_data (task, move, move_data_free);
  g_task_run_in_thread (task, move_thread);
}

/* ------------------------------------------------------------------ */
/* a booking                                                          */

static void
booked_cb (TdFrontDeskPage *self,
           const char      *stay_id)
{
  toast (self, _("Booked"));
  td_tape_chart_reload (self->chart);
}

static void
booking_requested_cb (TdFrontDeskPage *self,
                      TdRoom          *room,
                      guint            start,
                      guint            end)
{
  TdBookingDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->database == NULL || room == NULL)
    return;
  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  dialog = td_booking_dialog_new (self->database, room, start, end);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "booked", G_CALLBACK (booked_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* API                                                                */

GtkWidget *
td_front_desk_page_new (void)
{
  return g_object_new (TD_TYPE_FRONT_DESK_PAGE, NULL);
}

TdTapeChart *
td_front_desk_page_get_chart (TdFrontDeskPage *self)
{
  g_return_val_if_fail (TD_IS_FRONT_DESK_PAGE (self), NULL);
  return self->chart;
}

guint
td_front_desk_page_get_n_properties (TdFrontDeskPage *self)
{
  g_return_val_if_fail (TD_IS_FRONT_DESK_PAGE (self), 0);
  return self->property_ids ? self->property_ids->len : 0;
}

void
td_front_desk_page_select_property (TdFrontDeskPage *self,
                                    guint            index)
{
  g_return_if_fail (TD_IS_FRONT_DESK_PAGE (self));
  gtk_drop_down_set_selected (self->property_dropdown, index);
}

GtkPopover *
td_front_desk_page_get_stay_popover (TdFrontDeskPage *self)
{
  g_return_val_if_fail (TD_IS_FRONT_DESK_PAGE (self), NULL);
  return self->popover;
}

TdBookingDialog *
td_front_desk_page_get_booking_dialog (TdFrontDeskPage *self)
{
  g_return_val_if_fail (TD_IS_FRONT_DESK_PAGE (self), NULL);
  return self->dialog;
}

TdCheckInDialog *
td_front_desk_page_get_check_in_dialog (TdFrontDeskPage *self)
{
  g_return_val_if_fail (TD_IS_FRONT_DESK_PAGE (self), NULL);
  return self->check_in_dialog;
}

TdFolioDialog *
td_front_desk_page_get_folio_dialog (TdFrontDeskPage *self)
{
  g_return_val_if_fail (TD_IS_FRONT_DESK_PAGE (self), NULL);
  return self->folio_dialog;
}

const char *
td_front_desk_page_get_conflicts (TdFrontDeskPage *self)
{
  g_return_val_if_fail (TD_IS_FRONT_DESK_PAGE (self), NULL);
  return gtk_widget_get_visible (self->conflicts_button) ? self->conflicts_text : NULL;
}

const char *
td_front_desk_page_get_last_message (TdFrontDeskPage *self)
{
  g_return_val_if_fail (TD_IS_FRONT_DESK_PAGE (self), NULL);
  return self->last_message;
}

static void
td_front_desk_page_set_database (TdFrontDeskPage *self,
                                 TdDatabase      *database)
{
  if (!g_set_object (&self->database, database))
    return;
  td_front_desk_page_refresh (TD_AREA (self));
  g_object_notify (G_OBJECT (self), "database");
}

static void
td_area_iface_init (TdAreaInterface *iface)
{
  iface->refresh = td_front_desk_page_refresh;
}

static void
td_front_desk_page_dispose (GObject *object)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (object);
  GtkWidget *child;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->conflicts_cancellable)
    g_cancellable_cancel (self->conflicts_cancellable);
  g_clear_object (&self->conflicts_cancellable);
  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  if (self->check_in_dialog)
    gtk_window_destroy (GTK_WINDOW (self->check_in_dialog));
  g_clear_weak_pointer (&self->check_in_dialog);
  if (self->folio_dialog)
    gtk_window_destroy (GTK_WINDOW (self->folio_dialog));
  g_clear_weak_pointer (&self->folio_dialog);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->database);
  g_clear_pointer (&self->property_ids, g_ptr_array_unref);
  g_clear_pointer (&self->rooms_by_property, g_hash_table_unref);

  G_OBJECT_CLASS (td_front_desk_page_parent_class)->dispose (object);
}

static void
td_front_desk_page_finalize (GObject *object)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (object);

  g_free (self->stay_id);
  g_free (self->last_message);
  g_free (self->conflicts_text);

  G_OBJECT_CLASS (td_front_desk_page_parent_class)->finalize (object);
}

static void
td_front_desk_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, page_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_front_desk_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TdFrontDeskPage *self = TD_FRONT_DESK_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      td_front_desk_page_set_database (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_front_desk_page_class_init (TdFrontDeskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_front_desk_page_dispose;
  object_class->finalize = td_front_desk_page_finalize;
  object_class->get_property = td_front_desk_page_get_property;
  object_class->set_property = td_front_desk_page_set_property;

  g_object_class_override_property (object_class, PROP_DATABASE, "database");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");

  gtk_widget_class_install_action (widget_class, "frontdesk.today", NULL, go_today);
  gtk_widget_class_install_action (widget_class, "frontdesk.print-housekeeping", NULL, print_housekeeping);
  gtk_widget_class_install_action (widget_class, "frontdesk.daily-report", NULL, daily_report);
  gtk_widget_class_install_action (widget_class, "frontdesk.import-feed", NULL, import_feed);
  gtk_widget_class_install_action (widget_class, "frontdesk.previous-week", NULL, go_week);
  gtk_widget_class_install_action (widget_class, "frontdesk.next-week", NULL, go_week);
  gtk_widget_class_install_action (widget_class, "stay.check-in", NULL, stay_action);
  gtk_widget_class_install_action (widget_class, "stay.check-out", NULL, stay_action);
  gtk_widget_class_install_action (widget_class, "stay.folio", NULL, stay_action);
  gtk_widget_class_install_action (widget_class, "stay.cancel", NULL, stay_action);
  gtk_widget_class_install_action (widget_class, "stay.cancel-confirmed", NULL, stay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "frontdesk.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "frontdesk.previous-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "frontdesk.next-week", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip,
             const char *action_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  return button;
}

static GtkWidget *
build_popover (TdFrontDeskPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button;

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  self->pop_guest = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->pop_guest), "title-4");
  gtk_label_set_xalign (self->pop_guest, 0);
  self->pop_details = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->pop_details, 0);
  self->pop_problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->pop_problem), "error");
  gtk_label_set_wrap (self->pop_problem, TRUE);
  gtk_label_set_max_width_chars (self->pop_problem, 36);
  gtk_label_set_xalign (self->pop_problem, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->pop_problem), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->pop_guest));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->pop_details));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->pop_problem));

  button = gtk_button_new_with_mnemonic (_("Check _In"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "stay.check-in");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("Check _Out"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "stay.check-out");
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Folio"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "stay.folio");
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("Cancel _Stay"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "stay.cancel");
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (self->popover, box);
  return GTK_WIDGET (self->popover);
}

static GtkWidget *
legend_item (const char *text,
             const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *chip = gtk_label_new (NULL);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (chip, "tapechart-chip");
  gtk_widget_add_css_class (chip, css_class);
  gtk_widget_set_size_request (chip, 14, 14);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), chip);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
td_front_desk_page_init (TdFrontDeskPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *legend = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scroller, *today, *empty, *legend_scroller;
  static GtkCssProvider *provider;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_data (provider,
                                       ".tapechart-chip { border-radius: 4px; min-width: 14px; }\n"
                                       ".tapechart-chip.tentative { background: @yellow_5; }\n"
                                       ".tapechart-chip.confirmed { background: @accent_bg_color; }\n"
                                       ".tapechart-chip.checked-in { background: @success_bg_color; }\n"
                                       ".tapechart-chip.checked-out { background: #77767b; }\n"
                                       ".tapechart-chip.out-of-order { background: alpha(@error_color, 0.35); }\n"
                                       ".tapechart-chip.block { background: alpha(@warning_color, 0.3); }\n",
                                       -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  self->rooms_by_property = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_ptr_array_unref);

  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  self->property_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->property_dropdown), _("Choose the hotel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->property_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose the hotel"), -1);
  g_signal_connect_swapped (self->property_dropdown, "notify::selected", G_CALLBACK (property_selected_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->property_dropdown));

  gtk_widget_add_css_class (nav, "linked");
  gtk_box_append (GTK_BOX (nav), icon_button ("go-previous-symbolic", _("Previous Week (Ctrl+Page Up)"), "frontdesk.previous-week"));
  today = gtk_button_new_with_mnemonic (_("_Today"));
  gtk_widget_set_tooltip_text (today, _("Today (Ctrl+Home)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (today), "frontdesk.today");
  gtk_box_append (GTK_BOX (nav), today);
  gtk_box_append (GTK_BOX (nav), icon_button ("go-next-symbolic", _("Next Week (Ctrl+Page Down)"), "frontdesk.next-week"));
  gtk_widget_set_margin_start (nav, 12);
  gtk_box_append (GTK_BOX (bar), nav);
  self->range_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->range_label, PANGO_ELLIPSIZE_END);
  /* the dates shown whole ("19 Nov – 16 Dec 2026"): the legend gives way first */
  gtk_label_set_width_chars (self->range_label, 20);
  gtk_widget_add_css_class (GTK_WIDGET (self->range_label), "heading");
  gtk_widget_set_margin_start (GTK_WIDGET (self->range_label), 6);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->range_label));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (bar), icon_button ("printer-symbolic", _("Print Today’s Housekeeping List"),
                                              "frontdesk.print-housekeeping"));
  gtk_box_append (GTK_BOX (bar), icon_button ("x-office-document-symbolic", _("Daily Report (Night Audit)"),
                                              "frontdesk.daily-report"));
  gtk_box_append (GTK_BOX (bar), icon_button ("x-office-calendar-symbolic", _("Import a Booking Feed…"),
                                              "frontdesk.import-feed"));
  self->conflicts_button = gtk_button_new ();
  gtk_widget_add_css_class (self->conflicts_button, "flat");
  gtk_widget_add_css_class (self->conflicts_button, "error");
  gtk_widget_set_visible (self->conflicts_button, FALSE);
  g_signal_connect_swapped (self->conflicts_button, "clicked", G_CALLBACK (show_conflicts), self);
  gtk_box_append (GTK_BOX (bar), self->conflicts_button);

  gtk_widget_set_margin_start (legend, 12);
  gtk_widget_set_margin_end (legend, 12);
  gtk_widget_set_margin_top (legend, 6);
  gtk_widget_set_margin_bottom (legend, 6);
  gtk_box_append (GTK_BOX (legend), legend_item (td_stay_state_get_title (TD_STAY_TENTATIVE), "tentative"));
  gtk_box_append (GTK_BOX (legend), legend_item (td_stay_state_get_title (TD_STAY_CONFIRMED), "confirmed"));
  gtk_box_append (GTK_BOX (legend), legend_item (td_stay_state_get_title (TD_STAY_CHECKED_IN), "checked-in"));
  gtk_box_append (GTK_BOX (legend), legend_item (td_stay_state_get_title (TD_STAY_CHECKED_OUT), "checked-out"));
  gtk_box_append (GTK_BOX (legend), legend_item (_("Out of order"), "out-of-order"));
  gtk_box_append (GTK_BOX (legend), legend_item (_("Group block"), "block"));
  /* the legend is a footer under the chart, where it has the whole width
   * (in the tool bar it was cut off at the window's default size); it
   * still gives way when the window is narrower than it */
  legend_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (legend_scroller), GTK_POLICY_EXTERNAL, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (legend_scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (legend_scroller), legend);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->chart = TD_TAPE_CHART (td_tape_chart_new ());
  g_signal_connect_swapped (self->chart, "notify::loading", G_CALLBACK (loading_changed), self);
  g_signal_connect_swapped (self->chart, "stay-activated", G_CALLBACK (stay_activated_cb), self);
  g_signal_connect_swapped (self->chart, "booking-requested", G_CALLBACK (booking_requested_cb), self);
  g_signal_connect_swapped (self->chart, "move-requested", G_CALLBACK (move_requested_cb), self);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->chart));
  gtk_stack_add_named (self->stack, scroller, "chart");
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "td-hotel-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Hotels"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("This workspace has no hotel rooms yet: add a hotel, its room types and rooms to see them here."));
  {
    GtkWidget *setup = gtk_button_new_with_mnemonic (_("_Set Up Hotels and Rooms…"));

    gtk_widget_set_halign (setup, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (setup, "pill");
    gtk_widget_add_css_class (setup, "suggested-action");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (setup), "win.hotel-setup");
    adw_status_page_set_child (ADW_STATUS_PAGE (empty), setup);
  }
  gtk_stack_add_named (self->stack, empty, "empty");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), legend_scroller);
  gtk_widget_set_parent (box, GTK_WIDGET (self));

  gtk_widget_set_parent (build_popover (self), GTK_WIDGET (self->chart));
  update_stay_actions (self, NULL);
}
