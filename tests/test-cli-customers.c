/* test-cli-customers.c: tourdesk-cli customers add, show and merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-utils.h"

/* a valid mainland identity card number, and the same masked */
#define CARD        "11010519491231002X"
#define CARD_MASKED "110105********002X"

static char *
new_workspace (const char *name)
{
  char *path = td_test_path (name);
  g_auto(TdTestRun) r = { 0 };

  td_test_cli (&r, "--db", path, "init", "--profile", "agency", NULL);
  g_assert_cmpint (r.status, ==, 0);
  return path;
}

static gint64
count_customers (const char *path,
                 const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customers WHERE %s", where);
  g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_READONLY, NULL);

  g_assert_nonnull (db);
  return td_test_query_int (db, sql);
}

/* the id printed by a successful `customers add` */
static char *
added_id (TdTestRun *r)
{
  g_assert_cmpint (r->status, ==, 0);
  g_assert_true (g_str_has_suffix (r->out, "\n"));
  r->out[strlen (r->out) - 1] = '\0';
  g_assert_true (g_uuid_string_is_valid (r->out));
  return g_strdup (r->out);
}

static void
test_help (void)
{
  const char *subcommands[] = { "add", "show", "merge" };

  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "customers", "--help", NULL);
    g_assert_cmpint (r.status, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      g_assert_nonnull (strstr (r.out, subcommands[i]));
  }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      g_auto(TdTestRun) r = { 0 };

      td_test_cli (&r, "customers", subcommands[i], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "--db"));
      g_assert_nonnull (strstr (r.out, "--json"));
    }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "customers", "add", "--help", NULL);
    g_assert_nonnull (strstr (r.out, "--force"));
    g_assert_nonnull (strstr (r.out, "--id-number"));
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "customers", "merge", "--help", NULL);
    g_assert_nonnull (strstr (r.out, "--take"));
  }
  {
    /* the JSON of show is said to hold the numbers in full */
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "customers", "show", "--help", NULL);
    g_assert_nonnull (strstr (r.out, "--json"));
    g_assert_nonnull (strstr (r.out, "in full"));
  }
}

