/* td-cli-tickets.c: tourdesk-cli tickets: sell, voucher, validate, list, slots, key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-catalogue-client.h"
#include "td-cli-private.h"
#include "td-poi-query.h"
#include "td-ticket-voucher.h"

static const Command *find_tickets_command (const char *name);

/* The attraction --attraction names: its id, or its exact name (Chinese or
 * English) when one attraction has it. NULL after saying why. */
static char *
resolve_attraction (Cli        *cli,
                    TdDatabase *db,
                    const char *text)
{
  g_autoptr(GPtrArray) pois = NULL;
  g_autoptr(GError) error = NULL;
  char *found = NULL;
  guint n = 0;

  if (text == NULL)
    {
      td_cli_fail (cli, _("Say which attraction: --attraction ID or its name"));
      return NULL;
    }
  if (g_uuid_string_is_valid (text))
    return g_strdup (text);
  pois = td_poi_query_search (db, text, 20, &error);
  if (pois == NULL)
    {
      td_cli_fail_error (cli, error);
      return NULL;
    }
  for (guint i = 0; i < pois->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (pois, i);

      if (poi->category == TD_POI_ATTRACTION
          && (g_strcmp0 (poi->name, text) == 0 || g_ascii_strcasecmp (poi->name_en ? poi->name_en : "", text) == 0))
        {
          if (n++ == 0)
            found = g_strdup (poi->id);
        }
    }
  if (n == 1)
    return found;
  g_free (found);
  if (n == 0)
    td_cli_fail (cli, _("--attraction: no attraction is called “%s” (give its id or its exact name)"), text);
  else
    td_cli_fail (cli, _("--attraction: %u attractions are called “%s”: give the id"), n, text);
  return NULL;
}

static gboolean
parse_date_option (Cli         *cli,
                   const char  *option,
                   const char  *text,
                   char       **date)
{
  guint32 julian;

  if (text == NULL)
    {
      td_cli_fail (cli, _("Say which day: %s YYYY-MM-DD"), option);
      return FALSE;
    }
  if (!td_cli_parse_date (cli, option, text, &julian))
    return FALSE;
  *date = td_date_format_iso (julian);
  return TRUE;
}

static char *
format_price (const TdMoney *money)
{
  return td_money_format (money);
}

static void
print_ticket (const TdTicket *ticket)
{
  g_autofree char *price = format_price (&ticket->price);

  g_print ("%s  %s %s  %s  %s  %s%s%s\n", ticket->attraction, ticket->date, ticket->start_time,
           td_ticket_type_get_label (ticket->type), price,
           ticket->holder ? ticket->holder : "", ticket->holder ? "  " : "",
           /* Translators: the state of a ticket in tourdesk-cli tickets list */
           g_str_equal (ticket->state, "used") ? C_("ticket state", "used")
           : g_str_equal (ticket->state, "void") ? C_("ticket state", "cancelled")
           : ticket->offline ? C_("ticket state", "sold offline") : C_("ticket state", "sold"));
  g_print ("  %s\n", ticket->code);
}

static void
print_tickets_json (GPtrArray *tickets)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < tickets->len; i++)
    json_array_add_object_element (array, td_ticket_to_json (g_ptr_array_index (tickets, i)));
  json_object_set_array_member (object, "tickets", array);
  json_node_set_object (root, object);
  td_cli_print_json_node (root);
}

static void
print_tickets (Cli       *cli,
               GPtrArray *tickets)
{
  if (cli->json)
    print_tickets_json (tickets);
  else if (tickets->len == 0)
    g_print ("%s\n", _("No tickets."));
  else
    for (guint i = 0; i < tickets->len; i++)
      print_ticket (g_ptr_array_index (tickets, i));
}

/* ------------------------------------------------------------------ */
/* tickets sell                                                       */

