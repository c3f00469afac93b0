/* td-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-preferences-window.h"
#include "td-utils.h"

struct _TdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesPage   *workspace_page;
  AdwPreferencesPage   *business_page;
  AdwPreferencesPage   *platform_page;
  AdwEntryRow          *workspace_name_row;
  GtkWidget            *workspace_name_error;
  AdwActionRow         *location_row;
  AdwComboRow          *currency_row;
  AdwEntryRow          *time_zone_row;
  GtkWidget            *time_zone_error;
  AdwActionRow         *logo_row;
  GtkStack             *logo_stack;
  AdwAvatar            *logo_avatar;
  GtkPicture           *logo_picture;
  GtkWidget            *logo_choose_button;
  GtkWidget            *logo_remove_button;
  GtkWidget            *logo_error;
  AdwPreferencesGroup  *business_group;
  AdwEntryRow          *org_name_row;
  GtkWidget            *org_name_error;
  AdwEntryRow          *org_address_row;
  GtkWidget            *org_address_error;
  AdwEntryRow          *org_tax_id_row;
  GtkWidget            *org_tax_id_error;
  AdwEntryRow          *org_phone_row;
  GtkWidget            *org_phone_error;
  AdwEntryRow          *org_email_row;
  GtkWidget            *org_email_error;
  AdwEntryRow          *platform_url_row;
  GtkWidget            *platform_url_error;

  TdWindow             *window;        /* weak */
  TdDatabase           *database;
  GSettings            *settings;
  GCancellable         *cancellable;   /* of every load and save of database */
  GtkNativeDialog      *file_chooser;
  GtkStringList        *currencies;

  char                 *org_id;
  gint64                org_revision;
  GHashTable           *pending;       /* field → PendingValue, not saved yet */
  GHashTable           *saving;        /* field → PendingValue, being saved */
  guint                 n_running;
  guint                 n_loading;
  guint                 updating : 1;
};

