/* td-marketing-stats.h: what each customer booked, and RFM scores
 *
 * From the customer_bookings view (every booking kind), per customer: the
 * end of the last completed booking (a stay checked in or out: for a
 * guest in the house, the planned departure), the bookings not cancelled,
 * the completed ones and what they were paid in the workspace currency.
 *
 * RFM (recency, frequency, monetary) scores 1 to 5 for each customer with
 * at least one completed booking: R by the last completed booking's end,
 * F by the completed bookings, M by the spend, each by quintile of rank:
 *
 *   score = 1 + (rank - 1) * 5 / n       (integer division)
 *
 * where rank is the SQL RANK() of the customer in ascending order among
 * the n customers scored (equal values share the lower rank and so the
 * score). FM is (F + M) / 2 rounded up. The groups partition the R × FM
 * grid:
 *
 *        FM: 1              2              3              4          5
 *   R 5  new            potential      potential      champions  champions
 *   R 4  promising      potential      potential      champions  champions
 *   R 3  about-to-sleep about-to-sleep need-attention loyal      loyal
 *   R 2  hibernating    hibernating    at-risk        at-risk    cannot-lose
 *   R 1  lost           lost           at-risk        at-risk    cannot-lose
 *
 * (potential = potential-loyalists). The figures are cached in
 * customer_stats and rebuilt when a booking changed since.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

typedef enum {
  TD_RFM_CHAMPIONS,
  TD_RFM_LOYAL,
  TD_RFM_POTENTIAL_LOYALISTS,
  TD_RFM_NEW,
  TD_RFM_PROMISING,
  TD_RFM_NEED_ATTENTION,
  TD_RFM_ABOUT_TO_SLEEP,
  TD_RFM_AT_RISK,
  TD_RFM_CANNOT_LOSE,
  TD_RFM_HIBERNATING,
  TD_RFM_LOST,
} TdRfmGroup;

#define TD_RFM_N_GROUPS (TD_RFM_LOST + 1)

const char *td_rfm_group_to_string   (TdRfmGroup  group);
gboolean    td_rfm_group_from_string (const char *text,
                                      TdRfmGroup *group);
const char *td_rfm_group_get_title   (TdRfmGroup  group);   /* translated */
/* the group of scores r, f, m (1..5 each) */
TdRfmGroup  td_rfm_group_for_scores  (int         r,
                                      int         f,
                                      int         m);

/* Rebuilds customer_stats if bookings changed since its last build (or
 * always, with force). Takes the database's lock; a few seconds at a
 * million customers. */
gboolean    td_marketing_stats_refresh (TdDatabase  *db,
                                        gboolean     force,
                                        GError     **error);
/* the same, with the lock already held (for td-segment.c) */
gboolean    _td_marketing_stats_refresh_locked (TdDatabase  *db,
                                                gboolean     force,
                                                GError     **error);

typedef struct {
  char    *customer_id;
  char    *last_stay;      /* YYYY-MM-DD or NULL */
  gint64   bookings;
  gint64   completed;
  gint64   spend_minor;    /* workspace currency */
  int      r, f, m;        /* 0: not scored (nothing completed) */
  gboolean has_group;
  TdRfmGroup group;
} TdCustomerStats;

void             td_customer_stats_free (TdCustomerStats *stats);
/* one customer's figures (zeros when nothing booked); NULL with error when
 * there is no such customer */
TdCustomerStats *td_customer_stats_get  (TdDatabase  *db,
                                         const char  *customer_id,
                                         GError     **error);
/* how many customers are in each group (TD_RFM_N_GROUPS counts) */
gboolean         td_rfm_group_counts    (TdDatabase  *db,
                                         gint64      *counts,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCustomerStats, td_customer_stats_free)

G_END_DECLS
