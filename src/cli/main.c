/*
** main.c — `sightline <command> [options]`: finds the command and runs it.
*/
#include "cli.h"
#include "sightline/core/names.h"
#include "sightline/report/report.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *name;
    cli_command_fn run;
    const char *summary;
} COMMANDS[] = {
    {"import", cmd_import, "import partnerships, agencies and other layers into the store"},
    {"info", cmd_info, "list what the store holds: imports, records, area sets, layers"},
    {"rm", cmd_rm, "remove an import, restoring the records it changed"},
    {"exclude", cmd_exclude, "leave out an owner's camera: her circle's posts now and in every import"},
    {"backup", cmd_backup, "a consistent copy of the store; --share leaves out personal data"},
    {"partnerships", cmd_partnerships, "count partnerships by year, state or type; diff snapshots"},
    {"join", cmd_join, "count points per area (per km2, per 1,000 residents)"},
    {"cameras", cmd_cameras, "turn posts into unique cameras"},
    {"zone", cmd_zone, "posts and unique cameras inside a box, circle or polygon"},
    {"near", cmd_near, "cameras near sensitive sites, or along a road between two"},
    {"density", cmd_density, "hexagon density map as GeoJSON (small cells suppressed)"},
    {"disparity", cmd_disparity, "demographic disparity of requests, posts or cameras, with intervals"},
    {"synth", cmd_synth, "generate synthetic layers with a planted bias"},
    {"power", cmd_power, "events needed to detect a disparity"},
    {"audit", cmd_audit, "write the offline report, summary.json and GIS files (privacy-safe)"},
    {"demo", cmd_demo, "write the synthetic demo data set into a store"},
    {"serve", cmd_serve, "the store in a browser: a page and a JSON API on loopback"},
    {"campaign", cmd_campaign, "the campaign: its content, pledges (double opt-in), public counts"},
    {"businesses", cmd_businesses, "search the directory of Black-owned businesses"},
};
#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static void usage(FILE *out)
{
    fprintf(out,
            "usage: sightline <command> [options]\n"
            "\n"
            "sightline measures police-partnered surveillance networks from public\n"
            "records: partnerships, agencies, camera and post locations, requests and\n"
            "census areas. Every command takes -s/--store STORE: a SQLite file\n"
            "(default ./%s) or a shared PostgreSQL database (postgresql:///DB).\n"
            "\n"
            "commands:\n",
            SL_STORE_DEFAULT);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-14s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "\n`sightline <command> --help` describes each command.\n"
                 "Exit status: 0 ok, 1 bad input or data error, 2 usage error.\n"
                 "A SQLite store another sightline holds (an import writing, an audit\n"
                 "reading) is waited for: until it is free by an import, rm or campaign\n"
                 "change on a terminal; else, and by any command without a terminal\n"
                 "(cron, a pipe), 5 s, then exit 1 with nothing changed; SIGHTLINE_WAIT=\n"
                 "SECONDS in the environment waits that long instead. Run a nightly\n"
                 "job's steps one after another, or each under flock(1).\n");
}

/* Messages echo input values (a bad date, a column name, a file name):
** they are written with control characters escaped (sl_term_write). */
int cli_report(const sl_error *err)
{
    fputs("sightline: ", stderr);
    if (err->file[0]) {
        sl_term_write(stderr, err->file);
        if (err->line > 0) fprintf(stderr, ":%ld", err->line);
        fputs(": ", stderr);
    }
    sl_term_write(stderr, err->msg);
    fputc('\n', stderr);
    return sl_exit_code(err->status);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    char msg[2048];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fputs("sightline: ", stderr);
    sl_term_write(stderr, msg);
    fprintf(stderr, "\nTry 'sightline %s --help'.\n", command ? command : "");
    return CLI_USAGE;
}

