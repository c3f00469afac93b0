/* td-coupon.c: coupons, their checks and redemptions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-coupon.h"
#include "td-marketing-private.h"
#include "td-date-range.h"

G_DEFINE_QUARK (td-coupon-error-quark, td_coupon_error)

#define COLUMN_TEXT _TD_COLUMN_TEXT

char *
td_coupon_code_normalise (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-' || c == 0x2010 || c == 0x2013)
        continue;
      /* full-width letters and digits typed with a Chinese input method */
      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      g_string_append_unichar (out, g_unichar_toupper (c));
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
td_coupon_code_generate (const char *prefix,
                         guint       length)
{
  static const char alphabet[] = TD_COUPON_ALPHABET;
  GString *code = g_string_new (NULL);

  if (prefix)
    {
      g_autofree char *clean = td_coupon_code_normalise (prefix);

      if (clean)
        g_string_append (code, clean);
    }
  for (guint i = 0; i < length; i++)
    g_string_append_c (code, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
  return g_string_free (code, FALSE);
}

char *
td_coupon_room_types_for_codes (TdDatabase  *db,
                                const char  *codes,
                                GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (codes, ",", -1);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT id FROM room_types WHERE deleted = 0 AND (id = ?1 OR upper(code) = upper(?1))"
                               " ORDER BY id",
                               error);
  for (guint i = 0; stmt && parts[i]; i++)
    {
      guint before = ids->len;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      sqlite3_bind_text (stmt, 1, parts[i], -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ids, COLUMN_TEXT (stmt, 0));
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (ids->len == before)
        {
          g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_NOT_FOUND,
                       _("No room type has the code “%s”"), parts[i]);
          _td_database_unlock (db);
          return NULL;
        }
    }
  _td_database_unlock (db);
  if (stmt == NULL)
    return NULL;
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static gboolean
check_spec (const TdCouponSpec  *spec,
            GError             **error)
{
  if (spec->discount == TD_COUPON_PERCENT && (spec->percent < 1 || spec->percent > 100))
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID,
                   _("A percentage off is from 1 to 100, not %u"), spec->percent);
      return FALSE;
    }
  if (spec->discount == TD_COUPON_AMOUNT
      && (spec->amount.minor <= 0 || !td_currency_is_valid (spec->amount.currency)))
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID, "%s",
                   _("An amount off must be more than zero, in a known currency"));
      return FALSE;
    }
  if (spec->valid_from && spec->valid_until && spec->valid_until <= spec->valid_from)
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID, "%s",
                   _("A coupon must end after it starts"));
      return FALSE;
    }
  if (spec->has_min_spend && spec->min_spend.minor < 0)
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID, "%s",
                   _("The minimum spend cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_code (const char  *code,
            GError     **error)
{
  glong len = g_utf8_strlen (code, -1);

  if (len < 4 || len > 32)
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID,
                   _("“%s”: a code has 4 to 32 letters and digits"), code);
      return FALSE;
    }
  for (const char *p = code; *p; p++)
    if (!g_ascii_isalnum (*p))
      {
        g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID,
                     _("“%s”: a code has only letters A–Z and digits"), code);
        return FALSE;
      }
  return TRUE;
}

static void
set_date (TdChange   *change,
          const char *field,
          guint32     julian)
{
  g_autofree char *text = NULL;

  if (julian == 0)
    return;
  text = td_date_format_iso (julian);
  td_change_set_string (change, field, text);
}

