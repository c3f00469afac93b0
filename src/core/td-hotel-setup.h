/* td-hotel-setup.h: setting up the hotels: properties, room types, rooms
 *
 * What a new hotel enters before its first booking: the hotel (name, city,
 * address, phone, stars), its room types (a code such as DLX, a name, the
 * guests it takes, the beds, the base price a night) and its rooms, added
 * many at a time from what a clerk types ("101-120, 201, 305A").
 *
 * Each function checks what it is given and says what is wrong in a
 * sentence naming the field or the room; nothing is written then. A room
 * type or room that was removed and is added again under the same code or
 * number is brought back (the workspace keeps its history and its sync id).
 * A room cannot be removed while a stay or an out-of-order period holds it
 * tonight or later; a room type not while it has rooms; a hotel not while
 * it has room types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-money.h"

G_BEGIN_DECLS

typedef struct {
  char   *id;        /* NULL: a new hotel */
  gint64  revision;
  char   *name;
  char   *city;      /* or NULL */
  char   *address;   /* or NULL */
  char   *phone;     /* or NULL */
  int     stars;     /* 0: none given; 1 to 5 */
  guint   n_room_types;
  guint   n_rooms;
} TdProperty;

typedef struct {
  char    *id;         /* NULL: a new room type */
  gint64   revision;
  char    *property_id;
  char    *code;       /* short, unique in its hotel (any case): DLX */
  char    *name;
  int      max_adults;   /* 0: not given */
  int      max_children; /* -1: not given */
  char    *beds;       /* or NULL: "1 king", "2 singles" */
  gboolean has_price;
  TdMoney  base_price; /* a night */
  guint    n_rooms;
  char    *room_numbers; /* "101–110, 201": the rooms, with runs shortened */
} TdRoomTypeInfo;

void        td_property_clear          (TdProperty          *property);
void        td_property_free           (TdProperty          *property);
void        td_room_type_info_clear    (TdRoomTypeInfo      *type);
void        td_room_type_info_free     (TdRoomTypeInfo      *type);

/* The hotels (TdProperty*), by name, with their counts. */
GPtrArray  *td_properties_list         (TdDatabase          *db,
                                        GError             **error);
/* The room types (TdRoomTypeInfo*) of a hotel, by code. */
GPtrArray  *td_room_types_list         (TdDatabase          *db,
                                        const char          *property_id,
                                        GError             **error);

/* Adds (property->id NULL) or changes a hotel; returns its id. */
char       *td_property_save           (TdDatabase          *db,
                                        const char          *actor,
                                        const TdProperty    *property,
                                        GError             **error);
/* Adds (type->id NULL) or changes a room type; returns its id. A price
 * without a currency is in the workspace's. */
char       *td_room_type_save          (TdDatabase          *db,
                                        const char          *actor,
                                        const TdRoomTypeInfo *type,
                                        GError             **error);

/* The room numbers in text: numbers, runs "101-120" (same length or
 * prefix, at most 500 rooms in all), separated by commas, spaces or
 * "、"; NULL with a message naming the piece that is not one. */
GStrv       td_room_numbers_parse      (const char          *text,
                                        GError             **error);
/* "101–105, 201, 203" from numbers (sorted, runs shortened) */
char       *td_room_numbers_describe   (const char * const  *numbers);

/* Adds the rooms numbered in text to a room type (its hotel's); a number
 * the hotel already has is refused, naming it. The floor of a numeric room
 * is its number without the last two digits (1203: floor 12). Returns how
 * many rooms were added. */
guint       td_rooms_add               (TdDatabase          *db,
                                        const char          *actor,
                                        const char          *room_type_id,
                                        const char          *numbers,
                                        GError             **error);

gboolean    td_room_remove             (TdDatabase          *db,
                                        const char          *actor,
                                        const char          *room_id,
                                        GError             **error);
gboolean    td_room_type_remove        (TdDatabase          *db,
                                        const char          *actor,
                                        const char          *room_type_id,
                                        GError             **error);
gboolean    td_property_remove         (TdDatabase          *db,
                                        const char          *actor,
                                        const char          *property_id,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdProperty, td_property_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRoomTypeInfo, td_room_type_info_free)

G_END_DECLS
