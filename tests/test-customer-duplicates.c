/* test-customer-duplicates.c: likely duplicates, pairs, and merging two customers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-utils.h"

#define ZHANG   "3c0e7a52-0000-4000-8000-000000000001"
#define LI      "3c0e7a52-0000-4000-8000-000000000002"
#define WANG    "3c0e7a52-0000-4000-8000-000000000003"
#define ZHAO    "3c0e7a52-0000-4000-8000-000000000004"
#define GONE    "3c0e7a52-0000-4000-8000-000000000005"
#define CHEN    "3c0e7a52-0000-4000-8000-000000000006"
#define CHEN2   "3c0e7a52-0000-4000-8000-000000000007"

/* A valid resident identity number from its first 17 digits. */
static char *
resident_id (const char *first17)
{
  return g_strdup_printf ("%s%c", first17, td_id_number_check_char (first17));
}

static void
commit_one (TdDatabase *db,
            TdChange   *change)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (changes, change);
  td_database_commit (db, "tester", changes, &error);
  g_assert_no_error (error);
}

/* A customer of the given field/value pairs (up to NULL), checked first. */
static void
add_customer (TdDatabase *db,
              const char *id,
              const char *first_field,
              ...)
{
  TdChange *c = td_change_new_insert_with_id ("customer", NULL, id);
  JsonObject *values = td_change_get_values (c);
  g_autoptr(GPtrArray) problems = NULL;
  va_list args;

  va_start (args, first_field);
  for (const char *field = first_field; field; field = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (strcmp (field, "loyalty_points") == 0)
        json_object_set_int_member (values, field, g_ascii_strtoll (value, NULL, 10));
      else
        json_object_set_string_member (values, field, value);
    }
  va_end (args);
  if (!json_object_has_member (values, "party"))
    json_object_set_string_member (values, "party", "person");

  problems = td_customer_check (values);
  g_assert_false (td_field_problems_have_error (problems));
  commit_one (db, c);
}

static char *
add_related (TdDatabase *db,
             const char *kind,
             const char *customer_id,
             const char *field,
             const char *value)
{
  TdChange *c = td_change_new_insert (kind, NULL);
  char *id = g_strdup (td_change_get_id (c));

  td_change_set_string (c, "customer_id", customer_id);
  td_change_set_string (c, field, value);
  if (strcmp (kind, "customer_document") == 0)
    td_change_set_string (c, "doc_type", "passport");
  commit_one (db, c);
  return id;
}

static void
delete_customer (TdDatabase *db,
                 const char *id)
{
  g_autoptr(JsonObject) record = td_database_get_record (db, "customer", id, NULL);

  commit_one (db, td_change_new_delete ("customer", id, json_object_get_int_member (record, "revision")));
}

static JsonObject *
values_new (const char *first_field,
            ...)
{
  JsonObject *values = json_object_new ();
  g_autoptr(GPtrArray) problems = NULL;
  va_list args;

  va_start (args, first_field);
  for (const char *field = first_field; field; field = va_arg (args, const char *))
    json_object_set_string_member (values, field, va_arg (args, const char *));
  va_end (args);
  problems = td_customer_check (values);
  g_assert_false (td_field_problems_have_error (problems));
  return values;
}

