/*
** info.c — `sightline info`: what the store holds, and `sightline rm`:
** taking an import back out.
**
** Like ogrinfo for a store: each import (its id is what `rm` takes), the
** registry and its links, partnership snapshots, area sets with how many
** areas lack each demographic figure, point layers by category, requests.
** cli_run escapes every string of the result for the terminal before
** printing (names come from untrusted files).
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"
#include "sightline/ingest/import.h"
#include "sightline/store/exclusions.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *INFO_USAGE =
    "usage: sightline info [--format table|csv|json] [-o FILE] [-s STORE]\n"
    "\n"
    "Lists what the store holds: every import (id, kind, file, sha256 (its\n"
    "first 12 characters in the table; whole in CSV and JSON),\n"
    "snapshot, rows, when, by whom (the system user, or on PostgreSQL the\n"
    "role; not in the dashboard's served /api/info), options (with the other\n"
    "files it read and their sha256: an area set's demographics, a baseline's\n"
    "DP02); publisher, data year, URL and licence when the import gave them),\n"
    "the agency registry, partnership rows per snapshot and how many are\n"
    "linked, area sets and how many areas lack each demographic figure, point\n"
    "layers by category, requests, baselines by the name `disparity --baseline\n"
    "NAME` takes.\n"
    "`sightline rm ID` removes an import.\n"
    "\n"
    CLI_OUT_HELP
    "  -s, --store P   the store (default ./sightline.db)\n"
    "CSV and --sort/--top are for the table of imports.\n";

static const char *RM_USAGE =
    "usage: sightline rm ID... [--approved] [--discard-edits] [--force] [-s STORE]\n"
    "\n"
    "Removes the imports with these ids (see `sightline info`), in one\n"
    "transaction, so that the store is as the other imports make it, then links\n"
    "the partnership rows and the requests left without an agency to the\n"
    "registry again:\n"
    "- records an import brought go with it;\n"
    "- records another import had brought and this one changed (same ORI,\n"
    "  Atlas number or baseline name, new content) go back to the version they\n"
    "  had before it, with that import;\n"
    "- a record this one brought or changed that a later import changed again\n"
    "  stays as the later import has it; removing that later import then goes\n"
    "  back to the version from before this one (or removes the record, if this\n"
    "  one brought it);\n"
    "- a record this one brought that a later import only repeated unchanged\n"
    "  goes with this one (the later import added nothing there).\n"
    "It says per import what went, what was restored and what stays. Then,\n"
    "when a registry's agencies went, how many requests and partnership rows\n"
    "lost their agency link with them (importing the registry again links them\n"
    "again); and when agencies, partnership rows or link corrections went or\n"
    "came back, how many partnership rows are linked to the registry now.\n"
    "An unknown id changes nothing.\n"
    "\n"
    "The import of kind \"suggestions\" (file \"moderation queue\") holds the\n"
    "directory listings approved from readers' suggestions in /admin: no file\n"
    "brings them back, so removing it while it holds any needs --approved.\n"
    "A directory import whose listings organisers edited in /admin since it\n"
    "was imported is refused too (exit 1, nothing removed), naming how many\n"
    "and one of them: the edits go with the listings, and importing the file\n"
    "again does not bring them back. Make the same changes in the file you\n"
    "will import instead, or give --discard-edits.\n"
    "\n"
    "An import an older sightline made kept no versions of the records it\n"
    "changed, whether before the store kept them or after this sightline\n"
    "wrote to it: while an earlier import of its kind (and\n"
    "snapshot) stays, removing it would delete the records it changed instead\n"
    "of restoring them, and which those are was never recorded. rm then\n"
    "refuses, changing nothing, and says how to undo it whole: remove the\n"
    "earlier import with it (`sightline rm 2 1`), then import that one's file\n"
    "again. --force deletes its records anyway. `import FILE --replace` of such\n"
    "an import is refused alike.\n"
    "\n"
    "  --approved       also remove the listings approved from suggestions\n"
    "                   (and any edits made to them)\n"
    "  --discard-edits  remove a directory import although some of its\n"
    "                   listings were edited in /admin: the edits are lost\n"
    "  --force          remove an older sightline's import though records it\n"
    "                   changed are deleted, not restored\n"
    "  -s, --store P    the store (default ./sightline.db)\n";

static sl_status inventory_fn(sl_store *st, void *q, json_t **out, sl_error *err)
{
    (void)q;
    return sl_analysis_inventory(st, 1, out, err); /* the store's own user: who imported what too */
}

