/* test-hotel-setup.c: setting up hotels, room types and rooms (core, CLI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-utils.h"

static void
assert_numbers (const char *text,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = td_room_numbers_parse (text, &error);
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  joined = g_strjoinv (" ", numbers);
  g_assert_cmpstr (joined, ==, expected);
}

static void
assert_bad_numbers (const char *text,
                    const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = td_room_numbers_parse (text, &error);

  g_assert_null (numbers);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID);
  if (strstr (error->message, in_message) == NULL)
    g_error ("“%s”: expected “%s” in “%s”", text, in_message, error->message);
}

static void
test_numbers (void)
{
  const char *list[] = { "203", "101", "102", "103", "9", "10", "305A", "201", NULL };
  g_autofree char *described = NULL;

  assert_numbers ("101", "101");
  assert_numbers ("101-103, 201", "101 102 103 201");
  assert_numbers ("1101-03 305A", "1101 1102 1103 305A");
  assert_numbers ("101 – 103、201，202", "101 102 103 201 202");
  assert_numbers ("008-010", "008 009 010");
  assert_numbers ("9-12", "9 10 11 12");
  assert_numbers ("  A1  B2 ", "A1 B2");

  assert_bad_numbers ("", "Give the room numbers");
  assert_bad_numbers ("110-101", "“110-101” runs backwards");
  assert_bad_numbers ("101 101", "Room 101 is given twice");
  assert_bad_numbers ("101-105 103", "Room 103 is given twice");
  assert_bad_numbers ("1-1000", "more than 500 rooms");
  assert_bad_numbers ("A-B", "is not a run of rooms");
  assert_bad_numbers ("10#1", "“10#1” is not a room number");

  described = td_room_numbers_describe (list);
  g_assert_cmpstr (described, ==, "9, 10, 101–103, 201, 203, 305A");
}

typedef struct {
  TdDatabase *db;
  char       *hotel;
  char       *dlx;
} Setup;

static void
setup (Setup *s)
{
  g_autoptr(GError) error = NULL;
  TdProperty hotel = { .name = (char *) " 湖畔酒店 ", .city = (char *) "郑州市", .stars = 4 };
  TdRoomTypeInfo dlx = { .code = (char *) "DLX", .name = (char *) "Deluxe King", .max_adults = 2,
                         .max_children = 1, .beds = (char *) "1 king", .has_price = TRUE };

  s->db = td_test_workspace ("setup.tourdesk", TD_PROFILE_HOTEL);
  s->hotel = td_property_save (s->db, NULL, &hotel, &error);
  g_assert_no_error (error);
  g_assert_true (td_money_parse ("388.00", "CNY", &dlx.base_price, NULL));
  dlx.property_id = s->hotel;
  s->dlx = td_room_type_save (s->db, NULL, &dlx, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_rooms_add (s->db, NULL, s->dlx, "101-110, 1201", &error), ==, 11);
  g_assert_no_error (error);
}

static void
teardown (Setup *s)
{
  g_free (s->hotel);
  g_free (s->dlx);
  g_object_unref (s->db);
}

static void
test_core (void)
{
  Setup s;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hotels = NULL;
  g_autoptr(GPtrArray) types = NULL;
  TdProperty again = { .name = (char *) "湖畔酒店" };
  TdRoomTypeInfo dup = { .code = (char *) "dlx", .name = (char *) "Another" };
  TdRoomTypeInfo *dlx;
  g_autofree char *id = NULL;
  guint before;

  setup (&s);

  /* what was saved, tidied; the counts; the floors */
  hotels = td_properties_list (s.db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hotels->len, ==, 1);
  g_assert_cmpstr (((TdProperty *) hotels->pdata[0])->name, ==, "湖畔酒店");
  g_assert_cmpint (((TdProperty *) hotels->pdata[0])->stars, ==, 4);
  g_assert_cmpuint (((TdProperty *) hotels->pdata[0])->n_rooms, ==, 11);
  types = td_room_types_list (s.db, s.hotel, &error);
  g_assert_no_error (error);
  dlx = g_ptr_array_index (types, 0);
  g_assert_cmpstr (dlx->room_numbers, ==, "101–110, 1201");
  g_assert_cmpint (dlx->base_price.minor, ==, 38800);
  g_assert_cmpstr (dlx->base_price.currency, ==, "CNY");
  g_assert_cmpint (td_test_query_int (s.db, "SELECT floor FROM rooms WHERE number = '1201'"), ==, 12);
  g_assert_cmpint (td_test_query_int (s.db, "SELECT floor FROM rooms WHERE number = '105'"), ==, 1);

  /* refused, naming what; nothing written */
  id = td_property_save (s.db, NULL, &again, &error);
  g_assert_null (id);
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "湖畔酒店"));
  g_clear_error (&error);
  dup.property_id = s.hotel;
  id = td_room_type_save (s.db, NULL, &dup, &error);
  g_assert_null (id);
  g_assert_nonnull (strstr (error->message, "dlx"));
  g_clear_error (&error);
  before = (guint) td_test_query_int (s.db, "SELECT count(*) FROM rooms WHERE deleted = 0");
  g_assert_cmpuint (td_rooms_add (s.db, NULL, s.dlx, "111 112 105", &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "105"));
  g_clear_error (&error);
  g_assert_cmpint (td_test_query_int (s.db, "SELECT count(*) FROM rooms WHERE deleted = 0"), ==, before);

  /* a room type with rooms stays; a removed room comes back when added again */
  g_assert_false (td_room_type_remove (s.db, NULL, s.dlx, &error));
  g_assert_nonnull (strstr (error->message, "still has rooms"));
  g_clear_error (&error);
  {
    g_autofree char *room = td_room_resolve (s.db, s.hotel, "110", &error);
    g_autofree char *sql = g_strdup_printf ("SELECT revision FROM rooms WHERE id = '%s'", room);

    g_assert_true (td_room_remove (s.db, NULL, room, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (td_rooms_add (s.db, NULL, s.dlx, "110", &error), ==, 1);
    g_assert_no_error (error);
    g_assert_cmpint (td_test_query_int (s.db, sql), ==, 4);  /* insert, delete, restore, update */
  }
  g_assert_false (td_property_remove (s.db, NULL, s.hotel, &error));
  g_assert_nonnull (strstr (error->message, "room types"));
  g_clear_error (&error);

  teardown (&s);
}

static void
test_cli (void)
{
  g_autofree char *path = td_test_path ("cli-setup.tourdesk");
  g_auto(TdTestRun) run = { 0 };
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *guest = NULL;

  td_test_cli (&run, "--db", path, "init", "--profile", "hotel", "--name", "Lakeside", NULL);
  g_assert_cmpint (run.status, ==, 0);
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "hotels", "add-type", "--code", "DLX", "--name", "Deluxe", NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
  g_assert_nonnull (strstr (run.err, "hotels add NAME"));
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "hotels", "add", "Lakeside Inn", "--city", "Hangzhou", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = td_test_parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Lakeside Inn");
  g_clear_pointer (&object, json_object_unref);
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "hotels", "add-type", "--code", "DLX", "--name", "Deluxe",
               "--price", "abc", NULL);
  g_assert_cmpint (run.status, ==, 2);
  td_test_assert_one_line_error (&run);
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "hotels", "add-type", "--code", "DLX", "--name", "Deluxe",
               "--price", "420", "--adults", "2", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = td_test_parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "base_price"), "minor"), ==, 42000);
  g_clear_pointer (&object, json_object_unref);
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "hotels", "add-rooms", "--type", "DLX", "201-204", "301", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "5"));
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "hotels", "add-rooms", "--type", "DLX", "204-206", NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
  g_assert_nonnull (strstr (run.err, "204"));
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "hotels", "add-rooms", "201", NULL);
  g_assert_cmpint (run.status, ==, 2);
  td_test_run_clear (&run);

  /* the rooms can be sold at once: a stay tonight holds room 201 */
  td_test_cli (&run, "--db", path, "customers", "add", "--name", "王芳", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = td_test_parse_json (run.out);
  guest = g_strdup (json_object_get_string_member (object, "id"));
  g_clear_pointer (&object, json_object_unref);
  td_test_run_clear (&run);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now (g_time_zone_new_offset (8 * 3600));
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
    g_autofree char *from = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *to = g_date_time_format (later, "%Y-%m-%d");

    td_test_cli (&run, "--db", path, "stays", "book", "--room", "201", "--from", from, "--to", to,
                 "--guest", guest, NULL);
    g_assert_cmpint (run.status, ==, 0);
    td_test_run_clear (&run);
  }
  td_test_cli (&run, "--db", path, "hotels", "remove-room", "201", NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
  g_assert_nonnull (strstr (run.err, "stay"));
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "hotels", "remove-room", "301", NULL);
  g_assert_cmpint (run.status, ==, 0);
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "hotels", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "DLX Deluxe · ¥420.00 a night · up to 2 adults · 4 rooms: 201–204"));
  td_test_run_clear (&run);
}

