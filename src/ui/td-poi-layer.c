/* td-poi-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "td-map-view.h"
#include "td-poi-layer.h"

/* logical pixels */
#define ICON_SIZE        28      /* a point: disc and symbol */
#define GLYPH_SIZE       16
#define HALO_SIZE        40      /* the ring of a selected or highlighted point */
#define CELL_SIZE        64      /* clustering grid */
#define CLOSE_CELL_SIZE  20      /* from CLOSE_ZOOM: only points that overlap */
#define CLOSE_ZOOM       16


typedef struct {
  double  mx, my;       /* Web Mercator, 0..1 from the north-west corner */
  guint8  category;
} Point;

typedef struct {
  double  mx, my;       /* average position */
  guint   first;        /* into members */
  guint   count;
  guint8  category;
  guint8  mixed;        /* of several categories */
} Cluster;

typedef struct {
  float   x, y, radius;
  guint   cluster;      /* or point index, when single */
  gboolean single;
} Drawn;

struct _TdPoiLayer
{
  ShumateLayer  parent_instance;

  GPtrArray    *pois;
  Point        *points;
  guint         n_points;
  GHashTable   *index_of;       /* TdPoi* → index + 1 */
  guint         hidden;         /* a bit per category */
  GHashTable   *highlighted;    /* indices + 1 */
  int           selected;       /* index, or -1 */

  int           cluster_zoom;   /* -1: to be made */
  GArray       *clusters;       /* Cluster */
  guint        *members;        /* point indices, by cluster */

  int           textures_scale; /* 0: to be made */
  GdkTexture   *icons[TD_POI_N_CATEGORIES];
  GdkTexture   *halo;
  GHashTable   *cluster_textures;  /* "label|colour" → GdkTexture */

  GArray       *drawn;          /* Drawn, in drawing order */
  guint         n_drawn_clusters;
  guint         n_drawn_points;
};

G_DEFINE_FINAL_TYPE (TdPoiLayer, td_poi_layer, SHUMATE_TYPE_LAYER)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* categories                                                         */

static const struct {
  const char *icon;
  guint32     rgb;
} category_styles[TD_POI_N_CATEGORIES] = {
  [TD_POI_ATTRACTION] = { "td-poi-attraction-symbolic", 0xc64600 },
  [TD_POI_HOTEL] = { "td-hotel-symbolic", 0x1c71d8 },
  [TD_POI_RESTAURANT] = { "td-poi-restaurant-symbolic", 0xc01c28 },
  [TD_POI_SHOP] = { "td-poi-shop-symbolic", 0x813d9c },
  [TD_POI_TRANSPORT] = { "td-poi-transport-symbolic", 0x26a269 },
  [TD_POI_PROPERTY] = { "td-poi-property-symbolic", 0x986a44 },
};

/* clusters of several categories */
#define MIXED_RGB 0x3d3846

void
td_poi_category_get_color (TdPoiCategory  category,
                           GdkRGBA       *color)
{
  guint32 rgb;

  g_return_if_fail (category < TD_POI_N_CATEGORIES);

  rgb = category_styles[category].rgb;
  color->red = ((rgb >> 16) & 0xff) / 255.0;
  color->green = ((rgb >> 8) & 0xff) / 255.0;
  color->blue = (rgb & 0xff) / 255.0;
  color->alpha = 1.0;
}

const char *
td_poi_category_get_icon_name (TdPoiCategory category)
{
  g_return_val_if_fail (category < TD_POI_N_CATEGORIES, NULL);
  return category_styles[category].icon;
}

