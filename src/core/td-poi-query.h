/* td-poi-query.h: reading points of interest
 *
 * Every function returns a GPtrArray of TdPoi (it owns the references),
 * never NULL without an error. Deleted records are left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-poi.h"

G_BEGIN_DECLS

/* Within radius_m metres of (lat, lon), nearest first, each with its
 * distance; only of category when category is not NULL; at most limit (0:
 * all). A box around the circle is filtered in SQL, then the exact
 * great-circle distance decides. */
GPtrArray *td_poi_query_nearby        (TdDatabase          *db,
                                       double               lat,
                                       double               lon,
                                       double               radius_m,
                                       const TdPoiCategory *category,
                                       guint                limit,
                                       GError             **error);

/* Whose name holds query: Chinese as written, English (name or name_en)
 * without regard to case (full-width letters too), or the pinyin initials
 * of the Chinese name (“sls” finds 少林寺). Names that start with the query
 * come first, then by name. An empty query finds nothing. */
GPtrArray *td_poi_query_search        (TdDatabase          *db,
                                       const char          *query,
                                       guint                limit,
                                       GError             **error);
/* Whether poi matches query as td_poi_query_search() does; query already
 * folded with td_poi_query_fold(). */
gboolean   td_poi_query_matches       (const TdPoi         *poi,
                                       const char          *folded_query,
                                       gboolean            *prefix);
char      *td_poi_query_fold          (const char          *query);

/* Every live point of interest, for the map. */
GPtrArray *td_poi_query_all           (TdDatabase          *db,
                                       GError             **error);
void       td_poi_query_all_async     (TdDatabase          *db,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GPtrArray *td_poi_query_all_finish    (TdDatabase          *db,
                                       GAsyncResult        *result,
                                       GError             **error);

/* A point of interest by id, deleted or not: NULL with NOT_FOUND. */
TdPoi     *td_poi_query_get           (TdDatabase          *db,
                                       const char          *id,
                                       GError             **error);

G_END_DECLS
