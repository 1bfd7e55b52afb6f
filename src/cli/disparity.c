/*
** disparity.c — `sightline disparity`: are the areas where events happen
** Blacker, browner, more foreign-born than the baseline? With intervals and a
** test against chance (docs/methodology.md).
*/
#include "cli.h"
#include "sightline/io/acs.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/params.h"
#include "sightline/analysis/disparity.h"
#include "sightline/core/names.h"
#include "sightline/store/baseline.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *USAGE =
    "usage: sightline disparity --events requests|posts|cameras --areas SET\n"
    "                           [--baseline areas|NAME|FILE] [--groups G,G...]\n"
    "                           [--bootstrap N] [--permutations N] [--seed S] [output options]\n"
    "\n"
    "For each group (black, hispanic, foreign_born, white_nh): the event-weighted\n"
    "share of the group in the events' areas, the baseline share, their difference\n"
    "and ratio, a 95% percentile bootstrap interval (resampling events) and a\n"
    "two-sided placebo p-value (events placed in proportion to population; one\n"
    "test per group, not corrected for several) with, in JSON, the ratios so many\n"
    "events detect four times in five; per-area location quotients;\n"
    "Duncan dissimilarity; exposure. Requests with a radius or polygon are split\n"
    "over the areas they overlap. Deterministic for a given --seed. On a\n"
    "terminal, a line on standard error shows how far the draws are.\n"
    "\n"
    "  --baseline B     areas (the set's population, default); NAME, a baseline\n"
    "                   the store holds (`sightline import baseline` stores\n"
    "                   'national', or the name its --name gives; `sightline info`\n"
    "                   lists them); or an ACS DP05 CSV, named with its sha256\n"
    "                   under \"inputs\" in the result. A name the store holds\n"
    "                   comes before a file of that name.\n"
    "  --dp02 FILE      with a DP05 file: the ACS DP02 profile for foreign born\n"
    "                   (never guessed from the DP05 name)\n"
    "  --geo NAME       with a DP05 file: its row (NAME, GEO_ID or state FIPS)\n"
    "  --groups LIST    only these groups (default: every group the set has)\n"
    "  --bootstrap N    bootstrap resamples (default 2000)\n"
    "  --permutations N placebo draws for the p-value (default 2000)\n"
    "  --seed S         random seed (default 2018)\n"
    "  --by-place       resample and place the events' distinct places (a point, or\n"
    "                   a point, radius and polygon), each with all its events, not\n"
    "                   events one by one: for events that repeat at a place\n"
    "  --merge-radius M with --events cameras made from posts: posts chained within\n"
    "                   M meters are one camera, as `sightline cameras\n"
    "                   --merge-radius M` counts them (default 0: unique locations)\n"
    CLI_OUT_HELP
    "  (CSV rows end with set, events_kind, events (the events counted),\n"
    "  baseline_is, seed, bootstrap and permutations: what a file counts)\n"
    "  -s, --store P    the store (default ./sightline.db)\n"
    "\n"
    "Read docs/methodology.md before quoting: these are area-level (ecological)\n"
    "figures; they say where events happen, not who they happen to.\n";

/* With the study areas as baseline the baseline column is the population
** share; with another (national) baseline both are shown, and p says it
** belongs to the study-area comparison. */
static const cli_col AREA_COLS[] = {
    {"group", "group", CLI_GROUP},
    {"share", "share where the events are", CLI_PERCENT},
    {"population_share", "share of residents", CLI_PERCENT},
    {"difference", "difference", CLI_POINTS},
    {"difference_ci_low", "95% interval from", CLI_POINTS},
    {"difference_ci_high", "to", CLI_POINTS},
    {"ratio", "ratio", CLI_NUMBER},
    {"p_value", "p", CLI_P},
    {"p_mc_se", "p's Monte Carlo error", CLI_NUMBER}, /* CSV only, with the one after it: the footnote says them */
    {"p_is_bound", "p is a bound", CLI_TEXT}};