/* Who published an import's data, under its row, when the import said;
** else how to record it, where its preset knows. */
static void print_credit(json_t *s)
{
    const char *pub = sl_json_str(s, "publisher"), *year = sl_json_str(s, "year"), *url = sl_json_str(s, "url");
    const char *lic = sl_json_str(s, "licence");
    if (!pub[0] && !year[0] && !url[0] && !lic[0]) {
        char *opts = json_dumps(json_object_get(s, "options"), JSON_COMPACT);
        sl_source src = {.kind = sl_json_str(s, "kind"), .file_name = sl_json_str(s, "file"), .options = opts};
        cli_credit_hint(stdout, "        ", "", &src);
        free(opts);
        return;
    }
    printf("        %s%s%s%s%s%s%s%s\n", pub[0] ? pub : "publisher not given", year[0] ? ", data of " : "", year,
           url[0] ? ", " : "", url, lic[0] ? " (licence: " : "", lic, lic[0] ? ")" : "");
}

static void print_sources(json_t *r)
{
    size_t i;
    json_t *s;
    char rows[32], skipped[32];
    printf("imports (remove one with `sightline rm ID`):\n");
    if (!json_array_size(json_object_get(r, "sources"))) printf("  none yet: `sightline import --help`\n");
    else printf("  %4s  %-12s  %-40s  %-12s  %10s  %8s  %-20s  %-12s  %s\n", "id", "kind", "file", "sha256", "rows",
                "skipped", "imported (UTC)", "by", "snapshot / options");
    json_array_foreach(json_object_get(r, "sources"), i, s) {
        char *opts = json_dumps(json_object_get(s, "options"), JSON_COMPACT | JSON_SORT_KEYS);
        const char *snap = sl_json_str(s, "snapshot");
        char by[64]; /* a name from the store, to a terminal */
        json_t *sk = json_object_get(s, "skipped"); /* null: an import made before the count was kept */
        printf("  %4lld  %-12s  %-40.40s  %-12.12s  %10s  %8s  %-20s  %-12s  %s%s%s\n", sl_json_int(s, "id"),
               sl_json_str(s, "kind"), sl_json_str(s, "file"), sl_json_str(s, "sha256"),
               sl_thousands(sl_json_int(s, "rows"), rows),
               /* blank read as 0 skipped: "-", not recorded (an older sightline's import, or a kind that
               ** is read whole or refused) */
               json_is_integer(sk) ? sl_thousands(json_integer_value(sk), skipped) : "-",
               sl_json_str(s, "imported_at"),
               *sl_json_str(s, "imported_by") ? cli_term(sl_json_str(s, "imported_by"), by, sizeof by) : "-", snap,
               snap[0] ? " " : "",
               opts && strcmp(opts, "{}") ? opts : "");
        free(opts);
        print_credit(s);
    }
}

static void print_records(json_t *r)
{
    char a[CLI_COUNT_MAX], b[32], c[32];
    json_t *ag = json_object_get(r, "agencies");
    if (sl_json_int(ag, "count"))
        printf("\nagency registry: %s, %s with a location\n", cli_count(sl_json_int(ag, "count"), "agency", "agencies", a),
               sl_thousands(sl_json_int(ag, "located"), b));
    else
        printf("\nagency registry: none yet (sightline import agencies FILE --preset fbi-cde)\n");
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(r, "partnerships"), i, p)
        printf("partnerships, snapshot %s: %s, %s linked to the registry\n", sl_json_str(p, "snapshot"),
               cli_count(sl_json_int(p, "rows"), "row", "rows", a), sl_thousands(sl_json_int(p, "linked"), b));
    long long req = sl_json_int(json_object_get(r, "requests"), "count");
    if (req) printf("requests: %s\n", sl_thousands(req, a));
    json_array_foreach(json_object_get(r, "baselines"), i, p) /* the name is what disparity takes */
        printf("baseline '%s': %s (`sightline disparity --baseline %s`)\n", sl_json_str(p, "name"),
               sl_json_str(p, "label"), sl_json_str(p, "name"));
    long long listings = sl_json_int(json_object_get(r, "directory"), "listings");
    if (listings) /* an organiser's directory, beside the evidence */
        printf("directory: %s (`sightline businesses` searches them)\n",
               cli_count(listings, "listing", "listings", a));
    json_t *camp = json_object_get(r, "campaign");
    long long pledges = sl_json_int(camp, "pledges"), confirmed = sl_json_int(camp, "confirmed");
    long long mail = sl_json_int(camp, "outbox_pending");
    if (json_is_true(json_object_get(camp, "set_up")) || pledges) /* counts only: no signer is named */
        printf("campaign: %s, %s confirmed, %s awaiting confirmation (`sightline campaign show`)\n",
               cli_count(pledges, "pledge", "pledges", a), sl_thousands(confirmed, b),
               sl_thousands(pledges - confirmed, c));
    if (mail)
        printf("campaign mail: %s waiting to be sent (`sightline campaign send`)\n",
               cli_count(mail, "message", "messages", a));
    json_array_foreach(json_object_get(r, "points"), i, p) {
        const char *cat = sl_json_str(p, "category");
        long long n = sl_json_int(p, "points");
        printf("%s%s%s: %s point%s\n", sl_json_str(p, "layer"), cat[0] ? ", category " : "",
               cat, sl_thousands(n, a), n == 1 ? "" : "s");
    }
}

