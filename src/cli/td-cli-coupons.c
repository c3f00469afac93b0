/* td-cli-coupons.c: tourdesk-cli, coupons (create, batch, list, check,
 * redeem) and loyalty points (show, earn, redeem)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-cli-private.h"

static const Command *find_coupons_command (const char *name);
static const Command *find_loyalty_command (const char *name);

typedef struct {
  char *percent;
  char *amount;
  char *min_spend;
  char *from;
  char *until;
  char *max_uses;
  char *per_customer;
  char *room_types;
  char *products;
  char *notes;
} SpecOptions;

static void
spec_options_clear (SpecOptions *o)
{
  g_free (o->percent);
  g_free (o->amount);
  g_free (o->min_spend);
  g_free (o->from);
  g_free (o->until);
  g_free (o->max_uses);
  g_free (o->per_customer);
  g_free (o->room_types);
  g_free (o->products);
  g_free (o->notes);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpecOptions, spec_options_clear)

#define SPEC_ENTRIES(o) \
  { "percent", 0, 0, G_OPTION_ARG_STRING, &(o).percent, N_("Take this percentage off (1–100)"), N_("N") }, \
  { "amount", 0, 0, G_OPTION_ARG_STRING, &(o).amount, N_("Take this amount off (in the workspace currency)"), N_("AMOUNT") }, \
  { "min-spend", 0, 0, G_OPTION_ARG_STRING, &(o).min_spend, N_("Only from this price up"), N_("AMOUNT") }, \
  { "from", 0, 0, G_OPTION_ARG_STRING, &(o).from, N_("Good for bookings from this date"), N_("DATE") }, \
  { "until", 0, 0, G_OPTION_ARG_STRING, &(o).until, N_("Good for bookings before this date (not on it)"), N_("DATE") }, \
  { "max-uses", 0, 0, G_OPTION_ARG_STRING, &(o).max_uses, N_("Good this many times in all"), N_("N") }, \
  { "per-customer", 0, 0, G_OPTION_ARG_STRING, &(o).per_customer, N_("Good this many times for each customer"), N_("N") }, \
  { "room-types", 0, 0, G_OPTION_ARG_STRING, &(o).room_types, N_("Only for these room types (codes, comma-separated; a code means that type in every hotel)"), N_("CODES") }, \
  { "products", 0, 0, G_OPTION_ARG_STRING, &(o).products, N_("Only for these products (ids, comma-separated)"), N_("IDS") }, \
  { "notes", 0, 0, G_OPTION_ARG_STRING, &(o).notes, N_("A note for the staff"), N_("TEXT") }

/* FALSE after saying why (exit with TD_CLI_EXIT_USAGE) */
static gboolean
parse_spec (Cli          *cli,
            TdDatabase   *db,
            SpecOptions  *o,
            TdCouponSpec *spec,
            char        **room_types_out)
{
  g_autofree char *currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
  g_autoptr(GError) error = NULL;
  guint64 number;

  memset (spec, 0, sizeof *spec);
  if ((o->percent == NULL) == (o->amount == NULL))
    {
      td_cli_fail (cli, "%s", _("Give one of --percent or --amount"));
      return FALSE;
    }
  if (o->percent)
    {
      if (!g_ascii_string_to_unsigned (o->percent, 10, 1, 100, &number, NULL))
        {
          td_cli_fail (cli, _("--percent: “%s” is not a number from 1 to 100"), o->percent);
          return FALSE;
        }
      spec->discount = TD_COUPON_PERCENT;
      spec->percent = (guint) number;
    }
  else
    {
      spec->discount = TD_COUPON_AMOUNT;
      if (!td_money_parse (o->amount, currency ? currency : "CNY", &spec->amount, &error))
        {
          td_cli_fail (cli, "--amount: %s", error->message);
          return FALSE;
        }
    }
  if (o->min_spend)
    {
      if (!td_money_parse (o->min_spend, currency ? currency : "CNY", &spec->min_spend, &error))
        {
          td_cli_fail (cli, "--min-spend: %s", error->message);
          return FALSE;
        }
      spec->has_min_spend = TRUE;
    }
  if (o->from && !td_cli_parse_date (cli, "--from", o->from, &spec->valid_from))
    return FALSE;
  if (o->until && !td_cli_parse_date (cli, "--until", o->until, &spec->valid_until))
    return FALSE;
  if (o->max_uses && !td_cli_parse_count (cli, "--max-uses", o->max_uses, G_MAXINT32, &number))
    return FALSE;
  else if (o->max_uses)
    spec->max_uses = (guint) number;
  if (o->per_customer && !td_cli_parse_count (cli, "--per-customer", o->per_customer, G_MAXINT32, &number))
    return FALSE;
  else if (o->per_customer)
    spec->max_uses_per_customer = (guint) number;
  if (o->room_types)
    {
      *room_types_out = td_coupon_room_types_for_codes (db, o->room_types, &error);
      if (*room_types_out == NULL)
        {
          td_cli_fail (cli, "--room-types: %s", error->message);
          return FALSE;
        }
      spec->room_type_ids = *room_types_out;
    }
  spec->products = o->products;
  spec->notes = o->notes;
  return TRUE;
}

