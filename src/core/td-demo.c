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
#include "td-rates.h"
#include "td-stays.h"
#include "td-demo-tours.h"
#include "td-time.h"

#define BATCH 5000
#define DEMO_ACTOR "demo"

/* the front desk of a hotel, as generated */
typedef struct {
  char       *id;
  char       *number;
  guint       type;     /* index in td_demo_room_types */
  gboolean    left_today;  /* a guest checked out of it today */
} DemoRoom;

typedef struct {
  char       *property_id;
  char       *type_ids[8];
  gint64      type_prices[8];
  GPtrArray  *rooms;            /* DemoRoom* */
  TdRatePlan *plans[8][2];      /* BAR and NRF of each type, as written */
} DemoHotel;

typedef struct {
  TdDatabase *db;
  GRand      *rand;
  GPtrArray  *changes;
  char       *hotel_org;
  char       *agency_org;
  DemoHotel  *hotels;
  guint       n_hotels;
  GRand      *when_rand;        /* booking dates and seasons: apart, so the rest
                                 * of a demo does not change with them */
  guint       history_days;
  GPtrArray  *people;           /* ids of person customers */
  char       *travel_agency;    /* customers of the hotels: an agency, OTAs */
  char       *ota;
  char       *platform;
  guint32     today;
  gint64      now;
  /* progress: the front desk's rooms run from progress_from to 0.95 */
  TdDemoProgress progress;
  gpointer       progress_data;
  double         progress_from;
  GCancellable  *cancellable;
} Demo;

void
td_demo_options_init (TdDemoOptions *options)
{
  options->seed = TD_DEMO_DEFAULT_SEED;
  options->customers = TD_DEMO_DEFAULT_CUSTOMERS;
  options->base_date = 0;
  options->history_days = 0;
  options->hotel_copies = 0;
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
  g_ptr_array_add (demo->people, g_strdup (td_change_get_id (c)));
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
add_hotels (Demo  *demo,
            guint  copies)
{
  demo->hotels = g_new0 (DemoHotel, td_demo_n_hotels * copies);
  for (guint k = 0; k < td_demo_n_hotels * copies; k++)
    {
      guint h = k % td_demo_n_hotels, copy = k / td_demo_n_hotels;
      const TdDemoHotel *hotel = &td_demo_hotels[h];
      TdChange *property = add_insert (demo, "property", demo->hotel_org);
      TdChange *poi;
      const char *type_ids[8];
      guint n_types = MIN (td_demo_n_room_types, G_N_ELEMENTS (type_ids));
      DemoHotel *dh = &demo->hotels[demo->n_hotels++];
      g_autofree char *name = copy ? g_strdup_printf ("%s（%u）", hotel->name, copy + 1) : g_strdup (hotel->name);

      dh->property_id = g_strdup (td_change_get_id (property));
      dh->rooms = g_ptr_array_new ();

      td_change_set_string (property, "name", name);
      td_change_set_string (property, "city", hotel->city);
      td_change_set_string (property, "address", hotel->address);
      td_change_set_string (property, "phone", hotel->phone);
      td_change_set_int (property, "stars", hotel->stars);
      td_change_set_double (property, "lat", hotel->lat);
      td_change_set_double (property, "lon", hotel->lon);

      if (copy > 0)
        goto rooms;
      poi = add_insert (demo, "poi", demo->hotel_org);
      td_change_set_string (poi, "name", hotel->name);
      td_change_set_string (poi, "category", "property");
      td_change_set_string (poi, "province", "河南省");
      td_change_set_string (poi, "city", hotel->city);
      td_change_set_string (poi, "address", hotel->address);
      td_change_set_double (poi, "lat", hotel->lat);
      td_change_set_double (poi, "lon", hotel->lon);

    rooms:
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
          dh->type_ids[t] = g_strdup (type_ids[t]);
          dh->type_prices[t] = price.minor;
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
            {
              DemoRoom *dr = g_new0 (DemoRoom, 1);

              dr->id = g_strdup (td_change_get_id (room));
              dr->number = g_strdup (number);
              dr->type = t;
              g_ptr_array_add (dh->rooms, dr);
            }
          }
    }
}

/* attraction tickets (issue 6): prices by type and a week of time slots,
 * the morning ones small enough to sell out */
#define TICKETED_ATTRACTIONS 4

