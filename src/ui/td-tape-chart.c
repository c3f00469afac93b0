/* td-tape-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-tape-chart.h"

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

static void scrollable_iface_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdTapeChart, td_tape_chart, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, scrollable_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  STAY_ACTIVATED,
  BOOKING_REQUESTED,
  MOVE_REQUESTED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
type_info_clear (gpointer data)
{
  TypeInfo *type = data;

  g_free (type->id);
  g_free (type->name);
  g_free (type->left);
  g_free (type->blocked);
}

/* ------------------------------------------------------------------ */
/* rows and bars                                                      */

static int
compare_rooms (gconstpointer a,
               gconstpointer b)
{
  const TdRoom *ra = *(TdRoom * const *) a;
  const TdRoom *rb = *(TdRoom * const *) b;
  int c = g_strcmp0 (ra->room_type_code, rb->room_type_code);

  if (c != 0)
    return c;
  if (ra->floor != rb->floor)
    return ra->floor < rb->floor ? -1 : 1;
  return g_utf8_collate (ra->number, rb->number);
}

static void
build_rows (TdTapeChart *self)
{
  g_autoptr(GPtrArray) sorted = NULL;
  const char *last_type = NULL;
  int last_floor = G_MININT;

  g_array_set_size (self->rows, 0);
  g_array_set_size (self->types, 0);
  g_hash_table_remove_all (self->room_rows);
  if (self->rooms == NULL)
    return;

  sorted = g_ptr_array_copy (self->rooms, NULL, NULL);
  /* the copy has the rooms' free function: only the chart's array frees them */
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_rooms);
  for (guint i = 0; i < sorted->len; i++)
    {
      TdRoom *room = g_ptr_array_index (sorted, i);
      Row row = { ROW_ROOM, 0, room, FALSE };

      if (g_strcmp0 (last_type, room->room_type_id) != 0)
        {
          TypeInfo type = { 0 };
          Row header = { ROW_TYPE, self->types->len, NULL, FALSE };

          type.id = g_strdup (room->room_type_id);
          type.name = g_strdup (room->room_type_name ? room->room_type_name : room->room_type_code);
          g_array_append_val (self->types, type);
          g_array_append_val (self->rows, header);
          last_type = room->room_type_id;
          last_floor = room->floor;
        }
      row.type = self->types->len - 1;
      row.new_floor = room->floor != last_floor || self->rows->len == 0
                      || g_array_index (self->rows, Row, self->rows->len - 1).kind == ROW_TYPE;
      last_floor = room->floor;
      g_array_index (self->types, TypeInfo, row.type).n_rooms++;
      g_array_append_val (self->rows, row);
      g_hash_table_insert (self->room_rows, room->id, GUINT_TO_POINTER (self->rows->len));
    }
}

static int
compare_bars (gconstpointer a,
              gconstpointer b)
{
  const Bar *ba = a, *bb = b;

  if (ba->row != bb->row)
    return ba->row < bb->row ? -1 : 1;
  return ba->start < bb->start ? -1 : ba->start > bb->start;
}

static guint
type_index (TdTapeChart *self,
            const char  *room_type_id)
{
  for (guint i = 0; i < self->types->len; i++)
    if (g_strcmp0 (g_array_index (self->types, TypeInfo, i).id, room_type_id) == 0)
      return i;
  return G_MAXUINT;
}

static void
count_nights (TdTapeChart *self,
              guint        type,
              guint32      start,
              guint32      end,
              guint        blocked)
{
  TypeInfo *info;
  guint32 end_day = self->start + self->n_days;

  if (type >= self->types->len)
    return;
  info = &g_array_index (self->types, TypeInfo, type);
  for (guint32 d = MAX (start, self->start); d < MIN (end, end_day); d++)
    {
      if (blocked)
        info->blocked[d - self->start] += blocked;
      info->left[d - self->start] -= blocked ? (int) blocked : 1;
    }
}

