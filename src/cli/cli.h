/*
** cli.h — what the command files share: the command table, error printing
** and the common -s/--store option. Only the CLI prints or exits.
*/
#ifndef SIGHTLINE_CLI_H
#define SIGHTLINE_CLI_H

#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include "sightline/core/error.h"
#include "sightline/core/json.h"
#include "sightline/core/progress.h"
#include "sightline/store/store.h"
#include "sightline/core/text.h"

/* Exit codes: 0 ok, 1 bad input or data error, 2 usage error. */
enum { CLI_OK = 0, CLI_DATA = 1, CLI_USAGE = 2 };

typedef int (*cli_command_fn)(int argc, char **argv);

/* Print "sightline: FILE:LINE: message" (parts omitted when unknown) and
** return the exit code for err's status. */
int cli_report(const sl_error *err);

/* getopt_long's C for ARG (argv[optind - 1]) that no case took: ':' a
** missing value, else an unknown option, with the close one of OPTS
** ("--tehc": did you mean '--tech'?). Returns CLI_USAGE. */
struct option;
int cli_bad_option(const char *command, int c, const char *arg, const struct option *opts);

/* Print "sightline: message" plus a hint to --help; return CLI_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Every import's options naming who published the data (import.c). */
#define CLI_CREDIT_HELP                                                                            \
    "  --publisher TEXT   who published the data; --url URL where to find it;\n"                  \
    "  --licence TEXT     its licence (--license: the same); --year Y its data\n"                  \
    "                     year (YYYY or YYYY-YYYY). Shown by `info` and in the\n"                 \
    "                     report's sources; --preset atlas and fbi-cde fill them in.\n"
/* CLI_OK, or a usage error of COMMAND when the credit CREDIT gives cannot be
** recorded (sl_ingest_credit_check). */
int cli_credit_check(const char *command, const sl_source *credit);
/* What an import of a file imported before did when it recorded a credit
** the earlier import lacked (sl_import_result.credited), in place of
** "nothing changed". */
#define CLI_CREDIT_ADDED "recorded who published it (publisher, URL, licence, year); nothing else changed"
/* Under import SOURCE's row of `info` and in the audit's notes: how to
** record the credit its preset gives, when an older sightline recorded
** none (sl_ingest_credit_missing); nothing when it has one. TO: stdout or
** stderr; LEAD the text before it, WHY what the missing credit does. */
void cli_credit_hint(FILE *to, const char *lead, const char *why, const sl_source *source);


/* 1 if any of argv[1..] is -h or --help (commands check this first). */
int cli_wants_help(int argc, char **argv);

/* How a command uses the store: only imports (import, synth, demo) write,
** and only they may create one; every other command reads an existing
** store and never changes it. */
/* READ: an existing store, one snapshot. WRITE: may create the store (the
** imports). MODIFY: writes to an existing store only (rm). */
enum { CLI_STORE_READ = 0, CLI_STORE_WRITE = 1, CLI_STORE_MODIFY = 2 };

/* Open the store for MODE, printing any error; NULL on failure. Names SQLite
** would not keep as a file ("", ":memory:", "file:...") are usage errors. A
** store opened to read holds one snapshot until it is closed. */
sl_store *cli_open_store(const char *path, int mode, int *exit_code);
/* The same for a writer (WRITE, MODIFY) whose waits for another sightline's
** write lock are told on PROGRESS's line (cli_progress_wait_hook), at the
** open and at every later write transaction: PROGRESS (started) must
** outlive the store. */
typedef struct cli_progress cli_progress;
sl_store *cli_open_store_told(const char *path, int mode, cli_progress *progress, int *exit_code);
/* 1 when PATH names a SQLite store file that is not there yet: a writer
** opening it creates it. Call before cli_open_store_told. */
int cli_store_absent(const char *path);
/* Close ST, a writer's store at PATH. When the command FAILED and the file
** was ABSENT before it (cli_store_absent) and the store holds no import, the
** file and its journals are removed: a refused first import leaves no empty
** store behind, to be taken for one that holds something. ST NULL (the
** open failed): the file goes only when it is still empty. */
void cli_store_close_writer(sl_store *st, const char *path, int absent, int failed);

