/* td-vcard.c: vCard 2.1, 3.0 and 4.0 files read into customer rows
 * (customers written as vCard 4.0: td-vcard-writer.c)
 *
 * Our own small reader rather than libebook-contacts' EVCard, which would
 * bring evolution-data-server into the Flatpak. It reads the file once,
 * front to back: physical lines (CRLF, LF or CR) are joined into logical
 * lines (folding, quoted-printable soft line breaks, 2.1 base64 written
 * without indentation), each logical line is split into name, parameters
 * and value, and the properties of one contact are gathered until its
 * END:VCARD makes them a TdCustomerRow. Any error drops every row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-vcard.h"
#include "td-vcard-private.h"

G_DEFINE_QUARK (td-vcard-error-quark, td_vcard_error)

/* a parameter value or property name longer than this is not one we know */
#define NAME_MAX_LEN 40
/* how much of a bad line an error message quotes */
#define QUOTE_CHARS 40
#define NO_PREF G_MAXUINT

/* ------------------------------------------------------------------ */
/* errors                                                             */

/* The start of a line, valid UTF-8, short enough to quote. */
static char *
quote_line (const char *text,
            gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (text, (gssize) len);
  const char *end = valid;
  guint n = 0;

  while (*end && n < QUOTE_CHARS)
    {
      end = g_utf8_next_char (end);
      n++;
    }
  if (*end)
    return g_strdup_printf ("%.*s…", (int) (end - valid), valid);
  return g_steal_pointer (&valid);
}

static void
set_not_utf8 (GError **error,
              guint    line)
{
  g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_ENCODING,
               _("Line %u: the text is not UTF-8 and no CHARSET parameter says what it is; save the file as UTF-8 and import it again"),
               line);
}

/* ------------------------------------------------------------------ */
/* one property                                                       */

typedef enum {
  ENC_NONE,
  ENC_QP,
  ENC_B64,
} Encoding;

typedef struct {
  char      name[NAME_MAX_LEN + 1];  /* upper case, without its group */
  Encoding  encoding;
  char     *charset;
  GString  *types;                   /* TYPE values, lower case, comma-separated */
  guint     pref;                    /* 1 (most preferred) … 100, or NO_PREF */
  gboolean  uri;                     /* VALUE=uri */
  char     *country;                 /* X-COUNTRY (our documents) */
  char     *expiry;                  /* X-EXPIRY (our documents) */
  char     *omit_year;               /* X-APPLE-OMIT-YEAR */
  const char *value;                 /* into the logical line */
  gsize     value_len;
  guint     line;
} Prop;

static void
prop_clear (Prop *prop)
{
  g_clear_pointer (&prop->charset, g_free);
  if (prop->types)
    g_string_free (prop->types, TRUE);
  prop->types = NULL;
  g_clear_pointer (&prop->country, g_free);
  g_clear_pointer (&prop->expiry, g_free);
  g_clear_pointer (&prop->omit_year, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Prop, prop_clear)

static void
set_str (char       **target,
         const char  *value)
{
  g_free (*target);
  *target = g_strdup (value);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

static gboolean
token_is (const char *token,
          gsize       len,
          const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (token, word, len) == 0;
}

/* A parameter value without its quotes, RFC 6868 ^-escapes decoded. */
static char *
param_value (const char *text,
             gsize       len)
{
  GString *value = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        continue;
      if (text[i] == '^' && i + 1 < len && text[i + 1] != '\0' && strchr ("n'^", text[i + 1]))
        {
          i++;
          g_string_append_c (value, text[i] == 'n' ? '\n' : text[i] == '\'' ? '"' : '^');
          continue;
        }
      g_string_append_c (value, text[i]);
    }
  return g_string_free (value, FALSE);
}

static void
add_type (Prop       *prop,
          const char *value,
          gsize       len)
{
  g_autofree char *lower = g_ascii_strdown (value, (gssize) len);
  g_auto(GStrv) items = g_strsplit (lower, ",", -1);

  for (guint i = 0; items[i]; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] == '\0')
        continue;
      if (g_str_equal (items[i], "pref"))
        prop->pref = MIN (prop->pref, 1);
      if (prop->types->len)
        g_string_append_c (prop->types, ',');
      g_string_append (prop->types, items[i]);
    }
}

