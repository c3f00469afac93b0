/* td-poi-bookings-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-folio-dialog.h"
#include "td-poi-bookings-window.h"
#include "td-tours-page.h"
#include "td-window.h"

struct _TdPoiBookingsWindow
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkCheckButton  *past_check;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  AdwStatusPage   *empty_page;
  GtkColumnView   *view;
  GtkLabel        *summary_label;

  TdDatabase      *database;
  TdPoi           *poi;
  GListStore      *store;
  GCancellable    *cancellable;
  GtkWindow       *main_window;   /* weak: where the areas are */
};

G_DEFINE_FINAL_TYPE (TdPoiBookingsWindow, td_poi_bookings_window, ADW_TYPE_WINDOW)

typedef enum {
  COLUMN_DATES,
  COLUMN_KIND,
  COLUMN_NAME,
  COLUMN_DETAIL,
  COLUMN_STATE,
} Column;

/* ------------------------------------------------------------------ */
/* cells                                                              */

static char *
format_dates (TdPoiBooking *booking)
{
  guint32 start = td_poi_booking_get_start (booking);
  guint32 end = td_poi_booking_get_end (booking);
  g_autofree char *first = td_date_format_iso (start);
  g_autofree char *last = NULL;

  if (end <= start + 1 && td_poi_booking_get_kind (booking) == TD_POI_BOOKING_TICKET)
    return g_steal_pointer (&first);
  /* a stay's departure, a tour's last day */
  last = td_date_format_iso (td_poi_booking_get_kind (booking) == TD_POI_BOOKING_STAY ? end : end - 1);
  return g_strdup_printf ("%s – %s", first, last);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (data) == COLUMN_DATES)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  TdPoiBooking *booking = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *dates = NULL;
  const char *text = "";

  switch ((Column) GPOINTER_TO_INT (data))
    {
    case COLUMN_DATES:
      text = dates = format_dates (booking);
      break;
    case COLUMN_KIND:
      text = td_poi_booking_get_kind_title (booking);
      break;
    case COLUMN_NAME:
      text = td_poi_booking_get_name (booking);
      /* a ticket sold without a holder's name */
      if (*text == '\0')
        text = "—";
      break;
    case COLUMN_DETAIL:
      text = td_poi_booking_get_detail (booking);
      break;
    case COLUMN_STATE:
      text = td_poi_booking_get_state (booking);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
  if (td_poi_booking_get_active (booking))
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

static void
add_column (TdPoiBookingsWindow *self,
            const char          *title,
            Column               column,
            gboolean             expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->view, view_column);
  g_object_unref (view_column);
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

static void
show_summary (TdPoiBookingsWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint counts[3] = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdPoiBooking) booking = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (td_poi_booking_get_active (booking))
        counts[td_poi_booking_get_kind (booking)]++;
    }
  if (counts[TD_POI_BOOKING_TICKET])
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u ticket", "%u tickets",
                                               counts[TD_POI_BOOKING_TICKET]),
                            counts[TD_POI_BOOKING_TICKET]);
  if (counts[TD_POI_BOOKING_STAY])
    {
      if (text->len)
        g_string_append (text, _(", "));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u stay", "%u stays",
                                                 counts[TD_POI_BOOKING_STAY]),
                              counts[TD_POI_BOOKING_STAY]);
    }
  if (counts[TD_POI_BOOKING_TOUR])
    {
      if (text->len)
        g_string_append (text, _(", "));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u tour booking", "%u tour bookings",
                                                 counts[TD_POI_BOOKING_TOUR]),
                              counts[TD_POI_BOOKING_TOUR]);
    }
  if (text->len)
    /* Translators: after the counts of tickets, stays and tour bookings */
    g_string_append (text, _(" (not counting those cancelled); double-click one to open it"));
  gtk_label_set_text (self->summary_label, text->str);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(TdPoiBookingsWindow) self = data;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;

  bookings = td_poi_bookings_list_finish (TD_DATABASE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  if (bookings == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("The Bookings Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       bookings->pdata, bookings->len);
  if (bookings->len == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Bookings Here"));
      adw_status_page_set_description (self->empty_page,
                                       gtk_check_button_get_active (self->past_check)
                                       ? _("No ticket, stay or tour booking at this place")
                                       : _("No ticket, stay or tour booking at this place from today on"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  show_summary (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
reload (TdPoiBookingsWindow *self)
{
  guint32 from = 0;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (!gtk_check_button_get_active (self->past_check))
    {
      TdDeskTime now;

      td_desk_time_init_now (&now, self->database);
      from = now.today;
    }
  g_list_store_remove_all (self->store);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);
  td_poi_bookings_list_async (self->database, self->poi, from, self->cancellable, list_cb, g_object_ref (self));
}

static void
past_toggled_cb (TdPoiBookingsWindow *self)
{
  reload (self);
}

/* ------------------------------------------------------------------ */
/* opening one                                                        */

void
td_poi_bookings_window_open (TdPoiBookingsWindow *self,
                             guint                position)
{
  g_autoptr(TdPoiBooking) booking = NULL;
  GtkWindow *main_window = self->main_window;

  g_return_if_fail (TD_IS_POI_BOOKINGS_WINDOW (self));

  booking = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  if (booking == NULL)
    return;

  switch (td_poi_booking_get_kind (booking))
    {
    case TD_POI_BOOKING_TICKET:
      /* the Tickets area on the attraction: its tickets sold are listed there */
      if (main_window)
        {
          gtk_widget_activate_action (GTK_WIDGET (main_window), "win.sell-tickets", "s",
                                      td_poi_booking_get_owner_id (booking));
          gtk_window_present (main_window);
        }
      break;
    case TD_POI_BOOKING_STAY:
      {
        TdFolioDialog *folio = td_folio_dialog_new (self->database, td_poi_booking_get_id (booking));

        gtk_window_set_transient_for (GTK_WINDOW (folio), GTK_WINDOW (self));
        gtk_window_present (GTK_WINDOW (folio));
      }
      break;
    case TD_POI_BOOKING_TOUR:
      if (TD_IS_WINDOW (main_window))
        {
          GtkWidget *page;

          td_window_set_area (TD_WINDOW (main_window), "tours");
          page = td_window_get_area_widget (TD_WINDOW (main_window), "tours");
          if (TD_IS_TOURS_PAGE (page))
            td_tours_page_select_departure (TD_TOURS_PAGE (page), td_poi_booking_get_owner_id (booking));
          gtk_window_present (main_window);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
view_activate_cb (TdPoiBookingsWindow *self,
                  guint                position)
{
  td_poi_bookings_window_open (self, position);
}

/* ------------------------------------------------------------------ */

GListModel *
td_poi_bookings_window_get_model (TdPoiBookingsWindow *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKINGS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->store);
}

gboolean
td_poi_bookings_window_get_loading (TdPoiBookingsWindow *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKINGS_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}

void
td_poi_bookings_window_set_past (TdPoiBookingsWindow *self,
                                 gboolean             past)
{
  g_return_if_fail (TD_IS_POI_BOOKINGS_WINDOW (self));
  gtk_check_button_set_active (self->past_check, past);
}

static void
td_poi_bookings_window_dispose (GObject *object)
{
  TdPoiBookingsWindow *self = TD_POI_BOOKINGS_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->main_window)
    g_object_remove_weak_pointer (G_OBJECT (self->main_window), (gpointer *) &self->main_window);
  self->main_window = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_POI_BOOKINGS_WINDOW);

  G_OBJECT_CLASS (td_poi_bookings_window_parent_class)->dispose (object);
}

static void
td_poi_bookings_window_finalize (GObject *object)
{
  TdPoiBookingsWindow *self = TD_POI_BOOKINGS_WINDOW (object);

  g_clear_object (&self->database);
  g_clear_object (&self->store);
  g_clear_pointer (&self->poi, td_poi_unref);

  G_OBJECT_CLASS (td_poi_bookings_window_parent_class)->finalize (object);
}

static void
td_poi_bookings_window_class_init (TdPoiBookingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_poi_bookings_window_dispose;
  object_class->finalize = td_poi_bookings_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-poi-bookings-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPoiBookingsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdPoiBookingsWindow, past_check);
  gtk_widget_class_bind_template_child (widget_class, TdPoiBookingsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TdPoiBookingsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdPoiBookingsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TdPoiBookingsWindow, view);
  gtk_widget_class_bind_template_child (widget_class, TdPoiBookingsWindow, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, past_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_activate_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_poi_bookings_window_init (TdPoiBookingsWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (TD_TYPE_POI_BOOKING);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  /* Translators: columns of the bookings at a place */
  add_column (self, _("Dates"), COLUMN_DATES, FALSE);
  add_column (self, _("Kind"), COLUMN_KIND, FALSE);
  add_column (self, _("Name"), COLUMN_NAME, FALSE);
  add_column (self, _("Details"), COLUMN_DETAIL, TRUE);
  add_column (self, _("State"), COLUMN_STATE, FALSE);
}

GtkWidget *
td_poi_bookings_window_new (GtkWindow  *parent,
                            TdDatabase *database,
                            TdPoi      *poi)
{
  TdPoiBookingsWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (poi != NULL, NULL);

  self = g_object_new (TD_TYPE_POI_BOOKINGS_WINDOW, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->poi = td_poi_ref (poi);
  self->main_window = parent;
  if (parent)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &self->main_window);

  /* Translators: the title of the window of a place's bookings */
  title = g_strdup_printf (_("Bookings at %s"), poi->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, poi->name);
  adw_window_title_set_subtitle (self->window_title, _("Tickets, stays and tour bookings"));
  reload (self);
  return GTK_WIDGET (self);
}
