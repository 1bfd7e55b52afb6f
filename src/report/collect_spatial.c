/*
** collect_spatial.c — the audit's spatial steps per area and cell: areas
** and point joins, unique cameras and their hexagon density (sensitive
** sites and zones are collect_sites.c's, the demographic disparity
** collect_disparity.c's).
**
** The privacy rule lives here: camera and post locations reach the map only
** as hexagon cells holding at least k cameras (posts are counted in their
** camera's cell), unless the caller asked for exact points.
*/
#include "report_internal.h"
#include "sightline/core/text.h"
#include "sightline/core/area.h"
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/cameras.h"
#include "sightline/geo/hexbin.h"
#include "sightline/geo/spatial.h"
#include "sightline/analysis/privacy.h"
#include "sightline/store/store_layers.h"

#include <math.h>
#include <cpl_conv.h>
#include <ogr_api.h>
#include <stdlib.h>
#include <string.h>

static long layer_count(audit *a, const char *layer, sl_error *err, sl_status *s)
{
    long n = 0;
    if (!*s) *s = sl_store_count_points(a->st, layer, NULL, &n, err);
    return n;
}

/* Area geometry as the GIS files carry it: as imported, every vertex, a
** MultiPolygon (geometry_text.c); json null when it cannot be read. */
static json_t *gis_geometry(const sl_area *ar)
{
    OGRGeometryH g = NULL;
    if (OGR_G_CreateFromWkb(ar->wkb, NULL, &g, (int)ar->wkb_len) != OGRERR_NONE) return json_null();
    g = sl_audit_multipolygon(g, 0);
    char *text = sl_audit_geometry_text(g);
    if (g) OGR_G_DestroyGeometry(g);
    json_t *j = text ? json_string(text) : NULL;
    free(text);
    return j ? j : json_null();
}

/* Area geometry as a GeoJSON geometry object, simplified for the map
** (TOLERANCE degrees; 0 keeps every vertex). */
static json_t *geometry_json(const sl_area *ar, double tolerance)
{
    OGRGeometryH g = NULL;
    if (OGR_G_CreateFromWkb(ar->wkb, NULL, &g, (int)ar->wkb_len) != OGRERR_NONE) return json_null();
    if (tolerance > 0) {
        OGRGeometryH simple = OGR_G_SimplifyPreserveTopology(g, tolerance);
        if (simple) {
            OGR_G_DestroyGeometry(g);
            g = simple;
        }
    }
    char *opts[] = {"COORDINATE_PRECISION=5", NULL};
    char *text = OGR_G_ExportToJsonEx(g, opts);
    OGR_G_DestroyGeometry(g);
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    CPLFree(text);
    return j ? j : json_null();
}

static int has_demographics(const sl_area_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const sl_area *x = &l->items[i];
        if (x->pop > 0 && (isfinite(x->black) || isfinite(x->hispanic) || isfinite(x->white_nh) ||
                           isfinite(x->foreign_born)))
            return 1;
    }
    return 0;
}

/* The areas of L with no residents (none, or no figure: 78 counties of
** Puerto Rico with QuickFacts; "no_figure" counts those, which the report
** must not call empty), by state when the set is US counties or
** tracts, so that "with demographics" does not hide them: {"count", "by_state"}
** or NULL when every area has residents. */
static json_t *no_residents(const sl_area_list *l, int *bad)
{
    json_t *by_state = sl_area_list_has_states(l) ? json_object() : NULL;
    long long n = 0, unknown = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (l->items[i].pop > 0) continue;
        n++, unknown += isnan(l->items[i].pop); /* no figure: Puerto Rico has residents */
        const char *st = sl_fips_state(l->items[i].id);
        if (by_state && st)
            sl_jset(by_state, st, json_integer(json_integer_value(json_object_get(by_state, st)) + 1), bad);
    }
    if (!n) {
        json_decref(by_state);
        return NULL;
    }
    json_t *o = json_pack("{s:I, s:I}", "count", (json_int_t)n, "no_figure", (json_int_t)unknown);
    if (o && by_state) sl_jset(o, "by_state", by_state, bad);
    else json_decref(by_state);
    return o;
}

