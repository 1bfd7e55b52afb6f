/*
** requests.c — importing police requests for footage (see requests.h).
**
** CSV rows and JSON features are read through one small "record" view, so
** field mapping, dates, geometry and error messages are the same for every
** format. Geometry text may be WKT or a GeoJSON geometry; GDAL/OGR parses and
** repairs it, and the store keeps WKB.
*/
#include "sightline/ingest/requests.h"
#include "sightline/core/area.h"
#include "sightline/io/csv.h"
#include "sightline/core/file.h"
#include "sightline/core/names.h"
#include "sightline/ingest/link.h"
#include "sightline/io/points_io.h"
#include "io/json_error.h"
#include "source.h"
#include "geo/ring_check.h"
#include "sightline/geo/gdal.h"
#include "request_radius.h"
#include "request_repeats.h"

#include <jansson.h>
#include <math.h>
#include <cpl_error.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A record: a CSV row (csv set) or a JSON object (obj set). */
typedef struct record {
    sl_csv *csv;
    json_t *obj, *geometry;
    const char *file;
    long line;
    int repaired; /* the request polygon was invalid and repaired */
    OGRCoordinateTransformationH ct; /* the file's CRS to WGS84, or NULL */
    const char *crs;                 /* the CRS the file declares, or NULL */
    char buf[64]; /* number-to-text scratch for JSON values */
} record;

static const char *const NAMES_AGENCY[] = {"agency", "agency_name", "department", NULL};
static const char *const NAMES_STATE[] = {"state", "state_abbr", NULL};
static const char *const NAMES_DATE[] = {"date", "request_date", "created_at", "time", NULL};
static const char *const NAMES_GEOM[] = {"geometry", "wkt", "geom", "polygon", NULL};
static const char *const NAMES_RECIPIENTS[] = {"recipients", NULL};
static const char *const NAMES_VIDEOS[] = {"videos", "videos_shared", NULL};
static const char *const NAMES_ID[] = {"id", "request_id", NULL};
/* What a file without agencies needs: a public-records export of one
** department has no agency column. */
#define AGENCY_HINT "name the agency column with --agency COL, or, for a file of one agency's requests, give " \
                    "--agency-name TEXT --agency-state XX (e.g. --agency-name 'Springfield Police Department' " \
                    "--agency-state IL)"

typedef struct importer {
    sl_store *st;
    const sl_request_mapping *map;
    sl_import_result *res;
    sl_linker *linker;
    const sl_agency *agencies;
    sl_radius_plan radius;
    OGRCoordinateTransformationH ct; /* a GeoJSON's declared CRS to WGS84, or NULL */
    long point_rows;                 /* requests placed by latitude and longitude */
    int keys_checked;                /* JSON: the first record's keys were checked */
} importer;

/* The value of field NAME (given) or the first present of CANDIDATES; NULL
** when absent or empty. */
static const char *field(record *r, const char *given, const char *const *candidates)
{
    const char *one[2] = {given, NULL};
    for (const char *const *n = given ? one : candidates; *n; n++) {
        if (r->csv) {
            int col = sl_csv_column(r->csv, *n);
            const char *v = col >= 0 ? sl_csv_field(r->csv, (size_t)col) : NULL;
            if (v && v[0]) return v;
            if (col >= 0) return NULL;
            continue;
        }
        json_t *v = json_object_get(r->obj, *n);
        if (json_is_string(v)) return json_string_length(v) ? json_string_value(v) : NULL;
        if (json_is_integer(v)) return snprintf(r->buf, sizeof r->buf, "%lld", (long long)json_integer_value(v)), r->buf;
        if (json_is_real(v)) return snprintf(r->buf, sizeof r->buf, "%.17g", json_real_value(v)), r->buf;
        if (json_is_object(v)) return NULL; /* a geometry object: handled by geometry_of */
    }
    return NULL;
}

