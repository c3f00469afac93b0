/* td-cli-rooms.c: tourdesk-cli, the rooms of the hotels (rooms list,
 * availability, housekeeping, clean, inspect, dirty), and what the
 * front-desk commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-cli-private.h"
#include "td-folio-document.h"

static const Command *find_rooms_command (const char *name);

/* ------------------------------------------------------------------ */
/* shared with td-cli-stays.c                                         */

gboolean
td_cli_resolve (Cli          *cli,
                TdDatabase   *db,
                TdCliFind     find,
                const char   *property_id,
                const char   *text,
                char        **id)
{
  static const char *const options[] = {
    [TD_CLI_FIND_PROPERTY] = "--property",
    [TD_CLI_FIND_ROOM_TYPE] = "--type",
    [TD_CLI_FIND_ROOM] = "--room",
  };
  g_autoptr(GError) error = NULL;

  *id = NULL;
  if (text == NULL)
    return TRUE;
  switch (find)
    {
    case TD_CLI_FIND_PROPERTY:
      *id = td_property_resolve (db, text, &error);
      break;
    case TD_CLI_FIND_ROOM_TYPE:
      *id = td_room_type_resolve (db, property_id, text, &error);
      break;
    case TD_CLI_FIND_ROOM:
      *id = td_room_resolve (db, property_id, text, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (*id == NULL)
    {
      td_cli_fail (cli, "%s: %s", options[find], error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
td_cli_parse_guests (Cli        *cli,
                     const char *option,
                     const char *text,
                     guint       max,
                     guint      *out)
{
  guint64 value;

  if (text == NULL)
    return TRUE;
  if (!td_cli_parse_count (cli, option, text, max, &value))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

void
td_cli_add_string (JsonBuilder *b,
                   const char  *member,
                   const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
td_cli_add_date (JsonBuilder *b,
                 const char  *member,
                 guint32      julian)
{
  g_autofree char *text = julian ? td_date_format_iso (julian) : NULL;

  td_cli_add_string (b, member, text);
}

/* {"minor": 60000, "currency": "CNY", "amount": "600.00"} */
void
td_cli_add_money (JsonBuilder   *b,
                  const char    *member,
                  const TdMoney *money)
{
  g_autofree char *amount = NULL;

  json_builder_set_member_name (b, member);
  if (money == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  amount = td_money_to_decimal (money);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "minor");
  json_builder_add_int_value (b, money->minor);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, money->currency);
  json_builder_set_member_name (b, "amount");
  json_builder_add_string_value (b, amount);
  json_builder_end_object (b);
}

/* ------------------------------------------------------------------ */
/* rooms list                                                         */

static const char *
status_word (const TdRoom *room)
{
  switch (room->status)
    {
    case TD_ROOM_TAKEN: return "taken";
    case TD_ROOM_OUT_OF_ORDER: return "out-of-order";
    case TD_ROOM_FREE:
    default: return "free";
    }
}

static int
cmd_rooms_list (Cli   *cli,
                int    argc,
                char **argv)
{
  const Command *command = find_rooms_command ("list");
  g_autofree char *property_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *property_id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;
  TdDeskTime when;
  guint32 night = 0;
  const char *last_property = NULL;
  GOptionEntry entries[] = {
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("Only the rooms of this hotel (its name, or a part of it)"), N_("P") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Show who has each room on the night of DATE (default today)"), N_("DATE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (date_text && !td_cli_parse_date (cli, "--date", date_text, &night))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id))
    return TD_CLI_EXIT_FAILURE;
  td_desk_time_init_now (&when, db);
  if (night == 0)
    night = when.today;
  rooms = td_rooms_list (db, property_id, night, &when, &error);
  if (rooms == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "path", cli->db_path);
      td_cli_add_date (b, "night", night);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, rooms->len);
      json_builder_set_member_name (b, "rooms");
      json_builder_begin_array (b);
      for (guint i = 0; i < rooms->len; i++)
        {
          TdRoom *room = g_ptr_array_index (rooms, i);

          json_builder_begin_object (b);
          td_cli_add_string (b, "id", room->id);
          td_cli_add_string (b, "number", room->number);
          json_builder_set_member_name (b, "floor");
          if (room->floor == G_MININT)
            json_builder_add_null_value (b);
          else
            json_builder_add_int_value (b, room->floor);
          td_cli_add_string (b, "property_id", room->property_id);
          td_cli_add_string (b, "property", room->property_name);
          td_cli_add_string (b, "room_type_id", room->room_type_id);
          td_cli_add_string (b, "room_type", room->room_type_code);
          td_cli_add_string (b, "room_type_name", room->room_type_name);
          td_cli_add_string (b, "features", room->features);
          td_cli_add_string (b, "status", status_word (room));
          td_cli_add_string (b, "stay_id", room->stay_id);
          td_cli_add_string (b, "stay_state", room->status == TD_ROOM_TAKEN ? td_stay_state_to_string (room->stay_state) : NULL);
          td_cli_add_string (b, room->status == TD_ROOM_OUT_OF_ORDER ? "reason" : "guest", room->occupant);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (rooms->len == 0)
    {
      g_print ("%s\n", _("No rooms."));
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < rooms->len; i++)
    {
      TdRoom *room = g_ptr_array_index (rooms, i);
      g_autoptr(GString) line = g_string_new ("  ");
      g_autofree char *type = g_strdup_printf ("%s %s", room->room_type_code, room->room_type_name);
      g_autofree char *floor = room->floor == G_MININT ? g_strdup ("") : g_strdup_printf (_("%d F"), room->floor);

      if (g_strcmp0 (last_property, room->property_id) != 0)
        {
          g_print ("%s\n", room->property_name);
          last_property = room->property_id;
        }
      td_cli_append_padded (line, room->number, 6);
      td_cli_append_padded (line, floor, 5);
      td_cli_append_padded (line, type, 20);
      switch (room->status)
        {
        case TD_ROOM_TAKEN:
          /* Translators: the guest in a room, then the stay's state */
          g_string_append_printf (line, _("%s (%s)"), room->occupant, td_stay_state_get_title (room->stay_state));
          break;
        case TD_ROOM_OUT_OF_ORDER:
          g_string_append_printf (line, _("out of order: %s"), room->occupant);
          break;
        case TD_ROOM_FREE:
        default:
          g_string_append (line, C_("room", "free"));
          break;
        }
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* rooms availability                                                 */

static void
add_quote (JsonBuilder       *b,
           const TdRateQuote *quote)
{
  g_autofree char *why = td_rate_quote_describe_problems (quote);

  json_builder_begin_object (b);
  td_cli_add_string (b, "rate_plan_id", quote->rate_plan_id);
  td_cli_add_string (b, "code", quote->code);
  td_cli_add_string (b, "name", quote->name);
  json_builder_set_member_name (b, "nightly");
  json_builder_begin_array (b);
  for (guint n = 0; n < quote->nightly->len; n++)
    json_builder_add_int_value (b, g_array_index (quote->nightly, gint64, n));
  json_builder_end_array (b);
  td_cli_add_money (b, "rooms", &quote->rooms);
  td_cli_add_money (b, "taxes_included", &quote->taxes_included);
  td_cli_add_money (b, "taxes_added", &quote->taxes_added);
  td_cli_add_money (b, "total", &quote->total);
  json_builder_set_member_name (b, "allowed");
  json_builder_add_boolean_value (b, quote->problems == TD_RATE_OK);
  td_cli_add_string (b, "problems", why);
  json_builder_end_object (b);
}

static int
cmd_rooms_availability (Cli   *cli,
                        int    argc,
                        char **argv)
{
  const Command *command = find_rooms_command ("availability");
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *property_text = NULL;
  g_autofree char *type_text = NULL;
  g_autofree char *adults_text = NULL;
  g_autofree char *children_text = NULL;
  g_autofree char *property_id = NULL;
  g_autofree char *type_id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  TdAvailabilityQuery query = { 0 };
  const char *last_property = NULL;
  gint64 started;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The arrival date"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The departure date (the morning after the last night)"), N_("DATE") },
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("Only this hotel (default: every hotel)"), N_("P") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_text, N_("Only this room type (its code, such as STD)"), N_("T") },
    { "adults", 0, 0, G_OPTION_ARG_STRING, &adults_text, N_("Adults in the room (default 1)"), N_("N") },
    { "children", 0, 0, G_OPTION_ARG_STRING, &children_text, N_("Children in the room (default 0)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (from_text == NULL || to_text == NULL)
    {
      td_cli_fail (cli, _("Say which nights: --from DATE --to DATE. Try “%s %s --help”."), cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  query.adults = 1;
  if (!td_cli_parse_date (cli, "--from", from_text, &query.dates.start)
      || !td_cli_parse_date (cli, "--to", to_text, &query.dates.end)
      || !td_cli_parse_guests (cli, "--adults", adults_text, 20, &query.adults)
      || !td_cli_parse_guests (cli, "--children", children_text, 20, &query.children))
    return TD_CLI_EXIT_USAGE;
  if (query.dates.end <= query.dates.start)
    {
      td_cli_fail (cli, _("--to must be after --from: the departure is the morning after the last night"));
      return TD_CLI_EXIT_USAGE;
    }
  if (query.adults == 0)
    {
      td_cli_fail (cli, _("%s: a room needs at least one adult"), "--adults");
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id)
      || !td_cli_resolve (cli, db, TD_CLI_FIND_ROOM_TYPE, property_id, type_text, &type_id))
    return TD_CLI_EXIT_FAILURE;
  query.property_id = property_id;
  query.room_type_id = type_id;

  started = g_get_monotonic_time ();
  results = td_availability_search (db, &query, NULL, &error);
  if (results == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_date (b, "from", query.dates.start);
      td_cli_add_date (b, "to", query.dates.end);
      json_builder_set_member_name (b, "nights");
      json_builder_add_int_value (b, td_date_range_get_nights (&query.dates));
      json_builder_set_member_name (b, "adults");
      json_builder_add_int_value (b, query.adults);
      json_builder_set_member_name (b, "children");
      json_builder_add_int_value (b, query.children);
      json_builder_set_member_name (b, "milliseconds");
      json_builder_add_double_value (b, (g_get_monotonic_time () - started) / 1000.0);
      json_builder_set_member_name (b, "room_types");
      json_builder_begin_array (b);
      for (guint i = 0; i < results->len; i++)
        {
          TdAvailability *a = g_ptr_array_index (results, i);
          g_autofree char *why = td_availability_describe (a);

          json_builder_begin_object (b);
          td_cli_add_string (b, "property_id", a->property_id);
          td_cli_add_string (b, "property", a->property_name);
          td_cli_add_string (b, "room_type_id", a->room_type_id);
          td_cli_add_string (b, "code", a->room_type_code);
          td_cli_add_string (b, "name", a->room_type_name);
          json_builder_set_member_name (b, "rooms");
          json_builder_add_int_value (b, a->n_rooms);
          json_builder_set_member_name (b, "free");
          json_builder_add_int_value (b, a->n_free);
          json_builder_set_member_name (b, "bookable");
          json_builder_add_boolean_value (b, td_availability_is_bookable (a));
          td_cli_add_string (b, "why_not", why);
          json_builder_set_member_name (b, "left_per_night");
          json_builder_begin_array (b);
          for (guint n = 0; n < a->left->len; n++)
            json_builder_add_int_value (b, g_array_index (a->left, int, n));
          json_builder_end_array (b);
          json_builder_set_member_name (b, "free_rooms");
          json_builder_begin_array (b);
          for (guint r = 0; r < a->free_rooms->len; r++)
            json_builder_add_string_value (b, ((TdAvailableRoom *) g_ptr_array_index (a->free_rooms, r))->number);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "best");
          if (a->best)
            add_quote (b, a->best);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "quotes");
          json_builder_begin_array (b);
          for (guint q = 0; q < a->quotes->len; q++)
            add_quote (b, g_ptr_array_index (a->quotes, q));
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (results->len == 0)
    {
      g_print ("%s\n", _("No room types."));
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < results->len; i++)
    {
      TdAvailability *a = g_ptr_array_index (results, i);
      g_autoptr(GString) line = g_string_new ("  ");
      g_autofree char *type = g_strdup_printf ("%s %s", a->room_type_code, a->room_type_name);
      /* Translators: rooms that can be sold, of all the rooms of a type */
      g_autofree char *count = g_strdup_printf (_("%u of %u free"), a->n_free, a->n_rooms);

      if (g_strcmp0 (last_property, a->property_id) != 0)
        {
          g_print ("%s\n", a->property_name);
          last_property = a->property_id;
        }
      td_cli_append_padded (line, type, 20);
      td_cli_append_padded (line, count, 14);
      if (td_availability_is_bookable (a))
        {
          g_autofree char *total = td_money_format (&a->best->total);
          g_autoptr(GString) rooms = g_string_new (NULL);

          for (guint r = 0; r < a->free_rooms->len && r < 12; r++)
            g_string_append_printf (rooms, "%s%s", r ? " " : "", ((TdAvailableRoom *) g_ptr_array_index (a->free_rooms, r))->number);
          if (a->free_rooms->len > 12)
            g_string_append (rooms, " …");
          /* Translators: the price of the stay, the rate plan, then free room numbers */
          g_string_append_printf (line, _("%s (%s)  rooms %s"), total, a->best->name, rooms->str);
        }
      else
        {
          g_autofree char *why = td_availability_describe (a);

          g_string_append (line, why);
        }
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* rooms housekeeping, clean, inspect, dirty                          */

static int
cmd_rooms_housekeeping (Cli   *cli,
                        int    argc,
                        char **argv)
{
  const Command *command = find_rooms_command ("housekeeping");
  g_autofree char *property_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *property_id = NULL;
  g_autofree char *print = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint32 day = 0;
  GOptionEntry entries[] = {
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("Only the rooms of this hotel (its name, or a part of it)"), N_("P") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The list for DATE (default today)"), N_("DATE") },
    { "print", 0, 0, G_OPTION_ARG_FILENAME, &print, N_("Write the list to print as a PDF file"), N_("FILE.pdf") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (date_text && !td_cli_parse_date (cli, "--date", date_text, &day))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id))
    return TD_CLI_EXIT_FAILURE;
  if (print)
    {
      g_autoptr(TdDocument) doc = td_housekeeping_document_new (db, property_id, day, NULL, &error);

      if (doc == NULL || !td_document_write_pdf (doc, print, &error))
        return td_cli_fail_error (cli, error);
      return TD_CLI_EXIT_SUCCESS;
    }
  rows = td_housekeeping_list (db, property_id, day, NULL, &error);
  if (rows == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rooms");
      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          TdHousekeepingRow *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (b);
          td_cli_add_string (b, "room_id", row->room_id);
          td_cli_add_string (b, "number", row->number);
          td_cli_add_string (b, "property_id", row->property_id);
          td_cli_add_string (b, "room_type", row->room_type_code);
          td_cli_add_string (b, "housekeeping", td_housekeeping_to_string (row->state));
          td_cli_add_string (b, "since", row->state_at);
          td_cli_add_string (b, "occupancy", row->out_of_order ? "out-of-order" : row->occupied ? "occupied" : "vacant");
          td_cli_add_string (b, row->out_of_order ? "reason" : "guest", row->guest);
          json_builder_set_member_name (b, "departure");
          json_builder_add_boolean_value (b, row->departure);
          json_builder_set_member_name (b, "arrival");
          json_builder_add_boolean_value (b, row->arrival);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TdHousekeepingRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GString) line = g_string_new ("");

      td_cli_append_padded (line, row->number, 6);
      td_cli_append_padded (line, row->out_of_order ? _("out of order")
                                  : row->occupied ? C_("room", "occupied") : C_("room", "vacant"), 10);
      td_cli_append_padded (line, td_housekeeping_get_title (row->state), 10);
      if (row->departure)
        g_string_append_printf (line, "%s ", _("departure"));
      if (row->arrival)
        g_string_append_printf (line, "%s ", _("arrival"));
      if (row->guest)
        g_string_append (line, row->guest);
      g_print ("%s\n", line->str);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
set_housekeeping (Cli            *cli,
                  const char     *name,
                  TdHousekeeping  state,
                  int             argc,
                  char          **argv)
{
  const Command *command = find_rooms_command (name);
  g_autofree char *property_text = NULL;
  g_autofree char *property_id = NULL;
  g_autofree char *room_id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("The hotel, when the room number is in several"), N_("P") },
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
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id)
      || !td_cli_resolve (cli, db, TD_CLI_FIND_ROOM, property_id, argv[1], &room_id))
    return TD_CLI_EXIT_FAILURE;
  if (!td_room_set_housekeeping (db, NULL, room_id, state, NULL, &error))
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      td_cli_add_string (b, "room_id", room_id);
      td_cli_add_string (b, "number", argv[1]);
      td_cli_add_string (b, "housekeeping", td_housekeeping_to_string (state));
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  /* Translators: a room number, then its housekeeping state */
  g_print (_("Room %s: %s\n"), argv[1], td_housekeeping_get_title (state));
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_rooms_clean (Cli *cli, int argc, char **argv)
{
  return set_housekeeping (cli, "clean", TD_HOUSEKEEPING_CLEAN, argc, argv);
}

static int
cmd_rooms_inspect (Cli *cli, int argc, char **argv)
{
  return set_housekeeping (cli, "inspect", TD_HOUSEKEEPING_INSPECTED, argc, argv);
}

static int
cmd_rooms_dirty (Cli *cli, int argc, char **argv)
{
  return set_housekeeping (cli, "dirty", TD_HOUSEKEEPING_DIRTY, argc, argv);
}

static const Command rooms_commands[] = {
  { "list", "", N_("The rooms, and who has each tonight"), cmd_rooms_list },
  { "availability", "", N_("What can be sold for some nights, at what price, and why not"), cmd_rooms_availability },
  { "housekeeping", "", N_("The day's housekeeping list: vacant or occupied, clean, dirty or inspected, departures and arrivals"), cmd_rooms_housekeeping },
  { "clean", N_("ROOM"), N_("Housekeeping has cleaned the room"), cmd_rooms_clean },
  { "inspect", N_("ROOM"), N_("A supervisor has inspected the clean room"), cmd_rooms_inspect },
  { "dirty", N_("ROOM"), N_("The room needs cleaning"), cmd_rooms_dirty },
};

static Command rooms_named[G_N_ELEMENTS (rooms_commands)];

static const CommandGroup rooms_group = {
  .name = "rooms",
  .commands = rooms_commands,
  .n_commands = G_N_ELEMENTS (rooms_commands),
  .named = rooms_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] rooms SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("The rooms of the hotels and what is free."),
  .footer = N_("“rooms SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“rooms” needs a sub-command. Try “%s rooms --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s rooms --help”."),
};

static const Command *
find_rooms_command (const char *name)
{
  return td_cli_find_subcommand (&rooms_group, name);
}

int
td_cli_cmd_rooms (Cli   *cli,
                  int    argc,
                  char **argv)
{
  return td_cli_run_group (cli, &rooms_group, argc, argv);
}
