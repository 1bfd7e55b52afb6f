/*
** agencies.c — importing the national agency registry (FBI Crime Data
** Explorer agency list). It is both the denominator for "share of US law
** enforcement agencies" and the gazetteer that gives partnerships a place.
*/
#include "sightline/import.h"
#include "sightline/csv.h"
#include "source.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct columns {
    int ori, name, type, county, state, lat, lon;
} columns;

static sl_status need(sl_csv *csv, const char *name, int *out, sl_error *err)
{
    *out = sl_csv_column(csv, name);
    if (*out < 0)
        return sl_fail(err, SL_EDATA, sl_csv_name(csv), 1,
                       "no column '%s': is this an FBI CDE agency list (--preset fbi-cde)?", name);
    return SL_OK;
}

static sl_status resolve(sl_csv *csv, columns *c, sl_error *err)
{
    sl_status s = need(csv, "ori", &c->ori, err);
    if (!s) s = need(csv, "agency_name", &c->name, err);
    if (!s) s = need(csv, "agency_type_name", &c->type, err);
    if (!s) s = need(csv, "county_name", &c->county, err);
    if (!s) s = need(csv, "state_abbr", &c->state, err);
    if (!s) s = need(csv, "latitude", &c->lat, err);
    if (!s) s = need(csv, "longitude", &c->lon, err);
    return s;
}

/* Parse a coordinate cell; empty is "no location", garbage is an error. */
static int parse_coord(const char *s, double limit, double *out, int *present)
{
    *present = 0;
    if (!s[0]) return 1;
    char *end;
    double v = strtod(s, &end);
    if (*end || !isfinite(v) || fabs(v) > limit) return 0;
    *out = v;
    *present = 1;
    return 1;
}

static sl_status read_location(sl_csv *csv, const columns *c, sl_agency *a, sl_error *err)
{
    int has_lat, has_lon;
    if (!parse_coord(sl_csv_field(csv, (size_t)c->lat), 90, &a->lat, &has_lat) ||
        !parse_coord(sl_csv_field(csv, (size_t)c->lon), 180, &a->lon, &has_lon))
        return sl_fail(err, SL_EDATA, sl_csv_name(csv), sl_csv_line(csv),
                       "latitude/longitude '%s','%s' is not a valid coordinate",
                       sl_csv_field(csv, (size_t)c->lat), sl_csv_field(csv, (size_t)c->lon));
    /* 0,0 is the registry's filler for "unknown", not a place off Africa. */
    a->has_location = has_lat && has_lon && !(a->lat == 0 && a->lon == 0);
    return SL_OK;
}

static sl_status import_rows(sl_store *st, sl_csv *csv, const columns *c, sl_import_result *res,
                             sl_error *err)
{
    size_t header = sl_csv_header_count(csv);
    int rc;
    while ((rc = sl_csv_next(csv, err)) == 1) {
        if (sl_csv_nfields(csv) == 1 && sl_csv_field(csv, 0)[0] == '\0') continue;
        if (sl_csv_nfields(csv) != header)
            return sl_fail(err, SL_EDATA, sl_csv_name(csv), sl_csv_line(csv),
                           "row has %zu fields but the header has %zu", sl_csv_nfields(csv), header);
        sl_agency a = {0};
        a.source_id = res->source_id;
        a.line = sl_csv_line(csv);
        a.ori = sl_csv_field(csv, (size_t)c->ori);
        a.name = sl_csv_field(csv, (size_t)c->name);
        a.type = sl_csv_field(csv, (size_t)c->type);
        a.county = sl_csv_field(csv, (size_t)c->county);
        a.state = sl_csv_field(csv, (size_t)c->state);
        if (!a.name[0]) return sl_fail(err, SL_EDATA, sl_csv_name(csv), a.line, "row has no agency_name");
        if (read_location(csv, c, &a, err)) return err->status;
        if (!a.has_location) res->no_location++;
        if (sl_store_add_agency(st, &a, err)) return err->status;
        res->rows++;
    }
    return rc < 0 ? err->status : SL_OK;
}

static sl_status import_open(sl_store *st, sl_csv *csv, const char *path, sl_import_result *res,
                             sl_error *err)
{
    columns c = {-1, -1, -1, -1, -1, -1, -1};
    sl_status s = sl_csv_read_header(csv, err);
    if (!s) s = resolve(csv, &c, err);
    if (!s) s = sl_import_source(st, "agencies", path, res->sha256, "", "{\"preset\":\"fbi-cde\"}", res, err);
    if (s || res->already) return s;
    s = import_rows(st, csv, &c, res, err);
    if (!s) s = sl_store_set_source_rows(st, res->source_id, res->rows, err);
    /* A larger registry can link rows that were unlinked before. */
    if (!s) s = sl_link_partnerships(st, &res->link, err);
    return s;
}

sl_status sl_import_agencies(sl_store *st, const char *path, const char *preset,
                             sl_import_result *res, sl_error *err)
{
    memset(res, 0, sizeof *res);
    if (!preset || strcmp(preset, "fbi-cde") != 0)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "unknown agency preset '%s' (known: fbi-cde)",
                       preset ? preset : "");
    sl_csv *csv = NULL;
    sl_status s = sl_csv_open(path, 0, &csv, err);
    if (s) return s;
    memcpy(res->sha256, sl_csv_sha256(csv), sizeof res->sha256);
    s = sl_store_begin(st, err);
    if (!s) s = import_open(st, csv, path, res, err);
    if (!s) s = sl_store_commit(st, err);
    if (s) sl_store_rollback(st);
    sl_csv_close(csv);
    return s;
}
