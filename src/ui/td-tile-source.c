/* td-tile-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/stat.h>

#include "td-map-sources.h"
#include "td-tile-source.h"

struct _TdTileSource
{
  ShumateDataSource  parent_instance;

  char              *url_template;
  char              *cache_dir;
  char              *host;          /* for messages */
  GError            *failure;       /* of a failing source */
  SoupSession       *session;       /* made at the first request */
  char              *problem;
  guint              n_requests;
};

G_DEFINE_FINAL_TYPE (TdTileSource, td_tile_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_URL_TEMPLATE,
  PROP_CACHE_DIR,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* helpers                                                            */

gboolean
td_tile_bytes_is_image (GBytes *bytes)
{
  static gsize webp_checked;
  static gboolean has_webp;
  gsize size = 0;
  const guchar *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return TRUE;
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return TRUE;
  if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return TRUE;

  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    {
      if (g_once_init_enter (&webp_checked))
        {
          GSList *formats = gdk_pixbuf_get_formats ();

          for (GSList *l = formats; l; l = l->next)
            if (g_strcmp0 (gdk_pixbuf_format_get_name (l->data), "webp") == 0)
              has_webp = TRUE;
          g_slist_free (formats);
          g_once_init_leave (&webp_checked, 1);
        }
      return has_webp;
    }
  return FALSE;
}

char *
td_tile_source_expand (const char *url_template,
                       int         x,
                       int         y,
                       int         z)
{
  g_autoptr(GString) url = g_string_new (url_template);
  char number[16];

  g_snprintf (number, sizeof number, "%d", z);
  g_string_replace (url, "{z}", number, 0);
  g_snprintf (number, sizeof number, "%d", x);
  g_string_replace (url, "{x}", number, 0);
  g_snprintf (number, sizeof number, "%d", (1 << z) - 1 - y);
  g_string_replace (url, "{-y}", number, 0);
  g_string_replace (url, "{tmsy}", number, 0);
  g_snprintf (number, sizeof number, "%d", y);
  g_string_replace (url, "{y}", number, 0);

  return g_string_free (g_steal_pointer (&url), FALSE);
}

char *
td_tile_source_check_template (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *example = NULL;
  const char *scheme;

  if (text == NULL || *text == '\0')
    return g_strdup (_("Give the address of the tiles, with {z}, {x} and {y} in it"));
  if (strstr (text, "{z}") == NULL || strstr (text, "{x}") == NULL
      || (strstr (text, "{y}") == NULL && strstr (text, "{-y}") == NULL && strstr (text, "{tmsy}") == NULL))
    return g_strdup (_("The address needs {z}, {x} and {y} where the zoom level, column and row of each tile go"));

  example = td_tile_source_expand (text, 1, 2, 3);
  uri = g_uri_parse (example, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return g_strdup (_("The address must start with http:// or https:// and name a server"));
  return NULL;
}

static void
set_problem (TdTileSource *self,
             const char   *problem)
{
  td_data_source_set_problem (self, &self->problem, problem, properties[PROP_PROBLEM]);
}

static SoupSession *
get_session (TdTileSource *self)
{
  if (self->session == NULL)
    self->session = g_object_new (SOUP_TYPE_SESSION,
                                  "user-agent", TD_TILE_USER_AGENT,
                                  "timeout", 20,
                                  "idle-timeout", 60,
                                  "max-conns-per-host", 4,
                                  NULL);
  return self->session;
}

/* ------------------------------------------------------------------ */
/* the size of the cache                                              */

typedef struct {
  char   *path;
  gint64  mtime;
  goffset size;
} CachedFile;

static void
cached_file_free (CachedFile *file)
{
  g_free (file->path);
  g_free (file);
}

static void
list_tiles (const char *dir,
            GPtrArray  *files,
            guint64    *total,
            guint       depth)
{
  GDir *handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode) && depth < 4)
        list_tiles (path, files, total, depth + 1);
      else if (S_ISREG (st.st_mode) && g_str_has_suffix (name, ".tile"))
        {
          CachedFile *file = g_new (CachedFile, 1);

          file->path = g_steal_pointer (&path);
          file->mtime = st.st_mtime;
          file->size = st.st_size;
          *total += st.st_size;
          g_ptr_array_add (files, file);
        }
    }
  g_dir_close (handle);
}

