/* td-tour-pricing.c: the agency desk's names, ages, cancellation tiers,
 * payment schedules and the price of one person (no database here)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "td-desk-private.h"
#include "td-tours.h"

G_DEFINE_QUARK (td-tour-error-quark, td_tour_error)

/* ------------------------------------------------------------------ */
/* names                                                              */

static const char *const pax_names[TD_PAX_N_TYPES] = {
  [TD_PAX_ADULT] = "adult",
  [TD_PAX_CHILD] = "child",
  [TD_PAX_INFANT] = "infant",
  [TD_PAX_SENIOR] = "senior",
};

const char *
td_pax_type_to_string (TdPaxType type)
{
  g_return_val_if_fail (type < TD_PAX_N_TYPES, NULL);
  return pax_names[type];
}

gboolean
td_pax_type_from_string (const char *text,
                         TdPaxType  *type)
{
  int value;

  if (!_td_desk_name_to_value (pax_names, TD_PAX_N_TYPES, text, &value))
    return FALSE;
  if (type)
    *type = (TdPaxType) value;
  return TRUE;
}

const char *
td_pax_type_get_title (TdPaxType type)
{
  switch (type)
    {
    case TD_PAX_ADULT: return C_("passenger type", "Adult");
    case TD_PAX_CHILD: return C_("passenger type", "Child");
    case TD_PAX_INFANT: return C_("passenger type", "Infant");
    case TD_PAX_SENIOR: return C_("passenger type", "Senior");
    default: g_return_val_if_reached (NULL);
    }
}

static const char *const due_names[] = {
  [TD_DUE_DEPOSIT] = "deposit",
  [TD_DUE_INSTALMENT] = "instalment",
  [TD_DUE_BALANCE] = "balance",
};

const char *
td_due_kind_to_string (TdDueKind kind)
{
  g_return_val_if_fail (kind <= TD_DUE_BALANCE, NULL);
  return due_names[kind];
}

gboolean
td_due_kind_from_string (const char *text,
                         TdDueKind  *kind)
{
  int value;

  if (!_td_desk_name_to_value (due_names, G_N_ELEMENTS (due_names), text, &value))
    return FALSE;
  if (kind)
    *kind = (TdDueKind) value;
  return TRUE;
}

const char *
td_due_kind_get_title (TdDueKind kind)
{
  switch (kind)
    {
    case TD_DUE_DEPOSIT: return C_("payment", "Deposit");
    case TD_DUE_INSTALMENT: return C_("payment", "Instalment");
    case TD_DUE_BALANCE: return C_("payment", "Balance");
    default: g_return_val_if_reached (NULL);
    }
}

static const char *const item_names[TD_ITEM_N_TYPES] = {
  [TD_ITEM_ATTRACTION] = "attraction",
  [TD_ITEM_HOTEL] = "hotel",
  [TD_ITEM_MEAL] = "meal",
  [TD_ITEM_TRANSPORT] = "transport",
  [TD_ITEM_TEXT] = "text",
};

const char *
td_tour_item_type_to_string (TdTourItemType type)
{
  g_return_val_if_fail (type < TD_ITEM_N_TYPES, NULL);
  return item_names[type];
}

gboolean
td_tour_item_type_from_string (const char     *text,
                               TdTourItemType *type)
{
  int value;

  if (!_td_desk_name_to_value (item_names, TD_ITEM_N_TYPES, text, &value))
    return FALSE;
  if (type)
    *type = (TdTourItemType) value;
  return TRUE;
}

const char *
td_tour_item_type_get_title (TdTourItemType type)
{
  switch (type)
    {
    case TD_ITEM_ATTRACTION: return C_("itinerary item", "Attraction");
    case TD_ITEM_HOTEL: return C_("itinerary item", "Hotel");
    case TD_ITEM_MEAL: return C_("itinerary item", "Meal");
    case TD_ITEM_TRANSPORT: return C_("itinerary item", "Transport");
    case TD_ITEM_TEXT: return C_("itinerary item", "Note");
    default: g_return_val_if_reached (NULL);
    }
}

