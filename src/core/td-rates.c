/* td-rates.c: the price of a stay, and the rules that may refuse it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-desk.h"
#include "td-rates.h"

#define ALL_WEEKDAYS 0x7f

/* ------------------------------------------------------------------ */
/* plans in memory                                                    */

TdRatePlan *
td_rate_plan_new (const char *room_type_id,
                  const char *currency)
{
  TdRatePlan *plan = g_new0 (TdRatePlan, 1);

  plan->room_type_id = g_strdup (room_type_id);
  g_strlcpy (plan->currency, currency ? currency : "CNY", sizeof plan->currency);
  plan->base_adults = 2;
  plan->max_children = G_MAXUINT;
  plan->policy.penalty = TD_PENALTY_NONE;
  plan->seasons = g_array_new (FALSE, TRUE, sizeof (TdRateSeason));
  plan->restrictions = g_array_new (FALSE, TRUE, sizeof (TdRateRestriction));
  plan->taxes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tax_free);
  return plan;
}

void
td_tax_free (TdTax *tax)
{
  if (tax == NULL)
    return;
  g_free (tax->name);
  g_free (tax);
}

static TdTax *
tax_copy (const TdTax *tax)
{
  TdTax *copy = g_memdup2 (tax, sizeof *tax);

  copy->name = g_strdup (tax->name);
  return copy;
}

void
td_rate_plan_free (TdRatePlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->id);
  g_free (plan->room_type_id);
  g_free (plan->code);
  g_free (plan->name);
  g_array_unref (plan->seasons);
  g_array_unref (plan->restrictions);
  g_ptr_array_unref (plan->taxes);
  g_free (plan);
}

void
td_rate_quote_free (TdRateQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->rate_plan_id);
  g_free (quote->code);
  g_free (quote->name);
  g_clear_pointer (&quote->nightly, g_array_unref);
  g_free (quote);
}

/* ------------------------------------------------------------------ */
/* pricing                                                            */

static guint8
weekday_bit (guint32 night)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, night);
  return (guint8) (1u << (g_date_get_weekday (&date) - G_DATE_MONDAY));
}

static guint
count_bits (guint8 bits)
{
  guint n = 0;

  for (; bits; bits &= (guint8) (bits - 1))
    n++;
  return n;
}

/* Is a better than b for the same night? (see td-rates.h) */
static gboolean
season_beats (const TdRateSeason *a,
              const TdRateSeason *b)
{
  gboolean a_dated = a->end != 0, b_dated = b->end != 0;

  if (a_dated != b_dated)
    return a_dated;
  if (a_dated && a->end - a->start != b->end - b->start)
    return a->end - a->start < b->end - b->start;
  if (count_bits (a->weekdays) != count_bits (b->weekdays))
    return count_bits (a->weekdays) < count_bits (b->weekdays);
  return a->start > b->start;
}

static const TdRateSeason *
season_for_night (const TdRatePlan *plan,
                  guint32           night)
{
  const TdRateSeason *best = NULL;
  guint8 bit = weekday_bit (night);

  for (guint i = 0; i < plan->seasons->len; i++)
    {
      const TdRateSeason *s = &g_array_index (plan->seasons, TdRateSeason, i);

      if (s->end != 0 && (night < s->start || night >= s->end))
        continue;
      if ((s->weekdays & bit) == 0)
        continue;
      if (best == NULL || season_beats (s, best))
        best = s;
    }
  return best;
}

gint64
td_rate_plan_night_price (const TdRatePlan *plan,
                          guint32           night,
                          guint             adults,
                          guint             children)
{
  const TdRateSeason *season = season_for_night (plan, night);
  gint64 price = season ? season->price : plan->base_price;
  gint64 extra_adult = season && season->extra_adult >= 0 ? season->extra_adult : plan->extra_adult;
  gint64 extra_child = season && season->extra_child >= 0 ? season->extra_child : plan->extra_child;

  if (adults > plan->base_adults)
    price += (gint64) (adults - plan->base_adults) * extra_adult;
  price += (gint64) children * extra_child;
  return price;
}

/* a × num / den, rounded half up, for amounts ≥ 0 */
static gint64
scale (gint64 a,
       gint64 num,
       gint64 den)
{
  return (a * num + den / 2) / den;
}

