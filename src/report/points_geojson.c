/*
** points_geojson.c — the public point layers as the dashboard's map draws
** them (sl_report_point_layer): sensitive sites, and the partnered agencies
** at their registry location. Both are public records, drawn exactly, as in
** the report; posts and cameras never leave as points (only as density
** hexagons under the privacy threshold).
*/
#include "sightline/analysis/analyses.h"
#include "sightline/core/json_build.h"
#include "sightline/report/report.h"
#include "sightline/store/store_layers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A GeoJSON Point feature at LON, LAT with PROPS (taken). */
static json_t *point(double lon, double lat, json_t *props, int *bad)
{
    return sl_jok(json_pack("{s:s, s:o, s:{s:s, s:[f,f]}}", "type", "Feature", "properties", props, "geometry", "type",
                            "Point", "coordinates", lon, lat),
                  bad);
}

/* Every site, by category in store order: {id, name, category}. */
static sl_status sites(sl_store *st, json_t *features, int *bad, sl_error *err)
{
    sl_arena arena = {0};
    const char **cats;
    size_t n;
    sl_status s = sl_store_point_categories(st, "sites", &arena, &cats, &n, err);
    for (size_t c = 0; !s && c < n; c++) {
        sl_points p;
        if ((s = sl_load_layer(st, "sites", cats[c], NULL, &p, err))) break;
        for (size_t i = 0; i < p.n; i++) {
            if (!isfinite(p.lon[i]) || !isfinite(p.lat[i])) continue;
            json_t *props = json_pack("{s:s, s:s, s:s}", "id", sl_points_id(&p, i), "name", sl_points_text(&p, i),
                                      "category", cats[c]);
            sl_jpush(features, props ? point(p.lon[i], p.lat[i], props, bad) : NULL, bad);
        }
        sl_points_free(&p);
    }
    sl_arena_free(&arena);
    return s;
}

/* Registry agencies with a location and at least one partnership row of
** the latest snapshot: {ori, name, type, state, county, technologies: [...]},
** the technologies in row order, once each (the page filters on them). */
static sl_status agencies(sl_store *st, json_t *features, int *bad, sl_error *err)
{
    sl_arena arena = {0};
    const char **dates;
    size_t nd;
    sl_agency_list al;
    sl_partnership_list pl = {0};
    sl_status s = sl_store_snapshots(st, &arena, &dates, &nd, err);
    if (s) return s;
    if (nd == 0) {
        sl_arena_free(&arena);
        return SL_OK;
    }
    if ((s = sl_store_load_agencies(st, &al, err))) {
        sl_arena_free(&arena);
        return s;
    }
    s = sl_store_load_partnerships(st, dates[nd - 1], &pl, err);
    long max_id = 0;
    for (size_t i = 0; i < al.count; i++) max_id = al.items[i].id > max_id ? al.items[i].id : max_id;
    json_t **tech = s ? NULL : calloc((size_t)max_id + 1, sizeof *tech);
    if (!s && !tech) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; !s && i < pl.count; i++) {
        const sl_partnership *r = &pl.items[i];
        if (r->agency_id <= 0 || r->agency_id > max_id) continue;
        json_t **t = &tech[r->agency_id], *v;
        size_t k;
        int seen = 0;
        if (!*t) *t = sl_jok(json_array(), bad);
        json_array_foreach(*t, k, v) seen |= !strcmp(json_string_value(v), r->technology);
        if (!seen) sl_jpush(*t, json_string(r->technology), bad);
    }
    for (size_t i = 0; !s && i < al.count; i++) {
        const sl_agency *a = &al.items[i];
        if (!a->has_location || !tech[a->id]) continue;
        json_t *props = json_pack("{s:s, s:s, s:s, s:s, s:s, s:O}", "ori", a->ori ? a->ori : "", "name", a->name,
                                  "type", a->type ? a->type : "", "state", a->state ? a->state : "", "county",
                                  a->county ? a->county : "", "technologies", tech[a->id]);
        sl_jpush(features, props ? point(a->lon, a->lat, props, bad) : NULL, bad);
    }
    if (tech)
        for (long i = 0; i <= max_id; i++) json_decref(tech[i]);
    free(tech);
    sl_partnership_list_free(&pl);
    sl_agency_list_free(&al);
    sl_arena_free(&arena);
    return s;
}

sl_status sl_report_point_layer(sl_store *st, const char *layer, json_t **out, sl_error *err)
{
    int bad = 0;
    *out = NULL;
    if (strcmp(layer, "sites") && strcmp(layer, "agencies"))
        return sl_fail(err, SL_EUSAGE, NULL, 0,
                       "the point layers are sites and agencies, not '%s' (posts and cameras only as density hexagons)",
                       layer);
    json_t *features = sl_jok(json_array(), &bad);
    sl_status s = !strcmp(layer, "sites") ? sites(st, features, &bad, err) : agencies(st, features, &bad, err);
    if (!s && bad) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory drawing the %s", layer);
    if (s) {
        json_decref(features);
        return s;
    }
    *out = json_pack("{s:s, s:o}", "type", "FeatureCollection", "features", features);
    return *out ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory drawing the %s", layer);
}
