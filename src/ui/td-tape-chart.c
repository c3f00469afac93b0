/* td-tape-chart.c: rooms down, nights across, stays as bars
 *
 * The rows and bars, loading, geometry, the keyboard, the pointer and
 * drags are here; drawing is in td-tape-chart-draw.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "td-tape-chart-private.h"


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

double
_td_tape_chart_hvalue (TdTapeChart *self)
{
  return self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

double
_td_tape_chart_vvalue (TdTapeChart *self)
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
  double bx = x - NAME_W + _td_tape_chart_hvalue (self);
  double by = y - HEAD_H + _td_tape_chart_vvalue (self);

  if (x < NAME_W || y < HEAD_H || bx < 0 || by < 0)
    return FALSE;
  if (bx >= (double) self->n_days * DAY_W || by >= (double) self->rows->len * ROW_H)
    return FALSE;
  *row = (guint) (by / ROW_H);
  *day = self->start + (guint) (bx / DAY_W);
  return TRUE;
}

void
_td_tape_chart_bar_rectangle (TdTapeChart  *self,
                              const Bar    *bar,
                              GdkRectangle *rect)
{
  guint32 start = MAX (bar->start, self->start);
  guint32 end = MIN (bar->end, self->start + self->n_days);

  rect->x = (int) (NAME_W + (double) (start - self->start) * DAY_W - _td_tape_chart_hvalue (self));
  rect->y = (int) (HEAD_H + (double) bar->row * ROW_H - _td_tape_chart_vvalue (self));
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
  _td_tape_chart_bar_rectangle (self, bar, &rect);
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
  if (!cell_at (self, x + dx, self->sel_row * ROW_H + HEAD_H - _td_tape_chart_vvalue (self) + 1, &row, &day))
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
  widget_class->snapshot = _td_tape_chart_snapshot;
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
