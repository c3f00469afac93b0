/* td-tours.c: tour products, their itineraries and surcharges, departures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-date-range.h"
#include "td-poi-query.h"
#include "td-tours-private.h"

/* ------------------------------------------------------------------ */
/* reading records                                                    */

char *
_td_tour_dup (JsonObject *record,
              const char *member)
{
  JsonNode *node = json_object_get_member (record, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

gint64
_td_tour_int (JsonObject *record,
              const char *member,
              gint64      fallback)
{
  JsonNode *node = json_object_get_member (record, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return json_node_get_int (node);
}

gboolean
_td_tour_money (JsonObject *record,
                const char *member,
                TdMoney    *out)
{
  JsonNode *node = json_object_get_member (record, member);
  JsonObject *money;

  memset (out, 0, sizeof *out);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  money = json_node_get_object (node);
  out->minor = json_object_get_int_member (money, "minor");
  g_strlcpy (out->currency, json_object_get_string_member (money, "currency"), sizeof out->currency);
  return TRUE;
}

guint32
_td_tour_date (JsonObject *record,
               const char *member)
{
  g_autofree char *text = _td_tour_dup (record, member);
  guint32 julian = 0;

  if (text)
    td_date_parse_iso (text, &julian, NULL);
  return julian;
}

JsonObject *
_td_tour_get_live (TdDatabase  *db,
                   const char  *kind,
                   const char  *id,
                   const char  *what,
                   GError     **error)
{
  JsonObject *record = NULL;

  if (id && g_uuid_string_is_valid (id))
    record = td_database_get_record (db, kind, id, NULL);
  if (record && json_object_get_boolean_member (record, "deleted"))
    g_clear_pointer (&record, json_object_unref);
  if (record == NULL)
    g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_NOT_FOUND,
                 _("No %s has the id “%s”"), what, id ? id : "");
  return record;
}

static void
bind_params (sqlite3_stmt  *stmt,
             const char   **params,
             guint          n_params)
{
  for (guint i = 0; i < n_params; i++)
    if (params[i])
      sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_TRANSIENT);
}

GPtrArray *
_td_tour_select (TdDatabase     *db,
                 const char     *kind_name,
                 const char     *extra,
                 TdTourRowExtra  read_extra,
                 const char     *where,
                 const char     *order,
                 const char    **params,
                 guint           n_params,
                 GError        **error)
{
  const TdKind *kind = td_kind_lookup (kind_name);
  g_autoptr(GString) sql = _td_database_record_select (kind, extra);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_string_append (sql, " WHERE deleted = 0");
  if (where)
    g_string_append_printf (sql, " AND (%s)", where);
  if (order)
    g_string_append_printf (sql, " ORDER BY %s", order);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  bind_params (stmt, params, n_params);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *record = _td_database_record_from_row (stmt, kind);

      if (read_extra)
        read_extra (stmt, sqlite3_column_count (stmt), record);
      g_ptr_array_add (rows, record);
    }
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&rows);
}

gint64
_td_tour_count (TdDatabase  *db,
                const char  *sql,
                const char **params,
                guint        n_params,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 value = -1;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt)
    {
      bind_params (stmt, params, n_params);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
      else
        _td_database_set_error (error, _td_database_get_handle (db), rc);
      sqlite3_reset (stmt);
    }
  _td_database_unlock (db);
  return value;
}

/* ------------------------------------------------------------------ */
/* products                                                           */

void
td_tour_product_free (TdTourProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->id);
  g_free (product->code);
  g_free (product->name);
  g_free (product->included);
  g_free (product->excluded);
  g_clear_pointer (&product->cancel_tiers, g_array_unref);
  g_free (product->insurance);
  g_free (product->notes);
  g_free (product);
}

