/* td-registration.c: check-in with every guest's identity document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-database-private.h"
#include "td-date-range.h"
#include "td-id-number.h"
#include "td-registration.h"
#include "td-stays-private.h"

const char *
td_registration_state_to_string (TdRegistrationState state)
{
  switch (state)
    {
    case TD_REGISTRATION_PENDING: return "pending";
    case TD_REGISTRATION_SENT: return "sent";
    case TD_REGISTRATION_ACKNOWLEDGED: return "acknowledged";
    default: return "?";
    }
}

const char *
td_registration_state_get_title (TdRegistrationState state)
{
  switch (state)
    {
    case TD_REGISTRATION_PENDING: return C_("registration", "Not sent yet");
    case TD_REGISTRATION_SENT: return C_("registration", "Sent, awaiting receipt");
    case TD_REGISTRATION_ACKNOWLEDGED: return C_("registration", "Acknowledged");
    default: return "?";
    }
}

void
td_guest_check_free (TdGuestCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->customer_id);
  g_free (check->guest_name);
  g_free (check->gender);
  g_free (check->birth_date);
  g_free (check->nationality);
  g_free (check->id_type);
  g_free (check->id_number);
  g_free (check->id_expiry);
  g_free (check->address);
  g_clear_pointer (&check->problems, g_ptr_array_unref);
  g_free (check);
}

void
td_registration_free (TdRegistration *registration)
{
  if (registration == NULL)
    return;
  g_free (registration->id);
  g_free (registration->stay_id);
  g_free (registration->customer_id);
  g_free (registration->guest_name);
  g_free (registration->room);
  g_free (registration->nationality);
  g_free (registration->id_type);
  g_free (registration->id_number);
  g_free (registration->birth_date);
  g_free (registration->gender);
  g_free (registration->check_in);
  g_free (registration->check_out);
  g_free (registration->receipt);
  g_free (registration->acknowledged_at);
  g_free (registration);
}

/* ------------------------------------------------------------------ */
/* one guest's papers                                                 */

static char *
member_text (JsonObject *object,
             const char *name)
{
  const char *text = json_object_get_string_member_with_default (object, name, NULL);
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  return *copy ? g_steal_pointer (&copy) : NULL;
}

