/* td-kind.c: the registry of record kinds; keep in step with td-migrations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "td-database.h"
#include "td-date-range.h"
#include "td-kind.h"
#include "td-money.h"

static const char * const organisation_kinds[] = { "hotel", "agency", "scenic", NULL };
static const char * const parties[] = { "person", "organisation", NULL };
static const char * const genders[] = { "female", "male", "other", NULL };
static const char * const id_types[] = {
  "resident-id",          /* mainland resident identity card */
  "passport",             /* PRC passport */
  "hk-macao-permit",      /* Mainland travel permit for Hong Kong and Macao residents */
  "taiwan-permit",        /* Mainland travel permit for Taiwan residents */
  "foreign-passport",
  "other",
  NULL
};
static const char * const consents[] = { "granted", "withdrawn", NULL };
static const char * const sources[] = {
  "walk-in", "phone", "agency", "ota", "platform", "import", NULL
};
static const char * const poi_categories[] = {
  "attraction", "hotel", "restaurant", "shop", "transport", "property", NULL
};

#define N(a) G_N_ELEMENTS (a)

static const TdField organisation_fields[] = {
  { "name",     TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "kind",     TD_FIELD_TEXT, TRUE,  NULL, organisation_kinds },
  { "address",  TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "tax_id",   TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "phone",    TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "email",    TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "logo",     TD_FIELD_BLOB, FALSE, NULL, NULL },
};

static const TdField customer_fields[] = {
  { "party",          TD_FIELD_TEXT, TRUE,  NULL, parties },
  { "name",           TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "family_name",    TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "given_name",     TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "gender",         TD_FIELD_TEXT, FALSE, NULL, genders },
  { "birth_date",     TD_FIELD_DATE, FALSE, NULL, NULL },
  { "nationality",    TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "phone",          TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "email",          TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "id_type",        TD_FIELD_TEXT, FALSE, NULL, id_types },
  { "id_number",      TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "province",       TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "city",           TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "language",       TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "source",         TD_FIELD_TEXT, FALSE, NULL, sources },
  { "notes",          TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "loyalty_points", TD_FIELD_INT,  FALSE, NULL, NULL },
  /* migration 6 */
  { "district",          TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "tags",              TD_FIELD_TEXT, FALSE, NULL, NULL },  /* comma-separated */
  { "other_phones",      TD_FIELD_TEXT, FALSE, NULL, NULL },  /* comma-separated, normalised */
  { "other_emails",      TD_FIELD_TEXT, FALSE, NULL, NULL },  /* comma-separated */
  { "id_country",        TD_FIELD_TEXT, FALSE, NULL, NULL },  /* ISO 3166-1 alpha-3 */
  { "id_expiry",         TD_FIELD_DATE, FALSE, NULL, NULL },
  { "consent_email",     TD_FIELD_TEXT, FALSE, NULL, consents },
  { "consent_email_at",  TD_FIELD_TEXT, FALSE, NULL, NULL },  /* UTC ISO 8601 */
  { "consent_email_how", TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "consent_sms",       TD_FIELD_TEXT, FALSE, NULL, consents },
  { "consent_sms_at",    TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "consent_sms_how",   TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "consent_phone",     TD_FIELD_TEXT, FALSE, NULL, consents },
  { "consent_phone_at",  TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "consent_phone_how", TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "merged_into",       TD_FIELD_REF,  FALSE, "customer", NULL },
};

static const TdField customer_document_fields[] = {
  { "customer_id", TD_FIELD_REF,  TRUE,  "customer", NULL },
  { "doc_type",    TD_FIELD_TEXT, TRUE,  NULL, id_types },
  { "number",      TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "country",     TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "expiry",      TD_FIELD_DATE, FALSE, NULL, NULL },
  { "notes",       TD_FIELD_TEXT, FALSE, NULL, NULL },
};

static const TdField customer_note_fields[] = {
  { "customer_id", TD_FIELD_REF,  TRUE,  "customer", NULL },
  { "body",        TD_FIELD_TEXT, TRUE,  NULL, NULL },
};

/* complaints (issue 8), as the platform keeps them (src/cloud/td-cloud-kinds.c):
 * append-only, the workflow carried by the notes (td-complaints.c) */
static const char * const complaint_channels[] = { "desk", "phone", "web", "letter", "platform", NULL };
static const char * const complaint_categories[] = { "service", "price", "safety", "hygiene", "itinerary", "guide",
                                                     "accommodation", "transport", "other", NULL };
static const char * const complaint_severities[] = { "low", "medium", "high", "critical", NULL };
static const char * const complaint_actions[] = { "note", "assign", "state", "outcome", NULL };
static const char * const complaint_states[] = { "new", "assigned", "in_progress", "resolved", "closed", NULL };
static const char * const complaint_outcomes[] = { "refund", "voucher", "apology", "none", NULL };

static const TdField complaint_fields[] = {
  { "subject",     TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "body",        TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "channel",     TD_FIELD_TEXT, FALSE, NULL, complaint_channels },
  { "customer_id", TD_FIELD_REF,  FALSE, "customer", NULL },
  { "occurred_on", TD_FIELD_DATE, FALSE, NULL, NULL },
  { "about",       TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "contact",     TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "received_at", TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "category",    TD_FIELD_TEXT, FALSE, NULL, complaint_categories },
  { "severity",    TD_FIELD_TEXT, FALSE, NULL, complaint_severities },
  { "booking_ref", TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "due_at",      TD_FIELD_TEXT, FALSE, NULL, NULL },
};

static const TdField complaint_note_fields[] = {
  { "complaint_id", TD_FIELD_REF,   TRUE,  "complaint", NULL },
  { "body",         TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "received_at",  TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "action",       TD_FIELD_TEXT,  FALSE, NULL, complaint_actions },
  { "state",        TD_FIELD_TEXT,  FALSE, NULL, complaint_states },
  { "assignee",     TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "outcome",      TD_FIELD_TEXT,  FALSE, NULL, complaint_outcomes },
  { "amount",       TD_FIELD_MONEY, FALSE, NULL, NULL },
};

