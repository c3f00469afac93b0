/* td-customer-search.c: finding customers as the clerk types
 *
 * The index is the table customer_search (migration 5): rows of (key,
 * customer rowid), primary key (key, customer), WITHOUT ROWID, kept by
 * triggers on customers, so every write through td_database_commit()
 * updates it in the same transaction. Only live customers have keys. A key
 * is one tag character and a text; every kind of search is then a range scan
 * of the keys that start with tag + query (“key >= 'N张伟' AND key < 'N张伟\xff'”),
 * read in key order and stopped as soon as enough has been found:
 *
 *   N  the name, normalised (NFKC, case folded, spaces collapsed)    exact, prefix
 *   n  the name from each Chinese character or word but the first     substring
 *      (张伟明 → 伟明, 明): 1 and 2 characters find given names, which
 *      SQLite's trigram tokenizer cannot (it needs 3)
 *   I  pinyin initials of the name, every reading of heteronyms         exact, prefix
 *   P  full pinyin of the name, without spaces (zhangweiming)          exact, prefix
 *   T  the phone's digits                                              exact, prefix
 *   r  the phone's digits reversed (last 4 or more)                     suffix
 *   t  the phone's digits from each position but the first, while 4    substring
 *      or more are left
 *   D  the identity number (ASCII letters and digits, upper case)       exact, prefix
 *   d  the identity number reversed (last 4 or more)                    suffix
 *   E  the e-mail, case folded                                          exact, prefix
 *   G  each tag, normalised (since migration 6)                         exact, prefix
 *
 * Other phones and e-mails (since migration 6) have T, r and E keys too.
 *
 * Long keys are cut (see the *_CHARS limits): a longer query scans the keys
 * of its first characters and every candidate is checked against the row
 * itself, which also keeps out anything a key might wrongly still point to.
 *
 * The keys must come out the same for the same values, whichever version of
 * Tourdesk computes them: the triggers delete a row's old keys by computing
 * them again. Changing how keys are made (this file, td-pinyin.c or its
 * table) therefore needs a migration that rebuilds the table (DELETE FROM
 * customer_search, then the INSERT … SELECT of migration 5). Keys point to
 * customers' rowids, which only VACUUM could renumber: Tourdesk never runs it;
 * a future “compact” command must rebuild the index after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer-search-private.h"
#include "td-database-private.h"
#include "td-id-number.h"
#include "td-pinyin.h"

#define TAG_NAME          'N'
#define TAG_NAME_INSIDE   'n'
#define TAG_INITIALS      'I'
#define TAG_PINYIN        'P'
#define TAG_PHONE         'T'
#define TAG_PHONE_END     'r'
#define TAG_PHONE_INSIDE  't'
#define TAG_ID            'D'
#define TAG_ID_END        'd'
#define TAG_EMAIL         'E'
#define TAG_TAG           'G'

/* where keys are cut, in characters */
#define NAME_CHARS        16
#define NAME_INSIDE_CHARS 6
#define PINYIN_CHARS      16
#define EMAIL_CHARS       16
#define TAG_CHARS         16
#define END_CHARS         8
#define PHONE_INSIDE_CHARS 6
/* phone and identity number fragments: at least this many characters */
#define MIN_FRAGMENT      4
/* heteronyms: at most this many readings of a name */
#define INITIALS_VARIANTS 8
#define PINYIN_VARIANTS   4
/* candidates one kind of search reads at most, per result wanted */
#define SCAN_PER_RESULT   20

void
td_customer_hit_free (TdCustomerHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->id);
  g_free (hit->name);
  g_free (hit->phone);
  g_free (hit->email);
  g_free (hit->id_number_masked);
  g_free (hit);
}

/* ------------------------------------------------------------------ */
/* normalising                                                        */

/* NFKC (全角 → ASCII), case folded, spaces and control characters
 * collapsed into one space, trimmed; "" for NULL or invalid UTF-8. */
