/*
** join.c — `sightline join`: points per area of an area set.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"
#include "sightline/core/area.h"

#include <getopt.h>
#include <math.h>
#include <string.h>

static const char *USAGE =
    "usage: sightline join --points LAYER --areas SET [--category C] [--where REGEX]\n"
    "                      [--threads N] [--min-points N] [--min-population N]\n"
    "                      [--format table|csv|json]\n"
    "                      [-o FILE] [--sort KEY] [--top N] [--asc|--desc]\n"
    "\n"
    "Counts the points of LAYER (posts, cameras or sites) in each area of SET,\n"
    "with density per km2 (geodesic area) and per 1,000 residents. Counts are\n"
    "exact, for your own analysis: `sightline audit` publishes a count of\n"
    "cameras or posts only where it rests on at least k distinct locations.\n"
    "\n"
    "--points requests counts police requests. A request with a radius or a\n"
    "polygon is split over the areas it overlaps, by share of its ground area\n"
    "(the weights `sightline disparity` uses), so its counts are fractions:\n"
    "the column reads \"requests (split by overlap)\". A point request counts\n"
    "whole.\n"
    "\n"
    "  --points LAYER   posts, cameras, sites or requests\n"
    "  --areas SET      an area set imported with `sightline import areas`\n"
    "  --category C     sites of this category only\n"
    "  --where REGEX    keep points whose text matches (PCRE2, any case),\n"
    "                   e.g. --where '\\b(child|kid|teen)s?\\b'\n"
    "  --threads N      threads for the join (default: every core)\n"
    "  --min-points N   leave areas with fewer than N points (or requests, split)\n"
    "                   out of the table, so one point in an empty county does\n"
    "                   not top a rate\n"
    "  --min-population N\n"
    "                   leave areas with fewer than N residents (or no\n"
    "                   population figure) out of the table\n"
    CLI_OUT_HELP
    "  -s, --store P    the store (default ./sightline.db)\n"
    "\n"
    "The table is sorted by points, largest first (--sort per_1000 for rates).\n"
    "A rate per 1,000 people of an area with fewer than 500 residents (a park,\n"
    "an airport) is marked * in the table and few_residents in CSV and JSON:\n"
    "a handful of points there tops any ranking (--min-population 500).\n"
    "An area without a population figure has no rate and no few_residents:\n"
    "empty in CSV, null in JSON (not known, never 0 or false).\n"
    "The line above the table names where the residents come from, the\n"
    "file and the year its import recorded (`import areas --year`); JSON\n"
    "gives them as population_from.\n"
    "Areas of a US county or tract set (FIPS ids) are named with their state,\n"
    "\"Washington, OR\" (an independent city \"Richmond city, VA\", not a second\n"
    "\"Richmond, VA\"); JSON adds \"state\" and CSV a state column.\n"
    "CSV rows end with what the file counts: area_set, points_layer,\n"
    "filter_category and filter_where when given, population_file and\n"
    "population_year.\n";

/* The table's columns: COUNT is headed "points", or "requests (split by
** overlap)" with fractions; CSV of a US county or tract set gets a state
** column after the figures so that the columns before it keep their places
** (the table prints "Cook, IL" instead), and CSV's few_residents after it
** (then with_join_context's). */
static size_t join_cols(int split, int csv, int csv_state, cli_col cols[8])
{
    size_t n = 0;
    cols[n++] = (cli_col){"id", "area", CLI_TEXT};
    cols[n++] = (cli_col){"name", "name", CLI_TEXT};
    cols[n++] = split ? (cli_col){"count", "requests (split by overlap)", CLI_NUMBER}
                      : (cli_col){"count", "points", CLI_COUNT};
    cols[n++] = (cli_col){"population", "population", CLI_COUNT};
    cols[n++] = (cli_col){"per_1000", "per 1,000 people", CLI_NUMBER};
    cols[n++] = (cli_col){"per_km2", "per km2", CLI_NUMBER};
    if (csv_state) cols[n++] = (cli_col){"state", "state", CLI_TEXT};
    if (csv) cols[n++] = (cli_col){"few_residents", "few_residents", CLI_TEXT};
    return n;
}

/* CSV: what the file counts, as constant columns after COLS[0..N) on every
** row of ROWS (as a partnerships CSV ends with its snapshot and filters):
** a join kept alone said neither its area set, its layer, its filters nor
** the population's file and year. Each is added when R gives it. */
static size_t with_join_context(json_t *r, json_t *rows, cli_col *cols, size_t n)
{
    json_t *pop = json_object_get(r, "population_from");
    const char *keys[][2] = {{"area_set", json_string_value(json_object_get(r, "set"))},
                             {"points_layer", json_string_value(json_object_get(r, "layer"))},
                             {"filter_category", json_string_value(json_object_get(r, "category"))},
                             {"filter_where", json_string_value(json_object_get(r, "where"))},
                             {"population_file", json_string_value(json_object_get(pop, "file"))},
                             {"population_year", json_string_value(json_object_get(pop, "year"))}};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        if (!keys[k][1] || !*keys[k][1]) continue;
        size_t i;
        json_t *row;
        cols[n++] = (cli_col){keys[k][0], keys[k][0], CLI_TEXT};
        json_array_foreach(rows, i, row) json_object_set_new(row, keys[k][0], json_string(keys[k][1]));
    }
    return n;
}

