/* td-customers-page.c
 *
 * Sorting with the column headers: GTK 4.8 has no API to ask the column
 * view which column it sorts by (GtkColumnViewSorter is private until 4.10).
 * Each sortable column therefore gets a GtkCustomSorter of ours that is
 * never used to sort anything: when the view's sorter changes, it is asked
 * to compare two probe objects, and the first column sorter it consults
 * (the primary column) records itself; the answer's sign gives the
 * direction. The rows are then sorted by SQLite (TdCustomerListModel).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-area.h"
#include "td-customer-editor.h"
#include "td-customer-format.h"
#include "td-customer-selection.h"
#include "td-customers-page.h"
#include "td-survey-dialog.h"
#include "td-utils.h"
#include "td-window.h"

struct _TdCustomersPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkSearchEntry       *search_entry;
  GtkWidget            *more_button;
  GtkLabel             *status_label;
  GtkStack             *list_stack;
  GtkScrolledWindow    *scrolled_window;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *phone_column;
  GtkColumnViewColumn  *id_number_column;
  GtkColumnViewColumn  *city_column;
  GtkColumnViewColumn  *tags_column;
  GtkColumnViewColumn  *updated_column;
  AdwStatusPage        *no_matches_page;
  TdCustomerDetails    *details;

  TdDatabase           *database;
  TdCustomerListModel  *model;
  TdCustomerSelection  *selection;
  char                 *customer;       /* shown in the details */
  char                 *time_zone;      /* the workspace's, for the times */
  GtkWindow            *editor;
  GCancellable         *cancellable;    /* a delete or undo running */
  AdwToast             *undo_toast;     /* of the last delete, while shown */

  /* sorting (see the top of the file) */
  GObject              *probe_a;
  GObject              *probe_b;
  int                   probed;
  TdCustomerSort        browse_sort;    /* kept while searching */
  gboolean              browse_descending;
  gboolean              setting_sort;
};

static void td_area_iface_init (TdAreaInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdCustomersPage, td_customers_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_AREA, td_area_iface_init))

enum {
  PROP_0,
  N_PROPS,

  /* TdArea */
  PROP_DATABASE = N_PROPS,
  PROP_LOADING,
};

static void update_state (TdCustomersPage *self);

/* ------------------------------------------------------------------ */
/* cells                                                              */

typedef enum {
  CELL_NAME,
  CELL_PHONE,
  CELL_ID_NUMBER,
  CELL_CITY,
  CELL_TAGS,
  CELL_UPDATED,
} Cell;

typedef struct {
  TdCustomersPage *page;
  Cell             cell;
} CellFactory;

static char *
cell_text (CellFactory    *factory,
           TdCustomerItem *item)
{
  if (!td_customer_item_get_loaded (item))
    return g_strdup (factory->cell == CELL_NAME ? "…" : "");
  switch (factory->cell)
    {
    case CELL_NAME: return g_strdup (td_customer_item_get_name (item));
    case CELL_PHONE: return td_customer_format_phone (td_customer_item_get_phone (item));
    case CELL_ID_NUMBER: return g_strdup (td_customer_item_get_id_number_masked (item));
    case CELL_CITY: return g_strdup (td_customer_item_get_city (item));
    case CELL_TAGS: return td_customer_format_tags (td_customer_item_get_tags (item));
    case CELL_UPDATED:
      return td_customer_format_time (td_customer_item_get_updated_at (item), factory->page->time_zone);
    default: g_assert_not_reached ();
    }
}

static void
cell_update (GtkListItem *list_item,
             CellFactory *factory)
{
  TdCustomerItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = item ? cell_text (factory, item) : NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), text);
}

static void
cell_item_notify_cb (GtkListItem *list_item)
{
  cell_update (list_item, g_object_get_data (G_OBJECT (list_item), "td-cell-factory"));
}