static void
add_tickets (Demo                   *demo,
             const char             *poi_id,
             const TdDemoAttraction *a)
{
  static const char *const types[] = { "adult", "child", "senior", "student", "free" };
  static const char *const starts[] = { "08:30", "10:30", "13:00", "15:00" };
  static const char *const ends[] = { "10:30", "13:00", "15:00", "17:00" };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      TdChange *type = add_insert (demo, "ticket_type", demo->agency_org);
      TdMoney price;

      /* children, seniors and students at half price, as scenic areas do */
      td_money_init (&price, t == 0 ? a->ticket_fen : t < 4 ? a->ticket_fen / 2 : 0, "CNY", NULL);
      td_change_set_string (type, "poi_id", poi_id);
      td_change_set_string (type, "type", types[t]);
      td_change_set_money (type, "price", &price);
    }
  for (guint d = 0; d < 7; d++)
    for (guint s = 0; s < G_N_ELEMENTS (starts); s++)
      {
        TdChange *slot = add_insert (demo, "attraction_slot", demo->agency_org);
        g_autofree char *date = td_date_format_iso (demo->today + d);

        td_change_set_string (slot, "poi_id", poi_id);
        td_change_set_string (slot, "date", date);
        td_change_set_string (slot, "start_time", starts[s]);
        td_change_set_string (slot, "end_time", ends[s]);
        td_change_set_int (slot, "capacity", s == 0 ? 30 : 200 + 100 * (gint64) g_rand_int_range (demo->rand, 0, 4));
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
      if (i < TICKETED_ATTRACTIONS)
        add_tickets (demo, td_change_get_id (poi), a);
    }
}

/* ------------------------------------------------------------------ */
/* the front desk: rate plans, taxes, and stays around "today"        */

#define DAYS_BEFORE 10   /* stays from ten days before today */
#define DAYS_AFTER  21   /* to three weeks after */
#define BLOCK_ROOMS 8

typedef struct {
  guint   room;          /* index in the hotel's rooms */
  guint32 start, end;
} DemoHole;              /* nights a room is kept free of stays */

/* a percentage of a price, in whole yuan */
static gint64
percent_of (gint64 price,
            int    percent)
{
  return (price * percent / 100 + 50) / 100 * 100;
}

static void
set_cny (TdChange   *change,
         const char *field,
         gint64      minor)
{
  TdMoney money;

  td_money_init (&money, minor, "CNY", NULL);
  td_change_set_money (change, field, &money);
}

static void
set_date (TdChange   *change,
          const char *field,
          guint32     julian)
{
  g_autofree char *text = td_date_format_iso (julian);

  td_change_set_string (change, field, text);
}

/* a local time in China on a date, as the stored UTC timestamp */
static char *
china_time (guint32 julian,
            int     hour,
            int     minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  local = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                           hour, minute, 0);
  return td_timestamp_from_unix (g_date_time_to_unix (local) * G_USEC_PER_SEC);
}

static guint32
julian_of (int        year,
           GDateMonth month,
           int        day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, month, (GDateYear) year);
  return g_date_get_julian (&date);
}

/* a season both written and kept in the plan used to price the stays */
static void
add_season (Demo       *demo,
            TdRatePlan *plan,
            const char *name,
            guint32     start,
            guint32     end,
            const char *weekdays,
            gint64      price)
{
  TdRateSeason season = { start, end, 0x7f, price, -1, -1 };
  TdChange *c = add_insert (demo, "rate_season", demo->hotel_org);

  if (weekdays)
    {
      season.weekdays = 0;
      for (int d = 0; d < 7; d++)
        if (weekdays[d] == '1')
          season.weekdays |= (guint8) (1u << d);
      td_change_set_string (c, "weekdays", weekdays);
    }
  g_array_append_val (plan->seasons, season);
  td_change_set_string (c, "rate_plan_id", plan->id);
  td_change_set_string (c, "name", name);
  if (end)
    {
      set_date (c, "start_date", start);
      set_date (c, "end_date", end);
    }
  set_cny (c, "price", price);
}

static void
add_restriction (Demo       *demo,
                 TdRatePlan *plan,
                 guint32     start,
                 guint32     end,
                 guint       min_nights,
                 gboolean    closed)
{
  TdRateRestriction r = { start, end, min_nights, 0, closed, FALSE, FALSE };
  TdChange *c = add_insert (demo, "rate_restriction", demo->hotel_org);

  g_array_append_val (plan->restrictions, r);
  td_change_set_string (c, "rate_plan_id", plan->id);
  set_date (c, "start_date", start);
  set_date (c, "end_date", end);
  if (min_nights)
    td_change_set_int (c, "min_nights", min_nights);
  if (closed)
    td_change_set_bool (c, "closed", TRUE);
}

/* BAR (门市价): weekends +15 %, summer +20 %, Golden Week +50 % and three
 * nights at least; NRF (提前付·不可退): 12 % less, non-refundable, not
 * sold in Golden Week. The seasons of last year, this year and next. */
