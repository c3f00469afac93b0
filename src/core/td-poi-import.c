/* td-poi-import.c: GeoJSON and CSV into points of interest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "td-change.h"
#include "td-csv.h"
#include "td-poi-import.h"
#include "td-poi-query.h"
#include "td-text-encoding.h"

G_DEFINE_QUARK (td-poi-import-error-quark, td_poi_import_error)

/* a place this close to one of the same name is the same place */
#define SAME_PLACE_M 50.0

typedef enum {
  F_NAME,
  F_NAME_EN,
  F_CATEGORY,
  F_RATING,
  F_PROVINCE,
  F_CITY,
  F_ADDRESS,
  F_OPENING_HOURS,
  F_TICKET_PRICE,
  F_LAT,
  F_LON,
  F_CRS,
  N_FIELDS
} Field;

/* What the field is called in files, lower case. */
static const struct {
  const char *alias;
  Field       field;
} aliases[] = {
  { "name", F_NAME }, { "名称", F_NAME }, { "名字", F_NAME }, { "中文名", F_NAME },
  { "中文名称", F_NAME }, { "景点名称", F_NAME }, { "name_zh", F_NAME }, { "name:zh", F_NAME },
  { "title", F_NAME }, { "标题", F_NAME },
  { "name_en", F_NAME_EN }, { "name:en", F_NAME_EN }, { "english_name", F_NAME_EN },
  { "english name", F_NAME_EN }, { "ename", F_NAME_EN }, { "英文名", F_NAME_EN },
  { "英文名称", F_NAME_EN },
  { "category", F_CATEGORY }, { "type", F_CATEGORY }, { "kind", F_CATEGORY },
  { "类别", F_CATEGORY }, { "类型", F_CATEGORY }, { "分类", F_CATEGORY }, { "种类", F_CATEGORY },
  { "rating", F_RATING }, { "grade", F_RATING }, { "level", F_RATING },
  { "等级", F_RATING }, { "级别", F_RATING }, { "评级", F_RATING }, { "景区等级", F_RATING },
  { "province", F_PROVINCE }, { "省", F_PROVINCE }, { "省份", F_PROVINCE },
  { "city", F_CITY }, { "市", F_CITY }, { "城市", F_CITY },
  { "address", F_ADDRESS }, { "addr", F_ADDRESS }, { "地址", F_ADDRESS }, { "详细地址", F_ADDRESS },
  { "opening_hours", F_OPENING_HOURS }, { "opening hours", F_OPENING_HOURS },
  { "hours", F_OPENING_HOURS }, { "开放时间", F_OPENING_HOURS }, { "营业时间", F_OPENING_HOURS },
  { "ticket_price", F_TICKET_PRICE }, { "ticket price", F_TICKET_PRICE },
  { "ticket", F_TICKET_PRICE }, { "price", F_TICKET_PRICE }, { "门票", F_TICKET_PRICE },
  { "票价", F_TICKET_PRICE }, { "门票价格", F_TICKET_PRICE }, { "价格", F_TICKET_PRICE },
  { "lat", F_LAT }, { "latitude", F_LAT }, { "y", F_LAT }, { "纬度", F_LAT },
  { "lon", F_LON }, { "lng", F_LON }, { "long", F_LON }, { "longitude", F_LON },
  { "x", F_LON }, { "经度", F_LON },
  { "crs", F_CRS }, { "coordsys", F_CRS }, { "coord_sys", F_CRS },
  { "coordinate_system", F_CRS }, { "坐标系", F_CRS }, { "坐标系统", F_CRS },
};

static int
field_for_name (const char *name)
{
  g_autofree char *clean = NULL;

  if (name == NULL)
    return -1;
  clean = g_utf8_casefold (name, -1);
  g_strstrip (clean);
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (clean, aliases[i].alias))
      return aliases[i].field;
  return -1;
}

/* One place as read: the text of each field, or NULL. */
typedef struct {
  char *values[N_FIELDS];
} Record;

