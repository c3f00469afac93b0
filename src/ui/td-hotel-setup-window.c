/* td-hotel-setup-window.c: setting up hotels, room types and rooms
 *
 * One hotel at a time (the header's drop-down): its details, then its room
 * types as expander rows, each with its fields, the rooms it has, and
 * entries that add and remove rooms by number. Every change, and the
 * reading that follows it, runs in a worker thread; a refusal is shown
 * above the room types in the core's words, and nothing typed is lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-hotel-setup-window.h"
#include "td-hotel-setup.h"
#include "td-rate-setup.h"
#include "td-season-dialog.h"
#include "td-rooms.h"
#include "td-time.h"

struct _TdHotelSetupWindow
{
  AdwWindow            parent_instance;

  GtkDropDown         *hotel_dropdown;
  GtkWidget           *add_hotel_button;
  AdwToastOverlay     *toasts;
  GtkStack            *stack;
  AdwPreferencesGroup *hotel_group;
  GtkWidget           *save_hotel_button;
  AdwEntryRow         *name_row;
  AdwEntryRow         *city_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *phone_row;
  GtkSpinButton       *stars_spin;
  AdwPreferencesGroup *problem_group;
  GtkLabel            *problem_label;
  AdwPreferencesGroup *types_group;
  AdwPreferencesGroup *danger_group;
  GtkWidget           *remove_hotel_button;

  TdDatabase          *database;
  GCancellable        *cancellable;
  GPtrArray           *hotels;      /* TdProperty*, as in the drop-down */
  TdProperty          *hotel;       /* the one shown; NULL: a new hotel */
  GPtrArray           *type_rows;   /* the rows added to types_group */
  gboolean             updating;    /* the drop-down is being set */
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (TdHotelSetupWindow, td_hotel_setup_window, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* work in a worker thread                                            */

typedef enum {
  OP_LOAD,
  OP_SAVE_HOTEL,
  OP_REMOVE_HOTEL,
  OP_SAVE_TYPE,
  OP_REMOVE_TYPE,
  OP_ADD_ROOMS,
  OP_REMOVE_ROOM,
  OP_REMOVE_SEASON,
} OpKind;

typedef struct {
  OpKind          kind;
  TdProperty      hotel;     /* OP_SAVE_HOTEL */
  TdRoomTypeInfo  type;      /* OP_SAVE_TYPE */
  char           *id;        /* the hotel, type or room type to act on */
  char           *text;      /* OP_ADD_ROOMS: the numbers; OP_REMOVE_ROOM: the number */
  char           *select;    /* the hotel to show afterwards (NULL: the first) */
  char           *expand;    /* the room type to show open afterwards */
  /* results */
  char           *saved_id;
  guint           added;
  GPtrArray      *hotels;
  GPtrArray      *types;
  GHashTable     *seasons;   /* room type id → its TdSeasonInfo* */
} Op;

static void
replace_str (char       **place,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*place);
  *place = copy;
}

static void
op_free (Op *op)
{
  td_property_clear (&op->hotel);
  td_room_type_info_clear (&op->type);
  g_free (op->id);
  g_free (op->text);
  g_free (op->select);
  g_free (op->expand);
  g_free (op->saved_id);
  g_clear_pointer (&op->hotels, g_ptr_array_unref);
  g_clear_pointer (&op->types, g_ptr_array_unref);
  g_clear_pointer (&op->seasons, g_hash_table_unref);
  g_free (op);
}

