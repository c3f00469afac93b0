/* td-tape-chart-draw.c: the tape chart drawn, in one pass
 *
 * The header of nights, the rows of room types (rooms left each night)
 * and rooms, the bars of stays and out-of-order periods in their state's
 * colour, the cursor and a drag under way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-tape-chart-private.h"

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *rgba)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, rgba))
    gdk_rgba_parse (rgba, fallback);
}

static void
state_color (GtkWidget   *widget,
             TdStayState  state,
             GdkRGBA     *rgba)
{
  switch (state)
    {
    case TD_STAY_TENTATIVE:
      lookup_color (widget, "warning_color", "#c01c28", rgba);
      lookup_color (widget, "yellow_5", "#e5a50a", rgba);
      break;
    case TD_STAY_CONFIRMED:
      lookup_color (widget, "accent_bg_color", "#3584e4", rgba);
      break;
    case TD_STAY_CHECKED_IN:
      lookup_color (widget, "success_bg_color", "#26a269", rgba);
      break;
    case TD_STAY_CHECKED_OUT:
    case TD_STAY_CANCELLED:
    case TD_STAY_NO_SHOW:
    default:
      gdk_rgba_parse (rgba, "#77767b");
      break;
    }
}

static void
fill (GtkSnapshot   *snapshot,
      const GdkRGBA *color,
      float          x,
      float          y,
      float          w,
      float          h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           const char    *text,
           const GdkRGBA *color,
           float          x,
           float          y,
           float          width,
           float          height,
           gboolean       centre)
{
  int tw, th;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, centre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &tw, &th);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (height - (float) th) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static const char *
weekday_name (GDateWeekday weekday)
{
  switch (weekday)
    {
    case G_DATE_MONDAY: return C_("weekday", "Mon");
    case G_DATE_TUESDAY: return C_("weekday", "Tue");
    case G_DATE_WEDNESDAY: return C_("weekday", "Wed");
    case G_DATE_THURSDAY: return C_("weekday", "Thu");
    case G_DATE_FRIDAY: return C_("weekday", "Fri");
    case G_DATE_SATURDAY: return C_("weekday", "Sat");
    case G_DATE_SUNDAY: return C_("weekday", "Sun");
    case G_DATE_BAD_WEEKDAY:
    default: return "";
    }
}

void
_td_tape_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TdTapeChart *self = TD_TAPE_CHART (widget);
  float width = (float) gtk_widget_get_width (widget);
  float height = (float) gtk_widget_get_height (widget);
  double hx = _td_tape_chart_hvalue (self), vy = _td_tape_chart_vvalue (self);
  guint first_row, last_row, first_day, last_day;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg, bg, accent, accent_bg, grid, shade, today_tint, weekend, error_color, on_bar, warning;
  gboolean focus = gtk_widget_has_focus (widget);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "view_bg_color", "#ffffff", &bg);
  lookup_color (widget, "accent_color", "#1c71d8", &accent);
  lookup_color (widget, "accent_bg_color", "#3584e4", &accent_bg);
  lookup_color (widget, "error_color", "#c01c28", &error_color);
  lookup_color (widget, "warning_color", "#9c6e03", &warning);
  on_bar = (GdkRGBA) { 1, 1, 1, 1 };
  grid = fg; grid.alpha = 0.10f;
  shade = fg; shade.alpha = 0.05f;
  weekend = fg; weekend.alpha = 0.03f;
  today_tint = accent; today_tint.alpha = 0.16f;
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  fill (snapshot, &bg, 0, 0, width, height);
  if (self->n_days == 0)
    return;

  first_row = (guint) (vy / ROW_H);
  last_row = MIN (self->rows->len, (guint) ((vy + height - HEAD_H) / ROW_H) + 1);
  first_day = (guint) (hx / DAY_W);
  last_day = MIN (self->n_days, (guint) ((hx + width - NAME_W) / DAY_W) + 1);

  /* the body */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (NAME_W, HEAD_H, width - NAME_W, height - HEAD_H));
  for (guint d = first_day; d < last_day; d++)
    {
      float x = (float) (NAME_W + d * DAY_W - hx);
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, self->start + d);
      if (self->start + d == self->today)
        fill (snapshot, &today_tint, x, HEAD_H, DAY_W, height - HEAD_H);
      else if (g_date_get_weekday (&date) >= G_DATE_SATURDAY)
        fill (snapshot, &weekend, x, HEAD_H, DAY_W, height - HEAD_H);
      fill (snapshot, &grid, x + DAY_W - 1, HEAD_H, 1, height - HEAD_H);
    }
  for (guint r = first_row; r < last_row; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);
      float y = (float) (HEAD_H + r * ROW_H - vy);

      if (row->kind == ROW_TYPE)
        {
          TypeInfo *type = &g_array_index (self->types, TypeInfo, row->type);

          fill (snapshot, &shade, NAME_W, y, width - NAME_W, ROW_H);
          for (guint d = first_day; d < last_day; d++)
            {
              float x = (float) (NAME_W + d * DAY_W - hx);
              g_autofree char *text = g_strdup_printf ("%d", type->left[d]);
              GdkRGBA color = type->left[d] <= 0 ? error_color : fg;

              if (type->blocked[d] > 0)
                {
                  GdkRGBA block = warning;

                  block.alpha = 0.22f;
                  fill (snapshot, &block, x + 1, y + 2, DAY_W - 2, ROW_H - 4);
                }
              if (type->left[d] > 0)
                color.alpha = 0.7f;
              draw_text (snapshot, layout, text, &color, x, y, DAY_W, ROW_H, TRUE);
            }
        }
      else if (row->new_floor)
        fill (snapshot, &grid, NAME_W, y, width - NAME_W, 1);
      fill (snapshot, &grid, NAME_W, y + ROW_H - 1, width - NAME_W, 1);

      if (self->row_first_bar == NULL)
        continue;
      for (guint b = self->row_first_bar[r]; b < self->row_first_bar[r + 1]; b++)
        {
          Bar *bar = &g_array_index (self->bars, Bar, b);
          GdkRectangle rect;
          GskRoundedRect rounded;
          GdkRGBA color;

          if (bar->end <= self->start + first_day || bar->start >= self->start + last_day)
            continue;
          _td_tape_chart_bar_rectangle (self, bar, &rect);
          if (bar->ooo)
            {
              color = error_color;
              color.alpha = 0.25f;
              fill (snapshot, &color, (float) rect.x, (float) rect.y + 1, (float) rect.width, (float) rect.height - 2);
              color.alpha = 1;
              draw_text (snapshot, layout, bar->ooo->reason ? bar->ooo->reason : _("Out of order"),
                         &color, (float) rect.x + 6, (float) rect.y, (float) rect.width - 10, ROW_H, FALSE);
              continue;
            }
          state_color (widget, bar->stay->state, &color);
          /* a stay runs from the afternoon of its arrival to the morning of its departure */
          if (bar->start >= self->start)
            {
              rect.x += DAY_W / 2 - 2;
              rect.width -= DAY_W / 2 - 2;
            }
          if (bar->end <= self->start + self->n_days)
            rect.width += DAY_W / 2 - 4;
          gsk_rounded_rect_init_from_rect (&rounded,
                                           &GRAPHENE_RECT_INIT ((float) rect.x, (float) rect.y + 4,
                                                                (float) rect.width, (float) rect.height - 8),
                                           5);
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          fill (snapshot, &color, (float) rect.x, (float) rect.y, (float) rect.width, (float) rect.height);
          gtk_snapshot_pop (snapshot);
          draw_text (snapshot, layout, bar->stay->guest_name ? bar->stay->guest_name : "",
                     &on_bar, (float) rect.x + 6, (float) rect.y, (float) rect.width - 10, ROW_H, FALSE);
        }
    }

  /* the drag over free nights, and the cursor */
  if (self->selecting)
    {
      GdkRGBA sel = accent;
      guint from = MIN (self->sel_from, self->sel_to), to = MAX (self->sel_from, self->sel_to);

      sel.alpha = 0.35f;
      fill (snapshot, &sel, (float) (NAME_W + (from - self->start) * DAY_W - hx),
            (float) (HEAD_H + self->sel_row * ROW_H - vy), (float) ((to - from + 1) * DAY_W), ROW_H);
    }
  if (self->moving && self->pressed_bar >= 0)
    {
      Bar *bar = &g_array_index (self->bars, Bar, self->pressed_bar);
      GskRoundedRect ghost;
      GdkRGBA tint = accent;
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { accent, accent, accent, accent };
      float x = (float) (NAME_W + ((double) bar->start + self->move_offset - self->start) * DAY_W + DAY_W / 2 - hx);

      tint.alpha = 0.3f;
      gsk_rounded_rect_init_from_rect (&ghost,
                                       &GRAPHENE_RECT_INIT (x, (float) (HEAD_H + self->move_row * ROW_H - vy) + 3,
                                                            (float) ((bar->end - bar->start) * DAY_W) - 4, ROW_H - 6),
                                       5);
      gtk_snapshot_push_rounded_clip (snapshot, &ghost);
      fill (snapshot, &tint, x, 0, (float) ((bar->end - bar->start) * DAY_W), height);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_border (snapshot, &ghost, widths, colors);
    }
  if (focus && self->rows->len > 0)
    {
      GskRoundedRect outline;
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { accent, accent, accent, accent };

      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT ((float) (NAME_W + self->cursor_day * DAY_W - hx),
                                                            (float) (HEAD_H + self->cursor_row * ROW_H - vy),
                                                            DAY_W, ROW_H),
                                       3);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
  gtk_snapshot_pop (snapshot);

  /* the sticky date header */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (NAME_W, 0, width - NAME_W, HEAD_H));
  fill (snapshot, &bg, NAME_W, 0, width - NAME_W, HEAD_H);
  for (guint d = first_day; d < last_day; d++)
    {
      float x = (float) (NAME_W + d * DAY_W - hx);
      GDate date;
      char number[16];
      GdkRGBA color = fg;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, self->start + d);
      if (self->start + d == self->today)
        {
          fill (snapshot, &accent_bg, x + 2, 2, DAY_W - 4, HEAD_H - 4);
          color = on_bar;
        }
      if (g_date_get_day (&date) == 1 || d == first_day)
        g_snprintf (number, sizeof number, "%u/%u", g_date_get_month (&date), g_date_get_day (&date));
      else
        g_snprintf (number, sizeof number, "%u", g_date_get_day (&date));
      draw_text (snapshot, layout, number, &color, x, 4, DAY_W, 18, TRUE);
      color.alpha *= 0.7f;
      draw_text (snapshot, layout, weekday_name (g_date_get_weekday (&date)), &color, x, 22, DAY_W, 18, TRUE);
    }
  fill (snapshot, &grid, NAME_W, HEAD_H - 1, width - NAME_W, 1);
  gtk_snapshot_pop (snapshot);

  /* the sticky room column */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, HEAD_H, NAME_W, height - HEAD_H));
  fill (snapshot, &bg, 0, HEAD_H, NAME_W, height - HEAD_H);
  for (guint r = first_row; r < last_row; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);
      float y = (float) (HEAD_H + r * ROW_H - vy);

      if (row->kind == ROW_TYPE)
        {
          TypeInfo *type = &g_array_index (self->types, TypeInfo, row->type);
          g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", type->name);

          fill (snapshot, &shade, 0, y, NAME_W, ROW_H);
          /* TRANSLATORS: beside a room type, over the rooms of it left to sell each night */
          const char *left = C_("tape chart", "left");
          GdkRGBA dim = fg;
          int lw;

          dim.alpha = 0.55f;
          pango_layout_set_attributes (layout, NULL);
          pango_layout_set_width (layout, -1);
          pango_layout_set_text (layout, left, -1);
          pango_layout_get_pixel_size (layout, &lw, NULL);
          draw_text (snapshot, layout, left, &dim, (float) (NAME_W - 10 - lw), y, (float) lw + 2, ROW_H, FALSE);
          pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
          pango_layout_set_markup (layout, markup, -1);
          pango_layout_set_width (layout, (NAME_W - 24 - lw) * PANGO_SCALE);
          {
            int th;

            pango_layout_get_pixel_size (layout, NULL, &th);
            gtk_snapshot_save (snapshot);
            gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (8, y + (ROW_H - (float) th) / 2));
            gtk_snapshot_append_layout (snapshot, layout, &fg);
            gtk_snapshot_restore (snapshot);
          }
          pango_layout_set_attributes (layout, NULL);
        }
      else
        {
          /* the floor once, at its first room */
          g_autofree char *floor = row->room->floor != G_MININT && row->new_floor
                                   ? g_strdup_printf (_("Floor %d"), row->room->floor) : g_strdup ("");
          GdkRGBA dim = fg;

          if (row->new_floor)
            fill (snapshot, &grid, 0, y, NAME_W, 1);
          draw_text (snapshot, layout, row->room->number, &fg, 16, y, 60, ROW_H, FALSE);
          dim.alpha = 0.55f;
          draw_text (snapshot, layout, floor, &dim, 72, y, NAME_W - 80, ROW_H, FALSE);
        }
      fill (snapshot, &grid, 0, y + ROW_H - 1, NAME_W, 1);
    }
  gtk_snapshot_pop (snapshot);
  fill (snapshot, &grid, NAME_W - 1, 0, 1, height);

  /* the corner: the month of the first night in view */
  {
    GDate date;
    char text[64];

    g_date_clear (&date, 1);
    g_date_set_julian (&date, self->start + MIN (first_day, self->n_days - 1));
    /* TRANSLATORS: a month and year above the rooms, see strftime */
    g_date_strftime (text, sizeof text, C_("tape chart corner", "%B %Y"), &date);
    fill (snapshot, &bg, 0, 0, NAME_W - 1, HEAD_H - 1);
    draw_text (snapshot, layout, text, &fg, 8, 0, NAME_W - 16, HEAD_H, FALSE);
    fill (snapshot, &grid, 0, HEAD_H - 1, NAME_W, 1);
  }
}
