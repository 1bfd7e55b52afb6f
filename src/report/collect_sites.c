/*
** collect_sites.c — the audit's sensitive sites and zones: cameras counted
** near each site at the two radii, the sites' map rows and legend label,
** and the posts and cameras inside each --zone. Apart from
** collect_spatial.c (areas, joins, camera density), whose figures are per
** area or cell, these are per place a reader names.
*/
#include "report_internal.h"
#include "sightline/core/text.h"
#include "sightline/geo/spatial.h"
#include "sightline/analysis/privacy.h"
#include "sightline/store/store_layers.h"

#include <stdlib.h>
#include <string.h>

/* "<length of CATEGORY>:<CATEGORY><ID>", malloc'd (NULL out of memory). */
static char *site_key(const char *category, const char *id)
{
    if (!category || !id) return NULL;
    size_t n = strlen(category) + strlen(id) + 24;
    char *key = malloc(n);
    if (key) snprintf(key, n, "%zu:%s%s", strlen(category), category, id);
    return key;
}

/* The rows of NEAR's sites by category and id: each site finds its row in
** one lookup (a search of the list per site was quadratic: a fifth of a
** second for 1,532 sites, minutes for a country's 100,000 schools). The
** key spells the category's length first, so no two pairs share one. NULL
** when NEAR is, or out of memory (A->bad is set). */
static json_t *site_rows(audit *a, json_t *near)
{
    if (!near) return NULL;
    json_t *by = sl_jok(json_object(), &a->bad), *row;
    size_t i;
    json_array_foreach(json_object_get(near, "sites"), i, row) {
        char *key = site_key(json_string_value(json_object_get(row, "category")),
                             json_string_value(json_object_get(row, "id")));
        /* the first row of a pair, as the search found it (ids may repeat) */
        if (!key || !by || (!json_object_get(by, key) && json_object_set(by, key, row) != 0)) a->bad = 1;
        free(key);
    }
    return by;
}

/* The row of site (CATEGORY, ID), the K-th site loaded: NEAR lists the
** sites in the order map_sites loads them (category by category, each in
** store order), so the K-th row is the site's own, even where a file gave
** two sites one id (a school's repeated incidents; an empty id cell). The
** lookup by key in ROWS is the fallback, should the lists ever part. */
static json_t *find_site_row(json_t *near, json_t *rows, size_t k, const char *category, const char *id)
{
    json_t *row = json_array_get(json_object_get(near, "sites"), k);
    if (row && !strcmp(sl_json_str(row, "category"), category) && !strcmp(sl_json_str(row, "id"), id)) return row;
    char *key = rows ? site_key(category, id) : NULL;
    row = key ? json_object_get(rows, key) : NULL;
    free(key);
    return row;
}

/* What the sites are, as the store holds it, for headings and legends:
** "sites of category “ice”, from PUBLISHER" (every category with its count
** when there are several; the publishers of the sites' imports, else their
** files). A bare "sites" said nothing of what was counted. */
static void sites_label(audit *a)
{
    json_t *cats = json_object(), *site, *in, *v;
    const char *k;
    size_t i;
    char buf[1600] = "sites of categor", n[32];
    json_array_foreach(json_object_get(a->map, "sites"), i, site) {
        const char *c = sl_json_str(site, "category");
        json_object_set_new(cats, c ? c : "", json_integer(json_integer_value(json_object_get(cats, c ? c : "")) + 1));
    }
    size_t ncat = json_object_size(cats), w = strlen(buf), from = 0;
    w += (size_t)snprintf(buf + w, sizeof buf - w, "%s", ncat == 1 ? "y" : "ies");
    i = 0;
    json_object_foreach(cats, k, v) {
        if (w >= sizeof buf) break;
        w += (size_t)snprintf(buf + w, sizeof buf - w, "%s“%s”", i++ ? ", " : " ", k);
        if (ncat > 1 && w < sizeof buf)
            w += (size_t)snprintf(buf + w, sizeof buf - w, " (%s)", sl_thousands(json_integer_value(v), n));
    }
    json_array_foreach(json_object_get(a->summary, "inputs"), i, in) {
        const char *pub = sl_json_str(in, "publisher"), *file = sl_json_str(in, "file");
        if (strcmp(sl_json_str(in, "kind"), "sites") || w >= sizeof buf) continue;
        w += (size_t)snprintf(buf + w, sizeof buf - w, "%s%s", from++ ? "; " : ", from ",
                              pub && *pub ? pub : file ? file : "");
    }
    json_decref(cats);
    if (ncat) sl_jset(a->map, "sites_label", json_string(buf), &a->bad);
}

