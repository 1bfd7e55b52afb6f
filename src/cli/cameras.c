/*
** cameras.c — `sightline cameras`: posts to unique cameras.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"

#include <getopt.h>
#include <string.h>

static const char *USAGE =
    "usage: sightline cameras [--merge-radius METERS] [output options]\n"
    "\n"
    "Groups the imported posts into unique cameras: posts at identical\n"
    "coordinates are one camera; with --merge-radius, posts are chained by single\n"
    "linkage (each within METERS of the next). Prints how many posts and cameras,\n"
    "how many posts per camera, and the first and last post time. No camera\n"
    "location is printed.\n"
    "\n"
    "  --merge-radius M   single-linkage radius in meters (default 0)\n"
    CLI_OUT_HELP
    "  -s, --store P      the store (default ./sightline.db)\n";

typedef struct cameras_query {
    double radius;
} cameras_query;

/* Ten million posts take seconds to group: a busy line on a terminal says
** so (progress.c), cleared before the result prints. */
static sl_status cameras_fn(sl_store *st, void *q, json_t **out, sl_error *err)
{
    cli_progress p;
    cli_progress_start(&p, "cameras");
    cli_progress_busy(&p, "reading the posts and grouping them into unique cameras");
    sl_status s = sl_analysis_cameras(st, ((cameras_query *)q)->radius, out, err);
    cli_progress_end(&p);
    return s;
}

/* The record, then how many cameras have 1, 2 ... 10+ posts, as the table
** prints them after it (set from posts_per_camera for CSV). */
static const cli_col CAMERA_COLS[] = {{"posts", "posts", CLI_COUNT},
                                      {"cameras", "cameras", CLI_COUNT},
                                      {"merge_radius_m", "merge radius", CLI_METRES},
                                      {"unplaced", "without coordinates", CLI_COUNT},
                                      {"first", "first post", CLI_TEXT},
                                      {"last", "last post", CLI_TEXT},
                                      {"cameras_with_1_post", "cameras with 1 post", CLI_COUNT},
                                      {"cameras_with_2_posts", "cameras with 2 posts", CLI_COUNT},
                                      {"cameras_with_3_posts", "cameras with 3 posts", CLI_COUNT},
                                      {"cameras_with_4_posts", "cameras with 4 posts", CLI_COUNT},
                                      {"cameras_with_5_posts", "cameras with 5 posts", CLI_COUNT},
                                      {"cameras_with_6_posts", "cameras with 6 posts", CLI_COUNT},
                                      {"cameras_with_7_posts", "cameras with 7 posts", CLI_COUNT},
                                      {"cameras_with_8_posts", "cameras with 8 posts", CLI_COUNT},
                                      {"cameras_with_9_posts", "cameras with 9 posts", CLI_COUNT},
                                      {"cameras_with_10_or_more_posts", "cameras with 10+ posts", CLI_COUNT}};

static int print_cameras(json_t *r, const cli_out *o, void *q)
{
    (void)q;
    if (o->format == CLI_FMT_CSV) {
        json_t *row = json_deep_copy(r), *n;
        const char *k;
        int bad = !row;
        json_object_foreach(json_object_get(r, "posts_per_camera"), k, n) {
            char key[48];
            if (!strcmp(k, "10+")) snprintf(key, sizeof key, "cameras_with_10_or_more_posts");
            else snprintf(key, sizeof key, "cameras_with_%s_post%s", k, strcmp(k, "1") ? "s" : "");
            bad |= !row || json_object_set(row, key, n);
        }
        if (bad) {
            json_decref(row);
            fputs("sightline: out of memory\n", stderr);
            return CLI_DATA;
        }
        int rc = cli_print_record(o, row, CAMERA_COLS, sizeof CAMERA_COLS / sizeof *CAMERA_COLS);
        json_decref(row);
        return rc;
    }
    char n[3][CLI_COUNT_MAX];
    printf("%s -> %s (merge radius %.0f m); %s without coordinates\n",
           cli_count(sl_json_int(r, "posts"), "post", "posts", n[0]),
           cli_count(sl_json_int(r, "cameras"), "unique camera", "unique cameras", n[1]),
           sl_json_num(r, "merge_radius_m"), cli_count(sl_json_int(r, "unplaced"), "post", "posts", n[2]));
    printf("posts per camera:");
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(r, "posts_per_camera"), k, v)
        printf(" %s:%s", k, sl_thousands((long long)json_integer_value(v), n[0]));
    if (!json_is_string(json_object_get(r, "first")))
        printf("\nno post has a date (`sightline import posts FILE --date COLUMN --replace` reads them)\n");
    else
        printf("\nfirst post %s, last post %s\n", sl_json_str(r, "first"), sl_json_str(r, "last"));
    return CLI_OK;
}

int cmd_cameras(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
        {"merge-radius", required_argument, 0, 'r'}, CLI_OUT_OPTIONS, {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT;
    double radius = 0;
    cli_out o = {0};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        int orc = cli_out_option(&o, "cameras", c, optarg);
        if (orc > 0) return orc;
        if (orc == 0) continue;
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'r':
            if (!cli_parse_double(optarg, &radius) || radius < 0)
                return cli_usage_error("cameras", "--merge-radius wants meters >= 0, not '%s'", optarg);
            break;
        default: return cli_bad_option("cameras", c, argv[optind - 1], OPTIONS);
        }
    }
    if (optind != argc) return cli_usage_error("cameras", "unexpected argument '%s'", argv[optind]);
    if (o.sort || o.top)
        return cli_usage_error("cameras", "cameras prints one summary, not a table: --sort and --top do not apply");
    cameras_query q = {radius};
    o.layers = "posts";
    return cli_run_out("cameras", store, &q, cameras_fn, &o, print_cameras);
}
