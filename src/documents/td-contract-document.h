/* td-contract-document.h: the travel contract of a tour booking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-document.h"

G_BEGIN_DECLS

/* The agency's contract for a booking, for signature: the parties (the
 * workspace's business and the lead customer), the trip and its
 * participants, the day-by-day itinerary, what is included and excluded,
 * the price, the payment terms, the cancellation terms, insurance,
 * complaint channels, the signature lines, and whether it was signed. */
TdDocument *td_contract_document_new       (TdDatabase  *db,
                                            const char  *booking_id,
                                            GError     **error);
/* "contract-1a2b3c4d.pdf": a file name to suggest */
char       *td_contract_document_file_name (const char  *booking_id);

G_END_DECLS