G_DEFINE_FINAL_TYPE (TdPreferencesWindow, td_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_WINDOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The fields of the organisation record edited here, and their rows. */
typedef struct
{
  const char *field;
  gsize       row_offset;
  gsize       error_offset;
  char     *(*check) (const char *text);
  gboolean    upper_case;
} BusinessField;

#define ROW(name)   G_STRUCT_OFFSET (TdPreferencesWindow, name##_row)
#define ERROR(name) G_STRUCT_OFFSET (TdPreferencesWindow, name##_error)

static const BusinessField business_fields[] = {
  { "name",    ROW (org_name),    ERROR (org_name),    td_check_business_name, FALSE },
  { "address", ROW (org_address), ERROR (org_address), NULL,                   FALSE },
  { "tax_id",  ROW (org_tax_id),  ERROR (org_tax_id),  td_check_tax_id,        TRUE },
  { "phone",   ROW (org_phone),   ERROR (org_phone),   td_check_phone,         FALSE },
  { "email",   ROW (org_email),   ERROR (org_email),   td_check_email,         FALSE },
};

/* Every entry row with its problem label. */
static const struct {
  gsize row_offset;
  gsize error_offset;
} entry_rows[] = {
  { ROW (workspace_name), ERROR (workspace_name) },
  { ROW (time_zone),      ERROR (time_zone) },
  { ROW (org_name),       ERROR (org_name) },
  { ROW (org_address),    ERROR (org_address) },
  { ROW (org_tax_id),     ERROR (org_tax_id) },
  { ROW (org_phone),      ERROR (org_phone) },
  { ROW (org_email),      ERROR (org_email) },
  { ROW (platform_url),   ERROR (platform_url) },
};

#undef ROW
#undef ERROR

#define MEMBER(self, offset) (G_STRUCT_MEMBER (gpointer, (self), (offset)))

#define LOGO_FIELD "logo"

typedef struct
{
  char   *text;    /* text fields: NULL or "" clears the field */
  GBytes *bytes;   /* the logo: NULL clears it */
} PendingValue;

static void
pending_value_free (PendingValue *value)
{
  g_free (value->text);
  g_clear_pointer (&value->bytes, g_bytes_unref);
  g_free (value);
}

/* Every asynchronous operation carries the window and the cancellable it was
 * started with: when the workspace changes, the old results are dropped. */
typedef struct
{
  TdPreferencesWindow *self;
  GCancellable        *cancellable;
  gboolean             fill;
  char                *field;
} Op;

static void
op_free (Op *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->cancellable);
  g_free (op->field);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static void td_preferences_window_commit_next (TdPreferencesWindow *self);
static void td_preferences_window_load        (TdPreferencesWindow *self,
                                               gboolean             fill);

static Op *
op_new (TdPreferencesWindow *self)
{
  Op *op = g_new0 (Op, 1);

  op->self = g_object_ref (self);
  op->cancellable = g_object_ref (self->cancellable);
  op->fill = TRUE;

  if (self->n_running++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return op;
}

/* FALSE when the operation belongs to a workspace no longer shown. */
static gboolean
op_finish (Op *op)
{
  TdPreferencesWindow *self = op->self;

  if (op->cancellable != self->cancellable)
    return FALSE;

  g_assert (self->n_running > 0);
  if (--self->n_running == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return TRUE;
}

gboolean
td_preferences_window_get_busy (TdPreferencesWindow *self)
{
  g_return_val_if_fail (TD_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->n_running > 0;
}

static void
td_preferences_window_toast (TdPreferencesWindow *self,
                             const char          *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
td_preferences_window_refresh_main (TdPreferencesWindow *self)
{
  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.refresh", NULL);
}

static GtkWidget *
error_label_for_row (TdPreferencesWindow *self,
                     AdwEntryRow         *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    {
      if (MEMBER (self, entry_rows[i].row_offset) == (gpointer) row)
        return MEMBER (self, entry_rows[i].error_offset);
    }

  g_return_val_if_reached (NULL);
}

static void
set_problem (TdPreferencesWindow *self,
             AdwEntryRow         *row,
             const char          *problem)
{
  td_entry_row_set_problem (row, error_label_for_row (self, row), problem);
}

/* Sets the text of a row without making it look edited. */
static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");

  /* Hides the apply button that a change while focused would show. */
  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

static char *
row_text (AdwEntryRow *row,
          gboolean     upper_case)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (upper_case)
    {
      char *upper = g_utf8_strup (text, -1);

      g_free (text);
      text = upper;
    }

  return text;
}

static const char *
json_text (JsonObject *object,
           const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return "";

  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  return json_node_get_string (node);
}

/* Loading */

typedef struct
{
  char       *name;
  char       *currency;
  char       *time_zone;
  char       *org_id;
  JsonObject *org;
  GdkTexture *logo;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->name);
  g_free (data->currency);
  g_free (data->time_zone);
  g_free (data->org_id);
  g_clear_pointer (&data->org, json_object_unref);
  g_clear_object (&data->logo);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static GdkTexture *
texture_from_record (JsonObject *org)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *encoded = json_text (org, LOGO_FIELD);
  guchar *data;
  gsize len = 0;

  if (encoded[0] == '\0')
    return NULL;

  data = g_base64_decode (encoded, &len);
  bytes = g_bytes_new_take (data, len);

  return gdk_texture_new_from_bytes (bytes, NULL);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TdDatabase *database = source_object;
  g_autoptr(LoadData) data = g_new0 (LoadData, 1);
  g_autoptr(GError) error = NULL;

  data->name = td_database_dup_setting (database, TD_SETTING_NAME);
  data->currency = td_database_dup_setting (database, TD_SETTING_CURRENCY);
  data->time_zone = td_database_dup_setting (database, TD_SETTING_TIME_ZONE);
  data->org_id = td_database_dup_setting (database, TD_SETTING_DEFAULT_ORG);

  if (data->org_id != NULL)
    {
      data->org = td_database_get_record (database, "organisation", data->org_id, &error);
      if (data->org == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      data->logo = texture_from_record (data->org);
    }

  g_task_return_pointer (task, g_steal_pointer (&data), (GDestroyNotify) load_data_free);
}

static void
td_preferences_window_show_logo (TdPreferencesWindow *self,
                                 GdkTexture          *logo)
{
  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (logo));
  gtk_stack_set_visible_child_name (self->logo_stack, logo ? "logo" : "none");
  gtk_widget_set_visible (self->logo_remove_button, logo != NULL);
}

static void
td_preferences_window_fill_business (TdPreferencesWindow *self,
                                     JsonObject          *org,
                                     GdkTexture          *logo)
{
  for (guint i = 0; i < G_N_ELEMENTS (business_fields); i++)
    {
      AdwEntryRow *row = MEMBER (self, business_fields[i].row_offset);

      set_row_text (row, json_text (org, business_fields[i].field));
      set_problem (self, row, NULL);
    }

  adw_avatar_set_text (self->logo_avatar, json_text (org, "name"));
  td_preferences_window_show_logo (self, logo);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  g_autoptr(LoadData) data = NULL;
  g_autoptr(GError) error = NULL;
  TdPreferencesWindow *self = op->self;

  data = g_task_propagate_pointer (G_TASK (result), &error);

  if (!op_finish (op))
    return;

  self->n_loading--;

  if (data == NULL)
    {
      td_preferences_window_toast (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->business_page), FALSE);
      return;
    }

  g_free (self->org_id);
  self->org_id = g_strdup (data->org_id);
  self->org_revision = data->org && json_object_has_member (data->org, "revision")
                       ? json_object_get_int_member (data->org, "revision") : 0;

  /* Business page: a workspace always has a default organisation once set
   * up; without one there is nothing to edit. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->business_page), data->org != NULL);

  if (op->fill)
    {
      const char * const *codes = td_currency_codes ();
      const char *currency = data->currency ? data->currency : TD_DEFAULT_CURRENCY;

      set_row_text (self->workspace_name_row, data->name);
      set_problem (self, self->workspace_name_row, NULL);
      set_row_text (self->time_zone_row, data->time_zone ? data->time_zone : TD_DEFAULT_TIME_ZONE);
      set_problem (self, self->time_zone_row, NULL);

      self->updating = TRUE;
      for (guint i = 0; codes[i] != NULL; i++)
        {
          if (g_str_equal (codes[i], currency))
            adw_combo_row_set_selected (self->currency_row, i);
        }
      self->updating = FALSE;

      td_preferences_window_fill_business (self, data->org, data->logo);
    }

  td_preferences_window_commit_next (self);
}

static void
td_preferences_window_load (TdPreferencesWindow *self,
                            gboolean             fill)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  if (self->database == NULL)
    return;

  op = op_new (self);
  op->fill = fill;
  self->n_loading++;

  task = g_task_new (self->database, self->cancellable, load_cb, op);
  g_task_set_source_tag (task, td_preferences_window_load);
  g_task_run_in_thread (task, load_thread);
}

/* Workspace settings */

typedef struct
{
  char *key;
  char *value;
} SettingData;

static void
setting_data_free (SettingData *data)
{
  g_free (data->key);
  g_free (data->value);
  g_free (data);
}

static void
set_setting_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SettingData *data = task_data;
  GError *error = NULL;

  if (td_database_set_setting (source_object, data->key, data->value, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_setting_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  g_autoptr(GError) error = NULL;
  TdPreferencesWindow *self = op->self;
  SettingData *data = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), &error);

  if (!op_finish (op))
    return;

  if (error != NULL)
    {
      if (g_str_equal (data->key, TD_SETTING_NAME))
        set_problem (self, self->workspace_name_row, error->message);
      else if (g_str_equal (data->key, TD_SETTING_TIME_ZONE))
        set_problem (self, self->time_zone_row, error->message);
      else
        td_preferences_window_toast (self, error->message);

      /* Show what the workspace really holds. */
      td_preferences_window_load (self, g_str_equal (data->key, TD_SETTING_CURRENCY));
      return;
    }

  td_preferences_window_refresh_main (self);
}

static void
td_preferences_window_set_setting (TdPreferencesWindow *self,
                                   const char          *key,
                                   const char          *value)
{
  g_autoptr(GTask) task = NULL;
  SettingData *data;

  if (self->database == NULL)
    return;

  data = g_new0 (SettingData, 1);
  data->key = g_strdup (key);
  data->value = g_strdup (value);

  task = g_task_new (self->database, self->cancellable, set_setting_cb, op_new (self));
  g_task_set_source_tag (task, td_preferences_window_set_setting);
  g_task_set_task_data (task, data, (GDestroyNotify) setting_data_free);
  g_task_run_in_thread (task, set_setting_thread);
}

static void
workspace_name_apply_cb (TdPreferencesWindow *self,
                         AdwEntryRow         *row)
{
  g_autofree char *text = row_text (row, FALSE);
  g_autofree char *problem = NULL;

  if (text[0] == '\0')
    problem = g_strdup (_("The workspace needs a name"));

  set_problem (self, row, problem);
  if (problem != NULL)
    return;

  set_row_text (row, text);
  td_preferences_window_set_setting (self, TD_SETTING_NAME, text);
}

static void
time_zone_apply_cb (TdPreferencesWindow *self,
                    AdwEntryRow         *row)
{
  g_autofree char *text = row_text (row, FALSE);
  g_autofree char *problem = td_check_time_zone (text);

  set_problem (self, row, problem);
  if (problem != NULL)
    return;

  set_row_text (row, text);
  td_preferences_window_set_setting (self, TD_SETTING_TIME_ZONE, text);
}

static void
currency_selected_cb (TdPreferencesWindow *self,
                      GParamSpec          *pspec,
                      AdwComboRow         *row)
{
  const char * const *codes = td_currency_codes ();
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION ||
      selected >= g_strv_length ((char **) codes))
    return;

  td_preferences_window_set_setting (self, TD_SETTING_CURRENCY, codes[selected]);
}

/* Business details */

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) saved = NULL;
  TdPreferencesWindow *self = op->self;

  td_database_commit_finish (TD_DATABASE (object), result, &error);

  if (!op_finish (op))
    return;

  saved = g_steal_pointer (&self->saving);

  if (error == NULL)
    {
      td_preferences_window_refresh_main (self);
      /* Read the new revision back, then save what was applied meanwhile. */
      td_preferences_window_load (self, FALSE);
      return;
    }

  if (g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT))
    {
      td_preferences_window_toast (self, _("These details were changed elsewhere in the meantime. They were reloaded: apply your change again."));
      g_hash_table_remove_all (self->pending);
      td_preferences_window_load (self, TRUE);
      return;
    }

  /* The workspace refused the values: say so next to the field when it
   * was only one, and show what is really stored. */
  if (g_hash_table_size (saved) == 1)
    {
      GHashTableIter iter;
      const char *field;

      g_hash_table_iter_init (&iter, saved);
      g_hash_table_iter_next (&iter, (gpointer *) &field, NULL);

      if (g_str_equal (field, LOGO_FIELD))
        {
          td_problem_set_text (self->logo_error, error->message);
        }

      for (guint i = 0; i < G_N_ELEMENTS (business_fields); i++)
        {
          if (g_str_equal (business_fields[i].field, field))
            set_problem (self, MEMBER (self, business_fields[i].row_offset), error->message);
        }
    }
  else
    {
      td_preferences_window_toast (self, error->message);
    }

  td_preferences_window_load (self, FALSE);
}