static gboolean
op_run (Op          *op,
        TdDatabase  *db,
        GError     **error)
{
  switch (op->kind)
    {
    case OP_LOAD:
      return TRUE;
    case OP_SAVE_HOTEL:
      op->saved_id = td_property_save (db, NULL, &op->hotel, error);
      if (op->saved_id)
        replace_str (&op->select, op->saved_id);
      return op->saved_id != NULL;
    case OP_REMOVE_HOTEL:
      g_clear_pointer (&op->select, g_free);
      return td_property_remove (db, NULL, op->id, error);
    case OP_SAVE_TYPE:
      op->saved_id = td_room_type_save (db, NULL, &op->type, error);
      return op->saved_id != NULL;
    case OP_REMOVE_TYPE:
      return td_room_type_remove (db, NULL, op->id, error);
    case OP_ADD_ROOMS:
      op->added = td_rooms_add (db, NULL, op->id, op->text, error);
      return op->added > 0;
    case OP_REMOVE_ROOM:
      {
        g_autofree char *room = td_room_resolve (db, op->id, op->text, error);

        return room != NULL && td_room_remove (db, NULL, room, error);
      }
    case OP_REMOVE_SEASON:
      return td_season_remove (db, NULL, op->id, error);
    default:
      g_assert_not_reached ();
    }
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  TdDatabase *db = source_object;
  Op *op = task_data;
  g_autoptr(GError) error = NULL;
  const char *shown = NULL;

  if (!op_run (op, db, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  op->hotels = td_properties_list (db, &error);
  if (op->hotels == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < op->hotels->len; i++)
    {
      TdProperty *p = g_ptr_array_index (op->hotels, i);

      if (shown == NULL || g_strcmp0 (p->id, op->select) == 0)
        shown = p->id;
    }
  replace_str (&op->select, shown);
  if (shown)
    {
      op->types = td_room_types_list (db, shown, &error);
      if (op->types == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      op->seasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < op->types->len; i++)
        {
          TdRoomTypeInfo *type = g_ptr_array_index (op->types, i);
          GPtrArray *seasons = td_room_type_seasons (db, type->id, &error);

          if (seasons == NULL)
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          g_hash_table_insert (op->seasons, g_strdup (type->id), seasons);
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void op_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);

static void
set_busy (TdHotelSetupWindow *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->save_hotel_button, !busy);
  gtk_widget_set_sensitive (self->add_hotel_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->hotel_dropdown), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->types_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->danger_group), !busy);
}

/* takes op */
static void
start_op (TdHotelSetupWindow *self,
          Op                 *op)
{
  g_autoptr(GTask) task = g_task_new (self->database, self->cancellable, op_done_cb, g_object_ref (self));

  if (op->select == NULL && self->hotel)
    op->select = g_strdup (self->hotel->id);
  set_busy (self, TRUE);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_run_in_thread (task, op_thread);
}

static Op *
op_new (OpKind kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  return op;
}

/* ------------------------------------------------------------------ */
/* showing                                                            */

static void
show_problem (TdHotelSetupWindow *self,
              const char         *message)
{
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_group), message != NULL);
}

static void
toast (TdHotelSetupWindow *self,
       const char         *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static char *
get_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static char *
describe_type (const TdRoomTypeInfo *t)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (t->has_price)
    {
      g_autofree char *price = td_money_format (&t->base_price);

      /* Translators: the base price of a room type */
      g_string_append_printf (text, _("%s a night"), price);
    }
  if (t->max_adults > 0)
    {
      if (text->len)
        g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "up to %d adult", "up to %d adults",
                                                 (gulong) t->max_adults), t->max_adults);
    }
  if (text->len)
    g_string_append (text, " · ");
  if (t->n_rooms == 0)
    g_string_append (text, _("no rooms yet"));
  else
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u room", "%u rooms", t->n_rooms), t->n_rooms);
      g_string_append_printf (text, ": %s", t->room_numbers);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_hotel_fields (TdHotelSetupWindow *self)
{
  TdProperty *p = self->hotel;

  set_text (self->name_row, p ? p->name : NULL);
  set_text (self->city_row, p ? p->city : NULL);
  set_text (self->address_row, p ? p->address : NULL);
  set_text (self->phone_row, p ? p->phone : NULL);
  gtk_spin_button_set_value (self->stars_spin, p ? p->stars : 0);
  adw_preferences_group_set_title (self->hotel_group, p ? _("Hotel") : _("New Hotel"));
  gtk_widget_set_visible (GTK_WIDGET (self->types_group), p != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->danger_group), p != NULL);
}