static const cli_col BASELINE_COLS[] = {
    {"group", "group", CLI_GROUP},
    {"share", "share where the events are", CLI_PERCENT},
    {"population_share", "study areas", CLI_PERCENT},
    {"baseline", "baseline", CLI_PERCENT},
    {"difference", "vs baseline", CLI_POINTS},
    {"difference_ci_low", "95% interval from", CLI_POINTS},
    {"difference_ci_high", "to", CLI_POINTS},
    {"ratio", "ratio", CLI_NUMBER},
    {"p_value", "p (vs study areas)", CLI_P},
    {"p_mc_se", "p's Monte Carlo error", CLI_NUMBER}, /* CSV only, with the four after it: */
    {"p_is_bound", "p is a bound", CLI_TEXT},
    {"areas_difference", "vs study areas", CLI_POINTS}, /* the caution under the table says them */
    {"areas_difference_ci_low", "95% interval from", CLI_POINTS},
    {"areas_difference_ci_high", "to", CLI_POINTS}};
/* CSV only, after every column above: what the figures count and what a
** saved file needs to be made again (the table's first line and footnote
** say them; JSON has them), in the order of the audit's
** data/disparity_SET_EVENTS.csv. A file of four group rows gave no n: two
** runs' files could not be told apart by what they counted. */
static const cli_col DRAW_COLS[] = {
    {"set", "area set", CLI_TEXT},
    {"events_kind", "events", CLI_TEXT},
    {"events", "events counted", CLI_COUNT},
    {"baseline_is", "baseline", CLI_TEXT},
    {"seed", "seed", CLI_COUNT},
    {"bootstrap", "bootstrap resamples", CLI_COUNT},
    {"permutations", "placebo draws", CLI_COUNT}};
/* each column's key in the result ("baseline" in a group is its share) */
static const char *const DRAW_FROM[] = {"set", "events_kind", "events", "baseline", "seed", "bootstrap", "permutations"};
#define DRAW_NCOLS (sizeof DRAW_COLS / sizeof *DRAW_COLS)
#define DISPARITY_MAX_COLS (sizeof BASELINE_COLS / sizeof *BASELINE_COLS + DRAW_NCOLS)

/* CSV: the result's set, events, baseline, seed and draws on every group row, as columns. */
static size_t with_draw_cols(json_t *r, const cli_col *cols, size_t ncols, cli_col *all)
{
    size_t i, k;
    json_t *g;
    for (k = 0; k < ncols; k++) all[k] = cols[k];
    for (i = 0; i < DRAW_NCOLS; i++) all[k++] = DRAW_COLS[i];
    json_array_foreach(json_object_get(r, "groups"), i, g)
        for (size_t c = 0; c < DRAW_NCOLS; c++) json_object_set(g, DRAW_COLS[c].key, json_object_get(r, DRAW_FROM[c]));
    return k;
}

/* "cameras from: posts (chained within 20 m)": the same cameras as
** `sightline cameras --merge-radius 20`, or not. */
static void print_cameras_from(json_t *r)
{
    char d[40];
    double m = sl_json_num(r, "merge_radius_m");
    if (m > 0) printf("cameras from: posts (chained within %s)\n", cli_distance(m, d));
    else printf("cameras from: %s\n", sl_json_str(r, "cameras_from"));
}

/* "residents: FILE (import N), data of 2014; the foreign-born shares are of
** column POP645213, which ... dates 2013 ...": the share of residents is of
** a year, and a group's figure can be of another (sl_disparity_residents_note). */
static void print_residents(json_t *r)
{
    json_t *from = json_object_get(r, "population_from");
    const char *year = json_string_value(json_object_get(from, "year")), *note = json_string_value(json_object_get(r, "residents_note"));
    if (!from) return;
    char line[1400];
    snprintf(line, sizeof line, "%s (import %lld), %s%s%s%s", sl_json_str(from, "file"), sl_json_int(from, "import"),
             year ? "data of " : "year not recorded at import", year ? year : "", note ? "; " : "", note ? note : "");
    cli_wrap(stdout, "residents:", line);
}

