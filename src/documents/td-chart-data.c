/* td-chart-data.c: a chart's data and how it is drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "td-chart-data.h"
#include "td-csv.h"
#include "td-money.h"

typedef struct {
  char     *name;
  GArray   *values;   /* double per category */
  gboolean  dashed;
} Series;

struct _TdChartData {
  gatomicrefcount  ref_count;
  TdChartKind      kind;
  TdChartValue     value;
  char            *title;
  char             currency[4];
  GPtrArray       *categories;  /* char* */
  GPtrArray       *series;      /* Series* */
};

G_DEFINE_BOXED_TYPE (TdChartData, td_chart_data, td_chart_data_ref, td_chart_data_unref)

/* the GNOME palette (blue, green, yellow, orange, red, purple, brown, dark) */
static const guint32 light_palette[8] = { 0x3584e4, 0x33d17a, 0xf6d32d, 0xff7800, 0xe01b24, 0x9141ac, 0x986a44, 0x5e5c64 };
static const guint32 dark_palette[8] = { 0x62a0ea, 0x57e389, 0xf8e45c, 0xffa348, 0xf66151, 0xc061cb, 0xcdab8f, 0x9a9996 };

static void
set_rgba (double  *rgba,
          guint32  rgb,
          double   alpha)
{
  rgba[0] = ((rgb >> 16) & 0xff) / 255.0;
  rgba[1] = ((rgb >> 8) & 0xff) / 255.0;
  rgba[2] = (rgb & 0xff) / 255.0;
  rgba[3] = alpha;
}

void
td_chart_style_init (TdChartStyle *style,
                     gboolean      dark)
{
  style->font = NULL;
  set_rgba (style->foreground, dark ? 0xffffff : 0x000000, dark ? 1.0 : 0.8);
  set_rgba (style->dim, dark ? 0xffffff : 0x000000, 0.55);
  set_rgba (style->grid, dark ? 0xffffff : 0x000000, dark ? 0.12 : 0.1);
  for (guint i = 0; i < 8; i++)
    set_rgba (style->palette[i], dark ? dark_palette[i] : light_palette[i], 1.0);
}

static void
series_free (Series *s)
{
  g_free (s->name);
  g_array_unref (s->values);
  g_free (s);
}