static void
set_source_rgb (cairo_t *cr,
                guint32  rgb,
                double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  /* cairo's ARGB32 is GDK_MEMORY_DEFAULT */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

/* A disc of rgb with a white edge; its symbol, if any, in white. */
static void
draw_disc (cairo_t    *cr,
           double      center,
           double      radius,
           guint32     rgb)
{
  /* a soft shadow, so that it stands out of any map */
  cairo_arc (cr, center, center + 1, radius + 1, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_fill (cr);

  cairo_arc (cr, center, center, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_arc (cr, center, center, radius - 2, 0, 2 * G_PI);
  set_source_rgb (cr, rgb, 1);
  cairo_fill (cr);
}

GdkTexture *
td_poi_category_render_icon (TdPoiCategory category,
                             int           size,
                             int           scale)
{
  g_autofree char *resource = NULL;
  g_autoptr(GdkPixbuf) glyph = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  GdkTexture *texture;
  cairo_t *cr;
  int glyph_px = (int) round (size * GLYPH_SIZE / (double) ICON_SIZE * scale);

  g_return_val_if_fail (category < TD_POI_N_CATEGORIES, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size * scale, size * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  draw_disc (cr, size / 2.0, size / 2.0 - 1, category_styles[category].rgb);
  cairo_identity_matrix (cr);

  /* the symbolic icon, used as a mask for white */
  resource = g_strdup_printf ("/org/tourdesk/Tourdesk/icons/scalable/actions/%s.svg",
                              category_styles[category].icon);
  glyph = gdk_pixbuf_new_from_resource_at_scale (resource, glyph_px, glyph_px, TRUE, &error);
  if (glyph)
    {
      cairo_surface_t *mask = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, glyph_px, glyph_px);
      cairo_t *mask_cr = cairo_create (mask);
      double offset = (size * scale - glyph_px) / 2.0;

      gdk_cairo_set_source_pixbuf (mask_cr, glyph, 0, 0);
      cairo_paint (mask_cr);
      cairo_destroy (mask_cr);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_mask_surface (cr, mask, round (offset), round (offset) - scale * 0.5);
      cairo_surface_destroy (mask);
    }
  else
    g_debug ("No icon %s: %s", resource, error->message);

  cairo_destroy (cr);
  texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  return texture;
}

/* ------------------------------------------------------------------ */
/* textures                                                           */

static void
clear_textures (TdPoiLayer *self)
{
  for (guint i = 0; i < TD_POI_N_CATEGORIES; i++)
    g_clear_object (&self->icons[i]);
  g_clear_object (&self->halo);
  g_hash_table_remove_all (self->cluster_textures);
  self->textures_scale = 0;
}

static void
ensure_textures (TdPoiLayer *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  cairo_surface_t *surface;
  cairo_t *cr;

  if (self->textures_scale == scale)
    return;
  clear_textures (self);
  self->textures_scale = scale;

  for (guint i = 0; i < TD_POI_N_CATEGORIES; i++)
    self->icons[i] = td_poi_category_render_icon (i, ICON_SIZE, scale);

  /* the ring around a selected or highlighted point */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, HALO_SIZE * scale, HALO_SIZE * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_arc (cr, HALO_SIZE / 2.0, HALO_SIZE / 2.0, HALO_SIZE / 2.0 - 1, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.35);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2);
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_stroke (cr);
  cairo_destroy (cr);
  self->halo = texture_from_surface (surface);
  cairo_surface_destroy (surface);
}

static int
cluster_radius (guint count)
{
  return count < 10 ? 15 : count < 100 ? 18 : count < 1000 ? 21 : 24;
}

static char *
cluster_label (guint count)
{
  return count < 1000 ? g_strdup_printf ("%u", count) : g_strdup ("999+");
}

static GdkTexture *
get_cluster_texture (TdPoiLayer    *self,
                     const Cluster *cluster)
{
  g_autofree char *label = cluster_label (cluster->count);
  guint32 rgb = cluster->mixed ? MIXED_RGB : category_styles[cluster->category].rgb;
  g_autofree char *key = g_strdup_printf ("%s|%06x", label, rgb);
  GdkTexture *texture = g_hash_table_lookup (self->cluster_textures, key);
  int scale = self->textures_scale;
  int radius, size;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
  int text_width, text_height;

  if (texture)
    return texture;

  radius = cluster_radius (cluster->count);
  size = 2 * (radius + 4);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size * scale, size * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);

  /* a pale ring says “more than one” */
  cairo_arc (cr, size / 2.0, size / 2.0, radius + 4, 0, 2 * G_PI);
  set_source_rgb (cr, rgb, 0.3);
  cairo_fill (cr);
  draw_disc (cr, size / 2.0, radius, rgb);

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self))));
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_size (font, (cluster->count < 1000 ? 9 : 8) * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, label, -1);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  cairo_move_to (cr, (size - text_width) / 2.0, (size - text_height) / 2.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);

  texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  g_hash_table_insert (self->cluster_textures, g_steal_pointer (&key), texture);
  return texture;
}

/* ------------------------------------------------------------------ */
/* clustering                                                         */

