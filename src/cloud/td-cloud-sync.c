/* td-cloud-sync.c: the rules the platform applies to a desk's operations
 *
 * Merges (customers and the other desk records), registrations that are
 * never merged, append-only complaints, bookings that take capacity: see
 * td-cloud-kinds.h for which kind follows which rule and td-cloud-sync.h
 * for the operation and its result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-cloud-kinds.h"
#include "td-cloud-sync.h"

#define MAX_QUANTITY 10000

typedef struct {
  TdCloudApply      *a;
  const TdCloudKind *ck;
  JsonObject        *result;
  const char        *id;
  const char        *op_id;
} Op;

/* ------------------------------------------------------------------ */
/* results                                                            */

static void
set_status (Op         *op,
            const char *status)
{
  json_object_set_string_member (op->result, "status", status);
}

static void
reject_valist (JsonObject *result,
               const char *code,
               const char *format,
               va_list     args) G_GNUC_PRINTF (3, 0);

static void
reject_valist (JsonObject *result,
               const char *code,
               const char *format,
               va_list     args)
{
  g_autofree char *detail = g_strdup_vprintf (format, args);

  json_object_set_string_member (result, "status", "rejected");
  json_object_set_string_member (result, "code", code);
  json_object_set_string_member (result, "detail", detail);
}

void
td_cloud_result_reject (JsonObject *result,
                        const char *code,
                        const char *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  reject_valist (result, code, format, args);
  va_end (args);
}

static gboolean
reject (Op         *op,
        const char *code,
        const char *format,
        ...) G_GNUC_PRINTF (3, 4);

/* Always TRUE: a rejection is an answer, not a failure of the store. */
static gboolean
reject (Op         *op,
        const char *code,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  reject_valist (op->result, code, format, args);
  va_end (args);
  return TRUE;
}

JsonObject *
td_cloud_record_to_json (const TdCloudRecord *record)
{
  JsonObject *object = json_object_new ();
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, record->seq);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  JsonObject *values = json_object_new ();

  json_object_set_string_member (object, "kind", record->kind);
  json_object_set_string_member (object, "id", record->id);
  if (record->org_id)
    json_object_set_string_member (object, "org_id", record->org_id);
  else
    json_object_set_null_member (object, "org_id");
  json_object_set_int_member (object, "revision", record->revision);
  json_object_set_boolean_member (object, "deleted", record->deleted);
  json_object_set_string_member (object, "created_at", record->created_at);
  json_object_set_string_member (object, "updated_at", record->updated_at);
  /* a string: sequence numbers may outgrow what a desk's JSON reads safely */
  json_object_set_string_member (object, "seq", seq);
  json_object_iter_init (&iter, record->values);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (values, name, json_node_copy (member));
  json_object_set_object_member (object, "values", values);
  return object;
}

static void
set_record (Op                  *op,
            const TdCloudRecord *record)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, record->seq);

  json_object_set_int_member (op->result, "revision", record->revision);
  json_object_set_string_member (op->result, "seq", seq);
  json_object_set_object_member (op->result, "record", td_cloud_record_to_json (record));
}

