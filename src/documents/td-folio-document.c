/* td-folio-document.c: the front desk's printed papers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-core.h"
#include "td-folio-document.h"

static char *
format_minor (gint64      minor,
              const char *currency)
{
  TdMoney money = { 0 };

  td_money_init (&money, minor, currency, NULL);
  return td_money_format (&money);
}

static const char *
text_or_dash (const char *text)
{
  return text && *text ? text : "—";
}

static TdDocument *
new_document (TdDatabase  *db,
              const char  *title,
              GError     **error)
{
  g_autoptr(TdDocument) doc = td_document_new (title);

  if (!td_document_set_header_from_workspace (doc, db, error))
    return NULL;
  td_document_add_heading (doc, title);
  return g_steal_pointer (&doc);
}

/* room, guest, dates: what every paper of a stay starts with */
static void
add_stay_fields (TdDocument   *doc,
                 const TdStay *stay)
{
  g_autofree char *arrival = td_date_format_iso (stay->dates.start);
  g_autofree char *departure = td_date_format_iso (stay->dates.end);
  g_autofree char *nights = g_strdup_printf ("%u", td_date_range_get_nights (&stay->dates));
  g_autofree char *room = g_strdup_printf ("%s · %s", text_or_dash (stay->room_number),
                                           text_or_dash (stay->room_type_name));
  const char *fields[] = {
    _("Hotel"), text_or_dash (stay->property_name),
    _("Room"), room,
    _("Guest"), text_or_dash (stay->guest_name),
    _("Arrival"), arrival,
    _("Departure"), departure,
    _("Nights"), nights,
    _("Stay"), stay->id,
    NULL,
  };

  td_document_add_fields (doc, fields);
}

