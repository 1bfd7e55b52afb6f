/*
** gis.c — the audit's data/ folder: GeoJSON and CSV for every map layer and
** table, and one report.gpkg (GDAL's GeoPackage driver) holding every
** GeoJSON layer, for QGIS.
**
** Everything written here comes from a->map, which is already privacy-safe;
** CSV cells go through sl_csv_write_cell so no spreadsheet runs a formula.
** The GeoPackage is made from the GeoJSON files alone, so it is made on a
** thread of its own, each file copied in as soon as it is complete (the
** largest, the density map, is still being written when the areas are in),
** while the other files, report.html and summary.json are written; it is
** waited for last (sl_audit_gpkg_wait).
*/
#include "report_internal.h"
#include "sightline/core/json.h"
#include "sightline/core/text.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <gdal.h>
#include <cpl_conv.h>
#include <gdal_utils.h>
#include <ogr_api.h>
#include <stdio.h>
#include <string.h>

#define MAX_LAYERS 64

/* The GeoJSON files written so far, in order, for the GeoPackage's thread. */
typedef struct gis_files {
    char names[MAX_LAYERS][128]; /* GeoJSON base names without extension */
    char marks[MAX_LAYERS][512]; /* the synthetic imports each rests on ("": none), its layer's description */
    size_t count;
    int closed; /* no more files will come */
    pthread_mutex_t lock;
    pthread_cond_t added;
} gis_files;

/* NAME is complete: the GeoPackage's thread may copy it, MARK (NULL:
** none) its synthetic imports. */
static void add_file(gis_files *files, const char *name, const char *mark)
{
    pthread_mutex_lock(&files->lock);
    if (files->count < MAX_LAYERS) {
        snprintf(files->marks[files->count], 512, "%s", mark ? mark : "");
        snprintf(files->names[files->count++], 128, "%s", name);
    }
    pthread_cond_signal(&files->added);
    pthread_mutex_unlock(&files->lock);
}

static void close_files(gis_files *files)
{
    pthread_mutex_lock(&files->lock);
    files->closed = 1;
    pthread_cond_signal(&files->added);
    pthread_mutex_unlock(&files->lock);
}

/* The Ith file's name into NAME and its mark into MARK once it is
** written; 0 when there is none. */
static int next_file(gis_files *files, size_t i, char name[128], char mark[512])
{
    pthread_mutex_lock(&files->lock);
    while (i >= files->count && !files->closed) pthread_cond_wait(&files->added, &files->lock);
    int have = i < files->count;
    if (have) memcpy(name, files->names[i], 128), memcpy(mark, files->marks[i], 512);
    pthread_mutex_unlock(&files->lock);
    return have;
}

/* A file-name-safe form of NAME (letters, digits, - and _). */
static void safe_name(const char *name, char *out, size_t size)
{
    size_t i = 0;
    for (; *name && i + 1 < size; name++)
        out[i++] = isalnum((unsigned char)*name) || *name == '-' || *name == '_' ? *name : '_';
    out[i] = '\0';
}

/* KEY names a privacy flag ("posts_suppressed", "filter_x_protects"),
** written true or false: a reader's boolean column, not "true" or empty. */
static int flag_key(const char *key)
{
    size_t n = strlen(key);
    return (n > 11 && !strcmp(key + n - 11, "_suppressed")) || (n > 9 && !strcmp(key + n - 9, "_protects"));
}

/* The privacy flags (flag_key) that any feature of FC carries, each
** false (NULL: none): a feature a flag is missing from is not withheld, and
** its layer's column must read false there, not NULL, which a filter
** "posts_suppressed = false" in QGIS misses, as the CSV beside it does. */
static json_t *flag_defaults(json_t *fc)
{
    json_t *out = NULL, *feat, *v;
    const char *key;
    size_t i;
    json_array_foreach(json_object_get(fc, "features"), i, feat)
        json_object_foreach(json_object_get(feat, "properties"), key, v) if (flag_key(key)) {
            if (!out && !(out = json_object())) return NULL;
            json_object_set_new(out, key, json_false());
        }
    return out;
}

/* PROPS with the constant columns of CTX (NULL: none) after its own, a
** new reference: the snapshot and filter_tech of a partnership layer and
** "synthetic" (the synthetic imports a file rests on), the same columns as
** the CSV beside it, kept by report.gpkg and shown by QGIS, where a foreign
** member of the collection would be dropped: a GeoJSON file lifted out of
** data/ still says which list it counts. NULL out of memory. */
static json_t *marked(json_t *props, json_t *ctx, json_t *flags)
{
    if (!ctx && !flags) return json_incref(props);
    json_t *copy = json_copy(props);
    if (copy && ctx && json_object_update(copy, ctx)) json_decref(copy), copy = NULL;
    /* the flags this feature lacks, false (flag_defaults) */
    if (copy && flags && json_object_update_missing(copy, flags)) json_decref(copy), copy = NULL;
    return copy;
}

