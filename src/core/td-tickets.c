/* td-tickets.c: attraction tickets (see td-tickets.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-date-range.h"
#include "td-json.h"
#include "td-poi-query.h"
#include "td-tickets.h"
#include "td-time.h"

G_DEFINE_QUARK (td-tickets-error-quark, td_tickets_error)

/* what the capacity triggers of migration 10 abort with */
#define SLOT_FULL  "tourdesk-slot-full"
#define QUOTA_USED "tourdesk-quota-used"

static GMutex key_mutex;

static char *
dup_column (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

/* ------------------------------------------------------------------ */
/* SQL of our own, under the database's lock                          */

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt,
                             gpointer      user_data);

/* Each row made into an item of a new array (freed with free_func), or
 * NULL with error; ?1, ?2… bound to texts. */
static GPtrArray *
query_rows (TdDatabase          *db,
            const char          *sql,
            const char * const  *texts,
            guint                n_texts,
            RowFunc              row_func,
            gpointer             user_data,
            GDestroyNotify       free_func,
            GError             **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  for (guint i = 0; i < n_texts; i++)
    sqlite3_bind_text (stmt, (int) i + 1, texts[i], -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_func (stmt, user_data));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&rows);
}

static gpointer
first_column (sqlite3_stmt *stmt,
              gpointer      user_data)
{
  return dup_column (stmt, 0);
}

/* One write: ?1, ?2… bound to texts (NULL binds NULL). */
static gboolean
exec_write (TdDatabase          *db,
            const char          *sql,
            const char * const  *texts,
            guint                n_texts,
            GError             **error)
{
  g_autoptr(GPtrArray) none = query_rows (db, sql, texts, n_texts, first_column, NULL, g_free, error);

  return none != NULL;
}

void
td_slot_free (TdSlot *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->id);
  g_free (slot->poi_id);
  g_free (slot->date);
  g_free (slot->start_time);
  g_free (slot->end_time);
  g_free (slot->platform_id);
  g_free (slot->quota_as_of);
  g_free (slot);
}

gint64
td_slot_get_available (const TdSlot *slot)
{
  gint64 left = slot->capacity - slot->sold;

  if (slot->quota >= 0)
    left = MIN (left, slot->quota - slot->offline_pending);
  return MAX (left, 0);
}

void
td_ticket_price_free (TdTicketPrice *price)
{
  if (price == NULL)
    return;
  g_free (price->id);
  g_free (price->poi_id);
  g_free (price->name);
  g_free (price);
}

void
td_ticket_free (TdTicket *ticket)
{
  if (ticket == NULL)
    return;
  g_free (ticket->id);
  g_free (ticket->code);
  g_free (ticket->poi_id);
  g_free (ticket->attraction);
  g_free (ticket->attraction_en);
  g_free (ticket->slot_id);
  g_free (ticket->date);
  g_free (ticket->start_time);
  g_free (ticket->end_time);
  g_free (ticket->customer_id);
  g_free (ticket->holder);
  g_free (ticket->state);
  g_free (ticket->used_at);
  g_free (ticket->sold_at);
  g_free (ticket->platform_booking_id);
  g_free (ticket->void_reason);
  g_free (ticket->voided_at);
  g_free (ticket->platform_refused);
  g_free (ticket);
}

const char *
td_ticket_get_platform_state (const TdTicket *ticket)
{
  g_return_val_if_fail (ticket != NULL, NULL);

  if (ticket->platform_refused)
    return "refused";
  if (ticket->platform_booking_id)
    return "confirmed";
  if (ticket->offline)
    return "awaiting";
  return "local";
}

void
td_ticket_release_free (TdTicketRelease *release)
{
  if (release == NULL)
    return;
  g_free (release->booking_id);
  g_clear_pointer (&release->void_ids, g_ptr_array_unref);
  g_free (release);
}

void
td_ticket_check_free (TdTicketCheck *check)
{
  if (check == NULL)
    return;
  td_ticket_free (check->ticket);
  g_free (check->message);
  g_free (check);
}

