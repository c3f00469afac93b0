/* td-text-encoding.c: the encoding of a text file, and its text in UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-text-encoding.h"

G_DEFINE_QUARK (td-text-encoding-error-quark, td_text_encoding_error)

char *
td_text_encoding_canonical (const char *name)
{
  static const struct {
    const char *alias;
    const char *name;
  } aliases[] = {
    { "GBK", "GB18030" }, { "GB2312", "GB18030" }, { "GB-2312", "GB18030" }, { "EUC-CN", "GB18030" },
    { "CP936", "GB18030" }, { "936", "GB18030" }, { "WINDOWS-936", "GB18030" }, { "MS936", "GB18030" },
    { "GB18030", "GB18030" }, { "GB-18030", "GB18030" }, { "ANSI", "GB18030" },
    { "UTF8", "UTF-8" }, { "UTF-8", "UTF-8" }, { "UTF-8-BOM", "UTF-8" }, { "UTF8-BOM", "UTF-8" },
    { "UTF-16", "UTF-16" }, { "UTF16", "UTF-16" }, { "UNICODE", "UTF-16" }, { "UCS-2", "UTF-16" },
    { "UTF-16LE", "UTF-16LE" }, { "UTF16LE", "UTF-16LE" }, { "UCS-2LE", "UTF-16LE" },
    { "UTF-16BE", "UTF-16BE" }, { "UTF16BE", "UTF-16BE" }, { "UCS-2BE", "UTF-16BE" },
    { "BIG5", "BIG5" }, { "BIG-5", "BIG5" }, { "CP950", "BIG5" },
  };
  g_autofree char *upper = NULL;

  if (name == NULL)
    return NULL;
  upper = g_ascii_strup (name, -1);
  g_strstrip (upper);
  if (*upper == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (upper, aliases[i].alias))
      return g_strdup (aliases[i].name);
  return g_steal_pointer (&upper);
}

gboolean
td_text_encoding_is_known (const char *name)
{
  g_autofree char *canonical = td_text_encoding_canonical (name);
  GIConv converter;

  if (canonical == NULL)
    return FALSE;
  if (g_str_equal (canonical, "UTF-16"))
    return TRUE;
  converter = g_iconv_open ("UTF-8", canonical);
  if (converter == (GIConv) -1)
    return FALSE;
  g_iconv_close (converter);
  return TRUE;
}

guint
td_text_line_at (const char *data,
                 gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset && data[i]; i++)
    if (data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n'))
      line++;
  return line;
}

/* The same, counting in UTF-16 code units. */
static guint
line_at_utf16 (const char *data,
               gsize       offset,
               gboolean    big_endian)
{
  guint line = 1;

  for (gsize i = 0; i + 1 < offset; i += 2)
    {
      guint unit = big_endian ? ((guchar) data[i] << 8 | (guchar) data[i + 1])
                              : ((guchar) data[i + 1] << 8 | (guchar) data[i]);
      guint next = 0;

      if (i + 3 < offset)
        next = big_endian ? ((guchar) data[i + 2] << 8 | (guchar) data[i + 3])
                          : ((guchar) data[i + 3] << 8 | (guchar) data[i + 2]);
      if (unit == '\n' || (unit == '\r' && next != '\n'))
        line++;
    }
  return line;
}

/* A workbook rather than text: the clerk picked the .xlsx, not the CSV. */
static gboolean
check_not_workbook (const char  *data,
                    gsize        length,
                    GError     **error)
{
  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      g_set_error_literal (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_BINARY,
                           _("This is an Excel workbook (.xlsx) or another zipped file, not a CSV file: in Excel, use “Save As” and choose “CSV UTF-8”."));
      return FALSE;
    }
  if (length >= 8 && memcmp (data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
    {
      g_set_error_literal (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_BINARY,
                           _("This is an old Excel workbook (.xls), not a CSV file: in Excel, use “Save As” and choose “CSV UTF-8”."));
      return FALSE;
    }
  return TRUE;
}

/* Drops a leading U+FEFF (g_convert keeps the mark some encodings have). */
static void
drop_bom (char  *text,
          gsize *length)
{
  if (*length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      memmove (text, text + 3, *length - 3 + 1);
      *length -= 3;
    }
}

/* text has no zero byte, or the error names its line. */
static gboolean
check_no_zero (const char  *text,
               gsize        length,
               GError     **error)
{
  const char *zero = memchr (text, '\0', length);

  if (zero == NULL)
    return TRUE;
  g_set_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_BINARY,
               _("Line %u: the file holds a zero byte, which text never does: it is not a text file, or its encoding is not the one chosen"),
               td_text_line_at (text, (gsize) (zero - text)));
  return FALSE;
}

