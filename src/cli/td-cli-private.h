/* td-cli-private.h: what the files of tourdesk-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "td-cli.h"
#include "td-core.h"

G_BEGIN_DECLS

typedef struct {
  const char *prog;
  char       *db_path;
  gboolean    json;
  const char *db_help;   /* --help for --db (translatable); NULL: the workspace file */
} Cli;

typedef int (*CommandFunc) (Cli *cli, int argc, char **argv);

typedef struct {
  const char  *name;
  const char  *args;     /* parameter string for --help */
  const char  *summary;  /* translatable */
  CommandFunc  func;
} Command;

/* A command made of sub-commands, such as `pois import`. Each group has
 * messages of its own, marked for translation in its table (the Chinese
 * differs from group to group). */
typedef struct {
  const char    *name;         /* "pois" */
  const Command *commands;
  guint          n_commands;
  Command       *named;        /* n_commands slots: the commands named “pois import” */
  const char    *usage;        /* translatable format: the program */
  const char    *description;  /* translatable */
  const char    *footer;       /* translatable */
  const char    *needs_sub;    /* translatable format: the program */
  const char    *unknown_sub;  /* translatable format: the sub-command, the program */
} CommandGroup;

/* td-cli.c: the shared machinery */

void            td_cli_fail            (Cli            *cli,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);
int             td_cli_fail_error      (Cli            *cli,
                                        GError         *error);
void            td_cli_print_row       (const char     *label,
                                        const char     *value);
void            td_cli_print_json      (JsonBuilder    *builder);
/* pretty-printed, as every --json output */
void            td_cli_print_json_node (JsonNode       *root);
/* text and spaces to fill `cells` terminal cells (CJK characters take two) */
void            td_cli_append_padded   (GString        *line,
                                        const char     *text,
                                        guint           cells);
/* YYYY-MM-DD; FALSE (after saying so, naming option) otherwise: exit with
 * TD_CLI_EXIT_USAGE */
gboolean        td_cli_parse_date      (Cli            *cli,
                                        const char     *option,
                                        const char     *text,
                                        guint32        *julian);
int             td_cli_parse_options   (Cli            *cli,
                                        const Command  *command,
                                        GOptionEntry   *entries,
                                        gboolean        has_json,
                                        int            *argc,
                                        char         ***argv);
/* a count option: 0..max; text NULL leaves *out as it is. FALSE (after
 * saying why) when it is not such a number: exit with TD_CLI_EXIT_USAGE */
gboolean        td_cli_parse_count     (Cli            *cli,
                                        const char     *option,
                                        const char     *text,
                                        guint64         max,
                                        guint64        *out);
/* --limit N: 1 to TD_CLI_MAX_LIMIT; text NULL leaves *limit as it is.
 * FALSE (after saying why) when it is not such a number: exit with
 * TD_CLI_EXIT_USAGE. */
#define TD_CLI_MAX_LIMIT 10000
gboolean        td_cli_parse_limit     (Cli            *cli,
                                        const char     *text,
                                        guint          *limit);
gboolean        td_cli_expect_args     (Cli            *cli,
                                        const Command  *command,
                                        int             argc,
                                        int             wanted);
TdDatabase     *td_cli_open_existing   (Cli            *cli,
                                        GError        **error);
const Command  *td_cli_find_command    (const char     *name);
const Command  *td_cli_find_subcommand (const CommandGroup *group,
                                        const char     *name);
int             td_cli_run_group       (Cli            *cli,
                                        const CommandGroup *group,
                                        int             argc,
                                        char          **argv);

/* td-cli-workspace.c */

int td_cli_cmd_init    (Cli *cli, int argc, char **argv);
int td_cli_cmd_demo    (Cli *cli, int argc, char **argv);
int td_cli_cmd_info    (Cli *cli, int argc, char **argv);
int td_cli_cmd_backup  (Cli *cli, int argc, char **argv);
int td_cli_cmd_restore (Cli *cli, int argc, char **argv);
int td_cli_cmd_check   (Cli *cli, int argc, char **argv);

/* td-cli-customers.c */

int td_cli_cmd_customers (Cli *cli, int argc, char **argv);
/* the sub-command, named “customers NAME” in messages and --help */
const Command *td_cli_find_customers_command (const char *name);

/* td-cli-customers-files.c: customers import, customers export */

int td_cli_cmd_customers_import (Cli *cli, int argc, char **argv);
int td_cli_cmd_customers_export (Cli *cli, int argc, char **argv);

/* td-cli-pois.c */

int td_cli_cmd_pois (Cli *cli, int argc, char **argv);
int td_cli_cmd_sync (Cli *cli, int argc, char **argv);

/* td-cli-rooms.c; what td-cli-stays.c shares with it */

int         td_cli_cmd_rooms          (Cli *cli, int argc, char **argv);
/* the id of what --property, --type or --room names (NULL text: *id
 * NULL): a hotel, or a room type or room within property_id (NULL: where
 * it is the only one); FALSE after saying why */
typedef enum {
  TD_CLI_FIND_PROPERTY,
  TD_CLI_FIND_ROOM_TYPE,
  TD_CLI_FIND_ROOM,
} TdCliFind;

gboolean    td_cli_resolve            (Cli          *cli,
                                       TdDatabase   *db,
                                       TdCliFind     find,
                                       const char   *property_id,
                                       const char   *text,
                                       char        **id);
/* a count option (--adults N): 0..max; text NULL leaves *out */
gboolean    td_cli_parse_guests       (Cli          *cli,
                                       const char   *option,
                                       const char   *text,
                                       guint         max,
                                       guint        *out);
void        td_cli_add_money          (JsonBuilder  *b,
                                       const char   *member,
                                       const TdMoney *money);
void        td_cli_add_string         (JsonBuilder  *b,
                                       const char   *member,
                                       const char   *value);
void        td_cli_add_date           (JsonBuilder  *b,
                                       const char   *member,
                                       guint32       julian);

/* td-cli-tickets.c */

int td_cli_cmd_tickets (Cli *cli, int argc, char **argv);

/* td-cli-complaints.c */

int         td_cli_cmd_complaints     (Cli *cli, int argc, char **argv);

/* td-cli-stays.c */

int         td_cli_cmd_stays          (Cli *cli, int argc, char **argv);

/* td-cli-tours.c: the agency desk */

int td_cli_cmd_tours      (Cli *cli, int argc, char **argv);
int td_cli_cmd_departures (Cli *cli, int argc, char **argv);
int td_cli_cmd_contracts  (Cli *cli, int argc, char **argv);
/* td-cli-folio.c */

int         td_cli_cmd_folio          (Cli *cli, int argc, char **argv);

/* td-cli-hotels.c */
int         td_cli_cmd_hotels         (Cli *cli, int argc, char **argv);

/* td-cli-calendar.c */

int         td_cli_cmd_calendar       (Cli *cli, int argc, char **argv);

/* td-cli-marketing.c: segments; td-cli-campaigns.c; td-cli-coupons.c */

int         td_cli_cmd_segments       (Cli *cli, int argc, char **argv);
int         td_cli_cmd_campaigns      (Cli *cli, int argc, char **argv);
int         td_cli_cmd_coupons        (Cli *cli, int argc, char **argv);
int         td_cli_cmd_loyalty        (Cli *cli, int argc, char **argv);

/* td-cli-reports.c */

int         td_cli_cmd_reports        (Cli *cli, int argc, char **argv);

/* td-cli-surveys.c */

int         td_cli_cmd_surveys        (Cli *cli, int argc, char **argv);

G_END_DECLS