static void
build_bars (TdTapeChart *self)
{
  guint n_rows = self->rows->len;

  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < self->types->len; i++)
    {
      TypeInfo *type = &g_array_index (self->types, TypeInfo, i);

      g_free (type->left);
      g_free (type->blocked);
      type->left = g_new (int, MAX (self->n_days, 1));
      type->blocked = g_new0 (guint, MAX (self->n_days, 1));
      for (guint d = 0; d < self->n_days; d++)
        type->left[d] = (int) type->n_rooms;
    }

  for (guint i = 0; self->stays && i < self->stays->len; i++)
    {
      TdStay *stay = g_ptr_array_index (self->stays, i);
      guint row = stay->room_id ? GPOINTER_TO_UINT (g_hash_table_lookup (self->room_rows, stay->room_id)) : 0;

      if (td_stay_state_takes_room (stay->state))
        count_nights (self, type_index (self, stay->room_type_id),
                      stay->dates.start, stay->dates.end, 0);
      if (row == 0)
        continue;
      g_array_append_vals (self->bars, &(Bar) { row - 1, stay->dates.start, stay->dates.end, stay, NULL }, 1);
    }
  for (guint i = 0; self->ooo && i < self->ooo->len; i++)
    {
      TdOutOfOrder *period = g_ptr_array_index (self->ooo, i);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (self->room_rows, period->room_id));

      if (row == 0)
        continue;
      count_nights (self, g_array_index (self->rows, Row, row - 1).type,
                    period->dates.start, period->dates.end, 0);
      g_array_append_vals (self->bars, &(Bar) { row - 1, period->dates.start, period->dates.end, NULL, period }, 1);
    }
  for (guint i = 0; self->blocks && i < self->blocks->len; i++)
    {
      TdBlock *block = g_ptr_array_index (self->blocks, i);
      guint type = type_index (self, block->room_type_id);

      if (block->state != TD_BLOCK_HELD)
        continue;
      for (guint32 d = block->dates.start; d < block->dates.end; d++)
        {
          guint picked = block->picked && d - block->dates.start < block->picked->len
                         ? g_array_index (block->picked, guint, d - block->dates.start) : 0;
          if (block->rooms > picked)
            count_nights (self, type, d, d + 1, block->rooms - picked);
        }
    }
  g_array_sort (self->bars, compare_bars);

  g_free (self->row_first_bar);
  self->row_first_bar = g_new0 (guint, n_rows + 1);
  {
    guint b = 0;

    for (guint r = 0; r <= n_rows; r++)
      {
        while (b < self->bars->len && g_array_index (self->bars, Bar, b).row < r)
          b++;
        self->row_first_bar[r] = b;
      }
  }
}

/* the bar on row at day, or -1 */
static int
bar_at (TdTapeChart *self,
        guint        row,
        guint32      day)
{
  if (self->row_first_bar == NULL || row >= self->rows->len)
    return -1;
  for (guint b = self->row_first_bar[row]; b < self->row_first_bar[row + 1]; b++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, b);

      if (bar->start <= day && day < bar->end)
        return (int) b;
    }
  return -1;
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

typedef struct {
  TdDatabase  *db;
  char        *property_id;
  TdDateRange  dates;
  GPtrArray   *ooo;
  GPtrArray   *blocks;
} ExtrasData;

static void
extras_data_free (gpointer data)
{
  ExtrasData *extras = data;

  g_object_unref (extras->db);
  g_free (extras->property_id);
  g_clear_pointer (&extras->ooo, g_ptr_array_unref);
  g_clear_pointer (&extras->blocks, g_ptr_array_unref);
  g_free (extras);
}