/* FC's features, each with its properties (MARK added: marked) and the
** geometry text at its place in GEOMS (the areas as imported:
** sl_audit_geometry_text) instead of the map's simplified one, else its
** own geometry. 1 when a write failed. */
static int dump_features(FILE *f, json_t *fc, json_t *geoms, json_t *ctx, json_t *fill, size_t flags)
{
    json_t *feat;
    size_t i;
    int bad = fputs("{\"type\":\"FeatureCollection\",\"features\":[", f) < 0;
    json_array_foreach(json_object_get(fc, "features"), i, feat) {
        const char *g = json_string_value(json_array_get(geoms, i));
        json_t *props = marked(json_object_get(feat, "properties"), ctx, fill);
        bad |= !props || fputs(i ? ",{\"type\":\"Feature\",\"properties\":" : "{\"type\":\"Feature\",\"properties\":", f) < 0;
        bad |= json_dumpf(props, f, flags) != 0;
        json_decref(props);
        if (geoms) bad |= fprintf(f, ",\"geometry\":%s}", g ? g : "null") < 0;
        else {
            bad |= fputs(",\"geometry\":", f) < 0;
            bad |= json_dumpf(json_object_get(feat, "geometry"), f, flags | JSON_ENCODE_ANY) != 0;
            bad |= fputc('}', f) == EOF;
        }
    }
    return bad | (fputs("]}", f) < 0);
}

/* data/NAME.geojson: FC, with the geometries of GEOMS when given (areas and
** their outlines, whole: gis_geometries of collect_spatial.c), each
** feature carrying CTX's constant columns (NULL: none; marked), among them
** MARK's "synthetic" (NULL: none), which also describes its layer. */
static sl_status write_geojson(audit *a, gis_files *files, const char *name, json_t *fc, json_t *geoms,
                               const char *mark, json_t *ctx, sl_error *err)
{
    char rel[200];
    snprintf(rel, sizeof rel, "data/%s.geojson", name);
    if (!fc) return sl_fail(err, SL_ENOMEM, rel, 0, "out of memory building the map data");
    FILE *f = sl_audit_open(a, rel, err);
    if (!f) return err->status;
    /* ten significant digits, as the CSV beside it (csv_value): a centimetre
    ** of longitude, and no "-95.509680000000003" of binary noise; areas'
    ** coordinates are written exactly by sl_audit_geometry_text */
    size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10);
    json_t *fill = flag_defaults(fc);
    int bad = geoms || json_object_size(ctx) || fill ? dump_features(f, fc, geoms, ctx, fill, flags)
                                                     : json_dumpf(fc, f, flags) != 0; /* a cut file must not pass */
    json_decref(fill);
    fputc('\n', f);
    if (sl_audit_close(f, rel, err)) return err->status;
    if (bad) return sl_fail(err, SL_ENOMEM, rel, 0, "out of memory writing the map data");
    add_file(files, name, mark);
    sl_jpush(a->files, json_pack("{s:s}", "file", rel), &a->bad);
    return SL_OK;
}

static void csv_value(FILE *f, json_t *v)
{
    if (json_is_string(v)) sl_csv_write_cell(f, json_string_value(v));
    else if (json_is_integer(v)) fprintf(f, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) fprintf(f, "%.10g", json_real_value(v));
    else if (json_is_boolean(v)) fputs(json_is_true(v) ? "true" : "false", f);
}

/* The GDAL type of COLUMN: that of its first non-empty value in ROWS, so an
** id like FIPS "04015" stays text and keeps its leading zero; true and
** false are GDAL's booleans, which it reads from those words. A column empty
** on every row is typed by what it is: a privacy flag a boolean, a count
** withheld everywhere (its flag beside it) a number, not text that QGIS
** would never sum. */
static const char *column_type(json_t *rows, const char *column)
{
    json_t *row, *v;
    size_t i;
    int withheld = 0;
    char flag[160];
    snprintf(flag, sizeof flag, "%s_suppressed", column);
    json_array_foreach(rows, i, row) {
        v = json_object_get(row, column);
        if (json_is_integer(v)) return "Integer64";
        if (json_is_real(v)) return "Real";
        if (json_is_boolean(v)) return "Integer(Boolean)";
        if (v && !json_is_null(v)) return "String";
        withheld |= json_object_get(row, flag) != NULL;
    }
    return flag_key(column) ? "Integer(Boolean)" : withheld ? "Real" : "String";
}

