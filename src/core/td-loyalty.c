/* td-loyalty.c: loyalty points and tiers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-marketing-private.h"
#include "td-loyalty.h"

G_DEFINE_QUARK (td-loyalty-error-quark, td_loyalty_error)

#define KEY_PER_UNIT "loyalty-points-per-unit"
#define KEY_VALUE "loyalty-point-value"
#define KEY_TIERS "loyalty-tiers"

static const struct {
  const char *id;
  const char *title;
} tiers[TD_LOYALTY_N_TIERS] = {
  [TD_LOYALTY_MEMBER]   = { "member",   N_("Member") },
  [TD_LOYALTY_SILVER]   = { "silver",   N_("Silver") },
  [TD_LOYALTY_GOLD]     = { "gold",     N_("Gold") },
  [TD_LOYALTY_PLATINUM] = { "platinum", N_("Platinum") },
};

const char *
td_loyalty_tier_to_string (TdLoyaltyTier tier)
{
  g_return_val_if_fail (tier < TD_LOYALTY_N_TIERS, NULL);
  return tiers[tier].id;
}

const char *
td_loyalty_tier_get_title (TdLoyaltyTier tier)
{
  g_return_val_if_fail (tier < TD_LOYALTY_N_TIERS, NULL);
  return _(tiers[tier].title);
}

void
td_loyalty_rules_default (TdLoyaltyRules *rules)
{
  rules->points_per_unit = 1;
  rules->point_value_minor = 1;
  rules->tiers[TD_LOYALTY_MEMBER] = 0;
  rules->tiers[TD_LOYALTY_SILVER] = 1000;
  rules->tiers[TD_LOYALTY_GOLD] = 5000;
  rules->tiers[TD_LOYALTY_PLATINUM] = 20000;
}

static gboolean
parse_positive (const char *text,
                gint64     *out)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, 1000000, &value, NULL))
    return FALSE;
  *out = value;
  return TRUE;
}

void
td_loyalty_rules_load (TdDatabase     *db,
                       TdLoyaltyRules *rules)
{
  g_autofree char *per_unit = td_database_dup_setting (db, KEY_PER_UNIT);
  g_autofree char *value = td_database_dup_setting (db, KEY_VALUE);
  g_autofree char *tier_text = td_database_dup_setting (db, KEY_TIERS);

  td_loyalty_rules_default (rules);
  parse_positive (per_unit, &rules->points_per_unit);
  parse_positive (value, &rules->point_value_minor);
  if (tier_text)
    {
      g_auto(GStrv) parts = g_strsplit (tier_text, ",", -1);
      gint64 t[3];

      if (g_strv_length (parts) == 3
          && g_ascii_string_to_signed (parts[0], 10, 1, G_MAXINT32, &t[0], NULL)
          && g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT32, &t[1], NULL)
          && g_ascii_string_to_signed (parts[2], 10, 1, G_MAXINT32, &t[2], NULL)
          && t[0] < t[1] && t[1] < t[2])
        for (guint i = 0; i < 3; i++)
          rules->tiers[i + 1] = t[i];
    }
}

gboolean
td_loyalty_rules_save (TdDatabase            *db,
                       const TdLoyaltyRules  *rules,
                       GError               **error)
{
  g_autofree char *per_unit = NULL, *value = NULL, *tier_text = NULL;

  if (rules->points_per_unit < 1 || rules->point_value_minor < 1
      || !(0 < rules->tiers[1] && rules->tiers[1] < rules->tiers[2] && rules->tiers[2] < rules->tiers[3]))
    {
      g_set_error (error, TD_LOYALTY_ERROR, TD_LOYALTY_ERROR_INVALID, "%s",
                   _("Loyalty rules need points and a value of at least 1, and tiers that rise"));
      return FALSE;
    }
  per_unit = g_strdup_printf ("%" G_GINT64_FORMAT, rules->points_per_unit);
  value = g_strdup_printf ("%" G_GINT64_FORMAT, rules->point_value_minor);
  tier_text = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                               rules->tiers[1], rules->tiers[2], rules->tiers[3]);
  return td_database_set_setting (db, KEY_PER_UNIT, per_unit, error)
         && td_database_set_setting (db, KEY_VALUE, value, error)
         && td_database_set_setting (db, KEY_TIERS, tier_text, error);
}

static gint64
unit_of (const char *currency)
{
  gint64 unit = 1;
  int exponent = td_currency_exponent (currency);

  for (int i = 0; i < exponent; i++)
    unit *= 10;
  return unit;
}

gint64
td_loyalty_points_for (const TdLoyaltyRules *rules,
                       const TdMoney        *spent)
{
  if (spent->minor <= 0)
    return 0;
  /* whole units first, so that points never come from fractions */
  return spent->minor / unit_of (spent->currency) * rules->points_per_unit;
}