static void
cell_setup_cb (GtkSignalListItemFactory *signal_factory,
               GtkListItem              *list_item,
               CellFactory              *factory)
{
  GtkWidget *text = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (text), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  switch (factory->cell)
    {
    case CELL_NAME:
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (text), 8);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (text), 12);
      break;
    case CELL_ID_NUMBER:
    case CELL_PHONE:
      gtk_widget_add_css_class (text, "numeric");
      break;
    case CELL_UPDATED:
      gtk_widget_add_css_class (text, "numeric");
      gtk_widget_add_css_class (text, "dim-label");
      break;
    case CELL_CITY:
    case CELL_TAGS:
    default:
      break;
    }
  gtk_list_item_set_child (list_item, text);
  g_object_set_data (G_OBJECT (list_item), "td-cell-factory", factory);
}

/* Bound: the text now, and again when the item changes (filled in once
 * read, or its customer changed). */
static void
cell_bind_cb (GtkSignalListItemFactory *signal_factory,
              GtkListItem              *list_item,
              CellFactory              *factory)
{
  TdCustomerItem *item = gtk_list_item_get_item (list_item);

  cell_update (list_item, factory);
  g_signal_connect_object (item, "notify", G_CALLBACK (cell_item_notify_cb), list_item, G_CONNECT_SWAPPED);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *signal_factory,
                GtkListItem              *list_item,
                CellFactory              *factory)
{
  TdCustomerItem *item = gtk_list_item_get_item (list_item);

  if (item)
    g_signal_handlers_disconnect_by_func (item, cell_item_notify_cb, list_item);
}

static void
set_cell_factory (TdCustomersPage     *self,
                  GtkColumnViewColumn *column,
                  Cell                 cell)
{
  g_autoptr(GtkListItemFactory) signal_factory = gtk_signal_list_item_factory_new ();
  CellFactory *factory = g_new0 (CellFactory, 1);

  factory->page = self;
  factory->cell = cell;
  g_signal_connect_data (signal_factory, "setup", G_CALLBACK (cell_setup_cb), factory,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (signal_factory, "bind", G_CALLBACK (cell_bind_cb), factory);
  g_signal_connect (signal_factory, "unbind", G_CALLBACK (cell_unbind_cb), factory);
  gtk_column_view_column_set_factory (column, signal_factory);
}

/* ------------------------------------------------------------------ */
/* sorting                                                            */

typedef struct {
  TdCustomersPage *page;
  TdCustomerSort   sort;
} ColumnSort;

static int
column_sort_compare (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  ColumnSort *column = user_data;

  /* only ever asked about the probes: the first column asked is the one
   * sorted by */
  if (column->page->probed < 0)
    column->page->probed = column->sort;
  return GTK_ORDERING_SMALLER;
}

static void
set_column_sort (TdCustomersPage     *self,
                 GtkColumnViewColumn *column,
                 TdCustomerSort       sort)
{
  ColumnSort *data = g_new0 (ColumnSort, 1);
  g_autoptr(GtkSorter) sorter = NULL;

  data->page = self;
  data->sort = sort;
  sorter = GTK_SORTER (gtk_custom_sorter_new (column_sort_compare, data, g_free));
  gtk_column_view_column_set_sorter (column, sorter);
}

static GtkColumnViewColumn *
column_for_sort (TdCustomersPage *self,
                 TdCustomerSort   sort)
{
  switch (sort)
    {
    case TD_CUSTOMER_SORT_NAME: return self->name_column;
    case TD_CUSTOMER_SORT_CITY: return self->city_column;
    case TD_CUSTOMER_SORT_UPDATED: return self->updated_column;
    case TD_CUSTOMER_SORT_CREATED:
    case TD_CUSTOMER_SORT_RELEVANCE:
    default: return NULL;
    }
}

static gboolean
searching (TdCustomersPage *self)
{
  return self->model && td_customer_list_model_get_query (self->model)[0] != '\0';
}

/* The header shows sort (none for RELEVANCE). */
static void
show_sort (TdCustomersPage *self,
           TdCustomerSort   sort,
           gboolean         descending)
{
  self->setting_sort = TRUE;
  gtk_column_view_sort_by_column (self->column_view, column_for_sort (self, sort),
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->setting_sort = FALSE;
}

static void
view_sorter_changed_cb (TdCustomersPage *self,
                        GtkSorterChange  change,
                        GtkSorter       *sorter)
{
  TdCustomerSort sort;
  GtkOrdering order;

  if (self->setting_sort || self->model == NULL)
    return;

  self->probed = -1;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  if (self->probed < 0)
    sort = searching (self) ? TD_CUSTOMER_SORT_RELEVANCE : TD_CUSTOMER_SORT_NAME;
  else
    sort = self->probed;
  td_customer_list_model_set_sort (self->model, sort, order == GTK_ORDERING_LARGER);
  if (!searching (self))
    {
      self->browse_sort = sort;
      self->browse_descending = order == GTK_ORDERING_LARGER;
    }
  /* the top of the new order */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

/* ------------------------------------------------------------------ */
/* showing                                                            */

static void
set_status (TdCustomersPage *self)
{
  g_autofree char *text = NULL;
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  if (self->model == NULL)
    text = g_strdup ("");
  else if (searching (self))
    {
      if (td_customer_list_model_get_limited (self->model))
        text = g_strdup_printf (_("The best %u matches: type more to narrow them down"), n);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n), n);
    }
  else
    {
      gint64 total = td_customer_list_model_get_total (self->model);
      g_autofree char *count = td_format_count (MAX (total, 0));

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers", (gulong) MAX (total, 0)),
                              count);
    }
  gtk_label_set_text (self->status_label, text);
}

