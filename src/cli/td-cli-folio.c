/* td-cli-folio.c: tourdesk-cli, a stay's folios (folio show, charge, pay,
 * deposit, refund, move, split, post-nights, print)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-cli-private.h"
#include "td-folio-document.h"

static const Command *find_folio_command (const char *name);

/* ------------------------------------------------------------------ */
/* folio show                                                         */

static void
add_entry (JsonBuilder        *b,
           const TdFolioEntry *e)
{
  json_builder_begin_object (b);
  td_cli_add_string (b, "id", e->id);
  td_cli_add_string (b, "type", td_folio_entry_type_to_string (e->type));
  td_cli_add_string (b, "category", e->category);
  td_cli_add_string (b, "method", e->method);
  td_cli_add_money (b, "amount", &e->amount);
  json_builder_set_member_name (b, "signed_minor");
  json_builder_add_int_value (b, td_folio_entry_signed (e));
  if (e->night)
    td_cli_add_date (b, "night", e->night);
  else
    td_cli_add_string (b, "night", NULL);
  td_cli_add_date (b, "day", e->day);
  td_cli_add_string (b, "description", e->description);
  td_cli_add_string (b, "reference", e->reference);
  td_cli_add_string (b, "posted_at", e->posted_at);
  td_cli_add_string (b, "posted_by", e->posted_by);
  json_builder_end_object (b);
}

