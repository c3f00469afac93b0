/* td-poi-bookings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-availability.h"
#include <math.h>

#include "td-database-private.h"
#include "td-marketing-private.h"
#include "td-date-range.h"
#include "td-poi-bookings.h"
#include "td-stays.h"
#include "td-tickets.h"
#include "td-tour-booking.h"

/* a property within this of a place is that place (degrees: about 100 m) */
#define SAME_SPOT 0.001

/* ------------------------------------------------------------------ */
/* reading                                                            */

static gpointer
text_row (sqlite3_stmt *stmt)
{
  return _TD_COLUMN_TEXT (stmt, 0);
}

typedef struct {
  char   *id;
  char   *name;
  double  lat;
  double  lon;
  gboolean placed;
} Property;

static void
property_free (Property *property)
{
  g_free (property->id);
  g_free (property->name);
  g_free (property);
}

static gpointer
property_row (sqlite3_stmt *stmt)
{
  Property *property = g_new0 (Property, 1);

  property->id = _TD_COLUMN_TEXT (stmt, 0);
  property->name = _TD_COLUMN_TEXT (stmt, 1);
  property->placed = sqlite3_column_type (stmt, 2) != SQLITE_NULL && sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  property->lat = sqlite3_column_double (stmt, 2);
  property->lon = sqlite3_column_double (stmt, 3);
  return property;
}

char *
td_poi_find_property (TdDatabase   *db,
                      const TdPoi  *poi,
                      char        **name,
                      GError      **error)
{
  g_autoptr(GPtrArray) properties = NULL;
  Property *found = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (poi != NULL, NULL);

  if (name)
    *name = NULL;
  /* only hotels can be ours */
  if (poi->category != TD_POI_PROPERTY && poi->category != TD_POI_HOTEL)
    return NULL;

  /* a business has a few hotels: all of them, matched here */
  properties = _td_marketing_select (db, "SELECT id, name, lat, lon FROM properties WHERE deleted = 0 ORDER BY name",
                                     NULL, property_row, (GDestroyNotify) property_free, error);
  if (properties == NULL)
    return NULL;
  for (guint i = 0; i < properties->len && found == NULL; i++)
    {
      Property *property = g_ptr_array_index (properties, i);

      if (g_strcmp0 (property->name, poi->name) == 0)
        found = property;
    }
  for (guint i = 0; i < properties->len && found == NULL; i++)
    {
      Property *property = g_ptr_array_index (properties, i);

      if (property->placed && fabs (property->lat - poi->lat) < SAME_SPOT && fabs (property->lon - poi->lon) < SAME_SPOT)
        found = property;
    }
  if (found == NULL)
    return NULL;
  if (name)
    *name = g_strdup (found->name);
  return g_strdup (found->id);
}

/* ------------------------------------------------------------------ */
/* availability                                                       */

void
td_poi_availability_free (TdPoiAvailability *availability)
{
  if (availability == NULL)
    return;
  g_clear_pointer (&availability->slots, g_ptr_array_unref);
  g_free (availability->property_id);
  g_free (availability->property_name);
  g_free (availability);
}

TdPoiAvailability *
td_poi_get_availability (TdDatabase        *db,
                         const TdPoi       *poi,
                         guint32            date,
                         const TdDeskTime  *when,
                         GError           **error)
{
  g_autoptr(TdPoiAvailability) availability = g_new0 (TdPoiAvailability, 1);
  TdDeskTime storage;
  GError *local_error = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (poi != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  availability->date = date ? date : when->today;

  if (poi->category == TD_POI_ATTRACTION)
    {
      g_autofree char *day = td_date_format_iso (availability->date);
      g_autoptr(GPtrArray) any = _td_marketing_select (db,
                                                       "SELECT id FROM attraction_slots"
                                                       " WHERE poi_id = ?1 AND deleted = 0 LIMIT 1",
                                                       poi->id, text_row, g_free, error);

      if (any == NULL)
        return NULL;
      availability->has_slots = any->len > 0;
      availability->slots = td_tickets_list_slots (db, poi->id, day, error);
      if (availability->slots == NULL)
        return NULL;
      return g_steal_pointer (&availability);
    }

  availability->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) td_slot_free);
  availability->property_id = td_poi_find_property (db, poi, &availability->property_name, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (availability->property_id)
    {
      TdAvailabilityQuery query = { .property_id = availability->property_id };
      g_autoptr(GPtrArray) types = NULL;

      td_date_range_init (&query.dates, availability->date, availability->date + 1, NULL);
      types = td_availability_search (db, &query, when, error);
      if (types == NULL)
        return NULL;
      for (guint i = 0; i < types->len; i++)
        {
          const TdAvailability *type = g_ptr_array_index (types, i);

          availability->n_rooms += type->n_rooms;
          availability->n_free += type->n_free;
        }
    }
  return g_steal_pointer (&availability);
}