static gboolean
read_token (Cli         *cli,
            const char  *token_file,
            char       **token)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (token_file, token, NULL, &error))
    {
      td_cli_fail_error (cli, error);
      return FALSE;
    }
  g_strstrip (*token);
  if (**token == '\0' || strchr (*token, '\n'))
    {
      td_cli_fail (cli, _("%s: the file must hold the desk's sign-in token on one line"), token_file);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
wait_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* runs the main loop until the async call given wait answers */
static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  return wait->result;
}

static TdCatalogueClient *
make_client (Cli        *cli,
             TdDatabase *db,
             const char *server,
             const char *token_file)
{
  g_autofree char *token = NULL;

  if ((server == NULL) != (token_file == NULL))
    {
      td_cli_fail (cli, _("Give both --server URL and --token-file FILE to sell through the platform"));
      return NULL;
    }
  if (server == NULL || !read_token (cli, token_file, &token))
    return NULL;
  return td_catalogue_client_new (db, server, token);
}

static int
cmd_tickets_sell (Cli   *cli,
                  int    argc,
                  char **argv)
{
  const Command *command = find_tickets_command ("sell");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCatalogueClient) client = NULL;
  g_autofree char *attraction = NULL, *date_text = NULL, *slot = NULL, *type_text = NULL;
  g_autofree char *count_text = NULL, *holder = NULL, *poi_id = NULL, *date = NULL;
  g_autofree char *server = NULL, *token_file = NULL;
  guint64 count = 1;
  int type;
  GOptionEntry entries[] = {
    { "attraction", 0, 0, G_OPTION_ARG_STRING, &attraction, N_("The attraction: its id or exact name"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day of the visit"), N_("YYYY-MM-DD") },
    { "slot", 0, 0, G_OPTION_ARG_STRING, &slot, N_("The time slot: its start"), N_("HH:MM") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_text, N_("adult, child, senior, student or free"), N_("TYPE") },
    { "count", 0, 0, G_OPTION_ARG_STRING, &count_text, N_("How many tickets (default 1)"), N_("N") },
    { "holder", 0, 0, G_OPTION_ARG_STRING, &holder, N_("The customer the tickets are for"), N_("CUSTOMER_ID") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("Sell through the platform at URL (the places are taken there)"), N_("URL") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file, N_("A file holding this desk's sign-in"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (!parse_date_option (cli, "--date", date_text, &date)
      || !td_cli_parse_count (cli, "--count", count_text, TD_TICKETS_MAX_COUNT, &count))
    return TD_CLI_EXIT_USAGE;
  if (count == 0)
    {
      td_cli_fail (cli, _("--count: sell at least one ticket"));
      return TD_CLI_EXIT_USAGE;
    }
  if (slot == NULL)
    {
      td_cli_fail (cli, _("Say which time slot: --slot HH:MM"));
      return TD_CLI_EXIT_USAGE;
    }
  if (strlen (slot) != 5 || slot[2] != ':' || !g_ascii_isdigit (slot[0]) || !g_ascii_isdigit (slot[1])
      || !g_ascii_isdigit (slot[3]) || !g_ascii_isdigit (slot[4]))
    {
      td_cli_fail (cli, _("--slot: “%s” is not a time (HH:MM, such as 09:30)"), slot);
      return TD_CLI_EXIT_USAGE;
    }
  type = td_ticket_type_from_string (type_text ? type_text : "adult");
  if (type < 0)
    {
      td_cli_fail (cli, _("--type: “%s” is not a ticket type: use adult, child, senior, student or free"), type_text);
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  poi_id = resolve_attraction (cli, db, attraction);
  if (poi_id == NULL)
    return TD_CLI_EXIT_USAGE;
  if (server || token_file)
    {
      client = make_client (cli, db, server, token_file);
      if (client == NULL)
        return TD_CLI_EXIT_USAGE;
    }

  {
    TdTicketSale sale = {
      .poi_id = poi_id, .date = date, .start_time = slot, .type = (TdTicketType) type,
      .count = (guint) count, .customer_id = holder,
    };
    Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
    g_autoptr(GAsyncResult) result = NULL;

    td_catalogue_client_sell_async (client, db, &sale, NULL, wait_done, &wait);
    result = wait_for (&wait);
    tickets = td_catalogue_client_sell_finish (result, &error);
  }
  if (tickets == NULL)
    return td_cli_fail_error (cli, error);

  print_tickets (cli, tickets);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* tickets validate, voucher                                          */

static int
cmd_tickets_validate (Cli   *cli,
                      int    argc,
                      char **argv)
{
  const Command *command = find_tickets_command ("validate");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTicketCheck) check = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  check = td_tickets_validate (db, NULL, argv[1], 0, &error);
  if (check == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "result", td_ticket_verdict_to_string (check->verdict));
      json_object_set_string_member (object, "message", check->message);
      if (check->ticket)
        json_object_set_object_member (object, "ticket", td_ticket_to_json (check->ticket));
      else
        json_object_set_null_member (object, "ticket");
      json_node_set_object (root, object);
      td_cli_print_json_node (root);
    }
  else
    {
      g_print ("%s\n", check->message);
      if (check->ticket)
        print_ticket (check->ticket);
    }
  /* only a ticket to let in succeeds */
  return check->verdict == TD_TICKET_CHECK_VALID ? TD_CLI_EXIT_SUCCESS : TD_CLI_EXIT_FAILURE;
}

static int
cmd_tickets_voucher (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_tickets_command ("voucher");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTicket) ticket = NULL;
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Write the voucher to FILE (.pdf or .png)"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (out == NULL || !(g_str_has_suffix (out, ".pdf") || g_str_has_suffix (out, ".png")
                       || g_str_has_suffix (out, ".PDF") || g_str_has_suffix (out, ".PNG")))
    {
      td_cli_fail (cli, _("Say where to write the voucher: --out FILE.pdf or --out FILE.png"));
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  ticket = td_tickets_get (db, argv[1], &error);
  if (ticket == NULL || !td_ticket_voucher_write (db, ticket, out, &error))
    return td_cli_fail_error (cli, error);
  g_print (_("Voucher written to %s\n"), out);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* tickets list, slots, key                                           */

static int
cmd_tickets_list (Cli   *cli,
                  int    argc,
                  char **argv)
{
  const Command *command = find_tickets_command ("list");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autofree char *date_text = NULL, *date = NULL, *limit_text = NULL;
  guint limit = 200;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Only tickets for this day"), N_("YYYY-MM-DD") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("Show at most N tickets (default 200)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0) || !td_cli_parse_limit (cli, limit_text, &limit)
      || (date_text && !parse_date_option (cli, "--date", date_text, &date)))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  tickets = td_tickets_list (db, date, limit, &error);
  if (tickets == NULL)
    return td_cli_fail_error (cli, error);
  print_tickets (cli, tickets);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_tickets_slots (Cli   *cli,
                   int    argc,
                   char **argv)
{
  const Command *command = find_tickets_command ("slots");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) prices = NULL;
  g_autofree char *attraction = NULL, *date_text = NULL, *date = NULL, *poi_id = NULL;
  GOptionEntry entries[] = {
    { "attraction", 0, 0, G_OPTION_ARG_STRING, &attraction, N_("The attraction: its id or exact name"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day"), N_("YYYY-MM-DD") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0) || !parse_date_option (cli, "--date", date_text, &date))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  poi_id = resolve_attraction (cli, db, attraction);
  if (poi_id == NULL)
    return TD_CLI_EXIT_USAGE;
  slots = td_tickets_list_slots (db, poi_id, date, &error);
  if (slots)
    prices = td_tickets_list_prices (db, poi_id, &error);
  if (slots == NULL || prices == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "attraction_id");
      json_builder_add_string_value (b, poi_id);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, date);
      json_builder_set_member_name (b, "slots");
      json_builder_begin_array (b);
      for (guint i = 0; i < slots->len; i++)
        {
          TdSlot *slot = g_ptr_array_index (slots, i);

          json_builder_begin_object (b);
          td_cli_add_string (b, "id", slot->id);
          td_cli_add_string (b, "start", slot->start_time);
          td_cli_add_string (b, "end", slot->end_time);
          json_builder_set_member_name (b, "capacity");
          json_builder_add_int_value (b, slot->capacity);
          json_builder_set_member_name (b, "sold");
          json_builder_add_int_value (b, slot->sold);
          json_builder_set_member_name (b, "available");
          json_builder_add_int_value (b, td_slot_get_available (slot));
          td_cli_add_string (b, "platform_id", slot->platform_id);
          json_builder_set_member_name (b, "quota");
          if (slot->quota >= 0)
            json_builder_add_int_value (b, slot->quota);
          else
            json_builder_add_null_value (b);
          td_cli_add_string (b, "quota_as_of", slot->quota_as_of);
          json_builder_set_member_name (b, "offline_pending");
          json_builder_add_int_value (b, slot->offline_pending);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "prices");
      json_builder_begin_array (b);
      for (guint i = 0; i < prices->len; i++)
        {
          TdTicketPrice *price = g_ptr_array_index (prices, i);

          json_builder_begin_object (b);
          td_cli_add_string (b, "type", td_ticket_type_to_string (price->type));
          td_cli_add_money (b, "price", &price->price);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (slots->len == 0)
    g_print (_("No time slots on %s.\n"), date);
  for (guint i = 0; i < slots->len; i++)
    {
      TdSlot *slot = g_ptr_array_index (slots, i);
      g_autofree char *as_of = slot->quota_as_of ? td_timestamp_format_local (slot->quota_as_of, NULL) : NULL;

      g_print ("%s%s%s  ", slot->start_time, slot->end_time ? "–" : "", slot->end_time ? slot->end_time : "");
      /* Translators: places left in a time slot, of its capacity */
      g_print (_("%lld of %lld left"), (long long) td_slot_get_available (slot), (long long) slot->capacity);
      if (as_of)
        g_print ("  %s", as_of);
      g_print ("\n");
    }
  for (guint i = 0; i < prices->len; i++)
    {
      TdTicketPrice *price = g_ptr_array_index (prices, i);
      g_autofree char *amount = format_price (&price->price);

      g_print ("%s  %s\n", td_ticket_type_get_label (price->type), amount);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_tickets_key (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_tickets_command ("key");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  TdTicketKey *key;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL || (key = td_tickets_get_key (db, &error)) == NULL
      || (pem = td_ticket_key_export_public (key, &error)) == NULL)
    return td_cli_fail_error (cli, error);
  g_print ("%s", pem);
  return TD_CLI_EXIT_SUCCESS;
}

/* the gate's check: the public key only, no workspace */
static int
cmd_tickets_verify (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_tickets_command ("verify");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTicketKey) key = NULL;
  g_autofree char *key_file = NULL, *pem = NULL, *date = NULL;
  TdTicketCodeData data;
  gsize length = 0;
  GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("The public key (from “tickets key”)"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (key_file == NULL)
    {
      td_cli_fail (cli, _("Say which public key to check with: --key FILE"));
      return TD_CLI_EXIT_USAGE;
    }
  if (!g_file_get_contents (key_file, &pem, &length, &error)
      || (key = td_ticket_key_new_from_public_pem (pem, length, &error)) == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_ticket_code_verify (key, argv[1], &data, &error))
    {
      gboolean forged = g_error_matches (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_FORGED);

      if (cli->json)
        {
          g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
          g_autoptr(JsonObject) object = json_object_new ();

          json_object_set_string_member (object, "result", forged ? "forged" : "unknown");
          json_object_set_string_member (object, "message", error->message);
          json_node_set_object (root, object);
          td_cli_print_json_node (root);
        }
      else
        g_print ("%s\n", error->message);
      return TD_CLI_EXIT_FAILURE;
    }
  date = td_date_format_iso (data.date);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonObject) object = json_object_new ();
      g_autofree char *slot = g_strdup_printf ("%02u:%02u", data.start_minutes / 60, data.start_minutes % 60);

      json_object_set_string_member (object, "result", "genuine");
      json_object_set_string_member (object, "ticket_id", data.ticket_id);
      json_object_set_string_member (object, "attraction_id", data.attraction_id);
      json_object_set_string_member (object, "date", date);
      json_object_set_string_member (object, "slot", slot);
      json_object_set_string_member (object, "type", td_ticket_type_to_string (data.type));
      json_node_set_object (root, object);
      td_cli_print_json_node (root);
    }
  else
    g_print (_("Genuine: %s ticket for %s at %02u:%02u\n"), td_ticket_type_get_label (data.type), date,
             data.start_minutes / 60, data.start_minutes % 60);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* tickets catalogue: the platform's slots and quotas, here           */

static int
cmd_tickets_catalogue (Cli   *cli,
                       int    argc,
                       char **argv)
{
  const Command *command = find_tickets_command ("catalogue");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCatalogueClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *server = NULL, *token_file = NULL;
  Wait wait = { NULL, NULL };
  TdCatalogueUpdate update = { 0 };
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The platform's address, such as https://cloud.example.cn/"), N_("URL") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file, N_("A file holding this desk's sign-in"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (server == NULL || token_file == NULL)
    {
      td_cli_fail (cli, _("Say which platform: --server URL --token-file FILE"));
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  client = make_client (cli, db, server, token_file);
  if (client == NULL)
    return TD_CLI_EXIT_USAGE;

  wait.loop = g_main_loop_new (NULL, FALSE);
  td_catalogue_client_refresh_async (client, NULL, wait_done, &wait);
  result = wait_for (&wait);
  if (!td_catalogue_client_refresh_finish (client, result, &update, &error))
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "changed");
      json_builder_add_boolean_value (b, update.changed);
      json_builder_set_member_name (b, "slots");
      json_builder_add_int_value (b, update.slots);
      json_builder_set_member_name (b, "reported");
      json_builder_add_int_value (b, update.reported);
      json_builder_set_member_name (b, "refused");
      json_builder_add_int_value (b, update.refused);
      json_builder_set_member_name (b, "released");
      json_builder_add_int_value (b, update.released);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    {
      if (update.reported > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u ticket sold offline is now confirmed by the platform.\n",
                              "%u tickets sold offline are now confirmed by the platform.\n", update.reported),
                 update.reported);
      if (update.released > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "The platform has back the place of %u void ticket.\n",
                              "The platform has back the places of %u void tickets.\n", update.released),
                 update.released);
      if (!update.changed)
        g_print ("%s\n", _("The catalogue has not changed since the last time."));
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u time slot brought up to date.\n",
                              "%u time slots brought up to date.\n", update.slots), update.slots);
    }
  /* tickets the platform would not take: the clerk must deal with them */
  if (update.refused > 0)
    {
      td_cli_fail (cli, g_dngettext (GETTEXT_PACKAGE,
                                     "The platform refused %u ticket sold offline: its time slot is full there",
                                     "The platform refused %u tickets sold offline: their time slots are full there",
                                     update.refused), update.refused);
      return TD_CLI_EXIT_FAILURE;
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */

static int
cmd_tickets_void (Cli   *cli,
                  int    argc,
                  char **argv)
{
  const Command *command = find_tickets_command ("void");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTicket) ticket = NULL;
  g_autofree char *reason = NULL, *refund_text = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why: the trip was cancelled, a mistake…"), N_("TEXT") },
    { "refund", 0, 0, G_OPTION_ARG_STRING, &refund_text, N_("What was given back, such as 80.00 (default: nothing)"), N_("AMOUNT") },
    { NULL }
  };
  TdMoney refund;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (reason == NULL)
    {
      td_cli_fail (cli, "%s", _("--reason: say why the ticket is voided"));
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (refund_text)
    {
      g_autofree char *currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);

      if (!td_money_parse (refund_text, currency ? currency : TD_DEFAULT_CURRENCY, &refund, &error))
        {
          td_cli_fail (cli, "--refund: %s", error->message);
          return TD_CLI_EXIT_USAGE;
        }
    }
  ticket = td_tickets_void (db, NULL, argv[1], reason, refund_text ? &refund : NULL, &error);
  if (ticket == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonObject) object = td_ticket_to_json (ticket);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

      td_cli_print_json_node (node);
      return TD_CLI_EXIT_SUCCESS;
    }
  /* Translators: a ticket's attraction, date and time slot */
  g_print (_("Void: %s, %s %s\n"), ticket->attraction, ticket->date, ticket->start_time);
  if (ticket->platform_booking_id)
    g_print ("%s\n", _("The platform gets its place back at the next sync."));
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* setting up an attraction's own slots and prices                    */

