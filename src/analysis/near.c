/*
** near.c — cameras near sensitive sites and along a road between two sites
** (see include/sightline/analysis/analyses.h; hexagon density is density.c's).
**
** "Camera" means the cameras layer when one was imported, else the unique
** locations of posts; the result says which, because the two differ.
*/
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/privacy.h"
#include "sightline/geo/spatial.h"
#include "sightline/store/store_layers.h"
#include "sightline/core/json_build.h"
#include "analysis_internal.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct cameras_grid {
    double *lon, *lat;
    size_t n;
    const char *origin;
    double merge_radius_m; /* CAMS's: posts chained within it; 0 none */
    const sl_point_grid *grid;
    sl_point_grid *own; /* the grid when built here */
} cameras_grid;

/* CAMS NULL: load them (c->lon, c->lat own them); else borrow CAMS, and
** its grid when it has one. */
static sl_status open_cameras(sl_store *st, const sl_camera_locations *cams, double cell_m, cameras_grid *c,
                              sl_error *err)
{
    memset(c, 0, sizeof *c);
    sl_status s = SL_OK;
    if (cams) c->n = cams->n, c->origin = cams->origin, c->grid = cams->grid, c->merge_radius_m = cams->merge_radius_m;
    else s = sl_load_cameras(st, &c->lon, &c->lat, &c->n, &c->origin, err);
    if (!s && !c->grid) {
        s = sl_point_grid_build(cams ? cams->lon : c->lon, cams ? cams->lat : c->lat, c->n, cell_m, &c->own, err);
        c->grid = c->own;
    }
    return s;
}

/* The radius the cameras' posts were chained within, where there was one:
** "12 cameras" of posts chained within 20 m are not 12 locations. */
static void set_merge_radius(json_t *out, const cameras_grid *c, int *bad)
{
    if (c->merge_radius_m > 0) sl_jset(out, "merge_radius_m", json_real(c->merge_radius_m), bad);
}

