/* td-cli-customers-files.c: tourdesk-cli, customers from and to files
 * (customers import, customers export)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "td-cli-private.h"
#include "td-customer-export-xlsx.h"
#include "td-customer-export.h"
#include "td-customer-import.h"
#include "td-text-encoding.h"

/* Progress on a terminal, on one line of stderr; nothing when stderr is
 * a file or a pipe (then stderr holds only the error, if any). */
static gboolean
show_progress (void)
{
  return isatty (STDERR_FILENO);
}

static void
print_progress (const char *what,
                double      fraction)
{
  g_printerr ("\r%s %3d%%", what, (int) (fraction * 100.0));
}

static void
clear_progress (void)
{
  if (show_progress ())
    g_printerr ("\r\033[K");
}

/* ------------------------------------------------------------------ */
/* customers import                                                   */

typedef struct {
  GMainLoop      *loop;
  GCancellable   *cancellable;
  TdImportReport *report;
  GError         *error;
} Step;

static void
on_import_progress (TdCustomerImport *import,
                    GParamSpec       *pspec,
                    gpointer          user_data)
{
  const char *what;

  switch (td_customer_import_get_phase (import))
    {
    case TD_IMPORT_PHASE_READING:
      what = _("Reading the file…");
      break;
    case TD_IMPORT_PHASE_CHECKING:
      what = _("Checking the rows…");
      break;
    case TD_IMPORT_PHASE_WRITING:
      what = _("Saving the customers…");
      break;
    case TD_IMPORT_PHASE_IDLE:
    default:
      return;
    }
  print_progress (what, td_customer_import_get_progress (import));
}

static gboolean
on_interrupt (gpointer user_data)
{
  Step *step = user_data;

  g_cancellable_cancel (step->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
on_step_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Step *step = user_data;
  TdCustomerImport *import = TD_CUSTOMER_IMPORT (object);

  if (g_task_get_source_tag (G_TASK (result)) == td_customer_import_run_async)
    step->report = td_customer_import_run_finish (import, result, &step->error);
  else
    step->report = td_customer_import_dry_run_finish (import, result, &step->error);
  g_main_loop_quit (step->loop);
}

/* The dry run or the run, with progress on a terminal; Ctrl+C stops it
 * (then nothing is written). */
static TdImportReport *
import_step (TdCustomerImport  *import,
             gboolean           dry_run,
             GError           **error)
{
  Step step = { 0 };
  gulong handler = 0;
  guint sigint;

  step.loop = g_main_loop_new (NULL, FALSE);
  step.cancellable = g_cancellable_new ();
  sigint = g_unix_signal_add (SIGINT, on_interrupt, &step);
  if (show_progress ())
    handler = g_signal_connect (import, "notify::progress", G_CALLBACK (on_import_progress), NULL);

  if (dry_run)
    td_customer_import_dry_run_async (import, step.cancellable, on_step_done, &step);
  else
    td_customer_import_run_async (import, NULL, step.cancellable, on_step_done, &step);
  g_main_loop_run (step.loop);

  clear_progress ();
  if (handler)
    g_signal_handler_disconnect (import, handler);
  g_source_remove (sigint);
  g_main_loop_unref (step.loop);
  g_object_unref (step.cancellable);
  if (step.error)
    g_propagate_error (error, step.error);
  return step.report;
}

static const char *
format_name (TdImportFormat format)
{
  return format == TD_IMPORT_FORMAT_VCARD ? "vcard" : "csv";
}

static char *
json_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* One JSON document, written a row at a time: a report of 100,000 rows
 * is not built whole in memory first. */
static void
print_report_json (const char       *file,
                   TdCustomerImport *import,
                   TdImportReport   *report)
{
  g_autoptr(JsonBuilder) head = json_builder_new ();
  g_autoptr(JsonNode) head_node = NULL;
  g_autofree char *head_text = NULL;
  char *end;
  const struct {
    const char     *member;
    TdImportAction  action;
  } counts[] = {
    { "created", TD_IMPORT_ACTION_CREATE },
    { "updated", TD_IMPORT_ACTION_UPDATE },
    { "unchanged", TD_IMPORT_ACTION_UNCHANGED },
    { "skipped", TD_IMPORT_ACTION_SKIP },
  };

  json_builder_begin_object (head);
  json_builder_set_member_name (head, "file");
  json_builder_add_string_value (head, file);
  json_builder_set_member_name (head, "format");
  json_builder_add_string_value (head, format_name (td_customer_import_get_format (import)));
  json_builder_set_member_name (head, "encoding");
  json_builder_add_string_value (head, td_customer_import_get_encoding (import));
  json_builder_set_member_name (head, "dry_run");
  json_builder_add_boolean_value (head, td_import_report_is_dry_run (report));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (head, counts[i].member);
      json_builder_add_int_value (head, td_import_report_count (report, counts[i].action));
    }
  json_builder_end_object (head);
  head_node = json_builder_get_root (head);
  head_text = json_text (head_node);
  /* the members so far, then the rows before the closing brace */
  end = strrchr (head_text, '}');
  *end = '\0';
  g_print ("%s,\"rows\":[", head_text);

  for (guint i = 0; i < td_import_report_get_n_rows (report); i++)
    {
      const TdImportEntry *entry = td_import_report_get_entry (report, i);
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;
      const char *names[] = { "name", "customer_id", "reason" };
      const char *values[] = { entry->name, entry->customer_id, entry->reason };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, entry->line);
      json_builder_set_member_name (b, "action");
      json_builder_add_string_value (b, td_import_action_to_string (entry->action));
      for (guint f = 0; f < G_N_ELEMENTS (names); f++)
        {
          json_builder_set_member_name (b, names[f]);
          if (values[f])
            json_builder_add_string_value (b, values[f]);
          else
            json_builder_add_null_value (b);
        }
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      for (guint w = 0; entry->warnings && entry->warnings[w]; w++)
        json_builder_add_string_value (b, entry->warnings[w]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      text = json_text (node);
      g_print ("%s\n%s", i ? "," : "", text);
    }
  g_print ("\n]}\n");
}