static const char *const departure_names[TD_DEPARTURE_N_STATES] = {
  [TD_DEPARTURE_DRAFT] = "draft",
  [TD_DEPARTURE_OPEN] = "open",
  [TD_DEPARTURE_GUARANTEED] = "guaranteed",
  [TD_DEPARTURE_FULL] = "full",
  [TD_DEPARTURE_DEPARTED] = "departed",
  [TD_DEPARTURE_CLOSED] = "closed",
  [TD_DEPARTURE_CANCELLED] = "cancelled",
};

const char *
td_departure_state_to_string (TdDepartureState state)
{
  g_return_val_if_fail (state < TD_DEPARTURE_N_STATES, NULL);
  return departure_names[state];
}

gboolean
td_departure_state_from_string (const char       *text,
                                TdDepartureState *state)
{
  int value;

  if (!_td_desk_name_to_value (departure_names, TD_DEPARTURE_N_STATES, text, &value))
    return FALSE;
  if (state)
    *state = (TdDepartureState) value;
  return TRUE;
}

const char *
td_departure_state_get_title (TdDepartureState state)
{
  switch (state)
    {
    case TD_DEPARTURE_DRAFT: return C_("departure state", "Draft");
    case TD_DEPARTURE_OPEN: return C_("departure state", "Open");
    case TD_DEPARTURE_GUARANTEED: return C_("departure state", "Guaranteed");
    case TD_DEPARTURE_FULL: return C_("departure state", "Full");
    case TD_DEPARTURE_DEPARTED: return C_("departure state", "Departed");
    case TD_DEPARTURE_CLOSED: return C_("departure state", "Closed");
    case TD_DEPARTURE_CANCELLED: return C_("departure state", "Cancelled");
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
td_departure_state_sells (TdDepartureState state)
{
  return state == TD_DEPARTURE_OPEN || state == TD_DEPARTURE_GUARANTEED;
}

/* ------------------------------------------------------------------ */
/* ages                                                               */

int
td_age_on (guint32 birth,
           guint32 on)
{
  g_autoptr(GDate) b = g_date_new_julian (birth);
  g_autoptr(GDate) o = g_date_new_julian (on);
  int age;

  if (on < birth)
    return -1;
  age = g_date_get_year (o) - g_date_get_year (b);
  /* not yet this year's birthday (one born on 29 February has it on 1 March) */
  if (g_date_get_month (o) < g_date_get_month (b)
      || (g_date_get_month (o) == g_date_get_month (b) && g_date_get_day (o) < g_date_get_day (b)))
    age--;
  return age;
}

TdPaxType
td_tour_product_pax_type (const TdTourProduct *product,
                          int                  age)
{
  if (age < 0)
    return TD_PAX_ADULT;
  if ((guint) age < product->infant_below)
    return TD_PAX_INFANT;
  if ((guint) age < product->child_below)
    return TD_PAX_CHILD;
  if ((guint) age >= product->senior_from)
    return TD_PAX_SENIOR;
  return TD_PAX_ADULT;
}

/* ------------------------------------------------------------------ */
/* cancellation tiers                                                 */

static int
compare_tiers (gconstpointer a,
               gconstpointer b)
{
  const TdCancelTier *ta = a, *tb = b;

  return ta->days < tb->days ? 1 : ta->days > tb->days ? -1 : 0;
}

GArray *
td_cancel_tiers_parse (const char  *json,
                       GError     **error)
{
  g_autoptr(GArray) tiers = g_array_new (FALSE, FALSE, sizeof (TdCancelTier));
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonArray *array;

  if (json == NULL || *json == '\0')
    return g_steal_pointer (&tiers);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_ARRAY (root))
    goto invalid;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      TdCancelTier tier;
      gint64 days, percent;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto invalid;
      object = json_node_get_object (node);
      if (!json_object_has_member (object, "days") || !json_object_has_member (object, "percent"))
        goto invalid;
      days = json_object_get_int_member (object, "days");
      percent = json_object_get_int_member (object, "percent");
      if (days < 0 || days > 366 || percent < 0 || percent > 100)
        goto invalid;
      tier.days = (guint) days;
      tier.percent = (guint) percent;
      for (guint j = 0; j < tiers->len; j++)
        if (g_array_index (tiers, TdCancelTier, j).days == tier.days)
          goto invalid;
      g_array_append_val (tiers, tier);
    }
  g_array_sort (tiers, compare_tiers);
  return g_steal_pointer (&tiers);

invalid:
  g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
               _("The cancellation terms “%s” are not a list of days before departure and percents, "
                 "such as [{\"days\":30,\"percent\":0},{\"days\":7,\"percent\":50}]"), json);
  return NULL;
}