static gboolean
applied (Op                  *op,
         const TdCloudRecord *record)
{
  set_status (op, "applied");
  if (record)
    set_record (op, record);
  else
    json_object_set_int_member (op->result, "revision", 0);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* values                                                             */

static JsonNode *
member_or_null (JsonObject *values,
                const char *field)
{
  static JsonNode *null_node;
  JsonNode *node = values ? json_object_get_member (values, field) : NULL;

  if (g_once_init_enter (&null_node))
    g_once_init_leave (&null_node, json_node_init_null (json_node_alloc ()));
  return node ? node : null_node;
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  return json_node_equal (a, b);
}

static gboolean
is_uuid (const char *text)
{
  return text && g_uuid_string_is_valid (text);
}

/* Whether the record exists and is live in this tenant: FALSE with error
 * only when the store fails. */
static gboolean
record_is_live (Op          *op,
                const char  *kind,
                const char  *id,
                gboolean    *live,
                GError     **error)
{
  GError *local_error = NULL;
  g_autoptr(TdCloudRecord) record = op->a->store->vt->record_get (op->a->store, op->a->tenant_id, kind, id,
                                                                  &local_error);

  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *live = record && !record->deleted;
  return TRUE;
}

/* The kind's own checks beyond field types, on the values the record
 * will hold. Returns FALSE with *code set when they fail. */
static gboolean
check_record (Op          *op,
              JsonObject  *values,
              const char **code,
              char       **detail)
{
  const char *kind = op->ck->kind->name;

  if (g_str_equal (kind, "customer"))
    {
      g_autoptr(GError) error = NULL;

      if (!td_customer_check_normal_form (values, &error))
        {
          *code = "invalid_value";
          *detail = g_strdup (error->message);
          return FALSE;
        }
    }
  else if (g_str_equal (kind, "guest_registration"))
    {
      const char *nationality = NULL, *id_type = NULL, *number = NULL, *in = NULL, *out = NULL;

      td_json_get_string (values, "nationality", &nationality);
      td_json_get_string (values, "id_type", &id_type);
      td_json_get_string (values, "id_number", &number);
      td_json_get_string (values, "check_in", &in);
      td_json_get_string (values, "check_out", &out);
      if (nationality && (strlen (nationality) != 3 || !g_ascii_isupper (nationality[0])
                          || !g_ascii_isupper (nationality[1]) || !g_ascii_isupper (nationality[2])))
        {
          *code = "invalid_value";
          *detail = g_strdup_printf ("nationality “%s” is not an ISO 3166-1 alpha-3 code (CHN, USA…)", nationality);
          return FALSE;
        }
      if (number && g_strcmp0 (id_type, "resident-id") == 0)
        {
          g_autoptr(GError) error = NULL;

          if (!td_id_number_validate (number, NULL, &error))
            {
              *code = "invalid_value";
              *detail = g_strdup_printf ("id_number: %s", error->message);
              return FALSE;
            }
        }
      if (in && out && strcmp (out, in) <= 0)
        {
          *code = "invalid_value";
          *detail = g_strdup_printf ("check_out %s is not after check_in %s", out, in);
          return FALSE;
        }
    }
  return TRUE;
}

/* Checks the values an insert or update sends. FALSE with error only when
 * the store fails; *code set when the values are refused. */
static gboolean
check_values (Op          *op,
              JsonObject  *values,
              gboolean     inserting,
              const char **code,
              char       **detail,
              GError     **error)
{
  const TdKind *kind = op->ck->kind;
  g_autoptr(GList) members = json_object_get_members (values);

  *code = NULL;
  for (const GList *l = members; l; l = l->next)
    {
      const char *name = l->data;
      const TdField *field = td_kind_get_field (kind, name);
      JsonNode *node = json_object_get_member (values, name);
      g_autoptr(GError) invalid = NULL;

      if (field == NULL)
        {
          *code = "unknown_field";
          *detail = g_strdup_printf ("%s has no field “%s”", kind->name, name);
          return TRUE;
        }
      if (td_cloud_kind_is_server_field (op->ck, name))
        {
          *code = "server_owned_field";
          *detail = g_strdup_printf ("“%s” of a %s is set by the platform only", name, kind->name);
          return TRUE;
        }
      if (!td_field_check_value (kind, field, node, &invalid))
        {
          *code = "invalid_value";
          *detail = g_strdup (invalid->message);
          return TRUE;
        }
      if (field->type == TD_FIELD_REAL && json_node_get_value_type (node) == G_TYPE_INT64)
        /* one form for one value: 3 and 3.0 must compare equal in merges */
        json_object_set_double_member (values, name, (double) json_node_get_int (node));
      else if (field->type == TD_FIELD_REF && !JSON_NODE_HOLDS_NULL (node))
        {
          const char *ref = json_node_get_string (node);
          gboolean live = FALSE;

          if (is_uuid (ref) && !record_is_live (op, field->ref_kind, ref, &live, error))
            return FALSE;
          if (!live)
            {
              *code = "unknown_reference";
              *detail = g_strdup_printf ("“%s” refers to a %s that does not exist: %s",
                                         name, field->ref_kind, ref);
              return TRUE;
            }
        }
    }

  if (inserting)
    for (guint i = 0; i < kind->n_fields; i++)
      if (kind->fields[i].required && !json_object_has_member (values, kind->fields[i].name))
        {
          *code = "missing_field";
          *detail = g_strdup_printf ("a %s needs “%s”", kind->name, kind->fields[i].name);
          return TRUE;
        }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* history                                                            */

/* The value a field had at the base revision: the old value of the first
 * later change to it (nothing before the record was made), or the
 * current one when nothing changed it since. */
static JsonNode *
value_at_base (GPtrArray     *revisions,
               TdCloudRecord *current,
               const char    *field)
{
  for (guint i = 0; i < revisions->len; i++)
    {
      TdCloudRevision *revision = g_ptr_array_index (revisions, i);
      JsonNode *pair = json_object_get_member (revision->changed, field);

      if (g_strcmp0 (revision->op, "insert") == 0)
        return member_or_null (NULL, field);
      if (pair && JSON_NODE_HOLDS_ARRAY (pair) && json_array_get_length (json_node_get_array (pair)) == 2)
        return json_array_get_element (json_node_get_array (pair), 0);
    }
  return member_or_null (current->values, field);
}

/* The fields someone other than this desk changed after the base ("":
 * the record as a whole, deleted or restored). */
static GHashTable *
fields_changed_by_others (Op            *op,
                          TdCloudRecord *current,
                          GPtrArray     *revisions)
{
  GHashTable *fields = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < revisions->len; i++)
    {
      TdCloudRevision *revision = g_ptr_array_index (revisions, i);
      JsonObject *changed = revision->changed;
      JsonObjectIter iter;
      const char *name;
      JsonNode *pair;

      if (op->a->desk_id && g_strcmp0 (revision->desk_id, op->a->desk_id) == 0)
        continue;
      g_hash_table_add (fields, (gpointer) "");
      /* made by someone else: every field of it is theirs */
      if (g_strcmp0 (revision->op, "insert") == 0)
        changed = current->values;
      json_object_iter_init (&iter, changed);
      while (json_object_iter_next (&iter, &name, &pair))
        g_hash_table_add (fields, (gpointer) g_intern_string (name));
    }
  return fields;
}

static void
add_conflict (JsonArray  *conflicts,
              const char *field,
              JsonNode   *base,
              JsonNode   *server,
              JsonNode   *desk)
{
  JsonObject *conflict = json_object_new ();

  json_object_set_string_member (conflict, "field", field);
  json_object_set_member (conflict, "base", json_node_copy (base));
  json_object_set_member (conflict, "server", json_node_copy (server));
  json_object_set_member (conflict, "desk", json_node_copy (desk));
  json_array_add_object_element (conflicts, conflict);
}

static gboolean
conflict (Op            *op,
          TdCloudRecord *current,
          JsonArray     *conflicts)
{
  set_status (op, "conflict");
  json_object_set_array_member (op->result, "conflicts", json_array_ref (conflicts));
  set_record (op, current);
  return TRUE;
}

static gboolean
write_record (Op             *op,
              TdCloudRecord  *record,
              const char     *verb,
              JsonObject     *changed,
              GError        **error)
{
  record->updated_at = (g_free (record->updated_at), g_strdup (op->a->now));
  if (!op->a->store->vt->record_put (op->a->store, op->a->tenant_id, record, op->a->desk_id, verb, changed, error))
    return FALSE;
  applied (op, record);
  /* a new record holds what the desk sent and nothing more, unless the
   * platform sets fields of its own: no need to send it back */
  if (g_str_equal (verb, "insert") && op->ck->server_fields == NULL)
    json_object_remove_member (op->result, "record");
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* bookings: the platform is the arbiter of capacity                  */

static gboolean
booking_target (JsonObject  *values,
                const char **type,
                const char **target)
{
  const char *slot = NULL, *departure = NULL;

  td_json_get_string (values, "slot_id", &slot);
  td_json_get_string (values, "departure_id", &departure);
  if ((slot == NULL) == (departure == NULL))
    return FALSE;
  *type = slot ? "attraction" : "tour";
  *target = slot ? slot : departure;
  return TRUE;
}

static gboolean
take_capacity (Op          *op,
               JsonObject  *values,
               gboolean    *taken,
               GError     **error)
{
  const char *type = NULL, *target = NULL, *status = NULL;
  gint64 quantity = 0, remaining = 0;
  GError *local_error = NULL;
  TdCloudTake take;

  *taken = FALSE;
  if (!booking_target (values, &type, &target))
    return reject (op, "invalid_value", "a booking needs either slot_id or departure_id");
  td_json_get_int (values, "quantity", &quantity);
  if (quantity < 1 || quantity > MAX_QUANTITY)
    return reject (op, "invalid_value", "quantity must be from 1 to %d", MAX_QUANTITY);
  if (td_json_get_string (values, "status", &status) && !g_str_equal (status, "pending"))
    return reject (op, "invalid_value", "a new booking is pending until the platform confirms it");

  take = op->a->store->vt->inventory_take (op->a->store, op->a->tenant_id, type, target, quantity,
                                           &remaining, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  switch (take)
    {
    case TD_CLOUD_TAKE_OK:
      *taken = TRUE;
      return TRUE;
    case TD_CLOUD_TAKE_SOLD_OUT:
      reject (op, "sold_out", "only %" G_GINT64_FORMAT " left, %" G_GINT64_FORMAT " asked for",
              remaining, quantity);
      json_object_set_int_member (op->result, "remaining", remaining);
      return TRUE;
    case TD_CLOUD_TAKE_UNKNOWN:
    default:
      return reject (op, g_str_equal (type, "attraction") ? "unknown_slot" : "unknown_departure",
                     "no %s %s in the catalogue of this organisation",
                     g_str_equal (type, "attraction") ? "time slot" : "tour departure", target);
    }
}

/* A booking is changed only to give places back: all of them
 * ({"status": "cancelled"}) or some ({"quantity": fewer}, when some of the
 * tickets sold together are refunded). */
static gboolean
change_booking (Op             *op,
                TdCloudRecord  *current,
                JsonObject     *values,
                GError        **error)
{
  const char *status = NULL, *was = NULL, *type = NULL, *target = NULL;
  gint64 quantity = 0, fewer = 0;
  g_autoptr(JsonObject) changed = json_object_new ();
  JsonArray *pair;

  td_json_get_string (current->values, "status", &was);
  td_json_get_int (current->values, "quantity", &quantity);
  booking_target (current->values, &type, &target);

  if (json_object_get_size (values) == 1 && td_json_get_int (values, "quantity", &fewer))
    {
      if (g_strcmp0 (was, "cancelled") == 0)
        return reject (op, "cancelled", "the booking %s is cancelled", op->id);
      if (fewer < 1 || fewer > quantity)
        return reject (op, "invalid_value", "a booking's quantity can only go down, to 1 at least "
                       "(it is %" G_GINT64_FORMAT "); cancel it to give every place back", quantity);
      if (fewer == quantity)
        return applied (op, current);
      if (target && !op->a->store->vt->inventory_give (op->a->store, op->a->tenant_id, target, quantity - fewer, error))
        return FALSE;
      pair = json_array_new ();
      json_array_add_int_element (pair, quantity);
      json_array_add_int_element (pair, fewer);
      json_object_set_array_member (changed, "quantity", pair);
      json_object_set_int_member (current->values, "quantity", fewer);
      current->revision++;
      return write_record (op, current, "update", changed, error);
    }

  if (json_object_get_size (values) != 1 || !td_json_get_string (values, "status", &status)
      || !g_str_equal (status, "cancelled"))
    return reject (op, "immutable", "a booking can only give places back: {\"status\": \"cancelled\"} "
                   "or {\"quantity\": fewer}; cancel it and book again to change it otherwise");
  if (g_strcmp0 (was, "cancelled") == 0)
    return applied (op, current);

  if (target && !op->a->store->vt->inventory_give (op->a->store, op->a->tenant_id, target, quantity, error))
    return FALSE;

  pair = json_array_new ();
  json_array_add_string_element (pair, was);
  json_array_add_string_element (pair, "cancelled");
  json_object_set_array_member (changed, "status", pair);
  json_object_set_string_member (current->values, "status", "cancelled");
  json_object_set_string_member (current->values, "cancelled_at", op->a->now);
  current->revision++;
  return write_record (op, current, "update", changed, error);
}

/* ------------------------------------------------------------------ */
/* the four operations                                                */

static void
set_server_fields (Op         *op,
                   JsonObject *values)
{
  const char *kind = op->ck->kind->name;

  if (g_str_equal (kind, "guest_registration"))
    {
      /* the acknowledgement: a receipt number such as GR-20261122-3F2A9C01 */
      const char *now = op->a->now;
      g_autofree char *random = g_uuid_string_random ();
      g_autofree char *receipt = g_strdup_printf ("GR-%.4s%.2s%.2s-%.8s", now, now + 5, now + 8, random);
      g_autofree char *upper = g_ascii_strup (receipt, -1);

      json_object_set_string_member (values, "receipt", upper);
      json_object_set_string_member (values, "acknowledged_at", now);
    }
  else if (g_str_equal (kind, "complaint") || g_str_equal (kind, "complaint_note"))
    json_object_set_string_member (values, "received_at", op->a->now);
  else if (g_str_equal (kind, "booking"))
    {
      json_object_set_string_member (values, "status", "confirmed");
      json_object_set_string_member (values, "confirmed_at", op->a->now);
    }
}

static gboolean apply_update (Op *op, TdCloudRecord *current, gint64 base, JsonObject *values, GError **error);

static gboolean
values_match (TdCloudRecord *current,
              JsonObject    *values)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, values);
  while (json_object_iter_next (&iter, &name, &node))
    if (!same_value (node, member_or_null (current->values, name)))
      return FALSE;
  return TRUE;
}

static gboolean
apply_insert (Op             *op,
              TdCloudRecord  *current,
              const char     *org_id,
              JsonObject     *values,
              GError        **error)
{
  const char *code = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(TdCloudRecord) record = NULL;
  g_autoptr(JsonObject) changed = NULL;
  g_autofree char *owner = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  gboolean taken;

  if (current)
    {
      /* "create an existing record": the same values again are done; a
       * mergeable record takes them as an edit from a desk that has not
       * seen any revision yet */
      if (!current->deleted && values_match (current, values))
        return applied (op, current);
      if (op->ck->policy == TD_CLOUD_POLICY_MERGE && !current->deleted)
        return apply_update (op, current, 0, values, error);
      return reject (op, "exists", "a %s with id %s already exists", op->ck->kind->name, op->id);
    }

  if (g_str_equal (op->ck->kind->name, "organisation"))
    {
      if (org_id && !g_str_equal (org_id, op->id))
        return reject (op, "invalid_op", "an organisation is its own org_id");
      owner = g_strdup (op->id);
    }
  else if (org_id)
    {
      gboolean live = FALSE;

      if (is_uuid (org_id) && !record_is_live (op, "organisation", org_id, &live, error))
        return FALSE;
      if (!live)
        return reject (op, "unknown_organisation", "org_id %s is not an organisation of this tenant", org_id);
      owner = g_strdup (org_id);
    }
  else if (op->ck->policy == TD_CLOUD_POLICY_MERGE)
    return reject (op, "invalid_op", "an insert of a %s needs org_id", op->ck->kind->name);

  if (!check_values (op, values, TRUE, &code, &detail, error))
    return FALSE;
  if (code || !check_record (op, values, &code, &detail))
    return reject (op, code, "%s", detail);

  if (op->ck->policy == TD_CLOUD_POLICY_CAPACITY)
    {
      if (!take_capacity (op, values, &taken, error))
        return FALSE;
      if (!taken)
        return TRUE;
    }

  record = td_cloud_record_new ();
  record->kind = g_strdup (op->ck->kind->name);
  record->id = g_strdup (op->id);
  record->org_id = g_steal_pointer (&owner);
  record->revision = 1;
  record->created_at = g_strdup (op->a->now);
  json_object_iter_init (&iter, values);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (record->values, name, json_node_copy (node));
  set_server_fields (op, record->values);
  /* every field is new: the history needs only the revision and who */
  changed = json_object_new ();
  return write_record (op, record, "insert", changed, error);
}

static gboolean
apply_update (Op             *op,
              TdCloudRecord  *current,
              gint64          base,
              JsonObject     *values,
              GError        **error)
{
  const char *code = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GHashTable) others = NULL;
  g_autoptr(JsonArray) conflicts = json_array_new ();
  g_autoptr(JsonObject) changed = json_object_new ();
  g_autoptr(TdCloudRecord) merged = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (current == NULL)
    return reject (op, "not_found", "there is no %s with id %s", op->ck->kind->name, op->id);
  if (current->deleted)
    {
      reject (op, "deleted", "the %s %s has been deleted", op->ck->kind->name, op->id);
      set_record (op, current);
      return TRUE;
    }
  if (op->ck->policy == TD_CLOUD_POLICY_APPEND_ONLY)
    return reject (op, "append_only", "a %s is never changed: add a note instead", op->ck->kind->name);
  if (base > current->revision)
    return reject (op, "invalid_base", "base_revision %" G_GINT64_FORMAT " is newer than the platform's %"
                   G_GINT64_FORMAT ": send the last revision received from the platform", base, current->revision);
  if (op->ck->policy == TD_CLOUD_POLICY_CAPACITY)
    return change_booking (op, current, values, error);

  if (!check_values (op, values, FALSE, &code, &detail, error))
    return FALSE;
  if (code)
    return reject (op, code, "%s", detail);

  revisions = op->a->store->vt->revisions_after (op->a->store, op->a->tenant_id, current->kind, current->id,
                                                 base, error);
  if (revisions == NULL)
    return FALSE;
  others = fields_changed_by_others (op, current, revisions);

  if (op->ck->policy == TD_CLOUD_POLICY_STRICT && g_hash_table_size (others) > 0)
    {
      /* never merged: every field where the two sides now differ */
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GList) changed_fields = g_hash_table_get_keys (others);
      g_autoptr(GList) desk_fields = json_object_get_members (values);

      for (GList *l = desk_fields; l; l = l->next)
        g_hash_table_add (seen, l->data);
      for (GList *l = changed_fields; l; l = l->next)
        if (*(const char *) l->data)
          g_hash_table_add (seen, l->data);
      {
        g_autoptr(GList) all = g_hash_table_get_keys (seen);

        all = g_list_sort (all, (GCompareFunc) strcmp);
        for (GList *l = all; l; l = l->next)
          {
            JsonNode *base_value = value_at_base (revisions, current, l->data);
            JsonNode *desk = json_object_has_member (values, l->data)
                             ? json_object_get_member (values, l->data) : base_value;
            JsonNode *server = member_or_null (current->values, l->data);

            if (!same_value (server, desk))
              add_conflict (conflicts, l->data, base_value, server, desk);
          }
      }
    }
  else if (op->ck->policy == TD_CLOUD_POLICY_MERGE)
    {
      /* field by field: a conflict only where both sides changed it, to
       * different values */
      g_autoptr(GList) desk_fields = json_object_get_members (values);

      desk_fields = g_list_sort (desk_fields, (GCompareFunc) strcmp);
      for (GList *l = desk_fields; l; l = l->next)
        {
          JsonNode *desk = json_object_get_member (values, l->data);
          JsonNode *server = member_or_null (current->values, l->data);

          if (g_hash_table_contains (others, g_intern_string (l->data)) && !same_value (server, desk))
            add_conflict (conflicts, l->data, value_at_base (revisions, current, l->data), server, desk);
        }
    }
  if (json_array_get_length (conflicts) > 0)
    return conflict (op, current, conflicts);

  merged = td_cloud_record_copy (current);
  json_object_iter_init (&iter, values);
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonNode *old = member_or_null (current->values, name);

      if (!same_value (old, node))
        {
          JsonArray *pair = json_array_new ();

          json_array_add_element (pair, json_node_copy (old));
          json_array_add_element (pair, json_node_copy (node));
          json_object_set_array_member (changed, name, pair);
        }
      json_object_set_member (merged->values, name, json_node_copy (node));
    }
  if (json_object_get_size (changed) == 0)
    return applied (op, current);
  if (!check_record (op, merged->values, &code, &detail))
    return reject (op, code, "%s", detail);
  merged->revision++;
  return write_record (op, merged, "update", changed, error);
}

