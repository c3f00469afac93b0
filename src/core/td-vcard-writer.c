/* td-vcard-writer.c: customers written as vCard 4.0 (RFC 6350)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-vcard.h"
#include "td-vcard-private.h"

/* octets in a written line, without its CRLF (RFC 6350 3.2) */
#define FOLD_OCTETS 75

/* Appends line (name, parameters and value) folded at FOLD_OCTETS octets
 * between characters, and CRLF. */
static void
append_folded (GString    *out,
               const char *line,
               gsize       len)
{
  gsize column = 0;

  for (gsize i = 0; i < len; )
    {
      gsize n = 1;

      while (i + n < len && ((guchar) line[i + n] & 0xC0) == 0x80 && n < 4)
        n++;
      if (column + n > FOLD_OCTETS)
        {
          g_string_append (out, "\r\n ");
          column = 1;
        }
      g_string_append_len (out, line + i, (gssize) n);
      column += n;
      i += n;
    }
  g_string_append (out, "\r\n");
}

/* text escaped as a vCard text value (and component of N or ADR) */
static void
append_escaped (GString    *line,
                const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    switch (*p)
      {
      case '\\':
      case ',':
      case ';':
        g_string_append_c (line, '\\');
        g_string_append_c (line, *p);
        break;
      case '\r':
        if (p[1] == '\n')
          p++;
        g_string_append (line, "\\n");
        break;
      case '\n':
        g_string_append (line, "\\n");
        break;
      default:
        g_string_append_c (line, *p);
        break;
      }
}

/* ;NAME=value, quoted and ^-escaped (RFC 6868) when it needs to be */
static void
append_param (GString    *line,
              const char *name,
              const char *value)
{
  gboolean quote = strpbrk (value, ":;,\"^\n\r") != NULL;

  g_string_append_printf (line, ";%s=", name);
  if (quote)
    g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    switch (*p)
      {
      case '"':
        g_string_append (line, "^'");
        break;
      case '^':
        g_string_append (line, "^^");
        break;
      case '\n':
        g_string_append (line, "^n");
        break;
      case '\r':
        break;
      default:
        g_string_append_c (line, *p);
        break;
      }
  if (quote)
    g_string_append_c (line, '"');
}

/* A string member, NULL when absent, not text or empty. */
static const char *
get_text (JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  return text && *text ? text : NULL;
}

static void
flush_line (GString *out,
            GString *line)
{
  append_folded (out, line->str, line->len);
  g_string_truncate (line, 0);
}

static void
write_text (GString    *out,
            GString    *line,
            const char *name,
            const char *text)
{
  if (text == NULL)
    return;
  g_string_append_printf (line, "%s:", name);
  append_escaped (line, text);
  flush_line (out, line);
}