static void
invalidate_clusters (TdPoiLayer *self)
{
  self->cluster_zoom = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
point_is_apart (TdPoiLayer *self,
                guint       index)
{
  return (int) index == self->selected
         || (self->highlighted && g_hash_table_contains (self->highlighted, GUINT_TO_POINTER (index + 1)));
}

typedef struct {
  guint64 cell;
  guint   point;
} Keyed;

static int
compare_keyed (const void *a,
               const void *b)
{
  const Keyed *ka = a, *kb = b;

  if (ka->cell != kb->cell)
    return ka->cell < kb->cell ? -1 : 1;
  return ka->point < kb->point ? -1 : ka->point > kb->point;
}

typedef struct {
  guint64 cell;
  double  sum_x, sum_y;
  guint   count;
  guint8  category;
  guint8  mixed;
  guint   parent;       /* union-find */
} Cell;

static guint
find_root (Cell  *cells,
           guint  i)
{
  while (cells[i].parent != i)
    {
      cells[i].parent = cells[cells[i].parent].parent;
      i = cells[i].parent;
    }
  return i;
}

static int
compare_cell_key (const void *key,
                  const void *element)
{
  guint64 cell = *(const guint64 *) key;
  const Cell *c = element;

  return cell < c->cell ? -1 : cell > c->cell;
}

static void
make_clusters (TdPoiLayer *self,
               int         zoom,
               double      tile_size)
{
  double world = tile_size * pow (2, zoom);
  double cell_size = zoom >= CLOSE_ZOOM ? CLOSE_CELL_SIZE : CELL_SIZE;
  double merge_distance = cell_size / 2;
  g_autofree Keyed *keyed = g_new (Keyed, MAX (self->n_points, 1));
  g_autofree Cell *cells = NULL;
  g_autofree guint *cell_of = g_new (guint, MAX (self->n_points, 1));
  g_autofree guint *cluster_of_root = NULL;
  guint n_keyed = 0, n_cells = 0;

  g_array_set_size (self->clusters, 0);
  g_clear_pointer (&self->members, g_free);
  self->cluster_zoom = zoom;

  /* the grid cell of every point shown */
  for (guint i = 0; i < self->n_points; i++)
    {
      const Point *p = &self->points[i];
      guint64 gx, gy;

      if ((self->hidden & (1u << p->category)) || point_is_apart (self, i))
        continue;
      gx = (guint64) floor (p->mx * world / cell_size);
      gy = (guint64) floor (p->my * world / cell_size);
      keyed[n_keyed].cell = (gx << 32) | gy;
      keyed[n_keyed].point = i;
      n_keyed++;
    }
  if (n_keyed == 0)
    return;
  qsort (keyed, n_keyed, sizeof (Keyed), compare_keyed);

  /* one Cell per occupied grid cell */
  cells = g_new0 (Cell, n_keyed);
  for (guint k = 0; k < n_keyed; k++)
    {
      const Point *p = &self->points[keyed[k].point];
      Cell *c;

      if (n_cells == 0 || cells[n_cells - 1].cell != keyed[k].cell)
        {
          c = &cells[n_cells];
          c->cell = keyed[k].cell;
          c->category = p->category;
          c->parent = n_cells;
          n_cells++;
        }
      c = &cells[n_cells - 1];
      if (c->category != p->category)
        c->mixed = TRUE;
      c->sum_x += p->mx;
      c->sum_y += p->my;
      c->count++;
      cell_of[keyed[k].point] = n_cells - 1;
    }

  /* Cells are square: two crowds either side of a border would overlap.
   * Merge neighbours whose centres are close. */
  for (guint i = 0; i < n_cells; i++)
    {
      gint64 gx = (gint64) (cells[i].cell >> 32);
      gint64 gy = (gint64) (cells[i].cell & 0xffffffff);

      for (int dx = 0; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++)
          {
            guint64 key;
            Cell *other;
            guint a, b;
            double ax, ay, bx, by;

            if ((dx == 0 && dy <= 0) || gy + dy < 0)
              continue;
            key = ((guint64) (gx + dx) << 32) | (guint64) (gy + dy);
            other = bsearch (&key, cells, n_cells, sizeof (Cell), compare_cell_key);
            if (other == NULL)
              continue;
            a = find_root (cells, i);
            b = find_root (cells, (guint) (other - cells));
            if (a == b)
              continue;
            ax = cells[a].sum_x / cells[a].count * world;
            ay = cells[a].sum_y / cells[a].count * world;
            bx = cells[b].sum_x / cells[b].count * world;
            by = cells[b].sum_y / cells[b].count * world;
            if ((ax - bx) * (ax - bx) + (ay - by) * (ay - by) > merge_distance * merge_distance)
              continue;
            if (cells[a].count < cells[b].count)
              {
                guint t = a;
                a = b;
                b = t;
              }
            cells[b].parent = a;
            cells[a].mixed |= cells[b].mixed || cells[a].category != cells[b].category;
            cells[a].sum_x += cells[b].sum_x;
            cells[a].sum_y += cells[b].sum_y;
            cells[a].count += cells[b].count;
          }
    }

  /* the clusters, and their points one after the other */
  cluster_of_root = g_new (guint, n_cells);
  for (guint i = 0; i < n_cells; i++)
    if (find_root (cells, i) == i)
      {
        Cluster cluster = { 0 };

        cluster.mx = cells[i].sum_x / cells[i].count;
        cluster.my = cells[i].sum_y / cells[i].count;
        cluster.count = cells[i].count;
        cluster.category = cells[i].category;
        cluster.mixed = cells[i].mixed;
        cluster_of_root[i] = self->clusters->len;
        g_array_append_val (self->clusters, cluster);
      }
  {
    Cluster *clusters = (Cluster *) (gpointer) self->clusters->data;
    guint first = 0;
    g_autofree guint *fill = g_new0 (guint, self->clusters->len);

    for (guint c = 0; c < self->clusters->len; c++)
      {
        clusters[c].first = first;
        first += clusters[c].count;
      }
    self->members = g_new (guint, n_keyed);
    for (guint k = 0; k < n_keyed; k++)
      {
        guint point = keyed[k].point;
        guint c = cluster_of_root[find_root (cells, cell_of[point])];

        self->members[clusters[c].first + fill[c]++] = point;
      }
  }
}

/* ------------------------------------------------------------------ */
/* drawing                                                            */

static void
ensure_clusters (TdPoiLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  int zoom = (int) floor (shumate_viewport_get_zoom_level (viewport) + 0.5);

  if (zoom != self->cluster_zoom)
    make_clusters (self, zoom, shumate_map_source_get_tile_size (source));
}

static void
append_texture (GtkSnapshot *snapshot,
                GdkTexture  *texture,
                int          scale,
                double       x,
                double       y)
{
  double w = gdk_texture_get_width (texture) / (double) scale;
  double h = gdk_texture_get_height (texture) / (double) scale;

  /* whole pixels: crisp icons */
  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (round (x - w / 2), round (y - h / 2), w, h));
}

