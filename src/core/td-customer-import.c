/* td-customer-import.c: customers from CSV and vCard files
 *
 * The steps (load, dry run, run) work in a thread on what the object
 * holds: the text read, immutable once loaded, and a copy of the mapping
 * taken when the step starts. Their results, and the progress, come back
 * to the main context the step was started in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-csv.h"
#include "td-customer-import-private.h"
#include "td-main-context.h"
#include "td-text-encoding.h"
#include "td-vcard.h"

G_DEFINE_QUARK (td-customer-import-error-quark, td_customer_import_error)

G_DEFINE_ENUM_TYPE (TdImportFormat, td_import_format,
  G_DEFINE_ENUM_VALUE (TD_IMPORT_FORMAT_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (TD_IMPORT_FORMAT_CSV, "csv"),
  G_DEFINE_ENUM_VALUE (TD_IMPORT_FORMAT_VCARD, "vcard"))

G_DEFINE_ENUM_TYPE (TdImportPhase, td_import_phase,
  G_DEFINE_ENUM_VALUE (TD_IMPORT_PHASE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (TD_IMPORT_PHASE_READING, "reading"),
  G_DEFINE_ENUM_VALUE (TD_IMPORT_PHASE_CHECKING, "checking"),
  G_DEFINE_ENUM_VALUE (TD_IMPORT_PHASE_WRITING, "writing"))

#define N_PREVIEW_ROWS 20

/* What load read: never changed afterwards, shared with the steps. */
typedef struct {
  gatomicrefcount  ref_count;
  TdImportFormat   format;
  char            *encoding;
  char            *text;          /* CSV: the whole file, UTF-8 */
  gsize            length;
  char             delimiter;
  GPtrArray       *header;        /* CSV: char * */
  GPtrArray       *preview;       /* CSV: GStrv, the first rows */
  GArray          *preview_lines; /* guint */
  guint            n_rows;
  GPtrArray       *vcard_rows;    /* vCard: TdCustomerRow */
} Loaded;

static Loaded *
loaded_ref (Loaded *loaded)
{
  g_atomic_ref_count_inc (&loaded->ref_count);
  return loaded;
}

static void
loaded_unref (Loaded *loaded)
{
  if (loaded == NULL || !g_atomic_ref_count_dec (&loaded->ref_count))
    return;
  g_free (loaded->encoding);
  g_free (loaded->text);
  g_clear_pointer (&loaded->header, g_ptr_array_unref);
  g_clear_pointer (&loaded->preview, g_ptr_array_unref);
  g_clear_pointer (&loaded->preview_lines, g_array_unref);
  g_clear_pointer (&loaded->vcard_rows, g_ptr_array_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_unref)

struct _TdCustomerImport {
  GObject         parent_instance;

  TdDatabase     *db;
  TdImportFormat  format;
  char           *encoding;
  double          progress;
  TdImportPhase   phase;
  gboolean        busy;
  guint           serial;    /* of the step: progress of an older one is dropped */

  Loaded         *loaded;
  GArray         *mapping;   /* TdCustomerColumn, one per column */
};

G_DEFINE_FINAL_TYPE (TdCustomerImport, td_customer_import, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_FORMAT,
  PROP_ENCODING,
  PROP_PROGRESS,
  PROP_PHASE,
  PROP_N_ROWS,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* progress, from any thread to the main context                       */

typedef struct {
  TdCustomerImport *self;
  GMainContext     *context;
  guint             serial;
  TdImportPhase     phase;
  double            base;      /* the part of the bar this phase fills */
  double            span;
  double            last;
} Progress;

typedef struct {
  TdCustomerImport *self;
  guint             serial;
  TdImportPhase     phase;
  double            value;
} ProgressUpdate;

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->self);
  g_free (update);
}