int cli_bad_option(const char *command, int c, const char *arg, const struct option *opts)
{
    if (c == ':') return cli_usage_error(command, "option '%s' needs a value", arg);
    char want[64];
    snprintf(want, sizeof want, "%s", arg + strspn(arg, "-"));
    want[strcspn(want, "=")] = '\0';
    const char *names[128];
    size_t n = 0;
    for (; opts && opts[n].name && n < 128; n++) names[n] = opts[n].name;
    const char *close = want[0] && arg[0] == '-' && arg[1] == '-' ? sl_name_closest(want, names, n) : NULL;
    if (close) return cli_usage_error(command, "unknown option '%s'; did you mean '--%s'?", arg, close);
    return cli_usage_error(command, "unknown option '%s'", arg);
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) break;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) return 1;
    }
    return 0;
}

/* 1 for a store name a writer would make a new SQLite file of, though it
** reads as a PostgreSQL database's or service's name: a bare word (no
** directory) that names no file and does not end as a store file does.
** `-s desk` silently made a file "desk" for a reporter who meant the team's
** database; ./desk and desk.db still make one on purpose. */
static int bare_new_name(const char *path)
{
    static const char *const ENDINGS[] = {".db", ".sqlite", ".sqlite3", ".sightline"};
    if (strchr(path, '/') || access(path, F_OK) == 0) return 0;
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof ENDINGS / sizeof ENDINGS[0]; i++) {
        size_t e = strlen(ENDINGS[i]);
        if (n > e && strcasecmp(path + n - e, ENDINGS[i]) == 0) return 0;
    }
    return 1;
}

sl_store *cli_open_store(const char *path, int mode, int *exit_code)
{
    return cli_open_store_told(path, mode, NULL, exit_code);
}

/* SIGHTLINE_WAIT: how many seconds a command with no one to tell (cron, a
** script) waits for a SQLite store another sightline holds; unset, 5. In
** *S; a value that is not whole seconds from 1 to 86,400 fails. */
static sl_status wait_seconds(unsigned *s, sl_error *err)
{
    const char *v = getenv("SIGHTLINE_WAIT");
    char *end;
    *s = 0;
    if (!v || !*v) return SL_OK;
    errno = 0;
    unsigned long n = strtoul(v, &end, 10);
    if (*end || errno || n < 1 || n > 86400 || v[0] == '-' || v[0] == '+' || v[0] == ' ')
        return sl_fail(err, SL_EUSAGE, NULL, 0,
                       "SIGHTLINE_WAIT wants whole seconds from 1 to 86400 (how long a command without a terminal "
                       "waits for a store another sightline holds), not '%s'", v);
    *s = (unsigned)n;
    return SL_OK;
}

/* The name PATH given to -s, refused before any store is opened (an
** empty name, a special one, a bare word naming no file, no store to
** change): SL_OK when it may be opened for MODE. */
static sl_status path_refused(const char *path, int mode, sl_error *err)
{
    if (!path[0]) return sl_fail(err, SL_EUSAGE, NULL, 0, "-s/--store needs a file name, not an empty string");
    if (sl_store_path_special(path))
        return sl_fail(err, SL_EUSAGE, NULL, 0,
                       "-s '%s' is not a file to SQLite (%s): nothing would be kept; give a file name"
                       " (./%s for a file so named)",
                       path, path[0] == ':' ? "an in-memory database" : "a URI", path);
    if (!sl_store_is_postgres(path) && bare_new_name(path)) {
        if (mode == CLI_STORE_WRITE)
            return sl_fail(err, SL_EUSAGE, NULL, 0,
                           "-s %s: no such file, and sightline makes no new store of a bare name: for a PostgreSQL"
                           " database write -s postgresql:///%s (or -s postgresql://USER@HOST/%s, -s service=%s); for"
                           " a new SQLite store file write -s %s.db (or -s ./%s). Nothing was created",
                           path, path, path, path, path, path);
        /* a read, or a change of what is there */
        return sl_fail(err, SL_EIO, NULL, 0,
                       "no store at %s: no such file; for a PostgreSQL database write -s postgresql:///%s"
                       " (or -s postgresql://USER@HOST/%s, -s service=%s)", path, path, path, path);
    }
    if (mode != CLI_STORE_WRITE && path[0] != '/' && cli_store_absent(path)) {
        /* run from another directory than the one she imported in, the
        ** default ./sightline.db is another file: say where it was looked for */
        char cwd[PATH_MAX];
        return sl_fail(err, SL_EIO, NULL, 0,
                       "no store at %s in %s (import something first, or run from the directory you imported in, "
                       "or give -s the store's full path)", path, getcwd(cwd, sizeof cwd) ? cwd : "this directory");
    }
    if (mode == CLI_STORE_MODIFY && !sl_store_is_postgres(path) && access(path, F_OK) != 0)
        return sl_fail(err, SL_EIO, NULL, 0, "no store at %s (import something first, or check -s)", path);
    return SL_OK;
}

