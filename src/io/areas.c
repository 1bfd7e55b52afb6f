/*
** areas.c — area polygons and demographics through GDAL/OGR (see
** include/sightline/io/areas_io.h).
**
** Everything is normalised at import so the join engine sees one thing:
** WGS84 lon/lat in traditional GIS axis order, valid 2D polygons as ISO WKB,
** people counts. Areas are measured on the ellipsoid with PROJ's geodesic
** polygon area (GDAL 3.6 has no OGR_G_GeodesicArea).
*/
#include "sightline/io/areas_io.h"
#include "area_demographics.h"
#include "vector_layer.h"
#include "geo/ring_check.h"
#include "sightline/geo/gdal.h"
#include "sightline/core/file.h"
#include "sightline/core/names.h"
#include "sightline/core/points.h"
#include "sightline/core/sha256.h"
#include "sightline/core/text.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include "sightline/geo/ground_area.h"
#include <ctype.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cpl_vsi.h>

typedef struct reader {
    const char *path;
    const sl_area_options *opt;
    sl_area_report *rep;
    OGRLayerH layer;
    OGRFeatureDefnH defn;
    OGRCoordinateTransformationH ct; /* NULL when already WGS84 */
    struct geod_geodesic geod;
    double *lons, *lats; /* ring scratch */
    int scratch;
    sl_demographics *demo; /* joined table or NULL */
    /* areas with no row whose id, with its leading zeros taken off, is a
    ** key of the table: keys read as numbers (a FIPS 01001 as 1001) */
    long zeros_lost;
    int zeros_width;           /* the longest such id: the --key-width that fixes it */
    char zeros_id[32], zeros_key[32]; /* one of them */
    /* with --percent, group figures over 100: counts read as percentages */
    long over_100;
    const char *over_field;    /* the first one's field (an option's value) */
    char over_id[32];          /* and area */
    double over_value;
    sl_figure_check impossible; /* groups over the population */
    /* areas given the row of their former FIPS code, checked once every
    ** area is read: no area of the set may hold that code itself */
    struct { char id[8], former[8]; } by_former[8];
    int nby_former;
} reader;

/* ---- field templates ---------------------------------------------------- */

static void field_text(OGRFeatureH f, int idx, char *buf, size_t size)
{
    OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(OGR_F_GetDefnRef(f), idx));
    buf[0] = '\0';
    if (!OGR_F_IsFieldSetAndNotNull(f, idx)) return;
    if (t == OFTReal) {
        double v = OGR_F_GetFieldAsDouble(f, idx);
        if (v == floor(v) && fabs(v) < 1e15) snprintf(buf, size, "%.0f", v);
        else snprintf(buf, size, "%.15g", v);
    } else {
        const char *s = OGR_F_GetFieldAsString(f, idx);
        while (*s == ' ') s++;
        snprintf(buf, size, "%s", s);
        size_t n = strlen(buf);
        while (n && buf[n - 1] == ' ') buf[--n] = '\0';
    }
}

/* The layer's field names, "a, b, c" (cut with ", ... and N more"). */
static const char *field_list(const reader *r, char list[720])
{
    sl_name_list l;
    sl_name_list_start(&l, list, 720);
    int n = OGR_FD_GetFieldCount(r->defn);
    for (int i = 0; i < n; i++) {
        const char *name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(r->defn, i));
        size_t len = strlen(name);
        sl_name_list_add(&l, name, len < 60 ? len : 60);
    }
    return sl_name_list_end(&l);
}

/* "; did you mean 'X'?" for the field of the layer closest to NAME, or "". */
static const char *field_hint(const reader *r, const char *name, char hint[96])
{
    const char *best = NULL;
    int score = 0, n = OGR_FD_GetFieldCount(r->defn);
    for (int i = 0; i < n; i++) {
        const char *have = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(r->defn, i));
        int c = sl_name_closeness(name, have, strlen(have));
        if (c > score) score = c, best = have;
    }
    if (best) snprintf(hint, 96, "; did you mean '%.60s'?", best);
    else hint[0] = '\0';
    return hint;
}

