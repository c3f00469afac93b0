/* td-json.c: JSON read strictly (RFC 8259), then built by json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "td-json.h"

G_DEFINE_QUARK (td-json-error-quark, td_json_error)

typedef struct {
  const char *start;
  const char *p;
  const char *end;
  int         depth;
  GError    **error;
} Scanner;

static void
position (Scanner *s,
          guint   *line,
          guint   *column)
{
  *line = 1;
  *column = 1;
  for (const char *q = s->start; q < s->p && q < s->end; q++)
    if (*q == '\n')
      {
        (*line)++;
        *column = 1;
      }
    else if (((guchar) *q & 0xC0) != 0x80)
      (*column)++;
}

static gboolean
fail (Scanner    *s,
      int         code,
      const char *what)
{
  guint line, column;

  position (s, &line, &column);
  /* TRANSLATORS: JSON received over the network; %s says what is wrong */
  g_set_error (s->error, TD_JSON_ERROR, code, _("Invalid JSON at line %u, column %u: %s"),
               line, column, what);
  return FALSE;
}

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
literal (Scanner    *s,
         const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return fail (s, TD_JSON_ERROR_SYNTAX, _("unexpected character"));
  s->p += len;
  return TRUE;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

static gboolean
scan_string (Scanner *s)
{
  s->p++;  /* the opening quote */
  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (s, TD_JSON_ERROR_SYNTAX, _("a control character inside a string"));
      if (c != '\\')
        {
          s->p++;
          continue;
        }
      if (s->p + 1 >= s->end)
        break;
      switch (s->p[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          s->p += 2;
          break;
        case 'u':
          {
            int unit = s->end - s->p >= 6 ? hex4 (s->p + 2) : -1;

            if (unit < 0)
              return fail (s, TD_JSON_ERROR_SYNTAX, _("a broken \\u escape"));
            s->p += 6;
            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return fail (s, TD_JSON_ERROR_SYNTAX, _("a broken \\u escape"));
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                int low = (s->end - s->p >= 6 && s->p[0] == '\\' && s->p[1] == 'u') ? hex4 (s->p + 2) : -1;

                if (low < 0xDC00 || low > 0xDFFF)
                  return fail (s, TD_JSON_ERROR_SYNTAX, _("a broken \\u escape"));
                s->p += 6;
              }
          }
          break;
        default:
          return fail (s, TD_JSON_ERROR_SYNTAX, _("an unknown escape in a string"));
        }
    }
  return fail (s, TD_JSON_ERROR_SYNTAX, _("a string without its closing quote"));
}

static gboolean
scan_number (Scanner *s)
{
  const char *begin = s->p;
  const char *digits;
  gboolean negative = FALSE, integer = TRUE;
  gsize n_digits;

  if (*s->p == '-')
    {
      negative = TRUE;
      s->p++;
    }
  digits = s->p;
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return fail (s, TD_JSON_ERROR_SYNTAX, _("a number without digits"));
  if (*s->p == '0' && s->p + 1 < s->end && g_ascii_isdigit (s->p[1]))
    return fail (s, TD_JSON_ERROR_SYNTAX, _("a number with a leading zero"));
  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  n_digits = (gsize) (s->p - digits);

  if (s->p < s->end && *s->p == '.')
    {
      integer = FALSE;
      s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return fail (s, TD_JSON_ERROR_SYNTAX, _("a number without digits"));
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      integer = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return fail (s, TD_JSON_ERROR_SYNTAX, _("a number without digits"));
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  if (integer)
    {
      /* json-glib reads integers as gint64 and wraps the rest */
      const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

      if (n_digits > 19 || (n_digits == 19 && memcmp (digits, limit, 19) > 0))
        {
          const char *after = s->p;

          s->p = begin;
          fail (s, TD_JSON_ERROR_RANGE, _("an integer beyond 64 bits (send it as a string)"));
          s->p = after;
          return FALSE;
        }
    }
  else
    {
      g_autofree char *text = g_strndup (begin, (gsize) (s->p - begin));

      if (!isfinite (g_ascii_strtod (text, NULL)))
        {
          s->p = begin;
          return fail (s, TD_JSON_ERROR_RANGE, _("a number too large"));
        }
    }
  return TRUE;
}

static gboolean scan_value (Scanner *s);

static gboolean
scan_container (Scanner *s,
                char     close,
                gboolean is_object)
{
  if (++s->depth > TD_JSON_MAX_DEPTH)
    return fail (s, TD_JSON_ERROR_DEPTH, _("nested too deep"));
  s->p++;
  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }
  for (;;)
    {
      if (is_object)
        {
          if (s->p >= s->end || *s->p != '"')
            return fail (s, TD_JSON_ERROR_SYNTAX, _("a member name in double quotes expected"));
          if (!scan_string (s))
            return FALSE;
          skip_space (s);
          if (s->p >= s->end || *s->p != ':')
            return fail (s, TD_JSON_ERROR_SYNTAX, _("“:” expected"));
          s->p++;
          skip_space (s);
        }
      if (!scan_value (s))
        return FALSE;
      skip_space (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_space (s);
          continue;
        }
      if (s->p < s->end && *s->p == close)
        {
          s->p++;
          s->depth--;
          return TRUE;
        }
      if (s->p >= s->end)
        return fail (s, TD_JSON_ERROR_SYNTAX, _("the document ends too early"));
      return fail (s, TD_JSON_ERROR_SYNTAX, is_object ? _("“,” or “}” expected") : _("“,” or “]” expected"));
    }
}

