/* td-customer-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-customer-import-dialog.h"
#include "td-import-entry-item.h"
#include "td-import-entry-list.h"
#include "td-utils.h"

/* Where the dialog is. */
typedef enum {
  STEP_START,      /* no file yet */
  STEP_LOADING,
  STEP_FILE,       /* read (or not): format, encoding, columns */
  STEP_CHECKING,
  STEP_REPORT,     /* what the import will do */
  STEP_IMPORTING,
  STEP_DONE,       /* what it did */
} Step;

/* The encodings offered, the detected one first: what the clerk sees, and
 * what the import is told. */
static const struct {
  const char *label;
  const char *encoding;
} encodings[] = {
  { N_("Detect"), NULL },
  { N_("UTF-8"), "UTF-8" },
  { N_("GB18030 (GBK, GB2312: Excel on a Chinese Windows)"), "GB18030" },
  { N_("UTF-16 (Excel’s “Unicode text”)"), "UTF-16" },
  { N_("Big5 (traditional Chinese)"), "BIG5" },
};

/* The rows the report list offers to show, in the order of
 * TdImportEntryFilter. */
static const char * const filter_labels[] = {
  N_("To look at: skipped, updated, or with a remark"),
  N_("All rows"),
  N_("New customers"),
  N_("Customers updated"),
  N_("Already there as they are"),
  N_("Skipped rows"),
};

struct _TdCustomerImportDialog
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkWidget         *cancel_button;
  GtkWidget         *back_button;
  GtkWidget         *next_button;
  GtkWidget         *banner;
  GtkLabel          *banner_label;
  GtkStack          *stack;
  AdwActionRow      *file_row;
  AdwActionRow      *format_row;
  AdwComboRow       *encoding_row;
  GtkLabel          *file_problem;
  GtkLabel          *file_summary;
  GtkWidget         *preview_scroller;
  GtkColumnView     *preview;
  GtkLabel          *working_label;
  GtkProgressBar    *progress_bar;
  GtkWidget         *stop_button;
  GtkLabel          *report_title;
  GtkLabel          *report_summary;
  GtkWidget         *counts_box;
  GtkDropDown       *filter_dropdown;
  GtkStack          *entries_stack;
  GtkListView       *entries_view;
  GtkLabel          *entries_none;

  TdDatabase        *database;
  TdCustomerImport  *import;
  GFile             *file;
  GCancellable      *cancellable;
  GtkNativeDialog   *file_chooser;
  GtkStringList     *preview_rows;    /* "mapping", then each preview row's index */
  GtkStringList     *column_titles;   /* the title of each TdCustomerColumn */
  TdImportEntryList *entries;
  TdImportReport    *report;

  Step               step;
  Step               step_before;     /* where a step that is cancelled goes back to */
  guint              file_read : 1;   /* the file chosen was read */
  guint              report_done : 1; /* the report is of the import, not of a check */
  guint              filling : 1;     /* widgets change from code */
  guint              disposed : 1;
};

G_DEFINE_FINAL_TYPE (TdCustomerImportDialog, td_customer_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_step (TdCustomerImportDialog *self,
                       Step                    step);

/* ------------------------------------------------------------------ */
/* helpers                                                            */

static void
show_banner (TdCustomerImportDialog *self,
             const char             *message)
{
  gtk_label_set_text (self->banner_label, message ? message : "");
  gtk_widget_set_visible (self->banner, message != NULL);
}

static gboolean
is_busy_step (Step step)
{
  return step == STEP_LOADING || step == STEP_CHECKING || step == STEP_IMPORTING;
}

static char *
file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static char *
count_text (guint count)
{
  return td_format_count (count);
}

/* ------------------------------------------------------------------ */
/* the preview of a CSV file                                          */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_list_item_set_child (item, box);
}

