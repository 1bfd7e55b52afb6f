/*
** points_json.c — GeoJSON, NDJSON and OSM Overpass point readers (see
** include/sightline/io/points_io.h), through jansson.
**
** These formats come from web exports and Overpass queries: thousands to a
** few hundred thousand points, so a DOM parse is fine here; the fast path is
** the CSV reader. Rules match the CSV reader: every record without a usable
** point is counted under a reason.
*/
#include "sightline/io/points_io.h"
#include "json_error.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Overpass tags kept with each camera: where it looks, what it is, who runs it. */
static const char *const OSM_KEEP[] = {"camera:direction", "surveillance:type", "operator", NULL};

/* A member of OBJ by exact NAME, else case-insensitively. */
static json_t *member(json_t *obj, const char *name)
{
    if (!name || !json_is_object(obj)) return NULL;
    json_t *v = json_object_get(obj, name);
    if (v) return v;
    const char *key;
    json_object_foreach(obj, key, v)
        if (strcasecmp(key, name) == 0) return v;
    return NULL;
}

static json_t *first_member(json_t *obj, const char *given, const char *const *cands,
                            const char **used)
{
    if (given) return *used = given, member(obj, given);
    for (int i = 0; cands[i]; i++) {
        json_t *v = member(obj, cands[i]);
        if (v) return *used = cands[i], v;
    }
    return NULL;
}

/* Scalar as text into BUF ("" for null/absent/objects). */
static const char *scalar_text(json_t *v, char *buf, size_t size)
{
    buf[0] = '\0';
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v)) snprintf(buf, size, "%.17g", json_real_value(v));
    else if (json_is_true(v)) snprintf(buf, size, "true");
    else if (json_is_false(v)) snprintf(buf, size, "false");
    return buf;
}

/* -1: absent/null, 0: not a number, 1: number in *out. */
static int number_of(json_t *v, double *out)
{
    if (!v || json_is_null(v)) return -1;
    if (json_is_number(v)) return *out = json_number_value(v), 1;
    if (!json_is_string(v)) return 0;
    const char *s = json_string_value(v);
    if (!*s) return -1;
    return sl_parse_decimal(s, strlen(s), out);
}

/* Check and append one point; counts a skip otherwise. */
static sl_status add_point(sl_points *out, sl_point_report *rep, long where, json_t *jlat,
                           json_t *jlon, json_t *props, const sl_point_columns *cols,
                           json_t *id_fallback, const char *attrs, sl_error *err)
{
    rep->rows++;
    double lat = 0, lon = 0;
    int a = number_of(jlat, &lat), b = number_of(jlon, &lon);
    if (a < 0 || b < 0) return sl_point_report_skip(rep, SL_SKIP_MISSING, where), SL_OK;
    if (a == 0 || b == 0) return sl_point_report_skip(rep, SL_SKIP_UNPARSABLE, where), SL_OK;
    if (sl_point_looks_swapped(lat, lon)) rep->swapped_like++;
    int why = sl_point_check(lat, lon);
    if (why >= 0) return sl_point_report_skip(rep, (sl_skip_reason)why, where), SL_OK;
    char idbuf[64], tbuf[64], textbuf[64];
    const char *named[3] = {cols->id, cols->text, cols->time};
    for (int i = 0; i < 3; i++) rep->named_seen[i] += named[i] && member(props, named[i]);
    json_t *jid = cols->id ? member(props, cols->id) : id_fallback ? id_fallback : member(props, "id");
    const char *id = scalar_text(jid, idbuf, sizeof idbuf);
    const char *text = cols->text ? scalar_text(member(props, cols->text), textbuf, sizeof textbuf) : "";
    int64_t t = SL_TIME_NONE;
    if (cols->time) {
        const char *ts = scalar_text(member(props, cols->time), tbuf, sizeof tbuf);
        snprintf(rep->time_col, sizeof rep->time_col, "%s", cols->time);
        if (!*ts) {
        } else if (sl_parse_time_as(ts, strlen(ts), cols->date_format, &t)) {
            rep->timed++;
        } else {
            sl_point_report_bad_time(rep, ts, strlen(ts), where);
            t = SL_TIME_NONE;
        }
    }
    if (sl_points_push(out, lon, lat, t, id, text, attrs, err)) return err->status;
    rep->imported++;
    return SL_OK;
}

/* A property the user named (--id, --text, --time) that no record holds is
** a typo, not a column of unknowns: an error naming it. */
static sl_status check_named(const char *name, const sl_point_columns *cols, const sl_point_report *rep,
                             sl_error *err)
{
    const char *named[3] = {cols->id, cols->text, cols->time};
    const char *flag[3] = {"--id", "--text", "--time"};
    for (int i = 0; i < 3; i++)
        if (named[i] && rep->imported > 0 && rep->named_seen[i] == 0)
            return sl_fail(err, SL_EDATA, name, 0, "%s: no record has a property '%s'", flag[i], named[i]);
    return SL_OK;
}