static void
add_rate_plans (Demo      *demo,
                DemoHotel *hotel,
                guint      t)
{
  const TdDemoRoomType *rt = &td_demo_room_types[t];
  gint64 price = hotel->type_prices[t];
  GDate today;
  int year;

  g_date_clear (&today, 1);
  g_date_set_julian (&today, demo->today);
  year = g_date_get_year (&today);

  for (guint p = 0; p < 2; p++)
    {
      TdChange *c = add_insert (demo, "rate_plan", demo->hotel_org);
      TdRatePlan *plan = td_rate_plan_new (hotel->type_ids[t], "CNY");

      hotel->plans[t][p] = plan;
      plan->id = g_strdup (td_change_get_id (c));
      plan->code = g_strdup (p == 0 ? "BAR" : "NRF");
      plan->name = g_strdup (p == 0 ? "门市价" : "提前付·不可退");
      plan->base_price = p == 0 ? price : percent_of (price, 88);
      plan->extra_adult = percent_of (price, 20);
      plan->extra_child = 5000;
      plan->max_nights = 28;
      plan->max_adults = (guint) rt->max_adults;
      plan->max_children = (guint) rt->max_children;
      if (p == 0)
        {
          plan->policy.penalty = TD_PENALTY_FIRST_NIGHT;
          plan->policy.free_days = 1;
        }
      else
        {
          plan->policy.penalty = TD_PENALTY_PERCENT;
          plan->policy.free_days = -1;
          plan->policy.percent = 100;
        }

      td_change_set_string (c, "room_type_id", plan->room_type_id);
      td_change_set_string (c, "code", plan->code);
      td_change_set_string (c, "name", plan->name);
      set_cny (c, "base_price", plan->base_price);
      td_change_set_int (c, "base_adults", 2);
      set_cny (c, "extra_adult", plan->extra_adult);
      set_cny (c, "extra_child", plan->extra_child);
      td_change_set_int (c, "max_nights", plan->max_nights);
      td_change_set_string (c, "cancel_penalty", p == 0 ? "first-night" : "percent");
      if (p == 0)
        td_change_set_int (c, "cancel_free_days", 1);
      else
        td_change_set_int (c, "cancel_percent", 100);

      if (p == 1)
        {
          for (int y = year - 1; y <= year + 1; y++)
            add_restriction (demo, plan, julian_of (y, G_DATE_OCTOBER, 1), julian_of (y, G_DATE_OCTOBER, 8), 0, TRUE);
          continue;
        }
      add_season (demo, plan, "周末", 0, 0, "0000110", percent_of (price, 115));
      for (int y = year - 1; y <= year + 1; y++)
        {
          add_season (demo, plan, "暑期", julian_of (y, G_DATE_JULY, 1), julian_of (y, G_DATE_SEPTEMBER, 1),
                      NULL, percent_of (price, 120));
          add_season (demo, plan, "国庆黄金周", julian_of (y, G_DATE_OCTOBER, 1), julian_of (y, G_DATE_OCTOBER, 8),
                      NULL, percent_of (price, 150));
          add_restriction (demo, plan, julian_of (y, G_DATE_OCTOBER, 1), julian_of (y, G_DATE_OCTOBER, 4), 3, FALSE);
        }
    }
}

static TdChange *
add_organisation (Demo       *demo,
                  const char *name,
                  const char *source,
                  char      **id)
{
  TdChange *c = add_insert (demo, "customer", demo->hotel_org);

  td_change_set_string (c, "party", "organisation");
  td_change_set_string (c, "name", name);
  td_change_set_string (c, "source", source);
  td_change_set_string (c, "language", "zh-CN");
  *id = g_strdup (td_change_get_id (c));
  return c;
}

static gboolean
in_hole (GArray  *holes,
         guint    room,
         guint32  start,
         guint32  end,
         guint32 *hole_end)
{
  for (guint i = 0; i < holes->len; i++)
    {
      DemoHole *hole = &g_array_index (holes, DemoHole, i);

      if (hole->room == room && hole->start < end && start < hole->end)
        {
          *hole_end = hole->end;
          return TRUE;
        }
    }
  return FALSE;
}

static const char *
random_requests (Demo *demo)
{
  static const char *const requests[] = { "高楼层", "无烟房", "安静的房间", "需要加床", "晚到，请保留房间" };

  if (g_rand_int_range (demo->rand, 0, 100) >= 8)
    return NULL;
  return pick (demo, requests, G_N_ELEMENTS (requests));
}

/* When a stay arriving then from a source was booked, never after now:
 * walk-ins on the day, phone calls within two weeks, agencies weeks ahead,
 * online bookings anything up to two months, most of them close in. */
static char *
booked_time (Demo       *demo,
             const char *source,
             guint32     arrival)
{
  GRand *rand = demo->when_rand;
  guint32 lead, day;
  int hour = 8 + g_rand_int_range (rand, 0, 14);

  if (g_str_equal (source, "walk-in"))
    lead = 0;
  else if (g_str_equal (source, "phone"))
    lead = (guint32) g_rand_int_range (rand, 0, 15);
  else if (g_str_equal (source, "agency"))
    lead = (guint32) g_rand_int_range (rand, 7, 61);
  else
    {
      double u = g_rand_double (rand);

      lead = (guint32) (u * u * 60);
    }
  day = arrival - lead;
  if (day > demo->today)
    day = demo->today;
  if (day == demo->today)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (demo->now / G_USEC_PER_SEC);

      hour = MIN (hour, (g_date_time_get_hour (now) + 8) % 24);
    }
  return china_time (day, hour, g_rand_int_range (rand, 0, 60));
}

