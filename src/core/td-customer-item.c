/* td-customer-item.c: one customer as a list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-customer-item-private.h"

struct _TdCustomerItem
{
  GObject            parent_instance;

  TdCustomerRowData *data;  /* NULL: not loaded */
};

G_DEFINE_FINAL_TYPE (TdCustomerItem, td_customer_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PARTY,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_ID_NUMBER_MASKED,
  PROP_CITY,
  PROP_TAGS,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_td_customer_row_data_free (TdCustomerRowData *data)
{
  if (data == NULL)
    return;
  g_free (data->id);
  g_free (data->name);
  g_free (data->party);
  g_free (data->phone);
  g_free (data->email);
  g_free (data->id_number_masked);
  g_free (data->city);
  g_free (data->tags);
  g_free (data->created_at);
  g_free (data->updated_at);
  g_free (data->sort_name);
  g_free (data->sort_city);
  g_free (data);
}

TdCustomerRowData *
_td_customer_row_data_copy (const TdCustomerRowData *data)
{
  TdCustomerRowData *copy = g_new0 (TdCustomerRowData, 1);

  copy->rowid = data->rowid;
  copy->deleted = data->deleted;
  copy->id = g_strdup (data->id);
  copy->name = g_strdup (data->name);
  copy->party = g_strdup (data->party);
  copy->phone = g_strdup (data->phone);
  copy->email = g_strdup (data->email);
  copy->id_number_masked = g_strdup (data->id_number_masked);
  copy->city = g_strdup (data->city);
  copy->tags = g_strdup (data->tags);
  copy->created_at = g_strdup (data->created_at);
  copy->updated_at = g_strdup (data->updated_at);
  copy->sort_name = g_strdup (data->sort_name);
  copy->sort_city = g_strdup (data->sort_city);
  return copy;
}

/* The string properties, in order from PROP_ID, and where they are. */
static const char **
field (TdCustomerRowData *data,
       guint              prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return (const char **) &data->id;
    case PROP_NAME: return (const char **) &data->name;
    case PROP_PARTY: return (const char **) &data->party;
    case PROP_PHONE: return (const char **) &data->phone;
    case PROP_EMAIL: return (const char **) &data->email;
    case PROP_ID_NUMBER_MASKED: return (const char **) &data->id_number_masked;
    case PROP_CITY: return (const char **) &data->city;
    case PROP_TAGS: return (const char **) &data->tags;
    case PROP_CREATED_AT: return (const char **) &data->created_at;
    case PROP_UPDATED_AT: return (const char **) &data->updated_at;
    default: g_assert_not_reached ();
    }
}

static const char *
get_string (TdCustomerItem *self,
            guint           prop_id)
{
  return self->data ? *field (self->data, prop_id) : NULL;
}

TdCustomerItem *
_td_customer_item_new (void)
{
  return g_object_new (TD_TYPE_CUSTOMER_ITEM, NULL);
}

void
_td_customer_item_set_data (TdCustomerItem    *self,
                            TdCustomerRowData *data)
{
  TdCustomerRowData *old = self->data;

  g_return_if_fail (TD_IS_CUSTOMER_ITEM (self));
  g_return_if_fail (data != NULL);

  self->data = data;
  g_object_freeze_notify (G_OBJECT (self));
  for (guint prop_id = PROP_ID; prop_id < PROP_LOADED; prop_id++)
    if (old == NULL || g_strcmp0 (*field (old, prop_id), *field (data, prop_id)) != 0)
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  if (old == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_thaw_notify (G_OBJECT (self));
  _td_customer_row_data_free (old);
}

TdCustomerRowData *
_td_customer_item_get_data (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return self->data;
}

const char *
td_customer_item_get_id (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return get_string (self, PROP_ID);
}

const char *
td_customer_item_get_name (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return get_string (self, PROP_NAME);
}

const char *
td_customer_item_get_party (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return get_string (self, PROP_PARTY);
}

const char *
td_customer_item_get_phone (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return get_string (self, PROP_PHONE);
}

const char *
td_customer_item_get_email (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return get_string (self, PROP_EMAIL);
}

const char *
td_customer_item_get_id_number_masked (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return get_string (self, PROP_ID_NUMBER_MASKED);
}

const char *
td_customer_item_get_city (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return get_string (self, PROP_CITY);
}

const char *
td_customer_item_get_tags (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return get_string (self, PROP_TAGS);
}

const char *
td_customer_item_get_created_at (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return get_string (self, PROP_CREATED_AT);
}

const char *
td_customer_item_get_updated_at (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), NULL);
  return get_string (self, PROP_UPDATED_AT);
}

gboolean
td_customer_item_get_loaded (TdCustomerItem *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_ITEM (self), FALSE);
  return self->data != NULL;
}

static void
td_customer_item_finalize (GObject *object)
{
  TdCustomerItem *self = TD_CUSTOMER_ITEM (object);

  g_clear_pointer (&self->data, _td_customer_row_data_free);

  G_OBJECT_CLASS (td_customer_item_parent_class)->finalize (object);
}

static void
td_customer_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TdCustomerItem *self = TD_CUSTOMER_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
    case PROP_NAME:
    case PROP_PARTY:
    case PROP_PHONE:
    case PROP_EMAIL:
    case PROP_ID_NUMBER_MASKED:
    case PROP_CITY:
    case PROP_TAGS:
    case PROP_CREATED_AT:
    case PROP_UPDATED_AT:
      g_value_set_string (value, get_string (self, prop_id));
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->data != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_item_class_init (TdCustomerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *names[] = {
    [PROP_ID] = "id",
    [PROP_NAME] = "name",
    [PROP_PARTY] = "party",
    [PROP_PHONE] = "phone",
    [PROP_EMAIL] = "email",
    [PROP_ID_NUMBER_MASKED] = "id-number-masked",
    [PROP_CITY] = "city",
    [PROP_TAGS] = "tags",
    [PROP_CREATED_AT] = "created-at",
    [PROP_UPDATED_AT] = "updated-at",
  };

  object_class->finalize = td_customer_item_finalize;
  object_class->get_property = td_customer_item_get_property;

  for (guint prop_id = PROP_ID; prop_id < PROP_LOADED; prop_id++)
    properties[prop_id] =
      g_param_spec_string (names[prop_id], NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_customer_item_init (TdCustomerItem *self)
{
}