/* "N/A", "NA", "-", "none", "null": a spreadsheet's way of writing an
** empty number cell. */
static int not_available(const char *text)
{
    static const char *const WORDS[] = {"n/a", "na", "-", "--", "none", "null", NULL};
    for (const char *const *w = WORDS; *w; w++)
        if (!strcasecmp(text, *w)) return 1;
    return 0;
}

static sl_status number(record *r, importer *im, const char *given, const char *const *names, const char *what,
                        double lo, double hi, double *out, sl_error *err)
{
    const char *text = field(r, given, names);
    *out = NAN;
    if (!text) return SL_OK;
    if (not_available(text)) { /* empty, and counted */
        if (!im->res->na_cells++) im->res->first_na_line = r->line;
        return SL_OK;
    }
    double v;
    /* Plain decimals only (with an optional exponent): no hex, no "inf". */
    int plain = strspn(text, "0123456789+-.eE ") == strlen(text);
    if (!plain || !sl_parse_decimal(text, strlen(text), &v) || !isfinite(v) || v < lo || v > hi)
        return sl_fail(err, SL_EDATA, r->file, r->line, "%s '%s' is not a number in [%g, %g]", what, text, lo, hi);
    *out = v;
    return SL_OK;
}

/* Polygon WKB from GEOM (repaired when invalid); a point sets lat/lon instead. */
/* Coordinates off the globe: the file is in a projected CRS (feet, metres)
** it does not declare, or declares wrongly. Stored, they would lie outside
** every area, or stop every later split of the requests. */
static sl_status check_lonlat(record *r, OGRGeometryH g, sl_error *err)
{
    if (r->ct && OGR_G_Transform(g, r->ct) != OGRERR_NONE)
        return sl_fail(err, SL_EDATA, r->file, r->line, "request geometry could not be reprojected from %s to WGS84: %s",
                       r->crs, CPLGetLastErrorMsg());
    OGREnvelope e;
    OGR_G_GetEnvelope(g, &e);
    if (sl_lonlat_box(e.MinX, e.MaxX, e.MinY, e.MaxY)) return SL_OK;
    return sl_fail(err, SL_EDATA, r->file, r->line,
                   "%s%ld: coordinates outside longitude -180..180 / latitude -90..90 (x %g..%g, y %g..%g): %s",
                   r->csv ? "row at line " : "feature ", r->line, e.MinX, e.MaxX, e.MinY, e.MaxY,
                   r->crs ? "damaged geometry, or the file's crs member is wrong"
                          : "the file is in a projected CRS and does not say which; reproject it to WGS84 "
                            "longitude/latitude (ogr2ogr -t_srs EPSG:4326), or give a GeoJSON a crs member");
}

static sl_status geometry_to_request(record *r, OGRGeometryH g, sl_request *q, sl_arena *a, sl_error *err)
{
    if (!OGR_G_IsEmpty(g) && check_lonlat(r, g, err)) return err->status;
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPoint) {
        q->lon = OGR_G_GetX(g, 0);
        q->lat = OGR_G_GetY(g, 0);
        return SL_OK;
    }
    if (t != wkbPolygon && t != wkbMultiPolygon)
        return sl_fail(err, SL_EDATA, r->file, r->line, "request geometry must be a Point, Polygon or MultiPolygon, not %s",
                       OGRGeometryTypeToName(t));
    if (OGR_G_IsEmpty(g)) return sl_fail(err, SL_EDATA, r->file, r->line, "request polygon is empty");
    OGRGeometryH fixed;
    sl_polygon_clean(g, &fixed); /* geo/ring_check.h */
    OGRGeometryH use = fixed ? fixed : g;
    r->repaired = fixed != NULL;
    OGR_G_FlattenTo2D(use);
    size_t len = (size_t)OGR_G_WkbSize(use);
    unsigned char *wkb = sl_arena_alloc(a, len);
    sl_status s = wkb && OGR_G_ExportToIsoWkb(use, wkbNDR, wkb) == OGRERR_NONE
                      ? SL_OK
                      : sl_fail(err, SL_EDATA, r->file, r->line, "request polygon could not be converted");
    q->wkb = wkb;
    q->wkb_len = len;
    if (fixed) OGR_G_DestroyGeometry(fixed);
    return s;
}

