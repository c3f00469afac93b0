/* td-china-places.c: where the provinces and the main cities of China are
 *
 * Coordinates are WGS-84, of each place's seat of government, to about a
 * kilometre: enough to draw where customers come from, not to navigate.
 * Codes are GB/T 2260's (the first digits of a resident identity number).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-china-places.h"

static const TdChinaPlace places[] = {
/* the provinces, regions and municipalities, at their capitals */
  { "11", "北京", "Beijing", NULL, 39.904, 116.407 },
  { "12", "天津", "Tianjin", NULL, 39.085, 117.199 },
  { "13", "河北", "Hebei", NULL, 38.042, 114.515 },
  { "14", "山西", "Shanxi", NULL, 37.870, 112.549 },
  { "15", "内蒙古", "Inner Mongolia", NULL, 40.842, 111.749 },
  { "21", "辽宁", "Liaoning", NULL, 41.805, 123.431 },
  { "22", "吉林", "Jilin", NULL, 43.817, 125.324 },
  { "23", "黑龙江", "Heilongjiang", NULL, 45.803, 126.535 },
  { "31", "上海", "Shanghai", NULL, 31.230, 121.474 },
  { "32", "江苏", "Jiangsu", NULL, 32.060, 118.797 },
  { "33", "浙江", "Zhejiang", NULL, 30.274, 120.155 },
  { "34", "安徽", "Anhui", NULL, 31.821, 117.227 },
  { "35", "福建", "Fujian", NULL, 26.074, 119.296 },
  { "36", "江西", "Jiangxi", NULL, 28.682, 115.858 },
  { "37", "山东", "Shandong", NULL, 36.651, 117.121 },
  { "41", "河南", "Henan", NULL, 34.747, 113.625 },
  { "42", "湖北", "Hubei", NULL, 30.593, 114.305 },
  { "43", "湖南", "Hunan", NULL, 28.228, 112.939 },
  { "44", "广东", "Guangdong", NULL, 23.129, 113.264 },
  { "45", "广西", "Guangxi", NULL, 22.817, 108.366 },
  { "46", "海南", "Hainan", NULL, 20.044, 110.199 },
  { "50", "重庆", "Chongqing", NULL, 29.563, 106.551 },
  { "51", "四川", "Sichuan", NULL, 30.573, 104.066 },
  { "52", "贵州", "Guizhou", NULL, 26.647, 106.630 },
  { "53", "云南", "Yunnan", NULL, 25.038, 102.718 },
  { "54", "西藏", "Tibet", NULL, 29.652, 91.172 },
  { "61", "陕西", "Shaanxi", NULL, 34.341, 108.940 },
  { "62", "甘肃", "Gansu", NULL, 36.061, 103.834 },
  { "63", "青海", "Qinghai", NULL, 36.617, 101.778 },
  { "64", "宁夏", "Ningxia", NULL, 38.487, 106.231 },
  { "65", "新疆", "Xinjiang", NULL, 43.825, 87.617 },
  { "71", "台湾", "Taiwan", NULL, 25.033, 121.565 },
  { "81", "香港", "Hong Kong", NULL, 22.320, 114.170 },
  { "82", "澳门", "Macao", NULL, 22.199, 113.544 },
  /* cities (prefecture level) */
  { "1301", "石家庄", "Shijiazhuang", "石家庄市", 38.042, 114.515 },
  { "1302", "唐山", "Tangshan", "唐山市", 39.631, 118.180 },
  { "1303", "秦皇岛", "Qinhuangdao", "秦皇岛市", 39.935, 119.600 },
  { "1304", "邯郸", "Handan", "邯郸市", 36.625, 114.539 },
  { "1306", "保定", "Baoding", "保定市", 38.874, 115.465 },
  { "1307", "张家口", "Zhangjiakou", "张家口市", 40.824, 114.887 },
  { "1308", "承德", "Chengde", "承德市", 40.951, 117.963 },
  { "1310", "廊坊", "Langfang", "廊坊市", 39.538, 116.683 },
  { "1309", "沧州", "Cangzhou", "沧州市", 38.304, 116.839 },
  { "1401", "太原", "Taiyuan", "太原市", 37.870, 112.549 },
  { "1402", "大同", "Datong", "大同市", 40.077, 113.300 },
  { "1408", "运城", "Yuncheng", "运城市", 35.026, 111.007 },
  { "1410", "临汾", "Linfen", "临汾市", 36.088, 111.519 },
  { "1501", "呼和浩特", "Hohhot", "呼和浩特市", 40.842, 111.749 },
  { "1502", "包头", "Baotou", "包头市", 40.657, 109.840 },
  { "1506", "鄂尔多斯", "Ordos", "鄂尔多斯市", 39.608, 109.781 },
  { "1507", "呼伦贝尔", "Hulunbuir", "呼伦贝尔市", 49.212, 119.766 },
  { "2101", "沈阳", "Shenyang", "沈阳市", 41.805, 123.431 },
  { "2102", "大连", "Dalian", "大连市", 38.914, 121.615 },
  { "2103", "鞍山", "Anshan", "鞍山市", 41.108, 122.995 },
  { "2106", "丹东", "Dandong", "丹东市", 40.000, 124.354 },
  { "2107", "锦州", "Jinzhou", "锦州市", 41.095, 121.127 },
  { "2201", "长春", "Changchun", "长春市", 43.817, 125.324 },
  { "2202", "吉林", "Jilin", "吉林市", 43.838, 126.549 },
  { "2224", "延边", "Yanbian", "延边朝鲜族自治州", 42.891, 129.508 },
  { "2301", "哈尔滨", "Harbin", "哈尔滨市", 45.803, 126.535 },
  { "2302", "齐齐哈尔", "Qiqihar", "齐齐哈尔市", 47.354, 123.918 },
  { "2310", "牡丹江", "Mudanjiang", "牡丹江市", 44.552, 129.633 },
  { "2306", "大庆", "Daqing", "大庆市", 46.588, 125.104 },
  { "3201", "南京", "Nanjing", "南京市", 32.060, 118.797 },
  { "3205", "苏州", "Suzhou", "苏州市", 31.299, 120.585 },
  { "3202", "无锡", "Wuxi", "无锡市", 31.491, 120.312 },
  { "3204", "常州", "Changzhou", "常州市", 31.811, 119.974 },
  { "3206", "南通", "Nantong", "南通市", 31.980, 120.894 },
  { "3210", "扬州", "Yangzhou", "扬州市", 32.394, 119.413 },
  { "3203", "徐州", "Xuzhou", "徐州市", 34.205, 117.285 },
  { "3211", "镇江", "Zhenjiang", "镇江市", 32.188, 119.425 },
  { "3207", "连云港", "Lianyungang", "连云港市", 34.597, 119.222 },
  { "3209", "盐城", "Yancheng", "盐城市", 33.348, 120.163 },
  { "3212", "泰州", "Taizhou", "泰州市", 32.455, 119.923 },
  { "3208", "淮安", "Huai'an", "淮安市", 33.610, 119.015 },
  { "3301", "杭州", "Hangzhou", "杭州市", 30.274, 120.155 },
  { "3302", "宁波", "Ningbo", "宁波市", 29.868, 121.544 },
  { "3303", "温州", "Wenzhou", "温州市", 27.994, 120.699 },
  { "3306", "绍兴", "Shaoxing", "绍兴市", 30.030, 120.580 },
  { "3304", "嘉兴", "Jiaxing", "嘉兴市", 30.746, 120.755 },
  { "3305", "湖州", "Huzhou", "湖州市", 30.894, 120.087 },
  { "3307", "金华", "Jinhua", "金华市", 29.079, 119.647 },
  { "3310", "台州", "Taizhou", "台州市", 28.656, 121.421 },
  { "3309", "舟山", "Zhoushan", "舟山市", 29.985, 122.207 },
  { "3311", "丽水", "Lishui", "丽水市", 28.468, 119.923 },
  { "3308", "衢州", "Quzhou", "衢州市", 28.970, 118.859 },
  { "3401", "合肥", "Hefei", "合肥市", 31.821, 117.227 },
  { "3402", "芜湖", "Wuhu", "芜湖市", 31.353, 118.433 },
  { "3410", "黄山", "Huangshan", "黄山市", 29.715, 118.338 },
  { "3408", "安庆", "Anqing", "安庆市", 30.543, 117.063 },
  { "3403", "蚌埠", "Bengbu", "蚌埠市", 32.916, 117.389 },
  { "3501", "福州", "Fuzhou", "福州市", 26.074, 119.296 },
  { "3502", "厦门", "Xiamen", "厦门市", 24.480, 118.089 },
  { "3505", "泉州", "Quanzhou", "泉州市", 24.874, 118.676 },
  { "3506", "漳州", "Zhangzhou", "漳州市", 24.513, 117.647 },
  { "3503", "莆田", "Putian", "莆田市", 25.454, 119.008 },
  { "3507", "南平", "Nanping", "南平市", 26.642, 118.178 },
  { "3508", "龙岩", "Longyan", "龙岩市", 25.075, 117.017 },
  { "3601", "南昌", "Nanchang", "南昌市", 28.682, 115.858 },
  { "3604", "九江", "Jiujiang", "九江市", 29.705, 116.002 },
  { "3607", "赣州", "Ganzhou", "赣州市", 25.831, 114.935 },
  { "3602", "景德镇", "Jingdezhen", "景德镇市", 29.269, 117.178 },
  { "3611", "上饶", "Shangrao", "上饶市", 28.455, 117.943 },
  { "3701", "济南", "Jinan", "济南市", 36.651, 117.121 },
  { "3702", "青岛", "Qingdao", "青岛市", 36.067, 120.383 },
  { "3706", "烟台", "Yantai", "烟台市", 37.464, 121.448 },
  { "3710", "威海", "Weihai", "威海市", 37.513, 122.120 },
  { "3707", "潍坊", "Weifang", "潍坊市", 36.707, 119.162 },
  { "3709", "泰安", "Tai'an", "泰安市", 36.200, 117.087 },
  { "3708", "济宁", "Jining", "济宁市", 35.415, 116.587 },
  { "3713", "临沂", "Linyi", "临沂市", 35.105, 118.356 },
  { "3703", "淄博", "Zibo", "淄博市", 36.813, 118.055 },
  { "3711", "日照", "Rizhao", "日照市", 35.417, 119.527 },
  { "4101", "郑州", "Zhengzhou", "郑州市", 34.747, 113.625 },
  { "4102", "开封", "Kaifeng", "开封市", 34.797, 114.307 },
  { "4103", "洛阳", "Luoyang", "洛阳市", 34.619, 112.454 },
  { "4104", "平顶山", "Pingdingshan", "平顶山市", 33.766, 113.193 },
  { "4105", "安阳", "Anyang", "安阳市", 36.097, 114.393 },
  { "4106", "鹤壁", "Hebi", "鹤壁市", 35.748, 114.297 },
  { "4107", "新乡", "Xinxiang", "新乡市", 35.303, 113.927 },
  { "4108", "焦作", "Jiaozuo", "焦作市", 35.216, 113.242 },
  { "4109", "濮阳", "Puyang", "濮阳市", 35.762, 115.029 },
  { "4110", "许昌", "Xuchang", "许昌市", 34.036, 113.852 },
  { "4111", "漯河", "Luohe", "漯河市", 33.582, 114.017 },
  { "4112", "三门峡", "Sanmenxia", "三门峡市", 34.773, 111.200 },
  { "4113", "南阳", "Nanyang", "南阳市", 32.991, 112.528 },
  { "4114", "商丘", "Shangqiu", "商丘市", 34.414, 115.656 },
  { "4115", "信阳", "Xinyang", "信阳市", 32.147, 114.091 },
  { "4116", "周口", "Zhoukou", "周口市", 33.626, 114.697 },
  { "4117", "驻马店", "Zhumadian", "驻马店市", 32.981, 114.022 },
  { "4190", "济源", "Jiyuan", "济源市", 35.067, 112.602 },
  { "4201", "武汉", "Wuhan", "武汉市", 30.593, 114.305 },
  { "4205", "宜昌", "Yichang", "宜昌市", 30.692, 111.286 },
  { "4206", "襄阳", "Xiangyang", "襄阳市", 32.009, 112.122 },
  { "4203", "十堰", "Shiyan", "十堰市", 32.629, 110.798 },
  { "4210", "荆州", "Jingzhou", "荆州市", 30.335, 112.240 },
  { "4301", "长沙", "Changsha", "长沙市", 28.228, 112.939 },
  { "4308", "张家界", "Zhangjiajie", "张家界市", 29.117, 110.479 },
  { "4306", "岳阳", "Yueyang", "岳阳市", 29.357, 113.129 },
  { "4302", "株洲", "Zhuzhou", "株洲市", 27.828, 113.134 },
  { "4303", "湘潭", "Xiangtan", "湘潭市", 27.830, 112.944 },
  { "4304", "衡阳", "Hengyang", "衡阳市", 26.894, 112.572 },
  { "4307", "常德", "Changde", "常德市", 29.031, 111.699 },
  { "4401", "广州", "Guangzhou", "广州市", 23.129, 113.264 },
  { "4403", "深圳", "Shenzhen", "深圳市", 22.543, 114.058 },
  { "4404", "珠海", "Zhuhai", "珠海市", 22.271, 113.577 },
  { "4406", "佛山", "Foshan", "佛山市", 23.022, 113.122 },
  { "4419", "东莞", "Dongguan", "东莞市", 23.021, 113.752 },
  { "4420", "中山", "Zhongshan", "中山市", 22.517, 113.393 },
  { "4405", "汕头", "Shantou", "汕头市", 23.354, 116.682 },
  { "4413", "惠州", "Huizhou", "惠州市", 23.112, 114.416 },
  { "4407", "江门", "Jiangmen", "江门市", 22.579, 113.082 },
  { "4408", "湛江", "Zhanjiang", "湛江市", 21.271, 110.359 },
  { "4412", "肇庆", "Zhaoqing", "肇庆市", 23.047, 112.465 },
  { "4501", "南宁", "Nanning", "南宁市", 22.817, 108.366 },
  { "4503", "桂林", "Guilin", "桂林市", 25.274, 110.290 },
  { "4502", "柳州", "Liuzhou", "柳州市", 24.326, 109.428 },
  { "4505", "北海", "Beihai", "北海市", 21.481, 109.120 },
  { "4601", "海口", "Haikou", "海口市", 20.044, 110.199 },
  { "4602", "三亚", "Sanya", "三亚市", 18.253, 109.512 },
  { "5101", "成都", "Chengdu", "成都市", 30.573, 104.066 },
  { "5107", "绵阳", "Mianyang", "绵阳市", 31.468, 104.679 },
  { "5111", "乐山", "Leshan", "乐山市", 29.552, 103.766 },
  { "5115", "宜宾", "Yibin", "宜宾市", 28.752, 104.643 },
  { "5113", "南充", "Nanchong", "南充市", 30.837, 106.110 },
  { "5105", "泸州", "Luzhou", "泸州市", 28.872, 105.443 },
  { "5106", "德阳", "Deyang", "德阳市", 31.127, 104.398 },
  { "5132", "阿坝", "Ngawa", "阿坝藏族羌族自治州", 31.899, 102.221 },
  { "5201", "贵阳", "Guiyang", "贵阳市", 26.647, 106.630 },
  { "5203", "遵义", "Zunyi", "遵义市", 27.726, 106.927 },
  { "5204", "安顺", "Anshun", "安顺市", 26.253, 105.947 },
  { "5301", "昆明", "Kunming", "昆明市", 25.038, 102.718 },
  { "5329", "大理", "Dali", "大理白族自治州", 25.607, 100.268 },
  { "5307", "丽江", "Lijiang", "丽江市", 26.872, 100.227 },
  { "5328", "西双版纳", "Xishuangbanna", "西双版纳傣族自治州", 22.008, 100.797 },
  { "5303", "曲靖", "Qujing", "曲靖市", 25.490, 103.796 },
  { "5401", "拉萨", "Lhasa", "拉萨市", 29.652, 91.172 },
  { "5402", "日喀则", "Shigatse", "日喀则市", 29.267, 88.881 },
  { "5404", "林芝", "Nyingchi", "林芝市", 29.649, 94.362 },
  { "6101", "西安", "Xi'an", "西安市", 34.341, 108.940 },
  { "6103", "宝鸡", "Baoji", "宝鸡市", 34.362, 107.238 },
  { "6104", "咸阳", "Xianyang", "咸阳市", 34.329, 108.709 },
  { "6106", "延安", "Yan'an", "延安市", 36.585, 109.490 },
  { "6107", "汉中", "Hanzhong", "汉中市", 33.067, 107.023 },
  { "6105", "渭南", "Weinan", "渭南市", 34.500, 109.510 },
  { "6108", "榆林", "Yulin", "榆林市", 38.285, 109.735 },
  { "6201", "兰州", "Lanzhou", "兰州市", 36.061, 103.834 },
  { "6205", "天水", "Tianshui", "天水市", 34.581, 105.725 },
  { "6209", "酒泉", "Jiuquan", "酒泉市", 39.733, 98.494 },
  { "6202", "嘉峪关", "Jiayuguan", "嘉峪关市", 39.772, 98.289 },
  { "6207", "张掖", "Zhangye", "张掖市", 38.926, 100.449 },
  { "6301", "西宁", "Xining", "西宁市", 36.617, 101.778 },
  { "6401", "银川", "Yinchuan", "银川市", 38.487, 106.231 },
  { "6402", "石嘴山", "Shizuishan", "石嘴山市", 39.013, 106.383 },
  { "6405", "中卫", "Zhongwei", "中卫市", 37.500, 105.190 },
  { "6501", "乌鲁木齐", "Urumqi", "乌鲁木齐市", 43.825, 87.617 },
  { "6531", "喀什", "Kashgar", "喀什地区", 39.470, 75.990 },
  { "6502", "克拉玛依", "Karamay", "克拉玛依市", 45.580, 84.889 },
  { "6540", "伊犁", "Ili", "伊犁哈萨克自治州", 43.917, 81.324 },
  { "6504", "吐鲁番", "Turpan", "吐鲁番市", 42.951, 89.190 },
};

