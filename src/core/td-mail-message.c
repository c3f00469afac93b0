/* td-mail-message.c: building an e-mail (RFC 5322, MIME, RFC 2047)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-mail-message.h"

gboolean
td_mail_address_is_valid (const char *address)
{
  const char *at;

  if (address == NULL || *address == '\0' || strlen (address) > 254)
    return FALSE;
  for (const char *p = address; *p; p++)
    if ((guchar) *p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == '\\' || (guchar) *p >= 0x7f)
      return FALSE;
  at = strchr (address, '@');
  return at && at != address && strchr (at + 1, '@') == NULL && strchr (at + 1, '.') != NULL
         && at[1] != '.' && address[strlen (address) - 1] != '.';
}

static gboolean
is_plain_ascii (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      return FALSE;
  return strstr (text, "=?") == NULL;
}

/* "=?UTF-8?B?…?=" words: 75 characters at most, so at most 45 bytes of
 * text each (60 of base64 plus 12 of wrapping), split between characters */
#define WORD_BYTES 45

char *
td_mail_encode_header (const char *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (is_plain_ascii (text))
    return g_strdup (text);

  out = g_string_new (NULL);
  p = text;
  while (*p)
    {
      const char *end = p;
      g_autofree char *b64 = NULL;

      /* whole characters up to WORD_BYTES */
      while (*end)
        {
          const char *next = g_utf8_next_char (end);

          if (next - p > WORD_BYTES)
            break;
          end = next;
        }
      if (end == p)  /* cannot happen with valid UTF-8 */
        end = g_utf8_next_char (p);
      b64 = g_base64_encode ((const guchar *) p, end - p);
      if (out->len)
        g_string_append (out, "\r\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", b64);
      p = end;
    }
  return g_string_free (out, FALSE);
}

static void
append_address (GString    *out,
                const char *header,
                const char *name,
                const char *address)
{
  g_string_append_printf (out, "%s: ", header);
  if (name && *name)
    {
      if (is_plain_ascii (name) && strpbrk (name, "\"\\()<>[]:;@,.") == NULL)
        g_string_append_printf (out, "%s ", name);
      else if (is_plain_ascii (name))
        {
          g_string_append_c (out, '"');
          for (const char *p = name; *p; p++)
            {
              if (*p == '"' || *p == '\\')
                g_string_append_c (out, '\\');
              g_string_append_c (out, *p);
            }
          g_string_append (out, "\" ");
        }
      else
        {
          g_autofree char *encoded = td_mail_encode_header (name);

          g_string_append_printf (out, "%s ", encoded);
        }
    }
  g_string_append_printf (out, "<%s>\r\n", address);
}

GBytes *
td_mail_message_build (const TdMailMessage *message,
                       char               **message_id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *id = NULL;
  g_autofree char *b64 = NULL;
  gsize len;

  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (message->from_address && message->to_address, NULL);

  date = message->date ? g_date_time_new_from_unix_utc (message->date) : g_date_time_new_now_utc ();
  /* RFC 5322 date, in English whatever the locale */
  {
    static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

    date_text = g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d +0000",
                                 days[g_date_time_get_day_of_week (date) - 1],
                                 g_date_time_get_day_of_month (date),
                                 months[g_date_time_get_month (date) - 1],
                                 g_date_time_get_year (date),
                                 g_date_time_get_hour (date),
                                 g_date_time_get_minute (date),
                                 g_date_time_get_second (date));
  }
  if (message->message_id)
    id = g_strdup (message->message_id);
  else
    {
      const char *domain = strchr (message->from_address, '@');
      g_autofree char *uuid = g_uuid_string_random ();

      id = g_strdup_printf ("%s@%s", uuid, domain ? domain + 1 : "tourdesk.invalid");
    }

  append_address (out, "From", message->from_name, message->from_address);
  append_address (out, "To", message->to_name, message->to_address);
  subject = td_mail_encode_header (message->subject ? message->subject : "");
  g_string_append_printf (out, "Subject: %s\r\n", subject);
  g_string_append_printf (out, "Date: %s\r\n", date_text);
  g_string_append_printf (out, "Message-ID: <%s>\r\n", id);
  if (message->list_unsubscribe)
    g_string_append_printf (out, "List-Unsubscribe: <%s>\r\n", message->list_unsubscribe);
  g_string_append (out, "MIME-Version: 1.0\r\n"
                        "Content-Type: text/plain; charset=UTF-8\r\n"
                        "Content-Transfer-Encoding: base64\r\n"
                        "\r\n");

  /* the body with CRLF line ends, then base64 in lines of 76 */
  for (const char *p = message->body ? message->body : ""; *p; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '\n')
        g_string_append (body, "\r\n");
      else
        g_string_append_c (body, *p);
    }
  b64 = g_base64_encode ((const guchar *) body->str, body->len);
  len = strlen (b64);
  for (gsize i = 0; i < len; i += 76)
    {
      g_string_append_len (out, b64 + i, MIN (76, len - i));
      g_string_append (out, "\r\n");
    }

  if (message_id)
    *message_id = g_steal_pointer (&id);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