/* Results (src/cli/output.c): pretty JSON on stdout, and field access that
** gives 0/""/NaN for a missing key so tables never crash. */
int cli_print_json(json_t *r);
/* The same with jansson dump FLAGS; DEL and C1 controls are \u-escaped.
** Both return CLI_OK, or CLI_DATA (after saying so) when out of memory. */
int cli_print_json_flags(json_t *r, size_t flags);
/* Escape, in place, every string (and key) of R that holds control
** characters or bytes that are not UTF-8 (sl_term_escaped), before R is
** printed as a table: names from input files must not drive the terminal.
** CLI_OK, or CLI_DATA (after saying so) when out of memory: R is then not
** safe to print. */
int cli_terminal_safe(json_t *r);
/* S for a terminal (sl_term_escaped) in BUF of LEN bytes, truncated; S
** itself when nothing needs escaping. For names read from input files that
** a summary line prints (a column name, a layer name). */
const char *cli_term(const char *s, char *buf, size_t len);

/* On stderr, when an import skipped LINES title lines above a CSV header
** (sl_csv_title_lines): which lines, the title's text, where the columns
** were read. Nothing when LINES is 0. */
void cli_title_note(const char *file, long lines, const char *title);
/* N with thousands separators and the noun in its number, into BUF:
** "1 business", "2,345 businesses", "0 businesses". Every count the CLI
** prints before a noun goes through it. */
enum { CLI_COUNT_MAX = 96 };
const char *cli_count(long long n, const char *one, const char *many, char buf[CLI_COUNT_MAX]);
/* The same for a point layer named LAYER: "1 camera", "2 cameras". */
const char *cli_layer_count(long long n, const char *layer, char buf[CLI_COUNT_MAX]);
/* An analysis: FN(store, QUERY) gives the result object cli_run_out prints. */
typedef sl_status (*cli_analysis_fn)(sl_store *st, void *query, json_t **out, sl_error *err);

/* ---- One output convention (src/cli/table.c) ---- */

enum { CLI_FMT_TABLE = 0, CLI_FMT_JSON = 1, CLI_FMT_CSV = 2 };

/* Where and how a command prints: --format, -o, --sort, --top, --asc/--desc. */
typedef struct cli_out {
    int format;       /* CLI_FMT_* */
    const char *file; /* -o FILE; NULL or "-": standard output */
    const char *sort; /* --sort KEY: a column key of the main table */
    long top;         /* --top N: at most N rows (0: all) */
    int order;        /* +1 --asc, -1 --desc, 0 the column's natural order */
    size_t json_flags; /* jansson dump flags for JSON; 0: cli_print_json's */
    int store_mode;    /* CLI_STORE_READ (0) for every analysis; synth writes */
    const char *layers; /* the layers the figures rest on ("requests"): a caution
                        ** follows them when `sightline synth` invented some */
    int personal;     /* the output holds personal data: FILE is made 0600 */
    char *tmp;        /* private: the temporary file while -o is written */
    int unnamed;      /* private: the temporary file has no name yet (O_TMPFILE) */
    int saved_fd;     /* private: standard output while redirected */
    int direct;       /* private: -o names a device or a pipe, written in place */
    char synthetic[512]; /* private: the synth files the figures rest on ("a; b"),
                         ** a CSV column of every row; "": none (cli_run_out) */
} cli_out;

/* getopt_long codes of the shared options; put CLI_OUT_OPTIONS in the
** command's option table, "o:" in its short options, and hand every code
** to cli_out_option first. */
enum { CLI_O_FORMAT = 1000, CLI_O_JSON, CLI_O_CSV, CLI_O_SORT, CLI_O_TOP, CLI_O_ASC, CLI_O_DESC };
#define CLI_OUT_OPTIONS                                                                            \
    {"format", required_argument, 0, CLI_O_FORMAT}, {"json", no_argument, 0, CLI_O_JSON},          \
        {"csv", no_argument, 0, CLI_O_CSV}, {"sort", required_argument, 0, CLI_O_SORT},            \
        {"top", required_argument, 0, CLI_O_TOP}, {"asc", no_argument, 0, CLI_O_ASC},              \
        {"desc", no_argument, 0, CLI_O_DESC}, {"output", required_argument, 0, 'o'}