static void
mapping_changed_cb (GtkDropDown            *dropdown,
                    GParamSpec             *pspec,
                    TdCustomerImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "td-column"));
  guint selected = gtk_drop_down_get_selected (dropdown);
  guint n;

  if (self->filling || selected == GTK_INVALID_LIST_POSITION || selected >= TD_CUSTOMER_N_COLUMNS)
    return;
  if (td_customer_import_get_column_mapping (self->import, column) == (TdCustomerColumn) selected)
    return;

  td_customer_import_set_column_mapping (self->import, column, (TdCustomerColumn) selected);
  show_banner (self, NULL);

  /* the rows below show the column as taken or left out */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->preview_rows));
  if (n > 1)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 1; i < n; i++)
        g_ptr_array_add (rows, g_strdup (gtk_string_list_get_string (self->preview_rows, i)));
      g_ptr_array_add (rows, NULL);
      gtk_string_list_splice (self->preview_rows, 1, n - 1, (const char * const *) rows->pdata);
    }
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TdCustomerImportDialog   *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "td-column"));
  const char *row = gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_list_item_get_item (item)));
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);

  if (strcmp (row, "mapping") == 0)
    {
      /* the customer field the column goes to */
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->column_titles)), NULL);
      g_autofree char *name = g_strdup_printf ("mapping-%u", column);
      g_autofree char *accessible = NULL;

      self->filling = TRUE;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  td_customer_import_get_column_mapping (self->import, column));
      self->filling = FALSE;
      gtk_widget_set_name (dropdown, name);
      gtk_widget_set_hexpand (dropdown, TRUE);
      /* Translators: the drop-down that says what a column of the file holds: "Column “手机号码”" */
      accessible = g_strdup_printf (_("Column “%s” holds"), td_customer_import_get_column_name (self->import, column));
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data (G_OBJECT (dropdown), "td-column", GUINT_TO_POINTER (column));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (mapping_changed_cb), self);
      gtk_box_append (GTK_BOX (box), dropdown);
      gtk_list_item_set_activatable (item, FALSE);
    }
  else
    {
      guint index = (guint) g_ascii_strtoull (row, NULL, 10);
      const char * const *fields = td_customer_import_get_preview_row (self->import, index);
      const char *text = NULL;
      GtkWidget *label;

      for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
        if (i == column)
          text = fields[i];

      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
      if (text != NULL && strlen (text) > 20)
        gtk_widget_set_tooltip_text (label, text);
      if (td_customer_import_get_column_mapping (self->import, column) == TD_CUSTOMER_COLUMN_IGNORE)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
}

static void
line_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TdCustomerImportDialog   *self)
{
  const char *row = gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_list_item_get_item (item)));
  GtkWidget *box = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;
  GtkWidget *child, *label;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);

  if (strcmp (row, "mapping") == 0)
    /* Translators: above the drop-downs that say what each column holds */
    text = g_strdup (_("Goes to"));
  else
    text = g_strdup_printf ("%u", td_customer_import_get_preview_line (self->import,
                                                                     (guint) g_ascii_strtoull (row, NULL, 10)));
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
}

/* Room for the widest of texts, within reason: the column view of GTK 4.8
 * sizes columns by the rows it has seen, so a value further down would be
 * cut. */
static int
column_width (TdCustomerImportDialog *self,
              guint                   column,
              const char             *title)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), title);
  int width, widest;

  pango_layout_get_pixel_size (layout, &widest, NULL);
  /* the drop-down: the longest field title it may show, and its arrow */
  pango_layout_set_text (layout, td_customer_column_get_title (td_customer_import_get_column_mapping (self->import, column)), -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  widest = MAX (widest, width + 40);
  for (guint r = 0; r < td_customer_import_get_n_preview_rows (self->import); r++)
    {
      const char * const *fields = td_customer_import_get_preview_row (self->import, r);

      for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
        if (i == column)
          {
            pango_layout_set_text (layout, fields[i], -1);
            pango_layout_get_pixel_size (layout, &width, NULL);
            widest = MAX (widest, width);
          }
    }
  return CLAMP (widest + 24, 80, 300);
}

static GtkColumnViewColumn *
preview_column (TdCustomerImportDialog *self,
                const char             *title,
                GCallback               bind,
                guint                   column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "td-column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
  g_signal_connect (factory, "bind", bind, self);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  return view_column;
}

static void
clear_preview (TdCustomerImportDialog *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview);

  gtk_column_view_set_model (self->preview, NULL);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview, column);
    }
  g_clear_object (&self->preview_rows);
}

