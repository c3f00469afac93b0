/* test-customer-origins.c: where customers come from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "td-geo.h"
#include "td-test-utils.h"

static void
assert_place (const char *province,
              const char *city,
              const char *id_number,
              const char *expected_code)
{
  const TdChinaPlace *place = td_china_place_find (province, city, id_number);

  if (expected_code == NULL)
    {
      if (place != NULL)
        g_error ("(%s, %s, %s): %s, expected none", province, city, id_number, place->code);
      return;
    }
  if (place == NULL || strcmp (place->code, expected_code) != 0)
    g_error ("(%s, %s, %s): %s, expected %s", province, city, id_number,
             place ? place->code : "none", expected_code);
}

static void
test_place_find (void)
{
  /* as clerks and forms write them */
  assert_place ("河南省", "郑州市", NULL, "4101");
  assert_place ("河南", "洛阳", NULL, "4103");
  assert_place (NULL, " 开封市 ", NULL, "4102");
  assert_place ("Henan", "Zhengzhou", NULL, "4101");
  assert_place ("henan province", "zhengzhou city", NULL, "4101");
  assert_place ("吉林省", "延边朝鲜族自治州", NULL, "2224");
  assert_place ("四川省", "阿坝州", NULL, "5132");
  assert_place ("河南省", "济源市", NULL, "4190");
  /* a city of the same name in another province is not taken */
  assert_place ("江苏省", "Taizhou", NULL, "3212");
  assert_place ("浙江省", "Taizhou", NULL, "3310");
  assert_place ("吉林省", "吉林市", NULL, "2202");
  /* municipalities and regions: the province-level entry */
  assert_place ("北京市", "北京市", NULL, "11");
  assert_place (NULL, "上海", NULL, "31");
  assert_place ("广西壮族自治区", NULL, NULL, "45");
  assert_place ("新疆维吾尔自治区", "", NULL, "65");
  assert_place ("香港特别行政区", NULL, NULL, "81");
  /* a city the table lacks: its province */
  assert_place ("河北省", "衡水市", NULL, "13");
  /* nothing else: the region of the identity number, city then province */
  assert_place (NULL, NULL, "410102199001011234", "4101");
  assert_place ("", "", "131102199001011234", "13");
  /* the address wins over the identity number */
  assert_place ("浙江省", "杭州市", "410102199001011234", "3301");
  /* unknown */
  assert_place ("Atlantis", "Nowhere", NULL, NULL);
  assert_place (NULL, NULL, "E12345678", NULL);
  assert_place (NULL, NULL, NULL, NULL);

  /* municipalities count as cities */
  g_assert_true (td_china_place_is_city (td_china_place_find ("北京", NULL, NULL)));
  g_assert_false (td_china_place_is_city (td_china_place_find ("河南", NULL, NULL)));
}

/* Every place is in China (roughly) and has distinct codes. */
static void
test_place_table (void)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;
  const TdChinaPlace *places = td_china_places (&n);

  g_assert_cmpuint (n, >, 150);
  for (guint i = 0; i < n; i++)
    {
      const TdChinaPlace *p = &places[i];

      g_assert_true (g_hash_table_add (codes, (gpointer) p->code));
      g_assert_true (p->latitude > 18 && p->latitude < 54);
      g_assert_true (p->longitude > 73 && p->longitude < 135);
      /* a city lies within about 900 km of its province's capital */
      if (strlen (p->code) == 4)
        {
          char province_code[3] = { p->code[0], p->code[1], '\0' };
          const TdChinaPlace *province = NULL;

          for (guint j = 0; j < n; j++)
            if (strcmp (places[j].code, province_code) == 0)
              province = &places[j];
          g_assert_nonnull (province);
          g_assert_cmpfloat (td_geo_distance (p->latitude, p->longitude,
                                                 province->latitude, province->longitude) / 1000.0, <, 1300);
        }
    }
}

static void
commit_one (TdDatabase *db,
            TdChange   *change)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (changes, change);
  td_database_commit (db, "tester", changes, &error);
  g_assert_no_error (error);
}

static char *
add_customer (TdDatabase *db,
              const char *name,
              const char *province,
              const char *city,
              const char *id_number)
{
  TdChange *c = td_change_new_insert ("customer", NULL);
  JsonObject *values = td_change_get_values (c);
  g_autoptr(GPtrArray) problems = NULL;
  char *id = g_strdup (td_change_get_id (c));

  json_object_set_string_member (values, "party", "person");
  json_object_set_string_member (values, "name", name);
  if (province)
    json_object_set_string_member (values, "province", province);
  if (city)
    json_object_set_string_member (values, "city", city);
  if (id_number)
    {
      json_object_set_string_member (values, "id_type", "resident-id");
      json_object_set_string_member (values, "id_number", id_number);
    }
  problems = td_customer_check (values);
  g_assert_false (td_field_problems_have_error (problems));
  commit_one (db, c);
  return id;
}

