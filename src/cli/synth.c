/*
** synth.c — `sightline synth` and `sightline power`: simulated layers with a
** planted bias, and how many events a study needs.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/disparity.h"
#include "sightline/ingest/synthetic.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *SYNTH_USAGE =
    "usage: sightline synth --areas SET --layer requests|posts|cameras|agencies --count N\n"
    "                       [--group G --beta B] [--radius METERS] [--seed S] [--json]\n"
    "\n"
    "Generates N synthetic events (or fictional agencies, a third of them\n"
    "partnered) in the areas of SET with probability proportional to\n"
    "population x (1 + beta x share of group G), uniformly inside each area, and\n"
    "stores them as a source of their own (kind synthetic, named\n"
    "synthetic-LAYER-SET-seedS), never mixed into a real import: `sightline info`\n"
    "lists it, `sightline rm ID` removes it, the audit and serve mark the figures\n"
    "resting on it, and join, disparity, near, zone, cameras and partnerships\n"
    "print a caution under them. The same parameters twice change nothing. Use it to test an analysis\n"
    "against a known answer, or for demos.\n"
    "\n"
    "  --group G      black, hispanic, foreign_born or white_nh (default: no bias)\n"
    "  --beta B       strength of the planted bias (default 0); below 0 it plants\n"
    "                 a ratio under 1 (fewer events where the group lives), down\n"
    "                 to -1 / the group's largest share of an area, where that\n"
    "                 area's weight reaches 0\n"
    "  --radius M     requests: a radius in meters around each point\n"
    "  --seed S       random seed (default 2018)\n"
    "  -s, --store P  the store (default ./sightline.db)\n";

static const char *POWER_USAGE =
    "usage: sightline power --group G --effect R --areas SET [--alpha A] [--power P]\n"
    "                       [--seed S] [output options]\n"
    "\n"
    "Estimates by simulation how many events are needed to detect a ratio R of\n"
    "the event-weighted share of group G to its population share, at level A\n"
    "(default 0.05, two-sided) with power P (default 0.80).\n"
    "\n"
    CLI_OUT_HELP
    "  -s, --store P    the store (default ./sightline.db)\n";

/* TEXT as a number from LO to HI (a whole one when WHOLE) into *OUT, or
** the usage error "NAME wants WHAT, not 'TEXT'": WHAT says the range as a
** person writes it ("[1, 1e+08]" read as a formula to "--count 2,000"). */
static int number_option(const char *cmd, const char *name, const char *text, double lo, double hi, int whole,
                         const char *what, double *out)
{
    if (!cli_parse_double(text, out) || !(*out >= lo && *out <= hi) || (whole && *out != floor(*out)))
        return cli_usage_error(cmd, "%s wants %s, not '%s'", name, what, text);
    return CLI_OK;
}

/* Draw the layer (analysis), then store it as its own source (ingest). */
static sl_status synth_fn(sl_store *st, void *query, json_t **out, sl_error *err)
{
    sl_synth_query *q = query;
    double *xy = NULL;
    cli_progress progress; /* ten million points take about half a minute */
    cli_progress_start(&progress, "synth");
    q->progress = cli_progress_hook(&progress);
    sl_status s = sl_synth_layer(st, q, &xy, out, err);
    cli_progress_end(&progress);
    q->progress = (sl_progress){0};
    if (s) return s;
    sl_synthetic_recipe r = {.layer = q->layer, .set = q->set, .group = q->group, .count = q->count,
                             .beta = q->beta, .radius_m = q->radius_m, .seed = (uint64_t)sl_json_int(*out, "seed")};
    sl_import_result res;
    s = sl_ingest_synthetic(st, &r, xy, &res, err);
    free(xy);
    if (!s && (json_object_set_new(*out, "source_id", json_integer((json_int_t)res.source_id)) ||
               json_object_set_new(*out, "already", json_boolean(res.already))))
        s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (s) {
        json_decref(*out);
        *out = NULL;
    }
    return s;
}