static TdChange *
coupon_change (const char         *code,
               const TdCouponSpec *spec,
               const char         *batch)
{
  TdChange *change = td_change_new_insert ("coupon", NULL);

  td_change_set_string (change, "code", code);
  if (spec->discount == TD_COUPON_PERCENT)
    {
      td_change_set_string (change, "discount", "percent");
      td_change_set_int (change, "percent", spec->percent);
    }
  else
    {
      td_change_set_string (change, "discount", "amount");
      td_change_set_money (change, "amount", &spec->amount);
    }
  if (spec->has_min_spend)
    td_change_set_money (change, "min_spend", &spec->min_spend);
  set_date (change, "valid_from", spec->valid_from);
  set_date (change, "valid_until", spec->valid_until);
  if (spec->max_uses)
    td_change_set_int (change, "max_uses", spec->max_uses);
  if (spec->max_uses_per_customer)
    td_change_set_int (change, "max_uses_per_customer", spec->max_uses_per_customer);
  if (spec->room_type_ids && *spec->room_type_ids)
    td_change_set_string (change, "room_type_ids", spec->room_type_ids);
  if (spec->products && *spec->products)
    td_change_set_string (change, "products", spec->products);
  if (batch)
    td_change_set_string (change, "batch", batch);
  if (spec->notes && *spec->notes)
    td_change_set_string (change, "notes", spec->notes);
  return change;
}

static gboolean
code_taken (TdDatabase *db,
            const char *code)
{
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT 1 FROM coupons WHERE code = ?", NULL);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      taken = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  _td_database_unlock (db);
  return taken;
}

char *
td_coupon_create (TdDatabase          *db,
                  const char          *code,
                  const TdCouponSpec  *spec,
                  GError             **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autofree char *clean = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (!check_spec (spec, error))
    return NULL;
  if (code)
    {
      clean = td_coupon_code_normalise (code);
      if (clean == NULL || !check_code (clean, error))
        {
          if (clean == NULL)
            g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID, "%s", _("The code is empty"));
          return NULL;
        }
    }
  else
    do
      {
        g_free (clean);
        clean = td_coupon_code_generate (NULL, 8);
      }
    while (code_taken (db, clean));
  if (code_taken (db, clean))
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID,
                   _("The code “%s” is taken: a code is used only once"), clean);
      return NULL;
    }
  g_ptr_array_add (changes, coupon_change (clean, spec, NULL));
  if (!td_database_commit (db, td_database_default_actor (), changes, error))
    return NULL;
  return g_steal_pointer (&clean);
}

char *
td_coupon_create_batch (TdDatabase          *db,
                        const char          *prefix,
                        guint                length,
                        guint                count,
                        const TdCouponSpec  *spec,
                        GPtrArray          **codes_out,
                        GError             **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *clean_prefix = td_coupon_code_normalise (prefix);
  g_autofree char *batch = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  double combinations = 1;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (!check_spec (spec, error))
    return NULL;
  if (count < 1 || count > 100000)
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID,
                   _("A batch has 1 to 100000 codes, not %u"), count);
      return NULL;
    }
  if (clean_prefix && strspn (clean_prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen (clean_prefix))
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID,
                   _("“%s”: a prefix has only letters A–Z and digits"), prefix);
      return NULL;
    }
  for (guint i = 0; i < length; i++)
    combinations *= strlen (TD_COUPON_ALPHABET);
  /* hard to guess: at most one code in a thousand of the possible ones */
  if (length < 4 || (clean_prefix ? strlen (clean_prefix) : 0) + length > 32
      || combinations < (double) count * 1000)
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_INVALID,
                   _("%u random letters are too few for %u codes that cannot be guessed"), length, count);
      return NULL;
    }

  batch = g_date_time_format (now, "%Y%m%d-%H%M%S");
  if (clean_prefix)
    {
      char *named = g_strdup_printf ("%s-%s", clean_prefix, batch);

      g_free (batch);
      batch = named;
    }

  changes = g_ptr_array_new_full (count, (GDestroyNotify) td_change_unref);
  codes = g_ptr_array_new_with_free_func (g_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  while (codes->len < count)
    {
      char *code = td_coupon_code_generate (clean_prefix, length);

      if (g_hash_table_contains (seen, code) || code_taken (db, code))
        {
          g_free (code);
          continue;
        }
      g_hash_table_add (seen, code);
      g_ptr_array_add (codes, code);
      g_ptr_array_add (changes, coupon_change (code, spec, batch));
    }
  if (!td_database_commit (db, td_database_default_actor (), changes, error))
    return NULL;
  if (codes_out)
    *codes_out = g_steal_pointer (&codes);
  return g_steal_pointer (&batch);
}

