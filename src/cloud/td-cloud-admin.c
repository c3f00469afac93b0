/* td-cloud-admin.c: `tourdesk-cloud admin`, the platform's tenants, desks and catalogue
 *
 * The conventions of tourdesk-cli (td-cli.c): --db FILE, --help, --json
 * where a command prints data, one line on stderr for an error, exit 0/1/2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-cli-private.h"
#include "td-cloud-admin.h"
#include "td-cloud-store.h"
#include "td-cloud-token.h"

#define MAX_CAPACITY 1000000

static const Command *find_admin_command (const char *name);

/* ------------------------------------------------------------------ */
/* shared                                                             */

/* Parses a command's options and checks it has n_args arguments (when
 * n_args >= 0): -1 to go on, or the exit status. */
static int
parse_command (Cli           *cli,
               const char    *name,
               GOptionEntry  *entries,
               gboolean       has_json,
               int           *argc,
               char        ***argv,
               int            n_args)
{
  const Command *command = find_admin_command (name);
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, has_json, argc, argv)) >= 0)
    return status;
  if (n_args >= 0 && !td_cli_expect_args (cli, command, *argc, n_args))
    return TD_CLI_EXIT_USAGE;
  return -1;
}

/* NULL after saying why, with the exit status in *status */
static TdCloudStore *
open_store (Cli      *cli,
            gboolean  create,
            int      *status)
{
  g_autoptr(GError) error = NULL;
  TdCloudStore *store;

  *status = TD_CLI_EXIT_FAILURE;
  if (cli->db_path == NULL || *cli->db_path == '\0')
    {
      td_cli_fail (cli, _("Say which platform database: --db FILE. Try “%s admin --help”."), cli->prog);
      *status = TD_CLI_EXIT_USAGE;
      return NULL;
    }
  if (!create && !g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    {
      td_cli_fail (cli, _("%s does not exist: create it with “%s admin --db %s tenant-add NAME”."),
                   cli->db_path, cli->prog, cli->db_path);
      return NULL;
    }
  store = td_cloud_store_sqlite_open (cli->db_path, &error);
  if (store == NULL)
    td_cli_fail (cli, _("Could not open the platform database: %s"), error->message);
  return store;
}

static int
store_failed (Cli          *cli,
              TdCloudStore *store,
              GError       *error)
{
  store->vt->rollback (store);
  td_cli_fail (cli, _("The platform database failed: %s"), error->message);
  return TD_CLI_EXIT_FAILURE;
}

static TdCloudTenant *
find_tenant (Cli          *cli,
             TdCloudStore *store,
             const char   *name)
{
  g_autoptr(GError) error = NULL;
  TdCloudTenant *tenant = store->vt->tenant_get (store, name, &error);

  if (error)
    td_cli_fail (cli, _("The platform database failed: %s"), error->message);
  else if (tenant == NULL)
    td_cli_fail (cli, _("There is no tenant “%s” (give its name or id; “%s admin tenant-list” lists them)."),
                 name, cli->prog);
  return tenant;
}

static TdCloudDesk *
find_desk (Cli          *cli,
           TdCloudStore *store,
           const char   *id)
{
  g_autoptr(GError) error = NULL;
  TdCloudDesk *desk = store->vt->desk_get (store, id, &error);

  if (error)
    td_cli_fail (cli, _("The platform database failed: %s"), error->message);
  else if (desk == NULL)
    td_cli_fail (cli, _("There is no desk “%s” (give its id; “%s admin desk-list TENANT” lists them)."),
                 id, cli->prog);
  return desk;
}

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  td_cli_print_json_node (node);
}

