/* td-change.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-change.h"

struct _TdChange
{
  gatomicrefcount  ref_count;
  TdChangeOp       op;
  char            *kind;
  char            *id;
  char            *org_id;
  gint64           base_revision;
  JsonObject      *values;
};

G_DEFINE_BOXED_TYPE (TdChange, td_change, td_change_ref, td_change_unref)

static TdChange *
change_new (TdChangeOp  op,
            const char *kind,
            const char *id,
            const char *org_id,
            gint64      base_revision)
{
  TdChange *self = g_new0 (TdChange, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->op = op;
  self->kind = g_strdup (kind);
  self->id = g_strdup (id);
  self->org_id = g_strdup (org_id);
  self->base_revision = base_revision;
  self->values = json_object_new ();
  return self;
}

TdChange *
td_change_new_insert (const char *kind,
                      const char *org_id)
{
  g_autofree char *id = g_uuid_string_random ();

  return td_change_new_insert_with_id (kind, org_id, id);
}

TdChange *
td_change_new_insert_with_id (const char *kind,
                              const char *org_id,
                              const char *id)
{
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return change_new (TD_CHANGE_INSERT, kind, id, org_id, 0);
}

TdChange *
td_change_new_update (const char *kind,
                      const char *id,
                      gint64      base_revision)
{
  g_return_val_if_fail (kind != NULL && id != NULL, NULL);
  return change_new (TD_CHANGE_UPDATE, kind, id, NULL, base_revision);
}

TdChange *
td_change_new_delete (const char *kind,
                      const char *id,
                      gint64      base_revision)
{
  g_return_val_if_fail (kind != NULL && id != NULL, NULL);
  return change_new (TD_CHANGE_DELETE, kind, id, NULL, base_revision);
}

TdChange *
td_change_new_restore (const char *kind,
                       const char *id,
                       gint64      base_revision)
{
  g_return_val_if_fail (kind != NULL && id != NULL, NULL);
  return change_new (TD_CHANGE_RESTORE, kind, id, NULL, base_revision);
}

TdChange *
td_change_ref (TdChange *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
td_change_unref (TdChange *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->kind);
  g_free (self->id);
  g_free (self->org_id);
  json_object_unref (self->values);
  g_free (self);
}

TdChangeOp
td_change_get_op (TdChange *self)
{
  return self->op;
}

const char *
td_change_get_kind (TdChange *self)
{
  return self->kind;
}

const char *
td_change_get_id (TdChange *self)
{
  return self->id;
}

const char *
td_change_get_org_id (TdChange *self)
{
  return self->org_id;
}

gint64
td_change_get_base_revision (TdChange *self)
{
  return self->base_revision;
}

JsonObject *
td_change_get_values (TdChange *self)
{
  return self->values;
}

void
td_change_set_string (TdChange   *self,
                      const char *field,
                      const char *value)
{
  if (value == NULL)
    json_object_set_null_member (self->values, field);
  else
    json_object_set_string_member (self->values, field, value);
}

void
td_change_set_int (TdChange   *self,
                   const char *field,
                   gint64      value)
{
  json_object_set_int_member (self->values, field, value);
}

void
td_change_set_bool (TdChange   *self,
                    const char *field,
                    gboolean    value)
{
  json_object_set_boolean_member (self->values, field, value);
}

void
td_change_set_double (TdChange   *self,
                      const char *field,
                      double      value)
{
  json_object_set_double_member (self->values, field, value);
}

void
td_change_set_money (TdChange      *self,
                     const char    *field,
                     const TdMoney *value)
{
  JsonObject *money;

  if (value == NULL)
    {
      json_object_set_null_member (self->values, field);
      return;
    }
  money = json_object_new ();
  json_object_set_int_member (money, "minor", value->minor);
  json_object_set_string_member (money, "currency", value->currency);
  json_object_set_object_member (self->values, field, money);
}

void
td_change_set_bytes (TdChange   *self,
                     const char *field,
                     GBytes     *value)
{
  g_autofree char *encoded = NULL;
  gsize len;
  const guchar *data;

  if (value == NULL)
    {
      json_object_set_null_member (self->values, field);
      return;
    }
  data = g_bytes_get_data (value, &len);
  encoded = g_base64_encode (data, len);
  json_object_set_string_member (self->values, field, encoded);
}

void
td_change_set_null (TdChange   *self,
                    const char *field)
{
  json_object_set_null_member (self->values, field);
}