/* The ratios these events detect four times in five (as the report says
** them under its table): beside a large p, what it could not have seen. */
static void print_detectable(json_t *r)
{
    char text[600] = "", one[96], n[32], line[1000];
    size_t i;
    json_t *g;
    json_array_foreach(json_object_get(r, "groups"), i, g) {
        json_t *lo = json_object_get(g, "detectable_ratio_low"), *hi = json_object_get(g, "detectable_ratio_high");
        if (!json_is_number(lo) && !json_is_number(hi)) continue;
        char l[24] = "", h[24] = "";
        if (json_is_number(lo)) snprintf(l, sizeof l, " <= %.2f", json_number_value(lo));
        if (json_is_number(hi)) snprintf(h, sizeof h, "%s>= %.2f", *l ? " or " : " ", json_number_value(hi));
        snprintf(one, sizeof one, "%s%s%s%s", *text ? "; " : "", sl_group_label(sl_json_str(g, "group")), l, h);
        if (strlen(text) + strlen(one) < sizeof text) strcat(text, one);
    }
    if (!*text) return;
    snprintf(line, sizeof line, "What %s events can show: the test finds a gap (p <= %.2f) four times in five when the "
             "ratio to the study areas' share is %s (events at points, independent, biased as `sightline power` plants a "
             "bias; its normal approximation).", sl_thousands(sl_json_int(r, "events"), n), SL_DISPARITY_ALPHA, text);
    cli_wrap(stdout, "", line);
}

/* Under the table: what each column is, what p tests and how sure it is,
** and D beside its figure by chance alone. */
static void print_footnote(json_t *r, int own)
{
    char text[1200], b[32], p[32];
    long long draws = sl_json_int(r, "permutations");
    snprintf(text, sizeof text, "share where the events are: the group's share of the residents of the areas the average event lies "
             "in (not a share of the events). difference: that share minus the %s, in percentage points; its 95%% interval "
             "resamples the events%s (percentile bootstrap, %s resamples). p: how often placebo data (the null: %s) show a "
             "gap between that share and the study areas' share of residents as wide as this one "
             "(%s draws; another seed moves p by its Monte Carlo error sqrt(p(1 - p) / draws), about %.4f at p = %.2f).",
             own ? "share of residents" : "baseline",
             json_is_true(json_object_get(r, "by_place")) ? "' places, each with all its events" : "",
             sl_thousands(sl_json_int(r, "bootstrap"), b),
             sl_json_str(r, "p_null"), sl_thousands(draws, p), sl_p_mc_se(SL_DISPARITY_ALPHA, (size_t)draws),
             SL_DISPARITY_ALPHA);
    cli_wrap(stdout, "", text);
    json_t *g;
    size_t i, bounds = 0;
    json_array_foreach(json_object_get(r, "groups"), i, g) bounds += json_is_true(json_object_get(g, "p_is_bound"));
    if (bounds) { /* the floor's p is no estimate: it has no Monte Carlo error */
        char floor[40];
        snprintf(text, sizeof text, "A p shown as < %s is a bound: none of the %s placebo draws showed a gap as wide, "
                 "so p < 1/%s; a bound has no Monte Carlo error (more draws, --permutations, lower it).",
                 sl_format_p(1.0 / ((double)draws + 1), 1.0 / ((double)draws + 1), floor) + 2, p,
                 sl_thousands(draws + 1, b));
        cli_wrap(stdout, "", text);
    }
    size_t ngroups = json_array_size(json_object_get(r, "groups"));
    char several[300] = "";
    if (ngroups > 1) /* four p-values read together are not one test */
        snprintf(several, sizeof several, "; with these %zu at once, one reaches p <= %.2f by chance more often than "
                 "one time in twenty: hold a group chosen after seeing all %zu to p <= %.4g (%.2f/%zu, Bonferroni)",
                 ngroups, SL_DISPARITY_ALPHA, ngroups, SL_DISPARITY_ALPHA / (double)ngroups, SL_DISPARITY_ALPHA, ngroups);
    snprintf(text, sizeof text, "Each p is two-sided (a gap either way) and tests one group%s. A p above %.2f says a gap "
             "this size could be chance, not that there is none (`sightline power` gives the events a gap needs).",
             several, SL_DISPARITY_ALPHA);
    cli_wrap(stdout, "", text);
    print_detectable(r);
    if (!own) /* the two answer different questions, and can disagree */
        cli_wrap(stdout, "", "With this baseline the interval and p answer two questions: the interval, how far "
                             "the share lies from the baseline; p, whether it differs from the study areas' share "
                             "of residents. A finding about the baseline rests on the interval; it says how the "
                             "places where the events are differ from the baseline, not where the events fall "
                             "within the study areas.");
    if (json_object_get(r, "dissimilarity_null_note")) { /* split over many areas: no comparable figure */
        snprintf(text, sizeof text, "dissimilarity (Duncan D) %.3f; %s", sl_json_num(r, "dissimilarity"),
                 sl_json_str(r, "dissimilarity_null_note"));
        cli_wrap(stdout, "", text);
    } else
        printf("dissimilarity (Duncan D) %.3f; by chance alone about %.3f\n", sl_json_num(r, "dissimilarity"),
               sl_json_num(r, "dissimilarity_null"));
}

