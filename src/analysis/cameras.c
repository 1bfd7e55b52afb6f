/*
** cameras.c — posts to unique cameras (see include/sightline/analysis/cameras.h).
**
** Identical coordinates are collapsed first by sorting, because real post sets
** repeat a camera's location many times; single linkage then runs over the
** distinct locations only, with a grid index and union-find, so the cost
** follows the number of locations, not the square of the posts. Groupings
** of the same posts at several radii share the sort.
*/
#include "sightline/analysis/cameras.h"
#include "sightline/core/radix.h"
#include "sightline/geo/spatial.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint32_t find(uint32_t *parent, uint32_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/* Union by smaller index so the root is the location seen first. */
static void unite(uint32_t *parent, uint32_t a, uint32_t b)
{
    a = find(parent, a);
    b = find(parent, b);
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
}

typedef struct link_ctx {
    uint32_t *parent;
    uint32_t self;
} link_ctx;

static void link_neighbor(size_t index, double d, void *ctx)
{
    (void)d;
    link_ctx *c = ctx;
    unite(c->parent, c->self, (uint32_t)index);
}

static int placed(double lon, double lat)
{
    return isfinite(lon) && isfinite(lat) && fabs(lat) <= 90 && fabs(lon) <= 180;
}

/* Distinct locations in order of latitude, then longitude; loc_of maps
** posts. Sorted by a stable radix sort on longitude then latitude, so equal
** coordinates stay in post order (the first post's values stand for them). */
static sl_status distinct_locations(const double *lon, const double *lat, size_t n, uint32_t *idx,
                                    uint64_t *key, uint32_t *loc_of, double *loc_lon, double *loc_lat,
                                    size_t *nloc, size_t *unplaced, sl_error *err)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        loc_of[i] = UINT32_MAX;
        if (placed(lon[i], lat[i])) idx[m++] = (uint32_t)i;
        key[i] = sl_radix_key_double(lon[i]);
    }
    *unplaced = n - m;
    if (sl_radix_sort_u64(key, idx, m, err)) return err->status;
    for (size_t i = 0; i < n; i++) key[i] = sl_radix_key_double(lat[i]);
    if (sl_radix_sort_u64(key, idx, m, err)) return err->status;
    *nloc = 0;
    for (size_t i = 0; i < m; i++) {
        uint32_t p = idx[i], q = i ? idx[i - 1] : 0;
        if (i == 0 || lat[p] != lat[q] || lon[p] != lon[q]) {
            loc_lon[*nloc] = lon[p];
            loc_lat[*nloc] = lat[p];
            (*nloc)++;
        }
        loc_of[p] = (uint32_t)(*nloc - 1);
    }
    return SL_OK;
}

static sl_status link_locations(const double *lon, const double *lat, size_t nloc, double radius,
                                uint32_t *parent, sl_error *err)
{
    for (size_t i = 0; i < nloc; i++) parent[i] = (uint32_t)i;
    if (!(radius > 0)) return SL_OK;
    sl_point_grid *g;
    if (sl_point_grid_build(lon, lat, nloc, radius, &g, err)) return err->status;
    for (size_t i = 0; i < nloc; i++) {
        link_ctx c = {parent, (uint32_t)i};
        sl_point_grid_within(g, lat[i], lon[i], radius, link_neighbor, &c);
    }
    sl_point_grid_free(g);
    return SL_OK;
}

static int alloc_cameras(sl_cameras *c, size_t n)
{
    c->lon = calloc(n + 1, sizeof *c->lon);
    c->lat = calloc(n + 1, sizeof *c->lat);
    c->posts = calloc(n + 1, sizeof *c->posts);
    c->first = malloc((n + 1) * sizeof *c->first);
    c->last = malloc((n + 1) * sizeof *c->last);
    c->camera_of = malloc((n + 1) * sizeof *c->camera_of);
    return c->lon && c->lat && c->posts && c->first && c->last && c->camera_of;
}

/* Longitude difference B - A wrapped into [-180, 180). */
static double lon_delta(double a, double b)
{
    double d = fmod(b - a + 540.0, 360.0) - 180.0;
    return d;
}