static void
update_state (TdCustomersPage *self)
{
  const char *error;
  guint n;

  if (self->model == NULL)
    return;

  error = td_customer_list_model_get_error (self->model);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (error != NULL && n == 0)
    {
      adw_status_page_set_description (self->error_page, error);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (td_customer_list_model_get_total (self->model) < 0)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "customers");

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (searching (self))
    {
      if (!td_customer_list_model_get_loading (self->model))
        {
          g_autofree char *query = g_markup_escape_text (td_customer_list_model_get_query (self->model), -1);
          g_autofree char *description =
            g_strdup_printf (_("Nothing matches “%s”. Search by name, pinyin initials (zw for 张伟), phone, e-mail, identity number or tag."),
                             query);

          adw_status_page_set_description (self->no_matches_page, description);
          gtk_stack_set_visible_child_name (self->list_stack, "no-matches");
        }
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  set_status (self);
}

/* The customer shown in the details, and selected in the list. */
static void
set_customer (TdCustomersPage *self,
              const char      *id)
{
  if (g_strcmp0 (self->customer, id) != 0)
    {
      g_free (self->customer);
      self->customer = g_strdup (id);
    }
  td_customer_selection_set_selected_id (self->selection, id);
  td_customer_details_show (self->details, self->database, id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.edit", id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.survey", id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.delete", id != NULL);
}

static void
selection_changed_cb (TdCustomersPage *self)
{
  const char *id = td_customer_selection_get_selected_id (self->selection);

  /* (unselected: the details stay) */
  if (id != NULL && g_strcmp0 (id, self->customer) != 0)
    set_customer (self, id);
}

static GtkWidget *
inner_list_view (TdCustomersPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* Selects position and brings it into view. */
static void
select_position (TdCustomersPage *self,
                 guint            position,
                 gboolean         focus)
{
  GtkWidget *list = inner_list_view (self);
  g_autoptr(TdCustomerItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item && td_customer_item_get_loaded (item))
    set_customer (self, td_customer_item_get_id (item));
  if (list)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  if (focus && list)
    gtk_widget_grab_focus (list);
}

void
td_customers_page_show_customer (TdCustomersPage *self,
                                 const char      *id)
{
  guint position;

  g_return_if_fail (TD_IS_CUSTOMERS_PAGE (self));

  set_customer (self, id);
  if (self->model == NULL || id == NULL)
    return;
  position = td_customer_list_model_find (self->model, id);
  if (position != G_MAXUINT)
    select_position (self, position, FALSE);
}

static void
items_changed_cb (TdCustomersPage *self)
{
  /* (the selection follows the customer by itself) */
  update_state (self);
}

static void
model_notify_cb (TdCustomersPage *self,
                 GParamSpec      *pspec,
                 GObject         *model)
{
  if (g_str_equal (pspec->name, "loading"))
    {
      g_object_notify (G_OBJECT (self), "loading");
      if (!td_customer_list_model_get_loading (self->model))
        items_changed_cb (self);
    }
  update_state (self);
}

/* ------------------------------------------------------------------ */
/* searching                                                          */

static void
search_changed_cb (TdCustomersPage *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean was_searching = searching (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gboolean now_searching = stripped[0] != '\0';

  if (self->model == NULL)
    return;

  /* ranked matches while searching; the order chosen before, after (set
   * while the matches are still shown: no list is read twice) */
  if (now_searching)
    {
      td_customer_list_model_set_query (self->model, stripped);
      if (!was_searching)
        {
          td_customer_list_model_set_sort (self->model, TD_CUSTOMER_SORT_RELEVANCE, FALSE);
          show_sort (self, TD_CUSTOMER_SORT_RELEVANCE, FALSE);
        }
    }
  else
    {
      if (was_searching)
        {
          td_customer_list_model_set_sort (self->model, self->browse_sort, self->browse_descending);
          show_sort (self, self->browse_sort, self->browse_descending);
        }
      td_customer_list_model_set_query (self->model, stripped);
    }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  update_state (self);
}

static void
search_activate_cb (TdCustomersPage *self,
                    GtkSearchEntry  *entry)
{
  /* Enter: to the first match */
  if (self->model && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    select_position (self, 0, TRUE);
}

static void
search_stop_cb (TdCustomersPage *self,
                GtkSearchEntry  *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static gboolean
search_key_pressed_cb (TdCustomersPage       *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  /* Down: into the list */
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && (state & GDK_MODIFIER_MASK) == 0
      && self->model && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      guint selected = self->customer ? td_customer_list_model_find (self->model, self->customer) : G_MAXUINT;

      select_position (self, selected == G_MAXUINT ? 0 : selected, TRUE);
      return TRUE;
    }
  return FALSE;
}

static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (widget);

  if (gtk_stack_get_visible_child (self->stack) != GTK_WIDGET (self->leaflet))
    return FALSE;
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* the list and the details                                           */

static void
row_activated_cb (TdCustomersPage *self,
                  guint            position,
                  GtkColumnView   *view)
{
  g_autoptr(TdCustomerItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item == NULL || !td_customer_item_get_loaded (item))
    return;
  set_customer (self, td_customer_item_get_id (item));
  if (adw_leaflet_get_folded (self->leaflet))
    {
      /* narrow: a row opens the details */
      adw_leaflet_set_visible_child_name (self->leaflet, "details");
      td_customer_details_focus (self->details);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "customers.edit", NULL);
}

static void
details_back_cb (TdCustomersPage   *self,
                 TdCustomerDetails *details)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
leaflet_folded_cb (TdCustomersPage *self,
                   GParamSpec      *pspec,
                   AdwLeaflet      *leaflet)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);

  td_customer_details_set_show_back (self->details, folded);
  gtk_column_view_set_single_click_activate (self->column_view, folded);
  if (folded)
    adw_leaflet_set_visible_child_name (leaflet, "list");
}

/* ------------------------------------------------------------------ */
/* new, edit, delete                                                  */

static TdWindow *
window_of (TdCustomersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return TD_IS_WINDOW (root) ? TD_WINDOW (root) : NULL;
}

static void
toast (TdCustomersPage *self,
       AdwToast        *toast_)
{
  TdWindow *window = window_of (self);

  if (window)
    td_window_add_toast (window, toast_);
  else
    g_object_unref (g_object_ref_sink (toast_));
}

static void
editor_saved_cb (TdCustomersPage  *self,
                 const char       *id,
                 gboolean          created,
                 TdCustomerEditor *editor)
{
  guint position;

  toast (self, adw_toast_new (created ? _("Customer added") : _("Customer saved")));
  position = td_customer_list_model_find (self->model, id);
  if (position == G_MAXUINT && created && searching (self))
    {
      /* a new customer the search does not find: show everyone */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
    }
  td_customers_page_show_customer (self, id);
}

static void
editor_open_requested_cb (TdCustomersPage  *self,
                          const char       *id,
                          TdCustomerEditor *editor)
{
  td_customers_page_show_customer (self, id);
}

static void
open_editor (TdCustomersPage   *self,
             TdCustomerOverview *overview,
             JsonObject        *prefill)
{
  GtkWidget *editor;

  if (self->editor != NULL)
    {
      gtk_window_present (self->editor);
      return;
    }
  editor = td_customer_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   self->database, overview, prefill);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "open-requested", G_CALLBACK (editor_open_requested_cb), self, G_CONNECT_SWAPPED);
  self->editor = GTK_WINDOW (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &self->editor);
  gtk_window_present (self->editor);
}

/* What was searched, to start a new customer with: a phone, an e-mail or
 * a name. */
static JsonObject *
prefill_from_search (TdCustomersPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(JsonObject) prefill = json_object_new ();
  g_autofree char *phone = NULL;

  if (*text == '\0' || !searching (self) || g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    return NULL;
  if (strchr (text, '@'))
    json_object_set_string_member (prefill, "email", text);
  else if ((phone = td_phone_normalise (text, NULL)) != NULL)
    json_object_set_string_member (prefill, "phone", text);
  else if (!g_unichar_isdigit (g_utf8_get_char (text)) && !g_str_is_ascii (text))
    json_object_set_string_member (prefill, "name", text);
  else
    return NULL;
  return g_steal_pointer (&prefill);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (widget);
  g_autoptr(JsonObject) prefill = NULL;

  if (self->database == NULL)
    return;
  prefill = prefill_from_search (self);
  open_editor (self, NULL, prefill);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (widget);
  TdCustomerOverview *overview = td_customer_details_get_overview (self->details);

  if (self->database == NULL || self->customer == NULL || overview == NULL
      || g_strcmp0 (json_object_get_string_member (overview->customer, "id"), self->customer) != 0
      || json_object_get_boolean_member_with_default (overview->customer, "deleted", FALSE))
    return;
  open_editor (self, overview, NULL);
}

/* The customer's answer to the satisfaction survey */
static void
survey_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (widget);
  TdCustomerOverview *overview = td_customer_details_get_overview (self->details);
  GtkWidget *dialog;

  if (self->database == NULL || self->customer == NULL || overview == NULL
      || g_strcmp0 (json_object_get_string_member (overview->customer, "id"), self->customer) != 0
      || json_object_get_boolean_member_with_default (overview->customer, "deleted", FALSE))
    return;
  dialog = td_survey_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->database, self->customer,
                                 json_object_get_string_member_with_default (overview->customer, "name", NULL));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  TdDatabase *database;
  char       *id;
  gint64      revision;
  GPtrArray  *undo;    /* TdChange, once deleted */
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_object_unref (data->database);
  g_free (data->id);
  g_clear_pointer (&data->undo, g_ptr_array_unref);
  g_free (data);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DeleteData *data = task_data;
  GError *error = NULL;

  if (td_customer_delete (data->database, NULL, data->id, data->revision, &data->undo, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void undo_free_closure (gpointer data, GClosure *closure);

/* Undo of a delete: the page (it may be gone when the toast's button is
 * clicked), the workspace, and the changes that bring the customer back. */
typedef struct {
  GWeakRef    page;
  TdDatabase *database;
  GPtrArray  *changes;
  char       *id;
} Undo;

static void
undo_free (Undo *undo)
{
  g_weak_ref_clear (&undo->page);
  g_object_unref (undo->database);
  g_ptr_array_unref (undo->changes);
  g_free (undo->id);
  g_free (undo);
}

static void
undo_free_closure (gpointer  data,
                   GClosure *closure)
{
  undo_free (data);
}

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Undo *undo = user_data;
  g_autoptr(TdCustomersPage) self = g_weak_ref_get (&undo->page);
  g_autoptr(GError) error = NULL;

  if (!td_database_commit_finish (TD_DATABASE (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The customer could not be brought back: %s"), error->message);

      if (self)
        toast (self, adw_toast_new (message));
      else
        g_warning ("%s", message);
    }
  else if (self && self->database == undo->database)
    td_customers_page_show_customer (self, undo->id);
  undo_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast_,
                 Undo     *undo)
{
  Undo *copy;

  /* (the toast keeps its own until it goes) */
  copy = g_new0 (Undo, 1);
  {
    g_autoptr(GObject) page = g_weak_ref_get (&undo->page);

    g_weak_ref_init (&copy->page, page);
  }
  copy->database = g_object_ref (undo->database);
  copy->changes = g_ptr_array_ref (undo->changes);
  copy->id = g_strdup (undo->id);
  td_database_commit_async (copy->database, NULL, copy->changes, NULL, undone_cb, copy);
}

static void
undo_toast_dismissed_cb (TdCustomersPage *self,
                         AdwToast        *toast_)
{
  if (self->undo_toast == toast_)
    {
      g_clear_object (&self->undo_toast);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.undo", FALSE);
    }
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (widget);
  g_autoptr(AdwToast) undo = g_steal_pointer (&self->undo_toast);

  gtk_widget_action_set_enabled (widget, "customers.undo", FALSE);
  if (undo != NULL)
    {
      g_signal_emit_by_name (undo, "button-clicked");
      adw_toast_dismiss (undo);
    }
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TdCustomersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  DeleteData *data = g_task_get_task_data (G_TASK (result));
  AdwToast *done;
  Undo *undo;

  g_clear_object (&self->cancellable);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("The customer was not deleted: %s"), error->message);
      AdwToast *failed = adw_toast_new (message);

      adw_toast_set_timeout (failed, 8);
      toast (self, failed);
      return;
    }

  if (g_strcmp0 (self->customer, data->id) == 0)
    set_customer (self, NULL);

  undo = g_new0 (Undo, 1);
  g_weak_ref_init (&undo->page, self);
  undo->database = g_object_ref (data->database);
  undo->changes = g_steal_pointer (&data->undo);
  undo->id = g_strdup (data->id);

  done = adw_toast_new (_("Customer deleted"));
  adw_toast_set_button_label (done, _("_Undo"));
  adw_toast_set_priority (done, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (done, "button-clicked", G_CALLBACK (undo_clicked_cb),
                         undo, undo_free_closure, 0);
  /* Ctrl+Z too, while it is shown */
  g_set_object (&self->undo_toast, done);
  g_signal_connect_object (done, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.undo", TRUE);
  toast (self, done);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (widget);
  TdCustomerOverview *overview = td_customer_details_get_overview (self->details);
  g_autoptr(GTask) task = NULL;
  DeleteData *data;

  if (self->database == NULL || self->customer == NULL || self->cancellable != NULL)
    return;

  data = g_new0 (DeleteData, 1);
  data->database = g_object_ref (self->database);
  data->id = g_strdup (self->customer);
  /* what the details show is what is deleted: not a version changed since */
  if (overview && g_strcmp0 (json_object_get_string_member (overview->customer, "id"), self->customer) == 0)
    data->revision = json_object_get_int_member (overview->customer, "revision");

  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, deleted_cb, g_object_ref (self));
  g_task_set_source_tag (task, delete_action);
  g_task_set_task_data (task, data, (GDestroyNotify) delete_data_free);
  g_task_run_in_thread (task, delete_thread);
}

/* ------------------------------------------------------------------ */
/* TdArea                                                             */

static void
td_customers_page_refresh (TdArea *area)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (area);

  if (self->model)
    td_customer_list_model_reload (self->model);
  if (self->customer)
    td_customer_details_show (self->details, self->database, self->customer);
}

static void
create_model (TdCustomersPage *self)
{
  g_assert (self->model == NULL);

  self->model = td_customer_list_model_new (self->database);
  td_customer_list_model_set_sort (self->model, self->browse_sort, self->browse_descending);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->model, "notify", G_CALLBACK (model_notify_cb), self, G_CONNECT_SWAPPED);
  td_customer_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  update_state (self);
  g_object_notify (G_OBJECT (self), "loading");
}

static void
td_customers_page_set_database (TdCustomersPage *self,
                                TdDatabase      *database)
{
  if (!g_set_object (&self->database, database))
    return;

  if (self->editor)
    gtk_window_destroy (self->editor);
  if (self->model)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->customer, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  g_clear_pointer (&self->time_zone, g_free);
  if (database != NULL)
    self->time_zone = td_database_dup_setting (database, TD_SETTING_TIME_ZONE);
  /* the list is read when the area is first shown, not before */
  if (database != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    create_model (self);
  td_customer_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  set_customer (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_state (self);

  g_object_notify (G_OBJECT (self), "database");
  g_object_notify (G_OBJECT (self), "loading");
}

static gboolean
td_customers_page_create (TdArea *area)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (area);

  if (self->database == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "customers.new", NULL);
  return TRUE;
}

static void
td_area_iface_init (TdAreaInterface *iface)
{
  iface->refresh = td_customers_page_refresh;
  iface->create = td_customers_page_create;
}

/* The tasks another engineer adds to the window: the menu shows when the
 * window has one of them. */
static void
update_more_button (TdCustomersPage *self)
{
  static const char *actions[] = { "win.import-customers", "win.export-customers", "win.find-duplicates" };
  gboolean any = FALSE;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidgetClass *klass;
  const char *name;
  const GVariantType *parameter_type;
  const char *property_name;
  GType owner;

  if (root == NULL)
    return;
  klass = GTK_WIDGET_GET_CLASS (root);
  for (guint i = 0; !any && gtk_widget_class_query_action (klass, i, &owner, &name, &parameter_type, &property_name); i++)
    for (guint j = 0; j < G_N_ELEMENTS (actions) && !any; j++)
      any = g_str_equal (name, actions[j]);
  gtk_widget_set_visible (self->more_button, any);
}

/* ------------------------------------------------------------------ */
/* accessors                                                          */

TdCustomerListModel *
td_customers_page_get_model (TdCustomersPage *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMERS_PAGE (self), NULL);
  return self->model;
}

GtkColumnView *
td_customers_page_get_view (TdCustomersPage *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMERS_PAGE (self), NULL);
  return self->column_view;
}

