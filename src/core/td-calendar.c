/* td-calendar.c: rooms' bookings as iCalendar feeds, and OTAs' feeds in
 *
 * libical reads and writes the format (folding, escapes, parameters, time
 * zones, DURATION); a scan of our own first checks the file's structure
 * and keeps the line of every event and date, because libical does not
 * say where in a file a problem is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <string.h>

#include "td-calendar.h"
#include "td-database-private.h"
#include "td-stays.h"
#include "td-time.h"

G_DEFINE_QUARK (td-calendar-error-quark, td_calendar_error)

static const char *const status_names[] = {
  [TD_FEED_EVENT_HELD] = "held",
  [TD_FEED_EVENT_CONFLICT] = "conflict",
  [TD_FEED_EVENT_RELEASED] = "released",
};

const char *
td_feed_event_status_to_string (TdFeedEventStatus status)
{
  g_return_val_if_fail (status <= TD_FEED_EVENT_RELEASED, NULL);
  return status_names[status];
}

const char *
td_feed_event_status_get_title (TdFeedEventStatus status)
{
  switch (status)
    {
    case TD_FEED_EVENT_HELD: return C_("feed event", "Holds the room");
    case TD_FEED_EVENT_CONFLICT: return C_("feed event", "Conflict");
    case TD_FEED_EVENT_RELEASED: return C_("feed event", "Released");
    default: return "?";
    }
}

void
td_feed_event_free (TdFeedEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->id);
  g_free (event->room_id);
  g_free (event->room_number);
  g_free (event->feed);
  g_free (event->uid);
  g_free (event->summary);
  g_free (event->out_of_order_id);
  g_free (event->conflict);
  g_free (event->conflict_stay_id);
  g_free (event);
}

void
td_calendar_import_free (TdCalendarImport *result)
{
  if (result == NULL)
    return;
  g_free (result->feed);
  g_clear_pointer (&result->conflicts, g_ptr_array_unref);
  g_free (result);
}

/* ------------------------------------------------------------------ */
/* export                                                             */

static struct icaltimetype
ical_date (guint32 julian)
{
  struct icaltimetype t = icaltime_null_date ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  t.year = g_date_get_year (&date);
  t.month = g_date_get_month (&date);
  t.day = g_date_get_day (&date);
  t.is_date = 1;
  return t;
}

char *
td_calendar_export (TdDatabase  *db,
                    const char  *room_id,
                    GError     **error)
{
  TdStayFilter filter = { 0 };
  g_autoptr(GPtrArray) stays = NULL;
  g_autoptr(JsonObject) room = NULL;
  g_autofree char *name = NULL;
  icalcomponent *calendar;
  icalproperty *property;
  struct icaltimetype stamp;
  char *text, *copy;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (room_id != NULL, NULL);

  room = td_database_get_record (db, "room", room_id, error);
  if (room == NULL)
    return NULL;
  filter.room_id = room_id;
  filter.states = TD_STAY_STATES_TAKING_ROOMS;
  stays = td_stays_list (db, &filter, error);
  if (stays == NULL)
    return NULL;

  stamp = icaltime_from_timet_with_zone (g_get_real_time () / G_USEC_PER_SEC, 0, icaltimezone_get_utc_timezone ());
  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Tourdesk//Tourdesk front desk//EN"),
                                  icalproperty_new_calscale ("GREGORIAN"),
                                  icalproperty_new_method (ICAL_METHOD_PUBLISH),
                                  (void *) 0);
  /* Translators: the name of a room's calendar: the room's number */
  name = g_strdup_printf (_("Room %s"), json_object_get_string_member (room, "number"));
  property = icalproperty_new_x (name);
  icalproperty_set_x_name (property, "X-WR-CALNAME");
  icalcomponent_add_property (calendar, property);

  for (guint i = 0; i < stays->len; i++)
    {
      TdStay *stay = g_ptr_array_index (stays, i);
      icalcomponent *event = icalcomponent_new_vevent ();

      icalcomponent_set_uid (event, stay->id);
      icalcomponent_set_dtstamp (event, stamp);
      icalcomponent_set_dtstart (event, ical_date (stay->dates.start));
      icalcomponent_set_dtend (event, ical_date (stay->dates.end));
      icalcomponent_set_summary (event, C_("calendar", "Reserved"));
      icalcomponent_set_status (event, stay->state == TD_STAY_TENTATIVE ? ICAL_STATUS_TENTATIVE
                                                                         : ICAL_STATUS_CONFIRMED);
      /* free the room for the calendars that look at transparency */
      icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_OPAQUE));
      icalcomponent_add_component (calendar, event);
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  copy = g_strdup (text);
  free (text);
  return copy;
}

