/*
** collect_outlines.c — the areas one level up, built from the areas
** themselves: states from US counties (5-digit FIPS ids), counties from
** census tracts (11-digit ids), by dissolving on the id's leading digits.
**
** They give the map an offline basemap (outlines a reader finds their way
** by, with no tile server) and the GIS files partnerships per state or
** county. Built from the store's own geometry, so they always match the
** areas under them; nothing is built for areas with other ids.
*/
#include "report_internal.h"
#include "sightline/core/area.h"
#include "sightline/store/store_layers.h"

#include <cpl_conv.h>
#include <math.h>
#include <ogr_api.h>
#include <stdlib.h>
#include <string.h>

/* How many leading digits name the parent of every id in L: 2 (the state of
** a county), 5 (the county of a tract), or 0 when the ids are not all FIPS
** codes of one of those lengths. */
static size_t parent_digits(const sl_area_list *l)
{
    size_t len = l->count ? strlen(l->items[0].id) : 0;
    if (len != 5 && len != 11) return 0;
    for (size_t i = 0; i < l->count; i++) {
        const char *id = l->items[i].id;
        if (strlen(id) != len || strspn(id, "0123456789") != len) return 0;
    }
    return len == 5 ? 2 : 5;
}

/* A state outline's name: the postal code of its FIPS code (sl_fips_state,
** which reads a county's five digits), or the code itself. */
static const char *state_name(const char *fips)
{
    char county[8];
    snprintf(county, sizeof county, "%.2s000", fips);
    const char *code = strlen(fips) == 2 ? sl_fips_state(county) : NULL;
    return code ? code : fips;
}

typedef struct parent {
    char id[12];
    OGRGeometryH parts; /* a MultiPolygon of the children's polygons */
    double pop;
    long partners, children;
    int pop_known;
} parent;

/* Add area X's polygons to P. */
static void add_child(parent *p, const sl_area *x, const json_t *props)
{
    OGRGeometryH g = NULL;
    if (OGR_G_CreateFromWkb(x->wkb, NULL, &g, (int)x->wkb_len) == OGRERR_NONE && g) {
        OGRGeometryH m = OGR_G_ForceToMultiPolygon(g); /* takes g */
        for (int k = 0; m && k < OGR_G_GetGeometryCount(m); k++)
            OGR_G_AddGeometry(p->parts, OGR_G_GetGeometryRef(m, k));
        if (m) OGR_G_DestroyGeometry(m);
    }
    p->children++;
    if (isfinite(x->pop)) p->pop += x->pop, p->pop_known = 1;
    p->partners += (long)json_integer_value(json_object_get(props, "partners"));
}

/* A state's figures (sl_audit_state_figures) onto PROPS, those of the
** registry's agencies of the state wherever their point lies. */
static void state_onto(json_t *props, json_t *fig, double pop, int pop_known, int *bad)
{
    static const char *const KEYS[] = {"registry_agencies", "city_county_agencies", "partnered_agencies",
                                       "partnered_per_100_agencies"};
    for (size_t k = 0; k < 4; k++) {
        json_t *v = json_object_get(fig, KEYS[k]);
        sl_jset(props, KEYS[k], v ? json_incref(v) : k < 3 ? json_integer(0) : json_null(), bad);
    }
    long long n = json_integer_value(json_object_get(fig, "partnered_agencies"));
    sl_jset(props, "partnered_per_100k_residents", pop_known && pop > 0 ? json_real(1e5 * (double)n / pop) : json_null(),
            bad);
    sl_jset(props, "partnered_without_location", json_integer(json_integer_value(json_object_get(fig,
            "partnered_without_location"))), bad);
    sl_jset(props, "partnered_in_no_county", json_integer(json_integer_value(json_object_get(fig,
            "partnered_in_no_county"))), bad);
    /* partnership rows of the state no share counts (not linked to the registry) */
    sl_jset(props, "rows_not_linked", json_integer(json_integer_value(json_object_get(fig, "rows_not_linked"))), bad);
}

