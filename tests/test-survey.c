/* test-survey.c: survey answers at the desk and from a spreadsheet, NPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "td-test-hotel.h"
#include "td-test-utils.h"

static TdTestHotel *
hotel_new (void)
{
  static int serial;
  g_autofree char *name = g_strdup_printf ("survey-%d.tourdesk", ++serial);

  return td_test_hotel_new (name);
}

/* a checked-out stay of 王伟 in 101, 2026-03-01 to 03 */
static char *
add_stay (TdTestHotel *h)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdChange *r = td_change_new_insert ("reservation", NULL);
  TdChange *s = td_change_new_insert ("stay", NULL);
  char *id = g_strdup (td_change_get_id (s));

  td_change_set_string (r, "property_id", h->property);
  td_change_set_string (r, "customer_id", h->guest);
  td_change_set_string (r, "source", "phone");
  td_change_set_string (s, "reservation_id", td_change_get_id (r));
  td_change_set_string (s, "property_id", h->property);
  td_change_set_string (s, "room_type_id", h->std);
  td_change_set_string (s, "room_id", h->room[TD_TEST_R101]);
  td_change_set_string (s, "arrival", "2026-03-01");
  td_change_set_string (s, "departure", "2026-03-03");
  td_change_set_int (s, "adults", 2);
  td_change_set_string (s, "state", "checked_out");
  td_change_set_string (s, "nightly_prices", "[30000,30000]");
  td_test_set_money (s, "total", 60000);
  g_ptr_array_add (changes, r);
  g_ptr_array_add (changes, s);
  td_test_commit (h->db, changes);
  return id;
}

/* 王伟's mobile, for the spreadsheet to find him by */
static void
set_phone (TdTestHotel *h)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdChange *c = td_change_new_update ("customer", h->guest, 1);

  td_change_set_string (c, "phone", "13800138000");
  g_ptr_array_add (changes, c);
  td_test_commit (h->db, changes);
}

