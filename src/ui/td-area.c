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
