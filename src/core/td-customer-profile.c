/* td-customer-profile.c: what belongs to one customer, and the titles of
 * its fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer-profile.h"
#include "td-database-private.h"

/* ------------------------------------------------------------------ */
/* titles                                                             */

/* all in the context "customer field" */
static const struct {
  const char *field;
  const char *title;
} field_titles[] = {
  { "party",             NC_("customer field", "Customer type") },
  { "name",              NC_("customer field", "Name") },
  { "family_name",       NC_("customer field", "Family name") },
  { "given_name",        NC_("customer field", "Given name") },
  { "gender",            NC_("customer field", "Gender") },
  { "birth_date",        NC_("customer field", "Birth date") },
  { "nationality",       NC_("customer field", "Nationality") },
  { "phone",             NC_("customer field", "Phone") },
  { "other_phones",      NC_("customer field", "Other phones") },
  { "email",             NC_("customer field", "E-mail") },
  { "other_emails",      NC_("customer field", "Other e-mails") },
  { "id_type",           NC_("customer field", "Identity document") },
  { "id_number",         NC_("customer field", "Document number") },
  { "id_country",        NC_("customer field", "Issuing country") },
  { "id_expiry",         NC_("customer field", "Valid until") },
  { "province",          NC_("customer field", "Province") },
  { "city",              NC_("customer field", "City") },
  { "district",          NC_("customer field", "District") },
  { "language",          NC_("customer field", "Language") },
  { "source",            NC_("customer field", "Source") },
  { "notes",             NC_("customer field", "Notes") },
  { "loyalty_points",    NC_("customer field", "Loyalty points") },
  { "tags",              NC_("customer field", "Tags") },
  { "consent_email",     NC_("customer field", "E-mail marketing") },
  { "consent_email_at",  NC_("customer field", "E-mail marketing: when") },
  { "consent_email_how", NC_("customer field", "E-mail marketing: how") },
  { "consent_sms",       NC_("customer field", "SMS marketing") },
  { "consent_sms_at",    NC_("customer field", "SMS marketing: when") },
  { "consent_sms_how",   NC_("customer field", "SMS marketing: how") },
  { "consent_phone",     NC_("customer field", "Phone marketing") },
  { "consent_phone_at",  NC_("customer field", "Phone marketing: when") },
  { "consent_phone_how", NC_("customer field", "Phone marketing: how") },
  { "merged_into",       NC_("customer field", "Merged into") },
  /* customer_document, customer_note */
  { "customer_id",       NC_("customer field", "Customer") },
  { "doc_type",          NC_("customer field", "Identity document") },
  { "number",            NC_("customer field", "Document number") },
  { "country",           NC_("customer field", "Issuing country") },
  { "expiry",            NC_("customer field", "Valid until") },
  { "body",              NC_("customer field", "Note") },
};

const char *
td_customer_field_title (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_titles); i++)
    if (strcmp (field_titles[i].field, field) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "customer field", field_titles[i].title);
  return field;
}

const char *
td_customer_value_title (const char *field,
                         const char *value)
{
  static const struct {
    const char *field;
    const char *value;
    const char *context;
    const char *title;
  } titles[] = {
    { "party", "person", "customer type", NC_("customer type", "Person") },
    { "party", "organisation", "customer type", NC_("customer type", "Organisation") },
    { "gender", "female", "gender", NC_("gender", "Female") },
    { "gender", "male", "gender", NC_("gender", "Male") },
    { "gender", "other", "gender", NC_("gender", "Other") },
    { "id_type", "resident-id", "identity document", NC_("identity document", "Resident identity card") },
    { "id_type", "passport", "identity document", NC_("identity document", "Passport") },
    { "id_type", "hk-macao-permit", "identity document", NC_("identity document", "Home Return Permit (Hong Kong, Macao)") },
    { "id_type", "taiwan-permit", "identity document", NC_("identity document", "Taiwan Compatriot Permit") },
    { "id_type", "foreign-passport", "identity document", NC_("identity document", "Foreign passport") },
    { "id_type", "other", "identity document", NC_("identity document", "Other document") },
    { "source", "walk-in", "customer source", NC_("customer source", "Walk-in") },
    { "source", "phone", "customer source", NC_("customer source", "Phone") },
    { "source", "agency", "customer source", NC_("customer source", "Travel agency") },
    { "source", "ota", "customer source", NC_("customer source", "Online travel agency") },
    { "source", "platform", "customer source", NC_("customer source", "Platform") },
    { "source", "import", "customer source", NC_("customer source", "Import") },
    { "consent", "granted", "consent", NC_("consent", "Agreed") },
    { "consent", "withdrawn", "consent", NC_("consent", "Withdrawn") },
  };

  if (field == NULL || value == NULL)
    return value;
  /* documents have the same types as the customer's own */
  if (strcmp (field, "doc_type") == 0)
    field = "id_type";
  if (g_str_has_prefix (field, "consent_") && strchr (field + strlen ("consent_"), '_') == NULL)
    field = "consent";

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (strcmp (titles[i].field, field) == 0 && strcmp (titles[i].value, value) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, titles[i].context, titles[i].title);
  return value;
}

