/* bench-tickets.c: ticket sales under contention
 *
 * bench-tickets [CAPACITY] [PATH]: one time slot of CAPACITY places (2,000
 * by default); first one process sells it out alone (the baseline), then
 * 2, 4 and 8 processes at once, each selling one ticket per commit (every
 * sale signs its code and takes the workspace's write lock) until the slot
 * refuses them. Prints sales per second and checks that the tickets sold
 * never exceed the capacity; exits 1 if they do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "td-test-utils.h"

typedef struct {
  guint sold;
  guint refused;
  guint busy;
} Counts;

static char *
make_workspace (const char *path,
                guint       capacity,
                char      **poi_id,
                char      **date)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_CREATE, &error);
  g_autoptr(TdSlot) slot = NULL;
  TdChange *poi;
  TdMoney price;

  g_assert_no_error (error);
  td_database_init_workspace (db, TD_PROFILE_AGENCY, "bench", &error);
  g_assert_no_error (error);
  poi = td_change_new_insert ("poi", NULL);
  td_change_set_string (poi, "name", "少林寺");
  td_change_set_string (poi, "category", "attraction");
  td_change_set_double (poi, "lat", 34.5);
  td_change_set_double (poi, "lon", 112.9);
  g_ptr_array_add (changes, poi);
  td_database_commit (db, "bench", changes, &error);
  g_assert_no_error (error);
  *poi_id = g_strdup (td_change_get_id (poi));
  *date = td_date_format_iso (td_today_julian (NULL));
  td_money_init (&price, 8000, "CNY", NULL);
  td_tickets_set_price (db, "bench", *poi_id, TD_TICKET_ADULT, &price, &error);
  g_assert_no_error (error);
  slot = td_tickets_add_slot (db, "bench", *poi_id, *date, "09:00", NULL, capacity, &error);
  g_assert_no_error (error);
  g_assert_nonnull (td_tickets_get_key (db, &error));
  return g_strdup (td_database_get_path (db));
}

static void
seller (const char *path,
        const char *poi_id,
        const char *date,
        int         fd)
{
  TdDatabase *db;
  Counts counts = { 0, 0, 0 };
  TdTicketSale sale = { .poi_id = poi_id, .date = date, .start_time = "09:00", .type = TD_TICKET_ADULT, .count = 1 };

  g_random_set_seed ((guint32) getpid ());
  db = td_database_open (path, TD_OPEN_FLAGS_NONE, NULL);
  if (db == NULL)
    _exit (4);
  while (counts.refused < 3)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tickets = td_tickets_sell (db, "bench", &sale, &error);

      if (tickets)
        counts.sold++;
      else if (g_error_matches (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_SOLD_OUT))
        counts.refused++;
      else if (g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_BUSY))
        counts.busy++;
      else
        {
          g_printerr ("seller %d: %s\n", (int) getpid (), error->message);
          _exit (2);
        }
    }
  if (write (fd, &counts, sizeof counts) != sizeof counts)
    _exit (3);
  _exit (0);
}

/* sells a new slot of capacity out with n processes: FALSE if oversold */
static gboolean
run (const char *dir,
     guint       n,
     guint       capacity)
{
  g_autofree char *name = g_strdup_printf ("bench-tickets-%u.tourdesk", n);
  g_autofree char *file = g_build_filename (dir, name, NULL);
  g_autofree char *poi_id = NULL, *date = NULL, *path = NULL;
  g_autofree pid_t *children = g_new0 (pid_t, n);
  g_autofree int *fds = g_new0 (int, 2 * n);
  Counts total = { 0, 0, 0 };
  g_autofree char *label = NULL;
  gint64 start;
  double ms;
  gint64 in_db;

  g_unlink (file);
  path = make_workspace (file, capacity, &poi_id, &date);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (pipe (fds + 2 * i), ==, 0);
      children[i] = fork ();
      if (children[i] == 0)
        seller (path, poi_id, date, fds[2 * i + 1]);
      close (fds[2 * i + 1]);
    }
  for (guint i = 0; i < n; i++)
    {
      Counts counts;
      int status = 0;

      if (read (fds[2 * i], &counts, sizeof counts) != sizeof counts)
        g_error ("seller %u said nothing", i);
      close (fds[2 * i]);
      waitpid (children[i], &status, 0);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        g_error ("seller %u failed (%d)", i, status);
      total.sold += counts.sold;
      total.refused += counts.refused;
      total.busy += counts.busy;
    }
  ms = td_test_ms_since (start);
  {
    g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_NONE, NULL);

    in_db = td_database_count (db, "ticket", NULL);
  }
  label = n == 1 ? g_strdup ("1 process (baseline)") : g_strdup_printf ("%u processes", n);
  g_print ("%-22s %8u %8" G_GINT64_FORMAT " %9.0f %10.0f %8u %s\n", label,
           total.sold, in_db, ms, total.sold / (ms / 1000.0), total.busy,
           total.sold == capacity && in_db == capacity ? "exactly full" : "OVERSOLD OR SHORT");
  return total.sold <= capacity && in_db <= capacity && total.sold == (guint) in_db;
}

int
main (int    argc,
      char **argv)
{
  guint capacity = argc > 1 ? (guint) atoi (argv[1]) : 2000;
  g_autofree char *dir = argc > 2 ? g_strdup (argv[2]) : g_dir_make_tmp ("bench-tickets-XXXXXX", NULL);
  static const guint processes[] = { 1, 2, 4, 8 };
  gboolean ok = TRUE;

  g_assert_nonnull (dir);
  g_print ("Ticket sales under contention: one time slot of %u places, one ticket per commit\n", capacity);
  g_print ("%-22s %8s %8s %9s %10s %8s\n", "", "sold", "in db", "ms", "sales/s", "busy");
  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    ok &= run (dir, processes[i], capacity);
  if (argc <= 2)
    {
      /* our own folder: leave nothing behind */
      for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
        for (guint j = 0; j < 3; j++)
          {
            g_autofree char *name = g_strdup_printf ("bench-tickets-%u.tourdesk%s", processes[i],
                                                     (const char *[]) { "", "-wal", "-shm" }[j]);
            g_autofree char *file = g_build_filename (dir, name, NULL);

            g_unlink (file);
          }
      g_rmdir (dir);
    }
  return ok ? 0 : 1;
}
