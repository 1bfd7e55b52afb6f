/*
** proximity.c — unique cameras, zones, cameras near sites and along roads,
** and hexagon density (see include/sightline/analysis/analyses.h).
*/
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/cameras.h"
#include "analysis_internal.h"
#include "sightline/core/file.h"
#include "sightline/geo/hexbin.h"
#include "sightline/geo/pip.h"
#include "sightline/analysis/privacy.h"
#include "sightline/geo/spatial.h"
#include "sightline/core/json.h"
#include "sightline/core/json_build.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static json_t *iso_time(int64_t t)
{
    if (t == SL_TIME_NONE) return json_null();
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return json_string(buf);
}

/* NULL when out of memory (a missing bin would read as zero cameras). */
static json_t *posts_per_camera(const sl_cameras *c)
{
    long bins[11] = {0};
    for (size_t k = 0; k < c->count; k++) bins[c->posts[k] >= 10 ? 10 : c->posts[k]]++;
    int bad = 0;
    json_t *o = sl_jok(json_object(), &bad);
    char key[8];
    for (int b = 1; b <= 10; b++) {
        snprintf(key, sizeof key, b == 10 ? "10+" : "%d", b);
        sl_jset(o, key, json_integer(bins[b]), &bad);
    }
    if (bad) json_decref(o);
    return bad ? NULL : o;
}

/* The times are not read into the grouping: the span of the placed posts',
** all a grouping gives of them, comes with the reading. */
struct sl_posts_grouping {
    double *lon, *lat;
    int64_t span[2];
    sl_cameras *out;
    size_t nradii, nfull;
    sl_cameras_grouping *cameras;
};

static void posts_grouping_free(sl_posts_grouping *g)
{
    free(g->lon);
    free(g->lat);
    free(g);
}

/* The span onto the full radii of OUT from FROM to TO. */
static void set_span(sl_posts_grouping *g, size_t from, size_t to)
{
    for (size_t r = from; r < to && r < g->nfull && r < g->nradii; r++)
        g->out[r].first = g->span[0], g->out[r].last = g->span[1];
}

sl_status sl_group_posts_start(sl_store *st, const double *radii, size_t nradii, size_t nfull, sl_cameras *out,
                               size_t *posts, sl_posts_grouping **grouping, sl_error *err)
{
    size_t n;
    *grouping = NULL;
    for (size_t r = 0; r < nradii; r++) memset(&out[r], 0, sizeof out[r]);
    *posts = 0;
    for (size_t r = 0; r < nradii; r++)
        if (!(radii[r] >= 0)) return sl_fail(err, SL_EUSAGE, NULL, 0, "--merge-radius must be >= 0 meters");
    sl_posts_grouping *g = calloc(1, sizeof *g);
    if (!g) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    g->out = out, g->nradii = nradii, g->nfull = nfull;
    /* Where, and the span of when: ten million posts' ids and texts are not read. */
    sl_status s = sl_load_coords_span(st, "posts", &g->lon, &g->lat, g->span, &n, err);
    if (!s) s = sl_cameras_group_start(g->lon, g->lat, NULL, n, radii, nradii, nfull, out, &g->cameras, err);
    if (s) {
        posts_grouping_free(g);
        return s;
    }
    set_span(g, 0, 1);
    *posts = n;
    *grouping = g;
    return SL_OK;
}

sl_status sl_group_posts_finish(sl_posts_grouping *g, sl_error *err)
{
    if (!g) return SL_OK;
    sl_status s = sl_cameras_group_finish(g->cameras, err);
    if (!s) set_span(g, 1, g->nradii);
    posts_grouping_free(g);
    return s;
}

sl_status sl_group_posts_radii(sl_store *st, const double *radii, size_t nradii, size_t nfull, sl_cameras *out,
                               size_t *posts, sl_error *err)
{
    sl_posts_grouping *g;
    sl_status s = sl_group_posts_start(st, radii, nradii, nfull, out, posts, &g, err);
    if (!s && (s = sl_group_posts_finish(g, err))) sl_cameras_free(&out[0]);
    if (s) *posts = 0;
    return s;
}

sl_status sl_group_posts(sl_store *st, double merge_radius_m, sl_cameras *out, size_t *posts, sl_error *err)
{
    return sl_group_posts_radii(st, &merge_radius_m, 1, 1, out, posts, err);
}