static void
record_clear (Record *record)
{
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&record->values[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Record, record_clear)

static void
record_set (Record     *record,
            Field       field,
            const char *value)
{
  g_autofree char *clean = g_strstrip (g_strdup (value ? value : ""));

  /* the first of two columns with the same meaning wins */
  if (record->values[field] == NULL && *clean != '\0')
    record->values[field] = g_steal_pointer (&clean);
}

/* ------------------------------------------------------------------ */
/* values                                                             */

/* Names a coordinate system as files do: ours, and AMap's coordsys. */
static gboolean
parse_crs_hint (const char *text,
                TdCrs      *crs)
{
  static const struct {
    const char *name;
    TdCrs       crs;
  } names[] = {
    { "gps", TD_CRS_WGS84 }, { "cgcs2000", TD_CRS_WGS84 }, { "epsg:4490", TD_CRS_WGS84 },
    { "autonavi", TD_CRS_GCJ02 }, { "amap", TD_CRS_GCJ02 }, { "gaode", TD_CRS_GCJ02 },
    { "tencent", TD_CRS_GCJ02 }, { "qq", TD_CRS_GCJ02 }, { "mars", TD_CRS_GCJ02 },
    { "高德", TD_CRS_GCJ02 }, { "腾讯", TD_CRS_GCJ02 }, { "火星坐标", TD_CRS_GCJ02 },
    { "baidu", TD_CRS_BD09 }, { "百度", TD_CRS_BD09 },
  };
  g_autofree char *clean = NULL;

  if (td_crs_from_string (text, crs))
    return TRUE;
  clean = g_utf8_casefold (text, -1);
  g_strstrip (clean);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (clean, names[i].name))
      {
        *crs = names[i].crs;
        return TRUE;
      }
  return FALSE;
}

static const char *
crs_title (TdCrs crs)
{
  switch (crs)
    {
    case TD_CRS_GCJ02: return "GCJ-02";
    case TD_CRS_BD09: return "BD-09";
    case TD_CRS_WGS84:
    default: return "WGS-84";
    }
}

static gboolean
parse_coordinate (const char *text,
                  double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    return FALSE;
  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (end == text || errno != 0)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

/* "AAAAA", "5A", "5A级", "AAAAA级" → "5A"; anything else as written. */
static char *
normalize_rating (const char *text)
{
  g_autofree char *upper = g_utf8_strup (text, -1);
  gsize len;

  if (g_str_has_suffix (upper, "级"))
    upper[strlen (upper) - strlen ("级")] = '\0';
  g_strstrip (upper);
  len = strlen (upper);

  if (len >= 1 && len <= 5 && strspn (upper, "A") == len)
    return g_strdup_printf ("%dA", (int) len);
  if (len == 2 && upper[0] >= '1' && upper[0] <= '5' && upper[1] == 'A')
    return g_strdup (upper);
  return g_strdup (text);
}

/* Yuan: "80", "80.5", "80元", "¥80", "￥80", "RMB 80", "免费", "free". */
static gboolean
parse_price (const char *text,
             TdMoney    *price)
{
  g_autoptr(GString) clean = g_string_new (text);
  g_autofree char *folded = NULL;
  static const char *const noise[] = { "元", "¥", "￥", "RMB", "rmb", "CNY", "cny", "/人", "每人" };

  for (guint i = 0; i < G_N_ELEMENTS (noise); i++)
    g_string_replace (clean, noise[i], "", 0);
  g_strstrip (clean->str);
  clean->len = strlen (clean->str);

  folded = g_utf8_casefold (clean->str, -1);
  if (g_str_equal (folded, "免费") || g_str_equal (folded, "free"))
    return td_money_init (price, 0, "CNY", NULL);
  return td_money_parse (clean->str, "CNY", price, NULL) && price->minor >= 0;
}

static char *
categories_hint (void)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < TD_POI_N_CATEGORIES; i++)
    g_string_append_printf (list, "%s%s", i ? ", " : "", td_poi_category_to_string (i));
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static void G_GNUC_PRINTF (3, 4)
set_invalid (GError    **error,
             const char *where,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: where in the file (“Line 4”, “Feature 2 (“少林寺”)”), then
   * what is wrong there */
  g_set_error (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_INVALID, _("%s: %s"), where, message);
}