static gint64
march (int day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 3, day, 4, 0, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* NPS of 10 9 8 7 6 0 10: promoters 3, passives 2, detractors 2 of 7:
 * (3 − 2) / 7 = +14.29 */
static void
test_nps_formula (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *stay = add_stay (h);
  const int scores[] = { 10, 9, 8, 7, 6, 0, 10 };
  const int service[] = { 5, 4, 4, 3, 2, 1, 0 };
  TdSurveyGroupRow *row;

  g_assert_cmpfloat_with_epsilon (td_survey_nps (3, 2, 7), 100.0 / 7.0, 1e-9);
  g_assert_true (isnan (td_survey_nps (0, 0, 0)));
  g_assert_cmpfloat (td_survey_nps (0, 4, 4), ==, -100.0);

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      TdSurveyAnswer a = { 0 };
      g_autofree char *id = NULL;

      a.nps = scores[i];
      a.service = service[i];
      a.stay_id = i == 0 ? stay : NULL;
      a.property_id = i == 0 ? NULL : (i < 4 ? h->property : h->branch);
      a.product = i % 2 ? "少林寺一日游" : NULL;
      a.answered_at = march (5 + (int) i);
      id = td_survey_add (h->db, "test", &a, &error);
      g_assert_no_error (error);
      g_assert_nonnull (id);
    }
  /* the stay gives the answer its hotel and guest */
  g_assert_cmpint (td_test_query_int (h->db, "SELECT count(*) FROM survey_responses WHERE stay_id IS NOT NULL"
                                             " AND customer_id IS NOT NULL AND property_id IS NOT NULL"), ==, 1);

  rows = td_survey_summary (h->db, NULL, TD_SURVEY_GROUP_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->responses, ==, 7);
  g_assert_cmpint (row->promoters, ==, 3);
  g_assert_cmpint (row->passives, ==, 2);
  g_assert_cmpint (row->detractors, ==, 2);
  g_assert_cmpfloat_with_epsilon (row->nps, 100.0 / 7.0, 1e-9);
  /* service: 5 4 4 3 2 1 (one not rated) = 19 / 6 */
  g_assert_cmpint (row->rated[0], ==, 6);
  g_assert_cmpfloat_with_epsilon (row->average[0], 19.0 / 6.0, 1e-9);
  g_assert_true (isnan (row->average[1]));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* by hotel: 测试酒店 10 9 8 7 → +50; 分店 6 0 10 → −33.3 */
  rows = td_survey_summary (h->db, NULL, TD_SURVEY_GROUP_PROPERTY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 1; i < rows->len; i++)
    {
      row = g_ptr_array_index (rows, i);
      if (g_str_equal (row->key, h->property))
        {
          g_assert_cmpstr (row->title, ==, "测试酒店");
          g_assert_cmpfloat_with_epsilon (row->nps, 50.0, 1e-9);
        }
      else
        g_assert_cmpfloat_with_epsilon (row->nps, -100.0 / 3.0, 1e-9);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* by product: 少林寺一日游 has 9 7 0 → (1 − 1) / 3 = 0 */
  rows = td_survey_summary (h->db, NULL, TD_SURVEY_GROUP_PRODUCT, &error);
  g_assert_no_error (error);
  for (guint i = 1; i < rows->len; i++)
    {
      row = g_ptr_array_index (rows, i);
      if (g_str_equal (row->key, "少林寺一日游"))
        {
          g_assert_cmpint (row->responses, ==, 3);
          g_assert_cmpfloat (row->nps, ==, 0.0);
        }
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* dates: March 5–7 holds 10 9 (+100) */
  {
    TdDateRange dates = td_test_range ("2026-03-05", "2026-03-07");

    rows = td_survey_summary (h->db, &dates, TD_SURVEY_GROUP_NONE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (((TdSurveyGroupRow *) rows->pdata[0])->responses, ==, 2);
    g_assert_cmpfloat (((TdSurveyGroupRow *) rows->pdata[0])->nps, ==, 100.0);
  }

  /* the KPI of the hotel in March has its NPS: 10 9 8 7 → +50 */
  {
    TdKpiQuery query = { h->property, td_test_range ("2026-03-01", "2026-04-01"), NULL };
    g_autoptr(TdKpiReport) report = td_kpi_compute (h->db, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpint (report->current->responses, ==, 4);
    g_assert_cmpfloat_with_epsilon (td_kpi_figures_nps (report->current), 50.0, 1e-9);
  }
}

static void
test_add_refuses (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ();
  g_autoptr(GError) error = NULL;
  TdSurveyAnswer a = { 0 };
  char *id;

  a.nps = 11;
  id = td_survey_add (h->db, "test", &a, &error);
  g_assert_null (id);
  g_assert_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_INVALID);
  g_clear_error (&error);

  a.nps = 8;
  a.cleanliness = 6;
  id = td_survey_add (h->db, "test", &a, &error);
  g_assert_null (id);
  g_assert_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cleanliness"));
  g_clear_error (&error);

  a.cleanliness = 0;
  a.channel = "fax";
  id = td_survey_add (h->db, "test", &a, &error);
  g_assert_null (id);
  g_assert_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_INVALID);
  g_clear_error (&error);

  a.channel = NULL;
  a.stay_id = "00000000-0000-4000-8000-000000000000";
  id = td_survey_add (h->db, "test", &a, &error);
  g_assert_null (id);
  g_assert_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (td_database_count (h->db, "survey_response", NULL), ==, 0);
}

/* A spreadsheet as a clerk would fill it (Chinese headers), with bad rows
 * among good ones: each bad row is reported with its line, the good ones
 * are imported, and importing it again adds nothing. */
static const char sheet[] =
  "日期,手机,酒店,推荐度,服务,卫生,性价比,评价\n"             /* 1 */
  "2026-03-05,13800138000,测试酒店,10,5,5,4,很好\n"            /* 2: 王伟 */
  "2026-03-05,,测试酒店,11,5,5,5,\n"                           /* 3: NPS 11 */
  "2026-03-06,,分店,7,4,,3,\"房间干净，\n早餐一般\"\n"         /* 4–5: good, a comment on two lines */
  "2026-03-06,,,abc,,,,\n"                                     /* 6: not a number */
  "2026-03-07,,测试酒店,3,6,,,\n"                              /* 7: rating 6 */
  "2026-03-07,13999999999,测试酒店,8,,,,\n"                    /* 8: unknown phone */
  "2026-02-30,,测试酒店,9,,,,\n"                               /* 9: no such date */
  "2026-03-08,,老店,9,,,,\n"                                   /* 10: unknown hotel */
  ",,,,,,,\n"                                                  /* blank: skipped */
  "2026-03-08 20:15,,测试酒店,0,1,1,1,太吵了\n";               /* 12: good */

static void
test_import (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSurveyImport) import = NULL;
  g_autofree char *rejects = NULL;
  const guint bad_lines[] = { 3, 6, 7, 8, 9, 10 };

  set_phone (h);
  /* a dry run writes nothing */
  import = td_survey_import (h->db, "test", sheet, strlen (sheet), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->imported, ==, 3);
  g_assert_cmpint (td_database_count (h->db, "survey_response", NULL), ==, 0);
  g_clear_pointer (&import, td_survey_import_free);

  import = td_survey_import (h->db, "test", sheet, strlen (sheet), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->rows, ==, 9);
  g_assert_cmpuint (import->imported, ==, 3);
  g_assert_cmpuint (import->problems->len, ==, G_N_ELEMENTS (bad_lines));
  /* every row accounted for: imported or reported */
  g_assert_cmpuint (import->imported + import->problems->len, ==, import->rows);
  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    {
      TdSurveyProblem *p = g_ptr_array_index (import->problems, i);
      g_autofree char *prefix = g_strdup_printf ("Line %u: ", bad_lines[i]);

      g_assert_cmpuint (p->line, ==, bad_lines[i]);
      g_assert_true (g_str_has_prefix (p->message, prefix));
    }
  g_assert_nonnull (strstr (((TdSurveyProblem *) import->problems->pdata[0])->message, "11"));
  g_assert_nonnull (strstr (((TdSurveyProblem *) import->problems->pdata[3])->message, "13999999999"));
  g_assert_nonnull (strstr (((TdSurveyProblem *) import->problems->pdata[5])->message, "老店"));
  g_assert_cmpint (td_database_count (h->db, "survey_response", NULL), ==, 3);
  g_assert_cmpint (td_test_query_int (h->db, "SELECT count(*) FROM survey_responses WHERE customer_id = '"
                                             "' || (SELECT id FROM customers WHERE name = '王伟') || '"
                                             "' OR customer_id IN (SELECT id FROM customers WHERE name = '王伟')"), ==, 1);
  g_assert_cmpint (td_test_query_int (h->db, "SELECT count(*) FROM survey_responses WHERE comment = '房间干净，\n早餐一般'"
                                             " AND rating_cleanliness IS NULL AND rating_value = 3"), ==, 1);
  /* 20:15 Beijing time is 12:15 UTC */
  g_assert_cmpint (td_test_query_int (h->db, "SELECT count(*) FROM survey_responses"
                                             " WHERE answered_at = '2026-03-08T12:15:00.000000Z'"), ==, 1);

  /* the rejects: the header, an error column, the rows as they were */
  rejects = td_survey_import_rejects_csv (import);
  g_assert_true (g_str_has_prefix (rejects, TD_CSV_BOM "日期,手机,酒店,推荐度,服务,卫生,性价比,评价,error\r\n"));
  g_assert_nonnull (strstr (rejects, "2026-03-05,,测试酒店,11,5,5,5,,Line 3:"));
  g_clear_pointer (&import, td_survey_import_free);

  /* again: the three are known, nothing doubles */
  import = td_survey_import (h->db, "test", sheet, strlen (sheet), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->imported, ==, 0);
  g_assert_cmpuint (import->duplicates, ==, 3);
  g_assert_cmpint (td_database_count (h->db, "survey_response", NULL), ==, 3);
  g_clear_pointer (&import, td_survey_import_free);

  /* a file without the score column is refused as a whole */
  import = td_survey_import (h->db, "test", "date,comment\n2026-03-01,ok\n", 27, FALSE, &error);
  g_assert_null (import);
  g_assert_error (error, TD_SURVEY_ERROR, TD_SURVEY_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "nps"));
}