typedef struct {
  TdPoi   *poi;
  guint32  date;
} AvailabilityData;

static void
availability_data_free (AvailabilityData *data)
{
  td_poi_unref (data->poi);
  g_free (data);
}

static void
availability_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AvailabilityData *data = task_data;
  GError *error = NULL;
  TdPoiAvailability *availability = td_poi_get_availability (source_object, data->poi, data->date, NULL, &error);

  if (availability)
    g_task_return_pointer (task, availability, (GDestroyNotify) td_poi_availability_free);
  else
    g_task_return_error (task, error);
}

/* a worker thread for a place and a date, as both async calls here do */
static void
run_poi_task (TdDatabase          *db,
              const TdPoi         *poi,
              guint32              date,
              gpointer             source_tag,
              GTaskThreadFunc      thread,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AvailabilityData *data;

  g_return_if_fail (TD_IS_DATABASE (db));
  g_return_if_fail (poi != NULL);

  data = g_new0 (AvailabilityData, 1);
  data->poi = td_poi_copy (poi);
  data->date = date;
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) availability_data_free);
  /* the clerk moved on (another place, another day): drop it at once */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, thread);
}

void
td_poi_get_availability_async (TdDatabase          *db,
                               const TdPoi         *poi,
                               guint32              date,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  run_poi_task (db, poi, date, td_poi_get_availability_async, availability_thread,
                cancellable, callback, user_data);
}

TdPoiAvailability *
td_poi_get_availability_finish (TdDatabase    *db,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_poi_get_availability_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
td_slot_format_left (const TdSlot *slot)
{
  g_autofree char *count = NULL;
  gint64 left;

  g_return_val_if_fail (slot != NULL, NULL);

  left = td_slot_get_available (slot);
  if (left <= 0)
    /* Translators: a time slot of an attraction with no place left */
    return g_strdup (_("Sold out"));
  count = g_strdup_printf ("%" G_GINT64_FORMAT, left);
  /* Translators: places left in an attraction's time slot, a number */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s left", "%s left", (gulong) left), count);
}

/* ------------------------------------------------------------------ */
/* TdPoiBooking                                                       */

struct _TdPoiBooking
{
  GObject           parent_instance;

  TdPoiBookingKind  kind;
  char             *id;
  char             *owner_id;
  char             *name;
  char             *detail;
  const char       *state;    /* static, translated */
  guint32           start;
  guint32           end;
  gboolean          active;
};

G_DEFINE_FINAL_TYPE (TdPoiBooking, td_poi_booking, G_TYPE_OBJECT)

static void
td_poi_booking_finalize (GObject *object)
{
  TdPoiBooking *self = TD_POI_BOOKING (object);

  g_free (self->id);
  g_free (self->owner_id);
  g_free (self->name);
  g_free (self->detail);

  G_OBJECT_CLASS (td_poi_booking_parent_class)->finalize (object);
}

static void
td_poi_booking_class_init (TdPoiBookingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_poi_booking_finalize;
}

static void
td_poi_booking_init (TdPoiBooking *self)
{
}

static TdPoiBooking *
poi_booking_new (TdPoiBookingKind  kind,
                 const char       *id,
                 const char       *owner_id,
                 const char       *name,
                 char             *detail,  /* taken */
                 const char       *state,
                 guint32           start,
                 guint32           end,
                 gboolean          active)
{
  TdPoiBooking *self = g_object_new (TD_TYPE_POI_BOOKING, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  self->owner_id = g_strdup (owner_id);
  self->name = g_strdup (name ? name : "");
  self->detail = detail ? detail : g_strdup ("");
  self->state = state ? state : "";
  self->start = start;
  self->end = MAX (end, start + 1);
  self->active = active;
  return self;
}

TdPoiBookingKind
td_poi_booking_get_kind (TdPoiBooking *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKING (self), TD_POI_BOOKING_TICKET);
  return self->kind;
}

const char *
td_poi_booking_get_id (TdPoiBooking *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKING (self), NULL);
  return self->id;
}

