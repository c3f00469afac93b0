/* td-customer-duplicates.c: likely duplicates of a customer
 *
 * Finding duplicates only ever looks values up in indexes (migrations 2, 5
 * and 6): customers(id_number), customer_documents(number),
 * customers(name, birth_date), and the search index customer_search for
 * phones and e-mails, main and other: its “T” keys hold a phone's digits,
 * its “E” keys the address case folded (customers(email) holds it as
 * typed, and “email = ? COLLATE NOCASE” would scan the table). A lookup reads at most ROWS_PER_LOOKUP rows, so a value
 * many customers share (a travel agency's phone) stays cheap.
 *
 * Merging two customers is in td-customer-merge.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer.h"
#include "td-customer-duplicates.h"
#include "td-customer-duplicates-private.h"
#include "td-customer-profile.h"
#include "td-customer-search-private.h"
#include "td-database-private.h"
#include "td-id-number.h"

/* customer_documents and the e-mail keys of the search index */
#define DUPLICATES_SCHEMA 6
#define ROWS_PER_LOOKUP   200
#define DEFAULT_PAIRS     100

void
td_duplicate_free (TdDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;
  g_free (duplicate->id);
  g_free (duplicate->name);
  g_free (duplicate->phone);
  g_free (duplicate->id_number_masked);
  g_free (duplicate);
}

void
td_duplicate_pair_free (TdDuplicatePair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->first_id);
  g_free (pair->second_id);
  g_free (pair);
}

const char *
td_duplicate_reason_to_string (TdDuplicateReason reason)
{
  switch (reason)
    {
    case TD_DUPLICATE_ID_NUMBER: return _("Same identity number");
    case TD_DUPLICATE_PHONE: return _("Same phone number");
    case TD_DUPLICATE_EMAIL: return _("Same e-mail address");
    case TD_DUPLICATE_NAME_BIRTH: return _("Same name and birth date");
    default: return "?";
    }
}

gboolean
_td_duplicates_check_schema (TdDatabase  *db,
                             GError     **error)
{
  if (td_database_get_schema_version (db) < DUPLICATES_SCHEMA)
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED,
                           _("This workspace is too old to look for duplicate customers: open it once for writing to upgrade it"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* values                                                             */

/* The member as text; NULL when absent, null, not text or empty. */
const char *
_td_duplicates_text_member (JsonObject *object,
                            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  return text && *text ? text : NULL;
}

/* The items of a comma-separated list, trimmed, without empty ones. */
GPtrArray *
_td_duplicates_split_list (const char *text)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_ptr_array_add (items, g_strdup (parts[i]));
    }
  return items;
}

/* An e-mail address to compare ignoring case and width. */
static char *
email_fold (const char *email)
{
  g_autofree char *nfkc = g_utf8_normalize (email, -1, G_NORMALIZE_NFKC);

  return g_strstrip (g_utf8_casefold (nfkc ? nfkc : email, -1));
}

/* An identity number as td_customer_check() writes it: upper case,
 * without spaces and dashes. */
char *
_td_duplicates_id_number_fold (const char *number)
{
  g_autofree char *nfkc = g_utf8_normalize (number, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = nfkc ? nfkc : ""; *p; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

/* The key of the search index with the given tag for a phone or an
 * address: “T” (all the phone's digits) or “E” (the address, case folded). */
static char *
search_key (const char *phone,
            const char *email,
            char        tag)
{
  g_autoptr(GPtrArray) keys = _td_customer_search_keys (NULL, phone, email, NULL, NULL, NULL, NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      if (key[0] == tag)
        return g_strdup (key);
    }
  return NULL;
}

/* Whether any address of the comma-separated list folds to folded. */
static gboolean
emails_contain (const char *emails,
                const char *folded)
{
  g_auto(GStrv) parts = g_strsplit (emails ? emails : "", ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *f = email_fold (parts[i]);

      if (strcmp (f, folded) == 0)
        return TRUE;
    }
  return FALSE;
}

JsonObject *
_td_duplicates_copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = object ? json_object_get_members (object) : NULL;

  /* the values are plain: copying the nodes copies them */
  for (const GList *l = members; l; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (object, l->data)));
  return copy;
}

