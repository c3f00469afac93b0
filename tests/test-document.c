/* test-document.c: printable documents laid out, paginated and written
 *
 * The PDFs are read back with poppler's pdftotext and pdfinfo, so what is
 * checked is what a reader of the file sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "td-document.h"
#include "td-test-utils.h"

static cairo_surface_t *
checkerboard (int modules)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, modules, modules);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int y = 0; y < modules; y++)
    for (int x = 0; x < modules; x++)
      if ((x + y) % 2 == 0)
        cairo_rectangle (cr, x, y, 1, 1);
  cairo_fill (cr);
  cairo_destroy (cr);
  return surface;
}

static TdDocument *
sample_document (guint n_rows)
{
  TdDocument *doc = td_document_new ("Folio 1208");
  static const char * const headers[] = { "Date", "Item", "Amount" };
  static const TdDocumentAlign align[] = { TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_END };
  static const double widths[] = { 1, 3, 1 };
  const char * const fields[] = { "Guest", "王小明", "Room", "1208", "Notes", "", NULL };
  const char * const signatures[] = { "Guest", "Reception", NULL };
  cairo_surface_t *image = checkerboard (21);

  td_document_set_header (doc, "西湖国际酒店 West Lake Hotel", "杭州市西湖区北山街 1 号  ·  0571-87654321", NULL);
  td_document_add_heading (doc, "Folio");
  td_document_add_fields (doc, fields);
  td_document_begin_table (doc, 3, headers, align, widths);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *date = g_strdup_printf ("2026-11-%02u", 1 + i % 28);
      g_autofree char *item = g_strdup_printf ("Room night %u 房费", i + 1);
      const char * const cells[] = { date, item, "¥468.00" };

      td_document_add_row (doc, cells);
    }
  {
    const char * const total[] = { "", "Balance", "¥0.00" };

    td_document_add_table_total (doc, total);
  }
  td_document_end_table (doc);
  td_document_add_image (doc, image, 120, TD_DOCUMENT_ALIGN_CENTER);
  td_document_add_note (doc, "Thank you for staying with us. 感谢您的光临。");
  td_document_add_signatures (doc, signatures);
  cairo_surface_destroy (image);
  return doc;
}

static void
test_document_pdf_text (void)
{
  g_autoptr(TdDocument) doc = sample_document (3);
  g_autofree char *path = td_test_path ("short.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_document_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (td_test_pdf_pages (path), ==, 1);

  text = td_test_pdf_text (path);
  g_assert_nonnull (strstr (text, "西湖国际酒店"));
  g_assert_nonnull (strstr (text, "王小明"));
  g_assert_nonnull (strstr (text, "Room night 3 房费"));
  g_assert_nonnull (strstr (text, "Balance"));
  g_assert_nonnull (strstr (text, "感谢您的光临"));
  g_assert_nonnull (strstr (text, "Reception"));
  /* the empty value is a dash, and the footer numbers the page */
  g_assert_nonnull (strstr (text, "—"));
  g_assert_nonnull (strstr (text, "page 1 of 1"));
}

/* A long table continues on the next pages with its header repeated; the
 * pages the PDF has are the pages the pagination counted. */
static void
test_document_pagination (void)
{
  g_autoptr(TdDocument) doc = sample_document (200);
  g_autofree char *path = td_test_path ("long.pdf");
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages;

  n_pages = td_document_paginate (doc, TD_DOCUMENT_A4_WIDTH, TD_DOCUMENT_A4_HEIGHT);
  g_assert_cmpuint (n_pages, >=, 4);
  g_assert_true (td_document_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (td_test_pdf_pages (path), ==, n_pages);

  text = td_test_pdf_text (path);
  pages = g_strsplit (text, "\f", -1);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("page %u of %u", p + 1, n_pages);

      g_assert_nonnull (strstr (pages[p], "West Lake Hotel"));
      g_assert_nonnull (strstr (pages[p], "Amount"));
      g_assert_nonnull (strstr (pages[p], footer));
    }
  /* every row once, none lost at a page break */
  for (guint i = 1; i <= 200; i++)
    {
      g_autofree char *item = g_strdup_printf ("Room night %u 房费", i);
      const char *hit = strstr (text, item);

      g_assert_nonnull (hit);
      /* "Room night 1 " must not be found inside "Room night 10" etc. */
      g_assert_null (strstr (hit + strlen (item), item));
    }

  /* a smaller sheet needs more pages */
  g_assert_cmpuint (td_document_paginate (doc, 420.0, 595.0), >, n_pages);
}

static void
test_document_png (void)
{
  g_autoptr(TdDocument) doc = sample_document (3);
  g_autofree char *path = td_test_path ("page.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *png;
  guchar *data;
  int stride, dark = 0;

  g_assert_true (td_document_write_png (doc, path, 0, 96, &error));
  g_assert_no_error (error);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 794);   /* 210 mm at 96 dpi */
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 1123);
  /* something is drawn: some pixels are dark */
  cairo_surface_flush (png);
  data = cairo_image_surface_get_data (png);
  stride = cairo_image_surface_get_stride (png);
  for (int y = 0; y < 1123; y += 3)
    for (int x = 0; x < 794; x += 3)
      if ((((guint32 *) (data + y * stride))[x] & 0xff) < 64)
        dark++;
  g_assert_cmpint (dark, >, 200);
  cairo_surface_destroy (png);

  /* no such page: a clear error, no file */
  g_clear_pointer (&path, g_free);
  path = td_test_path ("page-9.png");
  g_assert_false (td_document_write_png (doc, path, 8, 96, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A file that cannot be written is an error naming it, and leaves neither
 * it nor a temporary file behind. */
static void
test_document_write_error (void)
{
  g_autoptr(TdDocument) doc = sample_document (3);
  g_autofree char *dir = td_test_path ("no-such-dir");
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (td_document_write_pdf (doc, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "out.pdf"));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* An empty document is one page with its header and footer. */
static void
test_document_empty (void)
{
  g_autoptr(TdDocument) doc = td_document_new ("Empty");
  g_autofree char *path = td_test_path ("empty.pdf");
  g_autoptr(GError) error = NULL;

  g_assert_true (td_document_write_pdf (doc, path, &error));
  g_assert_cmpuint (td_test_pdf_pages (path), ==, 1);
}

/* The header comes from the workspace's organisation. */
static void
test_document_workspace_header (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("header.tourdesk", TD_PROFILE_HOTEL);
  g_autoptr(TdDocument) doc = td_document_new ("Receipt");
  g_autofree char *path = td_test_path ("receipt.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_document_set_header_from_workspace (doc, db, &error));
  g_assert_no_error (error);
  td_document_add_paragraph (doc, "Paid in full.");
  g_assert_true (td_document_write_pdf (doc, path, &error));
  text = td_test_pdf_text (path);
  g_assert_nonnull (strstr (text, "Paid in full."));
  g_assert_nonnull (strstr (text, "测试酒店"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/pdf-text", test_document_pdf_text);
  g_test_add_func ("/document/pagination", test_document_pagination);
  g_test_add_func ("/document/png", test_document_png);
  g_test_add_func ("/document/write-error", test_document_write_error);
  g_test_add_func ("/document/empty", test_document_empty);
  g_test_add_func ("/document/workspace-header", test_document_workspace_header);

  return g_test_run ();
}
