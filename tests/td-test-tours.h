/* td-test-tours.h: the fixture agency of the tour tests and benchmark
 *
 * LY3 洛阳三日游, 3 days: adult ¥1,200, child (2–11) ¥800, infant (under 2)
 * ¥100, senior (65+) ¥1,000, single room +¥300; deposit 30 %, balance 30
 * days before; cancellation 30+ days 0 %, 15+ 20 %, 7+ 50 %, later 100 %;
 * Golden Week (Oct 1–7 departures) +¥200 a person (not infants).
 * Itinerary: day 1 the Longmen Grottoes (¥90 a person, 龙门石窟景区), a hotel
 * (¥200 a person), day 2 a coach (¥1,500 the group), day 3 a lunch.
 * Departures: Oct 3 (10 seats, minimum 4), Sep 10 (4 seats).
 * Customers: 王伟 (1980), 王小宝 (child, 8 on Oct 3), 王宝宝 (infant, 1),
 * 李奶奶 (senior, 70), each with a passport valid past the trips but
 * 李奶奶's, which expires on Oct 4, in the middle of the Oct 3 trip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

typedef struct {
  TdDatabase *db;
  char       *product;
  char       *golden;     /* departure 2026-10-03, 10 seats */
  char       *september;  /* departure 2026-09-10, 4 seats */
  char       *adult;
  char       *child;
  char       *infant;
  char       *senior;
} TdTestTours;

TdTestTours *td_test_tours_new      (const char  *name);
void         td_test_tours_free     (TdTestTours *tours);
/* a person, born on birth (NULL: unknown), with a resident ID expiring on
 * id_expiry (NULL: none on file) */
char        *td_test_tours_customer (TdDatabase  *db,
                                     const char  *name,
                                     const char  *birth,
                                     const char  *id_expiry);
TdMoney      td_test_cny            (gint64       minor);

/* Forks n children, each running child (data, its index, the read end of
 * a pipe to wait on: one byte each is written when all are ready, so they
 * start at once), and waits for them all. A child exits 0 (it sold), 1
 * (refused: no seats) or 2 (anything else, which fails the test). *won:
 * the children that exited 0; returns the seconds from the go to the
 * last. */
typedef void (*TdTestRaceChild) (gpointer data,
                                 guint    index,
                                 int      go);
double       td_test_tours_race     (guint            n,
                                     TdTestRaceChild  child,
                                     gpointer         data,
                                     guint           *won);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTestTours, td_test_tours_free)

G_END_DECLS
