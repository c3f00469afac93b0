/* td-stays.c: bookings and stays, from the booking to the departure
 *
 * Every write is a list of TdChange committed with two hooks (see
 * td-database-private.h): a check, inside the transaction, that no room
 * type is sold beyond its rooms on the nights a change adds; and an
 * explanation of a refusal by the room-night table (which room, which
 * night, taken by whom).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-desk-private.h"
#include "td-inventory-private.h"
#include "td-stays-private.h"
#include "td-time.h"

/* ------------------------------------------------------------------ */
/* states                                                             */

static const char *const state_names[TD_STAY_N_STATES] = {
  [TD_STAY_TENTATIVE] = "tentative",
  [TD_STAY_CONFIRMED] = "confirmed",
  [TD_STAY_CHECKED_IN] = "checked_in",
  [TD_STAY_CHECKED_OUT] = "checked_out",
  [TD_STAY_CANCELLED] = "cancelled",
  [TD_STAY_NO_SHOW] = "no_show",
};

const char *
td_stay_state_to_string (TdStayState state)
{
  g_return_val_if_fail (state < TD_STAY_N_STATES, NULL);
  return state_names[state];
}

gboolean
td_stay_state_from_string (const char  *text,
                           TdStayState *state)
{
  int value;

  if (!_td_desk_name_to_value (state_names, TD_STAY_N_STATES, text, &value))
    return FALSE;
  if (state)
    *state = (TdStayState) value;
  return TRUE;
}

const char *
td_stay_state_get_title (TdStayState state)
{
  switch (state)
    {
    case TD_STAY_TENTATIVE: return C_("stay state", "Tentative");
    case TD_STAY_CONFIRMED: return C_("stay state", "Confirmed");
    case TD_STAY_CHECKED_IN: return C_("stay state", "Checked in");
    case TD_STAY_CHECKED_OUT: return C_("stay state", "Checked out");
    case TD_STAY_CANCELLED: return C_("stay state", "Cancelled");
    case TD_STAY_NO_SHOW: return C_("stay state", "No-show");
    default: return "?";
    }
}

gboolean
td_stay_state_takes_room (TdStayState state)
{
  return state == TD_STAY_TENTATIVE || state == TD_STAY_CONFIRMED
      || state == TD_STAY_CHECKED_IN || state == TD_STAY_CHECKED_OUT;
}

/* ------------------------------------------------------------------ */
/* reading                                                            */

void
td_stay_free (TdStay *stay)
{
  if (stay == NULL)
    return;
  g_free (stay->id);
  g_free (stay->reservation_id);
  g_free (stay->property_id);
  g_free (stay->property_name);
  g_free (stay->room_type_id);
  g_free (stay->room_type_code);
  g_free (stay->room_type_name);
  g_free (stay->room_id);
  g_free (stay->room_number);
  g_free (stay->rate_plan_id);
  g_free (stay->block_id);
  g_free (stay->customer_id);
  g_free (stay->guest_name);
  g_free (stay->source);
  g_free (stay->hold_until);
  g_clear_pointer (&stay->nightly, g_array_unref);
  g_free (stay->override_reason);
  g_free (stay->moved_from);
  g_free (stay);
}

void
td_booking_result_free (TdBookingResult *result)
{
  if (result == NULL)
    return;
  g_free (result->reservation_id);
  g_ptr_array_unref (result->stay_ids);
  g_free (result);
}

/* "[32800,32800]": written by us, so a plain list of integers */
GArray *
td_nightly_from_json (const char *text)
{
  GArray *nightly = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *p = text ? strchr (text, '[') : NULL;

  while (p && *p && *p != ']')
    {
      char *end = NULL;
      gint64 value;

      p++;
      while (*p == ' ')
        p++;
      if (*p == ']')
        break;
      value = g_ascii_strtoll (p, &end, 10);
      if (end == p)
        break;
      g_array_append_val (nightly, value);
      p = end;
    }
  return nightly;
}

char *
td_nightly_to_json (const GArray *nightly)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < nightly->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (nightly, gint64, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static gint64
sum_nightly (const GArray *nightly)
{
  gint64 total = 0;

  for (guint i = 0; i < nightly->len; i++)
    total += g_array_index (nightly, gint64, i);
  return total;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

#define STAY_COLUMNS \
  "s.id, s.revision, s.reservation_id, s.property_id, p.name, s.room_type_id, t.code, t.name, " \
  "s.room_id, r.number, s.arrival, s.departure, s.adults, s.children, s.rate_plan_id, s.block_id, " \
  "s.customer_id, coalesce(s.guest_name, c.name, rc.name), v.source, s.state, s.hold_until, " \
  "s.nightly_prices, s.total_minor, s.total_currency, s.overbooked, s.override_reason, s.moved_from, " \
  "s.cancellation_fee_minor, s.cancellation_fee_currency "
#define STAY_JOINS \
  "FROM stays s JOIN reservations v ON v.id = s.reservation_id " \
  "JOIN properties p ON p.id = s.property_id JOIN room_types t ON t.id = s.room_type_id " \
  "LEFT JOIN rooms r ON r.id = s.room_id LEFT JOIN customers c ON c.id = s.customer_id " \
  "LEFT JOIN customers rc ON rc.id = v.customer_id "

static TdStay *
stay_from_row (sqlite3_stmt *stmt)
{
  TdStay *stay = g_new0 (TdStay, 1);

  stay->id = dup_column (stmt, 0);
  stay->revision = sqlite3_column_int64 (stmt, 1);
  stay->reservation_id = dup_column (stmt, 2);
  stay->property_id = dup_column (stmt, 3);
  stay->property_name = dup_column (stmt, 4);
  stay->room_type_id = dup_column (stmt, 5);
  stay->room_type_code = dup_column (stmt, 6);
  stay->room_type_name = dup_column (stmt, 7);
  stay->room_id = dup_column (stmt, 8);
  stay->room_number = dup_column (stmt, 9);
  td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 10), &stay->dates.start, NULL);
  td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 11), &stay->dates.end, NULL);
  stay->adults = (guint) sqlite3_column_int (stmt, 12);
  stay->children = (guint) sqlite3_column_int (stmt, 13);
  stay->rate_plan_id = dup_column (stmt, 14);
  stay->block_id = dup_column (stmt, 15);
  stay->customer_id = dup_column (stmt, 16);
  stay->guest_name = dup_column (stmt, 17);
  stay->source = dup_column (stmt, 18);
  td_stay_state_from_string ((const char *) sqlite3_column_text (stmt, 19), &stay->state);
  stay->hold_until = dup_column (stmt, 20);
  stay->nightly = td_nightly_from_json ((const char *) sqlite3_column_text (stmt, 21));
  td_money_init (&stay->total, sqlite3_column_int64 (stmt, 22), (const char *) sqlite3_column_text (stmt, 23), NULL);
  stay->overbooked = sqlite3_column_int (stmt, 24) != 0;
  stay->override_reason = dup_column (stmt, 25);
  stay->moved_from = dup_column (stmt, 26);
  if (sqlite3_column_type (stmt, 27) != SQLITE_NULL)
    {
      stay->has_cancellation_fee = TRUE;
      td_money_init (&stay->cancellation_fee, sqlite3_column_int64 (stmt, 27),
                     (const char *) sqlite3_column_text (stmt, 28), NULL);
    }
  return stay;
}

