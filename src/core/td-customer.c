/* td-customer.c: a customer's values, checked and normalised before saving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer.h"
#include "td-database.h"
#include "td-date-range.h"
#include "td-id-number.h"

G_DEFINE_QUARK (td-customer-error-quark, td_customer_error)

void
td_field_problem_free (TdFieldProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

TdCustomerRow *
td_customer_row_new (guint line)
{
  TdCustomerRow *row = g_new0 (TdCustomerRow, 1);

  row->line = line;
  row->values = json_object_new ();
  row->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  row->notes = g_ptr_array_new_with_free_func (g_free);
  return row;
}

void
td_customer_row_free (TdCustomerRow *row)
{
  if (row == NULL)
    return;
  json_object_unref (row->values);
  g_ptr_array_unref (row->documents);
  g_ptr_array_unref (row->notes);
  g_free (row);
}

/* ------------------------------------------------------------------ */
/* phones                                                             */

char *
td_phone_normalise (const char  *text,
                    GError     **error)
{
  g_autofree char *nfkc = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE, seen_digit = FALSE;
  const char *d;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    goto not_a_number;

  for (const char *p = nfkc; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          seen_digit = TRUE;
        }
      else if (*p == '+' && !seen_digit && !plus)
        plus = TRUE;
      else if (strchr (" -.()/", *p) == NULL && !g_ascii_isspace (*p))
        goto not_a_number;
    }

  d = digits->str;
  len = digits->len;
  if (len == 0)
    goto not_a_number;

  /* 00 is the international prefix dialled from China */
  if (!plus && len > 2 && d[0] == '0' && d[1] == '0')
    {
      plus = TRUE;
      d += 2;
      len -= 2;
    }

  if (plus)
    {
      /* a mainland mobile with the country code is kept as 11 digits */
      if (len == 13 && d[0] == '8' && d[1] == '6' && d[2] == '1')
        return g_strdup (d + 2);
      /* +86 0371…: the trunk 0 written after the country code */
      if (len >= 12 && d[0] == '8' && d[1] == '6' && d[2] == '0')
        return g_strdup_printf ("+86%.*s", (int) (len - 3), d + 3);
      if (d[0] == '0' || len < 8 || len > 15)
        {
          g_set_error (error, TD_CUSTOMER_ERROR, TD_CUSTOMER_ERROR_PHONE,
                       _("“%s” is not an international number: after + come the country code and 7 to 14 more digits"),
                       text);
          return NULL;
        }
      return g_strdup_printf ("+%.*s", (int) len, d);
    }

  if (d[0] == '1')
    {
      if (len == 11)
        return g_strdup (d);
      g_set_error (error, TD_CUSTOMER_ERROR, TD_CUSTOMER_ERROR_PHONE,
                   _("“%s” has %u digits: a mobile number has 11"), text, (guint) len);
      return NULL;
    }

  if (d[0] == '0')
    {
      /* a mainland landline: 0 + area code (2 or 3 digits) + 7 or 8 digits */
      if (len >= 10 && len <= 12)
        return g_strdup_printf ("+86%s", d + 1);
      g_set_error (error, TD_CUSTOMER_ERROR, TD_CUSTOMER_ERROR_PHONE,
                   _("“%s” is not a landline number: write the area code (0371…) and 7 or 8 digits"), text);
      return NULL;
    }

  g_set_error (error, TD_CUSTOMER_ERROR, TD_CUSTOMER_ERROR_PHONE,
               _("“%s” needs its area code (0371…) or, outside the mainland, + and the country code"), text);
  return NULL;

not_a_number:
  g_set_error (error, TD_CUSTOMER_ERROR, TD_CUSTOMER_ERROR_PHONE,
               _("“%s” is not a phone number"), text);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* e-mail                                                             */

