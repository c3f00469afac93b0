/* td-test-hotel.c: the fixture hotel of the front-desk tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-test-hotel.h"
#include "td-test-utils.h"

guint32
td_test_date (const char *iso)
{
  guint32 julian = 0;

  g_assert_true (td_date_parse_iso (iso, &julian, NULL));
  return julian;
}

TdDateRange
td_test_range (const char *from,
               const char *to)
{
  TdDateRange r = { td_test_date (from), td_test_date (to) };

  return r;
}

TdDeskTime
td_test_at (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  guint32 julian = td_test_date (iso);
  GDate date;
  g_autoptr(GDateTime) noon = NULL;
  TdDeskTime when;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  noon = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  td_desk_time_init (&when, julian, g_date_time_to_unix (noon) * G_USEC_PER_SEC);
  return when;
}

static TdChange *
insert (GPtrArray  *changes,
        const char *kind)
{
  TdChange *change = td_change_new_insert (kind, NULL);

  g_ptr_array_add (changes, change);
  return change;
}

void
td_test_set_money (TdChange   *change,
                   const char *field,
                   gint64      minor)
{
  TdMoney money;

  td_money_init (&money, minor, "CNY", NULL);
  td_change_set_money (change, field, &money);
}

void
td_test_set_date (TdChange   *change,
                  const char *field,
                  guint32     julian)
{
  g_autofree char *text = td_date_format_iso (julian);

  td_change_set_string (change, field, text);
}

void
td_test_commit (TdDatabase *db,
                GPtrArray  *changes)
{
  g_autoptr(GError) error = NULL;

  td_database_commit (db, "test", changes, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (changes, 0);
}

static TdChange *
add_room (GPtrArray  *changes,
          const char *property,
          const char *type,
          const char *number,
          int         floor)
{
  TdChange *room = insert (changes, "room");

  td_change_set_string (room, "property_id", property);
  td_change_set_string (room, "room_type_id", type);
  td_change_set_string (room, "number", number);
  td_change_set_int (room, "floor", floor);
  return room;
}

static TdChange *
add_season (GPtrArray  *changes,
            const char *plan,
            const char *start,
            const char *end,
            const char *weekdays,
            gint64      price)
{
  TdChange *season = insert (changes, "rate_season");

  td_change_set_string (season, "rate_plan_id", plan);
  if (start)
    {
      td_change_set_string (season, "start_date", start);
      td_change_set_string (season, "end_date", end);
    }
  if (weekdays)
    td_change_set_string (season, "weekdays", weekdays);
  td_test_set_money (season, "price", price);
  return season;
}

static TdChange *
add_restriction (GPtrArray  *changes,
                 const char *plan,
                 const char *start,
                 const char *end)
{
  TdChange *r = insert (changes, "rate_restriction");

  td_change_set_string (r, "rate_plan_id", plan);
  td_change_set_string (r, "start_date", start);
  td_change_set_string (r, "end_date", end);
  return r;
}

TdTestHotel *
td_test_hotel_new (const char *name)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdTestHotel *h = g_new0 (TdTestHotel, 1);
  TdChange *c, *branch_type;
  const char *numbers[] = { "101", "102", "103", "201", "202" };

  h->db = td_test_workspace (name, TD_PROFILE_BOTH);

  c = insert (changes, "property");
  td_change_set_string (c, "name", "测试酒店");
  h->property = g_strdup (td_change_get_id (c));
  c = insert (changes, "property");
  td_change_set_string (c, "name", "分店");
  h->branch = g_strdup (td_change_get_id (c));

  c = insert (changes, "room_type");
  td_change_set_string (c, "property_id", h->property);
  td_change_set_string (c, "code", "STD");
  td_change_set_string (c, "name", "标准间");
  td_change_set_int (c, "max_adults", 3);
  td_change_set_int (c, "max_children", 1);
  td_test_set_money (c, "base_price", 28800);
  h->std = g_strdup (td_change_get_id (c));
  c = insert (changes, "room_type");
  td_change_set_string (c, "property_id", h->property);
  td_change_set_string (c, "code", "DLK");
  td_change_set_string (c, "name", "豪华间");
  td_change_set_int (c, "max_adults", 2);
  td_change_set_int (c, "max_children", 1);
  td_test_set_money (c, "base_price", 45000);
  h->dlk = g_strdup (td_change_get_id (c));
  branch_type = insert (changes, "room_type");
  td_change_set_string (branch_type, "property_id", h->branch);
  td_change_set_string (branch_type, "code", "STD");
  td_change_set_string (branch_type, "name", "标准间");
  td_test_set_money (branch_type, "base_price", 19900);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    h->room[i] = g_strdup (td_change_get_id (add_room (changes, h->property, i < TD_TEST_R201 ? h->std : h->dlk,
                                                       numbers[i], numbers[i][0] - '0')));
  h->branch_room = g_strdup (td_change_get_id (add_room (changes, h->branch, td_change_get_id (branch_type), "101", 1)));

  c = insert (changes, "rate_plan");
  td_change_set_string (c, "room_type_id", h->std);
  td_change_set_string (c, "code", "BAR");
  td_change_set_string (c, "name", "门市价");
  td_test_set_money (c, "base_price", 30000);
  td_change_set_int (c, "base_adults", 2);
  td_test_set_money (c, "extra_adult", 5000);
  td_test_set_money (c, "extra_child", 3000);
  td_change_set_int (c, "max_nights", 14);
  td_change_set_int (c, "cancel_free_days", 2);
  td_change_set_string (c, "cancel_penalty", "first-night");
  h->bar = g_strdup (td_change_get_id (c));
  c = insert (changes, "rate_plan");
  td_change_set_string (c, "room_type_id", h->std);
  td_change_set_string (c, "code", "NRF");
  td_change_set_string (c, "name", "不可退");
  td_test_set_money (c, "base_price", 27000);
  td_change_set_string (c, "cancel_penalty", "percent");
  td_change_set_int (c, "cancel_percent", 100);
  h->nrf = g_strdup (td_change_get_id (c));

  add_season (changes, h->bar, NULL, NULL, "0000110", 36000);
  add_season (changes, h->bar, "2026-07-01", "2026-09-01", NULL, 40000);
  add_season (changes, h->bar, "2026-07-01", "2026-09-01", "0000110", 45000);
  add_season (changes, h->bar, "2026-08-14", "2026-08-16", NULL, 50000);
  c = add_season (changes, h->bar, "2026-10-01", "2026-10-08", NULL, 60000);
  td_test_set_money (c, "extra_adult", 8000);
  td_change_set_int (add_restriction (changes, h->bar, "2026-10-01", "2026-10-04"), "min_nights", 3);
  td_change_set_bool (add_restriction (changes, h->bar, "2026-10-05", "2026-10-06"), "closed_to_arrival", TRUE);
  td_change_set_bool (add_restriction (changes, h->bar, "2026-10-07", "2026-10-08"), "closed_to_departure", TRUE);
  td_change_set_bool (add_restriction (changes, h->bar, "2026-12-24", "2026-12-26"), "closed", TRUE);
  td_change_set_bool (add_restriction (changes, h->nrf, "2026-10-01", "2026-10-08"), "closed", TRUE);

  c = insert (changes, "tax_fee");
  td_change_set_string (c, "property_id", h->property);
  td_change_set_string (c, "name", "增值税");
  td_change_set_string (c, "basis", "percent");
  td_change_set_int (c, "rate_bp", 600);
  td_change_set_bool (c, "included", TRUE);
  c = insert (changes, "tax_fee");
  td_change_set_string (c, "property_id", h->property);
  td_change_set_string (c, "name", "服务费");
  td_change_set_string (c, "basis", "percent");
  td_change_set_int (c, "rate_bp", 1000);
  c = insert (changes, "tax_fee");
  td_change_set_string (c, "property_id", h->property);
  td_change_set_string (c, "name", "旅游发展费");
  td_change_set_string (c, "basis", "per-guest-night");
  td_test_set_money (c, "amount", 200);

  c = insert (changes, "customer");
  td_change_set_string (c, "party", "person");
  td_change_set_string (c, "name", "王伟");
  h->guest = g_strdup (td_change_get_id (c));
  c = insert (changes, "customer");
  td_change_set_string (c, "party", "organisation");
  td_change_set_string (c, "name", "中原国际旅行社");
  h->agency = g_strdup (td_change_get_id (c));

  td_test_commit (h->db, changes);
  return h;
}

void
td_test_hotel_free (TdTestHotel *h)
{
  g_autoptr(GPtrArray) results = td_database_check (h->db, NULL);

  /* whatever a test did, the workspace keeps its promises */
  for (guint i = 0; i < results->len; i++)
    {
      TdCheckResult *r = g_ptr_array_index (results, i);

      if (!r->ok)
        g_error ("%s: %s", r->name, r->detail);
    }
  g_object_unref (h->db);
  g_free (h->property);
  g_free (h->branch);
  g_free (h->branch_room);
  g_free (h->std);
  g_free (h->dlk);
  g_free (h->bar);
  g_free (h->nrf);
  g_free (h->guest);
  g_free (h->agency);
  for (guint i = 0; i < G_N_ELEMENTS (h->room); i++)
    g_free (h->room[i]);
  g_free (h);
}
