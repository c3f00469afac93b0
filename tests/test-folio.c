/* test-folio.c: check-in with the guests' papers, the folio, check-out
 *
 * Grids in the comments are rooms down, nights across (May 2026): [A  A)
 * is stay A from the night its bracket opens to the morning its
 * parenthesis closes; a dot is a free night. The fixture hotel is in
 * td-test-hotel.h: BAR is ¥300 a night Sunday to Thursday for 2 adults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "td-test-hotel.h"
#include "td-test-utils.h"

typedef TdTestHotel Hotel;
#define d td_test_date
#define at td_test_at

typedef struct {
  Hotel *h;
  char  *zhang;    /* 张伟: a valid resident identity card */
  char  *anna;     /* Anna Smith: a US passport */
  char  *li;       /* 李娜: no document at all */
  char  *ivan;     /* Ivan Petrov: a passport that expired */
  char  *zhao;     /* 赵磊: an identity number with a wrong check digit */
  char  *agency;   /* an organisation */
} Guests;

static char *
add_customer (Hotel      *h,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  TdChange *change = td_change_new_insert ("customer", NULL);
  char *id = g_strdup (td_change_get_id (change));
  va_list args;

  td_change_set_string (change, "party", "person");
  va_start (args, first);
  for (const char *field = first; field; field = va_arg (args, const char *))
    td_change_set_string (change, field, va_arg (args, const char *));
  va_end (args);
  g_ptr_array_add (changes, change);
  td_test_commit (h->db, changes);
  return id;
}

static char *
resident_id (const char *first17)
{
  return g_strdup_printf ("%s%c", first17, td_id_number_check_char (first17));
}

static Guests *
guests_new (const char *name)
{
  Guests *g = g_new0 (Guests, 1);
  g_autofree char *good = resident_id ("41010519880312002");
  g_autofree char *bad = g_strdup (good);

  /* the same number with another check character */
  bad[17] = bad[17] == '0' ? '1' : '0';
  g->h = td_test_hotel_new (name);
  g->zhang = add_customer (g->h, "name", "张伟", "id_type", "resident-id", "id_number", good,
                           "gender", "female", "birth_date", "1988-03-12", "province", "河南省", "city", "郑州市", NULL);
  g->anna = add_customer (g->h, "name", "Anna Smith", "id_type", "foreign-passport", "id_number", "P 1234 5678",
                          "nationality", "us", "id_expiry", "2031-01-31", NULL);
  g->li = add_customer (g->h, "name", "李娜", NULL);
  g->ivan = add_customer (g->h, "name", "Ivan Petrov", "id_type", "foreign-passport", "id_number", "751234567",
                          "nationality", "RUS", "id_expiry", "2026-04-30", NULL);
  /* a customer's own number is checked when saved: a wrong one can only
   * come as a document on file */
  g->zhao = add_customer (g->h, "name", "赵磊", NULL);
  {
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
    TdChange *doc = td_change_new_insert ("customer_document", NULL);

    td_change_set_string (doc, "customer_id", g->zhao);
    td_change_set_string (doc, "doc_type", "resident-id");
    td_change_set_string (doc, "number", bad);
    g_ptr_array_add (changes, doc);
    td_test_commit (g->h->db, changes);
  }
  g->agency = g_strdup (g->h->agency);
  return g;
}

static void
guests_free (Guests *g)
{
  td_test_hotel_free (g->h);
  g_free (g->zhang);
  g_free (g->anna);
  g_free (g->li);
  g_free (g->ivan);
  g_free (g->zhao);
  g_free (g->agency);
  g_free (g);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Guests, guests_free)

static char *
book (Hotel      *h,
      int         room,
      const char *from,
      const char *to)
{
  TdBookingRoom r = { h->room[room], NULL, td_test_range (from, to), 2, 0, h->bar, NULL, NULL };
  TdBooking booking = { 0 };
  TdDeskTime when = at ("2026-05-01");
  g_autoptr(TdBookingResult) result = NULL;
  g_autoptr(GError) error = NULL;

  booking.customer_id = h->guest;
  booking.source = "phone";
  booking.rooms = &r;
  booking.n_rooms = 1;
  result = td_stays_book (h->db, "test", &booking, &when, &error);
  g_assert_no_error (error);
  return g_strdup (g_ptr_array_index (result->stay_ids, 0));
}

