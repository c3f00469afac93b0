/* td-hotel-setup.c: setting up the hotels: properties, room types, rooms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-date-range.h"
#include "td-desk.h"
#include "td-hotel-setup.h"
#include "td-time.h"

#define MAX_ROOMS_AT_ONCE 500

void
td_property_clear (TdProperty *property)
{
  g_clear_pointer (&property->id, g_free);
  g_clear_pointer (&property->name, g_free);
  g_clear_pointer (&property->city, g_free);
  g_clear_pointer (&property->address, g_free);
  g_clear_pointer (&property->phone, g_free);
}

void
td_property_free (TdProperty *property)
{
  if (property == NULL)
    return;
  td_property_clear (property);
  g_free (property);
}

void
td_room_type_info_clear (TdRoomTypeInfo *type)
{
  g_clear_pointer (&type->id, g_free);
  g_clear_pointer (&type->property_id, g_free);
  g_clear_pointer (&type->code, g_free);
  g_clear_pointer (&type->name, g_free);
  g_clear_pointer (&type->beds, g_free);
  g_clear_pointer (&type->room_numbers, g_free);
}

void
td_room_type_info_free (TdRoomTypeInfo *type)
{
  if (type == NULL)
    return;
  td_room_type_info_clear (type);
  g_free (type);
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

/* text stripped; NULL when nothing is left */
static char *
tidy (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

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
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* reading                                                            */

GPtrArray *
td_properties_list (TdDatabase  *db,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_property_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT p.id, p.revision, p.name, p.city, p.address, p.phone, p.stars, "
                               "(SELECT count(*) FROM room_types t WHERE t.property_id = p.id AND t.deleted = 0), "
                               "(SELECT count(*) FROM rooms r WHERE r.property_id = p.id AND r.deleted = 0) "
                               "FROM properties p WHERE p.deleted = 0 ORDER BY p.name, p.id", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdProperty *p = g_new0 (TdProperty, 1);

      p->id = dup_text (stmt, 0);
      p->revision = sqlite3_column_int64 (stmt, 1);
      p->name = dup_text (stmt, 2);
      p->city = dup_text (stmt, 3);
      p->address = dup_text (stmt, 4);
      p->phone = dup_text (stmt, 5);
      p->stars = sqlite3_column_int (stmt, 6);
      p->n_room_types = (guint) sqlite3_column_int (stmt, 7);
      p->n_rooms = (guint) sqlite3_column_int (stmt, 8);
      g_ptr_array_add (list, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED, "%s",
                   sqlite3_errmsg (_td_database_get_handle (db)));
      _td_database_unlock (db);
      return NULL;
    }
  _td_database_unlock (db);
  return g_steal_pointer (&list);
}