static void
add_param (Prop       *prop,
           const char *token,
           gsize       len)
{
  const char *eq;
  g_autofree char *value = NULL;
  gsize name_len;

  while (len && g_ascii_isspace (*token))
    token++, len--;
  while (len && g_ascii_isspace (token[len - 1]))
    len--;
  if (len == 0)
    return;

  eq = memchr (token, '=', len);
  if (eq == NULL)
    {
      /* 2.1 writes bare values: TEL;CELL;PREF, PHOTO;ENCODING=BASE64;JPEG */
      if (token_is (token, len, "QUOTED-PRINTABLE"))
        prop->encoding = ENC_QP;
      else if (token_is (token, len, "BASE64") || token_is (token, len, "B"))
        prop->encoding = ENC_B64;
      else if (!token_is (token, len, "8BIT") && !token_is (token, len, "7BIT"))
        add_type (prop, token, len);
      return;
    }

  name_len = (gsize) (eq - token);
  while (name_len && g_ascii_isspace (token[name_len - 1]))
    name_len--;
  value = param_value (eq + 1, len - (gsize) (eq + 1 - token));
  g_strstrip (value);

  if (token_is (token, name_len, "ENCODING"))
    {
      if (g_ascii_strcasecmp (value, "QUOTED-PRINTABLE") == 0)
        prop->encoding = ENC_QP;
      else if (g_ascii_strcasecmp (value, "B") == 0 || g_ascii_strcasecmp (value, "BASE64") == 0)
        prop->encoding = ENC_B64;
    }
  else if (token_is (token, name_len, "CHARSET"))
    set_str (&prop->charset, value);
  else if (token_is (token, name_len, "TYPE"))
    add_type (prop, value, strlen (value));
  else if (token_is (token, name_len, "PREF"))
    {
      guint64 pref = 0;

      if (g_ascii_string_to_unsigned (value, 10, 1, 100, &pref, NULL))
        prop->pref = MIN (prop->pref, (guint) pref);
      else
        prop->pref = MIN (prop->pref, 1);
    }
  else if (token_is (token, name_len, "VALUE"))
    prop->uri = g_ascii_strcasecmp (value, "uri") == 0;
  else if (token_is (token, name_len, "X-COUNTRY"))
    set_str (&prop->country, value);
  else if (token_is (token, name_len, "X-EXPIRY"))
    set_str (&prop->expiry, value);
  else if (token_is (token, name_len, "X-APPLE-OMIT-YEAR"))
    set_str (&prop->omit_year, value);
}

/* Splits the logical line text[0, len) at colon into the property's name
 * and parameters; FALSE with an error when the name is not one. */