static char *
describe_entry (const TdFolioEntry *e)
{
  switch (e->type)
    {
    case TD_FOLIO_ENTRY_ROOM:
      return g_strdup (td_folio_entry_type_get_title (e->type));
    case TD_FOLIO_ENTRY_CHARGE:
      if (e->description && *e->description)
        return g_strdup_printf ("%s · %s", td_folio_category_get_title (e->category), e->description);
      return g_strdup (td_folio_category_get_title (e->category));
    case TD_FOLIO_ENTRY_PAYMENT:
    case TD_FOLIO_ENTRY_DEPOSIT:
    case TD_FOLIO_ENTRY_REFUND:
      return g_strdup_printf ("%s · %s", td_folio_entry_type_get_title (e->type),
                              td_payment_method_get_title (e->method));
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
add_folio (TdDocument          *doc,
           const TdStayAccount *account,
           const TdFolio       *folio,
           const char          *time_zone)
{
  static const TdDocumentAlign align[] = {
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START,
    TD_DOCUMENT_ALIGN_END, TD_DOCUMENT_ALIGN_END,
  };
  static const double widths[] = { 1.1, 2.6, 1.4, 1.2, 1.2 };
  const char *headers[] = { _("Date"), _("Description"), _("Reference"), _("Charges"), _("Payments") };
  const char *currency = account->stay->total.currency;
  g_autofree char *charges = format_minor (folio->charges.minor, currency);
  g_autofree char *paid = format_minor (folio->paid.minor, currency);
  g_autofree char *balance = format_minor (folio->balance.minor, currency);
  g_autoptr(GString) title = g_string_new (NULL);

  g_string_printf (title, _("Folio %u"), folio->number);
  if (folio->label)
    g_string_append_printf (title, " · %s", folio->label);
  if (folio->customer_name)
    g_string_append_printf (title, " · %s", folio->customer_name);
  td_document_add_subheading (doc, title->str);
  td_document_begin_table (doc, 5, headers, align, widths);
  for (guint i = 0; i < folio->entries->len; i++)
    {
      TdFolioEntry *e = g_ptr_array_index (folio->entries, i);
      g_autofree char *day = td_date_format_iso (e->day);
      g_autofree char *what = describe_entry (e);
      gint64 signed_minor = td_folio_entry_signed (e);
      g_autofree char *amount = format_minor (ABS (signed_minor), currency);
      g_autofree char *refund = e->type == TD_FOLIO_ENTRY_REFUND ? format_minor (-e->amount.minor, currency) : NULL;
      const char *cells[5];

      cells[0] = day;
      cells[1] = what;
      cells[2] = e->reference ? e->reference : "";
      /* a refund is money given back: a negative payment */
      cells[3] = signed_minor > 0 && e->type != TD_FOLIO_ENTRY_REFUND ? amount : "";
      cells[4] = e->type == TD_FOLIO_ENTRY_REFUND ? refund : signed_minor < 0 ? amount : "";
      td_document_add_row (doc, cells);
    }
  {
    const char *total[] = { "", _("Total"), "", charges, paid };

    td_document_add_table_total (doc, total);
  }
  td_document_end_table (doc);
  {
    const char *fields[] = { _("Balance"), balance, NULL };

    td_document_add_fields (doc, fields);
  }
  if (folio->override_by)
    {
      g_autofree char *at = folio->override_at ? td_timestamp_format_local (folio->override_at, time_zone) : NULL;
      g_autofree char *note = g_strdup_printf (_("Checked out with this balance open, allowed by %s: %s (%s)"),
                                               folio->override_by, text_or_dash (folio->override_reason),
                                               text_or_dash (at));

      td_document_add_note (doc, note);
    }
}

TdDocument *
td_folio_document_new (TdDatabase  *db,
                       const char  *stay_id,
                       guint        folio,
                       GError     **error)
{
  g_autoptr(TdStayAccount) account = NULL;
  g_autoptr(TdDocument) doc = NULL;
  g_autofree char *time_zone = NULL;
  const char *currency;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  time_zone = td_database_dup_setting (db, TD_SETTING_TIME_ZONE);
  account = td_stay_account_get (db, stay_id, error);
  if (account == NULL)
    return NULL;
  if (folio && td_stay_account_get_folio (account, folio) == NULL)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("The stay has no folio %u"), folio);
      return NULL;
    }
  currency = account->stay->total.currency;
  doc = new_document (db, _("Guest folio"), error);
  if (doc == NULL)
    return NULL;
  add_stay_fields (doc, account->stay);
  if (account->folios->len == 0)
    td_document_add_paragraph (doc, _("Nothing has been posted to this stay yet."));
  for (guint i = 0; i < account->folios->len; i++)
    {
      TdFolio *f = g_ptr_array_index (account->folios, i);

      if (folio == 0 || f->number == folio)
        add_folio (doc, account, f, time_zone);
    }
  if (folio == 0 && account->folios->len > 1)
    {
      g_autofree char *balance = format_minor (account->balance.minor, currency);
      const char *fields[] = { _("Balance of all folios"), balance, NULL };

      td_document_add_fields (doc, fields);
    }
  if (account->n_unposted > 0)
    {
      g_autofree char *unposted = format_minor (account->unposted.minor, currency);
      g_autofree char *note = g_strdup_printf (ngettext ("%u night still to be posted: %s.",
                                                         "%u nights still to be posted: %s.", account->n_unposted),
                                               account->n_unposted, unposted);

      td_document_add_note (doc, note);
    }
  td_document_add_space (doc, 24);
  {
    const char *labels[] = { _("Guest signature"), _("Front desk"), NULL };

    td_document_add_signatures (doc, labels);
  }
  return g_steal_pointer (&doc);
}

/* ------------------------------------------------------------------ */

