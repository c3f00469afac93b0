/* td-daily-report-document.c: the night audit as a printable document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "td-daily-report-document.h"

static void
add_stays (TdDocument *doc,
           const char *title,
           GPtrArray  *stays)
{
  const char *headers[] = {
    C_("report column", "Hotel"), C_("report column", "Room"), C_("report column", "Guest"),
    C_("report column", "Source"), C_("report column", "State"), C_("report column", "Dates"),
  };
  const TdDocumentAlign align[] = {
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START,
    TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_START,
  };
  const double widths[] = { 2, 0.8, 1.6, 1.8, 1.3, 2.9 };
  g_autofree char *subtitle = g_strdup_printf ("%s (%u)", title, stays->len);

  td_document_add_subheading (doc, subtitle);
  if (stays->len == 0)
    {
      td_document_add_note (doc, _("None."));
      return;
    }
  td_document_begin_table (doc, G_N_ELEMENTS (headers), headers, align, widths);
  for (guint i = 0; i < stays->len; i++)
    {
      TdStay *stay = g_ptr_array_index (stays, i);
      g_autofree char *from = td_date_format_iso (stay->dates.start);
      g_autofree char *to = td_date_format_iso (stay->dates.end);
      g_autofree char *dates = g_strdup_printf ("%s – %s", from, to);
      const char *cells[] = {
        stay->property_name ? stay->property_name : "",
        stay->room_number ? stay->room_number : _("(no room)"),
        stay->guest_name ? stay->guest_name : "",
        td_kpi_source_title (stay->source),
        td_stay_state_get_title (stay->state),
        dates,
      };

      td_document_add_row (doc, cells);
    }
  td_document_end_table (doc);
}

TdDocument *
td_daily_report_document_new (const TdDailyReport *report,
                              const char          *title_scope)
{
  const TdKpiFigures *f = report->figures;
  g_autofree char *date = td_date_format_iso (report->date);
  g_autofree char *title = g_strdup_printf (_("Daily report %s"), date);
  TdDocument *doc = td_document_new (title);
  double occupancy = td_kpi_figures_occupancy (f);
  g_autofree char *occ = isnan (occupancy) ? g_strdup ("") : g_strdup_printf ("%.1f %%", occupancy * 100.0);
  g_autofree char *revenue = td_kpi_format_money (f->revenue, report->currency);
  g_autofree char *adr = td_kpi_format_money (td_kpi_figures_adr (f), report->currency);
  g_autofree char *revpar = td_kpi_format_money (td_kpi_figures_revpar (f), report->currency);
  g_autofree char *arrivals = g_strdup_printf ("%u", report->arrivals->len);
  g_autofree char *departures = g_strdup_printf ("%u", report->departures->len);
  g_autofree char *in_house = g_strdup_printf ("%u", report->in_house->len);
  g_autofree char *no_shows = g_strdup_printf ("%u", report->no_shows->len);
  g_autofree char *n_sold = g_strdup_printf ("%" G_GINT64_FORMAT, f->sold);
  g_autofree char *n_available = g_strdup_printf ("%" G_GINT64_FORMAT, f->available);
  g_autofree char *n_rooms = g_strdup_printf ("%" G_GINT64_FORMAT, f->rooms);
  g_autofree char *n_closed = g_strdup_printf ("%" G_GINT64_FORMAT, f->out_of_order);
  /* TRANSLATORS: room-nights sold, available, the rooms, those out of order */
  g_autofree char *rooms = g_strdup_printf (_("%s sold of %s available (%s rooms, %s out of order)"),
                                            n_sold, n_available, n_rooms, n_closed);
  const char *fields[] = {
    C_("report field", "Hotel"), title_scope,
    _("Date"), date,
    _("Arrivals"), arrivals,
    _("Departures"), departures,
    _("In house"), in_house,
    _("No-shows"), no_shows,
    _("Rooms"), rooms,
    _("Occupancy"), occ,
    _("Room revenue"), revenue,
    _("ADR"), adr,
    _("RevPAR"), revpar,
    NULL,
  };
  const char *headers[] = { C_("report column", "Source"), C_("report column", "Room-nights"), C_("report column", "Revenue") };
  const TdDocumentAlign align[] = { TD_DOCUMENT_ALIGN_START, TD_DOCUMENT_ALIGN_END, TD_DOCUMENT_ALIGN_END };

  td_document_add_heading (doc, title);
  td_document_add_fields (doc, fields);
  td_document_add_subheading (doc, _("Revenue by source"));
  td_document_begin_table (doc, G_N_ELEMENTS (headers), headers, align, NULL);
  for (guint i = 0; i < f->sources->len; i++)
    {
      TdKpiSource *s = g_ptr_array_index (f->sources, i);
      g_autofree char *nights = g_strdup_printf ("%" G_GINT64_FORMAT, s->room_nights);
      g_autofree char *money = td_kpi_format_money (s->revenue, report->currency);
      const char *cells[] = { td_kpi_source_title (s->source), nights, money };

      td_document_add_row (doc, cells);
    }
  {
    g_autofree char *nights = g_strdup_printf ("%" G_GINT64_FORMAT, f->sold);
    const char *cells[] = { _("Total"), nights, revenue };

    td_document_add_table_total (doc, cells);
  }
  td_document_end_table (doc);
  add_stays (doc, _("Arrivals"), report->arrivals);
  add_stays (doc, _("Departures"), report->departures);
  add_stays (doc, _("In house"), report->in_house);
  add_stays (doc, _("No-shows"), report->no_shows);
  td_document_add_space (doc, 18);
  td_document_add_note (doc, _("Occupancy is the room-nights sold (confirmed, checked in or out) divided by the rooms "
                               "less those out of order. ADR is the room revenue per room-night sold; RevPAR the room "
                               "revenue per room-night available."));
  {
    const char *labels[] = { _("Night auditor"), _("Manager"), NULL };

    td_document_add_signatures (doc, labels);
  }
  return doc;
}
