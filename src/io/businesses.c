/*
** businesses.c — directory files, CSV or GeoJSON (see
** include/sightline/io/businesses_io.h).
*/
#include "sightline/io/businesses_io.h"
#include "sightline/io/csv.h"
#include "sightline/io/points_io.h"
#include "json_error.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FIELD_MAX SL_BUSINESS_FIELD_MAX
/* room for one row's fields tidied (sl_business_tidy) */
#define TIDY_SIZE (2 * F_COUNT * (FIELD_MAX + 1) + 64)

enum { F_NAME, F_CATEGORY, F_ADDRESS, F_CITY, F_STATE, F_ZIP, F_WEBSITE, F_PHONE, F_VERIFY, F_SOURCE, F_LAT, F_LON,
       F_COUNT };

static const char *const NAME_ALIASES[F_COUNT][5] = {
    [F_NAME] = {"name", "business", "business_name", NULL},
    [F_CATEGORY] = {"category", "type", NULL},
    [F_ADDRESS] = {"address", "street", "street_address", NULL},
    [F_CITY] = {"city", "town", NULL},
    [F_STATE] = {"state", NULL},
    [F_ZIP] = {"zip", "postal_code", "zipcode", "zip_code", NULL},
    [F_WEBSITE] = {"website", "url", "web", NULL},
    [F_PHONE] = {"phone", "telephone", NULL},
    [F_VERIFY] = {"verification", "ownership_verified", "verified_by", "verified", NULL},
    [F_SOURCE] = {"source", NULL},
};

/* Is KEY one of F's names (lat/lon: the point readers' lists)? */
static int is_field(int f, const char *key)
{
    const char *const *names = f == F_LAT ? sl_lat_names : f == F_LON ? sl_lon_names : NAME_ALIASES[f];
    for (size_t i = 0; names[i]; i++)
        if (!strcasecmp(key, names[i])) return 1;
    return 0;
}

/* Add column KEY to UNREAD (a ", "-separated list of SIZE bytes) unless
** it names a field or is listed already; "..." once it is full. */
static void add_unread(const char *key, char *unread, size_t size)
{
    if (!unread || !size || !key[0]) return;
    for (int f = 0; f < F_COUNT; f++)
        if (is_field(f, key)) return;
    size_t n = strlen(key), len = strlen(unread);
    for (const char *p = unread; (p = strstr(p, key)); p += n)
        if ((p == unread || p[-1] == ' ') && (p[n] == ',' || !p[n])) return;
    if (len + n + 6 >= size) {
        if (len + 5 < size && !strstr(unread, "...")) strcat(unread, ", ...");
        return;
    }
    if (len) strcat(unread, ", ");
    strcat(unread, key);
}

static int coord(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    while (*end == ' ') end++;
    return !errno && end != s && !*end && isfinite(*out) && *out >= lo && *out <= hi;
}

/* A directory's rows tell a reader what a business is or how to find it:
** a file without one column of these is some other list of names (a file
** of people, picked by mistake), which must not become public listings. */
static const int LISTING_FIELDS[] = {F_CATEGORY, F_ADDRESS, F_WEBSITE, F_PHONE};
#define NOT_A_DIRECTORY "no category, address, website or phone column: this does not look like a directory of businesses"