TdStay *
td_stay_get (TdDatabase  *db,
             const char  *id,
             GError     **error)
{
  sqlite3_stmt *stmt;
  TdStay *stay = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT " STAY_COLUMNS STAY_JOINS "WHERE s.id = ?1 AND s.deleted = 0", error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        stay = stay_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no stay %s"), id);
      else
        _td_database_set_error (error, _td_database_get_handle (db), rc);
      sqlite3_reset (stmt);
    }
  _td_database_unlock (db);
  return stay;
}

GPtrArray *
td_stays_list (TdDatabase          *db,
               const TdStayFilter  *filter,
               GError             **error)
{
  g_autoptr(GPtrArray) stays = g_ptr_array_new_with_free_func ((GDestroyNotify) td_stay_free);
  g_autoptr(GString) sql = g_string_new ("SELECT " STAY_COLUMNS STAY_JOINS "WHERE s.deleted = 0");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const guint taking = TD_STAY_STATES_TAKING_ROOMS;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (filter->dates.end > filter->dates.start)
    {
      from = td_date_format_iso (filter->dates.start);
      to = td_date_format_iso (filter->dates.end);
    }
  if (from && (filter->property_id || filter->room_id) && filter->states
      && (filter->states & ~taking) == 0)
    {
      /* the tape chart: stays that take rooms, found by the nights their
       * rooms have in the range (rows of the room-night table, no scan of
       * the year), and overbooked ones without a room */
      g_string_append (sql, " AND s.rowid IN (SELECT n.stay FROM rooms r2 JOIN room_nights n ON n.room = r2.rowid "
                            "AND n.night >= ?6 AND n.night < ?7 WHERE n.stay IS NOT NULL");
      if (filter->property_id)
        g_string_append (sql, " AND r2.property_id = ?1");
      if (filter->room_id)
        g_string_append (sql, " AND r2.id = ?2");
      if (filter->room_id == NULL)
        g_string_append (sql, " UNION ALL SELECT u.rowid FROM stays u INDEXED BY stays_unassigned "
                              "WHERE u.room_id IS NULL AND u.deleted = 0 AND u.property_id = ?1 "
                              "AND u.departure > ?4 AND u.arrival < ?5");
      g_string_append (sql, ")");
    }
  else
    {
      if (filter->property_id)
        g_string_append (sql, " AND s.property_id = ?1");
      if (filter->room_id)
        g_string_append (sql, " AND s.room_id = ?2");
      if (from)
        g_string_append (sql, " AND s.departure > ?4 AND s.arrival < ?5");
    }
  if (filter->reservation_id)
    g_string_append (sql, " AND s.reservation_id = ?3");
  if (filter->states)
    {
      gboolean first = TRUE;

      g_string_append (sql, " AND s.state IN (");
      for (guint i = 0; i < TD_STAY_N_STATES; i++)
        if (filter->states & TD_STAY_STATE_BIT (i))
          {
            g_string_append_printf (sql, "%s'%s'", first ? "" : ", ", state_names[i]);
            first = FALSE;
          }
      g_string_append (sql, ")");
    }
  g_string_append (sql, " ORDER BY p.name, s.property_id, r.number IS NULL, length(r.number), r.number, s.arrival, s.id");
  if (filter->limit)
    g_string_append_printf (sql, " LIMIT %u", filter->limit);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  /* parameters a statement does not use are refused harmlessly */
  sqlite3_bind_text (stmt, 1, filter->property_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, filter->room_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filter->reservation_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, to, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, filter->dates.start);
  sqlite3_bind_int64 (stmt, 7, filter->dates.end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (stays, stay_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  _td_database_unlock (db);

  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&stays);
}

/* ------------------------------------------------------------------ */
/* the commit and its hooks                                           */

typedef struct {
  TdChange    *change;      /* the change that writes a stay (borrowed) */
  char        *stay_id;
  char        *room_id;     /* the room it takes, or NULL */
  TdDateRange  dates;       /* the nights it takes */
} StayWrite;

typedef struct {
  char        *room_type_id;
  TdDateRange  dates;
} TypeCheck;

typedef struct {
  GPtrArray        *writes;   /* StayWrite* */
  GPtrArray        *checks;   /* TypeCheck*: room types that must not be oversold */
  const char       *block_id; /* a pick-up: the block must not be picked up beyond its rooms */
  const TdDeskTime *when;
  char             *failed_room;  /* the room the room-night table refused */
  const TdStayApplyExtra *extra;  /* what a caller adds to a change of state */
} StayCommit;

static void
stay_write_free (StayWrite *write)
{
  g_free (write->stay_id);
  g_free (write->room_id);
  g_free (write);
}

static void
type_check_free (TypeCheck *check)
{
  g_free (check->room_type_id);
  g_free (check);
}

static void
stay_commit_init (StayCommit       *commit,
                  const TdDeskTime *when)
{
  memset (commit, 0, sizeof *commit);
  commit->writes = g_ptr_array_new_with_free_func ((GDestroyNotify) stay_write_free);
  commit->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) type_check_free);
  commit->when = when;
}

static void
stay_commit_clear (StayCommit *commit)
{
  g_clear_pointer (&commit->writes, g_ptr_array_unref);
  g_clear_pointer (&commit->checks, g_ptr_array_unref);
  g_clear_pointer (&commit->failed_room, g_free);
}

static void
add_write (StayCommit        *commit,
           TdChange          *change,
           const char        *room_id,
           const TdDateRange *dates)
{
  StayWrite *write = g_new0 (StayWrite, 1);

  write->change = change;
  write->stay_id = g_strdup (td_change_get_id (change));
  write->room_id = g_strdup (room_id);
  write->dates = *dates;
  g_ptr_array_add (commit->writes, write);
}

static void
add_check (StayCommit        *commit,
           const char        *room_type_id,
           const TdDateRange *dates)
{
  TypeCheck *check;

  if (dates->end <= dates->start)
    return;
  check = g_new0 (TypeCheck, 1);
  check->room_type_id = g_strdup (room_type_id);
  check->dates = *dates;
  g_ptr_array_add (commit->checks, check);
}

static gboolean
commit_check (TdDatabase  *db,
              gpointer     user_data,
              GError     **error)
{
  StayCommit *commit = user_data;

  /* a block picked up beyond its rooms would look like a full room type */
  if (commit->block_id && !_td_block_check_picked (db, commit->block_id, commit->when, error))
    return FALSE;
  if (commit->extra && commit->extra->check
      && !commit->extra->check (db, commit->extra->user_data, error))
    return FALSE;
  for (guint i = 0; i < commit->checks->len; i++)
    {
      TypeCheck *check = g_ptr_array_index (commit->checks, i);

      if (!_td_inventory_check_type (db, check->room_type_id, &check->dates, commit->when, error))
        return FALSE;
    }
  return TRUE;
}

