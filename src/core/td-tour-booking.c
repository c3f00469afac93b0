/* td-tour-booking.c: tour bookings, participants, payments, waiting lists,
 * travel documents
 *
 * A booking is written by td_database_commit_stream(): its changes are made
 * as the commit goes, inside the transaction (BEGIN IMMEDIATE), so the
 * seats left are counted and the seats numbered where no other desk can
 * sell them in between. The trigger of migration 11 refuses a participant
 * beyond the capacity whatever wrote it; its "tour:" messages are turned
 * into TD_TOUR_ERROR here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-date-range.h"
#include "td-desk-private.h"
#include "td-json.h"
#include "td-time.h"
#include "td-payment-method.h"
#include "td-tour-booking.h"
#include "td-tours-private.h"

/* ------------------------------------------------------------------ */
/* names                                                              */

static const char *const booking_states[] = { "booked", "confirmed", "cancelled" };
static const char *const contract_states[] = { "none", "printed", "signed" };
static const char *const waiting_states[] = { "waiting", "offered", "booked", "withdrawn" };

const char *
td_tour_booking_state_to_string (TdTourBookingState state)
{
  g_return_val_if_fail (state <= TD_TOUR_BOOKING_CANCELLED, NULL);
  return booking_states[state];
}

const char *
td_tour_booking_state_get_title (TdTourBookingState state)
{
  switch (state)
    {
    case TD_TOUR_BOOKING_BOOKED: return C_("tour booking state", "Booked");
    case TD_TOUR_BOOKING_CONFIRMED: return C_("tour booking state", "Confirmed");
    case TD_TOUR_BOOKING_CANCELLED: return C_("tour booking state", "Cancelled");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
td_contract_state_to_string (TdContractState state)
{
  g_return_val_if_fail (state <= TD_CONTRACT_SIGNED, NULL);
  return contract_states[state];
}

const char *
td_contract_state_get_title (TdContractState state)
{
  switch (state)
    {
    case TD_CONTRACT_NONE: return C_("contract state", "Not printed");
    case TD_CONTRACT_PRINTED: return C_("contract state", "Printed, not signed");
    case TD_CONTRACT_SIGNED: return C_("contract state", "Signed");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
td_waiting_state_to_string (TdWaitingState state)
{
  g_return_val_if_fail (state <= TD_WAITING_WITHDRAWN, NULL);
  return waiting_states[state];
}

gboolean
td_waiting_state_from_string (const char     *text,
                              TdWaitingState *state)
{
  int value;

  if (!_td_desk_name_to_value (waiting_states, G_N_ELEMENTS (waiting_states), text, &value))
    return FALSE;
  if (state)
    *state = (TdWaitingState) value;
  return TRUE;
}

const char *
td_waiting_state_get_title (TdWaitingState state)
{
  switch (state)
    {
    case TD_WAITING_WAITING: return C_("waiting list", "Waiting");
    case TD_WAITING_OFFERED: return C_("waiting list", "Offered a seat");
    case TD_WAITING_BOOKED: return C_("waiting list", "Booked");
    case TD_WAITING_WITHDRAWN: return C_("waiting list", "Withdrawn");
    default: g_return_val_if_reached (NULL);
    }
}

static int
name_index (const char *const *names,
            guint              n,
            const char        *text)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], text) == 0)
      return (int) i;
  return 0;
}

static GPtrArray *
new_changes (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
}

/* "tour: departure full" and friends, from the triggers */
static gboolean
is_tour_refusal (const GError *error,
                 const char   *what)
{
  return error && error->message && strstr (error->message, what) != NULL;
}

/* ------------------------------------------------------------------ */
/* reading bookings and participants                                  */

void
td_tour_booking_free (TdTourBooking *booking)
{
  if (booking == NULL)
    return;
  g_free (booking->id);
  g_free (booking->departure_id);
  g_free (booking->product_id);
  g_free (booking->product_name);
  g_free (booking->lead_customer_id);
  g_free (booking->lead_name);
  g_free (booking->price_lines);
  g_free (booking->discount_reason);
  g_free (booking->sub_agent_id);
  g_free (booking->sub_agent_name);
  g_free (booking->cancelled_at);
  g_free (booking->contract_signed_at);
  g_free (booking->notes);
  g_free (booking->created_at);
  g_free (booking);
}

#define BOOKING_EXTRA \
  "(SELECT name FROM customers c WHERE c.id = tour_bookings.lead_customer_id), " \
  "(SELECT name FROM customers c WHERE c.id = tour_bookings.sub_agent_id), " \
  "(SELECT d.product_id FROM tour_departures d WHERE d.id = tour_bookings.departure_id), " \
  "(SELECT p.name FROM tour_departures d JOIN tour_products p ON p.id = d.product_id " \
  "  WHERE d.id = tour_bookings.departure_id), " \
  "(SELECT d.start_date FROM tour_departures d WHERE d.id = tour_bookings.departure_id), " \
  "(SELECT p.days FROM tour_departures d JOIN tour_products p ON p.id = d.product_id " \
  "  WHERE d.id = tour_bookings.departure_id), " \
  "(SELECT count(*) FROM tour_participants t WHERE t.booking_id = tour_bookings.id " \
  "  AND t.active = 1 AND t.deleted = 0), " \
  "(SELECT coalesce(sum(amount_minor), 0) FROM tour_payments y WHERE y.booking_id = tour_bookings.id " \
  "  AND y.deleted = 0)"

static void
read_booking_extra (sqlite3_stmt *stmt,
                    int           count,
                    JsonObject   *record)
{
  static const char *const names[] = {
    "lead_name", "sub_agent_name", "product_id", "product_name", "departure_date",
  };
  int first = count - 8;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, first + (int) i);

      if (text)
        json_object_set_string_member (record, names[i], text);
    }
  json_object_set_int_member (record, "days", sqlite3_column_int64 (stmt, first + 5));
  json_object_set_int_member (record, "n_participants", sqlite3_column_int64 (stmt, first + 6));
  json_object_set_int_member (record, "paid", sqlite3_column_int64 (stmt, first + 7));
}

