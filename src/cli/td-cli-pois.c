/* td-cli-pois.c: tourdesk-cli, points of interest on the map (pois import,
 * nearby, search)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-cli-private.h"
#include "td-poi-entry.h"
#include "td-poi-import.h"
#include "td-poi-query.h"

static const Command *find_pois_command (const char *name);

/* The CRS named by --crs; FALSE (after saying so) when it is none. */
static gboolean
parse_crs_option (Cli        *cli,
                  const char *text,
                  TdCrs      *crs)
{
  if (!td_crs_from_string (text, crs))
    {
      td_cli_fail (cli, _("--crs: “%s” is not a coordinate system: use wgs84, gcj02 or bd09"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_degrees (Cli        *cli,
               const char *option,
               const char *text,
               double      min,
               double      max,
               double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    {
      td_cli_fail (cli, _("%s is needed. Try “%s pois nearby --help”."), option, cli->prog);
      return FALSE;
    }
  value = g_ascii_strtod (text, &end);
  /* written so that NaN fails too */
  if (end == text || *end != '\0' || !(value >= min && value <= max))
    {
      td_cli_fail (cli, _("%s: “%s” is not a number from %g to %g"), option, text, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static const char *
crs_display (TdCrs crs)
{
  switch (crs)
    {
    case TD_CRS_GCJ02: return "GCJ-02";
    case TD_CRS_BD09: return "BD-09";
    case TD_CRS_WGS84:
    default: return "WGS-84";
    }
}

/* name (English name) · category · rating · city */
static char *
describe_poi (const TdPoi *poi)
{
  GString *text = g_string_new (poi->name);

  if (poi->name_en)
    g_string_append_printf (text, " (%s)", poi->name_en);
  g_string_append_printf (text, " · %s", td_poi_category_get_title (poi->category));
  if (poi->rating)
    g_string_append_printf (text, " · %s", poi->rating);
  if (poi->city)
    g_string_append_printf (text, " · %s", poi->city);
  return g_string_free (text, FALSE);
}

static void
print_pois_json (const char *member,
                 const char *value,
                 GPtrArray  *pois,
                 JsonBuilder *b)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, pois->len);
  json_builder_set_member_name (b, "places");
  json_builder_begin_array (b);
  for (guint i = 0; i < pois->len; i++)
    td_poi_to_json (g_ptr_array_index (pois, i), b);
  json_builder_end_array (b);
}

static int
cmd_pois_import (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_pois_command ("import");
  g_autofree char *crs_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  TdPoiImportStats stats;
  TdCrs crs;
  GOptionEntry entries[] = {
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_text, N_("The coordinate system of the file: wgs84 (GPS, OpenStreetMap), gcj02 (AMap, Tencent) or bd09 (Baidu); needed when the file does not say"), N_("CRS") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (crs_text && !parse_crs_option (cli, crs_text, &crs))
    return TD_CLI_EXIT_USAGE;

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);

  /* one commit for the whole file: on any problem, nothing is written */
  if (!td_poi_import_file (db, argv[1], TD_POI_FORMAT_AUTO, crs_text ? &crs : NULL, &stats, &error))
    {
      if (g_error_matches (error, TD_POI_IMPORT_ERROR, TD_POI_IMPORT_ERROR_NEED_CRS))
        {
          td_cli_fail (cli, "%s", error->message);
          return TD_CLI_EXIT_USAGE;
        }
      return td_cli_fail_error (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_path);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, stats.format == TD_POI_FORMAT_GEOJSON ? "geojson" : "csv");
      json_builder_set_member_name (b, "crs");
      json_builder_add_string_value (b, td_crs_to_string (stats.crs));
      json_builder_set_member_name (b, "crs_from_file");
      json_builder_add_boolean_value (b, stats.crs_from_file);
      json_builder_set_member_name (b, "read");
      json_builder_add_int_value (b, stats.n_read);
      json_builder_set_member_name (b, "inserted");
      json_builder_add_int_value (b, stats.n_inserted);
      json_builder_set_member_name (b, "updated");
      json_builder_add_int_value (b, stats.n_updated);
      json_builder_set_member_name (b, "unchanged");
      json_builder_add_int_value (b, stats.n_unchanged);
      json_builder_set_member_name (b, "duplicates");
      json_builder_add_int_value (b, stats.n_duplicates);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (stats.crs == TD_CRS_WGS84)
    g_print (ngettext ("Read %u place from %s (coordinates in WGS-84)\n",
                       "Read %u places from %s (coordinates in WGS-84)\n", stats.n_read),
             stats.n_read, argv[1]);
  else
    g_print (ngettext ("Read %u place from %s (coordinates in %s, converted to WGS-84)\n",
                       "Read %u places from %s (coordinates in %s, converted to WGS-84)\n", stats.n_read),
             stats.n_read, argv[1], crs_display (stats.crs));
  {
    g_autofree char *inserted = g_strdup_printf ("%u", stats.n_inserted);
    g_autofree char *updated = g_strdup_printf ("%u", stats.n_updated);
    g_autofree char *unchanged = g_strdup_printf ("%u", stats.n_unchanged);

    td_cli_print_row (_("Added:"), inserted);
    td_cli_print_row (_("Updated:"), updated);
    td_cli_print_row (_("Already up to date:"), unchanged);
    if (stats.n_duplicates > 0)
      {
        g_autofree char *duplicates = g_strdup_printf ("%u", stats.n_duplicates);

        td_cli_print_row (_("Twice in the file:"), duplicates);
      }
  }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_pois_nearby (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_pois_command ("nearby");
  g_autofree char *lat_text = NULL;
  g_autofree char *lon_text = NULL;
  g_autofree char *radius_text = NULL;
  g_autofree char *category_text = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) pois = NULL;
  g_autoptr(GError) error = NULL;
  TdPoiCategory category;
  double lat, lon, radius_km;
  GOptionEntry entries[] = {
    { "lat", 0, 0, G_OPTION_ARG_STRING, &lat_text, N_("Latitude of the place, in degrees (WGS-84)"), N_("LAT") },
    { "lon", 0, 0, G_OPTION_ARG_STRING, &lon_text, N_("Longitude of the place, in degrees (WGS-84)"), N_("LON") },
    { "radius-km", 0, 0, G_OPTION_ARG_STRING, &radius_text, N_("How far to look, in kilometres"), N_("R") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category_text, N_("Only places of this category: attraction, hotel, restaurant, shop, transport or property"), N_("C") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;
  if (!parse_degrees (cli, "--lat", lat_text, -90, 90, &lat)
      || !parse_degrees (cli, "--lon", lon_text, -180, 180, &lon)
      || !parse_degrees (cli, "--radius-km", radius_text, 0, 20100, &radius_km))
    return TD_CLI_EXIT_USAGE;
  if (radius_km <= 0)
    {
      td_cli_fail (cli, _("%s: “%s” is not a number from %g to %g"), "--radius-km", radius_text, 0.001, 20100.0);
      return TD_CLI_EXIT_USAGE;
    }
  if (category_text && !td_poi_category_parse (category_text, &category))
    {
      td_cli_fail (cli, _("--category: “%s” is not a category: use attraction, hotel, restaurant, shop, transport or property"),
                   category_text);
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  pois = td_poi_query_nearby (db, lat, lon, radius_km * 1000, category_text ? &category : NULL, 0, &error);
  if (pois == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "lat");
      json_builder_add_double_value (b, lat);
      json_builder_set_member_name (b, "lon");
      json_builder_add_double_value (b, lon);
      json_builder_set_member_name (b, "radius_km");
      json_builder_add_double_value (b, radius_km);
      json_builder_set_member_name (b, "category");
      if (category_text)
        json_builder_add_string_value (b, td_poi_category_to_string (category));
      else
        json_builder_add_null_value (b);
      print_pois_json ("path", cli->db_path, pois, b);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (pois->len == 0)
    {
      g_print (_("No place within %g km.\n"), radius_km);
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < pois->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (pois, i);
      g_autofree char *text = describe_poi (poi);

      /* Translators: a distance in kilometres, before a place */
      g_print (_("%8.2f km  %s\n"), poi->distance / 1000.0, text);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_pois_search (Cli   *cli,
                 int    argc,
                 char **argv)
{
  const Command *command = find_pois_command ("search");
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GPtrArray) pois = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *limit_text = NULL;
  guint limit = 50;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("Show at most N places (default 50)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1) || !td_cli_parse_limit (cli, limit_text, &limit))
    return TD_CLI_EXIT_USAGE;
  stripped = g_strstrip (g_strdup (argv[1]));
  if (!g_utf8_validate (argv[1], -1, NULL) || *stripped == '\0')
    {
      td_cli_fail (cli, _("Say what to look for: a name in Chinese or English, or pinyin initials. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  pois = td_poi_query_search (db, argv[1], limit, &error);
  if (pois == NULL)
    return td_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      print_pois_json ("query", argv[1], pois, b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_path);
      json_builder_end_object (b);
      td_cli_print_json (b);
      return TD_CLI_EXIT_SUCCESS;
    }

  if (pois->len == 0)
    {
      g_print (_("No place matches “%s”.\n"), argv[1]);
      return TD_CLI_EXIT_SUCCESS;
    }
  for (guint i = 0; i < pois->len; i++)
    {
      TdPoi *poi = g_ptr_array_index (pois, i);
      g_autofree char *text = describe_poi (poi);

      g_print ("%s  %.5f, %.5f\n", text, poi->lat, poi->lon);
    }
  return TD_CLI_EXIT_SUCCESS;
}

static int
cmd_pois_add (Cli   *cli,
              int    argc,
              char **argv)
{
  const Command *command = find_pois_command ("add");
  g_autofree char *name_en = NULL, *category_text = NULL, *position = NULL, *crs_text = NULL;
  g_autofree char *city = NULL, *address = NULL, *hours = NULL, *price_text = NULL, *id = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdPoi) poi = td_poi_new ();
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "category", 0, 0, G_OPTION_ARG_STRING, &category_text, N_("attraction, hotel, restaurant, shop or transport"), N_("C") },
    { "position", 0, 0, G_OPTION_ARG_STRING, &position, N_("Latitude and longitude (or AMap's longitude,latitude)"), N_("LAT,LON") },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_text, N_("The position's system: wgs84 (GPS), gcj02 (AMap, Tencent) or bd09 (Baidu)"), N_("CRS") },
    { "name-en", 0, 0, G_OPTION_ARG_STRING, &name_en, N_("The English name"), N_("NAME") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("The city"), N_("CITY") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("The address"), N_("ADDRESS") },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours, N_("Opening hours, such as 08:00-17:30"), N_("TEXT") },
    { "price", 0, 0, G_OPTION_ARG_STRING, &price_text, N_("The ticket price, such as 80.00"), N_("AMOUNT") },
    { NULL }
  };
  TdCrs crs;
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (category_text == NULL || !td_poi_category_parse (category_text, &poi->category))
    {
      td_cli_fail (cli, "%s", _("--category: attraction, hotel, restaurant, shop or transport"));
      return TD_CLI_EXIT_USAGE;
    }
  if (crs_text == NULL)
    {
      td_cli_fail (cli, "%s", _("--crs: say where the position comes from: wgs84 (GPS), gcj02 (AMap, Tencent) or bd09 (Baidu)"));
      return TD_CLI_EXIT_USAGE;
    }
  if (!parse_crs_option (cli, crs_text, &crs))
    return TD_CLI_EXIT_USAGE;
  if (!td_poi_entry_parse_position (position, &poi->lat, &poi->lon, &error))
    {
      td_cli_fail (cli, "--position: %s", error->message);
      return TD_CLI_EXIT_USAGE;
    }
  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);
  if (price_text)
    {
      g_autofree char *currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);

      if (!td_money_parse (price_text, currency ? currency : TD_DEFAULT_CURRENCY, &poi->ticket_price, &error))
        {
          td_cli_fail (cli, "--price: %s", error->message);
          return TD_CLI_EXIT_USAGE;
        }
    }
  poi->name = g_strdup (argv[1]);
  poi->name_en = g_strdup (name_en);
  poi->city = g_strdup (city);
  poi->address = g_strdup (address);
  poi->opening_hours = g_strdup (hours);
  id = td_poi_entry_save (db, poi, crs, &error);
  if (id == NULL)
    return td_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(TdPoi) saved = td_poi_query_get (db, id, NULL);

      if (saved)
        {
          td_poi_to_json (saved, b);
          td_cli_print_json (b);
        }
      return TD_CLI_EXIT_SUCCESS;
    }
  /* Translators: a place's name, then its position in degrees */
  g_print (_("%s at %.6f, %.6f (WGS-84)\n"), poi->name, poi->lat, poi->lon);
  return TD_CLI_EXIT_SUCCESS;
}

static const Command pois_commands[] = {
  { "import", N_("FILE"), N_("Import places from a GeoJSON or CSV file"), cmd_pois_import },
  { "nearby", "", N_("Places within a radius of a point, nearest first"), cmd_pois_nearby },
  { "search", N_("QUERY"), N_("Find places by name: Chinese, English or pinyin initials"), cmd_pois_search },
  { "add", N_("NAME"), N_("Add one place (or update the place of that name there)"), cmd_pois_add },
};

static Command pois_named[G_N_ELEMENTS (pois_commands)];

static const CommandGroup pois_group = {
  .name = "pois",
  .commands = pois_commands,
  .n_commands = G_N_ELEMENTS (pois_commands),
  .named = pois_named,
  /* xgettext:c-format */
  .usage = N_("Usage:\n  %s [--db PATH] pois SUBCOMMAND [OPTION…]\n\n"),
  .description = N_("Places of interest on the map: attractions, hotels, restaurants, shops, transport."),
  .footer = N_("“pois SUBCOMMAND --help” shows a sub-command’s options."),
  /* xgettext:c-format */
  .needs_sub = N_("“pois” needs a sub-command. Try “%s pois --help”."),
  /* xgettext:c-format */
  .unknown_sub = N_("Unknown sub-command “%s”. Try “%s pois --help”."),
};

static const Command *
find_pois_command (const char *name)
{
  return td_cli_find_subcommand (&pois_group, name);
}

int
td_cli_cmd_pois (Cli   *cli,
                 int    argc,
                 char **argv)
{
  return td_cli_run_group (cli, &pois_group, argc, argv);
}