/* In a demo with history: would this stay have been booked by today? A
 * later booking is not on the books yet: the nights ahead fill up as they
 * come closer, as they do in a hotel. */
static gboolean
booked_by_today (Demo    *demo,
                 guint32  arrival)
{
  guint32 days_ahead;

  if (demo->history_days == 0 || arrival <= demo->today)
    return TRUE;
  days_ahead = arrival - demo->today;
  /* about 90 % of the rooms a night will sell are booked a day before, 40 % three weeks before */
  return g_rand_double (demo->when_rand) < 0.92 - 0.025 * days_ahead;
}

/* In a demo with history: how likely a room stays empty a night: weekends
 * and holidays are busier, January and March quieter */
static gboolean
season_gap (Demo    *demo,
            guint32  night)
{
  GDate date;
  double busy = 0.7;

  if (demo->history_days == 0)
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, night);
  switch (g_date_get_weekday (&date))
    {
    case G_DATE_FRIDAY:
    case G_DATE_SATURDAY:
      busy += 0.18;
      break;
    case G_DATE_SUNDAY:
      busy -= 0.12;
      break;
    case G_DATE_MONDAY:
    case G_DATE_TUESDAY:
    case G_DATE_WEDNESDAY:
    case G_DATE_THURSDAY:
    case G_DATE_BAD_WEEKDAY:
    default:
      break;
    }
  switch (g_date_get_month (&date))
    {
    case G_DATE_JULY:
    case G_DATE_AUGUST:
      busy += 0.12;
      break;
    case G_DATE_OCTOBER:
      busy += g_date_get_day (&date) <= 7 ? 0.3 : 0.05;
      break;
    case G_DATE_JANUARY:
    case G_DATE_MARCH:
      busy -= 0.12;
      break;
    case G_DATE_FEBRUARY:
    case G_DATE_APRIL:
    case G_DATE_MAY:
    case G_DATE_JUNE:
    case G_DATE_SEPTEMBER:
    case G_DATE_NOVEMBER:
    case G_DATE_DECEMBER:
    case G_DATE_BAD_MONTH:
    default:
      break;
    }
  return g_rand_double (demo->when_rand) > busy;
}

/* In a demo with history, one guest in six answers the survey after
 * leaving: mostly content, the odd unhappy one */
static void
add_survey (Demo       *demo,
            DemoHotel  *hotel,
            TdChange   *stay,
            const char *guest,
            guint32     departure)
{
  static const char *const praise[] = { "服务热情周到", "房间干净，早餐丰富", "位置方便，下次还来", "前台办理入住很快" };
  static const char *const complaints[] = { "隔音不好，有点吵", "热水不稳定", "早餐品种少", "空调声音大" };
  GRand *rand = demo->when_rand;
  TdChange *survey;
  g_autofree char *at = NULL;
  double mood;
  guint32 day;
  int nps, cleanliness, value;

  if (demo->history_days == 0 || g_rand_int_range (rand, 0, 6) != 0)
    return;
  mood = g_rand_double (rand);
  nps = mood < 0.12 ? g_rand_int_range (rand, 2, 7) : mood < 0.4 ? g_rand_int_range (rand, 7, 9) : g_rand_int_range (rand, 9, 11);
  day = departure + (guint32) g_rand_int_range (rand, 0, 3);
  if (day >= demo->today)
    return;
  at = china_time (day, 10 + g_rand_int_range (rand, 0, 10), 0);
  survey = add_insert (demo, "survey_response", demo->hotel_org);
  td_change_set_string (survey, "customer_id", guest);
  td_change_set_string (survey, "stay_id", td_change_get_id (stay));
  td_change_set_string (survey, "property_id", hotel->property_id);
  td_change_set_int (survey, "nps", nps);
  cleanliness = (nps + g_rand_int_range (rand, -1, 2)) / 2;
  value = (nps + g_rand_int_range (rand, -2, 1)) / 2;
  td_change_set_int (survey, "rating_service", CLAMP (nps / 2, 1, 5));
  td_change_set_int (survey, "rating_cleanliness", CLAMP (cleanliness, 1, 5));
  td_change_set_int (survey, "rating_value", CLAMP (value, 1, 5));
  if (g_rand_int_range (rand, 0, 3) == 0)
    td_change_set_string (survey, "comment", nps >= 7 ? pick (demo, praise, G_N_ELEMENTS (praise))
                                                      : pick (demo, complaints, G_N_ELEMENTS (complaints)));
  td_change_set_string (survey, "answered_at", at);
  td_change_set_string (survey, "channel", g_rand_boolean (rand) ? "wechat" : "sms");
}

