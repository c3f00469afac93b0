/* td-poi-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-poi-query.h"

#include "td-pinyin.h"

#define POI_COLUMNS \
  "id, revision, name, name_en, category, rating, province, city, address, lat, lon, " \
  "opening_hours, ticket_price_minor, ticket_price_currency, source_crs"

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text && *text ? g_strdup (text) : NULL;
}

/* One row of POI_COLUMNS; NULL for a category this version does not know
 * (a newer Tourdesk may have added one): such points are left out. */
static TdPoi *
poi_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(TdPoi) poi = td_poi_new ();
  const char *currency;

  if (!td_poi_category_from_string ((const char *) sqlite3_column_text (stmt, 4), &poi->category))
    return NULL;

  poi->id = column_text (stmt, 0);
  poi->revision = sqlite3_column_int64 (stmt, 1);
  poi->name = column_text (stmt, 2);
  poi->name_en = column_text (stmt, 3);
  poi->rating = column_text (stmt, 5);
  poi->province = column_text (stmt, 6);
  poi->city = column_text (stmt, 7);
  poi->address = column_text (stmt, 8);
  poi->lat = sqlite3_column_double (stmt, 9);
  poi->lon = sqlite3_column_double (stmt, 10);
  poi->opening_hours = column_text (stmt, 11);
  currency = (const char *) sqlite3_column_text (stmt, 13);
  if (sqlite3_column_type (stmt, 12) != SQLITE_NULL && currency && strlen (currency) == 3)
    {
      poi->ticket_price.minor = sqlite3_column_int64 (stmt, 12);
      memcpy (poi->ticket_price.currency, currency, 4);
    }
  if (!td_crs_from_string ((const char *) sqlite3_column_text (stmt, 14), &poi->source_crs))
    poi->source_crs = TD_CRS_WGS84;
  if (poi->name == NULL)
    poi->name = g_strdup ("");

  return g_steal_pointer (&poi);
}

/* Steps stmt (prepared and bound, lock held) to the end. */
static GPtrArray *
collect_rows (TdDatabase    *db,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) pois = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdPoi *poi = poi_from_row (stmt);

      if (poi)
        g_ptr_array_add (pois, poi);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      return NULL;
    }
  return g_steal_pointer (&pois);
}

/* ------------------------------------------------------------------ */
/* nearby                                                             */

static int
compare_distance (gconstpointer a,
                  gconstpointer b)
{
  const TdPoi *pa = *(const TdPoi **) a;
  const TdPoi *pb = *(const TdPoi **) b;

  if (pa->distance != pb->distance)
    return pa->distance < pb->distance ? -1 : 1;
  return g_strcmp0 (pa->name, pb->name);
}

GPtrArray *
td_poi_query_nearby (TdDatabase          *db,
                     double               lat,
                     double               lon,
                     double               radius_m,
                     const TdPoiCategory *category,
                     guint                limit,
                     GError             **error)
{
  g_autoptr(GPtrArray) candidates = NULL;
  GPtrArray *pois;
  sqlite3_stmt *stmt;
  double min_lat, max_lat, min_lon, max_lon;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (!td_geo_is_valid (lat, lon))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("%g, %g is not a place on Earth: the latitude goes from −90 to 90 and the longitude from −180 to 180"),
                   lat, lon);
      return NULL;
    }
  if (!(radius_m > 0) || radius_m > 20100000)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("The radius must be more than 0 and at most 20,100 km"));
      return NULL;
    }

  td_geo_bounding_box (lat, lon, radius_m, &min_lat, &max_lat, &min_lon, &max_lon);

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT " POI_COLUMNS " FROM pois "
                               "WHERE deleted = 0 AND lat BETWEEN ?1 AND ?2 AND lon BETWEEN ?3 AND ?4 "
                               "AND (?5 IS NULL OR category = ?5)",
                               error);
  if (stmt)
    {
      sqlite3_bind_double (stmt, 1, min_lat);
      sqlite3_bind_double (stmt, 2, max_lat);
      sqlite3_bind_double (stmt, 3, min_lon);
      sqlite3_bind_double (stmt, 4, max_lon);
      if (category)
        sqlite3_bind_text (stmt, 5, td_poi_category_to_string (*category), -1, SQLITE_STATIC);
      candidates = collect_rows (db, stmt, error);
    }
  _td_database_unlock (db);

  if (candidates == NULL)
    return NULL;

  pois = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);
  for (guint i = 0; i < candidates->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (candidates, i);

      poi->distance = td_geo_distance (lat, lon, poi->lat, poi->lon);
      if (poi->distance <= radius_m)
        g_ptr_array_add (pois, td_poi_ref (poi));
    }
  g_ptr_array_sort (pois, compare_distance);
  if (limit > 0 && pois->len > limit)
    g_ptr_array_set_size (pois, limit);

  return pois;
}