static int
cmd_tickets_add_slots (Cli   *cli,
                       int    argc,
                       char **argv)
{
  const Command *command = find_tickets_command ("add-slots");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *attraction = NULL, *from_text = NULL, *to_text = NULL, *days_text = NULL;
  g_autofree char *times = NULL, *capacity_text = NULL, *poi_id = NULL;
  GOptionEntry entries[] = {
    { "attraction", 0, 0, G_OPTION_ARG_STRING, &attraction, N_("The attraction: its id or exact name"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first day"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last day (default: the first)"), N_("YYYY-MM-DD") },
    { "days", 0, 0, G_OPTION_ARG_STRING, &days_text, N_("Only these days of the week: mon,sat,sun or 1-5 (default: every day)"), N_("DAYS") },
    { "times", 0, 0, G_OPTION_ARG_STRING, &times, N_("The slots of a day: 09:00-11:00,13:00-15:00"), N_("TIMES") },
    { "capacity", 0, 0, G_OPTION_ARG_STRING, &capacity_text, N_("The places each slot holds"), N_("N") },
    { NULL }
  };
  guint32 first = 0, last = 0;
  guint weekdays = 0, added = 0, skipped = 0;
  guint64 capacity = 0;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (from_text == NULL || times == NULL || capacity_text == NULL)
    {
      td_cli_fail (cli, "%s", _("Say --from DATE, --times 09:00-11:00,… and --capacity N"));
      return TD_CLI_EXIT_USAGE;
    }
  if (!td_cli_parse_date (cli, "--from", from_text, &first)
      || (to_text && !td_cli_parse_date (cli, "--to", to_text, &last))
      || !td_cli_parse_count (cli, "--capacity", capacity_text, 1000000, &capacity))
    return TD_CLI_EXIT_USAGE;
  if (days_text && !td_weekdays_parse (days_text, &weekdays, &error))
    {
      td_cli_fail (cli, "--days: %s", error->message);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  poi_id = resolve_attraction (cli, db, attraction);
  if (poi_id == NULL)
    return TD_CLI_EXIT_USAGE;
  if (!td_ticket_slots_add_range (db, NULL, poi_id, first, last ? last : first, weekdays, times,
                                  (gint64) capacity, &added, &skipped, &error))
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "attraction_id", poi_id);
      json_builder_set_member_name (b, "added");
      json_builder_add_int_value (b, added);
      json_builder_set_member_name (b, "skipped");
      json_builder_add_int_value (b, skipped);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u time slot", "Added %u time slots", added), added);
  if (skipped > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "; %u was there already", "; %u were there already", skipped), skipped);
  g_print ("\n");
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_tickets_set_price (Cli   *cli,
                       int    argc,
                       char **argv)
{
  const Command *command = find_tickets_command ("set-price");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *attraction = NULL, *type_text = NULL, *price_text = NULL, *poi_id = NULL, *currency = NULL;
  GOptionEntry entries[] = {
    { "attraction", 0, 0, G_OPTION_ARG_STRING, &attraction, N_("The attraction: its id or exact name"), N_("ID") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_text, N_("adult, child, senior, student or free"), N_("TYPE") },
    { "price", 0, 0, G_OPTION_ARG_STRING, &price_text, N_("The price, such as 80.00"), N_("AMOUNT") },
    { NULL }
  };
  TdMoney price;
  int type, status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  type = type_text ? td_ticket_type_from_string (type_text) : -1;
  if (type < 0)
    {
      td_cli_fail (cli, "%s", _("--type: adult, child, senior, student or free"));
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
  if (price_text == NULL || !td_money_parse (price_text, currency ? currency : TD_DEFAULT_CURRENCY, &price, &error))
    {
      td_cli_fail (cli, "--price: %s", error ? error->message : _("give the price, such as 80.00"));
      return TD_CLI_EXIT_USAGE;
    }
  poi_id = resolve_attraction (cli, db, attraction);
  if (poi_id == NULL)
    return TD_CLI_EXIT_USAGE;
  if (!td_tickets_set_price (db, NULL, poi_id, (TdTicketType) type, &price, &error))
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "attraction_id", poi_id);
      td_cli_add_string (b, "type", td_ticket_type_to_string ((TdTicketType) type));
      td_cli_add_money (b, "price", &price);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  {
    g_autofree char *shown = td_money_format (&price);

    /* Translators: a ticket type (Adult), then its price */
    g_print (_("%s: %s\n"), td_ticket_type_get_label ((TdTicketType) type), shown);
  }
  return TD_CLI_EXIT_SUCCESS;
}

