/* td-business-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-business-page.h"
#include "td-utils.h"

struct _TdBusinessPage
{
  TdDatabasePage    parent_instance;

  /* Template widgets */
  GtkStack         *logo_stack;
  AdwAvatar        *logo_avatar;
  GtkPicture       *logo_picture;
  GtkWidget        *logo_choose_button;
  GtkWidget        *logo_remove_button;
  GtkWidget        *logo_error;
  AdwEntryRow      *org_name_row;
  GtkWidget        *org_name_error;
  AdwEntryRow      *org_address_row;
  GtkWidget        *org_address_error;
  AdwEntryRow      *org_tax_id_row;
  GtkWidget        *org_tax_id_error;
  AdwEntryRow      *org_phone_row;
  GtkWidget        *org_phone_error;
  AdwEntryRow      *org_email_row;
  GtkWidget        *org_email_error;

  GtkNativeDialog  *file_chooser;

  char             *org_id;
  gint64            org_revision;
  GHashTable       *pending;       /* field → PendingValue, not saved yet */
  GHashTable       *saving;        /* field → PendingValue, being saved */
  guint             n_loading;
};

G_DEFINE_FINAL_TYPE (TdBusinessPage, td_business_page, TD_TYPE_DATABASE_PAGE)

/* The fields of the organisation record edited here, and their rows. */
typedef struct
{
  const char *field;
  gsize       row_offset;
  gsize       error_offset;
  char     *(*check) (const char *text);
  gboolean    upper_case;
} BusinessField;

#define ROW(name)   G_STRUCT_OFFSET (TdBusinessPage, name##_row)
#define ERROR(name) G_STRUCT_OFFSET (TdBusinessPage, name##_error)

static const BusinessField business_fields[] = {
  { "name",    ROW (org_name),    ERROR (org_name),    td_check_business_name, FALSE },
  { "address", ROW (org_address), ERROR (org_address), NULL,                   FALSE },
  { "tax_id",  ROW (org_tax_id),  ERROR (org_tax_id),  td_check_tax_id,        TRUE },
  { "phone",   ROW (org_phone),   ERROR (org_phone),   td_check_phone,         FALSE },
  { "email",   ROW (org_email),   ERROR (org_email),   td_check_email,         FALSE },
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

static GHashTable *
pending_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) pending_value_free);
}

static void td_business_page_commit_next (TdBusinessPage *self);

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
  char       *org_id;
  JsonObject *org;
  GdkTexture *logo;
} LoadData;

static void
load_data_free (LoadData *data)
{
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
td_business_page_show_logo (TdBusinessPage *self,
                            GdkTexture     *logo)
{
  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (logo));
  gtk_stack_set_visible_child_name (self->logo_stack, logo ? "logo" : "none");
  gtk_widget_set_visible (self->logo_remove_button, logo != NULL);
}

