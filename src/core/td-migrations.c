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

#include "td-customer-list-private.h"
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

  /* 7: the hotel front desk (issue 4): out-of-order periods, the rooms'
   * housekeeping state, rate plans
   * with seasons and stay restrictions, taxes and fees, reservations, stays
   * (one room each, half-open [arrival, departure), the price of every
   * night kept on the stay), group blocks, and the ROOM-NIGHT table.
   *
   * room_nights has one row per room and night taken by a stay (tentative,
   * confirmed, checked in or out) or an out-of-order period; its primary
   * key (room, night) makes "one room, one night, one stay" a rule of the
   * database: the triggers below write it in the transaction of every
   * change to a stay, so a booking that would take a taken night fails
   * with its whole commit. room is rooms.rowid, stay stays.rowid, closure
   * out_of_order_periods.rowid (only VACUUM could renumber rowids: a
   * future "compact" must rebuild this table as it would the customer
   * search index). night is a GLib Julian day (0001-01-01 is 1).
   * hold_until is the expiry of a tentative stay's hold: once past, the
   * night is for sale again (the stay is cancelled before the room is
   * sold). */
  "CREATE TABLE out_of_order_periods ("
  RECORD_COLUMNS ("")
  "  room_id TEXT NOT NULL REFERENCES rooms(id),"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  CHECK (end_date > start_date)"
  ");"
  "CREATE INDEX out_of_order_room ON out_of_order_periods (room_id, start_date);"
  /* housekeeping: NULL is clean (a new room) */
  "ALTER TABLE rooms ADD COLUMN housekeeping TEXT"
  "  CHECK (housekeeping IS NULL OR housekeeping IN ('clean', 'dirty', 'inspected'));"
  "ALTER TABLE rooms ADD COLUMN housekeeping_at TEXT;"
  "CREATE TABLE rate_plans ("
  RECORD_COLUMNS ("")
  "  room_type_id TEXT NOT NULL REFERENCES room_types(id),"
  "  code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  MONEY_COLUMNS ("base_price")
  "  base_adults INTEGER CHECK (base_adults IS NULL OR base_adults >= 1),"
  MONEY_COLUMNS ("extra_adult")
  MONEY_COLUMNS ("extra_child")
  "  min_nights INTEGER CHECK (min_nights IS NULL OR min_nights >= 1),"
  "  max_nights INTEGER CHECK (max_nights IS NULL OR max_nights >= 1),"
  "  cancel_free_days INTEGER CHECK (cancel_free_days IS NULL OR cancel_free_days >= 0),"
  "  cancel_penalty TEXT CHECK (cancel_penalty IS NULL OR cancel_penalty IN ('none', 'first-night', 'percent')),"
  "  cancel_percent INTEGER CHECK (cancel_percent IS NULL OR cancel_percent BETWEEN 0 AND 100),"
  "  CHECK (base_price_minor IS NOT NULL AND base_price_minor >= 0),"
  "  UNIQUE (room_type_id, code)"
  ");"
  "CREATE TABLE rate_seasons ("
  RECORD_COLUMNS ("")
  "  rate_plan_id TEXT NOT NULL REFERENCES rate_plans(id),"
  "  name TEXT,"
  "  start_date TEXT,"
  "  end_date TEXT,"
  "  weekdays TEXT CHECK (weekdays IS NULL OR (length(weekdays) = 7 AND weekdays NOT GLOB '*[^01]*')),"
  MONEY_COLUMNS ("price")
  MONEY_COLUMNS ("extra_adult")
  MONEY_COLUMNS ("extra_child")
  "  CHECK (price_minor IS NOT NULL AND price_minor >= 0),"
  "  CHECK ((start_date IS NULL) = (end_date IS NULL) AND (start_date IS NULL OR end_date > start_date))"
  ");"
  "CREATE INDEX rate_seasons_plan ON rate_seasons (rate_plan_id);"
  "CREATE TABLE rate_restrictions ("
  RECORD_COLUMNS ("")
  "  rate_plan_id TEXT NOT NULL REFERENCES rate_plans(id),"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT NOT NULL,"
  "  min_nights INTEGER CHECK (min_nights IS NULL OR min_nights >= 1),"
  "  max_nights INTEGER CHECK (max_nights IS NULL OR max_nights >= 1),"
  "  closed INTEGER CHECK (closed IS NULL OR closed IN (0, 1)),"
  "  closed_to_arrival INTEGER CHECK (closed_to_arrival IS NULL OR closed_to_arrival IN (0, 1)),"
  "  closed_to_departure INTEGER CHECK (closed_to_departure IS NULL OR closed_to_departure IN (0, 1)),"
  "  CHECK (end_date > start_date)"
  ");"
  "CREATE INDEX rate_restrictions_plan ON rate_restrictions (rate_plan_id, start_date);"
  "CREATE TABLE taxes_fees ("
  RECORD_COLUMNS ("")
  "  property_id TEXT NOT NULL REFERENCES properties(id),"
  "  name TEXT NOT NULL,"
  "  basis TEXT NOT NULL CHECK (basis IN ('percent', 'per-night', 'per-stay', 'per-guest-night')),"
  "  rate_bp INTEGER CHECK (rate_bp IS NULL OR rate_bp BETWEEN 0 AND 100000),"
  MONEY_COLUMNS ("amount")
  "  included INTEGER CHECK (included IS NULL OR included IN (0, 1)),"
  "  CHECK (CASE basis WHEN 'percent' THEN rate_bp IS NOT NULL ELSE amount_minor IS NOT NULL END)"
  ");"
  "CREATE INDEX taxes_fees_property ON taxes_fees (property_id);"
  "CREATE TABLE reservations ("
  RECORD_COLUMNS ("")
  "  property_id TEXT NOT NULL REFERENCES properties(id),"
  "  customer_id TEXT NOT NULL REFERENCES customers(id),"
  "  agency_id TEXT REFERENCES customers(id),"
  "  source TEXT NOT NULL CHECK (source IN ('walk-in', 'phone', 'agency', 'ota', 'platform')),"
  "  reference TEXT,"
  "  commission_bp INTEGER CHECK (commission_bp IS NULL OR commission_bp BETWEEN 0 AND 10000),"
  MONEY_COLUMNS ("deposit")
  "  requests TEXT,"
  "  notes TEXT,"
  "  cancel_free_days INTEGER CHECK (cancel_free_days IS NULL OR cancel_free_days >= 0),"
  "  cancel_penalty TEXT CHECK (cancel_penalty IS NULL OR cancel_penalty IN ('none', 'first-night', 'percent')),"
  "  cancel_percent INTEGER CHECK (cancel_percent IS NULL OR cancel_percent BETWEEN 0 AND 100)"
  ");"
  "CREATE INDEX reservations_property ON reservations (property_id);"
  "CREATE INDEX reservations_customer ON reservations (customer_id);"
  "CREATE INDEX reservations_agency ON reservations (agency_id) WHERE agency_id IS NOT NULL;"
  "CREATE TABLE group_blocks ("
  RECORD_COLUMNS ("")
  "  property_id TEXT NOT NULL REFERENCES properties(id),"
  "  room_type_id TEXT NOT NULL REFERENCES room_types(id),"
  "  agency_id TEXT NOT NULL REFERENCES customers(id),"
  "  reservation_id TEXT NOT NULL REFERENCES reservations(id),"
  "  name TEXT NOT NULL,"
  "  rooms INTEGER NOT NULL CHECK (rooms >= 1),"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT NOT NULL,"
  "  release_date TEXT NOT NULL,"
  "  rate_plan_id TEXT REFERENCES rate_plans(id),"
  MONEY_COLUMNS ("price")
  "  state TEXT NOT NULL CHECK (state IN ('held', 'released', 'cancelled')),"
  "  notes TEXT,"
  "  CHECK (end_date > start_date AND release_date <= start_date)"
  ");"
  "CREATE INDEX group_blocks_type ON group_blocks (room_type_id, start_date);"
  "CREATE INDEX group_blocks_property ON group_blocks (property_id, start_date);"
  "CREATE TABLE stays ("
  RECORD_COLUMNS ("")
  "  reservation_id TEXT NOT NULL REFERENCES reservations(id),"
  "  property_id TEXT NOT NULL REFERENCES properties(id),"
  "  room_type_id TEXT NOT NULL REFERENCES room_types(id),"
  "  room_id TEXT REFERENCES rooms(id),"
  "  arrival TEXT NOT NULL,"
  "  departure TEXT NOT NULL,"
  "  adults INTEGER NOT NULL CHECK (adults >= 1),"
  "  children INTEGER CHECK (children IS NULL OR children >= 0),"
  "  rate_plan_id TEXT REFERENCES rate_plans(id),"
  "  block_id TEXT REFERENCES group_blocks(id),"
  "  customer_id TEXT REFERENCES customers(id),"
  "  guest_name TEXT,"
  "  state TEXT NOT NULL CHECK (state IN ('tentative', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show')),"
  "  hold_until TEXT,"
  "  nightly_prices TEXT NOT NULL,"
  MONEY_COLUMNS ("total")
  "  overbooked INTEGER CHECK (overbooked IS NULL OR overbooked IN (0, 1)),"
  "  override_reason TEXT,"
  "  moved_from TEXT REFERENCES stays(id),"
  "  checked_in_at TEXT,"
  "  checked_out_at TEXT,"
  "  cancelled_at TEXT,"
  "  cancel_reason TEXT CHECK (cancel_reason IS NULL OR cancel_reason IN ('guest', 'hold-expired', 'no-show', 'hotel')),"
  MONEY_COLUMNS ("cancellation_fee")
  "  CHECK (departure > arrival),"
  /* the price of every night, in minor units of total's currency */
  "  CHECK (json_valid(nightly_prices) AND json_type(nightly_prices) = 'array'"
  "         AND json_array_length(nightly_prices) = CAST(julianday(departure) - julianday(arrival) AS INTEGER)),"
  "  CHECK (total_minor IS NOT NULL),"
  /* without a room only as a manager's overbooking of the type */
  "  CHECK (room_id IS NOT NULL OR overbooked = 1),"
  "  CHECK (room_id IS NOT NULL OR state NOT IN ('checked_in', 'checked_out'))"
  ");"
  "CREATE INDEX stays_reservation ON stays (reservation_id);"
  "CREATE INDEX stays_room ON stays (room_id, arrival);"
  "CREATE INDEX stays_property_dates ON stays (property_id, departure, arrival);"
  "CREATE INDEX stays_unassigned ON stays (room_type_id, departure) WHERE room_id IS NULL AND deleted = 0;"
  "CREATE INDEX stays_holds ON stays (hold_until) WHERE state = 'tentative' AND deleted = 0;"
  "CREATE INDEX stays_block ON stays (block_id) WHERE block_id IS NOT NULL;"
  "CREATE INDEX stays_customer ON stays (customer_id) WHERE customer_id IS NOT NULL;"
  "CREATE INDEX stays_moved_from ON stays (moved_from) WHERE moved_from IS NOT NULL;"
  "CREATE TABLE room_nights ("
  "  room INTEGER NOT NULL,"     /* rooms.rowid */
  "  night INTEGER NOT NULL,"    /* GLib Julian day */
  "  stay INTEGER,"              /* stays.rowid, or */
  "  closure INTEGER,"           /* out_of_order_periods.rowid */
  "  hold_until TEXT,"           /* tentative stays: for sale again after this */
  "  PRIMARY KEY (room, night),"
  "  CHECK ((stay IS NULL) <> (closure IS NULL))"
  ") WITHOUT ROWID;"