static void
commit_explain (TdDatabase  *db,
                TdChange    *failed,
                gpointer     user_data,
                GError     **error)
{
  StayCommit *commit = user_data;

  for (guint i = 0; i < commit->writes->len; i++)
    {
      StayWrite *write = g_ptr_array_index (commit->writes, i);

      if (write->change == failed && write->room_id)
        {
          _td_inventory_explain_taken (db, write->room_id, &write->dates, write->stay_id, NULL, error);
          if (g_error_matches (*error, TD_DESK_ERROR, TD_DESK_ERROR_TAKEN))
            {
              g_free (commit->failed_room);
              commit->failed_room = g_strdup (write->room_id);
            }
          return;
        }
    }
}

static gboolean
stay_commit_run (TdDatabase  *db,
                 const char  *actor,
                 GPtrArray   *changes,
                 StayCommit  *commit,
                 GError     **error)
{
  TdCommitHooks hooks = { commit_check, commit_explain, commit };

  return _td_database_commit_with_hooks (db, actor, changes, &hooks, error);
}

/* ------------------------------------------------------------------ */
/* what a booking needs to know                                       */

typedef struct {
  char *id;
  char *property_id;
  char *room_type_id;
  char *number;
} RoomInfo;

static void
room_info_clear (RoomInfo *room)
{
  g_free (room->id);
  g_free (room->property_id);
  g_free (room->room_type_id);
  g_free (room->number);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RoomInfo, room_info_clear)

static gboolean
load_room (TdDatabase  *db,
           const char  *room_id,
           RoomInfo    *room,
           GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT id, property_id, room_type_id, number FROM rooms "
                                   "WHERE id = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, room_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      room->id = dup_column (stmt, 0);
      room->property_id = dup_column (stmt, 1);
      room->room_type_id = dup_column (stmt, 2);
      room->number = dup_column (stmt, 3);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  _td_database_unlock (db);

  if (!found)
    g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no room %s"), room_id);
  return found;
}

/* the property of a room type, and its "CODE name" for messages */
static gboolean
load_room_type (TdDatabase  *db,
                const char  *room_type_id,
                char       **property_id,
                char       **label,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT property_id, code || ' ' || name FROM room_types "
                                   "WHERE id = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, room_type_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *property_id = dup_column (stmt, 0);
      if (label)
        *label = dup_column (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  _td_database_unlock (db);

  if (!found)
    g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no room type %s"), room_type_id);
  return found;
}

/* The plan by id (it must be for the room type), or the type's first. */
static TdRatePlan *
choose_plan (TdDatabase  *db,
             const char  *room_type_id,
             const char  *rate_plan_id,
             GError     **error)
{
  g_autoptr(GPtrArray) plans = NULL;

  if (rate_plan_id)
    {
      TdRatePlan *plan = td_rate_plan_load (db, rate_plan_id, error);

      if (plan && g_strcmp0 (plan->room_type_id, room_type_id) != 0)
        {
          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                       _("The rate plan %s is for another room type"), plan->code);
          td_rate_plan_free (plan);
          return NULL;
        }
      return plan;
    }

  plans = td_rate_plans_for_room_type (db, room_type_id, error);
  if (plans == NULL)
    return NULL;
  if (plans->len == 0)
    {
      g_autofree char *property = NULL;
      g_autofree char *label = NULL;

      if (load_room_type (db, room_type_id, &property, &label, error))
        g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NO_RATE,
                     _("The room type %s has neither a rate plan nor a base price"), label);
      return NULL;
    }
  return g_ptr_array_steal_index (plans, 0);
}

static void
set_policy (TdChange             *reservation,
            const TdCancelPolicy *policy)
{
  static const char *const names[] = {
    [TD_PENALTY_NONE] = "none",
    [TD_PENALTY_FIRST_NIGHT] = "first-night",
    [TD_PENALTY_PERCENT] = "percent",
  };

  td_change_set_string (reservation, "cancel_penalty", names[policy->penalty]);
  if (policy->free_days >= 0)
    td_change_set_int (reservation, "cancel_free_days", policy->free_days);
  if (policy->penalty == TD_PENALTY_PERCENT)
    td_change_set_int (reservation, "cancel_percent", policy->percent);
}

static gboolean
load_policy (TdDatabase     *db,
             const char     *reservation_id,
             TdCancelPolicy *policy,
             GError        **error)
{
  g_autoptr(JsonObject) record = td_database_get_record (db, "reservation", reservation_id, error);
  const char *penalty;

  if (record == NULL)
    return FALSE;
  penalty = json_object_get_string_member_with_default (record, "cancel_penalty", NULL);
  policy->penalty = g_strcmp0 (penalty, "first-night") == 0 ? TD_PENALTY_FIRST_NIGHT
                  : g_strcmp0 (penalty, "percent") == 0 ? TD_PENALTY_PERCENT
                  : TD_PENALTY_NONE;
  policy->free_days = json_object_get_null_member (record, "cancel_free_days")
                      ? -1 : (int) json_object_get_int_member (record, "cancel_free_days");
  policy->percent = json_object_get_null_member (record, "cancel_percent")
                    ? 100 : (guint) json_object_get_int_member (record, "cancel_percent");
  return TRUE;
}

static void
set_nights (TdChange     *change,
            const GArray *nightly,
            const char   *currency)
{
  g_autofree char *text = td_nightly_to_json (nightly);
  TdMoney total;

  td_money_init (&total, sum_nightly (nightly), currency, NULL);
  td_change_set_string (change, "nightly_prices", text);
  td_change_set_money (change, "total", &total);
}

static void
set_dates (TdChange          *change,
           const TdDateRange *dates)
{
  g_autofree char *arrival = td_date_format_iso (dates->start);
  g_autofree char *departure = td_date_format_iso (dates->end);

  td_change_set_string (change, "arrival", arrival);
  td_change_set_string (change, "departure", departure);
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
check_booking (const TdBooking  *booking,
               GError          **error)
{
  static const char *const sources[] = { "walk-in", "phone", "agency", "ota", "platform", NULL };

  if (booking->customer_id == NULL)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("A booking needs a guest or a company: choose the customer"));
      return FALSE;
    }
  if (booking->n_rooms == 0)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("A booking needs at least one room"));
      return FALSE;
    }
  if (booking->source && !g_strv_contains (sources, booking->source))
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("“%s” is not a booking source: use walk-in, phone, agency, ota or platform"), booking->source);
      return FALSE;
    }
  if (booking->flags != TD_BOOKING_NONE && is_blank (booking->override_reason))
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("A manager’s override needs a reason, which is recorded with the stay"));
      return FALSE;
    }
  for (guint i = 0; i < booking->n_rooms; i++)
    {
      const TdBookingRoom *room = &booking->rooms[i];

      if (room->room_id == NULL && room->room_type_id == NULL)
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("Choose a room or a room type"));
          return FALSE;
        }
      if (room->dates.end <= room->dates.start || !g_date_valid_julian (room->dates.start))
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                               _("The departure must be after the arrival"));
          return FALSE;
        }
      if (room->adults == 0)
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("A room needs at least one adult"));
          return FALSE;
        }
    }
  return TRUE;
}

