/* td-cli-stays.c: tourdesk-cli, bookings and stays (stays book, list,
 * confirm, cancel, checkin, checkout, no-show, move, dates, registrations)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-cli-private.h"
#include "td-folio-document.h"

static const Command *find_stays_command (const char *name);

static void
add_stay (JsonBuilder  *b,
          const TdStay *stay)
{
  json_builder_begin_object (b);
  td_cli_add_string (b, "id", stay->id);
  td_cli_add_string (b, "reservation_id", stay->reservation_id);
  td_cli_add_string (b, "property_id", stay->property_id);
  td_cli_add_string (b, "property", stay->property_name);
  td_cli_add_string (b, "room_type_id", stay->room_type_id);
  td_cli_add_string (b, "room_type", stay->room_type_code);
  td_cli_add_string (b, "room_id", stay->room_id);
  td_cli_add_string (b, "room", stay->room_number);
  td_cli_add_date (b, "arrival", stay->dates.start);
  td_cli_add_date (b, "departure", stay->dates.end);
  json_builder_set_member_name (b, "nights");
  json_builder_add_int_value (b, td_date_range_get_nights (&stay->dates));
  json_builder_set_member_name (b, "adults");
  json_builder_add_int_value (b, stay->adults);
  json_builder_set_member_name (b, "children");
  json_builder_add_int_value (b, stay->children);
  td_cli_add_string (b, "guest", stay->guest_name);
  td_cli_add_string (b, "customer_id", stay->customer_id);
  td_cli_add_string (b, "source", stay->source);
  td_cli_add_string (b, "state", td_stay_state_to_string (stay->state));
  td_cli_add_string (b, "hold_until", stay->hold_until);
  td_cli_add_string (b, "rate_plan_id", stay->rate_plan_id);
  td_cli_add_string (b, "block_id", stay->block_id);
  json_builder_set_member_name (b, "nightly");
  json_builder_begin_array (b);
  for (guint n = 0; n < stay->nightly->len; n++)
    json_builder_add_int_value (b, g_array_index (stay->nightly, gint64, n));
  json_builder_end_array (b);
  td_cli_add_money (b, "total", &stay->total);
  json_builder_set_member_name (b, "overbooked");
  json_builder_add_boolean_value (b, stay->overbooked);
  td_cli_add_string (b, "override_reason", stay->override_reason);
  td_cli_add_string (b, "moved_from", stay->moved_from);
  td_cli_add_money (b, "cancellation_fee", stay->has_cancellation_fee ? &stay->cancellation_fee : NULL);
  json_builder_end_object (b);
}

static void
print_stay_json (const TdStay *stay)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  add_stay (b, stay);
  td_cli_print_json (b);
}

/* 101  2026-05-04 → 2026-05-06  王伟  Confirmed  ¥600.00 */
static char *
describe_stay (const TdStay *stay)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *arrival = td_date_format_iso (stay->dates.start);
  g_autofree char *departure = td_date_format_iso (stay->dates.end);
  g_autofree char *dates = g_strdup_printf ("%s → %s", arrival, departure);
  g_autofree char *total = td_money_format (&stay->total);

  td_cli_append_padded (line, stay->room_number ? stay->room_number : C_("no room", "—"), 6);
  td_cli_append_padded (line, dates, 24);
  td_cli_append_padded (line, stay->guest_name ? stay->guest_name : "", 12);
  td_cli_append_padded (line, td_stay_state_get_title (stay->state), 12);
  g_string_append (line, total);
  if (stay->overbooked)
    g_string_append_printf (line, "  %s", _("(overbooked)"));
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* ------------------------------------------------------------------ */
/* stays book                                                         */