static void
check_in (Hotel      *h,
          const char *stay,
          const char *today,
          const char *guest)
{
  const char *guests[] = { guest, NULL };
  TdDeskTime when = at (today);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) in = td_stay_check_in (h->db, "clerk", stay, guests, &when, &error);

  g_assert_no_error (error);
  g_assert_cmpint (in->state, ==, TD_STAY_CHECKED_IN);
}

static gint64
count_sql (Hotel *h,
           char  *sql)
{
  gint64 n = td_test_query_int (h->db, sql);

  g_free (sql);
  return n;
}
/* a count of a query about one record */
#define count(h, format, id) count_sql ((h), g_strdup_printf (format, id))

/* what the platform does on its side: on a connection of its own */
static void
exec_sql (Hotel      *h,
          const char *sql)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (td_database_get_path (h->db), &handle), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 5000);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static char *
post (Hotel            *h,
      const char       *stay,
      guint             folio,
      TdFolioEntryType  type,
      const char       *what,
      gint64            minor,
      const char       *today,
      GError          **error)
{
  TdFolioPosting posting = { stay, folio, type, NULL, NULL, { 0 }, NULL, NULL };
  TdDeskTime when = at (today);

  if (type == TD_FOLIO_ENTRY_CHARGE)
    posting.category = what;
  else
    posting.method = what;
  td_money_init (&posting.amount, minor, "CNY", NULL);
  return td_folio_post (h->db, "clerk", &posting, &when, error);
}

static TdStayAccount *
account (Hotel      *h,
         const char *stay)
{
  g_autoptr(GError) error = NULL;
  TdStayAccount *a = td_stay_account_get (h->db, stay, &error);

  g_assert_no_error (error);
  return a;
}

/* ------------------------------------------------------------------ */

/*        11 12 13 14
 *   101  [A  A  A)      A: 2 adults, checked in on the 11th
 */
