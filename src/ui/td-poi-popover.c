/* td-poi-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "td-poi-bookings.h"
#include "td-poi-layer.h"
#include "td-poi-popover.h"

struct _TdPoiPopover
{
  GtkPopover  parent_instance;

  /* Template widgets */
  GtkStack   *stack;
  GtkLabel   *list_title;
  GtkListBox *list;
  GtkWidget  *back_button;
  GtkImage   *icon;
  GtkLabel   *name_label;
  GtkLabel   *name_en_label;
  GtkLabel   *category_label;
  GtkGrid    *details;
  GtkLabel   *coordinates_label;
  GtkButton  *nearby_button;
  GtkButton  *copy_button;
  GtkButton  *tickets_button;
  GtkButton  *itinerary_button;
  GtkButton  *bookings_button;
  GtkWidget  *availability_box;
  GtkLabel   *availability_title;
  GtkSpinner *availability_spinner;
  GtkMenuButton *date_button;
  GtkPopover *date_popover;
  GtkCalendar *calendar;
  GtkGrid    *slots_grid;
  GtkLabel   *as_of_label;

  GPtrArray  *pois;
  TdPoi      *poi;
  guint       copied_id;

  TdDatabase   *database;
  GCancellable *cancellable;   /* the availability being read */
  guint32       today;         /* as the last read said; 0 before */
  guint32       date;          /* the date shown; 0: today */
};

G_DEFINE_FINAL_TYPE (TdPoiPopover, td_poi_popover, GTK_TYPE_POPOVER)

enum {
  NEARBY_REQUESTED,
  BOOKINGS_REQUESTED,
  POI_SHOWN,
  AVAILABILITY_SHOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GdkPaintable *
category_icon (GtkWidget     *widget,
               TdPoiCategory  category,
               int            size)
{
  return GDK_PAINTABLE (td_poi_category_render_icon (category, size, gtk_widget_get_scale_factor (widget)));
}

static void
add_detail (TdPoiPopover *self,
            int           row,
            const char   *title,
            const char   *value)
{
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *text = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  /* wraps to a width of its own (see td-poi-popover.ui) */
  gtk_label_set_max_width_chars (GTK_LABEL (text), 1);
  gtk_widget_set_size_request (text, 190, -1);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_grid_attach (self->details, label, 0, row, 1, 1);
  gtk_grid_attach (self->details, text, 1, row, 1, 1);
}

static char *
format_price (const TdPoi *poi)
{
  if (!td_poi_has_ticket_price (poi))
    return NULL;
  if (poi->ticket_price.minor == 0)
    /* Translators: the ticket price of a place */
    return g_strdup (C_("ticket", "Free"));
  return td_money_format (&poi->ticket_price);
}

/* ------------------------------------------------------------------ */
/* availability                                                       */

static char *
format_day (guint32 julian)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  /* Translators: a day in the popover's date button: "Nov 24"; see
   * g_date_time_format() for the codes */
  return g_date_time_format (time, _("%b %-d"));
}

/* "as of 10:42" (today) or "as of Nov 21, 10:42": a quota's time */
static char *
format_as_of (TdPoiPopover *self,
              const char   *as_of)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (as_of, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    time = g_date_time_format (local, "%H:%M");
  else
    /* Translators: a time on another day than today: "Nov 21, 10:42" */
    time = g_date_time_format (local, _("%b %-d, %H:%M"));
  /* Translators: when the platform last said how many places were left */
  return g_strdup_printf (_("Places left as of %s, the last sync with the platform"), time);
}

static void
clear_slots (TdPoiPopover *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->slots_grid))))
    gtk_grid_remove (self->slots_grid, child);
  gtk_label_set_text (self->as_of_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->as_of_label), FALSE);
}

/* The n-th row of the availability: two slots a line (time, places),
 * so that a day of slots stays short; a wide row spans both. */