static void
td_business_page_fill (TdBusinessPage *self,
                       JsonObject     *org,
                       GdkTexture     *logo)
{
  for (guint i = 0; i < G_N_ELEMENTS (business_fields); i++)
    {
      AdwEntryRow *row = MEMBER (self, business_fields[i].row_offset);

      td_entry_row_set_text (row, json_text (org, business_fields[i].field));
      td_entry_row_show_problem (row, NULL);
    }

  adw_avatar_set_text (self->logo_avatar, json_text (org, "name"));
  td_business_page_show_logo (self, logo);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdPageWork) work = user_data;
  g_autoptr(LoadData) data = NULL;
  g_autoptr(GError) error = NULL;
  TdBusinessPage *self = TD_BUSINESS_PAGE (work->page);
  gboolean fill = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));

  data = g_task_propagate_pointer (G_TASK (result), &error);

  if (!td_page_work_end (work))
    return;

  self->n_loading--;

  if (data == NULL)
    {
      td_database_page_toast (TD_DATABASE_PAGE (self), error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  g_free (self->org_id);
  self->org_id = g_strdup (data->org_id);
  self->org_revision = data->org && json_object_has_member (data->org, "revision")
                       ? json_object_get_int_member (data->org, "revision") : 0;

  /* A workspace always has a default organisation once set up; without
   * one there is nothing to edit. */
  gtk_widget_set_sensitive (GTK_WIDGET (self), data->org != NULL);

  if (fill)
    td_business_page_fill (self, data->org, data->logo);

  td_business_page_commit_next (self);
}

/* Reads the record back; fill shows its values in the rows too. */
static void
td_business_page_load (TdBusinessPage *self,
                       gboolean        fill)
{
  TdDatabase *database = td_database_page_get_database (TD_DATABASE_PAGE (self));
  TdPageWork *work;

  if (database == NULL)
    return;

  self->n_loading++;

  work = td_database_page_begin_work (TD_DATABASE_PAGE (self));
  td_run_in_thread (database, work->cancellable, td_business_page_load,
                    GINT_TO_POINTER (fill), NULL, load_thread, load_cb, work);
}

/* Saving */

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TdPageWork) work = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) saved = NULL;
  TdBusinessPage *self = TD_BUSINESS_PAGE (work->page);

  td_database_commit_finish (TD_DATABASE (object), result, &error);

  if (!td_page_work_end (work))
    return;

  saved = g_steal_pointer (&self->saving);

  if (error == NULL)
    {
      td_database_page_emit_saved (TD_DATABASE_PAGE (self));
      /* Read the new revision back, then save what was applied meanwhile. */
      td_business_page_load (self, FALSE);
      return;
    }

  if (g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT))
    {
      td_database_page_toast (TD_DATABASE_PAGE (self),
                              _("These details were changed elsewhere in the meantime. They were reloaded: apply your change again."));
      g_hash_table_remove_all (self->pending);
      td_business_page_load (self, TRUE);
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
            td_entry_row_show_problem (MEMBER (self, business_fields[i].row_offset), error->message);
        }
    }
  else
    {
      td_database_page_toast (TD_DATABASE_PAGE (self), error->message);
    }

  td_business_page_load (self, FALSE);
}

static void
td_business_page_commit_next (TdBusinessPage *self)
{
  TdDatabase *database = td_database_page_get_database (TD_DATABASE_PAGE (self));
  g_autoptr(GPtrArray) changes = NULL;
  GHashTableIter iter;
  const char *field;
  PendingValue *value;
  TdChange *change;
  TdPageWork *work;

  if (database == NULL || self->org_id == NULL ||
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
  self->pending = pending_table_new ();

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_ptr_array_add (changes, change);

  work = td_database_page_begin_work (TD_DATABASE_PAGE (self));
  td_database_commit_async (database,
                            td_database_default_actor (),
                            changes,
                            work->cancellable,
                            commit_cb,
                            work);
}

static void
td_business_page_queue (TdBusinessPage *self,
                        const char     *field,
                        const char     *text,
                        GBytes         *bytes)
{
  PendingValue *value = g_new0 (PendingValue, 1);

  value->text = g_strdup (text);
  value->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  g_hash_table_replace (self->pending, g_strdup (field), value);

  td_business_page_commit_next (self);
}

static void
business_apply_cb (TdBusinessPage *self,
                   AdwEntryRow    *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (business_fields); i++)
    {
      const BusinessField *info = &business_fields[i];
      g_autofree char *text = NULL;

      if (MEMBER (self, info->row_offset) != (gpointer) row)
        continue;

      text = td_entry_row_accept_text (row, info->check, info->upper_case);
      if (text == NULL)
        return;

      if (row == self->org_name_row)
        adw_avatar_set_text (self->logo_avatar, text);

      td_business_page_queue (self, info->field, text, NULL);
      return;
    }
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LogoData, logo_data_free)

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
  g_autoptr(TdPageWork) work = user_data;
  g_autoptr(LogoData) data = NULL;
  g_autoptr(GError) error = NULL;
  TdBusinessPage *self = TD_BUSINESS_PAGE (work->page);

  data = g_task_propagate_pointer (G_TASK (result), &error);

  if (!td_page_work_end (work))
    return;

  if (data == NULL)
    {
      td_problem_set_text (self->logo_error, error->message);
      return;
    }

  td_business_page_show_logo (self, data->texture);
  td_business_page_queue (self, LOGO_FIELD, NULL, data->bytes);
}

