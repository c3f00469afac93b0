/* td-customer-duplicates.c: likely duplicates of a customer, and merging two
 *
 * Finding duplicates only ever looks values up in indexes (migrations 2, 5
 * and 6): customers(id_number), customer_documents(number),
 * customers(name, birth_date), and the search index customer_search for
 * phones and e-mails, main and other: its “T” keys hold a phone's digits,
 * its “E” keys the address case folded (customers(email) holds it as
 * typed, and “email = ? COLLATE NOCASE” would scan the table). A lookup reads at most ROWS_PER_LOOKUP rows, so a value
 * many customers share (a travel agency's phone) stays cheap.
 *
 * A merge is one td_database_commit(): the survivor's update, identity
 * documents made of identity numbers it does not keep, every live record
 * that referred to the other moved over, a note on the survivor, and the
 * other's merged_into and tombstone. The audit log and the outbox carry all
 * of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer.h"
#include "td-customer-duplicates.h"
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

static gboolean
check_schema (TdDatabase  *db,
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
static const char *
text_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  return text && *text ? text : NULL;
}

/* NULL, null or "" */
static gboolean
node_is_empty (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         && *json_node_get_string (node) == '\0';
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  if (node_is_empty (a) || node_is_empty (b))
    return node_is_empty (a) && node_is_empty (b);
  return json_node_equal (a, b);
}

/* The items of a comma-separated list, trimmed, without empty ones. */
static GPtrArray *
split_list (const char *text)
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
static char *
id_number_fold (const char *number)
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

static JsonObject *
copy_object (JsonObject *object)
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
  g_autoptr(GPtrArray) more = split_list (text_member (values, list_field));

  add_unique (items, text_member (values, main_field));
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
  const char *name = text_member (values, "name");
  const char *birth = text_member (values, "birth_date");
  GPtrArray *results;
  GHashTableIter iter;
  Candidate *candidate;
  gboolean ok = TRUE;

  if (!check_schema (db, error))
    return NULL;

  /* identity numbers as written and as td_customer_check() writes them */
  add_unique (numbers, text_member (values, "id_number"));
  for (guint i = 0; documents && i < documents->len; i++)
    {
      const char *number = text_member (g_ptr_array_index (documents, i), "number");
      g_autofree char *folded = number ? id_number_fold (number) : NULL;

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
  data->values = copy_object (values);
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

  if (!check_schema (db, error))
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

/* ------------------------------------------------------------------ */
/* merging                                                            */

/* Fields that belong together: the first leads, the others follow it. */
static const char * const name_group[] = { "name", "family_name", "given_name", NULL };
static const char * const identity_group[] = { "id_number", "id_type", "id_country", "id_expiry", NULL };
static const char * const address_group[] = { "province", "city", "district", NULL };
static const char * const consent_email_group[] = { "consent_email", "consent_email_at", "consent_email_how", NULL };
static const char * const consent_sms_group[] = { "consent_sms", "consent_sms_at", "consent_sms_how", NULL };
static const char * const consent_phone_group[] = { "consent_phone", "consent_phone_at", "consent_phone_how", NULL };
static const char * const * const groups[] = {
  name_group, identity_group, address_group, consent_email_group, consent_sms_group, consent_phone_group,
};

/* Merged by a rule of their own, never simply picked. */
static const char * const ruled_fields[] = {
  "merged_into", "tags", "other_phones", "other_emails", "notes", "loyalty_points", NULL,
};

static JsonNode *
member_or_null (JsonObject *object,
                const char *field)
{
  JsonNode *node = json_object_get_member (object, field);

  return node ? json_node_copy (node) : json_node_init_null (json_node_alloc ());
}

/* The customer, live and (unless revision is 0) at that revision. */
static JsonObject *
read_live (TdDatabase  *db,
           const char  *id,
           gint64       revision,
           GError     **error)
{
  g_autoptr(JsonObject) record = td_database_get_record (db, "customer", id, error);

  if (record == NULL)
    return NULL;
  if (json_object_get_boolean_member (record, "deleted"))
    {
      const char *into = text_member (record, "merged_into");

      if (into)
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                     _("The customer “%s” was already merged into %s"),
                     text_member (record, "name"), into);
      else
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                     _("The customer “%s” has been deleted"), text_member (record, "name"));
      return NULL;
    }
  if (revision != 0 && json_object_get_int_member (record, "revision") != revision)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT,
                   _("The customer “%s” was changed by someone else in the meantime (revision %d, expected %d). Reload it and try again."),
                   text_member (record, "name"), (int) json_object_get_int_member (record, "revision"),
                   (int) revision);
      return NULL;
    }
  return g_steal_pointer (&record);
}

