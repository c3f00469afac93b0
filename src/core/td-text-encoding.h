/* td-text-encoding.h: the encoding of a text file as spreadsheets and
 * phones save it, and the text in UTF-8
 *
 * Detected, in this order: a UTF-8 byte order mark (Excel's “CSV UTF-8”);
 * a UTF-16 byte order mark, little or big endian (Excel's “Unicode text”);
 * UTF-16 without a mark when the text starts with an ASCII character and a
 * zero byte; valid UTF-8; else GB18030, the superset of GBK and GB2312 that
 * Excel on a Chinese Windows writes (code page 936), when every byte
 * converts. Anything else is an error naming the first line that is
 * neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_TEXT_ENCODING_ERROR (td_text_encoding_error_quark ())

typedef enum {
  TD_TEXT_ENCODING_ERROR_UNKNOWN,  /* a forced encoding this system cannot convert */
  TD_TEXT_ENCODING_ERROR_INVALID,  /* bytes that are not text in the encoding: the message names the line */
  TD_TEXT_ENCODING_ERROR_BINARY,   /* zero bytes: not a text file */
} TdTextEncodingError;

GQuark      td_text_encoding_error_quark (void);

/* The name iconv knows for what a user types: “gbk”, “GB2312”, “cp936” and
 * “936” give “GB18030” (it reads their bytes the same way); “utf8” and
 * “UTF-8” give “UTF-8”; “utf-16”, “unicode” and “ucs-2” give “UTF-16”
 * (little endian unless a byte order mark says otherwise); others are
 * upper-cased as they are. NULL when name is empty. */
char       *td_text_encoding_canonical   (const char  *name);

/* Whether this system can read text in the encoding name (any of the
 * names above, or one iconv knows). */
gboolean    td_text_encoding_is_known    (const char  *name);

/* The text of data in UTF-8, NUL-terminated, without its byte order mark,
 * and its length in *length when not NULL. encoding: the file's encoding
 * when the user knows it better (any name iconv knows, see above), or NULL
 * to detect it. *detected (when not NULL) gets the canonical name of the
 * encoding that was used: “UTF-8”, “GB18030”, “UTF-16LE”, “UTF-16BE”, or the
 * forced one; *had_bom whether a byte order mark started the file. */
char       *td_text_decode               (const char  *data,
                                          gsize        length,
                                          const char  *encoding,
                                          gsize       *length_out,
                                          char       **detected,
                                          gboolean    *had_bom,
                                          GError     **error);

/* The line (from 1) of the byte at offset in data, counting LF, CRLF and
 * lone CR as line ends. */
guint       td_text_line_at              (const char  *data,
                                          gsize        offset);

G_END_DECLS
