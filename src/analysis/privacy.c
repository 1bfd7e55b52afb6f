/*
** privacy.c — the k rule on distinct locations, the hexagon floor and
** binned distances (see include/sightline/analysis/privacy.h).
**
** The distinct locations come from sl_cameras_from_posts, so "a location"
** means here exactly what "a camera" means when posts are grouped.
*/
#include "sightline/analysis/privacy.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/cameras.h"
#include "sightline/store/store_layers.h"
#include "analysis_internal.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_privacy_check_hex(const char *option, double hex_m, int exact, sl_error *err)
{
    if (exact || !(hex_m < SL_PRIVACY_MIN_HEX_M)) return SL_OK;
    return sl_fail(err, SL_EUSAGE, NULL, 0,
                   "%s %g is under the %.0f m privacy floor: hexagons that small can show one home "
                   "(use --exact to allow it for your own analysis)",
                   option, hex_m, SL_PRIVACY_MIN_HEX_M);
}

int sl_privacy_hex_published(double hex_m)
{
    static const double mantissa[] = {1.0, 2.5, 5.0};
    /* powers of ten and their 2.5 and 5 times are exact doubles */
    for (double p = SL_PRIVACY_MIN_HEX_M; p <= 1e9; p *= 10)
        for (int i = 0; i < 3; i++)
            if (hex_m == p * mantissa[i]) return 1;
    return 0;
}

sl_status sl_privacy_check_k(const char *option, unsigned k, int exact, sl_error *err)
{
    if (exact || k >= SL_PRIVACY_MIN_K) return SL_OK;
    return sl_fail(err, SL_EUSAGE, NULL, 0,
                   "%s %u is under the privacy floor of %d: %s (use --exact for a report not for publication, "
                   "marked so)",
                   option, k, SL_PRIVACY_MIN_K,
                   k <= 1 ? "at 1 no count is withheld and single cameras are published"
                          : "a count resting on two cameras tells each owner where the other's is");
}

sl_status sl_privacy_locations(const double *lon, const double *lat, size_t n, double **out_lon,
                               double **out_lat, size_t *count, sl_error *err)
{
    sl_cameras c;
    *out_lon = *out_lat = NULL;
    *count = 0;
    sl_status s = sl_cameras_from_posts(lon, lat, NULL, n, SL_PRIVACY_MERGE_M, &c, err);
    if (s) return s;
    *out_lon = c.lon, *out_lat = c.lat, *count = c.count;
    c.lon = c.lat = NULL; /* handed over */
    sl_cameras_free(&c);
    return SL_OK;
}

sl_status sl_privacy_layer_locations(sl_store *st, const char *layer, double **lon, double **lat,
                                     size_t *count, const char **resolved, sl_error *err)
{
    double *all_lon = NULL, *all_lat = NULL;
    size_t all = 0;
    *lon = *lat = NULL;
    *count = 0;
    sl_status s = SL_OK;
    if (!layer) {
        long cameras = 0;
        s = sl_store_count_points(st, "cameras", NULL, &cameras, err);
        layer = cameras > 0 ? "cameras" : "posts";
    }
    if (resolved) *resolved = layer;
    if (!s) s = sl_load_coords(st, layer, &all_lon, &all_lat, &all, err);
    if (!s) s = sl_privacy_locations(all_lon, all_lat, all, lon, lat, count, err);
    free(all_lon);
    free(all_lat);
    return s;
}

/* COUNTS of NA areas: the KNOWN locations by their area, the others (a
** few, merged from several locations) through PIP. */
static sl_status count_unknown(const sl_pip *pip, const double *lon, const double *lat, size_t n,
                               const sl_privacy_known *known, size_t na, uint64_t *counts, sl_error *err)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) m += known->of[i] == UINT32_MAX;
    double *ulon = malloc((m + 1) * sizeof *ulon), *ulat = malloc((m + 1) * sizeof *ulat);
    uint64_t *more = calloc(na + 1, sizeof *more);
    sl_status s = ulon && ulat && more ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0, j = 0; !s && i < n; i++) {
        uint32_t of = known->of[i];
        if (of == UINT32_MAX) ulon[j] = lon[i], ulat[j++] = lat[i];
        else if (known->area[of] >= 0) counts[known->area[of]]++;
    }
    if (!s) s = sl_pip_count(pip, ulon, ulat, m, 0, more, NULL, err);
    for (size_t k = 0; !s && k < na; k++) counts[k] += more[k];
    free(ulon);
    free(ulat);
    free(more);
    return s;
}