TdTourProduct *
td_tour_product_new (void)
{
  static const TdCancelTier tiers[] = { { 30, 0 }, { 15, 20 }, { 7, 50 }, { 0, 100 } };
  TdTourProduct *product = g_new0 (TdTourProduct, 1);

  product->days = 1;
  product->infant_below = 2;
  product->child_below = 12;
  product->senior_from = 65;
  product->deposit_percent = 30;
  product->balance_days = 30;
  product->cancel_tiers = g_array_new (FALSE, FALSE, sizeof (TdCancelTier));
  g_array_append_vals (product->cancel_tiers, tiers, G_N_ELEMENTS (tiers));
  return product;
}

static const char *const price_fields[TD_PAX_N_TYPES] = {
  [TD_PAX_ADULT] = "price_adult",
  [TD_PAX_CHILD] = "price_child",
  [TD_PAX_INFANT] = "price_infant",
  [TD_PAX_SENIOR] = "price_senior",
};

TdTourProduct *
_td_tour_product_from_record (JsonObject *record)
{
  TdTourProduct *product = td_tour_product_new ();
  g_autofree char *tiers = _td_tour_dup (record, "cancel_tiers");

  product->id = _td_tour_dup (record, "id");
  product->revision = _td_tour_int (record, "revision", 0);
  product->code = _td_tour_dup (record, "code");
  product->name = _td_tour_dup (record, "name");
  product->days = (guint) _td_tour_int (record, "days", 1);
  product->included = _td_tour_dup (record, "included");
  product->excluded = _td_tour_dup (record, "excluded");
  for (guint t = 0; t < TD_PAX_N_TYPES; t++)
    product->has_price[t] = _td_tour_money (record, price_fields[t], &product->prices[t]);
  product->has_single_supplement = _td_tour_money (record, "single_supplement", &product->single_supplement);
  product->infant_below = (guint) _td_tour_int (record, "infant_below", 2);
  product->child_below = (guint) _td_tour_int (record, "child_below", 12);
  product->senior_from = (guint) _td_tour_int (record, "senior_from", 65);
  product->deposit_percent = (guint) _td_tour_int (record, "deposit_percent", 30);
  product->instalments = (guint) _td_tour_int (record, "instalments", 0);
  product->balance_days = (guint) _td_tour_int (record, "balance_days", 30);
  if (tiers)
    {
      GArray *parsed = td_cancel_tiers_parse (tiers, NULL);

      if (parsed)
        {
          g_array_unref (product->cancel_tiers);
          product->cancel_tiers = parsed;
        }
    }
  product->insurance = _td_tour_dup (record, "insurance");
  product->notes = _td_tour_dup (record, "notes");
  return product;
}

TdTourProduct *
td_tour_product_get (TdDatabase  *db,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(JsonObject) record = _td_tour_get_live (db, "tour_product", id, _("tour product"), error);

  return record ? _td_tour_product_from_record (record) : NULL;
}

TdTourProduct *
td_tour_product_find (TdDatabase  *db,
                      const char  *id_or_code,
                      GError     **error)
{
  const char *params[] = { id_or_code };
  g_autoptr(GPtrArray) rows = NULL;

  if (g_uuid_string_is_valid (id_or_code))
    return td_tour_product_get (db, id_or_code, error);
  rows = _td_tour_select (db, "tour_product", NULL, NULL, "code = ?1", NULL, params, 1, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_NOT_FOUND,
                   _("No tour product has the code or id “%s”"), id_or_code);
      return NULL;
    }
  return _td_tour_product_from_record (g_ptr_array_index (rows, 0));
}

GPtrArray *
td_tour_products_list (TdDatabase  *db,
                       GError     **error)
{
  g_autoptr(GPtrArray) rows = _td_tour_select (db, "tour_product", NULL, NULL, NULL, "code", NULL, 0, error);
  GPtrArray *products;

  if (rows == NULL)
    return NULL;
  products = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_product_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (products, _td_tour_product_from_record (g_ptr_array_index (rows, i)));
  return products;
}