static sl_status read_geometry(record *r, const sl_request_mapping *map, sl_request *q, sl_arena *a,
                               sl_error *err)
{
    if (sl_gdal_ready(err)) return err->status;
    OGRGeometryH g = NULL;
    const char *text = field(r, map->geometry, NAMES_GEOM);
    if (r->geometry && !json_is_null(r->geometry) && !text) {
        char *json = json_dumps(r->geometry, 0);
        g = json ? OGR_G_CreateGeometryFromJson(json) : NULL;
        free(json);
        if (!g) return sl_fail(err, SL_EDATA, r->file, r->line, "feature geometry is not valid GeoJSON");
    } else if (text) {
        while (*text == ' ') text++;
        if (*text == '{') g = OGR_G_CreateGeometryFromJson(text);
        else {
            char *cursor = (char *)text;
            if (OGR_G_CreateFromWkt(&cursor, NULL, &g) != OGRERR_NONE) g = NULL;
        }
        if (!g) return sl_fail(err, SL_EDATA, r->file, r->line, "geometry is neither WKT nor GeoJSON: '%.40s'", text);
    }
    if (!g) return SL_OK;
    sl_status s = geometry_to_request(r, g, q, a, err);
    OGR_G_DestroyGeometry(g);
    return s;
}

/* The row's radius in metres, in the unit the plan says (request_radius.h). */
static sl_status read_radius(record *r, importer *im, sl_request *q, sl_error *err)
{
    sl_radius_plan *p = &im->radius;
    q->radius_m = NAN;
    if (!p->column[0]) return SL_OK;
    double v, metres;
    if (number(r, im, p->column, NULL, "radius", 0, 1e9, &v, err))
        return sl_fail(err, SL_EDATA, r->file, r->line, "radius '%.40s' in column '%s' is not a number of 0 or more; "
                       "write the number alone, and its unit with --radius-unit m|km|ft|mi or a radius_unit column",
                       field(r, p->column, NULL), p->column);
    if (isnan(v)) return SL_OK;
    const char *unit = p->unit_column[0] ? field(r, p->unit_column, NULL) : NULL;
    if (sl_radius_row_metres(p, unit, r->file, r->line, &metres, err)) return err->status;
    q->radius_m = v * metres;
    if (q->radius_m > 1e6)
        return sl_fail(err, SL_EDATA, r->file, r->line, "radius '%s' is %.0f km: over 1,000 km",
                       field(r, p->column, NULL), q->radius_m / 1000);
    return SL_OK;
}

/* A date that did not parse, refused with what to do: "13/03/2020" is day
** first, and the rows before it (12/03/2020) were read month first, so the
** whole file needs --date-format, not this row alone. */
static sl_status not_a_date(const record *r, const char *date, const char *format, sl_error *err)
{
    int d1, d2, n = 0;
    int day_first = !format && sscanf(date, "%d/%d/%*d%n", &d1, &d2, &n) >= 2 && n > 0 && d1 > 12 && d2 <= 12;
    if (day_first)
        return sl_fail(err, SL_EDATA, r->file, r->line,
                       "'%s' is not a date read month first: the file writes the day first, so give "
                       "--date-format %%d/%%m/%%Y (rows before this one were read month first)", date);
    return sl_fail(err, SL_EDATA, r->file, r->line, "'%s' is not a date%s", date,
                   format ? " in the --date-format given" : " (--date-format F gives the file's format, e.g. %d.%m.%Y)");
}