sl_status sl_privacy_area_locations(sl_store *st, const char *set, const double *lon, const double *lat,
                                    size_t n, const sl_privacy_known *known, uint64_t **counts, size_t *n_areas,
                                    sl_error *err)
{
    sl_area_list areas;
    sl_polyset *ps;
    sl_pip *pip;
    *counts = NULL;
    *n_areas = 0;
    sl_status s = sl_area_index_load(st, set, &areas, &ps, &pip, err);
    if (s) return s;
    *counts = calloc(areas.count + 1, sizeof **counts);
    s = !*counts ? sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory")
        : known  ? count_unknown(pip, lon, lat, n, known, areas.count, *counts, err)
                 : sl_pip_count(pip, lon, lat, n, 0, *counts, NULL, err);
    *n_areas = areas.count;
    sl_area_index_free(&areas, ps, pip);
    if (s) free(*counts), *counts = NULL, *n_areas = 0;
    return s;
}

sl_status sl_privacy_bin(const double *lon, const double *lat, size_t n, double hex_m, unsigned k,
                         sl_privacy_bins *out, sl_error *err)
{
    double *llon, *llat;
    size_t nloc;
    memset(out, 0, sizeof *out);
    sl_status s = sl_privacy_locations(lon, lat, n, &llon, &llat, &nloc, err);
    if (!s) s = sl_privacy_bin_places(llon, llat, nloc, lon, lat, n, hex_m, k, out, err);
    free(llon);
    free(llat);
    return s;
}

unsigned long long sl_privacy_hide_below(size_t n, uint64_t (*count_at)(const void *ctx, size_t i), const void *ctx,
                                         unsigned k)
{
    unsigned long long below = k;
    for (;;) {
        unsigned long long hidden = 0, next = ULLONG_MAX;
        for (size_t i = 0; i < n; i++) {
            unsigned long long c = count_at(ctx, i);
            if (c < below) hidden += c;
            else if (c < next) next = c;
        }
        if (hidden == 0 || hidden >= k || next == ULLONG_MAX) return below;
        below = next + 1;
    }
}

sl_status sl_privacy_bin_places(const double *llon, const double *llat, size_t nloc, const double *lon,
                                const double *lat, size_t n, double hex_m, unsigned k, sl_privacy_bins *out,
                                sl_error *err)
{
    sl_status s = sl_privacy_bin_locations(llon, llat, nloc, hex_m, k, out, err);
    return s ? s : sl_privacy_bin_points(out, lon, lat, n, err);
}

sl_status sl_privacy_bin_locations(const double *llon, const double *llat, size_t nloc, double hex_m, unsigned k,
                                   sl_privacy_bins *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    out->k = k;
    out->locations = nloc;
    return sl_hexbin_build(llon, llat, nloc, hex_m, &out->h, err);
}