static void
set_text (TdChange   *change,
          const char *field,
          const char *value)
{
  if (value && *value)
    td_change_set_string (change, field, value);
  else
    td_change_set_null (change, field);
}

static gboolean
commit_one (TdDatabase  *db,
            const char  *actor,
            TdChange    *change,
            GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);

  g_ptr_array_add (changes, td_change_ref (change));
  return td_database_commit (db, actor, changes, error);
}

gboolean
td_tour_product_save (TdDatabase     *db,
                      const char     *actor,
                      TdTourProduct  *product,
                      GError        **error)
{
  g_autoptr(TdChange) change = NULL;
  g_autofree char *tiers = td_cancel_tiers_to_json (product->cancel_tiers);
  const char *currency = product->prices[TD_PAX_ADULT].currency;

  if (product->code == NULL || *product->code == '\0' || product->name == NULL || *product->name == '\0')
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                           _("A tour product needs a code and a name"));
      return FALSE;
    }
  if (!td_currency_is_valid (currency))
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                           _("A tour product needs an adult price"));
      return FALSE;
    }
  for (guint t = 0; t < TD_PAX_N_TYPES; t++)
    if (product->has_price[t] && strcmp (product->prices[t].currency, currency) != 0)
      {
        g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                     _("The %s price is in %s, the adult price in %s: a product has one currency"),
                     td_pax_type_get_title (t), product->prices[t].currency, currency);
        return FALSE;
      }
  if (product->infant_below > product->child_below)
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                           _("Infants must be younger than children"));
      return FALSE;
    }

  if (product->id)
    change = td_change_new_update ("tour_product", product->id, product->revision);
  else
    change = td_change_new_insert ("tour_product", NULL);
  td_change_set_string (change, "code", product->code);
  td_change_set_string (change, "name", product->name);
  td_change_set_int (change, "days", product->days);
  set_text (change, "included", product->included);
  set_text (change, "excluded", product->excluded);
  product->has_price[TD_PAX_ADULT] = TRUE;
  for (guint t = 0; t < TD_PAX_N_TYPES; t++)
    td_change_set_money (change, price_fields[t], product->has_price[t] ? &product->prices[t] : NULL);
  td_change_set_money (change, "single_supplement",
                       product->has_single_supplement ? &product->single_supplement : NULL);
  td_change_set_int (change, "infant_below", product->infant_below);
  td_change_set_int (change, "child_below", product->child_below);
  td_change_set_int (change, "senior_from", product->senior_from);
  td_change_set_int (change, "deposit_percent", product->deposit_percent);
  td_change_set_int (change, "instalments", product->instalments);
  td_change_set_int (change, "balance_days", product->balance_days);
  td_change_set_string (change, "cancel_tiers", tiers);
  set_text (change, "insurance", product->insurance);
  set_text (change, "notes", product->notes);
  if (!commit_one (db, actor, change, error))
    return FALSE;
  if (product->id == NULL)
    product->id = g_strdup (td_change_get_id (change));
  product->revision++;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* itinerary items                                                    */

void
td_tour_item_free (TdTourItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->product_id);
  g_free (item->poi_id);
  g_free (item->poi_name);
  g_free (item->title);
  g_free (item->notes);
  g_free (item->supplier);
  g_free (item);
}

static void
read_poi_name (sqlite3_stmt *stmt,
               int           first,
               JsonObject   *record)
{
  const char *name = (const char *) sqlite3_column_text (stmt, first - 1);

  if (name)
    json_object_set_string_member (record, "poi_name", name);
}

