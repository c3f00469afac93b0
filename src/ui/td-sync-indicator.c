/* td-sync-indicator.c: where the sync stands, in the window's header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-sync-indicator.h"

struct _TdSyncIndicator
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkMenuButton    *button;
  GtkImage         *icon;
  GtkLabel         *label;
  GtkProgressBar   *progress;
  GtkLabel         *title;
  GtkLabel         *detail;
  GtkLabel         *counts;
  GtkProgressBar   *popover_progress;

  TdSyncController *controller;
  gulong            notify_id;
};

G_DEFINE_FINAL_TYPE (TdSyncIndicator, td_sync_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
status_icon (TdSyncStatus status)
{
  switch (status)
    {
    case TD_SYNC_STATUS_SYNCED:
      return "emblem-ok-symbolic";
    case TD_SYNC_STATUS_SYNCING:
    case TD_SYNC_STATUS_STARTING:
      return "emblem-synchronizing-symbolic";
    case TD_SYNC_STATUS_OFFLINE:
      return "network-offline-symbolic";
    case TD_SYNC_STATUS_WAITING:
      return "dialog-warning-symbolic";
    case TD_SYNC_STATUS_SIGNED_OUT:
      return "dialog-password-symbolic";
    case TD_SYNC_STATUS_STOPPED:
      return "action-unavailable-symbolic";
    case TD_SYNC_STATUS_NOT_SET_UP:
    default:
      return "network-transmit-receive-symbolic";
    }
}

static void
update (TdSyncIndicator *self)
{
  TdSyncController *c = self->controller;
  g_autofree char *text = NULL;
  g_autofree char *counts = NULL;
  TdSyncStatus status;
  gint64 pending, conflicts;
  gboolean first_sync;
  const char *message;

  if (c == NULL)
    return;
  status = td_sync_controller_get_status (c);
  text = td_sync_controller_dup_status_text (c, g_get_real_time ());
  pending = td_sync_controller_get_pending (c);
  conflicts = td_sync_controller_get_conflicts (c);
  first_sync = td_sync_controller_get_first_sync (c);
  message = td_sync_controller_get_message (c);

  gtk_image_set_from_icon_name (self->icon, status_icon (status));
  gtk_label_set_label (self->label, text);
  gtk_label_set_label (self->title, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), message ? message : text);
  gtk_label_set_label (self->detail, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), message != NULL && status != TD_SYNC_STATUS_SYNCED);

  if (conflicts > 0)
    /* TRANSLATORS: in the sync popover; %s: "3 changes waiting" or "nothing waiting" */
    counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d conflict to resolve in Platform Settings",
                                           "%s · %d conflicts to resolve in Platform Settings",
                                           (gulong) conflicts),
                              pending > 0 ? g_dngettext (GETTEXT_PACKAGE, "One change waiting", "Changes waiting", (gulong) pending)
                                          : _("Nothing waiting"),
                              (int) MIN (conflicts, G_MAXINT));
  else if (pending > 0)
    counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d change made here is waiting to be sent",
                                           "%d changes made here are waiting to be sent", (gulong) pending),
                              (int) MIN (pending, G_MAXINT));
  else
    counts = g_strdup (_("Every change made here has been sent"));
  gtk_label_set_label (self->counts, counts);
  if (conflicts > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");

  gtk_widget_set_visible (GTK_WIDGET (self->progress), first_sync);
  gtk_widget_set_visible (GTK_WIDGET (self->popover_progress), first_sync);
  if (first_sync)
    {
      /* the platform says how many are coming; one of before did not: the bar moves with each page */
      if (td_sync_controller_get_first_sync_fraction (c) >= 0)
        gtk_progress_bar_set_fraction (self->progress, td_sync_controller_get_first_sync_fraction (c));
      else
        gtk_progress_bar_pulse (self->progress);
      if (td_sync_controller_get_first_sync_fraction (c) >= 0)
        gtk_progress_bar_set_fraction (self->popover_progress, td_sync_controller_get_first_sync_fraction (c));
      else
        gtk_progress_bar_pulse (self->popover_progress);
      gtk_progress_bar_set_text (self->popover_progress, text);
    }
}

static void
controller_notify (TdSyncIndicator *self)
{
  update (self);
}

void
td_sync_indicator_set_controller (TdSyncIndicator  *self,
                                  TdSyncController *controller)
{
  g_return_if_fail (TD_IS_SYNC_INDICATOR (self));
  g_return_if_fail (!controller || TD_IS_SYNC_CONTROLLER (controller));

  if (self->controller == controller)
    return;
  if (self->controller)
    g_clear_signal_handler (&self->notify_id, self->controller);
  g_set_object (&self->controller, controller);
  if (controller)
    self->notify_id = g_signal_connect_object (controller, "notify", G_CALLBACK (controller_notify),
                                               self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self), controller != NULL);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
}

TdSyncController *
td_sync_indicator_get_controller (TdSyncIndicator *self)
{
  g_return_val_if_fail (TD_IS_SYNC_INDICATOR (self), NULL);
  return self->controller;
}

const char *
td_sync_indicator_get_text (TdSyncIndicator *self)
{
  g_return_val_if_fail (TD_IS_SYNC_INDICATOR (self), NULL);
  return gtk_label_get_label (self->label);
}

static void
td_sync_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdSyncIndicator *self = TD_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_sync_indicator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TdSyncIndicator *self = TD_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      td_sync_indicator_set_controller (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_sync_indicator_dispose (GObject *object)
{
  TdSyncIndicator *self = TD_SYNC_INDICATOR (object);

  td_sync_indicator_set_controller (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_SYNC_INDICATOR);
  G_OBJECT_CLASS (td_sync_indicator_parent_class)->dispose (object);
}

static void
td_sync_indicator_class_init (TdSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = td_sync_indicator_get_property;
  object_class->set_property = td_sync_indicator_set_property;
  object_class->dispose = td_sync_indicator_dispose;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, TD_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, TdSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, TdSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, TdSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, TdSyncIndicator, progress);
  gtk_widget_class_bind_template_child (widget_class, TdSyncIndicator, title);
  gtk_widget_class_bind_template_child (widget_class, TdSyncIndicator, detail);
  gtk_widget_class_bind_template_child (widget_class, TdSyncIndicator, counts);
  gtk_widget_class_bind_template_child (widget_class, TdSyncIndicator, popover_progress);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "td-sync-indicator");
}

static void
td_sync_indicator_init (TdSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
td_sync_indicator_new (void)
{
  return g_object_new (TD_TYPE_SYNC_INDICATOR, NULL);
}
