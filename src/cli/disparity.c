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
    "                           [--bootstrap N] [--permutations N] [--seed S] [output options]\n"
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
    CLI_OUT_HELP
    "  -s, --store P    the store (default ./sightline.db)\n"
    "\n"
    "Read docs/methodology.md before quoting: these are area-level (ecological)\n"
    "figures; they say where events happen, not who they happen to.\n";

static const cli_col GROUP_COLS[] = {
    {"group", "group", CLI_TEXT},          {"share", "share of events", CLI_PERCENT},
    {"baseline", "baseline", CLI_PERCENT}, {"difference", "difference", CLI_POINTS},
    {"ratio", "ratio", CLI_NUMBER},        {"ci_low", "95% interval from", CLI_PERCENT},
    {"ci_high", "to", CLI_PERCENT},        {"p_value", "p (placebo)", CLI_P}};

static int print_table(json_t *r, const cli_out *o, void *q)
{
    (void)q;
    /* the placebo test cannot see below 1/(N+1) with N draws */
    double floor_p = 1.0 / ((double)sl_json_int(r, "permutations") + 1);
    cli_table t = {NULL, GROUP_COLS, sizeof GROUP_COLS / sizeof *GROUP_COLS, json_object_get(r, "groups"), NULL, 0,
                   floor_p};
    int rc = cli_table_order("disparity", o, &t);
    if (rc) return rc;
    if (o->format == CLI_FMT_TABLE) {
        char n1[32], n2[32];
        printf("%s events in set %s (%s outside it); baseline: %s; seed %lld\n",
               cli_thousands(sl_json_int(r, "events"), n1), sl_json_str(r, "set"),
               cli_thousands(sl_json_int(r, "events_outside"), n2), sl_json_str(r, "baseline"), sl_json_int(r, "seed"));
    }
    cli_table_print(o, &t);
    if (o->format == CLI_FMT_TABLE) {
        printf("The interval is of the share of events (bootstrap, %lld resamples); p is the chance of a gap this\n"
               "wide if events were placed by population within the study areas (%lld placebo draws).\n",
               sl_json_int(r, "bootstrap"), sl_json_int(r, "permutations"));
        printf("dissimilarity (Duncan D) %.3f; by chance alone about %.3f\n", sl_json_num(r, "dissimilarity"),
               sl_json_num(r, "dissimilarity_null"));
    }
    return CLI_OK;
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
        {"seed", required_argument, 0, 'S'},    CLI_OUT_OPTIONS,
        {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    sl_disparity_query q = {0};
    cli_out o = {0};
    int c;
    double v;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        int orc = cli_out_option(&o, "disparity", c, optarg);
        if (orc > 0) return orc;
        if (orc == 0) continue;
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'e': q.events = optarg; break;
        case 'a': q.set = optarg; break;
        case 'b': q.baseline = optarg; break;
        case 'g': q.groups = optarg; break;
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
    return cli_run_out("disparity", store, &q, disparity_fn, &o, print_table);
}