static void
fill_preview (TdCustomerImportDialog *self)
{
  guint n_columns = td_customer_import_get_n_columns (self->import);
  guint n_rows = td_customer_import_get_n_preview_rows (self->import);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(GtkColumnViewColumn) line = NULL;

  clear_preview (self);

  self->preview_rows = gtk_string_list_new (NULL);
  gtk_string_list_append (self->preview_rows, "mapping");
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *index = g_strdup_printf ("%u", i);

      gtk_string_list_append (self->preview_rows, index);
    }

  /* Translators: the column of line numbers of the file */
  line = preview_column (self, C_("file", "Line"), G_CALLBACK (line_bind_cb), 0);
  gtk_column_view_append_column (self->preview, line);
  for (guint c = 0; c < n_columns; c++)
    {
      const char *name = td_customer_import_get_column_name (self->import, c);
      g_autofree char *untitled = NULL;
      g_autoptr(GtkColumnViewColumn) column = NULL;

      if (name == NULL || name[0] == '\0')
        /* Translators: a column of the file without a header */
        name = untitled = g_strdup_printf (_("Column %u"), c + 1);
      column = preview_column (self, name, G_CALLBACK (cell_bind_cb), c);
      gtk_column_view_column_set_fixed_width (column, column_width (self, c, name));
      gtk_column_view_append_column (self->preview, column);
    }

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->preview_rows)));
  gtk_column_view_set_model (self->preview, GTK_SELECTION_MODEL (selection));
}

/* ------------------------------------------------------------------ */
/* the report                                                         */

static void
entry_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *line = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  GtkWidget *action = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);
  GtkWidget *warnings = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "td-import-entry");
  gtk_label_set_xalign (GTK_LABEL (line), 1);
  gtk_label_set_yalign (GTK_LABEL (line), 0);
  gtk_label_set_width_chars (GTK_LABEL (line), 9);
  gtk_widget_add_css_class (line, "dim-label");
  gtk_widget_add_css_class (line, "numeric");
  gtk_box_append (GTK_BOX (row), line);

  gtk_widget_add_css_class (action, "td-import-action");
  gtk_widget_add_css_class (action, "caption-heading");
  gtk_widget_set_valign (action, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (head), action);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (head), name);
  gtk_box_append (GTK_BOX (texts), head);

  for (GtkWidget *label = reason; label != NULL; label = label == reason ? warnings : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      gtk_box_append (GTK_BOX (texts), label);
    }
  gtk_widget_add_css_class (warnings, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (row), texts);

  g_object_set_data (G_OBJECT (row), "td-line", line);
  g_object_set_data (G_OBJECT (row), "td-action", action);
  g_object_set_data (G_OBJECT (row), "td-name", name);
  g_object_set_data (G_OBJECT (row), "td-reason", reason);
  g_object_set_data (G_OBJECT (row), "td-warnings", warnings);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static const char *
action_label (TdImportAction action,
              gboolean       done)
{
  switch (action)
    {
    case TD_IMPORT_ACTION_CREATE:
      return done ? C_("import row", "Added") : C_("import row", "New");
    case TD_IMPORT_ACTION_UPDATE:
      return done ? C_("import row", "Updated") : C_("import row", "Update");
    case TD_IMPORT_ACTION_UNCHANGED:
      return C_("import row", "Already there");
    case TD_IMPORT_ACTION_SKIP:
      return C_("import row", "Skipped");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
action_class (TdImportAction action)
{
  switch (action)
    {
    case TD_IMPORT_ACTION_CREATE: return "td-import-create";
    case TD_IMPORT_ACTION_UPDATE: return "td-import-update";
    case TD_IMPORT_ACTION_UNCHANGED: return "td-import-unchanged";
    case TD_IMPORT_ACTION_SKIP: return "td-import-skip";
    default: g_return_val_if_reached ("");
    }
}

static void
entry_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TdCustomerImportDialog   *self)
{
  const TdImportEntry *entry = td_import_entry_item_get_entry (gtk_list_item_get_item (item));
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *action = g_object_get_data (G_OBJECT (row), "td-action");
  GtkWidget *reason = g_object_get_data (G_OBJECT (row), "td-reason");
  GtkWidget *warnings = g_object_get_data (G_OBJECT (row), "td-warnings");
  g_autofree char *line = NULL;
  g_autofree char *joined = NULL;

  /* Translators: where a row is in the file */
  line = g_strdup_printf (_("Line %u"), entry->line);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "td-line"), line);

  gtk_label_set_text (GTK_LABEL (action), action_label (entry->action, self->report_done));
  for (TdImportAction a = TD_IMPORT_ACTION_CREATE; a <= TD_IMPORT_ACTION_SKIP; a++)
    gtk_widget_remove_css_class (action, action_class (a));
  gtk_widget_add_css_class (action, action_class (entry->action));

  /* Translators: a row of the file without a name */
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "td-name"),
                      entry->name != NULL ? entry->name : _("(no name)"));

  gtk_label_set_text (GTK_LABEL (reason), entry->reason);
  gtk_widget_set_visible (reason, entry->reason != NULL && entry->reason[0] != '\0');

  if (entry->warnings != NULL && entry->warnings[0] != NULL)
    joined = g_strjoinv ("\n", entry->warnings);
  gtk_label_set_text (GTK_LABEL (warnings), joined);
  gtk_widget_set_visible (warnings, joined != NULL);
}