/* ------------------------------------------------------------------ */
/* the scan: structure and line numbers                               */

typedef struct {
  guint line;          /* BEGIN:VEVENT */
  guint uid_line;
  guint start_line;
  guint end_line;
} EventLines;

typedef struct {
  const char *path;
  GArray     *events;     /* EventLines */
  char       *prodid;
  GPtrArray  *bad_lines;  /* char*: "line N (“text”)", lines that are not NAME:value */
  guint       first_bad;  /* the first of them */
  char       *first_shown;
} Scan;

/* the most bad lines a message names */
#define MAX_BAD_LINES 10

static gboolean G_GNUC_PRINTF (4, 5)
fail_at (GError     **error,
         const char  *path,
         guint        line,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: a file, a line number and what is wrong there */
  g_set_error (error, TD_CALENDAR_ERROR, TD_CALENDAR_ERROR_SYNTAX, _("%s, line %u: %s"), path, line, message);
  return FALSE;
}

/* the name of a content line (before ';' or ':'), its value (after the
 * first ':' outside quotes); FALSE when there is no ':' */
static gboolean
split_line (const char  *line,
            char       **name,
            const char **value)
{
  gboolean quoted = FALSE;
  const char *p;
  gsize name_end = strcspn (line, ";:");

  for (p = line; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        break;
    }
  if (*p != ':' || name_end == 0)
    return FALSE;
  *name = g_ascii_strup (line, (gssize) name_end);
  *value = p + 1;
  return TRUE;
}

static gboolean
check_line (Scan        *scan,
            GPtrArray   *stack,    /* char*: the open components */
            GArray      *opened,   /* guint: their lines */
            gboolean    *ended,
            const char  *line,
            guint        number,
            GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;
  const char *value;

  if (*line == '\0')
    return TRUE;
  shown = g_utf8_substring (line, 0, MIN (g_utf8_strlen (line, -1), 40));
  if (*ended)
    return fail_at (error, scan->path, number, _("“%s” comes after the end of the calendar (END:VCALENDAR)"), shown);
  if (!split_line (line, &name, &value))
    {
      if (stack->len == 0)
        return fail_at (error, scan->path, number, _("not an iCalendar file: it starts with “%s”"), shown);
      /* every such line is named, not only the first (the file is
       * refused whole all the same, in scan_file) */
      if (scan->bad_lines->len == 0)
        {
          scan->first_bad = number;
          scan->first_shown = g_strdup (shown);
        }
      /* Translators: one of the lines of a file that are not iCalendar lines */
      g_ptr_array_add (scan->bad_lines, g_strdup_printf (_("line %u (“%s”)"), number, shown));
      return TRUE;
    }
  if (stack->len == 0 && !(g_str_equal (name, "BEGIN") && g_ascii_strcasecmp (value, "VCALENDAR") == 0))
    return fail_at (error, scan->path, number, _("not an iCalendar file: it starts with “%s”, not BEGIN:VCALENDAR"), shown);

  if (g_str_equal (name, "BEGIN"))
    {
      char *component = g_ascii_strup (value, -1);

      g_strstrip (component);
      if (g_str_equal (component, "VEVENT"))
        {
          EventLines lines = { number, 0, 0, 0 };

          if (stack->len != 1)
            {
              g_free (component);
              return fail_at (error, scan->path, number, _("an event inside another component"));
            }
          g_array_append_val (scan->events, lines);
        }
      g_ptr_array_add (stack, component);
      g_array_append_val (opened, number);
      return TRUE;
    }
  if (g_str_equal (name, "END"))
    {
      g_autofree char *component = g_strstrip (g_ascii_strup (value, -1));
      const char *open = stack->len ? g_ptr_array_index (stack, stack->len - 1) : NULL;

      if (open == NULL || !g_str_equal (open, component))
        {
          if (open)
            return fail_at (error, scan->path, number, _("END:%s, but BEGIN:%s of line %u is still open"),
                            component, open, g_array_index (opened, guint, opened->len - 1));
          return fail_at (error, scan->path, number, _("END:%s without its BEGIN"), component);
        }
      g_ptr_array_remove_index (stack, stack->len - 1);
      g_array_remove_index (opened, opened->len - 1);
      if (stack->len == 0)
        *ended = TRUE;
      return TRUE;
    }
  if (stack->len == 1 && g_str_equal (name, "PRODID") && scan->prodid == NULL)
    scan->prodid = g_strdup (value);
  if (stack->len == 2 && g_str_equal (g_ptr_array_index (stack, 1), "VEVENT"))
    {
      EventLines *lines = &g_array_index (scan->events, EventLines, scan->events->len - 1);

      if (g_str_equal (name, "UID"))
        lines->uid_line = number;
      else if (g_str_equal (name, "DTSTART"))
        lines->start_line = number;
      else if (g_str_equal (name, "DTEND") || (g_str_equal (name, "DURATION") && lines->end_line == 0))
        lines->end_line = number;
    }
  return TRUE;
}