TdRateQuote *
td_rate_plan_quote (const TdRatePlan  *plan,
                    const TdDateRange *dates,
                    guint              adults,
                    guint              children,
                    GError           **error)
{
  g_autoptr(TdRateQuote) quote = NULL;
  guint nights;
  guint min_nights, max_nights;
  gint64 rooms = 0, included = 0, added = 0;

  g_return_val_if_fail (plan != NULL && dates != NULL, NULL);

  if (dates->end <= dates->start)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("The departure must be after the arrival"));
      return NULL;
    }
  nights = td_date_range_get_nights (dates);

  quote = g_new0 (TdRateQuote, 1);
  quote->rate_plan_id = g_strdup (plan->id);
  quote->code = g_strdup (plan->code);
  quote->name = g_strdup (plan->name);
  quote->dates = *dates;
  quote->adults = adults;
  quote->children = children;
  quote->max_adults = plan->max_adults;
  quote->max_children = plan->max_children;
  quote->nightly = g_array_sized_new (FALSE, FALSE, sizeof (gint64), nights);

  for (guint32 night = dates->start; night < dates->end; night++)
    {
      gint64 price = td_rate_plan_night_price (plan, night, adults, children);

      g_array_append_val (quote->nightly, price);
      rooms += price;
    }

  /* the rules: the plan's, then the strictest of those for the dates */
  min_nights = plan->min_nights;
  max_nights = plan->max_nights;
  for (guint i = 0; i < plan->restrictions->len; i++)
    {
      const TdRateRestriction *r = &g_array_index (plan->restrictions, TdRateRestriction, i);
      TdDateRange span = { r->start, r->end };

      if (td_date_range_contains (&span, dates->start))
        {
          if (r->min_nights > min_nights)
            min_nights = r->min_nights;
          if (r->max_nights && (max_nights == 0 || r->max_nights < max_nights))
            max_nights = r->max_nights;
          if (r->closed_to_arrival)
            quote->problems |= TD_RATE_CLOSED_TO_ARRIVAL;
        }
      if (r->closed_to_departure && td_date_range_contains (&span, dates->end))
        quote->problems |= TD_RATE_CLOSED_TO_DEPARTURE;
      if (r->closed && td_date_range_overlaps (&span, dates))
        {
          guint32 first = MAX (r->start, dates->start);

          if (!(quote->problems & TD_RATE_CLOSED) || first < quote->closed_night)
            quote->closed_night = first;
          quote->problems |= TD_RATE_CLOSED;
        }
    }
  if (min_nights && nights < min_nights)
    {
      quote->problems |= TD_RATE_MIN_NIGHTS;
      quote->min_nights = min_nights;
    }
  if (max_nights && nights > max_nights)
    {
      quote->problems |= TD_RATE_MAX_NIGHTS;
      quote->max_nights = max_nights;
    }
  if ((plan->max_adults && adults > plan->max_adults) || children > plan->max_children)
    quote->problems |= TD_RATE_OCCUPANCY;

  for (guint i = 0; i < plan->taxes->len; i++)
    {
      const TdTax *tax = g_ptr_array_index (plan->taxes, i);

      switch (tax->basis)
        {
        case TD_TAX_PERCENT:
          if (tax->included)
            included += rooms - scale (rooms, 10000, 10000 + tax->rate_bp);
          else
            added += scale (rooms, tax->rate_bp, 10000);
          break;
        case TD_TAX_PER_NIGHT:
          added += tax->amount * nights;
          break;
        case TD_TAX_PER_STAY:
          added += tax->amount;
          break;
        case TD_TAX_PER_GUEST_NIGHT:
          added += tax->amount * nights * (adults + children);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (!td_money_init (&quote->rooms, rooms, plan->currency, error)
      || !td_money_init (&quote->taxes_included, included, plan->currency, error)
      || !td_money_init (&quote->taxes_added, added, plan->currency, error)
      || !td_money_init (&quote->total, rooms + added, plan->currency, error))
    return NULL;

  return g_steal_pointer (&quote);
}

char *
td_rate_quote_describe_problems (const TdRateQuote *quote)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *arrival = td_date_format_iso (quote->dates.start);
  g_autofree char *departure = td_date_format_iso (quote->dates.end);

  if (quote->problems & TD_RATE_CLOSED)
    {
      g_autofree char *night = td_date_format_iso (quote->closed_night);

      g_ptr_array_add (parts, g_strdup_printf (_("the rate is closed for the night of %s"), night));
    }
  if (quote->problems & TD_RATE_CLOSED_TO_ARRIVAL)
    g_ptr_array_add (parts, g_strdup_printf (_("no arrivals on %s"), arrival));
  if (quote->problems & TD_RATE_CLOSED_TO_DEPARTURE)
    g_ptr_array_add (parts, g_strdup_printf (_("no departures on %s"), departure));
  if (quote->problems & TD_RATE_MIN_NIGHTS)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "a stay arriving on %s must be at least %u night",
                                                          "a stay arriving on %s must be at least %u nights",
                                                          quote->min_nights),
                                             arrival, quote->min_nights));
  if (quote->problems & TD_RATE_MAX_NIGHTS)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "a stay arriving on %s can be at most %u night",
                                                          "a stay arriving on %s can be at most %u nights",
                                                          quote->max_nights),
                                             arrival, quote->max_nights));
  if (quote->problems & TD_RATE_OCCUPANCY)
    {
      if (quote->max_children == G_MAXUINT)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "the room takes at most %u adult",
                                                              "the room takes at most %u adults",
                                                              quote->max_adults),
                                                 quote->max_adults));
      else
        /* Translators: the room type's limits, adults then children */
        g_ptr_array_add (parts, g_strdup_printf (_("the room takes at most %u adults and %u children"),
                                                 quote->max_adults, quote->max_children));
    }

  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  /* Translators: between the reasons a rate refuses a stay */
  return g_strjoinv (C_("list separator", "; "), (char **) parts->pdata);
}