static GtkWidget *
count_tile (guint       count,
            const char *caption,
            const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *number = count_text (count);
  GtkWidget *value = gtk_label_new (number);
  GtkWidget *label = gtk_label_new (caption);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", caption, number);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "td-import-count");
  gtk_widget_add_css_class (box, css_class);
  gtk_widget_add_css_class (value, "title-1");
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return box;
}

static void
update_entries_shown (TdCustomerImportDialog *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->entries)) > 0;

  gtk_label_set_text (self->entries_none, _("No row of the file is of this kind."));
  gtk_stack_set_visible_child_name (self->entries_stack, any ? "entries" : "none");
}

static void
filter_changed_cb (TdCustomerImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  if (self->filling || selected >= G_N_ELEMENTS (filter_labels))
    return;
  td_import_entry_list_set_filter (self->entries, (TdImportEntryFilter) selected);
  update_entries_shown (self);
}

static void
show_report (TdCustomerImportDialog *self,
             TdImportReport         *report,
             gboolean                done)
{
  guint created = td_import_report_count (report, TD_IMPORT_ACTION_CREATE);
  guint updated = td_import_report_count (report, TD_IMPORT_ACTION_UPDATE);
  guint unchanged = td_import_report_count (report, TD_IMPORT_ACTION_UNCHANGED);
  guint skipped = td_import_report_count (report, TD_IMPORT_ACTION_SKIP);
  g_autofree char *created_text = count_text (created);
  g_autofree char *updated_text = count_text (updated);
  g_autofree char *skipped_text = count_text (skipped);
  g_autoptr(GString) summary = NULL;
  g_autofree char *new_phrase = NULL;
  g_autofree char *updated_phrase = NULL;
  TdImportEntryFilter filter = TD_IMPORT_ENTRY_FILTER_NOTEWORTHY;
  GtkWidget *child;
  gboolean noteworthy = FALSE;

  td_import_report_ref (report);
  g_clear_pointer (&self->report, td_import_report_unref);
  self->report = report;
  self->report_done = done;

  /* one sentence a line: languages differ on spaces between them */
  summary = g_string_new (NULL);
  if (created > 0)
    new_phrase = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new customer", "%s new customers", created),
                                  created_text);
  if (updated > 0)
    updated_phrase = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer already there",
                                                   "%s customers already there", updated),
                                      updated_text);
  if (done)
    {
      gtk_label_set_text (self->report_title, _("Import Finished"));
      if (new_phrase != NULL && updated_phrase != NULL)
        /* Translators: "Added 5 new customers and updated 1 customer already there." */
        g_string_append_printf (summary, _("Added %s and updated %s, in one go."), new_phrase, updated_phrase);
      else if (new_phrase != NULL)
        g_string_append_printf (summary, _("Added %s, in one go."), new_phrase);
      else if (updated_phrase != NULL)
        g_string_append_printf (summary, _("Updated %s, in one go."), updated_phrase);
      else
        g_string_append (summary, _("Nothing was changed."));
    }
  else if (created + updated == 0)
    {
      gtk_label_set_text (self->report_title, _("Nothing to Import"));
      g_string_append (summary, _("The customers of this file are all in the workspace already, or their rows are skipped: importing would change nothing."));
    }
  else
    {
      gtk_label_set_text (self->report_title, _("Ready to Import"));
      g_string_append (summary, _("Nothing has been written yet."));
      g_string_append_c (summary, '\n');
      if (new_phrase != NULL && updated_phrase != NULL)
        /* Translators: "Importing adds 5 new customers and updates 1 customer already there." */
        g_string_append_printf (summary, _("Importing adds %s and updates %s."), new_phrase, updated_phrase);
      else if (new_phrase != NULL)
        g_string_append_printf (summary, _("Importing adds %s."), new_phrase);
      else
        g_string_append_printf (summary, _("Importing updates %s."), updated_phrase);
      if (updated > 0)
        {
          g_string_append_c (summary, '\n');
          g_string_append (summary, _("The file fills what a customer lacks: a value already there is never replaced."));
        }
    }
  if (skipped > 0)
    {
      g_string_append_c (summary, '\n');
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s row is skipped: its line and the reason are listed below.",
                                           "%s rows are skipped: their lines and the reasons are listed below.",
                                           skipped), skipped_text);
    }
  gtk_label_set_text (self->report_summary, summary->str);


  while ((child = gtk_widget_get_first_child (self->counts_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->counts_box), child);
  /* Translators: under the number of customers an import adds (or added) */
  gtk_box_append (GTK_BOX (self->counts_box),
                  count_tile (created, done ? C_("import count", "Added") : C_("import count", "New"),
                              "td-import-create"));
  gtk_box_append (GTK_BOX (self->counts_box),
                  count_tile (updated, done ? C_("import count", "Updated") : C_("import count", "To update"),
                              "td-import-update"));
  gtk_box_append (GTK_BOX (self->counts_box),
                  count_tile (unchanged, C_("import count", "Already there"), "td-import-unchanged"));
  gtk_box_append (GTK_BOX (self->counts_box),
                  count_tile (skipped, C_("import count", "Skipped"), "td-import-skip"));

  /* the rows worth a look, when there are some */
  for (guint i = 0; i < td_import_report_get_n_rows (report) && !noteworthy; i++)
    noteworthy = td_import_entry_filter_matches (TD_IMPORT_ENTRY_FILTER_NOTEWORTHY,
                                                 td_import_report_get_entry (report, i));
  if (!noteworthy)
    filter = TD_IMPORT_ENTRY_FILTER_ALL;
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->filter_dropdown, filter);
  self->filling = FALSE;
  td_import_entry_list_set_filter (self->entries, filter);
  td_import_entry_list_set_report (self->entries, report);
  update_entries_shown (self);

  show_step (self, done ? STEP_DONE : STEP_REPORT);
}