static sl_status missing_field(const reader *r, const char *name, sl_error *err)
{
    char list[720], hint[96];
    return sl_fail(err, SL_EDATA, r->path, 0, "layer '%s' has no field '%s' (fields: %s)%s", r->rep->layer, name,
                   field_list(r, list), field_hint(r, name, hint));
}

/* Expand SPEC (a field name or a "{field:0N}" template) for feature F. */
static sl_status expand(const reader *r, OGRFeatureH f, const char *spec, char *out, size_t size,
                        sl_error *err)
{
    out[0] = '\0';
    if (!spec) return SL_OK;
    if (!strchr(spec, '{')) {
        int idx = OGR_F_GetFieldIndex(f, spec);
        if (idx < 0) return missing_field(r, spec, err);
        field_text(f, idx, out, size);
        return SL_OK;
    }
    size_t n = 0;
    for (const char *p = spec; *p && n + 1 < size;) {
        if (*p != '{') { out[n++] = *p++; continue; }
        const char *close = strchr(p, '}');
        if (!close) return sl_fail(err, SL_EUSAGE, "", 0, "unclosed '{' in '%s'", spec);
        char name[128];
        int width = 0;
        snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
        char *colon = strchr(name, ':');
        if (colon) { width = atoi(colon + 1); *colon = '\0'; }
        int idx = OGR_F_GetFieldIndex(f, name);
        if (idx < 0) return missing_field(r, name, err);
        char val[256];
        field_text(f, idx, val, sizeof val);
        /* an id of "36" and a tract code alone is another area's id, or none */
        if (!val[0] && spec == r->opt->id)
            return sl_fail(err, SL_EDATA, r->path, 0,
                           "feature %lld: field '%s' of the id template '%s' is empty: every area needs the whole id; "
                           "build it from fields every feature fills",
                           (long long)OGR_F_GetFID(f), name, spec);
        for (int pad = width - (int)strlen(val); pad > 0 && n + 1 < size; pad--) out[n++] = '0';
        for (const char *v = val; *v && n + 1 < size; v++) out[n++] = *v;
        p = close + 1;
    }
    out[n] = '\0';
    return SL_OK;
}

/* A demographic value empty or no number: counted, and the first named. */
static void note_missing(reader *r, long line, const char *column, const char *id, const char *text)
{
    sl_area_report *rep = r->rep;
    if (rep->missing_values++) return;
    rep->missing_line = line;
    snprintf(rep->missing_column, sizeof rep->missing_column, "%.63s", column);
    snprintf(rep->missing_area, sizeof rep->missing_area, "%.31s", id);
    snprintf(rep->missing_text, sizeof rep->missing_text, "%.63s", text);
}

/* A numeric field of area ID as a double; NAN (noted) when empty or not a
** number. Text is read as the demographics table's is (US thousands
** separators too). */
static double field_number(reader *r, OGRFeatureH f, const char *name, const char *id, sl_error *err, int *bad)
{
    if (!name) return NAN;
    int idx = OGR_F_GetFieldIndex(f, name);
    if (idx < 0) { *bad = 1; missing_field(r, name, err); return NAN; }
    if (!OGR_F_IsFieldSetAndNotNull(f, idx)) { note_missing(r, 0, name, id, ""); return NAN; }
    OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(r->defn, idx));
    if (t == OFTInteger || t == OFTInteger64 || t == OFTReal) return OGR_F_GetFieldAsDouble(f, idx);
    const char *s = OGR_F_GetFieldAsString(f, idx);
    double v;
    if (!sl_parse_grouped(s, strlen(s), &v)) { note_missing(r, 0, name, id, s); return NAN; }
    return v;
}

/* ---- geometry ----------------------------------------------------------- */

