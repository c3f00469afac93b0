/* td-utils.h: small helpers shared by the Tourdesk widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "td-core.h"

G_BEGIN_DECLS

#define TD_LOGO_MAX_SIZE (1024 * 1024)

/* "Hotel", "Travel agency", "Hotel and travel agency" (translated) */

/* Validators for what people type. Each returns NULL when text is
 * acceptable, or a short translated sentence saying what is wrong.
 * Empty text is acceptable for optional fields. */
char       *td_check_business_name         (const char  *text);
char       *td_check_tax_id                (const char  *text);
char       *td_check_phone                 (const char  *text);
char       *td_check_email                 (const char  *text);
char       *td_check_platform_url          (const char  *text);
char       *td_check_time_zone             (const char  *text);

/* Shows problem (or clears it when NULL) next to an entry row: the row gets
 * the "error" style and the invalid accessible state, and message (a
 * GtkLabel, or an AdwPreferencesRow under the field) shows the text. */
void        td_entry_row_set_problem       (AdwEntryRow *row,
                                            GtkWidget   *message,
                                            const char  *problem);
void        td_problem_set_text            (GtkWidget   *message,
                                            const char  *problem);

/* Pairs an entry row with message, the row under it that tells its
 * problems, for td_entry_row_show_problem(); editing a refused value then
 * clears the problem (the person is fixing it). */
void        td_entry_row_attach_problem    (AdwEntryRow *row,
                                            GtkWidget   *message);
/* td_entry_row_set_problem() with the message attached to row. */
void        td_entry_row_show_problem      (AdwEntryRow *row,
                                            const char  *problem);
/* Sets the text of row without making it look edited. */
void        td_entry_row_set_text          (AdwEntryRow *row,
                                            const char  *text);
/* What was typed in row, without blanks around it (in upper case when
 * upper_case), when check (if any) finds no problem in it: the row then
 * shows it so. Otherwise NULL, and the problem shows under the row. */
char       *td_entry_row_accept_text       (AdwEntryRow *row,
                                            char      *(*check) (const char *text),
                                            gboolean     upper_case);

/* Formats a count with the locale's digit grouping: "12,345". */
char       *td_format_count                (gint64       count);

/* File choosers: a modal GtkFileChooserNative over the window of owner,
 * with a Cancel button; filters of glob patterns or (with a slash) MIME
 * types; and running it, the dialog kept in *slot while it is shown. The
 * owner's dispose calls td_file_chooser_clear (slot). */
typedef void (*TdFileChosenFunc) (gpointer  owner,
                                  GFile    *file);

GtkFileChooserNative *td_file_chooser_new        (GtkWidget             *owner,
                                                  const char            *title,
                                                  GtkFileChooserAction   action,
                                                  const char            *accept_label);
void                  td_file_chooser_add_filter (GtkFileChooserNative  *chooser,
                                                  const char            *name,
                                                  const char            *first_pattern,
                                                  ...) G_GNUC_NULL_TERMINATED;
/* Calls chosen (owner, file) once the person chose a file; nothing when
 * they cancel, or when owner is gone. *slot must be NULL. */
void                  td_file_chooser_run        (GtkFileChooserNative  *chooser,
                                                  GtkNativeDialog      **slot,
                                                  gpointer               owner,
                                                  TdFileChosenFunc       chosen);
void                  td_file_chooser_clear      (GtkNativeDialog      **slot);
/* "Open Workspace": workspace files, in the folder of current if any. */
GtkFileChooserNative *td_workspace_chooser_new   (GtkWidget             *owner,
                                                  TdDatabase            *current);

/* Runs thread_func in a worker thread, in a GTask of source_object (may be
 * NULL) holding task_data, and callback in this thread once it returned. */
void        td_run_in_thread               (gpointer             source_object,
                                            GCancellable        *cancellable,
                                            gpointer             source_tag,
                                            gpointer             task_data,
                                            GDestroyNotify       task_data_destroy,
                                            GTaskThreadFunc      thread_func,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);

/* A weak reference to object, as the user data of work that may end after
 * the window it reports to was closed: pending work then keeps nothing
 * alive. _get(): the object (a new reference) or NULL when it is gone;
 * _steal(): the same, and frees weak. */
/* Seven linked toggle buttons, Monday to Sunday, all on, appended to box
 * (named prefix-1 … prefix-7, with the days' full names to hear); the
 * buttons in days[], and the chosen days as bits (bit 0 Monday). */
void        td_weekday_toggles_add         (GtkBox              *box,
                                            const char          *prefix,
                                            GtkToggleButton     *days[7]);
guint       td_weekday_toggles_get         (GtkToggleButton     *days[7]);

gpointer    td_weak_ref_new                (gpointer             object);
gpointer    td_weak_ref_get                (gpointer             weak);
gpointer    td_weak_ref_steal              (gpointer             weak);
void        td_weak_ref_free               (gpointer             weak);

G_END_DECLS