/* Each member of chosen is a customer field, with the value of one of the
 * two customers. */
static gboolean
check_chosen (const TdKind  *kind,
              JsonObject    *keep,
              JsonObject    *other,
              JsonObject    *chosen,
              GError       **error)
{
  g_autoptr(GList) members = chosen ? json_object_get_members (chosen) : NULL;

  for (const GList *l = members; l; l = l->next)
    {
      const char *field = l->data;
      JsonNode *node = json_object_get_member (chosen, field);

      if (td_kind_get_field (kind, field) == NULL || strcmp (field, "merged_into") == 0)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("“%s” is not a customer field that can be chosen in a merge"), field);
          return FALSE;
        }
      if (!same_value (node, json_object_get_member (keep, field))
          && !same_value (node, json_object_get_member (other, field)))
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("%s: choose the value of one of the two customers"),
                       td_customer_field_title (field));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_consent_group (const char * const *group)
{
  return g_str_has_prefix (group[0], "consent_");
}

/* Sets the fields of one group in merged. */
static void
merge_group (const char * const *group,
             JsonObject         *keep,
             JsonObject         *other,
             JsonObject         *chosen,
             JsonObject         *merged)
{
  JsonNode *keep_lead = json_object_get_member (keep, group[0]);
  JsonNode *other_lead = json_object_get_member (other, group[0]);
  JsonNode *chosen_lead = chosen ? json_object_get_member (chosen, group[0]) : NULL;
  JsonObject *source, *second;

  if (chosen_lead)
    source = same_value (chosen_lead, other_lead) && !same_value (chosen_lead, keep_lead) ? other : keep;
  else if (node_is_empty (keep_lead))
    source = node_is_empty (other_lead) ? keep : other;
  else if (node_is_empty (other_lead))
    source = keep;
  else if (is_consent_group (group))
    {
      /* the customer's latest word counts: a withdrawal is not undone */
      g_autofree char *at = g_strconcat (group[0], "_at", NULL);

      source = g_strcmp0 (text_member (other, at), text_member (keep, at)) > 0 ? other : keep;
    }
  else
    source = keep;
  second = source == keep ? other : keep;

  for (guint i = 0; group[i]; i++)
    {
      JsonNode *node = chosen ? json_object_get_member (chosen, group[i]) : NULL;

      if (node == NULL)
        node = json_object_get_member (source, group[i]);
      /* the same document, person or place: the other may know more */
      if (node_is_empty (node) && same_value (keep_lead, other_lead))
        node = json_object_get_member (second, group[i]);
      json_object_set_member (merged, group[i], node ? json_node_copy (node) : json_node_init_null (json_node_alloc ()));
    }
}

/* list_field of both, plus main_field of both where it is not kept, without
 * repeats (ignoring case) and without the kept main value. */
static void
merge_list (JsonObject *keep,
            JsonObject *other,
            JsonObject *merged,
            const char *list_field,
            const char *main_field)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  const char *kept = main_field ? text_member (merged, main_field) : NULL;
  g_autofree char *kept_folded = kept ? g_utf8_casefold (kept, -1) : NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  JsonObject *records[] = { keep, other };

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      g_autoptr(GPtrArray) list = split_list (text_member (records[r], list_field));

      if (main_field && text_member (records[r], main_field))
        g_ptr_array_add (candidates, g_strdup (text_member (records[r], main_field)));
      g_ptr_array_extend_and_steal (candidates, g_steal_pointer (&list));
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *item = g_ptr_array_index (candidates, i);
      char *item_folded = g_utf8_casefold (item, -1);

      if (g_strcmp0 (item_folded, kept_folded) == 0
          || g_ptr_array_find_with_equal_func (folded, item_folded, g_str_equal, NULL))
        {
          g_free (item_folded);
          continue;
        }
      g_ptr_array_add (folded, item_folded);
      g_ptr_array_add (items, g_strdup (item));
    }

  if (items->len == 0)
    json_object_set_null_member (merged, list_field);
  else
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (items, NULL);
      joined = g_strjoinv (",", (char **) items->pdata);
      json_object_set_string_member (merged, list_field, joined);
    }
}

