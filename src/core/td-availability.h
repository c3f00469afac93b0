/* td-availability.h: what can be sold for some dates, and why not
 *
 * For each room type of one property or of all of them: the rooms free
 * for every night of the stay, how many of the type can still be sold
 * (group blocks and overbooked stays without a room take their share),
 * the price of the stay under each of its rate plans, and why it cannot be
 * sold: full, closed, closed to arrival or departure, minimum or maximum
 * stay, too many guests, no rate.
 *
 * The rooms are read by one indexed query (a property's rooms, or every
 * room, each with the nights of the range it is taken in room_nights).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-date-range.h"
#include "td-desk.h"
#include "td-rates.h"

G_BEGIN_DECLS

typedef struct {
  char  *id;
  char  *number;
  int    floor;       /* G_MININT: unknown */
} TdAvailableRoom;

typedef struct {
  const char  *property_id;   /* NULL: every property */
  const char  *room_type_id;  /* NULL: every room type */
  TdDateRange  dates;
  guint        adults;        /* 0 counts as 1 */
  guint        children;
} TdAvailabilityQuery;

typedef struct {
  char        *property_id;
  char        *property_name;
  char        *room_type_id;
  char        *room_type_code;
  char        *room_type_name;
  guint        n_rooms;
  guint        n_free;        /* can be sold for the whole stay */
  GPtrArray   *free_rooms;    /* TdAvailableRoom*, by number: free every night */
  GArray      *left;          /* int per night: rooms of the type left to sell (< 0: overbooked) */
  gboolean     full;          /* n_free == 0 */
  GPtrArray   *quotes;        /* TdRateQuote*, one per rate plan; empty: no rate */
  TdRateQuote *best;          /* the cheapest quote the rules allow, else the cheapest; NULL: no rate */
} TdAvailability;

void        td_available_room_free      (TdAvailableRoom      *room);
void        td_availability_free        (TdAvailability       *availability);

/* Can it be booked as asked (free, priced, allowed by a rate)? */
gboolean    td_availability_is_bookable (const TdAvailability *availability);
/* Why not, in one translated sentence; NULL when it can be booked. */
char       *td_availability_describe    (const TdAvailability *availability);

/* TdAvailability*, by property name and room type code. */
GPtrArray  *td_availability_search        (TdDatabase                *db,
                                           const TdAvailabilityQuery *query,
                                           const TdDeskTime          *when,
                                           GError                   **error);
void        td_availability_search_async  (TdDatabase                *db,
                                           const TdAvailabilityQuery *query,
                                           const TdDeskTime          *when,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data);
GPtrArray  *td_availability_search_finish (TdDatabase                *db,
                                           GAsyncResult              *result,
                                           GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdAvailability, td_availability_free)

G_END_DECLS
