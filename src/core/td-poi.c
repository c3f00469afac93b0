/* td-poi.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-poi.h"

G_DEFINE_BOXED_TYPE (TdPoi, td_poi, td_poi_ref, td_poi_unref)

static const char *const category_names[TD_POI_N_CATEGORIES] = {
  [TD_POI_ATTRACTION] = "attraction",
  [TD_POI_HOTEL] = "hotel",
  [TD_POI_RESTAURANT] = "restaurant",
  [TD_POI_SHOP] = "shop",
  [TD_POI_TRANSPORT] = "transport",
  [TD_POI_PROPERTY] = "property",
};

static void
td_poi_clear (TdPoi *poi)
{
  g_free (poi->id);
  g_free (poi->name);
  g_free (poi->name_en);
  g_free (poi->rating);
  g_free (poi->province);
  g_free (poi->city);
  g_free (poi->address);
  g_free (poi->opening_hours);
}

TdPoi *
td_poi_new (void)
{
  TdPoi *poi = g_atomic_rc_box_new0 (TdPoi);

  poi->distance = -1;
  return poi;
}

TdPoi *
td_poi_ref (TdPoi *poi)
{
  g_return_val_if_fail (poi != NULL, NULL);
  return g_atomic_rc_box_acquire (poi);
}

void
td_poi_unref (TdPoi *poi)
{
  g_return_if_fail (poi != NULL);
  g_atomic_rc_box_release_full (poi, (GDestroyNotify) td_poi_clear);
}

TdPoi *
td_poi_copy (const TdPoi *poi)
{
  TdPoi *copy;

  g_return_val_if_fail (poi != NULL, NULL);

  copy = td_poi_new ();
  *copy = *poi;
  copy->id = g_strdup (poi->id);
  copy->name = g_strdup (poi->name);
  copy->name_en = g_strdup (poi->name_en);
  copy->rating = g_strdup (poi->rating);
  copy->province = g_strdup (poi->province);
  copy->city = g_strdup (poi->city);
  copy->address = g_strdup (poi->address);
  copy->opening_hours = g_strdup (poi->opening_hours);
  return copy;
}

gboolean
td_poi_has_ticket_price (const TdPoi *poi)
{
  g_return_val_if_fail (poi != NULL, FALSE);
  return poi->ticket_price.currency[0] != '\0';
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
td_poi_to_json (const TdPoi *poi,
                JsonBuilder *builder)
{
  g_return_if_fail (poi != NULL);

  json_builder_begin_object (builder);
  add_string (builder, "id", poi->id);
  add_string (builder, "name", poi->name);
  add_string (builder, "name_en", poi->name_en);
  add_string (builder, "category", td_poi_category_to_string (poi->category));
  add_string (builder, "rating", poi->rating);
  add_string (builder, "province", poi->province);
  add_string (builder, "city", poi->city);
  add_string (builder, "address", poi->address);
  json_builder_set_member_name (builder, "lat");
  json_builder_add_double_value (builder, poi->lat);
  json_builder_set_member_name (builder, "lon");
  json_builder_add_double_value (builder, poi->lon);
  add_string (builder, "opening_hours", poi->opening_hours);
  json_builder_set_member_name (builder, "ticket_price");
  if (td_poi_has_ticket_price (poi))
    {
      g_autofree char *amount = td_money_to_decimal (&poi->ticket_price);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "amount");
      json_builder_add_string_value (builder, amount);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, poi->ticket_price.currency);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  add_string (builder, "source_crs", td_crs_to_string (poi->source_crs));
  if (poi->distance >= 0)
    {
      json_builder_set_member_name (builder, "distance_m");
      json_builder_add_double_value (builder, poi->distance);
    }
  json_builder_end_object (builder);
}

const char *
td_poi_category_to_string (TdPoiCategory category)
{
  g_return_val_if_fail (category < TD_POI_N_CATEGORIES, NULL);
  return category_names[category];
}

gboolean
td_poi_category_from_string (const char    *text,
                             TdPoiCategory *category)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < TD_POI_N_CATEGORIES; i++)
    if (g_str_equal (text, category_names[i]))
      {
        if (category)
          *category = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
td_poi_category_parse (const char    *text,
                       TdPoiCategory *category)
{
  /* The words of AMap's and Baidu's category trees, and of the provincial
   * platform's exports. 饭店 is left out on purpose: it means a hotel in
   * names (北京饭店) and a restaurant in speech. */
  static const struct {
    const char    *word;
    TdPoiCategory  category;
  } words[] = {
    { "attraction", TD_POI_ATTRACTION }, { "attractions", TD_POI_ATTRACTION },
    { "scenic", TD_POI_ATTRACTION }, { "sight", TD_POI_ATTRACTION },
    { "tourism", TD_POI_ATTRACTION }, { "museum", TD_POI_ATTRACTION },
    { "景点", TD_POI_ATTRACTION }, { "景区", TD_POI_ATTRACTION },
    { "旅游景点", TD_POI_ATTRACTION }, { "风景名胜", TD_POI_ATTRACTION },
    { "名胜古迹", TD_POI_ATTRACTION }, { "博物馆", TD_POI_ATTRACTION },
    { "hotel", TD_POI_HOTEL }, { "hotels", TD_POI_HOTEL }, { "hostel", TD_POI_HOTEL },
    { "guesthouse", TD_POI_HOTEL }, { "lodging", TD_POI_HOTEL },
    { "酒店", TD_POI_HOTEL }, { "宾馆", TD_POI_HOTEL }, { "旅馆", TD_POI_HOTEL },
    { "住宿", TD_POI_HOTEL }, { "住宿服务", TD_POI_HOTEL }, { "民宿", TD_POI_HOTEL },
    { "客栈", TD_POI_HOTEL },
    { "restaurant", TD_POI_RESTAURANT }, { "restaurants", TD_POI_RESTAURANT },
    { "food", TD_POI_RESTAURANT },
    { "餐厅", TD_POI_RESTAURANT }, { "餐馆", TD_POI_RESTAURANT }, { "餐饮", TD_POI_RESTAURANT },
    { "餐饮服务", TD_POI_RESTAURANT }, { "美食", TD_POI_RESTAURANT },
    { "shop", TD_POI_SHOP }, { "shops", TD_POI_SHOP }, { "shopping", TD_POI_SHOP },
    { "store", TD_POI_SHOP },
    { "商店", TD_POI_SHOP }, { "购物", TD_POI_SHOP }, { "购物服务", TD_POI_SHOP },
    { "商场", TD_POI_SHOP }, { "特产", TD_POI_SHOP },
    { "transport", TD_POI_TRANSPORT }, { "transportation", TD_POI_TRANSPORT },
    { "station", TD_POI_TRANSPORT }, { "airport", TD_POI_TRANSPORT },
    { "交通", TD_POI_TRANSPORT }, { "交通设施", TD_POI_TRANSPORT },
    { "交通设施服务", TD_POI_TRANSPORT }, { "车站", TD_POI_TRANSPORT },
    { "火车站", TD_POI_TRANSPORT }, { "汽车站", TD_POI_TRANSPORT },
    { "机场", TD_POI_TRANSPORT },
    { "property", TD_POI_PROPERTY },
  };
  g_autofree char *clean = NULL;

  if (text == NULL)
    return FALSE;

  clean = g_utf8_casefold (text, -1);
  g_strstrip (clean);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (clean, words[i].word))
      {
        if (category)
          *category = words[i].category;
        return TRUE;
      }
  return FALSE;
}

const char *
td_poi_category_get_title (TdPoiCategory category)
{
  switch (category)
    {
    case TD_POI_ATTRACTION: return _("Attractions");
    case TD_POI_HOTEL: return _("Hotels");
    case TD_POI_RESTAURANT: return _("Restaurants");
    case TD_POI_SHOP: return _("Shops");
    case TD_POI_TRANSPORT: return _("Transport");
    /* Translators: the hotels of the business using Tourdesk, on the map */
    case TD_POI_PROPERTY: return _("Our Hotels");
    case TD_POI_N_CATEGORIES:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
td_poi_category_get_name (TdPoiCategory category)
{
  switch (category)
    {
    case TD_POI_ATTRACTION: return _("Attraction");
    case TD_POI_HOTEL: return _("Hotel");
    case TD_POI_RESTAURANT: return _("Restaurant");
    case TD_POI_SHOP: return _("Shop");
    /* Translators: a station, an airport... on the map */
    case TD_POI_TRANSPORT: return C_("place", "Transport");
    /* Translators: a hotel of the business using Tourdesk, on the map */
    case TD_POI_PROPERTY: return _("Our Hotel");
    case TD_POI_N_CATEGORIES:
    default:
      g_return_val_if_reached ("");
    }
}