/* ------------------------------------------------------------------ */

void
td_coupon_free (TdCoupon *coupon)
{
  if (coupon == NULL)
    return;
  g_free (coupon->id);
  g_free (coupon->code);
  g_free (coupon->room_type_ids);
  g_free (coupon->products);
  g_free (coupon->notes);
  g_free (coupon->batch);
  g_free (coupon);
}

#define COUPON_COLUMNS \
  "k.id, k.code, k.discount, k.percent, k.amount_minor, k.amount_currency, k.min_spend_minor, " \
  "k.min_spend_currency, k.valid_from, k.valid_until, k.max_uses, k.max_uses_per_customer, " \
  "k.room_type_ids, k.products, k.notes, k.batch, " \
  "(SELECT count(*) FROM coupon_redemptions r WHERE r.coupon_id = k.id AND r.deleted = 0)"

static guint32
column_date (sqlite3_stmt *stmt,
             int           i)
{
  guint32 julian = 0;

  if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
    td_date_parse_iso ((const char *) sqlite3_column_text (stmt, i), &julian, NULL);
  return julian;
}

static gpointer
coupon_from_row (sqlite3_stmt *stmt)
{
  TdCoupon *c = g_new0 (TdCoupon, 1);

  c->id = COLUMN_TEXT (stmt, 0);
  c->code = COLUMN_TEXT (stmt, 1);
  c->spec.discount = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "amount") == 0
                     ? TD_COUPON_AMOUNT : TD_COUPON_PERCENT;
  c->spec.percent = (guint) sqlite3_column_int (stmt, 3);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    td_money_init (&c->spec.amount, sqlite3_column_int64 (stmt, 4), (const char *) sqlite3_column_text (stmt, 5), NULL);
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    c->spec.has_min_spend = td_money_init (&c->spec.min_spend, sqlite3_column_int64 (stmt, 6),
                                           (const char *) sqlite3_column_text (stmt, 7), NULL);
  c->spec.valid_from = column_date (stmt, 8);
  c->spec.valid_until = column_date (stmt, 9);
  c->spec.max_uses = (guint) sqlite3_column_int (stmt, 10);
  c->spec.max_uses_per_customer = (guint) sqlite3_column_int (stmt, 11);
  c->room_type_ids = COLUMN_TEXT (stmt, 12);
  c->products = COLUMN_TEXT (stmt, 13);
  c->notes = COLUMN_TEXT (stmt, 14);
  c->batch = COLUMN_TEXT (stmt, 15);
  c->uses = (guint) sqlite3_column_int (stmt, 16);
  c->spec.room_type_ids = c->room_type_ids;
  c->spec.products = c->products;
  c->spec.notes = c->notes;
  return c;
}

TdCoupon *
td_coupon_get (TdDatabase  *db,
               const char  *code,
               GError     **error)
{
  g_autofree char *clean = td_coupon_code_normalise (code);
  TdCoupon *coupon = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT " COUPON_COLUMNS " FROM coupons k WHERE k.code = ? AND k.deleted = 0", error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, clean ? clean : "", -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        coupon = coupon_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_NOT_FOUND,
                     _("No coupon has the code “%s”"), code ? code : "");
      else
        _td_database_set_error (error, _td_database_get_handle (db), rc);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  _td_database_unlock (db);
  return coupon;
}

GPtrArray *
td_coupon_list (TdDatabase  *db,
                const char  *batch,
                GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  return _td_marketing_select (db,
                               "SELECT " COUPON_COLUMNS " FROM coupons k WHERE k.deleted = 0"
                               " AND (?1 IS NULL OR k.batch = ?1) ORDER BY k.created_at DESC, k.code",
                               batch, coupon_from_row, (GDestroyNotify) td_coupon_free, error);
}