static char *
normalise (const char *text)
{
  g_autofree char *nfkc = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL || (nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC)) == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (nfkc, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The ASCII letters and digits of text (after NFKC), or only its digits. */
static char *
ascii_only (const char *text,
            gboolean    digits_only,
            gboolean    upper)
{
  g_autofree char *nfkc = NULL;
  GString *out;

  if (text == NULL || (nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC)) == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  for (const char *p = nfkc; *p; p++)
    if (g_ascii_isdigit (*p) || (!digits_only && g_ascii_isalpha (*p)))
      g_string_append_c (out, upper ? g_ascii_toupper (*p) : *p);
  return g_string_free (out, FALSE);
}

static char *
phone_digits (const char *phone)
{
  char *digits = ascii_only (phone, TRUE, FALSE);
  const char *p = phone;

  while (p && g_ascii_isspace (*p))
    p++;
  /* mainland numbers in E.164 (+86…) as clerks write them: mobiles as
   * their 11 digits, landlines with the trunk 0 (0371…) */
  if (p && *p == '+' && g_str_has_prefix (digits, "86") && strlen (digits) > 4)
    {
      char *national = digits[2] == '1' ? g_strdup (digits + 2) : g_strconcat ("0", digits + 2, NULL);

      g_free (digits);
      digits = national;
    }
  return digits;
}

static char *
id_text (const char *id_number)
{
  return ascii_only (id_number, FALSE, TRUE);
}

static char *
email_text (const char *email)
{
  char *text = normalise (email);

  /* no spaces in an address */
  g_strdelimit (text, " ", '\0');
  return text;
}

/* bytes of the first n characters of text */
static gsize
first_chars (const char *text,
             guint       n)
{
  const char *p = text;

  for (guint i = 0; i < n && *p; i++)
    p = g_utf8_next_char (p);
  return (gsize) (p - text);
}

static char *
reversed_ascii (const char *text,
                guint       n)
{
  gsize len = strlen (text);
  char *out = g_new (char, MIN (len, n) + 1);
  gsize i;

  for (i = 0; i < len && i < n; i++)
    out[i] = text[len - 1 - i];
  out[i] = '\0';
  return out;
}

/* Scripts written without spaces: a name can be searched from any of its
 * characters. */
static gboolean
is_unspaced (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA
    || script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL
    || script == G_UNICODE_SCRIPT_BOPOMOFO || script == G_UNICODE_SCRIPT_YI;
}

/* ------------------------------------------------------------------ */
/* the keys of one customer                                           */

typedef struct {
  GPtrArray  *keys;
  GHashTable *seen;
} Keys;

static void
add_key (Keys       *k,
         char        tag,
         const char *text,
         gsize       len)
{
  char *key;

  if (len == 0)
    return;
  key = g_malloc (len + 2);
  key[0] = tag;
  memcpy (key + 1, text, len);
  key[len + 1] = '\0';
  /* g_hash_table_add() would replace an equal key already stored (and
   * owned by k->keys) with this one: look first */
  if (g_hash_table_contains (k->seen, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_add (k->seen, key);
  g_ptr_array_add (k->keys, key);
}

static void
add_name_keys (Keys       *k,
               const char *name)
{
  g_autofree char *nm = normalise (name);
  gunichar previous = 0;
  gboolean han = FALSE;

  if (*nm == '\0')
    return;

  add_key (k, TAG_NAME, nm, first_chars (nm, NAME_CHARS));
  for (const char *p = nm; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      han |= td_pinyin_has_reading (c);
      if (p != nm && c != ' '
          && (is_unspaced (c)
              || (g_unichar_isalnum (c) && (!g_unichar_isalnum (previous) || is_unspaced (previous)))))
        add_key (k, TAG_NAME_INSIDE, p, first_chars (p, NAME_INSIDE_CHARS));
      previous = c;
    }

  if (han)
    {
      g_auto(GStrv) initials = td_pinyin_initials_variants (nm, INITIALS_VARIANTS);
      g_auto(GStrv) full = td_pinyin_full_variants (nm, PINYIN_VARIANTS);

      for (guint i = 0; initials[i]; i++)
        add_key (k, TAG_INITIALS, initials[i], first_chars (initials[i], PINYIN_CHARS));
      for (guint i = 0; full[i]; i++)
        add_key (k, TAG_PINYIN, full[i], first_chars (full[i], PINYIN_CHARS));
    }
}

GPtrArray *
_td_customer_search_keys (const char *name,
                          const char *phone,
                          const char *email,
                          const char *id_number,
                          const char *tags,
                          const char *other_phones,
                          const char *other_emails)
{
  Keys k = { g_ptr_array_new_with_free_func (g_free), g_hash_table_new (g_str_hash, g_str_equal) };
  g_autofree char *digits = phone_digits (phone);
  g_autofree char *id = id_text (id_number);
  g_autofree char *mail = email_text (email);
  gsize len;

  add_name_keys (&k, name);

  len = strlen (digits);
  if (len > 0)
    {
      g_autofree char *end = reversed_ascii (digits, END_CHARS);

      add_key (&k, TAG_PHONE, digits, len);
      add_key (&k, TAG_PHONE_END, end, strlen (end));
      for (gsize i = 1; i + MIN_FRAGMENT <= len; i++)
        add_key (&k, TAG_PHONE_INSIDE, digits + i, MIN (len - i, PHONE_INSIDE_CHARS));
    }

  len = strlen (id);
  if (len > 0)
    {
      g_autofree char *end = reversed_ascii (id, END_CHARS);

      add_key (&k, TAG_ID, id, len);
      add_key (&k, TAG_ID_END, end, strlen (end));
    }

  add_key (&k, TAG_EMAIL, mail, first_chars (mail, EMAIL_CHARS));

  if (other_phones != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (other_phones, ",", -1);

      for (guint i = 0; parts[i]; i++)
        {
          g_autofree char *other = phone_digits (parts[i]);
          g_autofree char *end = reversed_ascii (other, END_CHARS);

          if (*other == '\0')
            continue;
          add_key (&k, TAG_PHONE, other, strlen (other));
          add_key (&k, TAG_PHONE_END, end, strlen (end));
        }
    }
  if (other_emails != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (other_emails, ",", -1);

      for (guint i = 0; parts[i]; i++)
        {
          g_autofree char *other = email_text (parts[i]);

          add_key (&k, TAG_EMAIL, other, first_chars (other, EMAIL_CHARS));
        }
    }

  if (tags != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (tags, ",", -1);

      for (guint i = 0; parts[i]; i++)
        {
          g_autofree char *tag = normalise (parts[i]);

          add_key (&k, TAG_TAG, tag, first_chars (tag, TAG_CHARS));
        }
    }

  g_hash_table_unref (k.seen);
  return k.keys;
}

/* ------------------------------------------------------------------ */
/* SQL functions                                                      */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static const char *
value_text (sqlite3_value *value)
{
  if (sqlite3_value_type (value) == SQLITE_NULL)
    return NULL;
  return (const char *) sqlite3_value_text (value);
}

/* td_customer_search_keys(name, phone, email, id_number[, tags,
 * other_phones, other_emails]): a JSON array of the keys, for json_each()
 * in the triggers (migration 5 calls it with four arguments, migration 6
 * with seven) */
static void
sql_keys (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  g_autoptr(GPtrArray) keys = _td_customer_search_keys (value_text (argv[0]), value_text (argv[1]),
                                                        value_text (argv[2]), value_text (argv[3]),
                                                        argc > 4 ? value_text (argv[4]) : NULL,
                                                        argc > 6 ? value_text (argv[5]) : NULL,
                                                        argc > 6 ? value_text (argv[6]) : NULL);
  GString *json = g_string_new ("[");

  for (guint i = 0; i < keys->len; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      append_json_string (json, g_ptr_array_index (keys, i));
    }
  g_string_append_c (json, ']');
  sqlite3_result_text (context, json->str, (int) json->len, g_free);
  g_string_free (json, FALSE);
}

static void
sql_pinyin (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  const char *text = value_text (argv[0]);
  char *(*func) (const char *) = sqlite3_user_data (context);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, func (text), -1, g_free);
}

gboolean
_td_customer_search_register (sqlite3  *db,
                              GError  **error)
{
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc;

  rc = sqlite3_create_function_v2 (db, "td_customer_search_keys", 4, flags, NULL,
                                   sql_keys, NULL, NULL, NULL);
  /* five: workspaces made by development builds between the two forms */
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "td_customer_search_keys", 5, flags, NULL,
                                     sql_keys, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "td_customer_search_keys", 7, flags, NULL,
                                     sql_keys, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "td_pinyin_initials", 1, flags, td_pinyin_initials,
                                     sql_pinyin, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "td_pinyin_full", 1, flags, td_pinyin_full,
                                     sql_pinyin, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _td_database_set_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* searching                                                          */

typedef enum {
  PROBE_NAME,
  PROBE_INITIALS,
  PROBE_PINYIN,
  PROBE_PHONE,
  PROBE_ID,
  PROBE_EMAIL,
  PROBE_TAG,
  PROBE_PHONE_END,
  PROBE_ID_END,
  PROBE_NAME_INSIDE,
  PROBE_PHONE_INSIDE,
  N_PROBES
} Probe;

/* in the order they run: the best match each can give first */
static const struct {
  char            tag;
  TdCustomerField field;
  TdCustomerMatch best;
} probes[N_PROBES] = {
  [PROBE_NAME]         = { TAG_NAME,         TD_CUSTOMER_FIELD_NAME,      TD_CUSTOMER_MATCH_EXACT },
  [PROBE_INITIALS]     = { TAG_INITIALS,     TD_CUSTOMER_FIELD_PINYIN,    TD_CUSTOMER_MATCH_EXACT },
  [PROBE_PINYIN]       = { TAG_PINYIN,       TD_CUSTOMER_FIELD_PINYIN,    TD_CUSTOMER_MATCH_EXACT },
  [PROBE_PHONE]        = { TAG_PHONE,        TD_CUSTOMER_FIELD_PHONE,     TD_CUSTOMER_MATCH_EXACT },
  [PROBE_ID]           = { TAG_ID,           TD_CUSTOMER_FIELD_ID_NUMBER, TD_CUSTOMER_MATCH_EXACT },
  [PROBE_EMAIL]        = { TAG_EMAIL,        TD_CUSTOMER_FIELD_EMAIL,     TD_CUSTOMER_MATCH_EXACT },
  [PROBE_TAG]          = { TAG_TAG,          TD_CUSTOMER_FIELD_TAG,       TD_CUSTOMER_MATCH_EXACT },
  [PROBE_PHONE_END]    = { TAG_PHONE_END,    TD_CUSTOMER_FIELD_PHONE,     TD_CUSTOMER_MATCH_SUFFIX },
  [PROBE_ID_END]       = { TAG_ID_END,       TD_CUSTOMER_FIELD_ID_NUMBER, TD_CUSTOMER_MATCH_SUFFIX },
  [PROBE_NAME_INSIDE]  = { TAG_NAME_INSIDE,  TD_CUSTOMER_FIELD_NAME,      TD_CUSTOMER_MATCH_SUBSTRING },
  [PROBE_PHONE_INSIDE] = { TAG_PHONE_INSIDE, TD_CUSTOMER_FIELD_PHONE,     TD_CUSTOMER_MATCH_SUBSTRING },
};

#define N_MATCHES (TD_CUSTOMER_MATCH_SUBSTRING + 1)

typedef struct {
  char *text;     /* normalised */
  char *letters;  /* for pinyin: only ASCII letters (spaces and ' dropped), or NULL */
  char *digits;   /* for phones: only digits (+ - ( ) . and spaces dropped), or NULL */
  char *id;       /* for identity numbers: ASCII letters and digits, upper case, or NULL */
  char *email;    /* ASCII without spaces, or NULL */
} Query;

static void
query_clear (Query *q)
{
  g_free (q->text);
  g_free (q->letters);
  g_free (q->digits);
  g_free (q->id);
  g_free (q->email);
}

static void
query_init (Query      *q,
            const char *query)
{
  gboolean letters = TRUE, phone = TRUE, alnum = TRUE, ascii = TRUE;
  guint n_letters = 0, n_digits = 0;

  memset (q, 0, sizeof *q);
  q->text = normalise (query);

  for (const char *p = q->text; *p; p++)
    {
      char c = *p;

      if ((guchar) c >= 0x80)
        ascii = letters = phone = alnum = FALSE;
      else if (g_ascii_isalpha (c))
        {
          n_letters++;
          phone = FALSE;
        }
      else if (g_ascii_isdigit (c))
        {
          n_digits++;
          letters = FALSE;
        }
      else if (c == ' ')
        ;
      else if (c == '\'')
        phone = alnum = FALSE;
      else if (strchr ("+-().", c))
        letters = alnum = FALSE;
      else
        letters = phone = alnum = FALSE;
    }

  if (letters && n_letters > 0)
    q->letters = ascii_only (q->text, FALSE, FALSE);
  if (phone && n_digits > 0)
    q->digits = phone_digits (q->text);
  if (alnum && n_digits > 0 && n_letters + n_digits >= MIN_FRAGMENT)
    q->id = id_text (q->text);
  if (ascii && *q->text && strchr (q->text, ' ') == NULL)
    q->email = g_strdup (q->text);
}

/* tag + the query as the probe's keys hold it, or NULL when the probe
 * does not apply */
static char *
probe_key (const Query *q,
           Probe        probe)
{
  const char *text = NULL;
  g_autofree char *owned = NULL;
  gsize len = 0;

  switch (probe)
    {
    case PROBE_NAME:
      text = q->text;
      len = first_chars (text, NAME_CHARS);
      break;
    case PROBE_NAME_INSIDE:
      text = q->text;
      len = first_chars (text, NAME_INSIDE_CHARS);
      break;
    case PROBE_INITIALS:
    case PROBE_PINYIN:
      text = q->letters;
      len = text ? first_chars (text, PINYIN_CHARS) : 0;
      break;
    case PROBE_PHONE:
      text = q->digits;
      len = text ? strlen (text) : 0;
      break;
    case PROBE_PHONE_END:
    case PROBE_ID_END:
      {
        const char *source = probe == PROBE_PHONE_END ? q->digits : q->id;

        if (source && strlen (source) >= MIN_FRAGMENT)
          {
            text = owned = reversed_ascii (source, END_CHARS);
            len = strlen (text);
          }
      }
      break;
    case PROBE_PHONE_INSIDE:
      if (q->digits && strlen (q->digits) >= MIN_FRAGMENT)
        {
          text = q->digits;
          len = first_chars (text, PHONE_INSIDE_CHARS);
        }
      break;
    case PROBE_ID:
      text = q->id;
      len = text ? strlen (text) : 0;
      break;
    case PROBE_EMAIL:
      text = q->email;
      len = text ? first_chars (text, EMAIL_CHARS) : 0;
      break;
    case PROBE_TAG:
      text = q->text;
      len = first_chars (text, TAG_CHARS);
      break;
    case N_PROBES:
    default:
      g_assert_not_reached ();
    }

  if (text == NULL || len == 0)
    return NULL;
  return g_strdup_printf ("%c%.*s", probes[probe].tag, (int) len, text);
}

typedef struct {
  gint64          rowid;
  char           *id;
  char           *name;
  char           *phone;
  char           *email;
  char           *id_number;
  char           *tags;
  char           *other_phones;
  char           *other_emails;
  TdCustomerMatch match;
  Probe           probe;
  gboolean        alt;    /* found through a less common reading of a heteronym */
  guint           seq;
} Hit;

static void
hit_free (Hit *hit)
{
  g_free (hit->id);
  g_free (hit->name);
  g_free (hit->phone);
  g_free (hit->email);
  g_free (hit->id_number);
  g_free (hit->tags);
  g_free (hit->other_phones);
  g_free (hit->other_emails);
  g_free (hit);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = *(const Hit **) a;
  const Hit *y = *(const Hit **) b;

  if (x->match != y->match)
    return x->match < y->match ? -1 : 1;
  if (x->probe != y->probe)
    return x->probe < y->probe ? -1 : 1;
  if (x->alt != y->alt)
    return x->alt ? 1 : -1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* How value matches q, if at all: -1 when it does not. */
static int
match_text (const char *value,
            const char *q,
            gboolean    inside)
{
  gsize vlen = strlen (value), qlen = strlen (q);

  if (qlen == 0 || qlen > vlen)
    return -1;
  if (vlen == qlen)
    return memcmp (value, q, qlen) == 0 ? TD_CUSTOMER_MATCH_EXACT : -1;
  if (memcmp (value, q, qlen) == 0)
    return TD_CUSTOMER_MATCH_PREFIX;
  if (!inside)
    return -1;
  if (memcmp (value + vlen - qlen, q, qlen) == 0)
    return TD_CUSTOMER_MATCH_SUFFIX;
  return strstr (value, q) ? TD_CUSTOMER_MATCH_SUBSTRING : -1;
}

/* The best match of any variant; *alt says whether only a variant other
 * than the first (the most common readings) gives it. */
static int
match_variants (char       **variants,
                const char  *q,
                gboolean    *alt)
{
  int best = -1;

  for (guint i = 0; variants[i]; i++)
    {
      int m = match_text (variants[i], q, FALSE);

      if (m >= 0 && (best < 0 || m < best))
        {
          best = m;
          *alt = i > 0;
        }
    }
  return best;
}

/* Checks the row against the query, for the probe's field. */
static int
verify (const Query *q,
        Probe        probe,
        Hit         *row)
{
  switch (probe)
    {
    case PROBE_NAME:
    case PROBE_NAME_INSIDE:
      {
        g_autofree char *nm = normalise (row->name);
        int m = match_text (nm, q->text, TRUE);

        /* a name that ends with the query is just as good as one that has it inside */
        return m == TD_CUSTOMER_MATCH_SUFFIX ? TD_CUSTOMER_MATCH_SUBSTRING : m;
      }
    case PROBE_INITIALS:
    case PROBE_PINYIN:
      {
        g_autofree char *nm = normalise (row->name);
        g_auto(GStrv) variants = probe == PROBE_INITIALS
                                 ? td_pinyin_initials_variants (nm, INITIALS_VARIANTS)
                                 : td_pinyin_full_variants (nm, PINYIN_VARIANTS);

        return match_variants (variants, q->letters, &row->alt);
      }
    case PROBE_PHONE:
    case PROBE_PHONE_END:
    case PROBE_PHONE_INSIDE:
      {
        g_autofree char *digits = phone_digits (row->phone);
        int m = match_text (digits, q->digits, strlen (q->digits) >= MIN_FRAGMENT);
        g_auto(GStrv) others = g_strsplit (row->other_phones ? row->other_phones : "", ",", -1);

        /* other phones are found whole, by their start or by their end */
        for (guint i = 0; others[i]; i++)
          {
            g_autofree char *other = phone_digits (others[i]);
            int o = match_text (other, q->digits, strlen (q->digits) >= MIN_FRAGMENT);

            if (o == TD_CUSTOMER_MATCH_SUBSTRING)
              o = -1;
            if (o >= 0 && (m < 0 || o < m))
              m = o;
          }
        return m;
      }
    case PROBE_ID:
    case PROBE_ID_END:
      {
        g_autofree char *id = id_text (row->id_number);
        int m = match_text (id, q->id, TRUE);

        return m == TD_CUSTOMER_MATCH_SUBSTRING ? -1 : m;
      }
    case PROBE_EMAIL:
      {
        g_autofree char *mail = email_text (row->email);
        int m = match_text (mail, q->email, FALSE);
        g_auto(GStrv) others = g_strsplit (row->other_emails ? row->other_emails : "", ",", -1);

        for (guint i = 0; others[i]; i++)
          {
            g_autofree char *other = email_text (others[i]);
            int o = match_text (other, q->email, FALSE);

            if (o >= 0 && (m < 0 || o < m))
              m = o;
          }
        return m;
      }
    case PROBE_TAG:
      {
        g_auto(GStrv) parts = g_strsplit (row->tags ? row->tags : "", ",", -1);
        int best = -1;

        for (guint i = 0; parts[i]; i++)
          {
            g_autofree char *tag = normalise (parts[i]);
            int m = match_text (tag, q->text, FALSE);

            if (m >= 0 && (best < 0 || m < best))
              best = m;
          }
        return best;
      }
    case N_PROBES:
    default:
      g_assert_not_reached ();
    }
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

/* Reads a live customer by rowid; NULL when deleted or gone. */
static Hit *
read_row (TdDatabase  *db,
          gint64       rowid,
          GError     **error)
{
  sqlite3_stmt *stmt = _td_database_prepare (db,
                                             "SELECT id, name, phone, email, id_number, tags, other_phones, other_emails FROM customers "
                                             "WHERE rowid = ? AND deleted = 0",
                                             error);
  Hit *row = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row = g_new0 (Hit, 1);
      row->rowid = rowid;
      row->id = column_dup (stmt, 0);
      row->name = column_dup (stmt, 1);
      row->phone = column_dup (stmt, 2);
      row->email = column_dup (stmt, 3);
      row->id_number = column_dup (stmt, 4);
      row->tags = column_dup (stmt, 5);
      row->other_phones = column_dup (stmt, 6);
      row->other_emails = column_dup (stmt, 7);
    }
  else if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  return row;
}

static GPtrArray *
search_locked (TdDatabase    *db,
               const Query   *q,
               guint          limit,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) hit_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *results;
  guint counts[N_MATCHES] = { 0 };
  guint seq = 0;

  for (Probe probe = 0; probe < N_PROBES; probe++)
    {
      g_autofree char *key = probe_key (q, probe);
      g_autofree char *end = NULL;
      sqlite3_stmt *stmt;
      guint scanned = 0, before = 0;
      guint here[N_MATCHES] = { 0 }, here_common[N_MATCHES] = { 0 };
      int rc;

      if (key == NULL)
        continue;
      for (guint m = 0; m <= probes[probe].best; m++)
        before += counts[m];
      if (before >= limit)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      stmt = _td_database_prepare (db,
                                   "SELECT customer FROM customer_search "
                                   "WHERE key >= ?1 AND key < ?2 ORDER BY key, customer",
                                   error);
      if (stmt == NULL)
        return NULL;
      /* every key that starts with `key` sorts below key + 0xFF, a byte UTF-8 never has */
      end = g_strconcat (key, "\xff", NULL);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, end, -1, SQLITE_STATIC);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && scanned++ < limit * SCAN_PER_RESULT)
        {
          gint64 rowid = sqlite3_column_int64 (stmt, 0);
          GError *local_error = NULL;
          Hit *row;
          guint better = 0;
          int match;

          if (g_hash_table_contains (seen, &rowid))
            continue;
          row = read_row (db, rowid, &local_error);
          if (local_error)
            {
              sqlite3_reset (stmt);
              g_propagate_error (error, local_error);
              return NULL;
            }
          if (row == NULL)
            continue;
          match = verify (q, probe, row);
          if (match < 0)
            {
              hit_free (row);
              continue;
            }
          /* the hits that would come before this one; keys come in order
           * of match within a probe, so once enough as good are found,
           * nothing further here can make the list (but a hit through a
           * less common reading may be followed by one through the common) */
          for (int m = 0; m < match; m++)
            better += counts[m];
          better += counts[match] - here[match] + (row->alt ? here[match] : here_common[match]);
          if (better >= limit)
            {
              gboolean alt = row->alt;

              hit_free (row);
              if (alt)
                continue;
              break;
            }
          row->match = match;
          row->probe = probe;
          row->seq = seq++;
          counts[match]++;
          here[match]++;
          if (!row->alt)
            here_common[match]++;
          g_ptr_array_add (hits, row);
          g_hash_table_add (seen, &row->rowid);
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _td_database_set_error (error, _td_database_get_handle (db), rc);
          sqlite3_reset (stmt);
          return NULL;
        }
      sqlite3_reset (stmt);
    }

  g_ptr_array_sort (hits, compare_hits);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) td_customer_hit_free);
  for (guint i = 0; i < hits->len && i < limit; i++)
    {
      Hit *hit = g_ptr_array_index (hits, i);
      TdCustomerHit *out = g_new0 (TdCustomerHit, 1);

      out->id = g_steal_pointer (&hit->id);
      out->name = g_steal_pointer (&hit->name);
      out->phone = g_steal_pointer (&hit->phone);
      out->email = g_steal_pointer (&hit->email);
      out->id_number_masked = td_id_number_mask (hit->id_number);
      out->match = hit->match;
      out->field = probes[hit->probe].field;
      g_ptr_array_add (results, out);
    }
  return results;
}

