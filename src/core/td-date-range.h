/* td-date-range.h: half-open ranges of local dates, [start, end)
 *
 * A stay from the 1st to the 3rd is two nights: the 1st and the 2nd. The
 * departure date itself is free for the next guest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint32 start;  /* Julian day of the first night / day */
  guint32 end;    /* Julian day after the last night: exclusive */
} TdDateRange;

gboolean  td_date_parse_iso        (const char        *text,
                                    guint32           *julian,
                                    GError           **error);
char     *td_date_format_iso       (guint32            julian);

gboolean  td_date_range_init       (TdDateRange       *range,
                                    guint32            start,
                                    guint32            end,
                                    GError           **error);
gboolean  td_date_range_parse      (const char        *start,
                                    const char        *end,
                                    TdDateRange       *range,
                                    GError           **error);
guint     td_date_range_get_nights (const TdDateRange *range);
gboolean  td_date_range_contains   (const TdDateRange *range,
                                    guint32            julian);
gboolean  td_date_range_overlaps   (const TdDateRange *a,
                                    const TdDateRange *b);
gboolean  td_date_range_intersect  (const TdDateRange *a,
                                    const TdDateRange *b,
                                    TdDateRange       *out);

G_END_DECLS