/* One stay (and its reservation), in a state that fits its dates. */
static gboolean
add_stay (Demo       *demo,
          DemoHotel  *hotel,
          DemoRoom   *room,
          guint32     arrival,
          guint32     departure)
{
  const TdDemoRoomType *rt = &td_demo_room_types[room->type];
  TdDateRange dates = { arrival, departure };
  g_autoptr(TdRateQuote) quote = NULL;
  g_autofree char *nightly = NULL;
  TdRatePlan *plan;
  TdChange *reservation, *stay;
  const char *source;
  const char *agency = NULL;
  const char *requests = random_requests (demo);
  const char *guest = pick (demo, (const char *const *) demo->people->pdata, demo->people->len);
  guint adults, children = 0;
  int r = g_rand_int_range (demo->rand, 0, 100);
  gboolean nrf = g_rand_int_range (demo->rand, 0, 100) < 20;

  adults = rt->max_adults > 2 ? 2 : (guint) g_rand_int_range (demo->rand, 1, rt->max_adults + 1);
  if (rt->max_children >= 2 && g_rand_boolean (demo->rand))
    children = (guint) g_rand_int_range (demo->rand, 1, rt->max_children + 1);

  /* the cheaper plan when its rules allow, as a clerk would */
  plan = hotel->plans[room->type][nrf ? 1 : 0];
  quote = td_rate_plan_quote (plan, &dates, adults, children, NULL);
  if (quote == NULL || quote->problems != TD_RATE_OK)
    {
      g_clear_pointer (&quote, td_rate_quote_free);
      plan = hotel->plans[room->type][0];
      quote = td_rate_plan_quote (plan, &dates, adults, children, NULL);
    }
  if (quote == NULL || quote->problems != TD_RATE_OK)
    return FALSE;

  source = r < 20 || !demo->travel_agency ? "walk-in" : r < 40 ? "phone" : r < 55 ? "agency" : r < 90 ? "ota" : "platform";
  reservation = add_insert (demo, "reservation", demo->hotel_org);
  td_change_set_string (reservation, "property_id", hotel->property_id);
  td_change_set_string (reservation, "customer_id", guest);
  td_change_set_string (reservation, "source", source);
  if (g_str_equal (source, "agency"))
    {
      agency = demo->travel_agency;
      td_change_set_int (reservation, "commission_bp", 1000);
    }
  else if (g_str_equal (source, "ota") || g_str_equal (source, "platform"))
    {
      g_autofree char *reference = g_strdup_printf ("%s%010u", g_str_equal (source, "ota") ? "CT" : "MT",
                                                    g_rand_int (demo->rand) % 1000000000u);

      agency = g_str_equal (source, "ota") ? demo->ota : demo->platform;
      td_change_set_string (reservation, "reference", reference);
      td_change_set_int (reservation, "commission_bp", g_str_equal (source, "ota") ? 1500 : 800);
    }
  if (agency)
    td_change_set_string (reservation, "agency_id", agency);
  if (requests)
    td_change_set_string (reservation, "requests", requests);
  {
    g_autofree char *booked_at = booked_time (demo, source, arrival);

    td_change_set_string (reservation, "booked_at", booked_at);
  }
  td_change_set_string (reservation, "cancel_penalty", plan->policy.penalty == TD_PENALTY_PERCENT ? "percent" : "first-night");
  if (plan->policy.free_days >= 0)
    td_change_set_int (reservation, "cancel_free_days", plan->policy.free_days);
  if (plan->policy.penalty == TD_PENALTY_PERCENT)
    td_change_set_int (reservation, "cancel_percent", plan->policy.percent);

  stay = add_insert (demo, "stay", demo->hotel_org);
  nightly = td_nightly_to_json (quote->nightly);
  td_change_set_string (stay, "reservation_id", td_change_get_id (reservation));
  td_change_set_string (stay, "property_id", hotel->property_id);
  td_change_set_string (stay, "room_type_id", hotel->type_ids[room->type]);
  td_change_set_string (stay, "room_id", room->id);
  set_date (stay, "arrival", arrival);
  set_date (stay, "departure", departure);
  td_change_set_int (stay, "adults", adults);
  td_change_set_int (stay, "children", children);
  td_change_set_string (stay, "rate_plan_id", plan->id);
  td_change_set_string (stay, "nightly_prices", nightly);
  set_cny (stay, "total", quote->rooms.minor);

  /* what has happened by today: a few did not come, or cancelled */
  r = g_rand_int_range (demo->rand, 0, 100);
  if (arrival < demo->today && r < 3)
    {
      g_autofree char *when = china_time (arrival + 1, 0, 30);

      td_change_set_string (stay, "state", "no_show");
      td_change_set_string (stay, "cancel_reason", "no-show");
      td_change_set_string (stay, "cancelled_at", when);
      set_cny (stay, "cancellation_fee",
               td_cancel_policy_fee (&plan->policy, (const gint64 *) (gpointer) quote->nightly->data,
                                     quote->nightly->len, arrival, arrival + 1));
    }
  else if (departure <= demo->today && r < 8)
    {
      guint32 day = arrival - (guint32) g_rand_int_range (demo->rand, 0, 10);
      g_autofree char *when = china_time (day, 10, 30);

      td_change_set_string (stay, "state", "cancelled");
      td_change_set_string (stay, "cancel_reason", "guest");
      td_change_set_string (stay, "cancelled_at", when);
      set_cny (stay, "cancellation_fee",
               td_cancel_policy_fee (&plan->policy, (const gint64 *) (gpointer) quote->nightly->data,
                                     quote->nightly->len, arrival, day));
    }
  else if (departure <= demo->today)
    {
      g_autofree char *in = china_time (arrival, 14 + g_rand_int_range (demo->rand, 0, 8), g_rand_int_range (demo->rand, 0, 60));
      g_autofree char *out = china_time (departure, 7 + g_rand_int_range (demo->rand, 0, 5), g_rand_int_range (demo->rand, 0, 60));

      td_change_set_string (stay, "state", "checked_out");
      td_change_set_string (stay, "checked_in_at", in);
      td_change_set_string (stay, "checked_out_at", out);
      room->left_today |= departure == demo->today;
      add_survey (demo, hotel, stay, guest, departure);
    }
  else if (arrival <= demo->today)
    {
      /* in house; half of today's arrivals are still to come */
      if (arrival == demo->today && r < 50)
        td_change_set_string (stay, "state", "confirmed");
      else
        {
          g_autofree char *in = china_time (arrival, 14 + g_rand_int_range (demo->rand, 0, 8), g_rand_int_range (demo->rand, 0, 60));

          td_change_set_string (stay, "state", "checked_in");
          td_change_set_string (stay, "checked_in_at", in);
        }
    }
  else if (r < 7)
    {
      g_autofree char *when = td_timestamp_from_unix (demo->now - g_rand_int_range (demo->rand, 1, 72) * G_TIME_SPAN_HOUR);

      td_change_set_string (stay, "state", "cancelled");
      td_change_set_string (stay, "cancel_reason", "guest");
      td_change_set_string (stay, "cancelled_at", when);
      set_cny (stay, "cancellation_fee",
               td_cancel_policy_fee (&plan->policy, (const gint64 *) (gpointer) quote->nightly->data,
                                     quote->nightly->len, arrival, demo->today));
    }
  else if (r < 15)
    {
      g_autofree char *hold = td_timestamp_from_unix (demo->now + g_rand_int_range (demo->rand, 24, 72) * G_TIME_SPAN_HOUR);

      td_change_set_string (stay, "state", "tentative");
      td_change_set_string (stay, "hold_until", hold);
    }
  else
    {
      td_change_set_string (stay, "state", "confirmed");
      if (r < 45)
        set_cny (reservation, "deposit", g_array_index (quote->nightly, gint64, 0));
    }
  return TRUE;
}

