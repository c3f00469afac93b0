/* td-demo.c: a deterministic demo workspace for Henan province
 *
 * Everything is drawn from one GRand seeded with options->seed, ids
 * included, so the same seed gives the same records (only the timestamps
 * differ). All records go through td_database_commit(), like any other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-demo.h"
#include "td-demo-data.h"
#include "td-id-number.h"
#include "td-time.h"

#define BATCH 5000
#define DEMO_ACTOR "demo"

typedef struct {
  TdDatabase *db;
  GRand      *rand;
  GPtrArray  *changes;
  char       *hotel_org;
  char       *agency_org;
} Demo;

void
td_demo_options_init (TdDemoOptions *options)
{
  options->seed = TD_DEMO_DEFAULT_SEED;
  options->customers = TD_DEMO_DEFAULT_CUSTOMERS;
}

static char *
demo_uuid (Demo *demo)
{
  guint32 w[4];

  for (int i = 0; i < 4; i++)
    w[i] = g_rand_int (demo->rand);
  /* version 4, variant 10xx: random in form, seeded in fact */
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          w[0], w[1] >> 16, w[1] & 0xfff,
                          (w[2] >> 16 & 0x3fff) | 0x8000, w[2] & 0xffff, w[3]);
}

static TdChange *
add_insert (Demo       *demo,
            const char *kind,
            const char *org_id)
{
  g_autofree char *id = demo_uuid (demo);
  TdChange *change = td_change_new_insert_with_id (kind, org_id, id);

  g_ptr_array_add (demo->changes, change);
  return change;
}

static gboolean
flush (Demo    *demo,
       GError **error)
{
  gboolean ok;

  if (demo->changes->len == 0)
    return TRUE;
  ok = td_database_commit (demo->db, DEMO_ACTOR, demo->changes, error);
  g_ptr_array_set_size (demo->changes, 0);
  return ok;
}

static const char *
pick (Demo              *demo,
      const char *const *items,
      guint              n)
{
  return items[g_rand_int_range (demo->rand, 0, (gint32) n)];
}

static const TdDemoRegion *
pick_region (Demo *demo)
{
  static guint total;
  guint r;

  if (total == 0)
    for (guint i = 0; i < td_demo_n_regions; i++)
      total += td_demo_regions[i].weight;

  r = (guint) g_rand_int_range (demo->rand, 0, (gint32) total);
  for (guint i = 0; i < td_demo_n_regions; i++)
    {
      if (r < td_demo_regions[i].weight)
        return &td_demo_regions[i];
      r -= td_demo_regions[i].weight;
    }
  return &td_demo_regions[0];
}

static char *
random_mobile (Demo *demo)
{
  static const char *const prefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
    "151", "152", "155", "156", "157", "158", "159", "166", "176", "177",
    "180", "181", "182", "183", "185", "186", "187", "188", "189", "191",
    "198", "199",
  };

  return g_strdup_printf ("%s%08d", pick (demo, prefixes, G_N_ELEMENTS (prefixes)),
                          g_rand_int_range (demo->rand, 0, 100000000));
}

static char *
random_email (Demo *demo)
{
  static const char *const domains[] = { "qq.com", "163.com", "126.com", "sina.com", "outlook.com" };
  static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
  GString *s = g_string_new (NULL);
  int len = g_rand_int_range (demo->rand, 4, 9);

  for (int i = 0; i < len; i++)
    g_string_append_c (s, letters[g_rand_int_range (demo->rand, 0, 26)]);
  g_string_append_printf (s, "%02d@%s", g_rand_int_range (demo->rand, 0, 100),
                          pick (demo, domains, G_N_ELEMENTS (domains)));
  return g_string_free (s, FALSE);
}

static const char *
random_source (Demo *demo)
{
  int r = g_rand_int_range (demo->rand, 0, 100);

  if (r < 25) return "walk-in";
  if (r < 40) return "phone";
  if (r < 60) return "agency";
  if (r < 85) return "ota";
  if (r < 95) return "platform";
  return "import";
}

