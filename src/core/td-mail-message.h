/* td-mail-message.h: one e-mail as RFC 5322 bytes, for any SMTP client
 *
 * UTF-8 throughout: display names and the subject as RFC 2047 encoded
 * words (base64, each at most 75 characters, never splitting a
 * character), the body as text/plain; charset=UTF-8 in base64 lines of 76,
 * CRLF line ends. With list_unsubscribe, a List-Unsubscribe header
 * (RFC 2369) of that mailto: or https: address.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *from_name;         /* may be NULL */
  const char *from_address;
  const char *to_name;           /* may be NULL */
  const char *to_address;
  const char *subject;
  const char *body;              /* text; LF or CRLF line ends */
  const char *message_id;        /* without <>; NULL: made up from the from domain */
  gint64      date;              /* unix seconds; 0: now */
  const char *list_unsubscribe;  /* "mailto:…" or "https://…", or NULL */
} TdMailMessage;

/* The message; *message_id (if not NULL) gets the Message-ID used,
 * without <>. */
GBytes *td_mail_message_build        (const TdMailMessage *message,
                                      char               **message_id);
/* An RFC 2047 "encoded word" header value for text (as is when it is
 * printable ASCII without "=?"), folded between words with CRLF SP. */
char   *td_mail_encode_header        (const char          *text);
/* a plausible address: something@domain.tld, no spaces or <> */
gboolean td_mail_address_is_valid    (const char          *address);

G_END_DECLS