static void
set_nullable (JsonObject *object,
              const char *member,
              const char *value)
{
  if (value)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

/* ------------------------------------------------------------------ */
/* tenants and desks                                                  */

static int
cmd_tenant_add (Cli   *cli,
                int    argc,
                char **argv)
{
  g_autoptr(TdCloudStore) store = NULL;
  g_autoptr(TdCloudTenant) tenant = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("hotel, agency or scenic (a scenic area)"), N_("KIND") },
    { NULL }
  };
  int status;

  if ((status = parse_command (cli, "tenant-add", entries, TRUE, &argc, &argv, 1)) >= 0)
    return status;
  name = g_strstrip (g_strdup (argv[1]));
  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      td_cli_fail (cli, _("A tenant needs a name."));
      return TD_CLI_EXIT_USAGE;
    }
  if (kind && !g_strv_contains ((const char *[]) { "hotel", "agency", "scenic", NULL }, kind))
    {
      td_cli_fail (cli, _("%s: “%s” is not hotel, agency or scenic."), "--kind", kind);
      return TD_CLI_EXIT_USAGE;
    }
  store = open_store (cli, TRUE, &status);
  if (store == NULL)
    return status;

  if (!store->vt->begin (store, TRUE, &error))
    return store_failed (cli, store, error);
  tenant = store->vt->tenant_get (store, name, &error);
  if (error)
    return store_failed (cli, store, error);
  if (tenant)
    {
      store->vt->rollback (store);
      td_cli_fail (cli, _("A tenant named “%s” already exists (%s)."), name, tenant->id);
      return TD_CLI_EXIT_FAILURE;
    }
  tenant = store->vt->tenant_add (store, name, kind, &error);
  if (tenant == NULL || !store->vt->commit (store, &error))
    return store_failed (cli, store, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "id", tenant->id);
      json_object_set_string_member (object, "name", tenant->name);
      set_nullable (object, "kind", tenant->kind);
      print_object (object);
    }
  else
    g_print (_("Tenant “%s” added: %s\n"), tenant->name, tenant->id);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_tenant_list (Cli   *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(TdCloudStore) store = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_command (cli, "tenant-list", NULL, TRUE, &argc, &argv, 0)) >= 0)
    return status;
  store = open_store (cli, FALSE, &status);
  if (store == NULL)
    return status;
  tenants = store->vt->tenant_list (store, &error);
  if (tenants == NULL)
    return store_failed (cli, store, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < tenants->len; i++)
        {
          TdCloudTenant *tenant = g_ptr_array_index (tenants, i);
          JsonObject *item = json_object_new ();

          json_object_set_string_member (item, "id", tenant->id);
          json_object_set_string_member (item, "name", tenant->name);
          set_nullable (item, "kind", tenant->kind);
          json_object_set_string_member (item, "created_at", tenant->created_at);
          json_array_add_object_element (array, item);
        }
      json_object_set_array_member (object, "tenants", array);
      print_object (object);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (tenants->len == 0)
    g_print ("%s\n", _("No tenant yet."));
  for (guint i = 0; i < tenants->len; i++)
    {
      TdCloudTenant *tenant = g_ptr_array_index (tenants, i);

      g_print ("%s  %-7s %s\n", tenant->id, tenant->kind ? tenant->kind : "-", tenant->name);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
print_desk_token (Cli         *cli,
                  TdCloudDesk *desk,
                  const char  *tenant_name,
                  const char  *token)
{
  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "id", desk->id);
      json_object_set_string_member (object, "tenant_id", desk->tenant_id);
      json_object_set_string_member (object, "name", desk->name);
      json_object_set_string_member (object, "refresh_token", token);
      print_object (object);
      return TD_CLI_EXIT_SUCCESS;
    }
  g_print (_("Desk “%s” of “%s”: %s\n"), desk->name, tenant_name, desk->id);
  g_print (_("Its refresh token, shown this once (the platform keeps only a hash of it):\n"));
  g_print ("%s\n", token);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_desk_add (Cli   *cli,
              int    argc,
              char **argv)
{
  g_autoptr(TdCloudStore) store = NULL;
  g_autoptr(TdCloudTenant) tenant = NULL;
  g_autoptr(TdCloudDesk) desk = NULL;
  g_autoptr(GPtrArray) desks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  int status;

  if ((status = parse_command (cli, "desk-add", NULL, TRUE, &argc, &argv, 2)) >= 0)
    return status;
  name = g_strstrip (g_strdup (argv[2]));
  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      td_cli_fail (cli, _("A desk needs a name."));
      return TD_CLI_EXIT_USAGE;
    }
  store = open_store (cli, FALSE, &status);
  if (store == NULL)
    return status;
  if (!store->vt->begin (store, TRUE, &error))
    return store_failed (cli, store, error);
  tenant = find_tenant (cli, store, argv[1]);
  if (tenant == NULL)
    {
      store->vt->rollback (store);
      return TD_CLI_EXIT_FAILURE;
    }
  desks = store->vt->desk_list (store, tenant->id, &error);
  if (desks == NULL)
    return store_failed (cli, store, error);
  for (guint i = 0; i < desks->len; i++)
    if (g_str_equal (((TdCloudDesk *) g_ptr_array_index (desks, i))->name, name))
      {
        store->vt->rollback (store);
        td_cli_fail (cli, _("Tenant “%s” already has a desk named “%s”."), tenant->name, name);
        return TD_CLI_EXIT_FAILURE;
      }

  token = td_cloud_token_new (TD_CLOUD_REFRESH_PREFIX);
  hash = td_cloud_token_hash (token);
  desk = store->vt->desk_add (store, tenant->id, name, hash, &error);
  if (desk == NULL || !store->vt->commit (store, &error))
    return store_failed (cli, store, error);
  return print_desk_token (cli, desk, tenant->name, token);
}