static gboolean
apply_delete (Op             *op,
              TdCloudRecord  *current,
              gint64          base,
              GError        **error)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GHashTable) others = NULL;
  guint n_kinds;
  const TdCloudKind * const *kinds;

  /* deleting what is not there (any more) is done */
  if (current == NULL || current->deleted)
    return applied (op, current);
  switch (op->ck->policy)
    {
    case TD_CLOUD_POLICY_APPEND_ONLY:
      return reject (op, "append_only", "a %s is never deleted", op->ck->kind->name);
    case TD_CLOUD_POLICY_STRICT:
      return reject (op, "not_deletable", "a %s reported to the authorities is never deleted: send a correction",
                     op->ck->kind->name);
    case TD_CLOUD_POLICY_CAPACITY:
      return reject (op, "not_deletable", "a booking is cancelled, not deleted ({\"status\": \"cancelled\"})");
    case TD_CLOUD_POLICY_MERGE:
    default:
      break;
    }
  if (base > current->revision)
    return reject (op, "invalid_base", "base_revision %" G_GINT64_FORMAT " is newer than the platform's %"
                   G_GINT64_FORMAT, base, current->revision);

  revisions = op->a->store->vt->revisions_after (op->a->store, op->a->tenant_id, current->kind, current->id,
                                                 base, error);
  if (revisions == NULL)
    return FALSE;
  others = fields_changed_by_others (op, current, revisions);
  if (g_hash_table_size (others) > 0)
    {
      /* an edit the desk has not seen: let the clerk decide */
      g_autoptr(JsonArray) conflicts = json_array_new ();
      g_autoptr(GList) fields = g_hash_table_get_keys (others);

      fields = g_list_sort (fields, (GCompareFunc) strcmp);
      for (GList *l = fields; l; l = l->next)
        if (*(const char *) l->data)
          {
            JsonNode *base_value = value_at_base (revisions, current, l->data);

            add_conflict (conflicts, l->data, base_value, member_or_null (current->values, l->data), base_value);
          }
      return conflict (op, current, conflicts);
    }

  kinds = td_cloud_kind_all (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    for (guint f = 0; f < kinds[k]->kind->n_fields; f++)
      {
        const TdField *field = &kinds[k]->kind->fields[f];
        GError *local_error = NULL;
        gint64 n;

        if (field->type != TD_FIELD_REF || g_strcmp0 (field->ref_kind, op->ck->kind->name) != 0)
          continue;
        n = op->a->store->vt->count_referrers (op->a->store, op->a->tenant_id, kinds[k]->kind->name,
                                               field->name, op->id, &local_error);
        if (local_error)
          {
            g_propagate_error (error, local_error);
            return FALSE;
          }
        if (n > 0)
          return reject (op, "referenced", "%" G_GINT64_FORMAT " %s record(s) still refer to it (%s)",
                         n, kinds[k]->kind->name, field->name);
      }

  current->deleted = TRUE;
  current->revision++;
  {
    g_autoptr(JsonObject) changed = json_object_new ();

    return write_record (op, current, "delete", changed, error);
  }
}

