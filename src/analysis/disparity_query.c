/*
** disparity_query.c — disparity of requests, posts or cameras over an area
** set in the store (see sl_analysis_disparity in analyses.h).
**
** This file only gathers inputs: the area table from the store, event rows
** (points located by the PIP engine, requests split by overlap), and the
** baseline; the statistics live in disparity.c.
*/
#include "sightline/analysis/analyses.h"
#include "sightline/core/file.h"
#include "sightline/core/hash.h"
#include "sightline/core/text.h"
#include "sightline/io/acs.h"
#include "sightline/store/baseline.h"
#include "sightline/analysis/disparity.h"
#include "sightline/ingest/requests.h"
#include "sightline/core/json_build.h"
#include "sightline/store/baseline.h"
#include "sightline/store/requests.h"
#include "analysis_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint64_t point_key(double lon, double lat)
{
    return sl_fnv1a(sl_fnv1a(SL_FNV1A_START, &lon, sizeof lon), &lat, sizeof lat);
}

/* Each request's place: its point, radius and polygon, hashed. */
static uint64_t *request_places(const sl_request_list *reqs)
{
    uint64_t *keys = malloc((reqs->count + 1) * sizeof *keys);
    for (size_t i = 0; keys && i < reqs->count; i++) {
        const sl_request *q = &reqs->items[i];
        uint64_t h = sl_fnv1a(point_key(q->lon, q->lat), &q->radius_m, sizeof q->radius_m);
        keys[i] = q->wkb ? sl_fnv1a(h, q->wkb, q->wkb_len) : h;
    }
    return keys;
}

/* Each point's place, its coordinates hashed, into IN. */
static sl_status point_places(sl_area_inputs *in, const double *lon, const double *lat, size_t n, sl_error *err)
{
    if (!(in->place_key = malloc((n + 1) * sizeof *in->place_key))) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < n; i++) in->place_key[i] = point_key(lon[i], lat[i]);
    in->nkeys = n;
    return SL_OK;
}

/* One event per point, in the area LOCATED gives it (borrowed; NULL:
** located here): each point's area, no rows. */
static sl_status point_events(sl_area_inputs *in, const double *lon, const double *lat, const int32_t *located,
                              size_t n, sl_error *err)
{
    in->points = 1;
    sl_status ps = point_places(in, lon, lat, n, err);
    if (ps) return ps;
    if (located) {
        in->point_area = located, in->npoints = n;
        return SL_OK;
    }
    in->point_area_owned = malloc((n + 1) * sizeof *in->point_area_owned);
    if (!in->point_area_owned) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    sl_status s = sl_pip_join(in->pip, lon, lat, n, 0, in->point_area_owned, err);
    in->point_area = in->point_area_owned, in->npoints = s ? 0 : n;
    return s;
}

/* The cameras' areas when the caller located them in this very set. */
static const int32_t *located_in(const sl_camera_locations *c, const char *set)
{
    return c->area && c->area_set && strcmp(c->area_set, set) == 0 ? c->area : NULL;
}

/* A request that could not be split: ERR is given the file of its import
** SOURCE_ID, so the message says what to remove (`sightline rm`) and what
** to mend. */
static void name_import_file(sl_store *st, long source_id, sl_error *err)
{
    sl_source_list l;
    sl_error ignored;
    if (sl_store_load_sources(st, "requests", &l, &ignored)) return;
    for (size_t i = 0; i < l.count; i++)
        if (l.items[i].id == source_id && l.items[i].file_name) {
            sl_error e = *err;
            sl_fail(err, e.status, l.items[i].file_name, e.line, "%s", e.msg);
        }
    sl_source_list_free(&l);
}

/* Requests with no place (no point, radius or polygon) out of REQS, their
** number into *UNPLACED: they lie in no area, and split they would read as
** "outside every area". The campaign page counts them by their state. */
static void drop_unplaced(sl_request_list *reqs, size_t *unplaced)
{
    size_t kept = 0;
    for (size_t i = 0; i < reqs->count; i++) {
        const sl_request *q = &reqs->items[i];
        if (!q->wkb && !isfinite(q->lat)) continue;
        reqs->items[kept++] = *q; /* the texts and WKB live in the list's arena */
    }
    *unplaced = reqs->count - kept;
    reqs->count = kept;
}

