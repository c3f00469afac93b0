/* td-mbtiles-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "td-map-sources.h"
#include "td-mbtiles-source.h"
#include "td-tile-source.h"

struct _TdMbtilesSource
{
  ShumateDataSource  parent_instance;

  char              *path;
  char              *name;
  char              *attribution;
  guint              min_zoom;
  guint              max_zoom;
  gboolean           has_bounds;
  double             bounds[4];
  char              *problem;

  GMutex             lock;       /* the connection and its statement */
  sqlite3           *db;
  sqlite3_stmt      *select;
};

G_DEFINE_FINAL_TYPE (TdMbtilesSource, td_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_problem (TdMbtilesSource *self,
             const char      *problem)
{
  td_data_source_set_problem (self, &self->problem, problem, properties[PROP_PROBLEM]);
}

/* ------------------------------------------------------------------ */
/* reading a tile                                                     */

typedef struct {
  int x, y, z;
} TileKey;

/* in a worker thread */
static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TdMbtilesSource *self = source_object;
  TileKey *key = task_data;
  GBytes *bytes = NULL;
  g_autofree char *failure = NULL;
  int rc;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->lock);
  sqlite3_reset (self->select);
  sqlite3_bind_int (self->select, 1, key->z);
  sqlite3_bind_int (self->select, 2, key->x);
  /* MBTiles counts rows from the south */
  sqlite3_bind_int (self->select, 3, (1 << key->z) - 1 - key->y);
  rc = sqlite3_step (self->select);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (self->select, 0), sqlite3_column_bytes (self->select, 0));
  else if (rc != SQLITE_DONE)
    failure = g_strdup (sqlite3_errmsg (self->db));
  sqlite3_reset (self->select);
  g_mutex_unlock (&self->lock);

  if (failure)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The offline map file cannot be read: %s"), failure);
  else if (bytes == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             "No tile %d/%d/%d in the file", key->z, key->x, key->y);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
tile_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdMbtilesSource *self = TD_MBTILES_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  TileKey *key = g_task_get_task_data (G_TASK (result));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        set_problem (self, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!td_tile_bytes_is_image (bytes))
    {
      set_problem (self, _("The offline map file holds tiles that are not images (a vector MBTiles file?)"));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", self->problem);
      return;
    }

  set_problem (self, NULL);
  td_data_source_return_tile (task, key->x, key->y, key->z, bytes);
}

static void
td_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  z,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  TdMbtilesSource *self = TD_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) read = NULL;
  TileKey *key;

  g_task_set_source_tag (task, td_mbtiles_source_get_tile_data_async);

  if (!td_data_source_check_tile (task, x, y, z))
    return;

  key = g_new (TileKey, 1);
  key->x = x;
  key->y = y;
  key->z = z;
  read = g_task_new (self, cancellable, tile_read_cb, g_steal_pointer (&task));
  g_task_set_task_data (read, key, g_free);
  g_task_run_in_thread (read, read_tile_thread);
}

/* ------------------------------------------------------------------ */
/* opening                                                            */

static char *
metadata (sqlite3    *db,
          const char *name)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM metadata WHERE name = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static guint
parse_zoom (const char *text,
            guint       fallback)
{
  guint64 value;

  if (text && g_ascii_string_to_unsigned (g_strstrip ((char *) text), 10, 0, 22, &value, NULL))
    return (guint) value;
  return fallback;
}

