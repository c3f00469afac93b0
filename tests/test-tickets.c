/* test-tickets.c: attraction tickets: codes, capacity, validation, the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "td-test-utils.h"

static const char base32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static char *
today_iso (void)
{
  return td_date_format_iso (td_today_julian ("Asia/Shanghai"));
}

/* a workspace with one attraction (adult 80.00, child 40.00) */
static TdDatabase *
ticket_workspace (const char  *name,
                  char       **poi_id)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdDatabase *db = td_test_workspace (name, TD_PROFILE_AGENCY);
  TdChange *poi = td_change_new_insert ("poi", NULL);
  TdMoney price;

  td_change_set_string (poi, "name", "少林寺");
  td_change_set_string (poi, "name_en", "Shaolin Temple");
  td_change_set_string (poi, "category", "attraction");
  td_change_set_double (poi, "lat", 34.5082);
  td_change_set_double (poi, "lon", 112.9354);
  g_ptr_array_add (changes, poi);
  td_database_commit (db, "test", changes, &error);
  g_assert_no_error (error);
  *poi_id = g_strdup (td_change_get_id (poi));
  td_database_set_setting (db, TD_SETTING_TIME_ZONE, "Asia/Shanghai", &error);
  g_assert_no_error (error);

  td_money_init (&price, 8000, "CNY", NULL);
  td_tickets_set_price (db, "test", *poi_id, TD_TICKET_ADULT, &price, &error);
  g_assert_no_error (error);
  td_money_init (&price, 4000, "CNY", NULL);
  td_tickets_set_price (db, "test", *poi_id, TD_TICKET_CHILD, &price, &error);
  g_assert_no_error (error);
  return db;
}

static TdSlot *
add_slot (TdDatabase *db,
          const char *poi_id,
          const char *date,
          const char *start,
          gint64      capacity)
{
  g_autoptr(GError) error = NULL;
  TdSlot *slot = td_tickets_add_slot (db, "test", poi_id, date, start, NULL, capacity, &error);

  g_assert_no_error (error);
  g_assert_nonnull (slot);
  return slot;
}

static GPtrArray *
sell (TdDatabase    *db,
      const char    *poi_id,
      const char    *date,
      const char    *start,
      TdTicketType   type,
      guint          count,
      GError       **error)
{
  TdTicketSale sale = { .poi_id = poi_id, .date = date, .start_time = start, .type = type, .count = count };

  return td_tickets_sell (db, "test", &sale, error);
}

/* ------------------------------------------------------------------ */
/* codes                                                              */