static GPtrArray *
find (TdDatabase *db,
      JsonObject *values,
      GPtrArray  *documents,
      const char *exclude_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *found = td_customer_find_duplicates (db, values, documents, exclude_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

/* found holds exactly the one customer id, for reason */
static void
assert_one (GPtrArray         *found,
            const char        *id,
            TdDuplicateReason  reason)
{
  TdDuplicate *d;

  g_assert_cmpuint (found->len, ==, 1);
  d = g_ptr_array_index (found, 0);
  g_assert_cmpstr (d->id, ==, id);
  g_assert_cmpint (d->reason, ==, reason);
  g_assert_true (d->reasons & (1u << reason));
}

static TdDatabase *
duplicates_workspace (const char *name)
{
  TdDatabase *db = td_test_workspace (name, TD_PROFILE_AGENCY);
  g_autofree char *zhang_id = resident_id ("41010219900307123");
  g_autofree char *gone_id = resident_id ("41010219800101002");

  add_customer (db, ZHANG, "name", "张伟", "phone", "138 0013 8000", "email", "Zhang.Wei@QQ.com",
                "id_number", zhang_id, NULL);
  add_customer (db, LI, "name", "李娜", "phone", "13900139000", "id_type", "passport",
                "id_number", "E12345678", NULL);
  add_customer (db, WANG, "name", "王芳", "birth_date", "1985-05-05", NULL);
  add_customer (db, ZHAO, "name", "赵磊", "other_phones", "13600136000", NULL);
  g_free (add_related (db, "customer_document", ZHAO, "number", "G98765432"));
  add_customer (db, GONE, "name", "钱程", "phone", "13700137000", "id_number", gone_id, NULL);
  delete_customer (db, GONE);
  return db;
}

static void
test_reasons (void)
{
  g_autoptr(TdDatabase) db = duplicates_workspace ("dup-reasons.tourdesk");
  g_autofree char *zhang_id = resident_id ("41010219900307123");
  g_autofree char *gone_id = resident_id ("41010219800101002");

  {
    /* the identity number, as the card or as another customer's document */
    g_autoptr(JsonObject) v = values_new ("name", "张三", "id_number", zhang_id, NULL);
    g_autoptr(GPtrArray) found = find (db, v, NULL, NULL);

    assert_one (found, ZHANG, TD_DUPLICATE_ID_NUMBER);
    g_assert_cmpstr (((TdDuplicate *) g_ptr_array_index (found, 0))->name, ==, "张伟");
    g_assert_cmpstr (((TdDuplicate *) g_ptr_array_index (found, 0))->phone, ==, "13800138000");
    g_assert_nonnull (strstr (((TdDuplicate *) g_ptr_array_index (found, 0))->id_number_masked, "****"));
  }
  {
    g_autoptr(JsonObject) v = values_new ("name", "某人", "id_type", "passport", "id_number", "g9876-5432", NULL);
    g_autoptr(GPtrArray) found = find (db, v, NULL, NULL);

    assert_one (found, ZHAO, TD_DUPLICATE_ID_NUMBER);
  }
  {
    /* a document of the new customer, written loosely */
    g_autoptr(JsonObject) v = values_new ("name", "某人", NULL);
    g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
    JsonObject *doc = json_object_new ();
    g_autoptr(GPtrArray) found = NULL;

    json_object_set_string_member (doc, "number", "e1234 5678");
    g_ptr_array_add (documents, doc);
    found = find (db, v, documents, NULL);
    assert_one (found, LI, TD_DUPLICATE_ID_NUMBER);
  }
  {
    /* the phone, however it is written, main or other */
    g_autoptr(JsonObject) v = values_new ("name", "某人", "phone", "+86 138-0013-8000", NULL);
    g_autoptr(JsonObject) w = values_new ("name", "某人", "phone", "13500135000",
                                          "other_phones", "13900139000", NULL);
    g_autoptr(GPtrArray) found = find (db, v, NULL, NULL);
    g_autoptr(GPtrArray) found_other = find (db, w, NULL, NULL);

    assert_one (found, ZHANG, TD_DUPLICATE_PHONE);
    assert_one (found_other, LI, TD_DUPLICATE_PHONE);
  }
  {
    /* another customer's other phone counts too */
    g_autoptr(JsonObject) v = values_new ("name", "某人", "phone", "136 0013 6000", NULL);
    g_autoptr(GPtrArray) found = find (db, v, NULL, NULL);

    assert_one (found, ZHAO, TD_DUPLICATE_PHONE);
  }
  {
    /* the e-mail, ignoring case in the local part too */
    g_autoptr(JsonObject) v = values_new ("name", "某人", "email", "zhang.wei@qq.COM", NULL);
    g_autoptr(JsonObject) w = values_new ("name", "某人", "other_emails", "ZHANG.WEI@qq.com", NULL);
    g_autoptr(JsonObject) x = values_new ("name", "某人", "email", "zhang.wei@qq.com.cn", NULL);
    g_autoptr(GPtrArray) found = find (db, v, NULL, NULL);
    g_autoptr(GPtrArray) found_other = find (db, w, NULL, NULL);
    g_autoptr(GPtrArray) not_found = find (db, x, NULL, NULL);

    assert_one (found, ZHANG, TD_DUPLICATE_EMAIL);
    assert_one (found_other, ZHANG, TD_DUPLICATE_EMAIL);
    g_assert_cmpuint (not_found->len, ==, 0);
  }
  {
    /* the name with the birth date; either alone is no reason */
    g_autoptr(JsonObject) v = values_new ("name", " 王芳 ", "birth_date", "1985-05-05", NULL);
    g_autoptr(JsonObject) w = values_new ("name", "王芳", "birth_date", "1985-05-06", NULL);
    g_autoptr(JsonObject) x = values_new ("name", "王芳", NULL);
    g_autoptr(GPtrArray) found = find (db, v, NULL, NULL);
    g_autoptr(GPtrArray) other_day = find (db, w, NULL, NULL);
    g_autoptr(GPtrArray) no_day = find (db, x, NULL, NULL);

    assert_one (found, WANG, TD_DUPLICATE_NAME_BIRTH);
    g_assert_cmpuint (other_day->len, ==, 0);
    g_assert_cmpuint (no_day->len, ==, 0);
  }
  {
    /* the customer itself, when editing, is left out */
    g_autoptr(JsonObject) v = values_new ("name", "张伟", "phone", "13800138000", "id_number", zhang_id, NULL);
    g_autoptr(GPtrArray) found = find (db, v, NULL, ZHANG);

    g_assert_cmpuint (found->len, ==, 0);
  }
  {
    /* deleted customers are no duplicates */
    g_autoptr(JsonObject) v = values_new ("name", "钱程", "phone", "13700137000", "id_number", gone_id, NULL);
    g_autoptr(GPtrArray) found = find (db, v, NULL, NULL);

    g_assert_cmpuint (found->len, ==, 0);
  }
  {
    /* one entry per customer, with its strongest reason; the strongest first */
    g_autoptr(JsonObject) v = values_new ("name", "王芳", "birth_date", "1985-05-05",
                                          "phone", "13800138000", "email", "zhang.wei@qq.com",
                                          "id_number", zhang_id, NULL);
    g_autoptr(GPtrArray) found = find (db, v, NULL, NULL);
    TdDuplicate *first, *second;

    g_assert_cmpuint (found->len, ==, 2);
    first = g_ptr_array_index (found, 0);
    second = g_ptr_array_index (found, 1);
    g_assert_cmpstr (first->id, ==, ZHANG);
    g_assert_cmpint (first->reason, ==, TD_DUPLICATE_ID_NUMBER);
    g_assert_cmpuint (first->reasons, ==, (1u << TD_DUPLICATE_ID_NUMBER) | (1u << TD_DUPLICATE_PHONE)
                                          | (1u << TD_DUPLICATE_EMAIL));
    g_assert_cmpstr (second->id, ==, WANG);
    g_assert_cmpint (second->reason, ==, TD_DUPLICATE_NAME_BIRTH);
  }
  {
    /* nothing to go by */
    g_autoptr(JsonObject) v = values_new ("name", "无名氏", NULL);
    g_autoptr(GPtrArray) found = find (db, v, NULL, NULL);

    g_assert_cmpuint (found->len, ==, 0);
  }

  for (TdDuplicateReason r = TD_DUPLICATE_ID_NUMBER; r <= TD_DUPLICATE_NAME_BIRTH; r++)
    {
      g_assert_cmpstr (td_duplicate_reason_to_string (r), !=, "");
      if (r > TD_DUPLICATE_ID_NUMBER)
        g_assert_cmpstr (td_duplicate_reason_to_string (r), !=, td_duplicate_reason_to_string (r - 1));
    }
}

static gboolean
has_pair (GPtrArray         *pairs,
          const char        *first,
          const char        *second,
          TdDuplicateReason  reason)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      TdDuplicatePair *p = g_ptr_array_index (pairs, i);

      if (g_str_equal (p->first_id, first) && g_str_equal (p->second_id, second))
        return p->reason == reason;
    }
  return FALSE;
}