static int
cmd_desk_list (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(TdCloudStore) store = NULL;
  g_autoptr(TdCloudTenant) tenant = NULL;
  g_autoptr(GPtrArray) desks = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_command (cli, "desk-list", NULL, TRUE, &argc, &argv, 1)) >= 0)
    return status;
  store = open_store (cli, FALSE, &status);
  if (store == NULL)
    return status;
  tenant = find_tenant (cli, store, argv[1]);
  if (tenant == NULL)
    return TD_CLI_EXIT_FAILURE;
  desks = store->vt->desk_list (store, tenant->id, &error);
  if (desks == NULL)
    return store_failed (cli, store, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < desks->len; i++)
        {
          TdCloudDesk *desk = g_ptr_array_index (desks, i);
          JsonObject *item = json_object_new ();

          json_object_set_string_member (item, "id", desk->id);
          json_object_set_string_member (item, "name", desk->name);
          json_object_set_boolean_member (item, "disabled", desk->disabled);
          json_object_set_string_member (item, "created_at", desk->created_at);
          json_array_add_object_element (array, item);
        }
      json_object_set_string_member (object, "tenant_id", tenant->id);
      json_object_set_array_member (object, "desks", array);
      print_object (object);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (desks->len == 0)
    g_print (_("Tenant “%s” has no desk yet.\n"), tenant->name);
  for (guint i = 0; i < desks->len; i++)
    {
      TdCloudDesk *desk = g_ptr_array_index (desks, i);

      g_print ("%s  %s%s\n", desk->id, desk->name, desk->disabled ? _(" (disabled)") : "");
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_desk_token (Cli   *cli,
                int    argc,
                char **argv)
{
  g_autoptr(TdCloudStore) store = NULL;
  g_autoptr(TdCloudDesk) desk = NULL;
  g_autoptr(TdCloudTenant) tenant = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  int status;

  if ((status = parse_command (cli, "desk-token", NULL, TRUE, &argc, &argv, 1)) >= 0)
    return status;
  store = open_store (cli, FALSE, &status);
  if (store == NULL)
    return status;
  if (!store->vt->begin (store, TRUE, &error))
    return store_failed (cli, store, error);
  desk = find_desk (cli, store, argv[1]);
  if (desk == NULL || (tenant = find_tenant (cli, store, desk->tenant_id)) == NULL)
    {
      store->vt->rollback (store);
      return TD_CLI_EXIT_FAILURE;
    }
  token = td_cloud_token_new (TD_CLOUD_REFRESH_PREFIX);
  hash = td_cloud_token_hash (token);
  if (!store->vt->desk_set_refresh_hash (store, desk->id, hash, &error) || !store->vt->commit (store, &error))
    return store_failed (cli, store, error);
  return print_desk_token (cli, desk, tenant->name, token);
}

static int
set_disabled (Cli      *cli,
              int       argc,
              char    **argv,
              gboolean  disabled)
{
  g_autoptr(TdCloudStore) store = NULL;
  g_autoptr(TdCloudDesk) desk = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_command (cli, disabled ? "desk-disable" : "desk-enable", NULL, FALSE,
                               &argc, &argv, 1)) >= 0)
    return status;
  store = open_store (cli, FALSE, &status);
  if (store == NULL)
    return status;
  if (!store->vt->begin (store, TRUE, &error))
    return store_failed (cli, store, error);
  desk = find_desk (cli, store, argv[1]);
  if (desk == NULL)
    {
      store->vt->rollback (store);
      return TD_CLI_EXIT_FAILURE;
    }
  if (!store->vt->desk_set_disabled (store, desk->id, disabled, &error) || !store->vt->commit (store, &error))
    return store_failed (cli, store, error);
  g_print (disabled ? _("Desk “%s” disabled: it can no longer sign in or sync.\n")
                    : _("Desk “%s” enabled.\n"), desk->name);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_desk_disable (Cli   *cli,
                  int    argc,
                  char **argv)
{
  return set_disabled (cli, argc, argv, TRUE);
}