/* How many of the partnered agencies on the map (placed at their registry
** coordinates by sl_audit_agencies, which runs first) lie inside area AR of
** set SET. The exact geometry is used, not the simplified one the map draws.
** An agency inside is tagged with the first area that holds it (area_set,
** area_id: a county's FIPS code for US counties), for data/agencies.csv,
** and marked in HIT (one per agency: 1 in some area of this set; 2 inside
** one but at a point the registry gives several agencies, counted in none
** unless the set is US counties: collect_partners.c). */
static long agencies_inside(const char *set, const sl_area *ar, json_t *agencies, unsigned char *hit)
{
    size_t i;
    json_t *ag;
    long n = 0;
    OGRGeometryH g = NULL, pt = NULL;
    const char *code = sl_census_geo_id(ar->id); /* TIGER's AFFGEOID "0500000US17031" too */
    int county = strlen(code) == 5 && sl_fips_state(code); /* a US county */
    json_array_foreach(agencies, i, ag) {
        double lon = json_number_value(json_object_get(ag, "lon")), lat = json_number_value(json_object_get(ag, "lat"));
        if (lon < ar->minx || lon > ar->maxx || lat < ar->miny || lat > ar->maxy) continue;
        /* on the edge two areas share, an agency counts once, in the first
        ** (the demo's agencies sit on tract corners: counted in every tract
        ** touching one, the set's counts summed past its located agencies) */
        if (hit[i] & 1) continue;
        if (!g && OGR_G_CreateFromWkb(ar->wkb, NULL, &g, (int)ar->wkb_len) != OGRERR_NONE) break;
        if (!pt) pt = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(pt, 0, lon, lat);
        if (!OGR_G_Intersects(g, pt)) continue; /* a point: inside or on the edge */
        if (json_object_get(ag, "shared_point") && !county) { /* a county's point: in no finer area */
            hit[i] |= 2;
            continue;
        }
        n++;
        hit[i] |= 1;
        if (!json_object_get(ag, "area_id")) {
            json_object_set_new(ag, "area_set", json_string(set));
            json_object_set_new(ag, "area_id", json_string(ar->id));
        }
    }
    if (g) OGR_G_DestroyGeometry(g);
    if (pt) OGR_G_DestroyGeometry(pt);
    return n;
}

/* Areas whose median is under this many km² (tracts, a city's community
** areas: a few km²) are smaller than any police agency's jurisdiction. An
** agency counts in the area holding its headquarters, so a rate per
** resident of such an area, or a ranking of them by agencies, measures
** where buildings stand: Chicago's report ranked a downtown tract first,
** "64.5 per 100,000 residents", for the Chicago Police Department. US
** counties (a median of some 1,600 km²) are ranked. */
#define AGENCY_AREA_KM2 25.0

static int by_number(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* 1 when the median area of L is under AGENCY_AREA_KM2. */
static int finer_than_agencies(const sl_area_list *l)
{
    double *km2 = malloc((l->count + 1) * sizeof *km2);
    size_t k = 0;
    for (size_t i = 0; km2 && i < l->count; i++)
        if (isfinite(l->items[i].area_km2)) km2[k++] = l->items[i].area_km2;
    if (k) qsort(km2, k, sizeof *km2, by_number);
    int finer = k && km2[k / 2] < AGENCY_AREA_KM2;
    free(km2);
    return finer;
}

/* Partnered agencies per area, as a count and, for areas the size of a
** jurisdiction or more (FINER 0), per 100,000 residents: the subject of the
** report, and so the map's first colouring (report.js). */
static void partners_onto(json_t *props, const char *set, const sl_area *x, json_t *agencies, unsigned char *hit,
                          int finer)
{
    long n = agencies_inside(set, x, agencies, hit);
    json_object_set_new(props, "partners", json_integer(n));
    if (!finer)
        json_object_set_new(props, "partners_per_100k",
                            x->pop > 0 ? sl_json_num_or_null(1e5 * (double)n / x->pop) : json_null());
}

/* How far (degrees) the map may simplify L's outlines: a city's few areas
** keep every vertex; a nation's thousands lose what no screen shows. */
static double display_tolerance(const sl_area_list *l)
{
    double w = 180, e = -180, s = 90, n = -90;
    for (size_t i = 0; i < l->count; i++) {
        w = fmin(w, l->items[i].minx), e = fmax(e, l->items[i].maxx);
        s = fmin(s, l->items[i].miny), n = fmax(n, l->items[i].maxy);
    }
    return l->count > 200 ? fmax(e - w, n - s) / 3000 : 0;
}

/* A count of residents as published: whole people. A group imported as a
** percentage (--percent) is stored as percentage x population, 2643.693
** Black residents of Mohave; the estimate is rounded, not its precision
** implied. The analyses read the stored figure, not this one. A product on
** a half (65.1% of 4,500 = 2,929.5) is rounded up, as a reader checking it
** by hand does: binary floating point makes it 2,929.4999999999995 or
** 2,929.5000000000005, so two of the real counties' halves went down and two
** up. A figure within a billionth of a half is taken as that half. */
static json_t *residents(double n)
{
    if (!isfinite(n)) return json_null();
    double half = floor(n) + 0.5;
    if (fabs(n - half) <= 1e-9 * fmax(1.0, fabs(n))) n = half;
    return json_integer((json_int_t)llround(n));
}

/* The areas of L as the map's FeatureCollection (outlines simplified) with
** their figures (FINER: no rate of agencies, finer_than_agencies); with
** GIS, into *GIS their geometries as the GIS files carry them
** (gis_geometry), one per feature. */
static json_t *area_features(const char *set, const sl_area_list *l, json_t *agencies, unsigned char *hit,
                             int finer, double *population, json_t **gis)
{
    double tolerance = display_tolerance(l);
    int bad = 0;
    json_t *features = sl_jok(json_array(), &bad);
    if (gis) *gis = sl_jok(json_array(), &bad);
    *population = 0;
    for (size_t i = 0; i < l->count; i++) {
        const sl_area *x = &l->items[i];
        if (isfinite(x->pop)) *population += x->pop;
        json_t *props = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id", x->id, "name", x->name, "pop",
                                  residents(x->pop), "black", residents(x->black), "hispanic", residents(x->hispanic),
                                  "white_nh", residents(x->white_nh), "foreign_born", residents(x->foreign_born),
                                  "area_km2", sl_json_num_or_null(x->area_km2));
        /* "state" for US FIPS ids: the pages title areas "Name, ST" and
        ** filter by state from it, with no FIPS table of their own */
        const char *state = sl_fips_state(x->id);
        if (state) sl_jset(props, "state", json_string(state), &bad);
        if (agencies) partners_onto(props, set, x, agencies, hit, finer);
        sl_jpush(features, json_pack("{s:s, s:o, s:o}", "type", "Feature", "properties", props,
                                     "geometry", geometry_json(x, tolerance)), &bad);
        if (gis) sl_jpush(*gis, gis_geometry(x), &bad);
    }
    if (bad) { /* NULL: a map missing an area would misplace every later one */
        json_decref(features);
        if (gis) json_decref(*gis), *gis = NULL;
        return NULL;
    }
    return json_pack("{s:s, s:o}", "type", "FeatureCollection", "features", features);
}

