/* td-test-ui-utils.h: helpers shared by the tests that open windows
 * (test-ui, test-map)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-application.h"

G_BEGIN_DECLS

#define TD_TEST_UI_WAIT_TIMEOUT_MS 30000

typedef gboolean (*TdTestCondition) (gpointer data);

/* Runs the main context until @condition holds; fails the test after
 * TD_TEST_UI_WAIT_TIMEOUT_MS, naming @what. */
void           td_test_ui_wait_until        (TdTestCondition condition,
                                             gpointer        data,
                                             const char     *what);
void           td_test_ui_wait_ms           (guint           ms);

/* How long td_test_ui_settle() waits, after the frames, for animations
 * to end (400 ms unless set). */
void           td_test_ui_set_settle_pause  (guint           ms);
/* Lets layout, animations and pending idles run, as a person would see. */
void           td_test_ui_settle            (GtkWidget      *widget);

/* Settles @widget, then with TD_SCREENSHOT_DIR set writes it there as
 * @name.png. */
void           td_test_ui_screenshot        (GtkWidget      *widget,
                                             const char     *name);
/* A popover is a window of its own: the window's shot, then the
 * popover's drawn over it where it is. */
void           td_test_ui_screenshot_with_popover (GtkWidget  *window,
                                                   GtkWidget  *popover,
                                                   const char *name);

/* The first widget of @type below @root (itself included) and, with
 * @title, an AdwPreferencesRow of that title. */
GtkWidget     *td_test_ui_find_widget       (GtkWidget      *root,
                                             GType           type,
                                             const char     *title);

/* Types @text into the AdwEntryRow titled @title below @root. */
void           td_test_ui_set_row           (GtkWidget      *root,
                                             const char     *title,
                                             const char     *text);

/* The first widget below @root (itself included) whose widget name is
 * @name (gtk_widget_set_name(), or "name" in a .ui file). */
GtkWidget     *td_test_ui_find_named        (GtkWidget      *root,
                                             const char     *name);
/* Activates the button named @name below @root, as Enter on it would, and
 * waits for its "clicked" (which a button says a moment later). */
void           td_test_ui_click             (GtkWidget      *root,
                                             const char     *name);

/* Condition: the TdWindow @data has a workspace open and its area loaded. */
gboolean       td_test_ui_window_ready      (gpointer        data);
/* A visible toplevel window of that type (dialogs too), or NULL. */
GtkWidget     *td_test_ui_find_toplevel     (GType           type);

/* Makes a temporary home from @home_template, points the XDG folders into
 * it, then g_test_init()s and sets up the locale and the text domain.
 * Returns the home. */
char          *td_test_ui_init              (int            *argc,
                                             char         ***argv,
                                             const char     *home_template);
/* A private session bus (GTestDBus unsets DISPLAY: ours is kept). */
GTestDBus     *td_test_ui_bus_up            (void);
/* A registered, non-unique application. */
TdApplication *td_test_ui_application_new   (void);

/* Switches to zh_CN.UTF-8 (with the locale built beside the tests when
 * the system has none) and to the translations built in <build>/po.
 * Returns the locale to go back to, or %NULL, the test skipped, when
 * zh_CN.UTF-8 cannot be had. */
char          *td_test_ui_enter_zh_cn       (void);
void           td_test_ui_leave_zh_cn       (const char     *saved_locale);

/* Deletes @path and all below it. */
void           td_test_ui_remove_tree       (const char     *path);

G_END_DECLS