/* ------------------------------------------------------------------ */
/* finding the duplicates of one customer                             */

typedef struct {
  char  *id;
  char  *name;
  char  *phone;
  char  *id_number;
  guint  reasons;
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->id);
  g_free (candidate->name);
  g_free (candidate->phone);
  g_free (candidate->id_number);
  g_free (candidate);
}

/* The statements below all give id, name, phone, id_number, email of live
 * customers; ?1 is the value looked up, ?2 a second one, ?3 the customer to
 * leave out, ?4 the most rows to read. */
static const char sql_by_id_number[] =
  "SELECT id, name, phone, id_number, NULL FROM customers "
  "WHERE id_number = ?1 AND deleted = 0 AND id IS NOT ?3 LIMIT ?4";
static const char sql_by_document[] =
  "SELECT c.id, c.name, c.phone, c.id_number, NULL "
  "FROM customer_documents d JOIN customers c ON c.id = d.customer_id "
  "WHERE d.number = ?1 AND d.deleted = 0 AND c.deleted = 0 AND c.id IS NOT ?3 LIMIT ?4";
/* phones (main and other) through their “T” keys, which are exact: all
 * the digits; e-mails through their “E” keys, which may be cut, so the
 * rows' addresses are compared too */
static const char sql_by_phone_key[] =
  "SELECT c.id, c.name, c.phone, c.id_number, NULL "
  "FROM customer_search s JOIN customers c ON c.rowid = s.customer "
  "WHERE s.key = ?1 AND c.deleted = 0 AND c.id IS NOT ?3 LIMIT ?4";
static const char sql_by_email_key[] =
  "SELECT c.id, c.name, c.phone, c.id_number, c.email || ',' || ifnull(c.other_emails, '') "
  "FROM customer_search s JOIN customers c ON c.rowid = s.customer "
  "WHERE s.key = ?1 AND c.deleted = 0 AND c.id IS NOT ?3 LIMIT ?4";
static const char sql_by_name_birth[] =
  "SELECT id, name, phone, id_number, NULL FROM customers "
  "WHERE name = ?1 AND birth_date = ?2 AND deleted = 0 AND id IS NOT ?3 LIMIT ?4";

/* Runs one lookup; with folded_email, keeps only the rows whose e-mail
 * folds to it. */
static gboolean
lookup (TdDatabase         *db,
        const char         *sql,
        const char         *value,
        const char         *value2,
        const char         *exclude_id,
        const char         *folded_email,
        TdDuplicateReason   reason,
        GHashTable         *found,
        GError            **error)
{
  sqlite3_stmt *stmt = _td_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  if (value2)
    sqlite3_bind_text (stmt, 2, value2, -1, SQLITE_STATIC);
  if (exclude_id)
    sqlite3_bind_text (stmt, 3, exclude_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, ROWS_PER_LOOKUP);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      Candidate *candidate;

      if (folded_email)
        {
          if (!emails_contain ((const char *) sqlite3_column_text (stmt, 4), folded_email))
            continue;
        }

      candidate = g_hash_table_lookup (found, id);
      if (candidate == NULL)
        {
          candidate = g_new0 (Candidate, 1);
          candidate->id = g_strdup (id);
          candidate->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          candidate->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          candidate->id_number = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          g_hash_table_insert (found, candidate->id, candidate);
        }
      candidate->reasons |= 1u << reason;
    }
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static void
add_unique (GPtrArray  *items,
            const char *item)
{
  if (item && *item && !g_ptr_array_find_with_equal_func (items, item, g_str_equal, NULL))
    g_ptr_array_add (items, g_strdup (item));
}

/* the item of text and its comma-separated list, without repeats */
static GPtrArray *
values_of (JsonObject *values,
           const char *main_field,
           const char *list_field)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) more = _td_duplicates_split_list (_td_duplicates_text_member (values, list_field));

  add_unique (items, _td_duplicates_text_member (values, main_field));
  for (guint i = 0; i < more->len; i++)
    add_unique (items, g_ptr_array_index (more, i));
  return items;
}

