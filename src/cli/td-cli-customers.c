/* td-cli-customers.c: tourdesk-cli, the customers of the workspace
 * (customers search, add, show, merge)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-cli-private.h"

static const Command *find_customers_command (const char *name);

static int
cmd_customers_search (Cli   *cli,
                      int    argc,
                      char **argv)
{
  const Command *command = find_customers_command ("search");
  g_autofree char *limit_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  guint limit = TD_CUSTOMER_SEARCH_DEFAULT_LIMIT;
  const char *query;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("Show at most N customers (default 50)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1) || !td_cli_parse_limit (cli, limit_text, &limit))
    return TD_CLI_EXIT_USAGE;
  query = argv[1];
  {
    g_autofree char *stripped = g_strstrip (g_strdup (query));

    if (!g_utf8_validate (query, -1, NULL) || *stripped == '\0')
      {
        td_cli_fail (cli, _("Say what to look for: a name, pinyin, phone, e-mail or identity number. Try “%s %s --help”."),
                     cli->prog, command->name);
        return TD_CLI_EXIT_USAGE;
      }
  }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  hits = td_customer_search (db, query, limit, &error);
  if (hits == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "query");
      json_builder_add_string_value (b, query);
      json_builder_set_member_name (b, "hits");
      json_builder_begin_array (b);
      for (guint i = 0; i < hits->len; i++)
        {
          TdCustomerHit *hit = g_ptr_array_index (hits, i);
          const char *names[] = { "id", "name", "phone", "id_number_masked", "email" };
          const char *values[] = { hit->id, hit->name, hit->phone, hit->id_number_masked, hit->email };

          json_builder_begin_object (b);
          for (guint f = 0; f < G_N_ELEMENTS (names); f++)
            {
              json_builder_set_member_name (b, names[f]);
              if (values[f])
                json_builder_add_string_value (b, values[f]);
              else
                json_builder_add_null_value (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (hits->len == 0)
    {
      g_print (_("No customer matches “%s”.\n"), query);
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      TdCustomerHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(GString) line = g_string_new (NULL);

      td_cli_append_padded (line, hit->name, 20);
      td_cli_append_padded (line, hit->phone ? hit->phone : "-", 15);
      td_cli_append_padded (line, hit->id_number_masked ? hit->id_number_masked : "-", 18);
      td_cli_append_padded (line, hit->email ? hit->email : "-", 24);
      g_string_append (line, hit->id);
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_customers_origins (Cli   *cli,
                       int    argc,
                       char **argv)
{
  const Command *command = find_customers_command ("origins");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdCustomerOrigins) origins = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  origins = td_customer_origins (db, NULL, &error);
  if (origins == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "origins");
      json_builder_begin_array (b);
      for (guint i = 0; i < origins->origins->len; i++)
        {
          TdCustomerOrigin *o = &g_array_index (origins->origins, TdCustomerOrigin, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "code");
          json_builder_add_string_value (b, o->place->code);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, o->place->name);
          json_builder_set_member_name (b, "name_en");
          json_builder_add_string_value (b, o->place->name_en);
          json_builder_set_member_name (b, "level");
          json_builder_add_string_value (b, td_china_place_is_city (o->place) ? "city" : "province");
          json_builder_set_member_name (b, "latitude");
          json_builder_add_double_value (b, o->place->latitude);
          json_builder_set_member_name (b, "longitude");
          json_builder_add_double_value (b, o->place->longitude);
          json_builder_set_member_name (b, "customers");
          json_builder_add_int_value (b, o->count);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "placed");
      json_builder_add_int_value (b, origins->placed);
      json_builder_set_member_name (b, "unplaced");
      json_builder_add_int_value (b, origins->unplaced);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  for (guint i = 0; i < origins->origins->len; i++)
    {
      TdCustomerOrigin *o = &g_array_index (origins->origins, TdCustomerOrigin, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, o->count);
      g_autofree char *share = g_strdup_printf ("%.1f%%", 100.0 * o->count / MAX (origins->placed + origins->unplaced, 1));

      td_cli_append_padded (line, o->place->name, 8);
      td_cli_append_padded (line, o->place->name_en, 16);
      td_cli_append_padded (line, td_china_place_is_city (o->place) ? C_("origin", "city") : C_("origin", "province"), 10);
      td_cli_append_padded (line, count, 9);
      g_string_append (line, share);
      g_print ("%s\n", line->str);
    }
  {
    g_autofree char *placed = g_strdup_printf ("%" G_GINT64_FORMAT, origins->placed);
    g_autofree char *unplaced = g_strdup_printf ("%" G_GINT64_FORMAT, origins->unplaced);

    /* TRANSLATORS: both are numbers of customers */
    g_print (_("Customers placed: %s; origin unknown: %s.\n"), placed, unplaced);
  }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* what add, show and merge share                                     */

