/*
** backup.c — `sightline backup -s STORE OUT [--share]`: a consistent copy of
** a SQLite store, safe while `serve` or an import writes to it, and with
** --share one that holds no personal data or secret, to hand to a colleague
** at another newsroom. A `cp` of the file could miss what `serve` still
** held in its write-ahead log, and handed every signer's address on. The
** copying is the store's (src/store/backup.c); this file parses and prints.
*/
#include "cli.h"
#include "sightline/store/backup.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *BACKUP_USAGE =
    "usage: sightline backup [--share] [-s STORE] OUT\n"
    "\n"
    "Writes a copy of the SQLite store to the new file OUT, as the store was\n"
    "at one moment: safe while `sightline serve` or an import writes to it\n"
    "(a `cp` of the file then can miss what is still in its -wal file). The\n"
    "copy is written beside OUT under a temporary name, checked by SQLite\n"
    "(quick_check) and only then named OUT, so an interrupted backup leaves\n"
    "no OUT. A backup killed outright (kill -9, a crash) leaves its temporary\n"
    "OUT.partial-XXXXXX, the whole store: the next backup into that directory\n"
    "removes it, and says so. It says what the copy holds: imports, the\n"
    "records they brought, pledges, and its size. OUT must not exist, nor be\n"
    "the store.\n"
    "\n"
    "The copy holds everything the store holds, signers' emails and names,\n"
    "the admin token's hash and the form secret included: keep it as you keep\n"
    "the store. A pledge erased after the backup stays in the copy: delete old\n"
    "backups, or erase it again after restoring one. The store records where\n"
    "a copy holding pledges was written (its path and date), and `campaign\n"
    "erase` names each one still there. To restore, use the copy as the store\n"
    "(-s OUT, or move it to the store's name while nothing runs).\n"
    "\n"
    "  --share        leave out what is not for someone outside the campaign:\n"
    "                 every pledge, its links and messages (outbox), the record\n"
    "                 of erasures, readers' suggestions for the directory, the\n"
    "                 admin token's hash, the form secret and who imported\n"
    "                 what; the copy is then vacuumed, so no deleted row stays\n"
    "                 in its free pages. The evidence stays (imports, records,\n"
    "                 areas, points, sources and their credits, and owners'\n"
    "                 exclusions, so an import into the copy leaves their\n"
    "                 points out too), with the\n"
    "                 campaign's public text and its hourly public counts per\n"
    "                 county: `info`, `partnerships` and `audit` give the same\n"
    "                 figures on the copy\n"
    "  -s, --store P  the store (default ./sightline.db)\n"
    "\n"
    "A PostgreSQL store is not copied here (exit 2): the message gives the\n"
    "pg_dump command to use, and with --share what to leave out.\n";

/* The signal that stopped the copy, or 0: the one state a handler needs. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig) { interrupted = sig; }

/* The copies killed backups had left, removed before this one: each held
** the whole store, signers' addresses too, under a name nobody looks at. */
static void print_stale(const sl_backup_result *r)
{
    char t[4 * sizeof r->stale_first], n[CLI_COUNT_MAX];
    if (!r->stale) return;
    fprintf(stderr, "sightline: note: removed %s, the copy of a backup killed before it finished (the whole store,"
            " signers' addresses too)", cli_term(r->stale_first, t, sizeof t));
    if (r->stale > 1) fprintf(stderr, ", and %s more", cli_count(r->stale - 1, "such copy", "such copies", n));
    fputc('\n', stderr);
}

static void print_result(const char *store, const char *out, int share, const sl_backup_result *r)
{
    char a[CLI_COUNT_MAX], b[CLI_COUNT_MAX], c[CLI_COUNT_MAX], d[CLI_COUNT_MAX], t1[512], t2[512];
    printf("copied %s to %s: %s (%s), %s", cli_term(store, t1, sizeof t1), cli_term(out, t2, sizeof t2),
           cli_count(r->imports, "import", "imports", a), cli_count(r->records, "record", "records", b),
           cli_count(r->pledges, "pledge", "pledges", c));
    printf("; %s, %.1f MB; SQLite's check: ok\n", cli_count(r->bytes, "byte", "bytes", d),
           (double)r->bytes / (1024.0 * 1024.0));
    if (share)
        printf("left out: %s (with their links and messages), the record of erasures, readers' suggestions,"
               " the admin token's hash, the form secret, who imported what and where whole backups went\n",
               cli_count(r->left_out, "pledge", "pledges", a));
    else if (r->pledges)
        printf("the copy holds signers' emails and names, and the campaign's secrets: keep it as the store;"
               " `backup --share` makes one to hand on\n");
}

/* Tell the store where this copy of its signers went, so that `campaign
** erase` can name it (sl_store_backup_record). The copy is made: a store
** that cannot be written to keeps it unrecorded, and says so. */
static void record(const char *store, const char *out, long long pledges)
{
    int rc;
    char *abs = realpath(out, NULL), t[4200];
    sl_error err;
    sl_error_clear(&err);
    sl_store *st = cli_open_store(store, CLI_STORE_MODIFY, &rc);
    if (!st || sl_store_backup_record(st, abs ? abs : out, (long long)time(NULL), pledges, &err))
        fprintf(stderr, "sightline: note: the store could not record where this copy went (%s), so `campaign erase` "
                "will not name it: delete it yourself after an erasure\n", st ? err.msg : "it could not be opened to write");
    else
        printf("recorded in the store: `campaign erase` names this copy while it is at %s\n",
               cli_term(abs ? abs : out, t, sizeof t));
    if (st) sl_store_close(st);
    free(abs);
}

static int run(const char *store, const char *out, int share)
{
    int rc;
    if (sl_store_is_postgres(store)) {
        char advice[1536];
        sl_store_backup_pg_advice(share, advice, sizeof advice);
        return cli_usage_error("backup", "backup copies a SQLite store; for a PostgreSQL store run %s", advice);
    }
    sl_store *st = cli_open_store(store, CLI_STORE_READ, &rc);
    if (!st) return rc;
    cli_progress progress;
    cli_progress_start(&progress, "backup");
    sl_backup_opts o = {.share = share, .progress = cli_progress_hook(&progress), .stop = &interrupted};
    sl_backup_result r;
    sl_error err;
    sl_error_clear(&err);
    struct sigaction old[2];
    cli_signals_catch(on_signal, old); /* a second signal kills at once */
    sl_status s = sl_store_backup(st, out, &o, &r, &err);
    cli_signals_restore(old);
    cli_progress_end(&progress);
    sl_store_close(st);
    print_stale(&r); /* removed whether this copy succeeds or not */
    if (s) {
        rc = cli_report(&err);
        return interrupted ? 128 + interrupted : rc; /* as the signal's default would */
    }
    print_result(store, out, share, &r);
    if (!share && r.pledges) record(store, out, r.pledges);
    return CLI_OK;
}

int cmd_backup(int argc, char **argv)
{
    static const struct option OPTIONS[] = {{"store", required_argument, 0, 's'},
                                            {"share", no_argument, 0, 'S'},
                                            {"help", no_argument, 0, 'h'},
                                            {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    int share = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(BACKUP_USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'S': share = 1; break;
        default: return cli_bad_option("backup", c, argv[optind - 1], OPTIONS);
        }
    }
    if (argc - optind != 1)
        return cli_usage_error("backup", argc == optind ? "backup needs OUT, the file to write the copy to"
                                                        : "backup takes one OUT file");
    return run(store, argv[optind], share);
}