static gboolean
prop_parse (Prop        *prop,
            const char  *text,
            gsize        len,
            gsize        colon,
            guint        line,
            GError     **error)
{
  gsize start = 0, name_end, i;
  gboolean quoted = FALSE;

  prop->pref = NO_PREF;
  prop->types = g_string_new (NULL);
  prop->line = line;
  prop->value = text + colon + 1;
  prop->value_len = len - colon - 1;

  /* [group.]name */
  for (name_end = 0; name_end < colon && text[name_end] != ';'; name_end++)
    if (text[name_end] == '.')
      start = name_end + 1;
  for (i = 0; i < name_end; i++)
    if (!is_name_char (text[i]) && text[i] != '.')
      break;
  if (i < name_end || start == name_end)
    {
      g_autofree char *quoted_line = quote_line (text, len);

      g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                   _("Line %u: “%s” does not begin with a property name such as TEL or EMAIL"),
                   line, quoted_line);
      return FALSE;
    }
  if (name_end - start <= NAME_MAX_LEN)
    for (i = start; i < name_end; i++)
      prop->name[i - start] = g_ascii_toupper (text[i]);

  /* ;param;param=value;param="value" */
  start = name_end + 1;
  for (i = start; i <= colon; i++)
    {
      if (i < colon && text[i] == '"')
        quoted = !quoted;
      if (i == colon || (text[i] == ';' && !quoted))
        {
          if (i > start)
            add_param (prop, text + start, i - start);
          start = i + 1;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* values                                                             */

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static gboolean
qp_decode (const char *text,
           gsize       len,
           GString    *out)
{
  for (gsize i = 0; i < len; i++)
    {
      int hi, lo;

      if (text[i] != '=')
        {
          g_string_append_c (out, text[i]);
          continue;
        }
      if (i + 2 >= len)
        return FALSE;
      hi = hex_value (text[i + 1]);
      lo = hex_value (text[i + 2]);
      if (hi < 0 || lo < 0)
        return FALSE;
      g_string_append_c (out, (char) (hi * 16 + lo));
      i += 2;
    }
  return TRUE;
}

static int
b64_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+' || c == '-')
    return 62;
  if (c == '/' || c == '_')
    return 63;
  return -1;
}

/* Strict base64 (white space allowed, padding optional), decoded into out
 * when out is not NULL. */
static gboolean
b64_decode (const char *text,
            gsize       len,
            GString    *out)
{
  guint32 bits = 0;
  guint n = 0, pad = 0;

  for (gsize i = 0; i < len; i++)
    {
      int v;

      if (g_ascii_isspace (text[i]))
        continue;
      if (text[i] == '=')
        {
          pad++;
          if (pad > 2)
            return FALSE;
          continue;
        }
      v = b64_value (text[i]);
      if (v < 0 || pad > 0)
        return FALSE;
      bits = (bits << 6) | (guint32) v;
      n++;
      if (n % 4 == 0 && out)
        {
          g_string_append_c (out, (char) ((bits >> 16) & 0xff));
          g_string_append_c (out, (char) ((bits >> 8) & 0xff));
          g_string_append_c (out, (char) (bits & 0xff));
        }
    }
  switch (n % 4)
    {
    case 0:
      return pad == 0;
    case 1:
      return FALSE;
    case 2:
      if (pad != 0 && pad != 2)
        return FALSE;
      if (out)
        g_string_append_c (out, (char) ((bits >> 4) & 0xff));
      return TRUE;
    case 3:
      if (pad > 1)
        return FALSE;
      if (out)
        {
          g_string_append_c (out, (char) ((bits >> 10) & 0xff));
          g_string_append_c (out, (char) ((bits >> 2) & 0xff));
        }
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
charset_is_utf8 (const char *charset)
{
  return charset == NULL || g_ascii_strcasecmp (charset, "UTF-8") == 0 ||
         g_ascii_strcasecmp (charset, "UTF8") == 0 ||
         g_ascii_strcasecmp (charset, "US-ASCII") == 0 ||
         g_ascii_strcasecmp (charset, "ASCII") == 0;
}

/* Phones label GBK text GB2312 often enough; GB18030 holds them both. */
static const char *
charset_for_iconv (const char *charset)
{
  static const char * const gb[] = { "GB2312", "GBK", "CP936", "EUC-CN", "X-GBK", "GB_2312-80" };

  for (guint i = 0; i < G_N_ELEMENTS (gb); i++)
    if (g_ascii_strcasecmp (charset, gb[i]) == 0)
      return "GB18030";
  return charset;
}

/* The value of prop as UTF-8: quoted-printable or base64 decoded, then
 * converted from its CHARSET. NULL with an error naming the line. */
static char *
prop_decode (Prop    *prop,
             GError **error)
{
  g_autoptr(GString) bytes = NULL;
  const char *data = prop->value;
  gsize len = prop->value_len;

  if (prop->encoding == ENC_QP)
    {
      bytes = g_string_sized_new (len);
      if (!qp_decode (prop->value, prop->value_len, bytes))
        {
          g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                       _("Line %u: the quoted-printable text is damaged: each “=” must be followed by two hexadecimal digits"),
                       prop->line);
          return NULL;
        }
    }
  else if (prop->encoding == ENC_B64)
    {
      bytes = g_string_sized_new (len);
      if (!b64_decode (prop->value, prop->value_len, bytes))
        {
          g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                       _("Line %u: the base64 text is damaged"), prop->line);
          return NULL;
        }
    }
  if (bytes)
    {
      data = bytes->str;
      len = bytes->len;
    }

  if (!charset_is_utf8 (prop->charset))
    {
      g_autoptr(GError) local = NULL;
      gsize written = 0;
      g_autofree char *converted = g_convert (data, (gssize) len, "UTF-8",
                                              charset_for_iconv (prop->charset),
                                              NULL, &written, &local);

      g_autofree char *name = NULL;

      if (converted && g_utf8_validate (converted, (gssize) written, NULL))
        return g_steal_pointer (&converted);
      name = quote_line (prop->charset, strlen (prop->charset));
      if (g_error_matches (local, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_ENCODING,
                     _("Line %u: the character set “%s” is unknown"), prop->line, name);
      else
        g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_ENCODING,
                     _("Line %u: the text is not valid %s, the character set it names"),
                     prop->line, name);
      return NULL;
    }

  if (!g_utf8_validate (data, (gssize) len, NULL))
    {
      set_not_utf8 (error, prop->line);
      return NULL;
    }
  return g_strndup (data, len);
}

/* Backslash escapes: \\ \; \, \: everywhere, \n \N since 3.0; an unknown
 * escape is kept as written. CR LF and CR (quoted-printable =0D=0A) become
 * LF. */
static char *
unescape (const char *text,
          gsize       len,
          gboolean    v21)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\\' && i + 1 < len)
        {
          char next = text[i + 1];

          if (next == '\\' || next == ';' || next == ',' || next == ':')
            {
              g_string_append_c (out, next);
              i++;
              continue;
            }
          if (!v21 && (next == 'n' || next == 'N'))
            {
              g_string_append_c (out, '\n');
              i++;
              continue;
            }
        }
      if (text[i] == '\r')
        {
          if (i + 1 < len && text[i + 1] == '\n')
            i++;
          g_string_append_c (out, '\n');
          continue;
        }
      g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}

/* text split at each sep not escaped by a backslash, each part unescaped
 * and trimmed; at least one part. */
static GStrv
split_unescape (const char *text,
                char        sep,
                gboolean    v21)
{
  GPtrArray *parts = g_ptr_array_new ();
  gsize start = 0, i;

  for (i = 0; ; i++)
    {
      if (text[i] == '\\' && text[i + 1] != '\0')
        {
          i++;
          continue;
        }
      if (text[i] == sep || text[i] == '\0')
        {
          g_ptr_array_add (parts, g_strstrip (unescape (text + start, i - start, v21)));
          start = i + 1;
          if (text[i] == '\0')
            break;
        }
    }
  g_ptr_array_add (parts, NULL);
  return (GStrv) g_ptr_array_free (parts, FALSE);
}

/* ------------------------------------------------------------------ */
/* one contact                                                        */

typedef struct {
  char  *text;
  guint  pref;
} Ranked;

static void
ranked_free (Ranked *ranked)
{
  g_free (ranked->text);
  g_free (ranked);
}

