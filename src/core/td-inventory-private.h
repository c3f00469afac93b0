/* td-inventory-private.h: rooms and nights, counted (for src/core only)
 *
 * What availability shows and what a booking's commit checks are the same
 * numbers, counted here: for each room type and night of a range, its
 * rooms, those taken (room_nights: stays and out-of-order periods, by the
 * type of the room), the overbooked stays without a room (by the type
 * sold), and the rooms group blocks still hold (not picked up, not
 * released). What is left to sell on a night is rooms − taken −
 * unassigned − held; a single room stays only in a room free every night.
 *
 * Tentative holds whose time is past count as free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-availability.h"
#include "td-database-private.h"
#include "td-date-range.h"
#include "td-desk.h"

G_BEGIN_DECLS

typedef struct {
  char      *room_type_id;
  char      *property_id;
  guint      n_rooms;
  guint      n_nights;
  int       *taken;       /* per night of the range */
  int       *unassigned;
  int       *held;
  GPtrArray *free_rooms;  /* TdAvailableRoom*, by number: free every night */
} TdTypeInventory;

typedef struct {
  TdDateRange  range;
  GPtrArray   *types;     /* TdTypeInventory* */
  GHashTable  *by_type;   /* room type id → TdTypeInventory* */
} TdInventory;

void             _td_inventory_free          (TdInventory       *inventory);

/* The rooms of a property (property_id), of a room type (room_type_id), or
 * of every property (both NULL), over range. Takes the lock. */
TdInventory     *_td_inventory_load          (TdDatabase        *db,
                                              const char        *property_id,
                                              const char        *room_type_id,
                                              const TdDateRange *range,
                                              const TdDeskTime  *when,
                                              GError           **error);
TdTypeInventory *_td_inventory_get_type      (TdInventory       *inventory,
                                              const char        *room_type_id);
/* rooms − taken − unassigned − held on the night of index i (may be < 0) */
int              _td_type_inventory_left     (const TdTypeInventory *type,
                                              guint              i);
/* the least left over the range, and the index of that night */
int              _td_type_inventory_min_left (const TdTypeInventory *type,
                                              guint             *night_index);

/* Fails with TD_DESK_ERROR_FULL, naming the type and the night, when the
 * room type is oversold on a night of range. Lock held (a commit check). */
gboolean         _td_inventory_check_type    (TdDatabase        *db,
                                              const char        *room_type_id,
                                              const TdDateRange *range,
                                              const TdDeskTime  *when,
                                              GError           **error);

/* Replaces *error, when a change failed on the room-night table, with
 * what takes room_id on the first taken night of range (a stay: its guest,
 * state and dates; or out of order: its reason). except_stay and
 * except_closure (ids, or NULL) are what was being written. Lock held. */
void             _td_inventory_explain_taken (TdDatabase        *db,
                                              const char        *room_id,
                                              const TdDateRange *range,
                                              const char        *except_stay,
                                              const char        *except_closure,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdInventory, _td_inventory_free)

G_END_DECLS
