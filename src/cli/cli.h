/*
** cli.h — what the command files share: the command table, error printing
** and the common -s/--store option. Only the CLI prints or exits.
*/
#ifndef SIGHTLINE_CLI_H
#define SIGHTLINE_CLI_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include "sightline/error.h"
#include "sightline/store.h"
#include "sightline/text.h"

/* Exit codes: 0 ok, 1 bad input or data error, 2 usage error. */
enum { CLI_OK = 0, CLI_DATA = 1, CLI_USAGE = 2 };

typedef int (*cli_command_fn)(int argc, char **argv);

/* Print "sightline: FILE:LINE: message" (parts omitted when unknown) and
** return the exit code for err's status. */
int cli_report(const sl_error *err);

/* Print "sightline: message" plus a hint to --help; return CLI_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

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
long long cli_int(json_t *o, const char *key);
double cli_num(json_t *o, const char *key);
const char *cli_str(json_t *o, const char *key);
/* Open STORE, run FN(store, QUERY), close the store, then print the result
** as JSON (JSON set) or with PRINT. Returns the exit code; errors are
** printed as "sightline: FILE:LINE: message". */
typedef sl_status (*cli_analysis_fn)(sl_store *st, void *query, json_t **out, sl_error *err);
int cli_run(const char *store, void *query, cli_analysis_fn fn, int json, void (*print)(json_t *));
/* cli_run for CSV output: PRINT gets the result unescaped (CSV is data). */
int cli_run_csv(const char *store, void *query, cli_analysis_fn fn, void (*print)(json_t *));
/* cli_run for a command that adds to the store (synth): it may create it. */
int cli_run_write(const char *store, void *query, cli_analysis_fn fn, int json, void (*print)(json_t *));

/* N with thousands separators ("1,234,567") in BUF, which it returns. */
const char *cli_thousands(long long n, char buf[32]);

/* 1 when TEXT is a whole number (strtod syntax), stored in *out. */
int cli_parse_double(const char *text, double *out);

/* CLI_OK when the circle or box Z has coordinates in range (latitude
** -90..90, longitude -180..180, a positive radius, W < E, S < N); else a
** usage error naming OPTION (e.g. "--circle", "--zone home") and the value. */
struct sl_zone;
int cli_check_zone(const char *command, const char *option, const struct sl_zone *z);

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

/* `import areas|posts|cameras|sites FILE [options]` (src/cli/import_layers.c).
** KIND is the layer word; argv[0] is that word and argv[1..] the file and
** options. Returns the exit code. */
int cmd_import_layer(const char *kind, int argc, char **argv);

#endif
