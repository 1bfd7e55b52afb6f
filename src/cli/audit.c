/*
** audit.c — `sightline audit -o DIR`: every analysis the store allows, as an
** offline report (report.html), summary.json, GIS files (data/) and README.md.
** The pipeline itself is sl_audit_run (src/report/audit.c); this file reads
** flags, draws the progress bar and prints the headlines.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/privacy.h"
#include "sightline/report/report.h"
#include "sightline/io/polyset_io.h"

#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILTERS 16
#define MAX_ZONES 16

static const char *USAGE =
    "usage: sightline audit -o DIR [options]\n"
    "\n"
    "Runs every analysis whose inputs are in the store (partnerships and their\n"
    "snapshot diff, joins, density, unique cameras, sensitive sites, zones,\n"
    "disparity, text filters) and writes DIR/report.html (one offline page),\n"
    "DIR/summary.json (every figure), DIR/data/ (CSV, GeoJSON, report.gpkg) and\n"
    "DIR/README.md (what each file and column holds, for whoever reuses them).\n"
    "DIR is replaced only once the new report is complete.\n"
    "\n"
    "While it runs, the audit writes beside DIR in two hidden entries,\n"
    ".DIR.tmp-XXXXXX/ (the report being written) and .DIR.lock (one audit per\n"
    "DIR). Ctrl-C or SIGTERM stops it before its next step and removes both\n"
    "(exit 130 or 143; a report in DIR is left as it was). After kill -9 or a\n"
    "crash they stay: the next audit into DIR removes them, and when no audit\n"
    "is running they are safe to delete.\n"
    "\n"
    "Privacy: camera and post locations appear only as hexagon counts; cells,\n"
    "areas, zones and sites holding fewer than K distinct camera locations\n"
    "show \"< K\" (a site: \"withheld\") instead of a count, and so do a text\n"
    "filter's counts where its matching posts or the area's posts lie at fewer\n"
    "than K; a site whose circle overlaps another site's gives no count; a\n"
    "category of sites gives its totals only when every site's count is shown,\n"
    "its median distance to the nearest camera (in 50 m bins) only for K sites\n"
    "or more, and no site its own nearest camera; hexagons under 100 m, K under\n"
    "3 and zones that overlap are refused; posts' texts are counted by the\n"
    "filters, never printed. --exact lifts all of this and marks the report\n"
    "not for publication.\n"
    "\n"
    "  -o, --output DIR       the report directory (required)\n"
    "  --k N                  privacy threshold: distinct camera locations (default 5;\n"
    "                         under 3 only with --exact: k 1 withholds nothing)\n"
    "  --exact                also publish exact camera locations, counts and\n"
    "                         distances, and the first 25 texts each filter\n"
    "                         matches (warning banner: not for publication)\n"
    "  --hex METERS           hexagon edge (= circumradius; default 500, at least 100)\n"
    "  --map-cells N          most hexagons the map draws: past N the edge doubles\n"
    "                         until they fit (default 15000)\n"
    "  --tech TEXT            partnerships of this technology only (whole words)\n"
    "  --since YYYY-MM-DD     headline date (default: a year before the newest snapshot)\n"
    "  --state XX,..          a report of these states only (postal codes, any case):\n"
    "                         partnerships, agencies and shares as `partnerships\n"
    "                         --state` counts them, the areas of US FIPS ids in them\n"
    "                         (a set of other ids is left out, and said), the sites\n"
    "                         inside those areas; the title, lead, headlines and\n"
    "                         summary.json (\"scope\") say so. Posts, cameras and\n"
    "                         police requests are kept to those areas too (a\n"
    "                         request when at least half of it lies in them, as\n"
    "                         the disparity splits it), every figure on them is of\n"
    "                         the states, and scope says how many it kept and left\n"
    "                         out. Refused (exit 2) for a store of them with no such\n"
    "                         area set, and (exit 1) when the states hold no\n"
    "                         partnership row and no area\n"
    "  --filter NAME=REGEX    another text filter on posts (repeatable; the\n"
    "                         children/teens filter always runs)\n"
    "  --zone NAME=bbox:W,S,E,N | NAME=circle:LAT,LON,METERS | NAME=polygon:FILE\n"
    "                         a zone to count posts and cameras in (repeatable;\n"
    "                         zones may not overlap without --exact: the difference\n"
    "                         of two counts counts the cameras where they differ)\n"
    "  --seed N               random seed of the disparity intervals (default 2018)\n"
    "  --bootstrap N          bootstrap resamples and placebo draws (default 2000;\n"
    "                         at least 200; under 1,000 the report says so)\n"
    "  --by-place             the disparity draws resample and place the events'\n"
    "                         places, each with all its events (disparity --by-place)\n"
    "  --threads N            threads for the joins (default: every core)\n"
    "  --quiet                no progress bar and no headlines; print the path only\n"
    "  -s, --store P          the store (default ./sightline.db)\n";

typedef struct audit_args {
    const char *store;
    int quiet;
    sl_audit_options o;
    sl_text_filter filters[MAX_FILTERS];
    sl_audit_named_zone zones[MAX_ZONES];
    char specs[MAX_FILTERS + MAX_ZONES][512];
    struct sl_polyset *polygons[MAX_ZONES]; /* of polygon zones, read through io */
    char sha256[MAX_ZONES][65];
} audit_args;