typedef struct {
  guint      begin_line;
  gboolean   v21;
  gboolean   ours;          /* PRODID says Tourdesk wrote it */
  char      *fn;
  char      *family;
  char      *given;
  gboolean   have_n;
  char      *org;
  int        kind_org;      /* -1 not said, 0 individual, 1 organisation */
  const char *gender;
  char      *birth_date;
  gboolean   have_bday;
  GPtrArray *phones;        /* Ranked */
  GPtrArray *emails;        /* Ranked */
  GHashTable *seen_phones;  /* text → Ranked in phones */
  GHashTable *seen_emails;
  GStrv      adr;           /* the preferred ADR's components */
  guint      adr_pref;
  GString   *notes;
  GPtrArray *tags;          /* char *: CATEGORIES */
  char      *language;
  guint      language_pref;
  gboolean   have_id;
  TdCustomerRow *row;       /* its values are filled at END:VCARD */
} Card;

static Card *
card_new (guint line)
{
  Card *card = g_new0 (Card, 1);

  card->begin_line = line;
  card->kind_org = -1;
  card->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) ranked_free);
  card->emails = g_ptr_array_new_with_free_func ((GDestroyNotify) ranked_free);
  card->seen_phones = g_hash_table_new (g_str_hash, g_str_equal);
  card->seen_emails = g_hash_table_new (g_str_hash, g_str_equal);
  card->adr_pref = NO_PREF;
  card->language_pref = NO_PREF;
  card->notes = g_string_new (NULL);
  card->tags = g_ptr_array_new_with_free_func (g_free);
  card->row = td_customer_row_new (line);
  return card;
}

static void
card_free (Card *card)
{
  if (card == NULL)
    return;
  g_free (card->fn);
  g_free (card->family);
  g_free (card->given);
  g_free (card->org);
  g_free (card->birth_date);
  g_ptr_array_unref (card->phones);
  g_ptr_array_unref (card->emails);
  g_hash_table_unref (card->seen_phones);
  g_hash_table_unref (card->seen_emails);
  g_strfreev (card->adr);
  g_string_free (card->notes, TRUE);
  g_ptr_array_unref (card->tags);
  g_free (card->language);
  td_customer_row_free (card->row);
  g_free (card);
}

/* Each comma-separated part of text (taken), once: the other_phones and
 * other_emails fields are comma-separated too. */
static void
add_ranked (GPtrArray  *list,
            GHashTable *seen,
            char       *text,
            guint       pref)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  g_free (text);
  for (guint i = 0; parts[i]; i++)
    {
      Ranked *ranked;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      ranked = g_hash_table_lookup (seen, parts[i]);
      if (ranked)
        {
          ranked->pref = MIN (ranked->pref, pref);
          continue;
        }
      ranked = g_new (Ranked, 1);
      ranked->text = g_strdup (parts[i]);
      ranked->pref = pref;
      g_ptr_array_add (list, ranked);
      g_hash_table_insert (seen, ranked->text, ranked);
    }
}

/* The preferred one (the first of the best PREF) into field, the others in
 * file order, comma-separated, into others_field. */
static void
set_ranked (JsonObject *values,
            GPtrArray  *list,
            const char *field,
            const char *others_field)
{
  g_autoptr(GString) others = g_string_new (NULL);
  guint best = 0;

  if (list->len == 0)
    return;
  for (guint i = 1; i < list->len; i++)
    if (((Ranked *) g_ptr_array_index (list, i))->pref <
        ((Ranked *) g_ptr_array_index (list, best))->pref)
      best = i;
  json_object_set_string_member (values, field, ((Ranked *) g_ptr_array_index (list, best))->text);
  for (guint i = 0; i < list->len; i++)
    if (i != best)
      {
        if (others->len)
          g_string_append_c (others, ',');
        g_string_append (others, ((Ranked *) g_ptr_array_index (list, i))->text);
      }
  if (others->len)
    json_object_set_string_member (values, others_field, others->str);
}

static void
set_text (JsonObject *values,
          const char *field,
          const char *text)
{
  if (text && *text)
    json_object_set_string_member (values, field, text);
}

/* An extended address that names a district (朝阳区, 密云县, 正蓝旗), not a
 * province-level region (内蒙古自治区, 香港特别行政区). */
static gboolean
is_district (const char *text)
{
  return (g_str_has_suffix (text, "区") || g_str_has_suffix (text, "县") ||
          g_str_has_suffix (text, "旗")) &&
         !g_str_has_suffix (text, "自治区") && !g_str_has_suffix (text, "行政区");
}