/* The .csvt beside data/NAME.csv (GDAL and QGIS read it): one type per
** column, the context's (write_csv) text. */
static sl_status write_csvt(audit *a, const char *name, json_t *rows, const char *const *cols, size_t n,
                            json_t *context, sl_error *err)
{
    char rel[200];
    snprintf(rel, sizeof rel, "data/%s.csvt", name);
    FILE *f = sl_audit_open(a, rel, err);
    if (!f) return err->status;
    for (size_t c = 0; c < n; c++) fprintf(f, "%s\"%s\"", c ? "," : "", column_type(rows, cols[c]));
    for (size_t c = 0; c < json_object_size(context); c++) fprintf(f, "%s\"String\"", n + c ? "," : "");
    fputc('\n', f);
    return sl_audit_close(f, rel, err);
}

/* The keys of every row of ROWS, each once, in the order they first
** appear (NULL out of memory; *N their number). Not the first row's alone:
** a withheld count's "<key>_suppressed" flag is only on the rows it
** withholds, and a column missing from the file would make an empty cell
** read as nothing rather than as withheld. */
static const char **row_keys(json_t *rows, size_t *n)
{
    json_t *seen = json_object(), *row, *v;
    size_t i;
    const char *key;
    int bad = !seen;
    json_array_foreach(rows, i, row) json_object_foreach(row, key, v) if (!bad && !json_object_get(seen, key))
        bad = json_object_set_new(seen, key, json_true()) != 0;
    const char **keys = bad ? NULL : malloc((json_object_size(seen) + 1) * sizeof *keys);
    *n = 0;
    /* the keys point into ROWS' objects, which outlive SEEN */
    json_array_foreach(rows, i, row) json_object_foreach(row, key, v) if (keys && json_object_get(seen, key)) {
        keys[(*n)++] = key;
        json_object_del(seen, key);
    }
    json_decref(seen);
    return keys;
}

/* ROWS (objects) as CSV with COLUMNS, and its .csvt; NULL columns: every
** key of any row (row_keys). CONTEXT (NULL: none), an object of strings,
** ends every row as constant columns after the data, as the CLI's
** partnership CSVs do (snapshot, filter_tech): a file lifted out of data/
** still says what it counts. */
static sl_status write_csv(audit *a, const char *name, json_t *rows, const char *const *columns, json_t *context,
                           sl_error *err)
{
    char rel[200];
    size_t n = 0;
    const char **keys = NULL;
    json_t *row;
    if (columns) {
        while (columns[n]) n++;
        keys = malloc((n + 1) * sizeof *keys);
        if (keys) memcpy(keys, columns, n * sizeof *keys);
    } else keys = row_keys(rows, &n);
    snprintf(rel, sizeof rel, "data/%s.csv", name);
    if (!keys) return sl_fail(err, SL_ENOMEM, rel, 0, "out of memory");
    FILE *f = sl_audit_open(a, rel, err);
    if (!f) {
        free(keys);
        return err->status;
    }
    const char *ck;
    json_t *cv;
    for (size_t c = 0; c < n; c++) { fputs(c ? "," : "", f); sl_csv_write_cell(f, keys[c]); }
    json_object_foreach(context, ck, cv) { fputs(n ? "," : "", f); sl_csv_write_cell(f, ck); }
    sl_csv_end_row(f);
    size_t i;
    json_array_foreach(rows, i, row) {
        for (size_t c = 0; c < n; c++) {
            json_t *v = json_object_get(row, keys[c]);
            fputs(c ? "," : "", f);
            if (!v && flag_key(keys[c])) fputs("false", f);
            else csv_value(f, v);
        }
        json_object_foreach(context, ck, cv) { fputs(n ? "," : "", f); csv_value(f, cv); }
        sl_csv_end_row(f);
    }
    sl_status s = sl_audit_close(f, rel, err);
    if (!s) s = write_csvt(a, name, rows, keys, n, context, err);
    json_t *listed = json_array();
    for (size_t c = 0; c < n; c++) sl_jpush(listed, json_string(keys[c]), &a->bad);
    json_object_foreach(context, ck, cv) sl_jpush(listed, json_string(ck), &a->bad);
    sl_jpush(a->files, json_pack("{s:s, s:o, s:I}", "file", rel, "columns", listed, "rows",
                                 (json_int_t)json_array_size(rows)), &a->bad);
    free(keys);
    return s;
}

/* The "properties" of each feature of FC, as CSV rows. */
static json_t *feature_rows(json_t *fc)
{
    json_t *rows = json_array(), *f;
    size_t i;
    json_array_foreach(json_object_get(fc, "features"), i, f) json_array_append(rows, json_object_get(f, "properties"));
    return rows;
}