static void
test_check_in_papers (void)
{
  g_autoptr(Guests) g = guests_new ("checkin.tourdesk");
  Hotel *h = g->h;
  g_autofree char *a = book (h, TD_TEST_R101, "2026-05-11", "2026-05-14");
  TdDeskTime when = at ("2026-05-11");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) stay = NULL;
  g_autoptr(GPtrArray) regs = NULL;
  TdRegistration *r;

  /* one guest without papers, one with an expired passport: both named,
   * with what is wrong, and nothing written */
  {
    const char *guests[] = { g->li, g->ivan, NULL };

    stay = td_stay_check_in (h->db, "clerk", a, guests, &when, &error);
    g_assert_null (stay);
    g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "李娜: no identity document on file, no nationality recorded"));
    g_assert_nonnull (strstr (error->message, "Ivan Petrov: the document expired on 2026-04-30"));
    g_clear_error (&error);
  }
  /* a resident identity number with a wrong check character */
  {
    const char *guests[] = { g->zhang, g->zhao, NULL };

    stay = td_stay_check_in (h->db, "clerk", a, guests, &when, &error);
    g_assert_null (stay);
    g_assert_nonnull (strstr (error->message, "赵磊: "));
    g_assert_null (strstr (error->message, "张伟"));
    g_clear_error (&error);
  }
  /* an organisation, a guest twice, three guests for two, nobody */
  {
    const char *org[] = { g->agency, NULL };
    const char *twice[] = { g->zhang, g->zhang, NULL };
    const char *three[] = { g->zhang, g->anna, g->li, NULL };
    const char *none[] = { NULL };

    g_assert_null (td_stay_check_in (h->db, "clerk", a, org, &when, &error));
    g_assert_nonnull (strstr (error->message, "an organisation"));
    g_clear_error (&error);
    g_assert_null (td_stay_check_in (h->db, "clerk", a, twice, &when, &error));
    g_assert_nonnull (strstr (error->message, "twice"));
    g_clear_error (&error);
    g_assert_null (td_stay_check_in (h->db, "clerk", a, three, &when, &error));
    g_assert_nonnull (strstr (error->message, "for 2 guests, but 3"));
    g_clear_error (&error);
    g_assert_null (td_stay_check_in (h->db, "clerk", a, none, &when, &error));
    g_clear_error (&error);
  }
  g_assert_cmpint (count (h, "SELECT count(*) FROM guest_registrations WHERE stay_id = '%s'", a), ==, 0);
  g_assert_cmpint (count (h, "SELECT count(*) FROM stays WHERE id = '%s' AND state = 'confirmed'", a), ==, 1);

  /* before the arrival: the stay's own rule */
  {
    const char *guests[] = { g->zhang, NULL };
    TdDeskTime early = at ("2026-05-10");

    g_assert_null (td_stay_check_in (h->db, "clerk", a, guests, &early, &error));
    g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
    g_clear_error (&error);
  }

  /* papers in order: one registration each, in one commit with the check-in */
  {
    const char *guests[] = { g->zhang, g->anna, NULL };

    stay = td_stay_check_in (h->db, "clerk", a, guests, &when, &error);
    g_assert_no_error (error);
    g_assert_cmpint (stay->state, ==, TD_STAY_CHECKED_IN);
    g_assert_cmpstr (stay->customer_id, ==, g->zhang);  /* the first guest is the stay's guest */
  }
  regs = td_registrations_list (h->db, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (regs->len, ==, 2);
  r = g_ptr_array_index (regs, 0);
  g_assert_cmpstr (r->guest_name, ==, "张伟");
  g_assert_cmpstr (r->nationality, ==, "CHN");   /* a resident card: Chinese */
  g_assert_cmpstr (r->id_type, ==, "resident-id");
  g_assert_cmpuint (strlen (r->id_number), ==, 18);
  g_assert_cmpstr (r->room, ==, "101");
  g_assert_cmpstr (r->check_in, ==, "2026-05-11");
  g_assert_cmpstr (r->check_out, ==, "2026-05-14");
  g_assert_cmpstr (r->birth_date, ==, "1988-03-12");
  g_assert_cmpint (r->state, ==, TD_REGISTRATION_PENDING);   /* in the outbox, not sent */
  r = g_ptr_array_index (regs, 1);
  g_assert_cmpstr (r->guest_name, ==, "Anna Smith");
  g_assert_cmpstr (r->nationality, ==, "USA");   /* “us”, in the platform's three letters */
  g_assert_cmpstr (r->id_number, ==, "P12345678");   /* without the spaces */
  g_assert_cmpint (count (h, "SELECT count(*) FROM outbox WHERE kind = 'guest_registration' AND sent_at IS NULL%s", ""),
                   ==, 2);
  g_assert_cmpint (count (h, "SELECT count(*) FROM guest_registrations WHERE address = '河南省郑州市'%s", ""), ==, 1);

  /* the platform's receipt came back: acknowledged */
  exec_sql (h, "UPDATE outbox SET sent_at = '2026-05-11T05:00:00Z' WHERE kind = 'guest_registration'");
  {
    g_autoptr(GPtrArray) again = NULL;
    g_autofree char *sql = g_strdup_printf ("UPDATE guest_registrations SET receipt = 'GR-20260511-0001' "
                                            "WHERE id = '%s'", ((TdRegistration *) g_ptr_array_index (regs, 0))->id);

    exec_sql (h, sql);
    again = td_registrations_list (h->db, a, &error);
    g_assert_cmpint (((TdRegistration *) g_ptr_array_index (again, 0))->state, ==, TD_REGISTRATION_ACKNOWLEDGED);
    g_assert_cmpint (((TdRegistration *) g_ptr_array_index (again, 1))->state, ==, TD_REGISTRATION_SENT);
  }
}

/* A document on file instead of the customer's own fields, and a stay
 * without a guest gets the first one. */
