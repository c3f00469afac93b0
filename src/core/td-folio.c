/* td-folio.c: what a stay owes and what was paid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-date-range.h"
#include "td-desk-private.h"
#include "td-folio.h"
#include "td-payment-method.h"
#include "td-stays-private.h"
#include "td-time.h"

G_DEFINE_QUARK (td-folio-error-quark, td_folio_error)

/* ------------------------------------------------------------------ */
/* names                                                              */

static const char *const type_names[] = {
  [TD_FOLIO_ENTRY_ROOM] = "room",
  [TD_FOLIO_ENTRY_CHARGE] = "charge",
  [TD_FOLIO_ENTRY_PAYMENT] = "payment",
  [TD_FOLIO_ENTRY_DEPOSIT] = "deposit",
  [TD_FOLIO_ENTRY_REFUND] = "refund",
};

static const char *const categories[] = {
  "room", "restaurant", "minibar", "laundry", "tickets", "other", NULL
};

static const char *const methods[] = {
  "cash", "bank-card", "wechat-pay", "alipay", "transfer", "agency-account", NULL
};

const char *
td_folio_entry_type_to_string (TdFolioEntryType type)
{
  g_return_val_if_fail (type <= TD_FOLIO_ENTRY_REFUND, NULL);
  return type_names[type];
}

gboolean
td_folio_entry_type_from_string (const char       *text,
                                 TdFolioEntryType *type)
{
  int value;

  if (!_td_desk_name_to_value (type_names, G_N_ELEMENTS (type_names), text, &value))
    return FALSE;
  if (type)
    *type = (TdFolioEntryType) value;
  return TRUE;
}

const char *
td_folio_entry_type_get_title (TdFolioEntryType type)
{
  switch (type)
    {
    case TD_FOLIO_ENTRY_ROOM: return C_("folio", "Room night");
    case TD_FOLIO_ENTRY_CHARGE: return C_("folio", "Charge");
    case TD_FOLIO_ENTRY_PAYMENT: return C_("folio", "Payment");
    case TD_FOLIO_ENTRY_DEPOSIT: return C_("folio", "Deposit");
    case TD_FOLIO_ENTRY_REFUND: return C_("folio", "Refund");
    default: return "?";
    }
}

const char * const *
td_folio_categories (void)
{
  return categories;
}

const char *
td_folio_category_get_title (const char *category)
{
  if (g_strcmp0 (category, "room") == 0)
    return C_("folio", "Room");
  if (g_strcmp0 (category, "restaurant") == 0)
    return C_("folio", "Restaurant");
  if (g_strcmp0 (category, "minibar") == 0)
    return C_("folio", "Minibar");
  if (g_strcmp0 (category, "laundry") == 0)
    return C_("folio", "Laundry");
  if (g_strcmp0 (category, "tickets") == 0)
    return C_("folio", "Tickets");
  if (g_strcmp0 (category, "other") == 0)
    return C_("folio", "Other");
  return category;
}

const char * const *
td_payment_methods (void)
{
  return methods;
}

const char *
td_payment_method_get_title (const char *method)
{
  /* one title for the folio's and the agency's spelling */
  return td_payment_method_describe (method);
}

/* ------------------------------------------------------------------ */
/* reading                                                            */

void
td_folio_entry_free (TdFolioEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->folio_id);
  g_free (entry->category);
  g_free (entry->method);
  g_free (entry->description);
  g_free (entry->reference);
  g_free (entry->posted_at);
  g_free (entry->posted_by);
  g_free (entry);
}

gint64
td_folio_entry_signed (const TdFolioEntry *entry)
{
  switch (entry->type)
    {
    case TD_FOLIO_ENTRY_PAYMENT:
    case TD_FOLIO_ENTRY_DEPOSIT:
      return -entry->amount.minor;
    case TD_FOLIO_ENTRY_ROOM:
    case TD_FOLIO_ENTRY_CHARGE:
    case TD_FOLIO_ENTRY_REFUND:
      return entry->amount.minor;
    default:
      g_assert_not_reached ();
    }
}

void
td_folio_free (TdFolio *folio)
{
  if (folio == NULL)
    return;
  g_free (folio->id);
  g_free (folio->stay_id);
  g_free (folio->label);
  g_free (folio->customer_id);
  g_free (folio->customer_name);
  g_clear_pointer (&folio->entries, g_ptr_array_unref);
  g_free (folio->override_by);
  g_free (folio->override_reason);
  g_free (folio->override_at);
  g_free (folio);
}

