/* td-marketing-stats.c: the per-customer booking figures and RFM scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-database-private.h"
#include "td-marketing-stats.h"

static const struct {
  const char *id;
  const char *title;
} groups[TD_RFM_N_GROUPS] = {
  [TD_RFM_CHAMPIONS]           = { "champions",           N_("Champions") },
  [TD_RFM_LOYAL]               = { "loyal",               N_("Loyal") },
  [TD_RFM_POTENTIAL_LOYALISTS] = { "potential-loyalists", N_("Potential loyalists") },
  [TD_RFM_NEW]                 = { "new",                 N_("New customers") },
  [TD_RFM_PROMISING]           = { "promising",           N_("Promising") },
  [TD_RFM_NEED_ATTENTION]      = { "need-attention",      N_("Need attention") },
  [TD_RFM_ABOUT_TO_SLEEP]      = { "about-to-sleep",      N_("About to sleep") },
  [TD_RFM_AT_RISK]             = { "at-risk",             N_("At risk") },
  [TD_RFM_CANNOT_LOSE]         = { "cannot-lose",         N_("Can’t lose them") },
  [TD_RFM_HIBERNATING]         = { "hibernating",         N_("Hibernating") },
  [TD_RFM_LOST]                = { "lost",                N_("Lost") },
};

const char *
td_rfm_group_to_string (TdRfmGroup group)
{
  g_return_val_if_fail (group < TD_RFM_N_GROUPS, NULL);
  return groups[group].id;
}

gboolean
td_rfm_group_from_string (const char *text,
                          TdRfmGroup *group)
{
  for (guint i = 0; text && i < TD_RFM_N_GROUPS; i++)
    if (g_str_equal (groups[i].id, text))
      {
        if (group)
          *group = (TdRfmGroup) i;
        return TRUE;
      }
  return FALSE;
}

const char *
td_rfm_group_get_title (TdRfmGroup group)
{
  g_return_val_if_fail (group < TD_RFM_N_GROUPS, NULL);
  return _(groups[group].title);
}

TdRfmGroup
td_rfm_group_for_scores (int r,
                         int f,
                         int m)
{
  int fm;

  r = CLAMP (r, 1, 5);
  fm = CLAMP ((f + m + 1) / 2, 1, 5);

  if (r >= 4)
    {
      if (fm >= 4)
        return TD_RFM_CHAMPIONS;
      if (fm >= 2)
        return TD_RFM_POTENTIAL_LOYALISTS;
      return r == 5 ? TD_RFM_NEW : TD_RFM_PROMISING;
    }
  if (r == 3)
    {
      if (fm >= 4)
        return TD_RFM_LOYAL;
      if (fm == 3)
        return TD_RFM_NEED_ATTENTION;
      return TD_RFM_ABOUT_TO_SLEEP;
    }
  /* r 1 or 2 */
  if (fm == 5)
    return TD_RFM_CANNOT_LOSE;
  if (fm >= 3)
    return TD_RFM_AT_RISK;
  return r == 2 ? TD_RFM_HIBERNATING : TD_RFM_LOST;
}

static void
sql_rfm_group (sqlite3_context *context,
               int              argc,
               sqlite3_value  **argv)
{
  TdRfmGroup group;

  g_assert (argc == 3);
  group = td_rfm_group_for_scores (sqlite3_value_int (argv[0]),
                                   sqlite3_value_int (argv[1]),
                                   sqlite3_value_int (argv[2]));
  sqlite3_result_text (context, groups[group].id, -1, SQLITE_STATIC);
}

