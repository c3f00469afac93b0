/* td-cli-tours.c: tourdesk-cli, the agency desk: tours (list, book,
 * bookings, cancel, pay, wait), departures (list) and contracts (print,
 * sign)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-cli-private.h"
#include "td-tour-coupon.h"
#include "td-contract-document.h"

static const Command *find_tours_command (const char *name);
static const Command *find_departures_command (const char *name);
static const Command *find_contracts_command (const char *name);

/* today (or --date), now */
static gboolean
tour_time (Cli        *cli,
           TdDatabase *db,
           const char *date_text,
           TdDeskTime *when)
{
  td_desk_time_init_now (when, db);
  return date_text == NULL || td_cli_parse_date (cli, "--date", date_text, &when->today);
}

static void
add_departure (JsonBuilder       *b,
               const TdDeparture *departure)
{
  json_builder_begin_object (b);
  td_cli_add_string (b, "id", departure->id);
  td_cli_add_string (b, "product_id", departure->product_id);
  td_cli_add_string (b, "product_code", departure->product_code);
  td_cli_add_string (b, "product", departure->product_name);
  td_cli_add_date (b, "start", departure->start);
  td_cli_add_date (b, "end", departure->end);
  json_builder_set_member_name (b, "capacity");
  json_builder_add_int_value (b, departure->capacity);
  json_builder_set_member_name (b, "min_pax");
  json_builder_add_int_value (b, departure->min_pax);
  json_builder_set_member_name (b, "sold");
  json_builder_add_int_value (b, departure->sold);
  json_builder_set_member_name (b, "free");
  json_builder_add_int_value (b, td_departure_get_free (departure));
  json_builder_set_member_name (b, "waiting");
  json_builder_add_int_value (b, departure->waiting);
  td_cli_add_string (b, "state", td_departure_state_to_string (td_departure_get_state (departure)));
  td_cli_add_string (b, "guide", departure->guide);
  td_cli_add_string (b, "vehicle", departure->vehicle);
  json_builder_end_object (b);
}

