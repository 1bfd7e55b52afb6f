/*
** cameras.c — `sightline cameras`: posts to unique cameras.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"

#include <getopt.h>

static const char *USAGE =
    "usage: sightline cameras [--merge-radius METERS] [--json]\n"
    "\n"
    "Groups the imported posts into unique cameras: posts at identical\n"
    "coordinates are one camera; with --merge-radius, posts are chained by single\n"
    "linkage (each within METERS of the next). Prints how many posts and cameras,\n"
    "how many posts per camera, and the first and last post time. No camera\n"
    "location is printed.\n"
    "\n"
    "  --merge-radius M   single-linkage radius in meters (default 0)\n"
    "  --json             one JSON object\n"
    "  -s, --store P      the store (default ./sightline.db)\n";

typedef struct cameras_query {
    double radius;
} cameras_query;

static sl_status cameras_fn(sl_store *st, void *q, json_t **out, sl_error *err)
{
    return sl_analysis_cameras(st, ((cameras_query *)q)->radius, out, err);
}

static void print_cameras(json_t *r)
{
    printf("%lld posts -> %lld unique cameras (merge radius %.0f m); %lld posts without coordinates\n",
           cli_int(r, "posts"), cli_int(r, "cameras"), cli_num(r, "merge_radius_m"), cli_int(r, "unplaced"));
    printf("posts per camera:");
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(r, "posts_per_camera"), k, v)
        printf(" %s:%lld", k, (long long)json_integer_value(v));
    printf("\nfirst post %s, last post %s\n",
           json_is_string(json_object_get(r, "first")) ? cli_str(r, "first") : "unknown",
           json_is_string(json_object_get(r, "last")) ? cli_str(r, "last") : "unknown");
}

int cmd_cameras(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
        {"merge-radius", required_argument, 0, 'r'}, {"json", no_argument, 0, 'j'}, {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    double radius = 0;
    int json = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'r':
            if (!cli_parse_double(optarg, &radius) || radius < 0)
                return cli_usage_error("cameras", "--merge-radius wants meters >= 0, not '%s'", optarg);
            break;
        case 'j': json = 1; break;
        default: return cli_usage_error("cameras", "bad option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc) return cli_usage_error("cameras", "unexpected argument '%s'", argv[optind]);
    cameras_query q = {radius};
    return cli_run(store, &q, cameras_fn, json, print_cameras);
}