static void
add_slot_row (TdPoiPopover *self,
              int           n,
              gboolean      wide,
              const char   *when,
              const char   *left,
              gboolean      sold_out)
{
  GtkWidget *time = gtk_label_new (when);
  GtkWidget *places = gtk_label_new (left);
  int column = wide ? 0 : (n % 2) * 3;
  int row = wide ? n : n / 2;

  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_widget_add_css_class (time, "numeric");
  /* (a wrapping label in a grid asks for the height of its narrowest
   * width: one line, and the whole text in the tooltip) */
  gtk_label_set_ellipsize (GTK_LABEL (time), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (time, when);
  gtk_widget_set_hexpand (time, TRUE);
  gtk_label_set_xalign (GTK_LABEL (places), 1);
  gtk_widget_add_css_class (places, "numeric");
  if (sold_out)
    gtk_widget_add_css_class (places, "error");
  else
    gtk_widget_add_css_class (places, "dim-label");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (places),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, time, NULL, -1);
  gtk_grid_attach (self->slots_grid, time, column, row, wide ? 4 : 1, 1);
  gtk_grid_attach (self->slots_grid, places, wide ? 4 : column + 1, row, 1, 1);
  if (!wide && column == 0)
    {
      /* between the two columns */
      GtkWidget *gap = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

      gtk_widget_add_css_class (gap, "spacer");
      gtk_grid_attach (self->slots_grid, gap, 2, row, 1, 1);
    }
}

static void
update_date_button (TdPoiPopover *self,
                    guint32       date)
{
  g_autofree char *day = NULL;

  if (date == 0 || date == self->today)
    {
      gtk_menu_button_set_label (self->date_button, _("Today"));
      return;
    }
  day = format_day (date);
  gtk_menu_button_set_label (self->date_button, day);
}

static void
show_availability (TdPoiPopover      *self,
                   TdPoiAvailability *availability)
{
  gboolean tonight = availability->date == self->today;
  const char *as_of = NULL;

  clear_slots (self);
  update_date_button (self, availability->date);

  if (availability->property_id)
    {
      g_autofree char *count = g_strdup_printf ("%u", availability->n_rooms);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %s room free", "%u of %s rooms free",
                                                            availability->n_rooms),
                                               availability->n_free, count);

      gtk_label_set_text (self->availability_title, tonight ? _("Rooms Free Tonight") : _("Rooms Free That Night"));
      /* the property's name at the front desk, when the map calls it otherwise */
      add_slot_row (self, 0, TRUE,
                    g_strcmp0 (availability->property_name, self->poi ? self->poi->name : NULL) == 0
                    ? _("Every room type") : availability->property_name,
                    text, availability->n_free == 0);
      gtk_widget_set_visible (self->availability_box, TRUE);
      return;
    }
  if (!availability->has_slots)
    {
      /* nothing to sell here: say nothing */
      gtk_widget_set_visible (self->availability_box, FALSE);
      return;
    }

  gtk_label_set_text (self->availability_title, _("Tickets Left"));
  if (availability->slots->len == 0)
    add_slot_row (self, 0, TRUE, _("No time slots on this day"), "", FALSE);
  for (guint i = 0; i < availability->slots->len; i++)
    {
      const TdSlot *slot = g_ptr_array_index (availability->slots, i);
      g_autofree char *when = slot->end_time
                              ? g_strdup_printf ("%s–%s", slot->start_time, slot->end_time)
                              : g_strdup (slot->start_time);
      g_autofree char *left = td_slot_format_left (slot);

      add_slot_row (self, (int) i, FALSE, when, left, td_slot_get_available (slot) <= 0);
      if (slot->quota >= 0 && slot->quota_as_of && (as_of == NULL || strcmp (slot->quota_as_of, as_of) < 0))
        as_of = slot->quota_as_of;
    }
  if (as_of)
    {
      g_autofree char *text = format_as_of (self, as_of);

      gtk_label_set_text (self->as_of_label, text ? text : "");
      gtk_widget_set_visible (GTK_WIDGET (self->as_of_label), text != NULL);
    }
  gtk_widget_set_visible (self->availability_box, TRUE);
}