#define NIGHT_OF(date) "CAST(julianday(" date ") - 1721424.5 AS INTEGER)"
#define OCCUPYING(row) \
  row ".deleted = 0 AND " row ".room_id IS NOT NULL " \
  "AND " row ".state IN ('tentative', 'confirmed', 'checked_in', 'checked_out')"
#define INSERT_STAY_NIGHTS \
  "  INSERT INTO room_nights (room, night, stay, hold_until)" \
  "    WITH RECURSIVE n(night) AS (" \
  "      SELECT " NIGHT_OF ("NEW.arrival") \
  "      UNION ALL SELECT night + 1 FROM n WHERE night + 1 < " NIGHT_OF ("NEW.departure") ")" \
  "    SELECT (SELECT rowid FROM rooms WHERE id = NEW.room_id), night, NEW.rowid," \
  "           CASE WHEN NEW.state = 'tentative' THEN NEW.hold_until END" \
  "    FROM n WHERE " OCCUPYING ("NEW") ";"
#define DELETE_STAY_NIGHTS \
  "  DELETE FROM room_nights WHERE room = (SELECT rowid FROM rooms WHERE id = OLD.room_id)" \
  "    AND night >= " NIGHT_OF ("OLD.arrival") " AND night < " NIGHT_OF ("OLD.departure") \
  "    AND stay = OLD.rowid;"
  "CREATE TRIGGER stays_nights_insert AFTER INSERT ON stays BEGIN"
  INSERT_STAY_NIGHTS
  "END;"
  "CREATE TRIGGER stays_nights_update"
  "  AFTER UPDATE OF room_id, arrival, departure, state, hold_until, deleted ON stays BEGIN"
  DELETE_STAY_NIGHTS
  INSERT_STAY_NIGHTS
  "END;"
  "CREATE TRIGGER stays_nights_delete AFTER DELETE ON stays BEGIN"
  DELETE_STAY_NIGHTS
  "END;"
#define INSERT_CLOSURE_NIGHTS \
  "  INSERT INTO room_nights (room, night, closure)" \
  "    WITH RECURSIVE n(night) AS (" \
  "      SELECT " NIGHT_OF ("NEW.start_date") \
  "      UNION ALL SELECT night + 1 FROM n WHERE night + 1 < " NIGHT_OF ("NEW.end_date") ")" \
  "    SELECT (SELECT rowid FROM rooms WHERE id = NEW.room_id), night, NEW.rowid" \
  "    FROM n WHERE NEW.deleted = 0;"
#define DELETE_CLOSURE_NIGHTS \
  "  DELETE FROM room_nights WHERE room = (SELECT rowid FROM rooms WHERE id = OLD.room_id)" \
  "    AND night >= " NIGHT_OF ("OLD.start_date") " AND night < " NIGHT_OF ("OLD.end_date") \
  "    AND closure = OLD.rowid;"
  "CREATE TRIGGER out_of_order_nights_insert AFTER INSERT ON out_of_order_periods BEGIN"
  INSERT_CLOSURE_NIGHTS
  "END;"
  "CREATE TRIGGER out_of_order_nights_update"
  "  AFTER UPDATE OF room_id, start_date, end_date, deleted ON out_of_order_periods BEGIN"
  DELETE_CLOSURE_NIGHTS
  INSERT_CLOSURE_NIGHTS
  "END;"
  "CREATE TRIGGER out_of_order_nights_delete AFTER DELETE ON out_of_order_periods BEGIN"
  DELETE_CLOSURE_NIGHTS
  "END;",