static void
draw_single (TdPoiLayer  *self,
             GtkSnapshot *snapshot,
             const TdMapView  *view,
             guint        point,
             gboolean     ring)
{
  const Point *p = &self->points[point];
  double x, y, margin = HALO_SIZE / 2.0;
  Drawn drawn;

  td_map_view_project (view, p->mx, p->my, &x, &y);
  if (x < -margin || y < -margin || x > view->width + margin || y > view->height + margin)
    return;

  if (ring)
    append_texture (snapshot, self->halo, self->textures_scale, x, y);
  append_texture (snapshot, self->icons[p->category], self->textures_scale, x, y);

  drawn.x = x;
  drawn.y = y;
  drawn.radius = ICON_SIZE / 2.0;
  drawn.cluster = point;
  drawn.single = TRUE;
  g_array_append_val (self->drawn, drawn);
  self->n_drawn_points++;
}

static void
td_poi_layer_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  TdPoiLayer *self = TD_POI_LAYER (widget);
  TdMapView view;

  g_array_set_size (self->drawn, 0);
  self->n_drawn_clusters = self->n_drawn_points = 0;

  if (self->n_points == 0 || !td_map_view_init (&view, SHUMATE_LAYER (self)))
    return;

  ensure_textures (self);
  ensure_clusters (self);

  /* with search results, the rest steps back */
  if (self->highlighted)
    gtk_snapshot_push_opacity (snapshot, 0.5);

  for (guint c = 0; c < self->clusters->len; c++)
    {
      const Cluster *cluster = &g_array_index (self->clusters, Cluster, c);
      double x, y, margin;
      Drawn drawn;

      if (cluster->count == 1)
        {
          /* with its icon, like any point alone */
          guint point = self->members[cluster->first];
          double px, py;

          td_map_view_project (&view, self->points[point].mx, self->points[point].my, &px, &py);
          if (px < -ICON_SIZE || py < -ICON_SIZE || px > view.width + ICON_SIZE || py > view.height + ICON_SIZE)
            continue;
          append_texture (snapshot, self->icons[self->points[point].category], self->textures_scale, px, py);
          drawn.x = px;
          drawn.y = py;
          drawn.radius = ICON_SIZE / 2.0;
          drawn.cluster = c;
          drawn.single = FALSE;
          g_array_append_val (self->drawn, drawn);
          self->n_drawn_points++;
          continue;
        }

      td_map_view_project (&view, cluster->mx, cluster->my, &x, &y);
      margin = cluster_radius (cluster->count) + 4;
      if (x < -margin || y < -margin || x > view.width + margin || y > view.height + margin)
        continue;
      append_texture (snapshot, get_cluster_texture (self, cluster), self->textures_scale, x, y);
      drawn.x = x;
      drawn.y = y;
      drawn.radius = cluster_radius (cluster->count) + 2;
      drawn.cluster = c;
      drawn.single = FALSE;
      g_array_append_val (self->drawn, drawn);
      self->n_drawn_clusters++;
    }

  if (self->highlighted)
    gtk_snapshot_pop (snapshot);

  /* apart, on top: the search results, then the selected point */
  if (self->highlighted)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->highlighted);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint point = GPOINTER_TO_UINT (key) - 1;

          if ((int) point != self->selected && !(self->hidden & (1u << self->points[point].category)))
            draw_single (self, snapshot, &view, point, TRUE);
        }
    }
  if (self->selected >= 0)
    draw_single (self, snapshot, &view, self->selected, TRUE);
}

