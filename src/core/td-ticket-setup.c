/* td-ticket-setup.c: an attraction's time slots, many days at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-date-range.h"
#include "td-poi-query.h"
#include "td-ticket-setup.h"
#include "td-tickets.h"

#define MAX_SLOTS_A_DAY 48

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID, message);
  return FALSE;
}

/* "9:00", "09:00", "0900", "9点" → "09:00" */
static gboolean
parse_time (const char *text,
            char        out[6])
{
  guint hours = 0, minutes = 0, digits = 0;
  const char *p = text;

  while (g_ascii_isdigit (*p) && digits < 2)
    hours = hours * 10 + (guint) (*p++ - '0'), digits++;
  if (digits == 0)
    return FALSE;
  if (*p == ':' || *p == '.')
    p++;
  else if (g_str_has_prefix (p, "："))
    p += strlen ("：");
  else if (g_str_has_prefix (p, "点"))
    p += strlen ("点");
  digits = 0;
  while (g_ascii_isdigit (*p) && digits < 2)
    minutes = minutes * 10 + (guint) (*p++ - '0'), digits++;
  if (digits == 1 || *p != '\0' || hours > 23 || minutes > 59)
    return FALSE;
  g_snprintf (out, 6, "%02u:%02u", hours, minutes);
  return TRUE;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const TdSlotTime *) a)->start, ((const TdSlotTime *) b)->start);
}

GArray *
td_slot_times_parse (const char  *text,
                     GError     **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, TRUE, sizeof (TdSlotTime));
  g_auto(GStrv) pieces = NULL;
  g_autofree char *normal = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      invalid (error, "%s", _("Give the times of the slots, such as 09:00-11:00, 13:00-15:00"));
      return NULL;
    }
  /* the separators and dashes people type */
  normal = g_strdup (text);
  for (const char *from[] = { "，", "、", "；", ";", "–", "—", "～", "~", "至", "到", NULL }, **f = from; *f; f++)
    {
      g_auto(GStrv) split = g_strsplit (normal, *f, -1);

      g_free (normal);
      normal = g_strjoinv (f - from < 4 ? "," : "-", split);
    }
  g_strdelimit (normal, " \t\n", ',');
  pieces = g_strsplit (normal, ",", -1);
  for (guint i = 0; pieces[i]; i++)
    {
      g_auto(GStrv) ends = NULL;
      TdSlotTime slot = { { 0 }, { 0 } };

      if (*pieces[i] == '\0')
        continue;
      ends = g_strsplit (pieces[i], "-", 3);
      if (g_strv_length (ends) > 2 || !parse_time (ends[0], slot.start)
          || (ends[1] && !parse_time (ends[1], slot.end)))
        {
          invalid (error, _("“%s” is not a time or a slot: write 09:00 or 09:00-11:00"), pieces[i]);
          return NULL;
        }
      if (slot.end[0] && strcmp (slot.end, slot.start) <= 0)
        {
          invalid (error, _("A time slot ends after it starts (%s–%s)"), slot.start, slot.end);
          return NULL;
        }
      for (guint k = 0; k < times->len; k++)
        if (g_str_equal (g_array_index (times, TdSlotTime, k).start, slot.start))
          {
            invalid (error, _("The slot at %s is given twice"), slot.start);
            return NULL;
          }
      g_array_append_val (times, slot);
    }
  if (times->len == 0)
    {
      invalid (error, "%s", _("Give the times of the slots, such as 09:00-11:00, 13:00-15:00"));
      return NULL;
    }
  if (times->len > MAX_SLOTS_A_DAY)
    {
      invalid (error, _("That is more than %d slots a day"), MAX_SLOTS_A_DAY);
      return NULL;
    }
  g_array_sort (times, compare_times);
  return g_steal_pointer (&times);
}

