/* td-customer-merge.c: merging two customers that are one person
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
#include "td-customer-duplicates-private.h"
#include "td-customer-merge.h"
#include "td-customer-profile.h"
#include "td-database-private.h"

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
      const char *into = _td_duplicates_text_member (record, "merged_into");

      if (into)
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                     _("The customer “%s” was already merged into %s"),
                     _td_duplicates_text_member (record, "name"), into);
      else
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND,
                     _("The customer “%s” has been deleted"), _td_duplicates_text_member (record, "name"));
      return NULL;
    }
  if (revision != 0 && json_object_get_int_member (record, "revision") != revision)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT,
                   _("The customer “%s” was changed by someone else in the meantime (revision %d, expected %d). Reload it and try again."),
                   _td_duplicates_text_member (record, "name"), (int) json_object_get_int_member (record, "revision"),
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

      source = g_strcmp0 (_td_duplicates_text_member (other, at), _td_duplicates_text_member (keep, at)) > 0 ? other : keep;
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
  const char *kept = main_field ? _td_duplicates_text_member (merged, main_field) : NULL;
  g_autofree char *kept_folded = kept ? g_utf8_casefold (kept, -1) : NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  JsonObject *records[] = { keep, other };

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      g_autoptr(GPtrArray) list = _td_duplicates_split_list (_td_duplicates_text_member (records[r], list_field));

      if (main_field && _td_duplicates_text_member (records[r], main_field))
        g_ptr_array_add (candidates, g_strdup (_td_duplicates_text_member (records[r], main_field)));
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
      const char *a = _td_duplicates_text_member (keep, "notes"), *b = _td_duplicates_text_member (other, "notes");

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
    g_hash_table_add (numbers, _td_duplicates_id_number_fold ((const char *) sqlite3_column_text (stmt, 0)));
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
  const char *keep_id = _td_duplicates_text_member (keep, "id");
  g_autoptr(GHashTable) numbers = document_numbers (db, keep_id, _td_duplicates_text_member (other, "id"), error);
  JsonObject *records[] = { keep, other };
  g_autofree char *kept = NULL;

  if (numbers == NULL)
    return FALSE;
  if (_td_duplicates_text_member (merged, "id_number"))
    kept = _td_duplicates_id_number_fold (_td_duplicates_text_member (merged, "id_number"));

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      const char *number = _td_duplicates_text_member (records[r], "id_number");
      g_autofree char *folded = number ? _td_duplicates_id_number_fold (number) : NULL;
      TdChange *c;

      if (folded == NULL || g_strcmp0 (folded, kept) == 0 || g_hash_table_contains (numbers, folded))
        continue;
      g_hash_table_add (numbers, g_strdup (folded));
      c = td_change_new_insert ("customer_document", _td_duplicates_text_member (keep, "org_id"));
      td_change_set_string (c, "customer_id", keep_id);
      td_change_set_string (c, "doc_type", _td_duplicates_text_member (records[r], "id_type") ?: "other");
      td_change_set_string (c, "number", number);
      if (_td_duplicates_text_member (records[r], "id_country"))
        td_change_set_string (c, "country", _td_duplicates_text_member (records[r], "id_country"));
      if (_td_duplicates_text_member (records[r], "id_expiry"))
        td_change_set_string (c, "expiry", _td_duplicates_text_member (records[r], "id_expiry"));
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
          || (g_strv_contains (identity_group, field) && _td_duplicates_text_member (other, "id_number")
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
                            _td_duplicates_text_member (other, "name"), _td_duplicates_text_member (other, "id"));
  return g_strdup_printf (_("Merged with the customer “%s” (%s). Values of that record not kept: %s."),
                          _td_duplicates_text_member (other, "name"), _td_duplicates_text_member (other, "id"), lost->str);
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
  c = td_change_new_insert ("customer_note", _td_duplicates_text_member (keep, "org_id"));
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

  if (!_td_duplicates_check_schema (db, error))
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
  data->chosen = chosen ? _td_duplicates_copy_object (chosen) : NULL;

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
