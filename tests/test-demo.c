/* test-demo.c: the demo is deterministic, believable and intact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-test-utils.h"

static char *
digest (TdDatabase *db)
{
  /* everything but the timestamps, in a stable order */
  const char *sql =
    "SELECT group_concat(id || name || ifnull(phone, '') || ifnull(id_number, '') || ifnull(birth_date, ''), '|') "
    "FROM (SELECT * FROM customers ORDER BY id)";
  sqlite3 *h;
  sqlite3_stmt *s;
  char *result;

  g_assert_cmpint (sqlite3_open_v2 (td_database_get_path (db), &h, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (h, sql, -1, &s, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
  result = g_compute_checksum_for_string (G_CHECKSUM_SHA256, (const char *) sqlite3_column_text (s, 0), -1);
  sqlite3_finalize (s);
  sqlite3_close (h);
  return result;
}

static TdDatabase *
make_demo (const char *name,
           guint32     seed,
           guint       customers)
{
  g_autofree char *path = td_test_path (name);
  g_autoptr(GError) error = NULL;
  TdDemoOptions options = { seed, customers };
  TdDatabase *db = td_demo_create (path, &options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return db;
}

static void
test_deterministic (void)
{
  g_autoptr(TdDatabase) a = make_demo ("a.tourdesk", 7, 300);
  g_autoptr(TdDatabase) b = make_demo ("b.tourdesk", 7, 300);
  g_autoptr(TdDatabase) c = make_demo ("c.tourdesk", 8, 300);
  g_autofree char *da = digest (a);
  g_autofree char *db_ = digest (b);
  g_autofree char *dc = digest (c);

  g_assert_cmpstr (da, ==, db_);
  g_assert_cmpstr (da, !=, dc);
  g_assert_cmpint (td_database_count (a, "customer", NULL), ==, 300);
}

static void
test_believable (void)
{
  g_autoptr(TdDatabase) db = make_demo ("henan.tourdesk", TD_DEMO_DEFAULT_SEED, 500);
  g_autoptr(GPtrArray) results = td_database_check (db, NULL);
  sqlite3 *h;
  sqlite3_stmt *s;
  guint people = 0;

  for (guint i = 0; i < results->len; i++)
    {
      TdCheckResult *r = g_ptr_array_index (results, i);

      if (!r->ok)
        g_error ("%s: %s", r->name, r->detail);
    }

  g_assert_cmpint (td_database_count (db, "property", NULL), >=, 3);
  g_assert_cmpint (td_database_count (db, "room", NULL), >, 100);

  g_assert_cmpint (sqlite3_open_v2 (td_database_get_path (db), &h, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  /* real attractions, where they really are (WGS-84, within ~1 km) */
  g_assert_cmpint (sqlite3_prepare_v2 (h, "SELECT lat, lon FROM pois WHERE name = ?", -1, &s, NULL), ==, SQLITE_OK);
  {
    const struct { const char *name; double lat, lon; } known[] = {
      { "少林寺", 34.508, 112.935 },
      { "龙门石窟", 34.556, 112.470 },
      { "清明上河园", 34.810, 114.340 },
      { "云台山", 35.42, 113.37 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (known); i++)
      {
        sqlite3_reset (s);
        sqlite3_bind_text (s, 1, known[i].name, -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
        g_assert_cmpfloat_with_epsilon (sqlite3_column_double (s, 0), known[i].lat, 0.01);
        g_assert_cmpfloat_with_epsilon (sqlite3_column_double (s, 1), known[i].lon, 0.01);
      }
  }
  sqlite3_finalize (s);

  /* people: valid identity numbers that agree with birth date and gender,
   * mainland mobile numbers */
  g_assert_cmpint (sqlite3_prepare_v2 (h, "SELECT id_number, birth_date, gender, phone FROM customers "
                                          "WHERE party = 'person'", -1, &s, NULL), ==, SQLITE_OK);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (s, 0);
      const char *birth = (const char *) sqlite3_column_text (s, 1);
      const char *gender = (const char *) sqlite3_column_text (s, 2);
      const char *phone = (const char *) sqlite3_column_text (s, 3);
      g_autoptr(GError) error = NULL;
      g_autofree char *compact = NULL;
      GDate date;

      g_assert_true (td_id_number_validate (number, &date, &error));
      g_assert_no_error (error);
      compact = g_strdup_printf ("%.4s%.2s%.2s", birth, birth + 5, birth + 8);
      g_assert_cmpint (strncmp (number + 6, compact, 8), ==, 0);
      g_assert_cmpint ((number[16] - '0') % 2, ==, g_str_equal (gender, "male") ? 1 : 0);
      g_assert_cmpuint (strlen (phone), ==, 11);
      g_assert_true (phone[0] == '1');
      people++;
    }
  sqlite3_finalize (s);
  sqlite3_close (h);
  g_assert_cmpuint (people, >, 400);
}

static void
test_refuses_existing (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("taken.tourdesk", TD_PROFILE_HOTEL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  TdDatabase *demo;

  td_demo_options_init (&options);
  options.customers = 10;
  before = g_strdup_printf ("%" G_GINT64_FORMAT, td_database_count (db, "organisation", NULL));
  demo = td_demo_create (td_database_get_path (db), &options, NULL, NULL, NULL, &error);
  g_assert_null (demo);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS);
  after = g_strdup_printf ("%" G_GINT64_FORMAT, td_database_count (db, "organisation", NULL));
  g_assert_cmpstr (before, ==, after);
}

static void
test_cancel_leaves_nothing (void)
{
  g_autofree char *path = td_test_path ("cancelled.tourdesk");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  TdDemoOptions options = { 1, 20000 };
  TdDatabase *db;

  g_cancellable_cancel (cancellable);
  db = td_demo_create (path, &options, NULL, NULL, cancellable, &error);
  g_assert_null (db);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The hotels' stays around the base date: the same for the same seed and
 * date, every state a tape chart shows, and nothing the room-night table
 * or the room types would refuse. */
static char *
stays_digest (TdDatabase *db)
{
  g_autoptr(GPtrArray) stays = NULL;
  TdStayFilter filter = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);

  stays = td_stays_list (db, &filter, NULL);
  for (guint i = 0; i < stays->len; i++)
    {
      TdStay *stay = g_ptr_array_index (stays, i);

      g_string_append_printf (text, "%s %s %u %u %s %" G_GINT64_FORMAT "|", stay->id,
                              stay->room_number ? stay->room_number : "-", stay->dates.start, stay->dates.end,
                              td_stay_state_to_string (stay->state), stay->total.minor);
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, -1);
}

static void
test_front_desk (void)
{
  guint32 today = 0;
  g_autofree char *path_a = td_test_path ("desk-a.tourdesk");
  g_autofree char *path_b = td_test_path ("desk-b.tourdesk");
  g_autoptr(TdDatabase) a = NULL;
  g_autoptr(TdDatabase) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest_a = NULL;
  g_autofree char *digest_b = NULL;
  TdDemoOptions options = { 5, 200, 0 };
  TdDeskTime when;
  struct { const char *sql; gint64 at_least; } expected[] = {
    /* today's arrivals still to come, guests in house, departures done */
    { "SELECT count(*) FROM stays WHERE state = 'confirmed' AND arrival = '2026-05-12'", 5 },
    { "SELECT count(*) FROM stays WHERE state = 'checked_in' AND arrival < '2026-05-12' AND departure > '2026-05-12'", 100 },
    { "SELECT count(*) FROM stays WHERE state = 'checked_out' AND departure <= '2026-05-12'", 200 },
    { "SELECT count(*) FROM stays WHERE state = 'confirmed' AND arrival > '2026-05-12'", 200 },
    { "SELECT count(*) FROM stays WHERE state IN ('tentative', 'cancelled', 'no_show')", 30 },
    { "SELECT count(*) FROM stays WHERE block_id IS NOT NULL", 3 },
    { "SELECT count(*) FROM out_of_order_periods", 8 },
    { "SELECT count(*) FROM rate_plans", 32 },
    { "SELECT count(*) FROM reservations WHERE source = 'ota' AND commission_bp = 1500", 100 },
    /* this morning's departures left their rooms dirty */
    { "SELECT count(*) FROM rooms r WHERE housekeeping = 'dirty' AND EXISTS (SELECT 1 FROM stays s "
      "WHERE s.room_id = r.id AND s.departure = '2026-05-12' AND s.state = 'checked_out')", 20 },
    { "SELECT count(*) FROM rooms WHERE housekeeping = 'inspected'", 100 },
  };

  g_assert_true (td_date_parse_iso ("2026-05-12", &today, NULL));
  options.base_date = today;
  a = td_demo_create (path_a, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  b = td_demo_create (path_b, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  digest_a = stays_digest (a);
  digest_b = stays_digest (b);
  g_assert_cmpstr (digest_a, ==, digest_b);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("%s", expected[i].sql);
      g_assert_cmpint (td_test_query_int (a, expected[i].sql), >=, expected[i].at_least);
    }

  /* no room type is sold beyond its rooms, tonight or on the block's nights */
  td_desk_time_init (&when, today, 0);
  for (guint32 night = today - 10; night < today + 21; night += 3)
    {
      TdAvailabilityQuery query = { NULL, NULL, { night, night + 1 }, 1, 0 };
      g_autoptr(GPtrArray) results = td_availability_search (a, &query, &when, &error);

      g_assert_no_error (error);
      for (guint r = 0; r < results->len; r++)
        g_assert_cmpint (g_array_index (((TdAvailability *) g_ptr_array_index (results, r))->left, int, 0), >=, 0);
    }
  g_assert_cmpint (td_test_query_int (a, "SELECT count(*) FROM room_nights"), >, 5000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/believable", test_believable);
  g_test_add_func ("/demo/refuses-existing", test_refuses_existing);
  g_test_add_func ("/demo/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/demo/front-desk", test_front_desk);
  return g_test_run ();
}