/* “line 7: 赵敏: text” */
static void
print_entry_line (const TdImportEntry *entry,
                  const char          *text)
{
  if (entry->name)
    g_print (_("line %u: %s: %s\n"), entry->line, entry->name, text);
  else
    g_print (_("line %u: %s\n"), entry->line, text);
}

static void
print_report (const char       *file,
              TdCustomerImport *import,
              TdImportReport   *report)
{
  gboolean dry_run = td_import_report_is_dry_run (report);
  guint n_rows = td_import_report_get_n_rows (report);
  guint skipped = td_import_report_count (report, TD_IMPORT_ACTION_SKIP);
  gboolean any_warning = FALSE;
  const struct {
    const char     *label;
    const char     *dry_label;
    TdImportAction  action;
  } counts[] = {
    { N_("Created:"), N_("To create:"), TD_IMPORT_ACTION_CREATE },
    { N_("Updated:"), N_("To update:"), TD_IMPORT_ACTION_UPDATE },
    { N_("Already up to date:"), N_("Already up to date:"), TD_IMPORT_ACTION_UNCHANGED },
    { N_("Skipped:"), N_("To skip:"), TD_IMPORT_ACTION_SKIP },
  };

  g_print (ngettext ("%u customer row in %s (%s, %s)\n", "%u customer rows in %s (%s, %s)\n", n_rows),
           n_rows, file, td_customer_import_get_format (import) == TD_IMPORT_FORMAT_VCARD ? "vCard" : "CSV",
           td_customer_import_get_encoding (import));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", td_import_report_count (report, counts[i].action));

      td_cli_print_row (_(dry_run ? counts[i].dry_label : counts[i].label), count);
    }

  if (skipped > 0)
    {
      g_print ("\n%s\n", _("Skipped rows:"));
      for (guint i = 0; i < n_rows; i++)
        {
          const TdImportEntry *entry = td_import_report_get_entry (report, i);

          if (entry->action == TD_IMPORT_ACTION_SKIP)
            print_entry_line (entry, entry->reason);
        }
    }
  for (guint i = 0; i < n_rows; i++)
    {
      const TdImportEntry *entry = td_import_report_get_entry (report, i);

      for (guint w = 0; entry->warnings && entry->warnings[w]; w++)
        {
          if (!any_warning)
            g_print ("\n%s\n", _("To check:"));
          any_warning = TRUE;
          print_entry_line (entry, entry->warnings[w]);
        }
    }

  g_print ("\n");
  if (dry_run)
    g_print ("%s\n", _("Dry run: nothing was written."));
  else if (skipped > 0)
    g_print (ngettext ("Imported, except %u skipped row: correct it in the file and import the file again (what is already in is recognised).\n",
                       "Imported, except %u skipped rows: correct them in the file and import the file again (what is already in is recognised).\n",
                       skipped),
             skipped);
  else
    g_print ("%s\n", _("Imported."));
}