sl_status sl_privacy_bin_points(sl_privacy_bins *b, const double *lon, const double *lat, size_t n, sl_error *err)
{
    b->n_points = n;
    b->points = calloc(b->h.count + 1, sizeof *b->points);
    if (!b->points) {
        sl_privacy_bins_free(b);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    /* projected as a batch on two threads, not point by point */
    sl_status s = sl_hexbin_count(&b->h, lon, lat, n, b->points, &b->elsewhere, err);
    if (s) sl_privacy_bins_free(b);
    return s;
}

sl_status sl_privacy_bin_points_weighted(sl_privacy_bins *b, const double *lon, const double *lat, const uint32_t *w,
                                         size_t n, uint32_t *wcounts, uint64_t *welsewhere, sl_error *err)
{
    b->n_points = n;
    b->points = calloc(b->h.count + 1, sizeof *b->points);
    if (!b->points) {
        sl_privacy_bins_free(b);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    sl_status s = sl_hexbin_count_weighted(&b->h, lon, lat, w, n, b->points, wcounts, &b->elsewhere, welsewhere, err);
    if (s) sl_privacy_bins_free(b);
    return s;
}

sl_status sl_privacy_bin_points_weighted_images(sl_privacy_bins *b, const double *x, const double *y, uint32_t *wx,
                                                size_t m, const double *lon, const double *lat, const uint32_t *w,
                                                size_t k, uint32_t *wcounts, uint64_t *welsewhere, sl_error *err)
{
    b->points = calloc(b->h.count + 1, sizeof *b->points);
    if (!b->points) {
        sl_privacy_bins_free(b);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    size_t missed = 0, more = 0;
    uint64_t wmissed = 0, wmore = 0;
    sl_status s = sl_hexbin_count_weighted_images(&b->h, x, y, wx, m, b->points, wcounts, &missed, &wmissed, err);
    /* The images counted (those not skipped) are in the cells or missed:
    ** summed over the cells, not by a pass over every image. */
    size_t counted = missed;
    for (size_t c = 0; !s && c < b->h.count; c++) counted += b->points[c];
    b->n_points = counted + k;
    if (!s) s = sl_hexbin_count_weighted(&b->h, lon, lat, w, k, b->points, wcounts, &more, &wmore, err);
    b->elsewhere = missed + more;
    *welsewhere = wmissed + wmore;
    if (s) sl_privacy_bins_free(b);
    return s;
}

sl_status sl_privacy_bin_planes(const sl_hexbin_plane *locs, const sl_hexbin_plane *pts, double hex_m, unsigned k,
                                sl_privacy_bins *out, sl_error *err)
{
    memset(out, 0, sizeof *out);
    out->k = k;
    out->locations = locs->n;
    out->n_points = pts->n;
    sl_status s = sl_hexbin_build_plane(locs, hex_m, &out->h, err);
    if (s) return s;
    out->points = calloc(out->h.count + 1, sizeof *out->points);
    s = out->points ? sl_hexbin_count_plane(&out->h, pts, out->points, &out->elsewhere, err)
                    : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (s) sl_privacy_bins_free(out);
    return s;
}

sl_status sl_privacy_bin_locations_plane(const sl_hexbin_plane *locs, double hex_m, unsigned k, sl_privacy_bins *out,
                                         sl_error *err)
{
    memset(out, 0, sizeof *out);
    out->k = k;
    out->locations = locs->n;
    return sl_hexbin_build_plane(locs, hex_m, &out->h, err);
}

size_t sl_privacy_bin_count(const sl_privacy_bins *b, const double *lon, const double *lat, size_t n,
                            uint32_t *counts)
{
    size_t elsewhere = 0;
    sl_error err;
    /* projected as a batch; one by one below only when memory is short */
    if (sl_hexbin_count(&b->h, lon, lat, n, counts, &elsewhere, &err) == SL_OK) return elsewhere;
    elsewhere = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(lon[i]) || !isfinite(lat[i]) || fabs(lat[i]) > 90 || fabs(lon[i]) > 180) continue;
        long c = sl_hexbin_find(&b->h, lon[i], lat[i]);
        if (c >= 0) counts[c]++;
        else elsewhere++;
    }
    return elsewhere;
}

int sl_privacy_count_shown(unsigned long long count, unsigned k)
{
    return count >= k;
}

int sl_privacy_cell_shown(const sl_privacy_bins *b, size_t i) { return sl_privacy_count_shown(b->h.points[i], b->k); }

size_t sl_privacy_hidden_cells(const sl_privacy_bins *b)
{
    size_t hidden = 0;
    for (size_t i = 0; i < b->h.count; i++) hidden += !sl_privacy_cell_shown(b, i);
    return hidden;
}

void sl_privacy_bins_free(sl_privacy_bins *b)
{
    sl_hexbin_free(&b->h);
    free(b->points);
    memset(b, 0, sizeof *b);
}

double sl_privacy_distance_bin(double d_m)
{
    if (!isfinite(d_m)) return d_m;
    return floor(d_m / SL_PRIVACY_DISTANCE_BIN_M) * SL_PRIVACY_DISTANCE_BIN_M;
}
