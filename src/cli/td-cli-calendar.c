/* td-cli-calendar.c: tourdesk-cli, iCalendar feeds of rooms (calendar
 * export, import, conflicts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "td-cli-private.h"

static const Command *find_calendar_command (const char *name);

/* the room named by --room (and --property), or NULL after saying why */
static char *
resolve_room (Cli         *cli,
              TdDatabase  *db,
              const char  *property_text,
              const char  *room_text)
{
  g_autofree char *property_id = NULL;
  char *room_id = NULL;

  if (property_text && !td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, property_text, &property_id))
    return NULL;
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_ROOM, property_id, room_text, &room_id))
    return NULL;
  return room_id;
}

static void
add_event (JsonBuilder       *b,
           const TdFeedEvent *event)
{
  json_builder_begin_object (b);
  td_cli_add_string (b, "id", event->id);
  td_cli_add_string (b, "room", event->room_number);
  td_cli_add_string (b, "feed", event->feed);
  td_cli_add_string (b, "uid", event->uid);
  td_cli_add_string (b, "summary", event->summary);
  td_cli_add_date (b, "start", event->dates.start);
  td_cli_add_date (b, "end", event->dates.end);
  td_cli_add_string (b, "status", td_feed_event_status_to_string (event->status));
  td_cli_add_string (b, "conflict", event->conflict);
  td_cli_add_string (b, "conflict_stay_id", event->conflict_stay_id);
  json_builder_end_object (b);
}

static void
print_event (const TdFeedEvent *event)
{
  g_autofree char *start = td_date_format_iso (event->dates.start);
  g_autofree char *end = td_date_format_iso (event->dates.end);
  g_autoptr(GString) line = g_string_new ("  ");

  if (event->room_number)
    td_cli_append_padded (line, event->room_number, 6);
  g_string_append_printf (line, "%s → %s  ", start, end);
  td_cli_append_padded (line, event->feed ? event->feed : "", 13);
  td_cli_append_padded (line, td_feed_event_status_get_title (event->status), 12);
  g_string_append (line, event->uid);
  g_print ("%s\n", line->str);
  if (event->conflict)
    g_print ("      %s\n", event->conflict);
}

/* ------------------------------------------------------------------ */