gint64
td_cancel_policy_fee (const TdCancelPolicy *policy,
                      const gint64         *nightly,
                      guint                 n_nights,
                      guint32               arrival,
                      guint32               today)
{
  gint64 total = 0;

  if (policy == NULL || policy->penalty == TD_PENALTY_NONE || n_nights == 0)
    return 0;
  if (policy->free_days >= 0 && today + (guint32) policy->free_days <= arrival)
    return 0;

  switch (policy->penalty)
    {
    case TD_PENALTY_FIRST_NIGHT:
      return nightly[0];
    case TD_PENALTY_PERCENT:
      for (guint i = 0; i < n_nights; i++)
        total += nightly[i];
      return scale (total, policy->percent, 100);
    case TD_PENALTY_NONE:
    default:
      return 0;
    }
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

typedef struct {
  char   *property_id;
  char   *currency;     /* of the base price, or NULL */
  gint64  base_price;
  guint   max_adults;
  guint   max_children;
} TypeInfo;

static void
type_info_free (TypeInfo *info)
{
  g_free (info->property_id);
  g_free (info->currency);
  g_free (info);
}

static guint32
column_date (sqlite3_stmt *stmt,
             int           i)
{
  guint32 julian = 0;

  if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
    td_date_parse_iso ((const char *) sqlite3_column_text (stmt, i), &julian, NULL);
  return julian;
}

/* A money column pair in the plan's currency: -1 when NULL; FALSE with an
 * error when in another currency. */
static gboolean
column_money (sqlite3_stmt  *stmt,
              int            i,
              const char    *currency,
              const char    *plan_code,
              gint64        *out,
              GError       **error)
{
  const char *other;

  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    {
      *out = -1;
      return TRUE;
    }
  other = (const char *) sqlite3_column_text (stmt, i + 1);
  if (g_strcmp0 (other, currency) != 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("Rate plan %s: a price is in %s, the plan in %s"),
                   plan_code, other, currency);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, i);
  return TRUE;
}

static guint
column_count (sqlite3_stmt *stmt,
              int           i,
              guint         if_null)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL ? if_null : (guint) MAX (0, sqlite3_column_int (stmt, i));
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

static TdPenalty
penalty_from_string (const char *text)
{
  if (g_strcmp0 (text, "first-night") == 0)
    return TD_PENALTY_FIRST_NIGHT;
  if (g_strcmp0 (text, "percent") == 0)
    return TD_PENALTY_PERCENT;
  return TD_PENALTY_NONE;
}