static void
extras_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExtrasData *extras = task_data;
  GError *error = NULL;

  extras->ooo = td_out_of_order_list (extras->db, extras->property_id, &extras->dates, &error);
  if (extras->ooo != NULL)
    extras->blocks = td_blocks_list (extras->db, extras->property_id, &extras->dates, NULL, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_loading (TdTapeChart  *self,
             GCancellable *cancellable)
{
  gboolean was = self->cancellable != NULL;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, cancellable);
  if (was != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
extras_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TdTapeChart *self;
  ExtrasData *extras = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot load the out-of-order rooms and blocks: %s", error->message);
    }
  self = TD_TAPE_CHART (user_data);
  /* the bars point into them: all replaced at once */
  g_clear_pointer (&self->stays, g_ptr_array_unref);
  self->stays = g_steal_pointer (&self->pending_stays);
  g_clear_pointer (&self->ooo, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  self->ooo = g_steal_pointer (&extras->ooo);
  self->blocks = g_steal_pointer (&extras->blocks);
  build_bars (self);
  set_loading (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
stays_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TdTapeChart *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stays = td_stays_list_finish (TD_DATABASE (object), result, &error);
  g_autoptr(GTask) task = NULL;
  ExtrasData *extras;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TD_TAPE_CHART (user_data);
  if (stays == NULL)
    g_warning ("Cannot load the stays: %s", error->message);
  g_clear_pointer (&self->pending_stays, g_ptr_array_unref);
  self->pending_stays = g_steal_pointer (&stays);

  extras = g_new0 (ExtrasData, 1);
  extras->db = g_object_ref (self->database);
  extras->property_id = g_strdup (self->property_id);
  extras->dates.start = self->start;
  extras->dates.end = self->start + self->n_days;
  task = g_task_new (NULL, self->cancellable, extras_cb, self);
  g_task_set_task_data (task, extras, extras_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, extras_thread);
}

void
td_tape_chart_reload (TdTapeChart *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  TdStayFilter filter = { 0 };

  g_return_if_fail (TD_IS_TAPE_CHART (self));

  if (self->database == NULL || self->property_id == NULL || self->n_days == 0)
    {
      set_loading (self, NULL);
      return;
    }
  cancellable = g_cancellable_new ();
  set_loading (self, cancellable);
  filter.property_id = self->property_id;
  filter.dates.start = self->start;
  filter.dates.end = self->start + self->n_days;
  filter.states = TD_STAY_STATES_TAKING_ROOMS;
  td_stays_list_async (self->database, &filter, cancellable, stays_cb, self);
}

gboolean
td_tape_chart_get_loading (TdTapeChart *self)
{
  g_return_val_if_fail (TD_IS_TAPE_CHART (self), FALSE);
  return self->cancellable != NULL;
}

/* ------------------------------------------------------------------ */
/* geometry                                                           */

static double
hvalue (TdTapeChart *self)
{
  return self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
vvalue (TdTapeChart *self)
{
  return self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
configure_adjustments (TdTapeChart *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->hadjustment)
    {
      double page = MAX (width - NAME_W, 1);
      double upper = MAX ((double) self->n_days * DAY_W, page);

      gtk_adjustment_configure (self->hadjustment,
                                CLAMP (gtk_adjustment_get_value (self->hadjustment), 0, upper - page),
                                0, upper, DAY_W, page * 0.9, page);
    }
  if (self->vadjustment)
    {
      double page = MAX (height - HEAD_H, 1);
      double upper = MAX ((double) self->rows->len * ROW_H, page);

      gtk_adjustment_configure (self->vadjustment,
                                CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, upper - page),
                                0, upper, ROW_H, page * 0.9, page);
    }
}

/* the cell under (x, y) in widget coordinates; FALSE outside the body */
static gboolean
cell_at (TdTapeChart *self,
         double       x,
         double       y,
         guint       *row,
         guint32     *day)
{
  double bx = x - NAME_W + hvalue (self);
  double by = y - HEAD_H + vvalue (self);

  if (x < NAME_W || y < HEAD_H || bx < 0 || by < 0)
    return FALSE;
  if (bx >= (double) self->n_days * DAY_W || by >= (double) self->rows->len * ROW_H)
    return FALSE;
  *row = (guint) (by / ROW_H);
  *day = self->start + (guint) (bx / DAY_W);
  return TRUE;
}

static void
bar_rectangle (TdTapeChart  *self,
               const Bar    *bar,
               GdkRectangle *rect)
{
  guint32 start = MAX (bar->start, self->start);
  guint32 end = MIN (bar->end, self->start + self->n_days);

  rect->x = (int) (NAME_W + (double) (start - self->start) * DAY_W - hvalue (self));
  rect->y = (int) (HEAD_H + (double) bar->row * ROW_H - vvalue (self));
  rect->width = (int) (end - start) * DAY_W;
  rect->height = ROW_H;
}

static void
scroll_to_cursor (TdTapeChart *self)
{
  double x = (double) self->cursor_day * DAY_W;
  double y = (double) self->cursor_row * ROW_H;

  if (self->hadjustment)
    gtk_adjustment_clamp_page (self->hadjustment, x, x + DAY_W);
  if (self->vadjustment)
    gtk_adjustment_clamp_page (self->vadjustment, y, y + ROW_H);
}

/* ------------------------------------------------------------------ */
/* drawing                                                            */

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

static void
td_tape_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TdTapeChart *self = TD_TAPE_CHART (widget);
  float width = (float) gtk_widget_get_width (widget);
  float height = (float) gtk_widget_get_height (widget);
  double hx = hvalue (self), vy = vvalue (self);
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
          bar_rectangle (self, bar, &rect);
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

/* ------------------------------------------------------------------ */
/* accessibility, input                                               */

static char *
describe_stay (const TdStay *stay)
{
  g_autofree char *arrival = td_date_format_iso (stay->dates.start);
  g_autofree char *departure = td_date_format_iso (stay->dates.end);
  g_autofree char *total = td_money_format (&stay->total);

  /* TRANSLATORS: room, guest, state, arrival, departure, price of the stay */
  return g_strdup_printf (_("Room %s, %s, %s, %s to %s, %s"),
                          stay->room_number ? stay->room_number : "",
                          stay->guest_name ? stay->guest_name : "",
                          td_stay_state_get_title (stay->state),
                          arrival, departure, total);
}

static void
update_accessible (TdTapeChart *self)
{
  g_autofree char *text = NULL;
  g_autofree char *night = NULL;
  Row *row;
  int b;

  if (self->cursor_row >= self->rows->len)
    return;
  row = &g_array_index (self->rows, Row, self->cursor_row);
  night = td_date_format_iso (self->start + self->cursor_day);
  b = bar_at (self, self->cursor_row, self->start + self->cursor_day);
  if (row->kind == ROW_TYPE)
    {
      TypeInfo *type = &g_array_index (self->types, TypeInfo, row->type);

      text = g_strdup_printf (_("%s: %d rooms left on the night of %s"), type->name,
                              type->left[self->cursor_day], night);
    }
  else if (b >= 0 && g_array_index (self->bars, Bar, b).stay)
    text = describe_stay (g_array_index (self->bars, Bar, b).stay);
  else if (b >= 0)
    text = g_strdup_printf (_("Room %s is out of order on the night of %s"), row->room->number, night);
  else
    text = g_strdup_printf (_("Room %s is free on the night of %s"), row->room->number, night);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
set_cursor (TdTapeChart *self,
            guint        row,
            guint        day)
{
  self->cursor_row = MIN (row, self->rows->len ? self->rows->len - 1 : 0);
  self->cursor_day = MIN (day, self->n_days ? self->n_days - 1 : 0);
  scroll_to_cursor (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_bar (TdTapeChart *self,
              guint        index)
{
  Bar *bar = &g_array_index (self->bars, Bar, index);
  GdkRectangle rect;

  if (bar->stay == NULL)
    return;
  bar_rectangle (self, bar, &rect);
  /* within the visible body, for the popover's arrow */
  rect.x = CLAMP (rect.x, NAME_W, MAX (NAME_W, gtk_widget_get_width (GTK_WIDGET (self)) - 1));
  rect.width = MAX (1, MIN (rect.width, gtk_widget_get_width (GTK_WIDGET (self)) - rect.x));
  g_signal_emit (self, signals[STAY_ACTIVATED], 0, bar->stay, &rect);
}

gboolean
td_tape_chart_activate_stay (TdTapeChart *self,
                             const char  *stay_id)
{
  g_return_val_if_fail (TD_IS_TAPE_CHART (self), FALSE);

  for (guint b = 0; b < self->bars->len; b++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, b);

      if (bar->stay && g_strcmp0 (bar->stay->id, stay_id) == 0)
        {
          set_cursor (self, bar->row, MAX (bar->start, self->start) - self->start);
          activate_bar (self, b);
          return TRUE;
        }
    }
  return FALSE;
}

void
td_tape_chart_request_move (TdTapeChart *self,
                            TdStay      *stay,
                            TdRoom      *room,
                            guint32      start)
{
  g_return_if_fail (TD_IS_TAPE_CHART (self));
  g_signal_emit (self, signals[MOVE_REQUESTED], 0, stay, room, start);
}

void
td_tape_chart_request_booking (TdTapeChart *self,
                               TdRoom      *room,
                               guint32      start,
                               guint32      end)
{
  g_return_if_fail (TD_IS_TAPE_CHART (self));
  g_signal_emit (self, signals[BOOKING_REQUESTED], 0, room, start, end);
}

/* Enter on the cursor: the stay, or a booking of that night */
static void
activate_cursor (TdTapeChart *self)
{
  Row *row;
  int b;

  if (self->cursor_row >= self->rows->len)
    return;
  row = &g_array_index (self->rows, Row, self->cursor_row);
  b = bar_at (self, self->cursor_row, self->start + self->cursor_day);
  if (b >= 0)
    activate_bar (self, (guint) b);
  else if (row->kind == ROW_ROOM)
    td_tape_chart_request_booking (self, row->room, self->start + self->cursor_day,
                                   self->start + self->cursor_day + 1);
}

static gboolean
key_pressed_cb (TdTapeChart           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  guint row = self->cursor_row, day = self->cursor_day;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      day = day > 0 ? day - 1 : 0;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      day++;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      row = row > 0 ? row - 1 : 0;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      row++;
      break;
    case GDK_KEY_Page_Up:
      row = row > 10 ? row - 10 : 0;
      break;
    case GDK_KEY_Page_Down:
      row += 10;
      break;
    case GDK_KEY_Home:
      day = self->today >= self->start ? self->today - self->start : 0;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      activate_cursor (self);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
  set_cursor (self, row, day);
  return GDK_EVENT_STOP;
}

static void
drag_begin_cb (TdTapeChart    *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  guint row;
  guint32 day;

  self->pressed_bar = -1;
  self->selecting = FALSE;
  if (!cell_at (self, x, y, &row, &day))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  set_cursor (self, row, day - self->start);
  self->pressed_bar = bar_at (self, row, day);
  self->press_day = day;
  self->moving = FALSE;
  if (self->pressed_bar < 0 && g_array_index (self->rows, Row, row).kind == ROW_ROOM)
    {
      self->selecting = TRUE;
      self->sel_row = row;
      self->sel_from = self->sel_to = day;
    }
}

static void
drag_update_cb (TdTapeChart    *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  double x, y;
  guint row;
  guint32 day;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (self->pressed_bar >= 0 && g_array_index (self->bars, Bar, self->pressed_bar).stay != NULL
      && (self->moving || ABS (dx) >= 8 || ABS (dy) >= 8))
    {
      self->moving = TRUE;
      if (cell_at (self, x + dx, y + dy, &row, &day))
        {
          if (g_array_index (self->rows, Row, row).kind == ROW_ROOM)
            self->move_row = row;
          else if (self->move_row == 0)
            self->move_row = g_array_index (self->bars, Bar, self->pressed_bar).row;
          self->move_offset = (int) day - (int) self->press_day;
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (!self->selecting)
    return;
  if (!cell_at (self, x + dx, self->sel_row * ROW_H + HEAD_H - vvalue (self) + 1, &row, &day))
    return;
  /* not over another stay */
  {
    guint32 from = MIN (day, self->sel_from), to = MAX (day, self->sel_from);

    for (guint32 d = from; d <= to; d++)
      if (bar_at (self, self->sel_row, d) >= 0)
        return;
  }
  self->sel_to = day;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (TdTapeChart    *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  if (self->moving)
    {
      Bar *bar = &g_array_index (self->bars, Bar, self->pressed_bar);
      Row *row = &g_array_index (self->rows, Row, self->move_row);

      self->moving = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      if (row->kind == ROW_ROOM && (self->move_row != bar->row || self->move_offset != 0)
          && (int) bar->stay->dates.start + self->move_offset > 0)
        g_signal_emit (self, signals[MOVE_REQUESTED], 0, bar->stay, row->room,
                       (guint) ((int) bar->stay->dates.start + self->move_offset));
    }
  else if (self->pressed_bar >= 0 && ABS (dx) < 8 && ABS (dy) < 8)
    activate_bar (self, (guint) self->pressed_bar);
  else if (self->selecting)
    {
      Row *row = &g_array_index (self->rows, Row, self->sel_row);
      guint32 from = MIN (self->sel_from, self->sel_to), to = MAX (self->sel_from, self->sel_to);

      self->selecting = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      td_tape_chart_request_booking (self, row->room, from, to + 1);
    }
  self->pressed_bar = -1;
  self->selecting = FALSE;
  self->move_row = 0;
}

/* ------------------------------------------------------------------ */
/* API                                                                */

void
td_tape_chart_set_rooms (TdTapeChart *self,
                         TdDatabase  *database,
                         const char  *property_id,
                         GPtrArray   *rooms)
{
  g_return_if_fail (TD_IS_TAPE_CHART (self));

  g_set_object (&self->database, database);
  g_free (self->property_id);
  self->property_id = g_strdup (property_id);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  self->rooms = rooms ? g_ptr_array_ref (rooms) : NULL;
  g_clear_pointer (&self->stays, g_ptr_array_unref);
  g_clear_pointer (&self->ooo, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  build_rows (self);
  build_bars (self);
  self->cursor_row = 0;
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  td_tape_chart_reload (self);
}

void
td_tape_chart_set_window (TdTapeChart *self,
                          guint32      start,
                          guint        n_days)
{
  g_return_if_fail (TD_IS_TAPE_CHART (self));

  if (self->start == start && self->n_days == n_days)
    return;
  self->start = start;
  self->n_days = n_days;
  self->cursor_day = MIN (self->cursor_day, n_days ? n_days - 1 : 0);
  build_bars (self);
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  td_tape_chart_reload (self);
}

guint32
td_tape_chart_get_start (TdTapeChart *self)
{
  g_return_val_if_fail (TD_IS_TAPE_CHART (self), 0);
  return self->start;
}

void
td_tape_chart_set_today (TdTapeChart *self,
                         guint32      today)
{
  g_return_if_fail (TD_IS_TAPE_CHART (self));
  self->today = today;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
td_tape_chart_get_rooms_left (TdTapeChart *self,
                              const char  *room_type_id,
                              guint32      night)
{
  guint type;

  g_return_val_if_fail (TD_IS_TAPE_CHART (self), G_MININT);

  type = type_index (self, room_type_id);
  if (type == G_MAXUINT || night < self->start || night >= self->start + self->n_days)
    return G_MININT;
  return g_array_index (self->types, TypeInfo, type).left[night - self->start];
}

void
td_tape_chart_get_cursor (TdTapeChart *self,
                          guint       *row,
                          guint32     *night)
{
  g_return_if_fail (TD_IS_TAPE_CHART (self));
  if (row)
    *row = self->cursor_row;
  if (night)
    *night = self->start + self->cursor_day;
}

guint
td_tape_chart_get_n_bars (TdTapeChart *self)
{
  guint n = 0;

  g_return_val_if_fail (TD_IS_TAPE_CHART (self), 0);
  for (guint b = 0; b < self->bars->len; b++)
    n += g_array_index (self->bars, Bar, b).stay != NULL;
  return n;
}

TdStay *
td_tape_chart_get_stay (TdTapeChart *self,
                        guint        index)
{
  g_return_val_if_fail (TD_IS_TAPE_CHART (self), NULL);

  for (guint b = 0; b < self->bars->len; b++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, b);

      if (bar->stay && index-- == 0)
        return bar->stay;
    }
  return NULL;
}

GtkWidget *
td_tape_chart_new (void)
{
  return g_object_new (TD_TYPE_TAPE_CHART, NULL);
}

/* ------------------------------------------------------------------ */
/* GObject, GtkScrollable                                             */

static void
adjustment_changed_cb (TdTapeChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (TdTapeChart    *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot)
    g_signal_handlers_disconnect_by_func (*slot, adjustment_changed_cb, self);
  g_clear_object (slot);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_changed_cb), self);
  configure_adjustments (self);
}

static gboolean
get_border (GtkScrollable *scrollable,
            GtkBorder     *border)
{
  border->left = NAME_W;
  border->top = HEAD_H;
  return TRUE;
}

static void
scrollable_iface_init (GtkScrollableInterface *iface)
{
  iface->get_border = get_border;
}

static void
td_tape_chart_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  configure_adjustments (TD_TAPE_CHART (widget));
  /* the stay's popover, when the page gave one */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_native_get_surface (GTK_NATIVE (child)) != NULL)
      gtk_popover_present (GTK_POPOVER (child));
}

static void
td_tape_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? NAME_W + 3 * DAY_W : HEAD_H + 3 * ROW_H;
  *natural = *minimum;
}

static void
td_tape_chart_dispose (GObject *object)
{
  TdTapeChart *self = TD_TAPE_CHART (object);

  GtkWidget *child;

  set_loading (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_changed_cb, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->database);
  g_clear_pointer (&self->stays, g_ptr_array_unref);
  g_clear_pointer (&self->pending_stays, g_ptr_array_unref);
  g_clear_pointer (&self->ooo, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);

  G_OBJECT_CLASS (td_tape_chart_parent_class)->dispose (object);
}

static void
td_tape_chart_finalize (GObject *object)
{
  TdTapeChart *self = TD_TAPE_CHART (object);

  g_free (self->property_id);
  g_array_unref (self->rows);
  g_array_unref (self->types);
  g_array_unref (self->bars);
  g_hash_table_unref (self->room_rows);
  g_free (self->row_first_bar);

  G_OBJECT_CLASS (td_tape_chart_parent_class)->finalize (object);
}

static void
td_tape_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TdTapeChart *self = TD_TAPE_CHART (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_tape_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TdTapeChart *self = TD_TAPE_CHART (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_tape_chart_class_init (TdTapeChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_tape_chart_dispose;
  object_class->finalize = td_tape_chart_finalize;
  object_class->get_property = td_tape_chart_get_property;
  object_class->set_property = td_tape_chart_set_property;
  widget_class->snapshot = td_tape_chart_snapshot;
  widget_class->measure = td_tape_chart_measure;
  widget_class->size_allocate = td_tape_chart_size_allocate;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[STAY_ACTIVATED] =
    g_signal_new ("stay-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);
  signals[BOOKING_REQUESTED] =
    g_signal_new ("booking-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_POINTER, G_TYPE_UINT, G_TYPE_UINT);

  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_POINTER, G_TYPE_POINTER, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "tapechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
td_tape_chart_init (TdTapeChart *self)
{
  GtkEventController *key, *focus;
  GtkGesture *drag;

  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->types = g_array_new (FALSE, TRUE, sizeof (TypeInfo));
  g_array_set_clear_func (self->types, type_info_clear);
  self->bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  self->room_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->pressed_bar = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tape chart"), -1);

  key = gtk_event_controller_key_new ();
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}