sl_status sl_request_events(sl_store *st, const sl_area_list *areas, const sl_progress *progress,
                            sl_event_row **rows, size_t *nrows, size_t *nrequests, size_t *unplaced,
                            uint64_t **places, sl_error *err)
{
    sl_request_list reqs;
    size_t n = areas->count, none = 0, total;
    *rows = NULL;
    *nrows = 0;
    sl_status s = sl_store_load_requests(st, &reqs, err);
    if (s) return s;
    total = reqs.count;
    drop_unplaced(&reqs, &none);
    if (unplaced) *unplaced = none;
    const unsigned char **wkb = calloc(n + 1, sizeof *wkb);
    size_t *len = calloc(n + 1, sizeof *len);
    double *boxes = calloc(4 * n + 4, sizeof *boxes);
    if (!wkb || !len || !boxes) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; !s && i < n; i++) {
        const sl_area *a = &areas->items[i];
        wkb[i] = a->wkb;
        len[i] = a->wkb_len;
        double *b = boxes + 4 * i;
        b[0] = a->minx, b[1] = a->miny, b[2] = a->maxx, b[3] = a->maxy;
    }
    if (!s && total == 0)
        s = sl_fail(err, SL_EDATA, sl_store_path(st), 0, "no requests imported (sightline import requests FILE)");
    else if (!s && reqs.count == 0)
        s = sl_fail(err, SL_EDATA, sl_store_path(st), 0, "none of the %zu requests imported has a location (a point, "
                    "a radius or a polygon): none lies in an area", total);
    size_t failed = SIZE_MAX;
    if (!s) s = sl_request_weights_told(&reqs, wkb, len, boxes, n, progress, rows, nrows, &failed, err);
    if (s && failed != SIZE_MAX) name_import_file(st, reqs.items[failed].source_id, err);
    if (!s && places && !(*places = request_places(&reqs))) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (nrequests) *nrequests = reqs.count;
    free(wkb);
    free(len);
    free(boxes);
    sl_request_list_free(&reqs);
    return s;
}

/* The events of Q into IN; for cameras, where they came from into
** *CAMERAS_FROM and the radius their posts were chained within into *MERGE_M. */
static sl_status gather_events(sl_store *st, const sl_disparity_query *q, sl_area_inputs *in,
                               const char **cameras_from, double *merge_m, sl_error *err)
{
    const char *kind = q->events;
    if (strcmp(kind, "requests") == 0)
        return sl_request_events(st, &in->areas, &q->progress, &in->rows, &in->nrows, &in->nkeys, &in->unplaced,
                                 &in->place_key, err);
    if (strcmp(kind, "cameras") == 0 && q->cameras) {
        *cameras_from = q->cameras->origin, *merge_m = q->cameras->merge_radius_m;
        return point_events(in, q->cameras->lon, q->cameras->lat, located_in(q->cameras, q->set), q->cameras->n, err);
    }
    if (strcmp(kind, "cameras") == 0) {
        double *lon, *lat;
        size_t n;
        sl_status s = sl_load_cameras_merged(st, q->merge_radius_m, &lon, &lat, &n, cameras_from, err);
        *merge_m = q->merge_radius_m;
        if (!s) s = point_events(in, lon, lat, NULL, n, err);
        free(lon);
        free(lat);
        return s;
    }
    if (strcmp(kind, "posts") != 0)
        return sl_fail(err, SL_EUSAGE, NULL, 0, "--events is requests, posts or cameras, not '%s'", kind);
    double *lon, *lat; /* where the posts are: not their texts */
    size_t n;
    sl_status s = sl_load_coords(st, "posts", &lon, &lat, &n, err);
    if (!s) s = point_events(in, lon, lat, NULL, n, err);
    free(lon);
    free(lat);
    return s;
}

/* The baseline's shares: the store's baseline of that name (any name it was
** imported under), or files the caller read (q->baseline_file). A name the
** store lacks is refused, naming those it holds: an analysis opens no file. */
static sl_status read_baseline(sl_store *st, const sl_disparity_query *q, double shares[SL_GROUP_COUNT],
                               char *label, size_t len, sl_error *err)
{
    if (q->baseline_file) {
        memcpy(shares, q->baseline_file->shares, SL_GROUP_COUNT * sizeof *shares);
        snprintf(label, len, "%s", q->baseline_file->label);
        return SL_OK;
    }
    return sl_store_load_baseline(st, q->baseline, shares, label, len, err);
}