char *
td_email_normalise (const char  *text,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *domain = NULL;
  const char *at;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) ?: g_strdup (""));
  at = strchr (trimmed, '@');
  if (at == NULL || at == trimmed || strchr (at + 1, '@') != NULL)
    goto bad;
  for (const char *p = trimmed; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr ("<>(),;:\"[]\\", *p))
      goto bad;

  domain = g_utf8_strdown (at + 1, -1);
  if (strchr (domain, '.') == NULL || domain[0] == '.' || g_str_has_suffix (domain, ".")
      || strstr (domain, "..") != NULL || domain[0] == '-')
    goto bad;

  return g_strdup_printf ("%.*s@%s", (int) (at - trimmed), trimmed, domain);

bad:
  g_set_error (error, TD_CUSTOMER_ERROR, TD_CUSTOMER_ERROR_EMAIL,
               _("“%s” is not an e-mail address (name@example.com)"), text);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* names                                                              */

static gboolean
is_han (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_get_script (c) != G_UNICODE_SCRIPT_HAN && c != 0x00B7 /* · */)
        return FALSE;
    }
  return TRUE;
}

char *
td_customer_format_name (const char *family_name,
                         const char *given_name)
{
  g_autofree char *family = g_strstrip (g_strdup (family_name ? family_name : ""));
  g_autofree char *given = g_strstrip (g_strdup (given_name ? given_name : ""));

  if (*family == '\0')
    return g_steal_pointer (&given);
  if (*given == '\0')
    return g_steal_pointer (&family);
  if (is_han (family) && is_han (given))
    return g_strconcat (family, given, NULL);
  return g_strconcat (given, " ", family, NULL);
}

/* ------------------------------------------------------------------ */
/* the check                                                          */

static void
add_problem (GPtrArray  *problems,
             const char *field,
             gboolean    warning,
             const char *message)
{
  TdFieldProblem *problem = g_new0 (TdFieldProblem, 1);

  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  problem->warning = warning;
  g_ptr_array_add (problems, problem);
}

/* The member as trimmed text; NULL when absent, null or blank (then a
 * present member is set to null). */
static char *
take_text (JsonObject *values,
           const char *field)
{
  JsonNode *node = json_object_get_member (values, field);
  char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = g_strstrip (g_strdup (json_node_get_string (node)));
  if (*text == '\0')
    {
      g_free (text);
      json_object_set_null_member (values, field);
      return NULL;
    }
  return text;
}

/* Splits a list written with , ; or their full-width forms (，；、). */
static GStrv
split_list (const char *text)
{
  g_autoptr(GString) ascii = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFF0C || c == 0xFF1B || c == 0x3001 || c == ';')
        g_string_append_c (ascii, ',');
      else
        g_string_append_unichar (ascii, c);
    }
  return g_strsplit (ascii->str, ",", -1);
}

static void
set_joined (JsonObject *values,
            const char *field,
            GPtrArray  *items)
{
  g_autofree char *joined = NULL;

  if (items->len == 0)
    {
      json_object_set_null_member (values, field);
      return;
    }
  g_ptr_array_add (items, NULL);
  joined = g_strjoinv (",", (char **) items->pdata);
  g_ptr_array_remove_index (items, items->len - 1);
  json_object_set_string_member (values, field, joined);
}

