/* td-test-ui-utils.c: helpers shared by the tests that open windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-test-ui-utils.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "td-area.h"
#include "td-window.h"

static guint settle_pause_ms = 400;

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
td_test_ui_wait_until (TdTestCondition condition,
                       gpointer        data,
                       const char     *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (TD_TEST_UI_WAIT_TIMEOUT_MS, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for %s", what);

  g_source_remove (id);
}

void
td_test_ui_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  int *frames = data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
enough_frames (gpointer data)
{
  return *(int *) data >= 3;
}

void
td_test_ui_set_settle_pause (guint ms)
{
  settle_pause_ms = ms;
}

void
td_test_ui_settle (GtkWidget *widget)
{
  int frames = 0;
  guint id;

  id = gtk_widget_add_tick_callback (widget, tick_cb, &frames, NULL);
  td_test_ui_wait_until (enough_frames, &frames, "frames to be drawn");
  gtk_widget_remove_tick_callback (widget, id);

  /* Stack crossfades and revealers take up to 250 ms, the map's go-to
   * 400 ms. */
  td_test_ui_wait_ms (settle_pause_ms);

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static const char *
screenshot_dir (void)
{
  const char *dir = g_getenv ("TD_SCREENSHOT_DIR");

  return dir != NULL && dir[0] != '\0' ? dir : NULL;
}

/* Renders @node with @widget's renderer and writes it to @dir/@name.png. */
static void
save_node (GtkWidget     *widget,
           GskRenderNode *node,
           int            width,
           int            height,
           const char    *dir,
           const char    *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;

  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  file_name = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

void
td_test_ui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = screenshot_dir ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  td_test_ui_settle (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (widget);
  /* the paintable gives the widget's last frame: none while a redraw is
   * pending (a spinner turning somewhere), so wait for the next frame */
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      if (attempt > 0)
        {
          g_usleep (20000);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  save_node (widget, node, width, height, dir, name);
}

void
td_test_ui_screenshot_with_popover (GtkWidget  *window,
                                    GtkWidget  *popover,
                                    const char *name)
{
  const char *dir = screenshot_dir ();
  g_autoptr(GdkPaintable) window_paintable = NULL;
  g_autoptr(GdkPaintable) popover_paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  double window_x, window_y, popover_x, popover_y;
  GdkSurface *surface;
  int width, height;

  td_test_ui_settle (window);
  if (dir == NULL)
    return;

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  window_paintable = gtk_widget_paintable_new (window);
  popover_paintable = gtk_widget_paintable_new (popover);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (window_paintable, GDK_SNAPSHOT (snapshot), width, height);

  /* where the popover's surface is, in the window's: both have margins
   * (shadows) around their widgets */
  surface = gtk_native_get_surface (GTK_NATIVE (popover));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (gdk_popup_get_position_x (GDK_POPUP (surface)) - window_x + popover_x,
                                                gdk_popup_get_position_y (GDK_POPUP (surface)) - window_y + popover_y));
  gdk_paintable_snapshot (popover_paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (popover), gtk_widget_get_height (popover));
  gtk_snapshot_restore (snapshot);

  node = gtk_snapshot_free_to_node (snapshot);
  save_node (window, node, width, height, dir, name);
}

GtkWidget *
td_test_ui_find_widget (GtkWidget  *root,
                        GType       type,
                        const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (title == NULL ||
       (ADW_IS_PREFERENCES_ROW (root) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = td_test_ui_find_widget (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
td_test_ui_set_row (GtkWidget  *root,
                    const char *title,
                    const char *text)
{
  GtkWidget *row = td_test_ui_find_widget (root, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

GtkWidget *
td_test_ui_find_named (GtkWidget  *root,
                       const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = td_test_ui_find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
clicked_cb (GtkButton *button,
            gboolean  *clicked)
{
  *clicked = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

void
td_test_ui_click (GtkWidget  *root,
                  const char *name)
{
  GtkWidget *button = td_test_ui_find_named (root, name);
  gboolean clicked = FALSE;
  gulong id;

  if (!GTK_IS_BUTTON (button))
    g_error ("No button named %s", name);
  if (!gtk_widget_is_sensitive (button) || !gtk_widget_get_visible (button))
    g_error ("The button %s cannot be pressed now", name);
  /* a button may close its window */
  g_object_ref (button);
  id = g_signal_connect (button, "clicked", G_CALLBACK (clicked_cb), &clicked);
  g_assert_true (gtk_widget_activate (button));
  td_test_ui_wait_until (flag_set, &clicked, name);
  g_signal_handler_disconnect (button, id);
  g_object_unref (button);
}

gboolean
td_test_ui_window_ready (gpointer data)
{
  TdWindow *window = data;
  GtkWidget *area;

  if (td_window_get_busy (window) || td_window_get_database (window) == NULL)
    return FALSE;

  area = td_window_get_area_widget (window, td_window_get_area (window));
  return area != NULL && !td_area_get_loading (TD_AREA (area));
}

char *
td_test_ui_init (int          *argc,
                 char       ***argv,
                 const char   *home_template)
{
  static const char *xdg_vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  char *home;

  /* Our own XDG folders. Not G_TEST_OPTION_ISOLATE_DIRS: it hides the MIME
   * database, and gdk-pixbuf then cannot tell a PNG (a tile, an SVG icon)
   * from noise. */
  home = g_dir_make_tmp (home_template, NULL);
  g_assert_nonnull (home);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_vars); i++)
    {
      g_autofree char *path = g_build_filename (home, xdg_vars[i], NULL);

      g_setenv (xdg_vars[i], path, TRUE);
    }

  g_test_init (argc, argv, NULL);
  /* GLib decides once, at its first translation, whether C_(),
   * g_dngettext() and g_dpgettext2() translate at all: never, when that
   * happens in a locale such as C.UTF-8 while the program's text domain is
   * set. Let it decide now, in the "C" locale every program starts in, so
   * that the tests that switch to zh_CN see every string translated. */
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return home;
}

GTestDBus *
td_test_ui_bus_up (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GTestDBus *bus;

  /* GtkApplication wants a session bus: give it a private one. GTestDBus
   * unsets DISPLAY (for dbus-launch), so keep ours. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  return bus;
}

TdApplication *
td_test_ui_application_new (void)
{
  g_autoptr(GError) error = NULL;
  TdApplication *app = td_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

char *
td_test_ui_enter_zh_cn (void)
{
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *localedir = NULL;

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      /* the locale tests/meson.build compiles beside the tests */
      g_autofree char *locpath = g_test_build_filename (G_TEST_BUILT, ".", NULL);

      g_setenv ("LOCPATH", locpath, TRUE);
      if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
        {
          g_unsetenv ("LOCPATH");
          setlocale (LC_ALL, saved_locale);
          g_test_skip ("The zh_CN.UTF-8 locale is not available (install the locales package)");
          return NULL;
        }
    }

  /* The translations built beside the tests (meson puts them in
   * <build>/po/zh_CN/LC_MESSAGES). */
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);

  return g_steal_pointer (&saved_locale);
}

void
td_test_ui_leave_zh_cn (const char *saved_locale)
{
  setlocale (LC_ALL, saved_locale);
  g_unsetenv ("LOCPATH");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_tree (child);
          g_object_unref (info);
        }
    }

  g_file_delete (file, NULL, NULL);
}

void
td_test_ui_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  remove_tree (file);
}

GtkWidget *
td_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}