static void
set_progress (TdCustomerImport *self,
              TdImportPhase     phase,
              double            value)
{
  if (self->phase != phase)
    {
      self->phase = phase;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
    }
  if (self->progress != value)
    {
      self->progress = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

static gboolean
apply_progress (gpointer data)
{
  ProgressUpdate *update = data;

  if (update->serial == update->self->serial && update->self->busy)
    set_progress (update->self, update->phase, update->value);
  return G_SOURCE_REMOVE;
}

static void
progress_send (Progress *progress,
               double    value)
{
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  progress->last = value;
  update->self = g_object_ref (progress->self);
  update->serial = progress->serial;
  update->phase = progress->phase;
  update->value = value;
  td_main_context_post (progress->context, G_PRIORITY_DEFAULT, apply_progress,
                        update, progress_update_free);
}

static void
progress_phase (Progress      *progress,
                TdImportPhase  phase,
                double         base,
                double         span)
{
  progress->phase = phase;
  progress->base = base;
  progress->span = span;
  progress_send (progress, base);
}

/* fraction: of the current phase. Sends at most every 0.2 %. */
static void
progress_report (Progress *progress,
                 double    fraction)
{
  double value = progress->base + progress->span * CLAMP (fraction, 0.0, 1.0);

  if (value >= progress->last + 0.002 || (fraction >= 1.0 && value > progress->last))
    progress_send (progress, value);
}

/* ------------------------------------------------------------------ */
/* the steps                                                          */

typedef enum {
  STEP_LOAD,
  STEP_DRY_RUN,
  STEP_RUN,
} StepKind;

typedef struct {
  StepKind          kind;
  Progress          progress;
  TdDatabase       *db;
  /* load */
  GFile            *file;
  TdImportFormat    format;
  char             *encoding;
  /* dry run, run */
  Loaded           *loaded;
  GArray           *mapping;
  char             *actor;
  /* results */
  Loaded           *result;
  TdImportReport   *report;
} Step;

static void
step_free (Step *step)
{
  g_clear_object (&step->progress.self);
  g_main_context_unref (step->progress.context);
  g_clear_object (&step->db);
  g_clear_object (&step->file);
  g_free (step->encoding);
  loaded_unref (step->loaded);
  g_clear_pointer (&step->mapping, g_array_unref);
  g_free (step->actor);
  loaded_unref (step->result);
  g_clear_pointer (&step->report, td_import_report_unref);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

static gboolean
looks_like_vcard (const char *text,
                  gsize       length)
{
  const char *end = text + length;

  while (text < end && g_ascii_isspace (*text))
    text++;
  return end - text >= 11 && g_ascii_strncasecmp (text, "BEGIN:VCARD", 11) == 0;
}

static gboolean
named_vcard (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name ? name : "", -1);

  return g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard");
}

static gboolean
set_vcard_error (GError  *vcard_error,
                 GError **error)
{
  TdCustomerImportError code = TD_CUSTOMER_IMPORT_ERROR_SYNTAX;

  if (g_error_matches (vcard_error, TD_VCARD_ERROR, TD_VCARD_ERROR_ENCODING))
    code = TD_CUSTOMER_IMPORT_ERROR_ENCODING;
  else if (g_error_matches (vcard_error, TD_VCARD_ERROR, TD_VCARD_ERROR_EMPTY))
    code = TD_CUSTOMER_IMPORT_ERROR_EMPTY;
  g_set_error_literal (error, TD_CUSTOMER_IMPORT_ERROR, code, vcard_error->message);
  return FALSE;
}

/* vCards may say their charset value by value (CHARSET=GBK): read the
 * bytes as they are unless the file is UTF-16 or the clerk named an
 * encoding, and decode the whole file first only when that fails. */
static gboolean
load_vcard (Loaded      *loaded,
            const char  *data,
            gsize        length,
            const char  *text,
            gsize        text_length,
            gboolean     forced,
            GError     **error)
{
  g_autoptr(GError) vcard_error = NULL;
  gboolean whole = text && (forced || g_str_has_prefix (loaded->encoding, "UTF-16")
                            || g_str_equal (loaded->encoding, "UTF-8"));

  /* a file that is not text as a whole may still be vCards with CHARSET */

  if (whole)
    loaded->vcard_rows = td_vcard_parse (text, text_length, &vcard_error);
  else
    {
      if (length >= 3 && memcmp (data, TD_CSV_BOM, 3) == 0)
        {
          data += 3;
          length -= 3;
        }
      loaded->vcard_rows = td_vcard_parse (data, length, &vcard_error);
      if (loaded->vcard_rows == NULL && text
          && g_error_matches (vcard_error, TD_VCARD_ERROR, TD_VCARD_ERROR_ENCODING))
        {
          g_clear_error (&vcard_error);
          loaded->vcard_rows = td_vcard_parse (text, text_length, &vcard_error);
        }
      else if (loaded->vcard_rows && loaded->encoding == NULL)
        loaded->encoding = g_strdup ("UTF-8");
    }
  if (loaded->vcard_rows == NULL)
    return set_vcard_error (vcard_error, error);
  loaded->n_rows = loaded->vcard_rows->len;
  if (loaded->n_rows == 0)
    {
      g_set_error_literal (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_EMPTY,
                           _("The file holds no contact."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_csv (Loaded        *loaded,
          Progress      *progress,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(TdCsvReader) reader = td_csv_reader_new (loaded->text, loaded->length, 0);
  GError *local_error = NULL;

  loaded->delimiter = td_csv_reader_get_delimiter (reader);
  loaded->header = g_ptr_array_new_with_free_func (g_free);
  loaded->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  loaded->preview_lines = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!td_csv_reader_next (reader, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_EMPTY,
                             _("The file is empty."));
      goto failed;
    }
  for (const char * const *f = td_csv_reader_get_fields (reader); *f; f++)
    g_ptr_array_add (loaded->header, g_strstrip (g_strdup (*f)));

  while (td_csv_reader_next (reader, &local_error))
    {
      if (loaded->n_rows < N_PREVIEW_ROWS)
        {
          guint line = td_csv_reader_get_line (reader);

          g_ptr_array_add (loaded->preview, g_strdupv ((char **) td_csv_reader_get_fields (reader)));
          g_array_append_val (loaded->preview_lines, line);
        }
      loaded->n_rows++;
      if (loaded->n_rows % 1024 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          progress_report (progress, (double) td_csv_reader_get_position (reader) / MAX (loaded->length, 1));
        }
    }
  if (local_error)
    goto failed;
  if (loaded->n_rows == 0)
    {
      g_set_error (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_EMPTY,
                   _("The file has a header but no customer rows after it."));
      return FALSE;
    }
  return TRUE;

failed:
  if (local_error->domain == TD_CSV_ERROR)
    {
      g_set_error_literal (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_SYNTAX,
                           local_error->message);
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
step_load (Step          *step,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  g_autoptr(GError) decode_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *parse_name = g_file_get_parse_name (step->file);
  gsize length = 0, text_length = 0;
  GError *local_error = NULL;

  g_atomic_ref_count_init (&loaded->ref_count);
  progress_phase (&step->progress, TD_IMPORT_PHASE_READING, 0.0, 1.0);

  if (!g_file_load_contents (step->file, cancellable, &data, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, local_error);
      else
        {
          g_set_error (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_READ,
                       _("Cannot read “%s”: %s"), parse_name, local_error->message);
          g_error_free (local_error);
        }
      return FALSE;
    }

  text = td_text_decode (data, length, step->encoding, &text_length, &loaded->encoding, NULL, &decode_error);

  loaded->format = step->format;
  if (loaded->format == TD_IMPORT_FORMAT_AUTO)
    loaded->format = named_vcard (step->file)
                     || (text ? looks_like_vcard (text, text_length) : looks_like_vcard (data, length))
                     ? TD_IMPORT_FORMAT_VCARD : TD_IMPORT_FORMAT_CSV;

  if (loaded->format == TD_IMPORT_FORMAT_VCARD && (text || step->encoding == NULL))
    {
      if (!load_vcard (loaded, data, length, text, text_length, step->encoding != NULL, error))
        return FALSE;
    }
  else
    {
      if (text == NULL)
        {
          g_set_error_literal (error, TD_CUSTOMER_IMPORT_ERROR,
                               g_error_matches (decode_error, TD_TEXT_ENCODING_ERROR, TD_TEXT_ENCODING_ERROR_UNKNOWN)
                               ? TD_CUSTOMER_IMPORT_ERROR_READ : TD_CUSTOMER_IMPORT_ERROR_ENCODING,
                               decode_error->message);
          return FALSE;
        }
      loaded->text = g_steal_pointer (&text);
      loaded->length = text_length;
      if (!load_csv (loaded, &step->progress, cancellable, error))
        return FALSE;
    }

  progress_report (&step->progress, 1.0);
  step->result = g_steal_pointer (&loaded);
  return TRUE;
}

static gboolean
mapping_has (GArray           *mapping,
             TdCustomerColumn  column)
{
  for (guint i = 0; i < mapping->len; i++)
    if (g_array_index (mapping, TdCustomerColumn, i) == column)
      return TRUE;
  return FALSE;
}

/* The name the row gives, for the report of a row skipped unread. */
static char *
row_name (TdCustomerRow *row)
{
  JsonObject *values = row->values;
  const char *name = json_object_get_string_member_with_default (values, "name", NULL);

  if (name)
    return g_strdup (name);
  if (json_object_has_member (values, "family_name") || json_object_has_member (values, "given_name"))
    return td_customer_format_name (json_object_get_string_member_with_default (values, "family_name", NULL),
                                    json_object_get_string_member_with_default (values, "given_name", NULL));
  return NULL;
}

static TdCustomerRow *
copy_row (TdCustomerRow *row)
{
  TdCustomerRow *copy = td_customer_row_new (row->line);
  g_autoptr(GList) members = json_object_get_members (row->values);

  for (const GList *l = members; l; l = l->next)
    json_object_set_member (copy->values, l->data,
                            json_node_copy (json_object_get_member (row->values, l->data)));
  for (guint i = 0; i < row->documents->len; i++)
    {
      JsonObject *document = g_ptr_array_index (row->documents, i);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), document);
      g_autoptr(JsonNode) node_copy = json_node_copy (node);

      g_ptr_array_add (copy->documents, json_object_ref (json_node_get_object (node_copy)));
    }
  for (guint i = 0; i < row->notes->len; i++)
    g_ptr_array_add (copy->notes, g_strdup (g_ptr_array_index (row->notes, i)));
  return copy;
}

/* The rows of the file, one at a time through the plan. */
typedef struct {
  Step          *step;
  TdImportPlan  *plan;
  GCancellable  *cancellable;
  TdCsvReader   *reader;   /* CSV */
  guint          next;     /* vCard: the next row */
  guint          done;
} Rows;

static void
rows_clear (Rows *rows)
{
  g_clear_pointer (&rows->reader, td_csv_reader_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rows, rows_clear)

static gboolean
rows_init (Rows          *rows,
           Step          *step,
           TdImportPlan  *plan,
           GCancellable  *cancellable,
           GError       **error)
{
  Loaded *loaded = step->loaded;

  rows->step = step;
  rows->plan = plan;
  rows->cancellable = cancellable;
  if (loaded->format == TD_IMPORT_FORMAT_VCARD)
    return TRUE;

  if (!mapping_has (step->mapping, TD_CUSTOMER_COLUMN_NAME)
      && !mapping_has (step->mapping, TD_CUSTOMER_COLUMN_FAMILY_NAME)
      && !mapping_has (step->mapping, TD_CUSTOMER_COLUMN_GIVEN_NAME))
    {
      g_set_error_literal (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_NO_NAME,
                           _("No column holds the customers’ names: the header needs a column such as 姓名 or Name, or choose which column is the name."));
      return FALSE;
    }
  rows->reader = td_csv_reader_new (loaded->text, loaded->length, loaded->delimiter);
  /* the header */
  td_csv_reader_next (rows->reader, NULL);
  return TRUE;
}

/* Plans the next row: FALSE at the end (error not set) or on an error. */
static gboolean
rows_plan_next (Rows    *rows,
                GError **error)
{
  Loaded *loaded = rows->step->loaded;
  GError *local_error = NULL;

  if (g_cancellable_set_error_if_cancelled (rows->cancellable, error))
    return FALSE;

  if (loaded->format == TD_IMPORT_FORMAT_VCARD)
    {
      g_autoptr(TdCustomerRow) row = NULL;

      if (rows->next >= loaded->vcard_rows->len)
        return FALSE;
      row = copy_row (g_ptr_array_index (loaded->vcard_rows, rows->next++));
      if (!_td_import_plan_add_row (rows->plan, row, error))
        return FALSE;
    }
  else if (td_csv_reader_next (rows->reader, &local_error))
    {
      const TdCustomerColumn *mapping = (const TdCustomerColumn *) (gpointer) rows->step->mapping->data;
      guint n_columns = rows->step->mapping->len;
      const char * const *fields = td_csv_reader_get_fields (rows->reader);
      guint n_fields = td_csv_reader_get_n_fields (rows->reader);
      g_autoptr(TdCustomerRow) row = td_customer_row_from_fields (fields, n_fields, mapping, n_columns,
                                                                  td_csv_reader_get_line (rows->reader));
      guint filled = n_fields;

      /* trailing empty fields do not count */
      while (filled > n_columns && *g_strstrip ((char *) fields[filled - 1]) == '\0')
        filled--;
      if (filled > n_columns)
        {
          g_autofree char *name = row_name (row);

          _td_import_plan_skip (rows->plan, row->line, name,
                                g_strdup_printf (_("The row has %u values but the header names %u columns: is a comma inside a value without quotes around it?"),
                                                 filled, n_columns));
        }
      else if (!_td_import_plan_add_row (rows->plan, row, error))
        return FALSE;
    }
  else
    {
      if (local_error)
        {
          g_set_error_literal (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_SYNTAX,
                               local_error->message);
          g_error_free (local_error);
        }
      return FALSE;
    }

  progress_report (&rows->step->progress, (double) ++rows->done / MAX (loaded->n_rows, 1));
  return TRUE;
}

/* For td_database_commit_stream(): the changes of each row in turn, the
 * row planned when the one before has been written. */
static TdChange *
next_change (gpointer   user_data,
             GError   **error)
{
  Rows *rows = user_data;
  TdChange *change;

  while ((change = _td_import_plan_take_change (rows->plan)) == NULL)
    {
      GError *local_error = NULL;

      if (!rows_plan_next (rows, &local_error))
        {
          if (local_error)
            g_propagate_error (error, local_error);
          return NULL;
        }
    }
  return change;
}

/* A dry run plans every row; a run plans and writes them in turn, in one
 * transaction, so that it never holds more than a row's changes. */
static gboolean
step_plan (Step          *step,
           GCancellable  *cancellable,
           GError       **error)
{
  gboolean run = step->kind == STEP_RUN;
  g_autoptr(TdImportPlan) plan = _td_import_plan_new (step->db, run);
  g_auto(Rows) rows = { 0 };
  GError *local_error = NULL;

  progress_phase (&step->progress, run ? TD_IMPORT_PHASE_WRITING : TD_IMPORT_PHASE_CHECKING, 0.0, 1.0);
  if (!rows_init (&rows, step, plan, cancellable, error))
    return FALSE;

  if (run)
    {
      if (!td_database_commit_stream (step->db, step->actor, next_change, &rows, cancellable, error))
        return FALSE;
    }
  else
    {
      while (rows_plan_next (&rows, &local_error))
        ;
      if (local_error)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  progress_report (&step->progress, 1.0);
  step->report = td_import_report_ref (_td_import_plan_get_report (plan));
  return TRUE;
}

static gboolean
step_work (Step          *step,
           GCancellable  *cancellable,
           GError       **error)
{
  switch (step->kind)
    {
    case STEP_LOAD:
      return step_load (step, cancellable, error);
    case STEP_DRY_RUN:
    case STEP_RUN:
      return step_plan (step, cancellable, error);
    default:
      g_assert_not_reached ();
    }
}

/* A step of self, or NULL with BUSY / NOT_LOADED. */
static Step *
step_begin (TdCustomerImport  *self,
            StepKind           kind,
            GError           **error)
{
  Step *step;

  if (self->busy)
    {
      g_set_error_literal (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_BUSY,
                           _("The import is still busy with the previous step."));
      return NULL;
    }
  if (kind != STEP_LOAD && self->loaded == NULL)
    {
      g_set_error_literal (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_NOT_LOADED,
                           _("No file has been read yet."));
      return NULL;
    }

  step = g_new0 (Step, 1);
  step->kind = kind;
  step->db = g_object_ref (self->db);
  step->progress.self = g_object_ref (self);
  step->progress.context = g_main_context_ref_thread_default ();
  step->progress.serial = ++self->serial;
  step->progress.last = -1.0;
  if (kind == STEP_LOAD)
    {
      step->format = self->format;
      step->encoding = g_strdup (self->encoding);
    }
  else
    {
      step->loaded = loaded_ref (self->loaded);
      step->mapping = g_array_copy (self->mapping);
    }

  self->busy = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  set_progress (self, TD_IMPORT_PHASE_IDLE, 0.0);
  return step;
}

/* Back in the main context: the results into self. */
static void
step_end (TdCustomerImport *self,
          Step             *step,
          gboolean          ok)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (ok && step->kind == STEP_LOAD)
    {
      Loaded *loaded = step->result;

      g_clear_pointer (&self->loaded, loaded_unref);
      self->loaded = loaded_ref (loaded);
      g_array_set_size (self->mapping, 0);
      for (guint i = 0; loaded->header && i < loaded->header->len; i++)
        {
          TdCustomerColumn column = td_customer_column_guess (g_ptr_array_index (loaded->header, i));

          /* one column for each field, except those that add up */
          if (!td_customer_column_adds_up (column) && mapping_has (self->mapping, column))
            column = TD_CUSTOMER_COLUMN_IGNORE;
          g_array_append_val (self->mapping, column);
        }
      if (self->format != loaded->format)
        {
          self->format = loaded->format;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
        }
      if (g_strcmp0 (self->encoding, loaded->encoding) != 0)
        {
          g_free (self->encoding);
          self->encoding = g_strdup (loaded->encoding);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROWS]);
    }

  self->serial++;
  self->busy = FALSE;
  set_progress (self, TD_IMPORT_PHASE_IDLE, ok ? 1.0 : self->progress);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
step_run_sync (TdCustomerImport  *self,
               Step              *step,
               GCancellable      *cancellable,
               GError           **error)
{
  gboolean ok = step_work (step, cancellable, error);

  step_end (self, step, ok);
  return ok;
}

static void
step_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (step_work (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The worker is done: results into self, then to the caller's task. */
static void
step_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TdCustomerImport *self = TD_CUSTOMER_IMPORT (object);
  g_autoptr(GTask) outer = user_data;
  Step *step = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  step_end (self, step, ok);
  if (!ok)
    g_task_return_error (outer, error);
  else if (step->report)
    g_task_return_pointer (outer, td_import_report_ref (step->report), (GDestroyNotify) td_import_report_unref);
  else
    g_task_return_boolean (outer, TRUE);
}

static void
step_start_async (TdCustomerImport    *self,
                  Step                *step,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (self, cancellable, step_done, outer);

  g_task_set_source_tag (outer, source_tag);
  g_task_set_task_data (inner, step, (GDestroyNotify) step_free);
  /* the worker ends on its own terms: a commit never stops half way */
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, step_thread);
}

static void
report_error_async (TdCustomerImport    *self,
                    gpointer             source_tag,
                    GError              *error,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_error (task, error);
}

/* ------------------------------------------------------------------ */
/* public                                                             */

TdCustomerImport *
td_customer_import_new (TdDatabase *db)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  return g_object_new (TD_TYPE_CUSTOMER_IMPORT, "database", db, NULL);
}

TdDatabase *
td_customer_import_get_database (TdCustomerImport *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), NULL);
  return self->db;
}

TdImportFormat
td_customer_import_get_format (TdCustomerImport *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), TD_IMPORT_FORMAT_AUTO);
  return self->format;
}

void
td_customer_import_set_format (TdCustomerImport *self,
                               TdImportFormat    format)
{
  g_return_if_fail (TD_IS_CUSTOMER_IMPORT (self));
  if (self->format == format)
    return;
  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

const char *
td_customer_import_get_encoding (TdCustomerImport *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), NULL);
  return self->encoding;
}