char *
td_coupon_describe (const TdCoupon *c)
{
  GString *text = g_string_new (NULL);

  if (c->spec.discount == TD_COUPON_PERCENT)
    g_string_append_printf (text, _("%u%% off"), c->spec.percent);
  else
    {
      g_autofree char *amount = td_money_format (&c->spec.amount);

      g_string_append_printf (text, _("%s off"), amount);
    }
  if (c->spec.valid_from || c->spec.valid_until)
    {
      g_autofree char *from = c->spec.valid_from ? td_date_format_iso (c->spec.valid_from) : g_strdup ("…");
      g_autofree char *until = c->spec.valid_until ? td_date_format_iso (c->spec.valid_until - 1) : g_strdup ("…");

      g_string_append_printf (text, " · %s – %s", from, until);
    }
  if (c->spec.max_uses)
    g_string_append_printf (text, _(" · used %u of %u"), c->uses, c->spec.max_uses);
  else
    g_string_append_printf (text, _(" · used %u"), c->uses);
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------ */
/* checks                                                             */

/* item is one of the comma-separated list (neither NULL) */
static gboolean
in_list (const char *list,
         const char *item)
{
  g_auto(GStrv) parts = NULL;

  if (list == NULL || item == NULL)
    return FALSE;
  parts = g_strsplit (list, ",", -1);
  for (guint i = 0; parts[i]; i++)
    if (g_str_equal (g_strstrip (parts[i]), item))
      return TRUE;
  return FALSE;
}

static gint64
count_uses (TdDatabase  *db,
            const char  *coupon_id,
            const char  *customer_id,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  stmt = _td_database_prepare (db,
                               "SELECT count(*) FROM coupon_redemptions WHERE coupon_id = ?1 AND deleted = 0"
                               " AND (?2 IS NULL OR customer_id = ?2)",
                               error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, coupon_id, -1, SQLITE_TRANSIENT);
  if (customer_id)
    sqlite3_bind_text (stmt, 2, customer_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return count;
}

/* the limits, with the database locked */
static gboolean
check_limits (TdDatabase      *db,
              const TdCoupon  *coupon,
              const char      *customer_id,
              gint64           extra,
              GError         **error)
{
  gint64 uses;

  if (coupon->spec.max_uses)
    {
      uses = count_uses (db, coupon->id, NULL, error);
      if (uses < 0)
        return FALSE;
      if (uses + extra > coupon->spec.max_uses)
        {
          g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_USED_UP,
                       g_dngettext (GETTEXT_PACKAGE, "“%s” is used up: it was good for %u use",
                                    "“%s” is used up: it was good for %u uses", coupon->spec.max_uses),
                       coupon->code, coupon->spec.max_uses);
          return FALSE;
        }
    }
  if (coupon->spec.max_uses_per_customer && customer_id)
    {
      uses = count_uses (db, coupon->id, customer_id, error);
      if (uses < 0)
        return FALSE;
      if (uses + extra > coupon->spec.max_uses_per_customer)
        {
          g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_CUSTOMER_LIMIT,
                       g_dngettext (GETTEXT_PACKAGE, "This customer has used “%s” already (%u time each)",
                                    "This customer has used “%s” already (%u times each)",
                                    coupon->spec.max_uses_per_customer),
                       coupon->code, coupon->spec.max_uses_per_customer);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_rules (TdDatabase             *db,
             const TdCoupon         *coupon,
             const TdCouponContext  *context,
             TdMoney                *discount,
             GError                **error)
{
  gint64 off;

  if (coupon->spec.valid_from && context->date < coupon->spec.valid_from)
    {
      g_autofree char *from = td_date_format_iso (coupon->spec.valid_from);

      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_NOT_YET,
                   _("“%s” is good from %s"), coupon->code, from);
      return FALSE;
    }
  if (coupon->spec.valid_until && context->date >= coupon->spec.valid_until)
    {
      g_autofree char *last = td_date_format_iso (coupon->spec.valid_until - 1);

      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_EXPIRED,
                   _("“%s” expired: it was good until %s"), coupon->code, last);
      return FALSE;
    }
  if (!check_limits (db, coupon, context->customer_id, 1, error))
    return FALSE;
  /* restricted to room types or products: the booking's must be listed */
  if ((coupon->room_type_ids || coupon->products)
      && !in_list (coupon->room_type_ids, context->room_type_id)
      && !in_list (coupon->products, context->product_id))
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_NOT_APPLICABLE,
                   _("“%s” is not for this room type or product"), coupon->code);
      return FALSE;
    }
  if (coupon->spec.has_min_spend)
    {
      if (g_strcmp0 (coupon->spec.min_spend.currency, context->price.currency) != 0
          || context->price.minor < coupon->spec.min_spend.minor)
        {
          g_autofree char *min = td_money_format (&coupon->spec.min_spend);

          g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_NOT_APPLICABLE,
                       _("“%s” needs a spend of at least %s"), coupon->code, min);
          return FALSE;
        }
    }
  if (coupon->spec.discount == TD_COUPON_PERCENT)
    /* half up to the minor unit */
    off = (context->price.minor * (gint64) coupon->spec.percent + 50) / 100;
  else
    {
      if (g_strcmp0 (coupon->spec.amount.currency, context->price.currency) != 0)
        {
          g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_NOT_APPLICABLE,
                       _("“%s” is in %s, the price in %s"), coupon->code,
                       coupon->spec.amount.currency, context->price.currency);
          return FALSE;
        }
      off = coupon->spec.amount.minor;
    }
  off = CLAMP (off, 0, MAX (context->price.minor, 0));
  if (discount)
    td_money_init (discount, off, context->price.currency, NULL);
  return TRUE;
}