/* a type's fields, in an expander row or the new type's */
typedef struct {
  TdHotelSetupWindow *self;
  char               *type_id;     /* NULL: the new type */
  gint64              revision;
  AdwEntryRow        *code;
  AdwEntryRow        *name;
  AdwEntryRow        *price;
  AdwEntryRow        *beds;
  GtkSpinButton      *adults;
  GtkSpinButton      *children;
} TypeForm;

static void
type_form_free (TypeForm *form)
{
  g_free (form->type_id);
  g_free (form);
}

static AdwEntryRow *
add_entry (AdwExpanderRow *expander,
           const char     *title,
           const char     *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  set_text (row, text);
  adw_expander_row_add_row (expander, GTK_WIDGET (row));
  return row;
}

static GtkSpinButton *
add_spin (AdwExpanderRow *expander,
          const char     *title,
          double          lower,
          double          value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, 20, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_expander_row_add_row (expander, row);
  return GTK_SPIN_BUTTON (spin);
}

static void
save_type_cb (GtkButton *button,
              TypeForm  *form)
{
  TdHotelSetupWindow *self = form->self;
  g_autofree char *price = get_text (form->price);
  g_autofree char *currency = td_database_dup_setting (self->database, TD_SETTING_CURRENCY);
  g_autoptr(GError) error = NULL;
  Op *op;

  if (self->hotel == NULL || self->busy)
    return;
  op = op_new (OP_SAVE_TYPE);
  if (*price != '\0')
    {
      if (!td_money_parse (price, currency ? currency : TD_DEFAULT_CURRENCY, &op->type.base_price, &error))
        {
          /* Translators: the price a room type costs a night could not be read */
          g_autofree char *message = g_strdup_printf (_("Price a night: %s"), error->message);

          show_problem (self, message);
          gtk_widget_grab_focus (GTK_WIDGET (form->price));
          op_free (op);
          return;
        }
      op->type.has_price = TRUE;
    }
  op->type.id = g_strdup (form->type_id);
  op->type.revision = form->revision;
  op->type.property_id = g_strdup (self->hotel->id);
  op->type.code = get_text (form->code);
  op->type.name = get_text (form->name);
  op->type.beds = get_text (form->beds);
  op->type.max_adults = gtk_spin_button_get_value_as_int (form->adults);
  op->type.max_children = gtk_spin_button_get_value_as_int (form->children);
  start_op (self, op);
}

static void
remove_type_cb (GtkButton *button,
                TypeForm  *form)
{
  Op *op;

  if (form->self->busy || form->type_id == NULL)
    return;
  op = op_new (OP_REMOVE_TYPE);
  op->id = g_strdup (form->type_id);
  start_op (form->self, op);
}

static void
add_rooms_cb (AdwEntryRow *row,
              TypeForm    *form)
{
  Op *op;

  if (form->self->busy || form->type_id == NULL)
    return;
  op = op_new (OP_ADD_ROOMS);
  op->id = g_strdup (form->type_id);
  op->expand = g_strdup (form->type_id);
  op->text = get_text (row);
  start_op (form->self, op);
}

static void
remove_room_cb (AdwEntryRow *row,
                TypeForm    *form)
{
  Op *op;

  if (form->self->busy || form->self->hotel == NULL)
    return;
  op = op_new (OP_REMOVE_ROOM);
  op->id = g_strdup (form->self->hotel->id);
  op->text = get_text (row);
  op->expand = g_strdup (form->type_id);
  start_op (form->self, op);
}

static void
remove_season_cb (GtkButton *button,
                  TypeForm  *form)
{
  Op *op;

  if (form->self->busy)
    return;
  op = op_new (OP_REMOVE_SEASON);
  op->id = g_strdup (g_object_get_data (G_OBJECT (button), "season"));
  op->expand = g_strdup (form->type_id);
  start_op (form->self, op);
}

static void season_added_cb (TdHotelSetupWindow *self,
                             GtkWidget          *dialog);