/* "Washington" twice is no answer: a person reads "Washington, OR". */
static int name_with_state(json_t *row)
{
    if (!json_string_value(json_object_get(row, "state"))) return 0;
    char name[512]; /* an unnamed tract: "Census Tract 8422, IL", not ", IL" */
    sl_area_display_name(sl_json_str(row, "name"), sl_json_str(row, "id"), name, sizeof name);
    return json_object_set_new(row, "name", json_string(name));
}

typedef struct join_args {
    sl_join_query q;
    long min_count;
    double min_pop;
} join_args;

/* ROW passes --min-points and --min-population; without --min-points a
** person gets the areas with points and CSV every area (for a join in a
** spreadsheet). */
static int listed(json_t *row, const join_args *a, const cli_out *o)
{
    double c = sl_json_num(row, "count");
    if (a->min_pop > 0 && !(sl_json_num(row, "population") >= a->min_pop)) return 0;
    return a->min_count > 0 ? c >= (double)a->min_count : o->format == CLI_FMT_CSV || c > 0;
}

/* The table's rate of each of its first SHOWN rows with few residents
** gets a "*" (after sorting, which reads the numbers); returns how many. */
static size_t mark_few_residents(json_t *rows, size_t shown)
{
    size_t marked = 0;
    char buf[40], cell[48];
    for (size_t i = 0; i < shown && i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        json_t *rate = json_object_get(row, "per_1000");
        if (!json_is_true(json_object_get(row, "few_residents")) || !json_is_number(rate)) continue;
        snprintf(cell, sizeof cell, "%s *", sl_readable(json_number_value(rate), buf));
        json_object_set_new(row, "per_1000", json_string(cell));
        marked++;
    }
    return marked;
}

/* A rate column of the table in units a person reads: when even its largest
** listed value is under 0.1 (posts per km2 over counties: 0.000085), every
** row's KEY is multiplied by BY and HEAD becomes WIDER ("per 1,000 km2",
** as the report writes it). The order is the same; CSV and JSON keep the
** keys' own units. */
static void readable_rate(json_t *rows, const char *key, double by, cli_col *col, const char *wider)
{
    double top = 0;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) if (json_is_number(json_object_get(row, key))) top = fmax(top, sl_json_num(row, key));
    if (!(top > 0 && top < 0.1)) return;
    json_array_foreach(rows, i, row) if (json_is_number(json_object_get(row, key)))
        json_object_set_new(row, key, json_real(sl_json_num(row, key) * by));
    col->head = wider;
}

/* What the "*" means, under the table. */
static void print_few_note(size_t marked, long long under)
{
    char n[32], u[32];
    printf("* fewer than %s residents (%s of the areas listed): a rate per resident there rests on\n"
           "  few people (a park, an airport, a nearly empty county); --min-population %lld leaves them out\n",
           sl_thousands(under, u), sl_thousands((long long)marked, n), under);
}

/* The population's file and year under the summary: a rate per resident
** is of residents counted in a year, as the report's tables say. */
static void print_population(json_t *r)
{
    json_t *p = json_object_get(r, "population_from");
    if (!p) return;
    const char *year = sl_json_str(p, "year"); /* "" when the import recorded none */
    printf("population: %s%s%s (import %lld)\n", sl_json_str(p, "file"), *year ? ", data of " : ", year not recorded at import",
           year, sl_json_int(p, "import"));
}

static void print_summary(json_t *r)
{
    char n1[CLI_COUNT_MAX], n2[40];
    if (json_object_get(r, "split")) {
        /* the requests wholly outside counted, the pieces of those partly
        ** outside as a weight, as the report says it: "pieces adding up to
        ** 1.95 requests" were 1 request wholly outside and pieces of 3 more
        ** weighing 0.95 (run of 2026-12-06, NYC tracts) */
        char words[1200];
        printf("%s requests, split over the areas they overlap (a point request counts whole)\n",
               sl_thousands(sl_json_int(r, "points"), n1));
        printf("%s.\n", sl_join_outside_words(r, "request", "requests", sl_json_str(r, "set"), words, sizeof words));
        if (sl_json_int(r, "no_location")) /* kept at import, split into nothing */
            printf("%s no location (no point, radius or polygon) and %s in no area\n",
                   cli_count(sl_json_int(r, "no_location"), "more request has", "more requests have", n1),
                   sl_json_int(r, "no_location") == 1 ? "is" : "are");
        return;
    }
    printf("%s, %s outside every area of %s\n", cli_layer_count(sl_json_int(r, "points"), sl_json_str(r, "layer"), n1),
           sl_thousands(sl_json_int(r, "outside"), n2), sl_json_str(r, "set"));
}