static void
test_pairs (void)
{
  g_autoptr(TdDatabase) db = duplicates_workspace ("dup-pairs.tourdesk");
  g_autofree char *gone_id = resident_id ("41010219800101002");
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GError) error = NULL;

  /* no pairs yet: the deleted customer shares nothing with anyone live */
  pairs = td_customer_list_duplicate_pairs (db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 0);
  g_clear_pointer (&pairs, g_ptr_array_unref);

  /* CHEN: ZHANG's e-mail in other case and the deleted one's identity
   * number; CHEN2: WANG's name and birth date, LI's passport as a document,
   * and ZHAO's document number as its own */
  add_customer (db, CHEN, "name", "陈晨", "email", "ZHANG.wei@qq.com", "id_number", gone_id, NULL);
  add_customer (db, CHEN2, "name", "王芳", "birth_date", "1985-05-05", "phone", "13800138000",
                "id_type", "passport", "id_number", "G98765432", NULL);
  g_free (add_related (db, "customer_document", CHEN2, "number", "E12345678"));

  pairs = td_customer_list_duplicate_pairs (db, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pairs->len; i++)
    {
      TdDuplicatePair *p = g_ptr_array_index (pairs, i);

      g_test_message ("%s %s %d", p->first_id, p->second_id, p->reason);
    }
  /* the older record first; the strongest reason for each pair */
  g_assert_true (has_pair (pairs, LI, CHEN2, TD_DUPLICATE_ID_NUMBER));
  g_assert_true (has_pair (pairs, ZHAO, CHEN2, TD_DUPLICATE_ID_NUMBER));
  g_assert_true (has_pair (pairs, ZHANG, CHEN, TD_DUPLICATE_EMAIL));
  g_assert_true (has_pair (pairs, WANG, CHEN2, TD_DUPLICATE_NAME_BIRTH));
  g_assert_true (has_pair (pairs, ZHANG, CHEN2, TD_DUPLICATE_PHONE));
  g_assert_cmpuint (pairs->len, ==, 5);
  for (guint i = 1; i < pairs->len; i++)
    g_assert_cmpint (((TdDuplicatePair *) g_ptr_array_index (pairs, i - 1))->reason, <=,
                     ((TdDuplicatePair *) g_ptr_array_index (pairs, i))->reason);

  one = td_customer_list_duplicate_pairs (db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpint (((TdDuplicatePair *) g_ptr_array_index (one, 0))->reason, ==, TD_DUPLICATE_ID_NUMBER);
}