static guint
strongest (guint reasons)
{
  for (guint r = TD_DUPLICATE_ID_NUMBER; r <= TD_DUPLICATE_NAME_BIRTH; r++)
    if (reasons & (1u << r))
      return r;
  return TD_DUPLICATE_NAME_BIRTH;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = *(const Candidate **) a;
  const Candidate *y = *(const Candidate **) b;
  guint sx = strongest (x->reasons), sy = strongest (y->reasons);
  guint nx = (guint) __builtin_popcount (x->reasons), ny = (guint) __builtin_popcount (y->reasons);
  int c;

  if (sx != sy)
    return sx < sy ? -1 : 1;
  if (nx != ny)
    return nx > ny ? -1 : 1;
  if ((c = g_utf8_collate (x->name ? x->name : "", y->name ? y->name : "")) != 0)
    return c;
  return strcmp (x->id, y->id);
}

static GPtrArray *
find_duplicates (TdDatabase    *db,
                 JsonObject    *values,
                 GPtrArray     *documents,
                 const char    *exclude_id,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) candidate_free);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phones = values_of (values, "phone", "other_phones");
  g_autoptr(GPtrArray) emails = values_of (values, "email", "other_emails");
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  const char *name = _td_duplicates_text_member (values, "name");
  const char *birth = _td_duplicates_text_member (values, "birth_date");
  GPtrArray *results;
  GHashTableIter iter;
  Candidate *candidate;
  gboolean ok = TRUE;

  if (!_td_duplicates_check_schema (db, error))
    return NULL;

  /* identity numbers as written and as td_customer_check() writes them */
  add_unique (numbers, _td_duplicates_text_member (values, "id_number"));
  for (guint i = 0; documents && i < documents->len; i++)
    {
      const char *number = _td_duplicates_text_member (g_ptr_array_index (documents, i), "number");
      g_autofree char *folded = number ? _td_duplicates_id_number_fold (number) : NULL;

      add_unique (numbers, number);
      add_unique (numbers, folded);
    }

  _td_database_lock (db);
  for (guint i = 0; ok && i < numbers->len; i++)
    ok = lookup (db, sql_by_id_number, g_ptr_array_index (numbers, i), NULL, exclude_id, NULL,
                 TD_DUPLICATE_ID_NUMBER, found, error)
         && lookup (db, sql_by_document, g_ptr_array_index (numbers, i), NULL, exclude_id, NULL,
                    TD_DUPLICATE_ID_NUMBER, found, error);
  for (guint i = 0; ok && i < phones->len; i++)
    {
      g_autofree char *key = search_key (g_ptr_array_index (phones, i), NULL, 'T');

      if (key)
        ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
             && lookup (db, sql_by_phone_key, key, NULL, exclude_id, NULL,
                        TD_DUPLICATE_PHONE, found, error);
    }
  for (guint i = 0; ok && i < emails->len; i++)
    {
      g_autofree char *key = search_key (NULL, g_ptr_array_index (emails, i), 'E');
      g_autofree char *folded = email_fold (g_ptr_array_index (emails, i));

      if (key)
        ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
             && lookup (db, sql_by_email_key, key, NULL, exclude_id, folded,
                        TD_DUPLICATE_EMAIL, found, error);
    }
  if (ok && name && birth)
    ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
         && lookup (db, sql_by_name_birth, name, birth, exclude_id, NULL,
                    TD_DUPLICATE_NAME_BIRTH, found, error);
  _td_database_unlock (db);
  if (!ok)
    return NULL;

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &candidate))
    g_ptr_array_add (sorted, candidate);
  g_ptr_array_sort (sorted, compare_candidates);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) td_duplicate_free);
  for (guint i = 0; i < sorted->len && i < TD_DUPLICATES_MAX; i++)
    {
      TdDuplicate *duplicate = g_new0 (TdDuplicate, 1);

      candidate = g_ptr_array_index (sorted, i);
      duplicate->id = g_strdup (candidate->id);
      duplicate->name = g_strdup (candidate->name);
      duplicate->phone = g_strdup (candidate->phone);
      duplicate->id_number_masked = td_id_number_mask (candidate->id_number);
      duplicate->reason = strongest (candidate->reasons);
      duplicate->reasons = candidate->reasons;
      g_ptr_array_add (results, duplicate);
    }
  return results;
}