/* The values of both customers, as keep_id is to be after the merge. */
static JsonObject *
merge_values (const TdKind  *kind,
              JsonObject    *keep,
              JsonObject    *other,
              JsonObject    *chosen,
              GError       **error)
{
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(GPtrArray) problems = NULL;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    merge_group (groups[g], keep, other, chosen, merged);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const char *field = kind->fields[i].name;
      JsonNode *node = chosen ? json_object_get_member (chosen, field) : NULL;

      if (json_object_has_member (merged, field) || g_strv_contains (ruled_fields, field))
        continue;
      if (node == NULL)
        node = json_object_get_member (node_is_empty (json_object_get_member (keep, field)) ? other : keep, field);
      json_object_set_member (merged, field, node ? json_node_copy (node) : json_node_init_null (json_node_alloc ()));
    }

  merge_list (keep, other, merged, "other_phones", "phone");
  merge_list (keep, other, merged, "other_emails", "email");
  merge_list (keep, other, merged, "tags", NULL);

  /* notes: both, unless one was chosen */
  if (chosen && json_object_has_member (chosen, "notes"))
    json_object_set_member (merged, "notes", member_or_null (chosen, "notes"));
  else
    {
      const char *a = text_member (keep, "notes"), *b = text_member (other, "notes");

      if (a && b && strstr (a, b) == NULL)
        {
          g_autofree char *both = g_strconcat (a, "\n\n", b, NULL);

          json_object_set_string_member (merged, "notes", both);
        }
      else
        json_object_set_member (merged, "notes", member_or_null (a ? keep : other, "notes"));
    }

  /* loyalty points: the sum, unless one was chosen */
  if (chosen && json_object_has_member (chosen, "loyalty_points"))
    json_object_set_member (merged, "loyalty_points", member_or_null (chosen, "loyalty_points"));
  else
    {
      JsonNode *a = json_object_get_member (keep, "loyalty_points");
      JsonNode *b = json_object_get_member (other, "loyalty_points");

      if (node_is_empty (a) && node_is_empty (b))
        json_object_set_null_member (merged, "loyalty_points");
      else
        json_object_set_int_member (merged, "loyalty_points",
                                    (node_is_empty (a) ? 0 : json_node_get_int (a))
                                    + (node_is_empty (b) ? 0 : json_node_get_int (b)));
    }

  json_object_set_null_member (merged, "merged_into");

  /* what was saved before the check existed is brought to normal form */
  problems = td_customer_check (merged);
  for (guint i = 0; i < problems->len; i++)
    {
      TdFieldProblem *problem = g_ptr_array_index (problems, i);

      if (!problem->warning)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("The merged customer cannot be saved: %s: %s"),
                       td_customer_field_title (problem->field), problem->message);
          return NULL;
        }
    }
  return g_steal_pointer (&merged);
}

/* The numbers of the live documents of the two customers, folded. */
static GHashTable *
document_numbers (TdDatabase  *db,
                  const char  *keep_id,
                  const char  *other_id,
                  GError     **error)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = _td_database_prepare (db,
                                             "SELECT number FROM customer_documents "
                                             "WHERE customer_id IN (?1, ?2) AND deleted = 0",
                                             error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, keep_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, other_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (numbers, id_number_fold ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&numbers) : NULL;
}

/* Identity documents of the customer records that the merge does not keep
 * become documents of keep_id. */
static gboolean
add_dropped_documents (TdDatabase  *db,
                       JsonObject  *keep,
                       JsonObject  *other,
                       JsonObject  *merged,
                       GPtrArray   *changes,
                       GError     **error)
{
  const char *keep_id = text_member (keep, "id");
  g_autoptr(GHashTable) numbers = document_numbers (db, keep_id, text_member (other, "id"), error);
  JsonObject *records[] = { keep, other };
  g_autofree char *kept = NULL;

  if (numbers == NULL)
    return FALSE;
  if (text_member (merged, "id_number"))
    kept = id_number_fold (text_member (merged, "id_number"));

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      const char *number = text_member (records[r], "id_number");
      g_autofree char *folded = number ? id_number_fold (number) : NULL;
      TdChange *c;

      if (folded == NULL || g_strcmp0 (folded, kept) == 0 || g_hash_table_contains (numbers, folded))
        continue;
      g_hash_table_add (numbers, g_strdup (folded));
      c = td_change_new_insert ("customer_document", text_member (keep, "org_id"));
      td_change_set_string (c, "customer_id", keep_id);
      td_change_set_string (c, "doc_type", text_member (records[r], "id_type") ?: "other");
      td_change_set_string (c, "number", number);
      if (text_member (records[r], "id_country"))
        td_change_set_string (c, "country", text_member (records[r], "id_country"));
      if (text_member (records[r], "id_expiry"))
        td_change_set_string (c, "expiry", text_member (records[r], "id_expiry"));
      g_ptr_array_add (changes, c);
    }
  return TRUE;
}

