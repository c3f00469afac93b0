/* td-contract-document.c: the travel contract of a tour booking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-contract-document.h"
#include "td-core.h"

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

static void
add_parties (TdDocument    *doc,
             TdDatabase    *db,
             TdTourBooking *booking,
             GError       **error)
{
  g_autoptr(JsonObject) lead = td_database_get_record (db, "customer", booking->lead_customer_id, NULL);
  g_autofree char *org_id = td_database_dup_setting (db, TD_SETTING_DEFAULT_ORG);
  g_autoptr(JsonObject) org = org_id ? td_database_get_record (db, "organisation", org_id, NULL) : NULL;
  const char *name = lead ? json_object_get_string_member_with_default (lead, "name", "") : booking->lead_name;
  const char *phone = lead ? json_object_get_string_member_with_default (lead, "phone", "") : "";
  const char *id_number = lead ? json_object_get_string_member_with_default (lead, "id_number", "") : "";
  const char *traveller[] = {
    _("Traveller (lead)"), name,
    _("Identity document"), id_number,
    _("Phone"), phone,
    NULL,
  };
  const char *agency[] = {
    _("Travel agency"), org ? json_object_get_string_member_with_default (org, "name", "") : "",
    _("Address"), org ? json_object_get_string_member_with_default (org, "address", "") : "",
    _("Licence / tax ID"), org ? json_object_get_string_member_with_default (org, "tax_id", "") : "",
    _("Phone"), org ? json_object_get_string_member_with_default (org, "phone", "") : "",
    NULL,
  };

  td_document_add_subheading (doc, _("1. The parties"));
  td_document_add_fields (doc, traveller);
  td_document_add_fields (doc, agency);
  if (booking->sub_agent_name)
    {
      const char *agent[] = { _("Sold by the sub-agent"), booking->sub_agent_name, NULL };

      td_document_add_fields (doc, agent);
    }
}

static gboolean
add_trip (TdDocument    *doc,
          TdDatabase    *db,
          TdTourBooking *booking,
          TdTourProduct *product,
          GError       **error)
{
  g_autoptr(TdDeparture) departure = td_departure_get (db, booking->departure_id, error);
  g_autoptr(GPtrArray) participants = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *days = NULL;
  static const TdDocumentAlign align[] = {
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_END,
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_END,
  };
  static const double widths[] = { 3, 1.5, 1, 1, 2 };
  const char *headers[] = { _("Participant"), _("Type"), _("Seat"), _("Room"), _("Price") };

  if (departure == NULL)
    return FALSE;
  participants = td_tour_participants_list (db, booking->id, error);
  if (participants == NULL)
    return FALSE;
  start = td_date_format_iso (departure->start);
  end = td_date_format_iso (departure->end - 1);
  days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", product->days), product->days);
  {
    const char *fields[] = {
      _("Tour"), product->name,
      _("Tour code"), product->code,
      _("Departure"), start,
      _("Return"), end,
      _("Duration"), days,
      _("Guide"), text_or_dash (departure->guide),
      _("Vehicle"), text_or_dash (departure->vehicle),
      NULL,
    };

    td_document_add_subheading (doc, _("2. The trip"));
    td_document_add_fields (doc, fields);
  }
  td_document_begin_table (doc, 5, headers, align, widths);
  for (guint i = 0; i < participants->len; i++)
    {
      TdTourParticipant *p = g_ptr_array_index (participants, i);
      g_autofree char *seat = p->seat ? g_strdup_printf ("%u", p->seat) : g_strdup ("—");
      g_autofree char *price = td_money_format (&p->price);
      const char *cells[] = { p->name, td_pax_type_get_title (p->type), seat, text_or_dash (p->room), price };

      if (p->active)
        td_document_add_row (doc, cells);
    }
  td_document_end_table (doc);
  return TRUE;
}

static gboolean
add_itinerary (TdDocument    *doc,
               TdDatabase    *db,
               TdTourProduct *product,
               GError       **error)
{
  g_autoptr(GPtrArray) items = td_tour_items_list (db, product->id, error);
  static const TdDocumentAlign align[] = {
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START,
  };
  static const double widths[] = { 1, 1.5, 3, 3 };
  const char *headers[] = { _("Day"), _("What"), _("Service"), _("Notes") };

  if (items == NULL)
    return FALSE;
  td_document_add_subheading (doc, _("3. Itinerary"));
  if (items->len > 0)
    {
      td_document_begin_table (doc, 4, headers, align, widths);
      for (guint i = 0; i < items->len; i++)
        {
          TdTourItem *item = g_ptr_array_index (items, i);
          g_autofree char *day = g_strdup_printf (_("Day %u"), item->day);
          const char *cells[] = { day, td_tour_item_type_get_title (item->type), item->title, text_or_dash (item->notes) };

          td_document_add_row (doc, cells);
        }
      td_document_end_table (doc);
    }
  else
    td_document_add_paragraph (doc, _("The itinerary is attached."));
  {
    const char *fields[] = {
      _("Included"), text_or_dash (product->included),
      _("Not included"), text_or_dash (product->excluded),
      NULL,
    };

    td_document_add_fields (doc, fields);
  }
  return TRUE;
}

static void
add_price (TdDocument    *doc,
           TdTourBooking *booking)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  static const TdDocumentAlign align[] = {
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_END,
    TD_DOCUMENT_ALIGN_END, TD_DOCUMENT_ALIGN_END, TD_DOCUMENT_ALIGN_END,
  };
  static const double widths[] = { 2.5, 1.2, 1.5, 1.5, 1.5, 1.7 };
  const char *headers[] = { _("Participant"), _("Type"), _("Price"), _("Surcharges"), _("Single room"), _("Amount") };
  const char *currency = booking->total.currency;
  g_autofree char *total = td_money_format (&booking->total);

  td_document_add_subheading (doc, _("4. Price"));
  td_document_begin_table (doc, 6, headers, align, widths);
  if (json_parser_load_from_data (parser, booking->price_lines, -1, NULL)
      && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      JsonArray *lines = json_node_get_array (json_parser_get_root (parser));

      for (guint i = 0; i < json_array_get_length (lines); i++)
        {
          JsonObject *line = json_array_get_object_element (lines, i);
          TdPaxType type = TD_PAX_ADULT;
          g_autofree char *base = format_minor (json_object_get_int_member_with_default (line, "base", 0), currency);
          g_autofree char *surcharges = format_minor (json_object_get_int_member_with_default (line, "surcharges", 0), currency);
          g_autofree char *supplement = format_minor (json_object_get_int_member_with_default (line, "supplement", 0), currency);
          g_autofree char *amount = format_minor (json_object_get_int_member_with_default (line, "amount", 0), currency);
          const char *cells[6];

          td_pax_type_from_string (json_object_get_string_member_with_default (line, "type", "adult"), &type);
          cells[0] = json_object_get_string_member_with_default (line, "name", "");
          cells[1] = td_pax_type_get_title (type);
          cells[2] = base;
          cells[3] = surcharges;
          cells[4] = supplement;
          cells[5] = amount;
          td_document_add_row (doc, cells);
        }
    }
  if (booking->has_discount && booking->discount.minor)
    {
      g_autofree char *discount = format_minor (-booking->discount.minor, currency);
      const char *cells[] = { _("Discount"), text_or_dash (booking->discount_reason), "", "", "", discount };

      td_document_add_row (doc, cells);
    }
  {
    const char *cells[] = { _("Total"), "", "", "", "", total };

    td_document_add_table_total (doc, cells);
  }
  td_document_end_table (doc);
}

static gboolean
add_payment_terms (TdDocument    *doc,
                   TdDatabase    *db,
                   TdTourBooking *booking,
                   GError       **error)
{
  g_autoptr(GPtrArray) dues = td_tour_dues_list (db, booking->id, error);
  static const TdDocumentAlign align[] = { TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_END };
  const char *headers[] = { _("Payment"), _("Due by"), _("Amount") };
  g_autofree char *paid = td_money_format (&booking->paid);

  if (dues == NULL)
    return FALSE;
  td_document_add_subheading (doc, _("5. Payment terms"));
  td_document_begin_table (doc, 3, headers, align, NULL);
  for (guint i = 0; i < dues->len; i++)
    {
      TdTourDue *due = g_ptr_array_index (dues, i);
      g_autofree char *date = td_date_format_iso (due->due);
      g_autofree char *amount = td_money_format (&due->amount);
      const char *cells[] = { td_due_kind_get_title (due->kind), date, amount };

      td_document_add_row (doc, cells);
    }
  {
    const char *cells[] = { _("Paid so far"), "", paid };

    td_document_add_table_total (doc, cells);
  }
  td_document_end_table (doc);
  td_document_add_note (doc, _("A booking is confirmed when its deposit is paid. The agency may cancel a "
                               "booking whose balance is not paid by its due date, with the cancellation "
                               "terms below."));
  return TRUE;
}

static void
add_cancellation_terms (TdDocument    *doc,
                        TdTourProduct *product)
{
  g_autoptr(GString) terms = g_string_new (NULL);

  td_document_add_subheading (doc, _("6. Cancellation by the traveller"));
  for (guint i = 0; product->cancel_tiers && i < product->cancel_tiers->len; i++)
    {
      const TdCancelTier *tier = &g_array_index (product->cancel_tiers, TdCancelTier, i);

      if (terms->len)
        g_string_append_c (terms, '\n');
      if (tier->days == 0)
        g_string_append_printf (terms, _("• Up to the day of departure: %u %% of the price"), tier->percent);
      else
        g_string_append_printf (terms,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "• %u day or more before departure: %u %% of the price",
                                             "• %u days or more before departure: %u %% of the price",
                                             tier->days),
                                tier->days, tier->percent);
    }
  if (terms->len)
    g_string_append_c (terms, '\n');
  g_string_append (terms, _("• Later, or a traveller who does not come: the whole price"));
  td_document_add_paragraph (doc, terms->str);
  td_document_add_note (doc, _("The penalty is counted in whole days before the departure date, when the "
                               "agency receives the cancellation. A participant may be replaced by another "
                               "person before departure at no penalty."));
}

static void
add_insurance_and_complaints (TdDocument    *doc,
                              TdDatabase    *db,
                              TdTourProduct *product)
{
  g_autofree char *org_id = td_database_dup_setting (db, TD_SETTING_DEFAULT_ORG);
  g_autoptr(JsonObject) org = org_id ? td_database_get_record (db, "organisation", org_id, NULL) : NULL;
  const char *phone = org ? json_object_get_string_member_with_default (org, "phone", "") : "";
  const char *email = org ? json_object_get_string_member_with_default (org, "email", "") : "";
  g_autofree char *channels = NULL;

  td_document_add_subheading (doc, _("7. Insurance"));
  td_document_add_paragraph (doc, product->insurance && *product->insurance
                                  ? product->insurance
                                  : _("The agency holds travel agency liability insurance. Travel accident "
                                      "insurance is not included; the agency recommends it and can arrange it."));
  td_document_add_subheading (doc, _("8. Complaints"));
  channels = g_strdup_printf (_("Complaints go first to the agency: phone %s, e-mail %s. If they are not "
                                "settled, the traveller may turn to the tourism authorities through the "
                                "national tourism service hotline 12301, or the local hotline 12345."),
                              text_or_dash (phone), text_or_dash (email));
  td_document_add_paragraph (doc, channels);
}

TdDocument *
td_contract_document_new (TdDatabase  *db,
                          const char  *booking_id,
                          GError     **error)
{
  g_autoptr(TdTourBooking) booking = td_tour_booking_get (db, booking_id, error);
  g_autoptr(TdTourProduct) product = NULL;
  g_autoptr(TdDocument) doc = NULL;
  g_autofree char *number = NULL;
  g_autofree char *created = NULL;

  if (booking == NULL)
    return NULL;
  product = td_tour_product_get (db, booking->product_id, error);
  if (product == NULL)
    return NULL;
  doc = td_document_new (_("Travel contract"));
  if (!td_document_set_header_from_workspace (doc, db, error))
    return NULL;
  number = g_ascii_strup (booking->id, 8);
  td_document_add_heading (doc, _("Travel contract"));
  created = g_strndup (booking->created_at ? booking->created_at : "", 10);
  {
    const char *fields[] = {
      _("Contract number"), number,
      _("Booked on"), created,
      _("Booking state"), td_tour_booking_state_get_title (booking->state),
      NULL,
    };

    td_document_add_fields (doc, fields);
  }
  add_parties (doc, db, booking, error);
  if (!add_trip (doc, db, booking, product, error)
      || !add_itinerary (doc, db, product, error))
    return NULL;
  add_price (doc, booking);
  if (!add_payment_terms (doc, db, booking, error))
    return NULL;
  add_cancellation_terms (doc, product);
  add_insurance_and_complaints (doc, db, product);

  td_document_add_subheading (doc, _("9. Signatures"));
  td_document_add_paragraph (doc, _("The traveller signs for every participant named above, having read the "
                                    "itinerary, the price, and the payment and cancellation terms."));
  if (booking->contract_state == TD_CONTRACT_SIGNED)
    {
      g_autofree char *signed_on = td_timestamp_format_local (booking->contract_signed_at, NULL);
      g_autofree char *note = g_strdup_printf (_("Signed: recorded on %s"), signed_on ? signed_on : booking->contract_signed_at);

      td_document_add_note (doc, note);
    }
  {
    const char *labels[] = { _("The traveller"), _("The travel agency (seal)"), NULL };

    td_document_add_space (doc, 12);
    td_document_add_signatures (doc, labels);
  }
  return g_steal_pointer (&doc);
}

char *
td_contract_document_file_name (const char *booking_id)
{
  g_autofree char *short_id = g_strndup (booking_id, 8);

  return g_strdup_printf ("contract-%s.pdf", short_id);
}
