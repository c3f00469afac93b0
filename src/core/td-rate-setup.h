/* td-rate-setup.h: a room type's prices by date: weekends, seasons, holidays
 *
 * A room type sells at its price a night (its rate plan "BAR", the best
 * available rate, made from that price the first time a season is added).
 * A season gives other prices for some dates (a range, or all year), some
 * weekdays, or both: "weekends ¥488", "National Day week ¥688". Which one
 * prices a night is td-rates.h's rule (dates before none, fewer weekdays
 * first). Prices are stored per night on each booking, so changing them
 * never rewrites the bookings made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-money.h"

G_BEGIN_DECLS

typedef struct {
  char    *id;
  char    *rate_plan_id;
  char    *plan_code;
  char    *name;       /* or NULL */
  guint32  start;      /* [start, end); both 0: all year */
  guint32  end;
  guint    weekdays;   /* bit 0 Monday … bit 6 Sunday; 0x7f: every day */
  TdMoney  price;
} TdSeasonInfo;

void       td_season_info_free        (TdSeasonInfo        *season);

/* The seasons of the room type's plan BAR (or its first plan), by start. */
GPtrArray *td_room_type_seasons       (TdDatabase          *db,
                                       const char          *room_type_id,
                                       GError             **error);

/* Adds a season: start and end both 0 for all year (then weekdays must not
 * be every day), end exclusive; weekdays 0 means every day. The plan BAR is
 * made from the type's price a night when the type has no plan yet.
 * Returns the season's id. */
char      *td_room_type_add_season    (TdDatabase          *db,
                                       const char          *actor,
                                       const char          *room_type_id,
                                       const char          *name,
                                       guint32              start,
                                       guint32              end,
                                       guint                weekdays,
                                       const TdMoney       *price,
                                       GError             **error);
gboolean   td_season_remove           (TdDatabase          *db,
                                       const char          *actor,
                                       const char          *season_id,
                                       GError             **error);

/* "国庆 · 2026-10-01 to 2026-10-07 · Fri, Sat · ¥688.00", in the
 * clerk's language. */
char      *td_season_describe         (const TdSeasonInfo  *season);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSeasonInfo, td_season_info_free)

G_END_DECLS