void
td_stay_account_free (TdStayAccount *account)
{
  if (account == NULL)
    return;
  g_clear_pointer (&account->stay, td_stay_free);
  g_clear_pointer (&account->folios, g_ptr_array_unref);
  g_free (account);
}

TdFolio *
td_stay_account_get_folio (TdStayAccount *account,
                           guint          number)
{
  for (guint i = 0; i < account->folios->len; i++)
    {
      TdFolio *folio = g_ptr_array_index (account->folios, i);

      if (folio->number == number)
        return folio;
    }
  return NULL;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static gboolean
step_failed (TdDatabase  *db,
             int          rc,
             GError     **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  _td_database_set_error (error, _td_database_get_handle (db), rc);
  return TRUE;
}

/* The folios of a stay with their entries; lock held. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const TdFolioEntry *x = *(TdFolioEntry **) a;
  const TdFolioEntry *y = *(TdFolioEntry **) b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  /* a day's room night first, then what was posted that day */
  if ((x->type == TD_FOLIO_ENTRY_ROOM) != (y->type == TD_FOLIO_ENTRY_ROOM))
    return x->type == TD_FOLIO_ENTRY_ROOM ? -1 : 1;
  return g_strcmp0 (x->posted_at, y->posted_at);
}

/* the hotel's date of an instant */
static guint32
local_day (const char *timestamp,
           GTimeZone  *zone)
{
  g_autoptr(GDateTime) utc = timestamp ? td_timestamp_parse (timestamp) : NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  if (utc == NULL)
    return 0;
  local = g_date_time_to_timezone (utc, zone);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local), (GDateYear) g_date_time_get_year (local));
  return g_date_get_julian (&date);
}

static GPtrArray *
load_folios_locked (TdDatabase  *db,
                    const char  *stay_id,
                    const char  *currency,
                    GTimeZone   *zone,
                    GError     **error)
{
  g_autoptr(GPtrArray) folios = g_ptr_array_new_with_free_func ((GDestroyNotify) td_folio_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _td_database_prepare (db,
                               "SELECT f.id, f.revision, f.number, f.label, f.customer_id, c.name, "
                               "  f.override_by, f.override_reason, f.override_at "
                               "FROM folios f LEFT JOIN customers c ON c.id = f.customer_id "
                               "WHERE f.stay_id = ?1 AND f.deleted = 0 ORDER BY f.number", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, stay_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdFolio *folio = g_new0 (TdFolio, 1);

      folio->id = dup_column (stmt, 0);
      folio->revision = sqlite3_column_int64 (stmt, 1);
      folio->stay_id = g_strdup (stay_id);
      folio->number = (guint) sqlite3_column_int (stmt, 2);
      folio->label = dup_column (stmt, 3);
      folio->customer_id = dup_column (stmt, 4);
      folio->customer_name = dup_column (stmt, 5);
      folio->override_by = dup_column (stmt, 6);
      folio->override_reason = dup_column (stmt, 7);
      folio->override_at = dup_column (stmt, 8);
      folio->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) td_folio_entry_free);
      td_money_init (&folio->charges, 0, currency, NULL);
      td_money_init (&folio->paid, 0, currency, NULL);
      td_money_init (&folio->balance, 0, currency, NULL);
      g_ptr_array_add (folios, folio);
      g_hash_table_insert (by_id, folio->id, folio);
    }
  sqlite3_reset (stmt);
  if (step_failed (db, rc, error))
    return NULL;

  stmt = _td_database_prepare (db,
                               "SELECT id, revision, folio_id, type, category, method, amount_minor, "
                               "  amount_currency, night, description, reference, posted_at, posted_by "
                               "FROM folio_entries WHERE stay_id = ?1 AND deleted = 0 "
                               "ORDER BY posted_at, night, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, stay_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdFolio *folio = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 2));
      TdFolioEntry *entry;
      gint64 sign;

      if (folio == NULL)
        continue;
      entry = g_new0 (TdFolioEntry, 1);
      entry->id = dup_column (stmt, 0);
      entry->revision = sqlite3_column_int64 (stmt, 1);
      entry->folio_id = dup_column (stmt, 2);
      td_folio_entry_type_from_string ((const char *) sqlite3_column_text (stmt, 3), &entry->type);
      entry->category = dup_column (stmt, 4);
      entry->method = dup_column (stmt, 5);
      td_money_init (&entry->amount, sqlite3_column_int64 (stmt, 6), (const char *) sqlite3_column_text (stmt, 7), NULL);
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 8), &entry->night, NULL);
      entry->description = dup_column (stmt, 9);
      entry->reference = dup_column (stmt, 10);
      entry->posted_at = dup_column (stmt, 11);
      entry->posted_by = dup_column (stmt, 12);
      entry->day = entry->night ? entry->night : local_day (entry->posted_at, zone);
      sign = td_folio_entry_signed (entry);
      if (entry->type == TD_FOLIO_ENTRY_ROOM || entry->type == TD_FOLIO_ENTRY_CHARGE)
        folio->charges.minor += entry->amount.minor;
      else
        folio->paid.minor -= sign;
      folio->balance.minor += sign;
      g_ptr_array_add (folio->entries, entry);
    }
  sqlite3_reset (stmt);
  if (step_failed (db, rc, error))
    return NULL;
  for (guint i = 0; i < folios->len; i++)
    g_ptr_array_sort (((TdFolio *) g_ptr_array_index (folios, i))->entries, compare_entries);
  return g_steal_pointer (&folios);
}

