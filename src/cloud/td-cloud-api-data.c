/* td-cloud-api-data.c: the catalogue, guest registrations, statistics, complaints
 *
 * Registrations and complaints are records of the change feed too (kinds
 * guest_registration, complaint, complaint_note): these endpoints write
 * them through the same rules as a push (td_cloud_apply_op()), for systems
 * that report without syncing, and read them back with their
 * acknowledgements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-cloud-api-private.h"

#define CATALOGUE_DAYS_DEFAULT 31
#define CATALOGUE_DAYS_MAX     366

/* ------------------------------------------------------------------ */
/* the catalogue                                                      */

static gboolean
etag_matches (const char *if_none_match,
              const char *etag)
{
  g_auto(GStrv) tags = NULL;

  if (if_none_match == NULL)
    return FALSE;
  tags = g_strsplit (if_none_match, ",", -1);
  for (guint i = 0; tags[i]; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (g_str_equal (tag, "*") || g_str_equal (tag, etag))
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
product_json (const TdCloudProduct *product)
{
  gboolean tour = g_str_equal (product->type, "tour");
  JsonObject *object = json_object_new ();
  JsonArray *items = json_array_new ();

  json_object_set_string_member (object, "id", product->id);
  json_object_set_string_member (object, "name", product->name);
  if (product->city)
    json_object_set_string_member (object, "city", product->city);
  else
    json_object_set_null_member (object, "city");
  json_object_set_string_member (object, "scope", product->tenant_id ? "own" : "public");
  for (guint i = 0; i < product->inventory->len; i++)
    {
      TdCloudInventory *inventory = g_ptr_array_index (product->inventory, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "id", inventory->id);
      json_object_set_string_member (item, "date", inventory->date);
      json_object_set_string_member (item, "start", inventory->start_time);
      if (inventory->end_time)
        json_object_set_string_member (item, "end", inventory->end_time);
      else
        json_object_set_null_member (item, "end");
      json_object_set_int_member (item, "capacity", inventory->capacity);
      json_object_set_int_member (item, "remaining", inventory->remaining);
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (object, tour ? "departures" : "slots", items);
  return object;
}

void
td_cloud_api_catalogue (TdCloudContext  *context,
                        TdCloudRequest  *request,
                        TdCloudResponse *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *etag = NULL;
  JsonArray *attractions = json_array_new ();
  JsonArray *tours = json_array_new ();
  guint32 from = td_today_julian (TD_DEFAULT_TIME_ZONE), to = 0;

  json_object_set_array_member (reply, "attractions", attractions);
  json_object_set_array_member (reply, "tours", tours);
  if (!td_cloud_query_date (request, response, "from", &from)
      || !td_cloud_query_date (request, response, "to", &to))
    return;
  if (to == 0)
    to = from + CATALOGUE_DAYS_DEFAULT;
  if (to <= from || to - from > CATALOGUE_DAYS_MAX)
    {
      td_cloud_problem (response, 400, "invalid_parameter",
                        "to must come after from, and at most %d days after it.", CATALOGUE_DAYS_MAX);
      return;
    }
  from_text = td_date_format_iso (from);
  to_text = td_date_format_iso (to);

  products = context->store->vt->catalogue (context->store, request->tenant->id, NULL, from_text, to_text, &error);
  if (products == NULL)
    {
      td_cloud_store_failed (response, error);
      return;
    }
  for (guint i = 0; i < products->len; i++)
    {
      TdCloudProduct *product = g_ptr_array_index (products, i);

      json_array_add_object_element (g_str_equal (product->type, "tour") ? tours : attractions,
                                     product_json (product));
    }
  json_object_set_string_member (reply, "from", from_text);
  json_object_set_string_member (reply, "to", to_text);
  td_cloud_reply_json (response, 200, reply);

  /* the body is the state: its hash is the tag (no clock in the body) */
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, response->body);
  etag = g_strdup_printf ("\"%.32s\"", hash);
  td_cloud_add_header (response, "ETag", etag);
  td_cloud_add_header (response, "Cache-Control", "no-cache");
  if (etag_matches (request->if_none_match, etag))
    {
      response->status = 304;
      g_clear_pointer (&response->body, g_bytes_unref);
    }
}

/* ------------------------------------------------------------------ */
/* lists of one kind of record, in the order of the change feed       */

static void
list_records (TdCloudContext  *context,
              TdCloudRequest  *request,
              TdCloudResponse *response,
              const char      *kind,
              const char      *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  gint64 after;
  guint limit;

  if (!td_cloud_query_limit (context, request, response, &limit)
      || !td_cloud_query_after (request, response, &after))
    return;
  records = context->store->vt->changes (context->store, request->tenant->id, kind, after, -1, FALSE,
                                         limit + 1, &error);
  if (records == NULL)
    {
      td_cloud_store_failed (response, error);
      return;
    }
  if (records->len > limit)
    {
      g_autofree char *next = NULL;

      g_ptr_array_set_size (records, limit);
      next = g_strdup_printf ("%" G_GINT64_FORMAT, ((TdCloudRecord *) g_ptr_array_index (records, limit - 1))->seq);
      json_object_set_string_member (reply, "next_after", next);
    }
  else
    json_object_set_null_member (reply, "next_after");
  json_object_set_array_member (reply, member, td_cloud_records_json (records));
  td_cloud_reply_json (response, 200, reply);
}

/* One record of the tenant by the {id} of the path, or NULL after 404. */
static TdCloudRecord *
get_record (TdCloudContext  *context,
            TdCloudRequest  *request,
            TdCloudResponse *response,
            const char      *kind)
{
  const char *id = g_hash_table_lookup (request->params, "id");
  g_autoptr(GError) error = NULL;
  TdCloudRecord *record = NULL;

  if (g_uuid_string_is_valid (id))
    record = context->store->vt->record_get (context->store, request->tenant->id, kind, id, &error);
  if (error)
    {
      td_cloud_store_failed (response, error);
      return NULL;
    }
  if (record == NULL || record->deleted)
    {
      td_cloud_problem (response, 404, "not_found", "There is no %s %s.", kind, id);
      g_clear_pointer (&record, td_cloud_record_free);
    }
  return record;
}

/* An operation the platform makes for a request: its id derives from the
 * desk, the Idempotency-Key and the place in the request. */
static JsonObject *
apply_for_request (TdCloudContext  *context,
                   TdCloudRequest  *request,
                   guint            index,
                   const char      *kind,
                   const char      *verb,
                   const char      *id,
                   const char      *org_id,
                   gint64           base,
                   JsonObject      *values,
                   GError         **error)
{
  g_autofree char *now = td_timestamp_now ();
  g_autofree char *seed = g_strdup_printf ("%s|%s|%s|%u", request->tenant->id, request->desk->id,
                                           request->idempotency_key, index);
  g_autofree char *op_id = td_cloud_uuid_from (seed);
  TdCloudApply apply = { context->store, request->tenant->id, request->desk->id, now };
  g_autoptr(JsonObject) op = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (op, "op_id", op_id);
  json_object_set_string_member (op, "kind", kind);
  json_object_set_string_member (op, "id", id);
  json_object_set_string_member (op, "op", verb);
  if (org_id)
    json_object_set_string_member (op, "org_id", org_id);
  json_object_set_int_member (op, "base_revision", base);
  json_object_set_object_member (op, "values", json_object_ref (values));
  node = json_node_init_object (json_node_alloc (), op);
  return td_cloud_apply_op (&apply, node, error);
}

/* ------------------------------------------------------------------ */
/* guest registrations                                                */

static void
acknowledge (JsonObject *ack,
             JsonObject *result)
{
  const char *status = json_object_get_string_member (result, "status");
  JsonObject *record = td_json_get_object (result, "record");
  const char *receipt = NULL;

  if (g_str_equal (status, "duplicate"))
    {
      acknowledge (ack, td_json_get_object (result, "original"));
      return;
    }
  if (g_str_equal (status, "applied"))
    {
      json_object_set_string_member (ack, "status", "acknowledged");
      td_json_get_string (td_json_get_object (record, "values"), "receipt", &receipt);
      json_object_set_string_member (ack, "receipt", receipt);
    }
  else
    json_object_set_string_member (ack, "status", status);
  if (json_object_has_member (result, "revision"))
    json_object_set_int_member (ack, "revision", json_object_get_int_member (result, "revision"));
  for (const char * const *m = (const char * const[]) { "code", "detail", "conflicts", "record", NULL }; *m; m++)
    if (json_object_has_member (result, *m))
      json_object_set_member (ack, *m, json_node_copy (json_object_get_member (result, *m)));
}

static gboolean
registrations_post (TdCloudContext   *context,
                    TdCloudRequest   *request,
                    TdCloudResponse  *response,
                    GError          **error)
{
  g_autoptr(JsonObject) body = NULL;
  JsonArray *items, *acks;
  guint n;

  items = td_cloud_body_batch (context, request, response, "registrations",
                               "{\"registrations\": [{\"id\", \"values\", \"base_revision\"}, …]}", FALSE, &body);
  if (items == NULL)
    return TRUE;
  n = json_array_get_length (items);
  acks = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *values = td_json_get_object (item, "values");
      JsonObject *ack = json_object_new ();
      const char *id = NULL, *org_id = NULL;
      gint64 base = 0;
      g_autoptr(JsonObject) result = NULL;

      json_array_add_object_element (acks, ack);
      if (!td_json_get_string (item, "id", &id) || !g_uuid_string_is_valid (id) || values == NULL)
        {
          json_object_set_string_member (ack, "status", "rejected");
          json_object_set_string_member (ack, "code", "invalid_op");
          json_object_set_string_member (ack, "detail", "a registration needs “id” (a UUID) and “values”");
          if (id)
            json_object_set_string_member (ack, "id", id);
          continue;
        }
      json_object_set_string_member (ack, "id", id);
      td_json_get_string (item, "org_id", &org_id);
      td_json_get_int (item, "base_revision", &base);
      result = apply_for_request (context, request, i, "guest_registration", base > 0 ? "update" : "insert",
                                  id, org_id, base, values, error);
      if (result == NULL)
        {
          json_array_unref (acks);
          return FALSE;
        }
      acknowledge (ack, result);
    }
  td_cloud_reply_batch (response, "acknowledgements", acks);
  return TRUE;
}

void
td_cloud_api_registrations_post (TdCloudContext  *context,
                                 TdCloudRequest  *request,
                                 TdCloudResponse *response)
{
  td_cloud_run_idempotent (context, request, response, registrations_post);
}

void
td_cloud_api_registrations_list (TdCloudContext  *context,
                                 TdCloudRequest  *request,
                                 TdCloudResponse *response)
{
  list_records (context, request, response, "guest_registration", "registrations");
}

void
td_cloud_api_registration_get (TdCloudContext  *context,
                               TdCloudRequest  *request,
                               TdCloudResponse *response)
{
  g_autoptr(TdCloudRecord) record = get_record (context, request, response, "guest_registration");
  g_autoptr(JsonObject) reply = NULL;

  if (record == NULL)
    return;
  reply = json_object_new ();
  json_object_set_object_member (reply, "registration", td_cloud_record_to_json (record));
  td_cloud_reply_json (response, 200, reply);
}

/* ------------------------------------------------------------------ */
/* statistics                                                         */

typedef struct {
  const char *report;
  gboolean    monthly;
  const char *figures[6];  /* the last one is money: revenue */
  const char *part_of[6];  /* figure i is at most figure part_of[i] */
} ReportType;

static const ReportType report_types[] = {
  { "hotel-daily", FALSE,
    { "rooms_available", "rooms_occupied", "guests", "guests_foreign", "revenue", NULL },
    { NULL, "rooms_available", NULL, "guests", NULL, NULL } },
  { "agency-monthly", TRUE,
    { "groups", "tourists", "tourists_inbound", "revenue", NULL, NULL },
    { NULL, NULL, "tourists", NULL, NULL, NULL } },
  { "scenic-daily", FALSE,
    { "visitors", "visitors_foreign", "tickets_sold", "revenue", NULL, NULL },
    { NULL, "visitors", NULL, NULL, NULL, NULL } },
};

static const ReportType *
report_type (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (report_types); i++)
    if (g_strcmp0 (report_types[i].report, name) == 0)
      return &report_types[i];
  return NULL;
}