sl_store *cli_open_store_told(const char *path, int mode, cli_progress *progress, int *exit_code)
{
    sl_store *st = NULL;
    sl_progress wait = cli_progress_wait_hook(progress);
    sl_error err;
    sl_error_clear(&err);
    unsigned max_s = 0;
    if (!wait_seconds(&max_s, &err) && !path_refused(path, mode, &err)) {
        if (mode != CLI_STORE_READ) sl_store_open_told_within(path, &wait, max_s, &st, &err);
        else if (!sl_store_open_read_within(path, max_s, &st, &err))
            sl_store_read_begin(st, &err); /* one snapshot for the whole command */
    }
    if (err.status) {
        sl_store_close(st);
        if (progress) cli_progress_end(progress); /* a wait told, and given up */
        *exit_code = cli_report(&err);
        return NULL;
    }
    return st;
}

int cli_store_absent(const char *path)
{
    return path[0] && !sl_store_is_postgres(path) && !sl_store_path_special(path) && access(path, F_OK) != 0;
}

void cli_store_close_writer(sl_store *st, const char *path, int absent, int failed)
{
    struct stat sb;
    /* not even opened (no room for its first page: a full disk, ulimit -f):
    ** the empty file SQLite made is all there is */
    int empty = !st && absent && failed && stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0;
    if (st && absent && failed) { /* after the rollback: is any import in it (another writer's, since)? */
        sl_source_list l = {0};
        sl_error err;
        sl_error_clear(&err);
        empty = !sl_store_load_sources(st, NULL, &l, &err) && l.count == 0;
        sl_source_list_free(&l);
    }
    sl_store_close(st);
    if (!empty) return;
    static const char *const ENDS[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof ENDS / sizeof *ENDS; i++) {
        char name[4096];
        if (snprintf(name, sizeof name, "%s%s", path, ENDS[i]) < (int)sizeof name) unlink(name);
    }
}

/* A PostgreSQL store's sessions are named by their command in the server's
** pg_stat_activity ("sightline import", "sightline audit"): on a shared
** store the editor tells whose import holds the write lock, or which audit
** an exclude waits for, where every session read "sightline". A
** PGAPPNAME the person set, or an application_name in the connection
** string, wins (libpq's order); `serve` names its own "sightline serve". */
static void name_sessions(const char *command)
{
    char name[64];
    snprintf(name, sizeof name, "sightline %s", command);
    setenv("PGAPPNAME", name, 0);
}

