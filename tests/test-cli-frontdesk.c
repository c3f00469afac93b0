/* test-cli-frontdesk.c: tourdesk-cli rooms and stays, as a script or a
 * night clerk uses them; two tourdesk-cli processes booking the same nights
 *
 * The workspace is the fixture hotel of td-test-hotel.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "td-test-hotel.h"
#include "td-test-utils.h"

static const char *
path_of (TdTestHotel *h)
{
  return td_database_get_path (h->db);
}

static void
assert_usage (TdTestRun *run)
{
  g_assert_cmpint (run->status, ==, 2);
  td_test_assert_one_line_error (run);
}

static void
test_usage (void)
{
  const char *groups[] = { "rooms", "stays", "folio", "calendar" };
  const char *subcommands[] = {
    "rooms list", "rooms availability", "stays book", "stays list", "stays confirm", "stays cancel",
    "stays checkin", "stays checkout", "stays no-show", "stays move", "stays dates", "stays registrations",
    "rooms housekeeping", "rooms clean", "rooms inspect", "rooms dirty",
    "folio show", "folio charge", "folio pay", "folio deposit", "folio refund", "folio move", "folio split",
    "folio post-nights", "calendar export", "calendar import", "calendar events",
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_auto(TdTestRun) r = { 0 };
      g_auto(TdTestRun) bare = { 0 };

      td_test_cli (&r, groups[i], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, (const char *[]) { "list", "list", "show", "export" }[i]));
      td_test_cli (&bare, groups[i], NULL);
      assert_usage (&bare);
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      g_auto(GStrv) words = g_strsplit (subcommands[i], " ", 2);
      g_auto(TdTestRun) r = { 0 };

      td_test_cli (&r, words[0], words[1], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "--db"));
    }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--help", NULL);
    g_assert_nonnull (strstr (r.out, "rooms"));
    g_assert_nonnull (strstr (r.out, "stays"));
  }
}

static void
test_bad_input (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("cli-bad.tourdesk");
  const char *db = path_of (h);
  struct {
    const char *args[12];
  } usage[] = {
    { { "rooms", "availability", "--from", "2026-05-04", NULL } },
    { { "rooms", "availability", "--from", "2026-05-04", "--to", "2026-05-04", NULL } },
    { { "rooms", "availability", "--from", "2026/05/04", "--to", "2026-05-06", NULL } },
    { { "rooms", "availability", "--from", "2026-05-04", "--to", "2026-05-06", "--adults", "0", NULL } },
    { { "stays", "book", "--room", "101", "--from", "2026-05-04", "--to", "2026-05-06", NULL } },
    { { "stays", "book", "--type", "STD", "--from", "2026-05-04", "--to", "2026-05-06", "--guest", h->guest, "--overbook", NULL } },
    { { "stays", "book", "--room", "101", "--from", "2026-05-06", "--to", "2026-05-04", "--guest", h->guest, NULL } },
    { { "stays", "list", "--to", "2026-05-06", NULL } },
    { { "stays", "list", "--state", "sleeping", NULL } },
    { { "stays", "cancel", NULL } },
    { { "stays", "frobnicate", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_auto(TdTestRun) r = { 0 };
      const char **args = usage[i].args;

      td_test_cli (&r, "--db", db, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7],
                   args[8], args[9], args[10], args[11], NULL);
      g_test_message ("%s %s: %s", args[0], args[1], r.err);
      assert_usage (&r);
    }

  {
    /* the fixture has STD in both hotels: say which */
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "stays", "book", "--type", "STD", "--from", "2026-05-04", "--to", "2026-05-06",
                 "--guest", h->guest, NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
    g_assert_nonnull (strstr (r.err, "分店"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "stays", "book", "--room", "999", "--property", "测试酒店", "--from", "2026-05-04",
                 "--to", "2026-05-06", "--guest", h->guest, NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
    g_assert_nonnull (strstr (r.err, "999"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "stays", "checkin", "00000000-0000-4000-8000-000000000000", "--guest", h->guest, NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
  }
}

static char *
book (const char *db,
      const char *room,
      const char *from,
      const char *to,
      const char *guest)
{
  g_auto(TdTestRun) r = { 0 };

  td_test_cli (&r, "--db", db, "stays", "book", "--property", "测试酒店", "--room", room, "--from", from, "--to", to,
               "--guest", guest, "--source", "phone", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_uuid_string_is_valid (g_strstrip (r.out)));
  return g_strdup (r.out);
}

/* 王伟 shows his identity card: he may be checked in */
static void
give_papers (TdTestHotel *h)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(JsonObject) guest = td_database_get_record (h->db, "customer", h->guest, NULL);
  TdChange *change = td_change_new_update ("customer", h->guest, json_object_get_int_member (guest, "revision"));
  g_autofree char *number = g_strdup_printf ("41010519880312001%c", td_id_number_check_char ("41010519880312001"));

  td_change_set_string (change, "id_type", "resident-id");
  td_change_set_string (change, "id_number", number);
  g_ptr_array_add (changes, change);
  td_test_commit (h->db, changes);
}

static void
test_rooms (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("cli-rooms.tourdesk");
  const char *db = path_of (h);
  g_autofree char *stay = book (db, "101", "2026-05-04", "2026-05-06", h->guest);

  {
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) json = NULL;
    JsonArray *rooms;

    td_test_cli (&r, "--db", db, "rooms", "list", "--property", "测试", "--date", "2026-05-05", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    json = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (json, "count"), ==, 5);
    rooms = json_object_get_array_member (json, "rooms");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rooms, 0), "status"), ==, "taken");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rooms, 0), "guest"), ==, "王伟");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rooms, 1), "status"), ==, "free");
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "rooms", "list", "--date", "2026-05-05", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "分店"));
    g_assert_nonnull (strstr (r.out, "王伟"));
  }
  {
    /* the 4th to the 7th, everywhere */
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) json = NULL;
    JsonArray *types;

    td_test_cli (&r, "--db", db, "rooms", "availability", "--from", "2026-05-04", "--to", "2026-05-07",
                 "--adults", "2", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    json = td_test_parse_json (r.out);
    types = json_object_get_array_member (json, "room_types");
    g_assert_cmpuint (json_array_get_length (types), ==, 3);
    for (guint i = 0; i < json_array_get_length (types); i++)
      {
        JsonObject *t = json_array_get_object_element (types, i);

        if (g_str_equal (json_object_get_string_member (t, "room_type_id"), h->std))
          {
            JsonObject *best = json_object_get_object_member (t, "best");

            g_assert_cmpint (json_object_get_int_member (t, "rooms"), ==, 3);
            g_assert_cmpint (json_object_get_int_member (t, "free"), ==, 2);
            g_assert_true (json_object_get_boolean_member (t, "bookable"));
            g_assert_cmpstr (json_object_get_string_member (best, "code"), ==, "NRF");
            g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (best, "rooms"), "amount"),
                             ==, "810.00");
          }
      }
  }
  {
    /* Golden Week, two nights of STD: why not */
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) json = NULL;
    JsonObject *t;

    td_test_cli (&r, "--db", db, "rooms", "availability", "--from", "2026-10-01", "--to", "2026-10-03",
                 "--property", "测试酒店", "--type", "std", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    json = td_test_parse_json (r.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "room_types")), ==, 1);
    t = json_array_get_object_element (json_object_get_array_member (json, "room_types"), 0);
    g_assert_false (json_object_get_boolean_member (t, "bookable"));
    g_assert_nonnull (json_object_get_string_member (t, "why_not"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "rooms", "availability", "--from", "2026-05-04", "--to", "2026-05-07",
                 "--property", "测试酒店", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "STD"));
    g_assert_nonnull (strstr (r.out, "102 103"));
  }
}