static GTimeZone *
workspace_zone (TdDatabase *db)
{
  g_autofree char *name = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
  GTimeZone *zone = g_time_zone_new_identifier (name ? name : TD_DEFAULT_TIME_ZONE);

  return zone ? zone : g_time_zone_new_utc ();
}

/* the nights of the stay posted so far: Julian day → entry id */
static GHashTable *
posted_nights_locked (TdDatabase  *db,
                      const char  *stay_id,
                      GError     **error)
{
  g_autoptr(GHashTable) nights = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _td_database_prepare (db,
                               "SELECT night, id, revision FROM folio_entries "
                               "WHERE stay_id = ?1 AND night IS NOT NULL AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, stay_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 night = 0;

      if (td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 0), &night, NULL))
        g_hash_table_insert (nights, GUINT_TO_POINTER (night),
                             g_strdup_printf ("%s %" G_GINT64_FORMAT, sqlite3_column_text (stmt, 1),
                                              (gint64) sqlite3_column_int64 (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (step_failed (db, rc, error))
    return NULL;
  return g_steal_pointer (&nights);
}

static GHashTable *
posted_nights (TdDatabase  *db,
               const char  *stay_id,
               GError     **error)
{
  GHashTable *nights;

  _td_database_lock (db);
  nights = posted_nights_locked (db, stay_id, error);
  _td_database_unlock (db);
  return nights;
}

TdStayAccount *
td_stay_account_get (TdDatabase  *db,
                     const char  *stay_id,
                     GError     **error)
{
  g_autoptr(TdStayAccount) account = g_new0 (TdStayAccount, 1);
  g_autoptr(GHashTable) nights = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  const char *currency;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (stay_id != NULL, NULL);

  account->stay = td_stay_get (db, stay_id, error);
  if (account->stay == NULL)
    return NULL;
  currency = account->stay->total.currency;
  zone = workspace_zone (db);
  _td_database_lock (db);
  account->folios = load_folios_locked (db, stay_id, currency, zone, error);
  if (account->folios)
    nights = posted_nights_locked (db, stay_id, error);
  _td_database_unlock (db);
  if (nights == NULL)
    return NULL;

  td_money_init (&account->balance, 0, currency, NULL);
  for (guint i = 0; i < account->folios->len; i++)
    account->balance.minor += ((TdFolio *) g_ptr_array_index (account->folios, i))->balance.minor;

  td_money_init (&account->unposted, 0, currency, NULL);
  if (td_stay_state_takes_room (account->stay->state))
    for (guint i = 0; i < account->stay->nightly->len; i++)
      if (!g_hash_table_contains (nights, GUINT_TO_POINTER (account->stay->dates.start + i)))
        {
          account->n_unposted++;
          account->unposted.minor += g_array_index (account->stay->nightly, gint64, i);
        }
  return g_steal_pointer (&account);
}

/* ------------------------------------------------------------------ */
/* writing                                                            */

static const char *
actor_or_default (const char *actor)
{
  return actor ? actor : td_database_default_actor ();
}

/* The id of folio number of the stay, or NULL (no error) when none. */
static char *
find_folio (TdDatabase  *db,
            const char  *stay_id,
            guint        number,
            gint64      *revision,
            GError     **error)
{
  sqlite3_stmt *stmt;
  char *id = NULL;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT id, revision FROM folios WHERE stay_id = ?1 AND number = ?2 AND deleted = 0",
                               error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, stay_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, (int) number);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          id = dup_column (stmt, 0);
          if (revision)
            *revision = sqlite3_column_int64 (stmt, 1);
        }
      else
        step_failed (db, rc, error);
      sqlite3_reset (stmt);
    }
  _td_database_unlock (db);
  return id;
}