TdChartData *
td_chart_data_new (TdChartKind   kind,
                   const char   *title,
                   TdChartValue  value,
                   const char   *currency)
{
  TdChartData *self = g_new0 (TdChartData, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->value = value;
  self->title = g_strdup (title);
  g_strlcpy (self->currency, currency ? currency : "CNY", sizeof self->currency);
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  return self;
}

TdChartData *
td_chart_data_ref (TdChartData *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
td_chart_data_unref (TdChartData *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series);
  g_free (self);
}

TdChartKind
td_chart_data_get_kind (const TdChartData *self)
{
  return self->kind;
}

const char *
td_chart_data_get_title (const TdChartData *self)
{
  return self->title;
}

guint
td_chart_data_get_n_categories (const TdChartData *self)
{
  return self->categories->len;
}

guint
td_chart_data_get_n_series (const TdChartData *self)
{
  return self->series->len;
}

const char *
td_chart_data_get_category (const TdChartData *self,
                            guint              index)
{
  g_return_val_if_fail (index < self->categories->len, NULL);
  return g_ptr_array_index (self->categories, index);
}

const char *
td_chart_data_get_series_name (const TdChartData *self,
                               guint              series)
{
  g_return_val_if_fail (series < self->series->len, NULL);
  return ((Series *) g_ptr_array_index (self->series, series))->name;
}

double
td_chart_data_get_value (const TdChartData *self,
                         guint              series,
                         guint              category)
{
  Series *s;

  g_return_val_if_fail (series < self->series->len, NAN);
  s = g_ptr_array_index (self->series, series);
  return category < s->values->len ? g_array_index (s->values, double, category) : NAN;
}

void
td_chart_data_add_category (TdChartData *self,
                            const char  *label)
{
  g_ptr_array_add (self->categories, g_strdup (label));
}

void
td_chart_data_add_series (TdChartData  *self,
                          const char   *name,
                          const double *values,
                          gboolean      dashed)
{
  Series *s = g_new0 (Series, 1);

  s->name = g_strdup (name);
  s->values = g_array_sized_new (FALSE, FALSE, sizeof (double), self->categories->len);
  g_array_append_vals (s->values, values, self->categories->len);
  s->dashed = dashed;
  g_ptr_array_add (self->series, s);
}

/* ------------------------------------------------------------------ */
/* text                                                               */

char *
td_chart_data_format_value (const TdChartData *self,
                            double             value)
{
  if (isnan (value))
    return g_strdup ("—");
  switch (self->value)
    {
    case TD_CHART_VALUE_COUNT:
      return g_strdup_printf ("%.0f", value);
    case TD_CHART_VALUE_RATIO:
      return g_strdup_printf ("%.1f %%", value * 100.0);
    case TD_CHART_VALUE_MONEY:
      {
        TdMoney money;

        if (!td_money_init (&money, (gint64) llround (value), self->currency, NULL))
          return g_strdup_printf ("%.0f", value);
        return td_money_format (&money);
      }
    case TD_CHART_VALUE_DAYS:
      /* TRANSLATORS: a number of days, with one decimal */
      return g_strdup_printf (_("%.1f days"), value);
    case TD_CHART_VALUE_SCORE:
      return g_strdup_printf ("%+.0f", value);
    default:
      g_assert_not_reached ();
    }
}

/* shorter, for the y axis: ¥12k, 40 % */
static char *
format_axis (const TdChartData *self,
             double             value)
{
  double major;

  switch (self->value)
    {
    case TD_CHART_VALUE_RATIO:
      return g_strdup_printf ("%.0f %%", value * 100.0);
    case TD_CHART_VALUE_MONEY:
      major = value / pow (10, td_currency_exponent (self->currency));
      if (fabs (major) >= 1e6)
        return g_strdup_printf ("%s%.1fM", td_currency_symbol (self->currency), major / 1e6);
      if (fabs (major) >= 1e4)
        return g_strdup_printf ("%s%.0fk", td_currency_symbol (self->currency), major / 1e3);
      return g_strdup_printf ("%s%.0f", td_currency_symbol (self->currency), major);
    case TD_CHART_VALUE_SCORE:
      return g_strdup_printf ("%+.0f", value);
    case TD_CHART_VALUE_COUNT:
    case TD_CHART_VALUE_DAYS:
      if (fabs (value) >= 1e4)
        return g_strdup_printf ("%.0fk", value / 1e3);
      return g_strdup_printf ("%.0f", value);
    default:
      g_assert_not_reached ();
    }
}

char *
td_chart_data_describe_category (const TdChartData *self,
                                 guint              category)
{
  GString *text = g_string_new (td_chart_data_get_category (self, category));

  for (guint s = 0; s < self->series->len; s++)
    {
      g_autofree char *value = td_chart_data_format_value (self, td_chart_data_get_value (self, s, category));

      if (self->series->len > 1 || self->kind != TD_CHART_PIE)
        g_string_append_printf (text, " · %s %s", td_chart_data_get_series_name (self, s), value);
      else
        g_string_append_printf (text, " · %s", value);
    }
  return g_string_free (text, FALSE);
}

char *
td_chart_data_describe (const TdChartData *self)
{
  GString *text = g_string_new (NULL);

  if (self->categories->len == 0 || self->series->len == 0)
    return g_strdup (_("No data for this period."));
  for (guint c = 0; c < self->categories->len; c++)
    {
      g_autofree char *line = td_chart_data_describe_category (self, c);

      if (c > 0)
        g_string_append (text, "; ");
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

char *
td_chart_data_to_csv (const TdChartData *self)
{
  GString *out = g_string_new (TD_CSV_BOM);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (row, g_strdup (self->title));
  for (guint s = 0; s < self->series->len; s++)
    g_ptr_array_add (row, g_strdup (td_chart_data_get_series_name (self, s)));
  td_csv_append_record (out, (const char * const *) row->pdata, row->len, ',');
  for (guint c = 0; c < self->categories->len; c++)
    {
      g_ptr_array_set_size (row, 0);
      g_ptr_array_add (row, g_strdup (td_chart_data_get_category (self, c)));
      for (guint s = 0; s < self->series->len; s++)
        {
          double v = td_chart_data_get_value (self, s, c);

          if (isnan (v))
            g_ptr_array_add (row, g_strdup (""));
          else if (self->value == TD_CHART_VALUE_MONEY)
            {
              TdMoney money;

              td_money_init (&money, (gint64) llround (v), self->currency, NULL);
              g_ptr_array_add (row, td_money_to_decimal (&money));
            }
          else if (self->value == TD_CHART_VALUE_RATIO)
            g_ptr_array_add (row, g_strdup_printf ("%.4f", v));
          else
            g_ptr_array_add (row, g_strdup_printf ("%.2f", v));
        }
      td_csv_append_record (out, (const char * const *) row->pdata, row->len, ',');
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* layout                                                             */

typedef struct {
  double left, top, right, bottom;  /* the plot area */
  double min, max, step;            /* the y scale */
  double legend_height;
} Layout;

static double
nice_step (double range)
{
  double raw = range / 4.0;
  double magnitude = pow (10, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 2.5)
    return 2.5 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static void
value_range (const TdChartData *self,
             double            *min,
             double            *max)
{
  *min = 0;
  *max = 0;
  for (guint c = 0; c < self->categories->len; c++)
    {
      double stack = 0;

      for (guint s = 0; s < self->series->len; s++)
        {
          double v = td_chart_data_get_value (self, s, c);

          if (isnan (v))
            continue;
          if (self->kind == TD_CHART_STACKED)
            {
              stack += MAX (v, 0);
              *max = MAX (*max, stack);
            }
          else
            {
              *max = MAX (*max, v);
              *min = MIN (*min, v);
            }
        }
    }
  if (self->value == TD_CHART_VALUE_RATIO && *max < 1 && *max > 0.5)
    *max = 1;
  if (*max <= *min)
    *max = *min + (self->value == TD_CHART_VALUE_RATIO ? 1 : 10);
}

static PangoLayout *
make_layout (cairo_t            *cr,
             const TdChartStyle *style,
             const char         *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (style->font ? style->font : "Sans 9");

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (cairo_t            *cr,
           const TdChartStyle *style,
           const char         *text,
           int                *width,
           int                *height)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, style, text);

  pango_layout_get_pixel_size (layout, width, height);
}

static void
draw_text (cairo_t            *cr,
           const TdChartStyle *style,
           const double       *color,
           const char         *text,
           double              x,
           double              y,
           double              xalign)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, style, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgba (cr, color[0], color[1], color[2], color[3]);
  cairo_move_to (cr, x - w * xalign, y);
  pango_cairo_show_layout (cr, layout);
}

static double draw_legend (const TdChartData  *self,
                           cairo_t            *cr,
                           const TdChartStyle *style,
                           double              left,
                           double              right,
                           double              top,
                           gboolean            draw);

static void
compute_layout (const TdChartData  *self,
                cairo_t            *cr,
                const TdChartStyle *style,
                double              width,
                double              height,
                Layout             *l)
{
  int label_w = 0, label_h = 14;

  value_range (self, &l->min, &l->max);
  l->step = nice_step (l->max - l->min);
  l->min = floor (l->min / l->step) * l->step;
  l->max = ceil (l->max / l->step) * l->step;
  for (double v = l->min; v <= l->max + l->step / 2; v += l->step)
    {
      g_autofree char *text = format_axis (self, v);
      int w, h;

      text_size (cr, style, text, &w, &h);
      label_w = MAX (label_w, w);
      label_h = h;
    }
  l->left = label_w + 10;
  l->legend_height = self->series->len > 1 ? draw_legend (self, cr, style, l->left, width - 8, 0, FALSE) + 10 : 0;
  l->right = width - 8;
  l->top = l->legend_height + label_h / 2.0 + 2;
  l->bottom = height - label_h - 8;
}

static double
y_of (const Layout *l,
      double        value)
{
  return l->bottom - (value - l->min) / (l->max - l->min) * (l->bottom - l->top);
}

static void
set_color (cairo_t      *cr,
           const double *rgba,
           double        alpha)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

/* Lays out (draw FALSE: only measures) the legend from x to right,
 * wrapping; returns its height. */
static double
draw_legend (const TdChartData  *self,
             cairo_t            *cr,
             const TdChartStyle *style,
             double              left,
             double              right,
             double              top,
             gboolean            draw)
{
  double x = left, y = top;
  int line = 0;

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      int w, h;

      text_size (cr, style, series->name, &w, &h);
      line = h;
      if (x > left && x + 18 + w > right)
        {
          x = left;
          y += h + 4;
        }
      if (!draw)
        {
          x += 18 + w + 16;
          continue;
        }
      set_color (cr, style->palette[s % 8], series->dashed && self->kind != TD_CHART_LINE ? 0.45 : 1);
      if (series->dashed && self->kind == TD_CHART_LINE)
        {
          double dash[] = { 4, 3 };

          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, x, y + h / 2.0);
          cairo_line_to (cr, x + 14, y + h / 2.0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        {
          cairo_rectangle (cr, x, y + h / 2.0 - 5, 10, 10);
          cairo_fill (cr);
        }
      draw_text (cr, style, style->foreground, series->name, x + 18, y, 0);
      x += 18 + w + 16;
    }
  return y - top + line;
}

static void
draw_pie (const TdChartData  *self,
          cairo_t            *cr,
          const TdChartStyle *style,
          double              width,
          double              height,
          int                 highlight)
{
  double total = 0, angle = -G_PI / 2;
  double radius = MIN (width * 0.45, height) / 2 - 8;
  double cx = radius + 8, cy = height / 2;
  double ly = MAX (4, cy - self->categories->len * 10.0);

  if (self->series->len == 0)
    return;
  for (guint c = 0; c < self->categories->len; c++)
    {
      double v = td_chart_data_get_value (self, 0, c);

      if (!isnan (v) && v > 0)
        total += v;
    }
  for (guint c = 0; c < self->categories->len; c++)
    {
      double v = td_chart_data_get_value (self, 0, c);
      double sweep = total > 0 && !isnan (v) && v > 0 ? v / total * 2 * G_PI : 0;
      double r = (int) c == highlight ? radius + 4 : radius;
      g_autofree char *share = total > 0 ? g_strdup_printf ("%.0f %%", (isnan (v) ? 0 : v) / total * 100) : g_strdup ("—");
      g_autofree char *label = g_strdup_printf ("%s  %s", td_chart_data_get_category (self, c), share);

      if (sweep > 0)
        {
          set_color (cr, style->palette[c % 8], 1);
          cairo_move_to (cr, cx, cy);
          cairo_arc (cr, cx, cy, r, angle, angle + sweep);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
      angle += sweep;

      set_color (cr, style->palette[c % 8], 1);
      cairo_rectangle (cr, cx + radius + 24, ly + 4, 10, 10);
      cairo_fill (cr);
      draw_text (cr, style, (int) c == highlight ? style->foreground : style->dim, label, cx + radius + 40, ly, 0);
      ly += 20;
    }
  if (total <= 0)
    {
      set_color (cr, style->grid, 1);
      cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

void
td_chart_data_draw (const TdChartData  *self,
                    cairo_t            *cr,
                    double              width,
                    double              height,
                    const TdChartStyle *style,
                    int                 highlight)
{
  Layout l;
  guint n = self->categories->len;
  double slot;
  guint label_every;
  int label_w = 0, label_h = 0;

  if (width < 40 || height < 40)
    return;
  cairo_save (cr);
  if (self->kind == TD_CHART_PIE)
    {
      draw_pie (self, cr, style, width, height, highlight);
      cairo_restore (cr);
      return;
    }

  compute_layout (self, cr, style, width, height, &l);
  if (l.legend_height > 0)
    draw_legend (self, cr, style, l.left, l.right, 0, TRUE);

  /* the grid and the y labels */
  cairo_set_line_width (cr, 1);
  for (double v = l.min; v <= l.max + l.step / 2; v += l.step)
    {
      g_autofree char *text = format_axis (self, v);
      double y = round (y_of (&l, v)) + 0.5;
      int w, h;

      set_color (cr, style->grid, fabs (v) < l.step / 2 ? 2.5 : 1);
      cairo_move_to (cr, l.left, y);
      cairo_line_to (cr, l.right, y);
      cairo_stroke (cr);
      text_size (cr, style, text, &w, &h);
      draw_text (cr, style, style->dim, text, l.left - 6, y - h / 2.0, 1);
    }
  if (n == 0)
    {
      cairo_restore (cr);
      return;
    }

  slot = (l.right - l.left) / n;
  if (highlight >= 0 && (guint) highlight < n)
    {
      set_color (cr, style->grid, 1);
      cairo_rectangle (cr, l.left + highlight * slot, l.top, slot, l.bottom - l.top);
      cairo_fill (cr);
    }

  /* x labels: as many as fit */
  for (guint c = 0; c < n; c++)
    {
      int w, h;

      text_size (cr, style, td_chart_data_get_category (self, c), &w, &h);
      label_w = MAX (label_w, w);
      label_h = h;
    }
  label_every = MAX (1, (guint) ceil ((label_w + 12) / MAX (slot, 1)));
  for (guint c = 0; c < n; c += label_every)
    draw_text (cr, style, style->dim, td_chart_data_get_category (self, c),
               l.left + (c + 0.5) * slot, l.bottom + 4, 0.5);
  (void) label_h;

  if (self->kind == TD_CHART_LINE)
    {
      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = g_ptr_array_index (self->series, s);
          gboolean pen_down = FALSE;

          set_color (cr, style->palette[s % 8], 1);
          cairo_set_line_width (cr, 2);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          if (series->dashed)
            {
              double dash[] = { 5, 4 };

              cairo_set_dash (cr, dash, 2, 0);
            }
          for (guint c = 0; c < n; c++)
            {
              double v = td_chart_data_get_value (self, s, c);
              double x = l.left + (c + 0.5) * slot;

              if (isnan (v))
                {
                  pen_down = FALSE;
                  continue;
                }
              if (pen_down)
                cairo_line_to (cr, x, y_of (&l, v));
              else
                cairo_move_to (cr, x, y_of (&l, v));
              pen_down = TRUE;
            }
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          if (slot >= 12 && !series->dashed)
            for (guint c = 0; c < n; c++)
              {
                double v = td_chart_data_get_value (self, s, c);

                if (isnan (v))
                  continue;
                cairo_arc (cr, l.left + (c + 0.5) * slot, y_of (&l, v), (int) c == highlight ? 4.5 : 3, 0, 2 * G_PI);
                cairo_fill (cr);
              }
        }
    }
  else
    {
      guint groups = self->kind == TD_CHART_STACKED ? 1 : MAX (self->series->len, 1);
      double bar = slot * 0.7 / groups;

      for (guint c = 0; c < n; c++)
        {
          double base = 0;

          for (guint s = 0; s < self->series->len; s++)
            {
              Series *series = g_ptr_array_index (self->series, s);
              double v = td_chart_data_get_value (self, s, c);
              double x, y0, y1;

              if (isnan (v))
                continue;
              if (self->kind == TD_CHART_STACKED)
                {
                  x = l.left + c * slot + slot * 0.15;
                  y0 = y_of (&l, base);
                  base += MAX (v, 0);
                  y1 = y_of (&l, base);
                }
              else
                {
                  x = l.left + c * slot + slot * 0.15 + s * bar;
                  y0 = y_of (&l, 0);
                  y1 = y_of (&l, v);
                }
              set_color (cr, style->palette[s % 8], series->dashed ? 0.45 : 1);
              cairo_rectangle (cr, x, MIN (y0, y1), MAX (bar - 1, 1), fabs (y0 - y1));
              cairo_fill (cr);
            }
        }
    }
  cairo_restore (cr);
}

int
td_chart_data_hit (const TdChartData *self,
                   double             width,
                   double             height,
                   double             x,
                   double             y)
{
  guint n = self->categories->len;

  if (n == 0)
    return -1;
  if (self->kind == TD_CHART_PIE)
    {
      double radius = MIN (width * 0.45, height) / 2 - 8;
      double cx = radius + 8, cy = height / 2;
      double dx = x - cx, dy = y - cy;
      double angle, total = 0, start = 0;

      if (dx * dx + dy * dy > radius * radius)
        return -1;
      angle = atan2 (dy, dx) + G_PI / 2;
      if (angle < 0)
        angle += 2 * G_PI;
      for (guint c = 0; c < n; c++)
        {
          double v = td_chart_data_get_value (self, 0, c);

          total += isnan (v) || v < 0 ? 0 : v;
        }
      if (total <= 0)
        return -1;
      for (guint c = 0; c < n; c++)
        {
          double v = td_chart_data_get_value (self, 0, c);
          double sweep = isnan (v) || v < 0 ? 0 : v / total * 2 * G_PI;

          if (angle >= start && angle < start + sweep)
            return (int) c;
          start += sweep;
        }
      return -1;
    }
  else
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *cr = cairo_create (surface);
      TdChartStyle style;
      Layout l;
      int c;

      td_chart_style_init (&style, FALSE);
      compute_layout (self, cr, &style, width, height, &l);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      if (x < l.left || x >= l.right || y < l.top - 4 || y > l.bottom + 4)
        return -1;
      c = (int) ((x - l.left) / ((l.right - l.left) / n));
      return CLAMP (c, 0, (int) n - 1);
    }
}

cairo_surface_t *
td_chart_data_render (const TdChartData *self,
                      double             width,
                      double             height,
                      double             scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (width * scale), (int) ceil (height * scale));
  cairo_t *cr = cairo_create (surface);
  TdChartStyle style;

  td_chart_style_init (&style, FALSE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  td_chart_data_draw (self, cr, width, height, &style, -1);
  cairo_destroy (cr);
  return surface;
}