#undef NIGHT_OF
#undef OCCUPYING
#undef INSERT_STAY_NIGHTS
#undef DELETE_STAY_NIGHTS
#undef INSERT_CLOSURE_NIGHTS
#undef DELETE_CLOSURE_NIGHTS

  /* 8: the customer list (td-customer-list.c): sort keys of the name and
   * the city in pinyin order (td_customer_sort_key()), kept by triggers in
   * the transaction of every write, and the indexes that list the live
   * customers by name, city, creation and last change */
  "ALTER TABLE customers ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE customers ADD COLUMN sort_city TEXT NOT NULL DEFAULT '';"
  "UPDATE customers SET sort_name = td_customer_sort_key(name), sort_city = td_customer_sort_key(city);"
  "CREATE TRIGGER customer_sort_insert AFTER INSERT ON customers BEGIN"
  "  UPDATE customers SET sort_name = td_customer_sort_key(NEW.name),"
  "    sort_city = td_customer_sort_key(NEW.city) WHERE rowid = NEW.rowid;"
  "END;"
  "CREATE TRIGGER customer_sort_update AFTER UPDATE OF name, city ON customers BEGIN"
  "  UPDATE customers SET sort_name = td_customer_sort_key(NEW.name),"
  "    sort_city = td_customer_sort_key(NEW.city) WHERE rowid = NEW.rowid;"
  "END;"
  "CREATE INDEX customers_list_name ON customers (sort_name) WHERE deleted = 0;"
  "CREATE INDEX customers_list_city ON customers (sort_city, sort_name) WHERE deleted = 0;"
  "CREATE INDEX customers_list_created ON customers (created_at) WHERE deleted = 0;"
  "CREATE INDEX customers_list_updated ON customers (updated_at) WHERE deleted = 0;",

  /* 9: sync with the platform: each record's platform revision, the state
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

  /* 10: attraction tickets (issue 6): the time slots of attractions (pois
   * of category attraction) with their capacity, cached from the
   * platform's catalogue; ticket types with prices; tickets with a signed
   * code (td-ticket-code.h).
   *
   * The capacity of a slot is a rule of the database: the triggers below
   * run in the transaction of every commit (BEGIN IMMEDIATE, one writer at
   * a time across processes) and abort it when the live tickets a desk
   * sold would exceed the slot's capacity, or when its offline sales not
   * yet confirmed by the platform would exceed the quota the platform
   * gave at the last sync (slot_quotas, local, never synced). Tickets
   * pulled from other desks (another desk_id) are never refused here: the
   * platform arbitrated those. */
  "CREATE TABLE attraction_slots ("
  RECORD_COLUMNS ("")
  "  poi_id TEXT NOT NULL REFERENCES pois(id),"
  "  date TEXT NOT NULL,"
  "  start_time TEXT NOT NULL CHECK (length(start_time) = 5 AND start_time GLOB '[0-2][0-9]:[0-5][0-9]'),"
  "  end_time TEXT CHECK (end_time IS NULL OR (length(end_time) = 5 AND end_time GLOB '[0-2][0-9]:[0-5][0-9]')),"
  "  capacity INTEGER NOT NULL CHECK (capacity >= 0),"
  "  platform_id TEXT"
  ");"
  "CREATE UNIQUE INDEX attraction_slots_time ON attraction_slots (poi_id, date, start_time) WHERE deleted = 0;"
  "CREATE INDEX attraction_slots_platform ON attraction_slots (platform_id) WHERE platform_id IS NOT NULL;"
  "CREATE TABLE slot_quotas ("
  "  slot_id TEXT PRIMARY KEY NOT NULL,"
  "  remaining INTEGER NOT NULL CHECK (remaining >= 0),"
  "  as_of TEXT NOT NULL"
  ");"
  "CREATE TABLE ticket_types ("
  RECORD_COLUMNS ("")
  "  poi_id TEXT NOT NULL REFERENCES pois(id),"
  "  type TEXT NOT NULL CHECK (type IN ('adult', 'child', 'senior', 'student', 'free')),"
  "  name TEXT,"
  MONEY_COLUMNS ("price")
  "  CHECK (price_minor IS NOT NULL AND price_minor >= 0)"
  ");"
  "CREATE UNIQUE INDEX ticket_types_poi ON ticket_types (poi_id, type) WHERE deleted = 0;"
  "CREATE TABLE tickets ("
  RECORD_COLUMNS ("")
  "  code TEXT NOT NULL UNIQUE,"
  "  poi_id TEXT NOT NULL REFERENCES pois(id),"
  "  slot_id TEXT NOT NULL REFERENCES attraction_slots(id),"
  "  date TEXT NOT NULL,"
  "  start_time TEXT NOT NULL,"
  "  type TEXT NOT NULL CHECK (type IN ('adult', 'child', 'senior', 'student', 'free')),"
  MONEY_COLUMNS ("price")
  "  customer_id TEXT REFERENCES customers(id),"
  "  state TEXT NOT NULL CHECK (state IN ('sold', 'used', 'void')),"
  "  used_at TEXT,"
  "  desk_id TEXT NOT NULL,"
  "  offline INTEGER CHECK (offline IS NULL OR offline IN (0, 1)),"
  "  platform_booking_id TEXT,"
  "  CHECK (price_minor IS NOT NULL),"
  "  CHECK ((state = 'used') = (used_at IS NOT NULL))"
  ");"
  "CREATE INDEX tickets_slot ON tickets (slot_id) WHERE deleted = 0 AND state <> 'void';"
  "CREATE INDEX tickets_date ON tickets (date, start_time);"
  "CREATE INDEX tickets_customer ON tickets (customer_id) WHERE customer_id IS NOT NULL;"
  /* the public keys of the tenant's desks, synced, so that any desk checks
   * the codes any other desk signed (the private key stays in settings) */
  "CREATE TABLE ticket_keys ("
  RECORD_COLUMNS ("")
  "  key_id TEXT NOT NULL CHECK (length(key_id) = 8),"
  "  public_key TEXT NOT NULL,"
  "  desk_id TEXT"
  ");"
  "CREATE INDEX ticket_keys_id ON ticket_keys (key_id) WHERE deleted = 0;"
#define SOLD_HERE(row) \
  row ".deleted = 0 AND " row ".state <> 'void' " \
  "AND " row ".desk_id IS (SELECT value FROM settings WHERE key = 'desk-id')"
#define CHECK_CAPACITY \
  "  SELECT RAISE(ABORT, 'tourdesk-slot-full')" \
  "    WHERE (SELECT count(*) FROM tickets WHERE slot_id = NEW.slot_id AND deleted = 0 AND state <> 'void')" \
  "        > (SELECT capacity FROM attraction_slots WHERE id = NEW.slot_id);"
#define CHECK_QUOTA \
  "  SELECT RAISE(ABORT, 'tourdesk-quota-used')" \
  "    WHERE NEW.offline = 1 AND NEW.platform_booking_id IS NULL" \
  "      AND (SELECT count(*) FROM tickets WHERE slot_id = NEW.slot_id AND deleted = 0 AND state <> 'void'" \
  "             AND offline = 1 AND platform_booking_id IS NULL)" \
  "        > (SELECT remaining FROM slot_quotas WHERE slot_id = NEW.slot_id);"
  "CREATE TRIGGER tickets_capacity_insert AFTER INSERT ON tickets WHEN " SOLD_HERE ("NEW") " BEGIN"
  CHECK_CAPACITY
  CHECK_QUOTA
  "END;"
  /* back from void, undeleted or moved to another slot: counted again */
  "CREATE TRIGGER tickets_capacity_update AFTER UPDATE OF state, deleted, slot_id ON tickets"
  "  WHEN " SOLD_HERE ("NEW") " AND (OLD.deleted = 1 OR OLD.state = 'void' OR OLD.slot_id IS NOT NEW.slot_id) BEGIN"
  CHECK_CAPACITY
  CHECK_QUOTA
  "END;"
  /* a used ticket stays used: validation marks it once */
  "CREATE TRIGGER tickets_used_once BEFORE UPDATE OF state ON tickets"
  "  WHEN OLD.state = 'used' AND NEW.state = 'sold' BEGIN"
  "  SELECT RAISE(ABORT, 'tourdesk-ticket-used');"
  "END;",
