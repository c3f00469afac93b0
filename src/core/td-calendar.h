/* td-calendar.h: rooms' bookings as iCalendar feeds, and OTAs' feeds in
 *
 * Export: a room's stays (those that take it: tentative to checked out) as
 * an RFC 5545 calendar, one all-day event per stay from the arrival to the
 * departure (DTEND exclusive, as the stay), its UID the stay's id, so that
 * a calendar that subscribes sees the same event move when the stay does.
 * No guest's name leaves the hotel: the summary says “Reserved”.
 *
 * Import: an OTA's feed for one room (Airbnb, Booking.com and the like:
 * all-day events, “Reserved” or “CLOSED - Not available”). Each event is
 * remembered by room, feed and UID (a feed_event record): an event whose
 * nights are free holds the room (an out-of-order period, so that nothing
 * else sells it and the tape chart shades it); one whose nights a stay (or
 * another hold) has is flagged as a conflict for the clerk, naming what has
 * the room, and never replaces it. Importing the feed again changes only
 * what changed: a held event whose dates moved moves its hold; a conflict
 * whose nights came free holds the room; an event gone from the feed (the
 * OTA's booking was cancelled) releases its hold. Events that ended before
 * today are left alone (feeds keep months of history).
 *
 * The file is checked before anything is written: a file that is not an
 * iCalendar calendar, components not closed, lines that are not NAME:VALUE,
 * events without UID or dates, impossible dates: TD_CALENDAR_ERROR_SYNTAX
 * naming the line (physical lines of the file, folded ones counted); lines
 * that are not NAME:value are all named (the first ten), not only the
 * first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-date-range.h"
#include "td-desk.h"

G_BEGIN_DECLS

#define TD_CALENDAR_ERROR (td_calendar_error_quark ())

typedef enum {
  TD_CALENDAR_ERROR_SYNTAX,   /* not a calendar we can read: the line is in the message */
} TdCalendarError;

GQuark      td_calendar_error_quark (void);

/* The room's stays as an iCalendar text (CRLF line ends, folded). */
char       *td_calendar_export      (TdDatabase        *db,
                                     const char        *room_id,
                                     GError           **error);

typedef enum {
  TD_FEED_EVENT_HELD,
  TD_FEED_EVENT_CONFLICT,
  TD_FEED_EVENT_RELEASED,
} TdFeedEventStatus;

const char *td_feed_event_status_to_string (TdFeedEventStatus status);
const char *td_feed_event_status_get_title (TdFeedEventStatus status);

typedef struct {
  char              *id;
  char              *room_id;
  char              *room_number;
  char              *feed;
  char              *uid;
  char              *summary;
  TdDateRange        dates;
  TdFeedEventStatus  status;
  char              *out_of_order_id;
  char              *conflict;          /* what has the room */
  char              *conflict_stay_id;
} TdFeedEvent;

void        td_feed_event_free      (TdFeedEvent *event);

typedef struct {
  char      *feed;
  guint      n_events;      /* in the file */
  guint      added;         /* new events holding the room */
  guint      moved;         /* held events whose dates changed */
  guint      unchanged;
  guint      past;          /* ended before today: left alone */
  guint      released;      /* gone from the feed, or cancelled: the room is free again */
  GPtrArray *conflicts;     /* TdFeedEvent*: the events the clerk must look at */
} TdCalendarImport;

void              td_calendar_import_free (TdCalendarImport *result);

/* Imports data (the file's bytes; path only names it in messages) as
 * feed for room_id; feed NULL: “Airbnb” or “Booking.com” when its PRODID
 * says so, else the file's name. */
TdCalendarImport *td_calendar_import      (TdDatabase        *db,
                                           const char        *actor,
                                           const char        *room_id,
                                           const char        *feed,
                                           const char        *path,
                                           const char        *data,
                                           gsize              length,
                                           const TdDeskTime  *when,
                                           GError           **error);

/* The same in a worker thread, data the file's (or the download's) bytes,
 * today's date in the workspace's time zone. */
void              td_calendar_import_async  (TdDatabase          *db,
                                             const char          *actor,
                                             const char          *room_id,
                                             const char          *feed,
                                             const char          *path,
                                             GBytes              *data,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
TdCalendarImport *td_calendar_import_finish (TdDatabase          *db,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The feed events of a room (NULL: every room) not released, conflicts
 * first, by room number and date: TdFeedEvent*. */
GPtrArray        *td_feed_events_list     (TdDatabase        *db,
                                           const char        *room_id,
                                           gboolean           conflicts_only,
                                           GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdFeedEvent, td_feed_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCalendarImport, td_calendar_import_free)

G_END_DECLS
