/* td-survey-dialog.h: a customer's answer to the satisfaction survey
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-database.h"

G_BEGIN_DECLS

#define TD_TYPE_SURVEY_DIALOG (td_survey_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdSurveyDialog, td_survey_dialog, TD, SURVEY_DIALOG, AdwWindow)

/* "saved" is emitted once the answer is written; then it closes. */
GtkWidget *td_survey_dialog_new (GtkWindow  *parent,
                                 TdDatabase *database,
                                 const char *customer_id,
                                 const char *customer_name);

G_END_DECLS
