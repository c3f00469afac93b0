/* td-check.c: is the workspace intact?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-check.h"
#include "td-database-private.h"
#include "td-money.h"
#include "td-time.h"

#define MAX_DETAILS 5
/* written out: "??-" would be a trigraph */
#define H "[0-9a-f]"
#define H4 H H H H
#define UUID_GLOB H4 H4 "-" H4 "-" H4 "-" H4 "-" H4 H4 H4

void
td_check_result_free (TdCheckResult *result)
{
  if (result == NULL)
    return;
  g_free (result->name);
  g_free (result->title);
  g_free (result->detail);
  g_free (result);
}

static TdCheckResult *
result_new (const char *name,
            const char *title)
{
  TdCheckResult *result = g_new0 (TdCheckResult, 1);

  result->name = g_strdup (name);
  result->title = g_strdup (title);
  result->ok = TRUE;
  return result;
}

static guint
count_lines (const char *text)
{
  guint n = 1;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
result_fail (TdCheckResult *result,
             const char    *detail)
{
  result->ok = FALSE;
  if (result->detail == NULL)
    result->detail = g_strdup (detail);
  else if (count_lines (result->detail) < MAX_DETAILS)
    {
      char *joined = g_strconcat (result->detail, "\n", detail, NULL);

      g_free (result->detail);
      result->detail = joined;
    }
}

static const char *
problem_text (const char *code)
{
  static const struct { const char *code; const char *text; } problems[] = {
    { "bad-id", N_("the id is not a UUID") },
    { "bad-revision", N_("the revision is below 1") },
    { "updated-before-created", N_("it was updated before it was created") },
    { "bad-timestamp", N_("a timestamp is not in UTC ISO 8601 form") },
    { "no-organisation", N_("its organisation is missing or deleted") },
    { "no-audit", N_("its current revision has no audit entry") },
    { "outbox-ahead", N_("the outbox holds a later revision than the record") },
    { "dead-reference", N_("it refers to a deleted or missing record") },
    { "room-nights", N_("the nights it takes do not match the room-night table") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    if (g_strcmp0 (problems[i].code, code) == 0)
      return _(problems[i].text);
  return code;
}

/* Each row the query returns is one problem: with a kind, the row is
 * (record id, problem code); without, its first column says it all. */
static gboolean
collect_problems (sqlite3        *db,
                  const TdKind   *kind,
                  const char     *sql,
                  TdCheckResult  *result,
                  GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *first = (const char *) sqlite3_column_text (stmt, 0);
          g_autofree char *detail = NULL;

          if (kind == NULL)
            detail = g_strdup (first);
          else
            /* Translators: kind of record, its id, what is wrong */
            detail = g_strdup_printf (_("%s %s: %s"), _(kind->title), first,
                                      problem_text ((const char *) sqlite3_column_text (stmt, 1)));
          result_fail (result, detail);
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      _td_database_set_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

static void
check_settings (TdDatabase    *db,
                TdCheckResult *result)
{
  g_autofree char *name = td_database_dup_setting (db, TD_SETTING_NAME);
  g_autofree char *profile = td_database_dup_setting (db, TD_SETTING_PROFILE);
  g_autofree char *currency = td_database_dup_setting (db, TD_SETTING_CURRENCY);
  g_autofree char *time_zone = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
  g_autofree char *org = td_database_dup_setting (db, TD_SETTING_DEFAULT_ORG);
  g_autoptr(JsonObject) record = NULL;

  if (org == NULL)
    {
      result_fail (result, _("the workspace has not been set up (run init or demo)"));
      return;
    }
  if (name == NULL || *name == '\0')
    result_fail (result, _("the workspace has no name"));
  if (!td_profile_from_string (profile, NULL))
    result_fail (result, _("the business type is missing or unknown"));
  if (!td_currency_is_valid (currency))
    result_fail (result, _("the currency is not an ISO 4217 code"));
  if (!td_time_zone_is_valid (time_zone))
    result_fail (result, _("the time zone is not known"));
  record = td_database_get_record (db, "organisation", org, NULL);
  if (record == NULL || json_object_get_boolean_member (record, "deleted"))
    result_fail (result, _("the default organisation does not exist"));
}

GPtrArray *
td_database_check (TdDatabase  *db,
                   GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) td_check_result_free);
  const TdKind * const *kinds;
  guint n_kinds;
  sqlite3 *handle;
  TdCheckResult *r;
  gboolean ok = TRUE;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  _td_database_lock (db);
  handle = _td_database_get_handle (db);

  r = result_new ("sqlite-integrity", _("SQLite integrity check"));
  g_ptr_array_add (results, r);
  ok = collect_problems (handle, NULL,
                "SELECT integrity_check FROM pragma_integrity_check(20) WHERE integrity_check != 'ok'",
                r, error);

  if (ok)
    {
      r = result_new ("foreign-keys", _("References between records"));
      g_ptr_array_add (results, r);
      ok = collect_problems (handle, NULL,
                    "SELECT \"table\" || ' ' || rowid || ' → ' || parent "
                    "FROM pragma_foreign_key_check LIMIT 20",
                    r, error);
    }

  if (ok)
    {
      r = result_new ("workspace-settings", _("Workspace settings"));
      g_ptr_array_add (results, r);
      check_settings (db, r);
    }

  kinds = td_kind_all (&n_kinds);

  if (ok)
    {
      r = result_new ("record-columns", _("Every record has an id, a revision, timestamps and an organisation"));
      g_ptr_array_add (results, r);
      for (guint k = 0; ok && k < n_kinds; k++)
        {
          g_autofree char *sql =
            g_strdup_printf ("SELECT id, "
                             "CASE WHEN NOT (id GLOB '" UUID_GLOB "') THEN 'bad-id' "
                             "WHEN revision < 1 THEN 'bad-revision' "
                             "WHEN updated_at < created_at THEN 'updated-before-created' "
                             "WHEN NOT (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z') THEN 'bad-timestamp' "
                             "ELSE 'no-organisation' END "
                             "FROM %s t WHERE NOT (id GLOB '" UUID_GLOB "') "
                             "OR revision < 1 OR updated_at < created_at "
                             "OR NOT (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z') "
                             "OR (deleted = 0 AND NOT EXISTS (SELECT 1 FROM organisations o "
                             "    WHERE o.id = t.org_id AND o.deleted = 0)) LIMIT 20",
                             kinds[k]->table);
          ok = collect_problems (handle, kinds[k], sql, r, error);
        }
    }

  if (ok)
    {
      r = result_new ("audit-trail", _("Every revision of every record is in the audit log"));
      g_ptr_array_add (results, r);
      for (guint k = 0; ok && k < n_kinds; k++)
        {
          g_autofree char *sql =
            g_strdup_printf ("SELECT id, 'no-audit' "
                             "FROM %s t WHERE NOT EXISTS (SELECT 1 FROM audit_log a "
                             "WHERE a.record_id = t.id AND a.revision = t.revision) LIMIT 20",
                             kinds[k]->table);
          ok = collect_problems (handle, kinds[k], sql, r, error);
        }
    }

  if (ok)
    {
      r = result_new ("outbox", _("The changes waiting for the platform match the records"));
      g_ptr_array_add (results, r);
      for (guint k = 0; ok && k < n_kinds; k++)
        {
          g_autofree char *sql =
            g_strdup_printf ("SELECT o.record_id, 'outbox-ahead' "
                             "FROM outbox o LEFT JOIN %s t ON t.id = o.record_id "
                             "WHERE o.kind = '%s' AND (t.id IS NULL OR o.revision > t.revision) LIMIT 20",
                             kinds[k]->table, kinds[k]->name);
          ok = collect_problems (handle, kinds[k], sql, r, error);
        }
    }

  if (ok)
    {
      r = result_new ("references-live", _("Live records refer only to live records"));
      g_ptr_array_add (results, r);
      for (guint k = 0; ok && k < n_kinds; k++)
        for (guint f = 0; ok && f < kinds[k]->n_fields; f++)
          {
            const TdField *field = &kinds[k]->fields[f];
            g_autofree char *sql = NULL;

            if (field->type != TD_FIELD_REF)
              continue;
            sql = g_strdup_printf ("SELECT t.id, 'dead-reference' "
                                   "FROM %s t LEFT JOIN %s p ON p.id = t.%s "
                                   "WHERE t.deleted = 0 AND t.%s IS NOT NULL AND (p.id IS NULL OR p.deleted = 1) LIMIT 20",
                                   kinds[k]->table, td_kind_lookup (field->ref_kind)->table, field->name, field->name);
            ok = collect_problems (handle, kinds[k], sql, r, error);
          }
    }

  if (ok)
    {
      r = result_new ("money", _("Amounts of money have a known currency"));
      g_ptr_array_add (results, r);
      for (guint k = 0; ok && k < n_kinds; k++)
        for (guint f = 0; ok && f < kinds[k]->n_fields; f++)
          {
            const TdField *field = &kinds[k]->fields[f];
            g_autofree char *sql = NULL;
            sqlite3_stmt *stmt = NULL;
            int rc;

            if (field->type != TD_FIELD_MONEY)
              continue;
            sql = g_strdup_printf ("SELECT DISTINCT %s_currency FROM %s WHERE %s_currency IS NOT NULL "
                                   "OR typeof(%s_minor) NOT IN ('integer', 'null')",
                                   field->name, kinds[k]->table, field->name, field->name);
            rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
            while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
              {
                const char *code = (const char *) sqlite3_column_text (stmt, 0);

                if (!td_currency_is_valid (code))
                  {
                    g_autofree char *detail =
                      g_strdup_printf ("%s.%s: “%s”", kinds[k]->table, field->name, code ? code : "");
                    result_fail (r, detail);
                  }
                rc = SQLITE_OK;
              }
            sqlite3_finalize (stmt);
            if (rc != SQLITE_DONE && rc != SQLITE_OK)
              {
                _td_database_set_error (error, handle, rc);
                ok = FALSE;
              }
          }
    }

  if (ok)
    {
      /* the triggers of migration 7 keep room_nights in step with stays and
       * out-of-order periods: each takes exactly its nights, in its room */
      static const char *const sql[] = {
        "WITH c AS (SELECT stay, count(*) AS k, min(room) AS lo, max(room) AS hi, min(night) AS first"
        "           FROM room_nights WHERE stay IS NOT NULL GROUP BY stay)"
        "SELECT s.id, 'room-nights' FROM stays s LEFT JOIN c ON c.stay = s.rowid"
        " WHERE CASE WHEN s.deleted = 0 AND s.room_id IS NOT NULL"
        "             AND s.state IN ('tentative', 'confirmed', 'checked_in', 'checked_out')"
        "   THEN c.k IS NULL OR c.k != CAST(julianday(s.departure) - julianday(s.arrival) AS INTEGER)"
        "        OR c.first != CAST(julianday(s.arrival) - 1721424.5 AS INTEGER)"
        "        OR c.lo != c.hi OR c.lo != (SELECT rowid FROM rooms WHERE id = s.room_id)"
        "   ELSE c.k IS NOT NULL END LIMIT 20",
        "WITH c AS (SELECT closure, count(*) AS k, min(room) AS lo, max(room) AS hi"
        "           FROM room_nights WHERE closure IS NOT NULL GROUP BY closure)"
        "SELECT p.id, 'room-nights' FROM out_of_order_periods p LEFT JOIN c ON c.closure = p.rowid"
        " WHERE CASE WHEN p.deleted = 0"
        "   THEN c.k IS NULL OR c.k != CAST(julianday(p.end_date) - julianday(p.start_date) AS INTEGER)"
        "        OR c.lo != c.hi OR c.lo != (SELECT rowid FROM rooms WHERE id = p.room_id)"
        "   ELSE c.k IS NOT NULL END LIMIT 20",
      };
      const char *const kinds_of[] = { "stay", "out_of_order" };

      r = result_new ("room-nights", _("Every room is taken at most once a night, by what the room-night table says"));
      g_ptr_array_add (results, r);
      for (guint i = 0; ok && i < G_N_ELEMENTS (sql); i++)
        ok = collect_problems (handle, td_kind_lookup (kinds_of[i]), sql[i], r, error);
      if (ok)
        ok = collect_problems (handle, NULL,
                               "SELECT 'room_nights ' || n.room || ' ' || n.night FROM room_nights n"
                               " WHERE (n.stay IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.rowid = n.stay))"
                               "    OR (n.closure IS NOT NULL AND NOT EXISTS"
                               "        (SELECT 1 FROM out_of_order_periods p WHERE p.rowid = n.closure))"
                               "    OR NOT EXISTS (SELECT 1 FROM rooms r WHERE r.rowid = n.room) LIMIT 20",
                               r, error);
    }

  if (ok)
    {
      /* the triggers of migration 14 keep the daily facts of the analytics
       * in step with the stays, for each hotel and for all ('') */
      r = result_new ("analytics", _("The figures of the analytics agree with the stays"));
      g_ptr_array_add (results, r);
      ok = collect_problems (handle, NULL,
                             "WITH t AS (SELECT property_id AS property,"
                             "    sum(CASE WHEN state IN ('confirmed', 'checked_in', 'checked_out')"
                             "        THEN json_array_length(nightly_prices) ELSE 0 END) AS sold,"
                             "    sum(CASE WHEN state IN ('cancelled', 'no_show') THEN 0"
                             "        ELSE json_array_length(nightly_prices) END) AS booked,"
                             "    sum(moved_from IS NULL) AS arrivals"
                             "    FROM stays WHERE deleted = 0 GROUP BY property_id),"
                             " e AS (SELECT * FROM t UNION ALL SELECT '', sum(sold), sum(booked), sum(arrivals) FROM t),"
                             " d AS (SELECT property, sum(units) AS sold, sum(arrivals) AS arrivals"
                             "    FROM analytics_days WHERE kind = 'stay' GROUP BY property),"
                             " b AS (SELECT property, sum(units) AS booked FROM analytics_books WHERE kind = 'stay'"
                             "    GROUP BY property),"
                             " k AS (SELECT property FROM e UNION SELECT property FROM d UNION SELECT property FROM b)"
                             "SELECT 'analytics ' || CASE k.property WHEN '' THEN '*' ELSE k.property END FROM k"
                             " LEFT JOIN e ON e.property = k.property LEFT JOIN d ON d.property = k.property"
                             " LEFT JOIN b ON b.property = k.property"
                             " WHERE COALESCE(e.sold, 0) != COALESCE(d.sold, 0) OR COALESCE(e.arrivals, 0) != COALESCE(d.arrivals, 0)"
                             "    OR COALESCE(e.booked, 0) != COALESCE(b.booked, 0) LIMIT 20",
                             r, error);
    }

  _td_database_unlock (db);

  if (!ok)
    return NULL;
  return g_steal_pointer (&results);
}