static TdTourBooking *
booking_from_record (JsonObject *record)
{
  TdTourBooking *booking = g_new0 (TdTourBooking, 1);
  g_autofree char *state = _td_tour_dup (record, "state");
  g_autofree char *contract = _td_tour_dup (record, "contract_state");

  booking->id = _td_tour_dup (record, "id");
  booking->revision = _td_tour_int (record, "revision", 0);
  booking->departure_id = _td_tour_dup (record, "departure_id");
  booking->product_id = _td_tour_dup (record, "product_id");
  booking->product_name = _td_tour_dup (record, "product_name");
  booking->departure_date = _td_tour_date (record, "departure_date");
  booking->return_date = booking->departure_date + (guint32) MAX (_td_tour_int (record, "days", 1), 1);
  booking->lead_customer_id = _td_tour_dup (record, "lead_customer_id");
  booking->lead_name = _td_tour_dup (record, "lead_name");
  booking->state = (TdTourBookingState) name_index (booking_states, G_N_ELEMENTS (booking_states), state);
  booking->price_lines = _td_tour_dup (record, "price_lines");
  booking->has_discount = _td_tour_money (record, "discount", &booking->discount);
  booking->discount_reason = _td_tour_dup (record, "discount_reason");
  _td_tour_money (record, "total", &booking->total);
  booking->sub_agent_id = _td_tour_dup (record, "sub_agent_id");
  booking->sub_agent_name = _td_tour_dup (record, "sub_agent_name");
  booking->commission_bp = (guint) _td_tour_int (record, "commission_bp", 0);
  booking->has_commission = _td_tour_money (record, "commission", &booking->commission);
  booking->cancelled_at = _td_tour_dup (record, "cancelled_at");
  booking->has_cancellation_fee = _td_tour_money (record, "cancellation_fee", &booking->cancellation_fee);
  booking->contract_state = contract ? (TdContractState) name_index (contract_states, G_N_ELEMENTS (contract_states), contract)
                                     : TD_CONTRACT_NONE;
  booking->contract_signed_at = _td_tour_dup (record, "contract_signed_at");
  booking->notes = _td_tour_dup (record, "notes");
  booking->n_participants = (guint) _td_tour_int (record, "n_participants", 0);
  booking->paid.minor = _td_tour_int (record, "paid", 0);
  memcpy (booking->paid.currency, booking->total.currency, sizeof booking->paid.currency);
  booking->created_at = _td_tour_dup (record, "created_at");
  return booking;
}

static GPtrArray *
select_bookings (TdDatabase  *db,
                 const char  *where,
                 const char  *param,
                 GError     **error)
{
  const char *params[] = { param };
  g_autoptr(GPtrArray) rows = _td_tour_select (db, "tour_booking", BOOKING_EXTRA, read_booking_extra,
                                               where, "created_at DESC", params, 1, error);
  GPtrArray *bookings;

  if (rows == NULL)
    return NULL;
  bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_booking_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (bookings, booking_from_record (g_ptr_array_index (rows, i)));
  return bookings;
}

TdTourBooking *
td_tour_booking_get (TdDatabase  *db,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(GPtrArray) bookings = select_bookings (db, "id = ?1", id, error);

  if (bookings == NULL)
    return NULL;
  if (bookings->len == 0)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_NOT_FOUND,
                   _("No tour booking has the id “%s”"), id);
      return NULL;
    }
  return g_ptr_array_steal_index (bookings, 0);
}

GPtrArray *
td_tour_bookings_list (TdDatabase  *db,
                       const char  *departure_id,
                       GError     **error)
{
  return select_bookings (db, "?1 IS NULL OR departure_id = ?1", departure_id, error);
}

gint64
td_tour_booking_get_balance (const TdTourBooking *booking)
{
  gint64 owed = booking->total.minor;

  if (booking->state == TD_TOUR_BOOKING_CANCELLED)
    owed = booking->has_cancellation_fee ? booking->cancellation_fee.minor : 0;
  return owed - booking->paid.minor;
}

void
td_tour_participant_free (TdTourParticipant *participant)
{
  if (participant == NULL)
    return;
  g_free (participant->id);
  g_free (participant->booking_id);
  g_free (participant->departure_id);
  g_free (participant->customer_id);
  g_free (participant->name);
  g_free (participant->birth_date);
  g_free (participant->phone);
  g_free (participant->room);
  g_free (participant);
}

#define PARTICIPANT_EXTRA \
  "(SELECT name FROM customers c WHERE c.id = tour_participants.customer_id), " \
  "(SELECT birth_date FROM customers c WHERE c.id = tour_participants.customer_id), " \
  "(SELECT phone FROM customers c WHERE c.id = tour_participants.customer_id)"

static void
read_participant_extra (sqlite3_stmt *stmt,
                        int           count,
                        JsonObject   *record)
{
  static const char *const names[] = { "name", "birth_date", "phone" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, count - 3 + (int) i);

      if (text)
        json_object_set_string_member (record, names[i], text);
    }
}

static GPtrArray *
select_participants (TdDatabase  *db,
                     const char  *where,
                     const char  *order,
                     const char  *param,
                     GError     **error)
{
  const char *params[] = { param };
  g_autoptr(GPtrArray) rows = _td_tour_select (db, "tour_participant", PARTICIPANT_EXTRA,
                                               read_participant_extra, where, order, params, 1, error);
  GPtrArray *participants;

  if (rows == NULL)
    return NULL;
  participants = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_participant_free);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *record = g_ptr_array_index (rows, i);
      TdTourParticipant *participant = g_new0 (TdTourParticipant, 1);
      g_autofree char *type = _td_tour_dup (record, "pax_type");

      participant->id = _td_tour_dup (record, "id");
      participant->revision = _td_tour_int (record, "revision", 0);
      participant->booking_id = _td_tour_dup (record, "booking_id");
      participant->departure_id = _td_tour_dup (record, "departure_id");
      participant->customer_id = _td_tour_dup (record, "customer_id");
      participant->name = _td_tour_dup (record, "name");
      participant->birth_date = _td_tour_dup (record, "birth_date");
      participant->phone = _td_tour_dup (record, "phone");
      td_pax_type_from_string (type, &participant->type);
      _td_tour_money (record, "price", &participant->price);
      participant->room = _td_tour_dup (record, "room");
      participant->single_room = _td_tour_int (record, "single_room", 0) != 0;
      participant->seat = (guint) _td_tour_int (record, "seat", 0);
      participant->active = _td_tour_int (record, "active", 0) != 0;
      g_ptr_array_add (participants, participant);
    }
  return participants;
}

GPtrArray *
td_tour_participants_list (TdDatabase  *db,
                           const char  *booking_id,
                           GError     **error)
{
  return select_participants (db, "booking_id = ?1", "active DESC, coalesce(seat, 100000), created_at",
                              booking_id, error);
}

GPtrArray *
td_tour_rooming_list (TdDatabase  *db,
                      const char  *departure_id,
                      GError     **error)
{
  return select_participants (db, "departure_id = ?1 AND active = 1",
                              "booking_id, coalesce(room, ''), coalesce(seat, 100000)",
                              departure_id, error);
}

