/* td-demo-tours.c: the demo's agency desk: products, departures, bookings
 *
 * Everything is written through the agency desk's own functions, as a
 * clerk would: prices by age, seats, schedules and penalties are theirs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-demo-tours.h"
#include "td-tour-booking.h"
#include "td-tours-private.h"

#define DEMO_ACTOR "demo"

typedef struct {
  guint           day;
  TdTourItemType  type;
  const char     *title;       /* an attraction: the demo POI of that name */
  const char     *notes;
  const char     *supplier;
  gint64          cost_fen;
  gboolean        per_group;
} DemoItem;

typedef struct {
  const char     *code;
  const char     *name;
  guint           days;
  gint64          adult, child, infant, senior, single;
  const char     *included;
  const char     *excluded;
  const DemoItem *items;
  guint           n_items;
  guint           capacity;
  guint           min_pax;
  const char     *guide;
  const char     *vehicle;
} DemoProduct;

static const DemoItem luoyang_items[] = {
  { 1, TD_ITEM_TRANSPORT, "郑州—洛阳 旅游大巴", "07:30 郑州火车站西广场集合", "中原旅游客运", 180000, TRUE },
  { 1, TD_ITEM_ATTRACTION, "龙门石窟", "游览约 3 小时，含电瓶车", "龙门石窟景区", 9000, FALSE },
  { 1, TD_ITEM_MEAL, "洛阳水席", "晚餐，十人一桌", "真不同饭店", 6000, FALSE },
  { 1, TD_ITEM_HOTEL, "洛阳友谊宾馆", "标准间，两人一间", "洛阳友谊宾馆", 18000, FALSE },
  { 2, TD_ITEM_ATTRACTION, "白马寺", "中国第一古刹", "白马寺景区", 3500, FALSE },
  { 2, TD_ITEM_ATTRACTION, "丽景门", "古城夜游，自由活动", "丽景门景区", 3000, FALSE },
  { 2, TD_ITEM_HOTEL, "洛阳友谊宾馆", NULL, "洛阳友谊宾馆", 18000, FALSE },
  { 3, TD_ITEM_ATTRACTION, "关林", NULL, "关林景区", 4000, FALSE },
  { 3, TD_ITEM_TEXT, "下午返回郑州", "约 17:00 抵达郑州火车站", NULL, 0, FALSE },
};

static const DemoItem kaifeng_items[] = {
  { 1, TD_ITEM_TRANSPORT, "郑州—开封 旅游大巴", "08:00 二七广场集合", "中原旅游客运", 90000, TRUE },
  { 1, TD_ITEM_ATTRACTION, "清明上河园", "观看《大宋·东京梦华》需另购票", "清明上河园", 12000, FALSE },
  { 1, TD_ITEM_MEAL, "开封小吃午餐", "灌汤包、桶子鸡", "第一楼", 4500, FALSE },
  { 1, TD_ITEM_ATTRACTION, "开封府", NULL, "开封府景区", 6500, FALSE },
};

static const DemoItem shaolin_items[] = {
  { 1, TD_ITEM_TRANSPORT, "郑州—登封 旅游大巴", "07:30 郑州东站集合", "中原旅游客运", 120000, TRUE },
  { 1, TD_ITEM_ATTRACTION, "少林寺", "观看少林武术表演", "少林景区", 8000, FALSE },
  { 1, TD_ITEM_HOTEL, "登封禅居酒店", "标准间", "登封禅居酒店", 16000, FALSE },
  { 2, TD_ITEM_ATTRACTION, "嵩阳书院", NULL, "嵩阳书院", 3000, FALSE },
  { 2, TD_ITEM_ATTRACTION, "嵩山中岳庙", NULL, "中岳庙", 3000, FALSE },
  { 2, TD_ITEM_TEXT, "傍晚返回郑州", NULL, NULL, 0, FALSE },
};

static const DemoProduct products[] = {
  { "LY3", "洛阳龙门·白马寺三日游", 3, 128000, 88000, 10000, 108000, 36000,
    "空调旅游车、两晚酒店标准间、景点首道门票、四正餐、导游讲解",
    "个人消费、单房差、旅游意外险", luoyang_items, G_N_ELEMENTS (luoyang_items), 12, 6, "张丽", "豫A·D1234" },
  { "KF1", "开封清明上河园一日游", 1, 39800, 25800, 0, 35800, 0,
    "空调旅游车、景点首道门票、午餐、导游讲解",
    "演出门票、个人消费", kaifeng_items, G_N_ELEMENTS (kaifeng_items), 10, 4, "王强", "豫A·K5678" },
  { "SL2", "少林寺·嵩山两日游", 2, 78000, 52000, 5000, 68000, 18000,
    "空调旅游车、一晚酒店、景点首道门票、导游讲解",
    "正餐、单房差、旅游意外险", shaolin_items, G_N_ELEMENTS (shaolin_items), 10, 4, "李明", "豫A·S9012" },
};