/* ------------------------------------------------------------------ */
/* search by name                                                     */

char *
td_poi_query_fold (const char *query)
{
  g_autofree char *normal = NULL;
  char *folded;

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return g_strdup ("");
  /* full-width letters and digits as typed by Chinese input methods, then
   * case */
  normal = g_utf8_normalize (query, -1, G_NORMALIZE_ALL);
  folded = g_utf8_casefold (normal ? normal : query, -1);
  return g_strstrip (folded);
}

static gboolean
text_matches (const char *text,
              const char *folded_query,
              gboolean   *prefix)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  const char *found;

  if (text == NULL || *text == '\0')
    return FALSE;
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  folded = g_utf8_casefold (normal ? normal : text, -1);
  found = strstr (folded, folded_query);
  if (found == NULL)
    return FALSE;
  if (found == folded)
    *prefix = TRUE;
  return TRUE;
}

static gboolean
is_ascii_word (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return *text != '\0';
}

gboolean
td_poi_query_matches (const TdPoi *poi,
                      const char  *folded_query,
                      gboolean    *prefix)
{
  gboolean is_prefix = FALSE;
  gboolean found;

  if (folded_query == NULL || *folded_query == '\0')
    return FALSE;

  found = text_matches (poi->name, folded_query, &is_prefix);
  found = text_matches (poi->name_en, folded_query, &is_prefix) || found;

  if (!found && is_ascii_word (folded_query))
    {
      g_autofree char *initials = td_pinyin_initials (poi->name);

      if (initials && *initials)
        found = text_matches (initials, folded_query, &is_prefix);
    }

  if (prefix)
    *prefix = is_prefix;
  return found;
}

typedef struct {
  TdPoi    *poi;
  gboolean  prefix;
} Match;

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *ma = a, *mb = b;

  if (ma->prefix != mb->prefix)
    return ma->prefix ? -1 : 1;
  return g_utf8_collate (ma->poi->name, mb->poi->name);
}

GPtrArray *
td_poi_query_search (TdDatabase  *db,
                     const char  *query,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autofree char *folded = td_poi_query_fold (query);
  GPtrArray *pois;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  pois = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);
  if (*folded == '\0')
    return pois;

  /* Names are matched in C: the fold and the pinyin are not SQL. A
   * workspace has tens of thousands of places at most. */
  all = td_poi_query_all (db, error);
  if (all == NULL)
    {
      g_ptr_array_unref (pois);
      return NULL;
    }

  matches = g_array_new (FALSE, FALSE, sizeof (Match));
  for (guint i = 0; i < all->len; i++)
    {
      Match m = { g_ptr_array_index (all, i), FALSE };

      if (td_poi_query_matches (m.poi, folded, &m.prefix))
        g_array_append_val (matches, m);
    }
  g_array_sort (matches, compare_matches);

  for (guint i = 0; i < matches->len && (limit == 0 || i < limit); i++)
    g_ptr_array_add (pois, td_poi_ref (g_array_index (matches, Match, i).poi));

  return pois;
}

/* ------------------------------------------------------------------ */
/* all, and one                                                       */

GPtrArray *
td_poi_query_all (TdDatabase  *db,
                  GError     **error)
{
  GPtrArray *pois = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT " POI_COLUMNS " FROM pois WHERE deleted = 0", error);
  if (stmt)
    pois = collect_rows (db, stmt, error);
  _td_database_unlock (db);

  return pois;
}

static void
all_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *pois;

  if (g_task_return_error_if_cancelled (task))
    return;

  pois = td_poi_query_all (source_object, &error);
  if (pois == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pois, (GDestroyNotify) g_ptr_array_unref);
}

void
td_poi_query_all_async (TdDatabase          *db,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_poi_query_all_async);
  g_task_run_in_thread (task, all_thread);
}

GPtrArray *
td_poi_query_all_finish (TdDatabase    *db,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_poi_query_all_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

TdPoi *
td_poi_query_get (TdDatabase  *db,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(GPtrArray) pois = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT " POI_COLUMNS " FROM pois WHERE id = ?", error);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      pois = collect_rows (db, stmt, error);
    }
  _td_database_unlock (db);

  if (pois == NULL)
    return NULL;
  if (pois->len == 0)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                   _("There is no place with id %s"), id);
      return NULL;
    }
  return td_poi_ref (g_ptr_array_index (pois, 0));
}