/* A date read month first without --date-format ("10/07/2020"): counted,
** and whether any row's second number is over 12 (so the file is month
** first for certain). When none is, a day-first file was read as month
** first with nothing said: the summary says so. */
static void note_slash_date(sl_import_result *res, const char *date, const char *format, long line)
{
    int d1, d2, n = 0;
    if (format || sscanf(date, "%d/%d/%*d%n", &d1, &d2, &n) < 2 || n <= 0) return;
    if (!res->slash_dates++) {
        snprintf(res->slash_example, sizeof res->slash_example, "%.30s", date);
        res->first_slash_line = line;
    }
    if (d2 > 12) res->slash_month_first = 1;
}

/* A date cell with no digit ("PENDING", "unknown") is refused as any
** other (tests/bad: a file is read whole or not at all), saying what an
** unknown date is: an empty cell. */
static sl_status read_date(record *r, importer *im, sl_request *q, sl_error *err)
{
    const sl_request_mapping *map = im->map;
    const char *date = field(r, map->date, NAMES_DATE);
    if (!date) return SL_OK;
    if (sl_date_parse(date, map->date_format, &q->date)) {
        note_slash_date(im->res, date, map->date_format, r->line);
        return SL_OK;
    }
    if (strpbrk(date, "0123456789")) return not_a_date(r, date, map->date_format, err);
    return sl_fail(err, SL_EDATA, r->file, r->line, "'%.40s' is not a date: a request whose date is not known has "
                   "an empty date cell (empty the cells that say so, and import again)", date);
}

/* 0,0 is what geocoders and spreadsheets write for "no location": no
** police request lies in the Gulf of Guinea (posts and sites: zero-zero). */
static void zero_zero(record *r, importer *im, sl_request *q)
{
    if (q->lat != 0 || q->lon != 0) return;
    q->lat = q->lon = NAN;
    if (!im->res->zero_zero++) im->res->first_zero_zero_line = r->line;
}

static sl_status read_request(record *r, importer *im, sl_request *q, sl_arena *a, sl_error *err)
{
    const sl_request_mapping *map = im->map;
    memset(q, 0, sizeof *q);
    q->line = r->line;
    q->agency = sl_arena_strdup(a, map->agency_name ? map->agency_name : field(r, map->agency, NAMES_AGENCY));
    char *state = sl_arena_strdup(a, map->agency_state ? map->agency_state : field(r, map->state, NAMES_STATE));
    q->state = state ? sl_state_canonical(state, state, strlen(state) + 1) : NULL; /* " il": IL, as agencies */
    q->record_id = sl_arena_strdup(a, field(r, map->id, NAMES_ID));
    if (!q->agency || !q->state || !q->record_id) return sl_fail(err, SL_ENOMEM, r->file, r->line, "out of memory");
    if (!q->agency[0])
        return sl_fail(err, SL_EDATA, r->file, r->line, "request has no agency; %s", AGENCY_HINT);
    sl_status s = read_date(r, im, q, err);
    if (!s) s = number(r, im, map->lat, sl_lat_names, "latitude", -90, 90, &q->lat, err);
    if (!s) s = number(r, im, map->lon, sl_lon_names, "longitude", -180, 180, &q->lon, err);
    if (!s) s = read_radius(r, im, q, err);
    if (!s) s = number(r, im, map->recipients, NAMES_RECIPIENTS, "recipients", 0, 1e12, &q->recipients, err);
    if (!s) s = number(r, im, map->videos, NAMES_VIDEOS, "videos", 0, 1e12, &q->videos, err);
    if (!s && isfinite(q->lat) != isfinite(q->lon))
        s = sl_fail(err, SL_EDATA, r->file, r->line, "request has a latitude or a longitude but not both");
    if (!s) zero_zero(r, im, q);
    if (!s && isfinite(q->lat)) { /* the rule `import posts` warns by */
        im->point_rows++;
        im->res->swapped_like += sl_point_looks_swapped(q->lat, q->lon);
    }
    if (!s) s = read_geometry(r, map, q, a, err);
    return s;
}


