/* td-time.h: timestamps are stored in UTC; the workspace time zone is for display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_DEFAULT_TIME_ZONE "Asia/Shanghai"
#define TD_DEFAULT_CURRENCY  "CNY"

char      *td_timestamp_now         (void);
char      *td_timestamp_from_unix   (gint64      unix_usec);
GDateTime *td_timestamp_parse       (const char *timestamp);
gboolean   td_time_zone_is_valid    (const char *identifier);
char      *td_timestamp_format_local (const char *timestamp,
                                      const char *time_zone);
guint32    td_today_julian          (const char *time_zone);

G_END_DECLS