static void
test_check_in_document_on_file (void)
{
  g_autoptr(Guests) g = guests_new ("document.tourdesk");
  Hotel *h = g->h;
  g_autofree char *a = book (h, TD_TEST_R102, "2026-05-11", "2026-05-12");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdGuestCheck) check = NULL;
  TdDeskTime when = at ("2026-05-11");
  TdChange *doc = td_change_new_insert ("customer_document", NULL);
  g_autofree char *sql = g_strdup_printf ("UPDATE stays SET customer_id = NULL WHERE id = '%s'", a);

  td_change_set_string (doc, "customer_id", g->li);
  td_change_set_string (doc, "doc_type", "hk-macao-permit");
  td_change_set_string (doc, "number", "H12345678");
  td_change_set_string (doc, "country", "HKG");
  g_ptr_array_add (changes, doc);
  td_test_commit (h->db, changes);
  exec_sql (h, sql);

  check = td_guest_check (h->db, g->li, &when, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->problems->len, ==, 0);
  g_assert_cmpstr (check->nationality, ==, "HKG");
  g_assert_cmpstr (check->id_type, ==, "hk-macao-permit");
  check_in (h, a, "2026-05-11", g->li);
  g_assert_cmpint (count (h, "SELECT count(*) FROM stays WHERE id = '%s' AND customer_id IS NOT NULL", a), ==, 1);
}

/*        11 12 13 14
 *   101  [A  A  A)      A: ¥300 a night, in house from the 11th
 *   102  [B  B)         B: the other room of the same family
 */
