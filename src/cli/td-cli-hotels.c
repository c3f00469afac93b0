/* td-cli-hotels.c: tourdesk-cli, setting up the hotels (hotels list, add,
 * edit, remove; add-type, edit-type, remove-type; add-rooms, remove-room)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-cli-private.h"

static const Command *find_hotels_command (const char *name);

static void
add_property_json (JsonBuilder      *b,
                   const TdProperty *p)
{
  json_builder_begin_object (b);
  td_cli_add_string (b, "id", p->id);
  td_cli_add_string (b, "name", p->name);
  td_cli_add_string (b, "city", p->city);
  td_cli_add_string (b, "address", p->address);
  td_cli_add_string (b, "phone", p->phone);
  json_builder_set_member_name (b, "stars");
  if (p->stars > 0)
    json_builder_add_int_value (b, p->stars);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "room_types");
  json_builder_add_int_value (b, p->n_room_types);
  json_builder_set_member_name (b, "rooms");
  json_builder_add_int_value (b, p->n_rooms);
}

static void
add_type_json (JsonBuilder          *b,
               const TdRoomTypeInfo *t)
{
  json_builder_begin_object (b);
  td_cli_add_string (b, "id", t->id);
  td_cli_add_string (b, "code", t->code);
  td_cli_add_string (b, "name", t->name);
  json_builder_set_member_name (b, "max_adults");
  if (t->max_adults > 0)
    json_builder_add_int_value (b, t->max_adults);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "max_children");
  if (t->max_children >= 0)
    json_builder_add_int_value (b, t->max_children);
  else
    json_builder_add_null_value (b);
  td_cli_add_string (b, "beds", t->beds);
  if (t->has_price)
    td_cli_add_money (b, "base_price", &t->base_price);
  else
    td_cli_add_string (b, "base_price", NULL);
  json_builder_set_member_name (b, "rooms");
  json_builder_add_int_value (b, t->n_rooms);
  td_cli_add_string (b, "room_numbers", t->room_numbers);
  json_builder_end_object (b);
}

/* "DLX Deluxe King · ¥388.00 · 2 adults, 1 child · 12 rooms: 101–112" */
static char *
describe_type (const TdRoomTypeInfo *t)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s %s", t->code, t->name);
  if (t->has_price)
    {
      g_autofree char *price = td_money_format (&t->base_price);

      g_string_append (text, " · ");
      /* Translators: the base price of a room type */
      g_string_append_printf (text, _("%s a night"), price);
    }
  if (t->max_adults > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "up to %d adult", "up to %d adults",
                                                 (gulong) t->max_adults), t->max_adults);
    }
  if (t->beds)
    g_string_append_printf (text, " · %s", t->beds);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u room", "%u rooms", t->n_rooms), t->n_rooms);
  if (t->n_rooms > 0)
    g_string_append_printf (text, ": %s", t->room_numbers);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
