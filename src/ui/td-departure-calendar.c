/* td-departure-calendar.c: a month of departures, with their fill levels
 *
 * Six weeks of seven days, Monday first; each day a button with its
 * departures (code, seats sold of the capacity) in the colour of how full
 * they are and of their state, and a sentence for screen readers. Enter
 * or a click on a day with one departure opens it ("departure-activated");
 * with several, a popover lists them. The arrows move between days, Page
 * Up and Page Down between months.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-date-range.h"
#include "td-departure-calendar.h"
#include "td-tours.h"

#define N_CELLS 42

struct _TdDepartureCalendar
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *month_label;
  GtkGrid   *grid;
  GtkWidget *cells[N_CELLS];

  GPtrArray *departures;   /* TdDeparture* */
  guint32    month;        /* its first day */
  guint32    today;
};

G_DEFINE_FINAL_TYPE (TdDepartureCalendar, td_departure_calendar, GTK_TYPE_WIDGET)

enum {
  DEPARTURE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* how full a departure is, as a style class */
static const char *
fill_class (const TdDeparture *d)
{
  TdDepartureState state = td_departure_get_state (d);

  if (state == TD_DEPARTURE_CANCELLED || state == TD_DEPARTURE_CLOSED || state == TD_DEPARTURE_DEPARTED
      || state == TD_DEPARTURE_DRAFT)
    return "dim-label";
  if (d->capacity > 0 && d->sold >= d->capacity)
    return "error";
  if (state == TD_DEPARTURE_GUARANTEED || (d->min_pax > 0 && d->sold >= d->min_pax))
    return "success";
  return "accent";
}

static void
departure_clicked (GtkButton           *button,
                   TdDepartureCalendar *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
  g_signal_emit (self, signals[DEPARTURE_ACTIVATED], 0, g_object_get_data (G_OBJECT (button), "id"));
}

static void
day_clicked (GtkButton           *button,
             TdDepartureCalendar *self)
{
  GPtrArray *day = g_object_get_data (G_OBJECT (button), "departures");
  GtkWidget *popover, *list;

  if (day == NULL || day->len == 0)
    return;
  if (day->len == 1)
    {
      g_signal_emit (self, signals[DEPARTURE_ACTIVATED], 0, ((TdDeparture *) g_ptr_array_index (day, 0))->id);
      return;
    }
  /* several: choose */
  popover = gtk_popover_new ();
  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < day->len; i++)
    {
      TdDeparture *d = g_ptr_array_index (day, i);
      /* Translators: a tour product's name, then its seats sold of its capacity */
      g_autofree char *text = g_strdup_printf (_("%s · %u of %u seats"), d->product_name, d->sold, d->capacity);
      GtkWidget *item = gtk_button_new_with_label (text);

      gtk_widget_add_css_class (item, "flat");
      g_object_set_data_full (G_OBJECT (item), "id", g_strdup (d->id), g_free);
      g_signal_connect (item, "clicked", G_CALLBACK (departure_clicked), self);
      gtk_box_append (GTK_BOX (list), item);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), list);
  gtk_widget_set_parent (popover, GTK_WIDGET (button));
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
fill_cell (TdDepartureCalendar *self,
           guint                index,
           guint32              day)
{
  GtkWidget *button = self->cells[index];
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GPtrArray *on_day = g_ptr_array_new ();
  g_autoptr(GString) spoken = g_string_new (NULL);
  g_autofree char *number = NULL;
  GtkWidget *label;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  number = g_strdup_printf ("%u", g_date_get_day (&date));
  label = gtk_label_new (number);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  if (day == self->today)
    gtk_widget_add_css_class (label, "accent");
  gtk_box_append (GTK_BOX (content), label);

  for (guint i = 0; self->departures && i < self->departures->len; i++)
    {
      TdDeparture *d = g_ptr_array_index (self->departures, i);

      if (d->start == day)
        g_ptr_array_add (on_day, d);
    }
  {
    char buffer[64];

    g_date_strftime (buffer, sizeof buffer, _("%e %B"), &date);
    g_string_append (spoken, g_strstrip (buffer));
  }
  if (on_day->len == 0)
    /* Translators: said of a day of the calendar */
    g_string_append_printf (spoken, ", %s", _("no departures"));
  for (guint i = 0; i < on_day->len; i++)
    {
      TdDeparture *d = g_ptr_array_index (on_day, i);
      /* Translators: a product's code, then its seats sold of the capacity: "LY3 8/12" */
      g_autofree char *text = g_strdup_printf (_("%s %u/%u"), d->product_code, d->sold, d->capacity);
      /* Translators: for screen readers: a product, its seats sold of the capacity, its state */
      g_autofree char *said = g_strdup_printf (_("%s, %u of %u seats, %s"), d->product_name, d->sold, d->capacity,
                                               td_departure_state_get_title (td_departure_get_state (d)));

      if (i < 3)
        {
          GtkWidget *line = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (line), 0);
          gtk_label_set_ellipsize (GTK_LABEL (line), PANGO_ELLIPSIZE_END);
          gtk_widget_add_css_class (line, "caption");
          gtk_widget_add_css_class (line, fill_class (d));
          gtk_box_append (GTK_BOX (content), line);
        }
      g_string_append_printf (spoken, "; %s", said);
    }
  if (on_day->len > 3)
    {
      /* Translators: more departures on a day than shown */
      g_autofree char *more = g_strdup_printf (_("+%u more"), on_day->len - 3);
      GtkWidget *line = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (line), 0);
      gtk_widget_add_css_class (line, "caption");
      gtk_widget_add_css_class (line, "dim-label");
      gtk_box_append (GTK_BOX (content), line);
    }
  gtk_button_set_child (GTK_BUTTON (button), content);
  {
    GDate first;

    g_date_clear (&first, 1);
    g_date_set_julian (&first, self->month);
    if (g_date_get_month (&date) != g_date_get_month (&first))
      gtk_widget_add_css_class (button, "dim-label");
    else
      gtk_widget_remove_css_class (button, "dim-label");
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
  g_object_set_data_full (G_OBJECT (button), "departures", on_day, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (button), "day", GUINT_TO_POINTER (day));
}