/* A baseline that gives a group no share (a DP05 file without its DP02
** holds no foreign born) leaves that group's comparison with it n/a: the
** line says why and how to give it one. */
static void print_baseline_gaps(json_t *r, FILE *out, int quiet)
{
    size_t i;
    json_t *g;
    if (quiet) return;
    json_array_foreach(json_object_get(r, "groups"), i, g) {
        if (!json_is_number(json_object_get(g, "share")) || json_is_number(json_object_get(g, "baseline"))) continue;
        fprintf(out, "note: the baseline gives no %s share, so its columns are n/a%s\n",
                sl_group_label(sl_json_str(g, "group")),
                !strcmp(sl_json_str(g, "group"), "foreign_born")
                    ? " (an ACS DP05 file holds none; its DP02 does: --dp02 FILE beside the DP05 file, here "
                      "or at `sightline import baseline`)"
                    : "");
    }
}

static int print_table(json_t *r, const cli_out *o, void *q)
{
    (void)q;
    /* the placebo test cannot see below 1/(N+1) with N draws */
    double floor_p = 1.0 / ((double)sl_json_int(r, "permutations") + 1);
    int own = !strcmp(sl_json_str(r, "baseline"), "population of the study areas");
    size_t ncols = own ? sizeof AREA_COLS / sizeof *AREA_COLS : sizeof BASELINE_COLS / sizeof *BASELINE_COLS;
    size_t csv_only = own ? 2 : 5;
    cli_col all[DISPARITY_MAX_COLS];
    cli_table t = {NULL, own ? AREA_COLS : BASELINE_COLS, o->format == CLI_FMT_CSV ? ncols : ncols - csv_only,
                   json_object_get(r, "groups"), NULL, 0, floor_p};
    if (o->format == CLI_FMT_CSV) {
        t.ncols = with_draw_cols(r, t.cols, ncols, all);
        t.cols = all;
    }
    int rc = cli_table_order("disparity", o, &t);
    if (rc) return rc;
    if (o->format == CLI_FMT_TABLE) {
        char n1[32], n2[32], w[40] = "";
        long long events = sl_json_int(r, "events");
        /* requests split by overlap: the part of them outside every area
        ** is in no share, and join --points requests prints it */
        double part_out = (double)events - sl_json_num(r, "weight");
        if (part_out >= 0.05) sl_readable(part_out, w);
        /* "(2 more outside it)": the events wholly outside are not among the count */
        printf("%s event%s in set %s (%s more %soutside it%s%s%s); baseline: %s; seed %lld\n", sl_thousands(events, n1),
               events == 1 ? "" : "s", sl_json_str(r, "set"), sl_thousands(sl_json_int(r, "events_outside"), n2),
               *w ? "wholly " : "", *w ? "; pieces adding up to " : "", w, *w ? " events lie outside it, by overlap" : "",
               sl_json_str(r, "baseline"), sl_json_int(r, "seed"));
        if (json_object_get(r, "cameras_from")) print_cameras_from(r);
        print_residents(r);
        if (json_object_get(r, "no_residents_note")) printf("note: %s\n", sl_json_str(r, "no_residents_note"));
        if (json_object_get(r, "no_location_note")) printf("note: %s\n", sl_json_str(r, "no_location_note"));
    }
    cli_table_print(o, &t);
    if (!own) print_baseline_gaps(r, o->format == CLI_FMT_TABLE ? stdout : stderr, o->format == CLI_FMT_JSON);
    /* a city against the nation: under the figures it qualifies */
    const char *mix = json_string_value(json_object_get(r, "baseline_note"));
    if (mix && o->format == CLI_FMT_TABLE) cli_caution(stdout, mix);
    else if (mix && o->format != CLI_FMT_JSON) cli_caution(stderr, mix);
    if (o->format == CLI_FMT_TABLE) print_footnote(r, own);
    /* a few events' figures are not to be quoted bare: the table says so
    ** under them; CSV cannot carry a sentence, so it goes to stderr */
    const char *caveat = json_string_value(json_object_get(r, "caveat"));
    if (caveat && o->format == CLI_FMT_TABLE) cli_caution(stdout, caveat);
    else if (caveat && o->format != CLI_FMT_JSON) cli_caution(stderr, caveat);
    return CLI_OK;
}