const char **sl_audit_local_sets(audit *a, size_t *n)
{
    /* a state's report: the sets holding areas of its states (collect_spatial.c) */
    json_t *names = json_object_get(json_object_get(a->summary, a->scope ? "scope" : "local_areas"),
                                    a->scope ? "area_sets" : "sets");
    *n = 0;
    if (!json_array_size(names)) return NULL;
    const char **sets = malloc(json_array_size(names) * sizeof *sets);
    if (!sets) {
        a->bad = 1;
        return NULL;
    }
    for (; *n < json_array_size(names); (*n)++) sets[*n] = json_string_value(json_array_get(names, *n));
    return sets;
}

/* The sites of CATEGORY the audit measures into P: those inside the local
** study's areas (SETS) when there are some, else every one. */
sl_status sl_audit_load_sites(audit *a, const char *category, const char *const *sets, size_t nsets, sl_points *p,
                              size_t *left, sl_error *err)
{
    size_t dropped = 0;
    sl_status s = sl_load_layer(a->st, "sites", category, NULL, p, err);
    if (!s && nsets && (s = sl_points_keep_in_sets(a->st, sets, nsets, a->scope, p, &dropped, err))) sl_points_free(p);
    if (left) *left = dropped;
    return s;
}

static sl_status map_sites(audit *a, const char *const *sets, size_t nsets, json_t *small, json_t *large,
                           sl_error *err)
{
    sl_arena arena = {0};
    const char **cats;
    size_t n;
    sl_status s = sl_store_point_categories(a->st, "sites", &arena, &cats, &n, err);
    json_t *rows_small = site_rows(a, small), *rows_large = site_rows(a, large);
    size_t k = 0, kept = 0, left = 0; /* sites loaded so far: the position of this one's rows */
    for (size_t c = 0; !s && c < n; c++) {
        sl_points p;
        size_t out = 0;
        if ((s = sl_audit_load_sites(a, cats[c], sets, nsets, &p, &out, err))) break;
        kept += p.n, left += out;
        for (size_t i = 0; i < p.n; i++, k++) {
            json_t *r1 = find_site_row(small, rows_small, k, cats[c], sl_points_id(&p, i));
            json_t *r2 = find_site_row(large, rows_large, k, cats[c], sl_points_id(&p, i));
            json_t *site = json_pack("{s:s, s:s, s:s, s:f, s:f, s:O*, s:O*}", "id", sl_points_id(&p, i), "name",
                                     sl_points_text(&p, i), "category", cats[c], "lon", p.lon[i], "lat", p.lat[i],
                                     "within_small", json_object_get(r1, "within"), "within_large",
                                     json_object_get(r2, "within"));
            if (r1 && sl_privacy_withheld(r1, "within")) sl_privacy_withhold(site, "within_small");
            if (r2 && sl_privacy_withheld(r2, "within")) sl_privacy_withhold(site, "within_large");
            sl_jpush(json_object_get(a->map, "sites"), site, &a->bad);
        }
        sl_points_free(&p);
    }
    json_decref(rows_small);
    json_decref(rows_large);
    sl_arena_free(&arena);
    if (!s && a->scope) { /* said in the report: how many it measured, how many it left out */
        json_t *scope = json_object_get(a->summary, "scope");
        sl_jset(scope, "sites", json_integer((json_int_t)kept), &a->bad);
        sl_jset(scope, "sites_left_out", json_integer((json_int_t)left), &a->bad);
    }
    if (!s) sites_label(a);
    return s;
}

typedef struct grid_job {
    const double *lon, *lat;
    size_t n;
    double cell_m;
    sl_point_grid *grid;
    sl_status s;
    sl_error err;
} grid_job;

static void *build_grid(void *arg)
{
    grid_job *j = arg;
    j->s = sl_point_grid_build(j->lon, j->lat, j->n, j->cell_m, &j->grid, &j->err);
    return NULL;
}