gboolean
td_tour_participant_place (TdDatabase  *db,
                           const char  *actor,
                           const char  *participant_id,
                           guint        seat,
                           const char  *room,
                           GError     **error)
{
  g_autoptr(JsonObject) record = _td_tour_get_live (db, "tour_participant", participant_id,
                                                    _("participant"), error);
  g_autoptr(GPtrArray) changes = new_changes ();
  g_autoptr(GError) local_error = NULL;
  TdChange *change;

  if (record == NULL)
    return FALSE;
  change = td_change_new_update ("tour_participant", participant_id, _td_tour_int (record, "revision", 0));
  if (seat > 0)
    td_change_set_int (change, "seat", seat);
  else
    td_change_set_null (change, "seat");
  if (room && *room)
    td_change_set_string (change, "room", room);
  else
    td_change_set_null (change, "room");
  g_ptr_array_add (changes, change);
  if (td_database_commit (db, actor, changes, &local_error))
    return TRUE;
  if (is_tour_refusal (local_error, "tour_participants.departure_id, tour_participants.seat"))
    g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_TAKEN, _("Seat %u is taken"), seat);
  else if (is_tour_refusal (local_error, "tour: no such seat"))
    g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID, _("The vehicle has no seat %u"), seat);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* quotes                                                             */

void
td_tour_quote_free (TdTourQuote *quote)
{
  if (quote == NULL)
    return;
  g_clear_pointer (&quote->people, g_array_unref);
  g_clear_pointer (&quote->customer_ids, g_ptr_array_unref);
  g_clear_pointer (&quote->names, g_ptr_array_unref);
  g_free (quote);
}

static gboolean
quote_person (TdDatabase          *db,
              TdTourQuote         *quote,
              const TdTourProduct *product,
              GPtrArray           *surcharges,
              guint32              date,
              const char          *customer_id,
              gboolean             single_room,
              GError             **error)
{
  g_autoptr(JsonObject) customer = _td_tour_get_live (db, "customer", customer_id, _("customer"), error);
  TdPaxPrice price;
  guint32 birth;
  int age = -1;

  if (customer == NULL)
    return FALSE;
  for (guint i = 0; i < quote->customer_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (quote->customer_ids, i), customer_id))
      {
        g_autofree char *name = _td_tour_dup (customer, "name");

        g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                     _("%s is named twice in the booking"), name);
        return FALSE;
      }
  birth = _td_tour_date (customer, "birth_date");
  if (birth)
    age = td_age_on (birth, date);
  if (!td_tour_price_person (product, surcharges, date, age, single_room, &price, error))
    return FALSE;
  g_array_append_val (quote->people, price);
  g_ptr_array_add (quote->customer_ids, g_strdup (customer_id));
  g_ptr_array_add (quote->names, _td_tour_dup (customer, "name"));
  return td_money_add (&quote->subtotal, &price.total, &quote->subtotal, error);
}

static const TdTourTraveller *
find_traveller (const TdTourBookingRequest *request,
                const char                 *customer_id)
{
  for (guint i = 0; i < request->n_travellers; i++)
    if (g_strcmp0 (request->travellers[i].customer_id, customer_id) == 0)
      return &request->travellers[i];
  return NULL;
}

TdTourQuote *
td_tour_quote (TdDatabase                  *db,
               const TdTourBookingRequest  *request,
               GError                     **error)
{
  g_autoptr(TdDeparture) departure = td_departure_get (db, request->departure_id, error);
  g_autoptr(TdTourProduct) product = NULL;
  g_autoptr(GPtrArray) surcharges = NULL;
  g_autoptr(TdTourQuote) quote = g_new0 (TdTourQuote, 1);
  const TdTourTraveller *lead;
  const char *currency;

  if (departure == NULL)
    return NULL;
  product = td_tour_product_get (db, departure->product_id, error);
  if (product == NULL)
    return NULL;
  surcharges = td_tour_surcharges_list (db, product->id, error);
  if (surcharges == NULL)
    return NULL;
  currency = product->prices[TD_PAX_ADULT].currency;
  quote->people = g_array_new (FALSE, FALSE, sizeof (TdPaxPrice));
  quote->customer_ids = g_ptr_array_new_with_free_func (g_free);
  quote->names = g_ptr_array_new_with_free_func (g_free);
  if (!td_money_init (&quote->subtotal, 0, currency, error)
      || !td_money_init (&quote->discount, 0, currency, error)
      || !td_money_init (&quote->commission, 0, currency, error))
    return NULL;
  if (request->lead_customer_id == NULL)
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                           _("A booking needs a lead customer"));
      return NULL;
    }
  lead = find_traveller (request, request->lead_customer_id);
  if (!quote_person (db, quote, product, surcharges, departure->start, request->lead_customer_id,
                     lead ? lead->single_room : request->lead_single_room, error))
    return NULL;
  for (guint i = 0; i < request->n_travellers; i++)
    {
      const TdTourTraveller *traveller = &request->travellers[i];

      if (g_strcmp0 (traveller->customer_id, request->lead_customer_id) == 0)
        continue;
      if (!quote_person (db, quote, product, surcharges, departure->start,
                         traveller->customer_id, traveller->single_room, error))
        return NULL;
    }
  if (request->discount)
    {
      if (strcmp (request->discount->currency, currency) != 0 || request->discount->minor < 0
          || request->discount->minor > quote->subtotal.minor)
        {
          g_autofree char *subtotal = td_money_format (&quote->subtotal);

          g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                       _("A discount must be in %s, from nothing to the price (%s)"), currency, subtotal);
          return NULL;
        }
      quote->discount = *request->discount;
    }
  quote->total = quote->subtotal;
  quote->total.minor -= quote->discount.minor;
  if (request->commission_bp > 10000)
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                           _("A commission is at most 100 %"));
      return NULL;
    }
  quote->commission.minor = (quote->total.minor * (gint64) request->commission_bp + 5000) / 10000;
  return g_steal_pointer (&quote);
}

static char *
price_lines_json (const TdTourQuote *quote)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < quote->people->len; i++)
    {
      const TdPaxPrice *price = &g_array_index (quote->people, TdPaxPrice, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "customer_id");
      json_builder_add_string_value (b, g_ptr_array_index (quote->customer_ids, i));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, g_ptr_array_index (quote->names, i));
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, td_pax_type_to_string (price->type));
      json_builder_set_member_name (b, "age");
      json_builder_add_int_value (b, price->age);
      json_builder_set_member_name (b, "base");
      json_builder_add_int_value (b, price->base.minor);
      json_builder_set_member_name (b, "surcharges");
      json_builder_add_int_value (b, price->surcharges.minor);
      json_builder_set_member_name (b, "supplement");
      json_builder_add_int_value (b, price->supplement.minor);
      json_builder_set_member_name (b, "amount");
      json_builder_add_int_value (b, price->total.minor);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return td_json_to_string (root);
}