/* One attempt: rooms chosen for the type may be lost to another desk in
 * the meantime (the room-night table says so); the caller tries again
 * without them. */
static TdBookingResult *
book_once (TdDatabase          *db,
           const char          *actor,
           const TdBooking     *booking,
           const TdBookingInto *into,
           const TdDeskTime    *when,
           GHashTable          *avoid,
           char               **lost_room,
           GError             **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TdBookingResult) result = g_new0 (TdBookingResult, 1);
  g_autofree char *property_id = NULL;
  StayCommit commit;
  TdChange *reservation = NULL;
  const char *reservation_id;
  gboolean ok = FALSE;

  result->stay_ids = g_ptr_array_new_with_free_func (g_free);
  stay_commit_init (&commit, when);
  commit.block_id = into ? into->block_id : NULL;

  if (into && into->reservation_id)
    reservation_id = into->reservation_id;
  else
    {
      reservation = td_change_new_insert ("reservation", NULL);
      g_ptr_array_add (changes, reservation);
      reservation_id = td_change_get_id (reservation);
    }

  for (guint i = 0; i < booking->n_rooms; i++)
    {
      const TdBookingRoom *request = &booking->rooms[i];
      g_auto(RoomInfo) room = { 0 };
      g_autofree char *type_property = NULL;
      g_autofree char *type_label = NULL;
      g_autoptr(TdRatePlan) plan = NULL;
      g_autoptr(TdRateQuote) quote = NULL;
      const char *sold_type;
      const char *room_id = NULL;
      const char *occupancy_type;
      TdChange *stay;

      if (request->room_id)
        {
          if (!load_room (db, request->room_id, &room, error))
            goto out;
          room_id = room.id;
        }
      sold_type = request->room_type_id ? request->room_type_id : room.room_type_id;
      if (!load_room_type (db, sold_type, &type_property, &type_label, error))
        goto out;
      if (room_id && g_strcmp0 (room.property_id, type_property) != 0)
        {
          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                       _("Room %s is in another hotel than the room type %s"), room.number, type_label);
          goto out;
        }
      if (property_id == NULL)
        property_id = g_strdup (type_property);
      else if (g_strcmp0 (property_id, type_property) != 0)
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                               _("The rooms of one booking must all be in one hotel"));
          goto out;
        }

      /* the price of every night, fixed now */
      plan = choose_plan (db, sold_type, request->rate_plan_id, error);
      if (plan == NULL)
        goto out;
      quote = td_rate_plan_quote (plan, &request->dates, request->adults, request->children, error);
      if (quote == NULL)
        goto out;
      /* a block's rooms are sold by contract, whatever the rate's rules */
      if (quote->problems != TD_RATE_OK && !(booking->flags & TD_BOOKING_IGNORE_RESTRICTIONS)
          && !(into && into->block_id))
        {
          g_autofree char *why = td_rate_quote_describe_problems (quote);

          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_RESTRICTED,
                       /* Translators: the rate plan's name, then why it refuses the stay */
                       _("The rate “%s” does not allow this stay: %s"), plan->name, why);
          goto out;
        }
      if (into && into->night_price)
        for (guint n = 0; n < quote->nightly->len; n++)
          g_array_index (quote->nightly, gint64, n) = into->night_price->minor;

      /* any free room of the type, unless a room was chosen */
      if (room_id == NULL)
        {
          g_autoptr(TdInventory) inventory = _td_inventory_load (db, NULL, sold_type, &request->dates, when, error);
          TdTypeInventory *type;

          if (inventory == NULL)
            goto out;
          type = _td_inventory_get_type (inventory, sold_type);
          for (guint r = 0; type && r < type->free_rooms->len && room_id == NULL; r++)
            {
              TdAvailableRoom *free_room = g_ptr_array_index (type->free_rooms, r);

              if (!g_hash_table_contains (chosen, free_room->id) && !g_hash_table_contains (avoid, free_room->id))
                {
                  g_hash_table_add (chosen, g_strdup (free_room->id));
                  room_id = g_hash_table_lookup (chosen, free_room->id);
                }
            }
          if (room_id == NULL && !(booking->flags & TD_BOOKING_OVERBOOK))
            {
              g_autofree char *from = td_date_format_iso (request->dates.start);
              g_autofree char *to = td_date_format_iso (request->dates.end);

              g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_FULL,
                           _("No room of type %s is free for every night from %s to %s"), type_label, from, to);
              goto out;
            }
        }

      stay = td_change_new_insert ("stay", NULL);
      g_ptr_array_add (changes, stay);
      td_change_set_string (stay, "reservation_id", reservation_id);
      td_change_set_string (stay, "property_id", property_id);
      td_change_set_string (stay, "room_type_id", sold_type);
      if (room_id)
        td_change_set_string (stay, "room_id", room_id);
      set_dates (stay, &request->dates);
      td_change_set_int (stay, "adults", request->adults);
      td_change_set_int (stay, "children", request->children);
      if (plan->id)
        td_change_set_string (stay, "rate_plan_id", plan->id);
      if (into && into->block_id)
        td_change_set_string (stay, "block_id", into->block_id);
      if (request->customer_id)
        td_change_set_string (stay, "customer_id", request->customer_id);
      if (request->guest_name && *request->guest_name)
        td_change_set_string (stay, "guest_name", request->guest_name);
      td_change_set_string (stay, "state", booking->tentative ? "tentative" : "confirmed");
      if (booking->tentative && booking->hold_until > 0)
        {
          g_autofree char *hold = td_timestamp_from_unix (booking->hold_until);

          td_change_set_string (stay, "hold_until", hold);
        }
      set_nights (stay, quote->nightly, plan->currency);
      if (booking->flags != TD_BOOKING_NONE)
        td_change_set_string (stay, "override_reason", booking->override_reason);
      if (booking->flags & TD_BOOKING_OVERBOOK)
        td_change_set_bool (stay, "overbooked", TRUE);

      add_write (&commit, stay, room_id, &request->dates);
      /* a room counts for the type it is; a stay without one for the type sold */
      occupancy_type = room.room_type_id ? room.room_type_id : sold_type;
      if (!(booking->flags & TD_BOOKING_OVERBOOK))
        add_check (&commit, occupancy_type, &request->dates);
      g_ptr_array_add (result->stay_ids, g_strdup (td_change_get_id (stay)));

      if (reservation && i == 0)
        set_policy (reservation, &plan->policy);
    }

  if (reservation)
    {
      td_change_set_string (reservation, "property_id", property_id);
      td_change_set_string (reservation, "customer_id", booking->customer_id);
      if (booking->agency_id)
        td_change_set_string (reservation, "agency_id", booking->agency_id);
      td_change_set_string (reservation, "source", booking->source ? booking->source : "walk-in");
      if (booking->reference && *booking->reference)
        td_change_set_string (reservation, "reference", booking->reference);
      if (booking->commission_bp)
        td_change_set_int (reservation, "commission_bp", booking->commission_bp);
      if (booking->deposit)
        td_change_set_money (reservation, "deposit", booking->deposit);
      if (booking->requests && *booking->requests)
        td_change_set_string (reservation, "requests", booking->requests);
      if (booking->notes && *booking->notes)
        td_change_set_string (reservation, "notes", booking->notes);
    }

  ok = stay_commit_run (db, actor, changes, &commit, error);
  if (!ok && commit.failed_room && g_hash_table_contains (chosen, commit.failed_room))
    *lost_room = g_strdup (commit.failed_room);