static void
availability_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(TdPoiPopover) self = data;
  g_autoptr(TdPoiAvailability) availability = NULL;
  g_autoptr(GError) error = NULL;

  availability = td_poi_get_availability_finish (TD_DATABASE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->availability_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->availability_spinner), FALSE);
  if (availability == NULL)
    {
      clear_slots (self);
      gtk_label_set_text (self->availability_title, _("Availability"));
      add_slot_row (self, 0, TRUE, error->message, "", FALSE);
      gtk_widget_set_visible (self->availability_box, TRUE);
      return;
    }
  if (self->date == 0)
    self->today = availability->date;
  show_availability (self, availability);
  g_signal_emit (self, signals[AVAILABILITY_SHOWN], 0);
}

static void
load_availability (TdPoiPopover *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->database == NULL || self->poi == NULL
      || (self->poi->category != TD_POI_ATTRACTION && self->poi->category != TD_POI_HOTEL
          && self->poi->category != TD_POI_PROPERTY))
    {
      gtk_widget_set_visible (self->availability_box, FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->availability_spinner), TRUE);
  gtk_spinner_start (self->availability_spinner);
  td_poi_get_availability_async (self->database, self->poi, self->date, self->cancellable,
                                 availability_cb, g_object_ref (self));
}

static void
calendar_day_selected_cb (TdPoiPopover *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (picked),
                  g_date_time_get_month (picked), g_date_time_get_year (picked));
  self->date = g_date_get_julian (&date);
  gtk_popover_popdown (self->date_popover);
  load_availability (self);
}

void
td_poi_popover_set_date (TdPoiPopover *self,
                         guint32       date)
{
  g_return_if_fail (TD_IS_POI_POPOVER (self));

  self->date = date;
  load_availability (self);
}

gboolean
td_poi_popover_get_loading (TdPoiPopover *self)
{
  g_return_val_if_fail (TD_IS_POI_POPOVER (self), FALSE);
  return self->cancellable != NULL && gtk_widget_get_visible (GTK_WIDGET (self->availability_spinner));
}

char *
td_poi_popover_get_availability_text (TdPoiPopover *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (TD_IS_POI_POPOVER (self), NULL);

  if (!gtk_widget_get_visible (self->availability_box))
    return NULL;
  /* time, places (and a gap) in the order they were added */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->slots_grid));
       child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *places = gtk_widget_get_next_sibling (child);

      if (!GTK_IS_LABEL (child) || places == NULL || !GTK_IS_LABEL (places))
        continue;
      g_string_append (text, gtk_label_get_text (GTK_LABEL (child)));
      if (*gtk_label_get_text (GTK_LABEL (places)))
        g_string_append_printf (text, " · %s", gtk_label_get_text (GTK_LABEL (places)));
      g_string_append_c (text, '\n');
      child = places;
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->as_of_label)))
    g_string_append (text, gtk_label_get_text (self->as_of_label));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
td_poi_popover_set_database (TdPoiPopover *self,
                             TdDatabase   *database)
{
  g_return_if_fail (TD_IS_POI_POPOVER (self));

  if (!g_set_object (&self->database, database))
    return;
  self->today = 0;
  load_availability (self);
}

/* ------------------------------------------------------------------ */

