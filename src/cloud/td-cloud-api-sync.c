/* td-cloud-api-sync.c: push, pull and snapshot
 *
 * Cursors and page tokens are opaque to desks: "c1." or "p1." and
 * base64url of tenant|epoch|seq (|watermark for a snapshot page). A cursor
 * of another tenant or epoch, or older than the tenant's purge horizon,
 * is gone: 410, and the desk resyncs from a snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-cloud-api-private.h"

#define CURSOR_PREFIX "c1."
#define PAGE_PREFIX   "p1."

typedef struct {
  char   *tenant_id;
  gint64  epoch;
  gint64  seq;
  gint64  watermark;  /* snapshot pages only */
} Position;

static void
position_clear (Position *position)
{
  g_clear_pointer (&position->tenant_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Position, position_clear)

static char *
encode (const char          *prefix,
        const TdCloudTenant *tenant,
        gint64               seq,
        gint64               watermark)
{
  g_autofree char *plain = watermark >= 0
    ? g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT, tenant->id, tenant->epoch,
                       seq, watermark)
    : g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT, tenant->id, tenant->epoch, seq);
  g_autofree char *encoded = g_base64_encode ((const guchar *) plain, strlen (plain));

  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');
  return g_strconcat (prefix, encoded, NULL);
}

static gboolean
decode (const char *text,
        const char *prefix,
        Position   *out)
{
  g_autofree char *b64 = NULL;
  g_autofree guchar *plain = NULL;
  g_autofree char *terminated = NULL;
  g_auto(GStrv) parts = NULL;
  gsize len = 0, n;
  guint64 value;

  if (!g_str_has_prefix (text, prefix) || strlen (text) > 200)
    return FALSE;
  b64 = g_strdup (text + strlen (prefix));
  for (char *p = b64; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  g_strdelimit (b64, "-", '+');
  g_strdelimit (b64, "_", '/');
  n = strlen (b64);
  {
    g_autofree char *padded = g_strnfill (n + (4 - n % 4) % 4, '=');

    memcpy (padded, b64, n);
    plain = g_base64_decode (padded, &len);
  }
  terminated = g_strndup ((const char *) plain, len);
  parts = g_strsplit (terminated, "|", -1);
  n = g_strv_length (parts);
  if (n != (g_str_equal (prefix, PAGE_PREFIX) ? 4 : 3) || !g_uuid_string_is_valid (parts[0]))
    return FALSE;
  out->tenant_id = g_strdup (parts[0]);
  if (!g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  out->epoch = (gint64) value;
  if (!g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  out->seq = (gint64) value;
  out->watermark = -1;
  if (n == 4)
    {
      if (!g_ascii_string_to_unsigned (parts[3], 10, 0, G_MAXINT64, &value, NULL))
        return FALSE;
      out->watermark = (gint64) value;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* push                                                               */

static gboolean
push (TdCloudContext   *context,
      TdCloudRequest   *request,
      TdCloudResponse  *response,
      GError          **error)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *now = td_timestamp_now ();
  TdCloudApply apply = { context->store, request->tenant->id, request->desk->id, now };
  JsonArray *ops, *results;
  guint n;

  ops = td_cloud_body_batch (context, request, response, "ops", "{\"ops\": [operation, …]}", TRUE, &body);
  if (ops == NULL)
    return TRUE;
  n = json_array_get_length (ops);
  results = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *result = td_cloud_apply_op (&apply, json_array_get_element (ops, i), error);

      if (result == NULL)
        {
          json_array_unref (results);
          return FALSE;
        }
      json_array_add_object_element (results, result);
    }
  td_cloud_reply_batch (response, "results", results);
  return TRUE;
}

void
td_cloud_api_push (TdCloudContext  *context,
                   TdCloudRequest  *request,
                   TdCloudResponse *response)
{
  td_cloud_run_idempotent (context, request, response, push);
}

/* ------------------------------------------------------------------ */
/* pull                                                               */

/* A page of the tenant's feed after position->seq, in one read
 * transaction with the tenant as of it (its epoch and horizon may have
 * moved). A pull takes tombstones and checks the cursor against the
 * horizon; a snapshot takes live records up to its watermark, fixed by
 * its first page. NULL after answering (410, or the store's failure). */
static GPtrArray *
read_page (TdCloudContext   *context,
           TdCloudRequest   *request,
           TdCloudResponse  *response,
           Position         *position,
           gboolean          snapshot,
           guint             limit,
           TdCloudTenant   **tenant,
           gboolean         *has_more,
           gint64           *total)
{
  TdCloudStore *store = context->store;
  g_autoptr(GError) error = NULL;
  GPtrArray *page = NULL;

  if (!store->vt->begin (store, FALSE, &error))
    goto failed;
  *tenant = store->vt->tenant_get (store, request->tenant->id, &error);
  if (*tenant == NULL)
    goto failed;
  if (position->tenant_id
      && (!g_str_equal (position->tenant_id, (*tenant)->id) || position->epoch != (*tenant)->epoch
          || (!snapshot && position->seq < (*tenant)->horizon)))
    {
      store->vt->rollback (store);
      td_cloud_problem (response, 410, "cursor_expired",
                        "This %s is too old or no longer valid: download a snapshot (GET /v1/sync/snapshot) "
                        "and pull from its cursor; keep the changes not yet pushed.",
                        snapshot ? "page token" : "cursor");
      return NULL;
    }
  if (snapshot && position->tenant_id == NULL)
    {
      /* the first page fixes the moment: every record changed before it,
       * in sequence order; what changes later comes with the pull from
       * the cursor of the last page */
      position->watermark = store->vt->last_seq (store, &error);
      if (position->watermark < 0)
        goto failed;
      /* how many records the whole snapshot has: the desk's progress */
      if (total)
        {
          *total = store->vt->count_changes (store, (*tenant)->id, 0, position->watermark, FALSE, &error);
          if (*total < 0)
            goto failed;
        }
    }
  page = store->vt->changes (store, (*tenant)->id, NULL, position->seq, snapshot ? position->watermark : -1,
                             !snapshot, limit + 1, &error);
  if (page == NULL)
    goto failed;
  store->vt->rollback (store);
  *has_more = page->len > limit;
  if (*has_more)
    g_ptr_array_set_size (page, limit);
  return page;

failed:
  store->vt->rollback (store);
  if (error == NULL)
    g_set_error_literal (&error, TD_CLOUD_ERROR, TD_CLOUD_ERROR_NOT_FOUND, "the desk's tenant is gone");
  td_cloud_store_failed (response, error);
  return NULL;
}

void
td_cloud_api_pull (TdCloudContext  *context,
                   TdCloudRequest  *request,
                   TdCloudResponse *response)
{
  g_autoptr(TdCloudTenant) tenant = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *next = NULL;
  g_auto(Position) position = { 0 };
  const char *cursor = td_cloud_query (request, "cursor");
  gboolean has_more = FALSE;
  guint limit;
  gint64 last;

  if (!td_cloud_query_limit (context, request, response, &limit))
    return;
  if (cursor && *cursor && !decode (cursor, CURSOR_PREFIX, &position))
    {
      td_cloud_problem (response, 400, "invalid_cursor", "The cursor is not one this platform gave.");
      return;
    }
  changes = read_page (context, request, response, &position, FALSE, limit, &tenant, &has_more, NULL);
  if (changes == NULL)
    return;

  last = changes->len ? ((TdCloudRecord *) g_ptr_array_index (changes, changes->len - 1))->seq : position.seq;
  next = encode (CURSOR_PREFIX, tenant, last, -1);
  reply = json_object_new ();
  json_object_set_array_member (reply, "changes", td_cloud_records_json (changes));
  json_object_set_string_member (reply, "next_cursor", next);
  json_object_set_boolean_member (reply, "has_more", has_more);
  td_cloud_set_server_time (reply);
  td_cloud_reply_json (response, 200, reply);
}

/* ------------------------------------------------------------------ */
/* snapshot                                                           */

void
td_cloud_api_snapshot (TdCloudContext  *context,
                       TdCloudRequest  *request,
                       TdCloudResponse *response)
{
  g_autoptr(TdCloudTenant) tenant = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_auto(Position) position = { 0 };
  const char *token = td_cloud_query (request, "page_token");
  gboolean has_more = FALSE;
  gint64 total = -1;
  guint limit;

  if (!td_cloud_query_limit (context, request, response, &limit))
    return;
  if (token && *token && !decode (token, PAGE_PREFIX, &position))
    {
      td_cloud_problem (response, 400, "invalid_page_token", "The page token is not one this platform gave.");
      return;
    }
  records = read_page (context, request, response, &position, TRUE, limit, &tenant, &has_more, &total);
  if (records == NULL)
    return;

  reply = json_object_new ();
  json_object_set_array_member (reply, "records", td_cloud_records_json (records));
  /* on the first page: the records of the whole snapshot, for a progress bar */
  if (total >= 0)
    json_object_set_int_member (reply, "total", total);
  json_object_set_boolean_member (reply, "has_more", has_more);
  if (has_more)
    {
      gint64 last = ((TdCloudRecord *) g_ptr_array_index (records, records->len - 1))->seq;
      g_autofree char *next = encode (PAGE_PREFIX, tenant, last, position.watermark);

      json_object_set_string_member (reply, "next_page_token", next);
      json_object_set_null_member (reply, "cursor");
    }
  else
    {
      g_autofree char *cursor = encode (CURSOR_PREFIX, tenant, position.watermark, -1);

      json_object_set_null_member (reply, "next_page_token");
      json_object_set_string_member (reply, "cursor", cursor);
    }
  td_cloud_set_server_time (reply);
  td_cloud_reply_json (response, 200, reply);
}