static void
td_preferences_window_commit_next (TdPreferencesWindow *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  GHashTableIter iter;
  const char *field;
  PendingValue *value;
  TdChange *change;

  if (self->database == NULL || self->org_id == NULL ||
      self->saving != NULL || self->n_loading > 0 ||
      g_hash_table_size (self->pending) == 0)
    return;

  change = td_change_new_update ("organisation", self->org_id, self->org_revision);

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, (gpointer *) &field, (gpointer *) &value))
    {
      if (g_str_equal (field, LOGO_FIELD))
        {
          if (value->bytes != NULL)
            td_change_set_bytes (change, field, value->bytes);
          else
            td_change_set_null (change, field);
        }
      else if (value->text != NULL && value->text[0] != '\0')
        td_change_set_string (change, field, value->text);
      else
        td_change_set_null (change, field);
    }

  self->saving = g_steal_pointer (&self->pending);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) pending_value_free);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_ptr_array_add (changes, change);

  td_database_commit_async (self->database,
                            td_database_default_actor (),
                            changes,
                            self->cancellable,
                            commit_cb,
                            op_new (self));
}

static void
td_preferences_window_queue (TdPreferencesWindow *self,
                             const char          *field,
                             const char          *text,
                             GBytes              *bytes)
{
  PendingValue *value = g_new0 (PendingValue, 1);

  value->text = g_strdup (text);
  value->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  g_hash_table_replace (self->pending, g_strdup (field), value);

  td_preferences_window_commit_next (self);
}