static gboolean
scan_file (Scan        *scan,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) opened = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) logical = g_string_new (NULL);
  const char *end = data + length;
  const char *bad = NULL;
  const char *p = data;
  gboolean ended = FALSE;
  guint number = 0, logical_number = 0;

  if (length == 0)
    return fail_at (error, scan->path, 1, _("the file is empty"));
  if (!g_utf8_validate (data, (gssize) length, &bad))
    {
      guint line = 1;

      for (const char *q = data; q < bad; q++)
        line += *q == '\n';
      return fail_at (error, scan->path, line, _("not UTF-8 text"));
    }
  /* a byte order mark is allowed before BEGIN:VCALENDAR */
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      gsize len = (gsize) ((eol ? eol : end) - p);

      number++;
      if (len > 0 && p[len - 1] == '\r')
        len--;
      if (len > 0 && (p[0] == ' ' || p[0] == '\t') && logical->len > 0)
        /* a folded line continues the one before */
        g_string_append_len (logical, p + 1, (gssize) len - 1);
      else
        {
          if (!check_line (scan, stack, opened, &ended, logical->str, logical_number, error))
            return FALSE;
          g_string_assign (logical, "");
          g_string_append_len (logical, p, (gssize) len);
          logical_number = number;
        }
      p = eol ? eol + 1 : end;
    }
  if (!check_line (scan, stack, opened, &ended, logical->str, logical_number, error))
    return FALSE;
  if (scan->bad_lines->len == 1)
    return fail_at (error, scan->path, scan->first_bad, _("“%s” is not an iCalendar line (NAME:value)"),
                    scan->first_shown);
  if (scan->bad_lines->len > 1)
    {
      g_autoptr(GString) lines = g_string_new (NULL);

      for (guint i = 0; i < MIN (scan->bad_lines->len, MAX_BAD_LINES); i++)
        {
          if (i > 0)
            g_string_append (lines, _(", "));
          g_string_append (lines, g_ptr_array_index (scan->bad_lines, i));
        }
      if (scan->bad_lines->len > MAX_BAD_LINES)
        g_string_append (lines, "…");
      g_set_error (error, TD_CALENDAR_ERROR, TD_CALENDAR_ERROR_SYNTAX,
                   /* Translators: the file, how many lines, then "line 5 (“…”), line 9 (“…”)" */
                   g_dngettext (GETTEXT_PACKAGE, "%s: %u line is not an iCalendar line (NAME:value): %s",
                                "%s: %u lines are not iCalendar lines (NAME:value): %s", scan->bad_lines->len),
                   scan->path, scan->bad_lines->len, lines->str);
      return FALSE;
    }
  if (stack->len > 0)
    return fail_at (error, scan->path, g_array_index (opened, guint, opened->len - 1),
                    _("BEGIN:%s is never closed (END:%s is missing)"),
                    (char *) g_ptr_array_index (stack, stack->len - 1), (char *) g_ptr_array_index (stack, stack->len - 1));
  if (!ended)
    return fail_at (error, scan->path, 1, _("not an iCalendar file: there is no BEGIN:VCALENDAR"));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* the events                                                         */

typedef struct {
  char        *uid;
  char        *summary;
  char        *description;
  TdDateRange  dates;
  gboolean     cancelled;
  guint        line;
} FeedItem;

static void
feed_item_free (FeedItem *item)
{
  g_free (item->uid);
  g_free (item->summary);
  g_free (item->description);
  g_free (item);
}

