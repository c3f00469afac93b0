/* td-complaints.c: complaints and their handling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-complaints.h"
#include "td-database-private.h"
#include "td-time.h"

const char * const td_complaint_states[] = { "new", "assigned", "in_progress", "resolved", "closed", NULL };
const char * const td_complaint_severities[] = { "low", "medium", "high", "critical", NULL };
const char * const td_complaint_categories[] = { "service", "price", "safety", "hygiene", "itinerary", "guide",
                                                 "accommodation", "transport", "other", NULL };
const char * const td_complaint_channels[] = { "desk", "phone", "web", "letter", "platform", NULL };
const char * const td_complaint_outcomes[] = { "refund", "voucher", "apology", "none", NULL };

typedef struct {
  const char *value;
  const char *title;
} Title;

static const Title titles[] = {
  { "new", N_("New") },
  { "assigned", N_("Assigned") },
  { "in_progress", N_("In progress") },
  { "resolved", N_("Resolved") },
  { "closed", N_("Closed") },
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
  { "critical", N_("Critical") },
  { "service", N_("Service") },
  { "price", N_("Price") },
  { "safety", N_("Safety") },
  { "hygiene", N_("Hygiene") },
  { "itinerary", N_("Itinerary") },
  { "guide", N_("Tour guide") },
  { "accommodation", N_("Accommodation") },
  { "transport", N_("Transport") },
  { "other", N_("Other") },
  { "desk", N_("At the desk") },
  { "phone", N_("By phone") },
  { "web", N_("Online") },
  { "letter", N_("By letter") },
  { "platform", N_("Through the platform") },
  { "refund", N_("Refund") },
  { "voucher", N_("Voucher") },
  { "apology", N_("Apology") },
  { "none", N_("No compensation") },
};

static const char *
title_of (const char *value)
{
  if (value == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].value, value))
      return _(titles[i].title);
  return value;
}

const char *td_complaint_state_title (const char *state) { return title_of (state); }
const char *td_complaint_severity_title (const char *severity) { return title_of (severity); }
const char *td_complaint_category_title (const char *category) { return title_of (category); }
const char *td_complaint_channel_title (const char *channel) { return title_of (channel); }
const char *td_complaint_outcome_title (const char *outcome) { return title_of (outcome); }

guint
td_complaint_due_hours (const char *severity)
{
  if (g_strcmp0 (severity, "critical") == 0)
    return 4;
  if (g_strcmp0 (severity, "high") == 0)
    return 24;
  if (g_strcmp0 (severity, "low") == 0)
    return 7 * 24;
  return 3 * 24;
}

gboolean
td_complaint_can_move (const char *from,
                       const char *to)
{
  static const struct {
    const char *from;
    const char *to;
  } moves[] = {
    { "new", "assigned" }, { "new", "in_progress" }, { "new", "resolved" }, { "new", "closed" },
    { "assigned", "assigned" }, { "assigned", "in_progress" }, { "assigned", "resolved" },
    { "in_progress", "assigned" }, { "in_progress", "resolved" },
    { "resolved", "in_progress" }, { "resolved", "closed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (g_strcmp0 (moves[i].from, from) == 0 && g_strcmp0 (moves[i].to, to) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_one_of (const char         *value,
           const char * const *choices)
{
  return value != NULL && g_strv_contains (choices, value);
}

static gboolean
commit_one (TdDatabase  *db,
            TdChange    *change,
            const char  *actor,
            GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);

  g_ptr_array_add (changes, change);
  return td_database_commit (db, actor, changes, error);
}

static const char *
text_member (JsonObject *values,
             const char *name)
{
  JsonNode *node = values ? json_object_get_member (values, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
td_complaints_add (TdDatabase  *db,
                   JsonObject  *values,
                   const char  *actor,
                   GError     **error)
{
  static const char *optional[] = { "customer_id", "booking_ref", "about", "contact", "occurred_on", "category" };
  g_autofree char *subject = g_strstrip (g_strdup (text_member (values, "subject") ?: ""));
  g_autofree char *body = g_strstrip (g_strdup (text_member (values, "body") ?: ""));
  const char *channel = text_member (values, "channel") ?: "desk";
  const char *severity = text_member (values, "severity") ?: "medium";
  const char *category = text_member (values, "category");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *due_at = NULL;
  g_autofree char *id = NULL;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (*subject == '\0' || *body == '\0')
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           *subject == '\0' ? _("A complaint needs a subject") : _("A complaint needs what the customer said"));
      return NULL;
    }
  if (!is_one_of (channel, td_complaint_channels))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not a channel (desk, phone, web, letter, platform)"), channel);
      return NULL;
    }
  if (!is_one_of (severity, td_complaint_severities))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not a severity (low, medium, high, critical)"), severity);
      return NULL;
    }
  if (category && !is_one_of (category, td_complaint_categories))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not a category (service, price, safety, hygiene, itinerary, guide, accommodation, transport, other)"),
                   category);
      return NULL;
    }

  due = g_date_time_add_hours (now, (gint) td_complaint_due_hours (severity));
  due_at = td_timestamp_from_unix (g_date_time_to_unix (due) * G_USEC_PER_SEC);

  change = td_change_new_insert ("complaint", NULL);
  td_change_set_string (change, "subject", subject);
  td_change_set_string (change, "body", body);
  td_change_set_string (change, "channel", channel);
  td_change_set_string (change, "severity", severity);
  td_change_set_string (change, "due_at", due_at);
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      const char *value = text_member (values, optional[i]);

      if (value && *value)
        td_change_set_string (change, optional[i], value);
    }
  id = g_strdup (td_change_get_id (change));
  if (!commit_one (db, change, actor, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* ------------------------------------------------------------------ */