static sl_status add(importer *im, record *r, sl_error *err)
{
    sl_arena a = {0};
    sl_request q;
    sl_status s = read_request(r, im, &q, &a, err);
    if (!s && !q.wkb && !isfinite(q.lat) && !im->res->no_location++) im->res->first_no_location_line = r->line;
    /* a request with no place is kept: the campaign page counts it by the
    ** state its file wrote; join and disparity count it apart, in no area
    ** and not "outside every area" (sl_request_events) */
    if (!s) {
        sl_link_result link;
        q.source_id = im->res->source_id;
        if (sl_link_request(im->linker, q.agency, q.state, &link)) {
            q.agency_id = im->agencies[link.index].id;
            im->res->link.linked++;
        }
        im->res->link.rows++;
        im->res->stateless += !q.state[0]; /* the link is by name and state: the import says why none */
        if (r->repaired && !im->res->repaired_polygons++) im->res->first_repaired_line = r->line;
        s = sl_store_add_request(im->st, &q, err);
        if (++im->res->rows % 1024 == 0) sl_progress_tell(&im->map->progress, "requests read", (uint64_t)im->res->rows, 0);
    }
    sl_arena_free(&a);
    return s;
}

/* Every column the user named must exist: a typo must not turn into a
** column of unknowns. HAS(ctx, name) says whether the file has NAME; the
** error names LINE (the header's: below a title it is not line 1) and lists
** NAMES[0..n), the names there are, and the closest. */
static sl_status check_named(const sl_request_mapping *m, int (*has)(void *, const char *), void *ctx,
                             const char *const *names, size_t n, const char *path, long line, sl_error *err)
{
    /* the options by the names `import --help` gives them (--lat-col and the
    ** like are aliases) */
    const char *const given[][2] = {{"--agency", m->agency}, {"--state", m->state},
                                    {"--date", m->date},     {"--lat", m->lat},
                                    {"--lon", m->lon},       {"--radius", m->radius},
                                    {"--geometry", m->geometry}, {"--recipients", m->recipients},
                                    {"--videos", m->videos}, {"--id", m->id}};
    char list[720], hint[96];
    for (size_t i = 0; i < sizeof given / sizeof *given; i++)
        if (given[i][1] && !has(ctx, given[i][1]))
            return sl_fail(err, SL_EDATA, path, line, "%s: no column '%s' (the columns are: %s)%s", given[i][0],
                           given[i][1], sl_names_joined(names, n, list, sizeof list),
                           sl_name_hint(given[i][1], names, n, hint, sizeof hint));
    return SL_OK;
}

static int csv_has(void *csv, const char *name) { return sl_csv_column(csv, name) >= 0; }
static int json_has(void *obj, const char *name) { return json_object_get(obj, name) != NULL; }

static int says_date(const char *name)
{
    for (; *name; name++)
        if (!strncasecmp(name, "date", 4)) return 1;
    return 0;
}

/* A date column under another name ("Date/Time Requested") is never
** guessed, but named, so that the requests are not undated unsaid. */
static void unread_date(importer *im, sl_csv *csv, const char *const *names, size_t n)
{
    int read = im->map->date != NULL;
    for (const char *const *c = NAMES_DATE; !read && *c; c++) read = csv_has(csv, *c);
    for (size_t i = 0; !read && i < n; i++)
        if (says_date(names[i])) {
            snprintf(im->res->unread_date, sizeof im->res->unread_date, "%s", names[i]);
            return;
        }
}

static sl_status check_csv_columns(importer *im, sl_csv *csv, const char *path, sl_error *err)
{
    size_t n = sl_csv_header_count(csv);
    const char *const *names = sl_csv_header_names(csv);
    long line = sl_csv_title_count(csv) + 1; /* the header's */
    sl_status s = check_named(im->map, csv_has, csv, names, n, path, line, err);
    int agency = im->map->agency || im->map->agency_name;
    for (const char *const *c = NAMES_AGENCY; !agency && *c; c++) agency = csv_has(csv, *c);
    char list[720];
    if (!s && !agency)
        s = sl_fail(err, SL_EDATA, path, line, "no agency column (agency, agency_name or department; the columns are: %s); %s",
                    sl_names_joined(names, n, list, sizeof list), AGENCY_HINT);
    if (!s) s = sl_radius_plan_make(names, n, im->map->radius, im->map->radius_unit, path, &im->radius, err);
    if (!s) unread_date(im, csv, names, n);
    return s;
}