static TdCustomerRow *
card_finish (Card *card)
{
  JsonObject *values = card->row->values;
  TdCustomerRow *row;
  g_autofree char *built = td_customer_format_name (card->family, card->given);
  g_autoptr(GString) tags = g_string_new (NULL);
  gboolean organisation;

  if (card->kind_org >= 0)
    organisation = card->kind_org == 1;
  else
    organisation = card->org && *card->org && *built == '\0' &&
                   (card->fn == NULL || *card->fn == '\0' || g_str_equal (card->fn, card->org));
  json_object_set_string_member (values, "party", organisation ? "organisation" : "person");

  if (card->fn && *card->fn)
    set_text (values, "name", card->fn);
  else if (*built)
    set_text (values, "name", built);
  else
    set_text (values, "name", card->org);
  set_text (values, "family_name", card->family);
  set_text (values, "given_name", card->given);
  set_text (values, "gender", card->gender);
  set_text (values, "birth_date", card->birth_date);
  set_ranked (values, card->phones, "phone", "other_phones");
  set_ranked (values, card->emails, "email", "other_emails");
  if (card->adr)
    {
      guint n = g_strv_length (card->adr);

      if (n > 1 && (card->ours || is_district (card->adr[1])))
        set_text (values, "district", card->adr[1]);
      if (n > 3)
        set_text (values, "city", card->adr[3]);
      if (n > 4)
        set_text (values, "province", card->adr[4]);
    }
  set_text (values, "notes", card->notes->str);
  for (guint i = 0; i < card->tags->len; i++)
    {
      const char *tag = g_ptr_array_index (card->tags, i);

      /* Google puts every contact in its system group “myContacts” */
      if (!card->ours && g_str_equal (tag, "myContacts"))
        continue;
      if (tags->len)
        g_string_append_c (tags, ',');
      g_string_append (tags, tag);
    }
  set_text (values, "tags", tags->str);
  set_text (values, "language", card->language);

  row = g_steal_pointer (&card->row);
  card_free (card);
  return row;
}

/* BDAY as YYYY-MM-DD; NULL when it has no year; the text as written when
 * it is no date we know (td_customer_check() then says what is wrong). */
gboolean
_td_vcard_digits (const char *text,
                  guint       n,
                  guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (guint) (text[i] - '0');
    }
  return TRUE;
}

