/*
** collect_privacy.c — the audit's published counts and distances under the
** privacy rule (include/sightline/analysis/privacy.h): a count of cameras or posts
** for a place (area, zone, circle around a site, a text filter's matches in
** an area) holding fewer than k distinct camera locations is withheld; so
** are the figures that would let a reader subtract their way to such a
** count (overlapping site circles, a category's totals over a withheld
** site); no site's nearest camera is published, and a category's median
** distance only in bins and for k sites or more; unless the caller asked
** for exact outputs. Overlapping zones are refused (privacy_zones.c).
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

void sl_privacy_withhold_as(json_t *props, const char *key, json_t *row, const char *row_key)
{
    if (!sl_privacy_withheld(row, row_key)) return;
    sl_privacy_withhold(props, key);
    if (json_is_true(json_object_get(row, "withheld_to_protect"))) {
        char flag[96];
        snprintf(flag, sizeof flag, "%s_protects", key);
        json_object_set_new(props, flag, json_true());
    }
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
    for (int i = 0; i < 2; i++) {
        audit_set_views *sv = &a->set_views[i];
        for (size_t s = 0; s < sv->m; s++) {
            free(sv->names ? sv->names[s] : NULL);
            if (!sv->views) continue;
            free(sv->views[s].area_of);
            free(sv->views[s].counts);
            free(sv->views[s].shown);
        }
        free(sv->names);
        free(sv->views);
        memset(sv, 0, sizeof *sv);
    }
    for (int i = 0; i < 2; i++) {
        free(a->places[i].lon);
        free(a->places[i].lat);
        free(a->places[i].camera);
        free(a->places[i].cameras_in);
        memset(&a->places[i], 0, sizeof a->places[i]);
    }
}

/* Withhold a join row's count and what is derived from it; PROTECTS: the
** row holds k or more, and is withheld only so that the others cannot be
** subtracted from a total (the report says "withheld", not "< k"). */
static void withhold_row(json_t *row, int protects)
{
    static const char *const KEYS[] = {"count", "per_km2", "per_1000", "events", "lq"};
    for (size_t k = 0; k < sizeof KEYS / sizeof *KEYS; k++)
        if (json_object_get(row, KEYS[k])) sl_privacy_withhold(row, KEYS[k]);
    if (protects) json_object_set_new(row, "withheld_to_protect", json_true());
}


/* Every area set of the store under the rule within and across sets for
** the places P (privacy_sets.c), into SV. */
static sl_status work_out_views(audit *a, const audit_places *p, audit_set_views *sv, sl_error *err)
{
    sl_arena arena = {0};
    const char **names = NULL;
    size_t m = 0;
    sl_status s = sl_store_area_sets(a->st, &arena, &names, &m, err);
    if (!s) {
        sv->names = calloc(m + 1, sizeof *sv->names);
        sv->views = calloc(m + 1, sizeof *sv->views);
        if (!sv->names || !sv->views) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        else sv->m = m;
    }
    for (size_t i = 0; !s && i < m; i++) {
        sl_privacy_set_view *v = &sv->views[i];
        if (!(sv->names[i] = strdup(names[i]))) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        if (!s) s = sl_privacy_area_of(a->st, names[i], p->lon, p->lat, p->n, &v->area_of, &v->n_areas, err);
        if (!s) {
            v->counts = calloc(v->n_areas + 1, sizeof *v->counts);
            v->shown = calloc(v->n_areas + 1, 1);
            if (!v->counts || !v->shown) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        }
    }
    sl_arena_free(&arena);
    if (!s) s = sl_privacy_across_sets(sv->views, sv->m, p->n, a->o.k, err);
    if (!s) sv->places = p;
    return s;
}

/* SET's areas under the rule within and across sets, for the places P. */
static sl_status set_view(audit *a, const audit_places *p, const char *set, const sl_privacy_set_view **out,
                          sl_error *err)
{
    audit_set_views *sv = &a->set_views[p == &a->places[0] ? 0 : 1];
    sl_status s = sv->places ? SL_OK : work_out_views(a, p, sv, err);
    for (size_t i = 0; !s && i < sv->m; i++)
        if (strcmp(sv->names[i], set) == 0) {
            *out = &sv->views[i];
            return SL_OK;
        }
    return s ? s : sl_fail(err, SL_EDATA, NULL, 0, "no area set '%s'", set);
}

