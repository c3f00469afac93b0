/* td-core.h: the Tourdesk domain and storage (GLib, SQLite, json-glib; no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-change.h"
#include "td-check.h"
#include "td-csv.h"
#include "td-customer.h"
#include "td-customer-columns.h"
#include "td-customer-duplicates.h"
#include "td-customer-export.h"
#include "td-customer-import.h"
#include "td-customer-item.h"
#include "td-customer-list.h"
#include "td-customer-origins.h"
#include "td-customer-overview.h"
#include "td-customer-profile.h"
#include "td-customer-search.h"
#include "td-database.h"
#include "td-date-range.h"
#include "td-demo.h"
#include "td-id-number.h"
#include "td-json.h"
#include "td-kind.h"
#include "td-money.h"
#include "td-pinyin.h"
#include "td-route.h"
#include "td-summary.h"
#include "td-text-encoding.h"
#include "td-time.h"
#include "td-vcard.h"
#include "td-workspace.h"
/* the front desk */
#include "td-availability.h"
#include "td-blocks.h"
#include "td-desk.h"
#include "td-housekeeping.h"
#include "td-rates.h"
#include "td-rooms.h"
#include "td-stays.h"
/* attraction tickets */
#include "td-ticket-code.h"
#include "td-tickets.h"
/* the agency desk */
#include "td-tour-booking.h"
#include "td-tours.h"
/* the map: what is booked at a place */
#include "td-poi-bookings.h"
/* payment methods: one vocabulary for folios and tours */
#include "td-payment-method.h"
/* marketing */
#include "td-campaign.h"
#include "td-coupon.h"
#include "td-loyalty.h"
#include "td-mail-message.h"
#include "td-marketing-stats.h"
#include "td-segment.h"
/* analytics */
#include "td-daily-report.h"
#include "td-kpi.h"
#include "td-kpi-forecast.h"
#include "td-kpi-dashboard.h"
#include "td-survey.h"
#include "td-calendar.h"
#include "td-folio.h"
#include "td-registration.h"