/* the rooms of a type, by number */
static GStrv
type_room_numbers (TdDatabase  *db,
                   const char  *room_type_id)
{
  g_autoptr(GStrvBuilder) numbers = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  stmt = _td_database_prepare (db, "SELECT number FROM rooms WHERE room_type_id = ?1 AND deleted = 0", NULL);
  if (stmt == NULL)
    return g_strv_builder_end (numbers);
  sqlite3_bind_text (stmt, 1, room_type_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (numbers, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (numbers);
}

GPtrArray *
td_room_types_list (TdDatabase  *db,
                    const char  *property_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_room_type_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (property_id != NULL, NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT id, revision, property_id, code, name, max_adults, max_children, beds, "
                               "base_price_minor, base_price_currency FROM room_types "
                               "WHERE property_id = ?1 AND deleted = 0 ORDER BY code COLLATE NOCASE, id", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, property_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdRoomTypeInfo *t = g_new0 (TdRoomTypeInfo, 1);

      t->id = dup_text (stmt, 0);
      t->revision = sqlite3_column_int64 (stmt, 1);
      t->property_id = dup_text (stmt, 2);
      t->code = dup_text (stmt, 3);
      t->name = dup_text (stmt, 4);
      t->max_adults = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? 0 : sqlite3_column_int (stmt, 5);
      t->max_children = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 6);
      t->beds = dup_text (stmt, 7);
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        t->has_price = td_money_init (&t->base_price, sqlite3_column_int64 (stmt, 8),
                                      (const char *) sqlite3_column_text (stmt, 9), NULL);
      g_ptr_array_add (list, t);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED, "%s",
                   sqlite3_errmsg (_td_database_get_handle (db)));
      _td_database_unlock (db);
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    {
      TdRoomTypeInfo *t = g_ptr_array_index (list, i);
      g_auto(GStrv) numbers = type_room_numbers (db, t->id);

      t->n_rooms = g_strv_length (numbers);
      t->room_numbers = td_room_numbers_describe ((const char * const *) numbers);
    }
  _td_database_unlock (db);
  return g_steal_pointer (&list);
}

/* ------------------------------------------------------------------ */
/* room numbers                                                       */

static gboolean
is_separator (gunichar c)
{
  return c == ',' || c == 0xFF0C /* ， */ || c == 0x3001 /* 、 */ || c == ';' || g_unichar_isspace (c);
}

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* a room number: letters, digits and - / . only, at most 12 characters */
static gboolean
is_room_number (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && c != '/' && c != '.')
        return FALSE;
    }
  return n > 0 && n <= 12;
}

static gboolean
add_run (GPtrArray   *numbers,
         GHashTable  *seen,
         const char  *piece,
         GError     **error)
{
  const char *dash = strchr (piece + 1, '-');
  g_autofree char *first = NULL;
  const char *last;
  gsize prefix;
  guint64 from, to;

  if (dash == NULL)
    {
      if (!is_room_number (piece))
        return invalid (error, _("“%s” is not a room number: use letters and digits, such as 101 or 305A"), piece);
      if (!g_hash_table_add (seen, g_strdup (piece)))
        return invalid (error, _("Room %s is given twice"), piece);
      g_ptr_array_add (numbers, g_strdup (piece));
      return TRUE;
    }

  /* a run: 101-120, or 1101-20 (the end shares the start's first digits) */
  first = g_strndup (piece, (gsize) (dash - piece));
  last = dash + 1;
  if (!all_digits (first) || !all_digits (last) || strlen (first) > 9 || strlen (last) > 9)
    return invalid (error, _("“%s” is not a run of rooms: write it as 101-120"), piece);
  /* 1101-05: the end shares the start's first digits; 9-12 does not */
  prefix = strlen (last) < strlen (first) ? strlen (first) - strlen (last) : 0;
  {
    g_autofree char *full_last = g_strdup_printf ("%.*s%s", (int) prefix, first, last);

    from = g_ascii_strtoull (first, NULL, 10);
    to = g_ascii_strtoull (full_last, NULL, 10);
  }
  if (to < from)
    return invalid (error, _("“%s” runs backwards: write the lower number first"), piece);
  if (to - from >= MAX_ROOMS_AT_ONCE)
    return invalid (error, _("“%s” is more than %d rooms"), piece, MAX_ROOMS_AT_ONCE);
  for (guint64 n = from; n <= to; n++)
    {
      char *number = g_strdup_printf ("%0*" G_GUINT64_FORMAT, (int) strlen (first), n);

      if (!g_hash_table_add (seen, g_strdup (number)))
        {
          invalid (error, _("Room %s is given twice"), number);
          g_free (number);
          return FALSE;
        }
      g_ptr_array_add (numbers, number);
    }
  return TRUE;
}

/* the text with every dash people type made '-', and no spaces around
 * dashes ("101 – 120" is one run) */