static gboolean
query_generations (TdDatabase *db,
                   gint64     *bookings,
                   gint64     *stats,
                   GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _td_database_prepare (db,
                               "SELECT (SELECT value FROM marketing_cache WHERE key = 'bookings_generation'),"
                               "       (SELECT value FROM marketing_cache WHERE key = 'stats_generation')",
                               error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *bookings = sqlite3_column_int64 (stmt, 0);
  *stats = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_td_marketing_stats_refresh_locked (TdDatabase  *db,
                                    gboolean     force,
                                    GError     **error)
{
  g_autofree char *currency = NULL;
  sqlite3 *handle = _td_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gint64 bookings_gen, stats_gen;
  int rc;

  if (!query_generations (db, &bookings_gen, &stats_gen, error))
    return FALSE;
  if ((!force && bookings_gen == stats_gen) || _td_database_is_readonly (db))
    return TRUE;

  rc = sqlite3_create_function_v2 (handle, "td_rfm_group", 3,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, sql_rfm_group, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _td_database_set_error (error, handle, rc);
      return FALSE;
    }

  currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
  if (currency == NULL)
    currency = g_strdup ("CNY");

  if (!_td_database_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_td_database_exec (db, "DELETE FROM customer_stats", error))
    goto fail;

  rc = sqlite3_prepare_v2 (handle,
                           "INSERT INTO customer_stats (customer, last_stay, bookings, completed, spend_minor)"
                           " SELECT c.rowid,"
                           "   max(CASE WHEN b.status = 'completed' THEN b.end_date END),"
                           "   count(DISTINCT CASE WHEN b.status != 'cancelled' THEN b.booking_kind || ':' || b.booking_id END),"
                           "   count(DISTINCT CASE WHEN b.status = 'completed' THEN b.booking_kind || ':' || b.booking_id END),"
                           "   COALESCE(sum(CASE WHEN b.status = 'completed' AND b.currency = ?1 THEN b.amount_minor END), 0)"
                           " FROM customer_bookings b JOIN customers c ON c.id = b.customer_id"
                           " GROUP BY c.rowid",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, currency, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
    }
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      _td_database_set_error (error, handle, rc);
      goto fail;
    }

  /* quintiles by rank among the customers with a completed booking */
  if (!_td_database_exec (db,
                          "WITH s AS ("
                          "  SELECT customer,"
                          "    1 + (rank() OVER (ORDER BY last_stay) - 1) * 5 / count(*) OVER () AS r,"
                          "    1 + (rank() OVER (ORDER BY completed) - 1) * 5 / count(*) OVER () AS f,"
                          "    1 + (rank() OVER (ORDER BY spend_minor) - 1) * 5 / count(*) OVER () AS m"
                          "  FROM customer_stats WHERE completed > 0)"
                          " UPDATE customer_stats SET rfm_r = s.r, rfm_f = s.f, rfm_m = s.m,"
                          "   rfm_group = td_rfm_group(s.r, s.f, s.m)"
                          " FROM s WHERE s.customer = customer_stats.customer",
                          error))
    goto fail;
  if (!_td_database_exec (db,
                          "UPDATE marketing_cache SET value = (SELECT value FROM marketing_cache"
                          " WHERE key = 'bookings_generation') WHERE key = 'stats_generation'",
                          error))
    goto fail;
  return _td_database_exec (db, "COMMIT", error);

fail:
  _td_database_exec (db, "ROLLBACK", NULL);
  return FALSE;
}

gboolean
td_marketing_stats_refresh (TdDatabase  *db,
                            gboolean     force,
                            GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  _td_database_lock (db);
  ok = _td_marketing_stats_refresh_locked (db, force, error);
  _td_database_unlock (db);
  return ok;
}

void
td_customer_stats_free (TdCustomerStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->customer_id);
  g_free (stats->last_stay);
  g_free (stats);
}

TdCustomerStats *
td_customer_stats_get (TdDatabase  *db,
                       const char  *customer_id,
                       GError     **error)
{
  g_autoptr(TdCustomerStats) stats = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  _td_database_lock (db);
  if (!_td_marketing_stats_refresh_locked (db, FALSE, error))
    goto out;
  stmt = _td_database_prepare (db,
                               "SELECT c.id, s.last_stay, s.bookings, s.completed, s.spend_minor,"
                               " s.rfm_r, s.rfm_f, s.rfm_m, s.rfm_group"
                               " FROM customers c LEFT JOIN customer_stats s ON s.customer = c.rowid"
                               " WHERE c.id = ?",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stats = g_new0 (TdCustomerStats, 1);
      stats->customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      stats->last_stay = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      stats->bookings = sqlite3_column_int64 (stmt, 2);
      stats->completed = sqlite3_column_int64 (stmt, 3);
      stats->spend_minor = sqlite3_column_int64 (stmt, 4);
      stats->r = sqlite3_column_int (stmt, 5);
      stats->f = sqlite3_column_int (stmt, 6);
      stats->m = sqlite3_column_int (stmt, 7);
      stats->has_group = td_rfm_group_from_string ((const char *) sqlite3_column_text (stmt, 8), &stats->group);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                 _("No customer has the id “%s”"), customer_id);
  else
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);

out:
  _td_database_unlock (db);
  return g_steal_pointer (&stats);
}

gboolean
td_rfm_group_counts (TdDatabase  *db,
                     gint64      *counts,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  for (guint i = 0; i < TD_RFM_N_GROUPS; i++)
    counts[i] = 0;
  _td_database_lock (db);
  if (!_td_marketing_stats_refresh_locked (db, FALSE, error))
    goto out;
  stmt = _td_database_prepare (db,
                               "SELECT s.rfm_group, count(*) FROM customer_stats s"
                               " JOIN customers c ON c.rowid = s.customer"
                               " WHERE s.rfm_group IS NOT NULL AND c.deleted = 0 AND c.merged_into IS NULL"
                               " GROUP BY s.rfm_group",
                               error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdRfmGroup group;

      if (td_rfm_group_from_string ((const char *) sqlite3_column_text (stmt, 0), &group))
        counts[group] = sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  else
    ok = TRUE;
  sqlite3_reset (stmt);

out:
  _td_database_unlock (db);
  return ok;
}
