/*
** points_geojson.c — the public point layers as the dashboard's map draws
** them (sl_report_point_layer): sensitive sites, and the partnered agencies
** at their registry location, those the tracker counts under the page's
** filters (sl_report_agency_layer). Both are public records, drawn exactly,
** as in the report; posts and cameras never leave as points (only as
** density hexagons under the privacy threshold).
*/
#include "sightline/analysis/analyses.h"
#include "sightline/analysis/tracker.h"
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

sl_status sl_report_agency_layer(sl_store *st, const sl_tracker_query *q, json_t **out, sl_error *err)
{
    json_t *p, *a;
    size_t i;
    int bad = 0;
    *out = NULL;
    if (sl_tracker_partners(st, q, &p, err)) return err->status;
    json_t *features = sl_jok(json_array(), &bad);
    json_array_foreach(json_object_get(p, "located"), i, a) {
        json_t *props = json_copy(a); /* its members but the coordinates, which the geometry holds */
        if (props && (json_object_del(props, "lon") || json_object_del(props, "lat"))) bad = 1;
        sl_jpush(features, props ? point(json_real_value(json_object_get(a, "lon")),
                                         json_real_value(json_object_get(a, "lat")), props, &bad)
                                 : NULL, &bad);
    }
    /* the figure beside the dots: a GeoJSON reader ignores these members */
    *out = json_pack("{s:s, s:O, s:O, s:O, s:O, s:o}", "type", "FeatureCollection", "snapshot",
                     json_object_get(p, "snapshot"), "agencies", json_object_get(p, "agencies"),
                     "unlinked_agencies", json_object_get(p, "unlinked_agencies"), "without_location",
                     json_object_get(p, "without_location"), "features", features);
    if (*out) sl_jset(*out, "rows_are_partnerships", json_boolean(sl_tracker_tech_partnerships(q->tech)), &bad);
    json_decref(p);
    return sl_json_built(out, bad, err) ? err->status : SL_OK;
}

sl_status sl_report_point_layer(sl_store *st, const char *layer, json_t **out, sl_error *err)
{
    int bad = 0;
    *out = NULL;
    if (strcmp(layer, "sites") && strcmp(layer, "agencies"))
        return sl_fail(err, SL_EUSAGE, NULL, 0,
                       "the point layers are sites and agencies, not '%s' (posts and cameras only as density hexagons)",
                       layer);
    if (!strcmp(layer, "agencies")) return sl_report_agency_layer(st, &(sl_tracker_query){0}, out, err);
    json_t *features = sl_jok(json_array(), &bad);
    sl_status s = sites(st, features, &bad, err);
    if (!s && bad) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory drawing the %s", layer);
    if (s) {
        json_decref(features);
        return s;
    }
    *out = json_pack("{s:s, s:o}", "type", "FeatureCollection", "features", features);
    return *out ? SL_OK : sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory drawing the %s", layer);
}