static int print_join(json_t *r, const cli_out *o, void *query)
{
    const join_args *args = query;
    long min_count = args->min_count;
    int split = json_object_get(r, "split") != NULL;
    json_t *rows = json_array(), *a;
    size_t i;
    if (!rows) return CLI_DATA;
    int states = 0, bad = 0;
    json_array_foreach(json_object_get(r, "areas"), i, a) {
        states |= json_object_get(a, "state") != NULL;
        if (o->format == CLI_FMT_TABLE && name_with_state(a)) bad = 1;
        if (listed(a, args, o)) json_array_append(rows, a);
    }
    if (bad) {
        json_decref(rows);
        fputs("sightline: out of memory\n", stderr);
        return CLI_DATA;
    }
    cli_col cols[14];
    int csv = o->format == CLI_FMT_CSV;
    cli_table t = {NULL, cols, join_cols(split, csv, states && csv, cols), rows, "count", 1, 0};
    if (csv) t.ncols = with_join_context(r, rows, cols, t.ncols);
    if (o->format == CLI_FMT_TABLE) {
        readable_rate(rows, "per_1000", 100, &cols[4], "per 100,000 people");
        readable_rate(rows, "per_km2", 1000, &cols[5], "per 1,000 km2");
    }
    int rc = cli_table_order("join", o, &t);
    if (rc == CLI_OK && o->format == CLI_FMT_TABLE) {
        size_t shown = json_array_size(rows);
        if (o->top > 0 && (size_t)o->top < shown) shown = (size_t)o->top;
        size_t marked = mark_few_residents(rows, shown);
        print_summary(r);
        print_population(r);
        cli_table_print(o, &t);
        printf("(areas with %s%s not listed; --format csv lists every area)\n",
               min_count > 1 ? "fewer points than --min-points" : split ? "no requests" : "no points",
               args->min_pop > 0 ? " or fewer residents than --min-population" : "");
        if (marked) print_few_note(marked, sl_json_int(r, "few_residents_under"));
    } else if (rc == CLI_OK) {
        cli_table_print(o, &t);
    }
    json_decref(rows);
    return rc;
}

static sl_status join_fn(sl_store *st, void *q, json_t **out, sl_error *err)
{
    sl_join_query *jq = &((join_args *)q)->q;
    sl_status s = strcmp(jq->layer, "requests") ? sl_analysis_need_points(st, jq->layer, err) : SL_OK; /* requests: the analysis says */
    if (!s) s = sl_analysis_join(st, jq, out, err);
    if (jq->progress.ctx) cli_progress_end(jq->progress.ctx); /* before the table */
    return s;
}

int cmd_join(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'},  {"help", no_argument, 0, 'h'},
        {"points", required_argument, 0, 'p'}, {"areas", required_argument, 0, 'a'},
        {"category", required_argument, 0, 'c'}, {"where", required_argument, 0, 'w'},
        {"threads", required_argument, 0, 't'}, {"min-points", required_argument, 0, 'm'},
        {"min-population", required_argument, 0, 'P'},
        CLI_OUT_OPTIONS, {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    join_args a = {{0}, 0, 0};
    cli_out o = {0};
    int c, rc;
    double v;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        if ((rc = cli_out_option(&o, "join", c, optarg)) >= 0) {
            if (rc) return rc;
            continue;
        }
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'p': a.q.layer = optarg; break;
        case 'a': a.q.set = optarg; break;
        case 'c': a.q.category = optarg; break;
        case 'w': a.q.where = optarg; break;
        case 't':
            if (!cli_parse_double(optarg, &v) || v < 1 || v > 1024 || v != floor(v))
                return cli_usage_error("join", "--threads wants a whole number from 1 to 1024, not '%s'", optarg);
            a.q.threads = (int)v;
            break;
        case 'm':
            if (!cli_parse_double(optarg, &v) || v < 0 || v > 1e15 || v != floor(v))
                return cli_usage_error("join", "--min-points wants a whole number >= 0, not '%s'", optarg);
            a.min_count = (long)v;
            break;
        case 'P':
            if (!cli_parse_double(optarg, &v) || v < 0 || v > 1e10)
                return cli_usage_error("join", "--min-population wants a number of residents >= 0, not '%s'", optarg);
            a.min_pop = v;
            break;
        case ':': return cli_usage_error("join", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_bad_option("join", c, argv[optind - 1], OPTIONS);
        }
    }
    if (!a.q.layer || !a.q.set) return cli_usage_error("join", "join needs --points LAYER and --areas SET");
    if (optind != argc) return cli_usage_error("join", "unexpected argument '%s'", argv[optind]);
    cli_progress progress; /* a million request circles take seconds to split */
    cli_progress_start(&progress, "join");
    a.q.progress = cli_progress_hook(&progress);
    o.layers = a.q.layer;
    return cli_run_out("join", store, &a, join_fn, &o, print_join);
}
