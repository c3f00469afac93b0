/* td-customer-import.h: customers from CSV and vCard files, for the window
 * and the command line
 *
 * 1. td_customer_import_load[_async]() reads the file: the format (vCard
 *    when it starts with BEGIN:VCARD or is named .vcf, CSV otherwise) and
 *    the encoding are detected unless set first ("format" and "encoding"
 *    properties). For CSV: the header, a preview of the first rows and a
 *    column mapping guessed from the header, which the clerk may change
 *    (td_customer_import_set_column_mapping()). A file that cannot be read
 *    (encoding, an unterminated quote, no rows) is an error naming the
 *    line; nothing else happens then.
 *
 * 2. td_customer_import_dry_run[_async]() plans the import and writes
 *    nothing: each row is checked (td_customer_check()); a row with a
 *    problem is skipped with the reason. A row that is someone already in
 *    the workspace (td_customer_find_duplicates()) updates that customer:
 *    empty fields are filled and new phones, e-mails, tags, documents and
 *    notes added; a different non-empty value is never overwritten but
 *    reported. A phone or e-mail shared with a customer of another name
 *    is a relative's (a new customer); the same name and birth date alone
 *    updates, unless the identity numbers differ, and says it matched so.
 *    A row the file already had (same identity number, or same phone or
 *    e-mail and name) is skipped naming the earlier line. Otherwise the
 *    row creates a customer (source "import" unless the file says one).
 *
 * 3. td_customer_import_run_async() plans again (the workspace may have
 *    changed) and writes, in ONE transaction (td_database_commit_stream()):
 *    all of it or nothing. Rows are planned and written in turn inside
 *    it, so a run never holds more than one row's changes (a customer
 *    this run created is not taken for a match of a later row, as the dry
 *    run could not have either). Cancelling (the GCancellable) at any
 *    point before the end writes nothing.
 *
 * While 1 to 3 run, "progress" (0 to 1) is updated in the main context
 * the call was made in, and "phase" says what is going on (reading,
 * checking for a dry run, writing for a run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-customer-columns.h"
#include "td-database.h"

G_BEGIN_DECLS

#define TD_CUSTOMER_IMPORT_ERROR (td_customer_import_error_quark ())

typedef enum {
  TD_CUSTOMER_IMPORT_ERROR_READ,       /* the file cannot be read */
  TD_CUSTOMER_IMPORT_ERROR_ENCODING,   /* not text in an encoding we read: names the line */
  TD_CUSTOMER_IMPORT_ERROR_SYNTAX,     /* a broken CSV or vCard: names the line */
  TD_CUSTOMER_IMPORT_ERROR_EMPTY,      /* no customer in the file */
  TD_CUSTOMER_IMPORT_ERROR_NO_NAME,    /* no column is mapped to a name */
  TD_CUSTOMER_IMPORT_ERROR_NOT_LOADED, /* load first */
  TD_CUSTOMER_IMPORT_ERROR_BUSY,       /* another step is still running */
} TdCustomerImportError;

typedef enum {
  TD_IMPORT_FORMAT_AUTO,
  TD_IMPORT_FORMAT_CSV,
  TD_IMPORT_FORMAT_VCARD,
} TdImportFormat;

#define TD_TYPE_IMPORT_FORMAT (td_import_format_get_type ())
GType td_import_format_get_type (void) G_GNUC_CONST;

typedef enum {
  TD_IMPORT_PHASE_IDLE,
  TD_IMPORT_PHASE_READING,    /* load */
  TD_IMPORT_PHASE_CHECKING,   /* dry run: rows checked and matched */
  TD_IMPORT_PHASE_WRITING,    /* run: rows checked, matched and written in one transaction */
} TdImportPhase;

#define TD_TYPE_IMPORT_PHASE (td_import_phase_get_type ())
GType td_import_phase_get_type (void) G_GNUC_CONST;

typedef enum {
  TD_IMPORT_ACTION_CREATE,
  TD_IMPORT_ACTION_UPDATE,
  TD_IMPORT_ACTION_UNCHANGED,  /* already there with all these values */
  TD_IMPORT_ACTION_SKIP,
} TdImportAction;

/* What happens (dry run) or happened (run) to one row of the file. */
typedef struct {
  guint           line;         /* where the row starts, from 1 */
  TdImportAction  action;
  char           *name;         /* as the file has it; NULL when it has none */
  char           *customer_id;  /* update, unchanged: the customer; create: the new one (run only) */
  char           *reason;       /* skip: why; update, unchanged: why it is that customer */
  GStrv           warnings;     /* values not taken (“birth date: kept 1990-03-07, the file has …”),
                                 * values left out, … ; NULL when none */
} TdImportEntry;

