/* td-dashboard-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "td-area.h"
#include "td-count-card.h"
#include "td-dashboard-page.h"
#include "td-utils.h"

#define FITS_HOTEL  (1 << TD_PROFILE_HOTEL)
#define FITS_AGENCY (1 << TD_PROFILE_AGENCY)
#define FITS_BOTH   (1 << TD_PROFILE_BOTH)
#define FITS_ALL    (FITS_HOTEL | FITS_AGENCY | FITS_BOTH)

/* The record kinds the dashboard counts, in the order shown. A kind is shown
 * when it has records, or when it belongs to the workspace's business type. */
static const struct {
  const char *kind;
  const char *icon_name;
  guint       fits;
} counted_kinds[] = {
  { "property",     "td-hotel-symbolic",        FITS_HOTEL | FITS_BOTH },
  { "room_type",    "td-room-type-symbolic",    FITS_HOTEL | FITS_BOTH },
  { "room",         "td-room-symbolic",         FITS_HOTEL | FITS_BOTH },
  { "customer",     "td-customer-symbolic",     FITS_ALL },
  { "poi",          "td-place-symbolic",        FITS_AGENCY | FITS_BOTH },
  { "organisation", "td-organisation-symbolic", FITS_ALL },
};

struct _TdDashboardPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkStack      *stack;
  GtkSpinner    *spinner;
  AdwStatusPage *error_page;
  GtkLabel      *name_label;
  GtkLabel      *details_label;
  GtkFlowBox    *cards;
  GtkWidget     *empty_box;
  GtkLabel      *empty_description;
  GtkWidget     *hotels_button;
  GtkLabel      *outbox_label;
  GtkLabel      *tonight_label;

  TdCountCard   *count_cards[G_N_ELEMENTS (counted_kinds)];

  TdDatabase    *database;
  TdSummary     *summary;
  GCancellable  *cancellable;
  GCancellable  *tonight_cancellable;
};

static void td_area_iface_init (TdAreaInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdDashboardPage, td_dashboard_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_AREA, td_area_iface_init))

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS,

  /* TdArea */
  PROP_DATABASE = N_PROPS,
  PROP_LOADING,
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_title (const char *kind,
            gint64      count)
{
  gulong n = (gulong) CLAMP (count, 0, G_MAXLONG);

  if (g_str_equal (kind, "property"))
    return ngettext ("Hotel", "Hotels", n);
  if (g_str_equal (kind, "room_type"))
    return ngettext ("Room type", "Room types", n);
  if (g_str_equal (kind, "room"))
    return ngettext ("Room", "Rooms", n);
  if (g_str_equal (kind, "customer"))
    return ngettext ("Customer", "Customers", n);
  if (g_str_equal (kind, "poi"))
    return ngettext ("Attraction or place", "Attractions and places", n);
  if (g_str_equal (kind, "organisation"))
    return ngettext ("Organisation", "Organisations", n);

  g_return_val_if_reached (kind);
}

static char *
format_today (const char *time_zone)
{
  g_autoptr(GDateTime) date_time = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, td_today_julian (time_zone));

  if (!g_date_valid (&date))
    return g_strdup ("");

  date_time = g_date_time_new_utc (g_date_get_year (&date),
                                   g_date_get_month (&date),
                                   g_date_get_day (&date),
                                   12, 0, 0);

  /* Translators: today's date on the dashboard, in g_date_time_format()
   * syntax. In Chinese for example "%Y年%-m月%-d日 %A". */
  return g_date_time_format (date_time, C_("dashboard date", "%A, %-d %B %Y"));
}