void
td_customer_import_set_encoding (TdCustomerImport *self,
                                 const char       *encoding)
{
  g_return_if_fail (TD_IS_CUSTOMER_IMPORT (self));
  if (encoding && *encoding == '\0')
    encoding = NULL;
  if (g_strcmp0 (self->encoding, encoding) == 0)
    return;
  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
}

double
td_customer_import_get_progress (TdCustomerImport *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), 0.0);
  return self->progress;
}

TdImportPhase
td_customer_import_get_phase (TdCustomerImport *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), TD_IMPORT_PHASE_IDLE);
  return self->phase;
}

guint
td_customer_import_get_n_rows (TdCustomerImport *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), 0);
  return self->loaded ? self->loaded->n_rows : 0;
}

gboolean
td_customer_import_load (TdCustomerImport  *self,
                         GFile             *file,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(Step) step = NULL;

  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  step = step_begin (self, STEP_LOAD, error);
  if (step == NULL)
    return FALSE;
  step->file = g_object_ref (file);
  return step_run_sync (self, step, cancellable, error);
}

void
td_customer_import_load_async (TdCustomerImport    *self,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GError *error = NULL;
  Step *step;

  g_return_if_fail (TD_IS_CUSTOMER_IMPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  step = step_begin (self, STEP_LOAD, &error);
  if (step == NULL)
    {
      report_error_async (self, td_customer_import_load_async, error, callback, user_data);
      return;
    }
  step->file = g_object_ref (file);
  step_start_async (self, step, td_customer_import_load_async, cancellable, callback, user_data);
}

gboolean
td_customer_import_load_finish (TdCustomerImport  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
td_customer_import_get_n_columns (TdCustomerImport *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), 0);
  return self->mapping->len;
}