static void close_cameras(cameras_grid *c)
{
    sl_point_grid_free(c->own);
    free(c->lon);
    free(c->lat);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The cameras within each radius of each site and the nearest one's
** distance (INFINITY: none, FOUND 0), sites claimed one at a time by two threads:
** a site thousands of kilometres from any camera takes far longer than the
** rest. The nearest is searched once for every radius asked. Each camera
** within a radius of some site is marked in that radius's bitset: sites
** cluster (ICE offices share buildings), so the sum over sites counts one
** camera many times, and a category's total is of distinct cameras. */
typedef struct site_job {
    const sl_point_grid *grid;
    const sl_points *p;
    const double *radii;
    size_t nradii;
    size_t *within; /* radius r's count of site i at [r * p->n + i] */
    double *nearest;
    unsigned char *found;
    _Atomic uint64_t *seen; /* radius r's bitset of cameras at [r * words] */
    size_t words;
    atomic_size_t next;
} site_job;

static void mark_camera(size_t camera, double distance_m, void *ctx)
{
    (void)distance_m;
    _Atomic uint64_t *seen = ctx;
    atomic_fetch_or_explicit(&seen[camera >> 6], (uint64_t)1 << (camera & 63), memory_order_relaxed);
}

static void *measure_sites(void *arg)
{
    site_job *j = arg;
    size_t i, n = j->p->n;
    while ((i = atomic_fetch_add(&j->next, 1)) < n) {
        double d = NAN;
        for (size_t r = 0; r < j->nradii; r++)
            j->within[r * n + i] = sl_point_grid_within(j->grid, j->p->lat[i], j->p->lon[i], j->radii[r], mark_camera,
                                                        (void *)(j->seen + r * j->words));
        j->found[i] = sl_point_grid_nearest(j->grid, j->p->lat[i], j->p->lon[i], &d) >= 0;
        j->nearest[i] = j->found[i] ? d : INFINITY;
    }
    return NULL;
}

#define SITES_TWO_THREADS_FROM 64

/* The median of the N distances X (sorted in place), NAN for none. */
static double median_of(double *x, size_t n)
{
    if (n == 0) return NAN;
    qsort(x, n, sizeof *x, cmp_double);
    return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/* Per-site rows of one radius into SITES, its summary row returned;
** DISTINCT: the cameras within the radius of any of its sites; OUTSIDE: its
** sites left out of the areas measured (-1: none were asked for). */
static json_t *category_rows(const sl_points *p, const char *category, const size_t *in, const double *nearest,
                             const unsigned char *found, double median, long distinct, long outside, json_t *sites,
                             int *bad)
{
    long with = 0, within_total = 0;
    for (size_t i = 0; i < p->n; i++) {
        with += in[i] > 0;
        within_total += (long)in[i];
        json_t *row = sl_jok(json_pack("{s:s, s:s, s:s, s:I}", "id", sl_points_id(p, i), "name", sl_points_text(p, i),
                                       "category", category, "within", (json_int_t)in[i]), bad);
        sl_jset(row, "nearest_m", found[i] ? json_real(round(nearest[i] * 10) / 10) : json_null(), bad);
        sl_jpush(sites, row, bad);
    }
    json_t *summary = json_pack("{s:s, s:I, s:I, s:I, s:I}", "category", category, "sites", (json_int_t)p->n,
                                "sites_with_camera", (json_int_t)with, "cameras_within", (json_int_t)distinct,
                                "site_camera_pairs", (json_int_t)within_total);
    sl_jset(summary, "median_nearest_m", isfinite(median) ? json_real(round(median * 10) / 10) : json_null(), bad);
    if (outside >= 0) sl_jset(summary, "sites_outside", json_integer(outside), bad);
    return sl_jok(summary, bad);
}

/* Sites of one category, for each radius r: per-site rows into SITES[r], a
** summary row into CATEGORIES[r]. */
static void near_category(const cameras_grid *c, const sl_points *p, const char *category, long outside,
                          const double *radii, size_t nradii, json_t **sites, json_t **categories, int *bad)
{
    double *nearest = malloc((p->n + 1) * sizeof *nearest), *sorted = malloc((p->n + 1) * sizeof *sorted);
    size_t *in = malloc((nradii * p->n + 1) * sizeof *in), words = c->n / 64 + 1;
    unsigned char *found = malloc(p->n + 1);
    _Atomic uint64_t *seen = calloc(nradii * words, sizeof *seen);
    if (!nearest || !sorted || !in || !found || !seen) { /* no median rather than a wrong one */
        free(nearest), free(sorted), free(in), free(found), free((void *)seen);
        *bad = 1;
        return;
    }
    site_job job = {c->grid, p, radii, nradii, in, nearest, found, seen, words, 0};
    pthread_t t;
    int two = p->n >= SITES_TWO_THREADS_FROM && pthread_create(&t, NULL, measure_sites, &job) == 0;
    measure_sites(&job);
    if (two) pthread_join(t, NULL);
    memcpy(sorted, nearest, p->n * sizeof *sorted);
    double median = median_of(sorted, p->n);
    for (size_t r = 0; r < nradii; r++) {
        long distinct = 0;
        for (size_t w = 0; w < words; w++) distinct += __builtin_popcountll(atomic_load(&seen[r * words + w]));
        sl_jpush(categories[r],
                 category_rows(p, category, in + r * p->n, nearest, found, median, distinct, outside, sites[r], bad), bad);
    }
    free(nearest), free(sorted), free(in), free(found), free((void *)seen);
}

sl_status sl_analysis_near(sl_store *st, const char *category, double radius_m, json_t **out,
                           sl_error *err)
{
    sl_near_sites which = {.category = category};
    return sl_analysis_near_radii(st, NULL, &which, &radius_m, 1, out, err);
}

#define MAX_RADII 2

/* The names of the NAREAS sets AREAS as a JSON array. */
static json_t *set_names(const char *const *areas, size_t nareas, int *bad)
{
    json_t *names = sl_jok(json_array(), bad);
    for (size_t k = 0; k < nareas; k++) sl_jpush(names, json_string(areas[k]), bad);
    return names;
}

sl_status sl_analysis_near_radii(sl_store *st, const sl_camera_locations *cams, const sl_near_sites *which,
                                 const double *radii, size_t nradii, json_t **out, sl_error *err)
{
    static const sl_near_sites EVERY_SITE = {0};
    if (!which) which = &EVERY_SITE;
    const char *category = which->category;
    for (size_t r = 0; r < nradii; r++) out[r] = NULL;
    if (nradii == 0 || nradii > MAX_RADII) return sl_fail(err, SL_EUSAGE, NULL, 0, "one or two radii");
    double cell_m = 0;
    for (size_t r = 0; r < nradii; r++) {
        if (!(radii[r] > 0)) return sl_fail(err, SL_EUSAGE, NULL, 0, "--radius must be positive meters");
        cell_m = fmax(cell_m, radii[r]);
    }
    sl_arena arena = {0};
    const char **cats;
    size_t ncats;
    cameras_grid c;
    sl_status s = sl_store_point_categories(st, "sites", &arena, &cats, &ncats, err);
    if (!s && ncats == 0) s = sl_fail(err, SL_EDATA, sl_store_path(st), 0, "no sites imported (sightline import sites FILE --category NAME)");
    if (!s && (!cams || cams->n == 0)) s = sl_analysis_need_points(st, "cameras,posts", err);
    if (!s) s = open_cameras(st, cams, cell_m, &c, err);
    if (s) { sl_arena_free(&arena); return s; }
    int bad = 0, matched = 0;
    long outside = which->nareas ? 0 : -1; /* sites left out, in every category measured */
    json_t *sites[MAX_RADII], *categories[MAX_RADII];
    for (size_t r = 0; r < nradii; r++)
        sites[r] = sl_jok(json_array(), &bad), categories[r] = sl_jok(json_array(), &bad);
    for (size_t k = 0; !s && k < ncats; k++) {
        if (category && strcasecmp(category, cats[k]) != 0) continue;
        sl_points p;
        matched = 1;
        size_t left = 0;
        if ((s = sl_load_layer(st, "sites", cats[k], NULL, &p, err))) break;
        if (which->nareas) s = sl_points_keep_in_sets(st, which->areas, which->nareas, which->states, &p, &left, err);
        if (!s) near_category(&c, &p, cats[k], which->nareas ? (long)left : -1, radii, nradii, sites, categories, &bad);
        if (which->nareas) outside += (long)left;
        sl_points_free(&p);
    }
    if (!s && !matched) {
        const char *found;
        s = sl_find_category(st, "sites", category, &arena, &found, err); /* names the categories */
    }
    for (size_t r = 0; r < nradii; r++) {
        if (!s) out[r] = json_pack("{s:f, s:s, s:I, s:o, s:o}", "radius_m", radii[r], "cameras_from", c.origin,
                                   "cameras", (json_int_t)c.n, "sites", sites[r], "categories", categories[r]);
        else json_decref(sites[r]), json_decref(categories[r]);
        if (!s && out[r]) set_merge_radius(out[r], &c, &bad);
        if (!s && out[r] && which->nareas) {
            sl_jset(out[r], "areas", set_names(which->areas, which->nareas, &bad), &bad);
            sl_jset(out[r], "sites_outside", json_integer(outside), &bad);
        }
        if (!s) s = sl_json_built(&out[r], bad, err);
    }
    for (size_t r = 0; s && r < nradii; r++) json_decref(out[r]), out[r] = NULL;
    close_cameras(&c);
    sl_arena_free(&arena);
    return s;
}

/* Find a site by id among every site. */
static int find_site(const sl_points *p, const char *id, double *lat, double *lon)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(sl_points_id(p, i), id) == 0) {
            *lat = p->lat[i];
            *lon = p->lon[i];
            return 1;
        }
    return 0;
}