typedef struct {
  const TdCrs *given;       /* by the caller */
  gboolean     has_file_crs;
  TdCrs        file_crs;    /* by the file as a whole */
  TdPoiImportStats *stats;
} Context;

/* The place of record, in WGS-84, or NULL with an error naming where. */
static TdPoi *
build_poi (Context     *ctx,
           Record      *record,
           const char  *where,
           GError     **error)
{
  g_autoptr(TdPoi) poi = td_poi_new ();
  const char *const *v = (const char *const *) record->values;
  double lat, lon;
  TdCrs crs;
  gboolean crs_from_file = FALSE;

  if (v[F_NAME] == NULL)
    {
      set_invalid (error, where, _("the place has no name (a “name” or “名称” field)"));
      return NULL;
    }
  poi->name = g_strdup (v[F_NAME]);
  poi->name_en = g_strdup (v[F_NAME_EN]);

  if (v[F_CATEGORY] == NULL)
    {
      g_autofree char *hint = categories_hint ();

      set_invalid (error, where, _("the place has no category (a “category” or “类别” field: %s)"), hint);
      return NULL;
    }
  if (!td_poi_category_parse (v[F_CATEGORY], &poi->category))
    {
      g_autofree char *hint = categories_hint ();

      set_invalid (error, where, _("“%s” is not a category Tourdesk knows (use %s, or 景点, 酒店, 餐厅, 商店, 交通)"),
                   v[F_CATEGORY], hint);
      return NULL;
    }

  if (v[F_LAT] == NULL || v[F_LON] == NULL)
    {
      set_invalid (error, where, _("the place has no coordinates"));
      return NULL;
    }
  if (!parse_coordinate (v[F_LAT], &lat))
    {
      set_invalid (error, where, _("the latitude “%s” is not a number"), v[F_LAT]);
      return NULL;
    }
  if (!parse_coordinate (v[F_LON], &lon))
    {
      set_invalid (error, where, _("the longitude “%s” is not a number"), v[F_LON]);
      return NULL;
    }
  if (lat < -90 || lat > 90)
    {
      if (lon >= -90 && lon <= 90 && lat >= -180 && lat <= 180)
        set_invalid (error, where, _("the latitude %s is out of range (−90 to 90): are latitude and longitude swapped? GeoJSON gives the longitude first"),
                     v[F_LAT]);
      else
        set_invalid (error, where, _("the latitude %s is out of range (−90 to 90)"), v[F_LAT]);
      return NULL;
    }
  if (lon < -180 || lon > 180)
    {
      set_invalid (error, where, _("the longitude %s is out of range (−180 to 180)"), v[F_LON]);
      return NULL;
    }

  /* the coordinate system: this place's, the file's, the caller's */
  if (v[F_CRS] != NULL)
    {
      if (!parse_crs_hint (v[F_CRS], &crs))
        {
          set_invalid (error, where, _("“%s” is not a coordinate system Tourdesk knows (use wgs84, gcj02 or bd09)"),
                       v[F_CRS]);
          return NULL;
        }
      crs_from_file = TRUE;
    }
  else if (ctx->has_file_crs)
    {
      crs = ctx->file_crs;
      crs_from_file = TRUE;
    }
  else if (ctx->given)
    crs = *ctx->given;
  else
    {
      g_set_error (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_NEED_CRS,
                   _("%s: the file does not say in which coordinate system its coordinates are (WGS-84 as GPS, GCJ-02 as AMap and Tencent, or BD-09 as Baidu); say it with --crs"),
                   where);
      return NULL;
    }
  if (crs_from_file && ctx->given && *ctx->given != crs)
    {
      g_set_error (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_CRS_CONFLICT,
                   _("%s: the file says its coordinates are %s, not %s as asked"),
                   where, crs_title (crs), crs_title (*ctx->given));
      return NULL;
    }

  td_geo_to_wgs84 (crs, lat, lon, &poi->lat, &poi->lon);
  poi->source_crs = crs;
  if (ctx->stats->n_read == 0)
    {
      ctx->stats->crs = crs;
      ctx->stats->crs_from_file = crs_from_file;
    }

  if (v[F_RATING])
    poi->rating = normalize_rating (v[F_RATING]);
  poi->province = g_strdup (v[F_PROVINCE]);
  poi->city = g_strdup (v[F_CITY]);
  poi->address = g_strdup (v[F_ADDRESS]);
  poi->opening_hours = g_strdup (v[F_OPENING_HOURS]);
  if (v[F_TICKET_PRICE] && !parse_price (v[F_TICKET_PRICE], &poi->ticket_price))
    {
      set_invalid (error, where, _("the ticket price “%s” is not an amount in yuan"), v[F_TICKET_PRICE]);
      return NULL;
    }

  ctx->stats->n_read++;
  return g_steal_pointer (&poi);
}