/* the hotel's date of an iCalendar date or time */
static gboolean
julian_of (struct icaltimetype  t,
           GTimeZone           *zone,
           guint32             *julian)
{
  int year = t.year, month = t.month, day = t.day;
  GDate date;

  if (!t.is_date && icaltime_is_utc (t))
    {
      g_autoptr(GDateTime) utc = g_date_time_new_utc (t.year, t.month, t.day, t.hour, t.minute, t.second);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, zone) : NULL;

      if (local == NULL)
        return FALSE;
      year = g_date_time_get_year (local);
      month = g_date_time_get_month (local);
      day = g_date_time_get_day_of_month (local);
    }
  if (year < 1900 || year > 9999 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  *julian = g_date_get_julian (&date);
  return TRUE;
}

static const char *
property_text (icalcomponent *event,
               icalproperty_kind kind)
{
  icalproperty *property = icalcomponent_get_first_property (event, kind);

  return property ? icalproperty_get_value_as_string (property) : NULL;
}

static gboolean
read_event (Scan               *scan,
            icalcomponent      *event,
            const EventLines   *lines,
            GTimeZone          *zone,
            FeedItem          **out,
            GError            **error)
{
  FeedItem *item;
  struct icaltimetype start, end;
  const char *uid = icalcomponent_get_uid (event);
  guint start_line = lines->start_line ? lines->start_line : lines->line;
  guint end_line = lines->end_line ? lines->end_line : start_line;

  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_XLICERROR_PROPERTY); p;
       p = icalcomponent_get_next_property (event, ICAL_XLICERROR_PROPERTY))
    {
      const char *message = icalproperty_get_xlicerror (p);

      if (message && strstr (message, "DTSTART"))
        return fail_at (error, scan->path, start_line, _("the arrival (DTSTART) cannot be read: %s"), message);
      if (message && (strstr (message, "DTEND") || strstr (message, "DURATION")))
        return fail_at (error, scan->path, end_line, _("the departure (DTEND) cannot be read: %s"), message);
    }
  if (uid == NULL || *uid == '\0')
    return fail_at (error, scan->path, lines->line, _("the event has no UID"));
  if (icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY))
    return fail_at (error, scan->path, lines->line, _("a repeating event (RRULE) cannot hold a room"));
  start = icalcomponent_get_dtstart (event);
  if (icaltime_is_null_time (start))
    return fail_at (error, scan->path, lines->line, _("the event has no arrival date (DTSTART)"));

  item = g_new0 (FeedItem, 1);
  *out = item;
  item->uid = g_strdup (uid);
  item->line = lines->line;
  item->summary = g_strdup (icalcomponent_get_summary (event));
  item->description = g_strdup (icalcomponent_get_description (event));
  item->cancelled = icalcomponent_get_status (event) == ICAL_STATUS_CANCELLED;
  if (!julian_of (start, zone, &item->dates.start))
    return fail_at (error, scan->path, start_line, _("the arrival “%s” is not a date"),
                    property_text (event, ICAL_DTSTART_PROPERTY));
  end = icalcomponent_get_dtend (event);
  if (icaltime_is_null_time (end))
    {
      /* RFC 5545: an all-day event without an end lasts its day */
      item->dates.end = item->dates.start + 1;
      return TRUE;
    }
  if (!julian_of (end, zone, &item->dates.end))
    return fail_at (error, scan->path, end_line, _("the departure “%s” is not a date"),
                    property_text (event, ICAL_DTEND_PROPERTY));
  if (item->dates.end < item->dates.start || (start.is_date && item->dates.end == item->dates.start))
    {
      g_autofree char *from = td_date_format_iso (item->dates.start);
      g_autofree char *to = td_date_format_iso (item->dates.end);

      return fail_at (error, scan->path, end_line, _("the departure %s is not after the arrival %s"), to, from);
    }
  if (item->dates.end == item->dates.start)
    /* times within one day: the night of that day */
    item->dates.end++;
  return TRUE;
}

static GTimeZone *
workspace_zone (TdDatabase *db)
{
  g_autofree char *name = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
  GTimeZone *zone = g_time_zone_new_identifier (name ? name : TD_DEFAULT_TIME_ZONE);

  return zone ? zone : g_time_zone_new_utc ();
}