/* JSON names are checked against the first record's keys. Records may
** differ in their keys, so the radius is looked for again in each record
** until one has it. */
static sl_status check_json_keys(importer *im, json_t *obj, int first, const char *path, sl_error *err)
{
    size_t n = 0;
    const char **names = malloc((json_object_size(obj) + 1) * sizeof *names);
    if (!names) return sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) names[n++] = key;
    sl_status s = first ? check_named(im->map, json_has, obj, names, n, path, 1, err) : SL_OK;
    if (!s && !im->radius.column[0])
        s = sl_radius_plan_make(names, n, im->map->radius, im->map->radius_unit, path, &im->radius, err);
    free(names);
    return s;
}

/* A row of empty fields only: a spreadsheet's blank line (",,,,"). */
static int empty_row(sl_csv *csv)
{
    for (size_t i = 0; i < sl_csv_nfields(csv); i++)
        if (sl_csv_field(csv, i)[0]) return 0;
    return 1;
}

/* From the bytes already read and hashed, not from PATH again: the file
** may have changed since, or be a pipe. */
static sl_status import_csv(importer *im, const char *path, const char *data, size_t len, sl_error *err)
{
    sl_csv *csv;
    sl_status s = sl_csv_open_buffer(path, data, len, 0, &csv, err);
    if (!s) s = sl_ingest_read_header(csv, im->res, err);
    if (!s) s = check_csv_columns(im, csv, path, err);
    int rc = 0;
    while (!s && (rc = sl_csv_next(csv, err)) == 1) {
        if (empty_row(csv)) {
            im->res->empty_rows++;
            continue;
        }
        if (sl_csv_nfields(csv) > sl_csv_header_count(csv))
            s = sl_fail(err, SL_EDATA, path, sl_csv_line(csv), "row has %zu fields but the header has %zu",
                        sl_csv_nfields(csv), sl_csv_header_count(csv));
        record r = {.csv = csv, .file = path, .line = sl_csv_line(csv)}; /* a CSV has no CRS member */
        if (!s) s = add(im, &r, err);
    }
    if (!s && rc < 0) s = err->status;
    sl_csv_close(csv);
    return s;
}

/* A Feature (properties + geometry) or a flat object. */
static sl_status add_json(importer *im, json_t *obj, const char *path, long where, sl_error *err)
{
    if (!json_is_object(obj)) return sl_fail(err, SL_EDATA, path, where, "not a JSON object");
    record r = {.obj = obj, .file = path, .line = where, .ct = im->ct, .crs = im->res->crs[0] ? im->res->crs : NULL};
    json_t *props = json_object_get(obj, "properties");
    if (json_is_object(props)) {
        r.obj = props;
        r.geometry = json_object_get(obj, "geometry");
    }
    if (!im->keys_checked || !im->radius.column[0]) {
        sl_status s = check_json_keys(im, r.obj, !im->keys_checked, path, err);
        im->keys_checked = 1;
        if (s) return s;
    }
    return add(im, &r, err);
}