/* Copy a join's per-area counts onto the map features as property KEY, and
** its rate as KEY_per_100k: per 100,000 residents, the unit of the report's
** tables (the join gives per 1,000), so that the map, the tables and data/
** give one figure. */
static void join_onto_features(json_t *fc, json_t *join, const char *key)
{
    json_t *features = json_object_get(fc, "features"), *rows = json_object_get(join, "areas");
    char per[80];
    snprintf(per, sizeof per, "%s_per_100k", key);
    for (size_t i = 0; i < json_array_size(rows) && i < json_array_size(features); i++) {
        json_t *props = json_object_get(json_array_get(features, i), "properties"), *row = json_array_get(rows, i);
        json_object_set(props, key, json_object_get(row, "count"));
        json_t *rate = json_object_get(row, "per_1000");
        json_object_set_new(props, per, json_is_number(rate) ? json_real(100 * json_number_value(rate)) : json_null());
        sl_privacy_withhold_as(props, key, row, "count"), sl_privacy_withhold_as(props, per, row, "count");
    }
}

sl_status sl_audit_posts_through_cameras(audit *a, const char *set, sl_join_query *q, sl_camera_locations *located,
                                         sl_error *err)
{
    const sl_camera_locations *cams;
    sl_status s = sl_audit_camera_locations(a, &cams, NULL, err); /* knows whether posts_of is there */
    if (!s && a->cameras.posts_of && !(s = sl_audit_cameras_in(a, set, located, err)))
        q->cameras = located, q->posts_of = a->cameras.posts_of;
    return s;
}

/* A state's report: the join's rows of the areas kept (KEPT, the list the
** map draws, in the set's order), and its "points" those they hold; the
** points in the set's other areas are counted in "left_out_of_scope". The
** police requests (SPLIT) were kept to the states before (collect_scope.c):
** "points" stays their number, and what of them the split puts in the
** set's other areas is "left_out_of_scope", a part of a request. */
static void join_in_scope(json_t *r, const sl_area_list *kept, int split)
{
    json_t *rows = json_object_get(r, "areas"), *in = json_array(), *row;
    size_t i, k = 0;
    double held = 0;
    json_array_foreach(rows, i, row) {
        if (k >= kept->count || strcmp(sl_json_str(row, "id"), kept->items[k].id) != 0) continue;
        held += json_number_value(json_object_get(row, "count"));
        json_array_append(in, row);
        k++;
    }
    double all = json_number_value(json_object_get(r, "points"));
    if (split) {
        double out = all - held - json_number_value(json_object_get(r, "outside"));
        json_object_set_new(r, "left_out_of_scope", json_real(out > 1e-9 ? out : 0));
    } else {
        json_object_set_new(r, "left_out_of_scope", json_integer((json_int_t)llround(all - held)));
        json_object_set_new(r, "points", json_integer((json_int_t)llround(held)));
        json_object_set_new(r, "outside", json_integer(0)); /* of the kept areas: none is outside the scope's */
    }
    json_object_set_new(r, "areas", in);
}