/* Split "NAME=VALUE" (copied into BUF); 0 when malformed. */
static int split_named(const char *arg, char *buf, size_t size, const char **name, const char **value)
{
    snprintf(buf, size, "%s", arg);
    char *eq = strchr(buf, '=');
    if (!eq || eq == buf || !eq[1]) return 0;
    *eq = '\0';
    *name = buf;
    *value = eq + 1;
    return 1;
}

/* Anything after the last number is refused, as `zone --circle` refuses it:
** "circle:41.88,-87.63,1km" was read as a circle of 1 m, and published. */
static int parse_zone(const char *spec, sl_zone *z)
{
    char tail;
    memset(z, 0, sizeof *z);
    if (strncmp(spec, "bbox:", 5) == 0) {
        z->kind = SL_ZONE_BBOX;
        return sscanf(spec + 5, "%lf,%lf,%lf,%lf%c", &z->w, &z->s, &z->e, &z->n, &tail) == 4;
    }
    if (strncmp(spec, "circle:", 7) == 0) {
        z->kind = SL_ZONE_CIRCLE;
        return sscanf(spec + 7, "%lf,%lf,%lf%c", &z->lat, &z->lon, &z->radius_m, &tail) == 3 && z->radius_m > 0;
    }
    if (strncmp(spec, "polygon:", 8) == 0 && spec[8]) {
        z->kind = SL_ZONE_POLYGON;
        z->polygon_file = spec + 8;
        return 1;
    }
    return 0;
}

static int add_filter(audit_args *a, const char *arg)
{
    size_t i = a->o.nfilters;
    if (i >= MAX_FILTERS) return cli_usage_error("audit", "at most %d --filter options", MAX_FILTERS);
    if (!split_named(arg, a->specs[i], sizeof a->specs[i], &a->filters[i].name, &a->filters[i].pattern))
        return cli_usage_error("audit", "--filter wants NAME=REGEX, not '%s'", arg);
    a->o.nfilters++;
    return 0;
}

static int add_zone(audit_args *a, const char *arg)
{
    size_t i = a->o.nzones;
    const char *spec;
    if (i >= MAX_ZONES) return cli_usage_error("audit", "at most %d --zone options", MAX_ZONES);
    char *buf = a->specs[MAX_FILTERS + i];
    if (!split_named(arg, buf, sizeof a->specs[0], &a->zones[i].name, &spec) || !parse_zone(spec, &a->zones[i].zone))
        return cli_usage_error("audit", "--zone wants NAME=bbox:W,S,E,N, NAME=circle:LAT,LON,METERS or "
                               "NAME=polygon:FILE (numbers alone, no unit), not '%s'", arg);
    char option[96];
    snprintf(option, sizeof option, "--zone %s", a->zones[i].name);
    int bad = cli_check_zone("audit", option, &a->zones[i].zone);
    if (!bad) bad = cli_read_zone_polygon(&a->zones[i].zone, NULL, &a->polygons[i], a->sha256[i]);
    if (bad) return bad;
    a->o.nzones++;
    return 0;
}

