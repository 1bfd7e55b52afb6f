/*
** html_map.c — the map's data as the page carries it: the same content as
** a->map (which data/ writes as GeoJSON), packed so that a national report
** stays small enough to open on a phone.
**
** Two things made the real-data page 2.5 MB: every one of 3,230 counties
** repeating the same dozen property names, and coordinates written as
** seventeen-digit reals. So lists of objects become a list of keys and rows
** of values, and a ring becomes whole 1e-5 degrees (about 1 m), each vertex
** written as its step from the one before (a few digits). report.js
** unpacks both before drawing; nothing is dropped.
*/
#include "report_internal.h"

#include <math.h>
#include <string.h>

#define SL_MAP_SCALE 1e5 /* whole units per degree in a packed ring */

/* Keys of the GIS files that the page does not show: an agency's source
** record id and page, and the area holding it, would add a tenth to a
** national report for nothing the map draws (data/agencies.csv carries them). */
static int file_only(const char *k)
{
    return !strcmp(k, "record_id") || !strcmp(k, "source_url") || !strcmp(k, "area_set") || !strcmp(k, "area_id");
}

/* KEYS, in first-seen order, of the objects in LIST (less the file-only ones). */
static json_t *keys_of(json_t *list, int *bad)
{
    json_t *keys = sl_jok(json_array(), bad), *seen = sl_jok(json_object(), bad), *o, *v;
    size_t i;
    const char *k;
    json_array_foreach(list, i, o) {
        json_object_foreach(o, k, v) {
            if (json_object_get(seen, k) || file_only(k)) continue;
            sl_jset(seen, k, json_true(), bad);
            sl_jpush(keys, json_string(k), bad);
        }
    }
    json_decref(seen);
    return keys;
}

/* One object of LIST as a row of values in the order of KEYS (null where
** absent; report.js leaves such keys out again). */
static json_t *row_of(json_t *o, json_t *keys, int *bad)
{
    json_t *row = sl_jok(json_array(), bad), *k;
    size_t i;
    json_array_foreach(keys, i, k) {
        json_t *v = json_object_get(o, json_string_value(k));
        sl_jpush(row, v ? json_incref(v) : json_null(), bad);
    }
    return row;
}

/* LIST of objects as {"keys": [...], "rows": [[...], ...]}. */
static json_t *pack_rows(json_t *list, int *bad)
{
    json_t *keys = keys_of(list, bad), *rows = sl_jok(json_array(), bad), *o;
    size_t i;
    json_array_foreach(list, i, o) sl_jpush(rows, row_of(o, keys, bad), bad);
    return sl_jok(json_pack("{s:o, s:o}", "keys", keys, "rows", rows), bad);
}

/* A ring [[lon, lat], ...] as [x0, y0, dx1, dy1, ...] in 1e-5 degrees. */
static json_t *pack_ring(json_t *ring, int *bad)
{
    json_t *out = sl_jok(json_array(), bad), *pt;
    size_t i;
    long long px = 0, py = 0;
    json_array_foreach(ring, i, pt) {
        long long x = llround(json_number_value(json_array_get(pt, 0)) * SL_MAP_SCALE);
        long long y = llround(json_number_value(json_array_get(pt, 1)) * SL_MAP_SCALE);
        sl_jpush(out, json_integer(x - px), bad);
        sl_jpush(out, json_integer(y - py), bad);
        px = x, py = y;
    }
    return out;
}

static json_t *pack_polygon(json_t *rings, int *bad)
{
    json_t *out = sl_jok(json_array(), bad), *r;
    size_t i;
    json_array_foreach(rings, i, r) sl_jpush(out, pack_ring(r, bad), bad);
    return out;
}

/* A GeoJSON Polygon or MultiPolygon as ["P", rings] or ["M", polygons];
** anything else (none is drawn) as null. */
static json_t *pack_geometry(json_t *g, int *bad)
{
    const char *type = json_string_value(json_object_get(g, "type"));
    json_t *c = json_object_get(g, "coordinates"), *p;
    size_t i;
    if (type && !strcmp(type, "Polygon")) return sl_jok(json_pack("[s,o]", "P", pack_polygon(c, bad)), bad);
    if (!type || strcmp(type, "MultiPolygon")) return json_null();
    json_t *polys = sl_jok(json_array(), bad);
    json_array_foreach(c, i, p) sl_jpush(polys, pack_polygon(p, bad), bad);
    return sl_jok(json_pack("[s,o]", "M", polys), bad);
}

/* An area set {"set", "features": FeatureCollection} as
** {"set", "keys", "rows", "geoms"}: row i and geometry i are feature i. */
static json_t *pack_areas(json_t *set, int *bad)
{
    json_t *features = json_object_get(json_object_get(set, "features"), "features");
    json_t *props = sl_jok(json_array(), bad), *geoms = sl_jok(json_array(), bad), *f;
    size_t i;
    json_array_foreach(features, i, f) {
        json_t *p = json_object_get(f, "properties");
        sl_jpush(props, p ? json_incref(p) : json_object(), bad);
        sl_jpush(geoms, pack_geometry(json_object_get(f, "geometry"), bad), bad);
    }
    json_t *packed = pack_rows(props, bad);
    json_decref(props);
    if (packed) {
        sl_jset(packed, "set", json_incref(json_object_get(set, "set")), bad);
        sl_jset(packed, "geoms", geoms, bad);
    } else json_decref(geoms);
    return packed;
}

json_t *sl_html_map_packed(const json_t *map)
{
    int bad = 0;
    json_t *out = json_copy((json_t *)map), *areas = sl_jok(json_array(), &bad), *set;
    if (!out) return NULL;
    size_t i;
    json_array_foreach(json_object_get(map, "areas"), i, set) sl_jpush(areas, pack_areas(set, &bad), &bad);
    sl_jset(out, "areas", areas, &bad);
    json_t *up = json_object_get(map, "outlines");
    if (up) {
        json_t *packed = pack_areas(up, &bad);
        if (packed) sl_jset(packed, "level", json_incref(json_object_get(json_object_get(up, "features"), "level")), &bad);
        sl_jset(out, "outlines", packed, &bad);
    }
    const char *lists[] = {"sites", "agencies", "agencies_unlocated"};
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++)
        if (json_is_array(json_object_get(map, lists[k])))
            sl_jset(out, lists[k], pack_rows(json_object_get(map, lists[k]), &bad), &bad);
    sl_jset(out, "packed", json_integer((json_int_t)SL_MAP_SCALE), &bad);
    if (bad) json_decref(out), out = NULL;
    return out;
}
