/* td-customer-merge-dialog-private.h: what the merge dialog's files share
 *
 * td-customer-merge-rows.c holds the rows' values (what each side holds,
 * in words; the choice a row starts with; what the merge will write),
 * td-customer-merge-dialog.c the dialog that shows them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-customer-merge-dialog.h"

G_BEGIN_DECLS

/* The columns: the record shown on the left (the older one when the dialog
 * opens) and the one on the right; SIDE_BOTH is a choice that combines. */
typedef enum {
  SIDE_LEFT,
  SIDE_RIGHT,
  SIDE_BOTH,
} Side;

#define OTHER_SIDE(side) ((side) == SIDE_LEFT ? SIDE_RIGHT : SIDE_LEFT)

/* How the values of a row are chosen; as td_customer_merge() does when a
 * field is not among those chosen. */
typedef enum {
  ROW_UNIT,     /* its fields come together from one side */
  ROW_CONTACT,  /* a main value and others: the main is chosen, every value is kept */
  ROW_UNION,    /* a comma-separated list: always both */
  ROW_SUM,      /* a number: one side's, or the sum */
  ROW_TEXT,     /* free text: one side's, or both one after the other */
  ROW_CONSENT,  /* a consent and when and how it was given: the latest by default */
} RowKind;

typedef struct {
  const char *key;
  const char *title;      /* NULL: the title of the first field */
  RowKind     kind;
  const char *fields[5];  /* the first leads: the others follow it */
} RowInfo;

/* One customer as loaded. */
typedef struct {
  JsonObject *values;
  gint64      n_documents;
  gint64      n_notes;
  char       *added;      /* local time it was created: YYYY-MM-DD HH:MM */
  char       *changed;    /* local time of its last change */
} Record;

/* One row of the table. */
typedef struct {
  const RowInfo *info;
  char          *signature[2];  /* the row's values of each side, to compare */
  gboolean       empty[2];
  gboolean       differ;        /* there is a choice to make */
  gboolean       can_combine;   /* ... and "both" is one of them */
  gboolean       touched;       /* the clerk chose */
  Side           choice;
  GtkWidget     *buttons[3];
} MergeRow;

/* A choice the clerk made, to keep across a reload when the values it
 * chose between are still the same. */
typedef struct {
  char     *signature[2];
  Side      choice;
} KeptChoice;

struct _TdCustomerMergeDialog
{
  AdwWindow     parent_instance;

  /* Template widgets */
  GtkWidget    *cancel_button;
  GtkWidget    *merge_button;
  GtkWidget    *merge_spinner;
  GtkWidget    *banner;
  GtkLabel     *banner_label;
  GtkStack     *stack;
  GtkSpinner   *loading_spinner;
  AdwStatusPage *error_page;
  GtkWidget    *table;
  GtkLabel     *summary_label;
  GtkLabel     *problem_label;

  TdDatabase   *database;
  char         *ids[2];          /* left, right once loaded; as given before */
  Record       *records[2];
  Side          kept;
  GPtrArray    *rows;            /* MergeRow */
  GtkWidget    *keep_buttons[2];
  GtkWidget    *keep_states[2];
  GCancellable *cancellable;

  guint         loading : 1;
  guint         merging : 1;
  guint         loaded : 1;
  guint         blocked : 1;     /* the values chosen cannot be saved */
  guint         filling : 1;     /* buttons change from code, not from the clerk */
};

/* td-customer-merge-rows.c: values as text, what each side holds in
 * words, the choice a row starts with, the record the merge writes */
char *       _td_merge_field_text (JsonObject *values,
                                   const char *field);
const char * _td_merge_field_string (JsonObject *values,
                                     const char *field);
char *       _td_merge_join_items (GPtrArray  *items,
                                   const char *sep);
gboolean     _td_merge_row_side_empty (const RowInfo *info,
                                       JsonObject    *values);
gboolean     _td_merge_same_with_more (const RowInfo *info,
                                       JsonObject    *a,
                                       JsonObject    *b);
JsonObject * _td_merge_filled_values (TdCustomerMergeDialog *self,
                                      const RowInfo         *info);
char *       _td_merge_row_signature (const RowInfo *info,
                                      JsonObject    *values);
GPtrArray *  _td_merge_contact_values (TdCustomerMergeDialog *self,
                                       const RowInfo         *info,
                                       Side                   side);
void         _td_merge_describe_values (const RowInfo  *info,
                                        JsonObject     *values,
                                        JsonObject     *other_values,
                                        char          **primary,
                                        char          **secondary);
void         _td_merge_describe_side (TdCustomerMergeDialog  *self,
                                      MergeRow               *row,
                                      Side                    side,
                                      char                  **primary,
                                      char                  **secondary);
char *       _td_merge_describe_both (TdCustomerMergeDialog *self,
                                      MergeRow              *row);
char *       _td_merge_describe_union (TdCustomerMergeDialog *self,
                                       MergeRow              *row);
Side         _td_merge_default_choice (TdCustomerMergeDialog *self,
                                       MergeRow              *row);
JsonObject * _td_merge_build_chosen (TdCustomerMergeDialog *self);
JsonObject * _td_merge_build_result (TdCustomerMergeDialog *self,
                                     JsonObject            *chosen);

G_END_DECLS