/* The sites' figures: cameras within both radii of each site and the
** nearest, from one grid of the cameras (cells of the larger radius); and,
** unless exact, the distinct locations within them. When the locations are
** the posts' places, mostly their cameras to the bit, they are counted
** through the cameras' grid (sl_privacy_near_through); else from a grid of
** their own, ten million points at national scale, built on a thread of its
** own while the cameras' questions are asked (they read the store; the
** grid does not). */
static sl_status near_both(audit *a, const sl_near_sites *which, const sl_camera_locations *cams,
                           const audit_places *places, json_t **small, json_t **large, sl_error *err)
{
    double cell_m = fmax(a->o.near_m[0], a->o.near_m[1]);
    int through = places && places->camera && places->cameras_in && a->cameras.posts_of;
    grid_job cj = {cams->lon, cams->lat, cams->n, cell_m, NULL, SL_OK, {0}};
    grid_job pj = {places ? places->lon : NULL, places ? places->lat : NULL, places ? places->n : 0, cell_m, NULL,
                   SL_OK, {0}};
    build_grid(&cj);
    audit_task second = {0};
    if (!cj.s && places && !through) sl_audit_task_start(&second, build_grid, &pj);
    sl_status s = cj.s;
    if (s) *err = cj.err;
    sl_camera_locations indexed = *cams;
    indexed.grid = cj.grid;
    json_t *got[2] = {NULL, NULL};
    if (!s) s = sl_analysis_near_radii(a->st, &indexed, which, a->o.near_m, 2, got, err);
    *small = got[0], *large = got[1];
    sl_audit_task_wait(&second);
    if (!s && pj.s) s = pj.s, *err = pj.err;
    audit_near_places ix = {.places = pj.grid};
    if (!s && through) s = sl_privacy_near_through(places, cj.grid, cell_m, &ix, err);
    json_t *both[2] = {*small, *large};
    if (!s && places) s = sl_privacy_near(a, &ix, both, 2, err);
    sl_privacy_near_free(&ix);
    sl_point_grid_free(cj.grid);
    sl_point_grid_free(pj.grid);
    return s;
}

sl_status sl_audit_sites(audit *a, sl_error *err)
{
    json_t *layers = json_object_get(a->summary, "layers");
    if (json_integer_value(json_object_get(layers, "sites")) == 0) {
        sl_audit_skip(a, "sensitive sites", "no list of sensitive sites (schools, clinics, detention centres) was "
                                         "supplied");
        return SL_OK;
    }
    json_t *small = NULL, *large = NULL;
    size_t nsets;
    const char **sets = sl_audit_local_sets(a, &nsets);
    sl_near_sites which = {NULL, sets, nsets, a->scope};
    sl_status s = SL_OK;
    if (a->scope && !nsets) { /* no area tells which sites lie in the states: none is guessed */
        char why[700];
        snprintf(why, sizeof why, "no area set with US FIPS ids (counties, tracts) holds an area in %s, so which "
                 "sensitive sites lie there cannot be told; none is shown", a->scope_names);
        sl_audit_skip(a, "sensitive sites", why);
        free(sets);
        return SL_OK;
    }
    if (json_integer_value(json_object_get(layers, "posts")) == 0 &&
        json_integer_value(json_object_get(layers, "cameras")) == 0) {
        sl_audit_skip(a, "cameras near sensitive sites", "no camera locations were supplied, so the sites are shown on "
                                                      "the map but cameras near them could not be counted");
        s = map_sites(a, sets, nsets, NULL, NULL, err);
        free(sets);
        return s;
    }
    const sl_camera_locations *cams;
    const audit_places *places = NULL;
    s = sl_audit_camera_locations(a, &cams, NULL, err);
    if (!s && !a->o.exact) s = sl_privacy_places(a, NULL, &places, err);
    if (!s) s = near_both(a, &which, cams, places, &small, &large, err);
    if (!s) s = map_sites(a, sets, nsets, small, large, err);
    if (!s) sl_jset(a->summary, "sites", json_pack("[O, O]", small, large), &a->bad);
    json_decref(small);
    json_decref(large);
    free(sets);
    return s;
}

sl_status sl_audit_zones(audit *a, sl_error *err)
{
    if (a->o.nzones == 0) {
        sl_audit_skip(a, "zones", "no zone (a neighbourhood or district drawn by the reporter) was asked for");
        return SL_OK;
    }
    json_t *zones = json_array();
    sl_jset(a->summary, "zones", zones, &a->bad);
    for (size_t i = 0; i < a->o.nzones; i++) {
        json_t *r;
        sl_status s = sl_analysis_zone(a->st, &a->o.zones[i].zone, 0, &r, err);
        if (s) return s;
        sl_jset(r, "name", json_string(a->o.zones[i].name), &a->bad);
        sl_privacy_zone(a, r);
        sl_jpush(zones, r, &a->bad);
    }
    return SL_OK;
}