/* Polygonal parts of G as a new Polygon/MultiPolygon, or NULL. */
static OGRGeometryH polygonal(OGRGeometryH g)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPolygon || t == wkbMultiPolygon) return OGR_G_Clone(g);
    if (t != wkbGeometryCollection) return NULL;
    OGRGeometryH multi = OGR_G_CreateGeometry(wkbMultiPolygon);
    for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) {
        OGRGeometryH part = OGR_G_GetGeometryRef(g, i);
        OGRwkbGeometryType pt = wkbFlatten(OGR_G_GetGeometryType(part));
        if (pt == wkbPolygon) OGR_G_AddGeometry(multi, part);
        for (int j = 0; pt == wkbMultiPolygon && j < OGR_G_GetGeometryCount(part); j++)
            OGR_G_AddGeometry(multi, OGR_G_GetGeometryRef(part, j));
    }
    if (OGR_G_GetGeometryCount(multi) == 0) { OGR_G_DestroyGeometry(multi); return NULL; }
    return multi;
}

static double ring_area(reader *r, OGRGeometryH ring)
{
    int n = OGR_G_GetPointCount(ring);
    if (n > r->scratch) {
        double *a = realloc(r->lons, (size_t)n * sizeof *a), *b = a ? realloc(r->lats, (size_t)n * sizeof *b) : NULL;
        if (a) r->lons = a;
        if (!b) return NAN;
        r->lats = b;
        r->scratch = n;
    }
    OGR_G_GetPoints(ring, r->lons, sizeof(double), r->lats, sizeof(double), NULL, 0);
    return sl_ground_ring_area(&r->geod, r->lats, r->lons, (size_t)n);
}

static double polygon_area(reader *r, OGRGeometryH poly)
{
    double a = 0;
    for (int i = 0; i < OGR_G_GetGeometryCount(poly); i++) {
        double ra = ring_area(r, OGR_G_GetGeometryRef(poly, i));
        a += i == 0 ? ra : -ra;
    }
    return a;
}

static double area_km2(reader *r, OGRGeometryH g)
{
    if (wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPolygon) return polygon_area(r, g) / 1e6;
    double a = 0;
    for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) a += polygon_area(r, OGR_G_GetGeometryRef(g, i));
    return a / 1e6;
}

/* Reproject, flatten, repair; returns an owned polygonal geometry or NULL
** (counted in the report). */
static OGRGeometryH clean_geometry(reader *r, OGRGeometryH g, long fid, sl_error *err, int *fail)
{
    OGRGeometryH work = OGR_G_Clone(g);
    OGR_G_FlattenTo2D(work);
    if (r->ct && OGR_G_Transform(work, r->ct) != OGRERR_NONE) {
        OGR_G_DestroyGeometry(work);
        *fail = 1;
        sl_fail(err, SL_EDATA, r->path, 0, "feature %ld: cannot transform to WGS84: %s", fid,
                CPLGetLastErrorMsg());
        return NULL;
    }
    OGRGeometryH poly = polygonal(work);
    OGR_G_DestroyGeometry(work);
    if (!poly) { r->rep->not_polygon++; return NULL; }
    /* A star-shaped ring is proven valid in linear time; GEOS's check is
    ** quadratic on some (geo/ring_check.h). */
    OGRGeometryH fixed;
    if (sl_polygon_clean(poly, &fixed)) {
        OGRGeometryH fixed_poly = fixed ? polygonal(fixed) : NULL;
        if (fixed) OGR_G_DestroyGeometry(fixed);
        OGR_G_DestroyGeometry(poly);
        if (!fixed_poly) { r->rep->not_polygon++; return NULL; }
        poly = fixed_poly;
        r->rep->repaired++;
    }
    return poly;
}

/* ---- features ----------------------------------------------------------- */

static double percent_to_count(double pct, double pop)
{
    return isnan(pct) || isnan(pop) ? NAN : pct / 100.0 * pop;
}

/* With --percent, a group figure PCT of FIELD in area ID over 100 is no
** percentage: noted, the first one kept for check_percent_range. */
static void note_over_100(reader *r, const char *field, const char *id, double pct)
{
    if (!(pct > 100) || r->over_100++) return;
    r->over_field = field, r->over_value = pct;
    snprintf(r->over_id, sizeof r->over_id, "%.31s", id);
}

