/* td-test-utils.h: helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-core.h"

G_BEGIN_DECLS

/* A fresh temporary directory, removed (with its files) at exit. */
const char *td_test_tmpdir      (void);
char       *td_test_path        (const char *name);
/* A set-up workspace of the given profile at a new path. */
TdDatabase *td_test_workspace   (const char *name,
                                 TdProfile   profile);
char       *td_test_file_checksum (const char *path);
gint64      td_test_query_int   (TdDatabase *db,
                                 const char *sql);

/* tourdesk-cli (the binary named by $TD_CLI) run to its end: the exit
 * status and what it printed. */
typedef struct {
  int   status;
  char *out;
  char *err;
} TdTestRun;

void        td_test_run_clear   (TdTestRun  *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdTestRun, td_test_run_clear)

/* Runs a program (argv[0], a path) to its end. */
void        td_test_spawn       (TdTestRun          *run,
                                 const char * const *argv);
/* Runs tourdesk-cli with the arguments up to NULL. */
void        td_test_cli         (TdTestRun  *run,
                                 const char *first,
                                 ...);
/* an error is one line on stderr, naming the program */
void        td_test_assert_one_line_error (TdTestRun *run);
/* The JSON object of text (a new reference). */
JsonObject *td_test_parse_json  (const char *text);

/* A PDF's text (pdftotext, UTF-8, pages separated by form feeds) and its
 * number of pages (pdfinfo); poppler-utils is a test dependency. */
char       *td_test_pdf_text    (const char *path);
guint       td_test_pdf_pages   (const char *path);

/* for benchmarks: milliseconds since a g_get_monotonic_time(); the p-th
 * (0 to 1) of doubles, which it sorts */
double      td_test_ms_since    (gint64      start);
double      td_test_percentile  (GArray     *values,
                                 double      p);

G_END_DECLS