static gboolean
period_is_valid (const ReportType *type,
                 const char       *period)
{
  if (!type->monthly)
    return td_date_parse_iso (period, NULL, NULL) && strlen (period) == 10;
  return strlen (period) == 7 && g_ascii_isdigit (period[0]) && g_ascii_isdigit (period[1])
         && g_ascii_isdigit (period[2]) && g_ascii_isdigit (period[3]) && period[4] == '-'
         && ((period[5] == '0' && period[6] >= '1' && period[6] <= '9')
             || (period[5] == '1' && period[6] >= '0' && period[6] <= '2'));
}

/* FALSE after refusing in result */
static gboolean
check_figures (const ReportType *type,
               JsonObject       *figures,
               JsonObject       *result)
{
  g_autoptr(GList) members = json_object_get_members (figures);
  guint n = 0;

  for (const GList *l = members; l; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; type->figures[i]; i++)
        known |= g_str_equal (type->figures[i], l->data);
      if (!known)
        {
          td_cloud_result_reject (result, "unknown_figure", "a %s report has no figure “%s”", type->report,
                         (const char *) l->data);
          return FALSE;
        }
    }
  for (guint i = 0; type->figures[i]; i++, n++)
    {
      const char *name = type->figures[i];
      gboolean money = g_str_equal (name, "revenue");
      JsonObject *amount = td_json_get_object (figures, name);
      const char *currency = NULL;
      gint64 value = -1;

      if (!json_object_has_member (figures, name))
        {
          td_cloud_result_reject (result, "missing_figure", "a %s report needs “%s”", type->report, name);
          return FALSE;
        }
      if (money ? !(td_json_get_int (amount, "minor", &value) && td_json_get_string (amount, "currency", &currency)
                    && td_currency_is_valid (currency))
                : !td_json_get_int (figures, name, &value))
        {
          td_cloud_result_reject (result, "invalid_figure", money
                         ? "“%s” is {\"minor\": amount in minor units, \"currency\": ISO 4217 code}"
                         : "“%s” must be a whole number", name);
          return FALSE;
        }
      if (value < 0)
        {
          td_cloud_result_reject (result, "invalid_figure", "“%s” cannot be negative", name);
          return FALSE;
        }
    }
  for (guint i = 0; i < n; i++)
    if (type->part_of[i])
      {
        gint64 part = json_object_get_int_member (figures, type->figures[i]);
        gint64 whole = json_object_get_int_member (figures, type->part_of[i]);

        if (part > whole)
          {
            td_cloud_result_reject (result, "inconsistent", "%s (%" G_GINT64_FORMAT ") is more than %s (%" G_GINT64_FORMAT ")",
                           type->figures[i], part, type->part_of[i], whole);
            return FALSE;
          }
      }
  return TRUE;
}

