/* test-payment-method.c: one vocabulary of payment methods for folios and tours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-test-tours.h"
#include "td-test-utils.h"

static void
test_vocabulary (void)
{
  TdPaymentMethod method;

  /* both tables' spellings are one method, with one title */
  g_assert_true (td_payment_method_parse ("bank-card", &method));
  g_assert_cmpint (method, ==, TD_PAYMENT_CARD);
  g_assert_true (td_payment_method_parse ("card", &method));
  g_assert_cmpint (method, ==, TD_PAYMENT_CARD);
  g_assert_true (td_payment_method_parse ("WeChat", &method));
  g_assert_cmpint (method, ==, TD_PAYMENT_WECHAT);
  g_assert_true (td_payment_method_parse ("wechat-pay", &method));
  g_assert_cmpint (method, ==, TD_PAYMENT_WECHAT);
  g_assert_false (td_payment_method_parse ("cheque", &method));
  g_assert_false (td_payment_method_parse (NULL, &method));
  g_assert_cmpstr (td_payment_method_describe ("bank-card"), ==, td_payment_method_describe ("card"));
  g_assert_cmpstr (td_payment_method_describe ("wechat-pay"), ==, "WeChat Pay");
  g_assert_cmpstr (td_payment_method_describe ("wechat"), ==, "WeChat Pay");
  g_assert_cmpstr (td_payment_method_get_title ("card"), ==, "Bank card");
  g_assert_cmpstr (td_payment_method_describe ("cheque"), ==, "cheque");

  /* every stored name of either table is known, and written back the same */
  for (const char * const *m = td_payment_methods (); *m; m++)
    {
      g_assert_true (td_payment_method_parse (*m, &method));
      g_assert_cmpstr (td_payment_method_to_folio (method), ==, *m);
    }
  for (int i = 0; i < TD_PAYMENT_N_METHODS; i++)
    {
      const char *tour = td_payment_method_to_tour ((TdPaymentMethod) i);

      g_assert_true (td_payment_method_to_folio ((TdPaymentMethod) i) || tour);
      if (tour)
        {
          g_assert_true (td_payment_method_parse (tour, &method));
          g_assert_cmpint (method, ==, i);
        }
    }
  g_assert_null (td_payment_method_to_tour (TD_PAYMENT_AGENCY_ACCOUNT));
  g_assert_null (td_payment_method_to_folio (TD_PAYMENT_OTHER));
}

/* a tour payment given in the folio's words is stored in the tour's */
static void
test_tour_payment (void)
{
  g_autoptr(TdTestTours) t = td_test_tours_new ("payment-method");
  g_autoptr(GError) error = NULL;
  g_autofree char *booking = NULL;
  g_autofree char *payment = NULL;
  TdTourBookingRequest request = { 0 };
  TdDeskTime when;
  TdMoney amount = td_test_cny (10000);

  {
    guint32 day = 0;

    g_assert_true (td_date_parse_iso ("2026-09-01", &day, NULL));
    td_desk_time_init (&when, day, g_get_real_time ());
  }
  request.departure_id = t->golden;
  request.lead_customer_id = t->adult;
  booking = td_tour_book (t->db, "test", &request, &when, &error);
  g_assert_no_error (error);

  payment = td_tour_pay (t->db, "test", booking, &amount, "bank-card", NULL, &when, &error);
  g_assert_no_error (error);
  g_assert_nonnull (payment);
  g_clear_pointer (&payment, g_free);
  payment = td_tour_pay (t->db, "test", booking, &amount, "wechat-pay", NULL, &when, &error);
  g_assert_no_error (error);
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(*) FROM tour_payments WHERE method = 'card'"), ==, 1);
  g_assert_cmpint (td_test_query_int (t->db, "SELECT count(*) FROM tour_payments WHERE method = 'wechat'"), ==, 1);

  /* the folio's agency account is not a way to pay a tour */
  g_clear_pointer (&payment, g_free);
  payment = td_tour_pay (t->db, "test", booking, &amount, "agency-account", NULL, &when, &error);
  g_assert_null (payment);
  g_assert_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/payment-method/vocabulary", test_vocabulary);
  g_test_add_func ("/payment-method/tour", test_tour_payment);
  return g_test_run ();
}