/* ------------------------------------------------------------------ */
/* text                                                               */

/* The text in UTF-8: UTF-8 (with or without a byte order mark), UTF-16
 * with a mark (Excel's “Unicode text”) or GB18030 (Excel on a Chinese
 * Windows); td-text-encoding.h. */
static char *
decode_text (const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(GError) decode_error = NULL;
  char *text = td_text_decode (data, length, NULL, NULL, NULL, NULL, &decode_error);

  if (text == NULL)
    g_set_error_literal (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_ENCODING,
                         decode_error->message);
  return text;
}

/* ------------------------------------------------------------------ */
/* GeoJSON                                                            */

/* A property value as text; FALSE for objects and arrays. */
static gboolean
node_to_text (JsonNode  *node,
              char     **out)
{
  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    case G_TYPE_INT64:
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        *out = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
        return TRUE;
      }
    case G_TYPE_BOOLEAN:
      *out = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      return TRUE;
    default:
      return FALSE;
    }
}

static char *
feature_where (guint       index,
               JsonObject *properties)
{
  if (properties)
    {
      GList *members = json_object_get_members (properties);

      for (GList *l = members; l; l = l->next)
        if (field_for_name (l->data) == F_NAME)
          {
            JsonNode *node = json_object_get_member (properties, l->data);

            if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
              {
                char *where = g_strdup_printf (_("Feature %u (“%s”)"), index, json_node_get_string (node));

                g_list_free (members);
                return where;
              }
          }
      g_list_free (members);
    }
  return g_strdup_printf (_("Feature %u"), index);
}

