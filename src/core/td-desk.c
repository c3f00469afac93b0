/* td-desk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-desk.h"
#include "td-time.h"

G_DEFINE_QUARK (td-desk-error-quark, td_desk_error)

void
td_desk_time_init_now (TdDeskTime *when,
                       TdDatabase *db)
{
  g_autofree char *time_zone = db ? td_database_dup_setting (db, TD_SETTING_TIME_ZONE) : NULL;

  when->today = td_today_julian (time_zone);
  when->now = g_get_real_time ();
}

void
td_desk_time_init (TdDeskTime *when,
                   guint32     today,
                   gint64      now)
{
  when->today = today;
  when->now = now;
}

const TdDeskTime *
td_desk_time_or_now (const TdDeskTime *when,
                     TdDatabase       *db,
                     TdDeskTime       *storage)
{
  if (when)
    return when;
  td_desk_time_init_now (storage, db);
  return storage;
}