static int
cmd_desk_enable (Cli   *cli,
                 int    argc,
                 char **argv)
{
  return set_disabled (cli, argc, argv, FALSE);
}

/* ------------------------------------------------------------------ */
/* the catalogue                                                      */

static gboolean
time_is_valid (const char *text)
{
  return strlen (text) == 5 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && text[2] == ':'
         && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4])
         && (text[0] - '0') * 10 + (text[1] - '0') < 24 && text[3] < '6';
}

static int
add_product (Cli        *cli,
             int         argc,
             char      **argv,
             const char *type)
{
  gboolean tour = g_str_equal (type, "tour");
  const char *command_name = tour ? "tour-add" : "attraction-add";
  g_autoptr(TdCloudStore) store = NULL;
  g_autoptr(TdCloudTenant) tenant = NULL;
  g_autoptr(TdCloudProduct) product = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  gboolean public = FALSE;
  const char *name;
  GOptionEntry entries[] = {
    { "public", 0, 0, G_OPTION_ARG_NONE, &public, N_("In the provincial catalogue, seen by every tenant (instead of TENANT)"), NULL },
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("The city it is in"), N_("CITY") },
    { NULL }
  };
  int status;

  /* how many arguments depends on --public */
  if ((status = parse_command (cli, command_name, entries, TRUE, &argc, &argv, -1)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, find_admin_command (command_name), argc, public ? 1 : 2))
    return TD_CLI_EXIT_USAGE;
  name = argv[public ? 1 : 2];
  if (!g_utf8_validate (name, -1, NULL) || *name == '\0')
    {
      td_cli_fail (cli, _("It needs a name."));
      return TD_CLI_EXIT_USAGE;
    }
  store = open_store (cli, FALSE, &status);
  if (store == NULL)
    return status;
  if (!public && (tenant = find_tenant (cli, store, argv[1])) == NULL)
    return TD_CLI_EXIT_FAILURE;
  product = store->vt->product_add (store, tenant ? tenant->id : NULL, type, name, city, &error);
  if (product == NULL)
    return store_failed (cli, store, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "id", product->id);
      set_nullable (object, "tenant_id", product->tenant_id);
      json_object_set_string_member (object, "type", product->type);
      json_object_set_string_member (object, "name", product->name);
      set_nullable (object, "city", product->city);
      print_object (object);
    }
  else
    g_print (tour ? _("Tour “%s” added: %s\n") : _("Attraction “%s” added: %s\n"), product->name, product->id);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_attraction_add (Cli   *cli,
                    int    argc,
                    char **argv)
{
  return add_product (cli, argc, argv, "attraction");
}

static int
cmd_tour_add (Cli   *cli,
              int    argc,
              char **argv)
{
  return add_product (cli, argc, argv, "tour");
}

