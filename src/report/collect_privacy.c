/*
** collect_privacy.c — the audit's published counts and distances under the
** privacy rule (include/sightline/analysis/privacy.h): a count of cameras or posts
** for a place (area, zone, circle around a site) holding fewer than k
** distinct camera locations is withheld, and distances from public sites to
** cameras are binned, unless the caller asked for exact outputs.
**
** A withheld count is JSON null with a sibling "<key>_suppressed": true, in
** summary.json, the map data and data/ alike: a number column stays a
** number column in GIS, and the report prints "< k" for it.
*/
#include "report_internal.h"
#include "sightline/analysis/privacy.h"
#include "sightline/geo/spatial.h"
#include "sightline/store/store_layers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sl_privacy_withhold(json_t *obj, const char *key)
{
    char flag[96];
    snprintf(flag, sizeof flag, "%s_suppressed", key);
    /* Setting can fail only when memory runs out; the figure must then go
    ** anyway (deleting never allocates), so it is never published raw. */
    if (json_object_set_new(obj, key, json_null())) json_object_del(obj, key);
    json_object_set_new(obj, flag, json_true());
}

int sl_privacy_withheld(json_t *obj, const char *key)
{
    char flag[96];
    snprintf(flag, sizeof flag, "%s_suppressed", key);
    return json_is_true(json_object_get(obj, flag));
}

sl_status sl_privacy_places(audit *a, const char *layer, const audit_places **out, sl_error *err)
{
    const char *resolved = layer;
    sl_status s = SL_OK;
    if (!layer) {
        long cameras = 0;
        s = sl_store_count_points(a->st, "cameras", NULL, &cameras, err);
        resolved = cameras > 0 ? "cameras" : "posts";
    }
    int posts = strcmp(resolved, "posts") == 0;
    audit_places *p = &a->places[posts ? 0 : 1];
    /* The posts' locations come with their grouping into cameras (one sort for both). */
    if (!s && posts) s = sl_audit_places_grouped(a, err);
    if (!s && !p->ready) {
        s = sl_privacy_layer_locations(a->st, resolved, &p->lon, &p->lat, &p->n, NULL, err);
        p->ready = !s;
    }
    *out = p;
    return s;
}

void sl_audit_privacy_free(audit *a)
{
    for (size_t i = 0; i < a->n_area_counts; i++) {
        free(a->area_counts[i].set);
        free(a->area_counts[i].counts);
    }
    free(a->area_counts);
    a->area_counts = NULL;
    a->n_area_counts = 0;
    for (int i = 0; i < 2; i++) {
        free(a->places[i].lon);
        free(a->places[i].lat);
        free(a->places[i].camera);
        free(a->places[i].cameras_in);
        memset(&a->places[i], 0, sizeof a->places[i]);
    }
}

/* The distinct locations P per area of SET, counted once per audit. */
static sl_status area_counts(audit *a, const char *set, const audit_places *p, const audit_area_counts **out,
                             sl_error *err)
{
    for (size_t i = 0; i < a->n_area_counts; i++)
        if (a->area_counts[i].places == p && strcmp(a->area_counts[i].set, set) == 0) {
            *out = &a->area_counts[i];
            return SL_OK;
        }
    audit_area_counts *grown = realloc(a->area_counts, (a->n_area_counts + 1) * sizeof *grown);
    if (!grown) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    a->area_counts = grown;
    audit_area_counts c = {p, strdup(set), NULL, 0};
    sl_status s = c.set ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    /* The places that are exactly one of the posts' cameras lie in its area:
    ** the cameras are located for the posts' join anyway. */
    sl_camera_locations cams = {0};
    sl_privacy_known known = {NULL, NULL};
    if (!s && p->camera && a->cameras.posts_of && !(s = sl_audit_cameras_in(a, set, &cams, err)))
        known = (sl_privacy_known){p->camera, cams.area};
    if (!s) s = sl_privacy_area_locations(a->st, set, p->lon, p->lat, p->n, known.of ? &known : NULL, &c.counts, &c.n, err);
    if (s) {
        free(c.set);
        return s;
    }
    a->area_counts[a->n_area_counts] = c;
    *out = &a->area_counts[a->n_area_counts++];
    return SL_OK;
}

sl_status sl_privacy_area_rows(audit *a, const char *set, const char *layer, json_t *rows, sl_error *err)
{
    if (a->o.exact) return SL_OK;
    const audit_area_counts *c = NULL;
    const audit_places *p;
    sl_status s = sl_privacy_places(a, layer, &p, err);
    if (!s) s = area_counts(a, set, p, &c, err);
    if (s) return s;
    const uint64_t *counts = c->counts;
    size_t n = c->n;
    const char *keys[] = {"count", "per_km2", "per_1000", "events", "lq"};
    for (size_t i = 0; i < n && i < json_array_size(rows); i++) {
        if (counts[i] >= a->o.k) continue;
        json_t *row = json_array_get(rows, i);
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            if (json_object_get(row, keys[k])) sl_privacy_withhold(row, keys[k]);
    }
    return SL_OK;
}

void sl_privacy_zone(audit *a, json_t *zone)
{
    if (a->o.exact) return;
    if (json_integer_value(json_object_get(zone, "post_locations")) < a->o.k) {
        sl_privacy_withhold(zone, "posts");
        sl_privacy_withhold(zone, "cameras");
    }
    if (json_integer_value(json_object_get(zone, "camera_point_locations")) < a->o.k)
        sl_privacy_withhold(zone, "camera_points");
    /* The distinct counts are the figures being protected. */
    json_object_del(zone, "post_locations");
    json_object_del(zone, "camera_point_locations");
}