/* ------------------------------------------------------------------ */
/* booking: the changes are made inside the transaction                */

typedef struct {
  TdDatabase                 *db;
  const TdTourBookingRequest *request;
  const TdTourQuote          *quote;
  const TdDeskTime           *when;
  char                       *booking_id;
  GArray                     *dues;       /* TdPaymentDue */
  GPtrArray                  *rooms;      /* char*: each person's room */
  guint                       step;
  guint                       due_step;
  gboolean                    waitlist_done;
} BookStream;

static gboolean
wants_single (const TdTourBookingRequest *request,
              const TdTourQuote          *quote,
              guint                       i)
{
  const TdTourTraveller *traveller = find_traveller (request, g_ptr_array_index (quote->customer_ids, i));

  if (traveller)
    return traveller->single_room;
  return i == 0 && request->lead_single_room;
}

/* Rooms numbered on from the departure's highest (read inside the
 * transaction): two people to a room in booking order, infants with the
 * room before them, those who asked for a single room alone, and the
 * rooms a request names kept. */
static gboolean
assign_rooms (BookStream  *stream,
              GError     **error)
{
  const TdTourBookingRequest *request = stream->request;
  const TdTourQuote *quote = stream->quote;
  const char *params[] = { request->departure_id };
  gint64 last = _td_tour_count (stream->db,
                                "SELECT coalesce(max(CAST(room AS INTEGER)), 0) FROM tour_participants"
                                " WHERE departure_id = ?1 AND active = 1 AND deleted = 0 AND room GLOB '[0-9]*'",
                                params, 1, error);
  guint shared = 0, in_shared = 0;

  if (last < 0)
    return FALSE;
  stream->rooms = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < quote->people->len; i++)
    {
      const TdPaxPrice *price = &g_array_index (quote->people, TdPaxPrice, i);
      const TdTourTraveller *traveller = find_traveller (request, g_ptr_array_index (quote->customer_ids, i));

      if (traveller && traveller->room && *traveller->room)
        g_ptr_array_add (stream->rooms, g_strdup (traveller->room));
      else if (wants_single (request, quote, i))
        g_ptr_array_add (stream->rooms, g_strdup_printf ("%" G_GINT64_FORMAT, ++last));
      else
        {
          if (shared == 0 || (price->type != TD_PAX_INFANT && in_shared >= 2))
            {
              shared = (guint) ++last;
              in_shared = 0;
            }
          if (price->type != TD_PAX_INFANT)
            in_shared++;
          g_ptr_array_add (stream->rooms, g_strdup_printf ("%u", shared));
        }
    }
  return TRUE;
}

static TdChange *
book_next (gpointer   user_data,
           GError   **error)
{
  BookStream *stream = user_data;
  const TdTourBookingRequest *request = stream->request;
  const TdTourQuote *quote = stream->quote;
  const char *params[] = { request->departure_id, NULL };
  TdChange *change;

  if (stream->step == 0)
    {
      /* inside the transaction: nothing can change what is read now */
      g_autoptr(TdDeparture) departure = td_departure_get (stream->db, request->departure_id, error);
      g_autoptr(TdTourProduct) product = NULL;
      g_autofree char *lines = NULL;
      TdDepartureState state;
      guint wanted = quote->people->len;

      if (departure == NULL)
        return NULL;
      state = td_departure_get_state (departure);
      if (state != TD_DEPARTURE_FULL && !td_departure_state_sells (state))
        {
          g_autofree char *date = td_date_format_iso (departure->start);

          g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_STATE,
                       _("The departure of %s on %s is %s: it takes no bookings"),
                       departure->product_name, date, td_departure_state_get_title (state));
          return NULL;
        }
      if (td_departure_get_free (departure) < wanted)
        {
          g_autofree char *date = td_date_format_iso (departure->start);

          g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_FULL,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The departure of %s on %s has %u seat left; the booking needs %u",
                                    "The departure of %s on %s has %u seats left; the booking needs %u",
                                    td_departure_get_free (departure)),
                       departure->product_name, date, td_departure_get_free (departure), wanted);
          return NULL;
        }
      for (guint i = 0; i < quote->customer_ids->len; i++)
        {
          const char *on[] = { request->departure_id, g_ptr_array_index (quote->customer_ids, i) };
          gint64 n = _td_tour_count (stream->db,
                                     "SELECT count(*) FROM tour_participants WHERE departure_id = ?1"
                                     " AND customer_id = ?2 AND active = 1 AND deleted = 0",
                                     on, 2, error);

          if (n < 0)
            return NULL;
          if (n > 0)
            {
              g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_TAKEN,
                           _("%s is already booked on this departure"),
                           (const char *) g_ptr_array_index (quote->names, i));
              return NULL;
            }
        }
      product = td_tour_product_get (stream->db, departure->product_id, error);
      if (product == NULL || !assign_rooms (stream, error))
        return NULL;
      stream->dues = td_payment_schedule (quote->total.minor, product->deposit_percent, product->instalments,
                                          product->balance_days, stream->when->today, departure->start);

      lines = price_lines_json (quote);
      change = td_change_new_insert ("tour_booking", NULL);
      stream->booking_id = g_strdup (td_change_get_id (change));
      td_change_set_string (change, "departure_id", request->departure_id);
      td_change_set_string (change, "lead_customer_id", request->lead_customer_id);
      td_change_set_string (change, "state", "booked");
      td_change_set_string (change, "price_lines", lines);
      td_change_set_money (change, "discount", quote->discount.minor ? &quote->discount : NULL);
      if (request->discount_reason && *request->discount_reason)
        td_change_set_string (change, "discount_reason", request->discount_reason);
      td_change_set_money (change, "total", &quote->total);
      if (request->sub_agent_id)
        {
          td_change_set_string (change, "sub_agent_id", request->sub_agent_id);
          td_change_set_int (change, "commission_bp", request->commission_bp);
          td_change_set_money (change, "commission", &quote->commission);
        }
      td_change_set_string (change, "contract_state", "none");
      if (request->notes && *request->notes)
        td_change_set_string (change, "notes", request->notes);
      stream->step++;
      return change;
    }

  if (stream->step <= quote->people->len)
    {
      guint i = stream->step - 1;
      const TdPaxPrice *price = &g_array_index (quote->people, TdPaxPrice, i);
      const char *customer_id = g_ptr_array_index (quote->customer_ids, i);
      gboolean single = wants_single (request, quote, i);
      /* the lowest seat free, the seats of this booking's earlier
       * participants (already applied) included */
      gint64 seat = _td_tour_count (stream->db,
                                    "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s"
                                    "  WHERE n < (SELECT capacity FROM tour_departures WHERE id = ?1))"
                                    " SELECT coalesce((SELECT n FROM s WHERE n NOT IN"
                                    "  (SELECT seat FROM tour_participants WHERE departure_id = ?1"
                                    "   AND active = 1 AND deleted = 0 AND seat IS NOT NULL) ORDER BY n LIMIT 1), 0)",
                                    params, 1, error);

      if (seat < 0)
        return NULL;
      change = td_change_new_insert ("tour_participant", NULL);
      td_change_set_string (change, "booking_id", stream->booking_id);
      td_change_set_string (change, "departure_id", request->departure_id);
      td_change_set_string (change, "customer_id", customer_id);
      td_change_set_string (change, "pax_type", td_pax_type_to_string (price->type));
      td_change_set_money (change, "price", &price->total);
      td_change_set_string (change, "room", g_ptr_array_index (stream->rooms, i));
      td_change_set_bool (change, "single_room", single);
      if (seat > 0)
        td_change_set_int (change, "seat", seat);
      td_change_set_bool (change, "active", TRUE);
      stream->step++;
      return change;
    }

  if (stream->due_step < stream->dues->len)
    {
      const TdPaymentDue *due = &g_array_index (stream->dues, TdPaymentDue, stream->due_step++);
      g_autofree char *date = td_date_format_iso (due->due);
      TdMoney amount = quote->total;

      amount.minor = due->amount;
      change = td_change_new_insert ("tour_payment_due", NULL);
      td_change_set_string (change, "booking_id", stream->booking_id);
      td_change_set_string (change, "due_kind", td_due_kind_to_string (due->kind));
      td_change_set_string (change, "due_date", date);
      td_change_set_money (change, "amount", &amount);
      return change;
    }

  while (!stream->waitlist_done)
    {
      /* the lead was waiting for this departure: now booked */
      const char *who[] = { request->departure_id, request->lead_customer_id };
      g_autoptr(GPtrArray) rows = _td_tour_select (stream->db, "tour_waitlist", NULL, NULL,
                                                   "departure_id = ?1 AND customer_id = ?2"
                                                   " AND state IN ('waiting', 'offered')",
                                                   "created_at", who, 2, error);
      JsonObject *record;

      if (rows == NULL)
        return NULL;
      if (rows->len == 0)
        {
          stream->waitlist_done = TRUE;
          break;
        }
      record = g_ptr_array_index (rows, 0);
      change = td_change_new_update ("tour_waitlist", json_object_get_string_member (record, "id"),
                                     _td_tour_int (record, "revision", 0));
      td_change_set_string (change, "state", "booked");
      stream->waitlist_done = TRUE;
      return change;
    }
  return NULL;
}