const char *
td_customer_import_get_column_name (TdCustomerImport *self,
                                    guint             column)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->mapping->len, NULL);
  return g_ptr_array_index (self->loaded->header, column);
}

TdCustomerColumn
td_customer_import_get_column_mapping (TdCustomerImport *self,
                                       guint             column)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), TD_CUSTOMER_COLUMN_IGNORE);
  g_return_val_if_fail (column < self->mapping->len, TD_CUSTOMER_COLUMN_IGNORE);
  return g_array_index (self->mapping, TdCustomerColumn, column);
}

void
td_customer_import_set_column_mapping (TdCustomerImport *self,
                                       guint             column,
                                       TdCustomerColumn  mapping)
{
  g_return_if_fail (TD_IS_CUSTOMER_IMPORT (self));
  g_return_if_fail (column < self->mapping->len);
  g_return_if_fail (mapping < TD_CUSTOMER_N_COLUMNS);
  g_array_index (self->mapping, TdCustomerColumn, column) = mapping;
}

guint
td_customer_import_get_n_preview_rows (TdCustomerImport *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), 0);
  return self->loaded && self->loaded->preview ? self->loaded->preview->len : 0;
}

const char * const *
td_customer_import_get_preview_row (TdCustomerImport *self,
                                    guint             row)
{
  g_return_val_if_fail (row < td_customer_import_get_n_preview_rows (self), NULL);
  return g_ptr_array_index (self->loaded->preview, row);
}