/* `sightline -s DB info`: the usage says every command takes -s, and
** people write it first as with git -C. The store option is moved to the
** end of the arguments (before a "--", whose followers are no options),
** where each command's own parser reads it: right after the command it
** was read as the kind of `import` or the subcommand of `campaign`. */
static void store_first(int argc, char **argv)
{
    int joined = strncmp(argv[1], "--store=", 8) == 0 || (strncmp(argv[1], "-s", 2) == 0 && argv[1][2]);
    int split = strcmp(argv[1], "-s") == 0 || strcmp(argv[1], "--store") == 0;
    int take = joined ? 1 : split ? 2 : 0; /* arguments the option takes */
    if (!take || argc < take + 2) return;
    int end = take + 1; /* the first argument after the option's place at the end */
    while (end < argc && strcmp(argv[end], "--") != 0) end++;
    char *opt[2] = {argv[1], take == 2 ? argv[2] : NULL};
    for (int i = 1; i + take < end; i++) argv[i] = argv[i + take];
    for (int i = 0; i < take; i++) argv[end - take + i] = opt[i];
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || (strcmp(argv[1], "help") == 0 && argc == 2)) {
        usage(stdout);
        return CLI_OK;
    }
    /* `sightline help import [partnerships]`, as git reads it: that
    ** command's --help (it printed the main usage) */
    char help_opt[] = "--help", *help_args[5];
    if (strcmp(argv[1], "help") == 0) {
        int n = 0;
        help_args[n++] = argv[0];
        for (int i = 2; i < argc && i < 4; i++) help_args[n++] = argv[i]; /* a command, and its kind */
        help_args[n++] = help_opt;
        help_args[n] = NULL;
        argv = help_args, argc = n;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("sightline %s (commit %s)\n", SL_VERSION, sl_report_commit()); /* the commit a report names */
        return CLI_OK;
    }
    store_first(argc, argv);
    if (argc > 2 && (strcmp(argv[1], "import") == 0 || strcmp(argv[1], "campaign") == 0))
        store_first(argc - 1, argv + 1); /* `import -s DB partnerships FILE` as well */
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[1], COMMANDS[i].name) == 0) {
            name_sessions(COMMANDS[i].name);
            return COMMANDS[i].run(argc - 1, argv + 1);
        }
    if (argv[1][0] == '-') {
        fputs("sightline: no command (it comes first, or after -s PATH)\n", stderr);
        usage(stderr);
        return CLI_USAGE;
    }
    /* A misspelt command is one line and the close one, as a misspelt
    ** column is: the whole usage under it buried "partnerhsips". */
    const char *names[NCOMMANDS];
    char hint[96];
    for (size_t i = 0; i < NCOMMANDS; i++) names[i] = COMMANDS[i].name;
    fputs("sightline: unknown command '", stderr);
    sl_term_write(stderr, argv[1]);
    fprintf(stderr, "'%s\nTry 'sightline --help' for the commands.\n",
            sl_name_hint(argv[1], names, NCOMMANDS, hint, sizeof hint));
    return CLI_USAGE;
}

/* What a command printed to standard output reached it, or the status says
** not: `sightline partnerships --json > ring.json` on a full disk (a nightly
** job publishing the file) left it empty or cut, and exited 0. `-o FILE`
** checked its own writes; a redirection by the shell was never checked. */
static int stdout_written(int rc)
{
    errno = 0;
    int failed = fflush(stdout) != 0;
    int why = errno;
    if (!failed && !ferror(stdout)) return rc;
    fprintf(stderr, "sightline: standard output: could not write the whole output%s%s\n", failed && why ? ": " : "",
            failed && why ? strerror(why) : "");
    return rc == CLI_OK ? CLI_DATA : rc;
}

/* A PostgreSQL store's password given in -s (postgresql://ROLE:PASSWORD@...)
** shows to every user of the machine in `ps` for as long as the command
** runs (a `serve`: days). Each argument holding one is copied for the
** command and the original, which /proc/PID/cmdline reads, overwritten.
** The copies live until exit. */
static void hide_passwords(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        char *v = strncmp(argv[i], "--store=", 8) == 0 ? argv[i] + 8
                  : strncmp(argv[i], "-s", 2) == 0 && argv[i][2] ? argv[i] + 2 : argv[i];
        if (!sl_store_is_postgres(v)) continue;
        char *copy = strdup(argv[i]);
        if (!copy) continue;
        sl_store_hide_password(v);
        argv[i] = copy;
    }
}

int main(int argc, char **argv)
{
    hide_passwords(argc, argv);
    return stdout_written(run(argc, argv));
}