static void
add_coupon_json (JsonBuilder    *b,
                 const TdCoupon *c)
{
  td_cli_add_string (b, "code", c->code);
  td_cli_add_string (b, "discount", c->spec.discount == TD_COUPON_PERCENT ? "percent" : "amount");
  if (c->spec.discount == TD_COUPON_PERCENT)
    {
      json_builder_set_member_name (b, "percent");
      json_builder_add_int_value (b, c->spec.percent);
    }
  else
    td_cli_add_money (b, "amount", &c->spec.amount);
  if (c->spec.has_min_spend)
    td_cli_add_money (b, "min_spend", &c->spec.min_spend);
  if (c->spec.valid_from)
    td_cli_add_date (b, "valid_from", c->spec.valid_from);
  if (c->spec.valid_until)
    td_cli_add_date (b, "valid_until", c->spec.valid_until);
  json_builder_set_member_name (b, "max_uses");
  if (c->spec.max_uses)
    json_builder_add_int_value (b, c->spec.max_uses);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "max_uses_per_customer");
  if (c->spec.max_uses_per_customer)
    json_builder_add_int_value (b, c->spec.max_uses_per_customer);
  else
    json_builder_add_null_value (b);
  td_cli_add_string (b, "room_type_ids", c->room_type_ids);
  td_cli_add_string (b, "products", c->products);
  td_cli_add_string (b, "batch", c->batch);
  json_builder_set_member_name (b, "uses");
  json_builder_add_int_value (b, c->uses);
}

