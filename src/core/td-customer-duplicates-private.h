/* td-customer-duplicates-private.h: helpers shared by finding duplicates
 * (td-customer-duplicates.c) and merging them (td-customer-merge.c), for
 * src/core only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-database.h"

G_BEGIN_DECLS

/* FALSE with an error when the workspace predates customer_documents and
 * the e-mail keys of the search index. */
gboolean    _td_duplicates_check_schema   (TdDatabase  *db,
                                           GError     **error);
/* The member as text; NULL when absent, null, not text or empty. */
const char *_td_duplicates_text_member    (JsonObject  *object,
                                           const char  *name);
/* The items of a comma-separated list, trimmed, without empty ones. */
GPtrArray  *_td_duplicates_split_list     (const char  *text);
/* An identity number as td_customer_check() writes it: upper case,
 * without spaces and dashes. */
char       *_td_duplicates_id_number_fold (const char  *number);
/* A new object with copies of the members of object (NULL: empty). */
JsonObject *_td_duplicates_copy_object    (JsonObject  *object);

G_END_DECLS