static void
business_apply_cb (TdPreferencesWindow *self,
                   AdwEntryRow         *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (business_fields); i++)
    {
      const BusinessField *info = &business_fields[i];
      g_autofree char *text = NULL;
      g_autofree char *problem = NULL;

      if (MEMBER (self, info->row_offset) != (gpointer) row)
        continue;

      text = row_text (row, info->upper_case);
      if (info->check != NULL)
        problem = info->check (text);

      set_problem (self, row, problem);
      if (problem != NULL)
        return;

      set_row_text (row, text);
      if (row == self->org_name_row)
        adw_avatar_set_text (self->logo_avatar, text);

      td_preferences_window_queue (self, info->field, text, NULL);
      return;
    }
}

static void
row_changed_cb (TdPreferencesWindow *self,
                GtkEditable         *editable)
{
  /* Editing a refused value: the problem is being fixed, stop shouting. */
  if (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"))
    set_problem (self, ADW_ENTRY_ROW (editable), NULL);
}

/* The logo */

typedef struct
{
  GBytes     *bytes;
  GdkTexture *texture;
} LogoData;

static void
logo_data_free (LogoData *data)
{
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_object (&data->texture);
  g_free (data);
}

static void
logo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;
  const char *content_type;
  LogoData *data;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_file_info_get_size (info) > TD_LOGO_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("This image is %s; a logo can be at most 1 MB"), size);
      return;
    }

  content_type = g_file_info_get_content_type (info);
  if (content_type == NULL ||
      !(g_content_type_is_mime_type (content_type, "image/png") ||
        g_content_type_is_mime_type (content_type, "image/jpeg") ||
        g_content_type_is_mime_type (content_type, "image/svg+xml")))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "%s", _("Choose a PNG, JPEG or SVG image"));
      return;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("This image could not be read: %s"), error->message);
      return;
    }

  data = g_new0 (LogoData, 1);
  data->bytes = g_steal_pointer (&bytes);
  data->texture = texture;
  g_task_return_pointer (task, data, (GDestroyNotify) logo_data_free);
}

