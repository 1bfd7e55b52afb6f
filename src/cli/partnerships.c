/*
** partnerships.c — `sightline partnerships`: the tracker, the unlinked rows,
** and `partnerships diff` between snapshots. Tables for people, --json for
** scripts; both print the same figures.
*/
#include "cli.h"
#include "sightline/tracker.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char *USAGE =
    "usage: sightline partnerships [--tech TEXT] [--since DATE] [--until DATE]\n"
    "                              [--by year|month|state|type] [--snapshot DATE] [--json]\n"
    "       sightline partnerships --unmatched [--tech TEXT] [--json]\n"
    "       sightline partnerships diff --from DATE --to DATE [--tech TEXT] [--json]\n"
    "\n"
    "Counts partnership rows and distinct agencies in a snapshot (the newest, or\n"
    "the one in force at --snapshot), by start year, and as a share of the\n"
    "registry's agencies over several denominators.\n"
    "\n"
    "  --tech TEXT     technologies containing TEXT, any case (ring: Ring/Neighbors)\n"
    "  --since DATE    also count rows that certainly started on or after DATE;\n"
    "                  rows known only to the month or year that straddle it\n"
    "                  are 'uncertain'\n"
    "  --until DATE    leave out rows that certainly started after DATE\n"
    "  --by KEY        also break the rows down by year, month, state or type\n"
    "  --unmatched     list rows not linked to the agency registry\n"
    "  --json          one JSON object instead of tables\n"
    "  -s, --store P   the store (default ./sightline.db)\n"
    "\n"
    "diff: partnerships new, ended and changed (same agency + technology) between\n"
    "the snapshots in force at --from and at --to.\n"
    "Dates are YYYY-MM-DD.\n";

enum { O_TECH = 256, O_SINCE, O_UNTIL, O_BY, O_SNAPSHOT, O_JSON, O_UNMATCHED, O_FROM, O_TO };

static const struct option OPTIONS[] = {
    {"store", required_argument, 0, 's'},     {"help", no_argument, 0, 'h'},
    {"tech", required_argument, 0, O_TECH},   {"since", required_argument, 0, O_SINCE},
    {"until", required_argument, 0, O_UNTIL}, {"by", required_argument, 0, O_BY},
    {"snapshot", required_argument, 0, O_SNAPSHOT}, {"json", no_argument, 0, O_JSON},
    {"unmatched", no_argument, 0, O_UNMATCHED}, {"from", required_argument, 0, O_FROM},
    {"to", required_argument, 0, O_TO},       {0, 0, 0, 0}};

typedef struct args {
    const char *store, *from, *to;
    int json, unmatched, diff;
    sl_tracker_query q;
} args;

static int parse(int argc, char **argv, args *a)
{
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 's': a->store = optarg; break;
        case O_TECH: a->q.tech = optarg; break;
        case O_SINCE: a->q.since = optarg; break;
        case O_UNTIL: a->q.until = optarg; break;
        case O_BY: a->q.by = optarg; break;
        case O_SNAPSHOT: a->q.snapshot = optarg; break;
        case O_JSON: a->json = 1; break;
        case O_UNMATCHED: a->unmatched = 1; break;
        case O_FROM: a->from = optarg; break;
        case O_TO: a->to = optarg; break;
        case ':': return cli_usage_error("partnerships", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("partnerships", "unknown option '%s'", argv[optind - 1]);
        }
    }
    for (; optind < argc; optind++) {
        if (strcmp(argv[optind], "diff") == 0 && !a->diff) a->diff = 1;
        else return cli_usage_error("partnerships", "unexpected argument '%s'", argv[optind]);
    }
    if (a->diff && (!a->from || !a->to))
        return cli_usage_error("partnerships", "diff needs --from DATE and --to DATE");
    if (!a->diff && (a->from || a->to))
        return cli_usage_error("partnerships", "--from/--to belong to 'partnerships diff'");
    return CLI_OK;
}

static void print_counts(const char *title, json_t *obj)
{
    const char *key;
    json_t *v;
    printf("\n%s\n", title);
    json_object_foreach(obj, key, v) printf("  %-28s %8lld\n", key, (long long)json_integer_value(v));
}