const char *
td_ticket_verdict_to_string (TdTicketVerdict verdict)
{
  switch (verdict)
    {
    case TD_TICKET_CHECK_VALID:     return "valid";
    case TD_TICKET_CHECK_USED:      return "used";
    case TD_TICKET_CHECK_VOID:      return "void";
    case TD_TICKET_CHECK_OTHER_DAY: return "other-day";
    case TD_TICKET_CHECK_FORGED:    return "forged";
    case TD_TICKET_CHECK_UNKNOWN:   return "unknown";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
set_nullable (JsonObject *object,
              const char *name,
              const char *value)
{
  if (value)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

JsonObject *
td_ticket_to_json (const TdTicket *ticket)
{
  JsonObject *object = json_object_new ();
  JsonObject *price = json_object_new ();
  g_autofree char *amount = td_money_to_decimal (&ticket->price);

  json_object_set_string_member (object, "id", ticket->id);
  json_object_set_string_member (object, "code", ticket->code);
  json_object_set_string_member (object, "attraction_id", ticket->poi_id);
  json_object_set_string_member (object, "attraction", ticket->attraction);
  json_object_set_string_member (object, "slot_id", ticket->slot_id);
  json_object_set_string_member (object, "date", ticket->date);
  json_object_set_string_member (object, "slot", ticket->start_time);
  set_nullable (object, "slot_end", ticket->end_time);
  json_object_set_string_member (object, "type", td_ticket_type_to_string (ticket->type));
  json_object_set_int_member (price, "minor", ticket->price.minor);
  json_object_set_string_member (price, "currency", ticket->price.currency);
  json_object_set_string_member (price, "amount", amount);
  json_object_set_object_member (object, "price", price);
  set_nullable (object, "holder_id", ticket->customer_id);
  set_nullable (object, "holder", ticket->holder);
  json_object_set_string_member (object, "state", ticket->state);
  set_nullable (object, "used_at", ticket->used_at);
  json_object_set_string_member (object, "sold_at", ticket->sold_at);
  json_object_set_boolean_member (object, "offline", ticket->offline);
  set_nullable (object, "platform_booking_id", ticket->platform_booking_id);
  json_object_set_string_member (object, "platform", td_ticket_get_platform_state (ticket));
  set_nullable (object, "platform_refused", ticket->platform_refused);
  set_nullable (object, "void_reason", ticket->void_reason);
  set_nullable (object, "voided_at", ticket->voided_at);
  if (ticket->refund.currency[0])
    {
      JsonObject *refund = json_object_new ();
      g_autofree char *back = td_money_to_decimal (&ticket->refund);

      json_object_set_int_member (refund, "minor", ticket->refund.minor);
      json_object_set_string_member (refund, "currency", ticket->refund.currency);
      json_object_set_string_member (refund, "amount", back);
      json_object_set_object_member (object, "refund", refund);
    }
  else
    json_object_set_null_member (object, "refund");
  return object;
}

/* ------------------------------------------------------------------ */
/* the signing key                                                    */

/* the live public key of id (8 hex digits) known here, or NULL */
static char *
public_key_of (TdDatabase  *db,
               const char  *key_id,
               GError     **error)
{
  const char *values[] = { key_id };
  g_autoptr(GPtrArray) keys = query_rows (db, "SELECT public_key FROM ticket_keys WHERE key_id = ?1 AND deleted = 0 "
                                              "ORDER BY created_at LIMIT 1", values, 1, first_column, NULL, g_free, error);

  return keys && keys->len > 0 ? g_strdup (g_ptr_array_index (keys, 0)) : NULL;
}

/* Our public key as a record (kind ticket_key), synced to the tenant's
 * other desks so that they check our codes; once. */
static gboolean
publish_key (TdDatabase   *db,
             TdTicketKey  *key,
             GError      **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *key_id = g_strdup_printf ("%08x", td_ticket_key_get_id (key));
  g_autofree char *known = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *desk_id = NULL;
  GError *local_error = NULL;
  TdChange *change;

  known = public_key_of (db, key_id, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (known)
    return TRUE;
  pem = td_ticket_key_export_public (key, error);
  if (pem == NULL)
    return FALSE;
  desk_id = td_database_dup_setting (db, TD_SETTING_DESK_ID);
  change = td_change_new_insert ("ticket_key", NULL);
  td_change_set_string (change, "key_id", key_id);
  td_change_set_string (change, "public_key", pem);
  if (desk_id)
    td_change_set_string (change, "desk_id", desk_id);
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_ptr_array_add (changes, change);
  return td_database_commit (db, NULL, changes, error);
}

TdTicketKey *
td_tickets_get_key (TdDatabase  *db,
                    GError     **error)
{
  TdTicketKey *key;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  g_mutex_lock (&key_mutex);
  key = g_object_get_data (G_OBJECT (db), "td-ticket-key");
  if (key)
    goto out;

  text = td_database_dup_setting (db, TD_SETTING_TICKET_KEY);
  if (text == NULL)
    {
      g_autoptr(TdTicketKey) made = td_ticket_key_generate (error);
      g_autofree char *made_text = NULL;

      if (made == NULL)
        goto out;
      made_text = td_ticket_key_to_text (made);
      /* whoever writes first wins: every process then reads that one */
      {
        const char *values[] = { TD_SETTING_TICKET_KEY, made_text };
        gboolean written = exec_write (db, "INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)",
                                       values, 2, error);

        memset (made_text, 0, strlen (made_text));
        if (!written)
          goto out;
      }
      text = td_database_dup_setting (db, TD_SETTING_TICKET_KEY);
    }
  if (text == NULL)
    {
      g_set_error_literal (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_KEY,
                           _("The workspace's ticket signing key could not be kept"));
      goto out;
    }
  key = td_ticket_key_new_from_text (text, error);
  memset (text, 0, strlen (text));
  if (key && !publish_key (db, key, error))
    g_clear_pointer (&key, td_ticket_key_free);
  if (key)
    g_object_set_data_full (G_OBJECT (db), "td-ticket-key", key, (GDestroyNotify) td_ticket_key_free);

out:
  g_mutex_unlock (&key_mutex);
  return key;
}

/* ------------------------------------------------------------------ */
/* slots                                                              */

#define SLOT_SELECT \
  "SELECT s.id, s.revision, s.poi_id, s.date, s.start_time, s.end_time, s.capacity, " \
  "  (SELECT count(*) FROM tickets t WHERE t.slot_id = s.id AND t.deleted = 0 AND t.state <> 'void'), " \
  "  s.platform_id, q.remaining, q.as_of, " \
  "  (SELECT count(*) FROM tickets t WHERE t.slot_id = s.id AND t.deleted = 0 AND t.state <> 'void' " \
  "     AND t.offline = 1 AND t.platform_booking_id IS NULL) " \
  "FROM attraction_slots s LEFT JOIN slot_quotas q ON q.slot_id = s.id " \
  "WHERE s.deleted = 0 AND s.poi_id = ?1 AND s.date = ?2"

static TdSlot *
slot_from_row (sqlite3_stmt *stmt)
{
  TdSlot *slot = g_new0 (TdSlot, 1);

  slot->id = dup_column (stmt, 0);
  slot->revision = sqlite3_column_int64 (stmt, 1);
  slot->poi_id = dup_column (stmt, 2);
  slot->date = dup_column (stmt, 3);
  slot->start_time = dup_column (stmt, 4);
  slot->end_time = dup_column (stmt, 5);
  slot->capacity = sqlite3_column_int64 (stmt, 6);
  slot->sold = sqlite3_column_int64 (stmt, 7);
  slot->platform_id = dup_column (stmt, 8);
  slot->quota = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 9);
  slot->quota_as_of = dup_column (stmt, 10);
  slot->offline_pending = sqlite3_column_int64 (stmt, 11);
  return slot;
}

static gpointer
slot_row (sqlite3_stmt *stmt,
          gpointer      user_data)
{
  return slot_from_row (stmt);
}

static GPtrArray *
query_slots (TdDatabase  *db,
             const char  *poi_id,
             const char  *date,
             const char  *start_time,
             GError     **error)
{
  const char *values[] = { poi_id, date, start_time };

  return query_rows (db, start_time ? SLOT_SELECT " AND s.start_time = ?3" : SLOT_SELECT " ORDER BY s.start_time",
                     values, start_time ? 3 : 2, slot_row, NULL, (GDestroyNotify) td_slot_free, error);
}

static gboolean
check_date (const char  *date,
            GError     **error)
{
  guint32 julian;

  if (date == NULL || !td_date_parse_iso (date, &julian, NULL))
    {
      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                   _("“%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return FALSE;
    }
  return TRUE;
}

/* HH:MM, 00:00 to 23:59: its minutes after midnight, or -1 */
static int
time_minutes (const char *text)
{
  if (text == NULL || strlen (text) != 5 || text[2] != ':'
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1])
      || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return -1;
  {
    int h = (text[0] - '0') * 10 + (text[1] - '0');
    int m = (text[3] - '0') * 10 + (text[4] - '0');

    if (h > 23 || m > 59)
      return -1;
    return h * 60 + m;
  }
}

static gboolean
check_time (const char  *time,
            GError     **error)
{
  if (time_minutes (time) < 0)
    {
      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                   _("“%s” is not a time of day (HH:MM, such as 09:30)"), time ? time : "");
      return FALSE;
    }
  return TRUE;
}

static char *
attraction_name (TdDatabase *db,
                 const char *poi_id)
{
  g_autoptr(JsonObject) poi = td_database_get_record (db, "poi", poi_id, NULL);
  const char *name = NULL;

  if (poi && td_json_get_string (poi, "name", &name))
    return g_strdup (name);
  return g_strdup (poi_id);
}

/* the attraction, live and of category attraction */
static gboolean
check_attraction (TdDatabase  *db,
                  const char  *poi_id,
                  GError     **error)
{
  g_autoptr(JsonObject) poi = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *category = NULL;

  if (poi_id && g_uuid_string_is_valid (poi_id))
    poi = td_database_get_record (db, "poi", poi_id, &local_error);
  if (local_error && !g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (poi == NULL || json_object_get_boolean_member_with_default (poi, "deleted", FALSE)
      || !td_json_get_string (poi, "category", &category) || !g_str_equal (category, "attraction"))
    {
      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND,
                   _("There is no attraction “%s” in this workspace"), poi_id ? poi_id : "");
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
td_tickets_list_attractions (TdDatabase  *db,
                             GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) pois = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  ids = query_rows (db, "SELECT p.id FROM pois p WHERE p.deleted = 0 AND p.category = 'attraction' "
                        "AND EXISTS (SELECT 1 FROM attraction_slots s WHERE s.poi_id = p.id AND s.deleted = 0) "
                        "ORDER BY p.name", NULL, 0, first_column, NULL, g_free, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      TdPoi *poi = td_poi_query_get (db, g_ptr_array_index (ids, i), error);

      if (poi == NULL)
        return NULL;
      g_ptr_array_add (pois, poi);
    }
  return g_steal_pointer (&pois);
}

GPtrArray *
td_tickets_list_slots (TdDatabase  *db,
                       const char  *poi_id,
                       const char  *date,
                       GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (!check_date (date, error) || !check_attraction (db, poi_id, error))
    return NULL;
  return query_slots (db, poi_id, date, NULL, error);
}

TdSlot *
td_tickets_get_slot (TdDatabase  *db,
                     const char  *poi_id,
                     const char  *date,
                     const char  *start_time,
                     GError     **error)
{
  g_autoptr(GPtrArray) slots = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (!check_date (date, error) || !check_time (start_time, error) || !check_attraction (db, poi_id, error))
    return NULL;
  slots = query_slots (db, poi_id, date, start_time, error);
  if (slots == NULL)
    return NULL;
  if (slots->len == 0)
    {
      g_autofree char *name = attraction_name (db, poi_id);

      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND,
                   _("%s has no time slot at %s on %s"), name, start_time, date);
      return NULL;
    }
  return g_ptr_array_steal_index (slots, 0);
}

TdSlot *
td_tickets_add_slot (TdDatabase  *db,
                     const char  *actor,
                     const char  *poi_id,
                     const char  *date,
                     const char  *start_time,
                     const char  *end_time,
                     gint64       capacity,
                     GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (!check_date (date, error) || !check_time (start_time, error)
      || (end_time && !check_time (end_time, error)) || !check_attraction (db, poi_id, error))
    return NULL;
  if (end_time && time_minutes (end_time) <= time_minutes (start_time))
    {
      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                   _("A time slot ends after it starts (%s–%s)"), start_time, end_time);
      return NULL;
    }
  if (capacity < 0)
    {
      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                   _("A time slot’s capacity cannot be negative (%lld)"), (long long) capacity);
      return NULL;
    }
  change = td_change_new_insert ("attraction_slot", NULL);
  td_change_set_string (change, "poi_id", poi_id);
  td_change_set_string (change, "date", date);
  td_change_set_string (change, "start_time", start_time);
  if (end_time)
    td_change_set_string (change, "end_time", end_time);
  td_change_set_int (change, "capacity", capacity);
  g_ptr_array_add (changes, change);
  if (!td_database_commit (db, actor, changes, error))
    return NULL;
  return td_tickets_get_slot (db, poi_id, date, start_time, error);
}

