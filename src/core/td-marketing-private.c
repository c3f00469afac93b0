/* td-marketing-private.c: queries the marketing files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-date-range.h"
#include "td-marketing-private.h"

GPtrArray *
_td_marketing_select (TdDatabase     *db,
                      const char     *sql,
                      const char     *param,
                      TdRowFunc       row,
                      GDestroyNotify  free_item,
                      GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_item);
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  if (param)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, row (stmt));
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  _td_database_unlock (db);
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

void
_td_stay_sale_clear (TdStaySale *sale)
{
  g_clear_pointer (&sale->customer_id, g_free);
  g_clear_pointer (&sale->room_type_id, g_free);
  g_clear_pointer (&sale->state, g_free);
}

gboolean
_td_stay_sale_get (TdDatabase  *db,
                   const char  *stay_id,
                   TdStaySale  *sale,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (sale, 0, sizeof *sale);
  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT COALESCE(s.customer_id, r.customer_id), s.room_type_id, s.arrival,"
                               " s.total_minor, s.total_currency, s.state,"
                               " (SELECT COALESCE(sum(discount_minor), 0) FROM coupon_redemptions k"
                               "  WHERE k.booking_kind = 'stay' AND k.booking_id = s.id AND k.deleted = 0"
                               "  AND k.discount_currency = s.total_currency)"
                               " FROM stays s JOIN reservations r ON r.id = s.reservation_id"
                               " WHERE s.id = ? AND s.deleted = 0",
                               error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, stay_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      sale->customer_id = _TD_COLUMN_TEXT (stmt, 0);
      sale->room_type_id = _TD_COLUMN_TEXT (stmt, 1);
      td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 2), &sale->arrival, NULL);
      td_money_init (&sale->total, sqlite3_column_int64 (stmt, 3), (const char *) sqlite3_column_text (stmt, 4), NULL);
      sale->state = _TD_COLUMN_TEXT (stmt, 5);
      sale->discounts_minor = sqlite3_column_int64 (stmt, 6);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                 _("No stay has the id “%s”"), stay_id);
  else
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  _td_database_unlock (db);
  return rc == SQLITE_ROW;
}