static void
refill (TdDepartureCalendar *self)
{
  GDate date;
  char title[64];
  guint32 first_cell;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, self->month);
  g_date_strftime (title, sizeof title, _("%B %Y"), &date);
  gtk_label_set_text (self->month_label, title);
  /* the Monday on or before the first */
  first_cell = self->month - (g_date_get_weekday (&date) - G_DATE_MONDAY);
  for (guint i = 0; i < N_CELLS; i++)
    fill_cell (self, i, first_cell + i);
}

guint32
td_departure_calendar_get_month (TdDepartureCalendar *self)
{
  g_return_val_if_fail (TD_IS_DEPARTURE_CALENDAR (self), 0);
  return self->month;
}

void
td_departure_calendar_show_month (TdDepartureCalendar *self,
                                  guint32              any_day)
{
  GDate date;

  g_return_if_fail (TD_IS_DEPARTURE_CALENDAR (self));
  if (any_day == 0)
    return;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, any_day);
  g_date_set_day (&date, 1);
  self->month = g_date_get_julian (&date);
  refill (self);
}

void
td_departure_calendar_set_departures (TdDepartureCalendar *self,
                                      GPtrArray           *departures,
                                      guint32              today)
{
  g_return_if_fail (TD_IS_DEPARTURE_CALENDAR (self));

  g_clear_pointer (&self->departures, g_ptr_array_unref);
  self->departures = departures ? g_ptr_array_ref (departures) : NULL;
  self->today = today;
  td_departure_calendar_show_month (self, self->month ? self->month : today);
}

static void
shift_months (TdDepartureCalendar *self,
              int                  months)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, self->month);
  if (months > 0)
    g_date_add_months (&date, (guint) months);
  else
    g_date_subtract_months (&date, (guint) -months);
  td_departure_calendar_show_month (self, g_date_get_julian (&date));
}

static void
previous_clicked (TdDepartureCalendar *self)
{
  shift_months (self, -1);
}

static void
next_clicked (TdDepartureCalendar *self)
{
  shift_months (self, 1);
}

static void
today_clicked (TdDepartureCalendar *self)
{
  td_departure_calendar_show_month (self, self->today);
}

static gboolean
page_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  shift_months (TD_DEPARTURE_CALENDAR (widget), g_variant_get_int32 (args));
  return TRUE;
}

static void
td_departure_calendar_dispose (GObject *object)
{
  TdDepartureCalendar *self = TD_DEPARTURE_CALENDAR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->departures, g_ptr_array_unref);
  G_OBJECT_CLASS (td_departure_calendar_parent_class)->dispose (object);
}

static void
td_departure_calendar_class_init (TdDepartureCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_departure_calendar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  /**
   * TdDepartureCalendar::departure-activated:
   * @id: the departure's
   */
  signals[DEPARTURE_ACTIVATED] = g_signal_new ("departure-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, page_shortcut, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, page_shortcut, "i", 1);
}

static void
td_departure_calendar_init (TdDepartureCalendar *self)
{
  /* Translators: the days of the week heading the calendar, Monday first */
  const char *weekdays[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_add_css_class (nav, "linked");
  button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (button, _("Previous Month (Page Up)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Previous Month"), -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (previous_clicked), self);
  gtk_box_append (GTK_BOX (nav), button);
  button = gtk_button_new_with_mnemonic (_("_This Month"));
  gtk_widget_set_name (button, "calendar-today");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (today_clicked), self);
  gtk_box_append (GTK_BOX (nav), button);
  button = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (button, _("Next Month (Page Down)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Next Month"), -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (next_clicked), self);
  gtk_box_append (GTK_BOX (nav), button);
  gtk_box_append (GTK_BOX (bar), nav);
  self->month_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->month_label), "title-3");
  gtk_widget_set_margin_start (GTK_WIDGET (self->month_label), 12);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->month_label));
  gtk_box_append (GTK_BOX (self->box), bar);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_homogeneous (self->grid, FALSE);
  gtk_grid_set_column_homogeneous (self->grid, TRUE);
  gtk_grid_set_row_spacing (self->grid, 4);
  gtk_grid_set_column_spacing (self->grid, 4);
  gtk_widget_set_vexpand (GTK_WIDGET (self->grid), TRUE);
  for (guint d = 0; d < 7; d++)
    {
      GtkWidget *head = gtk_label_new (_(weekdays[d]));

      gtk_widget_add_css_class (head, "dim-label");
      gtk_grid_attach (self->grid, head, (int) d, 0, 1, 1);
    }
  for (guint i = 0; i < N_CELLS; i++)
    {
      GtkWidget *cell = gtk_button_new ();
      g_autofree char *name = g_strdup_printf ("calendar-cell-%u", i);

      gtk_widget_set_name (cell, name);
      gtk_widget_set_vexpand (cell, TRUE);
      gtk_widget_set_size_request (cell, -1, 64);
      g_signal_connect (cell, "clicked", G_CALLBACK (day_clicked), self);
      gtk_grid_attach (self->grid, cell, (int) (i % 7), (int) (1 + i / 7), 1, 1);
      self->cells[i] = cell;
    }
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->grid));
}

GtkWidget *
td_departure_calendar_new (void)
{
  return g_object_new (TD_TYPE_DEPARTURE_CALENDAR, NULL);
}
