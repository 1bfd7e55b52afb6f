/*
** density.c — hexagon density of a point layer (see
** include/sightline/analysis/analyses.h), by privacy.h's binner.
**
** A layer is read, grouped into distinct locations and projected once
** (sl_density_layer); each edge is then binned from the projected points.
** `sightline density` does that once; a server keeps the layer and answers
** another hexagon size without reading or projecting ten million points
** again.
*/
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/privacy.h"
#include "sightline/core/json_build.h"
#include "analysis_internal.h"

#include <stdlib.h>
#include <string.h>

/* The privacy floor of both the edge and k, here where every caller
** passes (the CLI, the server, the audit): a k under 3 names one or two
** households' cameras unless the map is marked exact. */
static sl_status check(const char *layer, double hex_m, unsigned k, int exact, sl_error *err)
{
    sl_status s = sl_privacy_check_hex("--hex", hex_m, exact, err);
    if (!s) s = sl_privacy_check_k("--k", k, exact, err);
    if (s) return s;
    if (!sl_point_layer_valid(layer))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "'%s' is not a point layer (posts, cameras, sites)", layer);
    return SL_OK;
}

sl_status sl_analysis_density_layer(sl_store *st, const char *layer, double hex_m, sl_density_layer *out,
                                    sl_error *err)
{
    memset(out, 0, sizeof *out);
    if (!sl_point_layer_valid(layer))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "'%s' is not a point layer (posts, cameras, sites)", layer);
    snprintf(out->layer, sizeof out->layer, "%s", layer);
    /* Only where the points are: ten million posts' texts and times would
    ** be read for nothing (a third of the bytes, and the memory) */
    struct { double *lon, *lat; size_t n; } p = {0}, loc = {0};
    sl_status s = sl_load_coords(st, layer, &p.lon, &p.lat, &p.n, err);
    if (!s) s = sl_privacy_locations(p.lon, p.lat, p.n, &loc.lon, &loc.lat, &loc.n, err);
    if (!s) s = sl_hexbin_plane_build(loc.lon, loc.lat, loc.n, hex_m, NULL, &out->locs, err);
    free(loc.lon);
    free(loc.lat);
    double centre[2] = {out->locs.lon0, out->locs.lat0};
    if (!s) s = sl_hexbin_plane_build(p.lon, p.lat, p.n, hex_m, centre, &out->pts, err);
    free(p.lon);
    free(p.lat);
    if (s) sl_analysis_density_layer_free(out);
    return s;
}

/* The summary of BINS (density's JSON, the CLI's line, a map's totals). */
sl_status sl_analysis_density_summary(const char *layer, double hex_m, unsigned min_count, const sl_privacy_bins *bins,
                                      json_t **summary, sl_error *err)
{
    size_t hidden_points = 0, hidden_locations = 0;
    for (size_t i = 0; i < bins->h.count; i++)
        if (!sl_privacy_cell_shown(bins, i)) hidden_points += bins->points[i], hidden_locations += bins->h.points[i];
    *summary = json_pack("{s:s, s:f, s:f, s:I, s:I, s:f, s:I, s:I, s:I, s:I, s:I}", "layer", layer, "hex_m", hex_m,
                         "cell_km2", bins->h.area_km2, "points", (json_int_t)bins->n_points, "locations",
                         (json_int_t)bins->locations, "merge_m", SL_PRIVACY_MERGE_M, "cells",
                         (json_int_t)bins->h.count, "suppressed_cells", (json_int_t)sl_privacy_hidden_cells(bins),
                         "suppressed_points", (json_int_t)hidden_points, "suppressed_locations",
                         (json_int_t)hidden_locations, "min_count", (json_int_t)min_count);
    return sl_json_built(summary, 0, err);
}

sl_status sl_analysis_density_at(sl_store *st, const sl_density_layer *dl, double hex_m, unsigned min_count,
                                 int exact, sl_privacy_bins *bins, json_t **summary, sl_error *err)
{
    memset(bins, 0, sizeof *bins);
    if (summary) *summary = NULL;
    sl_status s = check(dl->layer, hex_m, min_count, exact, err);
    if (s) return s;
    if (!sl_hexbin_plane_fits(&dl->locs, hex_m))
        return sl_analysis_density(st, dl->layer, hex_m, min_count, exact, bins, summary, err);
    s = sl_privacy_bin_planes(&dl->locs, &dl->pts, hex_m, min_count, bins, err);
    if (!s && summary) s = sl_analysis_density_summary(dl->layer, hex_m, min_count, bins, summary, err);
    if (s) sl_privacy_bins_free(bins);
    return s;
}

sl_status sl_analysis_density(sl_store *st, const char *layer, double hex_m, unsigned min_count, int exact,
                              sl_privacy_bins *bins, json_t **summary, sl_error *err)
{
    memset(bins, 0, sizeof *bins);
    if (summary) *summary = NULL;
    sl_status s = check(layer, hex_m, min_count, exact, err);
    if (s) return s;
    sl_density_layer dl;
    if ((s = sl_analysis_density_layer(st, layer, hex_m, &dl, err))) return s;
    /* the plane was centred for this very edge: it fits */
    s = sl_privacy_bin_planes(&dl.locs, &dl.pts, hex_m, min_count, bins, err);
    sl_analysis_density_layer_free(&dl);
    if (!s && summary) s = sl_analysis_density_summary(layer, hex_m, min_count, bins, summary, err);
    if (s) sl_privacy_bins_free(bins);
    return s;
}

size_t sl_analysis_density_layer_bytes(const sl_density_layer *dl)
{
    return sizeof *dl + (dl->locs.n + dl->pts.n) * 2 * sizeof(double) + (dl->locs.cover ? 4096 : 0);
}

void sl_analysis_density_layer_free(sl_density_layer *dl)
{
    sl_hexbin_plane_free(&dl->locs);
    sl_hexbin_plane_free(&dl->pts);
    memset(dl, 0, sizeof *dl);
}