/* Counts read as percentages would make groups hundreds of times larger
** than the population (a "BLACK" of 45,863 as 45,863%): the import stops,
** naming the field, rather than `disparity` failing later. */
static sl_status check_percent_range(const reader *r, sl_error *err)
{
    if (!r->over_100) return SL_OK;
    char v[32], more[64] = "";
    if (r->over_value == floor(r->over_value) && r->over_value < 1e15) sl_thousands((long long)r->over_value, v);
    else snprintf(v, sizeof v, "%.10g", r->over_value);
    if (r->over_100 > 1) snprintf(more, sizeof more, " (and %ld more figures over 100)", r->over_100 - 1);
    return sl_fail(err, SL_EUSAGE, r->opt->demographics ? r->opt->demographics : r->path, 0,
                   "--percent reads %s as a percentage of %s, but area '%s' has %s%s: a percentage is at most "
                   "100, so %s holds counts; drop --percent to read the groups as counts",
                   r->over_field, r->opt->pop, r->over_id, v, more, r->over_field);
}

/* "ID NAME" added to an example list (sl_area_example_add). */
static void example(sl_area_examples *ex, const char *id, const char *name)
{
    char text[96];
    snprintf(text, sizeof text, "%.40s%s%.40s", id, name && name[0] ? " " : "", name ? name : "");
    sl_area_example_add(ex, text);
}

/* An area with no row: note it when its id, all digits, finds a row once
** its leading zeros are off (padded as the keys were, to --key-width). */
static void note_zeros_lost(reader *r, const char *id)
{
    size_t n = strlen(id), zeros = 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)id[i])) return;
    while (zeros + 1 < n && id[zeros] == '0') zeros++;
    if (!zeros) return;
    char key[256];
    sl_area_key(id + zeros, r->opt->key_width, key, sizeof key);
    if (!strcmp(key, id) || !sl_demographics_has(r->demo, key)) return;
    if (!r->zeros_lost++) {
        snprintf(r->zeros_id, sizeof r->zeros_id, "%.31s", id);
        snprintf(r->zeros_key, sizeof r->zeros_key, "%.31s", key);
    }
    if ((int)n > r->zeros_width) r->zeros_width = (int)n;
}

/* Keys that lost their leading zeros match no area whose id starts with 0:
** every county of Alabama to DC (FIPS 01..11) loses its demographics, and
** the import would pass with a warning, a national total 63 million short.
** An error that names the fix. */
static sl_status check_zeros_lost(const reader *r, sl_error *err)
{
    if (!r->zeros_lost) return SL_OK;
    return sl_fail(err, SL_EDATA, r->opt->demographics, 0,
                   "%ld areas match no row here, yet would if this file's keys had their leading zeros (key '%s' "
                   "is area '%s'): the keys were read as numbers; add --key-width %d to pad keys and ids to %d digits",
                   r->zeros_lost, r->zeros_key, r->zeros_id, r->zeros_width, r->zeros_width);
}

static sl_status fill_demographics(reader *r, OGRFeatureH f, sl_area *a, sl_error *err)
{
    const sl_area_options *o = r->opt;
    double v[5];
    const char *names[5] = {o->pop, o->black, o->hispanic, o->white_nh, o->foreign_born};
    long line = 0;
    if (r->demo) {
        const sl_demographics_row *row = sl_demographics_lookup(r->demo, a->id);
        const char *former = row ? NULL : sl_fips_former(a->id);
        if (former && r->nby_former < 8 && sl_demographics_has(r->demo, former)) {
            row = sl_demographics_lookup(r->demo, former);
            snprintf(r->by_former[r->nby_former].id, sizeof r->by_former[0].id, "%s", a->id);
            snprintf(r->by_former[r->nby_former++].former, sizeof r->by_former[0].former, "%s", former);
        }
        if (!row) {
            r->rep->no_demographics++;
            example(&r->rep->no_demographics_examples, a->id, a->name);
            note_zeros_lost(r, a->id);
            for (int i = 0; i < 5; i++) v[i] = NAN;
        } else {
            memcpy(v, row->v, sizeof v);
            line = row->line;
            if (row->bad >= 0) note_missing(r, line, names[row->bad], a->id, row->bad_text);
            for (int i = row->bad + 1; row->bad >= 0 && i < 5; i++) r->rep->missing_values += names[i] && isnan(v[i]);
        }
    } else {
        int bad = 0;
        for (int i = 0; i < 5 && !bad; i++) v[i] = field_number(r, f, names[i], a->id, err, &bad);
        if (bad) return err->status;
    }
    sl_figures_note(&r->impossible, o, v, line, a->id);
    a->pop = v[0];
    double *dst[4] = {&a->black, &a->hispanic, &a->white_nh, &a->foreign_born};
    const char *groups[4] = {o->black, o->hispanic, o->white_nh, o->foreign_born};
    for (int i = 0; i < 4; i++) {
        if (o->percent) note_over_100(r, groups[i], a->id, v[i + 1]);
        *dst[i] = o->percent ? percent_to_count(v[i + 1], v[0]) : v[i + 1];
    }
    return SL_OK;
}

