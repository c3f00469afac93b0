/* td-origin-layer.h: where the customers come from, as circles on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_TYPE_ORIGIN_LAYER (td_origin_layer_get_type ())

G_DECLARE_FINAL_TYPE (TdOriginLayer, td_origin_layer, TD, ORIGIN_LAYER, ShumateLayer)

/* One circle per city or province, its area in proportion to its
 * customers, the count written inside; a tooltip names the place. The
 * counts are read (in a worker thread) while the layer is visible, and
 * again after commits. */
TdOriginLayer *td_origin_layer_new            (ShumateViewport *viewport);
void           td_origin_layer_set_database   (TdOriginLayer   *self,
                                               TdDatabase      *database);
/* In words, for beside the switch: "4,997 customers from 25 places" */
const char    *td_origin_layer_get_summary    (TdOriginLayer   *self);
gboolean       td_origin_layer_get_loading    (TdOriginLayer   *self);
/* The circles of the last counts: for tests. */
guint          td_origin_layer_get_n_origins  (TdOriginLayer   *self);
/* What the tooltip says at (x, y) of the layer; NULL when nothing is there. */
char          *td_origin_layer_describe_at    (TdOriginLayer   *self,
                                               double           x,
                                               double           y);

G_END_DECLS