static void
test_cli (void)
{
  g_autoptr(TdTestHotel) h = hotel_new ();
  g_auto(TdTestRun) r = { 0 };
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *sheet_path = td_test_path ("answers.csv");
  g_autofree char *rejects_path = td_test_path ("rejects.csv");
  const char *db = td_database_get_path (h->db);
  JsonArray *groups;

  set_phone (h);
  g_assert_true (g_file_set_contents (sheet_path, sheet, -1, NULL));
  td_test_cli (&r, "--db", db, "surveys", "import", sheet_path, "--rejects", rejects_path, NULL);
  /* some rows were left out: exit 1, each named on stderr */
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "3 responses imported"));
  g_assert_nonnull (strstr (r.err, "Line 7:"));
  g_assert_true (g_file_test (rejects_path, G_FILE_TEST_EXISTS));
  td_test_run_clear (&r);

  td_test_cli (&r, "--db", db, "surveys", "add", "--nps", "9", "--property", "分店", "--service", "5",
               "--date", "2026-03-09", NULL);
  g_assert_cmpint (r.status, ==, 0);
  td_test_run_clear (&r);
  td_test_cli (&r, "--db", db, "surveys", "add", "--nps", "12", NULL);
  g_assert_cmpint (r.status, ==, 2);
  td_test_assert_one_line_error (&r);
  td_test_run_clear (&r);

  /* 测试酒店 10, 0 → 0; 分店 7, 9 → +50 */
  td_test_cli (&r, "--db", db, "surveys", "summary", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = td_test_parse_json (r.out);
  groups = json_object_get_array_member (o, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (groups, 0), "responses"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (groups, 0), "nps"), ==, 25.0);
  td_test_run_clear (&r);

  td_test_cli (&r, "--db", db, "reports", "kpi", "--from", "2026-03-01", "--to", "2026-04-01", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&o, json_object_unref);
  o = td_test_parse_json (r.out);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (o, "current"), "nps"), ==, 25.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/survey/nps", test_nps_formula);
  g_test_add_func ("/survey/add-refuses", test_add_refuses);
  g_test_add_func ("/survey/import", test_import);
  g_test_add_func ("/survey/cli", test_cli);
  return g_test_run ();
}