/* reading                                                            */

#define LATEST(column) \
  "(SELECT n." column " FROM complaint_notes n WHERE n.complaint_id = c.id AND n.deleted = 0 " \
  "AND n." column " IS NOT NULL ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1)"

static const char list_sql[] =
  "SELECT c.id, c.subject, c.body, c.channel, c.category, c.severity, c.customer_id, cu.name, c.booking_ref, "
  "  c.about, c.contact, c.occurred_on, c.created_at, c.due_at, "
  "  coalesce (" LATEST ("state") ", 'new'), " LATEST ("assignee") ", " LATEST ("outcome") ", "
  "  (SELECT n.amount_minor FROM complaint_notes n WHERE n.complaint_id = c.id AND n.deleted = 0"
  "     AND n.outcome IS NOT NULL ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1), "
  "  (SELECT n.amount_currency FROM complaint_notes n WHERE n.complaint_id = c.id AND n.deleted = 0"
  "     AND n.outcome IS NOT NULL ORDER BY n.created_at DESC, n.rowid DESC LIMIT 1), "
  "  (SELECT count(*) FROM complaint_notes n WHERE n.complaint_id = c.id AND n.deleted = 0) "
  "FROM complaints c LEFT JOIN customers cu ON cu.id = c.customer_id "
  "WHERE c.deleted = 0 AND (?1 IS NULL OR c.id = ?1) "
  "ORDER BY c.created_at DESC, c.id";
#undef LATEST

static void
set_column (JsonObject   *object,
            const char   *name,
            sqlite3_stmt *stmt,
            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, name);
  else
    json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, column));
}

static gboolean
overdue (const char *due_at,
         const char *state)
{
  g_autoptr(GDateTime) due = due_at ? g_date_time_new_from_iso8601 (due_at, NULL) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (due == NULL || g_strcmp0 (state, "resolved") == 0 || g_strcmp0 (state, "closed") == 0)
    return FALSE;
  return g_date_time_compare (due, now) < 0;
}