static sl_status join_layer(audit *a, const char *set, const char *layer, json_t *entry, json_t *fc,
                            const sl_area_list *kept, sl_error *err)
{
    sl_join_query q = {.layer = layer, .set = set, .threads = a->o.threads};
    json_t *r = NULL;
    sl_camera_locations located;
    sl_status s = strcmp(layer, "posts") == 0 ? sl_audit_posts_through_cameras(a, set, &q, &located, err) : SL_OK;
    if (!s) s = sl_analysis_join(a->st, &q, &r, err);
    if (!s && kept) join_in_scope(r, kept, strcmp(layer, "requests") == 0);
    /* counts of camera locations are withheld under k; sites are public,
    ** and requests too (their location quotients, published, give them) */
    int camera_counts = strcmp(layer, "posts") == 0 || strcmp(layer, "cameras") == 0;
    if (!s && camera_counts) s = sl_privacy_area_rows(a, set, layer, json_object_get(r, "areas"), err);
    if (s) {
        json_decref(r);
        return s;
    }
    join_onto_features(fc, r, layer);
    sl_jset(json_object_get(entry, "joins"), layer, r, &a->bad);
    return SL_OK;
}

/* The areas of SET drawn, and the layers counted in them: COUNTS, the
** posts, cameras and sites, then 1 when there are police requests (split
** by overlap, as `join --points requests` counts them). */
/* A state's report: only the areas of L in its states, by their FIPS ids
** (a county's first two digits). 0 when the set's ids are not all FIPS
** codes, so its areas' states cannot be known, or none lies in the
** states: the set is then left out, and summary.skipped says why. */
static int keep_in_scope(audit *a, const char *set, sl_area_list *l)
{
    char why[900];
    if (!sl_area_list_has_states(l)) {
        snprintf(why, sizeof why, "the ids of the areas of “%s” are not US FIPS codes (a county's five digits, a "
                 "tract's eleven), so which of them lie in %s cannot be known; this report leaves the set out "
                 "rather than guess", set, a->scope_names);
        sl_audit_skip(a, "areas", why);
        return 0;
    }
    size_t k = 0, all = l->count;
    for (size_t i = 0; i < l->count; i++)
        if (sl_list_has(a->scope, sl_fips_state(l->items[i].id), 0)) l->items[k++] = l->items[i];
    l->count = k;
    if (!k) {
        snprintf(why, sizeof why, "none of the %zu areas of “%s” lies in %s", all, set, a->scope_names);
        sl_audit_skip(a, "areas", why);
    }
    return k > 0;
}

/* A state's report: the box of the areas kept, on which the map opens. */
static void scope_box(audit *a, const sl_area_list *l)
{
    json_t *old = json_object_get(a->map, "local_box"); /* of the sets before this one */
    double box[4] = {180, 90, -180, -90};
    for (int k = 0; old && k < 4; k++) box[k] = json_number_value(json_array_get(old, (size_t)k));
    for (size_t i = 0; i < l->count; i++) {
        box[0] = fmin(box[0], l->items[i].minx), box[1] = fmin(box[1], l->items[i].miny);
        box[2] = fmax(box[2], l->items[i].maxx), box[3] = fmax(box[3], l->items[i].maxy);
    }
    sl_jset(a->map, "local_box", json_pack("[f, f, f, f]", box[0], box[1], box[2], box[3]), &a->bad);
}