static char *
decode_utf16 (const char  *data,
              gsize        length,
              gboolean     big_endian,
              gsize       *length_out,
              GError     **error)
{
  g_autoptr(GError) convert_error = NULL;
  gsize bytes_read = 0, written = 0;
  char *text;

  /* with bytes_read, g_convert stops at a cut character without an error */
  text = g_convert (data, (gssize) length, "UTF-8", big_endian ? "UTF-16BE" : "UTF-16LE",
                    &bytes_read, &written, &convert_error);
  if (text == NULL || bytes_read != length)
    {
      g_free (text);
      g_set_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_INVALID,
                   _("Line %u: the file is not valid UTF-16 text there"),
                   line_at_utf16 (data, bytes_read, big_endian));
      return NULL;
    }
  drop_bom (text, &written);
  if (!check_no_zero (text, written, error))
    {
      g_free (text);
      return NULL;
    }
  *length_out = written;
  return text;
}

/* data as UTF-8, or the error names the line of the first bad byte. */
static char *
decode_utf8 (const char  *data,
             gsize        length,
             gboolean     had_bom,
             gsize       *length_out,
             GError     **error)
{
  const char *end = NULL;

  if (!g_utf8_validate_len (data, length, &end))
    {
      if (*end == '\0')
        {
          check_no_zero (data, length, error);
          return NULL;
        }
      g_set_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_INVALID,
                   had_bom
                   ? _("Line %u: the file starts as UTF-8 text (with a byte order mark) but is not valid UTF-8 there")
                   : _("Line %u: the file is not valid UTF-8 text there"),
                   td_text_line_at (data, (gsize) (end - data)));
      return NULL;
    }
  *length_out = length;
  return g_strndup (data, length);
}

/* With an encoding iconv knows; FALSE with bytes_bad set when a byte does
 * not convert, with an error when iconv does not know the encoding. */