char *
td_tour_book (TdDatabase                  *db,
              const char                  *actor,
              const TdTourBookingRequest  *request,
              const TdDeskTime            *when,
              GError                     **error)
{
  g_autoptr(TdTourQuote) quote = td_tour_quote (db, request, error);
  g_autoptr(GError) local_error = NULL;
  TdDeskTime now;
  BookStream stream = { 0 };
  gboolean ok;

  if (quote == NULL)
    return NULL;
  if (request->sub_agent_id && !_td_tour_get_live (db, "customer", request->sub_agent_id, _("sub-agent"), error))
    return NULL;
  stream.db = db;
  stream.request = request;
  stream.quote = quote;
  stream.when = td_desk_time_or_now (when, db, &now);
  ok = td_database_commit_stream (db, actor, book_next, &stream, NULL, &local_error);
  g_clear_pointer (&stream.dues, g_array_unref);
  g_clear_pointer (&stream.rooms, g_ptr_array_unref);
  if (!ok)
    {
      g_clear_pointer (&stream.booking_id, g_free);
      /* the trigger is the last word; the check above says it first */
      if (is_tour_refusal (local_error, "tour: departure full"))
        g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_FULL,
                             _("The departure has no seats left for this booking"));
      else if (is_tour_refusal (local_error, "tour_participants.departure_id, tour_participants.customer_id"))
        g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_TAKEN,
                             _("A traveller of this booking is already booked on the departure"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return stream.booking_id;
}

/* ------------------------------------------------------------------ */
/* cancelling                                                         */

void
td_tour_cancellation_free (TdTourCancellation *cancellation)
{
  if (cancellation == NULL)
    return;
  g_free (cancellation->booking_id);
  g_clear_pointer (&cancellation->offered, g_ptr_array_unref);
  g_free (cancellation);
}

TdTourCancellation *
td_tour_cancel (TdDatabase        *db,
                const char        *actor,
                const char        *booking_id,
                const TdDeskTime  *when,
                GError           **error)
{
  g_autoptr(TdTourBooking) booking = td_tour_booking_get (db, booking_id, error);
  g_autoptr(TdTourProduct) product = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) changes = new_changes ();
  g_autoptr(TdTourCancellation) result = g_new0 (TdTourCancellation, 1);
  g_autofree char *now_text = NULL;
  TdDeskTime now;
  TdChange *change;

  if (booking == NULL)
    return NULL;
  if (booking->state == TD_TOUR_BOOKING_CANCELLED)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_STATE,
                   _("The booking of %s is already cancelled"), booking->lead_name);
      return NULL;
    }
  product = td_tour_product_get (db, booking->product_id, error);
  participants = td_tour_participants_list (db, booking_id, error);
  if (product == NULL || participants == NULL)
    return NULL;
  when = td_desk_time_or_now (when, db, &now);
  now_text = td_timestamp_from_unix (when->now);

  result->booking_id = g_strdup (booking_id);
  result->days_before = (int) booking->departure_date - (int) when->today;
  result->percent = td_cancel_tiers_percent (product->cancel_tiers, result->days_before);
  result->fee = booking->total;
  result->fee.minor = td_percent_of (booking->total.minor, result->percent);

  change = td_change_new_update ("tour_booking", booking_id, booking->revision);
  td_change_set_string (change, "state", "cancelled");
  td_change_set_string (change, "cancelled_at", now_text);
  td_change_set_money (change, "cancellation_fee", &result->fee);
  g_ptr_array_add (changes, change);
  /* the seats are free in the same commit */
  for (guint i = 0; i < participants->len; i++)
    {
      TdTourParticipant *participant = g_ptr_array_index (participants, i);

      if (!participant->active)
        continue;
      change = td_change_new_update ("tour_participant", participant->id, participant->revision);
      td_change_set_bool (change, "active", FALSE);
      g_ptr_array_add (changes, change);
      result->seats_freed++;
    }
  if (!td_database_commit (db, actor, changes, error))
    return NULL;

  /* offered to the waiting list; the booking is cancelled whatever happens here */
  result->offered = td_tour_waitlist_offer (db, actor, booking->departure_id, NULL);
  if (result->offered == NULL)
    result->offered = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_waiting_free);
  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------ */