static void bin_distance(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    /* As sl_privacy_withhold: an exact distance that cannot be binned is removed. */
    if (json_is_number(v) && json_object_set_new(obj, key, json_real(sl_privacy_distance_bin(json_number_value(v)))))
        json_object_del(obj, key);
}

sl_status sl_privacy_near_through(const audit_places *p, const sl_point_grid *cameras, double cell_m,
                                  audit_near_places *ix, sl_error *err)
{
    memset(ix, 0, sizeof *ix);
    ix->cameras = cameras;
    ix->sole = p->cameras_in;
    size_t m = 0;
    for (size_t i = 0; i < p->n; i++) m += p->camera[i] == UINT32_MAX;
    ix->mlon = malloc((m + 1) * sizeof *ix->mlon);
    ix->mlat = malloc((m + 1) * sizeof *ix->mlat);
    if (!ix->mlon || !ix->mlat) {
        sl_privacy_near_free(ix);
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0, j = 0; i < p->n; i++)
        if (p->camera[i] == UINT32_MAX) ix->mlon[j] = p->lon[i], ix->mlat[j++] = p->lat[i];
    sl_status s = sl_point_grid_build(ix->mlon, ix->mlat, m, cell_m, &ix->merged, err);
    if (s) sl_privacy_near_free(ix);
    return s;
}

void sl_privacy_near_free(audit_near_places *ix)
{
    free(ix->mlon);
    free(ix->mlat);
    sl_point_grid_free(ix->merged);
    memset(ix, 0, sizeof *ix);
}

typedef struct sole_count {
    const uint64_t *sole;
    size_t n;
} sole_count;

static void count_sole(size_t camera, double distance_m, void *ctx)
{
    (void)distance_m;
    sole_count *c = ctx;
    c->n += c->sole[camera >> 6] >> (camera & 63) & 1;
}

/* The locations within RADIUS of (LAT, LON): a camera that is a location
** lies where it does, to the bit, so it is within exactly when the location is. */
size_t sl_privacy_places_within(const audit_near_places *ix, double lat, double lon, double radius)
{
    if (ix->places) return sl_point_grid_within(ix->places, lat, lon, radius, NULL, NULL);
    sole_count c = {ix->sole, 0};
    sl_point_grid_within(ix->cameras, lat, lon, radius, count_sole, &c);
    return c.n + sl_point_grid_within(ix->merged, lat, lon, radius, NULL, NULL);
}

/* Distinct camera locations within RADIUS of every site, in the order of
** sl_analysis_near's rows (categories in store order, sites in layer order). */
static sl_status near_locations(audit *a, const audit_near_places *g, double radius, json_t *rows, sl_error *err)
{
    sl_arena arena = {0};
    const char **cats;
    size_t ncats, row = 0;
    sl_status s = sl_store_point_categories(a->st, "sites", &arena, &cats, &ncats, err);
    for (size_t c = 0; !s && c < ncats; c++) {
        sl_points p;
        if ((s = sl_load_layer(a->st, "sites", cats[c], NULL, &p, err))) break;
        for (size_t i = 0; i < p.n; i++, row++) {
            json_t *r = json_array_get(rows, row);
            size_t within = sl_privacy_places_within(g, p.lat[i], p.lon[i], radius);
            if (r && within < a->o.k) sl_privacy_withhold(r, "within");
            bin_distance(r, "nearest_m");
        }
        sl_points_free(&p);
    }
    sl_arena_free(&arena);
    return s;
}

/* One answer of sl_analysis_near (radius_m, categories, sites), with G an
** index of the distinct locations. */
static sl_status near_one(audit *a, const audit_near_places *g, json_t *near, sl_error *err)
{
    double radius = json_number_value(json_object_get(near, "radius_m"));
    sl_status s = near_locations(a, g, radius, json_object_get(near, "sites"), err);
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(near, "categories"), i, row) {
        bin_distance(row, "median_nearest_m");
        /* A category's total is a count of cameras around public places too. */
        if (json_integer_value(json_object_get(row, "cameras_within")) < a->o.k)
            sl_privacy_withhold(row, "cameras_within");
    }
    json_object_set_new(near, "distance_bin_m", json_real(SL_PRIVACY_DISTANCE_BIN_M));
    return s;
}

sl_status sl_privacy_near(audit *a, const audit_near_places *g, json_t *const *near, size_t n, sl_error *err)
{
    if (a->o.exact) return SL_OK;
    sl_status s = SL_OK;
    for (size_t i = 0; i < n; i++) {
        sl_status t = s ? s : near_one(a, g, near[i], err);
        if (!s) s = t;
    }
    return s;
}

json_t *sl_privacy_summary(const audit *a)
{
    return json_pack("{s:b, s:I, s:f, s:f, s:f, s:s}", "exact", a->o.exact, "k", (json_int_t)a->o.k, "merge_m",
                     SL_PRIVACY_MERGE_M, "min_hex_m", SL_PRIVACY_MIN_HEX_M, "distance_bin_m",
                     a->o.exact ? 0.0 : SL_PRIVACY_DISTANCE_BIN_M, "withheld",
                     a->o.exact ? "nothing (--exact)"
                                : "a count of cameras or posts for a place holding fewer than k distinct camera "
                                  "locations is null, with <name>_suppressed: true beside it");
}