/* ------------------------------------------------------------------ */
/* picking                                                            */

static const Drawn *
pick_drawn (TdPoiLayer *self,
            double      x,
            double      y)
{
  /* the last drawn is on top */
  for (guint i = self->drawn->len; i > 0; i--)
    {
      const Drawn *d = &g_array_index (self->drawn, Drawn, i - 1);
      double dx = x - d->x, dy = y - d->y;

      if (dx * dx + dy * dy <= (d->radius + 2) * (d->radius + 2))
        return d;
    }
  return NULL;
}

GPtrArray *
td_poi_layer_pick (TdPoiLayer *self,
                   double      x,
                   double      y)
{
  const Drawn *d;
  GPtrArray *pois;

  g_return_val_if_fail (TD_IS_POI_LAYER (self), NULL);

  d = pick_drawn (self, x, y);
  if (d == NULL)
    return NULL;

  pois = g_ptr_array_new_with_free_func ((GDestroyNotify) td_poi_unref);
  if (d->single)
    g_ptr_array_add (pois, td_poi_ref (g_ptr_array_index (self->pois, d->cluster)));
  else
    {
      const Cluster *cluster = &g_array_index (self->clusters, Cluster, d->cluster);

      for (guint i = 0; i < cluster->count; i++)
        g_ptr_array_add (pois, td_poi_ref (g_ptr_array_index (self->pois, self->members[cluster->first + i])));
    }
  return pois;
}

gboolean
td_poi_layer_activate_at (TdPoiLayer *self,
                          double      x,
                          double      y)
{
  g_autoptr(GPtrArray) pois = td_poi_layer_pick (self, x, y);
  const Drawn *d;

  if (pois == NULL)
    return FALSE;
  /* from the centre of what was clicked */
  d = pick_drawn (self, x, y);
  g_signal_emit (self, signals[ACTIVATED], 0, pois, (double) d->x, (double) d->y);
  return TRUE;
}