static sl_status one_area_set(audit *a, const char *set, const long counts[4], sl_error *err)
{
    static const char *LAYERS[4] = {"posts", "cameras", "sites", "requests"};
    sl_area_list l;
    sl_status s = sl_store_load_areas(a->st, set, &l, err);
    if (s) return s;
    size_t whole = l.count;
    if (a->scope && !keep_in_scope(a, set, &l)) {
        sl_area_list_free(&l);
        return SL_OK;
    }
    if (a->scope) {
        scope_box(a, &l);
        sl_jpush(json_object_get(json_object_get(a->summary, "scope"), "area_sets"), json_string(set), &a->bad);
    }
    double population = 0;
    /* Only when partnerships were measured: the map has agencies then. */
    json_t *agencies = json_object_get(a->summary, "partnerships") ? json_object_get(a->map, "agencies") : NULL;
    if (!json_array_size(agencies)) agencies = NULL;
    unsigned char *hit = calloc(json_array_size(agencies) + 1, 1);
    json_t *gis = NULL, *up_gis = NULL;
    int finer = finer_than_agencies(&l);
    json_t *fc = hit ? area_features(set, &l, agencies, hit, finer, &population, &gis) : NULL;
    json_t *entry = json_pack("{s:s, s:I, s:o, s:b, s:{}}", "set", set, "areas", (json_int_t)l.count, "population",
                              sl_json_num_or_null(population), "demographics", has_demographics(&l), "joins");
    if (a->scope) sl_jset(entry, "areas_left_out_of_scope", json_integer((json_int_t)(whole - l.count)), &a->bad);
    if (agencies && fc) sl_audit_agencies_outside(entry, &l, agencies, hit, &a->bad);
    if (agencies && finer) sl_jset(entry, "finer_than_agencies", json_true(), &a->bad);
    json_t *none = has_demographics(&l) ? no_residents(&l, &a->bad) : NULL;
    if (none) sl_jset(entry, "no_residents", none, &a->bad);
    /* the page's map draws outlines simplified by this much; data/ carries them whole */
    sl_jset(entry, "map_simplified_deg", json_real(display_tolerance(&l)), &a->bad);
    /* States drawn over counties (or counties over tracts): the first set's
    ** serve as the map's basemap and a layer of the GIS files, states with
    ** the registry's figures of each state (collect_outlines.c). */
    json_t *up = NULL;
    if (fc && !json_object_get(a->map, "outlines")) {
        json_t *states = agencies ? sl_audit_state_figures(a, agencies, hit) : NULL;
        up = sl_audit_outlines(&l, fc, display_tolerance(&l), agencies != NULL, states, &up_gis, &a->bad);
        json_decref(states);
    }
    free(hit);
    /* "features" for the page's map, "gis_geometries" for data/ (gis.c) */
    if (up) sl_jset(a->map, "outlines", json_pack("{s:s, s:o, s:o}", "set", set, "features", up, "gis_geometries",
                                                  up_gis ? up_gis : json_array()), &a->bad);
    for (int i = 0; !s && i < 4; i++)
        if (counts[i] > 0) s = join_layer(a, set, LAYERS[i], entry, fc, a->scope ? &l : NULL, err);
    sl_area_list_free(&l);
    sl_jpush(json_object_get(a->summary, "areas"), entry, &a->bad);
    sl_jpush(json_object_get(a->map, "areas"), json_pack("{s:s, s:o, s:o}", "set", set, "features", fc,
                                                         "gis_geometries", gis ? gis : json_array()), &a->bad);
    return s;
}

sl_status sl_report_area_map(sl_store *st, const char *set, json_t **out, sl_error *err)
{
    sl_area_list l;
    *out = NULL;
    sl_status s = sl_store_load_areas(st, set, &l, err);
    if (s) return s;
    double population;
    *out = area_features(NULL, &l, NULL, NULL, 0, &population, NULL);
    /* "title": each area as the CLI and the report name it
    ** (sl_area_display_name), so the dashboard finds and heads an unnamed
    ** tract "Census Tract 8424, IL", as `join` lists it, not by its GEOID */
    json_t *feat;
    size_t i;
    int bad = !*out;
    /* how far a drawn edge may lie from the true one: a page finding the
    ** area of a point near an edge (the campaign's "Use my location") asks
    ** which of those within it, rather than trusting the simplified shape */
    if (*out) sl_jset(*out, "simplified_deg", json_real(display_tolerance(&l)), &bad);
    json_array_foreach(json_object_get(*out, "features"), i, feat) {
        char title[512];
        sl_area_display_name(l.items[i].name, l.items[i].id, title, sizeof title);
        if (title[0]) sl_jset(json_object_get(feat, "properties"), "title", json_string(title), &bad);
    }
    sl_area_list_free(&l);
    if (bad) json_decref(*out), *out = NULL;
    return *out ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory drawing the areas of %s", set);
}

/* When the SETS are a city's or a county's, say so (sl_local_study):
** summary.local_areas {"sets", "box", "states"} scopes the sensitive sites
** (collect_sites.c) and the state's row of the table by state
** (headlines.c), and map.local_box opens the map on them (report.js). */
static sl_status local_study(audit *a, const char *const *sets, size_t n, sl_error *err)
{
    json_t *local;
    sl_status s = sl_local_study(a->st, sets, n, &local, err);
    if (s || !local) return s;
    sl_jset(a->map, "local_box", json_incref(json_object_get(local, "box")), &a->bad);
    sl_jset(a->summary, "local_areas", local, &a->bad);
    return SL_OK;
}