/* A number above 0 and at most 1e9 (WHOLE: a whole number 1..1e9); the
** message states the range, so "2000000000" is not called "not positive". */
static int positive(const char *opt, const char *arg, int whole, double *out)
{
    if (!cli_parse_double(arg, out) || !(*out > 0) || *out > 1e9 || (whole && *out != (double)(long)*out))
        return cli_usage_error("audit", whole ? "%s wants a whole number from 1 to 1000000000, not '%s'"
                                              : "%s wants a number above 0 and at most 1000000000, not '%s'",
                               opt, arg);
    return 0;
}

/* The fewest bootstrap resamples (and placebo draws) a report is drawn with. */
enum { AUDIT_MIN_DRAWS = 200 };

static int parse_args(audit_args *a, int argc, char **argv)
{
    enum { O_K = 256, O_EXACT, O_HEX, O_TECH, O_SINCE, O_FILTER, O_ZONE, O_SEED, O_BOOT, O_THREADS, O_QUIET, O_MAP_CELLS, O_BY_PLACE, O_STATE };
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'}, {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'},
        {"k", required_argument, 0, O_K},     {"exact", no_argument, 0, O_EXACT},  {"hex", required_argument, 0, O_HEX},
        {"tech", required_argument, 0, O_TECH}, {"since", required_argument, 0, O_SINCE},
        {"filter", required_argument, 0, O_FILTER}, {"zone", required_argument, 0, O_ZONE},
        {"seed", required_argument, 0, O_SEED}, {"bootstrap", required_argument, 0, O_BOOT},
        {"threads", required_argument, 0, O_THREADS}, {"quiet", no_argument, 0, O_QUIET},
        {"map-cells", required_argument, 0, O_MAP_CELLS}, {"by-place", no_argument, 0, O_BY_PLACE},
        {"state", required_argument, 0, O_STATE}, {0, 0, 0, 0}};
    int c, bad = 0;
    double v;
    optind = 1;
    opterr = 0;
    while (!bad && (c = getopt_long(argc, argv, ":s:o:h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 's': a->store = optarg; break;
        case 'o': a->o.out_dir = optarg; break;
        case O_K: if (!(bad = positive("--k", optarg, 1, &v))) a->o.k = (unsigned)v; break;
        case O_EXACT: a->o.exact = 1; break;
        case O_HEX: bad = positive("--hex", optarg, 0, &a->o.hex_m); break;
        case O_TECH: a->o.tech = optarg; break;
        case O_SINCE: a->o.since = optarg; break;
        case O_STATE: a->o.states = optarg; break;
        case O_FILTER: bad = add_filter(a, optarg); break;
        case O_ZONE: bad = add_zone(a, optarg); break;
        case O_SEED: if (!(bad = positive("--seed", optarg, 1, &v))) a->o.seed = (unsigned long)v; break;
        case O_BOOT:
            if (!(bad = positive("--bootstrap", optarg, 1, &v))) a->o.bootstrap = (unsigned)v;
            /* a report is published: under a few hundred draws its intervals
            ** and p move with the seed (disparity itself takes any number) */
            if (!bad && v < AUDIT_MIN_DRAWS)
                bad = cli_usage_error("audit", "--bootstrap wants at least %d resamples (a published report; "
                                      "the default is 2000), not '%s'", AUDIT_MIN_DRAWS, optarg);
            break;
        case O_THREADS: if (!(bad = positive("--threads", optarg, 1, &v))) a->o.threads = (int)v; break;
        case O_QUIET: a->quiet = 1; break;
        case O_BY_PLACE: a->o.by_place = 1; break;
        case O_MAP_CELLS: if (!(bad = positive("--map-cells", optarg, 1, &v))) a->o.map_cells = (size_t)v; break;
        default: return cli_bad_option("audit", c, argv[optind - 1], OPTIONS);
        }
    }
    if (bad) return bad;
    if (!a->o.out_dir) return cli_usage_error("audit", "audit needs -o DIR");
    /* elsewhere "-" is standard output; a report is a directory of files */
    if (!strcmp(a->o.out_dir, "-"))
        return cli_usage_error("audit", "-o wants a directory (the report is several files), not '-' (standard output)");
    sl_error err;
    if (a->o.hex_m && sl_privacy_check_hex("--hex", a->o.hex_m, a->o.exact, &err))
        return cli_usage_error("audit", "%s", err.msg);
    if (a->o.k && sl_privacy_check_k("--k", a->o.k, a->o.exact, &err)) return cli_usage_error("audit", "%s", err.msg);
    if (optind != argc) return cli_usage_error("audit", "unexpected argument '%s'", argv[optind]);
    /* "--state California" is told its code before the store is opened, as `partnerships` tells it */
    if (a->o.states && sl_tracker_check_states("--state", a->o.states, NULL, 0, &err))
        return cli_usage_error("audit", "%s", err.msg);
    a->o.filters = a->filters;
    a->o.zones = a->zones;
    return 0;
}

