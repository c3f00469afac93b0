/* td-customer-search-private.h: for the rest of src/core only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "td-customer-search.h"

G_BEGIN_DECLS

/* The schema version that brought the search table (a migration). */
#define TD_CUSTOMER_SEARCH_SCHEMA 5

/* Registers td_customer_search_keys(name, phone, email, id_number[, tags,
 * other_phones, other_emails]),
 * td_pinyin_initials(text) and td_pinyin_full(text) on a connection: the
 * triggers of the search table call the first one, so every connection that
 * writes customers needs them. */
gboolean _td_customer_search_register (sqlite3  *db,
                                       GError  **error);

/* The search keys of one customer, as the triggers store them. */
GPtrArray *_td_customer_search_keys   (const char *name,
                                       const char *phone,
                                       const char *email,
                                       const char *id_number,
                                       const char *tags,
                                       const char *other_phones,
                                       const char *other_emails);

G_END_DECLS
