/* td-blocks.c: group blocks (allotments)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-blocks.h"
#include "td-database-private.h"
#include "td-inventory-private.h"
#include "td-rates.h"
#include "td-stays-private.h"
#include "td-time.h"

void
td_block_free (TdBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->id);
  g_free (block->property_id);
  g_free (block->room_type_id);
  g_free (block->room_type_code);
  g_free (block->agency_id);
  g_free (block->agency_name);
  g_free (block->reservation_id);
  g_free (block->name);
  g_free (block->rate_plan_id);
  g_clear_pointer (&block->picked, g_array_unref);
  g_free (block);
}

static TdBlockState
state_from_string (const char *text)
{
  if (g_strcmp0 (text, "released") == 0)
    return TD_BLOCK_RELEASED;
  if (g_strcmp0 (text, "cancelled") == 0)
    return TD_BLOCK_CANCELLED;
  return TD_BLOCK_HELD;
}

/* The rooms picked up from the block on each of its nights (tentative
 * holds past their time do not count). Lock held. */
static GArray *
count_picked (TdDatabase         *db,
              const char         *block_id,
              const TdDateRange  *dates,
              const TdDeskTime   *when,
              GError            **error)
{
  g_autoptr(GArray) picked = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autofree char *now = td_timestamp_from_unix (when->now);
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_size (picked, td_date_range_get_nights (dates));
  stmt = _td_database_prepare (db,
                               "SELECT arrival, departure FROM stays WHERE block_id = ?1 AND deleted = 0 "
                               "AND state IN ('tentative', 'confirmed', 'checked_in', 'checked_out') "
                               "AND (state != 'tentative' OR hold_until IS NULL OR hold_until > ?2)",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, block_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 start, end;

      if (!td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 0), &start, NULL)
          || !td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 1), &end, NULL))
        continue;
      for (guint32 night = MAX (start, dates->start); night < MIN (end, dates->end); night++)
        g_array_index (picked, guint, night - dates->start)++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      return NULL;
    }
  return g_steal_pointer (&picked);
}

#define BLOCK_COLUMNS \
  "SELECT b.id, b.revision, b.property_id, b.room_type_id, t.code, b.agency_id, c.name, b.reservation_id, " \
  "b.name, b.rooms, b.start_date, b.end_date, b.release_date, b.rate_plan_id, b.price_minor, " \
  "b.price_currency, b.state FROM group_blocks b JOIN room_types t ON t.id = b.room_type_id " \
  "JOIN customers c ON c.id = b.agency_id "

/* Reads the blocks the statement finds, with what is picked up. Lock held. */
static GPtrArray *
read_blocks (TdDatabase        *db,
             sqlite3_stmt      *stmt,
             const TdDeskTime  *when,
             GError           **error)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) td_block_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdBlock *b = g_new0 (TdBlock, 1);

      g_ptr_array_add (blocks, b);
      b->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      b->revision = sqlite3_column_int64 (stmt, 1);
      b->property_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      b->room_type_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      b->room_type_code = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      b->agency_id = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      b->agency_name = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      b->reservation_id = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      b->name = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      b->rooms = (guint) sqlite3_column_int (stmt, 9);
      td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 10), &b->dates.start, NULL);
      td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 11), &b->dates.end, NULL);
      td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 12), &b->release_date, NULL);
      b->rate_plan_id = g_strdup ((const char *) sqlite3_column_text (stmt, 13));
      if (sqlite3_column_type (stmt, 14) != SQLITE_NULL)
        b->has_price = td_money_init (&b->price, sqlite3_column_int64 (stmt, 14),
                                      (const char *) sqlite3_column_text (stmt, 15), NULL);
      b->state = state_from_string ((const char *) sqlite3_column_text (stmt, 16));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      return NULL;
    }

  /* the statement is done with: the counts use statements of their own */
  for (guint i = 0; i < blocks->len; i++)
    {
      TdBlock *b = g_ptr_array_index (blocks, i);

      b->picked = count_picked (db, b->id, &b->dates, when, error);
      if (b->picked == NULL)
        return NULL;
      for (guint n = 0; n < b->picked->len; n++)
        b->picked_up = MAX (b->picked_up, g_array_index (b->picked, guint, n));
    }
  return g_steal_pointer (&blocks);
}