static TdTaxBasis
basis_from_string (const char *text)
{
  if (g_strcmp0 (text, "per-night") == 0)
    return TD_TAX_PER_NIGHT;
  if (g_strcmp0 (text, "per-stay") == 0)
    return TD_TAX_PER_STAY;
  if (g_strcmp0 (text, "per-guest-night") == 0)
    return TD_TAX_PER_GUEST_NIGHT;
  return TD_TAX_PERCENT;
}

/* The plans of the room types matching type_where (on room_types t),
 * narrowed by plan_where (on rate_plans p); ?1 is value. With dates, only
 * the seasons and restrictions that touch them. Lock held. A table of
 * room type id → GPtrArray of TdRatePlan*. */
static GHashTable *
load_plans (TdDatabase         *db,
            const char         *type_where,
            const char         *plan_where,
            const char         *value,
            const TdDateRange  *dates,
            gboolean            base_prices,
            GError            **error)
{
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) type_info_free);
  g_autoptr(GHashTable) taxes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *from = dates ? td_date_format_iso (dates->start) : g_strdup ("0000-00-00");
  g_autofree char *to = dates ? td_date_format_iso (dates->end) : g_strdup ("9999-99-99");
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, val;
  int rc;

  /* a parameter a statement does not use is refused (SQLITE_RANGE), harmlessly */
