/* td-cloud-kinds.c: the kinds the platform syncs and their conflict rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-cloud-kinds.h"

#define N(a) G_N_ELEMENTS (a)

static const char * const booking_statuses[] = { "pending", "confirmed", "cancelled", NULL };
static const char * const channels[] = { "desk", "phone", "web", "letter", "platform", NULL };
/* the desk's complaint workflow (td-complaints.c), carried by the records */
static const char * const complaint_categories[] = { "service", "price", "safety", "hygiene", "itinerary", "guide",
                                                     "accommodation", "transport", "other", NULL };
static const char * const complaint_severities[] = { "low", "medium", "high", "critical", NULL };
static const char * const complaint_actions[] = { "note", "assign", "state", "outcome", NULL };
static const char * const complaint_states[] = { "new", "assigned", "in_progress", "resolved", "closed", NULL };
static const char * const complaint_outcomes[] = { "refund", "voucher", "apology", "none", NULL };

/* A booking takes capacity from one attraction time slot or one tour
 * departure of the catalogue: the platform confirms it or refuses it. */
static const TdField booking_fields[] = {
  { "slot_id",      TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "departure_id", TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "quantity",     TD_FIELD_INT,  TRUE,  NULL, NULL },
  { "customer_id",  TD_FIELD_REF,  FALSE, "customer", NULL },
  { "notes",        TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "status",       TD_FIELD_TEXT, FALSE, NULL, booking_statuses },
  { "confirmed_at", TD_FIELD_TEXT, FALSE, NULL, NULL },
  { "cancelled_at", TD_FIELD_TEXT, FALSE, NULL, NULL },
};
static const char * const booking_server_fields[] = { "confirmed_at", "cancelled_at", NULL };

/* The hotel's report of a guest to the authorities (guest_registration),
 * acknowledged by the platform with a receipt, is the desk's own kind
 * (td-kind.c): the desk writes it at check-in and syncs it as it is. */
static const char * const registration_server_fields[] = { "receipt", "acknowledged_at", NULL };

static const TdField complaint_fields[] = {
  { "subject",     TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "body",        TD_FIELD_TEXT, TRUE,  NULL, NULL },
  { "channel",     TD_FIELD_TEXT, FALSE, NULL, channels },
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
static const char * const complaint_server_fields[] = { "received_at", NULL };

/* a note, or a step of the workflow (action): an assignment, a new state,
 * the outcome (with its amount for a refund or a voucher) */
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

static const TdKind server_kinds[] = {
  { "booking", N_("Bookings"), NULL, booking_fields, N (booking_fields) },
  { "complaint", N_("Complaints"), NULL, complaint_fields, N (complaint_fields) },
  { "complaint_note", N_("Complaint notes"), NULL, complaint_note_fields, N (complaint_note_fields) },
};

static TdCloudKind *all_kinds;
static const TdCloudKind **all_pointers;
static guint n_all;

static void
init_kinds (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      guint n_core;
      const TdKind * const *core = td_kind_all (&n_core);

      static const TdCloudPolicy server_policies[] = {
        TD_CLOUD_POLICY_CAPACITY, TD_CLOUD_POLICY_APPEND_ONLY, TD_CLOUD_POLICY_APPEND_ONLY,
      };
      const char * const *server_fields[] = {
        booking_server_fields, complaint_server_fields, complaint_server_fields,
      };

      G_STATIC_ASSERT (N (server_policies) == N (server_kinds));
      all_kinds = g_new0 (TdCloudKind, n_core + N (server_kinds));
      all_pointers = g_new0 (const TdCloudKind *, n_core + N (server_kinds) + 1);
      n_all = 0;
      for (guint i = 0; i < n_core; i++)
        {
          /* a kind the desk keeps too (complaints) follows the platform's rule */
          gboolean server = FALSE;

          for (guint k = 0; k < N (server_kinds); k++)
            if (g_str_equal (server_kinds[k].name, core[i]->name))
              server = TRUE;
          if (server)
            continue;
          if (g_str_equal (core[i]->name, "guest_registration"))
            all_kinds[n_all++] = (TdCloudKind) { core[i], TD_CLOUD_POLICY_STRICT, registration_server_fields };
          else
            all_kinds[n_all++] = (TdCloudKind) { core[i], TD_CLOUD_POLICY_MERGE, NULL };
        }
      for (guint k = 0; k < N (server_kinds); k++)
        all_kinds[n_all++] = (TdCloudKind) { &server_kinds[k], server_policies[k], server_fields[k] };
      for (guint i = 0; i < n_all; i++)
        all_pointers[i] = &all_kinds[i];
      g_once_init_leave (&done, 1);
    }
}

const TdCloudKind *
td_cloud_kind_lookup (const char *name)
{
  init_kinds ();
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < n_all; i++)
    if (g_str_equal (all_kinds[i].kind->name, name))
      return &all_kinds[i];
  return NULL;
}

const TdCloudKind * const *
td_cloud_kind_all (guint *n_kinds)
{
  init_kinds ();
  if (n_kinds)
    *n_kinds = n_all;
  return all_pointers;
}

gboolean
td_cloud_kind_is_server_field (const TdCloudKind *kind,
                               const char        *field)
{
  return kind->server_fields && g_strv_contains (kind->server_fields, field);
}

const TdField *
td_cloud_kind_get_field (const TdCloudKind *kind,
                         const char        *field)
{
  return td_kind_get_field (kind->kind, field);
}