/* every event of the file, checked; NULL with an error naming the line */
static GPtrArray *
read_feed (TdDatabase  *db,
           Scan        *scan,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_item_free);
  g_autoptr(GHashTable) uids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GTimeZone) zone = workspace_zone (db);
  g_autofree char *text = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  guint i = 0;
  gboolean ok = TRUE;

  if (!scan_file (scan, data, length, error))
    return NULL;
  text = g_strndup (data, length);
  calendar = icalparser_parse_string (text);
  if (calendar == NULL || icalcomponent_isa (calendar) != ICAL_VCALENDAR_COMPONENT)
    {
      if (calendar)
        icalcomponent_free (calendar);
      fail_at (error, scan->path, 1, _("not an iCalendar calendar"));
      return NULL;
    }
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); event && ok;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT), i++)
    {
      FeedItem *item = NULL;
      FeedItem *twin;

      if (i >= scan->events->len)
        {
          ok = fail_at (error, scan->path, 1, _("more events than the file seems to hold"));
          break;
        }
      ok = read_event (scan, event, &g_array_index (scan->events, EventLines, i), zone, &item, error);
      if (item)
        g_ptr_array_add (items, item);
      if (!ok)
        break;
      twin = g_hash_table_lookup (uids, item->uid);
      if (twin)
        ok = fail_at (error, scan->path, item->line, _("the UID “%s” is also the one of the event of line %u"),
                      item->uid, twin->line);
      g_hash_table_insert (uids, item->uid, item);
    }
  icalcomponent_free (calendar);
  if (!ok)
    return NULL;
  return g_steal_pointer (&items);
}

/* ------------------------------------------------------------------ */
/* import                                                             */

static char *
dup_column (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

#define FEED_EVENT_COLUMNS \
  "e.id, e.room_id, r.number, e.feed, e.uid, e.summary, e.start_date, e.end_date, e.status, " \
  "e.out_of_order_id, e.conflict, e.conflict_stay_id, e.revision "

static TdFeedEvent *
feed_event_from_row (sqlite3_stmt *stmt)
{
  TdFeedEvent *event = g_new0 (TdFeedEvent, 1);
  int status = 0;

  event->id = dup_column (stmt, 0);
  event->room_id = dup_column (stmt, 1);
  event->room_number = dup_column (stmt, 2);
  event->feed = dup_column (stmt, 3);
  event->uid = dup_column (stmt, 4);
  event->summary = dup_column (stmt, 5);
  td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 6), &event->dates.start, NULL);
  td_date_parse_iso ((const char *) sqlite3_column_text (stmt, 7), &event->dates.end, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 8), status_names[i]) == 0)
      status = (int) i;
  event->status = (TdFeedEventStatus) status;
  event->out_of_order_id = dup_column (stmt, 9);
  event->conflict = dup_column (stmt, 10);
  event->conflict_stay_id = dup_column (stmt, 11);
  return event;
}

static GPtrArray *
query_events (TdDatabase  *db,
              const char  *sql,
              const char  *first,
              const char  *second,
              GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) td_feed_event_free);
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  if (first)
    sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  if (second)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, feed_event_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  _td_database_unlock (db);
  return rc == SQLITE_DONE ? g_steal_pointer (&events) : NULL;
}

GPtrArray *
td_feed_events_list (TdDatabase  *db,
                     const char  *room_id,
                     gboolean     conflicts_only,
                     GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " FEED_EVENT_COLUMNS
                                          "FROM feed_events e JOIN rooms r ON r.id = e.room_id "
                                          "WHERE e.deleted = 0 AND e.status %s AND (?1 IS NULL OR e.room_id = ?1) "
                                          "ORDER BY e.status = 'conflict' DESC, r.number, e.start_date",
                                          conflicts_only ? "= 'conflict'" : "!= 'released'");

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  return query_events (db, sql, room_id, NULL, error);
}

/* What has the room on a night of dates (except the hold except_closure):
 * NULL when nothing does; else a sentence, and the stay's id if a stay. */
