/* test-ticket-setup.c: an attraction's own time slots, many days at once,
 * and its prices (core and tourdesk-cli tickets add-slots, set-price)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-poi-entry.h"
#include "td-test-utils.h"

static char *
add_attraction (TdDatabase *db,
                const char *name)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdChange *change = td_change_new_insert ("poi", NULL);
  char *id = g_strdup (td_change_get_id (change));

  td_change_set_string (change, "name", name);
  td_change_set_string (change, "category", "attraction");
  td_change_set_double (change, "lat", 30.242);
  td_change_set_double (change, "lon", 120.148);
  g_ptr_array_add (changes, change);
  td_database_commit (db, NULL, changes, &error);
  g_assert_no_error (error);
  return id;
}

static void
assert_times (const char *text,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = td_slot_times_parse (text, &error);
  g_autoptr(GString) joined = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < times->len; i++)
    {
      const TdSlotTime *t = &g_array_index (times, TdSlotTime, i);

      g_string_append_printf (joined, "%s%s%s%s", i ? " " : "", t->start, t->end[0] ? "-" : "", t->end);
    }
  g_assert_cmpstr (joined->str, ==, expected);
}

static void
assert_bad_times (const char *text,
                  const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = td_slot_times_parse (text, &error);

  g_assert_null (times);
  g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID);
  if (strstr (error->message, in_message) == NULL)
    g_error ("“%s”: expected “%s” in “%s”", text, in_message, error->message);
}

static void
test_parse (void)
{
  guint days = 0;
  g_autoptr(GError) error = NULL;

  assert_times ("09:00-11:00, 13:00-15:00", "09:00-11:00 13:00-15:00");
  assert_times ("14:00，9:00–11:00", "09:00-11:00 14:00");
  assert_times ("8点-10点 10:30至12:00", "08:00-10:00 10:30-12:00");
  assert_bad_times ("", "Give the times");
  assert_bad_times ("25:00", "“25:00” is not a time");
  assert_bad_times ("11:00-10:00", "11:00–10:00");
  assert_bad_times ("09:00 9:00-10:00", "09:00 is given twice");

  g_assert_true (td_weekdays_parse ("sat, sun", &days, &error));
  g_assert_cmpuint (days, ==, (1u << 5) | (1u << 6));
  g_assert_true (td_weekdays_parse ("1-5", &days, &error));
  g_assert_cmpuint (days, ==, 0x1f);
  g_assert_true (td_weekdays_parse ("周一、周三", &days, &error));
  g_assert_cmpuint (days, ==, 0x5);
  g_assert_false (td_weekdays_parse ("someday", &days, &error));
  g_assert_nonnull (strstr (error->message, "someday"));
}

static void
test_range (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("slots.tourdesk", TD_PROFILE_AGENCY);
  g_autofree char *lake = add_attraction (db, "西湖");
  g_autoptr(GError) error = NULL;
  guint32 first = 0, last = 0;
  guint added = 0, skipped = 0;

  g_assert_true (td_date_parse_iso ("2026-12-01", &first, NULL));  /* a Tuesday */
  g_assert_true (td_date_parse_iso ("2026-12-31", &last, NULL));

  /* weekends of December: 8 days, 2 slots each */
  g_assert_true (td_ticket_slots_add_range (db, NULL, lake, first, last, (1u << 5) | (1u << 6),
                                            "09:00-11:00, 13:00-15:00", 200, &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 16);
  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM attraction_slots WHERE date = '2026-12-05'"), ==, 2);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM attraction_slots WHERE date = '2026-12-07'"), ==, 0);

  /* the first week every day: the weekend's 09:00 slots are there already */
  g_assert_true (td_ticket_slots_add_range (db, NULL, lake, first, first + 6, 0,
                                            "09:00-11:00", 150, &added, &skipped, &error));
  g_assert_cmpuint (added, ==, 5);
  g_assert_cmpuint (skipped, ==, 2);
  g_assert_cmpint (td_test_query_int (db, "SELECT capacity FROM attraction_slots WHERE date = '2026-12-05' "
                                          "AND start_time = '09:00'"), ==, 200);

  /* refusals write nothing */
  g_assert_false (td_ticket_slots_add_range (db, NULL, lake, last, first, 0, "10:00", 10, &added, &skipped, &error));
  g_assert_nonnull (strstr (error->message, "before"));
  g_clear_error (&error);
  g_assert_false (td_ticket_slots_add_range (db, NULL, lake, first, first + 400, 0, "10:00", 10, &added, &skipped, &error));
  g_clear_error (&error);
  g_assert_false (td_ticket_slots_add_range (db, NULL, lake, first, last, 0, "10:00", 0, &added, &skipped, &error));
  g_clear_error (&error);
  g_assert_false (td_ticket_slots_add_range (db, NULL, "no-such-place", first, last, 0, "10:00", 10, &added, &skipped, &error));
  g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM attraction_slots"), ==, 21);
}