/* The query, and the baseline file read for it when --baseline names one. */
typedef struct disparity_run {
    sl_disparity_query q;
    sl_baseline_file file;
} disparity_run;

/* --baseline B (not "areas", no --dp02 or --geo): the store's baseline
** named B; else the ACS DP05 file B, read here through io and named in the
** result with its sha256 (the analysis reads only the store). Neither: the
** error names the baselines the store holds. */
static sl_status choose_baseline(sl_store *st, disparity_run *d, sl_error *err)
{
    sl_arena arena = {0};
    const char **names, *want = d->q.baseline;
    size_t n, held = 0;
    sl_status s = sl_store_baselines(st, &arena, &names, &n, err);
    for (size_t i = 0; !s && i < n; i++) held |= !strcmp(names[i], want);
    char list[600], hint[96];
    if (!s && !held && access(want, F_OK) == 0) {
        s = sl_baseline_file_read(want, NULL, NULL, &d->file, err);
        if (!s) d->q.baseline = NULL, d->q.baseline_file = &d->file;
    } else if (!s && !held && !n)
        s = sl_fail(err, SL_EDATA, NULL, 0,
                    "--baseline %s: no file of that name, and the store has no baseline yet "
                    "(sightline import baseline DP05.csv --name %s)", want, want);
    else if (!s && !held)
        s = sl_fail(err, SL_EDATA, NULL, 0,
                    "--baseline %s: no baseline of that name in the store (it has: %s) and no file of that name%s",
                    want, sl_names_joined(names, n, list, sizeof list), sl_name_hint(want, names, n, hint, sizeof hint));
    sl_arena_free(&arena);
    return s;
}

static sl_status disparity_fn(sl_store *st, void *arg, json_t **out, sl_error *err)
{
    disparity_run *d = arg;
    sl_disparity_query *dq = &d->q;
    sl_status s = SL_OK;
    if (dq->baseline && strcmp(dq->baseline, "areas") != 0 && choose_baseline(st, d, err)) {
        if (dq->progress.ctx) cli_progress_end(dq->progress.ctx);
        return err->status;
    }
    if (strcmp(dq->events, "posts") == 0 || strcmp(dq->events, "cameras") == 0) /* requests: the analysis says */
        s = sl_analysis_need_points(st, strcmp(dq->events, "posts") == 0 ? "posts" : "cameras,posts", err);
    if (!s) s = sl_analysis_disparity(st, dq, out, err);
    if (dq->progress.ctx) cli_progress_end(dq->progress.ctx); /* before the table */
    return s;
}

