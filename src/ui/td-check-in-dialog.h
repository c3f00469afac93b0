/* td-check-in-dialog.h: check a stay's guests in, each with their papers
 *
 * The guests in the room are found with td_customer_search_async(); each
 * one's document and nationality are checked (td_guest_check(), in a
 * worker thread) and shown on the guest's row, what is wrong in red. Check
 * In runs td_stay_check_in() in a worker thread: the registrations are
 * written with the check-in, or the core's refusal is shown and nothing is
 * lost. "checked-in" (const char *message) is emitted on success.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_CHECK_IN_DIALOG (td_check_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdCheckInDialog, td_check_in_dialog, TD, CHECK_IN_DIALOG, AdwWindow)

TdCheckInDialog *td_check_in_dialog_new          (TdDatabase      *database,
                                                  const TdStay    *stay);
/* adds a guest (checked in a worker thread, then shown) */
void             td_check_in_dialog_add_guest    (TdCheckInDialog *self,
                                                  const char      *customer_id);
/* removes the guest shown at index (the row's remove button) */
void             td_check_in_dialog_remove_guest (TdCheckInDialog *self,
                                                  guint            index);
/* for tests: the guests shown, and how many of them may check in */
guint            td_check_in_dialog_get_n_guests (TdCheckInDialog *self);
guint            td_check_in_dialog_get_n_ready  (TdCheckInDialog *self);
/* the guest search, as typed */
void             td_check_in_dialog_search       (TdCheckInDialog *self,
                                                  const char      *text);
/* the Check In button */
void             td_check_in_dialog_confirm      (TdCheckInDialog *self);
/* the last refusal shown, or NULL; TRUE while a check runs */
const char      *td_check_in_dialog_get_problem  (TdCheckInDialog *self);
gboolean         td_check_in_dialog_get_busy     (TdCheckInDialog *self);

G_END_DECLS