static void
logo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  g_autoptr(GError) error = NULL;
  TdPreferencesWindow *self = op->self;
  LogoData *data;

  data = g_task_propagate_pointer (G_TASK (result), &error);

  if (!op_finish (op))
    {
      g_clear_pointer (&data, logo_data_free);
      return;
    }

  if (data == NULL)
    {
      td_problem_set_text (self->logo_error, error->message);
      return;
    }

  td_preferences_window_show_logo (self, data->texture);
  td_preferences_window_queue (self, LOGO_FIELD, NULL, data->bytes);
  logo_data_free (data);
}

static void
logo_chooser_response_cb (TdPreferencesWindow *self,
                          int                  response,
                          GtkNativeDialog     *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT && self->database != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GTask) task = NULL;

      td_problem_set_text (self->logo_error, NULL);

      task = g_task_new (NULL, self->cancellable, logo_cb, op_new (self));
      g_task_set_source_tag (task, logo_chooser_response_cb);
      g_task_set_task_data (task, g_steal_pointer (&file), g_object_unref);
      g_task_run_in_thread (task, logo_thread);
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->file_chooser);
}

static void
logo_choose_clicked_cb (TdPreferencesWindow *self)
{
  GtkFileChooserNative *native;
  GtkFileFilter *filter;

  if (self->file_chooser != NULL)
    return;

  native = gtk_file_chooser_native_new (_("Choose a Logo"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PNG, JPEG or SVG Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  g_signal_connect_object (native, "response", G_CALLBACK (logo_chooser_response_cb), self, G_CONNECT_SWAPPED);
  self->file_chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->file_chooser);
}

static void
logo_remove_clicked_cb (TdPreferencesWindow *self)
{
  td_problem_set_text (self->logo_error, NULL);
  td_preferences_window_show_logo (self, NULL);
  gtk_widget_grab_focus (self->logo_choose_button);
  td_preferences_window_queue (self, LOGO_FIELD, NULL, NULL);
}

/* Workspace location */

static void
location_chooser_response_cb (TdPreferencesWindow *self,
                              int                  response,
                              GtkNativeDialog     *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT && self->window != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      /* The main window opens it and reports problems; once open, this
       * window follows (see database_changed_cb). */
      if (path != NULL)
        td_window_open_workspace (self->window, path, TRUE);
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->file_chooser);
}

