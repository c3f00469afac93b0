/* td-folio.h: what a stay owes and what was paid
 *
 * A stay has one or more folios (the main one, number 1, is made with the
 * first entry; more when a folio is split: the company pays the room, the
 * guest the minibar). An entry is a room night, an extra charge, a payment,
 * a deposit or a refund, in minor units of the stay's currency, always
 * positive: its type gives the sign of what it does to the balance
 *
 *   balance = room nights + charges + refunds − payments − deposits
 *
 * (above zero the guest owes, below it the hotel does).
 *
 * Room nights are posted from the stay's nightly prices, one entry per
 * night, never twice (a unique index on stay and night): when the night
 * has passed (td_folio_post_nights() with the day, which the night audit,
 * the folio view and the CLI call: it is idempotent, so whoever runs it
 * first posts and the others find nothing to do), and at check-out for
 * every night not posted yet, in the commit of the check-out. Posting as
 * the nights pass keeps the balance of a guest in house true each morning
 * (a long stay is paid as it goes, and the folio printed mid-stay shows
 * what is owed); posting the rest at check-out makes sure an early or a
 * late departure (whose nights the check-out changes) is billed exactly
 * the nights stayed.
 *
 * td_stay_check_out() refuses a stay whose folios do not balance to zero
 * (TD_FOLIO_ERROR_OPEN_BALANCE), checked inside the commit's transaction,
 * unless a manager overrides it: who and why are recorded on each folio
 * left open, with its balance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-desk.h"
#include "td-money.h"
#include "td-stays.h"

G_BEGIN_DECLS

#define TD_FOLIO_ERROR (td_folio_error_quark ())

typedef enum {
  TD_FOLIO_ERROR_OPEN_BALANCE,  /* check-out with a balance not zero */
  TD_FOLIO_ERROR_CURRENCY,      /* an amount in another currency than the stay's */
} TdFolioError;

GQuark      td_folio_error_quark           (void);

typedef enum {
  TD_FOLIO_ENTRY_ROOM,
  TD_FOLIO_ENTRY_CHARGE,
  TD_FOLIO_ENTRY_PAYMENT,
  TD_FOLIO_ENTRY_DEPOSIT,
  TD_FOLIO_ENTRY_REFUND,
} TdFolioEntryType;

const char *td_folio_entry_type_to_string   (TdFolioEntryType  type);
gboolean    td_folio_entry_type_from_string (const char       *text,
                                             TdFolioEntryType *type);
const char *td_folio_entry_type_get_title   (TdFolioEntryType  type);

/* charges: room restaurant minibar laundry tickets other */
const char * const *td_folio_categories        (void);
const char *td_folio_category_get_title        (const char *category);
/* payments: cash bank-card wechat-pay alipay transfer agency-account */
const char * const *td_payment_methods         (void);
const char *td_payment_method_get_title        (const char *method);

typedef struct {
  char             *id;
  gint64            revision;
  char             *folio_id;
  TdFolioEntryType  type;
  char             *category;     /* charges */
  char             *method;       /* payments, deposits, refunds */
  TdMoney           amount;       /* positive */
  guint32           night;        /* room nights: the night (Julian day); else 0 */
  guint32           day;          /* the night, or the hotel's date when it was posted */
  char             *description;
  char             *reference;
  char             *posted_at;    /* UTC ISO 8601 */
  char             *posted_by;
} TdFolioEntry;

void        td_folio_entry_free            (TdFolioEntry       *entry);
/* what the entry does to the balance: + for nights, charges and refunds */
gint64      td_folio_entry_signed          (const TdFolioEntry *entry);

typedef struct {
  char      *id;
  gint64     revision;
  char      *stay_id;
  guint      number;          /* 1: the main folio */
  char      *label;
  char      *customer_id;     /* who pays it, or NULL */
  char      *customer_name;
  GPtrArray *entries;         /* TdFolioEntry*, by day, then in the order posted */
  TdMoney    charges;         /* nights + charges */
  TdMoney    paid;            /* payments + deposits − refunds */
  TdMoney    balance;         /* charges − paid */
  char      *override_by;     /* a manager let the stay leave with it open */
  char      *override_reason;
  char      *override_at;
} TdFolio;