static void
test_cli (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("cli-slots.tourdesk", TD_PROFILE_AGENCY);
  g_autofree char *path = g_strdup (td_database_get_path (db));
  g_autofree char *lake = add_attraction (db, "西湖");
  g_auto(TdTestRun) run = { 0 };
  g_autoptr(JsonObject) object = NULL;

  g_clear_object (&db);
  td_test_cli (&run, "--db", path, "tickets", "add-slots", "--attraction", "西湖", "--from", "2026-12-01",
               "--to", "2026-12-07", "--days", "1-5", "--times", "09:00-11:00,14:00", "--capacity", "80", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = td_test_parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (object, "added"), ==, 10);
  g_clear_pointer (&object, json_object_unref);
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "tickets", "add-slots", "--attraction", "西湖", "--from", "2026-12-01",
               "--times", "9-8", "--capacity", "80", NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "tickets", "add-slots", "--attraction", "西湖", "--from", "2026-12-01", NULL);
  g_assert_cmpint (run.status, ==, 2);
  td_test_assert_one_line_error (&run);
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "tickets", "set-price", "--attraction", lake, "--type", "adult", "--price", "60", NULL);
  g_assert_cmpint (run.status, ==, 0);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "tickets", "set-price", "--attraction", lake, "--type", "kid", "--price", "60", NULL);
  g_assert_cmpint (run.status, ==, 2);
  td_test_assert_one_line_error (&run);
  td_test_run_clear (&run);

  /* sold at once, at that price */
  td_test_cli (&run, "--db", path, "tickets", "sell", "--attraction", "西湖", "--date", "2026-12-02",
               "--slot", "14:00", "--type", "adult", "--count", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "tickets", "slots", "--attraction", "西湖", "--date", "2026-12-02", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "78 of 80"));
  g_assert_nonnull (strstr (run.out, "¥60.00"));
}

/* one place entered by hand: the position in either order, from the
 * map site named, kept in WGS-84; the same place again is updated */
static void
test_place (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("place.tourdesk", TD_PROFILE_AGENCY);
  g_autofree char *path = g_strdup (td_database_get_path (db));
  g_autoptr(GError) error = NULL;
  g_autoptr(TdPoi) poi = td_poi_new ();
  g_autofree char *id = NULL, *again = NULL;
  g_auto(TdTestRun) run = { 0 };
  double lat = 0, lon = 0;

  g_assert_true (td_poi_entry_parse_position ("34.7466, 113.6253", &lat, &lon, &error));
  g_assert_cmpfloat_with_epsilon (lat, 34.7466, 1e-9);
  g_assert_true (td_poi_entry_parse_position ("113.6253,34.7466", &lat, &lon, &error));
  g_assert_cmpfloat_with_epsilon (lat, 34.7466, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 113.6253, 1e-9);
  g_assert_true (td_poi_entry_parse_position ("34.7466，113.6253", &lat, &lon, &error));
  g_assert_false (td_poi_entry_parse_position ("34.7466", &lat, &lon, &error));
  g_clear_error (&error);
  g_assert_false (td_poi_entry_parse_position ("north, east", &lat, &lon, &error));
  g_assert_nonnull (strstr (error->message, "north"));
  g_clear_error (&error);
  g_assert_false (td_poi_entry_parse_position ("134.7, 213.6", &lat, &lon, &error));
  g_clear_error (&error);

  /* 二七纪念塔 as AMap gives it (GCJ-02): about 500 m east of its WGS-84 */
  poi->name = g_strdup ("二七纪念塔");
  poi->category = TD_POI_ATTRACTION;
  g_assert_true (td_poi_entry_parse_position ("113.669,34.7536", &poi->lat, &poi->lon, NULL));
  id = td_poi_entry_save (db, poi, TD_CRS_GCJ02, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM pois WHERE source_crs = 'gcj02' AND lon < 113.6650"), ==, 1);

  g_clear_object (&db);
  td_test_cli (&run, "--db", path, "pois", "add", "二七纪念塔", "--category", "attraction",
               "--position", "34.7536,113.669", "--crs", "gcj02", "--hours", "08:00-17:30", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonObject) object = td_test_parse_json (run.out);

    again = g_strdup (json_object_get_string_member (object, "id"));
    g_assert_cmpstr (json_object_get_string_member (object, "opening_hours"), ==, "08:00-17:30");
  }
  g_assert_cmpstr (again, ==, id);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "pois", "add", "某地", "--category", "attraction", "--position", "34.7,113.6", NULL);
  g_assert_cmpint (run.status, ==, 2);
  td_test_assert_one_line_error (&run);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ticket-setup/parse", test_parse);
  g_test_add_func ("/ticket-setup/range", test_range);
  g_test_add_func ("/ticket-setup/cli", test_cli);
  g_test_add_func ("/ticket-setup/place", test_place);
  return g_test_run ();
}