static void
test_code_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTicketKey) key = td_ticket_key_generate (&error);
  g_autoptr(TdTicketKey) again = NULL;
  g_autoptr(TdTicketKey) public_only = NULL;
  g_autofree char *text = NULL, *pem = NULL, *code = NULL, *spaced = NULL;
  TdTicketCodeData data = { 0 }, back;

  g_assert_no_error (error);
  g_strlcpy (data.ticket_id, "0b5c1d9e-2f3a-4b6c-8d7e-9f0a1b2c3d4e", sizeof data.ticket_id);
  g_strlcpy (data.attraction_id, "6f1c2a3b-0000-4000-8000-000000000003", sizeof data.attraction_id);
  td_date_parse_iso ("2026-11-22", &data.date, NULL);
  data.start_minutes = 10 * 60 + 30;
  data.type = TD_TICKET_STUDENT;

  code = td_ticket_code_sign (key, &data, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (code), ==, TD_TICKET_CODE_LENGTH);
  g_assert_cmpuint (strspn (code, base32), ==, TD_TICKET_CODE_LENGTH);
  g_assert_true (td_ticket_code_verify (key, code, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (back.ticket_id, ==, data.ticket_id);
  g_assert_cmpstr (back.attraction_id, ==, data.attraction_id);
  g_assert_cmpuint (back.date, ==, data.date);
  g_assert_cmpuint (back.start_minutes, ==, 630);
  g_assert_cmpint (back.type, ==, TD_TICKET_STUDENT);
  g_assert_cmpuint (back.key_id, ==, td_ticket_key_get_id (key));

  /* typed in lower case with spaces: the same code */
  spaced = g_ascii_strdown (code, -1);
  spaced[20] = ' ';
  memmove (spaced + 21, code + 20, strlen (code + 20) + 1);
  {
    g_autofree char *lower = g_ascii_strdown (spaced, -1);

    g_assert_true (td_ticket_code_verify (key, lower, &back, &error));
    g_assert_no_error (error);
  }

  /* the key kept as text signs the same way; the public key only checks */
  text = td_ticket_key_to_text (key);
  again = td_ticket_key_new_from_text (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_ticket_key_get_id (again), ==, td_ticket_key_get_id (key));
  pem = td_ticket_key_export_public (key, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN PUBLIC KEY-----"));
  public_only = td_ticket_key_new_from_public_pem (pem, strlen (pem), &error);
  g_assert_no_error (error);
  g_assert_false (td_ticket_key_can_sign (public_only));
  g_assert_true (td_ticket_code_verify (public_only, code, &back, &error));
  g_assert_no_error (error);
}

static void
test_code_altered_and_forged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTicketKey) key = td_ticket_key_generate (&error);
  g_autoptr(TdTicketKey) other = td_ticket_key_generate (&error);
  g_autofree char *code = NULL, *forged = NULL;
  TdTicketCodeData data = { 0 }, back;
  guint forged_count = 0;

  g_strlcpy (data.ticket_id, "0b5c1d9e-2f3a-4b6c-8d7e-9f0a1b2c3d4e", sizeof data.ticket_id);
  g_strlcpy (data.attraction_id, "6f1c2a3b-0000-4000-8000-000000000003", sizeof data.attraction_id);
  td_date_parse_iso ("2026-11-22", &data.date, NULL);
  data.start_minutes = 9 * 60;
  data.type = TD_TICKET_ADULT;
  code = td_ticket_code_sign (key, &data, &error);
  g_assert_no_error (error);

  /* every character changed, one at a time: never accepted */
  for (guint i = 0; i < TD_TICKET_CODE_LENGTH; i++)
    {
      g_autofree char *altered = g_strdup (code);
      const char *at = strchr (base32, altered[i]);

      altered[i] = base32[((at - base32) + 1 + i % 31) % 32];
      g_assert_false (td_ticket_code_verify (key, altered, &back, &error));
      g_assert_true (g_error_matches (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_FORGED));
      forged_count++;
      g_clear_error (&error);
    }
  g_assert_cmpuint (forged_count, ==, TD_TICKET_CODE_LENGTH);

  /* a later date in an otherwise genuine code: the signature breaks */
  {
    TdTicketCodeData later = data;
    g_autofree char *signed_later = NULL;
    g_autofree char *mixed = NULL;

    later.date++;
    signed_later = td_ticket_code_sign (other, &later, &error);
    g_assert_no_error (error);
    /* the fields of one code with the signature of the genuine one */
    mixed = g_strdup (signed_later);
    memcpy (mixed + 70, code + 70, TD_TICKET_CODE_LENGTH - 70);
    g_assert_false (td_ticket_code_verify (key, mixed, &back, &error));
    g_assert_true (g_error_matches (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_FORGED));
    g_clear_error (&error);
  }

  /* the same fields signed with another key: forged for this one */
  forged = td_ticket_code_sign (other, &data, &error);
  g_assert_no_error (error);
  g_assert_false (td_ticket_code_verify (key, forged, &back, &error));
  g_assert_true (g_error_matches (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_FORGED));
  g_clear_error (&error);

  /* not a code at all */
  g_assert_false (td_ticket_code_verify (key, "hello", &back, &error));
  g_assert_true (g_error_matches (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_MALFORMED));
  g_clear_error (&error);
  g_assert_false (td_ticket_code_verify (key, "", &back, &error));
  g_assert_true (g_error_matches (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_MALFORMED));
}

/* ------------------------------------------------------------------ */
/* selling                                                            */

