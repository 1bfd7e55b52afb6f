/*
** agencies.c — importing the national agency registry (FBI Crime Data
** Explorer agency list). It is both the denominator for "share of US law
** enforcement agencies" and the gazetteer that gives partnerships a place.
*/
#include "sightline/core/area.h"
#include "sightline/ingest/import.h"
#include "sightline/io/csv.h"
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
    if (strpbrk(s, "xXpP")) return 0; /* strtod reads hex floats; no registry writes them */
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

/* ORIs seen so far with their lines: the registry's key must be unique, or
** partnerships would link to whichever copy came first. */
typedef struct ori_seen {
    const char *ori;
    long line;
} ori_seen;

typedef struct ori_set {
    ori_seen *items;
    size_t n, cap;
    sl_arena arena;
} ori_set;

static int remember_ori(ori_set *s, const char *ori, long line)
{
    if (!ori[0]) return 1; /* a missing ORI is no key */
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        ori_seen *grown = realloc(s->items, cap * sizeof *grown);
        if (!grown) return 0;
        s->items = grown;
        s->cap = cap;
    }
    s->items[s->n].ori = sl_arena_strdup(&s->arena, ori);
    s->items[s->n].line = line;
    return s->items[s->n++].ori != NULL;
}

static int by_ori_then_line(const void *a, const void *b)
{
    const ori_seen *x = a, *y = b;
    int c = strcmp(x->ori, y->ori);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* The first line (in file order) whose ORI appeared on an earlier line. */
static sl_status check_unique_ori(ori_set *s, const char *file, sl_error *err)
{
    if (s->n < 2) return SL_OK;
    qsort(s->items, s->n, sizeof *s->items, by_ori_then_line);
    const ori_seen *worst = NULL;
    for (size_t i = 1; i < s->n; i++)
        if (!strcmp(s->items[i].ori, s->items[i - 1].ori) && (!worst || s->items[i].line < worst->line))
            worst = &s->items[i];
    if (!worst) return SL_OK;
    long first = 0;
    for (size_t i = 0; i < s->n && !first; i++)
        if (!strcmp(s->items[i].ori, worst->ori)) first = s->items[i].line;
    return sl_fail(err, SL_EDATA, file, worst->line, "ori '%s' repeats line %ld", worst->ori, first);
}

static sl_status import_each_row(sl_store *st, sl_csv *csv, const columns *c, sl_import_result *res,
                                 ori_set *seen, const sl_progress *progress, sl_error *err)
{
    size_t header = sl_csv_header_count(csv);
    int rc;
    while ((rc = sl_csv_next(csv, err)) == 1) {
        if (sl_csv_nfields(csv) == 1 && sl_csv_field(csv, 0)[0] == '\0') { /* a blank line: counted, said */
            res->empty_rows++;
            continue;
        }
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
        char state[64];
        a.state = sl_state_canonical(sl_csv_field(csv, (size_t)c->state), state, sizeof state); /* "NB": NE */
        if (!a.name[0]) return sl_fail(err, SL_EDATA, sl_csv_name(csv), a.line, "row has no agency_name");
        if (read_location(csv, c, &a, err)) return err->status;
        if (!a.has_location) res->no_location++;
        if (!remember_ori(seen, a.ori, a.line)) return sl_fail(err, SL_ENOMEM, sl_csv_name(csv), a.line, "out of memory");
        sl_put put;
        if (sl_store_put_agency(st, &a, &put, err)) return err->status;
        if (++res->rows % 1024 == 0) sl_progress_tell(progress, "agencies read", (uint64_t)res->rows, 0);
        res->updated += put == SL_PUT_UPDATED;
        res->unchanged += put == SL_PUT_SAME;
    }
    return rc < 0 ? err->status : SL_OK;
}

static sl_status import_rows(sl_store *st, sl_csv *csv, const columns *c, sl_import_result *res,
                             const sl_progress *progress, sl_error *err)
{
    ori_set seen = {0};
    sl_status s = import_each_row(st, csv, c, res, &seen, progress, err);
    if (!s) s = check_unique_ori(&seen, sl_csv_name(csv), err);
    if (!s && res->rows == 0) s = sl_fail(err, SL_EDATA, sl_csv_name(csv), 1, "no data rows after the header");
    free(seen.items);
    sl_arena_free(&seen.arena);
    return s;
}

/* A registry file matching agencies the store holds (a corrected copy)
** updates them and adds its others, never removes one: the agencies it
** lacks stay in every share's denominator. RES->held_others: how many, and
** the imports holding them, for the summary to say so. */
static sl_status agencies_left_out(sl_store *st, sl_import_result *res, sl_error *err)
{
    sl_agency_list l;
    if (sl_store_load_agencies(st, &l, err)) return err->status;
    long held = (long)l.count;
    sl_agency_list_free(&l);
    res->held_others = held > res->rows ? held - res->rows : 0;
    if (!res->held_others) return SL_OK;
    return sl_import_other_ids(st, "agencies", "", res->source_id, res->held_others_ids, sizeof res->held_others_ids,
                               err);
}

static sl_status import_open(sl_store *st, sl_csv *csv, const char *path, const sl_progress *progress,
                             sl_import_result *res, sl_error *err)
{
    columns c = {-1, -1, -1, -1, -1, -1, -1};
    sl_status s = sl_ingest_read_header(csv, res, err);
    if (!s) s = resolve(csv, &c, err);
    if (!s) s = sl_import_source(st, "agencies", path, res->sha256, "", "{\"preset\":\"fbi-cde\"}", 0, res, err);
    if (s || res->already) return s;
    s = import_rows(st, csv, &c, res, progress, err);
    if (!s && res->updated + res->unchanged > 0) s = agencies_left_out(st, res, err);
    if (!s && res->unchanged == res->rows) {
        res->already = 1; /* every agency is in the store already: the caller rolls back */
        return SL_OK;
    }
    if (!s) s = sl_store_set_source_rows(st, res->source_id, res->rows, err);
    /* every line is an agency or blank: the skipped count is known, 0 or not */
    if (!s) s = sl_store_set_source_skipped(st, res->source_id, res->empty_rows, res->empty_rows ? "blank lines" : NULL,
                                            err);
    /* A larger registry can link rows that were unlinked before: partnership
    ** rows, and requests imported before it or whose registry was removed. */
    if (!s) s = sl_link_partnerships_told(st, &res->link, progress, err);
    if (!s) s = sl_link_requests(st, &res->request_link, progress, err);
    return s;
}

sl_status sl_ingest_agencies(sl_store *st, const char *path, const char *preset,
                             sl_import_result *res, sl_error *err)
{
    return sl_ingest_agencies_told(st, path, preset, NULL, res, err);
}

sl_status sl_ingest_agencies_told(sl_store *st, const char *path, const char *preset, const sl_progress *progress,
                                  sl_import_result *res, sl_error *err)
{
    memset(res, 0, sizeof *res);
    if (!preset || !*preset)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "import agencies needs --preset fbi-cde (the one registry format known)");
    if (strcmp(preset, "fbi-cde") != 0)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "unknown agency preset '%s' (known: fbi-cde)", preset);
    sl_csv *csv = NULL;
    sl_status s = sl_csv_open(path, 0, &csv, err);
    if (s) return s;
    memcpy(res->sha256, sl_csv_sha256(csv), sizeof res->sha256);
    s = sl_store_begin(st, err);
    if (!s) s = import_open(st, csv, path, progress, res, err);
    if (!s && !res->already) s = sl_store_commit(st, err);
    if (s || res->already) sl_store_rollback(st);
    sl_csv_close(csv);
    return s;
}