#undef SOLD_HERE
#undef CHECK_CAPACITY
#undef CHECK_QUOTA
  /* 11: the agency desk (issue 6): tour products with their day-by-day
   * itinerary and date surcharges, departures, bookings with their
   * participants, payment schedule and payments, and waiting lists.
   *
   * Seats are a rule of the database: a trigger refuses a participant who
   * would take a departure beyond its capacity (counted inside the
   * transaction of every write, which td_database_commit() opens with
   * BEGIN IMMEDIATE, so two desks cannot both take the last seat), a
   * capacity cut below the seats sold, and a seat number outside the
   * vehicle; a unique index refuses one seat to two participants, or one
   * customer twice on a departure. A cancelled booking's participants are
   * inactive: their seats are free in the same commit. The RAISE messages
   * start with "tour:" so that td-tour-booking.c can explain them. */
  "CREATE TABLE tour_products ("
  RECORD_COLUMNS ("")
  "  code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 366),"
  "  included TEXT,"
  "  excluded TEXT,"
  MONEY_COLUMNS ("price_adult")
  MONEY_COLUMNS ("price_child")
  MONEY_COLUMNS ("price_infant")
  MONEY_COLUMNS ("price_senior")
  MONEY_COLUMNS ("single_supplement")
  "  infant_below INTEGER CHECK (infant_below IS NULL OR infant_below BETWEEN 0 AND 18),"
  "  child_below INTEGER CHECK (child_below IS NULL OR child_below BETWEEN 0 AND 18),"
  "  senior_from INTEGER CHECK (senior_from IS NULL OR senior_from BETWEEN 40 AND 120),"
  "  deposit_percent INTEGER CHECK (deposit_percent IS NULL OR deposit_percent BETWEEN 0 AND 100),"
  "  instalments INTEGER CHECK (instalments IS NULL OR instalments BETWEEN 0 AND 12),"
  "  balance_days INTEGER CHECK (balance_days IS NULL OR balance_days BETWEEN 0 AND 365),"
  "  cancel_tiers TEXT CHECK (cancel_tiers IS NULL OR (json_valid(cancel_tiers) AND json_type(cancel_tiers) = 'array')),"
  "  insurance TEXT,"
  "  notes TEXT,"
  "  CHECK (price_adult_minor IS NOT NULL AND price_adult_minor >= 0)"
  ");"
  "CREATE UNIQUE INDEX tour_products_code ON tour_products (code) WHERE deleted = 0;"
  "CREATE TABLE tour_items ("
  RECORD_COLUMNS ("")
  "  product_id TEXT NOT NULL REFERENCES tour_products(id),"
  "  day INTEGER NOT NULL CHECK (day >= 1),"
  "  position INTEGER,"
  "  item_type TEXT NOT NULL CHECK (item_type IN ('attraction', 'hotel', 'meal', 'transport', 'text')),"
  "  poi_id TEXT REFERENCES pois(id),"
  "  title TEXT NOT NULL,"
  "  notes TEXT,"
  "  supplier TEXT,"
  MONEY_COLUMNS ("cost")
  "  cost_basis TEXT CHECK (cost_basis IS NULL OR cost_basis IN ('person', 'group'))"
  ");"
  "CREATE INDEX tour_items_product ON tour_items (product_id, day, position);"
  "CREATE TABLE tour_surcharges ("
  RECORD_COLUMNS ("")
  "  product_id TEXT NOT NULL REFERENCES tour_products(id),"
  "  name TEXT NOT NULL,"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT NOT NULL,"
  MONEY_COLUMNS ("amount")
  "  CHECK (end_date > start_date),"
  "  CHECK (amount_minor IS NOT NULL)"
  ");"
  "CREATE INDEX tour_surcharges_product ON tour_surcharges (product_id, start_date);"
  "CREATE TABLE tour_departures ("
  RECORD_COLUMNS ("")
  "  product_id TEXT NOT NULL REFERENCES tour_products(id),"
  "  start_date TEXT NOT NULL,"
  "  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),"
  "  min_pax INTEGER CHECK (min_pax IS NULL OR min_pax >= 0),"
  "  guide TEXT,"
  "  vehicle TEXT,"
  "  state TEXT NOT NULL CHECK (state IN ('draft', 'open', 'guaranteed', 'full', 'departed', 'closed', 'cancelled')),"
  "  notes TEXT"
  ");"
  "CREATE INDEX tour_departures_date ON tour_departures (start_date) WHERE deleted = 0;"
  "CREATE INDEX tour_departures_product ON tour_departures (product_id, start_date);"
  "CREATE TABLE tour_bookings ("
  RECORD_COLUMNS ("")
  "  departure_id TEXT NOT NULL REFERENCES tour_departures(id),"
  "  lead_customer_id TEXT NOT NULL REFERENCES customers(id),"
  "  state TEXT NOT NULL CHECK (state IN ('booked', 'confirmed', 'cancelled')),"
  "  price_lines TEXT NOT NULL CHECK (json_valid(price_lines) AND json_type(price_lines) = 'array'),"
  MONEY_COLUMNS ("discount")
  "  discount_reason TEXT,"
  MONEY_COLUMNS ("total")
  "  sub_agent_id TEXT REFERENCES customers(id),"
  "  commission_bp INTEGER CHECK (commission_bp IS NULL OR commission_bp BETWEEN 0 AND 10000),"
  MONEY_COLUMNS ("commission")
  "  cancelled_at TEXT,"
  MONEY_COLUMNS ("cancellation_fee")
  "  contract_state TEXT CHECK (contract_state IS NULL OR contract_state IN ('none', 'printed', 'signed')),"
  "  contract_signed_at TEXT,"
  "  notes TEXT,"
  "  CHECK (total_minor IS NOT NULL AND total_minor >= 0),"
  "  CHECK (state <> 'cancelled' OR cancelled_at IS NOT NULL)"
  ");"
  "CREATE INDEX tour_bookings_departure ON tour_bookings (departure_id);"
  "CREATE INDEX tour_bookings_lead ON tour_bookings (lead_customer_id);"
  "CREATE INDEX tour_bookings_agent ON tour_bookings (sub_agent_id) WHERE sub_agent_id IS NOT NULL;"
  "CREATE TABLE tour_participants ("
  RECORD_COLUMNS ("")
  "  booking_id TEXT NOT NULL REFERENCES tour_bookings(id),"
  "  departure_id TEXT NOT NULL REFERENCES tour_departures(id),"
  "  customer_id TEXT NOT NULL REFERENCES customers(id),"
  "  pax_type TEXT NOT NULL CHECK (pax_type IN ('adult', 'child', 'infant', 'senior')),"
  MONEY_COLUMNS ("price")
  "  room TEXT,"
  "  single_room INTEGER CHECK (single_room IS NULL OR single_room IN (0, 1)),"
  "  seat INTEGER CHECK (seat IS NULL OR seat >= 1),"
  "  active INTEGER NOT NULL CHECK (active IN (0, 1)),"
  "  CHECK (price_minor IS NOT NULL)"
  ");"
  "CREATE INDEX tour_participants_booking ON tour_participants (booking_id);"
  "CREATE INDEX tour_participants_customer ON tour_participants (customer_id);"
  "CREATE INDEX tour_participants_sold ON tour_participants (departure_id) WHERE active = 1 AND deleted = 0;"
  "CREATE UNIQUE INDEX tour_participants_seat ON tour_participants (departure_id, seat)"
  "  WHERE seat IS NOT NULL AND active = 1 AND deleted = 0;"
  "CREATE UNIQUE INDEX tour_participants_once ON tour_participants (departure_id, customer_id)"
  "  WHERE active = 1 AND deleted = 0;"