static GPtrArray *
search (TdDatabase    *db,
        const char    *query,
        guint          limit,
        GCancellable  *cancellable,
        GError       **error)
{
  Query q;
  GPtrArray *results;

  if (limit == 0)
    limit = TD_CUSTOMER_SEARCH_DEFAULT_LIMIT;

  if (td_database_get_schema_version (db) < TD_CUSTOMER_SEARCH_SCHEMA)
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED,
                           _("This workspace has no search index yet: open it once for writing to upgrade it"));
      return NULL;
    }

  query_init (&q, query);
  if (*q.text == '\0')
    {
      query_clear (&q);
      return g_ptr_array_new_with_free_func ((GDestroyNotify) td_customer_hit_free);
    }

  _td_database_lock (db);
  results = search_locked (db, &q, limit, cancellable, error);
  _td_database_unlock (db);

  query_clear (&q);
  return results;
}

GPtrArray *
td_customer_search (TdDatabase  *db,
                    const char  *query,
                    guint        limit,
                    GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return search (db, query, limit, NULL, error);
}

typedef struct {
  char  *query;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_free (data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  GPtrArray *results = search (source_object, data->query, data->limit, cancellable, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

void
td_customer_search_async (TdDatabase          *db,
                          const char          *query,
                          guint                limit,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->limit = limit;

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_customer_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  /* search as you type: each key press cancels the search before it */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
td_customer_search_finish (TdDatabase    *db,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_customer_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