static TdPoi *
feature_to_poi (Context     *ctx,
                JsonNode    *node,
                guint        index,
                GError     **error)
{
  g_auto(Record) record = { { 0 } };
  g_autofree char *where = NULL;
  JsonObject *feature, *properties = NULL;
  JsonNode *geometry;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      where = feature_where (index, NULL);
      set_invalid (error, where, _("not a GeoJSON feature (an object with “type”: “Feature”)"));
      return NULL;
    }
  feature = json_node_get_object (node);
  if (json_object_has_member (feature, "properties")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
    properties = json_object_get_object_member (feature, "properties");
  where = feature_where (index, properties);

  if (g_strcmp0 (json_object_get_string_member_with_default (feature, "type", NULL), "Feature") != 0)
    {
      set_invalid (error, where, _("not a GeoJSON feature (an object with “type”: “Feature”)"));
      return NULL;
    }

  if (properties)
    {
      g_autoptr(GList) members = json_object_get_members (properties);

      for (GList *l = members; l; l = l->next)
        {
          int field = field_for_name (l->data);
          g_autofree char *text = NULL;

          if (field < 0)
            continue;
          if (!node_to_text (json_object_get_member (properties, l->data), &text))
            {
              set_invalid (error, where, _("the property “%s” must be text or a number"), (const char *) l->data);
              return NULL;
            }
          record_set (&record, field, text);
        }
    }

  geometry = json_object_get_member (feature, "geometry");
  if (geometry != NULL && !JSON_NODE_HOLDS_NULL (geometry))
    {
      JsonObject *object;
      const char *type;
      JsonArray *coordinates;

      if (!JSON_NODE_HOLDS_OBJECT (geometry))
        {
          set_invalid (error, where, _("its geometry is not a GeoJSON geometry"));
          return NULL;
        }
      object = json_node_get_object (geometry);
      type = json_object_get_string_member_with_default (object, "type", "");
      if (!g_str_equal (type, "Point"))
        {
          set_invalid (error, where, _("its geometry is a “%s”, but only a Point can be a place"), type);
          return NULL;
        }
      if (!json_object_has_member (object, "coordinates")
          || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "coordinates")))
        {
          set_invalid (error, where, _("the place has no coordinates"));
          return NULL;
        }
      coordinates = json_object_get_array_member (object, "coordinates");
      if (json_array_get_length (coordinates) < 2)
        {
          set_invalid (error, where, _("the place has no coordinates"));
          return NULL;
        }
      for (guint i = 0; i < 2; i++)
        {
          JsonNode *c = json_array_get_element (coordinates, i);
          GType t = JSON_NODE_HOLDS_VALUE (c) ? json_node_get_value_type (c) : G_TYPE_INVALID;
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          if (t != G_TYPE_DOUBLE && t != G_TYPE_INT64)
            {
              set_invalid (error, where, _("its coordinates must be two numbers, longitude then latitude"));
              return NULL;
            }
          /* geometry wins over lat/lon properties */
          g_clear_pointer (&record.values[i == 0 ? F_LON : F_LAT], g_free);
          record.values[i == 0 ? F_LON : F_LAT] =
            g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (c)));
        }
    }

  return build_poi (ctx, &record, where, error);
}

static gboolean
geojson_file_crs (Context     *ctx,
                  JsonObject  *root,
                  GError     **error)
{
  const char *name = NULL;
  g_autofree char *text = NULL;

  /* The 2008 GeoJSON crs member: {"type": "name", "properties": {"name": ...}} */
  if (json_object_has_member (root, "crs") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "crs")))
    {
      JsonObject *crs = json_object_get_object_member (root, "crs");

      if (json_object_has_member (crs, "properties")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (crs, "properties")))
        name = json_object_get_string_member_with_default (json_object_get_object_member (crs, "properties"),
                                                            "name", NULL);
    }
  else
    {
      GList *members = json_object_get_members (root);

      /* "crs": "gcj02", "coordsys": "autonavi", "坐标系": "百度", ... */
      for (GList *l = members; l && name == NULL; l = l->next)
        if (field_for_name (l->data) == F_CRS)
          {
            JsonNode *node = json_object_get_member (root, l->data);

            if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
              name = json_node_get_string (node);
          }
      g_list_free (members);
    }

  if (name == NULL)
    return TRUE;
  if (!parse_crs_hint (name, &ctx->file_crs))
    {
      g_set_error (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_FORMAT,
                   _("The file says its coordinates are in “%s”, a system Tourdesk does not know (it knows wgs84, gcj02 and bd09)"),
                   name);
      return FALSE;
    }
  ctx->has_file_crs = TRUE;
  if (ctx->given && *ctx->given != ctx->file_crs)
    {
      g_set_error (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_CRS_CONFLICT,
                   _("The file says its coordinates are %s, not %s as asked"),
                   crs_title (ctx->file_crs), crs_title (*ctx->given));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
parse_geojson (Context     *ctx,
               const char  *text,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GPtrArray) pois = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);
  JsonObject *root;
  const char *type;

  if (!json_parser_load_from_data (parser, text, -1, &json_error))
    {
      g_set_error (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_FORMAT,
                   _("The file is not GeoJSON: %s"), json_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_FORMAT,
                           _("The file is JSON, but not GeoJSON: it must hold a FeatureCollection of Point features"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_string_member_with_default (root, "type", "");

  if (!geojson_file_crs (ctx, root, error))
    return NULL;

  if (g_str_equal (type, "FeatureCollection"))
    {
      JsonArray *features;

      if (!json_object_has_member (root, "features")
          || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "features")))
        {
          g_set_error_literal (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_FORMAT,
                               _("The FeatureCollection has no “features” array"));
          return NULL;
        }
      features = json_object_get_array_member (root, "features");
      for (guint i = 0; i < json_array_get_length (features); i++)
        {
          TdPoi *poi = feature_to_poi (ctx, json_array_get_element (features, i), i + 1, error);

          if (poi == NULL)
            return NULL;
          g_ptr_array_add (pois, poi);
        }
    }
  else if (g_str_equal (type, "Feature"))
    {
      TdPoi *poi = feature_to_poi (ctx, json_parser_get_root (parser), 1, error);

      if (poi == NULL)
        return NULL;
      g_ptr_array_add (pois, poi);
    }
  else
    {
      g_set_error (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_FORMAT,
                   _("The file is JSON, but not GeoJSON: it must hold a FeatureCollection of Point features, not “%s”"),
                   type);
      return NULL;
    }

  return g_steal_pointer (&pois);
}