void        td_folio_free                  (TdFolio *folio);

/* Every folio of a stay, with the nights not posted yet. */
typedef struct {
  TdStay    *stay;
  GPtrArray *folios;          /* TdFolio*, by number; empty before the first entry */
  TdMoney    balance;         /* of all its folios */
  guint      n_unposted;      /* nights of the stay not posted yet */
  TdMoney    unposted;        /* their prices */
} TdStayAccount;

void            td_stay_account_free       (TdStayAccount *account);
TdStayAccount  *td_stay_account_get        (TdDatabase    *db,
                                            const char    *stay_id,
                                            GError       **error);
/* the folio with that number, or NULL */
TdFolio        *td_stay_account_get_folio  (TdStayAccount *account,
                                            guint          number);

/* Posts the nights of a stay in house (or checked out) before the night
 * until (exclusive) that are not posted yet, on its main folio; the number
 * posted, or -1. */
int         td_folio_post_nights           (TdDatabase        *db,
                                            const char        *actor,
                                            const char        *stay_id,
                                            guint32            until,
                                            GError           **error);
/* td_folio_post_nights() of every stay in house up to today (exclusive):
 * the nights that have passed. The number posted, or -1. */
int         td_folios_post_due             (TdDatabase        *db,
                                            const char        *actor,
                                            const TdDeskTime  *when,
                                            GError           **error);

typedef struct {
  const char       *stay_id;
  guint             folio;        /* its number; 0: the main folio */
  TdFolioEntryType  type;         /* not ROOM: nights come from the stay */
  const char       *category;     /* charges: one of td_folio_categories() */
  const char       *method;       /* payments, deposits, refunds: one of td_payment_methods() */
  TdMoney           amount;       /* positive, in the stay's currency */
  const char       *description;
  const char       *reference;
} TdFolioPosting;

/* Posts one charge, payment, deposit or refund; the new entry's id. A
 * refund larger than what was paid on the folio is refused. */
char       *td_folio_post                  (TdDatabase            *db,
                                            const char            *actor,
                                            const TdFolioPosting  *posting,
                                            const TdDeskTime      *when,
                                            GError               **error);

/* Moves an entry to folio number to_folio of stay to_stay_id (NULL: the
 * entry's own stay); a room night stays with its stay. */
gboolean    td_folio_move_entry            (TdDatabase        *db,
                                            const char        *actor,
                                            const char        *entry_id,
                                            const char        *to_stay_id,
                                            guint              to_folio,
                                            GError           **error);

/* A new folio of the stay (numbered after the last) for customer_id
 * (or NULL) with label, taking the entries named (NULL-terminated; may be
 * empty); its number, or 0. */
guint       td_folio_split                 (TdDatabase         *db,
                                            const char         *actor,
                                            const char         *stay_id,
                                            const char         *label,
                                            const char         *customer_id,
                                            const char * const *entry_ids,
                                            GError            **error);

typedef struct {
  const char *manager;   /* who allows it */
  const char *reason;
} TdCheckOutOverride;

/* Checks the guest out (td_stay_apply() with TD_STAY_ACTION_CHECK_OUT),
 * posting every night not posted yet in the same commit and closing the
 * guests' registrations; refused with TD_FOLIO_ERROR_OPEN_BALANCE when the
 * folios do not balance, unless override (manager and reason required). */
TdStay     *td_stay_check_out              (TdDatabase               *db,
                                            const char               *actor,
                                            const char               *stay_id,
                                            const TdCheckOutOverride *override,
                                            const TdDeskTime         *when,
                                            GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdFolioEntry, td_folio_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdFolio, td_folio_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdStayAccount, td_stay_account_free)

G_END_DECLS