static void
test_add (void)
{
  g_autofree char *path = new_workspace ("cli-add.tourdesk");
  g_autofree char *first = NULL;

  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", path, "customers", "add", "--name", " 张伟 ", "--phone", "138 0013 8000",
                 "--email", "Zhang.Wei@QQ.COM", "--id-number", CARD, "--tags", "VIP，团队", NULL);
    g_assert_cmpstr (r.err, ==, "");
    first = added_id (&r);
  }
  g_assert_cmpint (count_customers (path, "name = '张伟' AND phone = '13800138000' AND email = 'Zhang.Wei@qq.com' "
                                          "AND id_type = 'resident-id' AND birth_date = '1949-12-31' "
                                          "AND gender = 'female' AND tags = 'VIP,团队'"), ==, 1);

  {
    /* the same phone: refused, one line naming the one already saved */
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", path, "customers", "add", "--name", "张小伟", "--phone", "+86 13800138000", NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
    g_assert_nonnull (strstr (r.err, first));
    g_assert_nonnull (strstr (r.err, "--force"));
    g_assert_cmpstr (r.out, ==, "");
    g_assert_cmpint (count_customers (path, "1"), ==, 1);
  }
  {
    /* the same e-mail in other case, the same card: refused too */
    g_auto(TdTestRun) r = { 0 };
    g_auto(TdTestRun) r2 = { 0 };

    td_test_cli (&r, "--db", path, "customers", "add", "--name", "某人", "--email", "zhang.wei@qq.com", NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
    td_test_cli (&r2, "--db", path, "customers", "add", "--name", "某人", "--id-number", CARD, NULL);
    g_assert_cmpint (r2.status, ==, 1);
    td_test_assert_one_line_error (&r2);
    g_assert_cmpint (count_customers (path, "1"), ==, 1);
  }
  {
    /* --force saves, and says what it looks like; a warning too */
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) o = NULL;

    td_test_cli (&r, "--db", path, "customers", "add", "--name", "张伟", "--id-number", CARD,
                 "--birth-date", "1949-12-30", "--force", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.err, first));
    g_assert_nonnull (strstr (r.err, "--birth-date"));
    o = td_test_parse_json (r.out);
    g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (o, "id")));
    g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "张伟");
    g_assert_cmpstr (json_object_get_string_member (o, "birth_date"), ==, "1949-12-30");
    g_assert_cmpstr (json_object_get_string_member (o, "id_number"), ==, CARD);
    g_assert_cmpint (json_object_get_int_member (o, "revision"), ==, 1);
    g_assert_cmpint (count_customers (path, "1"), ==, 2);
  }
  {
    /* other documents need their type */
    g_auto(TdTestRun) r = { 0 };
    g_autofree char *id = NULL;

    td_test_cli (&r, "--db", path, "customers", "add", "--name", "John Smith", "--id-type", "foreign-passport",
                 "--id-number", "x 1234 567", NULL);
    id = added_id (&r);
    g_assert_cmpint (count_customers (path, "id_number = 'X1234567' AND id_type = 'foreign-passport'"), ==, 1);
  }

  /* values that cannot be saved: exit 1, one line naming the option */
  {
    const char *bad[][4] = {
      { "--phone", "12345", "--phone", NULL },
      { "--email", "zhang@", "--email", NULL },
      { "--id-number", "110105194912310020", "--id-number", NULL },
      { "--birth-date", "2199-01-01", "--birth-date", NULL },
      { "--name", "   ", "--name", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(TdTestRun) r = { 0 };

        if (g_str_equal (bad[i][0], "--name"))
          td_test_cli (&r, "--db", path, "customers", "add", "--name", bad[i][1], NULL);
        else
          td_test_cli (&r, "--db", path, "customers", "add", "--name", "李四", bad[i][0], bad[i][1], NULL);
        g_test_message ("%s %s: %s", bad[i][0], bad[i][1], r.err);
        g_assert_cmpint (r.status, ==, 1);
        td_test_assert_one_line_error (&r);
        g_assert_nonnull (strstr (r.err, bad[i][2]));
      }
    g_assert_cmpint (count_customers (path, "1"), ==, 3);
  }
  /* wrong usage: exit 2 */
  {
    const char *bad[][6] = {
      { "add", NULL },
      { "add", "--name", "李四", "extra", NULL },
      { "add", "--name", "李四", "--gender", "unknown", NULL },
      { "add", "--name", "李四", "--id-type", "library-card", NULL },
      { "add", "--name", "李四", "--id-type", "passport", NULL },
      { "add", "--name", "李四", "--id-number", "E1234567", NULL },
      { "add", "--name", "李四", "--bogus", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(TdTestRun) r = { 0 };

        td_test_cli (&r, "--db", path, "customers", bad[i][0], bad[i][1], bad[i][2], bad[i][3], bad[i][4], bad[i][5], NULL);
        g_test_message ("%s %s %s: %s", bad[i][1], bad[i][2], bad[i][3], r.err);
        g_assert_cmpint (r.status, ==, 2);
        td_test_assert_one_line_error (&r);
      }
    g_assert_cmpint (count_customers (path, "1"), ==, 3);
  }
  {
    g_auto(TdTestRun) r = { 0 };
    g_autofree char *missing = td_test_path ("nowhere/missing.tourdesk");

    td_test_cli (&r, "--db", missing, "customers", "add", "--name", "李四", NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
  }
}

static void
test_show_merge (void)
{
  g_autofree char *path = new_workspace ("cli-merge.tourdesk");
  g_autofree char *keep = NULL;
  g_autofree char *other = NULL;

  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", path, "customers", "add", "--name", "张伟", "--phone", "13800138000",
                 "--id-number", CARD, "--email", "zw@qq.com", NULL);
    keep = added_id (&r);
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", path, "customers", "add", "--name", "张伟", "--phone", "13900139000",
                 "--id-type", "passport", "--id-number", "E12345678", "--email", "zhangwei@163.com",
                 "--tags", "团队", "--birth-date", "1949-12-31", "--force", NULL);
    other = added_id (&r);
  }

  {
    /* the profile: the number masked for people, in full for programs */
    g_auto(TdTestRun) r = { 0 };
    g_auto(TdTestRun) j = { 0 };
    g_autoptr(JsonObject) o = NULL;
    JsonObject *customer;
    JsonArray *history;

    td_test_cli (&r, "--db", path, "customers", "show", keep, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_nonnull (strstr (r.out, "张伟"));
    g_assert_nonnull (strstr (r.out, "13800138000"));
    g_assert_nonnull (strstr (r.out, CARD_MASKED));
    g_assert_null (strstr (r.out, CARD));
    g_assert_nonnull (strstr (r.out, "History"));

    td_test_cli (&j, "--db", path, "customers", "show", keep, "--json", NULL);
    g_assert_cmpint (j.status, ==, 0);
    o = td_test_parse_json (j.out);
    customer = json_object_get_object_member (o, "customer");
    g_assert_cmpstr (json_object_get_string_member (customer, "id_number"), ==, CARD);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "documents")), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "notes")), ==, 0);
    history = json_object_get_array_member (o, "history");
    g_assert_cmpuint (json_array_get_length (history), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 0), "op"), ==, "insert");
  }

  {
    /* the phone of the other; the rest by the rules */
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) o = NULL;
    JsonObject *changes, *customer;

    td_test_cli (&r, "--db", path, "customers", "merge", keep, other, "--take", "phone=other",
                 "--take", "birth-date=keep", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    o = td_test_parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (o, "kept"), ==, keep);
    g_assert_cmpstr (json_object_get_string_member (o, "merged"), ==, other);
    changes = json_object_get_object_member (o, "changes");
    g_assert_true (json_object_has_member (changes, "phone"));
    g_assert_true (json_object_has_member (changes, "other_phones"));
    g_assert_true (json_object_has_member (changes, "other_emails"));
    g_assert_true (json_object_has_member (changes, "tags"));
    g_assert_false (json_object_has_member (changes, "id_number"));
    customer = json_object_get_object_member (o, "customer");
    g_assert_cmpstr (json_object_get_string_member (customer, "phone"), ==, "13900139000");
    g_assert_cmpstr (json_object_get_string_member (customer, "other_phones"), ==, "13800138000");
    g_assert_cmpstr (json_object_get_string_member (customer, "id_number"), ==, CARD);
    g_assert_cmpstr (json_object_get_string_member (customer, "tags"), ==, "团队");
  }
  g_assert_cmpint (count_customers (path, "deleted = 1"), ==, 1);

  {
    /* the survivor has the other's passport as a document, and the note */
    g_auto(TdTestRun) r = { 0 };
    g_auto(TdTestRun) j = { 0 };
    g_autoptr(JsonObject) o = NULL;
    JsonArray *documents;

    td_test_cli (&r, "--db", path, "customers", "show", keep, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, other));
    g_assert_null (strstr (r.out, "E12345678"));

    td_test_cli (&j, "--db", path, "customers", "show", keep, "--json", NULL);
    o = td_test_parse_json (j.out);
    documents = json_object_get_array_member (o, "documents");
    g_assert_cmpuint (json_array_get_length (documents), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (documents, 0), "number"), ==, "E12345678");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "notes")), ==, 1);
  }
  {
    /* the merged one still shows, deleted, pointing at the survivor */
    g_auto(TdTestRun) r = { 0 };
    g_autoptr(JsonObject) o = NULL;
    JsonObject *customer;

    td_test_cli (&r, "--db", path, "customers", "show", other, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    o = td_test_parse_json (r.out);
    customer = json_object_get_object_member (o, "customer");
    g_assert_true (json_object_get_boolean_member (customer, "deleted"));
    g_assert_cmpstr (json_object_get_string_member (customer, "merged_into"), ==, keep);
  }

  /* failures: exit 1, one line, nothing changed */
  {
    const char *pairs[][2] = { { keep, other }, { other, keep }, { keep, keep },
                               { keep, "6f6f6f6f-0000-4000-8000-000000000000" } };

    for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
      {
        g_auto(TdTestRun) r = { 0 };

        td_test_cli (&r, "--db", path, "customers", "merge", pairs[i][0], pairs[i][1], NULL);
        g_test_message ("merge: %s", r.err);
        g_assert_cmpint (r.status, ==, 1);
        td_test_assert_one_line_error (&r);
      }
  }
  {
    g_auto(TdTestRun) r = { 0 };

    td_test_cli (&r, "--db", path, "customers", "show", "6f6f6f6f-0000-4000-8000-000000000000", NULL);
    g_assert_cmpint (r.status, ==, 1);
    td_test_assert_one_line_error (&r);
  }
  /* wrong usage: exit 2 */
  {
    const char *bad[][6] = {
      { "show", NULL },
      { "show", "a", "b", NULL },
      { "merge", NULL },
      { "merge", "a", NULL },
      { "merge", "a", "b", "c", NULL },
      { "merge", "a", "b", "--take", "phone", NULL },
      { "merge", "a", "b", "--take", "phone=mine", NULL },
      { "merge", "a", "b", "--take", "shoe_size=other", NULL },
      { "merge", "a", "b", "--take", "merged_into=other", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(TdTestRun) r = { 0 };

        td_test_cli (&r, "--db", path, "customers", bad[i][0], bad[i][1], bad[i][2], bad[i][3], bad[i][4], bad[i][5], NULL);
        g_test_message ("%s %s: %s", bad[i][0], bad[i][1] ? bad[i][1] : "", r.err);
        g_assert_cmpint (r.status, ==, 2);
        td_test_assert_one_line_error (&r);
      }
  }
  g_assert_cmpint (count_customers (path, "deleted = 0"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-customers/help", test_help);
  g_test_add_func ("/cli-customers/add", test_add);
  g_test_add_func ("/cli-customers/show-merge", test_show_merge);
  return g_test_run ();
}