static gboolean
statistics_post (TdCloudContext   *context,
                 TdCloudRequest   *request,
                 TdCloudResponse  *response,
                 GError          **error)
{
  TdCloudStore *store = context->store;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *now = td_timestamp_now ();
  JsonArray *reports, *results;
  guint n;

  reports = td_cloud_body_batch (context, request, response, "reports",
                                 "{\"reports\": [{\"report\", \"period\", \"figures\"}, …]}", FALSE, &body);
  if (reports == NULL)
    return TRUE;
  n = json_array_get_length (reports);
  results = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (reports, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *figures = td_json_get_object (item, "figures");
      JsonObject *result = json_object_new ();
      const char *report = NULL, *period = NULL;
      const ReportType *type;
      g_autoptr(TdCloudStatistic) old = NULL;
      TdCloudStatistic statistic = { 0 };

      json_array_add_object_element (results, result);
      td_json_get_string (item, "report", &report);
      td_json_get_string (item, "period", &period);
      if (report)
        json_object_set_string_member (result, "report", report);
      if (period)
        json_object_set_string_member (result, "period", period);
      type = report_type (report);
      if (type == NULL)
        {
          td_cloud_result_reject (result, "unknown_report", "the reports are hotel-daily, agency-monthly and scenic-daily");
          continue;
        }
      if (period == NULL || !period_is_valid (type, period))
        {
          td_cloud_result_reject (result, "invalid_period", "the period of a %s report is %s", type->report,
                         type->monthly ? "a month, YYYY-MM" : "a day, YYYY-MM-DD");
          continue;
        }
      if (figures == NULL)
        {
          td_cloud_result_reject (result, "missing_figure", "a report needs “figures”");
          continue;
        }
      if (!check_figures (type, figures, result))
        continue;

      old = store->vt->statistic_get (store, request->tenant->id, report, period, error);
      if (old == NULL && error && *error)
        {
          json_array_unref (results);
          return FALSE;
        }
      if (old)
        {
          g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), old->figures);
          g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), figures);

          if (json_node_equal (a, b))
            {
              json_object_set_string_member (result, "status", "unchanged");
              json_object_set_int_member (result, "revision", old->revision);
              continue;
            }
        }
      statistic.report = (char *) report;
      statistic.period = (char *) period;
      statistic.revision = old ? old->revision + 1 : 1;
      statistic.figures = figures;
      statistic.uploaded_at = now;
      statistic.desk_id = request->desk->id;
      if (!store->vt->statistic_put (store, request->tenant->id, &statistic, error))
        {
          json_array_unref (results);
          return FALSE;
        }
      json_object_set_string_member (result, "status", old ? "replaced" : "stored");
      json_object_set_int_member (result, "revision", statistic.revision);
    }
  td_cloud_reply_batch (response, "results", results);
  return TRUE;
}