static char *
parse_birth_date (const char *text,
                  const char *omit_year)
{
  guint y, m, d;
  gsize len = strlen (text);

  if (g_str_has_prefix (text, "--") || *text == '\0')
    return NULL;
  /* 19900307, 1990-03-07, either with a time after T */
  if (!((len >= 8 && _td_vcard_digits (text, 4, &y) && _td_vcard_digits (text + 4, 2, &m) && _td_vcard_digits (text + 6, 2, &d) &&
         (len == 8 || text[8] == 'T')) ||
        (len >= 10 && _td_vcard_digits (text, 4, &y) && text[4] == '-' && _td_vcard_digits (text + 5, 2, &m) &&
         text[7] == '-' && _td_vcard_digits (text + 8, 2, &d) &&
         (len == 10 || text[10] == 'T' || text[10] == ' '))))
    return g_strdup (text);
  /* Apple writes the year it stands for “no year” */
  if (omit_year && strncmp (text, omit_year, 4) == 0)
    return NULL;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return g_strdup (text);
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

static const char *
parse_gender (const char *text)
{
  g_autofree char *word = g_utf8_casefold (text, -1);
  char *semicolon = strchr (word, ';');

  if (semicolon)
    *semicolon = '\0';
  g_strstrip (word);
  if (g_str_equal (word, "m") || g_str_equal (word, "male") || g_str_equal (word, "男"))
    return "male";
  if (g_str_equal (word, "f") || g_str_equal (word, "female") || g_str_equal (word, "女"))
    return "female";
  if (g_str_equal (word, "o") || g_str_equal (word, "other"))
    return "other";
  return NULL;
}

/* ------------------------------------------------------------------ */
/* the file                                                           */

typedef struct {
  GPtrArray *rows;
  Card      *card;        /* the open one */
  gboolean   seen_begin;
} Parser;

/* The properties a contact is read from (besides PHOTO and LOGO). */
static gboolean
is_read (const char *name)
{
  static const char * const names[] = {
    "FN", "N", "ORG", "KIND", "X-ABSHOWAS", "GENDER", "X-GENDER", "X-WAB-GENDER", "BDAY",
    "TEL", "EMAIL", "ADR", "NOTE", "CATEGORIES", "LANG", "PRODID", "X-TOURDESK-ID",
    "X-TOURDESK-DOCUMENT",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return TRUE;
  return FALSE;
}

/* A property of the open card. */
static gboolean
card_add (Card     *card,
          Prop     *prop,
          GError  **error)
{
  const char *name = prop->name;
  g_autofree char *value = NULL;

  /* photos are checked and dropped: customers keep none */
  if (g_str_equal (name, "PHOTO") || g_str_equal (name, "LOGO"))
    {
      const char *data = prop->value;
      gsize len = prop->value_len;
      gboolean base64 = prop->encoding == ENC_B64;

      /* 4.0: data:image/png;base64,… (a URL is dropped unread) */
      if (!base64 && len > 5 && g_ascii_strncasecmp (data, "data:", 5) == 0)
        {
          const char *comma = memchr (data, ',', len);
          g_autofree char *head = NULL;

          if (comma == NULL)
            goto bad_photo;
          head = g_ascii_strdown (data, comma - data);
          base64 = strstr (head, ";base64") != NULL;
          len -= (gsize) (comma + 1 - data);
          data = comma + 1;
        }
      if (base64 && !b64_decode (data, len, NULL))
        goto bad_photo;
      return TRUE;
    }

  if (!is_read (name))
    {
      /* put aside, but a file in the wrong encoding is said so */
      if (prop->charset == NULL && !g_utf8_validate (prop->value, (gssize) prop->value_len, NULL))
        {
          set_not_utf8 (error, prop->line);
          return FALSE;
        }
      return TRUE;
    }

  value = prop_decode (prop, error);
  if (value == NULL)
    return FALSE;

  if (g_str_equal (name, "TEL"))
    {
      if (prop->uri || g_ascii_strncasecmp (value, "tel:", 4) == 0)
        {
          const char *number = g_ascii_strncasecmp (value, "tel:", 4) == 0 ? value + 4 : value;
          char *end = strchr (number, ';');

          add_ranked (card->phones, card->seen_phones,
                      g_strndup (number, end ? (gsize) (end - number) : strlen (number)), prop->pref);
        }
      else
        add_ranked (card->phones, card->seen_phones, unescape (value, strlen (value), card->v21),
                    prop->pref);
      return TRUE;
    }
  if (g_str_equal (name, "EMAIL"))
    {
      char *email = unescape (value, strlen (value), card->v21);

      if (g_ascii_strncasecmp (email, "mailto:", 7) == 0)
        memmove (email, email + 7, strlen (email + 7) + 1);
      add_ranked (card->emails, card->seen_emails, email, prop->pref);
      return TRUE;
    }
  if (g_str_equal (name, "N"))
    {
      g_auto(GStrv) parts = NULL;

      if (card->have_n)
        return TRUE;
      card->have_n = TRUE;
      parts = split_unescape (value, ';', card->v21);
      card->family = g_strdup (parts[0]);
      card->given = g_strdup (parts[1]);
      return TRUE;
    }
  if (g_str_equal (name, "ADR"))
    {
      if (card->adr == NULL || prop->pref < card->adr_pref)
        {
          g_strfreev (card->adr);
          card->adr = split_unescape (value, ';', card->v21);
          card->adr_pref = prop->pref;
        }
      return TRUE;
    }
  if (g_str_equal (name, "ORG"))
    {
      g_auto(GStrv) parts = NULL;

      if (card->org)
        return TRUE;
      parts = split_unescape (value, ';', card->v21);
      if (*parts[0])
        card->org = g_strdup (parts[0]);
      return TRUE;
    }
  if (g_str_equal (name, "CATEGORIES"))
    {
      g_auto(GStrv) parts = split_unescape (value, ',', card->v21);

      for (guint i = 0; parts[i]; i++)
        if (*parts[i])
          g_ptr_array_add (card->tags, g_strdup (parts[i]));
      return TRUE;
    }
  if (g_str_equal (name, "X-TOURDESK-ID") || g_str_equal (name, "X-TOURDESK-DOCUMENT"))
    {
      g_autofree char *number = g_strstrip (unescape (value, strlen (value), card->v21));
      gboolean primary = g_str_equal (name, "X-TOURDESK-ID");
      JsonObject *target;

      if (*number == '\0' || (primary && card->have_id))
        return TRUE;
      if (primary)
        {
          card->have_id = TRUE;
          target = card->row->values;
          set_text (target, "id_type", prop->types->str);
          set_text (target, "id_number", number);
          set_text (target, "id_country", prop->country);
          set_text (target, "id_expiry", prop->expiry);
        }
      else
        {
          target = json_object_new ();
          set_text (target, "doc_type", prop->types->str);
          set_text (target, "number", number);
          set_text (target, "country", prop->country);
          set_text (target, "expiry", prop->expiry);
          g_ptr_array_add (card->row->documents, target);
        }
      return TRUE;
    }

  /* one text value */
  {
    char *unescaped = g_strstrip (unescape (value, strlen (value), card->v21));

    g_free (value);
    value = unescaped;
  }

  if (g_str_equal (name, "FN"))
    {
      if (card->fn == NULL && *value)
        card->fn = g_steal_pointer (&value);
    }
  else if (g_str_equal (name, "KIND"))
    {
      if (g_ascii_strcasecmp (value, "org") == 0 || g_ascii_strcasecmp (value, "organization") == 0)
        card->kind_org = 1;
      else if (g_ascii_strcasecmp (value, "individual") == 0)
        card->kind_org = 0;
    }
  else if (g_str_equal (name, "X-ABSHOWAS"))
    {
      if (g_ascii_strcasecmp (value, "COMPANY") == 0 && card->kind_org < 0)
        card->kind_org = 1;
    }
  else if (g_str_equal (name, "GENDER") || g_str_equal (name, "X-GENDER"))
    {
      if (card->gender == NULL)
        card->gender = parse_gender (value);
    }
  else if (g_str_equal (name, "X-WAB-GENDER"))
    {
      /* Outlook: 1 female, 2 male */
      if (card->gender == NULL)
        card->gender = g_str_equal (value, "1") ? "female" : g_str_equal (value, "2") ? "male" : NULL;
    }
  else if (g_str_equal (name, "BDAY"))
    {
      if (!card->have_bday)
        {
          card->have_bday = TRUE;
          card->birth_date = parse_birth_date (value, prop->omit_year);
        }
    }
  else if (g_str_equal (name, "NOTE"))
    {
      if (*value)
        {
          if (card->notes->len)
            g_string_append_c (card->notes, '\n');
          g_string_append (card->notes, value);
        }
    }
  else if (g_str_equal (name, "LANG"))
    {
      if (*value && (card->language == NULL || prop->pref < card->language_pref))
        {
          set_str (&card->language, value);
          card->language_pref = prop->pref;
        }
    }
  else if (g_str_equal (name, "PRODID"))
    card->ours = strstr (value, "//Tourdesk//") != NULL;
  return TRUE;

bad_photo:
  g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
               _("Line %u: the photo is damaged: its base64 data is not valid"), prop->line);
  return FALSE;
}

/* The text of a BEGIN, END or VERSION line, trimmed. */
static char *
plain_value (Prop *prop)
{
  return g_strstrip (g_strndup (prop->value, prop->value_len));
}

/* One logical line: text[0, len), its name and parameters before colon. */
static gboolean
parser_line (Parser      *ps,
             const char  *text,
             gsize        len,
             gssize       colon,
             guint        line,
             GError     **error)
{
  g_auto(Prop) prop = { { 0 } };
  gsize i;

  for (i = 0; i < len && g_ascii_isspace (text[i]); i++)
    ;
  if (i == len)
    return TRUE;  /* blank lines are common between contacts */

  if (colon < 0)
    {
      const char *c = memchr (text, ':', len);

      if (c == NULL)
        {
          g_autofree char *quoted = quote_line (text, len);

          g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                       _("Line %u: “%s” has no “:” between the property and its value"),
                       line, quoted);
          return FALSE;
        }
      colon = c - text;
    }

  if (!prop_parse (&prop, text, len, (gsize) colon, line, error))
    return FALSE;

  if (g_str_equal (prop.name, "BEGIN"))
    {
      g_autofree char *what = plain_value (&prop);

      if (g_ascii_strcasecmp (what, "VCARD") != 0)
        {
          g_autofree char *quoted = quote_line (text, len);

          g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                       _("Line %u: “%s” starts something other than a vCard"),
                       line, quoted);
          return FALSE;
        }
      if (ps->card)
        {
          g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                       _("Line %u: BEGIN:VCARD inside the vCard that begins on line %u, which has no END:VCARD"),
                       line, ps->card->begin_line);
          return FALSE;
        }
      ps->card = card_new (line);
      ps->seen_begin = TRUE;
      return TRUE;
    }

  if (ps->card == NULL)
    {
      g_autofree char *quoted = quote_line (text, len);

      if (g_str_equal (prop.name, "END"))
        g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                     _("Line %u: END:VCARD without a BEGIN:VCARD before it"), line);
      else
        g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                     _("Line %u: “%s” is outside any vCard (not between BEGIN:VCARD and END:VCARD)"),
                     line, quoted);
      return FALSE;
    }

  if (g_str_equal (prop.name, "END"))
    {
      g_autofree char *what = plain_value (&prop);

      if (g_ascii_strcasecmp (what, "VCARD") != 0)
        {
          g_autofree char *quoted = quote_line (text, len);

          g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                       _("Line %u: “%s” where END:VCARD should close the vCard that begins on line %u"),
                       line, quoted, ps->card->begin_line);
          return FALSE;
        }
      g_ptr_array_add (ps->rows, card_finish (g_steal_pointer (&ps->card)));
      return TRUE;
    }

  if (g_str_equal (prop.name, "VERSION"))
    {
      g_autofree char *version = plain_value (&prop);

      if (!g_str_equal (version, "2.1") && !g_str_equal (version, "3.0") && !g_str_equal (version, "4.0"))
        {
          g_autofree char *quoted = quote_line (version, strlen (version));

          g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                       _("Line %u: vCard version “%s” is not supported (2.1, 3.0 and 4.0 are)"),
                       line, quoted);
          return FALSE;
        }
      ps->card->v21 = g_str_equal (version, "2.1");
      return TRUE;
    }

  return card_add (ps->card, &prop, error);
}

