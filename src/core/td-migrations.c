/* td-migrations.c: the schema, one numbered step at a time
 *
 * Never edit a step that has shipped: add a new one. Each step runs in the
 * transaction that opens the workspace, so a failed upgrade changes nothing.
 * Keep td-kind.c in step with the tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-customer-search-private.h"
#include "td-database.h"
#include "td-migrations.h"

/* The columns every business record has, for sync and audit. */
#define RECORD_COLUMNS(org_ref) \
  "id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36), " \
  "org_id TEXT NOT NULL REFERENCES organisations(id)" org_ref ", " \
  "revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1), " \
  "created_at TEXT NOT NULL, " \
  "updated_at TEXT NOT NULL, " \
  "deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "

#define MONEY_COLUMNS(name) \
  name "_minor INTEGER, " \
  name "_currency TEXT CHECK (" name "_currency IS NULL OR length(" name "_currency) = 3) " \
  "CHECK ((" name "_minor IS NULL) = (" name "_currency IS NULL)), "

static const char *migrations[] = {
  /* 1: workspace settings, the sync outbox, the audit log, organisations */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT"
  ");"
  "CREATE TABLE outbox ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  change_id TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  org_id TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'restore')),"
  "  revision INTEGER NOT NULL,"
  "  base_revision INTEGER NOT NULL,"
  "  payload TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  sent_at TEXT"
  ");"
  "CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_at IS NULL;"
  "CREATE INDEX outbox_record ON outbox (record_id, revision);"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  op TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  changes TEXT NOT NULL"
  ");"
  "CREATE INDEX audit_log_record ON audit_log (record_id, revision);"
  "CREATE TABLE organisations ("
  RECORD_COLUMNS (" DEFERRABLE INITIALLY DEFERRED")
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('hotel', 'agency', 'scenic')),"
  "  address TEXT,"
  "  tax_id TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  logo BLOB"
  ");",

  /* 2: customers (people and organisations) */
  "CREATE TABLE customers ("
  RECORD_COLUMNS ("")
  "  party TEXT NOT NULL CHECK (party IN ('person', 'organisation')),"
  "  name TEXT NOT NULL,"
  "  family_name TEXT,"
  "  given_name TEXT,"
  "  gender TEXT,"
  "  birth_date TEXT,"
  "  nationality TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  id_type TEXT,"
  "  id_number TEXT,"
  "  province TEXT,"
  "  city TEXT,"
  "  language TEXT,"
  "  source TEXT,"
  "  notes TEXT,"
  "  loyalty_points INTEGER"
  ");"
  "CREATE INDEX customers_org ON customers (org_id);"
  "CREATE INDEX customers_name ON customers (name);"
  "CREATE INDEX customers_phone ON customers (phone);"
  "CREATE INDEX customers_id_number ON customers (id_number);",

  /* 3: hotel properties, room types and rooms */
  "CREATE TABLE properties ("
  RECORD_COLUMNS ("")
  "  name TEXT NOT NULL,"
  "  city TEXT,"
  "  address TEXT,"
  "  phone TEXT,"
  "  stars INTEGER CHECK (stars IS NULL OR stars BETWEEN 0 AND 5),"
  "  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),"
  "  lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180)"
  ");"
  "CREATE TABLE room_types ("
  RECORD_COLUMNS ("")
  "  property_id TEXT NOT NULL REFERENCES properties(id),"
  "  code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  max_adults INTEGER CHECK (max_adults IS NULL OR max_adults >= 0),"
  "  max_children INTEGER CHECK (max_children IS NULL OR max_children >= 0),"
  "  beds TEXT,"
  MONEY_COLUMNS ("base_price")
  "  UNIQUE (property_id, code)"
  ");"
  "CREATE TABLE rooms ("
  RECORD_COLUMNS ("")
  "  property_id TEXT NOT NULL REFERENCES properties(id),"
  "  room_type_id TEXT NOT NULL REFERENCES room_types(id),"
  "  number TEXT NOT NULL,"
  "  floor INTEGER,"
  "  features TEXT,"
  "  UNIQUE (property_id, number)"
  ");"
  "CREATE INDEX room_types_property ON room_types (property_id);"
  "CREATE INDEX rooms_room_type ON rooms (room_type_id);",

  /* 4: points of interest for the map and the agency (WGS-84) */
  "CREATE TABLE pois ("
  RECORD_COLUMNS ("")
  "  name TEXT NOT NULL,"
  "  name_en TEXT,"
  "  category TEXT NOT NULL,"
  "  rating TEXT,"
  "  province TEXT,"
  "  city TEXT,"
  "  address TEXT,"
  "  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),"
  "  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),"
  "  opening_hours TEXT,"
  MONEY_COLUMNS ("ticket_price")
  "  source_crs TEXT NOT NULL DEFAULT 'wgs84' CHECK (source_crs IN ('wgs84', 'gcj02', 'bd09'))"
  ");"
  "CREATE INDEX pois_category ON pois (category);",

  /* 5: the customer search index (see td-customer-search.c): keys of live
   * customers, kept by triggers in the transaction of every write; the
   * customers already there are indexed here, in key order */
  "CREATE TABLE customer_search ("
  "  key TEXT NOT NULL,"
  "  customer INTEGER NOT NULL,"  /* customers.rowid */
  "  PRIMARY KEY (key, customer)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER customer_search_insert AFTER INSERT ON customers WHEN NEW.deleted = 0 BEGIN"
  "  INSERT OR IGNORE INTO customer_search (key, customer)"
  "    SELECT value, NEW.rowid"
  "    FROM json_each(td_customer_search_keys(NEW.name, NEW.phone, NEW.email, NEW.id_number));"
  "END;"
  "CREATE TRIGGER customer_search_update"
  "  AFTER UPDATE OF name, phone, email, id_number, deleted ON customers BEGIN"
  "  DELETE FROM customer_search"
  "    WHERE OLD.deleted = 0 AND customer = OLD.rowid AND key IN (SELECT value"
  "      FROM json_each(td_customer_search_keys(OLD.name, OLD.phone, OLD.email, OLD.id_number)));"
  "  INSERT OR IGNORE INTO customer_search (key, customer)"
  "    SELECT value, NEW.rowid"
  "    FROM json_each(td_customer_search_keys(NEW.name, NEW.phone, NEW.email, NEW.id_number))"
  "    WHERE NEW.deleted = 0;"
  "END;"
  "CREATE TRIGGER customer_search_delete AFTER DELETE ON customers WHEN OLD.deleted = 0 BEGIN"
  "  DELETE FROM customer_search"
  "    WHERE customer = OLD.rowid AND key IN (SELECT value"
  "      FROM json_each(td_customer_search_keys(OLD.name, OLD.phone, OLD.email, OLD.id_number)));"
  "END;"
  "INSERT INTO customer_search (key, customer)"
  "  SELECT DISTINCT k.value, c.rowid"
  "  FROM customers c, json_each(td_customer_search_keys(c.name, c.phone, c.email, c.id_number)) k"
  "  WHERE c.deleted = 0"
  "  ORDER BY 1, 2;",

  /* 6: the full customer record (issue 3): district, tags, more phones and
   * e-mails, the primary document's country and expiry, consent per
   * channel, merges; further identity documents and notes in their own
   * tables; indexes for duplicate detection; tags join the search index
   * and other phones and e-mails join the index (td_customer_search_keys()
   * with seven arguments) */
  "ALTER TABLE customers ADD COLUMN district TEXT;"
  "ALTER TABLE customers ADD COLUMN tags TEXT;"
  "ALTER TABLE customers ADD COLUMN other_phones TEXT;"
  "ALTER TABLE customers ADD COLUMN other_emails TEXT;"
  "ALTER TABLE customers ADD COLUMN id_country TEXT;"
  "ALTER TABLE customers ADD COLUMN id_expiry TEXT;"
  "ALTER TABLE customers ADD COLUMN consent_email TEXT"
  "  CHECK (consent_email IS NULL OR consent_email IN ('granted', 'withdrawn'));"
  "ALTER TABLE customers ADD COLUMN consent_email_at TEXT;"
  "ALTER TABLE customers ADD COLUMN consent_email_how TEXT;"
  "ALTER TABLE customers ADD COLUMN consent_sms TEXT"
  "  CHECK (consent_sms IS NULL OR consent_sms IN ('granted', 'withdrawn'));"
  "ALTER TABLE customers ADD COLUMN consent_sms_at TEXT;"
  "ALTER TABLE customers ADD COLUMN consent_sms_how TEXT;"
  "ALTER TABLE customers ADD COLUMN consent_phone TEXT"
  "  CHECK (consent_phone IS NULL OR consent_phone IN ('granted', 'withdrawn'));"
  "ALTER TABLE customers ADD COLUMN consent_phone_at TEXT;"
  "ALTER TABLE customers ADD COLUMN consent_phone_how TEXT;"
  "ALTER TABLE customers ADD COLUMN merged_into TEXT REFERENCES customers(id);"
  "CREATE INDEX customers_email ON customers (email);"
  "CREATE INDEX customers_name_birth ON customers (name, birth_date);"
  "CREATE INDEX customers_merged_into ON customers (merged_into) WHERE merged_into IS NOT NULL;"
  "CREATE TABLE customer_documents ("
  RECORD_COLUMNS ("")
  "  customer_id TEXT NOT NULL REFERENCES customers(id),"
  "  doc_type TEXT NOT NULL,"
  "  number TEXT NOT NULL,"
  "  country TEXT,"
  "  expiry TEXT,"
  "  notes TEXT"
  ");"
  "CREATE INDEX customer_documents_customer ON customer_documents (customer_id);"
  "CREATE INDEX customer_documents_number ON customer_documents (number);"
  "CREATE TABLE customer_notes ("
  RECORD_COLUMNS ("")
  "  customer_id TEXT NOT NULL REFERENCES customers(id),"
  "  body TEXT NOT NULL"
  ");"
  "CREATE INDEX customer_notes_customer ON customer_notes (customer_id);"
  "DROP TRIGGER customer_search_insert;"
  "DROP TRIGGER customer_search_update;"
  "DROP TRIGGER customer_search_delete;"
  "CREATE TRIGGER customer_search_insert AFTER INSERT ON customers WHEN NEW.deleted = 0 BEGIN"
  "  INSERT OR IGNORE INTO customer_search (key, customer)"
  "    SELECT value, NEW.rowid"
  "    FROM json_each(td_customer_search_keys(NEW.name, NEW.phone, NEW.email, NEW.id_number, NEW.tags, NEW.other_phones, NEW.other_emails));"
  "END;"
  "CREATE TRIGGER customer_search_update"
  "  AFTER UPDATE OF name, phone, email, id_number, tags, other_phones, other_emails, deleted ON customers BEGIN"
  "  DELETE FROM customer_search"
  "    WHERE OLD.deleted = 0 AND customer = OLD.rowid AND key IN (SELECT value"
  "      FROM json_each(td_customer_search_keys(OLD.name, OLD.phone, OLD.email, OLD.id_number, OLD.tags, OLD.other_phones, OLD.other_emails)));"
  "  INSERT OR IGNORE INTO customer_search (key, customer)"
  "    SELECT value, NEW.rowid"
  "    FROM json_each(td_customer_search_keys(NEW.name, NEW.phone, NEW.email, NEW.id_number, NEW.tags, NEW.other_phones, NEW.other_emails))"
  "    WHERE NEW.deleted = 0;"
  "END;"
  "CREATE TRIGGER customer_search_delete AFTER DELETE ON customers WHEN OLD.deleted = 0 BEGIN"
  "  DELETE FROM customer_search"
  "    WHERE customer = OLD.rowid AND key IN (SELECT value"
  "      FROM json_each(td_customer_search_keys(OLD.name, OLD.phone, OLD.email, OLD.id_number, OLD.tags, OLD.other_phones, OLD.other_emails)));"
  "END;"
  /* phones in E.164 (+86…) are now indexed as written at home (0371…) */
  "DELETE FROM customer_search;"
  "INSERT INTO customer_search (key, customer)"
  "  SELECT DISTINCT k.value, c.rowid"
  "  FROM customers c, json_each(td_customer_search_keys(c.name, c.phone, c.email, c.id_number, c.tags, c.other_phones, c.other_emails)) k"
  "  WHERE c.deleted = 0"
  "  ORDER BY 1, 2;",

  /* 7: sync with the platform: each record's platform revision, the state
   * (cursor, the batch in flight with its Idempotency-Key, last success and
   * error) and the conflict inbox */
  "CREATE TABLE sync_records ("
  "  kind TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  platform_revision INTEGER NOT NULL CHECK (platform_revision >= 1),"
  "  PRIMARY KEY (kind, record_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_state ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT"
  ");"
  "CREATE TABLE sync_conflicts ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  base TEXT,"
  "  server TEXT,"
  "  desk TEXT,"
  "  server_revision INTEGER NOT NULL,"
  "  op_id TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  resolved_at TEXT"
  ");"
  "CREATE INDEX sync_conflicts_open ON sync_conflicts (record_id) WHERE resolved_at IS NULL;",
};

int
td_migrations_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
td_migrations_apply (sqlite3  *db,
                     int       from,
                     int       to,
                     GError  **error)
{
  g_return_val_if_fail (from >= 0 && to <= td_migrations_latest (), FALSE);

  /* the search triggers (5) call functions of ours, on any connection */
  if (!_td_customer_search_register (db, error))
    return FALSE;

  for (int version = from + 1; version <= to; version++)
    {
      g_autofree char *set_version = NULL;
      char *message = NULL;

      if (sqlite3_exec (db, migrations[version - 1], NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_MIGRATION,
                       _("Could not upgrade the workspace to version %d: %s"),
                       version, message);
          sqlite3_free (message);
          return FALSE;
        }

      set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                     TD_APPLICATION_ID, version);
      if (sqlite3_exec (db, set_version, NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_MIGRATION,
                       _("Could not upgrade the workspace to version %d: %s"),
                       version, message);
          sqlite3_free (message);
          return FALSE;
        }
    }

  return TRUE;
}