char *
td_cancel_tiers_to_json (const GArray *tiers)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; tiers && i < tiers->len; i++)
    {
      const TdCancelTier *tier = &g_array_index (tiers, TdCancelTier, i);

      g_string_append_printf (json, "%s{\"days\":%u,\"percent\":%u}", i ? "," : "", tier->days, tier->percent);
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

guint
td_cancel_tiers_percent (const GArray *tiers,
                         int           days_before)
{
  if (days_before < 0)
    return 100;
  /* longest first: the first tier the cancellation is early enough for */
  for (guint i = 0; tiers && i < tiers->len; i++)
    {
      const TdCancelTier *tier = &g_array_index (tiers, TdCancelTier, i);

      if ((guint) days_before >= tier->days)
        return tier->percent;
    }
  return 100;
}

gint64
td_percent_of (gint64 total,
               guint  percent)
{
  /* half up, away from zero */
  gint64 scaled = total * (gint64) percent;

  return scaled >= 0 ? (scaled + 50) / 100 : -((-scaled + 50) / 100);
}

/* ------------------------------------------------------------------ */
/* payment schedules                                                  */

static void
add_due (GArray   *dues,
         TdDueKind kind,
         guint32   due,
         gint64    amount)
{
  TdPaymentDue line = { kind, due, amount };

  g_array_append_val (dues, line);
}

GArray *
td_payment_schedule (gint64  total,
                     guint   deposit_percent,
                     guint   instalments,
                     guint   balance_days,
                     guint32 today,
                     guint32 departure)
{
  GArray *dues = g_array_new (FALSE, FALSE, sizeof (TdPaymentDue));
  guint32 balance_due = departure > balance_days ? departure - balance_days : today;
  gint64 deposit, rest;

  g_return_val_if_fail (total >= 0, dues);

  if (balance_due <= today || deposit_percent == 0 || deposit_percent >= 100)
    {
      add_due (dues, TD_DUE_BALANCE, today, total);
      return dues;
    }
  deposit = td_percent_of (total, deposit_percent);
  add_due (dues, TD_DUE_DEPOSIT, today, deposit);
  rest = total - deposit;
  /* instalments only where each has a day of its own before the balance */
  instalments = MIN (instalments, balance_due - today - 1);
  for (guint i = 1; i <= instalments; i++)
    {
      gint64 part = rest / (instalments + 1);
      guint32 due = today + (guint32) ((gint64) (balance_due - today) * i / (instalments + 1));

      add_due (dues, TD_DUE_INSTALMENT, due, part);
    }
  rest -= (rest / (instalments + 1)) * instalments;
  add_due (dues, TD_DUE_BALANCE, balance_due, rest);
  return dues;
}

/* ------------------------------------------------------------------ */
/* the price of one person                                            */

gboolean
td_tour_price_person (const TdTourProduct *product,
                      GPtrArray           *surcharges,
                      guint32              date,
                      int                  age,
                      gboolean             single_room,
                      TdPaxPrice          *price,
                      GError             **error)
{
  const char *currency = product->prices[TD_PAX_ADULT].currency;
  TdPaxType type = td_tour_product_pax_type (product, age);

  memset (price, 0, sizeof *price);
  price->type = type;
  price->age = age;
  price->base = product->has_price[type] ? product->prices[type] : product->prices[TD_PAX_ADULT];
  if (!td_money_init (&price->surcharges, 0, currency, error)
      || !td_money_init (&price->supplement, 0, currency, error))
    return FALSE;
  if (type != TD_PAX_INFANT)
    for (guint i = 0; surcharges && i < surcharges->len; i++)
      {
        const TdTourSurcharge *surcharge = g_ptr_array_index (surcharges, i);

        if (date >= surcharge->start && date < surcharge->end
            && !td_money_add (&price->surcharges, &surcharge->amount, &price->surcharges, error))
          return FALSE;
      }
  if (single_room && product->has_single_supplement)
    price->supplement = product->single_supplement;
  return td_money_add (&price->base, &price->surcharges, &price->total, error)
         && td_money_add (&price->total, &price->supplement, &price->total, error);
}