gboolean
td_tickets_set_quota (TdDatabase  *db,
                      const char  *slot_id,
                      gint64       remaining,
                      const char  *as_of,
                      GError     **error)
{
  g_autofree char *left = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (remaining, 0));
  const char *values[] = { slot_id, left, as_of };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (slot_id != NULL && as_of != NULL, FALSE);

  return exec_write (db, "INSERT INTO slot_quotas (slot_id, remaining, as_of) VALUES (?1, CAST(?2 AS INTEGER), ?3) "
                         "ON CONFLICT (slot_id) DO UPDATE SET remaining = excluded.remaining, "
                         "as_of = excluded.as_of WHERE excluded.as_of >= slot_quotas.as_of", values, 3, error);
}

/* ------------------------------------------------------------------ */
/* prices                                                             */

static gpointer
price_row (sqlite3_stmt *stmt,
           gpointer      poi_id)
{
  TdTicketPrice *price = g_new0 (TdTicketPrice, 1);

  price->id = dup_column (stmt, 0);
  price->poi_id = g_strdup (poi_id);
  price->type = (TdTicketType) MAX (td_ticket_type_from_string ((const char *) sqlite3_column_text (stmt, 1)), 0);
  price->name = dup_column (stmt, 2);
  td_money_init (&price->price, sqlite3_column_int64 (stmt, 3), (const char *) sqlite3_column_text (stmt, 4), NULL);
  return price;
}