static void
test_stays (void)
{
  /*        4  5  6  7
   *  101  [A  A) .  .      booked, checked in on the 4th, out early on the 5th
   *  101   . [B  B)        refused (A has the 5th), then booked once A has left
   *  102  [C  C  C)        by type; cancelled
   */
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("cli-stays.tourdesk");
  const char *db = path_of (h);
  g_autofree char *a = book (db, "101", "2026-05-04", "2026-05-06", h->guest);
  g_autofree char *c = NULL;

  g_strstrip (a);
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", db, "stays", "book", "--property", "测试酒店", "--room", "101", "--from", "2026-05-05",
                 "--to", "2026-05-07", "--guest", h->guest, NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
    g_assert_cmpstr (r.out, ==, "");
    g_assert_nonnull (strstr (r.err, "101"));
    g_assert_nonnull (strstr (r.err, "2026-05-05"));
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&r, "--db", db, "stays", "book", "--property", "测试酒店", "--type", "STD", "--from", "2026-05-04",
                 "--to", "2026-05-07", "--guest", h->guest, "--adults", "2", "--children", "1", "--rate", "bar",
                 "--name", "王芳", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    json = td_test_parse_json (r.out);
    c = g_strdup (json_object_get_string_member (json, "id"));
    g_assert_cmpstr (json_object_get_string_member (json, "room"), ==, "102");
    g_assert_cmpstr (json_object_get_string_member (json, "guest"), ==, "王芳");
    g_assert_cmpint (json_object_get_int_member (json, "nights"), ==, 3);
    /* ¥330 a night: two adults and a child */
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json, "total"), "minor"), ==, 99000);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&r, "--db", db, "stays", "list", "--room", "101", "--property", "测试酒店", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    json = td_test_parse_json (r.out);
    g_assert_cmpint (json_object_get_int_member (json, "count"), ==, 1);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&r, "--db", db, "stays", "list", "--from", "2026-05-06", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    json = td_test_parse_json (r.out);
    /* only C is in house the night of the 6th */
    g_assert_cmpint (json_object_get_int_member (json, "count"), ==, 1);
  }
  {
    g_auto(TdTestRun) early = { 0 };
    g_auto(TdTestRun) nobody = { 0 };
    g_auto(TdTestRun) no_papers = { 0 };
    g_auto(TdTestRun) in = { 0 };
    g_auto(TdTestRun) owes = { 0 };
    g_auto(TdTestRun) pay = { 0 };
    g_auto(TdTestRun) out = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&early, "--db", db, "stays", "checkin", a, "--guest", h->guest, "--date", "2026-05-03", NULL);
    g_assert_cmpint (early.status, ==, 1);
    td_test_assert_one_line_error (&early);
    /* every guest in the room is registered: none given is a usage error;
     * 王伟 without papers is refused, with his name */
    td_test_cli (&nobody, "--db", db, "stays", "checkin", a, "--date", "2026-05-04", NULL);
    assert_usage (&nobody);
    td_test_cli (&no_papers, "--db", db, "stays", "checkin", a, "--guest", h->guest, "--date", "2026-05-04", NULL);
    g_assert_cmpint (no_papers.status, ==, 1);
    td_test_assert_one_line_error (&no_papers);
    g_assert_nonnull (strstr (no_papers.err, "王伟: no identity document on file"));
    give_papers (h);
    td_test_cli (&in, "--db", db, "stays", "checkin", a, "--guest", h->guest, "--date", "2026-05-04", NULL);
    g_assert_cmpint (in.status, ==, 0);
    g_assert_nonnull (strstr (in.out, "王伟"));
    g_assert_nonnull (strstr (in.out, "410105********"));   /* the number masked on screen */
    /* leaving early on the 5th: one night of ¥300 is owed */
    td_test_cli (&owes, "--db", db, "stays", "checkout", a, "--date", "2026-05-05", NULL);
    g_assert_cmpint (owes.status, ==, 1);
    td_test_assert_one_line_error (&owes);
    g_assert_nonnull (strstr (owes.err, "¥300.00"));
    td_test_cli (&pay, "--db", db, "folio", "pay", a, "--amount", "300", "--method", "cash", NULL);
    g_assert_cmpint (pay.status, ==, 0);
    td_test_cli (&out, "--db", db, "stays", "checkout", a, "--date", "2026-05-05", "--json", NULL);
    g_assert_cmpint (out.status, ==, 0);
    json = td_test_parse_json (out.out);
    g_assert_cmpstr (json_object_get_string_member (json, "state"), ==, "checked_out");
    g_assert_cmpstr (json_object_get_string_member (json, "departure"), ==, "2026-05-05");
  }
  {
    /* the room A left is dirty; cleaned, then inspected */
    g_auto(TdTestRun) list = { 0 };
    g_auto(TdTestRun) inspect = { 0 };
    g_auto(TdTestRun) clean = { 0 };
    g_auto(TdTestRun) again = { 0 };
    g_autoptr(JsonObject) json = NULL;
    JsonObject *first;

    td_test_cli (&list, "--db", db, "rooms", "housekeeping", "--property", "测试酒店", "--date", "2026-05-05", "--json", NULL);
    g_assert_cmpint (list.status, ==, 0);
    json = td_test_parse_json (list.out);
    first = json_array_get_object_element (json_object_get_array_member (json, "rooms"), 0);
    g_assert_cmpstr (json_object_get_string_member (first, "number"), ==, "101");
    g_assert_cmpstr (json_object_get_string_member (first, "housekeeping"), ==, "dirty");
    g_assert_true (json_object_get_boolean_member (first, "departure"));
    td_test_cli (&inspect, "--db", db, "rooms", "inspect", "101", "--property", "测试酒店", NULL);
    g_assert_cmpint (inspect.status, ==, 1);
    td_test_assert_one_line_error (&inspect);
    td_test_cli (&clean, "--db", db, "rooms", "clean", "101", "--property", "测试酒店", NULL);
    g_assert_cmpint (clean.status, ==, 0);
    td_test_cli (&again, "--db", db, "rooms", "inspect", "101", "--property", "测试酒店", "--json", NULL);
    g_assert_cmpint (again.status, ==, 0);
  }
  {
    /* the night of the 5th is free at once */
    g_autofree char *b = book (db, "101", "2026-05-05", "2026-05-07", h->guest);

    g_assert_nonnull (b);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_auto(TdTestRun) again = { 0 };

    td_test_cli (&r, "--db", db, "stays", "cancel", c, "--date", "2026-05-03", NULL);
    g_assert_cmpint (r.status, ==, 0);
    /* a day before: the first night, ¥330 */
    g_assert_nonnull (strstr (r.out, "330.00"));
    td_test_cli (&again, "--db", db, "stays", "cancel", c, NULL);
    g_assert_cmpint (again.status, ==, 1);
    td_test_assert_one_line_error (&again);
  }
  {
    /* a manager's override, recorded */
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&r, "--db", db, "stays", "book", "--property", "测试酒店", "--type", "DLK", "--from", "2026-05-04",
                 "--to", "2026-05-05", "--guest", h->guest, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_clear_pointer (&r.out, g_free);
    g_clear_pointer (&r.err, g_free);
    td_test_cli (&r, "--db", db, "stays", "book", "--property", "测试酒店", "--type", "DLK", "--from", "2026-05-04",
                 "--to", "2026-05-05", "--guest", h->guest, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_clear_pointer (&r.out, g_free);
    g_clear_pointer (&r.err, g_free);
    td_test_cli (&r, "--db", db, "stays", "book", "--property", "测试酒店", "--type", "DLK", "--from", "2026-05-04",
                 "--to", "2026-05-05", "--guest", h->guest, NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
    g_clear_pointer (&r.out, g_free);
    g_clear_pointer (&r.err, g_free);
    td_test_cli (&r, "--db", db, "stays", "book", "--property", "测试酒店", "--type", "DLK", "--from", "2026-05-04",
                 "--to", "2026-05-05", "--guest", h->guest, "--overbook", "--reason", "老客户", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    json = td_test_parse_json (r.out);
    g_assert_true (json_object_get_boolean_member (json, "overbooked"));
    g_assert_true (json_object_get_null_member (json, "room"));
    g_assert_cmpstr (json_object_get_string_member (json, "override_reason"), ==, "老客户");
  }
}

/* Two tourdesk-cli processes started together for the same room: one gets
 * it, the other exits 1 saying who has it. */
/* the folio from the command line, as the night clerk uses it
 *
 *        4  5  6  7
 *  101  [A  A  A)        in house from the 4th: ¥300 a night
 *  102  [B  B  B)        his colleague next door
 */
static void
test_folio (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("cli-folio.tourdesk");
  const char *db = path_of (h);
  g_autofree char *a = book (db, "101", "2026-05-04", "2026-05-07", h->guest);
  g_autofree char *b = book (db, "102", "2026-05-04", "2026-05-07", h->guest);
  g_autofree char *minibar = NULL;

  g_strstrip (a);
  g_strstrip (b);
  give_papers (h);
  {
    g_auto(TdTestRun) in = { 0 };
    g_auto(TdTestRun) in_b = { 0 };

    td_test_cli (&in, "--db", db, "stays", "checkin", a, "--guest", h->guest, "--date", "2026-05-04", "--json", NULL);
    g_assert_cmpint (in.status, ==, 0);
    g_assert_nonnull (strstr (in.out, "\"submission\" : \"pending\""));
    td_test_cli (&in_b, "--db", db, "stays", "checkin", b, "--guest", h->guest, "--date", "2026-05-04", NULL);
    g_assert_cmpint (in_b.status, ==, 0);
  }
  /* bad input: one line each, nothing posted */
  {
    struct { const char *args[12]; int status; const char *says; } bad[] = {
      { { "folio", "charge", a, "--amount", "12", NULL }, 2, "--category" },
      { { "folio", "charge", a, "--amount", "abc", "--category", "minibar", NULL }, 2, "--amount" },
      { { "folio", "charge", a, "--amount", "1.234", "--category", "minibar", NULL }, 2, "--amount" },
      { { "folio", "charge", a, "--amount", "12", "--category", "spa", NULL }, 1, "minibar" },
      { { "folio", "pay", a, "--amount", "12", NULL }, 2, "wechat-pay" },
      { { "folio", "pay", a, "--amount", "12", "--method", "cheque", NULL }, 1, "alipay" },
      { { "folio", "pay", a, "--amount", "-5", "--method", "cash", NULL }, 1, "more than zero" },
      { { "folio", "refund", a, "--amount", "1", "--method", "cash", NULL }, 1, "¥0.00" },
      { { "folio", "pay", a, "--amount", "5", "--method", "cash", "--folio", "0", NULL }, 2, "--folio" },
      { { "folio", "show", "00000000-0000-4000-8000-000000000000", NULL }, 1, "00000000" },
      { { "folio", "move", "00000000-0000-4000-8000-000000000000", "--to-folio", "2", NULL }, 1, "00000000" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(TdTestRun) r = { 0 };
        const char *argv[16] = { g_getenv ("TD_CLI"), "--db", db };

        for (guint j = 0; bad[i].args[j]; j++)
          argv[3 + j] = bad[i].args[j];
        td_test_spawn (&r, argv);
        g_assert_cmpint (r.status, ==, bad[i].status);
        td_test_assert_one_line_error (&r);
        if (strstr (r.err, bad[i].says) == NULL)
          g_error ("%s: “%s” does not say “%s”", bad[i].args[1], r.err, bad[i].says);
      }
    g_assert_cmpint (td_test_query_int (h->db, "SELECT count(*) FROM folio_entries"), ==, 0);
  }
  {
    g_auto(TdTestRun) deposit = { 0 };
    g_auto(TdTestRun) charge = { 0 };
    g_auto(TdTestRun) audit = { 0 };
    g_auto(TdTestRun) again = { 0 };
    g_auto(TdTestRun) show = { 0 };
    g_auto(TdTestRun) text = { 0 };
    g_autoptr(JsonObject) json = NULL;
    JsonObject *folio;

    td_test_cli (&deposit, "--db", db, "folio", "deposit", a, "--amount", "500", "--method", "wechat-pay",
                 "--reference", "4200001234", NULL);
    g_assert_cmpint (deposit.status, ==, 0);
    td_test_cli (&charge, "--db", db, "folio", "charge", a, "--amount", "35.5", "--category", "minibar",
                 "--description", "啤酒两瓶", "--json", NULL);
    g_assert_cmpint (charge.status, ==, 0);
    json = td_test_parse_json (charge.out);
    minibar = g_strdup (json_object_get_string_member (json, "id"));
    g_clear_pointer (&json, json_object_unref);
    /* the morning of the 6th: two nights for each room, once */
    td_test_cli (&audit, "--db", db, "folio", "post-nights", "--date", "2026-05-06", NULL);
    g_assert_cmpint (audit.status, ==, 0);
    g_assert_cmpstr (audit.out, ==, "4 nights posted\n");
    td_test_cli (&again, "--db", db, "folio", "post-nights", "--date", "2026-05-06", "--json", NULL);
    g_assert_nonnull (strstr (again.out, "\"posted\" : 0"));

    td_test_cli (&show, "--db", db, "folio", "show", a, "--json", NULL);
    g_assert_cmpint (show.status, ==, 0);
    json = td_test_parse_json (show.out);
    /* 600 + 35.50 − 500 */
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json, "balance"), "minor"), ==, 13550);
    g_assert_cmpint (json_object_get_int_member (json, "nights_unposted"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json, "balance_at_departure"), "minor"),
                     ==, 43550);
    folio = json_array_get_object_element (json_object_get_array_member (json, "folios"), 0);
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (folio, "entries")), ==, 4);
    td_test_cli (&text, "--db", db, "folio", "show", a, NULL);
    g_assert_cmpint (text.status, ==, 0);
    g_test_message ("%s", text.out);
    g_assert_nonnull (strstr (text.out, "Deposit · WeChat Pay"));
    g_assert_nonnull (strstr (text.out, "啤酒两瓶"));
    g_assert_nonnull (strstr (text.out, "¥435.50"));
  }
  /* the minibar goes to a folio of its own, then to room 102 */
  {
    g_auto(TdTestRun) split = { 0 };
    g_auto(TdTestRun) move = { 0 };
    g_auto(TdTestRun) show = { 0 };
    g_autoptr(JsonObject) json = NULL;

    td_test_cli (&split, "--db", db, "folio", "split", a, "--label", "自费", "--entry", minibar, NULL);
    g_assert_cmpint (split.status, ==, 0);
    g_assert_cmpstr (split.out, ==, "2\n");
    td_test_cli (&move, "--db", db, "folio", "move", minibar, "--to-stay", b, NULL);
    g_assert_cmpint (move.status, ==, 0);
    td_test_cli (&show, "--db", db, "folio", "show", b, "--json", NULL);
    json = td_test_parse_json (show.out);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json, "balance"), "minor"), ==, 63550);
  }
  /* out on the 7th: ¥400 owed; a manager lets the guest go */
  {
    g_auto(TdTestRun) owes = { 0 };
    g_auto(TdTestRun) half = { 0 };
    g_auto(TdTestRun) out = { 0 };
    g_auto(TdTestRun) show = { 0 };
    g_autoptr(JsonObject) json = NULL;
    JsonObject *folio;

    td_test_cli (&owes, "--db", db, "stays", "checkout", a, "--date", "2026-05-07", NULL);
    g_assert_cmpint (owes.status, ==, 1);
    g_assert_nonnull (strstr (owes.err, "¥400.00"));
    td_test_cli (&half, "--db", db, "stays", "checkout", a, "--date", "2026-05-07", "--override-by", "刘经理", NULL);
    assert_usage (&half);
    td_test_cli (&out, "--db", db, "stays", "checkout", a, "--date", "2026-05-07", "--override-by", "刘经理",
                 "--reason", "公司月结", NULL);
    g_assert_cmpint (out.status, ==, 0);
    td_test_cli (&show, "--db", db, "folio", "show", a, "--json", NULL);
    json = td_test_parse_json (show.out);
    folio = json_array_get_object_element (json_object_get_array_member (json, "folios"), 0);
    g_assert_cmpstr (json_object_get_string_member (folio, "override_by"), ==, "刘经理");
    g_assert_cmpstr (json_object_get_string_member (folio, "override_reason"), ==, "公司月结");
  }
  /* the papers, as PDF, read back */
  {
    g_autofree char *folio_pdf = td_test_path ("folio.pdf");
    g_autofree char *receipt_pdf = td_test_path ("receipt.pdf");
    g_autofree char *card_pdf = td_test_path ("card.pdf");
    g_autofree char *list_pdf = td_test_path ("housekeeping.pdf");
    g_auto(TdTestRun) folio = { 0 };
    g_auto(TdTestRun) receipt = { 0 };
    g_auto(TdTestRun) card = { 0 };
    g_auto(TdTestRun) list = { 0 };
    g_auto(TdTestRun) nowhere = { 0 };
    g_autofree char *text = NULL;

    td_test_cli (&folio, "--db", db, "folio", "print", a, "--out", folio_pdf, NULL);
    g_assert_cmpint (folio.status, ==, 0);
    text = td_test_pdf_text (folio_pdf);
    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "Guest folio"));
    g_assert_nonnull (strstr (text, "4200001234"));
    g_assert_nonnull (strstr (text, "¥400.00"));
    g_assert_nonnull (strstr (text, "刘经理"));
    g_clear_pointer (&text, g_free);

    td_test_cli (&receipt, "--db", db, "folio", "print", a, "--receipt", "--out", receipt_pdf, NULL);
    g_assert_cmpint (receipt.status, ==, 0);
    text = td_test_pdf_text (receipt_pdf);
    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "Receipt"));
    g_assert_nonnull (strstr (text, "¥900.00"));   /* three nights charged */
    g_assert_nonnull (strstr (text, "¥500.00"));   /* the deposit */
    g_clear_pointer (&text, g_free);

    td_test_cli (&card, "--db", db, "stays", "registration-card", a, "--out", card_pdf, NULL);
    g_assert_cmpint (card.status, ==, 0);
    text = td_test_pdf_text (card_pdf);
    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "Registration card"));
    g_assert_nonnull (strstr (text, "王伟"));
    g_assert_nonnull (strstr (text, "41010519880312001"));
    /* born and sex read from the identity card for the registration */
    g_assert_nonnull (strstr (text, "1988-03-12"));
    g_assert_nonnull (strstr (text, "Male"));
    g_clear_pointer (&text, g_free);

    td_test_cli (&list, "--db", db, "rooms", "housekeeping", "--property", "测试酒店", "--date", "2026-05-07",
                 "--print", list_pdf, NULL);
    g_assert_cmpint (list.status, ==, 0);
    text = td_test_pdf_text (list_pdf);
    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "2026-05-07"));
    g_assert_nonnull (strstr (text, "Departure: clean"));

    td_test_cli (&nowhere, "--db", db, "folio", "print", a, NULL);
    assert_usage (&nowhere);
  }
}