/* slot-add ATTRACTION DATE START END CAPACITY, departure-add TOUR DATE START SEATS */
static int
add_inventory (Cli        *cli,
               int         argc,
               char      **argv,
               const char *type)
{
  gboolean tour = g_str_equal (type, "tour");
  g_autoptr(TdCloudStore) store = NULL;
  g_autoptr(TdCloudProduct) product = NULL;
  g_autoptr(TdCloudInventory) inventory = NULL;
  g_autoptr(GError) error = NULL;
  const char *date, *start, *end = NULL, *count;
  guint64 capacity = 0;
  int status;

  if ((status = parse_command (cli, tour ? "departure-add" : "slot-add", NULL, TRUE,
                               &argc, &argv, tour ? 4 : 5)) >= 0)
    return status;
  date = argv[2];
  start = argv[3];
  if (!tour)
    end = argv[4];
  count = argv[tour ? 4 : 5];
  if (!td_date_parse_iso (date, NULL, &error))
    {
      td_cli_fail (cli, "%s", error->message);
      return TD_CLI_EXIT_USAGE;
    }
  if (!time_is_valid (start) || (end && !time_is_valid (end)))
    {
      td_cli_fail (cli, _("“%s” is not a time of day (HH:MM, such as 09:30)."), time_is_valid (start) ? end : start);
      return TD_CLI_EXIT_USAGE;
    }
  if (end && strcmp (end, start) <= 0)
    {
      td_cli_fail (cli, _("The end %s must come after the start %s."), end, start);
      return TD_CLI_EXIT_USAGE;
    }
  if (!g_ascii_string_to_unsigned (count, 10, 0, MAX_CAPACITY, &capacity, NULL))
    {
      td_cli_fail (cli, _("“%s” is not a number of places (a whole number from 0 to %d)."), count, MAX_CAPACITY);
      return TD_CLI_EXIT_USAGE;
    }

  store = open_store (cli, FALSE, &status);
  if (store == NULL)
    return status;
  product = store->vt->product_get (store, argv[1], &error);
  if (error)
    return store_failed (cli, store, error);
  if (product == NULL || !g_str_equal (product->type, type))
    {
      td_cli_fail (cli, tour ? _("There is no tour “%s” in the catalogue (add one with “tour-add”).")
                             : _("There is no attraction “%s” in the catalogue (add one with “attraction-add”)."),
                   argv[1]);
      return TD_CLI_EXIT_FAILURE;
    }
  inventory = store->vt->inventory_add (store, product->id, date, start, end, (gint64) capacity, &error);
  if (inventory == NULL)
    return store_failed (cli, store, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "id", inventory->id);
      json_object_set_string_member (object, tour ? "tour_id" : "attraction_id", product->id);
      json_object_set_string_member (object, "date", inventory->date);
      json_object_set_string_member (object, "start", inventory->start_time);
      set_nullable (object, "end", inventory->end_time);
      json_object_set_int_member (object, "capacity", inventory->capacity);
      print_object (object);
    }
  else
    g_print (tour ? _("Departure of “%s” on %s at %s, %s seats: %s\n")
                  : _("Time slot of “%s” on %s from %s, %s places: %s\n"),
             product->name, date, start, count, inventory->id);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_slot_add (Cli   *cli,
              int    argc,
              char **argv)
{
  return add_inventory (cli, argc, argv, "attraction");
}

static int
cmd_departure_add (Cli   *cli,
                   int    argc,
                   char **argv)
{
  return add_inventory (cli, argc, argv, "tour");
}