GPtrArray *
td_tickets_list_prices (TdDatabase  *db,
                        const char  *poi_id,
                        GError     **error)
{
  const char *values[] = { poi_id };

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  return query_rows (db, "SELECT id, type, name, price_minor, price_currency FROM ticket_types "
                         "WHERE poi_id = ?1 AND deleted = 0 ORDER BY CASE type WHEN 'adult' THEN 0 "
                         "WHEN 'child' THEN 1 WHEN 'senior' THEN 2 WHEN 'student' THEN 3 ELSE 4 END",
                     values, 1, price_row, (gpointer) poi_id, (GDestroyNotify) td_ticket_price_free, error);
}

gboolean
td_tickets_set_price (TdDatabase     *db,
                      const char     *actor,
                      const char     *poi_id,
                      TdTicketType    type,
                      const TdMoney  *price,
                      GError        **error)
{
  g_autoptr(GPtrArray) prices = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdChange *change = NULL;

  g_return_val_if_fail (type < TD_TICKET_N_TYPES && price != NULL, FALSE);

  if (!check_attraction (db, poi_id, error))
    return FALSE;
  if (price->minor < 0)
    {
      g_set_error_literal (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                           _("A ticket price cannot be negative"));
      return FALSE;
    }
  prices = td_tickets_list_prices (db, poi_id, error);
  if (prices == NULL)
    return FALSE;
  for (guint i = 0; i < prices->len && change == NULL; i++)
    {
      TdTicketPrice *known = g_ptr_array_index (prices, i);
      g_autoptr(JsonObject) record = NULL;

      if (known->type != type)
        continue;
      record = td_database_get_record (db, "ticket_type", known->id, error);
      if (record == NULL)
        return FALSE;
      change = td_change_new_update ("ticket_type", known->id, json_object_get_int_member (record, "revision"));
    }
  if (change == NULL)
    {
      change = td_change_new_insert ("ticket_type", NULL);
      td_change_set_string (change, "poi_id", poi_id);
      td_change_set_string (change, "type", td_ticket_type_to_string (type));
    }
  td_change_set_money (change, "price", price);
  g_ptr_array_add (changes, change);
  return td_database_commit (db, actor, changes, error);
}

static gboolean
find_price (TdDatabase    *db,
            const char    *poi_id,
            TdTicketType   type,
            TdMoney       *price,
            GError       **error)
{
  g_autoptr(GPtrArray) prices = td_tickets_list_prices (db, poi_id, error);
  g_autofree char *name = NULL;

  if (prices == NULL)
    return FALSE;
  for (guint i = 0; i < prices->len; i++)
    {
      TdTicketPrice *known = g_ptr_array_index (prices, i);

      if (known->type == type)
        {
          *price = known->price;
          return TRUE;
        }
    }
  name = attraction_name (db, poi_id);
  g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND,
               _("%s sells no tickets of type “%s” (no price for it)"), name, td_ticket_type_get_label (type));
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* tickets                                                            */

#define TICKET_SELECT \
  "SELECT t.id, t.revision, t.code, t.poi_id, p.name, p.name_en, t.slot_id, t.date, t.start_time, s.end_time, " \
  "  t.type, t.price_minor, t.price_currency, t.customer_id, c.name, t.state, t.used_at, t.created_at, " \
  "  t.offline, t.platform_booking_id, t.void_reason, t.voided_at, t.refund_minor, t.refund_currency, " \
  "  t.platform_refused " \
  "FROM tickets t LEFT JOIN pois p ON p.id = t.poi_id LEFT JOIN attraction_slots s ON s.id = t.slot_id " \
  "  LEFT JOIN customers c ON c.id = t.customer_id " \
  "WHERE t.deleted = 0"

static TdTicket *
ticket_from_row (sqlite3_stmt *stmt)
{
  TdTicket *ticket = g_new0 (TdTicket, 1);

  ticket->id = dup_column (stmt, 0);
  ticket->revision = sqlite3_column_int64 (stmt, 1);
  ticket->code = dup_column (stmt, 2);
  ticket->poi_id = dup_column (stmt, 3);
  ticket->attraction = dup_column (stmt, 4);
  ticket->attraction_en = dup_column (stmt, 5);
  ticket->slot_id = dup_column (stmt, 6);
  ticket->date = dup_column (stmt, 7);
  ticket->start_time = dup_column (stmt, 8);
  ticket->end_time = dup_column (stmt, 9);
  ticket->type = (TdTicketType) MAX (td_ticket_type_from_string ((const char *) sqlite3_column_text (stmt, 10)), 0);
  td_money_init (&ticket->price, sqlite3_column_int64 (stmt, 11), (const char *) sqlite3_column_text (stmt, 12), NULL);
  ticket->customer_id = dup_column (stmt, 13);
  ticket->holder = dup_column (stmt, 14);
  ticket->state = dup_column (stmt, 15);
  ticket->used_at = dup_column (stmt, 16);
  ticket->sold_at = dup_column (stmt, 17);
  ticket->offline = sqlite3_column_int (stmt, 18) != 0;
  ticket->platform_booking_id = dup_column (stmt, 19);
  ticket->void_reason = dup_column (stmt, 20);
  ticket->voided_at = dup_column (stmt, 21);
  if (sqlite3_column_type (stmt, 22) != SQLITE_NULL)
    td_money_init (&ticket->refund, sqlite3_column_int64 (stmt, 22), (const char *) sqlite3_column_text (stmt, 23), NULL);
  ticket->platform_refused = dup_column (stmt, 24);
  if (ticket->attraction == NULL)
    ticket->attraction = g_strdup (ticket->poi_id);
  return ticket;
}