/* ------------------------------------------------------------------ */
/* CSV                                                                */

static GPtrArray *
parse_csv (Context     *ctx,
           const char  *text,
           GError     **error)
{
  g_autoptr(TdCsvReader) reader = td_csv_reader_new (text, strlen (text), 0);
  g_autoptr(GPtrArray) pois = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);
  g_autofree int *columns = NULL;
  GError *csv_error = NULL;
  gboolean has[N_FIELDS] = { FALSE };
  guint n_columns;

  if (!td_csv_reader_next (reader, &csv_error))
    {
      if (csv_error)
        goto syntax;
      g_set_error_literal (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_EMPTY,
                           _("The file is empty"));
      return NULL;
    }

  n_columns = td_csv_reader_get_n_fields (reader);
  columns = g_new (int, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      columns[i] = field_for_name (td_csv_reader_get_fields (reader)[i]);
      if (columns[i] >= 0)
        has[columns[i]] = TRUE;
    }
  if (!has[F_LAT] || !has[F_LON] || !has[F_NAME])
    {
      g_set_error (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_FORMAT,
                   _("Line %u: the first row must name the columns, with at least name, lat and lon (or 名称, 纬度 and 经度)"),
                   td_csv_reader_get_line (reader));
      return NULL;
    }

  while (td_csv_reader_next (reader, &csv_error))
    {
      const char * const *fields = td_csv_reader_get_fields (reader);
      guint n_fields = td_csv_reader_get_n_fields (reader);
      g_auto(Record) record = { { 0 } };
      g_autofree char *where = g_strdup_printf (_("Line %u"), td_csv_reader_get_line (reader));
      TdPoi *poi;

      for (guint i = n_columns; i < n_fields; i++)
        if (*g_strstrip ((char *) fields[i]) != '\0')
          {
            set_invalid (error, where, _("the row has %u fields, but the first row names %u columns"),
                         n_fields, n_columns);
            return NULL;
          }
      for (guint i = 0; i < MIN (n_fields, n_columns); i++)
        if (columns[i] >= 0)
          record_set (&record, columns[i], fields[i]);

      poi = build_poi (ctx, &record, where, error);
      if (poi == NULL)
        return NULL;
      g_ptr_array_add (pois, poi);
    }
  if (csv_error)
    goto syntax;

  return g_steal_pointer (&pois);

syntax:
  g_set_error_literal (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_FORMAT, csv_error->message);
  g_error_free (csv_error);
  return NULL;
}

