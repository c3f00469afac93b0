/* test-customer.c: phones, e-mails, identity numbers and the customer check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-utils.h"

static void
test_phones (void)
{
  static const struct { const char *in, *out; } good[] = {
    { "13800138000", "13800138000" },
    { "138 0013 8000", "13800138000" },
    { "138-0013-8000", "13800138000" },
    { "+86 138 0013 8000", "13800138000" },
    { "0086 13800138000", "13800138000" },
    { "１３８００１３８０００", "13800138000" },      /* full-width */
    { "0371-66668888", "+8637166668888" },
    { "(010) 1234 5678", "+861012345678" },
    { "+86 371 6666 8888", "+8637166668888" },
    { "+44 20 7946 0958", "+442079460958" },
    { "+1 (415) 555-0100", "+14155550100" },
    { "00852 2345 6789", "+85223456789" },
    { "+86 0371 6666 8888", "+8637166668888" },
  };
  static const char *bad[] = {
    "", "abc", "1380013800", "138001380001", "66668888", "+0 123 4567", "+12", "138x0013",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = td_phone_normalise (good[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, good[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = td_phone_normalise (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (out);
      g_assert_error (error, TD_CUSTOMER_ERROR, TD_CUSTOMER_ERROR_PHONE);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
test_emails (void)
{
  static const char *bad[] = { "", "zhang", "zhang@", "@qq.com", "a@b", "a b@qq.com", "a@@qq.com", "a@qq..com", "a@.qq.com", "a@qq.com." };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = td_email_normalise ("  Zhang.Wei@QQ.COM ", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "Zhang.Wei@qq.com");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autofree char *o = td_email_normalise (bad[i], &e);

      g_test_message ("%s", bad[i]);
      g_assert_null (o);
      g_assert_error (e, TD_CUSTOMER_ERROR, TD_CUSTOMER_ERROR_EMAIL);
    }
}

static void
test_id_numbers (void)
{
  static const char *good[] = { "11010519491231002X", "410102199003071230" };
  static const struct { const char *number; TdIdNumberError code; } bad[] = {
    { "11010519491231002", TD_ID_NUMBER_ERROR_LENGTH },
    { "1101051949123100211", TD_ID_NUMBER_ERROR_LENGTH },
    { "11010519491231002Y", TD_ID_NUMBER_ERROR_CHARACTER },
    { "110105194912310021", TD_ID_NUMBER_ERROR_CHECKSUM },
    { "110105194902300020", TD_ID_NUMBER_ERROR_BIRTH_DATE },  /* 30 February */
    { "000105194912310024", TD_ID_NUMBER_ERROR_REGION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", good[i]);
      g_assert_true (td_id_number_validate (good[i], NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i].number);
      g_assert_false (td_id_number_validate (bad[i].number, NULL, &error));
      g_assert_error (error, TD_ID_NUMBER_ERROR, (gint) bad[i].code);
    }
  {
    g_autofree char *masked = td_id_number_mask ("11010519491231002X");

    g_assert_cmpstr (masked, ==, "110105********002X");
  }
}

static void
test_check (void)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GPtrArray) problems = NULL;

  json_object_set_string_member (values, "family_name", " 张 ");
  json_object_set_string_member (values, "given_name", "伟");
  json_object_set_string_member (values, "phone", "+86 138 0013 8000");
  json_object_set_string_member (values, "other_phones", "0371-66668888, 13800138000；+86 371 6666 8888");
  json_object_set_string_member (values, "email", "ZW@QQ.com");
  json_object_set_string_member (values, "id_number", "11010519491231002x");
  json_object_set_string_member (values, "tags", "VIP, vip ,回头客,,");
  problems = td_customer_check (values);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (values, "name"), ==, "张伟");
  g_assert_cmpstr (json_object_get_string_member (values, "phone"), ==, "13800138000");
  g_assert_cmpstr (json_object_get_string_member (values, "other_phones"), ==, "+8637166668888,13800138000");
  g_assert_cmpstr (json_object_get_string_member (values, "email"), ==, "ZW@qq.com");
  g_assert_cmpstr (json_object_get_string_member (values, "id_type"), ==, "resident-id");
  g_assert_cmpstr (json_object_get_string_member (values, "id_number"), ==, "11010519491231002X");
  g_assert_cmpstr (json_object_get_string_member (values, "birth_date"), ==, "1949-12-31");
  g_assert_cmpstr (json_object_get_string_member (values, "gender"), ==, "female");
  g_assert_cmpstr (json_object_get_string_member (values, "tags"), ==, "VIP,回头客");
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* a birth date that disagrees with the card is a warning; a bad phone an error, first */
  json_object_set_string_member (values, "birth_date", "1950-01-01");
  json_object_set_string_member (values, "phone", "12345");
  problems = td_customer_check (values);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (td_field_problems_have_error (problems));
  g_assert_cmpstr (((TdFieldProblem *) problems->pdata[0])->field, ==, "phone");
  g_assert_false (((TdFieldProblem *) problems->pdata[0])->warning);
  g_assert_cmpstr (((TdFieldProblem *) problems->pdata[1])->field, ==, "birth_date");
  g_assert_true (((TdFieldProblem *) problems->pdata[1])->warning);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Western names in Western order; a blank name is an error */
  {
    g_autofree char *name = td_customer_format_name ("Smith", "Anna");

    g_assert_cmpstr (name, ==, "Anna Smith");
  }
  json_object_set_string_member (values, "name", "  ");
  json_object_remove_member (values, "family_name");
  json_object_remove_member (values, "given_name");
  json_object_remove_member (values, "phone");
  json_object_remove_member (values, "birth_date");
  problems = td_customer_check (values);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((TdFieldProblem *) problems->pdata[0])->field, ==, "name");
}

/* The store refuses what td_customer_check() would have changed. */
static void
test_commit_refuses_unchecked (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("unchecked.tourdesk", TD_PROFILE_HOTEL);
  static const char *fields[][2] = {
    { "phone", "138 0013 8000" }, { "email", "not-an-address" }, { "other_phones", "12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
      g_autoptr(GError) error = NULL;
      TdChange *c = td_change_new_insert ("customer", NULL);

      td_change_set_string (c, "party", "person");
      td_change_set_string (c, "name", "张伟");
      td_change_set_string (c, fields[i][0], fields[i][1]);
      g_ptr_array_add (changes, c);
      g_assert_false (td_database_commit (db, NULL, changes, &error));
      g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
    }
  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    g_autoptr(GError) error = NULL;
    TdChange *c = td_change_new_insert ("customer", NULL);

    td_change_set_string (c, "party", "person");
    td_change_set_string (c, "name", "张伟");
    td_change_set_string (c, "id_type", "resident-id");
    td_change_set_string (c, "id_number", "110105194912310021");
    g_ptr_array_add (changes, c);
    g_assert_false (td_database_commit (db, NULL, changes, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  }
  g_assert_cmpint (td_database_count (db, "customer", NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/customer/phones", test_phones);
  g_test_add_func ("/customer/emails", test_emails);
  g_test_add_func ("/customer/id-numbers", test_id_numbers);
  g_test_add_func ("/customer/check", test_check);
  g_test_add_func ("/customer/commit-refuses-unchecked", test_commit_refuses_unchecked);
  return g_test_run ();
}
