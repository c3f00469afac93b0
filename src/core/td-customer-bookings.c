/* td-customer-bookings.c: what a customer booked, stays and tours together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-customer-bookings.h"
#include "td-database-private.h"
#include "td-date-range.h"

void
td_customer_booking_free (TdCustomerBooking *booking)
{
  if (booking == NULL)
    return;
  g_free (booking->id);
  g_free (booking->title);
  g_free (booking->state);
  g_free (booking->property_id);
  g_free (booking->product);
  g_free (booking->guide);
  g_free (booking);
}

static char *
text_at (sqlite3_stmt *stmt,
         int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static guint32
date_at (sqlite3_stmt *stmt,
         int           i)
{
  guint32 julian = 0;

  if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
    td_date_parse_iso ((const char *) sqlite3_column_text (stmt, i), &julian, NULL);
  return julian;
}

/* one query: kind, id, title, start, end, state, property, product, guide */
#define BOOKINGS_SQL \
  "SELECT 0, s.id, p.name || ' · ' || t.code || ' ' || t.name, s.arrival, s.departure, s.state, s.property_id, " \
  "       NULL, NULL " \
  "FROM stays s JOIN reservations v ON v.id = s.reservation_id " \
  "JOIN properties p ON p.id = s.property_id JOIN room_types t ON t.id = s.room_type_id " \
  "WHERE s.deleted = 0 AND (s.customer_id = ?1 OR v.customer_id = ?1) " \
  "UNION ALL " \
  "SELECT 1, b.id, pr.name, d.start_date, NULL, b.state, NULL, pr.name, d.guide " \
  "FROM tour_bookings b JOIN tour_departures d ON d.id = b.departure_id " \
  "JOIN tour_products pr ON pr.id = d.product_id " \
  "WHERE b.deleted = 0 AND (b.lead_customer_id = ?1 OR EXISTS (SELECT 1 FROM tour_participants tp " \
  "      WHERE tp.booking_id = b.id AND tp.customer_id = ?1 AND tp.deleted = 0)) " \
  "ORDER BY 4 DESC, 2 LIMIT ?2"

GPtrArray *
td_customer_bookings (TdDatabase  *db,
                      const char  *customer_id,
                      guint        limit,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_customer_booking_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, BOOKINGS_SQL, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, (guint) G_MAXINT));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdCustomerBooking *b = g_new0 (TdCustomerBooking, 1);

      b->kind = sqlite3_column_int (stmt, 0) == 0 ? TD_CUSTOMER_BOOKING_STAY : TD_CUSTOMER_BOOKING_TOUR;
      b->id = text_at (stmt, 1);
      b->title = text_at (stmt, 2);
      b->start = date_at (stmt, 3);
      b->end = date_at (stmt, 4);
      b->state = text_at (stmt, 5);
      b->property_id = text_at (stmt, 6);
      b->product = text_at (stmt, 7);
      b->guide = text_at (stmt, 8);
      g_ptr_array_add (list, b);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED, "%s",
                   sqlite3_errmsg (_td_database_get_handle (db)));
      _td_database_unlock (db);
      return NULL;
    }
  _td_database_unlock (db);
  return g_steal_pointer (&list);
}
