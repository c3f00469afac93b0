/* td-document.h: paginated printable documents (A4), drawn with cairo and pango
 *
 * A TdDocument is a flow of blocks (headings, paragraphs, label/value fields,
 * tables, images, signature lines) laid out on pages that repeat the
 * business header and number themselves. The same document is written to a
 * PDF or PNG file (CLI, tests) or drawn page by page onto a GtkPrintContext's
 * cairo context (GUI printing, see src/ui/td-print.h). No GTK here.
 *
 * Text is laid out with its own PangoContext at 72 dpi, so a page measures
 * the same on a PDF surface, a PNG and a printer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "td-database.h"

G_BEGIN_DECLS

#define TD_DOCUMENT_A4_WIDTH  595.276  /* points */
#define TD_DOCUMENT_A4_HEIGHT 841.890

typedef enum {
  TD_DOCUMENT_ALIGN_START,
  TD_DOCUMENT_ALIGN_END,     /* numbers and money */
  TD_DOCUMENT_ALIGN_CENTER,
} TdDocumentAlign;

#define TD_TYPE_DOCUMENT (td_document_get_type ())
G_DECLARE_FINAL_TYPE (TdDocument, td_document, TD, DOCUMENT, GObject)

TdDocument *td_document_new               (const char          *title);
const char *td_document_get_title         (TdDocument          *self);

/* Printed at the top of every page (name in bold, details below in small
 * type) with an optional logo; either may be NULL. */
void        td_document_set_header        (TdDocument          *self,
                                           const char          *business_name,
                                           const char          *business_details,
                                           cairo_surface_t     *logo);

/* The header from the workspace's organisation (Preferences → Business):
 * name, then address, phone, e-mail and tax ID; its logo when it is a PNG.
 * Reads the database: call it where blocking is allowed (a worker thread,
 * the CLI). A workspace without an organisation leaves the header empty. */
gboolean    td_document_set_header_from_workspace (TdDocument  *self,
                                           TdDatabase          *database,
                                           GError             **error);

void        td_document_add_heading       (TdDocument          *self,
                                           const char          *text);
void        td_document_add_subheading    (TdDocument          *self,
                                           const char          *text);
void        td_document_add_paragraph     (TdDocument          *self,
                                           const char          *text);
/* Small grey text, for notes and terms. */
void        td_document_add_note          (TdDocument          *self,
                                           const char          *text);
/* Label/value pairs in two columns; the array is label, value, label,
 * value, ..., NULL. An empty value prints as an em dash; so does a NULL
 * value, which also ends the list (pass "" for a missing value mid-list). */
void        td_document_add_fields        (TdDocument          *self,
                                           const char * const  *pairs);

/* A table: n_columns headers, each column's alignment and relative width
 * (widths NULL = equal), then rows added one at a time with n_columns
 * cells. A table longer than a page continues on the next with its header
 * repeated. td_document_add_table_total() adds a bold row under a rule. */
void        td_document_begin_table       (TdDocument          *self,
                                           guint                n_columns,
                                           const char * const  *headers,
                                           const TdDocumentAlign *align,
                                           const double        *widths);
void        td_document_add_row           (TdDocument          *self,
                                           const char * const  *cells);
void        td_document_add_table_total   (TdDocument          *self,
                                           const char * const  *cells);
void        td_document_end_table         (TdDocument          *self);

/* An image (a QR code, a logo) of the given width in points, centred or at
 * the start; the height follows the surface's aspect ratio. The document
 * keeps a reference. Image surfaces are drawn without smoothing when
 * scaled up, so QR modules stay sharp. */
void        td_document_add_image         (TdDocument          *self,
                                           cairo_surface_t     *surface,
                                           double               width,
                                           TdDocumentAlign      align);
/* Lines to sign on, side by side, each with its label under it. */
void        td_document_add_signatures    (TdDocument          *self,
                                           const char * const  *labels);
void        td_document_add_space         (TdDocument          *self,
                                           double               points);
void        td_document_add_page_break    (TdDocument          *self);

/* Layout for a page size in points (the margins are fixed at 15 mm); returns
 * the number of pages. Called again with another size, it lays out again. */
guint       td_document_paginate          (TdDocument          *self,
                                           double               width,
                                           double               height);
/* Draws page @page (from 0) of the last pagination onto @cr, whose origin
 * is the page's top-left corner and whose unit is the point. */
void        td_document_render_page       (TdDocument          *self,
                                           cairo_t             *cr,
                                           guint                page);

/* A4 PDF with every page; the file is written beside and renamed, so a
 * failure leaves no half-written file. Safe to call from a worker thread
 * (nothing else may touch the document meanwhile). */
gboolean    td_document_write_pdf         (TdDocument          *self,
                                           const char          *path,
                                           GError             **error);
/* One page as a PNG at @dpi (96 for screens, 300 for print). */
gboolean    td_document_write_png         (TdDocument          *self,
                                           const char          *path,
                                           guint                page,
                                           double               dpi,
                                           GError             **error);

G_END_DECLS