static void
add_person (Demo *demo)
{
  const TdDemoRegion *region = pick_region (demo);
  gboolean male = g_rand_boolean (demo->rand);
  const char *family = pick (demo, td_demo_surnames, td_demo_n_surnames);
  g_autofree char *given = NULL;
  g_autofree char *name = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *phone = random_mobile (demo);
  char id[19];
  GDate date;
  int seq;
  TdChange *c;

  if (g_rand_int_range (demo->rand, 0, 10) < 3)
    given = g_strdup (pick (demo, td_demo_given_chars, td_demo_n_given_chars));
  else
    given = g_strconcat (pick (demo, td_demo_given_chars, td_demo_n_given_chars),
                         pick (demo, td_demo_given_chars, td_demo_n_given_chars), NULL);
  name = g_strconcat (family, given, NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1950);
  g_date_add_days (&date, (guint) g_rand_int_range (demo->rand, 0, 56 * 365));
  birth = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                           g_date_get_month (&date), g_date_get_day (&date));

  /* sequence: odd for men, even for women (GB 11643) */
  seq = g_rand_int_range (demo->rand, 0, 500) * 2 + (male ? 1 : 0);
  g_snprintf (id, sizeof id, "%s%04u%02u%02u%03d", region->code,
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), seq);
  id[17] = td_id_number_check_char (id);
  id[18] = '\0';

  c = add_insert (demo, "customer", demo->agency_org);
  td_change_set_string (c, "party", "person");
  td_change_set_string (c, "name", name);
  td_change_set_string (c, "family_name", family);
  td_change_set_string (c, "given_name", given);
  td_change_set_string (c, "gender", male ? "male" : "female");
  td_change_set_string (c, "birth_date", birth);
  td_change_set_string (c, "nationality", "CN");
  td_change_set_string (c, "phone", phone);
  if (g_rand_int_range (demo->rand, 0, 10) < 4)
    {
      g_autofree char *email = random_email (demo);
      td_change_set_string (c, "email", email);
    }
  td_change_set_string (c, "id_type", "resident-id");
  td_change_set_string (c, "id_number", id);
  td_change_set_string (c, "province", region->province);
  td_change_set_string (c, "city", region->city);
  td_change_set_string (c, "language", "zh-CN");
  td_change_set_string (c, "source", random_source (demo));
  td_change_set_int (c, "loyalty_points", g_rand_int_range (demo->rand, 0, 50) * 100);
}

static void
add_organisation_customer (Demo *demo)
{
  const char *name = pick (demo, td_demo_company_names, td_demo_n_company_names);
  g_autofree char *phone = g_strdup_printf ("+86371%08d", g_rand_int_range (demo->rand, 60000000, 69999999));
  TdChange *c = add_insert (demo, "customer", demo->agency_org);

  td_change_set_string (c, "party", "organisation");
  td_change_set_string (c, "name", name);
  td_change_set_string (c, "phone", phone);
  td_change_set_string (c, "province", "河南省");
  td_change_set_string (c, "language", "zh-CN");
  td_change_set_string (c, "source", g_rand_boolean (demo->rand) ? "agency" : "phone");
}