static gboolean
parse_import_format (Cli            *cli,
                     const char     *text,
                     TdImportFormat *format)
{
  if (text == NULL)
    *format = TD_IMPORT_FORMAT_AUTO;
  else if (g_ascii_strcasecmp (text, "csv") == 0)
    *format = TD_IMPORT_FORMAT_CSV;
  else if (g_ascii_strcasecmp (text, "vcard") == 0 || g_ascii_strcasecmp (text, "vcf") == 0)
    *format = TD_IMPORT_FORMAT_VCARD;
  else
    {
      td_cli_fail (cli, _("%s: “%s” is not a format: use csv or vcard"), "--format", text);
      return FALSE;
    }
  return TRUE;
}

int
td_cli_cmd_customers_import (Cli   *cli,
                             int    argc,
                             char **argv)
{
  const Command *command = td_cli_find_customers_command ("import");
  g_autofree char *format_text = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdCustomerImport) import = NULL;
  g_autoptr(TdImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dry_run = FALSE;
  TdImportFormat format;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("The file’s format: csv or vcard (default: from the file)"), N_("FORMAT") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("The file’s encoding, when the one detected is wrong: gbk, utf-8, utf-16…"), N_("ENCODING") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Say what the import would do, and write nothing"), NULL },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 1))
    return TD_CLI_EXIT_USAGE;
  if (!parse_import_format (cli, format_text, &format))
    return TD_CLI_EXIT_USAGE;
  if (encoding && !td_text_encoding_is_known (encoding))
    {
      td_cli_fail (cli, _("%s: “%s” is not an encoding this system knows; try gbk, utf-8 or utf-16"),
                   "--encoding", encoding);
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);

  import = td_customer_import_new (db);
  td_customer_import_set_format (import, format);
  td_customer_import_set_encoding (import, encoding);
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!td_customer_import_load (import, file, NULL, &error))
    {
      /* “excel.csv: Line 3: …”; a file that cannot be read names itself */
      if (g_error_matches (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_READ))
        return td_cli_fail_error (cli, error);
      td_cli_fail (cli, "%s: %s", argv[1], error->message);
      return TD_CLI_EXIT_FAILURE;
    }

  report = import_step (import, dry_run, &error);
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          td_cli_fail (cli, "%s", _("Stopped: nothing was written."));
          return TD_CLI_EXIT_FAILURE;
        }
      if (g_error_matches (error, TD_CUSTOMER_IMPORT_ERROR, TD_CUSTOMER_IMPORT_ERROR_NO_NAME))
        {
          td_cli_fail (cli, "%s: %s", argv[1], error->message);
          return TD_CLI_EXIT_FAILURE;
        }
      return td_cli_fail_error (cli, error);
    }

  if (cli->json)
    print_report_json (argv[1], import, report);
  else
    print_report (argv[1], import, report);
  return TD_CLI_EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* customers export                                                   */

static void
on_export_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  print_progress (_("Exporting…"), total ? (double) done / total : 1.0);
}