/* ------------------------------------------------------------------ */
/* merging                                                            */

static gint64
revision_of (TdDatabase *db,
             const char *id)
{
  g_autoptr(JsonObject) record = td_database_get_record (db, "customer", id, NULL);

  return json_object_get_int_member (record, "revision");
}

static gint64
count (TdDatabase *db,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return td_test_query_int (db, sql);
}

#define KEEP  "5d1f3b20-0000-4000-8000-000000000001"
#define OTHER "5d1f3b20-0000-4000-8000-000000000002"

static TdDatabase *
merge_workspace (const char  *name,
                 char       **passport_doc,
                 char       **note)
{
  TdDatabase *db = td_test_workspace (name, TD_PROFILE_AGENCY);
  g_autofree char *card = resident_id ("41010219900307123");

  add_customer (db, KEEP, "name", "张伟", "phone", "13800138000", "email", "zw@qq.com",
                "id_number", card, "tags", "VIP", "loyalty_points", "100", "notes", "喜欢喝茶",
                "consent_sms", "granted", "consent_sms_at", "2023-01-01T00:00:00Z",
                "consent_sms_how", "到店签字", NULL);
  add_customer (db, OTHER, "name", "张伟", "family_name", "张", "given_name", "伟",
                "phone", "13900139000", "other_phones", "13800138000", "email", "zhangwei@163.com",
                "id_type", "passport", "id_number", "E12345678", "id_expiry", "2030-01-01",
                "province", "河南省", "city", "郑州市", "nationality", "CN",
                "tags", "团队,vip", "loyalty_points", "50", "notes", "素食",
                "consent_sms", "withdrawn", "consent_sms_at", "2024-02-01T00:00:00Z",
                "consent_sms_how", "短信回复TD", NULL);
  *passport_doc = add_related (db, "customer_document", OTHER, "number", "G55555555");
  *note = add_related (db, "customer_note", OTHER, "body", "常去少林寺");
  return db;
}