static char *
normalise_numbers (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2013 || c == 0x2014 || c == 0xFF5E || c == '~' || c == 0xFF0D || c == 0x2212)
        c = '-';
      if (c == '-')
        {
          while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
            g_string_truncate (out, out->len - 1);
          g_string_append_c (out, '-');
          while (g_unichar_isspace (g_utf8_get_char (g_utf8_next_char (p))) && *g_utf8_next_char (p))
            p = g_utf8_next_char (p);
          continue;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

GStrv
td_room_numbers_parse (const char  *text,
                       GError     **error)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) piece = g_string_new (NULL);
  g_autofree char *normal = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      invalid (error, "%s", _("Give the room numbers, such as 101-120, 201"));
      return NULL;
    }
  normal = normalise_numbers (text);
  for (const char *p = normal;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || is_separator (c))
        {
          if (piece->len > 0 && !add_run (numbers, seen, piece->str, error))
            return NULL;
          g_string_truncate (piece, 0);
          if (c == 0 || numbers->len > MAX_ROOMS_AT_ONCE)
            break;
          continue;
        }
      g_string_append_unichar (piece, c);
    }
  if (numbers->len == 0)
    {
      invalid (error, "%s", _("Give the room numbers, such as 101-120, 201"));
      return NULL;
    }
  if (numbers->len > MAX_ROOMS_AT_ONCE)
    {
      invalid (error, _("That is more than %d rooms at once"), MAX_ROOMS_AT_ONCE);
      return NULL;
    }
  g_ptr_array_add (numbers, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&numbers), FALSE);
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;
  gsize lx = strlen (x), ly = strlen (y);

  /* numeric ones by value (9 before 10), then the others as text */
  if (all_digits (x) && all_digits (y) && lx != ly)
    return lx < ly ? -1 : 1;
  return strcmp (x, y);
}

char *
td_room_numbers_describe (const char * const *numbers)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  guint i = 0;

  for (guint k = 0; numbers && numbers[k]; k++)
    g_ptr_array_add (sorted, (gpointer) numbers[k]);
  g_ptr_array_sort (sorted, compare_numbers);

  while (i < sorted->len)
    {
      const char *start = g_ptr_array_index (sorted, i);
      guint j = i;

      /* a run of numbers of the same length, each one more */
      while (all_digits (start) && j + 1 < sorted->len)
        {
          const char *a = g_ptr_array_index (sorted, j), *b = g_ptr_array_index (sorted, j + 1);

          if (!all_digits (b) || strlen (a) != strlen (b)
              || g_ascii_strtoull (b, NULL, 10) != g_ascii_strtoull (a, NULL, 10) + 1)
            break;
          j++;
        }
      if (text->len > 0)
        g_string_append (text, ", ");
      if (j >= i + 2)
        g_string_append_printf (text, "%s–%s", start, (const char *) g_ptr_array_index (sorted, j));
      else
        {
          g_string_append (text, start);
          if (j == i + 1)
            g_string_append_printf (text, ", %s", (const char *) g_ptr_array_index (sorted, j));
        }
      i = j + 1;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ------------------------------------------------------------------ */
/* writing                                                            */

static gboolean
commit_one (TdDatabase  *db,
            const char  *actor,
            TdChange    *change,
            GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);

  g_ptr_array_add (changes, change);
  return td_database_commit (db, actor, changes, error);
}

/* a row id and revision (and whether it is removed) by a query of one
 * text-bound row; FALSE when there is none */
static gboolean
find_row (TdDatabase  *db,
          const char  *sql,
          const char  *a,
          const char  *b,
          char       **id,
          gint64      *revision,
          gboolean    *deleted)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, sql, NULL);
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
      if (b)
        sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          found = TRUE;
          if (id)
            *id = dup_text (stmt, 0);
          if (revision)
            *revision = sqlite3_column_int64 (stmt, 1);
          if (deleted)
            *deleted = sqlite3_column_int (stmt, 2) != 0;
        }
      sqlite3_reset (stmt);
    }
  _td_database_unlock (db);
  return found;
}

static void
set_or_null (TdChange   *change,
             const char *field,
             const char *value)
{
  if (value)
    td_change_set_string (change, field, value);
  else
    td_change_set_null (change, field);
}

