/* td-customer-selection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-core.h"
#include "td-customer-selection.h"

struct _TdCustomerSelection
{
  GObject     parent_instance;

  GListModel *model;
  char       *selected_id;
};

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdCustomerSelection, td_customer_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- GListModel: the model's items ---- */

static GType
list_model_get_item_type (GListModel *model)
{
  return TD_TYPE_CUSTOMER_ITEM;
}

static guint
list_model_get_n_items (GListModel *model)
{
  TdCustomerSelection *self = TD_CUSTOMER_SELECTION (model);

  return self->model ? g_list_model_get_n_items (self->model) : 0;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  TdCustomerSelection *self = TD_CUSTOMER_SELECTION (model);

  return self->model ? g_list_model_get_item (self->model, position) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* ---- GtkSelectionModel: by id ---- */

static gboolean
selection_is_selected (GtkSelectionModel *model,
                       guint              position)
{
  TdCustomerSelection *self = TD_CUSTOMER_SELECTION (model);
  g_autoptr(TdCustomerItem) item = NULL;

  if (self->selected_id == NULL || self->model == NULL)
    return FALSE;
  item = g_list_model_get_item (self->model, position);
  return item != NULL && g_strcmp0 (td_customer_item_get_id (item), self->selected_id) == 0;
}

static GtkBitset *
selection_get_selection_in_range (GtkSelectionModel *model,
                                  guint              position,
                                  guint              n_items)
{
  GtkBitset *selected = gtk_bitset_new_empty ();

  /* (asked for the rows in view) */
  for (guint i = position; i < position + n_items; i++)
    if (selection_is_selected (model, i))
      gtk_bitset_add (selected, i);
  return selected;
}

/* The rows to tell about: every one (only those in view are asked again). */
static void
selection_changed (TdCustomerSelection *self)
{
  guint n = list_model_get_n_items (G_LIST_MODEL (self));

  if (n > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, n);
}

static gboolean
selection_select_item (GtkSelectionModel *model,
                       guint              position,
                       gboolean           unselect_rest)
{
  TdCustomerSelection *self = TD_CUSTOMER_SELECTION (model);
  g_autoptr(TdCustomerItem) item = self->model ? g_list_model_get_item (self->model, position) : NULL;

  /* (a row not read yet has no customer to select) */
  if (item == NULL || !td_customer_item_get_loaded (item))
    return FALSE;
  td_customer_selection_set_selected_id (self, td_customer_item_get_id (item));
  return TRUE;
}

static gboolean
selection_unselect_item (GtkSelectionModel *model,
                         guint              position)
{
  TdCustomerSelection *self = TD_CUSTOMER_SELECTION (model);

  if (selection_is_selected (model, position))
    td_customer_selection_set_selected_id (self, NULL);
  return TRUE;
}

static gboolean
selection_unselect_all (GtkSelectionModel *model)
{
  td_customer_selection_set_selected_id (TD_CUSTOMER_SELECTION (model), NULL);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = selection_is_selected;
  iface->get_selection_in_range = selection_get_selection_in_range;
  iface->select_item = selection_select_item;
  iface->unselect_item = selection_unselect_item;
  iface->unselect_all = selection_unselect_all;
}

/* ---- public ---- */

static void
items_changed_cb (TdCustomerSelection *self,
                  guint                position,
                  guint                removed,
                  guint                added,
                  GListModel          *model)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

TdCustomerSelection *
td_customer_selection_new (GListModel *model)
{
  g_return_val_if_fail (!model || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (TD_TYPE_CUSTOMER_SELECTION, "model", model, NULL);
}

void
td_customer_selection_set_model (TdCustomerSelection *self,
                                 GListModel          *model)
{
  guint removed, added;

  g_return_if_fail (TD_IS_CUSTOMER_SELECTION (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  removed = list_model_get_n_items (G_LIST_MODEL (self));
  if (self->model)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  added = list_model_get_n_items (G_LIST_MODEL (self));
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

const char *
td_customer_selection_get_selected_id (TdCustomerSelection *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_SELECTION (self), NULL);
  return self->selected_id;
}

void
td_customer_selection_set_selected_id (TdCustomerSelection *self,
                                       const char          *id)
{
  g_return_if_fail (TD_IS_CUSTOMER_SELECTION (self));

  if (g_strcmp0 (self->selected_id, id) == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

/* ---- GObject ---- */

static void
td_customer_selection_dispose (GObject *object)
{
  td_customer_selection_set_model (TD_CUSTOMER_SELECTION (object), NULL);

  G_OBJECT_CLASS (td_customer_selection_parent_class)->dispose (object);
}

static void
td_customer_selection_finalize (GObject *object)
{
  g_free (TD_CUSTOMER_SELECTION (object)->selected_id);

  G_OBJECT_CLASS (td_customer_selection_parent_class)->finalize (object);
}

static void
td_customer_selection_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TdCustomerSelection *self = TD_CUSTOMER_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_selection_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TdCustomerSelection *self = TD_CUSTOMER_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      td_customer_selection_set_model (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_ID:
      td_customer_selection_set_selected_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_selection_class_init (TdCustomerSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_customer_selection_dispose;
  object_class->finalize = td_customer_selection_finalize;
  object_class->get_property = td_customer_selection_get_property;
  object_class->set_property = td_customer_selection_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_customer_selection_init (TdCustomerSelection *self)
{
}