TdBlock *
td_block_get (TdDatabase         *db,
              const char         *id,
              const TdDeskTime   *when,
              GError            **error)
{
  g_autoptr(GPtrArray) blocks = NULL;
  TdDeskTime storage;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  _td_database_lock (db);
  stmt = _td_database_prepare (db, BLOCK_COLUMNS "WHERE b.id = ?1 AND b.deleted = 0", error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      blocks = read_blocks (db, stmt, when, error);
    }
  _td_database_unlock (db);

  if (blocks == NULL)
    return NULL;
  if (blocks->len == 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no group block %s"), id);
      return NULL;
    }
  return g_ptr_array_steal_index (blocks, 0);
}

GPtrArray *
td_blocks_list (TdDatabase         *db,
                const char         *property_id,
                const TdDateRange  *dates,
                const TdDeskTime   *when,
                GError            **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *sql = NULL;
  GPtrArray *blocks = NULL;
  TdDeskTime storage;
  sqlite3_stmt *stmt;
  gboolean by_dates = dates && dates->end > dates->start;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  when = td_desk_time_or_now (when, db, &storage);
  if (by_dates)
    {
      from = td_date_format_iso (dates->start);
      to = td_date_format_iso (dates->end);
    }
  sql = g_strdup_printf (BLOCK_COLUMNS "WHERE b.deleted = 0%s%s ORDER BY b.start_date, b.name",
                         property_id ? " AND b.property_id = ?1" : "",
                         by_dates ? " AND b.end_date > ?2 AND b.start_date < ?3" : "");
  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, property_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);
      blocks = read_blocks (db, stmt, when, error);
    }
  _td_database_unlock (db);
  return blocks;
}

gboolean
_td_block_check_picked (TdDatabase        *db,
                        const char        *block_id,
                        const TdDeskTime  *when,
                        GError           **error)
{
  g_autoptr(TdBlock) block = td_block_get (db, block_id, when, error);

  if (block == NULL)
    return FALSE;
  for (guint n = 0; n < block->picked->len; n++)
    if (g_array_index (block->picked, guint, n) > block->rooms)
      {
        g_autofree char *night = td_date_format_iso (block->dates.start + n);

        g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_BLOCK,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "All %u room of the block “%s” is picked up for the night of %s: book the guest outside the block",
                                  "All %u rooms of the block “%s” are picked up for the night of %s: book the guest outside the block",
                                  block->rooms),
                     block->rooms, block->name, night);
        return FALSE;
      }
  return TRUE;
}

typedef struct {
  char             *room_type_id;
  TdDateRange       dates;
  const TdDeskTime *when;
} CreateCheck;

static gboolean
create_check (TdDatabase  *db,
              gpointer     user_data,
              GError     **error)
{
  CreateCheck *check = user_data;

  return _td_inventory_check_type (db, check->room_type_id, &check->dates, check->when, error);
}