/* Objects with lon/lat keys as a point FeatureCollection (other keys: properties). */
static json_t *points_fc(json_t *list)
{
    int bad = 0;
    json_t *features = sl_jok(json_array(), &bad), *o;
    size_t i;
    json_array_foreach(list, i, o) {
        json_t *props = json_deep_copy(o);
        json_object_del(props, "lon");
        json_object_del(props, "lat");
        sl_jpush(features, json_pack("{s:s, s:o, s:{s:s, s:[O, O]}}", "type", "Feature", "properties", props,
                                     "geometry", "type", "Point", "coordinates", json_object_get(o, "lon"),
                                     json_object_get(o, "lat")), &bad);
    }
    if (bad) { /* NULL: the caller reports out of memory */
        json_decref(features);
        return NULL;
    }
    return json_pack("{s:s, s:o}", "type", "FeatureCollection", "features", features);
}

/* A feature and its geometry text, sorted together by the feature's id. */
typedef struct area_row {
    const char *id;
    json_t *feature, *geometry;
} area_row;

static int by_area_id(const void *x, const void *y)
{
    return sl_id_cmp(((const area_row *)x)->id, ((const area_row *)y)->id);
}

/* KEY with its unit said, into BUF: a rate per 1,000 or per 100,000 of an
** area is per residents ("sites_per_100k" is sites_per_100k_residents,
** beside the report's sites per 1,000 km²), flags after it kept
** ("posts_per_100k_residents_suppressed"); KEY itself when it names its
** unit already or is no such rate. */
static const char *unit_key(const char *key, char buf[160])
{
    static const char *const RATES[] = {"_per_1000", "_per_100k"};
    for (size_t r = 0; r < 2; r++) {
        const char *at = strstr(key, RATES[r]);
        if (!at) continue;
        const char *rest = at + strlen(RATES[r]);
        if ((*rest && *rest != '_') || !strncmp(rest, "_residents", 10)) continue;
        snprintf(buf, 160, "%.*s_residents%s", (int)(rest - key), key, rest);
        return buf;
    }
    return key;
}

/* A copy of feature F (its geometry shared) whose properties name their
** units (unit_key): data/ is read without the report's headings. An area
** with a population carries few_residents last: its rates per resident and
** quotients rest on under 500 people (methodology, Limitations 12), as the
** report's tables and map mark them; a reuser sorting the CSV by a rate met
** a county of 80 residents on top, unmarked. */
static json_t *feature_with_units(json_t *f)
{
    json_t *props = json_object(), *v, *copy = json_copy(f);
    json_t *pop = json_object_get(json_object_get(f, "properties"), "pop");
    const char *key;
    char buf[160];
    json_object_foreach(json_object_get(f, "properties"), key, v) if (props)
        if (json_object_set(props, unit_key(key, buf), v)) json_decref(props), props = NULL;
    if (props && json_is_number(pop) &&
        json_object_set_new(props, "few_residents", json_boolean(sl_few_residents(json_number_value(pop)))))
        json_decref(props), props = NULL;
    if (!copy || !props || json_object_set_new(copy, "properties", props)) {
        json_decref(copy);
        return NULL;
    }
    return copy;
}

/* FC's features (their properties naming their units, feature_with_units),
** and GEOMS (one per feature) into *SORTED_GEOMS, in the order of their
** ids (sl_id_cmp: US counties by state, then county), the order a reader
** looks an area up in; the store's order is the file's it
** was imported from (us-atlas: Mohave, Tangipahoa, Lincoln...). NULL out of
** memory. The map (report.html) keeps the store's order, which the joins
** copied onto it by index rely on. */
static json_t *areas_in_id_order(json_t *fc, json_t *geoms, json_t **sorted_geoms)
{
    json_t *feats = json_object_get(fc, "features"), *f;
    size_t n = json_array_size(feats), i;
    area_row *v = malloc((n + 1) * sizeof *v);
    json_t *out = v ? json_array() : NULL, *g = v ? json_array() : NULL;
    int bad = !out || !g;
    json_array_foreach(feats, i, f) if (!bad) {
        v[i] = (area_row){sl_json_str(json_object_get(f, "properties"), "id"), f, json_array_get(geoms, i)};
    }
    if (!bad) qsort(v, n, sizeof *v, by_area_id);
    for (i = 0; !bad && i < n; i++) {
        bad |= json_array_append_new(out, feature_with_units(v[i].feature)) != 0; /* NULL: fails */
        if (geoms) bad |= json_array_append(g, v[i].geometry ? v[i].geometry : json_null()) != 0;
    }
    free(v);
    json_t *sorted = bad ? NULL : json_pack("{s:s, s:O}", "type", "FeatureCollection", "features", out);
    json_decref(out);
    if (!sorted || !geoms) json_decref(g), g = NULL;
    *sorted_geoms = g;
    return sorted;
}