static TdChange *
new_folio (const TdStay *stay,
           guint         number,
           const char   *label,
           const char   *customer_id)
{
  TdChange *change = td_change_new_insert ("folio", NULL);

  td_change_set_string (change, "stay_id", stay->id);
  td_change_set_int (change, "number", number);
  if (label && *label)
    td_change_set_string (change, "label", label);
  if (customer_id)
    td_change_set_string (change, "customer_id", customer_id);
  td_change_set_string (change, "currency", stay->total.currency);
  return change;
}

/* The main folio's id, adding its insert to changes when there is none. */
static char *
main_folio (TdDatabase    *db,
            const TdStay  *stay,
            GPtrArray     *changes,
            GError       **error)
{
  GError *local_error = NULL;
  char *id = find_folio (db, stay->id, 1, NULL, &local_error);
  TdChange *change;

  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (id)
    return id;
  change = new_folio (stay, 1, NULL, stay->customer_id);
  g_ptr_array_add (changes, change);
  return g_strdup (td_change_get_id (change));
}

static TdChange *
night_entry (const char *folio_id,
             const char *stay_id,
             guint32     night,
             gint64      price,
             const char *currency,
             const char *now,
             const char *actor)
{
  TdChange *change = td_change_new_insert ("folio_entry", NULL);
  g_autofree char *date = td_date_format_iso (night);
  TdMoney amount;

  td_money_init (&amount, price, currency, NULL);
  td_change_set_string (change, "folio_id", folio_id);
  td_change_set_string (change, "stay_id", stay_id);
  td_change_set_string (change, "type", "room");
  td_change_set_string (change, "category", "room");
  td_change_set_money (change, "amount", &amount);
  td_change_set_string (change, "night", date);
  td_change_set_string (change, "posted_at", now);
  td_change_set_string (change, "posted_by", actor_or_default (actor));
  return change;
}

/* Adds to changes the entries of the nights of [dates.start, until) not in
 * posted (on the main folio), and deletes the nights posted beyond dates
 * (a stay shortened after they were posted); the number of nights added. */
static int
add_night_changes (TdDatabase        *db,
                   const TdStay      *stay,
                   const TdDateRange *dates,
                   const GArray      *nightly,
                   guint32            until,
                   GHashTable        *posted,
                   const char        *now,
                   const char        *actor,
                   GPtrArray         *changes,
                   GError           **error)
{
  g_autofree char *folio_id = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int n = 0;

  g_hash_table_iter_init (&iter, posted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 night = GPOINTER_TO_UINT (key);

      if (night < dates->start || night >= dates->end)
        {
          g_auto(GStrv) parts = g_strsplit (value, " ", 2);

          g_ptr_array_add (changes, td_change_new_delete ("folio_entry", parts[0], g_ascii_strtoll (parts[1], NULL, 10)));
        }
    }

  for (guint32 night = dates->start; night < MIN (until, dates->end); night++)
    {
      if (g_hash_table_contains (posted, GUINT_TO_POINTER (night)))
        continue;
      if (folio_id == NULL)
        {
          folio_id = main_folio (db, stay, changes, error);
          if (folio_id == NULL)
            return -1;
        }
      g_ptr_array_add (changes, night_entry (folio_id, stay->id, night,
                                             g_array_index (nightly, gint64, night - dates->start),
                                             stay->total.currency, now, actor));
      n++;
    }
  return n;
}

int
td_folio_post_nights (TdDatabase  *db,
                      const char  *actor,
                      const char  *stay_id,
                      guint32      until,
                      GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStay) stay = NULL;
  g_autoptr(GHashTable) posted = NULL;
  g_autofree char *now = td_timestamp_now ();
  int n;

  g_return_val_if_fail (TD_IS_DATABASE (db), -1);
  g_return_val_if_fail (stay_id != NULL, -1);

  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return -1;
  if (stay->state != TD_STAY_CHECKED_IN && stay->state != TD_STAY_CHECKED_OUT)
    return 0;
  posted = posted_nights (db, stay_id, error);
  if (posted == NULL)
    return -1;
  n = add_night_changes (db, stay, &stay->dates, stay->nightly, until, posted, now, actor, changes, error);
  if (n <= 0 && changes->len == 0)
    return n;
  if (!td_database_commit (db, actor, changes, error))
    return -1;
  return n;
}