/* The help lines for those options. */
#define CLI_OUT_HELP                                                                               \
    "  --format F       table (default), csv or json (--csv, --json: the same)\n"                 \
    "  -o FILE          write to FILE (- is standard output), replaced only on success\n"         \
    "  --sort KEY       sort the main table by a column (its CSV header name)\n"                  \
    "  --top N          at most N rows;  --asc / --desc: the sort order (table and\n"          \
    "                   CSV; --json gives the whole result, in the store's order)\n"

/* Apply option C (value ARG) to O: CLI_OK, a usage error's exit code, or -1
** when C is not an output option. */
int cli_out_option(cli_out *o, const char *command, int c, const char *arg);
/* Send standard output to O's file (if any) until cli_out_end, which
** renames it into place when RC is CLI_OK (else removes it) and returns
** the final exit code. */
int cli_out_begin(cli_out *o, const char *command);
int cli_out_end(cli_out *o, int rc);

/* How a column reads: TEXT as is; COUNT with thousands separators; NUMBER
** with enough digits that no non-zero value prints as 0; PERCENT a share
** (0..1) shown as %; POINTS a difference of shares in percentage points;
** METRES as m below 10 km, km above; P a p-value that
** prints "< FLOOR" at the floor of its draws. CSV writes raw values. */
typedef enum { CLI_TEXT, CLI_COUNT, CLI_NUMBER, CLI_PERCENT, CLI_POINTS, CLI_METRES, CLI_P, CLI_GROUP } cli_kind;
typedef struct cli_col {
    const char *key;  /* key in each row object, and the CSV header */
    const char *head; /* heading for people */
    cli_kind kind;
} cli_col;
typedef struct cli_table {
    const char *title; /* printed above the table for people; NULL: none */
    const cli_col *cols;
    size_t ncols;
    json_t *rows;      /* array of objects, sorted in place */
    const char *sort;  /* default sort key; NULL: the analysis' order */
    int desc;          /* default order of that key */
    double p_floor;    /* 1/(N+1) for P columns; 0: none */
} cli_table;

/* Sort T's rows by --sort (or T's default); a usage error's exit code when
** the key is not a column (the message lists them), else CLI_OK. */
int cli_table_order(const char *command, const cli_out *o, const cli_table *t);
/* Print T as O asks: an aligned table or CSV (at most --top rows). */
void cli_table_print(const cli_out *o, const cli_table *t);

/* One result R as a one-row table of COLS (for CSV of a single figure). */
int cli_print_record(const cli_out *o, json_t *r, const cli_col *cols, size_t ncols);

/* "caution: " and TEXT to F, broken between words before column 100: a
** result's "caveat", beside the figures it qualifies. */
void cli_caution(FILE *f, const char *text);
/* LEAD and TEXT to F, broken between words before column 100, continued
** lines indented under TEXT (LEAD "": a plain paragraph). */
void cli_wrap(FILE *f, const char *lead, const char *text);
/* M metres for people: "850 m", "2,593.5 km". */
const char *cli_distance(double m, char buf[40]);

/* Open STORE (O->store_mode: read for every analysis, write for synth), run
** FN(store, QUERY), close the store, then print the result as O asks: JSON
** here, a table (strings escaped for the terminal) or CSV by PRINT, which
** gets the result, O and QUERY; O's -o is honoured. Returns the exit code:
** 1 (CLI_DATA) for a result carrying "no_match", a filter naming nothing
** in the data, whose sentence goes to stderr (JSON still prints). */
typedef int (*cli_printer)(json_t *r, const cli_out *o, void *query);