GPtrArray *
td_tour_items_list (TdDatabase  *db,
                    const char  *product_id,
                    GError     **error)
{
  const char *params[] = { product_id };
  g_autoptr(GPtrArray) rows = _td_tour_select (db, "tour_item",
                                               "(SELECT name FROM pois p WHERE p.id = tour_items.poi_id)",
                                               read_poi_name, "product_id = ?1",
                                               "day, coalesce(position, 0), created_at", params, 1, error);
  GPtrArray *items;

  if (rows == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_item_free);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *record = g_ptr_array_index (rows, i);
      TdTourItem *item = g_new0 (TdTourItem, 1);
      g_autofree char *type = _td_tour_dup (record, "item_type");
      g_autofree char *basis = _td_tour_dup (record, "cost_basis");

      item->id = _td_tour_dup (record, "id");
      item->revision = _td_tour_int (record, "revision", 0);
      item->product_id = _td_tour_dup (record, "product_id");
      item->day = (guint) _td_tour_int (record, "day", 1);
      item->position = (guint) _td_tour_int (record, "position", 0);
      td_tour_item_type_from_string (type, &item->type);
      item->poi_id = _td_tour_dup (record, "poi_id");
      item->poi_name = _td_tour_dup (record, "poi_name");
      item->title = _td_tour_dup (record, "title");
      item->notes = _td_tour_dup (record, "notes");
      item->supplier = _td_tour_dup (record, "supplier");
      item->has_cost = _td_tour_money (record, "cost", &item->cost);
      item->cost_per_group = g_strcmp0 (basis, "group") == 0;
      g_ptr_array_add (items, item);
    }
  return items;
}

/* the change that writes item, after checking it against its product */
static TdChange *
item_change (const TdTourProduct  *product,
             const TdTourItem     *item,
             GError              **error)
{
  TdChange *change;

  if (item->day < 1 || item->day > product->days)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                   _("Day %u is not a day of “%s” (1 to %u)"), item->day, product->name, product->days);
      return NULL;
    }
  if (item->title == NULL || *item->title == '\0')
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                           _("An itinerary item needs a title"));
      return NULL;
    }
  if (item->has_cost && strcmp (item->cost.currency, product->prices[TD_PAX_ADULT].currency) != 0)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                   _("The cost of “%s” is in %s, the product in %s"),
                   item->title, item->cost.currency, product->prices[TD_PAX_ADULT].currency);
      return NULL;
    }
  if (item->id)
    change = td_change_new_update ("tour_item", item->id, item->revision);
  else
    change = td_change_new_insert ("tour_item", NULL);
  td_change_set_string (change, "product_id", product->id);
  td_change_set_int (change, "day", item->day);
  td_change_set_int (change, "position", item->position);
  td_change_set_string (change, "item_type", td_tour_item_type_to_string (item->type));
  set_text (change, "poi_id", item->poi_id);
  td_change_set_string (change, "title", item->title);
  set_text (change, "notes", item->notes);
  set_text (change, "supplier", item->supplier);
  td_change_set_money (change, "cost", item->has_cost ? &item->cost : NULL);
  td_change_set_string (change, "cost_basis", item->cost_per_group ? "group" : "person");
  return change;
}

gboolean
td_tour_items_save (TdDatabase  *db,
                    const char  *actor,
                    const char  *product_id,
                    GPtrArray   *items,
                    GError     **error)
{
  g_autoptr(TdTourProduct) product = td_tour_product_get (db, product_id, error);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);

  if (product == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      TdChange *change = item_change (product, g_ptr_array_index (items, i), error);

      if (change == NULL)
        return FALSE;
      g_ptr_array_add (changes, change);
    }
  if (changes->len > 0 && !td_database_commit (db, actor, changes, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      TdTourItem *item = g_ptr_array_index (items, i);

      if (item->id == NULL)
        item->id = g_strdup (td_change_get_id (g_ptr_array_index (changes, i)));
      if (item->product_id == NULL)
        item->product_id = g_strdup (product_id);
      item->revision++;
    }
  return TRUE;
}

gboolean
td_tour_item_save (TdDatabase  *db,
                   const char  *actor,
                   TdTourItem  *item,
                   GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_ptr_array_add (items, item);
  return td_tour_items_save (db, actor, item->product_id, items, error);
}