static gpointer
ticket_row (sqlite3_stmt *stmt,
            gpointer      user_data)
{
  return ticket_from_row (stmt);
}

/* tickets by where ("AND …" with ?1, ?2 bound to a and b) */
static GPtrArray *
query_tickets (TdDatabase  *db,
               const char  *where,
               const char  *a,
               const char  *b,
               GError     **error)
{
  g_autofree char *sql = g_strconcat (TICKET_SELECT, " ", where, NULL);
  const char *values[] = { a, b };

  return query_rows (db, sql, values, b ? 2 : a ? 1 : 0, ticket_row, NULL, (GDestroyNotify) td_ticket_free, error);
}

TdTicket *
td_tickets_get (TdDatabase  *db,
                const char  *code_or_id,
                GError     **error)
{
  g_autoptr(GPtrArray) tickets = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code_or_id != NULL, NULL);

  if (g_uuid_string_is_valid (code_or_id))
    tickets = query_tickets (db, "AND t.id = ?1", code_or_id, NULL, error);
  else
    {
      code = td_ticket_code_normalise (code_or_id);
      tickets = query_tickets (db, "AND t.code = ?1", code ? code : "", NULL, error);
    }
  if (tickets == NULL)
    return NULL;
  if (tickets->len == 0)
    {
      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND,
                   _("There is no ticket “%.24s…” in this workspace"), code_or_id);
      return NULL;
    }
  return g_ptr_array_steal_index (tickets, 0);
}

GPtrArray *
td_tickets_list (TdDatabase  *db,
                 const char  *date,
                 guint        limit,
                 GError     **error)
{
  g_autofree char *where = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (date && !check_date (date, error))
    return NULL;
  where = g_strdup_printf ("%s ORDER BY t.created_at DESC, t.rowid DESC LIMIT %u",
                           date ? "AND t.date = ?1" : "", limit ? limit : G_MAXINT);
  return query_tickets (db, where, date, NULL, error);
}

static void
sold_out_error (TdDatabase    *db,
                const TdTicketSale *sale,
                GError       **error)
{
  g_autoptr(TdSlot) slot = td_tickets_get_slot (db, sale->poi_id, sale->date, sale->start_time, NULL);
  g_autofree char *name = attraction_name (db, sale->poi_id);
  gint64 left = slot ? MIN (td_slot_get_available (slot), G_MAXUINT) : 0;

  if (slot && slot->quota >= 0 && sale->offline)
    g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_SOLD_OUT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Offline, only %u place is left of the platform’s quota for %s at %s on %s; %u asked for",
                              "Offline, only %u places are left of the platform’s quota for %s at %s on %s; %u asked for",
                              (gulong) left),
                 (guint) left, name, sale->start_time, sale->date, sale->count);
  else
    g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_SOLD_OUT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Only %u place is left for %s at %s on %s; %u asked for",
                              "Only %u places are left for %s at %s on %s; %u asked for",
                              (gulong) left),
                 (guint) left, name, sale->start_time, sale->date, sale->count);
}

GPtrArray *
td_tickets_sell (TdDatabase          *db,
                 const char          *actor,
                 const TdTicketSale  *sale,
                 GError             **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func ((GDestroyNotify) td_ticket_free);
  g_autoptr(TdSlot) slot = NULL;
  g_autofree char *desk_id = NULL;
  g_autoptr(GError) local_error = NULL;
  TdTicketKey *key;
  TdTicketCodeData data = { 0 };
  TdMoney price;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (sale != NULL, NULL);

  if (sale->count < 1 || sale->count > TD_TICKETS_MAX_COUNT)
    {
      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                   _("A sale is of 1 to %d tickets, not %u"), TD_TICKETS_MAX_COUNT, sale->count);
      return NULL;
    }
  if (sale->type >= TD_TICKET_N_TYPES)
    {
      g_set_error_literal (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID, _("Unknown ticket type"));
      return NULL;
    }
  slot = td_tickets_get_slot (db, sale->poi_id, sale->date, sale->start_time, error);
  if (slot == NULL || !find_price (db, sale->poi_id, sale->type, &price, error))
    return NULL;
  if (sale->customer_id)
    {
      g_autoptr(JsonObject) holder = NULL;

      if (g_uuid_string_is_valid (sale->customer_id))
        holder = td_database_get_record (db, "customer", sale->customer_id, NULL);
      if (holder == NULL || json_object_get_boolean_member_with_default (holder, "deleted", FALSE))
        {
          g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND,
                       _("There is no customer “%s” in this workspace"), sale->customer_id);
          return NULL;
        }
    }
  /* a clear answer in the usual case; the database has the last word */
  if (td_slot_get_available (slot) < sale->count && sale->platform_booking_id == NULL)
    {
      sold_out_error (db, sale, error);
      return NULL;
    }
  key = td_tickets_get_key (db, error);
  if (key == NULL)
    return NULL;
  desk_id = td_database_dup_setting (db, TD_SETTING_DESK_ID);

  g_strlcpy (data.attraction_id, sale->poi_id, sizeof data.attraction_id);
  td_date_parse_iso (sale->date, &data.date, NULL);
  data.start_minutes = (guint) time_minutes (sale->start_time);
  data.type = sale->type;
  for (guint i = 0; i < sale->count; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *code = NULL;
      TdChange *change;

      g_strlcpy (data.ticket_id, id, sizeof data.ticket_id);
      code = td_ticket_code_sign (key, &data, error);
      if (code == NULL)
        return NULL;
      change = td_change_new_insert_with_id ("ticket", NULL, id);
      td_change_set_string (change, "code", code);
      td_change_set_string (change, "poi_id", sale->poi_id);
      td_change_set_string (change, "slot_id", slot->id);
      td_change_set_string (change, "date", sale->date);
      td_change_set_string (change, "start_time", sale->start_time);
      td_change_set_string (change, "type", td_ticket_type_to_string (sale->type));
      td_change_set_money (change, "price", &price);
      if (sale->customer_id)
        td_change_set_string (change, "customer_id", sale->customer_id);
      td_change_set_string (change, "state", "sold");
      td_change_set_string (change, "desk_id", desk_id ? desk_id : "");
      td_change_set_bool (change, "offline", sale->offline);
      if (sale->platform_booking_id)
        td_change_set_string (change, "platform_booking_id", sale->platform_booking_id);
      g_ptr_array_add (changes, change);
    }

  if (!td_database_commit (db, actor, changes, &local_error))
    {
      if (g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID)
          && (strstr (local_error->message, SLOT_FULL) || strstr (local_error->message, QUOTA_USED)))
        sold_out_error (db, sale, error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      TdTicket *ticket = td_tickets_get (db, td_change_get_id (g_ptr_array_index (changes, i)), error);

      if (ticket == NULL)
        return NULL;
      g_ptr_array_add (tickets, ticket);
    }
  return g_steal_pointer (&tickets);
}

