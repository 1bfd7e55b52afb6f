/*
** demo.c — `sightline demo`: write the synthetic demo data set into a store.
*/
#include "cli.h"
#include "sightline/ingest/demo.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *USAGE =
    "usage: sightline demo [-s STORE] [--campaign]\n"
    "\n"
    "Writes a small, clearly labelled SYNTHETIC data set into the store (default\n"
    "./sightline.db): fictional agencies and partnerships in two snapshots, a\n"
    "6x6 grid of census tracts with demographics (set demo-tracts), camera posts\n"
    "with text, sensitive sites and police requests. Every name carries\n"
    "\"(synthetic)\" and every file name starts with \"synthetic-\", so reports\n"
    "say SYNTHETIC DEMO DATA. The files are imported through the ordinary\n"
    "readers, so the demo runs the real pipeline.\n"
    "\n"
    "  --campaign   add a clearly labelled FICTIONAL campaign: four invented\n"
    "               counties (set demo-counties), the campaign's pledge and\n"
    "               commitments, 20 invented signers (17 confirmed) and a\n"
    "               directory of 16 fictional businesses, so `sightline serve`\n"
    "               shows /campaign and /directory\n";

/* Remove the scratch directory and the demo files in it. */
static void remove_dir(const char *dir)
{
    char path[1400];
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "synthetic-", 10) != 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d) closedir(d);
    rmdir(dir);
}

int cmd_demo(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
        {"campaign", no_argument, 0, 'c'}, {0, 0, 0, 0}};
    int campaign = 0;
    const char *store = SL_STORE_DEFAULT;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", OPTIONS, NULL)) != -1) {
        if (c == 'h') { fputs(USAGE, stdout); return CLI_OK; }
        if (c == 's') store = optarg;
        else if (c == 'c') campaign = 1;
        else return cli_bad_option("demo", c, argv[optind - 1], OPTIONS);
    }
    if (optind != argc) return cli_usage_error("demo", "unexpected argument '%s'", argv[optind]);
    int rc;
    cli_progress progress; /* only to say so while it waits for another writer */
    cli_progress_start(&progress, "demo");
    int absent = cli_store_absent(store); /* a failed demo leaves no file */
    sl_store *st = cli_open_store_told(store, CLI_STORE_WRITE, &progress, &rc);
    if (!st) return rc;
    char dir[] = "/tmp/sightline-demo-XXXXXX";
    if (!mkdtemp(dir)) {
        cli_store_close_writer(st, store, absent, 1);
        perror("sightline: mkdtemp");
        return CLI_DATA;
    }
    sl_error err;
    sl_error_clear(&err);
    sl_demo_summary sum;
    long signers = 0;
    sl_status s = sl_demo_build(st, dir, &sum, &err);
    /* a file by the name given; a database by its name alone (a connection
    ** string may hold a password) */
    char name[1024];
    snprintf(name, sizeof name, "%s", sl_store_is_postgres(store) ? sl_store_title(st) : store);
    if (!s && campaign) s = sl_demo_build_directory(st, dir, &sum, &err);
    if (!s && campaign) s = sl_demo_build_campaign(st, dir, (long long)time(NULL), &signers, &err);
    cli_store_close_writer(st, store, absent, s != SL_OK);
    cli_progress_end(&progress); /* a waiting line goes before the summary */
    remove_dir(dir);
    if (s) return cli_report(&err);
    printf("demo store %s: SYNTHETIC data — %ld fictional agencies, partnerships in snapshots %s (%ld rows) and %s (%ld rows), "
           "%ld tracts, %ld posts, %ld sensitive sites\n",
           name, sum.agencies, sum.snapshots[0], sum.partnerships[0], sum.snapshots[1], sum.partnerships[1],
           sum.tracts, sum.posts, sum.sites);
    if (campaign)
        printf("fictional campaign: 4 invented counties (set demo-counties), %ld invented signers, %ld fictional "
               "businesses in the directory\n", signers, sum.businesses);
    return CLI_OK;
}