#define TOUR_SEATS_CHECK \
  "  SELECT RAISE(ABORT, 'tour: departure full')" \
  "    WHERE (SELECT count(*) FROM tour_participants" \
  "           WHERE departure_id = NEW.departure_id AND active = 1 AND deleted = 0)" \
  "        > (SELECT capacity FROM tour_departures WHERE id = NEW.departure_id);" \
  "  SELECT RAISE(ABORT, 'tour: no such seat')" \
  "    WHERE NEW.seat > (SELECT capacity FROM tour_departures WHERE id = NEW.departure_id);"
  "CREATE TRIGGER tour_participants_seats_insert AFTER INSERT ON tour_participants"
  "  WHEN NEW.active = 1 AND NEW.deleted = 0 BEGIN"
  TOUR_SEATS_CHECK
  "END;"
  "CREATE TRIGGER tour_participants_seats_update"
  "  AFTER UPDATE OF active, deleted, departure_id, seat ON tour_participants"
  "  WHEN NEW.active = 1 AND NEW.deleted = 0 BEGIN"
  TOUR_SEATS_CHECK
  "END;"
  "CREATE TRIGGER tour_departures_capacity AFTER UPDATE OF capacity ON tour_departures BEGIN"
  "  SELECT RAISE(ABORT, 'tour: capacity below seats sold')"
  "    WHERE (SELECT count(*) FROM tour_participants"
  "           WHERE departure_id = NEW.id AND active = 1 AND deleted = 0) > NEW.capacity"
  "       OR (SELECT max(seat) FROM tour_participants"
  "           WHERE departure_id = NEW.id AND active = 1 AND deleted = 0) > NEW.capacity;"
  "END;"
  "CREATE TABLE tour_payments_due ("
  RECORD_COLUMNS ("")
  "  booking_id TEXT NOT NULL REFERENCES tour_bookings(id),"
  "  due_kind TEXT NOT NULL CHECK (due_kind IN ('deposit', 'instalment', 'balance')),"
  "  due_date TEXT NOT NULL,"
  MONEY_COLUMNS ("amount")
  "  CHECK (amount_minor IS NOT NULL AND amount_minor >= 0)"
  ");"
  "CREATE INDEX tour_payments_due_booking ON tour_payments_due (booking_id, due_date);"
  "CREATE TABLE tour_payments ("
  RECORD_COLUMNS ("")
  "  booking_id TEXT NOT NULL REFERENCES tour_bookings(id),"
  MONEY_COLUMNS ("amount")
  "  method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'wechat', 'alipay', 'other')),"
  "  paid_at TEXT NOT NULL,"
  "  reference TEXT,"
  "  notes TEXT,"
  "  CHECK (amount_minor IS NOT NULL AND amount_minor <> 0)"
  ");"
  "CREATE INDEX tour_payments_booking ON tour_payments (booking_id);"
  "CREATE TABLE tour_waitlist ("
  RECORD_COLUMNS ("")
  "  departure_id TEXT NOT NULL REFERENCES tour_departures(id),"
  "  customer_id TEXT NOT NULL REFERENCES customers(id),"
  "  pax INTEGER NOT NULL CHECK (pax >= 1),"
  "  state TEXT NOT NULL CHECK (state IN ('waiting', 'offered', 'booked', 'withdrawn')),"
  "  offered_at TEXT,"
  "  notes TEXT"
  ");"
  "CREATE INDEX tour_waitlist_departure ON tour_waitlist (departure_id, created_at) WHERE deleted = 0;",