char *
td_block_create (TdDatabase            *db,
                 const char            *actor,
                 const TdBlockRequest  *request,
                 const TdDeskTime      *when,
                 GError               **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdRatePlan) plan = NULL;
  g_autoptr(JsonObject) type = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *release = NULL;
  TdCommitHooks hooks = { create_check, NULL, NULL };
  CreateCheck check;
  TdDeskTime storage;
  TdChange *reservation, *block;
  const char *property_id;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  if (request->rooms == 0 || request->name == NULL || *request->name == '\0'
      || request->agency_id == NULL || request->room_type_id == NULL)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("A group block needs a name, an agency, a room type and at least one room"));
      return NULL;
    }
  if (request->dates.end <= request->dates.start)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("The departure must be after the arrival"));
      return NULL;
    }
  if (request->release_date > request->dates.start)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("The release date must be on or before the first night of the block"));
      return NULL;
    }
  if (request->release_date <= when->today)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("The release date has come already: the rooms would be back on sale at once"));
      return NULL;
    }

  type = td_database_get_record (db, "room_type", request->room_type_id, error);
  if (type == NULL)
    return NULL;
  property_id = json_object_get_string_member (type, "property_id");
  if (request->rate_plan_id)
    {
      plan = td_rate_plan_load (db, request->rate_plan_id, error);
      if (plan == NULL)
        return NULL;
      if (g_strcmp0 (plan->room_type_id, request->room_type_id) != 0)
        {
          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                       _("The rate plan %s is for another room type"), plan->code);
          return NULL;
        }
    }

  reservation = td_change_new_insert ("reservation", NULL);
  td_change_set_string (reservation, "property_id", property_id);
  td_change_set_string (reservation, "customer_id", request->agency_id);
  td_change_set_string (reservation, "agency_id", request->agency_id);
  td_change_set_string (reservation, "source", "agency");
  td_change_set_string (reservation, "reference", request->name);
  if (plan)
    {
      td_change_set_string (reservation, "cancel_penalty",
                            plan->policy.penalty == TD_PENALTY_FIRST_NIGHT ? "first-night"
                            : plan->policy.penalty == TD_PENALTY_PERCENT ? "percent" : "none");
      if (plan->policy.free_days >= 0)
        td_change_set_int (reservation, "cancel_free_days", plan->policy.free_days);
      if (plan->policy.penalty == TD_PENALTY_PERCENT)
        td_change_set_int (reservation, "cancel_percent", plan->policy.percent);
    }
  g_ptr_array_add (changes, reservation);

  start = td_date_format_iso (request->dates.start);
  end = td_date_format_iso (request->dates.end);
  release = td_date_format_iso (request->release_date);
  block = td_change_new_insert ("group_block", NULL);
  td_change_set_string (block, "property_id", property_id);
  td_change_set_string (block, "room_type_id", request->room_type_id);
  td_change_set_string (block, "agency_id", request->agency_id);
  td_change_set_string (block, "reservation_id", td_change_get_id (reservation));
  td_change_set_string (block, "name", request->name);
  td_change_set_int (block, "rooms", request->rooms);
  td_change_set_string (block, "start_date", start);
  td_change_set_string (block, "end_date", end);
  td_change_set_string (block, "release_date", release);
  if (request->rate_plan_id)
    td_change_set_string (block, "rate_plan_id", request->rate_plan_id);
  if (request->price)
    td_change_set_money (block, "price", request->price);
  td_change_set_string (block, "state", "held");
  if (request->notes && *request->notes)
    td_change_set_string (block, "notes", request->notes);
  g_ptr_array_add (changes, block);

  check.room_type_id = (char *) request->room_type_id;
  check.dates = request->dates;
  check.when = when;
  hooks.user_data = &check;
  if (!_td_database_commit_with_hooks (db, actor, changes, &hooks, error))
    return NULL;
  return g_strdup (td_change_get_id (block));
}

char *
td_block_pick_up (TdDatabase           *db,
                  const char           *actor,
                  const char           *block_id,
                  const TdBlockPickUp  *pick_up,
                  const TdDeskTime     *when,
                  GError              **error)
{
  g_autoptr(TdBlock) block = NULL;
  g_autoptr(TdBookingResult) result = NULL;
  TdBookingRoom room = { 0 };
  TdBooking booking = { 0 };
  TdBookingInto into = { 0 };
  TdDeskTime storage;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (pick_up != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  if ((pick_up->guest_name == NULL || *pick_up->guest_name == '\0') && pick_up->customer_id == NULL)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("Rooms are picked up from a block by the guest’s name: say who"));
      return NULL;
    }
  block = td_block_get (db, block_id, when, error);
  if (block == NULL)
    return NULL;
  if (block->state != TD_BLOCK_HELD || when->today >= block->release_date)
    {
      g_autofree char *release = td_date_format_iso (block->release_date);

      if (block->state == TD_BLOCK_CANCELLED)
        g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_BLOCK, _("The block “%s” is cancelled"), block->name);
      else
        g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_BLOCK,
                     _("The block “%s” was released on %s: book the guest as any other"), block->name, release);
      return NULL;
    }

  room.room_id = pick_up->room_id;
  room.room_type_id = block->room_type_id;
  room.dates = pick_up->dates ? *pick_up->dates : block->dates;
  room.adults = MAX (pick_up->adults, 1);
  room.children = pick_up->children;
  room.rate_plan_id = block->rate_plan_id;
  room.customer_id = pick_up->customer_id;
  room.guest_name = pick_up->guest_name;
  if (room.dates.start < block->dates.start || room.dates.end > block->dates.end)
    {
      g_autofree char *start = td_date_format_iso (block->dates.start);
      g_autofree char *end = td_date_format_iso (block->dates.end);

      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("The block “%s” is for %s to %s: a guest from it stays within those dates"),
                   block->name, start, end);
      return NULL;
    }

  booking.customer_id = block->agency_id;
  booking.source = "agency";
  booking.rooms = &room;
  booking.n_rooms = 1;
  into.reservation_id = block->reservation_id;
  into.block_id = block->id;
  into.night_price = block->has_price ? &block->price : NULL;

  result = _td_stays_book_into (db, actor, &booking, &into, when, error);
  if (result == NULL)
    return NULL;
  return g_strdup (g_ptr_array_index (result->stay_ids, 0));
}

