/* td-csv.c: comma-separated values as spreadsheets write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-csv.h"

G_DEFINE_QUARK (td-csv-error-quark, td_csv_error)

struct _TdCsvReader {
  const char *text;
  const char *end;
  const char *p;
  char        delimiter;
  guint       line;         /* of p */
  guint       record_line;  /* where the current record starts */
  GString    *buffer;       /* the fields, each ended by a NUL */
  GArray     *offsets;      /* guint: where each field starts in buffer */
  GPtrArray  *fields;       /* pointers into buffer, NULL-terminated */
};

/* The delimiter with the most uses outside quotes on the line at p; comma
 * on a tie or when there is none. */
static char
guess_delimiter (const char *p,
                 const char *end)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == '\t')
        tabs++;
    }
  if (tabs > commas && tabs >= semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

/* Moves p past one line end, if it is at one. */
static gboolean
skip_line_end (TdCsvReader *self)
{
  if (self->p < self->end && *self->p == '\r')
    {
      self->p++;
      if (self->p < self->end && *self->p == '\n')
        self->p++;
      self->line++;
      return TRUE;
    }
  if (self->p < self->end && *self->p == '\n')
    {
      self->p++;
      self->line++;
      return TRUE;
    }
  return FALSE;
}

TdCsvReader *
td_csv_reader_new (const char *text,
                   gsize       length,
                   char        delimiter)
{
  TdCsvReader *self = g_new0 (TdCsvReader, 1);
  const char *first;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  self->text = text ? text : "";
  self->end = self->text + length;
  self->p = self->text;
  self->line = 1;
  self->buffer = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->fields = g_ptr_array_new ();

  /* Excel's “sep=;” line names the delimiter */
  if (length >= 5 && g_ascii_strncasecmp (self->text, "sep=", 4) == 0
      && strchr (",;\t|", self->text[4]) != NULL
      && (length == 5 || self->text[5] == '\r' || self->text[5] == '\n'))
    {
      if (delimiter == 0)
        delimiter = self->text[4];
      self->p += 5;
      skip_line_end (self);
    }

  /* the first line with something on it (the header, usually) */
  first = self->p;
  while (first < self->end && g_ascii_isspace (*first))
    first++;
  while (first > self->p && first[-1] != '\n' && first[-1] != '\r')
    first--;
  self->delimiter = delimiter ? delimiter : guess_delimiter (first, self->end);
  return self;
}

void
td_csv_reader_free (TdCsvReader *self)
{
  if (self == NULL)
    return;
  g_string_free (self->buffer, TRUE);
  g_array_unref (self->offsets);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

char
td_csv_reader_get_delimiter (TdCsvReader *self)
{
  return self->delimiter;
}

static void
end_field (TdCsvReader *self,
           guint        start)
{
  g_string_append_c (self->buffer, '\0');
  g_array_append_val (self->offsets, start);
}

static gboolean
record_is_blank (TdCsvReader *self)
{
  for (const char *q = self->buffer->str; q < self->buffer->str + self->buffer->len; q++)
    if (*q != '\0' && !g_ascii_isspace (*q))
      return FALSE;
  return TRUE;
}

/* One record into buffer and offsets; FALSE at the end or on an error. */
static gboolean
read_record (TdCsvReader  *self,
             GError      **error)
{
  const char delimiter = self->delimiter;
  guint start;

  g_string_truncate (self->buffer, 0);
  g_array_set_size (self->offsets, 0);
  if (self->p >= self->end)
    return FALSE;

  self->record_line = self->line;
  start = 0;
  for (;;)
    {
      const char *p = self->p;

      /* a quoted field: leading spaces before the quote are dropped */
      while (p < self->end && *p == ' ')
        p++;
      if (p < self->end && *p == '"')
        {
          guint quote_line = self->line;

          self->p = p + 1;
          for (;;)
            {
              const char *q = self->p;

              /* copy the run up to the next quote or line end at once */
              while (q < self->end && *q != '"' && *q != '\r' && *q != '\n')
                q++;
              g_string_append_len (self->buffer, self->p, q - self->p);
              self->p = q;
              if (q >= self->end)
                {
                  g_set_error (error, TD_CSV_ERROR, TD_CSV_ERROR_UNTERMINATED,
                               _("Line %u: the quoted field that starts here is never closed (a closing “\"” is missing)"),
                               quote_line);
                  return FALSE;
                }
              if (*q == '"')
                {
                  if (q + 1 < self->end && q[1] == '"')
                    {
                      g_string_append_c (self->buffer, '"');
                      self->p = q + 2;
                      continue;
                    }
                  self->p = q + 1;
                  break;
                }
              skip_line_end (self);
              g_string_append_c (self->buffer, '\n');
            }
        }

      /* unquoted text, or what follows a closing quote */
      {
        const char *q = self->p;

        while (q < self->end && *q != delimiter && *q != '\r' && *q != '\n')
          q++;
        g_string_append_len (self->buffer, self->p, q - self->p);
        self->p = q;
      }

      end_field (self, start);
      start = (guint) self->buffer->len;

      if (self->p < self->end && *self->p == delimiter)
        {
          self->p++;
          continue;
        }
      /* a line end or the end of the text ends the record */
      skip_line_end (self);
      if (record_is_blank (self))
        {
          if (self->p >= self->end)
            return FALSE;
          g_string_truncate (self->buffer, 0);
          g_array_set_size (self->offsets, 0);
          self->record_line = self->line;
          start = 0;
          continue;
        }
      return TRUE;
    }
}

gboolean
td_csv_reader_next (TdCsvReader  *self,
                    GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  g_ptr_array_set_size (self->fields, 0);
  if (!read_record (self, error))
    {
      g_ptr_array_add (self->fields, NULL);
      g_array_set_size (self->offsets, 0);
      return FALSE;
    }
  for (guint i = 0; i < self->offsets->len; i++)
    g_ptr_array_add (self->fields, self->buffer->str + g_array_index (self->offsets, guint, i));
  g_ptr_array_add (self->fields, NULL);
  return TRUE;
}

guint
td_csv_reader_get_line (TdCsvReader *self)
{
  return self->record_line;
}

guint
td_csv_reader_get_n_fields (TdCsvReader *self)
{
  return self->offsets->len;
}

const char * const *
td_csv_reader_get_fields (TdCsvReader *self)
{
  return (const char * const *) self->fields->pdata;
}

gsize
td_csv_reader_get_position (TdCsvReader *self)
{
  return (gsize) (self->p - self->text);
}

/* ------------------------------------------------------------------ */
/* writing                                                            */

/* Digits, spaces and the punctuation phone numbers and amounts use. */
static gboolean
looks_like_number (const char *text)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr (" -.,()/", *p) == NULL)
        return FALSE;
    }
  return digit;
}

