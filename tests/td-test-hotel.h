/* td-test-hotel.h: the fixture hotel of the front-desk tests
 *
 * 测试酒店:
 *   STD 标准间 (3 adults, 1 child): 101 102 103, plans BAR and NRF
 *   DLK 豪华间 (2 adults, 1 child): 201 202, no plan: its base price ¥450
 *   BAR ¥300 a night for 2 adults, +¥50 an adult, +¥30 a child; Fridays and
 *       Saturdays ¥360; summer (Jul–Aug) ¥400, its weekends ¥450; the Mid-
 *       Autumn nights Aug 14–15 ¥500; Golden Week (Oct 1–7) ¥600, +¥80 an
 *       adult; at most 14 nights; arrivals Oct 1–3 at least 3 nights; no
 *       arrivals Oct 5, no departures Oct 7; closed Dec 24–25; free to
 *       cancel until 2 days before arrival, then the first night
 *   NRF ¥270, non-refundable (100 %), closed in Golden Week
 *   Taxes: VAT 6 % included, service 10 % added, ¥2 a guest and night
 * and a second hotel, 分店, with one room.
 *
 * Guests: 王伟 (a person) and 中原国际旅行社 (an organisation, the agency).
 * Everything is written through td_database_commit().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

enum { TD_TEST_R101, TD_TEST_R102, TD_TEST_R103, TD_TEST_R201, TD_TEST_R202 };

typedef struct {
  TdDatabase *db;
  char       *property;
  char       *branch;
  char       *branch_room;
  char       *std;
  char       *dlk;
  char       *bar;
  char       *nrf;
  char       *guest;
  char       *agency;
  char       *room[5];   /* by TD_TEST_R101… */
} TdTestHotel;

/* a new workspace called name, holding the fixture */
TdTestHotel *td_test_hotel_new  (const char  *name);
/* checks the workspace (td_database_check() must pass), then frees */
void         td_test_hotel_free (TdTestHotel *hotel);

guint32      td_test_date       (const char  *iso);
TdDateRange  td_test_range      (const char  *from,
                                 const char  *to);
/* the desk's clock at noon, Beijing time, of a date */
TdDeskTime   td_test_at         (const char  *iso);
/* an amount in CNY */
void         td_test_set_money  (TdChange    *change,
                                 const char  *field,
                                 gint64       minor);
/* a date (GLib Julian day) as YYYY-MM-DD */
void         td_test_set_date   (TdChange    *change,
                                 const char  *field,
                                 guint32      julian);
/* commits and empties changes; asserts it worked */
void         td_test_commit     (TdDatabase  *db,
                                 GPtrArray   *changes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTestHotel, td_test_hotel_free)

G_END_DECLS