static void
td_dashboard_page_show_summary (TdDashboardPage *self,
                                TdSummary       *summary)
{
  g_autofree char *today = NULL;
  g_autofree char *details = NULL;
  g_autofree char *pending_text = NULL;
  const char *name;
  const char *time_zone;
  TdProfile profile;
  gboolean empty = TRUE;
  gint64 pending;

  name = td_summary_get_name (summary);
  profile = td_summary_get_profile (summary);
  time_zone = td_summary_get_time_zone (summary);
  if (time_zone == NULL || time_zone[0] == '\0')
    time_zone = TD_DEFAULT_TIME_ZONE;

  gtk_label_set_text (self->name_label, name && name[0] ? name : _("Unnamed Workspace"));

  today = format_today (time_zone);
  /* Translators: the business type, then today's date */
  details = g_strdup_printf (C_("dashboard details", "%s · %s"),
                             td_profile_get_title (profile), today);
  gtk_label_set_text (self->details_label, details);

  for (guint i = 0; i < G_N_ELEMENTS (counted_kinds); i++)
    {
      gint64 count = td_summary_get_count (summary, counted_kinds[i].kind);
      gboolean fits = (counted_kinds[i].fits & (1u << profile)) != 0;
      GtkWidget *child = gtk_widget_get_parent (GTK_WIDGET (self->count_cards[i]));

      td_count_card_set_count (self->count_cards[i], count,
                               kind_title (counted_kinds[i].kind, count));
      gtk_widget_set_visible (child, count > 0 || fits);

      if (count > 0 && !g_str_equal (counted_kinds[i].kind, "organisation"))
        empty = FALSE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->cards), !empty);
  gtk_widget_set_visible (self->empty_box, empty);
  gtk_widget_set_visible (self->hotels_button, profile != TD_PROFILE_AGENCY);

  switch (profile)
    {
    case TD_PROFILE_HOTEL:
      gtk_label_set_text (self->empty_description,
                          _("Start with your business details: address, phone and unified social credit code. "
                            "Your hotels, rooms and guests will be counted here once they are added."));
      break;

    case TD_PROFILE_AGENCY:
      gtk_label_set_text (self->empty_description,
                          _("Start with your business details: address, phone and unified social credit code. "
                            "Your customers, attractions and places will be counted here once they are added."));
      break;

    case TD_PROFILE_BOTH:
    default:
      gtk_label_set_text (self->empty_description,
                          _("Start with your business details: address, phone and unified social credit code. "
                            "Your hotels, rooms, customers and places will be counted here once they are added."));
      break;
    }

  pending = td_summary_get_outbox_pending (summary);
  if (pending == 0)
    {
      pending_text = g_strdup (_("No changes are waiting to be sent to the platform."));
    }
  else
    {
      g_autofree char *count = td_format_count (pending);

      pending_text = g_strdup_printf (ngettext ("%s change is waiting to be sent to the platform.",
                                                "%s changes are waiting to be sent to the platform.",
                                                (gulong) CLAMP (pending, 0, G_MAXLONG)),
                                      count);
    }
  gtk_label_set_text (self->outbox_label, pending_text);

  gtk_stack_set_visible_child_name (self->stack, "summary");
}

/* Tonight's figures of the hotels (the night audit's), under the cards */
static void
tonight_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TdDashboardPage) self = user_data;
  g_autoptr(TdDailyReport) report = td_daily_report_build_finish (TD_DATABASE (object), result, NULL);
  g_autofree char *occupancy = NULL;
  g_autofree char *text = NULL;

  /* a newer load (or none) replaced this one */
  if (report == NULL || report->figures->rooms == 0 || g_task_get_cancellable (G_TASK (result)) != self->tonight_cancellable)
    return;
  occupancy = td_kpi_format_ratio (td_kpi_figures_occupancy (report->figures));
  /* TRANSLATORS: tonight's occupancy, arrivals, departures and guests in house */
  text = g_strdup_printf (_("Tonight: %s occupancy · %u arrivals · %u departures · %u rooms in house"),
                          occupancy, report->arrivals->len, report->departures->len, report->in_house->len);
  gtk_label_set_text (self->tonight_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->tonight_label), TRUE);
}

static void
td_dashboard_page_load_tonight (TdDashboardPage *self,
                                TdSummary       *summary)
{
  TdDeskTime now;

  if (self->tonight_cancellable)
    g_cancellable_cancel (self->tonight_cancellable);
  g_clear_object (&self->tonight_cancellable);
  if (self->database == NULL || td_summary_get_count (summary, "room") == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->tonight_label), FALSE);
      return;
    }
  self->tonight_cancellable = g_cancellable_new ();
  td_desk_time_init_now (&now, self->database);
  td_daily_report_build_async (self->database, NULL, now.today, self->tonight_cancellable,
                               tonight_cb, g_object_ref (self));
}