/* 河南老年大学's autumn trip in the first hotel: 8 standard rooms a week
 * from today, released five days before; three guests picked up so far */
static void
add_block (Demo      *demo,
           DemoHotel *hotel,
           GArray    *holes)
{
  static const char *const names[] = { "刘建国", "陈秀英", "张桂兰" };
  guint32 start = demo->today + 7, end = demo->today + 10;
  gint64 price = percent_of (hotel->type_prices[0], 80);
  TdChange *reservation, *block;
  guint kept = 0;

  reservation = add_insert (demo, "reservation", demo->hotel_org);
  td_change_set_string (reservation, "property_id", hotel->property_id);
  td_change_set_string (reservation, "customer_id", demo->travel_agency);
  td_change_set_string (reservation, "agency_id", demo->travel_agency);
  td_change_set_string (reservation, "source", "agency");
  td_change_set_string (reservation, "reference", "河南老年大学秋游团");
  td_change_set_int (reservation, "commission_bp", 1000);
  td_change_set_string (reservation, "cancel_penalty", "first-night");
  td_change_set_int (reservation, "cancel_free_days", 3);

  block = add_insert (demo, "group_block", demo->hotel_org);
  td_change_set_string (block, "property_id", hotel->property_id);
  td_change_set_string (block, "room_type_id", hotel->type_ids[0]);
  td_change_set_string (block, "agency_id", demo->travel_agency);
  td_change_set_string (block, "reservation_id", td_change_get_id (reservation));
  td_change_set_string (block, "name", "河南老年大学秋游团");
  td_change_set_int (block, "rooms", BLOCK_ROOMS);
  set_date (block, "start_date", start);
  set_date (block, "end_date", end);
  set_date (block, "release_date", demo->today + 2);
  td_change_set_string (block, "rate_plan_id", hotel->plans[0][0]->id);
  set_cny (block, "price", price);
  td_change_set_string (block, "state", "held");

  /* the block's rooms are kept out of the stays generated below (the room
   * type must keep them); three have guests of the group already */
  for (guint i = 0; i < hotel->rooms->len && kept < BLOCK_ROOMS; i++)
    {
      DemoRoom *room = g_ptr_array_index (hotel->rooms, i);
      DemoHole hole = { i, start, end };

      if (room->type != 0)
        continue;
      g_array_append_val (holes, hole);
      if (kept < G_N_ELEMENTS (names))
        {
          TdChange *stay = add_insert (demo, "stay", demo->hotel_org);
          g_autoptr(GArray) nightly = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autofree char *text = NULL;

          for (guint32 n = start; n < end; n++)
            g_array_append_val (nightly, price);
          text = td_nightly_to_json (nightly);
          td_change_set_string (stay, "reservation_id", td_change_get_id (reservation));
          td_change_set_string (stay, "property_id", hotel->property_id);
          td_change_set_string (stay, "room_type_id", hotel->type_ids[0]);
          td_change_set_string (stay, "room_id", room->id);
          set_date (stay, "arrival", start);
          set_date (stay, "departure", end);
          td_change_set_int (stay, "adults", 2);
          td_change_set_string (stay, "rate_plan_id", hotel->plans[0][0]->id);
          td_change_set_string (stay, "block_id", td_change_get_id (block));
          td_change_set_string (stay, "guest_name", names[kept]);
          td_change_set_string (stay, "state", "confirmed");
          td_change_set_string (stay, "nightly_prices", text);
          set_cny (stay, "total", price * (end - start));
        }
      kept++;
    }
}