#define BIND() G_STMT_START { \
    if (value) sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC); \
    sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC); \
    sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC); \
  } G_STMT_END

  /* the room types: occupancy and the base price */
  sql = g_strdup_printf ("SELECT t.id, t.property_id, t.max_adults, t.max_children, "
                         "t.base_price_minor, t.base_price_currency "
                         "FROM room_types t WHERE t.deleted = 0 AND %s", type_where);
  if ((stmt = _td_database_prepare (db, sql, error)) == NULL)
    return NULL;
  BIND ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TypeInfo *info = g_new0 (TypeInfo, 1);

      info->property_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->max_adults = column_count (stmt, 2, 0);
      info->max_children = column_count (stmt, 3, G_MAXUINT);
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        {
          info->base_price = sqlite3_column_int64 (stmt, 4);
          info->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
        }
      g_hash_table_insert (types, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), info);
    }
  sqlite3_reset (stmt);
  if (step_failed (db, rc, error))
    return NULL;

  /* the taxes and fees of their properties */
  g_free (sql);
  sql = g_strdup_printf ("SELECT x.property_id, x.name, x.basis, x.rate_bp, x.amount_minor, x.included "
                         "FROM taxes_fees x WHERE x.deleted = 0 AND x.property_id IN "
                         "(SELECT t.property_id FROM room_types t WHERE t.deleted = 0 AND %s) "
                         "ORDER BY x.name", type_where);
  if ((stmt = _td_database_prepare (db, sql, error)) == NULL)
    return NULL;
  BIND ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *property = (const char *) sqlite3_column_text (stmt, 0);
      GPtrArray *list = g_hash_table_lookup (taxes, property);
      TdTax *tax = g_new0 (TdTax, 1);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tax_free);
          g_hash_table_insert (taxes, g_strdup (property), list);
        }
      tax->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      tax->basis = basis_from_string ((const char *) sqlite3_column_text (stmt, 2));
      tax->rate_bp = column_count (stmt, 3, 0);
      tax->amount = sqlite3_column_int64 (stmt, 4);
      tax->included = sqlite3_column_int (stmt, 5) != 0;
      g_ptr_array_add (list, tax);
    }
  sqlite3_reset (stmt);
  if (step_failed (db, rc, error))
    return NULL;

  /* the plans */
  g_free (sql);
  sql = g_strdup_printf ("SELECT p.id, p.room_type_id, p.code, p.name, p.base_price_minor, p.base_price_currency, "
                         "p.base_adults, p.extra_adult_minor, p.extra_adult_currency, "
                         "p.extra_child_minor, p.extra_child_currency, p.min_nights, p.max_nights, "
                         "p.cancel_free_days, p.cancel_penalty, p.cancel_percent "
                         "FROM rate_plans p JOIN room_types t ON t.id = p.room_type_id "
                         "WHERE p.deleted = 0 AND t.deleted = 0 AND %s AND %s "
                         "ORDER BY p.room_type_id, p.code", type_where, plan_where);
  if ((stmt = _td_database_prepare (db, sql, error)) == NULL)
    return NULL;
  BIND ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type_id = (const char *) sqlite3_column_text (stmt, 1);
      TypeInfo *info = g_hash_table_lookup (types, type_id);
      TdRatePlan *plan = td_rate_plan_new (type_id, (const char *) sqlite3_column_text (stmt, 5));
      GPtrArray *list = g_hash_table_lookup (plans, type_id);
      GPtrArray *property_taxes = info ? g_hash_table_lookup (taxes, info->property_id) : NULL;
      gint64 extra;

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_rate_plan_free);
          g_hash_table_insert (plans, g_strdup (type_id), list);
        }
      g_ptr_array_add (list, plan);
      plan->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      plan->code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      plan->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      plan->base_price = sqlite3_column_int64 (stmt, 4);
      plan->base_adults = column_count (stmt, 6, 2);
      if (!column_money (stmt, 7, plan->currency, plan->code, &extra, error))
        goto fail;
      plan->extra_adult = MAX (extra, 0);
      if (!column_money (stmt, 9, plan->currency, plan->code, &extra, error))
        goto fail;
      plan->extra_child = MAX (extra, 0);
      plan->min_nights = column_count (stmt, 11, 0);
      plan->max_nights = column_count (stmt, 12, 0);
      plan->policy.free_days = sqlite3_column_type (stmt, 13) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 13);
      plan->policy.penalty = penalty_from_string ((const char *) sqlite3_column_text (stmt, 14));
      plan->policy.percent = column_count (stmt, 15, 100);
      if (info)
        {
          plan->max_adults = info->max_adults;
          plan->max_children = info->max_children;
        }
      for (guint i = 0; property_taxes && i < property_taxes->len; i++)
        g_ptr_array_add (plan->taxes, tax_copy (g_ptr_array_index (property_taxes, i)));
      g_hash_table_insert (by_id, plan->id, plan);
    }
  sqlite3_reset (stmt);
  if (step_failed (db, rc, error))
    return NULL;

  /* their seasons */
  g_free (sql);
  sql = g_strdup_printf ("SELECT s.rate_plan_id, s.start_date, s.end_date, s.weekdays, "
                         "s.price_minor, s.price_currency, s.extra_adult_minor, s.extra_adult_currency, "
                         "s.extra_child_minor, s.extra_child_currency "
                         "FROM rate_seasons s JOIN rate_plans p ON p.id = s.rate_plan_id "
                         "JOIN room_types t ON t.id = p.room_type_id "
                         "WHERE s.deleted = 0 AND p.deleted = 0 AND %s AND %s "
                         "AND (s.start_date IS NULL OR (s.start_date <= ?3 AND s.end_date > ?2))",
                         type_where, plan_where);
  if ((stmt = _td_database_prepare (db, sql, error)) == NULL)
    return NULL;
  BIND ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdRatePlan *plan = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      TdRateSeason season = { 0 };
      const char *weekdays = (const char *) sqlite3_column_text (stmt, 3);

      if (plan == NULL)
        continue;
      season.start = column_date (stmt, 1);
      season.end = column_date (stmt, 2);
      season.weekdays = ALL_WEEKDAYS;
      if (weekdays && strlen (weekdays) == 7)
        {
          season.weekdays = 0;
          for (int d = 0; d < 7; d++)
            if (weekdays[d] == '1')
              season.weekdays |= (guint8) (1u << d);
        }
      if (!column_money (stmt, 4, plan->currency, plan->code, &season.price, error)
          || !column_money (stmt, 6, plan->currency, plan->code, &season.extra_adult, error)
          || !column_money (stmt, 8, plan->currency, plan->code, &season.extra_child, error))
        goto fail;
      g_array_append_val (plan->seasons, season);
    }
  sqlite3_reset (stmt);
  if (step_failed (db, rc, error))
    return NULL;

  /* their restrictions: the departure date counts (closed to departure) */
  g_free (sql);
  sql = g_strdup_printf ("SELECT r.rate_plan_id, r.start_date, r.end_date, r.min_nights, r.max_nights, "
                         "r.closed, r.closed_to_arrival, r.closed_to_departure "
                         "FROM rate_restrictions r JOIN rate_plans p ON p.id = r.rate_plan_id "
                         "JOIN room_types t ON t.id = p.room_type_id "
                         "WHERE r.deleted = 0 AND p.deleted = 0 AND %s AND %s "
                         "AND r.start_date <= ?3 AND r.end_date > ?2",
                         type_where, plan_where);
  if ((stmt = _td_database_prepare (db, sql, error)) == NULL)
    return NULL;
  BIND ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdRatePlan *plan = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      TdRateRestriction r = { 0 };

      if (plan == NULL)
        continue;
      r.start = column_date (stmt, 1);
      r.end = column_date (stmt, 2);
      r.min_nights = column_count (stmt, 3, 0);
      r.max_nights = column_count (stmt, 4, 0);
      r.closed = sqlite3_column_int (stmt, 5) != 0;
      r.closed_to_arrival = sqlite3_column_int (stmt, 6) != 0;
      r.closed_to_departure = sqlite3_column_int (stmt, 7) != 0;
      g_array_append_val (plan->restrictions, r);
    }
  sqlite3_reset (stmt);
  if (step_failed (db, rc, error))
    return NULL;