int
td_folios_post_due (TdDatabase        *db,
                    const char        *actor,
                    const TdDeskTime  *when,
                    GError           **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = NULL;
  TdDeskTime storage;
  sqlite3_stmt *stmt;
  int rc, total = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), -1);

  when = td_desk_time_or_now (when, db, &storage);
  today = td_date_format_iso (when->today);
  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT id FROM stays WHERE state = 'checked_in' AND deleted = 0 AND arrival < ?1",
                               error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return -1;
    }
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, dup_column (stmt, 0));
  sqlite3_reset (stmt);
  if (step_failed (db, rc, error))
    {
      _td_database_unlock (db);
      return -1;
    }
  _td_database_unlock (db);

  for (guint i = 0; i < ids->len; i++)
    {
      int n = td_folio_post_nights (db, actor, g_ptr_array_index (ids, i), when->today, error);

      if (n < 0)
        return -1;
      total += n;
    }
  return total;
}

static gboolean
check_amount (const TdStay   *stay,
              const TdMoney  *amount,
              GError        **error)
{
  if (strcmp (amount->currency, stay->total.currency) != 0)
    {
      g_set_error (error, TD_FOLIO_ERROR, TD_FOLIO_ERROR_CURRENCY,
                   _("The stay is billed in %s, not %s"), stay->total.currency, amount->currency);
      return FALSE;
    }
  if (amount->minor <= 0)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("The amount must be more than zero"));
      return FALSE;
    }
  return TRUE;
}

static TdFolio *
take_folio (TdStayAccount *account,
            guint          number)
{
  for (guint i = 0; i < account->folios->len; i++)
    if (((TdFolio *) g_ptr_array_index (account->folios, i))->number == number)
      return g_ptr_array_steal_index (account->folios, i);
  return NULL;
}