int cmd_disparity(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'},   {"help", no_argument, 0, 'h'},
        {"events", required_argument, 0, 'e'},  {"areas", required_argument, 0, 'a'},
        {"baseline", required_argument, 0, 'b'}, {"groups", required_argument, 0, 'g'},
        {"bootstrap", required_argument, 0, 'B'}, {"permutations", required_argument, 0, 'P'},
        {"seed", required_argument, 0, 'S'},    {"dp02", required_argument, 0, 'D'},
        {"geo", required_argument, 0, 'G'},     {"merge-radius", required_argument, 0, 'r'},
        {"by-place", no_argument, 0, 'p'},      CLI_OUT_OPTIONS,
        {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT, *dp02 = NULL, *geo = NULL;
    disparity_run run = {0};
    cli_out o = {0};
    int c;
    double v;
    sl_error err;
    sl_error_clear(&err);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        int orc = cli_out_option(&o, "disparity", c, optarg);
        if (orc > 0) return orc;
        if (orc == 0) continue;
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'e': run.q.events = optarg; break;
        case 'a': run.q.set = optarg; break;
        case 'b': run.q.baseline = optarg; break;
        case 'g': run.q.groups = optarg; break;
        case 'D': dp02 = optarg; break;
        case 'G': geo = optarg; break;
        case 'p': run.q.by_place = 1; break;
        case 'r':
            if (!cli_parse_double(optarg, &run.q.merge_radius_m) || run.q.merge_radius_m < 0)
                return cli_usage_error("disparity", "--merge-radius wants meters >= 0, not '%s'", optarg);
            break;
        case 'B': case 'P': case 'S':
            /* the option's name: argv[optind - 1] is the value itself after "--bootstrap 0" */
            if (sl_param_whole(optarg, c == 'B' ? "--bootstrap" : c == 'P' ? "--permutations" : "--seed", 1, 1e9, &v, &err))
                return cli_usage_error("disparity", "%s", err.msg);
            if (c == 'B') run.q.bootstrap = (unsigned)v;
            else if (c == 'P') run.q.permutations = (unsigned)v;
            else run.q.seed = (unsigned long)v;
            break;
        default: return cli_bad_option("disparity", c, argv[optind - 1], OPTIONS);
        }
    }
    if (!run.q.events || !run.q.set) return cli_usage_error("disparity", "disparity needs --events and --areas");
    if (run.q.merge_radius_m > 0 && strcmp(run.q.events, "cameras") != 0)
        return cli_usage_error("disparity", "--merge-radius chains posts into cameras: it goes with --events cameras");
    cli_progress progress; /* the draws take seconds on counties, or with many of them */
    cli_progress_start(&progress, "disparity");
    run.q.progress = cli_progress_hook(&progress);
    if (optind != argc) return cli_usage_error("disparity", "unexpected argument '%s'", argv[optind]);
    int named = run.q.baseline && strcmp(run.q.baseline, "areas") != 0;
    if ((dp02 || geo) && (!named || strcmp(run.q.baseline, "national") == 0))
        return cli_usage_error("disparity", "--dp02 and --geo go with --baseline FILE (an ACS DP05 CSV)");
    o.layers = strcmp(run.q.events, "cameras") == 0 ? "posts,cameras" : run.q.events; /* cameras may come from posts */
    /* With --dp02 or --geo B is a file, read here, through io, and named in the
    ** result with its sha256; else choose_baseline looks in the store first. */
    if ((dp02 || geo) && sl_baseline_file_read(run.q.baseline, dp02, geo, &run.file, &err)) return cli_report(&err);
    if (dp02 || geo) run.q.baseline = NULL, run.q.baseline_file = &run.file;
    return cli_run_out("disparity", store, &run, disparity_fn, &o, print_table);
}
