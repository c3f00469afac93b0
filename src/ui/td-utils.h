/* td-utils.h: small helpers shared by the Tourdesk widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_LOGO_MAX_SIZE (1024 * 1024)

/* "Hotel", "Travel agency", "Hotel and travel agency" (translated) */

/* Validators for what people type. Each returns NULL when text is
 * acceptable, or a short translated sentence saying what is wrong.
 * Empty text is acceptable for optional fields. */
char       *td_check_business_name         (const char  *text);
char       *td_check_tax_id                (const char  *text);
char       *td_check_phone                 (const char  *text);
char       *td_check_email                 (const char  *text);
char       *td_check_platform_url          (const char  *text);
char       *td_check_time_zone             (const char  *text);

/* Shows problem (or clears it when NULL) next to an entry row: the row gets
 * the "error" style and the invalid accessible state, and message (a
 * GtkLabel, or an AdwPreferencesRow under the field) shows the text. */
void        td_entry_row_set_problem       (AdwEntryRow *row,
                                            GtkWidget   *message,
                                            const char  *problem);
void        td_problem_set_text            (GtkWidget   *message,
                                            const char  *problem);

/* Formats a count with the locale's digit grouping: "12,345". */
char       *td_format_count                (gint64       count);

G_END_DECLS
