/*
** near.c — `sightline near`: cameras near sensitive sites, or along the road
** between two of them.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char *USAGE =
    "usage: sightline near [--sites CATEGORY] --radius METERS [--json]\n"
    "       sightline near --corridor SITE_A,SITE_B --width METERS [--json]\n"
    "\n"
    "For each sensitive site, the cameras within METERS (great-circle distance)\n"
    "and the distance to the nearest camera, with totals per category. Cameras\n"
    "are the cameras layer when imported, else the unique locations of posts.\n"
    "Counts and distances are exact, for your own analysis: `sightline audit`\n"
    "publishes distances in 50 m bins.\n"
    "\n"
    "  --sites CATEGORY   one category of sites (default: every category)\n"
    "  --radius METERS    the radius around each site\n"
    "  --corridor A,B     count cameras along the segment between sites A and B\n"
    "                     (site ids), within a corridor --width METERS wide\n"
    "  --json             one JSON object\n"
    "  -s, --store P      the store (default ./sightline.db)\n";

static void print_near(json_t *r)
{
    size_t i;
    json_t *row;
    printf("cameras within %.0f m of sensitive sites (cameras from: %s, %lld)\n", cli_num(r, "radius_m"),
           cli_str(r, "cameras_from"), cli_int(r, "cameras"));
    printf("%-16s %7s %16s %15s %18s\n", "category", "sites", "with a camera", "cameras within", "median nearest m");
    json_array_foreach(json_object_get(r, "categories"), i, row)
        printf("%-16.16s %7lld %16lld %15lld %18.1f\n", cli_str(row, "category"), cli_int(row, "sites"),
               cli_int(row, "sites_with_camera"), cli_int(row, "cameras_within"), cli_num(row, "median_nearest_m"));
}

typedef struct near_query {
    const char *category;
    double radius;
    const char *site_a, *site_b; /* corridor when site_b is set */
    double width;
} near_query;

static sl_status near_fn(sl_store *st, void *v, json_t **out, sl_error *err)
{
    near_query *q = v;
    if (q->site_b) return sl_analysis_corridor(st, q->site_a, q->site_b, q->width, out, err);
    return sl_analysis_near(st, q->category, q->radius, out, err);
}

static void print_corridor(json_t *r)
{
    printf("%lld cameras along the %.0f m from %s to %s, in a corridor %.0f m wide (cameras from: %s)\n",
           cli_int(r, "cameras"), cli_num(r, "length_m"), cli_str(r, "from"), cli_str(r, "to"),
           cli_num(r, "width_m"), cli_str(r, "cameras_from"));
}

int cmd_near(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'},    {"help", no_argument, 0, 'h'},
        {"sites", required_argument, 0, 'c'},    {"radius", required_argument, 0, 'r'},
        {"corridor", required_argument, 0, 'k'}, {"width", required_argument, 0, 'w'},
        {"json", no_argument, 0, 'j'},           {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT, *category = NULL, *corridor = NULL;
    double radius = 0, width = 0;
    int json = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'c': category = optarg; break;
        case 'k': corridor = optarg; break;
        case 'r':
            if (!cli_parse_double(optarg, &radius) || radius <= 0)
                return cli_usage_error("near", "--radius wants positive meters, not '%s'", optarg);
            break;
        case 'w':
            if (!cli_parse_double(optarg, &width) || width <= 0)
                return cli_usage_error("near", "--width wants positive meters, not '%s'", optarg);
            break;
        case 'j': json = 1; break;
        default: return cli_usage_error("near", "bad option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc) return cli_usage_error("near", "unexpected argument '%s'", argv[optind]);
    char a[256] = "", *b = NULL;
    if (corridor) {
        snprintf(a, sizeof a, "%s", corridor);
        b = strchr(a, ',');
        if (!b || !width) return cli_usage_error("near", "--corridor wants SITE_A,SITE_B and --width METERS");
        *b++ = '\0';
    } else if (!radius) {
        return cli_usage_error("near", "near needs --radius METERS (or --corridor A,B --width M)");
    }
    near_query q = {category, radius, a, b, width};
    return cli_run(store, &q, near_fn, json, corridor ? print_corridor : print_near);
}