static void
test_sell_capacity (void)
{
  g_autofree char *poi_id = NULL;
  g_autoptr(TdDatabase) db = ticket_workspace ("capacity.tourdesk", &poi_id);
  g_autofree char *date = today_iso ();
  g_autoptr(TdSlot) slot = add_slot (db, poi_id, date, "09:00", 3);
  g_autoptr(TdSlot) after = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  TdTicket *ticket;

  g_assert_cmpint (td_slot_get_available (slot), ==, 3);
  tickets = sell (db, poi_id, date, "09:00", TD_TICKET_CHILD, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tickets->len, ==, 2);
  ticket = g_ptr_array_index (tickets, 0);
  g_assert_cmpstr (ticket->attraction, ==, "少林寺");
  g_assert_cmpint (ticket->price.minor, ==, 4000);
  g_assert_cmpstr (ticket->state, ==, "sold");
  g_assert_false (ticket->offline);
  g_assert_cmpstr (ticket->code, !=, ((TdTicket *) g_ptr_array_index (tickets, 1))->code);
  g_clear_pointer (&tickets, g_ptr_array_unref);

  /* two more than the one left: refused whole, with what is left */
  tickets = sell (db, poi_id, date, "09:00", TD_TICKET_ADULT, 2, &error);
  g_assert_null (tickets);
  g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_SOLD_OUT);
  g_assert_nonnull (strstr (error->message, "Only 1 place"));
  g_clear_error (&error);
  g_assert_cmpint (td_database_count (db, "ticket", NULL), ==, 2);

  tickets = sell (db, poi_id, date, "09:00", TD_TICKET_ADULT, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&tickets, g_ptr_array_unref);
  after = td_tickets_get_slot (db, poi_id, date, "09:00", &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->sold, ==, 3);
  g_assert_cmpint (td_slot_get_available (after), ==, 0);

  /* no such slot, no such price, no such holder: named */
  tickets = sell (db, poi_id, date, "10:00", TD_TICKET_ADULT, 1, &error);
  g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "10:00"));
  g_clear_error (&error);
  {
    g_autoptr(TdSlot) other = add_slot (db, poi_id, date, "11:00", 10);

    tickets = sell (db, poi_id, date, "11:00", TD_TICKET_SENIOR, 1, &error);
    g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    TdTicketSale sale = { .poi_id = poi_id, .date = date, .start_time = "11:00", .type = TD_TICKET_ADULT,
                          .count = 1, .customer_id = "6f1c2a3b-0000-4000-8000-0000000000ff" };

    g_assert_null (td_tickets_sell (db, "test", &sale, &error));
    g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  tickets = sell (db, poi_id, "2026-02-30", "11:00", TD_TICKET_ADULT, 1, &error);
  g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID);
  g_clear_error (&error);
  tickets = sell (db, poi_id, date, "11:00", TD_TICKET_ADULT, 0, &error);
  g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_INVALID);
}

/* Offline, the platform's quota as of the last sync bounds the sale, and
 * the database enforces it even past the early check. */