static void print_area_sets(json_t *r)
{
    size_t i;
    json_t *s;
    char n[CLI_COUNT_MAX], m[32];
    json_array_foreach(json_object_get(r, "area_sets"), i, s) {
        printf("area set '%s' (import %lld): %s, id field %s", sl_json_str(s, "name"),
               sl_json_int(s, "source_id"), cli_count(sl_json_int(s, "areas"), "area", "areas", n), sl_json_str(s, "id_field"));
        const char *key;
        json_t *v;
        const char *sep = "; areas lacking a figure:";
        json_object_foreach(json_object_get(s, "missing"), key, v) {
            if (!json_integer_value(v)) continue;
            printf("%s %s %s", sep, key, sl_thousands(json_integer_value(v), m));
            sep = ",";
        }
        printf("%s\n", sep[0] == ';' ? "; every area has every demographic figure" : "");
    }
}

static const cli_col SOURCE_COLS[] = {
    {"id", "id", CLI_COUNT},     {"kind", "kind", CLI_TEXT},           {"file", "file", CLI_TEXT},
    {"sha256", "sha256", CLI_TEXT}, {"rows", "rows", CLI_COUNT},       {"skipped", "skipped", CLI_COUNT},
    {"skipped_why", "skipped_why", CLI_TEXT}, {"imported_at", "imported", CLI_TEXT},
    {"imported_by", "by", CLI_TEXT},    {"snapshot", "snapshot", CLI_TEXT}, {"publisher", "publisher", CLI_TEXT}, {"url", "url", CLI_TEXT},
    {"licence", "licence", CLI_TEXT},   {"year", "year", CLI_TEXT}, {"options", "options", CLI_TEXT}};

/* CSV: each import's options as the table prints them (compact JSON text):
** the file named the other files an import read (an area set's
** demographics, a baseline's DP02) nowhere, as the table and JSON do. */
static void options_as_text(json_t *sources)
{
    size_t i;
    json_t *s;
    json_array_foreach(sources, i, s) {
        char *opts = json_dumps(json_object_get(s, "options"), JSON_COMPACT | JSON_SORT_KEYS);
        json_object_set_new(s, "options", opts ? json_string(opts) : json_null());
        free(opts);
    }
}

static int print_info(json_t *r, const cli_out *o, void *q)
{
    (void)q;
    cli_table t = {NULL, SOURCE_COLS, sizeof SOURCE_COLS / sizeof *SOURCE_COLS, json_object_get(r, "sources"), NULL,
                   0, 0};
    int rc = cli_table_order("info", o, &t);
    if (rc) return rc;
    if (o->format == CLI_FMT_CSV) {
        options_as_text(json_object_get(r, "sources"));
        cli_table_print(o, &t);
        return CLI_OK;
    }
    print_sources(r);
    print_records(r);
    print_area_sets(r);
    return CLI_OK;
}

/* -s/--store and --help, for info the output options (O), for rm
** --approved, --discard-edits and --force (FLAGS: SL_REMOVE_*); the rest
** are operands. */
static int parse_common(const char *cmd, int argc, char **argv, const char **store, cli_out *o, unsigned *flags)
{
    static const struct option OPTIONS[] = {{"store", required_argument, 0, 's'},
                                            {"help", no_argument, 0, 'h'},
                                            {"approved", no_argument, 0, 'A'},
                                            {"force", no_argument, 0, 'F'},
                                            {"discard-edits", no_argument, 0, 'E'},
                                            CLI_OUT_OPTIONS,
                                            {0, 0, 0, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, o ? ":s:ho:" : ":s:h", OPTIONS, NULL)) != -1) {
        int orc = o ? cli_out_option(o, cmd, c, optarg) : -1;
        if (orc > 0) return orc;
        if (orc == 0) continue;
        switch (c) {
        case 's': *store = optarg; break;
        case 'A':
        case 'F':
        case 'E':
            if (!flags) return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
            *flags |= c == 'A' ? SL_REMOVE_APPROVED : c == 'F' ? SL_REMOVE_FORCE : SL_REMOVE_DISCARD_EDITS;
            break;
        case ':': return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        default: return cli_bad_option(cmd, c, argv[optind - 1], OPTIONS);
        }
    }
    return CLI_OK;
}