sl_status sl_analysis_cameras_of(const sl_cameras *c, size_t posts, double merge_radius_m, json_t **out,
                                 sl_error *err)
{
    int64_t first = c->first, last = c->last;
    *out = json_pack("{s:I, s:I, s:I, s:f, s:o, s:o, s:o}", "posts", (json_int_t)posts, "cameras",
                     (json_int_t)c->count, "unplaced", (json_int_t)c->unplaced, "merge_radius_m", merge_radius_m,
                     "posts_per_camera", posts_per_camera(c), "first", iso_time(first), "last", iso_time(last));
    return sl_json_built(out, 0, err); /* json_pack fails on any NULL part */
}

sl_status sl_analysis_cameras(sl_store *st, double merge_radius_m, json_t **out, sl_error *err)
{
    sl_cameras c;
    size_t posts;
    *out = NULL;
    /* "0 posts -> 0 unique cameras" would read as a finding */
    sl_status s = sl_analysis_need_points(st, "posts", err);
    if (!s) s = sl_group_posts(st, merge_radius_m, &c, &posts, err);
    if (s) return s;
    s = sl_analysis_cameras_of(&c, posts, merge_radius_m, out, err);
    sl_cameras_free(&c);
    return s;
}

/* ---- zones ------------------------------------------------------------ */

typedef struct zone_test {
    const sl_zone *z;
    const sl_polyset *ps;
    sl_pip *pip;
} zone_test;

static int in_zone(const zone_test *t, double lon, double lat)
{
    const sl_zone *z = t->z;
    if (!isfinite(lon) || !isfinite(lat)) return 0;
    switch (z->kind) {
    case SL_ZONE_BBOX: return lon >= z->w && lon <= z->e && lat >= z->s && lat <= z->n;
    case SL_ZONE_CIRCLE: return sl_distance_m(z->lat, z->lon, lat, lon) <= z->radius_m;
    default: return sl_pip_locate(t->pip, lon, lat) >= 0;
    }
}

static double zone_area_km2(const zone_test *t)
{
    const sl_zone *z = t->z;
    if (z->kind == SL_ZONE_CIRCLE) return M_PI * z->radius_m * z->radius_m / 1e6;
    if (z->kind == SL_ZONE_POLYGON) {
        double total = 0;
        for (size_t i = 0; i < sl_polyset_count(t->ps); i++) total += sl_polyset_area_km2(t->ps, i);
        return total;
    }
    /* A lon/lat box on the sphere: R² Δλ (sin φn − sin φs). */
    double r = SL_EARTH_RADIUS_M / 1000;
    return r * r * (z->e - z->w) * M_PI / 180 * (sin(z->n * M_PI / 180) - sin(z->s * M_PI / 180));
}

static sl_status open_zone(const sl_zone *z, zone_test *t, sl_error *err)
{
    memset(t, 0, sizeof *t);
    t->z = z;
    if (z->kind == SL_ZONE_BBOX && !(z->w < z->e && z->s < z->n))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--bbox wants W,S,E,N with W < E and S < N");
    if (z->kind == SL_ZONE_CIRCLE && !(z->radius_m > 0 && fabs(z->lat) <= 90 && fabs(z->lon) <= 180))
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--circle wants LAT,LON,METERS with a positive radius");
    if (z->kind != SL_ZONE_POLYGON) return SL_OK;
    if (!z->polygon) return sl_fail(err, SL_EUSAGE, NULL, 0, "a polygon zone needs its polygons read first");
    t->ps = z->polygon;
    return sl_pip_build(t->ps, NULL, &t->pip, err);
}

static void close_zone(zone_test *t) { sl_pip_free(t->pip); }

/* Compact P to the points inside the zone. */
static void keep_inside(const zone_test *t, sl_points *p)
{
    size_t kept = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (!in_zone(t, p->lon[i], p->lat[i])) continue;
        p->lon[kept] = p->lon[i];
        p->lat[kept] = p->lat[i];
        p->time[kept] = p->time[i];
        kept++;
    }
    p->n = kept;
}

static json_t *zone_json(const sl_zone *z)
{
    if (z->kind == SL_ZONE_BBOX)
        return json_pack("{s:s, s:[f,f,f,f]}", "type", "bbox", "bbox", z->w, z->s, z->e, z->n);
    if (z->kind == SL_ZONE_CIRCLE)
        return json_pack("{s:s, s:f, s:f, s:f}", "type", "circle", "lat", z->lat, "lon", z->lon, "radius_m", z->radius_m);
    return json_pack("{s:s, s:s, s:s}", "type", "polygon", "file", z->polygon_file ? z->polygon_file : "",
                     "sha256", z->polygon_sha256 ? z->polygon_sha256 : "");
}