/* The synthetic imports of LAYERS ("posts,cameras"), the layers a file of
** data/ was computed from, into OUT as "a; b" (summary.synthetic_layers, as
** report.html's notes name them), each once; NULL when none is: a file
** says it rests on invented rows exactly when it does, and names no
** invented layer it did not use. */
static const char *synthetic_mark(audit *a, const char *layers, char out[512])
{
    json_t *all = json_object_get(a->summary, "synthetic_layers"), *f;
    const char *named[32];
    char copy[128];
    size_t w = 0, i, n = 0, k;
    *out = '\0';
    snprintf(copy, sizeof copy, "%s", layers);
    for (char *save, *l = strtok_r(copy, ",", &save); l; l = strtok_r(NULL, ",", &save))
        json_array_foreach(json_object_get(all, l), i, f) {
            const char *file = json_string_value(f);
            /* synth --layer agencies fills agencies and partnerships: named once */
            for (k = 0; k < n && strcmp(named[k], file); k++) continue;
            if (k < n || n == 32) continue;
            named[n++] = file;
            if (w < 512) w += (size_t)snprintf(out + w, 512 - w, "%s%s", w ? "; " : "", file);
        }
    return *out ? out : NULL;
}

/* CTX (NULL: a new object) with MARK (NULL: nothing) as its last column
** "synthetic", as write_csv adds it to every row. */
static json_t *marked_context(audit *a, json_t *ctx, const char *mark)
{
    if (!mark) return ctx;
    if (!ctx) ctx = json_object();
    sl_jset(ctx, "synthetic", json_string(mark), &a->bad);
    return ctx;
}

/* The layers the cameras counted came from: a cameras layer, else the
** posts' places (sl_load_cameras_grouped). */
static const char *camera_layer(audit *a)
{
    return json_integer_value(json_object_get(json_object_get(a->summary, "layers"), "cameras")) > 0 ? "cameras"
                                                                                                      : "posts";
}

/* The context of the audit's partnership CSVs (sl_tracker_context): the
** snapshot counted (for the diff, FROM and TO), filter_tech when --tech
** was given and filter_state in a state's report (a file passed on says
** it is Illinois's); no since, which none of them applies (the report's
** "Counted here" note says so). */
static json_t *partner_context(audit *a)
{
    sl_tracker_query q = {.tech = a->o.tech, .state = a->scope};
    json_t *ctx = sl_tracker_context(sl_json_str(json_object_get(a->summary, "partnerships"), "snapshot"), NULL, &q);
    if (!ctx) a->bad = 1;
    return ctx;
}

static sl_status area_files(audit *a, gis_files *files, sl_error *err)
{
    size_t i;
    json_t *m;
    sl_status s = SL_OK;
    json_array_foreach(json_object_get(a->map, "areas"), i, m) {
        char name[128], safe[100];
        safe_name(json_string_value(json_object_get(m, "set")), safe, sizeof safe);
        snprintf(name, sizeof name, "areas_%s", safe);
        json_t *geoms = NULL, *fc = areas_in_id_order(json_object_get(m, "features"), json_object_get(m, "gis_geometries"), &geoms);
        json_t *rows = feature_rows(fc);
        /* its columns count every layer placed in areas */
        char buf[512];
        const char *mark = synthetic_mark(a, "areas,agencies,partnerships,requests,posts,cameras,sites", buf);
        json_t *ctx = marked_context(a, NULL, mark);
        if (!s) s = write_geojson(a, files, name, fc, geoms, mark, ctx, err); /* fc NULL: out of memory, said there */
        if (!s) s = write_csv(a, name, rows, NULL, ctx, err);
        json_decref(ctx);
        json_decref(rows);
        json_decref(geoms);
        json_decref(fc);
    }
    return s;
}

/* The areas one level up (collect_outlines.c): partnerships per state (or
** county) when partnerships were measured, else just the outlines. */
static sl_status outline_files(audit *a, gis_files *files, sl_error *err)
{
    json_t *up = json_object_get(a->map, "outlines"), *fc = json_object_get(up, "features");
    if (!fc) return SL_OK;
    const char *level = json_string_value(json_object_get(fc, "level"));
    int partners = json_object_get(a->summary, "partnerships") != NULL;
    char name[64];
    snprintf(name, sizeof name, partners ? "partnerships_by_%s" : "%s",
             level && !strcmp(level, "states") ? (partners ? "state" : "states") : (partners ? "county" : "counties"));
    json_t *geoms = NULL, *sorted = areas_in_id_order(fc, json_object_get(up, "gis_geometries"), &geoms);
    json_t *rows = feature_rows(sorted); /* by id, as the areas' files: states by FIPS code */
    char buf[512];
    const char *mark = synthetic_mark(a, partners ? "areas,agencies,partnerships" : "areas", buf);
    json_t *ctx = marked_context(a, partners ? partner_context(a) : NULL, mark);
    sl_status s = write_geojson(a, files, name, sorted, geoms, mark, ctx, err); /* sorted NULL: out of memory, said there */
    if (!s) s = write_csv(a, name, rows, NULL, ctx, err);
    json_decref(ctx);
    json_decref(rows);
    json_decref(geoms);
    json_decref(sorted);
    return s;
}

