/* test-csv.c: the CSV reader and writer, and the encodings of text files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-csv.h"
#include "td-test-utils.h"
#include "td-text-encoding.h"

/* Every record of text as "line:field|field|…" lines. */
static char *
read_all (const char  *text,
          char         delimiter,
          GError     **error)
{
  g_autoptr(TdCsvReader) reader = td_csv_reader_new (text, strlen (text), delimiter);
  g_autoptr(GString) out = g_string_new (NULL);
  GError *local_error = NULL;

  while (td_csv_reader_next (reader, &local_error))
    {
      g_autofree char *joined = g_strjoinv ("|", (char **) td_csv_reader_get_fields (reader));

      g_assert_cmpuint (td_csv_reader_get_n_fields (reader), ==,
                        g_strv_length ((char **) td_csv_reader_get_fields (reader)));
      g_string_append_printf (out, "%u:%s\n", td_csv_reader_get_line (reader), joined);
    }
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_assert_cmpuint (td_csv_reader_get_position (reader), ==, strlen (text));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_reader (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    /* plain, with the three line ends */
    { "a,b,c\r\n1,2,3\r\n", "1:a|b|c\n2:1|2|3\n" },
    { "a,b\n1,2\n", "1:a|b\n2:1|2\n" },
    { "a,b\r1,2\r", "1:a|b\n2:1|2\n" },
    /* no line end at the end; empty fields */
    { "a,,c\n,,x", "1:a||c\n2:||x\n" },
    /* quotes: the delimiter, line ends (CRLF inside becomes LF) and "" */
    { "name,note\n\"Zhang, Wei\",\"line one\r\nline two\"\nnext,\"say \"\"hi\"\"\"\n",
      "1:name|note\n2:Zhang, Wei|line one\nline two\n4:next|say \"hi\"\n" },
    /* an empty quoted field, a quote inside an unquoted one, text after the closing quote */
    { "\"\",5\" screen,\"a\"b\n", "1:|5\" screen|ab\n" },
    /* a space before the opening quote is dropped; spaces of plain fields kept */
    { "a, \"b,c\" , d \n", "1:a|b,c | d \n" },
    /* blank lines and the ,,,, rows spreadsheets leave are skipped; lines still count */
    { "\r\nh1,h2\r\n\r\n1,2\r\n,,\r\n , \r\n3,4\r\n\r\n", "2:h1|h2\n4:1|2\n7:3|4\n" },
    /* semicolon and tab from the header; the header decides, not the data */
    { "姓名;电话;备注\n张伟;13800138000;a,b\n", "1:姓名|电话|备注\n2:张伟|13800138000|a,b\n" },
    { "a\tb\tc\n1,5\t2\t3\n", "1:a|b|c\n2:1,5|2|3\n" },
    /* a delimiter inside quotes on the header does not count */
    { "\"a;b\",c\n1,2\n", "1:a;b|c\n2:1|2\n" },
    /* Excel's sep= line */
    { "sep=;\r\na,b;c\r\n1;2\r\n", "2:a,b|c\n3:1|2\n" },
    /* ragged rows come as they are: the caller reports them */
    { "a,b,c\n1,2\n1,2,3,4\n", "1:a|b|c\n2:1|2\n3:1|2|3|4\n" },
    /* nothing at all */
    { "", "" },
    { "\r\n\r\n", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = read_all (cases[i].in, 0, &error);

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_reader_delimiter (void)
{
  static const struct {
    const char *text;
    char        delimiter;
  } cases[] = {
    { "a,b,c\n", ',' }, { "a;b;c\n", ';' }, { "a\tb\tc\n", '\t' }, { "a\n", ',' },
    { "a;b,c;d\n", ';' }, { "a,b;c\n", ',' }, { "\n\n a;b\n", ';' }, { "sep=\t\na,b\n", '\t' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TdCsvReader) reader = td_csv_reader_new (cases[i].text, strlen (cases[i].text), 0);

      g_assert_cmpint (td_csv_reader_get_delimiter (reader), ==, cases[i].delimiter);
    }
  {
    /* a given delimiter wins */
    g_autoptr(GError) error = NULL;
    g_autofree char *out = read_all ("a;b,c\n", ',', &error);

    g_assert_cmpstr (out, ==, "1:a;b|c\n");
  }
}

static void
test_reader_unterminated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *text = "name,note\n"
                     "Zhang,\"fine\nover two lines\"\n"
                     "Li,\"never closed\n"
                     "Wang,13700001111\n";

  out = read_all (text, 0, &error);
  g_assert_null (out);
  g_assert_error (error, TD_CSV_ERROR, TD_CSV_ERROR_UNTERMINATED);
  /* the line where the quote opened, not the end of the file */
  g_assert_nonnull (strstr (error->message, "4"));
  g_assert_null (strstr (error->message, "5"));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_writer (void)
{
  g_autoptr(GString) out = g_string_new (TD_CSV_BOM);
  const char *header[] = { "Name", "Phone", "Notes" };
  const char *row1[] = { "张伟", "+8613800138000", "likes \"quiet\" rooms,\nno spice" };
  const char *row2[] = { " padded ", NULL, "=HYPERLINK(\"http://evil\")" };
  const char *row3[] = { "-15", "@SUM(A1)", "+cmd|' /C calc'!A0" };
  const char *expected =
    TD_CSV_BOM
    "Name,Phone,Notes\r\n"
    "张伟,+8613800138000,\"likes \"\"quiet\"\" rooms,\nno spice\"\r\n"
    "\" padded \",,\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n"
    "-15,'@SUM(A1),'+cmd|' /C calc'!A0\r\n";

  td_csv_append_record (out, header, 3, ',');
  td_csv_append_record (out, row1, 3, ',');
  td_csv_append_record (out, row2, 3, ',');
  td_csv_append_record (out, row3, 3, ',');
  g_assert_cmpstr (out->str, ==, expected);

  /* and back: the reader gives the values (the guard comes off with
   * td_csv_unguard) */
  {
    g_autoptr(TdCsvReader) reader = td_csv_reader_new (out->str + 3, out->len - 3, 0);
    const char * const *fields;

    g_assert_true (td_csv_reader_next (reader, NULL));
    g_assert_true (td_csv_reader_next (reader, NULL));
    fields = td_csv_reader_get_fields (reader);
    g_assert_cmpstr (fields[0], ==, row1[0]);
    g_assert_cmpstr (fields[1], ==, row1[1]);
    g_assert_cmpstr (fields[2], ==, row1[2]);
    g_assert_true (td_csv_reader_next (reader, NULL));
    fields = td_csv_reader_get_fields (reader);
    g_assert_cmpuint (td_csv_reader_get_line (reader), ==, 4);
    g_assert_cmpstr (fields[0], ==, row2[0]);
    g_assert_cmpstr (fields[1], ==, "");
    g_assert_cmpstr (td_csv_unguard (fields[2]), ==, row2[2]);
    g_assert_true (td_csv_reader_next (reader, NULL));
    fields = td_csv_reader_get_fields (reader);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (td_csv_unguard (fields[i]), ==, row3[i]);
    g_assert_false (td_csv_reader_next (reader, NULL));
  }

  /* another delimiter is quoted, a comma then is not */
  g_string_truncate (out, 0);
  td_csv_append_record (out, (const char *[]) { "a;b", "c,d" }, 2, ';');
  g_assert_cmpstr (out->str, ==, "\"a;b\";c,d\r\n");
}

static void
test_formula_guard (void)
{
  static const char *guarded[] = {
    "=1+2", "@SUM(A1:A2)", "+cmd|' /C calc'!A0", "-cmd", "+", "-", "\tx", "\rx",
    "-2+3+cmd|' /C calc'!A0", "+86 138 0013 8000 =x",
  };
  static const char *plain[] = {
    "+8613800138000", "+86 138-0013-8000", "+1 (415) 555-0100", "-15", "-1.5", "-1,200",
    "13800138000", "张伟", "a=b", "", "1990-03-07", "'quoted",
  };

  for (guint i = 0; i < G_N_ELEMENTS (guarded); i++)
    {
      g_autofree char *with = g_strconcat ("'", guarded[i], NULL);

      g_test_message ("guarded: %s", guarded[i]);
      g_assert_true (td_csv_needs_formula_guard (guarded[i]));
      g_assert_cmpstr (td_csv_unguard (with), ==, guarded[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_test_message ("plain: %s", plain[i]);
      g_assert_false (td_csv_needs_formula_guard (plain[i]));
      g_assert_cmpstr (td_csv_unguard (plain[i]), ==, plain[i]);
    }
  /* an apostrophe the writer did not put there stays */
  g_assert_cmpstr (td_csv_unguard ("'1990"), ==, "'1990");
}

/* ------------------------------------------------------------------ */
/* encodings                                                          */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
}

static GBytes *
load_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static char *
decode_bytes (GBytes      *bytes,
              const char  *encoding,
              char       **detected,
              gboolean    *bom,
              GError     **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize length = 0;
  char *text = td_text_decode (data, size, encoding, &length, detected, bom, error);

  if (text)
    g_assert_cmpuint (length, ==, strlen (text));
  return text;
}

static void
test_encoding_files (void)
{
  g_autoptr(GBytes) gb = load_data ("excel-gb18030.csv");
  g_autoptr(GBytes) bom = load_data ("excel-utf8-bom.csv");
  g_autoptr(GBytes) utf16 = load_data ("excel-unicode.txt");
  g_autoptr(GError) error = NULL;
  g_autofree char *gb_text = NULL;
  g_autofree char *bom_text = NULL;
  g_autofree char *utf16_text = NULL;
  g_autofree char *detected = NULL;
  gboolean had_bom = TRUE;

  /* the file really is GB18030: 序号 as Excel writes it, not UTF-8 */
  g_assert_cmpmem (g_bytes_get_data (gb, NULL), 4, "\xd0\xf2\xba\xc5", 4);

  gb_text = decode_bytes (gb, NULL, &detected, &had_bom, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detected, ==, "GB18030");
  g_assert_false (had_bom);
  g_assert_true (g_str_has_prefix (gb_text, "序号,客户姓名,性别"));
  g_clear_pointer (&detected, g_free);

  bom_text = decode_bytes (bom, NULL, &detected, &had_bom, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detected, ==, "UTF-8");
  g_assert_true (had_bom);
  /* the same sheet saved both ways reads the same, the mark gone */
  g_assert_cmpstr (gb_text, ==, bom_text);
  g_clear_pointer (&detected, g_free);

  utf16_text = decode_bytes (utf16, NULL, &detected, &had_bom, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detected, ==, "UTF-16LE");
  g_assert_true (had_bom);
  g_assert_true (g_str_has_prefix (utf16_text, "客户姓名\t性别\t出生日期"));
  g_assert_nonnull (strstr (utf16_text, "周杰"));
}

static void
test_encoding_detect (void)
{
  /* 张伟,13800138000 in the encodings Excel and phones use */
  static const char gbk[] = "\xd5\xc5\xce\xb0,13800138000\r\n";
  static const char utf8[] = "张伟,13800138000\r\n";
  static const char utf16be[] = "\xfe\xff\x5f\x20\x4f\x1f\x00\x2c\x00\x31";
  static const char utf16le_no_bom[] = "a\0,\0b\0";
  g_autoptr(GError) error = NULL;
  g_autofree char *detected = NULL;
  g_autofree char *text = NULL;
  gboolean bom = FALSE;

  text = td_text_decode (gbk, sizeof gbk - 1, NULL, NULL, &detected, &bom, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, utf8);
  g_assert_cmpstr (detected, ==, "GB18030");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&detected, g_free);

  text = td_text_decode (utf8, sizeof utf8 - 1, NULL, NULL, &detected, &bom, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, utf8);
  g_assert_cmpstr (detected, ==, "UTF-8");
  g_assert_false (bom);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&detected, g_free);

  text = td_text_decode (utf16be, sizeof utf16be - 1, NULL, NULL, &detected, &bom, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "张伟,1");
  g_assert_cmpstr (detected, ==, "UTF-16BE");
  g_assert_true (bom);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&detected, g_free);

  text = td_text_decode (utf16le_no_bom, sizeof utf16le_no_bom - 1, NULL, NULL, &detected, &bom, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "a,b");
  g_assert_cmpstr (detected, ==, "UTF-16LE");
  g_assert_false (bom);
  g_clear_pointer (&text, g_free);

  /* empty is fine */
  text = td_text_decode ("", 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "");
}

static void
test_encoding_forced (void)
{
  static const char gbk[] = "\xd5\xc5\xce\xb0,13800138000\r\n";
  static const char three_lines[] = "a,b\r\nc,d\r\n\xd5\xc5\xce\xb0\r\n";
  static const char *gbk_names[] = { "gbk", "GBK", "gb2312", "cp936", "GB18030", " gb18030 " };
  g_autoptr(GBytes) utf16 = load_data ("excel-unicode.txt");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detected = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (gbk_names); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *name = NULL;

      out = td_text_decode (gbk, sizeof gbk - 1, gbk_names[i], NULL, &name, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, "张伟,13800138000\r\n");
      g_assert_cmpstr (name, ==, "GB18030");
    }

  /* forcing UTF-8 on GB18030 bytes fails, naming the line */
  text = td_text_decode (three_lines, sizeof three_lines - 1, "utf-8", NULL, NULL, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);

  /* UTF-16 with its mark, forced: the mark says the byte order */
  text = decode_bytes (utf16, "utf-16", &detected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detected, ==, "UTF-16LE");
  g_assert_true (g_str_has_prefix (text, "客户姓名\t"));
  g_clear_pointer (&text, g_free);

  /* Big5, which is not detected, when the user says so: 張偉 */
  text = td_text_decode ("\xb1\x69\xb0\xb6", 4, "big5", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "張偉");
  g_clear_pointer (&text, g_free);

  /* an encoding nobody knows */
  text = td_text_decode ("a", 1, "klingon-8", NULL, NULL, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "KLINGON-8"));
  g_clear_error (&error);

  g_assert_null (td_text_encoding_canonical (" "));
  g_assert_true (td_text_encoding_is_known ("gbk"));
  g_assert_true (td_text_encoding_is_known ("utf-16"));
  g_assert_true (td_text_encoding_is_known ("latin1"));
  g_assert_false (td_text_encoding_is_known ("klingon-8"));
  g_assert_false (td_text_encoding_is_known (""));
  {
    g_autofree char *c = td_text_encoding_canonical ("utf8");

    g_assert_cmpstr (c, ==, "UTF-8");
  }
}

