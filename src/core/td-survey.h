/* td-survey.h: satisfaction surveys after a stay or a trip, and their NPS
 *
 * A response (kind "survey_response") has the Net Promoter question (“How
 * likely are you to recommend us?”, 0 to 10), ratings of 1 to 5 for
 * service, cleanliness, the guide and value (each optional), a comment,
 * when and how it was answered (desk, paper, phone, e-mail, SMS, WeChat,
 * web, import), and what it is about: the customer, the stay (whose
 * property and guest it takes) or a tour booking, the product and guide.
 *
 * NPS = % promoters (9–10) − % detractors (0–6), from −100 to +100.
 *
 * Responses are entered at the desk (td_survey_add) or imported from a
 * spreadsheet (td_survey_import): every row is imported or reported with
 * its line and what is wrong; nothing is written unless asked, and then
 * the good rows in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-database.h"
#include "td-date-range.h"

G_BEGIN_DECLS

#define TD_SURVEY_ERROR (td_survey_error_quark ())

typedef enum {
  TD_SURVEY_ERROR_INVALID,    /* a score out of range, an unknown channel... */
  TD_SURVEY_ERROR_NOT_FOUND,  /* no such customer, stay or property */
  TD_SURVEY_ERROR_FILE,       /* a file that is not a survey spreadsheet */
} TdSurveyError;

GQuark       td_survey_error_quark (void);

/* the channels, NULL-terminated */
const char * const *td_survey_channels (void);

typedef struct {
  const char *customer_id;   /* NULL: the stay's guest, if any */
  const char *stay_id;
  const char *booking_id;    /* a tour booking */
  const char *property_id;   /* NULL: the stay's */
  const char *product;
  const char *guide;
  int         nps;           /* 0 to 10 */
  int         service;       /* 1 to 5; 0: not asked */
  int         cleanliness;
  int         guide_rating;
  int         value;
  const char *comment;
  gint64      answered_at;   /* unix µs; 0: now */
  const char *channel;       /* NULL: desk */
} TdSurveyAnswer;

/* Checks and writes one response; returns its id. */
char        *td_survey_add         (TdDatabase           *db,
                                    const char           *actor,
                                    const TdSurveyAnswer *answer,
                                    GError              **error);

/* ------------------------------------------------------------------ */
/* import                                                             */

typedef struct {
  guint  line;      /* of the file, from 1 */
  char  *message;   /* what is wrong, translated */
  char **fields;    /* the row as read, for a file of rejects */
} TdSurveyProblem;

typedef struct {
  guint      rows;        /* data rows read */
  guint      imported;    /* written (or that would be, for a dry run) */
  guint      duplicates;  /* already in the workspace: skipped */
  GPtrArray *problems;    /* TdSurveyProblem*, by line: rows not imported */
  char     **header;      /* the file's header row */
} TdSurveyImport;

void         td_survey_import_free (TdSurveyImport       *import);

/* Reads a CSV (UTF-8 or GB18030, with a header row). Columns, by header
 * (English or Chinese, any case): nps (推荐度), answered_at (日期/回答时间,
 * YYYY-MM-DD or ISO 8601; a date alone is noon local time), customer_id,
 * phone (a customer's, to find them), stay_id, booking_id, property (a
 * hotel's name or id), product, guide, service, cleanliness, guide_rating,
 * value, comment, channel (default import). Only nps is required. With
 * dry_run nothing is written. */
TdSurveyImport *td_survey_import   (TdDatabase           *db,
                                    const char           *actor,
                                    const char           *data,
                                    gsize                 length,
                                    gboolean              dry_run,
                                    GError              **error);
/* The rows of the problems as a CSV with the header plus an "error" column:
 * fix them and import that file again. */
char        *td_survey_import_rejects_csv (const TdSurveyImport *import);

/* ------------------------------------------------------------------ */
/* summary                                                            */

typedef enum {
  TD_SURVEY_GROUP_NONE,
  TD_SURVEY_GROUP_PROPERTY,
  TD_SURVEY_GROUP_PRODUCT,
  TD_SURVEY_GROUP_GUIDE,
  TD_SURVEY_GROUP_MONTH,
} TdSurveyGroup;

typedef struct {
  char   *key;            /* property id, product, guide, YYYY-MM; "" none */
  char   *title;          /* for people */
  gint64  responses;
  gint64  promoters;      /* 9–10 */
  gint64  passives;       /* 7–8 */
  gint64  detractors;     /* 0–6 */
  double  nps;            /* NAN without responses */
  double  average[4];     /* service, cleanliness, guide, value; NAN: none rated */
  gint64  rated[4];       /* how many rated each */
} TdSurveyGroupRow;

void         td_survey_group_row_free (TdSurveyGroupRow  *row);

/* promoters − detractors in % of responses (NAN when 0) */
double       td_survey_nps         (gint64                promoters,
                                    gint64                detractors,
                                    gint64                responses);

/* TdSurveyGroupRow* for the responses answered in dates (local; {0, 0}:
 * all), grouped; the first row is the total when group is not NONE. */
GPtrArray   *td_survey_summary     (TdDatabase           *db,
                                    const TdDateRange    *dates,
                                    TdSurveyGroup         group,
                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSurveyImport, td_survey_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSurveyGroupRow, td_survey_group_row_free)

G_END_DECLS
