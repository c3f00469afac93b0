/* td-customer-list-private.h: for the rest of src/core only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "td-customer-list.h"

G_BEGIN_DECLS

/* The key the customer list sorts a name or a city by: its pinyin (full,
 * syllables separated by spaces, as td_pinyin_full() writes it), then
 * U+001F and the text itself; "" for NULL. 张伟 → "zhang wei\x1f张伟",
 * so 安 < 白 < 陈 and Latin names fall among them.
 *
 * Part of the schema: the triggers of migration 7 store it in
 * customers.sort_name and sort_city. Changing what it returns (here, or in
 * td-pinyin.c and its table) needs a migration that computes those columns
 * again. */
char     *_td_customer_sort_key        (const char *text);

/* Registers td_customer_sort_key(text) on a connection: the triggers of
 * migration 7 call it, so every connection that writes customers needs it. */
gboolean  _td_customer_list_register   (sqlite3    *db,
                                        GError    **error);

/* For tests: the worker waits this long before reading the checkpoints,
 * so that what the list does without them can be seen. */
void      _td_customer_list_set_checkpoint_delay (guint ms);

G_END_DECLS
