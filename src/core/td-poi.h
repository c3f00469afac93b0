/* td-poi.h: a point of interest, as the map and the queries use it
 *
 * A TdPoi is an immutable, reference-counted copy of one live record of the
 * "poi" kind (see td-kind.c), coordinates in WGS-84.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-geo.h"
#include "td-money.h"

G_BEGIN_DECLS

/* In the order the map lists them. Keep in step with poi_categories in
 * td-kind.c. */
typedef enum {
  TD_POI_ATTRACTION,
  TD_POI_HOTEL,
  TD_POI_RESTAURANT,
  TD_POI_SHOP,
  TD_POI_TRANSPORT,
  TD_POI_PROPERTY,      /* the business's own hotels */
  TD_POI_N_CATEGORIES
} TdPoiCategory;

typedef struct {
  char          *id;
  gint64         revision;
  char          *name;
  char          *name_en;        /* or NULL, as every text field below */
  TdPoiCategory  category;
  char          *rating;         /* "5A" ... "1A" for attractions */
  char          *province;
  char          *city;
  char          *address;
  double         lat;
  double         lon;
  char          *opening_hours;
  TdMoney        ticket_price;   /* currency[0] == '\0' when not known */
  TdCrs          source_crs;     /* what the coordinates were given in */
  double         distance;       /* metres, from a nearby query; -1 otherwise */
} TdPoi;

#define TD_TYPE_POI (td_poi_get_type ())

GType        td_poi_get_type              (void) G_GNUC_CONST;
/* All strings copied; fields left 0/NULL, distance -1. */
TdPoi       *td_poi_new                   (void);
TdPoi       *td_poi_ref                   (TdPoi          *poi);
void         td_poi_unref                 (TdPoi          *poi);
TdPoi       *td_poi_copy                  (const TdPoi    *poi);
gboolean     td_poi_has_ticket_price      (const TdPoi    *poi);

/* As in the CLI's --json: every field, null when not known. */
void         td_poi_to_json               (const TdPoi    *poi,
                                           JsonBuilder    *builder);

/* "attraction", "hotel", ...: the values stored in pois.category */
const char  *td_poi_category_to_string    (TdPoiCategory  category);
gboolean     td_poi_category_from_string  (const char    *text,
                                           TdPoiCategory *category);
/* Also what people write in files: Chinese (景点, 酒店, 餐厅, 商店, 交通,
 * ...) and English words, in any case. */
gboolean     td_poi_category_parse        (const char    *text,
                                           TdPoiCategory *category);
/* Translated: "Attractions", "Hotels", ... */
const char  *td_poi_category_get_title    (TdPoiCategory  category);
/* Translated, for one place: "Attraction", "Hotel", ... */
const char  *td_poi_category_get_name     (TdPoiCategory  category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPoi, td_poi_unref)

G_END_DECLS