/* a place name without its administrative suffix: 河南省 → 河南,
 * 广西壮族自治区 → 广西, 郑州市 → 郑州 */
static char *
short_name (const char *text)
{
  static const char * const suffixes[] = {
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区",
    "省", "市", "地区", "盟",
  };
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  gsize len = strlen (s);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize n = strlen (suffixes[i]);

      if (len > n && strcmp (s + len - n, suffixes[i]) == 0)
        {
          s[len - n] = '\0';
          break;
        }
    }
  return g_steal_pointer (&s);
}

/* English: "Zhengzhou", "zhengzhou city", "Henan Province" */
static gboolean
english_matches (const char *text,
                 const char *name_en)
{
  gsize n = strlen (name_en);

  if (g_ascii_strncasecmp (text, name_en, n) != 0)
    return FALSE;
  text += n;
  return *text == '\0' || g_ascii_strcasecmp (text, " city") == 0 ||
         g_ascii_strcasecmp (text, " province") == 0 || g_ascii_strcasecmp (text, " shi") == 0 ||
         g_ascii_strcasecmp (text, " sheng") == 0;
}

static gboolean
name_matches (const TdChinaPlace *place,
              const char         *text,
              const char         *short_text)
{
  return strcmp (short_text, place->name) == 0 ||
         (place->full_name != NULL && strcmp (text, place->full_name) == 0) ||
         /* 延边朝鲜族自治州, 西双版纳傣族自治州: the short name leads */
         (place->full_name != NULL && g_str_has_prefix (short_text, place->name) &&
          g_str_has_suffix (short_text, "州")) ||
         english_matches (text, place->name_en);
}