out:
  stay_commit_clear (&commit);
  if (!ok)
    return NULL;
  result->reservation_id = g_strdup (reservation_id);
  return g_steal_pointer (&result);
}

TdBookingResult *
_td_stays_book_into (TdDatabase          *db,
                     const char          *actor,
                     const TdBooking     *booking,
                     const TdBookingInto *into,
                     const TdDeskTime    *when,
                     GError             **error)
{
  g_autoptr(GHashTable) avoid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TdDeskTime storage;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (booking != NULL, NULL);

  if (!check_booking (booking, error))
    return NULL;
  when = td_desk_time_or_now (when, db, &storage);

  /* holds past their time give their rooms back first */
  if (td_stays_expire_holds (db, actor, when, error) < 0)
    return NULL;

  /* a room chosen for its type and taken by another desk meanwhile: try
   * the next free one (a few times; then say what happened) */
  for (int attempt = 0;; attempt++)
    {
      g_autofree char *lost = NULL;
      GError *local_error = NULL;
      TdBookingResult *result = book_once (db, actor, booking, into, when, avoid, &lost, &local_error);

      if (result)
        return result;
      if (lost == NULL || attempt == 4)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_error_free (local_error);
      g_hash_table_add (avoid, g_steal_pointer (&lost));
    }
}

TdBookingResult *
td_stays_book (TdDatabase       *db,
               const char       *actor,
               const TdBooking  *booking,
               const TdDeskTime *when,
               GError          **error)
{
  return _td_stays_book_into (db, actor, booking, NULL, when, error);
}

/* ------------------------------------------------------------------ */
/* holds                                                              */

int
td_stays_expire_holds (TdDatabase        *db,
                       const char        *actor,
                       const TdDeskTime  *when,
                       GError           **error)
{
  TdDeskTime storage;
  g_autofree char *now = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), -1);

  when = td_desk_time_or_now (when, db, &storage);
  now = td_timestamp_from_unix (when->now);

  /* another desk may expire the same holds at the same moment: then the
   * revisions differ and reading again finds what is left */
  for (int attempt = 0;; attempt++)
    {
      g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
      GError *local_error = NULL;
      sqlite3_stmt *stmt;
      int rc;

      _td_database_lock (db);
      stmt = _td_database_prepare (db, "SELECT id, revision FROM stays WHERE state = 'tentative' AND deleted = 0 "
                                       "AND hold_until IS NOT NULL AND hold_until <= ?1", error);
      if (stmt == NULL)
        {
          _td_database_unlock (db);
          return -1;
        }
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          TdChange *change = td_change_new_update ("stay", (const char *) sqlite3_column_text (stmt, 0),
                                                   sqlite3_column_int64 (stmt, 1));

          td_change_set_string (change, "state", "cancelled");
          td_change_set_string (change, "cancel_reason", "hold-expired");
          td_change_set_string (change, "cancelled_at", now);
          g_ptr_array_add (changes, change);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        _td_database_set_error (error, _td_database_get_handle (db), rc);
      _td_database_unlock (db);
      if (rc != SQLITE_DONE)
        return -1;

      if (changes->len == 0)
        return 0;
      if (td_database_commit (db, actor, changes, &local_error))
        return (int) changes->len;
      if (!g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT) || attempt == 2)
        {
          g_propagate_error (error, local_error);
          return -1;
        }
      g_error_free (local_error);
    }
}

/* ------------------------------------------------------------------ */
/* changes to one stay                                                */

static gboolean
require_state (const TdStay  *stay,
               guint          allowed,
               const char    *what,
               GError       **error)
{
  if (allowed & TD_STAY_STATE_BIT (stay->state))
    return TRUE;
  /* Translators: what was tried (“check in”), the stay's state */
  g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
               _("Cannot %s a stay that is %s"), what, td_stay_state_get_title (stay->state));
  return FALSE;
}

/* The type a stay's nights count against: its room's, or the type sold. */
static char *
occupancy_type (TdDatabase    *db,
                const TdStay  *stay,
                GError       **error)
{
  g_auto(RoomInfo) room = { 0 };

  if (stay->room_id == NULL)
    return g_strdup (stay->room_type_id);
  if (!load_room (db, stay->room_id, &room, error))
    return NULL;
  return g_steal_pointer (&room.room_type_id);
}

/* The price of the nights of dates: a night the stay already had keeps its
 * price; a new one is priced by the stay's plan (or the type's first). */
static GArray *
price_nights (TdDatabase        *db,
              const TdStay      *stay,
              const TdDateRange *dates,
              GError           **error)
{
  g_autoptr(GArray) nightly = g_array_sized_new (FALSE, FALSE, sizeof (gint64), td_date_range_get_nights (dates));
  g_autoptr(TdRatePlan) plan = NULL;

  for (guint32 night = dates->start; night < dates->end; night++)
    {
      gint64 price;

      if (td_date_range_contains (&stay->dates, night))
        price = g_array_index (stay->nightly, gint64, night - stay->dates.start);
      else
        {
          if (plan == NULL)
            {
              GError *local_error = NULL;

              if (stay->rate_plan_id)
                plan = td_rate_plan_load (db, stay->rate_plan_id, &local_error);
              if (plan == NULL)
                {
                  g_clear_error (&local_error);
                  plan = choose_plan (db, stay->room_type_id, NULL, error);
                }
              if (plan == NULL)
                return NULL;
              if (g_strcmp0 (plan->currency, stay->total.currency) != 0)
                {
                  g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                               _("The rate plan is in %s, the stay in %s"), plan->currency, stay->total.currency);
                  return NULL;
                }
            }
          price = td_rate_plan_night_price (plan, night, stay->adults, stay->children);
        }
      g_array_append_val (nightly, price);
    }
  return g_steal_pointer (&nightly);
}

static TdStay *
commit_and_reload (TdDatabase  *db,
                   const char  *actor,
                   GPtrArray   *changes,
                   StayCommit  *commit,
                   const char  *reload_id,
                   GError     **error)
{
  gboolean ok = stay_commit_run (db, actor, changes, commit, error);

  stay_commit_clear (commit);
  if (!ok)
    return NULL;
  return td_stay_get (db, reload_id, error);
}