int cmd_info(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) { fputs(INFO_USAGE, stdout); return CLI_OK; }
    const char *store = SL_STORE_DEFAULT;
    cli_out o = {0};
    int rc = parse_common("info", argc, argv, &store, &o, NULL);
    if (rc) return rc;
    if (optind != argc) return cli_usage_error("info", "unexpected argument '%s'", argv[optind]);
    return cli_run_out("info", store, NULL, inventory_fn, &o, print_info);
}

/* "1 agency and 2 partnership rows" of the N COUNTS (one per kind, as
** sl_removal counts them); how many in all. */
static long print_counts(const long *counts, int n)
{
    char text[256];
    long total = sl_store_counts_text(counts, n, text, sizeof text);
    fputs(text, stdout);
    return total;
}

void cli_print_removal(long id, const char *file, const sl_removal *r)
{
    long none[SL_KINDS_ALL] = {0};
    char name[160];
    printf("removed import %ld", id);
    if (file && file[0]) printf(", %s", cli_term(file, name, sizeof name));
    if (memcmp(r->deleted, none, sizeof r->deleted)) {
        printf(" (");
        print_counts(r->deleted, SL_KINDS_ALL);
        printf(")");
    } else if (!memcmp(r->restored, none, sizeof r->restored) && !memcmp(r->kept, none, sizeof r->kept)) {
        printf(" (it held no records)");
    }
    if (memcmp(r->restored, none, sizeof r->restored)) {
        printf("; restored ");
        const char *versions = print_counts(r->restored, SL_KINDS) == 1 ? "its version" : "their versions";
        if (r->restored_from > 0) printf(" to %s from import %ld", versions, r->restored_from);
        else printf(" to %s from earlier imports", versions);
    }
    if (memcmp(r->kept, none, sizeof r->kept)) {
        printf("; ");
        long n = print_counts(r->kept, SL_KINDS);
        printf(n == 1 ? " stays as a later import changed it" : " stay as later imports changed them");
    }
    printf("\n");
}

/* 1 when R changed what the registry links are made of: agencies,
** partnership rows or link corrections went, came back or stay. */
static int touched_links(const sl_removal *r)
{
    static const int KINDS[] = {SL_KIND_AGENCY, SL_KIND_PARTNERSHIP, SL_KIND_LINK};
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++) {
        int k = KINDS[i];
        if (r->deleted[k] || (k < SL_KINDS && (r->restored[k] || r->kept[k]))) return 1;
    }
    return 0;
}

/* REQUESTS and PARTNERSHIPS rows of other imports whose agency went with
** a removed registry: unlinked, not lost for good, which the organiser must
** hear; and those linked at once to an agency left in the store (RELINK). */
static void print_lost_links(long requests, long partnerships, const sl_link_stats *relink, const char *registry)
{
    char r[CLI_COUNT_MAX], p[CLI_COUNT_MAX], n[2][32], file[4 * 256];
    if (!requests && !partnerships) return;
    if (requests) fputs(cli_count(requests, "request", "requests", r), stdout);
    if (requests && partnerships) fputs(" and ", stdout);
    if (partnerships) fputs(cli_count(partnerships, "partnership row", "partnership rows", p), stdout);
    printf(" lost %s agency link, which went with the registry's agencies; importing the registry again%s%s%s links "
           "them again: sightline import agencies FILE --preset fbi-cde\n",
           requests + partnerships == 1 ? "its" : "their", registry[0] ? " (" : "",
           registry[0] ? cli_term(registry, file, sizeof file) : "", registry[0] ? ")" : "");
    if (requests && relink->linked)
        printf("requests linked at once to agencies left in the store: %s of %s without an agency link\n",
               sl_thousands(relink->linked, n[0]), sl_thousands(relink->rows, n[1]));
}

/* The file names of the imports IDS[N] into FILES[N] ("" unknown), and of
** the first registry among them into REGISTRY ("" none), read before they
** go: rm names each as `import --replace` does. */
/* What source_names gives an exclusion for its file: no file name a user
** could give (a NUL-free tag outside any path). */
#define EXCLUSION_FILE "\x01exclusion"