gboolean
td_tickets_mark_confirmed (TdDatabase  *db,
                           const char  *actor,
                           GPtrArray   *ticket_ids,
                           const char  *platform_booking_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (ticket_ids != NULL && platform_booking_id != NULL, FALSE);

  for (guint i = 0; i < ticket_ids->len; i++)
    {
      g_autoptr(TdTicket) ticket = td_tickets_get (db, g_ptr_array_index (ticket_ids, i), error);
      TdChange *change;

      if (ticket == NULL)
        return FALSE;
      change = td_change_new_update ("ticket", ticket->id, ticket->revision);
      td_change_set_string (change, "platform_booking_id", platform_booking_id);
      g_ptr_array_add (changes, change);
    }
  return td_database_commit (db, actor, changes, error);
}

/* ------------------------------------------------------------------ */
/* void, refund, and the platform's answers                           */

static char *local_time (const char *timestamp);

TdTicket *
td_tickets_void (TdDatabase     *db,
                 const char     *actor,
                 const char     *code_or_id,
                 const char     *reason,
                 const TdMoney  *refund,
                 GError        **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdTicket) ticket = NULL;
  g_autofree char *tidy = reason ? g_strstrip (g_strdup (reason)) : NULL;
  g_autofree char *now = NULL;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code_or_id != NULL, NULL);

  if (tidy == NULL || *tidy == '\0')
    {
      g_set_error_literal (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                           _("Say why the ticket is voided"));
      return NULL;
    }
  ticket = td_tickets_get (db, code_or_id, error);
  if (ticket == NULL)
    return NULL;
  if (g_str_equal (ticket->state, "used"))
    {
      g_autofree char *when = local_time (ticket->used_at);

      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                   _("This ticket was used at %s: a used ticket cannot be voided"), when);
      return NULL;
    }
  if (g_str_equal (ticket->state, "void"))
    {
      g_set_error_literal (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID, _("This ticket is already void"));
      return NULL;
    }
  if (refund && (refund->minor < 0 || refund->minor > ticket->price.minor
                 || g_strcmp0 (refund->currency, ticket->price.currency) != 0))
    {
      g_autofree char *paid = td_money_format (&ticket->price);

      g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                   _("The refund can be from nothing to what was paid, %s"), paid);
      return NULL;
    }

  now = td_timestamp_now ();
  change = td_change_new_update ("ticket", ticket->id, ticket->revision);
  td_change_set_string (change, "state", "void");
  td_change_set_string (change, "void_reason", tidy);
  td_change_set_string (change, "voided_at", now);
  if (refund)
    td_change_set_money (change, "refund", refund);
  g_ptr_array_add (changes, change);
  if (!td_database_commit (db, actor, changes, error))
    return NULL;
  return td_tickets_get (db, ticket->id, error);
}

gboolean
td_tickets_mark_refused (TdDatabase  *db,
                         const char  *actor,
                         GPtrArray   *ticket_ids,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autofree char *now = td_timestamp_now ();

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (ticket_ids != NULL && reason != NULL, FALSE);

  for (guint i = 0; i < ticket_ids->len; i++)
    {
      g_autoptr(TdTicket) ticket = td_tickets_get (db, g_ptr_array_index (ticket_ids, i), error);
      TdChange *change;

      if (ticket == NULL)
        return FALSE;
      change = td_change_new_update ("ticket", ticket->id, ticket->revision);
      td_change_set_string (change, "state", "void");
      td_change_set_string (change, "platform_refused", reason);
      td_change_set_string (change, "voided_at", now);
      g_ptr_array_add (changes, change);
    }
  return td_database_commit (db, actor, changes, error);
}

GPtrArray *
td_tickets_list_to_release (TdDatabase  *db,
                            GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_ticket_release_free);
  g_autoptr(GHashTable) by_booking = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT v.platform_booking_id, v.id, "
                               "  (SELECT count(*) FROM tickets l WHERE l.platform_booking_id = v.platform_booking_id "
                               "   AND l.deleted = 0 AND l.state <> 'void') "
                               "FROM tickets v WHERE v.state = 'void' AND v.platform_booking_id IS NOT NULL "
                               "AND v.platform_released IS NOT 1 AND v.deleted = 0 "
                               "ORDER BY v.platform_booking_id, v.id", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *booking = (const char *) sqlite3_column_text (stmt, 0);
      TdTicketRelease *release = g_hash_table_lookup (by_booking, booking);

      if (release == NULL)
        {
          release = g_new0 (TdTicketRelease, 1);
          release->booking_id = g_strdup (booking);
          release->live = (guint) sqlite3_column_int (stmt, 2);
          release->void_ids = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (list, release);
          g_hash_table_insert (by_booking, release->booking_id, release);
        }
      g_ptr_array_add (release->void_ids, dup_column (stmt, 1));
    }
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED, "%s",
                   sqlite3_errmsg (_td_database_get_handle (db)));
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
td_tickets_mark_released (TdDatabase  *db,
                          const char  *actor,
                          GPtrArray   *ticket_ids,
                          GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  for (guint i = 0; i < ticket_ids->len; i++)
    {
      g_autoptr(TdTicket) ticket = td_tickets_get (db, g_ptr_array_index (ticket_ids, i), error);
      TdChange *change;

      if (ticket == NULL)
        return FALSE;
      change = td_change_new_update ("ticket", ticket->id, ticket->revision);
      td_change_set_bool (change, "platform_released", TRUE);
      g_ptr_array_add (changes, change);
    }
  return td_database_commit (db, actor, changes, error);
}

