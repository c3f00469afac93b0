/* test-cli-tours.c: tourdesk-cli tours, departures and contracts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-tours.h"
#include "td-test-utils.h"

/* tourdesk-cli with the arguments up to NULL, which must succeed: its JSON */
static JsonObject *
run_json (TdTestRun  *run,
          const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TD_CLI"));
  va_start (ap, first);
  for (const char *arg = first; arg; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  td_test_spawn (run, (const char * const *) argv->pdata);
  if (run->status != 0)
    g_error ("tourdesk-cli failed (%d): %s", run->status, run->err);
  return td_test_parse_json (run->out);
}

static void
test_cli_tours (void)
{
  g_autoptr(TdTestTours) t = td_test_tours_new ("cli-tours.tourdesk");
  const char *db = td_database_get_path (t->db);
  g_autofree char *pdf = td_test_path ("contract.pdf");
  g_auto(TdTestRun) run = { 0 };
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonObject) booking = NULL;
  g_autoptr(JsonObject) paid = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  g_autoptr(JsonObject) departures = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  JsonArray *array;

  list = run_json (&run, "--db", db, "tours", "list", "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (list, "count"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (list, "products"), 0), "code"),
                   ==, "LY3");
  td_test_run_clear (&run);

  departures = run_json (&run, "--db", db, "departures", "list", "--from", "2026-10-01", "--to", "2026-11-01", "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (departures, "count"), ==, 1);
  array = json_object_get_array_member (departures, "departures");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"), ==, t->golden);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "free"), ==, 10);
  td_test_run_clear (&run);

  /* the family on Golden Week; the senior alone in a room */
  booking = run_json (&run, "--db", db, "tours", "book", "--departure", t->golden, "--lead", t->adult,
                      "--participant", t->child, "--participant", t->senior, "--single", t->senior,
                      "--date", "2026-08-01", "--json", NULL);
  id = g_strdup (json_object_get_string_member (booking, "id"));
  g_assert_cmpstr (json_object_get_string_member (booking, "state"), ==, "booked");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (booking, "total"), "minor"), ==,
                   140000 + 100000 + 150000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (booking, "participants")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (booking, "schedule")), ==, 2);
  td_test_run_clear (&run);

  /* seven seats left: eight asked is refused, exit 1, one line */
  td_test_cli (&run, "--db", db, "tours", "book", "--departure", t->golden, "--lead", t->infant,
               "--participant", "not-an-id", NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
  td_test_run_clear (&run);
  {
    g_autoptr(GError) error = NULL;

    td_departure_set_capacity (t->db, "test", t->golden, 3, &error);
    g_assert_no_error (error);
  }
  td_test_cli (&run, "--db", db, "tours", "book", "--departure", t->golden, "--lead", t->infant, NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
  g_assert_nonnull (strstr (run.err, "0 seats left"));
  td_test_run_clear (&run);
  /* usage */
  td_test_cli (&run, "--db", db, "tours", "book", "--lead", t->infant, NULL);
  g_assert_cmpint (run.status, ==, 2);
  td_test_run_clear (&run);

  /* the deposit confirms it */
  paid = run_json (&run, "--db", db, "tours", "pay", id, "--amount", "1170", "--method", "alipay", "--json", NULL);
  g_assert_cmpstr (json_object_get_string_member (paid, "state"), ==, "confirmed");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (paid, "balance"), "minor"), ==, 273000);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", db, "tours", "pay", id, "--amount", "1.5", "--method", "barter", NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", db, "tours", "pay", id, "--amount", "1.005", "--method", "cash", NULL);
  g_assert_cmpint (run.status, ==, 2);
  td_test_run_clear (&run);

  /* the contract, for signature */
  td_test_cli (&run, "--db", db, "contracts", "print", id, "--out", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = td_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Travel contract"));
  g_assert_nonnull (strstr (text, "洛阳三日游"));
  g_assert_nonnull (strstr (text, "李奶奶"));
  g_assert_nonnull (strstr (text, "龙门石窟"));
  g_assert_nonnull (strstr (text, "¥3,900.00"));
  g_assert_nonnull (strstr (text, "12301"));
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(*) FROM tour_bookings WHERE contract_state = 'printed'"), ==, 1);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", db, "contracts", "sign", id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(*) FROM tour_bookings WHERE contract_state = 'signed'"), ==, 1);
  td_test_run_clear (&run);

  /* cancelled 40 days before: free of charge, the seats free */
  cancelled = run_json (&run, "--db", db, "tours", "cancel", id, "--date", "2026-08-24", "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (cancelled, "percent"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (cancelled, "seats_freed"), ==, 3);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", db, "tours", "cancel", id, NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
}


/* a coupon in a tour booking: its discount off the total, its use recorded
 * (so the campaign counts the booking), its limits and products kept */
static void
test_cli_tours_coupon (void)
{
  g_autoptr(TdTestTours) t = td_test_tours_new ("cli-tours-coupon.tourdesk");
  const char *db = td_database_get_path (t->db);
  g_auto(TdTestRun) run = { 0 };
  g_autoptr(JsonObject) booking = NULL;

  /* 10 % off LY3, once per customer; 50 off another product's tours */
  td_test_cli (&run, "--db", db, "coupons", "create", "TOUR10", "--percent", "10", "--products", t->product,
               "--per-customer", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", db, "coupons", "create", "OTHER50", "--amount", "50",
               "--products", "6f1c2a3b-0000-4000-8000-00000000ffff", NULL);
  g_assert_cmpint (run.status, ==, 0);
  td_test_run_clear (&run);

  /* 王伟 on Golden Week: ¥1,400 less 10 % */
  booking = run_json (&run, "--db", db, "tours", "book", "--departure", t->golden, "--lead", t->adult,
                      "--coupon", "tour10", "--date", "2026-08-01", "--json", NULL);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (booking, "total"), "minor"), ==, 126000);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (booking, "discount"), "minor"), ==, 14000);
  td_test_run_clear (&run);
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(*) FROM coupon_redemptions WHERE booking_kind = 'tour_booking' "
                                             "AND discount_minor = 14000 AND deleted = 0"), ==, 1);

  /* once per customer; not for this product; unknown; not with --discount */
  td_test_cli (&run, "--db", db, "tours", "book", "--departure", t->september, "--lead", t->adult,
               "--coupon", "TOUR10", NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", db, "tours", "book", "--departure", t->september, "--lead", t->senior,
               "--coupon", "OTHER50", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "OTHER50"));
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", db, "tours", "book", "--departure", t->september, "--lead", t->senior,
               "--coupon", "NOPE", NULL);
  g_assert_cmpint (run.status, ==, 1);
  td_test_assert_one_line_error (&run);
  td_test_run_clear (&run);
  td_test_cli (&run, "--db", db, "tours", "book", "--departure", t->september, "--lead", t->senior,
               "--coupon", "TOUR10", "--discount", "10", NULL);
  g_assert_cmpint (run.status, ==, 2);
  td_test_run_clear (&run);
  /* nothing was booked by the refusals */
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(*) FROM tour_bookings WHERE deleted = 0"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/tours", test_cli_tours);
  g_test_add_func ("/cli/tours-coupon", test_cli_tours_coupon);
  return g_test_run ();
}
