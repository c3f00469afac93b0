/* td-folio-dialog.h: a stay's folio at the desk, and its check-out
 *
 * Opening it posts the nights that have passed and are not posted yet
 * (td_folio_post_nights(), idempotent), so that the balance shown is what
 * the guest owes this morning.
 * The entries of every folio of the stay with the balance (and the nights
 * not posted yet), a form to post a charge, a payment, a deposit or a
 * refund, printing (folio, receipt, registration card) through
 * td_print_document(), and Check Out: td_stay_check_out() in a worker
 * thread; refused with an open balance, the dialog then offers the
 * manager's override (name and reason, recorded on the folio). Every read
 * and write runs in a worker thread. "changed" (const char *message) is
 * emitted after a check-out, with a sentence for a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_FOLIO_DIALOG (td_folio_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdFolioDialog, td_folio_dialog, TD, FOLIO_DIALOG, AdwWindow)

TdFolioDialog *td_folio_dialog_new            (TdDatabase     *database,
                                               const char     *stay_id);
/* for tests */
gboolean       td_folio_dialog_get_busy       (TdFolioDialog  *self);
/* the account as last loaded, or NULL */
const TdStayAccount *td_folio_dialog_get_account (TdFolioDialog *self);
/* fills the form and posts: type, a category or a method, an amount as typed */
void           td_folio_dialog_post           (TdFolioDialog  *self,
                                               TdFolioEntryType type,
                                               const char     *kind,
                                               const char     *amount,
                                               const char     *description);
/* Check Out; with manager and reason: the override */
void           td_folio_dialog_check_out      (TdFolioDialog  *self,
                                               const char     *manager,
                                               const char     *reason);
const char    *td_folio_dialog_get_problem    (TdFolioDialog  *self);
/* is the override offered (after a refusal for the balance)? */
gboolean       td_folio_dialog_get_override_shown (TdFolioDialog *self);

G_END_DECLS