static int
cmd_stays_book (Cli   *cli,
                int    argc,
                char **argv)
{
  const Command *command = find_stays_command ("book");
  g_autofree char *room_text = NULL;
  g_autofree char *type_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *guest = NULL;
  g_autofree char *property_text = NULL;
  g_autofree char *adults_text = NULL;
  g_autofree char *children_text = NULL;
  g_autofree char *rate_text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *name = NULL;
  g_autofree char *hold_text = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *requests = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *property_id = NULL;
  g_autofree char *room_id = NULL;
  g_autofree char *type_id = NULL;
  g_autofree char *rate_plan_id = NULL;
  gboolean tentative = FALSE, overbook = FALSE;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdBookingResult) result = NULL;
  g_autoptr(TdStay) stay = NULL;
  TdBookingRoom room = { 0 };
  TdBooking booking = { 0 };
  guint hold_hours = 0;
  GOptionEntry entries[] = {
    { "room", 0, 0, G_OPTION_ARG_STRING, &room_text, N_("This room (its number)"), N_("NUMBER") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_text, N_("A free room of this type (its code, such as STD)"), N_("TYPE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The arrival date"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The departure date (the morning after the last night)"), N_("DATE") },
    { "guest", 0, 0, G_OPTION_ARG_STRING, &guest, N_("The customer who books (an id from “customers search”)"), N_("CUSTOMER_ID") },
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("The hotel, when the room number or type is in several"), N_("P") },
    { "adults", 0, 0, G_OPTION_ARG_STRING, &adults_text, N_("Adults in the room (default 1)"), N_("N") },
    { "children", 0, 0, G_OPTION_ARG_STRING, &children_text, N_("Children in the room (default 0)"), N_("N") },
    { "rate", 0, 0, G_OPTION_ARG_STRING, &rate_text, N_("The rate plan's code (default: the room type's first)"), N_("CODE") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("How it was booked: walk-in, phone, agency, ota or platform (default walk-in)"), N_("S") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The name of the guest in the room, when not the customer"), N_("NAME") },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &reference, N_("The agency's or OTA's booking number"), N_("REF") },
    { "requests", 0, 0, G_OPTION_ARG_STRING, &requests, N_("The guest's requests"), N_("TEXT") },
    { "tentative", 0, 0, G_OPTION_ARG_NONE, &tentative, N_("Hold the room without confirming"), NULL },
    { "hold-hours", 0, 0, G_OPTION_ARG_STRING, &hold_text, N_("With --tentative: release the room after H hours"), N_("H") },
    { "overbook", 0, 0, G_OPTION_ARG_NONE, &overbook, N_("A manager's override: sell the room type even when it is full"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the override (needed with --overbook; recorded)"), N_("TEXT") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if ((room_text == NULL && type_text == NULL) || from_text == NULL || to_text == NULL || guest == NULL)
    {
      td_cli_fail (cli, _("Say what to book: --room NUMBER or --type TYPE, --from DATE, --to DATE and --guest CUSTOMER_ID. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  room.adults = 1;
  if (!td_cli_parse_date (cli, "--from", from_text, &room.dates.start)
      || !td_cli_parse_date (cli, "--to", to_text, &room.dates.end)
      || !td_cli_parse_guests (cli, "--adults", adults_text, 20, &room.adults)
      || !td_cli_parse_guests (cli, "--children", children_text, 20, &room.children)
      || !td_cli_parse_guests (cli, "--hold-hours", hold_text, 24 * 365, &hold_hours))
    return TD_CLI_EXIT_USAGE;
  if (room.dates.end <= room.dates.start)
    {
      td_cli_fail (cli, _("--to must be after --from: the departure is the morning after the last night"));
      return TD_CLI_EXIT_USAGE;
    }
  if (overbook && (reason == NULL || *g_strstrip (reason) == '\0'))
    {
      td_cli_fail (cli, _("--overbook needs --reason: the override is recorded with its reason"));
      return TD_CLI_EXIT_USAGE;
    }
  if (hold_text && !tentative)
    {
      td_cli_fail (cli, _("--hold-hours is for a tentative booking: add --tentative"));
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id)
      || !td_cli_resolve (cli, db, TD_CLI_FIND_ROOM, property_id, room_text, &room_id)
      || !td_cli_resolve (cli, db, TD_CLI_FIND_ROOM_TYPE, property_id, type_text, &type_id))
    return TD_CLI_EXIT_FAILURE;
  if (rate_text)
    {
      g_autoptr(GPtrArray) plans = NULL;
      g_autoptr(JsonObject) record = NULL;
      const char *for_type = type_id;

      if (for_type == NULL)
        {
          record = td_database_get_record (db, "room", room_id, &error);
          if (record == NULL)
            return td_cli_fail_error (cli, error);
          for_type = json_object_get_string_member (record, "room_type_id");
        }
      plans = td_rate_plans_for_room_type (db, for_type, &error);
      if (plans == NULL)
        return td_cli_fail_error (cli, error);
      for (guint i = 0; i < plans->len && rate_plan_id == NULL; i++)
        {
          TdRatePlan *plan = g_ptr_array_index (plans, i);

          if (plan->code && g_ascii_strcasecmp (plan->code, rate_text) == 0)
            rate_plan_id = g_strdup (plan->id);
        }
      if (rate_plan_id == NULL)
        {
          td_cli_fail (cli, _("--rate: the room type has no rate plan “%s”"), rate_text);
          return TD_CLI_EXIT_FAILURE;
        }
    }

  room.room_id = room_id;
  room.room_type_id = type_id;
  room.rate_plan_id = rate_plan_id;
  room.guest_name = name;
  booking.customer_id = guest;
  booking.source = source;
  booking.reference = reference;
  booking.requests = requests;
  booking.tentative = tentative;
  if (tentative && hold_hours > 0)
    booking.hold_until = g_get_real_time () + (gint64) hold_hours * G_TIME_SPAN_HOUR;
  if (overbook)
    {
      booking.flags = TD_BOOKING_OVERBOOK;
      booking.override_reason = reason;
    }
  booking.rooms = &room;
  booking.n_rooms = 1;

  result = td_stays_book (db, NULL, &booking, NULL, &error);
  if (result == NULL)
    {
      if (g_error_matches (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID))
        {
          td_cli_fail (cli, "%s", error->message);
          return TD_CLI_EXIT_USAGE;
        }
      return td_cli_fail_error (cli, error);
    }

  if (cli->json)
    {
      stay = td_stay_get (db, g_ptr_array_index (result->stay_ids, 0), &error);
      if (stay == NULL)
        return td_cli_fail_error (cli, error);
      print_stay_json (stay);
    }
  else
    /* the id alone, for scripts: STAY=$(tourdesk-cli stays book …) */
    g_print ("%s\n", (const char *) g_ptr_array_index (result->stay_ids, 0));
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* stays list                                                         */

static gboolean
parse_states (Cli        *cli,
              const char *text,
              guint      *states)
{
  g_auto(GStrv) names = NULL;

  if (text == NULL)
    return TRUE;
  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i]; i++)
    {
      TdStayState state;

      if (!td_stay_state_from_string (g_strstrip (names[i]), &state))
        {
          td_cli_fail (cli, _("--state: “%s” is not a state: use tentative, confirmed, checked_in, checked_out, cancelled or no_show"),
                       names[i]);
          return FALSE;
        }
      *states |= TD_STAY_STATE_BIT (state);
    }
  return TRUE;
}

static int
cmd_stays_list (Cli   *cli,
                int    argc,
                char **argv)
{
  const Command *command = find_stays_command ("list");
  g_autofree char *property_text = NULL;
  g_autofree char *room_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *property_id = NULL;
  g_autofree char *room_id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) stays = NULL;
  g_autoptr(GError) error = NULL;
  TdStayFilter filter = { 0 };
  const char *last_property = NULL;
  GOptionEntry entries[] = {
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("Only this hotel"), N_("P") },
    { "room", 0, 0, G_OPTION_ARG_STRING, &room_text, N_("Only this room (its number)"), N_("R") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Stays on the nights from DATE (alone: that night only)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("… to the morning of DATE"), N_("DATE") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_text, N_("Only these states, separated by commas (confirmed,checked_in…)"), N_("S") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("Show at most N stays"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0)
      || !td_cli_parse_limit (cli, limit_text, &filter.limit)
      || !parse_states (cli, state_text, &filter.states))
    return TD_CLI_EXIT_USAGE;
  if (to_text && from_text == NULL)
    {
      td_cli_fail (cli, _("--to needs --from. Try “%s %s --help”."), cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (from_text)
    {
      if (!td_cli_parse_date (cli, "--from", from_text, &filter.dates.start))
        return TD_CLI_EXIT_USAGE;
      filter.dates.end = filter.dates.start + 1;
      if (to_text && !td_cli_parse_date (cli, "--to", to_text, &filter.dates.end))
        return TD_CLI_EXIT_USAGE;
      if (filter.dates.end <= filter.dates.start)
        {
          td_cli_fail (cli, _("--to must be after --from: the departure is the morning after the last night"));
          return TD_CLI_EXIT_USAGE;
        }
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id)
      || !td_cli_resolve (cli, db, TD_CLI_FIND_ROOM, property_id, room_text, &room_id))
    return TD_CLI_EXIT_FAILURE;
  filter.property_id = property_id;
  filter.room_id = room_id;
  stays = td_stays_list (db, &filter, &error);
  if (stays == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "path", cli->db_path);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, stays->len);
      json_builder_set_member_name (b, "stays");
      json_builder_begin_array (b);
      for (guint i = 0; i < stays->len; i++)
        add_stay (b, g_ptr_array_index (stays, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (stays->len == 0)
    {
      g_print ("%s\n", _("No stays."));
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < stays->len; i++)
    {
      TdStay *stay = g_ptr_array_index (stays, i);
      g_autofree char *text = describe_stay (stay);

      if (g_strcmp0 (last_property, stay->property_id) != 0)
        {
          g_print ("%s\n", stay->property_name);
          last_property = stay->property_id;
        }
      g_print ("  %s  %s\n", text, stay->id);
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* confirm, cancel, checkin, checkout, no-show, move, dates           */

static gboolean
desk_time (Cli        *cli,
           TdDatabase *db,
           const char *date_text,
           TdDeskTime *when)
{
  td_desk_time_init_now (when, db);
  if (date_text && !td_cli_parse_date (cli, "--date", date_text, &when->today))
    return FALSE;
  return TRUE;
}

static int
report_stay (Cli          *cli,
             const TdStay *stay)
{
  g_autofree char *text = NULL;

  if (cli->json)
    {
      print_stay_json (stay);
      return TD_CLI_EXIT_SUCCESS;
    }
  text = describe_stay (stay);
  g_print ("%s\n", text);
  if (stay->has_cancellation_fee)
    {
      g_autofree char *fee = td_money_format (&stay->cancellation_fee);

      td_cli_print_row (_("Cancellation fee:"), fee);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
run_action (Cli          *cli,
            const char   *name,
            TdStayAction  action,
            int           argc,
            char        **argv)
{
  const Command *command = find_stays_command (name);
  g_autofree char *date_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) stay = NULL;
  TdDeskTime when;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Act as on DATE (default today)"), N_("DATE") },
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
  if (!desk_time (cli, db, date_text, &when))
    return TD_CLI_EXIT_USAGE;
  stay = td_stay_apply (db, NULL, argv[1], action, &when, &error);
  if (stay == NULL)
    return td_cli_fail_error (cli, error);
  return report_stay (cli, stay);
}

static int
cmd_stays_confirm (Cli *cli, int argc, char **argv)
{
  return run_action (cli, "confirm", TD_STAY_ACTION_CONFIRM, argc, argv);
}

static int
cmd_stays_cancel (Cli *cli, int argc, char **argv)
{
  return run_action (cli, "cancel", TD_STAY_ACTION_CANCEL, argc, argv);
}

static void
add_registration (JsonBuilder          *b,
                  const TdRegistration *r)
{
  json_builder_begin_object (b);
  td_cli_add_string (b, "id", r->id);
  td_cli_add_string (b, "stay_id", r->stay_id);
  td_cli_add_string (b, "customer_id", r->customer_id);
  td_cli_add_string (b, "guest_name", r->guest_name);
  td_cli_add_string (b, "room", r->room);
  td_cli_add_string (b, "nationality", r->nationality);
  td_cli_add_string (b, "id_type", r->id_type);
  td_cli_add_string (b, "id_number", r->id_number);
  td_cli_add_string (b, "birth_date", r->birth_date);
  td_cli_add_string (b, "gender", r->gender);
  td_cli_add_string (b, "check_in", r->check_in);
  td_cli_add_string (b, "check_out", r->check_out);
  td_cli_add_string (b, "submission", td_registration_state_to_string (r->state));
  td_cli_add_string (b, "receipt", r->receipt);
  td_cli_add_string (b, "acknowledged_at", r->acknowledged_at);
  json_builder_end_object (b);
}

/* 张伟  CHN  resident-id 410105********0021  Not sent yet */
static void
print_registrations (GPtrArray *registrations)
{
  for (guint i = 0; i < registrations->len; i++)
    {
      TdRegistration *r = g_ptr_array_index (registrations, i);
      g_autoptr(GString) line = g_string_new ("  ");
      g_autofree char *masked = g_str_equal (r->id_type, "resident-id") ? td_id_number_mask (r->id_number)
                                                                      : g_strdup (r->id_number);

      td_cli_append_padded (line, r->guest_name, 14);
      td_cli_append_padded (line, r->nationality, 5);
      td_cli_append_padded (line, r->id_type, 17);
      td_cli_append_padded (line, masked, 20);
      g_string_append (line, td_registration_state_get_title (r->state));
      if (r->receipt)
        g_string_append_printf (line, " (%s)", r->receipt);
      g_print ("%s\n", line->str);
    }
}

static int
report_registrations (Cli          *cli,
                      TdDatabase   *db,
                      const TdStay *stay)
{
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(GError) error = NULL;

  registrations = td_registrations_list (db, stay->id, &error);
  if (registrations == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "stay");
      add_stay (b, stay);
      json_builder_set_member_name (b, "registrations");
      json_builder_begin_array (b);
      for (guint i = 0; i < registrations->len; i++)
        add_registration (b, g_ptr_array_index (registrations, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  report_stay (cli, stay);
  if (registrations->len == 0)
    g_print ("  %s\n", _("No guest registered"));
  print_registrations (registrations);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_stays_checkin (Cli   *cli,
                   int    argc,
                   char **argv)
{
  const Command *command = find_stays_command ("checkin");
  g_auto(GStrv) guests = NULL;
  g_autofree char *date_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) stay = NULL;
  TdDeskTime when;
  GOptionEntry entries[] = {
    { "guest", 0, 0, G_OPTION_ARG_STRING_ARRAY, &guests, N_("A guest in the room (a customer id with an identity document); once for each guest"), N_("CUSTOMER_ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Act as on DATE (default today)"), N_("DATE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (guests == NULL)
    {
      td_cli_fail (cli, _("Register every guest in the room: --guest CUSTOMER_ID, once for each. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!desk_time (cli, db, date_text, &when))
    return TD_CLI_EXIT_USAGE;
  stay = td_stay_check_in (db, NULL, argv[1], (const char * const *) guests, &when, &error);
  if (stay == NULL)
    return td_cli_fail_error (cli, error);
  return report_registrations (cli, db, stay);
}

static int
cmd_stays_checkout (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_stays_command ("checkout");
  g_autofree char *manager = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *date_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) stay = NULL;
  TdCheckOutOverride override = { 0 };
  TdDeskTime when;
  GOptionEntry entries[] = {
    { "override-by", 0, 0, G_OPTION_ARG_STRING, &manager, N_("A manager lets the guest leave with the folio not settled (with --reason)"), N_("MANAGER") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the manager allows it"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Act as on DATE (default today)"), N_("DATE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if ((manager == NULL) != (reason == NULL))
    {
      td_cli_fail (cli, _("A manager's override needs both --override-by MANAGER and --reason TEXT"));
      return TD_CLI_EXIT_USAGE;
    }
  override.manager = manager;
  override.reason = reason;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!desk_time (cli, db, date_text, &when))
    return TD_CLI_EXIT_USAGE;
  stay = td_stay_check_out (db, NULL, argv[1], manager ? &override : NULL, &when, &error);
  if (stay == NULL)
    return td_cli_fail_error (cli, error);
  return report_stay (cli, stay);
}

static int
cmd_stays_registrations (Cli   *cli,
                         int    argc,
                         char **argv)
{
  const Command *command = find_stays_command ("registrations");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) stay = NULL;
  int status;

  if ((status = td_cli_parse_options (cli, command, NULL, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  stay = td_stay_get (db, argv[1], &error);
  if (stay == NULL)
    return td_cli_fail_error (cli, error);
  return report_registrations (cli, db, stay);
}

static int
cmd_stays_no_show (Cli *cli, int argc, char **argv)
{
  return run_action (cli, "no-show", TD_STAY_ACTION_NO_SHOW, argc, argv);
}

static int
cmd_stays_move (Cli   *cli,
                int    argc,
                char **argv)
{
  const Command *command = find_stays_command ("move");
  g_autofree char *room_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *room_id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) stay = NULL;
  g_autoptr(TdStay) moved = NULL;
  TdDeskTime when;
  guint32 from = 0;
  GOptionEntry entries[] = {
    { "room", 0, 0, G_OPTION_ARG_STRING, &room_text, N_("The room to move to (its number)"), N_("NUMBER") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("From the night of DATE on (default: the whole stay, or today for a guest in house)"), N_("DATE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Act as on DATE (default today)"), N_("DATE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (room_text == NULL)
    {
      td_cli_fail (cli, _("Say where to: --room NUMBER. Try “%s %s --help”."), cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (from_text && !td_cli_parse_date (cli, "--from", from_text, &from))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!desk_time (cli, db, date_text, &when))
    return TD_CLI_EXIT_USAGE;
  stay = td_stay_get (db, argv[1], &error);
  if (stay == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_ROOM, stay->property_id, room_text, &room_id))
    return TD_CLI_EXIT_FAILURE;
  if (from == 0)
    from = stay->state == TD_STAY_CHECKED_IN ? MAX (when.today, stay->dates.start) : stay->dates.start;
  moved = td_stay_move (db, NULL, stay->id, room_id, from, &when, &error);
  if (moved == NULL)
    return td_cli_fail_error (cli, error);
  return report_stay (cli, moved);
}

static int
cmd_stays_dates (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_stays_command ("dates");
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *date_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) stay = NULL;
  g_autoptr(TdStay) changed = NULL;
  TdDateRange dates = { 0, 0 };
  TdDeskTime when;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The new arrival date (default: as it is)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The new departure date (default: as it is)"), N_("DATE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Act as on DATE (default today)"), N_("DATE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (from_text == NULL && to_text == NULL)
    {
      td_cli_fail (cli, _("Say the new dates: --from DATE, --to DATE or both. Try “%s %s --help”."), cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if ((from_text && !td_cli_parse_date (cli, "--from", from_text, &dates.start))
      || (to_text && !td_cli_parse_date (cli, "--to", to_text, &dates.end)))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!desk_time (cli, db, date_text, &when))
    return TD_CLI_EXIT_USAGE;
  stay = td_stay_get (db, argv[1], &error);
  if (stay == NULL)
    return td_cli_fail_error (cli, error);
  if (dates.start == 0)
    dates.start = stay->dates.start;
  if (dates.end == 0)
    dates.end = stay->dates.end;
  changed = td_stay_change_dates (db, NULL, stay->id, &dates, &when, &error);
  if (changed == NULL)
    return td_cli_fail_error (cli, error);
  return report_stay (cli, changed);
}

static int
cmd_stays_registration_card (Cli   *cli,
                             int    argc,
                             char **argv)
{
  const Command *command = find_stays_command ("registration-card");
  g_autofree char *out = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDocument) doc = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Write the card to FILE (PDF)"), N_("FILE.pdf") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (out == NULL)
    {
      td_cli_fail (cli, _("Say where to write the card: --out FILE.pdf. Try “%s %s --help”."), cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL
      || (doc = td_registration_card_document_new (db, argv[1], &error)) == NULL
      || !td_document_write_pdf (doc, out, &error))
    return td_cli_fail_error (cli, error);
  return TD_CLI_EXIT_SUCCESS;
}

static const Command stays_commands[] = {
  { "book", "", N_("Book a room (or a room of a type) and print the new stay's id"), cmd_stays_book },
  { "list", "", N_("The stays, by hotel and room"), cmd_stays_list },
  { "confirm", N_("ID"), N_("Confirm a tentative stay"), cmd_stays_confirm },
  { "cancel", N_("ID"), N_("Cancel a stay (with the cancellation policy’s fee)"), cmd_stays_cancel },
  { "checkin", N_("ID"), N_("Check the guests in, registering each one's identity document"), cmd_stays_checkin },
  { "checkout", N_("ID"), N_("Check the guest out once the folio is settled (before the departure date: the nights left are freed)"), cmd_stays_checkout },
  { "no-show", N_("ID"), N_("The guest did not come (with the cancellation policy’s fee)"), cmd_stays_no_show },
  { "move", N_("ID"), N_("Move a stay to another room, whole or from a night on"), cmd_stays_move },
  { "dates", N_("ID"), N_("Change the dates of a stay (extend, shorten)"), cmd_stays_dates },
  { "registrations", N_("ID"), N_("The guests registered at check-in and whether the platform has them"), cmd_stays_registrations },
  { "registration-card", N_("ID"), N_("Write the registration card to sign at check-in as a PDF"), cmd_stays_registration_card },
};

static Command stays_named[G_N_ELEMENTS (stays_commands)];

static const CommandGroup stays_group = {
  .name = "stays",
  .commands = stays_commands,
  .n_commands = G_N_ELEMENTS (stays_commands),
  .named = stays_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] stays SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Bookings and stays, from the booking to the departure."),
  .footer = N_("“stays SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“stays” needs a sub-command. Try “%s stays --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s stays --help”."),
};

static const Command *
find_stays_command (const char *name)
{
  return td_cli_find_subcommand (&stays_group, name);
}

int
td_cli_cmd_stays (Cli   *cli,
                  int    argc,
                  char **argv)
{
  return td_cli_run_group (cli, &stays_group, argc, argv);
}