static void
test_merge (void)
{
  g_autofree char *doc = NULL;
  g_autofree char *note = NULL;
  g_autoptr(TdDatabase) db = merge_workspace ("merge.tourdesk", &doc, &note);
  g_autofree char *card = resident_id ("41010219900307123");
  g_autoptr(JsonObject) chosen = json_object_new ();
  g_autoptr(JsonObject) keep = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(JsonObject) moved = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audit_before = count (db, "SELECT count(*) FROM audit_log");
  gboolean found_card_doc = FALSE, found_merge_note = FALSE, found_move = FALSE;

  /* the clerk takes the other's phone; all else by the rules */
  json_object_set_string_member (chosen, "phone", "13900139000");
  td_customer_merge (db, "tester", KEEP, revision_of (db, KEEP), OTHER, revision_of (db, OTHER), chosen, &error);
  g_assert_no_error (error);

  keep = td_database_get_record (db, "customer", KEEP, &error);
  g_assert_no_error (error);
  other = td_database_get_record (db, "customer", OTHER, &error);
  g_assert_no_error (error);

  /* chosen, kept, filled in */
  g_assert_cmpstr (json_object_get_string_member (keep, "phone"), ==, "13900139000");
  g_assert_cmpstr (json_object_get_string_member (keep, "other_phones"), ==, "13800138000");
  g_assert_cmpstr (json_object_get_string_member (keep, "email"), ==, "zw@qq.com");
  g_assert_cmpstr (json_object_get_string_member (keep, "other_emails"), ==, "zhangwei@163.com");
  g_assert_cmpstr (json_object_get_string_member (keep, "id_type"), ==, "resident-id");
  g_assert_cmpstr (json_object_get_string_member (keep, "id_number"), ==, card);
  g_assert_true (json_object_get_null_member (keep, "id_expiry"));
  g_assert_cmpstr (json_object_get_string_member (keep, "province"), ==, "河南省");
  g_assert_cmpstr (json_object_get_string_member (keep, "city"), ==, "郑州市");
  g_assert_cmpstr (json_object_get_string_member (keep, "nationality"), ==, "CN");
  g_assert_cmpstr (json_object_get_string_member (keep, "family_name"), ==, "张");
  g_assert_cmpstr (json_object_get_string_member (keep, "tags"), ==, "VIP,团队");
  g_assert_cmpint (json_object_get_int_member (keep, "loyalty_points"), ==, 150);
  g_assert_cmpstr (json_object_get_string_member (keep, "notes"), ==, "喜欢喝茶\n\n素食");
  /* the later word on SMS: withdrawn, with when and how */
  g_assert_cmpstr (json_object_get_string_member (keep, "consent_sms"), ==, "withdrawn");
  g_assert_cmpstr (json_object_get_string_member (keep, "consent_sms_at"), ==, "2024-02-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (keep, "consent_sms_how"), ==, "短信回复TD");
  g_assert_true (json_object_get_null_member (keep, "merged_into"));
  g_assert_false (json_object_get_boolean_member (keep, "deleted"));
  g_assert_cmpint (json_object_get_int_member (keep, "revision"), ==, 2);

  /* the other: a tombstone pointing at the survivor */
  g_assert_true (json_object_get_boolean_member (other, "deleted"));
  g_assert_cmpstr (json_object_get_string_member (other, "merged_into"), ==, KEEP);
  g_assert_cmpint (json_object_get_int_member (other, "revision"), ==, 3);

  /* its document and note moved; its passport became a document */
  moved = td_database_get_record (db, "customer_document", doc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (moved, "customer_id"), ==, KEEP);
  g_clear_pointer (&moved, json_object_unref);
  moved = td_database_get_record (db, "customer_note", note, &error);
  g_assert_cmpstr (json_object_get_string_member (moved, "customer_id"), ==, KEEP);

  documents = td_customer_list_documents (db, KEEP, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  for (guint i = 0; i < documents->len; i++)
    {
      JsonObject *d = g_ptr_array_index (documents, i);

      if (g_str_equal (json_object_get_string_member (d, "number"), "E12345678"))
        {
          found_card_doc = TRUE;
          g_assert_cmpstr (json_object_get_string_member (d, "doc_type"), ==, "passport");
          g_assert_cmpstr (json_object_get_string_member (d, "expiry"), ==, "2030-01-01");
        }
    }
  g_assert_true (found_card_doc);
  g_assert_cmpint (count (db, "SELECT count(*) FROM customer_documents WHERE customer_id = '%s'", OTHER), ==, 0);

  notes = td_customer_list_notes (db, KEEP, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 2);
  for (guint i = 0; i < notes->len; i++)
    {
      const char *body = json_object_get_string_member (g_ptr_array_index (notes, i), "body");

      if (strstr (body, OTHER))
        {
          found_merge_note = TRUE;
          g_test_message ("%s", body);
          /* the values not kept: the consent the other had is the one kept,
           * and nothing else of it was lost but its id_expiry (moved) */
          g_assert_null (strstr (body, "E12345678"));
        }
    }
  g_assert_true (found_merge_note);

  /* all of it in the audit log, as the actor */
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit_log"), ==, audit_before + 7);
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit_log WHERE id > %" G_GINT64_FORMAT " AND actor <> 'tester'",
                          audit_before), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit_log WHERE record_id = '%s' AND op = 'update' "
                              "AND json_extract(changes, '$.phone[0]') = '13800138000' "
                              "AND json_extract(changes, '$.phone[1]') = '13900139000'", KEEP), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit_log WHERE record_id = '%s' AND op = 'update' "
                              "AND json_extract(changes, '$.merged_into[1]') = '%s'", OTHER, KEEP), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit_log WHERE record_id = '%s' AND op = 'delete'", OTHER), ==, 1);
  /* and in the outbox for the platform */
  g_assert_cmpint (count (db, "SELECT count(*) FROM outbox WHERE record_id = '%s' AND op = 'delete'", OTHER), ==, 1);

  /* the survivor's history has the moved document, from its start */
  history = td_customer_list_history (db, KEEP, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      TdAuditEntry *e = g_ptr_array_index (history, i);

      if (i > 0)
        g_assert_cmpint (((TdAuditEntry *) g_ptr_array_index (history, i - 1))->seq, <, e->seq);
      if (g_str_equal (e->record_id, doc) && g_str_equal (e->op, "update"))
        found_move = json_object_has_member (e->changes, "customer_id");
    }
  g_assert_true (found_move);
  g_assert_cmpstr (((TdAuditEntry *) g_ptr_array_index (history, 0))->op, ==, "insert");
  g_assert_cmpstr (((TdAuditEntry *) g_ptr_array_index (history, 0))->record_id, ==, KEEP);

  /* the workspace is sound */
  {
    g_autoptr(GPtrArray) results = td_database_check (db, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < results->len; i++)
      {
        TdCheckResult *r = g_ptr_array_index (results, i);

        g_test_message ("%s: %s", r->name, r->detail ? r->detail : "ok");
        g_assert_true (r->ok);
      }
  }
}

