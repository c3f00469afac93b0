/* td-demo-tours.h: the demo's agency desk (src/core only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/* Three tour products of Henan with their itineraries, departures over the
 * weeks around today, and bookings of people (ids of person customers,
 * picked with rand): some paid, one cancelled, one departure full with a
 * waiting list. */
gboolean _td_demo_add_tours (TdDatabase  *db,
                             GRand       *rand,
                             GPtrArray   *people,
                             guint32      today,
                             gint64       now,
                             GError     **error);

G_END_DECLS