/* The hotels' partners, counted among the customers asked for: the
 * number of customers created (none when fewer than three were asked). */
static guint
add_partners (Demo  *demo,
              guint  customers)
{
  if (customers < 3)
    return 0;
  add_organisation (demo, "中原国际旅行社", "agency", &demo->travel_agency);
  add_organisation (demo, "携程旅行网", "ota", &demo->ota);
  add_organisation (demo, "美团酒店", "platform", &demo->platform);
  return 3;
}

static gboolean
add_front_desk (Demo    *demo,
                GError **error)
{
  guint n_rooms = 0, rooms_done = 0;

  for (guint h = 0; h < demo->n_hotels; h++)
    n_rooms += demo->hotels[h].rooms->len;

  for (guint h = 0; h < demo->n_hotels; h++)
    {
      DemoHotel *hotel = &demo->hotels[h];
      g_autoptr(GArray) holes = g_array_new (FALSE, FALSE, sizeof (DemoHole));
      TdChange *tax = add_insert (demo, "tax_fee", demo->hotel_org);
      guint n = hotel->rooms->len;

      td_change_set_string (tax, "property_id", hotel->property_id);
      td_change_set_string (tax, "name", "增值税");
      td_change_set_string (tax, "basis", "percent");
      td_change_set_int (tax, "rate_bp", 600);
      td_change_set_bool (tax, "included", TRUE);
      for (guint t = 0; t < td_demo_n_room_types && t < G_N_ELEMENTS (hotel->type_ids); t++)
        add_rate_plans (demo, hotel, t);

      /* two rooms out of order: one now, one later */
      for (guint k = 0; k < 2 && n > 0; k++)
        {
          DemoHole hole = { (h * 7 + 5 + k * 13) % n,
                            k == 0 ? demo->today - 2 : demo->today + 10,
                            k == 0 ? demo->today + 3 : demo->today + 13 };
          TdChange *c = add_insert (demo, "out_of_order", demo->hotel_org);

          td_change_set_string (c, "room_id", ((DemoRoom *) g_ptr_array_index (hotel->rooms, hole.room))->id);
          set_date (c, "start_date", hole.start);
          set_date (c, "end_date", hole.end);
          td_change_set_string (c, "reason", k == 0 ? "空调维修" : "更换地毯");
          g_array_append_val (holes, hole);
        }
      if (h == 0 && demo->travel_agency)
        add_block (demo, hotel, holes);
      /* no customers, no guests */
      if (demo->people->len == 0)
        continue;

      /* each room, night after night: a gap now and then, stays of one to
       * six nights (most of one to three) */
      for (guint i = 0; i < n; i++)
        {
          DemoRoom *room = g_ptr_array_index (hotel->rooms, i);
          guint32 cursor = demo->today - DAYS_BEFORE - demo->history_days - (guint32) g_rand_int_range (demo->rand, 0, 4);

          while (cursor < demo->today + DAYS_AFTER)
            {
              int g = g_rand_int_range (demo->rand, 0, 100);
              int l = g_rand_int_range (demo->rand, 0, 100);
              guint32 gap = g < 45 ? 0 : g < 75 ? 1 : g < 90 ? 2 : 4;
              guint32 nights = l < 35 ? 1 : l < 65 ? 2 : l < 85 ? 3 : (guint32) g_rand_int_range (demo->rand, 4, 7);
              guint32 start = cursor + gap, end = start + nights, hole_end;

              if (in_hole (holes, i, start, end, &hole_end))
                {
                  cursor = hole_end;
                  continue;
                }
              if (season_gap (demo, start) || !booked_by_today (demo, start))
                {
                  cursor = start + 1;
                  continue;
                }
              cursor = add_stay (demo, hotel, room, start, end) ? end : start + 1;
              if (demo->changes->len >= BATCH && !flush (demo, error))
                return FALSE;
            }

          /* months of history take seconds: say how far it is, and stop when asked */
          rooms_done++;
          if (g_cancellable_set_error_if_cancelled (demo->cancellable, error))
            return FALSE;
          if (demo->progress && n_rooms > 0)
            demo->progress (demo->progress_from + (0.95 - demo->progress_from) * rooms_done / n_rooms,
                            demo->progress_data);
        }

      /* housekeeping this morning: the rooms guests left today are dirty,
       * most others inspected, some cleaned and waiting for inspection */
      for (guint i = 0; i < n; i++)
        {
          DemoRoom *room = g_ptr_array_index (hotel->rooms, i);
          int r = g_rand_int_range (demo->rand, 0, 100);
          TdChange *c = td_change_new_update ("room", room->id, 1);
          g_autofree char *at = china_time (demo->today, 8, g_rand_int_range (demo->rand, 0, 60));

          td_change_set_string (c, "housekeeping", room->left_today || r < 8 ? "dirty" : r < 30 ? "clean" : "inspected");
          td_change_set_string (c, "housekeeping_at", at);
          g_ptr_array_add (demo->changes, c);
        }
    }
  return flush (demo, error);
}