static void source_names(sl_store *st, const long *ids, size_t n, char (*files)[256], char registry[256])
{
    sl_source_list l;
    sl_error err;
    sl_error_clear(&err);
    registry[0] = '\0';
    for (size_t j = 0; j < n; j++) files[j][0] = '\0';
    if (sl_store_load_sources(st, NULL, &l, &err)) return;
    for (size_t i = 0; i < l.count; i++)
        for (size_t j = 0; j < n; j++) {
            const sl_source *src = &l.items[i];
            if (src->id != ids[j] || !src->file_name) continue;
            snprintf(files[j], sizeof files[j], "%s", src->file_name);
            if (src->kind && !strcmp(src->kind, SL_EXCLUSION_KIND)) /* rm says what ending one does */
                snprintf(files[j], sizeof files[j], "%s", EXCLUSION_FILE);
            if (!registry[0] && src->kind && !strcmp(src->kind, "agencies")) snprintf(registry, 256, "%s", src->file_name);
        }
    sl_source_list_free(&l);
}

int cmd_rm(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) { fputs(RM_USAGE, stdout); return CLI_OK; }
    const char *store = SL_STORE_DEFAULT;
    unsigned flags = 0;
    int rc = parse_common("rm", argc, argv, &store, NULL, &flags);
    if (rc) return rc;
    if (optind == argc) return cli_usage_error("rm", "rm needs the id of an import (see `sightline info`)");
    long *ids = calloc((size_t)(argc - optind), sizeof *ids);
    if (!ids) return cli_usage_error("rm", "out of memory");
    size_t n = 0;
    for (int i = optind; i < argc; i++) {
        char *end;
        long v = strtol(argv[i], &end, 10);
        if (end == argv[i] || *end || v <= 0) {
            free(ids);
            return cli_usage_error("rm", "'%s' is not an import id (a whole number from `sightline info`)", argv[i]);
        }
        size_t k = 0;
        while (k < n && ids[k] != v) k++;
        if (k == n) ids[n++] = v; /* `rm 3 3` removes import 3 once, and says so once */
    }
    cli_progress progress; /* only to say so while it waits for another writer */
    cli_progress_start(&progress, "rm");
    cli_interrupt sig; /* Ctrl-C before the commit says nothing was removed */
    cli_interrupt_tell_change(&sig, CLI_CHANGE_RM);
    sl_store *st = cli_open_store_told(store, CLI_STORE_MODIFY, &progress, &rc);
    if (!st) {
        cli_interrupt_end(&sig);
        free(ids);
        return rc;
    }
    cli_interrupt_over_commit(&sig, st);
    sl_error err;
    sl_error_clear(&err);
    char registry[256], (*files)[256] = calloc(n, sizeof *files);
    if (!files) {
        free(ids);
        sl_store_close(st);
        cli_progress_end(&progress);
        cli_interrupt_end(&sig);
        return cli_usage_error("rm", "out of memory");
    }
    source_names(st, ids, n, files, registry);
    sl_link_stats link, request_link;
    sl_removal *done = calloc(n, sizeof *done);
    sl_status s = done ? sl_ingest_remove(st, ids, n, flags, done, &link, &request_link, &err)
                       : sl_fail(&err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_store_close(st);
    cli_progress_end(&progress);
    cli_interrupt_after_change(&sig);
    if (s) { free(ids); free(done); free(files); return cli_report(&err); }
    int relinked = 0;
    long lost[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(files[i], EXCLUSION_FILE)) {
            printf("removed import %ld, an exclusion at an owner's request: imports from now on keep posts and "
                   "cameras there; the points it withheld come back only by importing their files again with --replace\n", ids[i]);
            continue;
        }
        cli_print_removal(ids[i], files[i], &done[i]);
        relinked |= touched_links(&done[i]);
        lost[0] += done[i].unlinked_requests;
        lost[1] += done[i].unlinked_partnerships;
    }
    free(done);
    free(files);
    print_lost_links(lost[0], lost[1], &request_link, registry);
    char linked[32], rows[32];
    if (relinked && link.rows)
        printf("partnership rows linked to the registry: %s of %s\n", sl_thousands(link.linked, linked),
               sl_thousands(link.rows, rows));
    free(ids);
    return CLI_OK;
}

void cli_print_replaced(const sl_import_result *r)
{
    for (int i = 0; i < r->replaced_count; i++)
        cli_print_removal(r->replaced[i].id, r->replaced[i].file_name, &r->replaced[i].removal);
    if (r->replaced_more) /* a layer's many imports of one file name: none goes unsaid */
        printf("removed %d more import%s of the same file (`sightline info` lists what stays)\n", r->replaced_more,
               r->replaced_more == 1 ? "" : "s");
}