/* Every live record that refers to other_id (through any reference to a
 * customer but merged_into) is moved to keep_id. */
static gboolean
move_references (TdDatabase  *db,
                 const char  *keep_id,
                 const char  *other_id,
                 GPtrArray   *changes,
                 GError      **error)
{
  guint n_kinds;
  const TdKind * const *kinds = td_kind_all (&n_kinds);
  /* "kind id" → its change: a record with two references gets one */
  g_autoptr(GHashTable) moved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint k = 0; k < n_kinds; k++)
    for (guint f = 0; f < kinds[k]->n_fields; f++)
      {
        const TdField *field = &kinds[k]->fields[f];
        gboolean customers = strcmp (kinds[k]->name, "customer") == 0;
        g_autofree char *sql = NULL;
        sqlite3_stmt *stmt;
        int rc;

        if (field->type != TD_FIELD_REF || g_strcmp0 (field->ref_kind, "customer") != 0
            || (customers && strcmp (field->name, "merged_into") == 0))
          continue;

        sql = g_strdup_printf ("SELECT id, revision FROM %s WHERE %s = ? AND deleted = 0",
                               kinds[k]->table, field->name);
        stmt = _td_database_prepare (db, sql, error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_text (stmt, 1, other_id, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            const char *id = (const char *) sqlite3_column_text (stmt, 0);
            g_autofree char *key = g_strconcat (kinds[k]->name, " ", id, NULL);
            TdChange *c = g_hash_table_lookup (moved, key);

            /* the two customers themselves are written below */
            if (customers && (strcmp (id, keep_id) == 0 || strcmp (id, other_id) == 0))
              continue;
            if (c == NULL)
              {
                c = td_change_new_update (kinds[k]->name, id, sqlite3_column_int64 (stmt, 1));
                g_ptr_array_add (changes, c);
                g_hash_table_insert (moved, g_steal_pointer (&key), c);
              }
            td_change_set_string (c, field->name, keep_id);
          }
        if (rc != SQLITE_DONE)
          _td_database_set_error (error, _td_database_get_handle (db), rc);
        sqlite3_reset (stmt);
        if (rc != SQLITE_DONE)
          return FALSE;
      }
  return TRUE;
}

/* The note on keep_id: what was merged, and what of it was not kept. */
static char *
merge_note (const TdKind *kind,
            JsonObject   *other,
            JsonObject   *chosen,
            JsonObject   *merged)
{
  g_autoptr(GString) lost = g_string_new (NULL);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const char *field = kind->fields[i].name;
      JsonNode *node = json_object_get_member (other, field);
      g_autofree char *text = NULL;

      /* kept in a list, summed or joined (unless chosen), or moved to a
       * document with its type, country and expiry */
      if (g_strv_contains (ruled_fields, field)
          && !(chosen && json_object_has_member (chosen, field)
               && (strcmp (field, "loyalty_points") == 0 || strcmp (field, "notes") == 0)))
        continue;
      if (strcmp (field, "phone") == 0 || strcmp (field, "email") == 0
          || (g_strv_contains (identity_group, field) && text_member (other, "id_number")
              && !same_value (json_object_get_member (other, "id_number"),
                              json_object_get_member (merged, "id_number"))))
        continue;
      if (node_is_empty (node) || same_value (node, json_object_get_member (merged, field)))
        continue;

      if (json_node_get_value_type (node) == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else
        text = g_strdup (td_customer_value_title (field, json_node_get_string (node)));
      if (lost->len > 0)
        g_string_append (lost, C_("list separator", "; "));
      /* TRANSLATORS: a field and its value: "Birth date: 1990-03-07" */
      g_string_append_printf (lost, C_("field and value", "%s: %s"), td_customer_field_title (field), text);
    }

  if (lost->len == 0)
    return g_strdup_printf (_("Merged with the customer “%s” (%s); every value of that record was kept."),
                            text_member (other, "name"), text_member (other, "id"));
  return g_strdup_printf (_("Merged with the customer “%s” (%s). Values of that record not kept: %s."),
                          text_member (other, "name"), text_member (other, "id"), lost->str);
}