static gboolean
is_e164 (const char *number)
{
  if (number[0] != '+' || number[1] == '\0')
    return FALSE;
  for (const char *p = number + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
write_phone (GString    *out,
             GString    *line,
             const char *number,
             gboolean    preferred)
{
  gboolean mobile = strlen (number) == 11 && number[0] == '1';

  g_string_append (line, "TEL");
  if (is_e164 (number))
    g_string_append (line, ";VALUE=uri");
  g_string_append (line, mobile ? ";TYPE=cell" : ";TYPE=voice");
  if (preferred)
    g_string_append (line, ";PREF=1");
  g_string_append_c (line, ':');
  if (is_e164 (number))
    g_string_append_printf (line, "tel:%s", number);
  else
    append_escaped (line, number);
  flush_line (out, line);
}

static void
write_item (GString    *out,
            GString    *line,
            const char *name,
            const char *item,
            gboolean    preferred)
{
  if (g_str_equal (name, "TEL"))
    {
      write_phone (out, line, item, preferred);
      return;
    }
  g_string_append (line, name);
  if (preferred)
    g_string_append (line, ";PREF=1");
  g_string_append_c (line, ':');
  append_escaped (line, item);
  flush_line (out, line);
}

/* TEL or EMAIL: the first preferred, then the others (comma-separated) */
static void
write_list (GString    *out,
            GString    *line,
            const char *name,
            const char *first,
            const char *others)
{
  g_auto(GStrv) rest = g_strsplit (others ? others : "", ",", -1);

  if (first)
    write_item (out, line, name, first, TRUE);
  for (guint i = 0; rest[i]; i++)
    {
      g_strstrip (rest[i]);
      if (*rest[i] && g_strcmp0 (rest[i], first) != 0)
        write_item (out, line, name, rest[i], FALSE);
    }
}

/* X-TOURDESK-ID / X-TOURDESK-DOCUMENT;TYPE=passport;X-COUNTRY=…;X-EXPIRY=…:number */
static void
write_document (GString    *out,
                GString    *line,
                const char *name,
                const char *type,
                const char *number,
                const char *country,
                const char *expiry)
{
  if (number == NULL)
    return;
  g_string_append (line, name);
  if (type)
    append_param (line, "TYPE", type);
  if (country)
    append_param (line, "X-COUNTRY", country);
  if (expiry)
    append_param (line, "X-EXPIRY", expiry);
  g_string_append_c (line, ':');
  append_escaped (line, number);
  flush_line (out, line);
}

void
td_vcard_write (GString    *out,
                JsonObject *customer,
                GPtrArray  *documents)
{
  g_autoptr(GString) line = g_string_sized_new (128);
  g_autofree char *built = NULL;
  const char *name, *gender, *birth, *updated, *id, *tags;
  const char *province, *city, *district;
  gboolean organisation;

  g_return_if_fail (out != NULL);
  g_return_if_fail (customer != NULL);

  organisation = g_strcmp0 (get_text (customer, "party"), "organisation") == 0;
  name = get_text (customer, "name");
  if (name == NULL)
    name = built = td_customer_format_name (get_text (customer, "family_name"),
                                            get_text (customer, "given_name"));

  g_string_append (out, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
  append_folded (out, "PRODID:-//Tourdesk//Tourdesk " PACKAGE_VERSION "//EN",
                 strlen ("PRODID:-//Tourdesk//Tourdesk " PACKAGE_VERSION "//EN"));
  id = get_text (customer, "id");
  if (id)
    {
      g_string_append_printf (line, "UID:urn:uuid:%s", id);
      flush_line (out, line);
    }
  if (organisation)
    {
      g_string_append (out, "KIND:org\r\n");
      write_text (out, line, "FN", name);
      write_text (out, line, "ORG", name);
    }
  else
    write_text (out, line, "FN", name);
  if (!organisation || get_text (customer, "family_name") || get_text (customer, "given_name"))
    {
      g_string_append (line, "N:");
      append_escaped (line, get_text (customer, "family_name"));
      g_string_append_c (line, ';');
      append_escaped (line, get_text (customer, "given_name"));
      g_string_append (line, ";;;");
      flush_line (out, line);
    }

  gender = get_text (customer, "gender");
  if (g_strcmp0 (gender, "female") == 0)
    g_string_append (out, "GENDER:F\r\n");
  else if (g_strcmp0 (gender, "male") == 0)
    g_string_append (out, "GENDER:M\r\n");
  else if (g_strcmp0 (gender, "other") == 0)
    g_string_append (out, "GENDER:O\r\n");

  birth = get_text (customer, "birth_date");
  if (birth)
    {
      guint y, m, d;

      /* RFC 6350 dates are 19900307; anything else is written as text */
      if (strlen (birth) == 10 && _td_vcard_digits (birth, 4, &y) && birth[4] == '-' &&
          _td_vcard_digits (birth + 5, 2, &m) && birth[7] == '-' && _td_vcard_digits (birth + 8, 2, &d) &&
          g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        g_string_append_printf (line, "BDAY:%.4s%.2s%.2s", birth, birth + 5, birth + 8);
      else
        {
          g_string_append (line, "BDAY;VALUE=text:");
          append_escaped (line, birth);
        }
      flush_line (out, line);
    }

  write_list (out, line, "TEL", get_text (customer, "phone"), get_text (customer, "other_phones"));
  write_list (out, line, "EMAIL", get_text (customer, "email"), get_text (customer, "other_emails"));

  /* ADR: post office box; extended address (our district); street;
   * locality; region; postal code; country */
  province = get_text (customer, "province");
  city = get_text (customer, "city");
  district = get_text (customer, "district");
  if (province || city || district)
    {
      g_string_append (line, "ADR:;");
      append_escaped (line, district);
      g_string_append (line, ";;");
      append_escaped (line, city);
      g_string_append_c (line, ';');
      append_escaped (line, province);
      g_string_append (line, ";;");
      flush_line (out, line);
    }

  write_text (out, line, "LANG", get_text (customer, "language"));
  write_text (out, line, "NOTE", get_text (customer, "notes"));

  tags = get_text (customer, "tags");
  if (tags)
    {
      g_auto(GStrv) items = g_strsplit (tags, ",", -1);
      gboolean first = TRUE;

      g_string_append (line, "CATEGORIES:");
      for (guint i = 0; items[i]; i++)
        {
          g_strstrip (items[i]);
          if (*items[i] == '\0')
            continue;
          if (!first)
            g_string_append_c (line, ',');
          append_escaped (line, items[i]);
          first = FALSE;
        }
      if (first)
        g_string_truncate (line, 0);
      else
        flush_line (out, line);
    }

  write_document (out, line, "X-TOURDESK-ID", get_text (customer, "id_type"),
                  get_text (customer, "id_number"), get_text (customer, "id_country"),
                  get_text (customer, "id_expiry"));
  for (guint i = 0; documents && i < documents->len; i++)
    {
      JsonObject *document = g_ptr_array_index (documents, i);

      if (json_object_has_member (document, "deleted") &&
          json_object_get_boolean_member (document, "deleted"))
        continue;
      write_document (out, line, "X-TOURDESK-DOCUMENT", get_text (document, "doc_type"),
                      get_text (document, "number"), get_text (document, "country"),
                      get_text (document, "expiry"));
    }

  updated = get_text (customer, "updated_at");
  if (updated)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (updated, NULL);

      if (when)
        {
          g_autoptr(GDateTime) utc = g_date_time_to_utc (when);
          g_autofree char *rev = g_date_time_format (utc, "REV:%Y%m%dT%H%M%SZ\r\n");

          g_string_append (out, rev);
        }
    }
  g_string_append (out, "END:VCARD\r\n");
}