static void
test_folio_arithmetic (void)
{
  g_autoptr(Guests) g = guests_new ("folio.tourdesk");
  Hotel *h = g->h;
  g_autofree char *a = book (h, TD_TEST_R101, "2026-05-11", "2026-05-14");
  g_autofree char *b = book (h, TD_TEST_R102, "2026-05-11", "2026-05-13");
  g_autofree char *minibar = NULL, *deposit = NULL, *tickets = NULL;
  g_autoptr(TdStayAccount) acc = NULL;
  g_autoptr(GError) error = NULL;
  TdDeskTime when;
  TdFolio *main_folio;
  guint number;

  /* a deposit before arrival: a folio without a night yet */
  deposit = post (h, a, 0, TD_FOLIO_ENTRY_DEPOSIT, "wechat-pay", 50000, "2026-05-10", &error);
  g_assert_no_error (error);
  /* but no charge before the guest is in */
  g_assert_null (post (h, a, 0, TD_FOLIO_ENTRY_CHARGE, "minibar", 1000, "2026-05-10", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_STATE);
  g_clear_error (&error);

  check_in (h, a, "2026-05-11", g->zhang);
  check_in (h, b, "2026-05-11", g->anna);
  minibar = post (h, a, 0, TD_FOLIO_ENTRY_CHARGE, "minibar", 3550, "2026-05-11", &error);
  g_assert_no_error (error);
  g_free (post (h, a, 0, TD_FOLIO_ENTRY_CHARGE, "restaurant", 12800, "2026-05-12", &error));
  g_assert_no_error (error);

  /* wrong: a category we do not know, no method, another currency, zero,
   * a refund beyond what was paid, a room night by hand, folio 9 */
  g_assert_null (post (h, a, 0, TD_FOLIO_ENTRY_CHARGE, "spa", 1000, "2026-05-12", &error));
  g_assert_nonnull (strstr (error->message, "restaurant, minibar"));
  g_clear_error (&error);
  g_assert_null (post (h, a, 0, TD_FOLIO_ENTRY_PAYMENT, NULL, 1000, "2026-05-12", &error));
  g_assert_nonnull (strstr (error->message, "wechat-pay"));
  g_clear_error (&error);
  {
    TdFolioPosting usd = { a, 0, TD_FOLIO_ENTRY_PAYMENT, NULL, "cash", { 1000, "USD" }, NULL, NULL };

    g_assert_null (td_folio_post (h->db, "clerk", &usd, NULL, &error));
    g_assert_error (error, TD_FOLIO_ERROR, TD_FOLIO_ERROR_CURRENCY);
    g_clear_error (&error);
  }
  g_assert_null (post (h, a, 0, TD_FOLIO_ENTRY_PAYMENT, "cash", 0, "2026-05-12", &error));
  g_clear_error (&error);
  g_assert_null (post (h, a, 0, TD_FOLIO_ENTRY_REFUND, "cash", 50001, "2026-05-12", &error));
  g_assert_nonnull (strstr (error->message, "¥500.00"));
  g_clear_error (&error);
  g_assert_null (post (h, a, 0, TD_FOLIO_ENTRY_ROOM, "cash", 100, "2026-05-12", &error));
  g_clear_error (&error);
  g_assert_null (post (h, a, 9, TD_FOLIO_ENTRY_PAYMENT, "cash", 100, "2026-05-12", &error));
  g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the morning of the 13th: the nights of the 11th and 12th have passed,
   * for both rooms; a second run posts nothing */
  when = at ("2026-05-13");
  g_assert_cmpint (td_folios_post_due (h->db, "audit", &when, &error), ==, 4);
  g_assert_no_error (error);
  g_assert_cmpint (td_folios_post_due (h->db, "audit", &when, &error), ==, 0);

  /* 600 nights + 35.50 + 128 − 500 deposit = 263.50 owed; 1 night to come */
  acc = account (h, a);
  g_assert_cmpuint (acc->folios->len, ==, 1);
  main_folio = g_ptr_array_index (acc->folios, 0);
  g_assert_cmpuint (main_folio->number, ==, 1);
  g_assert_cmpuint (main_folio->entries->len, ==, 5);
  g_assert_cmpint (main_folio->charges.minor, ==, 60000 + 3550 + 12800);
  g_assert_cmpint (main_folio->paid.minor, ==, 50000);
  g_assert_cmpint (acc->balance.minor, ==, 26350);
  g_assert_cmpstr (acc->balance.currency, ==, "CNY");
  g_assert_cmpuint (acc->n_unposted, ==, 1);
  g_assert_cmpint (acc->unposted.minor, ==, 30000);
  g_clear_pointer (&acc, td_stay_account_free);

  /* a refund of part of the deposit raises the balance */
  g_free (post (h, a, 0, TD_FOLIO_ENTRY_REFUND, "wechat-pay", 10000, "2026-05-13", &error));
  g_assert_no_error (error);
  acc = account (h, a);
  g_assert_cmpint (acc->balance.minor, ==, 36350);
  g_clear_pointer (&acc, td_stay_account_free);

  /* split: the agency pays the nights on folio 2 */
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();

    acc = account (h, a);
    main_folio = g_ptr_array_index (acc->folios, 0);
    for (guint i = 0; i < main_folio->entries->len; i++)
      {
        TdFolioEntry *e = g_ptr_array_index (main_folio->entries, i);

        if (e->type == TD_FOLIO_ENTRY_ROOM)
          g_ptr_array_add (ids, e->id);
      }
    g_assert_cmpuint (ids->len, ==, 2);
    g_ptr_array_add (ids, NULL);
    number = td_folio_split (h->db, "clerk", a, "旅行社", g->agency, (const char * const *) ids->pdata, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (number, ==, 2);
    g_clear_pointer (&acc, td_stay_account_free);
  }
  acc = account (h, a);
  g_assert_cmpuint (acc->folios->len, ==, 2);
  g_assert_cmpint (td_stay_account_get_folio (acc, 1)->balance.minor, ==, 3550 + 12800 - 50000 + 10000);
  g_assert_cmpint (td_stay_account_get_folio (acc, 2)->balance.minor, ==, 60000);
  g_assert_cmpstr (td_stay_account_get_folio (acc, 2)->customer_name, ==, "中原国际旅行社");
  g_assert_cmpint (acc->balance.minor, ==, 36350);   /* a split changes no total */
  g_clear_pointer (&acc, td_stay_account_free);

  /* move the minibar to folio 2, then to room 102's folio */
  g_assert_true (td_folio_move_entry (h->db, "clerk", minibar, NULL, 2, &error));
  g_assert_no_error (error);
  acc = account (h, a);
  g_assert_cmpint (td_stay_account_get_folio (acc, 2)->balance.minor, ==, 63550);
  g_clear_pointer (&acc, td_stay_account_free);
  g_assert_true (td_folio_move_entry (h->db, "clerk", minibar, b, 1, &error));
  g_assert_no_error (error);
  acc = account (h, a);
  g_assert_cmpint (acc->balance.minor, ==, 36350 - 3550);
  g_clear_pointer (&acc, td_stay_account_free);
  acc = account (h, b);
  g_assert_cmpint (acc->balance.minor, ==, 60000 + 3550);
  g_clear_pointer (&acc, td_stay_account_free);
  /* a room night stays with its stay; folio 7 does not exist */
  {
    g_autofree char *night_id = NULL;

    acc = account (h, a);
    for (guint i = 0; i < td_stay_account_get_folio (acc, 2)->entries->len; i++)
      {
        TdFolioEntry *e = g_ptr_array_index (td_stay_account_get_folio (acc, 2)->entries, i);

        if (e->type == TD_FOLIO_ENTRY_ROOM)
          night_id = g_strdup (e->id);
      }
    g_clear_pointer (&acc, td_stay_account_free);
    g_assert_false (td_folio_move_entry (h->db, "clerk", night_id, b, 1, &error));
    g_assert_nonnull (strstr (error->message, "its own stay"));
    g_clear_error (&error);
    g_assert_false (td_folio_move_entry (h->db, "clerk", night_id, NULL, 7, &error));
    g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND);
    g_clear_error (&error);
    /* back to the main folio */
    g_assert_true (td_folio_move_entry (h->db, "clerk", night_id, NULL, 1, &error));
    g_assert_no_error (error);
  }
}