/* Agencies as a reader looks one up: by state, then name, then ORI. */
static int by_state_name(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    int c = strcmp(sl_json_str(a, "state"), sl_json_str(b, "state"));
    if (!c) c = strcmp(sl_json_str(a, "name"), sl_json_str(b, "name"));
    return c ? c : strcmp(sl_json_str(a, "ori"), sl_json_str(b, "ori"));
}

/* LIST's objects in by_state_name order, a new array (NULL: out of memory). */
static json_t *agencies_sorted(json_t *list)
{
    size_t n = json_array_size(list);
    json_t **v = malloc((n + 1) * sizeof *v), *out = v ? json_array() : NULL;
    for (size_t i = 0; out && i < n; i++) v[i] = json_array_get(list, i);
    if (out && n > 1) qsort(v, n, sizeof *v, by_state_name);
    for (size_t i = 0; out && i < n; i++)
        if (json_array_append(out, v[i])) json_decref(out), out = NULL;
    free(v);
    return out;
}

static sl_status point_files(audit *a, gis_files *files, sl_error *err)
{
    sl_status s = SL_OK;
    char buf[512];
    json_t *hexes = json_object_get(a->map, "hexes");
    if (hexes) {
        json_t *rows = feature_rows(hexes);
        const char *mark = synthetic_mark(a, "posts,cameras", buf); /* cells count both */
        json_t *ctx = marked_context(a, NULL, mark);
        s = write_geojson(a, files, "camera_density", hexes, NULL, mark, ctx, err);
        /* the columns named: with every cell withheld there is no row to take them from */
        static const char *const HEX_COLS[] = {"cell", "lon", "lat", "cameras", "camera_locations", "posts", NULL};
        if (!s) s = write_csv(a, "camera_density", rows, json_array_size(rows) ? NULL : HEX_COLS, ctx, err);
        json_decref(ctx);
        json_decref(rows);
    }
    /* sites count the cameras near them; agencies name their area */
    const char *lists[] = {"sites", "agencies"}, *uses[] = {"sites,posts,cameras", "agencies,partnerships,areas"};
    for (int k = 0; !s && k < 2; k++) {
        json_t *list = json_object_get(a->map, lists[k]);
        if (json_array_size(list) == 0) continue;
        json_t *fc = points_fc(list);
        const char *mark = synthetic_mark(a, uses[k], buf);
        /* the agencies count the snapshot's partnerships, as their CSV says */
        json_t *ctx = marked_context(a, k == 1 ? partner_context(a) : NULL, mark);
        s = write_geojson(a, files, lists[k], fc, NULL, mark, ctx, err);
        json_decref(fc);
        if (!s && k == 0) s = write_csv(a, lists[k], list, NULL, ctx, err);
        if (s || k == 0) {
            json_decref(ctx);
            continue;
        }
        /* Every partnered agency, a located flag instead of a silent drop. */
        static const char *const AGENCY_COLS[] = {"ori", "name", "type", "state", "county", "start", "technology",
                                                  "record_id", "source_url", "located", "lon", "lat",
                                                  "area_set", "area_id", NULL};
        json_t *all = json_deep_copy(list), *sorted;
        if (!all || json_array_extend(all, json_object_get(a->map, "agencies_unlocated"))) a->bad = 1;
        if (!(sorted = agencies_sorted(all))) a->bad = 1;
        s = write_csv(a, lists[k], sorted ? sorted : all, AGENCY_COLS, ctx, err);
        json_decref(ctx);
        json_decref(sorted);
        json_decref(all);
    }
    json_t *exact = json_object_get(a->map, "cameras_exact");
    if (!s && exact) {
        json_t *objs = json_array(), *p;
        size_t i;
        json_array_foreach(exact, i, p)
            sl_jpush(objs, json_pack("{s:O, s:O}", "lon", json_array_get(p, 0), "lat", json_array_get(p, 1)), &a->bad);
        json_t *fc = points_fc(objs);
        const char *mark = synthetic_mark(a, camera_layer(a), buf);
        json_t *ctx = marked_context(a, NULL, mark);
        s = write_geojson(a, files, "cameras_exact", fc, NULL, mark, ctx, err);
        json_decref(ctx);
        json_decref(fc);
        json_decref(objs);
    }
    return s;
}

