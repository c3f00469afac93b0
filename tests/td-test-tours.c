/* td-test-tours.c: the fixture agency of the tour tests and benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include "td-test-tours.h"
#include "td-test-utils.h"

TdMoney
td_test_cny (gint64 minor)
{
  TdMoney money;

  td_money_init (&money, minor, "CNY", NULL);
  return money;
}

char *
td_test_tours_customer (TdDatabase *db,
                        const char *name,
                        const char *birth,
                        const char *id_expiry)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdChange *change = td_change_new_insert ("customer", NULL);

  td_change_set_string (change, "party", "person");
  td_change_set_string (change, "name", name);
  if (birth)
    td_change_set_string (change, "birth_date", birth);
  if (id_expiry)
    {
      td_change_set_string (change, "id_type", "passport");
      td_change_set_string (change, "id_number", "E12345678");
      td_change_set_string (change, "id_expiry", id_expiry);
    }
  g_ptr_array_add (changes, change);
  td_database_commit (db, "test", changes, &error);
  g_assert_no_error (error);
  return g_strdup (td_change_get_id (change));
}

static void
add_item (TdDatabase     *db,
          const char     *product,
          guint           day,
          TdTourItemType  type,
          const char     *title,
          gint64          cost,
          gboolean        per_group)
{
  g_autoptr(GError) error = NULL;
  TdTourItem item = { 0 };

  item.product_id = (char *) product;
  item.day = day;
  item.type = type;
  item.title = (char *) title;
  item.supplier = (char *) "测试供应商";
  item.has_cost = cost > 0;
  item.cost = td_test_cny (cost);
  item.cost_per_group = per_group;
  td_tour_item_save (db, "test", &item, &error);
  g_assert_no_error (error);
  g_free (item.id);
}

TdTestTours *
td_test_tours_new (const char *name)
{
  TdTestTours *t = g_new0 (TdTestTours, 1);
  g_autoptr(TdTourProduct) product = td_tour_product_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *surcharge = NULL;
  guint32 start, end;
  TdMoney amount;

  t->db = td_test_workspace (name, TD_PROFILE_AGENCY);
  product->code = g_strdup ("LY3");
  product->name = g_strdup ("洛阳三日游");
  product->days = 3;
  product->included = g_strdup ("空调旅游车、两晚酒店、景点首道门票、导游");
  product->excluded = g_strdup ("个人消费、旅游意外险");
  product->prices[TD_PAX_ADULT] = td_test_cny (120000);
  product->prices[TD_PAX_CHILD] = td_test_cny (80000);
  product->prices[TD_PAX_INFANT] = td_test_cny (10000);
  product->prices[TD_PAX_SENIOR] = td_test_cny (100000);
  product->has_price[TD_PAX_CHILD] = product->has_price[TD_PAX_INFANT] = product->has_price[TD_PAX_SENIOR] = TRUE;
  product->has_single_supplement = TRUE;
  product->single_supplement = td_test_cny (30000);
  td_tour_product_save (t->db, "test", product, &error);
  g_assert_no_error (error);
  t->product = g_strdup (product->id);

  add_item (t->db, t->product, 1, TD_ITEM_ATTRACTION, "龙门石窟", 9000, FALSE);
  add_item (t->db, t->product, 1, TD_ITEM_HOTEL, "洛阳友谊宾馆", 20000, FALSE);
  add_item (t->db, t->product, 2, TD_ITEM_TRANSPORT, "旅游大巴", 150000, TRUE);
  add_item (t->db, t->product, 3, TD_ITEM_MEAL, "水席午餐", 0, FALSE);

  td_date_parse_iso ("2026-10-01", &start, NULL);
  td_date_parse_iso ("2026-10-08", &end, NULL);
  amount = td_test_cny (20000);
  surcharge = td_tour_surcharge_add (t->db, "test", t->product, "国庆黄金周", start, end, &amount, &error);
  g_assert_no_error (error);

  td_date_parse_iso ("2026-10-03", &start, NULL);
  t->golden = td_departure_create (t->db, "test", t->product, start, 10, 4, "张导", "豫C·12345",
                                   TD_DEPARTURE_OPEN, &error);
  g_assert_no_error (error);
  td_date_parse_iso ("2026-09-10", &start, NULL);
  t->september = td_departure_create (t->db, "test", t->product, start, 4, 0, NULL, NULL,
                                      TD_DEPARTURE_OPEN, &error);
  g_assert_no_error (error);

  t->adult = td_test_tours_customer (t->db, "王伟", "1980-03-15", "2030-01-01");
  t->child = td_test_tours_customer (t->db, "王小宝", "2018-05-01", "2030-01-01");
  t->infant = td_test_tours_customer (t->db, "王宝宝", "2025-06-01", "2030-01-01");
  t->senior = td_test_tours_customer (t->db, "李奶奶", "1956-01-20", "2026-10-04");
  return t;
}

void
td_test_tours_free (TdTestTours *t)
{
  g_clear_object (&t->db);
  g_free (t->product);
  g_free (t->golden);
  g_free (t->september);
  g_free (t->adult);
  g_free (t->child);
  g_free (t->infant);
  g_free (t->senior);
  g_free (t);
}

double
td_test_tours_race (guint            n,
                    TdTestRaceChild  child,
                    gpointer         data,
                    guint           *won)
{
  g_autofree pid_t *children = g_new0 (pid_t, n);
  int pipes[2];
  gint64 start;

  g_assert_cmpint (pipe (pipes), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      children[i] = fork ();
      g_assert_cmpint (children[i], >=, 0);
      if (children[i] == 0)
        {
          close (pipes[1]);
          /* a forked child has its parent's random state: the same record ids */
          g_random_set_seed ((guint32) getpid ());
          child (data, i, pipes[0]);
          _exit (2);
        }
    }
  close (pipes[0]);
  /* every child has opened the workspace and waits: go, all at once */
  g_usleep (300 * 1000);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (write (pipes[1], "x", 1), ==, 1);
  close (pipes[1]);
  if (won)
    *won = 0;
  for (guint i = 0; i < n; i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (children[i], &status, 0), ==, children[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), !=, 2);
      if (won && WEXITSTATUS (status) == 0)
        (*won)++;
    }
  return td_test_ms_since (start) / 1000.0;
}
