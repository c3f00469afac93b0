/* test-complaints.c: the complaint workflow and tourdesk-cli complaints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-complaints.h"
#include "td-test-utils.h"

static char *
add_complaint (TdDatabase *db,
               const char *severity)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, "subject", "  排队太久 ");
  json_object_set_string_member (values, "body", "周六上午在售票处排了一个半小时。");
  json_object_set_string_member (values, "category", "service");
  json_object_set_string_member (values, "booking_ref", "TD-2026-0042");
  if (severity)
    json_object_set_string_member (values, "severity", severity);
  id = td_complaints_add (db, values, "clerk", &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
test_workflow (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("workflow.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) complaint = NULL;
  g_autoptr(JsonArray) open = NULL;
  g_autofree char *id = add_complaint (db, "critical");
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) created = NULL;
  TdMoney refund;

  complaint = td_complaints_get (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (complaint, "subject"), ==, "排队太久");
  g_assert_cmpstr (json_object_get_string_member (complaint, "state"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (complaint, "channel"), ==, "desk");
  g_assert_false (json_object_get_boolean_member (complaint, "overdue"));
  /* critical: due 4 hours after intake */
  due = g_date_time_new_from_iso8601 (json_object_get_string_member (complaint, "due_at"), NULL);
  created = g_date_time_new_from_iso8601 (json_object_get_string_member (complaint, "created_at"), NULL);
  g_assert_cmpint (g_date_time_difference (due, created) / G_TIME_SPAN_MINUTE, >=, 4 * 60 - 1);
  g_assert_cmpint (g_date_time_difference (due, created) / G_TIME_SPAN_MINUTE, <=, 4 * 60);
  g_assert_cmpuint (td_complaint_due_hours ("low"), ==, 7 * 24);

  /* the workflow's rules */
  g_assert_false (td_complaints_set_state (db, id, "assigned", NULL, NULL, NULL, NULL, "clerk", &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_complaints_set_state (db, id, "resolved", NULL, NULL, NULL, NULL, "clerk", &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_complaints_set_state (db, id, "resolved", NULL, "refund", NULL, NULL, "clerk", &error));
  g_assert_nonnull (strstr (error->message, "amount"));
  g_clear_error (&error);

  g_assert_true (td_complaints_set_state (db, id, "assigned", "李经理", NULL, NULL, NULL, "clerk", &error));
  g_assert_no_error (error);
  g_assert_true (td_complaints_note (db, id, "已电话回访客人", "clerk", &error));
  g_assert_true (td_complaints_set_state (db, id, "in_progress", NULL, NULL, NULL, NULL, "clerk", &error));
  g_assert_no_error (error);
  open = td_complaints_list (db, "in_progress", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (open), ==, 1);

  g_assert_true (td_money_parse ("60.00", "CNY", &refund, &error));
  g_assert_true (td_complaints_set_state (db, id, "resolved", NULL, "refund", &refund, "退一张门票", "clerk", &error));
  g_assert_no_error (error);
  g_assert_true (td_complaints_set_state (db, id, "closed", NULL, NULL, NULL, NULL, "clerk", &error));
  g_assert_no_error (error);
  /* closed is the end */
  g_assert_false (td_complaints_set_state (db, id, "in_progress", NULL, NULL, NULL, NULL, "clerk", &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_complaints_note (db, id, "再补充一句", "clerk", &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&complaint, json_object_unref);
  complaint = td_complaints_get (db, id, &error);
  g_assert_cmpstr (json_object_get_string_member (complaint, "state"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (complaint, "assignee"), ==, "李经理");
  g_assert_cmpstr (json_object_get_string_member (complaint, "outcome"), ==, "refund");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (complaint, "amount"), "minor"), ==, 6000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (complaint, "notes")), ==, 6);
  /* append-only: every step went to the outbox as an insert */
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM outbox WHERE kind LIKE 'complaint%' AND op <> 'insert'"), ==, 0);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM outbox WHERE kind = 'complaint_note'"), ==, 6);

  /* bad input, named */
  {
    g_autoptr(JsonObject) values = json_object_new ();
    g_autofree char *none = NULL;

    json_object_set_string_member (values, "subject", "x");
    json_object_set_string_member (values, "body", "y");
    json_object_set_string_member (values, "severity", "urgent");
    none = td_complaints_add (db, values, "clerk", &error);
    g_assert_null (none);
    g_assert_nonnull (strstr (error->message, "urgent"));
  }
}

static void
test_cli (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("cli-complaints.tourdesk", TD_PROFILE_AGENCY);
  const char *path = td_database_get_path (db);
  g_autofree char *id = NULL;

  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) complaint = NULL;

    td_test_cli (&run, "complaints", "add", "--db", path, "--subject", "导游擅自加购物点", "--body", "行程外去了两个购物点。",
                 "--category", "guide", "--severity", "high", "--channel", "phone", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    complaint = td_test_parse_json (run.out);
    id = g_strdup (json_object_get_string_member (complaint, "id"));
    g_assert_cmpstr (json_object_get_string_member (complaint, "state"), ==, "new");
    g_assert_cmpstr (json_object_get_string_member (complaint, "channel"), ==, "phone");
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "complaints", "add", "--db", path, "--subject", "x", NULL);
    g_assert_cmpint (run.status, ==, 2);
    td_test_assert_one_line_error (&run);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "complaints", "set-state", "--db", path, id, "resolved", NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "complaints", "set-state", "--db", path, id, "assigned", "--assignee", "王导", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "complaints", "note", "--db", path, id, "已向旅行社核实", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "complaints", "set-state", "--db", path, id, "resolved", "--outcome", "voucher",
                 "--amount", "abc", NULL);
    g_assert_cmpint (run.status, ==, 2);
    td_test_assert_one_line_error (&run);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "complaints", "set-state", "--db", path, id, "resolved", "--outcome", "voucher",
                 "--amount", "100.00", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *list;

    td_test_cli (&run, "complaints", "list", "--db", path, "--state", "resolved", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
    list = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "outcome"), ==, "voucher");
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "complaints", "list", "--db", path, "--state", "open", NULL);
    g_assert_cmpint (run.status, ==, 2);
    td_test_assert_one_line_error (&run);
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "complaints", "show", "--db", path, id, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "已向旅行社核实"));
    g_assert_nonnull (strstr (run.out, "王导"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/complaints/workflow", test_workflow);
  g_test_add_func ("/complaints/cli", test_cli);
  return g_test_run ();
}