static void
demo_hotel_clear (DemoHotel *hotel)
{
  g_free (hotel->property_id);
  for (guint t = 0; t < G_N_ELEMENTS (hotel->type_ids); t++)
    {
      g_free (hotel->type_ids[t]);
      g_clear_pointer (&hotel->plans[t][0], td_rate_plan_free);
      g_clear_pointer (&hotel->plans[t][1], td_rate_plan_free);
    }
  for (guint i = 0; hotel->rooms && i < hotel->rooms->len; i++)
    {
      DemoRoom *room = g_ptr_array_index (hotel->rooms, i);

      g_free (room->id);
      g_free (room->number);
      g_free (room);
    }
  g_clear_pointer (&hotel->rooms, g_ptr_array_unref);
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
  guint n_partners;
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
  demo.when_rand = g_rand_new_with_seed (options->seed ^ 0x5eed);
  demo.history_days = options->history_days;
  demo.progress = progress;
  demo.progress_data = progress_data;
  demo.cancellable = cancellable;
  demo.changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  demo.people = g_ptr_array_new_with_free_func (g_free);
  if (options->base_date)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
      g_autoptr(GDateTime) noon = NULL;
      GDate date;

      /* noon of that day in China: what a fixed "now" means for holds */
      g_date_clear (&date, 1);
      g_date_set_julian (&date, options->base_date);
      noon = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
      demo.today = options->base_date;
      demo.now = g_date_time_to_unix (noon) * G_USEC_PER_SEC;
    }
  else
    {
      demo.today = td_today_julian (TD_DEFAULT_TIME_ZONE);
      demo.now = g_get_real_time ();
    }

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

  add_hotels (&demo, MAX (options->hotel_copies, 1));
  add_attractions (&demo);
  if (!flush (&demo, error))
    goto out;

  /* the share of the work the customers are: a customer is about as much
   * work as a stay, and a room has a stay every three nights or so */
  {
    double stays = 0;

    for (guint h = 0; h < demo.n_hotels; h++)
      stays += demo.hotels[h].rooms->len * (DAYS_BEFORE + demo.history_days + DAYS_AFTER) / 3.0;
    demo.progress_from = options->customers > 0 ? 0.95 * options->customers / (options->customers + stays) : 0.0;
  }

  n_partners = add_partners (&demo, options->customers);
  for (guint i = n_partners; i < options->customers; i++)
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
            progress (demo.progress_from * (i + 1) / options->customers, progress_data);
        }
    }
  if (!flush (&demo, error))
    goto out;
  if (progress)
    progress (demo.progress_from, progress_data);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !add_front_desk (&demo, error))
    goto out;
  if (!_td_demo_add_tours (db, demo.rand, demo.people, demo.today, demo.now, error))
    goto out;
  if (progress)
    progress (1.0, progress_data);
  ok = TRUE;

out:
  for (guint h = 0; h < demo.n_hotels; h++)
    demo_hotel_clear (&demo.hotels[h]);
  g_free (demo.hotels);
  g_rand_free (demo.when_rand);
  g_ptr_array_unref (demo.people);
  g_free (demo.travel_agency);
  g_free (demo.ota);
  g_free (demo.platform);
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