gboolean
td_tour_item_delete (TdDatabase  *db,
                     const char  *actor,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(JsonObject) record = _td_tour_get_live (db, "tour_item", id, _("itinerary item"), error);
  g_autoptr(TdChange) change = NULL;

  if (record == NULL)
    return FALSE;
  change = td_change_new_delete ("tour_item", id, _td_tour_int (record, "revision", 0));
  return commit_one (db, actor, change, error);
}

/* ------------------------------------------------------------------ */
/* surcharges                                                         */

void
td_tour_surcharge_free (TdTourSurcharge *surcharge)
{
  if (surcharge == NULL)
    return;
  g_free (surcharge->id);
  g_free (surcharge->product_id);
  g_free (surcharge->name);
  g_free (surcharge);
}

GPtrArray *
td_tour_surcharges_list (TdDatabase  *db,
                         const char  *product_id,
                         GError     **error)
{
  const char *params[] = { product_id };
  g_autoptr(GPtrArray) rows = _td_tour_select (db, "tour_surcharge", NULL, NULL, "product_id = ?1",
                                               "start_date", params, 1, error);
  GPtrArray *surcharges;

  if (rows == NULL)
    return NULL;
  surcharges = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_surcharge_free);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *record = g_ptr_array_index (rows, i);
      TdTourSurcharge *surcharge = g_new0 (TdTourSurcharge, 1);

      surcharge->id = _td_tour_dup (record, "id");
      surcharge->product_id = _td_tour_dup (record, "product_id");
      surcharge->name = _td_tour_dup (record, "name");
      surcharge->start = _td_tour_date (record, "start_date");
      surcharge->end = _td_tour_date (record, "end_date");
      _td_tour_money (record, "amount", &surcharge->amount);
      g_ptr_array_add (surcharges, surcharge);
    }
  return surcharges;
}

char *
td_tour_surcharge_add (TdDatabase     *db,
                       const char     *actor,
                       const char     *product_id,
                       const char     *name,
                       guint32         start,
                       guint32         end,
                       const TdMoney  *amount,
                       GError        **error)
{
  g_autoptr(TdTourProduct) product = td_tour_product_get (db, product_id, error);
  g_autoptr(TdChange) change = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (product == NULL)
    return NULL;
  if (end <= start)
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                           _("A surcharge's dates must end after they start"));
      return NULL;
    }
  if (strcmp (amount->currency, product->prices[TD_PAX_ADULT].currency) != 0)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                   _("The surcharge is in %s, the product in %s"),
                   amount->currency, product->prices[TD_PAX_ADULT].currency);
      return NULL;
    }
  start_text = td_date_format_iso (start);
  end_text = td_date_format_iso (end);
  change = td_change_new_insert ("tour_surcharge", NULL);
  td_change_set_string (change, "product_id", product_id);
  td_change_set_string (change, "name", name);
  td_change_set_string (change, "start_date", start_text);
  td_change_set_string (change, "end_date", end_text);
  td_change_set_money (change, "amount", amount);
  if (!commit_one (db, actor, change, error))
    return NULL;
  return g_strdup (td_change_get_id (change));
}

/* ------------------------------------------------------------------ */
/* departures                                                         */

void
td_departure_free (TdDeparture *departure)
{
  if (departure == NULL)
    return;
  g_free (departure->id);
  g_free (departure->product_id);
  g_free (departure->product_code);
  g_free (departure->product_name);
  g_free (departure->guide);
  g_free (departure->vehicle);
  g_free (departure->notes);
  g_free (departure);
}

TdDepartureState
td_departure_get_state (const TdDeparture *departure)
{
  switch (departure->stored_state)
    {
    case TD_DEPARTURE_OPEN:
    case TD_DEPARTURE_GUARANTEED:
    case TD_DEPARTURE_FULL:
      if (departure->sold >= departure->capacity)
        return TD_DEPARTURE_FULL;
      if (departure->stored_state == TD_DEPARTURE_GUARANTEED
          || (departure->min_pax > 0 && departure->sold >= departure->min_pax))
        return TD_DEPARTURE_GUARANTEED;
      return TD_DEPARTURE_OPEN;
    case TD_DEPARTURE_DRAFT:
    case TD_DEPARTURE_DEPARTED:
    case TD_DEPARTURE_CLOSED:
    case TD_DEPARTURE_CANCELLED:
    default:
      return departure->stored_state;
    }
}