/*        11 12 13 14 15
 *   101  [A  A  A)         A: leaves on the 14th as booked
 *   102  [B  B  B)         B: leaves early, on the 12th
 *   103  [C  C)            C: leaves on the 13th with ¥100 unpaid: a manager allows it
 */
static void
test_check_out_balance (void)
{
  g_autoptr(Guests) g = guests_new ("checkout.tourdesk");
  Hotel *h = g->h;
  g_autofree char *a = book (h, TD_TEST_R101, "2026-05-11", "2026-05-14");
  g_autofree char *b = book (h, TD_TEST_R102, "2026-05-11", "2026-05-14");
  g_autofree char *c = book (h, TD_TEST_R103, "2026-05-11", "2026-05-13");
  g_autoptr(TdStayAccount) acc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStay) out = NULL;
  TdDeskTime when = at ("2026-05-14");

  check_in (h, a, "2026-05-11", g->zhang);
  check_in (h, b, "2026-05-11", g->anna);
  check_in (h, c, "2026-05-11", g->zhang);
  g_free (post (h, a, 0, TD_FOLIO_ENTRY_DEPOSIT, "cash", 50000, "2026-05-11", &error));
  g_assert_no_error (error);

  /* A owes 900 − 500: refused, and nothing of it stays (no night posted,
   * still in house, the room not dirty) */
  out = td_stay_check_out (h->db, "clerk", a, NULL, &when, &error);
  g_assert_null (out);
  g_assert_error (error, TD_FOLIO_ERROR, TD_FOLIO_ERROR_OPEN_BALANCE);
  g_assert_cmpstr (error->message, ==,
                   "Room 101 still owes ¥400.00 on folio 1: take the payment first, or a manager may allow the check-out");
  g_clear_error (&error);
  g_assert_cmpint (count (h, "SELECT count(*) FROM folio_entries WHERE stay_id = '%s' AND type = 'room'", a), ==, 0);
  g_assert_cmpint (count (h, "SELECT count(*) FROM stays WHERE id = '%s' AND state = 'checked_in'", a), ==, 1);

  /* overpaid is open too: the hotel owes the guest */
  g_free (post (h, a, 0, TD_FOLIO_ENTRY_PAYMENT, "alipay", 50000, "2026-05-14", &error));
  g_assert_no_error (error);
  g_assert_null (td_stay_check_out (h->db, "clerk", a, NULL, &when, &error));
  g_assert_nonnull (strstr (error->message, "The hotel owes room 101 ¥100.00"));
  g_clear_error (&error);
  g_free (post (h, a, 0, TD_FOLIO_ENTRY_REFUND, "alipay", 10000, "2026-05-14", &error));
  g_assert_no_error (error);

  /* settled: out, with the three nights posted in the same commit, the
   * room dirty, the registration closed */
  out = td_stay_check_out (h->db, "clerk", a, NULL, &when, &error);
  g_assert_no_error (error);
  g_assert_cmpint (out->state, ==, TD_STAY_CHECKED_OUT);
  g_clear_pointer (&out, td_stay_free);
  acc = account (h, a);
  g_assert_cmpint (acc->balance.minor, ==, 0);
  g_assert_cmpuint (acc->n_unposted, ==, 0);
  g_clear_pointer (&acc, td_stay_account_free);
  g_assert_cmpint (count (h, "SELECT count(*) FROM folio_entries WHERE stay_id = '%s' AND type = 'room'", a), ==, 3);
  g_assert_cmpint (count (h, "SELECT count(*) FROM rooms WHERE number = '101' AND housekeeping = 'dirty'%s", ""), ==, 1);

  /* B leaves early on the 12th: one night billed, the two others freed;
   * the night posted in advance for the 13th is taken back */
  when = at ("2026-05-12");
  g_assert_cmpint (td_folio_post_nights (h->db, "audit", b, d ("2026-05-14"), &error), ==, 3);
  g_free (post (h, b, 0, TD_FOLIO_ENTRY_PAYMENT, "bank-card", 30000, "2026-05-12", &error));
  g_assert_no_error (error);
  out = td_stay_check_out (h->db, "clerk", b, NULL, &when, &error);
  g_assert_no_error (error);
  g_assert_cmpint (out->dates.end, ==, d ("2026-05-12"));
  g_clear_pointer (&out, td_stay_free);
  g_assert_cmpint (count (h, "SELECT count(*) FROM folio_entries WHERE stay_id = '%s' AND type = 'room' AND deleted = 0", b), ==, 1);
  g_assert_cmpint (count (h, "SELECT count(*) FROM guest_registrations WHERE stay_id = '%s' AND check_out = '2026-05-12'", b), ==, 1);

  /* C owes ¥600 − ¥500 paid: a manager lets the guest go, recorded */
  when = at ("2026-05-13");
  g_free (post (h, c, 0, TD_FOLIO_ENTRY_PAYMENT, "agency-account", 50000, "2026-05-13", &error));
  g_assert_no_error (error);
  {
    TdCheckOutOverride no_reason = { "刘经理", "  " };
    TdCheckOutOverride override = { "刘经理", "旅行社月结,余款下月付" };

    g_assert_null (td_stay_check_out (h->db, "clerk", c, &no_reason, &when, &error));
    g_assert_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID);
    g_clear_error (&error);
    out = td_stay_check_out (h->db, "clerk", c, &override, &when, &error);
    g_assert_no_error (error);
  }
  acc = account (h, c);
  g_assert_cmpint (acc->balance.minor, ==, 10000);
  g_assert_cmpstr (td_stay_account_get_folio (acc, 1)->override_by, ==, "刘经理");
  g_assert_cmpstr (td_stay_account_get_folio (acc, 1)->override_reason, ==, "旅行社月结,余款下月付");
  g_assert_cmpint (count (h, "SELECT override_balance_minor FROM folios WHERE stay_id = '%s'", c), ==, 10000);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/folio/check-in-papers", test_check_in_papers);
  g_test_add_func ("/folio/check-in-document-on-file", test_check_in_document_on_file);
  g_test_add_func ("/folio/arithmetic-split-move", test_folio_arithmetic);
  g_test_add_func ("/folio/check-out-balance", test_check_out_balance);
  return g_test_run ();
}