/* prices by date: weekends and a holiday on top of the price a night,
 * which the plan BAR follows when it changes */
static void
test_seasons (void)
{
  g_autofree char *path = td_test_path ("seasons.tourdesk");
  g_auto(TdTestRun) run = { 0 };
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *weekend = NULL;

  td_test_cli (&run, "--db", path, "init", "--profile", "hotel", "--name", "Lakeside", NULL);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "hotels", "add", "湖畔酒店", NULL);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "hotels", "add-type", "--code", "DLX", "--name", "豪华大床房", "--price", "388", NULL);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "hotels", "add-rooms", "--type", "DLX", "101-105", NULL);
  g_assert_cmpint (run.status, ==, 0);
  td_test_run_clear (&run);

  /* every day of the year is the price a night itself */
  td_test_cli (&run, "--db", path, "hotels", "add-season", "DLX", "--price", "500", NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "hotels", "add-season", "DLX", "--from", "2026-10-01", "--price", "500", NULL);
  g_assert_cmpint (run.status, ==, 2);
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "hotels", "add-season", "DLX", "--name", "周末", "--days", "fri,sat",
               "--price", "488", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = td_test_parse_json (run.out);
  weekend = g_strdup (json_object_get_string_member (object, "id"));
  g_assert_cmpstr (json_object_get_string_member (object, "plan"), ==, "BAR");
  g_clear_pointer (&object, json_object_unref);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "hotels", "add-season", "DLX", "--name", "国庆", "--from", "2026-10-01",
               "--to", "2026-10-07", "--price", "688", NULL);
  g_assert_cmpint (run.status, ==, 0);
  td_test_run_clear (&run);

  /* Thu 1 Oct (holiday), Fri 2 (holiday wins: it has dates), Thu 26 Nov, Fri 27, Sat 28 */
  td_test_cli (&run, "--db", path, "rooms", "availability", "--from", "2026-10-01", "--to", "2026-10-03", NULL);
  g_assert_nonnull (strstr (run.out, "¥1,376.00"));
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "rooms", "availability", "--from", "2026-11-26", "--to", "2026-11-29", NULL);
  g_assert_nonnull (strstr (run.out, "¥1,364.00"));
  td_test_run_clear (&run);

  /* the price a night changes the nights no season covers */
  td_test_cli (&run, "--db", path, "hotels", "edit-type", "DLX", "--price", "400", NULL);
  g_assert_cmpint (run.status, ==, 0);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "rooms", "availability", "--from", "2026-11-26", "--to", "2026-11-29", NULL);
  g_assert_nonnull (strstr (run.out, "¥1,376.00"));
  td_test_run_clear (&run);

  td_test_cli (&run, "--db", path, "hotels", "remove-season", weekend, NULL);
  g_assert_cmpint (run.status, ==, 0);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", path, "hotels", "seasons", "DLX", NULL);
  g_assert_null (strstr (run.out, "周末"));
  g_assert_nonnull (strstr (run.out, "国庆 · 2026-10-01 to 2026-10-07 · ¥688.00 a night"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hotel-setup/numbers", test_numbers);
  g_test_add_func ("/hotel-setup/core", test_core);
  g_test_add_func ("/hotel-setup/cli", test_cli);
  g_test_add_func ("/hotel-setup/seasons", test_seasons);
  return g_test_run ();
}