static int
compare_mtime (gconstpointer a,
               gconstpointer b)
{
  const CachedFile *fa = *(CachedFile **) a, *fb = *(CachedFile **) b;

  return fa->mtime < fb->mtime ? -1 : fa->mtime > fb->mtime;
}

guint64
td_tile_cache_trim (const char *dir,
                    guint64     max_bytes)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) cached_file_free);
  guint64 total = 0, freed = 0;

  g_return_val_if_fail (dir != NULL, 0);

  list_tiles (dir, files, &total, 0);
  if (total <= max_bytes)
    return 0;

  /* a tile's time is when it was fetched or last found unchanged */
  g_ptr_array_sort (files, compare_mtime);
  for (guint i = 0; i < files->len && total - freed > max_bytes / 10 * 8; i++)
    {
      CachedFile *file = g_ptr_array_index (files, i);

      if (g_unlink (file->path) == 0)
        freed += file->size;
    }
  return freed;
}

typedef struct {
  char    *dir;
  guint64  max_bytes;
} Trim;

static void
trim_free (Trim *trim)
{
  g_free (trim->dir);
  g_free (trim);
}

static void
trim_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Trim *trim = task_data;
  guint64 freed = td_tile_cache_trim (trim->dir, trim->max_bytes);

  if (freed > 0)
    g_debug ("Removed %" G_GUINT64_FORMAT " bytes of old map tiles from %s", freed, trim->dir);
  g_task_return_boolean (task, TRUE);
}

void
td_tile_cache_trim_in_thread (const char *dir,
                              guint64     max_bytes)
{
  static gsize done;
  g_autoptr(GTask) task = NULL;
  Trim *trim;

  g_return_if_fail (dir != NULL);

  if (!g_once_init_enter (&done))
    return;
  trim = g_new0 (Trim, 1);
  trim->dir = g_strdup (dir);
  trim->max_bytes = max_bytes;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, trim, (GDestroyNotify) trim_free);
  g_task_run_in_thread (task, trim_thread);
  g_once_init_leave (&done, 1);
}

/* ------------------------------------------------------------------ */
/* one request                                                        */

typedef struct {
  int          x, y, z;
  char        *cache_path;   /* or NULL */
  GBytes      *kept;         /* from the cache, when stale */
  GDateTime   *kept_time;
  SoupMessage *message;
} Request;

static void
request_free (Request *request)
{
  g_free (request->cache_path);
  g_clear_pointer (&request->kept, g_bytes_unref);
  g_clear_pointer (&request->kept_time, g_date_time_unref);
  g_clear_object (&request->message);
  g_free (request);
}

/* Hands bytes to the raster renderer, then to the caller. */
static void
return_tile (GTask  *task,
             GBytes *bytes)
{
  Request *request = g_task_get_task_data (task);

  td_data_source_return_tile (task, request->x, request->y, request->z, bytes);
}

/* writing to the cache, in a worker thread; nothing waits for it */

typedef struct {
  char   *path;
  GBytes *bytes;     /* NULL: only mark the kept tile fresh */
} Store;

static void
store_free (Store *store)
{
  g_free (store->path);
  g_clear_pointer (&store->bytes, g_bytes_unref);
  g_free (store);
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Store *store = task_data;

  if (store->bytes == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (store->path);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                   g_date_time_to_unix (now), G_FILE_QUERY_INFO_NONE, NULL, NULL);
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (store->path);

      /* a full disk or a read-only cache only costs the next download */
      if (g_mkdir_with_parents (dir, 0700) == 0)
        g_file_set_contents (store->path, g_bytes_get_data (store->bytes, NULL),
                             g_bytes_get_size (store->bytes), NULL);
    }
  g_task_return_boolean (task, TRUE);
}

static void
store_tile (const char *path,
            GBytes     *bytes)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  Store *store = g_new0 (Store, 1);

  store->path = g_strdup (path);
  store->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  g_task_set_task_data (task, store, (GDestroyNotify) store_free);
  g_task_run_in_thread (task, store_thread);
}

/* the server's answer */