static void
location_clicked_cb (TdPreferencesWindow *self)
{
  GtkFileChooserNative *native;
  GtkFileFilter *filter;

  if (self->file_chooser != NULL)
    return;

  native = gtk_file_chooser_native_new (_("Open Workspace"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Tourdesk Workspaces"));
  gtk_file_filter_add_pattern (filter, "*.tourdesk");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  if (self->database != NULL)
    {
      g_autoptr(GFile) current = g_file_new_for_path (td_database_get_path (self->database));
      g_autoptr(GFile) folder = g_file_get_parent (current);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

  g_signal_connect_object (native, "response", G_CALLBACK (location_chooser_response_cb), self, G_CONNECT_SWAPPED);
  self->file_chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->file_chooser);
}

/* Platform */

static void
platform_url_apply_cb (TdPreferencesWindow *self,
                       AdwEntryRow         *row)
{
  g_autofree char *text = row_text (row, FALSE);
  g_autofree char *problem = td_check_platform_url (text);

  set_problem (self, row, problem);
  if (problem != NULL)
    return;

  set_row_text (row, text);
  g_settings_set_string (self->settings, "platform-url", text);
}

/* The workspace shown */

static void
set_page_visible (AdwPreferencesPage *page,
                  gboolean            visible)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (page));

  /* The view switcher follows the stack page, not the widget. */
  if (ADW_IS_VIEW_STACK (parent))
    adw_view_stack_page_set_visible (adw_view_stack_get_page (ADW_VIEW_STACK (parent), GTK_WIDGET (page)),
                                     visible);
}