/* Under figures resting on rows `sightline synth` invented (MADE, from
** sl_analysis_synth_sources), on stderr in every format: a store of real
** imports with one forgotten synth run gives plausible figures otherwise.
** cli_run_out calls it for a command that names its o->layers, and marks
** what it writes too: JSON fields, a CSV column, the line under a table
** going to a file or a pipe. */
void cli_synth_caution(json_t *made);
/* The same to F: stdout puts it under a table written to a file. */
void cli_synth_caution_to(FILE *f, json_t *made);

int cli_run_out(const char *command, const char *store, void *query, cli_analysis_fn fn, cli_out *o,
                cli_printer print);

/* 1 when TEXT is a whole number (strtod syntax), stored in *out. */
int cli_parse_double(const char *text, double *out);

/* CLI_OK when the circle or box Z has coordinates in range (latitude
** -90..90, longitude -180..180, a positive radius, W < E, S < N); else a
** usage error naming OPTION (e.g. "--circle", "--zone home") and the value. */
struct sl_zone;
int cli_check_zone(const char *command, const char *option, const struct sl_zone *z);

/* A polygon zone's file read through io (analyses open no file): Z's
** polygon and sha256 point into *PS (free with sl_polyset_free) and SHA256,
** which must outlive Z. LAYER: the layer of a file holding several (NULL:
** its only one). A box or circle is left as it is. 0, or the exit code
** after the error was printed. */
struct sl_polyset;
int cli_read_zone_polygon(struct sl_zone *z, const char *layer, struct sl_polyset **ps, char sha256[65]);

/* ---- Ctrl-C during an import (src/cli/interrupt.c) ---- */

/* Catch SIGINT and SIGTERM with HANDLER (once each: the next takes the
** default action), keeping their old actions in OLD; one ignored on entry
** stays ignored. cli_signals_restore puts OLD back. */
void cli_signals_catch(void (*handler)(int), struct sigaction old[2]);
void cli_signals_restore(const struct sigaction old[2]);

/* The changes whose Ctrl-C is told: each one transaction. */
typedef enum { CLI_CHANGE_IMPORT, CLI_CHANGE_EXCLUDE, CLI_CHANGE_RM, CLI_CHANGE_ERASE, CLI_CHANGE_CLOSE } cli_change;

/* SIGINT and SIGTERM as they were, and the mask, while an import runs. */
typedef struct cli_interrupt {
    struct sigaction old[2];
    sigset_t mask;
    int held;
    cli_change kind; /* whose messages */
    int committed;   /* cli_interrupt_over_commit's: a commit succeeded */
} cli_interrupt;

/* From here until cli_interrupt_hold, SIGINT or SIGTERM writes "import
** interrupted: nothing was imported; the store is as it was before it" to
** standard error and then kills as its default action would. */
void cli_interrupt_tell(cli_interrupt *g);
/* The same for another change KIND: "exclude interrupted: nothing was
** excluded ...", "rm interrupted: nothing was removed ...". */
void cli_interrupt_tell_change(cli_interrupt *g, cli_change kind);
/* cli_interrupt_hold from ST's next commit on (sl_store_before_commit), for
** a change whose commit is inside a library call. */
void cli_interrupt_over_commit(cli_interrupt *g, sl_store *st);
/* Just before the commit: both signals held, their old actions back. */
void cli_interrupt_hold(cli_interrupt *g);
/* Both signals held from now on, for a run that stops itself between steps
** when one came (cli_interrupt_asked: nonzero then; G a cli_interrupt *). */
void cli_interrupt_block(cli_interrupt *g);
int cli_interrupt_asked(void *g);
/* After the commit (or on any way out): the mask as it was; a signal held
** since cli_interrupt_hold is taken now, by its old action. */
void cli_interrupt_end(cli_interrupt *g);
/* cli_interrupt_end after the commit, saying first, when a signal is held,
** whether FILE was STORED (as import SOURCE_ID; an exclusion's id; the
** change, for the others) or nothing was changed. */
void cli_interrupt_after(cli_interrupt *g, const char *file, long source_id, int stored);
/* cli_interrupt_after for a change under cli_interrupt_over_commit: stored
** when its commit succeeded (an erasure's later overwrite may still fail). */
void cli_interrupt_after_change(cli_interrupt *g);