/* A FeatureCollection's crs member (GeoJSON 2008; GDAL and QGIS still write
** it): requests are reprojected from it to WGS84, as `import areas` does. */
static sl_status declared_crs(importer *im, json_t *root, const char *path, sl_error *err)
{
    json_t *crs = json_object_get(root, "crs");
    if (!crs || json_is_null(crs)) return SL_OK;
    const char *name = json_string_value(json_object_get(json_object_get(crs, "properties"), "name"));
    int code = name ? sl_crs_name_epsg(name) : 0;
    if (!code)
        return sl_fail(err, SL_EDATA, path, 1, "the crs member names no EPSG code ('%.60s'); reproject the file to "
                       "WGS84 longitude/latitude (ogr2ogr -t_srs EPSG:4326) or name it as EPSG:NNNN", name ? name : "");
    if (sl_gdal_ready(err)) return err->status;
    snprintf(im->res->crs, sizeof im->res->crs, "EPSG:%d", code);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    int bad = OSRImportFromEPSG(srs, code) != OGRERR_NONE || sl_to_wgs84(srs, &im->ct);
    OSRDestroySpatialReference(srs);
    if (bad)
        return sl_fail(err, SL_EDATA, path, 1, "the file declares %s, which cannot be reprojected to WGS84: %s",
                       im->res->crs, CPLGetLastErrorMsg());
    if (!im->ct) im->res->crs[0] = '\0'; /* WGS84 already: nothing to say */
    return SL_OK;
}

static sl_status import_json(importer *im, const char *path, const char *data, size_t len, sl_error *err)
{
    json_error_t je;
    int oom;
    json_t *root = sl_json_loadb(data, len, 0, &je, &oom);
    if (root) {
        json_t *features = json_object_get(root, "features");
        sl_status s = json_is_array(features) ? SL_OK
                      : sl_fail(err, SL_EDATA, path, 1, "JSON is not a GeoJSON FeatureCollection");
        if (!s) s = declared_crs(im, root, path, err);
        for (size_t i = 0; !s && i < json_array_size(features); i++)
            s = add_json(im, json_array_get(features, i), path, (long)i + 1, err);
        json_decref(root);
        return s;
    }
    if (oom) return sl_json_fail(err, path, je.line, "", &je, oom);
    /* Not one document: NDJSON, one object per line. */
    long line = 0;
    for (const char *p = data, *end = data + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        if (n > 0 && !(n == 1 && p[0] == '\r')) {
            json_t *obj = sl_json_loadb(p, n, 0, &je, &oom);
            if (!obj) return sl_json_fail(err, path, line, "invalid JSON", &je, oom);
            sl_status s = add_json(im, obj, path, line, err);
            json_decref(obj);
            if (s) return s;
        }
        p += n + 1;
    }
    return SL_OK;
}

/* --agency-name that linked no request, while the registry has an agency
** of that name in other states: the state given is wrong, and a close name
** of the state given ("New Chicago ...") would mislead. */
static int agency_elsewhere(importer *im, const sl_agency_list *reg)
{
    const sl_request_mapping *m = im->map;
    return sl_link_request_elsewhere(im->linker, reg, m->agency_name, m->agency_state, &im->res->agency_elsewhere);
}

/* --agency-name that linked no request: the registry's agency of that
** state whose name is closest to it, for the import to offer ("New York
** Police Department" is the registry's "New York City Police
** Department"); none when no name is close, or when the registry has that
** very name in another state (agency_elsewhere). */
static void closest_agency(importer *im, const sl_agency_list *reg)
{
    const sl_request_mapping *m = im->map;
    im->res->agency_closest[0] = '\0';
    if (!m->agency_name || im->res->link.linked || !m->agency_state) return;
    if (agency_elsewhere(im, reg)) return;
    int best = 0;
    size_t best_len = 0;
    for (size_t i = 0; i < reg->count; i++) {
        const sl_agency *a = &reg->items[i];
        if (!a->name || !a->state || strcasecmp(a->state, m->agency_state)) continue;
        size_t len = strlen(a->name);
        int c = sl_name_closeness(m->agency_name, a->name, len);
        /* of names equally close, the one adding the fewest letters: "New
        ** York City Police Department" before "New York Mills Village ..." */
        if (c > best || (c && c == best && len < best_len)) {
            best = c, best_len = len;
            snprintf(im->res->agency_closest, sizeof im->res->agency_closest, "%s", a->name);
        }
    }
}

static int looks_like_json(const char *data)
{
    while (*data == ' ' || *data == '\n' || *data == '\r' || *data == '\t') data++;
    return *data == '{' || *data == '[';
}