/* payments                                                           */

void
td_tour_due_free (TdTourDue *due)
{
  if (due == NULL)
    return;
  g_free (due->id);
  g_free (due->booking_id);
  g_free (due);
}

GPtrArray *
td_tour_dues_list (TdDatabase  *db,
                   const char  *booking_id,
                   GError     **error)
{
  const char *params[] = { booking_id };
  g_autoptr(GPtrArray) rows = _td_tour_select (db, "tour_payment_due", NULL, NULL, "booking_id = ?1",
                                               "due_date, created_at", params, 1, error);
  GPtrArray *dues;

  if (rows == NULL)
    return NULL;
  dues = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_due_free);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *record = g_ptr_array_index (rows, i);
      TdTourDue *due = g_new0 (TdTourDue, 1);
      g_autofree char *kind = _td_tour_dup (record, "due_kind");

      due->id = _td_tour_dup (record, "id");
      due->booking_id = _td_tour_dup (record, "booking_id");
      td_due_kind_from_string (kind, &due->kind);
      due->due = _td_tour_date (record, "due_date");
      _td_tour_money (record, "amount", &due->amount);
      g_ptr_array_add (dues, due);
    }
  return dues;
}

static const char *const payment_methods[] = { "cash", "card", "transfer", "wechat", "alipay", "other", NULL };

char *
td_tour_pay (TdDatabase        *db,
             const char        *actor,
             const char        *booking_id,
             const TdMoney     *amount,
             const char        *method,
             const char        *reference,
             const TdDeskTime  *when,
             GError           **error)
{
  g_autoptr(TdTourBooking) booking = td_tour_booking_get (db, booking_id, error);
  g_autoptr(GPtrArray) dues = NULL;
  g_autoptr(GPtrArray) changes = new_changes ();
  g_autofree char *now_text = NULL;
  g_autofree char *id = NULL;
  TdDeskTime now;
  TdChange *change;
  gint64 balance, deposit = 0;

  if (booking == NULL)
    return NULL;
  /* the folio's spelling too ("bank-card" is "card"): td-payment-method.h */
  {
    TdPaymentMethod known;

    if (td_payment_method_parse (method, &known) && td_payment_method_to_tour (known))
      method = td_payment_method_to_tour (known);
  }
  if (method == NULL || !g_strv_contains (payment_methods, method))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) payment_methods);

      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                   _("“%s” is not a payment method (allowed: %s)"), method ? method : "", allowed);
      return NULL;
    }
  if (strcmp (amount->currency, booking->total.currency) != 0)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                   _("The booking is in %s, not %s"), booking->total.currency, amount->currency);
      return NULL;
    }
  balance = td_tour_booking_get_balance (booking);
  if (amount->minor == 0 || (amount->minor > 0 && amount->minor > balance)
      || (amount->minor < 0 && amount->minor < MIN (balance, 0)))
    {
      TdMoney left = booking->total;
      g_autofree char *text = NULL;

      left.minor = balance;
      text = td_money_format (&left);
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                   _("The booking has %s left to pay: a payment must be more than nothing and not above it "
                     "(a refund: a negative amount, not above what was overpaid)"), text);
      return NULL;
    }
  dues = td_tour_dues_list (db, booking_id, error);
  if (dues == NULL)
    return NULL;
  for (guint i = 0; i < dues->len; i++)
    {
      TdTourDue *due = g_ptr_array_index (dues, i);

      if (due->kind == TD_DUE_DEPOSIT || (i == 0 && due->kind == TD_DUE_BALANCE))
        deposit += due->amount.minor;
    }
  when = td_desk_time_or_now (when, db, &now);
  now_text = td_timestamp_from_unix (when->now);
  change = td_change_new_insert ("tour_payment", NULL);
  id = g_strdup (td_change_get_id (change));
  td_change_set_string (change, "booking_id", booking_id);
  td_change_set_money (change, "amount", amount);
  td_change_set_string (change, "method", method);
  td_change_set_string (change, "paid_at", now_text);
  if (reference && *reference)
    td_change_set_string (change, "reference", reference);
  g_ptr_array_add (changes, change);
  if (booking->state == TD_TOUR_BOOKING_BOOKED && booking->paid.minor + amount->minor >= deposit)
    {
      change = td_change_new_update ("tour_booking", booking_id, booking->revision);
      td_change_set_string (change, "state", "confirmed");
      g_ptr_array_add (changes, change);
    }
  if (!td_database_commit (db, actor, changes, error))
    return NULL;
  return g_steal_pointer (&id);
}

void
td_tour_payment_due_free (TdTourPaymentDue *due)
{
  if (due == NULL)
    return;
  g_free (due->booking_id);
  g_free (due->lead_name);
  g_free (due->product_name);
  g_free (due);
}

static int
compare_payment_dues (gconstpointer a,
                      gconstpointer b)
{
  const TdTourPaymentDue *da = *(TdTourPaymentDue **) a, *db = *(TdTourPaymentDue **) b;

  return da->due < db->due ? -1 : da->due > db->due ? 1 : 0;
}

GPtrArray *
td_tour_payments_due (TdDatabase        *db,
                      guint32            by,
                      const TdDeskTime  *when,
                      GError           **error)
{
  g_autoptr(GPtrArray) bookings = select_bookings (db, "state <> 'cancelled' AND ?1 IS NULL", NULL, error);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_payment_due_free);
  TdDeskTime now;

  if (bookings == NULL)
    return NULL;
  when = td_desk_time_or_now (when, db, &now);
  for (guint i = 0; i < bookings->len; i++)
    {
      TdTourBooking *booking = g_ptr_array_index (bookings, i);
      g_autoptr(GPtrArray) dues = td_tour_dues_list (db, booking->id, error);
      gint64 cumulative = 0, owed_by = 0;
      guint32 first_unpaid = 0;

      if (dues == NULL)
        return NULL;
      for (guint d = 0; d < dues->len; d++)
        {
          TdTourDue *due = g_ptr_array_index (dues, d);

          cumulative += due->amount.minor;
          if (first_unpaid == 0 && cumulative > booking->paid.minor)
            first_unpaid = due->due;
          if (due->due <= by)
            owed_by = cumulative;
        }
      if (owed_by > booking->paid.minor && first_unpaid)
        {
          TdTourPaymentDue *item = g_new0 (TdTourPaymentDue, 1);

          item->booking_id = g_strdup (booking->id);
          item->lead_name = g_strdup (booking->lead_name);
          item->product_name = g_strdup (booking->product_name);
          item->departure_date = booking->departure_date;
          item->due = first_unpaid;
          item->amount = booking->total;
          item->amount.minor = owed_by - booking->paid.minor;
          item->overdue = first_unpaid < when->today;
          g_ptr_array_add (result, item);
        }
    }
  g_ptr_array_sort (result, compare_payment_dues);
  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------ */