sl_status sl_audit_areas(audit *a, sl_error *err)
{
    sl_status s = SL_OK;
    long counts[4] = {layer_count(a, "posts", err, &s), layer_count(a, "cameras", err, &s),
                      layer_count(a, "sites", err, &s), 0};
    int requests = 0;
    if (!s) s = sl_audit_have_requests(a, &requests, err);
    if (s) return s;
    counts[3] = requests;
    sl_jset(a->summary, "layers", json_pack("{s:I, s:I, s:I}", "posts", (json_int_t)counts[0], "cameras",
                                            (json_int_t)counts[1], "sites", (json_int_t)counts[2]), &a->bad);
    sl_jset(a->summary, "areas", json_array(), &a->bad);
    sl_jset(a->summary, "privacy", sl_privacy_summary(a), &a->bad);
    sl_jset(a->map, "k", json_integer(a->o.k), &a->bad); /* the map's "< k" */
    /* rates per resident of smaller areas are not coloured (report.js) */
    sl_jset(a->map, "few_residents", json_integer(SL_FEW_RESIDENTS), &a->bad);
    sl_arena arena = {0};
    const char **sets;
    size_t n;
    s = sl_store_area_sets(a->st, &arena, &sets, &n, err);
    if (!s && n == 0) sl_audit_skip(a, "joins", "no boundaries (counties, tracts) were supplied, so nothing could be "
                                             "counted per area");
    /* a state's report: its posts, cameras and requests were kept to it before any step (collect_scope.c) */
    if (!s && a->scope) sl_jset(json_object_get(a->summary, "scope"), "area_sets", json_array(), &a->bad);
    else if (!s && n) s = local_study(a, sets, n, err);
    for (size_t i = 0; !s && i < n; i++) s = one_area_set(a, sets[i], counts, err);
    sl_arena_free(&arena);
    return s;
}

/* ---- cameras and density ------------------------------------------------ */

typedef struct cell_count {
    const sl_privacy_bins *b;
    uint32_t *posts;
    long elsewhere;
} cell_count;

static sl_status count_chunk(void *ctx, const double *lon, const double *lat, size_t n, sl_error *err)
{
    (void)err;
    cell_count *c = ctx;
    c->elsewhere += (long)sl_privacy_bin_count(c->b, lon, lat, n, c->posts);
    return SL_OK;
}

/* Posts per camera cell: each post is counted in the cell that holds it.
** The posts stream by chunks of coordinates: neither their texts nor the
** whole layer need to be in memory. */
static sl_status posts_per_cell(audit *a, const sl_privacy_bins *b, uint32_t *posts, long *elsewhere,
                                sl_error *err)
{
    cell_count c = {b, posts, 0};
    sl_status s = sl_store_scan_coords(a->st, "posts", NULL, count_chunk, &c, err);
    *elsewhere = c.elsewhere;
    return s;
}

static json_t *hex_feature(const sl_privacy_bins *b, size_t i, uint32_t posts, sl_error *err)
{
    double lon[6], lat[6];
    if (sl_hexbin_corners(&b->h, i, lon, lat, err)) return NULL;
    int bad = 0;
    json_t *ring = sl_jok(json_array(), &bad);
    for (int k = 0; k <= 6; k++)
        sl_jpush(ring, json_pack("[f, f]", round(lon[k % 6] * 1e6) / 1e6, round(lat[k % 6] * 1e6) / 1e6), &bad);
    /* Each row says which cell and where, so a CSV row stands alone: the
    ** cell's grid coordinates and its centre (the mean of its corners,
    ** within centimetres of the true centre at these sizes). */
    char cell[48];
    double clon = 0, clat = 0;
    for (int k = 0; k < 6; k++) clon += lon[k] / 6, clat += lat[k] / 6;
    snprintf(cell, sizeof cell, "q%d_r%d", b->h.q[i], b->h.r[i]);
    json_t *f = NULL;
    if (bad) json_decref(ring);
    else /* takes ring */
        f = json_pack("{s:s, s:{s:s, s:f, s:f, s:I, s:I, s:I}, s:{s:s, s:[o]}}", "type", "Feature", "properties",
                      "cell", cell, "lon", round(clon * 1e6) / 1e6, "lat", round(clat * 1e6) / 1e6, "cameras",
                      (json_int_t)b->points[i], "camera_locations", (json_int_t)b->h.points[i], "posts",
                      (json_int_t)posts, "geometry", "type", "Polygon", "coordinates", ring);
    if (!f) sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory building the density map");
    return f;
}

/* The camera cells holding at least k distinct locations, on the map. */
static sl_status density_cells(audit *a, const sl_privacy_bins *b, const uint32_t *posts, json_t *fig,
                               sl_error *err)
{
    json_t *features = json_array();
    long shown = 0, hidden = 0, hidden_cameras = 0, hidden_locations = 0, hidden_posts = 0;
    for (size_t i = 0; i < b->h.count; i++) {
        if (!sl_privacy_cell_shown(b, i)) {
            hidden++, hidden_cameras += b->points[i], hidden_locations += b->h.points[i], hidden_posts += posts[i];
            continue;
        }
        json_t *f = hex_feature(b, i, posts[i], err);
        if (!f) {
            json_decref(features);
            return err->status;
        }
        sl_jpush(features, f, &a->bad);
        shown++;
    }
    sl_jset(a->map, "hexes", json_pack("{s:s, s:o}", "type", "FeatureCollection", "features", features), &a->bad);
    sl_jset(fig, "cells_shown", json_integer(shown), &a->bad);
    sl_jset(fig, "suppressed_cells", json_integer(hidden), &a->bad);
    sl_jset(fig, "suppressed_cameras", json_integer(hidden_cameras), &a->bad);
    /* the k rule counts locations: a headline of cameras alone read 6 where the CSV's rule read 5 */
    sl_jset(fig, "suppressed_camera_locations", json_integer(hidden_locations), &a->bad);
    sl_jset(fig, "suppressed_posts", json_integer(hidden_posts), &a->bad);
    return SL_OK;
}