const char *
td_poi_booking_get_owner_id (TdPoiBooking *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKING (self), NULL);
  return self->owner_id;
}

const char *
td_poi_booking_get_name (TdPoiBooking *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKING (self), NULL);
  return self->name;
}

const char *
td_poi_booking_get_kind_title (TdPoiBooking *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKING (self), NULL);
  switch (self->kind)
    {
    case TD_POI_BOOKING_TICKET:
      /* Translators: a kind of booking at a place of the map */
      return C_("booking kind", "Ticket");
    case TD_POI_BOOKING_STAY:
      return C_("booking kind", "Stay");
    case TD_POI_BOOKING_TOUR:
      return C_("booking kind", "Tour");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
td_poi_booking_get_detail (TdPoiBooking *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKING (self), NULL);
  return self->detail;
}

const char *
td_poi_booking_get_state (TdPoiBooking *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKING (self), NULL);
  return self->state;
}

guint32
td_poi_booking_get_start (TdPoiBooking *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKING (self), 0);
  return self->start;
}

guint32
td_poi_booking_get_end (TdPoiBooking *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKING (self), 0);
  return self->end;
}

gboolean
td_poi_booking_get_active (TdPoiBooking *self)
{
  g_return_val_if_fail (TD_IS_POI_BOOKING (self), FALSE);
  return self->active;
}

/* ------------------------------------------------------------------ */
/* listing                                                            */

static const char *
ticket_state_title (const char *state)
{
  if (g_strcmp0 (state, "used") == 0)
    /* Translators: the state of an attraction ticket */
    return C_("ticket state", "Used");
  if (g_strcmp0 (state, "void") == 0)
    return C_("ticket state", "Void");
  return C_("ticket state", "Sold");
}

static gboolean
add_tickets (TdDatabase   *db,
             const TdPoi  *poi,
             guint32       from,
             GPtrArray    *bookings,
             GError      **error)
{
  /* the latest: those from from on are among them */
  g_autoptr(GPtrArray) ids = _td_marketing_select (db,
                                                   "SELECT id FROM tickets"
                                                   " WHERE poi_id = ?1 AND deleted = 0"
                                                   " ORDER BY date DESC, start_time DESC, created_at DESC"
                                                   " LIMIT " G_STRINGIFY (TD_POI_BOOKINGS_LIMIT),
                                                   poi->id, text_row, g_free, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TdTicket) ticket = td_tickets_get (db, g_ptr_array_index (ids, i), error);
      char *detail;
      guint32 day;

      if (ticket == NULL)
        return FALSE;
      if (!td_date_parse_iso (ticket->date, &day, NULL) || (from && day < from))
        continue;
      detail = ticket->end_time
               ? g_strdup_printf ("%s–%s · %s", ticket->start_time, ticket->end_time,
                                  td_ticket_type_get_label (ticket->type))
               : g_strdup_printf ("%s · %s", ticket->start_time, td_ticket_type_get_label (ticket->type));
      g_ptr_array_add (bookings,
                       poi_booking_new (TD_POI_BOOKING_TICKET, ticket->id, ticket->poi_id,
                                        ticket->holder, detail, ticket_state_title (ticket->state),
                                        day, day + 1, g_strcmp0 (ticket->state, "void") != 0));
    }
  return TRUE;
}