char *
td_folio_post (TdDatabase            *db,
               const char            *actor,
               const TdFolioPosting  *posting,
               const TdDeskTime      *when,
               GError               **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStayAccount) account = NULL;
  g_autoptr(TdFolio) folio = NULL;
  g_autofree char *folio_id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *id = NULL;
  TdDeskTime storage;
  TdChange *change;
  guint number;
  const char *method;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (posting != NULL && posting->stay_id != NULL, NULL);

  method = posting->method;

  when = td_desk_time_or_now (when, db, &storage);
  now = td_timestamp_from_unix (when->now);
  account = td_stay_account_get (db, posting->stay_id, error);
  if (account == NULL)
    return NULL;
  if (!check_amount (account->stay, &posting->amount, error))
    return NULL;

  switch (posting->type)
    {
    case TD_FOLIO_ENTRY_ROOM:
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("Room nights are posted from the stay's prices, not by hand"));
      return NULL;
    case TD_FOLIO_ENTRY_CHARGE:
      if (posting->category == NULL || !g_strv_contains (categories, posting->category))
        {
          g_autofree char *allowed = g_strjoinv (", ", (char **) categories);

          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                       _("A charge needs a category (%s)"), allowed);
          return NULL;
        }
      if (account->stay->state != TD_STAY_CHECKED_IN && account->stay->state != TD_STAY_CHECKED_OUT)
        {
          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE,
                       _("Charges are posted to guests in house or checked out, not to a stay that is %s"),
                       td_stay_state_get_title (account->stay->state));
          return NULL;
        }
      break;
    case TD_FOLIO_ENTRY_PAYMENT:
    case TD_FOLIO_ENTRY_DEPOSIT:
    case TD_FOLIO_ENTRY_REFUND:
      /* the agency's spelling too ("card" is "bank-card"): td-payment-method.h */
      {
        TdPaymentMethod known;

        if (td_payment_method_parse (posting->method, &known) && td_payment_method_to_folio (known))
          method = td_payment_method_to_folio (known);
        else
          method = posting->method;
      }
      if (method == NULL || !g_strv_contains (methods, method))
        {
          g_autofree char *allowed = g_strjoinv (", ", (char **) methods);

          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                       _("Say how it is paid (%s)"), allowed);
          return NULL;
        }
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  number = posting->folio ? posting->folio : 1;
  folio = take_folio (account, number);
  if (folio == NULL && number != 1)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND,
                   _("The stay has no folio %u"), number);
      return NULL;
    }
  if (posting->type == TD_FOLIO_ENTRY_REFUND)
    {
      gint64 paid = folio ? folio->paid.minor : 0;

      if (posting->amount.minor > paid)
        {
          TdMoney money;
          g_autofree char *text = NULL;

          td_money_init (&money, paid, account->stay->total.currency, NULL);
          text = td_money_format (&money);
          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                       _("Cannot refund more than was paid on folio %u (%s)"), number, text);
          return NULL;
        }
    }
  if (folio)
    folio_id = g_strdup (folio->id);
  else
    {
      change = new_folio (account->stay, 1, NULL, account->stay->customer_id);
      g_ptr_array_add (changes, change);
      folio_id = g_strdup (td_change_get_id (change));
    }

  change = td_change_new_insert ("folio_entry", NULL);
  td_change_set_string (change, "folio_id", folio_id);
  td_change_set_string (change, "stay_id", account->stay->id);
  td_change_set_string (change, "type", type_names[posting->type]);
  if (posting->type == TD_FOLIO_ENTRY_CHARGE)
    td_change_set_string (change, "category", posting->category);
  else
    td_change_set_string (change, "method", method);
  td_change_set_money (change, "amount", &posting->amount);
  if (posting->description && *posting->description)
    td_change_set_string (change, "description", posting->description);
  if (posting->reference && *posting->reference)
    td_change_set_string (change, "reference", posting->reference);
  td_change_set_string (change, "posted_at", now);
  td_change_set_string (change, "posted_by", actor_or_default (actor));
  id = g_strdup (td_change_get_id (change));
  g_ptr_array_add (changes, change);
  if (!td_database_commit (db, actor, changes, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
td_folio_move_entry (TdDatabase  *db,
                     const char  *actor,
                     const char  *entry_id,
                     const char  *to_stay_id,
                     guint        to_folio,
                     GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(JsonObject) entry = NULL;
  g_autoptr(TdStay) target = NULL;
  g_autofree char *folio_id = NULL;
  GError *local_error = NULL;
  const char *from_stay, *type, *currency;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (entry_id != NULL, FALSE);

  entry = td_database_get_record (db, "folio_entry", entry_id, NULL);
  if (entry == NULL || json_object_get_boolean_member_with_default (entry, "deleted", FALSE))
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no folio entry %s"), entry_id);
      return FALSE;
    }
  from_stay = json_object_get_string_member (entry, "stay_id");
  type = json_object_get_string_member (entry, "type");
  currency = json_object_get_string_member (json_object_get_object_member (entry, "amount"), "currency");
  if (to_stay_id == NULL)
    to_stay_id = from_stay;
  if (g_str_equal (type, "room") && !g_str_equal (to_stay_id, from_stay))
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("A room night stays on the folios of its own stay"));
      return FALSE;
    }
  target = td_stay_get (db, to_stay_id, error);
  if (target == NULL)
    return FALSE;
  if (strcmp (target->total.currency, currency) != 0)
    {
      g_set_error (error, TD_FOLIO_ERROR, TD_FOLIO_ERROR_CURRENCY,
                   _("The stay is billed in %s, not %s"), target->total.currency, currency);
      return FALSE;
    }
  if (to_folio == 0)
    to_folio = 1;
  folio_id = find_folio (db, to_stay_id, to_folio, NULL, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (folio_id == NULL && to_folio == 1)
    folio_id = main_folio (db, target, changes, error);
  if (folio_id == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND,
                     _("The stay has no folio %u"), to_folio);
      return FALSE;
    }
  if (g_str_equal (folio_id, json_object_get_string_member (entry, "folio_id")))
    return TRUE;
  change = td_change_new_update ("folio_entry", entry_id, json_object_get_int_member (entry, "revision"));
  td_change_set_string (change, "folio_id", folio_id);
  td_change_set_string (change, "stay_id", to_stay_id);
  g_ptr_array_add (changes, change);
  return td_database_commit (db, actor, changes, error);
}

guint
td_folio_split (TdDatabase         *db,
                const char         *actor,
                const char         *stay_id,
                const char         *label,
                const char         *customer_id,
                const char * const *entry_ids,
                GError            **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdStayAccount) account = NULL;
  g_autofree char *main_id = NULL;
  guint number = 1;
  TdChange *folio;

  g_return_val_if_fail (TD_IS_DATABASE (db), 0);
  g_return_val_if_fail (stay_id != NULL, 0);

  account = td_stay_account_get (db, stay_id, error);
  if (account == NULL)
    return 0;
  if (account->folios->len == 0)
    {
      main_id = main_folio (db, account->stay, changes, error);
      if (main_id == NULL)
        return 0;
    }
  for (guint i = 0; i < account->folios->len; i++)
    number = MAX (number, ((TdFolio *) g_ptr_array_index (account->folios, i))->number);
  number++;
  folio = new_folio (account->stay, number, label, customer_id);
  g_ptr_array_add (changes, folio);

  for (guint e = 0; entry_ids && entry_ids[e]; e++)
    {
      TdFolioEntry *found = NULL;

      for (guint i = 0; i < account->folios->len && found == NULL; i++)
        {
          TdFolio *f = g_ptr_array_index (account->folios, i);

          for (guint j = 0; j < f->entries->len && found == NULL; j++)
            if (g_str_equal (((TdFolioEntry *) g_ptr_array_index (f->entries, j))->id, entry_ids[e]))
              found = g_ptr_array_index (f->entries, j);
        }
      if (found == NULL)
        {
          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND,
                       _("Entry %s is not on a folio of this stay"), entry_ids[e]);
          return 0;
        }
      TdChange *move = td_change_new_update ("folio_entry", found->id, found->revision);
      td_change_set_string (move, "folio_id", td_change_get_id (folio));
      g_ptr_array_add (changes, move);
    }
  if (!td_database_commit (db, actor, changes, error))
    return 0;
  return number;
}

