/* td-rate-setup.c: a room type's prices by date: weekends, seasons, holidays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-date-range.h"
#include "td-desk.h"
#include "td-rate-setup.h"

#define EVERY_DAY 0x7fu
#define PLAN_CODE "BAR"

void
td_season_info_free (TdSeasonInfo *season)
{
  if (season == NULL)
    return;
  g_free (season->id);
  g_free (season->rate_plan_id);
  g_free (season->plan_code);
  g_free (season->name);
  g_free (season);
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, message);
  return FALSE;
}

/* The plan a room type's seasons go to: BAR, else its first; its id and
 * code, or FALSE when it has none. Lock held. */
static gboolean
find_plan (TdDatabase  *db,
           const char  *room_type_id,
           char       **id,
           char       **code)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = _td_database_prepare (db, "SELECT id, code FROM rate_plans WHERE room_type_id = ?1 AND deleted = 0 "
                                   "ORDER BY code <> '" PLAN_CODE "', code LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, room_type_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (code)
        *code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

static guint
weekdays_from_text (const char *text)
{
  guint bits = 0;

  if (text == NULL || strlen (text) != 7)
    return EVERY_DAY;
  for (guint d = 0; d < 7; d++)
    if (text[d] == '1')
      bits |= 1u << d;
  return bits;
}

GPtrArray *
td_room_type_seasons (TdDatabase  *db,
                      const char  *room_type_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_season_info_free);
  g_autofree char *plan = NULL, *code = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  _td_database_lock (db);
  if (!find_plan (db, room_type_id, &plan, &code))
    {
      _td_database_unlock (db);
      return g_steal_pointer (&list);
    }
  stmt = _td_database_prepare (db, "SELECT id, name, start_date, end_date, weekdays, price_minor, price_currency "
                                   "FROM rate_seasons WHERE rate_plan_id = ?1 AND deleted = 0 "
                                   "ORDER BY start_date IS NOT NULL, start_date, weekdays", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TdSeasonInfo *s = g_new0 (TdSeasonInfo, 1);

      s->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      s->rate_plan_id = g_strdup (plan);
      s->plan_code = g_strdup (code);
      s->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 2), &s->start, NULL);
          td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 3), &s->end, NULL);
        }
      s->weekdays = weekdays_from_text ((const char *) sqlite3_column_text (stmt, 4));
      td_money_init (&s->price, sqlite3_column_int64 (stmt, 5), (const char *) sqlite3_column_text (stmt, 6), NULL);
      g_ptr_array_add (list, s);
    }
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  return g_steal_pointer (&list);
}

char *
td_room_type_add_season (TdDatabase     *db,
                         const char     *actor,
                         const char     *room_type_id,
                         const char     *name,
                         guint32         start,
                         guint32         end,
                         guint           weekdays,
                         const TdMoney  *price,
                         GError        **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(JsonObject) type = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *tidy_name = name ? g_strstrip (g_strdup (name)) : NULL;
  TdChange *season;
  gboolean found;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (price != NULL, NULL);

  weekdays &= EVERY_DAY;
  if (weekdays == 0)
    weekdays = EVERY_DAY;
  if ((start == 0) != (end == 0) || (start != 0 && end <= start))
    {
      invalid (error, _("A season ends after it starts"));
      return NULL;
    }
  if (start == 0 && weekdays == EVERY_DAY)
    {
      invalid (error, _("A price for every day of the year is the room type’s price a night: change that instead, or give dates or days of the week"));
      return NULL;
    }
  if (price->minor < 0)
    {
      invalid (error, _("The price a night cannot be below zero"));
      return NULL;
    }
  type = td_database_get_record (db, "room_type", room_type_id, error);
  if (type == NULL)
    return NULL;

  _td_database_lock (db);
  found = find_plan (db, room_type_id, &plan, NULL);
  _td_database_unlock (db);
  if (!found)
    {
      TdMoney base;
      TdChange *bar;

      /* the type's price a night becomes its plan BAR */
      JsonNode *node = json_object_get_member (type, "base_price");
      JsonObject *money = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (money == NULL)
        {
          invalid (error, _("Give the room type its price a night first: seasons change it for some dates"));
          return NULL;
        }
      td_money_init (&base, json_object_get_int_member (money, "minor"),
                     json_object_get_string_member (money, "currency"), NULL);
      bar = td_change_new_insert ("rate_plan", NULL);
      td_change_set_string (bar, "room_type_id", room_type_id);
      td_change_set_string (bar, "code", PLAN_CODE);
      /* Translators: the name of a hotel's standard rate plan */
      td_change_set_string (bar, "name", _("Best available rate"));
      td_change_set_money (bar, "base_price", &base);
      plan = g_strdup (td_change_get_id (bar));
      g_ptr_array_add (changes, bar);
    }

  season = td_change_new_insert ("rate_season", NULL);
  td_change_set_string (season, "rate_plan_id", plan);
  if (tidy_name && *tidy_name)
    td_change_set_string (season, "name", tidy_name);
  if (start != 0)
    {
      g_autofree char *from = td_date_format_iso (start);
      g_autofree char *to = td_date_format_iso (end);

      td_change_set_string (season, "start_date", from);
      td_change_set_string (season, "end_date", to);
    }
  if (weekdays != EVERY_DAY)
    {
      char text[8];

      for (guint d = 0; d < 7; d++)
        text[d] = (weekdays & (1u << d)) ? '1' : '0';
      text[7] = '\0';
      td_change_set_string (season, "weekdays", text);
    }
  td_change_set_money (season, "price", price);
  g_ptr_array_add (changes, td_change_ref (season));
  if (!td_database_commit (db, actor, changes, error))
    {
      td_change_unref (season);
      return NULL;
    }
  {
    char *id = g_strdup (td_change_get_id (season));

    td_change_unref (season);
    return id;
  }
}

gboolean
td_season_remove (TdDatabase  *db,
                  const char  *actor,
                  const char  *season_id,
                  GError     **error)
{
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  record = td_database_get_record (db, "rate_season", season_id, error);
  if (record == NULL)
    return FALSE;
  g_ptr_array_add (changes, td_change_new_delete ("rate_season", season_id,
                                                  json_object_get_int_member (record, "revision")));
  return td_database_commit (db, actor, changes, error);
}

char *
td_season_describe (const TdSeasonInfo *season)
{
  static const char *const days[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *price = td_money_format (&season->price);

  if (season->name)
    g_string_append (text, season->name);
  if (season->start)
    {
      g_autofree char *from = td_date_format_iso (season->start);
      g_autofree char *to = td_date_format_iso (season->end - 1);

      if (text->len)
        g_string_append (text, " · ");
      /* Translators: the first and last nights of a season */
      g_string_append_printf (text, _("%s to %s"), from, to);
    }
  if (season->weekdays != EVERY_DAY)
    {
      gboolean first = TRUE;

      if (text->len)
        g_string_append (text, " · ");
      for (guint d = 0; d < 7; d++)
        if (season->weekdays & (1u << d))
          {
            /* Translators: between days of the week in a list */
            g_string_append (text, first ? "" : _(", "));
            g_string_append (text, _(days[d]));
            first = FALSE;
          }
    }
  if (text->len)
    g_string_append (text, " · ");
  /* Translators: a price a night */
  g_string_append_printf (text, _("%s a night"), price);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