static char *
what_takes (TdDatabase         *db,
            const char         *room_id,
            const TdDateRange  *dates,
            const char         *except_closure,
            char              **stay_id,
            GError            **error)
{
  sqlite3_stmt *stmt;
  char *what = NULL;
  int rc;

  *stay_id = NULL;
  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT n.night, s.id, coalesce(s.guest_name, c.name, rc.name), s.state, "
                               "  s.arrival, s.departure, o.reason, o.start_date, o.end_date "
                               "FROM room_nights n "
                               "LEFT JOIN stays s ON s.rowid = n.stay "
                               "LEFT JOIN reservations v ON v.id = s.reservation_id "
                               "LEFT JOIN customers c ON c.id = s.customer_id "
                               "LEFT JOIN customers rc ON rc.id = v.customer_id "
                               "LEFT JOIN out_of_order_periods o ON o.rowid = n.closure "
                               "WHERE n.room = (SELECT rowid FROM rooms WHERE id = ?1) "
                               "AND n.night >= ?2 AND n.night < ?3 AND (o.id IS NULL OR o.id IS NOT ?4) "
                               "ORDER BY n.night LIMIT 1", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, room_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, dates->start);
  sqlite3_bind_int64 (stmt, 3, dates->end);
  if (except_closure)
    sqlite3_bind_text (stmt, 4, except_closure, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *night = td_date_format_iso ((guint32) sqlite3_column_int64 (stmt, 0));

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          TdStayState state = TD_STAY_CONFIRMED;

          td_stay_state_from_string ((const char *) sqlite3_column_text (stmt, 3), &state);
          *stay_id = dup_column (stmt, 1);
          /* Translators: night, guest, state, arrival, departure */
          what = g_strdup_printf (_("from the night of %s the room is %s’s (%s, %s to %s)"), night,
                                  (const char *) sqlite3_column_text (stmt, 2), td_stay_state_get_title (state),
                                  (const char *) sqlite3_column_text (stmt, 4),
                                  (const char *) sqlite3_column_text (stmt, 5));
        }
      else
        /* Translators: night, reason, from, to */
        what = g_strdup_printf (_("from the night of %s the room is out of order (%s, %s to %s)"), night,
                                (const char *) sqlite3_column_text (stmt, 6),
                                (const char *) sqlite3_column_text (stmt, 7),
                                (const char *) sqlite3_column_text (stmt, 8));
    }
  else if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  return what;
}

typedef struct {
  TdDatabase       *db;
  const char       *actor;
  const char       *room_id;
  const char       *feed;
  const char       *now;
  TdCalendarImport *result;
} Import;

static void
set_dates (TdChange          *change,
           const char        *start_field,
           const char        *end_field,
           const TdDateRange *dates)
{
  g_autofree char *start = td_date_format_iso (dates->start);
  g_autofree char *end = td_date_format_iso (dates->end);

  td_change_set_string (change, start_field, start);
  td_change_set_string (change, end_field, end);
}

static char *
hold_reason (const Import   *import,
             const FeedItem *item)
{
  g_autofree char *summary = item->summary && *item->summary ? g_strdup (item->summary)
                                                             : g_strdup (C_("calendar", "Reserved"));
  g_autofree char *short_summary = g_utf8_substring (summary, 0, MIN (g_utf8_strlen (summary, -1), 60));

  return g_strdup_printf ("%s: %s", import->feed, short_summary);
}

static gint64
revision_of (TdDatabase *db,
             const char *kind,
             const char *id)
{
  g_autoptr(JsonObject) record = td_database_get_record (db, kind, id, NULL);

  return record ? json_object_get_int_member (record, "revision") : 0;
}

/* the feed event's change, for an existing one or a new one */
static TdChange *
event_change (Import            *import,
              const TdFeedEvent *existing,
              const FeedItem    *item)
{
  TdChange *change;

  if (existing)
    change = td_change_new_update ("feed_event", existing->id, revision_of (import->db, "feed_event", existing->id));
  else
    {
      change = td_change_new_insert ("feed_event", NULL);
      td_change_set_string (change, "room_id", import->room_id);
      td_change_set_string (change, "feed", import->feed);
      td_change_set_string (change, "uid", item->uid);
    }
  if (item)
    {
      if (item->summary)
        td_change_set_string (change, "summary", item->summary);
      if (item->description)
        td_change_set_string (change, "description", item->description);
      set_dates (change, "start_date", "end_date", &item->dates);
    }
  td_change_set_string (change, "seen_at", import->now);
  return change;
}

static gboolean
commit (Import     *import,
        GPtrArray  *changes,
        GError    **error)
{
  return td_database_commit (import->db, import->actor, changes, error);
}