/* The commit for new dates (check-out early or late, extensions): the
 * nights added are checked against the room type. */
static TdChange *
dates_change (TdDatabase        *db,
              const TdStay      *stay,
              const TdDateRange *dates,
              StayCommit        *commit,
              GError           **error)
{
  g_autoptr(GArray) nightly = price_nights (db, stay, dates, error);
  g_autofree char *type = NULL;
  TdChange *change;

  if (nightly == NULL)
    return NULL;
  type = occupancy_type (db, stay, error);
  if (type == NULL)
    return NULL;

  change = td_change_new_update ("stay", stay->id, stay->revision);
  set_dates (change, dates);
  set_nights (change, nightly, stay->total.currency);
  add_write (commit, change, stay->room_id, dates);
  if (td_stay_state_takes_room (stay->state))
    {
      TdDateRange before = { dates->start, MIN (dates->end, stay->dates.start) };
      TdDateRange after = { MAX (dates->start, stay->dates.end), dates->end };

      add_check (commit, type, &before);
      add_check (commit, type, &after);
    }
  return change;
}

TdStay *
td_stay_apply (TdDatabase        *db,
               const char        *actor,
               const char        *stay_id,
               TdStayAction       action,
               const TdDeskTime  *when,
               GError           **error)
{
  return _td_stay_apply_with (db, actor, stay_id, action, when, NULL, error);
}

TdStay *
_td_stay_apply_with (TdDatabase              *db,
                     const char              *actor,
                     const char              *stay_id,
                     TdStayAction             action,
                     const TdDeskTime        *when,
                     const TdStayApplyExtra  *extra,
                     GError                 **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStay) stay = NULL;
  g_autofree char *now = NULL;
  TdDeskTime storage;
  StayCommit commit;
  TdChange *change = NULL;
  TdChange *room_change = NULL;
  const guint booked = TD_STAY_STATE_BIT (TD_STAY_TENTATIVE) | TD_STAY_STATE_BIT (TD_STAY_CONFIRMED);

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (stay_id != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  now = td_timestamp_from_unix (when->now);
  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return NULL;
  stay_commit_init (&commit, when);
  commit.extra = extra;

  switch (action)
    {
    case TD_STAY_ACTION_CONFIRM:
    case TD_STAY_ACTION_CHECK_IN:
      if (action == TD_STAY_ACTION_CONFIRM
          && !require_state (stay, TD_STAY_STATE_BIT (TD_STAY_TENTATIVE), C_("action", "confirm"), error))
        goto fail;
      if (action == TD_STAY_ACTION_CHECK_IN)
        {
          g_autofree char *arrival = td_date_format_iso (stay->dates.start);
          g_autofree char *departure = td_date_format_iso (stay->dates.end);

          if (!require_state (stay, booked, C_("action", "check in"), error))
            goto fail;
          if (stay->room_id == NULL)
            {
              g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                                   _("The stay has no room yet (overbooked): give it a room first"));
              goto fail;
            }
          if (when->today < stay->dates.start)
            {
              g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                           _("The guest arrives on %s: change the arrival date to check in earlier"), arrival);
              goto fail;
            }
          if (when->today >= stay->dates.end)
            {
              g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                           _("The stay ended on %s: it can no longer be checked in"), departure);
              goto fail;
            }
        }
      change = td_change_new_update ("stay", stay->id, stay->revision);
      td_change_set_string (change, "state", action == TD_STAY_ACTION_CONFIRM ? "confirmed" : "checked_in");
      td_change_set_null (change, "hold_until");
      if (action == TD_STAY_ACTION_CHECK_IN)
        td_change_set_string (change, "checked_in_at", now);
      add_write (&commit, change, stay->room_id, &stay->dates);
      /* a hold past its time no longer counted: it must fit again */
      if (stay->state == TD_STAY_TENTATIVE && !stay->overbooked)
        {
          g_autofree char *type = occupancy_type (db, stay, error);

          if (type == NULL)
            goto fail;
          add_check (&commit, type, &stay->dates);
        }
      break;

    case TD_STAY_ACTION_CANCEL:
    case TD_STAY_ACTION_NO_SHOW:
      {
        TdCancelPolicy policy;
        TdMoney fee;
        guint32 day = when->today;

        if (!require_state (stay, booked,
                            action == TD_STAY_ACTION_CANCEL ? C_("action", "cancel") : C_("action", "mark as a no-show"),
                            error))
          goto fail;
        if (action == TD_STAY_ACTION_NO_SHOW)
          {
            if (when->today < stay->dates.start)
              {
                g_autofree char *arrival = td_date_format_iso (stay->dates.start);

                g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                             _("The guest is due on %s: not a no-show before then"), arrival);
                goto fail;
              }
            /* not showing up is always late */
            day = MAX (day, stay->dates.start + 1);
          }
        if (!load_policy (db, stay->reservation_id, &policy, error))
          goto fail;
        td_money_init (&fee, td_cancel_policy_fee (&policy, (const gint64 *) (gpointer) stay->nightly->data,
                                                   stay->nightly->len, stay->dates.start, day),
                       stay->total.currency, NULL);
        change = td_change_new_update ("stay", stay->id, stay->revision);
        td_change_set_string (change, "state", action == TD_STAY_ACTION_CANCEL ? "cancelled" : "no_show");
        td_change_set_string (change, "cancel_reason", action == TD_STAY_ACTION_CANCEL ? "guest" : "no-show");
        td_change_set_string (change, "cancelled_at", now);
        td_change_set_money (change, "cancellation_fee", &fee);
      }
      break;

    case TD_STAY_ACTION_CHECK_OUT:
      {
        TdDateRange dates = stay->dates;

        if (!require_state (stay, TD_STAY_STATE_BIT (TD_STAY_CHECKED_IN), C_("action", "check out"), error))
          goto fail;
        /* early: the nights left are free at once (the first night stays,
         * even for a guest who leaves on the day of arrival); late: the
         * nights overstayed are added, if the room is free for them */
        if (when->today != stay->dates.end)
          dates.end = MAX (when->today, stay->dates.start + 1);
        if (dates.end != stay->dates.end)
          change = dates_change (db, stay, &dates, &commit, error);
        else
          {
            change = td_change_new_update ("stay", stay->id, stay->revision);
            add_write (&commit, change, stay->room_id, &dates);
          }
        if (change == NULL)
          goto fail;
        td_change_set_string (change, "state", "checked_out");
        td_change_set_string (change, "checked_out_at", now);
        /* the guest has left: the room is dirty, in the same commit */
        room_change = _td_housekeeping_change (db, stay->room_id, TD_HOUSEKEEPING_DIRTY, now, error);
        if (room_change == NULL)
          {
            td_change_unref (change);
            goto fail;
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  g_ptr_array_add (changes, change);
  if (room_change)
    g_ptr_array_add (changes, room_change);
  if (extra && extra->add && !extra->add (db, stay, change, changes, extra->user_data, error))
    goto fail;
  return commit_and_reload (db, actor, changes, &commit, stay->id, error);

fail:
  stay_commit_clear (&commit);
  return NULL;
}

TdStay *
td_stay_change_dates (TdDatabase         *db,
                      const char         *actor,
                      const char         *stay_id,
                      const TdDateRange  *dates,
                      const TdDeskTime   *when,
                      GError            **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStay) stay = NULL;
  TdDeskTime storage;
  StayCommit commit;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (dates != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  if (dates->end <= dates->start)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("The departure must be after the arrival"));
      return NULL;
    }
  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return NULL;
  if (!require_state (stay, TD_STAY_STATE_BIT (TD_STAY_TENTATIVE) | TD_STAY_STATE_BIT (TD_STAY_CONFIRMED)
                            | TD_STAY_STATE_BIT (TD_STAY_CHECKED_IN),
                      C_("action", "change the dates of"), error))
    return NULL;
  if (stay->state == TD_STAY_CHECKED_IN)
    {
      if (dates->start != stay->dates.start)
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                               _("The guest is in house: the arrival date cannot change any more"));
          return NULL;
        }
      if (dates->end <= when->today)
        {
          g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                               _("A guest in house leaves today at the earliest: check the guest out instead"));
          return NULL;
        }
    }

  stay_commit_init (&commit, when);
  change = dates_change (db, stay, dates, &commit, error);
  if (change == NULL)
    {
      stay_commit_clear (&commit);
      return NULL;
    }
  g_ptr_array_add (changes, change);
  return commit_and_reload (db, actor, changes, &commit, stay->id, error);
}

