/* td-loyalty.h: loyalty points, earned by spending, redeemed as a discount
 *
 * The rules are workspace settings:
 *   loyalty-points-per-unit  points per whole unit of the currency spent
 *                            (default 1: ¥1 gives 1 point), rounded down
 *   loyalty-point-value      minor units a point is worth when redeemed
 *                            (default 1: 100 points take ¥1 off)
 *   loyalty-tiers            the points earned over a lifetime for silver,
 *                            gold and platinum (default "1000,5000,20000")
 *
 * A customer's balance is the customer's loyalty_points; each change is a
 * "loyalty_entry" (+ earned, - redeemed, ± adjusted, with the booking),
 * written in the same commit as the balance. A booking earns once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-money.h"

G_BEGIN_DECLS

#define TD_LOYALTY_ERROR (td_loyalty_error_quark ())

typedef enum {
  TD_LOYALTY_ERROR_INVALID,       /* rules or an amount that do not fit */
  TD_LOYALTY_ERROR_NOT_ENOUGH,    /* more points than the balance */
  TD_LOYALTY_ERROR_ALREADY_EARNED, /* this booking earned already */
} TdLoyaltyError;

GQuark td_loyalty_error_quark (void);

typedef enum {
  TD_LOYALTY_MEMBER,
  TD_LOYALTY_SILVER,
  TD_LOYALTY_GOLD,
  TD_LOYALTY_PLATINUM,
} TdLoyaltyTier;

#define TD_LOYALTY_N_TIERS (TD_LOYALTY_PLATINUM + 1)

typedef struct {
  gint64 points_per_unit;
  gint64 point_value_minor;
  gint64 tiers[TD_LOYALTY_N_TIERS];   /* [MEMBER] is 0 */
} TdLoyaltyRules;

const char *td_loyalty_tier_to_string (TdLoyaltyTier tier);
const char *td_loyalty_tier_get_title (TdLoyaltyTier tier);  /* translated */

void        td_loyalty_rules_default (TdLoyaltyRules       *rules);
/* the workspace's (defaults where unset or unreadable) */
void        td_loyalty_rules_load    (TdDatabase           *db,
                                      TdLoyaltyRules       *rules);
gboolean    td_loyalty_rules_save    (TdDatabase           *db,
                                      const TdLoyaltyRules *rules,
                                      GError              **error);

/* points for a spend (whole units × points_per_unit; nothing for a
 * negative spend) */
gint64      td_loyalty_points_for    (const TdLoyaltyRules *rules,
                                      const TdMoney        *spent);
/* the discount points are worth, in currency */
void        td_loyalty_discount_for  (const TdLoyaltyRules *rules,
                                      gint64                points,
                                      const char           *currency,
                                      TdMoney              *discount);
/* the fewest points that take at least discount off */
gint64      td_loyalty_points_needed (const TdLoyaltyRules *rules,
                                      const TdMoney        *discount);
TdLoyaltyTier td_loyalty_tier_for    (const TdLoyaltyRules *rules,
                                      gint64                lifetime_earned);

typedef struct {
  gint64        balance;
  gint64        lifetime_earned;
  TdLoyaltyTier tier;
  gint64        to_next_tier;    /* points to earn for the next; 0 at the top */
} TdLoyaltyAccount;

gboolean    td_loyalty_account_get   (TdDatabase       *db,
                                      const char       *customer_id,
                                      TdLoyaltyAccount *account,
                                      GError          **error);
/* Points for a spend on a booking (once per booking); *points: how many. */
gboolean    td_loyalty_earn          (TdDatabase       *db,
                                      const char       *customer_id,
                                      const char       *booking_kind,
                                      const char       *booking_id,
                                      const TdMoney    *spent,
                                      gint64           *points,
                                      GError          **error);
/* A stay's points: its total less the coupon discounts recorded on it,
 * for its guest (or its booker). */
gboolean    td_loyalty_earn_for_stay (TdDatabase       *db,
                                      const char       *stay_id,
                                      gint64           *points,
                                      GError          **error);
/* Points taken off the balance for a discount on a booking (NULL booking:
 * none); refuses more than the balance. */
gboolean    td_loyalty_redeem        (TdDatabase       *db,
                                      const char       *customer_id,
                                      gint64            points,
                                      const char       *currency,
                                      const char       *booking_kind,
                                      const char       *booking_id,
                                      TdMoney          *discount,
                                      GError          **error);

G_END_DECLS