/* ------------------------------------------------------------------ */
/* steps                                                              */

static void
set_working_text (TdCustomerImportDialog *self)
{
  g_autofree char *name = self->file ? file_display_name (self->file) : NULL;
  g_autofree char *rows = count_text (td_customer_import_get_n_rows (self->import));
  g_autofree char *text = NULL;

  switch (self->step)
    {
    case STEP_LOADING:
      /* Translators: the name of the file */
      text = g_strdup_printf (_("Reading “%s”…"), name);
      break;
    case STEP_CHECKING:
      text = g_strdup_printf (_("Checking %s rows against the customers of the workspace…"), rows);
      break;
    case STEP_IMPORTING:
      if (td_customer_import_get_phase (self->import) == TD_IMPORT_PHASE_WRITING)
        text = g_strdup_printf (_("Writing %s rows to the workspace…"), rows);
      else
        text = g_strdup_printf (_("Checking %s rows once more before writing…"), rows);
      break;
    case STEP_START:
    case STEP_FILE:
    case STEP_REPORT:
    case STEP_DONE:
    default:
      return;
    }
  gtk_label_set_text (self->working_label, text);
}

static void
show_step (TdCustomerImportDialog *self,
           Step                    step)
{
  gboolean was_busy = is_busy_step (self->step);
  const char *next = NULL;
  gboolean next_ok = FALSE;

  if (is_busy_step (step) && !is_busy_step (self->step))
    self->step_before = self->step;
  self->step = step;

  switch (step)
    {
    case STEP_START:
      gtk_stack_set_visible_child_name (self->stack, "start");
      break;
    case STEP_LOADING:
    case STEP_CHECKING:
    case STEP_IMPORTING:
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      set_working_text (self);
      gtk_stack_set_visible_child_name (self->stack, "working");
      break;
    case STEP_FILE:
      next = _("_Check");
      next_ok = self->file_read;
      gtk_stack_set_visible_child_name (self->stack, "file");
      break;
    case STEP_REPORT:
      next = _("_Import");
      next_ok = self->report != NULL &&
                td_import_report_count (self->report, TD_IMPORT_ACTION_CREATE) +
                td_import_report_count (self->report, TD_IMPORT_ACTION_UPDATE) > 0;
      gtk_stack_set_visible_child_name (self->stack, "report");
      break;
    case STEP_DONE:
      next = _("_Done");
      next_ok = TRUE;
      gtk_stack_set_visible_child_name (self->stack, "report");
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_widget_set_visible (self->next_button, next != NULL);
  if (next != NULL)
    gtk_button_set_label (GTK_BUTTON (self->next_button), next);
  gtk_widget_set_sensitive (self->next_button, next_ok);
  gtk_widget_set_visible (self->back_button, step == STEP_REPORT);
  /* once written there is nothing to cancel: Done closes */
  gtk_widget_set_visible (self->cancel_button, step != STEP_DONE);
  gtk_widget_set_sensitive (self->cancel_button, !is_busy_step (step));

  if (was_busy != is_busy_step (step))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (next != NULL && next_ok)
    gtk_widget_grab_focus (self->next_button);
}

static void
progress_cb (TdCustomerImportDialog *self)
{
  if (!is_busy_step (self->step))
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, td_customer_import_get_progress (self->import));
  set_working_text (self);
}