/* The files the result rests on beyond the store: a baseline read from files. */
static json_t *file_inputs(const sl_baseline_file *b)
{
    json_t *inputs = json_array();
    if (!b) return inputs;
    json_array_append_new(inputs, json_pack("{s:s, s:s, s:s}", "kind", "baseline", "file", sl_basename(b->dp05),
                                            "sha256", b->dp05_sha256));
    if (b->dp02)
        json_array_append_new(inputs, json_pack("{s:s, s:s, s:s}", "kind", "baseline DP02", "file",
                                                sl_basename(b->dp02), "sha256", b->dp02_sha256));
    return inputs;
}

/* Check the requested group names before any work is done. */
static sl_status check_groups(const char *wanted, sl_error *err)
{
    char copy[256];
    if (!wanted) return SL_OK;
    snprintf(copy, sizeof copy, "%s", wanted);
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ","))
        if (sl_group_from_name(tok) < 0)
            return sl_fail(err, SL_EUSAGE, NULL, 0, "unknown group '%s' (black, hispanic, foreign_born, white_nh)", tok);
    return SL_OK;
}

/* Keep only the groups the caller asked for, named in any case. */
static void select_groups(json_t *result, const char *wanted)
{
    if (!wanted) return;
    json_t *groups = json_object_get(result, "groups");
    for (size_t i = json_array_size(groups); i-- > 0;) {
        const char *name = json_string_value(json_object_get(json_array_get(groups, i), "group"));
        int g = name ? sl_group_from_name(name) : -1, keep = 0;
        char copy[256];
        snprintf(copy, sizeof copy, "%s", wanted);
        for (char *save, *tok = strtok_r(copy, ",", &save); tok && !keep; tok = strtok_r(NULL, ",", &save))
            keep = g >= 0 && sl_group_from_name(tok) == g;
        if (!keep) json_array_remove(groups, i);
    }
}

static int by_key(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Each inside event's place into EVENT_PLACE (NKEYS entries): the index of
** its key among the distinct sorted KEYS (K of them); SL_NO_PLACE for an
** event outside every area, which no draw places. */
#define SL_NO_PLACE SIZE_MAX
static void place_of_events(const sl_area_inputs *in, const unsigned char *inside, const uint64_t *keys, size_t k,
                            size_t *event_place)
{
    for (size_t i = 0; i < in->nkeys; i++) {
        event_place[i] = SL_NO_PLACE;
        if (!inside[i]) continue;
        size_t lo = 0, hi = k; /* the key is among them: it was counted */
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (keys[mid] <= in->place_key[i]) lo = mid;
            else hi = mid;
        }
        event_place[i] = lo;
    }
}

/* How many of the events inside the areas lie at each distinct place, into
** *SIZES (malloc'ed; NULL with none counted): inside are points with an
** area, requests with a row of weight in one. With EVENT_PLACE (may be
** NULL; NKEYS entries, malloc'ed here), each event's place (place_of_events). */
static size_t place_sizes(const sl_area_inputs *in, size_t **sizes, size_t **event_place)
{
    size_t n = 0, k = 0;
    uint64_t *keys = malloc((in->nkeys + 1) * sizeof *keys);
    unsigned char *inside = calloc(in->nkeys + 1, 1);
    *sizes = malloc((in->nkeys + 1) * sizeof **sizes);
    if (event_place) *event_place = malloc((in->nkeys + 1) * sizeof **event_place);
    if (!keys || !inside || !*sizes || !in->place_key || (event_place && !*event_place)) {
        free(keys), free(inside), free(*sizes);
        *sizes = NULL;
        if (event_place) free(*event_place), *event_place = NULL;
        return 0;
    }
    for (size_t i = 0; in->points && i < in->npoints && i < in->nkeys; i++) inside[i] = in->point_area[i] >= 0;
    for (size_t i = 0; !in->points && i < in->nrows; i++)
        if (in->rows[i].area != SL_AREA_OUTSIDE && in->rows[i].weight > 0 && (size_t)in->rows[i].event < in->nkeys)
            inside[in->rows[i].event] = 1;
    for (size_t i = 0; i < in->nkeys; i++)
        if (inside[i]) keys[n++] = in->place_key[i];
    qsort(keys, n, sizeof *keys, by_key);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || keys[i] != keys[i - 1]) keys[k] = keys[i], (*sizes)[k++] = 0;
        (*sizes)[k - 1]++;
    }
    if (event_place) place_of_events(in, inside, keys, k, *event_place);
    free(keys), free(inside);
    return k;
}