#undef TOUR_SEATS_CHECK
  /* 12: the sync inbox (td-sync-inbox.c): each operation the platform did
   * not take as it was, in conflict or rejected, whole (the desk's values
   * as sent), until the clerk resolves or dismisses it; the conflicts
   * already open come in with the values of their fields */
  "CREATE TABLE sync_inbox ("
  "  op_id TEXT PRIMARY KEY NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'restore')),"
  "  status TEXT NOT NULL CHECK (status IN ('conflict', 'rejected')),"
  "  code TEXT,"
  "  detail TEXT,"
  "  payload TEXT NOT NULL,"
  "  server_revision INTEGER,"
  "  created_at TEXT NOT NULL,"
  "  resolved_at TEXT,"
  "  resolution TEXT CHECK (resolution IS NULL OR resolution IN ('resolved', 'dismissed'))"
  ");"
  "CREATE INDEX sync_inbox_open ON sync_inbox (created_at) WHERE resolved_at IS NULL;"
  "INSERT OR IGNORE INTO sync_inbox (op_id, kind, record_id, op, status, payload, server_revision, created_at) "
  "  SELECT op_id, kind, record_id, 'update', 'conflict', json_group_object (field, json (desk)), "
  "    max (server_revision), min (created_at) "
  "  FROM sync_conflicts WHERE resolved_at IS NULL GROUP BY op_id;"
  /* and complaints (td-complaints.c): append-only like on the platform,
   * their workflow in the notes */
  "CREATE TABLE complaints ("
  RECORD_COLUMNS ("")
  "  subject TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  channel TEXT CHECK (channel IN ('desk', 'phone', 'web', 'letter', 'platform')),"
  "  customer_id TEXT REFERENCES customers(id),"
  "  occurred_on TEXT,"
  "  about TEXT,"
  "  contact TEXT,"
  "  received_at TEXT,"
  "  category TEXT CHECK (category IN ('service', 'price', 'safety', 'hygiene', 'itinerary', 'guide',"
  "    'accommodation', 'transport', 'other')),"
  "  severity TEXT CHECK (severity IN ('low', 'medium', 'high', 'critical')),"
  "  booking_ref TEXT,"
  "  due_at TEXT"
  ");"
  "CREATE INDEX complaints_created ON complaints (created_at) WHERE deleted = 0;"
  "CREATE INDEX complaints_customer ON complaints (customer_id) WHERE customer_id IS NOT NULL;"
  "CREATE TABLE complaint_notes ("
  RECORD_COLUMNS ("")
  "  complaint_id TEXT NOT NULL REFERENCES complaints(id),"
  "  body TEXT,"
  "  received_at TEXT,"
  "  action TEXT CHECK (action IN ('note', 'assign', 'state', 'outcome')),"
  "  state TEXT CHECK (state IN ('new', 'assigned', 'in_progress', 'resolved', 'closed')),"
  "  assignee TEXT,"
  MONEY_COLUMNS ("amount")
  "  outcome TEXT CHECK (outcome IN ('refund', 'voucher', 'apology', 'none'))"
  ");"
  "CREATE INDEX complaint_notes_complaint ON complaint_notes (complaint_id, created_at);",
  /* 13: marketing (issue 8): saved segments (rules as JSON), e-mail
   * campaigns with one record per recipient, coupons and their
   * redemptions, loyalty points.
   *
   * customer_bookings is what a customer booked, one row per booked item,
   * whatever the kind: a UNION ALL of one view per booking kind
   * (bookings_stay today; tours add theirs by recreating customer_bookings).
   * customer_stats caches what segments and RFM need per customer (last
   * stay, bookings, spend, RFM scores): rebuilt by td-marketing-stats.c
   * when bookings_generation has moved, which the triggers below move on
   * every write to stays or reservations (a booking kind adds the same
   * triggers). It is derived data, as the search index is: never synced. */
  "CREATE TABLE segments ("
  RECORD_COLUMNS ("")
  "  name TEXT NOT NULL,"
  "  rules TEXT NOT NULL CHECK (json_valid(rules)),"
  "  description TEXT"
  ");"
  "CREATE INDEX segments_name ON segments (name) WHERE deleted = 0;"
  "CREATE TABLE coupons ("
  RECORD_COLUMNS ("")
  "  code TEXT NOT NULL UNIQUE CHECK (code = upper(code) AND length(code) BETWEEN 4 AND 32),"
  "  discount TEXT NOT NULL CHECK (discount IN ('percent', 'amount')),"
  "  percent INTEGER CHECK (percent IS NULL OR percent BETWEEN 1 AND 100),"
  MONEY_COLUMNS ("amount")
  MONEY_COLUMNS ("min_spend")
  "  valid_from TEXT,"
  "  valid_until TEXT,"
  "  max_uses INTEGER CHECK (max_uses IS NULL OR max_uses >= 1),"
  "  max_uses_per_customer INTEGER CHECK (max_uses_per_customer IS NULL OR max_uses_per_customer >= 1),"
  "  room_type_ids TEXT,"
  "  products TEXT,"
  "  batch TEXT,"
  "  notes TEXT,"
  "  CHECK (CASE discount WHEN 'percent' THEN percent IS NOT NULL ELSE amount_minor IS NOT NULL AND amount_minor > 0 END),"
  "  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_until > valid_from)"
  ");"
  "CREATE INDEX coupons_batch ON coupons (batch) WHERE batch IS NOT NULL;"
  "CREATE TABLE campaigns ("
  RECORD_COLUMNS ("")
  "  name TEXT NOT NULL,"
  "  segment_id TEXT NOT NULL REFERENCES segments(id),"
  "  channel TEXT NOT NULL CHECK (channel IN ('email')),"
  "  subject TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  coupon_id TEXT REFERENCES coupons(id),"
  "  state TEXT NOT NULL CHECK (state IN ('draft', 'sending', 'sent')),"
  "  started_at TEXT,"
  "  finished_at TEXT"
  ");"
  "CREATE TABLE campaign_recipients ("
  RECORD_COLUMNS ("")
  "  campaign_id TEXT NOT NULL REFERENCES campaigns(id),"
  "  customer_id TEXT NOT NULL REFERENCES customers(id),"
  "  email TEXT NOT NULL,"
  "  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'uncertain', 'skipped')),"
  "  reason TEXT,"
  "  sent_at TEXT,"
  "  message_id TEXT,"
  "  UNIQUE (campaign_id, customer_id)"
  ");"
  "CREATE INDEX campaign_recipients_state ON campaign_recipients (campaign_id, state);"
  "CREATE TABLE coupon_redemptions ("
  RECORD_COLUMNS ("")
  "  coupon_id TEXT NOT NULL REFERENCES coupons(id),"
  "  customer_id TEXT NOT NULL REFERENCES customers(id),"
  "  campaign_id TEXT REFERENCES campaigns(id),"
  "  booking_kind TEXT NOT NULL,"
  "  booking_id TEXT NOT NULL,"
  MONEY_COLUMNS ("price")
  MONEY_COLUMNS ("discount")
  "  redeemed_on TEXT NOT NULL,"
  "  CHECK (price_minor IS NOT NULL AND discount_minor IS NOT NULL)"
  ");"
  "CREATE INDEX coupon_redemptions_coupon ON coupon_redemptions (coupon_id, customer_id) WHERE deleted = 0;"
  "CREATE INDEX coupon_redemptions_campaign ON coupon_redemptions (campaign_id) WHERE campaign_id IS NOT NULL;"
  "CREATE UNIQUE INDEX coupon_redemptions_booking ON coupon_redemptions (booking_kind, booking_id, coupon_id) WHERE deleted = 0;"
  "CREATE TABLE loyalty_entries ("
  RECORD_COLUMNS ("")
  "  customer_id TEXT NOT NULL REFERENCES customers(id),"
  "  points INTEGER NOT NULL CHECK (points != 0),"
  "  reason TEXT NOT NULL CHECK (reason IN ('earn', 'redeem', 'adjust')),"
  "  booking_kind TEXT,"
  "  booking_id TEXT,"
  MONEY_COLUMNS ("amount")
  "  note TEXT"
  ");"
  "CREATE INDEX loyalty_entries_customer ON loyalty_entries (customer_id) WHERE deleted = 0;"
  "CREATE UNIQUE INDEX loyalty_entries_booking ON loyalty_entries (booking_kind, booking_id, reason)"
  "  WHERE deleted = 0 AND booking_id IS NOT NULL AND reason = 'earn';"
  "CREATE VIEW bookings_stay AS"
  "  SELECT 'stay' AS booking_kind, s.reservation_id AS booking_id, s.id AS item_id,"
  "         COALESCE(s.customer_id, r.customer_id) AS customer_id,"
  "         s.arrival AS start_date, s.departure AS end_date,"
  "         s.total_minor AS amount_minor, s.total_currency AS currency,"
  "         CASE WHEN s.state IN ('cancelled', 'no_show') THEN 'cancelled'"
  "              WHEN s.state IN ('checked_in', 'checked_out') THEN 'completed'"
  "              ELSE 'upcoming' END AS status,"
  "         s.room_type_id AS product_id"
  "  FROM stays s JOIN reservations r ON r.id = s.reservation_id"
  "  WHERE s.deleted = 0 AND r.deleted = 0;"
  "CREATE VIEW customer_bookings AS SELECT * FROM bookings_stay;"
  /* what segment rules read of a customer, in a covering index: a count
   * over a million customers reads it, not the wide rows (deleted and
   * merged_into, constant here, make it covering for SQLite's planner) */
  "CREATE INDEX customers_segments ON customers (city, province, consent_email, consent_sms,"
  "  consent_phone, language, source, gender, birth_date, tags, deleted, merged_into)"
  "  WHERE deleted = 0 AND merged_into IS NULL;"
  "CREATE TABLE customer_stats ("
  "  customer INTEGER PRIMARY KEY,"   /* customers.rowid */
  "  last_stay TEXT,"                 /* the last completed booking's end date */
  "  bookings INTEGER NOT NULL,"      /* not cancelled, upcoming included */
  "  completed INTEGER NOT NULL,"
  "  spend_minor INTEGER NOT NULL,"   /* completed, in the workspace currency */
  "  rfm_r INTEGER, rfm_f INTEGER, rfm_m INTEGER,"
  "  rfm_group TEXT"
  ");"
  "CREATE TABLE marketing_cache ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value INTEGER NOT NULL"
  ");"
  "INSERT INTO marketing_cache VALUES ('bookings_generation', 1), ('stats_generation', 0);"
  "CREATE TRIGGER stays_bookings_insert AFTER INSERT ON stays BEGIN"
  "  UPDATE marketing_cache SET value = value + 1 WHERE key = 'bookings_generation';"
  "END;"
  "CREATE TRIGGER stays_bookings_update AFTER UPDATE ON stays BEGIN"
  "  UPDATE marketing_cache SET value = value + 1 WHERE key = 'bookings_generation';"
  "END;"
  "CREATE TRIGGER stays_bookings_delete AFTER DELETE ON stays BEGIN"
  "  UPDATE marketing_cache SET value = value + 1 WHERE key = 'bookings_generation';"
  "END;"
  "CREATE TRIGGER reservations_bookings_update AFTER UPDATE OF customer_id, deleted ON reservations BEGIN"
  "  UPDATE marketing_cache SET value = value + 1 WHERE key = 'bookings_generation';"
  "END;"
  "CREATE TRIGGER customers_bookings_delete AFTER DELETE ON customers BEGIN"
  "  UPDATE marketing_cache SET value = value + 1 WHERE key = 'bookings_generation';"
  "END;",
  /* 14: analytics (issue 8): when each reservation was booked (booked_at,
   * UTC; NULL: when it was written, created_at), survey responses, and two
   * tables of daily facts kept by triggers in the transaction of every
   * write, so that a dashboard over years reads thousands of rows, not
   * millions of stays. One kind of booking writes rows of its own kind
   * ('stay' here; tour bookings add theirs), which the same queries read
   * by its kind.
   *
   * Each fact is written for its property and again for all of them
   * (property ''), so that the figures of a chain read few rows.
   * analytics_days, per kind, property, day, source and currency:
   *   units, revenue: the nights sold that night (confirmed, checked in or
   *     out; not tentative, cancelled or no-show) and their prices;
   *   arrivals, cancelled, no_shows, lead_days, cancel_fees: the bookings
   *     arriving that day (any state; the part of a stay after a room move
   *     is not a booking of its own), how many were cancelled or did not
   *     come, the sum of their lead times (arrival − the booking's local
   *     date, at least 0), the cancellation fees charged.
   * analytics_books, per kind, property, night and day: the room-nights
   *   booked that day (+) and cancelled that day (−; a no-show on the day
   *   the desk marks it): the sum up to a day is what was on the books that
   *   day, for the pace and the pick-up forecast (td-kpi-forecast.c).
   * Local dates of timestamps are taken at the workspace's offset from UTC:
   * China Standard Time (+8 hours, no summer time) unless the setting
   * "analytics-utc-offset" says otherwise ("+60 minutes"); plain SQL, so
   * that any program writing stays keeps the facts. */
  "ALTER TABLE reservations ADD COLUMN booked_at TEXT;"
  "CREATE TABLE survey_responses ("
  RECORD_COLUMNS ("")
  "  customer_id TEXT REFERENCES customers(id),"
  "  stay_id TEXT REFERENCES stays(id),"
  "  booking_id TEXT,"
  "  property_id TEXT REFERENCES properties(id),"
  "  product TEXT,"
  "  guide TEXT,"
  "  nps INTEGER NOT NULL CHECK (nps BETWEEN 0 AND 10),"
  "  rating_service INTEGER CHECK (rating_service IS NULL OR rating_service BETWEEN 1 AND 5),"
  "  rating_cleanliness INTEGER CHECK (rating_cleanliness IS NULL OR rating_cleanliness BETWEEN 1 AND 5),"
  "  rating_guide INTEGER CHECK (rating_guide IS NULL OR rating_guide BETWEEN 1 AND 5),"
  "  rating_value INTEGER CHECK (rating_value IS NULL OR rating_value BETWEEN 1 AND 5),"
  "  comment TEXT,"
  "  answered_at TEXT NOT NULL,"
  "  channel TEXT NOT NULL CHECK (channel IN ('desk', 'paper', 'phone', 'email', 'sms', 'wechat', 'web', 'import'))"
  ");"
  "CREATE INDEX survey_responses_answered ON survey_responses (answered_at) WHERE deleted = 0;"
  "CREATE INDEX survey_responses_property ON survey_responses (property_id, answered_at) WHERE deleted = 0;"
  "CREATE INDEX survey_responses_customer ON survey_responses (customer_id) WHERE customer_id IS NOT NULL;"
  "CREATE INDEX survey_responses_stay ON survey_responses (stay_id) WHERE stay_id IS NOT NULL;"
  "CREATE TABLE analytics_days ("
  "  kind TEXT NOT NULL,"
  "  property TEXT NOT NULL,"
  "  day INTEGER NOT NULL,"
  "  source TEXT NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  units INTEGER NOT NULL DEFAULT 0,"
  "  revenue INTEGER NOT NULL DEFAULT 0,"
  "  arrivals INTEGER NOT NULL DEFAULT 0,"
  "  cancelled INTEGER NOT NULL DEFAULT 0,"
  "  no_shows INTEGER NOT NULL DEFAULT 0,"
  "  lead_days INTEGER NOT NULL DEFAULT 0,"
  "  cancel_fees INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (kind, property, day, source, currency)"
  ") WITHOUT ROWID;"

  "CREATE TABLE analytics_books ("
  "  kind TEXT NOT NULL,"
  "  property TEXT NOT NULL,"
  "  night INTEGER NOT NULL,"
  "  day INTEGER NOT NULL,"
  "  units INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (kind, property, night, day)"
  ") WITHOUT ROWID;"
