/* td-customer-overview.c: one customer with everything about them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer-overview.h"
#include "td-customer-profile.h"
#include "td-database-private.h"
#include "td-id-number.h"

void
td_timeline_entry_free (TdTimelineEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->title);
  g_free (entry->text);
  g_free (entry->record_id);
  g_free (entry);
}

void
td_customer_overview_free (TdCustomerOverview *overview)
{
  if (overview == NULL)
    return;
  g_clear_pointer (&overview->customer, json_object_unref);
  g_clear_pointer (&overview->documents, g_ptr_array_unref);
  g_clear_pointer (&overview->timeline, g_ptr_array_unref);
  g_free (overview);
}

/* ------------------------------------------------------------------ */
/* what changed, in words                                             */

/* A value of the audit log as people read it: choices in words, identity
 * numbers masked, "(none)" for nothing. */
static char *
value_text (const char *field,
            JsonNode   *node)
{
  const char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(none)"));
  if (!JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("…");
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, node);
      return json_generator_to_data (generator, NULL);
    }
  text = json_node_get_string (node);
  if (g_strcmp0 (field, "id_number") == 0 || g_strcmp0 (field, "number") == 0)
    return td_id_number_mask (text);
  return g_strdup (td_customer_value_title (field, text));
}

/* "Phone: 138… → 139…", a line per field the change set; not the times
 * consent was given (the time of the change) nor what a record refers to. */
static char *
describe_changes (JsonObject *changes)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (changes);

  for (const GList *l = members; l; l = l->next)
    {
      const char *field = l->data;
      JsonNode *pair = json_object_get_member (changes, field);
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;
      JsonArray *array;

      if (g_str_has_suffix (field, "_at") || g_str_equal (field, "customer_id")
          || !JSON_NODE_HOLDS_ARRAY (pair) || json_array_get_length (array = json_node_get_array (pair)) != 2)
        continue;
      old_value = value_text (field, json_array_get_element (array, 0));
      new_value = value_text (field, json_array_get_element (array, 1));
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a change in a customer's timeline: field, old value, new value */
      g_string_append_printf (text, C_("timeline", "%s: %s → %s"), td_customer_field_title (field), old_value, new_value);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* "Passport E1234****" for a new document */
static char *
document_summary (JsonObject *changes)
{
  JsonNode *type = json_object_get_member (changes, "doc_type");
  JsonNode *number = json_object_get_member (changes, "number");
  g_autofree char *type_text = NULL;
  g_autofree char *number_text = NULL;

  if (type == NULL || number == NULL || !JSON_NODE_HOLDS_ARRAY (type) || !JSON_NODE_HOLDS_ARRAY (number))
    return NULL;
  type_text = value_text ("doc_type", json_array_get_element (json_node_get_array (type), 1));
  number_text = value_text ("number", json_array_get_element (json_node_get_array (number), 1));
  return g_strdup_printf ("%s %s", type_text, number_text);
}

/* ------------------------------------------------------------------ */
/* the timeline's sources                                             */

typedef gboolean (*TimelineSource) (TdDatabase  *db,
                                    const char  *customer_id,
                                    GPtrArray   *timeline,
                                    GError     **error);

/* The changes to the record and its documents. */
static TdTimelineEntry *
entry_for_change (TdAuditEntry *change)
{
  TdTimelineEntry *entry = g_new0 (TdTimelineEntry, 1);
  gboolean update = g_strcmp0 (change->op, "update") == 0;

  entry->at = g_strdup (change->at);
  entry->actor = g_strdup (change->actor);
  entry->record_id = g_strdup (change->record_id);

  if (g_strcmp0 (change->kind, "customer_document") == 0)
    {
      entry->kind = TD_TIMELINE_DOCUMENT;
      if (g_strcmp0 (change->op, "insert") == 0)
        entry->title = g_strdup (_("Identity document added"));
      else if (g_strcmp0 (change->op, "delete") == 0)
        entry->title = g_strdup (_("Identity document removed"));
      else
        entry->title = g_strdup (_("Identity document changed"));
    }
  else if (g_strcmp0 (change->op, "insert") == 0)
    {
      entry->kind = TD_TIMELINE_CREATED;
      entry->title = g_strdup (_("Customer added"));
    }
  else if (g_strcmp0 (change->op, "delete") == 0)
    {
      entry->kind = TD_TIMELINE_DELETED;
      entry->title = g_strdup (_("Customer deleted"));
    }
  else if (g_strcmp0 (change->op, "restore") == 0)
    {
      entry->kind = TD_TIMELINE_RESTORED;
      entry->title = g_strdup (_("Customer restored"));
    }
  else
    {
      entry->kind = TD_TIMELINE_CHANGED;
      entry->title = g_strdup (_("Details changed"));
    }
  /* what changed; a new record is the customer as shown above, a new
   * document is said in a word */
  if (update)
    entry->text = describe_changes (change->changes);
  else if (entry->kind == TD_TIMELINE_DOCUMENT && g_strcmp0 (change->op, "insert") == 0)
    entry->text = document_summary (change->changes);
  return entry;
}

/* The notes, and the changes to the record and its documents. */
static gboolean
add_notes_and_history (TdDatabase  *db,
                       const char  *customer_id,
                       GPtrArray   *timeline,
                       GError     **error)
{
  g_autoptr(GPtrArray) notes = td_customer_list_notes (db, customer_id, error);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GHashTable) writers = g_hash_table_new (g_str_hash, g_str_equal);

  if (notes == NULL || (history = td_customer_list_history (db, customer_id, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < history->len; i++)
    {
      TdAuditEntry *change = g_ptr_array_index (history, i);

      if (g_strcmp0 (change->kind, "customer_note") == 0)
        {
          /* a note is its own entry: who wrote it is all the log adds */
          if (g_strcmp0 (change->op, "insert") == 0)
            g_hash_table_insert (writers, change->record_id, change->actor);
          continue;
        }
      g_ptr_array_add (timeline, entry_for_change (change));
    }

  for (guint i = 0; i < notes->len; i++)
    {
      JsonObject *note = g_ptr_array_index (notes, i);
      TdTimelineEntry *entry = g_new0 (TdTimelineEntry, 1);

      entry->kind = TD_TIMELINE_NOTE;
      entry->title = g_strdup (_("Note"));
      entry->record_id = g_strdup (json_object_get_string_member (note, "id"));
      entry->at = g_strdup (json_object_get_string_member (note, "created_at"));
      entry->text = g_strdup (json_object_get_string_member_with_default (note, "body", NULL));
      entry->actor = g_strdup (g_hash_table_lookup (writers, entry->record_id));
      g_ptr_array_add (timeline, entry);
    }
  return TRUE;
}

/* Later areas add theirs here (bookings, stays, complaints, surveys). */
static const TimelineSource timeline_sources[] = {
  add_notes_and_history,
};

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const TdTimelineEntry *ea = *(TdTimelineEntry **) a;
  const TdTimelineEntry *eb = *(TdTimelineEntry **) b;

  return -g_strcmp0 (ea->at, eb->at);
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

TdCustomerOverview *
td_customer_overview_load (TdDatabase  *db,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(TdCustomerOverview) overview = g_new0 (TdCustomerOverview, 1);
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  overview->timeline = g_ptr_array_new_with_free_func ((GDestroyNotify) td_timeline_entry_free);

  /* all of it as it was at one moment */
  _td_database_lock (db);
  overview->customer = td_database_get_record (db, "customer", id, error);
  ok = overview->customer != NULL
    && (overview->documents = td_customer_list_documents (db, id, error)) != NULL;
  for (guint i = 0; ok && i < G_N_ELEMENTS (timeline_sources); i++)
    ok = timeline_sources[i] (db, id, overview->timeline, error);
  _td_database_unlock (db);
  if (!ok)
    return NULL;

  /* (a stable sort: what happened in one commit keeps its order) */
  g_ptr_array_sort (overview->timeline, compare_newest_first);
  if (overview->timeline->len > TD_CUSTOMER_TIMELINE_LIMIT)
    g_ptr_array_set_size (overview->timeline, TD_CUSTOMER_TIMELINE_LIMIT);
  return g_steal_pointer (&overview);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  TdCustomerOverview *overview = td_customer_overview_load (source_object, task_data, &error);

  if (overview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, overview, (GDestroyNotify) td_customer_overview_free);
}

void
td_customer_overview_load_async (TdDatabase          *db,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_customer_overview_load_async);
  g_task_set_task_data (task, g_strdup (id), g_free);
  g_task_run_in_thread (task, load_thread);
}

TdCustomerOverview *
td_customer_overview_load_finish (TdDatabase    *db,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* deleting                                                           */

static void
add_deletions (GPtrArray  *changes,
               const char *kind,
               GPtrArray  *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);

      g_ptr_array_add (changes, td_change_new_delete (kind, json_object_get_string_member (record, "id"),
                                                      json_object_get_int_member (record, "revision")));
    }
}