/* ------------------------------------------------------------------ */

static TdPoiFormat
guess_format (const char *file_name,
              const char *text)
{
  if (file_name)
    {
      g_autofree char *lower = g_ascii_strdown (file_name, -1);

      if (g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json"))
        return TD_POI_FORMAT_GEOJSON;
      if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv")
          || g_str_has_suffix (lower, ".txt"))
        return TD_POI_FORMAT_CSV;
    }
  while (g_ascii_isspace (*text))
    text++;
  return *text == '{' || *text == '[' ? TD_POI_FORMAT_GEOJSON : TD_POI_FORMAT_CSV;
}

GPtrArray *
td_poi_import_parse (const char        *data,
                     gsize              length,
                     const char        *file_name,
                     TdPoiFormat        format,
                     const TdCrs       *crs,
                     TdPoiImportStats  *stats,
                     GError           **error)
{
  TdPoiImportStats local_stats;
  g_autofree char *text = NULL;
  Context ctx = { 0 };
  GPtrArray *pois;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (stats == NULL)
    stats = &local_stats;
  memset (stats, 0, sizeof *stats);

  text = decode_text (data ? data : "", length, error);
  if (text == NULL)
    return NULL;

  if (format == TD_POI_FORMAT_AUTO)
    format = guess_format (file_name, text);
  stats->format = format;
  ctx.given = crs;
  ctx.stats = stats;
  if (crs)
    stats->crs = *crs;

  if (format == TD_POI_FORMAT_GEOJSON)
    pois = parse_geojson (&ctx, text, error);
  else
    pois = parse_csv (&ctx, text, error);

  if (pois != NULL && pois->len == 0)
    {
      g_set_error_literal (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_EMPTY,
                           _("The file holds no places"));
      g_clear_pointer (&pois, g_ptr_array_unref);
    }
  return pois;
}

/* ------------------------------------------------------------------ */
/* into the workspace                                                 */

static void
set_text_if_changed (TdChange   **change,
                     TdPoi       *old,
                     const char  *field,
                     const char  *old_value,
                     const char  *new_value)
{
  if (new_value == NULL || g_strcmp0 (old_value, new_value) == 0)
    return;
  if (*change == NULL)
    *change = td_change_new_update ("poi", old->id, old->revision);
  td_change_set_string (*change, field, new_value);
}

/* What differs in poi from old, as an update; NULL when nothing does. Values
 * the file does not have are left as they are. */
static TdChange *
update_for (TdPoi *old,
            TdPoi *poi)
{
  TdChange *change = NULL;

  set_text_if_changed (&change, old, "name_en", old->name_en, poi->name_en);
  set_text_if_changed (&change, old, "category", td_poi_category_to_string (old->category),
                       td_poi_category_to_string (poi->category));
  set_text_if_changed (&change, old, "rating", old->rating, poi->rating);
  set_text_if_changed (&change, old, "province", old->province, poi->province);
  set_text_if_changed (&change, old, "city", old->city, poi->city);
  set_text_if_changed (&change, old, "address", old->address, poi->address);
  set_text_if_changed (&change, old, "opening_hours", old->opening_hours, poi->opening_hours);
  set_text_if_changed (&change, old, "source_crs", td_crs_to_string (old->source_crs),
                       td_crs_to_string (poi->source_crs));

  if (fabs (old->lat - poi->lat) > 1e-7 || fabs (old->lon - poi->lon) > 1e-7)
    {
      if (change == NULL)
        change = td_change_new_update ("poi", old->id, old->revision);
      td_change_set_double (change, "lat", poi->lat);
      td_change_set_double (change, "lon", poi->lon);
    }
  if (td_poi_has_ticket_price (poi)
      && (!td_poi_has_ticket_price (old)
          || old->ticket_price.minor != poi->ticket_price.minor
          || !g_str_equal (old->ticket_price.currency, poi->ticket_price.currency)))
    {
      if (change == NULL)
        change = td_change_new_update ("poi", old->id, old->revision);
      td_change_set_money (change, "ticket_price", &poi->ticket_price);
    }
  return change;
}