static void
test_sell_offline_quota (void)
{
  g_autofree char *poi_id = NULL;
  g_autoptr(TdDatabase) db = ticket_workspace ("quota.tourdesk", &poi_id);
  g_autofree char *date = today_iso ();
  g_autoptr(GPtrArray) attractions = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSlot) slot = NULL;
  g_autoptr(JsonArray) catalogue = json_array_new ();
  g_autofree char *json = g_strdup_printf ("{\"attractions\": [{\"id\": \"p1\", \"name\": \"Shaolin Temple\", "
                                           "\"slots\": [{\"id\": \"s1\", \"date\": \"%s\", \"start\": \"14:00\", "
                                           "\"end\": \"16:00\", \"capacity\": 100, \"remaining\": 2}]}, "
                                           "{\"id\": \"p2\", \"name\": \"Not ours\", \"slots\": []}]}", date);
  g_autoptr(JsonObject) parsed = td_test_parse_json (json);
  guint n_slots = 0;
  TdTicketSale sale = { .poi_id = poi_id, .date = date, .start_time = "14:00", .type = TD_TICKET_ADULT,
                        .count = 3, .offline = TRUE };

  td_tickets_apply_catalogue (db, "test", json_object_get_array_member (parsed, "attractions"),
                              "2026-11-22T00:00:00Z", &n_slots, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_slots, ==, 1);
  slot = td_tickets_get_slot (db, poi_id, date, "14:00", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (slot->platform_id, ==, "s1");
  g_assert_cmpstr (slot->end_time, ==, "16:00");
  g_assert_cmpint (slot->quota, ==, 2);
  g_assert_cmpstr (slot->quota_as_of, ==, "2026-11-22T00:00:00Z");
  g_assert_cmpint (td_slot_get_available (slot), ==, 2);

  g_assert_null (td_tickets_sell (db, "test", &sale, &error));
  g_assert_error (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_SOLD_OUT);
  g_assert_nonnull (strstr (error->message, "quota"));
  g_clear_error (&error);

  sale.count = 2;
  tickets = td_tickets_sell (db, "test", &sale, &error);
  g_assert_no_error (error);
  g_assert_true (((TdTicket *) g_ptr_array_index (tickets, 0))->offline);
  g_clear_pointer (&tickets, g_ptr_array_unref);

  /* past the early check (as a confirmed sale would be), straight at the
   * database: its trigger refuses the third offline ticket */
  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    g_autofree char *desk = td_database_dup_setting (db, TD_SETTING_DESK_ID);
    TdChange *change = td_change_new_insert ("ticket", NULL);
    TdMoney price;

    td_money_init (&price, 8000, "CNY", NULL);
    td_change_set_string (change, "code", "HANDMADE");
    td_change_set_string (change, "poi_id", poi_id);
    td_change_set_string (change, "slot_id", slot->id);
    td_change_set_string (change, "date", date);
    td_change_set_string (change, "start_time", "14:00");
    td_change_set_string (change, "type", "adult");
    td_change_set_money (change, "price", &price);
    td_change_set_string (change, "state", "sold");
    td_change_set_string (change, "desk_id", desk);
    td_change_set_bool (change, "offline", TRUE);
    g_ptr_array_add (changes, change);
    g_assert_false (td_database_commit (db, "test", changes, &error));
    g_assert_nonnull (strstr (error->message, "tourdesk-quota-used"));
    g_clear_error (&error);
  }

  /* the platform was told: no longer pending, the next sync's quota rules */
  tickets = td_tickets_list_unreported (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tickets->len, ==, 2);
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < tickets->len; i++)
      g_ptr_array_add (ids, g_strdup (((TdTicket *) g_ptr_array_index (tickets, i))->id));
    td_tickets_mark_confirmed (db, "test", ids, "b0000000-0000-4000-8000-000000000001", &error);
    g_assert_no_error (error);
  }
  g_clear_pointer (&tickets, g_ptr_array_unref);
  tickets = td_tickets_list_unreported (db, &error);
  g_assert_cmpuint (tickets->len, ==, 0);
  td_tickets_set_quota (db, slot->id, 5, "2026-11-22T01:00:00Z", &error);
  g_assert_no_error (error);
  /* an older answer never replaces a newer one */
  td_tickets_set_quota (db, slot->id, 50, "2026-11-21T01:00:00Z", &error);
  g_clear_pointer (&slot, td_slot_free);
  slot = td_tickets_get_slot (db, poi_id, date, "14:00", &error);
  g_assert_cmpint (slot->quota, ==, 5);
  g_assert_cmpint (td_slot_get_available (slot), ==, 5);
}

/* ------------------------------------------------------------------ */
/* validation                                                         */