sl_status sl_privacy_area_rows(audit *a, const char *set, const char *layer, json_t *rows, sl_error *err)
{
    if (a->o.exact) return SL_OK;
    const sl_privacy_set_view *v = NULL;
    const audit_places *p;
    sl_status s = sl_privacy_places(a, layer, &p, err);
    if (!s) s = set_view(a, p, set, &v, err);
    if (s) return s;
    /* the areas' total is published (the join's points, the disparity's
    ** events): the withheld rows must hold k or more between them, and so
    ** must what is left of an area of another set around shown ones */
    for (size_t i = 0; i < v->n_areas && i < json_array_size(rows); i++)
        if (!v->shown[i]) withhold_row(json_array_get(rows, i), sl_privacy_count_shown(v->counts[i], a->o.k));
    return SL_OK;
}

static void free_views(sl_privacy_set_view *v, size_t m)
{
    for (size_t i = 0; v && i < m; i++) {
        free(v[i].area_of);
        free(v[i].counts);
        free(v[i].shown);
        free((void *)v[i].hide);
    }
    free(v);
}

/* The N matching locations of a text filter in every area set of SV (the
** posts'), under the rule within and across sets, with the areas whose
** posts SV withholds withheld: *OUT, one view per set of SV. */
static sl_status filter_views(audit *a, const audit_set_views *sv, const double *lon, const double *lat, size_t n,
                              sl_privacy_set_view **out, sl_error *err)
{
    sl_privacy_set_view *v = calloc(sv->m + 1, sizeof *v);
    sl_status s = v ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; !s && i < sv->m; i++) {
        s = sl_privacy_area_of(a->st, sv->names[i], lon, lat, n, &v[i].area_of, &v[i].n_areas, err);
        unsigned char *hide = s ? NULL : calloc(v[i].n_areas + 1, 1);
        v[i].hide = hide;
        v[i].counts = s ? NULL : calloc(v[i].n_areas + 1, sizeof *v[i].counts);
        v[i].shown = s ? NULL : calloc(v[i].n_areas + 1, 1);
        if (!s && (!hide || !v[i].counts || !v[i].shown)) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        for (size_t k = 0; !s && k < v[i].n_areas; k++) hide[k] = k >= sv->views[i].n_areas || !sv->views[i].shown[k];
    }
    if (!s) s = sl_privacy_across_sets(v, sv->m, n, a->o.k, err);
    if (s) free_views(v, sv->m), v = NULL;
    *out = v;
    return s;
}

