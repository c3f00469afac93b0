/* td-ticket-voucher.h: an e-ticket's voucher: what, when, for whom, and its code as a QR code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "td-document.h"
#include "td-tickets.h"

G_BEGIN_DECLS

/* The code as a QR code (libqrencode, error correction M, 4 modules of
 * quiet zone), one pixel per module, black on white: scale it without
 * smoothing. NULL with error when the text does not fit a QR code. */
cairo_surface_t *td_ticket_qr_surface      (const char     *text,
                                            GError        **error);

/* The voucher of a ticket: the attraction, date and time slot, the type
 * and price, the holder, the code as text and as a QR code. */
TdDocument      *td_ticket_voucher_new     (TdDatabase     *db,
                                            const TdTicket *ticket,
                                            GError        **error);
/* The vouchers of several tickets (TdTicket), one page each. */
TdDocument      *td_ticket_vouchers_new    (TdDatabase     *db,
                                            GPtrArray      *tickets,
                                            GError        **error);
/* Writes it to path: PDF, or PNG (one page at 150 dpi) when path ends
 * in .png. */
gboolean         td_ticket_voucher_write   (TdDatabase     *db,
                                            const TdTicket *ticket,
                                            const char     *path,
                                            GError        **error);

G_END_DECLS