/* P as a Feature: its dissolved outline (simplified by TOLERANCE degrees)
** and residents; with WITH_PARTNERS, a state's registry figures from
** STATES (postal code -> sl_audit_state_figures's), a county's partnered
** agencies inside its tracts and the rate per 100,000. */
static json_t *parent_feature(parent *p, double tolerance, int with_partners, json_t *states, json_t *gis, int *bad)
{
    /* whole and valid for the GIS files (a union of valid areas may not
    ** be: Alaska's, across the antimeridian), simplified for the page */
    OGRGeometryH u = sl_audit_multipolygon(OGR_G_UnionCascaded(p->parts), 1);
    char *whole = sl_audit_geometry_text(u);
    sl_jpush(gis, whole ? json_string(whole) : json_null(), bad);
    free(whole);
    OGRGeometryH s = u && tolerance > 0 ? sl_audit_multipolygon(OGR_G_SimplifyPreserveTopology(u, tolerance), 1) : NULL;
    OGRGeometryH m = s ? s : u;
    char *opts[] = {"COORDINATE_PRECISION=5", NULL};
    char *text = m ? OGR_G_ExportToJsonEx(m, opts) : NULL;
    if (s) OGR_G_DestroyGeometry(s);
    if (u) OGR_G_DestroyGeometry(u);
    json_t *geom = text ? json_loads(text, 0, NULL) : NULL;
    CPLFree(text);
    if (!geom) *bad = 1;
    int state = strlen(p->id) == 2;
    const char *code = state ? state_name(p->id) : p->id;
    json_t *props = sl_jok(json_pack("{s:s, s:s, s:I, s:o}", "id", p->id, state ? "state" : "name", code,
                                     state ? "counties" : "tracts", (json_int_t)p->children, "residents",
                                     p->pop_known ? sl_json_residents(p->pop) : json_null()), bad);
    if (with_partners && props && state) state_onto(props, json_object_get(states, code), p->pop, p->pop_known, bad);
    else if (with_partners && props) {
        sl_jset(props, "partnered_agencies_inside", json_integer(p->partners), bad);
        sl_jset(props, "partnered_agencies_inside_per_100k",
                p->pop_known && p->pop > 0 ? json_real(1e5 * (double)p->partners / p->pop) : json_null(), bad);
    }
    return sl_jok(json_pack("{s:s, s:o, s:o}", "type", "Feature", "properties", props ? props : json_object(),
                            "geometry", geom ? geom : json_null()), bad);
}

static void add_to(json_t *states, const char *state, const char *key, long long n, int *bad)
{
    json_t *row = json_object_get(states, state && *state ? state : "(no state)");
    if (!row) sl_jset(states, state && *state ? state : "(no state)", row = json_object(), bad);
    sl_jset(row, key, json_integer(json_integer_value(json_object_get(row, key)) + n), bad);
}

json_t *sl_audit_state_figures(audit *a, json_t *agencies, const unsigned char *hit)
{
    int bad = 0;
    json_t *states = sl_jok(json_object(), &bad), *r;
    size_t i;
    json_array_foreach(json_object_get(a->summary, "agencies_by_state"), i, r) {
        const char *st = json_string_value(json_object_get(r, "state"));
        add_to(states, st, "registry_agencies", json_integer_value(json_object_get(r, "agencies")), &bad);
        add_to(states, st, "city_county_agencies", json_integer_value(json_object_get(r, "city_county_agencies")), &bad);
        add_to(states, st, "partnered_agencies", json_integer_value(json_object_get(r, "partnered")), &bad);
        add_to(states, st, "rows_not_linked", json_integer_value(json_object_get(r, "unlinked_rows")), &bad);
        json_t *row = json_object_get(states, st);
        if (row) sl_jset(row, "partnered_per_100_agencies", json_incref(json_object_get(r, "per_100_agencies")), &bad);
    }
    json_array_foreach(json_object_get(a->map, "agencies_unlocated"), i, r)
        add_to(states, json_string_value(json_object_get(r, "state")), "partnered_without_location", 1, &bad);
    json_array_foreach(agencies, i, r)
        if (!hit[i]) add_to(states, json_string_value(json_object_get(r, "state")), "partnered_in_no_county", 1, &bad);
    if (bad) a->bad = 1;
    return states;
}

json_t *sl_audit_outlines(const sl_area_list *l, json_t *fc, double tolerance, int with_partners, json_t *states,
                          json_t **gis, int *bad)
{
    *gis = NULL;
    size_t digits = parent_digits(l);
    if (!digits) return NULL;
    parent *ps = calloc(l->count, sizeof *ps);
    json_t *index = sl_jok(json_object(), bad), *features = sl_jok(json_array(), bad), *whole = sl_jok(json_array(), bad);
    json_t *feats = json_object_get(fc, "features");
    if (!ps) *bad = 1;
    size_t np = 0;
    for (size_t i = 0; !*bad && i < l->count; i++) {
        char id[12];
        snprintf(id, sizeof id, "%.*s", (int)digits, l->items[i].id);
        json_t *at = json_object_get(index, id);
        size_t k = at ? (size_t)json_integer_value(at) : np;
        if (!at) {
            snprintf(ps[np].id, sizeof ps[np].id, "%s", id);
            ps[np++].parts = OGR_G_CreateGeometry(wkbMultiPolygon);
            sl_jset(index, id, json_integer((json_int_t)k), bad);
        }
        add_child(&ps[k], &l->items[i], json_object_get(json_array_get(feats, i), "properties"));
    }
    for (size_t k = 0; k < np; k++) {
        if (!*bad) {
            sl_jpush(features, parent_feature(&ps[k], tolerance, with_partners, states, whole, bad), bad);
        }
        OGR_G_DestroyGeometry(ps[k].parts);
    }
    free(ps);
    json_decref(index);
    if (*bad) {
        json_decref(features);
        json_decref(whole);
        return NULL;
    }
    *gis = whole;
    return json_pack("{s:s, s:s, s:o}", "level", digits == 2 ? "states" : "counties", "type", "FeatureCollection",
                     "features", features);
}