static void
td_dashboard_page_set_loading (TdDashboardPage *self,
                               GCancellable    *cancellable)
{
  td_area_set_loading (TD_AREA (self), &self->cancellable, cancellable, self->spinner);
}

static void
td_dashboard_page_load_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(TdDashboardPage) self = user_data;
  g_autoptr(TdSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = td_database_load_summary_finish (TD_DATABASE (object), result, &error);

  /* A newer load (or none) replaced this one. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  td_dashboard_page_set_loading (self, NULL);

  if (summary == NULL)
    {
      td_area_show_error (self->stack, self->error_page, error);
      return;
    }

  g_clear_pointer (&self->summary, td_summary_unref);
  self->summary = td_summary_ref (summary);
  td_dashboard_page_show_summary (self, summary);
  td_dashboard_page_load_tonight (self, summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
td_dashboard_page_refresh (TdArea *area)
{
  TdDashboardPage *self = TD_DASHBOARD_PAGE (area);
  g_autoptr(GCancellable) cancellable = NULL;

  if (self->database == NULL)
    {
      td_dashboard_page_set_loading (self, NULL);
      return;
    }

  /* Keep showing the old figures while new ones load. */
  if (self->summary == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  cancellable = g_cancellable_new ();
  td_dashboard_page_set_loading (self, cancellable);
  td_database_load_summary_async (self->database,
                                  cancellable,
                                  td_dashboard_page_load_cb,
                                  g_object_ref (self));
}

static void
td_dashboard_page_set_database (TdDashboardPage *self,
                                TdDatabase      *database)
{
  if (!g_set_object (&self->database, database))
    return;

  g_clear_pointer (&self->summary, td_summary_unref);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  td_dashboard_page_refresh (TD_AREA (self));

  g_object_notify (G_OBJECT (self), "database");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

TdSummary *
td_dashboard_page_get_summary (TdDashboardPage *self)
{
  g_return_val_if_fail (TD_IS_DASHBOARD_PAGE (self), NULL);

  return self->summary;
}

static void
td_area_iface_init (TdAreaInterface *iface)
{
  iface->refresh = td_dashboard_page_refresh;
}

static void
td_dashboard_page_dispose (GObject *object)
{
  TdDashboardPage *self = TD_DASHBOARD_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->tonight_cancellable != NULL)
    g_cancellable_cancel (self->tonight_cancellable);
  g_clear_object (&self->tonight_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_DASHBOARD_PAGE);

  G_OBJECT_CLASS (td_dashboard_page_parent_class)->dispose (object);
}

static void
td_dashboard_page_finalize (GObject *object)
{
  TdDashboardPage *self = TD_DASHBOARD_PAGE (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->summary, td_summary_unref);

  G_OBJECT_CLASS (td_dashboard_page_parent_class)->finalize (object);
}

static void
td_dashboard_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdDashboardPage *self = TD_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_boxed (value, self->summary);
      break;

    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_dashboard_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TdDashboardPage *self = TD_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      td_dashboard_page_set_database (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_dashboard_page_class_init (TdDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_dashboard_page_dispose;
  object_class->finalize = td_dashboard_page_finalize;
  object_class->get_property = td_dashboard_page_get_property;
  object_class->set_property = td_dashboard_page_set_property;

  properties[PROP_SUMMARY] =
    g_param_spec_boxed ("summary", NULL, NULL,
                        TD_TYPE_SUMMARY,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_DATABASE, "database");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");

  g_type_ensure (TD_TYPE_COUNT_CARD);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, cards);
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, empty_box);
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, empty_description);
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, hotels_button);
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, outbox_label);
  gtk_widget_class_bind_template_child (widget_class, TdDashboardPage, tonight_label);
}

static void
td_dashboard_page_init (TdDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (counted_kinds); i++)
    {
      GtkWidget *card = td_count_card_new (counted_kinds[i].icon_name);
      GtkWidget *child = gtk_flow_box_child_new ();

      /* The cards are read, not operated: keep them out of the Tab chain. */
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
      gtk_flow_box_append (self->cards, child);
      self->count_cards[i] = TD_COUNT_CARD (card);
    }
}

GtkWidget *
td_dashboard_page_new (void)
{
  return g_object_new (TD_TYPE_DASHBOARD_PAGE, NULL);
}
