/*
** zone.c — `sightline zone`: what is inside a box, circle or polygon.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/params.h"
#include "sightline/core/file.h"
#include "sightline/io/polyset_io.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char *USAGE =
    "usage: sightline zone (--bbox W,S,E,N | --circle LAT,LON,METERS | --polygon FILE)\n"
    "                      [--merge-radius METERS] [output options]\n"
    "\n"
    "Counts posts and the unique cameras they come from inside a zone (and the\n"
    "points of the cameras layer, when one was imported). The counts are exact,\n"
    "for your own analysis: `sightline audit --zone` publishes them only for a\n"
    "zone holding at least k distinct camera locations.\n"
    "\n"
    "  --bbox W,S,E,N        a longitude/latitude box (west, south, east, north,\n"
    "                        as in GeoJSON)\n"
    "  --circle LAT,LON,M    a circle of M meters around LAT,LON (as on maps and\n"
    "                        GPS; great-circle distance)\n"
    "  --polygon FILE        any polygon file GDAL reads (GeoJSON, Shapefile...);\n"
    "                        the result names it with its sha256 under \"inputs\"\n"
    "  --layer NAME          the layer of a --polygon file holding several\n"
    "  --merge-radius M      single-linkage radius for unique cameras (default 0)\n"
    CLI_OUT_HELP
    "  -s, --store P         the store (default ./sightline.db)\n";

typedef struct zone_query {
    const sl_zone *zone;
    double merge_radius;
} zone_query;

static sl_status zone_fn(sl_store *st, void *v, json_t **out, sl_error *err)
{
    zone_query *q = v;
    /* the page's radius tool and the audit's zones draw 0s; a person asking
    ** a store with no posts or cameras at all is told so instead */
    sl_status s = sl_analysis_need_points(st, "cameras,posts", err);
    if (!s) s = sl_analysis_zone(st, q->zone, q->merge_radius, out, err);
    long long holds = 0;
    if (!s) s = sl_analysis_zone_swapped(st, q->zone, q->merge_radius, *out, &holds, err);
    if (!s && holds && json_object_set_new(*out, "swapped_holds", json_integer(holds)))
        s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    return s;
}

static const cli_col ZONE_COLS[] = {{"area_km2", "area km2", CLI_NUMBER},
                                    {"posts", "posts", CLI_COUNT},
                                    {"cameras", "cameras", CLI_COUNT},
                                    {"merge_radius_m", "merge radius", CLI_METRES},
                                    {"camera_points", "points of the cameras layer", CLI_COUNT}};

static int print_zone(json_t *r, const cli_out *o, void *q)
{
    if (o->format == CLI_FMT_CSV) return cli_print_record(o, r, ZONE_COLS, sizeof ZONE_COLS / sizeof *ZONE_COLS);
    char n[3][CLI_COUNT_MAX], km2[40];
    printf("zone of %s km2: %s from %s (merge radius %.0f m)", sl_readable(sl_json_num(r, "area_km2"), km2),
           cli_count(sl_json_int(r, "posts"), "post", "posts", n[0]),
           cli_count(sl_json_int(r, "cameras"), "unique camera", "unique cameras", n[1]), sl_json_num(r, "merge_radius_m"));
    if (json_is_true(json_object_get(r, "cameras_layer"))) /* else no layer to count in */
        printf("; %s of the cameras layer", cli_count(sl_json_int(r, "camera_points"), "point", "points", n[2]));
    printf("\n");
    const sl_zone *z = ((const zone_query *)q)->zone;
    if (json_object_get(r, "swapped_holds"))
        fprintf(stderr, "sightline: zone: note: nothing lies in this zone, but %s would with %s: %s\n",
                cli_count(sl_json_int(r, "swapped_holds"), "point", "points", n[0]),
                z->kind == SL_ZONE_CIRCLE ? "latitude and longitude swapped" : "the box read as S,W,N,E",
                z->kind == SL_ZONE_CIRCLE ? "--circle takes LAT,LON,METERS (as maps and GPS give them)"
                                          : "--bbox takes W,S,E,N (west, south, east, north, as in GeoJSON)");
    return CLI_OK;
}

int cli_check_zone(const char *command, const char *option, const struct sl_zone *z)
{
    sl_error err;
    sl_error_clear(&err);
    if (sl_zone_check(z, option, &err)) return cli_usage_error(command, "%s", err.msg);
    return CLI_OK;
}

int cmd_zone(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'},  {"help", no_argument, 0, 'h'},
        {"bbox", required_argument, 0, 'b'},   {"circle", required_argument, 0, 'c'},
        {"polygon", required_argument, 0, 'p'}, {"merge-radius", required_argument, 0, 'r'},
        {"layer", required_argument, 0, 'L'},  CLI_OUT_OPTIONS, {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT, *layer = NULL;
    sl_zone z = {0};
    cli_out o = {0};
    int kinds = 0, c;
    double radius = 0;
    sl_error err;
    sl_error_clear(&err);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        int orc = cli_out_option(&o, "zone", c, optarg);
        if (orc > 0) return orc;
        if (orc == 0) continue;
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'b': /* the same rule as the server's zone parameters */
            kinds++;
            if (sl_zone_parse_bbox(optarg, "--bbox", &z, &err)) return cli_usage_error("zone", "%s", err.msg);
            break;
        case 'c':
            kinds++;
            if (sl_zone_parse_circle(optarg, "--circle", &z, &err)) return cli_usage_error("zone", "%s", err.msg);
            break;
        case 'p': z.kind = SL_ZONE_POLYGON, kinds++, z.polygon_file = optarg; break;
        case 'L': layer = optarg; break;
        case 'r':
            if (!cli_parse_double(optarg, &radius) || radius < 0)
                return cli_usage_error("zone", "--merge-radius wants meters >= 0, not '%s'", optarg);
            break;
        default: return cli_bad_option("zone", c, argv[optind - 1], OPTIONS);
        }
    }
    if (kinds != 1) return cli_usage_error("zone", "give exactly one of --bbox, --circle, --polygon");
    int bad = cli_check_zone("zone", z.kind == SL_ZONE_BBOX ? "--bbox" : "--circle", &z);
    if (bad) return bad;
    if (optind != argc) return cli_usage_error("zone", "unexpected argument '%s'", argv[optind]);
    if (layer && z.kind != SL_ZONE_POLYGON) return cli_usage_error("zone", "--layer goes with --polygon");
    sl_polyset *ps = NULL;
    char sha[65];
    int rc = cli_read_zone_polygon(&z, layer, &ps, sha);
    if (rc) return rc;
    zone_query q = {&z, radius};
    o.layers = "posts,cameras";
    rc = cli_run_out("zone", store, &q, zone_fn, &o, print_zone);
    sl_polyset_free(ps);
    return rc;
}

int cli_read_zone_polygon(sl_zone *z, const char *layer, sl_polyset **ps, char sha256[65])
{
    *ps = NULL;
    if (z->kind != SL_ZONE_POLYGON) return CLI_OK;
    sl_error err;
    sl_error_clear(&err);
    sl_polyset_read_info info;
    if (sl_polyset_read_file(z->polygon_file, layer, NULL, ps, &info, &err)) return cli_report(&err);
    memcpy(sha256, info.sha256, 65);
    z->polygon = *ps;
    z->polygon_sha256 = sha256;
    return CLI_OK;
}