static gboolean
scan_value (Scanner *s)
{
  if (s->p >= s->end)
    return fail (s, TD_JSON_ERROR_SYNTAX, _("the document ends too early"));
  switch (*s->p)
    {
    case '{':
      return scan_container (s, '}', TRUE);
    case '[':
      return scan_container (s, ']', FALSE);
    case '"':
      return scan_string (s);
    case 't':
      return literal (s, "true");
    case 'f':
      return literal (s, "false");
    case 'n':
      return literal (s, "null");
    default:
      if (*s->p == '-' || g_ascii_isdigit (*s->p))
        return scan_number (s);
      return fail (s, TD_JSON_ERROR_SYNTAX, _("unexpected character"));
    }
}

JsonNode *
td_json_parse_strict (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  Scanner s = { data, data, data + length, 0, error };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, (gssize) length, NULL))
    {
      g_set_error_literal (error, TD_JSON_ERROR, TD_JSON_ERROR_ENCODING,
                           _("Invalid JSON: the text is not UTF-8"));
      return NULL;
    }
  skip_space (&s);
  if (s.p == s.end)
    {
      g_set_error_literal (error, TD_JSON_ERROR, TD_JSON_ERROR_EMPTY, _("Invalid JSON: the document is empty"));
      return NULL;
    }
  if (!scan_value (&s))
    return NULL;
  skip_space (&s);
  if (s.p != s.end)
    {
      fail (&s, TD_JSON_ERROR_SYNTAX, _("text after the end of the document"));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, TD_JSON_ERROR, TD_JSON_ERROR_EMPTY, _("Invalid JSON: the document is empty"));
      return NULL;
    }
  return json_node_ref (root);
}

JsonObject *
td_json_parse_object (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(JsonNode) root = td_json_parse_strict (data, length, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TD_JSON_ERROR, TD_JSON_ERROR_SYNTAX,
                           _("Invalid JSON: an object ({…}) was expected"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static JsonNode *
value_member (JsonObject *object,
              const char *member,
              GType       type)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

gboolean
td_json_get_string (JsonObject  *object,
                    const char  *member,
                    const char **out)
{
  JsonNode *node = value_member (object, member, G_TYPE_STRING);

  if (node && out)
    *out = json_node_get_string (node);
  return node != NULL;
}

gboolean
td_json_get_int (JsonObject *object,
                 const char *member,
                 gint64     *out)
{
  JsonNode *node = value_member (object, member, G_TYPE_INT64);

  if (node && out)
    *out = json_node_get_int (node);
  return node != NULL;
}

gboolean
td_json_get_bool (JsonObject *object,
                  const char *member,
                  gboolean   *out)
{
  JsonNode *node = value_member (object, member, G_TYPE_BOOLEAN);

  if (node && out)
    *out = json_node_get_boolean (node);
  return node != NULL;
}

JsonObject *
td_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
td_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

char *
td_json_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

char *
td_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}