static gboolean
apply_restore (Op             *op,
               TdCloudRecord  *current,
               GError        **error)
{
  g_autoptr(JsonObject) changed = json_object_new ();

  if (current == NULL)
    return reject (op, "not_found", "there is no %s with id %s", op->ck->kind->name, op->id);
  if (!current->deleted)
    return applied (op, current);
  if (op->ck->policy != TD_CLOUD_POLICY_MERGE)
    return reject (op, "not_deletable", "a %s is never deleted nor restored", op->ck->kind->name);

  for (guint i = 0; i < op->ck->kind->n_fields; i++)
    {
      const TdField *field = &op->ck->kind->fields[i];
      const char *ref = NULL;
      gboolean live = FALSE;

      if (field->type != TD_FIELD_REF || !td_json_get_string (current->values, field->name, &ref))
        continue;
      if (!record_is_live (op, field->ref_kind, ref, &live, error))
        return FALSE;
      if (!live)
        return reject (op, "unknown_reference", "“%s” refers to a %s that no longer exists: %s",
                       field->name, field->ref_kind, ref);
    }
  current->deleted = FALSE;
  current->revision++;
  return write_record (op, current, "restore", changed, error);
}

/* ------------------------------------------------------------------ */

static gboolean
dispatch (Op          *op,
          JsonObject  *object,
          GError     **error)
{
  const char *kind = NULL, *verb = NULL, *org_id = NULL;
  gint64 base = 0;
  JsonObject *values;
  JsonNode *base_node, *org_node;
  g_autoptr(TdCloudRecord) current = NULL;
  GError *local_error = NULL;

  if (!td_json_get_string (object, "kind", &kind))
    return reject (op, "invalid_op", "an operation needs “kind”");
  json_object_set_string_member (op->result, "kind", kind);
  if (!td_json_get_string (object, "id", &op->id) || !is_uuid (op->id))
    return reject (op, "invalid_op", "an operation needs “id”, a UUID");
  json_object_set_string_member (op->result, "id", op->id);
  op->ck = td_cloud_kind_lookup (kind);
  if (op->ck == NULL)
    return reject (op, "unknown_kind", "the platform does not sync records of kind “%s”", kind);
  if (!td_json_get_string (object, "op", &verb)
      || !g_strv_contains ((const char *[]) { "insert", "update", "delete", "restore", NULL }, verb))
    return reject (op, "invalid_op", "“op” must be insert, update, delete or restore");
  base_node = json_object_get_member (object, "base_revision");
  if (base_node && !JSON_NODE_HOLDS_NULL (base_node)
      && (!td_json_get_int (object, "base_revision", &base) || base < 0))
    return reject (op, "invalid_op", "“base_revision” must be a whole number, 0 or more");
  org_node = json_object_get_member (object, "org_id");
  if (org_node && !JSON_NODE_HOLDS_NULL (org_node) && !td_json_get_string (object, "org_id", &org_id))
    return reject (op, "invalid_op", "“org_id” must be a UUID");
  values = td_json_get_object (object, "values");
  if (values == NULL && json_object_has_member (object, "values")
      && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "values")))
    return reject (op, "invalid_op", "“values” must be an object");
  if (values == NULL && (g_str_equal (verb, "insert") || g_str_equal (verb, "update")))
    return reject (op, "invalid_op", "an %s needs “values”", verb);

  current = op->a->store->vt->record_get (op->a->store, op->a->tenant_id, kind, op->id, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (g_str_equal (verb, "insert"))
    return apply_insert (op, current, org_id, values, error);
  if (g_str_equal (verb, "update"))
    return apply_update (op, current, base, values, error);
  if (g_str_equal (verb, "delete"))
    return apply_delete (op, current, base, error);
  return apply_restore (op, current, error);
}