/* ------------------------------------------------------------------ */
/* check-out                                                          */

typedef struct {
  const char               *actor;
  const TdCheckOutOverride *override;
  const char               *now;
  char                     *stay_id;
  char                     *currency;
  char                     *room;
} CheckOut;

static gboolean
parse_new_nights (const TdStay  *stay,
                  TdChange      *stay_change,
                  TdDateRange   *dates,
                  GArray       **nightly)
{
  JsonObject *values = td_change_get_values (stay_change);
  const char *departure = json_object_get_string_member_with_default (values, "departure", NULL);
  const char *prices = json_object_get_string_member_with_default (values, "nightly_prices", NULL);

  *dates = stay->dates;
  if (departure && !td_date_parse_iso (departure, &dates->end, NULL))
    return FALSE;
  *nightly = prices ? td_nightly_from_json (prices) : g_array_ref (stay->nightly);
  return *nightly != NULL && (*nightly)->len == td_date_range_get_nights (dates);
}

/* every registration of the stay: the guests left on departure */
static gboolean
add_registration_changes (TdDatabase         *db,
                          const char         *stay_id,
                          const TdDateRange  *dates,
                          GPtrArray          *changes,
                          GError            **error)
{
  g_autofree char *departure = td_date_format_iso (dates->end);
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT id, revision FROM guest_registrations "
                               "WHERE stay_id = ?1 AND deleted = 0 AND check_out IS NOT ?2", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, stay_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, departure, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdChange *change = td_change_new_update ("guest_registration", (const char *) sqlite3_column_text (stmt, 0),
                                               sqlite3_column_int64 (stmt, 1));

      td_change_set_string (change, "check_out", departure);
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (stmt);
  rc = step_failed (db, rc, error) ? rc : SQLITE_DONE;
  _td_database_unlock (db);
  return rc == SQLITE_DONE;
}

static gboolean
check_out_add (TdDatabase    *db,
               const TdStay  *stay,
               TdChange      *stay_change,
               GPtrArray     *changes,
               gpointer       user_data,
               GError       **error)
{
  CheckOut *out = user_data;
  g_autoptr(GArray) nightly = NULL;
  g_autoptr(GHashTable) posted = NULL;
  g_autoptr(GPtrArray) folios = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  TdDateRange dates;
  gint64 new_nights = 0;
  guint first_new = changes->len;

  out->stay_id = g_strdup (stay->id);
  out->currency = g_strdup (stay->total.currency);
  out->room = g_strdup (stay->room_number);
  if (!parse_new_nights (stay, stay_change, &dates, &nightly))
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("The stay's nightly prices do not match its dates"));
      return FALSE;
    }
  posted = posted_nights (db, stay->id, error);
  if (posted == NULL)
    return FALSE;
  if (add_night_changes (db, stay, &dates, nightly, dates.end, posted, out->now, out->actor, changes, error) < 0)
    return FALSE;
  if (!add_registration_changes (db, stay->id, &dates, changes, error))
    return FALSE;
  if (out->override == NULL)
    return TRUE;

  /* the manager's override, on every folio it leaves open */
  for (guint i = first_new; i < changes->len; i++)
    {
      TdChange *change = g_ptr_array_index (changes, i);
      JsonObject *values = td_change_get_values (change);

      if (g_str_equal (td_change_get_kind (change), "folio_entry") && td_change_get_op (change) == TD_CHANGE_INSERT)
        new_nights += json_object_get_int_member (json_object_get_object_member (values, "amount"), "minor");
      else if (g_str_equal (td_change_get_kind (change), "folio_entry") && td_change_get_op (change) == TD_CHANGE_DELETE)
        {
          g_autoptr(JsonObject) old = td_database_get_record (db, "folio_entry", td_change_get_id (change), NULL);

          if (old)
            new_nights -= json_object_get_int_member (json_object_get_object_member (old, "amount"), "minor");
        }
    }
  zone = workspace_zone (db);
  _td_database_lock (db);
  folios = load_folios_locked (db, stay->id, stay->total.currency, zone, error);
  _td_database_unlock (db);
  if (folios == NULL)
    return FALSE;
  if (folios->len == 0 && new_nights != 0)
    {
      /* the main folio is being made in this commit: nothing to record
       * it on but itself */
      for (guint i = first_new; i < changes->len; i++)
        {
          TdChange *change = g_ptr_array_index (changes, i);

          if (g_str_equal (td_change_get_kind (change), "folio") && td_change_get_op (change) == TD_CHANGE_INSERT)
            {
              TdMoney balance;

              td_money_init (&balance, new_nights, stay->total.currency, NULL);
              td_change_set_string (change, "override_by", out->override->manager);
              td_change_set_string (change, "override_reason", out->override->reason);
              td_change_set_string (change, "override_at", out->now);
              td_change_set_money (change, "override_balance", &balance);
            }
        }
      return TRUE;
    }
  for (guint i = 0; i < folios->len; i++)
    {
      TdFolio *folio = g_ptr_array_index (folios, i);
      TdMoney balance = folio->balance;
      TdChange *change;

      if (folio->number == 1)
        balance.minor += new_nights;
      if (balance.minor == 0)
        continue;
      change = td_change_new_update ("folio", folio->id, folio->revision);
      td_change_set_string (change, "override_by", out->override->manager);
      td_change_set_string (change, "override_reason", out->override->reason);
      td_change_set_string (change, "override_at", out->now);
      td_change_set_money (change, "override_balance", &balance);
      g_ptr_array_add (changes, change);
    }
  return TRUE;
}