gboolean
td_customer_delete (TdDatabase  *db,
                    const char  *actor,
                    const char  *id,
                    gint64       revision,
                    GPtrArray  **undo,
                    GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GPtrArray) restore = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  /* read and written under one lock: nothing comes between */
  _td_database_lock (db);
  customer = td_database_get_record (db, "customer", id, error);
  ok = customer != NULL
    && (documents = td_customer_list_documents (db, id, error)) != NULL
    && (notes = td_customer_list_notes (db, id, error)) != NULL;
  if (ok)
    {
      add_deletions (changes, "customer_document", documents);
      add_deletions (changes, "customer_note", notes);
      /* the customer last: its documents and notes refer to it */
      g_ptr_array_add (changes, td_change_new_delete ("customer", id,
                                                      revision > 0 ? revision
                                                                   : json_object_get_int_member (customer, "revision")));
      ok = td_database_commit (db, actor, changes, error);
    }
  _td_database_unlock (db);
  if (!ok)
    return FALSE;

  /* back: the customer first, then what refers to it */
  for (guint i = changes->len; i > 0; i--)
    {
      TdChange *deletion = g_ptr_array_index (changes, i - 1);

      g_ptr_array_add (restore, td_change_new_restore (td_change_get_kind (deletion), td_change_get_id (deletion),
                                                       td_change_get_base_revision (deletion) + 1));
    }
  if (undo)
    *undo = g_steal_pointer (&restore);
  return TRUE;
}