static void
test_validate (void)
{
  g_autofree char *poi_id = NULL;
  g_autoptr(TdDatabase) db = ticket_workspace ("validate.tourdesk", &poi_id);
  g_autoptr(TdDatabase) second = NULL;
  g_autofree char *date = today_iso ();
  g_autofree char *tomorrow = td_date_format_iso (td_today_julian ("Asia/Shanghai") + 1);
  g_autoptr(TdSlot) slot = add_slot (db, poi_id, date, "09:00", 10);
  g_autoptr(TdSlot) later = add_slot (db, poi_id, tomorrow, "09:00", 10);
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GPtrArray) tomorrows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdTicketCheck) check = NULL;
  g_autofree char *altered = NULL;
  const char *code;

  tickets = sell (db, poi_id, date, "09:00", TD_TICKET_ADULT, 2, &error);
  g_assert_no_error (error);
  code = ((TdTicket *) g_ptr_array_index (tickets, 0))->code;

  /* an altered copy is refused and marks nothing */
  altered = g_strdup (code);
  altered[40] = altered[40] == 'A' ? 'B' : 'A';
  check = td_tickets_validate (db, "gate", altered, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->verdict, ==, TD_TICKET_CHECK_FORGED);
  g_assert_null (check->ticket);
  g_clear_pointer (&check, td_ticket_check_free);

  check = td_tickets_validate (db, "gate", code, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->verdict, ==, TD_TICKET_CHECK_VALID);
  g_assert_cmpstr (check->ticket->state, ==, "used");
  g_assert_nonnull (check->ticket->used_at);
  g_clear_pointer (&check, td_ticket_check_free);

  /* a second check, on another connection: already used, with when */
  second = td_database_open (td_database_get_path (db), TD_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  check = td_tickets_validate (second, "gate 2", code, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->verdict, ==, TD_TICKET_CHECK_USED);
  g_assert_nonnull (check->ticket->used_at);
  g_assert_nonnull (strstr (check->message, "Already used"));
  g_clear_pointer (&check, td_ticket_check_free);
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM tickets WHERE state = 'used'"), ==, 1);

  /* a stale read cannot mark it twice: the revision read no longer matches */
  {
    g_autoptr(TdTicket) stale = td_tickets_get (db, code, &error);
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    TdChange *change = td_change_new_update ("ticket", stale->id, stale->revision - 1);

    td_change_set_string (change, "state", "used");
    td_change_set_string (change, "used_at", "2030-01-01T00:00:00Z");
    g_ptr_array_add (changes, change);
    g_assert_false (td_database_commit (db, "gate", changes, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT);
    g_clear_error (&error);
  }
  /* used never goes back to sold */
  g_assert_cmpint (td_test_query_int (db, "SELECT count(*) FROM tickets WHERE used_at LIKE '2030%'"), ==, 0);

  /* tomorrow's ticket today: genuine, not marked */
  tomorrows = sell (db, poi_id, tomorrow, "09:00", TD_TICKET_CHILD, 1, &error);
  g_assert_no_error (error);
  check = td_tickets_validate (db, "gate", ((TdTicket *) g_ptr_array_index (tomorrows, 0))->code, 0, &error);
  g_assert_cmpint (check->verdict, ==, TD_TICKET_CHECK_OTHER_DAY);
  g_assert_cmpstr (check->ticket->state, ==, "sold");
  g_clear_pointer (&check, td_ticket_check_free);

  /* genuine elsewhere, not here: unknown */
  {
    g_autofree char *other_poi = NULL;
    g_autoptr(TdDatabase) other = ticket_workspace ("validate-other.tourdesk", &other_poi);
    g_autoptr(TdSlot) other_slot = add_slot (other, other_poi, date, "09:00", 10);
    g_autoptr(GPtrArray) theirs = sell (other, other_poi, date, "09:00", TD_TICKET_ADULT, 1, &error);

    g_assert_no_error (error);
    /* signed with the other workspace's key: forged for this one */
    check = td_tickets_validate (db, "gate", ((TdTicket *) g_ptr_array_index (theirs, 0))->code, 0, &error);
    g_assert_cmpint (check->verdict, ==, TD_TICKET_CHECK_FORGED);
    g_clear_pointer (&check, td_ticket_check_free);
  }
  check = td_tickets_validate (db, "gate", "not a code", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (check->verdict, ==, TD_TICKET_CHECK_UNKNOWN);
}

/* ------------------------------------------------------------------ */
/* races across processes                                             */

#define SELLERS 6
#define CAPACITY 25

static void
test_capacity_race (void)
{
  g_autofree char *poi_id = NULL;
  g_autofree char *date = today_iso ();
  g_autofree char *path = NULL;
  pid_t children[SELLERS];
  int fds[SELLERS][2];
  guint total = 0, gate_valid = 0;

  {
    g_autoptr(TdDatabase) db = ticket_workspace ("race.tourdesk", &poi_id);
    g_autoptr(TdSlot) slot = add_slot (db, poi_id, date, "09:00", CAPACITY);
    g_autoptr(GError) error = NULL;

    /* the key exists before the sellers start (they would agree anyway) */
    g_assert_nonnull (td_tickets_get_key (db, &error));
    path = g_strdup (td_database_get_path (db));
  }

  /* each process sells one or two tickets at a time until the slot is full */
  for (int i = 0; i < SELLERS; i++)
    {
      g_assert_cmpint (pipe (fds[i]), ==, 0);
      children[i] = fork ();
      g_assert_cmpint (children[i], >=, 0);
      if (children[i] == 0)
        {
          TdDatabase *db;
          guint sold = 0, full = 0;

          /* a forked copy would repeat the parent's random ids */
          g_random_set_seed ((guint32) getpid ());
          db = td_database_open (path, TD_OPEN_FLAGS_NONE, NULL);

          while (db && full < 3)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(GPtrArray) tickets = sell (db, poi_id, date, "09:00", TD_TICKET_ADULT, 1 + (sold % 2), &error);

              if (tickets)
                sold += tickets->len;
              else if (g_error_matches (error, TD_TICKETS_ERROR, TD_TICKETS_ERROR_SOLD_OUT))
                full++;
              else if (!g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_BUSY))
                {
                  g_printerr ("seller %d: %s\n", i, error->message);
                  _exit (2);
                }
            }
          if (write (fds[i][1], &sold, sizeof sold) != sizeof sold)
            _exit (3);
          _exit (db ? 0 : 4);
        }
      close (fds[i][1]);
    }
  for (int i = 0; i < SELLERS; i++)
    {
      int status = 0;
      guint sold = 0;

      g_assert_cmpint (read (fds[i][0], &sold, sizeof sold), ==, sizeof sold);
      close (fds[i][0]);
      g_assert_cmpint (waitpid (children[i], &status, 0), ==, children[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      total += sold;
    }
  g_assert_cmpuint (total, ==, CAPACITY);

  /* and the same ticket at several gates at once: let in once */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdDatabase) db = td_database_open (path, TD_OPEN_FLAGS_NONE, &error);
    g_autoptr(GPtrArray) tickets = td_tickets_list (db, date, 1, &error);
    g_autofree char *code = g_strdup (((TdTicket *) g_ptr_array_index (tickets, 0))->code);

    g_assert_cmpint (td_database_count (db, "ticket", NULL), ==, CAPACITY);
    g_clear_object (&db);
    for (int i = 0; i < SELLERS; i++)
      {
        children[i] = fork ();
        g_assert_cmpint (children[i], >=, 0);
        if (children[i] == 0)
          {
            TdDatabase *gate = td_database_open (path, TD_OPEN_FLAGS_NONE, NULL);
            TdTicketCheck *check = gate ? td_tickets_validate (gate, "gate", code, 0, NULL) : NULL;

            _exit (check == NULL ? 9 : check->verdict == TD_TICKET_CHECK_VALID ? 0
                   : check->verdict == TD_TICKET_CHECK_USED ? 1 : 8);
          }
      }
    for (int i = 0; i < SELLERS; i++)
      {
        int status = 0;

        g_assert_cmpint (waitpid (children[i], &status, 0), ==, children[i]);
        g_assert_true (WIFEXITED (status));
        g_assert_cmpint (WEXITSTATUS (status), <=, 1);
        gate_valid += WEXITSTATUS (status) == 0;
      }
    g_assert_cmpuint (gate_valid, ==, 1);
  }
}