static const Command tickets_commands[] = {
  { "sell", "", N_("Sell tickets for a time slot; prints each ticket with its code"), cmd_tickets_sell },
  { "voucher", N_("CODE"), N_("Write a ticket's voucher with its QR code to a PDF or PNG file"), cmd_tickets_voucher },
  { "validate", N_("CODE"), N_("Check a ticket at the gate and mark it used: valid, used, forged or unknown"), cmd_tickets_validate },
  { "list", "", N_("Tickets sold, newest first"), cmd_tickets_list },
  { "slots", "", N_("An attraction's time slots on a day, with the places left, and its prices"), cmd_tickets_slots },
  { "catalogue", "", N_("Fetch the platform's time slots and quotas; report offline sales"), cmd_tickets_catalogue },
  { "key", "", N_("Print the public key that gates check ticket codes with"), cmd_tickets_key },
  { "verify", N_("CODE"), N_("Check a code's signature with a public key only, as a gate without the workspace"), cmd_tickets_verify },
  { "void", N_("CODE"), N_("Void a ticket not used yet, with the reason and any refund; its place is free again"), cmd_tickets_void },
  { "add-slots", "", N_("Add an attraction's own time slots, many days at once"), cmd_tickets_add_slots },
  { "set-price", "", N_("Set an attraction's price for a ticket type"), cmd_tickets_set_price },
};

static Command tickets_named[G_N_ELEMENTS (tickets_commands)];

static const CommandGroup tickets_group = {
  .name = "tickets",
  .commands = tickets_commands,
  .n_commands = G_N_ELEMENTS (tickets_commands),
  .named = tickets_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] tickets SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Attraction tickets: time slots under quota, sales, signed e-tickets and their validation."),
  .footer = N_("“tickets SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“tickets” needs a sub-command. Try “%s tickets --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s tickets --help”."),
};

static const Command *
find_tickets_command (const char *name)
{
  return td_cli_find_subcommand (&tickets_group, name);
}

int
td_cli_cmd_tickets (Cli   *cli,
                    int    argc,
                    char **argv)
{
  return td_cli_run_group (cli, &tickets_group, argc, argv);
}
