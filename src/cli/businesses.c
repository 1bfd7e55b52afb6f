/*
** businesses.c — `sightline businesses`: search the campaign's directory.
*/
#include "cli.h"
#include "sightline/analysis/campaign.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char *USAGE =
    "usage: sightline businesses [--q TEXT] [--category C] [--state ST]\n"
    "                            [--near LAT,LON | --county ID [--set NAME]]\n"
    "                            [--km R] [output options]\n"
    "\n"
    "Searches the directory of Black-owned businesses (`sightline import\n"
    "businesses FILE`). Every option given must match: --q words anywhere in\n"
    "the name, category, address or city (as prefixes: \"bak\" finds bakery),\n"
    "--category and --state whole values in any case, --near within R km\n"
    "(great circle) of a point, --county inside the area or within R km of\n"
    "its border; both nearest first. A listing without a street address is\n"
    "placed (its lat/lon, its distance) at its point rounded to a hundredth\n"
    "of a degree, about a kilometre, as the served directory publishes it.\n"
    "\n"
    "Organisers edit or remove one listing in the /admin area of `sightline\n"
    "serve`: \"Edit or remove a listing\" takes its number (the end of its\n"
    "/directory/ address); Remove asks to confirm. A removed listing's page\n"
    "then says it was removed, and its number is never given to another. A\n"
    "corrected copy of a directory file, under its name: `sightline import\n"
    "businesses FILE --replace`; each listing it still holds keeps its number.\n"
    "\n"
    "  --q TEXT            words to look for\n"
    "  --category C        one category\n"
    "  --state ST          one state (two letters)\n"
    "  --near LAT,LON      a point\n"
    "  --county ID         an area (e.g. a county FIPS code)\n"
    "  --set NAME          its area set (default: the campaign's, else counties)\n"
    "  --km R              with --near or --county: the radius in km, more than 0\n"
    "                      and at most 20,000 (default 25, as the directory's page)\n"
    CLI_OUT_HELP
    "  -s, --store P       the store (default ./sightline.db)\n";

/* A search of a store without a directory found nothing because there is
** nothing to find: "0 businesses found" with exit 0 read as the empty result
** of a real directory. The served page says "No listings yet" itself. */
static sl_status search_fn(sl_store *st, void *q, json_t **out, sl_error *err)
{
    sl_source_list l = {0};
    if (sl_store_load_sources(st, "businesses", &l, err)) return err->status;
    size_t imports = l.count;
    sl_source_list_free(&l);
    if (!imports)
        return sl_fail(err, SL_EDATA, sl_store_path(st), 0,
                       "no directory of businesses imported yet: `sightline import businesses FILE` imports one "
                       "(`sightline demo --campaign` writes the demo's)");
    return sl_analysis_businesses(st, q, out, err);
}

static const cli_col COLS[] = {{"name", "name", CLI_TEXT},       {"category", "category", CLI_TEXT},
                               {"address", "address", CLI_TEXT}, {"city", "city", CLI_TEXT},
                               {"state", "state", CLI_TEXT},     {"zip", "zip", CLI_TEXT},
                               {"phone", "phone", CLI_TEXT},     {"website", "website", CLI_TEXT},
                               {"verification", "how ownership is known", CLI_TEXT},
                               {"source", "source", CLI_TEXT},   {"distance_km", "km", CLI_NUMBER}};

static int print_search(json_t *r, const cli_out *o, void *v)
{
    const sl_business_query *q = v;
    size_t ncols = sizeof COLS / sizeof *COLS - (q->near ? 0 : 1);
    cli_table t = {NULL, COLS, ncols, json_object_get(r, "businesses"), NULL, 0, 0};
    int rc = cli_table_order("businesses", o, &t);
    if (rc) return rc;
    if (o->format == CLI_FMT_TABLE) {
        char n[CLI_COUNT_MAX];
        printf("%s found\n", cli_count(sl_json_int(r, "count"), "business", "businesses", n));
    }
    cli_table_print(o, &t);
    return CLI_OK;
}

int cmd_businesses(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'},    {"help", no_argument, 0, 'h'},
        {"q", required_argument, 0, 'q'},        {"category", required_argument, 0, 'c'},
        {"state", required_argument, 0, 't'},    {"near", required_argument, 0, 'n'},
        {"km", required_argument, 0, 'k'},       {"county", required_argument, 0, 'C'},
        {"set", required_argument, 0, 'S'},      CLI_OUT_OPTIONS, {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT, *near = NULL;
    sl_business_query q = {0};
    cli_out o = {0};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        int orc = cli_out_option(&o, "businesses", c, optarg);
        if (orc > 0) return orc;
        if (orc == 0) continue;
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'q': q.text = optarg; break;
        case 'c': q.category = optarg; break;
        case 't': q.state = optarg; break;
        case 'n': near = optarg; break;
        case 'C': q.area = optarg; break;
        case 'S': q.set = optarg; break;
        case 'k':
            if (!cli_parse_double(optarg, &q.km) || !(q.km > 0) || q.km > SL_NEAR_KM_MAX)
                return cli_usage_error("businesses", "--km wants a radius of more than 0 and at most 20,000 km, not '%s'",
                                       optarg);
            break;
        default: return cli_bad_option("businesses", c, argv[optind - 1], OPTIONS);
        }
    }
    if (optind != argc) return cli_usage_error("businesses", "unexpected argument '%s'", argv[optind]);
    if (near && q.area) return cli_usage_error("businesses", "--near and --county: one or the other");
    if (q.set && !q.area) return cli_usage_error("businesses", "--set goes with --county ID");
    if (q.area) {
        q.near = 1;
    } else if (near) {
        char a[128];
        snprintf(a, sizeof a, "%s", near);
        char *b = strchr(a, ',');
        if (b) *b++ = '\0';
        if (!b || !cli_parse_double(a, &q.lat) || !cli_parse_double(b, &q.lon) || q.lat < -90 || q.lat > 90 ||
            q.lon < -180 || q.lon > 180)
            return cli_usage_error("businesses", "--near wants LAT,LON in degrees, not '%s'", near);
        q.near = 1;
    } else if (q.km) {
        return cli_usage_error("businesses", "--km goes with --near LAT,LON or --county ID");
    }
    if (q.near && !q.km) q.km = SL_NEAR_KM_DEFAULT;
    return cli_run_out("businesses", store, &q, search_fn, &o, print_search);
}