static gboolean
is_city (const TdChinaPlace *place)
{
  return strlen (place->code) == 4;
}

static const TdChinaPlace *
find_by_code (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (strcmp (places[i].code, code) == 0)
      return &places[i];
  return NULL;
}

static const TdChinaPlace *
find_province (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *short_text = short_name (stripped);

  if (*stripped == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (!is_city (&places[i]) && name_matches (&places[i], stripped, short_text))
      return &places[i];
  return NULL;
}

const TdChinaPlace *
td_china_place_find (const char *province,
                     const char *city,
                     const char *id_number)
{
  const TdChinaPlace *in_province = find_province (province);
  g_autofree char *stripped = g_strstrip (g_strdup (city ? city : ""));

  if (*stripped != '\0')
    {
      g_autofree char *short_text = short_name (stripped);
      const TdChinaPlace *province_level;

      for (guint i = 0; i < G_N_ELEMENTS (places); i++)
        {
          const TdChinaPlace *place = &places[i];

          if (!is_city (place) || !name_matches (place, stripped, short_text))
            continue;
          /* the same name in another province (Taizhou) is not this one */
          if (in_province != NULL && strncmp (place->code, in_province->code, 2) != 0)
            continue;
          return place;
        }
      /* 北京市, 上海, Hong Kong: cities that are provinces */
      province_level = find_province (stripped);
      if (province_level != NULL && (in_province == NULL || in_province == province_level))
        return province_level;
    }

  if (in_province != NULL)
    return in_province;

  /* a resident identity number starts with its holder's region */
  if (id_number != NULL && strlen (id_number) == 18 &&
      g_ascii_isdigit (id_number[0]) && g_ascii_isdigit (id_number[1]) &&
      g_ascii_isdigit (id_number[2]) && g_ascii_isdigit (id_number[3]))
    {
      char code[5] = { id_number[0], id_number[1], id_number[2], id_number[3], '\0' };
      const TdChinaPlace *place = find_by_code (code);

      if (place != NULL)
        return place;
      code[2] = '\0';
      return find_by_code (code);
    }
  return NULL;
}

const TdChinaPlace *
td_china_places (guint *n_places)
{
  *n_places = G_N_ELEMENTS (places);
  return places;
}

gboolean
td_china_place_is_city (const TdChinaPlace *place)
{
  static const char * const city_provinces[] = { "11", "12", "31", "50", "81", "82" };

  if (is_city (place))
    return TRUE;
  /* Beijing, Tianjin, Shanghai, Chongqing, Hong Kong, Macao */
  for (guint i = 0; i < G_N_ELEMENTS (city_provinces); i++)
    if (strcmp (place->code, city_provinces[i]) == 0)
      return TRUE;
  return FALSE;
}
