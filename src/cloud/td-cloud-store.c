/* td-cloud-store.c: what every store backend shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-cloud-store.h"

G_DEFINE_QUARK (td-cloud-error-quark, td_cloud_error)

void
td_cloud_store_close (TdCloudStore *store)
{
  if (store)
    store->vt->close (store);
}

void
td_cloud_tenant_free (TdCloudTenant *tenant)
{
  if (tenant == NULL)
    return;
  g_free (tenant->id);
  g_free (tenant->name);
  g_free (tenant->kind);
  g_free (tenant->created_at);
  g_free (tenant);
}

void
td_cloud_desk_free (TdCloudDesk *desk)
{
  if (desk == NULL)
    return;
  g_free (desk->id);
  g_free (desk->tenant_id);
  g_free (desk->name);
  g_free (desk->created_at);
  g_free (desk);
}

TdCloudRecord *
td_cloud_record_new (void)
{
  TdCloudRecord *record = g_new0 (TdCloudRecord, 1);

  record->values = json_object_new ();
  return record;
}

TdCloudRecord *
td_cloud_record_copy (const TdCloudRecord *record)
{
  TdCloudRecord *copy = g_new0 (TdCloudRecord, 1);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  copy->kind = g_strdup (record->kind);
  copy->id = g_strdup (record->id);
  copy->org_id = g_strdup (record->org_id);
  copy->revision = record->revision;
  copy->deleted = record->deleted;
  copy->created_at = g_strdup (record->created_at);
  copy->updated_at = g_strdup (record->updated_at);
  copy->seq = record->seq;
  /* a new object with the same members: setting one in the copy leaves
   * the original as it was (nested values are shared, never changed) */
  copy->values = json_object_new ();
  json_object_iter_init (&iter, record->values);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (copy->values, name, json_node_copy (member));
  return copy;
}

void
td_cloud_record_free (TdCloudRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->kind);
  g_free (record->id);
  g_free (record->org_id);
  g_free (record->created_at);
  g_free (record->updated_at);
  g_clear_pointer (&record->values, json_object_unref);
  g_free (record);
}

void
td_cloud_revision_free (TdCloudRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->desk_id);
  g_free (revision->op);
  g_clear_pointer (&revision->changed, json_object_unref);
  g_free (revision);
}

void
td_cloud_stored_response_free (TdCloudStoredResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->method);
  g_free (response->path);
  g_free (response->fingerprint);
  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

void
td_cloud_inventory_free (TdCloudInventory *inventory)
{
  if (inventory == NULL)
    return;
  g_free (inventory->id);
  g_free (inventory->product_id);
  g_free (inventory->date);
  g_free (inventory->start_time);
  g_free (inventory->end_time);
  g_free (inventory);
}

void
td_cloud_product_free (TdCloudProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->id);
  g_free (product->tenant_id);
  g_free (product->type);
  g_free (product->name);
  g_free (product->city);
  g_clear_pointer (&product->inventory, g_ptr_array_unref);
  g_free (product);
}

void
td_cloud_statistic_free (TdCloudStatistic *statistic)
{
  if (statistic == NULL)
    return;
  g_free (statistic->report);
  g_free (statistic->period);
  g_clear_pointer (&statistic->figures, json_object_unref);
  g_free (statistic->uploaded_at);
  g_free (statistic->desk_id);
  g_free (statistic);
}