void
td_cloud_api_statistics_post (TdCloudContext  *context,
                              TdCloudRequest  *request,
                              TdCloudResponse *response)
{
  td_cloud_run_idempotent (context, request, response, statistics_post);
}

void
td_cloud_api_statistics_list (TdCloudContext  *context,
                              TdCloudRequest  *request,
                              TdCloudResponse *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  const char *report = td_cloud_query (request, "report");
  JsonArray *reports = json_array_new ();

  json_object_set_array_member (reply, "reports", reports);
  if (report && report_type (report) == NULL)
    {
      td_cloud_problem (response, 400, "invalid_parameter", "There is no report “%s”.", report);
      return;
    }
  list = context->store->vt->statistic_list (context->store, request->tenant->id, report,
                                             td_cloud_query (request, "from"), td_cloud_query (request, "to"),
                                             &error);
  if (list == NULL)
    {
      td_cloud_store_failed (response, error);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      TdCloudStatistic *statistic = g_ptr_array_index (list, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "report", statistic->report);
      json_object_set_string_member (item, "period", statistic->period);
      json_object_set_int_member (item, "revision", statistic->revision);
      json_object_set_object_member (item, "figures", json_object_ref (statistic->figures));
      json_object_set_string_member (item, "uploaded_at", statistic->uploaded_at);
      json_array_add_object_element (reports, item);
    }
  td_cloud_reply_json (response, 200, reply);
}

