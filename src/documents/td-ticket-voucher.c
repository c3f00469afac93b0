/* td-ticket-voucher.c: an e-ticket's voucher (see the header)
 *
 * libqrencode draws the QR code: it is the encoder Debian ships (4.1.1),
 * small, C, maintained for years, and nothing in GTK or cairo makes QR
 * codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <qrencode.h>
#include <string.h>

#include "td-ticket-voucher.h"

#define QUIET_ZONE 4   /* modules of white around the symbol (ISO/IEC 18004) */

cairo_surface_t *
td_ticket_qr_surface (const char  *text,
                      GError     **error)
{
  QRcode *qr;
  cairo_surface_t *surface;
  unsigned char *pixels;
  int size, stride;

  g_return_val_if_fail (text != NULL, NULL);

  /* upper-case base32 is all in the alphanumeric set: QR_MODE_8 with case
   * sensitivity lets the encoder pick the densest mode itself */
  qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The ticket code does not fit a QR code: %s"), g_strerror (saved));
      return NULL;
    }
  size = qr->width + 2 * QUIET_ZONE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < size; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (pixels + y * stride);

      for (int x = 0; x < size; x++)
        {
          int mx = x - QUIET_ZONE, my = y - QUIET_ZONE;
          gboolean dark = mx >= 0 && my >= 0 && mx < qr->width && my < qr->width
                          && (qr->data[my * qr->width + mx] & 1);

          row[x] = dark ? 0x000000 : 0xffffff;
        }
    }
  cairo_surface_mark_dirty (surface);
  QRcode_free (qr);
  return surface;
}

/* the code in groups of four, for reading out or typing by hand */
static char *
group_code (const char *code)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; code[i]; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, i % 48 == 0 ? '\n' : ' ');
      g_string_append_c (out, code[i]);
    }
  return g_string_free (out, FALSE);
}

/* one ticket's voucher, from the current position */
static gboolean
add_voucher (TdDocument      *doc,
             const TdTicket  *ticket,
             GError         **error)
{
  cairo_surface_t *qr;
  g_autofree char *title = NULL, *slot = NULL, *price = NULL, *grouped = NULL, *number = NULL;
  const char *pairs[16];
  guint n = 0;

  qr = td_ticket_qr_surface (ticket->code, error);
  if (qr == NULL)
    return FALSE;

  /* Translators: the title of a ticket's voucher: the attraction */
  title = g_strdup_printf (_("E-ticket: %s"), ticket->attraction);
  td_document_add_heading (doc, title);

  slot = ticket->end_time ? g_strdup_printf ("%s–%s", ticket->start_time, ticket->end_time)
                          : g_strdup (ticket->start_time);
  price = td_money_format (&ticket->price);
  number = g_strndup (ticket->id, 8);
  pairs[n++] = _("Attraction");
  pairs[n++] = ticket->attraction;
  pairs[n++] = _("Date");
  pairs[n++] = ticket->date;
  pairs[n++] = _("Time slot");
  pairs[n++] = slot;
  pairs[n++] = _("Ticket type");
  pairs[n++] = td_ticket_type_get_label (ticket->type);
  pairs[n++] = _("Price");
  pairs[n++] = price;
  pairs[n++] = _("Holder");
  pairs[n++] = ticket->holder ? ticket->holder : _("Not named");
  pairs[n++] = _("Ticket number");
  pairs[n++] = number;
  pairs[n++] = NULL;
  td_document_add_fields (doc, pairs);

  td_document_add_space (doc, 12);
  td_document_add_image (doc, qr, 200, TD_DOCUMENT_ALIGN_CENTER);
  cairo_surface_destroy (qr);
  td_document_add_space (doc, 8);
  grouped = group_code (ticket->code);
  td_document_add_note (doc, grouped);
  td_document_add_space (doc, 8);
  td_document_add_paragraph (doc, _("Show this code at the entrance. It lets one person in once, "
                                    "on the date and in the time slot above."));
  if (g_strcmp0 (ticket->state, "void") == 0)
    td_document_add_paragraph (doc, _("This ticket has been cancelled and is no longer valid."));
  return TRUE;
}

static TdDocument *
new_document (TdDatabase *db,
              const char *title)
{
  TdDocument *doc = td_document_new (title);

  if (db && !td_document_set_header_from_workspace (doc, db, NULL))
    g_debug ("The voucher has no business header");
  return doc;
}

TdDocument *
td_ticket_voucher_new (TdDatabase      *db,
                       const TdTicket  *ticket,
                       GError         **error)
{
  g_autofree char *title = NULL;
  g_autoptr(TdDocument) doc = NULL;

  g_return_val_if_fail (ticket != NULL, NULL);

  title = g_strdup_printf (_("E-ticket: %s"), ticket->attraction);
  doc = new_document (db, title);
  if (!add_voucher (doc, ticket, error))
    return NULL;
  return g_steal_pointer (&doc);
}

TdDocument *
td_ticket_vouchers_new (TdDatabase  *db,
                        GPtrArray   *tickets,
                        GError     **error)
{
  g_autoptr(TdDocument) doc = NULL;
  g_autofree char *title = NULL;
  const TdTicket *first;

  g_return_val_if_fail (tickets != NULL && tickets->len > 0, NULL);

  first = g_ptr_array_index (tickets, 0);
  /* Translators: the title of the vouchers of a sale: the attraction, the date */
  title = g_strdup_printf (_("E-tickets: %s %s"), first->attraction, first->date);
  doc = new_document (db, title);
  for (guint i = 0; i < tickets->len; i++)
    {
      if (i > 0)
        td_document_add_page_break (doc);
      if (!add_voucher (doc, g_ptr_array_index (tickets, i), error))
        return NULL;
    }
  return g_steal_pointer (&doc);
}

gboolean
td_ticket_voucher_write (TdDatabase      *db,
                         const TdTicket  *ticket,
                         const char      *path,
                         GError         **error)
{
  g_autoptr(TdDocument) doc = td_ticket_voucher_new (db, ticket, error);
  g_autofree char *lower = NULL;

  if (doc == NULL)
    return FALSE;
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    return td_document_write_png (doc, path, 0, 150, error);
  return td_document_write_pdf (doc, path, error);
}