TdCustomerDetails *
td_customers_page_get_details (TdCustomersPage *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMERS_PAGE (self), NULL);
  return self->details;
}

GtkEditable *
td_customers_page_get_search (TdCustomersPage *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMERS_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkWindow *
td_customers_page_get_editor (TdCustomersPage *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMERS_PAGE (self), NULL);
  return self->editor;
}

const char *
td_customers_page_get_customer (TdCustomersPage *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMERS_PAGE (self), NULL);
  return self->customer;
}

/* ------------------------------------------------------------------ */
/* GtkWidget, GObject                                                 */

/* Columns shown as the list has room for them (it scrolls sideways
 * rather than squeezing them): the less needed ones go first. */
#define NAME_MIN_WIDTH 110

static void
fit_columns (TdCustomersPage *self,
             int              width)
{
  /* always there; then as long as they fit, in this order */
  GtkColumnViewColumn *always[] = { self->phone_column, self->id_number_column };
  GtkColumnViewColumn *optional[] = { self->city_column, self->tags_column, self->updated_column };
  int list = width;
  int used = NAME_MIN_WIDTH + 4;

  if (!adw_leaflet_get_folded (self->leaflet))
    list -= gtk_widget_get_width (GTK_WIDGET (self->details)) + 1;
  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    used += gtk_column_view_column_get_fixed_width (always[i]);
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      int column = gtk_column_view_column_get_fixed_width (optional[i]);
      gboolean fits = used + column <= list;

      gtk_column_view_column_set_visible (optional[i], fits);
      if (fits)
        used += column;
    }

  /* the name takes what is left (GTK 4.8 does not give it to the column
   * that expands) */
  gtk_column_view_column_set_fixed_width (self->name_column, MAX (NAME_MIN_WIDTH, NAME_MIN_WIDTH + list - used));
}

