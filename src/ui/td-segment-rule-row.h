/* td-segment-rule-row.h: one rule of a segment: field, operator, value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TD_TYPE_SEGMENT_RULE_ROW (td_segment_rule_row_get_type ())

G_DECLARE_FINAL_TYPE (TdSegmentRuleRow, td_segment_rule_row, TD, SEGMENT_RULE_ROW, GtkWidget)

GtkWidget  *td_segment_rule_row_new       (void);
/* The rule as td-segment.h reads it; NULL (with a message for the clerk in
 * *problem) when the value does not fit the field. */
JsonObject *td_segment_rule_row_get_rule  (TdSegmentRuleRow *self,
                                           const char       *currency,
                                           char            **problem);
/* Shows a saved rule. */
void        td_segment_rule_row_set_rule  (TdSegmentRuleRow *self,
                                           JsonObject       *rule);
/* field id, op and the value as typed, for tests */
void        td_segment_rule_row_set       (TdSegmentRuleRow *self,
                                           const char       *field,
                                           const char       *op,
                                           const char       *value);

G_END_DECLS