char *
td_property_save (TdDatabase        *db,
                  const char        *actor,
                  const TdProperty  *property,
                  GError           **error)
{
  g_autofree char *name = tidy (property->name);
  g_autofree char *city = tidy (property->city);
  g_autofree char *address = tidy (property->address);
  g_autofree char *phone = tidy (property->phone);
  g_autofree char *other = NULL;
  TdChange *change;
  char *id;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (name == NULL)
    {
      invalid (error, "%s", _("Give the hotel a name"));
      return NULL;
    }
  if (g_utf8_strlen (name, -1) > 100)
    {
      invalid (error, "%s", _("The hotel’s name is longer than 100 characters"));
      return NULL;
    }
  if (property->stars < 0 || property->stars > 5)
    {
      invalid (error, "%s", _("Stars go from 1 to 5 (0: none)"));
      return NULL;
    }
  if (find_row (db, "SELECT id, revision, deleted FROM properties WHERE name = ?1 AND deleted = 0",
                name, NULL, &other, NULL, NULL)
      && g_strcmp0 (other, property->id) != 0)
    {
      invalid (error, _("There is already a hotel named “%s”"), name);
      return NULL;
    }

  if (property->id)
    change = td_change_new_update ("property", property->id, property->revision);
  else
    change = td_change_new_insert ("property", NULL);
  td_change_set_string (change, "name", name);
  set_or_null (change, "city", city);
  set_or_null (change, "address", address);
  set_or_null (change, "phone", phone);
  if (property->stars > 0)
    td_change_set_int (change, "stars", property->stars);
  else
    td_change_set_null (change, "stars");
  id = g_strdup (td_change_get_id (change));
  if (!commit_one (db, actor, change, error))
    g_clear_pointer (&id, g_free);
  return id;
}