static char *
resident_id (const char *first17)
{
  return g_strdup_printf ("%s%c", first17, td_id_number_check_char (first17));
}

static TdDatabase *
origins_workspace (void)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("origins-%u.tourdesk", ++n);
  TdDatabase *db = td_test_workspace (name, TD_PROFILE_HOTEL);
  g_autofree char *zz = resident_id ("41010219900101123");
  g_autofree char *ly = resident_id ("41030219850505432");
  g_autofree char *gone = NULL;

  g_free (add_customer (db, "张三", "河南省", "郑州市", NULL));
  g_free (add_customer (db, "李四", "河南", "郑州", NULL));
  g_free (add_customer (db, "王五", NULL, NULL, zz));            /* Zhengzhou by ID */
  g_free (add_customer (db, "赵六", NULL, NULL, ly));            /* Luoyang by ID */
  g_free (add_customer (db, "Anna Smith", NULL, NULL, NULL));    /* unknown */
  g_free (add_customer (db, "钱七", "北京市", "北京市", NULL));
  gone = add_customer (db, "孙八", "河南省", "郑州市", NULL);
  commit_one (db, td_change_new_delete ("customer", gone, 1));  /* not counted */
  return db;
}

static void
test_origins_count (void)
{
  g_autoptr(TdDatabase) db = origins_workspace ();
  g_autoptr(TdCustomerOrigins) origins = NULL;
  g_autoptr(GError) error = NULL;
  TdCustomerOrigin *first;

  origins = td_customer_origins (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (origins->placed, ==, 5);
  g_assert_cmpint (origins->unplaced, ==, 1);
  g_assert_cmpuint (origins->origins->len, ==, 3);
  first = &g_array_index (origins->origins, TdCustomerOrigin, 0);
  g_assert_cmpstr (first->place->code, ==, "4101");
  g_assert_cmpint (first->count, ==, 3);
  /* then by code among equals: Beijing (11) before Luoyang (4103) */
  g_assert_cmpstr (g_array_index (origins->origins, TdCustomerOrigin, 1).place->code, ==, "11");
  g_assert_cmpstr (g_array_index (origins->origins, TdCustomerOrigin, 2).place->code, ==, "4103");
}

static void
origins_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdCustomerOrigins **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = td_customer_origins_finish (TD_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_origins_async (void)
{
  g_autoptr(TdDatabase) db = origins_workspace ();
  g_autoptr(TdCustomerOrigins) origins = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  td_customer_origins_async (db, NULL, origins_done, &origins);
  while (origins == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (origins->placed, ==, 5);

  /* cancelled: an error, not half a result */
  g_cancellable_cancel (cancellable);
  g_assert_null (td_customer_origins (db, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_origins_cli (void)
{
  g_autoptr(TdDatabase) db = origins_workspace ();
  g_auto(TdTestRun) run = { 0 };
  g_auto(TdTestRun) text = { 0 };
  g_auto(TdTestRun) bad = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonArray *list;
  JsonObject *first;

  td_test_cli (&run, "--db", td_database_get_path (db), "customers", "origins", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = td_test_parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (root, "placed"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (root, "unplaced"), ==, 1);
  list = json_object_get_array_member (root, "origins");
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  first = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "郑州");
  g_assert_cmpstr (json_object_get_string_member (first, "level"), ==, "city");
  g_assert_cmpint (json_object_get_int_member (first, "customers"), ==, 3);
  g_assert_cmpfloat (fabs (json_object_get_double_member (first, "latitude") - 34.75), <, 0.05);

  td_test_cli (&text, "--db", td_database_get_path (db), "customers", "origins", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Zhengzhou"));
  g_assert_nonnull (strstr (text.out, "origin unknown: 1"));

  td_test_cli (&bad, "--db", td_database_get_path (db), "customers", "origins", "extra", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  td_test_assert_one_line_error (&bad);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/origins/place-find", test_place_find);
  g_test_add_func ("/origins/place-table", test_place_table);
  g_test_add_func ("/origins/count", test_origins_count);
  g_test_add_func ("/origins/async", test_origins_async);
  g_test_add_func ("/origins/cli", test_origins_cli);

  return g_test_run ();
}