gboolean
td_coupon_check (TdDatabase             *db,
                 const char             *code,
                 const TdCouponContext  *context,
                 TdMoney                *discount,
                 GError                **error)
{
  g_autoptr(TdCoupon) coupon = NULL;
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (context != NULL, FALSE);

  coupon = td_coupon_get (db, code, error);
  if (coupon == NULL)
    return FALSE;
  _td_database_lock (db);
  ok = check_rules (db, coupon, context, discount, error);
  _td_database_unlock (db);
  return ok;
}

/* the campaign the redemption comes from (see the header) */
static char *
find_campaign (TdDatabase *db,
               const char *coupon_id,
               const char *customer_id)
{
  sqlite3_stmt *stmt;
  char *id = NULL;

  stmt = _td_database_prepare (db,
                               "SELECT m.id FROM campaigns m WHERE m.coupon_id = ?1 AND m.deleted = 0"
                               " ORDER BY EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = m.id"
                               "   AND r.customer_id = ?2 AND r.state = 'sent' AND r.deleted = 0) DESC,"
                               " m.created_at DESC LIMIT 1",
                               NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, coupon_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, customer_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = COLUMN_TEXT (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return id;
}

typedef struct {
  const TdCoupon *coupon;
  const char     *customer_id;
} RedeemCheck;

static gboolean
redeem_check (TdDatabase  *db,
              gpointer     user_data,
              GError     **error)
{
  RedeemCheck *check = user_data;

  /* the new redemption is counted already */
  return check_limits (db, check->coupon, check->customer_id, 0, error);
}

static void
redeem_explain (TdDatabase  *db,
                TdChange    *failed,
                gpointer     user_data,
                GError     **error)
{
  RedeemCheck *check = user_data;

  if (g_error_matches (*error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_EXISTS)
      || (*error && strstr ((*error)->message, "UNIQUE")))
    {
      g_clear_error (error);
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_ALREADY_APPLIED,
                   _("“%s” is on this booking already"), check->coupon->code);
    }
}

char *
td_coupon_redeem (TdDatabase             *db,
                  const char             *code,
                  const TdCouponContext  *context,
                  const char             *booking_kind,
                  const char             *booking_id,
                  TdMoney                *discount,
                  GError                **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(TdCoupon) coupon = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *today = NULL;
  TdMoney off;
  TdChange *change;
  RedeemCheck check;
  TdCommitHooks hooks = { redeem_check, redeem_explain, &check };
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (context && context->customer_id && booking_kind && booking_id, NULL);

  coupon = td_coupon_get (db, code, error);
  if (coupon == NULL)
    return NULL;

  _td_database_lock (db);
  if (!check_rules (db, coupon, context, &off, error))
    {
      _td_database_unlock (db);
      return NULL;
    }
  campaign = find_campaign (db, coupon->id, context->customer_id);

  today = td_date_format_iso (context->date);
  change = td_change_new_insert ("coupon_redemption", NULL);
  td_change_set_string (change, "coupon_id", coupon->id);
  td_change_set_string (change, "customer_id", context->customer_id);
  if (campaign)
    td_change_set_string (change, "campaign_id", campaign);
  td_change_set_string (change, "booking_kind", booking_kind);
  td_change_set_string (change, "booking_id", booking_id);
  td_change_set_money (change, "price", &context->price);
  td_change_set_money (change, "discount", &off);
  td_change_set_string (change, "redeemed_on", today);
  g_ptr_array_add (changes, td_change_ref (change));
  check.coupon = coupon;
  check.customer_id = context->customer_id;
  ok = _td_database_commit_with_hooks (db, td_database_default_actor (), changes, &hooks, error);
  _td_database_unlock (db);
  if (!ok)
    {
      td_change_unref (change);
      return NULL;
    }
  if (discount)
    *discount = off;
  {
    char *id = g_strdup (td_change_get_id (change));

    td_change_unref (change);
    return id;
  }
}

char *
td_coupon_apply_to_stay (TdDatabase  *db,
                         const char  *code,
                         const char  *stay_id,
                         TdMoney     *discount,
                         GError     **error)
{
  g_auto(TdStaySale) sale = { 0 };
  TdCouponContext context = { 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (!_td_stay_sale_get (db, stay_id, &sale, error))
    return NULL;
  if (g_str_equal (sale.state, "cancelled") || g_str_equal (sale.state, "no_show"))
    {
      g_set_error (error, TD_COUPON_ERROR, TD_COUPON_ERROR_NOT_APPLICABLE, "%s",
                   _("A cancelled stay takes no coupon"));
      return NULL;
    }
  context.customer_id = sale.customer_id;
  context.room_type_id = sale.room_type_id;
  context.date = sale.arrival;
  context.price = sale.total;
  return td_coupon_redeem (db, code, &context, "stay", stay_id, discount, error);
}

gboolean
td_campaign_results (TdDatabase         *db,
                     const char         *campaign_id,
                     TdCampaignResults  *results,
                     GError            **error)
{
  g_autofree char *currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  memset (results, 0, sizeof *results);
  td_money_init (&results->revenue, 0, currency ? currency : "CNY", NULL);
  td_money_init (&results->discount, 0, currency ? currency : "CNY", NULL);
  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT count(*), COALESCE(sum(price_minor - discount_minor), 0),"
                               " COALESCE(sum(discount_minor), 0)"
                               " FROM coupon_redemptions WHERE campaign_id = ? AND deleted = 0"
                               " AND price_currency = ?",
                               error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, campaign_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, results->revenue.currency, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      results->bookings = (guint) sqlite3_column_int (stmt, 0);
      results->revenue.minor = sqlite3_column_int64 (stmt, 1);
      results->discount.minor = sqlite3_column_int64 (stmt, 2);
    }
  else
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  _td_database_unlock (db);
  return rc == SQLITE_ROW;
}