/* one event of the feed: hold the room, or flag the conflict */
static gboolean
apply_item (Import          *import,
            TdFeedEvent     *existing,
            const FeedItem  *item,
            GError         **error)
{
  g_autofree char *what = NULL;
  g_autofree char *stay_id = NULL;
  const char *held = existing && existing->status == TD_FEED_EVENT_HELD ? existing->out_of_order_id : NULL;
  gboolean moved = existing && existing->status == TD_FEED_EVENT_HELD
                   && (existing->dates.start != item->dates.start || existing->dates.end != item->dates.end);
  GError *local_error = NULL;

  if (existing && existing->status == TD_FEED_EVENT_HELD && !moved)
    {
      import->result->unchanged++;
      return TRUE;
    }

  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
      g_autofree char *reason = hold_reason (import, item);
      TdChange *hold, *change;

      g_clear_pointer (&what, g_free);
      g_clear_pointer (&stay_id, g_free);
      what = what_takes (import->db, import->room_id, &item->dates, held, &stay_id, &local_error);
      if (local_error)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (what)
        break;

      if (held)
        hold = td_change_new_update ("out_of_order", held, revision_of (import->db, "out_of_order", held));
      else
        {
          hold = td_change_new_insert ("out_of_order", NULL);
          td_change_set_string (hold, "room_id", import->room_id);
        }
      set_dates (hold, "start_date", "end_date", &item->dates);
      td_change_set_string (hold, "reason", reason);
      g_ptr_array_add (changes, hold);
      change = event_change (import, existing, item);
      td_change_set_string (change, "status", "held");
      td_change_set_string (change, "out_of_order_id", td_change_get_id (hold));
      td_change_set_null (change, "conflict");
      td_change_set_null (change, "conflict_stay_id");
      g_ptr_array_add (changes, change);
      if (commit (import, changes, &local_error))
        {
          if (moved)
            import->result->moved++;
          else
            import->result->added++;
          return TRUE;
        }
      /* another desk took a night in the meantime: look again */
      if (attempt == 1)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_clear_error (&local_error);
    }

  /* a conflict: flagged, with what has the room; the old hold (dates the
   * OTA no longer has) is released */
  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    TdFeedEvent *flagged;
    TdChange *change;

    if (existing && existing->status == TD_FEED_EVENT_CONFLICT
        && existing->dates.start == item->dates.start && existing->dates.end == item->dates.end
        && g_strcmp0 (existing->conflict, what) == 0)
      import->result->unchanged++;
    else
      {
        change = event_change (import, existing, item);
        td_change_set_string (change, "status", "conflict");
        td_change_set_null (change, "out_of_order_id");
        td_change_set_string (change, "conflict", what);
        if (stay_id)
          td_change_set_string (change, "conflict_stay_id", stay_id);
        else
          td_change_set_null (change, "conflict_stay_id");
        g_ptr_array_add (changes, change);
        /* after the event lets go of it */
        if (held)
          g_ptr_array_add (changes, td_change_new_delete ("out_of_order", held, revision_of (import->db, "out_of_order", held)));
        if (!commit (import, changes, error))
          return FALSE;
      }
    flagged = g_new0 (TdFeedEvent, 1);
    flagged->room_id = g_strdup (import->room_id);
    flagged->feed = g_strdup (import->feed);
    flagged->uid = g_strdup (item->uid);
    flagged->summary = g_strdup (item->summary);
    flagged->dates = item->dates;
    flagged->status = TD_FEED_EVENT_CONFLICT;
    flagged->conflict = g_steal_pointer (&what);
    flagged->conflict_stay_id = g_steal_pointer (&stay_id);
    g_ptr_array_add (import->result->conflicts, flagged);
  }
  return TRUE;
}

/* an event gone from the feed or cancelled: the room is free again */
static gboolean
release (Import       *import,
         TdFeedEvent  *existing,
         GError      **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdChange *change;

  change = event_change (import, existing, NULL);
  td_change_set_string (change, "status", "released");
  td_change_set_null (change, "out_of_order_id");
  td_change_set_null (change, "conflict");
  td_change_set_null (change, "conflict_stay_id");
  g_ptr_array_add (changes, change);
  /* after the event lets go of it */
  if (existing->status == TD_FEED_EVENT_HELD)
    g_ptr_array_add (changes, td_change_new_delete ("out_of_order", existing->out_of_order_id,
                                                    revision_of (import->db, "out_of_order", existing->out_of_order_id)));
  if (!commit (import, changes, error))
    return FALSE;
  import->result->released++;
  return TRUE;
}