/* The logical line being gathered from physical lines. */
typedef struct {
  GString  *text;
  guint     line;
  gboolean  open;
  gssize    colon;        /* -1 while not found */
  gsize     scanned;      /* how far colon was looked for */
  gboolean  quoted;       /* inside "…" at scanned */
  gboolean  qp;           /* quoted-printable: a final “=” joins the next line */
  gboolean  b64;          /* base64: 2.1 continues it on unindented lines */
} Logical;

static void
logical_find_colon (Logical *logical)
{
  const char *s = logical->text->str;
  gsize i;

  for (i = logical->scanned; i < logical->text->len; i++)
    {
      if (s[i] == '"')
        logical->quoted = !logical->quoted;
      else if (s[i] == ':' && !logical->quoted)
        break;
    }
  logical->scanned = i;
  if (i == logical->text->len)
    return;

  logical->colon = (gssize) i;
  for (gsize j = 0; j < i; j++)
    if (s[j] == ';' || s[j] == '=')
      {
        const char *word = s + j + 1;
        gsize left = i - j - 1;

        if (left >= 16 && g_ascii_strncasecmp (word, "QUOTED-PRINTABLE", 16) == 0 &&
            (left == 16 || word[16] == ';'))
          logical->qp = TRUE;
        else if (left >= 6 && g_ascii_strncasecmp (word, "BASE64", 6) == 0 &&
                 (left == 6 || word[6] == ';'))
          logical->b64 = TRUE;
        else if (s[j] == '=' && left >= 1 && g_ascii_tolower (word[0]) == 'b' &&
                 (left == 1 || word[1] == ';'))
          logical->b64 = TRUE;
      }
}

