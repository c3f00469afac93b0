/* test-json.c: td_json_parse_strict() refuses what json-glib 1.6 lets through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-core.h"

static JsonNode *
parse (const char *text,
       GError    **error)
{
  return td_json_parse_strict (text, strlen (text), error);
}

static void
test_accepts (void)
{
  const char *good[] = {
    "{}", "[]", " {\"a\" : [1, -2, 3.5, 1e3, -0, 0.25E-2, true, false, null]} \n",
    "\"\\u00e9\\ud83d\\ude00\\n\"", "9223372036854775807", "-9223372036854775808",
    "{\"名\":\"张伟\"}", "[[[[]]]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (good[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
}

static void
test_refuses (void)
{
  struct {
    const char *text;
    int         code;
    const char *where;
  } bad[] = {
    { "", TD_JSON_ERROR_EMPTY, NULL },
    { "  \n ", TD_JSON_ERROR_EMPTY, NULL },
    { "{'a':1}", TD_JSON_ERROR_SYNTAX, "column 2" },
    { "01", TD_JSON_ERROR_SYNTAX, "column 1" },
    { "{} {}", TD_JSON_ERROR_SYNTAX, "column 4" },
    { "{\"a\":\"x\ty\"}", TD_JSON_ERROR_SYNTAX, NULL },
    { "{\"a\":[1,2,]}", TD_JSON_ERROR_SYNTAX, NULL },
    { "{\"a\":1,}", TD_JSON_ERROR_SYNTAX, NULL },
    { "{\"changes\":[{\"id\":\"x\"},", TD_JSON_ERROR_SYNTAX, NULL },
    { "[1.]", TD_JSON_ERROR_SYNTAX, NULL },
    { "[+1]", TD_JSON_ERROR_SYNTAX, NULL },
    { "[\"\\x\"]", TD_JSON_ERROR_SYNTAX, NULL },
    { "[\"\\udc00\"]", TD_JSON_ERROR_SYNTAX, NULL },
    { "[\"\\ud800x\"]", TD_JSON_ERROR_SYNTAX, NULL },
    { "[tru]", TD_JSON_ERROR_SYNTAX, NULL },
    { "{\"a\":\n 9223372036854775808}", TD_JSON_ERROR_RANGE, "line 2, column 2" },
    { "[-9223372036854775809]", TD_JSON_ERROR_RANGE, NULL },
    { "[18446744073709551621]", TD_JSON_ERROR_RANGE, NULL },
    { "[1e400]", TD_JSON_ERROR_RANGE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (bad[i].text, &error);

      g_test_message ("%s", bad[i].text);
      g_assert_null (node);
      g_assert_error (error, TD_JSON_ERROR, bad[i].code);
      if (bad[i].where)
        g_assert_nonnull (strstr (error->message, bad[i].where));
    }
}

static void
test_encoding_and_depth (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  JsonNode *node;
  const char nul[] = "{\"a\":\"b\0\"}";

  node = td_json_parse_strict (nul, sizeof nul - 1, &error);
  g_assert_null (node);
  g_assert_error (error, TD_JSON_ERROR, TD_JSON_ERROR_ENCODING);
  g_clear_error (&error);

  node = parse ("[\"\xff\"]", &error);
  g_assert_null (node);
  g_assert_error (error, TD_JSON_ERROR, TD_JSON_ERROR_ENCODING);
  g_clear_error (&error);

  for (int i = 0; i < TD_JSON_MAX_DEPTH + 1; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < TD_JSON_MAX_DEPTH + 1; i++)
    g_string_append_c (deep, ']');
  node = parse (deep->str, &error);
  g_assert_null (node);
  g_assert_error (error, TD_JSON_ERROR, TD_JSON_ERROR_DEPTH);
}

static void
test_typed_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *text = NULL;
  gint64 number = 0;
  gboolean flag = FALSE;
  const char *json = "{\"s\":\"x\",\"i\":-7,\"b\":true,\"o\":{},\"a\":[],\"d\":1.5,\"n\":null}";

  object = td_json_parse_object (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_true (td_json_get_string (object, "s", &text));
  g_assert_cmpstr (text, ==, "x");
  g_assert_true (td_json_get_int (object, "i", &number));
  g_assert_cmpint (number, ==, -7);
  g_assert_true (td_json_get_bool (object, "b", &flag));
  g_assert_true (flag);
  g_assert_nonnull (td_json_get_object (object, "o"));
  g_assert_nonnull (td_json_get_array (object, "a"));
  /* the wrong type is FALSE, never a warning */
  g_assert_false (td_json_get_int (object, "s", &number));
  g_assert_false (td_json_get_int (object, "d", &number));
  g_assert_false (td_json_get_string (object, "o", &text));
  g_assert_false (td_json_get_string (object, "n", &text));
  g_assert_false (td_json_get_bool (object, "missing", &flag));
  g_assert_null (td_json_get_object (object, "a"));
  g_assert_null (td_json_get_array (object, "o"));

  g_assert_null (td_json_parse_object ("[1]", 3, &error));
  g_assert_error (error, TD_JSON_ERROR, TD_JSON_ERROR_SYNTAX);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/accepts", test_accepts);
  g_test_add_func ("/json/refuses", test_refuses);
  g_test_add_func ("/json/encoding-and-depth", test_encoding_and_depth);
  g_test_add_func ("/json/typed-members", test_typed_members);
  return g_test_run ();
}