char *
td_room_type_save (TdDatabase            *db,
                   const char            *actor,
                   const TdRoomTypeInfo  *type,
                   GError               **error)
{
  g_autofree char *code = tidy (type->code);
  g_autofree char *name = tidy (type->name);
  g_autofree char *beds = tidy (type->beds);
  g_autofree char *other = NULL;
  g_autofree char *currency = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 other_revision = 0;
  gboolean other_deleted = FALSE;
  TdChange *change;
  char *id;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (type->property_id == NULL
      || !find_row (db, "SELECT id, revision, deleted FROM properties WHERE id = ?1 AND deleted = 0",
                    type->property_id, NULL, NULL, NULL, NULL))
    {
      invalid (error, "%s", _("Choose the hotel of the room type"));
      return NULL;
    }
  if (code == NULL)
    {
      invalid (error, "%s", _("Give the room type a short code, such as DLX"));
      return NULL;
    }
  if (g_utf8_strlen (code, -1) > 12 || strpbrk (code, " ,") != NULL)
    {
      invalid (error, _("The code “%s” is too long or has spaces: use a short code such as DLX"), code);
      return NULL;
    }
  if (name == NULL)
    {
      invalid (error, "%s", _("Give the room type a name, such as Deluxe King"));
      return NULL;
    }
  if (type->max_adults < 0 || type->max_adults > 20)
    {
      invalid (error, "%s", _("A room takes 1 to 20 adults"));
      return NULL;
    }
  if (type->max_children > 20)
    {
      invalid (error, "%s", _("A room takes at most 20 children"));
      return NULL;
    }
  if (type->has_price && type->base_price.minor < 0)
    {
      invalid (error, "%s", _("The price a night cannot be below zero"));
      return NULL;
    }
  if (find_row (db, "SELECT id, revision, deleted FROM room_types WHERE property_id = ?1 AND code = ?2 COLLATE NOCASE",
                type->property_id, code, &other, &other_revision, &other_deleted)
      && g_strcmp0 (other, type->id) != 0)
    {
      if (!other_deleted || type->id != NULL)
        {
          invalid (error, _("This hotel already has a room type with the code %s"), code);
          return NULL;
        }
    }
  else
    g_clear_pointer (&other, g_free);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  if (type->id)
    change = td_change_new_update ("room_type", type->id, type->revision);
  else if (other)
    {
      /* removed once: back again, with what it is now */
      g_ptr_array_add (changes, td_change_new_restore ("room_type", other, other_revision));
      change = td_change_new_update ("room_type", other, other_revision + 1);
    }
  else
    {
      change = td_change_new_insert ("room_type", NULL);
      td_change_set_string (change, "property_id", type->property_id);
    }
  td_change_set_string (change, "code", code);
  td_change_set_string (change, "name", name);
  if (type->max_adults > 0)
    td_change_set_int (change, "max_adults", type->max_adults);
  else
    td_change_set_null (change, "max_adults");
  if (type->max_children >= 0)
    td_change_set_int (change, "max_children", type->max_children);
  else
    td_change_set_null (change, "max_children");
  set_or_null (change, "beds", beds);
  if (type->has_price)
    {
      TdMoney price = type->base_price;

      if (price.currency[0] == '\0')
        {
          currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
          g_strlcpy (price.currency, currency ? currency : "CNY", sizeof price.currency);
        }
      td_change_set_money (change, "base_price", &price);
    }
  else
    td_change_set_null (change, "base_price");
  id = g_strdup (td_change_get_id (change));
  g_ptr_array_add (changes, change);

  /* the type's price a night is its plan BAR's (td-rate-setup.h): they
   * change together, so seasons stay on top of what the clerk set */
  if (type->id && type->has_price)
    {
      g_autofree char *plan = NULL;
      gint64 plan_revision = 0;

      if (find_row (db, "SELECT id, revision, deleted FROM rate_plans WHERE room_type_id = ?1 AND code = ?2 AND deleted = 0",
                    type->id, "BAR", &plan, &plan_revision, NULL))
        {
          TdChange *bar = td_change_new_update ("rate_plan", plan, plan_revision);
          TdMoney price = type->base_price;

          if (price.currency[0] == '\0')
            g_strlcpy (price.currency, currency ? currency : "CNY", sizeof price.currency);
          td_change_set_money (bar, "base_price", &price);
          g_ptr_array_add (changes, bar);
        }
    }
  if (!td_database_commit (db, actor, changes, error))
    g_clear_pointer (&id, g_free);
  return id;
}

static int
floor_of (const char *number)
{
  gsize digits = 0;

  while (g_ascii_isdigit (number[digits]))
    digits++;
  if (digits < 3)
    return G_MININT;
  return (int) (g_ascii_strtoull (number, NULL, 10) / 100);
}

guint
td_rooms_add (TdDatabase  *db,
              const char  *actor,
              const char  *room_type_id,
              const char  *numbers_text,
              GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_auto(GStrv) numbers = NULL;
  g_autofree char *property_id = NULL;
  g_autoptr(GString) taken = g_string_new (NULL);
  guint n_taken = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), 0);

  if (room_type_id == NULL
      || !find_row (db, "SELECT property_id, revision, deleted FROM room_types WHERE id = ?1 AND deleted = 0",
                    room_type_id, NULL, &property_id, NULL, NULL))
    {
      invalid (error, "%s", _("Choose the room type of the new rooms"));
      return 0;
    }
  numbers = td_room_numbers_parse (numbers_text, error);
  if (numbers == NULL)
    return 0;

  for (guint i = 0; numbers[i]; i++)
    {
      g_autofree char *id = NULL;
      gint64 revision = 0;
      gboolean deleted = FALSE;
      int floor = floor_of (numbers[i]);
      TdChange *change;

      if (find_row (db, "SELECT id, revision, deleted FROM rooms WHERE property_id = ?1 AND number = ?2",
                    property_id, numbers[i], &id, &revision, &deleted))
        {
          if (!deleted)
            {
              if (n_taken++ < 10)
                g_string_append_printf (taken, "%s%s", taken->len ? ", " : "", numbers[i]);
              continue;
            }
          /* removed once: back, in this type */
          g_ptr_array_add (changes, td_change_new_restore ("room", id, revision));
          change = td_change_new_update ("room", id, revision + 1);
        }
      else
        {
          change = td_change_new_insert ("room", NULL);
          td_change_set_string (change, "property_id", property_id);
          td_change_set_string (change, "number", numbers[i]);
        }
      td_change_set_string (change, "room_type_id", room_type_id);
      if (floor != G_MININT)
        td_change_set_int (change, "floor", floor);
      g_ptr_array_add (changes, change);
    }
  if (n_taken > 0)
    {
      if (n_taken > 10)
        g_string_append (taken, "…");
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The hotel already has room %s: nothing was added",
                                "The hotel already has rooms %s: nothing was added", n_taken),
                   taken->str);
      return 0;
    }
  if (!td_database_commit (db, actor, changes, error))
    return 0;
  return g_strv_length (numbers);
}