static void
add_booking (JsonBuilder   *b,
             TdTourBooking *booking,
             GPtrArray     *participants,
             GPtrArray     *dues)
{
  TdMoney balance = booking->total;

  balance.minor = td_tour_booking_get_balance (booking);
  json_builder_begin_object (b);
  td_cli_add_string (b, "id", booking->id);
  td_cli_add_string (b, "departure_id", booking->departure_id);
  td_cli_add_string (b, "product", booking->product_name);
  td_cli_add_date (b, "departure", booking->departure_date);
  td_cli_add_string (b, "lead_customer_id", booking->lead_customer_id);
  td_cli_add_string (b, "lead", booking->lead_name);
  td_cli_add_string (b, "state", td_tour_booking_state_to_string (booking->state));
  td_cli_add_money (b, "total", &booking->total);
  td_cli_add_money (b, "discount", booking->has_discount ? &booking->discount : NULL);
  td_cli_add_money (b, "paid", &booking->paid);
  td_cli_add_money (b, "balance", &balance);
  td_cli_add_string (b, "sub_agent_id", booking->sub_agent_id);
  td_cli_add_money (b, "commission", booking->has_commission ? &booking->commission : NULL);
  td_cli_add_money (b, "cancellation_fee", booking->has_cancellation_fee ? &booking->cancellation_fee : NULL);
  td_cli_add_string (b, "contract", td_contract_state_to_string (booking->contract_state));
  json_builder_set_member_name (b, "participants");
  if (participants)
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < participants->len; i++)
        {
          TdTourParticipant *p = g_ptr_array_index (participants, i);

          json_builder_begin_object (b);
          td_cli_add_string (b, "id", p->id);
          td_cli_add_string (b, "customer_id", p->customer_id);
          td_cli_add_string (b, "name", p->name);
          td_cli_add_string (b, "type", td_pax_type_to_string (p->type));
          td_cli_add_money (b, "price", &p->price);
          json_builder_set_member_name (b, "seat");
          if (p->seat)
            json_builder_add_int_value (b, p->seat);
          else
            json_builder_add_null_value (b);
          td_cli_add_string (b, "room", p->room);
          json_builder_set_member_name (b, "active");
          json_builder_add_boolean_value (b, p->active);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  else
    json_builder_add_int_value (b, booking->n_participants);
  if (dues)
    {
      json_builder_set_member_name (b, "schedule");
      json_builder_begin_array (b);
      for (guint i = 0; i < dues->len; i++)
        {
          TdTourDue *due = g_ptr_array_index (dues, i);

          json_builder_begin_object (b);
          td_cli_add_string (b, "kind", td_due_kind_to_string (due->kind));
          td_cli_add_date (b, "due", due->due);
          td_cli_add_money (b, "amount", &due->amount);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

/* the booking, whole: as JSON or for people */
static int
report_booking (Cli        *cli,
                TdDatabase *db,
                const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTourBooking) booking = td_tour_booking_get (db, id, &error);
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) dues = NULL;
  g_autofree char *total = NULL;
  g_autofree char *date = NULL;

  if (booking == NULL
      || (participants = td_tour_participants_list (db, id, &error)) == NULL
      || (dues = td_tour_dues_list (db, id, &error)) == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      add_booking (b, booking, participants, dues);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  total = td_money_format (&booking->total);
  date = td_date_format_iso (booking->departure_date);
  td_cli_print_row (_("Booking:"), booking->id);
  td_cli_print_row (_("Tour:"), booking->product_name);
  td_cli_print_row (_("Departure:"), date);
  td_cli_print_row (_("Lead:"), booking->lead_name);
  td_cli_print_row (_("State:"), td_tour_booking_state_get_title (booking->state));
  td_cli_print_row (_("Total:"), total);
  {
    TdMoney balance = booking->total;
    g_autofree char *paid = td_money_format (&booking->paid);
    g_autofree char *left = NULL;

    balance.minor = td_tour_booking_get_balance (booking);
    left = td_money_format (&balance);
    td_cli_print_row (_("Paid:"), paid);
    td_cli_print_row (_("Balance:"), left);
  }
  for (guint i = 0; i < participants->len; i++)
    {
      TdTourParticipant *p = g_ptr_array_index (participants, i);
      g_autofree char *price = td_money_format (&p->price);
      g_autofree char *seat = p->seat ? g_strdup_printf (_("seat %u"), p->seat) : g_strdup ("");
      g_autoptr(GString) line = g_string_new ("  ");

      if (!p->active)
        continue;
      td_cli_append_padded (line, p->name, 12);
      td_cli_append_padded (line, td_pax_type_get_title (p->type), 8);
      td_cli_append_padded (line, seat, 8);
      g_string_append (line, price);
      g_print ("%s\n", line->str);
    }
  for (guint i = 0; i < dues->len; i++)
    {
      TdTourDue *due = g_ptr_array_index (dues, i);
      g_autofree char *when = td_date_format_iso (due->due);
      g_autofree char *amount = td_money_format (&due->amount);
      g_autofree char *label = g_strdup_printf ("%s %s:", td_due_kind_get_title (due->kind), when);

      td_cli_print_row (label, amount);
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* tours list                                                         */

static int
cmd_tours_list (Cli   *cli,
                int    argc,
                char **argv)
{
  const Command *command = find_tours_command ("list");
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL || (products = td_tour_products_list (db, &error)) == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, products->len);
      json_builder_set_member_name (b, "products");
      json_builder_begin_array (b);
      for (guint i = 0; i < products->len; i++)
        {
          TdTourProduct *p = g_ptr_array_index (products, i);
          g_autofree char *tiers = td_cancel_tiers_to_json (p->cancel_tiers);

          json_builder_begin_object (b);
          td_cli_add_string (b, "id", p->id);
          td_cli_add_string (b, "code", p->code);
          td_cli_add_string (b, "name", p->name);
          json_builder_set_member_name (b, "days");
          json_builder_add_int_value (b, p->days);
          for (guint t = 0; t < TD_PAX_N_TYPES; t++)
            {
              g_autofree char *member = g_strdup_printf ("price_%s", td_pax_type_to_string (t));

              td_cli_add_money (b, member, p->has_price[t] ? &p->prices[t] : NULL);
            }
          td_cli_add_money (b, "single_supplement", p->has_single_supplement ? &p->single_supplement : NULL);
          json_builder_set_member_name (b, "deposit_percent");
          json_builder_add_int_value (b, p->deposit_percent);
          json_builder_set_member_name (b, "balance_days");
          json_builder_add_int_value (b, p->balance_days);
          td_cli_add_string (b, "cancel_tiers", tiers);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (products->len == 0)
    g_print ("%s\n", _("No tour products."));
  for (guint i = 0; i < products->len; i++)
    {
      TdTourProduct *p = g_ptr_array_index (products, i);
      g_autofree char *price = td_money_format (&p->prices[TD_PAX_ADULT]);
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", p->days), p->days);
      g_autoptr(GString) line = g_string_new (NULL);

      td_cli_append_padded (line, p->code, 8);
      td_cli_append_padded (line, p->name, 24);
      td_cli_append_padded (line, days, 8);
      g_string_append (line, price);
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* tours book                                                         */

static int
cmd_tours_book (Cli   *cli,
                int    argc,
                char **argv)
{
  const Command *command = find_tours_command ("book");
  g_autofree char *departure = NULL;
  g_autofree char *lead = NULL;
  g_auto(GStrv) participants = NULL;
  g_auto(GStrv) singles = NULL;
  g_autofree char *discount_text = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *commission_text = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *coupon = NULL;
  GOptionEntry entries[] = {
    { "departure", 0, 0, G_OPTION_ARG_STRING, &departure, N_("The departure (its id, from “departures list”)"), N_("ID") },
    { "lead", 0, 0, G_OPTION_ARG_STRING, &lead, N_("The lead customer, who travels too"), N_("CUSTOMER_ID") },
    { "participant", 0, 0, G_OPTION_ARG_STRING_ARRAY, &participants, N_("Another traveller (repeat for each)"), N_("CUSTOMER_ID") },
    { "single", 0, 0, G_OPTION_ARG_STRING_ARRAY, &singles, N_("A traveller (lead or participant) in a single room, with its supplement"), N_("CUSTOMER_ID") },
    { "discount", 0, 0, G_OPTION_ARG_STRING, &discount_text, N_("An amount off the total"), N_("AMOUNT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the discount (a coupon code…)"), N_("TEXT") },
    { "coupon", 0, 0, G_OPTION_ARG_STRING, &coupon, N_("A coupon's code: its discount, its use recorded for its campaign"), N_("CODE") },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, N_("The sub-agent who sold it (a customer)"), N_("CUSTOMER_ID") },
    { "commission", 0, 0, G_OPTION_ARG_STRING, &commission_text, N_("The sub-agent's commission in percent of the total"), N_("PERCENT") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes on the booking"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Book as on DATE (default today): the payment schedule starts then"), N_("DATE") },
    { NULL }
  };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) travellers = g_array_new (FALSE, TRUE, sizeof (TdTourTraveller));
  g_autofree char *id = NULL;
  TdTourBookingRequest request = { 0 };
  TdMoney discount;
  TdDeskTime when;
  guint64 commission = 0;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (departure == NULL || lead == NULL)
    {
      td_cli_fail (cli, _("Say which departure and who leads: --departure ID --lead CUSTOMER_ID. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (commission_text && !td_cli_parse_count (cli, "--commission", commission_text, 100, &commission))
    return TD_CLI_EXIT_USAGE;
  if (commission_text && agent == NULL)
    {
      td_cli_fail (cli, _("--commission needs --agent: whose commission?"));
      return TD_CLI_EXIT_USAGE;
    }
  if (coupon && discount_text)
    {
      td_cli_fail (cli, "%s", _("--coupon gives the discount: not with --discount"));
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!tour_time (cli, db, date_text, &when))
    return TD_CLI_EXIT_USAGE;
  if (discount_text)
    {
      g_autoptr(TdDeparture) d = td_departure_get (db, departure, &error);
      g_autoptr(TdTourProduct) product = d ? td_tour_product_get (db, d->product_id, &error) : NULL;

      if (product == NULL)
        return td_cli_fail_error (cli, error);
      if (!td_money_parse (discount_text, product->prices[TD_PAX_ADULT].currency, &discount, &error))
        {
          td_cli_fail (cli, "--discount: %s", error->message);
          return TD_CLI_EXIT_USAGE;
        }
      request.discount = &discount;
    }
  for (guint i = 0; participants && participants[i]; i++)
    {
      TdTourTraveller traveller = { participants[i], FALSE, NULL };

      traveller.single_room = singles && g_strv_contains ((const char * const *) singles, participants[i]);
      g_array_append_val (travellers, traveller);
    }
  for (guint i = 0; singles && singles[i]; i++)
    if (g_strcmp0 (singles[i], lead) != 0
        && !(participants && g_strv_contains ((const char * const *) participants, singles[i])))
      {
        td_cli_fail (cli, _("--single %s: not the lead nor a participant"), singles[i]);
        return TD_CLI_EXIT_USAGE;
      }
  request.departure_id = departure;
  request.lead_customer_id = lead;
  request.travellers = (const TdTourTraveller *) travellers->data;
  request.n_travellers = travellers->len;
  request.lead_single_room = singles && g_strv_contains ((const char * const *) singles, lead);
  request.discount_reason = reason;
  request.sub_agent_id = agent;
  request.commission_bp = (guint) commission * 100;
  request.notes = notes;
  if (coupon)
    id = td_tour_book_with_coupon (db, NULL, &request, coupon, &when, NULL, &error);
  else
    id = td_tour_book (db, NULL, &request, &when, &error);
  if (id == NULL)
    return td_cli_fail_error (cli, error);
  return report_booking (cli, db, id);
}

/* ------------------------------------------------------------------ */
/* tours bookings                                                     */

static int
cmd_tours_bookings (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_tours_command ("bookings");
  g_autofree char *departure = NULL;
  GOptionEntry entries[] = {
    { "departure", 0, 0, G_OPTION_ARG_STRING, &departure, N_("Only this departure's bookings"), N_("ID") },
    { NULL }
  };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL || (bookings = td_tour_bookings_list (db, departure, &error)) == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, bookings->len);
      json_builder_set_member_name (b, "bookings");
      json_builder_begin_array (b);
      for (guint i = 0; i < bookings->len; i++)
        add_booking (b, g_ptr_array_index (bookings, i), NULL, NULL);
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (bookings->len == 0)
    g_print ("%s\n", _("No tour bookings."));
  for (guint i = 0; i < bookings->len; i++)
    {
      TdTourBooking *booking = g_ptr_array_index (bookings, i);
      g_autofree char *date = td_date_format_iso (booking->departure_date);
      g_autofree char *total = td_money_format (&booking->total);
      g_autofree char *pax = g_strdup_printf ("×%u", booking->n_participants);
      g_autoptr(GString) line = g_string_new (NULL);

      td_cli_append_padded (line, booking->id, 36);
      td_cli_append_padded (line, date, 10);
      td_cli_append_padded (line, booking->product_name, 20);
      td_cli_append_padded (line, booking->lead_name, 10);
      td_cli_append_padded (line, pax, 4);
      td_cli_append_padded (line, td_tour_booking_state_get_title (booking->state), 10);
      g_string_append (line, total);
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* tours cancel                                                       */

static int
cmd_tours_cancel (Cli   *cli,
                  int    argc,
                  char **argv)
{
  const Command *command = find_tours_command ("cancel");
  g_autofree char *date_text = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Cancel as on DATE (default today): the penalty counts from it"), N_("DATE") },
    { NULL }
  };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTourCancellation) cancellation = NULL;
  g_autofree char *fee = NULL;
  TdDeskTime when;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!tour_time (cli, db, date_text, &when))
    return TD_CLI_EXIT_USAGE;
  cancellation = td_tour_cancel (db, NULL, argv[1], &when, &error);
  if (cancellation == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "booking_id", cancellation->booking_id);
      json_builder_set_member_name (b, "days_before");
      json_builder_add_int_value (b, cancellation->days_before);
      json_builder_set_member_name (b, "percent");
      json_builder_add_int_value (b, cancellation->percent);
      td_cli_add_money (b, "fee", &cancellation->fee);
      json_builder_set_member_name (b, "seats_freed");
      json_builder_add_int_value (b, cancellation->seats_freed);
      json_builder_set_member_name (b, "offered");
      json_builder_begin_array (b);
      for (guint i = 0; i < cancellation->offered->len; i++)
        {
          TdTourWaiting *w = g_ptr_array_index (cancellation->offered, i);

          json_builder_begin_object (b);
          td_cli_add_string (b, "waitlist_id", w->id);
          td_cli_add_string (b, "customer_id", w->customer_id);
          td_cli_add_string (b, "name", w->name);
          td_cli_add_string (b, "phone", w->phone);
          json_builder_set_member_name (b, "pax");
          json_builder_add_int_value (b, w->pax);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  fee = td_money_format (&cancellation->fee);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Cancelled: %u seat is free again.\n",
                        "Cancelled: %u seats are free again.\n", cancellation->seats_freed),
           cancellation->seats_freed);
  {
    g_autofree char *penalty = g_strdup_printf (_("%s (%u %%, %d days before departure)"),
                                                fee, cancellation->percent, cancellation->days_before);

    td_cli_print_row (_("Cancellation fee:"), penalty);
  }
  for (guint i = 0; i < cancellation->offered->len; i++)
    {
      TdTourWaiting *w = g_ptr_array_index (cancellation->offered, i);

      g_print (_("Offer the seats to %s (%u, phone %s): next on the waiting list.\n"),
               w->name, w->pax, w->phone ? w->phone : "—");
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* tours pay                                                          */

static int
cmd_tours_pay (Cli   *cli,
               int    argc,
               char **argv)
{
  const Command *command = find_tours_command ("pay");
  g_autofree char *amount_text = NULL;
  g_autofree char *method = NULL;
  g_autofree char *reference = NULL;
  GOptionEntry entries[] = {
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text, N_("The amount paid (negative: a refund)"), N_("AMOUNT") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("cash, card, transfer, wechat, alipay or other"), N_("METHOD") },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &reference, N_("A receipt or transaction number"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTourBooking) booking = NULL;
  g_autofree char *payment = NULL;
  TdMoney amount;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (amount_text == NULL || method == NULL)
    {
      td_cli_fail (cli, _("Say how much and how: --amount AMOUNT --method METHOD. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL || (booking = td_tour_booking_get (db, argv[1], &error)) == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_money_parse (amount_text, booking->total.currency, &amount, &error))
    {
      td_cli_fail (cli, "--amount: %s", error->message);
      return TD_CLI_EXIT_USAGE;
    }
  payment = td_tour_pay (db, NULL, booking->id, &amount, method, reference, NULL, &error);
  if (payment == NULL)
    return td_cli_fail_error (cli, error);
  return report_booking (cli, db, booking->id);
}

/* ------------------------------------------------------------------ */
/* tours wait                                                         */

static int
cmd_tours_wait (Cli   *cli,
                int    argc,
                char **argv)
{
  const Command *command = find_tours_command ("wait");
  g_autofree char *departure = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *pax_text = NULL;
  g_autofree char *notes = NULL;
  GOptionEntry entries[] = {
    { "departure", 0, 0, G_OPTION_ARG_STRING, &departure, N_("The departure"), N_("ID") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("Who waits"), N_("CUSTOMER_ID") },
    { "pax", 0, 0, G_OPTION_ARG_STRING, &pax_text, N_("How many people (default 1)"), N_("N") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint64 pax = 1;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (departure == NULL || customer == NULL)
    {
      td_cli_fail (cli, _("Say which departure and who: --departure ID --customer CUSTOMER_ID. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (!td_cli_parse_count (cli, "--pax", pax_text, 10000, &pax))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  id = td_tour_waitlist_add (db, NULL, departure, customer, (guint) pax, notes, &error);
  if (id == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "id", id);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    g_print ("%s\n", id);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_tours_route (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_tours_command ("route");
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdRoute) route = NULL;
  guint n;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL || (route = td_tour_product_route (db, argv[1], &error)) == NULL)
    return td_cli_fail_error (cli, error);
  n = td_route_get_n_stops (route);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "product", td_route_get_title (route));
      json_builder_set_member_name (b, "stops");
      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          const TdRouteStop *stop = td_route_get_stop (route, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "day");
          json_builder_add_int_value (b, stop->day);
          td_cli_add_string (b, "name", stop->name);
          json_builder_set_member_name (b, "latitude");
          json_builder_add_double_value (b, stop->latitude);
          json_builder_set_member_name (b, "longitude");
          json_builder_add_double_value (b, stop->longitude);
          json_builder_set_member_name (b, "km_to_next");
          if (i + 1 < n)
            json_builder_add_double_value (b, td_route_get_leg_km (route, i));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "total_km");
      json_builder_add_double_value (b, td_route_get_total_km (route));
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (n == 0)
    {
      g_print (_("None of the itinerary's items is a place on the map.\n"));
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < n; i++)
    {
      const TdRouteStop *stop = td_route_get_stop (route, i);

      /* TRANSLATORS: a stop of an itinerary: its number, its day, its name */
      g_print (_("%u. Day %u: %s"), i + 1, stop->day, stop->name);
      if (i + 1 < n)
        /* TRANSLATORS: after a stop: the distance to the next, as the crow flies */
        g_print (_(" (%.1f km to the next)"), td_route_get_leg_km (route, i));
      g_print ("\n");
    }
  /* TRANSLATORS: the itinerary's length along its stops, in straight lines */
  g_print (_("%.0f km in straight lines.\n"), td_route_get_total_km (route));
  return TD_CLI_EXIT_SUCCESS;
}

static const Command tours_commands[] = {
  { "list", "", N_("The tour products"), cmd_tours_list },
  { "book", "", N_("Book participants on a departure (exit 1 when the seats are not there)"), cmd_tours_book },
  { "bookings", "", N_("The tour bookings, newest first"), cmd_tours_bookings },
  { "cancel", N_("BOOKING_ID"), N_("Cancel a booking, with the product's penalty; its seats are free at once"), cmd_tours_cancel },
  { "pay", N_("BOOKING_ID"), N_("Record a payment on a booking"), cmd_tours_pay },
  { "wait", "", N_("Put a customer on a departure's waiting list"), cmd_tours_wait },
  { "route", N_("PRODUCT"), N_("A product's itinerary as a route: its places day by day and the distance between them"), cmd_tours_route },
};

static Command tours_named[G_N_ELEMENTS (tours_commands)];

static const CommandGroup tours_group = {
  .name = "tours",
  .commands = tours_commands,
  .n_commands = G_N_ELEMENTS (tours_commands),
  .named = tours_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] tours SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Tour products and their bookings, payments and waiting lists."),
  .footer = N_("“tours SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“tours” needs a sub-command. Try “%s tours --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s tours --help”."),
};

static const Command *
find_tours_command (const char *name)
{
  return td_cli_find_subcommand (&tours_group, name);
}

int
td_cli_cmd_tours (Cli   *cli,
                  int    argc,
                  char **argv)
{
  return td_cli_run_group (cli, &tours_group, argc, argv);
}

/* ------------------------------------------------------------------ */
/* departures list                                                    */

static int
cmd_departures_list (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_departures_command ("list");
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *product_text = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Departures on or after DATE"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Departures before DATE"), N_("DATE") },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product_text, N_("Only this product's (code or id)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) departures = NULL;
  g_autoptr(TdTourProduct) product = NULL;
  guint32 from = 0, to = 0;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if ((from_text && !td_cli_parse_date (cli, "--from", from_text, &from))
      || (to_text && !td_cli_parse_date (cli, "--to", to_text, &to)))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (product_text && (product = td_tour_product_find (db, product_text, &error)) == NULL)
    return td_cli_fail_error (cli, error);
  departures = td_departures_list (db, from, to, product ? product->id : NULL, &error);
  if (departures == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, departures->len);
      json_builder_set_member_name (b, "departures");
      json_builder_begin_array (b);
      for (guint i = 0; i < departures->len; i++)
        add_departure (b, g_ptr_array_index (departures, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (departures->len == 0)
    g_print ("%s\n", _("No departures."));
  for (guint i = 0; i < departures->len; i++)
    {
      TdDeparture *d = g_ptr_array_index (departures, i);
      g_autofree char *date = td_date_format_iso (d->start);
      g_autofree char *fill = g_strdup_printf ("%u/%u", d->sold, d->capacity);
      g_autoptr(GString) line = g_string_new (NULL);

      td_cli_append_padded (line, d->id, 36);
      td_cli_append_padded (line, date, 10);
      td_cli_append_padded (line, d->product_code, 6);
      td_cli_append_padded (line, d->product_name, 20);
      td_cli_append_padded (line, fill, 7);
      g_string_append (line, td_departure_state_get_title (td_departure_get_state (d)));
      if (d->waiting)
        g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "  (%u waiting)", "  (%u waiting)", d->waiting),
                                d->waiting);
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static const Command departures_commands[] = {
  { "list", "", N_("The departures, by date, with their seats sold"), cmd_departures_list },
};

static Command departures_named[G_N_ELEMENTS (departures_commands)];

static const CommandGroup departures_group = {
  .name = "departures",
  .commands = departures_commands,
  .n_commands = G_N_ELEMENTS (departures_commands),
  .named = departures_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] departures SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("The departures of the tour products."),
  .footer = N_("“departures SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“departures” needs a sub-command. Try “%s departures --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s departures --help”."),
};

static const Command *
find_departures_command (const char *name)
{
  return td_cli_find_subcommand (&departures_group, name);
}

int
td_cli_cmd_departures (Cli   *cli,
                       int    argc,
                       char **argv)
{
  return td_cli_run_group (cli, &departures_group, argc, argv);
}

/* ------------------------------------------------------------------ */
/* contracts print, contracts sign                                    */

static int
cmd_contracts_print (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_contracts_command ("print");
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write"), N_("FILE.pdf") },
    { NULL }
  };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDocument) doc = NULL;
  g_autoptr(TdTourBooking) booking = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (out == NULL || !g_str_has_suffix (out, ".pdf"))
    {
      td_cli_fail (cli, _("Say where to write the contract: --out FILE.pdf. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL || (booking = td_tour_booking_get (db, argv[1], &error)) == NULL
      || (doc = td_contract_document_new (db, booking->id, &error)) == NULL
      || !td_document_write_pdf (doc, out, &error))
    return td_cli_fail_error (cli, error);
  /* printed for signature; a signed contract stays signed */
  if (booking->contract_state == TD_CONTRACT_NONE
      && !td_tour_booking_set_contract (db, NULL, booking->id, TD_CONTRACT_PRINTED, &error))
    return td_cli_fail_error (cli, error);
  g_print ("%s\n", out);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_contracts_sign (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_contracts_command ("sign");
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL || !td_tour_booking_set_contract (db, NULL, argv[1], TD_CONTRACT_SIGNED, &error))
    return td_cli_fail_error (cli, error);
  g_print ("%s\n", td_contract_state_get_title (TD_CONTRACT_SIGNED));
  return TD_CLI_EXIT_SUCCESS;
}

static const Command contracts_commands[] = {
  { "print", N_("BOOKING_ID"), N_("Write a booking's travel contract as a PDF, for signature"), cmd_contracts_print },
  { "sign", N_("BOOKING_ID"), N_("Record that the traveller signed the contract"), cmd_contracts_sign },
};

static Command contracts_named[G_N_ELEMENTS (contracts_commands)];

static const CommandGroup contracts_group = {
  .name = "contracts",
  .commands = contracts_commands,
  .n_commands = G_N_ELEMENTS (contracts_commands),
  .named = contracts_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] contracts SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("The travel contracts of tour bookings."),
  .footer = N_("“contracts SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“contracts” needs a sub-command. Try “%s contracts --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s contracts --help”."),
};

static const Command *
find_contracts_command (const char *name)
{
  return td_cli_find_subcommand (&contracts_group, name);
}

int
td_cli_cmd_contracts (Cli   *cli,
                      int    argc,
                      char **argv)
{
  return td_cli_run_group (cli, &contracts_group, argc, argv);
}