static long long num(json_t *o, const char *k) { return (long long)json_integer_value(json_object_get(o, k)); }
static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void print_tracker(json_t *r)
{
    json_t *q = json_object_get(r, "query");
    printf("Partnerships in snapshot %s%s%s\n", str(r, "snapshot"), str(q, "tech") ? ", technology ~ " : "",
           str(q, "tech") ? str(q, "tech") : "");
    printf("  rows %lld, distinct agencies %lld, linked to the registry %lld, unlinked %lld\n",
           num(r, "total"), num(r, "agencies"), num(r, "linked"), num(r, "unlinked"));
    json_object_set_new(json_object_get(r, "by_year"), "undated", json_integer(num(r, "undated")));
    print_counts("Rows by start year", json_object_get(r, "by_year"));
    json_object_del(json_object_get(r, "by_year"), "undated");
    if (json_object_get(r, "by")) print_counts("Rows by requested key", json_object_get(r, "by"));
    json_t *since = json_object_get(r, "since");
    if (since)
        printf("\nSince %s: %lld rows certainly started on or after it, %lld uncertain (known only to the month or year)\n",
               str(since, "date"), num(since, "count"), num(since, "uncertain"));
    size_t i;
    json_t *sh;
    printf("\nShare of registry agencies (partnered, linked agencies / denominator)\n");
    json_array_foreach(json_object_get(r, "share"), i, sh)
        printf("  %-28s %6lld / %-6lld = %5.2f%%\n", str(sh, "denominator"), num(sh, "partnered"),
               num(sh, "agencies"), 100 * json_real_value(json_object_get(sh, "share")));
    printf("\nSources\n");
    json_array_foreach(json_object_get(r, "sources"), i, sh)
        printf("  %-13s %s  sha256 %.16s...  imported %s\n", str(sh, "kind"), str(sh, "file"),
               str(sh, "sha256"), str(sh, "imported_at"));
}

static void print_rows(const char *title, json_t *rows)
{
    size_t i;
    json_t *p;
    printf("\n%s: %zu\n", title, json_array_size(rows));
    json_array_foreach(rows, i, p)
        printf("  %-2s  %-45.45s  %-30.30s  %s\n", str(p, "state"), str(p, "agency"), str(p, "technology"),
               str(p, "start") ? str(p, "start") : "");
}

static void print_diff(json_t *r)
{
    printf("Changes from snapshot %s to snapshot %s\n", str(r, "from"), str(r, "to"));
    print_rows("New", json_object_get(r, "new"));
    print_rows("Ended", json_object_get(r, "ended"));
    print_rows("Changed", json_object_get(r, "changed"));
}

static void print_unmatched(json_t *r)
{
    size_t i;
    json_t *p;
    printf("Rows not linked to the agency registry in snapshot %s: %lld\n", str(r, "snapshot"), num(r, "count"));
    json_array_foreach(json_object_get(r, "rows"), i, p)
        printf("  line %-6lld %-2s  %-45.45s  %s, %s\n", num(p, "line"), str(p, "state"), str(p, "agency"),
               str(p, "city"), str(p, "county"));
}

int cmd_partnerships(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(USAGE, stdout);
        return CLI_OK;
    }
    args a = {.store = SL_STORE_DEFAULT};
    int rc = parse(argc, argv, &a);
    if (rc) return rc;
    sl_store *st = cli_open_store(a.store, CLI_STORE_READ, &rc);
    if (!st) return rc;
    sl_error err;
    sl_error_clear(&err);
    json_t *r = NULL;
    sl_status s = a.diff ? sl_tracker_diff(st, a.from, a.to, a.q.tech, &r, &err)
                  : a.unmatched ? sl_tracker_unmatched(st, &a.q, &r, &err)
                                : sl_tracker_run(st, &a.q, &r, &err);
    sl_store_close(st);
    if (s) return cli_report(&err);
    rc = CLI_OK;
    if (a.json) {
        rc = cli_print_json_flags(r, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    } else if ((rc = cli_terminal_safe(r)) == CLI_OK) {
        if (a.diff) print_diff(r);
        else if (a.unmatched) print_unmatched(r);
        else print_tracker(r);
    }
    json_decref(r);
    return rc;
}