/* ---- A progress line (src/cli/progress.c) ---- */

/* One line on standard error, only when it is a terminal: redrawn with \r
** at most ten times a second, cleared by cli_progress_end, never written to
** a pipe or a file. */
/* A thread that calls FN(CTX) once a second until cli_ticker_stop: the
** redraws of a line whose step tells nothing of itself (a busy line, the
** audit's bar). SIGINT and SIGTERM are blocked in it, so a handler runs on
** the thread doing the work, never in the middle of a redraw. FN runs
** without the ticker's lock: it guards its own state. */
typedef struct cli_ticker {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    void (*fn)(void *ctx);
    void *ctx;
    int stop, running;
} cli_ticker;
/* Start T; 0 when no thread could start (the line then moves only when its
** step tells), and cli_ticker_stop is then a no-op. */
int cli_ticker_start(cli_ticker *t, void (*fn)(void *ctx), void *ctx);
/* Stop T and wait for its thread: FN runs no more once this returns. */
void cli_ticker_stop(cli_ticker *t);

typedef struct cli_progress {
    const char *command; /* the line starts "COMMAND: " */
    double last;         /* when the line was last drawn */
    const char *what;    /* the phase last told (a new one is drawn at once) */
    int tty, shown;
    /* cli_progress_busy: a ticker redraws BUSY with the seconds it has
    ** taken until cli_progress_end */
    cli_ticker ticker;
    double since;
    char busy[120];
} cli_progress;

void cli_progress_start(cli_progress *p, const char *command);
/* Draw the line FMT... (a printf format) if standard error is a terminal
** and the last draw is 0.1 s old. */
void cli_progress_line(cli_progress *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The callback the lower layers tell (core/progress.h): "WHAT DONE of
** TOTAL (N%)", bytes in MB. Zeroed (nothing told) when standard error is
** not a terminal. */
sl_progress cli_progress_hook(cli_progress *p);
/* The callback a writer's store tells while it waits for another
** sightline's write lock (sl_store_open_told): "waiting for another
** sightline using STORE (an import, rm, backup or audit) ..." on P's line. Zeroed when
** standard error is not a terminal, as every progress line. */
sl_progress cli_progress_wait_hook(cli_progress *p);
/* A step that tells no progress of its own (cameras, density): draw
** "COMMAND: WHAT..." at once, then "WHAT... N s" each second until
** cli_progress_end, so a wait of seconds at national scale never sits
** silent. Nothing on a non-terminal, as every progress line. */
void cli_progress_busy(cli_progress *p, const char *what);
/* Stop a busy line's redraws and clear the line, if one was drawn. */
void cli_progress_end(cli_progress *p);

/* What removing import ID (of FILE; NULL: not named) did, on stdout, as
** `rm` says it: "removed import ID[, FILE] (the records that went with it)",
** those it had changed that went back to an earlier import's version, and
** those a later import changed, which stay as that import has them. */
void cli_print_removal(long id, const char *file, const sl_removal *r);
/* The same for each earlier import an import's --replace removed first
** (R->replaced), before the import's own summary. */
struct sl_import_result;
void cli_print_replaced(const struct sl_import_result *r);

/* The commands, one file each. */
int cmd_import(int argc, char **argv);
int cmd_partnerships(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_join(int argc, char **argv);
int cmd_cameras(int argc, char **argv);
int cmd_zone(int argc, char **argv);
int cmd_near(int argc, char **argv);
int cmd_density(int argc, char **argv);
int cmd_disparity(int argc, char **argv);
int cmd_synth(int argc, char **argv);
int cmd_power(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_rm(int argc, char **argv);
int cmd_exclude(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_campaign(int argc, char **argv);
int cmd_businesses(int argc, char **argv);

/* `import areas|posts|cameras|sites FILE [options]` (src/cli/import_layers.c).
** KIND is the layer word; argv[0] is that word and argv[1..] the file and
** options. Returns the exit code. */
int cmd_import_layer(const char *kind, int argc, char **argv);

#endif