guint
td_departure_get_free (const TdDeparture *departure)
{
  return departure->sold >= departure->capacity ? 0 : departure->capacity - departure->sold;
}

void
_td_departure_read_extra (sqlite3_stmt *stmt,
                          int           count,
                          JsonObject   *record)
{
  int first = count - 5;
  const char *code = (const char *) sqlite3_column_text (stmt, first);
  const char *name = (const char *) sqlite3_column_text (stmt, first + 1);

  if (code)
    json_object_set_string_member (record, "product_code", code);
  if (name)
    json_object_set_string_member (record, "product_name", name);
  json_object_set_int_member (record, "days", sqlite3_column_int64 (stmt, first + 2));
  json_object_set_int_member (record, "sold", sqlite3_column_int64 (stmt, first + 3));
  json_object_set_int_member (record, "waiting", sqlite3_column_int64 (stmt, first + 4));
}

TdDeparture *
_td_departure_from_record (JsonObject *record)
{
  TdDeparture *departure = g_new0 (TdDeparture, 1);
  g_autofree char *state = _td_tour_dup (record, "state");

  departure->id = _td_tour_dup (record, "id");
  departure->revision = _td_tour_int (record, "revision", 0);
  departure->product_id = _td_tour_dup (record, "product_id");
  departure->product_code = _td_tour_dup (record, "product_code");
  departure->product_name = _td_tour_dup (record, "product_name");
  departure->start = _td_tour_date (record, "start_date");
  departure->end = departure->start + (guint32) MAX (_td_tour_int (record, "days", 1), 1);
  departure->capacity = (guint) _td_tour_int (record, "capacity", 0);
  departure->min_pax = (guint) _td_tour_int (record, "min_pax", 0);
  departure->sold = (guint) _td_tour_int (record, "sold", 0);
  departure->waiting = (guint) _td_tour_int (record, "waiting", 0);
  departure->guide = _td_tour_dup (record, "guide");
  departure->vehicle = _td_tour_dup (record, "vehicle");
  td_departure_state_from_string (state, &departure->stored_state);
  departure->notes = _td_tour_dup (record, "notes");
  return departure;
}

static GPtrArray *
select_departures (TdDatabase  *db,
                   const char  *where,
                   const char **params,
                   guint        n_params,
                   GError     **error)
{
  g_autoptr(GPtrArray) rows = _td_tour_select (db, "tour_departure", TD_DEPARTURE_EXTRA,
                                               _td_departure_read_extra, where,
                                               "start_date, created_at", params, n_params, error);
  GPtrArray *departures;

  if (rows == NULL)
    return NULL;
  departures = g_ptr_array_new_with_free_func ((GDestroyNotify) td_departure_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (departures, _td_departure_from_record (g_ptr_array_index (rows, i)));
  return departures;
}

TdDeparture *
td_departure_get (TdDatabase  *db,
                  const char  *id,
                  GError     **error)
{
  const char *params[] = { id };
  g_autoptr(GPtrArray) departures = select_departures (db, "id = ?1", params, 1, error);

  if (departures == NULL)
    return NULL;
  if (departures->len == 0)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_NOT_FOUND,
                   _("No departure has the id “%s”"), id);
      return NULL;
    }
  return g_ptr_array_steal_index (departures, 0);
}