void
td_loyalty_discount_for (const TdLoyaltyRules *rules,
                         gint64                points,
                         const char           *currency,
                         TdMoney              *discount)
{
  td_money_init (discount, MAX (points, 0) * rules->point_value_minor, currency, NULL);
}

gint64
td_loyalty_points_needed (const TdLoyaltyRules *rules,
                          const TdMoney        *discount)
{
  if (discount->minor <= 0)
    return 0;
  return (discount->minor + rules->point_value_minor - 1) / rules->point_value_minor;
}

TdLoyaltyTier
td_loyalty_tier_for (const TdLoyaltyRules *rules,
                     gint64                lifetime_earned)
{
  for (int t = TD_LOYALTY_PLATINUM; t > TD_LOYALTY_MEMBER; t--)
    if (lifetime_earned >= rules->tiers[t])
      return (TdLoyaltyTier) t;
  return TD_LOYALTY_MEMBER;
}

gboolean
td_loyalty_account_get (TdDatabase        *db,
                        const char        *customer_id,
                        TdLoyaltyAccount  *account,
                        GError           **error)
{
  TdLoyaltyRules rules;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  td_loyalty_rules_load (db, &rules);
  memset (account, 0, sizeof *account);
  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT COALESCE(c.loyalty_points, 0),"
                               " (SELECT COALESCE(sum(points), 0) FROM loyalty_entries e"
                               "  WHERE e.customer_id = c.id AND e.deleted = 0 AND e.reason = 'earn')"
                               " FROM customers c WHERE c.id = ?",
                               error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      account->balance = sqlite3_column_int64 (stmt, 0);
      account->lifetime_earned = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                 _("No customer has the id “%s”"), customer_id);
  else
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_ROW)
    return FALSE;
  account->tier = td_loyalty_tier_for (&rules, account->lifetime_earned);
  account->to_next_tier = account->tier == TD_LOYALTY_PLATINUM
                          ? 0 : rules.tiers[account->tier + 1] - account->lifetime_earned;
  return TRUE;
}

/* an entry and the customer's new balance, in one commit */
static gboolean
write_entry (TdDatabase    *db,
             const char    *customer_id,
             gint64         points,
             const char    *reason,
             const char    *booking_kind,
             const char    *booking_id,
             const TdMoney *amount,
             GError       **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(JsonObject) customer = td_database_get_record (db, "customer", customer_id, error);
  gint64 balance;
  TdChange *change;

  if (customer == NULL)
    return FALSE;
  balance = json_object_get_int_member_with_default (customer, "loyalty_points", 0);
  if (balance + points < 0)
    {
      g_autofree char *has = g_strdup_printf ("%" G_GINT64_FORMAT, balance);
      g_autofree char *wanted = g_strdup_printf ("%" G_GINT64_FORMAT, -points);

      g_set_error (error, TD_LOYALTY_ERROR, TD_LOYALTY_ERROR_NOT_ENOUGH,
                   _("%s has %s points, not %s"),
                   json_object_get_string_member_with_default (customer, "name", ""), has, wanted);
      return FALSE;
    }
  change = td_change_new_insert ("loyalty_entry", NULL);
  td_change_set_string (change, "customer_id", customer_id);
  td_change_set_int (change, "points", points);
  td_change_set_string (change, "reason", reason);
  if (booking_kind && booking_id)
    {
      td_change_set_string (change, "booking_kind", booking_kind);
      td_change_set_string (change, "booking_id", booking_id);
    }
  if (amount)
    td_change_set_money (change, "amount", amount);
  g_ptr_array_add (changes, change);
  /* the base revision refuses a balance changed meanwhile by another desk */
  change = td_change_new_update ("customer", customer_id, json_object_get_int_member (customer, "revision"));
  td_change_set_int (change, "loyalty_points", balance + points);
  g_ptr_array_add (changes, change);
  return td_database_commit (db, td_database_default_actor (), changes, error);
}

