/* td-customer-merge-rows.c: the merge dialog's rows, what each side holds
 *
 * Values as text, what a side holds for a row in words, the choice a row
 * starts with, and the record the merge will write from the choices.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer-duplicates.h"
#include "td-customer-merge-dialog-private.h"
#include "td-utils.h"

/* ------------------------------------------------------------------ */
/* values                                                             */

/* The value of field as text, NULL when it has none. */
char *
_td_merge_field_text (JsonObject *values,
                      const char *field)
{
  JsonNode *node = json_object_get_member (values, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
    }
  return NULL;
}

static gboolean
has_value (JsonObject *values,
           const char *field)
{
  g_autofree char *text = _td_merge_field_text (values, field);

  return text != NULL;
}

const char *
_td_merge_field_string (JsonObject *values,
                        const char *field)
{
  const char *text = json_object_get_string_member_with_default (values, field, NULL);

  return text != NULL && text[0] != '\0' ? text : NULL;
}

/* The items of a comma-separated list, blanks dropped. */
static GPtrArray *
split_items (const char *text)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return items;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (item[0] != '\0' && !g_ptr_array_find_with_equal_func (items, item, g_str_equal, NULL))
        g_ptr_array_add (items, g_strdup (item));
    }
  return items;
}

static void
add_items (GPtrArray  *items,
           const char *text)
{
  g_autoptr(GPtrArray) more = split_items (text);

  for (guint i = 0; i < more->len; i++)
    if (!g_ptr_array_find_with_equal_func (items, more->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (items, g_strdup (more->pdata[i]));
}

/* items joined with sep, NULL when there are none */
char *
_td_merge_join_items (GPtrArray  *items,
                      const char *sep)
{
  GString *text;

  if (items->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append (text, sep);
      g_string_append (text, items->pdata[i]);
    }
  return g_string_free (text, FALSE);
}

/* The local date of a UTC timestamp, in the workspace's time zone. */
static char *
local_date (const char *timestamp,
            const char *time_zone)
{
  g_autofree char *local = td_timestamp_format_local (timestamp, time_zone);

  if (local == NULL)
    return NULL;
  local[MIN (strlen (local), 10)] = '\0';
  return g_steal_pointer (&local);
}

static void
set_field (JsonObject *chosen,
           JsonObject *from,
           const char *field)
{
  JsonNode *node = json_object_get_member (from, field);

  if (node == NULL)
    json_object_set_null_member (chosen, field);
  else
    json_object_set_member (chosen, field, json_node_copy (node));
}

/* ------------------------------------------------------------------ */
/* rows: what each side holds                                          */

gboolean
_td_merge_row_side_empty (const RowInfo *info,
                          JsonObject    *values)
{
  for (guint f = 0; info->fields[f] != NULL; f++)
    if (has_value (values, info->fields[f]))
      return FALSE;
  return TRUE;
}

/* The same document, person or place on both, one side knowing more of
 * it (an expiry date, a district): the merge keeps what either knows. */
gboolean
_td_merge_same_with_more (const RowInfo *info,
                          JsonObject    *a,
                          JsonObject    *b)
{
  if (info->fields[1] == NULL || info->kind != ROW_UNIT)
    return FALSE;
  if (!has_value (a, info->fields[0]) || g_strcmp0 (_td_merge_field_string (a, info->fields[0]),
                                                     _td_merge_field_string (b, info->fields[0])) != 0)
    return FALSE;
  for (guint f = 1; info->fields[f] != NULL; f++)
    {
      g_autofree char *a_text = _td_merge_field_text (a, info->fields[f]);
      g_autofree char *b_text = _td_merge_field_text (b, info->fields[f]);

      if (a_text != NULL && b_text != NULL && strcmp (a_text, b_text) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The values of a row of both sides: kept's, or other's where kept has none. */
JsonObject *
_td_merge_filled_values (TdCustomerMergeDialog *self,
                         const RowInfo         *info)
{
  JsonObject *values = json_object_new ();

  for (guint f = 0; info->fields[f] != NULL; f++)
    {
      JsonObject *from = self->records[self->kept]->values;

      if (!has_value (from, info->fields[f]))
        from = self->records[OTHER_SIDE (self->kept)]->values;
      set_field (values, from, info->fields[f]);
    }
  return values;
}

char *
_td_merge_row_signature (const RowInfo *info,
                         JsonObject    *values)
{
  GString *signature = g_string_new (NULL);

  for (guint f = 0; info->fields[f] != NULL; f++)
    {
      g_autofree char *text = _td_merge_field_text (values, info->fields[f]);

      g_string_append_printf (signature, "%s\x1f", text ? text : "");
    }
  return g_string_free (signature, FALSE);
}

/* Every value of a contact row (phones, e-mails) of both sides, the main
 * value of side first (either side: SIDE_BOTH). */
GPtrArray *
_td_merge_contact_values (TdCustomerMergeDialog *self,
                          const RowInfo         *info,
                          Side                   side)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  Side first = side == SIDE_RIGHT ? SIDE_RIGHT : SIDE_LEFT;
  Side second = OTHER_SIDE (first);

  add_items (items, _td_merge_field_string (self->records[first]->values, info->fields[0]));
  add_items (items, _td_merge_field_string (self->records[second]->values, info->fields[0]));
  add_items (items, _td_merge_field_string (self->records[first]->values, info->fields[1]));
  add_items (items, _td_merge_field_string (self->records[second]->values, info->fields[1]));
  return items;
}

static gint64
points_of (JsonObject *values)
{
  JsonNode *node = json_object_get_member (values, "loyalty_points");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static char *
format_points (gint64 points)
{
  g_autofree char *count = td_format_count (points);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s point", "%s points", (gulong) ABS (points)), count);
}

/* What a side holds for a row, as two lines (the second may be NULL). */
void
_td_merge_describe_values (const RowInfo  *info,
                           JsonObject     *values,
                           JsonObject     *other_values,
                           char          **primary,
                           char          **secondary)
{
  const char *key = info->key;

  *primary = NULL;
  *secondary = NULL;

  if (_td_merge_row_side_empty (info, values))
    {
      /* Translators: a customer has no value for a field */
      *primary = g_strdup (C_("value", "None"));
      return;
    }

  switch (info->kind)
    {
    case ROW_UNIT:
      if (strcmp (key, "name") == 0)
        {
          const char *name = _td_merge_field_string (values, "name");

          *primary = name ? g_strdup (name)
                          : td_customer_format_name (_td_merge_field_string (values, "family_name"),
                                                     _td_merge_field_string (values, "given_name"));
        }
      else if (strcmp (key, "identity") == 0)
        {
          g_autofree char *masked = td_id_number_mask (_td_merge_field_string (values, "id_number"));
          const char *type = td_customer_value_title ("id_type", _td_merge_field_string (values, "id_type"));
          const char *number = _td_merge_field_string (values, "id_number");
          const char *other_number = _td_merge_field_string (other_values, "id_number");
          g_autofree char *other_masked = td_id_number_mask (other_number);
          g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
          const char *country = _td_merge_field_string (values, "id_country");
          const char *expiry = _td_merge_field_string (values, "id_expiry");

          if (type != NULL && masked != NULL)
            *primary = g_strdup_printf ("%s %s", type, masked);
          else
            *primary = g_strdup (type != NULL ? type : masked);
          /* masked alike: say that they are not the same number */
          if (number != NULL && other_number != NULL && strcmp (number, other_number) != 0 &&
              g_strcmp0 (masked, other_masked) == 0)
            g_ptr_array_add (details, g_strdup (_("A different number")));
          if (country != NULL)
            /* Translators: the country that issued an identity document */
            g_ptr_array_add (details, g_strdup_printf (_("Issued by %s"), country));
          if (expiry != NULL)
            g_ptr_array_add (details, g_strdup_printf (_("Valid until %s"), expiry));
          *secondary = _td_merge_join_items (details, " · ");
        }
      else if (strcmp (key, "address") == 0)
        {
          g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

          for (guint f = 0; info->fields[f] != NULL; f++)
            if (_td_merge_field_string (values, info->fields[f]) != NULL)
              g_ptr_array_add (parts, g_strdup (_td_merge_field_string (values, info->fields[f])));
          *primary = _td_merge_join_items (parts, " ");
        }
      else
        {
          g_autofree char *text = _td_merge_field_text (values, info->fields[0]);

          *primary = g_strdup (td_customer_value_title (info->fields[0], text));
        }
      break;

    case ROW_CONTACT:
      {
        g_autoptr(GPtrArray) others = split_items (_td_merge_field_string (values, info->fields[1]));
        const char *main_value = _td_merge_field_string (values, info->fields[0]);
        g_autofree char *joined = NULL;

        guint index;

        if (main_value == NULL && others->len > 0)
          main_value = others->pdata[0];
        *primary = g_strdup (main_value);
        if (main_value != NULL &&
            g_ptr_array_find_with_equal_func (others, main_value, g_str_equal, &index))
          g_ptr_array_remove_index (others, index);
        joined = _td_merge_join_items (others, ", ");
        if (joined != NULL)
          /* Translators: the other phones (or e-mail addresses) of a customer */
          *secondary = g_strdup_printf (_("Also %s"), joined);
      }
      break;

    case ROW_UNION:
      {
        g_autoptr(GPtrArray) items = split_items (_td_merge_field_string (values, info->fields[0]));

        *primary = _td_merge_join_items (items, ", ");
      }
      break;

    case ROW_SUM:
      *primary = format_points (points_of (values));
      break;

    case ROW_TEXT:
      *primary = g_strdup (_td_merge_field_string (values, info->fields[0]));
      break;

    case ROW_CONSENT:
      {
        g_autofree char *date = local_date (_td_merge_field_string (values, info->fields[1]), NULL);
        const char *how = _td_merge_field_string (values, info->fields[2]);
        g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);

        *primary = g_strdup (td_customer_value_title (info->fields[0], _td_merge_field_string (values, info->fields[0])));
        if (date != NULL)
          g_ptr_array_add (details, g_steal_pointer (&date));
        if (how != NULL)
          g_ptr_array_add (details, g_strdup (how));
        *secondary = _td_merge_join_items (details, " · ");
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (*primary == NULL)
    *primary = g_strdup (C_("value", "None"));
}

void
_td_merge_describe_side (TdCustomerMergeDialog  *self,
                         MergeRow               *row,
                         Side                    side,
                         char                  **primary,
                         char                  **secondary)
{
  _td_merge_describe_values (row->info, self->records[side]->values, self->records[OTHER_SIDE (side)]->values,
                   primary, secondary);
}

/* What "both" gives, in words. */
char *
_td_merge_describe_both (TdCustomerMergeDialog *self,
                         MergeRow              *row)
{
  JsonObject *left = self->records[SIDE_LEFT]->values;
  JsonObject *right = self->records[SIDE_RIGHT]->values;

  switch (row->info->kind)
    {
    case ROW_SUM:
      {
        g_autofree char *points = format_points (points_of (left) + points_of (right));

        /* Translators: the loyalty points of both records added up */
        return g_strdup_printf (_("Both added up: %s"), points);
      }
    case ROW_TEXT:
      return g_strdup (_("Both, one after the other"));
    case ROW_UNIT:
    case ROW_CONTACT:
    case ROW_UNION:
    case ROW_CONSENT:
    default:
      g_assert_not_reached ();
    }
}

/* Every item of a list row (tags) of both sides. */
char *
_td_merge_describe_union (TdCustomerMergeDialog *self,
                          MergeRow              *row)
{
  g_autoptr(GPtrArray) items = split_items (_td_merge_field_string (self->records[self->kept]->values, row->info->fields[0]));

  add_items (items, _td_merge_field_string (self->records[OTHER_SIDE (self->kept)]->values, row->info->fields[0]));
  return _td_merge_join_items (items, ", ");
}

/* The choice a row starts with, for the record kept. */
Side
_td_merge_default_choice (TdCustomerMergeDialog *self,
                          MergeRow              *row)
{
  Side kept = self->kept;
  Side other = OTHER_SIDE (kept);

  if (row->info->kind == ROW_CONSENT && !row->empty[kept] && !row->empty[other])
    {
      /* the latest decision of the customer holds */
      g_autoptr(GDateTime) kept_at = td_timestamp_parse (_td_merge_field_string (self->records[kept]->values,
                                                                       row->info->fields[1]));
      g_autoptr(GDateTime) other_at = td_timestamp_parse (_td_merge_field_string (self->records[other]->values,
                                                                        row->info->fields[1]));

      if (other_at != NULL && (kept_at == NULL || g_date_time_compare (other_at, kept_at) > 0))
        return other;
      return kept;
    }
  if (row->can_combine)
    return SIDE_BOTH;
  if (row->empty[kept])
    return other;
  return kept;
}

/* ------------------------------------------------------------------ */
/* what the merge will write                                          */

/* The values of the rows where the clerk has a choice, as chosen: field →
 * the value of one of the two records, for td_customer_merge(). What is
 * not there is merged by its rules: lists and the phone or e-mail not
 * chosen kept, points added up, notes joined, the latest consent. */
JsonObject *
_td_merge_build_chosen (TdCustomerMergeDialog *self)
{
  JsonObject *chosen = json_object_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      MergeRow *row = g_ptr_array_index (self->rows, i);
      JsonObject *from;

      if (!row->differ || row->choice == SIDE_BOTH)
        continue;

      from = self->records[row->choice]->values;
      if (row->info->kind == ROW_CONTACT)
        {
          /* the main one; the other becomes one of the others */
          set_field (chosen, from, row->info->fields[0]);
          continue;
        }
      for (guint f = 0; row->info->fields[f] != NULL; f++)
        set_field (chosen, from, row->info->fields[f]);
    }

  return chosen;
}

/* The record kept as it will be: its values with the chosen ones over
 * them (the fields of customers only). */
JsonObject *
_td_merge_build_result (TdCustomerMergeDialog *self,
                        JsonObject            *chosen)
{
  JsonObject *result = json_object_new ();
  const TdKind *kind = td_kind_lookup ("customer");

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const char *field = kind->fields[i].name;

      if (strcmp (field, "merged_into") == 0)
        continue;
      if (json_object_has_member (chosen, field))
        set_field (result, chosen, field);
      else if (has_value (self->records[self->kept]->values, field))
        set_field (result, self->records[self->kept]->values, field);
      else
        set_field (result, self->records[OTHER_SIDE (self->kept)]->values, field);
    }
  return result;
}