/* ------------------------------------------------------------------ */
/* validation                                                         */

static TdTicketCheck *
check_new (TdTicketVerdict  verdict,
           TdTicket        *ticket,
           char            *message)
{
  TdTicketCheck *check = g_new0 (TdTicketCheck, 1);

  check->verdict = verdict;
  check->ticket = ticket;
  check->message = message;
  return check;
}

static char *
local_time (const char *timestamp)
{
  char *text = td_timestamp_format_local (timestamp, NULL);

  return text ? text : g_strdup (timestamp);
}

static TdTicketCheck *
check_of_state (TdTicket *ticket)
{
  if (g_str_equal (ticket->state, "used"))
    {
      g_autofree char *when = local_time (ticket->used_at);

      return check_new (TD_TICKET_CHECK_USED, ticket,
                        g_strdup_printf (_("Already used at %s"), when));
    }
  if (ticket->platform_refused)
    return check_new (TD_TICKET_CHECK_VOID, ticket,
                      g_strdup_printf (_("The platform refused this ticket (%s): do not let in"), ticket->platform_refused));
  if (ticket->void_reason)
    return check_new (TD_TICKET_CHECK_VOID, ticket,
                      g_strdup_printf (_("This ticket was cancelled (%s): do not let in"), ticket->void_reason));
  return check_new (TD_TICKET_CHECK_VOID, ticket, g_strdup (_("This ticket was cancelled: do not let in")));
}