/* Fill B from the field values V (NULL: absent), tidied into TIDY
** (TIDY_SIZE bytes; B's strings point there and into V), and check it. */
static sl_status finish(const char *name, long line, const char *v[F_COUNT], sl_business *b, char *tidy,
                        sl_error *err)
{
    for (int f = 0; f < F_COUNT; f++)
        if (v[f] && strlen(v[f]) > FIELD_MAX)
            return sl_fail(err, SL_EDATA, name, line, "the %s is longer than %d bytes", NAME_ALIASES[f][0] ? NAME_ALIASES[f][0] : "coordinate", FIELD_MAX);
    if (!v[F_NAME] || !*v[F_NAME]) return sl_fail(err, SL_EDATA, name, line, "a business without a name");
    const char **dst[] = {&b->name, &b->category, &b->address, &b->city, &b->state,
                          &b->zip, &b->website, &b->phone, &b->verification, &b->origin};
    for (int f = 0; f < F_LAT; f++) *dst[f] = v[f] ? v[f] : "";
    int has_lat = v[F_LAT] && *v[F_LAT], has_lon = v[F_LON] && *v[F_LON];
    b->has_location = 0;
    if (has_lat != has_lon) return sl_fail(err, SL_EDATA, name, line, "a latitude without a longitude, or the reverse");
    if (has_lat) {
        if (!coord(v[F_LAT], -90, 90, &b->lat)) return sl_fail(err, SL_EDATA, name, line, "latitude is not a number from -90 to 90");
        if (!coord(v[F_LON], -180, 180, &b->lon)) return sl_fail(err, SL_EDATA, name, line, "longitude is not a number from -180 to 180");
        b->has_location = 1;
    }
    b->line = line;
    const char *field, *why, *state = b->state;
    sl_business_tidy(b, tidy, TIDY_SIZE); /* the website's kind is the importer's to count */
    if (!(why = sl_business_problem(b, &field))) return SL_OK;
    if (!strcmp(field, "name")) return sl_fail(err, SL_EDATA, name, line, "a business without a name");
    if (!strcmp(field, "state"))
        return sl_fail(err, SL_EDATA, name, line, "the state '%.40s' is not a US postal code (IL, NY, PR...)", state);
    /* a page with a name only, and nothing to check it by */
    return sl_fail(err, SL_EDATA, name, line, "%s ('%.80s' has none of them)", why, b->name);
}

/* The readers' callbacks and their context. */
typedef struct readers {
    sl_business_read_fn fn;
    sl_business_skip_fn skip;
    void *ctx;
} readers;

/* After ROW_RC, a row's own check: a data problem goes to R->skip, when
** there is one, and the reading goes on (SL_OK); else ROW_RC. */
static sl_status skipped(const readers *r, sl_status row_rc, sl_error *err)
{
    if (row_rc != SL_EDATA || !r->skip) return row_rc;
    r->skip(err->line, err->msg, r->ctx);
    sl_error_clear(err);
    return SL_OK;
}

static sl_status parse_csv(const char *name, const char *data, size_t len, const readers *r, char *unread,
                           size_t unread_size, sl_error *err)
{
    sl_csv *csv;
    if (sl_csv_open_buffer(name, data, len, 0, &csv, err)) return err->status;
    sl_status rc = sl_csv_read_header(csv, err);
    int col[F_COUNT];
    for (int f = 0; f < F_COUNT; f++) {
        col[f] = -1;
        for (size_t i = 0; !rc && col[f] < 0 && i < sl_csv_header_count(csv); i++)
            if (is_field(f, sl_csv_header_name(csv, i))) col[f] = (int)i;
    }
    for (size_t i = 0; !rc && i < sl_csv_header_count(csv); i++) add_unread(sl_csv_header_name(csv, i), unread, unread_size);
    if (!rc && col[F_NAME] < 0) rc = sl_fail(err, SL_EDATA, name, 1, "no name column (name, business or business_name)");
    int listing = 0;
    for (size_t k = 0; k < sizeof LISTING_FIELDS / sizeof *LISTING_FIELDS; k++) listing |= col[LISTING_FIELDS[k]] >= 0;
    if (!rc && !listing) rc = sl_fail(err, SL_EDATA, name, 1, NOT_A_DIRECTORY);
    if (!rc && (col[F_LAT] < 0) != (col[F_LON] < 0))
        rc = sl_fail(err, SL_EDATA, name, 1, "a latitude column without a longitude column, or the reverse");
    int got = 0;
    char *tidy = rc ? NULL : malloc(TIDY_SIZE);
    if (!rc && !tidy) rc = sl_fail(err, SL_ENOMEM, name, 0, "out of memory");
    while (!rc && (got = sl_csv_next(csv, err)) == 1) {
        const char *v[F_COUNT];
        for (int f = 0; f < F_COUNT; f++) v[f] = col[f] < 0 ? NULL : sl_csv_field(csv, (size_t)col[f]);
        sl_business b = {0};
        rc = finish(name, sl_csv_line(csv), v, &b, tidy, err);
        rc = rc ? skipped(r, rc, err) : r->fn(&b, r->ctx, err);
    }
    if (!rc && got < 0) rc = err->status;
    free(tidy);
    sl_csv_close(csv);
    return rc;
}