static void
add_season_cb (GtkButton *button,
               TypeForm  *form)
{
  GtkWidget *dialog;

  if (form->self->busy || form->type_id == NULL)
    return;
  dialog = td_season_dialog_new (GTK_WINDOW (form->self), form->self->database, form->type_id,
                                 g_object_get_data (G_OBJECT (button), "title"));
  g_object_set_data_full (G_OBJECT (dialog), "expand-type", g_strdup (form->type_id), g_free);
  g_signal_connect_object (dialog, "added", G_CALLBACK (season_added_cb), form->self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* the prices by date of a type: one row each, then the button to add */
static void
add_season_rows (AdwExpanderRow       *expander,
                 TypeForm             *form,
                 const TdRoomTypeInfo *type,
                 GPtrArray            *seasons)
{
  g_autofree char *title = g_strdup_printf ("%s · %s", type->code, type->name);
  GtkWidget *row, *button;

  for (guint i = 0; seasons && i < seasons->len; i++)
    {
      TdSeasonInfo *season = g_ptr_array_index (seasons, i);
      g_autofree char *text = td_season_describe (season);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove These Prices"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove These Prices"), -1);
      g_object_set_data_full (G_OBJECT (button), "season", g_strdup (season->id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_season_cb), form);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_expander_row_add_row (expander, row);
    }
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Prices by Date"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), seasons && seasons->len > 0
                               ? _("The nights these do not cover keep the price a night")
                               : _("Weekends, seasons, holidays: another price a night"));
  button = gtk_button_new_with_mnemonic (_("Add _Prices by Date…"));
  gtk_widget_set_name (button, "setup-add-season");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "title", g_steal_pointer (&title), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (add_season_cb), form);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_expander_row_add_row (expander, row);
}

static GtkWidget *
type_row_new (TdHotelSetupWindow   *self,
              const TdRoomTypeInfo *type,
              GPtrArray            *seasons)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  TypeForm *form = g_new0 (TypeForm, 1);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *save, *actions;
  g_autofree char *price = NULL;

  form->self = self;
  g_object_set_data_full (G_OBJECT (expander), "form", form, (GDestroyNotify) type_form_free);
  if (type)
    {
      g_autofree char *title = g_strdup_printf ("%s · %s", type->code, type->name);
      g_autofree char *subtitle = describe_type (type);

      form->type_id = g_strdup (type->id);
      form->revision = type->revision;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (expander, subtitle);
      if (type->has_price)
        price = td_money_to_decimal (&type->base_price);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("New Room Type"));
      adw_expander_row_set_subtitle (expander, _("A code, a name, the guests and a price a night"));
      adw_expander_row_set_icon_name (expander, "list-add-symbolic");
    }

  /* the rooms first: what a new type needs next */
  if (type)
    {
      AdwEntryRow *add = add_entry (expander, _("Add Rooms: numbers such as 101-120, 201"), NULL);
      AdwEntryRow *remove = add_entry (expander, _("Remove a Room: its number"), NULL);

      gtk_widget_set_name (GTK_WIDGET (add), "setup-add-rooms");
      adw_entry_row_set_show_apply_button (add, TRUE);
      g_signal_connect (add, "apply", G_CALLBACK (add_rooms_cb), form);
      adw_entry_row_set_show_apply_button (remove, TRUE);
      g_signal_connect (remove, "apply", G_CALLBACK (remove_room_cb), form);
      add_season_rows (expander, form, type, seasons);
    }

  form->code = add_entry (expander, _("Code, such as DLX"), type ? type->code : NULL);
  form->name = add_entry (expander, _("Name, such as Deluxe King"), type ? type->name : NULL);
  {
    g_autofree char *currency = td_database_dup_setting (self->database, TD_SETTING_CURRENCY);
    /* Translators: the price of a room type a night, then the currency's symbol (¥) */
    g_autofree char *title = g_strdup_printf (_("Price a Night (%s)"),
                                              td_currency_symbol (currency ? currency : TD_DEFAULT_CURRENCY));

    form->price = add_entry (expander, title, price);
  }
  form->beds = add_entry (expander, _("Beds, such as 1 king"), type ? type->beds : NULL);
  form->adults = add_spin (expander, _("Adults at Most"), 1, type && type->max_adults > 0 ? type->max_adults : 2);
  form->children = add_spin (expander, _("Children at Most"), 0, type && type->max_children >= 0 ? type->max_children : 0);

  save = gtk_button_new_with_mnemonic (type ? _("_Save Room Type") : _("_Add Room Type"));
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_name (save, type ? "setup-save-type" : "setup-add-type");
  g_signal_connect (save, "clicked", G_CALLBACK (save_type_cb), form);
  gtk_box_append (GTK_BOX (buttons), save);
  if (type)
    {
      GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Room Type"));

      gtk_widget_add_css_class (remove, "destructive-action");
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_type_cb), form);
      gtk_box_append (GTK_BOX (buttons), remove);
    }
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_margin_bottom (buttons, 6);
  gtk_widget_set_margin_end (buttons, 12);
  actions = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (actions), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (actions), buttons);
  adw_expander_row_add_row (expander, actions);

  return GTK_WIDGET (expander);
}