static void exact_cameras(audit *a, const double *lon, const double *lat, size_t n)
{
    json_t *pts = json_array();
    for (size_t i = 0; i < n; i++)
        sl_jpush(pts, json_pack("[f, f]", round(lon[i] * 1e6) / 1e6, round(lat[i] * 1e6) / 1e6), &a->bad);
    sl_jset(a->map, "cameras_exact", pts, &a->bad);
}

static size_t cells_shown(const sl_privacy_bins *b) { return b->h.count - sl_privacy_hidden_cells(b); }

/* How much to widen the edge when B shows more than CAP cells: the ground
** holding cameras (cells × cell area) spread over CAP cells, rounded up to
** a power of two so the edges stay 500 m × 2^j; at least twice. */
static double widen(size_t cells, size_t cap)
{
    double f = 2, need = sqrt((double)cells / (double)cap);
    while (f < need) f *= 2;
    return f;
}

/* The cells of the privacy locations at EDGE: from their plane, unless an
** edge that wide centres the projection elsewhere (then as it always was). */
static sl_status bin_places(const audit_places *places, const sl_hexbin_plane *plane, double edge, unsigned k,
                            sl_privacy_bins *b, sl_error *err)
{
    if (sl_hexbin_plane_fits(plane, edge)) return sl_privacy_bin_locations_plane(plane, edge, k, b, err);
    return sl_privacy_bin_locations(places->lon, places->lat, places->n, edge, k, b, err);
}

/* The camera cells the map draws, at most map_cells of them (a page of
** millions of polygons would not open): above that the edge widens until
** the cells shown fit, and every figure of summary.density is of the
** hexagons drawn. *EDGE is the edge asked, then the edge drawn. */
static sl_status map_cells(audit *a, const audit_places *places, const sl_hexbin_plane *plane, double *edge,
                           sl_privacy_bins *b, sl_error *err)
{
    /* Which cells show depends on the locations only: the cameras are
    ** counted once, into the cells drawn. The locations are projected
    ** once (PLANE): each wider edge is arithmetic over their images. The
    ** edge asked is first counted, not drawn: at 500 m over a country its
    ** millions of cells would be made only to be widened. */
    size_t cells = 0, full = 0;
    sl_status s = SL_OK;
    if (a->o.map_cells && sl_hexbin_plane_fits(plane, *edge))
        s = sl_hexbin_plane_census(plane, *edge, a->o.k, &cells, &full, err);
    if (!s && full > a->o.map_cells) *edge *= widen(cells, a->o.map_cells);
    if (!s) s = bin_places(places, plane, *edge, a->o.k, b, err);
    while (!s && a->o.map_cells && cells_shown(b) > a->o.map_cells) {
        *edge *= widen(b->h.count, a->o.map_cells);
        sl_privacy_bins_free(b);
        s = bin_places(places, plane, *edge, a->o.k, b, err);
    }
    return s;
}

/* The cameras with their posts into B's cells, those that are a location
** to the bit (most: audit_places.camera) by the image PLANE holds of it
** (the plane's arrays whole, the other places weighted SL_HEXBIN_SKIP: a
** copy of the images counted was 190 MB at ten million), the others
** projected. 1 when done, 0 when the plane cannot serve (B centred
** elsewhere, a location without an image): then nothing is counted. */
static int count_through_places(const uint32_t *w, const audit_places *places, const sl_hexbin_plane *plane,
                                const sl_camera_locations *cams, sl_privacy_bins *b, uint32_t *posts,
                                long *elsewhere, sl_status *s, sl_error *err)
{
    const uint64_t *imaged = places->cameras_in;
    if (!places->camera || !imaged || plane->m != places->n || plane->n != places->n || b->h.lon0 != plane->lon0 ||
        b->h.lat0 != plane->lat0)
        return 0;
    size_t n = cams->n, k = 0;
    for (size_t c = 0; c < n; c++) k += !(imaged[c >> 6] >> (c & 63) & 1);
    uint32_t *wx = malloc((places->n + 1) * sizeof *wx), *ow = malloc((k + 1) * sizeof *ow);
    double *olon = malloc((k + 1) * sizeof *olon), *olat = malloc((k + 1) * sizeof *olat);
    if (!wx || !ow || !olon || !olat) *s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t p = 0; !*s && p < places->n; p++) {
        uint32_t c = places->camera[p];
        wx[p] = c == UINT32_MAX ? SL_HEXBIN_SKIP : w[c];
    }
    for (size_t c = 0, j = 0; !*s && c < n; c++)
        if (!(imaged[c >> 6] >> (c & 63) & 1)) olon[j] = cams->lon[c], olat[j] = cams->lat[c], ow[j++] = w[c];
    uint64_t lost = 0;
    if (!*s)
        *s = sl_privacy_bin_points_weighted_images(b, plane->x, plane->y, wx, places->n, olon, olat, ow, k, posts,
                                                   &lost, err);
    *elsewhere = (long)lost;
    free(wx), free(ow), free(olon), free(olat);
    return 1;
}