GPtrArray *
td_customer_find_duplicates (TdDatabase  *db,
                             JsonObject  *values,
                             GPtrArray   *documents,
                             const char  *exclude_id,
                             GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (values != NULL, NULL);

  return find_duplicates (db, values, documents, exclude_id, NULL, error);
}

typedef struct {
  JsonObject *values;
  char       *exclude_id;
} FindData;

static void
find_data_free (FindData *data)
{
  json_object_unref (data->values);
  g_free (data->exclude_id);
  g_free (data);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindData *data = task_data;
  GError *error = NULL;
  GPtrArray *results = find_duplicates (source_object, data->values, NULL, data->exclude_id,
                                        cancellable, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

void
td_customer_find_duplicates_async (TdDatabase          *db,
                                   JsonObject          *values,
                                   const char          *exclude_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (values != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (FindData, 1);
  /* the caller goes on editing its object while the thread reads */
  data->values = _td_duplicates_copy_object (values);
  data->exclude_id = g_strdup (exclude_id);

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_customer_find_duplicates_async);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, find_thread);
}

GPtrArray *
td_customer_find_duplicates_finish (TdDatabase    *db,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_customer_find_duplicates_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* pairs in the whole workspace                                       */

typedef struct {
  GPtrArray  *pairs;
  GHashTable *seen;    /* "id id", the smaller first */
  guint       limit;
} Pairs;

static gboolean
pairs_full (Pairs *p)
{
  return p->pairs->len >= p->limit;
}

/* Pairs each of ids (oldest first) with the first. */
static void
add_group (Pairs             *p,
           GPtrArray         *ids,
           TdDuplicateReason  reason)
{
  for (guint i = 1; i < ids->len && !pairs_full (p); i++)
    {
      const char *first = g_ptr_array_index (ids, 0);
      const char *second = g_ptr_array_index (ids, i);
      char *key = strcmp (first, second) < 0 ? g_strconcat (first, " ", second, NULL)
                                             : g_strconcat (second, " ", first, NULL);
      TdDuplicatePair *pair;

      if (!g_hash_table_add (p->seen, key))
        continue;
      pair = g_new0 (TdDuplicatePair, 1);
      pair->first_id = g_strdup (first);
      pair->second_id = g_strdup (second);
      pair->reason = reason;
      g_ptr_array_add (p->pairs, pair);
    }
}

/* The live customers of one shared value: group_sql gives id and (for
 * e-mails) the address, oldest first, for ?1 and ?2. */
static gboolean
pair_group (TdDatabase         *db,
            Pairs              *p,
            const char         *group_sql,
            const char         *value,
            const char         *value2,
            TdDuplicateReason   reason,
            GError            **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _td_database_prepare (db, group_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  if (value2)
    sqlite3_bind_text (stmt, 2, value2, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *email = (const char *) sqlite3_column_text (stmt, 1);

      if (g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        continue;
      g_ptr_array_add (ids, g_strdup (id));
      g_ptr_array_add (folded, email ? email_fold (email) : NULL);
    }
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  if (reason != TD_DUPLICATE_EMAIL)
    {
      add_group (p, ids, reason);
      return TRUE;
    }

  /* keys are cut after a few characters: the same key may hold different
   * addresses, each a group of its own */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) same = g_ptr_array_new ();
      const char *address = g_ptr_array_index (folded, i);

      if (address == NULL)
        continue;
      for (guint j = i; j < ids->len; j++)
        if (g_strcmp0 (g_ptr_array_index (folded, j), address) == 0)
          {
            g_ptr_array_add (same, g_ptr_array_index (ids, j));
            if (j > i)
              {
                g_free (g_ptr_array_index (folded, j));
                folded->pdata[j] = NULL;
              }
          }
      add_group (p, same, reason);
    }
  return TRUE;
}

/* The values more than one customer share (values_sql gives one or two
 * columns), each passed to pair_group(). */
static gboolean
pair_values (TdDatabase         *db,
             Pairs              *p,
             const char         *values_sql,
             const char         *group_sql,
             TdDuplicateReason   reason,
             GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (pairs_full (p))
    return TRUE;
  stmt = _td_database_prepare (db, values_sql, error);
  if (stmt == NULL)
    return FALSE;
  while (ok && !pairs_full (p) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *value2 = NULL;

      if (sqlite3_column_count (stmt) > 1)
        value2 = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      ok = pair_group (db, p, group_sql, value, value2, reason, error);
    }
  if (ok && !pairs_full (p) && rc != SQLITE_DONE)
    {
      _td_database_set_error (error, _td_database_get_handle (db), rc);
      ok = FALSE;
    }
  sqlite3_reset (stmt);
  return ok;
}

GPtrArray *
td_customer_list_duplicate_pairs (TdDatabase  *db,
                                  guint        limit,
                                  GError     **error)
{
  static const struct {
    TdDuplicateReason reason;
    const char *values_sql;
    const char *group_sql;
  } passes[] = {
    /* each pass reads an index whole (covering): the values first, then
     * the live customers of each */
    { TD_DUPLICATE_ID_NUMBER,
      "SELECT id_number FROM customers WHERE id_number IS NOT NULL "
      "GROUP BY id_number HAVING count(*) > 1",
      "SELECT id, NULL FROM customers WHERE id_number = ?1 AND deleted = 0 ORDER BY created_at, id" },
    /* numbers of documents that another customer has too */
    { TD_DUPLICATE_ID_NUMBER,
      "SELECT DISTINCT d.number FROM customer_documents d WHERE d.deleted = 0 AND ("
      "  EXISTS (SELECT 1 FROM customers c WHERE c.id_number = d.number"
      "          AND c.id <> d.customer_id AND c.deleted = 0)"
      "  OR EXISTS (SELECT 1 FROM customer_documents e WHERE e.number = d.number"
      "             AND e.customer_id <> d.customer_id AND e.deleted = 0))",
      "SELECT id, NULL, created_at FROM customers WHERE id_number = ?1 AND deleted = 0 "
      "UNION SELECT c.id, NULL, c.created_at "
      "FROM customer_documents d JOIN customers c ON c.id = d.customer_id "
      "WHERE d.number = ?1 AND d.deleted = 0 AND c.deleted = 0 "
      "ORDER BY 3, 1" },
    { TD_DUPLICATE_PHONE,
      "SELECT phone FROM customers WHERE phone IS NOT NULL GROUP BY phone HAVING count(*) > 1",
      "SELECT id, NULL FROM customers WHERE phone = ?1 AND deleted = 0 ORDER BY created_at, id" },
    /* the search index has only live customers, e-mails case folded */
    { TD_DUPLICATE_EMAIL,
      "SELECT key FROM customer_search WHERE key >= 'E' AND key < 'F' "
      "GROUP BY key HAVING count(*) > 1",
      "SELECT c.id, c.email FROM customer_search s JOIN customers c ON c.rowid = s.customer "
      "WHERE s.key = ?1 AND c.deleted = 0 ORDER BY c.created_at, c.id" },
    { TD_DUPLICATE_NAME_BIRTH,
      "SELECT name, birth_date FROM customers WHERE birth_date IS NOT NULL "
      "GROUP BY name, birth_date HAVING count(*) > 1",
      "SELECT id, NULL FROM customers WHERE name = ?1 AND birth_date = ?2 AND deleted = 0 "
      "ORDER BY created_at, id" },
  };
  Pairs p;
  gboolean ok = TRUE;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (!_td_duplicates_check_schema (db, error))
    return NULL;

  p.pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) td_duplicate_pair_free);
  p.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p.limit = limit ? limit : DEFAULT_PAIRS;

  _td_database_lock (db);
  for (guint i = 0; ok && i < G_N_ELEMENTS (passes); i++)
    ok = pair_values (db, &p, passes[i].values_sql, passes[i].group_sql, passes[i].reason, error);
  _td_database_unlock (db);

  g_hash_table_unref (p.seen);
  if (!ok)
    {
      g_ptr_array_unref (p.pairs);
      return NULL;
    }
  return p.pairs;
}