gboolean
td_weekdays_parse (const char  *text,
                   guint       *weekdays,
                   GError     **error)
{
  static const char *const names[][4] = {
    { "mon", "monday", "周一", "星期一" }, { "tue", "tuesday", "周二", "星期二" },
    { "wed", "wednesday", "周三", "星期三" }, { "thu", "thursday", "周四", "星期四" },
    { "fri", "friday", "周五", "星期五" }, { "sat", "saturday", "周六", "星期六" },
    { "sun", "sunday", "周日", "星期日" },
  };
  g_auto(GStrv) pieces = NULL;
  g_autofree char *normal = NULL;
  guint bits = 0;

  normal = g_strdup (text ? text : "");
  g_strdelimit (normal, " ;", ',');
  {
    g_auto(GStrv) split = g_strsplit (normal, "、", -1);

    g_free (normal);
    normal = g_strjoinv (",", split);
  }
  pieces = g_strsplit (normal, ",", -1);
  for (guint i = 0; pieces[i]; i++)
    {
      g_autofree char *piece = g_ascii_strdown (g_strstrip (pieces[i]), -1);
      guint a = 0, b = 0;
      gboolean found = FALSE;

      if (*piece == '\0')
        continue;
      if (strlen (piece) == 3 && g_ascii_isdigit (piece[0]) && piece[1] == '-' && g_ascii_isdigit (piece[2]))
        a = (guint) (piece[0] - '0'), b = (guint) (piece[2] - '0');
      else if (strlen (piece) == 1 && g_ascii_isdigit (piece[0]))
        a = b = (guint) (piece[0] - '0');
      if (a >= 1 && a <= b && b <= 7)
        {
          for (guint d = a; d <= b; d++)
            bits |= 1u << (d - 1);
          continue;
        }
      for (guint d = 0; d < 7 && !found; d++)
        for (guint k = 0; k < 4 && !found; k++)
          if (g_str_equal (piece, names[d][k]))
            {
              bits |= 1u << d;
              found = TRUE;
            }
      if (!found)
        return invalid (error, _("“%s” is not a day of the week: write mon, tue … sun, or 1-5"), pieces[i]);
    }
  if (bits == 0)
    return invalid (error, "%s", _("Give the days of the week, such as mon,sat,sun or 1-5"));
  *weekdays = bits;
  return TRUE;
}

gboolean
td_ticket_slots_add_range (TdDatabase   *db,
                           const char   *actor,
                           const char   *poi_id,
                           guint32       first,
                           guint32       last,
                           guint         weekdays,
                           const char   *times_text,
                           gint64        capacity,
                           guint        *added,
                           guint        *skipped,
                           GError      **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) times = NULL;
  g_autoptr(TdPoi) poi = NULL;
  g_autofree char *first_iso = NULL, *last_iso = NULL;
  sqlite3_stmt *stmt;
  guint n_skipped = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (added)
    *added = 0;
  if (skipped)
    *skipped = 0;
  poi = poi_id ? td_poi_query_get (db, poi_id, NULL) : NULL;
  if (poi == NULL || poi->category != TD_POI_ATTRACTION)
    {
      g_set_error_literal (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND,
                           _("Choose the attraction of the time slots"));
      return FALSE;
    }
  if (first == 0 || last < first)
    return invalid (error, "%s", _("The last day comes before the first"));
  if (last - first >= TD_SLOT_MAX_DAYS)
    return invalid (error, _("That is more than %d days at once"), TD_SLOT_MAX_DAYS);
  if (capacity < 1 || capacity > 1000000)
    return invalid (error, "%s", _("A slot holds 1 to 1,000,000 places"));
  times = td_slot_times_parse (times_text, error);
  if (times == NULL)
    return FALSE;

  /* the slots the attraction already has on those days */
  first_iso = td_date_format_iso (first);
  last_iso = td_date_format_iso (last);
  _td_database_lock (db);
  stmt = _td_database_prepare (db, "SELECT date, start_time FROM attraction_slots "
                                   "WHERE poi_id = ?1 AND deleted = 0 AND date BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, poi_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, first_iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, last_iso, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (existing, g_strdup_printf ("%s %s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  _td_database_unlock (db);

  for (guint32 day = first; day <= last; day++)
    {
      g_autofree char *date = td_date_format_iso (day);
      GDate g;

      g_date_clear (&g, 1);
      g_date_set_julian (&g, day);
      /* GDateWeekday: Monday is 1 */
      if (weekdays != 0 && (weekdays & (1u << (g_date_get_weekday (&g) - 1))) == 0)
        continue;
      for (guint i = 0; i < times->len; i++)
        {
          const TdSlotTime *t = &g_array_index (times, TdSlotTime, i);
          g_autofree char *key = g_strdup_printf ("%s %s", date, t->start);
          TdChange *change;

          if (g_hash_table_contains (existing, key))
            {
              n_skipped++;
              continue;
            }
          change = td_change_new_insert ("attraction_slot", NULL);
          td_change_set_string (change, "poi_id", poi_id);
          td_change_set_string (change, "date", date);
          td_change_set_string (change, "start_time", t->start);
          if (t->end[0])
            td_change_set_string (change, "end_time", t->end);
          td_change_set_int (change, "capacity", capacity);
          g_ptr_array_add (changes, change);
        }
    }
  if (changes->len > 0 && !td_database_commit (db, actor, changes, error))
    return FALSE;
  if (added)
    *added = changes->len;
  if (skipped)
    *skipped = n_skipped;
  return TRUE;
}
