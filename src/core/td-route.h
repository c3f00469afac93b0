/* td-route.h: an itinerary as a route: stops in order, the legs between
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  guint   day;        /* 1 … ; 0 when not known */
  char   *name;
  double  latitude;   /* WGS-84 */
  double  longitude;
} TdRouteStop;

typedef struct _TdRoute TdRoute;

#define TD_TYPE_ROUTE (td_route_get_type ())

GType              td_route_get_type   (void) G_GNUC_CONST;
TdRoute           *td_route_new        (const char *title);
TdRoute           *td_route_ref        (TdRoute    *self);
void               td_route_unref      (TdRoute    *self);

const char        *td_route_get_title  (TdRoute    *self);
/* Adds a stop after the others. A stop at the same place as the one before
 * (two items of a day at one attraction) is not added again. */
void               td_route_add_stop   (TdRoute    *self,
                                        guint       day,
                                        const char *name,
                                        double      latitude,
                                        double      longitude);
guint              td_route_get_n_stops (TdRoute   *self);
const TdRouteStop *td_route_get_stop   (TdRoute    *self,
                                        guint       index);
/* The great-circle distance from stop index to the next, in kilometres
 * (a straight line: roads are longer). */
double             td_route_get_leg_km (TdRoute    *self,
                                        guint       index);
double             td_route_get_total_km (TdRoute  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRoute, td_route_unref)

G_END_DECLS
