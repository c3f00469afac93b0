/* td-csv.h: comma-separated values as spreadsheets write them (RFC 4180)
 *
 * Reading: fields quoted with “"” may hold the delimiter, line ends and
 * “""” (one quote); records end with CRLF, LF or a lone CR; the delimiter
 * (comma, semicolon or tab) is taken from the first line, or from an
 * Excel “sep=;” line before it. Records whose fields are all blank (the
 * empty lines and “,,,,” rows spreadsheets leave) are skipped. Each record
 * knows the line it starts on, for messages. Being lenient where
 * spreadsheets are (a quote inside an unquoted field is a quote; text
 * after a closing quote is kept), the one error is a quoted field that is
 * never closed: the message names the line where it opened.
 *
 * Writing: a byte order mark first (so that Excel reads UTF-8), CRLF line
 * ends, quotes only where needed, and a guard against formula injection: a
 * value that a spreadsheet would run as a formula gets a leading “'”.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_CSV_ERROR (td_csv_error_quark ())

typedef enum {
  TD_CSV_ERROR_UNTERMINATED,  /* a quoted field never closed */
} TdCsvError;

GQuark       td_csv_error_quark          (void);

#define TD_CSV_BOM "\xef\xbb\xbf"

typedef struct _TdCsvReader TdCsvReader;

/* A reader of text (UTF-8, without a byte order mark; it must outlive the
 * reader). delimiter: ',', ';' or '\t', or 0 to detect it. */
TdCsvReader *td_csv_reader_new           (const char   *text,
                                          gsize         length,
                                          char          delimiter);
void         td_csv_reader_free          (TdCsvReader  *self);
char         td_csv_reader_get_delimiter (TdCsvReader  *self);

/* Reads the next record: TRUE when there is one; FALSE at the end (error
 * not set) or for an unterminated quote (error set). */
gboolean     td_csv_reader_next          (TdCsvReader  *self,
                                          GError      **error);
/* The current record: the line (from 1) it starts on, its fields (owned
 * by the reader, valid until the next call; embedded line ends as "\n"). */
guint        td_csv_reader_get_line      (TdCsvReader  *self);
guint        td_csv_reader_get_n_fields  (TdCsvReader  *self);
/* NULL-terminated */
const char * const *td_csv_reader_get_fields (TdCsvReader *self);
/* How far the reader is in text, in bytes (for progress). */
gsize        td_csv_reader_get_position  (TdCsvReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCsvReader, td_csv_reader_free)

/* Appends one record: values (n of them, NULL as empty) separated by
 * delimiter, quoted where needed, guarded, and CRLF. */
void         td_csv_append_record        (GString            *out,
                                          const char * const *values,
                                          guint               n,
                                          char                delimiter);

/* TRUE when a spreadsheet would take value for a formula: it starts with
 * =, @, a tab or a carriage return, or with + or - not followed by a
 * number (a phone such as +86 138 0013 8000 or an amount such as -15 is
 * left as it is). */
gboolean     td_csv_needs_formula_guard  (const char         *value);
/* value without the “'” td_csv_append_record() put before it; value
 * itself otherwise. */
const char  *td_csv_unguard              (const char         *value);

G_END_DECLS
