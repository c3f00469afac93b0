/* td-daily-report-document.h: the night audit as a printable document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-daily-report.h"
#include "td-document.h"

G_BEGIN_DECLS

/* The report's figures, revenue by source and the lists of arrivals,
 * departures, guests in house and no-shows. title_scope names the hotel
 * (or “All hotels”). The header is left to the caller
 * (td_document_set_header_from_workspace()). */
TdDocument *td_daily_report_document_new (const TdDailyReport *report,
                                          const char          *title_scope);

G_END_DECLS
