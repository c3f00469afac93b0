/* td-coupon.h: coupon codes, their rules and their redemptions
 *
 * A coupon (kind "coupon") takes a percentage or an amount off a price,
 * within its validity [valid_from, valid_until) (the booking's date: a
 * stay's arrival), at most max_uses times in all and max_uses_per_customer
 * times per customer, only for the room types or products it lists (none:
 * any), and from a minimum spend. Codes are upper case; generated ones use
 * an alphabet without look-alikes (no 0/O, 1/I/L).
 *
 * A redemption (kind "coupon_redemption") records the coupon, the
 * customer, the booking (kind and id: "stay" and the stay's id; tours use
 * theirs), the price before and the discount, and the campaign it came
 * from: the newest campaign carrying the coupon that was sent to the
 * customer, else the newest carrying it, else none. The limits are checked
 * again inside the redemption's transaction, so two desks cannot both take
 * a coupon's last use. td_campaign_results() sums a campaign's bookings,
 * revenue (prices less discounts) and discounts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-money.h"

G_BEGIN_DECLS

#define TD_COUPON_ERROR (td_coupon_error_quark ())

typedef enum {
  TD_COUPON_ERROR_INVALID,      /* a rule that does not fit (when creating) */
  TD_COUPON_ERROR_NOT_FOUND,    /* no such code */
  TD_COUPON_ERROR_NOT_YET,      /* before valid_from */
  TD_COUPON_ERROR_EXPIRED,      /* on or after valid_until */
  TD_COUPON_ERROR_NOT_APPLICABLE, /* another room type or product, or under the minimum spend */
  TD_COUPON_ERROR_USED_UP,      /* max_uses reached */
  TD_COUPON_ERROR_CUSTOMER_LIMIT, /* max_uses_per_customer reached */
  TD_COUPON_ERROR_ALREADY_APPLIED, /* this coupon is on this booking already */
} TdCouponError;

GQuark      td_coupon_error_quark (void);

/* the letters and digits of generated codes */
#define TD_COUPON_ALPHABET "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

typedef enum {
  TD_COUPON_PERCENT,
  TD_COUPON_AMOUNT,
} TdCouponDiscount;

typedef struct {
  TdCouponDiscount discount;
  guint            percent;                /* 1..100 */
  TdMoney          amount;                 /* > 0 */
  gboolean         has_min_spend;
  TdMoney          min_spend;
  guint32          valid_from;             /* GLib Julian day; 0: none */
  guint32          valid_until;            /* exclusive; 0: none */
  guint            max_uses;               /* 0: no limit */
  guint            max_uses_per_customer;  /* 0: no limit */
  const char      *room_type_ids;          /* comma-separated, or NULL: any */
  const char      *products;               /* comma-separated, or NULL: any */
  const char      *notes;
} TdCouponSpec;

/* The ids (comma-separated) of every live room type, in any hotel, whose
 * code (any case) or id is in codes (comma-separated): "STD" is the
 * standard rooms of the whole chain. NOT_FOUND names a code none has. */
char       *td_coupon_room_types_for_codes (TdDatabase  *db,
                                            const char  *codes,
                                            GError     **error);
/* upper case, without spaces and dashes; NULL when nothing is left */
char       *td_coupon_code_normalise (const char *text);
/* prefix and length random letters of TD_COUPON_ALPHABET */
char       *td_coupon_code_generate  (const char *prefix,
                                      guint       length);

/* A coupon with this code (NULL: generated, 8 letters); returns its code. */
char       *td_coupon_create         (TdDatabase          *db,
                                      const char          *code,
                                      const TdCouponSpec  *spec,
                                      GError             **error);
/* count coupons of one rule with generated codes prefix + length letters,
 * as one batch (returned as its name) in one commit; codes: the codes. */
char       *td_coupon_create_batch   (TdDatabase          *db,
                                      const char          *prefix,
                                      guint                length,
                                      guint                count,
                                      const TdCouponSpec  *spec,
                                      GPtrArray          **codes,
                                      GError             **error);

typedef struct {
  char         *id;
  char         *code;
  TdCouponSpec  spec;        /* strings owned below */
  char         *room_type_ids;
  char         *products;
  char         *notes;
  char         *batch;
  guint         uses;        /* live redemptions */
} TdCoupon;

void        td_coupon_free           (TdCoupon   *coupon);
TdCoupon   *td_coupon_get            (TdDatabase *db,
                                      const char *code,
                                      GError    **error);
/* "10% off · 2026-05-01 – 2026-05-31 · used 3 of 100", translated */
char       *td_coupon_describe       (const TdCoupon *coupon);
/* every coupon, or one batch's; newest first */
GPtrArray  *td_coupon_list           (TdDatabase *db,
                                      const char *batch,
                                      GError    **error);

/* what a booking offers a coupon */
typedef struct {
  const char *customer_id;
  const char *room_type_id;   /* or NULL */
  const char *product_id;     /* or NULL */
  guint32     date;           /* the booking's date for validity */
  TdMoney     price;          /* before the discount */
} TdCouponContext;

/* The discount (at most the price; percentages rounded half up to the
 * minor unit), or FALSE with the reason (TD_COUPON_ERROR_*, translated). */
gboolean    td_coupon_check          (TdDatabase             *db,
                                      const char             *code,
                                      const TdCouponContext  *context,
                                      TdMoney                *discount,
                                      GError                **error);
/* td_coupon_check() and the redemption recorded, in one transaction.
 * Returns the redemption's id. */
char       *td_coupon_redeem         (TdDatabase             *db,
                                      const char             *code,
                                      const TdCouponContext  *context,
                                      const char             *booking_kind,
                                      const char             *booking_id,
                                      TdMoney                *discount,
                                      GError                **error);
/* For the front desk: the coupon on a stay (its guest or its booker, its
 * room type, its arrival, its total): redeemed and the discount returned,
 * for the folio. */
char       *td_coupon_apply_to_stay  (TdDatabase  *db,
                                      const char  *code,
                                      const char  *stay_id,
                                      TdMoney     *discount,
                                      GError     **error);

typedef struct {
  guint   bookings;     /* redemptions */
  TdMoney revenue;      /* prices less discounts */
  TdMoney discount;
} TdCampaignResults;

gboolean    td_campaign_results      (TdDatabase        *db,
                                      const char        *campaign_id,
                                      TdCampaignResults *results,
                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCoupon, td_coupon_free)

G_END_DECLS
