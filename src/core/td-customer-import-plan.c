/* td-customer-import-plan.c: what each row of an import does
 *
 * A row becomes one of: a new customer; an update of the customer it
 * matches (empty fields filled, new phones, e-mails, tags, documents and
 * notes added, different values reported and kept); nothing (the customer
 * already has it all); or a skip with the reason. See
 * td-customer-import.h for the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-change.h"
#include "td-customer-duplicates.h"
#include "td-customer-import-private.h"
#include "td-customer-profile.h"

struct _TdImportPlan {
  TdDatabase     *db;
  gboolean        keep_changes;
  GHashTable     *seen;      /* "i\x1fNUMBER", "p\x1fPHONE\x1fNAME", "e\x1f…" → line */
  GHashTable     *targets;   /* id of a customer updated → line */
  GHashTable     *created;   /* ids of the customers the plan creates */
  GPtrArray      *changes;   /* TdChange, when keep_changes: not yet taken */
  TdImportReport *report;
};

TdImportPlan *
_td_import_plan_new (TdDatabase *db,
                     gboolean    keep_changes)
{
  TdImportPlan *plan = g_new0 (TdImportPlan, 1);

  plan->db = g_object_ref (db);
  plan->keep_changes = keep_changes;
  plan->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (keep_changes)
    plan->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  plan->report = _td_import_report_new (!keep_changes);
  return plan;
}

void
_td_import_plan_free (TdImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_object_unref (plan->db);
  g_hash_table_unref (plan->seen);
  g_hash_table_unref (plan->targets);
  g_hash_table_unref (plan->created);
  g_clear_pointer (&plan->changes, g_ptr_array_unref);
  td_import_report_unref (plan->report);
  g_free (plan);
}

TdImportReport *
_td_import_plan_get_report (TdImportPlan *plan)
{
  return plan->report;
}

TdChange *
_td_import_plan_take_change (TdImportPlan *plan)
{
  /* a row's few changes at most: taking from the front is cheap */
  if (plan->changes == NULL || plan->changes->len == 0)
    return NULL;
  return g_ptr_array_steal_index (plan->changes, 0);
}

/* ------------------------------------------------------------------ */
/* helpers                                                            */

#define TEXT(object, field) json_object_get_string_member_with_default ((object), (field), NULL)

/* “张 伟”, “Zhang Wei”, “zhang·wei” are the same name. */
static char *
name_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name ? name : "", -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x00B7 && c != 0x2022 && c != '.' && c != 0x30FB)
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *ka = name_key (a);
  g_autofree char *kb = name_key (b);

  return *ka != '\0' && g_str_equal (ka, kb);
}

/* A member as text: strings as they are, integers written out. */
static char *
member_text (JsonObject *object,
             const char *field)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node))
    return g_strdup (json_node_get_string (node));
  return NULL;
}

static GPtrArray *
split_list (const char *text)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);

  for (guint i = 0; parts[i]; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_ptr_array_add (items, g_strdup (parts[i]));
  return items;
}

static gboolean
list_has (GPtrArray  *items,
          const char *value,
          gboolean    ignore_case)
{
  for (guint i = 0; i < items->len; i++)
    if (ignore_case ? g_ascii_strcasecmp (g_ptr_array_index (items, i), value) == 0
                    : g_str_equal (g_ptr_array_index (items, i), value))
      return TRUE;
  return FALSE;
}

static char *
join_list (GPtrArray *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      g_string_append (out, g_ptr_array_index (items, i));
    }
  return g_string_free (out, FALSE);
}

/* Identity document numbers are kept upper case, without spaces. */
static char *
clean_number (const char *number)
{
  g_autofree char *nfkc = g_utf8_normalize (number ? number : "", -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = nfkc ? nfkc : ""; *p; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

static const char *
document_type (const char *type)
{
  static const char * const known[] = {
    "resident-id", "passport", "hk-macao-permit", "taiwan-permit", "foreign-passport", "other",
  };

  for (guint i = 0; type && i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (type, known[i]))
      return known[i];
  return "other";
}

/* One member of each record, as a set: numbers of documents, bodies of
 * notes. */
static GHashTable *
member_set (GPtrArray  *records,
            const char *member)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < records->len; i++)
    {
      const char *value = TEXT (g_ptr_array_index (records, i), member);

      if (value)
        g_hash_table_add (set, g_strdup (value));
    }
  return set;
}