struct sl_disparity_job {
    sl_disparity_query q; /* its strings are the caller's */
    sl_area_inputs in;
    int loaded;           /* in holds what sl_area_inputs_load gave */
    int has_baseline;     /* shares and label from the store or files */
    double shares[SL_GROUP_COUNT];
    char label[512];
    char store_path[4096]; /* for the message of an empty comparison */
    const char *cameras_from; /* events "cameras": sl_load_cameras' origin (static) */
    double merge_radius_m;    /* and the radius their posts were chained within */
    json_t *residents;        /* {population_from}: the set's import (sl_analysis_population_from) */
};

/* A group asked for (--groups) that the set has no figures of is refused,
** naming those it has: dropped in silence, "black,foreign_born" over a set
** without foreign born read as if foreign born had been measured. A set
** with no group at all is left to the "nothing to compare" of compute. */
static sl_status check_groups_present(const sl_area_table *t, const char *wanted, const char *set, sl_error *err)
{
    char copy[256], have[128] = "";
    if (!wanted) return SL_OK;
    for (int g = 0; g < SL_GROUP_COUNT; g++)
        if (t->group[g]) snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s", *have ? "," : "", sl_group_name((sl_group)g));
    if (!*have) return SL_OK;
    snprintf(copy, sizeof copy, "%s", wanted);
    for (char *save, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int g = sl_group_from_name(tok);
        if (g >= 0 && !t->group[g])
            return sl_fail(err, SL_EDATA, NULL, 0, "the areas of set '%s' have no %s figures: --groups can name %s", set,
                           sl_group_name((sl_group)g), have);
    }
    return SL_OK;
}

static sl_status compute(sl_disparity_job *job, json_t **out, sl_error *err)
{
    const sl_disparity_query *q = &job->q;
    sl_status refused = check_groups_present(&job->in.table, q->groups, q->set, err);
    if (refused) return refused;
    sl_disparity_options opt;
    sl_disparity_options_default(&opt);
    opt.seed = q->seed ? q->seed : 2018;
    if (q->bootstrap) opt.bootstrap = q->bootstrap;
    if (q->permutations) opt.permutations = q->permutations;
    opt.progress = q->progress;
    if (job->has_baseline) {
        opt.baseline = job->shares;
        opt.baseline_label = job->label;
    }
    sl_disparity_result r;
    sl_area_inputs *in = &job->in;
    size_t *sizes = NULL, *event_place = NULL;
    opt.places = place_sizes(in, &sizes, q->by_place ? &event_place : NULL);
    opt.place_events = sizes;
    if (q->by_place && !event_place) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory for the events' places");
    opt.event_place = event_place;
    opt.event_place_count = in->nkeys;
    sl_status s = in->points ? sl_disparity_compute_points(&in->table, in->point_area, in->npoints, &opt, &r, err)
                             : sl_disparity_compute(&in->table, in->rows, in->nrows, &opt, &r, err);
    /* The events are counted: ten million posts' areas (40 MB) go now, for
    ** what the caller does next, not when the job is freed. */
    free(in->rows), free(in->point_area_owned), free(in->place_key), free(sizes), free(event_place);
    in->rows = NULL, in->point_area_owned = NULL, in->point_area = NULL, in->place_key = NULL;
    in->nrows = in->npoints = in->nkeys = 0;
    if (s) return s;
    *out = sl_disparity_to_json(&r);
    sl_disparity_result_free(&r);
    if (!*out) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    int bad = 0;
    sl_jset(*out, "set", json_string(q->set), &bad);
    sl_jset(*out, "events_kind", json_string(q->events), &bad);
    sl_jset(*out, "inputs", file_inputs(q->baseline_file), &bad);
    if (job->cameras_from) sl_jset(*out, "cameras_from", json_string(job->cameras_from), &bad);
    if (job->merge_radius_m > 0) sl_jset(*out, "merge_radius_m", json_real(job->merge_radius_m), &bad);
    if (in->unplaced) { /* requests kept at import without a place */
        char n[32], text[200];
        snprintf(text, sizeof text, "%s %s no location (no point, radius or polygon), so no share counts %s",
                 sl_thousands((long long)in->unplaced, n), in->unplaced == 1 ? "request has" : "requests have",
                 in->unplaced == 1 ? "it" : "them");
        sl_jset(*out, "events_no_location", json_integer((json_int_t)in->unplaced), &bad);
        sl_jset(*out, "no_location_note", json_string(text), &bad);
    }
    if (bad) return sl_json_built(out, bad, err);
    select_groups(*out, q->groups);
    /* after the choice: the notes name only the groups shown */
    if (sl_disparity_baseline_note(*out)) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    json_t *from = json_object_get(job->residents, "population_from");
    if (from && (json_object_set(*out, "population_from", from) || sl_disparity_residents_note(*out)))
        return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (json_array_size(json_object_get(*out, "groups")) == 0)
        return sl_fail(err, SL_EDATA, job->store_path, 0,
                       "nothing to compare: the areas of set '%s' have no %s figures (import the set again "
                       "with --demographics, or see `sightline info`)",
                       q->set, q->groups ? q->groups : "demographic");
    return SL_OK;
}