/* ------------------------------------------------------------------ */
/* documents and notes                                                */

/* The ids of the records of kind whose customer_id is customer_id, oldest
 * first; live ones only unless all. */
static GPtrArray *
list_ids (TdDatabase  *db,
          const char  *kind_name,
          const char  *customer_id,
          gboolean     all,
          GError     **error)
{
  const TdKind *kind = td_kind_lookup (kind_name);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE customer_id = ?%s "
                                          "ORDER BY created_at, rowid",
                                          kind->table, all ? "" : " AND deleted = 0");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (td_database_get_schema_version (db) < 6)
    return g_steal_pointer (&ids);

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  _td_database_unlock (db);

  return rc == SQLITE_DONE ? g_steal_pointer (&ids) : NULL;
}

static GPtrArray *
list_records (TdDatabase  *db,
              const char  *kind,
              const char  *customer_id,
              GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  ids = list_ids (db, kind, customer_id, FALSE, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *record = td_database_get_record (db, kind, g_ptr_array_index (ids, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

GPtrArray *
td_customer_list_documents (TdDatabase  *db,
                            const char  *customer_id,
                            GError     **error)
{
  return list_records (db, "customer_document", customer_id, error);
}

GPtrArray *
td_customer_list_notes (TdDatabase  *db,
                        const char  *customer_id,
                        GError     **error)
{
  return list_records (db, "customer_note", customer_id, error);
}

/* ------------------------------------------------------------------ */
/* history                                                            */

void
td_audit_entry_free (TdAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->kind);
  g_free (entry->record_id);
  g_free (entry->op);
  g_clear_pointer (&entry->changes, json_object_unref);
  g_free (entry);
}

static JsonObject *
parse_changes (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text && json_parser_load_from_data (parser, text, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));
  /* the log is ours; should a row be damaged, show it as saying nothing */
  return json_object_new ();
}

static gboolean
append_history (TdDatabase  *db,
                const char  *record_id,
                GPtrArray   *entries,
                GError     **error)
{
  sqlite3_stmt *stmt = _td_database_prepare (db,
                                             "SELECT id, at, actor, kind, record_id, op, revision, changes "
                                             "FROM audit_log WHERE record_id = ? ORDER BY id",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdAuditEntry *entry = g_new0 (TdAuditEntry, 1);

      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->op = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      entry->revision = sqlite3_column_int64 (stmt, 6);
      entry->changes = parse_changes ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const TdAuditEntry *x = *(const TdAuditEntry **) a;
  const TdAuditEntry *y = *(const TdAuditEntry **) b;

  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

GPtrArray *
td_customer_list_history (TdDatabase  *db,
                          const char  *customer_id,
                          GError     **error)
{
  static const char * const related[] = { "customer_document", "customer_note" };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) td_audit_entry_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  g_ptr_array_add (ids, g_strdup (customer_id));
  for (guint k = 0; k < G_N_ELEMENTS (related); k++)
    {
      g_autoptr(GPtrArray) more = list_ids (db, related[k], customer_id, TRUE, error);

      if (more == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (ids, g_steal_pointer (&more));
    }

  _td_database_lock (db);
  for (guint i = 0; i < ids->len && ok; i++)
    ok = append_history (db, g_ptr_array_index (ids, i), entries, error);
  _td_database_unlock (db);
  if (!ok)
    return NULL;

  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}