static void
show_poi (TdPoiPopover *self,
          TdPoi        *poi)
{
  g_autoptr(GdkPaintable) icon = category_icon (GTK_WIDGET (self), poi->category, 36);
  g_autoptr(GString) category = g_string_new (td_poi_category_get_name (poi->category));
  g_autofree char *price = format_price (poi);
  g_autofree char *coordinates = NULL;
  GtkWidget *child;
  int row = 0;

  g_clear_pointer (&self->poi, td_poi_unref);
  self->poi = td_poi_ref (poi);

  gtk_image_set_from_paintable (self->icon, icon);
  gtk_label_set_text (self->name_label, poi->name);
  gtk_label_set_text (self->name_en_label, poi->name_en ? poi->name_en : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_en_label), poi->name_en != NULL);

  if (poi->city)
    g_string_append_printf (category, " · %s", poi->city);
  gtk_label_set_text (self->category_label, category->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details))))
    gtk_grid_remove (self->details, child);
  if (poi->rating)
    /* Translators: the national A-level rating of an attraction (5A...) */
    add_detail (self, row++, _("Rating"), poi->rating);
  if (poi->address)
    add_detail (self, row++, _("Address"), poi->address);
  if (poi->opening_hours)
    add_detail (self, row++, _("Opening hours"), poi->opening_hours);
  if (price)
    add_detail (self, row++, _("Ticket"), price);
  if (row == 0)
    add_detail (self, row++, "", _("No address, opening hours or price recorded"));

  /* Translators: latitude and longitude; keep the degree signs */
  coordinates = g_strdup_printf (_("%.5f° %s, %.5f° %s"),
                                 fabs (poi->lat), poi->lat >= 0 ? C_("latitude", "N") : C_("latitude", "S"),
                                 fabs (poi->lon), poi->lon >= 0 ? C_("longitude", "E") : C_("longitude", "W"));
  gtk_label_set_text (self->coordinates_label, coordinates);

  /* an attraction's tickets are sold in the Tickets area */
  gtk_widget_set_visible (GTK_WIDGET (self->tickets_button), poi->category == TD_POI_ATTRACTION);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->tickets_button), "s", poi->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->tickets_button), "win.sell-tickets");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->itinerary_button), "s", poi->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->itinerary_button), "win.add-to-itinerary");

  gtk_widget_set_visible (self->back_button, self->pois && self->pois->len > 1);
  gtk_stack_set_visible_child_name (self->stack, "details");

  /* another place: today again */
  self->date = 0;
  clear_slots (self);
  gtk_widget_set_visible (self->availability_box, FALSE);
  load_availability (self);
}

static GtkWidget *
list_row (TdPoiPopover *self,
          TdPoi        *poi)
{
  g_autoptr(GdkPaintable) icon = category_icon (GTK_WIDGET (self), poi->category, 24);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  GtkWidget *image = gtk_image_new_from_paintable (icon);
  GtkWidget *label = gtk_label_new (poi->name);

  gtk_image_set_pixel_size (GTK_IMAGE (image), 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  td_poi_category_get_name (poi->category), -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "td-poi", td_poi_ref (poi), (GDestroyNotify) td_poi_unref);
  return row;
}

void
td_poi_popover_set_pois (TdPoiPopover *self,
                         GPtrArray    *pois)
{
  GtkWidget *child;

  g_return_if_fail (TD_IS_POI_POPOVER (self));
  g_return_if_fail (pois != NULL && pois->len > 0);

  g_ptr_array_ref (pois);
  g_clear_pointer (&self->pois, g_ptr_array_unref);
  self->pois = pois;

  if (pois->len == 1)
    {
      show_poi (self, g_ptr_array_index (pois, 0));
      return;
    }

  g_clear_pointer (&self->poi, td_poi_unref);
  {
    g_autofree char *count = g_strdup_printf ("%u", pois->len);
    g_autofree char *title = g_strdup_printf (ngettext ("%s place here", "%s places here", pois->len), count);

    gtk_label_set_text (self->list_title, title);
  }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < pois->len; i++)
    gtk_list_box_append (self->list, list_row (self, g_ptr_array_index (pois, i)));
  gtk_stack_set_visible_child_name (self->stack, "list");
}

TdPoi *
td_poi_popover_get_poi (TdPoiPopover *self)
{
  g_return_val_if_fail (TD_IS_POI_POPOVER (self), NULL);
  return self->poi;
}

static void
list_row_activated_cb (TdPoiPopover  *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  TdPoi *poi = g_object_get_data (G_OBJECT (row), "td-poi");

  show_poi (self, poi);
  gtk_widget_grab_focus (self->back_button);
  g_signal_emit (self, signals[POI_SHOWN], 0, poi);
}