static void
logo_chosen_cb (gpointer  owner,
                GFile    *file)
{
  TdBusinessPage *self = owner;
  TdPageWork *work;

  if (td_database_page_get_database (TD_DATABASE_PAGE (self)) == NULL)
    return;

  td_problem_set_text (self->logo_error, NULL);

  work = td_database_page_begin_work (TD_DATABASE_PAGE (self));
  td_run_in_thread (NULL, work->cancellable, logo_chosen_cb,
                    g_object_ref (file), g_object_unref,
                    logo_thread, logo_cb, work);
}

static void
logo_choose_clicked_cb (TdBusinessPage *self)
{
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    return;

  chooser = td_file_chooser_new (GTK_WIDGET (self), _("Choose a Logo"),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"));
  td_file_chooser_add_filter (chooser, _("PNG, JPEG or SVG Images"),
                              "image/png", "image/jpeg", "image/svg+xml", NULL);
  td_file_chooser_run (chooser, &self->file_chooser, self, logo_chosen_cb);
}

static void
logo_remove_clicked_cb (TdBusinessPage *self)
{
  td_problem_set_text (self->logo_error, NULL);
  td_business_page_show_logo (self, NULL);
  gtk_widget_grab_focus (self->logo_choose_button);
  td_business_page_queue (self, LOGO_FIELD, NULL, NULL);
}

/* TdDatabasePage */

static void
td_business_page_database_changed (TdDatabasePage *page,
                                   TdDatabase     *database)
{
  TdBusinessPage *self = TD_BUSINESS_PAGE (page);

  self->n_loading = 0;
  g_hash_table_remove_all (self->pending);
  g_clear_pointer (&self->saving, g_hash_table_unref);
  g_clear_pointer (&self->org_id, g_free);
  self->org_revision = 0;

  if (database != NULL)
    td_business_page_load (self, TRUE);
}

/* GObject */

static void
td_business_page_dispose (GObject *object)
{
  TdBusinessPage *self = TD_BUSINESS_PAGE (object);

  td_file_chooser_clear (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_BUSINESS_PAGE);

  G_OBJECT_CLASS (td_business_page_parent_class)->dispose (object);
}

static void
td_business_page_finalize (GObject *object)
{
  TdBusinessPage *self = TD_BUSINESS_PAGE (object);

  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->saving, g_hash_table_unref);

  G_OBJECT_CLASS (td_business_page_parent_class)->finalize (object);
}

static void
td_business_page_class_init (TdBusinessPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TdDatabasePageClass *page_class = TD_DATABASE_PAGE_CLASS (klass);

  object_class->dispose = td_business_page_dispose;
  object_class->finalize = td_business_page_finalize;

  page_class->database_changed = td_business_page_database_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-business-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, logo_stack);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, logo_avatar);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, logo_choose_button);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, logo_remove_button);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, logo_error);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, org_name_row);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, org_name_error);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, org_address_row);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, org_address_error);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, org_tax_id_row);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, org_tax_id_error);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, org_phone_row);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, org_phone_error);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, org_email_row);
  gtk_widget_class_bind_template_child (widget_class, TdBusinessPage, org_email_error);
  gtk_widget_class_bind_template_callback (widget_class, business_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, logo_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, logo_remove_clicked_cb);
}

static void
td_business_page_init (TdBusinessPage *self)
{
  self->pending = pending_table_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (business_fields); i++)
    td_entry_row_attach_problem (MEMBER (self, business_fields[i].row_offset),
                                 MEMBER (self, business_fields[i].error_offset));
}

GtkWidget *
td_business_page_new (void)
{
  return g_object_new (TD_TYPE_BUSINESS_PAGE, NULL);
}