/* Back where the step started, after a cancel or a failure. */
static void
step_back (TdCustomerImportDialog *self)
{
  show_step (self, self->step_before);
}

static void
new_cancellable (TdCustomerImportDialog *self)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* Loading */

static void
show_file (TdCustomerImportDialog *self,
           const GError           *error)
{
  g_autofree char *name = file_display_name (self->file);
  g_autoptr(GFile) parent = g_file_get_parent (self->file);
  g_autofree char *folder = parent ? g_file_get_parse_name (parent) : NULL;
  TdImportFormat format = td_customer_import_get_format (self->import);
  g_autofree char *rows = count_text (td_customer_import_get_n_rows (self->import));
  g_autofree char *summary = NULL;
  g_autofree char *detected = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name);
  adw_action_row_set_subtitle (self->file_row, folder);
  adw_window_title_set_subtitle (self->window_title, name);

  if (error != NULL)
    {
      g_autofree char *problem = NULL;
      const char *hint = NULL;

      if (g_error_matches (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_ENCODING))
        hint = _("If the file was saved in another text encoding, choose it above.");
      else if (g_error_matches (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_SYNTAX))
        hint = _("Correct it in the spreadsheet, save it as CSV again, then choose it again.");
      problem = hint ? g_strconcat (error->message, "\n", hint, NULL) : g_strdup (error->message);
      gtk_label_set_text (self->file_problem, problem);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->file_problem), error != NULL);

  if (error != NULL)
    {
      adw_action_row_set_subtitle (self->format_row, "");
      gtk_widget_set_visible (GTK_WIDGET (self->format_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->file_summary), FALSE);
      gtk_widget_set_visible (self->preview_scroller, FALSE);
      clear_preview (self);
      /* an encoding may be forced, or another file chosen */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), NULL);
      show_step (self, STEP_FILE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->format_row), TRUE);
  adw_action_row_set_subtitle (self->format_row,
                               format == TD_IMPORT_FORMAT_VCARD ? _("vCard contacts (.vcf)")
                                                                : _("Spreadsheet saved as CSV"));

  if (adw_combo_row_get_selected (self->encoding_row) == 0)
    /* Translators: the text encoding found in the file: "Found: GB18030" */
    detected = g_strdup_printf (_("Found: %s"), td_customer_import_get_encoding (self->import));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), detected);

  if (format == TD_IMPORT_FORMAT_VCARD)
    {
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s contact in the file. Names, phones, e-mail addresses, addresses, birthdays and notes are read as they are.",
                                              "%s contacts in the file. Names, phones, e-mail addresses, addresses, birthdays and notes are read as they are.",
                                              td_customer_import_get_n_rows (self->import)), rows);
      gtk_widget_set_visible (self->preview_scroller, FALSE);
      clear_preview (self);
    }
  else
    {
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s customer in the file. Check what each column holds: the first row of the table says which customer field the column goes to, guessed from its header; “Do not import” leaves it out.",
                                              "%s customers in the file. Check what each column holds: the first row of the table says which customer field the column goes to, guessed from its header; “Do not import” leaves it out.",
                                              td_customer_import_get_n_rows (self->import)), rows);
      fill_preview (self);
      gtk_widget_set_visible (self->preview_scroller, TRUE);
    }
  gtk_label_set_text (self->file_summary, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->file_summary), TRUE);
  show_step (self, STEP_FILE);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdCustomerImportDialog) self = td_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;

  td_customer_import_load_finish (TD_CUSTOMER_IMPORT (object), result, &error);
  if (self == NULL || self->disposed)
    return;

  g_clear_pointer (&self->report, td_import_report_unref);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* no file read: start again */
      self->file_read = FALSE;
      g_clear_object (&self->file);
      adw_window_title_set_subtitle (self->window_title, NULL);
      show_banner (self, _("Reading the file was cancelled."));
      show_step (self, STEP_START);
      return;
    }

  self->file_read = error == NULL;
  show_file (self, error);
}