static gboolean
add_stays (TdDatabase   *db,
           const TdPoi  *poi,
           guint32       from,
           GPtrArray    *bookings,
           GError      **error)
{
  g_autofree char *property_id = NULL;
  g_autoptr(GPtrArray) stays = NULL;
  TdStayFilter filter = { .limit = TD_POI_BOOKINGS_LIMIT };
  GError *local_error = NULL;

  property_id = td_poi_find_property (db, poi, NULL, &local_error);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (property_id == NULL)
    return TRUE;

  filter.property_id = property_id;
  /* stays departing after from: [from, ten years on) */
  if (from && !td_date_range_init (&filter.dates, from, from + 3653, error))
    return FALSE;
  stays = td_stays_list (db, &filter, error);
  if (stays == NULL)
    return FALSE;
  for (guint i = 0; i < stays->len; i++)
    {
      const TdStay *stay = g_ptr_array_index (stays, i);
      g_autofree char *room = stay->room_number
                              /* Translators: a hotel room, by its number */
                              ? g_strdup_printf (_("Room %s"), stay->room_number)
                              : g_strdup (_("No room yet"));
      char *detail = g_strdup_printf ("%s · %s", room, stay->room_type_name ? stay->room_type_name : "");

      g_ptr_array_add (bookings,
                       poi_booking_new (TD_POI_BOOKING_STAY, stay->id, stay->property_id,
                                        stay->guest_name, detail, td_stay_state_get_title (stay->state),
                                        stay->dates.start, stay->dates.end,
                                        td_stay_state_takes_room (stay->state)));
    }
  return TRUE;
}

static gboolean
add_tours (TdDatabase   *db,
           const TdPoi  *poi,
           guint32       from,
           GPtrArray    *bookings,
           GError      **error)
{
  g_autoptr(GPtrArray) ids = _td_marketing_select (db,
                                                   "SELECT DISTINCT b.id, d.start_date, b.created_at FROM tour_items i"
                                                   " JOIN tour_departures d ON d.product_id = i.product_id AND d.deleted = 0"
                                                   " JOIN tour_bookings b ON b.departure_id = d.id AND b.deleted = 0"
                                                   " WHERE i.poi_id = ?1 AND i.deleted = 0"
                                                   " ORDER BY d.start_date DESC, b.created_at DESC"
                                                   " LIMIT " G_STRINGIFY (TD_POI_BOOKINGS_LIMIT),
                                                   poi->id, text_row, g_free, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TdTourBooking) booking = td_tour_booking_get (db, g_ptr_array_index (ids, i), error);
      char *detail;

      if (booking == NULL)
        return FALSE;
      /* a tour still under way on from counts */
      if (from && booking->return_date <= from)
        continue;
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u traveller", "%s · %u travellers",
                                             booking->n_participants),
                                booking->product_name, booking->n_participants);
      g_ptr_array_add (bookings,
                       poi_booking_new (TD_POI_BOOKING_TOUR, booking->id, booking->departure_id,
                                        booking->lead_name, detail,
                                        td_tour_booking_state_get_title (booking->state),
                                        booking->departure_date, booking->return_date,
                                        booking->state != TD_TOUR_BOOKING_CANCELLED));
    }
  return TRUE;
}

static int
compare_bookings (gconstpointer a,
                  gconstpointer b)
{
  TdPoiBooking *x = *(TdPoiBooking **) a;
  TdPoiBooking *y = *(TdPoiBooking **) b;

  if (x->start != y->start)
    return x->start < y->start ? 1 : -1;
  if (x->kind != y->kind)
    return (int) x->kind - (int) y->kind;
  return g_strcmp0 (x->detail, y->detail);
}

GPtrArray *
td_poi_bookings_list (TdDatabase   *db,
                      const TdPoi  *poi,
                      guint32       from,
                      GError      **error)
{
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (poi != NULL && poi->id != NULL, NULL);

  if (poi->category == TD_POI_ATTRACTION && !add_tickets (db, poi, from, bookings, error))
    return NULL;
  if (!add_stays (db, poi, from, bookings, error))
    return NULL;
  if (!add_tours (db, poi, from, bookings, error))
    return NULL;
  g_ptr_array_sort (bookings, compare_bookings);
  return g_steal_pointer (&bookings);
}

static void
bookings_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AvailabilityData *data = task_data;
  GError *error = NULL;
  GPtrArray *bookings = td_poi_bookings_list (source_object, data->poi, data->date, &error);

  if (bookings)
    g_task_return_pointer (task, bookings, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
td_poi_bookings_list_async (TdDatabase          *db,
                            const TdPoi         *poi,
                            guint32              from,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  run_poi_task (db, poi, from, td_poi_bookings_list_async, bookings_thread, cancellable, callback, user_data);
}

GPtrArray *
td_poi_bookings_list_finish (TdDatabase    *db,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_poi_bookings_list_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