static void
back_clicked_cb (TdPoiPopover *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->poi, td_poi_unref);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
nearby_clicked_cb (TdPoiPopover *self)
{
  g_autoptr(TdPoi) poi = self->poi ? td_poi_ref (self->poi) : NULL;

  if (poi == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[NEARBY_REQUESTED], 0, poi);
}

static void
bookings_clicked_cb (TdPoiPopover *self)
{
  g_autoptr(TdPoi) poi = self->poi ? td_poi_ref (self->poi) : NULL;

  if (poi == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[BOOKINGS_REQUESTED], 0, poi);
}

static void
tickets_clicked_cb (TdPoiPopover *self)
{
  /* (the button's action does the rest) */
  gtk_popover_popdown (GTK_POPOVER (self));
}

static gboolean
copied_done_cb (gpointer data)
{
  TdPoiPopover *self = data;

  gtk_button_set_label (self->copy_button, _("_Copy Coordinates"));
  self->copied_id = 0;
  return G_SOURCE_REMOVE;
}

static void
copy_clicked_cb (TdPoiPopover *self)
{
  g_autofree char *text = NULL;

  if (self->poi == NULL)
    return;
  /* as most maps and phones accept them */
  text = g_strdup_printf ("%.6f, %.6f", self->poi->lat, self->poi->lon);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);

  /* Translators: on the button, once the coordinates are copied */
  gtk_button_set_label (self->copy_button, _("Copied"));
  g_clear_handle_id (&self->copied_id, g_source_remove);
  self->copied_id = g_timeout_add (1500, copied_done_cb, self);
}

static void
td_poi_popover_map (GtkWidget *widget)
{
  TdPoiPopover *self = TD_POI_POPOVER (widget);

  GTK_WIDGET_CLASS (td_poi_popover_parent_class)->map (widget);

  /* not the first label, which would be selected whole */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "details") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->nearby_button));
}

static void
td_poi_popover_dispose (GObject *object)
{
  TdPoiPopover *self = TD_POI_POPOVER (object);

  g_clear_handle_id (&self->copied_id, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_POI_POPOVER);

  G_OBJECT_CLASS (td_poi_popover_parent_class)->dispose (object);
}

static void
td_poi_popover_finalize (GObject *object)
{
  TdPoiPopover *self = TD_POI_POPOVER (object);

  g_clear_pointer (&self->pois, g_ptr_array_unref);
  g_clear_pointer (&self->poi, td_poi_unref);

  G_OBJECT_CLASS (td_poi_popover_parent_class)->finalize (object);
}

static void
td_poi_popover_class_init (TdPoiPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_poi_popover_dispose;
  object_class->finalize = td_poi_popover_finalize;
  widget_class->map = td_poi_popover_map;

  signals[NEARBY_REQUESTED] =
    g_signal_new ("nearby-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TD_TYPE_POI);
  signals[BOOKINGS_REQUESTED] =
    g_signal_new ("bookings-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TD_TYPE_POI);
  signals[AVAILABILITY_SHOWN] =
    g_signal_new ("availability-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[POI_SHOWN] =
    g_signal_new ("poi-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TD_TYPE_POI);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-poi-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, stack);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, list_title);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, list);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, back_button);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, icon);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, name_label);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, name_en_label);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, category_label);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, details);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, coordinates_label);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, nearby_button);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, copy_button);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, tickets_button);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, itinerary_button);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, bookings_button);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, availability_box);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, availability_title);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, availability_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, date_button);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, date_popover);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, calendar);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, slots_grid);
  gtk_widget_class_bind_template_child (widget_class, TdPoiPopover, as_of_label);
  gtk_widget_class_bind_template_callback (widget_class, tickets_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, bookings_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, nearby_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}

static void
td_poi_popover_init (TdPoiPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
td_poi_popover_new (void)
{
  return g_object_new (TD_TYPE_POI_POPOVER, NULL);
}
