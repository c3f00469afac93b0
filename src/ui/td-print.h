/* td-print.h: printing and saving TdDocuments from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "td-document.h"

G_BEGIN_DECLS

/* Opens the print dialog for @document (which must be complete: nothing may
 * add to it afterwards). Asynchronous: the dialog and the printing never
 * block the window; a failure is shown in a message dialog over @parent.
 * "Print to File" offers the document's title as the file name. */
void td_print_document            (GtkWindow  *parent,
                                   TdDocument *document);

/* Asks where to save @document as a PDF (suggesting @file_name, e.g.
 * "contract-T2026-0012.pdf"), writes it in a worker thread and reports a
 * failure in a message dialog over @parent. */
void td_save_document_pdf         (GtkWindow  *parent,
                                   TdDocument *document,
                                   const char *file_name);

G_END_DECLS