static void
load_file (TdCustomerImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->encoding_row);

  show_banner (self, NULL);
  td_customer_import_set_format (self->import, TD_IMPORT_FORMAT_AUTO);
  td_customer_import_set_encoding (self->import,
                                   selected < G_N_ELEMENTS (encodings) ? encodings[selected].encoding : NULL);
  new_cancellable (self);
  show_step (self, STEP_LOADING);
  td_customer_import_load_async (self->import, self->file, self->cancellable, load_cb, td_weak_ref_new (self));
}

void
td_customer_import_dialog_open_file (TdCustomerImportDialog *self,
                                     GFile                  *file)
{
  g_return_if_fail (TD_IS_CUSTOMER_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!is_busy_step (self->step));

  g_set_object (&self->file, file);
  self->file_read = FALSE;
  /* a new file: its encoding is found again */
  self->filling = TRUE;
  adw_combo_row_set_selected (self->encoding_row, 0);
  self->filling = FALSE;
  load_file (self);
}

static void
encoding_changed_cb (TdCustomerImportDialog *self)
{
  if (self->filling || self->file == NULL || is_busy_step (self->step))
    return;
  load_file (self);
}

static void
file_chosen_cb (gpointer  owner,
                GFile    *file)
{
  td_customer_import_dialog_open_file (TD_CUSTOMER_IMPORT_DIALOG (owner), file);
}

static void
choose_clicked_cb (TdCustomerImportDialog *self)
{
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL || is_busy_step (self->step))
    return;

  chooser = td_file_chooser_new (GTK_WIDGET (self), _("Import Customers"),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  td_file_chooser_add_filter (chooser, _("Customer files (CSV, vCard)"),
                              "*.csv", "*.CSV", "*.txt", "*.TXT", "*.vcf", "*.VCF", "*.vcard",
                              "text/csv", "text/vcard", "text/x-vcard", NULL);
  td_file_chooser_add_filter (chooser, _("All Files"), "*", NULL);
  td_file_chooser_run (chooser, &self->file_chooser, self, file_chosen_cb);
}

/* Checking (the dry run) */

static void
dry_run_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TdCustomerImportDialog) self = td_weak_ref_steal (user_data);
  g_autoptr(TdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = td_customer_import_dry_run_finish (TD_CUSTOMER_IMPORT (object), result, &error);
  if (self == NULL || self->disposed)
    return;

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_banner (self, _("The check was cancelled."));
      else
        show_banner (self, error->message);
      step_back (self);
      return;
    }

  show_report (self, report, FALSE);
}

static void
check (TdCustomerImportDialog *self)
{
  show_banner (self, NULL);
  new_cancellable (self);
  show_step (self, STEP_CHECKING);
  td_customer_import_dry_run_async (self->import, self->cancellable, dry_run_cb, td_weak_ref_new (self));
}

/* Importing */

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(TdCustomerImportDialog) self = td_weak_ref_steal (user_data);
  g_autoptr(TdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = td_customer_import_run_finish (TD_CUSTOMER_IMPORT (object), result, &error);
  if (self == NULL || self->disposed)
    return;

  if (report == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup (_("The import was cancelled: nothing was written to the workspace."));
      else
        /* Translators: the import failed; the reason follows */
        message = g_strdup_printf (_("Nothing was written to the workspace: %s"), error->message);
      show_banner (self, message);
      step_back (self);
      return;
    }

  show_banner (self, NULL);
  show_report (self, report, TRUE);
  g_signal_emit (self, signals[IMPORTED], 0,
                 td_import_report_count (report, TD_IMPORT_ACTION_CREATE),
                 td_import_report_count (report, TD_IMPORT_ACTION_UPDATE));
}

static void
import (TdCustomerImportDialog *self)
{
  show_banner (self, NULL);
  new_cancellable (self);
  show_step (self, STEP_IMPORTING);
  td_customer_import_run_async (self->import, td_database_default_actor (), self->cancellable,
                                run_cb, td_weak_ref_new (self));
}

/* Buttons */

static void
next_clicked_cb (TdCustomerImportDialog *self)
{
  switch (self->step)
    {
    case STEP_FILE:
      if (self->file_read)
        check (self);
      break;
    case STEP_REPORT:
      import (self);
      break;
    case STEP_DONE:
      gtk_window_close (GTK_WINDOW (self));
      break;
    case STEP_START:
    case STEP_LOADING:
    case STEP_CHECKING:
    case STEP_IMPORTING:
    default:
      break;
    }
}

static void
back_clicked_cb (TdCustomerImportDialog *self)
{
  if (self->step != STEP_REPORT)
    return;
  show_banner (self, NULL);
  show_step (self, STEP_FILE);
}