/* calendar export and import from the command line
 *
 *        12 13 14 15 … 25 26 27 … 29 30 31
 *   101  [S  S) .        .  .      .  .       S: booked; exported as room-101.ics
 *   101  <X  X  X>       {C  C}    {D  D}     Booking.com's feed: X in conflict with S
 */
static void
test_calendar (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("cli-calendar.tourdesk");
  const char *db = path_of (h);
  g_autofree char *s = book (db, "101", "2026-05-12", "2026-05-14", h->guest);
  g_autofree char *out = td_test_path ("room-101.ics");
  g_autofree char *feed = g_test_build_filename (G_TEST_DIST, "data", "ical", "booking-101.ics", NULL);
  g_autofree char *bad = td_test_path ("bad.ics");

  g_strstrip (s);
  {
    g_auto(TdTestRun) r = { 0 };
    g_autofree char *text = NULL;
    g_autofree char *uid = g_strdup_printf ("UID:%s\r\n", s);

    td_test_cli (&r, "--db", db, "calendar", "export", "--room", "101", "--property", "测试酒店", "--out", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, uid));
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_auto(TdTestRun) again = { 0 };
    g_auto(TdTestRun) events = { 0 };
    g_autoptr(JsonObject) json = NULL;
    JsonObject *conflict;

    td_test_cli (&r, "--db", db, "calendar", "import", feed, "--room", "101", "--property", "测试酒店", "--date", "2026-05-10", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    json = td_test_parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (json, "feed"), ==, "Booking.com");
    g_assert_cmpint (json_object_get_int_member (json, "added"), ==, 2);
    conflict = json_array_get_object_element (json_object_get_array_member (json, "conflicts"), 0);
    g_assert_cmpstr (json_object_get_string_member (conflict, "conflict_stay_id"), ==, s);
    g_clear_pointer (&json, json_object_unref);
    /* read again: nothing new */
    td_test_cli (&again, "--db", db, "calendar", "import", feed, "--room", "101", "--property", "测试酒店", "--date", "2026-05-10", NULL);
    g_assert_cmpint (again.status, ==, 0);
    g_assert_nonnull (strstr (again.out, "0 new holds, 0 moved, 3 unchanged"));
    td_test_cli (&events, "--db", db, "calendar", "events", "--conflicts", "--json", NULL);
    json = td_test_parse_json (events.out);
    g_assert_cmpint (json_object_get_int_member (json, "count"), ==, 1);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_auto(TdTestRun) missing = { 0 };
    g_auto(TdTestRun) no_room = { 0 };

    g_assert_true (g_file_set_contents (bad, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n", -1, NULL));
    td_test_cli (&r, "--db", db, "calendar", "import", bad, "--room", "101", "--property", "测试酒店", NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
    g_assert_nonnull (strstr (r.err, "bad.ics, line 4: END:VCALENDAR, but BEGIN:VEVENT of line 2 is still open"));
    td_test_cli (&missing, "--db", db, "calendar", "import", "/nonexistent/feed.ics", "--room", "101", NULL);
    g_assert_cmpint (missing.status, ==, 1);
    td_test_assert_one_line_error (&missing);
    td_test_cli (&no_room, "--db", db, "calendar", "import", feed, NULL);
    assert_usage (&no_room);
  }
}

static void
test_two_processes (void)
{
  g_autoptr(TdTestHotel) h = td_test_hotel_new ("cli-race.tourdesk");
  const char *cli = g_getenv ("TD_CLI");
  guint32 first = td_test_date ("2026-06-01");

  g_assert_nonnull (cli);
  for (guint round = 0; round < 5; round++)
    {
      GPid pids[2];
      int outs[2], errs[2];
      int won = 0, lost = 0;

      for (guint p = 0; p < 2; p++)
        {
          /*          d  d+1 d+2
           *  101    [P  P)          one process
           *  101       [Q   Q)      the other: the night d+1 is both's */
          g_autofree char *from = td_date_format_iso (first + round * 4 + p);
          g_autofree char *to = td_date_format_iso (first + round * 4 + p + 2);
          const char *argv[] = { cli, "--db", td_database_get_path (h->db), "stays", "book", "--property", "测试酒店",
                                 "--room", "101", "--from", from, "--to", to, "--guest", h->guest, NULL };
          g_autoptr(GError) error = NULL;

          g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                    &pids[p], NULL, &outs[p], &errs[p], &error);
          g_assert_no_error (error);
        }
      for (guint p = 0; p < 2; p++)
        {
          int status = 0;
          g_autoptr(GIOChannel) channel = g_io_channel_unix_new (errs[p]);
          g_autofree char *err = NULL;

          g_io_channel_read_to_end (channel, &err, NULL, NULL);
          g_assert_cmpint (waitpid (pids[p], &status, 0), ==, pids[p]);
          g_spawn_close_pid (pids[p]);
          close (outs[p]);
          close (errs[p]);
          g_assert_true (WIFEXITED (status));
          if (WEXITSTATUS (status) == 0)
            won++;
          else
            {
              g_assert_cmpint (WEXITSTATUS (status), ==, 1);
              g_assert_nonnull (strstr (err, "101"));
              lost++;
            }
        }
      g_assert_cmpint (won, ==, 1);
      g_assert_cmpint (lost, ==, 1);
    }
  g_assert_cmpint (td_database_count (h->db, "stay", NULL), ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-frontdesk/usage", test_usage);
  g_test_add_func ("/cli-frontdesk/bad-input", test_bad_input);
  g_test_add_func ("/cli-frontdesk/rooms", test_rooms);
  g_test_add_func ("/cli-frontdesk/stays", test_stays);
  g_test_add_func ("/cli-frontdesk/folio", test_folio);
  g_test_add_func ("/cli-frontdesk/calendar", test_calendar);
  g_test_add_func ("/cli-frontdesk/two-processes", test_two_processes);
  return g_test_run ();
}