static gboolean
already_earned (TdDatabase *db,
                const char *booking_kind,
                const char *booking_id)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT 1 FROM loyalty_entries WHERE booking_kind = ? AND booking_id = ?"
                               " AND reason = 'earn' AND deleted = 0",
                               NULL);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, booking_kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, booking_id, -1, SQLITE_TRANSIENT);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  _td_database_unlock (db);
  return found;
}

gboolean
td_loyalty_earn (TdDatabase     *db,
                 const char     *customer_id,
                 const char     *booking_kind,
                 const char     *booking_id,
                 const TdMoney  *spent,
                 gint64         *points_out,
                 GError        **error)
{
  TdLoyaltyRules rules;
  gint64 points;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (booking_kind && booking_id && spent, FALSE);

  if (already_earned (db, booking_kind, booking_id))
    {
      g_set_error (error, TD_LOYALTY_ERROR, TD_LOYALTY_ERROR_ALREADY_EARNED, "%s",
                   _("This booking has earned its points already"));
      return FALSE;
    }
  td_loyalty_rules_load (db, &rules);
  points = td_loyalty_points_for (&rules, spent);
  if (points_out)
    *points_out = points;
  if (points == 0)
    return TRUE;
  return write_entry (db, customer_id, points, "earn", booking_kind, booking_id, spent, error);
}

gboolean
td_loyalty_earn_for_stay (TdDatabase  *db,
                          const char  *stay_id,
                          gint64      *points,
                          GError     **error)
{
  g_auto(TdStaySale) sale = { 0 };
  TdMoney spent;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (!_td_stay_sale_get (db, stay_id, &sale, error))
    return FALSE;
  if (!g_str_equal (sale.state, "checked_out") && !g_str_equal (sale.state, "checked_in"))
    {
      g_set_error (error, TD_LOYALTY_ERROR, TD_LOYALTY_ERROR_INVALID, "%s",
                   _("A stay earns points once the guest has checked in"));
      return FALSE;
    }
  /* what was paid: the total less the coupons on it */
  td_money_init (&spent, sale.total.minor - sale.discounts_minor, sale.total.currency, NULL);
  return td_loyalty_earn (db, sale.customer_id, "stay", stay_id, &spent, points, error);
}

gboolean
td_loyalty_redeem (TdDatabase  *db,
                   const char  *customer_id,
                   gint64       points,
                   const char  *currency,
                   const char  *booking_kind,
                   const char  *booking_id,
                   TdMoney     *discount,
                   GError     **error)
{
  TdLoyaltyRules rules;
  TdMoney off;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (points <= 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, points);

      g_set_error (error, TD_LOYALTY_ERROR, TD_LOYALTY_ERROR_INVALID,
                   _("Redeem a number of points above zero, not %s"), text);
      return FALSE;
    }
  td_loyalty_rules_load (db, &rules);
  td_loyalty_discount_for (&rules, points, currency, &off);
  if (!write_entry (db, customer_id, -points, "redeem", booking_kind, booking_id, &off, error))
    return FALSE;
  if (discount)
    *discount = off;
  return TRUE;
}