/* The context of a disparity's CSV, constant on every row as the
** partnership CSVs' (partner_context): its area set, events, what
** "baseline" is the share of (the study areas' residents here, where the
** CLI's --baseline national is the nation's), the seed and draws, and the invented
** files of the layers it rests on (its events and its areas; not the
** section's, which holds other events), so that a file lifted out of data/
** still says so. */
static json_t *disparity_context(audit *a, json_t *r)
{
    json_t *ctx = json_object();
    const char *events = sl_json_str(r, "events_kind");
    char layers[64], buf[512];
    snprintf(layers, sizeof layers, "%s,areas", strcmp(events, "cameras") == 0 ? camera_layer(a) : events);
    sl_jset(ctx, "set", json_string(sl_json_str(r, "set")), &a->bad);
    sl_jset(ctx, "events_kind", json_string(events), &a->bad);
    sl_jset(ctx, "baseline_is", json_string(sl_json_str(r, "baseline")), &a->bad);
    sl_jset(ctx, "seed", json_integer(json_integer_value(json_object_get(r, "seed"))), &a->bad);
    /* with the seed, what makes the file again (`disparity --csv` gives them too) */
    sl_jset(ctx, "bootstrap", json_integer(json_integer_value(json_object_get(r, "bootstrap"))), &a->bad);
    sl_jset(ctx, "permutations", json_integer(json_integer_value(json_object_get(r, "permutations"))), &a->bad);
    if (!ctx) a->bad = 1;
    return marked_context(a, ctx, synthetic_mark(a, layers, buf));
}

/* A copy of the disparity GROUPS with the exposure per 100,000 residents,
** the unit of every rate per resident in data/ and the report (summary.json
** keeps the analysis's exposure_per_1000). */
static json_t *groups_per_100k(audit *a, json_t *groups)
{
    json_t *copy = json_deep_copy(groups), *g;
    size_t i;
    json_array_foreach(copy, i, g) {
        json_t *e = json_object_get(g, "exposure_per_1000");
        sl_jset(g, "exposure_per_100k_residents", json_is_number(e) ? json_real(100 * json_number_value(e)) : json_null(),
                &a->bad);
    }
    if (!copy) a->bad = 1;
    return copy;
}

static sl_status table_files(audit *a, sl_error *err)
{
    static const char *const DIFF_COLS[] = {"change", "agency", "state", "ori", "record_id", "technology", "start", "vendor",
                                            "began", "what_changed", NULL};
    static const char *const GROUP_COLS[] = {"group", "share", "ci_low", "ci_high", "baseline", "difference", "ratio",
                                             "ratio_ci_low", "ratio_ci_high", "p_value", "p_is_bound", "exposure_per_100k_residents", NULL};
    static const char *const POST_COLS[] = {"id", "date", "text", NULL};
    sl_status s = SL_OK;
    json_t *diff = json_object_get(a->summary, "diff"), *rows = json_array(), *r;
    const char *kinds[] = {"new", "ended", "changed"};
    size_t i;
    for (int k = 0; diff && k < 3; k++)
        json_array_foreach(json_object_get(diff, kinds[k]), i, r) {
            json_t *row = json_deep_copy(r);
            sl_jset(row, "change", json_string(kinds[k]), &a->bad);
            sl_jpush(rows, row, &a->bad);
        }
    char buf[512];
    if (diff) {
        sl_tracker_query q = {.tech = a->o.tech, .state = a->scope};
        json_t *dctx = sl_tracker_diff_context(diff, &q); /* its snapshots' files too */
        if (!dctx) a->bad = 1;
        json_t *ctx = marked_context(a, dctx, synthetic_mark(a, "partnerships,agencies", buf));
        s = write_csv(a, "partnerships_diff", rows, DIFF_COLS, ctx, err);
        json_decref(ctx);
    }
    json_decref(rows);
    json_array_foreach(json_object_get(a->summary, "disparity"), i, r) {
        char name[160], safe[100];
        safe_name(json_string_value(json_object_get(r, "set")), safe, sizeof safe);
        snprintf(name, sizeof name, "disparity_%s_%s", safe, json_string_value(json_object_get(r, "events_kind")));
        json_t *ctx = disparity_context(a, r), *groups = groups_per_100k(a, json_object_get(r, "groups"));
        if (!s) s = write_csv(a, name, groups, GROUP_COLS, ctx, err);
        json_decref(groups);
        json_decref(ctx);
    }
    json_array_foreach(a->posts_shown, i, r) {
        char name[160], safe[100];
        safe_name(json_string_value(json_object_get(r, "filter")), safe, sizeof safe);
        snprintf(name, sizeof name, "filter_%s_posts", safe);
        json_t *ctx = marked_context(a, NULL, synthetic_mark(a, "posts", buf));
        if (!s) s = write_csv(a, name, json_object_get(r, "posts"), POST_COLS, ctx, err);
        json_decref(ctx);
    }
    return s;
}