static void
td_customers_page_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (TD_CUSTOMERS_PAGE (widget)->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
td_customers_page_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (widget);

  fit_columns (self, width);
  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
}

static void
td_customers_page_map (GtkWidget *widget)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (widget);

  GTK_WIDGET_CLASS (td_customers_page_parent_class)->map (widget);
  if (self->database != NULL && self->model == NULL)
    create_model (self);
}

static void
td_customers_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (td_customers_page_parent_class)->root (widget);
  update_more_button (TD_CUSTOMERS_PAGE (widget));
}

static void
td_customers_page_dispose (GObject *object)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->undo_toast);
  if (self->editor)
    gtk_window_destroy (self->editor);
  if (self->model)
    g_signal_handlers_disconnect_by_data (self->model, self);
  /* (the columns go: the view's sorter changes) */
  if (self->column_view)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CUSTOMERS_PAGE);

  G_OBJECT_CLASS (td_customers_page_parent_class)->dispose (object);
}

static void
td_customers_page_finalize (GObject *object)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->database);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_free (self->customer);
  g_free (self->time_zone);

  G_OBJECT_CLASS (td_customers_page_parent_class)->finalize (object);
}

static void
td_customers_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->model && td_customer_list_model_get_loading (self->model));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customers_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TdCustomersPage *self = TD_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      td_customers_page_set_database (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customers_page_class_init (TdCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_customers_page_dispose;
  object_class->finalize = td_customers_page_finalize;
  object_class->get_property = td_customers_page_get_property;
  object_class->set_property = td_customers_page_set_property;

  widget_class->root = td_customers_page_root;
  widget_class->map = td_customers_page_map;
  widget_class->measure = td_customers_page_measure;
  widget_class->size_allocate = td_customers_page_size_allocate;

  g_object_class_override_property (object_class, PROP_DATABASE, "database");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");

  gtk_widget_class_install_action (widget_class, "customers.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "customers.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "customers.survey", NULL, survey_action);
  gtk_widget_class_install_action (widget_class, "customers.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "customers.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "customers.undo", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search, NULL);

  g_type_ensure (TD_TYPE_CUSTOMER_ITEM);
  g_type_ensure (TD_TYPE_CUSTOMER_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, phone_column);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, id_number_column);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, city_column);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, tags_column);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, updated_column);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, no_matches_page);
  gtk_widget_class_bind_template_child (widget_class, TdCustomersPage, details);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, details_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
}

