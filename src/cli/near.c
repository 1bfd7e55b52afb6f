/*
** near.c — `sightline near`: cameras near sensitive sites, or along the road
** between two of them.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/params.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: sightline near [--sites CATEGORY] --radius METERS [output options]\n"
    "       sightline near --corridor SITE_A,SITE_B --width METERS [output options]\n"
    "\n"
    "For each sensitive site, the cameras within METERS (great-circle distance)\n"
    "and the distance to the nearest camera, with totals per category: the\n"
    "distinct cameras within METERS of any of its sites, and the site-camera\n"
    "pairs (a camera near three sites counts three times there; --json gives\n"
    "every site's row). Cameras are the cameras layer when imported, else the\n"
    "unique locations of posts.\n"
    "Counts and distances are exact, for your own analysis: `sightline audit`\n"
    "publishes distances in 50 m bins.\n"
    "\n"
    "  --sites CATEGORY   one category of sites (default: every category)\n"
    "  --areas SET        only the sites inside an area of SET (say a city's\n"
    "                     tracts beside a national list of sites); how many\n"
    "                     were left out is said\n"
    "  --radius METERS    the radius around each site\n"
    "  --corridor A,B     count cameras along the segment between sites A and B\n"
    "                     (site ids), within a corridor --width METERS wide\n"
    "  --merge-radius M   cameras made from posts: posts chained within M meters\n"
    "                     are one camera, as `sightline cameras --merge-radius M`\n"
    "                     counts them (default 0: unique locations)\n"
    CLI_OUT_HELP
    "  (CSV rows end with what they count: radius_m, cameras, cameras_from,\n"
    "  and area_set under --areas)\n"
    "  -s, --store P      the store (default ./sightline.db)\n";

static const cli_col NEAR_COLS[] = {{"category", "category", CLI_TEXT},
                                    {"sites", "sites", CLI_COUNT},
                                    {"sites_with_camera", "with a camera", CLI_COUNT},
                                    {"cameras_within", "cameras within", CLI_COUNT},
                                    {"site_camera_pairs", "site-camera pairs", CLI_COUNT},
                                    {"median_nearest_m", "median nearest", CLI_METRES}};

/* Where the cameras came from, with the radius their posts were chained
** within when there was one: "posts (chained within 20 m)". */
static const char *cameras_from(json_t *r, char *buf, size_t size)
{
    char d[40];
    double m = sl_json_num(r, "merge_radius_m");
    if (!(m > 0)) return sl_json_str(r, "cameras_from");
    snprintf(buf, size, "posts (chained within %s)", cli_distance(m, d));
    return buf;
}

/* CSV: what each row counts, as constant columns after NEAR_COLS (as a
** partnerships CSV ends with its filters): the file said "cameras_within
** 57" without the radius, the cameras or the area set it was of. */
static size_t with_near_context(json_t *r, cli_col *cols)
{
    enum { N = sizeof NEAR_COLS / sizeof *NEAR_COLS };
    char from[80];
    size_t n = N, i;
    json_t *row, *areas = json_object_get(r, "areas");
    memcpy(cols, NEAR_COLS, sizeof NEAR_COLS);
    cols[n++] = (cli_col){"radius_m", "radius_m", CLI_NUMBER};
    cols[n++] = (cli_col){"cameras", "cameras", CLI_COUNT};
    cols[n++] = (cli_col){"cameras_from", "cameras_from", CLI_TEXT};
    if (json_array_size(areas)) cols[n++] = (cli_col){"area_set", "area_set", CLI_TEXT};
    const char *f = cameras_from(r, from, sizeof from);
    json_array_foreach(json_object_get(r, "categories"), i, row) {
        json_object_set(row, "radius_m", json_object_get(r, "radius_m"));
        json_object_set(row, "cameras", json_object_get(r, "cameras"));
        json_object_set_new(row, "cameras_from", json_string(f));
        if (json_array_size(areas)) json_object_set(row, "area_set", json_array_get(areas, 0));
    }
    return n;
}

static int print_near(json_t *r, const cli_out *o)
{
    cli_col cols[sizeof NEAR_COLS / sizeof *NEAR_COLS + 4];
    cli_table t = {NULL, NEAR_COLS, sizeof NEAR_COLS / sizeof *NEAR_COLS, json_object_get(r, "categories"), "sites", 1, 0};
    if (o->format == CLI_FMT_CSV) {
        t.ncols = with_near_context(r, cols);
        t.cols = cols;
    }
    int rc = cli_table_order("near", o, &t);
    if (rc) return rc;
    if (o->format == CLI_FMT_TABLE) {
        char d[40], n[32], from[80];
        printf("cameras within %s of sensitive sites (cameras from: %s, %s)\n", cli_distance(sl_json_num(r, "radius_m"), d),
               cameras_from(r, from, sizeof from), sl_thousands(sl_json_int(r, "cameras"), n));
        json_t *areas = json_object_get(r, "areas");
        if (json_array_size(areas))
            printf("only the sites inside the areas of '%s': %s elsewhere left out\n",
                   json_string_value(json_array_get(areas, 0)), sl_thousands(sl_json_int(r, "sites_outside"), n));
    }
    cli_table_print(o, &t);
    /* a city's cameras beside a national list: the median measures where the
    ** camera data stops (the report says so at the same distance) */
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(r, "categories"), i, row) {
        double m = sl_json_num(row, "median_nearest_m");
        char km[32];
        if (o->format != CLI_FMT_JSON && m >= SL_NEAR_FAR_SITES_M && sl_json_int(row, "sites") > 1)
            fprintf(o->format == CLI_FMT_TABLE ? stdout : stderr,
                    "note: half of the %s sites lie %s km or more from the nearest camera: the camera locations do "
                    "not reach where they are, so no camera near one may say where the camera data stops; "
                    "--areas SET keeps the sites inside a city's areas\n",
                    sl_json_str(row, "category"), sl_thousands((long long)floor(m / 1000.0), km));
    }
    return CLI_OK;
}