static void
add_entry (TdImportPlan   *plan,
           guint           line,
           TdImportAction  action,
           const char     *name,
           const char     *customer_id,
           char           *reason,
           GPtrArray      *warnings)
{
  TdImportEntry entry = { 0 };

  entry.line = line;
  entry.action = action;
  entry.name = g_strdup (name);
  entry.customer_id = g_strdup (customer_id);
  entry.reason = reason;
  if (warnings && warnings->len)
    {
      entry.warnings = g_new0 (char *, warnings->len + 1);
      for (guint i = 0; i < warnings->len; i++)
        entry.warnings[i] = g_strdup (g_ptr_array_index (warnings, i));
    }
  _td_import_report_add (plan->report, &entry);
}

void
_td_import_plan_skip (TdImportPlan *plan,
                      guint         line,
                      const char   *name,
                      char         *reason)
{
  add_entry (plan, line, TD_IMPORT_ACTION_SKIP, name, NULL, reason, NULL);
}

static void
add_change (TdImportPlan *plan,
            TdChange     *change)
{
  if (plan->changes)
    g_ptr_array_add (plan->changes, change);
  else
    td_change_unref (change);
}

static void
set_value (TdChange   *change,
           const char *field,
           const char *value)
{
  gint64 number;

  if (g_str_equal (field, "loyalty_points")
      && g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
    td_change_set_int (change, field, number);
  else
    td_change_set_string (change, field, value);
}

static void
add_document (TdImportPlan *plan,
              const char   *customer_id,
              JsonObject   *document)
{
  TdChange *change = td_change_new_insert ("customer_document", NULL);
  g_autofree char *number = clean_number (TEXT (document, "number"));
  const char *optional[] = { "country", "expiry", "notes" };

  td_change_set_string (change, "customer_id", customer_id);
  td_change_set_string (change, "doc_type", document_type (TEXT (document, "doc_type")));
  td_change_set_string (change, "number", number);
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (TEXT (document, optional[i]) && *TEXT (document, optional[i]))
      td_change_set_string (change, optional[i], TEXT (document, optional[i]));
  add_change (plan, change);
}

static void
add_note (TdImportPlan *plan,
          const char   *customer_id,
          const char   *body)
{
  TdChange *change = td_change_new_insert ("customer_note", NULL);

  td_change_set_string (change, "customer_id", customer_id);
  td_change_set_string (change, "body", body);
  add_change (plan, change);
}

/* ------------------------------------------------------------------ */
/* the same person twice in the file                                  */

typedef enum {
  KEY_ID_NUMBER,
  KEY_PHONE,
  KEY_EMAIL,
} KeyKind;

/* Calls func for each key of the row: its identity numbers, and its
 * phones and e-mails each with its name. Stops when func returns FALSE. */
static gboolean
foreach_key (TdCustomerRow *row,
             gboolean     (*func) (const char *key, KeyKind kind, gpointer data),
             gpointer       data)
{
  JsonObject *values = row->values;
  g_autofree char *name = name_key (TEXT (values, "name"));
  const char *lists[][2] = { { "phone", "other_phones" }, { "email", "other_emails" } };

  if (TEXT (values, "id_number"))
    {
      g_autofree char *key = g_strconcat ("i\x1f", TEXT (values, "id_number"), NULL);

      if (!func (key, KEY_ID_NUMBER, data))
        return FALSE;
    }
  for (guint i = 0; i < row->documents->len; i++)
    {
      g_autofree char *number = clean_number (TEXT (g_ptr_array_index (row->documents, i), "number"));
      g_autofree char *key = g_strconcat ("i\x1f", number, NULL);

      if (*number && !func (key, KEY_ID_NUMBER, data))
        return FALSE;
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint f = 0; f < 2; f++)
      {
        g_autoptr(GPtrArray) items = split_list (TEXT (values, lists[l][f]));

        for (guint i = 0; i < items->len; i++)
          {
            g_autofree char *folded = g_utf8_casefold (g_ptr_array_index (items, i), -1);
            g_autofree char *key = g_strconcat (l ? "e\x1f" : "p\x1f", folded, "\x1f", name, NULL);

            if (!func (key, l ? KEY_EMAIL : KEY_PHONE, data))
              return FALSE;
          }
      }
  return TRUE;
}

typedef struct {
  TdImportPlan *plan;
  guint         line;
  KeyKind       kind;
} SeenCheck;

static gboolean
check_seen (const char *key,
            KeyKind     kind,
            gpointer    data)
{
  SeenCheck *check = data;
  gpointer line;

  if (g_hash_table_lookup_extended (check->plan->seen, key, NULL, &line))
    {
      check->line = GPOINTER_TO_UINT (line);
      check->kind = kind;
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  TdImportPlan *plan;
  guint         line;
} SeenAdd;

static gboolean
add_seen (const char *key,
          KeyKind     kind,
          gpointer    data)
{
  SeenAdd *add = data;

  if (!g_hash_table_contains (add->plan->seen, key))
    g_hash_table_insert (add->plan->seen, g_strdup (key), GUINT_TO_POINTER (add->line));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* who the row is                                                     */

/* The live customer id names, following merges; NULL when there is none. */
static JsonObject *
find_record (TdDatabase  *db,
             const char  *id,
             GError     **error)
{
  g_autofree char *current = g_strdup (id);

  for (guint hops = 0; hops < 8 && g_uuid_string_is_valid (current); hops++)
    {
      GError *local_error = NULL;
      g_autoptr(JsonObject) record = td_database_get_record (db, "customer", current, &local_error);
      const char *merged;

      if (record == NULL)
        {
          if (g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND))
            {
              g_error_free (local_error);
              return NULL;
            }
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (!json_object_get_boolean_member (record, "deleted"))
        return g_steal_pointer (&record);
      merged = TEXT (record, "merged_into");
      if (merged == NULL)
        return NULL;
      g_free (current);
      current = g_strdup (merged);
    }
  return NULL;
}

static gboolean
resident_ids_differ (JsonObject *values,
                     JsonObject *record)
{
  return g_strcmp0 (TEXT (values, "id_type"), "resident-id") == 0
         && g_strcmp0 (TEXT (record, "id_type"), "resident-id") == 0
         && TEXT (values, "id_number") && TEXT (record, "id_number")
         && !g_str_equal (TEXT (values, "id_number"), TEXT (record, "id_number"));
}

/* The customer the row updates, or NULL (and no error) for a new one;
 * *reason says why it is that one. */
static JsonObject *
find_target (TdImportPlan   *plan,
             TdCustomerRow  *row,
             const char     *record_id,
             char          **reason,
             GPtrArray      *warnings,
             GError        **error)
{
  JsonObject *values = row->values;
  GError *local_error = NULL;
  g_autoptr(GPtrArray) duplicates = NULL;
  JsonObject *target = NULL;
  const char *name = TEXT (values, "name");
  guint also = 0;

  if (record_id)
    {
      target = find_record (plan->db, record_id, &local_error);
      if (local_error)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (target)
        {
          *reason = g_strdup (_("Same Tourdesk record"));
          return target;
        }
    }

  duplicates = td_customer_find_duplicates (plan->db, values, row->documents, NULL, &local_error);
  if (duplicates == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  for (guint i = 0; i < duplicates->len; i++)
    {
      TdDuplicate *duplicate = g_ptr_array_index (duplicates, i);

      /* a customer this import created, in its transaction: the dry run
       * could not see it, so the run does not either (rows of the file
       * are compared with each other by their keys) */
      if (g_hash_table_contains (plan->created, duplicate->id))
        continue;
      if (target)
        {
          /* a second customer the row also looks like: for the clerk to merge */
          if (also++ < 2 && !g_str_equal (duplicate->id, TEXT (target, "id")))
            g_ptr_array_add (warnings,
                             g_strdup_printf (_("Also looks like %s (%s)."), duplicate->name,
                                              td_duplicate_reason_to_string (duplicate->reason)));
          continue;
        }

      switch (duplicate->reason)
        {
        case TD_DUPLICATE_ID_NUMBER:
          break;
        case TD_DUPLICATE_PHONE:
        case TD_DUPLICATE_EMAIL:
          /* a family shares a phone: another name is another person */
          if (!same_name (duplicate->name, name))
            {
              g_ptr_array_add (warnings,
                               g_strdup_printf (_("Has the phone or e-mail of %s, a customer of another name: taken as a new customer."),
                                                duplicate->name));
              continue;
            }
          break;
        case TD_DUPLICATE_NAME_BIRTH:
        default:
          break;
        }

      target = td_database_get_record (plan->db, "customer", duplicate->id, error);
      if (target == NULL)
        return NULL;
      if (duplicate->reason == TD_DUPLICATE_NAME_BIRTH)
        {
          if (resident_ids_differ (values, target))
            {
              g_ptr_array_add (warnings,
                               g_strdup_printf (_("Has the name and birth date of %s but another identity number: taken as a new customer."),
                                                duplicate->name));
              g_clear_pointer (&target, json_object_unref);
              continue;
            }
          g_ptr_array_add (warnings,
                           g_strdup (_("Matched on name and birth date only: check that it is the same person.")));
        }
      *reason = g_strdup (td_duplicate_reason_to_string (duplicate->reason));
    }
  return target;
}

/* ------------------------------------------------------------------ */
/* an update                                                          */

typedef struct {
  TdImportPlan *plan;
  JsonObject   *record;
  const char   *id;
  TdChange     *change;     /* the customer's own, once there is one */
  guint         n_changes;  /* its, and of documents and notes */
  GPtrArray    *warnings;
  GHashTable   *documents;  /* numbers, loaded when needed */
  GHashTable   *notes;      /* bodies */
} Update;

static void
update_set (Update     *update,
            const char *field,
            const char *value)
{
  if (update->change == NULL)
    {
      update->change = td_change_new_update ("customer", update->id,
                                             json_object_get_int_member (update->record, "revision"));
      update->n_changes++;
    }
  set_value (update->change, field, value);
}

static void
update_conflict (Update     *update,
                 const char *field,
                 const char *kept,
                 const char *file)
{
  g_ptr_array_add (update->warnings,
                   g_strdup_printf (_("%s: kept “%s”; the file has “%s”."), td_customer_field_title (field), kept, file));
}

/* New phones (or e-mails) of the row: the main one when there is none,
 * the others added to the list. */
static void
update_contacts (Update     *update,
                 JsonObject *values,
                 const char *main,
                 const char *list)
{
  gboolean ignore_case = g_str_equal (main, "email");
  g_autofree char *old_main = member_text (update->record, main);
  g_autoptr(GPtrArray) have = split_list (TEXT (update->record, list));
  g_autoptr(GPtrArray) others = split_list (TEXT (update->record, list));
  g_autoptr(GPtrArray) incoming = split_list (TEXT (values, list));
  gboolean changed = FALSE;

  if (old_main)
    g_ptr_array_add (have, g_strdup (old_main));
  if (TEXT (values, main))
    g_ptr_array_insert (incoming, 0, g_strdup (TEXT (values, main)));

  for (guint i = 0; i < incoming->len; i++)
    {
      const char *value = g_ptr_array_index (incoming, i);

      if (list_has (have, value, ignore_case))
        continue;
      g_ptr_array_add (have, g_strdup (value));
      if (old_main == NULL)
        {
          update_set (update, main, value);
          old_main = g_strdup (value);
        }
      else
        {
          g_ptr_array_add (others, g_strdup (value));
          changed = TRUE;
        }
    }
  if (changed)
    {
      g_autofree char *joined = join_list (others);

      update_set (update, list, joined);
    }
}

static void
update_tags (Update     *update,
             JsonObject *values)
{
  g_autoptr(GPtrArray) tags = split_list (TEXT (update->record, "tags"));
  g_autoptr(GPtrArray) incoming = split_list (TEXT (values, "tags"));
  gboolean changed = FALSE;

  for (guint i = 0; i < incoming->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (g_ptr_array_index (incoming, i), -1);
      gboolean found = FALSE;

      for (guint j = 0; j < tags->len && !found; j++)
        {
          g_autofree char *other = g_utf8_casefold (g_ptr_array_index (tags, j), -1);

          found = g_str_equal (folded, other);
        }
      if (!found)
        {
          g_ptr_array_add (tags, g_strdup (g_ptr_array_index (incoming, i)));
          changed = TRUE;
        }
    }
  if (changed)
    {
      g_autofree char *joined = join_list (tags);

      update_set (update, "tags", joined);
    }
}

static gboolean
load_update_related (Update  *update,
                     GError **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  if (update->documents)
    return TRUE;
  documents = td_customer_list_documents (update->plan->db, update->id, error);
  if (documents == NULL)
    return FALSE;
  notes = td_customer_list_notes (update->plan->db, update->id, error);
  if (notes == NULL)
    return FALSE;
  update->documents = member_set (documents, "number");
  update->notes = member_set (notes, "body");
  return TRUE;
}

/* A document of the row, unless the customer has it. */
static gboolean
update_document (Update      *update,
                 JsonObject  *document,
                 GError     **error)
{
  g_autofree char *number = clean_number (TEXT (document, "number"));

  if (*number == '\0' || g_strcmp0 (number, TEXT (update->record, "id_number")) == 0)
    return TRUE;
  if (!load_update_related (update, error))
    return FALSE;
  if (g_hash_table_contains (update->documents, number))
    return TRUE;
  add_document (update->plan, update->id, document);
  g_hash_table_add (update->documents, g_steal_pointer (&number));
  update->n_changes++;
  return TRUE;
}

static gboolean
update_note (Update      *update,
             const char  *body,
             GError     **error)
{
  const char *notes = TEXT (update->record, "notes");

  if (notes && strstr (notes, body))
    return TRUE;
  if (!load_update_related (update, error))
    return FALSE;
  if (g_hash_table_contains (update->notes, body))
    return TRUE;
  add_note (update->plan, update->id, body);
  g_hash_table_add (update->notes, g_strdup (body));
  update->n_changes++;
  return TRUE;
}

static gboolean
update_identity (Update      *update,
                 JsonObject  *values,
                 GError     **error)
{
  const char *number = TEXT (values, "id_number");
  const char *type = TEXT (values, "id_type");
  const char *old = TEXT (update->record, "id_number");

  if (number == NULL)
    return TRUE;
  if (old == NULL)
    {
      update_set (update, "id_number", number);
      if (type)
        update_set (update, "id_type", type);
      return TRUE;
    }
  if (g_str_equal (old, number))
    {
      if (type && TEXT (update->record, "id_type") == NULL)
        update_set (update, "id_type", type);
      return TRUE;
    }
  if (resident_ids_differ (values, update->record))
    {
      update_conflict (update, "id_number", old, number);
      return TRUE;
    }
  /* another document of the same person: a passport beside the card */
  {
    g_autoptr(JsonObject) document = json_object_new ();
    guint before = update->n_changes;

    json_object_set_string_member (document, "doc_type", type ? type : "other");
    json_object_set_string_member (document, "number", number);
    if (!update_document (update, document, error))
      return FALSE;
    if (update->n_changes > before)
      g_ptr_array_add (update->warnings,
                       g_strdup_printf (_("The identity number “%s” is added as another document of the customer."),
                                        number));
  }
  return TRUE;
}

/* Fills what the customer lacks; *n_changes: how many changes that takes. */
static gboolean
plan_update (TdImportPlan   *plan,
             TdCustomerRow  *row,
             JsonObject     *record,
             GPtrArray      *warnings,
             guint          *n_changes,
             GError        **error)
{
  static const char * const handled[] = {
    "phone", "other_phones", "email", "other_emails", "tags", "notes", "id_number", "id_type",
    "source", "consent_email_at", "consent_email_how", "consent_sms_at", "consent_sms_how",
    "consent_phone_at", "consent_phone_how",
  };
  JsonObject *values = row->values;
  Update update = { plan, record, TEXT (record, "id"), NULL, 0, warnings, NULL, NULL };
  g_autoptr(GList) members = json_object_get_members (values);
  gboolean ok = FALSE;

  update_contacts (&update, values, "phone", "other_phones");
  update_contacts (&update, values, "email", "other_emails");
  update_tags (&update, values);

  for (const GList *l = members; l; l = l->next)
    {
      const char *field = l->data;
      const char *value = TEXT (values, field);
      g_autofree char *old = NULL;

      if (value == NULL || g_strv_contains (handled, field))
        continue;
      old = member_text (record, field);
      if (g_str_equal (field, "name"))
        {
          if (!same_name (old, value))
            update_conflict (&update, field, old ? old : "", value);
          continue;
        }
      if (old == NULL)
        {
          update_set (&update, field, value);
          /* a consent comes with when and how it was given */
          if (g_str_has_prefix (field, "consent_"))
            {
              const char *suffixes[] = { "_at", "_how" };

              for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
                {
                  g_autofree char *more = g_strconcat (field, suffixes[s], NULL);

                  if (TEXT (values, more))
                    update_set (&update, more, TEXT (values, more));
                }
            }
        }
      else if (!g_str_equal (old, value))
        update_conflict (&update, field, old, value);
    }

  if (TEXT (values, "source") && TEXT (record, "source") == NULL)
    update_set (&update, "source", TEXT (values, "source"));

  if (TEXT (values, "notes"))
    {
      if (TEXT (record, "notes") == NULL)
        update_set (&update, "notes", TEXT (values, "notes"));
      else if (!update_note (&update, TEXT (values, "notes"), error))
        goto out;
    }

  if (!update_identity (&update, values, error))
    goto out;
  for (guint i = 0; i < row->documents->len; i++)
    if (!update_document (&update, g_ptr_array_index (row->documents, i), error))
      goto out;
  for (guint i = 0; i < row->notes->len; i++)
    if (!update_note (&update, g_ptr_array_index (row->notes, i), error))
      goto out;

  /* the customer exists: its documents and notes may come before it */
  if (update.change)
    add_change (plan, g_steal_pointer (&update.change));
  *n_changes = update.n_changes;
  ok = TRUE;

out:
  g_clear_pointer (&update.change, td_change_unref);
  g_clear_pointer (&update.documents, g_hash_table_unref);
  g_clear_pointer (&update.notes, g_hash_table_unref);
  return ok;
}

/* ------------------------------------------------------------------ */
/* a new customer                                                     */

static char *
plan_create (TdImportPlan  *plan,
             TdCustomerRow *row)
{
  JsonObject *values = row->values;
  TdChange *change = td_change_new_insert ("customer", NULL);
  char *id = g_strdup (td_change_get_id (change));
  g_autoptr(GList) members = json_object_get_members (values);

  for (const GList *l = members; l; l = l->next)
    if (TEXT (values, l->data))
      set_value (change, l->data, TEXT (values, l->data));
  if (!TEXT (values, "party"))
    td_change_set_string (change, "party", "person");
  if (!TEXT (values, "source"))
    td_change_set_string (change, "source", "import");
  add_change (plan, change);

  for (guint i = 0; i < row->documents->len; i++)
    {
      JsonObject *document = g_ptr_array_index (row->documents, i);
      g_autofree char *number = clean_number (TEXT (document, "number"));

      if (*number && g_strcmp0 (number, TEXT (values, "id_number")) != 0)
        add_document (plan, id, document);
    }
  for (guint i = 0; i < row->notes->len; i++)
    add_note (plan, id, g_ptr_array_index (row->notes, i));
  return id;
}

/* ------------------------------------------------------------------ */

static char *
describe_problems (GPtrArray *problems,
                   gboolean   warnings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      TdFieldProblem *problem = g_ptr_array_index (problems, i);

      if (problem->warning != warnings)
        continue;
      if (out->len)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s: %s", td_customer_field_title (problem->field), problem->message);
    }
  return g_string_free (out, out->len == 0);
}

gboolean
_td_import_plan_add_row (TdImportPlan   *plan,
                         TdCustomerRow  *row,
                         GError        **error)
{
  JsonObject *values = row->values;
  g_autofree char *record_id = g_strdup (TEXT (values, "id"));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) td_field_problem_free);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) checked = NULL;
  g_autoptr(JsonObject) target = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *created = NULL;
  const char *name;
  SeenCheck seen = { plan, 0, KEY_ID_NUMBER };
  GError *local_error = NULL;

  if (json_object_has_member (values, "id"))
    json_object_remove_member (values, "id");
  /* a row with nothing in the mapped columns is not a customer */
  if (json_object_get_size (values) == 0 && row->documents->len == 0 && row->notes->len == 0)
    return TRUE;

  td_customer_row_normalise (row, problems);
  if (!json_object_has_member (values, "name"))
    json_object_set_null_member (values, "name");
  checked = td_customer_check (values);
  g_ptr_array_extend_and_steal (problems, g_steal_pointer (&checked));
  name = TEXT (values, "name");
  if (td_field_problems_have_error (problems))
    {
      _td_import_plan_skip (plan, row->line, name, describe_problems (problems, FALSE));
      return TRUE;
    }
  {
    g_autofree char *text = describe_problems (problems, TRUE);

    if (text)
      g_ptr_array_add (warnings, g_steal_pointer (&text));
  }
  /* null members are for the check; the changes set only what is there */
  {
    g_autoptr(GList) members = json_object_get_members (values);

    for (const GList *l = members; l; l = l->next)
      if (TEXT (values, l->data) == NULL)
        json_object_remove_member (values, l->data);
  }

  /* the file had this person already */
  if (!foreach_key (row, check_seen, &seen))
    {
      const char *formats[] = {
        [KEY_ID_NUMBER] = N_("Same identity number as line %u."),
        [KEY_PHONE] = N_("Same phone and name as line %u."),
        [KEY_EMAIL] = N_("Same e-mail and name as line %u."),
      };

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      _td_import_plan_skip (plan, row->line, name, g_strdup_printf (_(formats[seen.kind]), seen.line));
#pragma GCC diagnostic pop
      return TRUE;
    }

  target = find_target (plan, row, record_id, &reason, warnings, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (target)
    {
      const char *id = TEXT (target, "id");
      gpointer line;
      guint n_changes = 0;

      if (g_hash_table_lookup_extended (plan->targets, id, NULL, &line))
        {
          _td_import_plan_skip (plan, row->line, name,
                                g_strdup_printf (_("Line %u updates this customer (%s) already."),
                                                 GPOINTER_TO_UINT (line), TEXT (target, "name")));
          return TRUE;
        }
      if (!plan_update (plan, row, target, warnings, &n_changes, error))
        return FALSE;
      g_hash_table_insert (plan->targets, g_strdup (id), GUINT_TO_POINTER (row->line));
      add_entry (plan, row->line, n_changes ? TD_IMPORT_ACTION_UPDATE : TD_IMPORT_ACTION_UNCHANGED,
                 name, id, g_steal_pointer (&reason), warnings);
    }
  else
    {
      created = plan_create (plan, row);
      g_hash_table_add (plan->created, g_strdup (created));
      add_entry (plan, row->line, TD_IMPORT_ACTION_CREATE, name,
                 plan->keep_changes ? created : NULL, NULL, warnings);
    }

  {
    SeenAdd add = { plan, row->line };

    foreach_key (row, add_seen, &add);
  }
  return TRUE;
}
