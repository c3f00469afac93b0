/* td-vcard-private.h: shared by the vCard reader (td-vcard.c) and writer
 * (td-vcard-writer.c), for src/core only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads n ASCII digits at text into value; FALSE when one is not a digit. */
gboolean _td_vcard_digits (const char *text,
                           guint       n,
                           guint      *value);

G_END_DECLS
