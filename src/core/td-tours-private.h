/* td-tours-private.h: what the agency desk's core files share (src/core only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database-private.h"
#include "td-tours.h"

G_BEGIN_DECLS

/* Reads of a record as td_database_get_record() gives it: NULL, 0 or FALSE
 * when the member is null or absent. */
char       *_td_tour_dup       (JsonObject    *record,
                                const char    *member);
gint64      _td_tour_int       (JsonObject    *record,
                                const char    *member,
                                gint64         fallback);
gboolean    _td_tour_money     (JsonObject    *record,
                                const char    *member,
                                TdMoney       *out);
guint32     _td_tour_date      (JsonObject    *record,
                                const char    *member);
/* A live record of kind, or NULL with TD_TOUR_ERROR_NOT_FOUND naming what. */
JsonObject *_td_tour_get_live  (TdDatabase    *db,
                                const char    *kind,
                                const char    *id,
                                const char    *what,
                                GError       **error);

/* count: the row's columns; the extra ones are the last */
typedef void (*TdTourRowExtra) (sqlite3_stmt *stmt,
                                int           count,
                                JsonObject   *record);

/* The live records of kind WHERE where (deleted = 0 is added) ORDER BY
 * order, where's ?1… bound to params (NULL-terminated, NULL entries bind
 * NULL up to n_params); extra: more columns, read by read_extra. GPtrArray of JsonObject. */
GPtrArray  *_td_tour_select    (TdDatabase    *db,
                                const char    *kind,
                                const char    *extra,
                                TdTourRowExtra read_extra,
                                const char    *where,
                                const char    *order,
                                const char   **params,
                                guint          n_params,
                                GError       **error);

/* The value of a single-value query with ?1… bound to params; -1 on error. */
gint64      _td_tour_count     (TdDatabase    *db,
                                const char    *sql,
                                const char   **params,
                                guint          n_params,
                                GError       **error);

TdTourProduct *_td_tour_product_from_record (JsonObject *record);
TdDeparture   *_td_departure_from_record    (JsonObject *record);

/* the select's extra columns for a departure and their reader */
#define TD_DEPARTURE_EXTRA \
  "(SELECT code FROM tour_products p WHERE p.id = tour_departures.product_id), " \
  "(SELECT name FROM tour_products p WHERE p.id = tour_departures.product_id), " \
  "(SELECT days FROM tour_products p WHERE p.id = tour_departures.product_id), " \
  "(SELECT count(*) FROM tour_participants t WHERE t.departure_id = tour_departures.id " \
  "  AND t.active = 1 AND t.deleted = 0), " \
  "(SELECT coalesce(sum(pax), 0) FROM tour_waitlist w WHERE w.departure_id = tour_departures.id " \
  "  AND w.deleted = 0 AND w.state IN ('waiting', 'offered'))"
void        _td_departure_read_extra (sqlite3_stmt *stmt,
                                      int           count,
                                      JsonObject   *record);

G_END_DECLS