static int run(audit_args *a);

int cmd_audit(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) { fputs(USAGE, stdout); return CLI_OK; }
    audit_args a = {.store = SL_STORE_DEFAULT};
    int rc = parse_args(&a, argc, argv);
    if (!rc) rc = run(&a);
    for (size_t i = 0; i < MAX_ZONES; i++) sl_polyset_free(a.polygons[i]);
    return rc;
}

/* The audit is one batch that allocates and frees arrays of every point
** (80 MB each at ten million) step after step. By default the C library
** maps each afresh and hands it back on free, so every step pays the
** kernel's page faults again: ~3 s of system time at 10M. Kept in the heap
** for reuse instead: the 10M audit 13.5 -> 12.6 s wall, 1.48 -> 1.64 GB peak
** (run of 2026-12-02). A batch's choice, made here: `serve` keeps the
** library's default, so what its caches evict goes back to the system. */
static void keep_freed_memory(void)
{
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, INT_MAX);
}

/* A zone that holds nothing but would with its coordinates in the other
** order is named before the report is written: published, its "< k"
** would read as the place's count. The figure itself is not printed. */
static sl_status note_swapped_zones(sl_store *st, const audit_args *a, sl_error *err)
{
    for (size_t i = 0; i < a->o.nzones; i++) {
        const sl_zone *z = &a->o.zones[i].zone;
        long long holds;
        sl_status s = sl_analysis_zone_swapped(st, z, 0, NULL, &holds, err);
        if (s) return s;
        if (holds)
            fprintf(stderr, "sightline: audit: note: zone '%s' holds no post or camera, but would with %s: %s\n",
                    a->o.zones[i].name, z->kind == SL_ZONE_CIRCLE ? "latitude and longitude swapped" : "the box read as S,W,N,E",
                    z->kind == SL_ZONE_CIRCLE ? "circle: takes LAT,LON,METERS (as maps and GPS give them)"
                                              : "bbox: takes W,S,E,N (west, south, east, north, as in GeoJSON)");
    }
    return SL_OK;
}

/* Imports whose preset gives a credit that an older sightline did not
** record: the report's Sources name no publisher for them, and the Atlas's
** licence (CC BY) asks for its credit. Said, with the command that
** records it; a store that cannot list its imports leaves the audit be. */
static void note_missing_credits(sl_store *st)
{
    sl_source_list l;
    sl_error err;
    sl_error_clear(&err);
    if (sl_store_load_sources(st, NULL, &l, &err)) return;
    for (size_t i = 0; i < l.count; i++) {
        char lead[96];
        snprintf(lead, sizeof lead, "sightline: audit: note: import %ld: ", l.items[i].id);
        cli_credit_hint(stderr, lead, ", so the report's Sources name no publisher for it", &l.items[i]);
    }
    sl_source_list_free(&l);
}

/* A store of no import has nothing to audit: said, exit 1, as `partnerships`
** says "no partnerships imported yet", where it wrote a report of one
** sentence ("The store holds nothing to measure yet.") with exit 0. */
static sl_status have_imports(sl_store *st, sl_error *err)
{
    sl_source_list l;
    if (sl_store_load_sources(st, NULL, &l, err)) return err->status;
    size_t n = l.count;
    sl_source_list_free(&l);
    if (!n)
        return sl_fail(err, SL_EDATA, NULL, 0, "the store holds no import yet, so there is nothing to audit and no "
                       "report was written: import data first (sightline import --help), or try `sightline demo`");
    return SL_OK;
}

/* The signal that stopped the audit (SIGINT, SIGTERM), or 0: the one state
** a signal handler needs. The audit reads it between steps (o.stop) and
** fails as any failure does, removing its temporary directory and lock. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig) { interrupted = sig; }

/* With the bar on a terminal the signal is answered at once: a step of ten
** million posts runs for seconds before the audit can stop (run of
** 2026-12-06: 5.7 s after Ctrl-C with the bar frozen), so the person
** knows the key was heard and what will be kept. write() is safe here. */
static void on_signal_told(int sig)
{
    static const char SAY[] = "\r\033[Kaudit: stopping at the end of the step under way; nothing will be written";
    interrupted = sig;
    ssize_t w = write(STDERR_FILENO, SAY, sizeof SAY - 1);
    (void)w;
}