static char *
poi_named (TdDatabase *db,
           const char *name)
{
  const char *params[] = { name };
  g_autoptr(GPtrArray) rows = _td_tour_select (db, "poi", NULL, NULL, "name = ?1", NULL, params, 1, NULL);

  return rows && rows->len ? _td_tour_dup (g_ptr_array_index (rows, 0), "id") : NULL;
}

static TdMoney
cny (gint64 fen)
{
  TdMoney money;

  td_money_init (&money, fen, "CNY", NULL);
  return money;
}

static char *
add_product (TdDatabase         *db,
             const DemoProduct  *d,
             GError            **error)
{
  g_autoptr(TdTourProduct) product = td_tour_product_new ();
  g_autoptr(GPtrArray) items = NULL;

  product->code = g_strdup (d->code);
  product->name = g_strdup (d->name);
  product->days = d->days;
  product->included = g_strdup (d->included);
  product->excluded = g_strdup (d->excluded);
  product->prices[TD_PAX_ADULT] = cny (d->adult);
  product->prices[TD_PAX_CHILD] = cny (d->child);
  product->prices[TD_PAX_INFANT] = cny (d->infant);
  product->prices[TD_PAX_SENIOR] = cny (d->senior);
  product->has_price[TD_PAX_CHILD] = product->has_price[TD_PAX_INFANT] = product->has_price[TD_PAX_SENIOR] = TRUE;
  product->has_single_supplement = d->single > 0;
  product->single_supplement = cny (d->single);
  product->balance_days = d->days > 1 ? 14 : 3;
  product->insurance = g_strdup ("本社已投保旅行社责任险。旅游意外险不含在团费内，建议游客自愿购买，本社可代办。");
  if (!td_tour_product_save (db, DEMO_ACTOR, product, error))
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_item_free);
  for (guint i = 0; i < d->n_items; i++)
    {
      const DemoItem *di = &d->items[i];
      TdTourItem *item = g_new0 (TdTourItem, 1);

      item->day = di->day;
      item->position = i;
      item->type = di->type;
      item->poi_id = di->type == TD_ITEM_ATTRACTION ? poi_named (db, di->title) : NULL;
      item->title = g_strdup (di->title);
      item->notes = g_strdup (di->notes);
      item->supplier = g_strdup (di->supplier);
      item->has_cost = di->cost_fen > 0;
      item->cost = cny (di->cost_fen);
      item->cost_per_group = di->per_group;
      g_ptr_array_add (items, item);
    }
  if (!td_tour_items_save (db, DEMO_ACTOR, product->id, items, error))
    return NULL;
  return g_strdup (product->id);
}

