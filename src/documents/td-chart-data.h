/* td-chart-data.h: a chart's data and how it is drawn with cairo and pango
 *
 * The same drawing serves the Analytics area (TdChartView, a GTK widget
 * that draws it in its snapshot) and the printed dashboard (an image
 * surface in a TdDocument). A chart is categories along the x axis (days,
 * months, hotels; the slices of a pie) and one or more series of values,
 * NAN where there is none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  TD_CHART_LINE,
  TD_CHART_BAR,       /* series side by side */
  TD_CHART_STACKED,   /* series on top of each other */
  TD_CHART_PIE,       /* the first series, one slice per category */
} TdChartKind;

typedef enum {
  TD_CHART_VALUE_COUNT,
  TD_CHART_VALUE_RATIO,    /* 0–1, shown as % */
  TD_CHART_VALUE_MONEY,    /* minor units of the currency */
  TD_CHART_VALUE_DAYS,
  TD_CHART_VALUE_SCORE,    /* NPS, −100 to 100 */
} TdChartValue;

typedef struct {
  const char *font;     /* pango font description; NULL: "Sans 9" */
  double foreground[4];
  double dim[4];        /* axis labels */
  double grid[4];
  double palette[8][4];
} TdChartStyle;

/* colours that read on a light or a dark background (GNOME palette) */
void          td_chart_style_init       (TdChartStyle       *style,
                                         gboolean            dark);

#define TD_TYPE_CHART_DATA (td_chart_data_get_type ())
typedef struct _TdChartData TdChartData;

GType         td_chart_data_get_type    (void) G_GNUC_CONST;
TdChartData  *td_chart_data_new         (TdChartKind         kind,
                                         const char         *title,
                                         TdChartValue        value,
                                         const char         *currency);
TdChartData  *td_chart_data_ref         (TdChartData        *self);
void          td_chart_data_unref       (TdChartData        *self);

TdChartKind   td_chart_data_get_kind    (const TdChartData  *self);
const char   *td_chart_data_get_title   (const TdChartData  *self);
guint         td_chart_data_get_n_categories (const TdChartData *self);
guint         td_chart_data_get_n_series (const TdChartData *self);
const char   *td_chart_data_get_category (const TdChartData *self,
                                         guint               index);
const char   *td_chart_data_get_series_name (const TdChartData *self,
                                         guint               series);
double        td_chart_data_get_value   (const TdChartData  *self,
                                         guint               series,
                                         guint               category);

void          td_chart_data_add_category (TdChartData       *self,
                                         const char         *label);
/* values: one per category added so far (NAN: none); dashed: a
 * comparison (the previous period) */
void          td_chart_data_add_series  (TdChartData        *self,
                                         const char         *name,
                                         const double       *values,
                                         gboolean            dashed);

/* a value as the chart shows it: "38.9 %", "¥354.29", "12", "+25" */
char         *td_chart_data_format_value (const TdChartData *self,
                                         double              value);
/* every value in words, for screen readers (and a tooltip's text) */
char         *td_chart_data_describe    (const TdChartData  *self);
/* the category and its values: "March · Revenue ¥2,480.00 · Last year ¥1,200.00" */
char         *td_chart_data_describe_category (const TdChartData *self,
                                         guint               category);
/* categories down, series across, a header row; UTF-8 with BOM */
char         *td_chart_data_to_csv      (const TdChartData  *self);

/* Draws the chart in [0, width] × [0, height] of cr (its legend and axes
 * included); highlight: a category to mark, or -1. */
void          td_chart_data_draw        (const TdChartData  *self,
                                         cairo_t            *cr,
                                         double              width,
                                         double              height,
                                         const TdChartStyle *style,
                                         int                 highlight);
/* The category under (x, y) of a chart drawn that size; -1: none. */
int           td_chart_data_hit         (const TdChartData  *self,
                                         double              width,
                                         double              height,
                                         double              x,
                                         double              y);
/* An image of the chart (light style) at scale × the size in points. */
cairo_surface_t *td_chart_data_render   (const TdChartData  *self,
                                         double              width,
                                         double              height,
                                         double              scale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdChartData, td_chart_data_unref)

G_END_DECLS