sl_status sl_analysis_disparity_gather(sl_store *st, const sl_disparity_query *q, sl_disparity_job **out,
                                       sl_error *err)
{
    *out = NULL;
    if (!q->events || !q->set) return sl_fail(err, SL_EUSAGE, NULL, 0, "disparity needs --events and --areas");
    sl_status s = check_groups(q->groups, err);
    if (s) return s;
    sl_disparity_job *job = calloc(1, sizeof *job);
    if (!job) return sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    job->q = *q;
    job->q.cameras = NULL; /* gathered here: the job keeps no pointer to them */
    snprintf(job->store_path, sizeof job->store_path, "%s", sl_store_path(st));
    s = sl_area_inputs_load_in(st, q->set, q->states, &job->in, err);
    job->loaded = !s;
    if (!s && !(job->residents = json_object())) s = sl_fail(err, SL_ENOMEM, NULL, 0, "out of memory");
    if (!s) s = sl_analysis_population_from(st, q->set, job->residents, err);
    if (!s) s = gather_events(st, q, &job->in, &job->cameras_from, &job->merge_radius_m, err);
    /* a baseline file, or a baseline other than the areas' own population */
    if (!s && (q->baseline_file || (q->baseline && strcmp(q->baseline, "areas") != 0))) {
        s = read_baseline(st, q, job->shares, job->label, sizeof job->label, err);
        job->has_baseline = 1;
    }
    if (s) {
        sl_disparity_job_free(job);
        return s;
    }
    *out = job;
    return SL_OK;
}

sl_status sl_analysis_disparity_finish(sl_disparity_job *job, json_t **out, sl_error *err)
{
    *out = NULL;
    sl_status s = compute(job, out, err);
    if (s && *out) {
        json_decref(*out);
        *out = NULL;
    }
    return s;
}

int sl_disparity_job_has_groups(const sl_disparity_job *job)
{
    for (int g = 0; g < SL_GROUP_COUNT; g++)
        if (job->in.table.group[g]) return 1;
    return 0;
}

void sl_disparity_job_free(sl_disparity_job *job)
{
    if (!job) return;
    if (job->loaded) sl_area_inputs_free(&job->in);
    json_decref(job->residents);
    free(job);
}

sl_status sl_analysis_disparity(sl_store *st, const sl_disparity_query *q, json_t **out,
                                sl_error *err)
{
    sl_disparity_job *job;
    *out = NULL;
    sl_status s = sl_analysis_disparity_gather(st, q, &job, err);
    if (!s) s = sl_analysis_disparity_finish(job, out, err);
    sl_disparity_job_free(job);
    return s;
}
