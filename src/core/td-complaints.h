/* td-complaints.h: complaints and their handling (issue 8, the desk's part)
 *
 * A complaint (kind "complaint") and its notes (kind "complaint_note") are
 * append-only, as on the platform, which they reach through the sync. The
 * workflow lives in the notes: each step is a note with an action —
 * "assign" (assignee, and the state "assigned"), "state" (new, assigned,
 * in_progress, resolved, closed), "outcome" (refund or voucher with an
 * amount, apology, none) — so that the whole history travels and every
 * desk derives the same state from it: the latest state note wins.
 *
 * The due time follows the severity: critical 4 hours, high 24 hours,
 * medium 3 days, low 7 days from the time the complaint was taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-money.h"

G_BEGIN_DECLS

/* states, in their order */
extern const char * const td_complaint_states[];
extern const char * const td_complaint_severities[];
extern const char * const td_complaint_categories[];
extern const char * const td_complaint_channels[];
extern const char * const td_complaint_outcomes[];

/* translated titles ("In progress"), or the value itself when unknown */
const char *td_complaint_state_title    (const char  *state);
const char *td_complaint_severity_title (const char  *severity);
const char *td_complaint_category_title (const char  *category);
const char *td_complaint_channel_title  (const char  *channel);
const char *td_complaint_outcome_title  (const char  *outcome);

/* hours from intake to the due time */
guint       td_complaint_due_hours      (const char  *severity);
/* Whether the workflow allows going from one state to the other. */
gboolean    td_complaint_can_move       (const char  *from,
                                         const char  *to);

/* Files a complaint: values holds subject and body (required), channel
 * (default desk), category, severity (default medium), customer_id,
 * booking_ref, about, contact, occurred_on; due_at is set here. The new
 * id, or NULL with TD_DATABASE_ERROR_INVALID naming the field. */
char       *td_complaints_add           (TdDatabase  *db,
                                         JsonObject  *values,
                                         const char  *actor,
                                         GError     **error);
/* A response or remark. */
gboolean    td_complaints_note          (TdDatabase  *db,
                                         const char  *complaint_id,
                                         const char  *body,
                                         const char  *actor,
                                         GError     **error);
/* A step of the workflow: to state (with assignee for "assigned"; a
 * complaint is resolved only with an outcome, given here or before);
 * outcome (may be NULL) with amount for a refund or a voucher; body an
 * optional remark. Refused (TD_DATABASE_ERROR_INVALID) when the workflow
 * does not allow it. */
gboolean    td_complaints_set_state     (TdDatabase     *db,
                                         const char     *complaint_id,
                                         const char     *state,
                                         const char     *assignee,
                                         const char     *outcome,
                                         const TdMoney  *amount,
                                         const char     *body,
                                         const char     *actor,
                                         GError        **error);

/* The complaints, newest first, state NULL for all: objects {id, subject,
 * body, channel, category, severity, customer_id, customer_name,
 * booking_ref, about, contact, occurred_on, created_at, due_at, state,
 * assignee, outcome, amount {minor, currency} or null, n_notes, overdue} */
JsonArray  *td_complaints_list          (TdDatabase  *db,
                                         const char  *state,
                                         GError     **error);
/* One complaint as in the list, with "notes": [{id, created_at, action,
 * body, state, assignee, outcome, amount}] oldest first; NULL with
 * TD_DATABASE_ERROR_NOT_FOUND. */
JsonObject *td_complaints_get           (TdDatabase  *db,
                                         const char  *complaint_id,
                                         GError     **error);

G_END_DECLS