/* Areas given the row of their former FIPS code, said in the report;
** when the set holds an area of that code too, the row is that area's
** alone, and the renamed one has none. */
static void check_former(reader *r, sl_area_list *out)
{
    for (int i = 0; i < r->nby_former; i++) {
        sl_area *renamed = NULL;
        int both = 0;
        for (size_t k = 0; k < out->count; k++) {
            if (!strcmp(out->items[k].id, r->by_former[i].id)) renamed = &out->items[k];
            both = both || !strcmp(out->items[k].id, r->by_former[i].former);
        }
        if (!renamed) continue; /* its feature was skipped after all */
        if (both) {
            renamed->pop = renamed->black = renamed->hispanic = renamed->white_nh = renamed->foreign_born = NAN;
            r->rep->no_demographics++;
            example(&r->rep->no_demographics_examples, renamed->id, renamed->name);
            continue;
        }
        char text[40];
        snprintf(text, sizeof text, "%s as %s", r->by_former[i].former, r->by_former[i].id);
        sl_area_example_add(&r->rep->former_examples, text);
        r->rep->former_rows++;
    }
}

/* A feature with no geometry, or an empty one (us-atlas's 10m counties give
** Falls Church, VA a polygon of two points): skipped, and named in the
** import's message so that a user knows which area has no figures. */
static sl_status skip_empty(reader *r, OGRFeatureH f)
{
    char id[256] = "", name[256] = "";
    sl_error ignored;
    if (expand(r, f, r->opt->id, id, sizeof id, &ignored)) snprintf(id, sizeof id, "feature %ld", (long)OGR_F_GetFID(f));
    if (expand(r, f, r->opt->name, name, sizeof name, &ignored)) name[0] = '\0';
    r->rep->no_geometry++;
    example(&r->rep->skipped_examples, id, name);
    return SL_OK;
}

static sl_status add_feature(reader *r, OGRFeatureH f, sl_area_list *out, size_t *cap, sl_error *err)
{
    long fid = (long)OGR_F_GetFID(f);
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (!g || OGR_G_IsEmpty(g)) return skip_empty(r, f);
    int fail = 0;
    OGRGeometryH poly = clean_geometry(r, g, fid, err, &fail);
    if (!poly) return fail ? err->status : SL_OK;
    if (out->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        sl_area *grown = realloc(out->items, ncap * sizeof *grown);
        if (!grown) { OGR_G_DestroyGeometry(poly); return sl_fail(err, SL_ENOMEM, r->path, 0, "out of memory"); }
        out->items = grown;
        *cap = ncap;
    }
    sl_area *a = &out->items[out->count];
    memset(a, 0, sizeof *a);
    char id[256], name[256];
    sl_status st = expand(r, f, r->opt->id, id, sizeof id, err);
    if (!st) st = expand(r, f, r->opt->name, name, sizeof name, err);
    if (!st && !id[0])
        st = sl_fail(err, SL_EDATA, r->path, 0,
                     "feature %ld: its id field '%s' is empty: every area needs an id; choose a field every feature "
                     "fills, or a template of several ('{a}{b:06}')",
                     fid, r->opt->id);
    if (!st && r->opt->key_width > 0) {
        char padded[256];
        sl_area_key(id, r->opt->key_width, padded, sizeof padded);
        memcpy(id, padded, sizeof id);
    }
    if (!st) {
        a->id = sl_arena_strdup(&out->arena, id);
        a->name = sl_arena_strdup(&out->arena, name);
        st = fill_demographics(r, f, a, err);
    }
    if (!st) {
        a->area_km2 = area_km2(r, poly);
        OGREnvelope env;
        OGR_G_GetEnvelope(poly, &env);
        a->minx = env.MinX, a->miny = env.MinY, a->maxx = env.MaxX, a->maxy = env.MaxY;
        st = sl_vector_lonlat_check(poly, r->path, fid, err);
        a->wkb_len = (size_t)OGR_G_WkbSize(poly);
        unsigned char *wkb = sl_arena_alloc(&out->arena, a->wkb_len);
        if (!wkb || !a->id || !a->name) st = sl_fail(err, SL_ENOMEM, r->path, 0, "out of memory");
        else OGR_G_ExportToIsoWkb(poly, wkbNDR, wkb);
        a->wkb = wkb;
    }
    OGR_G_DestroyGeometry(poly);
    if (!st) out->count++;
    return st;
}