/* ------------------------------------------------------------------ */
/* complaints: append-only                                            */

/* Answers a create made through td_cloud_apply_op(): 201 and the record
 * under member, or the refusal as a problem. */
static void
answer_create (TdCloudResponse *response,
               JsonObject      *result,
               const char      *member)
{
  const char *status = json_object_get_string_member (result, "status");
  const char *code = NULL, *detail = NULL;
  g_autoptr(JsonObject) reply = NULL;

  if (g_str_equal (status, "duplicate"))
    {
      answer_create (response, td_json_get_object (result, "original"), member);
      return;
    }
  if (g_str_equal (status, "applied"))
    {
      reply = json_object_new ();
      json_object_set_member (reply, member, json_node_copy (json_object_get_member (result, "record")));
      td_cloud_reply_json (response, 201, reply);
      return;
    }
  td_json_get_string (result, "code", &code);
  td_json_get_string (result, "detail", &detail);
  td_cloud_problem (response, g_strcmp0 (code, "exists") == 0 ? 409 : 422, code ? code : "rejected",
                    "%s", detail ? detail : "refused");
}

static gboolean
complaints_post (TdCloudContext   *context,
                 TdCloudRequest   *request,
                 TdCloudResponse  *response,
                 GError          **error)
{
  g_autoptr(JsonObject) body = td_cloud_body_object (request, response);
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *generated = NULL;
  const char *id = NULL, *org_id = NULL;
  JsonObject *values;

  if (body == NULL)
    return TRUE;
  values = td_json_get_object (body, "values");
  if (values == NULL)
    {
      td_cloud_problem (response, 400, "invalid_request", "A complaint is {\"id\", \"values\": {\"subject\", \"body\", …}}.");
      return TRUE;
    }
  if (json_object_has_member (body, "id") && (!td_json_get_string (body, "id", &id) || !g_uuid_string_is_valid (id)))
    {
      td_cloud_problem (response, 400, "invalid_request", "“id” must be a UUID.");
      return TRUE;
    }
  if (id == NULL)
    id = generated = g_uuid_string_random ();
  td_json_get_string (body, "org_id", &org_id);
  result = apply_for_request (context, request, 0, "complaint", "insert", id, org_id, 0, values, error);
  if (result == NULL)
    return FALSE;
  answer_create (response, result, "complaint");
  return TRUE;
}