static void
check_phones (JsonObject *values,
              const char *field,
              gboolean    list,
              GPtrArray  *problems)
{
  g_autofree char *text = take_text (values, field);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  if (text == NULL)
    return;
  parts = list ? split_list (text) : g_strsplit (text, "\x01", 2);
  for (guint i = 0; parts[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = NULL;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      phone = td_phone_normalise (parts[i], &error);
      if (phone == NULL)
        {
          add_problem (problems, field, FALSE, error->message);
          return;
        }
      if (!g_ptr_array_find_with_equal_func (out, phone, g_str_equal, NULL))
        g_ptr_array_add (out, g_steal_pointer (&phone));
    }
  set_joined (values, field, out);
}

static void
check_emails (JsonObject *values,
              const char *field,
              gboolean    list,
              GPtrArray  *problems)
{
  g_autofree char *text = take_text (values, field);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  if (text == NULL)
    return;
  parts = list ? split_list (text) : g_strsplit (text, "\x01", 2);
  for (guint i = 0; parts[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *email = NULL;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      email = td_email_normalise (parts[i], &error);
      if (email == NULL)
        {
          add_problem (problems, field, FALSE, error->message);
          return;
        }
      if (!g_ptr_array_find_with_equal_func (out, email, g_str_equal, NULL))
        g_ptr_array_add (out, g_steal_pointer (&email));
    }
  set_joined (values, field, out);
}

static void
check_tags (JsonObject *values)
{
  g_autofree char *text = take_text (values, "tags");
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  if (text == NULL)
    return;
  parts = split_list (text);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *folded = NULL;
      gboolean dup = FALSE;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      folded = g_utf8_casefold (parts[i], -1);
      for (guint j = 0; j < out->len && !dup; j++)
        {
          g_autofree char *other = g_utf8_casefold (g_ptr_array_index (out, j), -1);

          dup = strcmp (folded, other) == 0;
        }
      if (!dup)
        g_ptr_array_add (out, g_strdup (parts[i]));
    }
  set_joined (values, "tags", out);
}

static char *
id_number_clean (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = nfkc ? nfkc : ""; *p; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

static gboolean
looks_like_resident_id (const char *number)
{
  if (strlen (number) != 18)
    return FALSE;
  for (int i = 0; i < 17; i++)
    if (!g_ascii_isdigit (number[i]))
      return FALSE;
  return g_ascii_isdigit (number[17]) || number[17] == 'X';
}

GPtrArray *
td_customer_check (JsonObject *values)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) td_field_problem_free);
  g_autofree char *name = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *id_number = NULL;
  g_autofree char *id_type = NULL;
  GDate card_birth;
  gboolean have_card_birth = FALSE;

  g_return_val_if_fail (values != NULL, problems);

  /* the name, or one made of its parts */
  name = take_text (values, "name");
  if (json_object_has_member (values, "family_name") || json_object_has_member (values, "given_name"))
    {
      g_autofree char *family = take_text (values, "family_name");
      g_autofree char *given = take_text (values, "given_name");

      if (family)
        json_object_set_string_member (values, "family_name", family);
      if (given)
        json_object_set_string_member (values, "given_name", given);
      if (name == NULL && (family || given))
        name = td_customer_format_name (family, given);
    }
  if (name)
    json_object_set_string_member (values, "name", name);
  else if (json_object_has_member (values, "name"))
    add_problem (problems, "name", FALSE, _("A customer needs a name."));

  check_phones (values, "phone", FALSE, problems);
  check_phones (values, "other_phones", TRUE, problems);
  check_emails (values, "email", FALSE, problems);
  check_emails (values, "other_emails", TRUE, problems);
  check_tags (values);

  /* the identity number */
  id_type = take_text (values, "id_type");
  id_number = take_text (values, "id_number");
  if (id_number)
    {
      g_autofree char *clean = id_number_clean (id_number);

      if (id_type == NULL && looks_like_resident_id (clean))
        {
          id_type = g_strdup ("resident-id");
          json_object_set_string_member (values, "id_type", id_type);
        }
      if (g_strcmp0 (id_type, "resident-id") == 0)
        {
          g_autoptr(GError) error = NULL;

          g_date_clear (&card_birth, 1);
          if (!td_id_number_validate (clean, &card_birth, &error))
            add_problem (problems, "id_number", FALSE, error->message);
          else
            have_card_birth = TRUE;
        }
      else if (*clean == '\0')
        add_problem (problems, "id_number", FALSE, _("The document number has no letters or digits."));
      json_object_set_string_member (values, "id_number", clean);
    }

  /* the birth date */
  birth = take_text (values, "birth_date");
  if (birth)
    {
      g_autoptr(GError) error = NULL;
      GDate date;
      guint32 julian = 0;

      g_date_clear (&date, 1);
      if (td_date_parse_iso (birth, &julian, &error))
        g_date_set_julian (&date, julian);
      if (julian == 0)
        add_problem (problems, "birth_date", FALSE, error->message);
      else
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          GDate today;

          g_date_clear (&today, 1);
          g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                          g_date_time_get_month (now), g_date_time_get_year (now));
          if (g_date_compare (&date, &today) > 0)
            add_problem (problems, "birth_date", FALSE, _("The birth date is in the future."));
          else if (have_card_birth && g_date_compare (&date, &card_birth) != 0)
            {
              char card[16];

              g_date_strftime (card, sizeof card, "%Y-%m-%d", &card_birth);
              {
                g_autofree char *message =
                  g_strdup_printf (_("The identity card says the birth date is %s."), card);

                add_problem (problems, "birth_date", TRUE, message);
              }
            }
        }
    }
  else if (have_card_birth)
    {
      char card[16];

      g_date_strftime (card, sizeof card, "%Y-%m-%d", &card_birth);
      json_object_set_string_member (values, "birth_date", card);
    }

  /* gender from the card, when not given: the 17th digit is odd for men */
  if (have_card_birth && !json_object_has_member (values, "gender"))
    {
      const char *number = json_object_get_string_member (values, "id_number");

      json_object_set_string_member (values, "gender",
                                     (number[16] - '0') % 2 ? "male" : "female");
    }

  /* errors first */
  for (guint i = 0, first_warning = 0; i < problems->len; i++)
    {
      TdFieldProblem *p = g_ptr_array_index (problems, i);

      if (!p->warning)
        {
          if (i != first_warning)
            {
              problems->pdata[i] = problems->pdata[first_warning];
              problems->pdata[first_warning] = p;
            }
          first_warning++;
        }
    }
  return problems;
}