static void
td_preferences_window_set_database (TdPreferencesWindow *self,
                                    TdDatabase          *database)
{
  gboolean has_database;

  /* Drop whatever was under way for the previous workspace. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_loading = 0;
  if (self->n_running > 0)
    {
      self->n_running = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  g_hash_table_remove_all (self->pending);
  g_clear_pointer (&self->saving, g_hash_table_unref);
  g_clear_pointer (&self->org_id, g_free);
  self->org_revision = 0;

  g_set_object (&self->database, database);
  has_database = database != NULL;

  set_page_visible (self->workspace_page, has_database);
  set_page_visible (self->business_page, has_database);

  if (!has_database)
    {
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), self->platform_page);
      return;
    }

  {
    g_autofree char *display = g_filename_display_name (td_database_get_path (database));
    adw_action_row_set_subtitle (self->location_row, display);
  }

  td_preferences_window_load (self, TRUE);
}

static void
database_changed_cb (TdPreferencesWindow *self,
                     GParamSpec          *pspec,
                     TdWindow            *window)
{
  td_preferences_window_set_database (self, td_window_get_database (window));
}

static void
td_preferences_window_set_window (TdPreferencesWindow *self,
                                  TdWindow            *window)
{
  g_assert (self->window == NULL);

  if (window == NULL)
    return;

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (window));
  g_signal_connect_object (window, "notify::database",
                           G_CALLBACK (database_changed_cb), self,
                           G_CONNECT_SWAPPED);
  td_preferences_window_set_database (self, td_window_get_database (window));
}

/* GObject */

static void
td_preferences_window_dispose (GObject *object)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);

  if (self->window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (td_preferences_window_parent_class)->dispose (object);
}

static void
td_preferences_window_finalize (GObject *object)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_object (&self->currencies);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->saving, g_hash_table_unref);

  G_OBJECT_CLASS (td_preferences_window_parent_class)->finalize (object);
}

static void
td_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, td_preferences_window_get_busy (self));
      break;

    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      td_preferences_window_set_window (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_preferences_window_class_init (TdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_preferences_window_dispose;
  object_class->finalize = td_preferences_window_finalize;
  object_class->get_property = td_preferences_window_get_property;
  object_class->set_property = td_preferences_window_set_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL,
                         TD_TYPE_WINDOW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, workspace_page);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, business_page);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, platform_page);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, workspace_name_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, workspace_name_error);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, time_zone_error);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, logo_stack);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, logo_avatar);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, logo_choose_button);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, logo_remove_button);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, logo_error);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, business_group);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, org_name_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, org_name_error);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, org_address_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, org_address_error);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, org_tax_id_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, org_tax_id_error);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, org_phone_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, org_phone_error);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, org_email_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, org_email_error);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, platform_url_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, platform_url_error);
  gtk_widget_class_bind_template_callback (widget_class, workspace_name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_zone_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, business_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, logo_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, logo_remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, platform_url_apply_cb);
}

static void
td_preferences_window_init (TdPreferencesWindow *self)
{
  const char * const *codes = td_currency_codes ();
  g_autofree char *platform_url = NULL;

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) pending_value_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* "CNY (¥)": the code people know, with its symbol. */
  self->currencies = gtk_string_list_new (NULL);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *symbol = td_currency_symbol (codes[i]);
      g_autofree char *label = NULL;

      if (symbol != NULL && g_strcmp0 (symbol, codes[i]) != 0)
        label = g_strdup_printf ("%s (%s)", codes[i], symbol);
      else
        label = g_strdup (codes[i]);

      gtk_string_list_append (self->currencies, label);
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (self->currencies));
  self->updating = FALSE;

  platform_url = g_settings_get_string (self->settings, "platform-url");
  set_row_text (self->platform_url_row, platform_url);
}

GtkWidget *
td_preferences_window_new (TdWindow *window)
{
  g_return_val_if_fail (TD_IS_WINDOW (window), NULL);

  return g_object_new (TD_TYPE_PREFERENCES_WINDOW,
                       "window", window,
                       NULL);
}
