/* td-poi-bookings.h: what is booked at a place of the map, and what is left
 *
 * Availability: an attraction's time slots on a date with the places left
 * (td_slot_get_available(): the platform's quota as of the last sync, less
 * the offline sales it does not know of yet); for one of the business's own
 * hotels, the rooms free for a night across its room types.
 *
 * Bookings: an attraction's tickets sold; a hotel property's stays from a
 * date on; for any place, the tour bookings whose product's itinerary
 * includes it. One list, each row a TdPoiBooking.
 *
 * A place is one of the business's properties when a property record has
 * its name, or stands within 100 m of it (pois and properties are not
 * linked by id: the catalogue and the front desk fill them separately).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-desk.h"
#include "td-poi.h"
#include "td-tickets.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* availability                                                       */

typedef struct {
  guint32    date;           /* GLib Julian day asked for */
  GPtrArray *slots;          /* TdSlot*, by start time; empty: no slot that day */
  gboolean   has_slots;      /* the attraction has time slots on some date */
  char      *property_id;    /* a property of ours, or NULL */
  char      *property_name;
  guint      n_rooms;        /* the property's rooms */
  guint      n_free;         /* free for the night of date */
} TdPoiAvailability;

void               td_poi_availability_free   (TdPoiAvailability *availability);

/* The property this place is, or NULL (no error) when it is none of ours. */
char              *td_poi_find_property       (TdDatabase        *db,
                                               const TdPoi       *poi,
                                               char             **name,
                                               GError           **error);

/* date: a Julian day, 0 for today (in the workspace's time zone). */
TdPoiAvailability *td_poi_get_availability    (TdDatabase        *db,
                                               const TdPoi       *poi,
                                               guint32            date,
                                               const TdDeskTime  *when,
                                               GError           **error);
void               td_poi_get_availability_async  (TdDatabase          *db,
                                                   const TdPoi         *poi,
                                                   guint32              date,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
TdPoiAvailability *td_poi_get_availability_finish (TdDatabase          *db,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* “120 left”, “1 left”, “Sold out”: the places left in a slot, translated */
char              *td_slot_format_left        (const TdSlot      *slot);

/* ------------------------------------------------------------------ */
/* bookings                                                           */

typedef enum {
  TD_POI_BOOKING_TICKET,
  TD_POI_BOOKING_STAY,
  TD_POI_BOOKING_TOUR,
} TdPoiBookingKind;

#define TD_TYPE_POI_BOOKING (td_poi_booking_get_type ())

G_DECLARE_FINAL_TYPE (TdPoiBooking, td_poi_booking, TD, POI_BOOKING, GObject)

TdPoiBookingKind td_poi_booking_get_kind     (TdPoiBooking *self);
/* the ticket's, stay's or tour booking's id */
const char      *td_poi_booking_get_id       (TdPoiBooking *self);
/* where the app shows it: the attraction (poi), the property or the
 * tour departure */
const char      *td_poi_booking_get_owner_id (TdPoiBooking *self);
/* the holder, guest or lead traveller ("" when unknown) */
const char      *td_poi_booking_get_name     (TdPoiBooking *self);
/* translated: “Ticket”, “Stay”, “Tour” */
const char      *td_poi_booking_get_kind_title (TdPoiBooking *self);
/* what it is: “09:00 · Adult”, “Room 301 · Deluxe twin”, the tour product */
const char      *td_poi_booking_get_detail   (TdPoiBooking *self);
/* its state, translated */
const char      *td_poi_booking_get_state    (TdPoiBooking *self);
/* [start, end) as Julian days; end is start + 1 for a ticket */
guint32          td_poi_booking_get_start    (TdPoiBooking *self);
guint32          td_poi_booking_get_end      (TdPoiBooking *self);
/* cancelled, void, no-show: not counted */
gboolean         td_poi_booking_get_active   (TdPoiBooking *self);

/* At most this many of each kind, the latest first. */
#define TD_POI_BOOKINGS_LIMIT 500

/* The bookings at a place (TdPoiBooking*): tickets (an attraction), stays
 * departing on or after from (a property of ours), tour bookings whose
 * itinerary includes it; by start date, latest first. from: a Julian day,
 * 0 for every date. */
GPtrArray *td_poi_bookings_list        (TdDatabase          *db,
                                        const TdPoi         *poi,
                                        guint32              from,
                                        GError             **error);
void       td_poi_bookings_list_async  (TdDatabase          *db,
                                        const TdPoi         *poi,
                                        guint32              from,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray *td_poi_bookings_list_finish (TdDatabase          *db,
                                        GAsyncResult        *result,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPoiAvailability, td_poi_availability_free)

G_END_DECLS