static void
show_types (TdHotelSetupWindow *self,
            GPtrArray          *types,
            GHashTable         *seasons,
            const char         *expanded_id)
{
  for (guint i = 0; i < self->type_rows->len; i++)
    adw_preferences_group_remove (self->types_group, g_ptr_array_index (self->type_rows, i));
  g_ptr_array_set_size (self->type_rows, 0);

  for (guint i = 0; types && i < types->len; i++)
    {
      TdRoomTypeInfo *type = g_ptr_array_index (types, i);
      GtkWidget *row = type_row_new (self, type, seasons ? g_hash_table_lookup (seasons, type->id) : NULL);

      if (g_strcmp0 (type->id, expanded_id) == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      adw_preferences_group_add (self->types_group, row);
      g_ptr_array_add (self->type_rows, row);
    }
  {
    GtkWidget *row = type_row_new (self, NULL, NULL);

    /* a hotel without types: the form to add the first one, open */
    if (types == NULL || types->len == 0)
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    adw_preferences_group_add (self->types_group, row);
    g_ptr_array_add (self->type_rows, row);
  }
}

static void
show_hotels (TdHotelSetupWindow *self,
             GPtrArray          *hotels,
             const char         *selected)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint position = GTK_INVALID_LIST_POSITION;

  g_clear_pointer (&self->hotels, g_ptr_array_unref);
  self->hotels = g_ptr_array_ref (hotels);
  self->hotel = NULL;
  for (guint i = 0; i < hotels->len; i++)
    {
      TdProperty *p = g_ptr_array_index (hotels, i);

      gtk_string_list_append (names, p->name);
      if (g_strcmp0 (p->id, selected) == 0)
        {
          position = i;
          self->hotel = p;
        }
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->hotel_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->hotel_dropdown, position);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->hotel_dropdown), hotels->len > 0);
}

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TdHotelSetupWindow) self = user_data;
  Op *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "form");
      /* what was typed stays where it was: only the reason is shown */
      show_problem (self, error->message);
      /* the form may be scrolled away from the message above it */
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  set_busy (self, FALSE);
  show_problem (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "form");

  switch (op->kind)
    {
    case OP_LOAD:
      break;
    case OP_SAVE_HOTEL:
      message = g_strdup_printf (op->hotel.id ? _("Saved %s") : _("Added the hotel %s"), op->hotel.name);
      break;
    case OP_REMOVE_HOTEL:
      message = g_strdup (_("Hotel removed"));
      break;
    case OP_SAVE_TYPE:
      message = g_strdup_printf (op->type.id ? _("Saved the room type %s") : _("Added the room type %s"), op->type.code);
      break;
    case OP_REMOVE_TYPE:
      message = g_strdup (_("Room type removed"));
      break;
    case OP_ADD_ROOMS:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u room", "Added %u rooms", op->added), op->added);
      break;
    case OP_REMOVE_ROOM:
      /* Translators: a room number */
      message = g_strdup_printf (_("Room %s removed"), op->text);
      break;
    case OP_REMOVE_SEASON:
      message = g_strdup (_("Prices by date removed"));
      break;
    default:
      g_assert_not_reached ();
    }

  show_hotels (self, op->hotels, op->select);
  if (op->kind == OP_LOAD || op->kind == OP_SAVE_HOTEL || op->kind == OP_REMOVE_HOTEL || self->hotel == NULL)
    show_hotel_fields (self);
  show_types (self, op->types, op->seasons,
              op->kind == OP_SAVE_TYPE ? op->saved_id : op->expand);
  if (self->hotel == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  if (message)
    toast (self, message);
  if (op->kind != OP_LOAD)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
season_added_cb (TdHotelSetupWindow *self,
                 GtkWidget          *dialog)
{
  Op *op = op_new (OP_LOAD);

  op->expand = g_strdup (g_object_get_data (G_OBJECT (dialog), "expand-type"));
  start_op (self, op);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Prices by date added")));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ------------------------------------------------------------------ */
/* the hotel                                                          */

static void
hotel_selected_cb (TdHotelSetupWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->hotel_dropdown);
  Op *op;

  if (self->updating || self->hotels == NULL || position >= self->hotels->len)
    return;
  op = op_new (OP_LOAD);
  op->select = g_strdup (((TdProperty *) g_ptr_array_index (self->hotels, position))->id);
  show_problem (self, NULL);
  start_op (self, op);
}

static void
add_hotel_cb (TdHotelSetupWindow *self)
{
  self->hotel = NULL;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->hotel_dropdown, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
  show_problem (self, NULL);
  show_hotel_fields (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
save_hotel_cb (TdHotelSetupWindow *self)
{
  Op *op;

  if (self->busy)
    return;
  op = op_new (OP_SAVE_HOTEL);
  if (self->hotel)
    {
      op->hotel.id = g_strdup (self->hotel->id);
      op->hotel.revision = self->hotel->revision;
    }
  op->hotel.name = get_text (self->name_row);
  op->hotel.city = get_text (self->city_row);
  op->hotel.address = get_text (self->address_row);
  op->hotel.phone = get_text (self->phone_row);
  op->hotel.stars = gtk_spin_button_get_value_as_int (self->stars_spin);
  start_op (self, op);
}

static void
remove_hotel_cb (TdHotelSetupWindow *self)
{
  Op *op;

  if (self->busy || self->hotel == NULL)
    return;
  op = op_new (OP_REMOVE_HOTEL);
  op->id = g_strdup (self->hotel->id);
  start_op (self, op);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_hotel_setup_window_dispose (GObject *object)
{
  TdHotelSetupWindow *self = TD_HOTEL_SETUP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (td_hotel_setup_window_parent_class)->dispose (object);
}

static void
td_hotel_setup_window_finalize (GObject *object)
{
  TdHotelSetupWindow *self = TD_HOTEL_SETUP_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_pointer (&self->hotels, g_ptr_array_unref);
  g_clear_pointer (&self->type_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (td_hotel_setup_window_parent_class)->finalize (object);
}

static void
td_hotel_setup_window_class_init (TdHotelSetupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_hotel_setup_window_dispose;
  object_class->finalize = td_hotel_setup_window_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-hotel-setup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, hotel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, add_hotel_button);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, hotel_group);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, save_hotel_button);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, city_row);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, stars_spin);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, problem_group);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, types_group);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, danger_group);
  gtk_widget_class_bind_template_child (widget_class, TdHotelSetupWindow, remove_hotel_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_hotel_setup_window_init (TdHotelSetupWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->type_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->hotel_dropdown, "notify::selected", G_CALLBACK (hotel_selected_cb), self);
  g_signal_connect_swapped (self->add_hotel_button, "clicked", G_CALLBACK (add_hotel_cb), self);
  g_signal_connect_swapped (self->save_hotel_button, "clicked", G_CALLBACK (save_hotel_cb), self);
  g_signal_connect_swapped (self->remove_hotel_button, "clicked", G_CALLBACK (remove_hotel_cb), self);
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (save_hotel_cb), self);
}

GtkWidget *
td_hotel_setup_window_new (GtkWindow  *parent,
                           TdDatabase *database)
{
  TdHotelSetupWindow *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  self = g_object_new (TD_TYPE_HOTEL_SETUP_WINDOW, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  start_op (self, op_new (OP_LOAD));
  return GTK_WIDGET (self);
}