static void
add_hotels (Demo *demo)
{
  for (guint h = 0; h < td_demo_n_hotels; h++)
    {
      const TdDemoHotel *hotel = &td_demo_hotels[h];
      TdChange *property = add_insert (demo, "property", demo->hotel_org);
      TdChange *poi;
      const char *type_ids[8];
      guint n_types = MIN (td_demo_n_room_types, G_N_ELEMENTS (type_ids));

      td_change_set_string (property, "name", hotel->name);
      td_change_set_string (property, "city", hotel->city);
      td_change_set_string (property, "address", hotel->address);
      td_change_set_string (property, "phone", hotel->phone);
      td_change_set_int (property, "stars", hotel->stars);
      td_change_set_double (property, "lat", hotel->lat);
      td_change_set_double (property, "lon", hotel->lon);

      poi = add_insert (demo, "poi", demo->hotel_org);
      td_change_set_string (poi, "name", hotel->name);
      td_change_set_string (poi, "category", "property");
      td_change_set_string (poi, "province", "河南省");
      td_change_set_string (poi, "city", hotel->city);
      td_change_set_string (poi, "address", hotel->address);
      td_change_set_double (poi, "lat", hotel->lat);
      td_change_set_double (poi, "lon", hotel->lon);

      for (guint t = 0; t < n_types; t++)
        {
          const TdDemoRoomType *rt = &td_demo_room_types[t];
          TdChange *type = add_insert (demo, "room_type", demo->hotel_org);
          TdMoney price;

          /* smaller towns, lower prices: 100 % in the five-star, less below */
          td_money_init (&price, rt->price_fen * (5 + hotel->stars) / 10 / 100 * 100, "CNY", NULL);
          td_change_set_string (type, "property_id", td_change_get_id (property));
          td_change_set_string (type, "code", rt->code);
          td_change_set_string (type, "name", rt->name);
          td_change_set_string (type, "beds", rt->beds);
          td_change_set_int (type, "max_adults", rt->max_adults);
          td_change_set_int (type, "max_children", rt->max_children);
          td_change_set_money (type, "base_price", &price);
          type_ids[t] = td_change_get_id (type);
        }

      for (guint floor = 2; floor < 2 + hotel->floors; floor++)
        for (guint r = 1; r <= hotel->rooms_per_floor; r++)
          {
            TdChange *room = add_insert (demo, "room", demo->hotel_org);
            g_autofree char *number = g_strdup_printf ("%u%02u", floor, r);
            guint t;

            /* suites on the top floor, family rooms at the corridor ends */
            if (floor == 1 + hotel->floors && r <= 2)
              t = 3;
            else if (r == hotel->rooms_per_floor)
              t = 2;
            else
              t = r % 2;
            td_change_set_string (room, "property_id", td_change_get_id (property));
            td_change_set_string (room, "room_type_id", type_ids[t]);
            td_change_set_string (room, "number", number);
            td_change_set_int (room, "floor", floor);
            if (r == 1)
              td_change_set_string (room, "features", "accessible");
          }
    }
}

static void
add_attractions (Demo *demo)
{
  for (guint i = 0; i < td_demo_n_attractions; i++)
    {
      const TdDemoAttraction *a = &td_demo_attractions[i];
      TdChange *poi = add_insert (demo, "poi", demo->agency_org);

      td_change_set_string (poi, "name", a->name);
      td_change_set_string (poi, "name_en", a->name_en);
      td_change_set_string (poi, "category", "attraction");
      if (a->rating)
        td_change_set_string (poi, "rating", a->rating);
      td_change_set_string (poi, "province", "河南省");
      td_change_set_string (poi, "city", a->city);
      td_change_set_string (poi, "address", a->address);
      td_change_set_double (poi, "lat", a->lat);
      td_change_set_double (poi, "lon", a->lon);
      td_change_set_string (poi, "opening_hours", a->opening_hours);
      td_change_set_string (poi, "source_crs", "wgs84");
      if (a->ticket_fen > 0)
        {
          TdMoney price;

          td_money_init (&price, a->ticket_fen, "CNY", NULL);
          td_change_set_money (poi, "ticket_price", &price);
        }
    }
}