/* The bar: [####   ] 5/20 STEP, drawn at each step, and redrawn by a
** thread with the seconds the step has taken once it passes two: at ten
** million posts "areas and joins" and "cameras and density" take 6 to 10 s
** each, and a bar that does not move reads as a hang. */
typedef struct audit_bar {
    cli_ticker ticker;
    pthread_mutex_t lock; /* the bar's state, drawn by the steps' thread and the ticker's */
    unsigned done, total;
    const char *step;
    double since;
} audit_bar;

static double bar_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Under B's lock. Nothing once a signal came: its answer stays on the line. */
static void bar_draw(const audit_bar *b)
{
    if (interrupted) return;
    int width = 30, filled = b->total ? (int)(width * b->done / b->total) : width;
    double took = bar_now() - b->since;
    fprintf(stderr, "\r\033[K[%.*s%*s] %2u/%u %s", filled, "##############################", width - filled, "",
            b->done, b->total, b->step);
    if (took >= 2 && b->done < b->total) fprintf(stderr, " ... %.0f s", took);
    if (b->done == b->total) fputc('\n', stderr);
    fflush(stderr);
}

static void progress_bar(void *ctx, unsigned done, unsigned total, const char *step)
{
    audit_bar *b = ctx;
    pthread_mutex_lock(&b->lock);
    b->done = done;
    b->total = total;
    b->step = step;
    b->since = bar_now();
    bar_draw(b);
    pthread_mutex_unlock(&b->lock);
}

/* The ticker's redraw, each second: a step past two seconds shows them. */
static void bar_tick(void *arg)
{
    audit_bar *b = arg;
    pthread_mutex_lock(&b->lock);
    if (b->step && b->done < b->total && bar_now() - b->since >= 2) bar_draw(b);
    pthread_mutex_unlock(&b->lock);
}

static void bar_start(audit_bar *b)
{
    memset(b, 0, sizeof *b);
    pthread_mutex_init(&b->lock, NULL);
    cli_ticker_start(&b->ticker, bar_tick, b); /* none: the bar moves at each step only */
}

static void bar_end(audit_bar *b)
{
    cli_ticker_stop(&b->ticker);
    pthread_mutex_destroy(&b->lock);
}

static int run(audit_args *a)
{
    int rc;
    keep_freed_memory();
    audit_bar bar;
    if (!a->quiet && isatty(STDERR_FILENO)) {
        a->o.progress = progress_bar;
        a->o.progress_ctx = &bar;
    }
    sl_store *st = cli_open_store(a->store, CLI_STORE_READ, &rc);
    if (!st) return rc;
    if (a->o.progress) bar_start(&bar);
    sl_error err;
    sl_error_clear(&err);
    json_t *summary = NULL;
    struct sigaction old[2];
    /* a second signal kills at once, for a step that will not end */
    cli_signals_catch(a->o.progress ? on_signal_told : on_signal, old);
    a->o.stop = &interrupted;
    sl_status s = have_imports(st, &err);
    if (!s) s = note_swapped_zones(st, a, &err);
    if (!s) s = sl_audit_run(st, &a->o, &summary, &err);
    cli_signals_restore(old);
    if (a->o.progress) bar_end(&bar);
    if (!s) note_missing_credits(st);
    sl_store_close(st);
    if (s) {
        if (a->o.progress) fputc('\n', stderr);
        rc = cli_report(&err);
        return interrupted ? 128 + interrupted : rc; /* as the signal's default would */
    }
    printf("report: %s/report.html\n", a->o.out_dir);
    size_t i;
    json_t *h;
    if (!a->quiet)
        json_array_foreach(json_object_get(summary, "headlines"), i, h) {
            fputs("  - ", stdout);
            sl_term_write(stdout, sl_json_str(h, "text"));
            putchar('\n');
        }
    /* invented rows counted with real ones in one layer: said here too,
    ** as every command measuring that layer says it */
    cli_synth_caution(json_object_get(summary, "synthetic_mixed"));
    json_decref(summary);
    return CLI_OK;
}