typedef struct near_query {
    const char *category;
    const char *areas; /* NULL: every site */
    double radius;
    const char *site_a, *site_b; /* corridor when site_b is set */
    double width;
    double merge_radius;
} near_query;

static sl_status near_fn(sl_store *st, void *v, json_t **out, sl_error *err)
{
    near_query *q = v;
    sl_camera_locations cams = {.merge_radius_m = q->merge_radius};
    double *lon = NULL, *lat = NULL;
    sl_status s = SL_OK;
    if (q->merge_radius > 0) { /* else the analysis loads the unique locations */
        s = sl_analysis_need_points(st, "cameras,posts", err);
        if (!s) s = sl_load_cameras_merged(st, q->merge_radius, &lon, &lat, &cams.n, &cams.origin, err);
        cams.lon = lon, cams.lat = lat;
    }
    const sl_camera_locations *c = q->merge_radius > 0 ? &cams : NULL;
    sl_near_sites which = {q->category, &q->areas, q->areas ? 1 : 0, NULL};
    if (!s && q->site_b) s = sl_analysis_corridor(st, c, q->site_a, q->site_b, q->width, out, err);
    else if (!s) s = sl_analysis_near_radii(st, c, &which, &q->radius, 1, out, err);
    free(lon);
    free(lat);
    return s;
}

static const cli_col CORRIDOR_COLS[] = {{"from", "from", CLI_TEXT},         {"to", "to", CLI_TEXT},
                                        {"length_m", "length", CLI_METRES},  {"width_m", "width", CLI_METRES},
                                        {"cameras", "cameras", CLI_COUNT},   {"cameras_from", "cameras from", CLI_TEXT}};

static int print_corridor(json_t *r, const cli_out *o)
{
    if (o->format == CLI_FMT_CSV)
        return cli_print_record(o, r, CORRIDOR_COLS, sizeof CORRIDOR_COLS / sizeof *CORRIDOR_COLS);
    char n[CLI_COUNT_MAX], l[40], w[40], from[80];
    printf("%s along the %s from %s to %s, in a corridor %s wide (cameras from: %s)\n",
           cli_count(sl_json_int(r, "cameras"), "camera", "cameras", n), cli_distance(sl_json_num(r, "length_m"), l), sl_json_str(r, "from"),
           sl_json_str(r, "to"), cli_distance(sl_json_num(r, "width_m"), w), cameras_from(r, from, sizeof from));
    return CLI_OK;
}

static int print_any(json_t *r, const cli_out *o, void *v)
{
    near_query *q = v;
    return q->site_b ? print_corridor(r, o) : print_near(r, o);
}

int cmd_near(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'},    {"help", no_argument, 0, 'h'},
        {"sites", required_argument, 0, 'c'},    {"radius", required_argument, 0, 'r'},
        {"corridor", required_argument, 0, 'k'}, {"width", required_argument, 0, 'w'},
        {"merge-radius", required_argument, 0, 'm'}, {"areas", required_argument, 0, 'a'},
        CLI_OUT_OPTIONS, {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT, *category = NULL, *corridor = NULL, *areas = NULL;
    double radius = 0, width = 0, merge = 0;
    cli_out o = {0};
    int c;
    sl_error err;
    sl_error_clear(&err);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        int orc = cli_out_option(&o, "near", c, optarg);
        if (orc > 0) return orc;
        if (orc == 0) continue;
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'c': category = optarg; break;
        case 'a': areas = optarg; break;
        case 'k': corridor = optarg; break;
        case 'r':
            if (sl_param_metres(optarg, "--radius", &radius, &err)) return cli_usage_error("near", "%s", err.msg);
            break;
        case 'w':
            if (!cli_parse_double(optarg, &width) || width <= 0)
                return cli_usage_error("near", "--width wants positive meters, not '%s'", optarg);
            break;
        case 'm':
            if (!cli_parse_double(optarg, &merge) || merge < 0)
                return cli_usage_error("near", "--merge-radius wants meters >= 0, not '%s'", optarg);
            break;
        default: return cli_bad_option("near", c, argv[optind - 1], OPTIONS);
        }
    }
    if (optind != argc) return cli_usage_error("near", "unexpected argument '%s'", argv[optind]);
    char a[256] = "", *b = NULL;
    if (corridor) {
        snprintf(a, sizeof a, "%s", corridor);
        b = strchr(a, ',');
        if (!b || !width) return cli_usage_error("near", "--corridor wants SITE_A,SITE_B and --width METERS");
        if (areas) return cli_usage_error("near", "--areas keeps sites for --radius; a --corridor names its two sites");
        *b++ = '\0';
    } else if (!radius) {
        return cli_usage_error("near", "near needs --radius METERS (or --corridor A,B --width M)");
    }
    near_query q = {category, areas, radius, a, b, width, merge};
    o.layers = "posts,cameras"; /* the cameras layer, else the posts' places */
    return cli_run_out("near", store, &q, near_fn, &o, print_any);
}