static JsonArray *
list (TdDatabase  *db,
      const char  *id,
      const char  *state,
      GError     **error)
{
  static const char *names[] = { "id", "subject", "body", "channel", "category", "severity", "customer_id",
                                 "customer_name", "booking_ref", "about", "contact", "occurred_on", "created_at",
                                 "due_at", "state", "assignee", "outcome" };
  g_autoptr(JsonArray) result = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  _td_database_lock (db);
  stmt = _td_database_prepare (db, list_sql, error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      return NULL;
    }
  if (id)
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row;
      const char *row_state = (const char *) sqlite3_column_text (stmt, 14);

      if (state && g_strcmp0 (state, row_state) != 0)
        continue;
      row = json_object_new ();
      for (int c = 0; c < (int) G_N_ELEMENTS (names); c++)
        set_column (row, names[c], stmt, c);
      if (sqlite3_column_type (stmt, 17) == SQLITE_NULL)
        json_object_set_null_member (row, "amount");
      else
        {
          JsonObject *amount = json_object_new ();

          json_object_set_int_member (amount, "minor", sqlite3_column_int64 (stmt, 17));
          json_object_set_string_member (amount, "currency", (const char *) sqlite3_column_text (stmt, 18));
          json_object_set_object_member (row, "amount", amount);
        }
      json_object_set_int_member (row, "n_notes", sqlite3_column_int64 (stmt, 19));
      json_object_set_boolean_member (row, "overdue",
                                      overdue ((const char *) sqlite3_column_text (stmt, 13), row_state));
      json_array_add_object_element (result, row);
    }
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED, _("Could not read the complaints"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

JsonArray *
td_complaints_list (TdDatabase  *db,
                    const char  *state,
                    GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (state && !is_one_of (state, td_complaint_states))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not a state (new, assigned, in_progress, resolved, closed)"), state);
      return NULL;
    }
  return list (db, NULL, state, error);
}

JsonObject *
td_complaints_get (TdDatabase  *db,
                   const char  *complaint_id,
                   GError     **error)
{
  g_autoptr(JsonArray) one = NULL;
  g_autoptr(JsonArray) notes = json_array_new ();
  JsonObject *complaint;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (complaint_id != NULL, NULL);

  one = list (db, complaint_id, NULL, error);
  if (one == NULL)
    return NULL;
  if (json_array_get_length (one) == 0)
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_FOUND, _("There is no complaint %s"), complaint_id);
      return NULL;
    }
  complaint = json_object_ref (json_array_get_object_element (one, 0));

  _td_database_lock (db);
  stmt = _td_database_prepare (db,
                               "SELECT id, created_at, coalesce (action, 'note'), body, state, assignee, outcome, "
                               "  amount_minor, amount_currency FROM complaint_notes "
                               "WHERE complaint_id = ? AND deleted = 0 ORDER BY created_at, rowid", error);
  if (stmt == NULL)
    {
      _td_database_unlock (db);
      json_object_unref (complaint);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, complaint_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      static const char *names[] = { "id", "created_at", "action", "body", "state", "assignee", "outcome" };
      JsonObject *note = json_object_new ();

      for (int c = 0; c < (int) G_N_ELEMENTS (names); c++)
        set_column (note, names[c], stmt, c);
      if (sqlite3_column_type (stmt, 7) == SQLITE_NULL)
        json_object_set_null_member (note, "amount");
      else
        {
          JsonObject *amount = json_object_new ();

          json_object_set_int_member (amount, "minor", sqlite3_column_int64 (stmt, 7));
          json_object_set_string_member (amount, "currency", (const char *) sqlite3_column_text (stmt, 8));
          json_object_set_object_member (note, "amount", amount);
        }
      json_array_add_object_element (notes, note);
    }
  sqlite3_reset (stmt);
  _td_database_unlock (db);
  if (rc != SQLITE_DONE)
    {
      json_object_unref (complaint);
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED, _("Could not read the complaints"));
      return NULL;
    }
  json_object_set_array_member (complaint, "notes", g_steal_pointer (&notes));
  return complaint;
}