static char *
decode_with (const char  *data,
             gsize        length,
             const char  *encoding,
             gsize       *length_out,
             gsize       *bytes_bad,
             GError     **error)
{
  g_autoptr(GError) convert_error = NULL;
  gsize bytes_read = 0, written = 0;
  char *text;

  text = g_convert (data, (gssize) length, "UTF-8", encoding, &bytes_read, &written, &convert_error);
  if (text == NULL || bytes_read != length)
    {
      g_clear_pointer (&text, g_free);
      if (g_error_matches (convert_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        g_set_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_UNKNOWN,
                     _("“%s” is not an encoding this system can read; try UTF-8, GB18030 or UTF-16"),
                     encoding);
      *bytes_bad = bytes_read;
      return NULL;
    }
  drop_bom (text, &written);
  *length_out = written;
  return text;
}

static char *
decode_forced (const char  *data,
               gsize        length,
               const char  *encoding,
               gsize       *length_out,
               char       **detected,
               gboolean    *had_bom,
               GError     **error)
{
  gboolean le_bom = length >= 2 && memcmp (data, "\xff\xfe", 2) == 0;
  gboolean be_bom = length >= 2 && memcmp (data, "\xfe\xff", 2) == 0;
  g_autoptr(GError) local_error = NULL;
  gsize bytes_bad = 0;
  char *text;

  *detected = g_strdup (encoding);
  if (g_str_equal (encoding, "UTF-8"))
    {
      *had_bom = length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0;
      if (*had_bom)
        return decode_utf8 (data + 3, length - 3, TRUE, length_out, error);
      return decode_utf8 (data, length, FALSE, length_out, error);
    }
  if (g_str_has_prefix (encoding, "UTF-16"))
    {
      gboolean big_endian = g_str_equal (encoding, "UTF-16BE") || (g_str_equal (encoding, "UTF-16") && be_bom);

      *had_bom = big_endian ? be_bom : le_bom;
      g_free (*detected);
      *detected = g_strdup (big_endian ? "UTF-16BE" : "UTF-16LE");
      if (*had_bom)
        return decode_utf16 (data + 2, length - 2, big_endian, length_out, error);
      return decode_utf16 (data, length, big_endian, length_out, error);
    }

  text = decode_with (data, length, encoding, length_out, &bytes_bad, &local_error);
  if (text == NULL)
    {
      if (local_error)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_INVALID,
                     _("Line %u: the file is not %s text there"),
                     td_text_line_at (data, bytes_bad), encoding);
      return NULL;
    }
  if (!check_no_zero (text, *length_out, error))
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
decode_detect (const char  *data,
               gsize        length,
               gsize       *length_out,
               char       **detected,
               gboolean    *had_bom,
               GError     **error)
{
  const char *end = NULL;
  gsize bytes_bad = 0;
  char *text;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      *had_bom = TRUE;
      *detected = g_strdup ("UTF-8");
      return decode_utf8 (data + 3, length - 3, TRUE, length_out, error);
    }
  if (length >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      gboolean big_endian = (guchar) data[0] == 0xfe;

      *had_bom = TRUE;
      *detected = g_strdup (big_endian ? "UTF-16BE" : "UTF-16LE");
      return decode_utf16 (data + 2, length - 2, big_endian, length_out, error);
    }
  if (length >= 2 && (data[0] == '\0') != (data[1] == '\0')
      && g_ascii_isprint (data[0] ? data[0] : data[1]))
    {
      gboolean big_endian = data[0] == '\0';

      *detected = g_strdup (big_endian ? "UTF-16BE" : "UTF-16LE");
      return decode_utf16 (data, length, big_endian, length_out, error);
    }

  if (!check_no_zero (data, length, error))
    return NULL;

  if (g_utf8_validate_len (data, length, &end))
    {
      *detected = g_strdup ("UTF-8");
      *length_out = length;
      return g_strndup (data, length);
    }

  /* Chinese Windows programs save GB18030 (GBK) */
  text = decode_with (data, length, "GB18030", length_out, &bytes_bad, NULL);
  if (text != NULL && g_utf8_validate_len (text, *length_out, NULL))
    {
      *detected = g_strdup ("GB18030");
      return text;
    }
  g_free (text);

  /* the encoding that went further is likely the file's: name its bad line */
  g_set_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_INVALID,
               _("Line %u: the file is neither UTF-8 nor GB18030 (GBK) text; choose its encoding, or save it as UTF-8"),
               td_text_line_at (data, MAX ((gsize) (end - data), bytes_bad)));
  return NULL;
}

char *
td_text_decode (const char  *data,
                gsize        length,
                const char  *encoding,
                gsize       *length_out,
                char       **detected,
                gboolean    *had_bom,
                GError     **error)
{
  g_autofree char *canonical = td_text_encoding_canonical (encoding);
  g_autofree char *name = NULL;
  gboolean bom = FALSE;
  gsize out_length = 0;
  char *text;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (data == NULL)
    data = "";
  if (!check_not_workbook (data, length, error))
    return NULL;
  if (canonical)
    text = decode_forced (data, length, canonical, &out_length, &name, &bom, error);
  else
    text = decode_detect (data, length, &out_length, &name, &bom, error);
  if (text == NULL)
    return NULL;

  if (length_out)
    *length_out = out_length;
  if (detected)
    *detected = g_steal_pointer (&name);
  if (had_bom)
    *had_bom = bom;
  return text;
}