static char *
feed_name (const char *prodid,
           const char *path)
{
  g_autofree char *base = NULL;
  char *dot;

  if (prodid && strstr (prodid, "Airbnb"))
    return g_strdup ("Airbnb");
  if (prodid && (strstr (prodid, "Booking.com") || strstr (prodid, "booking.com")))
    return g_strdup ("Booking.com");
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

TdCalendarImport *
td_calendar_import (TdDatabase        *db,
                    const char        *actor,
                    const char        *room_id,
                    const char        *feed,
                    const char        *path,
                    const char        *data,
                    gsize              length,
                    const TdDeskTime  *when,
                    GError           **error)
{
  g_autoptr(TdCalendarImport) result = g_new0 (TdCalendarImport, 1);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) room = NULL;
  g_autofree char *now = NULL;
  TdDeskTime storage;
  Scan scan = { path, NULL, NULL, NULL, 0, NULL };
  Import import;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (room_id != NULL && path != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  room = td_database_get_record (db, "room", room_id, error);
  if (room == NULL)
    return NULL;
  scan.events = g_array_new (FALSE, FALSE, sizeof (EventLines));
  scan.bad_lines = g_ptr_array_new_with_free_func (g_free);
  items = read_feed (db, &scan, data, length, error);
  g_array_unref (scan.events);
  g_ptr_array_unref (scan.bad_lines);
  g_free (scan.first_shown);
  result->feed = feed && *feed ? g_strdup (feed) : feed_name (scan.prodid, path);
  g_free (scan.prodid);
  if (items == NULL)
    return NULL;
  result->n_events = items->len;
  result->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) td_feed_event_free);

  existing = query_events (db, "SELECT " FEED_EVENT_COLUMNS "FROM feed_events e JOIN rooms r ON r.id = e.room_id "
                               "WHERE e.room_id = ?1 AND e.feed = ?2 AND e.deleted = 0",
                           room_id, result->feed, error);
  if (existing == NULL)
    return NULL;
  for (guint i = 0; i < existing->len; i++)
    {
      TdFeedEvent *event = g_ptr_array_index (existing, i);

      g_hash_table_insert (by_uid, event->uid, event);
    }

  now = td_timestamp_from_unix (when->now);
  import = (Import) { db, actor, room_id, result->feed, now, result };
  for (guint i = 0; i < items->len; i++)
    {
      FeedItem *item = g_ptr_array_index (items, i);
      TdFeedEvent *old = g_hash_table_lookup (by_uid, item->uid);

      if (item->cancelled)
        continue;   /* released below, like an event gone from the feed */
      g_hash_table_add (seen, item->uid);
      if (item->dates.end <= when->today)
        {
          result->past++;
          continue;
        }
      if (old && old->status == TD_FEED_EVENT_RELEASED)
        {
          /* it came back: a new hold, through the same record */
          old->status = TD_FEED_EVENT_CONFLICT;
          g_clear_pointer (&old->conflict, g_free);
        }
      if (!apply_item (&import, old, item, error))
        return NULL;
    }
  for (guint i = 0; i < existing->len; i++)
    {
      TdFeedEvent *old = g_ptr_array_index (existing, i);

      if (old->status == TD_FEED_EVENT_RELEASED || g_hash_table_contains (seen, old->uid)
          || old->dates.end <= when->today)
        continue;
      if (!release (&import, old, error))
        return NULL;
    }
  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------ */
/* in the background (the window)                                     */

typedef struct {
  char   *actor;
  char   *room_id;
  char   *feed;
  char   *path;
  GBytes *data;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->actor);
  g_free (data->room_id);
  g_free (data->feed);
  g_free (data->path);
  g_bytes_unref (data->data);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  gsize length = 0;
  const char *bytes = g_bytes_get_data (data->data, &length);
  TdCalendarImport *result = td_calendar_import (source_object, data->actor, data->room_id, data->feed,
                                                 data->path, bytes ? bytes : "", length, NULL, &error);

  if (result)
    g_task_return_pointer (task, result, (GDestroyNotify) td_calendar_import_free);
  else
    g_task_return_error (task, error);
}

void
td_calendar_import_async (TdDatabase          *db,
                          const char          *actor,
                          const char          *room_id,
                          const char          *feed,
                          const char          *path,
                          GBytes              *data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *import_data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (room_id != NULL && path != NULL && data != NULL);

  import_data = g_new0 (ImportData, 1);
  import_data->actor = g_strdup (actor);
  import_data->room_id = g_strdup (room_id);
  import_data->feed = g_strdup (feed);
  import_data->path = g_strdup (path);
  import_data->data = g_bytes_ref (data);
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_calendar_import_async);
  g_task_set_task_data (task, import_data, (GDestroyNotify) import_data_free);
  /* (not return-on-cancel: an import begun is written whole, or not at all) */
  g_task_run_in_thread (task, import_thread);
}

TdCalendarImport *
td_calendar_import_finish (TdDatabase    *db,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_calendar_import_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