static int
cmd_calendar_export (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_calendar_command ("export");
  g_autofree char *room_text = NULL;
  g_autofree char *property_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *room_id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "room", 0, 0, G_OPTION_ARG_STRING, &room_text, N_("The room (its number)"), N_("NUMBER") },
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("The hotel, when the number is in several"), N_("HOTEL") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Write the calendar to FILE (.ics; “-”: standard output)"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (room_text == NULL || out == NULL)
    {
      td_cli_fail (cli, _("Say which room and where to: --room NUMBER --out FILE. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  room_id = resolve_room (cli, db, property_text, room_text);
  if (room_id == NULL)
    return TD_CLI_EXIT_FAILURE;
  text = td_calendar_export (db, room_id, &error);
  if (text == NULL)
    return td_cli_fail_error (cli, error);
  if (g_str_equal (out, "-"))
    {
      fputs (text, stdout);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (!g_file_set_contents (out, text, -1, &error))
    return td_cli_fail_error (cli, error);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_calendar_import (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_calendar_command ("import");
  g_autofree char *room_text = NULL;
  g_autofree char *property_text = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *room_id = NULL;
  g_autofree char *data = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCalendarImport) result = NULL;
  TdDeskTime when;
  gsize length = 0;
  GOptionEntry entries[] = {
    { "room", 0, 0, G_OPTION_ARG_STRING, &room_text, N_("The room the feed is for (its number)"), N_("NUMBER") },
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("The hotel, when the number is in several"), N_("HOTEL") },
    { "feed", 0, 0, G_OPTION_ARG_STRING, &feed, N_("The feed's name (default: Airbnb or Booking.com when the file says so, else the file's name)"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Act as on DATE (default today): events ended before it are left alone"), N_("DATE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (room_text == NULL)
    {
      td_cli_fail (cli, _("Say which room the feed is for: --room NUMBER. Try “%s %s --help”."), cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (!g_file_get_contents (argv[1], &data, &length, &error))
    return td_cli_fail_error (cli, error);
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  td_desk_time_init_now (&when, db);
  if (date_text && !td_cli_parse_date (cli, "--date", date_text, &when.today))
    return TD_CLI_EXIT_USAGE;
  room_id = resolve_room (cli, db, property_text, room_text);
  if (room_id == NULL)
    return TD_CLI_EXIT_FAILURE;
  result = td_calendar_import (db, NULL, room_id, feed, argv[1], data, length, &when, &error);
  if (result == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      struct { const char *name; guint value; } counts[] = {
        { "events", result->n_events }, { "added", result->added }, { "moved", result->moved },
        { "unchanged", result->unchanged }, { "past", result->past }, { "released", result->released },
      };

      json_builder_begin_object (b);
      td_cli_add_string (b, "feed", result->feed);
      for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
        {
          json_builder_set_member_name (b, counts[i].name);
          json_builder_add_int_value (b, counts[i].value);
        }
      json_builder_set_member_name (b, "conflicts");
      json_builder_begin_array (b);
      for (guint i = 0; i < result->conflicts->len; i++)
        add_event (b, g_ptr_array_index (result->conflicts, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else
    {
      /* Translators: a feed's name, then counts of its events */
      g_print (_("%s: %u events; %u new holds, %u moved, %u unchanged, %u past, %u released, %u conflicts\n"),
               result->feed, result->n_events, result->added, result->moved, result->unchanged, result->past,
               result->released, result->conflicts->len);
      for (guint i = 0; i < result->conflicts->len; i++)
        print_event (g_ptr_array_index (result->conflicts, i));
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_calendar_events (Cli   *cli,
                     int    argc,
                     char **argv)
{
  const Command *command = find_calendar_command ("events");
  g_autofree char *room_text = NULL;
  g_autofree char *property_text = NULL;
  g_autofree char *room_id = NULL;
  gboolean conflicts = FALSE;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GOptionEntry entries[] = {
    { "room", 0, 0, G_OPTION_ARG_STRING, &room_text, N_("Only this room (its number)"), N_("NUMBER") },
    { "property", 0, 0, G_OPTION_ARG_STRING, &property_text, N_("The hotel, when the number is in several"), N_("HOTEL") },
    { "conflicts", 0, 0, G_OPTION_ARG_NONE, &conflicts, N_("Only the events in conflict with a stay or another hold"), NULL },
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
  if (room_text && (room_id = resolve_room (cli, db, property_text, room_text)) == NULL)
    return TD_CLI_EXIT_FAILURE;
  events = td_feed_events_list (db, room_id, conflicts, &error);
  if (events == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, events->len);
      json_builder_set_member_name (b, "events");
      json_builder_begin_array (b);
      for (guint i = 0; i < events->len; i++)
        add_event (b, g_ptr_array_index (events, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (events->len == 0)
    g_print ("%s\n", conflicts ? _("No conflicts") : _("No calendar events"));
  for (guint i = 0; i < events->len; i++)
    print_event (g_ptr_array_index (events, i));
  return TD_CLI_EXIT_SUCCESS;
}

static const Command calendar_commands[] = {
  { "export", "", N_("Write a room's stays as an iCalendar file (for an OTA or a calendar)"), cmd_calendar_export },
  { "import", N_("FILE.ics"), N_("Read an OTA's calendar of a room: its bookings hold the room, conflicts are flagged"), cmd_calendar_import },
  { "events", "", N_("The events of imported calendars and the conflicts to look at"), cmd_calendar_events },
};

static Command calendar_named[G_N_ELEMENTS (calendar_commands)];

static const CommandGroup calendar_group = {
  .name = "calendar",
  .commands = calendar_commands,
  .n_commands = G_N_ELEMENTS (calendar_commands),
  .named = calendar_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] calendar SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Rooms' bookings as iCalendar feeds, and OTAs' feeds (Airbnb, Booking.com) in."),
  .footer = N_("“calendar SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“calendar” needs a sub-command. Try “%s calendar --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s calendar --help”."),
};

static const Command *
find_calendar_command (const char *name)
{
  return td_cli_find_subcommand (&calendar_group, name);
}

int
td_cli_cmd_calendar (Cli   *cli,
                     int    argc,
                     char **argv)
{
  return td_cli_run_group (cli, &calendar_group, argc, argv);
}
