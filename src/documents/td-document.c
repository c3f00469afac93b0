/* td-document.c: paginated printable documents (A4), drawn with cairo and pango
 *
 * The document is a list of blocks. td_document_paginate() turns them into
 * placements: a block's piece (some lines of a paragraph, some rows of a
 * table) at a vertical position on a page. Rendering draws the placements
 * of one page, then the header and the footer, which need the page count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "td-document.h"

#define MARGIN        (15.0 * 72.0 / 25.4)  /* 15 mm */
#define FONT_FAMILY   "Noto Sans, Noto Sans CJK SC, Sans"
#define BODY_SIZE     10.0
#define CELL_PAD_X    4.0
#define CELL_PAD_Y    3.0
#define BLOCK_GAP     8.0
#define GREY          0.35

typedef enum {
  BLOCK_HEADING,
  BLOCK_SUBHEADING,
  BLOCK_PARAGRAPH,
  BLOCK_NOTE,
  BLOCK_FIELDS,
  BLOCK_TABLE,
  BLOCK_IMAGE,
  BLOCK_SIGNATURES,
  BLOCK_SPACE,
  BLOCK_PAGE_BREAK,
} BlockType;

typedef struct {
  char  **cells;
  gboolean total;
} Row;

typedef struct {
  BlockType type;
  char *text;                 /* heading, paragraph, note */
  GStrv strv;                 /* fields (pairs), signatures (labels), table headers */
  guint n_columns;
  TdDocumentAlign *align;
  double *widths;             /* relative, summing to 1 */
  GPtrArray *rows;            /* Row */
  cairo_surface_t *image;
  double size;                /* image width, space height */
  TdDocumentAlign image_align;

  /* layout, from the last pagination */
  PangoLayout *layout;        /* heading, paragraph, note */
  GPtrArray *cell_layouts;    /* fields: 2 per pair; table: n_columns per row, header first */
  GArray *row_heights;        /* double, per row (fields: per pair; table: header first) */
} Block;

typedef struct {
  guint page;
  double y;
  Block *block;
  int first, last;            /* lines (paragraphs) or rows (fields, tables), inclusive */
  gboolean repeat_header;     /* tables */
} Placement;

struct _TdDocument
{
  GObject parent_instance;

  char *title;
  char *business_name;
  char *business_details;
  cairo_surface_t *logo;

  GPtrArray *blocks;          /* Block */
  Block *open_table;

  /* the last pagination */
  PangoContext *context;
  double width, height;
  guint n_pages;
  GArray *placements;         /* Placement */
  PangoLayout *header_name;
  PangoLayout *header_details;
  double header_height;
};

G_DEFINE_FINAL_TYPE (TdDocument, td_document, G_TYPE_OBJECT)

static void
row_free (gpointer data)
{
  Row *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

static void
block_clear_layout (Block *block)
{
  g_clear_object (&block->layout);
  g_clear_pointer (&block->cell_layouts, g_ptr_array_unref);
  g_clear_pointer (&block->row_heights, g_array_unref);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  block_clear_layout (block);
  g_free (block->text);
  g_strfreev (block->strv);
  g_free (block->align);
  g_free (block->widths);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_clear_pointer (&block->image, cairo_surface_destroy);
  g_free (block);
}

static void
td_document_finalize (GObject *object)
{
  TdDocument *self = TD_DOCUMENT (object);

  g_free (self->title);
  g_free (self->business_name);
  g_free (self->business_details);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  g_ptr_array_unref (self->blocks);
  g_clear_object (&self->context);
  g_clear_pointer (&self->placements, g_array_unref);
  g_clear_object (&self->header_name);
  g_clear_object (&self->header_details);

  G_OBJECT_CLASS (td_document_parent_class)->finalize (object);
}

static void
td_document_class_init (TdDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_document_finalize;
}

static void
td_document_init (TdDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func (block_free);
}

TdDocument *
td_document_new (const char *title)
{
  TdDocument *self = g_object_new (TD_TYPE_DOCUMENT, NULL);

  self->title = g_strdup (title ? title : "");
  return self;
}

const char *
td_document_get_title (TdDocument *self)
{
  g_return_val_if_fail (TD_IS_DOCUMENT (self), NULL);

  return self->title;
}

void
td_document_set_header (TdDocument      *self,
                        const char      *business_name,
                        const char      *business_details,
                        cairo_surface_t *logo)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));

  g_free (self->business_name);
  self->business_name = g_strdup (business_name);
  g_free (self->business_details);
  self->business_details = g_strdup (business_details);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  if (logo != NULL)
    self->logo = cairo_surface_reference (logo);
}