static void
test_merge_take_identity (void)
{
  g_autofree char *doc = NULL;
  g_autofree char *note = NULL;
  g_autoptr(TdDatabase) db = merge_workspace ("merge-identity.tourdesk", &doc, &note);
  g_autofree char *card = resident_id ("41010219900307123");
  g_autoptr(JsonObject) chosen = json_object_new ();
  g_autoptr(JsonObject) keep = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean card_kept = FALSE, merge_note = FALSE;

  /* the other's passport and its SMS consent of before; revisions not checked */
  json_object_set_string_member (chosen, "id_number", "E12345678");
  json_object_set_string_member (chosen, "consent_sms", "granted");
  json_object_set_int_member (chosen, "loyalty_points", 100);
  td_customer_merge (db, NULL, KEEP, 0, OTHER, 0, chosen, &error);
  g_assert_no_error (error);

  keep = td_database_get_record (db, "customer", KEEP, &error);
  /* the document's fields come with its number */
  g_assert_cmpstr (json_object_get_string_member (keep, "id_type"), ==, "passport");
  g_assert_cmpstr (json_object_get_string_member (keep, "id_number"), ==, "E12345678");
  g_assert_cmpstr (json_object_get_string_member (keep, "id_expiry"), ==, "2030-01-01");
  g_assert_cmpstr (json_object_get_string_member (keep, "consent_sms"), ==, "granted");
  g_assert_cmpstr (json_object_get_string_member (keep, "consent_sms_at"), ==, "2023-01-01T00:00:00Z");
  g_assert_cmpint (json_object_get_int_member (keep, "loyalty_points"), ==, 100);
  /* the phone not chosen stays the keeper's; the other's joins the others */
  g_assert_cmpstr (json_object_get_string_member (keep, "phone"), ==, "13800138000");
  g_assert_cmpstr (json_object_get_string_member (keep, "other_phones"), ==, "13900139000");

  /* the identity card it had is a document now: nothing is lost */
  documents = td_customer_list_documents (db, KEEP, &error);
  for (guint i = 0; i < documents->len; i++)
    {
      JsonObject *d = g_ptr_array_index (documents, i);

      if (g_str_equal (json_object_get_string_member (d, "number"), card))
        {
          card_kept = TRUE;
          g_assert_cmpstr (json_object_get_string_member (d, "doc_type"), ==, "resident-id");
        }
    }
  g_assert_true (card_kept);

  /* what the other had and is not kept is said in the note */
  notes = td_customer_list_notes (db, KEEP, &error);
  for (guint i = 0; i < notes->len; i++)
    {
      const char *body = json_object_get_string_member (g_ptr_array_index (notes, i), "body");

      if (strstr (body, OTHER))
        {
          merge_note = TRUE;
          g_test_message ("%s", body);
          g_assert_nonnull (strstr (body, "Withdrawn"));
          g_assert_nonnull (strstr (body, "50"));
          g_assert_nonnull (strstr (body, "短信回复TD"));
        }
    }
  g_assert_true (merge_note);
  g_assert_cmpstr (td_database_default_actor (), !=, "");
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit_log WHERE record_id = '%s' AND actor = '%s'",
                          OTHER, td_database_default_actor ()), ==, 2);
}

