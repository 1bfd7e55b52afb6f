/*
** join.c — `sightline join`: points per area of an area set.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"

#include <getopt.h>
#include <math.h>
#include <string.h>

static const char *USAGE =
    "usage: sightline join --points LAYER --areas SET [--category C] [--where REGEX]\n"
    "                      [--threads N] [--json|--csv]\n"
    "\n"
    "Counts the points of LAYER (posts, cameras or sites) in each area of SET,\n"
    "with density per km2 (geodesic area) and per 1,000 residents. Counts are\n"
    "exact, for your own analysis: `sightline audit` publishes a count of\n"
    "cameras or posts only where it rests on at least k distinct locations.\n"
    "\n"
    "  --points LAYER   posts, cameras or sites\n"
    "  --areas SET      an area set imported with `sightline import areas`\n"
    "  --category C     sites of this category only\n"
    "  --where REGEX    keep points whose text matches (PCRE2, any case),\n"
    "                   e.g. --where '\\b(child|kid|teen)s?\\b'\n"
    "  --threads N      threads for the join (default: every core)\n"
    "  --json | --csv   machine-readable output (default: a table)\n"
    "  -s, --store P    the store (default ./sightline.db)\n";

static void print_csv(json_t *r)
{
    size_t i;
    json_t *a;
    printf("id,name,count,per_km2,per_1000\n");
    json_array_foreach(json_object_get(r, "areas"), i, a) {
        sl_csv_write_cell(stdout, cli_str(a, "id"));
        putchar(',');
        sl_csv_write_cell(stdout, cli_str(a, "name"));
        printf(",%lld,", cli_int(a, "count"));
        if (json_is_real(json_object_get(a, "per_km2"))) printf("%.6g", cli_num(a, "per_km2"));
        putchar(',');
        if (json_is_real(json_object_get(a, "per_1000"))) printf("%.6g", cli_num(a, "per_1000"));
        putchar('\n');
    }
}

static void print_table(json_t *r)
{
    size_t i;
    json_t *a;
    printf("%lld %s points, %lld outside every area of %s\n", cli_int(r, "points"), cli_str(r, "layer"),
           cli_int(r, "outside"), cli_str(r, "set"));
    printf("%-16s %-28s %9s %10s %10s\n", "area", "name", "count", "per km2", "per 1000");
    json_array_foreach(json_object_get(r, "areas"), i, a) {
        if (cli_int(a, "count") == 0) continue;
        printf("%-16.16s %-28.28s %9lld %10.2f %10.2f\n", cli_str(a, "id"), cli_str(a, "name"),
               cli_int(a, "count"), cli_num(a, "per_km2"), cli_num(a, "per_1000"));
    }
    printf("(areas with no points not listed; --json or --csv lists every area)\n");
}

static sl_status join_fn(sl_store *st, void *q, json_t **out, sl_error *err)
{
    return sl_analysis_join(st, q, out, err);
}

int cmd_join(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'},  {"help", no_argument, 0, 'h'},
        {"points", required_argument, 0, 'p'}, {"areas", required_argument, 0, 'a'},
        {"category", required_argument, 0, 'c'}, {"where", required_argument, 0, 'w'},
        {"threads", required_argument, 0, 't'}, {"json", no_argument, 0, 'j'},
        {"csv", no_argument, 0, 'v'},          {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    sl_join_query q = {0};
    int json = 0, csv = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'p': q.layer = optarg; break;
        case 'a': q.set = optarg; break;
        case 'c': q.category = optarg; break;
        case 'w': q.where = optarg; break;
        case 't': q.threads = atoi(optarg); break;
        case 'j': json = 1; break;
        case 'v': csv = 1; break;
        default: return cli_usage_error("join", "bad option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (!q.layer || !q.set) return cli_usage_error("join", "join needs --points LAYER and --areas SET");
    if (optind != argc) return cli_usage_error("join", "unexpected argument '%s'", argv[optind]);
    if (csv && !json) return cli_run_csv(store, &q, join_fn, print_csv);
    return cli_run(store, &q, join_fn, json, print_table);
}