TdStay *
td_stay_move_and_change_dates (TdDatabase         *db,
                               const char         *actor,
                               const char         *stay_id,
                               const char         *room_id,
                               const TdDateRange  *dates,
                               const TdDeskTime   *when,
                               GError            **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStay) stay = NULL;
  g_auto(RoomInfo) room = { 0 };
  g_autofree char *old_type = NULL;
  TdDeskTime storage;
  StayCommit commit;
  StayWrite *write;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (room_id != NULL && dates != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return NULL;
  if (!require_state (stay, TD_STAY_STATE_BIT (TD_STAY_TENTATIVE) | TD_STAY_STATE_BIT (TD_STAY_CONFIRMED),
                      C_("action", "move"), error))
    return NULL;
  if (dates->end <= dates->start)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("A stay needs at least one night"));
      return NULL;
    }
  if (!load_room (db, room_id, &room, error))
    return NULL;
  if (g_strcmp0 (room.property_id, stay->property_id) != 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("Room %s is in another hotel: cancel this stay and book there instead"), room.number);
      return NULL;
    }
  old_type = occupancy_type (db, stay, error);
  if (old_type == NULL)
    return NULL;

  stay_commit_init (&commit, when);
  change = dates_change (db, stay, dates, &commit, error);
  if (change == NULL)
    {
      stay_commit_clear (&commit);
      return NULL;
    }
  /* the nights are taken in the new room, checked against its type */
  td_change_set_string (change, "room_id", room.id);
  write = g_ptr_array_index (commit.writes, commit.writes->len - 1);
  g_free (write->room_id);
  write->room_id = g_strdup (room.id);
  if (g_strcmp0 (old_type, room.room_type_id) != 0)
    add_check (&commit, room.room_type_id, dates);
  g_ptr_array_add (changes, change);
  return commit_and_reload (db, actor, changes, &commit, stay->id, error);
}

TdStay *
td_stay_move (TdDatabase        *db,
              const char        *actor,
              const char        *stay_id,
              const char        *room_id,
              guint32            from_night,
              const TdDeskTime  *when,
              GError           **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStay) stay = NULL;
  g_auto(RoomInfo) room = { 0 };
  g_autofree char *old_type = NULL;
  g_autofree char *now = NULL;
  TdDeskTime storage;
  StayCommit commit;
  TdChange *change;
  const char *result_id;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (room_id != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  now = td_timestamp_from_unix (when->now);
  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return NULL;
  if (!require_state (stay, TD_STAY_STATE_BIT (TD_STAY_TENTATIVE) | TD_STAY_STATE_BIT (TD_STAY_CONFIRMED)
                            | TD_STAY_STATE_BIT (TD_STAY_CHECKED_IN),
                      C_("action", "move"), error))
    return NULL;
  if (!load_room (db, room_id, &room, error))
    return NULL;
  if (g_strcmp0 (room.property_id, stay->property_id) != 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("Room %s is in another hotel: cancel this stay and book there instead"), room.number);
      return NULL;
    }
  if (g_strcmp0 (room.id, stay->room_id) == 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, _("The stay is already in room %s"), room.number);
      return NULL;
    }
  if (from_night >= stay->dates.end)
    {
      g_autofree char *departure = td_date_format_iso (stay->dates.end);

      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("The stay ends on %s: there is no night left to move from that date"), departure);
      return NULL;
    }
  from_night = MAX (from_night, stay->dates.start);
  if (stay->state == TD_STAY_CHECKED_IN && from_night < when->today)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                           _("Nights already spent cannot move: move the guest from today on"));
      return NULL;
    }
  old_type = occupancy_type (db, stay, error);
  if (old_type == NULL)
    return NULL;

  stay_commit_init (&commit, when);

  if (from_night == stay->dates.start)
    {
      /* the whole stay, or a room for an overbooked one */
      change = td_change_new_update ("stay", stay->id, stay->revision);
      td_change_set_string (change, "room_id", room.id);
      g_ptr_array_add (changes, change);
      add_write (&commit, change, room.id, &stay->dates);
      if (g_strcmp0 (old_type, room.room_type_id) != 0)
        add_check (&commit, room.room_type_id, &stay->dates);
      result_id = stay->id;
    }
  else
    {
      /* the first nights stay where they were, the rest in the new room */
      TdDateRange first = { stay->dates.start, from_night };
      TdDateRange rest = { from_night, stay->dates.end };
      guint split = from_night - stay->dates.start;
      g_autoptr(GArray) first_prices = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) rest_prices = g_array_new (FALSE, FALSE, sizeof (gint64));
      gboolean moving_now = stay->state == TD_STAY_CHECKED_IN && from_night <= when->today;
      TdChange *next;

      g_array_append_vals (first_prices, stay->nightly->data, split);
      g_array_append_vals (rest_prices, &g_array_index (stay->nightly, gint64, split), stay->nightly->len - split);

      change = td_change_new_update ("stay", stay->id, stay->revision);
      set_dates (change, &first);
      set_nights (change, first_prices, stay->total.currency);
      g_ptr_array_add (changes, change);
      add_write (&commit, change, stay->room_id, &first);
      if (moving_now)
        {
          /* the guest has left the room: dirty */
          TdChange *room_change = _td_housekeeping_change (db, stay->room_id, TD_HOUSEKEEPING_DIRTY, now, error);

          if (room_change == NULL)
            {
              stay_commit_clear (&commit);
              return NULL;
            }
          td_change_set_string (change, "state", "checked_out");
          td_change_set_string (change, "checked_out_at", now);
          g_ptr_array_add (changes, room_change);
        }

      next = td_change_new_insert ("stay", NULL);
      td_change_set_string (next, "reservation_id", stay->reservation_id);
      td_change_set_string (next, "property_id", stay->property_id);
      td_change_set_string (next, "room_type_id", stay->room_type_id);
      td_change_set_string (next, "room_id", room.id);
      set_dates (next, &rest);
      td_change_set_int (next, "adults", stay->adults);
      td_change_set_int (next, "children", stay->children);
      if (stay->rate_plan_id)
        td_change_set_string (next, "rate_plan_id", stay->rate_plan_id);
      if (stay->block_id)
        td_change_set_string (next, "block_id", stay->block_id);
      if (stay->customer_id)
        td_change_set_string (next, "customer_id", stay->customer_id);
      if (stay->guest_name)
        td_change_set_string (next, "guest_name", stay->guest_name);
      td_change_set_string (next, "state", moving_now ? "checked_in" : td_stay_state_to_string (stay->state));
      if (moving_now)
        td_change_set_string (next, "checked_in_at", now);
      if (stay->state == TD_STAY_TENTATIVE && stay->hold_until)
        td_change_set_string (next, "hold_until", stay->hold_until);
      set_nights (next, rest_prices, stay->total.currency);
      td_change_set_string (next, "moved_from", stay->id);
      g_ptr_array_add (changes, next);
      add_write (&commit, next, room.id, &rest);
      if (g_strcmp0 (old_type, room.room_type_id) != 0)
        add_check (&commit, room.room_type_id, &rest);
      result_id = td_change_get_id (next);
    }

  {
    g_autofree char *id = g_strdup (result_id);

    return commit_and_reload (db, actor, changes, &commit, id, error);
  }
}