/* ---- layer and reference system ----------------------------------------- */

static sl_status pick_layer(reader *r, GDALDatasetH ds, sl_error *err)
{
    sl_status st = sl_vector_layer(ds, r->path, r->opt->layer, &r->layer, err);
    if (st) return st;
    snprintf(r->rep->layer, sizeof r->rep->layer, "%s", OGR_L_GetName(r->layer));
    r->defn = OGR_L_GetLayerDefn(r->layer);
    return SL_OK;
}

static sl_status setup_transform(reader *r, sl_error *err)
{
    OGRSpatialReferenceH src = OGR_L_GetSpatialRef(r->layer);
    if (!src) { r->rep->assumed_wgs84 = 1; return SL_OK; }
    sl_status st = SL_OK;
    if (sl_to_wgs84(src, &r->ct))
        st = sl_fail(err, SL_EDATA, r->path, 0, "cannot transform layer '%s' to WGS84: %s", r->rep->layer,
                     CPLGetLastErrorMsg());
    r->rep->reprojected = st || r->ct;
    return st;
}

/* Group figures read as head counts that are all 0..100 while populations
** run to thousands are percentages: without --percent they would make every
** group share near zero, a plausible wrong number. An error with the hint. */
static sl_status check_not_percent(const char *path, const sl_area_options *opt, const sl_area_list *l,
                                   sl_error *err)
{
    if (opt->percent || !opt->pop) return SL_OK;
    double max_group = -1;
    size_t big = 0, known = 0;
    for (size_t i = 0; i < l->count; i++) {
        const sl_area *a = &l->items[i];
        double g[4] = {a->black, a->hispanic, a->white_nh, a->foreign_born};
        for (int k = 0; k < 4; k++)
            if (!isnan(g[k]) && g[k] > max_group) max_group = g[k];
        if (!isnan(a->pop)) known++, big += a->pop >= 1000;
    }
    if (max_group < 0 || max_group > 100 || known == 0 || big * 2 < known) return SL_OK;
    return sl_fail(err, SL_EUSAGE, path, 0,
                   "every group figure is between 0 and 100 while most populations are 1,000 or more: "
                   "they look like percentages; add --percent to read them as percentages of --pop");
}

static sl_status read_layer(reader *r, sl_area_list *out, sl_error *err)
{
    size_t cap = 0;
    sl_status st = SL_OK;
    OGRFeatureH f;
    /* A national tract file takes seconds: the caller may show how far. The
    ** count is 0 (unknown) where the driver would have to read to know. */
    GIntBig total = OGR_L_GetFeatureCount(r->layer, FALSE);
    OGR_L_ResetReading(r->layer);
    while (!st && (f = OGR_L_GetNextFeature(r->layer)) != NULL) {
        if (r->rep->features++ % 256 == 0)
            sl_progress_tell(&r->opt->progress, "areas read", (uint64_t)r->rep->features - 1,
                             total > 0 ? (uint64_t)total : 0);
        st = add_feature(r, f, out, &cap, err);
        OGR_F_Destroy(f);
    }
    r->rep->imported = (long)out->count;
    return st;
}