static void
test_merge_refused (void)
{
  g_autofree char *doc = NULL;
  g_autofree char *note = NULL;
  g_autoptr(TdDatabase) db = merge_workspace ("merge-refused.tourdesk", &doc, &note);
  gint64 audit = count (db, "SELECT count(*) FROM audit_log");
  gint64 keep_revision = revision_of (db, KEEP), other_revision = revision_of (db, OTHER);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (td_customer_merge (db, "tester", KEEP, 0, KEEP, 0, NULL, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  }
  {
    /* changed since the clerk opened the merge view */
    g_autoptr(GError) error = NULL;

    g_assert_false (td_customer_merge (db, "tester", KEEP, keep_revision, OTHER, other_revision + 1, NULL, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (td_customer_merge (db, "tester", KEEP, keep_revision + 1, OTHER, 0, NULL, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONFLICT);
  }
  {
    /* a value neither has, a field that cannot be chosen */
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) error2 = NULL;
    g_autoptr(JsonObject) chosen = json_object_new ();
    g_autoptr(JsonObject) chosen2 = json_object_new ();

    json_object_set_string_member (chosen, "phone", "13500135000");
    g_assert_false (td_customer_merge (db, "tester", KEEP, 0, OTHER, 0, chosen, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
    json_object_set_string_member (chosen2, "merged_into", KEEP);
    g_assert_false (td_customer_merge (db, "tester", KEEP, 0, OTHER, 0, chosen2, &error2));
    g_assert_error (error2, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (td_customer_merge (db, "tester", KEEP, 0, "5d1f3b20-0000-4000-8000-00000000ffff", 0, NULL, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND);
  }
  /* nothing was written by any of them */
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_cmpint (revision_of (db, KEEP), ==, keep_revision);
  g_assert_cmpint (revision_of (db, OTHER), ==, other_revision);

  {
    /* once merged, the other cannot be merged again, either way */
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) error2 = NULL;

    g_assert_true (td_customer_merge (db, "tester", KEEP, 0, OTHER, 0, NULL, NULL));
    audit = count (db, "SELECT count(*) FROM audit_log");
    g_assert_false (td_customer_merge (db, "tester", KEEP, 0, OTHER, 0, NULL, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, KEEP));
    g_assert_false (td_customer_merge (db, "tester", OTHER, 0, KEEP, 0, NULL, &error2));
    g_assert_error (error2, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND);
    g_assert_cmpint (count (db, "SELECT count(*) FROM audit_log"), ==, audit);
  }
}

static void
test_merge_nothing_new (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("merge-same.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  add_customer (db, KEEP, "name", "张伟", "phone", "13800138000", NULL);
  add_customer (db, OTHER, "name", "张伟", "phone", "13800138000", NULL);
  td_customer_merge (db, "tester", KEEP, 1, OTHER, 1, NULL, &error);
  g_assert_no_error (error);

  /* the survivor has nothing to take: its record is not written, only the note */
  g_assert_cmpint (revision_of (db, KEEP), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM customers WHERE deleted = 1 AND merged_into = '%s'", KEEP), ==, 1);
  notes = td_customer_list_notes (db, KEEP, &error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (g_ptr_array_index (notes, 0), "body"), OTHER));
}

static void
test_merge_same_document (void)
{
  g_autoptr(TdDatabase) db = td_test_workspace ("merge-same-document.tourdesk", TD_PROFILE_AGENCY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  const char *body;

  /* one passport, two expiry dates: the keeper's stays, the other's is said */
  add_customer (db, KEEP, "name", "Anna Smith", "id_type", "foreign-passport", "id_number", "X1234567",
                "id_expiry", "2030-01-01", NULL);
  add_customer (db, OTHER, "name", "Anna Smith", "id_type", "foreign-passport", "id_number", "X1234567",
                "id_expiry", "2035-06-30", "id_country", "GBR", NULL);
  td_customer_merge (db, "tester", KEEP, 0, OTHER, 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (count (db, "SELECT count(*) FROM customers WHERE id = '%s' AND id_expiry = '2030-01-01' "
                              "AND id_country = 'GBR'", KEEP), ==, 1);
  documents = td_customer_list_documents (db, KEEP, &error);
  g_assert_cmpuint (documents->len, ==, 0);
  notes = td_customer_list_notes (db, KEEP, &error);
  g_assert_cmpuint (notes->len, ==, 1);
  body = json_object_get_string_member (g_ptr_array_index (notes, 0), "body");
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "2035-06-30"));
  g_assert_null (strstr (body, "GBR"));
}

typedef struct {
  GMainLoop *loop;
  GPtrArray *found;
  gboolean   merged;
  GError    *error;
} AsyncData;

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncData *data = user_data;

  data->found = td_customer_find_duplicates_finish (TD_DATABASE (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
merged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncData *data = user_data;

  data->merged = td_customer_merge_finish (TD_DATABASE (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async (void)
{
  g_autofree char *doc = NULL;
  g_autofree char *note = NULL;
  g_autoptr(TdDatabase) db = merge_workspace ("merge-async.tourdesk", &doc, &note);
  g_autoptr(JsonObject) values = values_new ("name", "某人", "phone", "13900139000", NULL);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  AsyncData data = { g_main_loop_new (NULL, FALSE), NULL, FALSE, NULL };

  td_customer_find_duplicates_async (db, values, NULL, NULL, found_cb, &data);
  /* the caller may change its values at once: the thread has a copy */
  json_object_set_string_member (values, "phone", "13500135000");
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  assert_one (data.found, OTHER, TD_DUPLICATE_PHONE);
  g_clear_pointer (&data.found, g_ptr_array_unref);

  g_cancellable_cancel (cancelled);
  td_customer_find_duplicates_async (db, values, NULL, cancelled, found_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (data.found);
  g_clear_error (&data.error);

  td_customer_merge_async (db, "tester", KEEP, revision_of (db, KEEP), OTHER, revision_of (db, OTHER),
                           NULL, NULL, merged_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_true (data.merged);
  g_assert_cmpint (count (db, "SELECT deleted FROM customers WHERE id = '%s'", OTHER), ==, 1);

  td_customer_merge_async (db, "tester", KEEP, 0, OTHER, 0, NULL, NULL, merged_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_error (data.error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND);
  g_assert_false (data.merged);
  g_clear_error (&data.error);
  g_main_loop_unref (data.loop);
}

static void
test_titles (void)
{
  g_assert_cmpstr (td_customer_field_title ("birth_date"), ==, "Birth date");
  g_assert_cmpstr (td_customer_field_title ("no_such_field"), ==, "no_such_field");
  g_assert_cmpstr (td_customer_value_title ("gender", "female"), ==, "Female");
  g_assert_cmpstr (td_customer_value_title ("doc_type", "passport"), ==, "Passport");
  g_assert_cmpstr (td_customer_value_title ("consent_sms", "withdrawn"), ==, "Withdrawn");
  g_assert_cmpstr (td_customer_value_title ("consent_sms_how", "withdrawn"), ==, "withdrawn");
  g_assert_cmpstr (td_customer_value_title ("name", "female"), ==, "female");
  g_assert_null (td_customer_value_title ("gender", NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/duplicates/reasons", test_reasons);
  g_test_add_func ("/duplicates/pairs", test_pairs);
  g_test_add_func ("/duplicates/merge", test_merge);
  g_test_add_func ("/duplicates/merge-take-identity", test_merge_take_identity);
  g_test_add_func ("/duplicates/merge-refused", test_merge_refused);
  g_test_add_func ("/duplicates/merge-nothing-new", test_merge_nothing_new);
  g_test_add_func ("/duplicates/merge-same-document", test_merge_same_document);
  g_test_add_func ("/duplicates/async", test_async);
  g_test_add_func ("/duplicates/titles", test_titles);
  return g_test_run ();
}