static const TdField property_fields[] = {
  { "name",    TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "city",    TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "address", TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "phone",   TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "stars",   TD_FIELD_INT,  FALSE, NULL, NULL },
  { "lat",     TD_FIELD_REAL, FALSE, NULL, NULL },
  { "lon",     TD_FIELD_REAL, FALSE, NULL, NULL },
};

static const TdField room_type_fields[] = {
  { "property_id",  TD_FIELD_REF,   TRUE,  "property", NULL },
  { "code",         TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "name",         TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "max_adults",   TD_FIELD_INT,   FALSE, NULL, NULL },
  { "max_children", TD_FIELD_INT,   FALSE, NULL, NULL },
  { "beds",         TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "base_price",   TD_FIELD_MONEY, FALSE, NULL, NULL },
};

static const char * const housekeeping_states[] = { "clean", "dirty", "inspected", NULL };

static const TdField room_fields[] = {
  { "property_id",  TD_FIELD_REF,  TRUE,  "property", NULL },
  { "room_type_id", TD_FIELD_REF,  TRUE,  "room_type", NULL },
  { "number",       TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "floor",        TD_FIELD_INT,  FALSE, NULL, NULL },
  { "features",     TD_FIELD_TEXT, FALSE, NULL, NULL },
  /* migration 7 */
  { "housekeeping",    TD_FIELD_TEXT, FALSE, NULL, housekeeping_states },  /* NULL: clean */
  { "housekeeping_at", TD_FIELD_TEXT, FALSE, NULL, NULL },  /* UTC ISO 8601 */
};

static const char * const crs_names[] = { "wgs84", "gcj02", "bd09", NULL };

static const TdField poi_fields[] = {
  { "name",          TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "name_en",       TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "category",      TD_FIELD_TEXT,  TRUE,  NULL, poi_categories },
  { "rating",        TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "province",      TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "city",          TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "address",       TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "lat",           TD_FIELD_REAL,  TRUE,  NULL, NULL },
  { "lon",           TD_FIELD_REAL,  TRUE,  NULL, NULL },
  { "opening_hours", TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "ticket_price",  TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "source_crs",    TD_FIELD_TEXT,  FALSE, NULL, crs_names },
};

/* migration 7: the front desk */
static const char * const booking_sources[] = { "walk-in", "phone", "agency", "ota", "platform", NULL };
static const char * const penalties[] = { "none", "first-night", "percent", NULL };
static const char * const stay_states[] = {
  "tentative", "confirmed", "checked_in", "checked_out", "cancelled", "no_show", NULL
};
static const char * const cancel_reasons[] = { "guest", "hold-expired", "no-show", "hotel", NULL };
static const char * const block_states[] = { "held", "released", "cancelled", NULL };
static const char * const tax_bases[] = { "percent", "per-night", "per-stay", "per-guest-night", NULL };

static const TdField out_of_order_fields[] = {
  { "room_id",    TD_FIELD_REF,  TRUE, "room", NULL },
  { "start_date", TD_FIELD_DATE, TRUE, NULL, NULL },
  { "end_date",   TD_FIELD_DATE, TRUE, NULL, NULL },  /* exclusive: the room is back that night */
  { "reason",     TD_FIELD_TEXT, TRUE, NULL, NULL },
};

static const TdField rate_plan_fields[] = {
  { "room_type_id",     TD_FIELD_REF,   TRUE,  "room_type", NULL },
  { "code",             TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "name",             TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "base_price",       TD_FIELD_MONEY, TRUE,  NULL, NULL },  /* per night, base_adults included */
  { "base_adults",      TD_FIELD_INT,   FALSE, NULL, NULL },  /* NULL: 2 */
  { "extra_adult",      TD_FIELD_MONEY, FALSE, NULL, NULL },  /* per adult beyond base_adults, per night */
  { "extra_child",      TD_FIELD_MONEY, FALSE, NULL, NULL },  /* per child, per night */
  { "min_nights",       TD_FIELD_INT,   FALSE, NULL, NULL },
  { "max_nights",       TD_FIELD_INT,   FALSE, NULL, NULL },
  { "cancel_free_days", TD_FIELD_INT,   FALSE, NULL, NULL },  /* free until N days before arrival */
  { "cancel_penalty",   TD_FIELD_TEXT,  FALSE, NULL, penalties },
  { "cancel_percent",   TD_FIELD_INT,   FALSE, NULL, NULL },
};