static gboolean
check_out_check (TdDatabase  *db,
                 gpointer     user_data,
                 GError     **error)
{
  CheckOut *out = user_data;
  sqlite3_stmt *stmt;
  int rc;

  if (out->override)
    return TRUE;
  stmt = _td_database_prepare (db,
                               "SELECT f.number, sum(CASE e.type WHEN 'payment' THEN -e.amount_minor "
                               "  WHEN 'deposit' THEN -e.amount_minor ELSE e.amount_minor END) AS balance "
                               "FROM folio_entries e JOIN folios f ON f.id = e.folio_id "
                               "WHERE e.stay_id = ?1 AND e.deleted = 0 "
                               "GROUP BY f.number HAVING balance != 0 ORDER BY f.number LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, out->stay_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      guint number = (guint) sqlite3_column_int (stmt, 0);
      TdMoney balance;
      g_autofree char *text = NULL;

      td_money_init (&balance, ABS (sqlite3_column_int64 (stmt, 1)), out->currency, NULL);
      text = td_money_format (&balance);
      if (sqlite3_column_int64 (stmt, 1) > 0)
        g_set_error (error, TD_FOLIO_ERROR, TD_FOLIO_ERROR_OPEN_BALANCE,
                     _("Room %s still owes %s on folio %u: take the payment first, or a manager may allow the check-out"),
                     out->room, text, number);
      else
        g_set_error (error, TD_FOLIO_ERROR, TD_FOLIO_ERROR_OPEN_BALANCE,
                     _("The hotel owes room %s %s on folio %u: refund it first, or a manager may allow the check-out"),
                     out->room, text, number);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return !step_failed (db, rc, error);
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

TdStay *
td_stay_check_out (TdDatabase               *db,
                   const char               *actor,
                   const char               *stay_id,
                   const TdCheckOutOverride *override,
                   const TdDeskTime         *when,
                   GError                  **error)
{
  g_autofree char *now = NULL;
  TdDeskTime storage;
  CheckOut out = { actor, override, NULL, NULL, NULL, NULL };
  TdStayApplyExtra extra = { check_out_add, check_out_check, &out };
  TdStay *stay;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (stay_id != NULL, NULL);

  if (override && (is_blank (override->manager) || is_blank (override->reason)))
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("A manager's override needs the manager's name and a reason"));
      return NULL;
    }
  when = td_desk_time_or_now (when, db, &storage);
  now = td_timestamp_from_unix (when->now);
  out.now = now;
  stay = _td_stay_apply_with (db, actor, stay_id, TD_STAY_ACTION_CHECK_OUT, when, &extra, error);
  g_free (out.stay_id);
  g_free (out.currency);
  g_free (out.room);
  return stay;
}