typedef struct {
  const guchar *data;
  gsize len, pos;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->len - reader->pos < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->pos, length);
  reader->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

static const char *
member_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
td_document_set_header_from_workspace (TdDocument  *self,
                                       TdDatabase  *database,
                                       GError     **error)
{
  g_autofree char *org_id = NULL;
  g_autoptr(JsonObject) org = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  static const char * const detail_fields[] = { "address", "phone", "email", "tax_id" };
  cairo_surface_t *logo = NULL;
  const char *encoded;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TD_IS_DATABASE (database), FALSE);

  org_id = td_database_dup_setting (database, TD_SETTING_DEFAULT_ORG);
  if (org_id == NULL)
    return TRUE;
  org = td_database_get_record (database, "organisation", org_id, error);
  if (org == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (detail_fields); i++)
    {
      const char *value = member_text (org, detail_fields[i]);

      if (value == NULL || *value == '\0')
        continue;
      if (details->len > 0)
        g_string_append (details, "  ·  ");
      if (g_str_equal (detail_fields[i], "tax_id"))
        /* TRANSLATORS: in a printed document's header: the business's
         * unified social credit code (tax ID) */
        g_string_append_printf (details, _("Tax ID %s"), value);
      else
        g_string_append (details, value);
    }

  encoded = member_text (org, "logo");
  if (encoded != NULL && *encoded != '\0')
    {
      gsize len = 0;
      g_autofree guchar *bytes = g_base64_decode (encoded, &len);
      PngReader reader = { bytes, len, 0 };

      /* cairo reads PNG only; a logo in another format is left out */
      logo = cairo_image_surface_create_from_png_stream (read_png, &reader);
      if (cairo_surface_status (logo) != CAIRO_STATUS_SUCCESS)
        g_clear_pointer (&logo, cairo_surface_destroy);
    }

  td_document_set_header (self, member_text (org, "name"), details->str, logo);
  g_clear_pointer (&logo, cairo_surface_destroy);
  return TRUE;
}

static Block *
add_block (TdDocument *self,
           BlockType   type)
{
  Block *block = g_new0 (Block, 1);

  g_return_val_if_fail (self->open_table == NULL || type == BLOCK_TABLE, block);
  block->type = type;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
add_text_block (TdDocument *self,
                BlockType   type,
                const char *text)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->open_table == NULL);

  add_block (self, type)->text = g_strdup (text ? text : "");
}

void
td_document_add_heading (TdDocument *self,
                         const char *text)
{
  add_text_block (self, BLOCK_HEADING, text);
}

void
td_document_add_subheading (TdDocument *self,
                            const char *text)
{
  add_text_block (self, BLOCK_SUBHEADING, text);
}

void
td_document_add_paragraph (TdDocument *self,
                           const char *text)
{
  add_text_block (self, BLOCK_PARAGRAPH, text);
}

void
td_document_add_note (TdDocument *self,
                      const char *text)
{
  add_text_block (self, BLOCK_NOTE, text);
}