typedef struct {
  char             *actor;
  char             *block_id;
  TdBlockPickUp     pick_up;
  TdDateRange       dates;
  char             *guest_name;
  char             *customer_id;
  char             *room_id;
  gboolean          has_when;
  TdDeskTime        when;
} PickUpData;

static void
pick_up_data_free (PickUpData *data)
{
  g_free (data->actor);
  g_free (data->block_id);
  g_free (data->guest_name);
  g_free (data->customer_id);
  g_free (data->room_id);
  g_free (data);
}

static void
pick_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PickUpData *data = task_data;
  GError *error = NULL;
  char *stay_id = td_block_pick_up (source_object, data->actor, data->block_id, &data->pick_up,
                                    data->has_when ? &data->when : NULL, &error);

  if (stay_id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stay_id, g_free);
}

void
td_block_pick_up_async (TdDatabase           *db,
                        const char           *actor,
                        const char           *block_id,
                        const TdBlockPickUp  *pick_up,
                        const TdDeskTime     *when,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  PickUpData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (pick_up != NULL);

  data = g_new0 (PickUpData, 1);
  data->actor = g_strdup (actor);
  data->block_id = g_strdup (block_id);
  data->pick_up = *pick_up;
  data->pick_up.guest_name = data->guest_name = g_strdup (pick_up->guest_name);
  data->pick_up.customer_id = data->customer_id = g_strdup (pick_up->customer_id);
  data->pick_up.room_id = data->room_id = g_strdup (pick_up->room_id);
  if (pick_up->dates)
    {
      data->dates = *pick_up->dates;
      data->pick_up.dates = &data->dates;
    }
  if (when)
    {
      data->has_when = TRUE;
      data->when = *when;
    }

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_block_pick_up_async);
  g_task_set_task_data (task, data, (GDestroyNotify) pick_up_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, pick_up_thread);
}

char *
td_block_pick_up_finish (TdDatabase    *db,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_block_pick_up_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
release_blocks (TdDatabase  *db,
                const char  *actor,
                GPtrArray   *blocks,
                GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);

  for (guint i = 0; i < blocks->len; i++)
    {
      TdBlock *block = g_ptr_array_index (blocks, i);
      TdChange *change = td_change_new_update ("group_block", block->id, block->revision);

      td_change_set_string (change, "state", "released");
      g_ptr_array_add (changes, change);
    }
  return changes->len == 0 || td_database_commit (db, actor, changes, error);
}

gboolean
td_block_release (TdDatabase  *db,
                  const char  *actor,
                  const char  *block_id,
                  GError     **error)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) td_block_free);
  TdBlock *block = td_block_get (db, block_id, NULL, error);

  if (block == NULL)
    return FALSE;
  g_ptr_array_add (blocks, block);
  if (block->state != TD_BLOCK_HELD)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                   _("The block “%s” is not held any more"), block->name);
      return FALSE;
    }
  return release_blocks (db, actor, blocks, error);
}

int
td_blocks_release_due (TdDatabase        *db,
                       const char        *actor,
                       const TdDeskTime  *when,
                       GError           **error)
{
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *today = NULL;
  TdDeskTime storage;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TD_IS_DATABASE (db), -1);

  when = td_desk_time_or_now (when, db, &storage);
  today = td_date_format_iso (when->today);
  _td_database_lock (db);
  stmt = _td_database_prepare (db, BLOCK_COLUMNS "WHERE b.deleted = 0 AND b.state = 'held' AND b.release_date <= ?1",
                               error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
      blocks = read_blocks (db, stmt, when, error);
    }
  _td_database_unlock (db);

  if (blocks == NULL || !release_blocks (db, actor, blocks, error))
    return -1;
  return (int) blocks->len;
}