/* Why SOURCE did not open, naming PATH where GDAL named the memory file. */
static const char *open_problem(const char *path, const char *source, char *buf, size_t len)
{
    char gdal[256];
    sl_gdal_open_problem(path, gdal, sizeof gdal);
    const char *at = strcmp(path, source) ? strstr(gdal, source) : NULL;
    if (!at) snprintf(buf, len, "%s", gdal);
    else snprintf(buf, len, "%.*s%s%s", (int)(at - gdal), gdal, path, at + strlen(source));
    return buf;
}

/* Read the GDAL dataset SOURCE (a path or a /vsimem/ file), named PATH in
** messages. */
static sl_status read_source(const char *path, const char *source, const sl_area_options *opt,
                             sl_area_list *out, sl_area_report *rep, sl_error *err)
{
    memset(out, 0, sizeof *out);
    if (sl_gdal_ready(err)) return err->status;
    reader r = {.path = path, .opt = opt, .rep = rep};
    sl_ground_wgs84(&r.geod);
    sl_status st = SL_OK;
    if (opt->demographics) {
        st = sl_demographics_load(opt, &r.demo, rep->demographics_sha256, err);
        if (st) return st;
    }
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset(); /* a stale message must not explain this failure */
    GDALDatasetH ds = GDALOpenEx(source, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    char why[256];
    if (!ds) st = sl_fail(err, SL_EDATA, path, 0, "cannot read as a vector file: %s",
                          open_problem(path, source, why, sizeof why));
    if (!st) st = pick_layer(&r, ds, err);
    char list[720];
    if (!st && !opt->id) /* asked only now, so the answer can list what there is */
        st = sl_fail(err, SL_EUSAGE, path, 0, "name each area's id with --id FIELD (the fields of layer '%s': %s)",
                     rep->layer, field_list(&r, list));
    if (!st) st = setup_transform(&r, err);
    if (!st) st = read_layer(&r, out, err);
    if (!st && out->count == 0)
        st = sl_fail(err, SL_EDATA, path, 0, "no polygons in layer '%s'", rep->layer);
    if (!st && r.demo) {
        check_former(&r, out);
        rep->unmatched_rows = sl_demographics_unmatched(r.demo, &rep->unmatched_examples);
        const char *labels;
        rep->labels_line = sl_demographics_labels(r.demo, &labels);
        snprintf(rep->labels, sizeof rep->labels, "%s", labels);
    }
    if (!st) st = check_zeros_lost(&r, err);
    if (!st) st = check_not_percent(path, opt, out, err);
    if (!st) st = check_percent_range(&r, err);
    if (!st) st = sl_figures_verdict(&r.impossible, opt, path, err);
    if (r.ct) OCTDestroyCoordinateTransformation(r.ct);
    if (ds) GDALClose(ds);
    CPLPopErrorHandler();
    sl_demographics_free(r.demo);
    free(r.lons);
    free(r.lats);
    if (st) sl_area_list_free(out);
    return st;
}

sl_status sl_areas_read(const char *path, const sl_area_options *opt, sl_area_list *out,
                        sl_area_report *rep, sl_error *err)
{
    return read_source(path, path, opt, out, rep, err);
}

/* The files a Shapefile is read with, beside it: its index, attributes,
** projection and code page. */
static const char *const SIDECARS[] = {"shx", "dbf", "prj", "cpg"};
_Static_assert(sizeof SIDECARS / sizeof *SIDECARS == SL_AREA_SIDECARS, "one buffer per sidecar");

static int is_shapefile(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".shp") == 0;
}

/* The name of sidecar I of the Shapefile PATH: its extension in the case of
** the .shp's ("X.SHP" goes with "X.DBF"). */
static void sidecar_name(const char *path, size_t i, char *out, size_t len)
{
    int upper = path[strlen(path) - 1] == 'P';
    char ext[4];
    for (int k = 0; k < 3; k++) ext[k] = upper ? (char)(SIDECARS[i][k] - 'a' + 'A') : SIDECARS[i][k];
    ext[3] = '\0';
    snprintf(out, len, "%.*s%s", (int)strlen(path) - 3, path, ext);
}