guint
td_customer_import_get_preview_line (TdCustomerImport *self,
                                     guint             row)
{
  g_return_val_if_fail (row < td_customer_import_get_n_preview_rows (self), 0);
  return g_array_index (self->loaded->preview_lines, guint, row);
}

static TdImportReport *
plan_sync (TdCustomerImport  *self,
           StepKind           kind,
           const char        *actor,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(Step) step = step_begin (self, kind, error);

  if (step == NULL)
    return NULL;
  step->actor = g_strdup (actor);
  if (!step_run_sync (self, step, cancellable, error))
    return NULL;
  return td_import_report_ref (step->report);
}

static void
plan_async (TdCustomerImport    *self,
            StepKind             kind,
            const char          *actor,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GError *error = NULL;
  Step *step = step_begin (self, kind, &error);

  if (step == NULL)
    {
      report_error_async (self, source_tag, error, callback, user_data);
      return;
    }
  step->actor = g_strdup (actor);
  step_start_async (self, step, source_tag, cancellable, callback, user_data);
}

TdImportReport *
td_customer_import_dry_run (TdCustomerImport  *self,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), NULL);
  return plan_sync (self, STEP_DRY_RUN, NULL, cancellable, error);
}

void
td_customer_import_dry_run_async (TdCustomerImport    *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (TD_IS_CUSTOMER_IMPORT (self));
  plan_async (self, STEP_DRY_RUN, NULL, td_customer_import_dry_run_async, cancellable, callback, user_data);
}