static void
print_account_json (const TdStayAccount *account)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  TdMoney at_departure = account->balance;

  at_departure.minor += account->unposted.minor;
  json_builder_begin_object (b);
  td_cli_add_string (b, "stay_id", account->stay->id);
  td_cli_add_string (b, "room", account->stay->room_number);
  td_cli_add_string (b, "guest", account->stay->guest_name);
  td_cli_add_string (b, "state", td_stay_state_to_string (account->stay->state));
  td_cli_add_date (b, "arrival", account->stay->dates.start);
  td_cli_add_date (b, "departure", account->stay->dates.end);
  td_cli_add_money (b, "balance", &account->balance);
  json_builder_set_member_name (b, "nights_unposted");
  json_builder_add_int_value (b, account->n_unposted);
  td_cli_add_money (b, "unposted", &account->unposted);
  td_cli_add_money (b, "balance_at_departure", &at_departure);
  json_builder_set_member_name (b, "folios");
  json_builder_begin_array (b);
  for (guint i = 0; i < account->folios->len; i++)
    {
      TdFolio *f = g_ptr_array_index (account->folios, i);

      json_builder_begin_object (b);
      td_cli_add_string (b, "id", f->id);
      json_builder_set_member_name (b, "number");
      json_builder_add_int_value (b, f->number);
      td_cli_add_string (b, "label", f->label);
      td_cli_add_string (b, "customer_id", f->customer_id);
      td_cli_add_string (b, "customer", f->customer_name);
      td_cli_add_money (b, "charges", &f->charges);
      td_cli_add_money (b, "paid", &f->paid);
      td_cli_add_money (b, "balance", &f->balance);
      td_cli_add_string (b, "override_by", f->override_by);
      td_cli_add_string (b, "override_reason", f->override_reason);
      td_cli_add_string (b, "override_at", f->override_at);
      json_builder_set_member_name (b, "entries");
      json_builder_begin_array (b);
      for (guint j = 0; j < f->entries->len; j++)
        add_entry (b, g_ptr_array_index (f->entries, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  td_cli_print_json (b);
}

/* what an entry is, for people: “Room night”, “Minibar”, “Payment · WeChat Pay” */
static char *
describe_entry (const TdFolioEntry *e)
{
  switch (e->type)
    {
    case TD_FOLIO_ENTRY_ROOM:
      return g_strdup (td_folio_entry_type_get_title (e->type));
    case TD_FOLIO_ENTRY_CHARGE:
      return g_strdup (td_folio_category_get_title (e->category));
    case TD_FOLIO_ENTRY_PAYMENT:
    case TD_FOLIO_ENTRY_DEPOSIT:
    case TD_FOLIO_ENTRY_REFUND:
      return g_strdup_printf ("%s · %s", td_folio_entry_type_get_title (e->type),
                              td_payment_method_get_title (e->method));
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
print_account (const TdStayAccount *account)
{
  g_autofree char *balance = td_money_format (&account->balance);
  TdMoney at_departure = account->balance;

  g_print ("%s  %s  %s\n", account->stay->room_number ? account->stay->room_number : "—",
           account->stay->guest_name ? account->stay->guest_name : "",
           td_stay_state_get_title (account->stay->state));
  if (account->folios->len == 0)
    g_print ("  %s\n", _("Nothing posted yet"));
  for (guint i = 0; i < account->folios->len; i++)
    {
      TdFolio *f = g_ptr_array_index (account->folios, i);
      g_autofree char *folio_balance = td_money_format (&f->balance);
      g_autoptr(GString) title = g_string_new (NULL);

      g_string_printf (title, _("Folio %u"), f->number);
      if (f->label)
        g_string_append_printf (title, " · %s", f->label);
      if (f->customer_name)
        g_string_append_printf (title, " · %s", f->customer_name);
      g_print ("%s\n", title->str);
      for (guint j = 0; j < f->entries->len; j++)
        {
          TdFolioEntry *e = g_ptr_array_index (f->entries, j);
          g_autoptr(GString) line = g_string_new ("  ");
          g_autofree char *what = describe_entry (e);
          TdMoney signed_amount = e->amount;
          g_autofree char *amount = NULL;

          signed_amount.minor = td_folio_entry_signed (e);
          amount = td_money_format (&signed_amount);
          g_autofree char *day = td_date_format_iso (e->day);

          /* the night, or the day it was posted */
          g_string_append_printf (line, "%s  ", day);
          td_cli_append_padded (line, what, 28);
          td_cli_append_padded (line, e->description ? e->description : "", 16);
          g_string_append_printf (line, "%12s  %s", amount, e->id);
          g_print ("%s\n", line->str);
        }
      td_cli_print_row (_("Folio balance:"), folio_balance);
      if (f->override_by)
        {
          g_autofree char *text = g_strdup_printf (_("%s: %s"), f->override_by, f->override_reason);

          td_cli_print_row (_("Manager’s override:"), text);
        }
    }
  td_cli_print_row (_("Balance:"), balance);
  if (account->n_unposted > 0)
    {
      g_autofree char *unposted = td_money_format (&account->unposted);
      g_autofree char *nights = g_strdup_printf (ngettext ("%u night, %s", "%u nights, %s", account->n_unposted),
                                                 account->n_unposted, unposted);
      g_autofree char *total = NULL;

      at_departure.minor += account->unposted.minor;
      total = td_money_format (&at_departure);
      td_cli_print_row (_("Not posted yet:"), nights);
      td_cli_print_row (_("Balance at departure:"), total);
    }
}

static TdStayAccount *
open_account (Cli         *cli,
              TdDatabase **db,
              const char  *stay_id)
{
  g_autoptr(GError) error = NULL;
  TdStayAccount *account;

  *db = td_cli_open_existing (cli, &error);
  if (*db == NULL)
    {
      td_cli_fail_error (cli, error);
      return NULL;
    }
  account = td_stay_account_get (*db, stay_id, &error);
  if (account == NULL)
    td_cli_fail_error (cli, error);
  return account;
}

static int
cmd_folio_show (Cli   *cli,
                int    argc,
                char **argv)
{
  const Command *command = find_folio_command ("show");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdStayAccount) account = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  account = open_account (cli, &db, argv[1]);
  if (account == NULL)
    return TD_CLI_EXIT_FAILURE;
  if (cli->json)
    print_account_json (account);
  else
    print_account (account);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* folio charge, pay, deposit, refund                                 */

static gboolean
parse_folio_number (Cli        *cli,
                    const char *text,
                    guint      *number)
{
  guint64 value = 0;

  if (text == NULL)
    return TRUE;
  if (!td_cli_parse_count (cli, "--folio", text, 999, &value))
    return FALSE;
  if (value == 0)
    {
      td_cli_fail (cli, _("--folio: folios are numbered from 1"));
      return FALSE;
    }
  *number = (guint) value;
  return TRUE;
}

static int
post_entry (Cli              *cli,
            const char       *name,
            TdFolioEntryType  type,
            int               argc,
            char            **argv)
{
  const Command *command = find_folio_command (name);
  g_autofree char *amount_text = NULL;
  g_autofree char *category = NULL;
  g_autofree char *method = NULL;
  g_autofree char *description = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *folio_text = NULL;
  g_autofree char *id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdStay) stay = NULL;
  g_autoptr(GError) error = NULL;
  TdFolioPosting posting = { 0 };
  gboolean charge = type == TD_FOLIO_ENTRY_CHARGE;
  g_autofree char *category_help = NULL;
  g_autofree char *method_help = NULL;
  GOptionEntry entries[] = {
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text, N_("How much, in the stay's currency (128.50)"), N_("AMOUNT") },
    { charge ? "category" : "method", 0, 0, G_OPTION_ARG_STRING, charge ? &category : &method, NULL, charge ? N_("CATEGORY") : N_("METHOD") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What it is for"), N_("TEXT") },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &reference, N_("A card slip or transaction number"), N_("TEXT") },
    { "folio", 0, 0, G_OPTION_ARG_STRING, &folio_text, N_("On folio N of the stay (default 1, the main folio)"), N_("N") },
    { NULL }
  };
  int status;

  category_help = g_strjoinv (", ", (char **) td_folio_categories ());
  method_help = g_strjoinv (", ", (char **) td_payment_methods ());
  /* the option's help names the choices; GOption translates it with the
   * package's domain, so it is built from a translated format */
  entries[1].description = charge ? g_strdup_printf (_("What kind of charge: %s"), category_help)
                                  : g_strdup_printf (_("How it is paid: %s"), method_help);
  status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv);
  g_free ((char *) entries[1].description);
  if (status >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (amount_text == NULL)
    {
      td_cli_fail (cli, _("Say how much: --amount AMOUNT. Try “%s %s --help”."), cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (charge && category == NULL)
    {
      td_cli_fail (cli, _("Say what kind of charge: --category %s"), category_help);
      return TD_CLI_EXIT_USAGE;
    }
  if (!charge && method == NULL)
    {
      td_cli_fail (cli, _("Say how it is paid: --method %s"), method_help);
      return TD_CLI_EXIT_USAGE;
    }
  if (!parse_folio_number (cli, folio_text, &posting.folio))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  stay = td_stay_get (db, argv[1], &error);
  if (stay == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_money_parse (amount_text, stay->total.currency, &posting.amount, &error))
    {
      td_cli_fail (cli, _("--amount: %s"), error->message);
      return TD_CLI_EXIT_USAGE;
    }
  posting.stay_id = stay->id;
  posting.type = type;
  posting.category = category;
  posting.method = method;
  posting.description = description;
  posting.reference = reference;
  id = td_folio_post (db, NULL, &posting, NULL, &error);
  if (id == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(TdStayAccount) account = td_stay_account_get (db, stay->id, &error);
      g_autoptr(JsonBuilder) b = json_builder_new ();

      if (account == NULL)
        return td_cli_fail_error (cli, error);
      json_builder_begin_object (b);
      td_cli_add_string (b, "id", id);
      td_cli_add_string (b, "stay_id", stay->id);
      td_cli_add_money (b, "balance", &account->balance);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    g_print ("%s\n", id);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_folio_charge (Cli *cli, int argc, char **argv)
{
  return post_entry (cli, "charge", TD_FOLIO_ENTRY_CHARGE, argc, argv);
}

static int
cmd_folio_pay (Cli *cli, int argc, char **argv)
{
  return post_entry (cli, "pay", TD_FOLIO_ENTRY_PAYMENT, argc, argv);
}

static int
cmd_folio_deposit (Cli *cli, int argc, char **argv)
{
  return post_entry (cli, "deposit", TD_FOLIO_ENTRY_DEPOSIT, argc, argv);
}

static int
cmd_folio_refund (Cli *cli, int argc, char **argv)
{
  return post_entry (cli, "refund", TD_FOLIO_ENTRY_REFUND, argc, argv);
}

/* ------------------------------------------------------------------ */
/* folio move, split                                                  */

static int
cmd_folio_move (Cli   *cli,
                int    argc,
                char **argv)
{
  const Command *command = find_folio_command ("move");
  g_autofree char *folio_text = NULL;
  g_autofree char *stay_id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint number = 0;
  GOptionEntry entries[] = {
    { "to-folio", 0, 0, G_OPTION_ARG_STRING, &folio_text, N_("To folio N (default 1, the main folio)"), N_("N") },
    { "to-stay", 0, 0, G_OPTION_ARG_STRING, &stay_id, N_("To a folio of another stay (another room)"), N_("STAY_ID") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (folio_text == NULL && stay_id == NULL)
    {
      td_cli_fail (cli, _("Say where to: --to-folio N, --to-stay STAY_ID or both. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (!parse_folio_number (cli, folio_text, &number))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_folio_move_entry (db, NULL, argv[1], stay_id, number, &error))
    return td_cli_fail_error (cli, error);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_folio_split (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_folio_command ("split");
  g_autofree char *label = NULL;
  g_autofree char *payer = NULL;
  g_auto(GStrv) entry_ids = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint number;
  GOptionEntry entries[] = {
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, N_("A name for the new folio (“Company”, “Extras”)"), N_("TEXT") },
    { "payer", 0, 0, G_OPTION_ARG_STRING, &payer, N_("The customer who pays it"), N_("CUSTOMER_ID") },
    { "entry", 0, 0, G_OPTION_ARG_STRING_ARRAY, &entry_ids, N_("An entry to take to the new folio; once for each"), N_("ENTRY_ID") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  number = td_folio_split (db, NULL, argv[1], label, payer, (const char * const *) entry_ids, &error);
  if (number == 0)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "stay_id", argv[1]);
      json_builder_set_member_name (b, "folio");
      json_builder_add_int_value (b, number);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    g_print ("%u\n", number);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* folio post-nights                                                  */

static int
cmd_folio_post_nights (Cli   *cli,
                       int    argc,
                       char **argv)
{
  const Command *command = find_folio_command ("post-nights");
  g_autofree char *date_text = NULL;
  g_autofree char *stay_id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  TdDeskTime when;
  int n;
  GOptionEntry entries[] = {
    { "stay", 0, 0, G_OPTION_ARG_STRING, &stay_id, N_("Only this stay (default: every guest in house)"), N_("STAY_ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Post the nights before DATE (default today)"), N_("DATE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  td_desk_time_init_now (&when, db);
  if (date_text && !td_cli_parse_date (cli, "--date", date_text, &when.today))
    return TD_CLI_EXIT_USAGE;
  n = stay_id ? td_folio_post_nights (db, NULL, stay_id, when.today, &error)
              : td_folios_post_due (db, NULL, &when, &error);
  if (n < 0)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_date (b, "before", when.today);
      json_builder_set_member_name (b, "posted");
      json_builder_add_int_value (b, n);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    g_print (ngettext ("%d night posted\n", "%d nights posted\n", (gulong) n), n);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* folio print                                                        */

static int
cmd_folio_print (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_folio_command ("print");
  g_autofree char *out = NULL;
  g_autofree char *folio_text = NULL;
  gboolean receipt = FALSE;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDocument) doc = NULL;
  guint number = 0;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Write it to FILE (PDF)"), N_("FILE.pdf") },
    { "folio", 0, 0, G_OPTION_ARG_STRING, &folio_text, N_("Only folio N (default: every folio of the stay)"), N_("N") },
    { "receipt", 0, 0, G_OPTION_ARG_NONE, &receipt, N_("The receipt (totals by kind and by payment method) instead of the folio"), NULL },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (out == NULL)
    {
      td_cli_fail (cli, _("Say where to write it: --out FILE.pdf. Try “%s %s --help”."), cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (!parse_folio_number (cli, folio_text, &number))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  doc = receipt ? td_receipt_document_new (db, argv[1], number, &error)
                : td_folio_document_new (db, argv[1], number, &error);
  if (doc == NULL || !td_document_write_pdf (doc, out, &error))
    return td_cli_fail_error (cli, error);
  return TD_CLI_EXIT_SUCCESS;
}

static const Command folio_commands[] = {
  { "show", N_("STAY_ID"), N_("A stay's folios: nights, charges, payments and the balance"), cmd_folio_show },
  { "charge", N_("STAY_ID"), N_("Post a charge (restaurant, minibar, laundry, tickets…)"), cmd_folio_charge },
  { "pay", N_("STAY_ID"), N_("Take a payment"), cmd_folio_pay },
  { "deposit", N_("STAY_ID"), N_("Take a deposit"), cmd_folio_deposit },
  { "refund", N_("STAY_ID"), N_("Give money back (no more than was paid)"), cmd_folio_refund },
  { "move", N_("ENTRY_ID"), N_("Move an entry to another folio, of this stay or another"), cmd_folio_move },
  { "split", N_("STAY_ID"), N_("Open another folio for the stay, taking some entries; prints its number"), cmd_folio_split },
  { "post-nights", "", N_("Post the room nights that have passed (what the night audit does)"), cmd_folio_post_nights },
  { "print", N_("STAY_ID"), N_("Write the folio, or the receipt, as a PDF"), cmd_folio_print },
};

static Command folio_named[G_N_ELEMENTS (folio_commands)];

static const CommandGroup folio_group = {
  .name = "folio",
  .commands = folio_commands,
  .n_commands = G_N_ELEMENTS (folio_commands),
  .named = folio_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] folio SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("What a stay owes and what was paid. Amounts are in the stay's currency."),
  .footer = N_("“folio SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“folio” needs a sub-command. Try “%s folio --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s folio --help”."),
};

static const Command *
find_folio_command (const char *name)
{
  return td_cli_find_subcommand (&folio_group, name);
}

int
td_cli_cmd_folio (Cli   *cli,
                  int    argc,
                  char **argv)
{
  return td_cli_run_group (cli, &folio_group, argc, argv);
}