TdTicketCheck *
td_tickets_validate (TdDatabase  *db,
                     const char  *actor,
                     const char  *code,
                     guint32      today,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TdTicket) ticket = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *now = NULL;
  g_autoptr(TdTicketKey) other_key = NULL;
  TdTicketCodeData data;
  TdTicketKey *key;
  guint32 date = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  key = td_tickets_get_key (db, error);
  if (key == NULL)
    return NULL;
  /* signed at another desk of ours: its public key came with the sync */
  if (td_ticket_code_decode (code, &data, NULL) && data.key_id != td_ticket_key_get_id (key))
    {
      g_autofree char *key_id = g_strdup_printf ("%08x", data.key_id);
      g_autofree char *pem = public_key_of (db, key_id, error);

      if (pem == NULL && error && *error)
        return NULL;
      if (pem)
        other_key = td_ticket_key_new_from_public_pem (pem, strlen (pem), NULL);
      if (other_key)
        key = other_key;
    }
  if (!td_ticket_code_verify (key, code, &data, &local_error))
    {
      if (g_error_matches (local_error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_FORGED))
        return check_new (TD_TICKET_CHECK_FORGED, NULL,
                          g_strdup (_("Forged or altered code: do not let in")));
      return check_new (TD_TICKET_CHECK_UNKNOWN, NULL, g_strdup (_("Not a ticket code of this workspace")));
    }

  for (int attempt = 0; ; attempt++)
    {
      g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
      g_autofree char *normal = td_ticket_code_normalise (code);
      TdChange *change;

      g_clear_pointer (&ticket, td_ticket_free);
      g_clear_error (&local_error);
      ticket = td_tickets_get (db, data.ticket_id, &local_error);
      if (ticket == NULL)
        {
          if (!g_error_matches (local_error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          return check_new (TD_TICKET_CHECK_UNKNOWN, NULL,
                            g_strdup (_("Genuine code, but the ticket is not in this workspace (not synced yet?)")));
        }
      /* signed here, so it matches; anything else is a damaged row */
      if (!g_str_equal (ticket->code, normal) || !g_str_equal (ticket->poi_id, data.attraction_id))
        return check_new (TD_TICKET_CHECK_FORGED, NULL,
                          g_strdup (_("Forged or altered code: do not let in")));
      if (!g_str_equal (ticket->state, "sold"))
        return check_of_state (g_steal_pointer (&ticket));

      if (today == 0)
        {
          zone = zone ? zone : td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
          today = td_today_julian (zone);
        }
      td_date_parse_iso (ticket->date, &date, NULL);
      if (date != today)
        return check_new (TD_TICKET_CHECK_OTHER_DAY, g_steal_pointer (&ticket),
                          g_strdup_printf (_("This ticket is for %s, not today"), ticket->date));

      /* marked once: the revision read above must still be the record's */
      now = (g_free (now), td_timestamp_now ());
      change = td_change_new_update ("ticket", ticket->id, ticket->revision);
      td_change_set_string (change, "state", "used");
      td_change_set_string (change, "used_at", now);
      g_ptr_array_add (changes, change);
      if (td_database_commit (db, actor, changes, &local_error))
        break;
      if (attempt > 0 || !g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* another gate or desk got there first: read it again */
    }

  g_free (ticket->state);
  ticket->state = g_strdup ("used");
  g_free (ticket->used_at);
  ticket->used_at = g_steal_pointer (&now);
  ticket->revision++;
  return check_new (TD_TICKET_CHECK_VALID, g_steal_pointer (&ticket), g_strdup (_("Valid: let in")));
}

/* ------------------------------------------------------------------ */
/* the platform's catalogue                                           */

GPtrArray *
td_tickets_list_unreported (TdDatabase  *db,
                            GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  return query_tickets (db, "AND t.offline = 1 AND t.platform_booking_id IS NULL AND t.state <> 'void' "
                            "ORDER BY t.created_at, t.rowid", NULL, NULL, error);
}

/* the live attraction called name, or NULL */
static char *
attraction_by_name (TdDatabase  *db,
                    const char  *name,
                    GError     **error)
{
  const char *values[] = { name };
  g_autoptr(GPtrArray) ids = query_rows (db, "SELECT id FROM pois WHERE deleted = 0 AND category = 'attraction' "
                                             "AND (name = ?1 OR name_en = ?1) ORDER BY created_at LIMIT 1",
                                         values, 1, first_column, NULL, g_free, error);

  return ids && ids->len > 0 ? g_strdup (g_ptr_array_index (ids, 0)) : NULL;
}

/* the live slot with this platform id: its id and revision, or NULL */
static JsonObject *
slot_by_platform_id (TdDatabase  *db,
                     const char  *platform_id,
                     GError     **error)
{
  const char *values[] = { platform_id };
  g_autoptr(GPtrArray) ids = query_rows (db, "SELECT id FROM attraction_slots WHERE platform_id = ?1 AND deleted = 0",
                                         values, 1, first_column, NULL, g_free, error);

  if (ids == NULL || ids->len == 0)
    return NULL;
  return td_database_get_record (db, "attraction_slot", g_ptr_array_index (ids, 0), error);
}

/* a UUID (version 5 form) made from the platform's slot id */
static char *
slot_id_for (const char *platform_id)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 d[20];
  gsize length = sizeof d;

  g_checksum_update (checksum, (const guchar *) "tourdesk:attraction_slot:", -1);
  g_checksum_update (checksum, (const guchar *) platform_id, -1);
  g_checksum_get_digest (checksum, d, &length);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                          d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

static gboolean
same_text (JsonObject *record,
           const char *field,
           const char *value)
{
  const char *known = NULL;

  td_json_get_string (record, field, &known);
  return g_strcmp0 (known, value) == 0;
}

gboolean
td_tickets_apply_catalogue (TdDatabase  *db,
                            const char  *actor,
                            JsonArray   *attractions,
                            const char  *as_of,
                            guint       *n_slots,
                            GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GPtrArray) quotas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) remaining = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint seen = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (attractions != NULL && as_of != NULL, FALSE);

  for (guint i = 0; i < json_array_get_length (attractions); i++)
    {
      JsonNode *node = json_array_get_element (attractions, i);
      JsonObject *product = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonArray *slots;
      g_autofree char *poi_id = NULL;
      const char *name = NULL;

      if (product == NULL || !td_json_get_string (product, "name", &name)
          || (slots = td_json_get_array (product, "slots")) == NULL)
        {
          g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                       _("The platform's catalogue is not valid: attraction %u has no name or slots"), i + 1);
          return FALSE;
        }
      poi_id = attraction_by_name (db, name, error);
      if (poi_id == NULL)
        {
          if (error && *error)
            return FALSE;
          continue;  /* an attraction this workspace does not sell */
        }
      for (guint j = 0; j < json_array_get_length (slots); j++)
        {
          JsonNode *slot_node = json_array_get_element (slots, j);
          JsonObject *slot = JSON_NODE_HOLDS_OBJECT (slot_node) ? json_node_get_object (slot_node) : NULL;
          g_autoptr(JsonObject) known = NULL;
          const char *id = NULL, *date = NULL, *start = NULL, *end = NULL;
          gint64 capacity = -1, left = -1, known_capacity = -1;
          g_autoptr(GError) local_error = NULL;
          TdChange *change;

          if (slot == NULL || !td_json_get_string (slot, "id", &id) || !td_json_get_string (slot, "date", &date)
              || !td_json_get_string (slot, "start", &start) || !td_json_get_int (slot, "capacity", &capacity)
              || !td_json_get_int (slot, "remaining", &left) || capacity < 0 || left < 0
              || !check_date (date, &local_error) || !check_time (start, &local_error))
            {
              g_set_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID,
                           _("The platform's catalogue is not valid: slot %u of “%s”"), j + 1, name);
              return FALSE;
            }
          td_json_get_string (slot, "end", &end);
          if (end && time_minutes (end) <= time_minutes (start))
            end = NULL;
          seen++;
          known = slot_by_platform_id (db, id, error);
          if (known == NULL && error && *error)
            return FALSE;
          if (known == NULL)
            {
              /* the same id at every desk of the tenant, so that the
               * desks' copies of one platform slot are one record */
              g_autofree char *slot_id = slot_id_for (id);

              change = td_change_new_insert_with_id ("attraction_slot", NULL, slot_id);
              td_change_set_string (change, "poi_id", poi_id);
              td_change_set_string (change, "platform_id", id);
            }
          else
            {
              td_json_get_int (known, "capacity", &known_capacity);
              if (same_text (known, "date", date) && same_text (known, "start_time", start)
                  && same_text (known, "end_time", end) && known_capacity == capacity)
                change = NULL;
              else
                change = td_change_new_update ("attraction_slot", json_object_get_string_member (known, "id"),
                                               json_object_get_int_member (known, "revision"));
            }
          if (change)
            {
              td_change_set_string (change, "date", date);
              td_change_set_string (change, "start_time", start);
              if (end)
                td_change_set_string (change, "end_time", end);
              else
                td_change_set_null (change, "end_time");
              td_change_set_int (change, "capacity", capacity);
              g_ptr_array_add (changes, change);
            }
          g_ptr_array_add (quotas, g_strdup (known ? json_object_get_string_member (known, "id")
                                                   : td_change_get_id (change)));
          g_array_append_val (remaining, left);
        }
    }

  if (changes->len > 0 && !td_database_commit (db, actor, changes, error))
    return FALSE;
  for (guint i = 0; i < quotas->len; i++)
    if (!td_tickets_set_quota (db, g_ptr_array_index (quotas, i), g_array_index (remaining, gint64, i), as_of, error))
      return FALSE;
  if (n_slots)
    *n_slots = seen;
  return TRUE;
}

gboolean
td_tickets_confirm_quotas (TdDatabase  *db,
                           const char  *as_of,
                           GError     **error)
{
  const char *values[] = { as_of };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return exec_write (db, "UPDATE slot_quotas SET as_of = ?1 WHERE as_of < ?1", values, 1, error);
}