static void
td_customers_page_init (TdCustomersPage *self)
{
  GtkEventController *keys;
  GtkShortcutController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = td_customer_selection_new (NULL);
  g_signal_connect_object (self->selection, "notify::selected-id", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  set_cell_factory (self, self->name_column, CELL_NAME);
  set_cell_factory (self, self->phone_column, CELL_PHONE);
  set_cell_factory (self, self->id_number_column, CELL_ID_NUMBER);
  set_cell_factory (self, self->city_column, CELL_CITY);
  set_cell_factory (self, self->tags_column, CELL_TAGS);
  set_cell_factory (self, self->updated_column, CELL_UPDATED);

  /* the header decides the order; SQLite sorts */
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  set_column_sort (self, self->name_column, TD_CUSTOMER_SORT_NAME);
  set_column_sort (self, self->city_column, TD_CUSTOMER_SORT_CITY);
  set_column_sort (self, self->updated_column, TD_CUSTOMER_SORT_UPDATED);
  self->browse_sort = TD_CUSTOMER_SORT_NAME;
  show_sort (self, TD_CUSTOMER_SORT_NAME, FALSE);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  /* Delete in the list deletes (with undo) */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                                                        gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0)),
                                                          gtk_named_action_new ("customers.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (shortcuts));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  set_customer (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.undo", FALSE);
}

GtkWidget *
td_customers_page_new (void)
{
  return g_object_new (TD_TYPE_CUSTOMERS_PAGE, NULL);
}
