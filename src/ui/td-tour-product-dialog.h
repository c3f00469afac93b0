/* td-tour-product-dialog.h: a new tour product with its itinerary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_TOUR_PRODUCT_DIALOG (td_tour_product_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdTourProductDialog, td_tour_product_dialog, TD, TOUR_PRODUCT_DIALOG, AdwWindow)

/* Signal "saved" (const char *product_id) once written; the dialog closes. */
GtkWidget  *td_tour_product_dialog_new       (GtkWindow           *parent,
                                              TdDatabase          *database);
guint       td_tour_product_dialog_get_n_items (TdTourProductDialog *self);
/* the problem shown ("" none) */
const char *td_tour_product_dialog_get_error (TdTourProductDialog *self);

G_END_DECLS
