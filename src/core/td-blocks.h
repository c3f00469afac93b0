/* td-blocks.h: group blocks (allotments)
 *
 * An agency holds N rooms of a type for some dates. Until the release date
 * those rooms are out of sale for everyone else (the room type counts them
 * as taken); guests are picked up from the block by name, into the
 * block's reservation, at the block's price. On the release date what was
 * not picked up returns to sale: the availability counts it free from that
 * day, and td_blocks_release_due() records the release.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-date-range.h"
#include "td-desk.h"
#include "td-money.h"

G_BEGIN_DECLS

typedef enum {
  TD_BLOCK_HELD,
  TD_BLOCK_RELEASED,
  TD_BLOCK_CANCELLED,
} TdBlockState;

typedef struct {
  char         *id;
  gint64        revision;
  char         *property_id;
  char         *room_type_id;
  char         *room_type_code;
  char         *agency_id;
  char         *agency_name;
  char         *reservation_id;
  char         *name;
  guint         rooms;
  TdDateRange   dates;
  guint32       release_date;
  char         *rate_plan_id;
  gboolean      has_price;
  TdMoney       price;          /* a room and night, when negotiated */
  TdBlockState  state;
  GArray       *picked;         /* guint per night of dates: rooms picked up */
  guint         picked_up;      /* the most picked up on one night */
} TdBlock;

typedef struct {
  const char    *room_type_id;
  const char    *agency_id;     /* a customer: the agency (or company) */
  const char    *name;          /* "河南老年大学 秋游团" */
  guint          rooms;
  TdDateRange    dates;
  guint32        release_date;  /* on or before the first night */
  const char    *rate_plan_id;  /* NULL: the room type's first plan */
  const TdMoney *price;         /* NULL: the plan's prices */
  const char    *notes;
} TdBlockRequest;

typedef struct {
  const char        *guest_name;
  const char        *customer_id;   /* or NULL */
  const char        *room_id;       /* NULL: the first free room of the type */
  guint              adults;
  guint              children;
  const TdDateRange *dates;         /* NULL: the block's; else inside them */
} TdBlockPickUp;

void      td_block_free             (TdBlock              *block);

/* Holds the rooms (a reservation for the agency and the block, in one
 * commit); TD_DESK_ERROR_FULL when the type has not that many left. */
char     *td_block_create           (TdDatabase           *db,
                                     const char           *actor,
                                     const TdBlockRequest *request,
                                     const TdDeskTime     *when,
                                     GError              **error);
TdBlock  *td_block_get              (TdDatabase           *db,
                                     const char           *id,
                                     const TdDeskTime     *when,
                                     GError              **error);
/* TdBlock*, overlapping dates ({0, 0}: any), by start. */
GPtrArray *td_blocks_list           (TdDatabase           *db,
                                     const char           *property_id,
                                     const TdDateRange    *dates,
                                     const TdDeskTime     *when,
                                     GError              **error);

/* A guest from the block: the id of the new stay. TD_DESK_ERROR_BLOCK when
 * the block is released or all its rooms are picked up on a night. */
char     *td_block_pick_up          (TdDatabase           *db,
                                     const char           *actor,
                                     const char           *block_id,
                                     const TdBlockPickUp  *pick_up,
                                     const TdDeskTime     *when,
                                     GError              **error);
void      td_block_pick_up_async    (TdDatabase           *db,
                                     const char           *actor,
                                     const char           *block_id,
                                     const TdBlockPickUp  *pick_up,
                                     const TdDeskTime     *when,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
char     *td_block_pick_up_finish   (TdDatabase           *db,
                                     GAsyncResult         *result,
                                     GError              **error);

/* Returns what is not picked up to sale now. */
gboolean  td_block_release          (TdDatabase           *db,
                                     const char           *actor,
                                     const char           *block_id,
                                     GError              **error);
/* Releases every held block whose release date has come; the number, or -1. */
int       td_blocks_release_due     (TdDatabase           *db,
                                     const char           *actor,
                                     const TdDeskTime     *when,
                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdBlock, td_block_free)

G_END_DECLS