/* ------------------------------------------------------------------ */
/* in a worker thread                                                 */

typedef struct {
  char          *actor;
  TdBooking      booking;
  TdBookingRoom *rooms;
  TdMoney        deposit;
  GPtrArray     *strings;  /* owns the copies */
  gboolean       has_when;
  TdDeskTime     when;
} BookData;

static void
book_data_free (BookData *data)
{
  g_free (data->actor);
  g_free (data->rooms);
  g_ptr_array_unref (data->strings);
  g_free (data);
}

static const char *
keep (BookData   *data,
      const char *text)
{
  char *copy = g_strdup (text);

  if (copy)
    g_ptr_array_add (data->strings, copy);
  return copy;
}

static void
book_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BookData *data = task_data;
  GError *error = NULL;
  TdBookingResult *result = td_stays_book (source_object, data->actor, &data->booking,
                                           data->has_when ? &data->when : NULL, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) td_booking_result_free);
}

void
td_stays_book_async (TdDatabase          *db,
                     const char          *actor,
                     const TdBooking     *booking,
                     const TdDeskTime    *when,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BookData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (booking != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (BookData, 1);
  data->strings = g_ptr_array_new_with_free_func (g_free);
  data->actor = g_strdup (actor);
  data->booking = *booking;
  data->booking.customer_id = keep (data, booking->customer_id);
  data->booking.agency_id = keep (data, booking->agency_id);
  data->booking.source = keep (data, booking->source);
  data->booking.reference = keep (data, booking->reference);
  data->booking.requests = keep (data, booking->requests);
  data->booking.notes = keep (data, booking->notes);
  data->booking.override_reason = keep (data, booking->override_reason);
  if (booking->deposit)
    {
      data->deposit = *booking->deposit;
      data->booking.deposit = &data->deposit;
    }
  data->rooms = g_new0 (TdBookingRoom, MAX (booking->n_rooms, 1));
  for (guint i = 0; i < booking->n_rooms; i++)
    {
      data->rooms[i] = booking->rooms[i];
      data->rooms[i].room_id = keep (data, booking->rooms[i].room_id);
      data->rooms[i].room_type_id = keep (data, booking->rooms[i].room_type_id);
      data->rooms[i].rate_plan_id = keep (data, booking->rooms[i].rate_plan_id);
      data->rooms[i].customer_id = keep (data, booking->rooms[i].customer_id);
      data->rooms[i].guest_name = keep (data, booking->rooms[i].guest_name);
    }
  data->booking.rooms = data->rooms;
  if (when)
    {
      data->has_when = TRUE;
      data->when = *when;
    }

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_stays_book_async);
  g_task_set_task_data (task, data, (GDestroyNotify) book_data_free);
  /* once started, a booking completes or rolls back: never half */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, book_thread);
}

TdBookingResult *
td_stays_book_finish (TdDatabase    *db,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_stays_book_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  char         *actor;
  char         *stay_id;
  TdStayAction  action;
  gboolean      has_when;
  TdDeskTime    when;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_free (data->actor);
  g_free (data->stay_id);
  g_free (data);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyData *data = task_data;
  GError *error = NULL;
  TdStay *stay = td_stay_apply (source_object, data->actor, data->stay_id, data->action,
                                data->has_when ? &data->when : NULL, &error);

  if (stay == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stay, (GDestroyNotify) td_stay_free);
}

void
td_stay_apply_async (TdDatabase          *db,
                     const char          *actor,
                     const char          *stay_id,
                     TdStayAction         action,
                     const TdDeskTime    *when,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ApplyData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (stay_id != NULL);

  data = g_new0 (ApplyData, 1);
  data->actor = g_strdup (actor);
  data->stay_id = g_strdup (stay_id);
  data->action = action;
  if (when)
    {
      data->has_when = TRUE;
      data->when = *when;
    }

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_stay_apply_async);
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, apply_thread);
}

TdStay *
td_stay_apply_finish (TdDatabase    *db,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_stay_apply_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  TdStayFilter  filter;
  char         *property_id;
  char         *room_id;
  char         *reservation_id;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->property_id);
  g_free (data->room_id);
  g_free (data->reservation_id);
  g_free (data);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;
  GPtrArray *stays;

  if (g_task_return_error_if_cancelled (task))
    return;
  stays = td_stays_list (source_object, &data->filter, &error);
  if (stays == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stays, (GDestroyNotify) g_ptr_array_unref);
}

void
td_stays_list_async (TdDatabase          *db,
                     const TdStayFilter  *filter,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (filter != NULL);

  data = g_new0 (ListData, 1);
  data->filter = *filter;
  data->filter.property_id = data->property_id = g_strdup (filter->property_id);
  data->filter.room_id = data->room_id = g_strdup (filter->room_id);
  data->filter.reservation_id = data->reservation_id = g_strdup (filter->reservation_id);

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_stays_list_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  /* the tape chart scrolls on: a cancelled listing returns at once */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
td_stays_list_finish (TdDatabase    *db,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_stays_list_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