cmd_hotels_list (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_hotels_command ("list");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) hotels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  GOptionEntry entries[] = { { NULL } };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  hotels = td_properties_list (db, &error);
  if (hotels == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  else if (hotels->len == 0)
    g_print ("%s\n", _("No hotels yet: add one with “hotels add NAME”."));

  for (guint i = 0; i < hotels->len; i++)
    {
      TdProperty *p = g_ptr_array_index (hotels, i);
      g_autoptr(GPtrArray) types = td_room_types_list (db, p->id, &error);

      if (types == NULL)
        return td_cli_fail_error (cli, error);
      if (cli->json)
        {
          add_property_json (b, p);
          json_builder_set_member_name (b, "types");
          json_builder_begin_array (b);
          for (guint k = 0; k < types->len; k++)
            add_type_json (b, g_ptr_array_index (types, k));
          json_builder_end_array (b);
          json_builder_end_object (b);
          continue;
        }
      g_print ("%s%s%s\n", p->name, p->city ? " · " : "", p->city ? p->city : "");
      for (guint k = 0; k < types->len; k++)
        {
          g_autofree char *line = describe_type (g_ptr_array_index (types, k));

          g_print ("  %s\n", line);
        }
    }
  if (cli->json)
    {
      json_builder_end_array (b);
      td_cli_print_json (b);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static gboolean
parse_stars (Cli        *cli,
             const char *text,
             int        *stars)
{
  guint64 value;

  if (text == NULL)
    return TRUE;
  if (!td_cli_parse_count (cli, "--stars", text, 5, &value))
    return FALSE;
  *stars = (int) value;
  return TRUE;
}

static int
print_property (Cli        *cli,
                TdDatabase *db,
                const char *id,
                gboolean    edited)
{
  g_autoptr(GPtrArray) hotels = td_properties_list (db, NULL);

  for (guint i = 0; hotels && i < hotels->len; i++)
    {
      TdProperty *p = g_ptr_array_index (hotels, i);

      if (g_strcmp0 (p->id, id) != 0)
        continue;
      if (cli->json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          add_property_json (b, p);
          json_builder_end_object (b);
          td_cli_print_json (b);
        }
      else if (edited)
        /* Translators: the hotel's name */
        g_print (_("Changed the hotel %s\n"), p->name);
      else
        /* Translators: the hotel's name */
        g_print (_("Added the hotel %s\n"), p->name);
      return TD_CLI_EXIT_SUCCESS;
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
save_hotel (Cli        *cli,
            const char *name,
            int         argc,
            char      **argv)
{
  const Command *command = find_hotels_command (name);
  gboolean editing = g_str_equal (name, "edit");
  g_autofree char *new_name = NULL, *city = NULL, *address = NULL, *phone = NULL, *stars_text = NULL;
  g_autofree char *id = NULL, *saved = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  TdProperty property = { 0 };
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &new_name, N_("The hotel's new name"), N_("NAME") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("The city"), N_("CITY") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("The address"), N_("ADDRESS") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("The front desk's phone"), N_("PHONE") },
    { "stars", 0, 0, G_OPTION_ARG_STRING, &stars_text, N_("Stars, 1 to 5 (0: none)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, editing ? entries : entries + 1, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (!parse_stars (cli, stars_text, &property.stars))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);

  if (editing)
    {
      g_autoptr(GPtrArray) hotels = NULL;

      if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, argv[1], &id))
        return TD_CLI_EXIT_FAILURE;
      hotels = td_properties_list (db, &error);
      if (hotels == NULL)
        return td_cli_fail_error (cli, error);
      for (guint i = 0; i < hotels->len; i++)
        {
          TdProperty *p = g_ptr_array_index (hotels, i);

          if (!g_str_equal (p->id, id))
            continue;
          /* what is not given stays as it is */
          property.id = p->id;
          property.revision = p->revision;
          property.name = new_name ? new_name : p->name;
          property.city = city ? city : p->city;
          property.address = address ? address : p->address;
          property.phone = phone ? phone : p->phone;
          if (stars_text == NULL)
            property.stars = p->stars;
          saved = td_property_save (db, NULL, &property, &error);
          break;
        }
    }
  else
    {
      property.name = argv[1];
      property.city = city;
      property.address = address;
      property.phone = phone;
      saved = td_property_save (db, NULL, &property, &error);
    }
  if (saved == NULL)
    return td_cli_fail_error (cli, error);
  return print_property (cli, db, saved, editing);
}

static int
cmd_hotels_add (Cli *cli, int argc, char **argv)
{
  return save_hotel (cli, "add", argc, argv);
}

static int
cmd_hotels_edit (Cli *cli, int argc, char **argv)
{
  return save_hotel (cli, "edit", argc, argv);
}

static int
cmd_hotels_remove (Cli   *cli,
                   int    argc,
                   char **argv)
{
  const Command *command = find_hotels_command ("remove");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GOptionEntry entries[] = { { NULL } };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, argv[1], &id))
    return TD_CLI_EXIT_FAILURE;
  if (!td_property_remove (db, NULL, id, &error))
    return td_cli_fail_error (cli, error);
  g_print (_("Removed the hotel %s\n"), argv[1]);
  return TD_CLI_EXIT_SUCCESS;
}

static gboolean
parse_price (Cli            *cli,
             TdDatabase     *db,
             const char     *text,
             TdRoomTypeInfo *type)
{
  g_autofree char *currency = NULL;
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return TRUE;
  currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
  if (!td_money_parse (text, currency ? currency : TD_DEFAULT_CURRENCY, &type->base_price, &error))
    {
      td_cli_fail (cli, "--price: %s", error->message);
      return FALSE;
    }
  type->has_price = TRUE;
  return TRUE;
}

static int
save_type (Cli        *cli,
           const char *name,
           int         argc,
           char      **argv)
{
  const Command *command = find_hotels_command (name);
  gboolean editing = g_str_equal (name, "edit-type");
  g_autofree char *hotel = NULL, *code = NULL, *type_name = NULL, *price = NULL;
  g_autofree char *adults = NULL, *children = NULL, *beds = NULL;
  g_autofree char *property_id = NULL, *type_id = NULL, *saved = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GError) error = NULL;
  TdRoomTypeInfo type = { 0 };
  GOptionEntry entries[] = {
    { "property", 0, 0, G_OPTION_ARG_STRING, &hotel, N_("The hotel (needed when there are several)"), N_("P") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("A short code, such as DLX"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &type_name, N_("The name, such as Deluxe King"), N_("NAME") },
    { "price", 0, 0, G_OPTION_ARG_STRING, &price, N_("The base price a night, such as 388.00"), N_("AMOUNT") },
    { "adults", 0, 0, G_OPTION_ARG_STRING, &adults, N_("The most adults a room takes"), N_("N") },
    { "children", 0, 0, G_OPTION_ARG_STRING, &children, N_("The most children a room takes"), N_("N") },
    { "beds", 0, 0, G_OPTION_ARG_STRING, &beds, N_("The beds, such as “1 king”"), N_("TEXT") },
    { NULL }
  };
  int status;
  guint max_adults = 0, max_children = G_MAXUINT;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, editing ? 1 : 0))
    return TD_CLI_EXIT_USAGE;
  if (!td_cli_parse_guests (cli, "--adults", adults, 20, &max_adults)
      || !td_cli_parse_guests (cli, "--children", children, 20, &max_children))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (hotel == NULL)
    {
      g_autoptr(GPtrArray) hotels = td_properties_list (db, &error);

      if (hotels == NULL)
        return td_cli_fail_error (cli, error);
      if (hotels->len != 1)
        {
          td_cli_fail (cli, "%s", hotels->len == 0 ? _("There is no hotel yet: add one with “hotels add NAME”")
                                                   : _("--property: say which hotel"));
          return TD_CLI_EXIT_FAILURE;
        }
      property_id = g_strdup (((TdProperty *) g_ptr_array_index (hotels, 0))->id);
    }
  else if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, hotel, &property_id))
    return TD_CLI_EXIT_FAILURE;
  if (!parse_price (cli, db, price, &type))
    return TD_CLI_EXIT_USAGE;

  type.property_id = property_id;
  type.code = code;
  type.name = type_name;
  type.beds = beds;
  type.max_adults = (int) max_adults;
  type.max_children = max_children == G_MAXUINT ? -1 : (int) max_children;
  if (editing)
    {
      TdRoomTypeInfo *old = NULL;

      if (!td_cli_resolve (cli, db, TD_CLI_FIND_ROOM_TYPE, property_id, argv[1], &type_id))
        return TD_CLI_EXIT_FAILURE;
      types = td_room_types_list (db, property_id, &error);
      if (types == NULL)
        return td_cli_fail_error (cli, error);
      for (guint i = 0; i < types->len; i++)
        if (g_str_equal (((TdRoomTypeInfo *) g_ptr_array_index (types, i))->id, type_id))
          old = g_ptr_array_index (types, i);
      g_assert (old != NULL);
      /* what is not given stays as it is */
      type.id = old->id;
      type.revision = old->revision;
      if (code == NULL)
        type.code = old->code;
      if (type_name == NULL)
        type.name = old->name;
      if (beds == NULL)
        type.beds = old->beds;
      if (adults == NULL)
        type.max_adults = old->max_adults;
      if (children == NULL)
        type.max_children = old->max_children;
      if (price == NULL)
        {
          type.has_price = old->has_price;
          type.base_price = old->base_price;
        }
    }
  saved = td_room_type_save (db, NULL, &type, &error);
  if (saved == NULL)
    return td_cli_fail_error (cli, error);

  g_clear_pointer (&types, g_ptr_array_unref);
  types = td_room_types_list (db, property_id, &error);
  for (guint i = 0; types && i < types->len; i++)
    {
      TdRoomTypeInfo *t = g_ptr_array_index (types, i);

      if (!g_str_equal (t->id, saved))
        continue;
      if (cli->json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          add_type_json (b, t);
          td_cli_print_json (b);
        }
      else
        {
          g_autofree char *line = describe_type (t);

          g_print ("%s\n", line);
        }
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_hotels_add_type (Cli *cli, int argc, char **argv)
{
  return save_type (cli, "add-type", argc, argv);
}

static int
cmd_hotels_edit_type (Cli *cli, int argc, char **argv)
{
  return save_type (cli, "edit-type", argc, argv);
}

/* --hotel (or the only hotel) and what argv[1] names within it */
static gboolean
resolve_in_hotel (Cli         *cli,
                  TdDatabase  *db,
                  const char  *hotel,
                  TdCliFind    find,
                  const char  *text,
                  char       **property_id,
                  char       **id)
{
  if (!td_cli_resolve (cli, db, TD_CLI_FIND_PROPERTY, NULL, hotel, property_id))
    return FALSE;
  return td_cli_resolve (cli, db, find, *property_id, text, id);
}

static int
cmd_hotels_remove_type (Cli   *cli,
                        int    argc,
                        char **argv)
{
  const Command *command = find_hotels_command ("remove-type");
  g_autofree char *hotel = NULL, *property_id = NULL, *id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "property", 0, 0, G_OPTION_ARG_STRING, &hotel, N_("The hotel (needed when the code is in several)"), N_("P") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!resolve_in_hotel (cli, db, hotel, TD_CLI_FIND_ROOM_TYPE, argv[1], &property_id, &id))
    return TD_CLI_EXIT_FAILURE;
  if (!td_room_type_remove (db, NULL, id, &error))
    return td_cli_fail_error (cli, error);
  g_print (_("Removed the room type %s\n"), argv[1]);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_hotels_add_rooms (Cli   *cli,
                      int    argc,
                      char **argv)
{
  const Command *command = find_hotels_command ("add-rooms");
  g_autofree char *hotel = NULL, *type_text = NULL, *property_id = NULL, *type_id = NULL, *numbers = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "property", 0, 0, G_OPTION_ARG_STRING, &hotel, N_("The hotel (needed when the code is in several)"), N_("P") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_text, N_("The room type's code"), N_("CODE") },
    { NULL }
  };
  int status;
  guint added;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (argc < 2)
    {
      td_cli_fail (cli, _("“%s” needs the room numbers, such as 101-120 201"), "hotels add-rooms");
      return TD_CLI_EXIT_USAGE;
    }
  if (type_text == NULL)
    {
      td_cli_fail (cli, "%s", _("--type: say which room type the rooms are"));
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!resolve_in_hotel (cli, db, hotel, TD_CLI_FIND_ROOM_TYPE, type_text, &property_id, &type_id))
    return TD_CLI_EXIT_FAILURE;
  numbers = g_strjoinv (" ", argv + 1);
  added = td_rooms_add (db, NULL, type_id, numbers, &error);
  if (added == 0)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_auto(GStrv) list = td_room_numbers_parse (numbers, NULL);

      json_builder_begin_object (b);
      td_cli_add_string (b, "room_type_id", type_id);
      json_builder_set_member_name (b, "added");
      json_builder_begin_array (b);
      for (guint i = 0; list && list[i]; i++)
        json_builder_add_string_value (b, list[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u room\n", "Added %u rooms\n", added), added);
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_hotels_remove_room (Cli   *cli,
                        int    argc,
                        char **argv)
{
  const Command *command = find_hotels_command ("remove-room");
  g_autofree char *hotel = NULL, *property_id = NULL, *id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "property", 0, 0, G_OPTION_ARG_STRING, &hotel, N_("The hotel (needed when the number is in several)"), N_("P") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!resolve_in_hotel (cli, db, hotel, TD_CLI_FIND_ROOM, argv[1], &property_id, &id))
    return TD_CLI_EXIT_FAILURE;
  if (!td_room_remove (db, NULL, id, &error))
    return td_cli_fail_error (cli, error);
  g_print (_("Removed room %s\n"), argv[1]);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* prices by date                                                     */

static void
add_season_json (JsonBuilder        *b,
                 const TdSeasonInfo *season)
{
  json_builder_begin_object (b);
  td_cli_add_string (b, "id", season->id);
  td_cli_add_string (b, "plan", season->plan_code);
  td_cli_add_string (b, "name", season->name);
  if (season->start)
    {
      td_cli_add_date (b, "from", season->start);
      td_cli_add_date (b, "to", season->end - 1);
    }
  else
    {
      td_cli_add_string (b, "from", NULL);
      td_cli_add_string (b, "to", NULL);
    }
  json_builder_set_member_name (b, "weekdays");
  json_builder_begin_array (b);
  for (guint d = 0; d < 7; d++)
    if (season->weekdays & (1u << d))
      json_builder_add_int_value (b, d + 1);
  json_builder_end_array (b);
  td_cli_add_money (b, "price", &season->price);
  json_builder_end_object (b);
}

static int
cmd_hotels_seasons (Cli   *cli,
                    int    argc,
                    char **argv)
{
  const Command *command = find_hotels_command ("seasons");
  g_autofree char *hotel = NULL, *type_text = NULL, *property_id = NULL, *type_id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) seasons = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "property", 0, 0, G_OPTION_ARG_STRING, &hotel, N_("The hotel (needed when the code is in several)"), N_("P") },
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
  if (!resolve_in_hotel (cli, db, hotel, TD_CLI_FIND_ROOM_TYPE, argv[1], &property_id, &type_id))
    return TD_CLI_EXIT_FAILURE;
  seasons = td_room_type_seasons (db, type_id, &error);
  if (seasons == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < seasons->len; i++)
        add_season_json (b, g_ptr_array_index (seasons, i));
      json_builder_end_array (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }
  if (seasons->len == 0)
    g_print ("%s\n", _("No prices by date: the room type's price a night holds every night."));
  for (guint i = 0; i < seasons->len; i++)
    {
      TdSeasonInfo *season = g_ptr_array_index (seasons, i);
      g_autofree char *line = td_season_describe (season);

      g_print ("%s  %s\n", season->id, line);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_hotels_add_season (Cli   *cli,
                       int    argc,
                       char **argv)
{
  const Command *command = find_hotels_command ("add-season");
  g_autofree char *hotel = NULL, *name = NULL, *from_text = NULL, *to_text = NULL, *days_text = NULL;
  g_autofree char *price_text = NULL, *currency = NULL, *property_id = NULL, *type_id = NULL, *id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "property", 0, 0, G_OPTION_ARG_STRING, &hotel, N_("The hotel (needed when the code is in several)"), N_("P") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("What the clerks call it: Weekend, National Day"), N_("NAME") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first night"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last night"), N_("YYYY-MM-DD") },
    { "days", 0, 0, G_OPTION_ARG_STRING, &days_text, N_("Only these nights of the week: fri,sat or 5-6"), N_("DAYS") },
    { "price", 0, 0, G_OPTION_ARG_STRING, &price_text, N_("The price a night, such as 488.00"), N_("AMOUNT") },
    { NULL }
  };
  guint32 first = 0, last = 0;
  guint weekdays = 0;
  TdMoney price;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if ((from_text == NULL) != (to_text == NULL))
    {
      td_cli_fail (cli, "%s", _("Give both --from and --to, or neither (all year)"));
      return TD_CLI_EXIT_USAGE;
    }
  if ((from_text && !td_cli_parse_date (cli, "--from", from_text, &first))
      || (to_text && !td_cli_parse_date (cli, "--to", to_text, &last)))
    return TD_CLI_EXIT_USAGE;
  if (days_text && !td_weekdays_parse (days_text, &weekdays, &error))
    {
      td_cli_fail (cli, "--days: %s", error->message);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
  if (price_text == NULL || !td_money_parse (price_text, currency ? currency : TD_DEFAULT_CURRENCY, &price, &error))
    {
      td_cli_fail (cli, "--price: %s", error ? error->message : _("give the price a night, such as 488.00"));
      return TD_CLI_EXIT_USAGE;
    }
  if (!resolve_in_hotel (cli, db, hotel, TD_CLI_FIND_ROOM_TYPE, argv[1], &property_id, &type_id))
    return TD_CLI_EXIT_FAILURE;
  if (first && last < first)
    {
      td_cli_fail (cli, "%s", _("--to: the last night comes before the first"));
      return TD_CLI_EXIT_USAGE;
    }
  id = td_room_type_add_season (db, NULL, type_id, name, first, first ? last + 1 : 0, weekdays, &price, &error);
  if (id == NULL)
    return td_cli_fail_error (cli, error);
  {
    g_autoptr(GPtrArray) seasons = td_room_type_seasons (db, type_id, NULL);

    for (guint i = 0; seasons && i < seasons->len; i++)
      {
        TdSeasonInfo *season = g_ptr_array_index (seasons, i);

        if (!g_str_equal (season->id, id))
          continue;
        if (cli->json)
          {
            g_autoptr(JsonBuilder) b = json_builder_new ();

            add_season_json (b, season);
            td_cli_print_json (b);
          }
        else
          {
            g_autofree char *line = td_season_describe (season);

            g_print ("%s  %s\n", season->id, line);
          }
      }
  }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_hotels_remove_season (Cli   *cli,
                          int    argc,
                          char **argv)
{
  const Command *command = find_hotels_command ("remove-season");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, FALSE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (!td_season_remove (db, NULL, argv[1], &error))
    return td_cli_fail_error (cli, error);
  g_print ("%s\n", _("Removed the prices by date"));
  return TD_CLI_EXIT_SUCCESS;
}

static const Command hotels_commands[] = {
  { "list", "", N_("The hotels, their room types and rooms"), cmd_hotels_list },
  { "add", N_("NAME"), N_("Add a hotel"), cmd_hotels_add },
  { "edit", N_("HOTEL"), N_("Change a hotel's name, city, address, phone or stars"), cmd_hotels_edit },
  { "remove", N_("HOTEL"), N_("Remove a hotel that has no room types"), cmd_hotels_remove },
  { "add-type", "", N_("Add a room type: --code, --name, --price, --adults, --children, --beds"), cmd_hotels_add_type },
  { "edit-type", N_("CODE"), N_("Change a room type"), cmd_hotels_edit_type },
  { "remove-type", N_("CODE"), N_("Remove a room type that has no rooms"), cmd_hotels_remove_type },
  { "add-rooms", N_("NUMBERS…"), N_("Add rooms of a --type: 101-120 201 305A"), cmd_hotels_add_rooms },
  { "remove-room", N_("ROOM"), N_("Remove a room no stay holds tonight or later"), cmd_hotels_remove_room },
  { "seasons", N_("CODE"), N_("A room type's prices by date: weekends, seasons, holidays"), cmd_hotels_seasons },
  { "add-season", N_("CODE"), N_("Another price a night for some dates or days: --price, --from, --to, --days, --name"), cmd_hotels_add_season },
  { "remove-season", N_("ID"), N_("Remove prices by date (the id from “hotels seasons”)"), cmd_hotels_remove_season },
};

static Command hotels_named[G_N_ELEMENTS (hotels_commands)];

static const CommandGroup hotels_group = {
  .name = "hotels",
  .commands = hotels_commands,
  .n_commands = G_N_ELEMENTS (hotels_commands),
  .named = hotels_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] hotels SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Set up the hotels: their room types, prices and rooms."),
  .footer = N_("“hotels SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“hotels” needs a sub-command. Try “%s hotels --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s hotels --help”."),
};

static const Command *
find_hotels_command (const char *name)
{
  return td_cli_find_subcommand (&hotels_group, name);
}

int
td_cli_cmd_hotels (Cli   *cli,
                   int    argc,
                   char **argv)
{
  return td_cli_run_group (cli, &hotels_group, argc, argv);
}
