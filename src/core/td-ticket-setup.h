/* td-ticket-setup.h: an attraction's time slots, many days at once
 *
 * What a scenic area or an agency enters before selling its own tickets
 * (slots of the platform's catalogue come with the sync): the times of
 * day ("09:00-11:00, 13:00-15:00", or start times alone), the days (a
 * range, some weekdays) and the places each slot holds. All the slots are
 * added in one commit; a slot the attraction already has at that date and
 * start is left as it is and counted as skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

typedef struct {
  char start[6];   /* HH:MM */
  char end[6];     /* HH:MM, or "" */
} TdSlotTime;

/* The times in text, by start; NULL with a message naming the piece that
 * is not a time, a slot that ends before it starts, or one given twice. */
GArray   *td_slot_times_parse        (const char   *text,
                                      GError      **error);

/* weekdays: bit 0 Monday … bit 6 Sunday; 0 is every day. first and last
 * are GLib Julian days, last included, at most 366 days apart. */
#define TD_SLOT_MAX_DAYS 366

gboolean  td_ticket_slots_add_range  (TdDatabase   *db,
                                      const char   *actor,
                                      const char   *poi_id,
                                      guint32       first,
                                      guint32       last,
                                      guint         weekdays,
                                      const char   *times,
                                      gint64        capacity,
                                      guint        *added,
                                      guint        *skipped,
                                      GError      **error);

/* "mon,tue,sat" or "1-5" (Monday is 1) or "周一,周二" → weekdays bits;
 * FALSE with a message naming the piece. */
gboolean  td_weekdays_parse          (const char   *text,
                                      guint        *weekdays,
                                      GError      **error);

G_END_DECLS
