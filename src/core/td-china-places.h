/* td-china-places.h: where the provinces and the main cities of China are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *code;       /* GB/T 2260: 2 digits (province) or 4 (city) */
  const char *name;       /* short Chinese name: 河南, 郑州 */
  const char *name_en;    /* Henan, Zhengzhou */
  const char *full_name;  /* a city's official name (郑州市); NULL for provinces */
  double      latitude;   /* WGS-84, the seat of government */
  double      longitude;
} TdChinaPlace;

/* The place a customer comes from: the city when the table has it (within
 * the province when one is given), else the province, else the region of a
 * resident identity number (its first 4, then 2 digits). Names are matched
 * in Chinese with or without 省/市/自治区 and in English. NULL: unknown. */
const TdChinaPlace *td_china_place_find    (const char         *province,
                                            const char         *city,
                                            const char         *id_number);
const TdChinaPlace *td_china_places        (guint              *n_places);
/* a city, or a municipality (Beijing, Shanghai, ...) or Hong Kong/Macao */
gboolean            td_china_place_is_city (const TdChinaPlace *place);

G_END_DECLS