/* ------------------------------------------------------------------ */
/* removing                                                           */

static gboolean
has_row (TdDatabase *db,
         const char *sql,
         const char *a,
         const char *b)
{
  return find_row (db, sql, a, b, NULL, NULL, NULL);
}

static gint64
live_revision (TdDatabase *db,
               const char *table,
               const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, revision, deleted FROM %s WHERE id = ?1 AND deleted = 0", table);
  gint64 revision = 0;

  if (!find_row (db, sql, id, NULL, NULL, &revision, NULL))
    return 0;
  return revision;
}

gboolean
td_room_remove (TdDatabase  *db,
                const char  *actor,
                const char  *room_id,
                GError     **error)
{
  g_autofree char *tz = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
  g_autofree char *today = td_date_format_iso (td_today_julian (tz ? tz : TD_DEFAULT_TIME_ZONE));
  gint64 revision;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  revision = live_revision (db, "rooms", room_id);
  if (revision == 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no room %s"), room_id);
      return FALSE;
    }
  if (has_row (db, "SELECT id, revision, deleted FROM stays WHERE room_id = ?1 AND deleted = 0 "
                   "AND state IN ('tentative', 'confirmed', 'checked_in') AND departure > ?2", room_id, today))
    return invalid (error, "%s", _("A stay has this room tonight or later: move or cancel it first"));
  if (has_row (db, "SELECT id, revision, deleted FROM out_of_order_periods WHERE room_id = ?1 AND deleted = 0 "
                   "AND end_date > ?2", room_id, today))
    return invalid (error, "%s", _("The room is out of order tonight or later: end that first"));
  return commit_one (db, actor, td_change_new_delete ("room", room_id, revision), error);
}

gboolean
td_room_type_remove (TdDatabase  *db,
                     const char  *actor,
                     const char  *room_type_id,
                     GError     **error)
{
  gint64 revision;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  revision = live_revision (db, "room_types", room_type_id);
  if (revision == 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no room type %s"), room_type_id);
      return FALSE;
    }
  if (has_row (db, "SELECT id, revision, deleted FROM rooms WHERE room_type_id = ?1 AND deleted = 0", room_type_id, NULL))
    return invalid (error, "%s", _("The room type still has rooms: remove them or give them another type first"));
  return commit_one (db, actor, td_change_new_delete ("room_type", room_type_id, revision), error);
}

gboolean
td_property_remove (TdDatabase  *db,
                    const char  *actor,
                    const char  *property_id,
                    GError     **error)
{
  gint64 revision;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  revision = live_revision (db, "properties", property_id);
  if (revision == 0)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("There is no hotel %s"), property_id);
      return FALSE;
    }
  if (has_row (db, "SELECT id, revision, deleted FROM room_types WHERE property_id = ?1 AND deleted = 0", property_id, NULL))
    return invalid (error, "%s", _("The hotel still has room types: remove them first"));
  return commit_one (db, actor, td_change_new_delete ("property", property_id, revision), error);
}