/* upper case, without spaces */
static char *
normalise_number (const char *number)
{
  GString *out = g_string_new (NULL);

  for (const char *p = number; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

static gboolean
all_match (const char *text,
           gboolean    (*is) (gchar c))
{
  for (const char *p = text; *p; p++)
    if (!is (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_alnum (gchar c)
{
  return g_ascii_isalnum (c);
}

static gboolean
is_digit (gchar c)
{
  return g_ascii_isdigit (c);
}

/* NULL when the number fits the document, else what is wrong */
static char *
check_number (const char *id_type,
              const char *number)
{
  gsize len = strlen (number);

  if (g_str_equal (id_type, "resident-id"))
    {
      g_autoptr(GError) error = NULL;

      if (!td_id_number_validate (number, NULL, &error))
        return g_strdup (error->message);
      return NULL;
    }
  if (g_str_equal (id_type, "hk-macao-permit"))
    {
      /* H or M and 8 digits (10 on the older permits) */
      if ((number[0] != 'H' && number[0] != 'M') || (len != 9 && len != 11) || !all_match (number + 1, is_digit))
        return g_strdup_printf (_("“%s” is not a Hong Kong and Macao permit number (H or M and 8 digits)"), number);
      return NULL;
    }
  if (g_str_equal (id_type, "taiwan-permit"))
    {
      if ((len != 8 && len != 10) || !all_match (number, is_digit))
        return g_strdup_printf (_("“%s” is not a Taiwan permit number (8 digits)"), number);
      return NULL;
    }
  /* passports and other documents: letters and digits */
  if (len < 5 || len > 20 || !all_match (number, is_alnum))
    return g_strdup_printf (_("“%s” is not a document number (5 to 20 letters and digits)"), number);
  return NULL;
}

/* ISO 3166-1 alpha-2 → alpha-3, five letters a country in alpha-2 order
 * (from Debian's iso-codes 4.15): customers imported or typed with “CN”
 * or “US” are registered as the platform wants, CHN and USA. */
static const char alpha2_to_alpha3[] =
  "ADANDAEAREAFAFGAGATGAIAIAALALBAMARMAOAGOAQATAARARGASASMATAUT"
  "AUAUSAWABWAXALAAZAZEBABIHBBBRBBDBGDBEBELBFBFABGBGRBHBHRBIBDI"
  "BJBENBLBLMBMBMUBNBRNBOBOLBQBESBRBRABSBHSBTBTNBVBVTBWBWABYBLR"
  "BZBLZCACANCCCCKCDCODCFCAFCGCOGCHCHECICIVCKCOKCLCHLCMCMRCNCHN"
  "COCOLCRCRICUCUBCVCPVCWCUWCXCXRCYCYPCZCZEDEDEUDJDJIDKDNKDMDMA"
  "DODOMDZDZAECECUEEESTEGEGYEHESHERERIESESPETETHFIFINFJFJIFKFLK"
  "FMFSMFOFROFRFRAGAGABGBGBRGDGRDGEGEOGFGUFGGGGYGHGHAGIGIBGLGRL"
  "GMGMBGNGINGPGLPGQGNQGRGRCGSSGSGTGTMGUGUMGWGNBGYGUYHKHKGHMHMD"
  "HNHNDHRHRVHTHTIHUHUNIDIDNIEIRLILISRIMIMNININDIOIOTIQIRQIRIRN"
  "ISISLITITAJEJEYJMJAMJOJORJPJPNKEKENKGKGZKHKHMKIKIRKMCOMKNKNA"
  "KPPRKKRKORKWKWTKYCYMKZKAZLALAOLBLBNLCLCALILIELKLKALRLBRLSLSO"
  "LTLTULULUXLVLVALYLBYMAMARMCMCOMDMDAMEMNEMFMAFMGMDGMHMHLMKMKD"
  "MLMLIMMMMRMNMNGMOMACMPMNPMQMTQMRMRTMSMSRMTMLTMUMUSMVMDVMWMWI"
  "MXMEXMYMYSMZMOZNANAMNCNCLNENERNFNFKNGNGANINICNLNLDNONORNPNPL"
  "NRNRUNUNIUNZNZLOMOMNPAPANPEPERPFPYFPGPNGPHPHLPKPAKPLPOLPMSPM"
  "PNPCNPRPRIPSPSEPTPRTPWPLWPYPRYQAQATREREUROROURSSRBRURUSRWRWA"
  "SASAUSBSLBSCSYCSDSDNSESWESGSGPSHSHNSISVNSJSJMSKSVKSLSLESMSMR"
  "SNSENSOSOMSRSURSSSSDSTSTPSVSLVSXSXMSYSYRSZSWZTCTCATDTCDTFATF"
  "TGTGOTHTHATJTJKTKTKLTLTLSTMTKMTNTUNTOTONTRTURTTTTOTVTUVTWTWN"
  "TZTZAUAUKRUGUGAUMUMIUSUSAUYURYUZUZBVAVATVCVCTVEVENVGVGBVIVIR"
  "VNVNMVUVUTWFWLFWSWSMYEYEMYTMYTZAZAFZMZMBZWZWE";

/* the alpha-3 code of an alpha-2 one (upper case), or NULL */
static const char *
alpha3_of (const char *alpha2,
           char        out[4])
{
  for (const char *p = alpha2_to_alpha3; *p; p += 5)
    if (p[0] == alpha2[0] && p[1] == alpha2[1])
      {
        memcpy (out, p + 2, 3);
        out[3] = '\0';
        return out;
      }
  return NULL;
}

static gboolean
is_country_code (const char *code)
{
  return code && strlen (code) == 3 && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1])
         && g_ascii_isupper (code[2]);
}

/* the customer's newest identity document that has not expired */
static JsonObject *
find_document (TdDatabase  *db,
               const char  *customer_id,
               const char  *today,
               GError     **error)
{
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT id FROM customer_documents WHERE customer_id = ?1 AND deleted = 0 "
                               "AND (expiry IS NULL OR expiry >= ?2) ORDER BY updated_at DESC LIMIT 1", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  if (id == NULL)
    return NULL;
  return td_database_get_record (db, "customer_document", id, error);
}

static void
problem (TdGuestCheck *check,
         char         *message)
{
  g_ptr_array_add (check->problems, message);
}

TdGuestCheck *
td_guest_check (TdDatabase        *db,
                const char        *customer_id,
                const TdDeskTime  *when,
                GError           **error)
{
  g_autoptr(TdGuestCheck) check = g_new0 (TdGuestCheck, 1);
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *today = NULL;
  g_autofree char *number = NULL;
  g_autofree char *country = NULL;
  g_autofree char *merged = NULL;
  GError *local_error = NULL;
  TdDeskTime storage;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  today = td_date_format_iso (when->today);
  check->customer_id = g_strdup (customer_id);
  check->problems = g_ptr_array_new_with_free_func (g_free);

  customer = td_database_get_record (db, "customer", customer_id, &local_error);
  if (customer == NULL)
    {
      if (!g_error_matches (local_error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_clear_error (&local_error);
      check->guest_name = g_strdup (customer_id);
      problem (check, g_strdup_printf (_("there is no customer %s"), customer_id));
      return g_steal_pointer (&check);
    }
  check->guest_name = member_text (customer, "name");
  if (check->guest_name == NULL)
    check->guest_name = g_strdup (customer_id);
  merged = member_text (customer, "merged_into");
  if (json_object_get_boolean_member_with_default (customer, "deleted", FALSE))
    {
      problem (check, merged ? g_strdup_printf (_("merged into customer %s: check in that one"), merged)
                             : g_strdup (_("the customer was deleted")));
      return g_steal_pointer (&check);
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (customer, "party", NULL), "organisation") == 0)
    {
      problem (check, g_strdup (_("an organisation, not a person, cannot stay in a room")));
      return g_steal_pointer (&check);
    }
  check->gender = member_text (customer, "gender");
  check->birth_date = member_text (customer, "birth_date");
  {
    g_autofree char *province = member_text (customer, "province");
    g_autofree char *city = member_text (customer, "city");
    g_autofree char *district = member_text (customer, "district");

    if (province || city || district)
      check->address = g_strconcat (province ? province : "", city && g_strcmp0 (city, province) != 0 ? city : "",
                                    district ? district : "", NULL);
  }

  /* the document: the customer's own, or a document on file */
  number = member_text (customer, "id_number");
  if (number)
    {
      check->id_type = member_text (customer, "id_type");
      check->id_expiry = member_text (customer, "id_expiry");
      country = member_text (customer, "id_country");
    }
  else
    {
      document = find_document (db, customer_id, today, &local_error);
      if (local_error)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (document)
        {
          number = member_text (document, "number");
          check->id_type = member_text (document, "doc_type");
          check->id_expiry = member_text (document, "expiry");
          country = member_text (document, "country");
        }
    }

  if (number == NULL)
    problem (check, g_strdup (_("no identity document on file")));
  else if (check->id_type == NULL)
    problem (check, g_strdup_printf (_("the kind of document of number %s is not recorded"), number));
  else
    {
      char *wrong;

      check->id_number = normalise_number (number);
      wrong = check_number (check->id_type, check->id_number);
      if (wrong)
        problem (check, wrong);
      else if (g_str_equal (check->id_type, "resident-id"))
        {
          /* the card says when the guest was born and, by the parity of
           * its 17th digit, the sex: the registration needs both */
          GDate born;

          g_date_clear (&born, 1);
          if (check->birth_date == NULL && td_id_number_validate (check->id_number, &born, NULL) && g_date_valid (&born))
            check->birth_date = td_date_format_iso (g_date_get_julian (&born));
          if (check->gender == NULL)
            check->gender = g_strdup ((check->id_number[16] - '0') % 2 ? "male" : "female");
        }
      if (check->id_expiry && strcmp (check->id_expiry, today) < 0)
        problem (check, g_strdup_printf (_("the document expired on %s"), check->id_expiry));
    }

  /* the nationality */
  check->nationality = member_text (customer, "nationality");
  if (check->nationality == NULL && country)
    check->nationality = g_strdup (country);
  if (check->nationality == NULL && check->id_type
      && (g_str_equal (check->id_type, "resident-id") || g_str_equal (check->id_type, "passport")))
    check->nationality = g_strdup ("CHN");
  if (check->nationality)
    {
      char *upper = g_ascii_strup (check->nationality, -1);
      char alpha3[4];

      g_free (check->nationality);
      check->nationality = upper;
      if (strlen (upper) == 2 && alpha3_of (upper, alpha3))
        {
          g_free (check->nationality);
          check->nationality = g_strdup (alpha3);
        }
    }
  if (check->nationality == NULL)
    problem (check, g_strdup (_("no nationality recorded")));
  else if (!is_country_code (check->nationality))
    problem (check, g_strdup_printf (_("the nationality “%s” is not a three-letter country code (CHN, USA…)"),
                                     check->nationality));
  return g_steal_pointer (&check);
}

/* ------------------------------------------------------------------ */
/* check-in                                                           */

typedef struct {
  const char * const *guest_ids;
  GPtrArray          *guests;   /* TdGuestCheck* */
  const TdDeskTime   *when;
} CheckIn;

/* every guest's papers; FALSE naming each guest whose are not in order */
static gboolean
check_guests (TdDatabase  *db,
              CheckIn     *in,
              GError     **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; in->guest_ids[i]; i++)
    {
      TdGuestCheck *check = td_guest_check (db, in->guest_ids[i], in->when, error);

      if (check == NULL)
        return FALSE;
      g_ptr_array_add (in->guests, check);
      if (check->problems->len > 0)
        {
          g_autofree char *joined = NULL;

          g_ptr_array_add (check->problems, NULL);
          joined = g_strjoinv (_(", "), (char **) check->problems->pdata);
          g_ptr_array_remove_index (check->problems, check->problems->len - 1);
          if (problems->len)
            g_string_append (problems, _("; "));
          /* Translators: a guest's name and what is wrong with their papers */
          g_string_append_printf (problems, _("%s: %s"), check->guest_name, joined);
        }
    }
  if (problems->len)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   _("Cannot check in without every guest's papers in order: %s"), problems->str);
      return FALSE;
    }
  return TRUE;
}

static TdChange *
registration_change (const TdStay       *stay,
                     const TdGuestCheck *guest,
                     const char         *today)
{
  TdChange *change = td_change_new_insert ("guest_registration", NULL);
  g_autofree char *departure = td_date_format_iso (stay->dates.end);

  td_change_set_string (change, "property_id", stay->property_id);
  td_change_set_string (change, "customer_id", guest->customer_id);
  td_change_set_string (change, "stay_id", stay->id);
  td_change_set_string (change, "room", stay->room_number);
  td_change_set_string (change, "guest_name", guest->guest_name);
  if (guest->gender)
    td_change_set_string (change, "gender", guest->gender);
  if (guest->birth_date)
    td_change_set_string (change, "birth_date", guest->birth_date);
  td_change_set_string (change, "nationality", guest->nationality);
  td_change_set_string (change, "id_type", guest->id_type);
  td_change_set_string (change, "id_number", guest->id_number);
  td_change_set_string (change, "check_in", today);
  td_change_set_string (change, "check_out", departure);
  if (guest->address)
    td_change_set_string (change, "address", guest->address);
  return change;
}

static gboolean
check_in_add (TdDatabase    *db,
              const TdStay  *stay,
              TdChange      *stay_change,
              GPtrArray     *changes,
              gpointer       user_data,
              GError       **error)
{
  CheckIn *in = user_data;
  g_autofree char *today = td_date_format_iso (in->when->today);

  if (!check_guests (db, in, error))
    return FALSE;
  if (stay->customer_id == NULL)
    td_change_set_string (stay_change, "customer_id", ((TdGuestCheck *) g_ptr_array_index (in->guests, 0))->customer_id);
  for (guint i = 0; i < in->guests->len; i++)
    g_ptr_array_add (changes, registration_change (stay, g_ptr_array_index (in->guests, i), today));
  return TRUE;
}

TdStay *
td_stay_check_in (TdDatabase         *db,
                  const char         *actor,
                  const char         *stay_id,
                  const char * const *guest_ids,
                  const TdDeskTime   *when,
                  GError            **error)
{
  g_autoptr(GPtrArray) guests = g_ptr_array_new_with_free_func ((GDestroyNotify) td_guest_check_free);
  g_autoptr(TdStay) stay = NULL;
  TdDeskTime storage;
  CheckIn in;
  TdStayApplyExtra extra = { check_in_add, NULL, &in };
  guint n_guests;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (stay_id != NULL, NULL);

  when = td_desk_time_or_now (when, db, &storage);
  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return NULL;
  n_guests = guest_ids ? g_strv_length ((char **) guest_ids) : 0;
  if (n_guests == 0)
    {
      g_set_error_literal (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                           _("Register every guest in the room to check in: none was given"));
      return NULL;
    }
  if (n_guests > stay->adults + stay->children)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                   ngettext ("The stay is for %u guest, but %u were given: change the stay's guests first",
                             "The stay is for %u guests, but %u were given: change the stay's guests first",
                             stay->adults + stay->children),
                   stay->adults + stay->children, n_guests);
      return NULL;
    }
  for (guint i = 0; i < n_guests; i++)
    for (guint j = 0; j < i; j++)
      if (g_str_equal (guest_ids[i], guest_ids[j]))
        {
          g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_INVALID,
                       _("Guest %s is given twice"), guest_ids[i]);
          return NULL;
        }

  /* the papers are checked once the stay may be checked in at all (in
   * check_in_add()): a guest who is early hears that first */
  in.guest_ids = guest_ids;
  in.guests = guests;
  in.when = when;
  return _td_stay_apply_with (db, actor, stay_id, TD_STAY_ACTION_CHECK_IN, when, &extra, error);
}