#undef BIND

  /* room types without a plan are sold at their base price */
  if (base_prices)
    {
      g_hash_table_iter_init (&iter, types);
      while (g_hash_table_iter_next (&iter, &key, &val))
        {
          TypeInfo *info = val;
          TdRatePlan *plan;
          GPtrArray *list;
          GPtrArray *property_taxes;

          if (g_hash_table_contains (plans, key) || info->currency == NULL)
            continue;
          plan = td_rate_plan_new (key, info->currency);
          plan->name = g_strdup (_("Base price"));
          plan->base_price = info->base_price;
          plan->max_adults = info->max_adults;
          plan->max_children = info->max_children;
          property_taxes = g_hash_table_lookup (taxes, info->property_id);
          for (guint i = 0; property_taxes && i < property_taxes->len; i++)
            g_ptr_array_add (plan->taxes, tax_copy (g_ptr_array_index (property_taxes, i)));
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_rate_plan_free);
          g_ptr_array_add (list, plan);
          g_hash_table_insert (plans, g_strdup (key), list);
        }
    }

  return g_steal_pointer (&plans);

fail:
  sqlite3_reset (stmt);
  return NULL;
}

TdRatePlan *
td_rate_plan_load (TdDatabase  *db,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(GHashTable) plans = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  _td_database_lock (db);
  plans = load_plans (db, "t.id = (SELECT room_type_id FROM rate_plans WHERE id = ?1)",
                      "p.id = ?1", id, NULL, FALSE, error);
  _td_database_unlock (db);
  if (plans == NULL)
    return NULL;

  g_hash_table_iter_init (&iter, plans);
  if (g_hash_table_iter_next (&iter, NULL, &value) && ((GPtrArray *) value)->len == 1)
    return g_ptr_array_steal_index (value, 0);

  g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no rate plan %s"), id);
  return NULL;
}

GPtrArray *
td_rate_plans_for_room_type (TdDatabase  *db,
                             const char  *room_type_id,
                             GError     **error)
{
  g_autoptr(GHashTable) plans = NULL;
  GPtrArray *list;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (room_type_id != NULL, NULL);

  _td_database_lock (db);
  plans = load_plans (db, "t.id = ?1", "1", room_type_id, NULL, TRUE, error);
  _td_database_unlock (db);
  if (plans == NULL)
    return NULL;

  list = g_hash_table_lookup (plans, room_type_id);
  if (list == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) td_rate_plan_free);
  return g_ptr_array_ref (list);
}

GHashTable *
td_rate_plans_load_for_dates (TdDatabase         *db,
                              const char         *property_id,
                              const TdDateRange  *dates,
                              GError            **error)
{
  GHashTable *plans;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (dates != NULL, NULL);

  _td_database_lock (db);
  plans = load_plans (db, property_id ? "t.property_id = ?1" : "1", "1", property_id, dates, TRUE, error);
  _td_database_unlock (db);
  return plans;
}