#define AN_JULIAN(date) "CAST(julianday(" date ") - 1721424.5 AS INTEGER)"
#define AN_LOCAL_DAY(ts) \
  "CAST(julianday(" ts ", COALESCE((SELECT value FROM settings WHERE key = 'analytics-utc-offset'), '+480 minutes'))" \
  " - 1721424.5 AS INTEGER)"
  /* the local date a reservation (alias res) was booked, or the arrival */
#define AN_BOOKED(row) \
  "COALESCE(" AN_LOCAL_DAY ("COALESCE(res.booked_at, res.created_at)") ", " AN_JULIAN (row ".arrival") ")"
#define AN_SOURCE "COALESCE(res.source, '')"
  /* the facts of one stay row (NEW, OLD, or s over stays), sign +1 or -1;
   * from: more tables before it, where: more conditions */
  /* every fact twice: for its property and for all ('') */
#define AN_BOTH "(SELECT 0 AS k UNION ALL SELECT 1) AS props,"
#define AN_PROPERTY(row) "CASE props.k WHEN 0 THEN " row ".property_id ELSE '' END"
#define AN_STAY_FACTS(row, sign, from, where) \
  " INSERT INTO analytics_days (kind, property, day, source, currency, units, revenue)" \
  "  SELECT 'stay', " AN_PROPERTY (row) ", " AN_JULIAN (row ".arrival") " + j.key, " AN_SOURCE ", " \
  "         " row ".total_currency, " sign ", " sign " * j.value" \
  "  FROM " from " " AN_BOTH " json_each(" row ".nightly_prices) AS j LEFT JOIN reservations AS res ON res.id = " row ".reservation_id" \
  "  WHERE " where " " row ".deleted = 0 AND " row ".state IN ('confirmed', 'checked_in', 'checked_out')" \
  "  ON CONFLICT (kind, property, day, source, currency) DO UPDATE" \
  "  SET units = units + excluded.units, revenue = revenue + excluded.revenue;" \
  "INSERT INTO analytics_days (kind, property, day, source, currency, arrivals, cancelled, no_shows, lead_days, cancel_fees)" \
  "  SELECT 'stay', " AN_PROPERTY (row) ", " AN_JULIAN (row ".arrival") ", " AN_SOURCE ", " row ".total_currency, " \
  "         " sign ", " sign " * (" row ".state = 'cancelled'), " sign " * (" row ".state = 'no_show'), " \
  "         " sign " * max(0, " AN_JULIAN (row ".arrival") " - " AN_BOOKED (row) "), " \
  "         " sign " * COALESCE(" row ".cancellation_fee_minor, 0)" \
  "  FROM " from " " AN_BOTH " (SELECT 1) LEFT JOIN reservations AS res ON res.id = " row ".reservation_id" \
  "  WHERE " where " " row ".deleted = 0 AND " row ".moved_from IS NULL" \
  "  ON CONFLICT (kind, property, day, source, currency) DO UPDATE" \
  "  SET arrivals = arrivals + excluded.arrivals, cancelled = cancelled + excluded.cancelled," \
  "      no_shows = no_shows + excluded.no_shows, lead_days = lead_days + excluded.lead_days," \
  "      cancel_fees = cancel_fees + excluded.cancel_fees;" \
  "INSERT INTO analytics_books (kind, property, night, day, units)" \
  "  SELECT 'stay', " AN_PROPERTY (row) ", " AN_JULIAN (row ".arrival") " + j.key, " AN_BOOKED (row) ", " sign \
  "  FROM " from " " AN_BOTH " json_each(" row ".nightly_prices) AS j LEFT JOIN reservations AS res ON res.id = " row ".reservation_id" \
  "  WHERE " where " " row ".deleted = 0" \
  "  ON CONFLICT (kind, property, night, day) DO UPDATE SET units = units + excluded.units;" \
  "INSERT INTO analytics_books (kind, property, night, day, units)" \
  "  SELECT 'stay', " AN_PROPERTY (row) ", " AN_JULIAN (row ".arrival") " + j.key, " \
  "         max(" AN_BOOKED (row) ", COALESCE(" AN_LOCAL_DAY (row ".cancelled_at") ", " AN_JULIAN (row ".arrival") ")), " \
  "         -(" sign ")" \
  "  FROM " from " " AN_BOTH " json_each(" row ".nightly_prices) AS j LEFT JOIN reservations AS res ON res.id = " row ".reservation_id" \
  "  WHERE " where " " row ".deleted = 0 AND " row ".state IN ('cancelled', 'no_show')" \
  "  ON CONFLICT (kind, property, night, day) DO UPDATE SET units = units + excluded.units;"
  AN_STAY_FACTS ("s", "1", "stays AS s,", "")
  "CREATE TRIGGER stays_analytics_insert AFTER INSERT ON stays BEGIN"
  AN_STAY_FACTS ("NEW", "1", "", "")
  "END;"
  "CREATE TRIGGER stays_analytics_update"
  "  AFTER UPDATE OF reservation_id, property_id, arrival, departure, state, nightly_prices, total_currency,"
  "  moved_from, cancelled_at, cancellation_fee_minor, deleted ON stays BEGIN"
  AN_STAY_FACTS ("OLD", "-1", "", "")
  AN_STAY_FACTS ("NEW", "1", "", "")
  "END;"
  "CREATE TRIGGER stays_analytics_delete AFTER DELETE ON stays BEGIN"
  AN_STAY_FACTS ("OLD", "-1", "", "")
  "END;"
  /* a reservation's source or booking date is its stays': their facts
   * move (before the update with the old values, after it with the new) */
  "CREATE TRIGGER reservations_analytics_before BEFORE UPDATE OF source, booked_at, created_at ON reservations BEGIN"
  AN_STAY_FACTS ("s", "-1", "stays AS s,", "s.reservation_id = OLD.id AND")
  "END;"
  "CREATE TRIGGER reservations_analytics_after AFTER UPDATE OF source, booked_at, created_at ON reservations BEGIN"
  AN_STAY_FACTS ("s", "1", "stays AS s,", "s.reservation_id = NEW.id AND")
  "END;",