static void
click_released_cb (TdPoiLayer      *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  if (n_press == 1 && td_poi_layer_activate_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Only the points and clusters take the pointer: elsewhere it goes to the
 * map below (ShumateLayer's default is never). */
static gboolean
td_poi_layer_contains (GtkWidget *widget,
                       double     x,
                       double     y)
{
  return pick_drawn (TD_POI_LAYER (widget), x, y) != NULL;
}

static gboolean
td_poi_layer_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  TdPoiLayer *self = TD_POI_LAYER (widget);
  g_autoptr(GPtrArray) pois = keyboard ? NULL : td_poi_layer_pick (self, x, y);

  if (pois == NULL)
    return FALSE;

  if (pois->len == 1)
    {
      TdPoi *poi = g_ptr_array_index (pois, 0);

      /* its popover is open */
      if (self->selected >= 0 && g_ptr_array_index (self->pois, self->selected) == (gpointer) poi)
        return FALSE;

      if (poi->name_en)
        {
          g_autofree char *text = g_strdup_printf ("%s\n%s", poi->name, poi->name_en);

          gtk_tooltip_set_text (tooltip, text);
        }
      else
        gtk_tooltip_set_text (tooltip, poi->name);
    }
  else
    {
      g_autofree char *count = g_strdup_printf ("%u", pois->len);
      g_autofree char *text =
        g_strdup_printf (ngettext ("%s place: click to zoom in", "%s places: click to zoom in", pois->len), count);

      gtk_tooltip_set_text (tooltip, text);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* API                                                                */

void
td_poi_layer_set_pois (TdPoiLayer *self,
                       GPtrArray  *pois)
{
  TdPoi *selected = NULL;

  g_return_if_fail (TD_IS_POI_LAYER (self));

  if (self->selected >= 0)
    selected = td_poi_ref (g_ptr_array_index (self->pois, self->selected));

  g_clear_pointer (&self->pois, g_ptr_array_unref);
  g_clear_pointer (&self->points, g_free);
  g_clear_pointer (&self->highlighted, g_hash_table_unref);
  g_hash_table_remove_all (self->index_of);
  self->n_points = 0;
  self->selected = -1;

  if (pois != NULL)
    {
      self->pois = g_ptr_array_ref (pois);
      self->n_points = pois->len;
      self->points = g_new (Point, MAX (pois->len, 1));
      for (guint i = 0; i < pois->len; i++)
        {
          TdPoi *poi = g_ptr_array_index (pois, i);
          td_map_view_mercator (poi->lat, poi->lon, &self->points[i].mx, &self->points[i].my);
          self->points[i].category = poi->category;
          g_hash_table_insert (self->index_of, poi, GUINT_TO_POINTER (i + 1));
        }
    }

  /* the same place in the new points, if it is still there */
  if (selected)
    {
      for (guint i = 0; i < self->n_points; i++)
        if (g_strcmp0 (((TdPoi *) g_ptr_array_index (self->pois, i))->id, selected->id) == 0)
          self->selected = i;
      td_poi_unref (selected);
    }

  invalidate_clusters (self);
}

GPtrArray *
td_poi_layer_get_pois (TdPoiLayer *self)
{
  g_return_val_if_fail (TD_IS_POI_LAYER (self), NULL);
  return self->pois;
}

void
td_poi_layer_set_category_visible (TdPoiLayer    *self,
                                   TdPoiCategory  category,
                                   gboolean       visible)
{
  guint hidden;

  g_return_if_fail (TD_IS_POI_LAYER (self));
  g_return_if_fail (category < TD_POI_N_CATEGORIES);

  hidden = visible ? self->hidden & ~(1u << category) : self->hidden | (1u << category);
  if (hidden == self->hidden)
    return;
  self->hidden = hidden;
  invalidate_clusters (self);
}

gboolean
td_poi_layer_get_category_visible (TdPoiLayer    *self,
                                   TdPoiCategory  category)
{
  g_return_val_if_fail (TD_IS_POI_LAYER (self), FALSE);
  g_return_val_if_fail (category < TD_POI_N_CATEGORIES, FALSE);
  return !(self->hidden & (1u << category));
}

static int
index_of (TdPoiLayer *self,
          TdPoi      *poi)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->index_of, poi)) - 1;
}

void
td_poi_layer_set_highlighted (TdPoiLayer *self,
                              GPtrArray  *pois)
{
  g_return_if_fail (TD_IS_POI_LAYER (self));

  g_clear_pointer (&self->highlighted, g_hash_table_unref);
  if (pois && pois->len > 0)
    {
      self->highlighted = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < pois->len; i++)
        {
          int index = index_of (self, g_ptr_array_index (pois, i));

          if (index >= 0)
            g_hash_table_add (self->highlighted, GUINT_TO_POINTER (index + 1));
        }
    }
  invalidate_clusters (self);
}