static gboolean
all_base64 (const char *s,
            gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (b64_value (s[i]) < 0 && s[i] != '=')
      return FALSE;
  return TRUE;
}

/* Line number of offset (< its length) in data. */
static guint
line_of (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n'))
      line++;
  return line;
}

static gboolean
has_begin_vcard (const char *data,
                 gsize       length)
{
  for (gsize i = 0; i + 11 <= length; i++)
    if ((i == 0 || data[i - 1] == '\n' || data[i - 1] == '\r') &&
        g_ascii_strncasecmp (data + i, "BEGIN:VCARD", 11) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_all (Parser      *ps,
           const char  *data,
           gsize        length,
           GError     **error)
{
  Logical logical = { g_string_sized_new (256), 0, FALSE, -1, 0, FALSE, FALSE, FALSE };
  gsize pos = 0;
  guint number = 1;
  gboolean ok = TRUE, soft_break = FALSE;

  while (ok && pos < length)
    {
      const char *s = data + pos;
      gsize len = 0;
      guint line = number++;

      while (pos + len < length && s[len] != '\r' && s[len] != '\n')
        len++;
      pos += len;
      if (pos < length && data[pos] == '\r')
        {
          pos++;
          if (pos < length && data[pos] == '\n')
            pos++;
        }
      else if (pos < length && data[pos] == '\n')
        pos++;

      if (logical.open && soft_break)
        g_string_append_len (logical.text, s, (gssize) len);
      else if (logical.open && len > 0 && (s[0] == ' ' || s[0] == '\t'))
        g_string_append_len (logical.text, s + 1, (gssize) len - 1);
      else if (logical.open && logical.b64 && ps->card && ps->card->v21 && all_base64 (s, len))
        g_string_append_len (logical.text, s, (gssize) len);
      else
        {
          if (logical.open)
            ok = parser_line (ps, logical.text->str, logical.text->len, logical.colon,
                              logical.line, error);
          g_string_truncate (logical.text, 0);
          g_string_append_len (logical.text, s, (gssize) len);
          logical.line = line;
          logical.open = TRUE;
          logical.colon = -1;
          logical.scanned = 0;
          logical.quoted = logical.qp = logical.b64 = FALSE;
        }

      if (logical.colon < 0)
        logical_find_colon (&logical);
      soft_break = logical.qp && logical.text->len > (gsize) logical.colon + 1 &&
                   logical.text->str[logical.text->len - 1] == '=';
      if (soft_break)
        g_string_truncate (logical.text, logical.text->len - 1);
    }
  if (ok && logical.open)
    ok = parser_line (ps, logical.text->str, logical.text->len, logical.colon, logical.line, error);
  g_string_free (logical.text, TRUE);

  if (ok && ps->card)
    {
      g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_SYNTAX,
                   _("Line %u: the vCard that begins here has no END:VCARD"), ps->card->begin_line);
      ok = FALSE;
    }
  return ok;
}

GPtrArray *
td_vcard_parse (const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(GError) local = NULL;
  Parser ps = { NULL, NULL, FALSE };
  const char *nul;
  gsize i;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  for (i = 0; i < length && g_ascii_isspace (data[i]); i++)
    ;
  if (i == length)
    {
      g_set_error_literal (error, TD_VCARD_ERROR, TD_VCARD_ERROR_EMPTY, _("The file is empty"));
      return NULL;
    }

  nul = memchr (data, '\0', length);
  if (nul)
    {
      g_set_error (error, TD_VCARD_ERROR, TD_VCARD_ERROR_ENCODING,
                   _("Line %u: the file holds NUL bytes, so it is not UTF-8 text (UTF-16 perhaps); save it as UTF-8 and import it again"),
                   line_of (data, (gsize) (nul - data)));
      return NULL;
    }

  ps.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) td_customer_row_free);
  if (!parse_all (&ps, data, length, &local) || ps.rows->len == 0)
    {
      card_free (ps.card);
      g_ptr_array_unref (ps.rows);
      if (!ps.seen_begin && !has_begin_vcard (data, length))
        g_set_error_literal (error, TD_VCARD_ERROR, TD_VCARD_ERROR_EMPTY,
                             _("The file holds no vCard: no line says BEGIN:VCARD"));
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return ps.rows;
}