/* The cameras, then the posts, counted into B's cells (POSTS: one per cell,
** zeroed). Cameras made of the posts (at 0 m, each where its posts are) are
** counted once with their posts as weights: each post lies in its camera's
** cell, so the posts need not be read and projected again. */
static sl_status count_cells(audit *a, const sl_camera_locations *cams, const audit_places *places,
                             const sl_hexbin_plane *plane, long posts_total, sl_privacy_bins *b, uint32_t *posts,
                             long *elsewhere, sl_error *err)
{
    const uint32_t *w = a->cameras.posts_of;
    *elsewhere = 0;
    sl_status through = SL_OK;
    if (w && posts_total > 0 && count_through_places(w, places, plane, cams, b, posts, elsewhere, &through, err))
        return through;
    if (w && posts_total > 0) {
        uint64_t lost = 0;
        sl_status s = sl_privacy_bin_points_weighted(b, cams->lon, cams->lat, w, cams->n, posts, &lost, err);
        *elsewhere = (long)lost;
        return s;
    }
    sl_status s = sl_privacy_bin_points(b, cams->lon, cams->lat, cams->n, err);
    if (!s && posts_total > 0) s = posts_per_cell(a, b, posts, elsewhere, err);
    return s;
}

static sl_status density(audit *a, long posts_total, sl_error *err)
{
    const sl_camera_locations *cams;
    sl_status s = sl_privacy_check_hex("--hex", a->o.hex_m, a->o.exact, err);
    if (s) return s;
    if ((s = sl_audit_camera_locations(a, &cams, NULL, err))) return s;
    sl_privacy_bins b = {.k = a->o.k};
    const audit_places *places;
    double edge = a->o.hex_m;
    sl_hexbin_plane plane = {0};
    s = sl_privacy_places(a, NULL, &places, err);
    if (!s) s = sl_hexbin_plane_build(places->lon, places->lat, places->n, edge, NULL, &plane, err);
    if (!s) s = map_cells(a, places, &plane, &edge, &b, err);
    uint32_t *posts = s ? NULL : calloc(b.h.count + 1, sizeof *posts);
    long elsewhere = 0;
    if (!s && !posts) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s) s = count_cells(a, cams, places, &plane, posts_total, &b, posts, &elsewhere, err);
    sl_hexbin_plane_free(&plane);
    json_t *fig = json_pack("{s:s, s:f, s:f, s:I, s:I, s:I, s:I, s:I, s:I}", "cameras_from", cams->origin, "hex_m",
                            edge, "cell_km2", s ? 0.0 : b.h.area_km2, "cameras", (json_int_t)cams->n,
                            "camera_locations", (json_int_t)(s ? 0 : b.locations), "posts", (json_int_t)posts_total,
                            "posts_outside_camera_cells", (json_int_t)elsewhere, "cells",
                            (json_int_t)(s ? 0 : b.h.count), "k", (json_int_t)a->o.k);
    if (edge != a->o.hex_m) { /* said only when it happened: a smaller report reads as before */
        sl_jset(fig, "hex_m_asked", json_real(a->o.hex_m), &a->bad);
        sl_jset(fig, "map_cells", json_integer((json_int_t)a->o.map_cells), &a->bad);
    }
    if (!s) s = density_cells(a, &b, posts, fig, err);
    sl_jset(a->summary, "density", fig, &a->bad);
    if (!s && a->o.exact) exact_cameras(a, cams->lon, cams->lat, cams->n);
    sl_privacy_bins_free(&b);
    free(posts);
    return s;
}

sl_status sl_audit_cameras(audit *a, sl_error *err)
{
    json_t *layers = json_object_get(a->summary, "layers");
    long posts = (long)json_integer_value(json_object_get(layers, "posts"));
    long cameras = (long)json_integer_value(json_object_get(layers, "cameras"));
    if (posts == 0 && cameras == 0) {
        sl_audit_skip(a, "cameras and density", "no locations of doorbell cameras or of the posts they shared were "
                                             "supplied; camera density needs them");
        return SL_OK;
    }
    if (posts > 0) {
        const sl_camera_locations *cams;
        json_t *r;
        sl_status s = sl_audit_camera_locations(a, &cams, &r, err);
        if (s) return s;
        sl_jset(a->summary, "cameras", json_incref(r), &a->bad);
    }
    return density(a, posts, err);
}
