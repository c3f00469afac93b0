/* td-customer-format.h: customers' values as the customer views show them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A phone as stored (td_phone_normalise()) written the way it is read in
 * China: 138 0013 8000, 0371-6000 0100 (+86 numbers with their area
 * code), others as stored. NULL for NULL. */
char *td_customer_format_phone (const char *phone);

/* A stored UTC timestamp in the time zone (NULL: the workspace default),
 * "2026-11-22 13:49"; NULL when it is not one. */
char *td_customer_format_time  (const char *timestamp,
                                const char *time_zone);

/* Tags as stored ("VIP,回头客") for a list: "VIP · 回头客". */
char *td_customer_format_tags  (const char *tags);

G_END_DECLS