static void
stop_clicked_cb (TdCustomerImportDialog *self)
{
  g_cancellable_cancel (self->cancellable);
}

/* ------------------------------------------------------------------ */
/* public API                                                         */

gboolean
td_customer_import_dialog_get_busy (TdCustomerImportDialog *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT_DIALOG (self), FALSE);

  return is_busy_step (self->step);
}

TdCustomerImport *
td_customer_import_dialog_get_import (TdCustomerImportDialog *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT_DIALOG (self), NULL);

  return self->import;
}

TdImportReport *
td_customer_import_dialog_get_report (TdCustomerImportDialog *self)
{
  g_return_val_if_fail (TD_IS_CUSTOMER_IMPORT_DIALOG (self), NULL);

  return self->report;
}

GtkWidget *
td_customer_import_dialog_new (GtkWindow  *parent,
                               TdDatabase *database)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  return g_object_new (TD_TYPE_CUSTOMER_IMPORT_DIALOG,
                       "transient-for", parent,
                       "database", database,
                       NULL);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static gboolean
td_customer_import_dialog_close_request (GtkWindow *window)
{
  TdCustomerImportDialog *self = TD_CUSTOMER_IMPORT_DIALOG (window);

  /* whatever runs stops; an import not yet written is not written */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (td_customer_import_dialog_parent_class)->close_request (window);
}

static void
td_customer_import_dialog_constructed (GObject *object)
{
  TdCustomerImportDialog *self = TD_CUSTOMER_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (td_customer_import_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->database != NULL);
  self->import = td_customer_import_new (self->database);
  g_signal_connect_object (self->import, "notify::progress", G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import, "notify::phase", G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
  show_step (self, STEP_START);
}

static void
td_customer_import_dialog_dispose (GObject *object)
{
  TdCustomerImportDialog *self = TD_CUSTOMER_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  td_file_chooser_clear (&self->file_chooser);
  if (self->preview != NULL)
    clear_preview (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CUSTOMER_IMPORT_DIALOG);

  G_OBJECT_CLASS (td_customer_import_dialog_parent_class)->dispose (object);
}

static void
td_customer_import_dialog_finalize (GObject *object)
{
  TdCustomerImportDialog *self = TD_CUSTOMER_IMPORT_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->import);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->column_titles);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->report, td_import_report_unref);

  G_OBJECT_CLASS (td_customer_import_dialog_parent_class)->finalize (object);
}

static void
td_customer_import_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TdCustomerImportDialog *self = TD_CUSTOMER_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, td_customer_import_dialog_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_import_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TdCustomerImportDialog *self = TD_CUSTOMER_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_customer_import_dialog_class_init (TdCustomerImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = td_customer_import_dialog_constructed;
  object_class->dispose = td_customer_import_dialog_dispose;
  object_class->finalize = td_customer_import_dialog_finalize;
  object_class->get_property = td_customer_import_dialog_get_property;
  object_class->set_property = td_customer_import_dialog_set_property;
  window_class->close_request = td_customer_import_dialog_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, TD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/tourdesk/Tourdesk/ui/td-customer-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, file_problem);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, file_summary);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, working_label);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, report_title);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, report_summary);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, counts_box);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, entries_stack);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, entries_view);
  gtk_widget_class_bind_template_child (widget_class, TdCustomerImportDialog, entries_none);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
}

static void
td_customer_import_dialog_init (TdCustomerImportDialog *self)
{
  g_autoptr(GtkStringList) encoding_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) filters = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  self->cancellable = g_cancellable_new ();
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    gtk_string_list_append (encoding_labels, _(encodings[i].label));
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (encoding_labels));
  g_signal_connect_object (self->encoding_row, "notify::selected",
                           G_CALLBACK (encoding_changed_cb), self, G_CONNECT_SWAPPED);

  self->column_titles = gtk_string_list_new (NULL);
  for (TdCustomerColumn c = 0; c < TD_CUSTOMER_N_COLUMNS; c++)
    gtk_string_list_append (self->column_titles, td_customer_column_get_title (c));

  for (guint i = 0; i < G_N_ELEMENTS (filter_labels); i++)
    gtk_string_list_append (filters, _(filter_labels[i]));
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (filters));

  self->entries = td_import_entry_list_new ();
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
  g_signal_connect (factory, "setup", G_CALLBACK (entry_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (entry_bind_cb), self);
  gtk_list_view_set_factory (self->entries_view, factory);
  gtk_list_view_set_model (self->entries_view, GTK_SELECTION_MODEL (selection));
  self->filling = FALSE;
}