sl_status sl_privacy_filter_rows(audit *a, const char *set, const double *lon, const double *lat, size_t n,
                                 json_t *rows, sl_error *err)
{
    if (a->o.exact) return SL_OK;
    const sl_privacy_set_view *c = NULL;
    const audit_places *p;
    sl_privacy_set_view *views = NULL;
    sl_status s = sl_privacy_places(a, "posts", &p, err);
    if (!s) s = set_view(a, p, set, &c, err); /* works the posts' views out */
    audit_set_views *sv = &a->set_views[0];
    /* the filter's total matches are published too, and an area of
    ** another set around: as the area rows; an area whose posts are
    ** withheld has its matches withheld */
    if (!s) s = filter_views(a, sv, lon, lat, n, &views, err);
    size_t at = 0;
    while (!s && at < sv->m && strcmp(sv->names[at], set)) at++;
    for (size_t i = 0; !s && at < sv->m && i < json_array_size(rows); i++) {
        const sl_privacy_set_view *f = &views[at];
        if (i < f->n_areas && i < c->n_areas && f->shown[i]) continue;
        withhold_row(json_array_get(rows, i), i < c->n_areas && i < f->n_areas &&
                                                  sl_privacy_count_shown(c->counts[i], a->o.k) &&
                                                  sl_privacy_count_shown(f->counts[i], a->o.k));
    }
    free_views(views, sv->m);
    return s;
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

/* Sites closer than this are at one place: their circles are one. */
#define SAME_SITE_M 0.01

/* Every site (all categories, in the order of sl_analysis_near's rows:
** categories in store order, sites in layer order). */
typedef struct site_places {
    double *lon, *lat;
    size_t n;
    sl_point_grid *grid; /* of the sites, cells of the widest circle's diameter */
} site_places;

static void site_places_free(site_places *sp)
{
    free(sp->lon);
    free(sp->lat);
    sl_point_grid_free(sp->grid);
}

static sl_status load_sites(audit *a, double cell_m, site_places *sp, sl_error *err)
{
    sl_arena arena = {0};
    const char **cats;
    size_t ncats;
    memset(sp, 0, sizeof *sp);
    size_t nsets;
    const char **sets = sl_audit_local_sets(a, &nsets); /* the sites near measured, in its order */
    sl_status s = sl_store_point_categories(a->st, "sites", &arena, &cats, &ncats, err);
    for (size_t c = 0; !s && c < ncats; c++) {
        sl_points p;
        if ((s = sl_audit_load_sites(a, cats[c], sets, nsets, &p, NULL, err))) break;
        double *lon = realloc(sp->lon, (sp->n + p.n + 1) * sizeof *lon);
        if (lon) sp->lon = lon;
        double *lat = lon ? realloc(sp->lat, (sp->n + p.n + 1) * sizeof *lat) : NULL;
        if (lat) sp->lat = lat;
        if (!lon || !lat) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
        for (size_t i = 0; !s && i < p.n; i++) sp->lon[sp->n + i] = p.lon[i], sp->lat[sp->n + i] = p.lat[i];
        if (!s) sp->n += p.n;
        sl_points_free(&p);
    }
    sl_arena_free(&arena);
    free(sets);
    if (!s) s = sl_point_grid_build(sp->lon, sp->lat, sp->n, cell_m, &sp->grid, err);
    if (s) site_places_free(sp);
    return s;
}

typedef struct overlap_probe {
    double diameter;
    int found;
} overlap_probe;

static void probe_overlap(size_t site, double distance_m, void *ctx)
{
    (void)site;
    overlap_probe *o = ctx;
    o->found |= distance_m > SAME_SITE_M && distance_m < o->diameter;
}

/* Whether another site's circle of RADIUS overlaps site I's (one at the same
** place has the same circle). */
static int overlapped(const site_places *sp, size_t i, double radius)
{
    overlap_probe o = {2 * radius, 0};
    sl_point_grid_within(sp->grid, sp->lat[i], sp->lon[i], 2 * radius, probe_overlap, &o);
    return o.found;
}

/* Site I's count at radius R (RADII ascending, IN[r] its locations within
** RADII[r]) is published only when all of these hold:
** - its circle holds at least k distinct camera locations (the k rule);
** - its circle overlaps no other site's circle of that radius: two
**   published counts of overlapping circles (or one and the "< k" of the
**   other) bound the cameras in the crescent between them from below, and
**   a crescent between two sites 10 m apart is a sliver along a street.
**   Whether circles overlap is public, so the choice tells nothing more;
** - the ring between it and the site's next smaller circle holds at least
**   k too: both counts published would count that ring exactly (the nested
**   zones of privacy_zones.c, around every site). */
static int site_count_shown(audit *a, const site_places *sp, size_t i, const double *radii, const size_t *in, size_t r)
{
    if (!sl_privacy_count_shown(in[r], a->o.k) || overlapped(sp, i, radii[r])) return 0;
    return r == 0 || sl_privacy_count_shown(in[r] - in[r - 1], a->o.k);
}

/* The sites of CATEGORY among ROWS, and how many of them have their count withheld. */
static void category_sites(json_t *rows, const char *category, size_t *sites, size_t *withheld)
{
    size_t i;
    json_t *r;
    *sites = *withheld = 0;
    json_array_foreach(rows, i, r) if (!strcmp(sl_json_str(r, "category"), category)) {
        (*sites)++;
        *withheld += sl_privacy_withheld(r, "within") != 0;
    }
}

/* A category's figures over its sites. Its median nearest distance is
** binned, and published only for a category of at least k sites: of one
** site it is that site's distance. Its totals (distinct cameras within,
** sites with a camera, site-camera pairs) are published only when every one
** of its sites has its own count published: a total over a withheld site,
** set against the published counts and the "< k" of the others, bounds the
** cameras around that site from below ("3 of 3 sites have a camera" says
** each has one); with every site published (their circles apart) they say
** nothing the sites' own counts do not. Which sites are withheld, and so
** whether the totals are, tells nothing either: a total withheld says only
** that some site's count is. How many sites have a published count is always
** given (each holds at least k). */
static void near_category(audit *a, json_t *row, json_t *sites)
{
    size_t n, withheld;
    category_sites(sites, sl_json_str(row, "category"), &n, &withheld);
    if (sl_privacy_count_shown(n, a->o.k)) bin_distance(row, "median_nearest_m");
    else sl_privacy_withhold(row, "median_nearest_m");
    sl_jset(row, "sites_published", json_integer((json_int_t)(n - withheld)), &a->bad);
    if (withheld) {
        sl_privacy_withhold(row, "cameras_within");
        sl_privacy_withhold(row, "sites_with_camera");
        sl_privacy_withhold(row, "site_camera_pairs");
    }
}

/* The N answers' radii in ascending order, as indexes into NEAR (at most 2). */
static size_t radii_order(json_t *const *near, size_t n, size_t order[2], double radii[2])
{
    n = n > 2 ? 2 : n;
    for (size_t r = 0; r < n; r++) order[r] = r;
    if (n == 2 && json_number_value(json_object_get(near[1], "radius_m")) <
                      json_number_value(json_object_get(near[0], "radius_m")))
        order[0] = 1, order[1] = 0;
    for (size_t r = 0; r < n; r++) radii[r] = json_number_value(json_object_get(near[order[r]], "radius_m"));
    return n;
}

/* Every site's rows in the answers NEAR (one per radius): a count withheld
** unless site_count_shown, and the site's nearest camera not published at
** all. Binned, it was still a ring 50 m wide holding a camera with none
** closer, around a public address: the rings of neighbouring sites
** intersect at the cameras (a reader located a quarter of the cameras of a
** real store within 50 m from them). */
static sl_status near_sites(audit *a, const audit_near_places *g, json_t *const *near, size_t n, sl_error *err)
{
    size_t order[2];
    double radii[2];
    n = radii_order(near, n, order, radii);
    site_places sp;
    sl_status s = n ? load_sites(a, 2 * radii[n - 1], &sp, err) : SL_OK;
    for (size_t i = 0; !s && n && i < sp.n; i++) {
        size_t in[2];
        for (size_t r = 0; r < n; r++) in[r] = sl_privacy_places_within(g, sp.lat[i], sp.lon[i], radii[r]);
        for (size_t r = 0; r < n; r++) {
            json_t *row = json_array_get(json_object_get(near[order[r]], "sites"), i);
            if (!row) continue;
            if (!site_count_shown(a, &sp, i, radii, in, r)) sl_privacy_withhold(row, "within");
            json_object_del(row, "nearest_m");
        }
    }
    if (!s && n) site_places_free(&sp);
    return s;
}

sl_status sl_privacy_near(audit *a, const audit_near_places *g, json_t *const *near, size_t n, sl_error *err)
{
    if (a->o.exact) return SL_OK;
    sl_status s = near_sites(a, g, near, n, err);
    for (size_t r = 0; !s && r < n; r++) {
        json_t *sites = json_object_get(near[r], "sites"), *row;
        size_t i;
        json_array_foreach(json_object_get(near[r], "categories"), i, row) near_category(a, row, sites);
        json_object_set_new(near[r], "distance_bin_m", json_real(SL_PRIVACY_DISTANCE_BIN_M));
    }
    return s;
}

json_t *sl_privacy_summary(const audit *a)
{
    return json_pack("{s:b, s:I, s:f, s:f, s:f, s:s, s:I, s:s}", "exact", a->o.exact, "k", (json_int_t)a->o.k, "merge_m",
                     SL_PRIVACY_MERGE_M, "min_hex_m", SL_PRIVACY_MIN_HEX_M, "distance_bin_m",
                     a->o.exact ? 0.0 : SL_PRIVACY_DISTANCE_BIN_M, "withheld",
                     a->o.exact ? "nothing (--exact)"
                                : "a count of cameras or posts for a place holding fewer than k distinct camera "
                                  "locations is null, with <name>_suppressed: true beside it; so are a text "
                                  "filter's count where the area's posts or the filter's own matching posts "
                                  "come from fewer than k locations, a category of sites' totals when any of its "
                                  "sites is withheld, and its median nearest distance when it holds fewer than k "
                                  "sites; no site's nearest camera is published",
                     "owner_exclusions", (json_int_t)a->exclusions,
                     "owner_exclusions_are",
                     "circles whose posts and cameras were withheld at their owners' request (sightline exclude): "
                     "the store holds none of their points and no figure counts them; where they are is not said");
}