TdImportReport *
td_customer_import_dry_run_finish (TdCustomerImport  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

TdImportReport *
td_customer_import_run (TdCustomerImport  *self,
                        const char        *actor,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT (self), NULL);
  return plan_sync (self, STEP_RUN, actor, cancellable, error);
}

void
td_customer_import_run_async (TdCustomerImport    *self,
                              const char          *actor,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (TD_IS_CUSTOMER_IMPORT (self));
  plan_async (self, STEP_RUN, actor, td_customer_import_run_async, cancellable, callback, user_data);
}

TdImportReport *
td_customer_import_run_finish (TdCustomerImport  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
td_customer_import_finalize (GObject *object)
{
  TdCustomerImport *self = TD_CUSTOMER_IMPORT (object);

  g_clear_object (&self->db);
  g_free (self->encoding);
  loaded_unref (self->loaded);
  g_array_unref (self->mapping);

  G_OBJECT_CLASS (td_customer_import_parent_class)->finalize (object);
}

static void
td_customer_import_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TdCustomerImport *self = TD_CUSTOMER_IMPORT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    case PROP_ENCODING:
      g_value_set_string (value, self->encoding);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;
    case PROP_N_ROWS:
      g_value_set_uint (value, td_customer_import_get_n_rows (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_import_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TdCustomerImport *self = TD_CUSTOMER_IMPORT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    case PROP_FORMAT:
      td_customer_import_set_format (self, g_value_get_enum (value));
      break;
    case PROP_ENCODING:
      td_customer_import_set_encoding (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_import_class_init (TdCustomerImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_customer_import_finalize;
  object_class->get_property = td_customer_import_get_property;
  object_class->set_property = td_customer_import_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, TD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, TD_TYPE_IMPORT_FORMAT, TD_IMPORT_FORMAT_AUTO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENCODING] =
    g_param_spec_string ("encoding", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, TD_TYPE_IMPORT_PHASE, TD_IMPORT_PHASE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ROWS] =
    g_param_spec_uint ("n-rows", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_customer_import_init (TdCustomerImport *self)
{
  self->mapping = g_array_new (FALSE, FALSE, sizeof (TdCustomerColumn));
}