void
td_cloud_api_complaints_post (TdCloudContext  *context,
                              TdCloudRequest  *request,
                              TdCloudResponse *response)
{
  td_cloud_run_idempotent (context, request, response, complaints_post);
}

void
td_cloud_api_complaints_list (TdCloudContext  *context,
                              TdCloudRequest  *request,
                              TdCloudResponse *response)
{
  list_records (context, request, response, "complaint", "complaints");
}

void
td_cloud_api_complaint_get (TdCloudContext  *context,
                            TdCloudRequest  *request,
                            TdCloudResponse *response)
{
  g_autoptr(TdCloudRecord) record = get_record (context, request, response, "complaint");
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 after = 0;

  if (record == NULL)
    return;
  notes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_cloud_record_free);
  for (;;)
    {
      g_autoptr(GPtrArray) page = context->store->vt->changes (context->store, request->tenant->id, "complaint_note",
                                                               after, -1, FALSE, 1000, &error);

      if (page == NULL)
        {
          td_cloud_store_failed (response, error);
          return;
        }
      for (guint i = 0; i < page->len; i++)
        {
          TdCloudRecord *note = g_ptr_array_index (page, i);
          const char *complaint = NULL;

          after = note->seq;
          if (td_json_get_string (note->values, "complaint_id", &complaint) && g_str_equal (complaint, record->id))
            g_ptr_array_add (notes, td_cloud_record_copy (note));
        }
      if (page->len < 1000)
        break;
    }
  reply = json_object_new ();
  json_object_set_object_member (reply, "complaint", td_cloud_record_to_json (record));
  json_object_set_array_member (reply, "notes", td_cloud_records_json (notes));
  td_cloud_reply_json (response, 200, reply);
}

static gboolean
complaint_note_post (TdCloudContext   *context,
                     TdCloudRequest   *request,
                     TdCloudResponse  *response,
                     GError          **error)
{
  g_autoptr(JsonObject) body = td_cloud_body_object (request, response);
  g_autoptr(TdCloudRecord) complaint = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *generated = NULL;
  const char *id = NULL, *text = NULL;

  if (body == NULL)
    return TRUE;
  complaint = get_record (context, request, response, "complaint");
  if (complaint == NULL)
    return TRUE;  /* answered: 404, or the store's failure */
  if (!td_json_get_string (body, "body", &text))
    {
      td_cloud_problem (response, 400, "invalid_request", "A note is {\"id\", \"body\": text}.");
      return TRUE;
    }
  if (json_object_has_member (body, "id") && (!td_json_get_string (body, "id", &id) || !g_uuid_string_is_valid (id)))
    {
      td_cloud_problem (response, 400, "invalid_request", "“id” must be a UUID.");
      return TRUE;
    }
  if (id == NULL)
    id = generated = g_uuid_string_random ();
  values = json_object_new ();
  json_object_set_string_member (values, "complaint_id", complaint->id);
  json_object_set_string_member (values, "body", text);
  result = apply_for_request (context, request, 0, "complaint_note", "insert", id, complaint->org_id, 0, values, error);
  if (result == NULL)
    return FALSE;
  answer_create (response, result, "note");
  return TRUE;
}

void
td_cloud_api_complaint_note_post (TdCloudContext  *context,
                                  TdCloudRequest  *request,
                                  TdCloudResponse *response)
{
  td_cloud_run_idempotent (context, request, response, complaint_note_post);
}

void
td_cloud_api_complaint_refuse (TdCloudContext  *context,
                               TdCloudRequest  *request,
                               TdCloudResponse *response)
{
  td_cloud_problem (response, 405, "append_only",
                    "Complaints are append-only: they are never changed nor deleted; add a note "
                    "(POST /v1/complaints/{id}/notes).");
  td_cloud_add_header (response, "Allow", "GET");
}