int
td_cli_cmd_customers_export (Cli   *cli,
                             int    argc,
                             char **argv)
{
  const Command *command = td_cli_find_customers_command ("export");
  g_autofree char *format_text = NULL;
  g_autofree char *out = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  TdExportFormat format = TD_EXPORT_FORMAT_CSV;
  gboolean xlsx = FALSE;
  guint n = 0;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("csv (UTF-8 that Excel opens), xlsx (an Excel workbook; needs --out) or vcard (vCard 4.0)"), N_("FORMAT") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Write to FILE (replaced only once complete) instead of standard output"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = td_cli_parse_options (cli, command, entries, TRUE, &argc, &argv)) >= 0)
    return status;
  if (!td_cli_expect_args (cli, command, argc, 0))
    return TD_CLI_EXIT_USAGE;

  if (format_text == NULL && out)
    {
      g_autofree char *lower = g_ascii_strdown (out, -1);

      if (g_str_has_suffix (lower, ".csv"))
        format_text = g_strdup ("csv");
      else if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
        format_text = g_strdup ("vcard");
      else if (g_str_has_suffix (lower, ".xlsx"))
        format_text = g_strdup ("xlsx");
    }
  if (format_text == NULL)
    {
      td_cli_fail (cli, _("Say which format: --format csv, xlsx or vcard. Try “%s %s --help”."),
                   cli->prog, command->name);
      return TD_CLI_EXIT_USAGE;
    }
  if (g_ascii_strcasecmp (format_text, "vcard") == 0 || g_ascii_strcasecmp (format_text, "vcf") == 0)
    format = TD_EXPORT_FORMAT_VCARD;
  else if (g_ascii_strcasecmp (format_text, "xlsx") == 0)
    xlsx = TRUE;
  else if (g_ascii_strcasecmp (format_text, "csv") != 0)
    {
      td_cli_fail (cli, _("%s: “%s” is not a format: use csv, xlsx or vcard"), "--format", format_text);
      return TD_CLI_EXIT_USAGE;
    }
  if (xlsx && out == NULL)
    {
      td_cli_fail (cli, _("An Excel workbook cannot go to standard output: say where with --out FILE.xlsx."));
      return TD_CLI_EXIT_USAGE;
    }
  if (cli->json && out == NULL)
    {
      td_cli_fail (cli, _("--json describes an export written with --out FILE; without it the export itself goes to standard output."));
      return TD_CLI_EXIT_USAGE;
    }

  db = td_cli_open_existing (cli, &error);
  if (db == NULL)
    return td_cli_fail_error (cli, error);

  if (out == NULL)
    {
      g_autoptr(GOutputStream) stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      if (!td_customer_export_to_stream (db, format, stream, NULL, NULL, &n, NULL, &error)
          || !g_output_stream_flush (stream, NULL, &error))
        return td_cli_fail_error (cli, error);
      return TD_CLI_EXIT_SUCCESS;
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (out);
    TdExportProgressFunc progress = show_progress () ? on_export_progress : NULL;
    gboolean ok = xlsx ? td_customer_export_xlsx (db, file, progress, NULL, &n, NULL, &error)
                       : td_customer_export_to_file (db, format, file, progress, NULL, &n, NULL, &error);

    clear_progress ();
    if (!ok)
      return td_cli_fail_error (cli, error);
  }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, out);
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, xlsx ? "xlsx" : format == TD_EXPORT_FORMAT_VCARD ? "vcard" : "csv");
      json_builder_set_member_name (b, "customers");
      json_builder_add_int_value (b, n);
      json_builder_end_object (b);
      td_cli_print_json (b);
    }
  else if (xlsx)
    g_print (ngettext ("Exported %u customer to %s (an Excel workbook).\n",
                       "Exported %u customers to %s (an Excel workbook).\n", n), n, out);
  else if (format == TD_EXPORT_FORMAT_VCARD)
    g_print (ngettext ("Exported %u customer to %s (vCard 4.0).\n",
                       "Exported %u customers to %s (vCard 4.0).\n", n), n, out);
  else
    g_print (ngettext ("Exported %u customer to %s (CSV in UTF-8, which Excel opens as it is).\n",
                       "Exported %u customers to %s (CSV in UTF-8, which Excel opens as it is).\n", n), n, out);
  return TD_CLI_EXIT_SUCCESS;
}