GPtrArray *
td_departures_list (TdDatabase  *db,
                    guint32      from,
                    guint32      to,
                    const char  *product_id,
                    GError     **error)
{
  g_autofree char *from_text = from ? td_date_format_iso (from) : NULL;
  g_autofree char *to_text = to ? td_date_format_iso (to) : NULL;
  const char *params[] = { from_text, to_text, product_id };

  return select_departures (db,
                            "(?1 IS NULL OR start_date >= ?1) AND (?2 IS NULL OR start_date < ?2)"
                            " AND (?3 IS NULL OR product_id = ?3)",
                            params, 3, error);
}

char *
td_departure_create (TdDatabase        *db,
                     const char        *actor,
                     const char        *product_id,
                     guint32            start,
                     guint              capacity,
                     guint              min_pax,
                     const char        *guide,
                     const char        *vehicle,
                     TdDepartureState   state,
                     GError           **error)
{
  g_autoptr(TdTourProduct) product = td_tour_product_get (db, product_id, error);
  g_autoptr(TdChange) change = NULL;
  g_autofree char *date = NULL;

  if (product == NULL)
    return NULL;
  if (capacity < 1)
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                           _("A departure needs at least one seat"));
      return NULL;
    }
  if (min_pax > capacity)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                   _("The guaranteed minimum (%u) is more than the seats (%u)"), min_pax, capacity);
      return NULL;
    }
  date = td_date_format_iso (start);
  change = td_change_new_insert ("tour_departure", NULL);
  td_change_set_string (change, "product_id", product_id);
  td_change_set_string (change, "start_date", date);
  td_change_set_int (change, "capacity", capacity);
  td_change_set_int (change, "min_pax", min_pax);
  set_text (change, "guide", guide);
  set_text (change, "vehicle", vehicle);
  td_change_set_string (change, "state", td_departure_state_to_string (state));
  if (!commit_one (db, actor, change, error))
    return NULL;
  return g_strdup (td_change_get_id (change));
}

gboolean
td_departure_set_state (TdDatabase        *db,
                        const char        *actor,
                        const char        *id,
                        TdDepartureState   state,
                        GError           **error)
{
  g_autoptr(TdDeparture) departure = td_departure_get (db, id, error);
  g_autoptr(TdChange) change = NULL;

  if (departure == NULL)
    return FALSE;
  if (state == TD_DEPARTURE_CANCELLED && departure->sold > 0)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_STATE,
                   _("The departure still has %u participants: cancel their bookings first"), departure->sold);
      return FALSE;
    }
  change = td_change_new_update ("tour_departure", id, departure->revision);
  td_change_set_string (change, "state", td_departure_state_to_string (state));
  return commit_one (db, actor, change, error);
}

