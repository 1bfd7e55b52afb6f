/*
** density.c — `sightline density`: a hexagon density map as GeoJSON.
*/
#include "cli.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/params.h"
#include "sightline/analysis/privacy.h"
#include "sightline/report/report.h"

#include <getopt.h>
#include <stdio.h>

static const char *USAGE =
    "usage: sightline density --hex METERS [--points LAYER] [--bbox W,S,E,N] [--k K]\n"
    "                         [--exact] [-o FILE]\n"
    "\n"
    "Counts points in hexagons of equal area (edge METERS, on a Lambert\n"
    "azimuthal equal-area plane centred on the data, on whole degrees) and\n"
    "writes them as a GeoJSON FeatureCollection for maps. A hexagon holding\n"
    "fewer than K distinct locations (camera locations: several points at\n"
    "one place count once) is withheld, left out of the file, so a map never\n"
    "points at one home (default K = 5); the file's \"totals\" say how many\n"
    "points and hexagons are withheld, of how many in the layer. K under 3\n"
    "and hexagons under 100 m are refused unless --exact (with --exact,\n"
    "--k 1 keeps every hexagon).\n"
    "Every edge scales one grid: two maps of close edges, subtracted, place\n"
    "single cameras. Publish one edge, or edges of 1, 2.5 or 5 times a power\n"
    "of ten metres (serve answers others only on its own machine).\n"
    "\n"
    "  --hex METERS     hexagon edge length (= circumradius) in meters, >= 100\n"
    "  --points LAYER   posts (default), cameras or sites\n"
    "  --bbox W,S,E,N   write only the cells meeting this box (a map's viewport);\n"
    "                   the cells are the whole layer's, cut by nothing\n"
    "  --k K            privacy threshold: distinct locations per cell (default 5;\n"
    "                   the same --k as the audit's; --min-count: the same)\n"
    "  --exact          allow K under 3 and hexagons under 100 m (not for publication)\n"
    "  -o FILE          write the GeoJSON to FILE (default: standard output)\n"
    "  -s, --store P    the store (default ./sightline.db)\n";

int cmd_density(int argc, char **argv)
{
    static const struct option OPTIONS[] = {
        {"store", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
        {"hex", required_argument, 0, 'x'},   {"points", required_argument, 0, 'p'},
        {"k", required_argument, 0, 'k'},        {"min-count", required_argument, 0, 'k'},
        {"output", required_argument, 0, 'o'},   {"bbox", required_argument, 0, 'b'},
        {"exact", no_argument, 0, 'e'}, {0, 0, 0, 0}};
    const char *store = SL_STORE_DEFAULT, *layer = "posts", *path = NULL, *bbox = NULL;
    double hex = 0, k = 5;
    int c, exact = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:ho:", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(USAGE, stdout); return CLI_OK;
        case 's': store = optarg; break;
        case 'p': layer = optarg; break;
        case 'o': path = optarg; break;
        case 'e': exact = 1; break;
        case 'b': bbox = optarg; break;
        case 'x':
            if (!cli_parse_double(optarg, &hex) || hex <= 0)
                return cli_usage_error("density", "--hex wants positive meters, not '%s'", optarg);
            break;
        case 'k':
            if (!cli_parse_double(optarg, &k) || k < 1 || k > 1e9)
                return cli_usage_error("density", "--k wants a count >= 1, not '%s'", optarg);
            break;
        default: return cli_bad_option("density", c, argv[optind - 1], OPTIONS);
        }
    }
    if (!hex) return cli_usage_error("density", "density needs --hex METERS");
    if (optind != argc) return cli_usage_error("density", "unexpected argument '%s'", argv[optind]);
    sl_error err;
    sl_error_clear(&err);
    if (sl_privacy_check_hex("--hex", hex, exact, &err) || sl_privacy_check_k("--k", (unsigned)k, exact, &err))
        return cli_usage_error("density", "%s", err.msg);
    sl_zone z;
    if (bbox && sl_zone_parse_bbox(bbox, "--bbox", &z, &err)) return cli_usage_error("density", "%s", err.msg);
    double box[4] = {bbox ? z.w : 0, bbox ? z.s : 0, bbox ? z.e : 0, bbox ? z.n : 0};
    int rc;
    sl_store *st = cli_open_store(store, CLI_STORE_READ, &rc);
    if (!st) return rc;
    json_t *sum = NULL;
    sl_privacy_bins bins;
    /* ten million points take seconds to read and bin: a busy line on a
    ** terminal says so, cleared before the map is written */
    cli_progress p;
    char what[120], m[32];
    cli_progress_start(&p, "density");
    snprintf(what, sizeof what, "reading the %s and binning them into hexagons of %s m", layer,
             sl_thousands((long long)hex, m));
    cli_progress_busy(&p, what);
    sl_status s = sl_analysis_density(st, layer, hex, (unsigned)k, exact, &bins, &sum, &err);
    cli_progress_end(&p);
    json_t *made = NULL;
    int built = !s;
    if (!s && sl_json_int(sum, "points") == 0) /* an empty map would read as a finding */
        s = sl_analysis_need_points(st, layer, &err);
    if (!s) s = sl_analysis_synth_sources(st, layer, &made, &err);
    if (s && built) {
        sl_privacy_bins_free(&bins);
        json_decref(sum);
    }
    sl_store_close(st);
    if (s) return cli_report(&err);
    /* -o FILE is written beside its place and renamed on success, as every
    ** command's -o (table.c) */
    cli_out o = {.file = path};
    rc = cli_out_begin(&o, "density");
    if (rc == CLI_OK) {
        /* a map of invented points says so in the file, as on stderr */
        json_t *mark = json_array_size(made) ? json_pack("{s:O}", "synthetic", made) : NULL;
        s = sl_report_density_map(&bins, layer, hex, (unsigned)k, bbox ? box : NULL, mark, stdout, &err);
        json_decref(mark);
        rc = cli_out_end(&o, s ? cli_report(&err) : CLI_OK);
    }
    sl_privacy_bins_free(&bins);
    if (rc) {
        json_decref(sum);
        json_decref(made);
        return rc;
    }
    char n[6][32], km2[40];
    long long loc = sl_json_int(sum, "locations"), cells = sl_json_int(sum, "cells"), hid = sl_json_int(sum, "suppressed_cells");
    /* the privacy rule's locations: points within SL_PRIVACY_MERGE_M are one, so at
    ** national scale a few fewer than `cameras` counts at its default radius of 0 */
    fprintf(stderr, "%s %s at %s distinct location%s (points within %.0f m are one) in %s hexagon%s of %s km2; %s "
            "of them (%s %s) hold%s fewer than %s locations and %s suppressed\n",
            sl_thousands(sl_json_int(sum, "points"), n[0]), layer, sl_thousands(loc, n[1]), loc == 1 ? "" : "s",
            SL_PRIVACY_MERGE_M,
            sl_thousands(cells, n[2]), cells == 1 ? "" : "s", sl_readable(sl_json_num(sum, "cell_km2"), km2), sl_thousands(hid, n[3]),
            sl_thousands(sl_json_int(sum, "suppressed_points"), n[4]), layer, hid == 1 ? "s" : "",
            sl_thousands(sl_json_int(sum, "min_count"), n[5]), hid == 1 ? "is" : "are");
    cli_synth_caution(made);
    json_decref(made);
    json_decref(sum);
    return CLI_OK;
}