static gboolean
merge_locked (TdDatabase  *db,
              const char  *actor,
              const char  *keep_id,
              gint64       keep_revision,
              const char  *other_id,
              gint64       other_revision,
              JsonObject  *chosen,
              GError     **error)
{
  const TdKind *kind = td_kind_lookup ("customer");
  g_autoptr(JsonObject) keep = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autofree char *note = NULL;
  TdChange *c;
  gint64 other_base;

  if ((keep = read_live (db, keep_id, keep_revision, error)) == NULL
      || (other = read_live (db, other_id, other_revision, error)) == NULL
      || !check_chosen (kind, keep, other, chosen, error)
      || (merged = merge_values (kind, keep, other, chosen, error)) == NULL)
    return FALSE;

  if (!add_dropped_documents (db, keep, other, merged, changes, error)
      || !move_references (db, keep_id, other_id, changes, error))
    return FALSE;

  note = merge_note (kind, other, chosen, merged);
  c = td_change_new_insert ("customer_note", text_member (keep, "org_id"));
  td_change_set_string (c, "customer_id", keep_id);
  td_change_set_string (c, "body", note);
  g_ptr_array_add (changes, c);

  /* the survivor: only what changes, so that the log shows just that (and
   * when nothing does, nothing of it can be overwritten either) */
  c = td_change_new_update ("customer", keep_id, json_object_get_int_member (keep, "revision"));
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const char *field = kind->fields[i].name;
      JsonNode *node = json_object_get_member (merged, field);

      if (node && !same_value (node, json_object_get_member (keep, field)))
        json_object_set_member (td_change_get_values (c), field, json_node_copy (node));
    }
  if (json_object_get_size (td_change_get_values (c)) > 0)
    g_ptr_array_add (changes, c);
  else
    td_change_unref (c);

  other_base = json_object_get_int_member (other, "revision");
  c = td_change_new_update ("customer", other_id, other_base);
  td_change_set_string (c, "merged_into", keep_id);
  g_ptr_array_add (changes, c);
  g_ptr_array_add (changes, td_change_new_delete ("customer", other_id, other_base + 1));

  return td_database_commit (db, actor, changes, error);
}

static gboolean
merge (TdDatabase  *db,
       const char  *actor,
       const char  *keep_id,
       gint64       keep_revision,
       const char  *other_id,
       gint64       other_revision,
       JsonObject  *chosen,
       GError     **error)
{
  gboolean ok;

  if (!check_schema (db, error))
    return FALSE;
  if (g_strcmp0 (keep_id, other_id) == 0)
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("A customer cannot be merged with itself"));
      return FALSE;
    }

  /* no other thread of ours writes between reading and committing (other
   * programs are caught by the revisions) */
  _td_database_lock (db);
  ok = merge_locked (db, actor, keep_id, keep_revision, other_id, other_revision, chosen, error);
  _td_database_unlock (db);
  return ok;
}

gboolean
td_customer_merge (TdDatabase  *db,
                   const char  *actor,
                   const char  *keep_id,
                   gint64       keep_revision,
                   const char  *other_id,
                   gint64       other_revision,
                   JsonObject  *chosen,
                   GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (keep_id != NULL, FALSE);
  g_return_val_if_fail (other_id != NULL, FALSE);

  return merge (db, actor, keep_id, keep_revision, other_id, other_revision, chosen, error);
}

typedef struct {
  char       *actor;
  char       *keep_id;
  gint64      keep_revision;
  char       *other_id;
  gint64      other_revision;
  JsonObject *chosen;
} MergeData;

static void
merge_data_free (MergeData *data)
{
  g_free (data->actor);
  g_free (data->keep_id);
  g_free (data->other_id);
  g_clear_pointer (&data->chosen, json_object_unref);
  g_free (data);
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MergeData *data = task_data;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error)
      || !merge (source_object, data->actor, data->keep_id, data->keep_revision,
                 data->other_id, data->other_revision, data->chosen, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
td_customer_merge_async (TdDatabase          *db,
                         const char          *actor,
                         const char          *keep_id,
                         gint64               keep_revision,
                         const char          *other_id,
                         gint64               other_revision,
                         JsonObject          *chosen,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MergeData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (keep_id != NULL);
  g_return_if_fail (other_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (MergeData, 1);
  data->actor = g_strdup (actor);
  data->keep_id = g_strdup (keep_id);
  data->keep_revision = keep_revision;
  data->other_id = g_strdup (other_id);
  data->other_revision = other_revision;
  data->chosen = chosen ? copy_object (chosen) : NULL;

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_customer_merge_async);
  g_task_set_task_data (task, data, (GDestroyNotify) merge_data_free);
  /* once started, a merge completes or rolls back: never half */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, merge_thread);
}

gboolean
td_customer_merge_finish (TdDatabase    *db,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_customer_merge_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
