/* td-demo-data.h: the fixed tables the demo generator draws from (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *code;      /* GB/T 2260 county-level code */
  const char *province;
  const char *city;
  guint       weight;    /* how often customers come from here */
} TdDemoRegion;

typedef struct {
  const char *name;
  const char *name_en;
  const char *rating;         /* national A-level rating, or NULL */
  const char *city;
  const char *address;
  double      lat;            /* WGS-84 */
  double      lon;
  const char *opening_hours;
  gint64      ticket_fen;     /* adult ticket, CNY minor units; 0 free */
} TdDemoAttraction;

typedef struct {
  const char *name;
  const char *city;
  const char *address;
  const char *phone;
  int         stars;
  double      lat;
  double      lon;
  guint       floors;
  guint       rooms_per_floor;
} TdDemoHotel;

typedef struct {
  const char *code;
  const char *name;
  const char *beds;
  int         max_adults;
  int         max_children;
  gint64      price_fen;
} TdDemoRoomType;

extern const char *const td_demo_surnames[];
extern const guint td_demo_n_surnames;
extern const char *const td_demo_given_chars[];
extern const guint td_demo_n_given_chars;
extern const TdDemoRegion td_demo_regions[];
extern const guint td_demo_n_regions;
extern const TdDemoAttraction td_demo_attractions[];
extern const guint td_demo_n_attractions;
extern const TdDemoHotel td_demo_hotels[];
extern const guint td_demo_n_hotels;
extern const TdDemoRoomType td_demo_room_types[];
extern const guint td_demo_n_room_types;
extern const char *const td_demo_company_names[];
extern const guint td_demo_n_company_names;

G_END_DECLS
