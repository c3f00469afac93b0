/* td-map-preferences-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-map-preferences-page.h"
#include "td-mbtiles-source.h"
#include "td-tile-source.h"
#include "td-utils.h"

/* in the order of the combo row */
static const char *const sources[] = { "osm", "template", "mbtiles" };

struct _TdMapPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  AdwComboRow        *source_row;
  AdwEntryRow        *template_row;
  GtkWidget          *template_error;
  AdwActionRow       *mbtiles_row;
  GtkWidget          *mbtiles_error;

  GSettings          *settings;
  GtkNativeDialog    *chooser;
};

G_DEFINE_FINAL_TYPE (TdMapPreferencesPage, td_map_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_mbtiles (TdMapPreferencesPage *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "map-mbtiles-path");
  g_autoptr(TdMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;

  if (*path == '\0')
    {
      adw_action_row_set_subtitle (self->mbtiles_row, _("None chosen"));
      td_problem_set_text (self->mbtiles_error, NULL);
      return;
    }

  display = g_filename_display_name (path);
  adw_action_row_set_subtitle (self->mbtiles_row, display);
  /* say now what is wrong with it, rather than on the map */
  source = td_mbtiles_source_new (path, &error);
  td_problem_set_text (self->mbtiles_error, source ? NULL : error->message);
}

static void
update_rows (TdMapPreferencesPage *self)
{
  guint selected = adw_combo_row_get_selected (self->source_row);

  gtk_widget_set_visible (GTK_WIDGET (self->template_row), selected == 1);
  if (selected != 1)
    gtk_widget_set_visible (self->template_error, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->mbtiles_row), selected == 2);
  if (selected == 2)
    show_mbtiles (self);
  else
    gtk_widget_set_visible (self->mbtiles_error, FALSE);
}

static void
source_selected_cb (TdMapPreferencesPage *self)
{
  guint selected = adw_combo_row_get_selected (self->source_row);

  if (selected < G_N_ELEMENTS (sources))
    g_settings_set_string (self->settings, "map-tile-source", sources[selected]);
  update_rows (self);
}

static void
template_apply_cb (TdMapPreferencesPage *self)
{
  g_autofree char *text = td_entry_row_accept_text (self->template_row, td_tile_source_check_template, FALSE);

  if (text != NULL)
    g_settings_set_string (self->settings, "map-tile-url-template", text);
}

static void
mbtiles_chosen_cb (gpointer  owner,
                   GFile    *file)
{
  TdMapPreferencesPage *self = owner;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    return;
  g_settings_set_string (self->settings, "map-mbtiles-path", path);
  show_mbtiles (self);
}

static void
choose_clicked_cb (TdMapPreferencesPage *self)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }
  chooser = td_file_chooser_new (GTK_WIDGET (self), _("Offline Map File"),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  td_file_chooser_add_filter (chooser, _("MBTiles map files"), "*.mbtiles", NULL);
  td_file_chooser_run (chooser, &self->chooser, self, mbtiles_chosen_cb);
}

/* The settings may change elsewhere (gsettings, another window). */
static void
settings_changed_cb (TdMapPreferencesPage *self)
{
  g_autofree char *source = g_settings_get_string (self->settings, "map-tile-source");

  g_signal_handlers_block_by_func (self->source_row, source_selected_cb, self);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_str_equal (source, sources[i]))
      adw_combo_row_set_selected (self->source_row, i);
  g_signal_handlers_unblock_by_func (self->source_row, source_selected_cb, self);
  update_rows (self);
}

static void
td_map_preferences_page_dispose (GObject *object)
{
  TdMapPreferencesPage *self = TD_MAP_PREFERENCES_PAGE (object);

  td_file_chooser_clear (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_MAP_PREFERENCES_PAGE);

  G_OBJECT_CLASS (td_map_preferences_page_parent_class)->dispose (object);
}

static void
td_map_preferences_page_finalize (GObject *object)
{
  TdMapPreferencesPage *self = TD_MAP_PREFERENCES_PAGE (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (td_map_preferences_page_parent_class)->finalize (object);
}

static void
td_map_preferences_page_class_init (TdMapPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_map_preferences_page_dispose;
  object_class->finalize = td_map_preferences_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-map-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdMapPreferencesPage, source_row);
  gtk_widget_class_bind_template_child (widget_class, TdMapPreferencesPage, template_row);
  gtk_widget_class_bind_template_child (widget_class, TdMapPreferencesPage, template_error);
  gtk_widget_class_bind_template_child (widget_class, TdMapPreferencesPage, mbtiles_row);
  gtk_widget_class_bind_template_child (widget_class, TdMapPreferencesPage, mbtiles_error);
  gtk_widget_class_bind_template_callback (widget_class, source_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
}

static void
td_map_preferences_page_init (TdMapPreferencesPage *self)
{
  g_autofree char *url_template = NULL;

  self->settings = g_settings_new (APPLICATION_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  td_entry_row_attach_problem (self->template_row, self->template_error);
  url_template = g_settings_get_string (self->settings, "map-tile-url-template");
  td_entry_row_set_text (self->template_row, url_template);

  settings_changed_cb (self);
  g_signal_connect_object (self->settings, "changed::map-tile-source",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::map-mbtiles-path",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
td_map_preferences_page_new (void)
{
  return g_object_new (TD_TYPE_MAP_PREFERENCES_PAGE, NULL);
}