gboolean
td_csv_needs_formula_guard (const char *value)
{
  if (value == NULL)
    return FALSE;
  switch (value[0])
    {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    case '+':
    case '-':
      /* “-2+3+cmd|…” starts with a digit too: only a plain number stays */
      return !g_ascii_isdigit (value[1]) || !looks_like_number (value + 1);
    default:
      return FALSE;
    }
}

const char *
td_csv_unguard (const char *value)
{
  if (value && value[0] == '\'' && td_csv_needs_formula_guard (value + 1))
    return value + 1;
  return value;
}

void
td_csv_append_record (GString            *out,
                      const char * const *values,
                      guint               n,
                      char                delimiter)
{
  for (guint i = 0; i < n; i++)
    {
      const char *value = values[i] ? values[i] : "";
      gboolean guard = td_csv_needs_formula_guard (value);
      gsize len = strlen (value);
      gboolean quote;

      if (i > 0)
        g_string_append_c (out, delimiter);
      quote = strchr (value, delimiter) != NULL || strpbrk (value, "\"\r\n") != NULL
              || (len > 0 && (value[0] == ' ' || value[len - 1] == ' '));
      if (!quote && !guard)
        {
          g_string_append_len (out, value, (gssize) len);
          continue;
        }
      if (quote)
        g_string_append_c (out, '"');
      if (guard)
        g_string_append_c (out, '\'');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      if (quote)
        g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}
