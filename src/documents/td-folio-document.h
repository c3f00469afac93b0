/* td-folio-document.h: the front desk's printed papers
 *
 * The guest folio (every entry, the balance), the receipt handed over at
 * check-out (what was charged by kind, what was paid by method), the
 * registration card signed at check-in (the stay and every registered
 * guest's document) and the housekeeping list of a day. Each carries the
 * business header from Preferences. They read the database: build them
 * where blocking is allowed (a worker thread, the CLI).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-desk.h"
#include "td-document.h"

G_BEGIN_DECLS

/* folio: its number; 0: every folio of the stay, one after the other */
TdDocument *td_folio_document_new             (TdDatabase        *db,
                                               const char        *stay_id,
                                               guint              folio,
                                               GError           **error);
TdDocument *td_receipt_document_new           (TdDatabase        *db,
                                               const char        *stay_id,
                                               guint              folio,
                                               GError           **error);
TdDocument *td_registration_card_document_new (TdDatabase        *db,
                                               const char        *stay_id,
                                               GError           **error);
/* the rooms of property_id (NULL: the only hotel, or all) on day */
TdDocument *td_housekeeping_document_new      (TdDatabase        *db,
                                               const char        *property_id,
                                               guint32            day,
                                               const TdDeskTime  *when,
                                               GError           **error);

G_END_DECLS