json_t *sl_zone_input_json(const sl_zone *z)
{
    if (z->kind != SL_ZONE_POLYGON) return NULL;
    return json_pack("{s:s, s:s, s:s}", "kind", "zone polygon", "file",
                     z->polygon_file ? sl_basename(z->polygon_file) : "",
                     "sha256", z->polygon_sha256 ? z->polygon_sha256 : "");
}

/* Distinct locations of P for the privacy rule (privacy.h). */
static sl_status distinct_count(const sl_points *p, size_t *count, sl_error *err)
{
    double *lon, *lat;
    sl_status s = sl_privacy_locations(p->lon, p->lat, p->n, &lon, &lat, count, err);
    free(lon);
    free(lat);
    return s;
}

sl_status sl_analysis_zone(sl_store *st, const sl_zone *z, double merge_radius_m, json_t **out,
                           sl_error *err)
{
    zone_test t;
    sl_points posts, cams;
    sl_cameras c = {0};
    *out = NULL;
    sl_status s = open_zone(z, &t, err);
    if (!s) s = sl_load_layer(st, "posts", NULL, NULL, &posts, err);
    if (s) { close_zone(&t); return s; }
    if ((s = sl_load_layer(st, "cameras", NULL, NULL, &cams, err))) {
        sl_points_free(&posts);
        close_zone(&t);
        return s;
    }
    int cameras_layer = cams.n > 0; /* before the zone: the store's whole layer */
    keep_inside(&t, &posts);
    keep_inside(&t, &cams);
    size_t post_places = 0, camera_places = 0;
    s = sl_cameras_from_posts(posts.lon, posts.lat, posts.time, posts.n, merge_radius_m, &c, err);
    if (!s) s = distinct_count(&posts, &post_places, err);
    if (!s) s = distinct_count(&cams, &camera_places, err);
    if (!s) {
        *out = json_pack("{s:o, s:I, s:I, s:f, s:I, s:b, s:f, s:I, s:I}", "zone", zone_json(z), "posts",
                         (json_int_t)posts.n, "cameras", (json_int_t)c.count, "merge_radius_m", merge_radius_m,
                         "camera_points", (json_int_t)cams.n, "cameras_layer", cameras_layer, "area_km2",
                         zone_area_km2(&t), "post_locations",
                         (json_int_t)post_places, "camera_point_locations", (json_int_t)camera_places);
        sl_cameras_free(&c);
        int bad = 0;
        json_t *inputs = sl_jok(json_array(), &bad), *in = sl_zone_input_json(z);
        if (in) sl_jpush(inputs, in, &bad);
        if (*out) sl_jset(*out, "inputs", inputs, &bad);
        else json_decref(inputs);
        s = sl_json_built(out, bad, err);
    }
    sl_points_free(&posts);
    sl_points_free(&cams);
    close_zone(&t);
    return s;
}

/* Z with its coordinates in the other order; 0 when that is no zone. */
static int swapped_zone(const sl_zone *z, sl_zone *out)
{
    *out = *z;
    if (z->kind == SL_ZONE_CIRCLE) {
        out->lat = z->lon, out->lon = z->lat;
        return fabs(out->lat) <= 90;
    }
    if (z->kind != SL_ZONE_BBOX) return 0;
    out->w = z->s, out->s = z->w, out->e = z->n, out->n = z->e;
    return fabs(out->s) <= 90 && fabs(out->n) <= 90 && out->w < out->e && out->s < out->n;
}

static long long points_in(const json_t *r)
{
    return sl_json_int(r, "posts") + sl_json_int(r, "camera_points");
}

sl_status sl_analysis_zone_swapped(sl_store *st, const sl_zone *z, double merge_radius_m, const json_t *found,
                                   long long *holds, sl_error *err)
{
    sl_zone sw;
    json_t *r = NULL;
    sl_status s = SL_OK;
    *holds = 0;
    if (!swapped_zone(z, &sw)) return SL_OK;
    if (!found) s = sl_analysis_zone(st, z, merge_radius_m, &r, err);
    long long here = s ? 0 : points_in(found ? found : r);
    json_decref(r);
    r = NULL;
    if (s || here) return s;
    if (!(s = sl_analysis_zone(st, &sw, merge_radius_m, &r, err))) *holds = points_in(r);
    json_decref(r);
    return s;
}