/* ------------------------------------------------------------------ */
/* listing                                                            */

GPtrArray *
td_registrations_list (TdDatabase  *db,
                       const char  *stay_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_registration_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (stay_id != NULL, NULL);

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT g.id, g.stay_id, g.customer_id, g.guest_name, g.room, g.nationality, "
                               "  g.id_type, g.id_number, g.birth_date, g.gender, g.check_in, g.check_out, "
                               "  g.receipt, g.acknowledged_at, "
                               "  EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'guest_registration' "
                               "          AND o.record_id = g.id AND o.sent_at IS NULL) "
                               "FROM guest_registrations g WHERE g.stay_id = ?1 AND g.deleted = 0 "
                               "ORDER BY g.created_at, g.rowid", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, stay_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdRegistration *r = g_new0 (TdRegistration, 1);
      char **fields[] = {
        &r->id, &r->stay_id, &r->customer_id, &r->guest_name, &r->room, &r->nationality, &r->id_type,
        &r->id_number, &r->birth_date, &r->gender, &r->check_in, &r->check_out, &r->receipt, &r->acknowledged_at,
      };

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        *fields[i] = g_strdup ((const char *) sqlite3_column_text (stmt, (int) i));
      r->state = r->receipt ? TD_REGISTRATION_ACKNOWLEDGED
               : sqlite3_column_int (stmt, 14) ? TD_REGISTRATION_PENDING
               : TD_REGISTRATION_SENT;
      g_ptr_array_add (list, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _td_database_set_error (error, _td_database_get_handle (db), rc);
  _td_database_unlock (db);
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}