/* One GeoJSON Feature (WHERE: its number or line). */
static sl_status add_feature(json_t *f, long where, const sl_point_columns *cols, sl_points *out,
                             sl_point_report *rep, sl_error *err)
{
    json_t *geom = json_object_get(f, "geometry");
    json_t *props = json_object_get(f, "properties");
    if (!geom || json_is_null(geom)) {
        rep->rows++;
        sl_point_report_skip(rep, SL_SKIP_MISSING, where);
        return SL_OK;
    }
    const char *type = json_string_value(json_object_get(geom, "type"));
    json_t *xy = json_object_get(geom, "coordinates");
    if (!type || strcmp(type, "Point") != 0 || !json_is_array(xy)) {
        rep->rows++;
        sl_point_report_skip(rep, SL_SKIP_NOT_A_POINT, where);
        return SL_OK;
    }
    snprintf(rep->lat_col, sizeof rep->lat_col, "coordinates[1]");
    snprintf(rep->lon_col, sizeof rep->lon_col, "coordinates[0]");
    return add_point(out, rep, where, json_array_get(xy, 1), json_array_get(xy, 0), props, cols,
                     json_object_get(f, "id"), NULL, err);
}

static sl_status load(const char *name, const char *data, size_t len, json_t **root,
                      sl_error *err)
{
    json_error_t je;
    int oom;
    *root = sl_json_loadb(data, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je, &oom);
    if (!*root) return sl_json_fail(err, name, je.line, "invalid JSON", &je, oom);
    return SL_OK;
}

int sl_crs_name_epsg(const char *name)
{
    if (strstr(name, "CRS84")) return 4326;
    const char *at = strstr(name, "EPSG:");
    if (!at) return 0;
    at += 5;
    while (*at == ':') at++;
    char *end;
    long code = strtol(at, &end, 10);
    return *end == '\0' && code > 0 && code < 1000000 ? (int)code : 0;
}

/* A FeatureCollection's crs member (GeoJSON 2008; GDAL and QGIS still write
** one) naming coordinates that are not longitude/latitude: refused up front,
** since its points would all be skipped as out of range ("3247 records
** skipped"), with nothing said of the projection. Longitude/latitude CRSs
** (WGS84, CRS84, NAD83) pass; `import requests` reprojects such a file. */
static sl_status check_crs(const char *name, json_t *root, sl_error *err)
{
    const char *crs = json_string_value(json_object_get(json_object_get(json_object_get(root, "crs"), "properties"),
                                                         "name"));
    if (!crs) return SL_OK;
    int code = sl_crs_name_epsg(crs);
    if (code == 4326 || code == 4269 || code == 4979) return SL_OK;
    return sl_fail(err, SL_EDATA, name, 0,
                   "the file declares its coordinates in %.80s, not longitude/latitude: reproject it first "
                   "(ogr2ogr -t_srs EPSG:4326 out.geojson %s)", crs, name);
}

sl_status sl_points_parse_geojson(const char *name, const char *data, size_t len,
                                  const sl_point_columns *cols, sl_points *out,
                                  sl_point_report *rep, sl_error *err)
{
    static const sl_point_columns none = {0};
    if (!cols) cols = &none;
    json_t *root;
    if (load(name, data, len, &root, err)) return err->status;
    snprintf(rep->format, sizeof rep->format, "geojson");
    sl_status st = SL_OK;
    const char *type = json_string_value(json_object_get(root, "type"));
    json_t *features = json_object_get(root, "features");
    if (check_crs(name, root, err)) {
        st = err->status;
    } else if (type && strcmp(type, "Feature") == 0) {
        st = add_feature(root, 1, cols, out, rep, err);
    } else if (!type || strcmp(type, "FeatureCollection") != 0 || !json_is_array(features)) {
        st = sl_fail(err, SL_EDATA, name, 0, "not a GeoJSON FeatureCollection");
    } else {
        size_t i;
        json_t *f;
        size_t n = json_array_size(features);
        json_array_foreach(features, i, f) {
            if (i % 4096 == 0) sl_progress_tell(&cols->progress, "features read", i, n);
            if ((st = add_feature(f, (long)i + 1, cols, out, rep, err))) break;
        }
    }
    json_decref(root);
    sl_point_report_finish(rep);
    if (!st) st = check_named(name, cols, rep, err);
    return st;
}