/* the waiting list                                                   */

void
td_tour_waiting_free (TdTourWaiting *waiting)
{
  if (waiting == NULL)
    return;
  g_free (waiting->id);
  g_free (waiting->departure_id);
  g_free (waiting->customer_id);
  g_free (waiting->name);
  g_free (waiting->phone);
  g_free (waiting->offered_at);
  g_free (waiting->notes);
  g_free (waiting->created_at);
  g_free (waiting);
}

static void
read_waiting_extra (sqlite3_stmt *stmt,
                    int           count,
                    JsonObject   *record)
{
  const char *name = (const char *) sqlite3_column_text (stmt, count - 2);
  const char *phone = (const char *) sqlite3_column_text (stmt, count - 1);

  if (name)
    json_object_set_string_member (record, "name", name);
  if (phone)
    json_object_set_string_member (record, "phone", phone);
}

static GPtrArray *
select_waiting (TdDatabase  *db,
                const char  *where,
                const char  *param,
                GError     **error)
{
  const char *params[] = { param };
  g_autoptr(GPtrArray) rows = _td_tour_select (db, "tour_waitlist",
                                               "(SELECT name FROM customers c WHERE c.id = tour_waitlist.customer_id), "
                                               "(SELECT phone FROM customers c WHERE c.id = tour_waitlist.customer_id)",
                                               read_waiting_extra, where, "created_at, id", params, 1, error);
  GPtrArray *list;

  if (rows == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_waiting_free);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *record = g_ptr_array_index (rows, i);
      TdTourWaiting *waiting = g_new0 (TdTourWaiting, 1);
      g_autofree char *state = _td_tour_dup (record, "state");

      waiting->id = _td_tour_dup (record, "id");
      waiting->revision = _td_tour_int (record, "revision", 0);
      waiting->departure_id = _td_tour_dup (record, "departure_id");
      waiting->customer_id = _td_tour_dup (record, "customer_id");
      waiting->name = _td_tour_dup (record, "name");
      waiting->phone = _td_tour_dup (record, "phone");
      waiting->pax = (guint) _td_tour_int (record, "pax", 1);
      td_waiting_state_from_string (state, &waiting->state);
      waiting->offered_at = _td_tour_dup (record, "offered_at");
      waiting->notes = _td_tour_dup (record, "notes");
      waiting->created_at = _td_tour_dup (record, "created_at");
      g_ptr_array_add (list, waiting);
    }
  return list;
}

GPtrArray *
td_tour_waitlist_list (TdDatabase  *db,
                       const char  *departure_id,
                       GError     **error)
{
  return select_waiting (db, "departure_id = ?1", departure_id, error);
}

char *
td_tour_waitlist_add (TdDatabase  *db,
                      const char  *actor,
                      const char  *departure_id,
                      const char  *customer_id,
                      guint        pax,
                      const char  *notes,
                      GError     **error)
{
  g_autoptr(TdDeparture) departure = td_departure_get (db, departure_id, error);
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(GPtrArray) changes = new_changes ();
  TdChange *change;

  if (departure == NULL)
    return NULL;
  customer = _td_tour_get_live (db, "customer", customer_id, _("customer"), error);
  if (customer == NULL)
    return NULL;
  if (pax < 1 || pax > departure->capacity)
    {
      g_set_error (error, TD_TOUR_ERROR, TD_TOUR_ERROR_INVALID,
                   _("A party on the waiting list is 1 to %u people"), departure->capacity);
      return NULL;
    }
  change = td_change_new_insert ("tour_waitlist", NULL);
  td_change_set_string (change, "departure_id", departure_id);
  td_change_set_string (change, "customer_id", customer_id);
  td_change_set_int (change, "pax", pax);
  td_change_set_string (change, "state", "waiting");
  if (notes && *notes)
    td_change_set_string (change, "notes", notes);
  g_ptr_array_add (changes, change);
  if (!td_database_commit (db, actor, changes, error))
    return NULL;
  return g_strdup (td_change_get_id (change));
}

gboolean
td_tour_waitlist_set_state (TdDatabase      *db,
                            const char      *actor,
                            const char      *id,
                            TdWaitingState   state,
                            GError         **error)
{
  g_autoptr(JsonObject) record = _td_tour_get_live (db, "tour_waitlist", id, _("waiting list entry"), error);
  g_autoptr(GPtrArray) changes = new_changes ();
  TdChange *change;

  if (record == NULL)
    return FALSE;
  change = td_change_new_update ("tour_waitlist", id, _td_tour_int (record, "revision", 0));
  td_change_set_string (change, "state", td_waiting_state_to_string (state));
  if (state == TD_WAITING_OFFERED)
    {
      g_autofree char *now = td_timestamp_now ();

      td_change_set_string (change, "offered_at", now);
    }
  g_ptr_array_add (changes, change);
  return td_database_commit (db, actor, changes, error);
}

GPtrArray *
td_tour_waitlist_offer (TdDatabase  *db,
                        const char  *actor,
                        const char  *departure_id,
                        GError     **error)
{
  g_autoptr(TdDeparture) departure = td_departure_get (db, departure_id, error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) offered = g_ptr_array_new_with_free_func ((GDestroyNotify) td_tour_waiting_free);
  g_autoptr(GPtrArray) changes = new_changes ();
  g_autofree char *now = td_timestamp_now ();
  guint free_seats;

  if (departure == NULL)
    return NULL;
  list = td_tour_waitlist_list (db, departure_id, error);
  if (list == NULL)
    return NULL;
  free_seats = td_departure_get_free (departure);
  /* seats already offered are kept for those they were offered to */
  for (guint i = 0; i < list->len; i++)
    {
      TdTourWaiting *waiting = g_ptr_array_index (list, i);

      if (waiting->state == TD_WAITING_OFFERED)
        free_seats = free_seats > waiting->pax ? free_seats - waiting->pax : 0;
    }
  for (guint i = 0; i < list->len && free_seats > 0; i++)
    {
      TdTourWaiting *waiting = g_ptr_array_index (list, i);
      TdChange *change;

      if (waiting->state != TD_WAITING_WAITING || waiting->pax > free_seats)
        continue;
      change = td_change_new_update ("tour_waitlist", waiting->id, waiting->revision);
      td_change_set_string (change, "state", "offered");
      td_change_set_string (change, "offered_at", now);
      g_ptr_array_add (changes, change);
      free_seats -= waiting->pax;
      waiting->state = TD_WAITING_OFFERED;
      g_free (waiting->offered_at);
      waiting->offered_at = g_strdup (now);
      g_ptr_array_add (offered, g_ptr_array_steal_index (list, i));
      i--;
    }
  if (changes->len > 0 && !td_database_commit (db, actor, changes, error))
    return NULL;
  return g_steal_pointer (&offered);
}