sl_status sl_analysis_corridor(sl_store *st, const sl_camera_locations *cams, const char *site_a,
                               const char *site_b, double width_m, json_t **out, sl_error *err)
{
    *out = NULL;
    if (!(width_m > 0)) return sl_fail(err, SL_EUSAGE, NULL, 0, "--width must be positive meters");
    sl_points sites;
    cameras_grid c;
    double la, loa, lb, lob;
    sl_status s = sl_load_layer(st, "sites", NULL, NULL, &sites, err);
    if (s) return s;
    if (!find_site(&sites, site_a, &la, &loa) || !find_site(&sites, site_b, &lb, &lob)) {
        s = sl_fail(err, SL_EDATA, sl_store_path(st), 0, "no site with id '%s'",
                    find_site(&sites, site_a, &la, &loa) ? site_b : site_a);
        sl_points_free(&sites);
        return s;
    }
    sl_points_free(&sites);
    /* "0 cameras along 247 km" would read as a finding */
    if ((!cams || cams->n == 0) && (s = sl_analysis_need_points(st, "cameras,posts", err))) return s;
    if ((s = open_cameras(st, cams, width_m, &c, err))) return s;
    size_t n = sl_point_grid_corridor(c.grid, la, loa, lb, lob, width_m, NULL);
    *out = json_pack("{s:s, s:s, s:f, s:f, s:s, s:I}", "from", site_a, "to", site_b, "width_m", width_m,
                     "length_m", round(sl_distance_m(la, loa, lb, lob)), "cameras_from", c.origin, "cameras",
                     (json_int_t)n);
    int bad = 0;
    if (*out) set_merge_radius(*out, &c, &bad);
    close_cameras(&c);
    return sl_json_built(out, bad, err);
}
