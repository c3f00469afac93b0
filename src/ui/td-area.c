/* td-area.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-area.h"

G_DEFINE_INTERFACE (TdArea, td_area, GTK_TYPE_WIDGET)

static void
td_area_default_init (TdAreaInterface *iface)
{
  g_object_interface_install_property (iface,
                                       g_param_spec_object ("database", NULL, NULL,
                                                            TD_TYPE_DATABASE,
                                                            (G_PARAM_READWRITE |
                                                             G_PARAM_EXPLICIT_NOTIFY |
                                                             G_PARAM_STATIC_STRINGS)));
  g_object_interface_install_property (iface,
                                       g_param_spec_boolean ("loading", NULL, NULL,
                                                             FALSE,
                                                             (G_PARAM_READABLE |
                                                              G_PARAM_STATIC_STRINGS)));
}

TdDatabase *
td_area_get_database (TdArea *self)
{
  g_autoptr(TdDatabase) database = NULL;

  g_return_val_if_fail (TD_IS_AREA (self), NULL);

  /* The area keeps its own reference, so returning a borrowed one is fine. */
  g_object_get (self, "database", &database, NULL);
  return database;
}

void
td_area_set_database (TdArea     *self,
                      TdDatabase *database)
{
  g_return_if_fail (TD_IS_AREA (self));
  g_return_if_fail (!database || TD_IS_DATABASE (database));

  g_object_set (self, "database", database, NULL);
}

gboolean
td_area_get_loading (TdArea *self)
{
  gboolean loading = FALSE;

  g_return_val_if_fail (TD_IS_AREA (self), FALSE);

  g_object_get (self, "loading", &loading, NULL);
  return loading;
}

void
td_area_refresh (TdArea *self)
{
  g_return_if_fail (TD_IS_AREA (self));

  if (TD_AREA_GET_IFACE (self)->refresh)
    TD_AREA_GET_IFACE (self)->refresh (self);
}

gboolean
td_area_create (TdArea *self)
{
  g_return_val_if_fail (TD_IS_AREA (self), FALSE);

  if (TD_AREA_GET_IFACE (self)->create)
    return TD_AREA_GET_IFACE (self)->create (self);
  return FALSE;
}

void
td_area_set_loading (TdArea        *self,
                     GCancellable **current,
                     GCancellable  *cancellable,
                     GtkSpinner    *spinner)
{
  gboolean was_loading = *current != NULL;

  if (*current != NULL)
    g_cancellable_cancel (*current);

  g_set_object (current, cancellable);
  gtk_spinner_set_spinning (spinner, cancellable != NULL);

  if (was_loading != (cancellable != NULL))
    g_object_notify (G_OBJECT (self), "loading");
}

void
td_area_show_error (GtkStack      *stack,
                    AdwStatusPage *error_page,
                    const GError  *error)
{
  adw_status_page_set_description (error_page, error->message);
  gtk_stack_set_visible_child_name (stack, "error");
}