#define NO_VALUE "–"

/* The option that sets a field: id_number → --id-number. */
static char *
option_for (const char *field)
{
  g_autofree char *dashed = g_strdup (field);

  g_strdelimit (dashed, "_", '-');
  return g_strconcat ("--", dashed, NULL);
}

/* "Phone:" */
static char *
label_for (const char *title)
{
  /* TRANSLATORS: a label before a value, such as "Phone:" */
  return g_strdup_printf (C_("label", "%s:"), title);
}

static gboolean
is_number_field (const char *field)
{
  return g_str_equal (field, "id_number") || g_str_equal (field, "number");
}

/* A value as the human output shows it: identity numbers masked, choices
 * by their title, timestamps in the workspace's time zone. */
static char *
display_value (const char *field,
               JsonNode   *node,
               const char *time_zone)
{
  const char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (NO_VALUE);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return json_to_string (node, FALSE);

  text = json_node_get_string (node);
  if (is_number_field (field))
    return td_id_number_mask (text);
  if (g_str_has_suffix (field, "_at"))
    {
      char *local = td_timestamp_format_local (text, time_zone);

      if (local)
        return local;
    }
  {
    /* one line, and not a page of it */
    g_autofree char *line = g_strdup (td_customer_value_title (field, text));

    g_strdelimit (line, "\r\n", ' ');
    if (g_utf8_strlen (line, -1) > 80)
      {
        g_autofree char *cut = g_utf8_substring (line, 0, 79);

        return g_strconcat (cut, "…", NULL);
      }
    return g_steal_pointer (&line);
  }
}

/* "Phone: 13800138000 → 13900139000; E-mail: – → a@b.cn" from field →
 * [old, new]; an insert shows only the new values that are set; skip is a
 * field left out. */
static char *
describe_changes (JsonObject *changes,
                  gboolean    insert,
                  const char *skip,
                  const char *time_zone)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (changes);

  for (const GList *l = members; l; l = l->next)
    {
      const char *field = l->data;
      JsonNode *pair = json_object_get_member (changes, field);
      JsonArray *array;
      JsonNode *before, *after;
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;

      if (g_strcmp0 (field, skip) == 0 || !JSON_NODE_HOLDS_ARRAY (pair)
          || json_array_get_length (array = json_node_get_array (pair)) != 2)
        continue;
      before = json_array_get_element (array, 0);
      after = json_array_get_element (array, 1);
      if (insert && JSON_NODE_HOLDS_NULL (after))
        continue;
      if (text->len > 0)
        g_string_append (text, C_("list separator", "; "));
      new_text = display_value (field, after, time_zone);
      if (insert)
        /* TRANSLATORS: a field and its value in the history: "Phone: 13800138000" */
        g_string_append_printf (text, C_("field and value", "%s: %s"), td_customer_field_title (field), new_text);
      else
        {
          old_text = display_value (field, before, time_zone);
          /* TRANSLATORS: a change in the history: "Phone: 13800138000 → 13900139000" */
          g_string_append_printf (text, C_("history", "%s: %s → %s"), td_customer_field_title (field),
                                  old_text, new_text);
        }
    }
  return g_strdup (text->str);
}

/* Adds the members of object to the object being built. */
static void
add_members (JsonBuilder *b,
             JsonObject  *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_value (b, json_node_copy (json_object_get_member (object, l->data)));
    }
}