static int
cmd_coupons_create (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_coupons_command ("create");
  g_auto(SpecOptions) o = { 0 };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCoupon) coupon = NULL;
  g_autofree char *room_types = NULL, *code = NULL;
  TdCouponSpec spec;
  GOptionEntry entries[] = { SPEC_ENTRIES (o), { NULL } };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (argc > 2)
    {
      td_cli_fail (cli, _("Too many arguments for “%s”. Try “%s %s --help”."), command->name, cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!parse_spec (cli, db, &o, &spec, &room_types))
    return TD_CLI_EXIT_USAGE;
  code = td_coupon_create (db, argc == 2 ? argv[1] : NULL, &spec, &error);
  if (code == NULL)
    return td_cli_fail_error (cli, error);
  coupon = td_coupon_get (db, code, &error);
  if (coupon == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_coupon_json (b, coupon);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  {
    g_autofree char *text = td_coupon_describe (coupon);

    g_print ("%s  %s\n", coupon->code, text);
  }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_coupons_batch (Cli   *cli,
                   int    argc,
                   char **argv)
{
  const Command *command = find_coupons_command ("batch");
  g_auto(SpecOptions) o = { 0 };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *room_types = NULL, *batch = NULL;
  g_autofree char *count_text = NULL, *length_text = NULL, *prefix = NULL, *output = NULL;
  guint64 count = 0, length = 8;
  TdCouponSpec spec;
  GOptionEntry entries[] = {
    { "count", 0, 0, G_OPTION_ARG_STRING, &count_text, N_("How many codes"), N_("N") },
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix, N_("Letters every code starts with"), N_("TEXT") },
    { "length", 0, 0, G_OPTION_ARG_STRING, &length_text, N_("Random letters after the prefix (default 8)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Also write the codes to this CSV file"), N_("FILE") },
    SPEC_ENTRIES (o),
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (count_text == NULL)
    {
      td_cli_fail (cli, _("“coupons batch” needs --count N. Try “%s coupons batch --help”."), cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  if (!td_cli_parse_count (cli, "--count", count_text, 100000, &count)
      || !td_cli_parse_count (cli, "--length", length_text, 24, &length))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!parse_spec (cli, db, &o, &spec, &room_types))
    return TD_CLI_EXIT_USAGE;
  batch = td_coupon_create_batch (db, prefix, (guint) length, (guint) count, &spec, &codes, &error);
  if (batch == NULL)
    return td_cli_fail_error (cli, error);
  if (output)
    {
      g_autoptr(GString) csv = g_string_new ("\xef\xbb\xbf");
      const char *header[] = { _("Code") };

      td_csv_append_record (csv, header, 1, ',');
      for (guint i = 0; i < codes->len; i++)
        td_csv_append_record (csv, (const char * const *) &codes->pdata[i], 1, ',');
      if (!g_file_set_contents (output, csv->str, csv->len, &error))
        return td_cli_fail_error (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "batch", batch);
      json_builder_set_member_name (b, "codes");
      json_builder_begin_array (b);
      for (guint i = 0; i < codes->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (codes, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Batch %s: %u code.\n", "Batch %s: %u codes.\n", codes->len),
           batch, codes->len);
  for (guint i = 0; i < codes->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (codes, i));
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_coupons_list (Cli   *cli,
                  int    argc,
                  char **argv)
{
  const Command *command = find_coupons_command ("list");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *batch = NULL;
  GOptionEntry entries[] = {
    { "batch", 0, 0, G_OPTION_ARG_STRING, &batch, N_("Only the codes of this batch"), N_("BATCH") },
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
  list = td_coupon_list (db, batch, &error);
  if (list == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "coupons");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          json_builder_begin_object (b);
          add_coupon_json (b, g_ptr_array_index (list, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (list->len == 0)
    g_print ("%s\n", _("No coupons."));
  for (guint i = 0; i < list->len; i++)
    {
      TdCoupon *c = g_ptr_array_index (list, i);
      g_autofree char *text = td_coupon_describe (c);

      g_print ("%s  %s\n", c->code, text);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_coupons_redeem (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_coupons_command ("redeem");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stay = NULL, *customer = NULL, *kind = NULL, *booking = NULL, *price = NULL;
  g_autofree char *date = NULL, *product = NULL;
  g_autofree char *currency = NULL, *redemption = NULL;
  gboolean check_only = FALSE;
  TdMoney discount;
  GOptionEntry entries[] = {
    { "stay", 0, 0, G_OPTION_ARG_STRING, &stay, N_("The stay the coupon is for (front desk)"), N_("ID") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("Another kind of booking: the customer"), N_("ID") },
    { "booking-kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("… its kind (tour, …)"), N_("KIND") },
    { "booking", 0, 0, G_OPTION_ARG_STRING, &booking, N_("… its id"), N_("ID") },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product, N_("… the product booked"), N_("ID") },
    { "price", 0, 0, G_OPTION_ARG_STRING, &price, N_("… its price before the discount"), N_("AMOUNT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("… its date (default: today)"), N_("DATE") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check_only, N_("Only say whether it applies and what it takes off"), NULL },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if ((stay == NULL) == (customer == NULL) || (customer && (kind == NULL || booking == NULL || price == NULL)))
    {
      td_cli_fail (cli, _("Give --stay ID, or --customer, --booking-kind, --booking and --price. Try “%s coupons redeem --help”."),
                   cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);

  if (stay && !check_only)
    redemption = td_coupon_apply_to_stay (db, argv[1], stay, &discount, &error);
  else
    {
      TdCouponContext context = { 0 };
      g_autoptr(TdStay) s = NULL;

      if (stay)
        {
          s = td_stay_get (db, stay, &error);
          if (s == NULL)
            return td_cli_fail_error (cli, error);
          context.customer_id = s->customer_id;
          context.room_type_id = s->room_type_id;
          context.date = s->dates.start;
          context.price = s->total;
          if (context.customer_id == NULL)
            {
              g_autoptr(JsonObject) r = td_database_get_record (db, "reservation", s->reservation_id, &error);

              if (r == NULL)
                return td_cli_fail_error (cli, error);
              customer = g_strdup (json_object_get_string_member (r, "customer_id"));
              context.customer_id = customer;
            }
        }
      else
        {
          context.customer_id = customer;
          context.product_id = product;
          if (!td_money_parse (price, currency ? currency : "CNY", &context.price, &error))
            {
              td_cli_fail (cli, "--price: %s", error->message);
              return TD_CLI_EXIT_USAGE;
            }
          if (date)
            {
              if (!td_cli_parse_date (cli, "--date", date, &context.date))
                return TD_CLI_EXIT_USAGE;
            }
          else
            context.date = td_segment_today (db);
        }
      if (check_only)
        {
          if (!td_coupon_check (db, argv[1], &context, &discount, &error))
            return td_cli_fail_error (cli, error);
        }
      else
        redemption = td_coupon_redeem (db, argv[1], &context, kind, booking, &discount, &error);
    }
  if (!check_only && redemption == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *code = td_coupon_code_normalise (argv[1]);

      json_builder_begin_object (b);
      td_cli_add_string (b, "code", code);
      td_cli_add_string (b, "redemption", redemption);
      td_cli_add_money (b, "discount", &discount);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  {
    g_autofree char *amount = td_money_format (&discount);

    if (check_only)
      g_print (_("The coupon applies: %s off.\n"), amount);
    else
      g_print (_("Coupon redeemed: %s off.\n"), amount);
  }
  return TD_CLI_EXIT_SUCCESS;
}

static const Command coupons_commands[] = {
  { "create", N_("[CODE]"), N_("One coupon code (made up when not given)"), cmd_coupons_create },
  { "batch", "", N_("Many codes of one rule, for handing out one each"), cmd_coupons_batch },
  { "list", "", N_("The coupons, their rules and their uses"), cmd_coupons_list },
  { "redeem", N_("CODE"), N_("Apply a coupon to a stay (or another booking) and record it"), cmd_coupons_redeem },
};

static Command coupons_named[G_N_ELEMENTS (coupons_commands)];

static const CommandGroup coupons_group = {
  .name = "coupons",
  .commands = coupons_commands,
  .n_commands = G_N_ELEMENTS (coupons_commands),
  .named = coupons_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] coupons SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Coupon codes: a percentage or an amount off, for some dates, room types or products, a number of uses."),
  .footer = N_("“coupons SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“coupons” needs a sub-command. Try “%s coupons --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s coupons --help”."),
};

static const Command *
find_coupons_command (const char *name)
{
  return td_cli_find_subcommand (&coupons_group, name);
}

int
td_cli_cmd_coupons (Cli   *cli,
                    int    argc,
                    char **argv)
{
  return td_cli_run_group (cli, &coupons_group, argc, argv);
}

/* ------------------------------------------------------------------ */
/* loyalty                                                            */

static int
cmd_loyalty_show (Cli   *cli,
                  int    argc,
                  char **argv)
{
  const Command *command = find_loyalty_command ("show");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  TdLoyaltyAccount account;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_loyalty_account_get (db, argv[1], &account, &error))
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "customer", argv[1]);
      json_builder_set_member_name (b, "balance");
      json_builder_add_int_value (b, account.balance);
      json_builder_set_member_name (b, "lifetime_earned");
      json_builder_add_int_value (b, account.lifetime_earned);
      td_cli_add_string (b, "tier", td_loyalty_tier_to_string (account.tier));
      json_builder_set_member_name (b, "to_next_tier");
      json_builder_add_int_value (b, account.to_next_tier);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  {
    g_autofree char *balance = g_strdup_printf ("%" G_GINT64_FORMAT, account.balance);
    g_autofree char *earned = g_strdup_printf ("%" G_GINT64_FORMAT, account.lifetime_earned);

    td_cli_print_row (_("Points:"), balance);
    td_cli_print_row (_("Earned in all:"), earned);
    td_cli_print_row (_("Tier:"), td_loyalty_tier_get_title (account.tier));
  }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_loyalty_earn (Cli   *cli,
                  int    argc,
                  char **argv)
{
  const Command *command = find_loyalty_command ("earn");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 points = 0;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_loyalty_earn_for_stay (db, argv[1], &points, &error))
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "stay", argv[1]);
      json_builder_set_member_name (b, "points");
      json_builder_add_int_value (b, points);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, points);

    g_print (g_dngettext (GETTEXT_PACKAGE, "%s point earned.\n", "%s points earned.\n", (gulong) points), number);
  }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_loyalty_redeem (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_loyalty_command ("redeem");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *points_text = NULL, *stay = NULL, *currency = NULL;
  guint64 points = 0;
  TdMoney discount;
  GOptionEntry entries[] = {
    { "points", 0, 0, G_OPTION_ARG_STRING, &points_text, N_("How many points to take off the balance"), N_("N") },
    { "stay", 0, 0, G_OPTION_ARG_STRING, &stay, N_("The stay the discount is for"), N_("ID") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (points_text == NULL)
    {
      td_cli_fail (cli, _("“loyalty redeem” needs --points N. Try “%s loyalty redeem --help”."), cli->prog);
      return TD_CLI_EXIT_USAGE;
    }
  if (!td_cli_parse_count (cli, "--points", points_text, G_MAXINT32, &points))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
  if (!td_loyalty_redeem (db, argv[1], (gint64) points, currency ? currency : "CNY",
                          stay ? "stay" : NULL, stay, &discount, &error))
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "customer", argv[1]);
      json_builder_set_member_name (b, "points");
      json_builder_add_int_value (b, (gint64) points);
      td_cli_add_money (b, "discount", &discount);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  {
    g_autofree char *amount = td_money_format (&discount);

    g_print (_("Points redeemed: %s off.\n"), amount);
  }
  return TD_CLI_EXIT_SUCCESS;
}

static const Command loyalty_commands[] = {
  { "show", N_("CUSTOMER"), N_("A customer's points and tier"), cmd_loyalty_show },
  { "earn", N_("STAY"), N_("The points a stay earns, once the guest has checked in"), cmd_loyalty_earn },
  { "redeem", N_("CUSTOMER"), N_("Take points off for a discount"), cmd_loyalty_redeem },
};

static Command loyalty_named[G_N_ELEMENTS (loyalty_commands)];

static const CommandGroup loyalty_group = {
  .name = "loyalty",
  .commands = loyalty_commands,
  .n_commands = G_N_ELEMENTS (loyalty_commands),
  .named = loyalty_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] loyalty SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Loyalty points: earned by spending, redeemed as a discount; tiers by the points earned."),
  .footer = N_("“loyalty SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“loyalty” needs a sub-command. Try “%s loyalty --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s loyalty --help”."),
};

static const Command *
find_loyalty_command (const char *name)
{
  return td_cli_find_subcommand (&loyalty_group, name);
}

int
td_cli_cmd_loyalty (Cli   *cli,
                    int    argc,
                    char **argv)
{
  return td_cli_run_group (cli, &loyalty_group, argc, argv);
}
