/*
** disparity.c — `sightline disparity`: are the areas where events happen
** Blacker, browner, more foreign-born than the baseline? With intervals and a
** test against chance (docs/methodology.md).
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>

static const char *USAGE =
    "usage: sightline disparity --events requests|posts|cameras --areas SET\n"
    "                           [--baseline areas|national|FILE] [--groups G,G...]\n"
    "                           [--bootstrap N] [--permutations N] [--seed S] [--json]\n"
    "\n"
    "For each group (black, hispanic, foreign_born, white_nh): the event-weighted\n"
    "share of the group in the events' areas, the baseline share, their difference\n"
    "and ratio, a bootstrap interval (resampling events) and a placebo p-value\n"
    "(events placed in proportion to population); per-area location quotients;\n"
    "Duncan dissimilarity; exposure. Requests with a radius or polygon are split\n"
    "over the areas they overlap. Deterministic for a given --seed.\n"
    "\n"
    "  --baseline B     areas (the set's population, default), national (a baseline\n"
    "                   imported with `sightline import baseline`), or an ACS DP05\n"
    "                   CSV (its DP02 sibling adds foreign born)\n"
    "  --groups LIST    only these groups (default: every group the set has)\n"
    "  --bootstrap N    bootstrap resamples (default 2000)\n"
    "  --permutations N placebo draws for the p-value (default 2000)\n"
    "  --seed S         random seed (default 2018)\n"
    "  --json           one JSON object\n"
    "  -s, --store P    the store (default ./sightline.db)\n"
    "\n"
    "Read docs/methodology.md before quoting: these are area-level (ecological)\n"
    "figures; they say where events happen, not who they happen to.\n";

static void cell(json_t *g, const char *key, const char *fmt, double scale)
{
    json_t *v = json_object_get(g, key);
    if (json_is_number(v)) printf(fmt, scale * json_number_value(v));
    else printf("%*s", 9, "n/a");
}

static void print_table(json_t *r)
{
    printf("%lld events in set %s (%lld outside it); baseline: %s; seed %lld\n", cli_int(r, "events"),
           cli_str(r, "set"), cli_int(r, "events_outside"), cli_str(r, "baseline"), cli_int(r, "seed"));
    printf("%-13s %9s %9s %9s %9s %19s %9s\n", "group", "share %", "base %", "diff pt", "ratio", "95% interval %",
           "p");
    size_t i;
    json_t *g;
    json_array_foreach(json_object_get(r, "groups"), i, g) {
        printf("%-13s", cli_str(g, "group"));
        cell(g, "share", " %8.2f", 100);
        cell(g, "baseline", " %8.2f", 100);
        cell(g, "difference", " %8.2f", 100);
        cell(g, "ratio", " %8.3f", 1);
        cell(g, "ci_low", "   %7.2f", 100);
        cell(g, "ci_high", " -%7.2f", 100);
        cell(g, "p_value", " %9.4f", 1);
        putchar('\n');
    }
    printf("dissimilarity (Duncan D) %.3f; by chance alone about %.3f\n", cli_num(r, "dissimilarity"),
           cli_num(r, "dissimilarity_null"));
}

static sl_status disparity_fn(sl_store *st, void *q, json_t **out, sl_error *err)
{
    return sl_analysis_disparity(st, q, out, err);
}

int cmd_disparity(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'},   {"help", no_argument, 0, 'h'},
        {"events", required_argument, 0, 'e'},  {"areas", required_argument, 0, 'a'},
        {"baseline", required_argument, 0, 'b'}, {"groups", required_argument, 0, 'g'},
        {"bootstrap", required_argument, 0, 'B'}, {"permutations", required_argument, 0, 'P'},
        {"seed", required_argument, 0, 'S'},    {"json", no_argument, 0, 'j'},
        {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    sl_disparity_query q = {0};
    int json = 0, c;
    double v;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'e': q.events = optarg; break;
        case 'a': q.set = optarg; break;
        case 'b': q.baseline = optarg; break;
        case 'g': q.groups = optarg; break;
        case 'j': json = 1; break;
        case 'B': case 'P': case 'S':
            if (!cli_parse_double(optarg, &v) || v < 1 || v > 1e9 || v != floor(v))
                return cli_usage_error("disparity", "'%s' wants a whole number >= 1, not '%s'", argv[optind - 1], optarg);
            if (c == 'B') q.bootstrap = (unsigned)v;
            else if (c == 'P') q.permutations = (unsigned)v;
            else q.seed = (unsigned long)v;
            break;
        default: return cli_usage_error("disparity", "bad option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (!q.events || !q.set) return cli_usage_error("disparity", "disparity needs --events and --areas");
    if (optind != argc) return cli_usage_error("disparity", "unexpected argument '%s'", argv[optind]);
    return cli_run(store, &q, disparity_fn, json, print_table);
}