/* bookings of 1–4 people until the departure is about fill % sold */
static gboolean
fill_departure (TdDatabase        *db,
                GRand             *rand,
                GPtrArray         *people,
                guint             *next_person,
                const char        *departure_id,
                guint              capacity,
                guint              fill,
                const TdDeskTime  *when,
                GPtrArray         *booked,
                GError           **error)
{
  guint target = capacity * fill / 100, sold = 0;

  while (sold < target && *next_person + 5 < people->len)
    {
      guint wanted = (guint) g_rand_int_range (rand, 1, 6);
      guint party = MIN (wanted, target - sold);
      TdTourTraveller travellers[4] = { 0 };
      TdTourBookingRequest request = { 0 };
      g_autoptr(GError) local_error = NULL;
      char *id;

      request.departure_id = departure_id;
      request.lead_customer_id = g_ptr_array_index (people, (*next_person)++);
      for (guint i = 1; i < party; i++)
        travellers[i - 1].customer_id = g_ptr_array_index (people, (*next_person)++);
      request.travellers = travellers;
      request.n_travellers = party - 1;
      request.lead_single_room = party == 1 && g_rand_int_range (rand, 0, 3) == 0;
      id = td_tour_book (db, DEMO_ACTOR, &request, when, &local_error);
      if (id == NULL)
        {
          /* a random person booked twice: skip; anything else stops the demo */
          if (g_error_matches (local_error, TD_TOUR_ERROR, TD_TOUR_ERROR_TAKEN))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_ptr_array_add (booked, id);
      sold += party;
    }
  return TRUE;
}

gboolean
_td_demo_add_tours (TdDatabase  *db,
                    GRand       *rand,
                    GPtrArray   *people,
                    guint32      today,
                    gint64       now,
                    GError     **error)
{
  /* few enough commits that a demo stays quick to make (test-demo makes
   * several): about 50 travellers in 15 bookings. Per product, each
   * departure's days from today and how full it is. */
  static const struct { int offset; guint fill; } plan[][3] = {
    { { -5, 100 }, { 3, 100 }, { 17, 35 } },   /* LY3: departed, full with a waiting list, open */
    { { 4, 60 }, { 0, 0 }, { 0, 0 } },         /* KF1 */
    { { -4, 100 }, { 12, 40 }, { 0, 0 } },     /* SL2 */
  };
  g_autoptr(GPtrArray) booked = g_ptr_array_new_with_free_func (g_free);
  TdDeskTime booked_on;
  guint next_person = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (plan) == G_N_ELEMENTS (products));
  /* booked a month ago, so that schedules have deposits and balances */
  td_desk_time_init (&booked_on, today - 30, now - (gint64) 30 * 24 * 3600 * G_USEC_PER_SEC);
  for (guint p = 0; p < G_N_ELEMENTS (products); p++)
    {
      g_autofree char *product_id = add_product (db, &products[p], error);

      if (product_id == NULL)
        return FALSE;
      for (guint o = 0; o < G_N_ELEMENTS (plan[p]) && plan[p][o].fill > 0; o++)
        {
          guint32 start = today + plan[p][o].offset;
          g_autofree char *departure = NULL;
          guint capacity = products[p].capacity;

          departure = td_departure_create (db, DEMO_ACTOR, product_id, start, capacity, products[p].min_pax,
                                           products[p].guide, products[p].vehicle, TD_DEPARTURE_OPEN, error);
          if (departure == NULL
              || !fill_departure (db, rand, people, &next_person, departure, capacity, plan[p][o].fill,
                                  &booked_on, booked, error))
            return FALSE;
          /* the full one to come has people waiting */
          if (plan[p][o].offset > 0 && plan[p][o].fill == 100 && next_person + 2 < people->len)
            for (guint w = 0; w < 2; w++)
              {
                g_autofree char *entry = td_tour_waitlist_add (db, DEMO_ACTOR, departure,
                                                               g_ptr_array_index (people, next_person++),
                                                               w + 1, NULL, error);

                if (entry == NULL)
                  return FALSE;
              }
          if (plan[p][o].offset < 0 && !td_departure_set_state (db, DEMO_ACTOR, departure, TD_DEPARTURE_DEPARTED, error))
            return FALSE;
        }
    }

  /* payments, and one booking cancelled */
  for (guint i = 0; i < booked->len; i++)
    {
      const char *id = g_ptr_array_index (booked, i);
      g_autoptr(TdTourBooking) booking = td_tour_booking_get (db, id, error);
      g_autoptr(GPtrArray) dues = booking ? td_tour_dues_list (db, id, error) : NULL;
      static const char *const methods[] = { "wechat", "alipay", "cash", "card", "transfer" };
      int roll = g_rand_int_range (rand, 0, 100);
      TdMoney amount;
      g_autofree char *payment = NULL;

      if (dues == NULL)
        return FALSE;
      /* those to travel: half have paid their deposit or more, the others
       * are in the payments due */
      if ((roll < 50 && booking->departure_date >= today) || dues->len == 0)
        continue;
      amount = ((TdTourDue *) g_ptr_array_index (dues, 0))->amount;
      if (roll >= 80 || booking->departure_date < today)
        amount = booking->total;
      if (amount.minor <= 0)
        continue;
      payment = td_tour_pay (db, DEMO_ACTOR, id, &amount, methods[roll % G_N_ELEMENTS (methods)], NULL,
                             &booked_on, error);
      if (payment == NULL)
        return FALSE;
    }
  if (booked->len > 6)
    {
      TdDeskTime when;
      g_autoptr(TdTourCancellation) cancelled = NULL;

      td_desk_time_init (&when, today - 2, now);
      cancelled = td_tour_cancel (db, DEMO_ACTOR, g_ptr_array_index (booked, booked->len - 1), &when, error);
      if (cancelled == NULL)
        return FALSE;
    }
  return TRUE;
}