JsonObject *
td_cloud_apply_op (TdCloudApply  *apply,
                   JsonNode      *node,
                   GError       **error)
{
  TdCloudStore *store = apply->store;
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(JsonObject) original = NULL;
  g_autoptr(JsonObject) object = NULL;
  Op op = { apply, NULL, result, NULL, NULL };
  GError *local_error = NULL;
  const char *status;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_null_member (result, "op_id");
      reject (&op, "invalid_op", "an operation must be an object");
      return g_steal_pointer (&result);
    }
  object = json_object_ref (json_node_get_object (node));
  if (!td_json_get_string (object, "op_id", &op.op_id) || !is_uuid (op.op_id))
    {
      json_object_set_null_member (result, "op_id");
      reject (&op, "invalid_op", "an operation needs “op_id”, a UUID");
      return g_steal_pointer (&result);
    }
  json_object_set_string_member (result, "op_id", op.op_id);

  /* seen before (another batch, a retry with a new key): its first answer */
  original = store->vt->op_get (store, apply->tenant_id, op.op_id, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (original)
    {
      set_status (&op, "duplicate");
      json_object_set_object_member (result, "original", g_steal_pointer (&original));
      return g_steal_pointer (&result);
    }

  if (!store->vt->savepoint (store, error))
    return NULL;
  if (!dispatch (&op, object, &local_error))
    {
      store->vt->rollback_savepoint (store);
      g_propagate_error (error, local_error);
      return NULL;
    }
  status = json_object_get_string_member (result, "status");
  if (g_str_equal (status, "applied"))
    {
      if (!store->vt->release (store, error))
        return NULL;
    }
  else
    /* nothing of a refused operation stays (a capacity taken, say) */
    store->vt->rollback_savepoint (store);

  /* kept for duplicates without the record: the feed has it */
  {
    g_autoptr(JsonObject) kept = json_object_new ();
    JsonObjectIter iter;
    const char *name;
    JsonNode *member;

    json_object_iter_init (&iter, result);
    while (json_object_iter_next (&iter, &name, &member))
      if (!g_str_equal (name, "record"))
        json_object_set_member (kept, name, json_node_copy (member));
    if (!store->vt->op_put (store, apply->tenant_id, op.op_id, apply->desk_id, kept, error))
      return NULL;
  }
  return g_steal_pointer (&result);
}