#define TD_TYPE_IMPORT_REPORT (td_import_report_get_type ())

typedef struct _TdImportReport TdImportReport;

GType           td_import_report_get_type      (void) G_GNUC_CONST;
TdImportReport *td_import_report_ref           (TdImportReport *self);
void            td_import_report_unref         (TdImportReport *self);
gboolean        td_import_report_is_dry_run    (TdImportReport *self);
guint           td_import_report_get_n_rows    (TdImportReport *self);
/* One entry for each row of the file, in file order. */
const TdImportEntry *td_import_report_get_entry (TdImportReport *self,
                                                 guint           index);
guint           td_import_report_count         (TdImportReport *self,
                                                TdImportAction  action);
/* "create", "update", "unchanged", "skip" */
const char     *td_import_action_to_string     (TdImportAction  action);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdImportReport, td_import_report_unref)

#define TD_TYPE_CUSTOMER_IMPORT (td_customer_import_get_type ())

G_DECLARE_FINAL_TYPE (TdCustomerImport, td_customer_import, TD, CUSTOMER_IMPORT, GObject)

GQuark            td_customer_import_error_quark      (void);

TdCustomerImport *td_customer_import_new              (TdDatabase        *db);

TdDatabase       *td_customer_import_get_database     (TdCustomerImport  *self);
TdImportFormat    td_customer_import_get_format       (TdCustomerImport  *self);
/* Before loading: the format of the file, or AUTO to detect it. */
void              td_customer_import_set_format       (TdCustomerImport  *self,
                                                       TdImportFormat     format);
/* After loading: the encoding that was used (“GB18030”, “UTF-8”, …). */
const char       *td_customer_import_get_encoding     (TdCustomerImport  *self);
/* Before loading: the file's encoding when the clerk knows better than the
 * detection (“gbk”, “utf-8”, …), or NULL to detect it. */
void              td_customer_import_set_encoding     (TdCustomerImport  *self,
                                                       const char        *encoding);
double            td_customer_import_get_progress     (TdCustomerImport  *self);
TdImportPhase     td_customer_import_get_phase        (TdCustomerImport  *self);
/* Customers in the file (CSV: records after the header), after loading. */
guint             td_customer_import_get_n_rows       (TdCustomerImport  *self);

gboolean          td_customer_import_load             (TdCustomerImport  *self,
                                                       GFile             *file,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
void              td_customer_import_load_async       (TdCustomerImport  *self,
                                                       GFile             *file,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
gboolean          td_customer_import_load_finish      (TdCustomerImport  *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);

/* CSV only (0 columns for vCard): the header and the mapping. */
guint             td_customer_import_get_n_columns    (TdCustomerImport  *self);
const char       *td_customer_import_get_column_name  (TdCustomerImport  *self,
                                                       guint              column);
TdCustomerColumn  td_customer_import_get_column_mapping (TdCustomerImport *self,
                                                       guint              column);
void              td_customer_import_set_column_mapping (TdCustomerImport *self,
                                                       guint              column,
                                                       TdCustomerColumn   mapping);
/* The first rows of the file (at most 20), for the preview: fields as the
 * file has them (a row may have fewer or more than there are columns). */
guint             td_customer_import_get_n_preview_rows (TdCustomerImport *self);
const char * const *td_customer_import_get_preview_row (TdCustomerImport *self,
                                                       guint              row);
guint             td_customer_import_get_preview_line (TdCustomerImport  *self,
                                                       guint              row);

TdImportReport   *td_customer_import_dry_run          (TdCustomerImport  *self,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
void              td_customer_import_dry_run_async    (TdCustomerImport  *self,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
TdImportReport   *td_customer_import_dry_run_finish   (TdCustomerImport  *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);

/* actor: for the audit log (NULL: td_database_default_actor()). */
TdImportReport   *td_customer_import_run              (TdCustomerImport  *self,
                                                       const char        *actor,
                                                       GCancellable      *cancellable,
                                                       GError           **error);
void              td_customer_import_run_async        (TdCustomerImport  *self,
                                                       const char        *actor,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
TdImportReport   *td_customer_import_run_finish       (TdCustomerImport  *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);

G_END_DECLS
