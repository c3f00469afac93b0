/* td-tape-chart-private.h: what the tape chart's files share (src/ui only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-tape-chart.h"

G_BEGIN_DECLS

#define NAME_W 148
#define HEAD_H 44
#define ROW_H  30
#define DAY_W  52

typedef enum {
  ROW_TYPE,   /* a room type: the rooms left each night */
  ROW_ROOM,
} RowKind;

typedef struct {
  RowKind  kind;
  guint    type;      /* index in types */
  TdRoom  *room;      /* ROW_ROOM */
  gboolean new_floor; /* the first room of its floor within its type */
} Row;

typedef struct {
  char   *id;
  char   *name;
  guint   n_rooms;
  int    *left;       /* per day of the window */
  guint  *blocked;    /* per day: rooms held by blocks, not yet picked up */
} TypeInfo;

typedef struct {
  guint          row;
  guint32        start, end;
  TdStay        *stay;   /* or */
  TdOutOfOrder  *ooo;
} Bar;

struct _TdTapeChart
{
  GtkWidget      parent_instance;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;

  TdDatabase    *database;
  char          *property_id;
  GPtrArray     *rooms;
  guint32        start;
  guint          n_days;
  guint32        today;

  GArray        *rows;      /* Row */
  GArray        *types;     /* TypeInfo */
  GHashTable    *room_rows; /* room id → row index + 1 */
  GPtrArray     *stays;
  GPtrArray     *pending_stays; /* loaded, waiting for the out-of-order periods */
  GPtrArray     *ooo;
  GPtrArray     *blocks;
  GArray        *bars;      /* Bar, by row and start */
  guint         *row_first_bar; /* per row: first index in bars; n_rows + 1 entries */

  GCancellable  *cancellable;

  /* the cell cursor, and a drag over free nights */
  guint          cursor_row;
  guint          cursor_day;
  int            pressed_bar;   /* -1: none */
  gboolean       selecting;
  guint          sel_row;
  guint          sel_from, sel_to;
  /* a bar dragged to another room or dates */
  gboolean       moving;
  guint          press_day;
  guint          move_row;
  int            move_offset;
};

/* the scrolled offsets, and a bar's rectangle in widget coordinates */
double   _td_tape_chart_hvalue         (TdTapeChart   *self);
double   _td_tape_chart_vvalue         (TdTapeChart   *self);
void     _td_tape_chart_bar_rectangle  (TdTapeChart   *self,
                                        const Bar     *bar,
                                        GdkRectangle  *rect);

/* td-tape-chart-draw.c: GtkWidget::snapshot */
void     _td_tape_chart_snapshot       (GtkWidget     *widget,
                                        GtkSnapshot   *snapshot);

G_END_DECLS