/* One NDJSON line: a Feature, or a flat object with latitude/longitude. */
static sl_status add_ndjson_object(json_t *obj, long line, const sl_point_columns *cols,
                                   sl_points *out, sl_point_report *rep, sl_error *err)
{
    const char *type = json_string_value(json_object_get(obj, "type"));
    if (type && strcmp(type, "Feature") == 0) return add_feature(obj, line, cols, out, rep, err);
    const char *lat_key = NULL, *lon_key = NULL;
    json_t *jlat = first_member(obj, cols->lat, sl_lat_names, &lat_key);
    json_t *jlon = first_member(obj, cols->lon, sl_lon_names, &lon_key);
    if (lat_key && !rep->lat_col[0]) snprintf(rep->lat_col, sizeof rep->lat_col, "%s", lat_key);
    if (lon_key && !rep->lon_col[0]) snprintf(rep->lon_col, sizeof rep->lon_col, "%s", lon_key);
    return add_point(out, rep, line, jlat, jlon, obj, cols, NULL, NULL, err);
}

sl_status sl_points_parse_ndjson(const char *name, const char *data, size_t len,
                                 const sl_point_columns *cols, sl_points *out,
                                 sl_point_report *rep, sl_error *err)
{
    static const sl_point_columns none = {0};
    if (!cols) cols = &none;
    snprintf(rep->format, sizeof rep->format, "ndjson");
    const char *p = data, *end = data + len;
    long line = 0;
    sl_status st = SL_OK;
    while (p < end && !st) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        if (line++ % 4096 == 0) sl_progress_tell(&cols->progress, "bytes read", (uint64_t)(p - data), len);
        const char *s = p;
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\r')) s++;
        if (s < e) {
            json_error_t je;
            int oom;
            json_t *obj = sl_json_loadb(s, (size_t)(e - s), 0, &je, &oom);
            if (!obj)
                st = sl_json_fail(err, name, line, "not a JSON object", &je, oom);
            else if (!json_is_object(obj))
                st = sl_fail(err, SL_EDATA, name, line, "not a JSON object");
            else
                st = add_ndjson_object(obj, line, cols, out, rep, err);
            json_decref(obj);
        }
        p = nl ? nl + 1 : end;
    }
    sl_point_report_finish(rep);
    if (!st) st = check_named(name, cols, rep, err);
    return st;
}

/* The kept OSM tags as a compact JSON object, or NULL when there are none. */
static char *osm_attrs(json_t *tags)
{
    json_t *keep = json_object();
    for (int i = 0; OSM_KEEP[i]; i++) {
        json_t *v = json_object_get(tags, OSM_KEEP[i]);
        if (v) json_object_set(keep, OSM_KEEP[i], v);
    }
    char *s = json_object_size(keep) ? json_dumps(keep, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(keep);
    return s;
}

sl_status sl_points_parse_overpass(const char *name, const char *data, size_t len,
                                   const sl_point_columns *cols, sl_points *out,
                                   sl_point_report *rep, sl_error *err)
{
    static const sl_point_columns none = {0};
    if (!cols) cols = &none;
    json_t *root;
    if (load(name, data, len, &root, err)) return err->status;
    snprintf(rep->format, sizeof rep->format, "overpass");
    snprintf(rep->lat_col, sizeof rep->lat_col, "lat");
    snprintf(rep->lon_col, sizeof rep->lon_col, "lon");
    json_t *elements = json_object_get(root, "elements");
    sl_status st = SL_OK;
    if (!json_is_array(elements)) st = sl_fail(err, SL_EDATA, name, 0, "no Overpass \"elements\" array");
    size_t i;
    json_t *el;
    json_array_foreach(elements, i, el) {
        if (st) break;
        const char *type = json_string_value(json_object_get(el, "type"));
        json_t *at = el, *center = json_object_get(el, "center");
        if (type && strcmp(type, "node") != 0 && center) at = center; /* `out center` */
        if (!type || (strcmp(type, "node") != 0 && !center)) {
            rep->rows++;
            sl_point_report_skip(rep, SL_SKIP_NOT_A_POINT, (long)i + 1);
            continue;
        }
        char idbuf[64];
        json_int_t nid = json_integer_value(json_object_get(el, "id"));
        snprintf(idbuf, sizeof idbuf, "%s/%" JSON_INTEGER_FORMAT, type, nid);
        json_t *tags = json_object_get(el, "tags");
        json_t *idv = json_string(idbuf);
        char *attrs = osm_attrs(tags);
        sl_point_columns c = *cols;
        if (!c.text) c.text = "name";
        st = add_point(out, rep, (long)i + 1, json_object_get(at, "lat"), json_object_get(at, "lon"),
                       tags ? tags : el, &c, c.id ? NULL : idv, attrs, err);
        free(attrs);
        json_decref(idv);
    }
    json_decref(root);
    sl_point_report_finish(rep);
    if (!st) st = check_named(name, cols, rep, err);
    return st;
}