static TdChange *
insert_for (TdPoi *poi)
{
  TdChange *change = td_change_new_insert ("poi", NULL);
  const struct {
    const char *field;
    const char *value;
  } texts[] = {
    { "name", poi->name },
    { "name_en", poi->name_en },
    { "category", td_poi_category_to_string (poi->category) },
    { "rating", poi->rating },
    { "province", poi->province },
    { "city", poi->city },
    { "address", poi->address },
    { "opening_hours", poi->opening_hours },
    { "source_crs", td_crs_to_string (poi->source_crs) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].value)
      td_change_set_string (change, texts[i].field, texts[i].value);
  td_change_set_double (change, "lat", poi->lat);
  td_change_set_double (change, "lon", poi->lon);
  if (td_poi_has_ticket_price (poi))
    td_change_set_money (change, "ticket_price", &poi->ticket_price);
  return change;
}

/* The place of the same name within SAME_PLACE_M of poi in by_name. */
static TdPoi *
find_same (GHashTable *by_name,
           TdPoi      *poi)
{
  GPtrArray *same_name = g_hash_table_lookup (by_name, poi->name);

  for (guint i = 0; same_name && i < same_name->len; i++)
    {
      TdPoi *other = g_ptr_array_index (same_name, i);

      if (td_geo_distance (other->lat, other->lon, poi->lat, poi->lon) <= SAME_PLACE_M)
        return other;
    }
  return NULL;
}

static void
index_poi (GHashTable *by_name,
           TdPoi      *poi)
{
  GPtrArray *same_name = g_hash_table_lookup (by_name, poi->name);

  if (same_name == NULL)
    {
      same_name = g_ptr_array_new ();
      g_hash_table_insert (by_name, poi->name, same_name);
    }
  g_ptr_array_add (same_name, poi);
}

gboolean
td_poi_import_commit (TdDatabase        *db,
                      GPtrArray         *pois,
                      TdPoiImportStats  *stats,
                      GError           **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GHashTable) in_file = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  guint n_inserted = 0, n_updated = 0, n_unchanged = 0, n_duplicates = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (pois != NULL, FALSE);

  existing = td_poi_query_all (db, error);
  if (existing == NULL)
    return FALSE;

  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  in_file = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < existing->len; i++)
    index_poi (by_name, g_ptr_array_index (existing, i));

  for (guint i = 0; i < pois->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (pois, i);
      TdPoi *old;

      if (find_same (in_file, poi))
        {
          n_duplicates++;
          continue;
        }
      index_poi (in_file, poi);

      old = find_same (by_name, poi);
      if (old)
        {
          TdChange *change = update_for (old, poi);

          if (change)
            {
              g_ptr_array_add (changes, change);
              n_updated++;
            }
          else
            n_unchanged++;
        }
      else
        {
          g_ptr_array_add (changes, insert_for (poi));
          n_inserted++;
        }
    }

  if (changes->len > 0 && !td_database_commit (db, NULL, changes, error))
    return FALSE;

  if (stats)
    {
      stats->n_inserted = n_inserted;
      stats->n_updated = n_updated;
      stats->n_unchanged = n_unchanged;
      stats->n_duplicates = n_duplicates;
    }
  return TRUE;
}

gboolean
td_poi_import_file (TdDatabase        *db,
                    const char        *path,
                    TdPoiFormat        format,
                    const TdCrs       *crs,
                    TdPoiImportStats  *stats,
                    GError           **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GPtrArray) pois = NULL;
  g_autoptr(GError) read_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &read_error))
    {
      g_set_error (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_READ,
                   "%s", read_error->message);
      return FALSE;
    }

  pois = td_poi_import_parse (contents, length, display, format, crs, stats, error);
  if (pois == NULL)
    return FALSE;
  return td_poi_import_commit (db, pois, stats, error);
}