static char *
describe_status (TdTileSource *self,
                 SoupMessage  *message)
{
  guint status = soup_message_get_status (message);
  const char *reason = soup_message_get_reason_phrase (message);

  if (status == SOUP_STATUS_FORBIDDEN || status == 429)
    return g_strdup_printf (_("The tile server %s refuses to send tiles (%u %s)"),
                            self->host, status, reason ? reason : "");
  return g_strdup_printf (_("The tile server %s answered with an error (%u %s)"),
                          self->host, status, reason ? reason : "");
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdTileSource *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (request->kept)
        {
          /* offline: the kept tile, already shown, will do */
          g_task_return_pointer (task, g_bytes_ref (request->kept), (GDestroyNotify) g_bytes_unref);
          return;
        }
      {
        g_autofree char *problem = g_strdup_printf (_("The tile server %s cannot be reached: %s"),
                                                    self->host, error->message);
        set_problem (self, problem);
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", problem);
      }
      return;
    }

  status = soup_message_get_status (request->message);

  if (status == SOUP_STATUS_NOT_MODIFIED && request->kept)
    {
      store_tile (request->cache_path, NULL);
      set_problem (self, NULL);
      g_task_return_pointer (task, g_bytes_ref (request->kept), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (status == SOUP_STATUS_OK && td_tile_bytes_is_image (bytes))
    {
      if (request->cache_path)
        store_tile (request->cache_path, bytes);
      set_problem (self, NULL);
      return_tile (task, bytes);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_NO_CONTENT)
    {
      /* outside what the server covers: a blank tile, not a problem */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "No tile %d/%d/%d on %s", request->z, request->x, request->y, self->host);
      return;
    }

  {
    g_autofree char *problem = NULL;

    if (status == SOUP_STATUS_OK)
      problem = g_strdup_printf (_("The tile server %s does not send images: check its address"), self->host);
    else
      problem = describe_status (self, request->message);

    if (request->kept)
      {
        g_task_return_pointer (task, g_bytes_ref (request->kept), (GDestroyNotify) g_bytes_unref);
        return;
      }
    set_problem (self, problem);
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", problem);
  }
}

static void
fetch (GTask *task)
{
  TdTileSource *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *url = td_tile_source_expand (self->url_template, request->x, request->y, request->z);
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” is not a web address"), url);

      set_problem (self, problem);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s", problem);
      return;
    }

  request->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  if (request->kept_time)
    {
      g_autofree char *date = soup_date_time_to_string (request->kept_time, SOUP_DATE_HTTP);

      soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                    "If-Modified-Since", date);
    }

  self->n_requests++;
  soup_session_send_and_read_async (get_session (self), request->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), fetched_cb, g_object_ref (task));
}

/* reading the cache, in a worker thread */

typedef struct {
  GBytes    *bytes;
  GDateTime *modified;
} Kept;

static void
kept_free (Kept *kept)
{
  g_clear_pointer (&kept->bytes, g_bytes_unref);
  g_clear_pointer (&kept->modified, g_date_time_unref);
  g_free (kept);
}

static void
read_cache_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *path = task_data;
  Kept *kept = g_new0 (Kept, 1);
  char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (path, &st) == 0 && g_file_get_contents (path, &contents, &length, NULL))
    {
      kept->bytes = g_bytes_new_take (contents, length);
      kept->modified = g_date_time_new_from_unix_utc (st.st_mtime);
    }
  g_task_return_pointer (task, kept, (GDestroyNotify) kept_free);
}

static void
cache_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  Kept *kept = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&kept, kept_free);
      return;
    }

  if (kept && kept->bytes && td_tile_bytes_is_image (kept->bytes))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan age = g_date_time_difference (now, kept->modified);

      if (age >= 0 && age < TD_TILE_CACHE_FRESH_SECONDS * G_TIME_SPAN_SECOND)
        {
          return_tile (task, kept->bytes);
          kept_free (kept);
          return;
        }

      /* stale: show it now, and ask the server whether it changed */
      g_signal_emit_by_name (g_task_get_source_object (task), "received-data",
                             request->x, request->y, request->z, kept->bytes);
      request->kept = g_steal_pointer (&kept->bytes);
      request->kept_time = g_steal_pointer (&kept->modified);
    }
  g_clear_pointer (&kept, kept_free);

  fetch (g_steal_pointer (&task));
}