static int
cmd_catalogue (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(TdCloudStore) store = NULL;
  g_autoptr(TdCloudTenant) tenant = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day (default: every day)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The day after the last"), N_("DATE") },
    { NULL }
  };
  int status;

  if ((status = parse_command (cli, "catalogue", entries, TRUE, &argc, &argv, 1)) >= 0)
    return status;
  if ((from && !td_date_parse_iso (from, NULL, &error)) || (to && !td_date_parse_iso (to, NULL, &error)))
    {
      td_cli_fail (cli, "%s", error->message);
      return TD_CLI_EXIT_USAGE;
    }
  store = open_store (cli, FALSE, &status);
  if (store == NULL)
    return status;
  tenant = find_tenant (cli, store, argv[1]);
  if (tenant == NULL)
    return TD_CLI_EXIT_FAILURE;
  products = store->vt->catalogue (store, tenant->id, NULL, from ? from : "0000-00-00", to ? to : "9999-99-99", &error);
  if (products == NULL)
    return store_failed (cli, store, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < products->len; i++)
        {
          TdCloudProduct *product = g_ptr_array_index (products, i);
          JsonObject *item = json_object_new ();
          JsonArray *items = json_array_new ();

          json_object_set_string_member (item, "id", product->id);
          json_object_set_string_member (item, "type", product->type);
          json_object_set_string_member (item, "name", product->name);
          set_nullable (item, "city", product->city);
          json_object_set_boolean_member (item, "public", product->tenant_id == NULL);
          for (guint j = 0; j < product->inventory->len; j++)
            {
              TdCloudInventory *inventory = g_ptr_array_index (product->inventory, j);
              JsonObject *entry = json_object_new ();

              json_object_set_string_member (entry, "id", inventory->id);
              json_object_set_string_member (entry, "date", inventory->date);
              json_object_set_string_member (entry, "start", inventory->start_time);
              set_nullable (entry, "end", inventory->end_time);
              json_object_set_int_member (entry, "capacity", inventory->capacity);
              json_object_set_int_member (entry, "remaining", inventory->remaining);
              json_array_add_object_element (items, entry);
            }
          json_object_set_array_member (item, "inventory", items);
          json_array_add_object_element (array, item);
        }
      json_object_set_array_member (object, "products", array);
      print_object (object);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (products->len == 0)
    g_print ("%s\n", _("The catalogue is empty."));
  for (guint i = 0; i < products->len; i++)
    {
      TdCloudProduct *product = g_ptr_array_index (products, i);

      g_print ("%s  %s  %s%s\n", product->id,
               g_str_equal (product->type, "tour") ? C_("product", "tour") : C_("product", "attraction"),
               product->name, product->tenant_id ? "" : _(" (public)"));
      for (guint j = 0; j < product->inventory->len; j++)
        {
          TdCloudInventory *inventory = g_ptr_array_index (product->inventory, j);
          g_autofree char *left = g_strdup_printf ("%" G_GINT64_FORMAT, inventory->remaining);
          g_autofree char *capacity = g_strdup_printf ("%" G_GINT64_FORMAT, inventory->capacity);

          g_print ("  %s  %s %s%s%s  ", inventory->id, inventory->date, inventory->start_time,
                   inventory->end_time ? "–" : "", inventory->end_time ? inventory->end_time : "");
          g_print (_("%s of %s left\n"), left, capacity);
        }
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_purge (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autoptr(TdCloudStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) keys_before = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *keys_text = NULL;
  TdCloudPurge counts;
  int days = 90, key_days = 30;
  GOptionEntry entries[] = {
    { "older-than", 0, 0, G_OPTION_ARG_INT, &days, N_("Drop deletions older than DAYS days (default 90); desks that have not synced since then resync"), N_("DAYS") },
    { "keys-older-than", 0, 0, G_OPTION_ARG_INT, &key_days, N_("Forget retry keys older than DAYS days (default 30)"), N_("DAYS") },
    { NULL }
  };
  int status;

  if ((status = parse_command (cli, "purge", entries, TRUE, &argc, &argv, 0)) >= 0)
    return status;
  if (days < 0 || key_days < 0)
    {
      td_cli_fail (cli, _("A number of days cannot be negative."));
      return TD_CLI_EXIT_USAGE;
    }
  store = open_store (cli, FALSE, &status);
  if (store == NULL)
    return status;

  before = g_date_time_add_days (now, -days);
  keys_before = g_date_time_add_days (now, -key_days);
  before_text = td_timestamp_from_unix (g_date_time_to_unix (before) * G_USEC_PER_SEC
                                        + g_date_time_get_microsecond (before));
  keys_text = td_timestamp_from_unix (g_date_time_to_unix (keys_before) * G_USEC_PER_SEC
                                      + g_date_time_get_microsecond (keys_before));
  if (!store->vt->begin (store, TRUE, &error)
      || !store->vt->purge (store, before_text, keys_text, g_date_time_to_unix (now), &counts, &error)
      || !store->vt->commit (store, &error))
    return store_failed (cli, store, error);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_int_member (object, "deletions", counts.records);
      json_object_set_int_member (object, "retry_keys", counts.responses);
      json_object_set_int_member (object, "operation_ids", counts.operations);
      json_object_set_int_member (object, "expired_tokens", counts.tokens);
      print_object (object);
    }
  else
    g_print (_("Dropped %u deletions, %u retry keys, %u operation ids and %u expired tokens.\n"),
             counts.records, counts.responses, counts.operations, counts.tokens);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */

static const Command admin_commands[] = {
  { "tenant-add", N_("NAME"), N_("Add a tenant: a hotel, an agency or a scenic area"), cmd_tenant_add },
  { "tenant-list", "", N_("List the tenants"), cmd_tenant_list },
  { "desk-add", N_("TENANT NAME"), N_("Add a desk to a tenant and print its refresh token (only this once)"), cmd_desk_add },
  { "desk-list", N_("TENANT"), N_("List a tenant’s desks"), cmd_desk_list },
  { "desk-token", N_("DESK"), N_("Give a desk a new refresh token; the old one stops working"), cmd_desk_token },
  { "desk-disable", N_("DESK"), N_("Stop a desk from signing in and syncing"), cmd_desk_disable },
  { "desk-enable", N_("DESK"), N_("Let a disabled desk sign in again"), cmd_desk_enable },
  { "attraction-add", N_("TENANT|--public NAME"), N_("Add an attraction to a tenant’s or the public catalogue"), cmd_attraction_add },
  { "slot-add", N_("ATTRACTION DATE START END CAPACITY"), N_("Add a time slot with its quota to an attraction"), cmd_slot_add },
  { "tour-add", N_("TENANT|--public NAME"), N_("Add a tour to a tenant’s or the public catalogue"), cmd_tour_add },
  { "departure-add", N_("TOUR DATE START SEATS"), N_("Add a departure with its seats to a tour"), cmd_departure_add },
  { "catalogue", N_("TENANT"), N_("Show the catalogue a tenant sees, with what is left"), cmd_catalogue },
  { "purge", "", N_("Drop old deletions, retry keys and expired tokens"), cmd_purge },
};

static Command admin_named[G_N_ELEMENTS (admin_commands)];

static const CommandGroup admin_group = {
  .name = "admin",
  .commands = admin_commands,
  .n_commands = G_N_ELEMENTS (admin_commands),
  .named = admin_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s admin --db FILE SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Tenants, their desks and the catalogue of the platform."),
  .footer = N_("“admin SUBCOMMAND --help” shows a sub-command’s options. Exit status: 0 success, 1 failure, 2 wrong usage."),
  /* xgettext:c-format */
  .needs_sub = N_("“admin” needs a sub-command. Try “%s admin --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s admin --help”."),
};

static const Command *
find_admin_command (const char *name)
{
  return td_cli_find_subcommand (&admin_group, name);
}

int
td_cloud_admin_run (const char  *prog,
                    int          argc,
                    char       **argv)
{
  Cli cli = { 0 };
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  int status;
  int i = 1;

  cli.prog = prog;
  cli.db_help = N_("The platform database (SQLite file)");
  cli.db_path = g_strdup (g_getenv ("TOURDESK_CLOUD_DB"));

  /* admin [--db FILE] SUBCOMMAND …: --db may also follow the sub-command */
  g_ptr_array_add (rest, argv[0]);
  for (; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[i] + 5);
        }
      else
        break;
    }
  for (; i < argc; i++)
    g_ptr_array_add (rest, argv[i]);
  g_ptr_array_add (rest, NULL);

  status = td_cli_run_group (&cli, &admin_group, (int) rest->len - 1, (char **) rest->pdata);
  g_free (cli.db_path);
  return status;
}