static int synth_print(json_t *r, const cli_out *o, void *query)
{
    (void)o;
    (void)query;
    if (json_is_true(json_object_get(r, "already"))) {
        printf("these %lld synthetic %s in set %s (seed %lld) were generated before (source #%lld, same "
               "parameters): nothing changed\n",
               sl_json_int(r, "count"), sl_json_str(r, "layer"), sl_json_str(r, "set"), sl_json_int(r, "seed"),
               sl_json_int(r, "source_id"));
        return CLI_OK;
    }
    char count[32];
    printf("added %s synthetic %s in set %s (seed %lld) as source #%lld (`sightline rm %lld` removes them)",
           sl_thousands(sl_json_int(r, "count"), count), sl_json_str(r, "layer"), sl_json_str(r, "set"), sl_json_int(r, "seed"), sl_json_int(r, "source_id"),
           sl_json_int(r, "source_id"));
    if (json_is_number(json_object_get(r, "expected_share")))
        printf("; planted: %s share expected %.2f%% vs population %.2f%%", sl_json_str(r, "group"),
               100 * sl_json_num(r, "expected_share"), 100 * sl_json_num(r, "population_share"));
    putchar('\n');
    return CLI_OK;
}

int cmd_synth(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
        {"areas", required_argument, 0, 'a'}, {"layer", required_argument, 0, 'l'},
        {"count", required_argument, 0, 'n'}, {"group", required_argument, 0, 'g'},
        {"beta", required_argument, 0, 'b'},  {"radius", required_argument, 0, 'r'},
        {"seed", required_argument, 0, 'S'},  {"json", no_argument, 0, 'j'}, {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    sl_synth_query q = {0};
    cli_out o = {.store_mode = CLI_STORE_WRITE}; /* synth adds to the store: it may create it */
    int c, rc = CLI_OK;
    double v;
    optind = 1;
    opterr = 0;
    while (rc == CLI_OK && (c = getopt_long(argc, argv, ":s:h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(SYNTH_USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'a': q.set = optarg; break;
        case 'l': q.layer = optarg; break;
        case 'g': q.group = optarg; break;
        case 'j': o.format = CLI_FMT_JSON; break;
        case 'n': if (!(rc = number_option("synth", "--count", optarg, 1, 1e8, 1, "a whole number of events from 1 to 100,000,000 (digits only)", &v))) q.count = (size_t)v; break;
        case 'b': rc = number_option("synth", "--beta", optarg, -1e6, 1e6, 0, "a number from -1,000,000 to 1,000,000", &q.beta); break;
        case 'r': rc = number_option("synth", "--radius", optarg, 0, 1e6, 0, "metres from 0 to 1,000,000 (a number alone)", &q.radius_m); break;
        case 'S': if (!(rc = number_option("synth", "--seed", optarg, 1, 4e9, 1, "a whole number from 1 to 4,000,000,000", &v))) q.seed = (unsigned long)v; break;
        default: return cli_bad_option("synth", c, argv[optind - 1], OPTIONS);
        }
    }
    if (rc) return rc;
    if (!q.set || !q.layer || !q.count) return cli_usage_error("synth", "synth needs --areas, --layer and --count");
    if (optind != argc) return cli_usage_error("synth", "unexpected argument '%s'", argv[optind]);
    return cli_run_out("synth", store, &q, synth_fn, &o, synth_print);
}

typedef struct power_query {
    const char *set, *group;
    double ratio, alpha, power, seed;
} power_query;

/* A search takes 5-20 s on counties: on a terminal, one line that says it
** moves (the CLI's one progress line, progress.c). */
static void power_progress(void *ctx, size_t evaluations, size_t events)
{
    char n[32];
    cli_progress_line(ctx, "%zu event counts simulated, now %s events...", evaluations,
                      sl_thousands((long long)events, n));
}

static sl_status power_fn(sl_store *st, void *v, json_t **out, sl_error *err)
{
    power_query *q = v;
    cli_progress progress;
    cli_progress_start(&progress, "power");
    sl_status s = sl_analysis_power(st, q->set, q->group, q->ratio, q->alpha, q->power, (unsigned long)q->seed,
                                    progress.tty ? power_progress : NULL, &progress, out, err);
    cli_progress_end(&progress);
    return s;
}

static const cli_col POWER_COLS[] = {
    {"set", "set", CLI_TEXT},          {"group", "group", CLI_TEXT},    {"ratio", "ratio", CLI_NUMBER},
    {"alpha", "alpha", CLI_NUMBER},    {"power", "power", CLI_NUMBER},  {"events", "events", CLI_COUNT},
    {"achieved_power", "simulated power", CLI_NUMBER}, {"analytic_events", "normal approximation", CLI_NUMBER}};

/* An event count of the closed form for people: "1,113"; none reaches it
** when the planted share equals the population's ("n/a"). */
static const char *power_count(json_t *v, char buf[40])
{
    if (!json_is_number(v)) return memcpy(buf, "n/a", 4);
    return sl_thousands((long long)json_number_value(v), buf);
}

static int power_print(json_t *r, const cli_out *o, void *q)
{
    (void)q;
    if (o->format == CLI_FMT_CSV) return cli_print_record(o, r, POWER_COLS, sizeof POWER_COLS / sizeof *POWER_COLS);
    char events[32], normal[40], bonf[40];
    /* the ratio and power as asked: 1.104 is not "1.1" */
    /* "Black residents", as the report names the group, not the option's "black" or "foreign_born" */
    printf("to detect a ratio of %g for %s residents in set %s at alpha %.3g (two-sided) with power %g: about %s events%s\n",
           sl_json_num(r, "ratio"), sl_group_label(sl_json_str(r, "group")), sl_json_str(r, "set"), sl_json_num(r, "alpha"), sl_json_num(r, "power"),
           sl_thousands(sl_json_int(r, "events"), events), json_is_true(json_object_get(r, "reached")) ? "" : " (target not reached)");
    printf("(simulated power there %.3f; normal approximation says %s)\n", sl_json_num(r, "achieved_power"),
           power_count(json_object_get(r, "analytic_events"), normal));
    if (json_object_get(r, "bonferroni_alpha")) { /* the figure for a test of every group, beside it */
        long long k = sl_json_int(r, "groups_in_set");
        char all[40] = "both groups";
        if (k != 2) snprintf(all, sizeof all, "all %lld groups", k);
        printf("testing %s of the set at once (Bonferroni, alpha %.3g each): about %s events by the normal "
               "approximation\n", all, sl_json_num(r, "bonferroni_alpha"),
               power_count(json_object_get(r, "bonferroni_analytic_events"), bonf));
    }
    cli_wrap(stdout, "", sl_json_str(r, "assumptions"));
    return CLI_OK;
}

int cmd_power(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
        {"areas", required_argument, 0, 'a'}, {"group", required_argument, 0, 'g'},
        {"effect", required_argument, 0, 'e'}, {"alpha", required_argument, 0, 'A'},
        {"power", required_argument, 0, 'p'}, {"seed", required_argument, 0, 'S'},
        CLI_OUT_OPTIONS,                      {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    power_query q = {0};
    cli_out o = {0};
    int c, rc = CLI_OK;
    optind = 1;
    opterr = 0;
    while (rc == CLI_OK && (c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        int orc = cli_out_option(&o, "power", c, optarg);
        if (orc > 0) return orc;
        if (orc == 0) continue;
        switch (c) {
        case 'h': fputs(POWER_USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'a': q.set = optarg; break;
        case 'g': q.group = optarg; break;
        case 'e': rc = number_option("power", "--effect", optarg, 1e-6, 1e6, 0, "a ratio of shares above 0 (1.2 for 20% more, 0.8 for 20% less)", &q.ratio); break;
        case 'A': rc = number_option("power", "--alpha", optarg, 1e-6, 0.5, 0, "a level from 0.000001 to 0.5 (0.05 for 5%)", &q.alpha); break;
        case 'p': rc = number_option("power", "--power", optarg, 0.05, 0.999, 0, "a power from 0.05 to 0.999 (0.8 for 80%)", &q.power); break;
        case 'S': rc = number_option("power", "--seed", optarg, 1, 4e9, 1, "a whole number from 1 to 4,000,000,000", &q.seed); break;
        default: return cli_bad_option("power", c, argv[optind - 1], OPTIONS);
        }
    }
    if (rc) return rc;
    if (!q.set || !q.group || !q.ratio) return cli_usage_error("power", "power needs --group, --effect and --areas");
    if (optind != argc) return cli_usage_error("power", "unexpected argument '%s'", argv[optind]);
    return cli_run_out("power", store, &q, power_fn, &o, power_print);
}