static void
td_tile_source_get_tile_data_async (ShumateDataSource   *source,
                                    int                  x,
                                    int                  y,
                                    int                  z,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  TdTileSource *self = TD_TILE_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_tile_source_get_tile_data_async);

  if (self->failure)
    {
      set_problem (self, self->failure->message);
      g_task_return_error (task, g_error_copy (self->failure));
      return;
    }
  if (!td_data_source_check_tile (task, x, y, z))
    return;

  request = g_new0 (Request, 1);
  request->x = x;
  request->y = y;
  request->z = z;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (self->cache_dir)
    {
      g_autoptr(GTask) read = NULL;
      char name[64];

      g_snprintf (name, sizeof name, "%d" G_DIR_SEPARATOR_S "%d" G_DIR_SEPARATOR_S "%d.tile", z, x, y);
      request->cache_path = g_build_filename (self->cache_dir, name, NULL);

      read = g_task_new (NULL, cancellable, cache_read_cb, g_steal_pointer (&task));
      g_task_set_task_data (read, g_strdup (request->cache_path), g_free);
      g_task_run_in_thread (read, read_cache_thread);
      return;
    }

  fetch (g_steal_pointer (&task));
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_tile_source_finalize (GObject *object)
{
  TdTileSource *self = TD_TILE_SOURCE (object);

  g_clear_object (&self->session);
  g_clear_error (&self->failure);
  g_free (self->url_template);
  g_free (self->cache_dir);
  g_free (self->host);
  g_free (self->problem);

  G_OBJECT_CLASS (td_tile_source_parent_class)->finalize (object);
}

static void
td_tile_source_constructed (GObject *object)
{
  TdTileSource *self = TD_TILE_SOURCE (object);

  G_OBJECT_CLASS (td_tile_source_parent_class)->constructed (object);

  if (self->url_template)
    {
      g_autofree char *example = td_tile_source_expand (self->url_template, 0, 0, 0);
      g_autoptr(GUri) uri = g_uri_parse (example, G_URI_FLAGS_NONE, NULL);

      self->host = g_strdup (uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : self->url_template);
    }
}

static void
td_tile_source_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdTileSource *self = TD_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      g_value_set_string (value, self->url_template);
      break;
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_tile_source_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TdTileSource *self = TD_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      self->url_template = g_value_dup_string (value);
      break;
    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_tile_source_class_init (TdTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->constructed = td_tile_source_constructed;
  object_class->finalize = td_tile_source_finalize;
  object_class->get_property = td_tile_source_get_property;
  object_class->set_property = td_tile_source_set_property;

  /* the default get_tile_data_finish propagates the task's pointer */
  source_class->get_tile_data_async = td_tile_source_get_tile_data_async;

  properties[PROP_URL_TEMPLATE] =
    g_param_spec_string ("url-template", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_tile_source_init (TdTileSource *self)
{
}

TdTileSource *
td_tile_source_new (const char *url_template,
                    const char *cache_dir)
{
  g_return_val_if_fail (url_template != NULL, NULL);

  return g_object_new (TD_TYPE_TILE_SOURCE,
                       "url-template", url_template,
                       "cache-dir", cache_dir,
                       NULL);
}

TdTileSource *
td_tile_source_new_failing (const GError *error)
{
  TdTileSource *self;

  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (TD_TYPE_TILE_SOURCE, NULL);
  self->failure = g_error_copy (error);
  self->problem = g_strdup (error->message);
  return self;
}

const char *
td_tile_source_get_url_template (TdTileSource *self)
{
  g_return_val_if_fail (TD_IS_TILE_SOURCE (self), NULL);
  return self->url_template;
}

const char *
td_tile_source_get_cache_dir (TdTileSource *self)
{
  g_return_val_if_fail (TD_IS_TILE_SOURCE (self), NULL);
  return self->cache_dir;
}

const char *
td_tile_source_get_problem (TdTileSource *self)
{
  g_return_val_if_fail (TD_IS_TILE_SOURCE (self), NULL);
  return self->problem;
}

guint
td_tile_source_get_n_requests (TdTileSource *self)
{
  g_return_val_if_fail (TD_IS_TILE_SOURCE (self), 0);
  return self->n_requests;
}
