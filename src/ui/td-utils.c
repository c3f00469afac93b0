/* td-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-utils.h"

char *
td_check_business_name (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (stripped[0] == '\0')
    return g_strdup (_("Enter the name of your hotel or agency"));

  if (g_utf8_strlen (stripped, -1) > 200)
    return g_strdup (_("The name is too long"));

  return NULL;
}

/* Unified social credit code (GB 32100-2015): 18 characters from this
 * alphabet, the last one a check character over the first 17. */
#define USCC_ALPHABET "0123456789ABCDEFGHJKLMNPQRTUWXY"

char *
td_check_tax_id (const char *text)
{
  static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
  g_autofree char *code = g_strstrip (g_ascii_strup (text ? text : "", -1));
  gsize len;
  int sum = 0;
  int check;

  if (code[0] == '\0')
    return NULL;

  len = strlen (code);
  if (g_utf8_strlen (code, -1) != 18)
    return g_strdup_printf (_("A unified social credit code has 18 characters, not %u"),
                            (guint) g_utf8_strlen (code, -1));

  for (gsize i = 0; i < len; i++)
    {
      if (strchr (USCC_ALPHABET, code[i]) == NULL)
        return g_strdup (_("Only digits and capital letters are allowed, except I, O, S, V and Z"));
    }

  for (guint i = 0; i < 17; i++)
    sum += (int) (strchr (USCC_ALPHABET, code[i]) - USCC_ALPHABET) * weights[i];

  check = (31 - sum % 31) % 31;
  if (code[17] != USCC_ALPHABET[check])
    return g_strdup (_("The last character does not match: check for a typing mistake"));

  return NULL;
}

char *
td_check_phone (const char *text)
{
  guint digits = 0;

  if (text == NULL || text[0] == '\0')
    return NULL;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-()", *p) == NULL)
        return g_strdup (_("Use digits, spaces and + - ( ) only"));
    }

  if (digits < 5 || digits > 20)
    return g_strdup (_("A phone number has 5 to 20 digits"));

  return NULL;
}

char *
td_check_email (const char *text)
{
  const char *at;
  const char *dot;

  if (text == NULL || text[0] == '\0')
    return NULL;

  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL ||
      strpbrk (text, " \t<>,;\"") != NULL)
    return g_strdup (_("Enter an address like name@example.cn"));

  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    return g_strdup (_("Enter an address like name@example.cn"));

  return NULL;
}

char *
td_check_platform_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (text == NULL || text[0] == '\0')
    return NULL;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (_("Enter a full address like https://platform.example.gov.cn/"));

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return g_strdup (_("The address must start with https:// or http://"));

  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return g_strdup (_("The address has no server name"));

  return NULL;
}

char *
td_check_time_zone (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return g_strdup (_("Enter a time zone like Asia/Shanghai"));

  if (!td_time_zone_is_valid (text))
    return g_strdup (_("Unknown time zone: use a name like Asia/Shanghai"));

  return NULL;
}

void
td_problem_set_text (GtkWidget  *message,
                     const char *problem)
{
  g_return_if_fail (GTK_IS_LABEL (message) || ADW_IS_PREFERENCES_ROW (message));

  if (GTK_IS_LABEL (message))
    gtk_label_set_text (GTK_LABEL (message), problem ? problem : "");
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (message), problem ? problem : "");

  gtk_widget_set_visible (message, problem != NULL);
}

void
td_entry_row_set_problem (AdwEntryRow *row,
                          GtkWidget   *message,
                          const char  *problem)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  g_return_if_fail (GTK_IS_WIDGET (message));

  td_problem_set_text (message, problem);

  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

char *
td_format_count (gint64 count)
{
  /* %' groups digits the way the locale does (LC_NUMERIC). */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}
