/* td-areas.c: the areas of the main window, in sidebar order
 *
 * To add an area: write a widget implementing TdArea (see td-area.h) and add
 * one line to the table below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-area.h"
#include "td-customers-page.h"
#include "td-dashboard-page.h"
#include "td-front-desk-page.h"
#include "td-map-page.h"
#include "td-tickets-page.h"
#include "td-tours-page.h"

/* (the accelerators are listed in resources/gtk/help-overlay.ui too) */
static const TdAreaInfo areas[] = {
  { "dashboard", N_("Dashboard"), "td-dashboard-symbolic", "<Control>1", td_dashboard_page_get_type },
  { "frontdesk", N_("Front Desk"), "td-hotel-symbolic", "<Control>2", td_front_desk_page_get_type },
  { "customers", N_("Customers"), "td-customer-symbolic", "<Control>3", td_customers_page_get_type },
  { "map", N_("Map"), "td-place-symbolic", "<Control>4", td_map_page_get_type },
  { "tours", N_("Tours"), "td-agency-symbolic", "<Control>5", td_tours_page_get_type },
  { "tickets", N_("Tickets"), "td-poi-attraction-symbolic", "<Control>6", td_tickets_page_get_type },
};

const TdAreaInfo *
td_areas_get (guint *n_areas)
{
  if (n_areas)
    *n_areas = G_N_ELEMENTS (areas);
  return areas;
}

const TdAreaInfo *
td_areas_lookup (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      if (g_str_equal (areas[i].id, id))
        return &areas[i];
    }

  return NULL;
}