TdDocument *
td_receipt_document_new (TdDatabase  *db,
                         const char  *stay_id,
                         guint        folio,
                         GError     **error)
{
  static const TdDocumentAlign align[] = { TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_END };
  static const double widths[] = { 3, 1 };
  g_autoptr(TdStayAccount) account = NULL;
  g_autoptr(TdDocument) doc = NULL;
  /* category or method → gint64* in minor units */
  g_autoptr(GHashTable) by_category = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) by_method = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char * const *categories = td_folio_categories ();
  const char * const *methods = td_payment_methods ();
  gint64 charged = 0, paid = 0;
  const char *currency;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  account = td_stay_account_get (db, stay_id, error);
  if (account == NULL)
    return NULL;
  if (folio && td_stay_account_get_folio (account, folio) == NULL)
    {
      g_set_error (error, TD_DESK_ERROR, TD_DESK_ERROR_NOT_FOUND, _("The stay has no folio %u"), folio);
      return NULL;
    }
  currency = account->stay->total.currency;
  for (guint i = 0; i < account->folios->len; i++)
    {
      TdFolio *f = g_ptr_array_index (account->folios, i);

      if (folio && f->number != folio)
        continue;
      for (guint j = 0; j < f->entries->len; j++)
        {
          TdFolioEntry *e = g_ptr_array_index (f->entries, j);
          GHashTable *table = e->type == TD_FOLIO_ENTRY_ROOM || e->type == TD_FOLIO_ENTRY_CHARGE ? by_category : by_method;
          const char *key = e->type == TD_FOLIO_ENTRY_ROOM ? "room"
                          : e->type == TD_FOLIO_ENTRY_CHARGE ? e->category : e->method;
          gint64 amount = e->type == TD_FOLIO_ENTRY_REFUND ? -e->amount.minor : e->amount.minor;
          gint64 *slot = g_hash_table_lookup (table, key);

          if (slot == NULL)
            {
              slot = g_new0 (gint64, 1);
              g_hash_table_insert (table, (gpointer) key, slot);
            }
          *slot += amount;
          if (table == by_category)
            charged += amount;
          else
            paid += amount;
        }
    }

  doc = new_document (db, _("Receipt"), error);
  if (doc == NULL)
    return NULL;
  add_stay_fields (doc, account->stay);
  {
    const char *headers[] = { _("Charged"), _("Amount") };

    td_document_begin_table (doc, 2, headers, align, widths);
    for (guint i = 0; categories[i]; i++)
      {
        gint64 *slot = g_hash_table_lookup (by_category, categories[i]);
        g_autofree char *amount = slot ? format_minor (*slot, currency) : NULL;
        const char *cells[] = { td_folio_category_get_title (categories[i]), amount };

        if (slot)
          td_document_add_row (doc, cells);
      }
    {
      g_autofree char *total = format_minor (charged, currency);
      const char *cells[] = { _("Total charged"), total };

      td_document_add_table_total (doc, cells);
    }
    td_document_end_table (doc);
  }
  {
    const char *headers[] = { _("Paid"), _("Amount") };

    td_document_begin_table (doc, 2, headers, align, widths);
    for (guint i = 0; methods[i]; i++)
      {
        gint64 *slot = g_hash_table_lookup (by_method, methods[i]);
        g_autofree char *amount = slot ? format_minor (*slot, currency) : NULL;
        const char *cells[] = { td_payment_method_get_title (methods[i]), amount };

        if (slot)
          td_document_add_row (doc, cells);
      }
    {
      g_autofree char *total = format_minor (paid, currency);
      const char *cells[] = { _("Total paid"), total };

      td_document_add_table_total (doc, cells);
    }
    td_document_end_table (doc);
  }
  {
    g_autofree char *balance = format_minor (charged - paid, currency);
    const char *fields[] = { _("Balance"), balance, NULL };

    td_document_add_fields (doc, fields);
  }
  td_document_add_note (doc, _("This receipt is not a VAT invoice (fapiao): ask the front desk for one."));
  return g_steal_pointer (&doc);
}

/* ------------------------------------------------------------------ */

static const char *
id_type_title (const char *id_type)
{
  if (g_strcmp0 (id_type, "resident-id") == 0)
    return _("Resident identity card");
  if (g_strcmp0 (id_type, "passport") == 0)
    return _("PRC passport");
  if (g_strcmp0 (id_type, "hk-macao-permit") == 0)
    return _("Hong Kong and Macao permit");
  if (g_strcmp0 (id_type, "taiwan-permit") == 0)
    return _("Taiwan permit");
  if (g_strcmp0 (id_type, "foreign-passport") == 0)
    return _("Foreign passport");
  return _("Other document");
}

static const char *
gender_title (const char *gender)
{
  if (g_strcmp0 (gender, "female") == 0)
    return C_("gender", "Female");
  if (g_strcmp0 (gender, "male") == 0)
    return C_("gender", "Male");
  if (g_strcmp0 (gender, "other") == 0)
    return C_("gender", "Other");
  return "—";
}