TdMbtilesSource *
td_mbtiles_source_new (const char  *path,
                       GError     **error)
{
  g_autoptr(TdMbtilesSource) self = NULL;
  g_autofree char *display = NULL;
  g_autofree char *format = NULL;
  g_autofree char *min_zoom = NULL;
  g_autofree char *max_zoom = NULL;
  g_autofree char *bounds = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The offline map file “%s” does not exist"), display);
      return NULL;
    }

  self = g_object_new (TD_TYPE_MBTILES_SOURCE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (self->db,
                             "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                             -1, SQLITE_PREPARE_PERSISTENT, &self->select, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not an MBTiles map file"), display);
      return NULL;
    }

  format = metadata (self->db, "format");
  if (format && (g_ascii_strcasecmp (format, "pbf") == 0 || g_ascii_strcasecmp (format, "mvt") == 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” holds vector tiles, which this version of Tourdesk cannot draw; use an MBTiles file of PNG or JPEG tiles"),
                   display);
      return NULL;
    }

  self->name = metadata (self->db, "name");
  if (self->name == NULL || *self->name == '\0')
    {
      g_free (self->name);
      self->name = g_path_get_basename (path);
    }
  self->attribution = metadata (self->db, "attribution");
  if (self->attribution == NULL)
    self->attribution = g_strdup ("");
  min_zoom = metadata (self->db, "minzoom");
  max_zoom = metadata (self->db, "maxzoom");
  self->min_zoom = parse_zoom (min_zoom, 0);
  self->max_zoom = MAX (parse_zoom (max_zoom, 19), self->min_zoom);

  bounds = metadata (self->db, "bounds");
  if (bounds)
    {
      g_auto(GStrv) parts = g_strsplit (bounds, ",", -1);

      if (g_strv_length (parts) == 4)
        {
          self->has_bounds = TRUE;
          for (guint i = 0; i < 4; i++)
            {
              char *end = NULL;

              self->bounds[i] = g_ascii_strtod (parts[i], &end);
              if (end == parts[i])
                self->has_bounds = FALSE;
            }
        }
    }

  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_mbtiles_source_finalize (GObject *object)
{
  TdMbtilesSource *self = TD_MBTILES_SOURCE (object);

  g_clear_pointer (&self->select, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self->name);
  g_free (self->attribution);
  g_free (self->problem);

  G_OBJECT_CLASS (td_mbtiles_source_parent_class)->finalize (object);
}

static void
td_mbtiles_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdMbtilesSource *self = TD_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_mbtiles_source_class_init (TdMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = td_mbtiles_source_finalize;
  object_class->get_property = td_mbtiles_source_get_property;

  source_class->get_tile_data_async = td_mbtiles_source_get_tile_data_async;

  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_mbtiles_source_init (TdMbtilesSource *self)
{
  g_mutex_init (&self->lock);
}

const char *
td_mbtiles_source_get_path (TdMbtilesSource *self)
{
  g_return_val_if_fail (TD_IS_MBTILES_SOURCE (self), NULL);
  return self->path;
}

const char *
td_mbtiles_source_get_name (TdMbtilesSource *self)
{
  g_return_val_if_fail (TD_IS_MBTILES_SOURCE (self), NULL);
  return self->name;
}

const char *
td_mbtiles_source_get_attribution (TdMbtilesSource *self)
{
  g_return_val_if_fail (TD_IS_MBTILES_SOURCE (self), NULL);
  return self->attribution;
}

guint
td_mbtiles_source_get_min_zoom (TdMbtilesSource *self)
{
  g_return_val_if_fail (TD_IS_MBTILES_SOURCE (self), 0);
  return self->min_zoom;
}

guint
td_mbtiles_source_get_max_zoom (TdMbtilesSource *self)
{
  g_return_val_if_fail (TD_IS_MBTILES_SOURCE (self), 19);
  return self->max_zoom;
}

gboolean
td_mbtiles_source_get_bounds (TdMbtilesSource *self,
                              double          *west,
                              double          *south,
                              double          *east,
                              double          *north)
{
  g_return_val_if_fail (TD_IS_MBTILES_SOURCE (self), FALSE);

  if (!self->has_bounds)
    return FALSE;
  *west = self->bounds[0];
  *south = self->bounds[1];
  *east = self->bounds[2];
  *north = self->bounds[3];
  return TRUE;
}

const char *
td_mbtiles_source_get_problem (TdMbtilesSource *self)
{
  g_return_val_if_fail (TD_IS_MBTILES_SOURCE (self), NULL);
  return self->problem;
}