/* ------------------------------------------------------------------ */
/* tourdesk-cli                                                       */

static void
test_cli (void)
{
  g_autofree char *poi_id = NULL;
  g_autofree char *date = today_iso ();
  g_autofree char *path = NULL, *pdf = NULL, *png = NULL, *pem = NULL, *text = NULL, *code = NULL;
  g_autofree char *holder = NULL;
  g_autoptr(JsonObject) result = NULL;
  JsonArray *tickets;

  {
    g_autoptr(TdDatabase) db = ticket_workspace ("cli.tourdesk", &poi_id);
    g_autoptr(TdSlot) slot = add_slot (db, poi_id, date, "09:00", 3);
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    g_autoptr(GError) error = NULL;
    TdChange *customer = td_change_new_insert ("customer", NULL);

    td_change_set_string (customer, "party", "person");
    td_change_set_string (customer, "name", "王小明");
    g_ptr_array_add (changes, customer);
    td_database_commit (db, "test", changes, &error);
    g_assert_no_error (error);
    holder = g_strdup (td_change_get_id (customer));
    path = g_strdup (td_database_get_path (db));
  }

  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", path, "tickets", "sell", "--attraction", "Shaolin Temple", "--date", date,
                 "--slot", "09:00", "--type", "child", "--count", "2", "--holder", holder, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    result = td_test_parse_json (run.out);
    tickets = json_object_get_array_member (result, "tickets");
    g_assert_cmpuint (json_array_get_length (tickets), ==, 2);
    code = g_strdup (json_object_get_string_member (json_array_get_object_element (tickets, 0), "code"));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tickets, 0), "type"), ==, "child");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tickets, 1), "holder"), ==, "王小明");
  }
  {
    g_auto(TdTestRun) run = { 0 };

    /* over capacity: exit 1 and the reason on one line */
    td_test_cli (&run, "--db", path, "tickets", "sell", "--attraction", poi_id, "--date", date,
                 "--slot", "09:00", "--count", "2", NULL);
    g_assert_cmpint (run.status, ==, 1);
    td_test_assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "Only 1 place is left"));
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", path, "tickets", "sell", "--attraction", poi_id, "--date", date,
                 "--slot", "9am", NULL);
    g_assert_cmpint (run.status, ==, 2);
    td_test_assert_one_line_error (&run);
    g_assert_nonnull (strstr (run.err, "HH:MM"));
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", path, "tickets", "sell", "--date", date, "--slot", "09:00", "--type", "vip", NULL);
    g_assert_cmpint (run.status, ==, 2);
    td_test_assert_one_line_error (&run);
  }
  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) slots = NULL;
    JsonObject *first;

    td_test_cli (&run, "--db", path, "tickets", "slots", "--attraction", "少林寺", "--date", date, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    slots = td_test_parse_json (run.out);
    first = json_array_get_object_element (json_object_get_array_member (slots, "slots"), 0);
    g_assert_cmpint (json_object_get_int_member (first, "sold"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (first, "available"), ==, 1);
  }

  /* the voucher as PDF (its text) and PNG (its QR code read back) */
  pdf = g_build_filename (td_test_tmpdir (), "voucher.pdf", NULL);
  png = g_build_filename (td_test_tmpdir (), "voucher.png", NULL);
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", path, "tickets", "voucher", code, "--out", pdf, NULL);
    g_assert_cmpint (run.status, ==, 0);
    text = td_test_pdf_text (pdf);
    g_assert_nonnull (strstr (text, "少林寺"));
    g_assert_nonnull (strstr (text, date));
    g_assert_nonnull (strstr (text, "09:00"));
    g_assert_nonnull (strstr (text, "Child"));
    g_assert_nonnull (strstr (text, "王小明"));
  }
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", path, "tickets", "voucher", code, "--out", png, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");

    if (zbarimg)
      {
        g_auto(TdTestRun) run = { 0 };
        const char *argv[] = { zbarimg, "-q", "--raw", png, NULL };
        g_autofree char *expected = g_strconcat (code, "\n", NULL);

        td_test_spawn (&run, argv);
        g_assert_cmpint (run.status, ==, 0);
        g_assert_cmpstr (run.out, ==, expected);
      }
    else
      g_test_message ("zbarimg (zbar-tools) is not installed: the QR code is not read back");
  }

  /* validate: valid once, then used; a gate with the public key only */
  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) check = NULL;

    td_test_cli (&run, "--db", path, "tickets", "validate", code, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    check = td_test_parse_json (run.out);
    g_assert_cmpstr (json_object_get_string_member (check, "result"), ==, "valid");
  }
  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) check = NULL;

    td_test_cli (&run, "--db", path, "tickets", "validate", code, "--json", NULL);
    g_assert_cmpint (run.status, ==, 1);
    check = td_test_parse_json (run.out);
    g_assert_cmpstr (json_object_get_string_member (check, "result"), ==, "used");
    g_assert_false (json_object_get_null_member (json_object_get_object_member (check, "ticket"), "used_at"));
  }
  pem = g_build_filename (td_test_tmpdir (), "gate.pem", NULL);
  {
    g_auto(TdTestRun) run = { 0 };

    td_test_cli (&run, "--db", path, "tickets", "key", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_set_contents (pem, run.out, -1, NULL));
  }
  {
    g_auto(TdTestRun) run = { 0 };
    g_autofree char *altered = g_strdup (code);

    td_test_cli (&run, "tickets", "verify", code, "--key", pem, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Genuine"));
    td_test_run_clear (&run);
    altered[100] = altered[100] == 'Q' ? 'R' : 'Q';
    td_test_cli (&run, "tickets", "verify", altered, "--key", pem, "--json", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "\"forged\""));
  }
  {
    g_auto(TdTestRun) run = { 0 };
    g_autoptr(JsonObject) list = NULL;

    td_test_cli (&run, "--db", path, "tickets", "list", "--date", date, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    list = td_test_parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "tickets")), ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tickets/code/round-trip", test_code_round_trip);
  g_test_add_func ("/tickets/code/altered-and-forged", test_code_altered_and_forged);
  g_test_add_func ("/tickets/sell/capacity", test_sell_capacity);
  g_test_add_func ("/tickets/sell/offline-quota", test_sell_offline_quota);
  g_test_add_func ("/tickets/validate", test_validate);
  g_test_add_func ("/tickets/capacity-race", test_capacity_race);
  g_test_add_func ("/tickets/cli", test_cli);
  return g_test_run ();
}