gboolean
td_field_problems_have_error (GPtrArray *problems)
{
  for (guint i = 0; problems && i < problems->len; i++)
    if (!((TdFieldProblem *) g_ptr_array_index (problems, i))->warning)
      return TRUE;
  return FALSE;
}

gboolean
td_customer_check_normal_form (JsonObject  *values,
                               GError     **error)
{
  static const char * const normalised[] = { "phone", "other_phones", "email", "other_emails", "id_number" };
  g_autoptr(JsonObject) copy = json_object_new ();
  g_autoptr(GPtrArray) problems = NULL;
  const char *id_type = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (normalised); i++)
    {
      JsonNode *node = json_object_get_member (values, normalised[i]);

      if (node && JSON_NODE_HOLDS_VALUE (node))
        json_object_set_string_member (copy, normalised[i], json_node_get_string (node));
    }
  if (json_object_has_member (copy, "id_number"))
    {
      id_type = json_object_get_string_member_with_default (values, "id_type", NULL);
      /* only the card has a form to check; other documents keep their number */
      if (g_strcmp0 (id_type, "resident-id") == 0)
        json_object_set_string_member (copy, "id_type", id_type);
      else
        json_object_remove_member (copy, "id_number");
    }

  problems = td_customer_check (copy);
  for (guint i = 0; i < problems->len; i++)
    {
      TdFieldProblem *problem = g_ptr_array_index (problems, i);

      if (!problem->warning)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       "%s", problem->message);
          return FALSE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (normalised); i++)
    if (json_object_has_member (copy, normalised[i])
        && g_strcmp0 (json_object_get_string_member_with_default (copy, normalised[i], NULL),
                      json_object_get_string_member (values, normalised[i])) != 0)
      {
        g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                     _("Customers: “%s” is not in normal form (“%s”): check it with td_customer_check() first"),
                     json_object_get_string_member (values, normalised[i]), normalised[i]);
        return FALSE;
      }
  return TRUE;
}