void
td_document_add_fields (TdDocument         *self,
                        const char * const *pairs)
{
  GPtrArray *strv;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->open_table == NULL);
  g_return_if_fail (pairs != NULL);

  /* a NULL value prints as a dash and ends the list */
  strv = g_ptr_array_new ();
  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      const char *value = pairs[i + 1];

      g_ptr_array_add (strv, g_strdup (pairs[i]));
      g_ptr_array_add (strv, g_strdup (value != NULL && *value != '\0' ? value : "—"));
      if (value == NULL)
        break;
    }
  g_ptr_array_add (strv, NULL);
  add_block (self, BLOCK_FIELDS)->strv = (GStrv) g_ptr_array_free (strv, FALSE);
}

void
td_document_begin_table (TdDocument            *self,
                         guint                  n_columns,
                         const char * const    *headers,
                         const TdDocumentAlign *align,
                         const double          *widths)
{
  Block *block;
  double sum = 0;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->open_table == NULL);
  g_return_if_fail (n_columns > 0 && headers != NULL);

  block = add_block (self, BLOCK_TABLE);
  block->n_columns = n_columns;
  block->strv = g_new0 (char *, n_columns + 1);
  block->align = g_new0 (TdDocumentAlign, n_columns);
  block->widths = g_new0 (double, n_columns);
  block->rows = g_ptr_array_new_with_free_func (row_free);
  for (guint i = 0; i < n_columns; i++)
    {
      block->strv[i] = g_strdup (headers[i] ? headers[i] : "");
      block->align[i] = align ? align[i] : TD_DOCUMENT_ALIGN_START;
      block->widths[i] = widths && widths[i] > 0 ? widths[i] : 1.0;
      sum += block->widths[i];
    }
  for (guint i = 0; i < n_columns; i++)
    block->widths[i] /= sum;
  self->open_table = block;
}

static void
add_row (TdDocument         *self,
         const char * const *cells,
         gboolean            total)
{
  Row *row;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->open_table != NULL);
  g_return_if_fail (cells != NULL);

  row = g_new0 (Row, 1);
  row->total = total;
  row->cells = g_new0 (char *, self->open_table->n_columns + 1);
  for (guint i = 0; i < self->open_table->n_columns; i++)
    row->cells[i] = g_strdup (cells[i] ? cells[i] : "");
  g_ptr_array_add (self->open_table->rows, row);
}

void
td_document_add_row (TdDocument         *self,
                     const char * const *cells)
{
  add_row (self, cells, FALSE);
}

void
td_document_add_table_total (TdDocument         *self,
                             const char * const *cells)
{
  add_row (self, cells, TRUE);
}

void
td_document_end_table (TdDocument *self)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->open_table != NULL);

  self->open_table = NULL;
}

void
td_document_add_image (TdDocument      *self,
                       cairo_surface_t *surface,
                       double           width,
                       TdDocumentAlign  align)
{
  Block *block;

  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->open_table == NULL);
  g_return_if_fail (surface != NULL && width > 0);

  block = add_block (self, BLOCK_IMAGE);
  block->image = cairo_surface_reference (surface);
  block->size = width;
  block->image_align = align;
}

void
td_document_add_signatures (TdDocument         *self,
                            const char * const *labels)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->open_table == NULL);
  g_return_if_fail (labels != NULL && labels[0] != NULL);

  add_block (self, BLOCK_SIGNATURES)->strv = g_strdupv ((char **) labels);
}

void
td_document_add_space (TdDocument *self,
                       double      points)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->open_table == NULL);

  add_block (self, BLOCK_SPACE)->size = MAX (points, 0);
}

void
td_document_add_page_break (TdDocument *self)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->open_table == NULL);

  add_block (self, BLOCK_PAGE_BREAK);
}

/* ------------------------------------------------------------------ */
/* layout                                                              */
/* ------------------------------------------------------------------ */