/* A property as text: strings as they are, numbers printed; else NULL. */
static const char *prop_text(json_t *v, char buf[64])
{
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) snprintf(buf, 64, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) snprintf(buf, 64, "%.17g", json_real_value(v));
    else return NULL;
    return buf;
}

/* One feature to R->fn, or, with a problem of its own, to R->skip (TIDY:
** room for its fields, finish). */
static sl_status feature(const char *name, long n, json_t *feat, const readers *r, char *tidy, sl_error *err)
{
    json_t *props = json_object_get(feat, "properties"), *geom = json_object_get(feat, "geometry");
    if (!json_is_object(feat) || (!json_is_object(props) && !json_is_null(props)))
        return sl_fail(err, SL_EDATA, name, n, "feature %ld is not a GeoJSON feature with properties", n);
    const char *v[F_COUNT] = {0};
    char bufs[F_COUNT][64], lat[40], lon[40];
    const char *key;
    json_t *val;
    json_object_foreach(props, key, val)
        for (int f = 0; f < F_COUNT; f++)
            if (!v[f] && is_field(f, key)) v[f] = prop_text(val, bufs[f]);
    if (json_is_object(geom)) {
        json_t *c = json_object_get(geom, "coordinates");
        if (strcmp(json_string_value(json_object_get(geom, "type")) ? json_string_value(json_object_get(geom, "type")) : "", "Point") ||
            !json_is_number(json_array_get(c, 0)) || !json_is_number(json_array_get(c, 1)))
            return skipped(r, sl_fail(err, SL_EDATA, name, n, "feature %ld: a business is a Point [lon, lat]", n),
                           err);
        snprintf(lon, sizeof lon, "%.17g", json_number_value(json_array_get(c, 0)));
        snprintf(lat, sizeof lat, "%.17g", json_number_value(json_array_get(c, 1)));
        v[F_LAT] = lat;
        v[F_LON] = lon;
    }
    sl_business b = {0};
    if (finish(name, n, v, &b, tidy, err)) return skipped(r, err->status, err);
    return r->fn(&b, r->ctx, err);
}

static sl_status parse_geojson(const char *name, const char *data, size_t len, const readers *r, char *unread,
                               size_t unread_size, sl_error *err)
{
    json_error_t je;
    int oom;
    json_t *root = sl_json_loadb(data, len, 0, &je, &oom);
    if (!root) return sl_json_fail(err, name, je.line, "invalid JSON", &je, oom);
    json_t *features = json_object_get(root, "features");
    sl_status rc = json_is_array(features) ? SL_OK : sl_fail(err, SL_EDATA, name, 1, "JSON is not a GeoJSON FeatureCollection");
    int listing = 0;
    for (size_t i = 0; !rc && i < json_array_size(features); i++) {
        const char *key;
        json_t *val, *props = json_object_get(json_array_get(features, i), "properties");
        json_object_foreach(props, key, val) {
            for (size_t k = 0; k < sizeof LISTING_FIELDS / sizeof *LISTING_FIELDS; k++) listing |= is_field(LISTING_FIELDS[k], key);
            add_unread(key, unread, unread_size);
        }
    }
    /* as a CSV's header: before any row, which would be refused at its line */
    if (!rc && json_array_size(features) && !listing) rc = sl_fail(err, SL_EDATA, name, 1, NOT_A_DIRECTORY);
    char *tidy = rc ? NULL : malloc(TIDY_SIZE);
    if (!rc && !tidy) rc = sl_fail(err, SL_ENOMEM, name, 0, "out of memory");
    for (size_t i = 0; !rc && i < json_array_size(features); i++)
        rc = feature(name, (long)i + 1, json_array_get(features, i), r, tidy, err);
    free(tidy);
    json_decref(root);
    return rc;
}

sl_status sl_businesses_parse(const char *name, const char *data, size_t len, sl_business_read_fn fn,
                              sl_business_skip_fn skip, void *ctx, char *unread, size_t unread_size, sl_error *err)
{
    readers r = {fn, skip, ctx};
    size_t i = 0;
    if (unread && unread_size) unread[0] = '\0';
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) i++;
    if (i < len && data[i] == '{') return parse_geojson(name, data, len, &r, unread, unread_size, err);
    return parse_csv(name, data, len, &r, unread, unread_size, err);
}