/* ------------------------------------------------------------------ */
/* handling                                                           */

static TdChange *
new_note (JsonObject *complaint,
          const char *action,
          const char *body)
{
  TdChange *change = td_change_new_insert ("complaint_note", NULL);
  g_autofree char *text = body ? g_strstrip (g_strdup (body)) : NULL;

  td_change_set_string (change, "complaint_id", json_object_get_string_member (complaint, "id"));
  td_change_set_string (change, "action", action);
  if (text && *text)
    td_change_set_string (change, "body", text);
  return change;
}

gboolean
td_complaints_note (TdDatabase  *db,
                    const char  *complaint_id,
                    const char  *body,
                    const char  *actor,
                    GError     **error)
{
  g_autoptr(JsonObject) complaint = NULL;
  g_autofree char *text = g_strstrip (g_strdup (body ? body : ""));

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (*text == '\0')
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID, _("A note needs some text"));
      return FALSE;
    }
  if ((complaint = td_complaints_get (db, complaint_id, error)) == NULL)
    return FALSE;
  if (g_str_equal (json_object_get_string_member (complaint, "state"), "closed"))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("This complaint is closed: file a new one if the customer comes back"));
      return FALSE;
    }
  return commit_one (db, new_note (complaint, "note", text), actor, error);
}

gboolean
td_complaints_set_state (TdDatabase     *db,
                         const char     *complaint_id,
                         const char     *state,
                         const char     *assignee,
                         const char     *outcome,
                         const TdMoney  *amount,
                         const char     *body,
                         const char     *actor,
                         GError        **error)
{
  g_autoptr(JsonObject) complaint = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autofree char *who = assignee ? g_strstrip (g_strdup (assignee)) : NULL;
  const char *from;
  TdChange *change;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (!is_one_of (state, td_complaint_states))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not a state (new, assigned, in_progress, resolved, closed)"), state ? state : "");
      return FALSE;
    }
  if (outcome && !is_one_of (outcome, td_complaint_outcomes))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                   _("“%s” is not an outcome (refund, voucher, apology, none)"), outcome);
      return FALSE;
    }
  if (outcome && (g_str_equal (outcome, "refund") || g_str_equal (outcome, "voucher"))
      && (amount == NULL || amount->minor <= 0))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("A refund or a voucher needs its amount"));
      return FALSE;
    }
  if (g_str_equal (state, "assigned") && (who == NULL || *who == '\0'))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("Say who handles the complaint"));
      return FALSE;
    }
  if ((complaint = td_complaints_get (db, complaint_id, error)) == NULL)
    return FALSE;
  from = json_object_get_string_member (complaint, "state");
  if (!td_complaint_can_move (from, state))
    {
      /* TRANSLATORS: two states of a complaint, such as "Closed" and "In progress" */
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID, _("A complaint cannot go from “%s” to “%s”"),
                   td_complaint_state_title (from), td_complaint_state_title (state));
      return FALSE;
    }
  if (g_str_equal (state, "resolved") && outcome == NULL && json_object_get_null_member (complaint, "outcome"))
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                           _("Say how the complaint was settled (refund, voucher, apology or none) to resolve it"));
      return FALSE;
    }

  /* the outcome first, then the state: one transaction */
  if (outcome)
    {
      change = new_note (complaint, "outcome", NULL);
      td_change_set_string (change, "outcome", outcome);
      if (amount && amount->minor > 0)
        td_change_set_money (change, "amount", amount);
      g_ptr_array_add (changes, change);
    }
  change = new_note (complaint, g_str_equal (state, "assigned") ? "assign" : "state", body);
  td_change_set_string (change, "state", state);
  if (who && *who)
    td_change_set_string (change, "assignee", who);
  g_ptr_array_add (changes, change);
  return td_database_commit (db, actor, changes, error);
}