/* data/NAME.geojson as layer NAME of OUT, described (gpkg_contents, which
** QGIS shows as the layer's abstract) by MARK, its synthetic imports. */
static sl_status copy_layer(const audit *a, GDALDatasetH out, const char *name, const char *mark, sl_error *err)
{
    char rel[200], src[4200];
    snprintf(rel, sizeof rel, "data/%s.geojson", name);
    if (sl_audit_path(a, rel, src, sizeof src, err)) return err->status;
    GDALDatasetH in = GDALOpenEx(src, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    /* Areas and outlines are MultiPolygons: declared so, QGIS and ogrinfo
    ** see a typed layer rather than "Unknown". */
    int multi = strncmp(name, "areas_", 6) == 0 || strncmp(name, "partnerships_by_", 16) == 0 ||
                !strcmp(name, "states") || !strcmp(name, "counties"),
        failed = 0;
    char layer[128];
    snprintf(layer, sizeof layer, "%s", name);
    char desc[600];
    snprintf(desc, sizeof desc, "DESCRIPTION=Rests on synthetic data, invented by sightline: %s", mark);
    char *argv[8] = {"-nln", layer};
    size_t n = 2;
    if (*mark) argv[n++] = "-lco", argv[n++] = desc;
    if (multi) argv[n++] = "-nlt", argv[n++] = "MULTIPOLYGON";
    argv[n] = NULL;
    GDALVectorTranslateOptions *opt = GDALVectorTranslateOptionsNew(argv, NULL);
    sl_status s = SL_OK;
    if (!in || !opt || !GDALVectorTranslate(NULL, out, 1, &in, opt, &failed) || failed)
        s = sl_fail(err, SL_EIO, src, 0, "could not copy into report.gpkg: %s", CPLGetLastErrorMsg());
    GDALVectorTranslateOptionsFree(opt);
    if (in) GDALClose(in);
    return s;
}

/* Every GeoJSON file, one layer each, into data/report.gpkg, as each is
** written; no GeoPackage when there is none. */
static sl_status write_gpkg(const audit *a, gis_files *files, sl_error *err)
{
    char path[4200], name[128], mark[512];
    GDALDatasetH out = NULL;
    sl_status s = SL_OK;
    for (size_t i = 0; !s && next_file(files, i, name, mark); i++) {
        if (!out) {
            if (sl_audit_path(a, "data/report.gpkg", path, sizeof path, err)) return err->status;
            GDALAllRegister();
            GDALDriverH drv = GDALGetDriverByName("GPKG");
            out = drv ? GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL) : NULL;
            if (!out)
                return sl_fail(err, SL_EIO, path, 0, "GDAL could not create a GeoPackage: %s", CPLGetLastErrorMsg());
        }
        s = copy_layer(a, out, name, mark, err);
    }
    if (out) GDALClose(out);
    return s;
}

struct audit_gpkg {
    const audit *a;
    gis_files files;
    audit_task task;
    sl_status s;
    sl_error err;
};

static void *run_gpkg(void *arg)
{
    audit_gpkg *g = arg;
    /* GDAL stamps each layer's last_change with the clock: the report's
    ** own time instead, so that an audit made again differs in that time
    ** only, as summary.json does (set for this thread alone) */
    const char *at = sl_json_str(g->a->summary, "generated_at");
    char stamp[32] = "";
    if (at && strlen(at) == 20) snprintf(stamp, sizeof stamp, "%.19s.000Z", at);
    if (*stamp) CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", stamp);
    g->s = write_gpkg(g->a, &g->files, &g->err);
    if (*stamp) CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", NULL);
    return NULL;
}

sl_status sl_audit_write_gis(audit *a, sl_error *err)
{
    audit_gpkg *g = calloc(1, sizeof *g);
    if (!g) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    g->a = a;
    pthread_mutex_init(&g->files.lock, NULL);
    pthread_cond_init(&g->files.added, NULL);
    a->gpkg = g; /* waited for (and freed) by sl_audit_gpkg_wait, whatever happens here */
    /* Not sl_audit_task_start: without a thread it would wait for files
    ** that this thread has not written yet. */
    g->task.started = pthread_create(&g->task.thread, NULL, run_gpkg, g) == 0;
    sl_status s = area_files(a, &g->files, err);
    if (!s) s = outline_files(a, &g->files, err);
    if (!s) s = point_files(a, &g->files, err);
    if (!s) s = table_files(a, err);
    close_files(&g->files);
    if (!g->task.started) run_gpkg(g); /* every file is listed by now */
    return s;
}

sl_status sl_audit_gpkg_wait(audit *a, sl_error *err)
{
    audit_gpkg *g = a->gpkg;
    if (!g) return SL_OK;
    sl_audit_task_wait(&g->task);
    sl_status s = g->s;
    if (s) *err = g->err;
    pthread_mutex_destroy(&g->files.lock);
    pthread_cond_destroy(&g->files.added);
    free(g);
    a->gpkg = NULL;
    return s;
}