#undef AN_JULIAN
#undef AN_LOCAL_DAY
#undef AN_BOOKED
#undef AN_SOURCE
#undef AN_STAY_FACTS
#undef AN_BOTH
#undef AN_PROPERTY
  /* 15: check-in, the folio and calendar feeds (td-folio.c,
   * td-registration.c, td-calendar.c): a guest
   * registration per guest checked in, in the platform's form of the
   * guest_registration kind (the receipt and acknowledged_at come back
   * from it); the folios of a stay and their entries. A room night is
   * posted once: a unique index on (stay, night). */
  "CREATE TABLE guest_registrations ("
  RECORD_COLUMNS ("")
  "  property_id TEXT REFERENCES properties(id),"
  "  customer_id TEXT REFERENCES customers(id),"
  "  stay_id TEXT REFERENCES stays(id),"
  "  room TEXT,"
  "  guest_name TEXT NOT NULL,"
  "  gender TEXT CHECK (gender IS NULL OR gender IN ('female', 'male', 'other')),"
  "  birth_date TEXT,"
  "  nationality TEXT NOT NULL,"
  "  id_type TEXT NOT NULL,"
  "  id_number TEXT NOT NULL,"
  "  check_in TEXT NOT NULL,"
  "  check_out TEXT,"
  "  address TEXT,"
  "  receipt TEXT,"
  "  acknowledged_at TEXT"
  ");"
  "CREATE INDEX guest_registrations_stay ON guest_registrations (stay_id);"
  "CREATE INDEX guest_registrations_customer ON guest_registrations (customer_id);"
  "CREATE TABLE folios ("
  RECORD_COLUMNS ("")
  "  stay_id TEXT NOT NULL REFERENCES stays(id),"
  "  number INTEGER NOT NULL CHECK (number >= 1),"
  "  label TEXT,"
  "  customer_id TEXT REFERENCES customers(id),"
  "  currency TEXT NOT NULL CHECK (length(currency) = 3),"
  "  override_by TEXT,"
  "  override_reason TEXT,"
  "  override_at TEXT,"
  MONEY_COLUMNS ("override_balance")
  "  CHECK ((override_by IS NULL) = (override_reason IS NULL))"
  ");"
  "CREATE UNIQUE INDEX folios_stay_number ON folios (stay_id, number) WHERE deleted = 0;"
  "CREATE TABLE folio_entries ("
  RECORD_COLUMNS ("")
  "  folio_id TEXT NOT NULL REFERENCES folios(id),"
  "  stay_id TEXT NOT NULL REFERENCES stays(id),"
  "  type TEXT NOT NULL CHECK (type IN ('room', 'charge', 'payment', 'deposit', 'refund')),"
  "  category TEXT CHECK (category IS NULL OR category IN ('room', 'restaurant', 'minibar', 'laundry', 'tickets', 'other')),"
  "  method TEXT CHECK (method IS NULL OR method IN ('cash', 'bank-card', 'wechat-pay', 'alipay', 'transfer', 'agency-account')),"
  MONEY_COLUMNS ("amount")
  "  night TEXT,"
  "  description TEXT,"
  "  reference TEXT,"
  "  posted_at TEXT NOT NULL,"
  "  posted_by TEXT,"
  "  CHECK (amount_minor IS NOT NULL AND (amount_minor > 0 OR (type = 'room' AND amount_minor = 0))),"
  "  CHECK ((type = 'room') = (night IS NOT NULL)),"
  "  CHECK (type IN ('room', 'charge') OR method IS NOT NULL)"
  ");"
  "CREATE UNIQUE INDEX folio_entries_night ON folio_entries (stay_id, night) WHERE night IS NOT NULL AND deleted = 0;"
  "CREATE INDEX folio_entries_folio ON folio_entries (folio_id, posted_at);"
  /* the events of OTA calendar feeds (td-calendar.c): one per room, feed
   * and UID, holding the room (an out-of-order period) or flagged as a
   * conflict with what already has the room */
  "CREATE TABLE feed_events ("
  RECORD_COLUMNS ("")
  "  room_id TEXT NOT NULL REFERENCES rooms(id),"
  "  feed TEXT NOT NULL,"
  "  uid TEXT NOT NULL,"
  "  summary TEXT,"
  "  description TEXT,"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('held', 'conflict', 'released')),"
  "  out_of_order_id TEXT REFERENCES out_of_order_periods(id),"
  "  conflict TEXT,"
  "  conflict_stay_id TEXT REFERENCES stays(id),"
  "  seen_at TEXT NOT NULL,"
  "  CHECK (end_date > start_date),"
  "  CHECK ((status = 'held') = (out_of_order_id IS NOT NULL)),"
  "  CHECK ((status = 'conflict') = (conflict IS NOT NULL))"
  ");"
  "CREATE UNIQUE INDEX feed_events_uid ON feed_events (room_id, feed, uid) WHERE deleted = 0;"
  "CREATE INDEX feed_events_conflicts ON feed_events (room_id) WHERE status = 'conflict' AND deleted = 0;",

  /* 16: tickets voided and refunded at the desk (the reason, when, the
   * amount given back); what the platform said of a sale made offline
   * (platform_refused: its reason, the ticket then void); whether the
   * platform has been given back the places of void tickets it had
   * confirmed (platform_released). */
  "ALTER TABLE tickets ADD COLUMN void_reason TEXT;"
  "ALTER TABLE tickets ADD COLUMN voided_at TEXT;"
  "ALTER TABLE tickets ADD COLUMN refund_minor INTEGER;"
  "ALTER TABLE tickets ADD COLUMN refund_currency TEXT CHECK (refund_currency IS NULL OR length(refund_currency) = 3);"
  "ALTER TABLE tickets ADD COLUMN platform_refused TEXT;"
  "ALTER TABLE tickets ADD COLUMN platform_released INTEGER CHECK (platform_released IS NULL OR platform_released IN (0, 1));"
  "CREATE INDEX tickets_to_release ON tickets (platform_booking_id) "
  "  WHERE state = 'void' AND platform_booking_id IS NOT NULL AND platform_released IS NOT 1;",
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

  /* the search triggers (5) and the sort keys (7) call functions of ours,
   * on any connection */
  if (!_td_customer_search_register (db, error) || !_td_customer_list_register (db, error))
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