gboolean
td_departure_set_capacity (TdDatabase  *db,
                           const char  *actor,
                           const char  *id,
                           guint        capacity,
                           GError     **error)
{
  g_autoptr(TdDeparture) departure = td_departure_get (db, id, error);
  g_autoptr(TdChange) change = NULL;
  g_autoptr(GError) local_error = NULL;

  if (departure == NULL)
    return FALSE;
  change = td_change_new_update ("tour_departure", id, departure->revision);
  td_change_set_int (change, "capacity", capacity);
  if (!commit_one (db, actor, change, &local_error))
    {
      if (local_error->message && strstr (local_error->message, "tour: capacity below seats sold"))
        {
          g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_FULL,
                       _("The departure has %u seats sold or allocated: its capacity cannot go down to %u"),
                       departure->sold, capacity);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* margin                                                             */

gboolean
td_departure_get_margin (TdDatabase         *db,
                         const char         *id,
                         TdDepartureMargin  *margin,
                         GError            **error)
{
  g_autoptr(TdDeparture) departure = td_departure_get (db, id, error);
  g_autoptr(TdTourProduct) product = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *params[] = { id };
  g_autoptr(GError) local_error = NULL;
  gint64 revenue, costs = 0;
  const char *currency;

  if (departure == NULL)
    return FALSE;
  product = td_tour_product_get (db, departure->product_id, error);
  if (product == NULL)
    return FALSE;
  items = td_tour_items_list (db, product->id, error);
  if (items == NULL)
    return FALSE;
  currency = product->prices[TD_PAX_ADULT].currency;
  revenue = _td_tour_count (db,
                            "SELECT coalesce(sum(CASE WHEN state = 'cancelled' THEN coalesce(cancellation_fee_minor, 0)"
                            " ELSE total_minor END), 0) FROM tour_bookings WHERE departure_id = ?1 AND deleted = 0",
                            params, 1, &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      TdTourItem *item = g_ptr_array_index (items, i);

      if (item->has_cost)
        costs += item->cost_per_group ? item->cost.minor : item->cost.minor * (gint64) departure->sold;
    }
  if (!td_money_init (&margin->revenue, revenue, currency, error)
      || !td_money_init (&margin->costs, costs, currency, error)
      || !td_money_init (&margin->margin, revenue - costs, currency, error))
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* the itinerary as a route                                           */

TdRoute *
td_tour_product_route (TdDatabase  *db,
                       const char  *id_or_code,
                       GError     **error)
{
  g_autoptr(TdTourProduct) product = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(TdRoute) route = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id_or_code != NULL, NULL);

  product = td_tour_product_find (db, id_or_code, error);
  if (product == NULL)
    return NULL;
  items = td_tour_items_list (db, product->id, error);
  if (items == NULL)
    return NULL;

  route = td_route_new (product->name);
  for (guint i = 0; i < items->len; i++)
    {
      TdTourItem *item = g_ptr_array_index (items, i);
      g_autoptr(TdPoi) poi = NULL;
      g_autoptr(GError) local_error = NULL;

      if (item->poi_id == NULL)
        continue;
      poi = td_poi_query_get (db, item->poi_id, &local_error);
      /* a place deleted since: the item stays in the itinerary, off the map */
      if (poi == NULL)
        continue;
      td_route_add_stop (route, item->day, poi->name, poi->lat, poi->lon);
    }
  return g_steal_pointer (&route);
}

gboolean
td_tour_product_add_place (TdDatabase  *db,
                           const char  *actor,
                           const char  *product_id,
                           guint        day,
                           TdPoi       *poi,
                           GError     **error)
{
  g_autoptr(TdTourProduct) product = NULL;
  g_autoptr(GPtrArray) items = NULL;
  TdTourItem item = { 0 };
  guint position = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (product_id != NULL && poi != NULL, FALSE);

  product = td_tour_product_get (db, product_id, error);
  if (product == NULL)
    return FALSE;
  if (day < 1 || day > product->days)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                   _("“%s” has %u days: there is no day %u."), product->name, product->days, day);
      return FALSE;
    }
  items = td_tour_items_list (db, product_id, error);
  if (items == NULL)
    return FALSE;
  /* last of its day */
  for (guint i = 0; i < items->len; i++)
    {
      TdTourItem *other = g_ptr_array_index (items, i);

      if (other->day == day)
        position = MAX (position, other->position + 1);
    }

  item.product_id = product->id;
  item.day = day;
  item.position = position;
  switch (poi->category)
    {
    case TD_POI_ATTRACTION:
      item.type = TD_ITEM_ATTRACTION;
      break;
    case TD_POI_HOTEL:
    case TD_POI_PROPERTY:
      item.type = TD_ITEM_HOTEL;
      break;
    case TD_POI_RESTAURANT:
      item.type = TD_ITEM_MEAL;
      break;
    case TD_POI_TRANSPORT:
      item.type = TD_ITEM_TRANSPORT;
      break;
    case TD_POI_SHOP:
    case TD_POI_N_CATEGORIES:
    default:
      item.type = TD_ITEM_TEXT;
      break;
    }
  item.poi_id = poi->id;
  item.poi_name = poi->name;
  item.title = poi->name;
  if (!td_tour_item_save (db, actor, &item, error))
    return FALSE;
  g_free (item.id);
  return TRUE;
}