static const TdField rate_season_fields[] = {
  { "rate_plan_id", TD_FIELD_REF,   TRUE,  "rate_plan", NULL },
  { "name",         TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "start_date",   TD_FIELD_DATE,  FALSE, NULL, NULL },  /* NULL with end_date: all year */
  { "end_date",     TD_FIELD_DATE,  FALSE, NULL, NULL },  /* exclusive */
  { "weekdays",     TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* "0000110": Monday..Sunday; NULL: every day */
  { "price",        TD_FIELD_MONEY, TRUE,  NULL, NULL },
  { "extra_adult",  TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "extra_child",  TD_FIELD_MONEY, FALSE, NULL, NULL },
};

static const TdField rate_restriction_fields[] = {
  { "rate_plan_id",        TD_FIELD_REF,  TRUE,  "rate_plan", NULL },
  { "start_date",          TD_FIELD_DATE, TRUE,  NULL, NULL },
  { "end_date",            TD_FIELD_DATE, TRUE,  NULL, NULL },  /* exclusive */
  { "min_nights",          TD_FIELD_INT,  FALSE, NULL, NULL },  /* for arrivals on these dates */
  { "max_nights",          TD_FIELD_INT,  FALSE, NULL, NULL },
  { "closed",              TD_FIELD_BOOL, FALSE, NULL, NULL },  /* these nights are not sold */
  { "closed_to_arrival",   TD_FIELD_BOOL, FALSE, NULL, NULL },
  { "closed_to_departure", TD_FIELD_BOOL, FALSE, NULL, NULL },
};

static const TdField tax_fee_fields[] = {
  { "property_id", TD_FIELD_REF,   TRUE,  "property", NULL },
  { "name",        TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "basis",       TD_FIELD_TEXT,  TRUE,  NULL, tax_bases },
  { "rate_bp",     TD_FIELD_INT,   FALSE, NULL, NULL },  /* percent: basis points, 600 = 6 % */
  { "amount",      TD_FIELD_MONEY, FALSE, NULL, NULL },  /* the other bases */
  { "included",    TD_FIELD_BOOL,  FALSE, NULL, NULL },  /* percent: already in the room prices */
};

static const TdField reservation_fields[] = {
  { "property_id",      TD_FIELD_REF,   TRUE,  "property", NULL },
  { "customer_id",      TD_FIELD_REF,   TRUE,  "customer", NULL },  /* the guest, or the company */
  { "agency_id",        TD_FIELD_REF,   FALSE, "customer", NULL },  /* the agency, for its commission */
  { "source",           TD_FIELD_TEXT,  TRUE,  NULL, booking_sources },
  { "reference",        TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* the OTA's or agency's number */
  { "commission_bp",    TD_FIELD_INT,   FALSE, NULL, NULL },  /* basis points, 1000 = 10 % */
  { "deposit",          TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "requests",         TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "notes",            TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "cancel_free_days", TD_FIELD_INT,   FALSE, NULL, NULL },  /* the policy when booked */
  { "cancel_penalty",   TD_FIELD_TEXT,  FALSE, NULL, penalties },
  { "cancel_percent",   TD_FIELD_INT,   FALSE, NULL, NULL },
  /* migration 14 */
  { "booked_at",        TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* UTC ISO 8601; NULL: created_at */
};

static const TdField group_block_fields[] = {
  { "property_id",    TD_FIELD_REF,   TRUE,  "property", NULL },
  { "room_type_id",   TD_FIELD_REF,   TRUE,  "room_type", NULL },
  { "agency_id",      TD_FIELD_REF,   TRUE,  "customer", NULL },
  { "reservation_id", TD_FIELD_REF,   TRUE,  "reservation", NULL },  /* where picked-up rooms go */
  { "name",           TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "rooms",          TD_FIELD_INT,   TRUE,  NULL, NULL },
  { "start_date",     TD_FIELD_DATE,  TRUE,  NULL, NULL },
  { "end_date",       TD_FIELD_DATE,  TRUE,  NULL, NULL },  /* exclusive */
  { "release_date",   TD_FIELD_DATE,  TRUE,  NULL, NULL },  /* rooms not picked up return to sale */
  { "rate_plan_id",   TD_FIELD_REF,   FALSE, "rate_plan", NULL },
  { "price",          TD_FIELD_MONEY, FALSE, NULL, NULL },  /* negotiated, per room and night */
  { "state",          TD_FIELD_TEXT,  TRUE,  NULL, block_states },
  { "notes",          TD_FIELD_TEXT,  FALSE, NULL, NULL },
};

static const TdField stay_fields[] = {
  { "reservation_id",   TD_FIELD_REF,   TRUE,  "reservation", NULL },
  { "property_id",      TD_FIELD_REF,   TRUE,  "property", NULL },
  { "room_type_id",     TD_FIELD_REF,   TRUE,  "room_type", NULL },  /* as sold */
  { "room_id",          TD_FIELD_REF,   FALSE, "room", NULL },  /* NULL: overbooked, no room yet */
  { "arrival",          TD_FIELD_DATE,  TRUE,  NULL, NULL },
  { "departure",        TD_FIELD_DATE,  TRUE,  NULL, NULL },  /* exclusive: the last night is the day before */
  { "adults",           TD_FIELD_INT,   TRUE,  NULL, NULL },
  { "children",         TD_FIELD_INT,   FALSE, NULL, NULL },
  { "rate_plan_id",     TD_FIELD_REF,   FALSE, "rate_plan", NULL },
  { "block_id",         TD_FIELD_REF,   FALSE, "group_block", NULL },
  { "customer_id",      TD_FIELD_REF,   FALSE, "customer", NULL },  /* the guest in this room */
  { "guest_name",       TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "state",            TD_FIELD_TEXT,  TRUE,  NULL, stay_states },
  { "hold_until",       TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* tentative: UTC ISO 8601 */
  { "nightly_prices",   TD_FIELD_TEXT,  TRUE,  NULL, NULL },  /* JSON array of minor units, one a night */
  { "total",            TD_FIELD_MONEY, TRUE,  NULL, NULL },
  { "overbooked",       TD_FIELD_BOOL,  FALSE, NULL, NULL },  /* a manager's override */
  { "override_reason",  TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "moved_from",       TD_FIELD_REF,   FALSE, "stay", NULL },  /* the part before a room move */
  { "checked_in_at",    TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "checked_out_at",   TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "cancelled_at",     TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "cancel_reason",    TD_FIELD_TEXT,  FALSE, NULL, cancel_reasons },
  { "cancellation_fee", TD_FIELD_MONEY, FALSE, NULL, NULL },
};

/* migration 10: attraction tickets */
static const char * const ticket_types[] = { "adult", "child", "senior", "student", "free", NULL };
static const char * const ticket_states[] = { "sold", "used", "void", NULL };

static const TdField attraction_slot_fields[] = {
  { "poi_id",      TD_FIELD_REF,  TRUE,  "poi", NULL },
  { "date",        TD_FIELD_DATE, TRUE,  NULL, NULL },
  { "start_time",  TD_FIELD_TEXT, TRUE,  NULL, NULL },  /* HH:MM, local */
  { "end_time",    TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "capacity",    TD_FIELD_INT,  TRUE,  NULL, NULL },
  { "platform_id", TD_FIELD_TEXT, FALSE, NULL, NULL },  /* the catalogue's inventory id */
};

static const TdField ticket_type_fields[] = {
  { "poi_id", TD_FIELD_REF,   TRUE,  "poi", NULL },
  { "type",   TD_FIELD_TEXT,  TRUE,  NULL, ticket_types },
  { "name",   TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "price",  TD_FIELD_MONEY, TRUE,  NULL, NULL },
};

static const TdField ticket_fields[] = {
  { "code",                TD_FIELD_TEXT,  TRUE,  NULL, NULL },  /* signed, td-ticket-code.h */
  { "poi_id",              TD_FIELD_REF,   TRUE,  "poi", NULL },
  { "slot_id",             TD_FIELD_REF,   TRUE,  "attraction_slot", NULL },
  { "date",                TD_FIELD_DATE,  TRUE,  NULL, NULL },
  { "start_time",          TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "type",                TD_FIELD_TEXT,  TRUE,  NULL, ticket_types },
  { "price",               TD_FIELD_MONEY, TRUE,  NULL, NULL },
  { "customer_id",         TD_FIELD_REF,   FALSE, "customer", NULL },  /* the holder */
  { "state",               TD_FIELD_TEXT,  TRUE,  NULL, ticket_states },
  { "used_at",             TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* UTC ISO 8601 */
  { "desk_id",             TD_FIELD_TEXT,  TRUE,  NULL, NULL },  /* the desk that sold it */
  { "offline",             TD_FIELD_BOOL,  FALSE, NULL, NULL },  /* sold against the quota of the last sync */
  { "platform_booking_id", TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* the platform's booking that took the place */
  /* migration 16 */
  { "void_reason",         TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* why it was voided */
  { "voided_at",           TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* UTC ISO 8601 */
  { "refund",              TD_FIELD_MONEY, FALSE, NULL, NULL },  /* given back to the holder */
  { "platform_refused",    TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* sold offline, refused by the platform: why */
  { "platform_released",   TD_FIELD_BOOL,  FALSE, NULL, NULL },  /* void: the platform has its places back */
};

static const TdField ticket_key_fields[] = {
  { "key_id",     TD_FIELD_TEXT, TRUE,  NULL, NULL },  /* 8 hex digits, as in the codes */
  { "public_key", TD_FIELD_TEXT, TRUE,  NULL, NULL },  /* PEM (SubjectPublicKeyInfo) */
  { "desk_id",    TD_FIELD_TEXT, FALSE, NULL, NULL },
};

/* migration 11: the agency desk */
static const char * const tour_item_types[] = { "attraction", "hotel", "meal", "transport", "text", NULL };
static const char * const cost_bases[] = { "person", "group", NULL };
static const char * const departure_states[] = {
  "draft", "open", "guaranteed", "full", "departed", "closed", "cancelled", NULL
};
static const char * const tour_booking_states[] = { "booked", "confirmed", "cancelled", NULL };
static const char * const contract_states[] = { "none", "printed", "signed", NULL };
static const char * const pax_types[] = { "adult", "child", "infant", "senior", NULL };
static const char * const due_kinds[] = { "deposit", "instalment", "balance", NULL };
static const char * const payment_methods[] = { "cash", "card", "transfer", "wechat", "alipay", "other", NULL };
static const char * const waitlist_states[] = { "waiting", "offered", "booked", "withdrawn", NULL };

static const TdField tour_product_fields[] = {
  { "code",              TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "name",              TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "days",              TD_FIELD_INT,   TRUE,  NULL, NULL },
  { "included",          TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "excluded",          TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "price_adult",       TD_FIELD_MONEY, TRUE,  NULL, NULL },  /* per person */
  { "price_child",       TD_FIELD_MONEY, FALSE, NULL, NULL },  /* NULL: the adult price */
  { "price_infant",      TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "price_senior",      TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "single_supplement", TD_FIELD_MONEY, FALSE, NULL, NULL },  /* per person in a single room */
  { "infant_below",      TD_FIELD_INT,   FALSE, NULL, NULL },  /* age at departure; NULL: 2 */
  { "child_below",       TD_FIELD_INT,   FALSE, NULL, NULL },  /* NULL: 12 */
  { "senior_from",       TD_FIELD_INT,   FALSE, NULL, NULL },  /* NULL: 65 */
  { "deposit_percent",   TD_FIELD_INT,   FALSE, NULL, NULL },
  { "instalments",       TD_FIELD_INT,   FALSE, NULL, NULL },  /* between deposit and balance */
  { "balance_days",      TD_FIELD_INT,   FALSE, NULL, NULL },  /* balance due N days before departure */
  { "cancel_tiers",      TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* JSON [{"days":30,"percent":0},…] */
  { "insurance",         TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "notes",             TD_FIELD_TEXT,  FALSE, NULL, NULL },
};

static const TdField tour_item_fields[] = {
  { "product_id", TD_FIELD_REF,   TRUE,  "tour_product", NULL },
  { "day",        TD_FIELD_INT,   TRUE,  NULL, NULL },
  { "position",   TD_FIELD_INT,   FALSE, NULL, NULL },
  { "item_type",  TD_FIELD_TEXT,  TRUE,  NULL, tour_item_types },
  { "poi_id",     TD_FIELD_REF,   FALSE, "poi", NULL },
  { "title",      TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "notes",      TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "supplier",   TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "cost",       TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "cost_basis", TD_FIELD_TEXT,  FALSE, NULL, cost_bases },  /* NULL: per person */
};

static const TdField tour_surcharge_fields[] = {
  { "product_id", TD_FIELD_REF,   TRUE, "tour_product", NULL },
  { "name",       TD_FIELD_TEXT,  TRUE, NULL, NULL },
  { "start_date", TD_FIELD_DATE,  TRUE, NULL, NULL },
  { "end_date",   TD_FIELD_DATE,  TRUE, NULL, NULL },  /* exclusive */
  { "amount",     TD_FIELD_MONEY, TRUE, NULL, NULL },  /* per person (infants excepted) */
};

static const TdField tour_departure_fields[] = {
  { "product_id", TD_FIELD_REF,  TRUE,  "tour_product", NULL },
  { "start_date", TD_FIELD_DATE, TRUE,  NULL, NULL },
  { "capacity",   TD_FIELD_INT,  TRUE,  NULL, NULL },
  { "min_pax",    TD_FIELD_INT,  FALSE, NULL, NULL },
  { "guide",      TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "vehicle",    TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "state",      TD_FIELD_TEXT, TRUE,  NULL, departure_states },
  { "notes",      TD_FIELD_TEXT, FALSE, NULL, NULL },
};

static const TdField tour_booking_fields[] = {
  { "departure_id",       TD_FIELD_REF,   TRUE,  "tour_departure", NULL },
  { "lead_customer_id",   TD_FIELD_REF,   TRUE,  "customer", NULL },
  { "state",              TD_FIELD_TEXT,  TRUE,  NULL, tour_booking_states },
  { "price_lines",        TD_FIELD_TEXT,  TRUE,  NULL, NULL },  /* JSON, see td-tour-booking.h */
  { "discount",           TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "discount_reason",    TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "total",              TD_FIELD_MONEY, TRUE,  NULL, NULL },
  { "sub_agent_id",       TD_FIELD_REF,   FALSE, "customer", NULL },
  { "commission_bp",      TD_FIELD_INT,   FALSE, NULL, NULL },
  { "commission",         TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "cancelled_at",       TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "cancellation_fee",   TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "contract_state",     TD_FIELD_TEXT,  FALSE, NULL, contract_states },
  { "contract_signed_at", TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "notes",              TD_FIELD_TEXT,  FALSE, NULL, NULL },
};

static const TdField tour_participant_fields[] = {
  { "booking_id",   TD_FIELD_REF,   TRUE,  "tour_booking", NULL },
  { "departure_id", TD_FIELD_REF,   TRUE,  "tour_departure", NULL },
  { "customer_id",  TD_FIELD_REF,   TRUE,  "customer", NULL },
  { "pax_type",     TD_FIELD_TEXT,  TRUE,  NULL, pax_types },
  { "price",        TD_FIELD_MONEY, TRUE,  NULL, NULL },
  { "room",         TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "single_room",  TD_FIELD_BOOL,  FALSE, NULL, NULL },
  { "seat",         TD_FIELD_INT,   FALSE, NULL, NULL },
  { "active",       TD_FIELD_BOOL,  TRUE,  NULL, NULL },
};

static const TdField tour_payment_due_fields[] = {
  { "booking_id", TD_FIELD_REF,   TRUE, "tour_booking", NULL },
  { "due_kind",   TD_FIELD_TEXT,  TRUE, NULL, due_kinds },
  { "due_date",   TD_FIELD_DATE,  TRUE, NULL, NULL },
  { "amount",     TD_FIELD_MONEY, TRUE, NULL, NULL },
};

static const TdField tour_payment_fields[] = {
  { "booking_id", TD_FIELD_REF,   TRUE,  "tour_booking", NULL },
  { "amount",     TD_FIELD_MONEY, TRUE,  NULL, NULL },  /* negative: a refund */
  { "method",     TD_FIELD_TEXT,  TRUE,  NULL, payment_methods },
  { "paid_at",    TD_FIELD_TEXT,  TRUE,  NULL, NULL },  /* UTC ISO 8601 */
  { "reference",  TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "notes",      TD_FIELD_TEXT,  FALSE, NULL, NULL },
};

static const TdField tour_waitlist_fields[] = {
  { "departure_id", TD_FIELD_REF,  TRUE,  "tour_departure", NULL },
  { "customer_id",  TD_FIELD_REF,  TRUE,  "customer", NULL },
  { "pax",          TD_FIELD_INT,  TRUE,  NULL, NULL },
  { "state",        TD_FIELD_TEXT, TRUE,  NULL, waitlist_states },
  { "offered_at",   TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "notes",        TD_FIELD_TEXT, FALSE, NULL, NULL },
};

/* marketing (issue 8) */
static const char * const coupon_discounts[] = { "percent", "amount", NULL };
static const char * const campaign_channels[] = { "email", NULL };
static const char * const campaign_states[] = { "draft", "sending", "sent", NULL };
static const char * const recipient_states[] = {
  "pending", "sending", "sent", "failed",
  "uncertain",  /* the send was under way when it stopped: never sent again */
  "skipped",    /* no longer consenting, or no e-mail, when its turn came */
  NULL
};
static const char * const loyalty_reasons[] = { "earn", "redeem", "adjust", NULL };

static const TdField segment_fields[] = {
  { "name",        TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "rules",       TD_FIELD_TEXT, TRUE,  NULL, NULL },  /* JSON: td-segment.h */
  { "description", TD_FIELD_TEXT, FALSE, NULL, NULL },
};

static const TdField coupon_fields[] = {
  { "code",                  TD_FIELD_TEXT,  TRUE,  NULL, NULL },  /* upper case, unique */
  { "discount",              TD_FIELD_TEXT,  TRUE,  NULL, coupon_discounts },
  { "percent",               TD_FIELD_INT,   FALSE, NULL, NULL },  /* 1..100 */
  { "amount",                TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "min_spend",             TD_FIELD_MONEY, FALSE, NULL, NULL },
  { "valid_from",            TD_FIELD_DATE,  FALSE, NULL, NULL },
  { "valid_until",           TD_FIELD_DATE,  FALSE, NULL, NULL },  /* exclusive */
  { "max_uses",              TD_FIELD_INT,   FALSE, NULL, NULL },
  { "max_uses_per_customer", TD_FIELD_INT,   FALSE, NULL, NULL },
  { "room_type_ids",         TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* comma-separated ids; NULL: any */
  { "products",              TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* comma-separated product ids; NULL: any */
  { "batch",                 TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* codes generated together */
  { "notes",                 TD_FIELD_TEXT,  FALSE, NULL, NULL },
};

static const TdField campaign_fields[] = {
  { "name",        TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "segment_id",  TD_FIELD_REF,  TRUE,  "segment", NULL },
  { "channel",     TD_FIELD_TEXT, TRUE,  NULL, campaign_channels },
  { "subject",     TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "body",        TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "coupon_id",   TD_FIELD_REF,  FALSE, "coupon", NULL },
  { "state",       TD_FIELD_TEXT, TRUE,  NULL, campaign_states },
  { "started_at",  TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "finished_at", TD_FIELD_TEXT, FALSE, NULL, NULL },
};

static const TdField campaign_recipient_fields[] = {
  { "campaign_id", TD_FIELD_REF,  TRUE,  "campaign", NULL },
  { "customer_id", TD_FIELD_REF,  TRUE,  "customer", NULL },
  { "email",       TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "state",       TD_FIELD_TEXT, TRUE,  NULL, recipient_states },
  { "reason",      TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "sent_at",     TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "message_id",  TD_FIELD_TEXT, FALSE, NULL, NULL },
};

static const TdField coupon_redemption_fields[] = {
  { "coupon_id",    TD_FIELD_REF,   TRUE,  "coupon", NULL },
  { "customer_id",  TD_FIELD_REF,   TRUE,  "customer", NULL },
  { "campaign_id",  TD_FIELD_REF,   FALSE, "campaign", NULL },
  { "booking_kind", TD_FIELD_TEXT,  TRUE,  NULL, NULL },  /* "stay", … */
  { "booking_id",   TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "price",        TD_FIELD_MONEY, TRUE,  NULL, NULL },  /* before the discount */
  { "discount",     TD_FIELD_MONEY, TRUE,  NULL, NULL },
  { "redeemed_on",  TD_FIELD_DATE,  TRUE,  NULL, NULL },
};

static const TdField loyalty_entry_fields[] = {
  { "customer_id",  TD_FIELD_REF,   TRUE,  "customer", NULL },
  { "points",       TD_FIELD_INT,   TRUE,  NULL, NULL },  /* + earned, - redeemed */
  { "reason",       TD_FIELD_TEXT,  TRUE,  NULL, loyalty_reasons },
  { "booking_kind", TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "booking_id",   TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "amount",       TD_FIELD_MONEY, FALSE, NULL, NULL },  /* spent (earn) or the discount (redeem) */
  { "note",         TD_FIELD_TEXT,  FALSE, NULL, NULL },
};

/* migration 14: analytics */
static const char * const survey_channels[] = {
  "desk", "paper", "phone", "email", "sms", "wechat", "web", "import", NULL
};

static const TdField survey_response_fields[] = {
  { "customer_id",        TD_FIELD_REF,  FALSE, "customer", NULL },
  { "stay_id",            TD_FIELD_REF,  FALSE, "stay", NULL },
  { "booking_id",         TD_FIELD_TEXT, FALSE, NULL, NULL },  /* a tour booking's id */
  { "property_id",        TD_FIELD_REF,  FALSE, "property", NULL },
  { "product",            TD_FIELD_TEXT, FALSE, NULL, NULL },  /* the tour or product, by name */
  { "guide",              TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "nps",                TD_FIELD_INT,  TRUE,  NULL, NULL },  /* 0 to 10 */
  { "rating_service",     TD_FIELD_INT,  FALSE, NULL, NULL },  /* 1 to 5 */
  { "rating_cleanliness", TD_FIELD_INT,  FALSE, NULL, NULL },
  { "rating_guide",       TD_FIELD_INT,  FALSE, NULL, NULL },
  { "rating_value",       TD_FIELD_INT,  FALSE, NULL, NULL },
  { "comment",            TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "answered_at",        TD_FIELD_TEXT, TRUE,  NULL, NULL },  /* UTC ISO 8601 */
  { "channel",            TD_FIELD_TEXT, TRUE,  NULL, survey_channels },
};

/* migration 15: check-in registrations and folios */
static const char * const folio_entry_types[] = { "room", "charge", "payment", "deposit", "refund", NULL };
static const char * const folio_categories[] = {
  "room", "restaurant", "minibar", "laundry", "tickets", "other", NULL
};
static const char * const folio_methods[] = {
  "cash", "bank-card", "wechat-pay", "alipay", "transfer", "agency-account", NULL
};

/* The guest registration a hotel owes the authorities, in the platform's
 * form (td-cloud-kinds.c syncs this kind as it is): receipt and
 * acknowledged_at are set by the platform only. */
static const TdField guest_registration_fields[] = {
  { "property_id",     TD_FIELD_REF,  FALSE, "property", NULL },
  { "customer_id",     TD_FIELD_REF,  FALSE, "customer", NULL },
  { "stay_id",         TD_FIELD_REF,  FALSE, "stay", NULL },
  { "room",            TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "guest_name",      TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "gender",          TD_FIELD_TEXT, FALSE, NULL, genders },
  { "birth_date",      TD_FIELD_DATE, FALSE, NULL, NULL },
  { "nationality",     TD_FIELD_TEXT, TRUE,  NULL, NULL },  /* ISO 3166-1 alpha-3 */
  { "id_type",         TD_FIELD_TEXT, TRUE,  NULL, id_types },
  { "id_number",       TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "check_in",        TD_FIELD_DATE, TRUE,  NULL, NULL },
  { "check_out",       TD_FIELD_DATE, FALSE, NULL, NULL },
  { "address",         TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "receipt",         TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "acknowledged_at", TD_FIELD_TEXT, FALSE, NULL, NULL },
};

static const TdField folio_fields[] = {
  { "stay_id",          TD_FIELD_REF,   TRUE,  "stay", NULL },
  { "number",           TD_FIELD_INT,   TRUE,  NULL, NULL },  /* 1: the stay's main folio */
  { "label",            TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "customer_id",      TD_FIELD_REF,   FALSE, "customer", NULL },  /* who pays it */
  { "currency",         TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "override_by",      TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* the manager who let it leave open */
  { "override_reason",  TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "override_at",      TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "override_balance", TD_FIELD_MONEY, FALSE, NULL, NULL },
};

static const TdField folio_entry_fields[] = {
  { "folio_id",    TD_FIELD_REF,   TRUE,  "folio", NULL },
  { "stay_id",     TD_FIELD_REF,   TRUE,  "stay", NULL },
  { "type",        TD_FIELD_TEXT,  TRUE,  NULL, folio_entry_types },
  { "category",    TD_FIELD_TEXT,  FALSE, NULL, folio_categories },
  { "method",      TD_FIELD_TEXT,  FALSE, NULL, folio_methods },
  { "amount",      TD_FIELD_MONEY, TRUE,  NULL, NULL },  /* positive; the type gives the sign */
  { "night",       TD_FIELD_DATE,  FALSE, NULL, NULL },  /* room nights only */
  { "description", TD_FIELD_TEXT,  FALSE, NULL, NULL },
  { "reference",   TD_FIELD_TEXT,  FALSE, NULL, NULL },  /* a card slip, a transaction number */
  { "posted_at",   TD_FIELD_TEXT,  TRUE,  NULL, NULL },
  { "posted_by",   TD_FIELD_TEXT,  FALSE, NULL, NULL },
};

static const char * const feed_statuses[] = { "held", "conflict", "released", NULL };

/* an event of an OTA's calendar feed, by room, feed and UID */
static const TdField feed_event_fields[] = {
  { "room_id",          TD_FIELD_REF,  TRUE,  "room", NULL },
  { "feed",             TD_FIELD_TEXT, TRUE,  NULL, NULL },  /* "Airbnb", "Booking.com"… */
  { "uid",              TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "summary",          TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "description",      TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "start_date",       TD_FIELD_DATE, TRUE,  NULL, NULL },
  { "end_date",         TD_FIELD_DATE, TRUE,  NULL, NULL },  /* exclusive */
  { "status",           TD_FIELD_TEXT, TRUE,  NULL, feed_statuses },
  { "out_of_order_id",  TD_FIELD_REF,  FALSE, "out_of_order", NULL },  /* held: the period holding the room */
  { "conflict",         TD_FIELD_TEXT, FALSE, NULL, NULL },  /* conflict: what has the room */
  { "conflict_stay_id", TD_FIELD_REF,  FALSE, "stay", NULL },
  { "seen_at",          TD_FIELD_TEXT, TRUE,  NULL, NULL },  /* the last import that had it */
};

static const TdKind kinds[] = {
  { "organisation", N_("Organisations"), "organisations", organisation_fields, N (organisation_fields) },
  { "property", N_("Hotels"),     "properties",    property_fields,     N (property_fields) },
  { "room_type", N_("Room types"),    "room_types",    room_type_fields,    N (room_type_fields) },
  { "room", N_("Rooms"),         "rooms",         room_fields,         N (room_fields) },
  { "customer", N_("Customers"),     "customers",     customer_fields,     N (customer_fields) },
  { "poi", N_("Places"),          "pois",          poi_fields,          N (poi_fields) },
  { "customer_document", N_("Identity documents"), "customer_documents", customer_document_fields, N (customer_document_fields) },
  { "customer_note", N_("Customer notes"), "customer_notes", customer_note_fields, N (customer_note_fields) },
  { "out_of_order", N_("Out-of-order periods"), "out_of_order_periods", out_of_order_fields, N (out_of_order_fields) },
  { "rate_plan", N_("Rate plans"), "rate_plans", rate_plan_fields, N (rate_plan_fields) },
  { "rate_season", N_("Rate seasons"), "rate_seasons", rate_season_fields, N (rate_season_fields) },
  { "rate_restriction", N_("Stay restrictions"), "rate_restrictions", rate_restriction_fields, N (rate_restriction_fields) },
  { "tax_fee", N_("Taxes and fees"), "taxes_fees", tax_fee_fields, N (tax_fee_fields) },
  { "reservation", N_("Reservations"), "reservations", reservation_fields, N (reservation_fields) },
  { "group_block", N_("Group blocks"), "group_blocks", group_block_fields, N (group_block_fields) },
  { "stay", N_("Stays"), "stays", stay_fields, N (stay_fields) },
  { "attraction_slot", N_("Attraction time slots"), "attraction_slots", attraction_slot_fields, N (attraction_slot_fields) },
  { "ticket_type", N_("Ticket types"), "ticket_types", ticket_type_fields, N (ticket_type_fields) },
  { "ticket", N_("Tickets"), "tickets", ticket_fields, N (ticket_fields) },
  { "ticket_key", N_("Ticket signing keys"), "ticket_keys", ticket_key_fields, N (ticket_key_fields) },
  { "tour_product", N_("Tour products"), "tour_products", tour_product_fields, N (tour_product_fields) },
  { "tour_item", N_("Itinerary items"), "tour_items", tour_item_fields, N (tour_item_fields) },
  { "tour_surcharge", N_("Date surcharges"), "tour_surcharges", tour_surcharge_fields, N (tour_surcharge_fields) },
  { "tour_departure", N_("Departures"), "tour_departures", tour_departure_fields, N (tour_departure_fields) },
  { "tour_booking", N_("Tour bookings"), "tour_bookings", tour_booking_fields, N (tour_booking_fields) },
  { "tour_participant", N_("Participants"), "tour_participants", tour_participant_fields, N (tour_participant_fields) },
  { "tour_payment_due", N_("Payments due"), "tour_payments_due", tour_payment_due_fields, N (tour_payment_due_fields) },
  { "tour_payment", N_("Tour payments"), "tour_payments", tour_payment_fields, N (tour_payment_fields) },
  { "tour_waitlist", N_("Waiting list"), "tour_waitlist", tour_waitlist_fields, N (tour_waitlist_fields) },
  { "complaint", N_("Complaints"), "complaints", complaint_fields, N (complaint_fields) },
  { "complaint_note", N_("Complaint notes"), "complaint_notes", complaint_note_fields, N (complaint_note_fields) },
  { "segment", N_("Segments"), "segments", segment_fields, N (segment_fields) },
  { "coupon", N_("Coupons"), "coupons", coupon_fields, N (coupon_fields) },
  { "campaign", N_("Campaigns"), "campaigns", campaign_fields, N (campaign_fields) },
  { "campaign_recipient", N_("Campaign recipients"), "campaign_recipients", campaign_recipient_fields, N (campaign_recipient_fields) },
  { "coupon_redemption", N_("Coupon redemptions"), "coupon_redemptions", coupon_redemption_fields, N (coupon_redemption_fields) },
  { "loyalty_entry", N_("Loyalty points"), "loyalty_entries", loyalty_entry_fields, N (loyalty_entry_fields) },
  { "survey_response", N_("Survey responses"), "survey_responses", survey_response_fields, N (survey_response_fields) },
  { "guest_registration", N_("Guest registrations"), "guest_registrations", guest_registration_fields, N (guest_registration_fields) },
  { "folio", N_("Folios"), "folios", folio_fields, N (folio_fields) },
  { "folio_entry", N_("Folio entries"), "folio_entries", folio_entry_fields, N (folio_entry_fields) },
  { "feed_event", N_("Calendar feed events"), "feed_events", feed_event_fields, N (feed_event_fields) },
};

const TdKind *
td_kind_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < N (kinds); i++)
    if (strcmp (kinds[i].name, name) == 0)
      return &kinds[i];
  return NULL;
}

const TdKind * const *
td_kind_all (guint *n_kinds)
{
  static const TdKind *all[N (kinds) + 1];

  if (all[0] == NULL)
    for (guint i = 0; i < N (kinds); i++)
      all[i] = &kinds[i];
  if (n_kinds)
    *n_kinds = N (kinds);
  return all;
}

const TdField *
td_kind_get_field (const TdKind *kind,
                   const char   *field)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].name, field) == 0)
      return &kind->fields[i];
  return NULL;
}

static const char *
field_type_name (TdFieldType type)
{
  switch (type)
    {
    case TD_FIELD_TEXT: return _("text");
    case TD_FIELD_INT: return _("a whole number");
    case TD_FIELD_BOOL: return _("yes or no");
    case TD_FIELD_REAL: return _("a number");
    case TD_FIELD_DATE: return _("a date (YYYY-MM-DD)");
    case TD_FIELD_MONEY: return _("an amount of money");
    case TD_FIELD_REF: return _("a record id");
    case TD_FIELD_BLOB: return _("binary data");
    default: return "?";
    }
}

static gboolean
holds_string (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
td_field_check_value (const TdKind   *kind,
                      const TdField  *field,
                      JsonNode       *node,
                      GError        **error)
{
  GType vtype = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (field->required)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("%s: “%s” needs a value"), _(kind->title), field->name);
          return FALSE;
        }
      return TRUE;
    }

  switch (field->type)
    {
    case TD_FIELD_TEXT:
    case TD_FIELD_DATE:
    case TD_FIELD_REF:
    case TD_FIELD_BLOB:
      if (vtype != G_TYPE_STRING)
        goto wrong_type;
      break;
    case TD_FIELD_INT:
      if (vtype != G_TYPE_INT64)
        goto wrong_type;
      break;
    case TD_FIELD_BOOL:
      if (vtype != G_TYPE_BOOLEAN)
        goto wrong_type;
      break;
    case TD_FIELD_REAL:
      if (vtype != G_TYPE_DOUBLE && vtype != G_TYPE_INT64)
        goto wrong_type;
      if (!isfinite (json_node_get_double (node)))
        goto wrong_type;
      break;
    case TD_FIELD_MONEY:
      {
        JsonObject *money;
        JsonNode *minor, *currency;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          goto wrong_type;
        money = json_node_get_object (node);
        minor = json_object_get_member (money, "minor");
        currency = json_object_get_member (money, "currency");
        if (minor == NULL || !JSON_NODE_HOLDS_VALUE (minor)
            || json_node_get_value_type (minor) != G_TYPE_INT64
            || !holds_string (currency)
            || !td_currency_is_valid (json_node_get_string (currency)))
          {
            g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                         _("“%s” needs an amount in minor units and an ISO 4217 currency code"),
                         field->name);
            return FALSE;
          }
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }

  if (field->type == TD_FIELD_TEXT)
    {
      const char *text = json_node_get_string (node);

      if (!g_utf8_validate (text, -1, NULL))
        goto wrong_type;
      if (field->required && *text == '\0')
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("%s: “%s” needs a value"), _(kind->title), field->name);
          return FALSE;
        }
      if (field->choices && !g_strv_contains ((const char * const *) field->choices, text))
        {
          g_autofree char *allowed = g_strjoinv (", ", (char **) field->choices);

          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
                       _("“%s” is not a valid %s (allowed: %s)"), text, field->name, allowed);
          return FALSE;
        }
    }
  else if (field->type == TD_FIELD_DATE)
    {
      if (!td_date_parse_iso (json_node_get_string (node), NULL, error))
        return FALSE;
    }

  return TRUE;

wrong_type:
  g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_INVALID,
               _("%s: “%s” must be %s"), _(kind->title), field->name, field_type_name (field->type));
  return FALSE;
}