static void
test_encoding_errors (void)
{
  g_autoptr(GBytes) bad = load_data ("bad-encoding.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* neither UTF-8 nor GB18030 from line 3 */
  text = decode_bytes (bad, NULL, NULL, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  /* a UTF-8 file (with its mark) broken on line 2 */
  text = td_text_decode ("\xef\xbb\xbf" "a\n\xe5\xbc\n", 8, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  /* a zero byte on line 2 */
  text = td_text_decode ("a,b\nc\0d\n", 8, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  /* the workbook rather than its CSV */
  text = td_text_decode ("PK\x03\x04\x14\0\x06\0", 8, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "xlsx"));
  g_clear_error (&error);

  /* UTF-16 cut in the middle of a character */
  text = td_text_decode ("\xff\xfe" "a\0\n\0b", 7, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);
  g_assert_null (text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/reader", test_reader);
  g_test_add_func ("/csv/reader/delimiter", test_reader_delimiter);
  g_test_add_func ("/csv/reader/unterminated", test_reader_unterminated);
  g_test_add_func ("/csv/writer", test_writer);
  g_test_add_func ("/csv/formula-guard", test_formula_guard);
  g_test_add_func ("/encoding/files", test_encoding_files);
  g_test_add_func ("/encoding/detect", test_encoding_detect);
  g_test_add_func ("/encoding/forced", test_encoding_forced);
  g_test_add_func ("/encoding/errors", test_encoding_errors);

  return g_test_run ();
}