/* Number cameras by their first post and accumulate centroid, count, times.
** Longitudes are averaged as offsets from the camera's first post, so a
** camera straddling the antimeridian (179.99999 and -179.99999) stays
** there instead of averaging to 0. */
static void collect(const double *lon, const double *lat, const int64_t *time, size_t n,
                    const uint32_t *loc_of, uint32_t *parent, uint32_t *camera_of_root, double *ref,
                    sl_cameras *c)
{
    for (size_t i = 0; i < n; i++) {
        c->camera_of[i] = UINT32_MAX;
        if (loc_of[i] == UINT32_MAX) continue;
        uint32_t root = find(parent, loc_of[i]);
        if (camera_of_root[root] == UINT32_MAX) {
            uint32_t k = (uint32_t)c->count++;
            camera_of_root[root] = k;
            c->first[k] = c->last[k] = SL_TIME_NONE;
            ref[k] = lon[i];
        }
        uint32_t k = camera_of_root[root];
        c->camera_of[i] = k;
        c->posts[k]++;
        c->lon[k] += lon_delta(ref[k], lon[i]);
        c->lat[k] += lat[i];
        int64_t t = time ? time[i] : SL_TIME_NONE;
        if (t == SL_TIME_NONE) continue;
        if (c->first[k] == SL_TIME_NONE || t < c->first[k]) c->first[k] = t;
        if (c->last[k] == SL_TIME_NONE || t > c->last[k]) c->last[k] = t;
    }
    for (size_t k = 0; k < c->count; k++) {
        c->lon[k] = ref[k] + c->lon[k] / c->posts[k];
        if (c->lon[k] > 180) c->lon[k] -= 360;
        if (c->lon[k] < -180) c->lon[k] += 360;
        c->lat[k] /= c->posts[k];
    }
}

/* One grouping of the distinct locations at RADIUS into OUT (PARENT,
** ROOT_CAM and REF: scratch arrays of NLOC entries). */
static sl_status group_at(const double *lon, const double *lat, const int64_t *time, size_t n, const uint32_t *loc_of,
                          const double *loc_lon, const double *loc_lat, size_t nloc, size_t unplaced, double radius,
                          uint32_t *parent, uint32_t *root_cam, double *ref, sl_cameras *out, sl_error *err)
{
    if (!alloc_cameras(out, n)) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory grouping %zu posts", n);
    out->unplaced = unplaced;
    if (link_locations(loc_lon, loc_lat, nloc, radius, parent, err)) return err->status;
    for (size_t i = 0; i < nloc; i++) root_cam[i] = UINT32_MAX;
    collect(lon, lat, time, n, loc_of, parent, root_cam, ref, out);
    return SL_OK;
}

sl_status sl_cameras_from_posts_radii(const double *lon, const double *lat, const int64_t *time, size_t n,
                                      const double *radii, size_t nradii, sl_cameras *out, sl_error *err)
{
    for (size_t r = 0; r < nradii; r++) memset(&out[r], 0, sizeof out[r]);
    if (n >= UINT32_MAX) return sl_fail(err, SL_EUSAGE, NULL, 0, "too many posts (%zu)", n);
    uint32_t *idx = malloc((n + 1) * sizeof *idx);
    uint64_t *key = malloc((n + 1) * sizeof *key);
    uint32_t *loc_of = malloc((n + 1) * sizeof *loc_of);
    double *loc_lon = malloc((n + 1) * sizeof *loc_lon), *loc_lat = malloc((n + 1) * sizeof *loc_lat);
    uint32_t *parent = NULL, *root_cam = NULL;
    double *ref = NULL;
    size_t nloc = 0, unplaced = 0;
    sl_status s = SL_OK;
    if (!idx || !key || !loc_of || !loc_lon || !loc_lat)
        s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory grouping %zu posts", n);
    /* The sort, the costly part, is shared by every radius. */
    if (!s) s = distinct_locations(lon, lat, n, idx, key, loc_of, loc_lon, loc_lat, &nloc, &unplaced, err);
    free(idx);
    free(key);
    if (!s) {
        parent = malloc((nloc + 1) * sizeof *parent);
        root_cam = malloc((nloc + 1) * sizeof *root_cam);
        ref = malloc((nloc + 1) * sizeof *ref); /* each camera's reference longitude */
        if (!parent || !root_cam || !ref) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory grouping %zu posts", n);
    }
    for (size_t r = 0; !s && r < nradii; r++)
        s = group_at(lon, lat, time, n, loc_of, loc_lon, loc_lat, nloc, unplaced, radii[r], parent, root_cam, ref,
                     &out[r], err);
    free(loc_of);
    free(loc_lon);
    free(loc_lat);
    free(parent);
    free(root_cam);
    free(ref);
    for (size_t r = 0; s && r < nradii; r++) sl_cameras_free(&out[r]);
    return s;
}

sl_status sl_cameras_from_posts(const double *lon, const double *lat, const int64_t *time,
                                size_t n, double merge_radius_m, sl_cameras *out, sl_error *err)
{
    return sl_cameras_from_posts_radii(lon, lat, time, n, &merge_radius_m, 1, out, err);
}

void sl_cameras_free(sl_cameras *c)
{
    free(c->lon);
    free(c->lat);
    free(c->posts);
    free(c->first);
    free(c->last);
    free(c->camera_of);
    memset(c, 0, sizeof *c);
}