static sl_status import_all(importer *im, const char *path, const char *data, size_t len, sl_error *err)
{
    sl_agency_list reg;
    sl_status s = sl_store_load_agencies(im->st, &reg, err);
    if (!s && reg.count) s = sl_linker_new(reg.items, reg.count, &im->linker, err);
    im->agencies = reg.items;
    if (!s) s = looks_like_json(data) ? import_json(im, path, data, len, err) : import_csv(im, path, data, len, err);
    if (!s && im->res->rows == 0) s = sl_fail(err, SL_EDATA, path, 1, "no requests in the file");
    if (!s) {
        char unit[sizeof im->res->radius_unit];
        snprintf(im->res->radius_column, sizeof im->res->radius_column, "%s", im->radius.column);
        snprintf(im->res->radius_unit, sizeof im->res->radius_unit, "%s", sl_radius_plan_unit(&im->radius, unit, sizeof unit));
        snprintf(im->res->unread_radius, sizeof im->res->unread_radius, "%s", im->radius.unread);
        /* the rule and threshold of `import posts` (sl_point_report_finish) */
        sl_point_report rep = {.imported = im->point_rows, .swapped_like = im->res->swapped_like};
        sl_point_report_finish(&rep);
        im->res->looks_swapped = rep.looks_swapped;
        closest_agency(im, &reg);
    }
    if (im->ct) OCTDestroyCoordinateTransformation(im->ct);
    if (!s) s = sl_store_set_source_rows(im->st, im->res->source_id, im->res->rows, err);
    if (!s && im->res->empty_rows) /* the file's rows less the requests, said wherever the import is credited */
        s = sl_store_set_source_skipped(im->st, im->res->source_id, im->res->empty_rows, "rows of empty fields only", err);
    sl_linker_free(im->linker);
    sl_agency_list_free(&reg);
    return s;
}

sl_status sl_ingest_requests(sl_store *st, const char *path, const sl_request_mapping *map,
                             sl_import_result *res, sl_error *err)
{
    static const sl_request_mapping NONE = {0};
    char *data = NULL;
    size_t len = 0;
    memset(res, 0, sizeof *res);
    sl_status s = sl_read_file(path, &data, &len, res->sha256, err);
    if (s) return s;
    const char *what = memchr(data, '\0', len) ? sl_csv_not_csv(data, len) : NULL; /* an .xlsx, UTF-16 */
    if (what) s = sl_fail(err, SL_EDATA, path, 1, "this is %s", what);
    else if (memchr(data, '\0', len)) s = sl_fail(err, SL_EDATA, path, 1, "binary data (NUL byte): not a text file");
    importer im = {.st = st, .map = map ? map : &NONE, .res = res};
    if (!s) s = sl_store_begin(st, err);
    if (!s) {
        const sl_request_mapping *m = im.map;
        const char *const pairs[][2] = {
            {"agency", m->agency}, {"state", m->state},   {"date", m->date},         {"date_format", m->date_format},
            {"lat", m->lat},       {"lon", m->lon},       {"radius", m->radius},     {"geometry", m->geometry},
            {"recipients", m->recipients}, {"videos", m->videos}, {"id", m->id}, {"radius_unit", m->radius_unit},
            {"agency_name", m->agency_name}, {"agency_state", m->agency_state}};
        char *options = sl_import_options(pairs, sizeof pairs / sizeof pairs[0]);
        s = options ? sl_import_source(st, "requests", path, res->sha256, "", options, m->replace, res, err)
                    : sl_fail(err, SL_ENOMEM, path, 0, "out of memory");
        free(options);
        if (!s && !res->already) s = import_all(&im, path, data, len, err);
        if (!s && !res->already) s = sl_request_repeats_check(st, res->source_id, path, err);
        if (!s) s = sl_store_commit(st, err);
        if (s) sl_store_rollback(st);
    }
    free(data);
    return s;
}