TdDocument *
td_registration_card_document_new (TdDatabase  *db,
                                   const char  *stay_id,
                                   GError     **error)
{
  static const TdDocumentAlign align[] = {
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START,
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START,
  };
  static const double widths[] = { 1.3, 0.7, 1.1, 1.1, 1.6, 2.1 };
  const char *headers[] = { _("Name"), _("Gender"), _("Born"), _("Nationality"), _("Document"), _("Number") };
  g_autoptr(TdStay) stay = NULL;
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(TdDocument) doc = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stay = td_stay_get (db, stay_id, error);
  if (stay == NULL)
    return NULL;
  registrations = td_registrations_list (db, stay_id, error);
  if (registrations == NULL)
    return NULL;
  doc = new_document (db, _("Registration card"), error);
  if (doc == NULL)
    return NULL;
  add_stay_fields (doc, stay);
  {
    g_autofree char *adults = g_strdup_printf (ngettext ("%u adult", "%u adults", stay->adults), stay->adults);
    g_autofree char *children = g_strdup_printf (ngettext ("%u child", "%u children", stay->children), stay->children);
    /* Translators: “2 adults, 1 child” */
    g_autofree char *guests = g_strdup_printf (_("%s, %s"), adults, children);
    g_autofree char *rate = stay->nightly->len ? format_minor (g_array_index (stay->nightly, gint64, 0),
                                                               stay->total.currency) : NULL;
    g_autofree char *total = td_money_format (&stay->total);
    const char *fields[] = {
      _("Guests"), guests,
      _("First night"), text_or_dash (rate),
      _("Room total"), total,
      NULL,
    };

    td_document_add_fields (doc, fields);
  }
  td_document_add_subheading (doc, _("Registered guests"));
  if (registrations->len == 0)
    td_document_add_paragraph (doc, _("No guest has been registered yet: the guests are registered at check-in."));
  else
    {
      td_document_begin_table (doc, 6, headers, align, widths);
      for (guint i = 0; i < registrations->len; i++)
        {
          TdRegistration *r = g_ptr_array_index (registrations, i);
          const char *cells[] = {
            r->guest_name, gender_title (r->gender), text_or_dash (r->birth_date), r->nationality,
            id_type_title (r->id_type), r->id_number,
          };

          td_document_add_row (doc, cells);
        }
      td_document_end_table (doc);
    }
  td_document_add_note (doc, _("The guests' details are reported to the public security authorities as the law requires. "
                               "Please keep valuables in the safe; the hotel is not liable for valuables left in the room. "
                               "Check-out is at 12:00."));
  td_document_add_space (doc, 24);
  {
    const char *labels[] = { _("Guest signature"), _("Front desk"), NULL };

    td_document_add_signatures (doc, labels);
  }
  return g_steal_pointer (&doc);
}

/* ------------------------------------------------------------------ */

TdDocument *
td_housekeeping_document_new (TdDatabase        *db,
                              const char        *property_id,
                              guint32            day,
                              const TdDeskTime  *when,
                              GError           **error)
{
  static const TdDocumentAlign align[] = {
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START,
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START,
  };
  static const double widths[] = { 0.8, 0.8, 1.1, 2.2, 2.4, 1.0 };
  const char *headers[] = { _("Room"), _("Type"), _("State"), _("To do"), _("Guest / reason"), _("Done") };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TdDocument) doc = NULL;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  TdDeskTime storage;
  guint n_to_clean = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  when = td_desk_time_or_now (when, db, &storage);
  if (day == 0)
    day = when->today;
  rows = td_housekeeping_list (db, property_id, day, when, error);
  if (rows == NULL)
    return NULL;
  date = td_date_format_iso (day);
  /* Translators: the housekeeping list's title: the date */
  title = g_strdup_printf (_("Housekeeping list, %s"), date);
  doc = new_document (db, title, error);
  if (doc == NULL)
    return NULL;
  td_document_begin_table (doc, 6, headers, align, widths);
  for (guint i = 0; i < rows->len; i++)
    {
      TdHousekeepingRow *row = g_ptr_array_index (rows, i);
      const char *todo;
      const char *cells[6];

      if (row->out_of_order)
        todo = _("Out of order");
      else if (row->departure && row->arrival)
        todo = _("Departure, then arrival: clean first");
      else if (row->departure)
        todo = _("Departure: clean");
      else if (row->arrival)
        todo = row->state == TD_HOUSEKEEPING_DIRTY ? _("Arrival: clean now") : _("Arrival: check ready");
      else if (row->occupied)
        todo = _("Occupied: service");
      else
        todo = row->state == TD_HOUSEKEEPING_DIRTY ? _("Vacant: clean") : _("Vacant");
      if (row->departure || (!row->occupied && row->state == TD_HOUSEKEEPING_DIRTY))
        n_to_clean++;
      cells[0] = row->number;
      cells[1] = text_or_dash (row->room_type_code);
      cells[2] = td_housekeeping_get_title (row->state);
      cells[3] = todo;
      cells[4] = row->guest ? row->guest : "";
      cells[5] = "☐";
      td_document_add_row (doc, cells);
    }
  td_document_end_table (doc);
  {
    g_autofree char *summary = g_strdup_printf (ngettext ("%u room, %u to clean.", "%u rooms, %u to clean.", rows->len),
                                                rows->len, n_to_clean);

    td_document_add_note (doc, summary);
  }
  {
    const char *labels[] = { _("Housekeeper"), _("Supervisor"), NULL };

    td_document_add_space (doc, 24);
    td_document_add_signatures (doc, labels);
  }
  return g_steal_pointer (&doc);
}
