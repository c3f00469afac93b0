/* td-demo.h: a deterministic demo workspace for Henan province
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"

G_BEGIN_DECLS

typedef struct {
  guint32 seed;        /* same seed, same workspace */
  guint   customers;   /* number of customers to generate */
  guint32 base_date;   /* the hotels' "today" (GLib Julian day): stays from two weeks
                        * before to a month after; 0: today in Asia/Shanghai */
  guint   history_days;  /* past stays this many days further back (analytics:
                          * busier weekends, a summer and a Golden Week; bookings
                          * made before today only); 0: none */
  guint   hotel_copies;  /* the hotels this many times over (benchmarks); 0 or 1: once */
} TdDemoOptions;

#define TD_DEMO_DEFAULT_SEED      20261122
#define TD_DEMO_DEFAULT_CUSTOMERS 2000

void     td_demo_options_init     (TdDemoOptions        *options);

/* progress: fraction done in [0, 1], called from the calling thread */
typedef void (*TdDemoProgress) (double fraction, gpointer user_data);

/* Fills an empty (uninitialised) workspace. */
gboolean td_demo_generate         (TdDatabase          *db,
                                   const TdDemoOptions *options,
                                   TdDemoProgress       progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GError             **error);

/* Creates a demo workspace at path: built beside it and moved into place,
 * so a failure or cancellation leaves path as it was. Refuses a path that
 * holds a set-up workspace or a file that is not a workspace. */
TdDatabase *td_demo_create        (const char          *path,
                                   const TdDemoOptions *options,
                                   TdDemoProgress       progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GError             **error);

/* td_demo_create() in a worker thread. */
void     td_demo_create_async     (const char          *path,
                                   const TdDemoOptions *options,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
TdDatabase *td_demo_create_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