void
td_poi_layer_set_selected (TdPoiLayer *self,
                           TdPoi      *poi)
{
  int index;

  g_return_if_fail (TD_IS_POI_LAYER (self));

  index = poi ? index_of (self, poi) : -1;
  if (index == self->selected)
    return;
  self->selected = index;
  invalidate_clusters (self);
}

TdPoi *
td_poi_layer_get_selected (TdPoiLayer *self)
{
  g_return_val_if_fail (TD_IS_POI_LAYER (self), NULL);
  return self->selected >= 0 ? g_ptr_array_index (self->pois, self->selected) : NULL;
}

gboolean
td_poi_layer_get_poi_position (TdPoiLayer *self,
                               TdPoi      *poi,
                               double     *x,
                               double     *y)
{
  int index;
  TdMapView view;

  g_return_val_if_fail (TD_IS_POI_LAYER (self), FALSE);

  index = index_of (self, poi);
  if (index < 0 || (self->hidden & (1u << self->points[index].category)) || !td_map_view_init (&view, SHUMATE_LAYER (self)))
    return FALSE;

  if (!point_is_apart (self, index))
    {
      /* where its cluster is drawn */
      ensure_clusters (self);
      for (guint c = 0; c < self->clusters->len; c++)
        {
          const Cluster *cluster = &g_array_index (self->clusters, Cluster, c);

          for (guint i = 0; i < cluster->count; i++)
            if (self->members[cluster->first + i] == (guint) index)
              {
                if (cluster->count == 1)
                  td_map_view_project (&view, self->points[index].mx, self->points[index].my, x, y);
                else
                  td_map_view_project (&view, cluster->mx, cluster->my, x, y);
                goto found;
              }
        }
      return FALSE;
    }
  td_map_view_project (&view, self->points[index].mx, self->points[index].my, x, y);

found:
  return *x >= 0 && *y >= 0 && *x <= view.width && *y <= view.height;
}

void
td_poi_layer_get_drawn (TdPoiLayer *self,
                        guint      *n_clusters,
                        guint      *n_points)
{
  g_return_if_fail (TD_IS_POI_LAYER (self));

  if (n_clusters)
    *n_clusters = self->n_drawn_clusters;
  if (n_points)
    *n_points = self->n_drawn_points;
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
viewport_changed_cb (TdPoiLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
scale_changed_cb (TdPoiLayer *self)
{
  clear_textures (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
td_poi_layer_constructed (GObject *object)
{
  TdPoiLayer *self = TD_POI_LAYER (object);

  G_OBJECT_CLASS (td_poi_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
td_poi_layer_finalize (GObject *object)
{
  TdPoiLayer *self = TD_POI_LAYER (object);

  clear_textures (self);
  g_clear_pointer (&self->cluster_textures, g_hash_table_unref);
  g_clear_pointer (&self->pois, g_ptr_array_unref);
  g_clear_pointer (&self->points, g_free);
  g_clear_pointer (&self->index_of, g_hash_table_unref);
  g_clear_pointer (&self->highlighted, g_hash_table_unref);
  g_clear_pointer (&self->clusters, g_array_unref);
  g_clear_pointer (&self->members, g_free);
  g_clear_pointer (&self->drawn, g_array_unref);

  G_OBJECT_CLASS (td_poi_layer_parent_class)->finalize (object);
}

static void
td_poi_layer_class_init (TdPoiLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_poi_layer_constructed;
  object_class->finalize = td_poi_layer_finalize;

  widget_class->snapshot = td_poi_layer_snapshot;
  widget_class->query_tooltip = td_poi_layer_query_tooltip;
  widget_class->contains = td_poi_layer_contains;

  /**
   * TdPoiLayer::activated:
   * @pois: (element-type TdPoi): what was clicked: one point, or a cluster
   * @x: @y: the centre of what was clicked, on the layer
   */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_PTR_ARRAY, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

static void
td_poi_layer_init (TdPoiLayer *self)
{
  GtkGesture *click;

  self->selected = -1;
  self->cluster_zoom = -1;
  self->index_of = g_hash_table_new (NULL, NULL);
  self->clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));
  self->drawn = g_array_new (FALSE, FALSE, sizeof (Drawn));
  self->cluster_textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* the layer is only under the pointer over a point */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_changed_cb), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

TdPoiLayer *
td_poi_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (TD_TYPE_POI_LAYER, "viewport", viewport, NULL);
}