gboolean
td_demo_generate (TdDatabase          *db,
                  const TdDemoOptions *options,
                  TdDemoProgress       progress,
                  gpointer             progress_data,
                  GCancellable        *cancellable,
                  GError             **error)
{
  Demo demo = { 0 };
  TdDemoOptions defaults;
  TdChange *org;
  gboolean ok = FALSE;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (options == NULL)
    {
      td_demo_options_init (&defaults);
      options = &defaults;
    }

  if (td_database_is_initialized (db))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS,
                           _("The demo can only fill a new, empty workspace"));
      return FALSE;
    }

  demo.db = db;
  demo.rand = g_rand_new_with_seed (options->seed);
  demo.changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);

  org = add_insert (&demo, "organisation", NULL);
  td_change_set_string (org, "name", "中原花园酒店集团");
  td_change_set_string (org, "kind", "hotel");
  td_change_set_string (org, "address", "河南省郑州市金水区商务外环路18号");
  td_change_set_string (org, "tax_id", "91410100MA00DEMP1N");
  td_change_set_string (org, "phone", "0371-60000000");
  demo.hotel_org = g_strdup (td_change_get_id (org));

  org = add_insert (&demo, "organisation", NULL);
  td_change_set_string (org, "name", "中原国际旅行社");
  td_change_set_string (org, "kind", "agency");
  td_change_set_string (org, "address", "河南省郑州市二七区德化街66号");
  td_change_set_string (org, "phone", "0371-60000100");
  demo.agency_org = g_strdup (td_change_get_id (org));

  if (!td_database_set_setting (db, TD_SETTING_NAME, "中原文旅（演示）", error)
      || !td_database_set_setting (db, TD_SETTING_PROFILE, "both", error)
      || !td_database_set_setting (db, TD_SETTING_CURRENCY, TD_DEFAULT_CURRENCY, error)
      || !td_database_set_setting (db, TD_SETTING_TIME_ZONE, TD_DEFAULT_TIME_ZONE, error)
      || !flush (&demo, error)
      || !td_database_set_setting (db, TD_SETTING_DEFAULT_ORG, demo.hotel_org, error))
    goto out;

  add_hotels (&demo);
  add_attractions (&demo);
  if (!flush (&demo, error))
    goto out;

  for (guint i = 0; i < options->customers; i++)
    {
      if (g_rand_int_range (demo.rand, 0, 100) < 4)
        add_organisation_customer (&demo);
      else
        add_person (&demo);

      if (demo.changes->len >= BATCH)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error) || !flush (&demo, error))
            goto out;
          if (progress)
            progress ((double) (i + 1) / options->customers, progress_data);
        }
    }
  if (!flush (&demo, error))
    goto out;
  if (progress)
    progress (1.0, progress_data);
  ok = TRUE;

out:
  g_ptr_array_unref (demo.changes);
  g_rand_free (demo.rand);
  g_free (demo.hotel_org);
  g_free (demo.agency_org);
  return ok;
}

typedef struct {
  char         *path;
  TdDemoOptions options;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
remove_database_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

TdDatabase *
td_demo_create (const char           *path,
                const TdDemoOptions  *options,
                TdDemoProgress        progress,
                gpointer              progress_data,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autofree char *tmp = NULL;
  TdDatabase *db;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(TdDatabase) existing = td_database_open (path, TD_OPEN_FLAGS_READONLY, error);

      if (existing == NULL)
        return NULL;
      if (td_database_is_initialized (existing))
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS,
                       _("“%s” already holds a workspace; the demo needs a new file"), path);
          return NULL;
        }
    }

  /* build beside the target, then move into place: never half a demo */
  tmp = g_strconcat (path, ".creating", NULL);
  remove_database_files (tmp);
  db = td_database_open (tmp, TD_OPEN_FLAGS_CREATE, error);
  if (db == NULL)
    return NULL;
  ok = td_demo_generate (db, options, progress, progress_data, cancellable, error);
  g_object_unref (db);  /* closes and checkpoints: everything is in tmp */

  if (ok)
    {
      remove_database_files (path);
      if (g_rename (tmp, path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not create “%s”: %s"), path, g_strerror (saved_errno));
          ok = FALSE;
        }
    }
  if (!ok)
    {
      remove_database_files (tmp);
      return NULL;
    }

  return td_database_open (path, TD_OPEN_FLAGS_NONE, error);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  GError *error = NULL;
  TdDatabase *db = td_demo_create (data->path, &data->options, NULL, NULL, cancellable, &error);

  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

void
td_demo_create_async (const char          *path,
                      const TdDemoOptions *options,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (CreateData, 1);
  data->path = g_strdup (path);
  if (options)
    data->options = *options;
  else
    td_demo_options_init (&data->options);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_demo_create_async);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

TdDatabase *
td_demo_create_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
