/* td-area.h: what every area of the main window provides
 *
 * An area is one page of the workspace view (the dashboard now; bookings,
 * customers, the map... later). Each area is a widget implementing TdArea,
 * and is listed once in td-areas.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_AREA (td_area_get_type ())

G_DECLARE_INTERFACE (TdArea, td_area, TD, AREA, GtkWidget)

struct _TdAreaInterface
{
  GTypeInterface parent_iface;

  /* Reload what the area shows from its database. */
  void     (*refresh) (TdArea *self);
  /* Optional: start making a new record of the area (Ctrl+N: a new
   * customer in the customers area); FALSE when there is none to make. */
  gboolean (*create)  (TdArea *self);
};

/* Properties every area implements: "database" (TdDatabase, read-write,
 * NULL when no workspace is open) and "loading" (gboolean, read-only, TRUE
 * while a query is running). */
TdDatabase *td_area_get_database (TdArea     *self);
void        td_area_set_database (TdArea     *self,
                                  TdDatabase *database);
gboolean    td_area_get_loading  (TdArea     *self);
void        td_area_refresh      (TdArea     *self);
gboolean    td_area_create       (TdArea     *self);

/* For the areas, which load from their database with one query at a time.
 * Cancels the query in *current and keeps cancellable (NULL: none) there
 * instead, spins spinner while a query runs, and notifies "loading" when
 * that changes. */
void        td_area_set_loading  (TdArea        *self,
                                  GCancellable **current,
                                  GCancellable  *cancellable,
                                  GtkSpinner    *spinner);
/* Shows error on error_page, the "error" page of stack. */
void        td_area_show_error   (GtkStack      *stack,
                                  AdwStatusPage *error_page,
                                  const GError  *error);

/* The registry of areas, in sidebar order. */
typedef struct
{
  const char *id;          /* stable, stored in GSettings "last-area" */
  const char *title;       /* marked with N_, translated when shown */
  const char *icon_name;
  const char *accel;       /* to go to it, for gtk_accelerator_parse() */
  GType     (*get_type) (void);
} TdAreaInfo;

const TdAreaInfo *td_areas_get    (guint      *n_areas);
const TdAreaInfo *td_areas_lookup (const char *id);

G_END_DECLS