static void
add_records (JsonBuilder *b,
             const char  *name,
             GPtrArray   *records)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < records->len; i++)
    {
      json_builder_begin_object (b);
      add_members (b, g_ptr_array_index (records, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* ------------------------------------------------------------------ */
/* customers add                                                      */

/* value is one of the choices of the customer field; else says so */
static gboolean
check_choice (Cli        *cli,
              const char *field,
              const char *value)
{
  const TdField *f = td_kind_get_field (td_kind_lookup ("customer"), field);
  g_autofree char *option = option_for (field);
  g_autofree char *allowed = NULL;

  if (value == NULL || g_strv_contains ((const char * const *) f->choices, value))
    return TRUE;
  allowed = g_strjoinv (", ", (char **) f->choices);
  td_cli_fail (cli, _("%s: “%s” is not one of: %s"), option, value, allowed);
  return FALSE;
}

/* 张伟 (id, Same phone number); 李娜 (id, Same identity number) */
static char *
describe_duplicates (GPtrArray *found)
{
  const guint shown = 3;
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < found->len && i < shown; i++)
    {
      TdDuplicate *d = g_ptr_array_index (found, i);

      if (i > 0)
        g_string_append (text, C_("list separator", "; "));
      /* TRANSLATORS: a likely duplicate: its name, id and why it looks the same */
      g_string_append_printf (text, _("%s (%s, %s)"), d->name, d->id, td_duplicate_reason_to_string (d->reason));
    }
  if (found->len > shown)
    g_string_append_printf (text, ngettext (" and %u more", " and %u more", found->len - shown),
                            found->len - shown);
  return g_string_free (text, FALSE);
}

static void
print_warning (Cli        *cli,
               const char *message)
{
  g_printerr ("%s: %s\n", cli->prog, message);
}

static int
cmd_customers_add (Cli   *cli,
                   int    argc,
                   char **argv)
{
  const Command *command = find_customers_command ("add");
  g_autofree char *name = NULL, *phone = NULL, *email = NULL, *id_type = NULL, *id_number = NULL;
  g_autofree char *birth_date = NULL, *gender = NULL, *tags = NULL;
  gboolean force = FALSE;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  TdChange *change;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The customer’s name (needed)"), N_("NAME") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("A mobile or landline number, written any way (138 0013 8000, 0371-6666 8888, +852 …)"), N_("PHONE") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The e-mail address"), N_("ADDRESS") },
    { "id-type", 0, 0, G_OPTION_ARG_STRING, &id_type, N_("The identity document: resident-id, passport, hk-macao-permit, taiwan-permit, foreign-passport or other (not needed for a mainland identity card number)"), N_("TYPE") },
    { "id-number", 0, 0, G_OPTION_ARG_STRING, &id_number, N_("The identity document’s number"), N_("NUMBER") },
    { "birth-date", 0, 0, G_OPTION_ARG_STRING, &birth_date, N_("The birth date, YYYY-MM-DD (from the identity card number when not given)"), N_("DATE") },
    { "gender", 0, 0, G_OPTION_ARG_STRING, &gender, N_("female, male or other (from the identity card number when not given)"), N_("GENDER") },
    { "tags", 0, 0, G_OPTION_ARG_STRING, &tags, N_("Tags, separated by commas"), N_("TAGS") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Save even when the customer looks like one already saved"), NULL },
    { NULL }
  };
  const struct { const char *field; char **value; } given[] = {
    { "name", &name }, { "phone", &phone }, { "email", &email }, { "id_type", &id_type },
    { "id_number", &id_number }, { "birth_date", &birth_date }, { "gender", &gender }, { "tags", &tags },
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (name == NULL)
    {
      td_cli_fail (cli, _("--name is needed. Try “%s %s --help”."), cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (!check_choice (cli, "gender", gender) || !check_choice (cli, "id_type", id_type))
    return TD_CLI_EXIT_USAGE;
  if (id_type && id_number == NULL)
    {
      td_cli_fail (cli, _("--id-type needs --id-number. Try “%s %s --help”."), cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }

  json_object_set_string_member (values, "party", "person");
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    if (*given[i].value)
      {
        if (!g_utf8_validate (*given[i].value, -1, NULL))
          {
            g_autofree char *option = option_for (given[i].field);

            td_cli_fail (cli, _("%s: the text is not UTF-8"), option);
            return TD_CLI_EXIT_USAGE;
          }
        json_object_set_string_member (values, given[i].field, *given[i].value);
      }

  /* the values in normal form, or the first thing wrong with them */
  problems = td_customer_check (values);
  if (td_field_problems_have_error (problems))
    {
      TdFieldProblem *problem = g_ptr_array_index (problems, 0);
      g_autofree char *option = option_for (problem->field);

      td_cli_fail (cli, "%s: %s", option, problem->message);
      return TD_CLI_EXIT_FAILURE;
    }
  if (json_object_get_string_member_with_default (values, "id_number", NULL)
      && json_object_get_string_member_with_default (values, "id_type", NULL) == NULL)
    {
      td_cli_fail (cli, _("--id-number: this is no mainland identity card number; say which document it is with --id-type. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);

  found = td_customer_find_duplicates (db, values, NULL, NULL, &error);
  if (found == NULL)
    return td_cli_fail_error (cli, error);
  if (found->len > 0 && !force)
    {
      g_autofree char *list = describe_duplicates (found);

      td_cli_fail (cli, _("Looks like a customer already saved: %s. Nothing was saved; see “%s customers show ID”, or add --force to save it anyway."),
                   list, cli->prog);
      return TD_CLI_EXIT_FAILURE;
    }

  change = td_change_new_insert ("customer", NULL);
  id = g_strdup (td_change_get_id (change));
  {
    g_autoptr(GList) members = json_object_get_members (values);

    for (const GList *l = members; l; l = l->next)
      json_object_set_member (td_change_get_values (change), l->data,
                              json_node_copy (json_object_get_member (values, l->data)));
  }
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_ptr_array_add (changes, change);
  if (!td_database_commit (db, NULL, changes, &error))
    return td_cli_fail_error (cli, error);

  /* saved: now what the clerk should know */
  for (guint i = 0; i < problems->len; i++)
    {
      TdFieldProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *option = option_for (problem->field);
      g_autofree char *message = g_strdup_printf (_("warning: %s: %s"), option, problem->message);

      print_warning (cli, message);
    }
  if (found->len > 0)
    {
      g_autofree char *list = describe_duplicates (found);
      g_autofree char *message = g_strdup_printf (_("warning: saved although it looks like a customer already saved: %s"), list);

      print_warning (cli, message);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      record = td_database_get_record (db, "customer", id, &error);
      if (record == NULL)
        return td_cli_fail_error (cli, error);
      json_builder_begin_object (b);
      add_members (b, record);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  g_print ("%s\n", id);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* customers show                                                     */

static const char *
history_action (const char *kind,
                const char *op)
{
  static const struct { const char *kind, *op, *text; } actions[] = {
    { "customer", "insert", NC_("history", "Created") },
    { "customer", "update", NC_("history", "Changed") },
    { "customer", "delete", NC_("history", "Deleted") },
    { "customer", "restore", NC_("history", "Restored") },
    { "customer_document", "insert", NC_("history", "Identity document added") },
    { "customer_document", "update", NC_("history", "Identity document changed") },
    { "customer_document", "delete", NC_("history", "Identity document deleted") },
    { "customer_document", "restore", NC_("history", "Identity document restored") },
    { "customer_note", "insert", NC_("history", "Note added") },
    { "customer_note", "update", NC_("history", "Note changed") },
    { "customer_note", "delete", NC_("history", "Note deleted") },
    { "customer_note", "restore", NC_("history", "Note restored") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].kind, kind) && g_str_equal (actions[i].op, op))
      return g_dpgettext2 (GETTEXT_PACKAGE, "history", actions[i].text);
  return op;
}

static void
print_profile (JsonObject *customer,
               const char *time_zone)
{
  const TdKind *kind = td_kind_lookup ("customer");
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *revision = NULL;

  {
    g_autofree char *label = label_for (C_("customer", "Id"));

    td_cli_print_row (label, json_object_get_string_member (customer, "id"));
  }
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const char *field = kind->fields[i].name;
      JsonNode *node = json_object_get_member (customer, field);
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      label = label_for (td_customer_field_title (field));
      value = display_value (field, node, time_zone);
      td_cli_print_row (label, value);
    }

  created = display_value ("created_at", json_object_get_member (customer, "created_at"), time_zone);
  updated = display_value ("updated_at", json_object_get_member (customer, "updated_at"), time_zone);
  revision = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (customer, "revision"));
  {
    const struct { const char *title, *value; } rows[] = {
      { C_("customer", "Created"), created },
      { C_("customer", "Last changed"), updated },
      { C_("customer", "Revision"), revision },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autofree char *label = label_for (rows[i].title);

        td_cli_print_row (label, rows[i].value);
      }
  }
  if (json_object_get_boolean_member (customer, "deleted"))
    {
      g_autofree char *label = label_for (C_("customer", "Deleted"));

      td_cli_print_row (label, json_object_get_null_member (customer, "merged_into")
                               ? _("yes") : _("yes, merged into another customer"));
    }
}

static void
print_documents (GPtrArray  *documents,
                 const char *time_zone)
{
  g_print ("\n%s\n", _("Identity documents:"));
  if (documents->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; i < documents->len; i++)
    {
      JsonObject *d = g_ptr_array_index (documents, i);
      static const char * const fields[] = { "doc_type", "number", "country", "expiry", "notes" };
      g_autoptr(GString) line = g_string_new ("  ");

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          JsonNode *node = json_object_get_member (d, fields[f]);
          g_autofree char *value = NULL;

          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            continue;
          value = display_value (fields[f], node, time_zone);
          if (line->len > 2)
            g_string_append (line, " · ");
          if (g_str_equal (fields[f], "expiry"))
            /* TRANSLATORS: of an identity document */
            g_string_append_printf (line, _("valid until %s"), value);
          else
            g_string_append (line, value);
        }
      g_print ("%s\n", line->str);
    }
}

static void
print_notes (GPtrArray  *notes,
             const char *time_zone)
{
  g_print ("\n%s\n", _("Notes:"));
  if (notes->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; i < notes->len; i++)
    {
      JsonObject *n = g_ptr_array_index (notes, i);
      g_autofree char *at = display_value ("created_at", json_object_get_member (n, "created_at"), time_zone);
      g_autofree char *body = g_strdup (json_object_get_string_member (n, "body"));

      g_strdelimit (body, "\r\n", ' ');
      g_print ("  %s  %s\n", at, body);
    }
}

static void
print_history (GPtrArray  *history,
               const char *time_zone)
{
  g_print ("\n%s\n", _("History:"));
  for (guint i = 0; i < history->len; i++)
    {
      TdAuditEntry *e = g_ptr_array_index (history, i);
      g_autofree char *at = td_timestamp_format_local (e->at, time_zone);
      gboolean insert = g_str_equal (e->op, "insert");
      /* a document's or note's customer is this one, unless it moved */
      const char *skip = insert && !g_str_equal (e->kind, "customer") ? "customer_id" : NULL;
      g_autofree char *what = describe_changes (e->changes, insert, skip, time_zone);

      g_autofree char *line = *what ? g_strdup_printf (C_("field and value", "%s: %s"),
                                                       history_action (e->kind, e->op), what)
                                    : g_strdup (history_action (e->kind, e->op));

      g_print ("  %s  %s  %s\n", at ? at : e->at, e->actor, line);
    }
}

static int
cmd_customers_show (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_customers_command ("show");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *time_zone = NULL;
  const char *id;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  id = argv[1];

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if ((customer = td_database_get_record (db, "customer", id, &error)) == NULL
      || (documents = td_customer_list_documents (db, id, &error)) == NULL
      || (notes = td_customer_list_notes (db, id, &error)) == NULL
      || (history = td_customer_list_history (db, id, &error)) == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      /* for programs: identity numbers in full */
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "customer");
      json_builder_begin_object (b);
      add_members (b, customer);
      json_builder_end_object (b);
      add_records (b, "documents", documents);
      add_records (b, "notes", notes);
      json_builder_set_member_name (b, "history");
      json_builder_begin_array (b);
      for (guint i = 0; i < history->len; i++)
        {
          TdAuditEntry *e = g_ptr_array_index (history, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "at");
          json_builder_add_string_value (b, e->at);
          json_builder_set_member_name (b, "actor");
          json_builder_add_string_value (b, e->actor);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, e->kind);
          json_builder_set_member_name (b, "record_id");
          json_builder_add_string_value (b, e->record_id);
          json_builder_set_member_name (b, "op");
          json_builder_add_string_value (b, e->op);
          json_builder_set_member_name (b, "revision");
          json_builder_add_int_value (b, e->revision);
          json_builder_set_member_name (b, "changes");
          json_builder_begin_object (b);
          add_members (b, e->changes);
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  time_zone = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
  print_profile (customer, time_zone);
  print_documents (documents, time_zone);
  print_notes (notes, time_zone);
  print_history (history, time_zone);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* customers merge                                                    */

/* --take FIELD=other|keep into chosen; FALSE (after saying so) when one
 * is not of that form. */
static gboolean
parse_takes (Cli        *cli,
             char      **takes,
             GPtrArray  *fields,
             GPtrArray  *from_other)
{
  const TdKind *kind = td_kind_lookup ("customer");

  for (guint i = 0; takes && takes[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (takes[i], "=", 2);
      g_autofree char *field = NULL;

      if (parts[0] == NULL || parts[1] == NULL
          || (!g_str_equal (parts[1], "other") && !g_str_equal (parts[1], "keep")))
        {
          td_cli_fail (cli, _("--take: write FIELD=other or FIELD=keep, not “%s”"), takes[i]);
          return FALSE;
        }
      field = g_strstrip (g_strdup (parts[0]));
      g_strdelimit (field, "-", '_');
      if (td_kind_get_field (kind, field) == NULL || g_str_equal (field, "merged_into"))
        {
          td_cli_fail (cli, _("--take: “%s” is not a customer field (name, phone, email, id_number, birth_date, …)"), parts[0]);
          return FALSE;
        }
      g_ptr_array_add (fields, g_steal_pointer (&field));
      g_ptr_array_add (from_other, GINT_TO_POINTER (g_str_equal (parts[1], "other")));
    }
  return TRUE;
}

static int
cmd_customers_merge (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_customers_command ("merge");
  g_auto(GStrv) takes = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) from_other = g_ptr_array_new ();
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) keep = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) chosen = json_object_new ();
  g_autoptr(JsonObject) changed = json_object_new ();
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  const TdKind *kind = td_kind_lookup ("customer");
  const char *keep_id, *other_id;
  GOptionEntry entries[] = {
    { "take", 0, 0, G_OPTION_ARG_STRING_ARRAY, &takes, N_("Take FIELD from OTHER (FIELD=other), or from KEEP where the rules would not (FIELD=keep); may be given again. The rules: KEEP’s values, OTHER’s where KEEP has none; the phones, e-mails and tags of both; loyalty points added up; notes joined; the latest consent"), N_("FIELD=other") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 2))
    return TD_CLI_EXIT_USAGE;
  if (!parse_takes (cli, takes, fields, from_other))
    return TD_CLI_EXIT_USAGE;
  keep_id = argv[1];
  other_id = argv[2];

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if ((keep = td_database_get_record (db, "customer", keep_id, &error)) == NULL
      || (other = td_database_get_record (db, "customer", other_id, &error)) == NULL
      || (documents = td_customer_list_documents (db, other_id, &error)) == NULL
      || (notes = td_customer_list_notes (db, other_id, &error)) == NULL)
    return td_cli_fail_error (cli, error);

  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);
      JsonObject *source = g_ptr_array_index (from_other, i) ? other : keep;

      json_object_set_member (chosen, field, json_node_copy (json_object_get_member (source, field)));
    }

  /* at the revisions read: a change in between is a conflict, not lost */
  if (!td_customer_merge (db, NULL, keep_id, json_object_get_int_member (keep, "revision"),
                          other_id, json_object_get_int_member (other, "revision"), chosen, &error))
    return td_cli_fail_error (cli, error);

  after = td_database_get_record (db, "customer", keep_id, &error);
  if (after == NULL)
    return td_cli_fail_error (cli, error);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const char *field = kind->fields[i].name;
      JsonNode *before = json_object_get_member (keep, field);
      JsonNode *now = json_object_get_member (after, field);

      if (!json_node_equal (before, now))
        {
          JsonArray *pair = json_array_new ();

          json_array_add_element (pair, json_node_copy (before));
          json_array_add_element (pair, json_node_copy (now));
          json_object_set_array_member (changed, field, pair);
        }
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kept");
      json_builder_add_string_value (b, keep_id);
      json_builder_set_member_name (b, "merged");
      json_builder_add_string_value (b, other_id);
      json_builder_set_member_name (b, "changes");
      json_builder_begin_object (b);
      add_members (b, changed);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "documents_moved");
      json_builder_add_int_value (b, documents->len);
      json_builder_set_member_name (b, "notes_moved");
      json_builder_add_int_value (b, notes->len);
      json_builder_set_member_name (b, "customer");
      json_builder_begin_object (b);
      add_members (b, after);
      json_builder_end_object (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  {
    g_autofree char *time_zone = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
    g_autofree char *what = describe_changes (changed, FALSE, NULL, time_zone);
    g_autofree char *n_documents = g_strdup_printf ("%u", documents->len);
    g_autofree char *n_notes = g_strdup_printf ("%u", notes->len);
    g_autofree char *label = NULL;

    g_print (_("Merged “%s” (%s) into “%s” (%s).\n"),
             json_object_get_string_member (other, "name"), other_id,
             json_object_get_string_member (keep, "name"), keep_id);
    label = label_for (C_("merge", "Changed"));
    td_cli_print_row (label, *what ? what : _("nothing"));
    td_cli_print_row (_("Identity documents moved:"), n_documents);
    td_cli_print_row (_("Notes moved:"), n_notes);
    g_print (_("What was not kept is in a note on the customer and in its history: “%s customers show %s”.\n"),
             cli->prog, keep_id);
  }
  return TD_CLI_EXIT_SUCCESS;
}

/* `customers SUBCOMMAND`: import and export will join these */
static const Command customers_commands[] = {
  { "search", N_("QUERY"), N_("Find customers by name, pinyin, phone, e-mail or identity number"), cmd_customers_search },
  { "add", "", N_("Add a customer; refused when it looks like one already saved (see --force)"), cmd_customers_add },
  { "show", N_("ID"), N_("Show a customer: profile, identity documents, notes and history (identity numbers masked; in full with --json)"), cmd_customers_show },
  { "merge", N_("KEEP OTHER"), N_("Merge the customer OTHER into KEEP (ids): OTHER’s documents, notes and all else that refers to it move over, then it is deleted"), cmd_customers_merge },
  { "import", N_("FILE"), N_("Import customers from a CSV file (Excel, WPS, Google Contacts; UTF-8 or GBK) or a vCard file, in one go or not at all"), td_cli_cmd_customers_import },
  { "export", "", N_("Write every customer as CSV (for Excel) or vCard 4.0"), td_cli_cmd_customers_export },
  { "origins", "", N_("Count the customers by the city or province they come from (from their address, else their identity card number)"), cmd_customers_origins },
};

static Command customers_named[G_N_ELEMENTS (customers_commands)];

static const CommandGroup customers_group = {
  .name = "customers",
  .commands = customers_commands,
  .n_commands = G_N_ELEMENTS (customers_commands),
  .named = customers_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] customers SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("The customers of the workspace."),
  .footer = N_("“customers SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“customers” needs a sub-command. Try “%s customers --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s customers --help”."),
};

static const Command *
find_customers_command (const char *name)
{
  return td_cli_find_subcommand (&customers_group, name);
}

const Command *
td_cli_find_customers_command (const char *name)
{
  return find_customers_command (name);
}

int
td_cli_cmd_customers (Cli   *cli,
                      int    argc,
                      char **argv)
{
  return td_cli_run_group (cli, &customers_group, argc, argv);
}