void sl_area_input_free(sl_area_input *in)
{
    free(in->data);
    for (size_t i = 0; i < SL_AREA_SIDECARS; i++) free(in->side[i]);
    memset(in, 0, sizeof *in);
}

/* A Shapefile's hash: the sha256 of one line per part present ("shp HEX",
** then "shx HEX", "dbf HEX", ...), so a changed .dbf (the attributes, the
** demographics key) is a new source, not "nothing changed". */
static sl_status read_sidecars(const char *path, sl_area_input *in, const char *shp_sha, char sha256_hex[65],
                               sl_error *err)
{
    char lines[(SL_AREA_SIDECARS + 1) * 72];
    size_t at = (size_t)snprintf(lines, sizeof lines, "shp %s\n", shp_sha);
    for (size_t i = 0; i < SL_AREA_SIDECARS; i++) {
        char side[4096], sha[65];
        sidecar_name(path, i, side, sizeof side);
        if (access(side, F_OK) != 0) continue;
        if (sl_read_input(side, &in->side[i], &in->side_len[i], sha, err)) return err->status;
        at += (size_t)snprintf(lines + at, sizeof lines - at, "%s %s\n", SIDECARS[i], sha);
    }
    if (sl_sha256_buffer(lines, at, sha256_hex)) return sl_fail(err, SL_ENOMEM, path, 0, "sha256 hash failed");
    return SL_OK;
}

sl_status sl_area_input_read(const char *path, sl_area_input *in, char sha256_hex[65], sl_error *err)
{
    memset(in, 0, sizeof *in);
    in->path = path;
    char sha[65];
    sl_status st = sl_read_input(path, &in->data, &in->len, sha, err);
    if (!st && is_shapefile(path) && strcmp(path, "-")) st = read_sidecars(path, in, sha, sha256_hex, err);
    else if (!st) memcpy(sha256_hex, sha, 65);
    if (st) sl_area_input_free(in);
    return st;
}

/* Mount the sidecars read into IN next to the memory file MEM (which ends
** in .shp too), keeping the case of the .shp's extension. Those not on disk
** were left out (GDAL says what it misses). */
static sl_status mount_sidecars(const sl_area_input *in, const char *mem, sl_error *err)
{
    for (size_t i = 0; i < SL_AREA_SIDECARS; i++) {
        if (!in->side[i]) continue;
        char vsi[4200];
        sidecar_name(mem, i, vsi, sizeof vsi);
        VSILFILE *f = VSIFileFromMemBuffer(vsi, (GByte *)in->side[i], (vsi_l_offset)in->side_len[i], FALSE);
        if (!f) return sl_fail(err, SL_ENOMEM, in->path, 0, "cannot mount in memory");
        VSIFCloseL(f);
    }
    return SL_OK;
}

sl_status sl_areas_read_input(const sl_area_input *in, const sl_area_options *opt, sl_area_list *out,
                              sl_area_report *rep, sl_error *err)
{
    memset(out, 0, sizeof *out);
    if (sl_gdal_ready(err)) return err->status;
    /* A directory of its own per read: the name keeps its extension, which
    ** some drivers go by, and the sidecars sit beside it. */
    const char *path = in->path;
    char dir[64], mem[4200];
    snprintf(dir, sizeof dir, "/vsimem/sightline-areas-%p", (const void *)in->data);
    const char *base = strcmp(path, "-") == 0 ? "stdin" : sl_basename(path);
    /* the memory name ends in the .shp's own extension, for sidecar_name */
    snprintf(mem, sizeof mem, "%s/%s", dir, base);
    VSILFILE *f = VSIFileFromMemBuffer(mem, (GByte *)in->data, (vsi_l_offset)in->len, FALSE);
    if (!f) return sl_fail(err, SL_ENOMEM, path, 0, "cannot mount in memory");
    VSIFCloseL(f);
    sl_status st = mount_sidecars(in, mem, err);
    if (!st) st = read_source(path, mem, opt, out, rep, err);
    VSIRmdirRecursive(dir);
    return st;
}
