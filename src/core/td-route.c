/* td-route.c: an itinerary as a route: stops in order, the legs between
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-geo.h"
#include "td-route.h"

struct _TdRoute
{
  gatomicrefcount ref_count;
  char *title;
  GArray *stops;   /* TdRouteStop */
};

G_DEFINE_BOXED_TYPE (TdRoute, td_route, td_route_ref, td_route_unref)

static void
stop_clear (gpointer data)
{
  g_free (((TdRouteStop *) data)->name);
}

TdRoute *
td_route_new (const char *title)
{
  TdRoute *self = g_new0 (TdRoute, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->title = g_strdup (title ? title : "");
  self->stops = g_array_new (FALSE, FALSE, sizeof (TdRouteStop));
  g_array_set_clear_func (self->stops, stop_clear);
  return self;
}

TdRoute *
td_route_ref (TdRoute *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
td_route_unref (TdRoute *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_array_unref (self->stops);
  g_free (self);
}

const char *
td_route_get_title (TdRoute *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

void
td_route_add_stop (TdRoute    *self,
                   guint       day,
                   const char *name,
                   double      latitude,
                   double      longitude)
{
  TdRouteStop stop = { day, g_strdup (name ? name : ""), latitude, longitude };

  g_return_if_fail (self != NULL);

  if (self->stops->len > 0)
    {
      TdRouteStop *last = &g_array_index (self->stops, TdRouteStop, self->stops->len - 1);

      if (last->latitude == latitude && last->longitude == longitude)
        {
          g_free (stop.name);
          return;
        }
    }
  g_array_append_val (self->stops, stop);
}

guint
td_route_get_n_stops (TdRoute *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->stops->len;
}

const TdRouteStop *
td_route_get_stop (TdRoute *self,
                   guint    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->stops->len, NULL);
  return &g_array_index (self->stops, TdRouteStop, index);
}

double
td_route_get_leg_km (TdRoute *self,
                     guint    index)
{
  const TdRouteStop *a, *b;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index + 1 < self->stops->len, 0);

  a = &g_array_index (self->stops, TdRouteStop, index);
  b = &g_array_index (self->stops, TdRouteStop, index + 1);
  return td_geo_distance (a->latitude, a->longitude, b->latitude, b->longitude) / 1000.0;
}

double
td_route_get_total_km (TdRoute *self)
{
  double total = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i + 1 < self->stops->len; i++)
    total += td_route_get_leg_km (self, i);
  return total;
}
