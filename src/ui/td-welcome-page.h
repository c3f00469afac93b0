/* td-welcome-page.h: the first-run page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_WELCOME_PAGE (td_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (TdWelcomePage, td_welcome_page, TD, WELCOME_PAGE, GtkWidget)

/* Signals:
 *   workspace-ready (TdDatabase *database): a workspace was created, or
 *     the demo was created; database is open and set up.
 *   open-requested (const char *path): the person chose to open an
 *     existing workspace instead of creating one. */

GtkWidget *td_welcome_page_new                  (void);
gboolean   td_welcome_page_get_busy             (TdWelcomePage *self);
void       td_welcome_page_set_current_database (TdWelcomePage *self,
                                                 TdDatabase    *database);
void       td_welcome_page_create_demo          (TdWelcomePage *self);
void       td_welcome_page_create_workspace     (TdWelcomePage *self,
                                                 TdProfile      profile);
void       td_welcome_page_cancel               (TdWelcomePage *self);
void       td_welcome_page_show_error           (TdWelcomePage *self,
                                                 const char    *title,
                                                 const char    *message);
void       td_welcome_page_clear_error          (TdWelcomePage *self);
void       td_welcome_page_focus                (TdWelcomePage *self);

G_END_DECLS