static PangoLayout *
new_layout (TdDocument *self,
            const char *text,
            double      size,
            gboolean    bold,
            double      width,
            PangoAlignment alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static PangoAlignment
pango_alignment (TdDocumentAlign align)
{
  switch (align)
    {
    case TD_DOCUMENT_ALIGN_END:
      return PANGO_ALIGN_RIGHT;
    case TD_DOCUMENT_ALIGN_CENTER:
      return PANGO_ALIGN_CENTER;
    case TD_DOCUMENT_ALIGN_START:
    default:
      return PANGO_ALIGN_LEFT;
    }
}

static double
text_size (BlockType type)
{
  switch (type)
    {
    case BLOCK_HEADING:
      return 16.0;
    case BLOCK_SUBHEADING:
      return 12.0;
    case BLOCK_NOTE:
      return 8.0;
    case BLOCK_PARAGRAPH:
    case BLOCK_FIELDS:
    case BLOCK_TABLE:
    case BLOCK_IMAGE:
    case BLOCK_SIGNATURES:
    case BLOCK_SPACE:
    case BLOCK_PAGE_BREAK:
    default:
      return BODY_SIZE;
    }
}

typedef struct {
  TdDocument *self;
  guint page;
  double y;
  double top, bottom;
} Cursor;

static void
place_at (Cursor  *cursor,
          double   y,
          Block   *block,
          int      first,
          int      last,
          gboolean repeat_header)
{
  Placement placement = { cursor->page, y, block, first, last, repeat_header };

  g_array_append_val (cursor->self->placements, placement);
}

/* a piece that starts where the cursor is */
static void
place (Cursor  *cursor,
       Block   *block,
       int      first,
       int      last,
       gboolean repeat_header)
{
  place_at (cursor, cursor->y, block, first, last, repeat_header);
}

static void
new_page (Cursor *cursor)
{
  cursor->page++;
  cursor->y = cursor->top;
}

/* Starts a new page when @height does not fit on this one, unless this page
 * is still empty (then the piece is drawn clipped rather than never). */
static void
make_room (Cursor *cursor,
           double  height)
{
  if (cursor->y + height > cursor->bottom && cursor->y > cursor->top)
    new_page (cursor);
}

static void
layout_text_block (Cursor *cursor,
                   Block  *block,
                   double  content_width)
{
  TdDocument *self = cursor->self;
  gboolean bold = block->type == BLOCK_HEADING || block->type == BLOCK_SUBHEADING;
  PangoLayoutIter *iter;
  int first = 0, line = 0;
  double start_y = -1;

  block->layout = new_layout (self, block->text, text_size (block->type), bold,
                              content_width, PANGO_ALIGN_LEFT);

  /* headings stay with what follows them */
  if (bold)
    make_room (cursor, layout_height (block->layout) + 3 * BODY_SIZE);

  iter = pango_layout_get_iter (block->layout);
  do
    {
      PangoRectangle logical;
      double top, bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      if (start_y < 0)
        start_y = top;
      if (cursor->y + (bottom - start_y) > cursor->bottom && line > first)
        {
          place (cursor, block, first, line - 1, FALSE);
          new_page (cursor);
          first = line;
          start_y = top;
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  {
    double end = layout_height (block->layout);

    place (cursor, block, first, line - 1, FALSE);
    cursor->y += end - start_y;
  }
}

/* Rows of cells: fields (2 columns, label and value) or a table. */
static void
layout_rows (Cursor *cursor,
             Block  *block,
             double  content_width)
{
  TdDocument *self = cursor->self;
  gboolean table = block->type == BLOCK_TABLE;
  guint n_columns = table ? block->n_columns : 2;
  guint n_rows = table ? block->rows->len + 1 : g_strv_length (block->strv) / 2;
  double header_height = 0, piece_y;
  int first;

  block->cell_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  block->row_heights = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < n_rows; r++)
    {
      double height = 0;

      for (guint c = 0; c < n_columns; c++)
        {
          double column_width;
          const char *text;
          gboolean bold;
          PangoAlignment alignment = PANGO_ALIGN_LEFT;
          PangoLayout *layout;

          if (table)
            {
              Row *row = r > 0 ? g_ptr_array_index (block->rows, r - 1) : NULL;

              column_width = content_width * block->widths[c];
              text = row ? row->cells[c] : block->strv[c];
              bold = row == NULL || row->total;
              alignment = pango_alignment (block->align[c]);
            }
          else
            {
              column_width = content_width * (c == 0 ? 0.32 : 0.68);
              text = block->strv[2 * r + c];
              bold = FALSE;
            }
          layout = new_layout (self, text, BODY_SIZE, bold, column_width - 2 * CELL_PAD_X, alignment);
          height = MAX (height, layout_height (layout));
          g_ptr_array_add (block->cell_layouts, layout);
        }
      height += 2 * CELL_PAD_Y;
      g_array_append_val (block->row_heights, height);
    }

  if (table)
    header_height = g_array_index (block->row_heights, double, 0);

  /* a table starts where its header and first row fit */
  first = table ? 1 : 0;
  if (table)
    {
      double first_row = n_rows > 1 ? g_array_index (block->row_heights, double, 1) : 0;

      make_room (cursor, header_height + first_row);
      cursor->y += header_height;
    }

  piece_y = cursor->y;
  for (guint r = first; r < n_rows; r++)
    {
      double height = g_array_index (block->row_heights, double, r);

      if (cursor->y + height > cursor->bottom && (int) r > first)
        {
          place_at (cursor, piece_y, block, first, r - 1, table);
          new_page (cursor);
          if (table)
            cursor->y += header_height;
          piece_y = cursor->y;
          first = r;
        }
      cursor->y += height;
    }
  if ((int) n_rows > first || (table && n_rows == 1))
    place_at (cursor, piece_y, block, first, n_rows - 1, table);
}

static double
image_height (Block *block)
{
  int w = cairo_image_surface_get_width (block->image);
  int h = cairo_image_surface_get_height (block->image);

  if (cairo_surface_get_type (block->image) != CAIRO_SURFACE_TYPE_IMAGE || w <= 0)
    return block->size;
  return block->size * h / w;
}

#define SIGNATURE_HEIGHT (40.0 + BODY_SIZE * 1.6)

static void
layout_header (TdDocument *self,
               double      content_width)
{
  g_clear_object (&self->header_name);
  g_clear_object (&self->header_details);
  self->header_height = 0;

  if (self->business_name != NULL && *self->business_name != '\0')
    {
      self->header_name = new_layout (self, self->business_name, 13.0, TRUE,
                                      content_width * 0.7, PANGO_ALIGN_LEFT);
      self->header_height += layout_height (self->header_name);
    }
  if (self->business_details != NULL && *self->business_details != '\0')
    {
      self->header_details = new_layout (self, self->business_details, 8.0, FALSE,
                                         content_width * 0.7, PANGO_ALIGN_LEFT);
      self->header_height += layout_height (self->header_details);
    }
  if (self->logo != NULL)
    self->header_height = MAX (self->header_height, 36.0);
  if (self->header_height > 0)
    self->header_height += 10.0;  /* the rule under it and a gap */
}

guint
td_document_paginate (TdDocument *self,
                      double      width,
                      double      height)
{
  g_autoptr(PangoFontMap) font_map = NULL;
  cairo_font_options_t *options;
  double content_width = width - 2 * MARGIN;
  Cursor cursor = { self, 0, 0, 0, 0 };

  g_return_val_if_fail (TD_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (self->open_table == NULL, 0);
  g_return_val_if_fail (width > 4 * MARGIN && height > 4 * MARGIN, 0);

  /* our own font map and context: usable from any thread, and a layout
   * measures the same whatever surface it is drawn on */
  g_clear_object (&self->context);
  font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->width = width;
  self->height = height;
  g_clear_pointer (&self->placements, g_array_unref);
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));

  layout_header (self, content_width);
  cursor.top = MARGIN + self->header_height;
  cursor.bottom = height - MARGIN - 2 * BODY_SIZE;  /* the footer */
  cursor.y = cursor.top;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      block_clear_layout (block);
      if (i > 0 && cursor.y > cursor.top && block->type != BLOCK_SPACE && block->type != BLOCK_PAGE_BREAK)
        cursor.y += block->type == BLOCK_HEADING || block->type == BLOCK_SUBHEADING ? 1.5 * BLOCK_GAP : BLOCK_GAP;

      switch (block->type)
        {
        case BLOCK_HEADING:
        case BLOCK_SUBHEADING:
        case BLOCK_PARAGRAPH:
        case BLOCK_NOTE:
          layout_text_block (&cursor, block, content_width);
          break;

        case BLOCK_FIELDS:
        case BLOCK_TABLE:
          layout_rows (&cursor, block, content_width);
          break;

        case BLOCK_IMAGE:
          make_room (&cursor, image_height (block));
          place (&cursor, block, 0, 0, FALSE);
          cursor.y += image_height (block);
          break;

        case BLOCK_SIGNATURES:
          make_room (&cursor, SIGNATURE_HEIGHT);
          block->cell_layouts = g_ptr_array_new_with_free_func (g_object_unref);
          for (guint s = 0; block->strv[s] != NULL; s++)
            {
              double column = content_width / g_strv_length (block->strv);

              g_ptr_array_add (block->cell_layouts,
                               new_layout (self, block->strv[s], BODY_SIZE, FALSE,
                                           column - 24.0, PANGO_ALIGN_LEFT));
            }
          place (&cursor, block, 0, 0, FALSE);
          cursor.y += SIGNATURE_HEIGHT;
          break;

        case BLOCK_SPACE:
          cursor.y = MIN (cursor.y + block->size, cursor.bottom);
          break;

        case BLOCK_PAGE_BREAK:
          if (cursor.y > cursor.top)
            new_page (&cursor);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  self->n_pages = cursor.page + 1;
  return self->n_pages;
}

/* ------------------------------------------------------------------ */
/* drawing                                                             */
/* ------------------------------------------------------------------ */

static void
draw_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_text_placement (TdDocument *self,
                     cairo_t    *cr,
                     Placement  *placement)
{
  PangoLayoutIter *iter = pango_layout_get_iter (placement->block->layout);
  gboolean grey = placement->block->type == BLOCK_NOTE;
  double start_y = -1;
  int line = 0;

  cairo_save (cr);
  if (grey)
    cairo_set_source_rgb (cr, GREY, GREY, GREY);
  do
    {
      if (line >= placement->first && line <= placement->last)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          if (start_y < 0)
            start_y = (double) logical.y / PANGO_SCALE;
          cairo_move_to (cr, MARGIN + (double) logical.x / PANGO_SCALE,
                         placement->y + (double) baseline / PANGO_SCALE - start_y);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (line <= placement->last && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cairo_restore (cr);
}

static void
hline (cairo_t *cr,
       double   x0,
       double   x1,
       double   y,
       double   width,
       double   grey)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_row (TdDocument *self,
          cairo_t    *cr,
          Block      *block,
          guint       r,
          double      y)
{
  gboolean table = block->type == BLOCK_TABLE;
  guint n_columns = table ? block->n_columns : 2;
  double content_width = self->width - 2 * MARGIN;
  double x = MARGIN;

  for (guint c = 0; c < n_columns; c++)
    {
      PangoLayout *layout = g_ptr_array_index (block->cell_layouts, r * n_columns + c);
      double column_width = table ? content_width * block->widths[c] : content_width * (c == 0 ? 0.32 : 0.68);

      cairo_save (cr);
      if (!table && c == 0)
        cairo_set_source_rgb (cr, GREY, GREY, GREY);
      draw_layout_at (cr, layout, x + CELL_PAD_X, y + CELL_PAD_Y);
      cairo_restore (cr);
      x += column_width;
    }
}

static void
draw_rows_placement (TdDocument *self,
                     cairo_t    *cr,
                     Placement  *placement)
{
  Block *block = placement->block;
  gboolean table = block->type == BLOCK_TABLE;
  double right = self->width - MARGIN;
  double y = placement->y;

  if (table)
    {
      double header_height = g_array_index (block->row_heights, double, 0);

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
      cairo_rectangle (cr, MARGIN, y - header_height, right - MARGIN, header_height);
      cairo_fill (cr);
      cairo_restore (cr);
      draw_row (self, cr, block, 0, y - header_height);
      hline (cr, MARGIN, right, y, 0.8, 0.2);
    }

  for (int r = placement->first; r <= placement->last; r++)
    {
      double height = g_array_index (block->row_heights, double, r);

      if (table && r == 0)
        continue;
      if (table)
        {
          Row *row = g_ptr_array_index (block->rows, r - 1);

          if (row->total)
            hline (cr, MARGIN, right, y, 0.8, 0.2);
        }
      draw_row (self, cr, block, r, y);
      y += height;
      if (table)
        hline (cr, MARGIN, right, y, 0.3, 0.7);
    }
}

static void
draw_image (TdDocument *self,
            cairo_t    *cr,
            Placement  *placement)
{
  Block *block = placement->block;
  double content_width = self->width - 2 * MARGIN;
  double x = MARGIN;
  int w = cairo_image_surface_get_width (block->image);
  cairo_pattern_t *pattern;

  if (block->image_align == TD_DOCUMENT_ALIGN_CENTER)
    x += (content_width - block->size) / 2;
  else if (block->image_align == TD_DOCUMENT_ALIGN_END)
    x += content_width - block->size;

  if (w <= 0)
    return;

  cairo_save (cr);
  cairo_translate (cr, x, placement->y);
  cairo_scale (cr, block->size / w, block->size / w);
  cairo_set_source_surface (cr, block->image, 0, 0);
  pattern = cairo_get_source (cr);
  /* a QR code's modules must stay sharp squares */
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_signatures (TdDocument *self,
                 cairo_t    *cr,
                 Placement  *placement)
{
  Block *block = placement->block;
  guint n = block->cell_layouts->len;
  double column = (self->width - 2 * MARGIN) / n;

  for (guint s = 0; s < n; s++)
    {
      double x = MARGIN + s * column;

      hline (cr, x, x + column - 24.0, placement->y + 40.0, 0.6, 0.1);
      cairo_save (cr);
      cairo_set_source_rgb (cr, GREY, GREY, GREY);
      draw_layout_at (cr, g_ptr_array_index (block->cell_layouts, s), x, placement->y + 43.0);
      cairo_restore (cr);
    }
}

static void
draw_header_footer (TdDocument *self,
                    cairo_t    *cr,
                    guint       page)
{
  double content_width = self->width - 2 * MARGIN;
  double y = MARGIN;
  g_autofree char *footer_text = NULL;
  g_autoptr(PangoLayout) footer = NULL;

  if (self->header_name != NULL)
    {
      draw_layout_at (cr, self->header_name, MARGIN, y);
      y += layout_height (self->header_name);
    }
  if (self->header_details != NULL)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, GREY, GREY, GREY);
      draw_layout_at (cr, self->header_details, MARGIN, y);
      cairo_restore (cr);
    }
  if (self->logo != NULL && cairo_image_surface_get_width (self->logo) > 0)
    {
      double w = cairo_image_surface_get_width (self->logo);
      double h = cairo_image_surface_get_height (self->logo);
      double scale = MIN (36.0 / h, content_width * 0.25 / w);

      cairo_save (cr);
      cairo_translate (cr, self->width - MARGIN - w * scale, MARGIN);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, self->logo, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  if (self->header_height > 0)
    hline (cr, MARGIN, self->width - MARGIN, MARGIN + self->header_height - 5.0, 0.6, 0.4);

  /* TRANSLATORS: the footer of a printed page: the document's title, then
   * the page number and the number of pages */
  footer_text = g_strdup_printf (_("%s — page %u of %u"), self->title, page + 1, self->n_pages);
  footer = new_layout (self, footer_text, 8.0, FALSE, content_width, PANGO_ALIGN_RIGHT);
  cairo_save (cr);
  cairo_set_source_rgb (cr, GREY, GREY, GREY);
  draw_layout_at (cr, footer, MARGIN, self->height - MARGIN - layout_height (footer));
  cairo_restore (cr);
}

void
td_document_render_page (TdDocument *self,
                         cairo_t    *cr,
                         guint       page)
{
  g_return_if_fail (TD_IS_DOCUMENT (self));
  g_return_if_fail (self->placements != NULL);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_header_footer (self, cr, page);

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *placement = &g_array_index (self->placements, Placement, i);

      if (placement->page != page)
        continue;

      switch (placement->block->type)
        {
        case BLOCK_HEADING:
        case BLOCK_SUBHEADING:
        case BLOCK_PARAGRAPH:
        case BLOCK_NOTE:
          draw_text_placement (self, cr, placement);
          break;
        case BLOCK_FIELDS:
        case BLOCK_TABLE:
          draw_rows_placement (self, cr, placement);
          break;
        case BLOCK_IMAGE:
          draw_image (self, cr, placement);
          break;
        case BLOCK_SIGNATURES:
          draw_signatures (self, cr, placement);
          break;
        case BLOCK_SPACE:
        case BLOCK_PAGE_BREAK:
        default:
          break;
        }
    }
  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* files                                                               */
/* ------------------------------------------------------------------ */

static gboolean
surface_error (cairo_status_t status,
               const char    *path,
               GError       **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR,
               status == CAIRO_STATUS_WRITE_ERROR ? G_IO_ERROR_FAILED : G_IO_ERROR_INVALID_DATA,
               _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

static char *
temporary_path (const char *path)
{
  return g_strdup_printf ("%s.%u.tmp", path, g_random_int ());
}

static gboolean
finish_file (const char *temp,
             const char *path,
             gboolean    ok,
             GError    **error)
{
  if (ok && g_rename (temp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (temp);
  return ok;
}

gboolean
td_document_write_pdf (TdDocument  *self,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *temp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n_pages;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  temp = temporary_path (path);
  surface = cairo_pdf_surface_create (temp, TD_DOCUMENT_A4_WIDTH, TD_DOCUMENT_A4_HEIGHT);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return finish_file (temp, path, surface_error (status, path, error), error);
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tourdesk");

  n_pages = td_document_paginate (self, TD_DOCUMENT_A4_WIDTH, TD_DOCUMENT_A4_HEIGHT);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      td_document_render_page (self, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return finish_file (temp, path, surface_error (status, path, error), error);
}

gboolean
td_document_write_png (TdDocument  *self,
                       const char  *path,
                       guint        page,
                       double       dpi,
                       GError     **error)
{
  g_autofree char *temp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double scale;
  guint n_pages;

  g_return_val_if_fail (TD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (dpi >= 24 && dpi <= 1200, FALSE);

  n_pages = td_document_paginate (self, TD_DOCUMENT_A4_WIDTH, TD_DOCUMENT_A4_HEIGHT);
  if (page >= n_pages)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The document has no page %u: it has %u."), page + 1, n_pages);
      return FALSE;
    }

  scale = dpi / 72.0;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) ceil (TD_DOCUMENT_A4_WIDTH * scale),
                                        (int) ceil (TD_DOCUMENT_A4_HEIGHT * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  td_document_render_page (self, cr, page);
  status = cairo_status (cr);
  cairo_destroy (cr);

  temp = temporary_path (path);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, temp);
  cairo_surface_destroy (surface);

  return finish_file (temp, path, surface_error (status, path, error), error);
}