/* ------------------------------------------------------------------ */
/* travel documents                                                   */

void
td_travel_document_problem_free (TdTravelDocumentProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->customer_id);
  g_free (problem->name);
  g_free (problem->document);
  g_free (problem->problem);
  g_free (problem);
}

static const char *
id_type_title (const char *type)
{
  static const struct { const char *type; const char *title; } titles[] = {
    { "resident-id", N_("resident identity card") },
    { "passport", N_("passport") },
    { "hk-macao-permit", N_("Hong Kong and Macao travel permit") },
    { "taiwan-permit", N_("Taiwan travel permit") },
    { "foreign-passport", N_("foreign passport") },
    { "other", N_("identity document") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (type, titles[i].type) == 0)
      return _(titles[i].title);
  return _("identity document");
}

/* Each document of a customer: the main one on the record, then the
 * customer_document records. Flags the customer when none with a number
 * is valid to the last day of the trip (an unknown expiry is valid). */
static TdTravelDocumentProblem *
check_documents (TdDatabase  *db,
                 const char  *customer_id,
                 guint32      last_day,
                 GError     **error)
{
  g_autoptr(JsonObject) customer = td_database_get_record (db, "customer", customer_id, error);
  const char *params[] = { customer_id };
  g_autoptr(GPtrArray) documents = NULL;
  TdTravelDocumentProblem *problem;
  g_autofree char *best = NULL;
  guint32 best_expiry = 0;
  gboolean any = FALSE;

  if (customer == NULL)
    return NULL;
  documents = _td_tour_select (db, "customer_document", NULL, NULL, "customer_id = ?1", "expiry DESC",
                               params, 1, error);
  if (documents == NULL)
    return NULL;
  g_ptr_array_insert (documents, 0, json_object_ref (customer));
  for (guint i = 0; i < documents->len; i++)
    {
      JsonObject *document = g_ptr_array_index (documents, i);
      gboolean main = i == 0;
      g_autofree char *type = _td_tour_dup (document, main ? "id_type" : "doc_type");
      g_autofree char *number = _td_tour_dup (document, main ? "id_number" : "number");
      guint32 expiry = _td_tour_date (document, main ? "id_expiry" : "expiry");

      if (number == NULL || *number == '\0')
        continue;
      any = TRUE;
      if (expiry == 0 || expiry >= last_day)
        return g_new0 (TdTravelDocumentProblem, 1);  /* valid: an empty problem */
      if (best == NULL || expiry > best_expiry)
        {
          g_free (best);
          best = g_strdup_printf ("%s %s", id_type_title (type), number);
          best_expiry = expiry;
        }
    }
  problem = g_new0 (TdTravelDocumentProblem, 1);
  problem->customer_id = g_strdup (customer_id);
  problem->name = _td_tour_dup (customer, "name");
  if (!any)
    problem->problem = g_strdup (_("No identity document on file"));
  else
    {
      g_autofree char *expiry = td_date_format_iso (best_expiry);
      g_autofree char *end = td_date_format_iso (last_day);

      problem->document = g_steal_pointer (&best);
      problem->expiry = best_expiry;
      problem->problem = g_strdup_printf (_("The %s expires on %s, before the trip ends on %s"),
                                          problem->document, expiry, end);
    }
  return problem;
}

TdTravelDocumentProblem *
td_travel_document_check (TdDatabase  *db,
                          const char  *customer_id,
                          guint32      last_day,
                          GError     **error)
{
  TdTravelDocumentProblem *problem = check_documents (db, customer_id, last_day, error);

  if (problem && problem->problem == NULL)
    g_clear_pointer (&problem, td_travel_document_problem_free);
  return problem;
}

GPtrArray *
td_tour_document_problems (TdDatabase  *db,
                           const char  *departure_id,
                           const char  *booking_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) td_travel_document_problem_free);
  g_autoptr(TdDeparture) departure = NULL;

  if (booking_id)
    {
      g_autoptr(TdTourBooking) booking = td_tour_booking_get (db, booking_id, error);

      if (booking == NULL)
        return NULL;
      departure = td_departure_get (db, booking->departure_id, error);
      participants = td_tour_participants_list (db, booking_id, error);
    }
  else
    {
      departure = td_departure_get (db, departure_id, error);
      participants = td_tour_rooming_list (db, departure_id, error);
    }
  if (departure == NULL || participants == NULL)
    return NULL;
  for (guint i = 0; i < participants->len; i++)
    {
      TdTourParticipant *participant = g_ptr_array_index (participants, i);
      TdTravelDocumentProblem *problem;

      if (!participant->active)
        continue;
      g_autoptr(GError) local_error = NULL;

      problem = td_travel_document_check (db, participant->customer_id, departure->end - 1, &local_error);
      if (local_error)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (problem)
        g_ptr_array_add (problems, problem);
    }
  return g_steal_pointer (&problems);
}

gboolean
td_tour_booking_set_contract (TdDatabase       *db,
                              const char       *actor,
                              const char       *booking_id,
                              TdContractState   state,
                              GError          **error)
{
  g_autoptr(TdTourBooking) booking = td_tour_booking_get (db, booking_id, error);
  g_autoptr(GPtrArray) changes = new_changes ();
  TdChange *change;

  if (booking == NULL)
    return FALSE;
  if (booking->contract_state == TD_CONTRACT_SIGNED && state != TD_CONTRACT_SIGNED)
    {
      g_set_error_literal (error, TD_TOUR_ERROR, TD_TOUR_ERROR_STATE,
                           _("The contract is signed already"));
      return FALSE;
    }
  change = td_change_new_update ("tour_booking", booking_id, booking->revision);
  td_change_set_string (change, "contract_state", td_contract_state_to_string (state));
  if (state == TD_CONTRACT_SIGNED)
    {
      g_autofree char *now = td_timestamp_now ();

      td_change_set_string (change, "contract_signed_at", now);
    }
  g_ptr_array_add (changes, change);
  return td_database_commit (db, actor, changes, error);
}
